//! The seed posts in seeds/ are verbatim slices of the original seed file.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn slices() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_line_of_the_original_seed_is_in_a_slice() {
    let original =
        std::fs::read_to_string(root().join("seeds/original/000_80129e08c0ab0c93.txt")).unwrap();
    let slices = slices();
    assert_eq!(slices.len(), 4, "four posts");
    let mut checked = 0;
    for line in original.lines().filter(|l| !l.trim().is_empty()) {
        let holders: Vec<&str> = slices
            .iter()
            .filter(|(_, text)| text.lines().any(|l| l == line))
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(holders.len(), 1, "line {line:?} is in {holders:?}");
        checked += 1;
    }
    assert_eq!(checked, 18, "the original has 18 non-empty lines");
}

#[test]
fn each_slice_is_a_contiguous_verbatim_piece_of_the_original() {
    let original =
        std::fs::read_to_string(root().join("seeds/original/000_80129e08c0ab0c93.txt")).unwrap();
    for (name, text) in slices() {
        assert!(
            original.contains(text.trim_end_matches('\n')),
            "{name} is not a verbatim slice"
        );
        let date = &name[..10];
        assert!(date.starts_with("2020-"), "{name} is named by date");
    }
}

#[test]
fn slices_are_named_by_date_and_slug() {
    let names: Vec<String> = slices().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "2020-09-27-clashes-break-out-in-nagorno-karabakh.txt",
            "2020-09-28-azerbaijan-armenia-update.txt",
            "2020-10-01-fighting-continues-into-a-fifth-day.txt",
            "2020-10-04-escalation-in-the-caucasus.txt",
        ]
    );
}
