//! From mentions and cues to candidate relations, one sentence at a time:
//! the subject is the nearest mention before the cue that the type's
//! domain accepts (with the mentions coordinated to it: "France, Russia
//! and the United States"), the object the nearest after; a passive cue
//! ("shot down by") swaps them; a cue inside a quotation takes its speaker
//! after the closing quote mark; a type that joins an actor to a conflict
//! takes the graph's conflict as object; a cue just after a negation is
//! dropped. The status comes from the sentence's status cues.
//!
//! **Invariant:** no candidate joins an actor to itself or breaks its
//! type's domain, and every candidate's quote is the sentence it was
//! read from.

use super::cues::{Cue, Grade, Voice, CUES, GRADES, NEGATIONS};
use super::mentions::Mention;
use super::text::Sentence;
use crate::model::{ActorId, ActorKind, Graph, Status};
use aho_corasick::AhoCorasick;

/// A relation read from one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub rtype: &'static str,
    pub from: ActorId,
    pub to: ActorId,
    pub status: Status,
    /// Byte range of the cue, and of the status cue, if any.
    pub cue: (usize, usize),
    pub status_cue: Option<(usize, usize)>,
}

/// The automata over relation and status cues, built once.
pub struct Cues {
    relations: AhoCorasick,
    grades: AhoCorasick,
}

impl Default for Cues {
    fn default() -> Self {
        Cues {
            relations: super::cues::automaton(CUES.iter().map(|c| c.phrase)),
            grades: super::cues::automaton(GRADES.iter().map(|g| g.0)),
        }
    }
}

/// One sentence with what was found in it.
struct Ctx<'a> {
    graph: &'a Graph,
    text: &'a str,
    s: &'a Sentence,
    /// Mentions of graph actors inside the sentence.
    ms: Vec<(usize, usize, ActorId)>,
    conflict: Option<ActorId>,
}

/// Speech acts: "X said" is the act itself, not a claim about it.
const SPEECH_ACTS: &[&str] = &[
    "calls_for_ceasefire", "condemns", "accuses", "denies", "demands", "recalls_ambassador",
    "diplomatic_support", "threatens", "mediates", "recognises",
];

/// The relations `sentence` states.
pub fn read_sentence(
    graph: &Graph,
    cues: &Cues,
    text: &str,
    s: &Sentence,
    mentions: &[Mention],
    conflict: Option<ActorId>,
) -> Vec<Reading> {
    let ms = mentions
        .iter()
        .filter(|m| m.start >= s.start && m.end <= s.end)
        .filter_map(|m| m.actor.map(|a| (m.start, m.end, a)))
        .collect();
    let cx = Ctx { graph, text, s, ms, conflict };
    let found = super::cues::find(&cues.relations, text, s.start, s.end);
    let grades = super::cues::find(&cues.grades, text, s.start, s.end);
    let mut out = Vec::new();
    for &(k, a, b) in &found {
        let cue = &CUES[k];
        if !needs_met(&cx, cue, a) || negated(text, s.start, a) {
            continue;
        }
        for (from, to) in ends(&cx, cue, a, b) {
            if from == to || !fits(graph, cue.rtype, from, to) {
                continue;
            }
            let (status, status_cue) = grade(cue, a, &found, &grades);
            out.push(Reading { rtype: cue.rtype, from, to, status, cue: (a, b), status_cue });
        }
    }
    out
}

/// One of the cue's `needs` words occurs in the 80 bytes before it.
fn needs_met(cx: &Ctx, cue: &Cue, at: usize) -> bool {
    if cue.needs.is_empty() {
        return true;
    }
    let mut from = at.saturating_sub(80).max(cx.s.start);
    while !cx.text.is_char_boundary(from) {
        from += 1;
    }
    let before = cx.text[from..at].to_lowercase();
    cue.needs.iter().any(|w| before.contains(w))
}

/// Is one of the three words before `at` a negation?
fn negated(text: &str, start: usize, at: usize) -> bool {
    let before = text[start..at].to_lowercase();
    let words: Vec<&str> = before.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    words.iter().rev().take(3).any(|w| NEGATIONS.contains(w) || w.ends_with("n't"))
}

/// Does the type's domain accept `a` at its `from` (or `to`) end?
fn accepts(graph: &Graph, rtype: &str, a: ActorId, to_end: bool) -> bool {
    let Some(d) = graph.schema.domains.get(rtype) else {
        return true;
    };
    let list = if to_end { &d.to } else { &d.from };
    list.is_empty() || list.iter().any(|k| k.accepts(graph.actor(a)))
}

fn fits(graph: &Graph, rtype: &str, from: ActorId, to: ActorId) -> bool {
    accepts(graph, rtype, from, false) && accepts(graph, rtype, to, true)
}

/// Types whose object is always a conflict ("calls for a ceasefire in").
fn to_conflict(graph: &Graph, rtype: &str) -> bool {
    graph.schema.domains.get(rtype).is_some_and(|d| {
        !d.to.is_empty()
            && d.to.iter().all(|k| matches!(k, crate::model::KindSpec::Kind(ActorKind::Conflict)))
    })
}

/// The (from, to) pairs a cue at `a..b` gives.
fn ends(cx: &Ctx, cue: &Cue, a: usize, b: usize) -> Vec<(ActorId, ActorId)> {
    let g = cx.graph;
    let t = cue.rtype;
    let pairs = |subs: Vec<ActorId>, objs: Vec<ActorId>| -> Vec<(ActorId, ActorId)> {
        subs.iter().flat_map(|&s| objs.iter().map(move |&o| (s, o))).collect()
    };
    let objects = |from: usize, limit: usize| -> Vec<ActorId> {
        if to_conflict(g, t) {
            return cx.conflict.into_iter().collect();
        }
        after(cx, from, limit, |x| accepts(g, t, x, true))
    };
    let (quoted, close) = quotation(cx, a);
    let limit = if quoted { close } else { cx.s.end };
    match cue.voice {
        Voice::Active => {
            let mut subs = before(cx, a, if quoted { open_quote(cx, a) } else { cx.s.start }, |x| accepts(g, t, x, false));
            if subs.is_empty() && quoted {
                subs = speakers(cx, close, |x| accepts(g, t, x, false));
            }
            pairs(subs, objects(b, limit))
        }
        Voice::Passive => {
            let subs = after(cx, b, cx.s.end, |x| accepts(g, t, x, false));
            let objs = before(cx, a, cx.s.start, |x| accepts(g, t, x, true));
            pairs(subs, objs)
        }
        Voice::Between => {
            let both = after(cx, b, (b + 60).min(cx.s.end), |x| accepts(g, t, x, false));
            both.windows(2).take(1).map(|w| (w[0], w[1])).collect()
        }
        Voice::Fused => {
            let Some(&(_, _, sub)) = cx.ms.iter().find(|m| m.1 == a) else {
                return Vec::new();
            };
            let mut objs = after(cx, b, cx.s.end, |x| accepts(g, t, x, true));
            if objs.is_empty() {
                objs = before(cx, a, cx.s.start, |x| x != sub && accepts(g, t, x, true));
            }
            pairs(vec![sub], objs.into_iter().take(1).collect())
        }
        Voice::Sends => sends(cx, cue, a, b),
    }
}

/// "A sent mercenaries to B": supports A→B; fighters between cue and "to"
/// fight for B (returned as pairs of the cue's type; see [`read_fights_for`]).
fn sends(cx: &Ctx, cue: &Cue, a: usize, b: usize) -> Vec<(ActorId, ActorId)> {
    let g = cx.graph;
    let Some(to_at) = cx.text[b..cx.s.end].find(" to ").map(|i| b + i + 4) else {
        return Vec::new();
    };
    let subs = before(cx, a, cx.s.start, |x| accepts(g, cue.rtype, x, false));
    let objs: Vec<ActorId> = after(cx, to_at, cx.s.end, |x| accepts(g, cue.rtype, x, true)).into_iter().take(1).collect();
    subs.iter().flat_map(|&s| objs.iter().map(move |&o| (s, o))).collect()
}

/// Fighters named between a sending cue and its "to B": they fight for B.
pub fn read_fights_for(graph: &Graph, text: &str, s: &Sentence, mentions: &[Mention], r: &Reading) -> Vec<(ActorId, ActorId)> {
    let (_, b) = r.cue;
    let Some(to_at) = text[b..s.end].find(" to ").map(|i| b + i) else {
        return Vec::new();
    };
    mentions
        .iter()
        .filter(|m| m.start >= b && m.end <= to_at)
        .filter_map(|m| m.actor)
        .filter(|&x| graph.actor(x).kind == ActorKind::ArmedGroup)
        .map(|x| (x, r.to))
        .collect()
}

/// Is the cue inside a quotation? Returns (inside, byte after the closing mark).
fn quotation(cx: &Ctx, at: usize) -> (bool, usize) {
    let s = &cx.text[cx.s.start..at];
    let opens = s.matches('\u{201C}').count() + s.matches('"').count();
    let closes = s.matches('\u{201D}').count();
    let straight = s.matches('"').count();
    let inside = if straight > 0 { straight % 2 == 1 } else { opens > closes };
    if !inside {
        return (false, cx.s.end);
    }
    let rest = &cx.text[at..cx.s.end];
    match rest.find(['\u{201D}', '"']) {
        Some(i) => (true, at + i),
        None => (false, cx.s.end),
    }
}

fn open_quote(cx: &Ctx, at: usize) -> usize {
    cx.text[cx.s.start..at].rfind(['\u{201C}', '"']).map_or(cx.s.start, |i| cx.s.start + i)
}

/// Mentions after a closing quote mark: the speakers ("..., X and Y said").
fn speakers(cx: &Ctx, close: usize, ok: impl Fn(ActorId) -> bool) -> Vec<ActorId> {
    let mut out: Vec<ActorId> = Vec::new();
    for &(s, _, x) in &cx.ms {
        if s > close && ok(x) && !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// Is the text between two mentions a coordination ("," "and" "or" "the")?
fn coordinated(gap: &str) -> bool {
    let rest: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "and" | "or" | "s" | "'s" | "’s"))
        .collect();
    rest.is_empty()
}

/// The nearest accepted mention ending before `at` (not before `floor`),
/// with the accepted mentions coordinated to it.
fn before(cx: &Ctx, at: usize, floor: usize, ok: impl Fn(ActorId) -> bool) -> Vec<ActorId> {
    let idx: Vec<usize> = (0..cx.ms.len()).filter(|&i| cx.ms[i].1 <= at && cx.ms[i].0 >= floor).collect();
    let Some(&k) = idx.iter().rev().find(|&&i| ok(cx.ms[i].2)) else {
        return Vec::new();
    };
    let mut out = vec![cx.ms[k].2];
    let mut j = k;
    while j > 0 && cx.ms[j - 1].0 >= floor && coordinated(&cx.text[cx.ms[j - 1].1..cx.ms[j].0]) {
        j -= 1;
        if ok(cx.ms[j].2) && !out.contains(&cx.ms[j].2) {
            out.push(cx.ms[j].2);
        }
    }
    out
}

/// The nearest accepted mention starting after `at` (before `limit`), with
/// the accepted mentions coordinated to it.
fn after(cx: &Ctx, at: usize, limit: usize, ok: impl Fn(ActorId) -> bool) -> Vec<ActorId> {
    let Some(k) = (0..cx.ms.len()).find(|&i| cx.ms[i].0 >= at && cx.ms[i].1 <= limit && ok(cx.ms[i].2)) else {
        return Vec::new();
    };
    let mut out = vec![cx.ms[k].2];
    let mut j = k;
    while j + 1 < cx.ms.len() && cx.ms[j + 1].1 <= limit && coordinated(&cx.text[cx.ms[j].1..cx.ms[j + 1].0]) {
        j += 1;
        if ok(cx.ms[j].2) && !out.contains(&cx.ms[j].2) {
            out.push(cx.ms[j].2);
        }
    }
    out
}

/// The status of a cue's relation, and the status cue that set it.
fn grade(
    cue: &Cue,
    at: usize,
    found: &[(usize, usize, usize)],
    grades: &[(usize, usize, usize)],
) -> (Status, Option<(usize, usize)>) {
    let earlier = |ty: &str| found.iter().find(|&&(k, a, _)| a < at && CUES[k].rtype == ty).map(|&(_, a, b)| (a, b));
    if cue.rtype != "denies" {
        if let Some(c) = earlier("denies") {
            return (Status::Denied, Some(c));
        }
    }
    let of = |g: Grade| grades.iter().find(|&&(k, _, _)| GRADES[k].1 == g).map(|&(_, a, b)| (a, b));
    if let Some(c) = of(Grade::Considered) {
        return (Status::Considered, Some(c));
    }
    if cue.rtype != "accuses" {
        if let Some(c) = earlier("accuses") {
            return (Status::Alleged, Some(c));
        }
    }
    if let Some(c) = of(Grade::Alleged) {
        return (Status::Alleged, Some(c));
    }
    match of(Grade::Attributed) {
        Some(c) if !SPEECH_ACTS.contains(&cue.rtype) => (Status::Claimed, Some(c)),
        _ => (Status::Reported, None),
    }
}
