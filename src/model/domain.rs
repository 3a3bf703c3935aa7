//! Type domains: which kinds of actor each relation type may join, as the
//! schema declares them (`from = [...]`, `to = [...]`).
//!
//! Invariant: no I/O; an empty side accepts any actor, so a schema without
//! domains (imported and generated graphs) accepts what it did before.

use super::{Actor, ActorKind};
use serde::{Deserialize, Serialize};

/// One accepted kind of actor at one end of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindSpec {
    /// Any actor of this kind.
    Kind(ActorKind),
    /// A state that no UN member recognises (`recognised = false`).
    UnrecognisedState,
    /// A recognised state.
    RecognisedState,
}

impl KindSpec {
    /// Parses a kind name, or `unrecognised_state` / `recognised_state`.
    pub fn parse(s: &str) -> Option<KindSpec> {
        match s.trim() {
            "unrecognised_state" | "unrecognized_state" => Some(KindSpec::UnrecognisedState),
            "recognised_state" | "recognized_state" => Some(KindSpec::RecognisedState),
            other => ActorKind::parse(other).map(KindSpec::Kind),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KindSpec::Kind(k) => k.as_str(),
            KindSpec::UnrecognisedState => "unrecognised_state",
            KindSpec::RecognisedState => "recognised_state",
        }
    }

    pub fn accepts(self, a: &Actor) -> bool {
        match self {
            KindSpec::Kind(k) => a.kind == k,
            KindSpec::UnrecognisedState => a.kind == ActorKind::State && !a.recognised,
            KindSpec::RecognisedState => a.kind == ActorKind::State && a.recognised,
        }
    }
}

/// The kinds of actor a type may join; an empty side accepts any.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub from: Vec<KindSpec>,
    pub to: Vec<KindSpec>,
}

impl Domain {
    fn side(list: &[KindSpec], a: &Actor) -> bool {
        list.is_empty() || list.iter().any(|k| k.accepts(a))
    }

    /// May the type join `from` to `to`? A symmetric type (`directed =
    /// false`) may also join them the other way round.
    pub fn accepts(&self, from: &Actor, to: &Actor, directed: bool) -> bool {
        let fwd = Self::side(&self.from, from) && Self::side(&self.to, to);
        fwd || (!directed && Self::side(&self.from, to) && Self::side(&self.to, from))
    }

    /// `state or organisation`, or `any actor` for an empty side.
    pub fn describe(list: &[KindSpec]) -> String {
        if list.is_empty() {
            return "any actor".into();
        }
        let names: Vec<&str> = list.iter().map(|k| k.as_str()).collect();
        names.join(" or ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GraphBuilder;

    #[test]
    fn unrecognised_states_and_empty_sides() {
        let s = GraphBuilder::simple_actor("a", ActorKind::State);
        let mut u = GraphBuilder::simple_actor("u", ActorKind::State);
        u.recognised = false;
        let d = Domain {
            from: vec![KindSpec::Kind(ActorKind::State)],
            to: vec![KindSpec::UnrecognisedState],
        };
        assert!(d.accepts(&s, &u, true));
        assert!(!d.accepts(&s, &s, true));
        assert!(!d.accepts(&u, &s, true));
        assert!(Domain::default().accepts(&s, &s, true));
        assert_eq!(
            KindSpec::parse("armed_group"),
            Some(KindSpec::Kind(ActorKind::ArmedGroup))
        );
    }
}
