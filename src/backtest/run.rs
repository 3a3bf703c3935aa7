//! One backtest run from the texts of the files to the report: parse and
//! select the disputes, import the worlds, prepare the cases, fit and
//! forecast every predictor fold by fold, score.
//!
//! Invariant: no I/O (the command reads the files and writes the outputs);
//! the same inputs and options give the same report (but its timing).

use super::cases::{self, SeverityRule};
use super::predict::{AllyRule, BaseRate, Engine, Logistic, Predictor};
use super::report::{self, Report};
use super::worlds::{self, DataTexts};
use super::{cross_validate, mid, prepare, Prepared};
use crate::escalate::Model;
use std::time::Instant;

/// What to run.
#[derive(Clone, Debug)]
pub struct Options {
    pub folds: usize,
    pub seed: u64,
    /// Monte Carlo trials of each engine run.
    pub trials: u32,
    /// Only the first N kept disputes (by dispute number).
    pub limit: Option<usize>,
    pub severity: SeverityRule,
    /// Name of the data set, for the report.
    pub data: String,
}

/// The MID files' texts and names.
pub struct MidTexts<'a> {
    pub mida: &'a str,
    pub mida_name: &'a str,
    pub midb: &'a str,
    pub midb_name: &'a str,
}

/// Progress of a run, for a progress bar.
pub trait Progress: Sync {
    /// A new phase with this many steps.
    fn phase(&self, name: &str, total: usize);
    fn tick(&self);
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {
    fn phase(&self, _: &str, _: usize) {}
    fn tick(&self) {}
}

/// Fits the engine's model on training cases, for the engine predictor
/// (`None`: the shipped model for every fold).
pub type EngineFit = Box<dyn Fn(&[&Prepared]) -> Result<Model, String> + Sync>;

/// The cases of a run, prepared, and the selection's accounting.
pub struct Setup {
    pub cases: Vec<Prepared>,
    pub selection: cases::Selection,
    pub malformed: usize,
    pub worlds: usize,
}

/// Parses, selects and prepares the cases (worlds imported once per year).
pub fn setup(
    texts: &MidTexts<'_>,
    data: &DataTexts,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Setup, String> {
    let m = mid::parse(texts.mida, texts.mida_name, texts.midb, texts.midb_name)
        .map_err(|e| e.to_string())?;
    let mut selection = cases::select(&m, opts.severity);
    selection.cases.sort_by_key(|c| c.dispnum);
    if let Some(n) = opts.limit {
        selection.cases.truncate(n);
    }
    let src = data.parse()?;
    let spells = src.states.rows.clone();
    let years: std::collections::BTreeSet<i32> =
        selection.cases.iter().map(|c| c.start.year).collect();
    progress.phase("importing worlds", years.len());
    let ws = worlds::import_worlds(&src, &selection.cases, &|| progress.tick())?;
    let cases = prepare(&selection.cases, &ws, &spells, opts.folds, opts.seed);
    Ok(Setup {
        cases,
        selection,
        malformed: m.bad.len(),
        worlds: ws.len(),
    })
}

/// Runs the backtest: every predictor, cross-validated, scored.
pub fn run(
    texts: &MidTexts<'_>,
    data: &DataTexts,
    opts: &Options,
    engine_fit: Option<EngineFit>,
    progress: &dyn Progress,
) -> Result<Report, String> {
    let t0 = Instant::now();
    let s = setup(texts, data, opts, progress)?;
    let first = s
        .cases
        .first()
        .ok_or("no dispute was kept: nothing to backtest")?;
    let model = Model::embedded(&first.world.graph).map_err(|e| e.to_string())?;
    let fitted = engine_fit.is_some();
    let direct = Engine {
        trials: opts.trials,
        seed: opts.seed,
        label: "casus joining model alone".into(),
        fit: if fitted {
            crate::calibrate::engine_fit()
        } else {
            None
        },
        model: model.clone(),
        direct: true,
    };
    let engine = Engine {
        trials: opts.trials,
        seed: opts.seed,
        label: if fitted {
            "casus (fitted)".into()
        } else {
            "casus".into()
        },
        fit: engine_fit,
        model,
        direct: false,
    };
    let (base, ally, defence, logistic) = (
        BaseRate,
        AllyRule {
            defence_only: false,
        },
        AllyRule { defence_only: true },
        Logistic,
    );
    let predictors: Vec<&dyn Predictor> = vec![&base, &ally, &defence, &logistic, &direct, &engine];
    progress.phase("forecasting", s.cases.len() * predictors.len());
    let forecasts = cross_validate(&s.cases, &predictors, opts.folds, &|| progress.tick())?;
    let predictors = report::score(&forecasts, &forecasts[0]);
    let candidates = s.cases.iter().map(|c| c.candidates.len()).sum();
    let joiners = s
        .cases
        .iter()
        .map(|c| c.candidates.iter().filter(|x| x.joined.is_some()).count())
        .sum();
    Ok(Report {
        data: opts.data.clone(),
        disputes_read: s.selection.disputes_read,
        malformed_rows: s.malformed,
        cases: s.cases.len(),
        dropped: s.selection.dropped.clone(),
        candidates,
        joiners,
        unscorable_joiners: s.cases.iter().map(|c| c.unscorable_joiners.len()).sum(),
        worlds: s.worlds,
        folds: opts.folds,
        seed: opts.seed,
        trials: opts.trials,
        severity: opts.severity.describe().to_string(),
        seconds: t0.elapsed().as_secs_f64(),
        predictors,
    })
}
