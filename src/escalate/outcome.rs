//! What a simulation returns: per actor its side, P(level >= k) with
//! Wilson intervals, its most frequent activation chain (every hop cited)
//! and what each incoming relation is worth; the gate trace. The types
//! only: `explain.rs` fills them from a run, `compare.rs` compares two,
//! `dot.rs` draws one.
//!
//! It runs nothing, reads no graph and prints nothing.
pub use super::compare::{compare, CompareRow, Comparison};
pub use super::dot::to_dot;
pub use super::gates::{Check, GateTrace, TreatyRef};
use super::joining::{log_odds, probability, Candidate, Term};
use super::model::FitInfo;
use super::model::{ModelSource, Param};
use super::sides::{Side, SideVerdict};
use super::LEVELS;
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;

/// z for a 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// P(level >= k) estimated from `count` of `trials`, with its 95% Wilson
/// interval; for a state with a joining channel, Rao-Blackwellised
/// (`LevelProb::blended`), `count` staying the plain count of trials.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LevelProb {
    pub level: u8,
    pub p: f64,
    pub low: f64,
    pub high: f64,
    pub count: u32,
    pub trials: u32,
}

impl LevelProb {
    /// The Wilson score interval (Wilson 1927): sound near 0 and 1, where
    /// the normal approximation is not.
    ///
    /// ```
    /// use casus::escalate::LevelProb;
    /// let l = LevelProb::wilson(1, 0, 100);
    /// assert_eq!(l.p, 0.0);
    /// assert!(l.low < 1e-12 && l.high > 0.036 && l.high < 0.038); // 3.84 / 103.84
    /// ```
    pub fn wilson(level: u8, count: u32, trials: u32) -> LevelProb {
        if trials == 0 {
            return LevelProb {
                level,
                p: 0.0,
                low: 0.0,
                high: 1.0,
                count,
                trials,
            };
        }
        let n = trials as f64;
        let p = count as f64 / n;
        let z2 = Z95 * Z95;
        let denom = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denom;
        let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        LevelProb {
            level,
            p,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
            count,
            trials,
        }
    }
}

impl LevelProb {
    /// P(level >= k) = own + (1 - own) q, where `own` is the exact
    /// probability of one independent channel and q, the chance that the
    /// rest reach level k, is estimated from the `short` trials in which
    /// that channel fell short of k (`reached` of them reached k anyway);
    /// the interval is q's Wilson interval carried through. `count` of
    /// `trials` is the plain tally.
    ///
    /// ```
    /// use casus::escalate::LevelProb;
    /// let l = LevelProb::blended(4, 0.001, 0, 999, 1, 1000);
    /// assert_eq!(l.p, 0.001); // not 1/1000 by chance, nor 0
    /// assert!(l.low == 0.001 && l.high < 0.0050);
    /// ```
    pub fn blended(
        level: u8,
        own: f64,
        reached: u32,
        short: u32,
        count: u32,
        trials: u32,
    ) -> LevelProb {
        let q = LevelProb::wilson(level, reached, short);
        let mix = |q: f64| (own + (1.0 - own) * q).clamp(0.0, 1.0);
        let p = mix(q.p);
        LevelProb {
            level,
            p,
            low: mix(q.low).min(p),
            high: mix(q.high).max(p),
            count,
            trials,
        }
    }
}

/// A strike, named.
#[derive(Clone, Debug, Serialize)]
pub struct StrikeView {
    /// 1-based.
    pub index: usize,
    pub attacker: ActorRef,
    pub target: ActorRef,
    pub place: ActorRef,
    pub severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<RelationView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The scenario as run.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioView {
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub file: Option<String>,
    pub as_of: Option<String>,
    pub min_status: Option<Status>,
    pub started_by: Option<ActorRef>,
    /// The wars of the scenario (conflict actors treated as involved from the start).
    pub conflicts: Vec<ActorRef>,
    pub strikes: Vec<StrikeView>,
    /// Hypothetical relations added.
    pub added: Vec<RelationView>,
    /// Relations taken out.
    pub removed: Vec<RelationView>,
}

/// A camp.
#[derive(Clone, Debug, Serialize)]
pub struct SideView {
    pub side: Side,
    pub belligerents: Vec<ActorRef>,
}

/// One hop of an activation chain.
#[derive(Clone, Debug, Serialize)]
pub struct HopView {
    pub from: ActorRef,
    pub to: ActorRef,
    /// The level `to` reached through this hop.
    pub level: u8,
    /// What carried it: a relation type, or a treaty and its gate.
    pub via: String,
    /// The facts behind it, with their evidence.
    pub relations: Vec<RelationView>,
}

/// The most frequent way an actor was drawn in.
#[derive(Clone, Debug, Serialize)]
pub struct ChainView {
    /// Trials in which it entered exactly this way.
    pub count: u32,
    /// Share of the trials in which it entered at all.
    pub share: f64,
    pub hops: Vec<HopView>,
}

/// A relation that brought the actor in, and what removing it does.
#[derive(Clone, Debug, Serialize)]
pub struct IncomingView {
    pub relation: RelationView,
    /// What carried it most often (a relation type, or a treaty and its gate).
    pub via: String,
    /// Share of the trials in which the actor entered that gave it its
    /// final level through a channel made of this relation.
    pub share: f64,
    /// Change of P(level >= k), k = 1..5, with the relation removed
    /// (leave-one-out on the same seed); `None` if not rerun.
    pub without: Option<[f64; LEVELS]>,
}

/// One term of the joining model for one actor.
#[derive(Clone, Debug, Serialize)]
pub struct TermView {
    pub name: String,
    pub value: f64,
    pub coef: f64,
    /// coef x value: what the term adds to the log-odds.
    pub contribution: f64,
    /// The coefficient is a judgment, not fitted.
    pub heuristic: bool,
    pub why: String,
    pub facts: Vec<RelationView>,
    /// P(L4+) with the term at 0 (leave the term out).
    pub without: f64,
}

/// Why the joining model gives an actor its probability of combat.
#[derive(Clone, Debug, Serialize)]
pub struct JoiningView {
    /// P(L4 or more directly): logistic of the log-odds, averaged over
    /// the dispute-level effect u ~ N(0, dispute_sd^2) where the model has one.
    pub p: f64,
    /// The log-odds at u = 0.
    pub log_odds: f64,
    /// The sd of the dispute-level effect (0: none).
    pub dispute_sd: f64,
    pub intercept: f64,
    /// Terms that add something, largest contribution first.
    pub terms: Vec<TermView>,
}

impl JoiningView {
    pub(crate) fn new(g: &Graph, model: &super::Model, cand: &Candidate) -> JoiningView {
        let j = &model.joining;
        let mut terms: Vec<TermView> = cand
            .terms
            .iter()
            .filter(|t| t.value != 0.0 && j.coef(t.name) != 0.0)
            .map(|t| {
                let rest: Vec<Term> = cand
                    .terms
                    .iter()
                    .map(|u| Term {
                        value: if u.name == t.name { 0.0 } else { u.value },
                        ..u.clone()
                    })
                    .collect();
                TermView {
                    name: t.name.to_string(),
                    value: t.value,
                    coef: j.coef(t.name),
                    contribution: j.coef(t.name) * t.value,
                    heuristic: j.terms.get(t.name).is_some_and(|c| c.heuristic),
                    why: t.why.clone(),
                    facts: t.facts.iter().map(|r| RelationView::new(g, *r)).collect(),
                    without: probability(model, &rest),
                }
            })
            .collect();
        terms.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
        JoiningView {
            p: cand.p,
            log_odds: log_odds(model, &cand.terms),
            dispute_sd: super::joining::dispute_sd(model, &cand.terms),
            intercept: j.intercept.estimate,
            terms,
        }
    }
}

/// One actor's result.
#[derive(Clone, Debug, Serialize)]
pub struct ActorOutcome {
    pub actor: ActorRef,
    pub belligerent: bool,
    pub side: SideVerdict,
    /// P(level >= k) for k = 1..5.
    pub levels: Vec<LevelProb>,
    /// Why its draws are damped, if they are.
    pub damping: Vec<String>,
    /// Trials in which it entered (level >= 1).
    pub entered: u32,
    pub chain: Option<ChainView>,
    pub incoming: Vec<IncomingView>,
    /// The joining model's explanation of its combat probability (states
    /// that could join).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joining: Option<JoiningView>,
}

impl ActorOutcome {
    /// P(level >= k), k = 1..=5.
    pub fn p(&self, k: usize) -> f64 {
        self.levels.get(k - 1).map(|l| l.p).unwrap_or(0.0)
    }
    /// The expected level, sum of P(level >= k).
    pub fn expected_level(&self) -> f64 {
        self.levels.iter().map(|l| l.p).sum()
    }
}

/// Everything a simulation found.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub scenario: ScenarioView,
    pub trials: u32,
    pub seed: u64,
    pub sides: Vec<SideView>,
    pub levels: Vec<String>,
    pub gates: Vec<GateTrace>,
    /// Belligerents, then every actor drawn in at least once, most involved first.
    pub actors: Vec<ActorOutcome>,
    /// Actors never drawn in (ids).
    pub untouched: Vec<String>,
    /// P(some state besides the belligerents reaches L5).
    pub any_third_state_at_war: LevelProb,
    /// P(some state besides the belligerents enters the fighting, L4+).
    pub any_third_state_fighting: LevelProb,
    /// The historical base rate to hold it against.
    pub base_rate: Param,
    /// Trials of each leave-one-out rerun (0: none).
    pub loo_trials: u32,
    /// The works the model's numbers come from.
    pub model_sources: Vec<ModelSource>,
    /// The fit of the joining model, in one line.
    pub fit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit_info: Option<FitInfo>,
}

impl Outcome {
    /// The result for an actor, by id.
    pub fn actor(&self, id: &str) -> Option<&ActorOutcome> {
        self.actors.iter().find(|a| a.actor.id == id)
    }

    /// P(level >= k) of an actor by id; 0 for an actor never drawn in.
    pub fn p(&self, id: &str, k: usize) -> f64 {
        self.actor(id).map(|a| a.p(k)).unwrap_or(0.0)
    }

    /// The gate traces of a treaty (by id).
    pub fn gates_of<'a>(&'a self, treaty: &'a str) -> impl Iterator<Item = &'a GateTrace> + 'a {
        self.gates
            .iter()
            .filter(move |t| t.treaty.as_ref().is_some_and(|x| x.id == treaty))
    }

    /// Is some defence (or offence) gate of this treaty open?
    pub fn defence_open(&self, treaty: &str) -> bool {
        self.gates_of(treaty)
            .any(|t| t.open && matches!(t.obligation.as_deref(), Some("defence" | "offence")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_the_textbook() {
        // 50 of 100: centre 0.5, interval 0.404 to 0.596 (Wilson 1927).
        let l = LevelProb::wilson(1, 50, 100);
        assert!(
            (l.low - 0.4038).abs() < 1e-3 && (l.high - 0.5962).abs() < 1e-3,
            "{l:?}"
        );
        let l = LevelProb::wilson(1, 100, 100);
        assert!(l.high == 1.0 && l.low > 0.96);
    }
}
