//! Loading a graph directory: TOML files in, a checked [`Graph`] out, or
//! every problem at once.
//!
//! Invariant: loading is all or nothing. No partially built graph ever
//! leaves this module; a graph with any error yields a [`LoadError`] that
//! lists every problem found, each at file:line:column with a hint.
//! The only I/O is reading the graph directory and the seed documents it
//! names (none at all for the embedded graph).

mod attrs;
pub mod builtin;
mod bulk;
mod diag;
mod domains;
mod embedded;
mod merge;
pub mod overlay;
pub mod quote;
mod raw;
pub mod read;
mod relations;
mod statements;

pub use diag::{line_col, render_diagnostics, Diagnostic, Level, LoadError, SourceText};
pub use embedded::{embedded_file, embedded_files};
pub use merge::{load_many, load_many_checked, MergeSummary};
pub use overlay::{load_graphs, load_graphs_checked, resolve, GraphRef, OverlayError, MANIFEST};

use crate::model::*;
use raw::*;
use serde::de::{Deserialize, IntoDeserializer};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Where the graph's files come from.
#[derive(Clone, Debug)]
pub enum Origin {
    /// The `graph/` and `seeds/` of this repository, compiled into the binary.
    Embedded,
    /// A directory on disk.
    Dir(PathBuf),
}

/// The TOML files of a graph, read and ready to load.
#[derive(Clone, Debug)]
pub struct GraphFiles {
    pub origin: Origin,
    /// The TOML files, in path order.
    pub toml: Vec<SourceText>,
    /// Files that could not be read (outside the directory, not a regular
    /// file, too big, not UTF-8): reported by [`load`] with the rest.
    pub problems: Vec<Diagnostic>,
    /// Where each layer's files begin in `toml` and where its documents
    /// are read from: one layer, or an overlay's bases then the overlay
    /// itself (see [`GraphFiles::extend`]).
    pub layers: Vec<(usize, Origin)>,
    /// Documents not yet on disk (an edit being checked), by the path the
    /// loader would read them from: read from here instead.
    pub staged_documents: HashMap<PathBuf, String>,
}

/// Files in a graph directory that are not part of the graph itself.
fn is_graph_file(rel: &str) -> bool {
    (rel.ends_with(".toml") || bulk::is_bulk(rel))
        && rel != "model.toml"
        && rel != overlay::MANIFEST
        && !rel.starts_with("scenarios/")
}

impl GraphFiles {
    /// The graph compiled into the binary.
    pub fn embedded() -> GraphFiles {
        let toml = GraphFiles::embedded_texts()
            .map(|(path, text)| SourceText::embedded(path, text))
            .collect();
        GraphFiles {
            origin: Origin::Embedded,
            toml,
            problems: Vec::new(),
            layers: vec![(0, Origin::Embedded)],
            staged_documents: HashMap::new(),
        }
    }

    /// The embedded graph files (path, text), in path order.
    fn embedded_texts() -> impl Iterator<Item = (&'static str, &'static str)> + Clone {
        embedded::FILES.iter().filter_map(|(path, text)| {
            let rel = path.strip_prefix("graph/")?;
            is_graph_file(rel).then_some((*path, *text))
        })
    }

    /// Reads every graph TOML file under `dir` (see docs/format.md), after
    /// finishing any edit batch a kill left in its journal
    /// ([`crate::edit::recover`]).
    pub fn from_dir(dir: &Path) -> std::io::Result<GraphFiles> {
        let meta = std::fs::metadata(dir)?;
        if !meta.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} is not a directory", dir.display()),
            ));
        }
        // A batch an interrupted edit left half-applied is finished first.
        crate::edit::recover(dir)?;
        let mut paths = Vec::new();
        walk(dir, dir, &mut paths)?;
        paths.sort();
        let mut toml = Vec::new();
        let mut problems = Vec::new();
        let roots = vec![dir.canonicalize()?];
        let limit = read::max_file_bytes();
        for rel in paths {
            if !is_graph_file(&rel) {
                continue;
            }
            let full = dir.join(&rel);
            match read::read_confined(&full, &roots, limit) {
                Ok(text) => toml.push(SourceText::new(full.display().to_string(), text)),
                Err(e) => problems.push(read_problem(&full, &e)),
            }
        }
        if toml.is_empty() && problems.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "{} holds no graph files (*.toml); see docs/format.md",
                    dir.display()
                ),
            ));
        }
        Ok(GraphFiles {
            origin: Origin::Dir(dir.to_path_buf()),
            toml,
            problems,
            layers: vec![(0, Origin::Dir(dir.to_path_buf()))],
            staged_documents: HashMap::new(),
        })
    }

    /// A graph from texts in memory (tests, generated graphs). Documents
    /// are looked up in the embedded seeds.
    pub fn from_texts(files: Vec<(String, String)>) -> GraphFiles {
        GraphFiles {
            origin: Origin::Embedded,
            toml: files
                .into_iter()
                .map(|(n, t)| SourceText::new(n, t))
                .collect(),
            problems: Vec::new(),
            layers: vec![(0, Origin::Embedded)],
            staged_documents: HashMap::new(),
        }
    }

    /// Appends the files of `other` (an overlay) after these (its bases):
    /// loaded together they are one graph, in which the overlay uses the
    /// bases' schema, actors, treaties and documents by id. Each file's
    /// documents are still read from its own layer's directory.
    pub fn extend(&mut self, other: GraphFiles) {
        let base = self.toml.len();
        self.layers
            .extend(other.layers.into_iter().map(|(i, o)| (base + i, o)));
        self.toml.extend(other.toml);
        self.problems.extend(other.problems);
        self.staged_documents.extend(other.staged_documents);
        self.origin = other.origin;
    }

    /// The origin of the `file`-th TOML file (its layer's; `origin` for
    /// files of one layer, which callers may set).
    fn origin_of(&self, file: usize) -> &Origin {
        if self.layers.len() <= 1 {
            return &self.origin;
        }
        self.layers
            .iter()
            .rev()
            .find(|(first, _)| *first <= file)
            .map_or(&self.origin, |(_, o)| o)
    }

    /// Reads a document named by `rel` in the `file`-th TOML file of this
    /// graph. The path is relative to the graph directory of that file's
    /// layer, wherever in it the file lies (docs/format.md).
    fn read_document(&self, file: usize, rel: &str) -> Result<SourceText, String> {
        match self.origin_of(file) {
            Origin::Embedded => {
                let path = normalise_path(&Path::new("graph").join(rel));
                embedded_file(&path)
                    .map(|t| SourceText::embedded(path.clone(), t))
                    .ok_or_else(|| format!("no document `{path}` is embedded"))
            }
            Origin::Dir(dir) => {
                let full = dir.join(rel);
                if let Some(text) = self.staged_documents.get(&full) {
                    return Ok(SourceText::new(normalise_path(&full), text.as_str()));
                }
                read::read_confined(&full, &read::allowed_roots(dir), read::max_file_bytes())
                    .map(|t| SourceText::new(normalise_path(&full), t))
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// A file of the graph directory that could not be read, as a diagnostic.
fn read_problem(full: &Path, e: &read::ReadError) -> Diagnostic {
    let (line, column, at) = e.position().unwrap_or((1, 1, 0));
    let hint = match e {
        read::ReadError::NotUtf8 { .. } => "save the file as UTF-8",
        read::ReadError::TooBig { .. } => {
            "a graph file this big is likely not one; bulk tables (docs/format.md) hold big graphs"
        }
        _ => "a graph directory holds regular TOML files inside it; remove or replace this one",
    };
    Diagnostic {
        level: Level::Error,
        file: full.display().to_string(),
        line,
        column,
        span: at..at,
        message: e.to_string(),
        hint: Some(hint.into()),
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// `graph/../seeds/a.txt` -> `seeds/a.txt`, without touching the disk.
fn normalise_path(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                if parts.last().is_some_and(|l| l != "..") {
                    parts.pop();
                } else {
                    parts.push("..".into());
                }
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if p.is_absolute() && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined.replace("//", "/")
    }
}

/// A loaded graph, with the warnings found and the texts read (for rendering them).
#[derive(Debug)]
pub struct Loaded {
    pub graph: Graph,
    pub warnings: Vec<Diagnostic>,
    pub sources: Vec<SourceText>,
    /// Where each item of the graph is written (indexes into `sources`),
    /// so that later checks (merging graphs) can point at it.
    pub spans: ItemSpans,
    /// For graphs loaded together with [`load_many`]: what the merge did.
    pub merge: Option<MergeSummary>,
}

/// A place in one of the loaded files: index into [`Loaded::sources`], byte range.
pub type At0 = (usize, Range<usize>);

/// Where the items of a loaded graph are written: actor `i` at `actors[i]`,
/// and so on; types, documents and references by name.
#[derive(Clone, Debug, Default)]
pub struct ItemSpans {
    pub actors: Vec<At0>,
    pub treaties: Vec<At0>,
    pub relations: Vec<At0>,
    pub types: HashMap<String, At0>,
    pub documents: HashMap<String, At0>,
    pub references: HashMap<String, At0>,
}

/// Loads the graph embedded in the binary.
///
/// ```
/// let loaded = casus::load::load_default().unwrap();
/// assert!(loaded.graph.find("Azeri").found().is_some());
/// ```
pub fn load_default() -> Result<Loaded, LoadError> {
    builtin_graph()
}

/// The built-in graph: prebuilt from its sources ([`builtin`]), or
/// loaded from them if the prebuilt form is stale.
pub fn builtin_graph() -> Result<Loaded, LoadError> {
    load(&builtin_sources())
}

/// The built-in graph's source files (`graph/` and the seeds it names),
/// as compiled into the binary: what `casus validate` checks and what an
/// export of the built-in graph as TOML writes out.
pub fn builtin_sources() -> GraphFiles {
    GraphFiles::embedded()
}

/// Loads a graph; all or nothing. The built-in graph's sources give the
/// graph prebuilt from them ([`builtin::prebuilt_for`]), the same as
/// [`load_checked`] gives, without parsing or checking them again.
pub fn load(files: &GraphFiles) -> Result<Loaded, LoadError> {
    match builtin::prebuilt_for(files) {
        Some(l) => Ok(l),
        None => load_checked(files),
    }
}

/// Loads and checks a graph from its files, every time; all or nothing.
pub fn load_checked(files: &GraphFiles) -> Result<Loaded, LoadError> {
    let mut l = Loader {
        files,
        diags: Vec::new(),
        sources: files.toml.clone(),
        items: Items::default(),
        broken_ids: HashSet::new(),
        spans: ItemSpans::default(),
        unparsed: false,
        broken_docs: HashSet::new(),
        unknown_actors: HashMap::new(),
    };
    l.diags.extend(files.problems.iter().cloned());
    // What an unread file declares is unknown: do not report references to it.
    l.unparsed = !files.problems.is_empty();
    l.parse_all();
    let graph = l.build();
    l.count_follow_ons();
    let (errors, warnings): (Vec<_>, Vec<_>) =
        l.diags.into_iter().partition(|d| d.level == Level::Error);
    if errors.is_empty() {
        Ok(Loaded {
            graph,
            warnings,
            sources: l.sources,
            spans: l.spans,
            merge: None,
        })
    } else {
        let mut diagnostics = errors;
        diagnostics.extend(warnings);
        Err(LoadError {
            diagnostics,
            sources: l.sources,
        })
    }
}

/// An item of a file: which file, and the value.
pub(crate) struct At<T> {
    pub(crate) file: usize,
    pub(crate) item: Spanned<T>,
}

#[derive(Default)]
pub(crate) struct Items {
    pub(crate) categories: Vec<At<RawCategory>>,
    pub(crate) types: Vec<At<RawType>>,
    pub(crate) documents: Vec<At<RawDocument>>,
    pub(crate) references: Vec<At<RawReference>>,
    pub(crate) actors: Chunks<At<RawActor>>,
    pub(crate) treaties: Vec<At<RawTreaty>>,
    pub(crate) relations: Chunks<At<RawRelation>>,
}

/// A sequence kept as the chunks it was parsed in (one per file): merging
/// the files' items moves no item, however big the graph. A chunk may be
/// lazy: its items are made one at a time when read by value (a bulk
/// relation table keeps only where each row is, not the raw rows).
pub(crate) struct Chunks<T>(Vec<Chunk<T>>);

/// Items made when read, by value only ([`Chunks::into_items`]).
pub(crate) struct Lazy<T> {
    len: usize,
    make: Box<dyn FnOnce() -> Box<dyn Iterator<Item = T>> + Send>,
}

pub(crate) enum Chunk<T> {
    Items(Vec<T>),
    Lazy(Lazy<T>),
}

impl<T> Chunk<T> {
    fn len(&self) -> usize {
        match self {
            Chunk::Items(v) => v.len(),
            Chunk::Lazy(l) => l.len,
        }
    }
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks(Vec::new())
    }
}

impl<T: 'static> Chunks<T> {
    pub(crate) fn push(&mut self, x: T) {
        match self.0.last_mut() {
            Some(Chunk::Items(last)) => last.push(x),
            _ => self.0.push(Chunk::Items(vec![x])),
        }
    }

    /// Room for exactly `n` more items in the last chunk: a file's table
    /// of known length grows no slack (a doubling vector of raw relations
    /// held up to twice their size until the graph was built).
    pub(crate) fn reserve_exact(&mut self, n: usize) {
        if !matches!(self.0.last(), Some(Chunk::Items(_))) {
            self.0.push(Chunk::Items(Vec::new()));
        }
        if let Some(Chunk::Items(v)) = self.0.last_mut() {
            v.reserve_exact(n);
        }
    }

    /// Appends `len` items that `make` makes when they are read.
    pub(crate) fn push_lazy<I: Iterator<Item = T> + 'static>(
        &mut self,
        len: usize,
        make: impl FnOnce() -> I + Send + 'static,
    ) {
        let make = Box::new(move || Box::new(make()) as Box<dyn Iterator<Item = T>>);
        self.0.push(Chunk::Lazy(Lazy { len, make }));
    }

    fn append(&mut self, o: &mut Chunks<T>) {
        self.0.extend(o.0.drain(..).filter(|c| c.len() > 0));
    }

    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(Chunk::len).sum()
    }

    /// The items made already (lazy chunks are read by value only, with
    /// [`Chunks::into_items`]).
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.iter().flat_map(|c| match c {
            Chunk::Items(v) => v.as_slice(),
            Chunk::Lazy(_) => &[],
        })
    }

    /// The items by value, each chunk freed once read (the raw rows of a
    /// big graph need not all live until the last one is built).
    pub(crate) fn into_items(self) -> impl Iterator<Item = T> {
        self.0.into_iter().flat_map(|c| match c {
            Chunk::Items(v) => Box::new(v.into_iter()) as Box<dyn Iterator<Item = T>>,
            Chunk::Lazy(l) => (l.make)(),
        })
    }
}

impl<'a, T: 'static> IntoIterator for &'a Chunks<T> {
    type Item = &'a T;
    type IntoIter = Box<dyn Iterator<Item = &'a T> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl Items {
    fn append(&mut self, mut o: Items) {
        self.categories.append(&mut o.categories);
        self.types.append(&mut o.types);
        self.documents.append(&mut o.documents);
        self.references.append(&mut o.references);
        self.actors.append(&mut o.actors);
        self.treaties.append(&mut o.treaties);
        self.relations.append(&mut o.relations);
    }
}

/// What parsing one file yields.
#[derive(Default)]
pub(crate) struct Parsed {
    pub(crate) items: Items,
    pub(crate) diags: Vec<Diagnostic>,
    /// Ids of actors whose table had an error.
    pub(crate) broken_ids: Vec<String>,
    /// The file did not parse at all.
    pub(crate) unparsed: bool,
}

/// Parses each file on its own thread pool slot; results in file order.
fn parse_files(sources: &[SourceText]) -> Vec<Parsed> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(sources.len());
    if workers <= 1 {
        return sources
            .iter()
            .enumerate()
            .map(|(fi, src)| parse_file(fi, src))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, Parsed)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let fi = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(src) = sources.get(fi) else { break };
                        mine.push((fi, parse_file(fi, src)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a parser thread panicked"))
            .collect()
    });
    out.sort_by_key(|(fi, _)| *fi);
    out.into_iter().map(|(_, p)| p).collect()
}

/// Parses one graph file: TOML, or a bulk TSV table (see [`bulk`]).
fn parse_file(fi: usize, src: &SourceText) -> Parsed {
    if bulk::is_bulk(&src.name) {
        return bulk::parse(fi, src);
    }
    let mut p = Parsed::default();
    let (table, errors) = DeTable::parse_recoverable(&src.text);
    if !errors.is_empty() {
        // After the first syntax error the parser's recovery mostly
        // reports consequences of it: show the first only.
        p.unparsed = true;
        for e in errors.into_iter().take(1) {
            let span = e.span().unwrap_or(0..0);
            p.diags.push(src.diag(
                Level::Error,
                span,
                format!("TOML syntax: {}", e.message().trim()),
                Some("see docs/format.md for the format; strings need quotes, tables [[relation]]".into()),
            ));
        }
        return p;
    }
    for (key, value) in table.into_inner() {
        let name = key.get_ref().to_string();
        let kspan = key.span();
        if !TABLES.contains(&name.as_str()) {
            let hint = match did_you_mean(&name, TABLES) {
                Some(s) => format!("did you mean [[{s}]]? A graph file holds [[category]], [[type]], [[document]], [[reference]], [[actor]], [[treaty]] and [[relation]] tables"),
                None => "a graph file holds [[category]], [[type]], [[document]], [[reference]], [[actor]], [[treaty]] and [[relation]] tables".into(),
            };
            p.diags.push(src.diag(
                Level::Error,
                kspan,
                format!("unknown table `{name}`"),
                Some(hint),
            ));
            continue;
        }
        let vspan = value.span();
        let DeValue::Array(arr) = value.into_inner() else {
            p.diags.push(src.diag(
                Level::Error,
                vspan,
                format!("`{name}` must be an array of tables"),
                Some(format!("write each entry as [[{name}]]")),
            ));
            continue;
        };
        match name.as_str() {
            "actor" => p.items.actors.reserve_exact(arr.len()),
            "relation" => p.items.relations.reserve_exact(arr.len()),
            _ => {}
        }
        for elem in arr {
            match name.as_str() {
                "category" => item(&mut p, src, fi, elem, &name, |i, a| i.categories.push(a)),
                "type" => item(&mut p, src, fi, elem, &name, |i, a| i.types.push(a)),
                "document" => item(&mut p, src, fi, elem, &name, |i, a| i.documents.push(a)),
                "reference" => item(&mut p, src, fi, elem, &name, |i, a| i.references.push(a)),
                "actor" => item(&mut p, src, fi, elem, &name, |i, a| i.actors.push(a)),
                "treaty" => item(&mut p, src, fi, elem, &name, |i, a| i.treaties.push(a)),
                _ => item(&mut p, src, fi, elem, &name, |i, a| i.relations.push(a)),
            }
        }
    }
    p
}

/// Deserialises one array element, reporting its error if any.
fn item<'de, T: Deserialize<'de>>(
    p: &mut Parsed,
    src: &SourceText,
    fi: usize,
    elem: Spanned<DeValue<'de>>,
    table: &str,
    push: impl FnOnce(&mut Items, At<T>),
) {
    let span = elem.span();
    let elem_id = if table == "actor" {
        elem.get_ref()
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(str::to_string)
    } else {
        None
    };
    match T::deserialize(elem.into_deserializer()) {
        Ok(v) => push(
            &mut p.items,
            At {
                file: fi,
                item: Spanned::new(span, v),
            },
        ),
        Err(e) => {
            if let Some(id) = elem_id {
                p.broken_ids.push(id);
            }
            let espan = e.span().unwrap_or(span.clone());
            let msg = plain_types(e.message().trim());
            let hint = if msg.contains("unknown field") {
                format!(
                    "check the spelling; the fields of [[{table}]] are listed in docs/format.md"
                )
            } else if msg.contains("missing field") {
                format!("every [[{table}]] needs this field; see docs/format.md")
            } else {
                format!("see docs/format.md for the fields of [[{table}]]")
            };
            p.diags.push(src.diag(
                Level::Error,
                espan,
                format!("in [[{table}]]: {msg}"),
                Some(hint),
            ));
        }
    }
}

/// serde's Rust type names (`expected u16`) in the words of docs/format.md.
pub fn plain_types(msg: &str) -> String {
    const PLAIN: [(&str, &str); 8] = [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected usize", "expected a whole number of at least 0"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
    ];
    let mut out = msg.to_string();
    for (rust, plain) in PLAIN {
        if let Some(at) = out.find(rust) {
            let end = at + rust.len();
            // Only the whole word: `expected u16`, not `expected u160`.
            if !out[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                out.replace_range(at..end, plain);
            }
        }
    }
    out
}

const TABLES: [&str; 7] = [
    "category",
    "type",
    "document",
    "reference",
    "actor",
    "treaty",
    "relation",
];

struct Loader<'f> {
    files: &'f GraphFiles,
    diags: Vec<Diagnostic>,
    sources: Vec<SourceText>,
    items: Items,
    /// Ids of actors whose table had an error: references to them are not
    /// reported again as unknown.
    broken_ids: HashSet<String>,
    spans: ItemSpans,
    /// A file did not parse: what it declares is unknown, so references to
    /// unknown names are not reported (they would mostly be consequences).
    unparsed: bool,
    /// Documents declared but not read: citing them is no further error.
    broken_docs: HashSet<String>,
    /// Unknown actor ids (and the slug forms of ids that are not slugs):
    /// the diagnostic reporting the cause, and how many further references
    /// were not reported.
    unknown_actors: HashMap<String, (usize, usize)>,
}

/// The closest candidate to `word`, if close enough to suggest.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let w = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &c.to_lowercase()), c))
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

impl<'f> Loader<'f> {
    fn err(
        &mut self,
        file: usize,
        span: Range<usize>,
        msg: impl Into<String>,
        hint: Option<String>,
    ) {
        let d = self.sources[file].diag(Level::Error, span, msg, hint);
        self.diags.push(d);
    }

    /// An unknown name: an error, unless a file failed to parse (it may declare it).
    fn err_ref(
        &mut self,
        file: usize,
        span: Range<usize>,
        msg: impl Into<String>,
        hint: Option<String>,
    ) {
        if !self.unparsed {
            self.err(file, span, msg, hint);
        }
    }

    fn warn(
        &mut self,
        file: usize,
        span: Range<usize>,
        msg: impl Into<String>,
        hint: Option<String>,
    ) {
        let d = self.sources[file].diag(Level::Warning, span, msg, hint);
        self.diags.push(d);
    }

    /// Says on the one error for an unknown actor how many references to
    /// it there are.
    fn count_follow_ons(&mut self) {
        for (id, (i, n)) in &self.unknown_actors {
            if *n > 0 {
                if let Some(d) = self.diags.get_mut(*i) {
                    d.message.push_str(&format!(
                        " ({n} more references to `{id}` are not reported)"
                    ));
                }
            }
        }
    }

    // ---------------------------------------------------------------- parsing

    /// Parses every file, in parallel (files are independent), and merges
    /// what each yields in path order, so that items and diagnostics come
    /// out in the same order as from a sequential parse.
    fn parse_all(&mut self) {
        let sources = &self.sources[..self.files.toml.len()];
        let parsed = parse_files(sources);
        for p in parsed {
            self.unparsed |= p.unparsed;
            self.diags.extend(p.diags);
            self.broken_ids.extend(p.broken_ids);
            self.items.append(p.items);
        }
    }

    // --------------------------------------------------------------- building

    fn date(&mut self, fi: usize, d: &Spanned<DateValue>) -> Option<PartialDate> {
        let text = d.get_ref().as_text();
        match text.parse::<PartialDate>() {
            Ok(p) => Some(p),
            Err(e) => {
                self.err(fi, d.span(), format!("bad date: {e}"), None);
                None
            }
        }
    }

    fn actor_ref(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        s: &Spanned<String>,
        what: &str,
    ) -> Option<ActorId> {
        let id = s.get_ref();
        if let Some(a) = b.actor_id(id) {
            return Some(a);
        }
        if self.broken_ids.contains(id) {
            // Its own table is already reported.
            return None;
        }
        if let Some((_, n)) = self.unknown_actors.get_mut(id) {
            // One unknown id is one error: the first reference reports it.
            *n += 1;
            return None;
        }
        if !self.unparsed {
            self.unknown_actors
                .insert(id.clone(), (self.diags.len(), 0));
        }
        // Refer by id; but help when the name or an alias was used.
        let norm = normalise_name(id);
        let by_name = b.actors().iter().find(|a| {
            normalise_name(&a.name) == norm || a.aliases.iter().any(|x| normalise_name(x) == norm)
        });
        let hint = if let Some(a) = by_name {
            Some(format!(
                "`{id}` is a name of actor `{}`; refer to actors by id: \"{}\"",
                a.id, a.id
            ))
        } else {
            did_you_mean(id, b.actors().iter().map(|a| a.id.as_str()))
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| Some("declare it in an [[actor]] table first (in a graph of one's own: `casus add actor`)".into()))
        };
        self.err_ref(fi, s.span(), format!("{what}: unknown actor `{id}`"), hint);
        None
    }

    fn citation(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        c: &Spanned<RawCitation>,
    ) -> Option<Citation> {
        let raw = c.get_ref();
        match (&raw.doc, &raw.quote, &raw.reference) {
            (Some(doc), Some(quote), None) => {
                if self.broken_docs.contains(doc.get_ref()) {
                    return None;
                }
                let Some(d) = b.documents.get(doc.get_ref()) else {
                    let hint = did_you_mean(doc.get_ref(), b.documents.keys().map(String::as_str))
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| "declare it in a [[document]] table".into());
                    self.err_ref(
                        fi,
                        doc.span(),
                        format!("unknown document `{}`", doc.get_ref()),
                        Some(hint),
                    );
                    return None;
                };
                if let Some(why) = quote::too_short(quote.get_ref()) {
                    self.err(
                        fi,
                        quote.span(),
                        format!("quote too short to be evidence: \"{}\"", quote.get_ref()),
                        Some(format!("{why}; extend it, word for word, from {}", d.file)),
                    );
                    return None;
                }
                match quote::find_quote(&d.text, quote.get_ref()) {
                    Ok(found) => {
                        let (line, column) = line_col(&d.text, found.start);
                        Some(Citation::Seed {
                            doc: doc.get_ref().as_str().into(),
                            quote: quote.get_ref().clone().into(),
                            line,
                            column,
                        })
                    }
                    Err(miss) => {
                        let hint = match (&miss.near, &miss.text_there) {
                            _ if miss.inside_word.is_some() => {
                                let (l, col) = line_col(&d.text, miss.inside_word.unwrap_or(0));
                                format!("it occurs at {}:{l}:{col}, but starts or ends inside a word; quote whole words", d.file)
                            }
                            (Some(at), Some(there)) if miss.matched_words > 0 => {
                                let (l, col) = line_col(&d.text, *at);
                                format!(
                                    "the first {} of {} words match {}:{l}:{col}, where the text reads: \"{there}\"",
                                    miss.matched_words, miss.total_words, d.file
                                )
                            }
                            _ => format!("no part of it occurs in {}; quote the text word for word, within one paragraph", d.file),
                        };
                        self.err(
                            fi,
                            quote.span(),
                            format!(
                                "quote not found in document `{}`: \"{}\"",
                                doc.get_ref(),
                                quote.get_ref()
                            ),
                            Some(hint),
                        );
                        None
                    }
                }
            }
            (None, None, Some(r)) => {
                if !b.references.contains_key(r.get_ref()) {
                    let hint = did_you_mean(r.get_ref(), b.references.keys().map(String::as_str))
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| "declare it in a [[reference]] table".into());
                    self.err_ref(
                        fi,
                        r.span(),
                        format!("unknown reference `{}`", r.get_ref()),
                        Some(hint),
                    );
                    return None;
                }
                Some(match &raw.row {
                    Some(row) => Citation::Dataset {
                        reference: r.get_ref().as_str().into(),
                        row: row.clone().into(),
                    },
                    None => Citation::Background {
                        reference: r.get_ref().as_str().into(),
                        note: raw.note.clone().map(Into::into),
                    },
                })
            }
            _ => {
                self.err(
                    fi,
                    c.span(),
                    "a citation is either { doc, quote } or { reference, note }",
                    Some("e.g. { doc = \"post-2020-10-01\", quote = \"...\" } or { reference = \"cst-1992\", note = \"Article 4\" }".into()),
                );
                None
            }
        }
    }

    fn citations(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        cs: &[Spanned<RawCitation>],
    ) -> Vec<Citation> {
        // Exactly as many as written: a relation usually has one or two,
        // and a collected iterator would reserve four.
        let mut out = Vec::with_capacity(cs.len());
        out.extend(cs.iter().filter_map(|c| self.citation(b, fi, c)));
        out
    }

    /// Builds the graph from the parsed items, in the order each step
    /// needs the ones before: schema, documents and references, actors,
    /// treaties, relations; then the checks that need the whole graph.
    fn build(&mut self) -> Graph {
        let mut items = std::mem::take(&mut self.items);
        let mut b = GraphBuilder::new(Schema::default());
        self.build_categories(&mut b, &items.categories);
        self.build_types(&mut b, &items.types);
        self.build_documents(&mut b, &items.documents);
        self.build_references(&mut b, &items.references);
        self.build_actors(&mut b, &items.actors);
        self.check_aliases(&b, &items);
        // The raw actors are read no more: free them before the relations
        // are built (a bulk world's actor rows took more than its graph).
        drop(std::mem::take(&mut items.actors));
        self.build_treaties(&mut b, &items.treaties);
        self.build_relations(&mut b, std::mem::take(&mut items.relations));
        let graph = b.build();
        self.check_part_of_cycles(&graph);
        graph
    }

    /// Declares the categories of relation types; a second declaration of
    /// a name is an error.
    fn build_categories(&mut self, b: &mut GraphBuilder, categories: &[At<RawCategory>]) {
        for At { file, item } in categories {
            let c = item.get_ref();
            let name = c.name.get_ref().clone();
            if b.schema.categories.contains_key(&name) {
                self.err(
                    *file,
                    c.name.span(),
                    format!("category `{name}` is declared twice"),
                    None,
                );
                continue;
            }
            b.schema.categories.insert(
                name.clone(),
                Category {
                    name,
                    description: c.description.clone(),
                    color: c.color.clone().unwrap_or_else(|| "gray40".into()),
                },
            );
        }
    }

    /// Declares the relation types with their domains; a type declared
    /// twice, with an unknown sign or an unknown category is left out.
    fn build_types(&mut self, b: &mut GraphBuilder, types: &[At<RawType>]) {
        for At { file, item } in types {
            let t = item.get_ref();
            let name = t.name.get_ref().clone();
            if b.schema.types.contains_key(&name) {
                self.err(
                    *file,
                    t.name.span(),
                    format!("relation type `{name}` is declared twice"),
                    None,
                );
                continue;
            }
            let Some(sign) = self.sign(*file, t) else {
                continue;
            };
            if !self.known_category(b, *file, t) {
                continue;
            }
            self.spans
                .types
                .insert(name.clone(), (*file, t.name.span()));
            let domain = self.domain(*file, t);
            if domain != Domain::default() {
                b.schema.domains.insert(name.clone(), domain);
            }
            b.schema.types.insert(
                name.clone(),
                RelationType {
                    verb: t.verb.clone().unwrap_or_else(|| name.replace('_', " ")),
                    name,
                    directed: t.directed,
                    sign,
                    category: t.category.get_ref().clone(),
                    description: t.description.clone(),
                },
            );
        }
    }

    /// A type's sign, or `None` (reported) if it is not one of the three.
    fn sign(&mut self, fi: usize, t: &RawType) -> Option<Sign> {
        match t.sign.get_ref().as_str() {
            "friendly" => Some(Sign::Friendly),
            "hostile" => Some(Sign::Hostile),
            "neutral" => Some(Sign::Neutral),
            other => {
                self.err(
                    fi,
                    t.sign.span(),
                    format!("unknown sign `{other}`"),
                    Some("use friendly, hostile or neutral".into()),
                );
                None
            }
        }
    }

    /// Whether a type's category is declared; if not, reported with the
    /// closest declared one.
    fn known_category(&mut self, b: &GraphBuilder, fi: usize, t: &RawType) -> bool {
        if b.schema.categories.contains_key(t.category.get_ref()) {
            return true;
        }
        let hint = did_you_mean(
            t.category.get_ref(),
            b.schema.categories.keys().map(String::as_str),
        )
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| "declare it in a [[category]] table".into());
        self.err_ref(
            fi,
            t.category.span(),
            format!("unknown category `{}`", t.category.get_ref()),
            Some(hint),
        );
        false
    }

    /// Declares the seed documents, reading each one's text; a document
    /// that cannot be read is reported once and its citations are not.
    fn build_documents(&mut self, b: &mut GraphBuilder, documents: &[At<RawDocument>]) {
        for At { file, item } in documents {
            let d = item.get_ref();
            let id = d.id.get_ref().clone();
            if b.documents.contains_key(&id) {
                self.err(
                    *file,
                    d.id.span(),
                    format!("document `{id}` is declared twice"),
                    None,
                );
                continue;
            }
            let date = self.date(*file, &d.date);
            let text = match self.files.read_document(*file, d.file.get_ref()) {
                Ok(src) => {
                    let t = src.text.to_string();
                    self.sources.push(src);
                    t
                }
                Err(e) => {
                    self.err(*file, d.file.span(), format!("document `{id}`: {e}"), Some("the path is relative to the graph directory, e.g. ../seeds/2020-09-27-....txt".into()));
                    // Its citations are not reported again as unknown.
                    self.broken_docs.insert(id);
                    continue;
                }
            };
            let Some(date) = date else { continue };
            self.spans
                .documents
                .insert(id.clone(), (*file, d.id.span()));
            b.documents.insert(
                id.clone(),
                Document {
                    id,
                    file: d.file.get_ref().clone(),
                    title: d.title.clone(),
                    date,
                    date_note: d.date_note.clone(),
                    url: d.url.clone(),
                    publisher: d.publisher.clone(),
                    text,
                },
            );
        }
    }

    /// Declares the background references (cited publications, data sets).
    fn build_references(&mut self, b: &mut GraphBuilder, references: &[At<RawReference>]) {
        for At { file, item } in references {
            let r = item.get_ref();
            let id = r.id.get_ref().clone();
            if b.references.contains_key(&id) {
                self.err(
                    *file,
                    r.id.span(),
                    format!("reference `{id}` is declared twice"),
                    None,
                );
                continue;
            }
            let date = r.date.as_ref().and_then(|d| self.date(*file, d));
            self.spans
                .references
                .insert(id.clone(), (*file, r.id.span()));
            b.references.insert(
                id.clone(),
                Reference {
                    id,
                    title: r.title.clone(),
                    publisher: r.publisher.clone(),
                    date,
                    url: r.url.clone(),
                    citation: r.citation.clone(),
                },
            );
        }
    }

    /// Declares the actors, then resolves each declared one's evidence, in
    /// the same order.
    fn build_actors(&mut self, b: &mut GraphBuilder, actors: &Chunks<At<RawActor>>) {
        let mut actor_evidence: Vec<(ActorId, usize, &[Spanned<RawCitation>])> = Vec::new();
        for At { file, item } in actors {
            let a = item.get_ref();
            let Some(actor) = self.actor(b, *file, a) else {
                continue;
            };
            match b.add_actor(actor) {
                Ok(aid) => {
                    self.spans.actors.push((*file, a.id.span()));
                    actor_evidence.push((aid, *file, &a.evidence))
                }
                Err(_) => self.err(
                    *file,
                    a.id.span(),
                    format!("actor `{}` is declared twice", a.id.get_ref()),
                    Some("actor ids must be unique across all files".into()),
                ),
            }
        }
        for (aid, file, ev) in actor_evidence {
            let cites = self.citations(b, file, ev);
            self.no_statements(file, ev, "an actor's");
            let mut builder_actor = b.actors()[aid.index()].clone();
            builder_actor.evidence = cites;
            b.set_actor(aid, builder_actor);
        }
    }

    /// An actor as written (its evidence still empty), each problem of its
    /// id, codes and attributes reported; `None` if its kind is unknown.
    fn actor(&mut self, b: &GraphBuilder, fi: usize, a: &RawActor) -> Option<Actor> {
        let id = a.id.get_ref().clone();
        self.check_actor_id(fi, a);
        let Some(kind) = ActorKind::parse(a.kind.get_ref()) else {
            let kinds: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
            self.err(
                fi,
                a.kind.span(),
                format!("unknown actor kind `{}`", a.kind.get_ref()),
                Some(format!("use one of {}", kinds.join(", "))),
            );
            return None;
        };
        self.check_iso3(fi, a);
        let recognised = a.recognised.unwrap_or(true);
        if kind == ActorKind::State && recognised && a.iso3.is_none() && a.cow.is_none() {
            // A historical state has a COW code but no ISO code (Austria-Hungary);
            // one code is enough to match imported data to it.
            self.warn(fi, a.id.span(), format!("state `{id}` has neither an ISO 3166 alpha-3 code (iso3) nor a Correlates of War code (cow)"), Some("states carry iso3 and cow codes so that imported data and other graphs can be matched to them".into()));
        }
        let attrs = self.attrs(b, fi, kind, a.attrs.as_ref());
        Some(Actor {
            id,
            name: a.name.get_ref().clone(),
            kind,
            aliases: a.aliases.iter().map(|s| s.get_ref().clone()).collect(),
            recognised,
            card: ActorCard {
                iso3: a.iso3.as_ref().map(|s| s.get_ref().clone()),
                cow: a.cow.as_ref().map(|s| *s.get_ref()),
                description: a.description.clone(),
                evidence: Vec::new(),
                attrs,
                same_as: a.same_as.iter().map(|s| s.get_ref().clone()).collect(),
            }
            .into(),
        })
    }

    /// Reports an actor id that is not a slug; references to its slug form
    /// are then consequences, not reported again.
    fn check_actor_id(&mut self, fi: usize, a: &RawActor) {
        let id = a.id.get_ref();
        if is_slug(id) {
            return;
        }
        let slug = id.trim().to_lowercase().replace([' ', '_'], "-");
        self.unknown_actors.insert(slug, (self.diags.len(), 0));
        self.err(
            fi,
            a.id.span(),
            format!("actor id `{id}` is not a slug"),
            Some("use lower-case letters, digits and hyphens, e.g. \"nagorno-karabakh\"".into()),
        );
    }

    /// Reports an `iso3` that is not three upper-case letters.
    fn check_iso3(&mut self, fi: usize, a: &RawActor) {
        let Some(iso) = &a.iso3 else { return };
        let s = iso.get_ref();
        if s.len() != 3 || !s.bytes().all(|c| c.is_ascii_uppercase()) {
            self.err(
                fi,
                iso.span(),
                format!("`{s}` is not an ISO 3166-1 alpha-3 code"),
                Some("three upper-case letters, e.g. \"AZE\"".into()),
            );
        }
    }

    /// Declares the treaties; a second declaration of an id is an error.
    fn build_treaties(&mut self, b: &mut GraphBuilder, treaties: &[At<RawTreaty>]) {
        for At { file, item } in treaties {
            let t = item.get_ref();
            let treaty = self.treaty(b, *file, t);
            if b.add_treaty(treaty).is_ok() {
                self.spans.treaties.push((*file, t.id.span()));
            } else {
                self.err(
                    *file,
                    t.id.span(),
                    format!("treaty `{}` is declared twice", t.id.get_ref()),
                    None,
                );
            }
        }
    }

    /// A treaty as written, with its obligations, dates and evidence; each
    /// problem reported (a treaty without obligations is a warning, one
    /// without evidence an error).
    fn treaty(&mut self, b: &GraphBuilder, fi: usize, t: &RawTreaty) -> Treaty {
        let id = t.id.get_ref();
        let mut obligations = Vec::new();
        for o in &t.obligation {
            if let Some(ob) = self.obligation(b, fi, o) {
                obligations.push(ob);
            }
        }
        if t.obligation.is_empty() {
            self.warn(
                fi,
                t.id.span(),
                format!("treaty `{id}` has no [[treaty.obligation]]"),
                Some("say what it obliges its parties to do, e.g. kind = \"defence\"".into()),
            );
        }
        let signed = t.signed.as_ref().and_then(|d| self.date(fi, d));
        let in_force = t.in_force.as_ref().and_then(|d| self.date(fi, d));
        let until = t.until.as_ref().and_then(|d| self.date(fi, d));
        let evidence = self.citations(b, fi, &t.evidence);
        self.no_statements(fi, &t.evidence, "a treaty's");
        if t.evidence.is_empty() {
            self.err(
                fi,
                t.id.span(),
                format!("treaty `{id}` has no evidence"),
                Some("cite the treaty text: evidence = [{ reference = \"...\" }]".into()),
            );
        }
        Treaty {
            id: id.clone(),
            name: t.name.clone(),
            signed,
            in_force,
            until,
            obligations,
            atop_id: t.atop_id,
            cow_id: t.cow_id,
            evidence,
            note: t.note.clone(),
        }
    }

    fn obligation(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        o: &Spanned<RawObligation>,
    ) -> Option<Obligation> {
        let raw = o.get_ref();
        let kind = match raw.kind.get_ref().as_str() {
            "defence" | "defense" => ObligationKind::Defence,
            "offence" | "offense" => ObligationKind::Offence,
            "neutrality" => ObligationKind::Neutrality,
            "non_aggression" => ObligationKind::NonAggression,
            "consultation" => ObligationKind::Consultation,
            other => {
                self.err(
                    fi,
                    raw.kind.span(),
                    format!("unknown obligation kind `{other}`"),
                    Some("use defence, offence, neutrality, non_aggression or consultation".into()),
                );
                return None;
            }
        };
        let regions: Vec<ActorId> = raw
            .regions
            .iter()
            .filter_map(|s| self.actor_ref(b, fi, s, "regions"))
            .collect();
        let scope = match raw.scope.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None | Some(("anywhere", _)) => Scope::Anywhere,
            Some(("recognised_territory", _)) => Scope::RecognisedTerritory,
            Some(("regions", span)) => {
                if raw.regions.is_empty() {
                    self.err(
                        fi,
                        span,
                        "scope = \"regions\" names no regions",
                        Some(
                            "add regions = [\"...\"] with actor ids of territories or places"
                                .into(),
                        ),
                    );
                }
                Scope::Regions { regions }
            }
            Some((other, span)) => {
                self.err(
                    fi,
                    span,
                    format!("unknown scope `{other}`"),
                    Some("use anywhere, recognised_territory or regions".into()),
                );
                return None;
            }
        };
        let min_severity = match &raw.min_severity {
            None => Severity::Incident,
            Some(s) => match Severity::parse(s.get_ref()) {
                Some(v) => v,
                None => {
                    self.err(
                        fi,
                        s.span(),
                        format!("unknown severity `{}`", s.get_ref()),
                        Some("use incident, sustained or occupation".into()),
                    );
                    return None;
                }
            },
        };
        let adversaries = raw
            .adversaries
            .iter()
            .filter_map(|s| self.actor_ref(b, fi, s, "adversaries"))
            .collect();
        Some(Obligation {
            kind,
            trigger: raw
                .trigger
                .clone()
                .unwrap_or_else(|| "armed attack on a party".into()),
            scope,
            defensive_only: raw
                .defensive_only
                .unwrap_or(kind == ObligationKind::Defence),
            min_severity,
            adversaries,
            min_attackers: raw.min_attackers,
            consultation_only: raw.consultation_only || kind == ObligationKind::Consultation,
        })
    }

    /// An alias shared by two actors makes lookups ambiguous: warn.
    fn check_aliases(&mut self, b: &GraphBuilder, items: &Items) {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for At { file, item } in &items.actors {
            let a = item.get_ref();
            for alias in a.aliases.iter().chain(std::iter::once(&a.name)) {
                let key = normalise_name(alias.get_ref());
                match owner.get(&key) {
                    Some(other) if *other != a.id.get_ref() && b.actor_id(other).is_some() => {
                        self.warn(
                            *file,
                            alias.span(),
                            format!(
                                "`{}` names both `{other}` and `{}`",
                                alias.get_ref(),
                                a.id.get_ref()
                            ),
                            Some(
                                "an ambiguous name cannot be used to look an actor up; drop one"
                                    .into(),
                            ),
                        );
                    }
                    _ => {
                        owner.insert(key, a.id.get_ref());
                    }
                }
            }
        }
    }

    fn check_part_of_cycles(&mut self, g: &Graph) {
        // Each actor's parent, as `Graph::parent` has it (its first
        // `part_of` relation), computed once for the whole graph: walking
        // `Graph::parent` from every actor costs the degree of every hub on
        // the way, for every place inside it.
        let n = g.actors.len();
        let mut parent: Vec<Option<ActorId>> = vec![None; n];
        for r in &g.relations {
            if r.rtype == "part_of" && parent[r.from.index()].is_none() {
                parent[r.from.index()] = Some(r.to);
            }
        }
        // Every cycle of the parent function, found once: 0 unvisited,
        // 1 on the current walk, 2 done.
        let mut state = vec![0u8; n];
        let mut cycles: Vec<Vec<ActorId>> = Vec::new();
        let mut walk: Vec<ActorId> = Vec::new();
        for start in g.actor_ids() {
            if state[start.index()] != 0 {
                continue;
            }
            walk.clear();
            let mut cur = Some(start);
            while let Some(c) = cur {
                match state[c.index()] {
                    0 => {
                        state[c.index()] = 1;
                        walk.push(c);
                        cur = parent[c.index()];
                    }
                    1 => {
                        let at = walk.iter().position(|a| *a == c).expect("on the walk");
                        cycles.push(walk[at..].to_vec());
                        break;
                    }
                    _ => break,
                }
            }
            for a in &walk {
                state[a.index()] = 2;
            }
        }
        // Report once per cycle, at the relation leaving its smallest actor,
        // listing the cycle from there; in order of that actor.
        let mut reports: Vec<(ActorId, Vec<ActorId>)> = cycles
            .into_iter()
            .map(|c| {
                let (i, min) = c
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, a)| **a)
                    .expect("non-empty");
                let mut names: Vec<ActorId> = c[i..].iter().chain(&c[..i]).copied().collect();
                names.push(*min);
                (*min, names)
            })
            .collect();
        reports.sort();
        for (start, cycle) in reports {
            let names: Vec<&str> = cycle.iter().map(|a| g.actor(*a).id.as_str()).collect();
            // Where the first `part_of` of the cycle's start is written.
            let at = g
                .out_of_type(start, "part_of")
                .min()
                .and_then(|r| self.spans.relations.get(r.index()).cloned());
            if let Some((file, span)) = at {
                self.err(
                    file,
                    span,
                    format!("`part_of` cycle: {}", names.join(" -> ")),
                    Some(
                        "a place is part of a larger one, never of itself; remove one link".into(),
                    ),
                );
            }
        }
    }
}
