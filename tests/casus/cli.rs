//! The command line as a new user meets it (issue 16): shell completions,
//! the man page, progress on stderr, and one test per trap the issue
//! lists (each asserting the message that names the problem).

use crate::{casus, fixture};
use predicates::prelude::*;
use predicates::str::contains;

fn stdout_of(args: &[&str]) -> String {
    let out = casus().args(args).output().expect("casus runs");
    assert!(out.status.success(), "casus {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

// Completions and man page ------------------------------------------------

#[test]
fn completions_are_generated_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_casus()"),
        ("zsh", "#compdef casus"),
        ("fish", "complete -c casus"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[casus]"),
    ] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        for sub in ["escalate", "neighbors", "completions", "man"] {
            assert!(script.contains(sub), "{shell}: `{sub}` is not completed");
        }
        // Options of a subcommand, not only the subcommands.
        assert!(script.contains("min-status"), "{shell}: no --min-status");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    casus()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(contains("bash").and(contains("powershell")));
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH casus 1"), "no title line");
    assert!(page.contains(".SH SYNOPSIS"));
    for sub in ["validate", "path", "escalate", "import", "completions"] {
        assert!(page.contains(sub), "the man page omits `{sub}`");
    }
}

#[test]
fn man_dir_writes_one_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    casus()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(contains("man pages"));
    for page in ["casus.1", "casus-path.1", "casus-escalate.1", "casus-man.1"] {
        let text = std::fs::read_to_string(dir.path().join(page))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.starts_with(".ie"), "{page} is not roff");
    }
    let path_page = std::fs::read_to_string(dir.path().join("casus-path.1")).unwrap();
    assert!(
        path_page.contains("max\\-hops"),
        "casus-path.1 lacks --max-hops"
    );
    casus()
        .args(["man", "--dir", "/nonexistent/man1"])
        .assert()
        .code(1)
        .stderr(contains("/nonexistent/man1"));
}

// Progress -----------------------------------------------------------------

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    // The tests capture stderr through a pipe: no bar, no control codes.
    let dir = tempfile::tempdir().unwrap();
    let out = casus()
        .args(["generate", "--relations", "2000", "-o"])
        .arg(dir.path().join("g"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert!(err.starts_with("wrote "), "{err:?}");
}

#[test]
fn quiet_silences_the_progress_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = casus()
        .args(["--quiet", "import", "--data"])
        .arg(fixture("data"))
        .args(["--year", "2010", "-o"])
        .arg(dir.path().join("w"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("reading"), "{err}");
    assert!(dir.path().join("w/actors.toml").is_file());
}

// The traps of issue 16 ----------------------------------------------------

#[test]
fn a_plural_kind_gets_a_suggestion() {
    casus()
        .args(["actors", "--kind", "states"])
        .assert()
        .code(2)
        .stderr(contains("unknown kind `states`").and(contains("did you mean `state`?")));
}

#[test]
fn type_errors_in_graph_files_use_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g");
    std::fs::create_dir_all(g.join("relations")).unwrap();
    for f in ["schema.toml", "sources.toml", "relations/main.toml"] {
        std::fs::copy(fixture("cli/islands").join(f), g.join(f)).unwrap();
    }
    let actors = std::fs::read_to_string(fixture("cli/islands/actors.toml")).unwrap();
    let bad =
        actors
            .replacen("cow = 901", "cow = \"901\"", 1)
            .replacen("cow = 902", "cow = 99999", 1);
    std::fs::write(g.join("actors.toml"), bad).unwrap();
    let out = casus()
        .arg("validate")
        .arg("--graph")
        .arg(&g)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("u16"), "{err}");
    assert_eq!(
        err.matches("expected a whole number from 0 to 65535")
            .count(),
        2,
        "{err}"
    );
    assert!(err.contains("actors.toml:6:7"), "{err}");
}

#[test]
fn a_missing_graph_directory_is_named() {
    casus()
        .env("CASUS_GRAPH", "/nope/graph")
        .arg("validate")
        .assert()
        .code(1)
        .stderr(
            contains("/nope/graph")
                .and(contains("CASUS_GRAPH environment variable"))
                .and(contains("--graph builtin")),
        );
    casus()
        .args(["validate", "--graph", "/nope/other"])
        .assert()
        .code(1)
        .stderr(contains("/nope/other").and(contains("environment").not()));
}

#[test]
fn import_without_out_says_nothing_was_written() {
    let dir = tempfile::tempdir().unwrap();
    casus()
        .current_dir(dir.path())
        .args(["import", "--data"])
        .arg(fixture("data"))
        .args(["--year", "2010"])
        .assert()
        .success()
        .stdout(contains("would write:").and(contains("\nwritten:").not()))
        .stderr(contains("nothing written").and(contains("-o DIR")));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn import_past_the_data_warns_on_the_console() {
    casus()
        .args(["import", "--data"])
        .arg(fixture("data"))
        .args(["--year", "2030", "--sets", "states,atop,cow"])
        .assert()
        .success()
        .stderr(contains(
            "warning: --year 2030 is after the end of states (2016), cow (2012), atop (2018)",
        ));
    // A year every data set covers: no warning.
    casus()
        .args(["import", "--data"])
        .arg(fixture("data"))
        .args(["--year", "2010"])
        .assert()
        .success()
        .stderr(contains("warning").not());
}

#[test]
fn commands_that_read_no_graph_refuse_graph() {
    casus()
        .args(["import", "--graph", "g", "--data"])
        .arg(fixture("data"))
        .assert()
        .code(2)
        .stderr(contains("casus import reads no graph"));
    casus()
        .args(["--graph", "g", "generate", "--relations", "1000", "-o", "x"])
        .assert()
        .code(2)
        .stderr(contains("casus generate reads no graph"));
    // From the environment it is a default for other commands: ignored here.
    let dir = tempfile::tempdir().unwrap();
    casus()
        .env("CASUS_GRAPH", "/nope")
        .args(["generate", "--relations", "1000", "-o"])
        .arg(dir.path().join("g"))
        .assert()
        .success();
}

#[test]
fn a_bad_strike_severity_is_named() {
    casus()
        .args(["escalate", "--strike", "azerbaijan:armenia:massive"])
        .assert()
        .failure()
        .stderr(
            contains("severity `massive`")
                .and(contains("incident, sustained, occupation"))
                .and(contains("not in the graph").not()),
        );
}

#[test]
fn path_between_separate_parts_says_so() {
    casus()
        .args(["path", "ruritania", "lilliput", "--graph"])
        .arg(fixture("cli/islands"))
        .assert()
        .code(1)
        .stderr(
            contains("no connection between Ruritania and Lilliput (no filters")
                .and(contains("separate parts of the graph"))
                .and(contains("loosen").not())
                .and(contains("under these filters").not()),
        );
    // With a filter, the filter is the suspect.
    casus()
        .args([
            "path",
            "ruritania",
            "borduria",
            "--via",
            "attacks",
            "--graph",
        ])
        .arg(fixture("cli/islands"))
        .assert()
        .code(1)
        .stderr(contains("under these filters"));
}

#[test]
fn neighbors_says_which_ties_it_leaves_out() {
    casus()
        .args(["neighbors", "israel"])
        .assert()
        .success()
        .stdout(contains("not listed: ").and(contains("between two actors of the same ring")));
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["neighbors", "israel", "--format", "json"])).unwrap();
    let ring: Vec<&str> = json["rings"][0]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let same = json["same_ring"].as_array().unwrap();
    assert!(!same.is_empty());
    for r in same {
        let (f, t) = (
            r["from"]["id"].as_str().unwrap(),
            r["to"]["id"].as_str().unwrap(),
        );
        assert!(ring.contains(&f) && ring.contains(&t), "{f} - {t}");
    }
    assert!(same.iter().any(|r| r["type"] == "at_war"
        && [r["from"]["id"].as_str(), r["to"]["id"].as_str()]
            .iter()
            .all(|x| matches!(x, Some("armenia" | "azerbaijan")))));
    // On the islands nothing is left out, and nothing is said.
    casus()
        .args(["neighbors", "ruritania", "--graph"])
        .arg(fixture("cli/islands"))
        .assert()
        .success()
        .stdout(contains("not listed").not());
}

#[test]
fn members_say_the_roll_is_what_the_graph_holds() {
    casus()
        .args(["members", "nato", "--as-of", "1950-01-01"])
        .assert()
        .success()
        .stdout(contains("not a complete membership roll").and(contains("under these filters")));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "members",
        "nato",
        "--as-of",
        "1950-01-01",
        "--format",
        "json",
    ]))
    .unwrap();
    let shown = json["members"].as_array().unwrap().len();
    let all = json["members_in_graph"].as_u64().unwrap() as usize;
    assert!(shown < all, "{shown} of {all}");
}
