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
