//! Candidates as graph TOML (`[[relation]]` blocks of docs/format.md),
//! ready to append to a graph directory's relations once reviewed.
//!
//! Where the quotes of a candidate grade it differently (one claims, one
//! denies), each citation carries its `stance`, so that the loader derives
//! the candidate's status from them.
//!
//! **Invariant:** every string is written through the TOML serialiser (no
//! hand-made escaping), and every evidence quote is a sentence the
//! extractor verified against the document.

use super::{Candidate, Extraction};

/// Types that are events of a day: they get a `date`.
const EVENTS: &[&str] = &[
    "attacks",
    "calls_for_ceasefire",
    "condemns",
    "accuses",
    "denies",
    "demands",
    "recalls_ambassador",
    "threatens",
    "recognises",
    "mobilises",
];

fn s(v: &str) -> String {
    toml::Value::String(v.to_string()).to_string()
}

/// The date a candidate of an event type takes: the one date its first
/// quote gives, or the article's.
pub fn date_of(c: &Candidate, ex: &Extraction) -> Option<String> {
    if !EVENTS.contains(&c.rtype.as_str()) {
        return None;
    }
    c.quotes
        .iter()
        .find_map(|q| q.date.clone())
        .or_else(|| ex.date.clone())
}

/// The quote of a candidate to cite alone: the first with its status.
pub fn main_quote(c: &Candidate) -> &super::Quote {
    c.quotes
        .iter()
        .find(|q| q.status == c.status)
        .unwrap_or(&c.quotes[0])
}

/// TOML for the candidates numbered in `keep` (all if `None`), citing
/// document `doc`.
pub fn to_toml(ex: &Extraction, doc: &str, keep: Option<&[usize]>) -> String {
    let mut out = format!(
        "# Candidates extracted from document `{doc}` by `casus extract`: review each before adding.\n"
    );
    for c in &ex.candidates {
        if keep.is_some_and(|k| !k.contains(&c.number)) {
            continue;
        }
        if let Some(k) = &c.known {
            out.push_str(&format!(
                "\n# candidate {} is already in the graph ({k}): not repeated\n",
                c.number
            ));
            continue;
        }
        out.push_str(&format!("\n# candidate {}\n[[relation]]\n", c.number));
        out.push_str(&format!(
            "type = {}\nfrom = {}\nto = {}\n",
            s(&c.rtype),
            s(&c.from),
            s(&c.to)
        ));
        out.push_str(&format!("status = {}\n", s(c.status.as_str())));
        if let Some(d) = date_of(c, ex) {
            out.push_str(&format!("date = {}\n", s(&d)));
        }
        out.push_str("evidence = [\n");
        let graded = c.quotes.iter().any(|q| q.status != c.status);
        for q in &c.quotes {
            let stance = if graded {
                format!(", stance = {}", s(q.status.as_str()))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  {{ doc = {}, quote = {}{stance} }},\n",
                s(doc),
                s(&q.text)
            ));
        }
        out.push_str("]\n");
    }
    out
}
