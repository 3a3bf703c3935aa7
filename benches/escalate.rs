//! Benchmark of `casus escalate`: wall time of `simulate` on each shipped
//! scenario, 10,000 trials, with and without the leave-one-out reruns;
//! then the world what-if end to end, as a user runs it: the casus binary
//! on the 2018 world imported from ../shared/data, `casus escalate --graph
//! world-2018 --strike russia:estonia:sustained` with default options
//! (10,000 trials, leave-one-out reruns) and with `--brief`; target under
//! 1 s. Skipped, saying so, without ../shared/data.
//!
//! `cargo bench --bench escalate` (a release build). Plain std::time, no
//! harness: each figure is the median of several runs after a warm-up.

use casus::escalate::{parse_scenario, shipped_scenario, shipped_scenarios, simulate, Model};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The Russia-Estonia what-if on the imported 2018 world, end to end.
fn world_whatif() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !data.is_dir() {
        println!("world-2018 what-if: skipped (no ../shared/data)");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let casus = env!("CARGO_BIN_EXE_casus");
    let world = dir.path().join("world-2018");
    let ok = Command::new(casus)
        .args(["import", "--data"])
        .arg(&data)
        .args(["--year", "2018", "-o"])
        .arg(&world)
        .output()
        .expect("casus runs")
        .status
        .success();
    assert!(ok, "the 2018 import failed");
    for extra in [&[][..], &["--brief"][..]] {
        let times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let out = Command::new(casus)
                    .arg("--graph")
                    .arg(&world)
                    .args(["escalate", "--strike", "russia:estonia:sustained"])
                    .args(extra)
                    .output()
                    .expect("casus runs");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                t.elapsed()
            })
            .collect();
        println!(
            "world-2018 what-if (casus escalate --graph world-2018 --strike russia:estonia:sustained {}): median {:.2} s over 5 runs; target < 1 s",
            extra.join(" "),
            median(times).as_secs_f64()
        );
    }
}

fn main() {
    world_whatif();
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
