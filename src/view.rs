//! Serialisable, self-contained views of actors, relations and evidence:
//! what `--format json` prints and what text output is drawn from.
//!
//! Invariant: views only read the graph; no I/O, no formatting for a
//! terminal (that is the cli's job).

use crate::model::*;
use serde::Serialize;

/// An actor named in output: id, display name and kind.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
}

impl ActorRef {
    pub fn new(g: &Graph, a: ActorId) -> ActorRef {
        let actor = g.actor(a);
        ActorRef {
            id: actor.id.clone(),
            name: actor.name.clone(),
            kind: actor.kind,
        }
    }
}

/// A citation with its source resolved: document title and date, or reference title and address.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceView {
    Seed {
        doc: String,
        doc_title: Option<String>,
        doc_date: String,
        file: String,
        quote: String,
        line: u32,
        column: u32,
    },
    Background {
        reference: String,
        title: String,
        publisher: Option<String>,
        date: Option<String>,
        url: Option<String>,
        note: Option<String>,
    },
    Dataset {
        reference: String,
        title: String,
        citation: Option<String>,
        row: String,
    },
}

impl EvidenceView {
    pub fn new(g: &Graph, c: &Citation) -> EvidenceView {
        match c {
            Citation::Seed {
                doc,
                quote,
                line,
                column,
            } => {
                let d = g.documents.get(doc.as_str());
                EvidenceView::Seed {
                    doc: doc.to_string(),
                    doc_title: d.and_then(|d| d.title.clone()),
                    doc_date: d.map(|d| d.date.to_string()).unwrap_or_default(),
                    file: d.map(|d| d.file.clone()).unwrap_or_default(),
                    quote: quote.to_string(),
                    line: *line,
                    column: *column,
                }
            }
            Citation::Background { reference, note } => {
                let r = g.references.get(reference.as_str());
                EvidenceView::Background {
                    reference: reference.to_string(),
                    title: r.map(|r| r.title.clone()).unwrap_or_default(),
                    publisher: r.and_then(|r| r.publisher.clone()),
                    date: r.and_then(|r| r.date.map(|d| d.to_string())),
                    url: r.and_then(|r| r.url.clone()),
                    note: note.as_deref().map(str::to_string),
                }
            }
            Citation::Dataset { reference, row } => {
                let r = g.references.get(reference.as_str());
                EvidenceView::Dataset {
                    reference: reference.to_string(),
                    title: r.map(|r| r.title.clone()).unwrap_or_default(),
                    citation: r.and_then(|r| r.citation.clone()),
                    row: row.to_string(),
                }
            }
        }
    }

    /// One line: `"quote" (post-2020-10-01, 2020-10-01, line 3)` or `Title, note`.
    pub fn short(&self) -> String {
        match self {
            EvidenceView::Seed {
                doc,
                doc_date,
                quote,
                line,
                ..
            } => format!("\u{201C}{quote}\u{201D} ({doc}, {doc_date}, line {line})"),
            EvidenceView::Background {
                title, note, date, ..
            } => {
                let mut s = title.clone();
                if let Some(d) = date {
                    s.push_str(&format!(" ({d})"));
                }
                if let Some(n) = note {
                    s.push_str(&format!(", {n}"));
                }
                s
            }
            EvidenceView::Dataset { title, row, .. } => format!("{title}, row {row}"),
        }
    }
}

/// A relation with every reference resolved to names.
#[derive(Clone, Debug, Serialize)]
pub struct RelationView {
    /// Index of the relation in the graph.
    pub index: u32,
    pub key: Option<String>,
    #[serde(rename = "type")]
    pub rtype: String,
    pub directed: bool,
    pub sign: Sign,
    pub category: String,
    pub from: ActorRef,
    pub to: ActorRef,
    pub status: Status,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claimed_by: Vec<ActorRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub denied_by: Vec<ActorRef>,
    pub since: Option<String>,
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<SupportKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<ActorRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treaty: Option<String>,
    /// COW Direct Contiguity type, on `borders`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contiguity: Option<u8>,
    /// Thompson-Dreyer rivalry types, on `rival`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rivalry: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub evidence: Vec<EvidenceView>,
    /// What each citation states, aligned with `evidence`.
    pub statements: Vec<StatementView>,
}

/// A citation read as a statement: its grade, who makes it, and from when
/// it was known.
#[derive(Clone, Debug, Serialize)]
pub struct StatementView {
    /// The grade this source gives the fact.
    pub stance: Status,
    /// The stance as a verb ("alleges").
    pub verb: &'static str,
    /// Who makes it; absent: the narrator (the post's author, the reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<ActorRef>,
    /// The date from which the statement was known (see `Graph::statement_known_from`).
    pub known_from: Option<String>,
}

impl StatementView {
    pub fn new(g: &Graph, r: &Relation, i: usize) -> StatementView {
        let s = r.statement(i);
        StatementView {
            stance: s.stance,
            verb: stance_verb(s.stance),
            by: s.by.map(|a| ActorRef::new(g, a)),
            known_from: g.statement_known_from(r, i).map(|d| d.to_string()),
        }
    }
}

impl RelationView {
    /// `true` where the statements differ from the relation's status or
    /// name a speaker: then each citation line shows its own grade.
    pub fn graded_apart(&self) -> bool {
        self.statements
            .iter()
            .any(|s| s.stance != self.status || s.by.is_some())
    }

    /// `Armenia denies: ` or `[considered] ` before citation `i`, where
    /// the statements are graded apart ([`RelationView::graded_apart`]).
    pub fn statement_prefix(&self, i: usize) -> String {
        match self.statements.get(i) {
            Some(s) if self.graded_apart() => match &s.by {
                Some(a) => format!("[{}] {} {}: ", s.stance, a.name, s.verb),
                None => format!("[{}] ", s.stance),
            },
            _ => String::new(),
        }
    }

    pub fn new(g: &Graph, id: RelId) -> RelationView {
        let r = g.relation(id);
        let t = g.rtype(r);
        let refs = |v: &[ActorId]| v.iter().map(|a| ActorRef::new(g, *a)).collect();
        RelationView {
            index: id.0,
            key: r.key.as_deref().map(str::to_string),
            rtype: r.rtype.to_string(),
            directed: t.directed,
            sign: t.sign,
            category: t.category.clone(),
            from: ActorRef::new(g, r.from),
            to: ActorRef::new(g, r.to),
            status: r.status,
            claimed_by: refs(&r.claimed_by),
            denied_by: refs(&r.denied_by),
            since: r.valid_from.map(|d| d.to_string()),
            until: r.valid_until.map(|d| d.to_string()),
            role: r.role.as_deref().map(str::to_string),
            systems: r.systems.iter().map(|s| s.to_string()).collect(),
            support: r.support.to_vec(),
            place: r.place.map(|p| ActorRef::new(g, p)),
            treaty: r.treaty.map(|t| g.treaty(t).name.clone()),
            contiguity: r.contiguity,
            rivalry: r.rivalry.iter().map(|s| s.to_string()).collect(),
            note: r.note.as_deref().map(str::to_string),
            evidence: r.evidence.iter().map(|c| EvidenceView::new(g, c)).collect(),
            statements: (0..r.evidence.len())
                .map(|i| StatementView::new(g, r, i))
                .collect(),
        }
    }

    /// `2020-10-04`, `since 2010-08`, `2020-09-27 to 2020-11-10`, or empty.
    pub fn when(&self) -> String {
        match (&self.since, &self.until) {
            (Some(s), Some(u)) if s == u => s.clone(),
            (Some(s), Some(u)) => format!("{s} to {u}"),
            (Some(s), None) => format!("since {s}"),
            (None, Some(u)) => format!("until {u}"),
            (None, None) => String::new(),
        }
    }

    /// Details in brackets: role, systems, support, place, treaty, claims and denials.
    pub fn details(&self) -> Vec<String> {
        let mut d = Vec::new();
        if let Some(r) = &self.role {
            d.push(format!("role: {r}"));
        }
        if !self.systems.is_empty() {
            d.push(format!("systems: {}", self.systems.join(", ")));
        }
        if !self.support.is_empty() {
            let s: Vec<&str> = self.support.iter().map(|k| k.as_str()).collect();
            d.push(format!("support: {}", s.join(", ")));
        }
        if let Some(p) = &self.place {
            d.push(format!("at {}", p.name));
        }
        if let Some(t) = &self.treaty {
            d.push(format!("treaty: {t}"));
        }
        if let Some(c) = self.contiguity {
            let what = contiguity_meaning(c).unwrap_or("unknown type");
            d.push(format!("contiguity {c}: {what}"));
        }
        if !self.rivalry.is_empty() {
            d.push(format!("rivalry: {}", self.rivalry.join(", ")));
        }
        if !self.claimed_by.is_empty() {
            let s: Vec<&str> = self.claimed_by.iter().map(|a| a.name.as_str()).collect();
            d.push(format!("claimed by {}", s.join(", ")));
        }
        if !self.denied_by.is_empty() {
            let s: Vec<&str> = self.denied_by.iter().map(|a| a.name.as_str()).collect();
            d.push(format!("denied by {}", s.join(", ")));
        }
        d
    }
}

/// An actor's card: who it is, and every relation in and out.
#[derive(Clone, Debug, Serialize)]
pub struct ActorCard {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub iso3: Option<String>,
    pub cow: Option<u16>,
    pub recognised: bool,
    pub description: Option<String>,
    pub evidence: Vec<EvidenceView>,
    /// A state's measured attributes (capital, CINC, major power), where given.
    #[serde(skip_serializing_if = "AttrsView::is_empty")]
    pub attrs: AttrsView,
    /// Its ids in other graphs (`same_as`), where given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<String>,
    /// Relations leaving the actor (and symmetric ones it takes part in).
    pub outgoing: Vec<RelationView>,
    /// Relations pointing at the actor.
    pub incoming: Vec<RelationView>,
    /// Relations that happened at this place (attacks at Ganja, rivalry in Libya).
    pub events_here: Vec<RelationView>,
}

impl ActorCard {
    /// The card of `a`: symmetric relations are listed under outgoing,
    /// whichever way round the file wrote them.
    pub fn new(g: &Graph, a: ActorId) -> ActorCard {
        Self::new_where(g, a, |_| true)
    }

    /// The card of `a` with only the relations `keep` lets through (a
    /// query filter: `casus show ACTOR --as-of D`).
    pub fn new_where(g: &Graph, a: ActorId, keep: impl Fn(RelId) -> bool) -> ActorCard {
        let actor = g.actor(a);
        let mut outgoing = Vec::new();
        let mut incoming = Vec::new();
        for r in g.relations_of(a).filter(|r| keep(*r)) {
            let rel = g.relation(r);
            let v = RelationView::new(g, r);
            if rel.from == a || !g.rtype(rel).directed {
                outgoing.push(v);
            } else {
                incoming.push(v);
            }
        }
        let key = |v: &RelationView| (v.rtype.clone(), v.since.clone(), v.index);
        let mut events_here: Vec<RelationView> = g
            .relation_ids()
            .filter(|r| g.relation(*r).place == Some(a) && keep(*r))
            .map(|r| RelationView::new(g, r))
            .collect();
        outgoing.sort_by_key(key);
        incoming.sort_by_key(key);
        events_here.sort_by_key(key);
        ActorCard {
            id: actor.id.clone(),
            name: actor.name.clone(),
            kind: actor.kind,
            aliases: actor.aliases.clone(),
            iso3: actor.iso3.clone(),
            cow: actor.cow,
            recognised: actor.recognised,
            description: actor.description.clone(),
            evidence: actor
                .evidence
                .iter()
                .map(|c| EvidenceView::new(g, c))
                .collect(),
            attrs: AttrsView::new(g, &actor.attrs),
            same_as: actor.same_as.clone(),
            outgoing,
            incoming,
            events_here,
        }
    }
}

/// A state's capital with its evidence resolved.
#[derive(Clone, Debug, Serialize)]
pub struct CapitalView {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub evidence: EvidenceView,
}

/// A measured value (CINC) with its evidence resolved.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureView {
    pub year: i32,
    pub value: f64,
    pub evidence: EvidenceView,
}

/// [`StateAttrs`] with every citation resolved.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AttrsView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capital: Option<CapitalView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cinc: Option<MeasureView>,
    /// The evidence of major-power status, when the state was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub major_power: Option<EvidenceView>,
}

impl AttrsView {
    pub fn new(g: &Graph, a: &StateAttrs) -> AttrsView {
        AttrsView {
            capital: a.capital.as_ref().map(|c| CapitalView {
                name: c.name.clone(),
                lat: c.lat,
                lon: c.lon,
                evidence: EvidenceView::new(g, &c.evidence),
            }),
            cinc: a.cinc.as_ref().map(|m| MeasureView {
                year: m.year,
                value: m.value,
                evidence: EvidenceView::new(g, &m.evidence),
            }),
            major_power: a.major_power.as_ref().map(|c| EvidenceView::new(g, c)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.capital.is_none() && self.cinc.is_none() && self.major_power.is_none()
    }
}

/// The citations of a state's attributes, in the order capital, CINC, major power.
pub fn attr_citations(a: &StateAttrs) -> impl Iterator<Item = &Citation> {
    let cap = a.capital.as_ref().map(|c| &c.evidence);
    let cinc = a.cinc.as_ref().map(|m| &m.evidence);
    cap.into_iter().chain(cinc).chain(a.major_power.as_ref())
}

/// Counts for `casus validate`.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub actors: usize,
    pub actors_by_kind: indexmap::IndexMap<String, usize>,
    pub relations: usize,
    pub relations_by_type: indexmap::IndexMap<String, usize>,
    pub relations_by_status: indexmap::IndexMap<String, usize>,
    pub treaties: usize,
    pub documents: usize,
    pub seed_quotes: usize,
    pub references: usize,
    pub background_citations: usize,
    pub dataset_citations: usize,
}

impl Summary {
    pub fn new(g: &Graph) -> Summary {
        let mut actors_by_kind = indexmap::IndexMap::new();
        for k in ActorKind::ALL {
            let n = g.actors.iter().filter(|a| a.kind == k).count();
            if n > 0 {
                actors_by_kind.insert(k.as_str().to_string(), n);
            }
        }
        let mut relations_by_type = indexmap::IndexMap::new();
        for t in g.schema.types.keys() {
            let n = g.relations.iter().filter(|r| &r.rtype == t).count();
            if n > 0 {
                relations_by_type.insert(t.clone(), n);
            }
        }
        let mut relations_by_status = indexmap::IndexMap::new();
        for s in Status::ALL {
            let n = g.relations.iter().filter(|r| r.status == s).count();
            if n > 0 {
                relations_by_status.insert(s.as_str().to_string(), n);
            }
        }
        let all_citations = || {
            g.relations
                .iter()
                .flat_map(|r| r.evidence.iter())
                .chain(g.actors.iter().flat_map(|a| a.evidence.iter()))
                .chain(g.actors.iter().flat_map(|a| attr_citations(&a.attrs)))
                .chain(g.treaties.iter().flat_map(|t| t.evidence.iter()))
        };
        Summary {
            actors: g.actors.len(),
            actors_by_kind,
            relations: g.relations.len(),
            relations_by_type,
            relations_by_status,
            treaties: g.treaties.len(),
            documents: g.documents.len(),
            seed_quotes: all_citations().filter(|c| c.is_seed()).count(),
            references: g.references.len(),
            background_citations: all_citations()
                .filter(|c| matches!(c, Citation::Background { .. }))
                .count(),
            dataset_citations: all_citations()
                .filter(|c| matches!(c, Citation::Dataset { .. }))
                .count(),
        }
    }
}
