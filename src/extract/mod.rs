//! `casus extract`: candidate facts from a news text, for review.
//!
//! The text is cut into sentences ([`text`]); actor names are found with an
//! Aho-Corasick automaton over the graph's names, aliases, the COW state
//! names and demonyms ([`mentions`]); relation and status cues
//! ([`cues`]) turn each sentence into relations with a direction and a
//! status ([`relate`]). Readings of the same (type, from, to) are merged
//! into one candidate that keeps every sentence as a quote. [`emit`] writes
//! candidates as graph TOML; [`eval`] scores the extractor on a labelled set.
//!
//! **Invariant:** no candidate carries a quote that the loader's matcher
//! ([`crate::load::quote::find_quote`]) does not find in the text; the
//! result depends only on the graph and the text (no model, no network,
//! no clock).

pub mod cues;
pub mod demonyms;
pub mod emit;
pub mod eval;
pub mod mentions;
mod refer;
pub mod relate;
pub mod states;
pub mod text;

use crate::load::quote::{find_quote, too_short};
use crate::model::{ActorId, ActorKind, Graph, PartialDate, Status};
use mentions::{Lexicon, Mention, Referent};
use relate::{Cues, Reading};
use serde::Serialize;

/// How to read an article.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The article's date: dates without a year take its year; candidates
    /// of events without a date in their sentence take it.
    pub date: Option<PartialDate>,
    /// The conflict that ceasefire calls, mediation and mobilisation are
    /// about (default: [`default_conflict`]).
    pub conflict: Option<ActorId>,
}

/// A place in the text: byte range, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

impl Place {
    fn new(text: &str, start: usize, end: usize) -> Place {
        let (line, column) = text::line_col(text, start);
        Place {
            start,
            end,
            line,
            column,
        }
    }
}

/// An actor of the graph the text mentions: where, and as what.
#[derive(Clone, Debug, Serialize)]
pub struct ActorSeen {
    pub id: String,
    pub name: String,
    /// Each mention: the words of the text and their place.
    pub mentions: Vec<(String, Place)>,
}

/// A name that looks like an actor but is not in the graph.
#[derive(Clone, Debug, Serialize)]
pub struct NewName {
    pub text: String,
    /// `state` (a COW state the graph lacks, with its COW name) or `name`.
    pub kind: &'static str,
    pub cow_name: Option<String>,
    pub place: Place,
}

/// One sentence a candidate rests on.
#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    pub text: String,
    pub place: Place,
    /// The cue that states the relation, and the one that set its grade.
    pub cue: String,
    pub status_cue: Option<String>,
    pub status: Status,
    /// A date written in this sentence, if exactly one.
    pub date: Option<String>,
}

/// A candidate fact: a relation of the graph's vocabulary with its quotes.
#[derive(Clone, Debug, Serialize)]
pub struct Candidate {
    /// 1-based number for `--keep`.
    pub number: usize,
    #[serde(rename = "type")]
    pub rtype: String,
    pub from: String,
    pub to: String,
    /// Strongest status among the quotes that do not deny it (denied if all do).
    pub status: Status,
    pub quotes: Vec<Quote>,
    /// The graph already has a relation of this type between these ends
    /// (its key, or `type from -> to`).
    pub known: Option<String>,
}

/// What `extract` found in a text.
#[derive(Clone, Debug, Serialize)]
pub struct Extraction {
    pub date: Option<String>,
    pub dates: Vec<(String, Place)>,
    pub actors: Vec<ActorSeen>,
    pub new_names: Vec<NewName>,
    pub candidates: Vec<Candidate>,
}

/// The conflict most relations of conflict-only types point at (ceasefire
/// calls, mediation, mobilisation, parties), if the graph has one.
pub fn default_conflict(graph: &Graph) -> Option<ActorId> {
    let mut best: Option<(usize, ActorId)> = None;
    for id in graph
        .actor_ids()
        .filter(|&a| graph.actor(a).kind == ActorKind::Conflict)
    {
        let n = graph.relations.iter().filter(|r| r.to == id).count();
        if best.is_none_or(|(m, _)| n > m) {
            best = Some((n, id));
        }
    }
    best.map(|(_, id)| id)
}

/// Reads `article` against `graph`: mentions, new names, dates, candidates.
pub fn extract(graph: &Graph, article: &str, opts: &Options) -> Extraction {
    let lexicon = Lexicon::new(graph);
    let cues = Cues::default();
    let mentions = lexicon.mentions(article);
    let conflict = opts.conflict.or_else(|| default_conflict(graph));
    let year = opts.date.map(|d| d.year);
    let mut readings: Vec<(Reading, &text::Sentence)> = Vec::new();
    let sentences = text::sentences(article);
    for (i, s) in sentences.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| &sentences[j]);
        for r in relate::read_sentence(graph, &cues, article, s, &mentions, conflict, prev) {
            readings.push((r, s));
        }
    }
    let dates = text::dates(article, 0, article.len(), year)
        .into_iter()
        .map(|d| (d.date.to_string(), Place::new(article, d.start, d.end)))
        .collect();
    Extraction {
        date: opts.date.map(|d| d.to_string()),
        dates,
        actors: actors_seen(graph, article, &mentions),
        new_names: new_names(article, &mentions),
        candidates: merge(graph, article, &readings, year),
    }
}

fn actors_seen(graph: &Graph, article: &str, mentions: &[Mention]) -> Vec<ActorSeen> {
    let mut out: Vec<ActorSeen> = Vec::new();
    for m in mentions {
        let Some(id) = m.actor else { continue };
        let a = graph.actor(id);
        let seen = (
            article[m.start..m.end].to_string(),
            Place::new(article, m.start, m.end),
        );
        match out.iter_mut().find(|x| x.id == a.id) {
            Some(x) => x.mentions.push(seen),
            None => out.push(ActorSeen {
                id: a.id.clone(),
                name: a.name.clone(),
                mentions: vec![seen],
            }),
        }
    }
    out
}

fn new_names(article: &str, mentions: &[Mention]) -> Vec<NewName> {
    let mut out = Vec::new();
    for m in mentions {
        if let Referent::State { name, .. } = &m.referent {
            out.push(NewName {
                text: article[m.start..m.end].to_string(),
                kind: "state",
                cow_name: Some(name.clone()),
                place: Place::new(article, m.start, m.end),
            });
        }
    }
    for (a, b) in mentions::new_names(article, mentions) {
        out.push(NewName {
            text: article[a..b].to_string(),
            kind: "name",
            cow_name: None,
            place: Place::new(article, a, b),
        });
    }
    out.sort_by_key(|n| n.place.start);
    out
}

/// Symmetric types are keyed with their ends in id order.
fn key(graph: &Graph, r: &Reading) -> (String, String, String) {
    let (f, t) = (graph.actor(r.from).id.clone(), graph.actor(r.to).id.clone());
    let directed = graph.schema.get(r.rtype).is_none_or(|t| t.directed);
    if !directed && t < f {
        return (r.rtype.to_string(), t, f);
    }
    (r.rtype.to_string(), f, t)
}

/// One candidate per (type, from, to), in order of first reading; each
/// sentence once, verified against the text as the loader would.
fn merge(
    graph: &Graph,
    article: &str,
    readings: &[(Reading, &text::Sentence)],
    year: Option<i32>,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for (r, s) in readings {
        let Some(q) = quote(article, r, s, year) else {
            continue;
        };
        let (rtype, from, to) = key(graph, r);
        let pos = out
            .iter()
            .position(|c| c.rtype == rtype && c.from == from && c.to == to);
        let c = match pos {
            Some(i) => &mut out[i],
            None => {
                let known = known(graph, r);
                out.push(Candidate {
                    number: out.len() + 1,
                    rtype,
                    from,
                    to,
                    status: r.status,
                    quotes: Vec::new(),
                    known,
                });
                out.last_mut().expect("just pushed")
            }
        };
        if !c.quotes.iter().any(|x| x.place.start == q.place.start) {
            c.quotes.push(q);
        }
        c.status = strongest(&c.quotes);
    }
    out
}

/// The graph's relation of the reading's type between its ends, if any.
fn known(graph: &Graph, r: &Reading) -> Option<String> {
    let directed = graph.schema.get(r.rtype).is_none_or(|t| t.directed);
    graph
        .relations
        .iter()
        .find(|x| {
            x.rtype == r.rtype
                && ((x.from == r.from && x.to == r.to)
                    || (!directed && x.from == r.to && x.to == r.from))
        })
        .map(|x| {
            x.key.as_deref().map(str::to_string).unwrap_or_else(|| {
                format!(
                    "{} {} -> {}",
                    x.rtype,
                    graph.actor(x.from).id,
                    graph.actor(x.to).id
                )
            })
        })
}

/// Strongest status among quotes that do not deny; denied if all deny.
fn strongest(quotes: &[Quote]) -> Status {
    quotes
        .iter()
        .map(|q| q.status)
        .filter(|s| *s != Status::Denied)
        .max_by_key(|s| s.strength())
        .unwrap_or(Status::Denied)
}

/// The sentence as a quote, if the loader's matcher finds it.
fn quote(article: &str, r: &Reading, s: &text::Sentence, year: Option<i32>) -> Option<Quote> {
    let t = &article[s.start..s.end];
    if too_short(t).is_some() || find_quote(article, t).is_err() {
        return None;
    }
    let ds = text::dates(article, s.start, s.end, year);
    Some(Quote {
        text: t.to_string(),
        place: Place::new(article, s.start, s.end),
        cue: article[r.cue.0..r.cue.1].to_string(),
        status_cue: r.status_cue.map(|(a, b)| article[a..b].to_string()),
        status: r.status,
        date: (ds.len() == 1).then(|| ds[0].date.to_string()),
    })
}
