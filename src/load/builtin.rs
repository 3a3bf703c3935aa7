//! The built-in graph, loaded ahead of time: `src/load/builtin.postcard`
//! holds what loading `graph/` and `seeds/` gives (the graph, its warnings,
//! where each item is written) in postcard, a compact binary serde format,
//! so that a command on the built-in graph neither parses TOML nor checks
//! quotes: it decodes the graph and builds its indexes.
//!
//! Invariant: the prebuilt graph is never used for sources it was not made
//! from. It records a hash of the sources it was made from (the graph
//! files and every embedded seed); [`prebuilt_for`] uses it only for files
//! that are the embedded graph files, text for text, and only when that
//! hash is the one build.rs computed of the embedded sources; otherwise
//! they are loaded and checked like any graph. `casus validate` always loads and checks the sources
//! ([`super::load_checked`]). The test `prebuilt_file_is_the_loaded_sources`
//! (tests/casus/builtin.rs) fails when the file is stale and says how to
//! remake it (`CASUS_BLESS=1 cargo test --test casus prebuilt_file`).

use super::{embedded, At0, GraphFiles, ItemSpans, Loaded, Origin, SourceText};
use crate::load::diag::Diagnostic;
use crate::model::*;
use serde::{Deserialize, Serialize};

/// The prebuilt graph, made by [`encode`] from the embedded sources.
static PREBUILT: &[u8] = include_bytes!("builtin.postcard");

/// Bumped when [`Prebuilt`] changes shape.
const FORMAT: u32 = 2;

/// What [`prebuilt_for`] reads first, to decide whether to read the rest.
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    /// [`sources_hash`] of the files it was made from.
    sources_hash: u64,
}

/// What [`Loaded`] holds, in a form that serialises (after the [`Header`]).
#[derive(Serialize, Deserialize)]
struct Prebuilt {
    schema: Schema,
    actors: Vec<Actor>,
    relations: Vec<Relation>,
    treaties: Vec<Treaty>,
    /// Documents without their text, each with the index in `sources` of
    /// the file that holds it.
    documents: Vec<(Document, usize)>,
    references: Vec<Reference>,
    /// Warnings with their byte span (the span is not serialised with
    /// the diagnostic).
    warnings: Vec<(Diagnostic, usize, usize)>,
    /// Names of [`Loaded::sources`], each an embedded file.
    sources: Vec<String>,
    spans: Spans,
}

/// [`ItemSpans`] with the maps in key order (a stable encoding).
#[derive(Serialize, Deserialize)]
struct Spans {
    actors: Vec<At0>,
    treaties: Vec<At0>,
    relations: Vec<At0>,
    types: Vec<(String, At0)>,
    documents: Vec<(String, At0)>,
    references: Vec<(String, At0)>,
}

fn sorted(m: &std::collections::HashMap<String, At0>) -> Vec<(String, At0)> {
    let mut v: Vec<(String, At0)> = m.iter().map(|(k, s)| (k.clone(), s.clone())).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// FNV-1a, 64 bits (build.rs computes the same of the embedded sources).
fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

/// A hash of what a load of `files` reads: the graph files (names and
/// texts), then every embedded seed (documents are looked up there).
pub fn sources_hash(files: &GraphFiles) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let seeds = embedded::FILES
        .iter()
        .filter(|(p, _)| p.starts_with("seeds/"))
        .map(|(p, t)| (*p, *t));
    let graph = files.toml.iter().map(|f| (f.name.as_str(), &*f.text));
    for (name, text) in graph.chain(seeds) {
        fnv(&mut h, name.as_bytes());
        fnv(&mut h, &[0xff]);
        fnv(&mut h, text.as_bytes());
        fnv(&mut h, &[0xff]);
    }
    h
}

/// [`sources_hash`] of the embedded sources, computed by build.rs.
pub fn embedded_sources_hash() -> u64 {
    embedded::SOURCES_HASH
}

/// Are `files` the embedded graph files, name for name and text for text?
fn are_embedded(files: &GraphFiles) -> bool {
    let embedded = super::GraphFiles::embedded_texts();
    matches!(files.origin, Origin::Embedded)
        && files.problems.is_empty()
        && files.toml.len() == embedded.clone().count()
        && files
            .toml
            .iter()
            .zip(embedded)
            .all(|(f, (p, t))| f.name == p && same_text(&f.text, t))
}

/// Whether two texts are equal; the same embedded text (the same bytes
/// of the binary) without reading it.
fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// The prebuilt form of a graph loaded from `files` (the bytes of
/// `src/load/builtin.postcard` when `files` are the embedded sources).
pub fn encode(loaded: &Loaded, files: &GraphFiles) -> Vec<u8> {
    let g = &loaded.graph;
    let source_of = |d: &Document| {
        loaded
            .sources
            .iter()
            .position(|s| *s.text == *d.text)
            .expect("a document's text is one of the loaded sources")
    };
    let p = Prebuilt {
        schema: g.schema.clone(),
        actors: g.actors.clone(),
        relations: g.relations.clone(),
        treaties: g.treaties.clone(),
        documents: g
            .documents
            .values()
            .map(|d| (d.clone(), source_of(d)))
            .collect(),
        references: g.references.values().cloned().collect(),
        warnings: loaded
            .warnings
            .iter()
            .map(|d| (d.clone(), d.span.start, d.span.end))
            .collect(),
        sources: loaded.sources.iter().map(|s| s.name.clone()).collect(),
        spans: Spans {
            actors: loaded.spans.actors.clone(),
            treaties: loaded.spans.treaties.clone(),
            relations: loaded.spans.relations.clone(),
            types: sorted(&loaded.spans.types),
            documents: sorted(&loaded.spans.documents),
            references: sorted(&loaded.spans.references),
        },
    };
    let header = Header {
        format: FORMAT,
        sources_hash: sources_hash(files),
    };
    let mut out = postcard::to_stdvec(&header).expect("writing to memory cannot fail");
    out.extend(postcard::to_stdvec(&p).expect("writing to memory cannot fail"));
    out
}

/// The built-in graph from `src/load/builtin.postcard`, if `files` are
/// the sources it was made from; `None` otherwise (load them instead).
pub fn prebuilt_for(files: &GraphFiles) -> Option<Loaded> {
    if !are_embedded(files) {
        return None;
    }
    let (h, rest) = postcard::take_from_bytes::<Header>(PREBUILT).ok()?;
    if h.format != FORMAT || h.sources_hash != embedded::SOURCES_HASH {
        return None;
    }
    decode(postcard::from_bytes(rest).ok()?)
}

fn decode(p: Prebuilt) -> Option<Loaded> {
    let sources: Vec<SourceText> = p
        .sources
        .iter()
        .map(|n| Some(SourceText::embedded(n.clone(), super::embedded_file(n)?)))
        .collect::<Option<_>>()?;
    let mut b = GraphBuilder::new(p.schema);
    for a in p.actors {
        b.add_actor(a).ok()?;
    }
    for t in p.treaties {
        b.add_treaty(t).ok()?;
    }
    b.relations_mut().reserve_exact(p.relations.len());
    for r in p.relations {
        b.add_relation(r).ok()?;
    }
    for (mut d, src) in p.documents {
        d.text = sources.get(src)?.text.to_string();
        b.documents.insert(d.id.clone(), d);
    }
    for r in p.references {
        b.references.insert(r.id.clone(), r);
    }
    let warnings = p
        .warnings
        .into_iter()
        .map(|(mut d, s, e)| {
            d.span = s..e;
            d
        })
        .collect();
    let spans = ItemSpans {
        actors: p.spans.actors,
        treaties: p.spans.treaties,
        relations: p.spans.relations,
        types: p.spans.types.into_iter().collect(),
        documents: p.spans.documents.into_iter().collect(),
        references: p.spans.references.into_iter().collect(),
    };
    Some(Loaded {
        graph: b.build(),
        warnings,
        sources,
        spans,
        merge: None,
    })
}
