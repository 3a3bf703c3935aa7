//! One's own graph (issue 12): `casus init`, `add`, `remove`, `edit`,
//! overlays loaded with their bases, `export --format toml`; refused and
//! interrupted edits leave the directory byte for byte as it was.

use super::{casus, snapshot};
use std::path::{Path, PathBuf};

/// `add relation ally pakistan turkey`, reported, citing the SIPRI register.
const ALLY: &[&str] = &[
    "add",
    "relation",
    "ally",
    "pakistan",
    "turkey",
    "--status",
    "reported",
    "--reference",
    "sipri-trade-register",
];

/// The original seed file: a real text that is no document of the
/// built-in graph (its four posts are documents one by one).
fn article() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/original/000_80129e08c0ab0c93.txt")
}

/// `casus ARGS` run in `cwd`.
fn run_in(cwd: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    casus().current_dir(cwd).args(args).assert()
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// A temporary directory outside the checkout with `mine/` initialised,
/// the article added as a source; returns the source id.
fn started() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(article(), tmp.path().join("article.txt")).unwrap();
    run_in(tmp.path(), &["init", "mine"]).success();
    let a = run_in(tmp.path(), ADD_ARTICLE).success();
    let id = stdout_of(&a).lines().next().unwrap().to_string();
    (tmp, id)
}

/// Pakistan, the SIPRI register and its 2017 order of ten MFI-17 trainers
/// for Azerbaijan (SIPRI trade register: recipient Azerbaijan, supplier
/// Pakistan, ordered 2017, delivered 2018).
fn add_pakistan(cwd: &Path) {
    run_in(
        cwd,
        &[
            "add", "actor", "pakistan", "--kind", "state", "--name", "Pakistan", "--iso3", "PAK",
            "--cow", "770", "--graph", "mine",
        ],
    )
    .success();
    run_in(
        cwd,
        &[
            "add",
            "reference",
            "sipri-trade-register",
            "--title",
            "SIPRI Arms Transfers Database: trade register",
            "--publisher",
            "SIPRI",
            "--graph",
            "mine",
        ],
    )
    .success();
    let a = run_in(
        cwd,
        &[&["add", "relation"], PAKISTAN_ARMS, &["--graph", "mine"]].concat(),
    )
    .success();
    assert!(
        stdout_of(&a).starts_with("arms-supplier-pakistan-azerbaijan-2018\n"),
        "{}",
        stdout_of(&a)
    );
}

/// How many relations `casus validate` counts with `graphs`.
fn relations(cwd: &Path, graphs: &[&str]) -> u64 {
    let mut args = vec!["validate", "--format", "json"];
    args.extend_from_slice(graphs);
    let out = run_in(cwd, &args).success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    v["summary"]["relations"]
        .as_u64()
        .expect("a relation count")
}

#[test]
fn the_done_when_flow_works_from_outside_the_checkout() {
    let (tmp, id) = started();
    let cwd = tmp.path();
    assert_eq!(id, "2020-10-04-the-seed-posts");
    assert_eq!(
        std::fs::read(cwd.join(format!("mine/sources/{id}.txt"))).unwrap(),
        std::fs::read(article()).unwrap(),
        "the text is copied byte for byte"
    );
    add_pakistan(cwd);
    let quote = "Armenia has withdrawn its ambassador to Israel as a protest over Israeli arms sales to Azerbaijan";
    run_in(
        cwd,
        &[
            "add",
            "relation",
            "condemns",
            "armenia",
            "israel",
            "--status",
            "reported",
            "--date",
            "2020-10-01",
            "--quote",
            quote,
            "--source",
            &id,
            "--graph",
            "mine",
        ],
    )
    .success();
    for graphs in [
        &["--graph", "builtin", "--graph", "mine"][..],
        &["--graph", "mine"][..],
    ] {
        let mut args = vec!["path", "pakistan", "armenia"];
        args.extend_from_slice(graphs);
        let a = run_in(cwd, &args).success();
        assert!(
            stdout_of(&a).contains("1. Pakistan - Azerbaijan - Armenia"),
            "{}",
            stdout_of(&a)
        );
    }
    let a = casus()
        .current_dir(cwd)
        .env(
            "CASUS_GRAPH",
            std::env::join_paths(["builtin", "mine"]).unwrap(),
        )
        .args(["show", "israel"])
        .assert()
        .success();
    assert!(
        stdout_of(&a).contains("withdrawn its ambassador to Israel as a protest"),
        "{}",
        stdout_of(&a)
    );
    // The overlay's facts are the built-in graph's plus two.
    assert_eq!(
        relations(cwd, &["--graph", "mine"]),
        relations(cwd, &[]) + 2
    );
}

#[test]
fn a_refused_edit_leaves_the_directory_byte_for_byte() {
    let (tmp, id) = started();
    let cwd = tmp.path();
    add_pakistan(cwd);
    let before = snapshot(&cwd.join("mine"));
    let refused = |args: &[&str], says: &[&str]| {
        let mut all = vec!["add", "relation"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--graph", "mine"]);
        let a = run_in(cwd, &all).code(1);
        let err = stderr_of(&a);
        for s in says {
            assert!(err.contains(s), "{s:?} not in:\n{err}");
        }
        assert!(
            err.contains("mine/relations.toml:"),
            "the diagnostic is placed: {err}"
        );
        assert_eq!(
            snapshot(&cwd.join("mine")),
            before,
            "{args:?} changed mine/"
        );
    };
    let q = "Armenia has withdrawn its ambassador to Israel";
    refused(
        &[
            "condemns",
            "armenia",
            "israel",
            "--status",
            "reported",
            "--quote",
            "Armenia has recalled its ambassador to Israel",
            "--source",
            &id,
        ],
        &["quote not found", "where the text reads"],
    );
    refused(
        &[
            "condemns", "armenia", "atlantis", "--status", "reported", "--quote", q, "--source",
            &id,
        ],
        &["unknown actor `atlantis`", "casus add actor"],
    );
    refused(
        &[
            "condems", "armenia", "israel", "--status", "reported", "--quote", q, "--source", &id,
        ],
        &[
            "undeclared relation type `condems`",
            "did you mean `condemns`?",
        ],
    );
    refused(
        &[
            "condemns", "armenia", "israel", "--status", "sure", "--quote", q, "--source", &id,
        ],
        &["sure"],
    );
    // The same fact as one already there is refused too (given twice).
    refused(&[PAKISTAN_ARMS, &["--key", "again"]].concat(), &["twice"]);
}

/// The temporary siblings in `dir` and below.
fn debris(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_iter()
        .map(|(p, _)| p.display().to_string())
        .filter(|n| n.contains("casus-tmp"))
        .collect()
}

/// Runs `casus ARGS` in `cwd` with CASUS_TEST_PAUSE_EDIT=`at`, waits until
/// `ready(cwd/mine)` holds (the process is paused there), sends `signal`
/// and returns the exit code.
#[cfg(unix)]
fn signal_a_paused_edit(
    cwd: &Path,
    args: &[&str],
    at: &str,
    ready: impl Fn(&Path) -> bool,
    signal: &str,
) -> Option<i32> {
    let mine = cwd.join("mine");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("casus"))
        .current_dir(cwd)
        .env_remove("CASUS_GRAPH")
        .env("CASUS_TEST_PAUSE_EDIT", at)
        .args(args)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let t0 = std::time::Instant::now();
    while !ready(&mine) {
        assert!(
            t0.elapsed().as_secs() < 50,
            "the edit never reached its pause"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap().code()
}

/// Ready when a temporary file in `mine` (the journal being built) holds `marker`.
fn journal_holds(marker: &str) -> impl Fn(&Path) -> bool + '_ {
    move |mine: &Path| {
        debris(mine)
            .iter()
            .any(|d| std::fs::read_to_string(mine.join(d)).is_ok_and(|t| t.contains(marker)))
    }
}

/// `add relation` paused with its temporary relations.toml written, then `signal`.
#[cfg(unix)]
fn interrupt_an_edit(cwd: &Path, id: &str, signal: &str) -> Option<i32> {
    let quote = "Armenia has withdrawn its ambassador to Israel";
    let args = [
        "add", "relation", "condemns", "armenia", "israel", "--status", "reported", "--quote",
        quote, "--source", id, "--graph", "mine",
    ];
    signal_a_paused_edit(cwd, &args, "journal", journal_holds("[[relation]]"), signal)
}

#[cfg(unix)]
#[test]
fn a_kill_in_the_middle_of_a_write_leaves_the_directory_as_it_was() {
    let (tmp, id) = started();
    let cwd = tmp.path();
    let mine = cwd.join("mine");
    let before = snapshot(&mine);
    // Ctrl-C: the handler removes the temporary file.
    assert_eq!(interrupt_an_edit(cwd, &id, "-INT"), Some(130));
    assert_eq!(
        snapshot(&mine),
        before,
        "every file is as it was, no debris"
    );
    // SIGKILL: nothing can clean up, the temporary file stays.
    interrupt_an_edit(cwd, &id, "-KILL");
    let after: Vec<_> = snapshot(&mine)
        .into_iter()
        .filter(|(p, _)| !p.display().to_string().contains("casus-tmp"))
        .collect();
    assert_eq!(after, before, "every file is as it was");
    // The journal being built stays, in one temporary directory, and
    // holds no file the loader reads.
    let left = debris(&mine);
    assert!(!left.is_empty(), "a SIGKILL cannot clean up");
    let top: std::collections::BTreeSet<_> =
        left.iter().map(|d| d.split('/').next().unwrap()).collect();
    assert_eq!(top.len(), 1, "one temporary journal: {left:?}");
    assert!(
        left.iter().all(|d| !d.ends_with(".toml")),
        "the loader reads *.toml only: {left:?}"
    );
    assert_eq!(
        relations(cwd, &["--graph", "mine"]),
        relations(cwd, &[]),
        "nothing was added"
    );
}

const HAND_WRITTEN: &str = "# My facts.\n\n# ---- arms\n[[relation]]\nkey   = \"mine-1\"   # aligned by hand\ntype = \"arms_supplier\"\nfrom = \"turkey\"\nto = \"azerbaijan\"\nstatus = \"confirmed\"\nevidence = [ { reference = \"sipri-trade-register\" } ]\n";

#[test]
fn edits_keep_the_analysts_comments_and_formatting() {
    let (tmp, _) = started();
    let cwd = tmp.path();
    add_pakistan(cwd);
    let rel = cwd.join("mine/relations.toml");
    std::fs::write(&rel, HAND_WRITTEN).unwrap();
    run_in(cwd, &["validate", "--graph", "mine"]).success();
    let a = run_in(cwd, &[ALLY, &["--graph", "mine"]].concat()).success();
    assert!(stdout_of(&a).starts_with("ally-pakistan-turkey\n"));
    let added = std::fs::read_to_string(&rel).unwrap();
    assert!(
        added.starts_with(HAND_WRITTEN),
        "the text before is kept:\n{added}"
    );
    run_in(
        cwd,
        &[
            "edit", "relation", "mine-1", "status", "reported", "--graph", "mine",
        ],
    )
    .success();
    let edited = std::fs::read_to_string(&rel).unwrap();
    assert_eq!(
        edited,
        added.replace("status = \"confirmed\"", "status = \"reported\""),
        "only the field changes"
    );
    // A value the loader refuses is not written.
    run_in(
        cwd,
        &[
            "edit", "relation", "mine-1", "status", "certain", "--graph", "mine",
        ],
    )
    .code(1);
    assert_eq!(std::fs::read_to_string(&rel).unwrap(), edited);
    run_in(
        cwd,
        &[
            "remove",
            "relation",
            "ally-pakistan-turkey",
            "--graph",
            "mine",
        ],
    )
    .success();
    assert_eq!(
        std::fs::read_to_string(&rel).unwrap(),
        HAND_WRITTEN.replace("status = \"confirmed\"", "status = \"reported\""),
        "add then remove gives the file back"
    );
    run_in(
        cwd,
        &[
            "edit",
            "relation",
            "mine-1",
            "note",
            "set by hand",
            "--graph",
            "mine",
        ],
    )
    .success();
    run_in(
        cwd,
        &[
            "edit", "relation", "mine-1", "note", "--unset", "--graph", "mine",
        ],
    )
    .success();
    assert_eq!(
        std::fs::read_to_string(&rel).unwrap(),
        HAND_WRITTEN.replace("status = \"confirmed\"", "status = \"reported\"")
    );
    run_in(
        cwd,
        &[
            "edit",
            "actor",
            "pakistan",
            "aliases",
            "Pakistani, Islamabad",
            "--graph",
            "mine",
        ],
    )
    .success();
    let a = run_in(cwd, &["show", "Islamabad", "--graph", "mine"]).success();
    assert!(stdout_of(&a).contains("Pakistan"));
}

#[test]
fn only_the_directorys_own_relations_can_be_removed() {
    let (tmp, _) = started();
    let cwd = tmp.path();
    add_pakistan(cwd);
    let before = snapshot(&cwd.join("mine"));
    let a = run_in(
        cwd,
        &["remove", "relation", "ganja-strike", "--graph", "mine"],
    )
    .code(1);
    assert!(
        stderr_of(&a).contains("not in mine itself"),
        "{}",
        stderr_of(&a)
    );
    let a = run_in(
        cwd,
        &[
            "remove",
            "relation",
            "arms-supplier-pakistan-azerbaijan-201",
            "--graph",
            "mine",
        ],
    )
    .code(1);
    assert!(
        stderr_of(&a).contains("did you mean `arms-supplier-pakistan-azerbaijan-2018`?"),
        "{}",
        stderr_of(&a)
    );
    assert_eq!(snapshot(&cwd.join("mine")), before);
    let a = run_in(cwd, ALLY).code(2);
    assert!(stderr_of(&a).contains("--graph DIR"), "{}", stderr_of(&a));
}

#[test]
fn a_batch_adds_everything_or_nothing() {
    use casus::edit::{add, Evidence, NewActor, NewRelation};
    let (tmp, _) = started();
    let mine = tmp.path().join("mine");
    let before = snapshot(&mine);
    let actor = NewActor {
        id: "pakistan".into(),
        kind: "state".into(),
        name: "Pakistan".into(),
        cow: Some(770),
        ..NewActor::default()
    };
    let rel = |to: &str| NewRelation {
        rel_type: "diplomatic_support".into(),
        from: "pakistan".into(),
        to: to.into(),
        status: "reported".into(),
        evidence: Evidence::Reference("wiki-2020-war".into()),
        since: None,
        until: None,
        date: Some("2020-10".into()),
        note: None,
        key: None,
        place: None,
        role: None,
        treaty: None,
    };
    let bad = add(
        &[],
        &mine,
        std::slice::from_ref(&actor),
        &[rel("azerbaijan"), rel("atlantis")],
    )
    .unwrap_err();
    let diags = bad.load_error().expect("the loader's diagnostics");
    assert!(diags.render(false).contains("unknown actor `atlantis`"));
    assert_eq!(snapshot(&mine), before, "not even the actor was written");
    let added = add(&[], &mine, &[actor], &[rel("Azeri")]).unwrap();
    assert_eq!(added.actors, ["pakistan"]);
    assert_eq!(
        added.relations,
        ["diplomatic-support-pakistan-azerbaijan-2020-10"]
    );
    assert_eq!(added.files, ["actors.toml", "relations.toml"]);
    let g = casus::edit::load_with(&[], &mine).unwrap().graph;
    assert!(g.find("Pakistan").found().is_some() && g.find("Armenia").found().is_some());
}

#[test]
fn overlays_name_what_they_extend() {
    let (tmp, _) = started();
    let cwd = tmp.path();
    // Two overlays of the built-in graph load it once, with both.
    run_in(cwd, &["init", "theirs"]).success();
    add_pakistan(cwd);
    run_in(cwd, &["validate", "--graph", "mine", "--graph", "theirs"]).success();
    // An overlay of an overlay.
    run_in(cwd, &["init", "deeper", "--graph", "mine"]).success();
    let a = run_in(cwd, &["path", "pakistan", "armenia", "--graph", "deeper"]).success();
    assert!(stdout_of(&a).contains("Pakistan - Azerbaijan - Armenia"));
    run_in(cwd, &["init", "deeper"]).code(1);
    // A mistyped manifest is an error at its place, a cycle is refused.
    std::fs::write(cwd.join("theirs/casus.toml"), "extend = [\"builtin\"]\n").unwrap();
    let a = run_in(cwd, &["validate", "--graph", "theirs"]).code(1);
    assert!(
        stderr_of(&a).contains("theirs/casus.toml:1:1"),
        "{}",
        stderr_of(&a)
    );
    std::fs::write(cwd.join("theirs/casus.toml"), "extends = [\"../deeper\"]\n").unwrap();
    std::fs::write(cwd.join("mine/casus.toml"), "extends = [\"../theirs\"]\n").unwrap();
    let a = run_in(cwd, &["validate", "--graph", "deeper"]).code(1);
    assert!(
        stderr_of(&a).contains("extends itself"),
        "{}",
        stderr_of(&a)
    );
}

#[test]
fn export_toml_writes_the_builtin_graph_as_editable_files() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    run_in(cwd, &["export", "--format", "toml", "-o", "graph"]).success();
    assert!(cwd.join("graph/seeds").is_dir() && cwd.join("graph/relations").is_dir());
    let summary = |args: &[&str]| {
        let mut all = vec!["validate", "--format", "json"];
        all.extend_from_slice(args);
        let mut v: serde_json::Value =
            serde_json::from_slice(&run_in(cwd, &all).success().get_output().stdout).unwrap();
        v["summary"].take()
    };
    assert_eq!(
        summary(&["--graph", "graph"]),
        summary(&[]),
        "the same graph"
    );
    let a = run_in(cwd, &["export", "--format", "toml", "-o", "graph"]).code(1);
    assert!(stderr_of(&a).contains("--force"), "{}", stderr_of(&a));
    run_in(
        cwd,
        &["export", "--format", "toml", "-o", "graph", "--force"],
    )
    .success();
    // An exported graph is edited like any other; a file casus did not
    // write protects it from --force.
    run_in(
        cwd,
        &[
            "add", "actor", "pakistan", "--kind", "state", "--name", "Pakistan", "--graph", "graph",
        ],
    )
    .success();
    std::fs::write(cwd.join("graph/notes.md"), "mine\n").unwrap();
    let a = run_in(
        cwd,
        &["export", "--format", "toml", "-o", "graph", "--force"],
    )
    .code(1);
    assert!(stderr_of(&a).contains("did not write"), "{}", stderr_of(&a));
    run_in(
        cwd,
        &[
            "export", "--format", "toml", "--graph", "graph", "-o", "other",
        ],
    )
    .code(2);
}

#[test]
fn a_quote_may_be_added_as_a_statement_and_its_status_derived() {
    let (tmp, id) = started();
    let cwd = tmp.path();
    let before = snapshot(&cwd.join("mine"));
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = [
            "add",
            "relation",
            "condemns",
            "armenia",
            "israel",
            "--date",
            "2020-10-01",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(
            [
                "--quote",
                "Armenia has withdrawn its ambassador to Israel",
                "--source",
                &id,
                "--graph",
                "mine",
            ]
            .map(String::from),
        );
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    // A party's own word is a claim: `reported` is refused with the reason.
    let a = casus()
        .current_dir(cwd)
        .args(args(&[
            "--stance", "claims", "--by", "Armenian", "--status", "reported",
        ]))
        .assert()
        .code(1);
    assert!(
        stderr_of(&a).contains("give `claimed`"),
        "{}",
        stderr_of(&a)
    );
    assert_eq!(snapshot(&cwd.join("mine")), before);
    casus()
        .current_dir(cwd)
        .args(args(&["--stance", "claims", "--by", "Armenian"]))
        .assert()
        .success();
    let written = std::fs::read_to_string(cwd.join("mine/relations.toml")).unwrap();
    assert!(
        written.contains("stance = \"claims\", by = \"armenia\" }"),
        "{written}"
    );
    assert!(
        !written.contains("status ="),
        "the status is left to the loader: {written}"
    );
    let a = run_in(
        cwd,
        &[
            "facts", "--source", &id, "--graph", "mine", "--format", "json",
        ],
    )
    .success();
    assert!(
        stdout_of(&a).contains("\"status\": \"claimed\""),
        "{}",
        stdout_of(&a)
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    /// Whatever comments, blank lines and spacing the analyst's file has,
    /// adding a relation keeps every byte before it and removing it gives
    /// the file back byte for byte.
    #[test]
    fn add_then_remove_gives_the_analysts_file_back(
        lines in proptest::collection::vec("(# [a-zA-Z ,.'-]{0,30}| {0,3}|#)", 0..8),
    ) {
        use casus::edit::{add, remove_relation, Evidence, NewRelation};
        let (tmp, id) = shared_start();
        let mine = tmp.path().join("mine");
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(mine.join("relations.toml"), &text).unwrap();
        let rel = NewRelation {
            rel_type: "condemns".into(),
            from: "armenia".into(),
            to: "israel".into(),
            status: "reported".into(),
            evidence: Evidence::Quote { source: id.clone(), text: "Armenia has withdrawn its ambassador to Israel".into() },
            since: None,
            until: None,
            date: Some("2020-10-01".into()),
            note: None,
            key: None,
            place: None,
            role: None,
            treaty: None,
        };
        let added = add(&[], &mine, &[], &[rel]).unwrap();
        let with = std::fs::read_to_string(mine.join("relations.toml")).unwrap();
        proptest::prop_assert!(with.starts_with(&text));
        remove_relation(&[], &mine, &added.relations[0]).unwrap();
        proptest::prop_assert_eq!(std::fs::read_to_string(mine.join("relations.toml")).unwrap(), text);
    }
}

/// `started()` through the library (no process per case).
fn shared_start() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("mine");
    casus::edit::init(&mine, &[]).unwrap();
    let src = casus::edit::NewSource {
        text: std::fs::read_to_string(article()).unwrap(),
        title: "The seed posts".into(),
        date: "2020-10-04".into(),
        ..Default::default()
    };
    let id = casus::edit::add_source(&[], &mine, &src).unwrap().id;
    (tmp, id)
}

#[test]
fn what_cannot_be_edited_is_said_with_the_way_out() {
    let (tmp, _) = started();
    let cwd = tmp.path();
    let before = snapshot(&cwd.join("mine"));
    std::fs::write(cwd.join("latin1.txt"), b"Baku \xe9t\xe9\n").unwrap();
    let a = run_in(
        cwd,
        &[
            "add",
            "source",
            "latin1.txt",
            "--title",
            "T",
            "--date",
            "2020",
            "--graph",
            "mine",
        ],
    )
    .code(1);
    assert!(stderr_of(&a).contains("not UTF-8"), "{}", stderr_of(&a));
    assert_eq!(snapshot(&cwd.join("mine")), before);
    let a = run_in(
        cwd,
        &[
            "add", "actor", "x", "--kind", "state", "--name", "X", "--graph", "nowhere",
        ],
    )
    .code(1);
    assert!(
        stderr_of(&a).contains("casus init DIR"),
        "{}",
        stderr_of(&a)
    );
    assert!(!cwd.join("nowhere").exists());
    let a = run_in(
        cwd,
        &[
            "edit", "actor", "turkey", "name", "Türkiye", "--graph", "mine",
        ],
    )
    .code(1);
    assert!(
        stderr_of(&a).contains("id = \"turkey\": it is in a graph this one builds on"),
        "{}",
        stderr_of(&a)
    );
    run_in(
        cwd,
        &["edit", "relation", "k", "key", "other", "--graph", "mine"],
    )
    .code(2);
    assert_eq!(snapshot(&cwd.join("mine")), before);
}

#[test]
fn a_directory_that_uses_builtin_ids_is_told_to_extend_it() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    std::fs::create_dir(cwd.join("plain")).unwrap();
    std::fs::write(
        cwd.join("plain/r.toml"),
        "[[relation]]\ntype = \"ally\"\nfrom = \"turkey\"\nto = \"azerbaijan\"\nstatus = \"reported\"\nkey = \"k\"\nevidence = [{ reference = \"wiki-2020-war\" }]\n",
    )
    .unwrap();
    // The failure of issue 12, now with the way out.
    let a = run_in(cwd, &["validate", "--graph", "builtin", "--graph", "plain"]).code(1);
    let err = stderr_of(&a);
    assert!(
        err.contains("undeclared relation type `ally`") && err.contains("unknown actor `turkey`"),
        "{err}"
    );
    assert!(
        err.contains("write plain/casus.toml with extends = [\"builtin\"]"),
        "{err}"
    );
    std::fs::write(cwd.join("plain/casus.toml"), "extends = [\"builtin\"]\n").unwrap();
    // The same fact as the built-in one is now `given twice`: loaded as one graph.
    let a = run_in(cwd, &["validate", "--graph", "builtin", "--graph", "plain"]).code(1);
    assert!(stderr_of(&a).contains("twice"), "{}", stderr_of(&a));
}

/// Pakistan's SIPRI-registered supply to Azerbaijan (the arguments after
/// `add relation`).
const PAKISTAN_ARMS: &[&str] = &[
    "arms_supplier",
    "Pakistan",
    "azerbaijan",
    "--status",
    "confirmed",
    "--reference",
    "sipri-trade-register",
    "--since",
    "2018",
];

/// `casus add source` of the article, as `started` runs it.
const ADD_ARTICLE: &[&str] = &[
    "add",
    "source",
    "article.txt",
    "--title",
    "The seed posts",
    "--date",
    "2020-10-04",
    "--graph",
    "mine",
];

#[cfg(unix)]
#[test]
fn a_source_killed_between_its_two_renames_is_finished_whole_by_the_next_load() {
    let killed = tempfile::tempdir().unwrap();
    let clean = tempfile::tempdir().unwrap();
    for d in [killed.path(), clean.path()] {
        std::fs::copy(article(), d.join("article.txt")).unwrap();
        run_in(d, &["init", "mine"]).success();
    }
    let before = snapshot(&killed.path().join("mine"));
    // Paused between its two renames (the text is in place, sources.toml
    // not yet), and killed there.
    let between = |mine: &Path| {
        let j = mine.join(".casus-edit");
        j.join("1").exists() && !j.join("0").exists()
    };
    signal_a_paused_edit(killed.path(), ADD_ARTICLE, "2", between, "-KILL");
    let mine = killed.path().join("mine");
    let on_disk = snapshot(&mine);
    assert!(
        on_disk.iter().any(|(p, _)| p.starts_with("sources/")),
        "the first rename happened"
    );
    let file = |snap: &[(PathBuf, Vec<u8>)], name: &str| {
        snap.iter()
            .find(|(p, _)| p.as_path() == Path::new(name))
            .map(|(_, b)| b.clone())
    };
    assert_eq!(
        file(&on_disk, "sources.toml"),
        file(&before, "sources.toml"),
        "the second did not: the batch is half-applied on disk"
    );
    // The next command that loads the directory finishes the batch: it
    // sees the source whole, as a run that was never killed left it.
    run_in(clean.path(), ADD_ARTICLE).success();
    run_in(killed.path(), &["validate", "--graph", "mine"]).success();
    assert!(!mine.join(".casus-edit").exists(), "the journal is gone");
    assert_eq!(snapshot(&mine), snapshot(&clean.path().join("mine")));
}

#[test]
fn a_relation_takes_its_place_and_treaty_checked_like_the_rest() {
    let (tmp, id) = started();
    let cwd = tmp.path();
    let quote = "The Armenians responded with a missile attack on the Azeri city of Ganja.";
    let attack = |place: &str, treaty: Option<&str>| {
        let mut args = vec![
            "add",
            "relation",
            "attacks",
            "armenia",
            "ganja",
            "--status",
            "claimed",
            "--date",
            "2020-10-04",
            "--place",
            place,
            "--quote",
            quote,
            "--source",
            &id,
            "--graph",
            "mine",
        ];
        if let Some(t) = treaty {
            args.extend(["--treaty", t]);
        }
        run_in(cwd, &args)
    };
    let before = snapshot(&cwd.join("mine"));
    // An unknown place, an unknown treaty: refused by the loader, nothing written.
    let a = attack("Atlantis", None).failure();
    assert!(stderr_of(&a).contains("Atlantis"), "{}", stderr_of(&a));
    let a = attack("Ganja", Some("no-such-treaty")).failure();
    assert!(
        stderr_of(&a).contains("no-such-treaty"),
        "{}",
        stderr_of(&a)
    );
    assert_eq!(snapshot(&cwd.join("mine")), before);
    // The place by its name, written as its id.
    attack("Ganja", None).success();
    let file = std::fs::read_to_string(cwd.join("mine/relations.toml")).unwrap();
    assert!(file.contains("place = \"ganja\""), "{file}");
    run_in(cwd, &["validate", "--graph", "mine"]).success();
}
