// Shared by the importer targets: the fixture state list and one import run.
use casus::import::{import, DataSet, Inputs, Options};

/// The project's own small state list (tests/fixtures/data).
pub const STATES: &str =
    include_str!("../../tests/fixtures/data/cow-state-system-2016/states2016.csv");

/// Imports `set` from `inputs` and writes the graph out as TOML, as
/// `casus import` does (without touching the disk).
pub fn run(inputs: &Inputs<'_>, set: DataSet, opts: Options) {
    if let Ok(imp) = import(inputs, &[set], opts, |_| {}) {
        let _ = casus::import::write::graph_files(&imp.graph, "# fuzz\n");
        let _ = imp.report.text();
    }
}
