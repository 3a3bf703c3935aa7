"""casus export, read back by the real consumers.

Usage: check_export.py CASUS_BINARY GRAPH_DIR_OR_builtin [...]

For each graph, exports every format into a temporary directory, then:
- GraphML: NetworkX (read_graphml) and igraph (Graph.Read_GraphML) read the
  same actors and relations as casus's JSON export, with every attribute;
- GEXF: NetworkX (read_gexf) reads the same, with each relation's dates as
  its time interval;
- FtM: followthemoney parses and validates every entity (schema, required
  and known properties, values valid for their types, references to
  entities of the file within their range), and `ftm validate` accepts the
  file;
- Cypher: the openCypher grammar (antlr4-cypher) parses every statement with
  no syntax error, and every string literal decodes to the exported text;
- neo4j-admin CSV and the CSV tables: Python's csv module (RFC 4180, as
  neo4j-admin reads it) gives back every name and attribute.
Prints one line per check and a closing 'N passed, N failed' line; exits 1
on any failure.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile

import igraph
import networkx as nx
from antlr4 import CommonTokenStream, InputStream
from antlr4.error.ErrorListener import ErrorListener
from antlr4_cypher import CypherLexer, CypherParser
from followthemoney import model

PASSED, FAILED = [], []


def check(name, ok, detail=""):
    (PASSED if ok else FAILED).append(name)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


def export(casus, graph, fmt, out):
    cmd = [casus, "export", "--format", fmt, "-o", out]
    if graph != "builtin":
        cmd[1:1] = ["--graph", graph]
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)


def expected(json_path):
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    actors = {a["id"]: a for a in doc["actors"]}
    rels = {"rel-%d" % r["index"]: r for r in doc["relations"]}
    return actors, rels


def check_graphml(tag, path, actors, rels):
    g = nx.read_graphml(path)
    check(f"{tag} graphml networkx counts", (g.number_of_nodes(), g.number_of_edges()) == (len(actors), len(rels)),
          f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges; want {len(actors)}, {len(rels)}")
    bad = [n for n, d in g.nodes(data=True)
           if d.get("name") != actors[n]["name"] or d.get("kind") != actors[n]["kind"]
           or d.get("recognised") != actors[n]["recognised"] or d.get("cow") != actors[n]["cow"]
           or d.get("description") != actors[n]["description"]
           or d.get("aliases", "") != "; ".join(actors[n]["aliases"])]
    check(f"{tag} graphml networkx node attributes", not bad, f"differ: {bad[:3]}")
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, d["id"], d) for u, v, d in g.edges(data=True))
    bad = [k for u, v, k, d in edges
           if d.get("type") != rels[k]["type"] or d.get("status") != rels[k]["status"]
           or d.get("since") != rels[k]["since"] or d.get("note") != rels[k].get("note")
           or d.get("citations") != len(rels[k]["evidence"])
           or (u, v) != (rels[k]["from"]["id"], rels[k]["to"]["id"])]
    check(f"{tag} graphml networkx edge attributes", not bad, f"differ: {bad[:3]}")
    ig = igraph.Graph.Read_GraphML(path)
    check(f"{tag} graphml igraph counts", (ig.vcount(), ig.ecount()) == (len(actors), len(rels)),
          f"{ig.vcount()}, {ig.ecount()}")
    names = sorted(ig.vs["name"]) if ig.vcount() else []
    check(f"{tag} graphml igraph names", names == sorted(a["name"] for a in actors.values()), str(names[:3]))
    if ig.ecount():
        statuses = sorted(ig.es["status"])
        check(f"{tag} graphml igraph statuses", statuses == sorted(r["status"] for r in rels.values()), "")


def check_gexf(tag, path, actors, rels):
    g = nx.read_gexf(path)
    check(f"{tag} gexf networkx counts", (g.number_of_nodes(), g.number_of_edges()) == (len(actors), len(rels)),
          f"{g.number_of_nodes()}, {g.number_of_edges()}")
    bad = [n for n, d in g.nodes(data=True)
           if d.get("label") != actors[n]["name"] or d.get("kind") != actors[n]["kind"]]
    check(f"{tag} gexf networkx node attributes", not bad, f"differ: {bad[:3]}")
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, d.get("id"), d) for u, v, d in g.edges(data=True))
    bad, timed = [], 0
    for u, v, k, d in edges:
        r = rels[d.get("id", k)]
        if d.get("status") != r["status"] or d.get("type") != r["type"] or d.get("sources", "").count("\n") + 1 != len(r["evidence"]):
            bad.append(k)
        if r["since"] is not None:
            timed += 1
            if "start" not in d or not str(d["start"]).startswith(r["since"][:4]):
                bad.append(k)
    check(f"{tag} gexf networkx edge attributes and intervals ({timed} timed)", not bad, f"differ: {bad[:3]}")


def check_ftm(tag, path, actors, rels):
    with open(path, encoding="utf-8") as f:
        entities = [json.loads(line) for line in f if line.strip()]
    by_id = {e["id"]: e for e in entities}
    errors = []
    for e in entities:
        try:
            schema = model.get(e["schema"])
            if schema is None:
                raise ValueError("unknown schema " + e["schema"])
            for name in e["properties"]:
                if name not in schema.properties:
                    raise ValueError(f"{e['schema']} has no property {name}")
            for name in schema.required:
                if not e["properties"].get(name):
                    raise ValueError(f"required {name} missing")
            schema.validate(e)
            raw = model.get_proxy(e, cleaned=False)
            clean = model.get_proxy(e)
            for prop in raw.iterprops():
                if len(clean.get(prop)) != len(raw.get(prop)):
                    raise ValueError(f"cleaning drops values of {prop.name}: {raw.get(prop)}")
                if prop.type.name == "entity":
                    for ref in raw.get(prop):
                        target = by_id.get(ref)
                        if target is None or not model.get(target["schema"]).is_a(prop.range):
                            raise ValueError(f"{prop.name} -> {ref} not a {prop.range.name}")
        except Exception as x:  # noqa: BLE001 - every failure is reported
            errors.append(f"{e['id']}: {x}")
    check(f"{tag} ftm entities valid ({len(entities)})", not errors, "; ".join(errors[:3]))
    n_actors = sum(1 for e in entities if e["id"].startswith("casus-") and e["id"][6:] in actors)
    n_rels = sum(1 for e in entities if e["id"].startswith("casus-rel-"))
    check(f"{tag} ftm counts", (n_actors, n_rels) == (len(actors), len(rels)), f"{n_actors}, {n_rels}")
    names = sorted(e["properties"]["name"][0] for e in entities if e["id"][6:] in actors)
    check(f"{tag} ftm names", names == sorted(a["name"] for a in actors.values()), str(names[:3]))
    ftm = os.path.join(os.path.dirname(sys.executable), "ftm")
    run = subprocess.run([ftm, "validate", "-i", path, "-o", os.devnull], capture_output=True, text=True)
    check(f"{tag} ftm validate", run.returncode == 0, run.stderr[-300:])


class Raise(ErrorListener):
    def syntaxError(self, recognizer, offending, line, column, msg, e):
        raise SyntaxError(f"{line}:{column}: {msg}")


def cypher_string(text):
    """Decodes a Cypher string literal (quotes and backslash escapes)."""
    body, out, i = text[1:-1], [], 0
    esc = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
    while i < len(body):
        c = body[i]
        if c == "\\":
            n = body[i + 1]
            if n == "u":
                out.append(chr(int(body[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append(esc[n])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def check_cypher(tag, path, actors, rels):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.startswith(("MERGE", "MATCH"))]
    errors, literals = [], []
    for line in lines:
        lexer = CypherLexer(InputStream(line))
        lexer.removeErrorListeners()
        lexer.addErrorListener(Raise())
        tokens = CommonTokenStream(lexer)
        parser = CypherParser(tokens)
        parser.removeErrorListeners()
        parser.addErrorListener(Raise())
        try:
            parser.script()
            tokens.fill()
            literals += [cypher_string(t.text) for t in tokens.tokens if t.type == CypherLexer.STRING_LITERAL]
        except SyntaxError as x:
            errors.append(f"{x} in {line[:80]}")
    check(f"{tag} cypher parses ({len(lines)} statements)", not errors and len(lines) == len(actors) + len(rels),
          "; ".join(errors[:3]) or f"{len(lines)} statements")
    want = [a["name"] for a in actors.values()] + [a["description"] for a in actors.values() if a["description"]]
    want += [r["note"] for r in rels.values() if r.get("note")]
    missing = [w for w in want if w not in literals]
    check(f"{tag} cypher literals decode to the text", not missing, str(missing[:3]))


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_neo4j_csv(tag, d, actors, rels):
    nodes = read_csv(os.path.join(d, "nodes.csv"))
    edges = read_csv(os.path.join(d, "relationships.csv"))
    check(f"{tag} neo4j-csv counts", (len(nodes), len(edges)) == (len(actors), len(rels)), f"{len(nodes)}, {len(edges)}")
    bad = [n["id:ID(Actor)"] for n in nodes
           if n["name"] != actors[n["id:ID(Actor)"]]["name"]
           or n["description"] != (actors[n["id:ID(Actor)"]]["description"] or "")
           or not n[":LABEL"].startswith("Actor;")]
    check(f"{tag} neo4j-csv node fields", not bad, str(bad[:3]))
    bad = [e["casus_rel:long"] for e in edges
           if e["note"] != (rels["rel-" + e["casus_rel:long"]].get("note") or "")
           or e[":TYPE"] != rels["rel-" + e["casus_rel:long"]]["type"].upper()]
    check(f"{tag} neo4j-csv relationship fields", not bad, str(bad[:3]))


def is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def unformula(s):
    return s[1:] if s.startswith("'") and s[1:2] in ("=", "+", "-", "@", "\t", "\r") else s


def check_tables(tag, d, actors, rels):
    rows = read_csv(os.path.join(d, "actors.csv"))
    bad = [r["id"] for r in rows if unformula(r["name"]) != actors[r["id"]]["name"]
           or unformula(r["description"]) != (actors[r["id"]]["description"] or "")]
    check(f"{tag} csv actors", len(rows) == len(actors) and not bad, str(bad[:3]))
    facts = read_csv(os.path.join(d, "facts.csv"))
    n = sum(len(r["evidence"]) for r in rels.values())
    formulas = [c for r in facts + rows for c in r.values() if c[:1] in ("=", "+", "-", "@") and not is_number(c)]
    check(f"{tag} csv facts: one row per statement ({n})", len(facts) == n, str(len(facts)))
    check(f"{tag} csv no cell runs as a formula", not formulas, str(formulas[:3]))


def main():
    casus, graphs = sys.argv[1], sys.argv[2:]
    for graph in graphs:
        tag = os.path.basename(graph.rstrip("/"))
        with tempfile.TemporaryDirectory() as tmp:
            p = lambda name: os.path.join(tmp, name)
            for fmt, name in [("json", "g.json"), ("graphml", "g.graphml"), ("gexf", "g.gexf"), ("ftm", "g.ftm.json"),
                              ("cypher", "g.cypher"), ("neo4j-csv", "neo4j"), ("csv", "tables")]:
                export(casus, graph, fmt, p(name))
            actors, rels = expected(p("g.json"))
            check(f"{tag} has actors and relations ({len(actors)}, {len(rels)})", actors and rels, "empty")
            for fn, name in [(check_graphml, "g.graphml"), (check_gexf, "g.gexf"), (check_ftm, "g.ftm.json"),
                             (check_cypher, "g.cypher"), (check_neo4j_csv, "neo4j"), (check_tables, "tables")]:
                try:
                    fn(tag, p(name), actors, rels)
                except Exception as x:  # noqa: BLE001 - a consumer that cannot read the file is a failure
                    check(f"{tag} {fn.__name__} reads the file", False, f"{type(x).__name__}: {x}")
    print(f"{len(PASSED)} passed, {len(FAILED)} failed")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
