//! Scenario files on arbitrary text, checked against the built-in graph,
//! and simulated (with few trials) when they parse.
#![no_main]
use casus::escalate::{parse_scenario, simulate, Model};
use casus::load::SourceText;
use casus::model::Graph;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn world() -> &'static (Graph, Model) {
    static W: OnceLock<(Graph, Model)> = OnceLock::new();
    W.get_or_init(|| {
        let g = casus::load::load_default().expect("built-in graph").graph;
        let m = Model::embedded(&g).expect("built-in model");
        (g, m)
    })
}

fuzz_target!(|data: &[u8]| {
    let (g, m) = world();
    let text = String::from_utf8_lossy(data).into_owned();
    let src = SourceText::new("graph/scenarios/fuzz.toml", text);
    match parse_scenario(&src, g) {
        Ok(mut sc) => {
            // Bounded work per input: the trial counts are the user's to
            // choose, not the fuzzer's.
            sc.trials = sc.trials.min(16);
            sc.loo_trials = sc.loo_trials.min(4);
            let _ = simulate(g, &sc, m);
        }
        Err(e) => {
            let _ = e.render(false);
        }
    }
});
