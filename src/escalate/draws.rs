//! Counter-based draws: every random number of the cascade is a hash of
//! (trial seed, channel key, level), so results do not depend on the
//! number of threads or the order of processing, and a leave-one-out rerun
//! on the same seed changes only what depends on what it leaves out.
//!
//! It holds no state and knows nothing of channels or graphs.

/// SplitMix64's finaliser: a bijective mix of 64 bits (Steele, Lea and
/// Flood 2014). Counter-based draws hash (trial seed, channel, level)
/// with it, so every draw is fixed whatever the order or thread.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable 64-bit hash of bytes (FNV-1a, then mixed).
pub(crate) fn hash_bytes(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.iter() {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix64(h)
}

/// A uniform in [0, 1) fixed by (trial seed, channel key, level).
#[inline]
pub(crate) fn uniform(seed: u64, key: u64, level: u8) -> f64 {
    let x = mix64(seed ^ mix64(key.wrapping_add(level as u64)));
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The seed of trial `t` of a run seeded `master`.
#[inline]
pub(crate) fn trial_seed(master: u64, t: u32) -> u64 {
    mix64(mix64(master) ^ mix64(0x7472_6961_6c00_0000 ^ t as u64))
}

/// The seed of batch `b` (trials `64b..64b+64`) of a fused run seeded
/// `master`: its own stream, distinct from the scalar trials' seeds.
#[inline]
pub(crate) fn batch_seed(master: u64, b: u32) -> u64 {
    mix64(mix64(master) ^ mix64(0x6261_7463_6800_0000 ^ b as u64))
}

/// 2^53, the resolution of a uniform draw.
const TWO53: f64 = (1u64 << 53) as f64;

/// Sixty-four independent Bernoulli(q) draws at once, one per bit, for the
/// bits set in `lanes` (the others come back 0), fixed by (batch seed,
/// channel key, level).
///
/// Lane t compares a uniform U_t in [0, 1) with q, most significant binary
/// digit first: digit i of every U_t is bit t of the i-th word of a
/// SplitMix64 stream keyed by (seed, key, level). A lane is decided at the
/// first digit where U_t and q differ, so about log2(lanes) + 2 words
/// decide them all; at most 53 are drawn (q is read to 2^-53, as the
/// scalar draw [`uniform`] is). Each lane's U_t depends only on its own
/// bit of the words, so the draw of a lane does not depend on which other
/// lanes are asked for, and a rerun with a smaller q (leave-one-out) reuses
/// the same U_t (common random numbers).
#[inline]
pub(crate) fn bernoulli_lanes(seed: u64, key: u64, level: u8, q: f64, lanes: u64) -> u64 {
    if q.is_nan() || q <= 0.0 || lanes == 0 {
        return 0;
    }
    if q >= 1.0 {
        return lanes;
    }
    let x = (q * TWO53) as u64;
    let base = mix64(seed ^ mix64(key.wrapping_add(level as u64)));
    let mut below = 0u64;
    let mut open = lanes;
    for i in 0..53u64 {
        let r = mix64(base.wrapping_add((i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        if (x >> (52 - i)) & 1 == 1 {
            below |= open & !r;
            open &= r;
        } else {
            open &= !r;
        }
        if open == 0 {
            break;
        }
    }
    below
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_draw_each_bit_with_its_probability() {
        for q in [0.03, 0.25, 0.5, 0.7, 0.97] {
            let mut ones = 0u64;
            let batches = 4000u32;
            for b in 0..batches {
                ones += bernoulli_lanes(batch_seed(7, b), 0xabc, 2, q, !0).count_ones() as u64;
            }
            let n = batches as f64 * 64.0;
            let sd = (q * (1.0 - q) / n).sqrt();
            let got = ones as f64 / n;
            assert!((got - q).abs() < 5.0 * sd, "q {q}: got {got}");
        }
    }

    #[test]
    fn a_lane_does_not_depend_on_the_lanes_asked_for() {
        for b in 0..200 {
            let s = batch_seed(11, b);
            let all = bernoulli_lanes(s, 5, 1, 0.37, !0);
            for lanes in [
                1u64,
                0b1010_0000,
                0xffff_0000_0000_0000,
                0x5555_5555_5555_5555,
            ] {
                assert_eq!(bernoulli_lanes(s, 5, 1, 0.37, lanes), all & lanes);
            }
            // A smaller probability keeps a subset of the lanes (common
            // random numbers for the leave-one-out reruns).
            assert_eq!(bernoulli_lanes(s, 5, 1, 0.2, !0) & !all, 0);
        }
        assert_eq!(bernoulli_lanes(1, 2, 3, 0.0, !0), 0);
        assert_eq!(bernoulli_lanes(1, 2, 3, 1.0, 0b111), 0b111);
    }
}
