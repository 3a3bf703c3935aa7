//! Pictures of the graph: Graphviz DOT built with graphviz-rust's graph
//! model (`dot_structures`) and printer.
//!
//! Invariant: rendering builds DOT without I/O. [`build`] and [`to_dot`]
//! are pure functions of the graph and the [`RenderOptions`] (same input,
//! same bytes); every piece of text goes through [`escape`]; every style
//! comes from [`style`]; only [`exec`] runs Graphviz.
//!
//! ```
//! use casus::model::GraphBuilder;
//! use casus::render::{to_dot, RenderOptions};
//! let g = GraphBuilder::example();
//! let dot = to_dot(&g, &RenderOptions::default());
//! assert!(dot.starts_with("digraph"));
//! assert!(graphviz_rust::parse(&dot).is_ok());
//! ```

pub mod escape;
pub mod exec;
pub mod style;

use crate::model::*;
use crate::query::Filter;
use crate::view::RelationView;
use escape::{escape, html, quoted, tooltip, word, Target};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as Dot, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeMap, BTreeSet};
pub use style::Layout;

/// Which organisations' members are drawn inside a box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clustering {
    #[default]
    None,
    /// Each actor that is a member (`member_of`, reported or stronger) of
    /// exactly one drawn organisation is drawn inside that organisation's
    /// box, nested if the organisation is itself a member of one; an actor
    /// in several stays outside, joined to each by its `member_of` edge.
    Organisations,
}

/// Actors and relations to draw strongly; everything else is dimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    pub actors: BTreeSet<ActorId>,
    pub relations: BTreeSet<RelId>,
}

impl Highlight {
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty() && self.relations.is_empty()
    }

    /// A path: its relations and every actor they touch.
    pub fn path(g: &Graph, relations: impl IntoIterator<Item = RelId>) -> Highlight {
        let relations: BTreeSet<RelId> = relations.into_iter().collect();
        let actors = relations
            .iter()
            .flat_map(|r| [g.relation(*r).from, g.relation(*r).to])
            .collect();
        Highlight { actors, relations }
    }
}

/// What to draw and how.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    /// Which relations are drawn (type, status, source, date).
    pub filter: Filter,
    /// Centres of an ego network: only actors within `depth` steps of one
    /// of them (over drawn relations, either way) are drawn. Empty: the
    /// whole graph.
    pub focus: Vec<ActorId>,
    /// Radius of the ego network around `focus`.
    pub depth: usize,
    /// Drawn strongly on a dimmed context (a path). Highlighted relations
    /// are drawn even if the filter would drop them.
    pub highlight: Highlight,
    pub cluster: Clustering,
    pub layout: Layout,
    /// Name each edge's relation type on it.
    pub edge_labels: bool,
    /// A title above the legend.
    pub title: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            filter: Filter::default(),
            focus: Vec::new(),
            depth: 1,
            highlight: Highlight::default(),
            cluster: Clustering::None,
            layout: Layout::Dot,
            edge_labels: true,
            title: None,
        }
    }
}

/// The actors and relations a picture shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub actors: BTreeSet<ActorId>,
    pub relations: BTreeSet<RelId>,
}

/// Chooses what to draw: the relations the filter lets through (and the
/// highlighted ones), then either every actor they touch or, with a focus,
/// the actors within `depth` steps of it and the relations among them.
/// Actors with no drawn relation are left out, except the focus and the
/// highlighted actors.
pub fn select(g: &Graph, opts: &RenderOptions) -> Selection {
    let kept: Vec<RelId> = g
        .relation_ids()
        .filter(|r| opts.filter.allows(g, *r) || opts.highlight.relations.contains(r))
        .collect();
    let mut actors: BTreeSet<ActorId> = BTreeSet::new();
    if opts.focus.is_empty() {
        for r in &kept {
            let rel = g.relation(*r);
            actors.insert(rel.from);
            actors.insert(rel.to);
        }
    } else {
        let mut adjacent: BTreeMap<ActorId, BTreeSet<ActorId>> = BTreeMap::new();
        for r in &kept {
            let rel = g.relation(*r);
            adjacent.entry(rel.from).or_default().insert(rel.to);
            adjacent.entry(rel.to).or_default().insert(rel.from);
        }
        let mut frontier: BTreeSet<ActorId> = opts.focus.iter().copied().collect();
        actors.extend(frontier.iter().copied());
        for _ in 0..opts.depth {
            let mut next = BTreeSet::new();
            for a in &frontier {
                for b in adjacent.get(a).into_iter().flatten() {
                    if actors.insert(*b) {
                        next.insert(*b);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
    }
    actors.extend(opts.highlight.actors.iter().copied());
    let relations = kept
        .into_iter()
        .filter(|r| {
            let rel = g.relation(*r);
            actors.contains(&rel.from) && actors.contains(&rel.to)
        })
        .collect();
    Selection { actors, relations }
}

/// Relations of one type, direction and status between the same two
/// actors (and all highlighted, or none): drawn as one edge.
#[derive(Debug)]
struct EdgeGroup {
    from: ActorId,
    to: ActorId,
    rels: Vec<RelId>,
    highlighted: bool,
}

fn group_edges(g: &Graph, rels: &BTreeSet<RelId>, highlight: &Highlight) -> Vec<EdgeGroup> {
    let mut groups: Vec<EdgeGroup> = Vec::new();
    let mut index: BTreeMap<(ActorId, ActorId, &str, u8, bool), usize> = BTreeMap::new();
    for r in rels {
        let rel = g.relation(*r);
        let (mut from, mut to) = (rel.from, rel.to);
        if !g.rtype(rel).directed && to < from {
            std::mem::swap(&mut from, &mut to);
        }
        let hl = highlight.relations.contains(r);
        let key = (from, to, rel.rtype.as_str(), rel.status.strength(), hl);
        match index.get(&key) {
            Some(i) => groups[*i].rels.push(*r),
            None => {
                index.insert(key, groups.len());
                groups.push(EdgeGroup {
                    from,
                    to,
                    rels: vec![*r],
                    highlighted: hl,
                });
            }
        }
    }
    groups
}

/// Where each drawn actor goes with `--cluster organisations`: the
/// organisation whose box holds it (for an organisation with a box of its
/// own: the box its box sits in), and the `member_of` relations that the
/// boxes stand for (not drawn as edges).
#[derive(Debug, Default)]
struct Clusters {
    container: BTreeMap<ActorId, ActorId>,
    absorbed: BTreeSet<RelId>,
}

/// Graphviz boxes (clusters) must nest: a node sits in one box, a box in
/// one box. Memberships overlap (Armenia is in the CSTO, the EAEU and the
/// OSCE Minsk Group), so a box is drawn only where it tells the truth:
///
/// - an organisation's box sits inside another's when its members are a
///   subset of the other's (the EAEU inside the CSTO), the smallest such;
/// - an actor goes inside the innermost box of its organisations when its
///   organisations are exactly that box and the boxes around it (Belarus,
///   in the EAEU and the CSTO, goes in the EAEU box inside the CSTO box);
/// - every other actor stays outside, one node, joined to each of its
///   organisations by its `member_of` edges (Armenia, also in the Minsk
///   Group; Turkey, in NATO and the Minsk Group).
///
/// Only drawn `member_of` relations to organisations, reported or
/// stronger and not highlighted, count.
fn clusters(g: &Graph, sel: &Selection, opts: &RenderOptions) -> Clusters {
    let mut c = Clusters::default();
    if opts.cluster != Clustering::Organisations {
        return c;
    }
    let mut members: BTreeMap<ActorId, BTreeSet<ActorId>> = BTreeMap::new();
    let mut orgs_of: BTreeMap<ActorId, BTreeSet<ActorId>> = BTreeMap::new();
    let mut rels_of: BTreeMap<ActorId, Vec<RelId>> = BTreeMap::new();
    for r in &sel.relations {
        let rel = g.relation(*r);
        if rel.rtype == style::MEMBERSHIP_TYPE
            && g.actor(rel.to).kind == ActorKind::Organisation
            && rel.from != rel.to
            && rel.status.strength() >= Status::Reported.strength()
            && !opts.highlight.relations.contains(r)
        {
            members.entry(rel.to).or_default().insert(rel.from);
            orgs_of.entry(rel.from).or_default().insert(rel.to);
            rels_of.entry(rel.from).or_default().push(*r);
        }
    }
    // Organisations ordered by size then id: a box can only sit in a later one.
    let key = |o: ActorId| (members[&o].len(), o);
    let parent: BTreeMap<ActorId, ActorId> = members
        .keys()
        .filter_map(|x| {
            members
                .keys()
                .filter(|y| key(**y) > key(*x) && members[x].is_subset(&members[y]))
                .min_by_key(|y| key(**y))
                .map(|y| (*x, *y))
        })
        .collect();
    let chain = |mut x: ActorId| {
        let mut out = BTreeSet::from([x]);
        while let Some(p) = parent.get(&x) {
            out.insert(*p);
            x = *p;
        }
        out
    };
    let mut placed: BTreeMap<ActorId, ActorId> = BTreeMap::new();
    for (a, orgs) in &orgs_of {
        let inner = *orgs.iter().min_by_key(|o| key(**o)).expect("not empty");
        if chain(inner) == *orgs {
            placed.insert(*a, inner);
        }
    }
    // An organisation with a box of its own sits in it; its own
    // memberships stay edges. The boxes are those around placed actors.
    let boxed = |placed: &BTreeMap<ActorId, ActorId>| -> BTreeSet<ActorId> {
        placed.values().flat_map(|o| chain(*o)).collect()
    };
    let first = boxed(&placed);
    placed.retain(|a, _| !first.contains(a));
    let boxes = boxed(&placed);
    for (a, org) in &placed {
        c.container.insert(*a, *org);
        c.absorbed.extend(rels_of[a].iter().copied());
    }
    for b in &boxes {
        if let Some(p) = parent.get(b) {
            c.container.insert(*b, *p);
        }
    }
    c
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(word(key), value)
}

/// An attribute whose value is text of ours or the user's (quoted and escaped).
fn text(key: &str, value: &str) -> Attribute {
    attr(key, quoted(value))
}

/// A tooltip attribute (Graphviz reads tooltips' escapes twice).
fn tip(value: &str) -> Attribute {
    attr("tooltip", tooltip(value))
}

/// An attribute whose value is a style constant.
fn w(key: &str, value: &str) -> Attribute {
    attr(key, word(value))
}

fn node_id(a: &Actor) -> NodeId {
    NodeId(quoted(&a.id), None)
}

/// Breaks a name into lines of about `width` characters at spaces.
fn wrap(name: &str, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for word in name.split(' ') {
        let n = word.chars().count();
        if col > 0 && col + 1 + n > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += n;
    }
    out
}

/// A node's tooltip: who the actor is.
fn actor_tooltip(g: &Graph, a: ActorId) -> String {
    let actor = g.actor(a);
    let mut lines = vec![format!("{} ({}), {}", actor.name, actor.id, actor.kind)];
    if !actor.recognised {
        lines[0].push_str(", not recognised");
    }
    if !actor.aliases.is_empty() {
        lines.push(format!("also: {}", actor.aliases.join(", ")));
    }
    let mut codes = Vec::new();
    if let Some(i) = &actor.iso3 {
        codes.push(format!("ISO {i}"));
    }
    if let Some(c) = actor.cow {
        codes.push(format!("COW {c}"));
    }
    if !codes.is_empty() {
        lines.push(codes.join(", "));
    }
    if let Some(d) = &actor.description {
        lines.push(d.clone());
    }
    for c in &actor.evidence {
        lines.push(format!(
            "source: {}",
            crate::view::EvidenceView::new(g, c).short()
        ));
    }
    lines.join("\n")
}

/// One fact in full: the sentence, status, dates, details, note, and every citation.
fn fact(g: &Graph, r: RelId) -> String {
    let v = RelationView::new(g, r);
    let verb = &g.rtype(g.relation(r)).verb;
    let mut head = format!("{} {} {} [{}]", v.from.name, verb, v.to.name, v.status);
    let when = v.when();
    if !when.is_empty() {
        head.push_str(&format!(" {when}"));
    }
    let details = v.details();
    if !details.is_empty() {
        head.push_str(&format!(" ({})", details.join("; ")));
    }
    let mut lines = vec![head];
    if let Some(n) = &v.note {
        lines.push(format!("note: {n}"));
    }
    for (i, e) in v.evidence.iter().enumerate() {
        lines.push(format!("source: {}{}", v.statement_prefix(i), e.short()));
    }
    lines.join("\n")
}

fn edge_label(t: &RelationType, status: Status, count: usize) -> String {
    let mut s = t.name.replace('_', " ");
    if count > 1 {
        s.push_str(&format!(" ×{count}"));
    }
    if style::status(status).in_label {
        s.push_str(&format!(" ({status})"));
    }
    s
}

/// Builds the picture as graphviz-rust's DOT model.
pub fn build(g: &Graph, opts: &RenderOptions) -> Dot {
    let sel = select(g, opts);
    let dimmed = !opts.highlight.is_empty();
    let cl = clusters(g, &sel, opts);

    let mut stmts: Vec<Stmt> = Vec::new();
    let mut graph_attrs: Vec<Attribute> = style::graph_attributes(opts.layout)
        .into_iter()
        .map(|(k, v)| w(k, v))
        .collect();
    let drawn: BTreeSet<RelId> = sel.relations.difference(&cl.absorbed).copied().collect();
    let groups = group_edges(g, &drawn, &opts.highlight);
    let merged = groups.iter().any(|e| e.rels.len() > 1);
    graph_attrs.push(attr("label", legend(g, &sel, opts, &cl, merged)));
    stmts.push(GraphAttributes::Graph(graph_attrs).into());
    stmts.push(
        GraphAttributes::Node(
            style::node_defaults()
                .into_iter()
                .map(|(k, v)| w(k, v))
                .collect(),
        )
        .into(),
    );
    stmts.push(
        GraphAttributes::Edge(
            style::edge_defaults()
                .into_iter()
                .map(|(k, v)| w(k, v))
                .collect(),
        )
        .into(),
    );

    // Nodes, each in the box of its organisation if it has one.
    let node = |a: ActorId| -> Stmt {
        let actor = g.actor(a);
        let ks = style::kind(actor.kind);
        let emphasised = if dimmed {
            opts.highlight.actors.contains(&a)
        } else {
            opts.focus.contains(&a)
        };
        let node_style = if actor.kind == ActorKind::State && !actor.recognised {
            style::UNRECOGNISED_STYLE
        } else {
            ks.style
        };
        let mut attrs = vec![
            text("label", &wrap(&actor.name, 18)),
            w("shape", ks.shape),
            w("style", node_style),
        ];
        if dimmed && !emphasised {
            attrs.push(text("fillcolor", style::DIM_FILL));
            attrs.push(text("color", style::DIM_LINE));
            attrs.push(text("fontcolor", style::DIM_TEXT));
        } else {
            attrs.push(text("fillcolor", ks.fill));
        }
        attrs.push(tip(&actor_tooltip(g, a)));
        attrs.push(text("id", &format!("actor-{}", actor.id)));
        if emphasised {
            attrs.push(w("penwidth", style::EMPHASIS_BORDER_WIDTH));
        }
        Node::new(node_id(actor), attrs).into()
    };
    let mut children: BTreeMap<Option<ActorId>, Vec<ActorId>> = BTreeMap::new();
    for a in &sel.actors {
        children
            .entry(cl.container.get(a).copied())
            .or_default()
            .push(*a);
    }
    fn place(
        g: &Graph,
        parent: ActorId,
        children: &BTreeMap<Option<ActorId>, Vec<ActorId>>,
        cl: &Clusters,
        node: &dyn Fn(ActorId) -> Stmt,
    ) -> Stmt {
        let org = g.actor(parent);
        let members: Vec<String> = cl
            .absorbed
            .iter()
            .filter(|r| g.relation(**r).to == parent)
            .map(|r| fact(g, *r))
            .collect();
        let mut stmts: Vec<Stmt> = vec![
            text("label", &org.name).into(),
            w("style", "rounded,filled").into(),
            text("fillcolor", style::CLUSTER_FILL).into(),
            text("color", style::CLUSTER_LINE).into(),
            text("fontcolor", style::CLUSTER_LINE).into(),
            w("fontsize", "10").into(),
            w("labelloc", "t").into(),
            w("labeljust", "l").into(),
            tip(&format!(
                "Members of {}:\n\n{}",
                org.name,
                members.join("\n\n")
            ))
            .into(),
            text("id", &format!("cluster-{}", org.id)).into(),
            node(parent),
        ];
        for c in children.get(&Some(parent)).into_iter().flatten() {
            if children.contains_key(&Some(*c)) {
                stmts.push(place(g, *c, children, cl, node));
            } else {
                stmts.push(node(*c));
            }
        }
        Subgraph {
            id: quoted(&format!("cluster_{}", org.id)),
            stmts,
        }
        .into()
    }
    for a in children.get(&None).into_iter().flatten() {
        if children.contains_key(&Some(*a)) {
            stmts.push(place(g, *a, &children, &cl, &node));
        } else {
            stmts.push(node(*a));
        }
    }

    // Edges.
    for group in groups {
        let first = g.relation(group.rels[0]);
        let t = g.rtype(first);
        let ss = style::status(first.status);
        let mut color = style::edge_color(t, g.schema.categories.get(&t.category));
        if ss.faint {
            color = style::faint(&color);
        }
        let mut penwidth = ss.penwidth;
        let mut fontcolor = color.clone();
        if dimmed {
            if group.highlighted {
                penwidth = style::HIGHLIGHT_EDGE_WIDTH;
            } else {
                color = style::DIM_LINE.to_string();
                fontcolor = style::DIM_TEXT.to_string();
                penwidth = style::DIM_EDGE_WIDTH;
            }
        }
        let tooltip = group
            .rels
            .iter()
            .map(|r| fact(g, *r))
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut attrs = vec![
            text("color", &color),
            w("style", ss.line),
            w("penwidth", penwidth),
            w("arrowhead", style::arrowhead(t)),
            tip(&tooltip),
            text("id", &format!("rel-{}", group.rels[0].0)),
        ];
        if !t.directed {
            attrs.push(w("dir", "none"));
        }
        if opts.edge_labels {
            attrs.push(text(
                "label",
                &edge_label(t, first.status, group.rels.len()),
            ));
            attrs.push(text("fontcolor", &fontcolor));
        }
        let from = g.actor(group.from);
        let to = g.actor(group.to);
        stmts.push(
            Edge {
                ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
                attributes: attrs,
            }
            .into(),
        );
    }

    Dot::DiGraph {
        id: quoted("casus"),
        strict: false,
        stmts,
    }
}

/// The legend: a grid as the graph's label (drawn by every layout engine,
/// never overlapping the drawing), listing only the actor kinds, relation
/// types and statuses in the picture. A grid rather than nested tables:
/// Graphviz stretches a nested table to its cell, which would stretch the
/// swatches.
fn legend(g: &Graph, sel: &Selection, opts: &RenderOptions, cl: &Clusters, merged: bool) -> Id {
    let h = |s: &str| escape(s, Target::Html);
    let size = style::LEGEND_FONT_SIZE;
    let swatch = |fill: &str, line: &str, cell_style: &str, name: &str| {
        let cell_style = if cell_style.is_empty() {
            String::new()
        } else {
            format!(" STYLE=\"{}\"", h(cell_style))
        };
        format!(
            "<TD COLSPAN=\"3\" BGCOLOR=\"{}\" BORDER=\"1\" COLOR=\"{}\"{cell_style}>{}</TD>",
            h(fill),
            h(line),
            h(name)
        )
    };
    // A line sample is the bottom border of an empty cell, drawn by
    // Graphviz itself; then the arrowhead, then the name.
    let sample = |color: &str, width: &str, line: &str, head: &str, name: &str| {
        // (Graphviz refuses an empty <FONT></FONT>.)
        let head = if head.is_empty() {
            String::new()
        } else {
            format!("<FONT COLOR=\"{}\">{}</FONT>", h(color), h(head))
        };
        format!(
            "<TD SIDES=\"B\" BORDER=\"{}\" COLOR=\"{}\" STYLE=\"{}\" FIXEDSIZE=\"TRUE\" WIDTH=\"28\" HEIGHT=\"7\" CELLPADDING=\"0\"></TD><TD ALIGN=\"LEFT\" CELLPADDING=\"0\">{head}</TD><TD ALIGN=\"LEFT\">{}</TD>",
            h(width),
            h(color),
            h(line),
            h(name)
        )
    };

    // With a path, only the path is in colour: the legend explains it alone.
    let (actors, relations) = if opts.highlight.is_empty() {
        (&sel.actors, &sel.relations)
    } else {
        (&opts.highlight.actors, &opts.highlight.relations)
    };
    // Sections: a heading and its cells.
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let mut kinds: Vec<(ActorKind, bool)> = Vec::new();
    for a in actors {
        let actor = g.actor(*a);
        let unrecognised = actor.kind == ActorKind::State && !actor.recognised;
        if !kinds.contains(&(actor.kind, unrecognised)) {
            kinds.push((actor.kind, unrecognised));
        }
    }
    kinds.sort();
    let mut kind_cells: Vec<String> = kinds
        .iter()
        .map(|(k, unrecognised)| {
            let ks = style::kind(*k);
            if *unrecognised {
                swatch(
                    ks.fill,
                    style::INK,
                    style::UNRECOGNISED_SWATCH,
                    "unrecognised state",
                )
            } else {
                swatch(
                    ks.fill,
                    style::INK,
                    ks.swatch,
                    &k.as_str().replace('_', " "),
                )
            }
        })
        .collect();
    if !cl.container.is_empty() {
        kind_cells.push(swatch(
            style::CLUSTER_FILL,
            style::CLUSTER_LINE,
            "rounded",
            "box: its members",
        ));
    }
    if !kind_cells.is_empty() {
        sections.push(("actors".into(), kind_cells));
    }
    let drawn: BTreeSet<&str> = relations
        .difference(&cl.absorbed)
        .map(|r| g.relation(*r).rtype.as_str())
        .collect();
    for (cat_name, cat) in &g.schema.categories {
        let cells: Vec<String> = g
            .schema
            .types
            .values()
            .filter(|t| &t.category == cat_name && drawn.contains(t.name.as_str()))
            .map(|t| {
                sample(
                    &style::edge_color(t, Some(cat)),
                    style::TYPE_SAMPLE_WIDTH,
                    "solid",
                    style::head_sample(t),
                    &t.name.replace('_', " "),
                )
            })
            .collect();
        if !cells.is_empty() {
            sections.push((cat_name.replace('_', " "), cells));
        }
    }
    let statuses: BTreeSet<u8> = relations
        .difference(&cl.absorbed)
        .map(|r| g.relation(*r).status.strength())
        .collect();
    let status_cells: Vec<String> = Status::ALL
        .iter()
        .filter(|s| statuses.contains(&s.strength()))
        .map(|s| {
            let ss = style::status(*s);
            let ink = if ss.faint {
                style::faint(style::INK)
            } else {
                style::INK.to_string()
            };
            sample(&ink, ss.sample_width, ss.line, "", s.as_str())
        })
        .collect();
    if !status_cells.is_empty() {
        sections.push(("status".into(), status_cells));
    }

    let mut notes: Vec<String> = Vec::new();
    let drawn_types = || {
        g.schema
            .types
            .values()
            .filter(|t| drawn.contains(t.name.as_str()))
    };
    if drawn_types().any(|t| t.sign == Sign::Hostile) {
        notes.push("red: hostile".into());
    }
    if drawn_types().any(|t| style::arrowhead(t) == "empty") {
        notes.push("hollow head: statement".into());
    }
    if !opts.highlight.is_empty() {
        notes.push("thick: the path".into());
        notes.push("grey: its context".into());
    } else if !opts.focus.is_empty() {
        notes.push(format!(
            "thick border: focus ({} step{})",
            opts.depth,
            if opts.depth == 1 { "" } else { "s" }
        ));
    }
    if opts.edge_labels && merged {
        notes.push("×N: N facts".into());
    }
    notes.push("hover: sources (SVG)".into());
    sections.push((
        String::new(),
        notes
            .iter()
            .map(|n| format!("<TD COLSPAN=\"3\" ALIGN=\"LEFT\">{}</TD>", h(n)))
            .collect(),
    ));

    // The grid: as many columns as the longest section, at most LEGEND_COLUMNS.
    let cols = sections
        .iter()
        .map(|(_, c)| c.len())
        .max()
        .unwrap_or(1)
        .clamp(1, style::LEGEND_COLUMNS);
    let mut rows: Vec<String> = Vec::new();
    if let Some(t) = &opts.title {
        rows.push(format!(
            "<TR><TD COLSPAN=\"{}\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"{}\"><B>{}</B></FONT></TD></TR>",
            3 * cols + 1,
            size + 4,
            h(t)
        ));
    }
    for (head, cells) in &sections {
        for (i, chunk) in cells.chunks(cols).enumerate() {
            let head = if i == 0 && !head.is_empty() {
                format!("<B>{}</B>", h(head))
            } else {
                String::new()
            };
            rows.push(format!(
                "<TR><TD ALIGN=\"RIGHT\">{head}</TD>{}</TR>",
                chunk.concat()
            ));
        }
    }
    html(&format!(
        "<FONT POINT-SIZE=\"{size}\"><TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\" BGCOLOR=\"#ffffff\">{}</TABLE></FONT>",
        rows.concat()
    ))
}

/// The printer settings of every DOT casus writes.
fn printer() -> PrinterContext {
    PrinterContext::default()
}

/// Prints a DOT model as text.
pub fn print(dot: &Dot) -> String {
    let mut s = dot.print(&mut printer());
    s.push('\n');
    s
}

/// The picture as DOT text: [`build`] then [`print`].
pub fn to_dot(g: &Graph, opts: &RenderOptions) -> String {
    print(&build(g, opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> Graph {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("ally", false, Sign::Friendly, "alliance"),
            ("attacks", true, Sign::Hostile, "conflict"),
            ("member_of", true, Sign::Friendly, "membership"),
        ]));
        let a = b.actor("a", ActorKind::State);
        let c = b.actor("c", ActorKind::State);
        let d = b.actor("d", ActorKind::State);
        let e = b.actor("e", ActorKind::State);
        let org = b.actor("org", ActorKind::Organisation);
        b.rel("ally", a, c);
        b.rel("attacks", c, d);
        b.rel("attacks", c, d);
        b.rel("attacks", d, e);
        b.rel("member_of", a, org);
        b.build()
    }

    #[test]
    fn ego_network_stops_at_depth() {
        let g = graph();
        let a = g.actor_by_id("a").unwrap();
        let mut opts = RenderOptions {
            focus: vec![a],
            depth: 1,
            ..RenderOptions::default()
        };
        let ids = |s: &Selection| -> Vec<String> {
            s.actors.iter().map(|x| g.actor(*x).id.clone()).collect()
        };
        assert_eq!(ids(&select(&g, &opts)), ["a", "c", "org"]);
        opts.depth = 2;
        assert_eq!(ids(&select(&g, &opts)), ["a", "c", "d", "org"]);
        opts.depth = 0;
        assert_eq!(ids(&select(&g, &opts)), ["a"]);
    }

    #[test]
    fn parallel_facts_of_one_type_and_status_are_one_edge() {
        let g = graph();
        let dot = to_dot(&g, &RenderOptions::default());
        assert_eq!(dot.matches("attacks ×2").count(), 1);
        assert_eq!(dot.matches("\"c\" -> \"d\"").count(), 1);
    }

    #[test]
    fn same_input_same_bytes() {
        let g = graph();
        let opts = RenderOptions {
            cluster: Clustering::Organisations,
            ..RenderOptions::default()
        };
        assert_eq!(to_dot(&g, &opts), to_dot(&g, &opts));
    }

    #[test]
    fn membership_cycles_do_not_nest_forever() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[(
            "member_of",
            true,
            Sign::Friendly,
            "membership",
        )]));
        let x = b.actor("x", ActorKind::Organisation);
        let y = b.actor("y", ActorKind::Organisation);
        b.rel("member_of", x, y);
        b.rel("member_of", y, x);
        let g = b.build();
        let opts = RenderOptions {
            cluster: Clustering::Organisations,
            ..RenderOptions::default()
        };
        let dot = to_dot(&g, &opts);
        graphviz_rust::parse(&dot).expect("parses");
        // Both actors are drawn exactly once.
        assert_eq!(dot.matches("\"x\"[").count(), 1, "{dot}");
        assert_eq!(dot.matches("\"y\"[").count(), 1, "{dot}");
    }

    #[test]
    fn wrap_breaks_long_names() {
        assert_eq!(
            wrap("Organization for Security and Co-operation in Europe", 18),
            "Organization for\nSecurity and\nCo-operation in\nEurope"
        );
        assert_eq!(wrap("Turkey", 18), "Turkey");
    }
}
