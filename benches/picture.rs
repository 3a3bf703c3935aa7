//! Pictures at world scale, end to end, as a user makes them (wall time;
//! std::time, no harness): `cargo bench --bench picture`.
//!
//! - `world-2018/russia`: the casus binary renders `--focus russia` of the
//!   2018 world imported from ../shared/data (100 actors and about 1,100
//!   relations in the ego network) to PNG with the default size guard;
//!   target: under 10 s. Skipped, saying so, without ../shared/data.
//! - `generated-100k/1k-focus`: the ego network of about 1,000 actors in
//!   the generated 100k-relation world (as `benches/render.rs` picks it).
//!   The size guard refuses to draw it whole (checked here); the bench
//!   times what its hint offers, `--max-nodes 150`, through the library
//!   (plan, DOT, Graphviz) to PNG.

use casus::render::exec::{self, Picture};
use casus::render::scale::{plan, Asked};
use casus::render::{self, RenderOptions};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

const RUNS: usize = 3;

fn report(name: &str, mut times: Vec<Duration>, extra: &str) {
    times.sort();
    println!(
        "{name}: min {:.2} s, median {:.2} s over {} runs{extra}",
        times[0].as_secs_f64(),
        times[times.len() / 2].as_secs_f64(),
        times.len()
    );
}

fn world_2018(dir: &Path) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !data.is_dir() {
        println!("world-2018/russia: skipped (no ../shared/data)");
        return;
    }
    let casus = env!("CARGO_BIN_EXE_casus");
    let world = dir.join("world-2018");
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
    let png = dir.join("russia.png");
    let mut times = Vec::new();
    let mut notes = String::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let out = Command::new(casus)
            .arg("--graph")
            .arg(&world)
            .args(["render", "--focus", "russia", "-o"])
            .arg(&png)
            .output()
            .expect("casus runs");
        times.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        notes = String::from_utf8_lossy(&out.stderr).into_owned();
    }
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    report(
        "world-2018/russia (casus render --focus russia -o russia.png)",
        times,
        &format!(", {size} bytes of PNG; target < 10 s"),
    );
    eprint!("{notes}");
}

fn generated_1k() {
    let g = common::loaded(casus::generate::bulk_files(&common::world(100_000)));
    let (focus, n) = common::focus_of_about(&g, 1_000);
    let asked = Asked {
        picture: true,
        ..Asked::default()
    };
    let whole = RenderOptions {
        focus: focus.clone(),
        ..RenderOptions::default()
    };
    let refusal = plan(&g, &whole, asked).expect_err("the guard refuses 1,000 actors");
    eprintln!(
        "generated-100k/1k-focus whole: refused: {}",
        refusal.lines().next().unwrap_or("")
    );
    let opts = RenderOptions {
        max_nodes: Some(150),
        ..whole
    };
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let (planned, _) = plan(&g, &opts, asked).expect("150 actors draw");
        let png = exec::run(&render::to_dot(&g, &planned), Picture::Png).expect("Graphviz runs");
        times.push(t.elapsed());
        bytes = png.len();
    }
    report(
        &format!(
            "generated-100k/1k-focus ({} centres, {n} actors) --max-nodes 150",
            focus.len()
        ),
        times,
        &format!(", {bytes} bytes of PNG"),
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary directory");
    world_2018(dir.path());
    generated_1k();
}
