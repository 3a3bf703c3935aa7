//! The examples of README.md and docs/*.md run against the built binary
//! (trycmd): every ```console block is a list of `$ casus ...` commands,
//! each followed by its output (stdout and stderr together) and, when it
//! does not succeed, its exit code on a `? CODE` line. `...` on a line of
//! its own stands for any number of lines, `[..]` for the rest of a line.
//! A block that needs the data sets of ../shared/data or a file the reader
//! makes is fenced ```console,ignore; a bare ``` fence is read as
//! ```console too, so plain text needs ```text.
//!
//! Refresh every block after a change of output:
//! `TRYCMD=overwrite cargo test --test casus readme`.

#[test]
fn readme_and_docs_examples() {
    assert!(
        std::env::var_os("CASUS_GRAPH").is_none(),
        "unset CASUS_GRAPH: the README's examples run on the built-in graph"
    );
    trycmd::TestCases::new()
        .register_bin("casus", std::path::Path::new(env!("CARGO_BIN_EXE_casus")))
        .env("NO_COLOR", "1")
        .case("README.md")
        .case("docs/*.md");
}

/// The blocks trycmd runs, found the way it finds them: a line opening
/// with three or more backticks opens a block that runs if its info string
/// is empty or `console`/`trycmd` without `ignore`; any block ends at the
/// next line opening with the same backticks.
fn blocks_trycmd_runs(text: &str) -> usize {
    let mut lines = text.lines();
    let mut runs = 0;
    while let Some(line) = lines.next() {
        let ticks = line.len() - line.trim_start_matches('`').len();
        if ticks < 3 {
            continue;
        }
        let fence = &line[..ticks];
        let mut info = line[ticks..].trim().split(',');
        let lang = info.next().unwrap_or("");
        if lang.is_empty() || (matches!(lang, "console" | "trycmd") && !info.any(|i| i == "ignore"))
        {
            runs += 1;
        }
        for l in lines.by_ref() {
            if l.starts_with(fence) {
                break;
            }
        }
    }
    runs
}

/// A line of running text that opens with backticks, or a stray fence,
/// would make trycmd skip the rest of the file without failing: every
/// `console` block written must be one trycmd runs.
#[test]
fn no_example_is_skipped_silently() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            files.push(e.path());
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let written = text
            .lines()
            .filter(|l| l.trim_end() == "```console")
            .count();
        assert_eq!(
            blocks_trycmd_runs(&text),
            written,
            "{}: trycmd would not run every ```console block (a line opening with backticks, or a bare ``` fence?)",
            f.display()
        );
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        blocks_trycmd_runs(&readme) >= 10,
        "the README's examples are gone"
    );
}
