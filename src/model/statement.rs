//! Statements: each citation of a relation read as a statement with its
//! own grade (stance), its speaker and its date, and the one rule that
//! derives a relation's status from them.
//!
//! Invariant: no I/O; the derivation never loses a grade (every statement
//! keeps its own stance beside the derived status) and never rates a
//! party's own word above `claimed` unless it is an admission (`confirms`).

use super::{ActorId, PartialDate, Relation, Status};
use serde::{Deserialize, Serialize};

/// One citation of a relation read as a statement: what grade the source
/// gives the fact, who says it, and when it was said. Aligned with
/// [`Relation::evidence`]: statement `i` is what citation `i` says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The grade this source gives the fact (reports → `reported`,
    /// claims → `claimed`, alleges → `alleged`, considers → `considered`,
    /// denies → `denied`, confirms → `confirmed`).
    pub stance: Status,
    /// Who makes the statement: a party, a third state or a named person.
    /// `None`: the narrator (the post's author, the reference's publisher).
    pub by: Option<ActorId>,
    /// When the statement was made, where the citation says so; otherwise
    /// its document's or reference's date applies (see [`Graph::known_from`](super::Graph::known_from)).
    pub published: Option<PartialDate>,
    /// `false` where the file gave no stance and the relation's written
    /// status was taken (files written before statements existed).
    pub explicit: bool,
}

impl Statement {
    /// A statement that takes the relation's status, by the narrator.
    pub fn implicit(status: Status) -> Statement {
        Statement {
            stance: status,
            by: None,
            published: None,
            explicit: false,
        }
    }
}

/// Parses a stance as written: the verb (`reports`, `claims`, `alleges`,
/// `considers`, `denies`, `confirms`) or the status name (`reported`, ...).
pub fn parse_stance(s: &str) -> Option<Status> {
    let s = s.trim().to_ascii_lowercase();
    let verb = match s.as_str() {
        "reports" | "report" => Some(Status::Reported),
        "claims" | "claim" => Some(Status::Claimed),
        "alleges" | "allege" => Some(Status::Alleged),
        "considers" | "consider" => Some(Status::Considered),
        "denies" | "deny" => Some(Status::Denied),
        "confirms" | "confirm" => Some(Status::Confirmed),
        _ => None,
    };
    verb.or_else(|| Status::parse(&s))
}

/// The verb of a stance, for reading a statement aloud ("reports").
pub fn stance_verb(s: Status) -> &'static str {
    match s {
        Status::Confirmed => "confirms",
        Status::Reported => "reports",
        Status::Claimed => "claims",
        Status::Alleged => "alleges",
        Status::Considered => "considers",
        Status::Denied => "denies",
    }
}

/// The grade one statement lends the fact: a party's own word counts at
/// most `claimed`, unless it confirms (an admission against itself, or a
/// treaty it signed); everyone else's stance counts as given.
pub fn grade(stance: Status, by_party: bool) -> Status {
    if by_party && stance != Status::Confirmed && stance.strength() > Status::Claimed.strength() {
        Status::Claimed
    } else {
        stance
    }
}

/// The relation's status derived from its statements, by the one rule of
/// docs/format.md: the strongest grade among the statements that do not
/// deny it (a party's word counts at most `claimed`, see [`grade`]); if
/// every statement denies it, `denied`. `is_party` says whether a speaker
/// is a party to the fact. `None` for a relation without statements.
pub fn derive_status(
    statements: &[Statement],
    is_party: impl Fn(Option<ActorId>) -> bool,
) -> Option<Status> {
    let supporting = statements
        .iter()
        .filter(|s| s.stance != Status::Denied)
        .map(|s| grade(s.stance, is_party(s.by)))
        .max_by_key(|g| g.strength());
    match supporting {
        Some(g) => Some(g),
        None if statements.is_empty() => None,
        None => Some(Status::Denied),
    }
}

impl Relation {
    /// The statement citation `i` makes: its own, or for a citation
    /// written without a stance, the relation's status by the narrator.
    pub fn statement(&self, i: usize) -> Statement {
        self.statements
            .get(i)
            .cloned()
            .unwrap_or_else(|| Statement::implicit(self.status))
    }

    /// Every distinct grade the relation's statements give, strongest first
    /// (one entry for a relation whose sources agree).
    pub fn grades(&self) -> Vec<Status> {
        let mut g: Vec<Status> = (0..self.evidence.len())
            .map(|i| self.statement(i).stance)
            .collect();
        if g.is_empty() {
            g.push(self.status);
        }
        g.sort_by_key(|s| std::cmp::Reverse(s.strength()));
        g.dedup();
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(stance: Status, by: Option<u32>) -> Statement {
        Statement {
            stance,
            by: by.map(ActorId),
            published: None,
            explicit: true,
        }
    }

    #[test]
    fn the_strongest_non_party_grade_wins_and_parties_count_as_claims() {
        let party = |a: Option<ActorId>| a == Some(ActorId(1));
        let s = [st(Status::Considered, None), st(Status::Reported, None)];
        assert_eq!(derive_status(&s, party), Some(Status::Reported));
        let s = [st(Status::Reported, Some(1)), st(Status::Alleged, None)];
        assert_eq!(derive_status(&s, party), Some(Status::Claimed));
        let s = [st(Status::Confirmed, Some(1))];
        assert_eq!(derive_status(&s, party), Some(Status::Confirmed));
        let s = [st(Status::Denied, Some(1)), st(Status::Alleged, None)];
        assert_eq!(derive_status(&s, party), Some(Status::Alleged));
        let s = [st(Status::Denied, Some(1))];
        assert_eq!(derive_status(&s, party), Some(Status::Denied));
        assert_eq!(derive_status(&[], party), None);
    }

    #[test]
    fn stances_read_as_verbs_or_statuses() {
        assert_eq!(parse_stance("alleges"), Some(Status::Alleged));
        assert_eq!(parse_stance("Considered"), Some(Status::Considered));
        assert_eq!(parse_stance("maybe"), None);
        for s in Status::ALL {
            assert_eq!(parse_stance(stance_verb(s)), Some(s));
        }
    }
}
