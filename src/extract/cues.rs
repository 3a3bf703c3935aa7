//! The cue tables: words of news reporting that state a relation of the
//! graph's vocabulary (with the direction they give it), and words that
//! grade how sure the text is (mapped to the statuses of docs/format.md).
//!
//! **Invariant:** every cue names a relation type of the built-in schema
//! (checked by a test), and matching is on whole words, case-insensitive.

use aho_corasick::{AhoCorasick, MatchKind};

/// How a cue orders the two ends around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    /// "A shelled B": the subject before, the object after.
    Active,
    /// "B was shelled by A", "B acquired drones from A": the subject after.
    Passive,
    /// "fighting between A and B": both ends after (symmetric types).
    Between,
    /// "the Azerbaijan and Armenia conflict": both ends are the two
    /// coordinated names just before the noun (symmetric types).
    PairBefore,
    /// "Syrian mercenaries on the Azerbaijani side": the fighters before
    /// "on the", the side they fight for just before the cue.
    Side,
    /// "accused each other", "traded accusations": each of the coordinated
    /// subjects to the other.
    Mutual,
    /// "a Russian-led alliance": the subject is the word fused to the cue.
    Fused,
    /// "A sent mercenaries to B": the object after "to"; fighters named
    /// between the cue and "to" fight for B.
    Sends,
    /// "could drag Russia and Turkey into the war": the actors after the
    /// cue become parties to the conflict.
    DrawnIn,
    /// A noun ("Azerbaijan's offensive in Karabakh", "Turkish drones"):
    /// the subject is the word that qualifies it, the object follows a
    /// preposition (against, on, in, into, at).
    Nominal,
}

/// A word or phrase that states a relation.
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub phrase: &'static str,
    pub rtype: &'static str,
    pub voice: Voice,
    /// Words one of which must occur shortly before the cue (empty: none).
    pub needs: &'static [&'static str],
}

const fn c(phrase: &'static str, rtype: &'static str) -> Cue {
    Cue {
        phrase,
        rtype,
        voice: Voice::Active,
        needs: &[],
    }
}
const fn p(phrase: &'static str, rtype: &'static str) -> Cue {
    Cue {
        phrase,
        rtype,
        voice: Voice::Passive,
        needs: &[],
    }
}
const fn v(phrase: &'static str, rtype: &'static str, voice: Voice) -> Cue {
    Cue {
        phrase,
        rtype,
        voice,
        needs: &[],
    }
}
const fn nom(phrase: &'static str, rtype: &'static str) -> Cue {
    Cue {
        phrase,
        rtype,
        voice: Voice::Nominal,
        needs: &[],
    }
}
const fn pair(phrase: &'static str, rtype: &'static str) -> Cue {
    v(phrase, rtype, Voice::PairBefore)
}
const fn n(phrase: &'static str, rtype: &'static str, needs: &'static [&'static str]) -> Cue {
    Cue {
        phrase,
        rtype,
        voice: Voice::Active,
        needs,
    }
}

const WAR_WORDS: &[&str] = &[
    "clash", "fight", "battle", "war", "conflict", "hostilit", "combat",
];
const CALL_WORDS: &[&str] = &["call", "urg", "demand", "appeal", "press"];
const RECALL_WORDS: &[&str] = &["recall", "withdr", "summon"];

/// Relation cues, longest first where they overlap (the automaton takes
/// the longest match anyway).
pub const CUES: &[Cue] = &[
    // conflict
    c("attacked", "attacks"),
    c("attacks", "attacks"),
    c("attacking", "attacks"),
    nom("attack on", "attacks"),
    nom("attack against", "attacks"),
    c("shelled", "attacks"),
    c("shelling", "attacks"),
    c("shells", "attacks"),
    c("struck", "attacks"),
    nom("strikes on", "attacks"),
    nom("strike on", "attacks"),
    c("bombed", "attacks"),
    c("bombing", "attacks"),
    c("bombarded", "attacks"),
    c("shot down", "attacks"),
    c("downing", "attacks"),
    c("downed", "attacks"),
    c("targeted", "attacks"),
    c("targeting", "attacks"),
    nom("offensive", "attacks"),
    nom("aggression", "attacks"),
    c("invaded", "attacks"),
    c("fired on", "attacks"),
    c("fired at", "attacks"),
    c("fired missiles at", "attacks"),
    c("fired missiles on", "attacks"),
    c("fired rockets at", "attacks"),
    c("fired rockets on", "attacks"),
    c("fired shells at", "attacks"),
    c("fired shells on", "attacks"),
    nom("attacks on", "attacks"),
    nom("attacks against", "attacks"),
    p("strike by", "attacks"),
    p("attack by", "attacks"),
    p("attacks by", "attacks"),
    p("shelling by", "attacks"),
    p("shelling from", "attacks"),
    p("bombardment by", "attacks"),
    c("opened fire on", "attacks"),
    p("shelled by", "attacks"),
    p("attacked by", "attacks"),
    p("shot down by", "attacks"),
    p("struck by", "attacks"),
    p("targeted by", "attacks"),
    p("bombed by", "attacks"),
    p("strikes by", "attacks"),
    p("under fire from", "attacks"),
    p("downed by", "attacks"),
    Cue {
        phrase: "between",
        rtype: "at_war",
        voice: Voice::Between,
        needs: WAR_WORDS,
    },
    c("at war with", "at_war"),
    c("war against", "at_war"),
    c("mobilization", "mobilises"),
    c("mobilisation", "mobilises"),
    c("mobilised", "mobilises"),
    c("mobilized", "mobilises"),
    c("martial law", "mobilises"),
    c("state of war", "mobilises"),
    v("drag", "party_to", Voice::DrawnIn),
    v("drags", "party_to", Voice::DrawnIn),
    v("dragged", "party_to", Voice::DrawnIn),
    v("draw in", "party_to", Voice::DrawnIn),
    v("drawn into", "party_to", Voice::DrawnIn),
    v("drawing in", "party_to", Voice::DrawnIn),
    c("confrontation with", "at_war"),
    c("conflict with", "at_war"),
    c("clashes with", "at_war"),
    c("fighting with", "at_war"),
    c("war with", "at_war"),
    pair("conflict", "at_war"),
    pair("war", "at_war"),
    pair("clashes", "at_war"),
    pair("fighting", "at_war"),
    pair("hostilities", "at_war"),
    v("traded accusations", "accuses", Voice::Mutual),
    v("exchanged accusations", "accuses", Voice::Mutual),
    v("trade accusations", "accuses", Voice::Mutual),
    c("enemy", "rival"),
    c("enemies", "rival"),
    c("foe", "rival"),
    c("foes", "rival"),
    c("rival", "rival"),
    c("rivals", "rival"),
    c("arch-rival", "rival"),
    c("into the fighting", "party_to"),
    c("into the conflict", "party_to"),
    c("into the war", "party_to"),
    c("threatened", "threatens"),
    c("will destroy", "threatens"),
    c("lashed out at", "attacks"),
    v("side", "fights_for", Voice::Side),
    c("threatens", "threatens"),
    c("warned", "threatens"),
    c("warns", "threatens"),
    // diplomacy
    n("ceasefire", "calls_for_ceasefire", CALL_WORDS),
    n("cease-fire", "calls_for_ceasefire", CALL_WORDS),
    n("cease fire", "calls_for_ceasefire", CALL_WORDS),
    n(
        "cessation of hostilities",
        "calls_for_ceasefire",
        CALL_WORDS,
    ),
    n("end to the", "calls_for_ceasefire", CALL_WORDS),
    n("halt to the", "calls_for_ceasefire", CALL_WORDS),
    c("mediate", "mediates"),
    c("mediates", "mediates"),
    c("mediated", "mediates"),
    c("mediating", "mediates"),
    c("mediation", "mediates"),
    c("mediators", "mediates"),
    c("mediator", "mediates"),
    c("brokered", "mediates"),
    c("brokering", "mediates"),
    c("condemned", "condemns"),
    c("condemns", "condemns"),
    c("condemning", "condemns"),
    c("condemn", "condemns"),
    c("denounced", "condemns"),
    c("denounces", "condemns"),
    c("criticised", "condemns"),
    c("criticized", "condemns"),
    c("attacking them for", "condemns"),
    c("accused", "accuses"),
    c("accuses", "accuses"),
    c("accusing", "accuses"),
    c("accuse", "accuses"),
    c("blamed", "accuses"),
    c("blames", "accuses"),
    c("blaming", "accuses"),
    c("blame", "accuses"),
    c("placed responsibility on", "accuses"),
    c("held responsible", "accuses"),
    c("holds responsible", "accuses"),
    c("denied", "denies"),
    c("denies", "denies"),
    c("denying", "denies"),
    c("dismissed", "denies"),
    c("rejected", "denies"),
    c("urged", "demands"),
    c("urging", "demands"),
    c("urges", "demands"),
    c("demanded", "demands"),
    c("called on", "demands"),
    c("calls on", "demands"),
    c("calling on", "demands"),
    c("call on", "demands"),
    n("ambassador", "recalls_ambassador", RECALL_WORDS),
    c("recognise", "recognises"),
    c("recognises", "recognises"),
    c("recognised", "recognises"),
    c("recognize", "recognises"),
    c("recognizes", "recognises"),
    c("recognized", "recognises"),
    c("recognition of", "recognises"),
    c("siding with", "sides_with"),
    c("sides with", "sides_with"),
    c("sided with", "sides_with"),
    c("stands with", "diplomatic_support"),
    c("stand with", "diplomatic_support"),
    c("solidarity with", "diplomatic_support"),
    c("statements in support of", "diplomatic_support"),
    c("stand by", "diplomatic_support"),
    c("vowed support for", "diplomatic_support"),
    // military support
    c("supplies", "arms_supplier"),
    c("supplied", "arms_supplier"),
    c("supplying", "arms_supplier"),
    c("supplier", "arms_supplier"),
    c("supply", "arms_supplier"),
    c("sells", "arms_supplier"),
    c("selling", "arms_supplier"),
    c("sold", "arms_supplier"),
    c("sales of arms", "arms_supplier"),
    c("arms sales", "arms_supplier"),
    c("arms deliveries", "arms_supplier"),
    nom("drones", "arms_supplier"),
    p("acquired", "arms_supplier"),
    p("bought", "arms_supplier"),
    p("purchased", "arms_supplier"),
    c("assist", "supports"),
    c("assists", "supports"),
    c("assisting", "supports"),
    c("assistance to", "supports"),
    c("support for", "supports"),
    c("helping", "supports"),
    c("in support of", "supports"),
    c("support to", "supports"),
    c("supporting", "supports"),
    c("supports", "supports"),
    c("supported", "supports"),
    p("with the support of", "supports"),
    p("supported by", "supports"),
    v("deployed", "supports", Voice::Sends),
    v("sending", "supports", Voice::Sends),
    v("sent", "supports", Voice::Sends),
    v("sends", "supports", Voice::Sends),
    v("transferred", "supports", Voice::Sends),
    v("transferring", "supports", Voice::Sends),
    v("recruited", "supports", Voice::Sends),
    v("brought", "supports", Voice::Sends),
    c("fighting for", "fights_for"),
    c("fighting in", "fights_for"),
    c("fights for", "fights_for"),
    c("fought for", "fights_for"),
    c("fighting on the side of", "fights_for"),
    c("military base in", "military_base_in"),
    c("base in", "military_base_in"),
    c("economic ties with", "economic_ties"),
    c("trade ties with", "economic_ties"),
    // alliance and membership
    c("ally", "ally"),
    c("allies", "ally"),
    c("allied with", "ally"),
    c("alliance with", "ally"),
    c("strategic partner", "ally"),
    c("backs", "backs"),
    c("backed", "backs"),
    c("backing", "backs"),
    v("-backed", "backs", Voice::Fused),
    c("member of", "member_of"),
    c("members of", "member_of"),
    c("membership in", "member_of"),
    c("co-chairs of", "leads"),
    c("co-chairing", "leads"),
    c("co-chair", "leads"),
    c("co-chairs", "leads"),
    c("chair the", "leads"),
    c("leads", "leads"),
    v("-led", "leads", Voice::Fused),
    p("led by", "leads"),
];

/// A status a cue gives to the relations of its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    /// Said by someone: "according to", "said", "claimed".
    Attributed,
    /// "reportedly", "allegedly", "reports say".
    Alleged,
    /// "could", "is contemplating", "plans to".
    Considered,
}

/// Status cues (whole words, case-insensitive).
pub const GRADES: &[(&str, Grade)] = &[
    ("according to", Grade::Attributed),
    ("claimed", Grade::Attributed),
    ("claims", Grade::Attributed),
    ("claiming", Grade::Attributed),
    ("said", Grade::Attributed),
    ("says", Grade::Attributed),
    ("say", Grade::Attributed),
    ("stated", Grade::Attributed),
    ("told", Grade::Attributed),
    ("reports that", Grade::Attributed),
    ("announced", Grade::Attributed),
    ("insisted", Grade::Attributed),
    ("reportedly", Grade::Alleged),
    ("reports say", Grade::Alleged),
    ("media reported", Grade::Alleged),
    ("allegedly", Grade::Alleged),
    ("alleged", Grade::Alleged),
    ("alleges", Grade::Alleged),
    ("unconfirmed", Grade::Alleged),
    ("sources said", Grade::Alleged),
    ("speculated", Grade::Alleged),
    ("rumours", Grade::Alleged),
    ("rumors", Grade::Alleged),
    ("could", Grade::Considered),
    ("might", Grade::Considered),
    ("may", Grade::Considered),
    ("would", Grade::Considered),
    ("contemplating", Grade::Considered),
    ("considering", Grade::Considered),
    ("considers", Grade::Considered),
    ("plans to", Grade::Considered),
    ("threatened to", Grade::Considered),
    ("ready to", Grade::Considered),
    ("possible", Grade::Considered),
];

/// Words that negate a cue when they come just before it.
pub const NEGATIONS: &[&str] = &["not", "no", "never", "without", "nor", "n't"];

/// A case-insensitive, leftmost-longest automaton over `phrases`.
pub fn automaton<'a>(phrases: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(phrases)
        .expect("cue phrases build an automaton")
}

/// Whole-word matches of `ac` in `text[start..end]`: (pattern, start, end).
pub fn find(ac: &AhoCorasick, text: &str, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
    let s = &text[start..end];
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    ac.find_iter(s)
        .filter(|m| {
            let fused = s[m.start()..].starts_with('-');
            (fused || !word(s[..m.start()].chars().next_back()))
                && !word(s[m.end()..].chars().next())
        })
        .map(|m| (m.pattern().as_usize(), start + m.start(), start + m.end()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, GraphFiles};

    #[test]
    fn every_cue_names_a_type_of_the_schema() {
        let g = load(&GraphFiles::embedded()).unwrap().graph;
        for cue in CUES {
            assert!(
                g.schema.get(cue.rtype).is_some(),
                "{}: no type {}",
                cue.phrase,
                cue.rtype
            );
        }
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        let ac = automaton(["shelled", "-led"]);
        let t = "Shelled; unshelled; a Russian-led bloc; misled";
        let found: Vec<&str> = find(&ac, t, 0, t.len())
            .iter()
            .map(|&(_, a, b)| &t[a..b])
            .collect();
        assert_eq!(found, vec!["Shelled", "-led"]);
    }
}
