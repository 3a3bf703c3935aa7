//! Thompson and Dreyer's strategic rivalries, 1494-2010
//! (`td_rivalries.csv`:
//! `rivalryno,rivalryname,ccode1,ccode2,styear,endyear,region,type1,type2,type3`):
//! `rival` relations with the rivalry's types and years.
//!
//! A rivalry whose end year is 2010 was ongoing when coded and is taken
//! to continue (said in the report). No rivalry type is inferred: the
//! relation carries exactly the types the row lists.

use super::names::Ccode;
use super::report::{outcome, RowIssue};
use super::{parse_rows, relation, start_report, DataSet, Parsed, World};
use crate::model::*;

/// The year the data end: a rivalry ending then was ongoing when coded.
pub const RIVALRIES_LAST_YEAR: i32 = 2010;

/// One strategic rivalry.
#[derive(Clone, Debug, PartialEq)]
pub struct Rivalry {
    /// 1-based line in the file.
    pub line: usize,
    pub number: u32,
    pub name: String,
    pub ccode1: Ccode,
    pub ccode2: Ccode,
    pub start: i32,
    pub end: i32,
    pub region: String,
    /// spatial, positional, ideological, interventionary (as listed).
    pub types: Vec<String>,
}

impl Rivalry {
    /// The end year, or `None` if it was ongoing when the data were coded.
    pub fn open_end(&self) -> Option<PartialDate> {
        (self.end != RIVALRIES_LAST_YEAR).then(|| PartialDate::year(self.end))
    }
}

/// Parses td_rivalries.csv; a bad number, reversed years or an unknown
/// rivalry type is listed.
pub fn parse(text: &str) -> Result<Parsed<Rivalry>, String> {
    let cols = [
        "rivalryno",
        "rivalryname",
        "ccode1",
        "ccode2",
        "styear",
        "endyear",
        "region",
        "type1",
        "type2",
        "type3",
    ];
    parse_rows(text, &cols, |line, f| rivalry(line, &|i| f.get(i)))
}

fn rivalry<'r>(line: usize, f: &impl Fn(usize) -> &'r str) -> Result<Rivalry, String> {
    let nums = (
        f(0).parse::<u32>(),
        f(2).parse::<Ccode>(),
        f(3).parse::<Ccode>(),
        f(4).parse::<i32>(),
        f(5).parse::<i32>(),
    );
    let (Ok(number), Ok(ccode1), Ok(ccode2), Ok(start), Ok(end)) = nums else {
        return Err("rivalryno, a ccode or a year is not a number".into());
    };
    if end < start {
        return Err(format!("rivalry {number}: ends before it starts"));
    }
    let mut types = Vec::new();
    for t in [f(7), f(8), f(9)].into_iter().filter(|t| !t.is_empty()) {
        if !RIVALRY_TYPES.contains(&t) {
            return Err(format!("rivalry {number}: unknown type `{t}`"));
        }
        if !types.iter().any(|x| x == t) {
            types.push(t.to_string());
        }
    }
    Ok(Rivalry {
        line,
        number,
        name: f(1).to_string(),
        ccode1,
        ccode2,
        start,
        end,
        region: f(6).to_string(),
        types,
    })
}

/// Maps the rivalries in force in the period onto `rival` relations.
pub fn import(w: &mut World, parsed: &Parsed<Rivalry>) {
    let set = DataSet::Rivalries;
    let mut rep = start_report(w, set, parsed);
    let mut made = 0;
    for r in &parsed.rows {
        let row = format!("line {}: rivalry {} {}", r.line, r.number, r.name);
        if !w.knows(r.ccode1) || !w.knows(r.ccode2) {
            rep.issue(
                outcome::UNMATCHED,
                RowIssue::new(row, "a COW code is not in the state list"),
            );
            continue;
        }
        let members = w.in_system(r.ccode1) && w.in_system(r.ccode2);
        let from = Some(PartialDate::year(r.start));
        if !members || !w.opts.when.holds(from, r.open_end()) {
            rep.count(outcome::OUTSIDE_PERIOD);
            continue;
        }
        if !w.selected(r.ccode1) && !w.selected(r.ccode2) {
            rep.count(outcome::OUTSIDE_SELECTION);
            continue;
        }
        let (Some(a), Some(b)) = (w.state(r.ccode1), w.state(r.ccode2)) else {
            rep.issue(outcome::UNMATCHED, RowIssue::new(row, "no state actor"));
            continue;
        };
        let cite = Citation::Dataset {
            reference: set.reference_id().into(),
            row: format!(
                "line {}: rivalryno {}, {}, {} to {}",
                r.line, r.number, r.name, r.start, r.end
            )
            .into(),
        };
        let mut rel = relation("rival", a, b, Status::Reported, vec![cite]);
        rel.rivalry = r.types.iter().map(|t| Sym::new(t)).collect();
        rel.valid_from = Some(PartialDate::year(r.start));
        rel.valid_until = r.open_end();
        rel.note = Some(
            format!(
                "Strategic rivalry {} ({}), region: {}.",
                r.number, r.name, r.region
            )
            .into(),
        );
        rel.key = Some(w.key(&format!("td-{}", r.number)).into());
        w.add_relation(rel);
        rep.count(outcome::IMPORTED);
        made += 1;
    }
    rep.produced("rival relations", made);
    if w.opts
        .when
        .end_year()
        .is_none_or(|y| y >= RIVALRIES_LAST_YEAR)
    {
        rep.notes.push(format!("the data end in {RIVALRIES_LAST_YEAR}; a rivalry ending then was ongoing when coded and is taken to continue (right-censored)"));
    }
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str =
        include_str!("../../tests/fixtures/data/thompson-dreyer-rivalries/td_rivalries.csv");

    #[test]
    fn parses_rivalries_and_lists_malformed_rows() {
        let p = parse(FIXTURE).unwrap();
        assert_eq!(p.rows_read, p.rows.len() + p.bad.len());
        let reasons: Vec<&str> = p.bad.iter().map(|b| b.reason.as_str()).collect();
        assert_eq!(p.bad.len(), 2, "{reasons:?}");
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("unknown type `religious`")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("ends before it starts")),
            "{reasons:?}"
        );
        let r = p.rows.iter().find(|r| r.number == 74).unwrap();
        assert_eq!((r.ccode1, r.ccode2, r.start, r.end), (255, 365, 1890, 1945));
        assert_eq!(r.types, ["spatial", "positional"]);
        let open = p.rows.iter().find(|r| r.end == 2010).unwrap();
        assert_eq!(open.open_end(), None);
    }

    #[test]
    fn a_missing_column_is_an_error() {
        assert!(parse("rivalryno,ccode1,ccode2\n1,2,20\n").is_err());
    }
}
