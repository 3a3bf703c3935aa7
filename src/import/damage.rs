//! Damage in a data-set file, made loud: a row with the wrong number of
//! fields (cut, shifted), a quoted field that swallows many lines (a stray
//! `"`), fewer rows than the data set's SOURCE.txt states, and an import
//! where too many rows hold invalid values (a file of another format).
//!
//! **Invariant:** no damaged row is imported: every row the parsers take
//! has the header's number of fields and spans at most
//! [`MAX_RECORD_LINES`] lines; every row refused is listed with its line.

use super::report::{outcome, Report, RowIssue};
use super::Parsed;

/// A record may span this many physical lines (a quoted field with a line
/// break or two); more is a quote left open.
pub const MAX_RECORD_LINES: usize = 3;

/// An import fails on any damaged row, on any row SOURCE.txt states but the
/// file does not hold, and when more than this share of a data set's rows
/// (and more than one) hold invalid values: a value out of its range is a
/// quirk of the data set, listed in the report; a quarter of the rows is
/// a file of another format or version.
pub const MAX_INVALID_SHARE: f64 = 0.25;

/// How the reason of every damaged row starts: the file itself is broken
/// (cut, shifted, a quote left open), not just one value in it.
pub const DAMAGED: &str = "damaged row: ";

/// Is this refused row damage to the file (not a bad value)?
pub fn is_damage(issue: &RowIssue) -> bool {
    issue.reason.starts_with(DAMAGED)
}

/// Line breaks inside a record's fields (CRLF, LF or a bare CR each count one).
pub fn line_breaks(rec: &csv::StringRecord) -> usize {
    rec.iter()
        .map(|f| {
            let b = f.as_bytes();
            (0..b.len())
                .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
                .count()
        })
        .sum()
}

/// Why a record that parsed as CSV is damaged, if it is: `line` is where it
/// starts, `ncols` the header's number of fields.
pub fn record_damage(line: usize, rec: &csv::StringRecord, ncols: usize) -> Option<RowIssue> {
    let breaks = line_breaks(rec);
    if breaks + 1 > MAX_RECORD_LINES {
        return Some(RowIssue::new(
            format!("line {line}"),
            format!(
                "{DAMAGED}a quoted field opened on line {line} runs to line {}: a stray `\"` swallowed {breaks} lines (fix the quote; the rows in between were not read)",
                line + breaks
            ),
        ));
    }
    if rec.len() != ncols {
        let what = if rec.len() < ncols {
            "is cut short"
        } else {
            "has extra fields"
        };
        return Some(RowIssue::new(
            format!("line {line}"),
            format!(
                "{DAMAGED}{} fields, the header has {ncols}: the row {what} and was not imported",
                rec.len()
            ),
        ));
    }
    None
}

impl<T> Parsed<T> {
    /// Like `take`, and refuses a damaged record (see [`record_damage`]).
    pub(crate) fn take_checked(
        &mut self,
        line: usize,
        rec: csv::Result<csv::StringRecord>,
        ncols: usize,
    ) -> Option<csv::StringRecord> {
        let rec = self.take(rec)?;
        match record_damage(line, &rec, ncols) {
            Some(issue) => {
                self.bad.push(issue);
                None
            }
            None => Some(rec),
        }
    }
}

/// The row count a data set's SOURCE.txt states for `file`: the number in
/// `(N rows)` on a line naming the file (`FILE: nmc.csv ... (17121 rows)`)
/// or a part of its name (`by_member (1221 rows)`), or else after `ROWS:`.
///
/// ```
/// use casus::import::damage::expected_rows;
/// let s = "HEADERS / ROW COUNTS:\n  by_member (1221 rows): version4id,...\n";
/// assert_eq!(expected_rows(s, "alliance_v4.1_by_member.csv"), Some(1221));
/// assert_eq!(expected_rows("ROWS: 29519 deals.", "trade-register.csv"), Some(29519));
/// assert_eq!(expected_rows("no counts", "x.csv"), None);
/// let f = "FILE: nmc.csv  880388 B  sha256 81f5  (17121 rows)";
/// assert_eq!(expected_rows(f, "nmc.csv"), Some(17121));
/// ```
pub fn expected_rows(source_txt: &str, file: &str) -> Option<usize> {
    let number = |s: &str| -> Option<usize> {
        let digits: String = s
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(|c| *c != ',')
            .collect();
        digits.parse().ok()
    };
    let rows_in = |l: &str| -> Option<usize> {
        let at = l.rfind(" rows)")?;
        let open = l[..at].rfind('(')?;
        number(&l[open + 1..at]).filter(|_| {
            l[open + 1..at]
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',')
        })
    };
    if let Some(n) = source_txt
        .lines()
        .find(|l| l.contains(file))
        .and_then(rows_in)
    {
        return Some(n);
    }
    for line in source_txt.lines() {
        let l = line.trim();
        let Some(open) = l.find(" (") else { continue };
        let key = &l[..open];
        if !key.is_empty() && !key.contains(' ') && file.contains(key) {
            let rest = &l[open + 2..];
            if let Some(n) = number(rest).filter(|_| rest.contains(" rows)")) {
                return Some(n);
            }
        }
    }
    source_txt
        .lines()
        .find_map(|l| l.trim().strip_prefix("ROWS:").and_then(number))
}

/// Rows of one data set that did not make it, when there are too many.
#[derive(Clone, Debug, PartialEq)]
pub struct Loss {
    pub set: String,
    /// Rows the file should hold (SOURCE.txt), else rows read.
    pub expected: usize,
    /// Rows read (records of the file, continuation lines included).
    pub read: usize,
    /// Rows refused as damaged or invalid.
    pub invalid: usize,
    /// Of those, rows where the file itself is damaged.
    pub damaged: usize,
}

impl Loss {
    /// Rows lost: refused, or never read.
    pub fn lost(&self) -> usize {
        self.invalid + self.expected.saturating_sub(self.read)
    }

    /// One line for the user.
    pub fn describe(&self) -> String {
        let pct = 100.0 * self.lost() as f64 / self.expected.max(1) as f64;
        let missing = self.expected.saturating_sub(self.read);
        let mut s = format!(
            "{}: {} of {} rows lost ({pct:.1}%): {} refused as invalid, {} of them damaged",
            self.set,
            self.lost(),
            self.expected,
            self.invalid,
            self.damaged
        );
        if missing > 0 {
            s.push_str(&format!(
                ", {missing} never read (SOURCE.txt states {}, the file gave {})",
                self.expected, self.read
            ));
        }
        s
    }
}

/// The data sets of `report` with a damaged row, with fewer rows than
/// `expected` states for the set (if known), or with more than
/// [`MAX_INVALID_SHARE`] of their rows invalid (and more than one).
pub fn losses(report: &Report, expected: impl Fn(&str) -> Option<usize>) -> Vec<Loss> {
    report
        .sets
        .iter()
        .filter_map(|s| {
            // Records as the file holds them: SOURCE.txt counts the SIPRI
            // register's continuation lines as rows too.
            let read = s.rows;
            let invalid = s.outcomes.get(outcome::INVALID).copied().unwrap_or(0);
            let loss = Loss {
                set: s.set.clone(),
                expected: expected(&s.set).unwrap_or(read).max(read),
                read,
                invalid,
                damaged: s.issues.iter().filter(|i| is_damage(i)).count(),
            };
            let missing = loss.expected - loss.read;
            let allowed = (MAX_INVALID_SHARE * loss.expected as f64).max(1.0);
            (loss.damaged > 0 || missing > 0 || loss.invalid as f64 > allowed).then_some(loss)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fields: &[&str]) -> csv::StringRecord {
        csv::StringRecord::from(fields.to_vec())
    }

    #[test]
    fn a_short_or_long_row_is_damage() {
        assert!(record_damage(5, &rec(&["1", "2", "3"]), 3).is_none());
        let short = record_damage(5, &rec(&["1", "2"]), 3).unwrap();
        assert_eq!(short.row, "line 5");
        assert!(
            short.reason.contains("2 fields, the header has 3"),
            "{}",
            short.reason
        );
        let long = record_damage(5, &rec(&["1", "2", "3", "4"]), 3).unwrap();
        assert!(long.reason.contains("extra fields"), "{}", long.reason);
    }

    #[test]
    fn a_field_over_many_lines_names_both_lines() {
        let d = record_damage(14, &rec(&["a\nb\nc\nd\ne", "x"]), 2).unwrap();
        assert!(
            d.reason.contains("opened on line 14 runs to line 18"),
            "{}",
            d.reason
        );
        assert!(record_damage(14, &rec(&["a\r\nb", "x"]), 2).is_none());
    }
}
