//! The casus side of the peer comparison (bench/compare.py calls it).
//!
//! ```sh
//! cargo build --release --example perf
//! target/release/examples/perf export --graph DIR --out PREFIX
//! target/release/examples/perf time --graph DIR --op path --pairs PREFIX.pairs.tsv
//! target/release/examples/perf mem --graph DIR
//! ```
//!
//! `export` writes the graph for the peers (GraphML, the sampled pairs and
//! betweenness sources); `time` loads the graph once (untimed, except for
//! `--op load`), runs one operation over every pair or source `--reps`
//! times and prints JSON; `mem` loads the graph and prints its peak and
//! live memory per relation. Every number is for the same graph, the same
//! pairs and the same repetitions as the Python side.

use casus::escalate::{self, Scenario};
use casus::load::{load, GraphFiles};
use casus::model::*;
use casus::query::{self, BrokerQuery, Filter, PathQuery, Walk};
use clap::{Parser, Subcommand};
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

// ------------------------------------------------------- counting allocator

/// Counts live heap bytes, so that `mem` can report what the loaded graph
/// itself holds (the peak RSS also counts what loading needed on the way).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The most live heap bytes seen (the heap's own peak, without what the
/// allocator keeps around it).
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Live allocations (each costs the allocator a header and rounding).
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        BLOCKS.fetch_add(1, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        BLOCKS.fetch_sub(1, Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
        }
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn proc_status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

// ------------------------------------------------------------------ args

#[derive(Parser)]
#[command(about = "casus's side of bench/compare.py")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write PREFIX.graphml, PREFIX.pairs.tsv and PREFIX.sources.txt.
    Export {
        #[arg(long)]
        graph: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Number of actor pairs for path queries.
        #[arg(long, default_value_t = 100)]
        pairs: usize,
        /// Number of betweenness sources.
        #[arg(long, default_value_t = 20)]
        sources: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time one operation; print JSON.
    Time {
        #[arg(long)]
        graph: PathBuf,
        #[arg(long, value_enum)]
        op: Op,
        #[arg(long, default_value_t = 3)]
        reps: usize,
        /// Pairs file (path, kpaths) or sources file (betweenness, neighbours).
        #[arg(long)]
        input: Option<PathBuf>,
        /// k for kpaths.
        #[arg(long, default_value_t = 5)]
        k: usize,
        /// Only the first LIMIT pairs (kpaths).
        #[arg(long)]
        limit: Option<usize>,
        /// Monte Carlo trials (escalate).
        #[arg(long, default_value_t = 10_000)]
        trials: u32,
    },
    /// Load the graph; print peak and live bytes per relation as JSON.
    Mem {
        #[arg(long)]
        graph: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum, Debug)]
enum Op {
    /// Read and load+validate the graph directory.
    Load,
    /// Typed shortest path for each pair.
    Path,
    /// One typed shortest path for each pair, unranked
    /// (`query::shortest_path_any`, `casus path --any`).
    PathAny,
    /// k shortest paths for each pair.
    Kpaths,
    /// Neighbourhood of depth 2 around each source.
    Neighbours,
    /// The same neighbourhoods as actor ids only (`query::neighbor_ids`).
    NeighbourIds,
    /// Betweenness from the given sources over the friendly subgraph.
    Betweenness,
    /// Exact betweenness over the friendly subgraph (`casus brokers`).
    Brokers,
    /// The escalation Monte Carlo on the world scenario (`--trials`).
    Escalate,
}

/// Trials of the one-block run that measures the escalation engine's fixed
/// cost (one parallel block of the engine).
const ESCALATE_SETUP_TRIALS: u32 = 64;

/// The relation categories a "typed" path may use: the friendly ones.
pub const VIA: &str = "alliance,military_support,membership";

fn typed_filter(g: &Graph) -> Filter {
    Filter {
        via: Filter::parse_types(g, VIA).expect("shipped categories"),
        ..Filter::default()
    }
}

fn load_dir(dir: &Path) -> Graph {
    let files = GraphFiles::from_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    match load(&files) {
        Ok(l) => l.graph,
        Err(e) => panic!("{}", e.render(false)),
    }
}

fn main() {
    match Cli::parse().cmd {
        Cmd::Export {
            graph,
            out,
            pairs,
            sources,
            seed,
        } => export(&load_dir(&graph), &out, pairs, sources, seed),
        Cmd::Time {
            graph,
            op,
            reps,
            input,
            k,
            limit,
            trials,
        } => time(&graph, op, reps, input.as_deref(), k, limit, trials),
        Cmd::Mem { graph } => mem(&graph),
    }
}

// ----------------------------------------------------------------- export

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Actors with at least one relation the typed filter allows.
fn typed_actors(g: &Graph, f: &Filter) -> Vec<ActorId> {
    let mut on = vec![false; g.actors.len()];
    for r in g.relation_ids() {
        if f.allows(g, r) {
            let rel = g.relation(r);
            on[rel.from.index()] = true;
            on[rel.to.index()] = true;
        }
    }
    g.actor_ids().filter(|a| on[a.index()]).collect()
}

fn export(g: &Graph, out: &Path, n_pairs: usize, n_sources: usize, seed: u64) {
    let mut s = String::with_capacity(g.relations.len() * 160);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (id, for_, name) in [
        ("kind", "node", "kind"),
        ("type", "edge", "type"),
        ("category", "edge", "category"),
        ("sign", "edge", "sign"),
        ("status", "edge", "status"),
    ] {
        let _ = writeln!(
            s,
            "<key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"string\"/>"
        );
    }
    s.push_str("<graph id=\"casus\" edgedefault=\"undirected\">\n");
    for a in &g.actors {
        let _ = writeln!(
            s,
            "<node id=\"{}\"><data key=\"kind\">{}</data></node>",
            xml(&a.id),
            a.kind
        );
    }
    for r in &g.relations {
        let t = g.rtype(r);
        let _ = writeln!(
            s,
            "<edge source=\"{}\" target=\"{}\"><data key=\"type\">{}</data><data key=\"category\">{}</data><data key=\"sign\">{}</data><data key=\"status\">{}</data></edge>",
            xml(&g.actor(r.from).id),
            xml(&g.actor(r.to).id),
            t.name,
            t.category,
            t.sign.as_str(),
            r.status
        );
    }
    s.push_str("</graph>\n</graphml>\n");
    let path = |ext: &str| PathBuf::from(format!("{}.{ext}", out.display()));
    std::fs::write(path("graphml"), s).expect("write graphml");

    let f = typed_filter(g);
    let pool = typed_actors(g, &f);
    let mut rng = casus::generate::Rng::new(seed);
    let mut pairs = String::new();
    for _ in 0..n_pairs {
        let a = rng.pick(&pool);
        let z = rng.pick(&pool);
        let _ = writeln!(pairs, "{}\t{}", g.actor(*a).id, g.actor(*z).id);
    }
    std::fs::write(path("pairs.tsv"), pairs).expect("write pairs");
    let mut sources = String::new();
    for _ in 0..n_sources {
        let _ = writeln!(sources, "{}", g.actor(*rng.pick(&pool)).id);
    }
    std::fs::write(path("sources.txt"), sources).expect("write sources");
    // The escalation what-if as an independent-cascade network (NDlib).
    let model = escalate::Model::embedded(g).expect("the built-in escalation model");
    let (seeds, edges) = escalate::cascade_network(g, &casus::generate::world_scenario(g), &model);
    let mut cascade = String::from("# from\tto\tP(level >= 1)\n");
    for (a, z, p) in &edges {
        let _ = writeln!(cascade, "{}\t{}\t{p}", g.actor(*a).id, g.actor(*z).id);
    }
    std::fs::write(path("cascade.tsv"), cascade).expect("write cascade");
    let seeds_txt: String = seeds
        .iter()
        .map(|a| format!("{}\n", g.actor(*a).id))
        .collect();
    std::fs::write(path("seeds.txt"), seeds_txt).expect("write seeds");
    println!(
        "{}",
        serde_json::json!({
            "actors": g.actors.len(),
            "relations": g.relations.len(),
            "typed_actors": pool.len(),
            "cascade_channels": edges.len(),
            "cascade_seeds": seeds.len(),
            "via": VIA,
        })
    );
}

// --------------------------------------------------------------- escalate

// ------------------------------------------------------------------- time

fn read_ids(g: &Graph, file: &Path) -> Vec<Vec<ActorId>> {
    std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split('\t')
                .map(|id| g.actor_by_id(id).unwrap_or_else(|| panic!("no actor {id}")))
                .collect()
        })
        .collect()
}

/// The friendly subgraph as undirected adjacency lists (parallel ties
/// merged), as a compact index.
/// Sampled betweenness lives here because `casus::query::brokers` is
/// exact only (every actor a source).
fn friendly_adjacency(g: &Graph) -> Vec<Vec<u32>> {
    let mut adj: Vec<Vec<u32>> = vec![Vec::new(); g.actors.len()];
    for r in g.relation_ids() {
        let rel = g.relation(r);
        if rel.from == rel.to || g.rtype(rel).sign != Sign::Friendly {
            continue;
        }
        adj[rel.from.index()].push(rel.to.0);
        adj[rel.to.index()].push(rel.from.0);
    }
    for l in &mut adj {
        l.sort_unstable();
        l.dedup();
    }
    adj
}

/// Brandes' accumulation from the given sources only (sampled betweenness).
fn betweenness_from(adj: &[Vec<u32>], sources: &[ActorId]) -> Vec<f64> {
    let n = adj.len();
    let mut cb = vec![0.0; n];
    let mut sigma = vec![0f64; n];
    let mut dist = vec![-1i64; n];
    let mut delta = vec![0f64; n];
    let mut order: Vec<u32> = Vec::new();
    for s in sources {
        let s = s.index();
        order.clear();
        for v in 0..n {
            sigma[v] = 0.0;
            dist[v] = -1;
            delta[v] = 0.0;
        }
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut q = VecDeque::from([s as u32]);
        while let Some(v) = q.pop_front() {
            order.push(v);
            let v = v as usize;
            for &w in &adj[v] {
                let w = w as usize;
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    q.push_back(w as u32);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        for &w in order.iter().rev() {
            let w = w as usize;
            for &v in &adj[w] {
                let v = v as usize;
                if dist[v] == dist[w] - 1 {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    cb
}

fn time(
    dir: &Path,
    op: Op,
    reps: usize,
    input: Option<&Path>,
    k: usize,
    limit: Option<usize>,
    trials: u32,
) {
    let t0 = Instant::now();
    let g = load_dir(dir);
    let load_s = t0.elapsed().as_secs_f64();
    let q = PathQuery {
        filter: typed_filter(&g),
        walk: Walk::Undirected,
        max_hops: None,
    };
    let model = escalate::Model::embedded(&g).expect("the built-in escalation model");
    let mut sc = casus::generate::world_scenario(&g);
    sc.trials = trials;
    let mut rows = if op == Op::Escalate {
        Vec::new()
    } else {
        input.map(|p| read_ids(&g, p)).unwrap_or_default()
    };
    if let Some(n) = limit {
        rows.truncate(n);
    }
    let top = |cb: Vec<(ActorId, f64)>| {
        let mut cb = cb;
        cb.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(g.actor(a.0).id.cmp(&g.actor(b.0).id))
        });
        cb.truncate(5);
        serde_json::json!(cb
            .iter()
            .map(|(a, v)| (g.actor(*a).id.clone(), *v))
            .collect::<Vec<_>>())
    };
    let mut seconds = Vec::new();
    let mut setup: Vec<f64> = Vec::new();
    let mut check = serde_json::Value::Null;
    for _ in 0..reps {
        let t = Instant::now();
        match op {
            Op::Load => {
                let h = load_dir(dir);
                seconds.push(t.elapsed().as_secs_f64());
                check = serde_json::json!({ "relations": h.relations.len() });
                // Freeing the graph is not part of loading it.
                drop(h);
                continue;
            }
            Op::Path => {
                let lens: Vec<Option<usize>> = rows
                    .iter()
                    .map(|p| query::shortest_path(&g, p[0], p[1], &q).map(|p| p.len()))
                    .collect();
                check = serde_json::json!(lens);
            }
            Op::PathAny => {
                let lens: Vec<Option<usize>> = rows
                    .iter()
                    .map(|p| query::shortest_path_any(&g, p[0], p[1], &q).map(|p| p.len()))
                    .collect();
                check = serde_json::json!(lens);
            }
            Op::Kpaths => {
                let lens: Vec<Vec<usize>> = rows
                    .iter()
                    .map(|p| {
                        query::k_shortest_paths(&g, p[0], p[1], &q, k)
                            .iter()
                            .map(|p| p.len())
                            .collect()
                    })
                    .collect();
                check = serde_json::json!(lens);
            }
            Op::Neighbours => {
                let counts: Vec<usize> = rows
                    .iter()
                    .map(|c| query::neighbors(&g, c[0], 2, &q.filter).actor_count())
                    .collect();
                check = serde_json::json!(counts);
            }
            Op::NeighbourIds => {
                let counts: Vec<usize> = rows
                    .iter()
                    .map(|c| {
                        query::neighbor_ids(&g, c[0], 2, &q.filter)
                            .iter()
                            .map(Vec::len)
                            .sum()
                    })
                    .collect();
                check = serde_json::json!(counts);
            }
            Op::Betweenness => {
                let adj = friendly_adjacency(&g);
                let sources: Vec<ActorId> = rows.iter().map(|r| r[0]).collect();
                let cb = betweenness_from(&adj, &sources);
                check = top(cb
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (ActorId(i as u32), v))
                    .collect());
            }
            Op::Escalate => {
                let out = escalate::simulate(&g, &sc, &model);
                assert_eq!(out.trials, trials);
                let full = t.elapsed().as_secs_f64();
                // The same what-if with a single block of trials: what
                // the engine spends before and after the Monte Carlo.
                let few = Scenario {
                    trials: ESCALATE_SETUP_TRIALS,
                    ..sc.clone()
                };
                let t1 = Instant::now();
                let _ = escalate::simulate(&g, &few, &model);
                let fixed = t1.elapsed().as_secs_f64();
                seconds.push(full);
                setup.push(fixed);
                // Mean number of actors drawn in (level 1 or more) per trial.
                let mean: f64 = out.actors.iter().map(|a| a.p(1)).sum();
                check = serde_json::json!(mean);
                continue;
            }
            Op::Brokers => {
                let b = query::brokers(
                    &g,
                    &BrokerQuery {
                        top: 5,
                        ..BrokerQuery::default()
                    },
                );
                check = top(b.brokers.iter().map(|b| (b.actor, b.betweenness)).collect());
            }
        }
        seconds.push(t.elapsed().as_secs_f64());
    }
    let mut sorted = seconds.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    // Escalate: trials per second of the Monte Carlo alone, from the
    // difference between the full run and the one-block run.
    let rate = (!setup.is_empty()).then(|| {
        let mut d: Vec<f64> = seconds.iter().zip(&setup).map(|(a, b)| a - b).collect();
        d.sort_by(f64::total_cmp);
        (trials - ESCALATE_SETUP_TRIALS) as f64 / d[d.len() / 2]
    });
    println!(
        "{}",
        serde_json::json!({
            "op": format!("{op:?}").to_lowercase(),
            "actors": g.actors.len(),
            "relations": g.relations.len(),
            "items": rows.len(),
            "reps": reps,
            "seconds": seconds,
            "median": median,
            "setup_load_seconds": load_s,
            "one_block_seconds": setup,
            "trials": trials,
            "trials_per_second": rate,
            "check": check,
        })
    );
}

// -------------------------------------------------------------------- mem

/// Heap bytes of the graph's parts, per relation (requested sizes, as the
/// counting allocator sees them).
fn breakdown(g: &Graph) -> serde_json::Value {
    use std::mem::size_of;
    let m = g.relations.len().max(1) as f64;
    let s = |x: &String| x.capacity();
    // A `Text` is one heap block: 16 bytes of length and count, then the text.
    let t = |x: &Text| 16 + x.len();
    let ot = |x: &Option<Text>| x.as_ref().map_or(0, t);
    let os = |x: &Option<String>| x.as_ref().map_or(0, |x| x.capacity());
    // Reference and document ids are interned (4 bytes, kept once).
    let cit = |c: &Citation| match c {
        Citation::Seed { quote, .. } => t(quote),
        Citation::Background { note, .. } => ot(note),
        Citation::Dataset { row, .. } => t(row),
    };
    let rel_vec = g.relations.capacity() * size_of::<Relation>();
    let (mut extra, mut evidence, mut lists, mut strings) = (0, 0, 0, 0);
    for r in &g.relations {
        // Citations beyond the one kept inline, and their strings.
        if r.evidence.spilled() {
            evidence += r.evidence.capacity() * size_of::<Citation>();
        }
        evidence += r.evidence.iter().map(cit).sum::<usize>();
        if r.extra.is_some() {
            extra += size_of::<RelationExtra>();
        }
        // A ThinVec's heap block starts with its 16-byte length and capacity.
        let thin = |cap: usize, elem: usize| if cap == 0 { 0 } else { 16 + cap * elem };
        lists += thin(r.claimed_by.capacity(), 4)
            + thin(r.denied_by.capacity(), 4)
            // Interned: 4 bytes each, the names kept once.
            + thin(r.systems.capacity(), size_of::<Sym>())
            + thin(r.rivalry.capacity(), size_of::<Sym>())
            + thin(
                r.statements.capacity(),
                size_of::<casus::model::Statement>(),
            )
            + thin(r.support.capacity(), size_of::<casus::model::SupportKind>());
        strings += ot(&r.key) + ot(&r.role) + ot(&r.note);
    }
    let actors: usize = g.actors.capacity() * size_of::<Actor>()
        + g.actors
            .iter()
            .map(|a| {
                s(&a.id)
                    + s(&a.name)
                    + a.aliases.iter().map(s).sum::<usize>()
                    + a.same_as.iter().map(s).sum::<usize>()
                    + os(&a.iso3)
                    + os(&a.description)
                    + if a.card.is_boxed() {
                        size_of::<ActorCard>()
                    } else {
                        0
                    }
            })
            .sum::<usize>();
    let mut parts = serde_json::json!({
        "relation_structs": rel_vec as f64 / m,
        "extra_boxes": extra as f64 / m,
        "evidence": evidence as f64 / m,
        "lists": lists as f64 / m,
        "other_strings": strings as f64 / m,
        "actors": actors as f64 / m,
        "size_of_citation": size_of::<Citation>(),
        "size_of_extra": size_of::<RelationExtra>(),
        "with_extra": g.relations.iter().filter(|r| r.extra.is_some()).count() as f64 / m,
    });
    for (part, bytes) in g.index_bytes() {
        parts[part] = (bytes as f64 / m).into();
    }
    parts
}

fn mem(dir: &Path) {
    let rss0 = proc_status_kb("VmRSS:").unwrap_or(0) * 1024;
    let live0 = LIVE.load(Ordering::Relaxed);
    let blocks0 = BLOCKS.load(Ordering::Relaxed);
    let files = GraphFiles::from_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    let text: usize = files.toml.iter().map(|s| s.text.len()).sum();
    let loaded = match load(&files) {
        Ok(l) => l,
        Err(e) => panic!("{}", e.render(false)),
    };
    drop(files);
    let with_spans = LIVE.load(Ordering::Relaxed).saturating_sub(live0);
    let graph = loaded.graph;
    // What stays of a load besides the graph: the texts (for diagnostics)
    // and where each item is written (for merging graphs).
    drop(loaded.sources);
    drop(loaded.warnings);
    drop(loaded.spans);
    drop(loaded.merge);
    let live = LIVE.load(Ordering::Relaxed).saturating_sub(live0);
    let blocks = BLOCKS.load(Ordering::Relaxed).saturating_sub(blocks0);
    let hwm = proc_status_kb("VmHWM:").unwrap_or(0) * 1024;
    let m = graph.relations.len().max(1) as f64;
    println!(
        "{}",
        serde_json::json!({
            "actors": graph.actors.len(),
            "relations": graph.relations.len(),
            "file_bytes": text,
            "rss_before_load": rss0,
            "peak_rss": hwm,
            "live_graph_bytes": live,
            "peak_bytes_per_relation": (hwm.saturating_sub(rss0)) as f64 / m,
            "live_bytes_per_relation": live as f64 / m,
            "loaded_bytes_per_relation": with_spans as f64 / m,
            "live_blocks_per_relation": blocks as f64 / m,
            "peak_heap_per_relation": PEAK.load(Ordering::Relaxed).saturating_sub(live0) as f64 / m,
            "size_of_relation": std::mem::size_of::<Relation>(),
            "breakdown": breakdown(&graph),
            "size_of_actor": std::mem::size_of::<Actor>(),
        })
    );
}
