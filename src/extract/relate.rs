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
    /// Mentions of graph actors inside the sentence: (start, end, actor,
    /// is a speaker: "according to X", "X said").
    ms: Vec<(usize, usize, ActorId, bool)>,
    conflict: Option<ActorId>,
    /// The last person named before the sentence, for "He" and "She".
    prev_person: Option<ActorId>,
    /// For a sentence opening "It" or "The country": the state that
    /// opens the sentence before.
    prev_state: Option<ActorId>,
    /// For a sentence whose subject is "they": the coordination that opens
    /// the sentence before.
    prev_group: Vec<ActorId>,
    /// Who made the claim reported in the sentence before ("..., the
    /// Azerbaijani prosecutor's office said"), for "denied the claim".
    prev_claimant: Option<ActorId>,
    /// Mentions that name where a product comes from ("Israeli-made
    /// weapons"): an arms supplier, not an actor of other relations.
    products: Vec<usize>,
    /// States named only as the qualifier of a person's title ("French
    /// President Emmanuel Macron"): the person acts, not the state.
    qualifiers: Vec<ActorId>,
    /// Mentions that only qualify someone else's counterpart ("with his
    /// Armenian and Azerbaijani counterparts"): never an end.
    oblique: Vec<usize>,
    /// Where each relation cue of the sentence starts: an object comes
    /// before the next cue that follows "and" or a comma (a new verb).
    cue_starts: Vec<usize>,
}

impl Ctx<'_> {
    /// Is every mention of `x` in the sentence a product's origin?
    fn is_product(&self, x: ActorId) -> bool {
        let of_x: Vec<usize> = self.ms.iter().filter(|m| m.2 == x).map(|m| m.0).collect();
        !of_x.is_empty() && of_x.iter().all(|s| self.products.contains(s))
    }
}

/// Speech acts: "X said" is the act itself, not a claim about it.
const SPEECH_ACTS: &[&str] = &[
    "calls_for_ceasefire",
    "condemns",
    "accuses",
    "denies",
    "demands",
    "recalls_ambassador",
    "diplomatic_support",
    "threatens",
    "mediates",
    "recognises",
];

/// Words that make the verb after them passive ("was shelled").
const AUXILIARIES: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];

/// Words before "calls for a ceasefire" that leave the callers unnamed.
const UNNAMED: &[&str] = &[
    "international",
    "any",
    "world",
    "global",
    "repeated",
    "growing",
    "all",
    "several",
    "many",
];

/// Types where "its ally", "its enemy" refer to the clause's subject.
const POSSESSIVE_TYPES: &[&str] = &["ally", "rival", "supports", "diplomatic_support", "backs"];

/// Words of a title, allowed between coordinated mentions ("Putin, U.S.
/// President Donald Trump and French President Emmanuel Macron").
const TITLE_WORDS: &[&str] = &[
    "president",
    "prime",
    "minister",
    "foreign",
    "defence",
    "defense",
    "counterpart",
    "counterparts",
    "leader",
    "leaders",
];

/// Verbs that make a noun an act of their subject ("launched an offensive").
const LIGHT_VERBS: &[&str] = &[
    "launched",
    "launch",
    "launches",
    "began",
    "begun",
    "started",
    "carried",
    "conducted",
    "mounted",
    "committed",
    "waged",
];

/// Words that may stand between a qualifier and its noun ("Azerbaijan's
/// army strikes", "Turkish-made drones").
const QUALIFIER_GAP: &[&str] = &[
    "s",
    "army",
    "forces",
    "military",
    "armed",
    "made",
    "air",
    "force",
    "drone",
    "missile",
    "artillery",
    "rocket",
];

/// Nouns after "condemned the" that name the war itself.
const WAR_NOUNS: &[&str] = &[
    "fighting",
    "escalation",
    "violence",
    "hostilities",
    "war",
    "clashes",
    "conflict",
];

/// Titles between a state and a person: the person leads it, or serves it.
const LEADER_TITLES: &[&str] = &["president", "prime minister", "leader", "king", "emir"];
const OFFICIAL_TITLES: &[&str] = &[
    "assistant",
    "minister",
    "aide",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "adviser",
    "advisor",
    "official",
    "envoy",
];

/// The relations `sentence` states.
pub fn read_sentence(
    graph: &Graph,
    cues: &Cues,
    text: &str,
    s: &Sentence,
    mentions: &[Mention],
    conflict: Option<ActorId>,
    prev: Option<&Sentence>,
) -> Vec<Reading> {
    let mut ms: Vec<(usize, usize, ActorId, bool)> = mentions
        .iter()
        .filter(|m| m.start >= s.start && m.end <= s.end)
        .filter_map(|m| {
            m.actor
                .map(|a| (m.start, m.end, a, is_speaker(text, s, m.start, m.end)))
        })
        .collect();
    ms.extend(
        super::refer::groups(graph, text, s, mentions)
            .into_iter()
            .map(|(a, b, x)| (a, b, x, false)),
    );
    ms.sort_by_key(|m| m.0);
    let prev_state = super::refer::state_pronoun(graph, text, s, prev, mentions);
    let prev_group = super::refer::they(graph, text, s, prev, mentions);
    let prev_claimant = super::refer::claimant(text, prev, mentions);
    let prev_person = mentions
        .iter()
        .filter(|m| m.end <= s.start)
        .filter_map(|m| m.actor)
        .filter(|&a| graph.actor(a).kind == ActorKind::Person)
        .last();
    let found = super::cues::find(&cues.relations, text, s.start, s.end);
    let cue_starts = found.iter().map(|f| f.1).collect();
    let mut cx = Ctx {
        graph,
        text,
        s,
        ms,
        conflict,
        prev_person,
        prev_state,
        prev_group,
        prev_claimant,
        qualifiers: Vec::new(),
        products: Vec::new(),
        oblique: Vec::new(),
        cue_starts,
    };
    cx.oblique = counterparts(&cx);
    cx.products = cx
        .ms
        .iter()
        .filter(|m| {
            ["-made", "-built", "-produced", "-supplied"]
                .iter()
                .any(|p| text[m.1..].starts_with(p))
        })
        .map(|m| m.0)
        .collect();
    let titled = titles(&cx);
    cx.qualifiers = titled.iter().filter(|t| t.1).map(|t| t.0.to).collect();
    let grades = super::cues::find(&cues.grades, text, s.start, s.end);
    let mut out: Vec<Reading> = titled.into_iter().map(|t| t.0).collect();
    for &(k, a, b) in &found {
        let cue = &CUES[k];
        if !needs_met(&cx, cue, a) || negated(text, s.start, a) {
            continue;
        }
        let (status, status_cue) = grade(text, cue, a, &found, &grades);
        for (rtype, from, to) in ends(&cx, cue, a, b) {
            if from == to || !fits(graph, rtype, from, to) {
                continue;
            }
            out.push(Reading {
                rtype,
                from,
                to,
                status,
                cue: (a, b),
                status_cue,
            });
        }
    }
    out
}

/// "with his Armenian and Azerbaijani counterparts": the starts of the
/// mentions of such a chain.
fn counterparts(cx: &Ctx) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cx.ms.len() {
        let mut j = i;
        while j + 1 < cx.ms.len() && coordinated(gap(cx.text, cx.ms[j].1, cx.ms[j + 1].0)) {
            j += 1;
        }
        let before = cx.text[cx.s.start..cx.ms[i].0].to_lowercase();
        let owned = ["his ", "her ", "their ", "its "]
            .iter()
            .any(|p| before.ends_with(p));
        if owned && cx.text[cx.ms[j].1..cx.s.end].starts_with(" counterpart") {
            out.extend(cx.ms[i..=j].iter().map(|m| m.0));
        }
        i = j + 1;
    }
    out
}

/// "Azerbaijani President Ilham Aliyev", "Azerbaijan's president, Ilham
/// Aliyev": a title between a state and a person.
fn titles(cx: &Ctx) -> Vec<(Reading, bool)> {
    let mut out = Vec::new();
    for w in cx.ms.windows(2) {
        let kind = |x: ActorId| cx.graph.actor(x).kind;
        let gap = gap(cx.text, w[0].1, w[1].0).to_lowercase();
        let found = match (kind(w[0].2), kind(w[1].2)) {
            (ActorKind::State, ActorKind::Person) => title_before(&gap)
                .or_else(|| counterpart(&gap, &out))
                .map(|t| (t, w[1].2, w[0].2, true)),
            (ActorKind::Person, ActorKind::State) => {
                title_after(&gap).map(|t| (t, w[0].2, w[1].2, false))
            }
            _ => None,
        };
        if let Some((rtype, person, state, forward)) = found {
            let r = Reading {
                rtype,
                from: person,
                to: state,
                status: Status::Reported,
                cue: (w[0].1, w[1].0),
                status_cue: None,
            };
            out.push((r, forward));
        }
    }
    out
}

/// "French President Emmanuel Macron, Russian counterpart Vladimir Putin":
/// a counterpart holds the title named before it in the sentence.
fn counterpart(gap: &str, before: &[(Reading, bool)]) -> Option<&'static str> {
    (gap.trim() == "counterpart")
        .then(|| before.last().map(|r| r.0.rtype))
        .flatten()
}

/// "Azerbaijani President ", "'s president, ": the type a title gives.
fn title_before(gap: &str) -> Option<&'static str> {
    let possessive = gap.starts_with("'s ") || gap.starts_with("\u{2019}s ");
    if gap.contains(',') && !possessive {
        return None;
    }
    let words: Vec<&str> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|x| !x.is_empty() && *x != "s")
        .collect();
    if words.is_empty() || words.len() > 3 || words.iter().any(|w| *w == "former" || *w == "ex") {
        return None;
    }
    let title = words.join(" ");
    if LEADER_TITLES.iter().any(|t| title.ends_with(t)) {
        Some("leader_of")
    } else if OFFICIAL_TITLES.iter().any(|t| title.contains(t)) {
        Some("official_of")
    } else {
        None
    }
}

/// ", assistant to the president of ", ", the president of ": an
/// apposition after the person.
fn title_after(gap: &str) -> Option<&'static str> {
    if !gap.starts_with(", ")
        || gap.len() > 50
        || !(gap.ends_with(" of ") || gap.ends_with(" of the "))
    {
        return None;
    }
    let words: Vec<&str> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|x| !x.is_empty())
        .collect();
    if words.iter().any(|w| *w == "former" || *w == "ex") {
        return None;
    }
    if words.iter().any(|w| OFFICIAL_TITLES.contains(w)) {
        return Some("official_of");
    }
    let head = words.iter().find(|w| !matches!(**w, "the" | "a" | "an"))?;
    matches!(*head, "president" | "prime" | "leader").then_some("leader_of")
}

/// "according to X", "X said": X speaks, it is not an object.
fn is_speaker(text: &str, s: &Sentence, start: usize, end: usize) -> bool {
    let mut from = start.saturating_sub(30).max(s.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].to_lowercase();
    let after = text[end..s.end]
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    before.contains("according to")
        || [
            "said", "says", "claimed", "claims", "told", "stated", "reported",
        ]
        .iter()
        .any(|w| after.starts_with(w))
}

/// One of the cue's `needs` words occurs in the 80 bytes before it.
fn needs_met(cx: &Ctx, cue: &Cue, at: usize) -> bool {
    if cue.needs.is_empty() {
        return true;
    }
    let before = window_before(cx, at, 80).to_lowercase();
    before
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| cue.needs.iter().any(|n| word.starts_with(n)))
}

/// Up to `n` bytes of the sentence before `at`.
fn window_before<'a>(cx: &Ctx<'a>, at: usize, n: usize) -> &'a str {
    let mut from = at.saturating_sub(n).max(cx.s.start);
    while !cx.text.is_char_boundary(from) {
        from += 1;
    }
    &cx.text[from..at]
}

/// The last `n` words of the sentence before `at`, lowercased.
fn words_before(cx: &Ctx, at: usize, n: usize) -> Vec<String> {
    let before = cx.text[cx.s.start..at].to_lowercase();
    let words: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.into_iter().rev().take(n).collect()
}

/// Is one of the three words before `at` a negation?
fn negated(text: &str, start: usize, at: usize) -> bool {
    let before = text[start..at].to_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .rev()
        .take(3)
        .any(|w| NEGATIONS.contains(w) || w.ends_with("n't"))
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
            && d.to
                .iter()
                .all(|k| matches!(k, crate::model::KindSpec::Kind(ActorKind::Conflict)))
    })
}

type Triple = (&'static str, ActorId, ActorId);

fn pairs(rtype: &'static str, subs: &[ActorId], objs: &[ActorId]) -> Vec<Triple> {
    subs.iter()
        .flat_map(|&s| objs.iter().map(move |&o| (rtype, s, o)))
        .collect()
}

/// The relations a cue at `a..b` gives: (type, from, to).
fn ends(cx: &Ctx, cue: &Cue, a: usize, b: usize) -> Vec<Triple> {
    let passive = cue.voice == Voice::Active
        && cx.text[a..b].ends_with("ed")
        && words_before(cx, a, 1)
            .first()
            .is_some_and(|w| AUXILIARIES.contains(&w.as_str()));
    match cue.voice {
        Voice::Sends => sends(cx, cue, a, b, passive_words(cx, a)),
        _ if passive => passive_ends(cx, cue, a, b),
        Voice::Active => active(cx, cue, a, b),
        Voice::Passive => passive_ends(cx, cue, a, b),
        Voice::Between => {
            let ok = |x| accepts(cx.graph, cue.rtype, x, false);
            let mut both = after(cx, b, (b + 60).min(cx.s.end), ok);
            if both.len() < 2 && cx.text[b..cx.s.end].trim_start().starts_with("the two") {
                both = last_two(cx, a, ok);
            }
            both.windows(2)
                .take(1)
                .map(|w| (cue.rtype, w[0], w[1]))
                .collect()
        }
        Voice::Fused => fused(cx, cue, a, b),
        Voice::PairBefore => pair_before(cx, cue, a),
        Voice::Side => side(cx, cue, a),
        Voice::Mutual => {
            let subs = before(cx, a, cx.s.start, |x| {
                accepts(cx.graph, cue.rtype, x, false)
            });
            mutual(cue.rtype, &subs)
        }
        Voice::DrawnIn => {
            let parties = after(cx, b, cx.s.end, |x| accepts(cx.graph, cue.rtype, x, false));
            pairs(
                cue.rtype,
                &parties,
                &cx.conflict.into_iter().collect::<Vec<_>>(),
            )
        }
        Voice::Nominal => nominal(cx, cue, a, b),
    }
}

fn passive_words(cx: &Ctx, a: usize) -> bool {
    words_before(cx, a, 1)
        .first()
        .is_some_and(|w| AUXILIARIES.contains(&w.as_str()))
}

/// "A shelled B", with a quotation's speaker, a participle's or a
/// possessive's clause subject, "He", and "each other".
fn active(cx: &Ctx, cue: &Cue, a: usize, b: usize) -> Vec<Triple> {
    let t = cue.rtype;
    let (quoted, close) = quotation(cx, a);
    let Some(subs) = subjects(cx, cue, a, quoted, close) else {
        return Vec::new();
    };
    let rest = cx.text[b..cx.s.end].trim_start();
    if rest.starts_with("each other")
        || rest.starts_with("one another")
        || (rest.starts_with("the other") && subs.len() == 2)
    {
        return mutual(t, &subs);
    }
    if t == "threatens" && rest.starts_with("to ") {
        return Vec::new(); // "threatened to draw in Russia": the threat is the clause
    }
    if symmetric(cx.graph, t) && subs.is_empty() {
        let pair = pair_after(cx, cue, b);
        if !pair.is_empty() {
            return pair;
        }
    }
    if t == "denies" && (rejects_a_call(cx, b) || rest.starts_with("reports")) {
        // "dismissed calls", "denied reports that ...": no party's claim.
        return Vec::new();
    }
    let mut objs = objects(cx, cue, b, quoted, close);
    if t == "denies" && objs.is_empty() && denies_what_was_said(rest) {
        objs = cx.prev_claimant.into_iter().collect();
    }
    let t = if t == "supports" && backs_a_position(cx, &objs, b) {
        "diplomatic_support"
    } else {
        t
    };
    pairs(t, &subs, &objs)
}

/// "denied the claim", "denies it": the denial answers the sentence before.
fn denies_what_was_said(rest: &str) -> bool {
    let rest = rest.to_lowercase();
    [
        "the claim",
        "the report",
        "the allegation",
        "the accusation",
        "it.",
        "it,",
        "this.",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
}

/// Each of `subs` to each other.
fn mutual(t: &'static str, subs: &[ActorId]) -> Vec<Triple> {
    subs.iter()
        .flat_map(|&x| {
            subs.iter()
                .filter(move |&&y| y != x)
                .map(move |&y| (t, x, y))
        })
        .collect()
}

fn symmetric(graph: &Graph, t: &str) -> bool {
    graph.schema.types.get(t).is_some_and(|ty| !ty.directed)
}

/// "arch foes Armenia and Azerbaijan": two coordinated names right after
/// a symmetric cue with no subject before it are its two ends.
fn pair_after(cx: &Ctx, cue: &Cue, b: usize) -> Vec<Triple> {
    let Some(k) = cx.ms.iter().position(|m| m.0 >= b) else {
        return Vec::new();
    };
    let adjacent = cx.text[b..cx.ms[k].0].trim().is_empty();
    let two = cx.ms.get(k + 1).filter(|m2| {
        gap(cx.text, cx.ms[k].1, m2.0).trim() == "and"
            && !cx
                .ms
                .get(k + 2)
                .is_some_and(|m3| coordinated(gap(cx.text, m2.1, m3.0)))
    });
    match two {
        Some(m2) if adjacent && accepts(cx.graph, cue.rtype, cx.ms[k].2, false) => {
            vec![(cue.rtype, cx.ms[k].2, m2.2)]
        }
        _ => Vec::new(),
    }
}

/// "Syrian mercenaries on the Azerbaijani side": fights_for from the
/// armed group just before "on the" to the actor named just before "side".
fn side(cx: &Ctx, cue: &Cue, a: usize) -> Vec<Triple> {
    let Some(k) = cx.ms.iter().rposition(|m| m.1 <= a) else {
        return Vec::new();
    };
    let (g, t) = (cx.graph, cue.rtype);
    let gap_before = cx.text[cx.s.start..cx.ms[k].0].to_lowercase();
    if !cx.text[cx.ms[k].1..a].trim().is_empty() || !gap_before.ends_with(" on the ") {
        return Vec::new();
    }
    let on = cx.ms[k].0 - " on the ".len();
    let armed = |x| g.actor(x).kind == ActorKind::ArmedGroup && accepts(g, t, x, false);
    let fighters: Vec<ActorId> = cx
        .ms
        .iter()
        .rev()
        .find(|m| m.1 <= on)
        .filter(|m| cx.text[m.1..on].trim().is_empty() && armed(m.2))
        .map(|m| m.2)
        .into_iter()
        .collect();
    let to = cx.ms[k].2;
    if accepts(g, t, to, true) {
        pairs(t, &fighters, &[to])
    } else {
        Vec::new()
    }
}

/// "the Azerbaijan and Armenia conflict": the two names coordinated just
/// before the noun.
fn pair_before(cx: &Ctx, cue: &Cue, a: usize) -> Vec<Triple> {
    let Some(k) = cx.ms.iter().rposition(|m| m.1 <= a) else {
        return Vec::new();
    };
    let adjacent = cx.text[cx.ms[k].1..a].trim().is_empty();
    let ok = |x| accepts(cx.graph, cue.rtype, x, false);
    let pair = k.checked_sub(1).map(|j| &cx.ms[j]).filter(|m0| {
        gap(cx.text, m0.1, cx.ms[k].0).trim() == "and"
            && !k
                .checked_sub(2)
                .is_some_and(|i| coordinated(gap(cx.text, cx.ms[i].1, m0.0)))
    });
    match pair {
        Some(m0) if adjacent && ok(m0.2) && ok(cx.ms[k].2) => vec![(cue.rtype, m0.2, cx.ms[k].2)],
        _ => Vec::new(),
    }
}

/// Who acts: the nearest accepted mention before the cue (or before the
/// verb of a `needs` cue), or the clause's subject for a participle, a
/// possessive or a second verb, or a quotation's speaker, or "He"/"She".
/// `None`: the text says the actor is unnamed ("international calls").
fn subjects(cx: &Ctx, cue: &Cue, a: usize, quoted: bool, close: usize) -> Option<Vec<ActorId>> {
    let (g, t) = (cx.graph, cue.rtype);
    let ok_from = |x| {
        accepts(g, t, x, false)
            && !cx.qualifiers.contains(&x)
            && (t == "arms_supplier" || !cx.is_product(x))
    };
    let floor = if quoted {
        open_quote(cx, a)
    } else {
        cx.s.start
    };
    let anchor = needs_anchor(cx, cue, a);
    if !cue.needs.is_empty()
        && words_before(cx, anchor, 1)
            .first()
            .is_some_and(|w| UNNAMED.contains(&w.as_str()))
    {
        return None;
    }
    let verb = word_at(cx, anchor, cx.s.end);
    let prev = cx.text[cx.s.start..anchor].trim_end();
    let prev_word_start = prev
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let prev_word = &prev[prev_word_start..];
    let participle = (verb.ends_with("ing") && prev.ends_with(','))
        || (prev_word.ends_with("ing") && prev[..prev_word_start].trim_end().ends_with(','));
    let possessive = POSSESSIVE_TYPES.contains(&t)
        && words_before(cx, a, 3)
            .iter()
            .any(|w| w == "its" || w == "their");
    let mut subs =
        if (participle || possessive || cx.text[a..].starts_with("in support")) && !quoted {
            first(cx, anchor, ok_from)
        } else {
            before(cx, anchor, floor, ok_from)
        };
    if !quoted && second_verb(cx, anchor, ok_from) {
        subs = first(cx, anchor, ok_from);
    }
    if subs.is_empty() && quoted {
        subs = speakers(cx, close, ok_from);
    }
    if subs.is_empty() && starts_with_pronoun(cx) {
        subs = cx.prev_person.filter(|&p| ok_from(p)).into_iter().collect();
    }
    if subs.is_empty() && !quoted {
        subs = cx.prev_state.filter(|&p| ok_from(p)).into_iter().collect();
    }
    if subs.is_empty() && !quoted {
        subs = cx
            .prev_group
            .iter()
            .copied()
            .filter(|&p| ok_from(p))
            .collect();
    }
    Some(subs)
}

/// What is acted on: the nearest accepted mention after the cue and before
/// the next verb, or the conflict for conflict-only types and "condemned
/// the fighting".
fn objects(cx: &Ctx, cue: &Cue, b: usize, quoted: bool, close: usize) -> Vec<ActorId> {
    let (g, t) = (cx.graph, cue.rtype);
    let next_cue = cx
        .cue_starts
        .iter()
        .copied()
        .find(|&c| c >= b && (cx.text[b..c].contains(" and ") || cx.text[b..c].contains(", ")))
        .unwrap_or(cx.s.end);
    let limit = if quoted {
        close.min(next_cue)
    } else {
        next_cue
    };
    let war_object = t == "condemns" && {
        let rest = cx.text[b..cx.s.end].trim_start().to_lowercase();
        let rest = rest
            .strip_prefix("in the strongest terms ")
            .unwrap_or(&rest);
        let rest = rest.strip_prefix("the ").unwrap_or(rest).to_string();
        WAR_NOUNS
            .iter()
            .any(|w| rest.starts_with(w) || rest.starts_with(&format!("recent {w}")))
    };
    if to_conflict(g, t) || war_object {
        return cx.conflict.into_iter().collect();
    }
    after(cx, b, limit, |x| {
        accepts(g, t, x, true) && (t == "arms_supplier" || !cx.is_product(x))
    })
}

/// "dismissed ... calls for", "rejected the criticism": a rejection, not a
/// denial of an allegation.
fn rejects_a_call(cx: &Ctx, b: usize) -> bool {
    let end = (b + 60).min(cx.s.end);
    let mut end = end;
    while !cx.text.is_char_boundary(end) {
        end += 1;
    }
    let rest = cx.text[b..end].to_lowercase();
    ["calls", "criticism", "demand", "proposal", "appeal"]
        .iter()
        .any(|w| rest.contains(w))
}

/// "supported Baku's right to self-defence": a stance, not material support.
fn backs_a_position(cx: &Ctx, objs: &[ActorId], b: usize) -> bool {
    let Some(m) = cx
        .ms
        .iter()
        .find(|m| m.0 >= b && objs.first() == Some(&m.2))
    else {
        return false;
    };
    let rest = cx.text[m.1..cx.s.end].to_lowercase();
    let rest = rest
        .trim_start_matches(['\'', '\u{2019}', 's'])
        .trim_start();
    [
        "right",
        "position",
        "stance",
        "claim",
        "sovereignty",
        "territorial",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// Is the cue a second verb ("Armenia blamed Azerbaijan ... and has
/// declared martial law")? Then its subject is the clause's first.
fn second_verb(cx: &Ctx, a: usize, ok: impl Fn(ActorId) -> bool) -> bool {
    let Some(last) = cx.ms.iter().rev().find(|m| m.1 <= a && ok(m.2)) else {
        return false;
    };
    let gap = &cx.text[last.1..a];
    [
        " and has ",
        " and have ",
        " and had ",
        " and is ",
        " and was ",
        " and then ",
    ]
    .iter()
    .any(|w| gap.contains(w))
        || (gap.contains(" and ") && cx.cue_starts.iter().any(|&c| c > last.1 && c < a))
}

/// Where the verb of a cue is: the last of its `needs` words before it
/// ("calling for a ceasefire"), or the cue itself.
fn needs_anchor(cx: &Ctx, cue: &Cue, a: usize) -> usize {
    let w = window_before(cx, a, 80);
    let base = a - w.len();
    let lower = w.to_lowercase();
    cue.needs
        .iter()
        .filter_map(|n| lower.rfind(n))
        .max()
        .map_or(a, |i| base + i)
}

/// The word that starts at `at` (up to `end`).
fn word_at<'a>(cx: &Ctx<'a>, at: usize, end: usize) -> &'a str {
    let s = &cx.text[at..end.max(at)];
    let n = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..n]
}

fn starts_with_pronoun(cx: &Ctx) -> bool {
    let s = &cx.text[cx.s.start..cx.s.end];
    s.starts_with("He ") || s.starts_with("She ")
}

/// "B was shelled by A": the subject after "by", the object before.
fn passive_ends(cx: &Ctx, cue: &Cue, a: usize, b: usize) -> Vec<Triple> {
    let (g, t) = (cx.graph, cue.rtype);
    let by = if cx.text[a..b].ends_with(" by")
        || cx.text[a..b].ends_with(" of")
        || cx.text[a..b].ends_with(" from")
    {
        Some(b)
    } else {
        cx.text[b..cx.s.end]
            .find(" by ")
            .filter(|&i| i < 40)
            .map(|i| b + i + 4)
    };
    let Some(by) = by else { return Vec::new() };
    let subs = after(cx, by, cx.s.end, |x| accepts(g, t, x, false));
    let mut objs = before(cx, a, cx.s.start, |x| accepts(g, t, x, true));
    if objs.is_empty() {
        objs = target_after_agent(cx, t, by);
    }
    if objs.iter().any(|o| subs.contains(o)) {
        return Vec::new(); // "shelling from both sides": no one direction
    }
    pairs(t, &subs, &objs)
}

/// "shelling by Armenian forces on civilian populations of Azerbaijan":
/// a noun's target follows its agent after "on" or "against".
fn target_after_agent(cx: &Ctx, t: &str, by: usize) -> Vec<ActorId> {
    let Some(agent) = cx.ms.iter().find(|m| m.0 >= by) else {
        return Vec::new();
    };
    let rest = &cx.text[agent.1..cx.s.end];
    let Some(i) = [" on ", " against "]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    else {
        return Vec::new();
    };
    if i > 30 {
        return Vec::new();
    }
    let from = agent.1 + i;
    after(cx, from, (from + 60).min(cx.s.end), |x| {
        accepts(cx.graph, t, x, true)
    })
}

/// "a Russian-led alliance": the subject is fused to the cue.
fn fused(cx: &Ctx, cue: &Cue, a: usize, b: usize) -> Vec<Triple> {
    let (g, t) = (cx.graph, cue.rtype);
    let Some(&(_, _, sub, _)) = cx.ms.iter().find(|m| m.1 == a) else {
        return Vec::new();
    };
    let mut objs = after(cx, b, cx.s.end, |x| accepts(g, t, x, true));
    if objs.is_empty() {
        objs = before(cx, a, cx.s.start, |x| x != sub && accepts(g, t, x, true));
    }
    pairs(t, &[sub], &objs)
}

/// "fighting between the two nations": the sentence's first actor and the
/// last one named before the cue.
fn last_two(cx: &Ctx, a: usize, ok: impl Fn(ActorId) -> bool) -> Vec<ActorId> {
    let named: Vec<ActorId> = cx
        .ms
        .iter()
        .filter(|m| m.1 <= a && ok(m.2) && !cx.products.contains(&m.0))
        .map(|m| m.2)
        .collect();
    match (named.first(), named.last()) {
        (Some(&x), Some(&y)) if x != y => vec![x, y],
        _ => Vec::new(),
    }
}

/// "Azerbaijan's offensive in Karabakh": the qualifier is the subject, the
/// object follows a preposition within a few words.
fn nominal(cx: &Ctx, cue: &Cue, a: usize, b: usize) -> Vec<Triple> {
    let (g, t) = (cx.graph, cue.rtype);
    let qualifier = cx.ms.iter().rev().find(|m| {
        m.1 <= a && {
            let gap = cx.text[m.1..a].to_lowercase();
            gap.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| QUALIFIER_GAP.contains(&w))
                && gap.len() <= 20
                && !gap.contains([',', ';', ':', '(', ')', '.'])
        }
    });
    let light = words_before(cx, a, 6)
        .iter()
        .any(|w| LIGHT_VERBS.contains(&w.as_str()));
    let subs: Vec<ActorId> = match qualifier.filter(|m| accepts(g, t, m.2, false)) {
        Some(m) => vec![m.2],
        None if light => before(cx, a, cx.s.start, |x| accepts(g, t, x, false)),
        None => return Vec::new(),
    };
    let objs = match cx.text[b..cx.s.end].find(|c: char| c.is_alphanumeric()) {
        _ if t == "arms_supplier" => {
            let after_it = after(cx, b, cx.s.end, |x| accepts(g, t, x, true));
            let user = || {
                before(cx, qualifier.map_or(a, |m| m.0), cx.s.start, |x| {
                    accepts(g, t, x, true) && !subs.contains(&x)
                })
            };
            if after_it.is_empty() {
                user()
            } else {
                after_it
            }
        }
        Some(i)
            if cue.phrase.ends_with(" on")
                || cue.phrase.ends_with(" against")
                || preposition(&cx.text[b + i..]) =>
        {
            after(cx, b, (b + 50).min(cx.s.end), |x| accepts(g, t, x, true))
        }
        _ => Vec::new(),
    };
    pairs(t, &subs, &objs)
}

fn preposition(rest: &str) -> bool {
    ["against ", "on ", "in ", "into ", "at "]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// "A sent mercenaries to B": supports A→B, and the fighters named fight
/// for B; "mercenaries were transferred to B" only the latter.
fn sends(cx: &Ctx, cue: &Cue, a: usize, b: usize, passive: bool) -> Vec<Triple> {
    let g = cx.graph;
    let rest = &cx.text[b..cx.s.end];
    let marker = [" to ", " in support of ", " on the side of "]
        .iter()
        .filter_map(|m| rest.find(m).map(|i| (i, m.len())))
        .min();
    let Some(to_at) = marker.map(|(i, n)| b + i + n) else {
        return Vec::new();
    };
    let dest: Vec<ActorId> = after(cx, to_at, cx.s.end, |x| accepts(g, cue.rtype, x, true))
        .into_iter()
        .take(1)
        .collect();
    let armed = |x: ActorId| g.actor(x).kind == ActorKind::ArmedGroup;
    let (senders, fighters): (Vec<ActorId>, Vec<ActorId>) = if passive {
        (Vec::new(), before(cx, a, cx.s.start, armed))
    } else {
        let f = cx
            .ms
            .iter()
            .filter(|m| m.0 >= b && m.1 < to_at && armed(m.2))
            .map(|m| m.2)
            .collect();
        (
            before(cx, a, cx.s.start, |x| accepts(g, cue.rtype, x, false)),
            f,
        )
    };
    let mut out = pairs(cue.rtype, &senders, &dest);
    out.extend(pairs("fights_for", &fighters, &dest));
    let arms = cx.text[b..to_at].to_lowercase();
    if ["drones", "weapons", "arms", "missiles"]
        .iter()
        .any(|w| arms.contains(w))
    {
        out.extend(pairs("arms_supplier", &senders, &dest));
    }
    out
}

/// Is the cue inside a quotation? Returns (inside, byte after the closing mark).
fn quotation(cx: &Ctx, at: usize) -> (bool, usize) {
    let s = &cx.text[cx.s.start..at];
    let opens = s.matches('\u{201C}').count() + s.matches('"').count();
    let closes = s.matches('\u{201D}').count();
    let straight = s.matches('"').count();
    let inside = if straight > 0 {
        straight % 2 == 1
    } else {
        opens > closes
    };
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
    cx.text[cx.s.start..at]
        .rfind(['\u{201C}', '"'])
        .map_or(cx.s.start, |i| cx.s.start + i)
}

/// Mentions after a closing quote mark: the speakers ("..., X and Y said").
fn speakers(cx: &Ctx, close: usize, ok: impl Fn(ActorId) -> bool) -> Vec<ActorId> {
    let mut out: Vec<ActorId> = Vec::new();
    for &(s, _, x, _) in &cx.ms {
        if s > close && ok(x) && !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The text between two mentions; empty for two that share a span (the
/// actors of one group phrase, "the two sides").
fn gap(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}

/// Is the text between two mentions a coordination ("," "and" "or" "the")?
pub(super) fn coordinated(gap: &str) -> bool {
    let rest: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| {
            !w.is_empty()
                && !matches!(*w, "the" | "and" | "or" | "s" | "'s" | "’s")
                && !TITLE_WORDS.contains(&w.to_lowercase().as_str())
        })
        .collect();
    rest.is_empty()
}

/// The first accepted mention of the sentence before `at` (the clause's
/// subject), with the mentions coordinated to it.
fn first(cx: &Ctx, at: usize, ok: impl Fn(ActorId) -> bool) -> Vec<ActorId> {
    let clause =
        cx.s.clauses
            .iter()
            .rev()
            .find(|c| c.0 <= at)
            .map_or(cx.s.start, |c| c.0);
    let opener = cx.text[clause..at]
        .trim_start_matches([',', ';', ' '])
        .to_lowercase();
    let opener = opener.strip_prefix("that ").unwrap_or(&opener);
    let pronoun = ["it ", "they ", "he ", "she "]
        .iter()
        .any(|p| opener.starts_with(p));
    let clause = if pronoun { cx.s.start } else { clause };
    let in_clause =
        (0..cx.ms.len()).find(|&i| cx.ms[i].0 >= clause && cx.ms[i].1 <= at && ok(cx.ms[i].2));
    let Some(k) =
        in_clause.or_else(|| (0..cx.ms.len()).find(|&i| cx.ms[i].1 <= at && ok(cx.ms[i].2)))
    else {
        return Vec::new();
    };
    let mut out = vec![cx.ms[k].2];
    let mut j = k;
    while j + 1 < cx.ms.len()
        && cx.ms[j + 1].1 <= at
        && coordinated(gap(cx.text, cx.ms[j].1, cx.ms[j + 1].0))
    {
        j += 1;
        if ok(cx.ms[j].2) && !out.contains(&cx.ms[j].2) {
            out.push(cx.ms[j].2);
        }
    }
    out
}

/// The nearest accepted mention ending before `at` (not before `floor`),
/// with the accepted mentions coordinated to it.
fn before(cx: &Ctx, at: usize, floor: usize, ok: impl Fn(ActorId) -> bool) -> Vec<ActorId> {
    let idx: Vec<usize> = (0..cx.ms.len())
        .filter(|&i| cx.ms[i].1 <= at && cx.ms[i].0 >= floor)
        .collect();
    let Some(&k) = idx
        .iter()
        .rev()
        .find(|&&i| ok(cx.ms[i].2) && !cx.oblique.contains(&cx.ms[i].0))
    else {
        return Vec::new();
    };
    let mut out = vec![cx.ms[k].2];
    let mut j = k;
    while j > 0 && cx.ms[j - 1].0 >= floor && coordinated(gap(cx.text, cx.ms[j - 1].1, cx.ms[j].0))
    {
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
    let Some(k) = (0..cx.ms.len())
        .find(|&i| cx.ms[i].0 >= at && cx.ms[i].1 <= limit && !cx.ms[i].3 && ok(cx.ms[i].2))
    else {
        return Vec::new();
    };
    let mut out = vec![cx.ms[k].2];
    let mut j = k;
    while j + 1 < cx.ms.len()
        && cx.ms[j + 1].1 <= limit
        && coordinated(gap(cx.text, cx.ms[j].1, cx.ms[j + 1].0))
    {
        j += 1;
        if ok(cx.ms[j].2) && !out.contains(&cx.ms[j].2) {
            out.push(cx.ms[j].2);
        }
    }
    out
}

/// The status of a cue's relation, and the status cue that set it.
fn grade(
    text: &str,
    cue: &Cue,
    at: usize,
    found: &[(usize, usize, usize)],
    grades: &[(usize, usize, usize)],
) -> (Status, Option<(usize, usize)>) {
    let earlier = |ty: &str| {
        found
            .iter()
            .find(|&&(k, a, b)| {
                a < at && CUES[k].rtype == ty && at - b <= 80 && !text[b..at].contains(" and ")
            })
            .map(|&(_, a, b)| (a, b))
    };
    if cue.rtype != "denies" {
        if let Some(c) = earlier("denies") {
            return (Status::Denied, Some(c));
        }
    }
    let of = |g: Grade| {
        grades
            .iter()
            .find(|&&(k, _, _)| GRADES[k].1 == g)
            .map(|&(_, a, b)| (a, b))
    };
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

#[cfg(test)]
pub(super) mod tests {
    use super::super::{extract, Options};
    use crate::load::{load, GraphFiles};
    use crate::model::Graph;

    pub(in crate::extract) fn graph() -> Graph {
        load(&GraphFiles::embedded()).unwrap().graph
    }

    /// The candidates of `text` as "type from -> to status".
    pub(in crate::extract) fn read(g: &Graph, text: &str) -> Vec<String> {
        extract(g, text, &Options::default())
            .candidates
            .iter()
            .map(|c| format!("{} {} -> {} {}", c.rtype, c.from, c.to, c.status))
            .collect()
    }

    #[test]
    fn an_active_cue_runs_from_the_mention_before_to_the_one_after() {
        let g = graph();
        assert_eq!(
            read(&g, "Armenian forces shelled Ganja."),
            vec!["attacks armenia -> ganja reported"]
        );
    }

    #[test]
    fn a_passive_cue_turns_the_direction_round() {
        let g = graph();
        assert_eq!(
            read(&g, "An Armenian jet was shot down by Turkey."),
            vec!["attacks turkey -> armenia reported"]
        );
        assert_eq!(
            read(&g, "Armenia was attacked by Azerbaijan."),
            vec!["attacks azerbaijan -> armenia reported"]
        );
    }

    #[test]
    fn status_cues_map_to_the_statuses() {
        let g = graph();
        assert_eq!(
            read(&g, "Turkey reportedly supplies drones to Azerbaijan."),
            vec!["arms_supplier turkey -> azerbaijan alleged"]
        );
        assert_eq!(
            read(&g, "Armenia could recognise Artsakh."),
            vec!["recognises armenia -> artsakh considered"]
        );
        assert_eq!(
            read(&g, "Azerbaijan shelled Armenia, according to Yerevan."),
            vec!["attacks azerbaijan -> armenia claimed"]
        );
        assert_eq!(
            read(&g, "Turkey denied sending mercenaries to Azerbaijan."),
            vec![
                "denies turkey -> syrian-mercenaries reported",
                "supports turkey -> azerbaijan denied",
                "fights_for syrian-mercenaries -> azerbaijan denied"
            ]
        );
        assert_eq!(
            read(
                &g,
                "Armenia accused Turkey of sending mercenaries to Azerbaijan."
            ),
            vec![
                "accuses armenia -> turkey reported",
                "supports turkey -> azerbaijan alleged",
                "fights_for syrian-mercenaries -> azerbaijan alleged"
            ]
        );
    }

    #[test]
    fn a_speech_act_said_by_its_actor_stays_reported() {
        let g = graph();
        assert_eq!(
            read(&g, "Russia called for a ceasefire, the Kremlin said."),
            vec!["calls_for_ceasefire russia -> nagorno-karabakh-war-2020 reported"]
        );
    }

    #[test]
    fn a_negated_cue_states_nothing() {
        let g = graph();
        assert!(read(
            &g,
            "Russia is not backing Armenia and did not blame Azerbaijan."
        )
        .is_empty());
    }

    #[test]
    fn coordinated_subjects_quoted_speakers_and_each_other() {
        let g = graph();
        assert_eq!(
            read(
                &g,
                "\u{201C}We call for a ceasefire,\u{201D} France and Russia said."
            ),
            vec![
                "calls_for_ceasefire france -> nagorno-karabakh-war-2020 reported",
                "calls_for_ceasefire russia -> nagorno-karabakh-war-2020 reported"
            ]
        );
        assert_eq!(
            read(&g, "Armenia and Azerbaijan blamed each other."),
            vec![
                "accuses azerbaijan -> armenia reported",
                "accuses armenia -> azerbaijan reported"
            ]
        );
    }

    #[test]
    fn titles_and_nouns_with_their_qualifier() {
        let g = graph();
        assert_eq!(
            read(&g, "Turkish President Recep Tayyip Erdogan spoke."),
            vec!["leader_of recep-tayyip-erdogan -> turkey reported"]
        );
        assert_eq!(
            read(&g, "Azerbaijan's offensive in Karabakh went on."),
            vec!["attacks azerbaijan -> nagorno-karabakh reported"]
        );
        assert!(read(
            &g,
            "Since Azerbaijan met Armenia, strikes on Stepanakert went on."
        )
        .is_empty());
    }

    /// `text`'s candidates include each of `want` and none of `not`.
    fn has(g: &Graph, text: &str, want: &[&str], not: &[&str]) {
        let got = read(g, text);
        for w in want {
            assert!(
                got.iter().any(|c| c.starts_with(w)),
                "{w} not in {got:?} ({text})"
            );
        }
        for n in not {
            assert!(
                !got.iter().any(|c| c.starts_with(n)),
                "{n} in {got:?} ({text})"
            );
        }
    }

    #[test]
    fn missiles_fired_at_a_target_and_a_nouns_agent_and_target() {
        let g = graph();
        has(
            &g,
            "The Armenian military fired missiles at Ganja.",
            &["attacks armenia -> ganja"],
            &[],
        );
        has(
            &g,
            "The shelling by Armenian forces on civilian populations of Azerbaijan is reprehensible.",
            &["attacks armenia -> azerbaijan"],
            &[],
        );
        has(
            &g,
            "Armenian forces launched a large-scale military attack on positions of the Azerbaijani army.",
            &["attacks armenia -> azerbaijan"],
            &[],
        );
    }

    #[test]
    fn two_names_next_to_a_symmetric_noun_are_its_ends() {
        let g = graph();
        has(
            &g,
            "Arch foes Armenia and Azerbaijan met.",
            &["rival armenia -> azerbaijan"],
            &[],
        );
        has(
            &g,
            "The Azerbaijan and Armenia conflict escalated.",
            &["at_war armenia -> azerbaijan"],
            &[],
        );
        // A subject before the cue: the two names are its objects, not a pair.
        has(
            &g,
            "Russia has close economic ties with Azerbaijan and Armenia.",
            &["economic_ties azerbaijan -> russia"],
            &[
                "economic_ties azerbaijan -> armenia",
                "economic_ties armenia -> azerbaijan",
            ],
        );
    }

    #[test]
    fn mutual_acts_and_a_threat_to_do_something() {
        let g = graph();
        has(
            &g,
            "The Armenian and Azeri governments have traded accusations.",
            &[
                "accuses armenia -> azerbaijan",
                "accuses azerbaijan -> armenia",
            ],
            &[],
        );
        has(
            &g,
            "Armenia and Azerbaijan have lashed out at the other with missile strikes.",
            &[
                "attacks armenia -> azerbaijan",
                "attacks azerbaijan -> armenia",
            ],
            &[],
        );
        has(
            &g,
            "The clashes threatened to draw in Russia and Turkey.",
            &["party_to russia -> nagorno-karabakh-war-2020"],
            &["threatens"],
        );
        has(
            &g,
            "\u{201C}Azerbaijan will destroy military targets inside Armenia,\u{201D} an aide said.",
            &["threatens azerbaijan -> armenia"],
            &[],
        );
    }

    #[test]
    fn fighters_on_a_side_a_led_coordination_and_a_counterpart() {
        let g = graph();
        has(
            &g,
            "There are Syrian mercenaries on the Azerbaijani side.",
            &["fights_for syrian-mercenaries -> azerbaijan"],
            &[],
        );
        has(
            &g,
            "Armenia is in the Russian-led Eurasian Economic Union and Collective Security Treaty Organization.",
            &["leads russia -> eaeu", "leads russia -> csto"],
            &[],
        );
        has(
            &g,
            "French President Emmanuel Macron and Russian counterpart Vladimir Putin spoke.",
            &[
                "leader_of emmanuel-macron -> france",
                "leader_of vladimir-putin -> russia",
            ],
            &[],
        );
    }

    #[test]
    fn shelling_from_both_sides_gives_no_direction() {
        let g = graph();
        has(
            &g,
            "Clashes between Armenia and Azerbaijan went on, with intensive shelling from both sides.",
            &["at_war armenia -> azerbaijan"],
            &["attacks"],
        );
        has(
            &g,
            "Ganja came under shelling from Armenian forces.",
            &["attacks armenia -> ganja"],
            &[],
        );
    }
}
