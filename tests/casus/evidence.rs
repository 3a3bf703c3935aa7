//! Evidence at the level of statements: each citation's grade, time of
//! knowledge (`--as-of`), the fact finder, type domains, and the sentence
//! fixture that pins down what the seed graph records of every sentence.

use crate::query::json;
use crate::{casus, fixture, real_graph};
use casus::model::*;
use predicates::str::contains;
use serde::Deserialize;

// ------------------------------------------------------------ time of knowledge

#[test]
fn as_of_1990_no_path_joins_russia_and_turkey() {
    // The ally relation rests on a post of 2020 and a treaty of 2010; the
    // borders of Azerbaijan and Armenia date from their independence.
    casus()
        .args(["path", "russia", "turkey", "--as-of", "1990-01-01"])
        .assert()
        .code(1)
        .stderr(contains("no connection between Russia and Turkey"));
    casus()
        .args(["path", "russia", "turkey", "--as-of", "2020-10-05"])
        .assert()
        .success();
}

#[test]
fn a_background_fact_counts_from_its_reference_date() {
    let g = real_graph();
    let az = g.find("azerbaijan").found().unwrap();
    let tr = g.find("turkey").found().unwrap();
    let ally = g
        .relations_of(az)
        .find(|r| g.relation(*r).rtype == "ally" && g.relation(*r).other(az) == tr)
        .unwrap();
    let rel = g.relation(ally);
    // Its earliest statement is the 2010 treaty text.
    assert_eq!(g.known_from(rel), Some("2010-08-16".parse().unwrap()));
    assert!(!g.holds_on(rel, "2010-08-15".parse().unwrap()));
    assert!(g.holds_on(rel, "2010-08-16".parse().unwrap()));
}

#[test]
fn show_takes_as_of() {
    let (code, v) = json(&["show", "armenia", "--as-of", "1995-01-01"]);
    assert_eq!(code, 0);
    let types: Vec<&str> = v["outgoing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"borders"), "{types:?}");
    assert!(
        !types.contains(&"at_war") && !types.contains(&"recalls_ambassador"),
        "{types:?}"
    );
    let (_, all) = json(&["show", "armenia"]);
    assert!(all["outgoing"].as_array().unwrap().len() > v["outgoing"].as_array().unwrap().len());
}

// ------------------------------------------------------------------- statements

#[test]
fn a_relation_with_a_reported_and_a_considered_statement_shows_both_grades() {
    // The Russia-Turkey rivalry over Karabakh: reported on 28 September
    // ("on opposing sides"), considered on 4 October (a possible proxy war).
    let (code, v) = json(&["facts", "--type", "rival", "--grep", "opposing sides"]);
    assert_eq!(code, 0);
    let f = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "russia-turkey-rivalry-karabakh")
        .expect("the rivalry over Karabakh");
    assert_eq!(f["status"], "reported");
    let stances: Vec<&str> = f["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stance"].as_str().unwrap())
        .collect();
    assert_eq!(stances, ["reported", "considered"]);
    casus()
        .args([
            "facts",
            "--type",
            "rival",
            "--between",
            "russia",
            "turkey",
            "--grep",
            "opposing sides",
        ])
        .assert()
        .success()
        .stdout(contains("[reported] \u{201C}Having these two major powers"))
        .stdout(contains("[considered] \u{201C}an act which could see"));
}

#[test]
fn a_party_claim_stays_claimed_and_a_denial_is_shown_beside_it() {
    let (code, v) = json(&["facts", "--type", "attacks", "--grep", "The first fire"]);
    assert_eq!(code, 0);
    let f = &v["facts"][0];
    assert_eq!(f["status"], "claimed");
    let s = f["statements"].as_array().unwrap();
    assert!(s
        .iter()
        .any(|s| s["stance"] == "claimed" && s["by"]["id"] == "ilham-aliyev"));
    assert!(s
        .iter()
        .any(|s| s["stance"] == "denied" && s["by"]["id"] == "armenia"));
    assert!(f["denied_by"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == "armenia"));
}

#[test]
fn a_written_status_the_statements_contradict_is_an_error() {
    casus()
        .args(["validate", "--graph"])
        .arg(fixture("evidence/contradicted"))
        .assert()
        .code(1)
        .stderr(contains(
            "status `reported`, but the statements of this relation give `alleged`",
        ))
        .stderr(contains("relations.toml:"));
}

// ------------------------------------------------------------------------ facts

#[test]
fn facts_status_alleged_lists_exactly_the_alleged_facts() {
    let g = real_graph();
    let mut alleged: Vec<u32> = g
        .relation_ids()
        .filter(|r| g.relation(*r).status == Status::Alleged)
        .map(|r| r.0)
        .collect();
    alleged.sort();
    assert!(!alleged.is_empty());
    let (code, v) = json(&["facts", "--status", "alleged"]);
    assert_eq!(code, 0);
    let mut listed: Vec<u32> = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["index"].as_u64().unwrap() as u32)
        .collect();
    listed.sort();
    assert_eq!(listed, alleged);
    assert_eq!(v["count"], alleged.len());
}

#[test]
fn facts_search_quotes_sources_and_sort_by_date() {
    let (code, v) = json(&["facts", "--grep", "syrian mercenaries"]);
    assert_eq!(code, 0);
    let facts = v["facts"].as_array().unwrap();
    assert!(facts.iter().any(|f| f["type"] == "fights_for"));
    let (_, v) = json(&[
        "facts",
        "--source",
        "post-2020-10-04",
        "--type",
        "threatens",
    ]);
    let from: Vec<&str> = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["from"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(from, ["azerbaijan", "hikmet-hajiyev"]);
    let (_, v) = json(&["timeline", "armenia"]);
    let dates: Vec<&str> = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["date"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    casus()
        .args(["facts", "--source", "post-2020-10-40"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `post-2020-10-04`?"));
    casus()
        .args(["facts", "--grep", "no such words anywhere"])
        .assert()
        .code(1)
        .stderr(contains("no fact matches"));
}

// ---------------------------------------------------------------- type domains

#[test]
fn pakistan_backs_azerbaijan_is_rejected_with_a_hint() {
    casus()
        .args(["validate", "--graph"])
        .arg(fixture("evidence/domain"))
        .assert()
        .code(1)
        .stderr(contains(
            "`backs` cannot join state `pakistan` to state `azerbaijan`",
        ))
        .stderr(contains("relations.toml:"))
        .stderr(contains(
            "`backs` joins state or organisation to armed_group or unrecognised_state",
        ))
        .stderr(contains("`sides_with`"));
}

// ------------------------------------------------------------- the sentence fixture

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentences {
    sentence: Vec<Sentence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentence {
    doc: String,
    text: String,
    #[serde(default)]
    facts: Vec<FactSpec>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    none: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactSpec {
    #[serde(rename = "type")]
    rtype: String,
    from: String,
    to: String,
    #[serde(default)]
    stance: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

/// Typographic quotes as plain ones, every run of whitespace as one space.
fn fold(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    s.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The byte range of `part` in the folded text of `doc`.
fn range_in(doc: &str, part: &str) -> Option<std::ops::Range<usize>> {
    let p = fold(part);
    doc.find(&p).map(|i| i..i + p.len())
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn sentences() -> Vec<Sentence> {
    let text = std::fs::read_to_string(fixture("sentences/seed-sentences.toml")).unwrap();
    toml::from_str::<Sentences>(&text).unwrap().sentence
}

#[test]
fn the_sentences_add_up_to_every_post() {
    let g = real_graph();
    let all = sentences();
    for (id, d) in &g.documents {
        let joined: Vec<&str> = all
            .iter()
            .filter(|s| &s.doc == id)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(
            fold(&joined.join(" ")),
            fold(&d.text),
            "the sentences of {id}"
        );
    }
    for s in &all {
        let yields = !s.facts.is_empty() || !s.actors.is_empty();
        assert!(
            yields != s.none.is_some(),
            "facts or actors, or a reason for none: {}",
            s.text
        );
    }
}

/// Does `rel` have a seed citation of `doc` overlapping the sentence whose
/// statement matches the spec's stance and speaker?
fn yields(
    g: &Graph,
    rel: &Relation,
    doc: &str,
    sent: &std::ops::Range<usize>,
    f: &FactSpec,
) -> bool {
    let text = fold(&g.documents[doc].text);
    rel.evidence.iter().enumerate().any(|(i, c)| {
        let Citation::Seed { doc: d, quote, .. } = c else {
            return false;
        };
        let st = rel.statement(i);
        d == doc
            && range_in(&text, quote).is_some_and(|q| overlaps(&q, sent))
            && f.stance
                .as_deref()
                .is_none_or(|s| Status::parse(s) == Some(st.stance))
            && f.by
                .as_deref()
                .is_none_or(|b| st.by.map(|a| g.actor(a).id.as_str()) == Some(b))
    })
}

#[test]
fn every_sentence_yields_its_facts_at_their_grade() {
    let g = real_graph();
    let mut missing = Vec::new();
    let mut checked = 0;
    for s in sentences() {
        let text = fold(&g.documents[&s.doc].text);
        let sent = range_in(&text, &s.text).expect("the sentence is in its post");
        for f in &s.facts {
            let (Some(from), Some(to)) = (g.find(&f.from).found(), g.find(&f.to).found()) else {
                missing.push(format!("unknown actor in {} -> {}", f.from, f.to));
                continue;
            };
            let found = g.relation_ids().map(|r| g.relation(r)).any(|r| {
                let ends = (r.from == from && r.to == to)
                    || (!g.rtype(r).directed && r.from == to && r.to == from);
                r.rtype == f.rtype && ends && yields(&g, r, &s.doc, &sent, f)
            });
            checked += 1;
            if !found {
                missing.push(format!(
                    "{} --{}--> {} ({:?} by {:?}) from \"{}\"",
                    f.from, f.rtype, f.to, f.stance, f.by, s.text
                ));
            }
        }
        for a in &s.actors {
            let actor = g.actor(g.find(a).found().expect("a known actor"));
            let quoted = actor.evidence.iter().any(|c| match c {
                Citation::Seed { doc, quote, .. } => {
                    *doc == s.doc && range_in(&text, quote).is_some_and(|q| overlaps(&q, &sent))
                }
                _ => false,
            });
            checked += 1;
            if !quoted {
                missing.push(format!("actor {a} does not quote \"{}\"", s.text));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {checked} missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
    assert!(checked > 100, "{checked}");
}

#[test]
fn without_a_status_the_statements_decide() {
    let files = casus::load::GraphFiles::from_texts(vec![
        (
            "schema.toml".into(),
            std::fs::read_to_string(fixture("evidence/contradicted/schema.toml")).unwrap(),
        ),
        (
            "actors.toml".into(),
            std::fs::read_to_string(fixture("evidence/contradicted/actors.toml")).unwrap(),
        ),
        (
            "relations.toml".into(),
            r#"
[[relation]]
type = "attacks"
from = "armenia"
to = "azerbaijan"
evidence = [
  { reference = "note", stance = "reports", by = "azerbaijan" },
  { reference = "note", stance = "denies", by = "armenia" },
]

[[relation]]
type = "attacks"
from = "azerbaijan"
to = "armenia"
evidence = [{ reference = "note", stance = "considers" }, { reference = "note", stance = "reports" }]
"#
            .into(),
        ),
    ]);
    let g = casus::load::load(&files).expect("loads").graph;
    let (claimed, reported) = (g.relation(RelId(0)), g.relation(RelId(1)));
    // A party's own report counts as a claim; the denial stands beside it.
    assert_eq!(claimed.status, Status::Claimed);
    assert_eq!(g.actor(claimed.claimed_by[0]).id, "azerbaijan");
    assert_eq!(g.actor(claimed.denied_by[0]).id, "armenia");
    assert_eq!(reported.status, Status::Reported);
    assert_eq!(reported.grades(), [Status::Reported, Status::Considered]);
}

// ------------------------------------------------------------- merging and names

#[test]
fn an_imported_world_adds_no_second_csto_or_artsakh() {
    let out = casus()
        .args(["--graph", "builtin", "--graph"])
        .arg(fixture("evidence/world"))
        .args(["actors", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"csto") && ids.contains(&"artsakh"));
    assert!(
        !ids.contains(&"atop-4220") && !ids.contains(&"republic-of-artsakh"),
        "{ids:?}"
    );
    // The imported name stays as an alias of the one CSTO.
    casus()
        .args(["--graph", "builtin", "--graph"])
        .arg(fixture("evidence/world"))
        .args(["members", "csto"])
        .assert()
        .success()
        .stdout(contains("Armenia"));
    casus()
        .args(["--graph", "builtin", "--graph"])
        .arg(fixture("evidence/world"))
        .arg("validate")
        .assert()
        .success()
        .stdout(contains("1 by alliance id, 1 by same_as"));
}

#[test]
fn alliance_names_come_from_a_cited_table() {
    let au = casus::import::alliance_names::name(4953).unwrap();
    assert_eq!(
        (au.name, au.org_id),
        ("African Union", Some("african-union"))
    );
    assert!(au
        .treaty
        .starts_with("Constitutive Act of the African Union"));
}

// ------------------------------------------------------------- document paths

#[test]
fn a_document_path_is_relative_to_the_graph_directory() {
    // Declared in sources/documents.toml, one folder down: `../seeds/` is
    // the seeds folder beside the graph directory, not beside that file.
    casus()
        .args(["validate", "--graph"])
        .arg(fixture("evidence/docpath"))
        .assert()
        .success()
        .stdout(contains("2 quotes checked verbatim"));
}

#[test]
fn a_document_that_fails_to_load_is_one_error_not_one_per_citation() {
    let out = casus()
        .args(["validate", "--graph"])
        .arg(fixture("evidence/docmissing"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("document `dispatch`: cannot read"), "{err}");
    assert!(!err.contains("unknown document"), "{err}");
    assert!(err.contains("the graph has 1 error"), "{err}");
}

#[test]
fn statements_and_domains_survive_writing_the_graph_back() {
    let g = real_graph();
    let files = casus::import::write::graph_files(&g, "the built-in graph");
    let back = casus::load::load(&casus::load::GraphFiles::from_texts(files))
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
        .graph;
    assert_eq!(back.schema.domains, g.schema.domains);
    assert_eq!(back.relations.len(), g.relations.len());
    // Written by category: find each relation again by what it is.
    let id = |g: &Graph, r: &Relation| {
        let ends = (g.actor(r.from).id.clone(), g.actor(r.to).id.clone());
        (
            r.rtype.to_string(),
            ends,
            r.valid_from,
            r.valid_until,
            r.place.map(|p| g.actor(p).id.clone()),
        )
    };
    let st = |g: &Graph, r: &Relation| -> Vec<(Status, Option<String>)> {
        (0..r.evidence.len())
            .map(|i| {
                let s = r.statement(i);
                (s.stance, s.by.map(|a| g.actor(a).id.clone()))
            })
            .collect()
    };
    let written: std::collections::HashMap<_, _> = back
        .relations
        .iter()
        .map(|r| (id(&back, r), (r.status, st(&back, r))))
        .collect();
    let mut graded = 0;
    for r in &g.relations {
        let (status, statements) = &written[&id(&g, r)];
        assert_eq!(
            (*status, statements),
            (r.status, &st(&g, r)),
            "{} {:?}",
            r.rtype,
            r.key
        );
        graded += usize::from(!r.statements.is_empty());
    }
    assert!(graded >= 8, "{graded}");
}

#[test]
fn picture_tooltips_show_each_statement_grade() {
    casus()
        .args(["render", "--focus", "syrian-mercenaries"])
        .assert()
        .success()
        .stdout(contains("[alleged] France alleges: "))
        .stdout(contains("[denied] Turkey denies: "));
}

#[test]
fn facts_sort_by_status_strongest_first() {
    let (code, v) = json(&["facts", "--actor", "syrian-mercenaries", "--sort", "status"]);
    assert_eq!(code, 0);
    let strength: Vec<u8> = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            Status::parse(f["status"].as_str().unwrap())
                .unwrap()
                .strength()
        })
        .collect();
    assert!(
        strength.len() >= 3 && strength.windows(2).all(|w| w[0] >= w[1]),
        "{strength:?}"
    );
    assert!(strength.first() > strength.last(), "{strength:?}");
}

#[test]
fn a_fact_joined_from_two_graphs_keeps_every_statement_grade() {
    let schema = std::fs::read_to_string(fixture("evidence/contradicted/schema.toml")).unwrap();
    let actors = std::fs::read_to_string(fixture("evidence/contradicted/actors.toml")).unwrap();
    let graph = |refs: &str, rel: &str| {
        casus::load::GraphFiles::from_texts(vec![
            ("schema.toml".into(), schema.clone()),
            ("actors.toml".into(), actors.clone()),
            ("refs.toml".into(), refs.into()),
            ("relations.toml".into(), rel.into()),
        ])
    };
    let a = graph(
        "",
        r#"[[relation]]
type = "attacks"
from = "azerbaijan"
to = "armenia"
status = "reported"
evidence = [{ reference = "note" }]
"#,
    );
    let b = graph(
        "[[reference]]\nid = \"other\"\ntitle = \"Another note\"\ndate = \"2020-10-02\"\n",
        r#"[[relation]]
type = "attacks"
from = "azerbaijan"
to = "armenia"
status = "reported"
evidence = [
  { reference = "other", stance = "reports" },
  { reference = "other", note = "a later phase", stance = "considers" },
]
"#,
    );
    let merged = casus::load::load_many(&[("a".into(), a), ("b".into(), b)])
        .unwrap_or_else(|e| panic!("{}", e.render(false)));
    let g = merged.graph;
    assert_eq!(g.relations.len(), 1, "joined into one fact");
    let r = &g.relations[0];
    assert_eq!(r.evidence.len(), 3);
    let stances: Vec<Status> = (0..3).map(|i| r.statement(i).stance).collect();
    assert_eq!(
        stances,
        [Status::Reported, Status::Reported, Status::Considered]
    );
    assert_eq!(r.grades(), [Status::Reported, Status::Considered]);
}

mod derive_rule {
    use casus::model::*;
    use proptest::prelude::*;

    fn statement() -> impl Strategy<Value = Statement> {
        (0..6usize, proptest::option::of(0..3u32)).prop_map(|(s, by)| Statement {
            stance: Status::ALL[s],
            by: by.map(ActorId),
            published: None,
            explicit: true,
        })
    }

    proptest! {
        /// Actor 0 is the party. The derived status is one of the
        /// statements' grades; a party alone never makes a fact more than
        /// claimed unless it confirms; denials alone give `denied`, and
        /// adding a denial never changes the status.
        #[test]
        fn the_status_rule(st in proptest::collection::vec(statement(), 1..6)) {
            let party = |a: Option<ActorId>| a == Some(ActorId(0));
            let d = derive_status(&st, party).unwrap();
            prop_assert!(st.iter().any(|s| grade(s.stance, party(s.by)) == d));
            if st.iter().all(|s| party(s.by)) && st.iter().all(|s| s.stance != Status::Confirmed) {
                prop_assert!(d.strength() <= Status::Claimed.strength());
            }
            if st.iter().all(|s| s.stance == Status::Denied) {
                prop_assert_eq!(d, Status::Denied);
            } else {
                let mut more = st.clone();
                more.push(Statement { stance: Status::Denied, by: Some(ActorId(0)), published: None, explicit: true });
                prop_assert_eq!(derive_status(&more, party), Some(d));
            }
        }
    }
}
