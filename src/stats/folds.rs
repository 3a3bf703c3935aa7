//! Cross-validation folds grouped by dispute: every candidate of a dispute
//! falls in the same fold, so a model is never scored on a dispute it saw
//! in training.
//!
//! Invariant: deterministic: the same disputes, `k` and seed give the same
//! folds, whatever the order the disputes are given in.

use crate::generate::rng::Rng;
use std::collections::BTreeMap;

/// The fold (0..k) of each dispute: the distinct disputes, sorted, are
/// shuffled with the seed and dealt out in turn, so fold sizes differ by
/// at most one.
///
/// ```
/// use casus::stats::folds::assign;
/// let f = assign(&[7, 3, 3, 9, 1], 2, 42);
/// assert_eq!(f.len(), 4); // disputes 1, 3, 7, 9
/// assert_eq!(f.values().filter(|&&k| k == 0).count(), 2);
/// assert_eq!(f, assign(&[9, 1, 7, 3], 2, 42));
/// ```
pub fn assign(disputes: &[u32], k: usize, seed: u64) -> BTreeMap<u32, usize> {
    let mut ids: Vec<u32> = disputes.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut rng = Rng::new(seed);
    // Fisher-Yates.
    for i in (1..ids.len()).rev() {
        let j = rng.below(i + 1);
        ids.swap(i, j);
    }
    let k = k.max(1);
    ids.into_iter()
        .enumerate()
        .map(|(i, d)| (d, i % k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dispute_is_in_exactly_one_fold_of_balanced_size() {
        let disputes: Vec<u32> = (0..103).flat_map(|d| [d, d, d]).collect();
        let f = assign(&disputes, 5, 1);
        assert_eq!(f.len(), 103);
        let mut sizes = [0; 5];
        for &k in f.values() {
            sizes[k] += 1;
        }
        assert_eq!(sizes.iter().sum::<usize>(), 103);
        assert!(sizes.iter().all(|&s| s == 20 || s == 21), "{sizes:?}");
    }

    #[test]
    fn the_seed_changes_the_split() {
        let d: Vec<u32> = (0..50).collect();
        assert_ne!(assign(&d, 5, 1), assign(&d, 5, 2));
        assert_eq!(assign(&d, 5, 1), assign(&d, 5, 1));
    }
}
