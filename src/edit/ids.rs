//! Stable ids and keys for what an edit adds, and actor names resolved to
//! ids.
//!
//! Invariant: a generated key or id is never one the merged graph (or the
//! same batch) already uses.

use super::NewRelation;
use crate::model::Graph;
use std::collections::HashSet;

/// A stable id from a title or a name (`Turkey sends fighters` ->
/// `turkey-sends-fighters`); see [`crate::import::names::slug`].
pub fn slug(s: &str) -> String {
    crate::import::names::slug(s)
}

/// The id of the actor `query` names (id, name or alias) in `g`; the query
/// itself where none or several match, for the loader to diagnose.
pub(crate) fn actor_id(g: &Graph, query: &str) -> String {
    match g.find(query).found() {
        Some(a) => g.actor(a).id.clone(),
        None => query.to_string(),
    }
}

/// `base`, or `base-2`, `base-3`... : the first that is not `taken`.
pub(crate) fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|i| match i {
            1 => base.to_string(),
            _ => format!("{base}-{i}"),
        })
        .find(|k| !taken(k))
        .expect("some suffix is free")
}

/// The relation keys in use.
pub(crate) struct Keys(HashSet<String>);

impl Keys {
    pub(crate) fn of(g: &Graph) -> Keys {
        Keys(
            g.relations
                .iter()
                .filter_map(|r| r.key.as_deref().map(str::to_string))
                .collect(),
        )
    }

    /// `type-from-to[-date]`, with `-2`, `-3`... if taken; reserved.
    pub(crate) fn fresh(&mut self, r: &NewRelation, from: &str, to: &str) -> String {
        let when = r.date.as_deref().or(r.since.as_deref()).unwrap_or("");
        let base = slug(&format!("{} {from} {to} {when}", r.rel_type));
        let key = first_free(&base, |k| self.0.contains(k));
        self.0.insert(key.clone());
        key
    }
}
