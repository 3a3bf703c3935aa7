//! Capitals of COW states with coordinates (peacesciencer's `cow_capitals`,
//! `capitals.csv`: `ccode,statenme,capital,stdate,enddate,lat,lng`): the
//! `capital` attribute of each state, citing the row.
//!
//! A change of capital is a new row (a new spell with its own dates:
//! Rio de Janeiro to 1960-04-20, Brasilia from 1960-04-21). A state gets
//! the capital in force at the end of the period (for all years, its
//! latest); an earlier capital of the same period is counted, never
//! merged into it. Coordinates are the file's, never corrected.

use super::names::Ccode;
use super::report::{outcome, RowIssue};
use super::{parse_rows, start_report, DataSet, Parsed, World};
use crate::model::*;
use std::collections::HashMap;

/// One capital spell of a state.
#[derive(Clone, Debug, PartialEq)]
pub struct CapitalSpell {
    /// 1-based line in the file.
    pub line: usize,
    pub ccode: Ccode,
    /// The state's name as the file gives it.
    pub state: String,
    pub capital: String,
    pub start: Date,
    pub end: Date,
    pub lat: f64,
    pub lon: f64,
}

/// Parses capitals.csv; a bad code, an impossible or reversed date or a
/// coordinate off the globe is listed.
pub fn parse(text: &str) -> Result<Parsed<CapitalSpell>, String> {
    let cols = [
        "ccode", "statenme", "capital", "stdate", "enddate", "lat", "lng",
    ];
    parse_rows(text, &cols, |line, f| spell(line, &|i| f.get(i)))
}

fn spell<'r>(line: usize, f: &impl Fn(usize) -> &'r str) -> Result<CapitalSpell, String> {
    let ccode = f(0)
        .parse::<Ccode>()
        .map_err(|_| format!("bad ccode `{}`", f(0)))?;
    let start: Date = f(3).parse().map_err(|e| format!("ccode {ccode}: {e}"))?;
    let end: Date = f(4).parse().map_err(|e| format!("ccode {ccode}: {e}"))?;
    if end < start {
        return Err(format!("ccode {ccode}: ends before it starts"));
    }
    let coord = |i: usize, max: f64| -> Result<f64, String> {
        match f(i).parse::<f64>() {
            Ok(v) if v.abs() <= max => Ok(v),
            _ => Err(format!(
                "ccode {ccode}: coordinate `{}` is off the globe",
                f(i)
            )),
        }
    };
    Ok(CapitalSpell {
        line,
        ccode,
        state: f(1).to_string(),
        capital: f(2).to_string(),
        start,
        end,
        lat: coord(5, 90.0)?,
        lon: coord(6, 180.0)?,
    })
}

/// Per state, the line of the spell to import: the latest-starting spell
/// that overlaps the period.
fn chosen(w: &World, rows: &[CapitalSpell]) -> HashMap<Ccode, usize> {
    let mut best: HashMap<Ccode, &CapitalSpell> = HashMap::new();
    for s in rows {
        if !w.opts.when.holds(Some(s.start.into()), Some(s.end.into())) {
            continue;
        }
        let e = best.entry(s.ccode).or_insert(s);
        if s.start > e.start {
            *e = s;
        }
    }
    best.into_iter().map(|(c, s)| (c, s.line)).collect()
}

/// Sets the capital of every state with a capital in the period.
pub fn import(w: &mut World, parsed: &Parsed<CapitalSpell>) {
    let set = DataSet::Capitals;
    let mut rep = start_report(w, set, parsed);
    let pick = chosen(w, &parsed.rows);
    let mut made = 0;
    for s in &parsed.rows {
        let row = format!("line {}: ccode {} ({})", s.line, s.ccode, s.capital);
        if !w.knows(s.ccode) {
            rep.issue(
                outcome::UNMATCHED,
                RowIssue::new(row, "COW code not in the state list"),
            );
            continue;
        }
        match pick.get(&s.ccode).filter(|_| w.in_system(s.ccode)) {
            None => {
                rep.count(outcome::OUTSIDE_PERIOD);
                continue;
            }
            Some(l) if *l != s.line => {
                let in_period = w.opts.when.holds(Some(s.start.into()), Some(s.end.into()));
                rep.count(if in_period {
                    outcome::NO_FACT
                } else {
                    outcome::OUTSIDE_PERIOD
                });
                continue;
            }
            Some(_) => {}
        }
        if !w.selected(s.ccode) {
            rep.count(outcome::OUTSIDE_SELECTION);
            continue;
        }
        let Some(a) = w.state(s.ccode) else {
            rep.issue(outcome::UNMATCHED, RowIssue::new(row, "no state actor"));
            continue;
        };
        let capital = Capital {
            name: s.capital.clone(),
            lat: s.lat,
            lon: s.lon,
            evidence: Citation::Dataset {
                reference: set.reference_id().into(),
                row: format!(
                    "line {}: ccode {}, {} from {} to {}",
                    s.line, s.ccode, s.capital, s.start, s.end
                )
                .into(),
            },
        };
        w.set_attrs(a, |attrs| attrs.capital = Some(capital));
        rep.count(outcome::IMPORTED);
        made += 1;
    }
    rep.produced("states with a capital", made);
    rep.notes.push("a state whose capital changed within the period gets the capital in force at the period's end; the earlier one is counted as holding no fact".into());
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/data/cow-capitals/capitals.csv");

    #[test]
    fn parses_spells_and_lists_malformed_rows() {
        let p = parse(FIXTURE).unwrap();
        assert_eq!(p.rows_read, p.rows.len() + p.bad.len());
        let reasons: Vec<&str> = p.bad.iter().map(|b| b.reason.as_str()).collect();
        assert_eq!(p.bad.len(), 2, "{reasons:?}");
        assert!(
            reasons.iter().any(|r| r.contains("off the globe")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("has day 30")),
            "{reasons:?}"
        );
        let ru: Vec<_> = p.rows.iter().filter(|s| s.ccode == 365).collect();
        assert_eq!(ru.len(), 2, "a change of capital is a second spell");
        assert_eq!(ru[1].capital, "Moscow");
        assert_eq!(ru[1].start, Date::new(1918, 3, 12).unwrap());
    }

    #[test]
    fn a_missing_column_is_an_error() {
        assert!(parse("ccode,capital,lat\n2,Washington,38.9\n").is_err());
    }
}
