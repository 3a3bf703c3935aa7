//! The loader: a fixture that loads, and broken copies of it that must not,
//! each with the expected diagnostic at the expected place.

use crate::{casus, copy_dir, fixture};
use casus::load::{load, Diagnostic, GraphFiles, Level};
use std::path::PathBuf;

#[test]
fn mini_fixture_loads_with_no_diagnostics() {
    let files = GraphFiles::from_dir(&fixture("mini")).unwrap();
    let loaded = load(&files).unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let g = loaded.graph;
    assert_eq!(g.actors.len(), 3);
    assert_eq!(g.relations.len(), 3);
    let zenda = g.find("Zenda").found().unwrap();
    let borduria = g.find("bordurian").found().unwrap();
    assert_eq!(g.de_jure_holder(zenda), Some(borduria));
}

#[test]
fn validate_on_the_mini_fixture_succeeds() {
    casus()
        .args(["validate", "--graph"])
        .arg(fixture("mini"))
        .assert()
        .success()
        .stdout(predicates::str::contains("actors: 3"))
        .stdout(predicates::str::contains("ok: no problems found"));
}

/// A copy of the mini fixture (and its seeds) in a temporary directory.
struct Copy {
    _dir: tempfile::TempDir,
    graph: PathBuf,
}

impl Copy {
    fn new() -> Copy {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture("mini"), &dir.path().join("mini"));
        copy_dir(&fixture("seeds"), &dir.path().join("seeds"));
        let graph = dir.path().join("mini");
        Copy { _dir: dir, graph }
    }

    /// Replaces the first `from` by `to` in `file` (relative to the graph).
    fn edit(&self, file: &str, from: &str, to: &str) -> &Copy {
        let p = self.graph.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
        self
    }

    fn append(&self, file: &str, more: &str) -> &Copy {
        let p = self.graph.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("{text}\n{more}\n")).unwrap();
        self
    }

    /// Loads, expecting failure; returns the error diagnostics.
    fn errors(&self) -> Vec<Diagnostic> {
        match load(&GraphFiles::from_dir(&self.graph).unwrap()) {
            Ok(_) => panic!("the broken graph loaded"),
            Err(e) => e
                .diagnostics
                .into_iter()
                .filter(|d| d.level == Level::Error)
                .collect(),
        }
    }
}

/// Asserts exactly one error, in `file` at `line`, whose message contains
/// `message` and whose hint contains `hint`.
fn expect_one(c: &Copy, file: &str, line: u32, message: &str, hint: &str) {
    let errs = c.errors();
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    let d = &errs[0];
    assert!(d.file.ends_with(file), "file {} is not {file}", d.file);
    assert_eq!(d.line, line, "line of {d}");
    assert!(
        d.message.contains(message),
        "message {:?} lacks {message:?}",
        d.message
    );
    let h = d.hint.clone().unwrap_or_default();
    assert!(h.contains(hint), "hint {h:?} lacks {hint:?}");
}

#[test]
fn toml_syntax_error() {
    let c = Copy::new();
    c.edit("actors.toml", "name = \"Zenda\"", "name = \"Zenda");
    expect_one(&c, "actors.toml", 19, "TOML syntax", "docs/format.md");
}

#[test]
fn unknown_field() {
    let c = Copy::new();
    c.edit(
        "actors.toml",
        "kind = \"place\"",
        "kind = \"place\"\nlable = \"x\"",
    );
    expect_one(&c, "actors.toml", 21, "unknown field `lable`", "spelling");
}

#[test]
fn duplicate_actor_id() {
    let c = Copy::new();
    c.append(
        "actors.toml",
        "[[actor]]\nid = \"zenda\"\nname = \"Zenda again\"\nkind = \"place\"",
    );
    expect_one(
        &c,
        "actors.toml",
        23,
        "actor `zenda` is declared twice",
        "unique",
    );
}

#[test]
fn unknown_actor_gets_a_suggestion() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "to = \"borduria\"",
        "to = \"bordurai\"",
    );
    expect_one(
        &c,
        "main.toml",
        4,
        "unknown actor `bordurai`",
        "did you mean `borduria`?",
    );
}

#[test]
fn actor_named_by_name_instead_of_id() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "from = \"ruritania\"",
        "from = \"Ruritanian\"",
    );
    expect_one(
        &c,
        "main.toml",
        3,
        "unknown actor `Ruritanian`",
        "refer to actors by id: \"ruritania\"",
    );
}

#[test]
fn undeclared_relation_type() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "type = \"part_of\"",
        "type = \"partof\"",
    );
    expect_one(
        &c,
        "main.toml",
        11,
        "undeclared relation type `partof`",
        "did you mean `part_of`?",
    );
}

#[test]
fn symmetric_relation_given_twice() {
    let c = Copy::new();
    c.append(
        "relations/main.toml",
        "[[relation]]\ntype = \"defence_pact\"\nfrom = \"borduria\"\nto = \"ruritania\"\nstatus = \"confirmed\"\nsince = \"1999-05\"\nevidence = [{ reference = \"treaty-text\" }]",
    );
    expect_one(
        &c,
        "main.toml",
        29,
        "symmetric relation `defence_pact`",
        "main.toml:17:1; merge the two evidence lists",
    );
}

#[test]
fn bad_date() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "since = \"1999-05\"",
        "since = \"1999-13\"",
    );
    expect_one(&c, "main.toml", 22, "month 13", "");
}

#[test]
fn until_before_since() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "since = \"1999-05\"",
        "since = \"1999-05\"\nuntil = \"1998\"",
    );
    expect_one(
        &c,
        "main.toml",
        23,
        "until 1998 is before since 1999-05",
        "swap",
    );
}

#[test]
fn quote_changed_by_one_word() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "shelled the town of Zenda",
        "shelled the city of Zenda",
    );
    expect_one(
        &c,
        "main.toml",
        8,
        "quote not found in document `dispatch`",
        "the first 4 of 9 words match",
    );
}

#[test]
fn unknown_document_and_reference() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "doc = \"dispatch\"",
        "doc = \"dispach\"",
    );
    c.edit(
        "relations/main.toml",
        "reference = \"treaty-text\" }",
        "reference = \"treaty\" }",
    );
    let errs = c.errors();
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs[0].message.contains("unknown document `dispach`"));
    assert_eq!(errs[0].hint.as_deref(), Some("did you mean `dispatch`?"));
    assert!(errs[1].message.contains("unknown reference `treaty`"));
}

#[test]
fn part_of_cycle() {
    let c = Copy::new();
    c.append(
        "relations/main.toml",
        "[[relation]]\ntype = \"part_of\"\nfrom = \"borduria\"\nto = \"zenda\"\nstatus = \"confirmed\"\nevidence = [{ reference = \"treaty-text\" }]",
    );
    let errs = c.errors();
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].message.contains("`part_of` cycle"), "{}", errs[0]);
    assert!(errs[0].message.contains("borduria") && errs[0].message.contains("zenda"));
}

#[test]
fn relation_without_provenance() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "evidence = [{ reference = \"treaty-text\" }]",
        "evidence = []",
    );
    expect_one(&c, "main.toml", 10, "has no provenance", "evidence = [");
}

#[test]
fn unknown_kind_and_status() {
    let c = Copy::new();
    c.edit("actors.toml", "kind = \"place\"", "kind = \"city\"");
    c.edit(
        "relations/main.toml",
        "status = \"reported\"",
        "status = \"rumoured\"",
    );
    let errs = c.errors();
    assert!(
        errs.iter()
            .any(|d| d.message.contains("unknown actor kind `city`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|d| d.message.contains("unknown status `rumoured`")),
        "{errs:#?}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "to = \"borduria\"",
        "to = \"bordurai\"",
    );
    c.edit(
        "relations/main.toml",
        "type = \"part_of\"",
        "type = \"partof\"",
    );
    c.edit(
        "relations/main.toml",
        "shelled the town",
        "shelled the city",
    );
    c.edit(
        "actors.toml",
        "kind = \"place\"",
        "kind = \"place\"\nlable = \"x\"",
    );
    let errs = c.errors();
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

#[test]
fn a_broken_graph_prints_nothing_on_stdout_and_names_file_line_and_quote() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "shelled the town of Zenda",
        "shelled the city of Zenda",
    );
    for cmd in [vec!["validate"], vec!["show", "zenda"], vec!["actors"]] {
        let out = casus()
            .args(&cmd)
            .arg("--graph")
            .arg(&c.graph)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd:?}");
        assert!(
            out.stdout.is_empty(),
            "{cmd:?} printed {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("relations/main.toml:8:41"), "{err}");
        assert!(
            err.contains("Ruritania's army shelled the city of Zenda on Monday"),
            "{err}"
        );
        assert!(err.contains("was not loaded"), "{err}");
    }
}

#[test]
fn validate_json_lists_diagnostics() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "to = \"borduria\"",
        "to = \"bordurai\"",
    );
    let out = casus()
        .args(["validate", "--format", "json", "--graph"])
        .arg(&c.graph)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["diagnostics"][0]["line"], 4);
    assert_eq!(v["diagnostics"][0]["level"], "error");
}

#[test]
fn missing_graph_directory_is_a_clear_error() {
    casus()
        .args(["validate", "--graph", "/nonexistent/graph"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot read the graph directory"));
}

/// Schema types and a reference for the covariate fields, appended to a copy.
fn with_covariate_types(c: &Copy) -> &Copy {
    c.append(
        "schema.toml",
        "[[type]]\nname = \"borders\"\ndirected = false\nsign = \"neutral\"\ncategory = \"geography\"\n\n[[type]]\nname = \"rival\"\ndirected = false\nsign = \"hostile\"\ncategory = \"conflict\"",
    )
    .append(
        "sources.toml",
        "[[reference]]\nid = \"cow-data\"\ntitle = \"COW data sets (test)\"",
    )
}

const ATTRS: &str = "[actor.attrs]
capital = { name = \"Strelsau\", lat = 50.08, lon = 14.42, evidence = { reference = \"cow-data\", row = \"line 2\" } }
cinc = { year = 2016, value = 0.0125, evidence = { reference = \"cow-data\", row = \"line 3\" } }
major_power = { reference = \"cow-data\", row = \"line 4\" }
";

#[test]
fn state_attributes_and_covariate_fields_load() {
    let c = Copy::new();
    with_covariate_types(&c)
        .edit("actors.toml", "cow = 901\n", &format!("cow = 901\n{ATTRS}"))
        .edit(
            "actors.toml",
            "cow = 902\n",
            "cow = 902\nattrs = { capital = { name = \"Szohod\", lat = 44.82, lon = 20.46, evidence = { reference = \"cow-data\", row = \"line 5\" } } }\n",
        )
        .append(
            "relations/main.toml",
            "[[relation]]\ntype = \"borders\"\nfrom = \"ruritania\"\nto = \"borduria\"\nstatus = \"confirmed\"\ncontiguity = 1\nevidence = [{ reference = \"cow-data\", row = \"line 6\" }]\n\n[[relation]]\ntype = \"rival\"\nfrom = \"ruritania\"\nto = \"borduria\"\nstatus = \"confirmed\"\nrivalry = [\"spatial\", \"positional\"]\nevidence = [{ reference = \"cow-data\", row = \"line 7\" }]",
        );
    let files = GraphFiles::from_dir(&c.graph).unwrap();
    let g = load(&files)
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
        .graph;
    let ru = g.actor_by_id("ruritania").unwrap();
    let bo = g.actor_by_id("borduria").unwrap();
    assert_eq!(g.capital(ru).unwrap().name, "Strelsau");
    assert_eq!(g.cinc(ru), Some(0.0125));
    assert_eq!(g.cinc(bo), None);
    assert!(g.is_major_power(ru));
    assert!(!g.is_major_power(bo));
    // Prague to Belgrade is about 740 km as the crow flies.
    let d = g.distance_km(ru, bo).unwrap();
    assert!((d - 740.0).abs() < 15.0, "{d}");
    assert_eq!(g.distance_km(ru, g.actor_by_id("zenda").unwrap()), None);
    let b = g.relations.iter().find(|r| r.rtype == "borders").unwrap();
    assert_eq!(b.contiguity, Some(1));
    let r = g.relations.iter().find(|r| r.rtype == "rival").unwrap();
    assert_eq!(r.rivalry, ["spatial", "positional"]);
    // `casus show` prints them, text and JSON.
    casus()
        .args(["show", "ruritania", "--graph"])
        .arg(&c.graph)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "capital: Strelsau (50.08, 14.42)",
        ))
        .stdout(predicates::str::contains("CINC 2016: 0.0125"))
        .stdout(predicates::str::contains("major power"))
        .stdout(predicates::str::contains(
            "contiguity 1: land or river border",
        ))
        .stdout(predicates::str::contains("rivalry: spatial, positional"));
    let out = casus()
        .args(["show", "ruritania", "--format", "json", "--graph"])
        .arg(&c.graph)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["attrs"]["cinc"]["value"], 0.0125);
    assert_eq!(v["attrs"]["major_power"]["row"], "line 4");
    let border = v["outgoing"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "borders")
        .unwrap();
    assert_eq!(border["contiguity"], 1);
}

#[test]
fn bad_covariates_are_reported_where_written() {
    let c = Copy::new();
    with_covariate_types(&c)
        .edit(
            "actors.toml",
            "cow = 901\n",
            &format!("cow = 901\n{}", ATTRS.replace("lat = 50.08", "lat = 95.0")),
        )
        .edit(
            "actors.toml",
            "kind = \"place\"",
            "kind = \"place\"\nattrs = { major_power = { reference = \"cow-data\" } }",
        )
        .append(
            "relations/main.toml",
            "[[relation]]\ntype = \"borders\"\nfrom = \"ruritania\"\nto = \"borduria\"\nstatus = \"confirmed\"\ncontiguity = 7\nevidence = [{ reference = \"cow-data\" }]\n\n[[relation]]\ntype = \"rival\"\nfrom = \"ruritania\"\nto = \"borduria\"\nstatus = \"confirmed\"\nrivalry = [\"spacial\"]\ncontiguity = 1\nevidence = [{ reference = \"cow-data\" }]",
        );
    let errs = c.errors();
    let has = |m: &str| errs.iter().any(|d| d.message.contains(m));
    assert!(has("latitude 95 is off the globe"), "{errs:#?}");
    assert!(has(
        "attrs (capital, cinc, major_power) are for states, not a place"
    ));
    assert!(has("contiguity 7 is not a COW Direct Contiguity type"));
    assert!(has("unknown rivalry type `spacial`"));
    assert!(has("contiguity is for `borders` relations, not `rival`"));
    assert_eq!(errs.len(), 5, "{errs:#?}");
    let lat = errs
        .iter()
        .find(|d| d.message.contains("latitude"))
        .unwrap();
    assert!(lat.file.ends_with("actors.toml"));
    assert_eq!(lat.line, 9);
}

#[test]
fn unknown_kind_of_support_lists_the_kinds() {
    let c = Copy::new();
    c.edit(
        "relations/main.toml",
        "type = \"attacks\"",
        "type = \"attacks\"\nsupport = [\"tanks\"]",
    );
    expect_one(
        &c,
        "relations/main.toml",
        3,
        "unknown kind of support `tanks`",
        "use troops, ",
    );
}
