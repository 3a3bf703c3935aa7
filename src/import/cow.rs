//! COW Formal Alliances v4.1: `alliance_v4.1_by_member.csv` (one row per
//! member of an alliance) and `alliance_v4.1_by_dyad.csv` (one row per pair
//! of members). CRLF line endings; an empty end date means the alliance was
//! still in force when the data end (2012).
//!
//! COW codes four types per member or dyad, each a flag: `defense` (type
//! I), `neutrality` and `nonaggression` (type II), `entente` (type III).
//! They become obligations of the alliance's treaty (`cow_id`): defence
//! (scope `recognised_territory`), neutrality, non-aggression, consultation.
//! COW codes no conditions; where ATOP codes the same alliance (its
//! `cow4id`) and ATOP is imported too, ATOP's coding is used and the COW
//! rows are added to the treaty's evidence.

use super::alliance::{import_phase, Member, ObligationSpec, Phase};
use super::names::Ccode;
use super::report::{outcome, RowIssue, SetReport};
use super::{field, pact_type, partial_date, records, relation, DataSet, Parsed, World};
use crate::model::*;
use std::collections::{BTreeMap, HashMap};

/// The four COW alliance types of a member or dyad; `None` where the cell
/// is empty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CowTypes {
    pub defense: Option<bool>,
    pub neutrality: Option<bool>,
    pub nonaggression: Option<bool>,
    pub entente: Option<bool>,
}

impl CowTypes {
    fn any(&self) -> bool {
        [
            self.defense,
            self.neutrality,
            self.nonaggression,
            self.entente,
        ]
        .contains(&Some(true))
    }

    /// From the member file's `ss_type` text, for rows whose flags are all
    /// zero or empty.
    pub fn from_ss_type(ss: &str) -> CowTypes {
        let s = ss.to_ascii_lowercase();
        CowTypes {
            defense: Some(s.contains("defense")),
            neutrality: Some(s.contains("neutrality")),
            nonaggression: Some(s.contains("non-aggression") || s.contains("nonaggression")),
            entente: Some(s.contains("entente")),
        }
    }

    fn union(self, o: CowTypes) -> CowTypes {
        let or = |a: Option<bool>, b: Option<bool>| Some(a == Some(true) || b == Some(true));
        CowTypes {
            defense: or(self.defense, o.defense),
            neutrality: or(self.neutrality, o.neutrality),
            nonaggression: or(self.nonaggression, o.nonaggression),
            entente: or(self.entente, o.entente),
        }
    }

    /// The obligations, and the codes as text.
    pub fn obligations(&self) -> (Vec<ObligationSpec>, String) {
        let mut out = Vec::new();
        let mut codes = Vec::new();
        let spec = |kind, trigger: &str, territory, consult| ObligationSpec {
            kind,
            trigger: trigger.to_string(),
            recognised_territory: territory,
            defensive_only: false,
            adversaries: Vec::new(),
            min_attackers: None,
            consultation_only: consult,
        };
        if self.defense == Some(true) {
            codes.push("defense");
            out.push(spec(
                ObligationKind::Defence,
                "military attack on a party (COW type I, defense pact)",
                true,
                false,
            ));
        }
        if self.neutrality == Some(true) {
            codes.push("neutrality");
            out.push(spec(
                ObligationKind::Neutrality,
                "a war a party fights (COW type II, neutrality)",
                false,
                false,
            ));
        }
        if self.nonaggression == Some(true) {
            codes.push("nonaggression");
            out.push(spec(
                ObligationKind::NonAggression,
                "a dispute between the parties (COW type II, non-aggression)",
                false,
                false,
            ));
        }
        if self.entente == Some(true) {
            codes.push("entente");
            out.push(spec(
                ObligationKind::Consultation,
                "a crisis (COW type III, entente: consult or cooperate)",
                false,
                true,
            ));
        }
        let text = if codes.is_empty() {
            "no type coded".to_string()
        } else {
            codes.join(", ")
        };
        (out, text)
    }
}

/// One row of the by-member file.
#[derive(Clone, Debug, PartialEq)]
pub struct CowMember {
    pub line: usize,
    pub version4id: u32,
    pub ccode: Ccode,
    pub state_name: String,
    pub all_start: PartialDate,
    pub all_end: Option<PartialDate>,
    pub ss_type: String,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub left_censor: bool,
    pub types: CowTypes,
}

/// One row of the by-dyad file.
#[derive(Clone, Debug, PartialEq)]
pub struct CowDyad {
    pub line: usize,
    pub version4id: u32,
    pub ccode1: Ccode,
    pub ccode2: Ccode,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub left_censor: bool,
    pub types: CowTypes,
    pub asymmetric: bool,
}

fn flag(s: &str) -> Option<bool> {
    match s.trim() {
        "" | "." => None,
        "0" => Some(false),
        _ => Some(true),
    }
}

pub(crate) fn header_index(headers: &csv::StringRecord) -> HashMap<String, usize> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
        .collect()
}

pub(crate) fn need(h: &HashMap<String, usize>, names: &[&str]) -> Result<Vec<usize>, String> {
    names
        .iter()
        .map(|n| {
            h.get(*n)
                .copied()
                .ok_or_else(|| format!("no column `{n}` in the header"))
        })
        .collect()
}

fn end_date(y: &str, m: &str, d: &str) -> Result<Option<PartialDate>, String> {
    if y.trim().is_empty() {
        Ok(None)
    } else {
        partial_date(y, m, d).map(Some)
    }
}

/// Parses `alliance_v4.1_by_member.csv`.
pub fn parse_members(text: &str) -> Result<Parsed<CowMember>, String> {
    let (headers, recs) = records(text)?;
    let h = header_index(&headers);
    let c = need(
        &h,
        &[
            "version4id",
            "ccode",
            "state_name",
            "all_st_day",
            "all_st_month",
            "all_st_year",
            "all_end_day",
            "all_end_month",
            "all_end_year",
            "ss_type",
            "mem_st_day",
            "mem_st_month",
            "mem_st_year",
            "mem_end_day",
            "mem_end_month",
            "mem_end_year",
            "left_censor",
            "defense",
            "neutrality",
            "nonaggression",
            "entente",
        ],
    )?;
    let mut out = Parsed::default();
    for (line, rec) in recs {
        let Some(rec) = out.take_checked(line, rec, headers.len()) else {
            continue;
        };
        let f = |i: usize| field(&rec, c[i]);
        let row = || format!("line {line}");
        let (Ok(id), Ok(ccode)) = (f(0).parse::<u32>(), f(1).parse::<Ccode>()) else {
            out.bad.push(RowIssue::new(
                row(),
                format!("version4id `{}` or ccode `{}` is not a number", f(0), f(1)),
            ));
            continue;
        };
        let dates = (|| -> Result<_, String> {
            Ok((
                partial_date(f(5), f(4), f(3)).map_err(|e| format!("alliance start: {e}"))?,
                end_date(f(8), f(7), f(6)).map_err(|e| format!("alliance end: {e}"))?,
                partial_date(f(12), f(11), f(10)).map_err(|e| format!("member start: {e}"))?,
                end_date(f(15), f(14), f(13)).map_err(|e| format!("member end: {e}"))?,
            ))
        })();
        let (all_start, all_end, start, end) = match dates {
            Ok(d) => d,
            Err(e) => {
                out.bad.push(RowIssue::new(
                    row(),
                    format!("version4id {id}, ccode {ccode}: {e}"),
                ));
                continue;
            }
        };
        if let Some(e) = end {
            if e.latest() < start.earliest() {
                out.bad.push(RowIssue::new(
                    row(),
                    format!("version4id {id}, ccode {ccode}: member end {e} before start {start}"),
                ));
                continue;
            }
        }
        out.rows.push(CowMember {
            line,
            version4id: id,
            ccode,
            state_name: f(2).to_string(),
            all_start,
            all_end,
            ss_type: f(9).to_string(),
            start,
            end,
            left_censor: f(16) == "1",
            types: CowTypes {
                defense: flag(f(17)),
                neutrality: flag(f(18)),
                nonaggression: flag(f(19)),
                entente: flag(f(20)),
            },
        });
    }
    Ok(out)
}

/// Parses `alliance_v4.1_by_dyad.csv`.
pub fn parse_dyads(text: &str) -> Result<Parsed<CowDyad>, String> {
    let (headers, recs) = records(text)?;
    let h = header_index(&headers);
    let c = need(
        &h,
        &[
            "version4id",
            "ccode1",
            "ccode2",
            "dyad_st_day",
            "dyad_st_month",
            "dyad_st_year",
            "dyad_end_day",
            "dyad_end_month",
            "dyad_end_year",
            "left_censor",
            "defense",
            "neutrality",
            "nonaggression",
            "entente",
        ],
    )?;
    let asym = h.get("asymmetric").copied();
    let mut out = Parsed::default();
    for (line, rec) in recs {
        let Some(rec) = out.take_checked(line, rec, headers.len()) else {
            continue;
        };
        let f = |i: usize| field(&rec, c[i]);
        let row = || format!("line {line}");
        let (Ok(id), Ok(c1), Ok(c2)) = (
            f(0).parse::<u32>(),
            f(1).parse::<Ccode>(),
            f(2).parse::<Ccode>(),
        ) else {
            out.bad.push(RowIssue::new(
                row(),
                "version4id or a ccode is not a number",
            ));
            continue;
        };
        let start = match partial_date(f(5), f(4), f(3)) {
            Ok(d) => d,
            Err(e) => {
                out.bad.push(RowIssue::new(
                    row(),
                    format!("version4id {id}, dyad {c1}-{c2}: start: {e}"),
                ));
                continue;
            }
        };
        let end = match end_date(f(8), f(7), f(6)) {
            Ok(e) if e.is_none_or(|e| e.latest() >= start.earliest()) => e,
            Ok(_) => {
                out.bad.push(RowIssue::new(
                    row(),
                    format!("version4id {id}, dyad {c1}-{c2}: end before start"),
                ));
                continue;
            }
            Err(e) => {
                out.bad.push(RowIssue::new(
                    row(),
                    format!("version4id {id}, dyad {c1}-{c2}: end: {e}"),
                ));
                continue;
            }
        };
        out.rows.push(CowDyad {
            line,
            version4id: id,
            ccode1: c1,
            ccode2: c2,
            start,
            end,
            left_censor: f(9) == "1",
            types: CowTypes {
                defense: flag(f(10)),
                neutrality: flag(f(11)),
                nonaggression: flag(f(12)),
                entente: flag(f(13)),
            },
            asymmetric: asym.map(|i| field(&rec, i) == "1").unwrap_or(false),
        });
    }
    Ok(out)
}

const COW_NOTES: [&str; 2] = [
    "COW v4.1 runs to 2012; an empty end date (right-censored) is read as still in force",
    "left-censored alliances (older than 1816) start in the data on 1816-01-01; the treaty note gives the alliance's own start",
];

/// Maps the by-member rows: one phase per alliance (COW has no phases).
/// `covered`: when ATOP is imported too, COW id -> ATOP ids.
pub fn import_members(
    w: &mut World,
    parsed: Parsed<CowMember>,
    covered: Option<&HashMap<u32, Vec<u32>>>,
) {
    w.cite(DataSet::Cow);
    let mut rep = SetReport::new("cow", &DataSet::Cow.reference().title);
    rep.rows = parsed.rows_read;
    for b in parsed.bad {
        rep.issue(outcome::INVALID, b);
    }
    let mut by: BTreeMap<u32, Vec<CowMember>> = BTreeMap::new();
    for r in parsed.rows {
        by.entry(r.version4id).or_default().push(r);
    }
    let mut from_ss = 0;
    for (id, rows) in by {
        if let Some(atop) = covered.and_then(|c| c.get(&id)) {
            rep.count_n(outcome::COVERED_BY_ATOP, rows.len());
            add_cow_evidence(w, id, rows.iter().map(|r| r.line));
            let _ = atop;
            continue;
        }
        let first = &rows[0];
        let mut notes = vec![format!(
            "COW v4.1: alliance {} to {}.",
            first.all_start,
            first
                .all_end
                .map(|d| d.to_string())
                .unwrap_or_else(|| "the end of the data (2012)".into())
        )];
        if rows.iter().any(|r| r.left_censor) {
            notes.push("Left-censored: older than the data, which start in 1816.".into());
        }
        let members = rows
            .iter()
            .map(|r| {
                let types = if r.types.any() {
                    r.types
                } else {
                    from_ss += 1;
                    CowTypes::from_ss_type(&r.ss_type)
                };
                let (obligations, codes) = types.obligations();
                Member {
                    ccode: r.ccode,
                    from: r.start,
                    until: r.end,
                    obligations,
                    codes,
                    row: format!("version4id {id}, ccode {} (line {})", r.ccode, r.line),
                }
            })
            .collect();
        import_phase(
            w,
            &mut rep,
            Phase {
                set: DataSet::Cow,
                alliance: id,
                phase: 0,
                multi_phase: false,
                members,
                known_name: None,
                cow_id: None,
                notes,
                data_end: 2012,
            },
        );
    }
    rep.notes.extend(COW_NOTES.iter().map(|s| s.to_string()));
    if from_ss > 0 {
        rep.notes.push(format!(
            "{from_ss} member rows have no type flag set: their type is read from ss_type"
        ));
    }
    if covered.is_some() {
        rep.notes.push("alliances ATOP codes too (ATOP cow4id) are taken from ATOP, which codes conditions; the COW rows are cited on the ATOP treaty".into());
    }
    w.set_report(rep);
}

/// Cites a COW alliance on the ATOP treaties linked to it (if imported).
fn add_cow_evidence(w: &mut World, id: u32, lines: impl Iterator<Item = usize>) {
    let lines: Vec<String> = lines.map(|l| l.to_string()).collect();
    let cite = Citation::Dataset {
        reference: DataSet::Cow.reference_id().into(),
        row: format!("version4id {id} (lines {})", lines.join(", ")).into(),
    };
    for t in w.treaties_with_cow_id(id) {
        w.enrich_treaty(t, id, cite.clone());
    }
}

/// Maps the by-dyad rows: one relation per dyad, one treaty per alliance
/// (its obligations the union of its dyads' types).
pub fn import_dyads(
    w: &mut World,
    parsed: Parsed<CowDyad>,
    covered: Option<&HashMap<u32, Vec<u32>>>,
) {
    w.cite(DataSet::Cow);
    let mut rep = SetReport::new("cow", &DataSet::Cow.reference().title);
    rep.rows = parsed.rows_read;
    for b in parsed.bad {
        rep.issue(outcome::INVALID, b);
    }
    let mut by: BTreeMap<u32, Vec<CowDyad>> = BTreeMap::new();
    for r in parsed.rows {
        by.entry(r.version4id).or_default().push(r);
    }
    for (id, rows) in by {
        if covered.is_some_and(|c| c.contains_key(&id)) {
            rep.count_n(outcome::COVERED_BY_ATOP, rows.len());
            add_cow_evidence(w, id, rows.iter().map(|r| r.line));
            continue;
        }
        let union = rows
            .iter()
            .fold(CowTypes::default(), |acc, r| acc.union(r.types));
        let mut treaty = None;
        for r in &rows {
            let row = format!(
                "version4id {id}, dyad {}-{} (line {})",
                r.ccode1, r.ccode2, r.line
            );
            if !w.knows(r.ccode1) || !w.knows(r.ccode2) {
                rep.issue(
                    outcome::UNMATCHED,
                    RowIssue::new(row, "a COW code is not in the state list"),
                );
                continue;
            }
            if !w.opts.when.holds(Some(r.start), r.end) {
                rep.count(outcome::OUTSIDE_PERIOD);
                continue;
            }
            if !w.selected(r.ccode1) && !w.selected(r.ccode2) {
                rep.count(outcome::OUTSIDE_SELECTION);
                continue;
            }
            let t = *treaty.get_or_insert_with(|| {
                let (obligations, codes) = union.obligations();
                let names: Vec<String> = {
                    let mut c: Vec<Ccode> =
                        rows.iter().flat_map(|r| [r.ccode1, r.ccode2]).collect();
                    c.sort();
                    c.dedup();
                    c.iter()
                        .take(3)
                        .map(|c| w.state_name(*c).unwrap_or("?").to_string())
                        .collect()
                };
                let t = Treaty {
                    id: format!("cow-{id}"),
                    name: format!("COW alliance {id}: {} ({})", names.join(", "), r.start.year),
                    signed: rows.iter().map(|r| r.start).min_by_key(|d| d.earliest()),
                    in_force: None,
                    until: None,
                    obligations: obligations
                        .into_iter()
                        .map(|o| Obligation {
                            kind: o.kind,
                            trigger: o.trigger,
                            scope: if o.recognised_territory {
                                Scope::RecognisedTerritory
                            } else {
                                Scope::Anywhere
                            },
                            defensive_only: false,
                            min_severity: Severity::Incident,
                            adversaries: Vec::new(),
                            min_attackers: None,
                            consultation_only: o.consultation_only,
                        })
                        .collect(),
                    atop_id: None,
                    cow_id: Some(id),
                    evidence: vec![Citation::Dataset {
                        reference: DataSet::Cow.reference_id().into(),
                        row: format!("version4id {id}").into(),
                    }],
                    note: Some(format!("COW v4.1 types over all dyads: {codes}.")),
                };
                rep.produced("treaties", 1);
                w.add_treaty(t)
            });
            let (Some(a), Some(b)) = (w.state(r.ccode1), w.state(r.ccode2)) else {
                continue;
            };
            let types = if r.types.any() { r.types } else { union };
            let (obs, codes) = types.obligations();
            let kinds: Vec<ObligationKind> = obs.iter().map(|o| o.kind).collect();
            let rtype = pact_type(&kinds);
            let mut rel = relation(
                rtype,
                a,
                b,
                Status::Confirmed,
                vec![Citation::Dataset {
                    reference: DataSet::Cow.reference_id().into(),
                    row: row.into(),
                }],
            );
            rel.valid_from = Some(r.start);
            rel.valid_until = r.end;
            rel.treaty = Some(t);
            rel.key = Some(w.key(&format!("cow-{id}-{}-{}", r.ccode1, r.ccode2)).into());
            rel.note = Some(
                format!(
                    "COW v4.1 dyad types: {codes}{}.",
                    if r.asymmetric { " (asymmetric)" } else { "" }
                )
                .into(),
            );
            w.add_relation(rel);
            rep.count(outcome::IMPORTED);
            rep.produced(&format!("{rtype} relations"), 1);
        }
    }
    rep.notes.extend(COW_NOTES.iter().map(|s| s.to_string()));
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMBERS: &str =
        include_str!("../../tests/fixtures/data/cow-alliances-v4.1/alliance_v4.1_by_member.csv");
    const DYADS: &str =
        include_str!("../../tests/fixtures/data/cow-alliances-v4.1/alliance_v4.1_by_dyad.csv");

    #[test]
    fn member_rows_parse_with_crlf_and_open_ends() {
        assert!(MEMBERS.contains("\r\n"), "fixture keeps COW's CRLF");
        let p = parse_members(MEMBERS).unwrap();
        assert_eq!(p.rows_read, 11);
        assert_eq!(p.rows.len(), 10);
        assert_eq!(p.bad.len(), 1);
        assert!(p.bad[0].reason.contains("member start"), "{:?}", p.bad);
        let uk = &p.rows[0];
        assert_eq!((uk.version4id, uk.ccode), (1, 200));
        assert_eq!(uk.all_start.to_string(), "1386-05-09");
        assert_eq!(uk.start.to_string(), "1816-01-01");
        assert!(uk.left_censor);
        assert_eq!(uk.end, None, "empty end: in force when the data end");
        assert_eq!(uk.types.defense, Some(true));
        let az = p.rows.iter().find(|r| r.ccode == 373).unwrap();
        assert_eq!(az.end.unwrap().to_string(), "1999-04-02");
    }

    #[test]
    fn empty_flags_fall_back_to_the_type_text() {
        let p = parse_members(MEMBERS).unwrap();
        let r = p.rows.iter().find(|r| r.version4id == 377).unwrap();
        assert_eq!(r.types.entente, None);
        assert!(!r.types.any());
        let t = CowTypes::from_ss_type(&r.ss_type);
        assert_eq!(t.defense, Some(true));
        let (obs, codes) = t.obligations();
        assert_eq!(obs[0].kind, ObligationKind::Defence);
        assert!(obs[0].recognised_territory);
        assert_eq!(codes, "defense");
    }

    #[test]
    fn dyad_rows_parse() {
        let p = parse_dyads(DYADS).unwrap();
        assert_eq!(p.rows_read, 4);
        assert_eq!(p.rows.len(), 3);
        assert_eq!(p.bad.len(), 1);
        let d = &p.rows[0];
        assert_eq!((d.ccode1, d.ccode2), (200, 235));
        assert!(d.end.is_none());
        assert_eq!(d.types.nonaggression, Some(true));
        assert!(p.rows[2].asymmetric);
    }

    #[test]
    fn types_become_obligations() {
        let t = CowTypes {
            defense: Some(false),
            neutrality: Some(true),
            nonaggression: Some(true),
            entente: None,
        };
        let (obs, codes) = t.obligations();
        assert_eq!(codes, "neutrality, nonaggression");
        assert_eq!(obs.len(), 2);
        let e = CowTypes::from_ss_type("Type III: Entente").obligations().0;
        assert!(e[0].consultation_only);
    }
}
