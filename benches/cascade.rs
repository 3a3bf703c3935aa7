//! The escalation Monte Carlo on a generated world of 100k relations (1M
//! with CASUS_BENCH_1M=1): the best-connected pair of rival states goes to
//! war, as of 2024. `simulate` with 2,000 trials (throughput in trials)
//! and with one block of 64 (what the engine spends besides the trials).
//! The shipped scenarios at 10,000 trials are `benches/escalate.rs`.

use casus::escalate::{self, Model, Scenario};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

mod common;

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
                ..casus::generate::world_scenario(&g)
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
