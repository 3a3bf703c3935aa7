//! Export: the graph, or a selection of it, in the formats analysts' tools
//! read: GraphML (Gephi, NetworkX, igraph, yEd), GEXF with time intervals
//! (Gephi's timeline), Cypher and the CSV layout of
//! `neo4j-admin database import` (Neo4j), FollowTheMoney entities (Aleph,
//! the `ftm` tools), CSV tables for spreadsheets and casus's own JSON.
//! One file per format; this module holds what they share: the selection,
//! the attribute table of actors and facts, and the statement rows.
//!
//! Invariant: exporting does no I/O and never changes the graph; every
//! format writes the same actors and relations with the same attributes
//! (same graph and selection, same bytes); no fact is written without its
//! status and its sources.

pub mod cypher;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j_csv;
pub mod table;
pub mod toml;

use crate::model::*;
use crate::render::{select, RenderOptions, Selection};
use crate::view::{EvidenceView, RelationView};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Graphml,
    Gexf,
    Cypher,
    Neo4jCsv,
    Ftm,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Graphml,
        Format::Gexf,
        Format::Cypher,
        Format::Neo4jCsv,
        Format::Ftm,
        Format::Csv,
        Format::Json,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Cypher => "cypher",
            Format::Neo4jCsv => "neo4j-csv",
            Format::Ftm => "ftm",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// `true` for the formats that are several files (written into a directory).
    pub fn is_directory(self) -> bool {
        matches!(self, Format::Neo4jCsv | Format::Csv)
    }
}

/// What an export produces: named files (one, for the single-file formats).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub files: Vec<(String, String)>,
}

/// The actors and relations to export: with a focus, its ego network
/// (as `casus render` draws it); without one, every relation the filter
/// allows and the actors they touch, or, with no filter at all, every
/// actor of the graph, isolated ones included.
pub fn selection(g: &Graph, opts: &RenderOptions) -> Selection {
    let mut sel = select(g, opts);
    if opts.focus.is_empty() && opts.filter == crate::query::Filter::default() {
        sel.actors.extend(g.actor_ids());
    }
    sel
}

/// Exports the selection in `format`.
pub fn export(g: &Graph, sel: &Selection, format: Format) -> Output {
    let one = |name: &str, text: String| Output {
        files: vec![(name.to_string(), text)],
    };
    match format {
        Format::Graphml => one("casus.graphml", graphml::write(g, sel)),
        Format::Gexf => one("casus.gexf", gexf::write(g, sel)),
        Format::Cypher => one("casus.cypher", cypher::write(g, sel)),
        Format::Ftm => one("casus.ftm.json", ftm::write(g, sel)),
        Format::Json => one("casus.json", json::write(g, sel)),
        Format::Neo4jCsv => Output {
            files: neo4j_csv::write(g, sel),
        },
        Format::Csv => Output {
            files: table::write(g, sel),
        },
    }
}

/// The type of an attribute, as GraphML and GEXF declare it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    Str,
    Int,
    Float,
    Bool,
}

/// An attribute's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Every actor attribute, in order: name and type.
pub const ACTOR_ATTRS: &[(&str, AttrType)] = &[
    ("name", AttrType::Str),
    ("kind", AttrType::Str),
    ("iso3", AttrType::Str),
    ("cow", AttrType::Int),
    ("recognised", AttrType::Bool),
    ("aliases", AttrType::Str),
    ("description", AttrType::Str),
    ("capital", AttrType::Str),
    ("capital_lat", AttrType::Float),
    ("capital_lon", AttrType::Float),
    ("cinc", AttrType::Float),
    ("cinc_year", AttrType::Int),
    ("major_power", AttrType::Bool),
    ("sources", AttrType::Str),
];

/// Every relation attribute, in order: name and type.
pub const FACT_ATTRS: &[(&str, AttrType)] = &[
    ("type", AttrType::Str),
    ("category", AttrType::Str),
    ("sign", AttrType::Str),
    ("directed", AttrType::Bool),
    ("status", AttrType::Str),
    ("since", AttrType::Str),
    ("until", AttrType::Str),
    ("role", AttrType::Str),
    ("systems", AttrType::Str),
    ("support", AttrType::Str),
    ("place", AttrType::Str),
    ("treaty", AttrType::Str),
    ("claimed_by", AttrType::Str),
    ("denied_by", AttrType::Str),
    ("note", AttrType::Str),
    ("contiguity", AttrType::Int),
    ("rivalry", AttrType::Str),
    ("relation_key", AttrType::Str),
    ("citations", AttrType::Int),
    ("sources", AttrType::Str),
];

fn s(x: impl Into<String>) -> Option<Value> {
    let x = x.into();
    (!x.is_empty()).then_some(Value::Str(x))
}

/// One line per citation: `[status] source` (a statement's status is its
/// relation's until statements carry their own).
fn source_lines(g: &Graph, evidence: &[Citation], status: Option<Status>) -> String {
    evidence
        .iter()
        .map(|c| {
            let text = EvidenceView::new(g, c).short();
            match status {
                Some(st) => format!("[{st}] {text}"),
                None => text,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An actor's values, in the order of [`ACTOR_ATTRS`] (`None`: unknown).
pub fn actor_values(g: &Graph, a: ActorId) -> Vec<Option<Value>> {
    let actor = g.actor(a);
    vec![
        s(actor.name.clone()),
        s(actor.kind.as_str()),
        actor.iso3.clone().and_then(s),
        actor.cow.map(|c| Value::Int(c.into())),
        Some(Value::Bool(actor.recognised)),
        s(actor.aliases.join("; ")),
        actor.description.clone().and_then(s),
        actor.attrs.capital.as_ref().and_then(|c| s(c.name.clone())),
        actor.attrs.capital.as_ref().map(|c| Value::Float(c.lat)),
        actor.attrs.capital.as_ref().map(|c| Value::Float(c.lon)),
        actor.attrs.cinc.as_ref().map(|m| Value::Float(m.value)),
        actor.attrs.cinc.as_ref().map(|m| Value::Int(m.year.into())),
        (actor.kind == ActorKind::State).then_some(Value::Bool(actor.attrs.major_power.is_some())),
        s(source_lines(g, &actor_citations(actor), None)),
    ]
}

/// Every citation behind an actor: its card's, then its attributes'.
fn actor_citations(actor: &Actor) -> Vec<Citation> {
    let mut c = actor.evidence.clone();
    let a = &actor.attrs;
    c.extend(a.capital.as_ref().map(|x| x.evidence.clone()));
    c.extend(a.cinc.as_ref().map(|x| x.evidence.clone()));
    c.extend(a.major_power.clone());
    c
}

fn names(v: &[crate::view::ActorRef]) -> String {
    v.iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A relation's values, in the order of [`FACT_ATTRS`].
pub fn fact_values(g: &Graph, r: RelId) -> Vec<Option<Value>> {
    let v = RelationView::new(g, r);
    let rel = g.relation(r);
    let support: Vec<&str> = v.support.iter().map(|k| k.as_str()).collect();
    vec![
        s(v.rtype.clone()),
        s(v.category.clone()),
        s(v.sign.as_str()),
        Some(Value::Bool(v.directed)),
        s(v.status.as_str()),
        v.since.clone().and_then(s),
        v.until.clone().and_then(s),
        v.role.clone().and_then(s),
        s(v.systems.join("; ")),
        s(support.join("; ")),
        v.place.as_ref().and_then(|p| s(p.name.clone())),
        v.treaty.clone().and_then(s),
        s(names(&v.claimed_by)),
        s(names(&v.denied_by)),
        v.note.clone().and_then(s),
        rel.contiguity.map(|c| Value::Int(c.into())),
        s(rel
            .rivalry
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join("; ")),
        v.key.clone().and_then(s),
        Some(Value::Int(rel.evidence.len() as i64)),
        s(source_lines(g, &rel.evidence, Some(rel.status))),
    ]
}

/// One statement: a relation and one of its citations, with the status
/// the statement gives the fact (for now the relation's own).
#[derive(Clone, Debug)]
pub struct Statement {
    pub relation: RelId,
    /// 1-based number of the citation in the relation's evidence.
    pub number: usize,
    pub status: Status,
    pub evidence: EvidenceView,
}

/// Every statement of the selected relations, relation by relation.
pub fn statements(g: &Graph, sel: &Selection) -> Vec<Statement> {
    sel.relations
        .iter()
        .flat_map(|r| {
            let rel = g.relation(*r);
            rel.evidence
                .iter()
                .enumerate()
                .map(move |(i, c)| Statement {
                    relation: *r,
                    number: i + 1,
                    status: rel.status,
                    evidence: EvidenceView::new(g, c),
                })
        })
        .collect()
}

/// The parts of a piece of evidence a table shows: kind, source id,
/// title, quote, row, location, address, note.
pub struct EvidenceParts {
    pub kind: &'static str,
    pub source: String,
    pub title: String,
    pub quote: String,
    pub row: String,
    pub url: String,
    pub note: String,
    pub date: String,
}

impl EvidenceParts {
    pub fn new(e: &EvidenceView) -> EvidenceParts {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        match e {
            EvidenceView::Seed {
                doc,
                doc_title,
                doc_date,
                quote,
                line,
                column,
                ..
            } => EvidenceParts {
                kind: "seed",
                source: doc.clone(),
                title: opt(doc_title),
                quote: quote.clone(),
                row: format!("line {line}, column {column}"),
                url: String::new(),
                note: String::new(),
                date: doc_date.clone(),
            },
            EvidenceView::Background {
                reference,
                title,
                date,
                url,
                note,
                ..
            } => EvidenceParts {
                kind: "background",
                source: reference.clone(),
                title: title.clone(),
                quote: String::new(),
                row: String::new(),
                url: opt(url),
                note: opt(note),
                date: opt(date),
            },
            EvidenceView::Dataset {
                reference,
                title,
                row,
                ..
            } => EvidenceParts {
                kind: "dataset",
                source: reference.clone(),
                title: title.clone(),
                quote: String::new(),
                row: row.clone(),
                url: String::new(),
                note: String::new(),
                date: String::new(),
            },
        }
    }
}

/// Text for XML (GraphML, GEXF): the five entities escaped, line breaks
/// and tabs as character references (so attribute values keep them), and
/// the control characters XML 1.0 forbids dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(xml("a<b>&\"c'\n\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;");
    }

    #[test]
    fn values_line_up_with_their_attributes() {
        let g = GraphBuilder::example();
        let a = g.actor_ids().next().unwrap();
        assert_eq!(actor_values(&g, a).len(), ACTOR_ATTRS.len());
        let r = g.relation_ids().next().unwrap();
        assert_eq!(fact_values(&g, r).len(), FACT_ATTRS.len());
    }
}
