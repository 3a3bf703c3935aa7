//! Random-intercept logistic regression: P(y_i | u) = sigmoid(x_i . b +
//! u), with u ~ N(0, s_c^2) shared by every row of one group (a dispute)
//! and s_c depending on the group's class (e.g. war or incident). The
//! coefficients b are fitted by penalised marginal maximum likelihood
//! (the likelihood integrated over u by Gauss-Hermite quadrature), by
//! Newton's method with step halving for each s; each s by a golden
//! search on the profile log likelihood, its 95% interval where the
//! profile falls 1.92 below its maximum.
//!
//! Invariant: no I/O, no randomness; the result is a deterministic
//! function of the data, the groups and the prior.

// Matrix code reads best with row and column indices.
#![allow(clippy::needless_range_loop)]

use super::linalg::{cholesky, inverse, solve, Matrix};
use super::logit::{halving, linear, sigmoid, softplus, Prior, Z95};

/// Gauss-Hermite nodes and weights for a standard normal: E f(Z) ~
/// sum w_k f(z_k), exact for polynomials of degree < 2n (Golub-Welsch
/// free: Newton's method on the Hermite recurrence, as in Press et al.,
/// Numerical Recipes, `gauher`).
pub fn gauss_hermite(n: usize) -> (Vec<f64>, Vec<f64>) {
    let pim4 = std::f64::consts::PI.powf(-0.25);
    let mut x = vec![0.0; n];
    let mut w = vec![0.0; n];
    let m = n.div_ceil(2);
    let nf = n as f64;
    let mut z = 0.0;
    for i in 0..m {
        z = match i {
            0 => (2.0 * nf + 1.0).sqrt() - 1.85575 * (2.0 * nf + 1.0).powf(-0.166_67),
            1 => z - 1.14 * nf.powf(0.426) / z,
            2 => 1.86 * z - 0.86 * x[0],
            3 => 1.91 * z - 0.91 * x[1],
            _ => 2.0 * z - x[i - 2],
        };
        let mut pp = 0.0;
        for _ in 0..100 {
            let mut p1 = pim4;
            let mut p2 = 0.0;
            for j in 0..n {
                let p3 = p2;
                p2 = p1;
                let jf = j as f64;
                p1 = z * (2.0 / (jf + 1.0)).sqrt() * p2 - (jf / (jf + 1.0)).sqrt() * p3;
            }
            pp = (2.0 * nf).sqrt() * p2;
            let z1 = z;
            z = z1 - p1 / pp;
            if (z - z1).abs() < 1e-14 {
                break;
            }
        }
        x[i] = z;
        x[n - 1 - i] = -z;
        w[i] = 2.0 / (pp * pp);
        w[n - 1 - i] = w[i];
    }
    // Physicists' nodes (weight e^-x^2) to a standard normal.
    let sq = std::f64::consts::PI.sqrt();
    let z: Vec<f64> = x.iter().map(|x| x * std::f64::consts::SQRT_2).collect();
    let w: Vec<f64> = w.iter().map(|w| w / sq).collect();
    (z, w)
}

/// Quadrature nodes of the fit (adaptive) and of the marginal
/// probabilities.
pub const NODES: usize = 12;

/// The data of a fit: rows, outcomes, the group of each row (0..groups)
/// and the class of each group (0..classes).
pub struct Data<'a> {
    pub x: &'a [Vec<f64>],
    pub y: &'a [bool],
    pub group: &'a [usize],
    pub class: &'a [usize],
}

/// A fitted random-intercept model.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub estimate: Vec<f64>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// Per class: (s, lo, hi) of the random intercept's sd.
    pub sd: Vec<(f64, f64, f64)>,
    /// The marginal log likelihood at the estimate (prior excluded).
    pub log_likelihood: f64,
    /// The same model with every s = 0 (independent rows).
    pub log_likelihood_independent: f64,
}

/// Rows by group, so that each group's integral is one pass.
fn by_group(d: &Data) -> Vec<Vec<usize>> {
    let n = d.class.len();
    let mut g = vec![Vec::new(); n];
    for (i, &gi) in d.group.iter().enumerate() {
        g[gi].push(i);
    }
    g
}

/// The marginal log likelihood, its gradient in b, the posterior
/// expectation of the conditional information (positive definite) and the
/// observed information of the marginal likelihood (Louis 1982: that
/// expectation less the posterior variance of the score), for sds `s`
/// (per class); the prior is added to the derivatives.
fn evaluate(
    d: &Data,
    groups: &[Vec<usize>],
    prior: &[Prior],
    b: &[f64],
    s: &[f64],
    derivatives: bool,
) -> (f64, Vec<f64>, Matrix, Matrix) {
    let p = b.len();
    let (z, w) = gauss_hermite(NODES);
    let eta: Vec<f64> = d.x.iter().map(|r| linear(r, b)).collect();
    let mut ll = 0.0;
    let mut g = vec![0.0; p];
    let mut h = vec![vec![0.0; p]; p];
    let mut louis = vec![vec![0.0; p]; p];
    for (gi, rows) in groups.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        let sd = s[d.class[gi]];
        let (us, lw) = group_nodes(d, rows, &eta, sd, &z, &w);
        let k_nodes = us.len();
        let logl: Vec<f64> = (0..k_nodes)
            .map(|k| {
                lw[k]
                    + rows
                        .iter()
                        .map(|&i| {
                            let e = eta[i] + us[k];
                            if d.y[i] {
                                -softplus(-e)
                            } else {
                                -softplus(e)
                            }
                        })
                        .sum::<f64>()
            })
            .collect();
        let mx = logl.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let tot: f64 = logl.iter().map(|l| (l - mx).exp()).sum();
        ll += mx + tot.ln();
        if !derivatives {
            continue;
        }
        let r: Vec<f64> = logl.iter().map(|l| (l - mx).exp() / tot).collect();
        // Per node score; per row the posterior mean of mu(1 - mu).
        let mut gk = vec![vec![0.0; p]; k_nodes];
        for &i in rows {
            let row = &d.x[i];
            let mut v = 0.0;
            for k in 0..k_nodes {
                let mu = sigmoid(eta[i] + us[k]);
                v += r[k] * mu * (1.0 - mu);
                let res = if d.y[i] { 1.0 } else { 0.0 } - mu;
                for j in 0..p {
                    if row[j] != 0.0 {
                        gk[k][j] += res * row[j];
                    }
                }
            }
            for j in 0..p {
                if row[j] == 0.0 {
                    continue;
                }
                let vj = v * row[j];
                for l in 0..=j {
                    h[j][l] += vj * row[l];
                }
            }
        }
        // Louis: -d2 log L = E[-d2] - Var(score) over the posterior of u.
        let gm: Vec<f64> = (0..p)
            .map(|j| (0..k_nodes).map(|k| r[k] * gk[k][j]).sum())
            .collect();
        for j in 0..p {
            g[j] += gm[j];
            for l in 0..=j {
                let e2: f64 = (0..k_nodes).map(|k| r[k] * gk[k][j] * gk[k][l]).sum();
                louis[j][l] += e2 - gm[j] * gm[l];
            }
        }
    }
    if derivatives {
        for j in 0..p {
            g[j] -= prior[j].precision() * (b[j] - prior[j].mean);
            h[j][j] += prior[j].precision();
            for l in 0..=j {
                louis[j][l] = h[j][l] - louis[j][l];
            }
            for l in 0..j {
                h[l][j] = h[j][l];
                louis[l][j] = louis[j][l];
            }
        }
    }
    (ll, g, h, louis)
}

/// A group's quadrature nodes of u and their log weights, adaptive
/// (Liu and Pierce 1994): centred on the mode of u's posterior in the
/// group and scaled by its curvature, so that a few nodes suffice even
/// when s is large and the group's rows pin u down.
fn group_nodes(
    d: &Data,
    rows: &[usize],
    eta: &[f64],
    sd: f64,
    z: &[f64],
    w: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    if sd == 0.0 {
        return (vec![0.0], vec![0.0]);
    }
    let prec = 1.0 / (sd * sd);
    let (mut m, mut curv) = (0.0, prec);
    for _ in 0..50 {
        let (mut g, mut h) = (-m * prec, prec);
        for &i in rows {
            let mu = sigmoid(eta[i] + m);
            g += if d.y[i] { 1.0 } else { 0.0 } - mu;
            h += mu * (1.0 - mu);
        }
        curv = h;
        let step = g / h;
        m += step.clamp(-5.0, 5.0);
        if step.abs() < 1e-10 {
            break;
        }
    }
    let sig = 1.0 / curv.sqrt();
    let us: Vec<f64> = z.iter().map(|z| m + sig * z).collect();
    let lw = us
        .iter()
        .zip(z.iter().zip(w))
        .map(|(u, (z, w))| w.ln() + sig.ln() - sd.ln() - u * u * prec / 2.0 + z * z / 2.0)
        .collect();
    (us, lw)
}

fn log_prior(prior: &[Prior], b: &[f64]) -> f64 {
    prior
        .iter()
        .zip(b)
        .map(|(pr, b)| -0.5 * pr.precision() * (b - pr.mean).powi(2))
        .sum()
}

/// b maximising the penalised marginal likelihood for fixed sds; returns
/// b, the log likelihood and the negative Hessian (with prior).
fn fit_b(
    d: &Data,
    groups: &[Vec<usize>],
    prior: &[Prior],
    s: &[f64],
    start: &[f64],
) -> Result<(Vec<f64>, f64, Matrix), String> {
    let mut b = start.to_vec();
    let (mut ll, ..) = evaluate(d, groups, prior, &b, s, false);
    let mut lp = ll + log_prior(prior, &b);
    for _ in 0..200 {
        let (_, grad, expected, observed) = evaluate(d, groups, prior, &b, s, true);
        // Newton where the marginal likelihood is concave, else the
        // expected information's step (still uphill).
        let l = cholesky(&observed)
            .or_else(|| cholesky(&expected))
            .ok_or("the information matrix is singular")?;
        let step = solve(&l, &grad);
        let (nb, nlp, moved) = halving(&b, &step, lp, |nb| {
            evaluate(d, groups, prior, nb, s, false).0 + log_prior(prior, nb)
        });
        let nll = nlp - log_prior(prior, &nb);
        let gain = nlp - lp;
        b = nb;
        ll = nll;
        lp += gain;
        if moved < 1e-6 || gain.abs() < 1e-9 {
            let (_, _, expected, observed) = evaluate(d, groups, prior, &b, s, true);
            let hess = if cholesky(&observed).is_some() {
                observed
            } else {
                expected
            };
            return Ok((b, ll, hess));
        }
    }
    Err("the random-intercept fit did not converge in 200 Newton steps".into())
}

/// The upper end of the search for s.
const S_MAX: f64 = 6.0;

/// Fits b and one s per class (see the module doc); `start`: b of a fit
/// without the random intercept.
pub fn fit(d: &Data, prior: &[Prior], start: &[f64], intervals: bool) -> Result<Fit, String> {
    let groups = by_group(d);
    let classes = d.class.iter().max().map_or(1, |m| m + 1);
    let zero = vec![0.0; classes];
    let (b0, ll0, _) = fit_b(d, &groups, prior, &zero, start)?;
    let mut s = vec![0.5; classes];
    let b = b0.clone();
    // Profile log posterior in one class's s, the others fixed.
    let profile = |c: usize, sc: f64, s: &[f64], b: &mut Vec<f64>| -> Result<f64, String> {
        let mut t = s.to_vec();
        t[c] = sc;
        let (nb, ll, _) = fit_b(d, &groups, prior, &t, b)?;
        let v = ll + log_prior(prior, &nb);
        if std::env::var_os("CASUS_TRACE_FIT").is_some() {
            eprintln!("class {c} s {sc:.3}: log posterior {v:.3}");
        }
        *b = nb;
        Ok(v)
    };
    for _round in 0..1 {
        for c in 0..classes {
            s[c] = golden(0.0, S_MAX, |sc| profile(c, sc, &s, &mut b.clone()))?;
        }
    }
    let (b, ll, hess) = fit_b(d, &groups, prior, &s, &b)?;
    let lmax = ll + log_prior(prior, &b);
    let mut sd = Vec::new();
    for c in 0..classes {
        if !intervals {
            sd.push((s[c], f64::NAN, f64::NAN));
            continue;
        }
        let drop = |sc: f64| -> Result<f64, String> {
            Ok(lmax - profile(c, sc, &s, &mut b.clone())? - Z95 * Z95 / 2.0)
        };
        let lo = if drop(0.0)? <= 0.0 {
            0.0
        } else {
            bisect(0.0, s[c], &drop)?
        };
        let hi = if drop(S_MAX)? <= 0.0 {
            S_MAX
        } else {
            bisect(s[c], S_MAX, &drop)?
        };
        sd.push((s[c], lo, hi));
    }
    let l = cholesky(&hess).ok_or("the information matrix is singular at the fit")?;
    let inv = inverse(&l);
    let se: Vec<f64> = (0..b.len()).map(|j| inv[j][j].sqrt()).collect();
    Ok(Fit {
        lo: b.iter().zip(&se).map(|(b, s)| b - Z95 * s).collect(),
        hi: b.iter().zip(&se).map(|(b, s)| b + Z95 * s).collect(),
        estimate: b,
        sd,
        log_likelihood: ll,
        log_likelihood_independent: ll0,
    })
}

/// The maximiser of a unimodal f on [a, b] (golden section, to 0.005).
fn golden(
    mut a: f64,
    mut b: f64,
    mut f: impl FnMut(f64) -> Result<f64, String>,
) -> Result<f64, String> {
    let r = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = b - r * (b - a);
    let mut e = a + r * (b - a);
    let (mut fc, mut fe) = (f(c)?, f(e)?);
    while b - a > 0.01 {
        if fc > fe {
            b = e;
            e = c;
            fe = fc;
            c = b - r * (b - a);
            fc = f(c)?;
        } else {
            a = c;
            c = e;
            fc = fe;
            e = a + r * (b - a);
            fe = f(e)?;
        }
    }
    // The boundary: s = 0 (no clustering) may be the maximum.
    let m = (a + b) / 2.0;
    if a < 0.01 && f(0.0)? >= f(m)? {
        return Ok(0.0);
    }
    Ok(m)
}

/// The root of a sign-changing f on [a, b], to 0.005.
fn bisect(mut a: f64, mut b: f64, f: &dyn Fn(f64) -> Result<f64, String>) -> Result<f64, String> {
    let fa = f(a)?;
    while b - a > 0.005 {
        let m = (a + b) / 2.0;
        if (f(m)? > 0.0) == (fa > 0.0) {
            a = m;
        } else {
            b = m;
        }
    }
    Ok((a + b) / 2.0)
}

/// The standard normal quantile function (Acklam's rational
/// approximation, relative error below 1.2e-9), for p in (0, 1).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// E[sigmoid(eta + s Z)], Z standard normal: a candidate's marginal
/// probability under the random intercept.
pub fn marginal(eta: f64, s: f64) -> f64 {
    if s == 0.0 {
        return sigmoid(eta);
    }
    let (z, w) = gauss_hermite(NODES);
    z.iter()
        .zip(&w)
        .map(|(z, w)| w * sigmoid(eta + s * z))
        .sum()
}

/// P(at least one of the rows joins) under the random intercept:
/// 1 - E[prod (1 - sigmoid(eta_i + s Z))].
pub fn any(etas: &[f64], s: f64) -> f64 {
    let (z, w) = if s == 0.0 {
        (vec![0.0], vec![1.0])
    } else {
        gauss_hermite(NODES)
    };
    let none: f64 = z
        .iter()
        .zip(&w)
        .map(|(z, w)| {
            w * etas
                .iter()
                .map(|e| 1.0 - sigmoid(e + s * z))
                .product::<f64>()
        })
        .sum();
    1.0 - none
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normal_quantile_inverts_known_values() {
        assert!(normal_quantile(0.5).abs() < 1e-12);
        assert!((normal_quantile(0.975) - Z95).abs() < 1e-8);
        assert!((normal_quantile(0.025) + Z95).abs() < 1e-8);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813).abs() < 1e-7);
    }

    #[test]
    fn gauss_hermite_integrates_normal_moments() {
        let (z, w) = gauss_hermite(NODES);
        let m = |k: i32| z.iter().zip(&w).map(|(z, w)| w * z.powi(k)).sum::<f64>();
        assert!((m(0) - 1.0).abs() < 1e-12);
        assert!(m(1).abs() < 1e-12);
        assert!((m(2) - 1.0).abs() < 1e-10);
        assert!((m(4) - 3.0).abs() < 1e-9);
        assert!((m(6) - 15.0).abs() < 1e-8);
    }

    #[test]
    fn the_union_under_a_shared_effect_by_hand() {
        // Two candidates at log-odds 0, s = 1: by the law of total
        // probability P(neither) = E[(1 - sigmoid(Z))^2] = E[sigmoid(-Z)^2]
        // = E[sigmoid(Z)^2] (Z symmetric), and E[sigmoid(Z)] = 1/2, so
        // P(neither) = Var(sigmoid(Z)) + 1/4 > 1/4 = the independent figure.
        // Var(sigmoid(Z)) for Z ~ N(0,1) is 0.043379 (numerically, e.g.
        // by Simpson's rule on a fine grid below).
        let simpson = {
            let n = 20000;
            let (a, b) = (-12.0, 12.0);
            let h = (b - a) / n as f64;
            let f = |z: f64| {
                let s = sigmoid(z);
                s * s * (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt()
            };
            (0..=n)
                .map(|i| {
                    let c = if i == 0 || i == n {
                        1.0
                    } else if i % 2 == 1 {
                        4.0
                    } else {
                        2.0
                    };
                    c * f(a + i as f64 * h)
                })
                .sum::<f64>()
                * h
                / 3.0
        };
        let p_any = any(&[0.0, 0.0], 1.0);
        assert!((1.0 - p_any - simpson).abs() < 1e-6, "{p_any} {simpson}");
        assert!((simpson - 0.25 - 0.043379).abs() < 1e-5);
        // Independent: 1 - 1/4.
        assert!((any(&[0.0, 0.0], 0.0) - 0.75).abs() < 1e-12);
        // One candidate: the union is its marginal, 1/2 by symmetry.
        assert!((any(&[0.0], 1.0) - 0.5).abs() < 1e-12);
        assert!((marginal(0.0, 1.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn recovers_a_shared_effect_from_simulated_groups() {
        use rand_xoshiro::rand_core::{Rng as _, SeedableRng};
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(3);
        let mut unif = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let (b0, b1, s) = (-2.0, 1.0, 1.2);
        let (mut x, mut y, mut group) = (Vec::new(), Vec::new(), Vec::new());
        let groups = 300;
        for g in 0..groups {
            // Box-Muller.
            let (a, c): (f64, f64) = (unif().max(1e-12), unif());
            let u = s * (-2.0 * a.ln()).sqrt() * (2.0 * std::f64::consts::PI * c).cos();
            for _ in 0..15 {
                let xi = if unif() < 0.5 { 1.0 } else { 0.0 };
                let p = sigmoid(b0 + b1 * xi + u);
                x.push(vec![1.0, xi]);
                y.push(unif() < p);
                group.push(g);
            }
        }
        let class = vec![0; groups];
        let d = Data {
            x: &x,
            y: &y,
            group: &group,
            class: &class,
        };
        let f = fit(&d, &[Prior::flat(), Prior::flat()], &[0.0, 0.0], true).unwrap();
        let (sd, lo, hi) = f.sd[0];
        assert!(lo <= s && s <= hi, "s {sd} [{lo}, {hi}]");
        assert!(f.lo[1] <= b1 && b1 <= f.hi[1], "{:?}", f);
        assert!(f.log_likelihood > f.log_likelihood_independent + 5.0);
    }
}
