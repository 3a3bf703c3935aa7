//! What the query commands share: the relation-filter options, and how a
//! relation, its evidence and the filters in force are printed.

use super::output::{Failure, Style, EXIT_USAGE};
use casus::model::{Date, Graph, PartialDate, Status};
use casus::query::{Filter, Walk};
use casus::view::{EvidenceView, RelationView};

/// How long a quoted piece of evidence may be on a text line.
pub const QUOTE_CHARS: usize = 100;

/// The relation filters every query command takes.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only relations of these types or categories, comma-separated or
    /// repeated (`--via arms_supplier,attacks`, `--via alliance`).
    #[arg(long, value_name = "TYPES", help_heading = "Filters")]
    via: Vec<String>,
    /// Never relations of these types or categories.
    #[arg(long, value_name = "TYPES", help_heading = "Filters")]
    avoid: Vec<String>,
    /// Only facts at least this sure: confirmed > reported > claimed >
    /// alleged > considered > denied.
    #[arg(long, value_name = "STATUS", value_parser = parse_status, help_heading = "Filters")]
    min_status: Option<Status>,
    /// Only facts with a quote from a seed post (no facts resting on
    /// background references alone).
    #[arg(long, help_heading = "Filters")]
    seed_only: bool,
    /// Only facts known and holding on this date (YYYY-MM-DD): a fact
    /// none of whose statements (posts, references) was published by then
    /// is left out, as is one that ended earlier or began later.
    #[arg(long, value_name = "DATE", value_parser = parse_date, help_heading = "Filters")]
    as_of: Option<Date>,
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown status `{s}`: use one of {}", all.join(", "))
    })
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
}

impl FilterArgs {
    /// The filter, with every type and category checked against the
    /// graph's schema (an unknown one is a usage error, with a suggestion).
    pub fn filter(&self, g: &Graph) -> Result<Filter, Failure> {
        let types = |list: &[String], flag: &str| {
            Filter::parse_types(g, &list.join(",")).map_err(|e| {
                let types: Vec<&str> = g.schema.types.keys().map(String::as_str).collect();
                let cats: Vec<&str> = g.schema.categories.keys().map(String::as_str).collect();
                Failure::new(
                    EXIT_USAGE,
                    format!(
                        "error: {flag}: {e}\n  hint: relation types: {}\n        categories: {}",
                        types.join(", "),
                        cats.join(", ")
                    ),
                )
            })
        };
        Ok(Filter {
            via: types(&self.via, "--via")?,
            avoid: types(&self.avoid, "--avoid")?,
            min_status: self.min_status,
            seed_only: self.seed_only,
            as_of: self.as_of,
        })
    }
}

/// The filters in force, for a header line: `via arms_supplier, attacks;
/// at least reported; as of 2020-09-28`, or `no filters`.
pub fn describe(f: &Filter) -> String {
    let mut parts = Vec::new();
    if !f.via.is_empty() {
        parts.push(format!("via {}", f.via.join(", ")));
    }
    if !f.avoid.is_empty() {
        parts.push(format!("avoiding {}", f.avoid.join(", ")));
    }
    if let Some(s) = f.min_status {
        parts.push(format!("at least {s}"));
    }
    if f.seed_only {
        parts.push("seed quotes only".to_string());
    }
    if let Some(d) = f.as_of {
        parts.push(format!("as of {d}"));
    }
    if parts.is_empty() {
        "no filters".to_string()
    } else {
        parts.join("; ")
    }
}

/// `following directions` or `either direction`.
pub fn describe_walk(w: Walk) -> &'static str {
    match w {
        Walk::Directed => "following directions",
        Walk::Undirected => "either direction",
    }
}

/// `s` cut to at most `max` characters at a word boundary, with `…`.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
    )
}

/// One line of evidence: the quote shortened, with its document and date;
/// or the reference's title, date and note.
pub fn evidence_line(e: &EvidenceView) -> String {
    match e {
        EvidenceView::Seed {
            doc,
            doc_date,
            quote,
            line,
            ..
        } => format!(
            "\u{201C}{}\u{201D} ({doc}, {doc_date}, line {line})",
            shorten(quote, QUOTE_CHARS)
        ),
        other => shorten(&other.short(), QUOTE_CHARS + 20),
    }
}

/// ` [status] date (details)` after a relation.
pub fn relation_tail(st: Style, r: &RelationView) -> String {
    let mut s = format!(" {}", st.status(r.status));
    let when = r.when();
    if !when.is_empty() {
        s.push_str(&format!(" {when}"));
    }
    let details = r.details();
    if !details.is_empty() {
        s.push_str(&format!(" ({})", details.join("; ")));
    }
    s
}

/// `Israel --arms_supplier--> Azerbaijan`, written from `left`'s side
/// (left is the relation's `from` or `to`); the arrow shows the real
/// direction, `<--type-->` for a symmetric type.
pub fn relation_from(st: Style, r: &RelationView, left: &str) -> String {
    let along = r.from.id == left;
    let (l, rt) = if along {
        (&r.from, &r.to)
    } else {
        (&r.to, &r.from)
    };
    let t = st.cyan(&r.rtype);
    let arrow = match (r.directed, along) {
        (false, _) => format!("<--{t}-->"),
        (true, true) => format!("--{t}-->"),
        (true, false) => format!("<--{t}--"),
    };
    format!("{} {arrow} {}", st.bold(&l.name), st.bold(&rt.name))
}

/// How many citations a relation shows in text output; the rest are
/// counted (all are in `--format json`).
pub const MAX_CITATIONS: usize = 3;

/// Which end to write a relation from so that it reads as a sentence:
/// the subject (`from`) of a directed relation, `me` for a symmetric one.
pub fn natural<'a>(r: &'a RelationView, me: &'a str) -> &'a str {
    if r.directed {
        &r.from.id
    } else {
        me
    }
}

/// The relation line and, below it at `indent`, one line per citation (at
/// most [`MAX_CITATIONS`], seed quotes first; see [`evidence_lines`] for
/// `as_of`).
pub fn relation_lines(
    st: Style,
    r: &RelationView,
    left: &str,
    indent: usize,
    as_of: Option<Date>,
) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut lines = vec![format!(
        "{pad}{}{}",
        relation_from(st, r, left),
        relation_tail(st, r)
    )];
    lines.extend(
        evidence_lines(r, as_of)
            .into_iter()
            .map(|e| format!("{pad}    {}", st.dim(&e))),
    );
    lines
}

/// The date of a citation's source, if known.
fn source_date(e: &EvidenceView) -> Option<Date> {
    let d = match e {
        EvidenceView::Seed { doc_date, .. } => Some(doc_date.as_str()),
        EvidenceView::Background { date, .. } => date.as_deref(),
        EvidenceView::Dataset { .. } => None,
    }?;
    d.parse::<PartialDate>().ok().map(|d| d.earliest())
}

/// Up to [`MAX_CITATIONS`] citation lines, then a count of the rest. Seed
/// quotes come first; with `as_of`, citations from sources published
/// after that date come last, marked `[published after DATE]`: a fact
/// can hold on a date (a background reference dates it earlier) while the
/// post that reports it is later.
pub fn evidence_lines(r: &RelationView, as_of: Option<Date>) -> Vec<String> {
    let later = |e: &EvidenceView| as_of.is_some_and(|d| source_date(e).is_some_and(|s| s > d));
    let mut ev: Vec<(usize, &EvidenceView)> = r.evidence.iter().enumerate().collect();
    ev.sort_by_key(|(_, e)| (later(e), !matches!(e, EvidenceView::Seed { .. })));
    let mut lines: Vec<String> = ev
        .iter()
        .take(MAX_CITATIONS)
        .map(|(i, e)| {
            let line = format!("{}{}", r.statement_prefix(*i), evidence_line(e));
            match as_of {
                Some(d) if later(e) => format!("[published after {d}] {line}"),
                _ => line,
            }
        })
        .collect();
    if ev.len() > MAX_CITATIONS {
        let more = ev.len() - MAX_CITATIONS;
        lines.push(format!(
            "(+{more} more citation{}: --format json lists them all)",
            if more == 1 { "" } else { "s" }
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(shorten("short", 100), "short");
        let long = "word ".repeat(40);
        let s = shorten(&long, 30);
        assert!(s.ends_with('…') && s.chars().count() <= 30, "{s}");
        assert!(!s.contains(" …"));
        let one = "x".repeat(50);
        assert_eq!(shorten(&one, 10).chars().count(), 10);
    }
}
