//! The SIPRI Arms Transfers Database trade register, as exported
//! (trade-register.csv): deals of major conventional arms, supplier to
//! recipient.
//!
//! Quirks the parser handles: the file is Latin-1, not UTF-8; notes come
//! before the header (11 lines in the 2025 export); three header cells are
//! a single space (the `?` uncertainty flag of the column before them); a
//! few deals have a line break inside their comment and span two lines,
//! which are joined; country names are SIPRI's ("Turkiye", "Soviet Union"),
//! matched to COW codes by [`super::names`]; non-state recipients end with
//! `*`, international organisations with `**`.
//!
//! Deals aggregate into one `arms_supplier` relation per supplier and
//! recipient, with the weapon systems, the years and the SIPRI
//! trend-indicator values (TIV, millions) in its note, and every deal
//! cited by its line.

use super::names::{self, Ccode};
use super::report::{outcome, RowIssue, SetReport};
use super::{relation, DataSet, Parsed, World};
use crate::model::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// One deal of the trade register.
#[derive(Clone, Debug, PartialEq)]
pub struct Deal {
    /// The line the deal starts on (1-based, in the whole file).
    pub line: usize,
    /// The line it ends on (the same, unless it spans two lines).
    pub last_line: usize,
    pub recipient: String,
    pub supplier: String,
    pub order_year: i32,
    pub order_uncertain: bool,
    pub ordered: Option<u32>,
    pub ordered_uncertain: bool,
    pub designation: String,
    pub description: String,
    pub delivered: Option<u32>,
    pub delivered_uncertain: bool,
    pub delivery_years: Vec<i32>,
    pub status: String,
    pub comments: String,
    pub tiv_unit: Option<f64>,
    pub tiv_order: Option<f64>,
    pub tiv_delivered: Option<f64>,
}

impl Deal {
    fn lines(&self) -> String {
        if self.last_line == self.line {
            format!("line {}", self.line)
        } else {
            format!("lines {}-{}", self.line, self.last_line)
        }
    }

    /// The year of the deal's last known activity up to `hi`.
    fn last_year(&self, hi: i32) -> i32 {
        self.delivery_years
            .iter()
            .copied()
            .filter(|y| *y <= hi)
            .chain(std::iter::once(self.order_year))
            .max()
            .unwrap_or(self.order_year)
    }

    /// SIPRI's TIV of delivered weapons, the share delivered up to `hi`
    /// (pro rata by delivery year: the register does not split it).
    fn tiv_delivered_by(&self, hi: Option<i32>) -> f64 {
        let total = self.tiv_delivered.unwrap_or(0.0);
        match hi {
            None => total,
            Some(hi) if self.delivery_years.is_empty() => {
                let _ = hi;
                0.0
            }
            Some(hi) => {
                let n = self.delivery_years.len() as f64;
                let k = self.delivery_years.iter().filter(|y| **y <= hi).count() as f64;
                total * k / n
            }
        }
    }
}

/// The parsed register and what the parser had to do to read it.
#[derive(Clone, Debug, Default)]
pub struct Register {
    pub deals: Parsed<Deal>,
    /// Lines after the header (the unit the report accounts for).
    pub lines: usize,
    /// Lines of notes before the header.
    pub preamble_lines: usize,
    /// The line the header is on.
    pub header_line: usize,
    /// Deals that spanned two lines and were joined: (first line, second line).
    pub joined: Vec<(usize, usize)>,
    /// "Data generated: ..." from the notes, if present.
    pub generated: Option<String>,
    /// `UTF-8` or `Latin-1`.
    pub encoding: &'static str,
    /// The last year any deal mentions (order or delivery).
    pub last_year: i32,
}

/// Text from bytes: UTF-8 if valid, else Latin-1 (every byte one char).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), "UTF-8"),
        Err(_) => (
            Cow::Owned(bytes.iter().map(|&b| b as char).collect()),
            "Latin-1",
        ),
    }
}

/// Column names the parser needs (blank header cells are flags).
const COLUMNS: [&str; 13] = [
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
];

/// Parses the export: finds the header after the notes, maps blank header
/// cells to the uncertainty flags of the column before, joins deals that
/// span two lines.
pub fn parse(bytes: &[u8]) -> Result<Register, String> {
    let (text, encoding) = decode(bytes);
    let mut offset = 0;
    let mut header_line = 0;
    let mut generated = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let l = line.trim_end_matches(['\r', '\n']);
        if l.starts_with("Recipient,Supplier") {
            header_line = i + 1;
            break;
        }
        if let Some(g) = l.strip_prefix("Data generated:") {
            generated = Some(g.trim().to_string());
        }
        offset += line.len();
    }
    if header_line == 0 {
        return Err("no header line (Recipient,Supplier,...) found".into());
    }
    let body = &text[offset..];
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let ncols = headers.len();
    let mut idx = Vec::new();
    for name in COLUMNS {
        idx.push(
            headers
                .iter()
                .position(|h| h.trim() == name)
                .ok_or_else(|| format!("no column `{name}` in the header"))?,
        );
    }
    // A blank header cell right after a column is that column's `?` flag.
    let flag_of = |col: usize| -> Option<usize> {
        headers
            .get(col + 1)
            .filter(|h| h.trim().is_empty())
            .map(|_| col + 1)
    };
    let (f_order, f_ordered, f_delivered) = (flag_of(idx[2]), flag_of(idx[3]), flag_of(idx[6]));

    let mut records: Vec<(usize, csv::StringRecord)> = Vec::new();
    let mut reg = Register {
        preamble_lines: header_line - 1,
        header_line,
        generated,
        encoding,
        ..Default::default()
    };
    // Lines are counted from byte offsets: after a CRLF, the csv crate
    // places the next record at the LF, one line too early.
    let bytes = body.as_bytes();
    let (mut at, mut line_no) = (0usize, header_line);
    for rec in rdr.records() {
        reg.lines += 1;
        match rec {
            Ok(r) => {
                let mut b = r.position().map(|p| p.byte() as usize).unwrap_or(at);
                while b < bytes.len() && (bytes[b] == b'\r' || bytes[b] == b'\n') {
                    b += 1;
                }
                line_no += bytes[at.min(b)..b].iter().filter(|c| **c == b'\n').count();
                at = b;
                // A quote left open swallows the lines after it: refuse
                // the record, naming where it opened and where it ended.
                match super::damage::record_damage(line_no, &r, r.len()) {
                    Some(issue) => reg.deals.bad.push(issue),
                    None => records.push((line_no, r)),
                }
            }
            Err(e) => reg.deals.bad.push(RowIssue::new(
                format!("record {}", reg.lines),
                e.to_string(),
            )),
        }
    }
    let mut i = 0;
    while i < records.len() {
        let (line, rec) = &records[i];
        let mut fields: Vec<String> = rec.iter().map(str::to_string).collect();
        let mut last_line = *line;
        if fields.len() < ncols {
            match records.get(i + 1) {
                Some((l2, next)) if fields.len() + next.len() - 1 == ncols => {
                    let cont = next.get(0).unwrap_or("").trim();
                    if let Some(last) = fields.last_mut() {
                        let joined = format!("{} {cont}", last.trim_end());
                        *last = joined.trim().to_string();
                    }
                    fields.extend(next.iter().skip(1).map(str::to_string));
                    reg.joined.push((*line, *l2));
                    last_line = *l2;
                    i += 1;
                }
                _ => {
                    reg.deals.bad.push(RowIssue::new(
                        format!("line {line}"),
                        format!(
                            "{}{} fields, the header has {ncols}: the row is cut short and was not imported",
                            super::damage::DAMAGED,
                            fields.len()
                        ),
                    ));
                    i += 1;
                    continue;
                }
            }
        }
        i += 1;
        if fields.len() > ncols {
            reg.deals.bad.push(RowIssue::new(
                format!("line {line}"),
                format!(
                    "{}{} fields, the header has {ncols}: the row has extra fields and was not imported",
                    super::damage::DAMAGED,
                    fields.len()
                ),
            ));
            continue;
        }
        let f = |k: usize| fields.get(idx[k]).map(|s| s.trim()).unwrap_or("");
        let flag = |c: Option<usize>| {
            c.and_then(|c| fields.get(c))
                .is_some_and(|s| s.trim() == "?")
        };
        let Ok(order_year) = f(2).parse::<i32>() else {
            reg.deals.bad.push(RowIssue::new(
                format!("line {line}"),
                format!("year of order `{}` is not a year", f(2)),
            ));
            continue;
        };
        let years: Result<Vec<i32>, _> = f(7)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<i32>())
            .collect();
        let Ok(delivery_years) = years else {
            reg.deals.bad.push(RowIssue::new(
                format!("line {line}"),
                format!("year(s) of delivery `{}` are not years", f(7)),
            ));
            continue;
        };
        let num = |s: &str| s.parse::<u32>().ok();
        let tiv = |s: &str| s.parse::<f64>().ok();
        reg.last_year = reg
            .last_year
            .max(order_year)
            .max(delivery_years.iter().copied().max().unwrap_or(0));
        reg.deals.rows.push(Deal {
            line: *line,
            last_line,
            recipient: f(0).to_string(),
            supplier: f(1).to_string(),
            order_year,
            order_uncertain: flag(f_order),
            ordered: num(f(3)),
            ordered_uncertain: flag(f_ordered),
            designation: f(4).to_string(),
            description: f(5).to_string(),
            delivered: num(f(6)),
            delivered_uncertain: flag(f_delivered),
            delivery_years,
            status: f(8).to_string(),
            comments: f(9).to_string(),
            tiv_unit: tiv(f(10)),
            tiv_order: tiv(f(11)),
            tiv_delivered: tiv(f(12)),
        });
    }
    reg.deals.rows_read = reg.lines;
    Ok(reg)
}

/// Who a SIPRI name stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Party {
    State(Ccode),
    /// International organisation (`**`): actor id, display name.
    Organisation(String, String),
    /// Non-state armed group (`*`): display name.
    Group(String),
    /// Listed as a country but not in the COW state system: index in [`names::NON_SYSTEM`].
    NonSystem(usize),
    /// A name no table knows ("unknown supplier(s)" included).
    Unmatched,
}

/// Classifies a SIPRI name in a year.
pub fn party(name: &str, year: i32) -> Party {
    let name = name.trim();
    if let Some(org) = name.strip_suffix("**") {
        return match names::ORGANISATIONS.iter().find(|(n, _, _)| *n == org) {
            Some((_, id, display)) => Party::Organisation(id.to_string(), display.to_string()),
            None => Party::Organisation(names::slug(org), org.to_string()),
        };
    }
    if name.starts_with("unknown") {
        return Party::Unmatched;
    }
    if let Some(g) = name.strip_suffix('*') {
        return Party::Group(g.trim().to_string());
    }
    if let Some(c) = names::sipri_ccode(name, year) {
        return Party::State(c);
    }
    match names::NON_SYSTEM.iter().position(|e| e.0 == name) {
        Some(i) => Party::NonSystem(i),
        None => Party::Unmatched,
    }
}

/// Can the party become an actor? (A state must be in the state list.)
fn mappable(w: &World, p: &Party, name: &str) -> Result<(), String> {
    match p {
        Party::State(c) if !w.knows(*c) => Err(format!(
            "`{name}` is COW {c}, which is not in the state list"
        )),
        Party::Unmatched => Err(format!("`{name}` is not a known supplier or recipient")),
        _ => Ok(()),
    }
}

/// The actor of a party, created on first use; `Err` with the reason.
fn actor_of(w: &mut World, p: &Party, name: &str) -> Result<ActorId, String> {
    match p {
        Party::State(c) => w
            .state(*c)
            .ok_or_else(|| format!("`{name}` is COW {c}, which is not in the state list")),
        Party::Organisation(id, display) => {
            Ok(w.other(id, display, ActorKind::Organisation, || {
                bare(format!("International organisation (SIPRI: `{name}`)."))
            }))
        }
        Party::Group(g) => {
            let id = names::slug(g);
            Ok(w.other(&id, g, ActorKind::ArmedGroup, || {
                bare(format!("Non-state armed group (SIPRI: `{name}`)."))
            }))
        }
        Party::NonSystem(i) => {
            let (sname, id, display, kind, iso, recognised) = names::NON_SYSTEM[*i];
            let kind = ActorKind::parse(kind).unwrap_or(ActorKind::State);
            Ok(w.other(id, display, kind, || {
                let mut a = bare(format!(
                    "Listed by SIPRI as `{sname}`; not a member of the COW state system."
                ));
                a.iso3 = iso.map(str::to_string);
                a.recognised = recognised;
                a
            }))
        }
        Party::Unmatched => Err(format!("`{name}` is not a known supplier or recipient")),
    }
}

/// A bare actor with a description (id, name and kind are set by [`World::other`]).
pub(crate) fn bare(description: String) -> Actor {
    Actor {
        id: String::new(),
        name: String::new(),
        kind: ActorKind::State,
        aliases: Vec::new(),
        recognised: true,
        card: ActorCard {
            iso3: None,
            cow: None,
            description: Some(description),
            evidence: Vec::new(),
            attrs: StateAttrs::default(),
            same_as: Vec::new(),
        }
        .into(),
    }
}

fn fmt_tiv(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// `2014-2016, 2018` from a set of years.
pub fn year_ranges(years: &BTreeSet<i32>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut it = years.iter().copied().peekable();
    while let Some(start) = it.next() {
        let mut end = start;
        while it.peek() == Some(&(end + 1)) {
            end = it.next().unwrap_or(end);
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
    }
    out.join(", ")
}

struct Agg {
    deals: Vec<usize>,
}

/// Maps the deals: filters by window and selection, aggregates per
/// supplier and recipient; every line is counted in the report.
pub fn import(w: &mut World, reg: &Register) {
    w.cite(DataSet::Sipri);
    let mut rep = SetReport::new("sipri", &DataSet::Sipri.reference().title);
    rep.rows = reg.lines;
    for b in &reg.deals.bad {
        rep.issue(outcome::INVALID, b.clone());
    }
    rep.count_n(outcome::CONTINUATION, reg.joined.len());
    let window = w.opts.window_years();
    let hi = window.map(|(_, hi)| hi).unwrap_or(reg.last_year);
    let mut aggs: BTreeMap<(ActorId, ActorId), Agg> = BTreeMap::new();
    let deals = &reg.deals.rows;
    for (di, d) in deals.iter().enumerate() {
        if let Some((lo, hi)) = window {
            let in_window = d.order_year <= hi
                && (d.order_year >= lo || d.delivery_years.iter().any(|y| (lo..=hi).contains(y)));
            if !in_window {
                rep.count(outcome::OUTSIDE_PERIOD);
                continue;
            }
        }
        // Names that changed state ("Germany": the GFR until 1990) are read
        // in the deal's last year of activity in the period.
        let at = d.last_year(hi);
        let sp = party(&d.supplier, at);
        let rp = party(&d.recipient, at);
        if let Some(sel) = &w.opts.states {
            let hit = |p: &Party| matches!(p, Party::State(c) if sel.contains(c));
            if !hit(&sp) && !hit(&rp) {
                rep.count(outcome::OUTSIDE_SELECTION);
                continue;
            }
        }
        // Both ends must map before either actor is made.
        if let Err(e) = mappable(w, &sp, &d.supplier).and(mappable(w, &rp, &d.recipient)) {
            rep.issue(outcome::UNMATCHED, RowIssue::new(d.lines(), e));
            continue;
        }
        let (s, r) = match (
            actor_of(w, &sp, &d.supplier),
            actor_of(w, &rp, &d.recipient),
        ) {
            (Ok(s), Ok(r)) => (s, r),
            (Err(e), _) | (_, Err(e)) => {
                rep.issue(outcome::UNMATCHED, RowIssue::new(d.lines(), e));
                continue;
            }
        };
        if s == r {
            rep.issue(
                outcome::INVALID,
                RowIssue::new(d.lines(), "supplier and recipient are the same actor"),
            );
            continue;
        }
        aggs.entry((s, r))
            .or_insert(Agg { deals: Vec::new() })
            .deals
            .push(di);
        rep.count(outcome::IMPORTED);
    }
    let lo = window.map(|(lo, _)| lo);
    let mut n = 0;
    for ((s, r), agg) in aggs {
        let ds: Vec<&Deal> = agg.deals.iter().map(|i| &deals[*i]).collect();
        let first = ds.iter().map(|d| d.order_year).min().unwrap_or(hi);
        let last = ds.iter().map(|d| d.last_year(hi)).max().unwrap_or(hi);
        let open = ds.iter().any(|d| {
            d.delivery_years.iter().any(|y| *y >= hi)
                || (d.delivery_years.is_empty() && lo.is_none_or(|lo| d.order_year >= lo))
        });
        let hi_opt = window.map(|(_, hi)| hi);
        let tiv_delivered: f64 = ds.iter().map(|d| d.tiv_delivered_by(hi_opt)).sum();
        let tiv_order: f64 = ds.iter().filter_map(|d| d.tiv_order).sum();
        let mut systems: BTreeMap<String, f64> = BTreeMap::new();
        for d in &ds {
            let label = if d.description.is_empty() {
                d.designation.clone()
            } else {
                format!("{} ({})", d.designation, d.description)
            };
            *systems.entry(label).or_default() += d.tiv_order.or(d.tiv_delivered).unwrap_or(0.0);
        }
        let mut sys: Vec<(String, f64)> = systems.into_iter().collect();
        sys.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let orders: BTreeSet<i32> = ds.iter().map(|d| d.order_year).collect();
        let deliveries: BTreeSet<i32> = ds
            .iter()
            .flat_map(|d| d.delivery_years.iter().copied())
            .filter(|y| *y <= hi)
            .collect();
        let later = ds
            .iter()
            .filter(|d| d.delivery_years.iter().any(|y| *y > hi))
            .count();
        let uncertain = ds
            .iter()
            .filter(|d| d.order_uncertain || d.ordered_uncertain || d.delivered_uncertain)
            .count();
        let mut note = format!(
            "SIPRI: {} deal{}, ordered {}; deliveries {}; TIV delivered{} {}; TIV of the orders {} (SIPRI trend-indicator values, millions).",
            ds.len(),
            if ds.len() == 1 { "" } else { "s" },
            year_ranges(&orders),
            if deliveries.is_empty() {
                "none yet".to_string()
            } else {
                year_ranges(&deliveries)
            },
            if window.is_some() {
                format!(" to {hi}")
            } else {
                String::new()
            },
            fmt_tiv(tiv_delivered),
            fmt_tiv(tiv_order)
        );
        if later > 0 {
            note.push_str(&format!(
                " {later} deal{} also delivered after {hi} (not counted; TIV pro rata by delivery year).",
                if later == 1 { "" } else { "s" }
            ));
        }
        if uncertain > 0 {
            note.push_str(&format!(" SIPRI marks {uncertain} as uncertain (?)."));
        }
        let evidence = ds
            .iter()
            .map(|d| Citation::Dataset {
                reference: DataSet::Sipri.reference_id().into(),
                row: format!(
                    "{}: ordered {}{}, {} {}{}, delivered {}, TIV {}",
                    d.lines(),
                    d.order_year,
                    if d.order_uncertain { "?" } else { "" },
                    d.ordered
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "?".into()),
                    d.designation,
                    if d.description.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", d.description)
                    },
                    if d.delivery_years.is_empty() {
                        "not yet".to_string()
                    } else {
                        d.delivery_years
                            .iter()
                            .map(|y| y.to_string())
                            .collect::<Vec<_>>()
                            .join("; ")
                    },
                    d.tiv_delivered.map(fmt_tiv).unwrap_or_else(|| "-".into())
                )
                .into(),
            })
            .collect();
        let mut rel = relation("arms_supplier", s, r, Status::Reported, evidence);
        rel.valid_from = Some(PartialDate::year(first));
        rel.valid_until = (!open).then(|| PartialDate::year(last));
        rel.systems = sys.into_iter().map(|(s, _)| Sym::new(&s)).collect();
        rel.note = Some(note.into());
        let key = format!("sipri-{}-{}", w.actor(s).id, w.actor(r).id);
        rel.key = Some(w.key(&key).into());
        w.add_relation(rel);
        n += 1;
    }
    rep.produced("arms_supplier relations", n);
    rep.notes.push(format!(
        "read as {}; {} lines of notes before the header (line {}){}",
        reg.encoding,
        reg.preamble_lines,
        reg.header_line,
        reg.generated
            .as_ref()
            .map(|g| format!("; data generated {g}"))
            .unwrap_or_default()
    ));
    if !reg.joined.is_empty() {
        let l: Vec<String> = reg.joined.iter().map(|(a, b)| format!("{a}-{b}")).collect();
        rep.notes.push(format!(
            "{} deals have a line break inside their comment and span two lines; joined: lines {}",
            reg.joined.len(),
            l.join(", ")
        ));
    }
    match window {
        Some((lo, hi)) => rep.notes.push(format!("deals count if ordered by {hi} and ordered or delivered in {lo}-{hi}; a relation stays open if a deal is still delivering in {hi} or later, else it ends with its last delivery")),
        None => rep.notes.push(format!("all deals; a relation stays open if a deal delivers in {} (the last year of the data) or is not yet delivered", reg.last_year)),
    }
    rep.notes.push("names are matched by an explicit table (src/import/names.rs); `Germany` before 1991 is the German Federal Republic (COW 260), read in a deal's last year of activity in the period; names ending in * are armed groups, ** international organisations".into());
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] =
        include_bytes!("../../tests/fixtures/data/sipri-arms-transfers/trade-register.csv");

    #[test]
    fn the_fixture_is_latin1_with_notes_and_blank_header_cells() {
        assert!(
            FIXTURE.contains(&0xe4),
            "fixture must be Latin-1 (ä as one byte)"
        );
        let r = parse(FIXTURE).unwrap();
        assert_eq!(r.encoding, "Latin-1");
        assert_eq!(r.preamble_lines, 11);
        assert_eq!(r.header_line, 12);
        assert_eq!(r.generated.as_deref(), Some("13 Mar 2025 10:02:49 AM"));
        assert_eq!(r.lines, 9);
        assert_eq!(r.deals.rows.len(), 8);
        assert_eq!(r.joined, vec![(17, 18)]);
        assert!(r.deals.bad.is_empty());
    }

    #[test]
    fn deals_have_their_fields_and_uncertainty_flags() {
        let r = parse(FIXTURE).unwrap();
        let d = &r.deals.rows[0];
        assert_eq!(d.recipient, "Azerbaijan");
        assert_eq!(d.supplier, "Israel");
        assert_eq!(d.order_year, 2016);
        assert!(d.order_uncertain);
        assert!(!d.ordered_uncertain);
        assert_eq!(d.delivery_years, vec![2017, 2018]);
        assert_eq!(d.tiv_delivered, Some(150.0));
        let joined = r.deals.rows.iter().find(|d| d.line == 17).unwrap();
        assert_eq!(joined.last_line, 18);
        assert!(
            joined.comments.contains("Fähnrich"),
            "Latin-1 decoded: {}",
            joined.comments
        );
        assert_eq!(joined.tiv_delivered, Some(3.25));
    }

    #[test]
    fn names_classify_into_parties() {
        assert_eq!(party("Turkiye", 2018), Party::State(640));
        assert_eq!(
            party("NATO**", 2018),
            Party::Organisation("nato".into(), "NATO".into())
        );
        assert_eq!(
            party("Hezbollah (Lebanon)*", 2018),
            Party::Group("Hezbollah (Lebanon)".into())
        );
        assert_eq!(party("unknown supplier(s)", 2018), Party::Unmatched);
        assert_eq!(party("unknown rebel group*", 2018), Party::Unmatched);
        assert!(matches!(party("Palestine", 2018), Party::NonSystem(_)));
        assert_eq!(party("Ruritania", 2018), Party::Unmatched);
    }

    #[test]
    fn tiv_is_prorated_by_delivery_year() {
        let r = parse(FIXTURE).unwrap();
        let d = &r.deals.rows[0];
        assert_eq!(d.tiv_delivered_by(None), 150.0);
        assert_eq!(d.tiv_delivered_by(Some(2017)), 75.0);
        assert_eq!(d.tiv_delivered_by(Some(2018)), 150.0);
    }

    #[test]
    fn year_ranges_compress() {
        let s: BTreeSet<i32> = [2014, 2015, 2016, 2018].into_iter().collect();
        assert_eq!(year_ranges(&s), "2014-2016, 2018");
    }

    #[test]
    fn no_header_is_an_error() {
        assert!(parse(b"just notes\nno header\n").is_err());
    }
}
