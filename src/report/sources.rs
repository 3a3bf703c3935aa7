//! The numbered list of sources of a report: every document and reference
//! cited by a drawn fact or actor, numbered in order of first citation.
//!
//! Invariant: one number per source (a document or reference id), however
//! often it is cited; every citation of the report resolves to a number.

use crate::model::{Citation, Graph};
use crate::view::EvidenceView;
use indexmap::IndexMap;

/// A source as the list shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Source {
    /// 1-based.
    pub number: usize,
    /// `doc:ID` or `ref:ID`.
    pub key: String,
    /// Title, publisher or citation, date.
    pub text: String,
    pub url: Option<String>,
}

/// The key of the source a citation cites.
pub fn key(c: &Citation) -> String {
    match c {
        Citation::Seed { doc, .. } => format!("doc:{doc}"),
        Citation::Background { reference, .. } | Citation::Dataset { reference, .. } => {
            format!("ref:{reference}")
        }
    }
}

fn describe(g: &Graph, c: &Citation) -> (String, Option<String>) {
    match EvidenceView::new(g, c) {
        EvidenceView::Seed {
            doc,
            doc_title,
            doc_date,
            file,
            ..
        } => (
            format!(
                "{} ({doc}, {doc_date}; seed post {file})",
                doc_title.unwrap_or_else(|| doc.clone())
            ),
            None,
        ),
        EvidenceView::Background {
            title,
            publisher,
            date,
            url,
            ..
        } => {
            let mut t = title;
            if let Some(p) = publisher {
                t.push_str(&format!(", {p}"));
            }
            if let Some(d) = date {
                t.push_str(&format!(" ({d})"));
            }
            (t, url)
        }
        EvidenceView::Dataset {
            title, citation, ..
        } => (citation.unwrap_or(title), None),
    }
}

/// The sources of these citations, numbered in order of first citation.
#[derive(Default)]
pub struct Sources {
    list: IndexMap<String, Source>,
}

impl Sources {
    /// The number of a citation's source, adding it if new.
    pub fn number(&mut self, g: &Graph, c: &Citation) -> usize {
        let k = key(c);
        if let Some(s) = self.list.get(&k) {
            return s.number;
        }
        let (text, url) = describe(g, c);
        let number = self.list.len() + 1;
        self.list.insert(
            k.clone(),
            Source {
                number,
                key: k,
                text,
                url,
            },
        );
        number
    }

    pub fn all(&self) -> impl Iterator<Item = &Source> {
        self.list.values()
    }
}
