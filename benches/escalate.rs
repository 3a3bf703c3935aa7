//! Benchmark of `casus escalate`: wall time of `simulate` on each shipped
//! scenario, 10,000 trials, with and without the leave-one-out reruns.
//!
//! `cargo bench --bench escalate` (a release build). Plain std::time, no
//! harness: each figure is the median of several runs after a warm-up.

use casus::escalate::{parse_scenario, shipped_scenario, shipped_scenarios, simulate, Model};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let g = casus::load::load_default()
        .expect("the built-in graph loads")
        .graph;
    let model = Model::embedded(&g).expect("the built-in model loads");
    let threads = rayon::current_num_threads();
    println!(
        "casus escalate benchmark: {} actors, {} relations, {threads} threads",
        g.actors.len(),
        g.relations.len()
    );
    println!(
        "{:<26} {:>8} {:>16} {:>22}",
        "scenario", "trials", "cascade only", "with leave-one-out"
    );
    for (name, _, _) in shipped_scenarios() {
        let src = shipped_scenario(&name).unwrap();
        let mut sc = parse_scenario(&src, &g).expect("shipped scenario parses");
        sc.trials = 10_000;
        let time = |loo: u32| {
            let mut s = sc.clone();
            s.loo_trials = loo;
            let _ = simulate(&g, &s, &model); // warm-up
            median(
                (0..7)
                    .map(|_| {
                        let t = Instant::now();
                        let o = simulate(&g, &s, &model);
                        let d = t.elapsed();
                        assert_eq!(o.trials, 10_000);
                        d
                    })
                    .collect(),
            )
        };
        let bare = time(0);
        let full = time(sc.loo_trials);
        println!(
            "{name:<26} {:>8} {:>13.1} ms {:>15.1} ms ({} loo trials)",
            sc.trials,
            bare.as_secs_f64() * 1e3,
            full.as_secs_f64() * 1e3,
            sc.loo_trials
        );
    }
}
