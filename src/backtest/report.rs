//! Scores of each predictor's out-of-fold forecasts: Brier score and skill
//! against the base rate, AUC, average precision, log loss, side accuracy,
//! overall and per era; a reliability table; and the outputs: JSON (by
//! serde), a Markdown summary and a reliability diagram as SVG.
//!
//! Invariant: no I/O; every figure is computed from the forecasts given;
//! a score that is undefined (no joiner in an era) is `null`, not 0.

use super::Forecasts;
use crate::stats::metrics::{self, Bin, Bins};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The eras scores are broken down by (first and last year).
pub const ERAS: &[(&str, i32, i32)] = &[
    ("1816-1913", 1816, 1913),
    ("1914-1945", 1914, 1945),
    ("1946-1989", 1946, 1989),
    ("1990-1999", 1990, 1999),
    ("2000-2014", 2000, 2014),
];

/// The reliability bins: forecasts of joining are mostly small, so the
/// bins are finer near 0.
pub const EDGES: &[f64] = &[0.0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0];

/// The bins of the dispute-level forecast P(at least one joiner).
pub const DISPUTE_EDGES: &[f64] = &[0.0, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0];

/// A bin holds enough candidates to judge its calibration.
pub const MIN_BIN: usize = 50;

/// The scores of one set of forecasts.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Scores {
    pub candidates: usize,
    pub joiners: usize,
    pub brier: Option<f64>,
    /// 1 - Brier / Brier(base rate): above 0 beats the base rate.
    pub brier_skill: Option<f64>,
    pub auc: Option<f64>,
    pub average_precision: Option<f64>,
    pub log_loss: Option<f64>,
    /// Share of true joiners forecast on the side they joined.
    pub side_accuracy: Option<f64>,
}

/// One predictor's report.
#[derive(Clone, Debug, Serialize)]
pub struct PredictorReport {
    pub name: String,
    pub describe: String,
    pub overall: Scores,
    pub eras: BTreeMap<String, Scores>,
    pub reliability: Vec<Bin>,
    /// Bins of at least MIN_BIN candidates, and how many of them hold the
    /// mean forecast inside the Wilson interval of the observed rate.
    pub calibrated_bins: (usize, usize),
    /// Per dispute, P(at least one joiner) (see [`dispute_reliability`])
    /// against whether one joined.
    pub disputes: Vec<Bin>,
}

/// The dispute-level reliability: per dispute, the predictor's own P(at
/// least one joiner) where it gives one (the engine: the share of trials
/// in which a further state entered the fighting; the joining model
/// alone: the integral over the dispute-level effect), else 1 - prod(1 -
/// p) over its candidates, against whether any of them joined.
pub fn dispute_reliability(f: &Forecasts) -> Vec<Bin> {
    let mut by: BTreeMap<u32, (f64, bool)> = BTreeMap::new();
    for r in &f.rows {
        let e = by.entry(r.dispnum).or_insert((1.0, false));
        e.0 *= 1.0 - r.p;
        e.1 |= r.joined;
    }
    let p: Vec<f64> = by
        .iter()
        .map(|(d, v)| f.any.get(d).copied().unwrap_or(1.0 - v.0))
        .collect();
    let y: Vec<bool> = by.values().map(|v| v.1).collect();
    metrics::reliability(&p, &y, Bins::Edges(DISPUTE_EDGES))
}

/// Scores rows (forecasts `p` with outcomes `y`, sides) against the
/// reference forecasts `r` of the same rows.
pub fn scores(p: &[f64], r: &[f64], y: &[bool], sides: &[(Option<bool>, Option<bool>)]) -> Scores {
    let joiners: Vec<&(Option<bool>, Option<bool>)> =
        sides.iter().filter(|s| s.1.is_some()).collect();
    let right = joiners
        .iter()
        .filter(|s| s.0.is_some() && s.0 == s.1)
        .count();
    Scores {
        candidates: p.len(),
        joiners: y.iter().filter(|&&y| y).count(),
        brier: metrics::brier(p, y),
        brier_skill: metrics::brier_skill(p, r, y),
        auc: metrics::auc(p, y),
        average_precision: metrics::average_precision(p, y),
        log_loss: metrics::log_loss(p, y),
        // No side forecast at all (a predictor without sides): n/a.
        side_accuracy: (!joiners.is_empty() && sides.iter().any(|s| s.0.is_some()))
            .then(|| right as f64 / joiners.len() as f64),
    }
}

/// Scores every predictor against `reference` (the base rate's forecasts
/// of the same rows, in the same order).
pub fn score(all: &[Forecasts], reference: &Forecasts) -> Vec<PredictorReport> {
    all.iter()
        .map(|f| {
            let sel = |keep: &dyn Fn(i32) -> bool| {
                let idx: Vec<usize> = (0..f.rows.len())
                    .filter(|&i| keep(f.rows[i].year))
                    .collect();
                let p: Vec<f64> = idx.iter().map(|&i| f.rows[i].p).collect();
                let r: Vec<f64> = idx.iter().map(|&i| reference.rows[i].p).collect();
                let y: Vec<bool> = idx.iter().map(|&i| f.rows[i].joined).collect();
                let s: Vec<_> = idx
                    .iter()
                    .map(|&i| (f.rows[i].side_predicted, f.rows[i].side_truth))
                    .collect();
                (p, r, y, s)
            };
            let (p, r, y, s) = sel(&|_| true);
            let reliability = metrics::reliability(&p, &y, Bins::Edges(EDGES));
            let big: Vec<&Bin> = reliability.iter().filter(|b| b.count >= MIN_BIN).collect();
            let calibrated_bins = (
                big.len(),
                big.iter()
                    .filter(|b| {
                        b.observed_lo <= b.mean_predicted && b.mean_predicted <= b.observed_hi
                    })
                    .count(),
            );
            let eras = ERAS
                .iter()
                .filter_map(|(name, lo, hi)| {
                    let (p, r, y, s) = sel(&|yr| *lo <= yr && yr <= *hi);
                    (!p.is_empty()).then(|| (name.to_string(), scores(&p, &r, &y, &s)))
                })
                .collect();
            PredictorReport {
                name: f.name.clone(),
                describe: f.describe.clone(),
                overall: scores(&p, &r, &y, &s),
                eras,
                reliability,
                calibrated_bins,
                disputes: dispute_reliability(f),
            }
        })
        .collect()
}

/// The training disputes of a held-out evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct TrainingInfo {
    /// Name of the training data.
    pub data: String,
    /// Kept training disputes, each predictor fitted on all of them.
    pub disputes: usize,
    pub joiners: usize,
    /// Disputes of the evaluated data that are training disputes too, and
    /// so were not scored.
    pub left_out_as_training: usize,
}

/// How the forecasts were made out of sample, for the summary.
fn design(r: &Report) -> String {
    match &r.training {
        None => format!(
            "{}-fold cross-validation by dispute (seed {})",
            r.folds, r.seed
        ),
        Some(t) => format!(
            "held out: every predictor fitted once on the {} kept disputes of {} ({} joiners) and scored here ({} disputes left out of the scoring because they are training disputes too; engine seed {})",
            t.disputes, t.data, t.joiners, t.left_out_as_training, r.seed
        ),
    }
}

/// Everything a backtest run found.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub data: String,
    pub disputes_read: usize,
    pub malformed_rows: usize,
    pub cases: usize,
    pub dropped: BTreeMap<String, usize>,
    pub candidates: usize,
    pub joiners: usize,
    /// Joiners not in the state system on the start date (not scored).
    pub unscorable_joiners: usize,
    pub worlds: usize,
    /// Folds of the cross-validation (0 in a held-out evaluation).
    pub folds: usize,
    /// A held-out evaluation's training disputes (`None`: cross-validated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub training: Option<TrainingInfo>,
    pub seed: u64,
    pub trials: u32,
    pub severity: String,
    pub seconds: f64,
    pub predictors: Vec<PredictorReport>,
}

fn f3(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |x| format!("{x:.3}"))
}

fn f4(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |x| format!("{x:.4}"))
}

fn pct(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |x| format!("{:.0}%", 100.0 * x))
}

/// The table of every predictor and every metric, in Markdown.
pub fn table(predictors: &[PredictorReport]) -> String {
    let mut s = String::from(
        "| predictor | Brier | Brier skill | AUC | AP | log loss | side accuracy | calibrated bins (50+) |\n|---|---|---|---|---|---|---|---|\n",
    );
    for p in predictors {
        let o = &p.overall;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} of {} |",
            p.name,
            f4(o.brier),
            f3(o.brier_skill),
            f3(o.auc),
            f3(o.average_precision),
            f4(o.log_loss),
            pct(o.side_accuracy),
            p.calibrated_bins.1,
            p.calibrated_bins.0
        );
    }
    s
}

/// " (N left out: why; ...)", or nothing when no dispute was left out.
fn left_out(dropped: &BTreeMap<String, usize>) -> String {
    if dropped.is_empty() {
        return String::new();
    }
    let why: Vec<String> = dropped
        .iter()
        .map(|(k, v)| format!("{v} left out: {k}"))
        .collect();
    format!(" ({})", why.join("; "))
}

/// The Markdown summary.
pub fn markdown(r: &Report) -> String {
    let mut s = String::from("# Backtest: who joined the disputes\n\n");
    let _ = writeln!(
        s,
        "Data: {}. {} disputes read, {} kept{}; {} candidates, {} joiners ({} more joiners were not in the state system on the start date and are not scored); {} worlds; {}; engine trials {}; severity: {}; {:.1} s.\n",
        r.data,
        r.disputes_read,
        r.cases,
        left_out(&r.dropped),
        r.candidates,
        r.joiners,
        r.unscorable_joiners,
        r.worlds,
        design(r),
        r.trials,
        r.severity,
        r.seconds
    );
    s.push_str(&table(&r.predictors));
    s.push_str("\n## By era (Brier skill / AUC / AP / side accuracy)\n\n| predictor |");
    let eras: Vec<&str> = ERAS
        .iter()
        .map(|e| e.0)
        .filter(|e| r.predictors.iter().any(|p| p.eras.contains_key(*e)))
        .collect();
    for e in &eras {
        let _ = write!(s, " {e} |");
    }
    s.push_str("\n|---|");
    s.push_str(&"---|".repeat(eras.len()));
    s.push('\n');
    for p in &r.predictors {
        let _ = write!(s, "| {} |", p.name);
        for e in &eras {
            match p.eras.get(*e) {
                Some(x) => {
                    let _ = write!(
                        s,
                        " {} / {} / {} / {} ({} joiners) |",
                        f3(x.brier_skill),
                        f3(x.auc),
                        f3(x.average_precision),
                        pct(x.side_accuracy),
                        x.joiners
                    );
                }
                None => s.push_str(" |"),
            }
        }
        s.push('\n');
    }
    s.push_str("\n## Reliability (bins of forecast P(join))\n");
    for p in &r.predictors {
        bins_table(&mut s, &p.name, "candidates", &p.reliability, 4);
    }
    s.push_str("\n## Dispute-level calibration (P(at least one joiner): the engine's trials, the joining model's integral over the dispute-level effect, else 1 - prod(1 - p))\n");
    for p in &r.predictors {
        bins_table(&mut s, &p.name, "disputes", &p.disputes, 3);
    }
    s.push_str("\n## Predictors\n\n");
    for p in &r.predictors {
        let _ = writeln!(s, "- **{}**: {}", p.name, p.describe);
    }
    s
}

/// One predictor's reliability bins as a Markdown table.
fn bins_table(s: &mut String, name: &str, unit: &str, bins: &[Bin], digits: usize) {
    let _ = write!(
        s,
        "\n**{name}**\n\n| bin | {unit} | mean forecast | observed | 95% interval |\n|---|---|---|---|---|\n"
    );
    let d = digits;
    for b in bins {
        let _ = writeln!(
            s,
            "| {:.d$}-{:.d$} | {} | {:.d$} | {:.d$} | {:.d$}-{:.d$} |",
            b.lo, b.hi, b.count, b.mean_predicted, b.observed, b.observed_lo, b.observed_hi
        );
    }
}

const COLOURS: &[&str] = &[
    "#777777", "#e69f00", "#56b4e9", "#009e73", "#d55e00", "#cc79a7",
];

/// The reliability diagram: observed rate against mean forecast per bin,
/// on log axes from 1e-4 to 1, with Wilson intervals; hollow markers for
/// bins under MIN_BIN candidates.
pub fn svg(predictors: &[PredictorReport]) -> String {
    let (w, h, m) = (640.0, 560.0, 70.0);
    let side = h - 2.0 * m;
    let pos = |v: f64| (v.max(1e-4).log10() + 4.0) / 4.0 * side;
    let x = |v: f64| m + pos(v);
    let y = |v: f64| h - m - pos(v);
    let mut s = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    let _ = writeln!(s, "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">Reliability of P(join), out of fold</text>", m + side / 2.0);
    for k in 0..=4 {
        let v = 10f64.powi(k - 4);
        let _ = writeln!(s, "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ddd\"/><line x1=\"{3}\" y1=\"{4}\" x2=\"{5}\" y2=\"{4}\" stroke=\"#ddd\"/>", x(v), y(1e-4), y(1.0), x(1e-4), y(v), x(1.0));
        let _ = writeln!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{v}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{v}</text>", x(v), h - m + 18.0, m - 6.0, y(v) + 4.0);
    }
    let _ = writeln!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"black\" stroke-dasharray=\"4 4\"/>",
        x(1e-4),
        y(1e-4),
        x(1.0),
        y(1.0)
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">mean forecast in bin</text>",
        m + side / 2.0,
        h - m + 40.0
    );
    let _ = writeln!(s, "<text transform=\"translate({},{}) rotate(-90)\" text-anchor=\"middle\">observed share joining (95% Wilson)</text>", m - 48.0, m + side / 2.0);
    for (i, p) in predictors.iter().enumerate() {
        let c = COLOURS[i % COLOURS.len()];
        let dx = (i as f64 - predictors.len() as f64 / 2.0) * 2.0;
        for b in &p.reliability {
            let (cx, cy) = (x(b.mean_predicted) + dx, y(b.observed));
            let fill = if b.count >= MIN_BIN { c } else { "white" };
            let _ = writeln!(s, "<line x1=\"{cx:.1}\" y1=\"{:.1}\" x2=\"{cx:.1}\" y2=\"{:.1}\" stroke=\"{c}\"/><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"4\" fill=\"{fill}\" stroke=\"{c}\"><title>{}: {} candidates, forecast {:.4}, observed {:.4}</title></circle>", y(b.observed_lo), y(b.observed_hi), escape(&p.name), b.count, b.mean_predicted, b.observed);
        }
        let ly = m + 10.0 + 18.0 * i as f64;
        let _ = writeln!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{c}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            m + 14.0,
            ly,
            m + 24.0,
            ly + 4.0,
            escape(&p.name)
        );
    }
    s.push_str("</svg>\n");
    s
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_accuracy_counts_true_joiners_only() {
        let s = scores(
            &[0.5, 0.1, 0.2],
            &[0.2, 0.2, 0.2],
            &[true, true, false],
            &[
                (Some(true), Some(true)),
                (None, Some(false)),
                (Some(false), None),
            ],
        );
        assert_eq!(s.side_accuracy, Some(0.5));
        assert_eq!(s.joiners, 2);
    }
}
