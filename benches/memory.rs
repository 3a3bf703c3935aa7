//! Memory per relation of a loaded graph, with a counting allocator:
//! the peak of heap bytes while loading (files in memory, parsing,
//! checking, building) and what the graph itself keeps afterwards, for
//! generated worlds of 10k and 100k relations (1M with CASUS_BENCH_1M=1),
//! in the TOML and the bulk layout. Plain harness: `cargo bench --bench
//! memory` prints a table. (The peer comparison reads the same figures from
//! the process's peak RSS: `examples/perf mem`.)

use casus::generate;
use casus::load::{load, GraphFiles};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        grew(l.size());
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            grew(new - l.size());
        } else {
            LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
        }
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    // `cargo bench` passes --bench; a filter argument is ignored.
    println!("memory per relation (heap bytes, counting allocator)");
    println!(
        "{:<8} {:<6} {:>14} {:>16} {:>12}",
        "size", "layout", "files", "peak while loading", "graph kept"
    );
    for m in common::sizes() {
        let world = common::world(m);
        for (layout, files) in [
            ("toml", generate::toml_files(&world)),
            ("bulk", generate::bulk_files(&world)),
        ] {
            let text: usize = files.iter().map(|(_, t)| t.len()).sum();
            let files = GraphFiles::from_texts(files);
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let loaded = load(&files).expect("the generated world loads");
            let peak = PEAK.load(Ordering::Relaxed) - base;
            let graph = loaded.graph;
            drop((loaded.sources, loaded.warnings, loaded.spans, loaded.merge));
            let kept = LIVE.load(Ordering::Relaxed) - base;
            let per = |b: usize| b as f64 / m as f64;
            println!(
                "{:<8} {:<6} {:>12.0} B {:>16.0} B {:>10.0} B",
                common::label(m),
                layout,
                per(text),
                per(peak),
                per(kept)
            );
            drop(graph);
        }
    }
}
