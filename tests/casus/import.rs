//! `casus import` on the project's own fixtures (tests/fixtures/data, in
//! the formats of the real data sets), and graphs loaded together with
//! `--graph A --graph B`.

use crate::{casus, fixture};
use casus::import::{self, DataSet, Inputs, Options, When};
use casus::load::{load, load_many, GraphFiles};
use casus::model::*;
use predicates::str::contains;
use std::collections::BTreeSet;

fn data(rel: &str) -> Vec<u8> {
    std::fs::read(fixture("data").join(rel)).expect("fixture present")
}

pub(crate) fn text(rel: &str) -> String {
    String::from_utf8(data(rel)).expect("UTF-8 fixture")
}

/// Imports every fixture data set with these options.
pub(crate) fn import_fixtures(opts: Options) -> import::Imported {
    let states = text("cow-state-system-2016/states2016.csv");
    let codes = text("cow-country-codes/COW country codes.csv");
    let cow = text("cow-alliances-v4.1/alliance_v4.1_by_member.csv");
    let dyad = text("cow-alliances-v4.1/alliance_v4.1_by_dyad.csv");
    let atop = text("atop-5.1/atop5_1m.csv");
    let sipri = data("sipri-arms-transfers/trade-register.csv");
    let esd = data("ucdp-esd-18.1/ucdp-esd-ay-181.xlsx");
    let cov: Vec<String> = [
        DataSet::Contiguity,
        DataSet::Majors,
        DataSet::Nmc,
        DataSet::Capitals,
        DataSet::Rivalries,
    ]
    .map(|d| text(d.file()))
    .to_vec();
    let inputs = Inputs {
        states: Some(&states),
        country_codes: Some(&codes),
        cow_member: Some(&cow),
        cow_dyad: Some(&dyad),
        atop: Some(&atop),
        sipri: Some(&sipri),
        esd: Some(&esd),
        contiguity: Some(&cov[0]),
        majors: Some(&cov[1]),
        nmc: Some(&cov[2]),
        capitals: Some(&cov[3]),
        rivalries: Some(&cov[4]),
    };
    import::import(&inputs, &DataSet::ALL, opts, |_| {}).expect("fixtures import")
}

fn year(y: i32) -> Options {
    Options {
        when: When::Year(y),
        ..Options::default()
    }
}

use crate::relations_between as rel;

#[test]
fn every_fixture_row_is_accounted_for_in_every_period() {
    for when in [
        When::All,
        When::Year(2018),
        When::AsOf(Date::new(1914, 7, 28).unwrap()),
    ] {
        let imp = import_fixtures(Options {
            when,
            ..Options::default()
        });
        let r = &imp.report;
        let rows: Vec<(&str, usize)> = r.sets.iter().map(|s| (s.set.as_str(), s.rows)).collect();
        assert_eq!(
            rows,
            vec![
                ("states", 19),
                ("atop", 10),
                ("cow", 11),
                ("sipri", 9),
                ("esd", 7),
                ("contiguity", 22),
                ("majors", 10),
                ("nmc", 15),
                ("capitals", 14),
                ("rivalries", 8)
            ]
        );
        for s in &r.sets {
            assert!(
                s.is_complete(),
                "{when:?} {}: {} rows, {:?}",
                s.set,
                s.rows,
                s.outcomes
            );
        }
    }
}

#[test]
fn problem_rows_are_listed_with_their_reason() {
    let imp = import_fixtures(Options::default());
    let r = &imp.report;
    let issues = |set: &str| -> Vec<String> {
        r.set(set)
            .unwrap()
            .issues
            .iter()
            .map(|i| format!("{}: {}", i.row, i.reason))
            .collect()
    };
    assert!(
        issues("states").iter().any(|i| i.starts_with("line 20:")),
        "{:?}",
        issues("states")
    );
    assert!(
        issues("atop").iter().any(|i| i.contains("19x2")),
        "{:?}",
        issues("atop")
    );
    assert!(
        issues("cow").iter().any(|i| i.contains("month 13")),
        "{:?}",
        issues("cow")
    );
    let sipri = issues("sipri");
    assert!(
        sipri.iter().any(|i| i.contains("unknown supplier(s)")),
        "{sipri:?}"
    );
    assert!(
        sipri.iter().any(|i| i.contains("COW 630")),
        "Iran is not in the fixture list: {sipri:?}"
    );
    let esd = issues("esd");
    assert!(esd.iter().any(|i| i.contains("Ruritania")), "{esd:?}");
    assert!(esd.iter().any(|i| i.contains("ext_id lists 2")), "{esd:?}");
    let text = r.text();
    assert!(text.contains("joined: lines 17-18"), "{text}");
}

#[test]
fn atop_conditions_become_obligation_conditions() {
    let imp = import_fixtures(Options {
        when: When::AsOf(Date::new(1914, 7, 28).unwrap()),
        ..Options::default()
    });
    let g = &imp.graph;
    let t = g.treaty(g.treaty_by_id("atop-1350").expect("Triple Alliance"));
    assert_eq!(t.atop_id, Some(1350));
    assert_eq!(t.cow_id, Some(67), "ATOP's cow4id");
    let d = t
        .obligations
        .iter()
        .find(|o| o.kind == ObligationKind::Defence)
        .unwrap();
    assert_eq!(d.scope, Scope::RecognisedTerritory);
    assert!(d.defensive_only, "defconpr");
    assert_eq!(d.min_attackers, Some(2), "defconum");
    let france = g.actor_by_id("france").unwrap();
    assert_eq!(d.adversaries, vec![france], "defcoadv with statthr1 = 220");
    // Three members: an organisation with member_of citing the treaty.
    let org = g.actor_by_id("atop-1350").unwrap();
    assert_eq!(g.actor(org).kind, ActorKind::Organisation);
    assert_eq!(g.actor(org).name, "Triple Alliance");
    let members: BTreeSet<&str> = g
        .relations
        .iter()
        .filter(|r| r.rtype == "member_of" && r.to == org)
        .map(|r| g.actor(r.from).id.as_str())
        .collect();
    assert_eq!(
        members,
        ["austria-hungary", "germany", "italy"]
            .into_iter()
            .collect()
    );
    // Only Germany promised offence: not a gate of the common treaty, but
    // in the note of Germany's membership and of the treaty.
    assert!(t
        .obligations
        .iter()
        .all(|o| o.kind != ObligationKind::Offence));
    let de = g.actor_by_id("germany").unwrap();
    let m = g
        .relations
        .iter()
        .find(|r| r.rtype == "member_of" && r.to == org && r.from == de)
        .unwrap();
    assert_eq!(m.treaty, g.treaty_by_id("atop-1350"));
    assert!(
        m.note.as_deref().unwrap().contains("offense [offcoadv]"),
        "{:?}",
        m.note
    );
    assert!(t
        .note
        .as_deref()
        .unwrap()
        .contains("Members promised different things"));
    // The COW rows of the same alliance are cited on the ATOP treaty.
    assert!(t.evidence.iter().any(|c| matches!(c, Citation::Dataset { reference, row } if reference == "cow-alliances-4.1" && row.starts_with("version4id 67"))));
}

#[test]
fn bilateral_pacts_are_one_relation_citing_the_treaty() {
    let imp = import_fixtures(year(2018));
    let g = &imp.graph;
    let r = rel(g, "defence_pact", "russia", "armenia");
    assert_eq!(r.len(), 1);
    let t = g.treaty(r[0].treaty.unwrap());
    assert_eq!(t.atop_id, Some(4890));
    assert_eq!(r[0].valid_from.unwrap().to_string(), "1997-08-29");
    assert_eq!(r[0].status, Status::Confirmed);
    assert_eq!(r[0].evidence.len(), 2, "both member rows");
    // Not in force in 2018: the 1887 pact.
    assert!(g.treaty_by_id("atop-1375").is_none());
    // COW alliance 350 (no ATOP link in the fixture) comes from COW: three
    // members, so an organisation; Azerbaijan left in 1999.
    let org = g.actor_by_id("cow-alliance-350").unwrap();
    let members: Vec<&str> = g
        .relations
        .iter()
        .filter(|r| r.rtype == "member_of" && r.to == org)
        .map(|r| g.actor(r.from).id.as_str())
        .collect();
    assert_eq!(members, vec!["russia", "armenia"]);
    // COW ends in 2012: carried to 2018, and said so.
    let m = g
        .relations
        .iter()
        .find(|r| r.rtype == "member_of" && r.to == org)
        .unwrap();
    assert!(
        m.note
            .as_deref()
            .unwrap()
            .contains("In force when COW v4.1 ends (2012); the data say nothing of 2018."),
        "{:?}",
        m.note
    );
    // ATOP runs to 2018: nothing to say.
    assert!(rel(g, "defence_pact", "russia", "armenia")[0]
        .note
        .is_none());
}

#[test]
fn arms_deals_aggregate_per_supplier_and_recipient() {
    let imp = import_fixtures(year(2018));
    let g = &imp.graph;
    let r = rel(g, "arms_supplier", "israel", "azerbaijan");
    assert_eq!(r.len(), 1);
    let r = r[0];
    assert_eq!(r.systems, vec!["Barak-8 (SAM system)"]);
    assert_eq!(r.valid_from.unwrap().to_string(), "2016");
    assert_eq!(r.valid_until, None, "delivering in 2018: still open");
    let note = r.note.as_deref().unwrap();
    assert!(note.contains("TIV delivered to 2018 150"), "{note}");
    assert!(
        matches!(&r.evidence[0], Citation::Dataset { reference, row } if reference == "sipri-at" && row.starts_with("line 13:"))
    );
    // Deliveries after 2018 are not counted.
    let ru = rel(g, "arms_supplier", "russia", "armenia")[0];
    assert!(ru.note.as_deref().unwrap().contains("delivered after 2018"));
    // Outside the 2014-2018 window: the 2010 order delivered 2011-2013.
    assert!(rel(g, "arms_supplier", "russia", "azerbaijan").is_empty());
    // A non-state recipient is an armed group.
    let all = import_fixtures(Options::default());
    assert!(
        all.graph.actor_by_id("hezbollah-lebanon").is_none(),
        "Iran is not in the fixture state list"
    );
}

#[test]
fn support_kinds_are_attributed_only_when_every_supporter_gave_them() {
    let imp = import_fixtures(year(2018));
    let g = &imp.graph;
    let r = rel(g, "supports", "russia", "syria");
    assert_eq!(r.len(), 1);
    // Weapons: both state supporters in 2016, the only one in 2017. Troops:
    // one of two in 2016 (not attributed), the only one in 2017.
    assert_eq!(
        r[0].support,
        vec![SupportKind::Troops, SupportKind::Weapons]
    );
    let note = r[0].note.as_deref().unwrap();
    assert!(note.contains("2016 XF"), "{note}");
    assert_eq!(r[0].valid_from.unwrap().to_string(), "2016");
    assert_eq!(r[0].valid_until, None, "2017 is the last year of the data");
    assert_eq!(r[0].evidence.len(), 2);
    let h = rel(g, "supports", "hezbollah", "syria");
    assert_eq!(h[0].support, vec![SupportKind::Training]);
    assert_eq!(g.actor(h[0].from).kind, ActorKind::ArmedGroup);
    let f = rel(
        g,
        "supports",
        "front-for-peace-unity-and-justice",
        "armenia",
    );
    assert_eq!(f[0].support, vec![SupportKind::Intelligence]);
}

#[test]
fn states_get_codes_period_names_and_citations() {
    let imp = import_fixtures(year(2018));
    let g = &imp.graph;
    let az = g.actor(g.actor_by_id("azerbaijan").unwrap());
    assert_eq!((az.cow, az.iso3.as_deref()), (Some(373), Some("AZE")));
    assert!(
        matches!(&az.evidence[0], Citation::Dataset { reference, .. } if reference == "cow-states-2016")
    );
    assert_eq!(
        g.find("Turkiye").found(),
        g.actor_by_id("turkey"),
        "SIPRI's name is an alias"
    );
    // Every state of the list in 2018, whether or not it has relations.
    assert!(g.actor_by_id("cuba").is_some());
    assert!(g.actor_by_id("austria-hungary").is_none());
    let old = import_fixtures(Options {
        when: When::AsOf(Date::new(1914, 7, 28).unwrap()),
        ..Options::default()
    });
    let ah = old
        .graph
        .actor(old.graph.actor_by_id("austria-hungary").unwrap());
    assert_eq!((ah.cow, ah.iso3.as_deref()), (Some(300), None));
    let tr = old.graph.actor(old.graph.actor_by_id("turkey").unwrap());
    assert_eq!(tr.name, "Ottoman Empire");
}

#[test]
fn states_select_the_facts_that_touch_them() {
    let imp = import_fixtures(Options {
        when: When::Year(2018),
        states: Some([371].into_iter().collect()),
        ..Options::default()
    });
    let g = &imp.graph;
    assert!(!rel(g, "defence_pact", "russia", "armenia").is_empty());
    assert!(rel(g, "arms_supplier", "russia", "armenia").len() == 1);
    // Azerbaijan comes in only as the other end of facts touching
    // Armenia (their border and rivalry), nothing of its own.
    let (am, az) = (
        g.actor_by_id("armenia").unwrap(),
        g.actor_by_id("azerbaijan").unwrap(),
    );
    for r in g.relations_of(az) {
        assert_eq!(g.relation(r).other(az), am, "{:?}", g.relation(r));
    }
    assert!(g.actor_by_id("israel").is_none());
    for s in &imp.report.sets {
        assert!(s.is_complete(), "{}", s.set);
    }
    assert!(imp.report.set("sipri").unwrap().outcomes["outside the selected states"] > 0);
}

#[test]
fn what_is_written_loads_back_to_the_same_graph() {
    let imp = import_fixtures(Options::default());
    let files = import::write::graph_files(&imp.graph, "test");
    let loaded =
        load(&GraphFiles::from_texts(files)).unwrap_or_else(|e| panic!("{}", e.render(false)));
    let g2 = loaded.graph;
    let g = &imp.graph;
    assert_eq!(g2.actors.len(), g.actors.len());
    assert_eq!(g2.relations.len(), g.relations.len());
    assert_eq!(g2.treaties.len(), g.treaties.len());
    for (a, b) in g.treaties.iter().zip(&g2.treaties) {
        assert_eq!(a.obligations, b.obligations, "{}", a.id);
        assert_eq!(a.evidence, b.evidence);
    }
    // Relations are written by category, so compare them by key.
    for a in &g.relations {
        let k = a.key.as_deref().expect("imported relations have keys");
        let b = g2.relation(g2.relation_by_key(k).expect("same key"));
        assert_eq!(
            (&a.rtype, &a.evidence, &a.note),
            (&b.rtype, &b.evidence, &b.note)
        );
        assert_eq!((a.valid_from, a.valid_until), (b.valid_from, b.valid_until));
        assert_eq!((&a.systems, &a.support), (&b.systems, &b.support));
        assert_eq!(g.actor(a.from).id, g2.actor(b.from).id);
        assert_eq!(
            a.treaty.map(|t| &g.treaty(t).id),
            b.treaty.map(|t| &g2.treaty(t).id)
        );
    }
}

#[test]
fn the_cli_writes_a_graph_directory_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("world-2018");
    casus()
        .args(["import", "--data"])
        .arg(fixture("data"))
        .args(["--year", "2018", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("sipri ("))
        .stdout(contains("continuation line"))
        .stdout(contains("it loads with no problems"))
        .stderr(contains("esd: UCDP ESD"));
    for f in [
        "schema.toml",
        "sources.toml",
        "actors.toml",
        "treaties.toml",
        "relations/alliance.toml",
        "relations/membership.toml",
        "relations/military-support.toml",
        "import-report.txt",
        "import-report.json",
    ] {
        assert!(out.join(f).is_file(), "{f} written");
    }
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("import-report.json")).unwrap())
            .unwrap();
    for s in report["sets"].as_array().unwrap() {
        let rows = s["rows"].as_u64().unwrap();
        let sum: u64 = s["outcomes"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(rows, sum, "{}", s["set"]);
    }
    casus()
        .args(["validate", "--graph"])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("ok: no problems found"));
    casus()
        .args(["show", "armenia", "--graph"])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("ATOP 4890: Russia–Armenia (1997)"))
        .stdout(contains(
            "Alliance Treaty Obligations and Provisions (ATOP) v5.1",
        ));
    // A second import into the same directory needs --force.
    casus()
        .args(["import", "--sets", "states", "--data"])
        .arg(fixture("data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("--force"));
    casus()
        .args(["import", "--sets", "states", "--force", "--data"])
        .arg(fixture("data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(
        !out.join("treaties.toml").exists(),
        "the earlier import's files are gone"
    );
}

#[test]
fn the_cow_dyad_file_gives_one_pact_per_dyad() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cow");
    casus()
        .args([
            "import",
            "--sets",
            "states,cow",
            "--cow-file",
            "dyad",
            "--data",
        ])
        .arg(fixture("data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("invalid row"));
    let g = load(&GraphFiles::from_dir(&out).unwrap()).unwrap().graph;
    assert_eq!(rel(&g, "defence_pact", "russia", "armenia").len(), 1);
    assert_eq!(rel(&g, "defence_pact", "azerbaijan", "turkey").len(), 1);
    assert_eq!(
        rel(&g, "defence_pact", "united-kingdom", "portugal").len(),
        1
    );
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    let d = fixture("data");
    casus()
        .args(["import", "--sets", "cow,nato", "--data"])
        .arg(&d)
        .assert()
        .code(2)
        .stderr(contains("unknown data set `nato`"));
    casus()
        .args(["import", "--states", "ARM,Narnia", "--data"])
        .arg(&d)
        .assert()
        .code(2)
        .stderr(contains("no state `Narnia`"));
    casus()
        .args(["import", "--region", "atlantis", "--data"])
        .arg(&d)
        .assert()
        .code(2)
        .stderr(contains("middle-east"));
    casus()
        .args(["import", "--as-of", "1914-13-01", "--data"])
        .arg(&d)
        .assert()
        .code(2);
    casus()
        .args(["import", "--data", "no/such/dir"])
        .assert()
        .code(1)
        .stderr(contains("CASUS_DATA"));
}

#[test]
fn states_are_resolved_by_code_iso_abbreviation_or_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sel");
    casus()
        .args([
            "import",
            "--sets",
            "states",
            "--year",
            "2018",
            "--states",
            "371,AZE,TUR,russia",
            "--data",
        ])
        .arg(fixture("data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let g = load(&GraphFiles::from_dir(&out).unwrap()).unwrap().graph;
    let ids: BTreeSet<&str> = g.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["armenia", "azerbaijan", "russia", "turkey"]
            .into_iter()
            .collect()
    );
}

// ------------------------------------------------ graphs loaded together

fn mini_and_world() -> casus::load::Loaded {
    let sets = vec![
        (
            "mini".to_string(),
            GraphFiles::from_dir(&fixture("mini")).unwrap(),
        ),
        (
            "world".to_string(),
            GraphFiles::from_dir(&fixture("merge/world")).unwrap(),
        ),
    ];
    load_many(&sets).unwrap_or_else(|e| panic!("{}", e.render(false)))
}

#[test]
fn actors_are_matched_by_cow_then_iso_code() {
    let l = mini_and_world();
    let g = &l.graph;
    let m = l.merge.as_ref().unwrap();
    assert_eq!(
        (m.actors_by_cow, m.actors_by_iso3, m.actors_by_id),
        (1, 1, 0)
    );
    let ru = g.actor_by_id("ruritania").unwrap();
    assert_eq!(
        g.find("Kingdom of Ruritania").found(),
        Some(ru),
        "the other name is an alias"
    );
    assert!(g.actor_by_id("kingdom-of-ruritania").is_none());
    // Syldavia's supply to the Kingdom lands on the mini graph's Ruritania.
    assert_eq!(rel(g, "arms_supplier", "syldavia", "ruritania").len(), 1);
}

#[test]
fn the_same_fact_is_joined_and_a_different_version_is_kept_with_a_warning() {
    let l = mini_and_world();
    let g = &l.graph;
    let m = l.merge.as_ref().unwrap();
    assert_eq!((m.relations_joined, m.conflicts), (1, 1));
    let pacts = rel(g, "defence_pact", "ruritania", "borduria");
    assert_eq!(
        pacts.len(),
        2,
        "the 1999 pact (joined) and the 2005 version"
    );
    let first = pacts
        .iter()
        .find(|r| r.status == Status::Confirmed)
        .unwrap();
    assert!(first.treaty.is_some(), "the mini graph's treaty is kept");
    assert!(first
        .evidence
        .iter()
        .any(|c| matches!(c, Citation::Dataset { row, .. } if row == "row 1")));
    let w = l
        .warnings
        .iter()
        .find(|d| d.message.contains("differs from"))
        .expect("a conflict warning");
    assert!(
        w.file.ends_with("merge/world/relations/main.toml"),
        "{}",
        w.file
    );
    assert_eq!(w.line, 11);
    assert!(
        w.message
            .contains("tests/fixtures/mini/relations/main.toml:17:1"),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("status reported here, confirmed there"),
        "{}",
        w.message
    );
}

#[test]
fn a_different_actor_with_a_taken_id_is_renamed_with_a_warning() {
    let l = mini_and_world();
    let g = &l.graph;
    let z2 = g.actor_by_id("zenda-2").expect("renamed");
    assert_eq!(g.actor(z2).kind, ActorKind::State);
    assert_eq!(
        g.actor(g.actor_by_id("zenda").unwrap()).kind,
        ActorKind::Place
    );
    assert_eq!(rel(g, "arms_supplier", "syldavia", "zenda-2").len(), 1);
    assert!(l
        .warnings
        .iter()
        .any(|d| d.message.contains("is `zenda-2` in the merged graph") && d.line == 16));
}

#[test]
fn a_type_declared_differently_stops_the_load_with_its_place() {
    let sets = vec![
        (
            "mini".to_string(),
            GraphFiles::from_dir(&fixture("mini")).unwrap(),
        ),
        (
            "bad".to_string(),
            GraphFiles::from_dir(&fixture("merge/bad-type")).unwrap(),
        ),
    ];
    let e = load_many(&sets).expect_err("all or nothing");
    let d = e.errors().next().unwrap();
    assert!(d.file.ends_with("merge/bad-type/graph.toml"));
    assert_eq!((d.line, d.column), (8, 8));
    assert!(d.message.contains("declared differently"));
    casus()
        .args(["validate", "--graph"])
        .arg(fixture("mini"))
        .arg("--graph")
        .arg(fixture("merge/bad-type"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("merge/bad-type/graph.toml:8:8"));
}

#[test]
fn validate_reports_the_merge() {
    casus()
        .args(["validate", "--graph"])
        .arg(fixture("mini"))
        .arg("--graph")
        .arg(fixture("merge/world"))
        .assert()
        .success()
        .stdout(contains("merged: 2 graphs"))
        .stdout(contains("1 by COW code, 1 by ISO code"))
        .stdout(contains("1 conflicting relations kept side by side"))
        .stderr(contains("both are kept"));
    // The built-in graph by name, together with a directory.
    casus()
        .args(["validate", "--graph", "builtin", "--graph"])
        .arg(fixture("merge/world"))
        .assert()
        .success()
        .stdout(contains("built-in graph"))
        .stdout(contains("merged: 2 graphs"));
}

#[test]
fn escalation_gates_evaluate_imported_atop_conditions() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("world-1914");
    casus()
        .args([
            "import",
            "--sets",
            "states,atop",
            "--as-of",
            "1914-07-28",
            "--data",
        ])
        .arg(fixture("data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    // Russia attacks Austria-Hungary: the Triple Alliance's defence clause
    // holds against France only, for two or more attackers.
    casus()
        .args([
            "escalate",
            "--strike",
            "russia:austria-hungary@austria-hungary:sustained",
            "--as-of",
            "1914-08-06",
            "--trials",
            "200",
            "--loo-trials",
            "0",
            "--graph",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains(
            "closed Triple Alliance (ATOP 1350) (atop-1350): defence for Austria-Hungary",
        ))
        .stdout(contains("✗ adversary: only against France: Russia is not"))
        .stdout(contains("the clause needs 2"));
}
