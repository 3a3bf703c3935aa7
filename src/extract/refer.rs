//! Phrases that refer to actors named before them: "the two sides", "both
//! countries", "the warring parties" (the belligerents last named: the two
//! actors named most recently before the phrase that the graph has at war
//! with each other), "the three nations" (the last coordination of three
//! actors: "The United States, France, and Russia"), with "the leaders of"
//! in front also the one person the graph has leading each; and a sentence
//! that opens with "It" or "The country" (the state the sentence before
//! opens with) or whose subject is "they" (the coordination the sentence
//! before opens with).
//!
//! Invariant: a phrase resolves to nothing rather than to a guess: no pair
//! at war among the actors named before, no coordination of exactly the
//! phrase's number, no state opening the sentence before: no actor.

use super::mentions::Mention;
use super::text::Sentence;
use crate::model::{ActorId, ActorKind, Graph};

/// Phrases for the two belligerents.
const PAIRS: &[&str] = &[
    "the two sides",
    "both sides",
    "the warring sides",
    "the warring parties",
    "the conflicting parties",
    "the conflicting sides",
    "the two countries",
    "both countries",
    "the two nations",
    "both nations",
    "the two neighbours",
    "the two neighbors",
];

/// Phrases for a coordination of three.
const TRIPLES: &[&str] = &[
    "the three nations",
    "the three countries",
    "the three states",
    "the three powers",
];

/// Openings of a sentence whose subject is the state the sentence before
/// opens with.
const STATE_PRONOUNS: &[&str] = &[
    "It ",
    "The country ",
    "The country\u{2019}s ",
    "The country's ",
];

/// The actors the group phrases of sentence `s` refer to, each as a
/// mention (start, end, actor) spanning its phrase.
pub(super) fn groups(
    graph: &Graph,
    text: &str,
    s: &Sentence,
    mentions: &[Mention],
) -> Vec<(usize, usize, ActorId)> {
    let lower = text[s.start..s.end].to_lowercase();
    if lower.len() != s.end - s.start {
        return Vec::new(); // lowercasing moved bytes: offsets would not hold
    }
    let mut out = Vec::new();
    for (phrases, n) in [(PAIRS, 2), (TRIPLES, 3)] {
        for p in phrases {
            for (i, _) in lower.match_indices(p) {
                let (start, end) = (s.start + i, s.start + i + p.len());
                if !whole_word(text, start, end) {
                    continue;
                }
                let mut actors = if n == 2 {
                    belligerents(graph, mentions, start)
                } else {
                    coordination(text, mentions, start, n)
                };
                if lower[..i].ends_with("leaders of ") {
                    actors.extend(leaders(graph, &actors));
                }
                out.extend(actors.into_iter().map(|a| (start, end, a)));
            }
        }
    }
    out
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Does the graph have `x` and `y` at war?
fn at_war(graph: &Graph, x: ActorId, y: ActorId) -> bool {
    graph
        .relations
        .iter()
        .any(|r| r.rtype == "at_war" && ((r.from == x && r.to == y) || (r.from == y && r.to == x)))
}

/// The two actors named most recently before `at` that are at war.
fn belligerents(graph: &Graph, mentions: &[Mention], at: usize) -> Vec<ActorId> {
    let mut recent: Vec<ActorId> = Vec::new();
    for a in mentions
        .iter()
        .rev()
        .filter(|m| m.end <= at)
        .filter_map(|m| m.actor)
    {
        if !recent.contains(&a) {
            recent.push(a);
        }
    }
    for (i, &x) in recent.iter().enumerate() {
        if let Some(&y) = recent[i + 1..].iter().find(|&&y| at_war(graph, x, y)) {
            return vec![y, x];
        }
    }
    Vec::new()
}

/// The last coordination before `at` ("A, B, and C"), if it names exactly
/// `n` actors (a single name is no coordination).
fn coordination(text: &str, mentions: &[Mention], at: usize, n: usize) -> Vec<ActorId> {
    let named: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.end <= at && m.actor.is_some())
        .collect();
    let mut last = named.len();
    while last > 0 {
        let mut first = last - 1;
        while first > 0
            && super::relate::coordinated(&text[named[first - 1].end..named[first].start])
        {
            first -= 1;
        }
        let mut run: Vec<ActorId> = Vec::new();
        for a in named[first..last].iter().filter_map(|m| m.actor) {
            if !run.contains(&a) {
                run.push(a);
            }
        }
        if run.len() >= 2 {
            return if run.len() == n { run } else { Vec::new() };
        }
        last = first;
    }
    Vec::new()
}

/// The persons the graph has leading `states`: for each state, its one
/// leader (a state with several, a president and a prime minister, gives
/// none: which one is meant is not said).
fn leaders(graph: &Graph, states: &[ActorId]) -> Vec<ActorId> {
    let mut out = Vec::new();
    for &st in states {
        let of: Vec<ActorId> = graph
            .relations
            .iter()
            .filter(|r| r.rtype == "leader_of" && r.to == st)
            .map(|r| r.from)
            .collect();
        if let [one] = of[..] {
            out.push(one);
        }
    }
    out
}

/// For a sentence opening with "It" or "The country": the state that
/// opens the sentence before (its first mention), if it is one.
pub(super) fn state_pronoun(
    graph: &Graph,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
    mentions: &[Mention],
) -> Option<ActorId> {
    let prev = prev?;
    let opening = &text[s.start..s.end];
    if !STATE_PRONOUNS.iter().any(|p| opening.starts_with(p)) {
        return None;
    }
    let first = mentions
        .iter()
        .find(|m| m.start >= prev.start && m.end <= prev.end)?;
    let gap = &text[prev.start..first.start];
    let opens = gap.trim().is_empty() || gap.trim().eq_ignore_ascii_case("the");
    let a = first.actor?;
    (opens && graph.actor(a).kind == ActorKind::State).then_some(a)
}

/// For a sentence whose subject is "they" ("They condemn", "According to
/// the statement, they condemn"): the coordination that opens the
/// sentence before ("Putin, U.S. President Donald Trump and French
/// President Emmanuel Macron called ..."), if it names two or more.
pub(super) fn they(
    graph: &Graph,
    text: &str,
    s: &Sentence,
    prev: Option<&Sentence>,
    mentions: &[Mention],
) -> Vec<ActorId> {
    let Some(prev) = prev else {
        return Vec::new();
    };
    let sentence = &text[s.start..s.end];
    if !(sentence.starts_with("They ") || sentence.contains(", they ")) {
        return Vec::new();
    }
    let named: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.start >= prev.start && m.end <= prev.end && m.actor.is_some())
        .collect();
    let Some(first) = named.first() else {
        return Vec::new();
    };
    if !text[prev.start..first.start].trim().is_empty() {
        return Vec::new();
    }
    let mut out: Vec<ActorId> = Vec::new();
    let mut j = 0;
    loop {
        if let Some(a) = named[j].actor.filter(|a| !out.contains(a)) {
            out.push(a);
        }
        if j + 1 < named.len()
            && super::relate::coordinated(&text[named[j].end..named[j + 1].start])
        {
            j += 1;
        } else {
            break;
        }
    }
    // "Russian President Vladimir Putin, ...": the persons act, not the
    // states their titles name.
    if out
        .iter()
        .any(|&a| graph.actor(a).kind == ActorKind::Person)
    {
        out.retain(|&a| graph.actor(a).kind == ActorKind::Person);
    }
    if out.len() >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// Speech verbs that make the actor named just before them a claimant.
const CLAIM_VERBS: &[&str] = &[
    " said",
    " says",
    " claimed",
    " claims",
    " reported",
    " announced",
];

/// For "X denied the claim", "Baku denies it": who made the claim, the
/// actor named at most 40 bytes before a speech verb of the sentence
/// before ("Ganja was hit, the Azerbaijani prosecutor's office said").
pub(super) fn claimant(
    text: &str,
    prev: Option<&Sentence>,
    mentions: &[Mention],
) -> Option<ActorId> {
    let prev = prev?;
    let sentence = &text[prev.start..prev.end];
    let verb = CLAIM_VERBS
        .iter()
        .filter_map(|v| sentence.find(v))
        .min()
        .map(|i| prev.start + i)?;
    mentions
        .iter()
        .rev()
        .find(|m| m.start >= prev.start && m.end <= verb && verb - m.end <= 40)
        .and_then(|m| m.actor)
}

#[cfg(test)]
mod tests {
    use super::super::relate::tests::graph;
    use crate::model::Graph;

    /// The candidates of `text` as "type from -> to" (no status).
    fn read(g: &Graph, text: &str) -> Vec<String> {
        super::super::relate::tests::read(g, text)
            .into_iter()
            .map(|c| c.rsplit_once(' ').map_or(c.clone(), |(r, _)| r.to_string()))
            .collect()
    }

    #[test]
    fn the_two_sides_are_the_belligerents_last_named() {
        let g = graph();
        let got = read(
            &g,
            "Clashes between Armenian and Azerbaijani forces went on. Iran called on the two sides to show restraint.",
        );
        assert!(
            got.contains(&"demands iran -> armenia".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"demands iran -> azerbaijan".to_string()),
            "{got:?}"
        );
        // No pair at war named before: the phrase stays unresolved.
        let got = read(
            &g,
            "Russia and France met. Iran called on the two sides to talk.",
        );
        assert!(!got.iter().any(|c| c.starts_with("demands")), "{got:?}");
    }

    #[test]
    fn the_three_nations_and_their_leaders() {
        let g = graph();
        let got = read(
            &g,
            "The United States, France, and Russia have condemned the fighting. In a joint statement, the leaders of the three nations have called for an immediate end to the fighting.",
        );
        for a in [
            "united-states",
            "france",
            "russia",
            "donald-trump",
            "emmanuel-macron",
            "vladimir-putin",
        ] {
            let want = format!("calls_for_ceasefire {a} -> nagorno-karabakh-war-2020");
            assert!(got.contains(&want), "{want} not in {got:?}");
        }
        // Two names before "the three nations": no coordination of three.
        let got = read(
            &g,
            "France and Russia met. The three nations called for a ceasefire.",
        );
        assert!(!got.iter().any(|c| c.starts_with("calls_for")), "{got:?}");
    }

    #[test]
    fn it_they_and_a_counterpart_in_passing() {
        let g = graph();
        let got = read(
            &g,
            "Turkey sent drones to Azerbaijan. It also condemned Armenia.",
        );
        assert!(
            got.contains(&"condemns turkey -> armenia".to_string()),
            "{got:?}"
        );
        // "It" after a sentence that does not open with a state: nothing.
        let got = read(&g, "On Sunday Turkey spoke. It also condemned Armenia.");
        assert!(!got.iter().any(|c| c.starts_with("condemns")), "{got:?}");
        let got = read(
            &g,
            "Russian President Vladimir Putin and French President Emmanuel Macron called for a ceasefire. According to the statement, they condemn the recent escalation.",
        );
        assert!(
            got.contains(&"condemns vladimir-putin -> nagorno-karabakh-war-2020".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"condemns emmanuel-macron -> nagorno-karabakh-war-2020".to_string()),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|c| c.starts_with("condemns russia")),
            "{got:?}"
        );
        let got = read(
            &g,
            "Iran, in a call with his Armenian and Azerbaijani counterparts, called for a ceasefire.",
        );
        assert_eq!(
            got,
            vec!["calls_for_ceasefire iran -> nagorno-karabakh-war-2020"]
        );
    }

    #[test]
    fn a_denial_answers_the_claim_of_the_sentence_before() {
        let g = graph();
        let got = read(
            &g,
            "Twelve civilians were killed in Ganja, the Azerbaijani prosecutor general's office said.\n\nThe Armenian defence ministry denied the claim.",
        );
        assert!(
            got.contains(&"denies armenia -> azerbaijan".to_string()),
            "{got:?}"
        );
        // Reports without a claimant: no one whose claim is denied.
        let got = read(
            &g,
            "The Azerbaijani Defense Ministry denied reports that Armenia shelled Ganja.",
        );
        assert!(!got.iter().any(|c| c.starts_with("denies")), "{got:?}");
    }
}
