//! `casus export`: every format from the command line, the quoting of
//! Cypher and CSV against hostile names (tests/fixtures/hostile), where the
//! files go, and one golden file. The formats read back by their real
//! consumers (NetworkX, igraph, followthemoney, an openCypher parser) are
//! checked by tests/python/run.sh, which `.ci/run` runs.

use crate::{casus, fixture};

fn export(graph: Option<&str>, args: &[&str]) -> String {
    let mut c = casus();
    if let Some(g) = graph {
        c.arg("--graph").arg(fixture(g));
    }
    let out = c.arg("export").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

/// The hostile fixture's names, as its TOML writes them.
const HOSTILE_NAMES: &[&str] = &[
    "O'Brien \"the Quote\" Republic",
    "x'}) DETACH DELETE n; //",
    "Σωκράτης — Ñandú 東京",
    "@town, \"quoted\"",
];

/// The text of a Cypher script with every string literal removed (a
/// literal runs from a quote to the next unescaped same quote).
fn outside_literals(script: &str) -> String {
    let mut out = String::new();
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c == '\'' || c == '"' {
            while let Some(d) = chars.next() {
                if d == '\\' {
                    chars.next();
                } else if d == c {
                    break;
                }
            }
            out.push_str("''");
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_format_exports_the_built_in_graph() {
    let g = crate::real_graph();
    let counts = format!("{} actors, {} relations", g.actors.len(), g.relations.len());
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("graphml", "g.graphml"),
        ("gexf", "g.gexf"),
        ("cypher", "g.cypher"),
        ("ftm", "g.ftm.json"),
        ("json", "g.json"),
        ("neo4j-csv", "neo4j"),
        ("csv", "tables"),
    ] {
        let path = dir.path().join(name);
        casus()
            .args(["export", "--format", format, "-o"])
            .arg(&path)
            .assert()
            .success()
            .stderr(predicates::str::contains(counts.as_str()));
        assert!(path.exists(), "{format}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("g.json")).unwrap()).unwrap();
    let graphml = std::fs::read_to_string(dir.path().join("g.graphml")).unwrap();
    let doc = roxmltree::Document::parse(&graphml).expect("well-formed GraphML");
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!(count("node"), json["actors"].as_array().unwrap().len());
    assert_eq!(count("edge"), json["relations"].as_array().unwrap().len());
    let gexf = std::fs::read_to_string(dir.path().join("g.gexf")).unwrap();
    let doc = roxmltree::Document::parse(&gexf).expect("well-formed GEXF");
    let timed = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge") && n.attribute("start").is_some())
        .count();
    assert!(timed > 50, "only {timed} edges with a start date");
}

#[test]
fn cypher_quotes_hostile_names_so_that_no_text_becomes_code() {
    let script = export(Some("hostile"), &["--format", "cypher"]);
    assert!(
        script.contains(r#"`name`: 'x\'}) DETACH DELETE n; //'"#),
        "{script}"
    );
    assert!(script.contains(r#"`name`: 'O\'Brien \"the Quote\" Republic'"#));
    assert!(script.contains(r#"`description`: 'Line one,\nline two"#));
    let code = outside_literals(&script);
    assert!(
        !code.contains("DETACH"),
        "an injected clause escaped its literal:\n{code}"
    );
    // One statement a line: the constraint, 4 actors, 3 relations.
    let statements = code.lines().filter(|l| l.trim_end().ends_with(';')).count();
    assert_eq!(statements, 1 + 4 + 3, "{code}");
    assert_eq!(code.matches(';').count(), statements, "{code}");
}

#[test]
fn csv_tables_round_trip_hostile_names_and_defuse_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    casus()
        .arg("--graph")
        .arg(fixture("hostile"))
        .args(["export", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("actors.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let names: Vec<String> = rows
        .iter()
        .map(|x| x[1].trim_start_matches('\'').to_string())
        .collect();
    for n in HOSTILE_NAMES {
        assert!(names.iter().any(|x| x == n), "{n} not in {names:?}");
    }
    let desc = rows.iter().find(|x| &x[0] == "injector").unwrap()[7].to_string();
    assert!(desc.starts_with("'=HYPERLINK("), "{desc}");
    let place = rows.iter().find(|x| &x[0] == "town").unwrap()[1].to_string();
    assert_eq!(place, "'@town, \"quoted\"");
    let mut r = csv::Reader::from_path(out.join("facts.csv")).unwrap();
    let facts: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    // One row per statement: 1 + 2 + 1 citations.
    assert_eq!(facts.len(), 4);
    assert!(facts
        .iter()
        .any(|f| &f[16] == "x'}) DETACH DELETE n; // shelled \"O'Brien\" at @town"));
}

#[test]
fn neo4j_csv_keeps_line_breaks_and_quotes_inside_fields() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("neo");
    casus()
        .arg("--graph")
        .arg(fixture("hostile"))
        .args(["export", "--format", "neo4j-csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    let head = r.headers().unwrap().clone();
    assert_eq!(&head[0], "id:ID(Actor)");
    assert_eq!(&head[1], ":LABEL");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let obrien = rows.iter().find(|x| &x[0] == "obrien").unwrap();
    assert_eq!(&obrien[1], "Actor;State");
    assert_eq!(&obrien[2], "O'Brien \"the Quote\" Republic");
    assert!(obrien[8].contains("Line one,\nline two"));
}

#[test]
fn directory_formats_need_a_directory_and_leave_other_files_alone() {
    casus()
        .args(["export", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("-o DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("notes.txt");
    std::fs::write(&mine, "mine").unwrap();
    casus()
        .args(["export", "--format", "neo4j-csv", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mine");
    assert!(dir.path().join("nodes.csv").exists());
    let file = dir.path().join("notes.txt");
    casus()
        .args(["export", "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is a file"));
}

#[test]
fn focus_and_filters_choose_what_is_exported() {
    let all = export(None, &["--format", "json"]);
    let some = export(
        None,
        &[
            "--format", "json", "--focus", "armenia", "--via", "alliance",
        ],
    );
    let n = |s: &str| {
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        (
            v["actors"].as_array().unwrap().len(),
            v["relations"].as_array().unwrap().len(),
        )
    };
    let (a, r) = n(&some);
    assert!(a >= 2 && a < n(&all).0, "{a} actors");
    assert!(r >= 1 && r < n(&all).1, "{r} relations");
    let v: serde_json::Value = serde_json::from_str(&some).unwrap();
    for rel in v["relations"].as_array().unwrap() {
        assert_eq!(rel["category"], "alliance", "{rel}");
    }
}

#[test]
fn golden_graphml_and_ftm_of_the_hostile_fixture() {
    insta::assert_snapshot!(
        "hostile_graphml",
        export(Some("hostile"), &["--format", "graphml"])
    );
    insta::assert_snapshot!("hostile_ftm", export(Some("hostile"), &["--format", "ftm"]));
}

#[test]
fn state_attributes_and_border_types_are_exported_with_their_sources() {
    let graphml = export(None, &["--format", "graphml"]);
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    let node = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("russia"))
        .expect("russia");
    let data = |key: &str| {
        node.children()
            .find(|d| d.attribute("key") == Some(key))
            .and_then(|d| d.text())
            .map(str::to_string)
    };
    assert_eq!(data("a_capital").as_deref(), Some("Moscow"));
    assert_eq!(data("a_major_power").as_deref(), Some("true"));
    assert!(data("a_cinc").unwrap().parse::<f64>().unwrap() > 0.0);
    assert!(data("a_sources")
        .unwrap()
        .contains("Capitals of Correlates of War states"));
    let contiguity = doc
        .descendants()
        .filter(|n| n.attribute("key") == Some("f_contiguity"))
        .count();
    assert!(contiguity > 0, "no border carries its COW contiguity type");
}
