//! The ego network of an actor: who is within N hops, through which
//! relations, grouped by relation type and direction.

use super::tie::Direction;
use super::walk::{step_ends, steps_compiled, Walk};
use super::Filter;
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;
use std::collections::HashMap;

/// One relation of the ego network, from an actor at distance d-1 (`near`)
/// to one at distance d (`far`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub rel: RelId,
    pub near: ActorId,
    pub far: ActorId,
}

/// The links of one relation type and direction, at one distance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub rtype: String,
    pub direction: Direction,
    pub links: Vec<Link>,
}

/// Every link from distance d-1 to distance d.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ring {
    /// 1 for the direct neighbours.
    pub distance: usize,
    /// Actors first reached at this distance, in order of discovery.
    pub actors: Vec<ActorId>,
    /// Sorted by type, then direction (out, in, mutual).
    pub groups: Vec<Group>,
}

/// The ego network of `center`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighborhood {
    pub center: ActorId,
    /// `rings[0]` is distance 1; empty rings are not kept.
    pub rings: Vec<Ring>,
}

impl Neighborhood {
    /// How many actors are within the depth (the centre excluded).
    pub fn actor_count(&self) -> usize {
        self.rings.iter().map(|r| r.actors.len()).sum()
    }

    /// How many relations the rings hold.
    pub fn link_count(&self) -> usize {
        self.rings
            .iter()
            .flat_map(|r| &r.groups)
            .map(|gr| gr.links.len())
            .sum()
    }

    /// The network with every relation and its evidence resolved.
    pub fn view(&self, g: &Graph) -> NeighborhoodView {
        NeighborhoodView {
            center: ActorRef::new(g, self.center),
            actors: self.actor_count(),
            relations: self.link_count(),
            rings: self
                .rings
                .iter()
                .map(|r| RingView {
                    distance: r.distance,
                    actors: r.actors.iter().map(|a| ActorRef::new(g, *a)).collect(),
                    groups: r
                        .groups
                        .iter()
                        .map(|gr| GroupView {
                            rtype: gr.rtype.clone(),
                            direction: gr.direction,
                            links: gr
                                .links
                                .iter()
                                .map(|l| LinkView {
                                    near: ActorRef::new(g, l.near),
                                    far: ActorRef::new(g, l.far),
                                    relation: RelationView::new(g, l.rel),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// [`Neighborhood`] as printed and serialised.
#[derive(Clone, Debug, Serialize)]
pub struct NeighborhoodView {
    pub center: ActorRef,
    /// Actors within the depth, the centre excluded.
    pub actors: usize,
    /// Relations listed.
    pub relations: usize,
    pub rings: Vec<RingView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RingView {
    pub distance: usize,
    pub actors: Vec<ActorRef>,
    pub groups: Vec<GroupView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupView {
    #[serde(rename = "type")]
    pub rtype: String,
    /// Seen from the `near` actor of each link.
    pub direction: Direction,
    pub links: Vec<LinkView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    /// The actor nearer the centre (the centre itself at distance 1).
    pub near: ActorRef,
    /// The actor at this ring's distance.
    pub far: ActorRef,
    pub relation: RelationView,
}

/// The actors within `depth` hops of `center` through relations the filter
/// allows, direction ignored, ring by ring. Ring d lists every allowed
/// relation between an actor at distance d-1 and one at distance d (not
/// only the first found), grouped by type and by direction seen from the
/// nearer actor; relations between actors at the same distance are left
/// out ([`same_ring_ties`] lists them).
///
/// ```
/// use casus::model::*;
/// use casus::query::{neighbors, Filter};
/// let g = GraphBuilder::example();
/// let az = g.actor_by_id("azerbaijan").unwrap();
/// let n = neighbors(&g, az, 2, &Filter::default());
/// assert_eq!(n.rings.len(), 2);
/// assert_eq!(n.rings[0].actors.len(), 2); // Turkey, Nagorno-Karabakh
/// assert_eq!(g.actor(n.rings[1].actors[0]).id, "artsakh");
/// ```
pub fn neighbors(g: &Graph, center: ActorId, depth: usize, filter: &Filter) -> Neighborhood {
    let cf = filter.compile(g);
    let mut dist: HashMap<ActorId, usize> = HashMap::from([(center, 0)]);
    let mut frontier = vec![center];
    let mut rings = Vec::new();
    for d in 1..=depth {
        let mut actors = Vec::new();
        let mut links = Vec::new();
        for &near in &frontier {
            for s in steps_compiled(g, &cf, Walk::Undirected, false, near) {
                match dist.get(&s.to) {
                    Some(&e) if e < d => continue,
                    Some(_) => {}
                    None => {
                        dist.insert(s.to, d);
                        actors.push(s.to);
                    }
                }
                links.push(Link {
                    rel: s.rel,
                    near,
                    far: s.to,
                });
            }
        }
        if actors.is_empty() {
            break;
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut index: HashMap<(&str, Direction), usize> = HashMap::new();
        for l in links {
            let rel = g.relation(l.rel);
            let key = (rel.rtype.as_str(), Direction::of(g, rel, l.near));
            let i = *index.entry(key).or_insert_with(|| {
                groups.push(Group {
                    rtype: key.0.to_string(),
                    direction: key.1,
                    links: Vec::new(),
                });
                groups.len() - 1
            });
            groups[i].links.push(l);
        }
        for gr in &mut groups {
            gr.links.sort_by_key(|l| (l.near, l.far, l.rel));
        }
        groups.sort_by(|a, b| (&a.rtype, a.direction).cmp(&(&b.rtype, b.direction)));
        rings.push(Ring {
            distance: d,
            actors: actors.clone(),
            groups,
        });
        frontier = actors;
    }
    Neighborhood { center, rings }
}

/// The actors within `depth` hops of `center` by the relations `filter`
/// allows, ring by ring (`rings[0]`: distance 1; empty rings are not
/// kept), each ring in id order: the actors of [`neighbors`] without its
/// links, for scripts and counts. It reads only the adjacency ranges of
/// the types the filter keeps ([`Graph::ends_of_type`]) and builds no view.
///
/// ```
/// use casus::model::*;
/// use casus::query::{neighbor_ids, Filter};
/// let g = GraphBuilder::example();
/// let az = g.actor_by_id("azerbaijan").unwrap();
/// let rings = neighbor_ids(&g, az, 2, &Filter::default());
/// assert_eq!(rings.len(), 2);
/// assert_eq!(rings[0].len(), 2); // Turkey, Nagorno-Karabakh
/// assert_eq!(g.actor(rings[1][0]).id, "artsakh");
/// ```
pub fn neighbor_ids(
    g: &Graph,
    center: ActorId,
    depth: usize,
    filter: &Filter,
) -> Vec<Vec<ActorId>> {
    let cf = filter.compile(g);
    let mut seen = vec![false; g.actors.len()];
    seen[center.index()] = true;
    let mut frontier = vec![center];
    let mut rings = Vec::new();
    for _ in 0..depth {
        let mut ring = Vec::new();
        for &near in &frontier {
            for e in step_ends(g, &cf, Walk::Undirected, false, near) {
                if !seen[e.other.index()] {
                    seen[e.other.index()] = true;
                    ring.push(e.other);
                }
            }
        }
        if ring.is_empty() {
            break;
        }
        frontier.clone_from(&ring);
        ring.sort();
        rings.push(ring);
    }
    rings
}

/// The relations [`neighbors`] leaves out: those the filter allows between
/// two actors of the same ring (both at distance d >= 1), each once, in
/// relation order. Together with the rings they are every allowed relation
/// among the actors within the depth.
pub fn same_ring_ties(g: &Graph, n: &Neighborhood, filter: &Filter) -> Vec<RelId> {
    let cf = filter.compile(g);
    let ring_of: HashMap<ActorId, usize> = n
        .rings
        .iter()
        .flat_map(|r| r.actors.iter().map(move |a| (*a, r.distance)))
        .collect();
    let mut out: Vec<RelId> = n
        .rings
        .iter()
        .flat_map(|r| r.actors.iter().map(move |a| (*a, r.distance)))
        .flat_map(|(a, d)| {
            steps_compiled(g, &cf, Walk::Undirected, false, a)
                .filter(|s| ring_of.get(&s.to) == Some(&d))
                .map(|s| s.rel)
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbor_ids_are_the_actors_of_the_rings() {
        let g = crate::load::load_default().unwrap().graph;
        let filters = [
            Filter::default(),
            Filter {
                via: vec!["alliance".into(), "military_support".into()],
                ..Filter::default()
            },
            Filter {
                via: vec!["arms_supplier".into()],
                min_status: Some(Status::Reported),
                ..Filter::default()
            },
        ];
        let mut nonempty = 0;
        for f in &filters {
            for c in g.actor_ids() {
                let full = neighbors(&g, c, 3, f);
                let ids = neighbor_ids(&g, c, 3, f);
                let want: Vec<Vec<ActorId>> = full
                    .rings
                    .iter()
                    .map(|r| {
                        let mut v = r.actors.clone();
                        v.sort();
                        v
                    })
                    .collect();
                assert_eq!(ids, want, "centre {}", g.actor(c).id);
                nonempty += usize::from(!ids.is_empty());
            }
        }
        assert!(nonempty > 20, "the filters reach someone");
    }

    #[test]
    fn groups_by_type_and_direction_and_keeps_parallel_relations() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("ally", false, Sign::Friendly, "alliance"),
            ("arms_supplier", true, Sign::Friendly, "military"),
        ]));
        let a = b.actor("a", ActorKind::State);
        let x = b.actor("x", ActorKind::State);
        let y = b.actor("y", ActorKind::State);
        let z = b.actor("z", ActorKind::State);
        b.rel("arms_supplier", a, x);
        b.rel("arms_supplier", y, a);
        b.rel("ally", a, x);
        b.rel("ally", x, z);
        b.rel("ally", y, z);
        let g = b.build();
        let n = neighbors(&g, a, 1, &Filter::default());
        assert_eq!(n.rings.len(), 1);
        let keys: Vec<(&str, Direction)> = n.rings[0]
            .groups
            .iter()
            .map(|gr| (gr.rtype.as_str(), gr.direction))
            .collect();
        assert_eq!(
            keys,
            [
                ("ally", Direction::Mutual),
                ("arms_supplier", Direction::Out),
                ("arms_supplier", Direction::In),
            ]
        );
        let n = neighbors(&g, a, 3, &Filter::default());
        assert_eq!(n.rings.len(), 2, "nothing beyond z");
        assert_eq!(n.rings[1].actors, [z]);
        assert_eq!(n.rings[1].groups[0].links.len(), 2, "z through x and y");
        assert_eq!(n.actor_count(), 3);
        let only = Filter {
            via: vec!["military".into()],
            ..Filter::default()
        };
        assert_eq!(neighbors(&g, a, 3, &only).actor_count(), 2);
        assert!(neighbors(&g, a, 0, &only).rings.is_empty());
    }
}
