//! Penalised logistic regression: maximum a posteriori estimates under an
//! independent normal prior on each coefficient, by Newton's method
//! (iteratively reweighted least squares) with step halving, standard
//! errors from the observed information (the Hessian of the negative log
//! posterior at the estimate) and 95% Laplace intervals.
//!
//! The prior makes the fit well defined under separation (a column whose
//! every 1 is a joiner): the estimate stays finite and its interval wide.
//! An infinite prior sd is a flat prior (plain maximum likelihood for that
//! coefficient, e.g. the intercept). Invariant: no I/O; the result is a
//! deterministic function of the data, the weights and the prior.

// Matrix code reads best with row and column indices.
#![allow(clippy::needless_range_loop)]

use super::linalg::{cholesky, inverse, solve};

/// The normal prior of one coefficient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prior {
    pub mean: f64,
    /// Standard deviation; `f64::INFINITY` for a flat prior.
    pub sd: f64,
}

impl Prior {
    /// Centred at 0 with this sd.
    pub fn normal(sd: f64) -> Prior {
        Prior { mean: 0.0, sd }
    }
    /// No penalty.
    pub fn flat() -> Prior {
        Prior {
            mean: 0.0,
            sd: f64::INFINITY,
        }
    }
    /// 1 / sd^2 (0 for a flat prior).
    pub(crate) fn precision(&self) -> f64 {
        if self.sd.is_finite() {
            1.0 / (self.sd * self.sd)
        } else {
            0.0
        }
    }
}

/// A fitted model.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub estimate: Vec<f64>,
    /// Standard errors: square roots of the inverse observed information.
    pub se: Vec<f64>,
    /// 95% Laplace interval (estimate -/+ 1.96 se).
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    pub iterations: usize,
    /// The log posterior (log likelihood plus log prior, up to a constant).
    pub log_posterior: f64,
}

/// Why a fit failed.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FitError {
    #[error("the design has {rows} rows but {outcomes} outcomes and {weights} weights")]
    Shape {
        rows: usize,
        outcomes: usize,
        weights: usize,
    },
    #[error("row {row} has {got} columns, expected {want} (one per prior)")]
    Columns { row: usize, got: usize, want: usize },
    #[error("the information matrix is singular: a column is constant or duplicated and has a flat prior; give it a finite prior sd")]
    Singular,
    #[error("no convergence after {0} Newton steps")]
    NoConvergence(usize),
}

/// The z value of a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

const MAX_ITER: usize = 100;

/// The logistic function.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Fits P(y) = sigmoid(x . b) with a normal prior per coefficient
/// (`prior[j]` for column j; give the intercept its own column of 1s).
///
/// ```
/// use casus::stats::logit::{fit, Prior};
/// // Four rows, intercept and one covariate; the covariate doubles nothing
/// // here: 1 of 2 joins at x=0, 1 of 2 at x=1.
/// let x = vec![vec![1.0, 0.0], vec![1.0, 0.0], vec![1.0, 1.0], vec![1.0, 1.0]];
/// let y = [true, false, true, false];
/// let f = fit(&x, &y, None, &[Prior::flat(), Prior::flat()]).unwrap();
/// assert!(f.estimate[0].abs() < 1e-9 && f.estimate[1].abs() < 1e-9);
/// // Var(b0) = 1/(n p (1-p)) = 1/(2 * 0.25) = 2 for the x=0 group.
/// assert!((f.se[0] - 2f64.sqrt()).abs() < 1e-9);
/// ```
pub fn fit(
    x: &[Vec<f64>],
    y: &[bool],
    weights: Option<&[f64]>,
    prior: &[Prior],
) -> Result<Fit, FitError> {
    check_shape(x, y, weights, prior.len())?;
    let p = prior.len();
    let mut b: Vec<f64> = prior
        .iter()
        .map(|pr| if pr.sd.is_finite() { pr.mean } else { 0.0 })
        .collect();
    let mut lp = log_posterior(x, y, weights, prior, &b);
    for it in 1..=MAX_ITER {
        let (grad, hess) = gradient_hessian(x, y, weights, prior, &b);
        let l = cholesky(&hess).ok_or(FitError::Singular)?;
        let step = solve(&l, &grad);
        let (nb, nlp, moved) = halving(&b, &step, lp, |nb| log_posterior(x, y, weights, prior, nb));
        b = nb;
        lp = nlp;
        if moved < 1e-9 {
            let (_, hess) = gradient_hessian(x, y, weights, prior, &b);
            let l = cholesky(&hess).ok_or(FitError::Singular)?;
            let inv = inverse(&l);
            let se: Vec<f64> = (0..p).map(|j| inv[j][j].sqrt()).collect();
            return Ok(Fit {
                lo: b.iter().zip(&se).map(|(b, s)| b - Z95 * s).collect(),
                hi: b.iter().zip(&se).map(|(b, s)| b + Z95 * s).collect(),
                estimate: b,
                se,
                iterations: it,
                log_posterior: lp,
            });
        }
    }
    Err(FitError::NoConvergence(MAX_ITER))
}

/// A Newton step with step halving: from `b` along `step`, halved until
/// the objective `f` is no lower than `current` (or the step vanishes);
/// the new point, its objective, and the largest coordinate moved.
pub(crate) fn halving(
    b: &[f64],
    step: &[f64],
    current: f64,
    mut f: impl FnMut(&[f64]) -> f64,
) -> (Vec<f64>, f64, f64) {
    let mut t = 1.0;
    loop {
        let nb: Vec<f64> = b.iter().zip(step).map(|(b, s)| b + t * s).collect();
        let v = f(&nb);
        if v >= current - 1e-12 || t < 1e-10 {
            let moved = step.iter().map(|s| (t * s).abs()).fold(0.0, f64::max);
            return (nb, v, moved);
        }
        t /= 2.0;
    }
}

/// The linear predictor x . b.
pub fn linear(row: &[f64], b: &[f64]) -> f64 {
    row.iter().zip(b).map(|(x, b)| x * b).sum()
}

fn check_shape(x: &[Vec<f64>], y: &[bool], w: Option<&[f64]>, p: usize) -> Result<(), FitError> {
    let weights = w.map_or(x.len(), |w| w.len());
    if y.len() != x.len() || weights != x.len() {
        return Err(FitError::Shape {
            rows: x.len(),
            outcomes: y.len(),
            weights,
        });
    }
    match x.iter().position(|r| r.len() != p) {
        Some(row) => Err(FitError::Columns {
            row,
            got: x[row].len(),
            want: p,
        }),
        None => Ok(()),
    }
}

fn log_posterior(x: &[Vec<f64>], y: &[bool], w: Option<&[f64]>, prior: &[Prior], b: &[f64]) -> f64 {
    let ll: f64 = x
        .iter()
        .zip(y)
        .enumerate()
        .map(|(i, (row, &yi))| {
            let eta = linear(row, b);
            // log sigmoid(eta) = -log(1 + e^-eta), computed stably.
            let l = if yi { -softplus(-eta) } else { -softplus(eta) };
            w.map_or(1.0, |w| w[i]) * l
        })
        .sum();
    let lprior: f64 = prior
        .iter()
        .zip(b)
        .map(|(pr, b)| -0.5 * pr.precision() * (b - pr.mean).powi(2))
        .sum();
    ll + lprior
}

/// ln(1 + e^x), without overflow.
pub(crate) fn softplus(x: f64) -> f64 {
    if x > 30.0 {
        x
    } else {
        x.exp().ln_1p()
    }
}

/// Gradient of the log posterior and the observed information (negative
/// Hessian).
fn gradient_hessian(
    x: &[Vec<f64>],
    y: &[bool],
    w: Option<&[f64]>,
    prior: &[Prior],
    b: &[f64],
) -> (Vec<f64>, Vec<Vec<f64>>) {
    let p = b.len();
    let mut g = vec![0.0; p];
    let mut h = vec![vec![0.0; p]; p];
    for (i, row) in x.iter().enumerate() {
        let wi = w.map_or(1.0, |w| w[i]);
        let mu = sigmoid(linear(row, b));
        let r = wi * (if y[i] { 1.0 } else { 0.0 } - mu);
        let v = wi * mu * (1.0 - mu);
        for j in 0..p {
            if row[j] == 0.0 {
                continue;
            }
            g[j] += r * row[j];
            let vj = v * row[j];
            for k in 0..=j {
                h[j][k] += vj * row[k];
            }
        }
    }
    for j in 0..p {
        g[j] -= prior[j].precision() * (b[j] - prior[j].mean);
        h[j][j] += prior[j].precision();
        for k in 0..j {
            h[k][j] = h[j][k];
        }
    }
    (g, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two groups: x=0 with 1 joiner of 4 (log-odds ln(1/3)), x=1 with 3 of
    /// 4 (ln 3). Unpenalised, b0 = ln(1/3) = -1.0986, b1 = ln 3 - ln(1/3)
    /// = 2.1972, Var(b0) = 1/(4 * 1/4 * 3/4) = 4/3, Var(b0 + b1) = 4/3 so
    /// Var(b1) = 8/3.
    #[test]
    fn recovers_the_closed_form_of_two_groups() {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for (xi, joins) in [(0.0, 1), (1.0, 3)] {
            for k in 0..4 {
                x.push(vec![1.0, xi]);
                y.push(k < joins);
            }
        }
        let f = fit(&x, &y, None, &[Prior::flat(), Prior::flat()]).unwrap();
        assert!((f.estimate[0] - (1.0f64 / 3.0).ln()).abs() < 1e-8);
        assert!((f.estimate[1] - 9f64.ln()).abs() < 1e-8);
        assert!((f.se[0] - (4.0f64 / 3.0).sqrt()).abs() < 1e-8);
        assert!((f.se[1] - (8.0f64 / 3.0).sqrt()).abs() < 1e-8);
        assert!((f.lo[1] - (9f64.ln() - Z95 * (8.0f64 / 3.0).sqrt())).abs() < 1e-8);
    }

    #[test]
    fn weights_count_like_repeated_rows() {
        let x = vec![
            vec![1.0, 0.0],
            vec![1.0, 0.0],
            vec![1.0, 1.0],
            vec![1.0, 1.0],
        ];
        let y = [true, false, true, false];
        let w = [1.0, 3.0, 3.0, 1.0];
        let f = fit(&x, &y, Some(&w), &[Prior::flat(), Prior::flat()]).unwrap();
        assert!((f.estimate[0] - (1.0f64 / 3.0).ln()).abs() < 1e-8);
        assert!((f.estimate[1] - 9f64.ln()).abs() < 1e-8);
    }

    #[test]
    fn the_prior_keeps_a_separated_column_finite() {
        // Every x=1 row joins, no x=0 row does: the MLE of b1 is infinite.
        let x: Vec<Vec<f64>> = (0..20).map(|i| vec![1.0, (i % 2) as f64]).collect();
        let y: Vec<bool> = (0..20).map(|i| i % 2 == 1).collect();
        let flat = fit(&x, &y, None, &[Prior::flat(), Prior::flat()]);
        assert!(
            flat.is_err(),
            "flat prior under separation should not converge: {flat:?}"
        );
        let f = fit(&x, &y, None, &[Prior::normal(10.0), Prior::normal(2.5)]).unwrap();
        assert!(
            f.estimate[1] > 2.0 && f.estimate[1] < 15.0,
            "{:?}",
            f.estimate
        );
        assert!(f.hi[1] > f.estimate[1] && f.lo[1] < f.estimate[1]);
    }

    #[test]
    fn a_strong_prior_pulls_to_its_mean() {
        let x: Vec<Vec<f64>> = (0..10).map(|i| vec![1.0, (i % 2) as f64]).collect();
        let y: Vec<bool> = (0..10).map(|i| i < 3).collect();
        let f = fit(
            &x,
            &y,
            None,
            &[
                Prior::flat(),
                Prior {
                    mean: 1.5,
                    sd: 1e-4,
                },
            ],
        )
        .unwrap();
        assert!((f.estimate[1] - 1.5).abs() < 1e-3);
    }

    #[test]
    fn shapes_are_checked() {
        let e = fit(&[vec![1.0]], &[true, false], None, &[Prior::flat()]).unwrap_err();
        assert!(matches!(e, FitError::Shape { .. }));
        let e = fit(&[vec![1.0, 2.0]], &[true], None, &[Prior::flat()]).unwrap_err();
        assert_eq!(
            e,
            FitError::Columns {
                row: 0,
                got: 2,
                want: 1
            }
        );
    }
}
