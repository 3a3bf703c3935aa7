//! COW National Material Capabilities v6.0, state-year (`nmc.csv`:
//! `ccode,year,milex,milper,irst,pec,tpop,upop,cinc`): the `cinc`
//! attribute of each state for the period's year, citing the row.
//!
//! The year used is the period's last year; for a period after 2016 (the
//! last year v6.0 covers, SOURCE.txt) it is 2016, and the citation and the
//! report say so. Rows for years after 2016 that the file holds are
//! counted as beyond the documented coverage and never used. No CINC is
//! interpolated or carried over from another year than the one cited.

use super::names::Ccode;
use super::report::{outcome, RowIssue, SetReport};
use super::{parse_rows, start_report, DataSet, Fields, Parsed, When, World};
use crate::model::*;
use std::collections::HashMap;

/// The last year NMC v6.0 covers (SOURCE.txt: 1816-2016).
pub const NMC_LAST_YEAR: i32 = 2016;

/// One state-year row; `cinc` is `None` where the file codes it missing.
#[derive(Clone, Debug, PartialEq)]
pub struct NmcRow {
    /// 1-based line in the file.
    pub line: usize,
    pub ccode: Ccode,
    pub year: i32,
    pub cinc: Option<f64>,
}

/// Parses nmc.csv; a bad code or year, or a CINC that is no share (not
/// a number, or outside 0..=1 other than the missing code -9), is listed.
pub fn parse(text: &str) -> Result<Parsed<NmcRow>, String> {
    parse_rows(text, &["ccode", "year", "cinc"], row)
}

fn row(line: usize, f: &Fields<'_>) -> Result<NmcRow, String> {
    let (Ok(ccode), Ok(year)) = (f.get(0).parse::<Ccode>(), f.get(1).parse::<i32>()) else {
        return Err(format!("bad ccode `{}` or year `{}`", f.get(0), f.get(1)));
    };
    let cinc = match f.get(2) {
        "" | "-9" | "NA" => None,
        s => match s.parse::<f64>() {
            Ok(v) if (0.0..=1.0).contains(&v) => Some(v),
            _ => {
                return Err(format!(
                    "{ccode} {year}: cinc `{s}` is not a share from 0 to 1"
                ))
            }
        },
    };
    Ok(NmcRow {
        line,
        ccode,
        year,
        cinc,
    })
}

/// The year whose CINC each state gets: the period's last year, at most
/// [`NMC_LAST_YEAR`]; for all years, each state's last year with a value.
fn target_years(when: When, rows: &[NmcRow]) -> Result<i32, HashMap<Ccode, i32>> {
    if let Some(y) = when.end_year() {
        return Ok(y.min(NMC_LAST_YEAR));
    }
    let mut last: HashMap<Ccode, i32> = HashMap::new();
    for r in rows
        .iter()
        .filter(|r| r.year <= NMC_LAST_YEAR && r.cinc.is_some())
    {
        let e = last.entry(r.ccode).or_insert(r.year);
        *e = (*e).max(r.year);
    }
    Err(last)
}

/// Sets the CINC of every state with a row for the period's year.
pub fn import(w: &mut World, parsed: &Parsed<NmcRow>) {
    let set = DataSet::Nmc;
    let mut rep = start_report(w, set, parsed);
    let target = target_years(w.opts.when, &parsed.rows);
    let clamped = w.opts.when.end_year().filter(|y| *y > NMC_LAST_YEAR);
    let mut made = 0;
    for r in &parsed.rows {
        let row = || format!("line {}: ccode {}, {}", r.line, r.ccode, r.year);
        if r.year > NMC_LAST_YEAR {
            rep.count(outcome::BEYOND_COVERAGE);
            continue;
        }
        if !w.knows(r.ccode) {
            rep.issue(
                outcome::UNMATCHED,
                RowIssue::new(row(), "COW code not in the state list"),
            );
            continue;
        }
        let want = match &target {
            Ok(y) => Some(*y),
            Err(last) => last.get(&r.ccode).copied(),
        };
        if want != Some(r.year) || !w.in_system(r.ccode) {
            rep.count(outcome::OUTSIDE_PERIOD);
            continue;
        }
        if !w.selected(r.ccode) {
            rep.count(outcome::OUTSIDE_SELECTION);
            continue;
        }
        let (Some(value), Some(a)) = (r.cinc, w.state(r.ccode)) else {
            rep.issue(
                outcome::NO_FACT,
                RowIssue::new(row(), "CINC missing (-9 or empty)"),
            );
            continue;
        };
        let mut cited = format!(
            "line {}: ccode {}, year {}, cinc {value}",
            r.line, r.ccode, r.year
        );
        if let Some(p) = clamped {
            cited.push_str(&format!(
                " (NMC 6.0 ends in {NMC_LAST_YEAR}; the period is {p})"
            ));
        }
        let evidence = Citation::Dataset {
            reference: set.reference_id().into(),
            row: cited.into(),
        };
        let m = Measure {
            year: r.year,
            value,
            evidence,
        };
        w.set_attrs(a, |attrs| attrs.cinc = Some(m));
        rep.count(outcome::IMPORTED);
        made += 1;
    }
    rep.produced("states with a CINC", made);
    notes(&mut rep, w.opts.when, clamped);
    w.set_report(rep);
}

fn notes(rep: &mut SetReport, when: When, clamped: Option<i32>) {
    if let Some(p) = clamped {
        rep.notes.push(format!("the period ({p}) is after {NMC_LAST_YEAR}, the last year NMC 6.0 covers: each state's {NMC_LAST_YEAR} CINC is used, and its citation says so"));
    }
    if when.end_year().is_none() {
        rep.notes.push(format!("all years: each state gets the CINC of its last year with a value, up to {NMC_LAST_YEAR}"));
    }
    if rep.outcomes.contains_key(outcome::BEYOND_COVERAGE) {
        rep.notes.push(format!("the file holds rows for years after {NMC_LAST_YEAR}, which NMC 6.0 does not cover (SOURCE.txt: 1816-2016); their provenance is not documented, so they are not used"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/data/cow-nmc-6.0/nmc.csv");

    #[test]
    fn parses_rows_with_missing_values_and_lists_malformed_ones() {
        let p = parse(FIXTURE).unwrap();
        assert_eq!(p.rows_read, p.rows.len() + p.bad.len());
        let reasons: Vec<&str> = p.bad.iter().map(|b| b.reason.as_str()).collect();
        assert_eq!(p.bad.len(), 2, "{reasons:?}");
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("cinc `1.7` is not a share")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("bad ccode")),
            "{reasons:?}"
        );
        assert!(p.rows.iter().any(|r| r.cinc.is_none()), "-9 is missing");
        let us = p
            .rows
            .iter()
            .find(|r| r.ccode == 2 && r.year == 1914)
            .unwrap();
        assert!(us.cinc.unwrap() > 0.1);
    }

    #[test]
    fn the_year_is_the_periods_at_most_2016() {
        let rows = parse(FIXTURE).unwrap().rows;
        assert_eq!(target_years(When::Year(1914), &rows), Ok(1914));
        assert_eq!(target_years(When::Year(2020), &rows), Ok(2016));
        let Err(last) = target_years(When::All, &rows) else {
            panic!("all years: per state");
        };
        assert!(last.values().all(|y| *y <= NMC_LAST_YEAR));
    }
}
