//! `casus render`: DOT that graphviz-rust's parser and Graphviz both read,
//! golden DOT of a fixture graph, hostile names, filters that change the
//! picture, and real SVG, PNG and PDF files drawn by Graphviz.
//!
//! The tests that draw pictures need Graphviz's `dot` (CI installs it);
//! without it they fail, with the install hint, rather than skip.

use crate::{casus, fixture, real_graph};
use casus::load::{load, GraphFiles};
use casus::model::*;
use casus::query::Filter;
use casus::render::exec::{self, Picture};
use casus::render::{select, to_dot, Clustering, Highlight, RenderOptions};
use graphviz_rust::dot_structures::{Graph as Dot, GraphAttributes, Id, Stmt};
use std::collections::BTreeSet;

/// The render fixture: every actor kind, every status, nested and
/// overlapping organisations.
fn fixture_graph() -> Graph {
    let files = GraphFiles::from_dir(&fixture("render")).expect("fixture directory");
    match load(&files) {
        Ok(l) => l.graph,
        Err(e) => panic!("the render fixture does not load:\n{}", e.render(false)),
    }
}

fn id(g: &Graph, slug: &str) -> ActorId {
    g.actor_by_id(slug)
        .unwrap_or_else(|| panic!("no actor {slug}"))
}

/// Parses DOT with graphviz-rust, or fails with the DOT.
fn parse(dot: &str) -> Dot {
    graphviz_rust::parse(dot)
        .unwrap_or_else(|e| panic!("graphviz-rust rejects the DOT: {e}\n{dot}"))
}

fn stmts(dot: &Dot) -> &[Stmt] {
    match dot {
        Dot::Graph { stmts, .. } | Dot::DiGraph { stmts, .. } => stmts,
    }
}

/// Node and edge statements, counted through every subgraph.
fn count(stmts: &[Stmt]) -> (usize, usize) {
    stmts.iter().fold((0, 0), |(n, e), s| match s {
        Stmt::Node(_) => (n + 1, e),
        Stmt::Edge(_) => (n, e + 1),
        Stmt::Subgraph(sg) => {
            let (n2, e2) = count(&sg.stmts);
            (n + n2, e + e2)
        }
        _ => (n, e),
    })
}

/// The legend: the HTML-like label of the graph.
fn legend(dot: &Dot) -> String {
    for s in stmts(dot) {
        if let Stmt::GAttribute(GraphAttributes::Graph(attrs)) = s {
            for a in attrs {
                if a.0 == Id::Plain("label".into()) {
                    if let Id::Html(h) = &a.1 {
                        return h.clone();
                    }
                }
            }
        }
    }
    panic!("no legend")
}

fn svg(dot: &str) -> String {
    let bytes = exec::run(dot, Picture::Svg)
        .unwrap_or_else(|e| panic!("{e}\n  hint: {}", exec::INSTALL_HINT));
    String::from_utf8(bytes).expect("SVG is UTF-8")
}

/// Parses an SVG (Graphviz writes a DOCTYPE) as XML, or fails with it.
fn xml(text: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, opts)
        .unwrap_or_else(|e| panic!("the SVG is not XML: {e}\n{text}"))
}

/// Whitespace runs folded to one space.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------- real graph

#[test]
fn the_real_graph_renders_to_dot_that_graphviz_rust_parses_in_every_mode() {
    let g = real_graph();
    let turkey = id(&g, "turkey");
    let russia = id(&g, "russia");
    let rival = g
        .relation_ids()
        .find(|r| {
            let rel = g.relation(*r);
            let pair = BTreeSet::from([rel.from, rel.to]);
            rel.rtype == "rival" && pair == BTreeSet::from([turkey, russia])
        })
        .expect("Turkey and Russia are rivals");
    let modes = [
        RenderOptions::default(),
        RenderOptions {
            cluster: Clustering::Organisations,
            ..RenderOptions::default()
        },
        RenderOptions {
            focus: vec![turkey],
            depth: 1,
            ..RenderOptions::default()
        },
        RenderOptions {
            focus: vec![turkey, russia],
            depth: 0,
            highlight: Highlight::path(&g, [rival]),
            ..RenderOptions::default()
        },
    ];
    for opts in modes {
        let dot = to_dot(&g, &opts);
        let (nodes, edges) = count(stmts(&parse(&dot)));
        let sel = select(&g, &opts);
        assert_eq!(nodes, sel.actors.len(), "one node per drawn actor");
        assert!(edges > 0 && edges <= sel.relations.len());
        assert_eq!(dot, to_dot(&g, &opts), "same input, same bytes");
    }
    // The whole graph draws every actor that has a relation.
    let all = select(&g, &RenderOptions::default());
    assert_eq!(all.relations.len(), g.relations.len());
}

#[test]
fn the_focused_real_svg_and_png_are_real_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("turkey.svg");
    let png_path = dir.path().join("turkey.png");
    let pdf_path = dir.path().join("turkey.pdf");
    for p in [&svg_path, &png_path, &pdf_path] {
        casus()
            .args(["render", "--focus", "Ankara", "--depth", "1", "-o"])
            .arg(p)
            .assert()
            .success();
    }
    let text = std::fs::read_to_string(&svg_path).unwrap();
    let doc = xml(&text);
    let names: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect();
    for name in ["Turkey", "Azerbaijan", "Armenia", "Russia"] {
        assert!(names.contains(name), "{name} is not drawn: {names:?}");
    }
    // Every actor of the ego network is a node with a tooltip.
    let g = real_graph();
    let sel = select(
        &g,
        &RenderOptions {
            focus: vec![id(&g, "turkey")],
            ..RenderOptions::default()
        },
    );
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("node"))
        .collect();
    assert_eq!(nodes.len(), sel.actors.len());
    let titled = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .filter_map(|n| n.attribute(("http://www.w3.org/1999/xlink", "title")))
        .filter(|t| t.contains("source: "))
        .count();
    assert!(
        titled >= sel.relations.len() / 2,
        "edges carry their sources"
    );

    let png = std::fs::read(&png_path).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert!(
        png.len() > 20_000,
        "a real picture, not {} bytes",
        png.len()
    );
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert!(width > 400 && height > 300, "{width}x{height}");

    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

// ------------------------------------------------------------ golden DOT

#[test]
fn golden_dot_of_the_fixture() {
    let g = fixture_graph();
    let dot = to_dot(&g, &RenderOptions::default());
    parse(&dot);
    insta::assert_snapshot!("fixture_whole", dot);
}

#[test]
fn golden_dot_of_the_fixture_with_organisation_boxes() {
    let g = fixture_graph();
    let dot = to_dot(
        &g,
        &RenderOptions {
            cluster: Clustering::Organisations,
            ..RenderOptions::default()
        },
    );
    parse(&dot);
    // Ruritania and Syldavia sit in the Inner Circle inside the Entente;
    // Marlovia, in the Entente and the League, stays outside; Borduria
    // sits in the League.
    let entente = dot
        .find("subgraph \"cluster_entente\"")
        .expect("entente box");
    let inner = dot
        .find("subgraph \"cluster_inner-circle\"")
        .expect("inner box");
    let league = dot.find("subgraph \"cluster_league\"").expect("league box");
    assert!(entente < inner);
    assert!(dot.contains("\"marlovia\" -> \"entente\""));
    assert!(dot.contains("\"marlovia\" -> \"league\""));
    assert!(!dot.contains("\"ruritania\" -> \"entente\""));
    assert!(!dot.contains("\"borduria\" -> \"league\""));
    let borduria = dot.find("\"borduria\"[").unwrap();
    assert!(borduria > league);
    insta::assert_snapshot!("fixture_clusters", dot);
}

#[test]
fn golden_dot_of_a_highlighted_path_on_its_dimmed_context() {
    let g = fixture_graph();
    let rudolf = id(&g, "rudolf");
    let ruritania = id(&g, "ruritania");
    let leads = g
        .relation_ids()
        .find(|r| g.relation(*r).rtype == "leader_of")
        .unwrap();
    let ally = g
        .relation_ids()
        .find(|r| g.relation(*r).rtype == "ally")
        .unwrap();
    let highlight = Highlight::path(&g, [leads, ally]);
    let opts = RenderOptions {
        focus: highlight.actors.iter().copied().collect(),
        depth: 1,
        highlight,
        ..RenderOptions::default()
    };
    let dot = to_dot(&g, &opts);
    parse(&dot);
    assert_eq!(dot.matches("penwidth=3.5").count(), 2, "two path edges");
    assert!(dot.contains("\"rudolf\" -> \"ruritania\""));
    assert!(select(&g, &opts).actors.contains(&ruritania));
    assert!(select(&g, &opts).actors.contains(&rudolf));
    insta::assert_snapshot!("fixture_path", dot);
}

#[test]
fn golden_dot_of_an_ego_network() {
    let g = fixture_graph();
    let dot = to_dot(
        &g,
        &RenderOptions {
            focus: vec![id(&g, "zenda-valley")],
            depth: 1,
            title: Some("Zenda Valley".into()),
            ..RenderOptions::default()
        },
    );
    let legend = legend(&parse(&dot));
    // Only what is drawn is in the legend.
    for present in [
        "territory",
        "unrecognised state",
        "part of",
        "controls",
        "Zenda Valley",
    ] {
        assert!(legend.contains(present), "{present} missing from {legend}");
    }
    for absent in [
        "person",
        "conflict",
        "ally",
        "attacks",
        "alleged",
        "membership",
    ] {
        assert!(!legend.contains(absent), "{absent} in {legend}");
    }
    insta::assert_snapshot!("fixture_ego", dot);
}

// ------------------------------------------------------ filters change it

#[test]
fn as_of_and_min_status_change_what_is_drawn() {
    let g = fixture_graph();
    let with = |filter: Filter| {
        let opts = RenderOptions {
            filter,
            ..RenderOptions::default()
        };
        let sel = select(&g, &opts);
        let types: BTreeSet<String> = sel
            .relations
            .iter()
            .map(|r| g.relation(*r).rtype.to_string())
            .collect();
        (sel, types, to_dot(&g, &opts))
    };
    let (all, all_types, _) = with(Filter::default());
    assert!(all_types.contains("attacks"));

    // Before the war: no attacks, no war; the almanac facts remain.
    let (early, early_types, early_dot) = with(Filter {
        as_of: Some("2020-09-27".parse().unwrap()),
        ..Filter::default()
    });
    assert!(early.relations.len() < all.relations.len());
    for gone in ["attacks", "at_war", "party_to", "accuses"] {
        assert!(!early_types.contains(gone), "{gone} drawn before it began");
    }
    assert!(early_types.contains("ally"));
    assert!(!early_dot.contains("label=\"attacks"));
    // The war's own node has no relation left but the considered mediation.
    let war = id(&g, "border-war");
    assert!(early.actors.contains(&war));

    // Reported or stronger: no dashed or dotted edge, no weak status in the legend.
    let (strong, _, strong_dot) = with(Filter {
        min_status: Some(Status::Reported),
        ..Filter::default()
    });
    assert!(strong
        .relations
        .iter()
        .all(|r| g.relation(*r).status.strength() >= Status::Reported.strength()));
    assert!(!strong_dot.contains("style=dashed") && !strong_dot.contains("style=dotted"));
    let legend = legend(&parse(&strong_dot));
    for weak in ["claimed", "alleged", "considered", "denied"] {
        assert!(!legend.contains(weak), "{weak} in the legend");
    }
    // The Black Hand's only strong fact is its own attack.
    assert!(strong.actors.contains(&id(&g, "black-hand")));
    assert!(!strong_dot.contains("arms supplier"));
}

// ------------------------------------------------------------ hostile names

/// Names (and one id) that would break DOT or inject markup if not escaped.
const HOSTILE: &[&str] = &[
    r#"Quote "inside" it"#,
    r"trailing backslash\",
    r"double \\ and \N \G \l \n",
    "new\nline and\r\nwindows",
    "<b>bold</b> & <script>alert(1)</script>",
    "&amp; &lt; &#60; &foo; AT&T;",
    "]; evil -> \"node\" [label=x",
    "tab\tnul\u{0}bell\u{7}",
    r"single \N \G \E \T \H \L \n \l \r &#92;G",
    "Ünïcödé — «ok» 東京",
];

fn hostile_graph() -> Graph {
    let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
        ("ally", false, Sign::Friendly, "alliance"),
        ("attacks", true, Sign::Hostile, "conflict"),
        ("member_of", true, Sign::Friendly, "membership"),
    ]));
    let mut ids = Vec::new();
    for (i, name) in HOSTILE.iter().enumerate() {
        let mut a = GraphBuilder::simple_actor(&format!("h{i}"), ActorKind::State);
        a.name = name.to_string();
        a.aliases = vec![name.to_string()];
        a.description = Some(format!("described as {name}"));
        ids.push(b.add_actor(a).unwrap());
    }
    // A category colour that tries to break out of its attribute.
    b.schema.categories["alliance"].color = "#1f5fbf\" penwidth=9 x=\"<&>".into();
    // An id that is not a slug (only a builder can make one).
    let mut odd = GraphBuilder::simple_actor("odd \"id\"\\", ActorKind::Organisation);
    odd.name = "Odd <org>".into();
    let odd = b.add_actor(odd).unwrap();
    for pair in ids.windows(2) {
        let r = b.rel("attacks", pair[0], pair[1]);
        let rel = &mut b.relations_mut()[r.index()];
        rel.note = Some(HOSTILE[pair[0].index()].into());
        rel.evidence = casus::model::Evidence::from([Citation::Seed {
            doc: "d".into(),
            quote: HOSTILE[pair[1].index()].into(),
            line: 1,
            column: 1,
        }]);
    }
    b.rel("ally", ids[0], ids[2]);
    b.rel("member_of", ids[0], odd);
    b.rel("member_of", ids[1], odd);
    b.build()
}

#[test]
fn hostile_names_round_trip_through_graphviz_rust_and_graphviz() {
    let g = hostile_graph();
    for opts in [
        RenderOptions::default(),
        RenderOptions {
            cluster: Clustering::Organisations,
            title: Some(HOSTILE.concat()),
            ..RenderOptions::default()
        },
    ] {
        let dot = to_dot(&g, &opts);
        let (nodes, _) = count(stmts(&parse(&dot)));
        assert_eq!(nodes, g.actors.len());

        let text = svg(&dot);
        let doc = xml(&text);
        // Nothing injected: no element but what Graphviz writes.
        for n in doc.descendants().filter(|n| n.is_element()) {
            let tag = n.tag_name().name();
            assert!(
                ["svg", "g", "title", "text", "a", "polygon", "path", "ellipse", "polyline"]
                    .contains(&tag),
                "unexpected <{tag}> in the SVG"
            );
        }
        if let Some(title) = &opts.title {
            let expected = fold(&title.replace(|c: char| c.is_control(), " "));
            assert!(
                doc.descendants()
                    .filter_map(|n| n.text())
                    .any(|t| fold(t) == expected),
                "the title is not drawn as written"
            );
        }
        let node_groups: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("node"))
            .collect();
        assert_eq!(node_groups.len(), g.actors.len());
        // Each name reads back exactly (line breaks and control characters
        // become spaces; labels wrap at spaces).
        for (i, name) in HOSTILE.iter().enumerate() {
            let group = doc
                .descendants()
                .find(|n| n.attribute("id") == Some(&format!("actor-h{i}")))
                .unwrap_or_else(|| panic!("no node for {name:?}"));
            let drawn: Vec<&str> = group
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect();
            let expected = fold(&name.replace(|c: char| c.is_control(), " "));
            assert_eq!(fold(&drawn.join(" ")), expected, "label of {name:?}");
            let tooltip = group
                .descendants()
                .find_map(|n| n.attribute(("http://www.w3.org/1999/xlink", "title")))
                .expect("a tooltip");
            assert!(
                fold(tooltip).starts_with(&format!("{expected} (h{i}), state")),
                "tooltip {tooltip:?} of {name:?}"
            );
            assert!(fold(tooltip).ends_with(&format!("described as {expected}")));
        }
    }
}

// ------------------------------------------------------------------- cli

#[test]
fn render_writes_dot_to_stdout_and_to_a_dot_file_alike() {
    let out = casus()
        .args(["render", "--graph"])
        .arg(fixture("render"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(out).unwrap();
    parse(&stdout);
    assert_eq!(stdout, to_dot(&fixture_graph(), &RenderOptions::default()));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.dot");
    casus()
        .args(["render", "--graph"])
        .arg(fixture("render"))
        .arg("-o")
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout);
}

#[test]
fn render_options_reach_the_picture() {
    let run = |args: &[&str]| -> String {
        let out = casus()
            .args(["render", "--graph"])
            .arg(fixture("render"))
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let whole = run(&[]);
    let focused = run(&["--focus", "Zenda Valley", "--depth", "1"]);
    assert!(whole.contains("\"rudolf\"[") && !focused.contains("\"rudolf\"["));
    let early = run(&["--as-of", "2020-09-27"]);
    assert!(!early.contains("label=\"attacks"));
    let strong = run(&["--min-status", "confirmed"]);
    assert!(!strong.contains("label=\"accuses"));
    let no_conflict = run(&["--avoid", "conflict"]);
    assert!(!no_conflict.contains("attacks"));
    let only_alliance = run(&["--via", "alliance", "--no-edge-labels"]);
    assert_eq!(count(stmts(&parse(&only_alliance))), (2, 1));
    let seeded = run(&["--seed-only"]);
    assert_eq!(count(stmts(&parse(&seeded))).1, 2);
    let boxes = run(&["--cluster", "organisations"]);
    assert!(boxes.contains("subgraph \"cluster_entente\""));
    let neato = run(&["--layout", "neato"]);
    assert!(neato.contains("layout=neato"));
    let path = run(&["--path", "King Rudolf V", "Black Hand", "--depth", "1"]);
    assert_eq!(path.matches("penwidth=3.5").count(), 3, "{path}");
    assert!(path.contains("fillcolor=\"#f4f4f4\""), "a dimmed context");
}

#[test]
fn render_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    casus()
        .args(["render", "-o"])
        .arg(dir.path().join("x.jpeg"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".svg, .png or .pdf"));
    casus()
        .args(["render", "--focus", "Atlantis"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no actor `Atlantis`"));
    casus()
        .args(["render", "--min-status", "rumoured"])
        .assert()
        .code(2);
    casus()
        .args(["render", "--via", "alliances"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `alliance`"));
    casus()
        .args(["render", "--graph"])
        .arg(fixture("render"))
        .args(["--path", "rudolf", "black-hand", "--via", "alliance"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no path from King Rudolf V to Black Hand",
        ));
}

#[test]
fn without_graphviz_pictures_fail_with_the_install_hint_and_dot_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let empty_path = dir.path().join("bin");
    std::fs::create_dir(&empty_path).unwrap();
    let svg = dir.path().join("x.svg");
    casus()
        .env("PATH", &empty_path)
        .args(["render", "-o"])
        .arg(&svg)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("`dot` program was not found"))
        .stderr(predicates::str::contains("apt-get install graphviz"))
        .stderr(predicates::str::contains("brew install graphviz"));
    assert!(!svg.exists());
    casus()
        .env("PATH", &empty_path)
        .args(["render", "-o"])
        .arg(dir.path().join("x.dot"))
        .assert()
        .success();
}

// ------------------------------------------------------ world scale

/// A hub tied to `n` states, each also tied to its two ring neighbours.
fn hub_graph(n: usize) -> (Graph, ActorId) {
    let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
        ("ally", false, Sign::Friendly, "alliance"),
        ("arms_supplier", true, Sign::Friendly, "military_support"),
    ]));
    let hub = b.actor("hub", ActorKind::State);
    let ring: Vec<ActorId> = (0..n)
        .map(|i| b.actor(&format!("s{i:04}"), ActorKind::State))
        .collect();
    for (i, s) in ring.iter().enumerate() {
        b.rel("ally", hub, *s);
        b.rel("ally", *s, ring[(i + 1) % n]);
    }
    (b.build(), hub)
}

#[test]
fn star_draws_only_the_relations_of_the_focus() {
    let g = real_graph();
    let russia = id(&g, "russia");
    let mut opts = RenderOptions {
        focus: vec![russia],
        ..RenderOptions::default()
    };
    let touches = |s: &casus::render::Selection| {
        s.relations
            .iter()
            .filter(|r| g.relation(**r).from == russia || g.relation(**r).to == russia)
            .count()
    };
    let all = select(&g, &opts);
    assert!(
        touches(&all) < all.relations.len(),
        "the ego network has other edges"
    );
    opts.star = true;
    let star = select(&g, &opts);
    assert_eq!(touches(&star), star.relations.len());
    assert_eq!(touches(&star), touches(&all));
    assert_eq!(star.actors, all.actors);
}

#[test]
fn max_nodes_keeps_the_actors_most_tied_to_the_focus() {
    let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[(
        "ally",
        false,
        Sign::Friendly,
        "alliance",
    )]));
    let f = b.actor("f", ActorKind::State);
    let twice = b.actor("twice", ActorKind::State);
    let once = b.actor("once", ActorKind::State);
    let weak = b.actor("weak", ActorKind::State);
    b.rel("ally", f, twice);
    b.rel("ally", twice, f);
    b.rel("ally", f, once);
    let r = b.rel("ally", f, weak);
    b.relations_mut()[r.index()].status = Status::Alleged;
    b.rel("ally", once, weak);
    let g = b.build();
    let opts = |n| RenderOptions {
        focus: vec![f],
        max_nodes: Some(n),
        ..RenderOptions::default()
    };
    let ids = |n| -> Vec<String> {
        select(&g, &opts(n))
            .actors
            .iter()
            .map(|a| g.actor(*a).id.clone())
            .collect()
    };
    assert_eq!(ids(1), ["f", "twice"]);
    assert_eq!(ids(2), ["f", "twice", "once"]);
    assert_eq!(ids(3), ["f", "twice", "once", "weak"]);
    // Only relations among the kept actors.
    assert_eq!(select(&g, &opts(2)).relations.len(), 3);
}

#[test]
fn the_size_guard_draws_a_large_focus_as_a_labelled_star_and_says_so() {
    use casus::render::scale::{plan, Asked};
    use casus::render::Layout;
    let (g, hub) = hub_graph(120);
    let asked = Asked {
        picture: true,
        ..Asked::default()
    };
    let opts = RenderOptions {
        focus: vec![hub],
        ..RenderOptions::default()
    };
    let (planned, notes) = plan(&g, &opts, asked).expect("drawable");
    assert!(planned.star);
    assert_eq!(planned.layout, Layout::Twopi);
    assert!(!planned.edge_labels);
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].contains("--star") && notes[0].contains("120 relations"));
    let dot = to_dot(&g, &planned);
    assert!(dot.contains("root=\"hub\""), "the hub is the centre");
    // Small pictures are left alone.
    let (small, _) = hub_graph(10);
    let (same, notes) = plan(&small, &opts_of(&small), asked).unwrap();
    assert_eq!(same, opts_of(&small));
    assert!(notes.is_empty());
    // An explicit dot layout on a large picture is refused, unless forced.
    let dot_asked = Asked {
        layout: true,
        ..asked
    };
    let err = plan(&g, &opts, dot_asked).unwrap_err();
    assert!(
        err.contains("--force") && err.contains("--max-nodes"),
        "{err}"
    );
    let forced = Asked {
        force: true,
        ..dot_asked
    };
    assert_eq!(plan(&g, &opts, forced).unwrap().0, opts);
}

fn opts_of(g: &Graph) -> RenderOptions {
    RenderOptions {
        focus: vec![g.actor_by_id("hub").unwrap()],
        ..RenderOptions::default()
    }
}

#[test]
fn the_size_guard_refuses_a_picture_no_one_can_read_and_max_nodes_makes_one() {
    use casus::render::scale::{plan, Asked, HUGE_ACTORS};
    use casus::render::Layout;
    let (g, _) = hub_graph(HUGE_ACTORS + 50);
    let asked = Asked {
        picture: true,
        ..Asked::default()
    };
    let whole = RenderOptions::default();
    let err = plan(&g, &whole, asked).unwrap_err();
    assert!(err.contains("--max-nodes"), "{err}");
    // DOT text is always written.
    let dot_text = Asked {
        picture: false,
        ..asked
    };
    assert!(plan(&g, &whole, dot_text).is_ok());
    let fewer = RenderOptions {
        max_nodes: Some(150),
        ..RenderOptions::default()
    };
    let (planned, _) = plan(&g, &fewer, asked).expect("150 actors draw");
    assert_eq!(planned.layout, Layout::Sfdp);
    assert_eq!(select(&g, &planned).actors.len(), 150);
}

#[test]
fn legends_promise_only_what_the_output_can_do() {
    use casus::render::Medium;
    let g = fixture_graph();
    let legend_of = |medium| {
        legend(&parse(&to_dot(
            &g,
            &RenderOptions {
                medium,
                ..RenderOptions::default()
            },
        )))
    };
    assert!(legend_of(Medium::Svg).contains("hover"));
    assert!(!legend_of(Medium::Static).contains("hover"));
    assert!(!legend_of(Medium::Static).contains("click"));
    assert!(legend_of(Medium::Report).contains("click"));
}

#[test]
fn the_title_is_above_the_picture_and_outside_the_legend() {
    let g = fixture_graph();
    let dot = to_dot(
        &g,
        &RenderOptions {
            title: Some("A title".into()),
            ..RenderOptions::default()
        },
    );
    assert!(dot.contains("labelloc=t"), "{dot}");
    assert!(!dot.contains("labelloc=b"), "{dot}");
    let title = dot.find("A title").unwrap();
    let legend_box = dot.find("<TABLE BORDER=\"1\"").unwrap();
    assert!(
        title < legend_box,
        "the title comes before the legend's box"
    );
    let svg_text = svg(&dot);
    let doc = xml(&svg_text);
    let y = |needle: &str| -> f64 {
        doc.descendants()
            .find(|n| n.has_tag_name("text") && n.text() == Some(needle))
            .and_then(|n| n.attribute("y"))
            .unwrap_or_else(|| panic!("{needle} not drawn"))
            .parse()
            .unwrap()
    };
    // SVG y grows downwards: the title is above every node label.
    let nodes = g.actors.iter().map(|a| a.name.as_str());
    let highest_node = nodes
        .filter_map(|n| {
            doc.descendants()
                .find(|x| x.has_tag_name("text") && x.text() == Some(n))
        })
        .filter_map(|n| n.attribute("y").and_then(|y| y.parse::<f64>().ok()))
        .fold(f64::INFINITY, f64::min);
    assert!(y("A title") < highest_node);
}

#[test]
fn arms_edges_are_as_wide_as_their_sipri_value_with_the_scale_in_the_legend() {
    let dir = tempfile::tempdir().unwrap();
    let world = dir.path().join("w");
    casus()
        .args(["import", "--data"])
        .arg(fixture("data"))
        .args(["--year", "2018", "-o"])
        .arg(&world)
        .assert()
        .success();
    let out = casus()
        .arg("--graph")
        .arg(&world)
        .args(["render", "--via", "arms_supplier"])
        .assert()
        .success();
    let dot = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let widths: BTreeSet<String> = dot
        .split("penwidth=")
        .skip(1)
        .map(|s| s.split([' ', ']']).next().unwrap().to_string())
        .collect();
    assert!(
        widths.contains("1.0") && widths.contains("7.0"),
        "{widths:?}"
    );
    assert!(widths.len() >= 4, "{widths:?}");
    assert!(dot.contains("width: SIPRI TIV delivered (millions)"));
    assert!(dot.contains(" TIV)\""), "the value is on the edge label");
}

#[test]
fn the_escalation_picture_has_a_title_a_legend_and_readable_type() {
    let out = casus()
        .args([
            "escalate",
            "strikes-inside-armenia",
            "--trials",
            "500",
            "--format",
            "dot",
        ])
        .assert()
        .success();
    let dot = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let legend = legend(&parse(&dot));
    for present in ["P(L2+)", "side A", "side B", "belligerent", "500 trials"] {
        assert!(legend.contains(present), "{present} missing from {legend}");
    }
    assert!(
        dot.contains("labelloc=t"),
        "title and legend above the picture"
    );
    assert!(dot.contains(&format!(
        "fontsize={}",
        casus::render::escalation::NODE_FONT_SIZE
    )));
    // The legend's swatches are the picture's own fills.
    let a90 = casus::render::escalation::fill(Some(0.0), 0.9);
    assert!(legend.contains(&a90), "{legend}");
    graphviz_rust::parse(&dot).expect("parses");
    svg(&dot);
}
