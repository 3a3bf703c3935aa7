//! COW Direct Contiguity v3.2, directed master records (`contdir.csv`:
//! `ccode1,ccode2,conttype,stdate,enddate`): `borders` relations with the
//! contiguity type and the spell's dates.
//!
//! The file lists every pair both ways; the mapper imports each
//! undirected pair and spell once and cites both lines. It never drops a
//! row silently: a row is imported, the mirror of an imported row, a
//! spell of no contiguity (conttype 0), outside the period or selection,
//! unmatched or invalid (listed), and it never invents a border the file
//! does not list.

use super::names::Ccode;
use super::report::{outcome, RowIssue};
use super::{parse_rows, relation, start_report, DataSet, Fields, Parsed, World};
use crate::model::*;
use std::collections::HashMap;

/// The last month the v3.2 records cover: a spell ending then is still going.
pub const CONTIGUITY_LAST_MONTH: (i32, u8) = (2016, 12);

/// One directed row: a contiguity spell of `ccode1` with `ccode2`.
#[derive(Clone, Debug, PartialEq)]
pub struct ContiguitySpell {
    /// 1-based line in the file.
    pub line: usize,
    pub ccode1: Ccode,
    pub ccode2: Ccode,
    /// 1 land or river; 2, 3, 4, 5: water of at most 12, 24, 150, 400
    /// miles; 0 (in the file, not in SOURCE.txt): not contiguous during
    /// the spell (France and Germany 1940-07 to 1942-11).
    pub conttype: u8,
    /// Start and end month (the master records give year and month).
    pub start: PartialDate,
    pub end: PartialDate,
}

impl ContiguitySpell {
    /// The spell's end, or `None` if it runs to the end of the data.
    pub fn open_end(&self) -> Option<PartialDate> {
        let last = (self.end.year, self.end.month.unwrap_or(0)) == CONTIGUITY_LAST_MONTH;
        (!last).then_some(self.end)
    }

    /// The undirected pair and spell: the same for both directions.
    fn key(&self) -> (Ccode, Ccode, u8, PartialDate, PartialDate) {
        let (a, b) = (self.ccode1.min(self.ccode2), self.ccode1.max(self.ccode2));
        (a, b, self.conttype, self.start, self.end)
    }
}

/// A `YYYY-MM-DD` cell as its month (COW codes these spells by month).
fn month(s: &str) -> Result<PartialDate, String> {
    let d: Date = s.parse()?;
    Ok(PartialDate {
        year: d.year,
        month: Some(d.month),
        day: None,
    })
}

/// Parses contdir.csv; malformed rows (bad code, type outside 1..=5,
/// impossible or reversed dates, a state bordering itself) are listed.
pub fn parse(text: &str) -> Result<Parsed<ContiguitySpell>, String> {
    let cols = ["ccode1", "ccode2", "conttype", "stdate", "enddate"];
    parse_rows(text, &cols, spell)
}

fn spell(line: usize, f: &Fields<'_>) -> Result<ContiguitySpell, String> {
    let (Ok(c1), Ok(c2)) = (f.get(0).parse::<Ccode>(), f.get(1).parse::<Ccode>()) else {
        return Err(format!(
            "a ccode is not a number: `{}`, `{}`",
            f.get(0),
            f.get(1)
        ));
    };
    let conttype = match f.get(2).parse::<u8>() {
        Ok(t) if t == 0 || contiguity_meaning(t).is_some() => t,
        _ => return Err(format!("{c1}-{c2}: conttype `{}` is not 0 to 5", f.get(2))),
    };
    let (start, end) = (month(f.get(3)), month(f.get(4)));
    let (start, end) = match (start, end) {
        (Ok(s), Ok(e)) if s.earliest() <= e.latest() => (s, e),
        (Ok(_), Ok(_)) => return Err(format!("{c1}-{c2}: ends before it starts")),
        (Err(e), _) | (_, Err(e)) => return Err(format!("{c1}-{c2}: {e}")),
    };
    if c1 == c2 {
        return Err(format!("{c1} is contiguous with itself"));
    }
    Ok(ContiguitySpell {
        line,
        ccode1: c1,
        ccode2: c2,
        conttype,
        start,
        end,
    })
}

/// Maps the spells in force in the period onto `borders` relations, one
/// per undirected pair and spell, citing both directed lines.
pub fn import(w: &mut World, parsed: &Parsed<ContiguitySpell>) {
    let set = DataSet::Contiguity;
    let mut rep = start_report(w, set, parsed);
    let mut lines: HashMap<_, Vec<usize>> = HashMap::new();
    for s in &parsed.rows {
        lines.entry(s.key()).or_default().push(s.line);
    }
    let mut made = 0;
    for s in &parsed.rows {
        let both = &lines[&s.key()];
        if both[0] != s.line {
            rep.count(outcome::MIRROR);
            continue;
        }
        if s.conttype == 0 {
            rep.count(outcome::NO_FACT);
            continue;
        }
        let row = format!("line {}: {}-{}", s.line, s.ccode1, s.ccode2);
        if !w.knows(s.ccode1) || !w.knows(s.ccode2) {
            rep.issue(
                outcome::UNMATCHED,
                RowIssue::new(row, "a COW code is not in the state list"),
            );
            continue;
        }
        let members = w.in_system(s.ccode1) && w.in_system(s.ccode2);
        if !members || !w.opts.when.holds(Some(s.start), s.open_end()) {
            rep.count(outcome::OUTSIDE_PERIOD);
            continue;
        }
        if !w.selected(s.ccode1) && !w.selected(s.ccode2) {
            rep.count(outcome::OUTSIDE_SELECTION);
            continue;
        }
        let (Some(a), Some(b)) = (
            w.state(s.ccode1.min(s.ccode2)),
            w.state(s.ccode1.max(s.ccode2)),
        ) else {
            rep.issue(outcome::UNMATCHED, RowIssue::new(row, "no state actor"));
            continue;
        };
        let cites = both
            .iter()
            .map(|l| Citation::Dataset {
                reference: set.reference_id().into(),
                row: format!(
                    "line {l}: conttype {} from {} to {}",
                    s.conttype, s.start, s.end
                )
                .into(),
            })
            .collect();
        let mut r = relation("borders", a, b, Status::Confirmed, cites);
        r.contiguity = Some(s.conttype);
        r.valid_from = Some(s.start);
        r.valid_until = s.open_end();
        r.key = Some(
            w.key(&format!(
                "cont-{}-{}",
                s.ccode1.min(s.ccode2),
                s.ccode1.max(s.ccode2)
            ))
            .into(),
        );
        w.add_relation(r);
        rep.count(outcome::IMPORTED);
        made += 1;
    }
    rep.produced("borders relations", made);
    if rep.outcomes.contains_key(outcome::NO_FACT) {
        rep.notes.push("conttype 0 (a spell in which the pair is not contiguous, e.g. France and Germany 1940-07 to 1942-11; not described in SOURCE.txt) holds no border: counted as holding no fact".into());
    }
    rep.notes.push("each pair is listed both ways: the first line of a pair and spell is imported, citing both lines; the other is counted as its mirror".into());
    if w.opts
        .when
        .end_year()
        .is_none_or(|y| y >= CONTIGUITY_LAST_MONTH.0)
    {
        rep.notes.push(
            "v3.2 ends in December 2016; a spell ending then is taken to continue (right-censored)"
                .into(),
        );
    }
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/data/cow-contiguity-3.2/contdir.csv");

    #[test]
    fn parses_spells_and_lists_malformed_rows() {
        let p = parse(FIXTURE).unwrap();
        assert_eq!(p.rows_read, p.rows.len() + p.bad.len());
        let reasons: Vec<&str> = p.bad.iter().map(|b| b.reason.as_str()).collect();
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("conttype `7` is not 0 to 5")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("ends before it starts")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("has month 13")),
            "{reasons:?}"
        );
        let us_ca = p
            .rows
            .iter()
            .find(|s| (s.ccode1, s.ccode2) == (2, 20))
            .unwrap();
        assert_eq!(us_ca.conttype, 1);
        assert_eq!(us_ca.start.to_string(), "1920-01");
        assert_eq!(us_ca.open_end(), None, "runs to the end of the data");
    }

    #[test]
    fn a_missing_column_is_an_error() {
        assert!(parse("ccode1,ccode2,stdate,enddate\n2,20,1920-01-01,2016-12-01\n").is_err());
    }
}
