//! The fitted part of the model file: `[joining]` (the coefficients of the
//! joining model, with the provenance of their fit), `[side_model]` (the
//! fitted side model, the same shape) and `[combat]` (how the
//! heuristic channels and the fitted model share the levels).
//!
//! Parsing and checking only: it does not compute terms (that is
//! [`super::joining`]) and it does not fit anything (`casus calibrate`
//! writes the section this module reads).

use super::joining::{SIDE_TERM_NAMES, TERM_NAMES};
use super::model::Param;
use crate::load::{did_you_mean, Diagnostic, Level, SourceText};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// One coefficient of the joining model (log-odds per unit of its term).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Coef {
    pub estimate: f64,
    /// The interval of the fit (95%), where there is one.
    pub lo: Option<f64>,
    pub hi: Option<f64>,
    /// A judgment rather than a fitted estimate.
    pub heuristic: bool,
    pub note: Option<String>,
}

/// Where a fit comes from.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FitInfo {
    pub data: String,
    pub disputes: usize,
    pub candidates: usize,
    pub joiners: usize,
    pub date: String,
    pub method: String,
}

/// The joining model: P(a candidate state reaches L4 or more directly) =
/// logistic(intercept + sum of coefficient x term value).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Joining {
    /// `None`: the starting values, not a fit.
    pub fit: Option<FitInfo>,
    pub intercept: Coef,
    /// By term name; a term of [`TERM_NAMES`] missing here counts 0.
    pub terms: IndexMap<String, Coef>,
    /// The sd of the dispute-level effect shared by every candidate of one
    /// dispute (incidents; wars too when `dispute_sd_war` is `None`):
    /// joining logit = intercept + terms + u, u ~ N(0, sd^2). `None`:
    /// candidates independent (sd 0).
    pub dispute_sd: Option<Coef>,
    /// The same for wars, where the fit gives wars their own sd.
    pub dispute_sd_war: Option<Coef>,
}

impl Joining {
    /// A model with no term and a 0 intercept (heuristic): the base of a
    /// first fit.
    pub fn unfitted() -> Joining {
        Joining {
            fit: None,
            intercept: Coef {
                estimate: 0.0,
                lo: None,
                hi: None,
                heuristic: true,
                note: None,
            },
            terms: IndexMap::new(),
            dispute_sd: None,
            dispute_sd_war: None,
        }
    }

    /// The sd of the dispute-level effect for a war or an incident (0 when
    /// the file gives none).
    pub fn sd(&self, war: bool) -> f64 {
        let c = if war {
            self.dispute_sd_war.as_ref().or(self.dispute_sd.as_ref())
        } else {
            self.dispute_sd.as_ref()
        };
        c.map_or(0.0, |c| c.estimate.max(0.0))
    }

    /// The coefficient of a term, 0 when the file does not give it.
    pub fn coef(&self, term: &str) -> f64 {
        self.terms.get(term).map(|c| c.estimate).unwrap_or(0.0)
    }

    /// One line naming the fit (or saying there is none).
    pub fn describe(&self) -> String {
        match &self.fit {
            Some(f) => {
                let data = f.data.split([';', '(']).next().unwrap_or(&f.data).trim();
                let shared = if self.sd(false) > 0.0 || self.sd(true) > 0.0 {
                    format!(
                        "; the candidates of one dispute share a dispute-level effect (sd {:.2} in an incident, {:.2} in a war): every probability is averaged over it",
                        self.sd(false),
                        self.sd(true)
                    )
                } else {
                    String::new()
                };
                format!(
                    "joining model fitted on {data} ({} disputes, {} candidates, {} joiners; {}; model.toml has the method and intervals){shared}",
                    f.disputes, f.candidates, f.joiners, f.date
                )
            }
            None => "joining model: starting values from the literature (heuristic), not fitted"
                .to_string(),
        }
    }
}

/// How the heuristic channels and the fitted joining model share the levels.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Combat {
    pub why: String,
    /// The highest level a heuristic channel carries a state to.
    pub channel_max_level: u8,
    /// Relation types exempt from that cap (facts of fighting already going on).
    pub exempt_types: Vec<String>,
    /// P(L5 | L4 or more) for a joiner.
    pub co_belligerent: Param,
}

// ------------------------------------------------------------------ raw file

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawJoining {
    #[serde(default)]
    fit: Option<RawFit>,
    intercept: S<RawCoef>,
    #[serde(default)]
    terms: IndexMap<S<String>, S<RawCoef>>,
    #[serde(default)]
    dispute_sd: Option<S<RawCoef>>,
    #[serde(default)]
    dispute_sd_war: Option<S<RawCoef>>,
}

#[derive(Deserialize)]
struct RawFit {
    data: String,
    disputes: usize,
    candidates: usize,
    joiners: usize,
    date: String,
    method: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoef {
    estimate: S<f64>,
    #[serde(default)]
    lo: Option<f64>,
    #[serde(default)]
    hi: Option<f64>,
    #[serde(default)]
    heuristic: bool,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCombat {
    why: String,
    channel_max_level: S<u8>,
    #[serde(default)]
    exempt_types: Vec<S<String>>,
    co_belligerent: S<super::model::RawParam>,
}

fn coef(src: &SourceText, c: &S<RawCoef>, diags: &mut Vec<Diagnostic>) -> Coef {
    let r = c.get_ref();
    let est = *r.estimate.get_ref();
    if !est.is_finite() {
        diags.push(src.diag(
            Level::Error,
            r.estimate.span(),
            "a coefficient is a finite number",
            None,
        ));
    }
    if let (Some(lo), Some(hi)) = (r.lo, r.hi) {
        if lo > hi {
            diags.push(src.diag(
                Level::Error,
                c.span(),
                format!("interval [{lo}, {hi}] is upside down"),
                Some("lo is the lower bound, hi the upper".into()),
            ));
        }
    }
    Coef {
        estimate: est,
        lo: r.lo,
        hi: r.hi,
        heuristic: r.heuristic,
        note: r.note.clone(),
    }
}

/// Checks `[joining]`: every term known to the engine (an unknown one is an
/// error at its place), terms the engine computes but the file lacks are a
/// warning (they count 0).
pub(super) fn joining(
    src: &SourceText,
    raw: &S<RawJoining>,
    diags: &mut Vec<Diagnostic>,
) -> Joining {
    section(src, raw, "joining", TERM_NAMES, diags)
}

/// Checks `[side_model]` (the fitted side model), as `[joining]` with the
/// side terms.
pub(super) fn side_model(
    src: &SourceText,
    raw: &S<RawJoining>,
    diags: &mut Vec<Diagnostic>,
) -> Joining {
    section(src, raw, "side_model", SIDE_TERM_NAMES, diags)
}

fn section(
    src: &SourceText,
    raw: &S<RawJoining>,
    label: &str,
    names: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Joining {
    let r = raw.get_ref();
    let mut terms = IndexMap::new();
    for (k, v) in &r.terms {
        if !names.contains(&k.get_ref().as_str()) {
            let hint = did_you_mean(k.get_ref(), names.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| format!("the engine's terms are: {}", names.join(", ")));
            diags.push(src.diag(
                Level::Error,
                k.span(),
                format!("unknown {label} term `{}`", k.get_ref()),
                Some(hint),
            ));
            continue;
        }
        terms.insert(k.get_ref().clone(), coef(src, v, diags));
    }
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|t| !terms.contains_key(*t))
        .collect();
    if !missing.is_empty() {
        diags.push(src.diag(
            Level::Warning,
            raw.span(),
            format!(
                "[{label}.terms] gives no coefficient for {}: they count 0",
                missing.join(", ")
            ),
            Some("run `casus calibrate` or add them by hand".into()),
        ));
    }
    Joining {
        fit: r.fit.as_ref().map(|f| FitInfo {
            data: f.data.clone(),
            disputes: f.disputes,
            candidates: f.candidates,
            joiners: f.joiners,
            date: f.date.clone(),
            method: f.method.clone(),
        }),
        intercept: coef(src, &r.intercept, diags),
        terms,
        dispute_sd: r.dispute_sd.as_ref().map(|c| sd_coef(src, c, diags)),
        dispute_sd_war: r.dispute_sd_war.as_ref().map(|c| sd_coef(src, c, diags)),
    }
}

/// A standard deviation: a coefficient that is not negative.
fn sd_coef(src: &SourceText, c: &S<RawCoef>, diags: &mut Vec<Diagnostic>) -> Coef {
    let v = coef(src, c, diags);
    if v.estimate < 0.0 {
        diags.push(src.diag(
            Level::Error,
            c.get_ref().estimate.span(),
            "a standard deviation is 0 or more",
            Some("0: the candidates of one dispute join independently".into()),
        ));
    }
    v
}

/// Checks `[combat]`.
pub(super) fn combat(
    src: &SourceText,
    raw: &RawCombat,
    co_belligerent: Param,
    diags: &mut Vec<Diagnostic>,
) -> Combat {
    let max = *raw.channel_max_level.get_ref();
    if !(1..=5).contains(&max) {
        diags.push(
            src.diag(
                Level::Error,
                raw.channel_max_level.span(),
                "a level is 1 to 5",
                Some(
                    "3: heuristic channels carry states up to proxies; combat comes from [joining]"
                        .into(),
                ),
            ),
        );
    }
    Combat {
        why: raw.why.clone(),
        channel_max_level: max.clamp(1, 5),
        exempt_types: raw
            .exempt_types
            .iter()
            .map(|t| t.get_ref().clone())
            .collect(),
        co_belligerent,
    }
}

impl RawCombat {
    /// The exempt types, for the model parser's type check.
    pub(super) fn types(&self) -> &[S<String>] {
        &self.exempt_types
    }
    pub(super) fn co_belligerent(&self) -> &S<super::model::RawParam> {
        &self.co_belligerent
    }
}
