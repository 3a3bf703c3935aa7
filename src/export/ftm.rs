//! FollowTheMoney entities as JSON lines (Aleph, the `ftm` command-line
//! tools, the `followthemoney` Python package): states as `PublicBody`,
//! organisations and armed groups as `Organization`, persons as `Person`,
//! territories and places as `Territory`, conflicts as `Event`; relations
//! through FtM's interval schemata: `Membership` (member_of),
//! `Directorship` (leader_of), `Representation` (official_of) where the
//! ends fit their ranges, `UnknownLink` with the relation type as its
//! role otherwise. Each source is an `Article` (seed posts) or `Document` entity, named in the
//! relation's `proof`; quotes go in `description`, data-set rows in
//! `recordId`, addresses in `sourceUrl`, publishers in `publisher`, the
//! status in `summary`.
//!
//! Invariant: every entity has the properties its schema requires, every
//! entity reference names an entity of the same file, every date is a
//! (partial) ISO date; ids are `casus-` and the casus id.

use super::statements;
use crate::model::*;
use crate::render::Selection;
use crate::view::{EvidenceView, RelationView};
use serde_json::{json, Map};
use std::collections::BTreeMap;

/// The FtM schema of an actor kind.
pub fn schema(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "PublicBody",
        ActorKind::Person => "Person",
        ActorKind::Organisation | ActorKind::ArmedGroup => "Organization",
        ActorKind::Territory | ActorKind::Place => "Territory",
        ActorKind::Conflict => "Event",
    }
}

fn is_legal_entity(k: ActorKind) -> bool {
    matches!(schema(k), "PublicBody" | "Person" | "Organization")
}

fn is_organization(k: ActorKind) -> bool {
    matches!(schema(k), "PublicBody" | "Organization")
}

/// The interval schema of a relation, with its two end properties.
fn link(g: &Graph, rel: &Relation) -> (&'static str, &'static str, &'static str) {
    let (f, t) = (g.actor(rel.from).kind, g.actor(rel.to).kind);
    match rel.rtype.as_str() {
        "member_of" if is_legal_entity(f) && is_organization(t) => {
            ("Membership", "member", "organization")
        }
        "leader_of" if is_legal_entity(f) && is_organization(t) => {
            ("Directorship", "director", "organization")
        }
        "official_of" if is_legal_entity(f) && is_legal_entity(t) => {
            ("Representation", "agent", "client")
        }
        _ => ("UnknownLink", "subject", "object"),
    }
}

fn actor_entity_id(a: &Actor) -> String {
    format!("casus-{}", a.id)
}

fn source_id(e: &EvidenceView) -> String {
    match e {
        EvidenceView::Seed { doc, .. } => format!("casus-doc-{doc}"),
        EvidenceView::Background { reference, .. } | EvidenceView::Dataset { reference, .. } => {
            format!("casus-ref-{reference}")
        }
    }
}

fn entity(id: String, schema: &str, props: Vec<(&str, Vec<String>)>) -> String {
    let mut properties = Map::new();
    for (k, v) in props {
        let v: Vec<String> = v.into_iter().filter(|s| !s.trim().is_empty()).collect();
        if !v.is_empty() {
            properties.insert(k.to_string(), json!(v));
        }
    }
    json!({"id": id, "schema": schema, "properties": properties}).to_string()
}

fn actor(g: &Graph, a: ActorId) -> String {
    let actor = g.actor(a);
    let mut notes = Vec::new();
    if let Some(c) = actor.cow {
        notes.push(format!("Correlates of War code {c}"));
    }
    if let Some(i) = &actor.iso3 {
        notes.push(format!("ISO 3166-1 alpha-3 {i}"));
    }
    if !actor.recognised {
        notes.push("not recognised by any UN member".into());
    }
    if let Some(c) = &actor.attrs.capital {
        notes.push(format!("capital {} ({}, {})", c.name, c.lat, c.lon));
    }
    if let Some(m) = &actor.attrs.cinc {
        notes.push(format!("CINC {} in {} (COW NMC)", m.value, m.year));
    }
    if actor.attrs.major_power.is_some() {
        notes.push("a COW major power".into());
    }
    let mut props = vec![
        ("name", vec![actor.name.clone()]),
        ("alias", actor.aliases.clone()),
        (
            "description",
            actor.description.clone().into_iter().collect(),
        ),
        ("notes", notes),
    ];
    if actor.kind == ActorKind::Place {
        props.push(("level", vec!["locality".into()]));
    }
    entity(actor_entity_id(actor), schema(actor.kind), props)
}

/// A source as an FtM file: a seed post as an `Article`, a reference or
/// data set as a `Document` (FtM requires a `fileName`: the seed's file,
/// or the reference's id).
fn document(e: &EvidenceView) -> String {
    let (title, date, url, publisher, file, schema) = match e {
        EvidenceView::Seed {
            doc,
            doc_title,
            doc_date,
            file,
            ..
        } => (
            doc_title.clone().unwrap_or_else(|| doc.clone()),
            Some(doc_date.clone()),
            None,
            None,
            file.clone(),
            "Article",
        ),
        EvidenceView::Background {
            reference,
            title,
            date,
            url,
            publisher,
            ..
        } => (
            title.clone(),
            date.clone(),
            url.clone(),
            publisher.clone(),
            reference.clone(),
            "Document",
        ),
        EvidenceView::Dataset {
            reference,
            title,
            citation,
            ..
        } => (
            title.clone(),
            None,
            None,
            citation.clone(),
            reference.clone(),
            "Document",
        ),
    };
    entity(
        source_id(e),
        schema,
        vec![
            ("title", vec![title]),
            ("date", date.into_iter().collect()),
            ("sourceUrl", url.into_iter().collect()),
            ("publisher", publisher.into_iter().collect()),
            ("fileName", vec![file]),
        ],
    )
}

fn relation(g: &Graph, r: RelId) -> String {
    let rel = g.relation(r);
    let v = RelationView::new(g, r);
    let (schema, from, to) = link(g, rel);
    let mut desc: Vec<String> = vec![format!(
        "{} {} {}",
        v.from.name,
        g.rtype(rel).verb,
        v.to.name
    )];
    desc.extend(v.details());
    desc.extend(v.note.clone());
    let mut proof = Vec::new();
    let (mut rows, mut urls, mut publishers) = (Vec::new(), Vec::new(), Vec::new());
    for e in &v.evidence {
        proof.push(source_id(e));
        match e {
            EvidenceView::Seed { .. } => desc.push(format!("[{}] {}", v.status, e.short())),
            EvidenceView::Dataset { row, title, .. } => {
                rows.push(row.clone());
                publishers.push(title.clone());
            }
            EvidenceView::Background {
                url, title, note, ..
            } => {
                urls.extend(url.clone());
                publishers.push(title.clone());
                desc.extend(note.clone());
            }
        }
    }
    proof.dedup();
    publishers.sort();
    publishers.dedup();
    let role = match (&rel.role, schema) {
        (Some(role), _) => role.to_string(),
        (None, _) => rel.rtype.replace('_', " "),
    };
    entity(
        format!("casus-rel-{}", r.0),
        schema,
        vec![
            (from, vec![actor_entity_id(g.actor(rel.from))]),
            (to, vec![actor_entity_id(g.actor(rel.to))]),
            ("role", vec![role]),
            ("startDate", v.since.clone().into_iter().collect()),
            ("endDate", v.until.clone().into_iter().collect()),
            ("summary", vec![format!("status: {}", v.status)]),
            ("description", vec![desc.join("\n")]),
            ("recordId", rows),
            ("sourceUrl", urls),
            ("publisher", publishers),
            ("proof", proof),
        ],
    )
}

/// The entities, one JSON object a line: actors, sources, relations.
pub fn write(g: &Graph, sel: &Selection) -> String {
    let mut lines: Vec<String> = sel.actors.iter().map(|a| actor(g, *a)).collect();
    let sources: BTreeMap<String, EvidenceView> = statements(g, sel)
        .into_iter()
        .map(|s| (source_id(&s.evidence), s.evidence))
        .collect();
    lines.extend(sources.values().map(document));
    lines.extend(sel.relations.iter().map(|r| relation(g, *r)));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
