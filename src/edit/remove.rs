//! `casus remove relation KEY`: a relation of the directory removed by
//! its key, with the comments above it.
//!
//! Invariant: only a relation the edited directory itself holds is
//! removed; one of a base graph is refused (an overlay adds, it does not
//! rewrite its bases).

use super::{refs_for, stage::Stage, EditError};
use crate::load::GraphRef;
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table};

/// The graph files of `dir`, relative, in path order (as the loader reads them).
pub(crate) fn toml_files(dir: &Path) -> Result<Vec<String>, EditError> {
    let files = crate::load::GraphFiles::from_dir(dir)
        .map_err(super::io_err(format!("reading {}", dir.display())))?;
    let prefix = dir.display().to_string();
    Ok(files
        .toml
        .iter()
        .filter_map(|t| {
            t.name
                .strip_prefix(&prefix)
                .map(|r| r.trim_start_matches('/').to_string())
        })
        .filter(|r| r.ends_with(".toml"))
        .collect())
}

/// The index of the `[[name]]` table whose `field` is `value`, if any.
pub(crate) fn find_table(doc: &DocumentMut, name: &str, field: &str, value: &str) -> Option<usize> {
    doc.get(name)
        .and_then(Item::as_array_of_tables)?
        .iter()
        .position(|t| t.get(field).and_then(Item::as_str) == Some(value))
}

/// The file of `dir` whose `[[name]]` has `field = value`.
pub(crate) fn locate(
    dir: &Path,
    name: &str,
    field: &str,
    value: &str,
) -> Result<Option<String>, EditError> {
    for rel in toml_files(dir)? {
        let text = std::fs::read_to_string(dir.join(&rel))
            .map_err(super::io_err(format!("reading {rel}")))?;
        let Ok(doc) = text.parse::<DocumentMut>() else {
            continue;
        };
        if find_table(&doc, name, field, value).is_some() {
            return Ok(Some(rel));
        }
    }
    Ok(None)
}

/// What of a removed table's leading text belongs to what is above it:
/// everything up to its last blank line (comments right above the table
/// go with it; a file's header stays).
fn kept_prefix(prefix: &str) -> String {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    match lines.iter().rposition(|l| l.trim().is_empty()) {
        Some(e) => lines[..e].concat(),
        None => String::new(),
    }
}

/// Gives the text above `removed` that is not its own to the table that
/// now follows it in the file, or to the end of the file.
fn keep_leading_text(doc: &mut DocumentMut, removed: &Table) {
    let prefix = removed
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let keep = kept_prefix(prefix);
    if keep.is_empty() {
        return;
    }
    let at = removed.position().unwrap_or(isize::MAX);
    let mut next: Option<&mut Table> = None;
    for (_, item) in doc.as_table_mut().iter_mut() {
        let tables: Vec<&mut Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter_mut().collect(),
            _ => continue,
        };
        for t in tables {
            let p = t.position().unwrap_or(isize::MAX);
            if p > at
                && next
                    .as_ref()
                    .is_none_or(|n| p < n.position().unwrap_or(isize::MAX))
            {
                next = Some(t);
            }
        }
    }
    match next {
        Some(t) => {
            let old = t
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            t.decor_mut().set_prefix(format!("{keep}{old}"));
        }
        None => {
            let old = doc.trailing().as_str().unwrap_or("").to_string();
            doc.set_trailing(format!("{keep}{old}"));
        }
    }
}

/// Why `key` is not in `dir`: in another graph, or nowhere (did you mean).
fn not_here(bases: &[GraphRef], dir: &Path, key: &str) -> EditError {
    let keys: Vec<String> = match super::load_with(bases, dir) {
        Ok(l) => l
            .graph
            .relations
            .iter()
            .filter_map(|r| r.key.as_deref().map(str::to_string))
            .collect(),
        Err(e) => return e,
    };
    if keys.iter().any(|k| k == key) {
        return EditError::NotFound(format!(
            "relation `{key}` is in a graph that {} builds on, not in {} itself; it cannot be removed from here",
            dir.display(),
            dir.display()
        ));
    }
    let near = keys
        .iter()
        .map(|k| (strsim::jaro_winkler(k, key), k))
        .filter(|(s, _)| *s > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("; did you mean `{k}`?"))
        .unwrap_or_default();
    EditError::NotFound(format!("no relation has the key `{key}`{near}"))
}

/// Removes the relation `key` from the directory; checked against the
/// merged graph (a relation others cite by key, in a scenario or a
/// strike, still loads: scenarios are checked when they run). Returns the
/// file changed.
pub fn remove_relation(bases: &[GraphRef], dir: &Path, key: &str) -> Result<String, EditError> {
    let refs = refs_for(bases, dir);
    crate::load::load_graphs(&refs)?.map_err(EditError::BrokenBefore)?;
    let Some(rel) = locate(dir, "relation", "key", key)? else {
        return Err(not_here(bases, dir, key));
    };
    let mut stage = Stage::new(dir);
    stage.edit(&rel, |doc| {
        let i = find_table(doc, "relation", "key", key).expect("located above");
        let array = doc
            .get_mut("relation")
            .and_then(Item::as_array_of_tables_mut)
            .expect("located above");
        let removed = array.remove(i);
        keep_leading_text(doc, &removed);
        Ok(())
    })?;
    stage.check(&refs)?;
    stage.commit()?;
    Ok(rel)
}
