//! DOT rendering of an ego network of about 1,000 actors ("a 1k-node
//! focus") in the generated world of 100k relations (and 1M with
//! CASUS_BENCH_1M=1): choosing what to draw (`render::select`) and
//! building and printing the DOT text (`render::to_dot`). Graphviz itself
//! (laying the picture out) is not timed: that is Graphviz's cost.

use casus::render::{self, RenderOptions};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;

mod common;

fn bench_render(c: &mut Criterion) {
    let mut sizes: Vec<usize> = common::sizes()
        .into_iter()
        .filter(|m| *m >= 100_000)
        .collect();
    if sizes.is_empty() {
        sizes.push(100_000);
    }
    for m in sizes {
        let g = common::loaded(casus::generate::bulk_files(&common::world(m)));
        let (focus, n) = common::focus_of_about(&g, 1_000);
        let opts = RenderOptions {
            focus: focus.clone(),
            depth: 1,
            ..RenderOptions::default()
        };
        let mut grp = c.benchmark_group(format!("render/{}", common::label(m)));
        grp.warm_up_time(Duration::from_secs(1));
        grp.measurement_time(Duration::from_secs(3));
        grp.sample_size(10);
        eprintln!(
            "render/{}: focus on {} states, {n} actors",
            common::label(m),
            focus.len()
        );
        grp.bench_function("select_1k_focus", |b| {
            b.iter(|| black_box(render::select(&g, &opts)))
        });
        grp.bench_function("dot_1k_focus", |b| {
            b.iter(|| black_box(render::to_dot(&g, &opts)))
        });
        grp.finish();
    }
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
