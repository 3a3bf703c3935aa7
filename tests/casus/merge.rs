//! Merging graphs (`--graph A --graph B`): each diagnostic the merge can
//! give, at the file:line:column of the later graph's item, with the place
//! of the earlier one in its message. The later graph is the mini fixture
//! with one change, made in a temporary directory.

use crate::{copy_dir, fixture};
use casus::load::{load_many, Diagnostic, GraphFiles, Level, LoadError, Loaded};
use std::path::Path;

/// `TMP/NAME`: the mini fixture graph with each `(file, from, to)`
/// replacement made once (the treaty renamed `rb-b` unless `keep_treaty`,
/// so that the two graphs do not clash on its id); the seeds in `TMP/seeds`.
fn variant(tmp: &Path, name: &str, keep_treaty: bool, edits: &[(&str, &str, &str)]) {
    let g = tmp.join(name);
    copy_dir(&fixture("mini"), &g);
    copy_dir(&fixture("seeds"), &tmp.join("seeds"));
    let rename = [
        ("treaties.toml", "id = \"rb-1999\"", "id = \"rb-b\""),
        (
            "relations/main.toml",
            "treaty = \"rb-1999\"",
            "treaty = \"rb-b\"",
        ),
    ];
    let renames = if keep_treaty {
        &rename[..0]
    } else {
        &rename[..]
    };
    for (file, from, to) in renames.iter().chain(edits) {
        let path = g.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

/// The graphs at `dirs` loaded together.
fn merged(dirs: &[&Path]) -> Result<Loaded, LoadError> {
    let sets: Vec<_> = dirs
        .iter()
        .map(|d| {
            let name = d.display().to_string();
            (name, GraphFiles::from_dir(d).unwrap())
        })
        .collect();
    load_many(&sets)
}

/// The one diagnostic whose message has `needle`; checks its level and place.
fn the<'a>(
    diags: &'a [Diagnostic],
    needle: &str,
    level: Level,
    file: &str,
    line_col: (u32, u32),
) -> &'a Diagnostic {
    let found: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "one `{needle}` in {diags:#?}");
    let d = found[0];
    assert_eq!(d.level, level, "{d}");
    assert!(d.file.ends_with(file), "{d}");
    assert_eq!((d.line, d.column), line_col, "{d}");
    d
}

#[test]
fn a_document_with_another_text_stops_the_load_at_its_declaration() {
    let tmp = tempfile::tempdir().unwrap();
    variant(
        tmp.path(),
        "b",
        false,
        &[(
            "sources.toml",
            "../seeds/dispatch.txt",
            "../seeds/later.txt",
        )],
    );
    let seed = std::fs::read_to_string(tmp.path().join("seeds/dispatch.txt")).unwrap();
    std::fs::write(
        tmp.path().join("seeds/later.txt"),
        seed + "\nA later line.\n",
    )
    .unwrap();
    let e = merged(&[&fixture("mini"), &tmp.path().join("b")]).expect_err("all or nothing");
    the(
        &e.diagnostics,
        "document `dispatch` is declared by two graphs with different texts",
        Level::Error,
        "b/sources.toml",
        (2, 6),
    );
    assert_eq!(e.errors().count(), 1);
}

#[test]
fn a_reference_with_another_title_and_address_warns_and_the_first_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let to = "title = \"Another Title\"\nurl = \"https://example.org/x\"";
    let title = "title = \"Ruritania-Borduria Treaty of Mutual Defence\"\ndate";
    variant(
        tmp.path(),
        "b",
        false,
        &[("sources.toml", title, &format!("{to}\ndate"))],
    );
    let l = merged(&[&fixture("mini"), &tmp.path().join("b")]).unwrap();
    let d = the(
        &l.warnings,
        "reference `treaty-text` is \"Another Title\" here",
        Level::Warning,
        "b/sources.toml",
        (8, 6),
    );
    assert!(d.message.contains("mini/sources.toml:8:6"), "{d}");
    let r = &l.graph.references["treaty-text"];
    assert_eq!(r.title, "Ruritania-Borduria Treaty of Mutual Defence");
}

#[test]
fn a_type_in_another_category_warns_and_keeps_the_first_category() {
    let tmp = tempfile::tempdir().unwrap();
    let part_of = "sign = \"neutral\"\ncategory = \"geography\"";
    let edit = "sign = \"neutral\"\ncategory = \"alliance\"";
    variant(tmp.path(), "b", false, &[("schema.toml", part_of, edit)]);
    let l = merged(&[&fixture("mini"), &tmp.path().join("b")]).unwrap();
    let d = the(
        &l.warnings,
        "relation type `part_of` is in category `alliance` here and `geography`",
        Level::Warning,
        "b/schema.toml",
        (33, 8),
    );
    assert!(d.message.contains("mini/schema.toml:33:8"), "{d}");
    assert_eq!(l.graph.schema.types["part_of"].category, "geography");
}

#[test]
fn two_actors_that_become_one_make_their_relations_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let codes = "iso3 = \"BOR\"\ncow = 902";
    variant(
        tmp.path(),
        "b",
        false,
        &[("actors.toml", codes, "same_as = [\"ruritania\"]")],
    );
    let e = merged(&[&fixture("mini"), &tmp.path().join("b")]).expect_err("all or nothing");
    let file = "b/relations/main.toml";
    let needle = |t: &str| format!("relation `{t}` joins `ruritania` to itself once the graphs");
    the(
        &e.diagnostics,
        &needle("attacks"),
        Level::Error,
        file,
        (1, 1),
    );
    the(
        &e.diagnostics,
        &needle("defence_pact"),
        Level::Error,
        file,
        (17, 1),
    );
    assert_eq!(e.errors().count(), 2);
}

#[test]
fn an_actor_of_another_kind_with_the_same_code_warns_and_keeps_the_first_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let kind = "name = \"Borduria\"\nkind = \"state\"";
    let edit = "name = \"Borduria\"\nkind = \"organisation\"";
    variant(tmp.path(), "b", false, &[("actors.toml", kind, edit)]);
    let l = merged(&[&fixture("mini"), &tmp.path().join("b")]).unwrap();
    the(
        &l.warnings,
        "`borduria` (organisation) is the same actor as `borduria` (state) in ",
        Level::Warning,
        "b/actors.toml",
        (10, 6),
    );
    let m = l.merge.as_ref().unwrap();
    let counts = (m.actors_by_cow, m.actors_by_id, m.renamed);
    assert_eq!(counts, (2, 1, 0), "zenda has no code: {m:?}");
    let b = l.graph.actor_by_id("borduria").unwrap();
    assert_eq!(l.graph.actor(b).kind, casus::model::ActorKind::State);
}

#[test]
fn a_relation_key_and_a_treaty_id_used_by_two_graphs_stop_the_load() {
    let tmp = tempfile::tempdir().unwrap();
    let attacks = "type = \"attacks\"\n";
    let keyed = "type = \"attacks\"\nkey = \"k1\"\n";
    variant(
        tmp.path(),
        "a",
        true,
        &[("relations/main.toml", attacks, keyed)],
    );
    let day = "date = \"2020-09-28\"";
    let later = "date = \"2020-09-29\"";
    let edits = [
        ("relations/main.toml", attacks, keyed),
        ("relations/main.toml", day, later),
    ];
    variant(tmp.path(), "b", true, &edits);
    let e = merged(&[&tmp.path().join("a"), &tmp.path().join("b")]).expect_err("all or nothing");
    let d = the(
        &e.diagnostics,
        "relation key `k1` is used by two graphs",
        Level::Error,
        "b/relations/main.toml",
        (1, 1),
    );
    assert!(d.message.contains("a/relations/main.toml:1:1"), "{d}");
    the(
        &e.diagnostics,
        "treaty id `rb-1999` is declared by two graphs",
        Level::Error,
        "b/treaties.toml",
        (2, 6),
    );
    the(
        &e.diagnostics,
        "dates on 2020-09-29 here, on 2020-09-28 there; both are kept",
        Level::Warning,
        "b/relations/main.toml",
        (1, 1),
    );
    // Errors first, then the warnings.
    assert_eq!(e.diagnostics[0].level, Level::Error);
    assert_eq!(e.diagnostics[1].level, Level::Error);
}

#[test]
fn two_treaties_with_one_atop_id_are_both_kept_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let signed = "signed = \"1999-05\"";
    let atop = "signed = \"1999-05\"\natop_id = 4242";
    variant(tmp.path(), "a", true, &[("treaties.toml", signed, atop)]);
    variant(tmp.path(), "b", false, &[("treaties.toml", signed, atop)]);
    let l = merged(&[&tmp.path().join("a"), &tmp.path().join("b")]).unwrap();
    the(
        &l.warnings,
        "treaty `rb-b` is ATOP alliance 4242 like `rb-1999` in ",
        Level::Warning,
        "b/treaties.toml",
        (2, 6),
    );
    the(
        &l.warnings,
        "treaty `rb-b` here, `rb-1999` there; both are kept",
        Level::Warning,
        "b/relations/main.toml",
        (17, 1),
    );
    assert_eq!(l.graph.treaties.len(), 2);
    let m = l.merge.as_ref().unwrap();
    assert_eq!((m.relations_joined, m.conflicts), (2, 1), "{m:?}");
}
