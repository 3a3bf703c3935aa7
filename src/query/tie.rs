//! A tie seen from one of its ends: the building block of the analyst
//! queries' output (members, cross-pressure, brokers, common ties).

use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;

/// Which way a relation points, seen from one of its ends ("me": the actor
/// a tie is listed under; in an ego network, the end nearer the centre).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// `me --type--> other`.
    Out,
    /// `me <--type-- other`.
    In,
    /// A symmetric type: `me --type-- other`.
    Mutual,
}

impl Direction {
    /// The direction of `rel` seen from `me`.
    pub fn of(g: &Graph, rel: &Relation, me: ActorId) -> Direction {
        if !g.rtype(rel).directed {
            Direction::Mutual
        } else if rel.from == me {
            Direction::Out
        } else {
            Direction::In
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
            Direction::Mutual => "mutual",
        }
    }

    /// An arrow read from `me`: `-->`, `<--` or `<->`.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Out => "-->",
            Direction::In => "<--",
            Direction::Mutual => "<->",
        }
    }
}

/// A relation seen from `me`: the actor at the other end, the direction,
/// and the relation with its evidence.
#[derive(Clone, Debug, Serialize)]
pub struct TieView {
    /// The actor at the other end.
    pub other: ActorRef,
    /// Seen from the actor the tie is listed under.
    pub direction: Direction,
    pub relation: RelationView,
}

impl TieView {
    /// Relation `r` seen from `me` (one of its ends).
    pub fn new(g: &Graph, me: ActorId, r: RelId) -> TieView {
        let rel = g.relation(r);
        TieView {
            other: ActorRef::new(g, rel.other(me)),
            direction: Direction::of(g, rel, me),
            relation: RelationView::new(g, r),
        }
    }

    /// Every relation of `rels`, seen from `me`.
    pub fn all(g: &Graph, me: ActorId, rels: &[RelId]) -> Vec<TieView> {
        rels.iter().map(|r| TieView::new(g, me, *r)).collect()
    }
}
