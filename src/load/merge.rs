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

struct Merger {
    sources: Vec<SourceText>,
    diags: Vec<Diagnostic>,
    summary: MergeSummary,
}

impl Merger {
    fn at(&self, offset: usize, at: &At0) -> (usize, std::ops::Range<usize>) {
        (offset + at.0, at.1.clone())
    }

    fn diag(
        &mut self,
        level: Level,
        at: (usize, std::ops::Range<usize>),
        msg: String,
        hint: String,
    ) {
        let d = self.sources[at.0].diag(level, at.1, msg, Some(hint));
        self.diags.push(d);
    }

    fn place(&self, at: &(usize, std::ops::Range<usize>)) -> String {
        let s = &self.sources[at.0];
        let (l, c) = s.line_col(at.1.start);
        format!("{}:{l}:{c}", s.name)
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
    let mut m = Merger {
        sources: Vec::new(),
        diags: Vec::new(),
        summary: MergeSummary {
            graphs: names,
            ..Default::default()
        },
    };
    let mut offsets = Vec::new();
    for p in &parts {
        offsets.push(m.sources.len());
        m.sources.extend(p.sources.iter().cloned());
        m.diags.extend(p.warnings.iter().cloned());
    }

    // Schema, documents, references: shared by name.
    let mut schema = Schema::default();
    let mut type_at: HashMap<String, (usize, std::ops::Range<usize>)> = HashMap::new();
    let mut documents: indexmap::IndexMap<String, Document> = indexmap::IndexMap::new();
    let mut references: indexmap::IndexMap<String, Reference> = indexmap::IndexMap::new();
    let mut ref_at: HashMap<String, (usize, std::ops::Range<usize>)> = HashMap::new();
    for (pi, p) in parts.iter().enumerate() {
        let g = &p.graph;
        let off = offsets[pi];
        for (name, d) in &g.schema.domains {
            schema
                .domains
                .entry(name.clone())
                .or_insert_with(|| d.clone());
        }
        for (name, c) in &g.schema.categories {
            schema
                .categories
                .entry(name.clone())
                .or_insert_with(|| c.clone());
        }
        for (name, t) in &g.schema.types {
            let at = p
                .spans
                .types
                .get(name)
                .map(|a| m.at(off, a))
                .unwrap_or((off, 0..0));
            match schema.types.get(name) {
                None => {
                    schema.types.insert(name.clone(), t.clone());
                    type_at.insert(name.clone(), at);
                }
                Some(first) if first.directed != t.directed || first.sign != t.sign => {
                    let first_at = m.place(&type_at[name]);
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
                    let first_at = m.place(&type_at[name]);
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
        for (id, d) in &g.documents {
            match documents.get(id) {
                None => {
                    documents.insert(id.clone(), d.clone());
                }
                Some(first) if first.text != d.text => {
                    let at = p
                        .spans
                        .documents
                        .get(id)
                        .map(|a| m.at(off, a))
                        .unwrap_or((off, 0..0));
                    m.diag(
                        Level::Error,
                        at,
                        format!("document `{id}` is declared by two graphs with different texts"),
                        "quotes are checked against one text: give one of them another id".into(),
                    );
                }
                Some(_) => {}
            }
        }
        for (id, r) in &g.references {
            let at = p
                .spans
                .references
                .get(id)
                .map(|a| m.at(off, a))
                .unwrap_or((off, 0..0));
            match references.get(id) {
                None => {
                    references.insert(id.clone(), r.clone());
                    ref_at.insert(id.clone(), at);
                }
                Some(first) if first.title != r.title && first.url != r.url => {
                    let first_at = m.place(&ref_at[id]);
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

    let mut b = GraphBuilder::new(schema.clone());
    b.documents = documents;
    b.references = references;
    let mut actor_at: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut by_cow: HashMap<u16, ActorId> = HashMap::new();
    let mut by_iso: HashMap<String, ActorId> = HashMap::new();
    let mut treaty_at: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut spans = ItemSpans::default();
    let mut rel_index: HashMap<RelKey, Vec<(RelId, usize)>> = HashMap::new();
    let mut treaties_by_id: HashMap<String, TreatyId> = HashMap::new();
    let mut keys: HashMap<Text, RelId> = HashMap::new();
    let mut atop_seen: HashMap<u32, (TreatyId, usize)> = HashMap::new();
    let mut by_alliance: HashMap<AllianceKey, ActorId> = HashMap::new();
    let mut by_same_as: HashMap<String, ActorId> = HashMap::new();

    for (pi, p) in parts.iter().enumerate() {
        let g = &p.graph;
        let off = offsets[pi];
        let span_of = |v: &[At0], i: usize| {
            v.get(i)
                .map(|a| (off + a.0, a.1.clone()))
                .unwrap_or((off, 0..0))
        };

        // Actors.
        let alliances = alliance_keys(g);
        let mut amap: Vec<ActorId> = Vec::with_capacity(g.actors.len());
        for (i, a) in g.actors.iter().enumerate() {
            let at = span_of(&p.spans.actors, i);
            let keys = alliances.get(&ActorId(i as u32));
            let named = &a.same_as;
            let found = a
                .cow
                .and_then(|c| by_cow.get(&c).copied().map(|x| (x, "cow")))
                .or_else(|| {
                    a.iso3.as_ref().and_then(|iso| {
                        by_iso
                            .get(iso)
                            .copied()
                            .filter(|x| {
                                // Different COW codes: different states, whatever ISO says.
                                match (b.actors()[x.index()].cow, a.cow) {
                                    (Some(c1), Some(c2)) => c1 == c2,
                                    _ => true,
                                }
                            })
                            .map(|x| (x, "iso3"))
                    })
                })
                .or_else(|| {
                    keys.and_then(|ks| ks.iter().find_map(|k| by_alliance.get(k).copied()))
                        .filter(|x| b.actors()[x.index()].kind == a.kind)
                        .map(|x| (x, "alliance"))
                })
                .or_else(|| {
                    by_same_as
                        .get(&a.id)
                        .copied()
                        .or_else(|| named.iter().find_map(|id| b.actor_id(id)))
                        .map(|x| (x, "same_as"))
                })
                .or_else(|| b.actor_id(&a.id).map(|x| (x, "id")));
            let register = |x: ActorId,
                            by_alliance: &mut HashMap<AllianceKey, ActorId>,
                            by_same_as: &mut HashMap<String, ActorId>| {
                for k in keys.into_iter().flatten() {
                    by_alliance.entry(*k).or_insert(x);
                }
                for id in named {
                    by_same_as.entry(id.clone()).or_insert(x);
                }
            };
            match found {
                Some((x, how)) => {
                    let first = b.actors()[x.index()].clone();
                    let contradicts = how == "id"
                        && (first.kind != a.kind
                            || matches!((first.cow, a.cow), (Some(c1), Some(c2)) if c1 != c2)
                            || matches!((&first.iso3, &a.iso3), (Some(i1), Some(i2)) if i1 != i2));
                    if contradicts {
                        // Not the same actor: this one gets another id.
                        let mut n = pi + 1;
                        let mut id = format!("{}-{n}", a.id);
                        while b.actor_id(&id).is_some() {
                            n += 1;
                            id = format!("{}-{n}", a.id);
                        }
                        let first_at = m.place(&actor_at[x.index()]);
                        m.diag(
                            Level::Warning,
                            at.clone(),
                            format!(
                                "actor id `{}` names a different actor in {first_at} ({}{}); this one ({}{}) is `{id}` in the merged graph",
                                a.id,
                                first.kind,
                                codes(&first),
                                a.kind,
                                codes(a)
                            ),
                            "graphs loaded together match actors by COW code, ISO code or id; rename one of them to silence this".into(),
                        );
                        m.summary.renamed += 1;
                        let mut renamed = a.clone();
                        renamed.id = id;
                        let nid = b.add_actor(renamed).expect("a free id");
                        register(nid, &mut by_alliance, &mut by_same_as);
                        if let Some(c) = a.cow {
                            by_cow.entry(c).or_insert(nid);
                        }
                        if let Some(i) = &a.iso3 {
                            by_iso.entry(i.clone()).or_insert(nid);
                        }
                        actor_at.push(at.clone());
                        spans.actors.push(at);
                        amap.push(nid);
                        continue;
                    }
                    match how {
                        "cow" => m.summary.actors_by_cow += 1,
                        "iso3" => m.summary.actors_by_iso3 += 1,
                        "alliance" => m.summary.actors_by_alliance += 1,
                        "same_as" => m.summary.actors_by_same_as += 1,
                        _ => m.summary.actors_by_id += 1,
                    }
                    register(x, &mut by_alliance, &mut by_same_as);
                    if first.kind != a.kind {
                        let first_at = m.place(&actor_at[x.index()]);
                        m.diag(
                            Level::Warning,
                            at,
                            format!(
                                "`{}` ({}) is the same actor as `{}` ({}) in {first_at} by {}, but its kind differs; keeping {}",
                                a.id, a.kind, first.id, first.kind, match how {
                                    "same_as" => "a same_as list",
                                    "alliance" => "the alliance id of its treaty",
                                    "cow" => "its COW code",
                                    _ => "its ISO code",
                                }, first.kind
                            ),
                            "make the kinds agree".into(),
                        );
                    }
                    let mut merged = first.clone();
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
                    if let Some(c) = merged.cow {
                        by_cow.entry(c).or_insert(x);
                    }
                    if let Some(i) = &merged.iso3 {
                        by_iso.entry(i.clone()).or_insert(x);
                    }
                    b.set_actor(x, merged);
                    amap.push(x);
                }
                None => {
                    let id = b
                        .add_actor(a.clone())
                        .expect("an id already present is matched above");
                    register(id, &mut by_alliance, &mut by_same_as);
                    if let Some(c) = a.cow {
                        by_cow.entry(c).or_insert(id);
                    }
                    if let Some(i) = &a.iso3 {
                        by_iso.entry(i.clone()).or_insert(id);
                    }
                    actor_at.push(at.clone());
                    spans.actors.push(at);
                    amap.push(id);
                }
            }
        }
        let ma = |x: ActorId| amap[x.index()];

        // Treaties.
        let mut tmap: Vec<TreatyId> = Vec::with_capacity(g.treaties.len());
        for (i, t) in g.treaties.iter().enumerate() {
            let at = span_of(&p.spans.treaties, i);
            let mut t2 = t.clone();
            for o in &mut t2.obligations {
                o.adversaries = o.adversaries.iter().map(|a| ma(*a)).collect();
                if let Scope::Regions { regions } = &mut o.scope {
                    *regions = regions.iter().map(|a| ma(*a)).collect();
                }
            }
            if let Some(&x) = treaties_by_id.get(&t.id) {
                let first_at = m.place(&treaty_at[x.index()]);
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
            if let Some((x, xp)) = t.atop_id.and_then(|aid| atop_seen.get(&aid).copied()) {
                if xp != pi {
                    let first_at = m.place(&treaty_at[x.index()]);
                    m.diag(
                        Level::Warning,
                        at.clone(),
                        format!(
                            "treaty `{}` is ATOP alliance {} like `{}` in {first_at}; both are kept",
                            t.id,
                            t.atop_id.unwrap_or_default(),
                            b_treaty_id(&treaties_by_id, x)
                        ),
                        "the same treaty from two sources: each binds the parties of the relations that cite it".into(),
                    );
                }
            }
            let id = TreatyId(treaty_at.len() as u32);
            if let Some(aid) = t.atop_id {
                atop_seen.entry(aid).or_insert((id, pi));
            }
            treaties_by_id.insert(t.id.clone(), id);
            treaty_at.push(at.clone());
            spans.treaties.push(at);
            b.add_treaty(t2).expect("treaty ids checked above");
            tmap.push(id);
        }

        // Relations.
        for (i, r) in g.relations.iter().enumerate() {
            let at = span_of(&p.spans.relations, i);
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
            let directed = schema
                .types
                .get(r2.rtype.as_str())
                .is_none_or(|t| t.directed);
            let (a, z) = if directed || r2.from < r2.to {
                (r2.from, r2.to)
            } else {
                (r2.to, r2.from)
            };
            let key = (r2.rtype.to_string(), a, z);
            let earlier: Vec<(RelId, usize)> = rel_index.get(&key).cloned().unwrap_or_default();
            let mut joined = false;
            for (x, xp) in &earlier {
                if *xp == pi {
                    continue;
                }
                let first = &b.relations()[x.index()];
                let same_dates =
                    first.valid_from == r2.valid_from && first.valid_until == r2.valid_until;
                let same_status = first.status == r2.status;
                let same_treaty =
                    first.treaty.is_none() || r2.treaty.is_none() || first.treaty == r2.treaty;
                if same_dates && same_status && same_treaty {
                    let first = &mut b.relations_mut()[x.index()];
                    join_evidence(first, &r2);
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
                    joined = true;
                    break;
                }
            }
            if joined {
                continue;
            }
            // Conflicts with earlier graphs' versions of the same relation.
            for (x, xp) in &earlier {
                if *xp == pi {
                    continue;
                }
                let first = b.relations()[x.index()].clone();
                let mut diffs = Vec::new();
                if first.valid_from != r2.valid_from || first.valid_until != r2.valid_until {
                    diffs.push(format!("dates {} here, {} there", when(&r2), when(&first)));
                }
                if first.status != r2.status {
                    diffs.push(format!("status {} here, {} there", r2.status, first.status));
                }
                if let (Some(t1), Some(t2)) = (first.treaty, r2.treaty) {
                    if t1 != t2 {
                        diffs.push(format!(
                            "treaty `{}` here, `{}` there",
                            b_treaty_id(&treaties_by_id, t2),
                            b_treaty_id(&treaties_by_id, t1)
                        ));
                    }
                }
                let first_at = m.place(&spans.relations[x.index()]);
                m.summary.conflicts += 1;
                m.diag(
                    Level::Warning,
                    at.clone(),
                    format!(
                        "`{}` between `{}` and `{}` differs from {first_at}: {}; both are kept",
                        r2.rtype,
                        b.actors()[r2.from.index()].id,
                        b.actors()[r2.to.index()].id,
                        diffs.join("; ")
                    ),
                    "two sources disagree; casus keeps both (check them, or remove one from its graph)".into(),
                );
            }
            if let Some(k) = &r2.key {
                if let Some(x) = keys.get(k) {
                    let first_at = m.place(&spans.relations[x.index()]);
                    m.diag(
                        Level::Error,
                        at,
                        format!("relation key `{k}` is used by two graphs (first in {first_at})"),
                        "keys name relations for scenarios: rename one".into(),
                    );
                    continue;
                }
            }
            let id = match b.add_relation(r2) {
                Ok(id) => id,
                Err(_) => continue,
            };
            if let Some(k) = &b.relations()[id.index()].key {
                keys.insert(k.clone(), id);
            }
            spans.relations.push(at);
            rel_index.entry(key).or_default().push((id, pi));
        }
    }

    let graph = b.build();
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
