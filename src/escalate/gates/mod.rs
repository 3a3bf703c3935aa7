//! Gates: which treaty obligations (and base guarantees) a scenario's
//! strikes open. Deterministic, evaluated before any draw, and traced
//! condition by condition: for the party hit (target side) and for the
//! attacker's allies (attacker side), each condition in `conditions.rs`,
//! places in `scope.rs`, foreign bases in `bases.rs`.
//!
//! It draws nothing and weighs nothing: what an open, conditional or
//! closed gate is worth is the joining model's (`joining.rs`) and the
//! cascade's (`cascade.rs`).

mod bases;
mod conditions;
mod scope;

pub(crate) use scope::within;

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
    /// `target` (the party hit) or `attacker` (the party that strikes, for
    /// its allies' offence or defence clauses); `base` gates: `target`.
    pub role: String,
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
#[derive(Default)]
pub(crate) struct Gates {
    pub traces: Vec<GateTrace>,
    /// The widest gate open for a treaty and the party hit.
    pub treaty: HashMap<(TreatyId, ActorId), GateLevel>,
    /// Per relation with a host-territory gate: is it open?
    pub base_open: HashMap<RelId, bool>,
    /// Treaty gates open for a party hit by a strike (target side), as
    /// opposed to those open for a party that strikes (attacker side).
    pub open_as_target: std::collections::HashSet<(TreatyId, ActorId)>,
}

impl Gates {
    pub fn treaty_level(&self, t: TreatyId, party: ActorId) -> GateLevel {
        self.treaty
            .get(&(t, party))
            .copied()
            .unwrap_or(GateLevel::Closed)
    }
}

/// Which end of a strike a treaty party is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Target,
    Attacker,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Target => "target",
            Role::Attacker => "attacker",
        }
    }
}

pub(crate) fn evaluate(w: &World) -> Gates {
    let mut out = Gates::default();
    for ti in 0..w.g.treaties.len() {
        treaty_gates(w, TreatyId(ti as u32), &mut out);
    }
    bases::evaluate(w, &mut out);
    out
}

/// The gates of one treaty: each obligation, for each party a strike hits
/// or that strikes; one closed trace if no strike concerns a party.
fn treaty_gates(w: &World, tid: TreatyId, out: &mut Gates) {
    let g = w.g;
    let t = g.treaty(tid);
    let parties = w.treaty_parties(tid);
    if parties.is_empty() {
        return;
    }
    let mut any_hit = false;
    for party in &parties {
        for (si, s) in w.scenario.strikes.iter().enumerate() {
            let role = if s.target == party.actor {
                Role::Target
            } else if s.attacker == party.actor {
                Role::Attacker
            } else {
                continue;
            };
            // The attacker's allies are asked once per war, not per strike.
            let earlier = &w.scenario.strikes[..si];
            if role == Role::Attacker && earlier.iter().any(|e| e.attacker == party.actor) {
                continue;
            }
            for o in t
                .obligations
                .iter()
                .filter(|o| conditions::relevant(o, role))
            {
                any_hit = true;
                let case = conditions::Case {
                    w,
                    treaty: t,
                    parties: &parties,
                    party: *party,
                    strike: s,
                    role,
                    o,
                };
                obligation_gate(&case, tid, si, out);
            }
        }
    }
    if !any_hit {
        out.traces.push(unconcerned(w, t, &parties));
    }
}

/// What an obligation lets through once its conditions hold.
fn level_of(o: &Obligation, conditional: bool) -> GateLevel {
    match o.kind {
        ObligationKind::Consultation => GateLevel::Consultation,
        _ if o.consultation_only => GateLevel::Consultation,
        _ if conditional => GateLevel::Conditional,
        _ => GateLevel::Defence,
    }
}

/// One obligation's gate: its checks, its level if open, its trace.
fn obligation_gate(case: &conditions::Case, tid: TreatyId, si: usize, out: &mut Gates) {
    let g = case.w.g;
    let p = case.party.actor;
    let s = case.strike;
    let aref = |a: ActorId| ActorRef::new(g, a);
    let (checks, facts) = case.checks();
    let open = checks.iter().all(|c| c.met);
    let conditional = checks
        .iter()
        .any(|c| c.condition == "conditions the data do not spell out");
    let level = level_of(case.o, conditional);
    if open {
        let e = out.treaty.entry((tid, p)).or_insert(GateLevel::Closed);
        *e = (*e).max(level);
        if case.role == Role::Target && level >= GateLevel::Conditional {
            out.open_as_target.insert((tid, p));
        }
    }
    let mut guarantors: Vec<ActorRef> = case
        .parties
        .iter()
        .filter(|q| q.actor != p && q.actor != s.attacker && q.actor != s.target)
        .map(|q| aref(q.actor))
        .collect();
    if let Some(inst) = case.party.institution {
        guarantors.push(aref(inst));
    }
    let summary = match checks.iter().find(|c| !c.met) {
        None => {
            let names: Vec<&str> = guarantors.iter().map(|a| a.name.as_str()).collect();
            format!(
                "open: {} {} binds {} ({})",
                case.treaty.name,
                case.o.kind.as_str(),
                if names.is_empty() {
                    "no one".to_string()
                } else {
                    names.join(", ")
                },
                level.describe()
            )
        }
        Some(c) => format!("closed ({}): {}", c.condition, c.detail),
    };
    out.traces.push(GateTrace {
        gate: "treaty".into(),
        treaty: Some(TreatyRef {
            id: case.treaty.id.clone(),
            name: case.treaty.name.clone(),
        }),
        obligation: Some(case.o.kind.as_str().to_string()),
        trigger: Some(case.o.trigger.clone()),
        role: case.role.as_str().into(),
        party: Some(aref(p)),
        strike: Some(si + 1),
        place: Some(aref(s.place)),
        open,
        opens: level.describe().to_string(),
        checks,
        guarantors,
        facts: facts.iter().map(|r| RelationView::new(g, *r)).collect(),
        summary,
    });
}

/// The trace of a treaty no strike concerns.
fn unconcerned(w: &World, t: &Treaty, parties: &[crate::escalate::Party]) -> GateTrace {
    let g = w.g;
    let names: Vec<String> = parties
        .iter()
        .map(|p| g.actor(p.actor).name.clone())
        .collect();
    GateTrace {
        gate: "treaty".into(),
        treaty: Some(TreatyRef {
            id: t.id.clone(),
            name: t.name.clone(),
        }),
        obligation: None,
        trigger: None,
        role: "target".into(),
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
        guarantors: parties.iter().map(|p| ActorRef::new(g, p.actor)).collect(),
        facts: Vec::new(),
        summary: format!("closed: no strike hits a party ({})", names.join(", ")),
    }
}
