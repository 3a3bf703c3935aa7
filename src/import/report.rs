//! The import report: for every data set, where every input row went.
//!
//! Invariant: for each data set, the outcome counts add up to the number
//! of rows read; a row that could not be mapped (unknown name, impossible
//! date, malformed line) is listed with its reason, never dropped silently.

use serde::Serialize;
use std::collections::BTreeMap;

/// A row that was not imported because of a problem, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowIssue {
    /// Where it is: `line 5433`, `atopid 4890, member 365`, `id 1146`.
    pub row: String,
    pub reason: String,
}

impl RowIssue {
    pub fn new(row: impl Into<String>, reason: impl Into<String>) -> RowIssue {
        RowIssue {
            row: row.into(),
            reason: reason.into(),
        }
    }
}

/// Outcome names used in the report (keys of [`SetReport::outcomes`]).
pub mod outcome {
    /// The row became a fact (or part of an aggregated fact).
    pub const IMPORTED: &str = "imported";
    /// Not in force on the date, or outside the year window.
    pub const OUTSIDE_PERIOD: &str = "outside the period";
    /// Touches no state selected by --states / --region.
    pub const OUTSIDE_SELECTION: &str = "outside the selected states";
    /// A COW alliance that ATOP codes too (cow4id link): ATOP's coding is used.
    pub const COVERED_BY_ATOP: &str = "covered by ATOP (same alliance)";
    /// A row that holds no fact to import (ESD actor-year without support;
    /// a second membership spell of a state already imported).
    pub const NO_FACT: &str = "holds no fact to import";
    /// A continuation line of a record broken across two lines (repaired).
    pub const CONTINUATION: &str = "continuation line (joined to the line before)";
    /// A name or code the tables do not know: listed.
    pub const UNMATCHED: &str = "unmatched name or code (listed)";
    /// A malformed row or an impossible date: listed.
    pub const INVALID: &str = "invalid row (listed)";
    /// The second line of a pair a file lists both ways (COW contiguity):
    /// the first line's fact cites it.
    pub const MIRROR: &str = "the same pair the other way (imported once)";
    /// A row past the years the data set's documentation covers (NMC 6.0
    /// after 2016): not used.
    pub const BEYOND_COVERAGE: &str = "beyond the data set's documented coverage (not used)";
}

/// What happened to one data set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SetReport {
    /// Short name: cow, atop, states, sipri, esd.
    pub set: String,
    /// The file read (set by the caller that opened it).
    pub file: String,
    /// Data set and version, as cited.
    pub title: String,
    /// Rows (records, or lines where the unit is a line) read, header excluded.
    pub rows: usize,
    /// How many rows had each outcome; adds up to `rows`.
    pub outcomes: BTreeMap<String, usize>,
    /// Rows not imported because of a problem, each with its reason.
    pub issues: Vec<RowIssue>,
    /// What the rows became: actors, treaties, relations by type.
    pub produced: BTreeMap<String, usize>,
    /// Decisions and caveats worth reading (right-censoring, repairs).
    pub notes: Vec<String>,
}

impl SetReport {
    pub fn new(set: &str, title: &str) -> SetReport {
        SetReport {
            set: set.to_string(),
            title: title.to_string(),
            ..Default::default()
        }
    }

    pub fn count(&mut self, outcome: &str) {
        self.count_n(outcome, 1);
    }

    pub fn count_n(&mut self, outcome: &str, n: usize) {
        if n > 0 {
            *self.outcomes.entry(outcome.to_string()).or_default() += n;
        }
    }

    /// Counts a problem row and lists it.
    pub fn issue(&mut self, outcome: &str, issue: RowIssue) {
        self.count(outcome);
        self.issues.push(issue);
    }

    pub fn produced(&mut self, what: &str, n: usize) {
        if n > 0 {
            *self.produced.entry(what.to_string()).or_default() += n;
        }
    }

    /// Do the outcomes account for every row read?
    pub fn accounted(&self) -> usize {
        self.outcomes.values().sum()
    }

    pub fn is_complete(&self) -> bool {
        self.accounted() == self.rows
    }
}

/// The whole import: options used, one report per data set, totals.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// The command line or options, for the record.
    pub options: String,
    pub sets: Vec<SetReport>,
    /// Actors, treaties and relations written, by kind and type.
    pub totals: BTreeMap<String, usize>,
}

impl Report {
    pub fn set_mut(&mut self, set: &str) -> Option<&mut SetReport> {
        self.sets.iter_mut().find(|s| s.set == set)
    }

    pub fn set(&self, set: &str) -> Option<&SetReport> {
        self.sets.iter().find(|s| s.set == set)
    }

    /// The short summary printed on stdout: one block per data set.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for s in &self.sets {
            out.push_str(&format!("{} ({}): {} rows\n", s.set, s.title, s.rows));
            for (k, v) in &s.outcomes {
                out.push_str(&format!("  {v:>6}  {k}\n"));
            }
            if !s.is_complete() {
                out.push_str(&format!(
                    "  !! {} rows not accounted for\n",
                    s.rows as i64 - s.accounted() as i64
                ));
            }
        }
        out.push_str("written:");
        let parts: Vec<String> = self
            .totals
            .iter()
            .map(|(k, v)| format!(" {k} {v}"))
            .collect();
        out.push_str(&parts.join(","));
        out.push('\n');
        out
    }

    /// The full text report (import-report.txt): the summary, then every
    /// note and every listed row.
    pub fn text(&self) -> String {
        let mut out = String::from("casus import report\n\n");
        out.push_str(&format!("options: {}\n\n", self.options));
        out.push_str(&self.summary());
        for s in &self.sets {
            out.push_str(&format!("\n== {}: {}\n", s.set, s.title));
            out.push_str(&format!("file: {}\n", s.file));
            out.push_str(&format!(
                "rows: {} read, {} accounted for\n",
                s.rows,
                s.accounted()
            ));
            if !s.produced.is_empty() {
                out.push_str("produced:\n");
                for (k, v) in &s.produced {
                    out.push_str(&format!("  {v:>6}  {k}\n"));
                }
            }
            for n in &s.notes {
                out.push_str(&format!("note: {n}\n"));
            }
            if !s.issues.is_empty() {
                out.push_str(&format!("rows not imported ({}):\n", s.issues.len()));
                for i in &s.issues {
                    out.push_str(&format!("  {}: {}\n", i.row, i.reason));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_knows_whether_every_row_is_accounted_for() {
        let mut s = SetReport::new("cow", "COW");
        s.rows = 3;
        s.count(outcome::IMPORTED);
        s.issue(
            outcome::UNMATCHED,
            RowIssue::new("line 3", "unknown ccode 999"),
        );
        assert!(!s.is_complete());
        s.count(outcome::OUTSIDE_PERIOD);
        assert!(s.is_complete());
        let r = Report {
            options: "--year 2018".into(),
            sets: vec![s],
            totals: BTreeMap::new(),
        };
        let t = r.text();
        assert!(t.contains("line 3: unknown ccode 999"), "{t}");
        assert!(t.contains("3 read, 3 accounted for"), "{t}");
    }
}
