//! Gates: which treaty obligations (and base guarantees) a scenario's
//! strikes open. Deterministic, evaluated before any draw, and traced
//! condition by condition.

use super::model::{ChannelGate, PartnerRole};
use super::World;
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;
use std::collections::HashMap;

/// How far a treaty tie can carry a party's partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GateLevel {
    /// No obligation opens: the tie is an ordinary friendly tie (L1).
    Closed,
    /// A consultation obligation opens (L1).
    Consultation,
    /// A defence (or offence) obligation opens unless a condition ATOP
    /// codes but does not spell out (which location, which conflict, which
    /// demands) excludes this strike: the joining model weighs it by its
    /// own term.
    Conditional,
    /// A defence (or offence) obligation opens: combat up to L5.
    Defence,
}

impl GateLevel {
    pub fn describe(self) -> &'static str {
        match self {
            GateLevel::Closed => "nothing (closed)",
            GateLevel::Consultation => "consultation (L1)",
            GateLevel::Conditional => "combat, under a condition the data do not settle",
            GateLevel::Defence => "combat (up to L5)",
        }
    }
}

/// One condition of a gate and whether it holds.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Check {
    pub condition: String,
    pub met: bool,
    pub detail: String,
}

/// A treaty, named.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TreatyRef {
    pub id: String,
    pub name: String,
}

/// One gate evaluated: a treaty obligation for a party hit by a strike (or
/// a treaty none of whose parties is hit, or a foreign base's host).
#[derive(Clone, Debug, Serialize)]
pub struct GateTrace {
    /// `treaty` or `base`.
    pub gate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treaty: Option<TreatyRef>,
    /// defence, consultation or offence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obligation: Option<String>,
    /// The clause, in the treaty's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    /// The party hit (or the base's host).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<ActorRef>,
    /// The strike (1-based) evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strike: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<ActorRef>,
    pub open: bool,
    /// What an open gate lets through.
    pub opens: String,
    pub checks: Vec<Check>,
    /// Who would be obliged (the other parties; the base's owner).
    pub guarantors: Vec<ActorRef>,
    /// The facts the gate rests on: the party's tie to the treaty, `part_of` links, bases.
    pub facts: Vec<RelationView>,
    /// One line: the verdict and the first reason.
    pub summary: String,
}

/// Every gate of a scenario.
pub(crate) struct Gates {
    pub traces: Vec<GateTrace>,
    /// The widest gate open for a treaty and the party hit.
    pub treaty: HashMap<(TreatyId, ActorId), GateLevel>,
    /// Per relation with a host-territory gate: is it open?
    pub base_open: HashMap<RelId, bool>,
}

impl Gates {
    pub fn treaty_level(&self, t: TreatyId, party: ActorId) -> GateLevel {
        self.treaty
            .get(&(t, party))
            .copied()
            .unwrap_or(GateLevel::Closed)
    }
}

/// Conditions an ATOP clause carries whose content the member-level file
/// does not give (`defcoloc`/`offcoloc`: a location; `defcocon`/`offcocon`:
/// a conflict; `defcodem`/`offcodem`: demands), as the import keeps them in
/// the clause's trigger text. Rule: such a clause is neither open nor
/// closed but *conditional*: the joining model has a term for it, whose
/// size `casus calibrate` fits.
pub(crate) fn uncoded_conditions(trigger: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (code, what) in [
        ("coloc", "in a particular location"),
        ("cocon", "in a particular conflict"),
        ("codem", "if particular demands are made"),
    ] {
        if ["def", "off"]
            .iter()
            .any(|k| trigger.contains(&format!("{k}{code}")))
        {
            out.push(what);
        }
    }
    out
}

/// The `part_of` chain from `place` up, and the relations on it.
fn chain_up(g: &Graph, place: ActorId) -> (Vec<ActorId>, Vec<RelId>) {
    let mut nodes = vec![place];
    let mut rels = Vec::new();
    let mut cur = place;
    for _ in 0..g.actors.len() {
        let Some(r) = g.out_of_type(cur, "part_of").next() else {
            break;
        };
        cur = g.relation(r).to;
        rels.push(r);
        if nodes.contains(&cur) {
            break;
        }
        nodes.push(cur);
    }
    (nodes, rels)
}

/// Is `place` within `party`'s recognised territory, and why (or why not)?
pub(crate) fn within(g: &Graph, place: ActorId, party: ActorId) -> (bool, String, Vec<RelId>) {
    let name = |a: ActorId| g.actor(a).name.clone();
    if place == party {
        return (
            true,
            format!("the strike lands on {} itself", name(party)),
            Vec::new(),
        );
    }
    let (nodes, rels) = chain_up(g, place);
    if g.is_within(place, party) {
        let path: Vec<String> = nodes.iter().map(|a| name(*a)).collect();
        return (
            true,
            format!(
                "{} lies within {}'s recognised territory ({})",
                name(place),
                name(party),
                path.join(" part of ")
            ),
            rels,
        );
    }
    let mut facts = rels;
    let mut why = format!(
        "{} is not within {}'s recognised territory",
        name(place),
        name(party)
    );
    match g.de_jure_holder(place) {
        Some(h) if h != place => why.push_str(&format!(": de jure it is part of {}", name(h))),
        Some(_) => {}
        None => why.push_str(": no `part_of` link places it in any state"),
    }
    let facto = g.de_facto_holders(place);
    if !facto.is_empty() {
        let names: Vec<String> = facto.iter().map(|a| name(*a)).collect();
        why.push_str(&format!(", held de facto by {}", names.join(" and ")));
        for r in g.relation_ids() {
            let rel = g.relation(r);
            if rel.rtype == "controls" && facto.contains(&rel.from) && nodes.contains(&rel.to) {
                facts.push(r);
            }
        }
    }
    (false, why, facts)
}

pub(crate) fn evaluate(w: &World) -> Gates {
    let g = w.g;
    let sc = w.scenario;
    let mut traces = Vec::new();
    let mut treaty: HashMap<(TreatyId, ActorId), GateLevel> = HashMap::new();
    let aref = |a: ActorId| ActorRef::new(g, a);

    for (ti, t) in g.treaties.iter().enumerate() {
        let tid = TreatyId(ti as u32);
        let parties = w.treaty_parties(tid);
        if parties.is_empty() {
            continue;
        }
        let tref = TreatyRef {
            id: t.id.clone(),
            name: t.name.clone(),
        };
        let (in_force, force_detail) = w.in_force(t);
        let mut any_hit = false;
        for party in &parties {
            let p = party.actor;
            let mut guarantors: Vec<ActorRef> = parties
                .iter()
                .filter(|q| q.actor != p)
                .map(|q| aref(q.actor))
                .collect();
            if let Some(inst) = party.institution {
                guarantors.push(aref(inst));
            }
            for (si, s) in sc.strikes.iter().enumerate() {
                let as_target = s.target == p;
                let as_attacker = s.attacker == p;
                if !as_target && !as_attacker {
                    continue;
                }
                // The attacker of this strike is no guarantor of its victim.
                let guarantors: Vec<ActorRef> = guarantors
                    .iter()
                    .filter(|a| a.id != g.actor(s.attacker).id && a.id != g.actor(s.target).id)
                    .cloned()
                    .collect();
                for o in &t.obligations {
                    let relevant = match o.kind {
                        ObligationKind::Defence | ObligationKind::Consultation => as_target,
                        ObligationKind::Offence => as_attacker,
                        ObligationKind::Neutrality | ObligationKind::NonAggression => false,
                    };
                    if !relevant {
                        continue;
                    }
                    any_hit = true;
                    let mut checks = vec![Check {
                        condition: "in force".into(),
                        met: in_force,
                        detail: force_detail.clone(),
                    }];
                    let anchor = g.relation(party.anchor);
                    checks.push(Check {
                        condition: "party".into(),
                        met: true,
                        detail: format!(
                            "{} {} {} [{}]",
                            g.actor(anchor.from).name,
                            g.rtype(anchor).verb,
                            g.actor(anchor.to).name,
                            anchor.status
                        ),
                    });
                    let mut facts = vec![party.anchor];
                    let (scope_ok, scope_detail) = match &o.scope {
                        Scope::Anywhere => (true, "anywhere a party is attacked".to_string()),
                        Scope::RecognisedTerritory => {
                            let (ok, why, rels) = within(g, s.place, p);
                            facts.extend(rels);
                            (ok, why)
                        }
                        Scope::Regions { regions } => {
                            let hit: Vec<&ActorId> = regions
                                .iter()
                                .filter(|r| g.is_within(s.place, **r))
                                .collect();
                            let names: Vec<String> =
                                regions.iter().map(|r| g.actor(*r).name.clone()).collect();
                            if let Some(r) = hit.first() {
                                (
                                    true,
                                    format!(
                                        "{} lies within {}, one of the covered regions ({})",
                                        g.actor(s.place).name,
                                        g.actor(**r).name,
                                        names.join(", ")
                                    ),
                                )
                            } else {
                                (
                                    false,
                                    format!(
                                        "{} lies outside the covered regions ({})",
                                        g.actor(s.place).name,
                                        names.join(", ")
                                    ),
                                )
                            }
                        }
                    };
                    checks.push(Check {
                        condition: "territorial scope".into(),
                        met: scope_ok,
                        detail: scope_detail,
                    });
                    let sev_ok = s.severity >= o.min_severity;
                    checks.push(Check {
                        condition: "severity".into(),
                        met: sev_ok,
                        detail: format!(
                            "the strike is {}; the clause needs {} or more",
                            s.severity.as_str(),
                            o.min_severity.as_str()
                        ),
                    });
                    let other = if as_target { s.attacker } else { s.target };
                    let adv_ok = o.adversaries.is_empty() || o.adversaries.contains(&other);
                    checks.push(Check {
                        condition: "adversary".into(),
                        met: adv_ok,
                        detail: if o.adversaries.is_empty() {
                            format!("any adversary, {} included", g.actor(other).name)
                        } else {
                            let names: Vec<String> = o
                                .adversaries
                                .iter()
                                .map(|a| g.actor(*a).name.clone())
                                .collect();
                            format!(
                                "only against {}: {} {}",
                                names.join(", "),
                                g.actor(other).name,
                                if adv_ok { "is one" } else { "is not" }
                            )
                        },
                    });
                    if let Some(n) = o.min_attackers {
                        let attackers: Vec<ActorId> = {
                            let mut v: Vec<ActorId> = sc
                                .strikes
                                .iter()
                                .filter(|x| x.target == p)
                                .map(|x| x.attacker)
                                .collect();
                            v.sort();
                            v.dedup();
                            v
                        };
                        checks.push(Check {
                            condition: "number of attackers".into(),
                            met: attackers.len() as u32 >= n,
                            detail: format!(
                                "{} state(s) attack {}; the clause needs {n}",
                                attackers.len(),
                                g.actor(p).name
                            ),
                        });
                    }
                    if o.defensive_only && o.kind != ObligationKind::Offence {
                        let started = sc.started_by == Some(p);
                        checks.push(Check {
                            condition: "not the initiator".into(),
                            met: !started,
                            detail: match sc.started_by {
                                Some(x) if x == p => format!(
                                    "the scenario has {} start the fighting; a defensive-only obligation does not cover a party's own war",
                                    g.actor(p).name
                                ),
                                Some(x) => format!("the scenario has {} start the fighting, not {}", g.actor(x).name, g.actor(p).name),
                                None => format!(
                                    "{} is attacked here; who started the war is not assumed (set `started_by` to test it)",
                                    g.actor(p).name
                                ),
                            },
                        });
                    }
                    let uncoded = uncoded_conditions(&o.trigger);
                    if !uncoded.is_empty() {
                        checks.push(Check {
                            condition: "conditions the data do not spell out".into(),
                            met: true,
                            detail: format!(
                                "the clause holds only {}; the data do not say which: the gate counts as conditional, weighed by the joining model's own term",
                                uncoded.join(", ")
                            ),
                        });
                    }
                    let open = checks.iter().all(|c| c.met);
                    let level = match o.kind {
                        ObligationKind::Consultation => GateLevel::Consultation,
                        _ if o.consultation_only => GateLevel::Consultation,
                        _ if !uncoded.is_empty() => GateLevel::Conditional,
                        _ => GateLevel::Defence,
                    };
                    if open {
                        let e = treaty.entry((tid, p)).or_insert(GateLevel::Closed);
                        *e = (*e).max(level);
                    }
                    let first_fail = checks.iter().find(|c| !c.met);
                    let summary = match first_fail {
                        None => format!(
                            "open: {} {} binds {} ({})",
                            t.name,
                            o.kind.as_str(),
                            if guarantors.is_empty() {
                                "no one".to_string()
                            } else {
                                guarantors
                                    .iter()
                                    .map(|a| a.name.clone())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            },
                            level.describe()
                        ),
                        Some(c) => format!("closed ({}): {}", c.condition, c.detail),
                    };
                    traces.push(GateTrace {
                        gate: "treaty".into(),
                        treaty: Some(tref.clone()),
                        obligation: Some(o.kind.as_str().to_string()),
                        trigger: Some(o.trigger.clone()),
                        party: Some(aref(p)),
                        strike: Some(si + 1),
                        place: Some(aref(s.place)),
                        open,
                        opens: level.describe().to_string(),
                        checks,
                        guarantors: guarantors.clone(),
                        facts: facts.iter().map(|r| RelationView::new(g, *r)).collect(),
                        summary,
                    });
                }
            }
        }
        if !any_hit {
            let names: Vec<String> = parties
                .iter()
                .map(|p| g.actor(p.actor).name.clone())
                .collect();
            traces.push(GateTrace {
                gate: "treaty".into(),
                treaty: Some(tref.clone()),
                obligation: None,
                trigger: None,
                party: None,
                strike: None,
                place: None,
                open: false,
                opens: GateLevel::Closed.describe().to_string(),
                checks: vec![Check {
                    condition: "a party is hit".into(),
                    met: false,
                    detail: format!("no strike hits a party ({})", names.join(", ")),
                }],
                guarantors: parties.iter().map(|p| aref(p.actor)).collect(),
                facts: Vec::new(),
                summary: format!("closed: no strike hits a party ({})", names.join(", ")),
            });
        }
    }

    // Foreign bases (and any other host-territory gate of the model).
    let mut base_open = HashMap::new();
    for spec in &w.model.channels {
        let Some(ChannelGate::HostTerritory { closed_max }) = spec.gate else {
            continue;
        };
        for r in g.relation_ids() {
            let rel = g.relation(r);
            if rel.rtype != spec.rtype || !w.live[r.index()] || base_open.contains_key(&r) {
                continue;
            }
            let Some(host) = g.de_jure_holder(rel.to) else {
                continue;
            };
            let owner = match spec.partner {
                PartnerRole::To => host,
                _ => rel.from,
            };
            let mut hit = None;
            let mut why = format!("no strike hits {}", g.actor(host).name);
            let mut facts = vec![r];
            for (si, s) in sc.strikes.iter().enumerate() {
                if s.target != host {
                    continue;
                }
                let (ok, detail, rels) = within(g, s.place, host);
                why = detail;
                if ok {
                    facts.extend(rels);
                    hit = Some(si);
                    break;
                }
            }
            let open = hit.is_some();
            base_open.insert(r, open);
            let opens = format!("up to L{} (L{closed_max} while closed)", spec.max_level());
            traces.push(GateTrace {
                gate: "base".into(),
                treaty: None,
                obligation: None,
                trigger: Some(format!(
                    "{} {} {}: its forces are engaged if the host's territory is struck",
                    g.actor(rel.from).name,
                    g.rtype(rel).verb,
                    g.actor(rel.to).name
                )),
                party: Some(aref(host)),
                strike: hit.map(|i| i + 1),
                place: hit.map(|i| aref(sc.strikes[i].place)),
                open,
                opens: opens.clone(),
                checks: vec![Check {
                    condition: "host territory struck".into(),
                    met: open,
                    detail: why.clone(),
                }],
                guarantors: vec![aref(owner)],
                facts: facts.iter().map(|x| RelationView::new(g, *x)).collect(),
                summary: if open {
                    format!("open: {why}")
                } else {
                    format!("closed: {why}")
                },
            });
        }
    }
    Gates {
        traces,
        treaty,
        base_open,
    }
}
