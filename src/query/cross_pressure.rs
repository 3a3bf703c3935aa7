//! Cross-pressured actors: those with friendly ties to both sides of a
//! hostile pair (Russia, arms supplier to both Armenia and Azerbaijan).

use super::Filter;
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One actor caught between the two sides of one hostile pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossPressure {
    /// The actor tied to both sides.
    pub actor: ActorId,
    /// The two sides, lower id first.
    pub sides: [ActorId; 2],
    /// The hostile relations between the sides (either direction).
    pub hostility: Vec<RelId>,
    /// The friendly relations between the actor and each side.
    pub ties: [Vec<RelId>; 2],
}

impl CrossPressure {
    /// The pull of each side: the sum of [`Status::strength`] over the
    /// actor's ties with it (more ties, and surer ones, pull harder).
    pub fn pulls(&self, g: &Graph) -> [u32; 2] {
        let pull = |rels: &[RelId]| {
            rels.iter()
                .map(|r| u32::from(g.relation(*r).status.strength()))
                .sum()
        };
        [pull(&self.ties[0]), pull(&self.ties[1])]
    }

    /// How cross-pressured the actor is: the weaker of the two pulls (a
    /// pressure is only as strong as its weaker leg).
    pub fn pressure(&self, g: &Graph) -> u32 {
        let [a, b] = self.pulls(g);
        a.min(b)
    }

    /// The strongest status among the hostile relations of the pair.
    pub fn hostility_strength(&self, g: &Graph) -> u8 {
        self.hostility
            .iter()
            .map(|r| g.relation(*r).status.strength())
            .max()
            .unwrap_or(0)
    }

    pub fn view(&self, g: &Graph) -> CrossPressureView {
        let rels = |v: &[RelId]| v.iter().map(|r| RelationView::new(g, *r)).collect();
        CrossPressureView {
            actor: ActorRef::new(g, self.actor),
            sides: self.sides.map(|a| ActorRef::new(g, a)),
            pressure: self.pressure(g),
            pulls: self.pulls(g),
            hostility: rels(&self.hostility),
            ties: [rels(&self.ties[0]), rels(&self.ties[1])],
        }
    }
}

/// [`CrossPressure`] as printed and serialised.
#[derive(Clone, Debug, Serialize)]
pub struct CrossPressureView {
    pub actor: ActorRef,
    pub sides: [ActorRef; 2],
    /// The weaker of the two pulls: the ranking score.
    pub pressure: u32,
    /// Per side, the sum of the status strengths of the actor's ties with
    /// it (confirmed 5, reported 4, claimed 3, alleged 2, considered 1, denied 0).
    pub pulls: [u32; 2],
    pub hostility: Vec<RelationView>,
    /// `ties[i]`: the actor's friendly relations with `sides[i]`.
    pub ties: [Vec<RelationView>; 2],
}

/// Restricts [`cross_pressured`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrossPressureQuery {
    /// Which relations count (friendly ties and hostile ones alike).
    pub filter: Filter,
    /// Only this cross-pressured actor.
    pub actor: Option<ActorId>,
    /// Only hostile pairs that include every one of these actors.
    pub sides: Vec<ActorId>,
}

/// Every agent (state, person, organisation, armed group) with a friendly
/// relation (type sign `friendly`, either direction) to both actors of a
/// hostile pair: two agents joined by a relation of sign `hostile`, either
/// direction. Places, territories and conflicts are neither sides nor
/// pressured. Ranked by [`CrossPressure::pressure`] (the weaker side's
/// pull), then by the stronger pull, then by the surest hostile relation,
/// then in actor order.
///
/// ```
/// use casus::model::*;
/// use casus::query::{cross_pressured, CrossPressureQuery};
/// let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
///     ("arms_supplier", true, Sign::Friendly, "military"),
///     ("at_war", false, Sign::Hostile, "conflict"),
/// ]));
/// let am = b.actor("armenia", ActorKind::State);
/// let az = b.actor("azerbaijan", ActorKind::State);
/// let ru = b.actor("russia", ActorKind::State);
/// b.rel("at_war", am, az);
/// b.rel("arms_supplier", ru, am);
/// b.rel("arms_supplier", ru, az);
/// let g = b.build();
/// let found = cross_pressured(&g, &CrossPressureQuery::default());
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].actor, ru);
/// assert_eq!(found[0].sides, [am, az]);
/// ```
pub fn cross_pressured(g: &Graph, q: &CrossPressureQuery) -> Vec<CrossPressure> {
    let agent = |a: ActorId| g.actor(a).kind.is_agent();
    let sign = |r: RelId| g.rtype(g.relation(r)).sign;
    // Hostile pairs, in a stable order.
    let mut pairs: BTreeMap<(ActorId, ActorId), Vec<RelId>> = BTreeMap::new();
    for r in g.relation_ids() {
        let rel = g.relation(r);
        if rel.from == rel.to || sign(r) != Sign::Hostile || !agent(rel.from) || !agent(rel.to) {
            continue;
        }
        let key = (rel.from.min(rel.to), rel.from.max(rel.to));
        if !q.sides.iter().all(|s| *s == key.0 || *s == key.1) {
            continue;
        }
        if q.filter.allows(g, r) {
            pairs.entry(key).or_default().push(r);
        }
    }
    // Friendly ties of each side: other end -> relations.
    let mut friends: HashMap<ActorId, BTreeMap<ActorId, Vec<RelId>>> = HashMap::new();
    for &(a, b) in pairs.keys() {
        for side in [a, b] {
            friends.entry(side).or_insert_with(|| {
                let mut m: BTreeMap<ActorId, Vec<RelId>> = BTreeMap::new();
                for r in g.relations_of(side) {
                    let rel = g.relation(r);
                    if rel.from != rel.to && sign(r) == Sign::Friendly && q.filter.allows(g, r) {
                        m.entry(rel.other(side)).or_default().push(r);
                    }
                }
                m
            });
        }
    }
    let mut out = Vec::new();
    for ((a, b), hostility) in pairs {
        let (fa, fb) = (&friends[&a], &friends[&b]);
        for (x, ties_a) in fa {
            if *x == a || *x == b || !agent(*x) || q.actor.is_some_and(|only| only != *x) {
                continue;
            }
            if let Some(ties_b) = fb.get(x) {
                out.push(CrossPressure {
                    actor: *x,
                    sides: [a, b],
                    hostility: hostility.clone(),
                    ties: [ties_a.clone(), ties_b.clone()],
                });
            }
        }
    }
    out.sort_by_cached_key(|c| {
        let [a, b] = c.pulls(g);
        (
            std::cmp::Reverse(a.min(b)),
            std::cmp::Reverse(a.max(b)),
            std::cmp::Reverse(c.hostility_strength(g)),
            c.actor,
            c.sides,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_never_sides_and_filters_apply_to_both_legs() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("arms_supplier", true, Sign::Friendly, "military"),
            ("attacks", true, Sign::Hostile, "conflict"),
            ("ally", false, Sign::Friendly, "alliance"),
        ]));
        let am = b.actor("armenia", ActorKind::State);
        let az = b.actor("azerbaijan", ActorKind::State);
        let ru = b.actor("russia", ActorKind::State);
        let ganja = b.actor("ganja", ActorKind::Place);
        let tr = b.actor("turkey", ActorKind::State);
        b.rel("attacks", am, az);
        b.rel("attacks", am, ganja);
        let weak = b.rel("arms_supplier", ru, am);
        b.relations_mut()[weak.index()].status = Status::Alleged;
        b.rel("arms_supplier", ru, az);
        b.rel("ally", tr, az);
        b.rel("ally", ru, ganja);
        let g = b.build();
        let all = cross_pressured(&g, &CrossPressureQuery::default());
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].pulls(&g), [2, 4]);
        assert_eq!(all[0].pressure(&g), 2);
        let strong = CrossPressureQuery {
            filter: Filter {
                min_status: Some(Status::Reported),
                ..Filter::default()
            },
            ..CrossPressureQuery::default()
        };
        assert!(cross_pressured(&g, &strong).is_empty());
        let only_turkey = CrossPressureQuery {
            actor: Some(tr),
            ..CrossPressureQuery::default()
        };
        assert!(cross_pressured(&g, &only_turkey).is_empty());
        let side = CrossPressureQuery {
            sides: vec![az],
            ..CrossPressureQuery::default()
        };
        assert_eq!(cross_pressured(&g, &side).len(), 1);
    }
}
