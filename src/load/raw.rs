//! The TOML shapes, as written by hand. Every field a diagnostic may point
//! at is `Spanned`; unknown fields are rejected with the field list.

use serde::Deserialize;
use toml::Spanned;

/// A date written as a string (`"2020-10"`) or a TOML date (`2020-10-01`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    Text(String),
    Toml(toml::value::Datetime),
}

impl DateValue {
    pub fn as_text(&self) -> String {
        match self {
            DateValue::Text(s) => s.clone(),
            DateValue::Toml(d) => d.to_string(),
        }
    }
}

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    pub name: S<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawType {
    pub name: S<String>,
    pub directed: bool,
    pub sign: S<String>,
    pub category: S<String>,
    #[serde(default)]
    pub verb: Option<String>,
    #[serde(default)]
    pub description: String,
    /// The kinds of actor the type may start from (empty: any).
    #[serde(default)]
    pub from: Vec<S<String>>,
    /// The kinds of actor the type may point to (empty: any).
    #[serde(default)]
    pub to: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub id: S<String>,
    pub file: S<String>,
    #[serde(default)]
    pub title: Option<String>,
    pub date: S<DateValue>,
    #[serde(default)]
    pub date_note: Option<String>,
    /// Where the article was published (`casus add source --url`).
    #[serde(default)]
    pub url: Option<String>,
    /// Who published it (`casus add source --publisher`).
    #[serde(default)]
    pub publisher: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    pub id: S<String>,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<S<DateValue>>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub citation: Option<String>,
}

/// A citation: `{ doc, quote }`, `{ reference, note }` or `{ reference, row }`,
/// on a relation optionally read as a statement: `stance`, `by`, `published`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCitation {
    #[serde(default)]
    pub doc: Option<S<String>>,
    #[serde(default)]
    pub quote: Option<S<String>>,
    #[serde(default)]
    pub reference: Option<S<String>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub row: Option<String>,
    /// The statement's grade: reports, claims, alleges, considers, denies, confirms.
    #[serde(default)]
    pub stance: Option<S<String>>,
    /// Who makes the statement (an actor id); absent: the narrator.
    #[serde(default)]
    pub by: Option<S<String>>,
    /// When the statement was made, if not its document's or reference's date.
    #[serde(default)]
    pub published: Option<S<DateValue>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub id: S<String>,
    pub name: S<String>,
    pub kind: S<String>,
    #[serde(default)]
    pub aliases: Vec<S<String>>,
    #[serde(default)]
    pub iso3: Option<S<String>>,
    #[serde(default)]
    pub cow: Option<S<u16>>,
    #[serde(default)]
    pub recognised: Option<bool>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub evidence: Vec<S<RawCitation>>,
    /// Ids of the same actor in other graphs (imports), for merging.
    #[serde(default)]
    pub same_as: Vec<S<String>>,
    #[serde(default)]
    pub attrs: Option<S<RawAttrs>>,
}

/// A state's measured attributes: `[actor.attrs]` or an inline table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttrs {
    #[serde(default)]
    pub capital: Option<S<RawCapital>>,
    #[serde(default)]
    pub cinc: Option<S<RawMeasure>>,
    /// The citation that makes the state a major power in the period.
    #[serde(default)]
    pub major_power: Option<S<RawCitation>>,
}

/// `capital = { name, lat, lon, evidence = { reference, row } }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCapital {
    pub name: S<String>,
    pub lat: S<f64>,
    pub lon: S<f64>,
    pub evidence: S<RawCitation>,
}

/// `cinc = { year, value, evidence = { reference, row } }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    pub year: S<i32>,
    pub value: S<f64>,
    pub evidence: S<RawCitation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObligation {
    pub kind: S<String>,
    #[serde(default)]
    pub trigger: Option<String>,
    #[serde(default)]
    pub scope: Option<S<String>>,
    #[serde(default)]
    pub regions: Vec<S<String>>,
    #[serde(default)]
    pub defensive_only: Option<bool>,
    #[serde(default)]
    pub min_severity: Option<S<String>>,
    #[serde(default)]
    pub adversaries: Vec<S<String>>,
    #[serde(default)]
    pub min_attackers: Option<u32>,
    #[serde(default)]
    pub consultation_only: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTreaty {
    pub id: S<String>,
    pub name: String,
    #[serde(default)]
    pub signed: Option<S<DateValue>>,
    #[serde(default)]
    pub in_force: Option<S<DateValue>>,
    #[serde(default)]
    pub until: Option<S<DateValue>>,
    #[serde(default)]
    pub atop_id: Option<u32>,
    #[serde(default)]
    pub cow_id: Option<u32>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: Vec<S<RawCitation>>,
    #[serde(default)]
    pub obligation: Vec<S<RawObligation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    #[serde(default)]
    pub key: Option<S<String>>,
    #[serde(rename = "type")]
    pub rtype: S<String>,
    pub from: S<String>,
    pub to: S<String>,
    /// Optional where every citation gives its own `stance` (then derived).
    #[serde(default)]
    pub status: Option<S<String>>,
    #[serde(default)]
    pub claimed_by: Vec<S<String>>,
    #[serde(default)]
    pub denied_by: Vec<S<String>>,
    #[serde(default)]
    pub date: Option<S<DateValue>>,
    #[serde(default)]
    pub since: Option<S<DateValue>>,
    #[serde(default)]
    pub until: Option<S<DateValue>>,
    #[serde(default)]
    pub place: Option<S<String>>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub systems: Vec<String>,
    #[serde(default)]
    pub support: Vec<S<String>>,
    #[serde(default)]
    pub treaty: Option<S<String>>,
    #[serde(default)]
    pub contiguity: Option<S<i64>>,
    #[serde(default)]
    pub rivalry: Vec<S<String>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: Vec<S<RawCitation>>,
}
