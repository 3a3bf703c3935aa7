//! The Monte Carlo trials of a plan: one trial is an independent cascade
//! from the belligerents, highest level first, each channel drawn once
//! level by level; trials run in parallel blocks and are tallied (levels,
//! chains, last hops); leave-one-out reruns on the same seed.
//!
//! It builds no channel (`cascade.rs`) and formats nothing (`outcome.rs`).

use super::cascade::Plan;
use super::{Engine, Model, Scenario, LEVELS};
use crate::model::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// No channel (a belligerent's parent).
pub(crate) const NONE: u32 = u32::MAX;

/// A chain seen in some trials.
#[derive(Clone, Debug)]
pub(crate) struct ChainCount {
    pub count: u32,
    /// (channel, level reached by its partner), from a belligerent outwards.
    pub hops: Vec<(u32, u8)>,
}

/// Tallies of a run.
#[derive(Clone, Debug)]
pub(crate) struct Stats {
    pub trials: u32,
    /// Per actor: trials ending at level 0..=5.
    pub counts: Vec<[u32; LEVELS + 1]>,
    /// Trials in which some non-belligerent state reached L5.
    pub any_l5: u32,
    /// (actor, chain hash) -> count and chain.
    pub chains: FxHashMap<(u32, u64), ChainCount>,
    /// Per channel: trials in which it gave its partner its final level.
    pub last_hop: Vec<u32>,
    pub(crate) light: bool,
}

impl Stats {
    pub(crate) fn new(plan: &Plan, light: bool) -> Stats {
        Stats {
            trials: 0,
            counts: vec![[0; LEVELS + 1]; plan.n],
            any_l5: 0,
            chains: FxHashMap::default(),
            last_hop: if light {
                Vec::new()
            } else {
                vec![0; plan.channels.len()]
            },
            light,
        }
    }

    pub(crate) fn merge(mut self, other: Stats) -> Stats {
        self.trials += other.trials;
        self.any_l5 += other.any_l5;
        for (a, b) in self.counts.iter_mut().zip(other.counts.iter()) {
            for k in 0..=LEVELS {
                a[k] += b[k];
            }
        }
        for (a, b) in self.last_hop.iter_mut().zip(other.last_hop.iter()) {
            *a += *b;
        }
        for (k, v) in other.chains {
            self.chains
                .entry(k)
                .and_modify(|c| c.count += v.count)
                .or_insert(v);
        }
        self
    }

    /// Sets the level-0 count of each reported actor from the others (the
    /// fused engine tallies only the actors a batch touched).
    pub(crate) fn fill_level_zero(&mut self, plan: &Plan) {
        for x in 0..plan.n {
            if plan.reported[x] {
                let up: u32 = self.counts[x][1..].iter().sum();
                self.counts[x][0] = self.trials - up;
            }
        }
    }

    /// P(level >= k) numerators for actor x.
    pub fn at_least(&self, x: usize, k: usize) -> u32 {
        self.counts[x][k..].iter().sum()
    }
}

/// The main run, and the leave-one-out reruns.
pub(crate) struct Runs {
    pub main: Stats,
    /// The first `loo_trials` trials, unchanged (the baseline of the reruns).
    pub prefix: Option<Stats>,
    /// Per relation left out: the first `loo_trials` trials without it.
    pub loo: Vec<(RelId, Stats)>,
    pub loo_trials: u32,
}

/// Incoming relations whose removal is rerun, at most this many in all.
const LOO_MAX_RELATIONS: usize = 40;
/// And at most this many per actor.
pub(crate) const LOO_PER_ACTOR: usize = 6;

/// The incoming channels of actor `x` that gave it its final level in
/// some trial, most frequent first. Treaty ties of the same pair share
/// their draws (one decision), so each is credited with the trials of all.
pub(crate) fn incoming(plan: &Plan, main: &Stats, x: usize) -> Vec<(u32, u32)> {
    let into: Vec<usize> = plan.into[x].iter().map(|i| *i as usize).collect();
    let mut v: Vec<(u32, u32)> = into
        .iter()
        .map(|&i| {
            let c = &plan.channels[i];
            let cnt = if c.shared_decision() {
                into.iter()
                    .filter(|&&j| {
                        plan.channels[j].shared_decision() && plan.channels[j].key == c.key
                    })
                    .map(|&j| main.last_hop[j])
                    .sum()
            } else {
                main.last_hop[i]
            };
            (i as u32, cnt)
        })
        .filter(|(_, cnt)| *cnt > 0)
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// The relations of those channels, with the trials in which a channel
/// made of them gave `x` its final level, most frequent first.
pub(crate) fn incoming_relations(plan: &Plan, main: &Stats, x: usize) -> Vec<(RelId, u32)> {
    let mut m: Vec<(RelId, u32)> = Vec::new();
    for (ci, cnt) in incoming(plan, main, x) {
        for r in &plan.channels[ci as usize].rels {
            match m.iter_mut().find(|(rr, _)| rr == r) {
                Some(e) => e.1 += cnt,
                None => m.push((*r, cnt)),
            }
        }
    }
    m.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    m
}

/// One run of `trials` trials of a master seed, on the scenario's engine.
fn run_trials(
    plan: &Plan,
    engine: Engine,
    trials: u32,
    seed: u64,
    mask: Option<&[f64]>,
    light: bool,
) -> Stats {
    match engine {
        Engine::Fused => super::fused::run_trials(plan, trials, seed, mask, light),
        Engine::Scalar => super::scalar::run_trials(plan, trials, seed, mask, light),
    }
}

/// The relations to rerun without: those carrying the actors whose
/// leave-one-out is shown (`sc.loo_actors`, else every reported actor)
/// in, at most [`LOO_PER_ACTOR`] per actor and [`LOO_MAX_RELATIONS`] in
/// all, most used first.
fn loo_relations(plan: &Plan, main: &Stats, sc: &Scenario) -> Vec<RelId> {
    let mut use_of: HashMap<RelId, u32> = HashMap::new();
    for x in 0..plan.n {
        if !plan.reported[x] || plan.belligerent[x] {
            continue;
        }
        if let Some(only) = &sc.loo_actors {
            if !only.contains(&ActorId(x as u32)) {
                continue;
            }
        }
        for (r, cnt) in incoming_relations(plan, main, x)
            .into_iter()
            .take(LOO_PER_ACTOR)
        {
            *use_of.entry(r).or_insert(0) += cnt;
        }
    }
    let mut cands: Vec<(RelId, u32)> = use_of.into_iter().collect();
    cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    cands.truncate(LOO_MAX_RELATIONS);
    cands.into_iter().map(|(r, _)| r).collect()
}

/// The main run of a scenario, then its leave-one-out reruns: the first
/// `loo_trials` trials again, and again without each relation chosen by
/// [`loo_relations`] (common random numbers: the same draws).
pub(crate) fn run(plan: &Plan, model: &Model, sc: &Scenario) -> Runs {
    let (engine, seed) = (sc.engine, sc.seed);
    let loo_trials = sc.loo_trials.min(sc.trials);
    let main = run_trials(plan, engine, sc.trials, seed, None, false);
    let cands = if loo_trials == 0 {
        Vec::new()
    } else {
        loo_relations(plan, &main, sc)
    };
    if cands.is_empty() {
        return Runs {
            main,
            prefix: None,
            loo: Vec::new(),
            loo_trials: 0,
        };
    }
    let prefix = run_trials(plan, engine, loo_trials, seed, None, true);
    let loo = cands
        .iter()
        .map(|r| {
            let mask = plan.without(model, *r);
            (
                *r,
                run_trials(plan, engine, loo_trials, seed, Some(&mask), true),
            )
        })
        .collect();
    Runs {
        main,
        prefix: Some(prefix),
        loo,
        loo_trials,
    }
}
