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
    "contiguous_target",
    "contiguous_attacker",
    "log_distance",
    "major_power",
    "log_cinc",
];

/// Contiguity up to this COW type counts ("land or short water": 1 land or
/// river, 2 up to 12 miles of water, 3 up to 24 miles).
pub const CONTIGUOUS_MAX_TYPE: u8 = 3;

/// Distance taken when a capital is unknown (km).
pub const UNKNOWN_KM: f64 = 5000.0;

/// CINC floor (a state without a score, or a score of 0).
pub const CINC_FLOOR: f64 = 1e-4;

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

/// The closest COW contiguity type of `of`'s borders on `date`, by neighbour.
pub fn borders(g: &Graph, date: Date, of: ActorId) -> HashMap<ActorId, u8> {
    let mut out: HashMap<ActorId, u8> = HashMap::new();
    for r in g.relations_of(of) {
        let rel = g.relation(r);
        if rel.rtype != "borders" || !g.holds_on(rel, date) {
            continue;
        }
        let t = rel.contiguity.unwrap_or(1);
        let e = out.entry(other(rel.from, rel.to, of)).or_insert(t);
        *e = (*e).min(t);
    }
    out
}

/// The ties and borders of both originators in one case, computed once
/// per case.
pub struct CaseTies {
    pub attacker: HashMap<ActorId, Tie>,
    pub target: HashMap<ActorId, Tie>,
    pub attacker_borders: HashMap<ActorId, u8>,
    pub target_borders: HashMap<ActorId, u8>,
    pub attacker_id: Option<ActorId>,
    pub target_id: Option<ActorId>,
}

impl CaseTies {
    pub fn new(world: &World, case: &Case) -> CaseTies {
        let (a, t) = (world.state(case.attacker), world.state(case.target));
        let g = &world.graph;
        let of = |x: Option<ActorId>| x.map(|a| ties(g, case.start, a)).unwrap_or_default();
        let bo = |x: Option<ActorId>| x.map(|a| borders(g, case.start, a)).unwrap_or_default();
        CaseTies {
            attacker: of(a),
            target: of(t),
            attacker_borders: bo(a),
            target_borders: bo(t),
            attacker_id: a,
            target_id: t,
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
pub fn covariates(world: &World, case: &Case, ct: &CaseTies, cand: Option<ActorId>) -> Vec<f64> {
    let b = |x: bool| f64::from(u8::from(x));
    let ties = ct.of(cand);
    let g = &world.graph;
    let near = |m: &HashMap<ActorId, u8>| {
        cand.and_then(|c| m.get(&c))
            .is_some_and(|t| *t <= CONTIGUOUS_MAX_TYPE)
    };
    let km = [ct.attacker_id, ct.target_id]
        .iter()
        .filter_map(|o| g.distance_km(cand?, (*o)?))
        .fold(f64::INFINITY, f64::min);
    let km = if km.is_finite() { km } else { UNKNOWN_KM };
    let cinc = cand.and_then(|c| g.cinc(c)).unwrap_or(0.0).max(CINC_FLOOR);
    vec![
        b(case.war),
        b(ties.0 == Tie::Defence),
        b(ties.1 == Tie::Defence),
        b(ties.0 == Tie::Other),
        b(ties.1 == Tie::Other),
        b(near(&ct.target_borders)),
        b(near(&ct.attacker_borders)),
        (1.0 + km).ln(),
        b(cand.is_some_and(|c| g.is_major_power(c))),
        cinc.ln(),
    ]
}
