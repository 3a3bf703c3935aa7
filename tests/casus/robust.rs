//! Nothing lost, nothing read that should not be (issue 15): atomic
//! outputs, damaged data sets refused loudly, early refusal of requests
//! that cannot fit, confined and bounded reads, linear-time diagnostics,
//! whole-word quotes. Each test fails on the code before these changes.

use crate::{casus, copy_dir, fixture, snapshot};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::path::{Path, PathBuf};

// ------------------------------------------------------------ damaged data

/// A copy of the data fixtures with `damaged` (tests/fixtures/damaged) in
/// place of `target` (relative to the data directory).
fn damaged_data(damaged: &str, target: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("data"), dir.path());
    std::fs::copy(fixture("damaged").join(damaged), dir.path().join(target)).unwrap();
    dir
}

/// `casus import` of one set from `data` into a fresh `out`: must fail
/// with exit 1, write nothing, and say `needles` on stderr.
fn import_refused(data: &Path, set: &str, needles: &[&str]) {
    let out = data.join("out");
    let assert = casus()
        .args(["import", "--sets", set, "--data"])
        .arg(data)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks `{n}`:\n{stderr}");
    }
    assert!(!out.exists(), "nothing is written for a damaged data set");
}

#[test]
fn a_stray_quote_in_the_sipri_register_is_refused_naming_both_lines() {
    let data = damaged_data(
        "sipri-stray-quote.csv",
        "sipri-arms-transfers/trade-register.csv",
    );
    import_refused(
        data.path(),
        "sipri",
        &[
            "trade-register.csv:14: damaged row: a quoted field opened on line 14 runs to line 22",
            "sipri:",
        ],
    );
}

#[test]
fn an_atop_file_cut_in_a_row_is_refused() {
    let data = damaged_data("atop-cut-row.csv", "atop-5.1/atop5_1m.csv");
    import_refused(
        data.path(),
        "atop",
        &["atop5_1m.csv:11: damaged row: 27 fields, the header has 105: the row is cut short"],
    );
}

#[test]
fn an_extra_cow_column_is_named_as_such() {
    let data = damaged_data(
        "cow-member-extra-column.csv",
        "cow-alliances-v4.1/alliance_v4.1_by_member.csv",
    );
    import_refused(
        data.path(),
        "cow",
        &["alliance_v4.1_by_member.csv:4: damaged row: 24 fields, the header has 23: the row has extra fields"],
    );
}

#[test]
fn fewer_rows_than_source_txt_states_is_refused() {
    let data = tempfile::tempdir().unwrap();
    copy_dir(&fixture("data"), data.path());
    std::fs::write(
        data.path().join("atop-5.1/SOURCE.txt"),
        "ATOP 5.1 member-level\nROWS: 20 (one per member x alliance phase).\n",
    )
    .unwrap();
    import_refused(
        data.path(),
        "atop",
        &[
            "atop: 11 of 20 rows lost",
            "10 never read (SOURCE.txt states 20, the file gave 10)",
        ],
    );
}

#[test]
fn invalid_values_in_most_rows_are_refused_a_few_are_listed() {
    // The fixtures hold one or a few invalid rows on purpose: listed, not fatal.
    let data = tempfile::tempdir().unwrap();
    copy_dir(&fixture("data"), data.path());
    casus()
        .args(["import", "--sets", "atop", "--data"])
        .arg(data.path())
        .assert()
        .success()
        .stdout(contains("invalid row (listed)"));
    // Every entry year unreadable: a file of another format.
    let atop = data.path().join("atop-5.1/atop5_1m.csv");
    let text = std::fs::read_to_string(&atop).unwrap();
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut f: Vec<&str> = l.split(',').collect();
            if i > 0 && f.len() > 5 {
                f[5] = "19x2";
            }
            f.join(",")
        })
        .collect();
    std::fs::write(&atop, broken.join("\n")).unwrap();
    import_refused(
        data.path(),
        "atop",
        &["atop: 10 of 10 rows lost", "refused as invalid"],
    );
}

// ---------------------------------------------------------- atomic outputs

fn import_states(data: &Path, out: &Path) -> assert_cmd::Command {
    let mut c = casus();
    c.args(["import", "--sets", "states,atop", "--data"])
        .arg(data)
        .arg("-o")
        .arg(out);
    c
}

#[test]
fn a_killed_import_leaves_no_half_written_graph() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("world");
    // Killed (aborted by the test hook) before the third file: no target.
    import_states(&fixture("data"), &out)
        .env("CASUS_TEST_ABORT_AT_FILE", "3")
        .assert()
        .failure();
    assert!(!out.exists(), "a killed first import leaves no directory");
    // A good import, then a killed --force over it: the old one is intact.
    import_states(&fixture("data"), &out).assert().success();
    let before = snapshot(&out);
    assert!(before.iter().any(|(p, _)| p.ends_with("treaties.toml")));
    // Every file but the marker is written by the loop: kill at the first,
    // one in the middle and the last.
    let files = before.len() - 1;
    for at in [1, files / 2, files] {
        import_states(&fixture("data"), &out)
            .arg("--force")
            .env("CASUS_TEST_ABORT_AT_FILE", at.to_string())
            .assert()
            .failure();
        assert_eq!(snapshot(&out), before, "killed at file {at}");
    }
    casus()
        .args(["validate", "--graph"])
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn force_never_replaces_a_curated_graph_and_refuses_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("mini");
    copy_dir(&fixture("mini"), &graph);
    std::fs::write(graph.join("relations/notes.md"), "my notes\n").unwrap();
    let before = snapshot(&graph);
    // The data directory does not exist: the refusal comes first.
    let missing = dir.path().join("no-data-here");
    for force in [false, true] {
        let mut c = import_states(&missing, &graph);
        if force {
            c.arg("--force");
        }
        c.assert()
            .code(2)
            .stderr(contains("holds files casus did not write"))
            .stderr(contains("no-data-here").not());
    }
    assert_eq!(snapshot(&graph), before);
    // An earlier import with a file added by hand is not casus's alone.
    let out = dir.path().join("world");
    import_states(&fixture("data"), &out).assert().success();
    std::fs::write(out.join("relations/notes.md"), "mine\n").unwrap();
    import_states(&fixture("data"), &out)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(contains("relations/notes.md"));
    assert!(out.join("relations/notes.md").exists());
}

#[test]
fn generate_refuses_a_foreign_directory_and_replaces_its_own_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    casus()
        .args(["generate", "--relations", "1000", "-o"])
        .arg(&out)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(contains("keep.txt"));
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
    let own = dir.path().join("own");
    for _ in 0..2 {
        casus()
            .args(["generate", "--relations", "1000", "--force", "-o"])
            .arg(&own)
            .assert()
            .success();
    }
    assert!(own.join(casus::atomic::MARKER).exists());
}

// ------------------------------------------------------------ early refusal

#[test]
fn requests_that_cannot_fit_are_refused_before_any_work() {
    casus()
        .args(["generate", "--relations", "10000000", "-o"])
        .arg(std::env::temp_dir().join("casus-never-written"))
        .assert()
        .code(2)
        .stderr(contains("generating 10000000 relations would need about"))
        .stderr(contains("--max-memory"));
    assert!(!std::env::temp_dir().join("casus-never-written").exists());
    casus()
        .args([
            "path",
            "russia",
            "turkey",
            "--all",
            "--limit",
            "100000000",
            "--max-hops",
            "5",
        ])
        .assert()
        .code(2)
        .stderr(contains("would need about"))
        .stderr(contains("lower --limit or --max-hops"));
    // The bound can be raised.
    let all_paths = |bound: &str| {
        let mut c = casus();
        c.args(["path", "russia", "turkey", "--all", "--limit", "1000000"])
            .args(["--max-memory", bound]);
        c
    };
    all_paths("1G").assert().code(2);
    all_paths("64G").assert().success();
}

// ------------------------------------------------- confined, bounded reads

/// A copy of the mini fixture and its seeds: (temp dir, graph directory).
fn mini() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("mini"), &dir.path().join("mini"));
    copy_dir(&fixture("seeds"), &dir.path().join("seeds"));
    let graph = dir.path().join("mini");
    (dir, graph)
}

fn edit(graph: &Path, file: &str, from: &str, to: &str) {
    let p = graph.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file} lacks {from}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// `casus validate` on `graph`: must fail; returns stderr.
fn validate_fails(graph: &Path) -> String {
    let out = casus()
        .args(["validate", "--graph"])
        .arg(graph)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1);
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

#[test]
fn documents_outside_the_graph_directory_are_not_read() {
    let (dir, graph) = mini();
    // A document beside the graph directory, not in seeds/: outside.
    std::fs::copy(
        dir.path().join("seeds/dispatch.txt"),
        dir.path().join("secret.txt"),
    )
    .unwrap();
    edit(
        &graph,
        "sources.toml",
        "../seeds/dispatch.txt",
        "../secret.txt",
    );
    let err = validate_fails(&graph);
    assert!(err.contains("outside the graph directory"), "{err}");
    // An absolute path is outside too.
    edit(&graph, "sources.toml", "../secret.txt", "/etc/hostname");
    let err = validate_fails(&graph);
    assert!(err.contains("outside the graph directory"), "{err}");
}

#[cfg(unix)]
#[test]
fn links_out_special_files_and_huge_files_are_refused_and_the_rest_still_checked() {
    let (dir, graph) = mini();
    std::os::unix::fs::symlink("/dev/zero", graph.join("zero.toml")).unwrap();
    let fifo = graph.join("pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    // A syntax error elsewhere is reported too: loading goes on.
    std::fs::write(graph.join("broken.toml"), "[[actor]\n").unwrap();
    let err = validate_fails(&graph);
    assert!(
        err.contains("zero.toml resolves to /dev/zero, outside the graph directory"),
        "{err}"
    );
    if made.is_ok_and(|s| s.success()) {
        assert!(err.contains("pipe.toml is not a regular file"), "{err}");
    }
    assert!(err.contains("broken.toml:1"), "{err}");
    // Over the size limit.
    std::fs::remove_file(graph.join("zero.toml")).unwrap();
    let _ = std::fs::remove_file(&fifo);
    std::fs::remove_file(graph.join("broken.toml")).unwrap();
    std::fs::write(graph.join("big.toml"), "# padding\n".repeat(300)).unwrap();
    let out = casus()
        .args(["validate", "--graph"])
        .arg(&graph)
        .env("CASUS_MAX_FILE_SIZE", "2K")
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("big.toml is larger than the limit of 2.0 KiB"),
        "{err}"
    );
    drop(dir);
}

#[test]
fn invalid_utf8_is_placed_and_every_file_is_still_checked() {
    let (_dir, graph) = mini();
    std::fs::write(graph.join("latin1.toml"), b"# notes\n# Fa\xdfbender\n").unwrap();
    edit(
        &graph,
        "relations/main.toml",
        "to = \"borduria\"",
        "to = \"bordurai\"",
    );
    let err = validate_fails(&graph);
    assert!(
        err.contains("latin1.toml:2:5") && err.contains("invalid byte at line 2, byte 5"),
        "{err}"
    );
    // The other files were loaded and checked: the unknown actor is found
    // (an unread file may declare it, so it is not reported as unknown,
    // but the graph still fails with both files named).
    assert!(err.contains("the graph has"), "{err}");
}

// ------------------------------------------------------------- diagnostics

#[test]
fn one_bad_actor_id_is_one_error() {
    let (_dir, graph) = mini();
    edit(
        &graph,
        "actors.toml",
        "id = \"borduria\"",
        "id = \"bordurja\"",
    );
    let err = validate_fails(&graph);
    assert!(err.contains("the graph has 1 error"), "{err}");
    assert!(
        err.contains("more references to `borduria` are not reported"),
        "{err}"
    );
    edit(
        &graph,
        "actors.toml",
        "id = \"bordurja\"",
        "id = \"Borduria\"",
    );
    let err = validate_fails(&graph);
    assert!(err.contains("the graph has 1 error"), "{err}");
    assert!(err.contains("actor id `Borduria` is not a slug"), "{err}");
}

#[test]
fn diagnostics_stay_small_and_come_in_linear_time() {
    let (_dir, graph) = mini();
    // A 5 MB actor id that is not a slug: the message and the snippet
    // are clipped (27 MB of stderr before).
    let long = format!(
        "[[actor]]\nid = \"Not A Slug {}\"\nname = \"X\"\nkind = \"place\"\n",
        "x".repeat(5_000_000)
    );
    std::fs::write(graph.join("long.toml"), long).unwrap();
    let err = validate_fails(&graph);
    assert!(
        err.contains("long.toml:2"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.len() < 10_000, "{} bytes of diagnostics", err.len());
    // 20,000 errors in one file: every one reported, each with its line.
    std::fs::remove_file(graph.join("long.toml")).unwrap();
    let mut many = String::new();
    for i in 0..20_000 {
        many.push_str(&format!(
            "[[relation]]\ntype = \"attacks\"\nfrom = \"ruritania\"\nto = \"borduria\"\nstatus = \"sure-{i}\"\nevidence = [{{ reference = \"treaty-text\" }}]\n\n"
        ));
    }
    std::fs::write(graph.join("relations/many.toml"), many).unwrap();
    let err = validate_fails(&graph);
    assert!(
        err.contains("the graph has 20000 errors"),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
    assert!(
        err.contains("many.toml:139998:10"),
        "the last error is placed"
    );
}

// ------------------------------------------------------------------ quotes

#[test]
fn quotes_are_whole_words_of_a_minimum_length() {
    let (_dir, graph) = mini();
    let q = "Ruritania's army shelled the town of Zenda on Monday";
    edit(&graph, "relations/main.toml", q, "a");
    let err = validate_fails(&graph);
    assert!(err.contains("quote too short to be evidence"), "{err}");
    edit(
        &graph,
        "relations/main.toml",
        "quote = \"a\"",
        "quote = \"itania's army shelled the to\"",
    );
    let err = validate_fails(&graph);
    assert!(err.contains("starts or ends inside a word"), "{err}");
    edit(
        &graph,
        "relations/main.toml",
        "itania's army shelled the to",
        "Ruritania's army shelled the town",
    );
    casus()
        .args(["validate", "--graph"])
        .arg(&graph)
        .assert()
        .success();
}

/// The temporary siblings in `dir`.
fn debris(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("casus-tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_writing_leaves_the_old_output_and_no_debris() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("world");
    let bin = assert_cmd::cargo::cargo_bin("casus");
    let interrupt_while_writing = || {
        // Paused before its second file, the writer is interrupted.
        let mut child = std::process::Command::new(&bin)
            .args(["generate", "--relations", "2000", "--force", "-o"])
            .arg(&out)
            .env("CASUS_TEST_PAUSE_AT_FILE", "2")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let t0 = std::time::Instant::now();
        while debris(dir.path()).is_empty() {
            assert!(t0.elapsed().as_secs() < 50, "the writer never started");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130));
        assert!(debris(dir.path()).is_empty(), "{:?}", debris(dir.path()));
    };
    interrupt_while_writing();
    assert!(!out.exists(), "an interrupted first write leaves nothing");
    casus()
        .args(["generate", "--relations", "1000", "-o"])
        .arg(&out)
        .assert()
        .success();
    let before = snapshot(&out);
    interrupt_while_writing();
    assert_eq!(snapshot(&out), before, "the earlier output is intact");
}

#[cfg(unix)]
#[test]
fn a_data_set_file_that_is_a_device_is_refused_not_read() {
    let data = tempfile::tempdir().unwrap();
    copy_dir(&fixture("data"), data.path());
    let atop = data.path().join("atop-5.1/atop5_1m.csv");
    std::fs::remove_file(&atop).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &atop).unwrap();
    casus()
        .args(["import", "--sets", "atop", "--data"])
        .arg(data.path())
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(contains("atop5_1m.csv is not a regular file"));
}
