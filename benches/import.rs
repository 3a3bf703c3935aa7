//! Import and load timings on the published data sets (../shared/data or
//! $CASUS_SHARED_DATA): `cargo bench --bench import`. Prints the median of
//! a few runs of each step; no assertions (timings are not tests).

use casus::import::{self, DataSet, Inputs, Options, When};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CASUS_SHARED_DATA") {
        return PathBuf::from(d);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared/data"))
        .find(|d| d.join("atop-5.1/atop5_1m.csv").is_file())
        .unwrap_or_else(|| {
            eprintln!("benches/import: no ../shared/data (set CASUS_SHARED_DATA)");
            std::process::exit(1)
        })
}

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    t[runs / 2]
}

fn main() {
    let d = data_dir();
    let t = |p: &str| std::fs::read_to_string(d.join(p)).expect("data file");
    let b = |p: &str| std::fs::read(d.join(p)).expect("data file");
    let states = t("cow-state-system-2016/states2016.csv");
    let codes = t("cow-country-codes/COW country codes.csv");
    let cow = t("cow-alliances-v4.1/alliance_v4.1_by_member.csv");
    let atop = t("atop-5.1/atop5_1m.csv");
    let sipri = b("sipri-arms-transfers/trade-register.csv");
    let esd = b("ucdp-esd-18.1/ucdp-esd-ay-181.xlsx");
    let cov: Vec<String> = [
        DataSet::Contiguity,
        DataSet::Majors,
        DataSet::Nmc,
        DataSet::Capitals,
        DataSet::Rivalries,
    ]
    .map(|s| t(s.file()))
    .to_vec();
    let inputs = Inputs {
        states: Some(&states),
        country_codes: Some(&codes),
        cow_member: Some(&cow),
        cow_dyad: None,
        atop: Some(&atop),
        sipri: Some(&sipri),
        esd: Some(&esd),
        contiguity: Some(&cov[0]),
        majors: Some(&cov[1]),
        nmc: Some(&cov[2]),
        capitals: Some(&cov[3]),
        rivalries: Some(&cov[4]),
    };
    let runs = 5;
    println!("median of {runs} runs");
    for (label, sets) in [
        ("parse ATOP 5.1", vec![DataSet::Atop]),
        ("parse SIPRI register", vec![DataSet::Sipri]),
        ("parse ESD xlsx", vec![DataSet::Esd]),
    ] {
        let dt = median(
            || match sets[0] {
                DataSet::Atop => drop(import::atop::parse(&atop).unwrap()),
                DataSet::Sipri => drop(import::sipri::parse(&sipri).unwrap()),
                _ => drop(import::esd::parse(&import::esd::read_xlsx(&esd).unwrap()).unwrap()),
            },
            runs,
        );
        println!("{label:<40} {:>8.1} ms", dt.as_secs_f64() * 1e3);
    }
    parsed_once(&inputs, runs);
    for (label, when) in [
        ("import all ten sets, --year 2018", When::Year(2018)),
        ("import all ten sets, all years", When::All),
    ] {
        let opts = Options {
            when,
            ..Options::default()
        };
        let mut out = None;
        let dt = median(
            || out = Some(import::import(&inputs, &DataSet::ALL, opts.clone(), |_| {}).unwrap()),
            runs,
        );
        let imp = out.unwrap();
        println!(
            "{label:<40} {:>8.1} ms  ({} actors, {} relations)",
            dt.as_secs_f64() * 1e3,
            imp.graph.actors.len(),
            imp.graph.relations.len()
        );
        let files = import::write::graph_files(&imp.graph, "bench");
        let dt = median(
            || drop(import::write::graph_files(&imp.graph, "bench")),
            runs,
        );
        println!("{:<40} {:>8.1} ms", "  write TOML", dt.as_secs_f64() * 1e3);
        let gf = casus::load::GraphFiles::from_texts(files);
        let dt = median(|| drop(casus::load::load(&gf).unwrap()), runs);
        println!(
            "{:<40} {:>8.1} ms",
            "  load and check it (validate)",
            dt.as_secs_f64() * 1e3
        );
    }
}

/// Parse once, import many: what a backtest does (one world per dispute
/// year). Parsing every set, then one year from the parsed sources, and
/// 1816-1999 one year after another.
fn parsed_once(inputs: &Inputs<'_>, runs: usize) {
    let mut sources = None;
    let dt = median(
        || sources = Some(import::Sources::parse(inputs, &DataSet::ALL, |_| {}).unwrap()),
        runs,
    );
    println!(
        "{:<40} {:>8.1} ms",
        "parse all ten sets once (Sources)",
        dt.as_secs_f64() * 1e3
    );
    let sources = sources.unwrap();
    let year = |y: i32| Options {
        when: When::Year(y),
        ..Options::default()
    };
    for y in [1914, 1990] {
        let dt = median(
            || drop(import::import_parsed(&sources, &DataSet::ALL, year(y), |_| {}).unwrap()),
            runs,
        );
        let label = format!("  import_parsed all ten sets, {y}");
        println!("{label:<40} {:>8.1} ms", dt.as_secs_f64() * 1e3);
    }
    for set in DataSet::ALL {
        let sets = [DataSet::States, set];
        let dt = median(
            || drop(import::import_parsed(&sources, &sets, year(1990), |_| {}).unwrap()),
            runs,
        );
        let label = format!("    states + {set}, 1990");
        println!("{label:<40} {:>8.1} ms", dt.as_secs_f64() * 1e3);
    }
    let s = Instant::now();
    for y in 1816..=1999 {
        drop(import::import_parsed(&sources, &DataSet::ALL, year(y), |_| {}).unwrap());
    }
    let label = "  import_parsed 1816-1999 (184 worlds)";
    println!("{label:<40} {:>8.1} ms", s.elapsed().as_secs_f64() * 1e3);
}
