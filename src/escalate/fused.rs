//! Fused trials: 64 Monte Carlo trials in one pass over the channels, one
//! bit per trial (as InFuseR does for influence maximisation, Göktürk and
//! Kaya 2020).
//!
//! A trial's final levels are the widest-path (bottleneck) closure of the
//! scalar engine ([`super::scalar`]): actor b ends at level >= k exactly
//! when some channel c from an actor a at level >= max(k, c's source
//! level) has c.max >= k and its first k level draws succeeded. So the
//! batch keeps, per actor and level k, a `u64` whose bit t says "in trial
//! t this actor is at level >= k", and fills the levels from L5 down: at
//! level k every actor's mask starts as its L(k+1) mask and grows by a
//! worklist of (actor, new bits) over the channels out of it; a channel's
//! draws for the bits that could still rise come from
//! [`bernoulli_lanes`], a few hashes for 64 trials. The distribution of
//! every trial is the scalar engine's; the draws are different numbers
//! (a batch seed per 64 trials), so results agree within Monte Carlo error,
//! not bit for bit (`tests.rs` checks it on the shipped scenarios and a
//! generated world).
//!
//! Where chains are asked for (the main run), each bit that rises records
//! the channel that raised it and the chain's hash, in the order the bits
//! rise, so a trial's chain is read from the same masks.
//!
//! It builds no channel (`cascade.rs`), keeps no per-trial state beyond
//! its batch, and formats nothing (`outcome.rs`).

use super::cascade::{Hot, Plan};
use super::draws::{batch_seed, bernoulli_lanes};
use super::trials::{ChainCount, Stats, NONE};
use super::{mix64, LEVELS};
use rayon::prelude::*;

/// Trials per batch: one bit of a `u64` each.
pub(crate) const LANES: u32 = 64;

/// The working memory of one batch.
struct Lanes {
    /// `reach[k][a]`, k = 1..=LEVELS: bit t set when actor a is at level
    /// k or more in trial t (index 0 unused, LEVELS + 1 always 0).
    reach: [Vec<u64>; LEVELS + 2],
    /// Actors with some bit set, to clear and tally only those.
    touched: Vec<u32>,
    seen: Vec<bool>,
    /// Actors with bits that rose and are still to be pushed along their
    /// channels (FIFO), and those bits: bits rising in an actor already
    /// waiting join its pending mask, so it is scanned once for them all.
    work: Vec<u32>,
    pending: Vec<u64>,
    /// Per actor and lane (`a * 64 + t`): the channel that gave it its
    /// final level, and the hash of its chain (main run only).
    parent: Vec<u32>,
    chain: Vec<u64>,
    track: bool,
}

impl Lanes {
    fn new(n: usize, track: bool) -> Lanes {
        let lanes = if track { n * LANES as usize } else { 0 };
        Lanes {
            reach: std::array::from_fn(|_| vec![0; n]),
            touched: Vec::new(),
            seen: vec![false; n],
            work: Vec::new(),
            pending: vec![0; n],
            parent: vec![NONE; lanes],
            chain: vec![0; lanes],
            track,
        }
    }

    fn clear(&mut self) {
        for &a in &self.touched {
            for r in self.reach.iter_mut() {
                r[a as usize] = 0;
            }
            self.seen[a as usize] = false;
        }
        self.touched.clear();
    }

    fn touch(&mut self, a: u32) {
        if !self.seen[a as usize] {
            self.seen[a as usize] = true;
            self.touched.push(a);
        }
    }

    /// The final level of actor `a` in lane `t`.
    fn level(&self, a: usize, t: u32) -> u8 {
        (1..=LEVELS)
            .take_while(|k| self.reach[*k][a] >> t & 1 == 1)
            .count() as u8
    }
}

/// The lanes of `cand` in which channel `h` carries its partner to level
/// k or more: its draws of levels 1..=k all succeed (level l given l - 1
/// with probability p_l / p_{l-1}, as the scalar engine draws them).
#[inline]
fn carried(h: &Hot, k: usize, seed: u64, scale: f64, mut cand: u64) -> u64 {
    let mut prev = 1.0f64;
    for lvl in 1..=k {
        let p = h.p[lvl - 1] * scale;
        if p <= 0.0 {
            return 0;
        }
        cand = bernoulli_lanes(seed, h.key, lvl as u8, p / prev, cand);
        if cand == 0 {
            return 0;
        }
        prev = p;
    }
    cand
}

/// Fills the levels of one batch: `active` lanes, seeded `seed`.
fn batch(plan: &Plan, seed: u64, active: u64, mask: Option<&[f64]>, s: &mut Lanes) {
    s.clear();
    for &b in &plan.start {
        s.touch(b);
        s.reach[LEVELS][b as usize] = active;
        if s.track {
            let base = b as usize * LANES as usize;
            s.parent[base..base + LANES as usize].fill(NONE);
            s.chain[base..base + LANES as usize].fill(mix64(0x6265_6c6c ^ b as u64));
        }
    }
    for k in (1..=LEVELS).rev() {
        s.work.clear();
        for i in 0..s.touched.len() {
            let a = s.touched[i] as usize;
            let r = s.reach[k + 1][a] | s.reach[k][a];
            s.reach[k][a] = r;
            if r != 0 {
                s.work.push(a as u32);
                s.pending[a] = r;
            }
        }
        let mut i = 0;
        while i < s.work.len() {
            let a = s.work[i] as usize;
            i += 1;
            let delta = std::mem::take(&mut s.pending[a]);
            spread(plan, seed, k, a, delta, mask, s);
        }
    }
}

/// Pushes the bits `delta` that rose to level k in actor `a` along its
/// channels.
#[inline]
fn spread(
    plan: &Plan,
    seed: u64,
    k: usize,
    a: usize,
    delta: u64,
    mask: Option<&[f64]>,
    s: &mut Lanes,
) {
    let range = plan.hot_start[a] as usize..plan.hot_end[a][k - 1] as usize;
    for j in range {
        let b = plan.hot_to[j] as usize;
        let rb = s.reach[k][b];
        // Most channels end here: their partner is already at level k in
        // every lane that could carry it.
        let mut cand = delta & !rb;
        if cand == 0 {
            continue;
        }
        let h = &plan.hot[j];
        let src = h.source_level as usize;
        if src > k {
            cand &= s.reach[src.min(LEVELS)][a];
            if cand == 0 {
                continue;
            }
        }
        let scale = mask.map_or(1.0, |m| m[h.ci as usize]);
        let got = carried(h, k, seed, scale, cand);
        if got == 0 {
            continue;
        }
        s.touch(b as u32);
        s.reach[k][b] = rb | got;
        if s.track {
            let key = (h.ci as u64) << 3 | k as u64;
            let mut bits = got;
            while bits != 0 {
                let t = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                s.parent[b * LANES as usize + t] = h.ci;
                s.chain[b * LANES as usize + t] = mix64(s.chain[a * LANES as usize + t] ^ key);
            }
        }
        if s.pending[b] == 0 {
            s.work.push(b as u32);
        }
        s.pending[b] |= got;
    }
}

/// The lanes in which channel `h`, drawn from a puller at L5, gives its
/// partner level >= k, k = 1..=LEVELS: the draws the batch used.
fn own_levels(h: &Hot, seed: u64, scale: f64, lanes: u64) -> [u64; LEVELS] {
    let mut out = [0u64; LEVELS];
    let mut m = lanes;
    let mut prev = 1.0f64;
    for lvl in 1..=(h.max as usize).min(LEVELS) {
        let p = h.p[lvl - 1] * scale;
        if p <= 0.0 {
            break;
        }
        m = bernoulli_lanes(seed, h.key, lvl as u8, p / prev, m);
        if m == 0 {
            break;
        }
        out[lvl - 1] = m;
        prev = p;
    }
    out
}

/// Adds a finished batch to the tallies, the joining channels' own draws
/// included (the Rao-Blackwellised estimate, `trials.rs`).
fn record(plan: &Plan, s: &Lanes, seed: u64, active: u64, mask: Option<&[f64]>, st: &mut Stats) {
    st.trials += active.count_ones();
    for (b, &(x, ci)) in st.blends.iter_mut().zip(plan.joining.iter()) {
        let scale = mask.map_or(1.0, |m| m[ci as usize]);
        let own = own_levels(&plan.hot[b.hot], seed, scale, active);
        for k in 1..=LEVELS {
            let short = active & !own[k - 1];
            b.short[k - 1] += short.count_ones();
            b.reached[k - 1] += (short & s.reach[k][x as usize]).count_ones();
        }
    }
    let (mut any, mut any4) = (0u64, 0u64);
    for &x in &s.touched {
        let x = x as usize;
        if !plan.reported[x] {
            continue;
        }
        for k in 1..=LEVELS {
            st.counts[x][k] += (s.reach[k][x] & !s.reach[k + 1][x]).count_ones();
        }
        if plan.third_state[x] {
            any |= s.reach[LEVELS][x];
            any4 |= s.reach[LEVELS - 1][x];
        }
        if st.light || plan.belligerent[x] {
            continue;
        }
        let mut bits = s.reach[1][x];
        while bits != 0 {
            let t = bits.trailing_zeros();
            bits &= bits - 1;
            record_chain(plan, s, x, t, st);
        }
    }
    st.any_l5 += any.count_ones();
    st.any_l4 += any4.count_ones();
}

/// The last hop and the chain of actor `x` in lane `t`.
fn record_chain(plan: &Plan, s: &Lanes, x: usize, t: u32, st: &mut Stats) {
    let lane = |a: usize| a * LANES as usize + t as usize;
    let p = s.parent[lane(x)];
    if p == NONE {
        return;
    }
    st.last_hop[p as usize] += 1;
    let from = plan.channels[p as usize].from as usize;
    st.chains
        .entry((x as u32, s.chain[lane(x)]))
        .or_insert(ChainCount {
            count: 0,
            hop: (p, s.level(x, t)),
            up: s.chain[lane(from)],
        })
        .count += 1;
}

/// Runs trials `0..trials` of a master seed in batches of 64, in parallel;
/// the result does not depend on the number of threads (each batch is
/// fixed by its seed, and the tallies are sums).
pub(crate) fn run_trials(
    plan: &Plan,
    trials: u32,
    seed: u64,
    mask: Option<&[f64]>,
    light: bool,
) -> Stats {
    let batches = trials.div_ceil(LANES);
    // A few runs of batches per thread: each run allocates its working
    // memory once (the tallies are sums: any split gives the same result).
    let per_run = (batches as usize / (4 * rayon::current_num_threads())).max(1);
    let mut st = (0..batches)
        .into_par_iter()
        .with_min_len(per_run)
        .fold(
            || (Lanes::new(plan.n, !light), Stats::new(plan, light, mask)),
            |(mut s, mut st), b| {
                let left = trials - b * LANES;
                let active = if left >= LANES {
                    !0u64
                } else {
                    (1u64 << left) - 1
                };
                let bs = batch_seed(seed, b);
                batch(plan, bs, active, mask, &mut s);
                record(plan, &s, bs, active, mask, &mut st);
                (s, st)
            },
        )
        .map(|(_, st)| st)
        .reduce(|| Stats::new(plan, light, mask), Stats::merge);
    st.fill_level_zero(plan);
    st
}
