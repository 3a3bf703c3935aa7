//! The backtest: the escalation engine and its baselines scored against
//! who actually joined the Militarized Interstate Disputes.
//!
//! [`mid`] parses MIDA/MIDB, [`cases`] selects the disputes and reads
//! strike, severity and joiners, [`worlds`] imports one world per start
//! year and lists each case's candidates, [`features`] reads the baselines'
//! covariates, [`predict`] holds the predictors, [`report`] scores them.
//! [`prepare`] joins cases to worlds; [`cross_validate`] fits every
//! predictor on K-1 folds (grouped by dispute) and predicts the held-out
//! fold.
//!
//! Invariant: no I/O (the command reads the files); a predictor is never
//! scored on a dispute it was fitted on.

pub mod cases;
pub mod export;
pub mod features;
pub mod mid;
pub mod predict;
pub mod report;
pub mod run;
pub mod worlds;

use crate::import::names::Ccode;
use crate::import::states::StateSpell;
use crate::model::ActorId;
use crate::stats::folds;
use cases::Case;
use features::{CaseTies, Tie};
use predict::Predictor;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use worlds::World;

/// One candidate of one case.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub ccode: Ccode,
    /// Its actor in the case's world.
    pub actor: Option<ActorId>,
    /// `Some(side_a)` if it joined.
    pub joined: Option<bool>,
    /// (tie with the attacker, tie with the target).
    pub ties: (Tie, Tie),
    /// The covariates of the logistic baseline ([`features::COVARIATES`]).
    pub x: Vec<f64>,
}

/// A case with its world, its candidates and its fold.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub case: Case,
    pub world: Arc<World>,
    pub candidates: Vec<Candidate>,
    pub fold: usize,
    /// Joiners that are not candidates (not in the state system on the
    /// start date): they cannot be scored.
    pub unscorable_joiners: Vec<Ccode>,
}

/// Joins each case to its year's world, lists its candidates and deals
/// the cases into `k` folds by dispute.
pub fn prepare(
    cases: &[Case],
    worlds: &BTreeMap<i32, Arc<World>>,
    spells: &[StateSpell],
    k: usize,
    seed: u64,
) -> Vec<Prepared> {
    let ids: Vec<u32> = cases.iter().map(|c| c.dispnum).collect();
    let fold_of = folds::assign(&ids, k, seed);
    cases
        .par_iter()
        .filter_map(|case| {
            let world = worlds.get(&case.start.year)?.clone();
            let ties = CaseTies::new(&world, case);
            let cands = worlds::candidates(spells, case.start, case.attacker, case.target);
            let candidates: Vec<Candidate> = cands
                .iter()
                .map(|&c| {
                    let actor = world.state(c);
                    let t = ties.of(actor);
                    Candidate {
                        ccode: c,
                        actor,
                        joined: case.joined(c),
                        ties: t,
                        x: features::covariates(&world, case, &ties, actor),
                    }
                })
                .collect();
            let unscorable_joiners = case
                .joiners
                .iter()
                .map(|j| j.ccode)
                .filter(|c| !cands.contains(c))
                .collect();
            Some(Prepared {
                case: case.clone(),
                world,
                candidates,
                fold: fold_of[&case.dispnum],
                unscorable_joiners,
            })
        })
        .collect()
}

/// One scored candidate: the forecast and the truth.
#[derive(Clone, Debug)]
pub struct Row {
    pub dispnum: u32,
    pub year: i32,
    pub ccode: Ccode,
    pub p: f64,
    pub joined: bool,
    pub side_predicted: Option<bool>,
    pub side_truth: Option<bool>,
}

/// The out-of-fold forecasts of one predictor.
#[derive(Clone, Debug)]
pub struct Forecasts {
    pub name: String,
    pub describe: String,
    pub rows: Vec<Row>,
    /// Per dispute, the predictor's own P(at least one joiner), where it
    /// models joiners that cluster (else the report multiplies).
    pub any: std::collections::BTreeMap<u32, f64>,
}

/// Fits each predictor on every fold but one and forecasts the held-out
/// fold's cases; `progress` is called once per case forecast.
pub fn cross_validate(
    cases: &[Prepared],
    predictors: &[&dyn Predictor],
    k: usize,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<Forecasts>, String> {
    let mut out = Vec::new();
    for pr in predictors {
        let mut f = Forecasts::new(*pr);
        for fold in 0..k.max(1) {
            let train: Vec<&Prepared> = cases.iter().filter(|c| c.fold != fold || k <= 1).collect();
            let test: Vec<&Prepared> = cases.iter().filter(|c| c.fold == fold || k <= 1).collect();
            f.add(*pr, &train, &test, progress)
                .map_err(|e| format!("{} on fold {}: {e}", pr.name(), fold + 1))?;
        }
        f.rows.sort_by_key(|r| (r.dispnum, r.ccode));
        out.push(f);
    }
    Ok(out)
}

/// Fits each predictor once on `train` and forecasts every case of
/// `test` (a held-out evaluation: the caller keeps the two apart).
pub fn holdout(
    train: &[Prepared],
    test: &[Prepared],
    predictors: &[&dyn Predictor],
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<Forecasts>, String> {
    let train: Vec<&Prepared> = train.iter().collect();
    let test: Vec<&Prepared> = test.iter().collect();
    let mut out = Vec::new();
    for pr in predictors {
        let mut f = Forecasts::new(*pr);
        f.add(*pr, &train, &test, progress)
            .map_err(|e| format!("{}: {e}", pr.name()))?;
        f.rows.sort_by_key(|r| (r.dispnum, r.ccode));
        out.push(f);
    }
    Ok(out)
}

impl Forecasts {
    fn new(pr: &dyn Predictor) -> Forecasts {
        Forecasts {
            name: pr.name().to_string(),
            describe: pr.describe(),
            rows: Vec::new(),
            any: Default::default(),
        }
    }

    /// Fits `pr` on `train` and adds its forecasts of `test`.
    fn add(
        &mut self,
        pr: &dyn Predictor,
        train: &[&Prepared],
        test: &[&Prepared],
        progress: &(dyn Fn() + Sync),
    ) -> Result<(), String> {
        let fitted = pr.fit(train)?;
        let preds: Vec<(&Prepared, predict::CaseForecast)> = test
            .par_iter()
            .map(|c| {
                let p = fitted.predict_case(c);
                progress();
                (*c, p)
            })
            .collect();
        for (c, (ps, a)) in preds {
            if let Some(a) = a {
                self.any.insert(c.case.dispnum, a);
            }
            self.rows
                .extend(c.candidates.iter().zip(ps).map(|(cand, p)| Row {
                    dispnum: c.case.dispnum,
                    year: c.case.start.year,
                    ccode: cand.ccode,
                    p: p.p,
                    joined: cand.joined.is_some(),
                    side_predicted: p.side_a,
                    side_truth: cand.joined,
                }));
        }
        Ok(())
    }
}
