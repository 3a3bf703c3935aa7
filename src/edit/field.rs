//! `casus edit`: one field of an actor, relation, document or reference
//! of the directory set or removed, the rest of its file untouched.
//!
//! Invariant: the value is written with the type the format gives the
//! field (a list, a number, a flag or text), never guessed from how the
//! text looks; only items of the edited directory are changed.

use super::remove::{find_table, locate};
use super::{refs_for, stage::Stage, EditError};
use crate::load::GraphRef;
use std::path::Path;
use toml_edit::{Array, Item, Value};

/// What kind of item an edit changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Actor,
    Relation,
    Document,
    Reference,
}

impl ItemKind {
    fn table(self) -> &'static str {
        match self {
            ItemKind::Actor => "actor",
            ItemKind::Relation => "relation",
            ItemKind::Document => "document",
            ItemKind::Reference => "reference",
        }
    }

    fn id_field(self) -> &'static str {
        match self {
            ItemKind::Relation => "key",
            _ => "id",
        }
    }
}

/// One field to set (`value: Some`) or remove (`None`).
#[derive(Clone, Debug)]
pub struct FieldEdit {
    pub kind: ItemKind,
    /// The actor's, document's or reference's id, the relation's key.
    pub id: String,
    pub field: String,
    pub value: Option<String>,
}

/// Fields that hold lists (given comma-separated).
const LISTS: &[&str] = &[
    "aliases",
    "systems",
    "support",
    "rivalry",
    "denied_by",
    "claimed_by",
    "same_as",
    "regions",
];
/// Fields that hold whole numbers.
const NUMBERS: &[&str] = &["cow", "contiguity", "atop_id", "cow_id"];
/// Fields that hold true or false.
const FLAGS: &[&str] = &["recognised", "directed"];
/// Fields written as TOML (arrays of citations).
const TOML: &[&str] = &["evidence"];

/// The value of `field` as the format types it.
fn typed(field: &str, text: &str) -> Result<Value, String> {
    if LISTS.contains(&field) {
        let arr: Array = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        return Ok(Value::Array(arr));
    }
    if NUMBERS.contains(&field) {
        let n: i64 = text
            .trim()
            .parse()
            .map_err(|_| format!("`{field}` takes a whole number, not `{text}`"))?;
        return Ok(n.into());
    }
    if FLAGS.contains(&field) {
        let b: bool = text
            .trim()
            .parse()
            .map_err(|_| format!("`{field}` takes true or false, not `{text}`"))?;
        return Ok(b.into());
    }
    if TOML.contains(&field) {
        return text
            .parse::<Value>()
            .map_err(|e| format!("`{field}` takes TOML (e.g. [{{ reference = \"id\" }}]): {e}"));
    }
    Ok(text.into())
}

/// Sets or removes one field of an item of `dir`, checked against the
/// merged graph first. Returns the file changed.
pub fn edit_field(bases: &[GraphRef], dir: &Path, e: &FieldEdit) -> Result<String, EditError> {
    let refs = refs_for(bases, dir);
    let before = crate::load::load_graphs(&refs)?.map_err(EditError::BrokenBefore)?;
    let (table, idf) = (e.kind.table(), e.kind.id_field());
    let Some(rel) = locate(dir, table, idf, &e.id)? else {
        let g = &before.graph;
        let elsewhere = match e.kind {
            ItemKind::Actor => g.actor_by_id(&e.id).is_some(),
            ItemKind::Relation => g
                .relations
                .iter()
                .any(|r| r.key.as_deref() == Some(e.id.as_str())),
            ItemKind::Document => g.documents.contains_key(&e.id),
            ItemKind::Reference => g.references.contains_key(&e.id),
        };
        let why = if elsewhere {
            ": it is in a graph this one builds on, which an overlay does not change"
        } else {
            ""
        };
        return Err(EditError::NotFound(format!(
            "{} holds no [[{table}]] with {idf} = \"{}\"{why}",
            dir.display(),
            e.id
        )));
    };
    let value = match &e.value {
        Some(v) => Some(typed(&e.field, v).map_err(EditError::NotFound)?),
        None => None,
    };
    let mut stage = Stage::new(dir);
    stage.edit(&rel, |doc| {
        let i = find_table(doc, table, idf, &e.id).expect("located above");
        let t = doc
            .get_mut(table)
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|a| a.get_mut(i))
            .expect("located above");
        match value {
            Some(mut v) => match t.get_mut(&e.field).and_then(Item::as_value_mut) {
                Some(old) => {
                    *v.decor_mut() = old.decor().clone();
                    *old = v;
                }
                None => {
                    t.insert(&e.field, Item::Value(v));
                    // Citations stay last, as docs/format.md writes them.
                    if let Some((k, item)) = t.remove_entry("evidence") {
                        t.insert_formatted(&k, item);
                    }
                }
            },
            None => {
                t.remove(&e.field);
            }
        }
        Ok(())
    })?;
    stage.check(&refs)?;
    stage.commit()?;
    Ok(rel)
}
