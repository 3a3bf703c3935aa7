//! Predictors: who joins a dispute, with what probability, on which side.
//! Each is fitted on the training folds' cases and predicts every
//! candidate of a held-out case: the base rate, the two ally rules, the
//! logistic regression on the covariates, and the escalation engine.
//!
//! Invariant: a fitted predictor sees only its training cases; predicting
//! does no I/O and changes no world.

use super::features::{Tie, COVARIATES};
use super::Prepared;
use crate::escalate::joining::{
    candidate_terms, dispute_sd, log_odds, probability, side_probability, Term,
};
use crate::escalate::{simulate, Model, Scenario, Side, Strike};
use crate::model::ActorId;
use crate::stats::logit::{self, Prior};
use std::collections::HashMap;

/// One candidate's forecast.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    /// P(the candidate joins).
    pub p: f64,
    /// The side it would join (`Some(true)`: side A, the attacker's).
    pub side_a: Option<bool>,
}

/// A case's forecasts, one per candidate, and the predictor's own P(at
/// least one candidate joins) where it has one.
pub type CaseForecast = (Vec<Prediction>, Option<f64>);

/// A way to forecast joining, fitted on training cases.
pub trait Predictor: Sync {
    fn name(&self) -> &str;
    /// One line on what it is.
    fn describe(&self) -> String;
    fn fit(&self, train: &[&Prepared]) -> Result<Box<dyn Fitted + '_>, String>;
}

/// A fitted predictor.
pub trait Fitted: Sync {
    /// One forecast per candidate of the case, in its order.
    fn predict(&self, case: &Prepared) -> Vec<Prediction>;
    /// The forecasts and, where the predictor models joiners that
    /// cluster, its own P(at least one candidate joins); `None`: the
    /// report takes the candidates as independent.
    fn predict_case(&self, case: &Prepared) -> CaseForecast {
        (self.predict(case), None)
    }
}

/// Joiners / candidates, and the share of joiners on side A.
fn rates<'a>(cases: impl Iterator<Item = &'a Prepared>) -> (f64, f64) {
    let (mut n, mut k, mut a) = (0usize, 0usize, 0usize);
    for c in cases {
        for cand in &c.candidates {
            n += 1;
            if let Some(side_a) = cand.joined {
                k += 1;
                a += usize::from(side_a);
            }
        }
    }
    (k as f64 / n.max(1) as f64, a as f64 / k.max(1) as f64)
}

/// The side of the originator a candidate is tied to (the stronger tie;
/// the target's when equal), or the training majority when untied.
fn ally_side(t: (Tie, Tie), majority_a: bool) -> bool {
    match t.0.cmp(&t.1) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal if t.0 != Tie::None => false,
        _ => majority_a,
    }
}

/// The training base rate for everyone; sides: the training majority.
pub struct BaseRate;

struct Constant {
    p: f64,
    side_a: bool,
}

impl Predictor for BaseRate {
    fn name(&self) -> &str {
        "base rate"
    }
    fn describe(&self) -> String {
        "every candidate gets the training folds' share of joiners".into()
    }
    fn fit(&self, train: &[&Prepared]) -> Result<Box<dyn Fitted + '_>, String> {
        let (p, a) = rates(train.iter().copied());
        Ok(Box::new(Constant { p, side_a: a > 0.5 }))
    }
}

impl Fitted for Constant {
    fn predict(&self, case: &Prepared) -> Vec<Prediction> {
        let side_a = Some(self.side_a);
        vec![Prediction { p: self.p, side_a }; case.candidates.len()]
    }
}

/// "Every ally of an originator joins" (any alliance tie), or only its
/// defence allies: the rule splits the candidates in two groups, each
/// forecast at its training rate; sides: the allied originator's.
pub struct AllyRule {
    pub defence_only: bool,
}

struct RuleFit {
    defence_only: bool,
    p_in: f64,
    p_out: f64,
    majority_a: bool,
}

impl AllyRule {
    fn ruled_in(defence_only: bool, t: (Tie, Tie)) -> bool {
        let min = if defence_only {
            Tie::Defence
        } else {
            Tie::Other
        };
        t.0 >= min || t.1 >= min
    }
}

impl Predictor for AllyRule {
    fn name(&self) -> &str {
        if self.defence_only {
            "every defence ally joins"
        } else {
            "every ally joins"
        }
    }
    fn describe(&self) -> String {
        format!(
            "candidates with {} tie to either originator at the training rate of such candidates, the others at the rate of the others",
            if self.defence_only { "a defence" } else { "any alliance" }
        )
    }
    fn fit(&self, train: &[&Prepared]) -> Result<Box<dyn Fitted + '_>, String> {
        let (mut n, mut k) = ([0usize; 2], [0usize; 2]);
        for c in train {
            for cand in &c.candidates {
                let i = usize::from(Self::ruled_in(self.defence_only, cand.ties));
                n[i] += 1;
                k[i] += usize::from(cand.joined.is_some());
            }
        }
        let (_, a) = rates(train.iter().copied());
        Ok(Box::new(RuleFit {
            defence_only: self.defence_only,
            p_out: k[0] as f64 / n[0].max(1) as f64,
            p_in: k[1] as f64 / n[1].max(1) as f64,
            majority_a: a > 0.5,
        }))
    }
}

impl Fitted for RuleFit {
    fn predict(&self, case: &Prepared) -> Vec<Prediction> {
        case.candidates
            .iter()
            .map(|c| Prediction {
                p: if AllyRule::ruled_in(self.defence_only, c.ties) {
                    self.p_in
                } else {
                    self.p_out
                },
                side_a: Some(ally_side(c.ties, self.majority_a)),
            })
            .collect()
    }
}

/// The logistic regression of the benchmark on [`COVARIATES`],
/// normal prior sd 2.5 on each slope and 10 on the intercept; sides as the
/// ally rule.
pub struct Logistic;

/// The prior sd of the baseline's slopes and intercept.
pub const LOGISTIC_SLOPE_SD: f64 = 2.5;
pub const LOGISTIC_INTERCEPT_SD: f64 = 10.0;

struct LogisticFit {
    coef: Vec<f64>,
    majority_a: bool,
}

fn with_intercept(x: &[f64]) -> Vec<f64> {
    std::iter::once(1.0).chain(x.iter().copied()).collect()
}

impl Predictor for Logistic {
    fn name(&self) -> &str {
        "logistic regression"
    }
    fn describe(&self) -> String {
        format!(
            "penalised logistic regression on {} (normal prior sd {LOGISTIC_SLOPE_SD} on slopes)",
            COVARIATES.join(", ")
        )
    }
    fn fit(&self, train: &[&Prepared]) -> Result<Box<dyn Fitted + '_>, String> {
        let rows = train.iter().flat_map(|c| c.candidates.iter());
        let x: Vec<Vec<f64>> = rows.clone().map(|c| with_intercept(&c.x)).collect();
        let y: Vec<bool> = rows.map(|c| c.joined.is_some()).collect();
        let mut prior = vec![Prior::normal(LOGISTIC_SLOPE_SD); COVARIATES.len() + 1];
        prior[0] = Prior::normal(LOGISTIC_INTERCEPT_SD);
        let f = logit::fit(&x, &y, None, &prior).map_err(|e| e.to_string())?;
        let (_, a) = rates(train.iter().copied());
        Ok(Box::new(LogisticFit {
            coef: f.estimate,
            majority_a: a > 0.5,
        }))
    }
}

impl Fitted for LogisticFit {
    fn predict(&self, case: &Prepared) -> Vec<Prediction> {
        case.candidates
            .iter()
            .map(|c| Prediction {
                p: logit::sigmoid(logit::linear(&with_intercept(&c.x), &self.coef)),
                side_a: Some(ally_side(c.ties, self.majority_a)),
            })
            .collect()
    }
}

/// The escalation engine: `simulate` on the case's world with the
/// dispute's strike; P(join) = P(level >= 4), the side the engine gives.
pub struct Engine {
    pub trials: u32,
    pub seed: u64,
    /// Fits the model on training cases (`None`: the shipped model as is).
    #[allow(clippy::type_complexity)]
    pub fit: Option<super::run::EngineFit>,
    /// The model when it is not fitted per fold.
    pub model: Model,
    pub label: String,
    /// Forecast the joining model's probability itself (its terms, no
    /// Monte Carlo, no cascade, no sides) instead of `simulate`'s P(L4+):
    /// it tells the model's quality apart from the cascade's.
    pub direct: bool,
}

struct EngineFit<'a> {
    engine: &'a Engine,
    model: Model,
}

/// The scenario of a case: side A's originator strikes side B's on its
/// territory, as of the start date, side A starting the fighting.
pub fn scenario_of(case: &Prepared, trials: u32, seed: u64) -> Option<Scenario> {
    let attacker = case.world.state(case.case.attacker)?;
    let target = case.world.state(case.case.target)?;
    let mut sc = Scenario::new(format!("mid-{}", case.case.dispnum));
    sc.as_of = Some(case.case.start);
    sc.started_by = Some(attacker);
    sc.strikes.push(Strike {
        attacker,
        target,
        place: target,
        severity: case.case.severity(),
        fact: None,
        note: Some(format!("MID {}", case.case.dispnum)),
    });
    sc.trials = trials;
    sc.seed = seed ^ u64::from(case.case.dispnum);
    sc.loo_trials = 0;
    Some(sc)
}

impl Predictor for Engine {
    fn name(&self) -> &str {
        &self.label
    }
    fn describe(&self) -> String {
        if self.direct {
            return "the engine's joining model alone: logistic(intercept + sum of coefficient x term) on the terms the engine computes, without Monte Carlo or cascade; sides by the fitted side model alone; both fitted on the training folds".into();
        }
        format!(
            "casus escalate: P(level >= 4) over {} trials, the engine's side{}",
            self.trials,
            if self.fit.is_some() {
                "; joining model fitted on the training folds"
            } else {
                ""
            }
        )
    }
    fn fit(&self, train: &[&Prepared]) -> Result<Box<dyn Fitted + '_>, String> {
        let model = match &self.fit {
            Some(f) => f(train)?,
            None => self.model.clone(),
        };
        Ok(Box::new(EngineFit {
            engine: self,
            model,
        }))
    }
}

impl EngineFit<'_> {
    /// The joining model alone; P(any joiner) integrates the dispute-level
    /// effect over the candidates' joint probability.
    fn direct(&self, case: &Prepared, sc: &Scenario) -> CaseForecast {
        let terms = candidate_terms(&case.world.graph, sc, &self.model).unwrap_or_default();
        let known: Vec<&Vec<Term>> = case
            .candidates
            .iter()
            .filter_map(|c| c.actor.and_then(|a| terms.iter().find(|t| t.0 == a)))
            .map(|t| &t.1)
            .collect();
        let any = known.first().map(|t| {
            let etas: Vec<f64> = known.iter().map(|t| log_odds(&self.model, t)).collect();
            crate::stats::mixed::any(&etas, dispute_sd(&self.model, t))
        });
        let p: HashMap<ActorId, Prediction> = terms
            .into_iter()
            .map(|(a, t, st)| {
                let pred = Prediction {
                    p: probability(&self.model, &t),
                    side_a: side_probability(&self.model, &st).map(|q| q > 0.5),
                };
                (a, pred)
            })
            .collect();
        let preds = case
            .candidates
            .iter()
            .map(|c| {
                c.actor
                    .and_then(|a| p.get(&a))
                    .cloned()
                    .unwrap_or(Prediction {
                        p: 0.0,
                        side_a: None,
                    })
            })
            .collect();
        (preds, any.or(Some(0.0)))
    }
}

impl Fitted for EngineFit<'_> {
    fn predict(&self, case: &Prepared) -> Vec<Prediction> {
        self.predict_case(case).0
    }
    fn predict_case(&self, case: &Prepared) -> CaseForecast {
        let none = vec![
            Prediction {
                p: 0.0,
                side_a: None
            };
            case.candidates.len()
        ];
        let Some(sc) = scenario_of(case, self.engine.trials, self.engine.seed) else {
            return (none, None);
        };
        if self.engine.direct {
            return self.direct(case, &sc);
        }
        let out = simulate(&case.world.graph, &sc, &self.model);
        let g = &case.world.graph;
        let preds = case
            .candidates
            .iter()
            .map(|c| {
                let Some(o) = c.actor.and_then(|a| out.actor(&g.actor(a).id)) else {
                    return Prediction {
                        p: 0.0,
                        side_a: None,
                    };
                };
                Prediction {
                    p: o.p(4),
                    side_a: o.side.side.map(|s| s == Side::A),
                }
            })
            .collect();
        (preds, Some(out.any_third_state_fighting.p))
    }
}
