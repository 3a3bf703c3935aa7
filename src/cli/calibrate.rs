//! `casus calibrate`: fits the joining model to the MID disputes and
//! prints or writes the model file's `[joining]` section.

use super::backtest::{data_texts, Bar, MidFiles};
use super::output::{Failure, EXIT_FAIL};
use super::{io_ok, CliResult, Ctx};
use casus::backtest::cases::SeverityRule;
use casus::backtest::run::{self, Progress};
use casus::escalate::Model;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus calibrate --disputes ../shared/data/cow-mid-5.0-train --data ../shared/data\n  casus calibrate --disputes ../shared/data/cow-mid-5.0-train --data ../shared/data -o graph/model.toml\n\nThe fit: one row per candidate state of every dispute kept (use of force,\none originator per side), its terms computed by the engine on the world of\nthe start year; penalised maximum likelihood with a normal prior (sd 2.5\nper term, 10 on the intercept); 95% Laplace intervals. Terms that are 0 in\nevery dispute keep the file's judgment, marked heuristic. The side model\n(P(on the attacker's side | joined)) is fitted the same way on the joiners.\nOnly the [joining] and [side_model] sections change; every other line and\ncomment is kept."
)]
pub struct Args {
    /// The directory of the MID files (MIDA*.csv and MIDB*.csv).
    #[arg(long, value_name = "DIR")]
    disputes: PathBuf,
    /// The data directory (one folder per data set, as for `casus import`).
    #[arg(long, env = "CASUS_DATA", value_name = "DIR")]
    data: PathBuf,
    /// Write the model file here (updated in place if it exists, else the
    /// shipped model with the new section); without it, print the section.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: Option<PathBuf>,
    /// The date of the fit, for its provenance [default: today, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Only the first N kept disputes (by dispute number).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

/// Today's date (UTC) from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Days to civil date (H. Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn fail(e: impl std::fmt::Display) -> Failure {
    Failure::new(EXIT_FAIL, format!("error: {e}"))
}

pub fn run(_ctx: &Ctx, args: Args) -> CliResult {
    let mid = MidFiles::read(&args.disputes)?;
    let data = data_texts(&args.data)?;
    let opts = run::Options {
        folds: 1,
        seed: 0,
        trials: 1,
        limit: args.limit,
        severity: SeverityRule::Originators,
        data: args.disputes.display().to_string(),
    };
    let bar = Bar::new();
    let setup = run::setup(&mid.texts(), &data, &opts, &bar).map_err(fail)?;
    let cases: Vec<_> = setup.cases.iter().collect();
    let first = cases
        .first()
        .ok_or_else(|| fail("no dispute was kept: nothing to fit"))?;
    let base_text = match &args.out {
        Some(p) if p.exists() => std::fs::read_to_string(p)?,
        _ => casus::load::embedded_file(casus::escalate::model::EMBEDDED_MODEL)
            .unwrap_or("")
            .to_string(),
    };
    let src = casus::load::SourceText::new("model.toml", base_text.clone());
    let (model, _) = Model::parse(&src, &first.world.graph).map_err(|e| fail(e.render(false)))?;
    bar.phase("computing terms", 1);
    let design = casus::calibrate::design(&cases, &model).map_err(fail)?;
    bar.0.finish_and_clear();
    let name = args
        .disputes
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let data_name = format!(
        "MID 5.0 disputes in {name} (use of force, one originator per side; severity: {}); worlds per start year from COW state system 2016, ATOP 5.1, COW alliances 4.1, COW contiguity 3.2, COW major powers 2016, NMC 6.0, capitals, Thompson-Dreyer rivalries, SIPRI arms transfers (deals of the five years before the start year)",
        SeverityRule::Originators.describe()
    );
    let date = args.date.clone().unwrap_or_else(today);
    let info = casus::calibrate::fit_info(&design, &data_name, &date);
    let joining = casus::calibrate::fit(&design, &model.joining, Some(info)).map_err(fail)?;
    let side_info = casus::calibrate::side_fit_info(&design, &data_name, &date);
    let sides = casus::calibrate::fit_sides(&design, model.side_model.as_ref(), Some(side_info))
        .map_err(fail)?;
    let text = casus::calibrate::write_joining(&base_text, &joining).map_err(fail)?;
    let text = casus::calibrate::write_side_model(&text, &sides).map_err(fail)?;
    // The written file must load as a model.
    let check = casus::load::SourceText::new("model.toml", text.clone());
    Model::parse(&check, &first.world.graph).map_err(|e| {
        fail(format!(
            "the fitted model does not load:\n{}",
            e.render(false)
        ))
    })?;
    eprintln!(
        "fitted on {} disputes, {} candidates, {} joiners ({} candidates without any term left out)",
        design.disputes,
        design.rows.len(),
        design.joined.iter().filter(|&&y| y).count(),
        design.without_terms
    );
    match &args.out {
        Some(p) => {
            casus::atomic::write_file(p, text.as_bytes())?;
            eprintln!("wrote {}", p.display());
            Ok(())
        }
        None => {
            let section = |name: &str| -> &str {
                let at = text.find(&format!("\n[{name}]")).map_or(0, |i| i + 1);
                let end = text[at..]
                    .find("\n# ----")
                    .map(|e| at + e + 1)
                    .unwrap_or(text.len());
                &text[at..end]
            };
            let out = format!("{}\n{}", section("joining"), section("side_model"));
            io_ok(std::io::stdout().lock().write_all(out.as_bytes()))
        }
    }
}
