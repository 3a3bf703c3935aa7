#!/usr/bin/env python3
"""casus against the tools users would pick instead, in one run, on one machine.

Run it with bench/run.sh (which makes bench/.venv from bench/requirements.txt
and builds the release binaries); see README.md, "Performance".

For each size, the script generates a graph with `casus generate`, exports
it with `examples/perf export` (GraphML with each relation's type,
category, sign and status; the sampled actor pairs; the betweenness
sources; the escalation edge list), then times the same operations on the
same graph, the same pairs and sources and the same number of repetitions:

  casus      target/release/examples/perf time ...   (Rust, release build)
  networkx   pure Python                              (NetworkX 3.6)
  igraph     C core, Python bindings                  (python-igraph 1.0)
  rustworkx  Rust core, Python bindings               (rustworkx 0.18)
  ndlib      independent cascades on NetworkX         (NDlib 6.0.1)

Each peer runs in its own Python process (so that its peak memory is its
own), with a time limit; the table reports median times and the ratio
casus/peer (below 1: casus is faster) with the speed-up peer/casus.

What is compared, exactly (the README repeats it):
  load        casus: read the graph directory and load+validate it (every
              reference resolved, every fact checked, as `casus validate`),
              in TOML and in the bulk TSV layout; peers: read the same
              graph from GraphML (no checks).
  path        typed shortest path (relations of the alliance,
              military_support and membership categories, either
              direction) for each pair. casus filters relations on the fly
              on the full graph and returns the best-evidenced of the
              shortest paths; the peers get the typed subgraph built for
              them beforehand (untimed) and return any shortest path.
              "peer types per query": networkx on a filtered view of the
              whole graph, as casus does it.
  path-any    the same pairs, casus returning one shortest path unranked
              (query::shortest_path_any, `casus path --any`: the search
              stops where its two sides meet, as the peers' do), against
              the same peer timings as path.
  kpaths      the 5 shortest simple paths for each of the first 10 pairs
              (networkx shortest_simple_paths, igraph get_k_shortest_paths;
              Yen's algorithm on every side).
  neighbours  depth-2 neighbourhood of each of the 10 sources over the typed
              relations (networkx ego_graph, igraph neighborhood order 2;
              casus also groups the links by type and direction);
              "ids only": casus returns the actors of each ring
              (query::neighbor_ids), as the peers do.
  betweenness Brandes accumulation from the same 10 sources on the friendly
              subgraph (parallel ties merged), unnormalised (networkx
              betweenness_centrality_subset, igraph betweenness(sources=)).
  brokers     exact betweenness on the friendly subgraph (`casus brokers`),
              up to --exact-max (100k relations): beyond, the Python peers
              take hours.
  escalate    the escalation Monte Carlo on a what-if (the best-connected
              pair of rival states at war, as of 2024) against NDlib's
              IndependentCascadesModel on its channel network: the same
              seeds (the belligerents and their wars), per-edge probability
              P(level >= 1) of each channel (parallel channels combined as
              independent chances), the same number of trials, each run to
              the end. End to end (casus builds its plan inside the timing;
              NDlib's configuration is outside it) and trials per second of
              the Monte Carlo alone (casus: the run minus a one-block run).
  memory      peak RSS while loading, per relation (casus: examples/perf mem;
              peers: ru_maxrss growth while reading the GraphML), and
              what the casus graph keeps once loaded.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
CASUS = ROOT / "target" / "release" / "casus"
PERF = ROOT / "target" / "release" / "examples" / "perf"
VIA = {"alliance", "military_support", "membership"}
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def run_json(cmd, timeout=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=timeout)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------- peers


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def timed(fn, reps):
    secs = []
    result = None
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        secs.append(time.perf_counter() - t)
    return secs, result


def read_pairs(path):
    return [tuple(l.split("\t")) for l in Path(path).read_text().splitlines() if l]


def read_sources(path):
    return [l for l in Path(path).read_text().splitlines() if l]


def peer_networkx(a):
    import networkx as nx

    res = {"version": nx.__version__}
    rss0 = peak_rss_bytes()
    secs, G = timed(lambda: nx.read_graphml(a.graphml), a.load_reps)
    res["load"] = secs
    res["peak_rss_load"] = peak_rss_bytes() - rss0
    res["edges"] = G.number_of_edges()
    H = nx.Graph()
    F = nx.Graph()
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        if d.get("category") in VIA:
            H.add_edge(u, v)
        if d.get("sign") == "friendly":
            F.add_edge(u, v)
    pairs = read_pairs(a.pairs)
    sources = read_sources(a.sources)
    for s, t in pairs:
        for x in (s, t):
            if x not in H:
                H.add_node(x)

    def paths():
        out = []
        for s, t in pairs:
            try:
                out.append(len(nx.shortest_path(H, s, t)) - 1)
            except nx.NetworkXNoPath:
                out.append(None)
        return out

    if "path" in a.ops:
        res["path"], res["path_check"] = timed(paths, a.reps)

    # The same query as casus asks it: the typing applied per query, on a
    # filtered view of the whole graph.
    if G.is_multigraph():
        keep = lambda u, v, k: G[u][v][k].get("category") in VIA
    else:
        keep = lambda u, v: G[u][v].get("category") in VIA
    V = nx.subgraph_view(G, filter_edge=keep)

    def paths_view():
        out = []
        for s, t in pairs:
            try:
                out.append(len(nx.shortest_path(V, s, t)) - 1)
            except nx.NetworkXNoPath:
                out.append(None)
        return out

    if "path_view" in a.ops:
        res["path_view"], res["path_view_check"] = timed(paths_view, 1)

    def kpaths():
        out = []
        for s, t in pairs[: a.kpairs]:
            lens = []
            try:
                for p in nx.shortest_simple_paths(H, s, t):
                    lens.append(len(p) - 1)
                    if len(lens) == a.k:
                        break
            except nx.NetworkXNoPath:
                pass
            out.append(lens)
        return out

    if "kpaths" in a.ops:
        res["kpaths"], res["kpaths_check"] = timed(kpaths, a.reps)

    def neighbours():
        return [nx.ego_graph(H, s, radius=2).number_of_nodes() - 1 if s in H else 0 for s in sources]

    if "neighbours" in a.ops:
        res["neighbours"], res["neighbours_check"] = timed(neighbours, a.reps)

    def betweenness():
        srcs = [s for s in sources if s in F]
        cb = nx.betweenness_centrality_subset(F, srcs, list(F.nodes), normalized=False)
        # networkx halves subset betweenness on undirected graphs.
        top = sorted(cb.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        return [[k, 2 * v] for k, v in top]

    if "betweenness" in a.ops:
        res["betweenness"], res["betweenness_check"] = timed(betweenness, a.reps)

    def brokers():
        cb = nx.betweenness_centrality(F, normalized=False)
        return sorted(cb.items(), key=lambda kv: (-kv[1], kv[0]))[:5]

    if "brokers" in a.ops:
        res["brokers"], res["brokers_check"] = timed(brokers, 1)
    res["peak_rss"] = peak_rss_bytes()
    return res


def peer_igraph(a):
    import igraph as ig

    res = {"version": ig.__version__}
    rss0 = peak_rss_bytes()
    secs, G = timed(lambda: ig.Graph.Read_GraphML(a.graphml), a.load_reps)
    res["load"] = secs
    res["peak_rss_load"] = peak_rss_bytes() - rss0
    res["edges"] = G.ecount()
    keep = [e.index for e in G.es if e["category"] in VIA and e.source != e.target]
    H = G.subgraph_edges(keep, delete_vertices=False)
    H.simplify()
    keep = [e.index for e in G.es if e["sign"] == "friendly" and e.source != e.target]
    F = G.subgraph_edges(keep, delete_vertices=False)
    F.simplify()
    index = {name: i for i, name in enumerate(H.vs["id"])}
    pairs = [(index[s], index[t]) for s, t in read_pairs(a.pairs)]
    sources = [index[s] for s in read_sources(a.sources)]

    def paths():
        out = []
        for s, t in pairs:
            p = H.get_shortest_path(s, to=t, mode="all")
            out.append(len(p) - 1 if p else None)
        return out

    if "path" in a.ops:
        res["path"], res["path_check"] = timed(paths, a.reps)

    def kpaths():
        out = []
        for s, t in pairs[: a.kpairs]:
            ps = H.get_k_shortest_paths(s, to=t, k=a.k, mode="all")
            out.append([len(p) - 1 for p in ps])
        return out

    if "kpaths" in a.ops:
        res["kpaths"], res["kpaths_check"] = timed(kpaths, a.reps)

    def neighbours():
        return [len(H.neighborhood(s, order=2)) - 1 for s in sources]

    if "neighbours" in a.ops:
        res["neighbours"], res["neighbours_check"] = timed(neighbours, a.reps)

    def betweenness():
        cb = F.betweenness(directed=False, sources=sources, targets=None)
        top = sorted(((F.vs[i]["id"], v) for i, v in enumerate(cb)), key=lambda kv: (-kv[1], kv[0]))[:5]
        # igraph, like networkx, halves subset betweenness on undirected graphs.
        return [[k, 2 * v] for k, v in top]

    if "betweenness" in a.ops:
        res["betweenness"], res["betweenness_check"] = timed(betweenness, a.reps)

    def brokers():
        cb = F.betweenness(directed=False)
        return sorted(((F.vs[i]["id"], v) for i, v in enumerate(cb)), key=lambda kv: (-kv[1], kv[0]))[:5]

    if "brokers" in a.ops:
        res["brokers"], res["brokers_check"] = timed(brokers, 1)
    res["peak_rss"] = peak_rss_bytes()
    return res


def peer_rustworkx(a):
    import rustworkx as rx

    res = {"version": rx.__version__}
    rss0 = peak_rss_bytes()
    secs, graphs = timed(lambda: rx.read_graphml(a.graphml), a.load_reps)
    G = graphs[0]
    res["load"] = secs
    res["peak_rss_load"] = peak_rss_bytes() - rss0
    res["edges"] = G.num_edges()
    H = rx.PyGraph(multigraph=False)
    H.add_nodes_from(range(G.num_nodes()))
    index = {}
    for i in G.node_indices():
        index[G[i]["id"]] = i
    H.add_edges_from_no_data(
        [(u, v) for u, v, d in G.weighted_edge_list() if d.get("category") in VIA and u != v]
    )
    pairs = [(index[s], index[t]) for s, t in read_pairs(a.pairs)]

    def paths():
        out = []
        for s, t in pairs:
            p = rx.graph_dijkstra_shortest_paths(H, s, target=t, default_weight=1.0)
            out.append(len(p[t]) - 1 if t in p else (0 if s == t else None))
        return out

    if "path" in a.ops:
        res["path"], res["path_check"] = timed(paths, a.reps)
    res["peak_rss"] = peak_rss_bytes()
    return res


def peer_ndlib(a):
    import networkx as nx
    import ndlib
    import ndlib.models.ModelConfig as mc
    import ndlib.models.epidemics as ep
    import numpy as np
    from importlib.metadata import version

    res = {"version": version("ndlib")}
    lines = [l.split("\t") for l in Path(a.cascade).read_text().splitlines() if l and not l.startswith("#")]
    # Parallel channels between the same two actors are one edge for NDlib:
    # their probabilities combine as independent chances, 1 - prod(1 - p).
    G = nx.DiGraph()
    miss = {}
    for u, v, p in lines:
        G.add_edge(u, v)
        miss[(u, v)] = miss.get((u, v), 1.0) * (1.0 - float(p))
    probs = {e: 1.0 - q for e, q in miss.items()}
    seeds = [s for s in read_sources(a.seeds)]
    for s in seeds:
        if s not in G:
            G.add_node(s)
    np.random.seed(1)
    model = ep.IndependentCascadesModel(G, seed=1)
    cfg = mc.Configuration()
    cfg.add_model_initial_configuration("Infected", seeds)
    for e, p in probs.items():
        cfg.add_edge_configuration("threshold", e, p)
    model.set_initial_status(cfg)

    def trials():
        drawn = 0
        for _ in range(a.trials):
            model.reset()
            while True:
                it = model.iteration(node_status=False)
                if it["node_count"].get(1, 0) == 0 and it["iteration"] > 0:
                    break
            drawn += it["node_count"].get(2, 0)
        return drawn / a.trials

    secs, mean = timed(trials, 1)
    res["escalate"] = secs
    res["escalate_check"] = mean
    res["trials"] = a.trials
    return res


PEERS = {"networkx": peer_networkx, "igraph": peer_igraph, "rustworkx": peer_rustworkx, "ndlib": peer_ndlib}


def peer_main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("lib")
    p.add_argument("--graphml")
    p.add_argument("--pairs")
    p.add_argument("--sources")
    p.add_argument("--cascade")
    p.add_argument("--seeds")
    p.add_argument("--ops", default="load,path")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--load-reps", type=int, default=1)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--kpairs", type=int, default=10)
    p.add_argument("--trials", type=int, default=100)
    a = p.parse_args(argv)
    a.ops = set(a.ops.split(","))
    print(json.dumps(PEERS[a.lib](a)))


# ------------------------------------------------------------ orchestration


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_s(x):
    if x is None or x != x:
        return "-"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 1e-3:
        return f"{x * 1e3:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k, 100k, 1m")
    p.add_argument("--peers", default="networkx,igraph,rustworkx,ndlib")
    p.add_argument("--reps", type=int, default=3, help="repetitions of each query batch")
    p.add_argument("--pairs", type=int, default=100)
    p.add_argument("--sources", type=int, default=10, help="betweenness sources, neighbourhood centres")
    p.add_argument("--trials", type=int, default=1000, help="Monte Carlo trials for the cascade comparison")
    p.add_argument("--timeout", type=int, default=1800, help="seconds per peer process")
    p.add_argument("--exact-max", default="100k", help="largest size for exact betweenness (brokers)")
    p.add_argument("--json", help="also write the raw results here")
    p.add_argument("--ops", default="", help="comma-separated casus operations to run (load_toml, load, path, path-any, kpaths, neighbours, betweenness, brokers, escalate, mem); default all")
    a = p.parse_args()
    WORK.mkdir(exist_ok=True)
    peers = [x for x in a.peers.split(",") if x]
    results = {"machine": machine(), "versions": {}, "sizes": {}}
    rows = []
    for size in a.sizes.split(","):
        m = SIZES[size]
        # The same world twice: in TOML (the format people edit) and in the
        # bulk layout (TSV tables); queries run on it loaded from the latter.
        tdir = WORK / f"world-{size}-toml"
        gdir = WORK / f"world-{size}-bulk"
        for d, layout in [(tdir, "toml"), (gdir, "bulk")]:
            if not (d / "schema.toml").exists():
                subprocess.run([str(CASUS), "generate", "--relations", str(m), "--seed", "1", "--format", layout, "-o", str(d)], check=True)
        prefix = WORK / f"world-{size}"
        info = run_json([str(PERF), "export", "--graph", str(gdir), "--out", str(prefix), "--pairs", str(a.pairs), "--sources", str(a.sources)])
        files = {
            "graphml": f"{prefix}.graphml",
            "pairs": f"{prefix}.pairs.tsv",
            "sources": f"{prefix}.sources.txt",
            "cascade": f"{prefix}.cascade.tsv",
            "seeds": f"{prefix}.seeds.txt",
        }
        print(f"== {size}: {info['actors']} actors, {info['relations']} relations", file=sys.stderr)
        load_reps = 3 if m <= 100_000 else 1
        casus = {}
        only = set(x for x in a.ops.split(",") if x)
        wanted = lambda op: not only or op in only
        try:
            if not wanted("load_toml"):
                raise KeyError("load_toml")
            casus["load_toml"] = run_json([str(PERF), "time", "--graph", str(tdir), "--op", "load", "--reps", str(load_reps)], timeout=a.timeout)
            print(f"   casus load (toml): {fmt_s(casus['load_toml']['median'])}", file=sys.stderr)
        except subprocess.CalledProcessError as e:
            print(f"   casus load (toml): failed {e.stderr[-500:]}", file=sys.stderr)
        except KeyError:
            pass
        ops = [
            ("load", [], load_reps),
            ("path", ["--input", files["pairs"]], a.reps),
            ("path-any", ["--input", files["pairs"]], a.reps),
            ("kpaths", ["--input", files["pairs"], "--k", "5", "--limit", "10"], a.reps),
            ("neighbours", ["--input", files["sources"]], a.reps),
            ("neighbour-ids", ["--input", files["sources"]], a.reps),
            ("betweenness", ["--input", files["sources"]], a.reps),
            ("brokers", [], 1),
            ("escalate", ["--trials", str(a.trials)], a.reps),
        ]
        exact = m <= SIZES[a.exact_max]
        for op, extra, reps in ops:
            if (op == "brokers" and not exact) or not wanted(op):
                continue
            try:
                casus[op] = run_json([str(PERF), "time", "--graph", str(gdir), "--op", op, "--reps", str(reps)] + extra, timeout=a.timeout)
                print(f"   casus {op}: {fmt_s(casus[op]['median'])}", file=sys.stderr)
            except subprocess.CalledProcessError as e:
                print(f"   casus {op}: not available ({e.stderr.strip().splitlines()[-1] if e.stderr.strip() else e})", file=sys.stderr)
        if wanted("mem"):
            casus["mem"] = run_json([str(PERF), "mem", "--graph", str(gdir)])
            casus["mem_toml"] = run_json([str(PERF), "mem", "--graph", str(tdir)])
        peer_res = {}
        for peer in peers:
            if peer == "ndlib":
                cmd = ["ndlib", "--cascade", files["cascade"], "--seeds", files["seeds"], "--trials", str(a.trials)]
                if "escalate" not in casus or not Path(files["cascade"]).exists():
                    continue
            else:
                ops_ = "load,path,kpaths,neighbours,betweenness" + (",brokers" if exact else "")
                if peer == "networkx":
                    ops_ += ",path_view"
                if peer == "rustworkx":
                    ops_ = "load,path"
                if only:
                    # Only the peer operations the asked casus ones are compared with.
                    pick = lambda o: o == "load" or o in only or (o in ("path", "path_view") and ("path" in only or "path-any" in only))
                    ops_ = ",".join(o for o in ops_.split(",") if pick(o))
                cmd = [peer, "--graphml", files["graphml"], "--pairs", files["pairs"], "--sources", files["sources"], "--ops", ops_, "--reps", str(a.reps), "--load-reps", str(load_reps)]
            print(f"   {peer} ...", file=sys.stderr)
            try:
                t = time.perf_counter()
                peer_res[peer] = run_json([sys.executable, __file__, "peer"] + cmd, timeout=a.timeout)
                print(f"   {peer}: done in {time.perf_counter() - t:.0f} s", file=sys.stderr)
                results["versions"][peer] = peer_res[peer]["version"]
            except subprocess.TimeoutExpired:
                print(f"   {peer}: timed out after {a.timeout} s", file=sys.stderr)
                peer_res[peer] = {"timeout": a.timeout}
            except subprocess.CalledProcessError as e:
                print(f"   {peer}: failed\n{e.stderr}", file=sys.stderr)
                peer_res[peer] = {"error": e.stderr[-2000:]}
        results["sizes"][size] = {"info": info, "casus": casus, "peers": peer_res}
        rows.extend(table_rows(size, info, casus, peer_res))
    results["versions"]["casus"] = subprocess.run([str(CASUS), "--version"], capture_output=True, text=True).stdout.strip()
    print_table(results, rows)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1))


def agree(casus, peer, op):
    c, q = casus.get("check"), peer.get(f"{op}_check")
    if c is None or q is None:
        return ""
    if op in ("betweenness", "brokers"):
        return "same top 5" if [x[0] for x in c] == [x[0] for x in q] else "top 5 differ"
    if op == "escalate":
        return f"mean drawn in: {c:.1f} vs {q:.1f}"
    same = sum(1 for x, y in zip(c, q) if x == y)
    return f"{same}/{len(c)} agree"


def table_rows(size, info, casus, peers):
    rows = []
    names = {
        "load_toml": "load+validate TOML (peers: GraphML)",
        "load": "load+validate bulk TSV (peers: GraphML)",
        "path": "typed shortest path, 100 pairs",
        "path_view": "typed shortest path, 100 pairs (peer types per query)",
        "path-any": "typed shortest path, 100 pairs, one path unranked (casus --any)",
        "kpaths": "5 shortest paths, 10 pairs",
        "neighbours": "neighbourhood depth 2, 10 centres",
        "neighbour-ids": "neighbourhood depth 2, 10 centres, ids only",
        "betweenness": "betweenness from 10 sources",
        "brokers": "exact betweenness (brokers)",
    }
    for op in ["load_toml", "load", "path", "path-any", "path_view", "kpaths", "neighbours", "neighbour-ids", "betweenness", "brokers"]:
        cop = "path" if op == "path_view" else op
        if cop not in casus:
            continue
        c = casus[cop]["median"]
        pop = {"load_toml": "load", "neighbour-ids": "neighbours", "path-any": "path"}.get(op, op)
        for peer, r in peers.items():
            if peer == "ndlib":
                continue
            if "timeout" in r or "error" in r:
                rows.append((size, names[op], peer, fmt_s(c), "timeout" if "timeout" in r else "error", "-", "-", ""))
                continue
            if pop not in r:
                continue
            pm = median(r[pop])
            rows.append((size, names[op], peer, fmt_s(c), fmt_s(pm), f"{c / pm:.4f}", f"{pm / c:.1f}x", agree(casus[cop], r, pop)))
    if "escalate" in casus and "ndlib" in peers:
        e, r = casus["escalate"], peers["ndlib"]
        if "timeout" in r or "error" in r:
            rows.append((size, "escalation Monte Carlo", "ndlib", fmt_s(e["median"]), "timeout" if "timeout" in r else "error", "-", "-", ""))
        else:
            n = e["trials"]
            pm = median(r["escalate"])
            c = e["median"]
            rows.append((size, f"escalation, {n} trials end to end", "ndlib", fmt_s(c), fmt_s(pm), f"{c / pm:.4f}", f"{pm / c:.1f}x", agree(e, r, "escalate")))
            cr, pr = e["trials_per_second"], n / pm
            rows.append((size, "escalation trials/s (Monte Carlo only)", "ndlib", f"{cr:,.0f}/s", f"{pr:,.1f}/s", f"{pr / cr:.4f}", f"{cr / pr:.1f}x", f"{info.get('cascade_channels', '?')} channels"))
    for key, label in [("mem_toml", "TOML"), ("mem", "bulk")]:
        m = casus.get(key)
        if not m:
            continue
        for peer, r in peers.items():
            if "peak_rss_load" in r and r.get("edges"):
                p = r["peak_rss_load"] / r["edges"]
                c = m["peak_bytes_per_relation"]
                rows.append((size, f"peak memory per relation, load ({label})", peer, f"{c:.0f} B", f"{p:.0f} B", f"{c / p:.3f}", f"{p / c:.1f}x", f"casus graph alone {m['live_bytes_per_relation']:.0f} B"))
    return rows


def print_table(results, rows):
    mach = results["machine"]
    print()
    print(f"machine: {mach['cpu']}, {mach['cores']} cores, {mach['mem_gib']} GiB; {mach['os']}; Python {mach['python']}; {time.strftime('%Y-%m-%d')}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items()))
    print()
    print("| size | operation | peer | casus | peer | casus/peer | speed-up | check |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        print("| " + " | ".join(str(x) for x in row) + " |")


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for l in Path("/proc/cpuinfo").read_text().splitlines():
            if l.startswith("model name"):
                cpu = l.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for l in Path("/proc/meminfo").read_text().splitlines():
            if l.startswith("MemTotal"):
                mem = round(int(l.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "mem_gib": mem, "os": platform.platform(), "python": platform.python_version()}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "peer":
        peer_main(sys.argv[2:])
    else:
        main()
