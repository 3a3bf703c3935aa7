//! Queries on generated worlds of 10k and 100k relations (1M with
//! CASUS_BENCH_1M=1): typed shortest path, the 5 shortest paths,
//! neighbourhood of depth 2, and betweenness (brokers) on the friendly
//! subgraph. Each iteration runs a batch of seeded random pairs (or
//! centres) of actors with a typed relation; throughput is per pair.

use casus::generate::Rng;
use casus::model::*;
use casus::query::{self, BrokerQuery, Filter, PathQuery, Walk};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

mod common;

/// The typed relations of the comparison: the friendly categories.
const VIA: &str = "alliance,military_support,membership";

fn typed(g: &Graph) -> PathQuery {
    PathQuery {
        filter: Filter {
            via: Filter::parse_types(g, VIA).expect("shipped categories"),
            ..Filter::default()
        },
        walk: Walk::Undirected,
        max_hops: None,
    }
}

/// `n` seeded random pairs of actors that have a typed relation.
fn pairs(g: &Graph, q: &PathQuery, n: usize) -> Vec<(ActorId, ActorId)> {
    let mut on = vec![false; g.actors.len()];
    for r in g.relation_ids() {
        if q.filter.allows(g, r) {
            on[g.relation(r).from.index()] = true;
            on[g.relation(r).to.index()] = true;
        }
    }
    let pool: Vec<ActorId> = g.actor_ids().filter(|a| on[a.index()]).collect();
    let mut rng = Rng::new(1);
    (0..n)
        .map(|_| (*rng.pick(&pool), *rng.pick(&pool)))
        .collect()
}

fn bench_queries(c: &mut Criterion) {
    for m in common::sizes() {
        let g = common::loaded(casus::generate::bulk_files(&common::world(m)));
        let q = typed(&g);
        let ps = pairs(&g, &q, 20);
        let mut grp = c.benchmark_group(format!("query/{}", common::label(m)));
        grp.warm_up_time(Duration::from_secs(1));
        grp.measurement_time(Duration::from_secs(3));
        grp.sample_size(10);
        grp.throughput(Throughput::Elements(ps.len() as u64));
        grp.bench_function("shortest_path", |b| {
            b.iter(|| {
                for (a, z) in &ps {
                    black_box(query::shortest_path(&g, *a, *z, &q));
                }
            })
        });
        let few = &ps[..5];
        grp.throughput(Throughput::Elements(few.len() as u64));
        grp.bench_function("k_shortest_paths_5", |b| {
            b.iter(|| {
                for (a, z) in few {
                    black_box(query::k_shortest_paths(&g, *a, *z, &q, 5));
                }
            })
        });
        grp.bench_function("neighbors_depth_2", |b| {
            b.iter(|| {
                for (a, _) in few {
                    black_box(query::neighbors(&g, *a, 2, &q.filter));
                }
            })
        });
        grp.throughput(Throughput::Elements(1));
        grp.bench_function("brokers_friendly", |b| {
            b.iter(|| {
                black_box(query::brokers(
                    &g,
                    &BrokerQuery {
                        top: 10,
                        ..BrokerQuery::default()
                    },
                ))
            })
        });
        grp.finish();
    }
}

criterion_group!(benches, bench_queries);
criterion_main!(benches);
