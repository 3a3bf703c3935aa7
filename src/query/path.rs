//! Paths between two actors: the shortest, the k shortest (Yen's
//! algorithm) and every simple path up to a length, each hop a relation
//! that the filter allows.
//!
//! A path is a sequence of distinct actors; each hop between two of them
//! uses the strongest relation the filter allows between them (the other
//! allowed relations on that hop are listed beside it, not counted as
//! other paths: three relations between Azerbaijan and Armenia make one
//! route, not three).
//!
//! Ranking, everywhere in this module: fewer hops first; at equal length,
//! the stronger evidence first, measured as the sum over hops of
//! [`Status::strength`] (confirmed 5, reported 4, claimed 3, alleged 2,
//! considered 1, denied 0); remaining ties in file order of the relations.
//! The searches are Dijkstra on the lexicographic cost (hops, weakness),
//! where a hop's weakness is `5 - strength`: a breadth-first search that
//! prefers strong evidence among equally short paths.

use super::walk::{step_ends, steps_compiled, Walk};
use super::CompiledFilter;
use super::Filter;
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use rustc_hash::FxHashMap;
#[cfg(test)]
use rustc_hash::FxHashSet;
use serde::Serialize;
#[cfg(test)]
use std::cmp::Reverse;
#[cfg(test)]
use std::collections::BinaryHeap;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a path query may use.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PathQuery {
    /// Which relations may be hops.
    pub filter: Filter,
    /// Whether hops must follow the direction of directed relations.
    pub walk: Walk,
    /// No path longer than this many hops (`None`: no bound).
    pub max_hops: Option<usize>,
}

/// A simple path: `actors[i]` and `actors[i + 1]` are the ends of
/// relation `rels[i]`, the strongest allowed between them; no actor
/// appears twice.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Path {
    pub actors: Vec<ActorId>,
    pub rels: Vec<RelId>,
}

/// Highest strength of a single hop.
const MAX_STRENGTH: u32 = 5;

/// The lexicographic cost: (hops, total weakness).
type Cost = (u32, u32);

fn weakness(g: &Graph, r: RelId) -> u32 {
    MAX_STRENGTH - u32::from(g.relation(r).status.strength())
}

impl Path {
    /// Number of hops.
    pub fn len(&self) -> usize {
        self.rels.len()
    }

    /// `true` for the trivial path from an actor to itself.
    pub fn is_empty(&self) -> bool {
        self.rels.is_empty()
    }

    /// Sum of [`Status::strength`] over the hops: the tie-breaker between
    /// paths of equal length (higher is better).
    pub fn strength(&self, g: &Graph) -> u32 {
        self.rels
            .iter()
            .map(|r| u32::from(g.relation(*r).status.strength()))
            .sum()
    }

    /// The weakest status on the path, if it has any hop.
    pub fn weakest(&self, g: &Graph) -> Option<Status> {
        self.rels
            .iter()
            .map(|r| g.relation(*r).status)
            .min_by_key(|s| s.strength())
    }

    fn cost(&self, g: &Graph) -> Cost {
        (
            self.rels.len() as u32,
            self.rels.iter().map(|r| weakness(g, *r)).sum(),
        )
    }

    /// The sort key of the ranking rule (see the module docs).
    fn rank_key(&self, g: &Graph) -> (Cost, Vec<RelId>) {
        (self.cost(g), self.rels.clone())
    }

    /// The path with every hop's relation and evidence resolved, and the
    /// other relations `q` allows on each hop.
    pub fn view(&self, g: &Graph, q: &PathQuery) -> PathView {
        PathView {
            hops: self.len(),
            strength: self.strength(g),
            weakest: self.weakest(g),
            actors: self.actors.iter().map(|a| ActorRef::new(g, *a)).collect(),
            steps: self
                .rels
                .iter()
                .enumerate()
                .map(|(i, r)| HopView {
                    from: ActorRef::new(g, self.actors[i]),
                    to: ActorRef::new(g, self.actors[i + 1]),
                    along: g.relation(*r).from == self.actors[i],
                    relation: RelationView::new(g, *r),
                    also: parallel(g, q, self.actors[i], self.actors[i + 1], *r)
                        .into_iter()
                        .map(|p| RelationView::new(g, p))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A path as printed and serialised.
#[derive(Clone, Debug, Serialize)]
pub struct PathView {
    /// Number of hops.
    pub hops: usize,
    /// Sum of status strengths over the hops (confirmed 5 ... denied 0).
    pub strength: u32,
    /// The weakest status on the path.
    pub weakest: Option<Status>,
    /// The actors in walking order, from the start to the end.
    pub actors: Vec<ActorRef>,
    /// One entry per hop, in walking order.
    pub steps: Vec<HopView>,
}

/// One hop of a path.
#[derive(Clone, Debug, Serialize)]
pub struct HopView {
    /// Where the hop starts, in walking order.
    pub from: ActorRef,
    /// Where the hop ends.
    pub to: ActorRef,
    /// `true` if the walk follows the relation from its `from` to its `to`;
    /// `false` if it goes against it (or the other way round a symmetric one).
    pub along: bool,
    /// The relation, with its status, dates and evidence: the strongest
    /// one allowed between the two actors.
    pub relation: RelationView,
    /// The other relations allowed on this hop, strongest first.
    pub also: Vec<RelationView>,
}

/// The relations other than `chosen` that `q` lets a walk take from `a`
/// to `b`, strongest first, then in file order.
fn parallel(g: &Graph, q: &PathQuery, a: ActorId, b: ActorId, chosen: RelId) -> Vec<RelId> {
    let cf = q.filter.compile(g);
    let mut v: Vec<RelId> = steps_compiled(g, &cf, q.walk, false, a)
        .filter(|s| s.to == b && s.rel != chosen)
        .map(|s| s.rel)
        .collect();
    v.sort_by_key(|r| (weakness(g, *r), *r));
    v
}

/// The best relation from `a` to each actor it can step to, in the order
/// first met: parallel relations collapse to the strongest (then the first
/// in file order).
fn best_steps(g: &Graph, q: &PathQuery, cf: &CompiledFilter, a: ActorId) -> Vec<(ActorId, RelId)> {
    let mut best: Vec<(ActorId, RelId)> = Vec::new();
    let mut at: FxHashMap<ActorId, usize> = FxHashMap::default();
    for s in steps_compiled(g, cf, q.walk, false, a) {
        match at.get(&s.to) {
            None => {
                at.insert(s.to, best.len());
                best.push((s.to, s.rel));
            }
            Some(&i) => {
                let old = best[i].1;
                if (weakness(g, s.rel), s.rel) < (weakness(g, old), old) {
                    best[i].1 = s.rel;
                }
            }
        }
    }
    best
}

/// Best path from `src` to `dst` avoiding `banned_actors`, and the hops
/// from `src` to the actors in `banned_next`, of at most `budget` hops.
///
/// The same path as a Dijkstra search on the cost (hops, weakness) with
/// ties to the smaller relation id (`dijkstra_reference`), found without
/// exploring the whole component: a bidirectional breadth-first search
/// finds the hop distance `d` and the actors on shortest paths (those with
/// distance-from-`src` + distance-to-`dst` = `d`), then a pass over that
/// layered graph picks the strongest of them. On a world graph the two
/// searches meet after a few hundred actors, where a one-sided search
/// visits the whole component.
fn dijkstra(
    g: &Graph,
    q: &PathQuery,
    src: ActorId,
    dst: ActorId,
    banned_actors: &HashSet<ActorId>,
    banned_next: &HashSet<ActorId>,
    budget: Option<usize>,
) -> Option<Path> {
    if src == dst {
        return Some(Path {
            actors: vec![src],
            rels: Vec::new(),
        });
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => search(g, q, src, dst, banned_actors, banned_next, budget, &mut s),
        Err(_) => search(
            g,
            q,
            src,
            dst,
            banned_actors,
            banned_next,
            budget,
            &mut Scratch::default(),
        ),
    })
}

thread_local! {
    /// Working memory of path searches, kept between queries: arrays
    /// indexed by actor, valid where their stamp is the current search's
    /// (so that a search costs what it visits, not the size of the graph).
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

const UNSEEN: u32 = u32::MAX;

type Hop = (u32, u32, RelId, u32);

fn weak(s: Status) -> u32 {
    MAX_STRENGTH - u32::from(s.strength())
}

/// What a search knows of one actor, together: one cache line to fetch.
#[derive(Clone, Copy, Default)]
struct NodeState {
    /// The stamp of the search that set `fdist` (and so on).
    fseen: u32,
    fdist: u32,
    bseen: u32,
    bdist: u32,
    /// On a shortest path (forward part and cut).
    on: u32,
    best_seen: u32,
    best_cost: Cost,
    best_from: u32,
    best_rel: u32,
}

#[derive(Default)]
struct Scratch {
    stamp: u32,
    node: Vec<NodeState>,
    /// Per forward layer `l`: the hops (to, from, rel, weakness) from
    /// layer l to l + 1.
    fedges: Vec<Vec<Hop>>,
    /// Per backward layer `l`: the hops (from, to, rel, weakness) from
    /// layer l + 1 to l.
    bedges: Vec<Vec<Hop>>,
    flayers: Vec<Vec<u32>>,
    blayers: Vec<Vec<u32>>,
}

impl Scratch {
    /// Starts a search on a graph of `n` actors.
    fn begin(&mut self, n: usize) {
        if self.node.len() != n || self.stamp == u32::MAX {
            self.stamp = 0;
            self.node.clear();
            self.node.resize(n, NodeState::default());
        }
        self.stamp += 1;
        for l in self.fedges.iter_mut().chain(self.bedges.iter_mut()) {
            l.clear();
        }
        for l in self.flayers.iter_mut().chain(self.blayers.iter_mut()) {
            l.clear();
        }
    }
    fn fget(&self, a: u32) -> u32 {
        let n = &self.node[a as usize];
        if n.fseen == self.stamp {
            n.fdist
        } else {
            UNSEEN
        }
    }
    fn bget(&self, a: u32) -> u32 {
        let n = &self.node[a as usize];
        if n.bseen == self.stamp {
            n.bdist
        } else {
            UNSEEN
        }
    }
    fn is_on(&self, a: u32) -> bool {
        self.node[a as usize].on == self.stamp
    }
    fn layer(v: &mut Vec<Vec<u32>>, i: usize) -> &mut Vec<u32> {
        if v.len() <= i {
            v.resize_with(i + 1, Vec::new);
        }
        &mut v[i]
    }
    fn hops(v: &mut Vec<Vec<Hop>>, i: usize) -> &mut Vec<Hop> {
        if v.len() <= i {
            v.resize_with(i + 1, Vec::new);
        }
        &mut v[i]
    }
    fn get_best(&self, a: u32) -> Option<(Cost, u32, RelId)> {
        let n = &self.node[a as usize];
        (n.best_seen == self.stamp).then_some((n.best_cost, n.best_from, RelId(n.best_rel)))
    }
    /// Keeps the lexicographic minimum of (cost, relation), as Dijkstra's
    /// relaxation does.
    fn relax(&mut self, v: u32, c: Cost, from: u32, rel: RelId) {
        let better = match self.get_best(v) {
            None => true,
            Some((old, p, old_rel)) => {
                if p == UNSEEN {
                    c < old
                } else {
                    (c, rel) < (old, old_rel)
                }
            }
        };
        if better {
            let stamp = self.stamp;
            let n = &mut self.node[v as usize];
            n.best_seen = stamp;
            n.best_cost = c;
            n.best_from = from;
            n.best_rel = rel.0;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn search(
    g: &Graph,
    q: &PathQuery,
    src: ActorId,
    dst: ActorId,
    banned_actors: &HashSet<ActorId>,
    banned_next: &HashSet<ActorId>,
    budget: Option<usize>,
    s: &mut Scratch,
) -> Option<Path> {
    let cf = q.filter.compile(g);
    let budget = budget.unwrap_or(usize::MAX);
    if budget == 0 {
        return None;
    }
    let banned = |a: ActorId| !banned_actors.is_empty() && banned_actors.contains(&a);
    let banned_hop = |a: ActorId| !banned_next.is_empty() && banned_next.contains(&a);
    s.begin(g.actors.len());
    let (si, di) = (src.0, dst.0);
    s.node[si as usize].fseen = s.stamp;
    s.node[si as usize].fdist = 0;
    s.node[di as usize].bseen = s.stamp;
    s.node[di as usize].bdist = 0;
    Scratch::layer(&mut s.flayers, 0).push(si);
    Scratch::layer(&mut s.blayers, 0).push(di);
    let (mut lf, mut lb) = (0usize, 0usize);
    let mut d = usize::MAX;
    // What expanding each frontier costs, summed as actors join it (a
    // frontier of a few actors may hold a hub of thousands): the degree,
    // one read per actor (counting the kept types' ends costs more than
    // it saves).
    let work = |a: u32| g.degree(ActorId(a));
    let (mut fwork, mut bwork) = (work(si), work(di));
    while d == usize::MAX {
        if lf + lb >= budget {
            return None;
        }
        // Expand the side whose frontier has fewer relations to scan.
        let forward = fwork <= bwork;
        if forward {
            let frontier = std::mem::take(&mut s.flayers[lf]);
            let mut next = std::mem::take(Scratch::layer(&mut s.flayers, lf + 1));
            let mut hops = std::mem::take(Scratch::hops(&mut s.fedges, lf));
            let mut next_work = 0;
            for &a in &frontier {
                for e in step_ends(g, &cf, q.walk, false, ActorId(a)) {
                    let t = e.other.0;
                    if banned(e.other) || (a == si && banned_hop(e.other)) {
                        continue;
                    }
                    let known = s.fget(t);
                    if known == UNSEEN {
                        s.node[t as usize].fseen = s.stamp;
                        s.node[t as usize].fdist = (lf + 1) as u32;
                        next.push(t);
                        next_work += work(t);
                        let db = s.bget(t);
                        if db != UNSEEN {
                            d = d.min(lf + 1 + db as usize);
                        }
                    } else if known as usize != lf + 1 {
                        continue;
                    }
                    hops.push((t, a, e.rel, weak(e.status)));
                }
            }
            s.flayers[lf] = frontier;
            s.flayers[lf + 1] = next;
            s.fedges[lf] = hops;
            fwork = next_work;
            lf += 1;
        } else {
            let frontier = std::mem::take(&mut s.blayers[lb]);
            let mut next = std::mem::take(Scratch::layer(&mut s.blayers, lb + 1));
            let mut hops = std::mem::take(Scratch::hops(&mut s.bedges, lb));
            let mut next_work = 0;
            for &z in &frontier {
                for e in step_ends(g, &cf, q.walk, true, ActorId(z)) {
                    let u = e.other.0;
                    if banned(e.other) || (u == si && banned_hop(ActorId(z))) {
                        continue;
                    }
                    let known = s.bget(u);
                    if known == UNSEEN {
                        s.node[u as usize].bseen = s.stamp;
                        s.node[u as usize].bdist = (lb + 1) as u32;
                        next.push(u);
                        next_work += work(u);
                        let df = s.fget(u);
                        if df != UNSEEN {
                            d = d.min(lb + 1 + df as usize);
                        }
                    } else if known as usize != lb + 1 {
                        continue;
                    }
                    hops.push((u, z, e.rel, weak(e.status)));
                }
            }
            s.blayers[lb] = frontier;
            s.blayers[lb + 1] = next;
            s.bedges[lb] = hops;
            bwork = next_work;
            lb += 1;
        }
        let exhausted = s.flayers[lf].is_empty() || s.blayers[lb].is_empty();
        if exhausted && d == usize::MAX {
            return None;
        }
    }
    if d > budget {
        return None;
    }
    // The cut: actors at distance t0 from src that are on a shortest path.
    let t0 = lf.min(d);
    let stamp = s.stamp;
    for i in 0..s.flayers[t0].len() {
        let a = s.flayers[t0][i];
        if s.bget(a) as usize == d - t0 {
            s.node[a as usize].on = stamp;
        }
    }
    // Forward part: the actors on shortest paths, layer by layer back to src.
    for l in (0..t0).rev() {
        for i in 0..s.fedges[l].len() {
            let (t, a, _, _) = s.fedges[l][i];
            if s.is_on(t) {
                s.node[a as usize].on = stamp;
            }
        }
    }
    // Costs over the layered graph, from src.
    s.relax(si, (0, 0), UNSEEN, RelId(0));
    for l in 0..t0 {
        for i in 0..s.fedges[l].len() {
            let (t, a, rel, w) = s.fedges[l][i];
            if !s.is_on(t) || !s.is_on(a) {
                continue;
            }
            let Some((ca, _, _)) = s.get_best(a) else {
                continue;
            };
            s.relax(t, (ca.0 + 1, ca.1 + w), a, rel);
        }
    }
    // Backward part: from the cut towards dst, layer by layer.
    for j in (0..d - t0).rev() {
        for i in 0..s.bedges[j].len() {
            let (u, x, rel, w) = s.bedges[j][i];
            // u is at distance j + 1 from dst: on a shortest path if it has a cost.
            if j + 1 == d - t0 && !s.is_on(u) {
                continue;
            }
            let Some((cu, _, _)) = s.get_best(u) else {
                continue;
            };
            s.relax(x, (cu.0 + 1, cu.1 + w), u, rel);
        }
    }
    s.get_best(di)?;
    let mut actors = vec![dst];
    let mut rels = Vec::new();
    let mut cur = di;
    while let Some((_, prev, rel)) = s.get_best(cur) {
        if prev == UNSEEN {
            break;
        }
        rels.push(rel);
        actors.push(ActorId(prev));
        cur = prev;
    }
    actors.reverse();
    rels.reverse();
    Some(Path { actors, rels })
}

/// The plain Dijkstra search that [`dijkstra`] must agree with, path for
/// path (the tests compare them on random graphs).
#[cfg(test)]
fn dijkstra_reference(
    g: &Graph,
    q: &PathQuery,
    src: ActorId,
    dst: ActorId,
    banned_actors: &HashSet<ActorId>,
    banned_next: &HashSet<ActorId>,
    budget: Option<usize>,
) -> Option<Path> {
    if src == dst {
        return Some(Path {
            actors: vec![src],
            rels: Vec::new(),
        });
    }
    let cf = q.filter.compile(g);
    // Actor -> (best cost, predecessor hop).
    let mut best: FxHashMap<ActorId, (Cost, Option<(ActorId, RelId)>)> = FxHashMap::default();
    let mut done: FxHashSet<ActorId> = FxHashSet::default();
    let mut heap = BinaryHeap::new();
    best.insert(src, ((0, 0), None));
    heap.push(Reverse(((0u32, 0u32), src)));
    while let Some(Reverse((cost, a))) = heap.pop() {
        if !done.insert(a) {
            continue;
        }
        if a == dst {
            break;
        }
        if budget.is_some_and(|b| cost.0 as usize >= b) {
            continue;
        }
        for s in steps_compiled(g, &cf, q.walk, false, a) {
            if banned_actors.contains(&s.to)
                || done.contains(&s.to)
                || (a == src && banned_next.contains(&s.to))
            {
                continue;
            }
            let c = (cost.0 + 1, cost.1 + weakness(g, s.rel));
            let better = match best.get(&s.to) {
                None => true,
                Some((old, Some((_, old_rel)))) => c < *old || (c == *old && s.rel < *old_rel),
                Some((old, None)) => c < *old,
            };
            if better {
                best.insert(s.to, (c, Some((a, s.rel))));
                heap.push(Reverse((c, s.to)));
            }
        }
    }
    if !done.contains(&dst) {
        return None;
    }
    let mut actors = vec![dst];
    let mut rels = Vec::new();
    let mut cur = dst;
    while let Some((_, Some((prev, rel)))) = best.get(&cur) {
        rels.push(*rel);
        actors.push(*prev);
        cur = *prev;
    }
    actors.reverse();
    rels.reverse();
    Some(Path { actors, rels })
}

/// The best path from `from` to `to` under the ranking rule: fewest hops,
/// then strongest evidence. `None` if no path is allowed.
///
/// ```
/// use casus::model::*;
/// use casus::query::{shortest_path, PathQuery};
/// let g = GraphBuilder::example();
/// let tr = g.actor_by_id("turkey").unwrap();
/// let ar = g.actor_by_id("artsakh").unwrap();
/// let p = shortest_path(&g, tr, ar, &PathQuery::default()).unwrap();
/// // turkey -ally- azerbaijan <-part_of- nagorno-karabakh <-controls- artsakh
/// assert_eq!(p.len(), 3);
/// assert_eq!(p.actors.last(), Some(&ar));
/// ```
pub fn shortest_path(g: &Graph, from: ActorId, to: ActorId, q: &PathQuery) -> Option<Path> {
    dijkstra(g, q, from, to, &HashSet::new(), &HashSet::new(), q.max_hops)
}

/// The `k` best simple paths from `from` to `to` under the ranking rule,
/// best first (Yen's algorithm). Paths differ in at least one actor.
///
/// ```
/// use casus::model::*;
/// use casus::query::{k_shortest_paths, PathQuery};
/// let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
///     ("ally", false, Sign::Friendly, "alliance"),
///     ("arms_supplier", true, Sign::Friendly, "military"),
/// ]));
/// let (a, m, z) = (b.actor("a", ActorKind::State), b.actor("m", ActorKind::State), b.actor("z", ActorKind::State));
/// b.rel("ally", a, z);
/// b.rel("ally", a, m);
/// b.rel("arms_supplier", z, m);
/// let g = b.build();
/// let paths = k_shortest_paths(&g, a, z, &PathQuery::default(), 5);
/// let lens: Vec<usize> = paths.iter().map(|p| p.len()).collect();
/// assert_eq!(lens, [1, 2]); // a-z, then a-m-z
/// ```
pub fn k_shortest_paths(
    g: &Graph,
    from: ActorId,
    to: ActorId,
    q: &PathQuery,
    k: usize,
) -> Vec<Path> {
    let none_a = HashSet::new();
    let none_r: HashSet<ActorId> = HashSet::new();
    if k == 0 {
        return Vec::new();
    }
    let Some(first) = dijkstra(g, q, from, to, &none_a, &none_r, q.max_hops) else {
        return Vec::new();
    };
    let mut found: Vec<Path> = vec![first];
    let mut seen: HashSet<Vec<ActorId>> = HashSet::new();
    seen.insert(found[0].actors.clone());
    let mut candidates: BTreeMap<(Cost, Vec<RelId>), Path> = BTreeMap::new();
    while found.len() < k {
        let last = found.last().expect("at least one path").clone();
        for i in 0..last.len() {
            let spur = last.actors[i];
            let root = &last.actors[..=i];
            let root_rels = &last.rels[..i];
            // The next actor of every path found so far with this root.
            let banned_next: HashSet<ActorId> = found
                .iter()
                .filter(|p| p.len() > i && p.actors[..=i] == *root)
                .map(|p| p.actors[i + 1])
                .collect();
            let banned_actors: HashSet<ActorId> = last.actors[..i].iter().copied().collect();
            let budget = q.max_hops.map(|m| m.saturating_sub(i));
            let Some(tail) = dijkstra(g, q, spur, to, &banned_actors, &banned_next, budget) else {
                continue;
            };
            let mut actors = last.actors[..i].to_vec();
            actors.extend(tail.actors);
            let mut rels = root_rels.to_vec();
            rels.extend(tail.rels);
            if seen.contains(&actors) {
                continue;
            }
            let p = Path { actors, rels };
            candidates.entry(p.rank_key(g)).or_insert(p);
        }
        let Some((_, next)) = candidates.pop_first() else {
            break;
        };
        seen.insert(next.actors.clone());
        found.push(next);
    }
    found
}

/// Every simple path found by [`all_paths`].
#[derive(Clone, Debug, Default)]
pub struct AllPaths {
    /// Ranked by the ranking rule.
    pub paths: Vec<Path>,
    /// `true` if the search stopped at the limit: more paths exist.
    pub truncated: bool,
}

/// Every simple path from `from` to `to` of at most `max_hops` hops (the
/// query's own `max_hops` is ignored; parallel relations make one path),
/// ranked; at most `limit` of them (`truncated` says if more exist).
/// Paths are found length by length, so a truncated answer still holds
/// every path shorter than its longest. Depth-first searches, pruned by
/// the distance to `to` computed backwards first.
///
/// ```
/// use casus::model::*;
/// use casus::query::{all_paths, PathQuery};
/// let g = GraphBuilder::example();
/// let tr = g.actor_by_id("turkey").unwrap();
/// let nk = g.actor_by_id("nagorno-karabakh").unwrap();
/// let all = all_paths(&g, tr, nk, &PathQuery::default(), 4, 100);
/// assert_eq!(all.paths.len(), 1);
/// assert!(!all.truncated);
/// ```
pub fn all_paths(
    g: &Graph,
    from: ActorId,
    to: ActorId,
    q: &PathQuery,
    max_hops: usize,
    limit: usize,
) -> AllPaths {
    let mut out = AllPaths::default();
    if limit == 0 {
        out.truncated = shortest_path(g, from, to, &capped(q, max_hops)).is_some();
        return out;
    }
    if from == to {
        out.paths.push(Path {
            actors: vec![from],
            rels: Vec::new(),
        });
        return out;
    }
    let cf = q.filter.compile(g);
    // Distance (in hops) from each actor to `to`, up to max_hops.
    let mut dist: HashMap<ActorId, usize> = HashMap::new();
    dist.insert(to, 0);
    let mut frontier = vec![to];
    for d in 1..=max_hops {
        let mut next = Vec::new();
        for a in frontier {
            for s in steps_compiled(g, &cf, q.walk, true, a) {
                if let std::collections::hash_map::Entry::Vacant(e) = dist.entry(s.to) {
                    e.insert(d);
                    next.push(s.to);
                }
            }
        }
        frontier = next;
    }
    if !dist.contains_key(&from) {
        return out;
    }
    struct Dfs<'a> {
        g: &'a Graph,
        q: &'a PathQuery,
        cf: &'a CompiledFilter<'a>,
        to: ActorId,
        /// The length of the paths this round looks for.
        exact: usize,
        limit: usize,
        dist: HashMap<ActorId, usize>,
        actors: Vec<ActorId>,
        rels: Vec<RelId>,
        on_path: HashSet<ActorId>,
        out: AllPaths,
    }
    impl Dfs<'_> {
        fn go(&mut self, a: ActorId) {
            for (next, rel) in best_steps(self.g, self.q, self.cf, a) {
                if self.out.truncated {
                    return;
                }
                let Some(d) = self.dist.get(&next) else {
                    continue;
                };
                if self.on_path.contains(&next) || self.rels.len() + 1 + d > self.exact {
                    continue;
                }
                if next == self.to && self.rels.len() + 1 < self.exact {
                    continue; // found in an earlier round
                }
                self.actors.push(next);
                self.rels.push(rel);
                if next == self.to {
                    if self.out.paths.len() == self.limit {
                        self.out.truncated = true;
                    } else {
                        self.out.paths.push(Path {
                            actors: self.actors.clone(),
                            rels: self.rels.clone(),
                        });
                    }
                } else {
                    self.on_path.insert(next);
                    self.go(next);
                    self.on_path.remove(&next);
                }
                self.actors.pop();
                self.rels.pop();
            }
        }
    }
    let mut dfs = Dfs {
        g,
        q,
        cf: &cf,
        to,
        exact: 0,
        limit,
        dist,
        actors: vec![from],
        rels: Vec::new(),
        on_path: HashSet::from([from]),
        out,
    };
    for len in 1..=max_hops {
        dfs.exact = len;
        dfs.go(from);
        if dfs.out.truncated {
            break;
        }
    }
    let mut out = dfs.out;
    out.paths.sort_by_cached_key(|p| p.rank_key(g));
    out
}

fn capped(q: &PathQuery, max_hops: usize) -> PathQuery {
    PathQuery {
        max_hops: Some(max_hops),
        ..q.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bidirectional search finds exactly the path of the plain
    /// Dijkstra search, on random graphs with random filters, walks,
    /// banned actors and hop budgets.
    #[test]
    fn bidirectional_search_agrees_with_dijkstra() {
        let mut rng = crate::generate::Rng::new(99);
        let types = [
            ("ally", false, Sign::Friendly, "alliance"),
            ("attacks", true, Sign::Hostile, "conflict"),
            ("arms_supplier", true, Sign::Friendly, "military"),
        ];
        for round in 0..400 {
            let mut b = GraphBuilder::new(GraphBuilder::schema_of(&types));
            let n = 2 + rng.below(if round % 10 == 0 { 40 } else { 10 });
            let ids: Vec<ActorId> = (0..n)
                .map(|i| b.actor(&format!("a{i}"), ActorKind::State))
                .collect();
            // Every tenth graph has a hub, whose groups of ends are big
            // enough to be read by type ranges.
            let hub = if round % 10 == 0 { 60 } else { 0 };
            for i in 0..rng.below(3 * n) + hub {
                let x = if i < hub { ids[0] } else { *rng.pick(&ids) };
                let y = *rng.pick(&ids);
                let t = rng.pick(&types).0;
                let r = b.rel(t, x, y);
                b.relations_mut()[r.index()].status = *rng.pick(&Status::ALL);
            }
            let g = b.build();
            let q = PathQuery {
                filter: Filter {
                    via: match rng.below(4) {
                        0 => vec![],
                        1 => vec!["ally".into(), "arms_supplier".into()],
                        // One type of three: the search reads its ranges only.
                        2 => vec!["military".into()],
                        _ => vec!["conflict".into(), "ally".into()],
                    },
                    min_status: rng.chance(0.3).then(|| *rng.pick(&Status::ALL)),
                    ..Filter::default()
                },
                walk: if rng.chance(0.5) {
                    Walk::Undirected
                } else {
                    Walk::Directed
                },
                max_hops: None,
            };
            for &src in &ids {
                for &dst in &ids {
                    let banned: HashSet<ActorId> = ids
                        .iter()
                        .copied()
                        .filter(|a| *a != src && *a != dst && rng.chance(0.15))
                        .collect();
                    let next: HashSet<ActorId> =
                        ids.iter().copied().filter(|_| rng.chance(0.2)).collect();
                    let budget = rng.chance(0.3).then(|| rng.below(4));
                    let want = dijkstra_reference(&g, &q, src, dst, &banned, &next, budget);
                    let got = dijkstra(&g, &q, src, dst, &banned, &next, budget);
                    assert_eq!(
                        got, want,
                        "round {round}: {src:?} -> {dst:?}, budget {budget:?}"
                    );
                }
            }
        }
    }

    /// a -ally- b -attacks-> c, a -arms_supplier-> c (alleged), and a
    /// directed chain a -> d -> c.
    fn graph() -> (Graph, [ActorId; 4]) {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("ally", false, Sign::Friendly, "alliance"),
            ("attacks", true, Sign::Hostile, "conflict"),
            ("arms_supplier", true, Sign::Friendly, "military"),
        ]));
        let a = b.actor("a", ActorKind::State);
        let bb = b.actor("b", ActorKind::State);
        let c = b.actor("c", ActorKind::State);
        let d = b.actor("d", ActorKind::State);
        b.rel("ally", a, bb);
        b.rel("attacks", bb, c);
        let sup = b.rel("arms_supplier", a, c);
        b.relations_mut()[sup.index()].status = Status::Alleged;
        b.rel("attacks", a, d);
        b.rel("attacks", d, c);
        (b.build(), [a, bb, c, d])
    }

    #[test]
    fn the_direct_hop_wins_even_when_weak() {
        let (g, [a, _, c, _]) = graph();
        let p = shortest_path(&g, a, c, &PathQuery::default()).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p.weakest(&g), Some(Status::Alleged));
    }

    #[test]
    fn min_status_forces_a_longer_path_and_equal_lengths_rank_by_strength() {
        let (mut b, [a, bb, c, d]) = {
            let (g, ids) = graph();
            (g.to_builder(), ids)
        };
        // Make the a-d-c route weaker than a-b-c.
        let weak = b
            .relations()
            .iter()
            .position(|r| r.from == d && r.to == c)
            .unwrap();
        b.relations_mut()[weak].status = Status::Claimed;
        let g = b.build();
        let q = PathQuery {
            filter: Filter {
                min_status: Some(Status::Claimed),
                ..Filter::default()
            },
            ..PathQuery::default()
        };
        let p = shortest_path(&g, a, c, &q).unwrap();
        assert_eq!(p.actors, [a, bb, c]);
        let ps = k_shortest_paths(&g, a, c, &q, 3);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].actors, [a, d, c]);
        assert!(ps[0].strength(&g) > ps[1].strength(&g));
    }

    #[test]
    fn directed_walks_follow_arrows_but_symmetric_types_go_both_ways() {
        let (g, [a, bb, c, d]) = graph();
        let q = PathQuery {
            walk: Walk::Directed,
            ..PathQuery::default()
        };
        // c has only incoming relations: nothing leaves it.
        assert!(shortest_path(&g, c, a, &q).is_none());
        // b reaches a through the symmetric ally.
        assert_eq!(shortest_path(&g, bb, a, &q).unwrap().len(), 1);
        // d -> c only.
        assert!(shortest_path(&g, d, a, &q).is_none());
        assert!(shortest_path(&g, c, a, &PathQuery::default()).is_some());
    }

    #[test]
    fn all_paths_enumerates_every_simple_path_within_the_bound() {
        let (g, [a, _, c, _]) = graph();
        let q = PathQuery::default();
        let all = all_paths(&g, a, c, &q, 2, 100);
        assert_eq!(all.paths.len(), 3);
        assert_eq!(all.paths[0].len(), 1);
        let all = all_paths(&g, a, c, &q, 3, 100);
        // 1 direct, 2 of length 2, and a-b-c-... cannot come back; a-d-c-b? no: ends at c.
        assert_eq!(all.paths.len(), 3);
        let capped = all_paths(&g, a, c, &q, 3, 2);
        assert!(capped.truncated);
        assert_eq!(capped.paths.len(), 2);
        let k = k_shortest_paths(&g, a, c, &q, 10);
        assert_eq!(k.len(), 3);
    }

    #[test]
    fn max_hops_bounds_every_search() {
        let (g, [a, _, c, _]) = graph();
        let q = PathQuery {
            filter: Filter {
                avoid: vec!["military".into()],
                ..Filter::default()
            },
            max_hops: Some(1),
            ..PathQuery::default()
        };
        assert!(shortest_path(&g, a, c, &q).is_none());
        assert!(k_shortest_paths(&g, a, c, &q, 3).is_empty());
    }

    #[test]
    fn parallel_relations_make_one_route_with_the_strongest_first() {
        let (mut b, [a, _, c, _]) = {
            let (g, ids) = graph();
            (g.to_builder(), ids)
        };
        // A second, confirmed relation between a and c beside the alleged one.
        let mut strong = GraphBuilder::simple_relation("attacks", c, a);
        strong.status = Status::Confirmed;
        b.add_relation(strong).unwrap();
        let g = b.build();
        let q = PathQuery::default();
        let ps = k_shortest_paths(&g, a, c, &q, 10);
        assert_eq!(ps.len(), 3, "a-c, a-b-c, a-d-c");
        assert_eq!(g.relation(ps[0].rels[0]).status, Status::Confirmed);
        let v = ps[0].view(&g, &q);
        assert!(!v.steps[0].along, "c attacks a");
        assert_eq!(v.steps[0].also.len(), 1);
        assert_eq!(v.steps[0].also[0].status, Status::Alleged);
        let all = all_paths(&g, a, c, &q, 3, 100);
        assert_eq!(all.paths.len(), 3);
        assert_eq!(all.paths[0].rels, ps[0].rels);
    }

    #[test]
    fn the_view_shows_each_hops_real_direction() {
        let (g, [a, bb, c, _]) = graph();
        let p = Path {
            actors: vec![c, bb, a],
            rels: vec![RelId(1), RelId(0)],
        };
        let v = p.view(&g, &PathQuery::default());
        assert_eq!(v.steps[0].from.id, "c");
        assert!(!v.steps[0].along, "b attacks c; the walk goes c to b");
        assert_eq!(v.steps[0].relation.from.id, "b");
        assert_eq!(v.strength, 8);
    }
}
