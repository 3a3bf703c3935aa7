//! An edit staged in memory: the directory's files as `toml_edit`
//! documents, new texts to copy in, the check against the merged graph
//! and the atomic writes.
//!
//! Invariant: nothing is written before [`Stage::commit`], and `commit`
//! writes the batch all or nothing through the edit journal
//! ([`super::journal`]) after checking that no file changed on disk since
//! it was read.

use super::{io_err, EditError};
use crate::load::{overlay, GraphRef, Loaded};
use indexmap::IndexMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// A file of the directory being edited: what was on disk, and the edit.
struct Staged {
    old: Option<Vec<u8>>,
    text: String,
}

pub(crate) struct Stage {
    dir: PathBuf,
    /// New files copied in (texts of sources), written first.
    raw: Vec<(String, Vec<u8>)>,
    /// TOML files, written in the order they were first touched.
    docs: IndexMap<String, Staged>,
}

impl Stage {
    pub(crate) fn new(dir: &Path) -> Stage {
        Stage {
            dir: dir.to_path_buf(),
            raw: Vec::new(),
            docs: IndexMap::new(),
        }
    }

    /// The staged text of `rel`, read on first use (empty if the file
    /// does not exist yet).
    fn staged(&mut self, rel: &str) -> Result<&mut Staged, EditError> {
        if !self.docs.contains_key(rel) {
            let path = self.dir.join(rel);
            let old = match std::fs::read(&path) {
                Ok(b) => Some(b),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(io_err(format!("reading {}", path.display()))(e)),
            };
            let text = String::from_utf8(old.clone().unwrap_or_default()).map_err(|_| {
                EditError::Toml {
                    file: path.display().to_string(),
                    message: "not UTF-8".into(),
                }
            })?;
            self.docs.insert(rel.to_string(), Staged { old, text });
        }
        Ok(&mut self.docs[rel])
    }

    /// Changes `rel` through `toml_edit`: comments, order and formatting
    /// of everything `change` does not touch stay as they are.
    pub(crate) fn edit<T>(
        &mut self,
        rel: &str,
        change: impl FnOnce(&mut DocumentMut) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let file = self.dir.join(rel).display().to_string();
        let staged = self.staged(rel)?;
        let mut doc = staged
            .text
            .parse::<DocumentMut>()
            .map_err(|e| EditError::Toml {
                file,
                message: e.to_string(),
            })?;
        let out = change(&mut doc)?;
        staged.text = doc.to_string();
        Ok(out)
    }

    /// Appends `table` as a new `[[name]]` at the end of `rel`, after a
    /// blank line; the text before it is kept byte for byte.
    pub(crate) fn push(&mut self, rel: &str, name: &str, table: Table) -> Result<(), EditError> {
        let mut piece = DocumentMut::new();
        let mut array = ArrayOfTables::new();
        array.push(table);
        piece.insert(name, Item::ArrayOfTables(array));
        let staged = self.staged(rel)?;
        if !staged.text.is_empty() {
            if !staged.text.ends_with('\n') {
                staged.text.push('\n');
            }
            staged.text.push('\n');
        }
        staged.text.push_str(&piece.to_string());
        Ok(())
    }

    /// A new file to copy into the directory (refused if it exists).
    pub(crate) fn copy_in(&mut self, rel: &str, bytes: Vec<u8>) {
        self.raw.push((rel.to_string(), bytes));
    }

    /// The staged texts, by full path under the canonical directory.
    fn overrides(&self) -> Result<HashMap<PathBuf, String>, EditError> {
        let canon = self
            .dir
            .canonicalize()
            .map_err(io_err(format!("reading {}", self.dir.display())))?;
        let texts = self
            .raw
            .iter()
            .map(|(rel, b)| (canon.join(rel), String::from_utf8_lossy(b).into_owned()));
        Ok(self
            .docs
            .iter()
            .map(|(rel, s)| (canon.join(rel), s.text.clone()))
            .chain(texts)
            .collect())
    }

    /// Loads the merged graph with the staged texts in place of the
    /// files; the loader's diagnostics if it does not load.
    pub(crate) fn check(&self, refs: &[GraphRef]) -> Result<Loaded, EditError> {
        let units = overlay::resolve_with(refs, &self.overrides()?)?;
        overlay::load_units(units)?.map_err(EditError::Invalid)
    }

    /// Writes the staged files, all or nothing (through the edit journal,
    /// see [`super::journal`]); returns their paths relative to the
    /// directory.
    pub(crate) fn commit(self) -> Result<Vec<String>, EditError> {
        for (rel, s) in &self.docs {
            let now = std::fs::read(self.dir.join(rel)).ok();
            if now != s.old {
                return Err(EditError::Changed(self.dir.join(rel).display().to_string()));
            }
        }
        if let Some((rel, _)) = self.raw.iter().find(|(rel, _)| self.dir.join(rel).exists()) {
            return Err(EditError::Changed(self.dir.join(rel).display().to_string()));
        }
        let files: Vec<(String, Vec<u8>)> = self
            .raw
            .into_iter()
            .chain(
                self.docs
                    .into_iter()
                    .map(|(rel, s)| (rel, s.text.into_bytes())),
            )
            .collect();
        super::journal::write_batch(&self.dir, &files)
            .map_err(io_err(format!("writing {}", self.dir.display())))?;
        Ok(files.into_iter().map(|(rel, _)| rel).collect())
    }
}
