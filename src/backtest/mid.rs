//! The Correlates of War Militarized Interstate Disputes files: MIDA (one
//! row per dispute) and MIDB (one row per participant spell), CSV with
//! CRLF line endings and -9 for missing values.
//!
//! Invariant: no I/O (the caller reads the files); no row is dropped
//! silently: every record that cannot be read is returned with its line
//! and reason.

use crate::import::names::Ccode;
use crate::import::report::RowIssue;
use crate::import::{field, records};
use crate::model::Date;

/// One dispute (MIDA row).
#[derive(Clone, Debug, PartialEq)]
pub struct Dispute {
    pub line: usize,
    pub dispnum: u32,
    /// The first day; a missing day (-9) is taken as the 1st, a missing
    /// month as January (`start_precise` says whether that happened).
    pub start: Date,
    pub start_precise: bool,
    /// Highest hostility level of the dispute: 1 none .. 4 use of force, 5 war.
    pub hostlev: u8,
}

/// One participant spell (MIDB row).
#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    pub line: usize,
    pub dispnum: u32,
    pub ccode: Ccode,
    pub abb: String,
    /// On side A (the side that took the first militarized action).
    pub side_a: bool,
    /// The participant's own highest hostility level.
    pub hostlev: u8,
    /// An originator (there on the first day); `false`: it joined later.
    pub originator: bool,
}

/// Parsed rows and the records that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Mid {
    pub disputes: Vec<Dispute>,
    pub participants: Vec<Participant>,
    /// Malformed records, `MIDA line 12: ...`.
    pub bad: Vec<RowIssue>,
}

/// Why a MID file cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}\n  hint: the MID 5.0 files have the headers listed in the data set's SOURCE.txt (MIDA: dispnum,stday,stmon,styear,...,hostlev,...; MIDB: dispnum,stabb,ccode,...,sidea,...,hostlev,orig,...)")]
pub struct MidError {
    pub file: String,
    pub message: String,
}

type Columns = Vec<usize>;

fn columns(headers: &csv::StringRecord, names: &[&str], file: &str) -> Result<Columns, MidError> {
    names
        .iter()
        .map(|n| {
            headers
                .iter()
                .position(|h| h.trim() == *n)
                .ok_or_else(|| MidError {
                    file: file.to_string(),
                    message: format!("no column `{n}` in the header"),
                })
        })
        .collect()
}

fn int(rec: &csv::StringRecord, i: usize, what: &str) -> Result<i64, String> {
    let s = field(rec, i);
    s.parse::<i64>()
        .map_err(|_| format!("{what} `{s}` is not a number"))
}

/// Parses MIDA and MIDB texts (`mida_name`, `midb_name` name them in messages).
///
/// ```
/// use casus::backtest::mid::parse;
/// let a = "dispnum,stday,stmon,styear,hostlev\r\n7,-9,3,1900,4\r\n";
/// let b = "dispnum,stabb,ccode,sidea,hostlev,orig\r\n7,\"USA\",2,1,4,1\r\n7,\"UKG\",200,0,x,1\r\n";
/// let m = parse(a, "MIDA", b, "MIDB").unwrap();
/// assert_eq!(m.disputes[0].start.to_string(), "1900-03-01");
/// assert!(!m.disputes[0].start_precise);
/// assert_eq!(m.participants.len(), 1);
/// assert_eq!(m.bad[0].row, "MIDB line 3");
/// ```
pub fn parse(mida: &str, mida_name: &str, midb: &str, midb_name: &str) -> Result<Mid, MidError> {
    let err = |file: &str, message: String| MidError {
        file: file.to_string(),
        message,
    };
    let mut out = Mid::default();
    let (h, recs) = records(mida).map_err(|e| err(mida_name, e))?;
    let c = columns(
        &h,
        &["dispnum", "stday", "stmon", "styear", "hostlev"],
        mida_name,
    )?;
    for (line, rec) in recs {
        let row = format!("{mida_name} line {line}");
        match rec
            .map_err(|e| e.to_string())
            .and_then(|r| dispute(&r, &c, line))
        {
            Ok(d) => out.disputes.push(d),
            Err(reason) => out.bad.push(RowIssue::new(row, reason)),
        }
    }
    let (h, recs) = records(midb).map_err(|e| err(midb_name, e))?;
    let names = ["dispnum", "stabb", "ccode", "sidea", "hostlev", "orig"];
    let c = columns(&h, &names, midb_name)?;
    for (line, rec) in recs {
        let row = format!("{midb_name} line {line}");
        match rec
            .map_err(|e| e.to_string())
            .and_then(|r| participant(&r, &c, line))
        {
            Ok(p) => out.participants.push(p),
            Err(reason) => out.bad.push(RowIssue::new(row, reason)),
        }
    }
    Ok(out)
}

fn dispute(r: &csv::StringRecord, c: &Columns, line: usize) -> Result<Dispute, String> {
    let dispnum = u32::try_from(int(r, c[0], "dispnum")?).map_err(|_| "negative dispnum")?;
    let (d, m, y) = (
        int(r, c[1], "stday")?,
        int(r, c[2], "stmon")?,
        int(r, c[3], "styear")?,
    );
    let precise = d > 0 && m > 0;
    let month = if m > 0 { m } else { 1 };
    let day = if d > 0 && m > 0 { d } else { 1 };
    let start = Date::new(y as i32, month as u8, day as u8)
        .ok_or_else(|| format!("impossible start date {y}-{m}-{d}"))?;
    Ok(Dispute {
        line,
        dispnum,
        start,
        start_precise: precise,
        hostlev: level(int(r, c[4], "hostlev")?)?,
    })
}

fn level(v: i64) -> Result<u8, String> {
    if (1..=5).contains(&v) {
        Ok(v as u8)
    } else {
        Err(format!("hostlev {v} is not 1..5"))
    }
}

fn flag(v: i64, what: &str) -> Result<bool, String> {
    match v {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(format!("{what} {v} is not 0 or 1")),
    }
}

fn participant(r: &csv::StringRecord, c: &Columns, line: usize) -> Result<Participant, String> {
    Ok(Participant {
        line,
        dispnum: u32::try_from(int(r, c[0], "dispnum")?).map_err(|_| "negative dispnum")?,
        abb: field(r, c[1]).to_string(),
        ccode: Ccode::try_from(int(r, c[2], "ccode")?).map_err(|_| "ccode out of range")?,
        side_a: flag(int(r, c[3], "sidea")?, "sidea")?,
        hostlev: level(int(r, c[4], "hostlev")?)?,
        originator: flag(int(r, c[5], "orig")?, "orig")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_crlf_and_reports_bad_rows_with_their_line() {
        let a = "dispnum,stday,stmon,styear,hostlev\r\n1,5,6,1914,5\r\n2,-9,-9,1850,4\r\n3,1,1,1900,9\r\n";
        let b = "dispnum,stabb,ccode,sidea,hostlev,orig\r\n1,AUH,300,1,5,1\r\n1,RUS,365,0,5,0\r\n1,SRB,345,2,5,1\r\n";
        let m = parse(a, "MIDA", b, "MIDB").unwrap();
        assert_eq!(m.disputes.len(), 2);
        assert_eq!(m.disputes[0].start.to_string(), "1914-06-05");
        assert!(m.disputes[0].start_precise);
        assert_eq!(m.disputes[1].start.to_string(), "1850-01-01");
        assert_eq!(m.participants.len(), 2);
        assert!(!m.participants[1].originator && !m.participants[1].side_a);
        let bad: Vec<String> = m
            .bad
            .iter()
            .map(|b| format!("{}: {}", b.row, b.reason))
            .collect();
        assert_eq!(
            bad,
            vec![
                "MIDA line 4: hostlev 9 is not 1..5",
                "MIDB line 4: sidea 2 is not 0 or 1"
            ]
        );
    }

    #[test]
    fn a_missing_column_is_an_error_naming_the_file() {
        let e = parse("dispnum,stday\r\n", "MIDA-5.0.csv", "", "MIDB").unwrap_err();
        assert!(
            e.to_string().starts_with("MIDA-5.0.csv: no column `stmon`"),
            "{e}"
        );
    }
}
