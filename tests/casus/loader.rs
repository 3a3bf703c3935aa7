//! The loader: fixtures that load, broken fixtures that must not.

use crate::{casus, fixture};
use casus::load::{load, GraphFiles};

#[test]
fn mini_fixture_loads_with_no_diagnostics() {
    let files = GraphFiles::from_dir(&fixture("mini")).unwrap();
    let loaded = load(&files).unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let g = loaded.graph;
    assert_eq!(g.actors.len(), 3);
    assert_eq!(g.relations.len(), 3);
    let zenda = g.find("Zenda").found().unwrap();
    let borduria = g.find("bordurian").found().unwrap();
    assert_eq!(g.de_jure_holder(zenda), Some(borduria));
}

#[test]
fn validate_on_the_mini_fixture_succeeds() {
    casus()
        .args(["validate", "--graph"])
        .arg(fixture("mini"))
        .assert()
        .success()
        .stdout(predicates::str::contains("actors: 3"))
        .stdout(predicates::str::contains("ok: no problems found"));
}
