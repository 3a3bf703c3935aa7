//! The fact finder: list and search the graph's relations by type, status,
//! actor, pair, source, text and date, in date order (`casus facts`,
//! `casus timeline`).
//!
//! Invariant: no I/O; a fact is listed only if every test given holds of
//! it (no test given: every fact), and each fact is listed once.

use super::Filter;
use crate::model::*;
use crate::view::RelationView;
use serde::Serialize;

/// What to look for; every field left empty lets all facts through.
#[derive(Clone, Debug, Default)]
pub struct FactQuery {
    /// Types, categories, minimum status, seed only, as of (see [`Filter`]).
    pub filter: Filter,
    /// Only facts with exactly one of these statuses (empty: any).
    pub status: Vec<Status>,
    /// Only facts this actor takes part in (either end, or the place).
    pub actor: Option<ActorId>,
    /// Only facts between these two actors, either way round.
    pub between: Option<(ActorId, ActorId)>,
    /// Only facts citing this document or reference id.
    pub source: Option<String>,
    /// Only facts whose quotes, notes or citation notes contain this
    /// text (any case; typographic quote marks and spaces folded).
    pub grep: Option<String>,
    /// The order of the list.
    pub sort: FactOrder,
}

/// How `casus facts` orders what it finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactOrder {
    /// By [`fact_date`], undated facts last.
    #[default]
    Date,
    /// Strongest status first, then by date.
    Status,
}

/// The facts a query finds, in date order.
#[derive(Clone, Debug)]
pub struct Facts {
    pub ids: Vec<RelId>,
}

/// The date a fact is placed at: when it began to hold, else when it was
/// first known; `None` for a standing fact with neither.
pub fn fact_date(g: &Graph, r: &Relation) -> Option<Date> {
    r.valid_from
        .map(|d| d.earliest())
        .or_else(|| g.known_from(r))
}

/// Every fact the query finds, sorted by [`fact_date`] (undated facts
/// last), then by position in the graph.
pub fn facts(g: &Graph, q: &FactQuery) -> Facts {
    let compiled = q.filter.compile(g);
    let needle = q.grep.as_deref().map(fold);
    let mut ids: Vec<RelId> = g
        .relation_ids()
        .filter(|r| compiled.allows(g, *r))
        .filter(|r| matches(g.relation(*r), q, needle.as_deref()))
        .collect();
    ids.sort_by_cached_key(|r| {
        let rel = g.relation(*r);
        let d = fact_date(g, rel);
        let first = match q.sort {
            FactOrder::Date => 0,
            FactOrder::Status => 5 - rel.status.strength(),
        };
        (first, d.is_none(), d, *r)
    });
    Facts { ids }
}

fn matches(r: &Relation, q: &FactQuery, needle: Option<&str>) -> bool {
    if !q.status.is_empty() && !q.status.contains(&r.status) {
        return false;
    }
    if let Some(a) = q.actor {
        if r.from != a && r.to != a && r.place != Some(a) {
            return false;
        }
    }
    if let Some((a, b)) = q.between {
        if !((r.from == a && r.to == b) || (r.from == b && r.to == a)) {
            return false;
        }
    }
    if let Some(src) = &q.source {
        if !r.evidence.iter().any(|c| cites(c, src)) {
            return false;
        }
    }
    match needle {
        Some(n) => texts(r).any(|t| fold(t).contains(n)),
        None => true,
    }
}

/// Does the citation name this document or reference?
fn cites(c: &Citation, id: &str) -> bool {
    match c {
        Citation::Seed { doc, .. } => doc == id,
        Citation::Background { reference, .. } | Citation::Dataset { reference, .. } => {
            reference == id
        }
    }
}

/// The texts `--grep` searches: quotes, citation notes and rows, the note.
fn texts(r: &Relation) -> impl Iterator<Item = &str> {
    r.evidence
        .iter()
        .filter_map(|c| match c {
            Citation::Seed { quote, .. } => Some(quote.as_str()),
            Citation::Background { note, .. } => note.as_deref(),
            Citation::Dataset { row, .. } => Some(row.as_str()),
        })
        .chain(r.note.as_deref())
}

/// Lower case, typographic quote marks as plain ones, runs of whitespace
/// (the no-break space too) as one space.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A found fact for output: the relation and the date it is placed at.
#[derive(Clone, Debug, Serialize)]
pub struct FactView {
    /// Where the fact sits in time: its `since`, else when it was first known.
    pub date: Option<String>,
    /// The fact as a sentence: `Israel supplies arms to Azerbaijan`.
    pub sentence: String,
    #[serde(flatten)]
    pub relation: RelationView,
}

impl Facts {
    pub fn view(&self, g: &Graph) -> Vec<FactView> {
        self.ids
            .iter()
            .map(|r| {
                let rel = g.relation(*r);
                let v = RelationView::new(g, *r);
                FactView {
                    // As precise as it is known: `1991`, `2020-10`, `2020-10-04`.
                    date: rel
                        .valid_from
                        .map(|d| d.to_string())
                        .or_else(|| fact_date(g, rel).map(|d| d.to_string())),
                    sentence: format!("{} {} {}", v.from.name, g.rtype(rel).verb, v.to.name),
                    relation: v,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grep_folds_case_quotes_and_spaces() {
        assert_eq!(
            fold("Azerbaijan\u{2019}s  \u{201C}First\u{a0}Fire\u{201D}"),
            "azerbaijan's \"first fire\""
        );
    }

    #[test]
    fn status_actor_and_pair_tests_combine() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[(
            "ally",
            false,
            Sign::Friendly,
            "alliance",
        )]));
        let a = b.actor("a", ActorKind::State);
        let c = b.actor("c", ActorKind::State);
        let d = b.actor("d", ActorKind::State);
        b.rel("ally", a, c);
        let ad = b.rel("ally", a, d);
        b.relations_mut()[ad.index()].status = Status::Alleged;
        let g = b.build();
        let q = FactQuery {
            status: vec![Status::Alleged],
            ..FactQuery::default()
        };
        assert_eq!(facts(&g, &q).ids, vec![ad]);
        let q = FactQuery {
            between: Some((d, a)),
            ..FactQuery::default()
        };
        assert_eq!(facts(&g, &q).ids, vec![ad]);
        let q = FactQuery {
            actor: Some(c),
            source: Some("nope".into()),
            ..FactQuery::default()
        };
        assert!(facts(&g, &q).ids.is_empty());
    }
}
