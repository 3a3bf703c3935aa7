//! CSV tables for spreadsheets: `actors.csv` (one row per actor) and
//! `facts.csv` (one row per statement: a relation and one of its sources,
//! with the status, dates and details of the fact and the quote, row or
//! reference of the source).
//!
//! Invariant: RFC 4180 quoting; a cell that a spreadsheet would run as a
//! formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return), unless it is a plain number, is written with a leading `'`,
//! so opening the file runs nothing.

use super::{actor_values, statements, EvidenceParts, ACTOR_ATTRS};
use crate::model::Graph;
use crate::render::Selection;
use crate::view::RelationView;

/// A cell as text a spreadsheet shows and never evaluates.
pub fn cell(text: &str) -> String {
    // A plain number (a negative longitude) is a number, not a formula.
    if text.parse::<f64>().is_ok() {
        return text.to_string();
    }
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn row(w: &mut ::csv::Writer<Vec<u8>>, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| cell(&c)).collect();
    w.write_record(&cells).expect("writing to memory");
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// The columns of `facts.csv`.
pub const FACT_COLUMNS: &[&str] = &[
    "relation",
    "statement",
    "type",
    "from",
    "from_name",
    "to",
    "to_name",
    "status",
    "since",
    "until",
    "details",
    "note",
    "source_kind",
    "source",
    "source_title",
    "source_date",
    "quote",
    "row",
    "url",
    "source_note",
];

/// `actors.csv` and `facts.csv`.
pub fn write(g: &Graph, sel: &Selection) -> Vec<(String, String)> {
    let mut actors = ::csv::Writer::from_writer(Vec::new());
    row(
        &mut actors,
        std::iter::once("id".to_string()).chain(ACTOR_ATTRS.iter().map(|(n, _)| n.to_string())),
    );
    for a in &sel.actors {
        let values = actor_values(g, *a);
        row(
            &mut actors,
            std::iter::once(g.actor(*a).id.clone()).chain(
                values
                    .into_iter()
                    .map(|v| v.map(|v| v.to_string()).unwrap_or_default()),
            ),
        );
    }
    let mut facts = ::csv::Writer::from_writer(Vec::new());
    row(&mut facts, FACT_COLUMNS.iter().map(|c| c.to_string()));
    let mut view: Option<RelationView> = None;
    for st in statements(g, sel) {
        if view.as_ref().map(|v| v.index) != Some(st.relation.0) {
            view = Some(RelationView::new(g, st.relation));
        }
        let v = view.as_ref().expect("set above");
        let e = EvidenceParts::new(&st.evidence);
        row(
            &mut facts,
            [
                st.relation.0.to_string(),
                st.number.to_string(),
                v.rtype.clone(),
                v.from.id.clone(),
                v.from.name.clone(),
                v.to.id.clone(),
                v.to.name.clone(),
                st.status.as_str().to_string(),
                v.since.clone().unwrap_or_default(),
                v.until.clone().unwrap_or_default(),
                v.details().join("; "),
                v.note.clone().unwrap_or_default(),
                e.kind.to_string(),
                e.source,
                e.title,
                e.date,
                e.quote,
                e.row,
                e.url,
                e.note,
            ],
        );
    }
    vec![
        ("actors.csv".to_string(), finish(actors)),
        ("facts.csv".to_string(), finish(facts)),
    ]
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("Turkey"), "Turkey");
        assert_eq!(cell("-77.0365427"), "-77.0365427");
        assert_eq!(cell("-1+2"), "'-1+2");
    }
}
