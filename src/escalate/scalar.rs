//! The scalar trials: one Monte Carlo trial at a time, an independent
//! cascade from the belligerents, highest level first, each channel drawn
//! once level by level with [`uniform`]. The reference implementation the
//! fused engine ([`super::fused`]) is tested against (`--engine scalar`).
//!
//! It builds no channel (`cascade.rs`), does not choose what to rerun
//! (`trials.rs`) and formats nothing (`outcome.rs`).

use super::cascade::{Hot, Plan};
use super::draws::{trial_seed, uniform};
use super::trials::{ChainCount, Stats, NONE};
use super::{mix64, LEVELS};
use rayon::prelude::*;

/// Trials per parallel block.
const BLOCK: u32 = 64;

/// Per-trial working memory.
pub(crate) struct Scratch {
    pub level: Vec<u8>,
    pub parent: Vec<u32>,
    popped: Vec<bool>,
    chain: Vec<u64>,
    bucket: [Vec<u32>; LEVELS + 1],
    head: [usize; LEVELS + 1],
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            level: vec![0; n],
            parent: vec![NONE; n],
            popped: vec![false; n],
            chain: vec![0; n],
            bucket: Default::default(),
            head: [0; LEVELS + 1],
        }
    }
}

/// One trial: final levels and parents in `s`.
fn trial(plan: &Plan, seed: u64, mask: Option<&[f64]>, s: &mut Scratch) {
    s.level.fill(0);
    s.parent.fill(NONE);
    s.popped.fill(false);
    for b in s.bucket.iter_mut() {
        b.clear();
    }
    s.head = [0; LEVELS + 1];
    for &b in &plan.start {
        s.level[b as usize] = LEVELS as u8;
        s.chain[b as usize] = mix64(0x6265_6c6c ^ b as u64);
        s.bucket[LEVELS].push(b);
    }
    while let Some(k) = (1..=LEVELS).rev().find(|k| s.head[*k] < s.bucket[*k].len()) {
        let a = s.bucket[k][s.head[k]] as usize;
        s.head[k] += 1;
        if s.popped[a] || s.level[a] as usize != k {
            continue;
        }
        s.popped[a] = true;
        let pa = s.parent[a];
        if pa != NONE {
            let src = plan.channels[pa as usize].from as usize;
            s.chain[a] = mix64(s.chain[src] ^ ((pa as u64) << 3 | k as u64));
        }
        let range = plan.hot_start[a] as usize..plan.hot_start[a + 1] as usize;
        for (j, &b) in plan.hot_to[range.clone()].iter().enumerate() {
            let b = b as usize;
            // A partner already processed, or already at the level of the
            // puller, cannot be drawn higher: most channels end here,
            // having read four bytes.
            if s.popped[b] || s.level[b] >= k as u8 {
                continue;
            }
            let h = &plan.hot[range.start + j];
            let ci = h.ci;
            let scale = mask.map_or(1.0, |m| m[ci as usize]);
            if scale <= 0.0 {
                continue;
            }
            let c = h;
            if (k as u8) < c.source_level {
                continue;
            }
            let m = c.max.min(k as u8);
            if m <= s.level[b] {
                continue;
            }
            let mut got = 0u8;
            let mut prev = 1.0f64;
            for lvl in 1..=m {
                let p = c.p[lvl as usize - 1] * scale;
                if p <= 0.0 {
                    break;
                }
                if uniform(seed, c.key, lvl) * prev < p {
                    got = lvl;
                    prev = p;
                } else {
                    break;
                }
            }
            if got > s.level[b] {
                s.level[b] = got;
                s.parent[b] = ci;
                s.bucket[got as usize].push(b as u32);
            }
        }
    }
}

/// Runs trials `0..trials` of a master seed, in parallel blocks; the
/// result does not depend on the number of threads.
pub(crate) fn run_trials(
    plan: &Plan,
    trials: u32,
    seed: u64,
    mask: Option<&[f64]>,
    light: bool,
) -> Stats {
    let blocks = trials.div_ceil(BLOCK);
    (0..blocks)
        .into_par_iter()
        .map(|b| {
            let mut s = Scratch::new(plan.n);
            let mut st = Stats::new(plan, light, mask);
            for t in b * BLOCK..((b + 1) * BLOCK).min(trials) {
                let ts = trial_seed(seed, t);
                trial(plan, ts, mask, &mut s);
                record(&mut st, plan, &s, ts, mask);
            }
            st
        })
        .reduce(|| Stats::new(plan, light, mask), Stats::merge)
}

/// Adds a finished trial to the tallies (with the joining channels' own
/// draws, for the Rao-Blackwellised estimate: `trials.rs`).
fn record(st: &mut Stats, plan: &Plan, s: &Scratch, seed: u64, mask: Option<&[f64]>) {
    st.trials += 1;
    for (b, &(x, ci)) in st.blends.iter_mut().zip(plan.joining.iter()) {
        let scale = mask.map_or(1.0, |m| m[ci as usize]);
        let h = &plan.hot[b.hot];
        let j = drawn_level(h, seed, scale, LEVELS as u8) as usize;
        let l = s.level[x as usize] as usize;
        for k in (j + 1)..=LEVELS {
            b.short[k - 1] += 1;
            b.reached[k - 1] += u32::from(l >= k);
        }
    }
    let (mut any, mut any4) = (false, false);
    for x in 0..plan.n {
        if !plan.reported[x] {
            continue;
        }
        let l = s.level[x];
        st.counts[x][l as usize] += 1;
        if l as usize == LEVELS && plan.third_state[x] {
            any = true;
        }
        any4 |= l as usize >= LEVELS - 1 && plan.third_state[x];
        if st.light || l == 0 || plan.belligerent[x] {
            continue;
        }
        let p = s.parent[x];
        if p == NONE {
            continue;
        }
        st.last_hop[p as usize] += 1;
        let from = plan.channels[p as usize].from as usize;
        st.chains
            .entry((x as u32, s.chain[x]))
            .or_insert(ChainCount {
                count: 0,
                hop: (p, s.level[x]),
                up: s.chain[from],
            })
            .count += 1;
    }
    if any {
        st.any_l5 += 1;
    }
    if any4 {
        st.any_l4 += 1;
    }
}

/// The level a channel would give its partner from a puller at `from_level`
/// in trial `seed`, its probabilities scaled by `scale`: the trial loop's
/// draws, read without running the trial.
fn drawn_level(c: &Hot, seed: u64, scale: f64, from_level: u8) -> u8 {
    let mut got = 0u8;
    let mut prev = 1.0f64;
    for lvl in 1..=c.max.min(from_level) {
        let p = c.p[lvl as usize - 1] * scale;
        if p <= 0.0 || uniform(seed, c.key, lvl) * prev >= p {
            break;
        }
        got = lvl;
        prev = p;
    }
    got
}
