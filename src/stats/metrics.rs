//! Scores of probability forecasts against binary outcomes: Brier score
//! and Brier skill, ROC AUC (ties by midranks), average precision (as
//! scikit-learn defines it), log loss (clipped) and reliability tables
//! with Wilson intervals.
//!
//! Invariant: pure functions; every score is computed over the rows given,
//! none is sampled or smoothed. An empty input or one without both classes
//! gives `None` where the score is undefined, never a made-up number.

use serde::Serialize;

/// The mean squared difference between forecast and outcome.
///
/// ```
/// use casus::stats::metrics::brier;
/// assert_eq!(brier(&[1.0, 0.0], &[true, true]), Some(0.5));
/// ```
pub fn brier(p: &[f64], y: &[bool]) -> Option<f64> {
    if p.is_empty() {
        return None;
    }
    let s: f64 = p
        .iter()
        .zip(y)
        .map(|(p, &y)| (p - f64::from(u8::from(y))).powi(2))
        .sum();
    Some(s / p.len() as f64)
}

/// 1 - Brier(p) / Brier(reference): above 0 beats the reference.
pub fn brier_skill(p: &[f64], reference: &[f64], y: &[bool]) -> Option<f64> {
    let r = brier(reference, y)?;
    if r == 0.0 {
        return None;
    }
    Some(1.0 - brier(p, y)? / r)
}

/// The area under the ROC curve: the probability that a random positive
/// scores above a random negative, ties counting one half (midranks).
pub fn auc(p: &[f64], y: &[bool]) -> Option<f64> {
    let n1 = y.iter().filter(|&&y| y).count();
    let n0 = y.len() - n1;
    if n1 == 0 || n0 == 0 {
        return None;
    }
    let mut idx: Vec<usize> = (0..p.len()).collect();
    idx.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && p[idx[j + 1]] == p[idx[i]] {
            j += 1;
        }
        let midrank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += midrank * idx[i..=j].iter().filter(|&&k| y[k]).count() as f64;
        i = j + 1;
    }
    let n1f = n1 as f64;
    Some((rank_sum - n1f * (n1f + 1.0) / 2.0) / (n1f * n0 as f64))
}

/// Average precision as scikit-learn computes it: the sum over distinct
/// thresholds, highest first, of (recall gained) x (precision there).
pub fn average_precision(p: &[f64], y: &[bool]) -> Option<f64> {
    let npos = y.iter().filter(|&&y| y).count();
    if npos == 0 {
        return None;
    }
    let mut idx: Vec<usize> = (0..p.len()).collect();
    idx.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    let (mut tp, mut fp, mut prev_recall, mut ap) = (0usize, 0usize, 0.0, 0.0);
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j < idx.len() && p[idx[j]] == p[idx[i]] {
            if y[idx[j]] {
                tp += 1;
            } else {
                fp += 1;
            }
            j += 1;
        }
        let recall = tp as f64 / npos as f64;
        ap += (recall - prev_recall) * tp as f64 / (tp + fp) as f64;
        prev_recall = recall;
        i = j;
    }
    Some(ap)
}

/// Forecasts are clipped to [EPS, 1 - EPS] in the log loss.
pub const LOG_LOSS_EPS: f64 = 1e-15;

/// The mean negative log likelihood of the outcomes.
pub fn log_loss(p: &[f64], y: &[bool]) -> Option<f64> {
    if p.is_empty() {
        return None;
    }
    let s: f64 = p
        .iter()
        .zip(y)
        .map(|(&p, &y)| {
            let p = p.clamp(LOG_LOSS_EPS, 1.0 - LOG_LOSS_EPS);
            -if y { p.ln() } else { (1.0 - p).ln() }
        })
        .sum();
    Some(s / p.len() as f64)
}

/// The 95% Wilson score interval of `k` successes in `n` trials.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = super::logit::Z95;
    let (n, ph) = (n as f64, k as f64 / n as f64);
    let d = 1.0 + z * z / n;
    let c = (ph + z * z / (2.0 * n)) / d;
    let h = z * (ph * (1.0 - ph) / n + z * z / (4.0 * n * n)).sqrt() / d;
    ((c - h).max(0.0), (c + h).min(1.0))
}

/// How forecasts are grouped in a reliability table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bins {
    /// `k` bins of equal width on [0, 1].
    Fixed(usize),
    /// `k` bins of (nearly) equal count, by rank of the forecast.
    Quantile(usize),
    /// Bins between these ascending edges (a forecast equal to an inner
    /// edge falls in the upper bin; the last bin includes its top edge).
    Edges(&'static [f64]),
}

/// One bin of a reliability table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    /// The lowest and highest forecast in the bin.
    pub lo: f64,
    pub hi: f64,
    pub count: usize,
    pub mean_predicted: f64,
    pub observed: f64,
    /// 95% Wilson interval of the observed rate.
    pub observed_lo: f64,
    pub observed_hi: f64,
}

/// Forecasts against observed rates, bin by bin (empty bins left out).
///
/// ```
/// use casus::stats::metrics::{reliability, Bins};
/// let t = reliability(&[0.1, 0.1, 0.9, 0.9], &[false, false, true, false], Bins::Fixed(2));
/// assert_eq!(t.len(), 2);
/// assert_eq!((t[1].count, t[1].observed), (2, 0.5));
/// ```
pub fn reliability(p: &[f64], y: &[bool], bins: Bins) -> Vec<Bin> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    match bins {
        Bins::Fixed(k) => {
            let k = k.max(1);
            groups.resize(k, Vec::new());
            for (i, &pi) in p.iter().enumerate() {
                let b = ((pi * k as f64).floor() as usize).min(k - 1);
                groups[b].push(i);
            }
        }
        Bins::Edges(e) => {
            let k = e.len().saturating_sub(1).max(1);
            groups.resize(k, Vec::new());
            for (i, &pi) in p.iter().enumerate() {
                let b = e[1..].iter().position(|&hi| pi < hi).unwrap_or(k - 1);
                groups[b.min(k - 1)].push(i);
            }
        }
        Bins::Quantile(k) => {
            let mut idx: Vec<usize> = (0..p.len()).collect();
            idx.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
            let k = k.max(1);
            for b in 0..k {
                groups.push(idx[b * idx.len() / k..(b + 1) * idx.len() / k].to_vec());
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let n = g.len();
            let k = g.iter().filter(|&&i| y[i]).count();
            let (olo, ohi) = wilson(k, n);
            Bin {
                lo: g.iter().map(|&i| p[i]).fold(f64::INFINITY, f64::min),
                hi: g.iter().map(|&i| p[i]).fold(f64::NEG_INFINITY, f64::max),
                count: n,
                mean_predicted: g.iter().map(|&i| p[i]).sum::<f64>() / n as f64,
                observed: k as f64 / n as f64,
                observed_lo: olo,
                observed_hi: ohi,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The hand-computed example. Six candidates, two joiners:
    //   p = 0.9 0.7 0.7 0.4 0.2 0.1
    //   y =  1   0   1   0   0   0
    // Brier = (0.01 + 0.49 + 0.09 + 0.16 + 0.04 + 0.01) / 6 = 0.8 / 6.
    // Base rate 1/3: Brier = (2 (2/3)^2 + 4 (1/3)^2) / 6 = 2/9; skill =
    //   1 - (0.8/6) / (2/9) = 1 - 0.6 = 0.4.
    // AUC: 8 (positive, negative) pairs; 0.9 beats all 4 negatives; 0.7
    //   ties one 0.7 (1/2) and beats 3: (4 + 3.5) / 8 = 0.9375.
    // AP: threshold 0.9: recall 1/2, precision 1; threshold 0.7: recall 1,
    //   precision 2/3: 1/2 * 1 + 1/2 * 2/3 = 5/6.
    // Log loss: -(ln .9 + ln .3 + ln .7 + ln .6 + ln .8 + ln .9) / 6.
    const P: [f64; 6] = [0.9, 0.7, 0.7, 0.4, 0.2, 0.1];
    const Y: [bool; 6] = [true, false, true, false, false, false];

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn scores_match_the_hand_computed_example() {
        close(brier(&P, &Y).unwrap(), 0.8 / 6.0);
        close(brier_skill(&P, &[1.0 / 3.0; 6], &Y).unwrap(), 0.4);
        close(auc(&P, &Y).unwrap(), 0.9375);
        close(average_precision(&P, &Y).unwrap(), 5.0 / 6.0);
        let ll =
            -(0.9f64.ln() + 0.3f64.ln() + 0.7f64.ln() + 0.6f64.ln() + 0.8f64.ln() + 0.9f64.ln())
                / 6.0;
        close(log_loss(&P, &Y).unwrap(), ll);
    }

    #[test]
    fn undefined_scores_are_none() {
        assert_eq!(auc(&[0.5, 0.2], &[true, true]), None);
        assert_eq!(average_precision(&[0.5], &[false]), None);
        assert_eq!(brier(&[], &[]), None);
        assert_eq!(brier_skill(&[0.0], &[0.0], &[false]), None);
    }

    #[test]
    fn log_loss_is_clipped_not_infinite() {
        let l = log_loss(&[0.0], &[true]).unwrap();
        close(l, -LOG_LOSS_EPS.ln());
    }

    #[test]
    fn constant_forecasts_rank_at_one_half() {
        close(auc(&[0.3; 4], &[true, false, false, true]).unwrap(), 0.5);
        // One threshold: recall 1 at precision 2/4.
        close(
            average_precision(&[0.3; 4], &[true, false, false, true]).unwrap(),
            0.5,
        );
    }

    #[test]
    fn wilson_matches_the_textbook_interval() {
        // 5 of 10: centre 0.5, half-width z sqrt(.025 + z^2/400) / (1 + z^2/10).
        let (lo, hi) = wilson(5, 10);
        close(lo, 0.236_593_090_512_564_7);
        close(hi, 0.763_406_909_487_435_3);
        assert_eq!(wilson(0, 0), (0.0, 1.0));
    }

    #[test]
    fn reliability_bins_by_width_and_by_rank() {
        let t = reliability(&P, &Y, Bins::Fixed(2));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].count, 3); // 0.4 0.2 0.1
        assert_eq!(t[1].count, 3); // 0.9 0.7 0.7
        close(t[1].observed, 2.0 / 3.0);
        close(t[1].mean_predicted, 2.3 / 3.0);
        let q = reliability(&P, &Y, Bins::Quantile(3));
        assert_eq!(q.iter().map(|b| b.count).collect::<Vec<_>>(), vec![2, 2, 2]);
        close(q[0].observed, 0.0);
        close(q[2].hi, 0.9);
        let e = reliability(&P, &Y, Bins::Edges(&[0.0, 0.2, 0.7, 1.0]));
        assert_eq!(e.iter().map(|b| b.count).collect::<Vec<_>>(), vec![1, 2, 3]);
    }
}
