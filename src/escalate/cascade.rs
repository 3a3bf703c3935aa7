//! The Monte Carlo cascade.
//!
//! Each relation becomes one or more *channels*: "when actor X is involved
//! at level l, its partner Y may be drawn in up to level m", with
//! probabilities P(level >= k) from the model, scaled by the fact's status
//! and damped for mediators, cross-pressured actors and remote guarantors.
//! A channel never carries its partner above the level of the actor that
//! pulls it, so a diplomatic actor pulls no one into combat; treaty
//! channels carry combat only where the gates opened (a joiner's own
//! gates open only if a strike hits it).
//!
//! In each trial the belligerents (and the wars of the scenario) start at
//! L5; actors are processed highest level first, and each channel is drawn
//! once, level by level (reaching level k given k-1 with probability
//! p_k / p_{k-1}); treaty ties binding the same guarantor to the same
//! party share their draws, since honouring them is one decision. Every draw is a counter-based hash of (trial seed,
//! channel key, level), the key coming from the relation's content, not
//! its position: results do not depend on the number of threads or on the
//! processing order, and a leave-one-out rerun on the same seed changes
//! only what depends on the relation left out (common random numbers).

use super::gates::{GateLevel, Gates};
use super::model::{ChannelGate, LevelSpec, PartnerRole};
use super::sides::Analysis;
use super::{hash_bytes, mix64, World, LEVELS};
use crate::model::*;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

const NONE: u32 = u32::MAX;
/// Trials per parallel block.
const BLOCK: u32 = 64;

/// What a channel is made of.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ChannelKind {
    /// An ordinary relation, by the model's channel spec (index).
    Tie { spec: usize },
    /// A treaty tie between co-parties (or a party and its organisation).
    Treaty {
        treaty: TreatyId,
        level: GateLevel,
        institution: bool,
    },
}

impl Channel {
    /// A treaty tie between two parties: it shares its draws with every
    /// other treaty tie of the same pair.
    pub fn shared_decision(&self) -> bool {
        matches!(
            self.kind,
            ChannelKind::Treaty {
                institution: false,
                ..
            }
        )
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Channel {
    /// The actor already involved.
    pub from: u32,
    /// The actor it may draw in.
    pub to: u32,
    pub max: u8,
    /// P(level >= k), k = 1..=5, after status, damping and caps.
    pub p: [f64; LEVELS],
    pub key: u64,
    pub rels: Vec<RelId>,
    pub kind: ChannelKind,
    /// Host-territory gate: `Some(open)`.
    pub gate_open: Option<bool>,
    /// Damping applied to the partner, in words.
    pub damped: Vec<&'static str>,
    /// The least level `from` must have for the channel to act.
    pub source_level: u8,
}

pub(crate) struct Plan {
    pub n: usize,
    pub channels: Vec<Channel>,
    /// Per actor, the channels that may draw it in (by index).
    pub into: Vec<Vec<u32>>,
    /// The trial loop's view of the channels, packed by the actor they
    /// leave: those out of actor `a` are `hot_start[a]..hot_start[a + 1]`
    /// (in channel order), their partners in `hot_to` (four bytes each:
    /// a trial scans them all, and most end there, their partner being
    /// already in) and what their draws need in `hot`.
    hot_to: Vec<u32>,
    hot: Vec<Hot>,
    hot_start: Vec<u32>,
    pub start: Vec<u32>,
    pub belligerent: Vec<bool>,
    /// Actors whose probabilities are reported.
    pub reported: Vec<bool>,
    /// Non-belligerent states (for the any-third-state figure).
    pub third_state: Vec<bool>,
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

impl Plan {
    pub fn build(w: &World, gates: &Gates, an: &Analysis) -> Plan {
        let g = w.g;
        let m = w.model;
        let n = g.actors.len();
        let fp = fingerprints(g);
        let mut channels: Vec<Channel> = Vec::new();
        let org_max = m.organisation_max_level.p.round().clamp(1.0, 5.0) as u8;

        // Damping of a partner, per level.
        let damp = |partner: ActorId, remote: bool| -> ([f64; LEVELS], Vec<&'static str>) {
            let mut f = [1.0; LEVELS];
            let mut why = Vec::new();
            let mut apply = |d: &super::model::Damping, name: &'static str| {
                for (k, fk) in f.iter_mut().enumerate() {
                    if k + 1 >= d.from_level as usize {
                        *fk *= d.factor.p;
                    }
                }
                why.push(name);
            };
            if an.mediator[partner.index()] {
                apply(&m.mediator, "mediator");
            }
            if an.cross_pressured[partner.index()] {
                apply(&m.cross_pressure, "cross-pressured");
            }
            if remote {
                apply(&m.remote_guarantor, "remote guarantor");
            }
            if g.actor(partner).kind == ActorKind::Organisation {
                apply(&m.organisation, "organisation (consensus)");
            }
            (f, why)
        };

        let belligerents = w.scenario.belligerents();
        let mut belligerent = vec![false; n];
        for b in &belligerents {
            belligerent[b.index()] = true;
        }
        let is_org = |a: ActorId| g.actor(a).kind == ActorKind::Organisation;
        let mut push = |from: ActorId,
                        to: ActorId,
                        spec_levels: &dyn Fn(u8) -> f64,
                        spec_max: u8,
                        weight: f64,
                        cap: u8,
                        remote: bool,
                        key: u64,
                        rels: Vec<RelId>,
                        kind: ChannelKind,
                        gate_open: Option<bool>| {
            if from == to || belligerent[to.index()] || w.is_hub[to.index()] {
                return;
            }
            let mut max = spec_max.min(cap);
            if is_org(to) {
                max = max.min(org_max);
            }
            let (f, damped) = damp(to, remote);
            let mut p = [0.0; LEVELS];
            let mut prev = 1.0f64;
            for k in 1..=LEVELS as u8 {
                if k > max {
                    break;
                }
                let v = (spec_levels(k) * weight * f[k as usize - 1]).clamp(0.0, prev);
                p[k as usize - 1] = v;
                prev = v;
            }
            if p[0] <= 0.0 {
                return;
            }
            channels.push(Channel {
                from: from.0,
                to: to.0,
                max,
                p,
                key,
                rels,
                kind,
                gate_open,
                damped,
                source_level: 1,
            });
        };

        // Ordinary relations.
        for r in g.relation_ids() {
            if !w.live[r.index()] {
                continue;
            }
            let rel = g.relation(r);
            if rel.treaty.is_some() {
                continue; // treaty ties below
            }
            let (Some(af), Some(at)) = (w.agent(rel.from), w.agent(rel.to)) else {
                continue;
            };
            if af == at {
                continue;
            }
            let weight = w.weight(r);
            for (si, spec) in m.channels.iter().enumerate() {
                if spec.rtype != rel.rtype {
                    continue;
                }
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
                    let open = gates.base_open.get(&r).copied().unwrap_or(false);
                    if !open {
                        cap = cap.min(closed_max);
                    }
                    gate_open = Some(open);
                }
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
                    let key = mix64(fp[r.index()] ^ mix64((si as u64) << 8 | dir));
                    push(
                        active,
                        partner,
                        &|k| spec.p(k),
                        spec.max_level(),
                        weight,
                        cap,
                        false,
                        key,
                        vec![r],
                        ChannelKind::Tie { spec: si },
                        gate_open,
                    );
                }
            }
        }

        // Treaty ties: between co-parties, and between a member and its organisation.
        let spec_for = |l: GateLevel| -> &LevelSpec {
            match l {
                GateLevel::Defence => &m.defence_open,
                GateLevel::Consultation => &m.consultation_open,
                GateLevel::Closed => &m.treaty_closed,
            }
        };
        for ti in 0..g.treaties.len() {
            let t = TreatyId(ti as u32);
            let parties = w.treaty_parties(t);
            for p in &parties {
                let level = gates.treaty_level(t, p.actor);
                let spec = spec_for(level);
                for q in &parties {
                    if q.actor == p.actor {
                        continue;
                    }
                    let weight = w.weight(p.anchor).min(w.weight(q.anchor));
                    let remote = level == GateLevel::Defence
                        && g.actor(q.actor).kind == ActorKind::State
                        && !an.connected(p.actor, q.actor);
                    let mut rels = vec![p.anchor];
                    if q.anchor != p.anchor {
                        rels.push(q.anchor);
                    }
                    // Every treaty binding q to p is one decision of q's:
                    // the channels share their draws (the key names the
                    // pair, not the treaty), so the strongest obligation
                    // decides and an overlapping one adds nothing.
                    let key = hash_bytes(&[
                        b"treaty-pair",
                        g.actor(p.actor).id.as_bytes(),
                        g.actor(q.actor).id.as_bytes(),
                    ]);
                    push(
                        p.actor,
                        q.actor,
                        &|k| spec.p(k),
                        spec.max_level(),
                        weight,
                        5,
                        remote,
                        key,
                        rels,
                        ChannelKind::Treaty {
                            treaty: t,
                            level,
                            institution: false,
                        },
                        None,
                    );
                }
                if let Some(inst) = p.institution {
                    let weight = w.weight(p.anchor);
                    let key = mix64(fp[p.anchor.index()] ^ 0x696e_7374_0001);
                    push(
                        p.actor,
                        inst,
                        &|k| spec.p(k),
                        spec.max_level(),
                        weight,
                        5,
                        false,
                        key,
                        vec![p.anchor],
                        ChannelKind::Treaty {
                            treaty: t,
                            level,
                            institution: true,
                        },
                        None,
                    );
                    let closed = &m.treaty_closed;
                    let key = mix64(fp[p.anchor.index()] ^ 0x696e_7374_0002);
                    push(
                        inst,
                        p.actor,
                        &|k| closed.p(k),
                        closed.max_level(),
                        weight,
                        5,
                        false,
                        key,
                        vec![p.anchor],
                        ChannelKind::Treaty {
                            treaty: t,
                            level: GateLevel::Closed,
                            institution: true,
                        },
                        None,
                    );
                }
            }
        }

        // A channel acts only from a puller that has reached its source level.
        for c in channels.iter_mut() {
            if let ChannelKind::Tie { spec } = c.kind {
                c.source_level = m.channels[spec].source_level;
            }
        }
        let mut out = vec![Vec::new(); n];
        let mut into = vec![Vec::new(); n];
        for (i, c) in channels.iter().enumerate() {
            out[c.from as usize].push(i as u32);
            into[c.to as usize].push(i as u32);
        }
        let mut hot: Vec<Hot> = Vec::with_capacity(channels.len());
        let mut hot_start = Vec::with_capacity(n + 1);
        for o in &out {
            hot_start.push(hot.len() as u32);
            hot.extend(o.iter().map(|&ci| {
                let c = &channels[ci as usize];
                Hot {
                    to: c.to,
                    ci,
                    max: c.max,
                    source_level: c.source_level,
                    key: c.key,
                    p: c.p,
                }
            }));
        }
        hot_start.push(hot.len() as u32);
        let hot_to: Vec<u32> = hot.iter().map(|h: &Hot| h.to).collect();
        let mut start: Vec<u32> = belligerents.iter().map(|a| a.0).collect();
        for h in &w.hubs {
            if !start.contains(&h.0) {
                start.push(h.0);
            }
        }
        let reported: Vec<bool> = g
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                !w.is_hub[i]
                    && matches!(
                        a.kind,
                        ActorKind::State | ActorKind::Organisation | ActorKind::ArmedGroup
                    )
            })
            .collect();
        let third_state: Vec<bool> = g
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| a.kind == ActorKind::State && !belligerent[i])
            .collect();
        Plan {
            n,
            channels,
            into,
            hot_to,
            hot,
            hot_start,
            start,
            belligerent,
            reported,
            third_state,
        }
    }
}

/// A channel as the trial loop sees it: what the draws need, packed and
/// stored in the order the loop reads them.
#[derive(Clone, Copy, Debug)]
struct Hot {
    /// The partner.
    to: u32,
    /// The channel's index in `Plan::channels`.
    ci: u32,
    max: u8,
    /// The least level of the puller that lets the channel carry.
    source_level: u8,
    key: u64,
    p: [f64; LEVELS],
}

/// A uniform in [0, 1) fixed by (trial seed, channel key, level).
#[inline]
pub(crate) fn uniform(seed: u64, key: u64, level: u8) -> f64 {
    let x = mix64(seed ^ mix64(key.wrapping_add(level as u64)));
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The seed of trial `t` of a run seeded `master`.
#[inline]
fn trial_seed(master: u64, t: u32) -> u64 {
    mix64(mix64(master) ^ mix64(0x7472_6961_6c00_0000 ^ t as u64))
}

/// Per-trial working memory.
pub(crate) struct Scratch {
    pub level: Vec<u8>,
    pub parent: Vec<u32>,
    popped: Vec<bool>,
    chain: Vec<u64>,
    bucket: [Vec<u32>; LEVELS + 1],
    head: [usize; LEVELS + 1],
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            level: vec![0; n],
            parent: vec![NONE; n],
            popped: vec![false; n],
            chain: vec![0; n],
            bucket: Default::default(),
            head: [0; LEVELS + 1],
        }
    }
}

/// One trial: final levels and parents in `s`.
fn trial(plan: &Plan, seed: u64, mask: Option<&[bool]>, s: &mut Scratch) {
    s.level.fill(0);
    s.parent.fill(NONE);
    s.popped.fill(false);
    for b in s.bucket.iter_mut() {
        b.clear();
    }
    s.head = [0; LEVELS + 1];
    for &b in &plan.start {
        s.level[b as usize] = LEVELS as u8;
        s.chain[b as usize] = mix64(0x6265_6c6c ^ b as u64);
        s.bucket[LEVELS].push(b);
    }
    while let Some(k) = (1..=LEVELS).rev().find(|k| s.head[*k] < s.bucket[*k].len()) {
        let a = s.bucket[k][s.head[k]] as usize;
        s.head[k] += 1;
        if s.popped[a] || s.level[a] as usize != k {
            continue;
        }
        s.popped[a] = true;
        let pa = s.parent[a];
        if pa != NONE {
            let src = plan.channels[pa as usize].from as usize;
            s.chain[a] = mix64(s.chain[src] ^ ((pa as u64) << 3 | k as u64));
        }
        let range = plan.hot_start[a] as usize..plan.hot_start[a + 1] as usize;
        for (j, &b) in plan.hot_to[range.clone()].iter().enumerate() {
            let b = b as usize;
            // A partner already processed, or already at the level of the
            // puller, cannot be drawn higher: most channels end here,
            // having read four bytes.
            if s.popped[b] || s.level[b] >= k as u8 {
                continue;
            }
            let h = &plan.hot[range.start + j];
            let ci = h.ci;
            if mask.is_some_and(|m| m[ci as usize]) {
                continue;
            }
            let c = h;
            if (k as u8) < c.source_level {
                continue;
            }
            let m = c.max.min(k as u8);
            if m <= s.level[b] {
                continue;
            }
            let mut got = 0u8;
            let mut prev = 1.0f64;
            for lvl in 1..=m {
                let p = c.p[lvl as usize - 1];
                if p <= 0.0 {
                    break;
                }
                if uniform(seed, c.key, lvl) * prev < p {
                    got = lvl;
                    prev = p;
                } else {
                    break;
                }
            }
            if got > s.level[b] {
                s.level[b] = got;
                s.parent[b] = ci;
                s.bucket[got as usize].push(b as u32);
            }
        }
    }
}

/// A chain seen in some trials.
#[derive(Clone, Debug)]
pub(crate) struct ChainCount {
    pub count: u32,
    /// (channel, level reached by its partner), from a belligerent outwards.
    pub hops: Vec<(u32, u8)>,
}

/// Tallies of a run.
#[derive(Clone, Debug)]
pub(crate) struct Stats {
    pub trials: u32,
    /// Per actor: trials ending at level 0..=5.
    pub counts: Vec<[u32; LEVELS + 1]>,
    /// Trials in which some non-belligerent state reached L5.
    pub any_l5: u32,
    /// (actor, chain hash) -> count and chain.
    pub chains: FxHashMap<(u32, u64), ChainCount>,
    /// Per channel: trials in which it gave its partner its final level.
    pub last_hop: Vec<u32>,
    light: bool,
}

impl Stats {
    fn new(plan: &Plan, light: bool) -> Stats {
        Stats {
            trials: 0,
            counts: vec![[0; LEVELS + 1]; plan.n],
            any_l5: 0,
            chains: FxHashMap::default(),
            last_hop: if light {
                Vec::new()
            } else {
                vec![0; plan.channels.len()]
            },
            light,
        }
    }

    fn record(&mut self, plan: &Plan, s: &Scratch) {
        self.trials += 1;
        let mut any = false;
        for x in 0..plan.n {
            if !plan.reported[x] {
                continue;
            }
            let l = s.level[x];
            self.counts[x][l as usize] += 1;
            if l as usize == LEVELS && plan.third_state[x] {
                any = true;
            }
            if self.light || l == 0 || plan.belligerent[x] {
                continue;
            }
            let p = s.parent[x];
            if p != NONE {
                self.last_hop[p as usize] += 1;
            }
            self.chains
                .entry((x as u32, s.chain[x]))
                .or_insert_with(|| {
                    let mut hops = Vec::new();
                    let mut cur = x;
                    while s.parent[cur] != NONE && hops.len() <= plan.n {
                        let c = s.parent[cur];
                        hops.push((c, s.level[cur]));
                        cur = plan.channels[c as usize].from as usize;
                    }
                    hops.reverse();
                    ChainCount { count: 0, hops }
                })
                .count += 1;
        }
        if any {
            self.any_l5 += 1;
        }
    }

    fn merge(mut self, other: Stats) -> Stats {
        self.trials += other.trials;
        self.any_l5 += other.any_l5;
        for (a, b) in self.counts.iter_mut().zip(other.counts.iter()) {
            for k in 0..=LEVELS {
                a[k] += b[k];
            }
        }
        for (a, b) in self.last_hop.iter_mut().zip(other.last_hop.iter()) {
            *a += *b;
        }
        for (k, v) in other.chains {
            self.chains
                .entry(k)
                .and_modify(|c| c.count += v.count)
                .or_insert(v);
        }
        self
    }

    /// P(level >= k) numerators for actor x.
    pub fn at_least(&self, x: usize, k: usize) -> u32 {
        self.counts[x][k..].iter().sum()
    }
}

/// Runs trials `0..trials` of a master seed, in parallel blocks; the
/// result does not depend on the number of threads.
fn run_trials(plan: &Plan, trials: u32, seed: u64, mask: Option<&[bool]>, light: bool) -> Stats {
    let blocks = trials.div_ceil(BLOCK);
    (0..blocks)
        .into_par_iter()
        .map(|b| {
            let mut s = Scratch::new(plan.n);
            let mut st = Stats::new(plan, light);
            for t in b * BLOCK..((b + 1) * BLOCK).min(trials) {
                trial(plan, trial_seed(seed, t), mask, &mut s);
                st.record(plan, &s);
            }
            st
        })
        .reduce(|| Stats::new(plan, light), Stats::merge)
}

/// The main run, and the leave-one-out reruns.
pub(crate) struct Runs {
    pub main: Stats,
    /// The first `loo_trials` trials, unchanged (the baseline of the reruns).
    pub prefix: Option<Stats>,
    /// Per relation left out: the first `loo_trials` trials without it.
    pub loo: Vec<(RelId, Stats)>,
    pub loo_trials: u32,
}

/// Incoming relations whose removal is rerun, at most this many in all.
const LOO_MAX_RELATIONS: usize = 40;
/// And at most this many per actor.
pub(crate) const LOO_PER_ACTOR: usize = 6;

/// The incoming channels of actor `x` that gave it its final level in
/// some trial, most frequent first. Treaty ties of the same pair share
/// their draws (one decision), so each is credited with the trials of all.
pub(crate) fn incoming(plan: &Plan, main: &Stats, x: usize) -> Vec<(u32, u32)> {
    let into: Vec<usize> = plan.into[x].iter().map(|i| *i as usize).collect();
    let mut v: Vec<(u32, u32)> = into
        .iter()
        .map(|&i| {
            let c = &plan.channels[i];
            let cnt = if c.shared_decision() {
                into.iter()
                    .filter(|&&j| {
                        plan.channels[j].shared_decision() && plan.channels[j].key == c.key
                    })
                    .map(|&j| main.last_hop[j])
                    .sum()
            } else {
                main.last_hop[i]
            };
            (i as u32, cnt)
        })
        .filter(|(_, cnt)| *cnt > 0)
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// The relations of those channels, with the trials in which a channel
/// made of them gave `x` its final level, most frequent first.
pub(crate) fn incoming_relations(plan: &Plan, main: &Stats, x: usize) -> Vec<(RelId, u32)> {
    let mut m: Vec<(RelId, u32)> = Vec::new();
    for (ci, cnt) in incoming(plan, main, x) {
        for r in &plan.channels[ci as usize].rels {
            match m.iter_mut().find(|(rr, _)| rr == r) {
                Some(e) => e.1 += cnt,
                None => m.push((*r, cnt)),
            }
        }
    }
    m.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    m
}

pub(crate) fn run(plan: &Plan, trials: u32, seed: u64, loo_trials: u32) -> Runs {
    let main = run_trials(plan, trials, seed, None, false);
    if loo_trials == 0 {
        return Runs {
            main,
            prefix: None,
            loo: Vec::new(),
            loo_trials: 0,
        };
    }
    // Which relations to leave out: those carrying actors in, by use.
    let mut use_of: HashMap<RelId, u32> = HashMap::new();
    for x in 0..plan.n {
        if !plan.reported[x] || plan.belligerent[x] {
            continue;
        }
        for (r, cnt) in incoming_relations(plan, &main, x)
            .into_iter()
            .take(LOO_PER_ACTOR)
        {
            *use_of.entry(r).or_insert(0) += cnt;
        }
    }
    let mut cands: Vec<(RelId, u32)> = use_of.into_iter().collect();
    cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    cands.truncate(LOO_MAX_RELATIONS);
    let prefix = run_trials(plan, loo_trials, seed, None, true);
    let loo = cands
        .iter()
        .map(|(r, _)| {
            let mask: Vec<bool> = plan.channels.iter().map(|c| c.rels.contains(r)).collect();
            (*r, run_trials(plan, loo_trials, seed, Some(&mask), true))
        })
        .collect();
    Runs {
        main,
        prefix: Some(prefix),
        loo,
        loo_trials,
    }
}
