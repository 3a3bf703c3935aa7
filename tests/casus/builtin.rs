//! The built-in graph prebuilt from its sources (src/load/builtin.postcard):
//! the same as loading and checking graph/ and seeds/, used only for them.

use casus::load::{builtin, builtin_sources, load, load_checked, GraphFiles};
use std::path::PathBuf;

fn prebuilt_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/load/builtin.postcard")
}

/// The prebuilt file is what loading and checking the embedded sources
/// gives today. `CASUS_BLESS=1` rewrites it instead of failing.
#[test]
fn prebuilt_file_is_the_loaded_sources() {
    let files = builtin_sources();
    assert_eq!(
        builtin::sources_hash(&files),
        builtin::embedded_sources_hash(),
        "build.rs and the loader hash the built-in graph's sources alike"
    );
    let loaded = load_checked(&files).expect("the built-in graph loads");
    let fresh = builtin::encode(&loaded, &files);
    if std::env::var_os("CASUS_BLESS").is_some() {
        casus::atomic::write_file(&prebuilt_path(), &fresh).unwrap();
        return;
    }
    let kept = std::fs::read(prebuilt_path()).unwrap_or_default();
    assert!(
        kept == fresh,
        "src/load/builtin.postcard is stale (graph/ or seeds/ changed since it was made): \
         remake it with `CASUS_BLESS=1 cargo test --test casus prebuilt_file` and commit it"
    );
}

/// Loading the built-in sources takes the prebuilt graph, and it is the
/// graph, warnings, spans and sources that a full load gives.
#[test]
fn the_prebuilt_graph_is_the_checked_one() {
    let files = builtin_sources();
    assert!(
        builtin::prebuilt_for(&files).is_some(),
        "the prebuilt graph is stale: see prebuilt_file_is_the_loaded_sources"
    );
    let fast = load(&files).unwrap();
    let full = load_checked(&files).unwrap();
    assert_eq!(
        builtin::encode(&fast, &files),
        builtin::encode(&full, &files)
    );
    assert_eq!(fast.graph.relations.len(), full.graph.relations.len());
    let names = |l: &casus::load::Loaded| -> Vec<String> {
        l.sources.iter().map(|s| s.name.clone()).collect()
    };
    assert_eq!(names(&fast), names(&full));
    let g = &fast.graph;
    let (il, am) = (
        g.find("israel").found().unwrap(),
        g.find("armenia").found().unwrap(),
    );
    assert_eq!(
        g.relations_of(il).collect::<Vec<_>>(),
        full.graph.relations_of(il).collect::<Vec<_>>()
    );
    assert!(g.relations_of(am).count() > 0);
    for (a, b) in g.documents.values().zip(full.graph.documents.values()) {
        assert_eq!(a.text, b.text, "document {}", a.id);
    }
}

/// Changed sources never get the prebuilt graph: they are loaded and checked.
#[test]
fn changed_sources_are_loaded_not_prebuilt() {
    let files = builtin_sources();
    let mut texts: Vec<(String, String)> = files
        .toml
        .iter()
        .map(|s| (s.name.clone(), s.text.to_string()))
        .collect();
    let actors = texts
        .iter_mut()
        .find(|(n, _)| n.ends_with("actors.toml"))
        .unwrap();
    actors.1 = actors
        .1
        .replacen("name = \"Armenia\"", "name = \"Armenia!\"", 1);
    let changed = GraphFiles::from_texts(texts.clone());
    assert!(builtin::prebuilt_for(&changed).is_none());
    let g = load(&changed).unwrap().graph;
    let am = g.actor_by_id("armenia").unwrap();
    assert_eq!(g.actor(am).name, "Armenia!");
    // The same texts unchanged, given in memory: the prebuilt graph applies.
    let texts = files
        .toml
        .iter()
        .map(|s| (s.name.clone(), s.text.to_string()))
        .collect();
    assert!(builtin::prebuilt_for(&GraphFiles::from_texts(texts)).is_some());
}
