//! A [`Graph`] back to the project's TOML format (docs/format.md): the
//! files of a graph directory, as `(relative path, text)`. No I/O: the
//! caller writes them.
//!
//! The layout is the shipped graph's: `schema.toml`, `sources.toml`,
//! `actors.toml`, `treaties.toml` and `relations/<category>.toml`. What is
//! written loads again with [`crate::load`] to the same graph (tested).

use crate::model::*;
use std::fmt::Write;

/// A TOML basic string, escaped.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|s| q(s.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn cite(c: &Citation) -> String {
    match c {
        Citation::Seed { doc, quote, .. } => {
            format!("{{ doc = {}, quote = {} }}", q(doc), q(quote))
        }
        Citation::Background { reference, note } => match note {
            Some(n) => format!("{{ reference = {}, note = {} }}", q(reference), q(n)),
            None => format!("{{ reference = {} }}", q(reference)),
        },
        Citation::Dataset { reference, row } => {
            format!("{{ reference = {}, row = {} }}", q(reference), q(row))
        }
    }
}

/// A relation's citations with what each states (`stance`, `by`,
/// `published`), one per line.
pub(crate) fn statements(out: &mut String, g: &Graph, r: &Relation) {
    out.push_str("evidence = [\n");
    for (i, c) in r.evidence.iter().enumerate() {
        let st = r.statement(i);
        let mut line = cite(c);
        line.truncate(line.len() - 2); // " }"
        let _ = write!(line, ", stance = {}", q(stance_verb(st.stance)));
        if let Some(a) = st.by {
            let _ = write!(line, ", by = {}", q(&g.actor(a).id));
        }
        if let Some(p) = st.published {
            let _ = write!(line, ", published = {}", q(&p.to_string()));
        }
        let _ = writeln!(out, "  {line} }},");
    }
    out.push_str("]\n");
}

fn evidence(out: &mut String, ev: &[Citation]) {
    match ev.len() {
        0 => {}
        1 => {
            let _ = writeln!(out, "evidence = [{}]", cite(&ev[0]));
        }
        _ => {
            out.push_str("evidence = [\n");
            for c in ev {
                let _ = writeln!(out, "  {},", cite(c));
            }
            out.push_str("]\n");
        }
    }
}

/// A state's `[actor.attrs]` table, if it has any attribute. Floats are
/// written with Rust's shortest round-trip form, so they load back equal.
pub(crate) fn attrs(out: &mut String, a: &StateAttrs) {
    if a.is_empty() {
        return;
    }
    out.push_str("[actor.attrs]\n");
    if let Some(c) = &a.capital {
        let _ = writeln!(
            out,
            "capital = {{ name = {}, lat = {:?}, lon = {:?}, evidence = {} }}",
            q(&c.name),
            c.lat,
            c.lon,
            cite(&c.evidence)
        );
    }
    if let Some(m) = &a.cinc {
        let _ = writeln!(
            out,
            "cinc = {{ year = {}, value = {:?}, evidence = {} }}",
            m.year,
            m.value,
            cite(&m.evidence)
        );
    }
    if let Some(c) = &a.major_power {
        let _ = writeln!(out, "major_power = {}", cite(c));
    }
}

/// The files of a graph directory holding `g`, with a header comment.
pub fn graph_files(g: &Graph, header: &str) -> Vec<(String, String)> {
    let head = |what: &str| -> String {
        let mut s = String::new();
        for l in header.lines() {
            let _ = writeln!(s, "# {l}");
        }
        let _ = writeln!(s, "# {what}\n");
        s
    };
    let mut files = Vec::new();

    let mut s = head("Schema: relation categories and types.");
    for c in g.schema.categories.values() {
        let _ = writeln!(
            s,
            "[[category]]\nname = {}\ndescription = {}\ncolor = {}\n",
            q(&c.name),
            q(&c.description),
            q(&c.color)
        );
    }
    for t in g.schema.types.values() {
        let _ = write!(
            s,
            "[[type]]\nname = {}\ndirected = {}\nsign = {}\ncategory = {}\nverb = {}\ndescription = {}\n",
            q(&t.name),
            t.directed,
            q(t.sign.as_str()),
            q(&t.category),
            q(&t.verb),
            q(&t.description)
        );
        if let Some(d) = g.schema.domains.get(&t.name) {
            for (side, kinds) in [("from", &d.from), ("to", &d.to)] {
                if !kinds.is_empty() {
                    let k: Vec<String> = kinds.iter().map(|k| k.as_str().to_string()).collect();
                    let _ = writeln!(s, "{side} = {}", list(&k));
                }
            }
        }
        s.push('\n');
    }
    files.push(("schema.toml".to_string(), s));

    let mut s = head("Sources: the data sets every fact cites.");
    for d in g.documents.values() {
        let _ = writeln!(s, "[[document]]\nid = {}\nfile = {}", q(&d.id), q(&d.file));
        if let Some(t) = &d.title {
            let _ = writeln!(s, "title = {}", q(t));
        }
        let _ = writeln!(s, "date = {}", q(&d.date.to_string()));
        if let Some(n) = &d.date_note {
            let _ = writeln!(s, "date_note = {}", q(n));
        }
        for (k, v) in [("url", &d.url), ("publisher", &d.publisher)] {
            if let Some(v) = v {
                let _ = writeln!(s, "{k} = {}", q(v));
            }
        }
        s.push('\n');
    }
    for r in g.references.values() {
        let _ = writeln!(
            s,
            "[[reference]]\nid = {}\ntitle = {}",
            q(&r.id),
            q(&r.title)
        );
        if let Some(p) = &r.publisher {
            let _ = writeln!(s, "publisher = {}", q(p));
        }
        if let Some(d) = &r.date {
            let _ = writeln!(s, "date = {}", q(&d.to_string()));
        }
        if let Some(u) = &r.url {
            let _ = writeln!(s, "url = {}", q(u));
        }
        if let Some(c) = &r.citation {
            let _ = writeln!(s, "citation = {}", q(c));
        }
        s.push('\n');
    }
    files.push(("sources.toml".to_string(), s));

    let mut s = head("Actors.");
    for a in &g.actors {
        let _ = writeln!(
            s,
            "[[actor]]\nid = {}\nname = {}\nkind = {}",
            q(&a.id),
            q(&a.name),
            q(a.kind.as_str())
        );
        if !a.aliases.is_empty() {
            let _ = writeln!(s, "aliases = {}", list(&a.aliases));
        }
        if let Some(i) = &a.iso3 {
            let _ = writeln!(s, "iso3 = {}", q(i));
        }
        if let Some(c) = a.cow {
            let _ = writeln!(s, "cow = {c}");
        }
        if !a.recognised {
            s.push_str("recognised = false\n");
        }
        if let Some(d) = &a.description {
            let _ = writeln!(s, "description = {}", q(d));
        }
        evidence(&mut s, &a.evidence);
        if !a.same_as.is_empty() {
            let _ = writeln!(s, "same_as = {}", list(&a.same_as));
        }
        attrs(&mut s, &a.attrs);
        s.push('\n');
    }
    files.push(("actors.toml".to_string(), s));

    if !g.treaties.is_empty() {
        let mut s = head("Treaties and the obligations their parties accepted.");
        for t in &g.treaties {
            let _ = writeln!(s, "[[treaty]]\nid = {}\nname = {}", q(&t.id), q(&t.name));
            for (k, d) in [
                ("signed", t.signed),
                ("in_force", t.in_force),
                ("until", t.until),
            ] {
                if let Some(d) = d {
                    let _ = writeln!(s, "{k} = {}", q(&d.to_string()));
                }
            }
            if let Some(i) = t.atop_id {
                let _ = writeln!(s, "atop_id = {i}");
            }
            if let Some(i) = t.cow_id {
                let _ = writeln!(s, "cow_id = {i}");
            }
            if let Some(n) = &t.note {
                let _ = writeln!(s, "note = {}", q(n));
            }
            evidence(&mut s, &t.evidence);
            s.push('\n');
            for o in &t.obligations {
                let _ = writeln!(
                    s,
                    "[[treaty.obligation]]\nkind = {}\ntrigger = {}",
                    q(o.kind.as_str()),
                    q(&o.trigger)
                );
                match &o.scope {
                    Scope::Anywhere => s.push_str("scope = \"anywhere\"\n"),
                    Scope::RecognisedTerritory => s.push_str("scope = \"recognised_territory\"\n"),
                    Scope::Regions { regions } => {
                        let ids: Vec<String> =
                            regions.iter().map(|r| g.actor(*r).id.clone()).collect();
                        let _ = writeln!(s, "scope = \"regions\"\nregions = {}", list(&ids));
                    }
                }
                let _ = writeln!(
                    s,
                    "defensive_only = {}\nmin_severity = {}",
                    o.defensive_only,
                    q(o.min_severity.as_str())
                );
                if !o.adversaries.is_empty() {
                    let ids: Vec<String> = o
                        .adversaries
                        .iter()
                        .map(|r| g.actor(*r).id.clone())
                        .collect();
                    let _ = writeln!(s, "adversaries = {}", list(&ids));
                }
                if let Some(n) = o.min_attackers {
                    let _ = writeln!(s, "min_attackers = {n}");
                }
                let _ = writeln!(s, "consultation_only = {}\n", o.consultation_only);
            }
        }
        files.push(("treaties.toml".to_string(), s));
    }

    let mut by_cat: indexmap::IndexMap<String, String> = indexmap::IndexMap::new();
    for r in &g.relations {
        let cat = g.rtype(r).category.clone();
        let s = by_cat
            .entry(cat.clone())
            .or_insert_with(|| head(&format!("Relations of category `{cat}`.")));
        s.push_str("[[relation]]\n");
        if let Some(k) = &r.key {
            let _ = writeln!(s, "key = {}", q(k));
        }
        let _ = writeln!(
            s,
            "type = {}\nfrom = {}\nto = {}\nstatus = {}",
            q(&r.rtype),
            q(&g.actor(r.from).id),
            q(&g.actor(r.to).id),
            q(r.status.as_str())
        );
        for (k, who) in [("claimed_by", &r.claimed_by), ("denied_by", &r.denied_by)] {
            if !who.is_empty() {
                let ids: Vec<String> = who.iter().map(|a| g.actor(*a).id.clone()).collect();
                let _ = writeln!(s, "{k} = {}", list(&ids));
            }
        }
        if let Some(d) = r.valid_from {
            let _ = writeln!(s, "since = {}", q(&d.to_string()));
        }
        if let Some(d) = r.valid_until {
            let _ = writeln!(s, "until = {}", q(&d.to_string()));
        }
        if let Some(p) = r.place {
            let _ = writeln!(s, "place = {}", q(&g.actor(p).id));
        }
        if let Some(role) = &r.role {
            let _ = writeln!(s, "role = {}", q(role));
        }
        if !r.systems.is_empty() {
            let _ = writeln!(s, "systems = {}", list(&r.systems));
        }
        if !r.support.is_empty() {
            let k: Vec<String> = r.support.iter().map(|k| k.as_str().to_string()).collect();
            let _ = writeln!(s, "support = {}", list(&k));
        }
        if let Some(t) = r.treaty {
            let _ = writeln!(s, "treaty = {}", q(&g.treaty(t).id));
        }
        if let Some(c) = r.contiguity {
            let _ = writeln!(s, "contiguity = {c}");
        }
        if !r.rivalry.is_empty() {
            let _ = writeln!(s, "rivalry = {}", list(&r.rivalry));
        }
        if let Some(n) = &r.note {
            let _ = writeln!(s, "note = {}", q(n));
        }
        if r.statements.is_empty() {
            evidence(s, &r.evidence);
        } else {
            statements(s, g, r);
        }
        s.push('\n');
    }
    for (cat, text) in by_cat {
        files.push((
            format!("relations/{}.toml", crate::import::names::slug(&cat)),
            text,
        ));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(q("plain"), "\"plain\"");
        assert_eq!(q("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
        assert_eq!(q("a\nb\u{1}"), "\"a\\nb\\u0001\"");
        assert_eq!(q("Fähnrich"), "\"Fähnrich\"");
    }

    #[test]
    fn state_attributes_and_covariates_round_trip() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("borders", false, Sign::Neutral, "geography"),
            ("rival", false, Sign::Hostile, "conflict"),
        ]));
        b.references.insert(
            "test".into(),
            Reference {
                id: "test".into(),
                title: "Test data".into(),
                publisher: None,
                date: None,
                url: None,
                citation: None,
            },
        );
        let cite = |row: &str| Citation::Dataset {
            reference: "test".into(),
            row: row.into(),
        };
        let x = b.actor("xland", ActorKind::State);
        let y = b.actor("yland", ActorKind::State);
        let mut actor = b.actors()[x.index()].clone();
        actor.attrs = StateAttrs {
            capital: Some(Capital {
                name: "X \"City\"".into(),
                lat: -33.4569,
                lon: -70.6483,
                evidence: cite("1"),
            }),
            cinc: Some(Measure {
                year: 1914,
                value: 1.234e-7,
                evidence: cite("2"),
            }),
            major_power: Some(cite("3")),
        };
        b.set_actor(x, actor);
        let mut r = GraphBuilder::simple_relation("borders", x, y);
        r.contiguity = Some(4);
        b.add_relation(r).unwrap();
        let mut r = GraphBuilder::simple_relation("rival", x, y);
        r.rivalry = vec!["ideological".into()].into();
        b.add_relation(r).unwrap();
        let g = b.build();
        let files = crate::load::GraphFiles::from_texts(graph_files(&g, "attrs"));
        let g2 = match crate::load::load(&files) {
            Ok(l) => l.graph,
            Err(e) => panic!("{}", e.render(false)),
        };
        assert_eq!(g2.actors[0].attrs, g.actors[0].attrs);
        assert!(g2.actors[1].attrs.is_empty());
        assert_eq!(g2.relations[0].contiguity, Some(4));
        assert_eq!(g2.relations[1].rivalry, ["ideological"]);
    }

    #[test]
    fn the_mini_fixture_round_trips() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let files = crate::load::GraphFiles::from_dir(&dir).unwrap();
        let g = crate::load::load(&files).unwrap().graph;
        // Documents are written with their path as given; load the written
        // files from the same directory so that ../seeds resolves.
        let written: Vec<(String, String)> = graph_files(&g, "round trip")
            .into_iter()
            .map(|(p, t)| (dir.join(p).display().to_string(), t))
            .collect();
        let mut again = crate::load::GraphFiles::from_texts(written);
        again.origin = crate::load::Origin::Dir(dir.clone());
        let g2 = match crate::load::load(&again) {
            Ok(l) => l.graph,
            Err(e) => panic!("{}", e.render(false)),
        };
        assert_eq!(g2.actors.len(), g.actors.len());
        assert_eq!(g2.relations.len(), g.relations.len());
        assert_eq!(g2.treaties.len(), g.treaties.len());
        assert_eq!(g2.treaties[0].obligations, g.treaties[0].obligations);
        for (a, b) in g.relations.iter().zip(&g2.relations) {
            assert_eq!(a.rtype, b.rtype);
            assert_eq!(a.evidence, b.evidence);
            assert_eq!(a.valid_from, b.valid_from);
        }
    }
}
