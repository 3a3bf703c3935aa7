//! Pictures at world scale: the size guard and the two ways of drawing
//! less. `--star` keeps only the relations that touch the focus;
//! `--max-nodes N` keeps the N actors most strongly tied to the focus
//! (or, without one, the N best connected). [`plan`] is the guard: above
//! [`LARGE_ACTORS`] actors or [`LARGE_RELATIONS`] relations it picks a
//! layout that scales (the focus at the centre of a radial layout, or
//! sfdp with overlap removal), draws a single focus as a star, drops the
//! edge labels, and says so; above [`HUGE_ACTORS`] actors, or when asked
//! for `dot` on a large picture, it refuses with the options that help,
//! unless forced.
//!
//! Invariant: the guard never changes what the user asked for explicitly
//! (a layout, `--star`, `--max-nodes`); every change it makes is one note.

use super::{select, weight, Layout, RenderOptions, Selection};
use crate::model::{ActorId, Graph, RelId};
use std::collections::{BTreeMap, BTreeSet};

/// Above this many actors or relations a picture is large.
pub const LARGE_ACTORS: usize = 80;
pub const LARGE_RELATIONS: usize = 250;
/// Above this many actors no layout gives a picture a person can read.
pub const HUGE_ACTORS: usize = 400;
/// Above this many drawn relations, edge labels are dropped.
pub const LABELLED_RELATIONS: usize = 80;

/// Whether a picture of `actors` and `relations` is large.
pub fn is_large(actors: usize, relations: usize) -> bool {
    actors > LARGE_ACTORS || relations > LARGE_RELATIONS
}

/// How strongly a relation ties its two ends: its status strength (1 to
/// 6), times 1 + the logarithm of its weight where it has one.
pub fn tie(g: &Graph, r: RelId) -> f64 {
    let base = f64::from(g.relation(r).status.strength()) + 1.0;
    base * (1.0 + weight::tiv(g, r).map_or(0.0, |w| (1.0 + w).ln()))
}

/// Only the relations that touch a focus actor, and the actors they reach
/// (the focus and highlighted actors always stay).
pub fn star(g: &Graph, sel: &Selection, opts: &RenderOptions) -> Selection {
    let focus: BTreeSet<ActorId> = opts.focus.iter().copied().collect();
    let relations: BTreeSet<RelId> = sel
        .relations
        .iter()
        .copied()
        .filter(|r| {
            let rel = g.relation(*r);
            focus.contains(&rel.from)
                || focus.contains(&rel.to)
                || opts.highlight.relations.contains(r)
        })
        .collect();
    let mut actors: BTreeSet<ActorId> = focus;
    actors.extend(opts.highlight.actors.iter().copied());
    for r in &relations {
        actors.insert(g.relation(*r).from);
        actors.insert(g.relation(*r).to);
    }
    Selection { actors, relations }
}

/// The `n` actors most strongly tied to the focus (the sum of [`tie`]
/// over their relations with it; then over all their drawn relations;
/// then by id), besides the focus and highlighted actors, and the
/// relations among them.
pub fn strongest(g: &Graph, sel: &Selection, opts: &RenderOptions, n: usize) -> Selection {
    let focus: BTreeSet<ActorId> = opts.focus.iter().copied().collect();
    let mut to_focus: BTreeMap<ActorId, f64> = BTreeMap::new();
    let mut overall: BTreeMap<ActorId, f64> = BTreeMap::new();
    for r in &sel.relations {
        let rel = g.relation(*r);
        let t = tie(g, *r);
        for (a, b) in [(rel.from, rel.to), (rel.to, rel.from)] {
            *overall.entry(a).or_default() += t;
            if focus.contains(&b) {
                *to_focus.entry(a).or_default() += t;
            }
        }
    }
    let fixed = |a: &ActorId| focus.contains(a) || opts.highlight.actors.contains(a);
    let mut ranked: Vec<ActorId> = sel.actors.iter().copied().filter(|a| !fixed(a)).collect();
    let score = |a: &ActorId| {
        (
            to_focus.get(a).copied().unwrap_or(0.0),
            overall.get(a).copied().unwrap_or(0.0),
        )
    };
    ranked.sort_by(|a, b| {
        score(b)
            .partial_cmp(&score(a))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(b))
    });
    let mut actors: BTreeSet<ActorId> = sel.actors.iter().copied().filter(fixed).collect();
    actors.extend(ranked.into_iter().take(n));
    let relations = sel
        .relations
        .iter()
        .copied()
        .filter(|r| {
            let rel = g.relation(*r);
            actors.contains(&rel.from) && actors.contains(&rel.to)
        })
        .collect();
    Selection { actors, relations }
}

/// What the user asked for explicitly, beside the options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    /// A layout was named (`--layout`).
    pub layout: bool,
    /// `--force`: draw as asked, however large.
    pub force: bool,
    /// A picture (SVG, PNG, PDF) is to be laid out, not DOT text written.
    pub picture: bool,
}

/// The guard's verdict: the options to draw with and what changed, or a
/// refusal with the options that help.
pub fn plan(
    g: &Graph,
    opts: &RenderOptions,
    asked: Asked,
) -> Result<(RenderOptions, Vec<String>), String> {
    let mut opts = opts.clone();
    let mut notes = Vec::new();
    let sel = select(g, &opts);
    let (n, m) = (sel.actors.len(), sel.relations.len());
    let large = is_large(n, m);
    if asked.force || !large {
        return Ok((opts, notes));
    }
    let what = format!("{n} actors and {m} relations");
    if asked.layout && opts.layout == Layout::Dot && asked.picture {
        return Err(format!(
            "{what} are too many for the dot layout (it takes minutes and draws a picture too wide to read)\n  hint: leave --layout out (casus then picks a layout that scales), or use --layout sfdp, --star, --max-nodes 60, or --force"
        ));
    }
    let single = opts.focus.len() == 1 && opts.highlight.is_empty();
    if single && !opts.star && opts.max_nodes.is_none() {
        opts.star = true;
        let s = select(g, &opts);
        notes.push(format!(
            "{what}: drawing only the {} relations of {} itself (--star); --force draws them all",
            s.relations.len(),
            g.actor(opts.focus[0]).name
        ));
    }
    if !asked.layout {
        opts.layout = if single { Layout::Twopi } else { Layout::Sfdp };
        notes.push(format!(
            "large picture: laid out by {}{} (--layout to choose)",
            opts.layout.as_str(),
            if single {
                " around the focus"
            } else {
                " with overlaps removed"
            }
        ));
    }
    let s = select(g, &opts);
    if opts.edge_labels && s.relations.len() > LABELLED_RELATIONS {
        opts.edge_labels = false;
        notes.push(format!(
            "{} relations drawn: edge labels left out (colours and the legend name the types; --force keeps them)",
            s.relations.len()
        ));
    }
    if asked.picture && s.actors.len() > HUGE_ACTORS {
        return Err(format!(
            "{} actors are more than a picture can show legibly\n  hint: --max-nodes 150 keeps the actors most tied to the focus; --focus ACTOR --star, --via TYPES or --min-status narrow it; --force draws them all anyway",
            s.actors.len()
        ));
    }
    Ok((opts, notes))
}
