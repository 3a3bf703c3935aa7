//! Channels: each live relation, treaty tie and joining candidate of a
//! scenario becomes one or more channels ("when X is involved at level l,
//! Y may be drawn in up to level m", with P(level >= k)), scaled by the
//! fact's status, damped (mediators, cross-pressure, remote guarantors,
//! organisations), capped (combat of a state is the joining model's;
//! armed groups from another theatre are never drawn in).
//!
//! It runs no trial (`trials.rs`) and packs nothing for the trial loop
//! (`cascade.rs`).

use super::cascade::{Channel, ChannelKind};
use super::gates::{GateLevel, Gates};
use super::joining::Candidate;
use super::model::{ChannelGate, ChannelSpec, Damping, LevelSpec, PartnerRole};
use super::sides::Analysis;
use super::{hash_bytes, mix64, World, LEVELS};
use crate::model::*;
use std::collections::HashMap;

/// A channel before its caps and damping.
struct Draft<'s> {
    from: ActorId,
    to: ActorId,
    levels: &'s dyn Fn(u8) -> f64,
    max: u8,
    weight: f64,
    remote: bool,
    key: u64,
    rels: Vec<RelId>,
    kind: ChannelKind,
    gate_open: Option<bool>,
}

/// Builds the channels of a scenario.
pub(crate) struct Builder<'a> {
    w: &'a World<'a>,
    gates: &'a Gates,
    an: &'a Analysis,
    fp: Vec<u64>,
    belligerent: Vec<bool>,
    theatre: Vec<bool>,
    org_max: u8,
    channels: Vec<Channel>,
}

impl<'a> Builder<'a> {
    pub fn new(w: &'a World<'a>, gates: &'a Gates, an: &'a Analysis) -> Builder<'a> {
        let mut belligerent = vec![false; w.g.actors.len()];
        for b in &w.belligerents {
            belligerent[b.index()] = true;
        }
        Builder {
            w,
            gates,
            an,
            fp: fingerprints(w.g),
            belligerent,
            theatre: in_theatre(w),
            org_max: w.model.organisation_max_level.p.round().clamp(1.0, 5.0) as u8,
            channels: Vec::new(),
        }
    }

    /// The channels, each acting only from a puller at its source level.
    pub fn finish(mut self) -> Vec<Channel> {
        let m = self.w.model;
        for c in self.channels.iter_mut() {
            if let ChannelKind::Tie { spec } = c.kind {
                c.source_level = m.channels[spec].source_level;
            }
        }
        self.channels
    }

    /// Damping of a partner, per level, and its reasons.
    fn damp(&self, partner: ActorId, remote: bool) -> ([f64; LEVELS], Vec<&'static str>) {
        let m = self.w.model;
        let mut f = [1.0; LEVELS];
        let mut why = Vec::new();
        let mut apply = |d: &Damping, name: &'static str| {
            for (k, fk) in f.iter_mut().enumerate() {
                if k + 1 >= d.from_level as usize {
                    *fk *= d.factor.p;
                }
            }
            why.push(name);
        };
        if self.an.mediator[partner.index()] {
            apply(&m.mediator, "mediator");
        }
        if self.an.cross_pressured[partner.index()] {
            apply(&m.cross_pressure, "cross-pressured");
        }
        if remote {
            apply(&m.remote_guarantor, "remote guarantor");
        }
        if self.w.g.actor(partner).kind == ActorKind::Organisation {
            apply(&m.organisation, "organisation (consensus)");
        }
        (f, why)
    }

    /// The highest level a draft may carry its partner to.
    fn cap(&self, d: &Draft) -> u8 {
        let (g, m) = (self.w.g, self.w.model);
        let mut max = d.max;
        if g.actor(d.to).kind == ActorKind::Organisation {
            max = max.min(self.org_max);
        }
        // Combat of a state is the joining model's: heuristic channels
        // carry a state up to the combat section's level, except the facts
        // of fighting already going on.
        let exempt = match &d.kind {
            ChannelKind::Tie { spec } => m.combat.exempt_types.contains(&m.channels[*spec].rtype),
            _ => false,
        };
        if g.actor(d.to).kind == ActorKind::State && !exempt {
            max = max.min(m.combat.channel_max_level);
        }
        max
    }

    fn push(&mut self, d: Draft) {
        let to = d.to.index();
        if d.from == d.to || self.belligerent[to] || self.w.is_hub[to] || !self.theatre[to] {
            return;
        }
        let max = self.cap(&d);
        let (f, damped) = self.damp(d.to, d.remote);
        let mut p = [0.0; LEVELS];
        let mut prev = 1.0f64;
        for k in 1..=max.min(LEVELS as u8) {
            let v = ((d.levels)(k) * d.weight * f[k as usize - 1]).clamp(0.0, prev);
            p[k as usize - 1] = v;
            prev = v;
        }
        if p[0] <= 0.0 {
            return;
        }
        self.channels.push(Channel {
            from: d.from.0,
            to: d.to.0,
            max,
            p,
            key: d.key,
            rels: d.rels,
            kind: d.kind,
            gate_open: d.gate_open,
            damped,
            source_level: 1,
        });
    }

    /// Ordinary relations (not treaty ties), by the model's channel specs.
    pub fn ties(&mut self) {
        let (g, m) = (self.w.g, self.w.model);
        for r in g.relation_ids() {
            let rel = g.relation(r);
            if !self.w.live[r.index()] || rel.treaty.is_some() {
                continue; // treaty ties: `treaty_ties`
            }
            let (Some(af), Some(at)) = (self.w.agent(rel.from), self.w.agent(rel.to)) else {
                continue;
            };
            if af == at {
                continue;
            }
            for (si, spec) in m.channels.iter().enumerate() {
                if spec.rtype == rel.rtype {
                    self.tie(r, si, spec, af, at);
                }
            }
        }
    }

    /// The cap of a channel spec on a relation: support kinds, host gate.
    fn spec_cap(&self, r: RelId, spec: &ChannelSpec) -> (u8, Option<bool>) {
        let rel = self.w.g.relation(r);
        let mut cap = spec.max_level();
        if !spec.cap_by_support.is_empty() && !rel.support.is_empty() {
            cap = rel
                .support
                .iter()
                .map(|k| {
                    spec.cap_by_support
                        .iter()
                        .find(|(kk, _)| kk == k)
                        .map(|(_, l)| *l)
                        .unwrap_or(spec.max_level())
                })
                .max()
                .unwrap_or(cap);
        }
        let mut gate_open = None;
        if let Some(ChannelGate::HostTerritory { closed_max }) = spec.gate {
            let open = self.gates.base_open.get(&r).copied().unwrap_or(false);
            if !open {
                cap = cap.min(closed_max);
            }
            gate_open = Some(open);
        }
        (cap, gate_open)
    }

    fn tie(&mut self, r: RelId, si: usize, spec: &ChannelSpec, af: ActorId, at: ActorId) {
        let g = self.w.g;
        let (cap, gate_open) = self.spec_cap(r, spec);
        let dirs: Vec<(ActorId, ActorId, u64)> = match spec.partner {
            PartnerRole::From => vec![(at, af, 1)],
            PartnerRole::To => vec![(af, at, 2)],
            PartnerRole::Either => vec![(af, at, 3), (at, af, 4)],
        };
        for (active, partner, dir) in dirs {
            if !spec.partner_kinds.is_empty()
                && !spec.partner_kinds.contains(&g.actor(partner).kind)
            {
                continue;
            }
            let key = mix64(self.fp[r.index()] ^ mix64((si as u64) << 8 | dir));
            self.push(Draft {
                from: active,
                to: partner,
                levels: &|k| spec.p(k),
                max: spec.max_level().min(cap),
                weight: self.w.weight(r),
                remote: false,
                key,
                rels: vec![r],
                kind: ChannelKind::Tie { spec: si },
                gate_open,
            });
        }
    }

    /// Treaty ties: between co-parties, and between a member and its
    /// organisation, by the widest gate open for the party.
    pub fn treaty_ties(&mut self) {
        let w = self.w;
        for ti in 0..w.g.treaties.len() {
            let t = TreatyId(ti as u32);
            let parties = w.treaty_parties(t);
            for p in &parties {
                let level = self.gates.treaty_level(t, p.actor);
                let spec = spec_for(w.model, level);
                for q in parties.iter().filter(|q| q.actor != p.actor) {
                    self.co_party(t, level, spec, p, q);
                }
                if let Some(inst) = p.institution {
                    self.institution(t, level, spec, p, inst);
                }
            }
        }
    }

    fn co_party(
        &mut self,
        t: TreatyId,
        level: GateLevel,
        spec: &LevelSpec,
        p: &super::Party,
        q: &super::Party,
    ) {
        let (w, g) = (self.w, self.w.g);
        let remote = level == GateLevel::Defence
            && g.actor(q.actor).kind == ActorKind::State
            && !self.an.connected(p.actor, q.actor);
        let mut rels = vec![p.anchor];
        if q.anchor != p.anchor {
            rels.push(q.anchor);
        }
        // Every treaty binding q to p is one decision of q's: the channels
        // share their draws (the key names the pair, not the treaty), so
        // the strongest obligation decides and an overlapping one adds
        // nothing.
        let key = hash_bytes(&[
            b"treaty-pair",
            g.actor(p.actor).id.as_bytes(),
            g.actor(q.actor).id.as_bytes(),
        ]);
        self.push(Draft {
            from: p.actor,
            to: q.actor,
            levels: &|k| spec.p(k),
            max: spec.max_level(),
            weight: w.weight(p.anchor).min(w.weight(q.anchor)),
            remote,
            key,
            rels,
            kind: ChannelKind::Treaty {
                treaty: t,
                level,
                institution: false,
            },
            gate_open: None,
        });
    }

    fn institution(
        &mut self,
        t: TreatyId,
        level: GateLevel,
        spec: &LevelSpec,
        p: &super::Party,
        inst: ActorId,
    ) {
        let weight = self.w.weight(p.anchor);
        let fp = self.fp[p.anchor.index()];
        self.push(Draft {
            from: p.actor,
            to: inst,
            levels: &|k| spec.p(k),
            max: spec.max_level(),
            weight,
            remote: false,
            key: mix64(fp ^ 0x696e_7374_0001),
            rels: vec![p.anchor],
            kind: ChannelKind::Treaty {
                treaty: t,
                level,
                institution: true,
            },
            gate_open: None,
        });
        let closed = &self.w.model.treaty_closed;
        self.push(Draft {
            from: inst,
            to: p.actor,
            levels: &|k| closed.p(k),
            max: closed.max_level(),
            weight,
            remote: false,
            key: mix64(fp ^ 0x696e_7374_0002),
            rels: vec![p.anchor],
            kind: ChannelKind::Treaty {
                treaty: t,
                level: GateLevel::Closed,
                institution: true,
            },
            gate_open: None,
        });
    }

    /// The joining model: one channel from the war to each candidate,
    /// straight to L4 with the model's probability (levels 1 to 4 share
    /// one draw), L5 for a share of those. Not capped, not damped: the
    /// model's probability is what was fitted.
    pub fn joining(&mut self, joins: &[Candidate]) {
        let (g, m) = (self.w.g, self.w.model);
        let l5 = m.combat.co_belligerent.p;
        for (i, cand) in joins.iter().enumerate() {
            if cand.p <= 0.0 || self.belligerent[cand.actor.index()] {
                continue;
            }
            let p = cand.p;
            let mut rels: Vec<RelId> = Vec::new();
            for t in cand
                .terms
                .iter()
                .filter(|t| t.value != 0.0 && m.joining.coef(t.name) != 0.0)
            {
                for f in &t.facts {
                    if !rels.contains(f) {
                        rels.push(*f);
                    }
                }
            }
            self.channels.push(Channel {
                from: cand.puller.0,
                to: cand.actor.0,
                max: LEVELS as u8,
                p: [p, p, p, p, p * l5],
                key: hash_bytes(&[b"joining", g.actor(cand.actor).id.as_bytes()]),
                rels,
                kind: ChannelKind::Joining { candidate: i },
                gate_open: None,
                damped: Vec::new(),
                source_level: LEVELS as u8,
            });
        }
    }
}

/// The level spec of a treaty tie by its gate.
fn spec_for(m: &super::Model, l: GateLevel) -> &LevelSpec {
    match l {
        GateLevel::Defence | GateLevel::Conditional => &m.defence_open,
        GateLevel::Consultation => &m.consultation_open,
        GateLevel::Closed => &m.treaty_closed,
    }
}

/// A stable fingerprint of each relation from its content, so that adding
/// or removing other relations leaves it unchanged.
fn fingerprints(g: &Graph) -> Vec<u64> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    g.relations
        .iter()
        .map(|r| {
            let base = hash_bytes(&[
                r.rtype.as_bytes(),
                g.actor(r.from).id.as_bytes(),
                g.actor(r.to).id.as_bytes(),
                r.valid_from
                    .map(|d| d.to_string())
                    .unwrap_or_default()
                    .as_bytes(),
                r.valid_until
                    .map(|d| d.to_string())
                    .unwrap_or_default()
                    .as_bytes(),
                r.key.as_deref().unwrap_or("").as_bytes(),
                r.treaty
                    .map(|t| g.treaty(t).id.clone())
                    .unwrap_or_default()
                    .as_bytes(),
            ]);
            let occ = seen.entry(base).or_insert(0);
            *occ += 1;
            mix64(base ^ (*occ as u64))
        })
        .collect()
}

/// Per actor: may it be drawn in at all? Every actor but an armed group
/// from another theatre: an armed group is in the war's theatre if a live
/// fact ties it to a belligerent (other than support it receives: a
/// patron's support for its war elsewhere does not bring it here), to a
/// place within a belligerent's territory, or to a war of the scenario.
fn in_theatre(w: &World) -> Vec<bool> {
    let g = w.g;
    g.actor_ids()
        .map(|a| {
            g.actor(a).kind != ActorKind::ArmedGroup
                || g.relations_of(a).any(|r| {
                    let rel = g.relation(r);
                    if !w.live[r.index()] {
                        return false;
                    }
                    let received =
                        rel.to == a && matches!(rel.rtype.as_str(), "supports" | "arms_supplier");
                    let o = rel.other(a);
                    let at_war_place =
                        matches!(g.actor(o).kind, ActorKind::Place | ActorKind::Territory)
                            && g.de_jure_holder(o)
                                .is_some_and(|h| w.side[h.index()].is_some());
                    !received
                        && (w.side[o.index()].is_some() || w.is_hub[o.index()] || at_war_place)
                })
        })
        .collect()
}
