//! Sources added to a graph directory: an article's text copied into
//! `sources/` with its `[[document]]` (`casus add source`), and a public
//! reference (`casus add reference`).
//!
//! Invariant: an article's text is copied byte for byte (quotes are
//! checked against exactly what was given); a text the merged graph
//! already holds is not added twice, its id is returned instead.

use super::{ids, io_err, refs_for, stage::Stage, EditError};
use crate::load::GraphRef;
use std::path::Path;
use toml_edit::{value, Table};

/// An article to add.
#[derive(Clone, Debug, Default)]
pub struct NewSource {
    /// The article's text, as read from its file.
    pub text: String,
    pub title: String,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// The id to give it; `None`: `DATE-title-words`.
    pub id: Option<String>,
}

/// A public reference to add (a treaty text, an official page, a data set).
#[derive(Clone, Debug, Default)]
pub struct NewReference {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub citation: Option<String>,
}

/// What [`add_source`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceAdded {
    pub id: String,
    /// The copied text, relative to the directory (`sources/ID.txt`).
    pub file: String,
    /// The graph already held this text (under `id`): nothing was written.
    pub existed: bool,
}

/// The id of a new source: its date and the first words of its title.
fn source_id(s: &NewSource) -> String {
    let words: Vec<&str> = s.title.split_whitespace().take(8).collect();
    ids::slug(&format!("{} {}", s.date, words.join(" ")))
}

/// Copies an article into `dir/sources/` and declares it in
/// `dir/sources.toml`, checked against the merged graph first.
pub fn add_source(bases: &[GraphRef], dir: &Path, s: &NewSource) -> Result<SourceAdded, EditError> {
    let refs = refs_for(bases, dir);
    let before = crate::load::load_graphs(&refs)?.map_err(EditError::BrokenBefore)?;
    let docs = &before.graph.documents;
    if let Some(d) = docs.values().find(|d| d.text == s.text) {
        return Ok(SourceAdded {
            id: d.id.clone(),
            file: d.file.clone(),
            existed: true,
        });
    }
    let base = s.id.clone().unwrap_or_else(|| source_id(s));
    let id = ids::first_free(&base, |k| {
        docs.contains_key(k) || dir.join(format!("sources/{k}.txt")).exists()
    });
    let file = format!("sources/{id}.txt");
    let mut t = Table::new();
    t.insert("id", value(id.as_str()));
    t.insert("file", value(file.as_str()));
    t.insert("title", value(s.title.as_str()));
    t.insert("date", value(s.date.as_str()));
    for (k, v) in [("url", &s.url), ("publisher", &s.publisher)] {
        if let Some(v) = v {
            t.insert(k, value(v.as_str()));
        }
    }
    let mut stage = Stage::new(dir);
    stage.copy_in(&file, s.text.clone().into_bytes());
    stage.push("sources.toml", "document", t)?;
    // The text is checked from memory (the loader reads staged documents).
    stage.check(&refs)?;
    stage.commit()?;
    Ok(SourceAdded {
        id,
        file,
        existed: false,
    })
}

/// Declares a public reference in `dir/sources.toml`.
pub fn add_reference(
    bases: &[GraphRef],
    dir: &Path,
    r: &NewReference,
) -> Result<String, EditError> {
    let refs = refs_for(bases, dir);
    crate::load::load_graphs(&refs)?.map_err(EditError::BrokenBefore)?;
    let mut t = Table::new();
    t.insert("id", value(r.id.as_str()));
    t.insert("title", value(r.title.as_str()));
    for (k, v) in [
        ("publisher", &r.publisher),
        ("date", &r.date),
        ("url", &r.url),
        ("citation", &r.citation),
    ] {
        if let Some(v) = v {
            t.insert(k, value(v.as_str()));
        }
    }
    let mut stage = Stage::new(dir);
    stage.push("sources.toml", "reference", t)?;
    stage.check(&refs)?;
    stage.commit()?;
    Ok(r.id.clone())
}

/// Reads an article file: UTF-8, at most the loader's size limit.
pub fn read_article(path: &Path) -> Result<String, EditError> {
    let bytes = std::fs::read(path).map_err(io_err(format!("reading {}", path.display())))?;
    let file = path.display().to_string();
    let limit = crate::load::read::max_file_bytes();
    if bytes.len() as u64 > limit {
        return Err(EditError::Article {
            file,
            message: format!(
                "{} bytes, more than the {limit} a document may have (CASUS_MAX_FILE_SIZE)",
                bytes.len()
            ),
        });
    }
    String::from_utf8(bytes).map_err(|e| EditError::Article {
        file,
        message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })
}
