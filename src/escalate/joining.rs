//! The joining model: for every state that could join a strike's war, the
//! named terms that explain whether it enters the fighting (L4 or more),
//! each computed from the scenario's facts and gates and carrying those
//! facts, and P(join) = logistic(intercept + sum of coefficient x value),
//! the coefficients from `[joining]` in the model file (fitted by
//! `casus calibrate`).
//!
//! Terms (the fit's columns, [`TERM_NAMES`]):
//! opportunity (land border with a struck state or with the attacker,
//! water contiguity, log capital distance to the nearest belligerent),
//! capability (major power, log CINC), willingness (treaty obligations to
//! a belligerent whose gate is open, conditional or closed, on the
//! target's or the attacker's side; any alliance tie with either side; a
//! tie to both sides, which is a dispute inside an alliance; rivalry with
//! either side), severity (war rather than incident) and its interactions
//! with the gates (open and closed), the ties, the borders and
//! major-power status, a knot in distance at 1,000 km (`far_distance`), a
//! major power's distance (`major_x_distance`), a state with no tie,
//! border or power that is far away (`isolated`), a client of a
//! belligerent's arms (`arms_from_target`, `arms_from_attacker`: SIPRI
//! deliveries of the five years before), a rival of a belligerent's ally
//! (`rival_of_ally`, see `camps.rs`) and its interaction with war, and
//! judgments the
//! disputes cannot identify (a base in the struck state whose host gate
//! is open; backing a belligerent as its patron).
//!
//! What it does not do: it draws nothing (the cascade turns each
//! candidate's probability into one channel from the war, see
//! `cascade.rs`), it does not decide sides (`sides.rs`), and it never
//! reads terms for actors already at war when the scenario starts (they
//! are belligerents, not candidates).

use super::gates::{GateLevel, Gates};
use super::scenario::ScenarioError;
use super::sides::Side;
use super::{Model, Scenario, World};
use crate::load::{Level, SourceText};
use crate::model::*;
use std::borrow::Cow;

/// One explanatory term of one candidate: its value and the facts that
/// give it.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub name: &'static str,
    pub value: f64,
    pub facts: Vec<RelId>,
    pub why: String,
}

/// Every term the engine computes, in a fixed order (the fit's columns).
pub const TERM_NAMES: &[&str] = &[
    "border_target",
    "border_attacker",
    "water_contiguity",
    "log_distance",
    "major_power",
    "log_cinc",
    "defence_open",
    "defence_conditional",
    "defence_closed",
    "attacker_side_open",
    "tie_target",
    "tie_attacker",
    "intra_alliance",
    "rival_target",
    "rival_attacker",
    "war",
    "war_x_defence_open",
    "war_x_tie",
    "war_x_border",
    "war_x_major_power",
    "far_distance",
    "war_x_defence_closed",
    "major_x_distance",
    "isolated",
    "arms_from_target",
    "arms_from_attacker",
    "rival_of_ally",
    "war_x_rival_of_ally",
    "base_in_struck",
    "patron",
    "troops_with",
];

/// The side model's terms, [`side_terms`]: each is the candidate's
/// evidence for the attacker's side minus its evidence for the target's,
/// so that P(it fights on the attacker's side | it joins) = logistic
/// (intercept + sum of coefficient x term), fitted by `casus calibrate`
/// on the joiners of the disputes (`[side_model]` in the model file).
pub const SIDE_TERM_NAMES: &[&str] = &[
    "side_water",
    "side_obligation",
    "side_tie",
    "side_rival",
    "side_major_power",
    "side_neighbours",
    "side_major_allies",
    "side_war",
    "side_war_x_major_power",
    "side_support",
    "side_arms_from",
];

/// The index of a term in [`TERM_NAMES`].
fn ix(name: &str) -> usize {
    TERM_NAMES
        .iter()
        .position(|n| *n == name)
        .expect("a term of TERM_NAMES")
}

/// Distance (km) taken for a candidate whose capital or whose
/// belligerents' capitals are unknown: a typical distance between the
/// capitals of states that are not neighbours.
pub const UNKNOWN_DISTANCE_KM: f64 = 5000.0;

/// A candidate with its terms and its probability of joining the fighting.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub actor: ActorId,
    pub terms: Vec<Term>,
    /// logistic(intercept + sum coef x value).
    pub p: f64,
    /// The belligerent on the side its terms lean to (the channel's puller).
    pub puller: ActorId,
    /// The side model's terms ([`SIDE_TERM_NAMES`]).
    pub side_terms: Vec<Term>,
}

/// A candidate state, its joining terms and its side terms.
pub type CandidateTerms = (ActorId, Vec<Term>, Vec<Term>);

/// For every state that could join (not a belligerent at the scenario's
/// start), its joining and side terms for this scenario, computed on the scenario's view of
/// the graph (as-of date, hypothetical changes), gates evaluated.
pub fn candidate_terms(
    graph: &Graph,
    scenario: &Scenario,
    model: &Model,
) -> Result<Vec<CandidateTerms>, ScenarioError> {
    let problems = scenario.problems(graph);
    if !problems.is_empty() {
        let src = SourceText::new(format!("scenario {}", scenario.name), String::new());
        let diagnostics = problems
            .iter()
            .map(|p| src.diag(Level::Error, 0..0, p.message.clone(), p.hint.clone()))
            .collect();
        return Err(ScenarioError {
            what: "scenario".into(),
            diagnostics,
            sources: vec![src],
        });
    }
    let derived: Cow<Graph> = match scenario.derive(graph) {
        Some(g) => Cow::Owned(g),
        None => Cow::Borrowed(graph),
    };
    let w = World::new(&derived, scenario, model);
    let gates = super::gates::evaluate(&w);
    Ok(candidates(&w, &gates)
        .into_iter()
        .map(|c| (c.actor, c.terms, c.side_terms))
        .collect())
}

/// P(join) from terms: averaged over the dispute-level effect shared by
/// the candidates of one dispute (`dispute_sd` in `[joining]`), the
/// plain logistic when the model has none.
pub fn probability(model: &Model, terms: &[Term]) -> f64 {
    crate::stats::mixed::marginal(log_odds(model, terms), dispute_sd(model, terms))
}

/// The sd of the dispute-level effect for these terms (a war's or an
/// incident's, by the `war` term).
pub fn dispute_sd(model: &Model, terms: &[Term]) -> f64 {
    let war = terms.iter().any(|t| t.name == "war" && t.value > 0.0);
    model.joining.sd(war)
}

/// P(it fights on the attacker's side | it joins) from its side terms, by
/// the fitted side model; `None` when the model file has none.
pub fn side_probability(model: &Model, side_terms: &[Term]) -> Option<f64> {
    let sm = model.side_model.as_ref()?;
    let eta = sm.intercept.estimate
        + side_terms
            .iter()
            .map(|t| sm.coef(t.name) * t.value)
            .sum::<f64>();
    Some(logistic(eta))
}

pub(crate) fn log_odds(model: &Model, terms: &[Term]) -> f64 {
    let j = &model.joining;
    j.intercept.estimate + terms.iter().map(|t| j.coef(t.name) * t.value).sum::<f64>()
}

pub(crate) fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// P(join) with the terms that rest only on `r` set to 0 (what the
/// probability would be without that fact).
pub(crate) fn probability_without(model: &Model, terms: &[Term], r: RelId) -> f64 {
    probability(model, &terms_without(terms, r))
}

/// The terms with those resting only on `r` set to 0.
pub(crate) fn terms_without(terms: &[Term], r: RelId) -> Vec<Term> {
    terms
        .iter()
        .map(|t| {
            let mut t = t.clone();
            if !t.facts.is_empty() && t.facts.iter().all(|f| *f == r) {
                t.value = 0.0;
            }
            t
        })
        .collect()
}

/// The candidates of a scenario, each with its terms and probability:
/// every state that is not a belligerent and of which the graph says
/// something (a fact behind a term, a capital, a CINC score, major-power
/// status). A state the graph knows nothing about is not a candidate: the
/// model could not tell it from any other.
pub(crate) fn candidates(w: &World, gates: &Gates) -> Vec<Candidate> {
    let ctx = Context::new(w, gates);
    w.g.actor_ids()
        .filter(|a| w.g.actor(*a).kind == ActorKind::State && w.side[a.index()].is_none())
        .filter(|a| known(w.g, *a, &w.belligerents) || ctx.has_fact(*a))
        .map(|a| {
            let terms = ctx.terms(a);
            let p = probability(w.model, &terms);
            let puller = ctx.puller(&terms);
            let side_terms = ctx.side_terms(a, &terms);
            Candidate {
                actor: a,
                terms,
                p,
                puller,
                side_terms,
            }
        })
        .collect()
}

/// What every candidate's terms are read against.
struct Context<'w> {
    w: &'w World<'w>,
    gates: &'w Gates,
    /// The side of the first strike's target.
    target_side: Side,
    /// Per treaty, its parties.
    parties: Vec<Vec<super::Party>>,
    war: bool,
    /// Per belligerent, its land neighbours and its major-power allies
    /// (the same for every candidate: counted once, not per candidate).
    camp: std::collections::HashMap<ActorId, (usize, usize)>,
    /// The belligerents' allies, for `rival_of_ally`.
    allies: super::camps::Camp,
}

/// A term being built: the largest value seen, its facts, its reasons.
#[derive(Default, Clone)]
struct Acc {
    value: f64,
    facts: Vec<RelId>,
    why: Vec<String>,
}

impl Acc {
    fn add(&mut self, value: f64, facts: &[RelId], why: String) {
        self.value = self.value.max(value);
        for f in facts {
            if !self.facts.contains(f) {
                self.facts.push(*f);
            }
        }
        if self.why.len() < 3 && !self.why.contains(&why) {
            self.why.push(why);
        }
    }
}

impl<'w> Context<'w> {
    fn new(w: &'w World<'w>, gates: &'w Gates) -> Context<'w> {
        let target_side = w
            .scenario
            .strikes
            .first()
            .and_then(|s| w.side[s.target.index()])
            .unwrap_or(Side::B);
        let parties: Vec<Vec<super::Party>> = (0..w.g.treaties.len())
            .map(|t| w.treaty_parties(TreatyId(t as u32)))
            .collect();
        let war = w
            .scenario
            .strikes
            .iter()
            .any(|s| s.severity >= Severity::Sustained);
        let allies = super::camps::Camp::new(w, &parties);
        let mut ctx = Context {
            w,
            gates,
            target_side,
            parties,
            war,
            camp: Default::default(),
            allies,
        };
        ctx.camp = w
            .belligerents
            .iter()
            .map(|&b| (b, (ctx.neighbours(b), ctx.major_allies(b))))
            .collect();
        ctx
    }

    /// Does a live fact tie `c` to a belligerent or to a treaty with one,
    /// or make it a rival of a belligerent's ally?
    fn has_fact(&self, c: ActorId) -> bool {
        let g = self.w.g;
        self.allies.rival_of_ally(self.w, c).is_some()
            || g.relations_of(c).any(|r| {
                self.w.live[r.index()]
                    && (g.relation(r).treaty.is_some()
                        || self
                            .w
                            .agent(g.relation(r).other(c))
                            .is_some_and(|o| self.w.side[o.index()].is_some())
                        || g.relation(r).rtype == "military_base_in")
            })
    }

    fn name(&self, a: ActorId) -> &str {
        &self.w.g.actor(a).name
    }

    /// "target" or "attacker": the side of a belligerent.
    fn side_of(&self, b: ActorId) -> Option<&'static str> {
        self.w.side[b.index()].map(|s| {
            if s == self.target_side {
                "target"
            } else {
                "attacker"
            }
        })
    }

    fn terms(&self, c: ActorId) -> Vec<Term> {
        let mut acc: Vec<Acc> = vec![Acc::default(); TERM_NAMES.len()];
        self.direct_ties(c, &mut acc);
        self.treaty_ties(c, &mut acc);
        self.rival_of_ally(c, &mut acc);
        self.distance(c, &mut acc);
        self.capability(c, &mut acc);
        self.interactions(&mut acc);
        TERM_NAMES
            .iter()
            .zip(acc)
            .map(|(name, a)| Term {
                name,
                value: a.value,
                facts: a.facts,
                why: if a.why.is_empty() {
                    "-".to_string()
                } else {
                    a.why.join("; ")
                },
            })
            .collect()
    }

    /// Borders, rivalries, alliance ties without a treaty, bases, patrons.
    fn direct_ties(&self, c: ActorId, acc: &mut [Acc]) {
        let g = self.w.g;
        for r in g.relations_of(c) {
            if !self.w.live[r.index()] {
                continue;
            }
            let rel = g.relation(r);
            let Some(o) = self.w.agent(rel.other(c)) else {
                continue;
            };
            if rel.rtype == "military_base_in" && rel.from == c {
                self.base(c, r, acc);
                continue;
            }
            let Some(side) = self.side_of(o) else {
                continue;
            };
            let wt = self.w.weight(r);
            let (on, verb) = (self.name(o).to_string(), g.rtype(rel).verb.clone());
            match rel.rtype.as_str() {
                "borders" => self.border(c, o, r, side, acc),
                "rival" => acc[ix(&format!("rival_{side}"))].add(
                    wt,
                    &[r],
                    format!("rival of {on} ({side} side)"),
                ),
                "supports" | "fights_for"
                    if rel.from == c && rel.support.contains(&SupportKind::Troops) =>
                {
                    acc[ix("troops_with")].add(wt, &[r], format!("sends troops to {on}"))
                }
                "backs" if rel.from == c => {
                    acc[ix("patron")].add(wt, &[r], format!("backs {on}"));
                    acc[ix(&format!("tie_{side}"))].add(wt, &[r], format!("{verb} {on}"));
                }
                "defence_pact" if rel.treaty.is_none() => {
                    // No treaty recorded: no conditions to gate it, so it
                    // counts as an open obligation (as its channel does).
                    acc[ix(&format!("tie_{side}"))].add(wt, &[r], format!("{verb} {on}"));
                    let open = if side == "target" {
                        "defence_open"
                    } else {
                        "attacker_side_open"
                    };
                    acc[ix(open)].add(
                        wt,
                        &[r],
                        format!("a defence pact with {on} with no treaty recorded: no condition closes it"),
                    );
                }
                // A client of a belligerent's arms industry. Arms it gives
                // one are no joining term (out of fold they did not tell
                // who joins); the side model counts them, `side_support`.
                "arms_supplier" if rel.to == c => acc[ix(&format!("arms_from_{side}"))].add(
                    wt,
                    &[r],
                    format!("receives major arms from {on}"),
                ),
                "ally" | "backs" if rel.treaty.is_none() => {
                    acc[ix(&format!("tie_{side}"))].add(wt, &[r], format!("{verb} {on}"))
                }
                _ => {}
            }
        }
    }

    fn border(&self, c: ActorId, o: ActorId, r: RelId, side: &str, acc: &mut [Acc]) {
        let wt = self.w.weight(r);
        let on = self.name(o);
        match contiguity(self.w.g.relation(r)) {
            Some(t) if t >= 2 => acc[ix("water_contiguity")].add(
                wt,
                &[r],
                format!("{} and {on}: water contiguity (COW type {t})", self.name(c)),
            ),
            t => {
                let how = t.map(|_| " (COW type 1)").unwrap_or("");
                acc[ix(&format!("border_{side}"))].add(
                    wt,
                    &[r],
                    format!("land or river border with {on}{how}"),
                )
            }
        }
    }

    fn base(&self, c: ActorId, r: RelId, acc: &mut [Acc]) {
        let g = self.w.g;
        if !self.gates.base_open.get(&r).copied().unwrap_or(false) {
            return;
        }
        let host = g
            .de_jure_holder(g.relation(r).to)
            .unwrap_or(g.relation(r).to);
        acc[ix("base_in_struck")].add(
            self.w.weight(r),
            &[r],
            format!(
                "{} has forces in {}, struck inside its territory",
                self.name(c),
                self.name(host)
            ),
        );
    }

    /// Treaty ties with belligerents: the tie itself, its gate, and a tie
    /// to both sides (a dispute inside one alliance).
    fn treaty_ties(&self, c: ActorId, acc: &mut [Acc]) {
        let g = self.w.g;
        for (ti, parties) in self.parties.iter().enumerate() {
            let Some(me) = parties.iter().find(|p| p.actor == c) else {
                continue;
            };
            let t = TreatyId(ti as u32);
            let treaty = g.treaty(t);
            let mut sides_bound: Vec<&str> = Vec::new();
            let mut facts_both: Vec<RelId> = vec![me.anchor];
            for p in parties.iter().filter(|p| p.actor != c) {
                let Some(side) = self.side_of(p.actor) else {
                    continue;
                };
                let facts = [me.anchor, p.anchor];
                let wt = self.w.weight(me.anchor).min(self.w.weight(p.anchor));
                let on = self.name(p.actor);
                acc[ix(&format!("tie_{side}"))].add(
                    wt,
                    &facts,
                    format!("{} binds it to {on}", treaty.name),
                );
                if !sides_bound.contains(&side) {
                    sides_bound.push(side);
                }
                facts_both.push(p.anchor);
                self.gate_term(t, p.actor, side, wt, &facts, acc);
            }
            if sides_bound.len() == 2 && binding(treaty) {
                acc[ix("intra_alliance")].add(
                    1.0,
                    &facts_both,
                    format!("{} binds it to both sides", treaty.name),
                );
            }
        }
    }

    /// A rivalry with an ally of a belligerent (`camps.rs`).
    fn rival_of_ally(&self, c: ActorId, acc: &mut [Acc]) {
        if let Some(r) = self.allies.rival_of_ally(self.w, c) {
            acc[ix("rival_of_ally")].add(
                self.w.weight(r.facts[0]),
                &r.facts,
                format!(
                    "rival of {}, an ally of {}",
                    self.name(r.ally),
                    self.name(r.belligerent)
                ),
            );
        }
    }

    fn gate_term(
        &self,
        t: TreatyId,
        party: ActorId,
        side: &str,
        wt: f64,
        facts: &[RelId],
        acc: &mut [Acc],
    ) {
        let treaty = self.w.g.treaty(t);
        if !binding(treaty) {
            return;
        }
        let on = self.name(party);
        let level = self.gates.treaty_level(t, party);
        let as_target = self.gates.open_as_target.contains(&(t, party));
        let _ = side;
        let (term, how) = match (level, as_target) {
            (GateLevel::Defence, true) => ("defence_open", "open"),
            (GateLevel::Defence, false) => ("attacker_side_open", "open for the attacker's allies"),
            (GateLevel::Conditional, _) => (
                "defence_conditional",
                "open under a condition the data do not settle",
            ),
            _ => ("defence_closed", "closed"),
        };
        acc[ix(term)].add(
            wt,
            facts,
            format!("{} obligation to {on}: gate {how}", treaty.name),
        );
    }

    /// Log capital distance to the nearest belligerent.
    fn distance(&self, c: ActorId, acc: &mut [Acc]) {
        let g = self.w.g;
        let nearest = self
            .w
            .belligerents
            .iter()
            .filter(|b| g.actor(**b).kind == ActorKind::State)
            .filter_map(|b| capital_distance_km(g, c, *b).map(|d| (d, *b)))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let (km, why) = match nearest {
            Some((d, b)) => (
                d,
                format!(
                    "{d:.0} km from {} to {}, the nearest belligerent capital",
                    capital_name(g, c),
                    capital_name(g, b)
                ),
            ),
            None => (
                UNKNOWN_DISTANCE_KM,
                format!("capitals unknown: taken as {UNKNOWN_DISTANCE_KM:.0} km"),
            ),
        };
        let ld = (1.0 + km / 1000.0).ln();
        acc[ix("log_distance")].value = ld;
        acc[ix("log_distance")].why.push(why);
        // A knot at 1,000 km: beyond it distance falls off at its own rate.
        let far = (ld - 2f64.ln()).max(0.0);
        if far > 0.0 {
            acc[ix("far_distance")].value = far;
            acc[ix("far_distance")].why.push(format!(
                "ln(1 + km/1000) beyond ln 2: {km:.0} km, more than 1,000"
            ));
        }
    }

    fn capability(&self, c: ActorId, acc: &mut [Acc]) {
        let g = self.w.g;
        if let Some(why) = major_power(g, c) {
            acc[ix("major_power")].add(1.0, &[], why);
        }
        let (v, why) = match cinc(g, c) {
            Some((x, why)) => ((x.max(1e-5) / 0.001).ln(), why),
            None => (
                0.0,
                "CINC unknown: taken as 0.001 (a small state's share)".into(),
            ),
        };
        acc[ix("log_cinc")].value = v;
        acc[ix("log_cinc")].why.push(why);
    }

    /// Severity and its interactions with gates, ties and borders; a
    /// major power's distance (it projects force far: distance deters it
    /// less than a small state).
    fn interactions(&self, acc: &mut [Acc]) {
        if acc[ix("major_power")].value > 0.0 {
            let ld = acc[ix("log_distance")].value;
            acc[ix("major_x_distance")].add(
                ld,
                &[],
                format!("a major power {ld:.2} log-distance away (ln(1 + km/1000))"),
            );
        }
        self.isolated(acc);
        if !self.war {
            return;
        }
        acc[ix("war")].add(
            1.0,
            &[],
            "the strikes are a war (sustained or occupation), not an incident".into(),
        );
        let pairs = [
            ("war_x_defence_open", &["defence_open"][..]),
            ("war_x_tie", &["tie_target", "tie_attacker"][..]),
            ("war_x_border", &["border_target", "border_attacker"][..]),
            ("war_x_major_power", &["major_power"][..]),
            ("war_x_defence_closed", &["defence_closed"][..]),
            ("war_x_rival_of_ally", &["rival_of_ally"][..]),
        ];
        for (term, of) in pairs {
            for base in of {
                let b = acc[ix(base)].clone();
                if b.value > 0.0 {
                    acc[ix(term)].add(b.value, &b.facts, format!("war and {base}"));
                }
            }
        }
    }

    /// A state with no opportunity and no willingness the data show: no
    /// border or water contiguity, no alliance tie, obligation or rivalry
    /// with a belligerent, not a major power, more than 1,000 km away. Such
    /// states almost never join; without the term, averaging over the
    /// dispute-level effect lifts their small probabilities too much.
    fn isolated(&self, acc: &mut [Acc]) {
        const TIES: &[&str] = &[
            "border_target",
            "border_attacker",
            "water_contiguity",
            "major_power",
            "defence_open",
            "defence_conditional",
            "defence_closed",
            "attacker_side_open",
            "tie_target",
            "tie_attacker",
            "rival_target",
            "rival_attacker",
            "base_in_struck",
            "patron",
            "troops_with",
        ];
        if acc[ix("far_distance")].value > 0.0 && TIES.iter().all(|t| acc[ix(t)].value == 0.0) {
            acc[ix("isolated")].add(
                1.0,
                &[],
                "no border, alliance tie, obligation or rivalry with a belligerent, not a major power, more than 1,000 km away".into(),
            );
        }
    }

    /// The side model's terms: attacker-side evidence minus target-side
    /// evidence (ties and rivalries from the joining terms; water
    /// contiguity, obligations, power, neighbours, support read per side).
    /// Borders, distance, open gates and CINC were tried and left out: out
    /// of fold they did not help, and an open gate took a negative
    /// coefficient beside the obligation (collinear), which sent a state
    /// bound to both sides towards the side that did not invoke it.
    fn side_terms(&self, c: ActorId, terms: &[Term]) -> Vec<Term> {
        let get = |n: &str| terms.iter().find(|t| t.name == n);
        let diff = |name: &'static str, att: &str, tar: &str| -> Term {
            let (a, t) = (get(att), get(tar));
            let va = a.map_or(0.0, |x| x.value);
            let vt = t.map_or(0.0, |x| x.value);
            let mut facts: Vec<RelId> = Vec::new();
            for x in [a, t].into_iter().flatten().filter(|x| x.value != 0.0) {
                facts.extend(x.facts.iter().copied());
            }
            Term {
                name,
                value: va - vt,
                facts,
                why: format!("{att} {va:.2} minus {tar} {vt:.2}"),
            }
        };
        let mut v = vec![
            self.per_side(c, "side_water"),
            self.per_side(c, "side_obligation"),
            diff("side_tie", "tie_attacker", "tie_target"),
            diff("side_rival", "rival_target", "rival_attacker"),
            self.per_side(c, "side_major_power"),
            self.per_side(c, "side_neighbours"),
            self.per_side(c, "side_major_allies"),
            self.per_side(c, "side_support"),
            diff("side_arms_from", "arms_from_attacker", "arms_from_target"),
            Term {
                name: "side_war",
                value: f64::from(u8::from(self.war)),
                facts: Vec::new(),
                why: "the strikes are a war: joiners of wars take the target's side more often"
                    .into(),
            },
        ];
        let major = v.iter().find(|t| t.name == "side_major_power").cloned();
        if let Some(m) = major.filter(|_| self.war) {
            v.push(Term {
                name: "side_war_x_major_power",
                value: m.value,
                facts: m.facts,
                why: format!(
                    "a war: joiners balance against a major-power belligerent rather than follow it ({})",
                    m.why
                ),
            });
        }
        v.iter_mut()
            .filter(|t| t.name == "side_rival")
            .for_each(|t| {
                t.why = format!("a rival of the target pushes to the attacker: {}", t.why)
            });
        v
    }

    /// A side term read off each camp's belligerents (the largest value
    /// on each side): attacker's camp minus target's camp.
    fn per_side(&self, c: ActorId, name: &'static str) -> Term {
        let g = self.w.g;
        let mut val = [f64::NEG_INFINITY; 2];
        let mut facts = Vec::new();
        for &b in &self.w.belligerents {
            let Some(side) = self.side_of(b) else {
                continue;
            };
            let k = usize::from(side == "target");
            let x = match name {
                "side_water" => self.water_with(c, b, &mut facts),
                // Closer to the attacker: a larger value.
                "side_distance" => {
                    -(1.0 + g.distance_km(c, b).unwrap_or(UNKNOWN_DISTANCE_KM) / 1000.0).ln()
                }
                "side_obligation" => self.obligation_to(c, b, &mut facts),
                "side_major_power" => f64::from(u8::from(g.is_major_power(b))),
                "side_neighbours" => (1.0 + self.camp[&b].0 as f64).ln(),
                "side_major_allies" => self.camp[&b].1 as f64,
                "side_support" => self.support_to(c, b, &mut facts),
                _ => 0.0,
            };
            val[k] = val[k].max(x);
        }
        let val = val.map(|x| if x.is_finite() { x } else { 0.0 });
        let why = match name {
            "side_major_power" => "the attacker is a major power minus the target is",
            "side_water" => "water contiguity with the attacker minus with the target",
            "side_neighbours" => "ln(1 + land neighbours) of the attacker minus of the target",
            "side_major_allies" => "major powers allied with the attacker minus with the target",
            "side_support" => {
                "arms or support it gives the attacker minus the target (weight of the fact)"
            }
            _ => "a treaty obligation (any gate) to the attacker minus to the target",
        };
        Term {
            name,
            value: val[0] - val[1],
            facts,
            why: why.into(),
        }
    }

    /// The states with a land or river border with `b` (COW type 1).
    fn neighbours(&self, b: ActorId) -> usize {
        let g = self.w.g;
        let mut n: Vec<ActorId> = g
            .relations_of(b)
            .filter(|r| self.w.live[r.index()])
            .filter(|r| {
                let rel = g.relation(*r);
                rel.rtype == "borders" && contiguity(rel).is_none_or(|t| t < 2)
            })
            .filter_map(|r| self.w.agent(g.relation(r).other(b)))
            .filter(|o| *o != b && g.actor(*o).kind == ActorKind::State)
            .collect();
        n.sort();
        n.dedup();
        n.len()
    }

    /// The major powers (not belligerents) bound to `b` by a binding treaty.
    fn major_allies(&self, b: ActorId) -> usize {
        let g = self.w.g;
        let mut n: Vec<ActorId> = Vec::new();
        for (ti, parties) in self.parties.iter().enumerate() {
            if !parties.iter().any(|p| p.actor == b) || !binding(g.treaty(TreatyId(ti as u32))) {
                continue;
            }
            n.extend(
                parties
                    .iter()
                    .map(|p| p.actor)
                    .filter(|a| self.w.side[a.index()].is_none() && g.is_major_power(*a)),
            );
        }
        n.sort();
        n.dedup();
        n.len()
    }

    /// The weight of the arms or support `c` gives `b` (0 if none).
    fn support_to(&self, c: ActorId, b: ActorId, facts: &mut Vec<RelId>) -> f64 {
        let g = self.w.g;
        let mut v: f64 = 0.0;
        for r in g.relations_of(c) {
            let rel = g.relation(r);
            if self.w.live[r.index()]
                && rel.from == c
                && matches!(rel.rtype.as_str(), "arms_supplier" | "supports")
                && self.w.agent(rel.to) == Some(b)
            {
                v = v.max(self.w.weight(r));
                facts.push(r);
            }
        }
        v
    }

    /// 1 if `c` and `b` are contiguous by water (COW types 2-5).
    fn water_with(&self, c: ActorId, b: ActorId, facts: &mut Vec<RelId>) -> f64 {
        let g = self.w.g;
        let mut v: f64 = 0.0;
        for r in g.relations_of(c) {
            let rel = g.relation(r);
            if self.w.live[r.index()]
                && rel.rtype == "borders"
                && self.w.agent(rel.other(c)) == Some(b)
                && contiguity(rel).is_some_and(|t| t >= 2)
            {
                v = 1.0;
                facts.push(r);
            }
        }
        v
    }

    /// 1 if a binding treaty ties `c` to `b`, whatever its gate.
    fn obligation_to(&self, c: ActorId, b: ActorId, facts: &mut Vec<RelId>) -> f64 {
        let mut v: f64 = 0.0;
        for (ti, parties) in self.parties.iter().enumerate() {
            let (Some(me), Some(other)) = (
                parties.iter().find(|p| p.actor == c),
                parties.iter().find(|p| p.actor == b),
            ) else {
                continue;
            };
            if binding(self.w.g.treaty(TreatyId(ti as u32))) {
                v = 1.0;
                facts.extend([me.anchor, other.anchor]);
            }
        }
        v
    }

    /// The belligerent a candidate would be pulled in by: the first of the
    /// side its willingness terms lean to (the target's when even).
    fn puller(&self, terms: &[Term]) -> ActorId {
        let m = self.w.model;
        let score = |names: &[&str]| -> f64 {
            terms
                .iter()
                .filter(|t| names.contains(&t.name))
                .map(|t| m.joining.coef(t.name) * t.value)
                .sum()
        };
        let to_target = score(&[
            "defence_open",
            "tie_target",
            "rival_attacker",
            "border_target",
        ]);
        let to_attacker = score(&[
            "attacker_side_open",
            "tie_attacker",
            "rival_target",
            "border_attacker",
        ]);
        let s = &self.w.scenario.strikes[0];
        if to_attacker > to_target {
            s.attacker
        } else {
            s.target
        }
    }
}

fn capital_name(g: &Graph, a: ActorId) -> String {
    g.capital(a)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| g.actor(a).name.clone())
}

/// Does the treaty hold a defence or offence obligation (not consultation only)?
fn binding(t: &Treaty) -> bool {
    t.obligations.iter().any(|o| {
        matches!(o.kind, ObligationKind::Defence | ObligationKind::Offence) && !o.consultation_only
    })
}

/// Does the graph hold a covariate of `c` (major power, CINC, or a
/// capital distance to a belligerent)?
fn known(g: &Graph, c: ActorId, belligerents: &[ActorId]) -> bool {
    major_power(g, c).is_some()
        || cinc(g, c).is_some()
        || belligerents
            .iter()
            .any(|b| capital_distance_km(g, c, *b).is_some())
}

/// COW contiguity type of a `borders` relation (1 land or river, 2-5
/// water up to 400 miles), when the data say.
fn contiguity(rel: &Relation) -> Option<u8> {
    rel.contiguity
}

/// Distance between the capitals of two states, when both are known.
fn capital_distance_km(g: &Graph, a: ActorId, b: ActorId) -> Option<f64> {
    g.distance_km(a, b)
}

/// Why a state is a major power, if it is one.
fn major_power(g: &Graph, a: ActorId) -> Option<String> {
    g.is_major_power(a)
        .then(|| format!("{} is a COW major power in the period", g.actor(a).name))
}

/// The state's CINC score, with where it comes from.
fn cinc(g: &Graph, a: ActorId) -> Option<(f64, String)> {
    let m = g.actor(a).attrs.cinc.as_ref()?;
    Some((
        m.value,
        format!("CINC {:.4} in {} (COW NMC)", m.value, m.year),
    ))
}
