//! The covariate importers (COW contiguity, major powers, NMC, capitals,
//! Thompson-Dreyer rivalries) on the project's fixtures: what each
//! period gets, the report's accounting, parse-once import-many, and the
//! command line.

use crate::import::{import_fixtures, text};
use crate::relations_between as rel;
use crate::{casus, fixture};
use casus::import::{self, write::graph_files, DataSet, Inputs, Options, Sources, When};
use casus::load::{load, GraphFiles};
use casus::model::*;
use predicates::str::contains;

fn period(when: When) -> Options {
    Options {
        when,
        ..Options::default()
    }
}

fn id(g: &Graph, s: &str) -> ActorId {
    g.actor_by_id(s).unwrap_or_else(|| panic!("no actor {s}"))
}

fn outcomes(imp: &import::Imported, set: &str) -> Vec<(String, usize)> {
    let s = imp.report.set(set).unwrap();
    s.outcomes.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

#[test]
fn the_1914_world_gets_borders_powers_capitals_and_rivalries() {
    let imp = import_fixtures(period(When::Year(1914)));
    let g = &imp.graph;
    let (fr, de, ru) = (id(g, "france"), id(g, "germany"), id(g, "russia"));
    // One border per undirected pair and spell, citing both lines.
    let b = rel(g, "borders", "france", "germany");
    assert_eq!(b.len(), 1, "the 1990 spell is outside 1914");
    assert_eq!(b[0].contiguity, Some(1));
    assert_eq!(b[0].valid_from.unwrap().to_string(), "1816-01");
    assert_eq!(b[0].valid_until.unwrap().to_string(), "1945-05");
    assert_eq!(b[0].evidence.len(), 2, "{:?}", b[0].evidence);
    let us_cuba = rel(g, "borders", "united-states-of-america", "cuba");
    assert_eq!(us_cuba.len(), 1);
    assert_eq!(us_cuba[0].contiguity, Some(4));
    assert_eq!(us_cuba[0].valid_until, None, "runs to the end of the data");
    // Major powers in 1914 (the fixture's spells); Cuba never was one.
    for s in [
        fr,
        de,
        ru,
        id(g, "united-kingdom"),
        id(g, "austria-hungary"),
    ] {
        assert!(g.is_major_power(s), "{}", g.actor(s).id);
    }
    assert!(!g.is_major_power(id(g, "cuba")));
    // CINC of 1914, capitals of 1914.
    assert_eq!(g.cinc(de), Some(0.15));
    assert_eq!(g.actor(de).attrs.cinc.as_ref().unwrap().year, 1914);
    assert_eq!(g.capital(ru).unwrap().name, "Saint Petersburg");
    let d = g.distance_km(fr, de).unwrap();
    assert!((d - 878.0).abs() < 5.0, "Paris-Berlin {d}");
    // Rivalries in force in 1914, with their types.
    let r = rel(g, "rival", "germany", "russia");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].rivalry, ["spatial", "positional"]);
    assert_eq!(r[0].status, Status::Reported);
    assert!(rel(g, "rival", "russia", "united-states-of-america").is_empty());
    // Each undirected pair once: the mirror lines are counted as such.
    let cont = outcomes(&imp, "contiguity");
    assert!(
        cont.contains(&("the same pair the other way (imported once)".into(), 9)),
        "{cont:?}"
    );
    // conttype 0: a spell without contiguity, no border.
    assert!(
        cont.contains(&("holds no fact to import".into(), 1)),
        "{cont:?}"
    );
    let issues = &imp.report.set("contiguity").unwrap().issues;
    assert!(
        issues.iter().any(|i| i.row.starts_with("line 2: 2-20")),
        "{issues:?}"
    );
}

#[test]
fn after_2016_the_cinc_is_2016s_and_says_so() {
    let imp = import_fixtures(period(When::Year(2020)));
    let g = &imp.graph;
    let us = id(g, "united-states-of-america");
    let m = g.actor(us).attrs.cinc.as_ref().unwrap();
    assert_eq!((m.year, m.value), (2016, 0.13));
    let Citation::Dataset { row, .. } = &m.evidence else {
        panic!("a data-set citation")
    };
    assert!(
        row.contains("NMC 6.0 ends in 2016; the period is 2020"),
        "{row}"
    );
    let nmc = imp.report.set("nmc").unwrap();
    assert_eq!(
        nmc.outcomes["beyond the data set's documented coverage (not used)"],
        1
    );
    assert!(
        nmc.notes.iter().any(|n| n.contains("after 2016")),
        "{:?}",
        nmc.notes
    );
    // France's third capital spell; the rivalry ongoing in 2010 continues.
    assert_eq!(g.capital(id(g, "france")).unwrap().name, "Paris");
    let ar = rel(g, "rival", "armenia", "azerbaijan");
    assert_eq!((ar.len(), ar[0].valid_until), (1, None));
    assert!(imp.report.set("rivalries").unwrap().notes[0].contains("right-censored"));
}

#[test]
fn a_capital_changed_within_the_period_gives_the_one_at_its_end() {
    let imp = import_fixtures(period(When::Year(1942)));
    let g = &imp.graph;
    assert_eq!(g.capital(id(g, "france")).unwrap().name, "Paris");
    let caps = outcomes(&imp, "capitals");
    assert!(
        caps.contains(&("holds no fact to import".into(), 1)),
        "{caps:?}: Vichy"
    );
    let imp = import_fixtures(period(When::AsOf(Date::new(1941, 6, 22).unwrap())));
    assert_eq!(
        imp.graph.capital(id(&imp.graph, "france")).unwrap().name,
        "Vichy"
    );
}

fn covariate_texts() -> Vec<String> {
    [
        DataSet::States,
        DataSet::Contiguity,
        DataSet::Majors,
        DataSet::Nmc,
        DataSet::Capitals,
        DataSet::Rivalries,
    ]
    .map(|d| text(d.file()))
    .to_vec()
}

fn covariate_inputs(t: &[String]) -> Inputs<'_> {
    Inputs {
        states: Some(&t[0]),
        contiguity: Some(&t[1]),
        majors: Some(&t[2]),
        nmc: Some(&t[3]),
        capitals: Some(&t[4]),
        rivalries: Some(&t[5]),
        ..Inputs::default()
    }
}

const COVARIATES: [DataSet; 6] = [
    DataSet::States,
    DataSet::Contiguity,
    DataSet::Majors,
    DataSet::Nmc,
    DataSet::Capitals,
    DataSet::Rivalries,
];

#[test]
fn sources_parsed_once_import_every_year_as_import_does() {
    let t = covariate_texts();
    let inputs = covariate_inputs(&t);
    let sources = Sources::parse(&inputs, &COVARIATES, |_| {}).unwrap();
    for y in [1850, 1914, 1942, 1995, 2020] {
        let once = import::import(&inputs, &COVARIATES, period(When::Year(y)), |_| {}).unwrap();
        let many =
            import::import_parsed(&sources, &COVARIATES, period(When::Year(y)), |_| {}).unwrap();
        assert_eq!(
            graph_files(&once.graph, "x"),
            graph_files(&many.graph, "x"),
            "{y}"
        );
        assert_eq!(once.report.text(), many.report.text(), "{y}");
    }
    // A set requested but not parsed is an error, not an empty import.
    let err = import::import_parsed(&sources, &[DataSet::Atop], Options::default(), |_| {});
    assert!(err.unwrap_err().contains("ATOP was not parsed"));
    let missing = Inputs {
        nmc: None,
        ..covariate_inputs(&t)
    };
    let err = Sources::parse(&missing, &COVARIATES, |_| {}).unwrap_err();
    assert!(err.contains("no COW NMC file (nmc.csv) given"), "{err}");
}

#[test]
fn the_cli_imports_the_covariates_of_1914_into_a_graph_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cov-1914");
    casus()
        .args([
            "import",
            "--sets",
            "states,contiguity,majors,nmc,capitals,rivalries",
        ])
        .args(["--year", "1914", "--data"])
        .arg(fixture("data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("contiguity (Correlates of War Direct Contiguity"))
        .stdout(contains("it loads with no problems"));
    let g = load(&GraphFiles::from_dir(&out).unwrap()).unwrap().graph;
    let de = id(&g, "germany");
    assert!(g.is_major_power(de));
    assert_eq!(
        rel(&g, "borders", "germany", "france")[0].contiguity,
        Some(1)
    );
    assert!(g.distance_km(de, id(&g, "russia")).unwrap() > 1000.0);
    casus()
        .args(["show", "germany", "--graph"])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("capital: Berlin (52.52, 13.40)"))
        .stdout(contains("CINC 1914: 0.1500"))
        .stdout(contains("major power"))
        .stdout(contains("contiguity 1: land or river border"));
    casus()
        .args(["import", "--sets", "states,nmc,wealth", "--data"])
        .arg(fixture("data"))
        .assert()
        .code(2)
        .stderr(contains("capitals, rivalries"));
}

#[test]
fn a_state_outside_the_system_gets_no_attributes_and_no_actor() {
    // Germany is out of the fixture's system from 1945 to 1990, while
    // its capital row runs on to 2024 and its rivalry with France to 1955.
    let imp = import_fixtures(period(When::Year(1950)));
    assert!(imp.graph.actor_by_id("germany").is_none());
    for s in &imp.report.sets {
        assert!(s.is_complete(), "{}: {:?}", s.set, s.outcomes);
    }
}
