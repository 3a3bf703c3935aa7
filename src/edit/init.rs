//! `casus init DIR`: a new graph directory that extends other graphs.
//!
//! Invariant: an existing non-empty directory is never written into; the
//! new directory appears whole (built beside it, loaded with its bases,
//! renamed into place) or not at all.

use super::{io_err, EditError};
use crate::load::{overlay, GraphRef, MANIFEST};
use std::path::Path;

const ACTORS: &str = "# Actors this graph adds to the ones it extends (casus add actor).\n# See docs/format.md for the fields.\n";
const SOURCES: &str = "# Articles (casus add source; their texts are in sources/) and public\n# references (casus add reference) this graph cites.\n";
const RELATIONS: &str = "# Facts this graph adds (casus add relation), each with its evidence: a\n# quote of a source, checked word for word, or a reference.\n";

/// The manifest of an overlay of `bases`.
fn manifest(bases: &[GraphRef]) -> Result<String, EditError> {
    let mut names = Vec::new();
    for b in bases {
        names.push(match b {
            GraphRef::Builtin => "builtin".to_string(),
            GraphRef::Dir(d) => d
                .canonicalize()
                .map_err(io_err(format!("reading {}", d.display())))?
                .display()
                .to_string(),
        });
    }
    let list: toml_edit::Array = names.iter().map(String::as_str).collect();
    Ok(format!(
        "# A graph of one's own (casus init). It is loaded together with the\n\
         # graphs it extends (\"builtin\": the graph built into casus; or\n\
         # directories), and may use their schema, actors, treaties and\n\
         # documents by id. `casus add`, `casus remove` and `casus edit`\n\
         # change the files beside this one; they may be edited by hand too.\n\
         extends = {list}\n"
    ))
}

/// Creates `dir` extending `bases` (the built-in graph when empty).
/// Returns the files written.
pub fn init(dir: &Path, bases: &[GraphRef]) -> Result<Vec<String>, EditError> {
    let bases = if bases.is_empty() {
        vec![GraphRef::Builtin]
    } else {
        bases.to_vec()
    };
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(EditError::NotFound(format!(
                "{} exists and is not empty; casus init starts a new directory",
                dir.display()
            )));
        }
    }
    let files = [
        (MANIFEST, manifest(&bases)?),
        ("actors.toml", ACTORS.to_string()),
        ("sources.toml", SOURCES.to_string()),
        ("relations.toml", RELATIONS.to_string()),
    ];
    crate::atomic::replace_dir(dir, |tmp| -> Result<(), EditError> {
        for (rel, text) in &files {
            std::fs::write(tmp.join(rel), text).map_err(io_err(format!("writing {rel}")))?;
        }
        let units = overlay::resolve(&[GraphRef::Dir(tmp.to_path_buf())])?;
        overlay::load_units(units)?.map_err(EditError::BrokenBefore)?;
        Ok(())
    })?;
    Ok(files.iter().map(|(r, _)| r.to_string()).collect())
}
