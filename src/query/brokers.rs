//! Brokers: betweenness centrality (Brandes, 2001) over the friendly
//! subgraph, with the pairs each broker bridges as its explanation.

use super::walk::Walk;
use super::Filter;
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};

/// How many bridged pairs a [`Broker`] keeps as examples.
pub const BRIDGE_EXAMPLES: usize = 10;

/// What [`brokers`] ranks.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BrokerQuery {
    /// Which friendly relations count (`--via alliance` narrows further).
    pub filter: Filter,
    /// `Undirected` (the default): every friendly tie joins its two ends
    /// both ways, as an alignment does. `Directed`: directed types only
    /// from `from` to `to` (symmetric types still both ways).
    pub walk: Walk,
    /// How many brokers to return.
    pub top: usize,
}

/// One broker.
#[derive(Clone, Debug, PartialEq)]
pub struct Broker {
    pub actor: ActorId,
    /// Raw betweenness: the sum over pairs of other actors of the share
    /// of their shortest friendly paths that pass through this actor
    /// (unordered pairs when undirected).
    pub betweenness: f64,
    /// Betweenness divided by the number of pairs of other actors in the
    /// friendly subgraph: 1.0 means on every shortest path.
    pub normalized: f64,
    /// The broker's friendly relations counted.
    pub ties: Vec<RelId>,
    /// How many pairs of its neighbours have no direct friendly tie (they
    /// are joined through the broker): in-neighbour to out-neighbour pairs
    /// when directed.
    pub bridged: usize,
    /// The first [`BRIDGE_EXAMPLES`] of those pairs, in actor order.
    pub bridges: Vec<(ActorId, ActorId)>,
}

/// The result of [`brokers`].
#[derive(Clone, Debug, PartialEq)]
pub struct Brokers {
    /// Actors with at least one friendly relation allowed.
    pub actors: usize,
    /// Friendly relations allowed.
    pub relations: usize,
    /// Best first; actors with zero betweenness are left out.
    pub brokers: Vec<Broker>,
}

impl Brokers {
    pub fn view(&self, g: &Graph) -> BrokersView {
        BrokersView {
            actors: self.actors,
            relations: self.relations,
            brokers: self
                .brokers
                .iter()
                .map(|b| BrokerView {
                    actor: ActorRef::new(g, b.actor),
                    betweenness: b.betweenness,
                    normalized: b.normalized,
                    bridged: b.bridged,
                    bridges: b
                        .bridges
                        .iter()
                        .map(|(x, y)| [ActorRef::new(g, *x), ActorRef::new(g, *y)])
                        .collect(),
                    ties: b.ties.iter().map(|r| RelationView::new(g, *r)).collect(),
                })
                .collect(),
        }
    }
}

/// [`Brokers`] as printed and serialised.
#[derive(Clone, Debug, Serialize)]
pub struct BrokersView {
    pub actors: usize,
    pub relations: usize,
    pub brokers: Vec<BrokerView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BrokerView {
    pub actor: ActorRef,
    pub betweenness: f64,
    pub normalized: f64,
    pub bridged: usize,
    pub bridges: Vec<[ActorRef; 2]>,
    pub ties: Vec<RelationView>,
}

/// The top `q.top` brokers of the friendly subgraph: the relations whose
/// type has sign `friendly` and that the filter allows. Parallel relations
/// count as one tie. Ranked by betweenness, ties in actor order.
///
/// ```
/// use casus::model::*;
/// use casus::query::{brokers, BrokerQuery};
/// let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
///     ("arms_supplier", true, Sign::Friendly, "military"),
/// ]));
/// let am = b.actor("armenia", ActorKind::State);
/// let az = b.actor("azerbaijan", ActorKind::State);
/// let ru = b.actor("russia", ActorKind::State);
/// b.rel("arms_supplier", ru, am);
/// b.rel("arms_supplier", ru, az);
/// let g = b.build();
/// let top = brokers(&g, &BrokerQuery { top: 5, ..BrokerQuery::default() });
/// assert_eq!(top.brokers.len(), 1);
/// assert_eq!(top.brokers[0].actor, ru);
/// assert_eq!(top.brokers[0].normalized, 1.0);
/// assert_eq!(top.brokers[0].bridges, [(am, az)]);
/// ```
pub fn brokers(g: &Graph, q: &BrokerQuery) -> Brokers {
    // The friendly subgraph, compacted: local index <-> actor.
    let mut local: HashMap<ActorId, usize> = HashMap::new();
    let mut actors: Vec<ActorId> = Vec::new();
    let mut ties: Vec<Vec<RelId>> = Vec::new();
    let mut edges: Vec<(usize, usize, bool)> = Vec::new();
    let mut index = |a: ActorId, actors: &mut Vec<ActorId>, ties: &mut Vec<Vec<RelId>>| {
        *local.entry(a).or_insert_with(|| {
            actors.push(a);
            ties.push(Vec::new());
            actors.len() - 1
        })
    };
    let mut relations = 0;
    for r in g.relation_ids() {
        let rel = g.relation(r);
        let t = g.rtype(rel);
        if rel.from == rel.to || t.sign != Sign::Friendly || !q.filter.allows(g, r) {
            continue;
        }
        relations += 1;
        let u = index(rel.from, &mut actors, &mut ties);
        let v = index(rel.to, &mut actors, &mut ties);
        ties[u].push(r);
        ties[v].push(r);
        let both = q.walk == Walk::Undirected || !t.directed;
        edges.push((u, v, both));
    }
    let n = actors.len();
    let mut out_adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut in_adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (u, v, both) in edges {
        out_adj[u].push(v);
        in_adj[v].push(u);
        if both {
            out_adj[v].push(u);
            in_adj[u].push(v);
        }
    }
    for l in out_adj.iter_mut().chain(in_adj.iter_mut()) {
        l.sort_unstable();
        l.dedup();
    }
    let undirected = q.walk == Walk::Undirected;
    let cb = betweenness(&out_adj, undirected);
    let pairs = if n < 3 {
        0.0
    } else if undirected {
        ((n - 1) * (n - 2)) as f64 / 2.0
    } else {
        ((n - 1) * (n - 2)) as f64
    };
    let mut order: Vec<usize> = (0..n).filter(|i| cb[*i] > 0.0).collect();
    order.sort_by(|a, b| cb[*b].total_cmp(&cb[*a]).then(actors[*a].cmp(&actors[*b])));
    order.truncate(q.top);
    let brokers = order
        .into_iter()
        .map(|i| {
            let mut bridges = Vec::new();
            let mut bridged = 0;
            for &u in &in_adj[i] {
                for &v in &out_adj[i] {
                    if u == v || (undirected && actors[u] > actors[v]) {
                        continue;
                    }
                    if out_adj[u].binary_search(&v).is_ok() {
                        continue;
                    }
                    bridged += 1;
                    bridges.push((actors[u], actors[v]));
                }
            }
            bridges.sort();
            bridges.truncate(BRIDGE_EXAMPLES);
            let mut t = ties[i].clone();
            t.sort();
            Broker {
                actor: actors[i],
                betweenness: cb[i],
                normalized: if pairs > 0.0 { cb[i] / pairs } else { 0.0 },
                ties: t,
                bridged,
                bridges,
            }
        })
        .collect();
    Brokers {
        actors: n,
        relations,
        brokers,
    }
}

/// Brandes' algorithm on an adjacency list (each neighbour once). With
/// `undirected` (the adjacency is symmetric), each unordered pair of
/// endpoints is counted once.
fn betweenness(adj: &[Vec<usize>], undirected: bool) -> Vec<f64> {
    let n = adj.len();
    let mut cb = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![usize::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut stack = Vec::with_capacity(n);
    let mut queue = VecDeque::with_capacity(n);
    for s in 0..n {
        for v in &stack {
            let v: usize = *v;
            sigma[v] = 0.0;
            dist[v] = usize::MAX;
            delta[v] = 0.0;
            preds[v].clear();
        }
        stack.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adj[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        for &w in stack.iter().rev() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    if undirected {
        for c in &mut cb {
            *c /= 2.0;
        }
    }
    cb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_graph(n: usize) -> Vec<Vec<usize>> {
        (0..n)
            .map(|i| {
                let mut l = Vec::new();
                if i > 0 {
                    l.push(i - 1);
                }
                if i + 1 < n {
                    l.push(i + 1);
                }
                l
            })
            .collect()
    }

    #[test]
    fn brandes_on_a_path_and_a_star() {
        // 0 - 1 - 2 - 3 - 4: the middle lies on 2*2 = 4 pairs' paths.
        let cb = betweenness(&path_graph(5), true);
        assert_eq!(cb, [0.0, 3.0, 4.0, 3.0, 0.0]);
        // A square: two shortest paths between opposite corners.
        let square = vec![vec![1, 3], vec![0, 2], vec![1, 3], vec![0, 2]];
        assert_eq!(betweenness(&square, true), [0.5; 4]);
        // Directed chain 0 -> 1 -> 2.
        let chain = vec![vec![1], vec![2], vec![]];
        assert_eq!(betweenness(&chain, false), [0.0, 1.0, 0.0]);
    }

    #[test]
    fn hostile_relations_and_filtered_ones_do_not_count() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("ally", false, Sign::Friendly, "alliance"),
            ("attacks", true, Sign::Hostile, "conflict"),
            ("arms_supplier", true, Sign::Friendly, "military"),
        ]));
        let a = b.actor("a", ActorKind::State);
        let m = b.actor("m", ActorKind::State);
        let z = b.actor("z", ActorKind::State);
        b.rel("ally", a, m);
        b.rel("ally", m, z);
        b.rel("attacks", a, z);
        let sup = b.rel("arms_supplier", a, z);
        b.relations_mut()[sup.index()].status = Status::Alleged;
        let g = b.build();
        let all = brokers(
            &g,
            &BrokerQuery {
                top: 3,
                ..BrokerQuery::default()
            },
        );
        assert!(all.brokers.is_empty(), "a and z are tied directly");
        let strong = brokers(
            &g,
            &BrokerQuery {
                top: 3,
                filter: Filter {
                    min_status: Some(Status::Reported),
                    ..Filter::default()
                },
                ..BrokerQuery::default()
            },
        );
        assert_eq!(strong.brokers.len(), 1);
        assert_eq!(strong.brokers[0].actor, m);
        assert_eq!(strong.brokers[0].bridges, [(a, z)]);
        assert_eq!(strong.relations, 2);
    }
}
