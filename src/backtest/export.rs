//! The candidate design matrix of a backtest as CSV: one row per candidate
//! of every case, with its dispute, fold, outcome and side, the baselines'
//! covariates, the engine's joining and side terms, and raw side evidence
//! per originator (alliance tie type, contiguity, distance, major power,
//! rivalry; the engine's terms prefixed `e_`). It is for exploring covariates outside casus on the same
//! folds as the backtest.
//!
//! Invariant: no I/O (the command writes the text); a row's values are
//! read off the case's world as of its start date only.

use super::features::{self, Tie, COVARIATES};
use super::predict::scenario_of;
use super::Prepared;
use crate::escalate::joining::{candidate_terms, SIDE_TERM_NAMES, TERM_NAMES};
use crate::escalate::Model;
use crate::model::{ActorId, Graph};
use rayon::prelude::*;
use std::fmt::Write;

/// Raw per-originator columns, after the terms.
const RAW: &[&str] = &[
    "tie_type_attacker",
    "tie_type_target",
    "contig_attacker",
    "contig_target",
    "km_attacker",
    "km_target",
    "major_candidate",
    "major_attacker",
    "major_target",
    "rival_attacker_td",
    "rival_target_td",
    "allies_tied_attacker",
    "allies_tied_target",
];

/// The CSV text: a header and one row per candidate, cases in order.
pub fn candidates_csv(cases: &[Prepared], model: &Model) -> String {
    let mut head: Vec<&str> = vec![
        "dispnum", "year", "month", "day", "fold", "attacker", "target", "ccode", "joined",
        "side_a",
    ];
    head.extend(COVARIATES.iter().copied());
    let engine: Vec<String> = TERM_NAMES.iter().map(|c| format!("e_{c}")).collect();
    head.extend(engine.iter().map(String::as_str));
    head.extend(SIDE_TERM_NAMES.iter().copied());
    head.extend(RAW.iter().copied());
    let bodies: Vec<String> = cases.par_iter().map(|c| case_rows(c, model)).collect();
    let mut out = head.join(",") + "\n";
    for b in bodies {
        out.push_str(&b);
    }
    out
}

fn case_rows(c: &Prepared, model: &Model) -> String {
    let mut out = String::new();
    let g = &c.world.graph;
    let terms = scenario_of(c, 1, 0)
        .and_then(|sc| candidate_terms(g, &sc, model).ok())
        .unwrap_or_default();
    let (att, tar) = (c.world.state(c.case.attacker), c.world.state(c.case.target));
    let ct = features::CaseTies::new(&c.world, &c.case);
    for cand in &c.candidates {
        let d = c.case.start;
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            c.case.dispnum,
            d.year,
            d.month,
            d.day,
            c.fold,
            c.case.attacker,
            c.case.target,
            cand.ccode,
            u8::from(cand.joined.is_some()),
            cand.joined
                .map_or(String::new(), |s| u8::from(s).to_string())
        );
        for x in &cand.x {
            let _ = write!(out, ",{x}");
        }
        let t = cand.actor.and_then(|a| terms.iter().find(|t| t.0 == a));
        for (names, list) in [
            (TERM_NAMES, t.map(|t| &t.1)),
            (SIDE_TERM_NAMES, t.map(|t| &t.2)),
        ] {
            for name in names {
                let v = list
                    .and_then(|l| l.iter().find(|x| x.name == *name))
                    .map_or(0.0, |x| x.value);
                let _ = write!(out, ",{v}");
            }
        }
        for v in raw(g, c, &ct, cand.actor, att, tar) {
            let _ = write!(out, ",{v}");
        }
        out.push('\n');
    }
    out
}

fn tie_code(t: Tie) -> f64 {
    match t {
        Tie::None => 0.0,
        Tie::Other => 1.0,
        Tie::Defence => 2.0,
    }
}

/// The [`RAW`] columns of one candidate.
fn raw(
    g: &Graph,
    c: &Prepared,
    ct: &features::CaseTies,
    cand: Option<ActorId>,
    att: Option<ActorId>,
    tar: Option<ActorId>,
) -> Vec<f64> {
    let b = |x: bool| f64::from(u8::from(x));
    let Some(x) = cand else {
        return vec![0.0; RAW.len()];
    };
    let (ta, tt) = ct.of(cand);
    let contig =
        |m: &std::collections::HashMap<ActorId, u8>| m.get(&x).map_or(0.0, |t| f64::from(*t));
    let km = |o: Option<ActorId>| {
        o.and_then(|o| g.distance_km(x, o))
            .unwrap_or(features::UNKNOWN_KM)
    };
    let major = |o: Option<ActorId>| b(o.is_some_and(|o| g.is_major_power(o)));
    let rival = |o: Option<ActorId>| {
        b(o.is_some_and(|o| {
            g.relations_of(x).any(|r| {
                let rel = g.relation(r);
                rel.rtype == "rival" && rel.other(x) == o && g.holds_on(rel, c.case.start)
            })
        }))
    };
    let mine = features::ties(g, c.case.start, x);
    let tied = |m: &std::collections::HashMap<ActorId, Tie>| {
        mine.keys()
            .filter(|a| Some(**a) != att && Some(**a) != tar && m.contains_key(a))
            .count() as f64
    };
    vec![
        tie_code(ta),
        tie_code(tt),
        contig(&ct.attacker_borders),
        contig(&ct.target_borders),
        km(att),
        km(tar),
        major(cand),
        major(att),
        major(tar),
        rival(att),
        rival(tar),
        tied(&ct.attacker),
        tied(&ct.target),
    ]
}
