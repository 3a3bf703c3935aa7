//! How the enums tagged by `kind` serialise: in text formats (JSON, TOML:
//! `is_human_readable`) as a table with a `kind` field, as the JSON output
//! and the files have them; in binary formats (postcard, for the prebuilt
//! built-in graph) as plain enums, which formats that are not
//! self-describing can read back.
//!
//! Invariant: the text form never changes with this; each form reads back
//! exactly what it wrote.

use super::{ActorId, Citation, Scope, Sym, Text};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Serialize, Deserialize)]
#[serde(remote = "Citation", tag = "kind", rename_all = "snake_case")]
enum CitationText {
    Seed {
        doc: Sym,
        quote: Text,
        line: u32,
        column: u32,
    },
    Background {
        reference: Sym,
        note: Option<Text>,
    },
    Dataset {
        reference: Sym,
        row: Text,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Citation")]
enum CitationBinary {
    Seed {
        doc: Sym,
        quote: Text,
        line: u32,
        column: u32,
    },
    Background {
        reference: Sym,
        note: Option<Text>,
    },
    Dataset {
        reference: Sym,
        row: Text,
    },
}

impl Serialize for Citation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            CitationText::serialize(self, s)
        } else {
            CitationBinary::serialize(self, s)
        }
    }
}

impl<'de> Deserialize<'de> for Citation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Citation, D::Error> {
        if d.is_human_readable() {
            CitationText::deserialize(d)
        } else {
            CitationBinary::deserialize(d)
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Scope", tag = "kind", rename_all = "snake_case")]
enum ScopeText {
    Anywhere,
    RecognisedTerritory,
    Regions { regions: Vec<ActorId> },
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Scope")]
enum ScopeBinary {
    Anywhere,
    RecognisedTerritory,
    Regions { regions: Vec<ActorId> },
}

impl Serialize for Scope {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            ScopeText::serialize(self, s)
        } else {
            ScopeBinary::serialize(self, s)
        }
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scope, D::Error> {
        if d.is_human_readable() {
            ScopeText::deserialize(d)
        } else {
            ScopeBinary::deserialize(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citations() -> Vec<Citation> {
        vec![
            Citation::Seed {
                doc: "post".into(),
                quote: "a quote".into(),
                line: 3,
                column: 7,
            },
            Citation::Background {
                reference: "ref".into(),
                note: Some("art. 4".into()),
            },
            Citation::Dataset {
                reference: "atop".into(),
                row: "1234".into(),
            },
        ]
    }

    #[test]
    fn text_form_is_tagged_by_kind_and_binary_form_reads_back() {
        let v = serde_json::to_value(citations()).unwrap();
        assert_eq!(v[0]["kind"], "seed");
        assert_eq!(v[1]["kind"], "background");
        assert_eq!(v[2]["row"], "1234");
        let back: Vec<Citation> = serde_json::from_value(v).unwrap();
        assert_eq!(back, citations());
        let bytes = postcard::to_stdvec(&citations()).unwrap();
        let back: Vec<Citation> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, citations());
        let scopes = vec![
            Scope::Anywhere,
            Scope::RecognisedTerritory,
            Scope::Regions {
                regions: vec![ActorId(2), ActorId(5)],
            },
        ];
        let v = serde_json::to_value(&scopes).unwrap();
        assert_eq!(v[2]["kind"], "regions");
        assert_eq!(v[1], serde_json::json!({"kind": "recognised_territory"}));
        let bytes = postcard::to_stdvec(&scopes).unwrap();
        let back: Vec<Scope> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, scopes);
    }
}
