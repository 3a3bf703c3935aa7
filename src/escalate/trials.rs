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
use super::joining::{log_odds, logistic, terms_without};
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
    /// Where the trials ran in strata of the dispute-level effect, the
    /// estimate: P(J >= k) + (1 - P(J >= k)) x the strata's shares of
    /// short trials that reached k, weighted by 1 - P(J >= k | u) (see
    /// `run_strata`); `own` is then the exact marginal P(J >= k).
    pub mixed: Option<[f64; LEVELS]>,
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
    /// Trials in which some non-belligerent state entered the fighting (L4+).
    pub any_l4: u32,
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
                    mixed: None,
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
            any_l4: 0,
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
        self.any_l4 += other.any_l4;
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
            Some(Blend { mixed: Some(m), .. }) => m[k - 1],
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

/// The dispute-level effect of a run: its sd, and per joining channel
/// (`Plan::joining` order) the joining model's log-odds at u = 0 (with
/// the terms of a left-out relation dropped).
pub(crate) struct Effect {
    pub sd: f64,
    pub eta: Vec<f64>,
}

impl Effect {
    /// The effect of a plan's joining channels, without relation `r`'s
    /// terms if given; `None` when the model has no effect.
    pub(crate) fn of(plan: &Plan, model: &Model, r: Option<RelId>) -> Option<Effect> {
        let terms = |ci: u32| match plan.channels[ci as usize].kind {
            super::cascade::ChannelKind::Joining { candidate } => {
                Some(&plan.joins[candidate].terms)
            }
            _ => None,
        };
        let sd = plan
            .joining
            .first()
            .and_then(|&(_, ci)| terms(ci))
            .map_or(0.0, |t| super::joining::dispute_sd(model, t));
        if sd <= 0.0 {
            return None;
        }
        let eta = plan
            .joining
            .iter()
            .map(|&(_, ci)| match (terms(ci), r) {
                (Some(t), Some(r)) => log_odds(model, &terms_without(t, r)),
                (Some(t), None) => log_odds(model, t),
                (None, _) => f64::NEG_INFINITY,
            })
            .collect();
        Some(Effect { sd, eta })
    }
}

/// Strata of the dispute-level effect: one per 64 trials, at most this many.
pub(crate) const MAX_STRATA: u32 = 16;

/// A run of `trials` trials under the dispute-level effect: the trials
/// split into K equal strata of u's distribution (K = trials / 64, 1 to
/// [`MAX_STRATA`]), in stratum k u = sd x the normal quantile of (k +
/// U_k) / K with U_k uniform from the seed (stratified sampling: every
/// count is an unbiased estimate of its marginal), every joining channel
/// at its probability given u; the tallies summed, each joining
/// channel's estimate its exact marginal plus the rest estimated from the
/// strata ([`Blend::mixed`]).
fn run_strata(
    plan: &Plan,
    engine: Engine,
    trials: u32,
    seed: u64,
    mask: Option<&[f64]>,
    light: bool,
    e: &Effect,
) -> Stats {
    use rayon::prelude::*;
    let strata = (trials / 64).clamp(1, MAX_STRATA);
    // The strata in parallel, combined in their order (the same result
    // whatever the number of threads).
    let parts: Vec<Stats> = (0..strata)
        .into_par_iter()
        .map(|k| {
            let n = trials * (k + 1) / strata - trials * k / strata;
            let ks = super::mix64(seed ^ 0x5354_5241_5441 ^ u64::from(k).wrapping_mul(0x9E37_79B9));
            let v = (ks >> 11) as f64 / (1u64 << 53) as f64;
            let u =
                e.sd * crate::stats::mixed::normal_quantile((f64::from(k) + v) / f64::from(strata));
            let mut m: Vec<f64> =
                mask.map_or_else(|| vec![1.0; plan.channels.len()], <[f64]>::to_vec);
            for (i, &(_, ci)) in plan.joining.iter().enumerate() {
                let p = plan.channels[ci as usize].p[LEVELS - 2];
                m[ci as usize] = if p > 0.0 {
                    logistic(e.eta[i] + u) / p
                } else {
                    0.0
                };
            }
            run_once(plan, engine, n, ks, Some(&m), light)
        })
        .collect();
    // Per joining channel and level: sums over the strata of (1 - P(J >=
    // k | u)) q and of (1 - P(J >= k | u)).
    let mut num = vec![[0.0; LEVELS]; plan.joining.len()];
    let mut den = vec![[0.0; LEVELS]; plan.joining.len()];
    for st in &parts {
        for ((n, d), b) in num.iter_mut().zip(den.iter_mut()).zip(&st.blends) {
            for l in 0..LEVELS {
                if b.short[l] > 0 {
                    let q = f64::from(b.reached[l]) / f64::from(b.short[l]);
                    n[l] += (1.0 - b.own[l]) * q;
                    d[l] += 1.0 - b.own[l];
                }
            }
        }
    }
    let mut out = parts
        .into_iter()
        .reduce(Stats::merge)
        .expect("at least one stratum");
    // The exact marginal P(J >= k) (the channel's probability), plus (1 -
    // it) x the strata's q weighted by (1 - P(J >= k | u)): exact when the
    // other paths never or always reach k, within [own, 1] always.
    let exact = Stats::new(plan, light, mask);
    for (i, (b, x)) in out.blends.iter_mut().zip(exact.blends).enumerate() {
        b.own = x.own;
        b.mixed = Some(std::array::from_fn(|l| {
            let q = if den[i][l] > 0.0 {
                num[i][l] / den[i][l]
            } else {
                0.0
            };
            x.own[l] + (1.0 - x.own[l]) * q
        }));
    }
    out
}

/// One run of `trials` trials of a master seed, on the scenario's engine,
/// under the dispute-level effect where the model has one.
fn run_trials(
    plan: &Plan,
    engine: Engine,
    trials: u32,
    seed: u64,
    mask: Option<&[f64]>,
    light: bool,
    effect: Option<&Effect>,
) -> Stats {
    match effect {
        Some(e) if !plan.joining.is_empty() => {
            run_strata(plan, engine, trials, seed, mask, light, e)
        }
        _ => run_once(plan, engine, trials, seed, mask, light),
    }
}

/// One run of `trials` trials of a master seed, on the scenario's engine.
fn run_once(
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
    let effect = Effect::of(plan, model, None);
    let main = run_trials(plan, engine, sc.trials, seed, None, false, effect.as_ref());
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
    let prefix = run_trials(plan, engine, loo_trials, seed, None, true, effect.as_ref());
    let loo = cands
        .iter()
        .map(|r| {
            let mask = plan.without(model, *r);
            let e = Effect::of(plan, model, Some(*r));
            (
                *r,
                run_trials(
                    plan,
                    engine,
                    loo_trials,
                    seed,
                    Some(&mask),
                    true,
                    e.as_ref(),
                ),
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

    /// Two candidates, each with its own joining channel from belligerent
    /// 0 at log-odds 0 and no other path, under a dispute-level effect of
    /// sd 1: each enters the fighting with P E[sigmoid(Z)] = 1/2 exactly,
    /// and at least one with P 1 - E[sigmoid(-Z)^2] = 1 - (1/4 +
    /// Var(sigmoid(Z))) = 0.7066 (`stats::mixed`'s test computes it by
    /// hand), not the 3/4 of independent candidates.
    #[test]
    fn the_shared_effect_makes_joiners_cluster() {
        use super::super::joining::{Candidate, Term};
        use super::super::model::{Coef, Joining};
        let g = crate::model::GraphBuilder::default().build();
        let mut model = Model::embedded(&g).unwrap();
        let c = |e: f64| Coef {
            estimate: e,
            lo: None,
            hi: None,
            heuristic: false,
            note: None,
        };
        model.joining = Joining {
            dispute_sd: Some(c(1.0)),
            ..Joining::unfitted()
        };
        let war = Term {
            name: "war",
            value: 0.0,
            facts: Vec::new(),
            why: String::new(),
        };
        let mut p = plan(0.5);
        let cand = |a: u32| Candidate {
            actor: ActorId(a),
            terms: vec![war.clone()],
            p: 0.5,
            puller: ActorId(0),
            side_terms: Vec::new(),
        };
        p.joins = vec![cand(2), cand(3)];
        // Actor 3's tie from 1 becomes its joining channel; 3 no longer
        // draws 2 in: each has only its own channel.
        p.channels[1] = channel(
            0,
            3,
            [0.5, 0.5, 0.5, 0.5, 0.25],
            ChannelKind::Joining { candidate: 1 },
            5,
        );
        p.channels[2].p = [0.0; LEVELS];
        p.channels[0].p = [0.5, 0.5, 0.5, 0.5, 0.25];
        p.channels[0].kind = ChannelKind::Joining { candidate: 0 };
        p = rebuild(p);
        p.joining = vec![(2, 0), (3, 1)];
        let e = Effect::of(&p, &model, None).expect("an effect");
        assert_eq!(e.sd, 1.0);
        for engine in [Engine::Scalar, Engine::Fused] {
            let st = run_trials(&p, engine, 16_384, 11, None, true, Some(&e));
            assert_eq!(st.p_at_least(2, 4), 0.5);
            assert_eq!(st.p_at_least(3, 5), 0.25);
            let any = f64::from(st.any_l4) / f64::from(st.trials);
            // sd of the estimate about 0.0036.
            assert!((any - 0.706_621).abs() < 0.015, "{engine:?}: {any}");
            let indep = run_trials(&p, engine, 16_384, 11, None, true, None);
            let any = f64::from(indep.any_l4) / f64::from(indep.trials);
            assert!((any - 0.75).abs() < 0.015, "{engine:?} independent: {any}");
        }
    }

    /// The plan's packed channels rebuilt from its channels.
    fn rebuild(mut p: Plan) -> Plan {
        let n = p.n;
        p.into = vec![Vec::new(); n];
        p.hot.clear();
        p.hot_start.clear();
        p.hot_end.clear();
        for a in 0..n {
            p.hot_start.push(p.hot.len() as u32);
            for (i, c) in p
                .channels
                .iter()
                .enumerate()
                .filter(|(_, c)| c.from as usize == a)
            {
                p.hot.push(Hot {
                    to: c.to,
                    ci: i as u32,
                    max: c.max,
                    source_level: c.source_level,
                    key: c.key,
                    p: c.p,
                });
            }
            p.hot_end.push([p.hot.len() as u32; LEVELS]);
        }
        p.hot_start.push(p.hot.len() as u32);
        for (i, c) in p.channels.iter().enumerate() {
            p.into[c.to as usize].push(i as u32);
        }
        p.hot_to = p.hot.iter().map(|h| h.to).collect();
        p
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
