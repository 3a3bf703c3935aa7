//! `same_as` (an actor's ids in other graphs) survives every write-back:
//! the graph writers of the library (`import::write::graph_files`,
//! `generate::toml_files` and `bulk_files`), the edits of the binary
//! (`add`, `edit`, `remove`), `export --format toml` and `--format json`,
//! and merging (the merged actor keeps the ids of every card merged).
//! The graph writers keep everything else a graph says as well.

use super::{casus, copy_dir, fixture};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Ids no slug could be: quotes, a backslash, Cyrillic, a tab and a newline.
const HOSTILE: &[&str] = &[
    "republic-of-artsakh",
    "say \"NKR\"",
    "back\\slash",
    "Нагорно-Карабахская Республика",
    "tab\tand\nnewline",
];

/// The hostile ids as a TOML array, escaped by hand.
fn hostile_toml() -> String {
    let items: Vec<String> = HOSTILE
        .iter()
        .map(|s| {
            let e = s
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\t', "\\t")
                .replace('\n', "\\n");
            format!("\"{e}\"")
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// `TMP/g`: the mini fixture graph with an actor `nkr` whose `same_as`
/// lists the hostile ids, and a document with its address and publisher;
/// its seed beside it in `TMP/seeds`.
fn graph_with_same_as() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    copy_dir(&fixture("mini"), &g);
    copy_dir(&fixture("seeds"), &tmp.path().join("seeds"));
    let actors = g.join("actors.toml");
    let mut text = std::fs::read_to_string(&actors).unwrap();
    text.push_str(&format!(
        "\n[[actor]]\nid = \"nkr\"\nname = \"Nagorno-Karabakh Republic\"\nkind = \"territory\"\nrecognised = false\nsame_as = {}\n",
        hostile_toml()
    ));
    std::fs::write(&actors, text).unwrap();
    let sources = g.join("sources.toml");
    let text = std::fs::read_to_string(&sources).unwrap().replacen(
        "date = \"2020-10-01\"\n",
        "date = \"2020-10-01\"\nurl = \"https://example.org/dispatch?a=1&b=\\\"2\\\"\"\npublisher = \"Börder \\\\ Dispatch\"\n",
        1,
    );
    std::fs::write(&sources, text).unwrap();
    tmp
}

/// The actors of `casus export --format json` with `graphs` (`--graph X` pairs).
fn exported_actors(graphs: &[&str]) -> Vec<Value> {
    let mut args = graphs.to_vec();
    args.push("export");
    let (code, v) = crate::query::json(&args);
    assert_eq!(code, 0, "{args:?}");
    v["actors"].as_array().unwrap().clone()
}

fn graph_arg(dir: &Path) -> [&str; 2] {
    ["--graph", dir.to_str().expect("a UTF-8 temporary path")]
}

/// The `same_as` ids of actor `id` of `g`.
fn ids_of(g: &casus::model::Graph, id: &str) -> Vec<String> {
    let a = g
        .actor_by_id(id)
        .unwrap_or_else(|| panic!("no actor `{id}`"));
    g.actor(a).same_as.clone()
}

/// The `same_as` list of actor `id` among exported actors.
fn same_as_of(actors: &[Value], id: &str) -> Vec<String> {
    let a = actors
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no actor `{id}`"));
    a["same_as"]
        .as_array()
        .unwrap_or_else(|| panic!("`{id}` has no same_as in {a}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn hostile() -> Vec<String> {
    HOSTILE.iter().map(|s| s.to_string()).collect()
}

#[test]
fn export_json_lists_each_actors_same_as() {
    let tmp = graph_with_same_as();
    let actors = exported_actors(&graph_arg(&tmp.path().join("g")));
    assert_eq!(same_as_of(&actors, "nkr"), hostile());
    assert!(same_as_of(&actors, "ruritania").is_empty());
    let artsakh = exported_actors(&[]);
    assert_eq!(same_as_of(&artsakh, "artsakh"), ["republic-of-artsakh"]);
}

#[test]
fn the_graph_writer_keeps_same_as_and_document_addresses() {
    let tmp = graph_with_same_as();
    let files = casus::load::GraphFiles::from_dir(&tmp.path().join("g")).unwrap();
    let before = casus::load::load(&files).unwrap().graph;
    assert_eq!(ids_of(&before, "nkr"), hostile());
    // Written beside the seeds, so that `../seeds/` resolves as before.
    let back_dir = tmp.path().join("back");
    let written = casus::import::write::graph_files(&before, "round trip");
    casus::atomic::write_output_dir(&back_dir, &written, |_| Ok::<(), std::io::Error>(())).unwrap();
    let after = casus::load::load(&casus::load::GraphFiles::from_dir(&back_dir).unwrap())
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
        .graph;
    let json = |g: &casus::model::Graph| serde_json::to_value(&g.actors).unwrap();
    assert_eq!(json(&after), json(&before), "every actor field survives");
    let doc = |g: &casus::model::Graph| {
        let d = &g.documents["dispatch"];
        (d.url.clone(), d.publisher.clone())
    };
    assert_eq!(doc(&after), doc(&before));
    assert_eq!(doc(&after).1.as_deref(), Some("Börder \\ Dispatch"));
    // And through the binary: the written directory lists the same ids.
    let actors = exported_actors(&graph_arg(&back_dir));
    assert_eq!(same_as_of(&actors, "nkr"), hostile());
}

#[test]
fn the_built_in_graph_written_back_keeps_artsakhs_same_as() {
    let g = super::real_graph();
    let files = casus::import::write::graph_files(&g, "the built-in graph");
    let back = casus::load::load(&casus::load::GraphFiles::from_texts(files))
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
        .graph;
    assert_eq!(ids_of(&back, "artsakh"), ["republic-of-artsakh"]);
    assert_eq!(ids_of(&back, "artsakh"), ids_of(&g, "artsakh"));
}

#[test]
fn the_generators_writers_keep_same_as() {
    let tmp = graph_with_same_as();
    let files = casus::load::GraphFiles::from_dir(&tmp.path().join("g")).unwrap();
    let g = casus::load::load(&files).unwrap().graph;
    for (layout, written) in [
        ("toml", casus::generate::toml_files(&g)),
        ("bulk", casus::generate::bulk_files(&g)),
    ] {
        let dir = tmp.path().join(layout);
        casus::generate::write_files(&dir, &written).unwrap();
        let back = casus::load::load(&casus::load::GraphFiles::from_dir(&dir).unwrap())
            .unwrap_or_else(|e| panic!("{layout}: {}", e.render(false)))
            .graph;
        assert_eq!(ids_of(&back, "nkr"), hostile(), "{layout}");
    }
}

#[test]
fn edits_keep_same_as_and_add_writes_it() {
    let tmp = graph_with_same_as();
    let g = tmp.path().join("g");
    let gs = g.to_str().unwrap();
    // Another field of the same card, another card, a removal.
    casus()
        .args(["edit", "actor", "nkr", "description", "De facto state."])
        .args(["--graph", gs])
        .assert()
        .success();
    casus()
        .args(["edit", "actor", "nkr", "aliases", "Artsakh"])
        .args(["--graph", gs])
        .assert()
        .success();
    let added = casus()
        .args(["add", "relation", "attacks", "borduria", "ruritania"])
        .args([
            "--status",
            "reported",
            "--reference",
            "treaty-text",
            "--graph",
            gs,
        ])
        .assert()
        .success();
    let key = String::from_utf8_lossy(&added.get_output().stdout).into_owned();
    let key = key.lines().next().unwrap();
    casus()
        .args(["remove", "relation", key, "--graph", gs])
        .assert()
        .success();
    let mut add = casus();
    add.args(["add", "actor", "artsakh-army", "--kind", "armed_group"])
        .args(["--name", "Artsakh Defence Army"]);
    for id in HOSTILE {
        add.args(["--same-as", id]);
    }
    add.args(["--graph", gs]).assert().success();
    let actors = exported_actors(&graph_arg(&g));
    assert_eq!(same_as_of(&actors, "nkr"), hostile(), "kept by edits");
    assert_eq!(
        same_as_of(&actors, "artsakh-army"),
        hostile(),
        "written by add"
    );
    // `edit` sets the list (comma-separated) and removes it.
    casus()
        .args(["edit", "actor", "ruritania", "same_as"])
        .arg("say \"R\", back\\slash, Руритания")
        .args(["--graph", gs])
        .assert()
        .success();
    let actors = exported_actors(&graph_arg(&g));
    assert_eq!(
        same_as_of(&actors, "ruritania"),
        ["say \"R\"", "back\\slash", "Руритания"]
    );
    casus()
        .args(["edit", "actor", "nkr", "same_as", "--unset", "--graph", gs])
        .assert()
        .success();
    assert!(same_as_of(&exported_actors(&graph_arg(&g)), "nkr").is_empty());
}

#[test]
fn export_toml_keeps_the_built_in_same_as() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("graph");
    casus()
        .args(["export", "--format", "toml", "-o"])
        .arg(&dir)
        .assert()
        .success();
    let actors = exported_actors(&graph_arg(&dir));
    assert_eq!(same_as_of(&actors, "artsakh"), ["republic-of-artsakh"]);
}

/// `TMP/NAME`: a graph of one file, `world.toml`, holding `actors`.
fn small_graph(tmp: &Path, name: &str, actors: &str) -> std::path::PathBuf {
    let dir = tmp.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("world.toml"), actors).unwrap();
    dir
}

#[test]
fn a_merged_actor_keeps_the_same_as_ids_of_every_card() {
    let tmp = tempfile::tempdir().unwrap();
    // The UCDP ESD's Artsakh names a third graph's id for it: the third
    // graph's actor is found by that id too, and the merged card lists the
    // ids of both cards.
    let esd = small_graph(
        tmp.path(),
        "esd",
        "[[actor]]\nid = \"republic-of-artsakh\"\nname = \"Republic of Artsakh\"\nkind = \"territory\"\nsame_as = [\"nkr-ucdp\", \"say \\\"NKR\\\"\"]\n",
    );
    let third = small_graph(
        tmp.path(),
        "third",
        "[[actor]]\nid = \"nkr-ucdp\"\nname = \"NKR\"\nkind = \"territory\"\n",
    );
    let graphs = [
        "--graph",
        "builtin",
        "--graph",
        esd.to_str().unwrap(),
        "--graph",
        third.to_str().unwrap(),
    ];
    let actors = exported_actors(&graphs);
    assert_eq!(
        same_as_of(&actors, "artsakh"),
        ["republic-of-artsakh", "nkr-ucdp", "say \"NKR\""]
    );
    assert!(
        !actors
            .iter()
            .any(|a| a["id"] == "nkr-ucdp" || a["id"] == "republic-of-artsakh"),
        "both found as the built-in artsakh"
    );
    casus()
        .args(graphs)
        .arg("validate")
        .assert()
        .success()
        .stdout(predicates::str::contains("2 by same_as"));
    let out = casus()
        .args(graphs)
        .args(["show", "artsakh"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("same as in other graphs: republic-of-artsakh, nkr-ucdp, say \"NKR\""),
        "{text}"
    );
}

/// What `g` says, in an order no writer changes and with actors named by
/// id: actors, treaties, relations (their views without the index),
/// documents, references and the schema, each item as JSON text, sorted.
fn meaning(g: &casus::model::Graph) -> Vec<Vec<String>> {
    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }
    let id = |a: &Value| {
        Value::from(
            g.actor(casus::model::ActorId(a.as_u64().unwrap() as u32))
                .id
                .clone(),
        )
    };
    let treaties = g.treaties.iter().map(|t| {
        let mut v = serde_json::to_value(t).unwrap();
        for o in v["obligations"].as_array_mut().unwrap() {
            let ids: Vec<Value> = o["adversaries"]
                .as_array()
                .unwrap()
                .iter()
                .map(id)
                .collect();
            o["adversaries"] = Value::from(ids);
            if let Some(rs) = o["scope"].get("regions").and_then(Value::as_array) {
                let ids: Vec<Value> = rs.iter().map(id).collect();
                o["scope"]["regions"] = Value::from(ids);
            }
        }
        v.to_string()
    });
    let relations = g.relation_ids().map(|r| {
        let mut v = serde_json::to_value(casus::view::RelationView::new(g, r)).unwrap();
        v.as_object_mut().unwrap().remove("index");
        v.to_string()
    });
    vec![
        sorted(
            g.actors
                .iter()
                .map(|a| serde_json::to_string(a).unwrap())
                .collect(),
        ),
        sorted(treaties.collect()),
        sorted(relations.collect()),
        sorted(
            g.documents
                .values()
                .map(|d| serde_json::to_string(d).unwrap())
                .collect(),
        ),
        sorted(
            g.references
                .values()
                .map(|r| serde_json::to_string(r).unwrap())
                .collect(),
        ),
        vec![serde_json::to_string(&g.schema).unwrap()],
    ]
}

/// The built-in graph (state attributes, contiguity, rivalries,
/// statements, `same_as`; type domains in import's writer) written by
/// each graph writer and loaded again says what it said.
#[test]
fn every_graph_writer_keeps_all_the_built_in_graph_says() {
    let tmp = tempfile::tempdir().unwrap();
    let g = super::real_graph();
    let want = meaning(&g);
    let layouts = [
        (
            "import",
            casus::import::write::graph_files(&g, "the built-in graph"),
        ),
        ("toml", casus::generate::toml_files(&g)),
        ("bulk", casus::generate::bulk_files(&g)),
    ];
    for (layout, files) in layouts {
        // The documents are the built-in seeds, read from `../seeds/`.
        let dir = tmp.path().join("g").join(layout);
        casus::generate::write_files(&dir, &files).unwrap();
        if !tmp.path().join("g/seeds").exists() {
            super::copy_dir(
                &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds"),
                &tmp.path().join("g/seeds"),
            );
        }
        let back = casus::load::load(&casus::load::GraphFiles::from_dir(&dir).unwrap())
            .unwrap_or_else(|e| panic!("{layout}: {}", e.render(false)))
            .graph;
        let mut got = meaning(&back);
        if layout != "import" {
            // The generator's writer leaves out the types' domains (its
            // synthetic worlds do not keep to them): the schema differs there.
            got[5] = want[5].clone();
            assert!(back.schema.domains.is_empty(), "{layout}");
        }
        for (what, (w, g)) in [
            "actors",
            "treaties",
            "relations",
            "documents",
            "references",
            "schema",
        ]
        .iter()
        .zip(want.iter().zip(&got))
        {
            let lost: Vec<&String> = w.iter().filter(|x| !g.contains(x)).take(2).collect();
            assert!(w == g, "{layout}: {what} differ; first lost: {lost:#?}");
        }
    }
}

/// An actor renamed in the merge (its id taken by a different actor)
/// still finds, by its `same_as` list, the actors of later graphs.
#[test]
fn a_renamed_actor_is_found_by_its_same_as_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let first = small_graph(
        tmp.path(),
        "first",
        "[[actor]]\nid = \"zenda\"\nname = \"Zenda\"\nkind = \"state\"\ncow = 901\n",
    );
    let second = small_graph(
        tmp.path(),
        "second",
        "[[actor]]\nid = \"zenda\"\nname = \"Zenda town\"\nkind = \"place\"\nsame_as = [\"zenda-town\"]\n",
    );
    let third = small_graph(
        tmp.path(),
        "third",
        "[[actor]]\nid = \"zenda-town\"\nname = \"Zenda (town)\"\nkind = \"place\"\n",
    );
    let graphs = [
        "--graph",
        first.to_str().unwrap(),
        "--graph",
        second.to_str().unwrap(),
        "--graph",
        third.to_str().unwrap(),
    ];
    let actors = exported_actors(&graphs);
    let ids: Vec<&str> = actors.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["zenda", "zenda-2"]);
    assert_eq!(same_as_of(&actors, "zenda-2"), ["zenda-town"]);
}
