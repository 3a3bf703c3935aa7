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
