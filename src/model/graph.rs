//! The [`Graph`] and its [`GraphBuilder`].

use super::names::{normalise_name, Resolution};
use super::*;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::Direction;
use std::collections::HashMap;

/// The knowledge graph. Build it with a [`GraphBuilder`] (or load one with
/// [`crate::load`]); it is immutable afterwards.
///
/// ```
/// use casus::model::*;
/// let g = GraphBuilder::example();
/// let tr = g.find("Ankara").found().unwrap();
/// assert_eq!(g.actor(tr).id, "turkey");
/// assert_eq!(g.relations_of(tr).count(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Graph {
    pub schema: Schema,
    pub actors: Vec<Actor>,
    pub relations: Vec<Relation>,
    pub treaties: Vec<Treaty>,
    pub documents: IndexMap<String, Document>,
    pub references: IndexMap<String, Reference>,
    /// The petgraph view, built on first use ([`Graph::net`]): queries
    /// walk the adjacency lists below, which cost less memory.
    net: std::sync::OnceLock<DiGraph<ActorId, RelId>>,
    /// Adjacency: the relation ends of actor `a` are
    /// `typed[start[a]..start[a + 1]]`, outgoing ones (`..mid[a]`) then
    /// incoming ones, each group sorted by type index, newest relation
    /// first within a type: the relations of one type are one range
    /// ([`Graph::typed_ends`]).
    start: Vec<u32>,
    mid: Vec<u32>,
    typed: Vec<End>,
    /// The same groups newest relation first (petgraph's order), as
    /// positions in `typed` (4 bytes an end instead of a second copy of
    /// each 12-byte [`End`]): [`Graph::ends`].
    order: Vec<u32>,
    /// The runs of one type in each group of `typed` (group `2a`: actor
    /// `a`'s outgoing ends, `2a + 1`: its incoming ones):
    /// `runs[run_start[g]..run_start[g + 1]]`, by type. A typed search
    /// walks a group's runs (a few entries) and reads only its types' ends.
    run_start: Vec<u32>,
    runs: Vec<TypeRun>,
    /// Per relation, the index of its type in `schema.types`: hot loops
    /// test a relation's type without hashing its name.
    rel_types: Vec<u16>,
    /// Per treaty, the relations citing it, in file order.
    treaty_rels: Vec<Vec<RelId>>,
    /// Normalised id, name and alias -> actors bearing it.
    /// (Boxed keys and one actor inline: most names name one actor.)
    names: HashMap<Box<str>, smallvec::SmallVec<[ActorId; 1]>>,
    /// The actors' indexes ordered by id, for [`Graph::actor_by_id`]
    /// (4 bytes an actor where a map of ids held a second copy of each).
    by_id: Vec<u32>,
    treaty_ids: HashMap<String, TreatyId>,
}

impl Resolution {
    /// The actor, if exactly one was found.
    pub fn found(&self) -> Option<ActorId> {
        match self {
            Resolution::Found { id } => Some(*id),
            _ => None,
        }
    }
}

impl Graph {
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }

    pub fn relation(&self, id: RelId) -> &Relation {
        &self.relations[id.index()]
    }

    pub fn treaty(&self, id: TreatyId) -> &Treaty {
        &self.treaties[id.index()]
    }

    /// The declared type of a relation.
    pub fn rtype(&self, rel: &Relation) -> &RelationType {
        // The builder rejects undeclared types, so this always resolves.
        &self.schema.types[rel.rtype.as_str()]
    }

    /// The index of relation `r`'s type in `schema.types` (a table lookup).
    pub fn type_index(&self, r: RelId) -> usize {
        self.rel_types[r.index()] as usize
    }

    /// The declared type of relation `r`, found by index: the same as
    /// [`Graph::rtype`] without hashing the type name.
    pub fn type_of(&self, r: RelId) -> &RelationType {
        &self.schema.types[self.type_index(r)]
    }

    /// All actor ids, in file order.
    pub fn actor_ids(&self) -> impl Iterator<Item = ActorId> + '_ {
        (0..self.actors.len() as u32).map(ActorId)
    }

    /// All relation ids, in file order.
    pub fn relation_ids(&self) -> impl Iterator<Item = RelId> + '_ {
        (0..self.relations.len() as u32).map(RelId)
    }

    /// The actor with exactly this id (slug).
    pub fn actor_by_id(&self, id: &str) -> Option<ActorId> {
        self.by_id
            .binary_search_by(|&i| self.actors[i as usize].id.as_str().cmp(id))
            .ok()
            .map(|k| ActorId(self.by_id[k]))
    }

    /// The treaty with exactly this id.
    pub fn treaty_by_id(&self, id: &str) -> Option<TreatyId> {
        self.treaty_ids.get(id).copied()
    }

    /// The relation with this key, if the file gave it one.
    pub fn relation_by_key(&self, key: &str) -> Option<RelId> {
        self.relations
            .iter()
            .position(|r| r.key.as_deref() == Some(key))
            .map(|i| RelId(i as u32))
    }

    /// Looks an actor up by id, name or alias, case-insensitively and
    /// ignoring punctuation; suggests the closest names when nothing matches.
    pub fn find(&self, query: &str) -> Resolution {
        if let Some(id) = self.actor_by_id(query) {
            return Resolution::Found { id };
        }
        let key = normalise_name(query);
        match self.names.get(key.as_str()).map(|v| v.as_slice()) {
            Some([one]) => Resolution::Found { id: *one },
            Some(many) if !many.is_empty() => Resolution::Ambiguous {
                candidates: many.to_vec(),
            },
            _ => Resolution::NotFound {
                suggestions: self.suggest(&key, 3),
            },
        }
    }

    /// Up to `n` display names closest to `query`, best first, above a
    /// similarity floor so that nonsense gets no suggestion.
    pub fn suggest(&self, query: &str, n: usize) -> Vec<String> {
        let q = normalise_name(query);
        let mut scored: Vec<(f64, ActorId)> = Vec::new();
        for (name, ids) in &self.names {
            let mut s = strsim::jaro_winkler(&q, name);
            if name.starts_with(&q) && q.len() >= 3 {
                s = s.max(0.9);
            }
            for id in ids {
                scored.push((s, *id));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<String> = Vec::new();
        for (s, id) in scored {
            if s < 0.75 || out.len() >= n {
                break;
            }
            let a = self.actor(id);
            let label = format!("{} ({})", a.name, a.id);
            if !out.contains(&label) {
                out.push(label);
            }
        }
        out
    }

    /// The petgraph view: node `i` is actor `i`; each edge points from the
    /// relation's `from` to its `to` and weighs its [`RelId`]. Symmetric
    /// relations have one edge; traverse them both ways.
    pub fn net(&self) -> &DiGraph<ActorId, RelId> {
        self.net.get_or_init(|| {
            let mut net = DiGraph::with_capacity(self.actors.len(), self.relations.len());
            for i in 0..self.actors.len() {
                net.add_node(ActorId(i as u32));
            }
            for (i, r) in self.relations.iter().enumerate() {
                net.add_edge(Graph::node(r.from), Graph::node(r.to), RelId(i as u32));
            }
            net
        })
    }

    /// The relations leaving `a` (`Outgoing`) or arriving at it
    /// (`Incoming`) as adjacency entries, newest relation first (the
    /// order of petgraph's `edges_directed`). A self-loop is in both.
    pub fn ends(
        &self,
        a: ActorId,
        dir: Direction,
    ) -> impl DoubleEndedIterator<Item = &End> + ExactSizeIterator + '_ {
        let (s, m, e) = (
            self.start[a.index()] as usize,
            self.mid[a.index()] as usize,
            self.start[a.index() + 1] as usize,
        );
        let range = match dir {
            Direction::Outgoing => s..m,
            Direction::Incoming => m..e,
        };
        self.order[range].iter().map(|&i| &self.typed[i as usize])
    }

    /// [`Graph::ends`] ordered by type index (newest first within a
    /// type), so that the ends of one type are one slice
    /// ([`Graph::ends_of_type`]).
    /// Heap bytes of the indexes built over the relations and actors
    /// (adjacency, type runs, per-relation type indexes, name and id maps),
    /// by part, as allocated (capacity): what `examples/perf mem` reports.
    pub fn index_bytes(&self) -> Vec<(&'static str, usize)> {
        use std::mem::size_of;
        // A hashbrown map holds a bucket (entry and control byte) per 7/8
        // of its capacity.
        let map = |cap: usize, entry: usize| cap * 8 / 7 * (entry + 1);
        let names_keys: usize = self.names.keys().map(|k| k.len()).sum::<usize>()
            + self
                .names
                .values()
                .filter(|v| v.spilled())
                .map(|v| v.capacity() * 4)
                .sum::<usize>();
        vec![
            ("adjacency_ends", self.typed.capacity() * size_of::<End>()),
            ("adjacency_order", self.order.capacity() * 4),
            (
                "adjacency_starts",
                (self.start.capacity() + self.mid.capacity()) * 4,
            ),
            (
                "type_runs",
                self.runs.capacity() * size_of::<TypeRun>() + self.run_start.capacity() * 4,
            ),
            ("rel_types", self.rel_types.capacity() * 2),
            (
                "treaty_rels",
                self.treaty_rels.capacity() * size_of::<Vec<RelId>>()
                    + self
                        .treaty_rels
                        .iter()
                        .map(|v| v.capacity() * 4)
                        .sum::<usize>(),
            ),
            (
                "name_index",
                map(
                    self.names.capacity(),
                    size_of::<(Box<str>, smallvec::SmallVec<[ActorId; 1]>)>(),
                ) + names_keys,
            ),
            ("id_index", self.by_id.capacity() * 4),
        ]
    }

    pub fn typed_ends(&self, a: ActorId, dir: Direction) -> &[End] {
        let (s, m, e) = (
            self.start[a.index()] as usize,
            self.mid[a.index()] as usize,
            self.start[a.index() + 1] as usize,
        );
        match dir {
            Direction::Outgoing => &self.typed[s..m],
            Direction::Incoming => &self.typed[m..e],
        }
    }

    /// The ends of `a` in direction `dir` by type: (type index, its ends)
    /// for each type present, in type order (see [`Graph::typed_ends`]).
    pub fn type_runs(&self, a: ActorId, dir: Direction) -> impl Iterator<Item = (u16, &[End])> {
        let g = 2 * a.index() + usize::from(dir == Direction::Incoming);
        let (rs, re) = (self.run_start[g] as usize, self.run_start[g + 1] as usize);
        let group_end = match dir {
            Direction::Outgoing => self.mid[a.index()],
            Direction::Incoming => self.start[a.index() + 1],
        } as usize;
        let runs = &self.runs[rs..re];
        runs.iter().enumerate().map(move |(i, r)| {
            let end = runs.get(i + 1).map_or(group_end, |n| n.start as usize);
            (r.ty, &self.typed[r.start as usize..end])
        })
    }

    /// The ends of `a` in direction `dir` whose relation type has index
    /// `ty` in `schema.types`: one run, found among the group's runs (one
    /// per type present), with no scan of other types' ends.
    ///
    /// ```
    /// use casus::model::*;
    /// use petgraph::Direction;
    /// let g = GraphBuilder::example();
    /// let az = g.actor_by_id("azerbaijan").unwrap();
    /// let part_of = g.schema.types.get_index_of("part_of").unwrap() as u16;
    /// let ends = g.ends_of_type(az, Direction::Incoming, part_of);
    /// assert_eq!(ends.len(), 1);
    /// assert_eq!(g.actor(ends[0].other).id, "nagorno-karabakh");
    /// ```
    pub fn ends_of_type(&self, a: ActorId, dir: Direction, ty: u16) -> &[End] {
        self.type_runs(a, dir)
            .find(|(t, _)| *t == ty)
            .map_or(&[], |(_, ends)| ends)
    }

    pub fn node(id: ActorId) -> NodeIndex {
        NodeIndex::new(id.index())
    }

    pub fn edge(id: RelId) -> EdgeIndex {
        EdgeIndex::new(id.index())
    }

    /// How many relation ends `a` has (a self-loop counts twice).
    pub fn degree(&self, a: ActorId) -> usize {
        (self.start[a.index() + 1] - self.start[a.index()]) as usize
    }

    /// Every relation that touches `a`, outgoing then incoming, in file order.
    pub fn relations_of(&self, a: ActorId) -> impl Iterator<Item = RelId> + '_ {
        let out = self.ends(a, Direction::Outgoing).rev().map(|e| e.rel);
        let inc = self
            .ends(a, Direction::Incoming)
            .rev()
            .filter(move |e| e.other != a)
            .map(|e| e.rel);
        out.chain(inc)
    }

    /// Relations of type `rtype` leaving `a`.
    pub fn out_of_type<'a>(
        &'a self,
        a: ActorId,
        rtype: &'a str,
    ) -> impl Iterator<Item = RelId> + 'a {
        self.relations_of(a).filter(move |r| {
            let rel = self.relation(*r);
            rel.rtype == rtype && rel.from == a
        })
    }

    /// Is `place` within `region`: the same actor, or `part_of` it,
    /// transitively? Cycles (rejected by the loader) cannot loop forever.
    ///
    /// ```
    /// use casus::model::*;
    /// let g = GraphBuilder::example();
    /// let nk = g.actor_by_id("nagorno-karabakh").unwrap();
    /// let az = g.actor_by_id("azerbaijan").unwrap();
    /// assert!(g.is_within(nk, az));
    /// assert!(!g.is_within(az, nk));
    /// ```
    pub fn is_within(&self, place: ActorId, region: ActorId) -> bool {
        let mut cur = place;
        for _ in 0..=self.actors.len() {
            if cur == region {
                return true;
            }
            match self.parent(cur) {
                Some(p) => cur = p,
                None => return false,
            }
        }
        false
    }

    /// What `a` is directly `part_of` (de jure), if anything.
    pub fn parent(&self, a: ActorId) -> Option<ActorId> {
        self.out_of_type(a, "part_of")
            .map(|r| self.relation(r).to)
            .next()
    }

    /// The state that holds `place` de jure: the first state up its
    /// `part_of` chain (or the place itself, if it is a state).
    pub fn de_jure_holder(&self, place: ActorId) -> Option<ActorId> {
        let mut cur = place;
        for _ in 0..=self.actors.len() {
            if self.actor(cur).kind == ActorKind::State {
                return Some(cur);
            }
            cur = self.parent(cur)?;
        }
        None
    }

    /// Actors that `control` `place` de facto (directly or through a region it is part of).
    pub fn de_facto_holders(&self, place: ActorId) -> Vec<ActorId> {
        let mut cur = Some(place);
        let mut seen = 0;
        while let Some(p) = cur {
            let holders: Vec<ActorId> = self
                .relations_of(p)
                .map(|r| self.relation(r))
                .filter(|r| r.rtype == "controls" && r.to == p)
                .map(|r| r.from)
                .collect();
            if !holders.is_empty() {
                return holders;
            }
            seen += 1;
            if seen > self.actors.len() {
                break;
            }
            cur = self.parent(p);
        }
        Vec::new()
    }

    /// The relations citing a treaty, in file order (an index lookup).
    pub fn parties_of(&self, t: TreatyId) -> impl Iterator<Item = RelId> + '_ {
        self.treaty_rels[t.index()].iter().copied()
    }

    /// Back to a builder, to derive a changed graph (scenarios do this; the
    /// original is never modified).
    pub fn to_builder(&self) -> GraphBuilder {
        GraphBuilder {
            schema: self.schema.clone(),
            actors: self.actors.clone(),
            relations: self.relations.clone(),
            treaties: self.treaties.clone(),
            documents: self.documents.clone(),
            references: self.references.clone(),
            ids: self
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), ActorId(i as u32)))
                .collect(),
            treaty_ids: self.treaty_ids.clone(),
        }
    }

    /// The capital of `a`, where the graph gives one.
    pub fn capital(&self, a: ActorId) -> Option<&Capital> {
        self.actor(a).attrs.capital.as_ref()
    }

    /// Great-circle distance in km between the capitals of `a` and `b`
    /// (haversine, Earth radius 6371 km); `None` unless both have a capital.
    pub fn distance_km(&self, a: ActorId, b: ActorId) -> Option<f64> {
        let (x, y) = (self.capital(a)?, self.capital(b)?);
        Some(haversine_km(x.lat, x.lon, y.lat, y.lon))
    }

    /// The CINC score of `a` (share of world capabilities), where the graph gives one.
    pub fn cinc(&self, a: ActorId) -> Option<f64> {
        self.actor(a).attrs.cinc.as_ref().map(|m| m.value)
    }

    /// Did `a` count as a major power during the graph's period?
    pub fn is_major_power(&self, a: ActorId) -> bool {
        self.actor(a).attrs.major_power.is_some()
    }

    /// The date of the earliest seed document citing `rel`, if any cites it.
    pub fn first_reported(&self, rel: &Relation) -> Option<Date> {
        rel.evidence
            .iter()
            .filter_map(|c| match c {
                Citation::Seed { doc, .. } => {
                    self.documents.get(doc.as_str()).map(|d| d.date.earliest())
                }
                _ => None,
            })
            .min()
    }

    /// When citation `i` of `rel` was first known: the statement's own
    /// `published` date, else its seed document's date, else its
    /// reference's date. A reference without a date (a reference work) and
    /// a data set row record the fact as it happened: they count from the
    /// fact's own start, and `None` (always) for a fact without one.
    pub fn statement_known_from(&self, rel: &Relation, i: usize) -> Option<Date> {
        if let Some(p) = rel.statements.get(i).and_then(|s| s.published) {
            return Some(p.earliest());
        }
        let dated = match rel.evidence.get(i)? {
            Citation::Seed { doc, .. } => self.documents.get(doc.as_str()).map(|d| d.date),
            Citation::Background { reference, .. } => {
                self.references.get(reference.as_str()).and_then(|r| r.date)
            }
            Citation::Dataset { .. } => None,
        };
        dated.or(rel.valid_from).map(|d| d.earliest())
    }

    /// The earliest date at which some statement of `rel` was known (see
    /// [`Graph::statement_known_from`]); `None`: known whenever it holds.
    pub fn known_from(&self, rel: &Relation) -> Option<Date> {
        let mut first: Option<Date> = None;
        for i in 0..rel.evidence.len() {
            let k = self.statement_known_from(rel, i)?;
            first = Some(first.map_or(k, |f| f.min(k)));
        }
        first
    }

    /// Was the relation known and holding on `date`? It holds from
    /// `valid_from` to `valid_until` (partial dates stretch to their widest
    /// reading), and it is known once some statement of it was published
    /// ([`Graph::known_from`]), for seed and background facts alike: a
    /// post of 1 October says nothing about 28 September, and a treaty of
    /// 2010 says nothing about 1990.
    pub fn holds_on(&self, rel: &Relation, date: Date) -> bool {
        if let Some(f) = rel.valid_from {
            if f.earliest() > date {
                return false;
            }
        }
        if let Some(u) = rel.valid_until {
            if u.latest() < date {
                return false;
            }
        }
        self.known_from(rel).is_none_or(|k| k <= date)
    }
}

/// One end of a relation in an actor's adjacency list ([`Graph::ends`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct End {
    pub rel: RelId,
    /// The actor at the other end (the actor itself for a self-loop).
    pub other: ActorId,
    /// The index of the relation's type in `schema.types`.
    pub ty: u16,
    /// The relation's status (so that a search can rank a hop without
    /// reading the relation).
    pub status: Status,
}

/// The start, in [`Graph`]'s typed adjacency, of the ends of one type in
/// one actor's group.
#[derive(Clone, Copy, Debug)]
struct TypeRun {
    ty: u16,
    start: u32,
}

/// Why a [`GraphBuilder`] refused an item.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BuildError {
    #[error("duplicate actor id `{0}`")]
    DuplicateActor(String),
    #[error("duplicate treaty id `{0}`")]
    DuplicateTreaty(String),
    #[error("relation type `{0}` is not declared in the schema")]
    UnknownType(String),
    #[error("actor index {0} is out of range")]
    UnknownActor(u32),
}

/// Assembles a [`Graph`]. The loader, importers, generators and tests all
/// build graphs through it.
#[derive(Clone, Debug, Default)]
pub struct GraphBuilder {
    pub schema: Schema,
    actors: Vec<Actor>,
    relations: Vec<Relation>,
    treaties: Vec<Treaty>,
    pub documents: IndexMap<String, Document>,
    pub references: IndexMap<String, Reference>,
    ids: HashMap<String, ActorId>,
    treaty_ids: HashMap<String, TreatyId>,
}

impl GraphBuilder {
    pub fn new(schema: Schema) -> GraphBuilder {
        GraphBuilder {
            schema,
            ..Default::default()
        }
    }

    pub fn actor_id(&self, id: &str) -> Option<ActorId> {
        self.ids.get(id).copied()
    }

    pub fn treaty_id(&self, id: &str) -> Option<TreatyId> {
        self.treaty_ids.get(id).copied()
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    pub fn relations_mut(&mut self) -> &mut Vec<Relation> {
        &mut self.relations
    }

    pub fn add_actor(&mut self, mut actor: Actor) -> Result<ActorId, BuildError> {
        actor.card.compact();
        if self.ids.contains_key(&actor.id) {
            return Err(BuildError::DuplicateActor(actor.id));
        }
        let id = ActorId(self.actors.len() as u32);
        self.ids.insert(actor.id.clone(), id);
        self.actors.push(actor);
        Ok(id)
    }

    /// Replaces the card of an actor already added (its id must not change).
    pub fn set_actor(&mut self, id: ActorId, mut actor: Actor) {
        actor.card.compact();
        assert_eq!(
            self.actors[id.index()].id,
            actor.id,
            "an actor's id never changes"
        );
        self.actors[id.index()] = actor;
    }

    pub fn add_treaty(&mut self, treaty: Treaty) -> Result<TreatyId, BuildError> {
        if self.treaty_ids.contains_key(&treaty.id) {
            return Err(BuildError::DuplicateTreaty(treaty.id));
        }
        let id = TreatyId(self.treaties.len() as u32);
        self.treaty_ids.insert(treaty.id.clone(), id);
        self.treaties.push(treaty);
        Ok(id)
    }

    pub fn add_relation(&mut self, mut rel: Relation) -> Result<RelId, BuildError> {
        if !self.schema.types.contains_key(rel.rtype.as_str()) {
            return Err(BuildError::UnknownType(rel.rtype.to_string()));
        }
        rel.compact();
        let n = self.actors.len() as u32;
        for a in [rel.from, rel.to]
            .into_iter()
            .chain(rel.claimed_by.iter().copied())
            .chain(rel.denied_by.iter().copied())
            .chain(rel.place)
        {
            if a.0 >= n {
                return Err(BuildError::UnknownActor(a.0));
            }
        }
        let id = RelId(self.relations.len() as u32);
        self.relations.push(rel);
        Ok(id)
    }

    /// Drops the relations for which `keep` is false (scenarios remove facts this way).
    pub fn retain_relations(&mut self, mut keep: impl FnMut(&Relation) -> bool) {
        self.relations.retain(|r| keep(r));
    }

    pub fn build(mut self) -> Graph {
        // Built once, kept long: no spare capacity.
        self.relations.shrink_to_fit();
        self.actors.shrink_to_fit();
        assert!(
            self.schema.types.len() <= u16::MAX as usize,
            "at most 65535 relation types"
        );
        let rel_types = self
            .relations
            .iter()
            .map(|r| {
                self.schema
                    .types
                    .get_index_of(r.rtype.as_str())
                    .expect("add_relation checks the type") as u16
            })
            .collect::<Vec<u16>>();
        // Adjacency: count, place the groups, then fill each group from its
        // back with relations in file order, so that it is newest first.
        let n = self.actors.len();
        let mut outs = vec![0u32; n];
        let mut ins = vec![0u32; n];
        for r in &self.relations {
            outs[r.from.index()] += 1;
            ins[r.to.index()] += 1;
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut mid = Vec::with_capacity(n);
        let mut at = 0u32;
        for a in 0..n {
            start.push(at);
            mid.push(at + outs[a]);
            at += outs[a] + ins[a];
        }
        start.push(at);
        let blank = End {
            rel: RelId(0),
            other: ActorId(0),
            ty: 0,
            status: Status::Confirmed,
        };
        let mut ends = vec![blank; at as usize];
        let mut out_at: Vec<u32> = mid.clone();
        let mut in_at: Vec<u32> = start[1..].to_vec();
        for (i, r) in self.relations.iter().enumerate() {
            let (rel, ty) = (RelId(i as u32), rel_types[i]);
            out_at[r.from.index()] -= 1;
            ends[out_at[r.from.index()] as usize] = End {
                rel,
                other: r.to,
                ty,
                status: r.status,
            };
            in_at[r.to.index()] -= 1;
            ends[in_at[r.to.index()] as usize] = End {
                rel,
                other: r.from,
                ty,
                status: r.status,
            };
        }
        // Typed adjacency: each group sorted by type, stably (newest first
        // within a type); `order` keeps where each end of the newest-first
        // group went.
        let mut typed = ends;
        let mut order: Vec<u32> = vec![0; typed.len()];
        let mut run_start = Vec::with_capacity(2 * n + 1);
        let mut runs: Vec<TypeRun> = Vec::new();
        let mut perm: Vec<u32> = Vec::new();
        for a in 0..n {
            let (s, m, e) = (start[a] as usize, mid[a] as usize, start[a + 1] as usize);
            for range in [s..m, m..e] {
                perm.clear();
                perm.extend(range.clone().map(|i| i as u32));
                perm.sort_by_key(|&i| typed[i as usize].ty);
                let sorted: Vec<End> = perm.iter().map(|&i| typed[i as usize]).collect();
                for (k, &i) in perm.iter().enumerate() {
                    order[i as usize] = (range.start + k) as u32;
                }
                typed[range.clone()].copy_from_slice(&sorted);
                run_start.push(runs.len() as u32);
                for i in range.clone() {
                    if i == range.start || typed[i].ty != typed[i - 1].ty {
                        runs.push(TypeRun {
                            ty: typed[i].ty,
                            start: i as u32,
                        });
                    }
                }
            }
        }
        run_start.push(runs.len() as u32);
        runs.shrink_to_fit();
        let mut treaty_rels: Vec<Vec<RelId>> = vec![Vec::new(); self.treaties.len()];
        for (i, r) in self.relations.iter().enumerate() {
            if let Some(t) = r.treaty {
                if let Some(v) = treaty_rels.get_mut(t.index()) {
                    v.push(RelId(i as u32));
                }
            }
        }
        let mut names: HashMap<Box<str>, smallvec::SmallVec<[ActorId; 1]>> = HashMap::new();
        for (i, a) in self.actors.iter().enumerate() {
            let id = ActorId(i as u32);
            let mut keys: Vec<String> = std::iter::once(&a.id)
                .chain(std::iter::once(&a.name))
                .chain(a.aliases.iter())
                .chain(a.iso3.iter())
                .map(|s| normalise_name(s))
                .filter(|s| !s.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                names.entry(k.into_boxed_str()).or_default().push(id);
            }
        }
        // Ids are unique (add_actor refuses a second one).
        drop(self.ids);
        let mut by_id: Vec<u32> = (0..n as u32).collect();
        by_id
            .sort_unstable_by(|&x, &y| self.actors[x as usize].id.cmp(&self.actors[y as usize].id));
        Graph {
            schema: self.schema,
            actors: self.actors,
            relations: self.relations,
            treaties: self.treaties,
            documents: self.documents,
            references: self.references,
            net: std::sync::OnceLock::new(),
            start,
            mid,
            typed,
            order,
            run_start,
            runs,
            rel_types,
            treaty_rels,
            names,
            by_id,
            treaty_ids: self.treaty_ids,
        }
    }
}

/// Conveniences for building small graphs in tests and doc examples.
impl GraphBuilder {
    /// A schema with the given relation types (name, directed, sign, category).
    pub fn schema_of(types: &[(&str, bool, Sign, &str)]) -> Schema {
        let mut schema = Schema::default();
        for (name, directed, sign, cat) in types {
            schema
                .categories
                .entry(cat.to_string())
                .or_insert(Category {
                    name: cat.to_string(),
                    description: String::new(),
                    color: "gray40".into(),
                });
            schema.types.insert(
                name.to_string(),
                RelationType {
                    name: name.to_string(),
                    directed: *directed,
                    sign: *sign,
                    category: cat.to_string(),
                    description: String::new(),
                    verb: name.replace('_', " "),
                },
            );
        }
        schema
    }

    /// A bare actor of a kind, named after its id.
    pub fn simple_actor(id: &str, kind: ActorKind) -> Actor {
        Actor {
            id: id.to_string(),
            name: id.to_string(),
            kind,
            aliases: Vec::new(),
            recognised: true,
            card: ActorCard {
                iso3: None,
                cow: None,
                description: None,
                evidence: Vec::new(),
                attrs: StateAttrs::default(),
                same_as: Vec::new(),
            }
            .into(),
        }
    }

    /// A reported relation with one background citation and nothing else.
    pub fn simple_relation(rtype: &str, from: ActorId, to: ActorId) -> Relation {
        Relation::new(
            rtype,
            from,
            to,
            Status::Reported,
            [Citation::Background {
                reference: "test".into(),
                note: None,
            }],
        )
    }

    /// Adds a simple actor, panicking on a duplicate id (tests only).
    pub fn actor(&mut self, id: &str, kind: ActorKind) -> ActorId {
        self.add_actor(Self::simple_actor(id, kind))
            .expect("unique id")
    }

    /// Adds a simple relation, panicking on an undeclared type (tests only).
    pub fn rel(&mut self, rtype: &str, from: ActorId, to: ActorId) -> RelId {
        self.add_relation(Self::simple_relation(rtype, from, to))
            .expect("declared type")
    }

    /// A four-actor graph for doc examples: Turkey allied with Azerbaijan,
    /// Nagorno-Karabakh part of Azerbaijan and controlled by Artsakh.
    pub fn example() -> Graph {
        let mut b = GraphBuilder::new(Self::schema_of(&[
            ("ally", false, Sign::Friendly, "alliance"),
            ("part_of", true, Sign::Neutral, "geography"),
            ("controls", true, Sign::Neutral, "geography"),
        ]));
        let tr = b.actor("turkey", ActorKind::State);
        b.actors[tr.index()].aliases.push("Ankara".into());
        let az = b.actor("azerbaijan", ActorKind::State);
        let nk = b.actor("nagorno-karabakh", ActorKind::Territory);
        let ar = b.actor("artsakh", ActorKind::State);
        b.rel("ally", tr, az);
        b.rel("part_of", nk, az);
        b.rel("controls", ar, nk);
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each typed group holds the ends of its plain group, by type, newest
    /// first within a type; a type's range is exactly its ends.
    #[test]
    fn typed_ends_are_the_ends_by_type() {
        let g = crate::load::load_default().unwrap().graph;
        for a in g.actor_ids() {
            for dir in [Direction::Outgoing, Direction::Incoming] {
                let plain: Vec<End> = g.ends(a, dir).copied().collect();
                let typed = g.typed_ends(a, dir);
                assert_eq!(plain.len(), typed.len());
                assert!(typed.windows(2).all(|w| w[0].ty <= w[1].ty));
                let runs: Vec<u16> = g.type_runs(a, dir).map(|(t, _)| t).collect();
                assert!(runs.windows(2).all(|w| w[0] < w[1]), "one run per type");
                let total: usize = g.type_runs(a, dir).map(|(_, e)| e.len()).sum();
                assert_eq!(total, plain.len());
                // The plain order is newest relation first, as petgraph lists them.
                assert!(plain.windows(2).all(|w| w[0].rel > w[1].rel));
                for ty in 0..g.schema.types.len() as u16 {
                    let want: Vec<End> = plain.iter().filter(|e| e.ty == ty).copied().collect();
                    assert_eq!(g.ends_of_type(a, dir, ty), want.as_slice());
                }
            }
        }
    }
}
