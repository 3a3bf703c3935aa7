//! Writing a [`Graph`] back out in the project's file formats.

use crate::model::*;
use std::fmt::Write as _;
use std::path::Path;

/// Relations per file in `relations/` (and actors per file in `actors/`):
/// small enough to open in an editor, few enough files for 1M relations.
pub const CHUNK: usize = 50_000;

/// A TOML basic string, quoted and escaped.
fn q(out: &mut String, s: &str) {
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
}

fn kv(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    q(out, value);
    out.push('\n');
}

fn kv_opt(out: &mut String, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        kv(out, key, v);
    }
}

fn kv_list<'a>(out: &mut String, key: &str, values: impl IntoIterator<Item = &'a str>) {
    let mut first = true;
    for v in values {
        if first {
            out.push_str(key);
            out.push_str(" = [");
            first = false;
        } else {
            out.push_str(", ");
        }
        q(out, v);
    }
    if !first {
        out.push_str("]\n");
    }
}

fn citations(out: &mut String, key: &str, cs: &[Citation]) {
    if cs.is_empty() {
        return;
    }
    out.push_str(key);
    out.push_str(" = [");
    for (i, c) in cs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str("{ ");
        match c {
            Citation::Seed { doc, quote, .. } => {
                out.push_str("doc = ");
                q(out, doc);
                out.push_str(", quote = ");
                q(out, quote);
            }
            Citation::Background { reference, note } => {
                out.push_str("reference = ");
                q(out, reference);
                if let Some(n) = note {
                    out.push_str(", note = ");
                    q(out, n);
                }
            }
            Citation::Dataset { reference, row } => {
                out.push_str("reference = ");
                q(out, reference);
                out.push_str(", row = ");
                q(out, row);
            }
        }
        out.push_str(" }");
    }
    out.push_str("]\n");
}

fn date(out: &mut String, key: &str, d: &Option<PartialDate>) {
    if let Some(d) = d {
        kv(out, key, &d.to_string());
    }
}

/// The categories and types, without the types' domains: the generated
/// worlds join any kinds of actor (`backs` between states), which the
/// built-in schema's domains refuse.
fn schema(g: &Graph) -> String {
    let mut out = String::from("# Relation categories and types (see docs/format.md).\n");
    for c in g.schema.categories.values() {
        out.push_str("\n[[category]]\n");
        kv(&mut out, "name", &c.name);
        kv(&mut out, "description", &c.description);
        kv(&mut out, "color", &c.color);
    }
    for t in g.schema.types.values() {
        out.push_str("\n[[type]]\n");
        kv(&mut out, "name", &t.name);
        let _ = writeln!(out, "directed = {}", t.directed);
        kv(&mut out, "sign", t.sign.as_str());
        kv(&mut out, "category", &t.category);
        kv(&mut out, "verb", &t.verb);
        kv(&mut out, "description", &t.description);
    }
    out
}

fn sources(g: &Graph) -> String {
    let mut out = String::from("# Documents and references (see docs/format.md).\n");
    for d in g.documents.values() {
        out.push_str("\n[[document]]\n");
        kv(&mut out, "id", &d.id);
        kv(&mut out, "file", &d.file);
        kv_opt(&mut out, "title", &d.title);
        kv(&mut out, "date", &d.date.to_string());
        kv_opt(&mut out, "date_note", &d.date_note);
        kv_opt(&mut out, "url", &d.url);
        kv_opt(&mut out, "publisher", &d.publisher);
    }
    for r in g.references.values() {
        out.push_str("\n[[reference]]\n");
        kv(&mut out, "id", &r.id);
        kv(&mut out, "title", &r.title);
        kv_opt(&mut out, "publisher", &r.publisher);
        date(&mut out, "date", &r.date);
        kv_opt(&mut out, "url", &r.url);
        kv_opt(&mut out, "citation", &r.citation);
    }
    out
}

fn actor(out: &mut String, a: &Actor) {
    out.push_str("\n[[actor]]\n");
    kv(out, "id", &a.id);
    kv(out, "name", &a.name);
    kv(out, "kind", a.kind.as_str());
    kv_list(out, "aliases", a.aliases.iter().map(String::as_str));
    kv_opt(out, "iso3", &a.iso3);
    if let Some(c) = a.cow {
        let _ = writeln!(out, "cow = {c}");
    }
    if !a.recognised {
        out.push_str("recognised = false\n");
    }
    kv_opt(out, "description", &a.description);
    citations(out, "evidence", &a.evidence);
    kv_list(out, "same_as", a.same_as.iter().map(String::as_str));
    crate::import::write::attrs(out, &a.attrs);
}

fn ids<'g>(g: &'g Graph, xs: &'g [ActorId]) -> impl Iterator<Item = &'g str> + 'g {
    xs.iter().map(move |a| g.actor(*a).id.as_str())
}

fn treaty(out: &mut String, g: &Graph, t: &Treaty) {
    out.push_str("\n[[treaty]]\n");
    kv(out, "id", &t.id);
    kv(out, "name", &t.name);
    date(out, "signed", &t.signed);
    date(out, "in_force", &t.in_force);
    date(out, "until", &t.until);
    if let Some(x) = t.atop_id {
        let _ = writeln!(out, "atop_id = {x}");
    }
    if let Some(x) = t.cow_id {
        let _ = writeln!(out, "cow_id = {x}");
    }
    kv_opt(out, "note", &t.note);
    citations(out, "evidence", &t.evidence);
    for o in &t.obligations {
        out.push_str("\n[[treaty.obligation]]\n");
        kv(out, "kind", o.kind.as_str());
        kv(out, "trigger", &o.trigger);
        match &o.scope {
            Scope::Anywhere => kv(out, "scope", "anywhere"),
            Scope::RecognisedTerritory => kv(out, "scope", "recognised_territory"),
            Scope::Regions { regions } => {
                kv(out, "scope", "regions");
                kv_list(out, "regions", ids(g, regions));
            }
        }
        let _ = writeln!(out, "defensive_only = {}", o.defensive_only);
        kv(out, "min_severity", o.min_severity.as_str());
        kv_list(out, "adversaries", ids(g, &o.adversaries));
        if let Some(n) = o.min_attackers {
            let _ = writeln!(out, "min_attackers = {n}");
        }
        if o.consultation_only {
            out.push_str("consultation_only = true\n");
        }
    }
}

fn relation(out: &mut String, g: &Graph, r: &Relation) {
    out.push_str("\n[[relation]]\n");
    kv_opt(out, "key", &r.key.as_deref().map(str::to_string));
    kv(out, "type", &r.rtype);
    kv(out, "from", &g.actor(r.from).id);
    kv(out, "to", &g.actor(r.to).id);
    kv(out, "status", r.status.as_str());
    kv_list(out, "claimed_by", ids(g, &r.claimed_by));
    kv_list(out, "denied_by", ids(g, &r.denied_by));
    match (r.valid_from, r.valid_until) {
        (Some(a), Some(b)) if a == b => kv(out, "date", &a.to_string()),
        (a, b) => {
            date(out, "since", &a);
            date(out, "until", &b);
        }
    }
    if let Some(p) = r.place {
        kv(out, "place", &g.actor(p).id);
    }
    kv_opt(out, "role", &r.role.as_deref().map(str::to_string));
    kv_list(out, "systems", r.systems.iter().map(|s| s.as_str()));
    kv_list(out, "support", r.support.iter().map(|s| s.as_str()));
    if let Some(t) = r.treaty {
        kv(out, "treaty", &g.treaty(t).id);
    }
    if let Some(c) = r.contiguity {
        let _ = writeln!(out, "contiguity = {c}");
    }
    kv_list(out, "rivalry", r.rivalry.iter().map(|t| t.as_str()));
    kv_opt(out, "note", &r.note.as_deref().map(str::to_string));
    if r.statements.is_empty() {
        citations(out, "evidence", &r.evidence);
    } else {
        crate::import::write::statements(out, g, r);
    }
}

/// The graph as TOML files in the layout of `graph/`: `schema.toml`,
/// `sources.toml`, `actors/NNN.toml`, `treaties.toml` and
/// `relations/NNN.toml`, each file at most [`CHUNK`] items. Paths are
/// relative to the graph directory.
///
/// Documents keep their `file` path; seed texts are not copied.
pub fn toml_files(g: &Graph) -> Vec<(String, String)> {
    let mut files = vec![
        ("schema.toml".to_string(), schema(g)),
        ("sources.toml".to_string(), sources(g)),
    ];
    for (i, chunk) in g.actors.chunks(CHUNK).enumerate() {
        let mut out = String::with_capacity(chunk.len() * 100);
        out.push_str("# Actors (see docs/format.md).\n");
        for a in chunk {
            actor(&mut out, a);
        }
        files.push((format!("actors/{i:03}.toml"), out));
    }
    let mut out = String::from("# Treaties and their obligations (see docs/format.md).\n");
    for t in &g.treaties {
        treaty(&mut out, g, t);
    }
    files.push(("treaties.toml".to_string(), out));
    for (i, chunk) in g.relations.chunks(CHUNK).enumerate() {
        let mut out = String::with_capacity(chunk.len() * 150);
        out.push_str("# Relations (see docs/format.md).\n");
        for r in chunk {
            relation(&mut out, g, r);
        }
        files.push((format!("relations/{i:03}.toml"), out));
    }
    files
}

/// Writes files (as returned by [`toml_files`]) as the whole directory
/// `dir`, atomically (see [`crate::atomic::write_output_dir`]): a kill
/// leaves the old directory or the new one.
pub fn write_files(dir: &Path, files: &[(String, String)]) -> std::io::Result<()> {
    crate::atomic::write_output_dir(dir, files, |_| Ok(()))
}

/// A bulk cell: tabs, line ends and backslashes escaped.
fn cell(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
}

fn cell_list<'a>(out: &mut String, xs: impl IntoIterator<Item = &'a str>) {
    for (i, x) in xs.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        cell(out, x);
    }
}

/// The one background or data-set citation a bulk row can hold, as
/// (reference, row, note); `None` if the evidence needs TOML.
fn bulk_citation(cs: &[Citation]) -> Option<(&str, Option<&str>, Option<&str>)> {
    match cs {
        [] => Some(("", None, None)),
        [Citation::Background { reference, note }] => Some((reference, None, note.as_deref())),
        [Citation::Dataset { reference, row }] => Some((reference, Some(row), None)),
        _ => None,
    }
}

fn bulk_list_ok<S: AsRef<str>>(xs: &[S]) -> bool {
    xs.iter()
        .map(AsRef::as_ref)
        .all(|x| !x.contains(';') && x.trim() == x && !x.is_empty())
}

/// Whether an actor's row holds all of it (no `same_as`, no attributes:
/// the bulk tables have no columns for them).
fn bulk_row_holds(a: &Actor) -> bool {
    bulk_list_ok(&a.aliases) && a.same_as.is_empty() && a.attrs.is_empty()
}

/// Whether a relation's row holds all of it (no covariates, no statements).
fn bulk_row_holds_relation(r: &Relation) -> bool {
    bulk_list_ok(&r.systems)
        && r.contiguity.is_none()
        && r.rivalry.is_empty()
        && r.statements.is_empty()
}

/// The graph in the bulk layout: `schema.toml`, `sources.toml` and
/// `treaties.toml` as TOML, actors in `actors.tsv` and relations in
/// `relations/relations-NNN.tsv` (at most [`CHUNK`] rows each). Items the
/// bulk tables cannot hold (several citations, seed quotes, list items
/// with `;`) go to `actors-extra.toml` and `relations/extra.toml`.
pub fn bulk_files(g: &Graph) -> Vec<(String, String)> {
    let mut files = vec![
        ("schema.toml".to_string(), schema(g)),
        ("sources.toml".to_string(), sources(g)),
    ];
    let mut extra_actors = String::new();
    let mut out = String::with_capacity(g.actors.len() * 60);
    out.push_str("# Actors, one a row (see docs/format.md, \"Bulk tables\").\n");
    out.push_str("id\tname\tkind\taliases\tiso3\tcow\trecognised\tdescription\tevidence\tevidence_row\tevidence_note\n");
    for a in &g.actors {
        let Some((reference, row, note)) = bulk_citation(&a.evidence).filter(|_| bulk_row_holds(a))
        else {
            actor(&mut extra_actors, a);
            continue;
        };
        cell(&mut out, &a.id);
        out.push('\t');
        cell(&mut out, &a.name);
        out.push('\t');
        out.push_str(a.kind.as_str());
        out.push('\t');
        cell_list(&mut out, a.aliases.iter().map(String::as_str));
        out.push('\t');
        cell(&mut out, a.iso3.as_deref().unwrap_or(""));
        out.push('\t');
        if let Some(c) = a.cow {
            let _ = write!(out, "{c}");
        }
        out.push('\t');
        if !a.recognised {
            out.push_str("false");
        }
        out.push('\t');
        cell(&mut out, a.description.as_deref().unwrap_or(""));
        out.push('\t');
        cell(&mut out, reference);
        out.push('\t');
        cell(&mut out, row.unwrap_or(""));
        out.push('\t');
        cell(&mut out, note.unwrap_or(""));
        out.push('\n');
    }
    files.push(("actors.tsv".to_string(), out));
    if !extra_actors.is_empty() {
        files.push(("actors-extra.toml".to_string(), extra_actors));
    }
    let mut out = String::from("# Treaties and their obligations (see docs/format.md).\n");
    for t in &g.treaties {
        treaty(&mut out, g, t);
    }
    files.push(("treaties.toml".to_string(), out));
    let header = "key\ttype\tfrom\tto\tstatus\tclaimed_by\tdenied_by\tsince\tuntil\tplace\trole\tsystems\tsupport\ttreaty\tnote\tevidence\tevidence_row\tevidence_note\n";
    let mut extra = String::new();
    for (i, chunk) in g.relations.chunks(CHUNK).enumerate() {
        let mut out = String::with_capacity(chunk.len() * 80);
        out.push_str("# Relations, one a row (see docs/format.md, \"Bulk tables\").\n");
        out.push_str(header);
        for r in chunk {
            let Some((reference, row, note)) =
                bulk_citation(&r.evidence).filter(|_| bulk_row_holds_relation(r))
            else {
                relation(&mut extra, g, r);
                continue;
            };
            let id = |a: ActorId| g.actor(a).id.as_str();
            cell(&mut out, r.key.as_deref().unwrap_or(""));
            out.push('\t');
            out.push_str(&r.rtype);
            out.push('\t');
            cell(&mut out, id(r.from));
            out.push('\t');
            cell(&mut out, id(r.to));
            out.push('\t');
            out.push_str(r.status.as_str());
            out.push('\t');
            cell_list(&mut out, r.claimed_by.iter().map(|a| id(*a)));
            out.push('\t');
            cell_list(&mut out, r.denied_by.iter().map(|a| id(*a)));
            out.push('\t');
            if let Some(d) = r.valid_from {
                let _ = write!(out, "{d}");
            }
            out.push('\t');
            if let Some(d) = r.valid_until {
                let _ = write!(out, "{d}");
            }
            out.push('\t');
            cell(&mut out, r.place.map(id).unwrap_or(""));
            out.push('\t');
            cell(&mut out, r.role.as_deref().unwrap_or(""));
            out.push('\t');
            cell_list(&mut out, r.systems.iter().map(|s| s.as_str()));
            out.push('\t');
            cell_list(&mut out, r.support.iter().map(|s| s.as_str()));
            out.push('\t');
            cell(
                &mut out,
                r.treaty.map(|t| g.treaty(t).id.as_str()).unwrap_or(""),
            );
            out.push('\t');
            cell(&mut out, r.note.as_deref().unwrap_or(""));
            out.push('\t');
            cell(&mut out, reference);
            out.push('\t');
            cell(&mut out, row.unwrap_or(""));
            out.push('\t');
            cell(&mut out, note.unwrap_or(""));
            out.push('\n');
        }
        files.push((format!("relations/relations-{i:03}.tsv"), out));
    }
    if !extra.is_empty() {
        files.push(("relations/extra.toml".to_string(), extra));
    }
    files
}
