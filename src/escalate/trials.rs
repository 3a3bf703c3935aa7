//! The Monte Carlo trials of a plan: one trial is an independent cascade
//! from the belligerents, highest level first, each channel drawn once
//! level by level; the trial loops (`fused.rs`, 64 trials per pass, the
//! default; `scalar.rs`, one at a time, the reference) tally levels,
//! chains and last hops into [`Stats`]; this file chooses the engine and
//! the leave-one-out reruns (on the same seed, for the actors shown).
//!
//! A joining channel is drawn straight from a belligerent present in every
//! trial, on draws of its own, so its partner's final level is the higher
//! of what that channel gives (J) and what every other path gives (O), the
//! two independent: P(level >= k) = P(J >= k) + (1 - P(J >= k)) P(O >= k)
//! exactly, where P(J >= k) is the channel's own probability and P(O >= k)
//! is estimated from the trials in which J fell short of k (Rao-Blackwell:
//! a probability of 0.001 is not rounded to 0 or 1/trials).
//!
//! It runs no trial itself, builds no channel (`cascade.rs`) and formats
//! nothing (`outcome.rs`).

use super::cascade::Plan;
use super::{Engine, Model, Scenario, LEVELS};
use crate::model::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// No channel (a belligerent's parent).
pub(crate) const NONE: u32 = u32::MAX;

/// The tallies of one joining channel's partner (see the module doc).
#[derive(Clone, Debug)]
pub(crate) struct Blend {
    /// P(J >= k), k = 1..=5: the channel's own probabilities (scaled).
    pub own: [f64; LEVELS],
    /// Trials in which J < k.
    pub short: [u32; LEVELS],
    /// Of those, trials in which the partner still reached level k.
    pub reached: [u32; LEVELS],
    /// The channel's index in `Plan::hot`.
    pub(crate) hot: usize,
}

/// A chain seen in some trials, stored as its last hop and the hash of
/// the chain that led to the puller (whose own entry holds the hop
/// before): no allocation per chain, hops read back by [`Stats::hops`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChainCount {
    pub count: u32,
    /// (channel, level reached by its partner).
    pub hop: (u32, u8),
    /// The chain hash of the channel's puller.
    pub up: u64,
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
    /// Per joining channel of the plan (`Plan::joining`, same order).
    pub blends: Vec<Blend>,
    /// Actor -> index into `blends`.
    blend_of: FxHashMap<u32, usize>,
    pub(crate) light: bool,
}

impl Stats {
    pub(crate) fn new(plan: &Plan, light: bool, mask: Option<&[f64]>) -> Stats {
        let blends = plan
            .joining
            .iter()
            .map(|&(_, ci)| {
                let scale = mask.map_or(1.0, |m| m[ci as usize]);
                Blend {
                    own: plan.channels[ci as usize].p.map(|p| p * scale),
                    short: [0; LEVELS],
                    reached: [0; LEVELS],
                    hot: hot_index(plan, ci),
                }
            })
            .collect();
        let blend_of = plan
            .joining
            .iter()
            .enumerate()
            .map(|(i, &(x, _))| (x, i))
            .collect();
        Stats {
            blends,
            blend_of,
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
        for (a, b) in self.blends.iter_mut().zip(other.blends.iter()) {
            for k in 0..LEVELS {
                a.short[k] += b.short[k];
                a.reached[k] += b.reached[k];
            }
        }
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

    /// The hops of actor x's chain `hash`, from a belligerent outwards:
    /// each entry names its last hop and its puller's chain.
    pub fn hops(&self, plan: &Plan, x: usize, hash: u64) -> Vec<(u32, u8)> {
        let mut hops = Vec::new();
        let (mut a, mut h) = (x as u32, hash);
        while let Some(cc) = self.chains.get(&(a, h)) {
            hops.push(cc.hop);
            if hops.len() > plan.n {
                break;
            }
            a = plan.channels[cc.hop.0 as usize].from;
            h = cc.up;
        }
        hops.reverse();
        hops
    }

    /// Per actor, its most frequent chain: (hash, count), ties to the
    /// smaller hash (one pass over the chains).
    pub fn best_chains(&self) -> FxHashMap<u32, (u64, u32)> {
        let mut best: FxHashMap<u32, (u64, u32)> = FxHashMap::default();
        for (&(x, h), cc) in &self.chains {
            let e = best.entry(x).or_insert((h, cc.count));
            if cc.count > e.1 || (cc.count == e.1 && h < e.0) {
                *e = (h, cc.count);
            }
        }
        best
    }

    /// P(level >= k) numerators for actor x.
    pub fn at_least(&self, x: usize, k: usize) -> u32 {
        self.counts[x][k..].iter().sum()
    }

    /// Actor x's joining-channel tallies, if it has a joining channel.
    pub fn blend(&self, x: usize) -> Option<&Blend> {
        self.blend_of.get(&(x as u32)).map(|&i| &self.blends[i])
    }

    /// The estimate of P(level >= k) for actor x, k = 1..=5: the
    /// Rao-Blackwellised one where x has a joining channel (module doc),
    /// the plain share of trials otherwise.
    pub fn p_at_least(&self, x: usize, k: usize) -> f64 {
        match self.blend(x) {
            Some(b) => {
                let own = b.own[k - 1];
                let q = if b.short[k - 1] == 0 {
                    0.0
                } else {
                    b.reached[k - 1] as f64 / b.short[k - 1] as f64
                };
                own + (1.0 - own) * q
            }
            None => self.at_least(x, k) as f64 / self.trials.max(1) as f64,
        }
    }
}

/// The position of channel `ci` in the plan's packed channels.
fn hot_index(plan: &Plan, ci: u32) -> usize {
    let from = plan.channels[ci as usize].from as usize;
    let range = plan.hot_start[from] as usize..plan.hot_start[from + 1] as usize;
    range.start
        + plan.hot[range]
            .iter()
            .position(|h| h.ci == ci)
            .expect("every channel is packed")
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
    let into = &plan.into[x];
    // The trials of each shared decision (one pass, not one per channel).
    let mut shared: FxHashMap<u64, u32> = FxHashMap::default();
    for &j in into {
        let c = &plan.channels[j as usize];
        if c.shared_decision() {
            *shared.entry(c.key).or_insert(0) += main.last_hop[j as usize];
        }
    }
    let mut v: Vec<(u32, u32)> = into
        .iter()
        .map(|&i| {
            let c = &plan.channels[i as usize];
            let cnt = if c.shared_decision() {
                shared[&c.key]
            } else {
                main.last_hop[i as usize]
            };
            (i, cnt)
        })
        .filter(|(_, cnt)| *cnt > 0)
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// The relations of those channels, with the trials in which a channel
/// made of them gave `x` its final level, most frequent first.
pub(crate) fn incoming_relations(plan: &Plan, main: &Stats, x: usize) -> Vec<(RelId, u32)> {
    let mut by: FxHashMap<RelId, u32> = FxHashMap::default();
    for (ci, cnt) in incoming(plan, main, x) {
        for r in &plan.channels[ci as usize].rels {
            *by.entry(*r).or_insert(0) += cnt;
        }
    }
    let mut m: Vec<(RelId, u32)> = by.into_iter().collect();
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

#[cfg(test)]
mod tests {
    use super::super::cascade::{Channel, ChannelKind, Hot, Plan};
    use super::super::mix64;
    use super::*;

    fn channel(from: u32, to: u32, p: [f64; LEVELS], kind: ChannelKind, source: u8) -> Channel {
        Channel {
            from,
            to,
            max: LEVELS as u8,
            p,
            key: mix64(0x7465_7374 ^ ((from as u64) << 8 | to as u64)),
            rels: Vec::new(),
            kind,
            gate_open: None,
            damped: Vec::new(),
            source_level: source,
        }
    }

    /// A plan of four actors: belligerents 0 and 1; 1 may draw 3 in (to L5
    /// with P 0.6), 3 may draw 2 in (to L5 with P 0.5), and 2 has a
    /// joining channel from 0 (L4 with P `pj`, L5 with P `pj` / 2).
    fn plan(pj: f64) -> Plan {
        let tie = || ChannelKind::Tie { spec: 0 };
        let channels = vec![
            channel(
                0,
                2,
                [pj, pj, pj, pj, pj / 2.0],
                ChannelKind::Joining { candidate: 0 },
                5,
            ),
            channel(1, 3, [0.6; LEVELS], tie(), 1),
            channel(3, 2, [0.5; LEVELS], tie(), 1),
        ];
        let n = 4;
        let mut into = vec![Vec::new(); n];
        let mut hot_start = Vec::new();
        let mut hot = Vec::new();
        let mut hot_end = Vec::new();
        for a in 0..n {
            hot_start.push(hot.len() as u32);
            for (i, c) in channels
                .iter()
                .enumerate()
                .filter(|(_, c)| c.from as usize == a)
            {
                hot.push(Hot {
                    to: c.to,
                    ci: i as u32,
                    max: c.max,
                    source_level: c.source_level,
                    key: c.key,
                    p: c.p,
                });
            }
            // Every channel here can carry L5.
            hot_end.push([hot.len() as u32; LEVELS]);
        }
        hot_start.push(hot.len() as u32);
        for (i, c) in channels.iter().enumerate() {
            into[c.to as usize].push(i as u32);
        }
        Plan {
            n,
            into,
            hot_to: hot.iter().map(|h| h.to).collect(),
            hot,
            hot_start,
            hot_end,
            start: vec![0, 1],
            belligerent: vec![true, true, false, false],
            reported: vec![true; n],
            third_state: vec![false, false, true, true],
            joins: Vec::new(),
            joining: vec![(2, 0)],
            channels,
        }
    }

    #[test]
    fn the_rao_blackwell_estimate_matches_the_exact_probabilities() {
        let pj = 0.3;
        let p = plan(pj);
        for run in ENGINES {
            let st = run(&p, 4000, 7, None, true);
            // The other path reaches 2 at L5 with P 0.6 x 0.5 = 0.3.
            let other = 0.3;
            for (k, own) in [(1, pj), (4, pj), (5, pj / 2.0)] {
                let exact = own + (1.0 - own) * other;
                let est = st.p_at_least(2, k);
                // sd of the estimate: (1 - own) sqrt(q (1 - q) / short).
                let short = st.blend(2).unwrap().short[k - 1] as f64;
                let sd = (1.0 - own) * (other * (1.0 - other) / short).sqrt();
                assert!((est - exact).abs() < 4.0 * sd, "L{k}: {est} vs {exact}");
            }
            // Actor 3 has no joining channel: plain counts.
            assert_eq!(st.p_at_least(3, 1), st.at_least(3, 1) as f64 / 4000.0);
        }
    }

    type RunTrials = fn(&Plan, u32, u64, Option<&[f64]>, bool) -> Stats;
    /// The scalar and the fused trial loops: both keep the counts.
    const ENGINES: [RunTrials; 2] = [
        super::super::scalar::run_trials,
        super::super::fused::run_trials,
    ];

    #[test]
    fn a_small_joining_probability_is_not_rounded_to_the_trials() {
        let mut p = plan(0.001);
        // Without the other path, 2 enters only through its own channel.
        p.channels[2].p = [0.0; LEVELS];
        p.hot[2].p = [0.0; LEVELS];
        for run in ENGINES {
            let st = run(&p, 1000, 7, None, true);
            assert_eq!(st.p_at_least(2, 4), 0.001);
            assert_eq!(st.p_at_least(2, 5), 0.0005);
            // A left-out run scales the channel's own probability.
            let mask = [0.5, 1.0, 1.0];
            let st = run(&p, 1000, 7, Some(&mask), true);
            assert_eq!(st.p_at_least(2, 4), 0.0005);
        }
    }
}
