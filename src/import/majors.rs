//! COW major powers v2016 (`majors.csv`:
//! `ccode,styear,stmonth,stday,endyear,endmonth,endday,version`): the
//! `major_power` attribute of the states that counted as major powers at
//! some time during the period, citing their spell's line.
//!
//! It never marks a state a major power without a spell that overlaps
//! the period, and never drops a row without a line in the report.

use super::names::Ccode;
use super::report::{outcome, RowIssue};
use super::states::STATES_LAST_DAY;
use super::{parse_rows, start_report, DataSet, Fields, Parsed, World};
use crate::model::*;

/// One major-power spell.
#[derive(Clone, Debug, PartialEq)]
pub struct MajorSpell {
    /// 1-based line in the file.
    pub line: usize,
    pub ccode: Ccode,
    pub start: Date,
    pub end: Date,
}

impl MajorSpell {
    /// The spell's end, or `None` if it runs to the end of the data
    /// (2016-12-31, as in the state list).
    pub fn open_end(&self) -> Option<PartialDate> {
        (self.end != STATES_LAST_DAY).then_some(self.end.into())
    }
}

/// Parses majors.csv; rows with a bad code or an impossible or reversed
/// date are listed.
pub fn parse(text: &str) -> Result<Parsed<MajorSpell>, String> {
    let cols = [
        "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday",
    ];
    parse_rows(text, &cols, spell)
}

fn spell(line: usize, f: &Fields<'_>) -> Result<MajorSpell, String> {
    let num = |i: usize| f.get(i).parse::<i64>().ok();
    let date = |y: usize, m: usize, d: usize| -> Option<Date> {
        Date::new(
            num(y)? as i32,
            u8::try_from(num(m)?).ok()?,
            u8::try_from(num(d)?).ok()?,
        )
    };
    let Ok(ccode) = f.get(0).parse::<Ccode>() else {
        return Err(format!("bad ccode `{}`", f.get(0)));
    };
    match (date(1, 2, 3), date(4, 5, 6)) {
        (Some(start), Some(end)) if start <= end => Ok(MajorSpell {
            line,
            ccode,
            start,
            end,
        }),
        _ => Err(format!(
            "ccode {ccode}: start or end date missing, impossible or reversed"
        )),
    }
}

/// Marks the states whose major-power spell overlaps the period.
pub fn import(w: &mut World, parsed: &Parsed<MajorSpell>) {
    let set = DataSet::Majors;
    let mut rep = start_report(w, set, parsed);
    let mut made = 0;
    for s in &parsed.rows {
        if !w.knows(s.ccode) {
            let row = format!("line {}", s.line);
            rep.issue(
                outcome::UNMATCHED,
                RowIssue::new(
                    row,
                    format!("COW code {} is not in the state list", s.ccode),
                ),
            );
            continue;
        }
        if !w.in_system(s.ccode) || !w.opts.when.holds(Some(s.start.into()), s.open_end()) {
            rep.count(outcome::OUTSIDE_PERIOD);
            continue;
        }
        if !w.selected(s.ccode) {
            rep.count(outcome::OUTSIDE_SELECTION);
            continue;
        }
        let Some(a) = w.state(s.ccode) else {
            let row = format!("line {}", s.line);
            rep.issue(outcome::UNMATCHED, RowIssue::new(row, "no state actor"));
            continue;
        };
        if w.actor(a).attrs.major_power.is_some() {
            rep.count(outcome::NO_FACT);
            continue;
        }
        let end = s
            .open_end()
            .map_or("2016 (end of data)".into(), |e| e.to_string());
        let cite = Citation::Dataset {
            reference: set.reference_id().into(),
            row: format!(
                "line {}: ccode {}, major power {} to {end}",
                s.line, s.ccode, s.start
            )
            .into(),
        };
        w.set_attrs(a, |attrs| attrs.major_power = Some(cite));
        rep.count(outcome::IMPORTED);
        made += 1;
    }
    rep.produced("major powers", made);
    rep.notes.push("a state with two spells in the period cites the first (the second is counted as holding no fact)".into());
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str =
        include_str!("../../tests/fixtures/data/cow-major-powers-2016/majors.csv");

    #[test]
    fn parses_spells_and_lists_malformed_rows() {
        let p = parse(FIXTURE).unwrap();
        assert_eq!(p.rows_read, p.rows.len() + p.bad.len());
        assert_eq!(p.bad.len(), 2, "{:?}", p.bad);
        assert!(p.bad.iter().any(|b| b.reason.contains("bad ccode `x`")));
        assert!(p
            .bad
            .iter()
            .any(|b| b.reason.contains("impossible or reversed")));
        let us = p.rows.iter().find(|s| s.ccode == 2).unwrap();
        assert_eq!(us.start, Date::new(1898, 8, 13).unwrap());
        assert_eq!(us.open_end(), None);
        let de: Vec<_> = p.rows.iter().filter(|s| s.ccode == 255).collect();
        assert_eq!(de[0].open_end().unwrap().to_string(), "1918-11-11");
    }

    #[test]
    fn a_missing_column_is_an_error() {
        assert!(parse("ccode,styear\n2,1898\n").is_err());
    }
}
