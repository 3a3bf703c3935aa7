//! Editing an analyst's graph directory: `casus init`, `add`, `remove`,
//! `edit` (and `casus extract --apply`). Every edit is staged in memory
//! with `toml_edit` (the comments, order and formatting of the analyst's
//! files survive), checked by loading the whole merged graph with the
//! staged texts in place of the files (the loader's diagnostics, with
//! did-you-mean), and only then written, all files of the edit as one
//! batch through the edit journal ([`journal`]: the new files written
//! whole into `DIR/.casus-edit/`, then renamed into place; a load
//! finishes a batch a kill interrupted).
//!
//! Invariant: an edit the loader refuses writes nothing, and an
//! interrupted one is seen by every later load either not at all or
//! whole, never half-applied and never half-written. No file outside the
//! edited directory is ever written.

mod field;
mod ids;
mod init;
mod journal;
mod remove;
mod source;
mod stage;
mod tables;

pub use field::{edit_field, FieldEdit, ItemKind};
pub use ids::slug;
pub use init::init;
pub use journal::{recover, JOURNAL};
pub use remove::remove_relation;
pub use source::{add_reference, add_source, read_article, NewReference, NewSource, SourceAdded};

use crate::load::{GraphRef, LoadError, Loaded, OverlayError};
use stage::Stage;
use std::path::Path;

/// What a relation rests on: a verbatim quote of a document, or a
/// reference (a public source declared in the graph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    Quote {
        source: String,
        text: String,
    },
    Reference(String),
    /// A row of a data set the reference describes (`{ reference, row }`).
    Row {
        reference: String,
        row: String,
    },
    /// A quote read as a statement (docs/format.md, "Statements"): the
    /// grade this source gives the fact (`claims`, `denies`, ...) and who
    /// says it (an actor's id, name or alias; `None`: the narrator).
    Stated {
        source: String,
        text: String,
        stance: String,
        by: Option<String>,
    },
}

/// A relation to add, in the terms of docs/format.md. `from` and `to` may
/// be ids, names or aliases (resolved against the merged graph). An empty
/// `status` is not written (the loader derives it from a stated citation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRelation {
    pub rel_type: String,
    pub from: String,
    pub to: String,
    pub status: String,
    pub evidence: Evidence,
    pub since: Option<String>,
    pub until: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
    /// A stable key; `None`: derived from type, ends and date.
    pub key: Option<String>,
    /// Where it happened (an actor of kind place, territory or state: id,
    /// name or alias), for `attacks`.
    pub place: Option<String>,
    /// The office held, for `leader_of` / `official_of` ("president").
    pub role: Option<String>,
    /// The treaty that makes it an obligation (a treaty id).
    pub treaty: Option<String>,
}

/// An actor to add.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewActor {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub iso3: Option<String>,
    pub cow: Option<u16>,
    pub description: Option<String>,
    /// Its ids in other graphs, for merging.
    pub same_as: Vec<String>,
}

/// What [`add`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Added {
    /// The ids of the new actors.
    pub actors: Vec<String>,
    /// The keys of the new relations, in the order given.
    pub relations: Vec<String>,
    /// The files written, relative to the directory.
    pub files: Vec<String>,
}

/// Why an edit was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The graphs could not be put together (a directory or a manifest).
    #[error(transparent)]
    Overlay(#[from] OverlayError),
    /// The graph does not load even before the edit.
    #[error("the graph does not load as it is ({}); nothing was changed", problems(.0))]
    BrokenBefore(LoadError),
    /// The edited graph would not load: the loader's diagnostics.
    #[error("the edit was refused: the graph would not load with it ({}); nothing was changed", problems(.0))]
    Invalid(LoadError),
    /// A file of the directory is not TOML `toml_edit` can edit.
    #[error("{file}: {message}")]
    Toml { file: String, message: String },
    /// The item to change is not in the directory.
    #[error("{0}")]
    NotFound(String),
    /// A value of the wrong type for its field.
    #[error("{0}")]
    BadValue(String),
    /// `casus init` into a directory that holds files.
    #[error("{0} exists and is not empty; casus init starts a new directory")]
    NotEmpty(String),
    /// An article that cannot be a source (not UTF-8, too big).
    #[error("{file}: {message}")]
    Article { file: String, message: String },
    /// A file changed on disk while the edit was being checked.
    #[error(
        "{0} changed while the edit was being checked; nothing was changed, run the command again"
    )]
    Changed(String),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

impl EditError {
    /// The loader's diagnostics, for rendering, where there are some.
    pub fn load_error(&self) -> Option<&LoadError> {
        match self {
            EditError::BrokenBefore(e) | EditError::Invalid(e) => Some(e),
            _ => None,
        }
    }

    /// How to get past it.
    pub fn hint(&self) -> String {
        match self {
            EditError::Overlay(OverlayError::Read { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                "`casus init DIR` starts a graph of one's own; --graph names it for add, edit and remove".into()
            }
            EditError::Overlay(e) => e.hint().into(),
            EditError::BrokenBefore(_) => "fix the graph first: `casus validate --graph DIR` shows every problem".into(),
            EditError::Invalid(_) => "the diagnostics point at the edit as it would be written; correct the arguments and run again".into(),
            EditError::Toml { .. } => "fix the file's TOML (casus validate shows where)".into(),
            EditError::Article { .. } => "save the article as UTF-8 text (quotes are checked against it word for word)".into(),
            EditError::BadValue(_) => "docs/format.md gives each field's type".into(),
            EditError::NotEmpty(_) => "choose a new directory, or add to this one with --graph DIR if it is a graph".into(),
            EditError::NotFound(_) => "only what the directory itself holds can be changed or removed; `casus facts --format json --graph DIR` lists keys".into(),
            EditError::Changed(_) => "another program wrote the file at the same time".into(),
            EditError::Io { .. } => "check the directory's permissions and free space".into(),
        }
    }
}

fn problems(e: &LoadError) -> String {
    match e.diagnostics.len() {
        1 => "1 problem".into(),
        n => format!("{n} problems"),
    }
}

impl From<std::io::Error> for EditError {
    fn from(source: std::io::Error) -> EditError {
        EditError::Io {
            what: "writing the graph directory".into(),
            source,
        }
    }
}

pub(crate) fn io_err(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> EditError {
    let what = what.into();
    move |source| EditError::Io { what, source }
}

/// The graphs an edit of `dir` is checked against: `bases` and `dir`
/// (whose `casus.toml` brings its own bases).
fn refs_for(bases: &[GraphRef], dir: &Path) -> Vec<GraphRef> {
    let mut refs = bases.to_vec();
    let me = GraphRef::Dir(dir.to_path_buf());
    if !refs.contains(&me) {
        refs.push(me);
    }
    refs
}

/// Loads `bases` and `dir` together as they are on disk (an overlay with
/// its bases, several graphs merged): what `extract` reads names from.
pub fn load_with(bases: &[GraphRef], dir: &Path) -> Result<Loaded, EditError> {
    crate::load::load_graphs(&refs_for(bases, dir))?.map_err(EditError::BrokenBefore)
}

/// Adds `actors` and `relations` to the graph directory `dir`, everything
/// or nothing: the merged graph (`bases`, `dir` with its own bases, and
/// the additions) is loaded first, and only if it loads are the files
/// written (`actors.toml`, then `relations.toml`, each atomically, with
/// `toml_edit`). Returns the ids and keys written.
pub fn add(
    bases: &[GraphRef],
    dir: &Path,
    actors: &[NewActor],
    relations: &[NewRelation],
) -> Result<Added, EditError> {
    let refs = refs_for(bases, dir);
    let before = crate::load::load_graphs(&refs)?.map_err(EditError::BrokenBefore)?;
    let mut stage = Stage::new(dir);
    let mut added = Added::default();
    for a in actors {
        stage.push("actors.toml", "actor", tables::actor(a))?;
        added.actors.push(a.id.clone());
    }
    let mut keys = ids::Keys::of(&before.graph);
    for r in relations {
        let from = ids::actor_id(&before.graph, &r.from);
        let to = ids::actor_id(&before.graph, &r.to);
        let key = match &r.key {
            Some(k) => k.clone(),
            None => keys.fresh(r, &from, &to),
        };
        let mut r = r.clone();
        r.place = r.place.map(|p| ids::actor_id(&before.graph, &p));
        if let Evidence::Stated { by: Some(by), .. } = &mut r.evidence {
            *by = ids::actor_id(&before.graph, by);
        }
        stage.push(
            "relations.toml",
            "relation",
            tables::relation(&r, &key, &from, &to),
        )?;
        added.relations.push(key);
    }
    stage.check(&refs)?;
    added.files = stage.commit()?;
    Ok(added)
}
