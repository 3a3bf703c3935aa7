//! Unit tests of the engine on small fixture graphs: gates (one test per
//! rule), channels, draws, the joining model's place in the cascade.

use super::*;

/// Ruritania and Borduria at war; Zenda is Bordurian, Strelsau
/// Ruritanian, and Karlsland holds a pact with Borduria whose
/// conditions each test sets.
fn world(obligation: Obligation) -> (Graph, Model) {
    world_with(obligation, false)
}

/// The same world; with `co_party`, Ruritania is bound by the pact too (a
/// dispute inside the alliance).
fn world_with(obligation: Obligation, co_party: bool) -> (Graph, Model) {
    let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
        ("defence_pact", false, Sign::Friendly, "alliance"),
        ("part_of", true, Sign::Neutral, "geography"),
        ("ally", false, Sign::Friendly, "alliance"),
    ]));
    let ru = b.actor("ruritania", ActorKind::State);
    let bo = b.actor("borduria", ActorKind::State);
    let ka = b.actor("karlsland", ActorKind::State);
    let zenda = b.actor("zenda", ActorKind::Place);
    let strelsau = b.actor("strelsau", ActorKind::Place);
    b.rel("part_of", zenda, bo);
    b.rel("part_of", strelsau, ru);
    let t = b
        .add_treaty(Treaty {
            id: "pact".into(),
            name: "Pact".into(),
            signed: Some("1999".parse().unwrap()),
            in_force: None,
            until: None,
            obligations: vec![obligation],
            atop_id: None,
            cow_id: None,
            evidence: Vec::new(),
            note: None,
        })
        .unwrap();
    let r = b.rel("defence_pact", ka, bo);
    b.relations_mut()[r.index()].treaty = Some(t);
    b.relations_mut()[r.index()].status = Status::Confirmed;
    if co_party {
        let r = b.rel("defence_pact", ka, ru);
        b.relations_mut()[r.index()].treaty = Some(t);
    }
    let g = b.build();
    let m = heuristic_only(&g);
    (g, m)
}

/// Karlsland's terms (the only candidate besides none) with the shipped
/// model, by name.
fn terms(g: &Graph, strike: &str, f: impl FnOnce(&mut Scenario)) -> Vec<(String, f64)> {
    let m = Model::embedded(g).unwrap();
    let mut sc = Scenario::new("t");
    sc.strikes.push(parse_strike(g, strike).unwrap());
    f(&mut sc);
    let ka = g.actor_by_id("karlsland").unwrap();
    joining::candidate_terms(g, &sc, &m)
        .unwrap()
        .into_iter()
        .find(|(a, _, _)| *a == ka)
        .map(|(_, t, st)| {
            t.iter()
                .chain(st.iter())
                .map(|t| (t.name.to_string(), t.value))
                .collect()
        })
        .unwrap_or_default()
}

/// The fitted side model places the target's treaty partner on the
/// target's side and says why; the attacker's partner on the attacker's.
#[test]
fn the_fitted_side_model_places_a_treaty_partner_with_its_partner() {
    let (g, _) = world(defence());
    let ts = terms(&g, "ruritania:borduria@zenda:sustained", |_| {});
    assert_eq!(term(&ts, "side_obligation"), -1.0, "{ts:?}");
    assert_eq!(term(&ts, "side_tie"), -1.0, "{ts:?}");
    let m = Model::embedded(&g).unwrap();
    assert!(
        m.side_model.is_some(),
        "the shipped model has a fitted side model"
    );
    let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
    let k = o.actor("karlsland").unwrap();
    assert_eq!(k.side.side, Some(Side::B), "{:?}", k.side);
    assert!(
        k.side.reason.contains("fitted side model"),
        "{}",
        k.side.reason
    );
    // The same pact with the attacker instead: the attacker's side.
    let o = run(&g, &m, "borduria:ruritania:sustained", |_| {});
    let k = o.actor("karlsland").unwrap();
    assert_eq!(k.side.side, Some(Side::A), "{:?}", k.side);
}

fn term(ts: &[(String, f64)], name: &str) -> f64 {
    ts.iter()
        .find(|(n, _)| n == name)
        .map(|x| x.1)
        .unwrap_or(f64::NAN)
}

fn role_failed(o: &Outcome, role: &str) -> Vec<String> {
    o.gates_of("pact")
        .filter(|t| t.role == role)
        .flat_map(|t| t.checks.iter())
        .filter(|c| !c.met)
        .map(|c| c.condition.clone())
        .collect()
}

#[test]
fn attacker_side_offence_opens_and_defence_only_in_a_war_it_did_not_provoke() {
    // Borduria strikes Ruritania. An offence clause opens for its ally,
    // even on an incident.
    let (g, m) = world(Obligation {
        kind: ObligationKind::Offence,
        defensive_only: false,
        ..defence()
    });
    let o = run(&g, &m, "borduria:ruritania@strelsau:incident", |_| {});
    assert!(role_failed(&o, "attacker").is_empty());
    assert!(o.defence_open("pact"));
    let ts = terms(&g, "borduria:ruritania@strelsau:incident", |_| {});
    assert_eq!(term(&ts, "attacker_side_open"), 1.0);
    assert_eq!(term(&ts, "defence_open"), 0.0);
    // A defence clause without non-provocation: only once the war comes back.
    let (g, m) = world(Obligation {
        defensive_only: false,
        ..defence()
    });
    let o = run(&g, &m, "borduria:ruritania@strelsau:incident", |_| {});
    assert_eq!(
        role_failed(&o, "attacker"),
        vec!["the war reaches the attacker"]
    );
    let o = run(&g, &m, "borduria:ruritania@strelsau:sustained", |_| {});
    assert!(role_failed(&o, "attacker").is_empty());
    let ts = terms(&g, "borduria:ruritania@strelsau:sustained", |_| {});
    assert_eq!(term(&ts, "attacker_side_open"), 1.0);
    // With non-provocation, the attacker's own war is not covered...
    let (g, m) = world(defence());
    let o = run(&g, &m, "borduria:ruritania@strelsau:sustained", |_| {});
    assert_eq!(role_failed(&o, "attacker"), vec!["not the initiator"]);
    assert_eq!(
        term(
            &terms(&g, "borduria:ruritania@strelsau:sustained", |_| {}),
            "defence_closed"
        ),
        1.0
    );
    // ...unless the scenario has the other side start the fighting.
    let ru = g.actor_by_id("ruritania");
    let o = run(&g, &m, "borduria:ruritania@strelsau:sustained", |sc| {
        sc.started_by = ru
    });
    assert!(role_failed(&o, "attacker").is_empty());
}

#[test]
fn an_unnamed_adversary_or_location_makes_the_gate_conditional() {
    for code in [
        "defense [defcoloc]",
        "defense [defcocon]",
        "defense [defcoadv]",
    ] {
        let (g, m) = world(Obligation {
            trigger: code.into(),
            ..defence()
        });
        let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
        let t = o.gates_of("pact").find(|t| t.role == "target").unwrap();
        assert!(t.open, "{code}: {:?}", t.checks);
        assert!(t.opens.contains("condition"), "{code}: {}", t.opens);
        let ts = terms(&g, "ruritania:borduria@zenda:sustained", |_| {});
        assert_eq!(term(&ts, "defence_conditional"), 1.0, "{code}");
        assert_eq!(term(&ts, "defence_open"), 0.0, "{code}");
    }
    // A named adversary is evaluated, not conditional.
    let (g0, _) = world(defence());
    let ru = g0.actor_by_id("ruritania").unwrap();
    let (g, m) = world(Obligation {
        trigger: "defense [defcoadv]".into(),
        adversaries: vec![ru],
        ..defence()
    });
    let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
    let t = o.gates_of("pact").find(|t| t.role == "target").unwrap();
    assert!(t.open && !t.opens.contains("condition"), "{}", t.opens);
}

#[test]
fn a_dispute_inside_the_alliance_opens_nothing_against_a_co_party() {
    let (g, m) = world_with(defence(), true);
    let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
    assert_eq!(role_failed(&o, "target"), vec!["not against a co-party"]);
    assert!(!o.defence_open("pact"));
    let ts = terms(&g, "ruritania:borduria@zenda:sustained", |_| {});
    assert_eq!(term(&ts, "intra_alliance"), 1.0);
    assert_eq!(term(&ts, "defence_open"), 0.0);
    // Unless the treaty names the co-party as an adversary.
    let ru = g.actor_by_id("ruritania").unwrap();
    let (g, m) = world_with(
        Obligation {
            adversaries: vec![ru],
            ..defence()
        },
        true,
    );
    let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
    assert!(role_failed(&o, "target").is_empty());
}

#[test]
fn severity_closes_below_the_clause_and_war_enters_the_joining_model() {
    let (g, m) = world(Obligation {
        min_severity: Severity::Sustained,
        ..defence()
    });
    let o = run(&g, &m, "ruritania:borduria@zenda:incident", |_| {});
    assert_eq!(role_failed(&o, "target"), vec!["severity"]);
    // An open gate after an incident and in a war: the gate-by-severity
    // term makes the difference, and the war's probability is higher.
    let (g, _) = world(defence());
    let inc = terms(&g, "ruritania:borduria@zenda:incident", |_| {});
    let war = terms(&g, "ruritania:borduria@zenda:sustained", |_| {});
    assert_eq!(term(&inc, "defence_open"), 1.0);
    assert_eq!(term(&inc, "war_x_defence_open"), 0.0);
    assert_eq!(term(&war, "war_x_defence_open"), 1.0);
    let m = Model::embedded(&g).unwrap();
    let p = |ts: &[(String, f64)]| {
        let x: f64 = m.joining.intercept.estimate
            + ts.iter().map(|(n, v)| m.joining.coef(n) * v).sum::<f64>();
        1.0 / (1.0 + (-x).exp())
    };
    assert!(p(&war) > 2.0 * p(&inc), "{} vs {}", p(&war), p(&inc));
}

/// The shipped model with the joining model switched off (intercept
/// -infinity, so every joining probability is exactly 0 and no joining
/// channel is built): what the heuristic channels and the gates carry
/// alone.
fn heuristic_only(g: &Graph) -> Model {
    let mut m = Model::embedded(g).unwrap();
    m.joining.intercept.estimate = f64::NEG_INFINITY;
    m
}

fn defence() -> Obligation {
    Obligation {
        kind: ObligationKind::Defence,
        trigger: "armed attack".into(),
        scope: Scope::RecognisedTerritory,
        defensive_only: true,
        min_severity: Severity::Incident,
        adversaries: Vec::new(),
        min_attackers: None,
        consultation_only: false,
    }
}

fn run(g: &Graph, m: &Model, strike: &str, f: impl FnOnce(&mut Scenario)) -> Outcome {
    let mut sc = Scenario::new("t");
    sc.strikes.push(parse_strike(g, strike).unwrap());
    sc.trials = 2000;
    sc.loo_trials = 0;
    f(&mut sc);
    simulate(g, &sc, m)
}

fn failed(o: &Outcome) -> Vec<String> {
    o.gates_of("pact")
        .flat_map(|t| t.checks.iter())
        .filter(|c| !c.met)
        .map(|c| c.condition.clone())
        .collect()
}

/// A supply chain away from the war: Karlsland arms Borduria (at war),
/// Ostland arms Karlsland, and Borduria supports the government of
/// Westland (in another war) and a militia.
#[test]
fn materiel_ties_carry_the_war_only_from_those_who_fight() {
    let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
        ("part_of", true, Sign::Neutral, "geography"),
        ("arms_supplier", true, Sign::Friendly, "military_support"),
        ("supports", true, Sign::Friendly, "military_support"),
        ("controls", true, Sign::Neutral, "geography"),
    ]));
    let ru = b.actor("ruritania", ActorKind::State);
    let bo = b.actor("borduria", ActorKind::State);
    let ka = b.actor("karlsland", ActorKind::State);
    let os = b.actor("ostland", ActorKind::State);
    let we = b.actor("westland", ActorKind::State);
    let mi = b.actor("militia", ActorKind::ArmedGroup);
    let far = b.actor("far-militia", ActorKind::ArmedGroup);
    let zenda = b.actor("zenda", ActorKind::Place);
    b.rel("part_of", zenda, bo);
    b.rel("controls", mi, zenda);
    b.rel("supports", bo, far);
    b.rel("arms_supplier", ka, bo);
    b.rel("arms_supplier", os, ka);
    b.rel("supports", bo, we);
    b.rel("supports", bo, mi);
    let g = b.build();
    let m = heuristic_only(&g);
    let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
    let p2 = |id: &str| o.actor(id).map(|a| a.p(2)).unwrap_or(0.0);
    // The supplier of a belligerent supplies it...
    assert!(p2("karlsland") > 0.5, "{:?}", o.actor("karlsland"));
    // ...but the supplier's own supplier is not drawn into this war,
    assert_eq!(p2("ostland"), 0.0);
    // nor is a government the belligerent supports elsewhere its proxy,
    assert_eq!(o.actor("westland").map(|a| a.p(3)).unwrap_or(0.0), 0.0);
    // while an armed group it supports in the war's theatre is,
    assert!(o.actor("militia").unwrap().p(3) > 0.5);
    // and one it supports in another theatre is not drawn in at all.
    assert!(
        o.actor("far-militia").is_none(),
        "{:?}",
        o.actor("far-militia")
    );
    let _ = (ru, os, we, mi, far);
}

#[test]
fn a_strike_inside_the_partys_territory_opens_the_gate() {
    let (g, m) = world(defence());
    let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
    assert!(o.defence_open("pact"), "{:?}", o.gates);
    let k = o.actor("karlsland").unwrap();
    // Open defence gate, joining model off: the heuristic channel
    // carries the guarantor up to L3 (P = 0.55, bf-2018 and heuristic),
    // damped as a remote guarantor (no interest tie, no border) by 0.3.
    assert!((k.p(3) - 0.55 * 0.3).abs() < 0.04, "{:?}", k.levels);
    assert_eq!(k.p(4), 0.0, "combat is the joining model's");
    assert!(k.p(1) > 0.9);
    // With the joining model: P(L4+) is its probability from the terms.
    let full = Model::embedded(&g).unwrap();
    let o = run(&g, &full, "ruritania:borduria@zenda:sustained", |sc| {
        sc.trials = 20_000
    });
    let k = o.actor("karlsland").unwrap();
    let j = k.joining.as_ref().expect("a candidate state has terms");
    let names: Vec<&str> = j.terms.iter().map(|t| t.name.as_str()).collect();
    assert!(
        names.contains(&"defence_open") && names.contains(&"war_x_defence_open"),
        "{names:?}"
    );
    assert!((k.p(4) - j.p).abs() < 0.01, "{} vs {}", k.p(4), j.p);
    let closed = run(&g, &full, "ruritania:borduria@strelsau:sustained", |sc| {
        sc.trials = 20_000
    });
    assert!(closed.p("karlsland", 4) < k.p(4) / 2.0);
}

#[test]
fn scope_severity_adversary_and_initiator_each_close_the_gate() {
    let (g, m) = world(defence());
    // Outside the party's territory (a Ruritanian city).
    let o = run(&g, &m, "ruritania:borduria@strelsau", |_| {});
    assert_eq!(failed(&o), vec!["territorial scope"]);
    assert!(
        o.p("karlsland", 2) == 0.0,
        "a closed gate carries statements only"
    );
    // Not severe enough.
    let (g, m) = world(Obligation {
        min_severity: Severity::Occupation,
        ..defence()
    });
    let o = run(&g, &m, "ruritania:borduria@zenda:sustained", |_| {});
    assert_eq!(failed(&o), vec!["severity"]);
    // Only against another adversary.
    let ka = g.actor_by_id("karlsland").unwrap();
    let (g, m) = world(Obligation {
        adversaries: vec![ka],
        ..defence()
    });
    let o = run(&g, &m, "ruritania:borduria@zenda", |_| {});
    assert_eq!(failed(&o), vec!["adversary"]);
    // Borduria started it: a defensive-only pact does not cover it...
    let (g, m) = world(defence());
    let bo = g.actor_by_id("borduria");
    let o = run(&g, &m, "ruritania:borduria@zenda", |sc| sc.started_by = bo);
    assert_eq!(failed(&o), vec!["not the initiator"]);
    // ...unless the pact is not defensive-only.
    let (g, m) = world(Obligation {
        defensive_only: false,
        ..defence()
    });
    let o = run(&g, &m, "ruritania:borduria@zenda", |sc| sc.started_by = bo);
    assert!(o.defence_open("pact"));
}

#[test]
fn regions_scope_is_an_area_limit_and_consultation_opens_l1_only() {
    let (g0, _) = world(defence());
    let zenda = g0.actor_by_id("zenda").unwrap();
    let (g, m) = world(Obligation {
        scope: Scope::Regions {
            regions: vec![zenda],
        },
        ..defence()
    });
    assert!(run(&g, &m, "ruritania:borduria@zenda", |_| {}).defence_open("pact"));
    let o = run(&g, &m, "ruritania:borduria", |_| {});
    assert_eq!(failed(&o), vec!["territorial scope"]);
    let (g, m) = world(Obligation {
        kind: ObligationKind::Consultation,
        consultation_only: true,
        ..defence()
    });
    let o = run(&g, &m, "ruritania:borduria@zenda", |_| {});
    assert!(o.gates_of("pact").any(|t| t.open));
    assert!(!o.defence_open("pact"));
    assert!(o.p("karlsland", 1) > 0.8 && o.p("karlsland", 2) == 0.0);
}

#[test]
fn an_attack_by_the_party_itself_opens_nothing() {
    let (g, m) = world(defence());
    let o = run(&g, &m, "borduria:ruritania@strelsau", |_| {});
    assert!(!o.defence_open("pact"));
    // Borduria strikes: its defence clause is evaluated for its allies
    // (attacker side) and stays closed: an incident it started.
    let traces: Vec<&GateTrace> = o.gates_of("pact").collect();
    assert!(
        traces.iter().all(|t| t.role == "attacker" && !t.open),
        "{traces:?}"
    );
}

#[test]
fn a_treaty_not_yet_in_force_stays_closed() {
    let (g, m) = world(defence());
    let o = run(&g, &m, "ruritania:borduria@zenda", |sc| {
        sc.as_of = Some("1998-01-01".parse().unwrap())
    });
    // The pact relation itself is dated only by the treaty; the gate says why.
    assert!(
        failed(&o).contains(&"in force".to_string()),
        "{:?}",
        failed(&o)
    );
}

#[test]
fn the_input_graph_is_never_changed() {
    let (g, m) = world(defence());
    let before = format!("{:?}", g.relations);
    let o = run(&g, &m, "ruritania:borduria@zenda", |sc| {
        sc.remove.push(Removal::Key { key: "none".into() });
        let (ka, bo) = (sc.strikes[0].target, sc.strikes[0].attacker);
        let rel = sc.hypothetical("ally", ka, bo, Some("what if".into()));
        sc.add.push(rel);
    });
    assert_eq!(o.scenario.added.len(), 1);
    assert_eq!(format!("{:?}", g.relations), before);
}

#[test]
fn draws_are_uniform_and_fixed() {
    let n = 20_000u64;
    let draws: Vec<f64> = (0..n).map(|i| draws::uniform(7, i, 1)).collect();
    assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
    let mean = draws.iter().sum::<f64>() / n as f64;
    assert!((mean - 0.5).abs() < 0.01, "{mean}");
    let below = draws.iter().filter(|u| **u < 0.1).count() as f64 / n as f64;
    assert!((below - 0.1).abs() < 0.01, "{below}");
    assert_eq!(draws::uniform(7, 3, 2), draws::uniform(7, 3, 2));
    assert_ne!(draws::uniform(7, 3, 2), draws::uniform(8, 3, 2));
    assert_ne!(draws::uniform(7, 3, 2), draws::uniform(7, 3, 3));
}

#[test]
fn a_dated_event_counts_for_ten_years_and_no_longer() {
    let (mut g, m) = world(defence());
    let (ru, ka) = (
        g.actor_by_id("ruritania").unwrap(),
        g.actor_by_id("karlsland").unwrap(),
    );
    let mut b = g.to_builder();
    let ev = b.rel("ally", ka, ru);
    let day: PartialDate = "2010-06-01".parse().unwrap();
    b.relations_mut()[ev.index()].valid_from = Some(day);
    b.relations_mut()[ev.index()].valid_until = Some(day);
    g = b.build();
    let live_on = |date: &str| {
        let mut sc = Scenario::new("t");
        sc.strikes
            .push(parse_strike(&g, "ruritania:borduria@zenda").unwrap());
        sc.as_of = Some(date.parse().unwrap());
        World::new(&g, &sc, &m).live[ev.index()]
    };
    assert!(!live_on("2010-05-31"), "not before it happened");
    assert!(live_on("2010-06-01"));
    assert!(live_on("2020-06-01"), "ten years on, it still counts");
    assert!(!live_on("2020-06-02"), "then it is cut");
}

/// Ruritania strikes Borduria at Zenda; Osterlich is Borduria's ally and
/// Karlsland is the rival of `rival_of` (a second-order tie when it is
/// Osterlich, a first-order one when it is a belligerent).
fn camp_world(rival_of: &str) -> Graph {
    let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
        ("part_of", true, Sign::Neutral, "geography"),
        ("ally", false, Sign::Friendly, "alliance"),
        ("rival", false, Sign::Hostile, "conflict"),
    ]));
    let ru = b.actor("ruritania", ActorKind::State);
    let bo = b.actor("borduria", ActorKind::State);
    let ka = b.actor("karlsland", ActorKind::State);
    let os = b.actor("osterlich", ActorKind::State);
    let zenda = b.actor("zenda", ActorKind::Place);
    b.rel("part_of", zenda, bo);
    let other = [("ruritania", ru), ("borduria", bo), ("osterlich", os)]
        .into_iter()
        .find(|(id, _)| *id == rival_of)
        .unwrap()
        .1;
    for r in [b.rel("ally", bo, os), b.rel("rival", ka, other)] {
        b.relations_mut()[r.index()].status = Status::Confirmed;
    }
    b.build()
}

#[test]
fn a_rival_of_a_belligerents_ally_is_a_second_order_term_and_war_interacts() {
    let g = camp_world("osterlich");
    let war = terms(&g, "ruritania:borduria@zenda:sustained", |_| {});
    let inc = terms(&g, "ruritania:borduria@zenda:incident", |_| {});
    assert_eq!(term(&war, "rival_of_ally"), 1.0, "{war:?}");
    assert_eq!(term(&war, "war_x_rival_of_ally"), 1.0, "{war:?}");
    assert_eq!(term(&inc, "rival_of_ally"), 1.0, "{inc:?}");
    assert_eq!(term(&inc, "war_x_rival_of_ally"), 0.0, "{inc:?}");
    assert_eq!(term(&war, "rival_target"), 0.0, "{war:?}");
    // The term names the ally and the belligerent, and carries both facts.
    let m = Model::embedded(&g).unwrap();
    let mut sc = Scenario::new("t");
    sc.strikes
        .push(parse_strike(&g, "ruritania:borduria@zenda:sustained").unwrap());
    let ka = g.actor_by_id("karlsland").unwrap();
    let (_, ts, _) = joining::candidate_terms(&g, &sc, &m)
        .unwrap()
        .into_iter()
        .find(|(a, _, _)| *a == ka)
        .unwrap();
    let t = ts.iter().find(|t| t.name == "rival_of_ally").unwrap();
    assert!(
        t.why.contains("Osterlich") || t.why.contains("osterlich"),
        "{}",
        t.why
    );
    assert!(
        t.why.contains("Borduria") || t.why.contains("borduria"),
        "{}",
        t.why
    );
    assert_eq!(
        t.facts.len(),
        2,
        "the rivalry and the alliance: {:?}",
        t.facts
    );
}

#[test]
fn a_rival_of_a_belligerent_itself_is_no_rival_of_an_ally() {
    for (rival_of, first_order) in [
        ("borduria", "rival_target"),
        ("ruritania", "rival_attacker"),
    ] {
        let g = camp_world(rival_of);
        let ts = terms(&g, "ruritania:borduria@zenda:sustained", |_| {});
        assert_eq!(term(&ts, first_order), 1.0, "{rival_of}: {ts:?}");
        assert_eq!(term(&ts, "rival_of_ally"), 0.0, "{rival_of}: {ts:?}");
    }
}
