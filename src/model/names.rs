//! Finding actors by id, name or alias, and suggesting close matches.

use super::ActorId;
use serde::Serialize;

/// Folds a name for lookup: lower case, typographic quotes made plain,
/// and every run of non-alphanumeric characters (spaces, hyphens,
/// underscores, dots) made one space.
///
/// ```
/// use casus::model::normalise_name;
/// assert_eq!(normalise_name("Nagorno-Karabakh"), "nagorno karabakh");
/// assert_eq!(normalise_name("  nagorno_karabakh "), "nagorno karabakh");
/// assert_eq!(normalise_name("Turkey’s"), "turkey's");
/// ```
pub fn normalise_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            other => other,
        };
        if c.is_alphanumeric() || c == '\'' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The outcome of looking an actor up by what a user typed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Resolution {
    /// Exactly one actor has this id, name or alias.
    Found { id: ActorId },
    /// Several actors share this name or alias.
    Ambiguous { candidates: Vec<ActorId> },
    /// Nothing matched; the closest names, best first (may be empty).
    NotFound { suggestions: Vec<String> },
}
