//! One shortest path, unranked ([`shortest_path_any`], `casus path
//! --any`): a bidirectional breadth-first search that stops where the two
//! searches first meet, as NetworkX's and igraph's shortest paths do. For
//! scripts that want a distance or whether two actors connect: the path
//! has the length of [`shortest_path`](super::shortest_path)'s, but is not
//! ranked by evidence (each hop is the first relation the filter allows
//! met by the search, not the strongest, and among equally short paths
//! the first one met is returned, not the best-evidenced one).
//!
//! Invariant: no path longer than the shortest and no hop the query does
//! not allow; no working memory allocated per query once the arrays have
//! grown to the graph (they are kept between queries, one set per thread,
//! valid where their stamp is the current search's).

use super::path::{Path, PathQuery};
use super::walk::{step_ends, Walk};
use super::CompiledFilter;
use crate::model::*;

/// No parent: the search's own start.
const NONE: u32 = u32::MAX;

/// What both searches know of one actor, together (one cache line).
#[derive(Clone, Copy, Default)]
struct Mark {
    /// The stamp of the search that reached the actor from the start.
    fseen: u32,
    fparent: u32,
    frel: u32,
    /// The stamp of the search that reached it from the end.
    bseen: u32,
    bparent: u32,
    brel: u32,
}

#[derive(Default)]
struct Scratch {
    stamp: u32,
    marks: Vec<Mark>,
    fcur: Vec<u32>,
    bcur: Vec<u32>,
    next: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// One shortest path from `from` to `to` under `q` (see the module docs),
/// or `None` when none exists within `q.max_hops`.
///
/// ```
/// use casus::model::*;
/// use casus::query::{shortest_path, shortest_path_any, PathQuery};
/// let g = GraphBuilder::example();
/// let tr = g.actor_by_id("turkey").unwrap();
/// let nk = g.actor_by_id("nagorno-karabakh").unwrap();
/// let q = PathQuery::default();
/// let any = shortest_path_any(&g, tr, nk, &q).unwrap();
/// assert_eq!(any.len(), shortest_path(&g, tr, nk, &q).unwrap().len());
/// ```
pub fn shortest_path_any(g: &Graph, from: ActorId, to: ActorId, q: &PathQuery) -> Option<Path> {
    if from == to {
        return Some(Path {
            actors: vec![from],
            rels: Vec::new(),
        });
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => search(g, q, from, to, &mut s),
        Err(_) => search(g, q, from, to, &mut Scratch::default()),
    })
}

impl Scratch {
    fn begin(&mut self, n: usize) {
        if self.marks.len() != n || self.stamp == u32::MAX {
            self.stamp = 0;
            self.marks.clear();
            self.marks.resize(n, Mark::default());
        }
        self.stamp += 1;
        self.fcur.clear();
        self.bcur.clear();
        self.next.clear();
    }
}

fn search(g: &Graph, q: &PathQuery, src: ActorId, dst: ActorId, s: &mut Scratch) -> Option<Path> {
    let budget = q.max_hops.unwrap_or(usize::MAX);
    let cf = q.filter.compile(g);
    s.begin(g.actors.len());
    let stamp = s.stamp;
    let m = &mut s.marks[src.index()];
    (m.fseen, m.fparent) = (stamp, NONE);
    let m = &mut s.marks[dst.index()];
    (m.bseen, m.bparent) = (stamp, NONE);
    s.fcur.push(src.0);
    s.bcur.push(dst.0);
    let (mut lf, mut lb) = (0usize, 0usize);
    // Expand the side whose frontier has fewer relation ends to scan.
    let (mut fwork, mut bwork) = (g.degree(src), g.degree(dst));
    while lf + lb < budget && !s.fcur.is_empty() && !s.bcur.is_empty() {
        let backward = bwork < fwork;
        let (work, meet) = expand(g, &cf, q.walk, s, backward);
        if let Some(w) = meet {
            let p = walk_back(s, src, dst, w);
            return (p.len() <= budget).then_some(p);
        }
        if backward {
            (bwork, lb) = (work, lb + 1);
        } else {
            (fwork, lf) = (work, lf + 1);
        }
    }
    None
}

/// Expands one frontier by a layer; returns the next frontier's work and
/// the first actor both searches have reached, if one is met.
fn expand(
    g: &Graph,
    cf: &CompiledFilter,
    walk: Walk,
    s: &mut Scratch,
    backward: bool,
) -> (usize, Option<u32>) {
    let stamp = s.stamp;
    let frontier = std::mem::take(if backward { &mut s.bcur } else { &mut s.fcur });
    let mut next = std::mem::take(&mut s.next);
    let mut work = 0;
    let mut meet = None;
    'scan: for &a in &frontier {
        for e in step_ends(g, cf, walk, backward, ActorId(a)) {
            let t = e.other.0;
            let m = &mut s.marks[t as usize];
            let (seen, other) = if backward {
                (&mut m.bseen, m.fseen)
            } else {
                (&mut m.fseen, m.bseen)
            };
            if *seen != stamp {
                *seen = stamp;
                if backward {
                    (m.bparent, m.brel) = (a, e.rel.0);
                } else {
                    (m.fparent, m.frel) = (a, e.rel.0);
                }
                next.push(t);
                work += g.degree(e.other);
            }
            if other == stamp {
                meet = Some(t);
                break 'scan;
            }
        }
    }
    s.next = frontier;
    s.next.clear();
    *(if backward { &mut s.bcur } else { &mut s.fcur }) = next;
    (work, meet)
}

/// The path through `w`: the start's search back from `w` to `src`, then
/// the end's from `w` to `dst`.
fn walk_back(s: &Scratch, src: ActorId, dst: ActorId, w: u32) -> Path {
    let mut p = Path {
        actors: vec![ActorId(w)],
        rels: Vec::new(),
    };
    follow(s, &mut p, w, src.0, |m| (m.fparent, m.frel));
    p.actors.reverse();
    p.rels.reverse();
    follow(s, &mut p, w, dst.0, |m| (m.bparent, m.brel));
    p
}

/// Appends the hops from `from` to `until` along one search's parents.
fn follow(s: &Scratch, p: &mut Path, from: u32, until: u32, parent: impl Fn(&Mark) -> (u32, u32)) {
    let mut cur = from;
    while cur != until {
        let (next, rel) = parent(&s.marks[cur as usize]);
        p.rels.push(RelId(rel));
        p.actors.push(ActorId(next));
        cur = next;
    }
}
