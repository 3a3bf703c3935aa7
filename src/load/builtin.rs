//! The built-in graph, loaded ahead of time: `src/load/builtin.cbor` holds
//! what loading `graph/` and `seeds/` gives (the graph, its warnings, where
//! each item is written), so that a command on the built-in graph neither
//! parses TOML nor checks quotes: it decodes the graph and builds its
//! indexes (`casus path israel armenia` in about a millisecond).
//!
//! Invariant: the prebuilt graph is never used for sources it was not made
//! from. It records a hash of the sources it was made from (the graph
//! files and every embedded seed), and [`prebuilt_for`] uses it only when
//! the files asked for hash the same; otherwise they are loaded and checked
//! like any graph. `casus validate` always loads and checks the sources
//! ([`super::load_checked`]). The test `builtin_cbor_is_the_loaded_sources`
//! (tests/casus/load.rs) fails when the file is stale and says how to
//! remake it (`CASUS_BLESS=1 cargo test --test casus builtin_cbor`).

use super::{embedded, At0, GraphFiles, ItemSpans, Loaded, Origin, SourceText};
use crate::load::diag::Diagnostic;
use crate::model::*;
use serde::{Deserialize, Serialize};
use std::hash::Hasher;

/// The prebuilt graph, made by [`encode`] from the embedded sources.
static PREBUILT: &[u8] = include_bytes!("builtin.cbor");

/// Bumped when [`Prebuilt`] changes shape.
const FORMAT: u32 = 1;

/// What [`Loaded`] holds, in a form that serialises.
#[derive(Serialize, Deserialize)]
struct Prebuilt {
    format: u32,
    /// [`sources_hash`] of the files it was made from.
    sources_hash: u64,
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
    same_as: Vec<(ActorId, Vec<String>)>,
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

/// A hash of what a load of `files` reads: the graph files (names and
/// texts) and every embedded seed (documents are looked up there).
pub fn sources_hash(files: &GraphFiles) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    let mut add = |name: &str, text: &str| {
        h.write(name.as_bytes());
        h.write_u8(0xff);
        h.write(text.as_bytes());
        h.write_u8(0xff);
    };
    for f in &files.toml {
        add(&f.name, &f.text);
    }
    for (path, text) in embedded::FILES.iter().filter(|(p, _)| p.starts_with("seeds/")) {
        add(path, text);
    }
    h.finish()
}

/// The prebuilt form of a graph loaded from `files` (the bytes of
/// `src/load/builtin.cbor` when `files` are the embedded sources).
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
        format: FORMAT,
        sources_hash: sources_hash(files),
        schema: g.schema.clone(),
        actors: g.actors.clone(),
        relations: g.relations.clone(),
        treaties: g.treaties.clone(),
        documents: g.documents.values().map(|d| (d.clone(), source_of(d))).collect(),
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
        same_as: loaded.same_as.clone(),
    };
    let mut out = Vec::new();
    ciborium::into_writer(&p, &mut out).expect("writing to memory cannot fail");
    out
}

/// The built-in graph from `src/load/builtin.cbor`, if `files` are the
/// sources it was made from; `None` otherwise (load them instead).
pub fn prebuilt_for(files: &GraphFiles) -> Option<Loaded> {
    if !matches!(files.origin, Origin::Embedded) || !files.problems.is_empty() {
        return None;
    }
    let p: Prebuilt = ciborium::from_reader(PREBUILT).ok()?;
    if p.format != FORMAT || p.sources_hash != sources_hash(files) {
        return None;
    }
    decode(p)
}

fn decode(p: Prebuilt) -> Option<Loaded> {
    let sources: Vec<SourceText> = p
        .sources
        .iter()
        .map(|n| Some(SourceText::new(n.clone(), super::embedded_file(n)?)))
        .collect::<Option<_>>()?;
    let mut b = GraphBuilder::new(p.schema);
    for a in p.actors {
        b.add_actor(a).ok()?;
    }
    for t in p.treaties {
        b.add_treaty(t).ok()?;
    }
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
        same_as: p.same_as,
    })
}
