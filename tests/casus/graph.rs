//! The built-in 2020 graph: loads cleanly and holds every fact the
//! foundation issue names.

use crate::{casus, real_graph};
use casus::model::*;

use crate::relations_between as find;

fn one<'g>(g: &'g Graph, rtype: &str, from: &str, to: &str) -> &'g Relation {
    let found = find(g, rtype, from, to);
    assert!(!found.is_empty(), "missing {from} --{rtype}--> {to}");
    found[0]
}

fn quoted(r: &Relation, words: &str) -> bool {
    r.evidence
        .iter()
        .any(|c| matches!(c, Citation::Seed { quote, .. } if quote.contains(words)))
}

#[test]
fn the_built_in_graph_loads_with_zero_diagnostics() {
    let loaded = casus::load::load_default().unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert!(
        loaded.warnings.is_empty(),
        "{}",
        casus::load::render_diagnostics(&loaded.warnings, &loaded.sources, false)
    );
    assert_eq!(loaded.graph.documents.len(), 4);
}

#[test]
fn every_relation_has_provenance_and_every_state_its_codes() {
    let g = real_graph();
    for r in &g.relations {
        assert!(!r.evidence.is_empty());
    }
    for a in g
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::State && a.recognised)
    {
        assert!(a.iso3.is_some() && a.cow.is_some(), "{} lacks codes", a.id);
    }
    let tr = g.actor(g.actor_by_id("turkey").unwrap());
    assert_eq!((tr.iso3.as_deref(), tr.cow), (Some("TUR"), Some(640)));
    let artsakh = g.actor(g.actor_by_id("artsakh").unwrap());
    assert!(!artsakh.recognised);
}

#[test]
fn the_actor_kinds_are_all_present() {
    let g = real_graph();
    for (id, kind) in [
        ("azerbaijan", ActorKind::State),
        ("ilham-aliyev", ActorKind::Person),
        ("csto", ActorKind::Organisation),
        ("syrian-mercenaries", ActorKind::ArmedGroup),
        ("nagorno-karabakh", ActorKind::Territory),
        ("ganja", ActorKind::Place),
        ("nagorno-karabakh-war-2020", ActorKind::Conflict),
    ] {
        let a = g.actor_by_id(id).unwrap_or_else(|| panic!("no {id}"));
        assert_eq!(g.actor(a).kind, kind, "{id}");
    }
}

#[test]
fn the_seed_facts_are_in_the_graph() {
    let g = real_graph();
    // The Russia-Turkey proxy rivalry in Libya and Syria.
    let rivals = find(&g, "rival", "russia", "turkey");
    let places: Vec<&str> = rivals
        .iter()
        .filter_map(|r| r.place)
        .map(|p| g.actor(p).id.as_str())
        .collect();
    assert!(
        places.contains(&"libya") && places.contains(&"syria"),
        "{places:?}"
    );
    // Israeli drones.
    let drones = one(&g, "arms_supplier", "israel", "azerbaijan");
    assert!(drones.systems.iter().any(|s| s.contains("drone")));
    assert!(quoted(drones, "Israeli-made drones"));
    // The withdrawn ambassador.
    let amb = one(&g, "recalls_ambassador", "armenia", "israel");
    assert!(quoted(amb, "withdrawn its ambassador to Israel"));
    // Contemplated recognition of Nagorno-Karabakh.
    assert_eq!(
        one(&g, "recognises", "armenia", "artsakh").status,
        Status::Considered
    );
    // The request for Russian peacekeepers, only considered.
    let pk = one(&g, "supports", "russia", "armenia");
    assert_eq!(pk.status, Status::Considered);
    assert!(quoted(pk, "peacekeepers"));
    // France's accusation and the Turkish and Azerbaijani denials.
    assert!(quoted(
        one(&g, "accuses", "france", "turkey"),
        "France accused Turkey"
    ));
    assert!(!find(&g, "denies", "turkey", "syrian-mercenaries").is_empty());
    assert!(!find(&g, "denies", "azerbaijan", "syrian-mercenaries").is_empty());
    // The alleged Syrian mercenaries brought by Turkey.
    let merc = g
        .relations
        .iter()
        .filter(|r| r.rtype == "supports" && g.actor(r.from).id == "turkey")
        .find(|r| r.status == Status::Alleged)
        .expect("Turkish support with mercenaries is alleged");
    assert!(
        merc.support.contains(&SupportKind::Recruits)
            || merc.support.contains(&SupportKind::Troops)
    );
    // The US/France/Russia joint statement.
    for s in ["united-states", "france", "russia"] {
        let c = one(&g, "calls_for_ceasefire", s, "nagorno-karabakh-war-2020");
        assert!(quoted(c, "joint statement"));
        one(&g, "condemns", s, "nagorno-karabakh-war-2020");
    }
    // The missile strike on Ganja, denied by Armenia.
    let ganja = g.actor_by_id("ganja").unwrap();
    let strike = find(&g, "attacks", "armenia", "azerbaijan")
        .into_iter()
        .find(|r| r.place == Some(ganja))
        .expect("the Ganja strike");
    assert_eq!(strike.valid_from, Some("2020-10-04".parse().unwrap()));
    assert!(strike
        .denied_by
        .contains(&g.actor_by_id("armenia").unwrap()));
    // Hajiyev's threat, and who he is.
    assert!(quoted(
        one(&g, "threatens", "azerbaijan", "armenia"),
        "military targets directly inside Armenia"
    ));
    assert_eq!(
        one(&g, "official_of", "hikmet-hajiyev", "azerbaijan")
            .role
            .as_deref(),
        Some("presidential aide")
    );
    // Martial law and general mobilisation.
    assert!(quoted(
        one(&g, "mobilises", "armenia", "nagorno-karabakh-war-2020"),
        "martial law"
    ));
    // The war itself, with its first attacks.
    one(&g, "at_war", "armenia", "azerbaijan");
    assert!(quoted(
        one(&g, "attacks", "azerbaijan", "artsakh"),
        "air and artillery attacks"
    ));
    // Economic ties, membership, the closest ally.
    one(&g, "economic_ties", "russia", "armenia");
    one(&g, "economic_ties", "russia", "azerbaijan");
    assert!(quoted(
        one(&g, "ally", "azerbaijan", "turkey"),
        "closest ally is Turkey"
    ));
    // Russian missiles on both sides.
    one(&g, "arms_supplier", "russia", "armenia");
    one(&g, "arms_supplier", "russia", "azerbaijan");
}

#[test]
fn the_background_facts_are_in_the_graph() {
    let g = real_graph();
    for m in [
        "armenia",
        "belarus",
        "kazakhstan",
        "kyrgyzstan",
        "russia",
        "tajikistan",
    ] {
        let r = one(&g, "member_of", m, "csto");
        assert_eq!(
            r.treaty.map(|t| g.treaty(t).id.as_str()),
            Some("cst-1992"),
            "{m}"
        );
    }
    for m in ["armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia"] {
        one(&g, "member_of", m, "eaeu");
    }
    assert!(find(&g, "member_of", "azerbaijan", "csto").is_empty());
    one(&g, "leads", "russia", "csto");
    one(&g, "leads", "russia", "eaeu");
    // The 1997 treaty and the base at Gyumri.
    let pact = one(&g, "defence_pact", "russia", "armenia");
    let t = g.treaty(pact.treaty.expect("cites its treaty"));
    assert_eq!(t.obligations[0].kind, ObligationKind::Defence);
    assert_eq!(t.obligations[0].scope, Scope::RecognisedTerritory);
    assert!(t.obligations[0].defensive_only);
    one(&g, "military_base_in", "russia", "gyumri");
    assert!(g.is_within(
        g.actor_by_id("gyumri").unwrap(),
        g.actor_by_id("armenia").unwrap()
    ));
    // Turkey-Azerbaijan 2010, Turkey in NATO.
    let ta = one(&g, "defence_pact", "turkey", "azerbaijan");
    assert!(g
        .treaty(ta.treaty.unwrap())
        .signed
        .unwrap()
        .to_string()
        .starts_with("2010-08"));
    one(&g, "member_of", "turkey", "nato");
    // The Minsk Group co-chairs.
    for s in ["france", "russia", "united-states"] {
        one(&g, "leads", s, "osce-minsk-group");
    }
    // Borders.
    for n in ["georgia", "iran", "turkey", "azerbaijan"] {
        one(&g, "borders", "armenia", n);
    }
    for n in ["russia", "georgia", "iran"] {
        one(&g, "borders", "azerbaijan", n);
    }
    one(&g, "borders", "nakhchivan", "turkey");
    // Nagorno-Karabakh: de jure Azerbaijani, held by Artsakh, which Armenia backs.
    let nk = g.actor_by_id("nagorno-karabakh").unwrap();
    assert_eq!(g.de_jure_holder(nk), g.actor_by_id("azerbaijan"));
    assert_eq!(
        g.de_facto_holders(nk),
        vec![g.actor_by_id("artsakh").unwrap()]
    );
    one(&g, "backs", "armenia", "artsakh");
    // The leaders.
    for (p, s) in [
        ("ilham-aliyev", "azerbaijan"),
        ("nikol-pashinyan", "armenia"),
        ("recep-tayyip-erdogan", "turkey"),
        ("vladimir-putin", "russia"),
        ("emmanuel-macron", "france"),
        ("donald-trump", "united-states"),
        ("benjamin-netanyahu", "israel"),
        ("arayik-harutyunyan", "artsakh"),
    ] {
        one(&g, "leader_of", p, s);
    }
}

#[test]
fn actors_are_found_by_id_name_alias_and_demonym() {
    let g = real_graph();
    let id = |s: &str| {
        g.actor(g.find(s).found().unwrap_or_else(|| panic!("{s} not found")))
            .id
            .clone()
    };
    assert_eq!(id("Azeri"), "azerbaijan");
    assert_eq!(id("AZERBAIJANI"), "azerbaijan");
    assert_eq!(id("Ankara"), "turkey");
    assert_eq!(id("Erdogan"), "recep-tayyip-erdogan");
    assert_eq!(id("nagorno karabakh"), "nagorno-karabakh");
    assert_eq!(id("Republic of Nagorno-Karabakh"), "artsakh");
    match g.find("Azerbajan") {
        Resolution::NotFound { suggestions } => {
            assert!(suggestions[0].contains("azerbaijan"), "{suggestions:?}")
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(g.find("zzzz"), Resolution::NotFound { suggestions } if suggestions.is_empty())
    );
}

#[test]
fn facts_first_reported_on_1_october_are_not_known_on_28_september() {
    let g = real_graph();
    let amb = one(&g, "recalls_ambassador", "armenia", "israel");
    assert!(!g.holds_on(amb, "2020-09-28".parse().unwrap()));
    assert!(g.holds_on(amb, "2020-10-01".parse().unwrap()));
    // A background treaty holds long before the posts.
    let pact = one(&g, "defence_pact", "russia", "armenia");
    assert!(g.holds_on(pact, "2005-01-01".parse().unwrap()));
}

#[test]
fn cli_validate_summarises_the_built_in_graph() {
    let dir = tempfile::tempdir().unwrap();
    casus()
        .current_dir(dir.path())
        .arg("validate")
        .assert()
        .success()
        .stdout(predicates::str::contains("actors: 39"))
        .stdout(predicates::str::contains("quotes checked verbatim"))
        .stdout(predicates::str::contains("ok: no problems found"));
}

#[test]
fn cli_show_turkey_and_azeri() {
    let out = casus().args(["show", "turkey"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Turkey (turkey), state, ISO TUR, COW 640"),
        "{text}"
    );
    assert!(text.contains("defence_pact") && text.contains("Azerbaijan"));
    assert!(text.contains("closest ally is Turkey"));

    let out = casus()
        .args(["show", "Azeri", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "azerbaijan");
    let rels = v["outgoing"].as_array().unwrap();
    assert!(rels
        .iter()
        .any(|r| r["type"] == "threatens" && r["to"]["id"] == "armenia"));
    let ev = &rels[0]["evidence"][0];
    assert!(ev["kind"] == "seed" || ev["kind"] == "background", "{ev}");
}

#[test]
fn cli_actors_by_kind_as_json() {
    let out = casus()
        .args(["actors", "--kind", "organisation", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "csto",
            "eaeu",
            "nato",
            "osce-minsk-group",
            "western-arms-suppliers"
        ]
    );
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] == "organisation"));
}

#[test]
fn cli_unknown_actor_and_bad_kind() {
    casus()
        .args(["show", "Azerbajan"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains("no actor `Azerbajan`"))
        .stderr(predicates::str::contains(
            "did you mean Azerbaijan (azerbaijan)",
        ));
    casus()
        .args(["actors", "--kind", "planet"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("use one of state, person"));
    casus().args(["show"]).assert().code(2);
    casus().args(["frobnicate"]).assert().code(2);
}

#[test]
fn cli_show_lists_events_at_a_place() {
    casus()
        .args(["show", "ganja"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Events here"))
        .stdout(predicates::str::contains("Armenia --> Azerbaijan"));
}

#[test]
fn the_2020_states_carry_capitals_cinc_major_powers_and_border_types() {
    let g = real_graph();
    let id = |s: &str| g.actor_by_id(s).unwrap();
    // Every state with a COW code has a capital and a CINC (2016, the last
    // year of NMC 6.0), cited to its data set's row.
    for a in g.actor_ids().filter(|a| g.actor(*a).cow.is_some()) {
        let at = &g.actor(a).attrs;
        assert!(at.capital.is_some(), "{} has no capital", g.actor(a).id);
        assert_eq!(
            at.cinc.as_ref().map(|m| m.year),
            Some(2016),
            "{}",
            g.actor(a).id
        );
    }
    assert!(g.actor(id("artsakh")).attrs.is_empty(), "not a COW state");
    let majors: Vec<&str> = g
        .actor_ids()
        .filter(|a| g.is_major_power(*a))
        .map(|a| g.actor(a).id.as_str())
        .collect();
    assert_eq!(majors, ["russia", "united-states", "france"]);
    assert!(g.cinc(id("russia")) > g.cinc(id("turkey")));
    let d = g.distance_km(id("armenia"), id("azerbaijan")).unwrap();
    assert!((400.0..500.0).contains(&d), "Yerevan-Baku {d}");
    for (a, b) in [
        ("armenia", "azerbaijan"),
        ("nakhchivan", "turkey"),
        ("azerbaijan", "russia"),
    ] {
        assert_eq!(one(&g, "borders", a, b).contiguity, Some(1), "{a}-{b}");
    }
}
