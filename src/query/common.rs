//! Common ties: what two actors share (allies, organisations, suppliers,
//! enemies), and how they relate directly.

use super::tie::Direction;
use super::Filter;
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;
use std::collections::BTreeMap;

/// A third actor tied to both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommonTie {
    /// The third actor.
    pub actor: ActorId,
    /// `ties[i]`: the relations between the pair's i-th actor and this one.
    pub ties: [Vec<RelId>; 2],
    /// The (type, direction seen from each of the pair) that both share:
    /// `("member_of", Out)` is a common organisation, `("arms_supplier",
    /// In)` a common supplier. Empty if they are tied to it differently.
    pub shared: Vec<(String, Direction)>,
}

/// What two actors share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Common {
    pub pair: [ActorId; 2],
    /// Relations between the two actors themselves.
    pub direct: Vec<RelId>,
    /// Third actors tied to both: those with a shared type and direction
    /// first, then by the strength of the weaker side's strongest tie,
    /// then in actor order.
    pub common: Vec<CommonTie>,
}

impl Common {
    pub fn view(&self, g: &Graph) -> CommonView {
        let rels = |v: &[RelId]| v.iter().map(|r| RelationView::new(g, *r)).collect();
        CommonView {
            pair: self.pair.map(|a| ActorRef::new(g, a)),
            direct: rels(&self.direct),
            common: self
                .common
                .iter()
                .map(|c| CommonTieView {
                    actor: ActorRef::new(g, c.actor),
                    shared: c
                        .shared
                        .iter()
                        .map(|(t, d)| SharedView {
                            rtype: t.clone(),
                            direction: *d,
                        })
                        .collect(),
                    ties: [rels(&c.ties[0]), rels(&c.ties[1])],
                })
                .collect(),
        }
    }
}

/// [`Common`] as printed and serialised.
#[derive(Clone, Debug, Serialize)]
pub struct CommonView {
    pub pair: [ActorRef; 2],
    pub direct: Vec<RelationView>,
    pub common: Vec<CommonTieView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommonTieView {
    pub actor: ActorRef,
    pub shared: Vec<SharedView>,
    pub ties: [Vec<RelationView>; 2],
}

/// A type and direction both actors have towards the common one.
#[derive(Clone, Debug, Serialize)]
pub struct SharedView {
    #[serde(rename = "type")]
    pub rtype: String,
    /// Seen from each actor of the pair: `out` (both are members of it),
    /// `in` (it supplies both), `mutual` (both are allied with it).
    pub direction: Direction,
}

/// The relations between `a` and `b`, and every third actor with an
/// allowed relation to both, with the types and directions they share.
///
/// ```
/// use casus::model::*;
/// use casus::query::{common_ties, Direction, Filter};
/// let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
///     ("member_of", true, Sign::Friendly, "membership"),
///     ("ally", false, Sign::Friendly, "alliance"),
/// ]));
/// let am = b.actor("armenia", ActorKind::State);
/// let by = b.actor("belarus", ActorKind::State);
/// let csto = b.actor("csto", ActorKind::Organisation);
/// b.rel("member_of", am, csto);
/// b.rel("member_of", by, csto);
/// b.rel("ally", am, by);
/// let g = b.build();
/// let c = common_ties(&g, am, by, &Filter::default());
/// assert_eq!(c.direct.len(), 1);
/// assert_eq!(c.common[0].actor, csto);
/// assert_eq!(c.common[0].shared, [("member_of".to_string(), Direction::Out)]);
/// ```
pub fn common_ties(g: &Graph, a: ActorId, b: ActorId, filter: &Filter) -> Common {
    let ties_of = |me: ActorId| {
        let mut m: BTreeMap<ActorId, Vec<RelId>> = BTreeMap::new();
        for r in g.relations_of(me) {
            let rel = g.relation(r);
            if rel.from != rel.to && filter.allows(g, r) {
                m.entry(rel.other(me)).or_default().push(r);
            }
        }
        m
    };
    let ta = ties_of(a);
    let tb = ties_of(b);
    let direct = if a == b {
        Vec::new()
    } else {
        ta.get(&b).cloned().unwrap_or_default()
    };
    let kinds = |me: ActorId, rels: &[RelId]| -> Vec<(String, Direction)> {
        let mut v: Vec<(String, Direction)> = rels
            .iter()
            .map(|r| {
                let rel = g.relation(*r);
                (rel.rtype.to_string(), Direction::of(g, rel, me))
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let best = |rels: &[RelId]| {
        rels.iter()
            .map(|r| g.relation(*r).status.strength())
            .max()
            .unwrap_or(0)
    };
    let mut common: Vec<CommonTie> = Vec::new();
    for (x, ra) in &ta {
        if *x == a || *x == b {
            continue;
        }
        let Some(rb) = tb.get(x) else { continue };
        let kb = kinds(b, rb);
        let shared = kinds(a, ra)
            .into_iter()
            .filter(|k| kb.contains(k))
            .collect();
        common.push(CommonTie {
            actor: *x,
            ties: [ra.clone(), rb.clone()],
            shared,
        });
    }
    common.sort_by_cached_key(|c| {
        (
            c.shared.is_empty(),
            std::cmp::Reverse(best(&c.ties[0]).min(best(&c.ties[1]))),
            c.actor,
        )
    });
    Common {
        pair: [a, b],
        direct,
        common,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_kinds_need_the_same_type_and_direction() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("arms_supplier", true, Sign::Friendly, "military"),
            ("attacks", true, Sign::Hostile, "conflict"),
        ]));
        let am = b.actor("armenia", ActorKind::State);
        let az = b.actor("azerbaijan", ActorKind::State);
        let ru = b.actor("russia", ActorKind::State);
        let il = b.actor("israel", ActorKind::State);
        b.rel("arms_supplier", ru, am);
        b.rel("arms_supplier", ru, az);
        b.rel("arms_supplier", il, az);
        b.rel("attacks", am, il);
        let g = b.build();
        let c = common_ties(&g, am, az, &Filter::default());
        assert!(c.direct.is_empty());
        assert_eq!(c.common.len(), 2);
        assert_eq!(c.common[0].actor, ru);
        assert_eq!(
            c.common[0].shared,
            [("arms_supplier".to_string(), Direction::In)]
        );
        assert_eq!(c.common[1].actor, il);
        assert!(
            c.common[1].shared.is_empty(),
            "supplies one, attacked by the other"
        );
        let hostile_only = Filter {
            via: vec!["conflict".into()],
            ..Filter::default()
        };
        assert!(common_ties(&g, am, az, &hostile_only).common.is_empty());
    }
}
