//! `casus report`: one self-contained HTML page for a question (an ego
//! network, a path, a what-if, or the whole graph): the picture as inline
//! SVG (zoom and pan; click a node or an edge to read its facts and their
//! quotes; `page.html#open=rel-12` opens one), the tables an analyst pastes
//! into a brief (actors; facts with status, dates and numbered sources;
//! any tables the question adds, such as a what-if's gates and
//! involvement), the numbered list of sources, and a line naming the casus
//! version, the graph and the command that made it. Print CSS gives a
//! clean paper copy.
//!
//! Invariant: the page loads nothing: no script, style, font or image
//! from anywhere (links to sources are plain links); every piece of text
//! is escaped for HTML, and the facts ride in a JSON block that no text
//! can close; building the page does no I/O (the CLI runs Graphviz for
//! the SVG and writes the file).

mod assets;
pub mod sources;
pub mod whatif;

use crate::model::*;
use crate::render::Selection;
use crate::view::{ActorRef, EvidenceView, RelationView};
use serde::Serialize;
use sources::Sources;
use std::fmt::Write;

/// A table a question adds to the report (a what-if's gates, involvement,
/// chains), already as text.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub heading: String,
    pub note: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What a report holds.
pub struct Report<'a> {
    pub title: String,
    /// The command line that made the report, as typed.
    pub command: String,
    /// Where the graph came from (a directory, or the built-in graph).
    pub graph: String,
    /// The picture: Graphviz's SVG of the selection.
    pub svg: String,
    /// What the picture and the tables show.
    pub selection: &'a Selection,
    /// The picture's edges: SVG element id and the relations each draws.
    pub edges: Vec<(String, Vec<RelId>)>,
    /// Tables the question adds, after the picture.
    pub tables: Vec<Table>,
}

/// One fact as the click panel shows it.
#[derive(Serialize)]
struct FactData {
    sentence: String,
    status: String,
    when: String,
    details: Vec<String>,
    note: Option<String>,
    sources: Vec<SourceData>,
}

#[derive(Serialize)]
struct SourceData {
    n: usize,
    text: String,
    quote: Option<String>,
}

/// What a click on a node or an edge shows.
#[derive(Serialize)]
struct Panel {
    title: String,
    facts: Vec<FactData>,
}

/// HTML text: the five characters that matter escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that can sit inside `<script>`: every `<` as `\u003c`, so no text
/// can close the element or open a comment.
pub fn script_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v)
        .expect("serialisable")
        .replace('<', "\\u003c")
}

fn fact_data(g: &Graph, r: RelId, sources: &mut Sources) -> FactData {
    let v = RelationView::new(g, r);
    let rel = g.relation(r);
    let sources = rel
        .evidence
        .iter()
        .zip(&v.evidence)
        .map(|(c, e)| SourceData {
            n: sources.number(g, c),
            // A seed's quote is shown on its own: the line names the post.
            text: match e {
                EvidenceView::Seed {
                    doc,
                    doc_date,
                    line,
                    ..
                } => format!("{doc}, {doc_date}, line {line}"),
                other => other.short(),
            },
            quote: match c {
                Citation::Seed { quote, .. } => Some(quote.to_string()),
                _ => None,
            },
        })
        .collect();
    FactData {
        sentence: format!("{} {} {}", v.from.name, g.rtype(rel).verb, v.to.name),
        status: v.status.as_str().to_string(),
        when: v.when(),
        details: v.details(),
        note: v.note.clone(),
        sources,
    }
}

fn panels(
    g: &Graph,
    r: &Report,
    sources: &mut Sources,
) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    for a in &r.selection.actors {
        let actor = g.actor(*a);
        let facts = g
            .relations_of(*a)
            .filter(|x| r.selection.relations.contains(x))
            .map(|x| fact_data(g, x, sources))
            .collect();
        let mut title = format!("{} ({})", actor.name, actor.kind.as_str().replace('_', " "));
        if let Some(d) = &actor.description {
            title.push_str(&format!(": {d}"));
        }
        let p = Panel { title, facts };
        map.insert(
            format!("actor-{}", actor.id),
            serde_json::to_value(p).expect("serialisable"),
        );
    }
    for (id, rels) in &r.edges {
        let first = RelationView::new(g, rels[0]);
        let p = Panel {
            title: format!(
                "{} → {}: {}",
                first.from.name,
                first.to.name,
                first.rtype.replace('_', " ")
            ),
            facts: rels.iter().map(|x| fact_data(g, *x, sources)).collect(),
        };
        map.insert(id.clone(), serde_json::to_value(p).expect("serialisable"));
    }
    map
}

/// The SVG as it goes inline: Graphviz's XML prolog and DOCTYPE (which
/// names an external DTD) dropped.
fn inline_svg(svg: &str) -> &str {
    svg.find("<svg").map_or("", |i| &svg[i..])
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "<section class=\"table\"><h2>{}</h2>", esc(&t.heading));
    if let Some(n) = &t.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(n));
    }
    out.push_str("<table><thead><tr>");
    for c in &t.columns {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></section>\n");
}

fn actors_table(g: &Graph, sel: &Selection) -> Table {
    Table {
        heading: format!("Actors ({})", sel.actors.len()),
        note: None,
        columns: ["actor", "kind", "codes", "who"].map(String::from).to_vec(),
        rows: sel
            .actors
            .iter()
            .map(|a| {
                let actor = g.actor(*a);
                let r = ActorRef::new(g, *a);
                let mut codes = Vec::new();
                if let Some(i) = &actor.iso3 {
                    codes.push(format!("ISO {i}"));
                }
                if let Some(c) = actor.cow {
                    codes.push(format!("COW {c}"));
                }
                vec![
                    r.name,
                    r.kind.as_str().replace('_', " "),
                    codes.join(", "),
                    actor.description.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

fn facts_table(g: &Graph, sel: &Selection, sources: &mut Sources) -> Table {
    let rows = sel
        .relations
        .iter()
        .map(|r| {
            let f = fact_data(g, *r, sources);
            let mut refs: Vec<usize> = f.sources.iter().map(|s| s.n).collect();
            refs.dedup();
            let refs: Vec<String> = refs.iter().map(|n| format!("[{n}]")).collect();
            let quotes: Vec<String> = f
                .sources
                .iter()
                .filter_map(|s| {
                    s.quote
                        .as_ref()
                        .map(|q| format!("\u{201C}{q}\u{201D} [{}]", s.n))
                })
                .collect();
            vec![
                format!("rel-{}", r.0),
                f.sentence,
                f.status,
                f.when,
                [f.details.join("; "), quotes.join(" ")]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
                refs.join(" "),
            ]
        })
        .collect();
    Table {
        heading: format!("Facts ({})", sel.relations.len()),
        note: Some("Each fact with its status, its dates, its details and quotes, and the numbers of its sources.".into()),
        columns: ["#", "fact", "status", "when", "details and quotes", "sources"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// The page.
pub fn html(g: &Graph, r: &Report) -> String {
    let mut sources = Sources::default();
    let facts = facts_table(g, r.selection, &mut sources);
    let panels = panels(g, r, &mut sources);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"casus {v}\">\n<title>{t}</title>\n<style>{css}</style>\n</head>\n<body>\n<header><h1>{t}</h1>\n<p class=\"made\">Made by casus {v} from {graph} with <code>{cmd}</code>.</p></header>\n",
        v = env!("CARGO_PKG_VERSION"),
        t = esc(&r.title),
        css = assets::CSS,
        graph = esc(&r.graph),
        cmd = esc(&r.command),
    );
    let _ = write!(
        out,
        "<section id=\"figure\"><div class=\"controls\"><button type=\"button\" id=\"zoom-in\" title=\"zoom in\">+</button><button type=\"button\" id=\"zoom-out\" title=\"zoom out\">&#8722;</button><button type=\"button\" id=\"zoom-reset\" title=\"the whole picture\">whole picture</button><span class=\"hint\">scroll to zoom, drag to pan, click a node or an edge for its facts and quotes</span></div>\n<div id=\"picture\">{}</div>\n<aside id=\"details\" aria-live=\"polite\"><p class=\"hint\">Click a node or an edge.</p></aside></section>\n",
        inline_svg(&r.svg)
    );
    for t in &r.tables {
        table(&mut out, t);
    }
    table(&mut out, &actors_table(g, r.selection));
    table(&mut out, &facts);
    out.push_str("<section id=\"sources\"><h2>Sources</h2><ol>\n");
    for s in sources.all() {
        let _ = write!(out, "<li id=\"source-{}\">{}", s.number, esc(&s.text));
        if let Some(u) = &s.url {
            let _ = write!(out, " <a href=\"{0}\">{0}</a>", esc(u));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol></section>\n");
    let _ = write!(
        out,
        "<script type=\"application/json\" id=\"casus-facts\">{}</script>\n<script>{}</script>\n</body>\n</html>\n",
        script_json(&panels),
        assets::SCRIPT
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_close_a_script_or_open_markup() {
        assert_eq!(esc("<b>&'\""), "&lt;b&gt;&amp;&#39;&quot;");
        let j = script_json(&vec!["</script><!--"]);
        assert!(!j.contains('<'), "{j}");
        let back: Vec<String> = serde_json::from_str(&j).unwrap();
        assert_eq!(back, ["</script><!--"]);
    }

    #[test]
    fn the_inline_svg_has_no_doctype() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg width=\"1\"></svg>";
        assert_eq!(inline_svg(svg), "<svg width=\"1\"></svg>");
    }
}
