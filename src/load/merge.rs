//! Several graph directories loaded together (`--graph A --graph B`):
//! each is loaded and checked on its own, then they are merged.
//!
//! - Actors are the same when they share a COW code, else an ISO code,
//!   else (organisations) an ATOP or COW alliance id of a treaty their
//!   members' relations cite, else an explicit `same_as` id of either
//!   card, else an id (with the same kind and no contradicting code). The first
//!   graph's card wins; the other's names become aliases, missing codes
//!   are filled in, evidence and `same_as` ids are kept from both.
//! - Relation types, categories, documents and references are shared by
//!   name; a type declared differently (direction, sign) or a document
//!   with another text is an error; a reference with another title and
//!   address is a warning (the first one is kept).
//! - A relation given by two graphs with the same type, ends, dates,
//!   status and treaty is one fact with the evidence of both. The same
//!   relation with different dates, status or treaty is a *conflict*: both
//!   are kept and a warning points at each, nothing is overwritten.
//!
//! All or nothing, as for one graph: any error in any graph, or any merge
//! error, and nothing is loaded; every diagnostic is at file:line:column.
//!
//! Two passes over the graphs, in order: `Shared` gathers the relation
//! types, documents and references by name, then `Growing` adds each
//! graph's actors, treaties and relations to one merged graph, mapping the
//! graph's ids to merged ones; diagnostics are collected in `Merger`.

use super::diag::{Diagnostic, Level, LoadError, SourceText};
use super::{load, load_checked, At0, GraphFiles, ItemSpans, Loaded};
use crate::model::*;
use serde::Serialize;
use std::collections::HashMap;

/// What merging did, for `casus validate` to report.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MergeSummary {
    /// The graphs, in order (the first one's cards win).
    pub graphs: Vec<String>,
    /// Actors of later graphs found in an earlier one, by what matched.
    pub actors_by_cow: usize,
    pub actors_by_iso3: usize,
    pub actors_by_id: usize,
    /// Organisations found by the alliance id of a treaty they carry.
    pub actors_by_alliance: usize,
    /// Actors found through an explicit `same_as` list.
    pub actors_by_same_as: usize,
    /// Actors whose id a different actor of an earlier graph has: renamed.
    pub renamed: usize,
    /// Relations given by two graphs as the same fact (evidence joined).
    pub relations_joined: usize,
    /// The same relation with different dates, status or treaty (both kept).
    pub conflicts: usize,
}

/// Loads several graphs and merges them; all or nothing.
pub fn load_many(sets: &[(String, GraphFiles)]) -> Result<Loaded, LoadError> {
    load_many_by(sets, load)
}

/// [`load_many`] that loads and checks every graph from its files, the
/// built-in one too (`casus validate`).
pub fn load_many_checked(sets: &[(String, GraphFiles)]) -> Result<Loaded, LoadError> {
    load_many_by(sets, load_checked)
}

fn load_many_by(
    sets: &[(String, GraphFiles)],
    load: fn(&GraphFiles) -> Result<Loaded, LoadError>,
) -> Result<Loaded, LoadError> {
    let mut parts = Vec::new();
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    for (_, files) in sets {
        match load(files) {
            Ok(l) => parts.push(l),
            Err(e) => {
                diagnostics.extend(e.diagnostics);
                sources.extend(e.sources);
            }
        }
    }
    if !diagnostics.is_empty() {
        for p in &parts {
            sources.extend(p.sources.iter().cloned());
        }
        return Err(LoadError {
            diagnostics,
            sources,
        });
    }
    let names = sets.iter().map(|(n, _)| n.clone()).collect();
    merge(parts, names)
}

/// Where an item is written among the merged sources: source, byte range.
type Span = (usize, std::ops::Range<usize>);

/// The merged sources, the diagnostics so far and the summary.
struct Merger {
    sources: Vec<SourceText>,
    diags: Vec<Diagnostic>,
    summary: MergeSummary,
}

impl Merger {
    /// Takes every graph's sources and warnings, in order; returns where
    /// each graph's sources start among the merged ones.
    fn new(parts: &[Loaded], names: Vec<String>) -> (Merger, Vec<usize>) {
        let mut m = Merger {
            sources: Vec::new(),
            diags: Vec::new(),
            summary: MergeSummary {
                graphs: names,
                ..Default::default()
            },
        };
        let mut offsets = Vec::new();
        for p in parts {
            offsets.push(m.sources.len());
            m.sources.extend(p.sources.iter().cloned());
            m.diags.extend(p.warnings.iter().cloned());
        }
        (m, offsets)
    }

    fn diag(&mut self, level: Level, at: Span, msg: String, hint: String) {
        let d = self.sources[at.0].diag(level, at.1, msg, Some(hint));
        self.diags.push(d);
    }

    fn place(&self, at: &Span) -> String {
        let s = &self.sources[at.0];
        let (l, c) = s.line_col(at.1.start);
        format!("{}:{l}:{c}", s.name)
    }
}

/// One graph being merged: its place in the list, the loaded graph, and
/// where its sources start among the merged ones.
struct Part<'a> {
    pi: usize,
    p: &'a Loaded,
    off: usize,
}

impl Part<'_> {
    /// Where item `i` of `v` is written (the first source's start if unknown).
    fn span(&self, v: &[At0], i: usize) -> Span {
        v.get(i)
            .map(|a| (self.off + a.0, a.1.clone()))
            .unwrap_or((self.off, 0..0))
    }

    /// Where the item named `name` of `by_name` is written (as [`Part::span`]).
    fn named_span(&self, by_name: &HashMap<String, At0>, name: &str) -> Span {
        by_name
            .get(name)
            .map(|a| (self.off + a.0, a.1.clone()))
            .unwrap_or((self.off, 0..0))
    }
}

/// Adds the citations of `other` that `first` lacks, keeping every
/// statement aligned with its citation (a relation's statements are
/// stored only where some citation says more than the status).
fn join_evidence(first: &mut Relation, other: &Relation) {
    let graded = !first.statements.is_empty() || !other.statements.is_empty();
    if graded {
        first.statements = (0..first.evidence.len())
            .map(|i| first.statement(i))
            .collect();
    }
    for (i, e) in other.evidence.iter().enumerate() {
        if !first.evidence.contains(e) {
            first.evidence.push(e.clone());
            if graded {
                first.statements.push(other.statement(i));
            }
        }
    }
}

/// An alliance id: ATOP (`true`) or COW (`false`), and the number.
type AllianceKey = (bool, u32);

/// For each organisation of `g`, the alliance ids of the treaties that
/// relations pointing at it cite (its members' `member_of`).
fn alliance_keys(g: &Graph) -> HashMap<ActorId, Vec<AllianceKey>> {
    let mut m: HashMap<ActorId, Vec<AllianceKey>> = HashMap::new();
    for r in &g.relations {
        let Some(t) = r.treaty.map(|t| g.treaty(t)) else {
            continue;
        };
        if g.actor(r.to).kind != ActorKind::Organisation {
            continue;
        }
        let ks = m.entry(r.to).or_default();
        for k in [t.atop_id.map(|x| (true, x)), t.cow_id.map(|x| (false, x))]
            .into_iter()
            .flatten()
        {
            if !ks.contains(&k) {
                ks.push(k);
            }
        }
    }
    m
}

/// What makes two relations the same relation: type and ends (unordered
/// for symmetric types).
type RelKey = (String, ActorId, ActorId);

/// Merges loaded graphs, the first one's cards winning.
pub fn merge(parts: Vec<Loaded>, names: Vec<String>) -> Result<Loaded, LoadError> {
    let (mut m, offsets) = Merger::new(&parts, names);
    let mut shared = Shared::default();
    for (pi, p) in parts.iter().enumerate() {
        shared.add(
            &mut m,
            &Part {
                pi,
                p,
                off: offsets[pi],
            },
        );
    }
    let Shared {
        schema,
        type_at,
        documents,
        references,
        ref_at,
    } = shared;
    let mut grown = Growing::new(schema.clone(), documents, references);
    for (pi, p) in parts.iter().enumerate() {
        let part = Part {
            pi,
            p,
            off: offsets[pi],
        };
        let amap = grown.add_actors(&mut m, &part);
        let tmap = grown.add_treaties(&mut m, &part, &amap);
        grown.add_relations(&mut m, &part, &schema, &amap, &tmap);
    }
    finish(m, grown, type_at, ref_at)
}

/// The merged graph, or, if any graph or the merge found an error, every
/// error followed by the warnings.
fn finish(
    m: Merger,
    grown: Growing,
    type_at: HashMap<String, Span>,
    ref_at: HashMap<String, Span>,
) -> Result<Loaded, LoadError> {
    let graph = grown.b.build();
    let mut spans = grown.spans;
    let (errors, warnings): (Vec<_>, Vec<_>) =
        m.diags.into_iter().partition(|d| d.level == Level::Error);
    if !errors.is_empty() {
        let mut diagnostics = errors;
        diagnostics.extend(warnings);
        return Err(LoadError {
            diagnostics,
            sources: m.sources,
        });
    }
    // Spans now index the merged sources.
    spans.types = type_at.into_iter().collect();
    spans.references = ref_at.into_iter().collect();
    Ok(Loaded {
        graph,
        warnings,
        sources: m.sources,
        spans,
        merge: Some(m.summary),
    })
}

/// Schema, documents and references of all graphs, shared by name, with
/// where each relation type and reference was first declared.
#[derive(Default)]
struct Shared {
    schema: Schema,
    type_at: HashMap<String, Span>,
    documents: indexmap::IndexMap<String, Document>,
    references: indexmap::IndexMap<String, Reference>,
    ref_at: HashMap<String, Span>,
}

impl Shared {
    /// Shares one graph's schema, documents and references.
    fn add(&mut self, m: &mut Merger, part: &Part) {
        let g = &part.p.graph;
        for (name, d) in &g.schema.domains {
            self.schema
                .domains
                .entry(name.clone())
                .or_insert_with(|| d.clone());
        }
        for (name, c) in &g.schema.categories {
            self.schema
                .categories
                .entry(name.clone())
                .or_insert_with(|| c.clone());
        }
        for (name, t) in &g.schema.types {
            self.add_type(m, part.named_span(&part.p.spans.types, name), name, t);
        }
        for (id, d) in &g.documents {
            self.add_document(m, part, id, d);
        }
        for (id, r) in &g.references {
            self.add_reference(m, part.named_span(&part.p.spans.references, id), id, r);
        }
    }

    /// Adds a relation type, or checks it against the first declaration:
    /// another direction or sign is an error, another category a warning.
    fn add_type(&mut self, m: &mut Merger, at: Span, name: &str, t: &RelationType) {
        match self.schema.types.get(name) {
            None => {
                self.schema.types.insert(name.to_string(), t.clone());
                self.type_at.insert(name.to_string(), at);
            }
            Some(first) if first.directed != t.directed || first.sign != t.sign => {
                let first_at = m.place(&self.type_at[name]);
                m.diag(
                    Level::Error,
                    at,
                    format!(
                        "relation type `{name}` is declared differently here (directed = {}, sign = {}) than in {first_at} (directed = {}, sign = {})",
                        t.directed, t.sign.as_str(), first.directed, first.sign.as_str()
                    ),
                    "graphs loaded together share their relation types: make the declarations agree, or rename one".into(),
                );
            }
            Some(first) if first.category != t.category => {
                let first_at = m.place(&self.type_at[name]);
                m.diag(
                    Level::Warning,
                    at,
                    format!(
                        "relation type `{name}` is in category `{}` here and `{}` in {first_at}; using `{}`",
                        t.category, first.category, first.category
                    ),
                    "only drawing depends on the category".into(),
                );
            }
            Some(_) => {}
        }
    }

    /// Adds a document, or checks it has the first one's text (an error if not).
    fn add_document(&mut self, m: &mut Merger, part: &Part, id: &str, d: &Document) {
        match self.documents.get(id) {
            None => {
                self.documents.insert(id.to_string(), d.clone());
            }
            Some(first) if first.text != d.text => {
                m.diag(
                    Level::Error,
                    part.named_span(&part.p.spans.documents, id),
                    format!("document `{id}` is declared by two graphs with different texts"),
                    "quotes are checked against one text: give one of them another id".into(),
                );
            }
            Some(_) => {}
        }
    }

    /// Adds a reference, or warns if both its title and address differ
    /// from the first one's (which is kept).
    fn add_reference(&mut self, m: &mut Merger, at: Span, id: &str, r: &Reference) {
        match self.references.get(id) {
            None => {
                self.references.insert(id.to_string(), r.clone());
                self.ref_at.insert(id.to_string(), at);
            }
            Some(first) if first.title != r.title && first.url != r.url => {
                let first_at = m.place(&self.ref_at[id]);
                m.diag(
                    Level::Warning,
                    at,
                    format!(
                        "reference `{id}` is \"{}\" here but \"{}\" in {first_at}; citations of `{id}` now show the latter",
                        r.title, first.title
                    ),
                    "citations are resolved by id: give one of them another id if they are different sources".into(),
                );
            }
            Some(_) => {}
        }
    }
}

/// By what a later graph's actor was found in an earlier one.
#[derive(Clone, Copy, PartialEq)]
enum Matched {
    Cow,
    Iso3,
    Alliance,
    SameAs,
    Id,
}

/// The merged graph as it grows, where its items are written, and the
/// indexes that find a later graph's actors, treaties and relations in it.
struct Growing {
    b: GraphBuilder,
    spans: ItemSpans,
    actor_at: Vec<Span>,
    treaty_at: Vec<Span>,
    by_cow: HashMap<u16, ActorId>,
    by_iso: HashMap<String, ActorId>,
    by_alliance: HashMap<AllianceKey, ActorId>,
    by_same_as: HashMap<String, ActorId>,
    treaties_by_id: HashMap<String, TreatyId>,
    atop_seen: HashMap<u32, (TreatyId, usize)>,
    rel_index: HashMap<RelKey, Vec<(RelId, usize)>>,
    keys: HashMap<Text, RelId>,
}

impl Growing {
    /// An empty graph with the shared schema, documents and references.
    fn new(
        schema: Schema,
        documents: indexmap::IndexMap<String, Document>,
        references: indexmap::IndexMap<String, Reference>,
    ) -> Growing {
        let mut b = GraphBuilder::new(schema);
        b.documents = documents;
        b.references = references;
        Growing {
            b,
            spans: ItemSpans::default(),
            actor_at: Vec::new(),
            treaty_at: Vec::new(),
            by_cow: HashMap::new(),
            by_iso: HashMap::new(),
            by_alliance: HashMap::new(),
            by_same_as: HashMap::new(),
            treaties_by_id: HashMap::new(),
            atop_seen: HashMap::new(),
            rel_index: HashMap::new(),
            keys: HashMap::new(),
        }
    }

    /// Adds one graph's actors, each joined to the earlier actor it is or
    /// added (renamed if its id names another); returns their merged ids.
    fn add_actors(&mut self, m: &mut Merger, part: &Part) -> Vec<ActorId> {
        let g = &part.p.graph;
        let alliances = alliance_keys(g);
        let mut amap: Vec<ActorId> = Vec::with_capacity(g.actors.len());
        for (i, a) in g.actors.iter().enumerate() {
            let at = part.span(&part.p.spans.actors, i);
            let keys = alliances.get(&ActorId(i as u32));
            let id = match self.find_actor(a, keys) {
                Some((x, Matched::Id)) if contradicts(&self.b.actors()[x.index()], a) => {
                    self.add_renamed(m, part.pi, a, x, keys, at)
                }
                Some((x, how)) => {
                    self.join_actor(m, a, x, how, keys, at);
                    x
                }
                None => self.add_actor(a, None, keys, at),
            };
            amap.push(id);
        }
        amap
    }

    /// The earlier actor `a` is, and how it was found: by COW code, else ISO
    /// code (unless the COW codes differ), else the alliance id of a treaty
    /// (same kind), else a `same_as` id of either card, else its id.
    fn find_actor(&self, a: &Actor, keys: Option<&Vec<AllianceKey>>) -> Option<(ActorId, Matched)> {
        let b = &self.b;
        a.cow
            .and_then(|c| self.by_cow.get(&c).copied().map(|x| (x, Matched::Cow)))
            .or_else(|| {
                a.iso3.as_ref().and_then(|iso| {
                    self.by_iso
                        .get(iso)
                        .copied()
                        .filter(|x| {
                            // Different COW codes: different states, whatever ISO says.
                            match (b.actors()[x.index()].cow, a.cow) {
                                (Some(c1), Some(c2)) => c1 == c2,
                                _ => true,
                            }
                        })
                        .map(|x| (x, Matched::Iso3))
                })
            })
            .or_else(|| {
                keys.and_then(|ks| ks.iter().find_map(|k| self.by_alliance.get(k).copied()))
                    .filter(|x| b.actors()[x.index()].kind == a.kind)
                    .map(|x| (x, Matched::Alliance))
            })
            .or_else(|| {
                self.by_same_as
                    .get(&a.id)
                    .copied()
                    .or_else(|| a.same_as.iter().find_map(|id| b.actor_id(id)))
                    .map(|x| (x, Matched::SameAs))
            })
            .or_else(|| b.actor_id(&a.id).map(|x| (x, Matched::Id)))
    }

    /// Makes merged actor `x` findable by `a`'s alliance ids and `same_as`
    /// ids (the first actor registered under each keeps it).
    fn register(&mut self, x: ActorId, keys: Option<&Vec<AllianceKey>>, same_as: &[String]) {
        for k in keys.into_iter().flatten() {
            self.by_alliance.entry(*k).or_insert(x);
        }
        for id in same_as {
            self.by_same_as.entry(id.clone()).or_insert(x);
        }
    }

    /// Adds actor `a` (under `new_id` if given) as a new merged actor;
    /// returns its merged id.
    fn add_actor(
        &mut self,
        a: &Actor,
        new_id: Option<String>,
        keys: Option<&Vec<AllianceKey>>,
        at: Span,
    ) -> ActorId {
        let mut card = a.clone();
        if let Some(id) = new_id {
            card.id = id;
        }
        let id = self
            .b
            .add_actor(card)
            .expect("an id already present is matched or renamed above");
        self.register(id, keys, &a.same_as);
        if let Some(c) = a.cow {
            self.by_cow.entry(c).or_insert(id);
        }
        if let Some(i) = &a.iso3 {
            self.by_iso.entry(i.clone()).or_insert(id);
        }
        self.actor_at.push(at.clone());
        self.spans.actors.push(at);
        id
    }

    /// Adds `a`, whose id names a different actor `x` of an earlier graph,
    /// under a free id `ID-N` (N from the graph's number up), with a warning.
    fn add_renamed(
        &mut self,
        m: &mut Merger,
        pi: usize,
        a: &Actor,
        x: ActorId,
        keys: Option<&Vec<AllianceKey>>,
        at: Span,
    ) -> ActorId {
        let mut n = pi + 1;
        let mut id = format!("{}-{n}", a.id);
        while self.b.actor_id(&id).is_some() {
            n += 1;
            id = format!("{}-{n}", a.id);
        }
        let first = &self.b.actors()[x.index()];
        let first_at = m.place(&self.actor_at[x.index()]);
        m.diag(
            Level::Warning,
            at.clone(),
            format!(
                "actor id `{}` names a different actor in {first_at} ({}{}); this one ({}{}) is `{id}` in the merged graph",
                a.id,
                first.kind,
                codes(first),
                a.kind,
                codes(a)
            ),
            "graphs loaded together match actors by COW code, ISO code or id; rename one of them to silence this".into(),
        );
        m.summary.renamed += 1;
        self.add_actor(a, Some(id), keys, at)
    }

    /// Joins `a` into the earlier actor `x` it was found to be: counted by
    /// how, a warning if the kinds differ, the first card filled from `a`.
    fn join_actor(
        &mut self,
        m: &mut Merger,
        a: &Actor,
        x: ActorId,
        how: Matched,
        keys: Option<&Vec<AllianceKey>>,
        at: Span,
    ) {
        let s = &mut m.summary;
        match how {
            Matched::Cow => s.actors_by_cow += 1,
            Matched::Iso3 => s.actors_by_iso3 += 1,
            Matched::Alliance => s.actors_by_alliance += 1,
            Matched::SameAs => s.actors_by_same_as += 1,
            Matched::Id => s.actors_by_id += 1,
        }
        self.register(x, keys, &a.same_as);
        let mut merged = self.b.actors()[x.index()].clone();
        if merged.kind != a.kind {
            let first_at = m.place(&self.actor_at[x.index()]);
            m.diag(
                Level::Warning,
                at,
                format!(
                    "`{}` ({}) is the same actor as `{}` ({}) in {first_at} by {}, but its kind differs; keeping {}",
                    a.id, a.kind, merged.id, merged.kind, match how {
                        Matched::SameAs => "a same_as list",
                        Matched::Alliance => "the alliance id of its treaty",
                        Matched::Cow => "its COW code",
                        Matched::Iso3 | Matched::Id => "its ISO code",
                    }, merged.kind
                ),
                "make the kinds agree".into(),
            );
        }
        fill_actor(&mut merged, a);
        if let Some(c) = merged.cow {
            self.by_cow.entry(c).or_insert(x);
        }
        if let Some(i) = &merged.iso3 {
            self.by_iso.entry(i.clone()).or_insert(x);
        }
        self.b.set_actor(x, merged);
    }

    /// Adds one graph's treaties, their obligations pointing at merged
    /// actors; a treaty id already taken is an error, an ATOP id another
    /// graph has a warning. Returns their merged ids.
    fn add_treaties(&mut self, m: &mut Merger, part: &Part, amap: &[ActorId]) -> Vec<TreatyId> {
        let g = &part.p.graph;
        let mut tmap: Vec<TreatyId> = Vec::with_capacity(g.treaties.len());
        for (i, t) in g.treaties.iter().enumerate() {
            let at = part.span(&part.p.spans.treaties, i);
            let t2 = remap_treaty(t, amap);
            if let Some(&x) = self.treaties_by_id.get(&t.id) {
                let first_at = m.place(&self.treaty_at[x.index()]);
                m.diag(
                    Level::Error,
                    at,
                    format!(
                        "treaty id `{}` is declared by two graphs (first in {first_at})",
                        t.id
                    ),
                    "graphs loaded together share treaty ids: rename one".into(),
                );
                tmap.push(x);
                continue;
            }
            self.warn_same_atop(m, part.pi, t, &at);
            let id = TreatyId(self.treaty_at.len() as u32);
            if let Some(aid) = t.atop_id {
                self.atop_seen.entry(aid).or_insert((id, part.pi));
            }
            self.treaties_by_id.insert(t.id.clone(), id);
            self.treaty_at.push(at.clone());
            self.spans.treaties.push(at);
            self.b.add_treaty(t2).expect("treaty ids checked above");
            tmap.push(id);
        }
        tmap
    }

    /// Warns if treaty `t` of graph `pi` has the ATOP id of another graph's
    /// treaty (both are kept).
    fn warn_same_atop(&self, m: &mut Merger, pi: usize, t: &Treaty, at: &Span) {
        let Some((x, xp)) = t.atop_id.and_then(|aid| self.atop_seen.get(&aid).copied()) else {
            return;
        };
        if xp != pi {
            let first_at = m.place(&self.treaty_at[x.index()]);
            m.diag(
                Level::Warning,
                at.clone(),
                format!(
                    "treaty `{}` is ATOP alliance {} like `{}` in {first_at}; both are kept",
                    t.id,
                    t.atop_id.unwrap_or_default(),
                    b_treaty_id(&self.treaties_by_id, x)
                ),
                "the same treaty from two sources: each binds the parties of the relations that cite it".into(),
            );
        }
    }

    /// Adds one graph's relations between merged actors: a fact an earlier
    /// graph gives is joined, a differing version kept with a warning; a
    /// relation of an actor to itself or a key already taken is an error.
    fn add_relations(
        &mut self,
        m: &mut Merger,
        part: &Part,
        schema: &Schema,
        amap: &[ActorId],
        tmap: &[TreatyId],
    ) {
        let g = &part.p.graph;
        for (i, r) in g.relations.iter().enumerate() {
            let at = part.span(&part.p.spans.relations, i);
            let r2 = remap_relation(r, amap, tmap);
            if r2.from == r2.to {
                m.diag(
                    Level::Error,
                    at,
                    format!(
                        "relation `{}` joins `{}` to itself once the graphs are merged",
                        r.rtype,
                        g.actor(r.from).id
                    ),
                    "two actors of one graph are the same actor of another (same COW or ISO code)"
                        .into(),
                );
                continue;
            }
            let key = rel_key(schema, &r2);
            let earlier: Vec<(RelId, usize)> =
                self.rel_index.get(&key).cloned().unwrap_or_default();
            if self.join_relation(m, &earlier, part.pi, &r2) {
                continue;
            }
            self.warn_conflicts(m, &earlier, part.pi, &r2, &at);
            self.add_relation(m, r2, key, part.pi, at);
        }
    }

    /// Joins `r2` into the first earlier graph's relation that is the same
    /// fact (same dates and status, no contradicting treaty): evidence,
    /// treaty, key, contiguity and rivalry types. Whether it was joined.
    fn join_relation(
        &mut self,
        m: &mut Merger,
        earlier: &[(RelId, usize)],
        pi: usize,
        r2: &Relation,
    ) -> bool {
        for (x, xp) in earlier {
            if *xp == pi {
                continue;
            }
            let first = &self.b.relations()[x.index()];
            let same_dates =
                first.valid_from == r2.valid_from && first.valid_until == r2.valid_until;
            let same_status = first.status == r2.status;
            let same_treaty =
                first.treaty.is_none() || r2.treaty.is_none() || first.treaty == r2.treaty;
            if same_dates && same_status && same_treaty {
                let first = &mut self.b.relations_mut()[x.index()];
                join_evidence(first, r2);
                if first.treaty.is_none() {
                    first.treaty = r2.treaty;
                }
                if first.key.is_none() {
                    first.key = r2.key.clone();
                }
                if first.contiguity.is_none() {
                    first.contiguity = r2.contiguity;
                }
                for t in &r2.rivalry {
                    if !first.rivalry.contains(t) {
                        first.rivalry.push(*t);
                    }
                }
                m.summary.relations_joined += 1;
                return true;
            }
        }
        false
    }

    /// Warns at `at` about each earlier graph's version of `r2` that differs
    /// in dates, status or treaty (both are kept).
    fn warn_conflicts(
        &self,
        m: &mut Merger,
        earlier: &[(RelId, usize)],
        pi: usize,
        r2: &Relation,
        at: &Span,
    ) {
        for (x, xp) in earlier {
            if *xp == pi {
                continue;
            }
            let first = &self.b.relations()[x.index()];
            let diffs = self.differences(r2, first);
            let first_at = m.place(&self.spans.relations[x.index()]);
            m.summary.conflicts += 1;
            m.diag(
                Level::Warning,
                at.clone(),
                format!(
                    "`{}` between `{}` and `{}` differs from {first_at}: {}; both are kept",
                    r2.rtype,
                    self.b.actors()[r2.from.index()].id,
                    self.b.actors()[r2.to.index()].id,
                    diffs.join("; ")
                ),
                "two sources disagree; casus keeps both (check them, or remove one from its graph)"
                    .into(),
            );
        }
    }

    /// How relation `r2` differs from `first`: dates, status, treaty.
    fn differences(&self, r2: &Relation, first: &Relation) -> Vec<String> {
        let mut diffs = Vec::new();
        if first.valid_from != r2.valid_from || first.valid_until != r2.valid_until {
            diffs.push(format!("dates {} here, {} there", when(r2), when(first)));
        }
        if first.status != r2.status {
            diffs.push(format!("status {} here, {} there", r2.status, first.status));
        }
        if let (Some(t1), Some(t2)) = (first.treaty, r2.treaty) {
            if t1 != t2 {
                diffs.push(format!(
                    "treaty `{}` here, `{}` there",
                    b_treaty_id(&self.treaties_by_id, t2),
                    b_treaty_id(&self.treaties_by_id, t1)
                ));
            }
        }
        diffs
    }

    /// Adds relation `r2` of graph `pi` under `key`, unless its relation key
    /// is taken by an earlier one (an error).
    fn add_relation(&mut self, m: &mut Merger, r2: Relation, key: RelKey, pi: usize, at: Span) {
        if let Some(k) = &r2.key {
            if let Some(x) = self.keys.get(k) {
                let first_at = m.place(&self.spans.relations[x.index()]);
                m.diag(
                    Level::Error,
                    at,
                    format!("relation key `{k}` is used by two graphs (first in {first_at})"),
                    "keys name relations for scenarios: rename one".into(),
                );
                return;
            }
        }
        let id = match self.b.add_relation(r2) {
            Ok(id) => id,
            Err(_) => return,
        };
        if let Some(k) = &self.b.relations()[id.index()].key {
            self.keys.insert(k.clone(), id);
        }
        self.spans.relations.push(at);
        self.rel_index.entry(key).or_default().push((id, pi));
    }
}

/// Whether an earlier actor found by `a`'s id is another actor: another
/// kind, or another COW or ISO code.
fn contradicts(first: &Actor, a: &Actor) -> bool {
    first.kind != a.kind
        || matches!((first.cow, a.cow), (Some(c1), Some(c2)) if c1 != c2)
        || matches!((&first.iso3, &a.iso3), (Some(i1), Some(i2)) if i1 != i2)
}

/// Fills the first graph's card `merged` from a later card `a`: its names
/// as aliases, missing codes, description and attributes, and the union of
/// `same_as` ids and evidence.
fn fill_actor(merged: &mut Actor, a: &Actor) {
    for n in std::iter::once(&a.name).chain(a.aliases.iter()) {
        if normalise_name(n) != normalise_name(&merged.name)
            && !merged
                .aliases
                .iter()
                .any(|x| normalise_name(x) == normalise_name(n))
        {
            merged.aliases.push(n.clone());
        }
    }
    if merged.iso3.is_none() {
        merged.iso3 = a.iso3.clone();
    }
    if merged.cow.is_none() {
        merged.cow = a.cow;
    }
    if merged.description.is_none() {
        merged.description = a.description.clone();
    }
    for id in &a.same_as {
        if !merged.same_as.contains(id) {
            merged.same_as.push(id.clone());
        }
    }
    fill_attrs(&mut merged.attrs, &a.attrs);
    for e in &a.evidence {
        if !merged.evidence.contains(e) {
            merged.evidence.push(e.clone());
        }
    }
}

/// Treaty `t` with its obligations' adversaries and regions as merged actors.
fn remap_treaty(t: &Treaty, amap: &[ActorId]) -> Treaty {
    let ma = |x: &ActorId| amap[x.index()];
    let mut t2 = t.clone();
    for o in &mut t2.obligations {
        o.adversaries = o.adversaries.iter().map(ma).collect();
        if let Scope::Regions { regions } = &mut o.scope {
            *regions = regions.iter().map(ma).collect();
        }
    }
    t2
}

/// Relation `r` with its actors and treaty as merged ones.
fn remap_relation(r: &Relation, amap: &[ActorId], tmap: &[TreatyId]) -> Relation {
    let ma = |x: ActorId| amap[x.index()];
    let mut r2 = r.clone();
    r2.from = ma(r.from);
    r2.to = ma(r.to);
    r2.claimed_by = r.claimed_by.iter().map(|a| ma(*a)).collect();
    r2.denied_by = r.denied_by.iter().map(|a| ma(*a)).collect();
    r2.place = r.place.map(ma);
    r2.treaty = r.treaty.map(|t| tmap[t.index()]);
    for s in &mut r2.statements {
        s.by = s.by.map(ma);
    }
    r2
}

/// The key of relation `r`: its type and ends, ordered for symmetric types
/// (a type missing from the schema counts as directed).
fn rel_key(schema: &Schema, r: &Relation) -> RelKey {
    let directed = schema
        .types
        .get(r.rtype.as_str())
        .is_none_or(|t| t.directed);
    let (a, z) = if directed || r.from < r.to {
        (r.from, r.to)
    } else {
        (r.to, r.from)
    };
    (r.rtype.to_string(), a, z)
}

/// A state's attributes from a later graph fill what the first left empty.
fn fill_attrs(first: &mut StateAttrs, later: &StateAttrs) {
    if first.capital.is_none() {
        first.capital = later.capital.clone();
    }
    if first.cinc.is_none() {
        first.cinc = later.cinc.clone();
    }
    if first.major_power.is_none() {
        first.major_power = later.major_power.clone();
    }
}

fn codes(a: &Actor) -> String {
    let mut s = String::new();
    if let Some(c) = a.cow {
        s.push_str(&format!(", COW {c}"));
    }
    if let Some(i) = &a.iso3 {
        s.push_str(&format!(", ISO {i}"));
    }
    s
}

fn when(r: &Relation) -> String {
    match (r.valid_from, r.valid_until) {
        (None, None) => "undated".into(),
        (Some(f), None) => format!("since {f}"),
        (None, Some(u)) => format!("until {u}"),
        (Some(f), Some(u)) if f == u => format!("on {f}"),
        (Some(f), Some(u)) => format!("{f} to {u}"),
    }
}

fn b_treaty_id(ids: &HashMap<String, TreatyId>, t: TreatyId) -> String {
    ids.iter()
        .find(|(_, v)| **v == t)
        .map(|(k, _)| k.clone())
        .unwrap_or_default()
}
