//! The COW state system membership list (states2016.csv) and the COW
//! country-code list ("COW country codes.csv", bare CR line endings).
//!
//! Parsers only: text in, rows out. The state list is also the naming
//! table of every COW code the other data sets use.

use super::names::Ccode;
use super::report::RowIssue;
use super::{field, records, Parsed};
use crate::model::{Date, PartialDate};

/// One membership spell of a state in the COW state system.
#[derive(Clone, Debug, PartialEq)]
pub struct StateSpell {
    /// 1-based line in the file.
    pub line: usize,
    pub ccode: Ccode,
    /// COW abbreviation (`AZE`, `UKG`, `GMY`): not an ISO code.
    pub abb: String,
    pub name: String,
    pub start: Date,
    pub end: Date,
}

/// The last day the v2016 list covers: a spell ending then is still going.
pub const STATES_LAST_DAY: Date = Date {
    year: 2016,
    month: 12,
    day: 31,
};

impl StateSpell {
    /// The spell's end, or `None` if it runs to the end of the data.
    pub fn open_end(&self) -> Option<PartialDate> {
        (self.end != STATES_LAST_DAY).then_some(self.end.into())
    }

    /// Is the state in the system at some time in `[from, to]`?
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.start <= to && (self.end >= from || self.end == STATES_LAST_DAY)
    }
}

/// Parses states2016.csv: `stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version`.
pub fn parse_states(text: &str) -> Result<Parsed<StateSpell>, String> {
    let (headers, recs) = records(text)?;
    let col = |name: &str| -> Result<usize, String> {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("no column `{name}` in the header"))
    };
    let cols: Vec<usize> = [
        "stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear", "endmonth",
        "endday",
    ]
    .iter()
    .map(|n| col(n))
    .collect::<Result<_, _>>()?;
    let mut out = Parsed::default();
    for (line, rec) in recs {
        let Some(rec) = out.take_checked(line, rec, headers.len()) else {
            continue;
        };
        let row = format!("line {line}");
        let num = |i: usize| field(&rec, cols[i]).parse::<i64>().ok();
        let ccode = num(1).and_then(|c| Ccode::try_from(c).ok());
        let date = |y: usize, m: usize, d: usize| -> Option<Date> {
            Date::new(num(y)? as i32, num(m)? as u8, num(d)? as u8)
        };
        match (ccode, date(3, 4, 5), date(6, 7, 8)) {
            (Some(ccode), Some(start), Some(end)) if start <= end => out.rows.push(StateSpell {
                line,
                ccode,
                abb: field(&rec, cols[0]).to_string(),
                name: field(&rec, cols[2]).to_string(),
                start,
                end,
            }),
            (None, _, _) => out.bad.push(RowIssue::new(
                row,
                format!("bad ccode `{}`", field(&rec, cols[1])),
            )),
            _ => out.bad.push(RowIssue::new(
                row,
                "start or end date missing, impossible or reversed",
            )),
        }
    }
    Ok(out)
}

/// One row of the COW country-code list.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryCode {
    pub line: usize,
    pub abb: String,
    pub ccode: Ccode,
    pub name: String,
}

/// Parses "COW country codes.csv": `StateAbb,CCode,StateNme`. The file
/// COW distributes ends its lines with a bare CR (classic Mac); CR, LF and
/// CRLF are all accepted.
pub fn parse_country_codes(text: &str) -> Result<Parsed<CountryCode>, String> {
    let (headers, recs) = records(text)?;
    let pos = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
            .ok_or_else(|| format!("no column `{n}` in the header"))
    };
    let (ia, ic, in_) = (pos("StateAbb")?, pos("CCode")?, pos("StateNme")?);
    let mut out = Parsed::default();
    for (line, rec) in recs {
        let Some(rec) = out.take_checked(line, rec, headers.len()) else {
            continue;
        };
        match field(&rec, ic).parse::<Ccode>() {
            Ok(ccode) => out.rows.push(CountryCode {
                line,
                abb: field(&rec, ia).to_string(),
                ccode,
                name: field(&rec, in_).to_string(),
            }),
            Err(_) => out.bad.push(RowIssue::new(
                format!("line {line}"),
                format!("bad CCode `{}`", field(&rec, ic)),
            )),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATES: &str =
        include_str!("../../tests/fixtures/data/cow-state-system-2016/states2016.csv");
    const CODES: &str =
        include_str!("../../tests/fixtures/data/cow-country-codes/COW country codes.csv");

    #[test]
    fn parses_spells_with_crlf_and_reports_bad_rows() {
        let p = parse_states(STATES).unwrap();
        assert_eq!(p.rows_read, 19);
        assert_eq!(p.rows.len(), 18);
        assert_eq!(p.bad.len(), 1, "{:?}", p.bad);
        assert!(p.bad[0].reason.contains("date"), "{:?}", p.bad);
        let az = p.rows.iter().find(|s| s.ccode == 373).unwrap();
        assert_eq!(az.name, "Azerbaijan");
        assert_eq!(az.start, Date::new(1991, 12, 30).unwrap());
        assert_eq!(az.open_end(), None, "runs to the end of the data");
        let cuba: Vec<_> = p.rows.iter().filter(|s| s.ccode == 40).collect();
        assert_eq!(cuba.len(), 2, "two spells");
        assert_eq!(cuba[0].open_end().unwrap().to_string(), "1906-09-25");
        let y = |y| Date::new(y, 6, 1).unwrap();
        assert!(!cuba[0].overlaps(y(1907), y(1907)));
        assert!(cuba[0].overlaps(y(1905), y(1905)));
        assert!(az.overlaps(y(2018), y(2018)), "open end");
    }

    #[test]
    fn country_codes_accept_bare_cr_line_ends() {
        assert!(
            CODES.contains('\r') && !CODES.contains('\n'),
            "fixture is CR-only"
        );
        let p = parse_country_codes(CODES).unwrap();
        assert_eq!(p.rows_read, 18);
        assert!(p.bad.is_empty());
        assert_eq!(p.rows[0].abb, "USA");
        assert_eq!(p.rows[13].ccode, 373);
        assert_eq!(p.rows[13].line, 15);
    }

    #[test]
    fn a_missing_column_is_an_error_not_a_silent_skip() {
        assert!(parse_states("a,b,c\n1,2,3\n").is_err());
        assert!(parse_country_codes("StateAbb,Code\rUSA,2\r").is_err());
    }
}
