//! Actor mentions in a text: one Aho-Corasick automaton over the graph's
//! actor names and aliases, the COW state names and a demonym table, and
//! the capitalised names that look like actors but are in none of them.
//!
//! Matching is case-sensitive (so "US" is not "us") and folds hyphens to
//! spaces on both sides ("Nagorno Karabakh" is "Nagorno-Karabakh"); the
//! longest name wins ("Nagorno-Karabakh conflict" over "Nagorno-Karabakh").
//!
//! **Invariant:** a mention never starts or ends inside a word, and never
//! overlaps another mention; a graph name is never shadowed by a COW name
//! or demonym of the same spelling.

use super::demonyms::DEMONYMS;
use super::states::COW_STATES;
use crate::model::{ActorId, Graph};
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, PatternID, StartKind};
use serde::Serialize;

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Referent {
    /// An actor of the graph.
    Actor { id: String },
    /// A state of the COW list that the graph does not have.
    State { cow: u16, name: String },
}

/// A name found in the text: byte range and referent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub referent: Referent,
    /// The graph actor, where the referent is one.
    pub actor: Option<ActorId>,
}

/// The automaton over every name, built once per graph.
pub struct Lexicon {
    automaton: AhoCorasick,
    targets: Vec<(Referent, Option<ActorId>)>,
}

fn fold(s: &str) -> String {
    s.replace('-', " ")
}

/// The spellings of a name to look for: as written, without a leading
/// "the " (so that "the Karabakh" does not hide "Karabakh conflict"), and
/// in title case for headlines ("Nagorno-Karabakh Conflict").
fn spellings(name: &str) -> Vec<String> {
    let name = name.trim();
    let bare = name.strip_prefix("the ").unwrap_or(name).to_string();
    let title: String = bare
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ");
    if title != bare && bare.contains(' ') {
        vec![bare, title]
    } else {
        vec![bare]
    }
}

impl Lexicon {
    /// Names of `graph`'s actors (name and aliases), then COW state names
    /// and demonyms not already spelled by the graph.
    pub fn new(graph: &Graph) -> Lexicon {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut add = |name: &str, t: (Referent, Option<ActorId>)| {
            for sp in spellings(name) {
                let f = fold(&sp);
                if f.is_empty() || patterns.contains(&f) {
                    continue;
                }
                patterns.push(f);
                targets.push(t.clone());
            }
        };
        for id in graph.actor_ids() {
            let a = graph.actor(id);
            let r = (Referent::Actor { id: a.id.clone() }, Some(id));
            add(&a.name, r.clone());
            for alias in &a.aliases {
                add(alias, r.clone());
            }
        }
        let by_cow = |code: u16| {
            graph
                .actor_ids()
                .find(|&i| graph.actor(i).cow == Some(code))
        };
        let cow_name = |code: u16| COW_STATES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n);
        let names = COW_STATES.iter().map(|&(c, n)| (n, c));
        for (name, code) in names.chain(DEMONYMS.iter().copied()) {
            let t = match by_cow(code) {
                Some(id) => (
                    Referent::Actor {
                        id: graph.actor(id).id.clone(),
                    },
                    Some(id),
                ),
                None => {
                    let name = cow_name(code).unwrap_or(name).to_string();
                    (Referent::State { cow: code, name }, None)
                }
            };
            add(name, t);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&patterns)
            .expect("names build an automaton");
        Lexicon { automaton, targets }
    }

    /// Every mention in `text`, in order.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let folded = fold(text);
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        for m in self.automaton.find_iter(&folded) {
            if word(text[..m.start()].chars().next_back()) {
                continue;
            }
            let (end, pattern) = if word(text[m.end()..].chars().next()) {
                // "Azeri governments": the longest name ends inside a
                // word; a shorter one ("Azeri") may end at its boundary.
                match self.shorter(&folded, m.start(), m.end()) {
                    Some(found) => found,
                    None => continue,
                }
            } else {
                (m.end(), m.pattern())
            };
            // "Nagorno-Karabakh forces": the end of a name and the word
            // after it may be a longer name ("Karabakh forces").
            let (end, pattern) = self
                .extended(&folded, m.start(), end)
                .unwrap_or((end, pattern));
            let (referent, actor) = self.targets[pattern.as_usize()].clone();
            out.push(Mention {
                start: m.start(),
                end,
                referent,
                actor,
            });
        }
        out
    }

    /// A name that starts at a word inside the mention `start..end` and
    /// ends with the word after it, if any: the mention then spans both.
    fn extended(&self, folded: &str, start: usize, end: usize) -> Option<(usize, PatternID)> {
        let next = folded[end..].strip_prefix(' ')?;
        let len = next
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(next.len());
        if len == 0 {
            return None;
        }
        let stop = end + 1 + len;
        let starts = folded[start..end]
            .match_indices(' ')
            .map(|(i, _)| start + i + 1);
        for w in starts {
            let input = Input::new(folded).range(w..stop).anchored(Anchored::Yes);
            if let Some(m) = self.automaton.find(input) {
                if m.end() == stop {
                    return Some((stop, m.pattern()));
                }
            }
        }
        None
    }

    /// The longest name starting at `start` that ends at a word boundary
    /// before `end`.
    fn shorter(&self, folded: &str, start: usize, end: usize) -> Option<(usize, PatternID)> {
        let mut cut = end;
        while let Some(i) = folded[start..cut].rfind(' ') {
            cut = start + i;
            let input = Input::new(folded).range(start..cut).anchored(Anchored::Yes);
            if let Some(m) = self.automaton.find(input) {
                if m.end() == cut {
                    return Some((cut, m.pattern()));
                }
            }
        }
        None
    }
}

/// Capitalised words that never name an actor on their own.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "As",
    "By",
    "For",
    "From",
    "Of",
    "And",
    "But",
    "Or",
    "If",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "Our",
    "His",
    "Her",
    "Earlier",
    "Since",
    "After",
    "Before",
    "Until",
    "When",
    "While",
    "Unlike",
    "With",
    "Both",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "Defence",
    "Defense",
    "Ministry",
    "Presidential",
    "Media",
    "Reports",
    "Source",
    "Read",
    "More",
    "Meanwhile",
];

/// Runs of two or more capitalised words (with "of" inside) that overlap
/// no mention and are not made of common words: names that look like
/// actors the graph does not have, with their byte ranges.
pub fn new_names(text: &str, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let words = super::text::word_spans(text);
    let mut out = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let flush = |run: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, usize)>| {
        while run.last().is_some_and(|&(a, b)| &text[a..b] == "of") {
            run.pop();
        }
        let common = |w: &str| NOT_NAMES.contains(&w) || super::text::MONTHS.contains(&w);
        let named: Vec<_> = run.iter().filter(|&&(a, b)| !common(&text[a..b])).collect();
        let free = !mentions.iter().any(|m| {
            m.start < run.last().map_or(0, |r| r.1) && m.end > run.first().map_or(0, |r| r.0)
        });
        if named.len() >= 2 && free {
            out.push((named[0].0, named[named.len() - 1].1));
        }
        run.clear();
    };
    for (k, &(a, b)) in words.iter().enumerate() {
        let w = &text[a..b];
        let capital =
            w.starts_with(|c: char| c.is_uppercase()) && w.chars().any(char::is_lowercase);
        let joined = k > 0 && text[words[k - 1].1..a].chars().all(|c| c == ' ');
        if !joined && !run.is_empty() {
            flush(&mut run, &mut out);
        }
        if capital || (w == "of" && !run.is_empty()) {
            run.push((a, b));
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, GraphFiles};

    fn builtin() -> Graph {
        load(&GraphFiles::embedded()).unwrap().graph
    }

    fn ids(l: &Lexicon, t: &str) -> Vec<String> {
        l.mentions(t)
            .into_iter()
            .map(|m| match m.referent {
                Referent::Actor { id } => id,
                Referent::State { name, .. } => format!("new:{name}"),
            })
            .collect()
    }

    #[test]
    fn a_name_may_end_with_the_word_after_a_shorter_one() {
        let g = builtin();
        let l = Lexicon::new(&g);
        assert_eq!(
            ids(&l, "shelling from Nagorno-Karabakh forces destroyed"),
            vec!["karabakh-separatist-forces"]
        );
        assert_eq!(ids(&l, "Nagorno-Karabakh region"), vec!["nagorno-karabakh"]);
    }

    #[test]
    fn a_longer_name_ending_inside_a_word_gives_way_to_a_shorter_one() {
        let g = builtin();
        let l = Lexicon::new(&g);
        // "Azeri government" is an alias, "Azeri governments" is not.
        assert_eq!(
            ids(&l, "the Armenian and Azeri governments"),
            vec!["armenia", "azerbaijan"]
        );
    }

    #[test]
    fn longest_name_wins_and_hyphens_fold() {
        let g = builtin();
        let l = Lexicon::new(&g);
        assert_eq!(
            ids(&l, "the Nagorno-Karabakh conflict"),
            vec!["nagorno-karabakh-conflict"]
        );
        assert_eq!(ids(&l, "in Nagorno Karabakh"), vec!["nagorno-karabakh"]);
        assert_eq!(
            ids(&l, "in the Karabakh conflict"),
            vec!["nagorno-karabakh-conflict"]
        );
        assert_eq!(
            ids(&l, "Nagorno-Karabakh Conflict Shows"),
            vec!["nagorno-karabakh-conflict"]
        );
    }

    #[test]
    fn whole_words_and_case_only() {
        let g = builtin();
        let l = Lexicon::new(&g);
        assert_eq!(ids(&l, "Armenians and us, Turkeys"), vec!["armenia"]);
    }

    #[test]
    fn cow_names_and_demonyms_outside_the_graph_are_new_states() {
        let g = builtin();
        let l = Lexicon::new(&g);
        assert_eq!(
            ids(&l, "The Austrian parliament and Latvia"),
            vec!["new:Austria", "new:Latvia"]
        );
    }

    #[test]
    fn capitalised_runs_not_in_the_graph_are_new_names() {
        let t = "Foreign Minister Zohrab Mnatsakanian met Armenian Foreign Ministry staff";
        let g = builtin();
        let m = Lexicon::new(&g).mentions(t);
        let n: Vec<&str> = new_names(t, &m).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(n, vec!["Zohrab Mnatsakanian"]);
    }
}
