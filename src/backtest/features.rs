//! The covariates of a candidate in a case, read off the case's world as
//! of the start date: alliance ties with either originator (by type),
//! severity, and (once the world carries them) geography and power. They
//! feed the baselines: the ally rules and the logistic regression a
//! researcher would fit (the benchmark), not the engine, which
//! computes its own terms.
//!
//! Invariant: no I/O; a relation counts only if it holds on the start date.

use super::cases::Case;
use super::worlds::World;
use crate::import::pact_type;
use crate::model::{ActorId, Date, Graph, ObligationKind};
use serde::Serialize;
use std::collections::HashMap;

/// The strongest alliance tie between two states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Tie {
    #[default]
    None,
    /// Offence, neutrality, non-aggression, consultation or entente.
    Other,
    /// A defence obligation (pact, or co-membership of an alliance whose
    /// common obligations include defence).
    Defence,
}

/// The covariates of the logistic-regression baseline, in column order.
pub const COVARIATES: &[&str] = &[
    "war",
    "defence_attacker",
    "defence_target",
    "alliance_attacker",
    "alliance_target",
];

/// The alliance ties of `of` on `date`: every state it shares an alliance
/// with, and the strongest tie.
pub fn ties(g: &Graph, date: Date, of: ActorId) -> HashMap<ActorId, Tie> {
    let mut out: HashMap<ActorId, Tie> = HashMap::new();
    let mut add = |a: ActorId, t: Tie| {
        if a != of {
            let e = out.entry(a).or_default();
            *e = (*e).max(t);
        }
    };
    for r in g.relations_of(of) {
        let rel = g.relation(r);
        if !g.holds_on(rel, date) {
            continue;
        }
        match rel.rtype.as_str() {
            "defence_pact" => add(other(rel.from, rel.to, of), Tie::Defence),
            "offence_pact" | "neutrality_pact" | "non_aggression_pact" | "entente" => {
                add(other(rel.from, rel.to, of), Tie::Other)
            }
            "member_of" if rel.from == of => {
                let kind = membership_tie(g, rel.treaty);
                for m in g.relations_of(rel.to) {
                    let mr = g.relation(m);
                    if mr.rtype == "member_of" && mr.to == rel.to && g.holds_on(mr, date) {
                        add(mr.from, kind);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn other(from: ActorId, to: ActorId, of: ActorId) -> ActorId {
    if from == of {
        to
    } else {
        from
    }
}

/// The tie co-members of an alliance organisation share: defence if the
/// treaty's common obligations include it, else another alliance tie (an
/// organisation without a treaty is an alliance whose members promised
/// different things: the importer keeps them in notes).
fn membership_tie(g: &Graph, treaty: Option<crate::model::TreatyId>) -> Tie {
    let Some(t) = treaty else { return Tie::Other };
    let kinds: Vec<ObligationKind> = g.treaty(t).obligations.iter().map(|o| o.kind).collect();
    if pact_type(&kinds) == "defence_pact" {
        Tie::Defence
    } else {
        Tie::Other
    }
}

/// The ties of both originators in one case, computed once per case.
pub struct CaseTies {
    pub attacker: HashMap<ActorId, Tie>,
    pub target: HashMap<ActorId, Tie>,
}

impl CaseTies {
    pub fn new(world: &World, case: &Case) -> CaseTies {
        let of = |c| {
            world
                .state(c)
                .map(|a| ties(&world.graph, case.start, a))
                .unwrap_or_default()
        };
        CaseTies {
            attacker: of(case.attacker),
            target: of(case.target),
        }
    }
    /// (tie with the attacker, tie with the target).
    pub fn of(&self, a: Option<ActorId>) -> (Tie, Tie) {
        match a {
            Some(a) => (
                self.attacker.get(&a).copied().unwrap_or_default(),
                self.target.get(&a).copied().unwrap_or_default(),
            ),
            None => (Tie::None, Tie::None),
        }
    }
}

/// The covariate row of a candidate (see [`COVARIATES`]).
pub fn covariates(case: &Case, ties: (Tie, Tie)) -> Vec<f64> {
    let b = |x: bool| f64::from(u8::from(x));
    vec![
        b(case.war),
        b(ties.0 == Tie::Defence),
        b(ties.1 == Tie::Defence),
        b(ties.0 == Tie::Other),
        b(ties.1 == Tie::Other),
    ]
}
