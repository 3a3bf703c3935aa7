//! The escalation Monte Carlo on a generated world of 100k relations (1M
//! with CASUS_BENCH_1M=1): the best-connected pair of rival states goes to
//! war, as of 2024. `simulate` with 2,000 trials (throughput in trials)
//! and with one block of 64 (what the engine spends besides the trials).
//! The shipped scenarios at 10,000 trials are `benches/escalate.rs`.

use casus::escalate::{self, Model, Scenario, Strike};
use casus::model::*;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

mod common;

/// The same what-if as `examples/perf` (bench/compare.py).
fn world_scenario(g: &Graph) -> Scenario {
    let degree = |a: ActorId| g.degree(a);
    let (a, z) = g
        .relations
        .iter()
        .filter(|r| {
            r.rtype == "rival"
                && g.actor(r.from).kind == ActorKind::State
                && g.actor(r.to).kind == ActorKind::State
        })
        .map(|r| (r.from, r.to))
        .max_by_key(|(a, z)| (degree(*a) + degree(*z), std::cmp::Reverse((*a, *z))))
        .expect("rival states");
    let place = g
        .relations_of(z)
        .map(|r| g.relation(r))
        .find(|r| r.rtype == "part_of" && r.to == z)
        .map(|r| r.from)
        .unwrap_or(z);
    let mut sc = Scenario::new("world-war");
    sc.as_of = Date::new(2024, 1, 1);
    sc.strikes.push(Strike {
        attacker: a,
        target: z,
        place,
        severity: Severity::Sustained,
        fact: None,
        note: None,
    });
    sc.loo_trials = 0;
    sc
}

fn bench_cascade(c: &mut Criterion) {
    let mut sizes: Vec<usize> = common::sizes()
        .into_iter()
        .filter(|m| *m >= 100_000)
        .collect();
    if sizes.is_empty() {
        sizes.push(100_000);
    }
    for m in sizes {
        let g = common::loaded(casus::generate::bulk_files(&common::world(m)));
        let model = Model::embedded(&g).expect("the built-in model");
        let mut grp = c.benchmark_group(format!("escalate/{}", common::label(m)));
        grp.warm_up_time(Duration::from_secs(1));
        grp.measurement_time(Duration::from_secs(5));
        grp.sample_size(10);
        for trials in [64u32, 2_000] {
            let sc = Scenario {
                trials,
                ..world_scenario(&g)
            };
            grp.throughput(Throughput::Elements(trials as u64));
            grp.bench_function(format!("simulate_{trials}_trials"), |b| {
                b.iter(|| black_box(escalate::simulate(&g, &sc, &model)))
            });
        }
        grp.finish();
    }
}

criterion_group!(benches, bench_cascade);
criterion_main!(benches);
