//! `casus backtest`: the escalation engine and its baselines scored
//! against who joined the Militarized Interstate Disputes. Reads the
//! files, shows progress, prints and writes the report.

use super::output::{Failure, Format, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::backtest::cases::SeverityRule;
use casus::backtest::run::{self, MidTexts, Progress};
use casus::backtest::{report, worlds};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus backtest --disputes ../shared/data/cow-mid-5.0-train --data ../shared/data\n  casus backtest --disputes ../shared/data/cow-mid-5.0-train --data ../shared/data --limit 40 --folds 2 --trials 200\n  casus backtest --disputes ../shared/data/cow-mid-5.0-train --data ../shared/data --markdown backtest.md --diagram reliability.svg --format json > backtest.json\n  casus backtest --disputes ../shared/data/cow-mid-5.0-train --data ../shared/data --candidates-out candidates.csv\n  casus backtest --disputes held-out-mid --train ../shared/data/cow-mid-5.0-train --data ../shared/data\n\nThe disputes directory holds MID's dispute file (MIDA*.csv) and participant\nfile (MIDB*.csv). Disputes kept: use of force (MIDA hostlev >= 4) with one\noriginator per side; side A's originator strikes side B's on its territory,\nin a world imported for the start year (state system, ATOP, COW alliances,\ncontiguity, major powers, NMC, capitals, rivalries, and SIPRI's\narms deliveries of the five years before the start year);\nevery other state in the system on the start date is a candidate, scored\nagainst whether it joined (MIDB orig = 0) and on which side.\n\nWith --train, the evaluation is held out rather than cross-validated:\nevery predictor (the engine's models by calibrate's code, the baselines)\nis fitted once on the training disputes and scores the disputes of\n--disputes that are not among them (for disputes the shipped model was\nnot fitted to, --train names the training subset it was fitted on)."
)]
pub struct Args {
    /// The directory of the MID files (MIDA*.csv and MIDB*.csv).
    #[arg(long, value_name = "DIR")]
    disputes: PathBuf,
    /// The data directory (one folder per data set, as for `casus import`).
    #[arg(long, env = "CASUS_DATA", value_name = "DIR")]
    data: PathBuf,
    /// Folds of the cross-validation, grouped by dispute.
    #[arg(long, default_value_t = 5, value_name = "K")]
    folds: usize,
    /// Fit every predictor once on the MID files of this directory and
    /// score the disputes of --disputes not among them (a held-out
    /// evaluation, instead of cross-validation).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["folds", "candidates_out"])]
    train: Option<PathBuf>,
    /// Monte Carlo trials of each engine run.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    trials: u32,
    /// Seed of the folds and the engine's draws.
    #[arg(long, default_value_t = 2020, value_name = "S")]
    seed: u64,
    /// Only the first N kept disputes (by dispute number; with --train, the
    /// first N held out): a quick run.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// How the strike's severity is read: originators (their own MIDB
    /// hostlev), dispute (MIDA hostlev, raised by joiners too) or unknown
    /// (every strike an incident).
    #[arg(long, value_enum, default_value_t = Severity::Originators)]
    severity: Severity,
    /// Output format: text (the Markdown summary) or json (the whole report).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also write the Markdown summary to this file.
    #[arg(long, value_name = "FILE")]
    markdown: Option<PathBuf>,
    /// Also write the reliability diagram (SVG) to this file.
    #[arg(long, value_name = "FILE.svg")]
    diagram: Option<PathBuf>,
    /// Write the candidate design matrix (one CSV row per candidate: dispute,
    /// fold, outcome, side, the baselines' covariates, the engine's terms)
    /// to this file and stop, without forecasting: for exploring covariates
    /// on the same folds outside casus.
    #[arg(long, value_name = "FILE.csv")]
    candidates_out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Severity {
    Originators,
    Dispute,
    Unknown,
}

fn read(p: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(p)?;
    String::from_utf8(bytes).map_err(|e| {
        Failure::new(
            EXIT_FAIL,
            format!("error: {} is not UTF-8 text: {e}", p.display()),
        )
    })
}

fn read_bytes(p: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(p).map_err(|e| {
        Failure::new(
            EXIT_FAIL,
            format!("error: cannot read {}: {e}\n  hint: --data names the directory of data-set folders (e.g. ../shared/data), --disputes the MID folder", p.display()),
        )
    })
}

/// The MID file of a directory whose name starts with `prefix`.
pub fn mid_file(dir: &Path, prefix: &str) -> Result<PathBuf, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Failure::new(
            EXIT_FAIL,
            format!("error: cannot read {}: {e}", dir.display()),
        )
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".csv"))
        })
        .collect();
    found.sort();
    found.into_iter().next().ok_or_else(|| {
        Failure::new(
            EXIT_FAIL,
            format!("error: no {prefix}*.csv in {}\n  hint: --disputes names the folder of MID's MIDA and MIDB files, e.g. ../shared/data/cow-mid-5.0-train", dir.display()),
        )
    })
}

/// The texts of the data files of a world.
pub fn data_texts(data: &Path) -> Result<worlds::DataTexts, Failure> {
    let mut texts = worlds::DataTexts::default();
    for set in worlds::SETS {
        texts.insert_bytes(*set, &read_bytes(&data.join(set.file()))?);
    }
    Ok(texts)
}

/// A progress bar on stderr, drawn only on a terminal.
pub struct Bar(pub ProgressBar);

impl Bar {
    pub fn new() -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        bar.set_style(
            ProgressStyle::with_template("{msg:20} {bar:40} {pos}/{len} [{elapsed}, eta {eta}]")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn phase(&self, name: &str, total: usize) {
        self.0.set_message(name.to_string());
        self.0.set_position(0);
        self.0.set_length(total as u64);
    }
    fn tick(&self) {
        self.0.inc(1);
    }
}

/// The MID files of a directory, read.
pub struct MidFiles {
    mida: String,
    mida_name: String,
    midb: String,
    midb_name: String,
}

impl MidFiles {
    /// Reads the MID files of `dir` (MIDA*.csv and MIDB*.csv).
    pub fn read(dir: &Path) -> Result<MidFiles, Failure> {
        let (a, b) = (mid_file(dir, "MIDA")?, mid_file(dir, "MIDB")?);
        Ok(MidFiles {
            mida: read(&a)?,
            mida_name: a.display().to_string(),
            midb: read(&b)?,
            midb_name: b.display().to_string(),
        })
    }
    pub fn texts(&self) -> MidTexts<'_> {
        MidTexts {
            mida: &self.mida,
            mida_name: &self.mida_name,
            midb: &self.midb,
            midb_name: &self.midb_name,
        }
    }
}

pub fn run(_ctx: &Ctx, args: Args) -> CliResult {
    if args.folds < 2 {
        return Err(Failure::new(
            EXIT_USAGE,
            "error: --folds must be at least 2 (forecasts are scored out of fold)",
        ));
    }
    let mid = MidFiles::read(&args.disputes)?;
    let data = data_texts(&args.data)?;
    let opts = run::Options {
        folds: args.folds,
        seed: args.seed,
        trials: args.trials,
        limit: args.limit,
        severity: match args.severity {
            Severity::Originators => SeverityRule::Originators,
            Severity::Dispute => SeverityRule::Dispute,
            Severity::Unknown => SeverityRule::Unknown,
        },
        data: args.disputes.display().to_string(),
    };
    let bar = Bar::new();
    if let Some(p) = &args.candidates_out {
        let fail = |e: String| Failure::new(EXIT_FAIL, format!("error: {e}"));
        let s = run::setup(&mid.texts(), &data, &opts, &bar).map_err(fail)?;
        let first = s
            .cases
            .first()
            .ok_or_else(|| fail("no dispute was kept".into()))?;
        let model = casus::escalate::Model::embedded(&first.world.graph)
            .map_err(|e| fail(e.to_string()))?;
        bar.0.finish_and_clear();
        let csv = casus::backtest::export::candidates_csv(&s.cases, &model);
        return Ok(casus::atomic::write_file(p, csv.as_bytes())?);
    }
    let rep = match &args.train {
        None => run::run(
            &mid.texts(),
            &data,
            &opts,
            casus::calibrate::engine_fit(),
            &bar,
        ),
        Some(dir) => {
            let train = MidFiles::read(dir)?;
            let training = run::Training {
                texts: train.texts(),
                data: dir.display().to_string(),
            };
            run::run_holdout(
                &mid.texts(),
                &training,
                &data,
                &opts,
                casus::calibrate::engine_fit(),
                &bar,
            )
        }
    }
    .map_err(|e| Failure::new(EXIT_FAIL, format!("error: {e}")))?;
    bar.0.finish_and_clear();
    if let Some(p) = &args.markdown {
        casus::atomic::write_file(p, report::markdown(&rep).as_bytes())?;
    }
    if let Some(p) = &args.diagram {
        casus::atomic::write_file(p, report::svg(&rep.predictors).as_bytes())?;
    }
    let mut out = std::io::stdout().lock();
    let text = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&rep)
                .map_err(|e| Failure::new(EXIT_FAIL, e.to_string()))?
                + "\n"
        }
        Format::Text => report::markdown(&rep),
    };
    io_ok(out.write_all(text.as_bytes()))
}
