//! The TOML tables an edit appends, field by field in the order of
//! docs/format.md.
//!
//! Invariant: only fields that are given are written; no value is made
//! up (a missing status, date or note stays missing).

use super::{Evidence, NewActor, NewRelation};
use toml_edit::{value, Array, InlineTable, Table};

fn opt(t: &mut Table, k: &str, v: &Option<String>) {
    if let Some(v) = v {
        t.insert(k, value(v.as_str()));
    }
}

/// `[[actor]]`.
pub(crate) fn actor(a: &NewActor) -> Table {
    let mut t = Table::new();
    t.insert("id", value(a.id.as_str()));
    t.insert("name", value(a.name.as_str()));
    t.insert("kind", value(a.kind.as_str()));
    if !a.aliases.is_empty() {
        let arr: Array = a.aliases.iter().map(String::as_str).collect();
        t.insert("aliases", value(arr));
    }
    opt(&mut t, "iso3", &a.iso3);
    if let Some(c) = a.cow {
        t.insert("cow", value(i64::from(c)));
    }
    opt(&mut t, "description", &a.description);
    if !a.same_as.is_empty() {
        let arr: Array = a.same_as.iter().map(String::as_str).collect();
        t.insert("same_as", value(arr));
    }
    t
}

/// `[[relation]]`, with `from` and `to` already resolved to ids.
pub(crate) fn relation(r: &NewRelation, key: &str, from: &str, to: &str) -> Table {
    let mut t = Table::new();
    t.insert("key", value(key));
    t.insert("type", value(r.rel_type.as_str()));
    t.insert("from", value(from));
    t.insert("to", value(to));
    if !r.status.is_empty() {
        t.insert("status", value(r.status.as_str()));
    }
    opt(&mut t, "date", &r.date);
    opt(&mut t, "since", &r.since);
    opt(&mut t, "until", &r.until);
    opt(&mut t, "place", &r.place);
    opt(&mut t, "role", &r.role);
    opt(&mut t, "treaty", &r.treaty);
    opt(&mut t, "note", &r.note);
    let mut cite = InlineTable::new();
    match &r.evidence {
        Evidence::Quote { source, text } => {
            cite.insert("doc", source.as_str().into());
            cite.insert("quote", text.as_str().into());
        }
        Evidence::Reference(id) => {
            cite.insert("reference", id.as_str().into());
        }
        Evidence::Row { reference, row } => {
            cite.insert("reference", reference.as_str().into());
            cite.insert("row", row.as_str().into());
        }
        Evidence::Stated {
            source,
            text,
            stance,
            by,
        } => {
            cite.insert("doc", source.as_str().into());
            cite.insert("quote", text.as_str().into());
            cite.insert("stance", stance.as_str().into());
            if let Some(by) = by {
                cite.insert("by", by.as_str().into());
            }
        }
    }
    let mut evidence = Array::new();
    evidence.push(cite);
    t.insert("evidence", value(evidence));
    t
}
