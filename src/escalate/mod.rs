//! Escalation what-ifs: if these strikes happen, who could be drawn in, how
//! far, on which side, and why.
//!
//! [`simulate`] takes a graph, a [`Scenario`] (strikes, an as-of date,
//! hypothetical changes) and a [`Model`] (probabilities with their sources)
//! and returns an [`Outcome`]:
//!
//! 1. **Gates** ([`gates`]): deterministic, evaluated first and traced. A
//!    treaty obligation opens only if a strike hits its party inside the
//!    obligation's territorial scope (following `part_of` for the de jure
//!    holder), is severe enough, comes from a covered adversary, and the
//!    party did not start the fighting (defensive-only obligations).
//! 2. **Cascade** ([`cascade`]): a Monte Carlo independent cascade over the
//!    relations, one draw per relation and level, reproducible from the
//!    seed whatever the number of threads. Involvement levels: L1
//!    diplomatic, L2 materiel, L3 proxies and volunteers, L4 limited direct
//!    action, L5 co-belligerent (the belligerents themselves).
//! 3. **Sides** ([`sides`]): structural balance; an actor with strong
//!    interests on both sides is reported as cross-pressured.
//! 4. **Outcome** ([`outcome`]): P(level >= k) with Wilson intervals, the
//!    gate trace, the most frequent activation chain of each actor with
//!    every hop cited, and leave-one-out reruns of its incoming relations.
//!
//! Invariant: the engine never changes its input graph (hypothetical
//! changes derive a new graph with `to_builder`), and `simulate` does no
//! I/O.

mod camps;
mod cascade;
mod channels;
mod compare;
mod dot;
mod draws;
mod explain;
mod fit;
mod fused;
mod gates;
pub mod joining;
pub mod model;
pub mod outcome;
mod scalar;
pub mod scenario;
mod sides;
mod trials;
mod world;

pub(crate) use draws::{hash_bytes, mix64};
pub(crate) use world::{Party, World};

pub use model::{ChannelSpec, LevelSpec, Model, ModelSource, Param, PartnerRole, SideRule};
pub use outcome::{
    compare, to_dot, ActorOutcome, Comparison, GateTrace, JoiningView, LevelProb, Outcome, TermView,
};
pub use scenario::{
    parse_relation_spec, parse_scenario, parse_strike, shipped_scenario, shipped_scenarios, Engine,
    Problem, Removal, Scenario, ScenarioError, Strike,
};
pub use sides::Side;

use crate::model::*;
use std::borrow::Cow;

/// The number of involvement levels (L1 diplomatic .. L5 co-belligerent).
pub const LEVELS: usize = 5;

/// What each level means, for output.
pub const LEVEL_NAMES: [&str; LEVELS] = [
    "diplomatic (statements, mediation)",
    "materiel (arms, intelligence, transit)",
    "proxies and volunteers",
    "limited direct action (deterrent deployments, air defence, peacekeepers)",
    "co-belligerent",
];

/// Runs a scenario on a graph with a model. Never changes `graph`; does no I/O.
///
/// ```
/// use casus::model::*;
/// use casus::escalate::*;
/// let g = GraphBuilder::example();
/// let model = Model::embedded(&g).unwrap();
/// let mut sc = Scenario::new("demo");
/// sc.strikes.push(parse_strike(&g, "artsakh:azerbaijan@nagorno-karabakh").unwrap());
/// sc.trials = 500;
/// let out = simulate(&g, &sc, &model);
/// let turkey = out.actor("turkey").unwrap();
/// assert!(turkey.levels[0].p > 0.5); // the ally speaks up
/// assert!(out.actor("azerbaijan").unwrap().belligerent);
/// ```
pub fn simulate(graph: &Graph, scenario: &Scenario, model: &Model) -> Outcome {
    let removed = graph
        .relation_ids()
        .filter(|r| {
            scenario
                .remove
                .iter()
                .any(|rm| rm.matches(graph, graph.relation(*r)))
        })
        .map(|r| crate::view::RelationView::new(graph, r))
        .collect();
    let derived: Cow<Graph> = match scenario.derive(graph) {
        Some(g) => Cow::Owned(g),
        None => Cow::Borrowed(graph),
    };
    let g: &Graph = &derived;
    let world = World::new(g, scenario, model);
    let gates = gates::evaluate(&world);
    let mut analysis = sides::analyse(&world, &gates);
    let joins = joining::candidates(&world, &gates);
    let plan = cascade::Plan::build(&world, &gates, &analysis, joins);
    // Reported sides: the fitted side model's for candidate states (the
    // cascade's damping keeps structural balance's cross-pressure).
    sides::apply_fitted(&world, &mut analysis, &plan.joins);
    let runs = trials::run(&plan, model, scenario);
    explain::assemble(&world, &gates, &analysis, &plan, &runs, removed)
}

/// The cascade of a scenario as a plain independent-cascade network, for
/// comparing the Monte Carlo engine with other tools (bench/compare.py
/// feeds it to NDlib): the actors every trial starts with (the
/// belligerents and the wars), and each channel as (from, to, P(level >=
/// 1)): the probability that `from`, once involved, draws `to` in at all.
pub fn cascade_network(
    graph: &Graph,
    scenario: &Scenario,
    model: &Model,
) -> (Vec<ActorId>, Vec<(ActorId, ActorId, f64)>) {
    let derived: Cow<Graph> = match scenario.derive(graph) {
        Some(g) => Cow::Owned(g),
        None => Cow::Borrowed(graph),
    };
    let g: &Graph = &derived;
    let world = World::new(g, scenario, model);
    let gates = gates::evaluate(&world);
    let analysis = sides::analyse(&world, &gates);
    let joins = joining::candidates(&world, &gates);
    let plan = cascade::Plan::build(&world, &gates, &analysis, joins);
    let seeds: Vec<ActorId> = plan.start.iter().map(|a| ActorId(*a)).collect();
    // A channel that acts only from a puller at some level above L1 is
    // kept where its puller is sure to be there (the actors every trial
    // starts with, at L5): the binary projection of the level rule.
    let edges = plan
        .channels
        .iter()
        .filter(|c| c.source_level <= 1 || plan.start.contains(&c.from))
        .map(|c| (ActorId(c.from), ActorId(c.to), c.p[0]))
        .collect();
    (seeds, edges)
}

#[cfg(test)]
mod tests;
