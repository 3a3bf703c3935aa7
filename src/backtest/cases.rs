//! Disputes as backtest cases: which MID disputes are kept, who strikes
//! whom and how hard, and who joined on which side.
//!
//! The selection follows the issue's measured backtest: disputes that
//! reached the use of force (MIDA hostlev >= 4) with exactly one
//! originator on each side. Side A's originator strikes side B's
//! originator on its territory. Every other state of the COW state system
//! on the start date is a candidate (see `worlds`); a candidate joined if
//! it is a MIDB participant that was not an originator (orig = 0), on the
//! side MIDB gives it.
//!
//! Severity: MID hostility levels are coded after the fact over the whole
//! dispute, and joiners can raise the dispute's level (a use of force
//! that others turn into a war is a war in MIDA). [`SeverityRule::Originators`]
//! (the default) takes the higher of the two originators' own MIDB
//! hostlev: war (5) is a sustained strike, use of force (4) an incident.
//! It still sees the originators' own later escalation, which a forecaster
//! on the first day could not; [`SeverityRule::Dispute`] (MIDA hostlev,
//! raised by joiners too) is the sensitivity run.
//!
//! Invariant: no I/O; every dispute read is either kept or counted under
//! the reason it was left out.

use super::mid::{Mid, Participant};
use crate::import::names::Ccode;
use crate::model::{Date, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

/// How the strike's severity is read from the MID codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeverityRule {
    /// The higher of the two originators' own hostlev (MIDB).
    #[default]
    Originators,
    /// The dispute's hostlev (MIDA), which joiners can raise.
    Dispute,
    /// Every strike an incident: what a forecaster on the first day, who
    /// cannot know whether the dispute becomes a war, would assume.
    Unknown,
}

impl SeverityRule {
    pub fn describe(self) -> &'static str {
        match self {
            SeverityRule::Originators => "war (5) if either originator's own MIDB hostlev is 5, else use of force (4)",
            SeverityRule::Dispute => "war (5) if the dispute's MIDA hostlev is 5 (joiners can raise it), else use of force (4)",
            SeverityRule::Unknown => "every strike an incident (the escalation to war unknown)",
        }
    }
}

/// A state that joined, and on which side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Joiner {
    pub ccode: Ccode,
    pub side_a: bool,
}

/// One kept dispute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Case {
    pub dispnum: u32,
    pub start: Date,
    /// Side A's originator, the striker.
    pub attacker: Ccode,
    /// Side B's originator, struck on its territory.
    pub target: Ccode,
    pub war: bool,
    pub joiners: Vec<Joiner>,
}

impl Case {
    /// The strike's severity in the engine's terms.
    pub fn severity(&self) -> Severity {
        if self.war {
            Severity::Sustained
        } else {
            Severity::Incident
        }
    }
    /// Did this state join, and on side A?
    pub fn joined(&self, c: Ccode) -> Option<bool> {
        self.joiners.iter().find(|j| j.ccode == c).map(|j| j.side_a)
    }
}

/// The kept cases and why the others were left out.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Selection {
    pub cases: Vec<Case>,
    pub disputes_read: usize,
    /// Reason -> number of disputes left out for it.
    pub dropped: BTreeMap<String, usize>,
}

pub const BELOW_FORCE: &str = "highest hostility below use of force (MIDA hostlev < 4)";
pub const NOT_ONE_ORIGINATOR: &str = "not exactly one originator on each side";
pub const NO_PARTICIPANTS: &str = "no MIDB participant rows";

/// Selects the cases of a MID data set.
///
/// ```
/// use casus::backtest::{mid, cases::{select, SeverityRule}};
/// let a = "dispnum,stday,stmon,styear,hostlev\n1,5,6,1914,5\n2,1,1,1900,3\n";
/// let b = "dispnum,stabb,ccode,sidea,hostlev,orig\n1,AUH,300,1,5,1\n1,SRB,345,0,5,1\n1,RUS,365,0,5,0\n2,USA,2,1,3,1\n2,UKG,200,0,1,1\n";
/// let s = select(&mid::parse(a, "A", b, "B").unwrap(), SeverityRule::Originators);
/// assert_eq!(s.cases.len(), 1);
/// assert_eq!((s.cases[0].attacker, s.cases[0].target, s.cases[0].war), (300, 345, true));
/// assert_eq!(s.cases[0].joined(365), Some(false));
/// assert_eq!(s.dropped.values().sum::<usize>(), 1);
/// ```
pub fn select(mid: &Mid, rule: SeverityRule) -> Selection {
    let mut by_dispute: BTreeMap<u32, Vec<&Participant>> = BTreeMap::new();
    for p in &mid.participants {
        by_dispute.entry(p.dispnum).or_default().push(p);
    }
    let mut out = Selection {
        disputes_read: mid.disputes.len(),
        ..Selection::default()
    };
    for d in &mid.disputes {
        let reason = if d.hostlev < 4 {
            Some(BELOW_FORCE)
        } else {
            None
        };
        let parts = by_dispute.get(&d.dispnum).map(Vec::as_slice).unwrap_or(&[]);
        let case = match reason {
            Some(r) => Err(r),
            None if parts.is_empty() => Err(NO_PARTICIPANTS),
            None => case_of(d.dispnum, d.start, d.hostlev, parts, rule).ok_or(NOT_ONE_ORIGINATOR),
        };
        match case {
            Ok(c) => out.cases.push(c),
            Err(r) => *out.dropped.entry(r.to_string()).or_default() += 1,
        }
    }
    out
}

fn case_of(
    dispnum: u32,
    start: Date,
    dispute_hostlev: u8,
    parts: &[&Participant],
    rule: SeverityRule,
) -> Option<Case> {
    let originators = |side_a: bool| {
        let mut c: Vec<&Participant> = parts
            .iter()
            .copied()
            .filter(|p| p.originator && p.side_a == side_a)
            .collect();
        c.sort_by_key(|p| p.ccode);
        c.dedup_by_key(|p| p.ccode);
        c
    };
    let (a, b) = (originators(true), originators(false));
    let (&[a], &[b]) = (a.as_slice(), b.as_slice()) else {
        return None;
    };
    // A state with several spells (it left and came back) counts once.
    let orig_level = parts
        .iter()
        .filter(|p| p.ccode == a.ccode || p.ccode == b.ccode)
        .map(|p| p.hostlev)
        .max()
        .unwrap_or(0);
    let war = match rule {
        SeverityRule::Originators => orig_level >= 5,
        SeverityRule::Dispute => dispute_hostlev >= 5,
        SeverityRule::Unknown => false,
    };
    let mut joiners: Vec<Joiner> = Vec::new();
    for p in parts {
        if p.originator || p.ccode == a.ccode || p.ccode == b.ccode {
            continue;
        }
        if !joiners.iter().any(|j| j.ccode == p.ccode) {
            joiners.push(Joiner {
                ccode: p.ccode,
                side_a: p.side_a,
            });
        }
    }
    Some(Case {
        dispnum,
        start,
        attacker: a.ccode,
        target: b.ccode,
        war,
        joiners,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::mid::parse;

    const A: &str = "dispnum,stday,stmon,styear,hostlev\n\
        1,5,6,1914,5\n2,1,1,1900,4\n3,1,1,1901,4\n4,1,1,1902,4\n5,1,1,1903,4\n";
    // 1: war by the originators; 2: two originators on side A; 3: use of
    // force, the joiner raised nothing; 4: no participants; 5: the dispute
    // is a war only through its joiner (MIDA 4 here, so both rules agree).
    const B: &str = "dispnum,stabb,ccode,sidea,hostlev,orig\n\
        1,AUH,300,1,5,1\n1,SRB,345,0,5,1\n1,RUS,365,0,5,0\n1,GMY,255,1,5,0\n\
        2,USA,2,1,4,1\n2,CAN,20,1,4,1\n2,MEX,70,0,4,1\n\
        3,FRN,220,1,4,1\n3,ITA,325,0,3,1\n3,ITA,325,0,4,1\n3,SPN,230,0,2,0\n\
        5,FRN,220,1,4,1\n5,ITA,325,0,4,1\n";

    #[test]
    fn keeps_use_of_force_with_one_originator_per_side() {
        let s = select(&parse(A, "A", B, "B").unwrap(), SeverityRule::Originators);
        let kept: Vec<u32> = s.cases.iter().map(|c| c.dispnum).collect();
        assert_eq!(kept, vec![1, 3, 5]);
        assert_eq!(s.dropped[NOT_ONE_ORIGINATOR], 1);
        assert_eq!(s.dropped[NO_PARTICIPANTS], 1);
        let c1 = &s.cases[0];
        assert_eq!(
            c1.joiners,
            vec![
                Joiner {
                    ccode: 365,
                    side_a: false
                },
                Joiner {
                    ccode: 255,
                    side_a: true
                }
            ]
        );
        assert_eq!(c1.severity(), Severity::Sustained);
        // Italy has two spells: one originator, not two.
        assert_eq!(s.cases[1].target, 325);
        assert!(!s.cases[1].war);
        assert_eq!(s.cases[1].joined(230), Some(false));
    }

    #[test]
    fn the_dispute_rule_reads_mida() {
        let a = A.replace("3,1,1,1901,4", "3,1,1,1901,5");
        let s = select(&parse(&a, "A", B, "B").unwrap(), SeverityRule::Dispute);
        assert!(s.cases[1].war);
        let s = select(&parse(&a, "A", B, "B").unwrap(), SeverityRule::Originators);
        assert!(!s.cases[1].war);
    }
}
