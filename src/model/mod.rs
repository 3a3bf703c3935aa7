//! The in-memory knowledge graph: actors, typed relations with evidence,
//! treaties with their obligation conditions, and the sources they cite.
//!
//! Invariant: the model does no I/O and knows nothing of TOML or of the
//! command line. A [`Graph`] is immutable once built: every index is valid,
//! every reference resolves, and the petgraph view mirrors `relations`
//! (node `i` is actor `i`, each edge weight is a [`RelId`]).

mod date;
mod domain;
mod evidence;
mod graph;
mod names;
mod rare;
pub mod serde_forms;
mod statement;
mod sym;

pub use date::{Date, PartialDate};
pub use domain::{Domain, KindSpec};
pub use evidence::Evidence;
pub use graph::{End, Graph, GraphBuilder};
pub use names::{normalise_name, Resolution};
pub use rare::{Empty, Rare};
pub use statement::{derive_status, grade, parse_stance, stance_verb, Statement};
pub use sym::Sym;

/// An immutable string of 8 bytes (`Option<Text>` too), its length on the
/// heap with its bytes: quotes, data-set rows and notes, of which a large
/// graph holds millions. Reads as `&str`; made with `.into()` from a
/// `String` or `&str`; serialised as a string.
pub type Text = arcstr::ArcStr;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Index of an actor in [`Graph::actors`]; also its petgraph node index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActorId(pub u32);

/// Index of a relation in [`Graph::relations`]; also the weight of its petgraph edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RelId(pub u32);

/// Index of a treaty in [`Graph::treaties`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TreatyId(pub u32);

impl ActorId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl RelId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl TreatyId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What sort of thing an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A sovereign state, or an unrecognised de facto state (`recognised = false`).
    State,
    /// A leader, official or spokesperson.
    Person,
    /// An intergovernmental organisation or alliance (CSTO, NATO, OSCE Minsk Group).
    Organisation,
    /// A non-state armed group (separatist forces, mercenaries).
    ArmedGroup,
    /// A region whose holders matter: de jure (`part_of`) and de facto (`controls`).
    Territory,
    /// A city or site (Ganja, Gyumri).
    Place,
    /// A war or armed conflict, so that "condemned the fighting" has an object.
    Conflict,
}

impl ActorKind {
    pub const ALL: [ActorKind; 7] = [
        ActorKind::State,
        ActorKind::Person,
        ActorKind::Organisation,
        ActorKind::ArmedGroup,
        ActorKind::Territory,
        ActorKind::Place,
        ActorKind::Conflict,
    ];

    /// The name used in TOML, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::Territory => "territory",
            ActorKind::Place => "place",
            ActorKind::Conflict => "conflict",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        let s = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let s = match s.as_str() {
            "organization" | "org" => "organisation",
            "group" | "armed" => "armed_group",
            other => other,
        }
        .to_string();
        ActorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Places, territories and conflicts are things, not agents: they never
    /// "act" (escalation never draws them in).
    pub fn is_agent(self) -> bool {
        matches!(
            self,
            ActorKind::State | ActorKind::Person | ActorKind::Organisation | ActorKind::ArmedGroup
        )
    }
}

impl std::fmt::Display for ActorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node of the graph.
///
/// Compact: the fields every actor has are its own; the rest (codes,
/// description, evidence, a state's attributes) live in one optional
/// [`ActorCard`] box, read and written through the actor as if they were
/// its own (`actor.iso3`, `actor.attrs.capital`: the actor derefs to its
/// card, an empty one when it has none). It serialises exactly as the
/// flat struct it replaced.
#[derive(Clone, Debug)]
pub struct Actor {
    /// Stable slug, unique in the graph (`turkey`, `hikmet-hajiyev`).
    pub id: String,
    /// Display name.
    pub name: String,
    pub kind: ActorKind,
    /// Other names and demonyms used in text ("Azeri", "Ankara", "Erdogan").
    pub aliases: Vec<String>,
    /// `false` for a de facto state that no UN member recognises.
    pub recognised: bool,
    /// The fields most actors leave empty.
    pub card: Rare<ActorCard>,
}

/// The fields of an [`Actor`] most actors leave empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActorCard {
    /// ISO 3166-1 alpha-3 code, for states.
    pub iso3: Option<String>,
    /// Correlates of War country code, for states.
    pub cow: Option<u16>,
    /// One line on who or what this is.
    pub description: Option<String>,
    /// Evidence for the actor's own card, if any (e.g. who a person is).
    pub evidence: Vec<Citation>,
    /// Measured attributes of a state (capital, capabilities, major-power
    /// status) for the graph's period; empty for other actors.
    pub attrs: StateAttrs,
    /// Its ids in other graphs (`same_as`), by which merging finds it; a
    /// merged actor keeps the ids of every card merged into it.
    pub same_as: Vec<String>,
}

static NO_CARD: ActorCard = ActorCard {
    iso3: None,
    cow: None,
    description: None,
    evidence: Vec::new(),
    same_as: Vec::new(),
    attrs: StateAttrs {
        capital: None,
        cinc: None,
        major_power: None,
    },
};

impl Empty for ActorCard {
    fn empty() -> &'static ActorCard {
        &NO_CARD
    }
}

impl std::ops::Deref for Actor {
    type Target = ActorCard;
    fn deref(&self) -> &ActorCard {
        &self.card
    }
}

impl std::ops::DerefMut for Actor {
    /// Makes the card's box on first write.
    fn deref_mut(&mut self) -> &mut ActorCard {
        &mut self.card
    }
}

/// The serialised form of [`Actor`]: the flat struct, field for field.
#[derive(Serialize)]
struct ActorOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: ActorKind,
    aliases: &'a [String],
    iso3: &'a Option<String>,
    cow: Option<u16>,
    recognised: bool,
    description: &'a Option<String>,
    evidence: &'a [Citation],
    attrs: &'a StateAttrs,
    same_as: &'a [String],
}

#[derive(Deserialize)]
struct ActorIn {
    id: String,
    name: String,
    kind: ActorKind,
    aliases: Vec<String>,
    iso3: Option<String>,
    cow: Option<u16>,
    recognised: bool,
    description: Option<String>,
    evidence: Vec<Citation>,
    attrs: StateAttrs,
    same_as: Vec<String>,
}

impl Serialize for Actor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c: &ActorCard = self;
        ActorOut {
            id: &self.id,
            name: &self.name,
            kind: self.kind,
            aliases: &self.aliases,
            iso3: &c.iso3,
            cow: c.cow,
            recognised: self.recognised,
            description: &c.description,
            evidence: &c.evidence,
            attrs: &c.attrs,
            same_as: &c.same_as,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Actor, D::Error> {
        let a = ActorIn::deserialize(d)?;
        Ok(Actor {
            id: a.id,
            name: a.name,
            kind: a.kind,
            aliases: a.aliases,
            recognised: a.recognised,
            card: ActorCard {
                iso3: a.iso3,
                cow: a.cow,
                description: a.description,
                evidence: a.evidence,
                attrs: a.attrs,
                same_as: a.same_as,
            }
            .into(),
        })
    }
}

/// Measured attributes of a state for the graph's period, each cited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StateAttrs {
    /// Capital with coordinates (COW capitals data set).
    pub capital: Option<Capital>,
    /// CINC share of world capabilities for one year (COW NMC 6.0).
    pub cinc: Option<Measure>,
    /// Some(citation) when the state counted as a COW major power during the period.
    pub major_power: Option<Citation>,
}

impl StateAttrs {
    /// `true` when no attribute is set.
    pub fn is_empty(&self) -> bool {
        self.capital.is_none() && self.cinc.is_none() && self.major_power.is_none()
    }
}

/// A state's capital and its coordinates (decimal degrees, north and east positive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Capital {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub evidence: Citation,
}

/// One measured value of a state for one year (a CINC score).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub year: i32,
    pub value: f64,
    pub evidence: Citation,
}

/// Mean Earth radius in km, for great-circle distances between capitals.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in km between two points given in decimal degrees
/// (haversine formula, on a sphere of radius [`EARTH_RADIUS_KM`]).
///
/// ```
/// // Paris to Berlin: about 878 km.
/// let d = casus::model::haversine_km(48.8566, 2.3522, 52.52, 13.405);
/// assert!((d - 878.0).abs() < 5.0);
/// ```
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Whether a relation type reads the same both ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    Friendly,
    Hostile,
    Neutral,
}

impl Sign {
    pub fn as_str(self) -> &'static str {
        match self {
            Sign::Friendly => "friendly",
            Sign::Hostile => "hostile",
            Sign::Neutral => "neutral",
        }
    }
}

/// A relation category declared in the schema (alliance, conflict, ...),
/// with its drawing style.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Category {
    pub name: String,
    pub description: String,
    /// Graphviz colour for edges of this category (hostile edges are drawn red regardless).
    pub color: String,
}

/// A relation type declared in the schema.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RelationType {
    pub name: String,
    /// `false`: symmetric (`ally`, `borders`); the pair is unordered.
    pub directed: bool,
    pub sign: Sign,
    /// Name of a declared [`Category`].
    pub category: String,
    pub description: String,
    /// How the relation reads in a sentence ("supplies arms to"); defaults to the name.
    pub verb: String,
}

/// How sure we are of a fact, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Established beyond reasonable doubt (admitted by the party, or a treaty text).
    Confirmed,
    /// Reported by the source or by third parties as fact.
    Reported,
    /// Claimed by a party to the conflict (see `claimed_by`).
    Claimed,
    /// Unconfirmed reports, accusations.
    Alleged,
    /// Contemplated, rumoured, requested but not done.
    Considered,
    /// Denied by the party concerned (see `denied_by`).
    Denied,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Confirmed,
        Status::Reported,
        Status::Claimed,
        Status::Alleged,
        Status::Considered,
        Status::Denied,
    ];

    /// Evidence strength: 5 for confirmed down to 0 for denied.
    /// `--min-status S` keeps facts with `strength() >= S.strength()`.
    pub fn strength(self) -> u8 {
        match self {
            Status::Confirmed => 5,
            Status::Reported => 4,
            Status::Claimed => 3,
            Status::Alleged => 2,
            Status::Considered => 1,
            Status::Denied => 0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Reported => "reported",
            Status::Claimed => "claimed",
            Status::Alleged => "alleged",
            Status::Considered => "considered",
            Status::Denied => "denied",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim().to_ascii_lowercase();
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Kinds of external support, after the UCDP External Support Dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    Troops,
    Weapons,
    Funding,
    Training,
    Intelligence,
    Logistics,
    Recruits,
    /// Access to territory or bases.
    Territory,
    Other,
}

impl SupportKind {
    pub const ALL: [SupportKind; 9] = [
        SupportKind::Troops,
        SupportKind::Weapons,
        SupportKind::Funding,
        SupportKind::Training,
        SupportKind::Intelligence,
        SupportKind::Logistics,
        SupportKind::Recruits,
        SupportKind::Territory,
        SupportKind::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SupportKind::Troops => "troops",
            SupportKind::Weapons => "weapons",
            SupportKind::Funding => "funding",
            SupportKind::Training => "training",
            SupportKind::Intelligence => "intelligence",
            SupportKind::Logistics => "logistics",
            SupportKind::Recruits => "recruits",
            SupportKind::Territory => "territory",
            SupportKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<SupportKind> {
        SupportKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
    }
    /// The error for `s`, which is no kind of support: its message and a
    /// hint listing the kinds.
    pub fn unknown(s: &str) -> (String, String) {
        let all: Vec<&str> = SupportKind::ALL.iter().map(|k| k.as_str()).collect();
        (
            format!("unknown kind of support `{s}`"),
            format!("use {}", all.join(", ")),
        )
    }
}

/// Where a fact comes from.
///
/// In text formats (JSON, TOML) a citation is a table tagged by `kind`;
/// in binary ones (the prebuilt built-in graph) an enum (see [`serde_forms`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Citation {
    /// A verbatim quote from a seed document (checked by the loader).
    Seed {
        /// Id of a [`Document`] (interned).
        doc: Sym,
        /// The quote as written in the graph file.
        quote: Text,
        /// 1-based line and column of the quote in the document, found by the loader.
        line: u32,
        column: u32,
    },
    /// A cited public reference for a fact the seeds do not state.
    Background {
        /// Id of a [`Reference`] (interned).
        reference: Sym,
        /// What exactly the reference supports, or where in it (article, page).
        note: Option<Text>,
    },
    /// A row of an imported data set (COW, ATOP, SIPRI, UCDP).
    Dataset {
        /// Id of a [`Reference`] describing the data set, its version and
        /// citation (interned).
        reference: Sym,
        /// The row: alliance id, deal id, actor-year.
        row: Text,
    },
}

impl Citation {
    pub fn is_seed(&self) -> bool {
        matches!(self, Citation::Seed { .. })
    }
}

/// A source text in `seeds/`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    /// Path as written in the graph (relative to the graph directory).
    pub file: String,
    /// The post's title; `None` where the seed has none.
    pub title: Option<String>,
    /// Publication date (exact or estimated; see `date_note`).
    pub date: PartialDate,
    /// Why this date, where it is inferred from the text.
    pub date_note: Option<String>,
    /// Where it was published, if recorded (`casus add source --url`).
    /// Always serialised, as `publisher`: the prebuilt built-in graph is
    /// postcard, which cannot skip a field.
    pub url: Option<String>,
    /// Who published it, if recorded.
    pub publisher: Option<String>,
    /// The full text.
    #[serde(skip)]
    pub text: String,
}

/// A cited public reference: a treaty text, an official page, a data set, a paper.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reference {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    pub url: Option<String>,
    /// Full citation, for data sets and papers.
    pub citation: Option<String>,
}

/// The severity of a strike, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A border incident, a single strike.
    Incident,
    /// A sustained campaign of strikes or fighting.
    Sustained,
    /// Occupation of territory.
    Occupation,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Incident => "incident",
            Severity::Sustained => "sustained",
            Severity::Occupation => "occupation",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "incident" => Some(Severity::Incident),
            "sustained" => Some(Severity::Sustained),
            "occupation" => Some(Severity::Occupation),
            _ => None,
        }
    }
}

/// What a treaty obliges its parties to do (ATOP's obligation variables).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    /// Active military support if a party is attacked (ATOP `defense`).
    Defence,
    /// Support in an offensive war (ATOP `offense`).
    Offence,
    /// Stay out of a war a party fights (ATOP `neutral`).
    Neutrality,
    /// Do not attack each other (ATOP `nonagg`).
    NonAggression,
    /// Consult in a crisis (ATOP `consul`).
    Consultation,
}

impl ObligationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ObligationKind::Defence => "defence",
            ObligationKind::Offence => "offence",
            ObligationKind::Neutrality => "neutrality",
            ObligationKind::NonAggression => "non_aggression",
            ObligationKind::Consultation => "consultation",
        }
    }
}

/// Where an obligation applies (serialised like [`Citation`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    /// Anywhere a party is attacked.
    Anywhere,
    /// The attacked party's internationally recognised territory: places
    /// that are `part_of` it, following `part_of` transitively.
    RecognisedTerritory,
    /// Only the named territories or places (and what is `part_of` them).
    Regions { regions: Vec<ActorId> },
}

/// One obligation of a treaty, with the conditions ATOP codes for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Obligation {
    pub kind: ObligationKind,
    /// What triggers it, in words ("armed attack on a party").
    pub trigger: String,
    pub scope: Scope,
    /// Binds only if the party was attacked, not when it started the fighting
    /// (ATOP `defconpr`, non-provocation).
    pub defensive_only: bool,
    /// The least severe strike that triggers it.
    pub min_severity: Severity,
    /// Only against these adversaries (ATOP `defcoadv`); empty: any.
    pub adversaries: Vec<ActorId>,
    /// Only if at least this many states attack (ATOP `defconum`).
    pub min_attackers: Option<u32>,
    /// Opens consultation only, not combat.
    pub consultation_only: bool,
}

/// A treaty or alliance agreement: the obligations its parties accept.
/// Parties are the relations that cite it (a `defence_pact` between two
/// states, or each member's `member_of` an alliance organisation).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Treaty {
    pub id: String,
    pub name: String,
    pub signed: Option<PartialDate>,
    pub in_force: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub obligations: Vec<Obligation>,
    /// ATOP alliance id, COW alliance id, where known.
    pub atop_id: Option<u32>,
    pub cow_id: Option<u32>,
    pub evidence: Vec<Citation>,
    pub note: Option<String>,
}

/// A typed edge, with its evidence.
///
/// Compact: the fields every relation has are its own; the rare ones (key,
/// claimants, deniers, role, systems, support, contiguity, rivalry, note,
/// statements) live in one optional [`RelationExtra`] box, read and written
/// through the relation as if they were its own (`rel.note`,
/// `rel.claimed_by.push(a)`: the relation derefs to its extra, an empty one
/// when it has none). It serialises exactly as the flat struct it replaced.
#[derive(Clone, Debug)]
pub struct Relation {
    /// Name of a declared [`RelationType`] (interned: 4 bytes).
    pub rtype: Sym,
    pub from: ActorId,
    pub to: ActorId,
    pub status: Status,
    /// When it began to hold (for `attacks`: the date of the attack).
    pub valid_from: Option<PartialDate>,
    /// When it stopped holding; `None`: still holds at the end of the record.
    pub valid_until: Option<PartialDate>,
    /// Where it happened, for `attacks` (a place or territory).
    pub place: Option<ActorId>,
    /// The treaty that makes this relation an obligation.
    pub treaty: Option<TreatyId>,
    /// At least one citation; the loader rejects a relation without.
    /// One citation is kept inline.
    pub evidence: Evidence,
    /// The rare fields, `None` when all are empty.
    pub extra: Option<Box<RelationExtra>>,
}

/// A list that takes 8 bytes when empty (its length lives on the heap).
pub use thin_vec::ThinVec;

/// The fields of a [`Relation`] most relations leave empty; its lists are
/// [`ThinVec`]s (8 bytes each), as many relations have one of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationExtra {
    /// Optional stable key from the file (for scenarios to remove it by name).
    pub key: Option<Text>,
    /// Who claims it, where the text says (for `claimed`).
    pub claimed_by: ThinVec<ActorId>,
    /// Who denies it, where the text says (for `denied`, or a reported fact that a party denies).
    pub denied_by: ThinVec<ActorId>,
    /// A role, for `leader_of` / `official_of` ("president", "presidential aide").
    pub role: Option<Text>,
    /// Weapon systems, for `arms_supplier` ("drones", "ballistic missiles"),
    /// interned (a vocabulary of a few hundred names).
    pub systems: ThinVec<Sym>,
    /// Kinds of support, for `supports`.
    pub support: ThinVec<SupportKind>,
    /// COW Direct Contiguity type, for `borders`: 1 land or river border,
    /// 2 separated by at most 12 miles of water, 3 at most 24, 4 at most
    /// 150, 5 at most 400.
    pub contiguity: Option<u8>,
    /// Thompson-Dreyer rivalry types, for `rival`: spatial, positional,
    /// ideological, interventionary.
    pub rivalry: ThinVec<Sym>,
    /// Free-text detail.
    pub note: Option<Text>,
    /// What each citation states (stance, speaker, date), aligned with
    /// `evidence`; empty or shorter: the missing ones take `status` (see
    /// [`Relation::statement`]). `status` is derived from them by the loader.
    pub statements: ThinVec<Statement>,
}

/// What a relation without extra fields reads.
static NO_EXTRA: RelationExtra = RelationExtra {
    key: None,
    claimed_by: ThinVec::new(),
    denied_by: ThinVec::new(),
    role: None,
    systems: ThinVec::new(),
    support: ThinVec::new(),
    contiguity: None,
    rivalry: ThinVec::new(),
    note: None,
    statements: ThinVec::new(),
};

impl RelationExtra {
    /// `true` when every field is empty.
    pub fn is_empty(&self) -> bool {
        self == &NO_EXTRA
    }

    /// Boxed, or `None` when every field is empty.
    pub fn boxed(self) -> Option<Box<RelationExtra>> {
        (!self.is_empty()).then(|| Box::new(self))
    }
}

impl std::ops::Deref for Relation {
    type Target = RelationExtra;
    fn deref(&self) -> &RelationExtra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }
}

impl std::ops::DerefMut for Relation {
    /// Makes the extra box on first write ([`GraphBuilder`] drops it again
    /// if it stays empty).
    fn deref_mut(&mut self) -> &mut RelationExtra {
        self.extra.get_or_insert_with(Box::default)
    }
}

/// The serialised form of [`Relation`]: the flat struct, field for field.
#[derive(Serialize)]
struct RelationOut<'a> {
    key: &'a Option<Text>,
    rtype: &'a str,
    from: ActorId,
    to: ActorId,
    status: Status,
    claimed_by: &'a [ActorId],
    denied_by: &'a [ActorId],
    valid_from: &'a Option<PartialDate>,
    valid_until: &'a Option<PartialDate>,
    role: &'a Option<Text>,
    systems: &'a [Sym],
    support: &'a [SupportKind],
    place: Option<ActorId>,
    treaty: Option<TreatyId>,
    contiguity: Option<u8>,
    rivalry: &'a [Sym],
    note: &'a Option<Text>,
    evidence: &'a [Citation],
    statements: &'a [Statement],
}

#[derive(Deserialize)]
struct RelationIn {
    key: Option<Text>,
    rtype: Sym,
    from: ActorId,
    to: ActorId,
    status: Status,
    claimed_by: Vec<ActorId>,
    denied_by: Vec<ActorId>,
    valid_from: Option<PartialDate>,
    valid_until: Option<PartialDate>,
    role: Option<Text>,
    systems: Vec<Sym>,
    support: Vec<SupportKind>,
    place: Option<ActorId>,
    treaty: Option<TreatyId>,
    contiguity: Option<u8>,
    rivalry: Vec<Sym>,
    note: Option<Text>,
    evidence: Vec<Citation>,
    statements: Vec<Statement>,
}

impl Serialize for Relation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x: &RelationExtra = self;
        RelationOut {
            key: &x.key,
            rtype: self.rtype.as_str(),
            from: self.from,
            to: self.to,
            status: self.status,
            claimed_by: &x.claimed_by,
            denied_by: &x.denied_by,
            valid_from: &self.valid_from,
            valid_until: &self.valid_until,
            role: &x.role,
            systems: &x.systems,
            support: &x.support,
            place: self.place,
            treaty: self.treaty,
            contiguity: x.contiguity,
            rivalry: &x.rivalry,
            note: &x.note,
            evidence: &self.evidence,
            statements: &x.statements,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Relation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Relation, D::Error> {
        let r = RelationIn::deserialize(d)?;
        Ok(Relation {
            rtype: r.rtype,
            from: r.from,
            to: r.to,
            status: r.status,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
            place: r.place,
            treaty: r.treaty,
            evidence: r.evidence.into(),
            extra: RelationExtra {
                key: r.key,
                claimed_by: r.claimed_by.into(),
                denied_by: r.denied_by.into(),
                role: r.role,
                systems: r.systems.into(),
                support: r.support.into(),
                contiguity: r.contiguity,
                rivalry: r.rivalry.into(),
                note: r.note,
                statements: r.statements.into(),
            }
            .boxed(),
        })
    }
}

/// The rivalry types of Thompson and Dreyer (2012), as written in files.
pub const RIVALRY_TYPES: [&str; 4] = ["spatial", "positional", "ideological", "interventionary"];

/// What a COW Direct Contiguity type means, in words (`None` outside 1..=5).
pub fn contiguity_meaning(conttype: u8) -> Option<&'static str> {
    Some(match conttype {
        1 => "land or river border",
        2 => "separated by 12 miles of water or less",
        3 => "separated by 24 miles of water or less",
        4 => "separated by 150 miles of water or less",
        5 => "separated by 400 miles of water or less",
        _ => return None,
    })
}

impl Relation {
    /// A relation of type `rtype` with these ends, status and evidence, and
    /// every other field empty (set them after: `rel.note = Some(..)`).
    pub fn new(
        rtype: &str,
        from: ActorId,
        to: ActorId,
        status: Status,
        evidence: impl Into<Evidence>,
    ) -> Relation {
        Relation {
            rtype: Sym::new(rtype),
            from,
            to,
            status,
            valid_from: None,
            valid_until: None,
            place: None,
            treaty: None,
            evidence: evidence.into(),
            extra: None,
        }
    }

    /// Drops the extra box if every field in it is empty.
    pub fn compact(&mut self) {
        if self.extra.as_deref().is_some_and(RelationExtra::is_empty) {
            self.extra = None;
        }
    }

    /// The other end of the relation, seen from `a`.
    pub fn other(&self, a: ActorId) -> ActorId {
        if self.from == a {
            self.to
        } else {
            self.from
        }
    }

    /// `true` if any citation is a seed quote.
    pub fn has_seed_evidence(&self) -> bool {
        self.evidence.iter().any(Citation::is_seed)
    }
}

/// The declared vocabulary: categories and relation types.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Schema {
    pub categories: IndexMap<String, Category>,
    pub types: IndexMap<String, RelationType>,
    /// Which kinds of actor each type may join, where the schema says
    /// (a type without an entry joins any actors).
    pub domains: IndexMap<String, Domain>,
}

impl Schema {
    pub fn get(&self, name: &str) -> Option<&RelationType> {
        self.types.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rare fields read and write through the relation; a relation
    /// whose extra fields are all empty keeps no box; both serialise as
    /// the flat struct did, and read back.
    #[test]
    fn relation_extra_reads_writes_and_compacts() {
        let cite = Citation::Background {
            reference: "r".into(),
            note: None,
        };
        let mut r = Relation::new("ally", ActorId(0), ActorId(1), Status::Reported, [cite]);
        assert!(r.extra.is_none() && r.note.is_none() && r.claimed_by.is_empty());
        r.claimed_by.push(ActorId(1));
        r.note = Some("n".into());
        assert_eq!(r.claimed_by.as_slice(), [ActorId(1)]);
        assert!(r.extra.is_some());
        let json = serde_json::to_value(&r).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 19, "every field of the flat form: {keys:?}");
        assert_eq!(json["rtype"], "ally");
        assert_eq!(json["claimed_by"], serde_json::json!([1]));
        assert_eq!(json["evidence"][0]["reference"], "r");
        let back: Relation = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), json);
        r.claimed_by.clear();
        r.note = None;
        r.compact();
        assert!(r.extra.is_none());
        let bytes = postcard::to_stdvec(&r).unwrap();
        let back: Relation = postcard::from_bytes(&bytes).unwrap();
        assert!(back.extra.is_none());
        assert_eq!(back.rtype, "ally");
    }
}
