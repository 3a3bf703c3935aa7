//! `casus import`: published data sets in, a graph directory out, with an
//! import report. The only place that knows where the files are.

use super::output::{Failure, Format, Out, EXIT_FAIL, EXIT_USAGE};
use super::progress::Progress;
use super::{io_ok, CliResult, Ctx};
use casus::import::report::Report;
use casus::import::{damage, names, CowShape, DataSet, Inputs, Options, When};
use casus::model::Date;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus import --data ../shared/data --year 2018 -o world-2018\n  casus import --data ../shared/data --as-of 1914-07-28 --sets states,atop -o world-1914\n  casus import --data ../shared/data --year 2018 --states ARM,AZE,TUR,RUS -o caucasus-2018\n\nThe data directory holds one folder per data set, as ../shared/data does:\n  cow-state-system-2016/states2016.csv           (always read: it names states)\n  cow-country-codes/COW country codes.csv        (optional cross-check)\n  cow-alliances-v4.1/alliance_v4.1_by_member.csv (or _by_dyad.csv with --cow-file dyad)\n  atop-5.1/atop5_1m.csv\n  sipri-arms-transfers/trade-register.csv\n  ucdp-esd-18.1/ucdp-esd-ay-181.xlsx\n  cow-contiguity-3.2/contdir.csv                 (contiguity: borders with their type)\n  cow-major-powers-2016/majors.csv               (majors: major-power status)\n  cow-nmc-6.0/nmc.csv                            (nmc: CINC for the period's year, 2016 at most)\n  cow-capitals/capitals.csv                      (capitals: coordinates, for distances)\n  thompson-dreyer-rivalries/td_rivalries.csv     (rivalries: rival with its types)\n\nExample with the covariates only:\n  casus import --data ../shared/data --sets states,contiguity,majors,nmc,capitals,rivalries --year 1914 -o covariates-1914"
)]
pub struct Args {
    /// The data directory (one folder per data set, see below).
    #[arg(long, env = "CASUS_DATA", value_name = "DIR")]
    data: PathBuf,
    /// Data sets to import, comma separated: states, cow, atop, sipri, esd,
    /// contiguity, majors, nmc, capitals, rivalries.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "states,cow,atop,sipri,esd,contiguity,majors,nmc,capitals,rivalries"
    )]
    sets: Vec<String>,
    /// Only facts in force at some time during this year.
    #[arg(long, conflicts_with = "as_of")]
    year: Option<i32>,
    /// Only facts in force on this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Years of arms deals and external support that count as current,
    /// ending with the period's year.
    #[arg(long, default_value_t = 5, value_name = "YEARS")]
    window: u32,
    /// Only facts touching these states (COW code, ISO3 or COW
    /// abbreviation, or name), comma separated; alliances keep all their
    /// members.
    #[arg(long, value_delimiter = ',', value_name = "STATES")]
    states: Vec<String>,
    /// Only facts touching states of these COW regions: americas, europe,
    /// africa, middle-east, asia, oceania (comma separated).
    #[arg(long, value_delimiter = ',', value_name = "REGIONS")]
    region: Vec<String>,
    /// Which COW alliance file: member (alliances with members, like ATOP)
    /// or dyad (one pact per pair of members).
    #[arg(long, value_enum, default_value_t = CowFile::Member)]
    cow_file: CowFile,
    /// Write the graph directory here (and import-report.txt/json in it).
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace an earlier output of casus in the output directory (one
    /// holding its .casus-written marker and nothing else); a directory
    /// casus did not write is never replaced.
    #[arg(long)]
    force: bool,
    /// Output format of the summary (json: the whole report).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum CowFile {
    Member,
    Dyad,
}

fn usage(msg: impl Into<String>) -> Failure {
    Failure::new(EXIT_USAGE, format!("error: {}", msg.into()))
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    casus::load::read::read_bounded(path, casus::load::read::max_file_bytes()).map_err(|e| {
        Failure::new(
            EXIT_FAIL,
            format!(
                "error: {e}\n  hint: --data names the directory that holds the data-set folders (see casus import --help)"
            ),
        )
    })
}

fn text(path: &Path) -> Result<String, Failure> {
    let bytes = read(path)?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            EXIT_FAIL,
            format!("error: {} is not UTF-8 text", path.display()),
        )
    })
}

/// Resolves `--states` and `--region` to COW codes with the state list.
fn selection(
    args: &Args,
    spells: &[casus::import::states::StateSpell],
) -> Result<Option<BTreeSet<u16>>, Failure> {
    if args.states.is_empty() && args.region.is_empty() {
        return Ok(None);
    }
    let mut out = BTreeSet::new();
    for tok in args
        .states
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        let found: Option<u16> = tok
            .parse::<u16>()
            .ok()
            .filter(|c| spells.iter().any(|s| s.ccode == *c))
            .or_else(|| {
                spells
                    .iter()
                    .find(|s| names::iso3(s.ccode).is_some_and(|i| i.eq_ignore_ascii_case(tok)))
                    .map(|s| s.ccode)
            })
            .or_else(|| {
                spells
                    .iter()
                    .find(|s| s.abb.eq_ignore_ascii_case(tok))
                    .map(|s| s.ccode)
            })
            .or_else(|| {
                spells
                    .iter()
                    .find(|s| s.name.eq_ignore_ascii_case(tok))
                    .map(|s| s.ccode)
            });
        match found {
            Some(c) => {
                out.insert(c);
            }
            None => {
                let hint = casus::load::did_you_mean(tok, spells.iter().map(|s| s.name.as_str()))
                    .map(|s| format!("did you mean {s}?"))
                    .unwrap_or_else(|| {
                        "give a COW code (373), an ISO3 code (AZE), a COW abbreviation or a name"
                            .into()
                    });
                return Err(usage(format!(
                    "--states: no state `{tok}` in the COW state list\n  hint: {hint}"
                )));
            }
        }
    }
    for r in args.region.iter().map(|s| s.trim().to_ascii_lowercase()) {
        if !names::REGIONS.contains(&r.as_str()) {
            return Err(usage(format!(
                "--region: unknown region `{r}`\n  hint: use {}",
                names::REGIONS.join(", ")
            )));
        }
        out.extend(
            spells
                .iter()
                .filter(|s| names::region(s.ccode) == r)
                .map(|s| s.ccode),
        );
    }
    Ok(Some(out))
}

/// The last year each data set covers (its title; the data sets' SOURCE.txt):
/// a later period is extrapolated from what was in force when it ends.
/// SIPRI's register runs to its export date, the capitals have no period:
/// neither is listed.
const LAST_YEAR: [(DataSet, &str, i32); 8] = [
    (
        DataSet::States,
        "states",
        casus::import::states::STATES_LAST_DAY.year,
    ),
    (DataSet::Cow, "cow", 2012),
    (DataSet::Atop, "atop", 2018),
    (DataSet::Esd, "esd", 2017),
    (
        DataSet::Contiguity,
        "contiguity",
        casus::import::contiguity::CONTIGUITY_LAST_MONTH.0,
    ),
    (DataSet::Majors, "majors", 2016),
    (DataSet::Nmc, "nmc", casus::import::nmc::NMC_LAST_YEAR),
    (
        DataSet::Rivalries,
        "rivalries",
        casus::import::rivalries::RIVALRIES_LAST_YEAR,
    ),
];

/// Warns on stderr when the period ends after a data set does.
fn warn_past_data(when: &When, sets: &[DataSet]) {
    let (year, what) = match when {
        When::Year(y) => (*y, format!("--year {y}")),
        When::AsOf(d) => (d.year, format!("--as-of {d}")),
        When::All => return,
    };
    let past: Vec<String> = LAST_YEAR
        .iter()
        .filter(|(d, _, last)| sets.contains(d) && year > *last)
        .map(|(_, name, last)| format!("{name} ({last})"))
        .collect();
    if !past.is_empty() {
        eprintln!(
            "warning: {what} is after the end of {}: what was in force when a data set ends is carried to {year}, not observed\n  hint: the notes of import-report.txt say what was extrapolated; a year the data cover is safer",
            past.join(", ")
        );
    }
}

/// Refuses, before any work, an output directory that casus did not write
/// (or, without --force, an earlier import).
fn check_out(dir: &Path, force: bool) -> Result<(), Failure> {
    casus::atomic::check_output_dir(dir, force)
        .map_err(|e| usage(format!("{e}\n  hint: {}", e.hint())))
}

/// The error for an import that lost too many rows: each set's loss and
/// its first refused rows at file:line.
fn loss_message(report: &Report, lost: &[damage::Loss], out: Option<&Path>) -> String {
    let mut msg = String::from("error: the data sets are damaged: too many rows were lost\n");
    for l in lost {
        msg.push_str(&format!("  {}\n", l.describe()));
        let Some(set) = report.set(&l.set) else {
            continue;
        };
        for i in set
            .issues
            .iter()
            .filter(|i| i.row.starts_with("line "))
            .take(5)
        {
            let line = i.row.trim_start_matches("line ");
            msg.push_str(&format!("    {}:{line}: {}\n", set.file, i.reason));
        }
    }
    if let Some(dir) = out {
        msg.push_str(&format!("  nothing was written to {}\n", dir.display()));
    }
    msg.push_str("  hint: repair the files (or fetch them again; SOURCE.txt gives the checksum); --format json lists every refused row");
    msg
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let bar = Progress::logged(ctx.quiet, "importing");
    let progress = |msg: &str| bar.step(msg);
    let mut sets = Vec::new();
    for s in &args.sets {
        match DataSet::parse(s) {
            Some(d) if !sets.contains(&d) => sets.push(d),
            Some(_) => {}
            None => {
                return Err(usage(format!(
                    "--sets: unknown data set `{s}`\n  hint: use states, cow, atop, sipri, esd, contiguity, majors, nmc, capitals, rivalries"
                )))
            }
        }
    }
    sets.sort();
    let when = match (&args.year, &args.as_of) {
        (Some(y), _) => When::Year(*y),
        (None, Some(d)) => When::AsOf(
            d.parse::<Date>()
                .map_err(|e| usage(format!("--as-of: {e}")))?,
        ),
        (None, None) => When::All,
    };
    if let Some(dir) = &args.out {
        check_out(dir, args.force)?;
    }
    let data = &args.data;
    if !data.is_dir() {
        return Err(Failure::new(
            EXIT_FAIL,
            format!(
                "error: {} is not a directory\n  hint: --data (or CASUS_DATA) names the directory of data-set folders, e.g. ../shared/data",
                data.display()
            ),
        ));
    }
    let p = |rel: &str| data.join(rel);
    let states_path = p("cow-state-system-2016/states2016.csv");
    progress(&format!("reading {}", data.display()));
    let states = text(&states_path)?;
    let codes_path = p("cow-country-codes/COW country codes.csv");
    let codes = if codes_path.exists() {
        Some(text(&codes_path)?)
    } else {
        None
    };
    let cow_member_path = p("cow-alliances-v4.1/alliance_v4.1_by_member.csv");
    let cow_dyad_path = p("cow-alliances-v4.1/alliance_v4.1_by_dyad.csv");
    let atop_path = p("atop-5.1/atop5_1m.csv");
    let sipri_path = p("sipri-arms-transfers/trade-register.csv");
    let esd_path = p("ucdp-esd-18.1/ucdp-esd-ay-181.xlsx");
    let has = |d: DataSet| sets.contains(&d);
    let cow_member = if has(DataSet::Cow) && args.cow_file == CowFile::Member {
        Some(text(&cow_member_path)?)
    } else {
        None
    };
    let cow_dyad = if has(DataSet::Cow) && args.cow_file == CowFile::Dyad {
        Some(text(&cow_dyad_path)?)
    } else {
        None
    };
    let atop = if has(DataSet::Atop) {
        Some(text(&atop_path)?)
    } else {
        None
    };
    let sipri = if has(DataSet::Sipri) {
        Some(read(&sipri_path)?)
    } else {
        None
    };
    let esd = if has(DataSet::Esd) {
        Some(read(&esd_path)?)
    } else {
        None
    };
    let covariate = |d: DataSet| -> Result<Option<String>, Failure> {
        has(d).then(|| text(&p(d.file()))).transpose()
    };
    let contiguity = covariate(DataSet::Contiguity)?;
    let majors = covariate(DataSet::Majors)?;
    let nmc = covariate(DataSet::Nmc)?;
    let capitals = covariate(DataSet::Capitals)?;
    let rivalries = covariate(DataSet::Rivalries)?;
    let spells = casus::import::states::parse_states(&states)
        .map_err(|e| Failure::new(EXIT_FAIL, format!("error: {}: {e}", states_path.display())))?;
    let selected = selection(&args, &spells.rows)?;
    let opts = Options {
        when,
        window: args.window,
        window_lag: 0,
        states: selected,
        cow_shape: match args.cow_file {
            CowFile::Member => CowShape::Member,
            CowFile::Dyad => CowShape::Dyad,
        },
    };
    let inputs = Inputs {
        states: Some(&states),
        country_codes: codes.as_deref(),
        cow_member: cow_member.as_deref(),
        cow_dyad: cow_dyad.as_deref(),
        atop: atop.as_deref(),
        sipri: sipri.as_deref(),
        esd: esd.as_deref(),
        contiguity: contiguity.as_deref(),
        majors: majors.as_deref(),
        nmc: nmc.as_deref(),
        capitals: capitals.as_deref(),
        rivalries: rivalries.as_deref(),
    };
    let mut imported = casus::import::import(&inputs, &sets, opts, |m| progress(m))
        .map_err(|e| Failure::new(EXIT_FAIL, format!("error: {e}")))?;
    let file_of = |d: &str| -> PathBuf {
        match d {
            "states" => states_path.clone(),
            "cow" if args.cow_file == CowFile::Dyad => cow_dyad_path.clone(),
            "cow" => cow_member_path.clone(),
            "atop" => atop_path.clone(),
            "sipri" => sipri_path.clone(),
            "esd" => esd_path.clone(),
            other => DataSet::parse(other).map_or_else(|| p(other), |d| p(d.file())),
        }
    };
    for s in &mut imported.report.sets {
        s.file = file_of(&s.set).display().to_string();
    }
    let cmdline: Vec<String> = std::env::args().skip(1).collect();
    imported.report.options = format!("casus {} ({})", cmdline.join(" "), imported.report.options);
    let report = &imported.report;
    let incomplete: Vec<&str> = report
        .sets
        .iter()
        .filter(|s| !s.is_complete())
        .map(|s| s.set.as_str())
        .collect();

    let stated = |set: &str| -> Option<usize> {
        let file = file_of(set);
        let source = std::fs::read_to_string(file.parent()?.join("SOURCE.txt")).ok()?;
        damage::expected_rows(&source, &file.file_name()?.to_string_lossy())
    };
    let lost = damage::losses(report, stated);
    if !lost.is_empty() {
        if args.format == Format::Json {
            let mut out = Out::new(false);
            io_ok(out.json(report).and_then(|_| out.flush()))?;
        }
        return Err(Failure::new(
            EXIT_FAIL,
            loss_message(report, &lost, args.out.as_deref()),
        ));
    }

    let mut written = None;
    if let Some(dir) = &args.out {
        progress(&format!("writing {}", dir.display()));
        let header = format!(
            "Imported by casus import ({}).\nEvery fact cites its data set and row; see import-report.txt.",
            report.options
        );
        let mut files = casus::import::write::graph_files(&imported.graph, &header);
        files.push(("import-report.txt".into(), report.text()));
        let json = serde_json::to_string_pretty(report)
            .map_err(|e| Failure::new(EXIT_FAIL, e.to_string()))?;
        files.push(("import-report.json".into(), json));
        let color = ctx.color.enabled_stderr();
        casus::atomic::write_output_dir(dir, &files, |staged| {
            progress("checking the written graph (casus validate)");
            let files = casus::load::GraphFiles::from_dir(staged)?;
            match casus::load::load(&files) {
                Ok(l) => {
                    written = Some((files.toml.len(), l.warnings.len()));
                    Ok(())
                }
                Err(e) => Err(Failure::new(
                    EXIT_FAIL,
                    format!(
                        "{}error: the graph to write does not load: {e} (a bug in casus import); {} was left as it was",
                        e.render(color),
                        dir.display()
                    ),
                )),
            }
        })?;
    }
    progress("done");
    bar.finish();
    warn_past_data(&when, &sets);
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        io_ok(out.json(report).and_then(|_| out.flush()))?;
    } else {
        let mut summary = report.summary();
        if args.out.is_none() {
            // Nothing is written without -o: say what would be.
            summary = summary.replace("\nwritten:", "\nwould write:");
            eprintln!("note: nothing written (a dry run)\n  hint: add -o DIR to write the graph and its import report");
        }
        io_ok(out.line(summary.trim_end()).and_then(|_| {
            if let (Some(dir), Some((n, warnings))) = (&args.out, written) {
                out.line(format!(
                    "wrote {} ({n} graph files, import-report.txt, import-report.json); it loads{}",
                    dir.display(),
                    if warnings == 0 {
                        " with no problems".to_string()
                    } else {
                        format!(", with {warnings} warnings")
                    }
                ))?;
                out.line(format!("next: casus validate --graph {}", dir.display()))?;
            }
            out.flush()
        }))?;
    }
    if !incomplete.is_empty() {
        return Err(Failure::new(
            EXIT_FAIL,
            format!(
                "error: the report does not account for every row of {} (a bug in casus import)",
                incomplete.join(", ")
            ),
        ));
    }
    Ok(())
}
