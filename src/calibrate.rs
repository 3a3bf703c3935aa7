//! `casus calibrate`: fits the escalation engine's joining model (the
//! intercept and a coefficient per term of `escalate::joining::TERM_NAMES`)
//! to who joined the MID disputes, and its side model (P(on the attacker's
//! side | joined), terms `SIDE_TERM_NAMES`) to the side each joiner took,
//! and writes them into the model file's `[joining]` and `[side_model]`
//! sections.
//!
//! The design: one row per candidate of each dispute, its terms computed
//! by the engine itself (`candidate_terms`) on the dispute's world with
//! the dispute's strike; the outcome: the candidate joined. The fit:
//! penalised maximum likelihood ([`crate::stats::logit`]) with a normal
//! prior centred on 0, sd [`SLOPE_SD`] per term and [`INTERCEPT_SD`] for
//! the intercept (weakly informative, after Gelman et al. 2008: the
//! published figures of Siverson and Starr 1990 or Leeds 2003 are on other
//! units and populations, so none is used as a prior mean). A term that
//! is 0 for every candidate of the data (forces based in the struck state,
//! a patron of a de facto state) cannot be identified from the disputes:
//! it keeps the file's value and its `heuristic` mark.
//!
//! Invariant: no I/O; the output text differs from the input only in the
//! `[joining]` and `[side_model]` sections (every other line and comment is kept, by
//! `toml_edit`).

use crate::backtest::predict::scenario_of;
use crate::backtest::Prepared;
use crate::escalate::joining::{candidate_terms, Term, SIDE_TERM_NAMES, TERM_NAMES};
use crate::escalate::model::{Coef, FitInfo, Joining};
use crate::escalate::Model;
use crate::model::Severity;
use crate::stats::logit::{self, Prior};
use crate::stats::mixed;
use indexmap::IndexMap;
use std::collections::HashMap;

/// Prior sd of each term's coefficient (log-odds per unit).
pub const SLOPE_SD: f64 = 2.5;
/// Prior sd of the intercept.
pub const INTERCEPT_SD: f64 = 10.0;

/// The rows of a fit: per candidate, 1 then each term of TERM_NAMES.
#[derive(Clone, Debug, Default)]
pub struct Design {
    pub rows: Vec<Vec<f64>>,
    pub joined: Vec<bool>,
    /// The side model's rows: per joiner with terms, 1 then each term of
    /// SIDE_TERM_NAMES; and whether it fought on the attacker's side.
    pub side_rows: Vec<Vec<f64>>,
    pub side_a: Vec<bool>,
    pub disputes: usize,
    /// Per row of `rows`, its dispute (0..disputes); empty when the rows
    /// are not grouped (the fit then treats candidates as independent).
    pub group: Vec<usize>,
    /// Per dispute: 1 for a war, 0 for an incident.
    pub class: Vec<usize>,
    /// Candidates of the cases the engine gives no terms (no fact at all
    /// about them in the world): left out of the fit; the engine gives
    /// them no joining channel either.
    pub without_terms: usize,
}

/// Computes the engine's terms for every candidate of every case.
pub fn design(cases: &[&Prepared], model: &Model) -> Result<Design, String> {
    use rayon::prelude::*;
    let parts: Vec<Result<Design, String>> =
        cases.par_iter().map(|c| case_design(c, model)).collect();
    let mut d = Design::default();
    for p in parts {
        let p = p?;
        let first = d.class.len();
        d.group.extend(p.group.iter().map(|g| g + first));
        d.class.extend(p.class);
        d.rows.extend(p.rows);
        d.joined.extend(p.joined);
        d.side_rows.extend(p.side_rows);
        d.side_a.extend(p.side_a);
        d.disputes += p.disputes;
        d.without_terms += p.without_terms;
    }
    Ok(d)
}

fn case_design(c: &Prepared, model: &Model) -> Result<Design, String> {
    let mut d = Design::default();
    let Some(sc) = scenario_of(c, 1, 0) else {
        return Ok(d);
    };
    let terms = candidate_terms(&c.world.graph, &sc, model)
        .map_err(|e| format!("MID {}: {}", c.case.dispnum, e.render(false)))?;
    let by_actor: HashMap<_, _> = terms.into_iter().map(|(a, t, s)| (a, (t, s))).collect();
    d.disputes = 1;
    let war = sc.strikes.iter().any(|s| s.severity >= Severity::Sustained);
    d.class.push(usize::from(war));
    for cand in &c.candidates {
        let Some((ts, ss)) = cand.actor.and_then(|a| by_actor.get(&a)) else {
            d.without_terms += 1;
            continue;
        };
        d.rows.push(row_of(TERM_NAMES, ts));
        d.group.push(0);
        d.joined.push(cand.joined.is_some());
        if let Some(side_a) = cand.joined {
            d.side_rows.push(row_of(SIDE_TERM_NAMES, ss));
            d.side_a.push(side_a);
        }
    }
    Ok(d)
}

/// 1, then the value of each named term.
fn row_of(names: &[&str], terms: &[Term]) -> Vec<f64> {
    let mut row = vec![0.0; names.len() + 1];
    row[0] = 1.0;
    for t in terms {
        if let Some(i) = names.iter().position(|n| *n == t.name) {
            row[i + 1] = t.value;
        }
    }
    row
}

/// Fits the joining model on a design; terms that never vary keep
/// `base`'s coefficient. `info` names the data and the date.
///
/// With the rows grouped by dispute (`design.group`), the fit is the
/// random-intercept model ([`crate::stats::mixed`]): a dispute-level
/// effect shared by its candidates, its sd fitted per class (war,
/// incident) by marginal maximum likelihood; `intervals` asks for the
/// profile-likelihood intervals of the sds (the slow part).
pub fn fit(design: &Design, base: &Joining, info: Option<FitInfo>) -> Result<Joining, String> {
    fit_grouped(design, base, info, true)
}

/// [`fit`], with or without the intervals of the sds.
pub fn fit_grouped(
    design: &Design,
    base: &Joining,
    info: Option<FitInfo>,
    intervals: bool,
) -> Result<Joining, String> {
    let groups = (design.group.len() == design.rows.len() && !design.rows.is_empty()).then_some((
        design.group.as_slice(),
        design.class.as_slice(),
        intervals,
    ));
    fit_rows(&design.rows, &design.joined, TERM_NAMES, base, info, groups)
}

/// Fits the side model on the design's joiners: P(on the attacker's side
/// | joined); terms that never vary keep `base`'s coefficient, if any.
pub fn fit_sides(
    design: &Design,
    base: Option<&Joining>,
    info: Option<FitInfo>,
) -> Result<Joining, String> {
    let empty = Joining::unfitted();
    fit_rows(
        &design.side_rows,
        &design.side_a,
        SIDE_TERM_NAMES,
        base.unwrap_or(&empty),
        info,
        None,
    )
}

fn fit_rows(
    rows: &[Vec<f64>],
    y: &[bool],
    names: &[&str],
    base: &Joining,
    info: Option<FitInfo>,
    groups: Option<(&[usize], &[usize], bool)>,
) -> Result<Joining, String> {
    let p = names.len() + 1;
    let first = rows.first().ok_or("no rows to fit")?;
    let varies: Vec<bool> = (0..p)
        .map(|j| j == 0 || rows.iter().any(|r| r[j] != first[j]))
        .collect();
    let cols: Vec<usize> = (0..p).filter(|&j| varies[j]).collect();
    let x: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| cols.iter().map(|&j| r[j]).collect())
        .collect();
    let prior: Vec<Prior> = cols
        .iter()
        .map(|&j| Prior::normal(if j == 0 { INTERCEPT_SD } else { SLOPE_SD }))
        .collect();
    let f = logit::fit(&x, y, None, &prior).map_err(|e| e.to_string())?;
    let (f, sds) = match groups {
        None => (f, Vec::new()),
        Some((group, class, intervals)) => {
            random_intercept(&x, y, group, class, &prior, f, intervals)?
        }
    };
    let coef_of = |k: usize, note: Option<String>| Coef {
        estimate: f.estimate[k],
        lo: Some(f.lo[k]),
        hi: Some(f.hi[k]),
        heuristic: false,
        note,
    };
    let mut terms = IndexMap::new();
    for (i, name) in names.iter().enumerate() {
        let note = base.terms.get(*name).and_then(|c| c.note.clone());
        let c = match cols.iter().position(|&j| j == i + 1) {
            Some(k) => coef_of(k, note),
            None => match base.terms.get(*name) {
                Some(c) => Coef {
                    heuristic: true,
                    ..c.clone()
                },
                None => continue,
            },
        };
        terms.insert(name.to_string(), c);
    }
    let sd_coef = |(s, lo, hi): (f64, f64, f64), note: &str| Coef {
        estimate: (s * 1e3).round() / 1e3,
        lo: (!lo.is_nan()).then_some(lo),
        hi: (!hi.is_nan()).then_some(hi),
        heuristic: false,
        note: Some(note.to_string()),
    };
    Ok(Joining {
        fit: info,
        intercept: coef_of(0, base.intercept.note.clone()),
        terms,
        dispute_sd: sds.first().map(|s| sd_coef(*s, SD_NOTE)),
        dispute_sd_war: sds.get(1).map(|s| sd_coef(*s, SD_WAR_NOTE)),
    })
}

const SD_NOTE: &str = "sd of the dispute-level effect shared by every candidate of one dispute (incidents): joiners cluster";
const SD_WAR_NOTE: &str = "the same for wars";

/// The random-intercept fit, started from the independent fit `f`; its
/// coefficients with Laplace intervals, and per class (s, lo, hi).
#[allow(clippy::type_complexity)]
fn random_intercept(
    x: &[Vec<f64>],
    y: &[bool],
    group: &[usize],
    class: &[usize],
    prior: &[Prior],
    f: logit::Fit,
    intervals: bool,
) -> Result<(logit::Fit, Vec<(f64, f64, f64)>), String> {
    let d = mixed::Data { x, y, group, class };
    let m = mixed::fit(&d, prior, &f.estimate, intervals)?;
    let fit = logit::Fit {
        se: m
            .lo
            .iter()
            .zip(&m.hi)
            .map(|(l, h)| (h - l) / (2.0 * logit::Z95))
            .collect(),
        estimate: m.estimate,
        lo: m.lo,
        hi: m.hi,
        iterations: 0,
        log_posterior: m.log_likelihood,
    };
    Ok((fit, m.sd))
}

/// The method line of a plain (side model) fit.
pub fn method() -> String {
    format!(
        "penalised maximum likelihood (Newton), normal prior mean 0 sd {SLOPE_SD} on each term and {INTERCEPT_SD} on the intercept; 95% Laplace intervals; terms that are 0 in every dispute keep their judgment"
    )
}

/// The method line of the joining model's fit (rows grouped by dispute).
pub fn joining_method() -> String {
    format!(
        "penalised marginal maximum likelihood of a random-intercept logit (a dispute-level effect u ~ N(0, sd^2) shared by the candidates of one dispute, one sd for wars and one for incidents; {} adaptive Gauss-Hermite nodes; Newton for the coefficients, golden search on the profile likelihood for each sd), normal prior mean 0 sd {SLOPE_SD} on each term and {INTERCEPT_SD} on the intercept; 95% Laplace intervals, profile-likelihood intervals for the sds; terms that are 0 in every dispute keep their judgment",
        mixed::NODES
    )
}

/// Fits the joining model on training cases, for the backtest's engine
/// predictor: the shipped model with its `[joining]` replaced.
pub fn engine_fit() -> Option<crate::backtest::run::EngineFit> {
    Some(Box::new(|train: &[&Prepared]| {
        let first = train.first().ok_or("no training case")?;
        let mut model = Model::embedded(&first.world.graph).map_err(|e| e.render(false))?;
        let d = design(train, &model)?;
        model.joining = fit_grouped(&d, &model.joining, None, false)?;
        model.side_model = Some(fit_sides(&d, model.side_model.as_ref(), None)?);
        Ok(model)
    }))
}

fn coef_table(c: &Coef) -> toml_edit::InlineTable {
    let mut t = toml_edit::InlineTable::new();
    let r = |x: f64| (x * 1e4).round() / 1e4;
    t.insert("estimate", r(c.estimate).into());
    if let (Some(lo), Some(hi)) = (c.lo, c.hi) {
        t.insert("lo", r(lo).into());
        t.insert("hi", r(hi).into());
    }
    if c.heuristic {
        t.insert("heuristic", true.into());
    }
    if let Some(n) = &c.note {
        t.insert("note", n.as_str().into());
    }
    t
}

/// The model file's text with its `[joining]` section replaced by `j`;
/// every other line and comment stays as it was.
///
/// ```
/// use casus::calibrate::write_joining;
/// use casus::escalate::model::{Coef, Joining};
/// let text = "# a comment\n[other]\nx = 1\n\n[joining]\nintercept = { estimate = -7.0 }\n";
/// let c = |e| Coef { estimate: e, lo: Some(e - 1.0), hi: Some(e + 1.0), heuristic: false, note: None };
/// let mut terms = indexmap::IndexMap::new();
/// terms.insert("war".to_string(), c(2.5));
/// let out = write_joining(text, &Joining { fit: None, intercept: c(-6.0), terms, dispute_sd: None, dispute_sd_war: None }).unwrap();
/// assert!(out.starts_with("# a comment\n[other]\nx = 1\n"));
/// assert!(out.contains("intercept = { estimate = -6.0, lo = -7.0, hi = -5.0 }"));
/// assert!(out.contains("[joining.terms]\nwar = { estimate = 2.5, lo = 1.5, hi = 3.5 }"));
/// ```
pub fn write_joining(text: &str, j: &Joining) -> Result<String, String> {
    write_section(text, "joining", j)
}

/// The model file's text with its `[side_model]` section (the fitted side
/// model) written or replaced by `j`; every other line stays.
pub fn write_side_model(text: &str, j: &Joining) -> Result<String, String> {
    write_section(text, "side_model", j)
}

fn write_section(text: &str, name: &str, j: &Joining) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let section = doc
        .entry(name)
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or(format!("`{name}` is not a table"))?;
    // `fit` first, then `intercept`, as the file documents them.
    section.remove("intercept");
    match &j.fit {
        Some(f) => {
            let mut t = toml_edit::InlineTable::new();
            t.insert("data", f.data.as_str().into());
            t.insert("disputes", (f.disputes as i64).into());
            t.insert("candidates", (f.candidates as i64).into());
            t.insert("joiners", (f.joiners as i64).into());
            t.insert("date", f.date.as_str().into());
            t.insert("method", f.method.as_str().into());
            section.insert("fit", toml_edit::value(t));
        }
        None => {
            section.remove("fit");
        }
    }
    section.insert("intercept", toml_edit::value(coef_table(&j.intercept)));
    for (key, c) in [
        ("dispute_sd", &j.dispute_sd),
        ("dispute_sd_war", &j.dispute_sd_war),
    ] {
        match c {
            Some(c) => {
                section.insert(key, toml_edit::value(coef_table(c)));
            }
            None => {
                section.remove(key);
            }
        }
    }
    // Keep the terms table (and the comments on it), replace its entries.
    let terms = section
        .entry("terms")
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or(format!("`{name}.terms` is not a table"))?;
    let old: Vec<String> = terms.iter().map(|(k, _)| k.to_string()).collect();
    for k in old.iter().filter(|k| !j.terms.contains_key(*k)) {
        terms.remove(k);
    }
    for (name, c) in &j.terms {
        terms.insert(name, toml_edit::value(coef_table(c)));
    }
    Ok(doc.to_string())
}

/// The side model's provenance: `candidates` counts the joiners it is
/// fitted on, `joiners` those that fought on the attacker's side.
pub fn side_fit_info(design: &Design, data: &str, date: &str) -> FitInfo {
    FitInfo {
        data: data.to_string(),
        disputes: design.disputes,
        candidates: design.side_rows.len(),
        joiners: design.side_a.iter().filter(|&&y| y).count(),
        date: date.to_string(),
        method: format!(
            "{}; rows: the joiners (candidates), outcome: on the attacker's side (joiners)",
            method()
        ),
    }
}

/// A fit's provenance: counts from the design, the date given.
pub fn fit_info(design: &Design, data: &str, date: &str) -> FitInfo {
    FitInfo {
        data: data.to_string(),
        disputes: design.disputes,
        candidates: design.rows.len(),
        joiners: design.joined.iter().filter(|&&y| y).count(),
        date: date.to_string(),
        method: joining_method(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_that_never_vary_keep_their_judgment() {
        let base = Joining {
            fit: None,
            intercept: Coef {
                estimate: -7.0,
                lo: None,
                hi: None,
                heuristic: true,
                note: None,
            },
            terms: TERM_NAMES
                .iter()
                .map(|n| {
                    (
                        n.to_string(),
                        Coef {
                            estimate: 1.0,
                            lo: None,
                            hi: None,
                            heuristic: true,
                            note: Some(format!("{n} note")),
                        },
                    )
                })
                .collect(),
            dispute_sd: None,
            dispute_sd_war: None,
        };
        // Only the first term varies: 2 of 10 join with it, 1 of 10 without.
        let mut d = Design::default();
        for i in 0..20 {
            let mut row = vec![0.0; TERM_NAMES.len() + 1];
            row[0] = 1.0;
            row[1] = f64::from(u8::from(i < 10));
            d.rows.push(row);
            d.joined.push(i == 0 || i == 1 || i == 10);
        }
        let j = fit(&d, &base, None).unwrap();
        let first = &j.terms[TERM_NAMES[0]];
        assert!(!first.heuristic && first.lo.is_some());
        assert_eq!(
            first.note.as_deref(),
            Some(&*format!("{} note", TERM_NAMES[0]))
        );
        let other = &j.terms[TERM_NAMES[1]];
        assert!(other.heuristic && other.estimate == 1.0 && other.lo.is_none());
        // Penalised towards 0 from the unpenalised ln(9/4) = 0.81.
        assert!(
            first.estimate > 0.0 && first.estimate < 0.82,
            "{}",
            first.estimate
        );
    }

    /// Parameter recovery: outcomes drawn from known coefficients on
    /// 30,000 synthetic candidates (three binary terms and one continuous,
    /// the rest never set), fitted back. Every 95% interval covers its
    /// true value and every estimate is within 0.25 of it (the seed is
    /// fixed, so the check is deterministic; at this size the standard
    /// errors are 0.03-0.1).
    #[test]
    fn recovers_known_coefficients_from_simulated_joining() {
        let mut rng = crate::generate::rng::Rng::new(17);
        let truth = [(0usize, -4.0), (1, 1.5), (2, 2.0), (3, -0.7), (4, 0.0)];
        let base = Joining::unfitted();
        let mut d = Design::default();
        for _ in 0..30_000 {
            let mut row = vec![0.0; TERM_NAMES.len() + 1];
            row[0] = 1.0;
            row[1] = f64::from(u8::from(rng.chance(0.3)));
            row[2] = f64::from(u8::from(rng.chance(0.1)));
            row[3] = 3.0 * rng.unit();
            row[4] = f64::from(u8::from(rng.chance(0.5)));
            let eta: f64 = truth.iter().map(|(j, b)| b * row[*j]).sum();
            d.joined.push(rng.unit() < logit::sigmoid(eta));
            d.rows.push(row);
        }
        let j = fit(&d, &base, None).unwrap();
        let got = |k: usize| {
            if k == 0 {
                &j.intercept
            } else {
                &j.terms[TERM_NAMES[k - 1]]
            }
        };
        for (k, b) in truth {
            let c = got(k);
            let (lo, hi) = (c.lo.unwrap(), c.hi.unwrap());
            assert!(
                lo <= b && b <= hi,
                "term {k}: truth {b} outside [{lo}, {hi}]"
            );
            assert!(
                (c.estimate - b).abs() < 0.25,
                "term {k}: {} vs {b}",
                c.estimate
            );
        }
        // Terms never set are not fitted and not invented.
        assert!(!j.terms.contains_key(TERM_NAMES[5]));
    }
}
