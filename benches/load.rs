//! Load+validate: the shipped graph, and generated worlds of 10k, 100k
//! (and, with CASUS_BENCH_1M=1, 1M) relations in the TOML and the bulk
//! layout. Files are in memory: this is parsing and checking, not disk I/O.

use casus::generate;
use casus::load::{load, GraphFiles};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::time::Duration;

mod common;

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(10);
    let shipped = GraphFiles::embedded();
    g.bench_function("shipped", |b| b.iter(|| load(&shipped).expect("loads")));
    for m in common::sizes() {
        let world = common::world(m);
        g.throughput(Throughput::Elements(m as u64));
        for (layout, files) in [
            ("toml", generate::toml_files(&world)),
            ("bulk", generate::bulk_files(&world)),
        ] {
            let files = GraphFiles::from_texts(files);
            g.bench_function(format!("{layout}/{}", common::label(m)), |b| {
                // The loaded graph is dropped outside the timing.
                b.iter_batched(
                    || (),
                    |_| load(&files).expect("loads"),
                    BatchSize::PerIteration,
                )
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
