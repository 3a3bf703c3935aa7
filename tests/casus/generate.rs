//! The scale generator: reproducible with a seed, sizes as asked, and
//! every generated graph loads with zero diagnostics.

use crate::casus;
use casus::generate::{self, Params};
use casus::load::{load, GraphFiles};
use casus::model::*;

fn load_texts(files: Vec<(String, String)>) -> casus::load::Loaded {
    let files = GraphFiles::from_texts(files);
    load(&files)
        .unwrap_or_else(|e| panic!("the generated graph does not load:\n{}", e.render(false)))
}

#[test]
fn same_seed_same_graph_other_seed_other_graph() {
    let p = Params::new(200, 2_000);
    let a = generate::toml_files(&generate::world(&p, 42));
    let b = generate::toml_files(&generate::world(&p, 42));
    let c = generate::toml_files(&generate::world(&p, 43));
    assert_eq!(
        a, b,
        "the same seed must give the same files, byte for byte"
    );
    assert_ne!(a, c, "another seed must give another graph");
}

#[test]
fn sizes_are_as_asked() {
    for (n, m) in [
        (30, 50),
        (30, 1_000),
        (100, 100),
        (500, 5_000),
        (2_000, 3_000),
    ] {
        let g = generate::world(&Params::new(n, m), 1);
        assert_eq!(g.actors.len(), n, "actors for {n}/{m}");
        assert_eq!(g.relations.len(), m, "relations for {n}/{m}");
    }
}

#[test]
fn generated_graph_loads_with_zero_diagnostics_and_round_trips() {
    let g = generate::world(&Params::new(1_000, 8_000), 7);
    let loaded = load_texts(generate::toml_files(&g));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
    let h = loaded.graph;
    assert_eq!(h.actors.len(), g.actors.len());
    assert_eq!(h.relations.len(), g.relations.len());
    assert_eq!(h.treaties.len(), g.treaties.len());
    for (r, s) in g.relations.iter().zip(&h.relations) {
        assert_eq!(
            (&r.rtype, r.from, r.to, r.status),
            (&s.rtype, s.from, s.to, s.status)
        );
        assert_eq!(
            (r.valid_from, r.valid_until, r.place, r.treaty),
            (s.valid_from, s.valid_until, s.place, s.treaty)
        );
        assert_eq!(r.evidence, s.evidence);
    }
}

#[test]
fn the_world_looks_like_one() {
    let g = generate::world(&Params::new(2_000, 20_000), 3);
    let count = |t: &str| g.relations.iter().filter(|r| r.rtype == t).count();
    for t in [
        "borders",
        "part_of",
        "leader_of",
        "member_of",
        "defence_pact",
        "arms_supplier",
        "rival",
        "attacks",
    ] {
        assert!(count(t) > 0, "no `{t}` relations");
    }
    // Every fact cites the generated reference, and nothing else.
    let reference = generate::reference_id(3);
    assert!(g.references.contains_key(&reference));
    assert!(
        g.documents.is_empty(),
        "a generated graph cites no seed documents"
    );
    assert!(g.relations.iter().all(|r| matches!(
        r.evidence.as_slice(),
        [Citation::Background { reference: x, .. }] if *x == reference
    )));
    // Every defence pact cites its own treaty, with a defence obligation.
    for r in g.relations.iter().filter(|r| r.rtype == "defence_pact") {
        let t = g.treaty(r.treaty.expect("a pact cites its treaty"));
        assert!(t
            .obligations
            .iter()
            .any(|o| o.kind == ObligationKind::Defence));
    }
    // Arms suppliers are heavy-tailed: the top 5% of suppliers make most deals.
    let mut by_supplier = std::collections::HashMap::new();
    for r in g.relations.iter().filter(|r| r.rtype == "arms_supplier") {
        *by_supplier.entry(r.from).or_insert(0usize) += 1;
    }
    let mut counts: Vec<usize> = by_supplier.into_values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let states = g
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::State)
        .count();
    let top: usize = counts.iter().take(states.div_ceil(20)).sum();
    let all: usize = counts.iter().sum();
    assert!(top * 2 > all, "top suppliers make {top} of {all} deals");
    // Territories and places sit inside states: no part_of cycles, a de jure holder each.
    for a in g
        .actor_ids()
        .filter(|a| g.actor(*a).kind == ActorKind::Territory)
    {
        if g.parent(a).is_some() {
            assert!(g.de_jure_holder(a).is_some());
        }
    }
}

#[test]
fn impossible_params_are_refused() {
    assert!(Params::new(10, 100).check().is_err());
    assert!(Params::new(100, 100 * Params::MAX_DENSITY + 1)
        .check()
        .is_err());
    assert!(Params::with_relations(1_000).check().is_ok());
}

#[test]
fn cli_generate_writes_a_graph_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("world");
    casus()
        .args([
            "generate",
            "--actors",
            "300",
            "--relations",
            "3000",
            "--seed",
            "5",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    casus()
        .args(["validate", "--graph"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("actors: 300"))
        .stdout(predicates::str::contains("relations: 3000"))
        .stdout(predicates::str::contains("ok: no problems found"));
    // Never overwrites a graph.
    casus()
        .args(["generate", "--relations", "100", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "holds an earlier output of casus",
        ));
    casus()
        .args(["generate", "--actors", "5", "--relations", "100", "-o"])
        .arg(dir.path().join("tiny"))
        .assert()
        .code(2);
}

#[test]
fn bulk_layout_loads_to_the_same_graph_as_toml() {
    let g = generate::world(&Params::new(500, 5_000), 11);
    let files = generate::bulk_files(&g);
    assert!(files.iter().any(|(p, _)| p.ends_with(".tsv")));
    let bulk = load_texts(files);
    assert!(bulk.warnings.is_empty(), "{:?}", bulk.warnings.first());
    let toml = load_texts(generate::toml_files(&g)).graph;
    let b = bulk.graph;
    assert_eq!(b.actors.len(), toml.actors.len());
    assert_eq!(b.relations.len(), toml.relations.len());
    for (x, y) in b.actors.iter().zip(&toml.actors) {
        assert_eq!(
            (&x.id, &x.name, x.kind, &x.iso3, x.cow, x.recognised),
            (&y.id, &y.name, y.kind, &y.iso3, y.cow, y.recognised)
        );
    }
    for (r, s) in b.relations.iter().zip(&toml.relations) {
        assert_eq!(
            (&r.rtype, r.from, r.to, r.status, &r.systems, &r.support),
            (&s.rtype, s.from, s.to, s.status, &s.systems, &s.support)
        );
        assert_eq!(
            (r.valid_from, r.valid_until, r.place, r.treaty),
            (s.valid_from, s.valid_until, s.place, s.treaty)
        );
        assert_eq!(
            (&r.role, &r.note, &r.claimed_by, &r.denied_by),
            (&s.role, &s.note, &s.claimed_by, &s.denied_by)
        );
        assert_eq!(r.evidence, s.evidence);
    }
}

#[test]
fn bulk_layout_keeps_what_a_row_cannot_hold_in_toml() {
    let mut g = generate::world(&Params::new(100, 300), 2).to_builder();
    let twice = Citation::Background {
        reference: generate::reference_id(2).into(),
        note: Some("tab\there; semicolon".into()),
    };
    g.relations_mut()[0].evidence.push(twice.clone());
    g.relations_mut()[1].note = Some("a note\twith a tab\nand a line".into());
    let g = g.build();
    let files = generate::bulk_files(&g);
    assert!(files.iter().any(|(p, _)| p == "relations/extra.toml"));
    let h = load_texts(files).graph;
    assert_eq!(h.relations.len(), 300);
    let moved = h
        .relations
        .iter()
        .find(|r| r.evidence.len() == 2)
        .expect("kept in extra.toml");
    assert_eq!(moved.evidence[1], twice);
    assert!(h
        .relations
        .iter()
        .any(|r| r.note.as_deref() == Some("a note\twith a tab\nand a line")));
}

#[test]
fn bulk_errors_point_at_the_cell() {
    let files = vec![
        (
            "schema.toml".to_string(),
            generate::toml_files(&generate::world(&Params::new(30, 30), 1))[0]
                .1
                .clone(),
        ),
        (
            "sources.toml".to_string(),
            "[[reference]]\nid = \"r\"\ntitle = \"R\"\n".to_string(),
        ),
        (
            "actors.tsv".to_string(),
            "id\tname\tkind\tevidence\na\tA\tstate\t\nb\tB\tstaet\t\n".to_string(),
        ),
        (
            "relations.tsv".to_string(),
            "type\tfrom\tto\tstatus\tevidence\nally\ta\tc\treported\tr\nally\ta\tb\treported\t\n"
                .to_string(),
        ),
    ];
    let err = load(&GraphFiles::from_texts(files)).expect_err("broken bulk tables");
    let at = |needle: &str| {
        err.diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no diagnostic with {needle:?}: {:#?}", err.diagnostics))
    };
    let kind = at("unknown actor kind `staet`");
    assert_eq!(
        (kind.file.as_str(), kind.line, kind.column),
        ("actors.tsv", 3, 5)
    );
    let c = at("unknown actor `c`");
    assert_eq!((c.file.as_str(), c.line, c.column), ("relations.tsv", 2, 8));
    let none = at("has no provenance");
    assert_eq!((none.file.as_str(), none.line), ("relations.tsv", 3));
}
