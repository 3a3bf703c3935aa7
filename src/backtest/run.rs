//! One backtest run from the texts of the files to the report: parse and
//! select the disputes, import the worlds, prepare the cases, fit and
//! forecast every predictor fold by fold (or, held out, once on the
//! training disputes for the others), score.
//!
//! Invariant: no I/O (the command reads the files and writes the outputs);
//! the same inputs and options give the same report (but its timing).

use super::cases::{self, SeverityRule};
use super::predict::{AllyRule, BaseRate, Engine, Logistic, Predictor};
use super::report::{self, Report};
use super::worlds::{self, DataTexts};
use super::{cross_validate, holdout, mid, prepare, Prepared};
use crate::escalate::Model;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
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
pub type EngineFit = Box<dyn Fn(&[&Prepared]) -> Result<Model, String> + Send + Sync>;

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
    let set = PredictorSet::new(&s.cases, opts, engine_fit)?;
    progress.phase("forecasting", s.cases.len() * set.len());
    let forecasts = cross_validate(&s.cases, &set.all(), opts.folds, &|| progress.tick())?;
    Ok(assemble(&s, &forecasts, opts, None, t0))
}

/// The training side of a held-out evaluation.
pub struct Training<'a> {
    pub texts: MidTexts<'a>,
    /// Name of the training data, for the report.
    pub data: String,
}

/// Runs a held-out evaluation: every predictor fitted once on the
/// training disputes, scored on the disputes of `texts` that are not
/// among them (a dispute in both is left out of the scoring and counted).
pub fn run_holdout(
    texts: &MidTexts<'_>,
    training: &Training<'_>,
    data: &DataTexts,
    opts: &Options,
    engine_fit: Option<EngineFit>,
    progress: &dyn Progress,
) -> Result<Report, String> {
    let t0 = Instant::now();
    let train_opts = Options {
        limit: None,
        ..opts.clone()
    };
    let train = setup(&training.texts, data, &train_opts, progress)?;
    if train.cases.is_empty() {
        return Err("no training dispute was kept: nothing to fit".into());
    }
    // The limit counts held-out disputes: applied once the training
    // disputes are out.
    let mut s = setup(texts, data, &train_opts, progress)?;
    let seen: std::collections::BTreeSet<u32> =
        train.cases.iter().map(|c| c.case.dispnum).collect();
    let before = s.cases.len();
    s.cases.retain(|c| !seen.contains(&c.case.dispnum));
    let overlap = before - s.cases.len();
    if let Some(n) = opts.limit {
        s.cases.truncate(n);
    }
    if s.cases.is_empty() {
        return Err(format!(
            "every kept dispute ({before}) is a training dispute too: nothing is held out (give --disputes the disputes the training set does not hold)"
        ));
    }
    let set = PredictorSet::new(&train.cases, opts, engine_fit)?;
    progress.phase("forecasting", s.cases.len() * set.len());
    let forecasts = holdout(&train.cases, &s.cases, &set.all(), &|| progress.tick())?;
    let info = report::TrainingInfo {
        data: training.data.clone(),
        disputes: train.cases.len(),
        joiners: joiners(&train.cases),
        left_out_as_training: overlap,
    };
    Ok(assemble(&s, &forecasts, opts, Some(info), t0))
}

/// The predictors of a run, the engine's built on the model embedded in
/// the first case's world.
struct PredictorSet {
    base: BaseRate,
    ally: AllyRule,
    defence: AllyRule,
    logistic: Logistic,
    direct: Engine,
    engine: Engine,
}

impl PredictorSet {
    fn new(
        cases: &[Prepared],
        opts: &Options,
        engine_fit: Option<EngineFit>,
    ) -> Result<PredictorSet, String> {
        let first = cases
            .first()
            .ok_or("no dispute was kept: nothing to backtest")?;
        let model = Model::embedded(&first.world.graph).map_err(|e| e.to_string())?;
        let fitted = engine_fit.is_some();
        let shared = engine_fit.map(|f| Shared {
            fit: Arc::new(f),
            cache: Default::default(),
        });
        let direct = Engine {
            trials: opts.trials,
            seed: opts.seed,
            label: "casus joining model alone".into(),
            fit: shared.as_ref().map(Shared::handle),
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
            fit: shared.as_ref().map(Shared::handle),
            model,
            direct: false,
        };
        Ok(PredictorSet {
            base: BaseRate,
            ally: AllyRule {
                defence_only: false,
            },
            defence: AllyRule { defence_only: true },
            logistic: Logistic,
            direct,
            engine,
        })
    }

    fn all(&self) -> Vec<&dyn Predictor> {
        vec![
            &self.base,
            &self.ally,
            &self.defence,
            &self.logistic,
            &self.direct,
            &self.engine,
        ]
    }

    fn len(&self) -> usize {
        self.all().len()
    }
}

/// One engine fit shared by the two engine predictors: each training set
/// is fitted once (the fits are deterministic, so the second predictor
/// gets the same model the first did).
struct Shared {
    fit: Arc<EngineFit>,
    cache: Arc<Mutex<HashMap<Vec<u32>, Model>>>,
}

impl Shared {
    /// A fit that looks the training set up first (by its dispute numbers).
    fn handle(&self) -> EngineFit {
        let (fit, cache) = (self.fit.clone(), self.cache.clone());
        Box::new(move |train: &[&Prepared]| {
            let key: Vec<u32> = train.iter().map(|c| c.case.dispnum).collect();
            if let Some(m) = cache.lock().map_err(|e| e.to_string())?.get(&key) {
                return Ok(m.clone());
            }
            let m = fit(train)?;
            cache
                .lock()
                .map_err(|e| e.to_string())?
                .insert(key, m.clone());
            Ok(m)
        })
    }
}

fn joiners(cases: &[Prepared]) -> usize {
    cases
        .iter()
        .map(|c| c.candidates.iter().filter(|x| x.joined.is_some()).count())
        .sum()
}

/// The report of a run from its scored forecasts.
fn assemble(
    s: &Setup,
    forecasts: &[super::Forecasts],
    opts: &Options,
    training: Option<report::TrainingInfo>,
    t0: Instant,
) -> Report {
    let predictors = report::score(forecasts, &forecasts[0]);
    Report {
        data: opts.data.clone(),
        disputes_read: s.selection.disputes_read,
        malformed_rows: s.malformed,
        cases: s.cases.len(),
        dropped: s.selection.dropped.clone(),
        candidates: s.cases.iter().map(|c| c.candidates.len()).sum(),
        joiners: joiners(&s.cases),
        unscorable_joiners: s.cases.iter().map(|c| c.unscorable_joiners.len()).sum(),
        worlds: s.worlds,
        folds: if training.is_some() { 0 } else { opts.folds },
        training,
        seed: opts.seed,
        trials: opts.trials,
        severity: opts.severity.describe().to_string(),
        seconds: t0.elapsed().as_secs_f64(),
        predictors,
    }
}
