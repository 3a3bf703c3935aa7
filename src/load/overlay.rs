//! Overlays: a graph directory that extends other graphs (the built-in
//! one, or any directory) names them in its `casus.toml`
//! (`extends = ["builtin"]`). An overlay is loaded *together with* its
//! bases, as one graph: it may use their schema, actors, treaties and
//! documents by id, and add to them. Several `--graph` are resolved here
//! into the units [`load_many`](super::load_many) merges: a graph that is a
//! base of an overlay in the list is loaded inside that overlay's unit,
//! not a second time on its own.
//!
//! Invariant: no graph directory is read twice into one unit, no cycle of
//! `extends` is followed, and nothing is written; the only I/O is reading
//! the manifests and the graph files.

use super::{load, load_many, GraphFiles, LoadError, Loaded};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file in an overlay directory that names what it extends.
pub const MANIFEST: &str = "casus.toml";

/// A graph to load: the built-in one or a directory.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GraphRef {
    Builtin,
    Dir(PathBuf),
}

impl GraphRef {
    /// `builtin` names the built-in graph unless a directory of that name
    /// exists (as `--graph builtin` does).
    pub fn parse(p: &Path) -> GraphRef {
        if p.as_os_str() == "builtin" && !p.is_dir() {
            GraphRef::Builtin
        } else {
            GraphRef::Dir(p.to_path_buf())
        }
    }

    /// The graphs of a command line: the built-in one when none is given.
    pub fn list(dirs: &[PathBuf]) -> Vec<GraphRef> {
        if dirs.is_empty() {
            return vec![GraphRef::Builtin];
        }
        dirs.iter().map(|d| GraphRef::parse(d)).collect()
    }

    /// For humans.
    pub fn describe(&self) -> String {
        match self {
            GraphRef::Builtin => {
                "built-in graph (graph/ and seeds/ of the casus repository)".into()
            }
            GraphRef::Dir(d) => d.display().to_string(),
        }
    }

    /// The same graph, whatever the spelling of its path.
    fn identity(&self) -> GraphRef {
        match self {
            GraphRef::Builtin => GraphRef::Builtin,
            GraphRef::Dir(d) => GraphRef::Dir(d.canonicalize().unwrap_or_else(|_| d.clone())),
        }
    }
}

/// Why the graphs could not be put together (before any loading).
#[derive(Debug, thiserror::Error)]
pub enum OverlayError {
    #[error("cannot read the graph directory {dir}: {source}")]
    Read {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Manifest {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{dir} extends itself through {chain}")]
    Cycle { dir: String, chain: String },
}

impl OverlayError {
    /// How to get past it.
    pub fn hint(&self) -> &'static str {
        match self {
            OverlayError::Read { .. } => "--graph DIR (or CASUS_GRAPH=DIR) names a directory of graph TOML files; `--graph builtin` or unsetting CASUS_GRAPH gives the built-in graph",
            OverlayError::Manifest { .. } => "casus.toml holds `extends = [\"builtin\"]`: the graphs this one builds on (\"builtin\" or directories, relative to this one)",
            OverlayError::Cycle { .. } => "remove one of the `extends` entries so that no graph extends itself",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    extends: Vec<String>,
}

/// What `dir/casus.toml` says `dir` extends (empty: no manifest), each
/// resolved against `dir`.
pub fn extends_of(dir: &Path) -> Result<Vec<GraphRef>, OverlayError> {
    let path = dir.join(MANIFEST);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(OverlayError::Read {
                dir: dir.to_path_buf(),
                source,
            })
        }
    };
    let m: Manifest = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, column) = super::line_col(&text, at);
        OverlayError::Manifest {
            file: path.display().to_string(),
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    Ok(m.extends
        .iter()
        .map(|b| match b.as_str() {
            "builtin" => GraphRef::Builtin,
            other => GraphRef::Dir(dir.join(other)),
        })
        .collect())
}

/// `r` after its bases, each base after its own: the layers of one unit.
fn chain(
    r: &GraphRef,
    stack: &mut Vec<GraphRef>,
    out: &mut Vec<GraphRef>,
) -> Result<(), OverlayError> {
    let id = r.identity();
    if stack.contains(&id) {
        let names: Vec<String> = stack.iter().map(GraphRef::describe).collect();
        return Err(OverlayError::Cycle {
            dir: r.describe(),
            chain: names.join(" -> "),
        });
    }
    if out.iter().any(|o| o.identity() == id) {
        return Ok(());
    }
    if let GraphRef::Dir(d) = r {
        stack.push(id.clone());
        for base in extends_of(d)? {
            chain(&base, stack, out)?;
        }
        stack.pop();
    }
    out.push(r.clone());
    Ok(())
}

/// The files of one graph, with `overrides` (full path -> text) in place
/// of what is on disk (new files are added).
fn files_of(
    r: &GraphRef,
    overrides: &HashMap<PathBuf, String>,
) -> Result<GraphFiles, OverlayError> {
    let dir = match r {
        GraphRef::Builtin => return Ok(GraphFiles::embedded()),
        GraphRef::Dir(d) => d,
    };
    let mut files = GraphFiles::from_dir(dir).or_else(|e| {
        // An overlay about to get its first file holds none yet.
        let canon = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        let pending = overrides.keys().any(|p| p.starts_with(&canon));
        if pending && e.kind() == std::io::ErrorKind::NotFound && dir.is_dir() {
            Ok(GraphFiles {
                origin: super::Origin::Dir(dir.clone()),
                toml: Vec::new(),
                problems: Vec::new(),
                layers: vec![(0, super::Origin::Dir(dir.clone()))],
                staged_documents: HashMap::new(),
            })
        } else {
            Err(OverlayError::Read {
                dir: dir.clone(),
                source: e,
            })
        }
    })?;
    let canon = dir.canonicalize().unwrap_or_else(|_| dir.clone());
    let mut pending: Vec<(&Path, &String)> = overrides
        .iter()
        .filter_map(|(p, t)| Some((p.strip_prefix(&canon).ok()?, t)))
        .collect();
    pending.sort();
    for (rel, text) in pending {
        if rel.extension().is_none_or(|e| e != "toml") {
            files.staged_documents.insert(dir.join(rel), text.clone());
            continue;
        }
        let name = dir.join(rel).display().to_string();
        match files.toml.iter_mut().find(|t| t.name == name) {
            Some(t) => *t = super::SourceText::new(name, text.as_str()),
            None => files.toml.push(super::SourceText::new(name, text.as_str())),
        }
    }
    Ok(files)
}

/// The units to load for `refs` (each a name and its files): an overlay
/// with its bases in one unit, and graphs that share a layer (two
/// overlays of the built-in graph, or an overlay and its base named
/// again) in one unit, each layer once.
pub fn resolve(refs: &[GraphRef]) -> Result<Vec<(String, GraphFiles)>, OverlayError> {
    resolve_with(refs, &HashMap::new())
}

/// [`resolve`] with some files' texts replaced (an edit being checked).
pub fn resolve_with(
    refs: &[GraphRef],
    overrides: &HashMap<PathBuf, String>,
) -> Result<Vec<(String, GraphFiles)>, OverlayError> {
    let mut units: Vec<Vec<GraphRef>> = Vec::new();
    for r in refs {
        let mut c = Vec::new();
        chain(r, &mut Vec::new(), &mut c)?;
        let ids: Vec<GraphRef> = c.iter().map(GraphRef::identity).collect();
        let shared = units
            .iter_mut()
            .find(|u| u.iter().any(|l| ids.contains(&l.identity())));
        match shared {
            Some(u) => {
                for l in c {
                    if !u.iter().any(|x| x.identity() == l.identity()) {
                        u.push(l);
                    }
                }
            }
            None => units.push(c),
        }
    }
    let mut out = Vec::new();
    for u in units {
        let mut files = files_of(&u[0], overrides)?;
        for layer in &u[1..] {
            files.extend(files_of(layer, overrides)?);
        }
        let name: Vec<String> = u.iter().map(GraphRef::describe).collect();
        out.push((name.join(" + "), files));
    }
    Ok(out)
}

/// Loads `refs` (overlays with their bases, several graphs merged); all
/// or nothing.
pub fn load_graphs(refs: &[GraphRef]) -> Result<Result<Loaded, LoadError>, OverlayError> {
    load_units(resolve(refs)?)
}

/// [`load_graphs`] that loads and checks every source, the built-in
/// graph's too, never its prebuilt form (`casus validate`).
pub fn load_graphs_checked(refs: &[GraphRef]) -> Result<Result<Loaded, LoadError>, OverlayError> {
    let mut units = resolve(refs)?;
    if units.len() == 1 {
        let (_, files) = units.remove(0);
        return Ok(super::load_checked(&files));
    }
    Ok(super::load_many_checked(&units))
}

/// Loads resolved units: one is loaded as it is, several are merged.
pub fn load_units(
    mut units: Vec<(String, GraphFiles)>,
) -> Result<Result<Loaded, LoadError>, OverlayError> {
    if units.len() == 1 {
        let (_, files) = units.remove(0);
        return Ok(load(&files));
    }
    Ok(load_many(&units))
}
