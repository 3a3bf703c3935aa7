//! The CSV layout of `neo4j-admin database import full`: `nodes.csv`
//! (`id:ID(Actor)`, `:LABEL` = `Actor;` and the kind's label, then the
//! actor attributes) and `relationships.csv` (`:START_ID(Actor)`,
//! `:END_ID(Actor)`, `:TYPE` by relation type, then the relation
//! attributes), with typed headers (`cow:int`, `recognised:boolean`).
//!
//! Invariant: RFC 4180 quoting (the `csv` crate: a field with a comma,
//! quote or line break is quoted, its quotes doubled), as neo4j-admin reads
//! it with `--multiline-fields=true`; no array columns, so no text is ever
//! split on the array delimiter.

use super::cypher::{label, rel_type};
use super::{actor_values, fact_values, AttrType, Value, ACTOR_ATTRS, FACT_ATTRS};
use crate::model::Graph;
use crate::render::Selection;

fn header(attrs: &'static [(&'static str, AttrType)]) -> impl Iterator<Item = String> {
    attrs.iter().map(|(n, t)| match t {
        AttrType::Str => n.to_string(),
        AttrType::Int => format!("{n}:long"),
        AttrType::Float => format!("{n}:double"),
        AttrType::Bool => format!("{n}:boolean"),
    })
}

fn cells(values: Vec<Option<Value>>) -> impl Iterator<Item = String> {
    values
        .into_iter()
        .map(|v| v.map(|v| v.to_string()).unwrap_or_default())
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// `nodes.csv` and `relationships.csv`.
pub fn write(g: &Graph, sel: &Selection) -> Vec<(String, String)> {
    let mut nodes = ::csv::Writer::from_writer(Vec::new());
    let head: Vec<String> = ["id:ID(Actor)".to_string(), ":LABEL".to_string()]
        .into_iter()
        .chain(header(ACTOR_ATTRS))
        .collect();
    nodes.write_record(&head).expect("writing to memory");
    for a in &sel.actors {
        let actor = g.actor(*a);
        let row: Vec<String> = [actor.id.clone(), format!("Actor;{}", label(actor.kind))]
            .into_iter()
            .chain(cells(actor_values(g, *a)))
            .collect();
        nodes.write_record(&row).expect("writing to memory");
    }
    let mut rels = ::csv::Writer::from_writer(Vec::new());
    let head: Vec<String> = [
        ":START_ID(Actor)".to_string(),
        ":END_ID(Actor)".to_string(),
        ":TYPE".to_string(),
        "casus_rel:long".to_string(),
    ]
    .into_iter()
    .chain(header(FACT_ATTRS))
    .collect();
    rels.write_record(&head).expect("writing to memory");
    for r in &sel.relations {
        let rel = g.relation(*r);
        let row: Vec<String> = [
            g.actor(rel.from).id.clone(),
            g.actor(rel.to).id.clone(),
            rel_type(&rel.rtype),
            r.0.to_string(),
        ]
        .into_iter()
        .chain(cells(fact_values(g, *r)))
        .collect();
        rels.write_record(&row).expect("writing to memory");
    }
    vec![
        ("nodes.csv".to_string(), finish(nodes)),
        ("relationships.csv".to_string(), finish(rels)),
    ]
}
