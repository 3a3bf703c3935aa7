//! Relationship queries: paths, neighbours, members, cross-pressure,
//! brokers and common ties, on the real 2020 graph (through the binary and
//! the library) and, as properties, on random graphs.

use crate::{casus, fixture, real_graph};
use casus::model::*;
use casus::query::*;
use predicates::str::contains;
use serde_json::Value;

/// Runs the binary and parses its JSON output; returns (exit code, json).
pub fn json(args: &[&str]) -> (i32, Value) {
    let out = casus()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

fn ids(actors: &Value) -> Vec<&str> {
    actors
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect()
}

fn id(g: &Graph, s: &str) -> ActorId {
    g.actor_by_id(s).unwrap_or_else(|| panic!("no actor {s}"))
}

// ------------------------------------------------------------------ path

#[test]
fn israel_and_armenia_are_directly_connected_by_the_withdrawn_ambassador() {
    let (code, v) = json(&["path", "israel", "armenia"]);
    assert_eq!(code, 0);
    let p = &v["paths"][0];
    assert_eq!(p["hops"], 1);
    assert_eq!(ids(&p["actors"]), ["israel", "armenia"]);
    let hop = &p["steps"][0];
    assert_eq!(hop["relation"]["type"], "recalls_ambassador");
    assert_eq!(hop["relation"]["status"], "confirmed");
    assert_eq!(
        hop["along"], false,
        "Armenia recalled its ambassador from Israel"
    );
    let quoted = hop["relation"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| {
            e["kind"] == "seed"
                && e["doc"] == "post-2020-10-01"
                && e["quote"]
                    .as_str()
                    .unwrap()
                    .contains("withdrawn its ambassador to Israel")
        });
    assert!(quoted, "{hop}");
    casus()
        .args(["path", "Israel", "Armenian"])
        .assert()
        .success()
        .stdout(contains(
            "Israel <--recalls_ambassador-- Armenia [confirmed] 2020-10-01",
        ))
        .stdout(contains("withdrawn its ambassador to Israel"))
        .stdout(contains("(post-2020-10-01, 2020-10-01, line 3)"));
}

#[test]
fn through_arms_and_war_the_path_runs_through_azerbaijan() {
    let (code, v) = json(&[
        "path",
        "israel",
        "armenia",
        "--via",
        "arms_supplier,attacks,at_war",
    ]);
    assert_eq!(code, 0);
    let p = &v["paths"][0];
    assert_eq!(ids(&p["actors"]), ["israel", "azerbaijan", "armenia"]);
    assert_eq!(p["steps"][0]["relation"]["type"], "arms_supplier");
    assert_eq!(p["steps"][0]["along"], true);
    for hop in p["steps"].as_array().unwrap() {
        let t = hop["relation"]["type"].as_str().unwrap();
        assert!(["arms_supplier", "attacks", "at_war"].contains(&t), "{t}");
        for also in hop["also"].as_array().unwrap() {
            let t = also["type"].as_str().unwrap();
            assert!(["arms_supplier", "attacks", "at_war"].contains(&t), "{t}");
        }
    }
    assert_eq!(v["filter"]["via"][1], "attacks");
}

#[test]
fn at_least_reported_no_path_uses_the_alleged_syrian_mercenaries() {
    // Through military support only, Turkey reaches Azerbaijan through the
    // alleged mercenaries...
    let (code, v) = json(&[
        "path",
        "turkey",
        "azerbaijan",
        "--via",
        "military_support",
        "--all",
    ]);
    assert_eq!(code, 0);
    let through: Vec<&Value> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| ids(&p["actors"]).contains(&"syrian-mercenaries"))
        .collect();
    assert_eq!(through.len(), 1);
    assert_eq!(through[0]["weakest"], "alleged");
    // ...and not at all once alleged facts are left out.
    casus()
        .args(["path", "turkey", "azerbaijan", "--via", "military_support"])
        .args(["--all", "--min-status", "reported"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("no connection between Turkey and Azerbaijan"))
        .stderr(contains("at least reported"));
    // Between any two actors, the three best paths at least reported use
    // no weaker fact, so none of the mercenaries' alleged relations.
    let g = real_graph();
    let merc = id(&g, "syrian-mercenaries");
    let alleged: Vec<RelId> = g
        .relation_ids()
        .filter(|r| {
            let rel = g.relation(*r);
            (rel.from == merc || rel.to == merc) && rel.status == Status::Alleged
        })
        .collect();
    assert_eq!(
        alleged.len(),
        2,
        "fights_for Azerbaijan, supported by Turkey"
    );
    let q = PathQuery {
        filter: Filter {
            min_status: Some(Status::Reported),
            ..Filter::default()
        },
        ..PathQuery::default()
    };
    let mut paths = 0;
    for a in g.actor_ids() {
        for b in g.actor_ids().filter(|b| *b != a) {
            for p in k_shortest_paths(&g, a, b, &q, 3) {
                paths += 1;
                for r in &p.rels {
                    assert!(!alleged.contains(r));
                    assert!(g.relation(*r).status.strength() >= Status::Reported.strength());
                }
            }
        }
    }
    assert!(paths > 1000, "{paths} paths checked");
}

/// Facts first known on 1 October 2020: first reported by the post of that
/// day, and not holding on 28 September (either because the post is their
/// only source, or because they are dated 1 October).
fn first_known_on_1_october(g: &Graph) -> Vec<RelId> {
    let oct1: Date = "2020-10-01".parse().unwrap();
    let sep28: Date = "2020-09-28".parse().unwrap();
    g.relation_ids()
        .filter(|r| {
            let rel = g.relation(*r);
            g.first_reported(rel) == Some(oct1) && !g.holds_on(rel, sep28) && g.holds_on(rel, oct1)
        })
        .collect()
}

#[test]
fn as_of_28_september_leaves_out_what_was_first_reported_on_1_october() {
    let g = real_graph();
    let late = first_known_on_1_october(&g);
    let recall = g
        .relation_ids()
        .find(|r| g.relation(*r).rtype == "recalls_ambassador")
        .unwrap();
    assert!(
        late.contains(&recall),
        "the ambassador was withdrawn on 1 October"
    );
    // Some are undated: only the date of the post keeps them out.
    let undated = late
        .iter()
        .filter(|r| g.relation(**r).valid_from.is_none())
        .count();
    assert!(undated >= 1, "{} undated facts from 1 October", undated);
    // On the command line: Israel and Armenia are no longer adjacent.
    let (code, v) = json(&["path", "israel", "armenia", "--as-of", "2020-09-28"]);
    assert_eq!(code, 0);
    assert_eq!(v["filter"]["as_of"], "2020-09-28");
    let p = &v["paths"][0];
    assert_eq!(p["hops"], 2);
    for hop in p["steps"].as_array().unwrap() {
        assert_ne!(hop["relation"]["type"], "recalls_ambassador");
    }
    let (_, n) = json(&["neighbors", "israel", "--as-of", "2020-09-28"]);
    assert!(!ids(&n["rings"][0]["actors"]).contains(&"armenia"), "{n}");
    // In the library: no path or neighbourhood uses any of them.
    let q = PathQuery {
        filter: Filter {
            as_of: Some("2020-09-28".parse().unwrap()),
            ..Filter::default()
        },
        ..PathQuery::default()
    };
    for a in g.actor_ids() {
        for b in g.actor_ids().filter(|b| *b != a) {
            for p in k_shortest_paths(&g, a, b, &q, 2) {
                assert!(p.rels.iter().all(|r| !late.contains(r)));
            }
        }
        let n = neighbors(&g, a, 2, &q.filter);
        for ring in &n.rings {
            for link in ring.groups.iter().flat_map(|gr| &gr.links) {
                assert!(!late.contains(&link.rel));
            }
        }
    }
}

#[test]
fn k_best_paths_are_ranked_and_all_paths_respect_the_bound() {
    let (code, v) = json(&["path", "israel", "armenia", "--k", "4"]);
    assert_eq!(code, 0);
    let paths = v["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 4);
    let keys: Vec<(u64, i64)> = paths
        .iter()
        .map(|p| {
            (
                p["hops"].as_u64().unwrap(),
                -p["strength"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    // Parallel relations make one route, listed beside the strongest.
    let routes: Vec<Vec<&str>> = paths.iter().map(|p| ids(&p["actors"])).collect();
    let mut unique = routes.clone();
    unique.dedup();
    assert_eq!(unique.len(), routes.len());
    let (_, all) = json(&["path", "russia", "turkey", "--all", "--max-hops", "2"]);
    let all = all["paths"].as_array().unwrap();
    assert!(all.len() >= 3);
    assert!(all.iter().all(|p| p["hops"].as_u64().unwrap() <= 2));
    casus()
        .args(["path", "russia", "turkey", "--all", "--k", "2"])
        .assert()
        .code(2);
}

#[test]
fn directed_walks_follow_the_arrow_except_for_symmetric_types() {
    casus()
        .args([
            "path",
            "armenia",
            "israel",
            "--directed",
            "--via",
            "recalls_ambassador",
        ])
        .assert()
        .success()
        .stdout(contains("Armenia --recalls_ambassador--> Israel"));
    casus()
        .args([
            "path",
            "israel",
            "armenia",
            "--directed",
            "--via",
            "recalls_ambassador",
        ])
        .assert()
        .code(1)
        .stderr(contains("following directions"))
        .stderr(contains("Israel has no relation that can start a path"));
    casus()
        .args([
            "path",
            "israel",
            "armenia",
            "--directed",
            "--via",
            "recalls_ambassador,arms_supplier",
        ])
        .assert()
        .code(1)
        .stderr(contains("drop --directed"));
    // at_war is symmetric: walkable from either side even with --directed.
    for (a, b) in [("armenia", "azerbaijan"), ("azerbaijan", "armenia")] {
        let (code, _) = json(&["path", a, b, "--directed", "--via", "at_war"]);
        assert_eq!(code, 0, "{a} to {b}");
    }
}

#[test]
fn unknown_actors_get_the_closest_matches_and_exit_1() {
    for cmd in [
        vec!["path", "israel", "armenai"],
        vec!["neighbors", "armenai"],
        vec!["members", "armenai"],
        vec!["common", "armenai", "israel"],
        vec!["cross-pressure", "--actor", "armenai"],
    ] {
        casus()
            .args(&cmd)
            .assert()
            .code(1)
            .stdout("")
            .stderr(contains("no actor `armenai` in the graph"))
            .stderr(contains("did you mean Armenia (armenia)"));
    }
}

#[test]
fn bad_types_dates_and_statuses_are_usage_errors() {
    casus()
        .args(["path", "israel", "armenia", "--via", "arms_suplier"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `arms_supplier`?"));
    casus()
        .args(["neighbors", "israel", "--avoid", "alliances"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `alliance`?"));
    casus()
        .args(["path", "israel", "armenia", "--as-of", "2020-09-31"])
        .assert()
        .code(2)
        .stderr(contains("has 30 days"));
    casus()
        .args(["brokers", "--as-of", "October"])
        .assert()
        .code(2)
        .stderr(contains("YYYY-MM-DD"));
    casus()
        .args(["cross-pressure", "--min-status", "rumoured"])
        .assert()
        .code(2)
        .stderr(contains("confirmed, reported, claimed"));
    casus()
        .args(["path", "israel", "Israeli"])
        .assert()
        .code(2)
        .stderr(contains("same actor"));
}

#[test]
fn an_actor_with_no_relation_has_no_path_and_the_hint_says_why() {
    casus()
        .args(["path", "israel", "libya"])
        .assert()
        .code(1)
        .stderr(contains("Libya has no relation"));
    let (code, v) = json(&["path", "israel", "libya"]);
    assert_eq!(code, 1);
    assert_eq!(v["paths"], Value::Array(vec![]));
}

#[test]
fn colour_follows_the_color_option() {
    let out = casus()
        .args(["--color", "always", "path", "israel", "armenia"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\x1b["));
    let out = casus()
        .args(["--color", "never", "path", "israel", "armenia"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b["));
}

// ------------------------------------------------------------- neighbours

#[test]
fn neighbours_are_grouped_by_type_and_direction() {
    casus()
        .args(["neighbors", "israel"])
        .assert()
        .success()
        .stdout(contains("Israel (israel): 3 actors within 1 hop"))
        .stdout(contains(
            "  arms_supplier (1)\n    --> Azerbaijan [confirmed] since 2006",
        ))
        .stdout(contains(
            "  recalls_ambassador (1)\n    <-- Armenia [confirmed] 2020-10-01",
        ));
    let (code, v) = json(&[
        "neighbours",
        "israel",
        "--depth",
        "2",
        "--via",
        "arms_supplier",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["center"]["id"], "israel");
    assert_eq!(ids(&v["rings"][0]["actors"]), ["azerbaijan"]);
    assert_eq!(
        ids(&v["rings"][1]["actors"]),
        ["western-arms-suppliers", "russia"]
    );
    let g = &v["rings"][1]["groups"][0];
    assert_eq!(
        (g["type"].as_str(), g["direction"].as_str()),
        (Some("arms_supplier"), Some("in"))
    );
    assert_eq!(g["links"][0]["near"]["id"], "azerbaijan");
}

// ------------------------------------------------- members and analysts

#[test]
fn members_of_the_csto_and_organisations_of_armenia() {
    let (code, v) = json(&["members", "CSTO"]);
    assert_eq!(code, 0);
    let members: Vec<&str> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["other"]["id"].as_str().unwrap())
        .collect();
    for m in [
        "armenia",
        "russia",
        "belarus",
        "kazakhstan",
        "kyrgyzstan",
        "tajikistan",
    ] {
        assert!(members.contains(&m), "{m} in {members:?}");
    }
    assert!(
        !members.contains(&"azerbaijan"),
        "Azerbaijan is a member of neither"
    );
    assert_eq!(v["led_by"][0]["other"]["id"], "russia");
    let (_, a) = json(&["members", "armenia"]);
    let orgs: Vec<&str> = a["member_of"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["other"]["id"].as_str().unwrap())
        .collect();
    assert!(orgs.contains(&"csto") && orgs.contains(&"eaeu"), "{orgs:?}");
    casus()
        .args(["members", "israel"])
        .assert()
        .code(1)
        .stderr(contains("no member_of or leads relation"));
}

#[test]
fn russia_is_cross_pressured_between_armenia_and_azerbaijan() {
    let (code, v) = json(&["cross-pressure"]);
    assert_eq!(code, 0);
    let all = v["cross_pressured"].as_array().unwrap();
    let russia = all
        .iter()
        .find(|c| {
            c["actor"]["id"] == "russia" && {
                let mut s = ids(&c["sides"]);
                s.sort();
                s == ["armenia", "azerbaijan"]
            }
        })
        .expect("Russia between Armenia and Azerbaijan");
    assert_eq!(
        all[0]["pressure"], russia["pressure"],
        "the textbook case ranks first (Azerbaijan between Turkey and Russia ties with it)"
    );
    for side in 0..2 {
        let types: Vec<&str> = russia["ties"][side]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["type"].as_str().unwrap())
            .collect();
        assert!(types.contains(&"arms_supplier"), "{types:?}");
    }
    let hostile: Vec<&str> = russia["hostility"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert!(hostile.contains(&"at_war"), "{hostile:?}");
    casus()
        .args(["cross-pressure", "--actor", "Moscow", "--side", "Azeri"])
        .assert()
        .success()
        .stdout(contains("1. Russia between Azerbaijan and Armenia"))
        .stdout(contains("Russia --arms_supplier--> Azerbaijan [reported]"))
        .stdout(contains("Russia --arms_supplier--> Armenia [reported]"));
    // Only through facts stated in the posts: still, by the arms and the
    // economic ties the 28 September and 4 October posts describe.
    let (code, v) = json(&["cross-pressure", "--actor", "russia", "--seed-only"]);
    assert_eq!(code, 0);
    assert!(!v["cross_pressured"].as_array().unwrap().is_empty());
}

#[test]
fn russia_is_a_top_broker_of_the_friendly_network() {
    let (code, v) = json(&["brokers", "--top", "3"]);
    assert_eq!(code, 0);
    let top = v["brokers"].as_array().unwrap();
    assert_eq!(top.len(), 3);
    let russia = top
        .iter()
        .find(|b| b["actor"]["id"] == "russia")
        .expect("Russia in the top 3");
    let bridges: Vec<Vec<&str>> = russia["bridges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| ids(p))
        .collect();
    assert!(bridges
        .iter()
        .any(|p| p.contains(&"armenia") && p.contains(&"azerbaijan")));
    for b in top {
        let n = b["normalized"].as_f64().unwrap();
        assert!(n > 0.0 && n <= 1.0);
        for t in b["ties"].as_array().unwrap() {
            assert_eq!(t["sign"], "friendly");
        }
    }
    let scores: Vec<f64> = top
        .iter()
        .map(|b| b["betweenness"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn armenia_and_azerbaijan_share_russia_as_a_supplier() {
    let (code, v) = json(&["common", "armenia", "azerbaijan"]);
    assert_eq!(code, 0);
    let direct: Vec<&str> = v["direct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert!(direct.contains(&"at_war"), "{direct:?}");
    let russia = v["common"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["actor"]["id"] == "russia")
        .expect("Russia is tied to both");
    assert!(russia["shared"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["type"] == "arms_supplier" && s["direction"] == "in"));
    casus()
        .args(["common", "armenia", "azerbaijan", "--via", "membership"])
        .assert()
        .success()
        .stdout(contains("OSCE Minsk Group: both --member_of--> it"));
}

#[test]
fn queries_run_on_another_graph_directory() {
    casus()
        .args(["path", "ruritania", "zenda", "--graph"])
        .arg(fixture("mini"))
        .assert()
        .success()
        .stdout(contains("Ruritania - Borduria - Zenda"));
    casus()
        .args(["cross-pressure", "--graph"])
        .arg(fixture("mini"))
        .assert()
        .code(1)
        .stderr(contains("no cross-pressured actor"));
}

// --------------------------------------------------- random-graph properties

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{HashMap, HashSet, VecDeque};

    const TYPES: [(&str, bool, Sign, &str); 6] = [
        ("ally", false, Sign::Friendly, "alliance"),
        ("arms_supplier", true, Sign::Friendly, "military"),
        ("member_of", true, Sign::Friendly, "membership"),
        ("attacks", true, Sign::Hostile, "conflict"),
        ("at_war", false, Sign::Hostile, "conflict"),
        ("borders", false, Sign::Neutral, "geography"),
    ];
    const NAMES: [&str; 10] = [
        "ally",
        "arms_supplier",
        "member_of",
        "attacks",
        "at_war",
        "borders",
        "alliance",
        "military",
        "conflict",
        "geography",
    ];
    const KINDS: [ActorKind; 4] = [
        ActorKind::State,
        ActorKind::Organisation,
        ActorKind::ArmedGroup,
        ActorKind::Place,
    ];

    /// A relation as drawn: type, from, to, status, since and until (days
    /// after 2020-09-25), and its evidence: a seed post (early or late)
    /// or a background reference.
    type RawRel = (
        usize,
        usize,
        usize,
        usize,
        Option<u8>,
        Option<u8>,
        Option<bool>,
    );

    fn day(offset: u8) -> PartialDate {
        let d = 25 + u32::from(offset % 20);
        let (m, d) = if d > 30 { (10, d - 30) } else { (9, d) };
        format!("2020-{m:02}-{d:02}").parse().unwrap()
    }

    fn build(kinds: &[usize], rels: &[RawRel]) -> Graph {
        let n = kinds.len();
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&TYPES));
        for (doc, date) in [("early", "2020-09-27"), ("late", "2020-10-01")] {
            b.documents.insert(
                doc.into(),
                Document {
                    id: doc.into(),
                    file: String::new(),
                    title: None,
                    date: date.parse().unwrap(),
                    date_note: None,
                    url: None,
                    publisher: None,
                    text: String::new(),
                },
            );
        }
        let ids: Vec<ActorId> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| b.actor(&format!("a{i}"), KINDS[k % KINDS.len()]))
            .collect();
        for &(t, f, to, s, since, until, seed) in rels {
            let mut r =
                GraphBuilder::simple_relation(TYPES[t % TYPES.len()].0, ids[f % n], ids[to % n]);
            r.status = Status::ALL[s % Status::ALL.len()];
            r.valid_from = since.map(day);
            r.valid_until = until.map(day);
            if let Some(late) = seed {
                r.evidence = casus::model::Evidence::from([Citation::Seed {
                    doc: if late { "late" } else { "early" }.into(),
                    quote: "q".into(),
                    line: 1,
                    column: 1,
                }]);
            }
            b.add_relation(r).unwrap();
        }
        b.build()
    }

    /// A filter as drawn: via and avoid as bit sets over NAMES, min
    /// status, seed only, as-of offset.
    type RawFilter = (u16, u16, Option<usize>, bool, Option<u8>);

    fn filter((via, avoid, min, seed_only, as_of): RawFilter) -> Filter {
        let pick = |bits: u16| -> Vec<String> {
            NAMES
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, n)| n.to_string())
                .collect()
        };
        Filter {
            // Mostly no via, so that most graphs stay connected.
            via: if via % 3 == 0 {
                pick(via >> 2)
            } else {
                Vec::new()
            },
            avoid: if avoid % 4 == 0 {
                pick(avoid >> 2)
            } else {
                Vec::new()
            },
            min_status: min.map(|i| Status::ALL[i % Status::ALL.len()]),
            seed_only,
            as_of: as_of.map(|d| day(d).earliest()),
        }
    }

    fn arb_graph() -> impl Strategy<Value = (Vec<usize>, Vec<RawRel>)> {
        (1usize..10).prop_flat_map(|n| {
            (
                prop::collection::vec(0usize..4, n),
                prop::collection::vec(
                    (
                        0usize..6,
                        0usize..n,
                        0usize..n,
                        0usize..6,
                        prop::option::of(0u8..20),
                        prop::option::of(0u8..20),
                        prop::option::of(any::<bool>()),
                    ),
                    0..30,
                ),
            )
        })
    }

    fn arb_filter() -> impl Strategy<Value = RawFilter> {
        (
            any::<u16>(),
            any::<u16>(),
            prop::option::weighted(0.3, 0usize..6),
            prop::bool::weighted(0.2),
            prop::option::weighted(0.3, 0u8..20),
        )
    }

    /// Can a walk take relation `r` from `a` to `b`? Checked against the
    /// relation itself, independently of the query code.
    fn hop_ok(g: &Graph, q: &PathQuery, r: RelId, a: ActorId, b: ActorId) -> bool {
        let rel = g.relation(r);
        let forward = rel.from == a && rel.to == b;
        let backward = rel.from == b && rel.to == a;
        let direction_ok =
            forward || (backward && (q.walk == Walk::Undirected || !g.rtype(rel).directed));
        a != b && direction_ok && q.filter.allows(g, r)
    }

    fn assert_valid(g: &Graph, q: &PathQuery, p: &Path, from: ActorId, to: ActorId) {
        assert_eq!(p.actors.len(), p.rels.len() + 1);
        assert_eq!(p.actors.first(), Some(&from));
        assert_eq!(p.actors.last(), Some(&to));
        let distinct: HashSet<&ActorId> = p.actors.iter().collect();
        assert_eq!(distinct.len(), p.actors.len(), "a simple path: {p:?}");
        for (i, r) in p.rels.iter().enumerate() {
            assert!(
                hop_ok(g, q, *r, p.actors[i], p.actors[i + 1]),
                "hop {i} of {p:?}"
            );
        }
        if let Some(m) = q.max_hops {
            assert!(p.len() <= m);
        }
    }

    /// Hop distances from `from`, by a plain BFS over the relations.
    fn bfs(g: &Graph, q: &PathQuery, from: ActorId) -> HashMap<ActorId, usize> {
        let mut dist = HashMap::from([(from, 0)]);
        let mut queue = VecDeque::from([from]);
        while let Some(a) = queue.pop_front() {
            for r in g.relation_ids() {
                let rel = g.relation(r);
                for (x, y) in [(rel.from, rel.to), (rel.to, rel.from)] {
                    if x == a && !dist.contains_key(&y) && hop_ok(g, q, r, x, y) {
                        dist.insert(y, dist[&a] + 1);
                        queue.push_back(y);
                    }
                }
            }
        }
        dist
    }

    /// The ends and the path query a property drew.
    fn path_query(
        g: &Graph,
        ends: (usize, usize),
        raw: RawFilter,
        directed: bool,
        max_hops: Option<usize>,
    ) -> (ActorId, ActorId, PathQuery) {
        let n = g.actors.len();
        let (from, to) = (ActorId((ends.0 % n) as u32), ActorId((ends.1 % n) as u32));
        let q = PathQuery {
            filter: filter(raw),
            walk: if directed {
                Walk::Directed
            } else {
                Walk::Undirected
            },
            max_hops,
        };
        (from, to, q)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn paths_are_real_filtered_shortest_and_ranked(
            (kinds, rels) in arb_graph(),
            raw in arb_filter(),
            ends in (any::<usize>(), any::<usize>()),
            directed in any::<bool>(),
            k in 1usize..6,
            max_hops in prop::option::weighted(0.3, 1usize..4),
        ) {
            let g = build(&kinds, &rels);
            let (from, to, q) = path_query(&g, ends, raw, directed, max_hops);
            let dist = bfs(&g, &q, from);
            let reachable = dist.get(&to).filter(|d| max_hops.is_none_or(|m| **d <= m));
            let best = shortest_path(&g, from, to, &q);
            prop_assert_eq!(best.as_ref().map(Path::len), reachable.copied());
            if let Some(p) = &best {
                assert_valid(&g, &q, p, from, to);
            }
            let ks = k_shortest_paths(&g, from, to, &q, k);
            prop_assert!(ks.len() <= k);
            prop_assert_eq!(ks.first().map(Path::len), best.as_ref().map(Path::len));
            for p in &ks {
                assert_valid(&g, &q, p, from, to);
            }
            for w in ks.windows(2) {
                prop_assert!(w[0].len() <= w[1].len(), "lengths never decrease");
                if w[0].len() == w[1].len() {
                    prop_assert!(w[0].strength(&g) >= w[1].strength(&g), "then strength");
                }
            }
            let routes: HashSet<&Vec<ActorId>> = ks.iter().map(|p| &p.actors).collect();
            prop_assert_eq!(routes.len(), ks.len(), "distinct routes");
            // Yen finds as many routes as exhaustive enumeration has, in
            // the same order of length.
            let bound = max_hops.unwrap_or(g.actors.len());
            let all = all_paths(&g, from, to, &q, bound, 10_000);
            prop_assert!(!all.truncated);
            for p in &all.paths {
                assert_valid(&g, &q, p, from, to);
            }
            prop_assert_eq!(ks.len(), k.min(all.paths.len()));
            let all_lens: Vec<usize> = all.paths.iter().take(k).map(Path::len).collect();
            let k_lens: Vec<usize> = ks.iter().map(Path::len).collect();
            prop_assert_eq!(k_lens, all_lens);
            let all_routes: HashSet<&Vec<ActorId>> = all.paths.iter().map(|p| &p.actors).collect();
            prop_assert_eq!(all_routes.len(), all.paths.len());
            prop_assert!(routes.iter().all(|r| all_routes.contains(r)));
            // Cut short, the enumeration keeps every path shorter than its
            // longest.
            let limit = all.paths.len() / 2;
            let cut = all_paths(&g, from, to, &q, bound, limit);
            prop_assert_eq!(cut.paths.len(), limit);
            prop_assert_eq!(cut.truncated, limit < all.paths.len());
            if let Some(longest) = cut.paths.iter().map(Path::len).max() {
                let kept: HashSet<&Vec<ActorId>> = cut.paths.iter().map(|p| &p.actors).collect();
                for p in all.paths.iter().filter(|p| p.len() < longest) {
                    prop_assert!(kept.contains(&p.actors));
                }
            }
        }

        /// `shortest_path_any` (`casus path --any`): as short as the
        /// ranked path, every hop allowed by the query, none when it has none.
        #[test]
        fn the_unranked_path_is_as_short_as_the_ranked_one(
            (kinds, rels) in arb_graph(),
            raw in arb_filter(),
            ends in (any::<usize>(), any::<usize>()),
            directed in any::<bool>(),
            max_hops in prop::option::weighted(0.3, 0usize..4),
        ) {
            let g = build(&kinds, &rels);
            let (from, to, q) = path_query(&g, ends, raw, directed, max_hops);
            let ranked = shortest_path(&g, from, to, &q);
            let any = shortest_path_any(&g, from, to, &q);
            prop_assert_eq!(any.as_ref().map(Path::len), ranked.as_ref().map(Path::len));
            if let Some(p) = &any {
                assert_valid(&g, &q, p, from, to);
            }
        }

        #[test]
        fn the_other_queries_never_panic_and_keep_to_the_filter(
            (kinds, rels) in arb_graph(),
            raw in arb_filter(),
            ends in (any::<usize>(), any::<usize>()),
            depth in 0usize..4,
            directed in any::<bool>(),
        ) {
            let g = build(&kinds, &rels);
            let n = g.actors.len();
            let f = filter(raw);
            let (a, b) = (ActorId((ends.0 % n) as u32), ActorId((ends.1 % n) as u32));
            let walk = if directed { Walk::Directed } else { Walk::Undirected };
            let q = PathQuery { filter: f.clone(), walk: Walk::Undirected, max_hops: None };
            // Neighbours: each ring at its BFS distance, each link allowed.
            let dist = bfs(&g, &q, a);
            let hood = neighbors(&g, a, depth, &f);
            for ring in &hood.rings {
                prop_assert!(ring.distance <= depth);
                for x in &ring.actors {
                    prop_assert_eq!(dist.get(x), Some(&ring.distance));
                }
                for link in ring.groups.iter().flat_map(|gr| &gr.links) {
                    prop_assert!(hop_ok(&g, &q, link.rel, link.near, link.far));
                    prop_assert_eq!(dist[&link.near] + 1, ring.distance);
                }
            }
            let within = dist.values().filter(|d| **d >= 1 && **d <= depth).count();
            prop_assert_eq!(hood.actor_count(), within);
            let _ = hood.view(&g);
            // Memberships.
            let m = memberships(&g, a, &f);
            for r in m.members.iter().chain(&m.led_by).chain(&m.member_of).chain(&m.leads) {
                prop_assert!(f.allows(&g, *r));
            }
            let _ = m.view(&g);
            // Cross-pressure: friendly legs, a hostile pair of agents.
            for c in cross_pressured(&g, &CrossPressureQuery { filter: f.clone(), ..Default::default() }) {
                prop_assert!(c.sides.iter().all(|s| g.actor(*s).kind.is_agent()));
                for r in &c.hostility {
                    let rel = g.relation(*r);
                    prop_assert_eq!(g.rtype(rel).sign, Sign::Hostile);
                    let mut ends = [rel.from, rel.to];
                    ends.sort();
                    prop_assert_eq!(ends, c.sides);
                }
                for (side, ties) in c.sides.iter().zip(&c.ties) {
                    prop_assert!(!ties.is_empty());
                    for r in ties {
                        let rel = g.relation(*r);
                        prop_assert_eq!(g.rtype(rel).sign, Sign::Friendly);
                        prop_assert!(f.allows(&g, *r));
                        prop_assert_eq!(rel.other(c.actor), *side);
                    }
                }
                let _ = c.view(&g);
            }
            // Brokers: scores in range, best first.
            let top = brokers(&g, &BrokerQuery { filter: f.clone(), walk, top: 5 });
            prop_assert!(top.brokers.len() <= 5);
            for w in top.brokers.windows(2) {
                prop_assert!(w[0].betweenness >= w[1].betweenness);
            }
            for bk in &top.brokers {
                prop_assert!(bk.betweenness > 0.0);
                prop_assert!(bk.normalized <= 1.0 + 1e-9, "{}", bk.normalized);
            }
            let _ = top.view(&g);
            // Common ties: every tie joins the right actors.
            let c = common_ties(&g, a, b, &f);
            for r in &c.direct {
                let rel = g.relation(*r);
                prop_assert!([rel.from, rel.to].contains(&a) && [rel.from, rel.to].contains(&b));
            }
            for t in &c.common {
                for (me, ties) in [a, b].iter().zip(&t.ties) {
                    for r in ties {
                        prop_assert_eq!(g.relation(*r).other(*me), t.actor);
                        prop_assert!(f.allows(&g, *r));
                    }
                }
            }
            let _ = c.view(&g);
        }
    }
}
