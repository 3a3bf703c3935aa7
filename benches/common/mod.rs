//! Shared set-up of the benches: the generated graphs and their sizes.
//!
//! `CASUS_BENCH_1M=1 cargo bench` adds the 1M-relation sizes (minutes on
//! two cores); plain `cargo bench` stops at 100k relations.

#![allow(dead_code)]

use casus::generate::{self, Params};
use casus::load::{load, GraphFiles};
use casus::model::{ActorId, ActorKind, Graph};
use casus::render::{self, RenderOptions};

/// Relation counts to bench: 10k and 100k, and 1M with `CASUS_BENCH_1M=1`.
pub fn sizes() -> Vec<usize> {
    let mut s = vec![10_000, 100_000];
    if std::env::var_os("CASUS_BENCH_1M").is_some_and(|v| v != "0") {
        s.push(1_000_000);
    }
    s
}

pub fn label(m: usize) -> String {
    match m {
        m if m >= 1_000_000 => format!("{}M", m / 1_000_000),
        m if m >= 1_000 => format!("{}k", m / 1_000),
        m => m.to_string(),
    }
}

/// The generated world of `m` relations (100k actors for 1M relations), seed 1.
pub fn world(m: usize) -> Graph {
    generate::world(&Params::with_relations(m), 1)
}

/// The same world as it comes out of the loader (so that it is exactly
/// what a user would query).
pub fn loaded(files: Vec<(String, String)>) -> Graph {
    match load(&GraphFiles::from_texts(files)) {
        Ok(l) => l.graph,
        Err(e) => panic!("{}", e.render(false)),
    }
}

/// Centres (the best-connected states, one more at a time) whose depth-1
/// ego network first reaches `target` actors.
pub fn focus_of_about(g: &Graph, target: usize) -> (Vec<ActorId>, usize) {
    let mut states: Vec<ActorId> = g
        .actor_ids()
        .filter(|a| g.actor(*a).kind == ActorKind::State)
        .collect();
    states.sort_by_key(|a| (std::cmp::Reverse(g.relations_of(*a).count()), *a));
    let mut focus = Vec::new();
    let mut n = 0;
    for a in states {
        focus.push(a);
        let opts = RenderOptions {
            focus: focus.clone(),
            depth: 1,
            ..RenderOptions::default()
        };
        n = render::select(g, &opts).actors.len();
        if n >= target {
            break;
        }
    }
    (focus, n)
}
