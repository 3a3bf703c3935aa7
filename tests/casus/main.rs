//! The integration tests of casus: one crate, one module per area. Tests
//! run the real binary (assert_cmd) and the library on the real graph and
//! on fixtures under tests/fixtures/.

mod backtest;
mod builtin;
mod cli;
mod covariates;
#[cfg(feature = "shared-data")]
mod data;
mod escalate;
mod evidence;
mod export;
mod extract;
mod generate;
mod graph;
mod import;
mod loader;
mod merge;
mod own;
mod query;
mod readme;
mod render;
mod report;
mod robust;
mod same_as;
mod seeds;

use std::path::PathBuf;

/// The `casus` binary, with colour off and no graph override from the environment.
pub fn casus() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("casus").expect("binary built");
    c.env_remove("CASUS_GRAPH").env("NO_COLOR", "1");
    c
}

/// A path under tests/fixtures/.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the directory `from` to `to`, recursively.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &std::path::Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_path_buf();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The built-in graph, loaded once per test.
pub fn real_graph() -> casus::model::Graph {
    match casus::load::load_default() {
        Ok(l) => l.graph,
        Err(e) => panic!("the built-in graph does not load:\n{}", e.render(false)),
    }
}

/// The relations of `rtype` from `from` to `to` (either way round for
/// symmetric types), by actor id.
pub fn relations_between<'g>(
    g: &'g casus::model::Graph,
    rtype: &str,
    from: &str,
    to: &str,
) -> Vec<&'g casus::model::Relation> {
    let a = g
        .actor_by_id(from)
        .unwrap_or_else(|| panic!("no actor {from}"));
    let b = g.actor_by_id(to).unwrap_or_else(|| panic!("no actor {to}"));
    g.relations
        .iter()
        .filter(|r| r.rtype == rtype)
        .filter(|r| {
            (r.from == a && r.to == b) || (!g.rtype(r).directed && r.from == b && r.to == a)
        })
        .collect()
}
