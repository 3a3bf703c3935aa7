//! One step of a traversal: the relations a query may follow out of an
//! actor, read straight off the petgraph view with the filter applied per
//! edge (no copy of the graph, no precomputed subgraph).

use super::{CompiledFilter, Filter};
use crate::model::*;
use petgraph::Direction;
use serde::Serialize;

/// How a traversal treats the direction of relations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Walk {
    /// Follow every relation either way (the default: a connection is a
    /// connection, whoever is the subject of the sentence).
    #[default]
    Undirected,
    /// Follow directed relations only from `from` to `to`; symmetric types
    /// (`directed = false` in the schema) are still followed both ways.
    Directed,
}

/// One usable step out of an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Step {
    /// The relation stepped along.
    pub rel: RelId,
    /// The actor reached.
    pub to: ActorId,
}

/// The steps a query may take out of `a`: every relation touching `a` that
/// the filter allows and that `walk` lets it follow, each with the actor at
/// its other end. Self-loops are never steps. With `backward`, the steps
/// are those that lead *into* `a` (for searching from the target).
///
/// ```
/// use casus::model::*;
/// use casus::query::{steps, Filter, Walk};
/// let g = GraphBuilder::example();
/// let az = g.actor_by_id("azerbaijan").unwrap();
/// let nk = g.actor_by_id("nagorno-karabakh").unwrap();
/// let f = Filter::default();
/// // Nagorno-Karabakh is part_of Azerbaijan; Turkey is allied with it.
/// assert_eq!(steps(&g, &f, Walk::Undirected, false, az).count(), 2);
/// // Following directions, Azerbaijan reaches only its symmetric ally.
/// assert_eq!(steps(&g, &f, Walk::Directed, false, az).count(), 1);
/// // Backward (what leads into Azerbaijan, following directions): both.
/// assert!(steps(&g, &f, Walk::Directed, true, az).any(|s| s.to == nk));
/// ```
pub fn steps<'g>(
    g: &'g Graph,
    filter: &'g Filter,
    walk: Walk,
    backward: bool,
    a: ActorId,
) -> impl Iterator<Item = Step> + 'g {
    let f = filter.compile(g);
    steps_by(g, walk, backward, a, move |e| f.allows_end(g, e))
}

/// [`steps`] with the filter compiled once by the caller (hot loops: one
/// compiled filter per query, not per actor).
pub fn steps_compiled<'g>(
    g: &'g Graph,
    filter: &'g CompiledFilter<'_>,
    walk: Walk,
    backward: bool,
    a: ActorId,
) -> impl Iterator<Item = Step> + 'g {
    steps_by(g, walk, backward, a, move |e| filter.allows_end(g, e))
}

/// The adjacency entries [`steps_compiled`] steps along (for searches that
/// rank hops by the entry's status without reading the relation), in type
/// order, not in [`steps`]' order: a filter on types reads the ranges of
/// its types only ([`Graph::ends_of_type`]), never the other types' ends.
pub(crate) fn step_ends<'g>(
    g: &'g Graph,
    filter: &'g CompiledFilter<'_>,
    walk: Walk,
    backward: bool,
    a: ActorId,
) -> impl Iterator<Item = &'g End> + 'g {
    let (free, restricted) = if backward {
        (Direction::Incoming, Direction::Outgoing)
    } else {
        (Direction::Outgoing, Direction::Incoming)
    };
    let free = typed_ends(g, filter, a, free).map(|e| (e, true));
    let restricted = typed_ends(g, filter, a, restricted).map(|e| (e, false));
    free.chain(restricted).filter_map(move |(e, free)| {
        if e.other == a
            || (!free && walk == Walk::Directed && g.schema.types[e.ty as usize].directed)
            || !filter.allows_end(g, e)
        {
            return None;
        }
        Some(e)
    })
}

/// The ends of `a` in direction `dir` whose type `filter` lets through,
/// by type: the runs of the other types are skipped, not scanned.
fn typed_ends<'g>(
    g: &'g Graph,
    filter: &'g CompiledFilter<'_>,
    a: ActorId,
    dir: Direction,
) -> impl Iterator<Item = &'g End> + 'g {
    g.type_runs(a, dir)
        .filter(|(ty, _)| filter.allows_type_index(*ty))
        .flat_map(|(_, ends)| ends)
}

fn steps_by<'g>(
    g: &'g Graph,
    walk: Walk,
    backward: bool,
    a: ActorId,
    allows: impl Fn(&End) -> bool + 'g,
) -> impl Iterator<Item = Step> + 'g {
    // Forward: out-edges always, in-edges only when direction does not
    // matter or the type is symmetric. Backward: the mirror image.
    let (free, restricted) = if backward {
        (Direction::Incoming, Direction::Outgoing)
    } else {
        (Direction::Outgoing, Direction::Incoming)
    };
    let free = g.ends(a, free).map(|e| (e, true));
    let restricted = g.ends(a, restricted).map(|e| (e, false));
    free.chain(restricted).filter_map(move |(e, free)| {
        if e.other == a {
            return None;
        }
        if !free && walk == Walk::Directed && g.schema.types[e.ty as usize].directed {
            return None;
        }
        if !allows(e) {
            return None;
        }
        Some(Step {
            rel: e.rel,
            to: e.other,
        })
    })
}
