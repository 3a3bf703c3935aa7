//! ATOP 5.1 member-level file (atop5_1m.csv): one row per member and
//! alliance phase, with the obligations the member accepted and the
//! conditions attached to them.
//!
//! How ATOP's codes become [`Obligation`]s (codebook v4, section 2.33):
//!
//! | ATOP | casus |
//! | --- | --- |
//! | `defense` | `defence`, scope `recognised_territory` (ATOP: support "in the event of attack on the sovereignty or territorial integrity" of a partner) |
//! | `defconpr` (non-provocation) | `defensive_only = true` (else false) |
//! | `defcoadv` (specific adversary) | `adversaries` = the states ATOP names as threats (`statthr1`, `statthr2`); none named: noted, not expressible |
//! | `defconum` (number of adversaries) | `min_attackers = 2` (the common case, "if attacked by two or more powers"); noted |
//! | `defcoloc`, `defcocon`, `defcodem` | kept in the trigger text and the treaty note (the member-level file does not say which location, conflict or demand) |
//! | `offense` | `offence`, scope `anywhere`; `offcoadv` as above |
//! | `neutral` | `neutrality`; `defensive_only` if `neuconpr` or `neucoatt` |
//! | `nonagg` | `non_aggression` |
//! | `consul` | `consultation`, `consultation_only`; `concoloc` -> `recognised_territory` |

use super::alliance::{import_phase, Member, ObligationSpec, Phase};
use super::names::Ccode;
use super::report::{outcome, RowIssue, SetReport};
use super::{field, partial_date, records, DataSet, Parsed, World};
use crate::model::*;
use std::collections::{BTreeMap, HashMap};

/// The code columns the importer reads, besides dates and ids.
const CODES: &[&str] = &[
    "ineffect", "bilat", "phase", "maxphase", "defense", "offense", "neutral", "nonagg", "consul",
    "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr", "offcoadv", "offcoloc",
    "offcocon", "offconum", "offcodem", "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem",
    "neuconpr", "neucoatt", "concoadv", "concoloc", "concocon", "concoreq", "olimob", "asymm",
    "obvary", "specthrt", "statthr1", "statthr2",
];

/// One member row.
#[derive(Clone, Debug, PartialEq)]
pub struct AtopRow {
    pub line: usize,
    pub atopid: u32,
    /// The COW alliance (version4id) this alliance corresponds to, if any.
    pub cow4id: Option<u32>,
    pub member: Ccode,
    pub entry: PartialDate,
    /// `None`: in force when the data end (yrexit = 0).
    pub exit: Option<PartialDate>,
    codes: Vec<Option<i64>>,
}

impl AtopRow {
    /// The value of a code column (`defense`, `defcoadv`, ...); empty: 0.
    pub fn code(&self, name: &str) -> i64 {
        self.opt(name).unwrap_or(0)
    }

    /// The value, `None` where the cell is empty (ATOP: not known).
    pub fn opt(&self, name: &str) -> Option<i64> {
        CODES
            .iter()
            .position(|c| *c == name)
            .and_then(|i| self.codes[i])
    }

    pub fn phase(&self) -> u32 {
        self.code("phase").max(0) as u32
    }

    /// `atopid 4890, member 365` (with the phase where there are several).
    pub fn row(&self) -> String {
        if self.code("maxphase") > 1 {
            format!(
                "atopid {} phase {}, member {} (line {})",
                self.atopid,
                self.phase(),
                self.member,
                self.line
            )
        } else {
            format!(
                "atopid {}, member {} (line {})",
                self.atopid, self.member, self.line
            )
        }
    }
}

/// Parses the member-level CSV (LF or CRLF).
pub fn parse(text: &str) -> Result<Parsed<AtopRow>, String> {
    let (headers, recs) = records(text)?;
    let col = |name: &str| -> Result<usize, String> {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("no column `{name}` in the header"))
    };
    let ids: Vec<usize> = [
        "atopid", "cow4id", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
    ]
    .iter()
    .map(|n| col(n))
    .collect::<Result<_, _>>()?;
    let codes: Vec<usize> = CODES.iter().map(|n| col(n)).collect::<Result<_, _>>()?;
    let mut out = Parsed::default();
    for (line, rec) in recs {
        let Some(rec) = out.take_checked(line, rec, headers.len()) else {
            continue;
        };
        let bad = |reason: String| RowIssue::new(format!("line {line}"), reason);
        let f = |i: usize| field(&rec, ids[i]);
        let (Ok(atopid), Ok(member)) = (f(0).parse::<u32>(), f(2).parse::<Ccode>()) else {
            out.bad.push(bad(format!(
                "atopid `{}` or member `{}` is not a number",
                f(0),
                f(2)
            )));
            continue;
        };
        let cow4id = f(1).parse::<u32>().ok().filter(|c| *c > 0);
        let entry = match partial_date(f(3), f(4), f(5)) {
            Ok(d) => d,
            Err(e) => {
                out.bad.push(bad(format!(
                    "atopid {atopid}, member {member}: entry date: {e}"
                )));
                continue;
            }
        };
        let exit = if f(6).is_empty() || f(6) == "0" {
            None
        } else {
            match partial_date(f(6), f(7), f(8)) {
                Ok(d) if d.latest() >= entry.earliest() => Some(d),
                Ok(d) => {
                    out.bad.push(bad(format!(
                        "atopid {atopid}, member {member}: exit {d} before entry {entry}"
                    )));
                    continue;
                }
                Err(e) => {
                    out.bad.push(bad(format!(
                        "atopid {atopid}, member {member}: exit date: {e}"
                    )));
                    continue;
                }
            }
        };
        let mut vals = Vec::with_capacity(codes.len());
        let mut bad_code = None;
        for (k, &i) in codes.iter().enumerate() {
            let s = field(&rec, i);
            if s.is_empty() || s == "." {
                vals.push(None);
            } else {
                match s.parse::<f64>() {
                    Ok(v) if v.fract() == 0.0 => vals.push(Some(v as i64)),
                    _ => {
                        bad_code = Some(format!("{} = `{s}` is not a whole number", CODES[k]));
                        vals.push(None);
                    }
                }
            }
        }
        if let Some(reason) = bad_code {
            out.bad
                .push(bad(format!("atopid {atopid}, member {member}: {reason}")));
            continue;
        }
        out.rows.push(AtopRow {
            line,
            atopid,
            cow4id,
            member,
            entry,
            exit,
            codes: vals,
        });
    }
    Ok(out)
}

/// COW alliance id -> the ATOP alliances linked to it by `cow4id`.
pub fn cow_links(rows: &[AtopRow]) -> HashMap<u32, Vec<u32>> {
    let mut m: HashMap<u32, Vec<u32>> = HashMap::new();
    for r in rows {
        if let Some(c) = r.cow4id {
            let v = m.entry(c).or_default();
            if !v.contains(&r.atopid) {
                v.push(r.atopid);
            }
        }
    }
    m
}

/// Well-known alliances, by atopid. Each is checked against the data (its
/// members and year) by the data-set tests.
pub const KNOWN: &[(u32, &str)] = &[
    (1335, "Dual Alliance"),
    (1350, "Triple Alliance"),
    (1355, "Austro-German-Romanian Alliance"),
    (1385, "Franco-Russian Alliance"),
    (1400, "Anglo-Portuguese Treaty of Windsor"),
    (1415, "Anglo-Japanese Alliance"),
    (1445, "Pact of Cartagena"),
    (
        3075,
        "Inter-American Treaty of Reciprocal Assistance (Rio Treaty)",
    ),
    (3180, "North Atlantic Treaty (NATO)"),
    (
        3205,
        "Arab League Joint Defence and Economic Cooperation Treaty",
    ),
    (3215, "ANZUS Treaty"),
    (3260, "Southeast Asia Collective Defense Treaty (SEATO)"),
    (3275, "Baghdad Pact (CENTO)"),
    (3285, "Warsaw Pact"),
    (4220, "Collective Security Treaty (CSTO)"),
];

fn known_name(atopid: u32) -> Option<&'static str> {
    KNOWN.iter().find(|(i, _)| *i == atopid).map(|(_, n)| *n)
}

/// Adversaries ATOP names (`statthr1`, `statthr2`: COW codes).
fn threats(r: &AtopRow) -> Vec<Ccode> {
    ["statthr1", "statthr2"]
        .iter()
        .filter_map(|c| r.opt(c))
        .filter(|c| *c > 0)
        .filter_map(|c| Ccode::try_from(c).ok())
        .collect()
}

/// The member's obligations, and its codes as text (for grouping members
/// with identical promises, and for the treaty note).
pub fn obligations(r: &AtopRow) -> (Vec<ObligationSpec>, String) {
    let mut out = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    fn conds(r: &AtopRow, names: &[&'static str]) -> Vec<&'static str> {
        names.iter().copied().filter(|n| r.code(n) == 1).collect()
    }
    let threat = threats(r);
    let threat_txt = if threat.is_empty() {
        String::new()
    } else {
        format!(
            " (named threats: COW {})",
            threat
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let describe = |c: &str| -> &'static str {
        match &c[c.len() - 3..] {
            "adv" => "only against a particular adversary",
            "loc" => "only for conflict in a particular location",
            "con" => "only in a particular ongoing conflict",
            "num" => "only for a certain number of adversaries",
            "dem" => "only if demands are (not) met",
            "mpr" | "npr" => "only if the ally did not provoke the attack",
            "att" => "only if the ally is attacked",
            "req" => "on an ally's request",
            _ => "a condition",
        }
    };
    let trigger = |base: &str, cs: &[&str]| -> String {
        if cs.is_empty() {
            base.to_string()
        } else {
            let parts: Vec<String> = cs
                .iter()
                .map(|c| format!("{} ({c})", describe(c)))
                .collect();
            format!("{base}; {}", parts.join("; "))
        }
    };
    if r.code("defense") == 1 {
        let cs = conds(
            r,
            &[
                "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
            ],
        );
        let adv = if cs.contains(&"defcoadv") {
            threat.clone()
        } else {
            Vec::new()
        };
        codes.push(format!("defense{}", bracket(&cs)));
        out.push(ObligationSpec {
            kind: ObligationKind::Defence,
            trigger: trigger(
                "attack on a party's sovereignty or territorial integrity (ATOP defense)",
                &cs,
            ),
            recognised_territory: true,
            defensive_only: cs.contains(&"defconpr"),
            adversaries: adv,
            min_attackers: cs.contains(&"defconum").then_some(2),
            consultation_only: false,
        });
    }
    if r.code("offense") == 1 {
        let cs = conds(
            r,
            &["offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"],
        );
        let adv = if cs.contains(&"offcoadv") {
            threat.clone()
        } else {
            Vec::new()
        };
        codes.push(format!("offense{}", bracket(&cs)));
        out.push(ObligationSpec {
            kind: ObligationKind::Offence,
            trigger: trigger("war a party engages in (ATOP offense)", &cs),
            recognised_territory: false,
            defensive_only: false,
            adversaries: adv,
            min_attackers: None,
            consultation_only: false,
        });
    }
    if r.code("neutral") == 1 {
        let cs = conds(
            r,
            &[
                "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
            ],
        );
        let adv = if cs.contains(&"neucoadv") {
            threat.clone()
        } else {
            Vec::new()
        };
        codes.push(format!("neutral{}", bracket(&cs)));
        out.push(ObligationSpec {
            kind: ObligationKind::Neutrality,
            trigger: trigger("war between a party and a third state (ATOP neutral)", &cs),
            recognised_territory: false,
            defensive_only: cs.contains(&"neuconpr") || cs.contains(&"neucoatt"),
            adversaries: adv,
            min_attackers: None,
            consultation_only: false,
        });
    }
    if r.code("nonagg") == 1 {
        codes.push("nonagg".into());
        out.push(ObligationSpec {
            kind: ObligationKind::NonAggression,
            trigger: "a dispute between the parties (ATOP nonagg)".into(),
            recognised_territory: false,
            defensive_only: false,
            adversaries: Vec::new(),
            min_attackers: None,
            consultation_only: false,
        });
    }
    if r.code("consul") == 1 {
        let cs = conds(r, &["concoadv", "concoloc", "concocon", "concoreq"]);
        let adv = if cs.contains(&"concoadv") {
            threat.clone()
        } else {
            Vec::new()
        };
        codes.push(format!("consul{}", bracket(&cs)));
        out.push(ObligationSpec {
            kind: ObligationKind::Consultation,
            trigger: trigger(
                "a crisis that may become a militarized conflict (ATOP consul)",
                &cs,
            ),
            recognised_territory: cs.contains(&"concoloc"),
            defensive_only: false,
            adversaries: adv,
            min_attackers: None,
            consultation_only: true,
        });
    }
    if r.code("olimob") == 1 {
        codes.push("olimob (another condition)".into());
    }
    let mut text = if codes.is_empty() {
        "no primary obligation coded".to_string()
    } else {
        codes.join(", ")
    };
    text.push_str(&threat_txt);
    (out, text)
}

fn bracket(cs: &[&str]) -> String {
    if cs.is_empty() {
        String::new()
    } else {
        format!(" [{}]", cs.join(" "))
    }
}

/// Maps the parsed rows into the world, phase by phase; reports every row.
pub fn import(w: &mut World, parsed: &Parsed<AtopRow>) {
    w.cite(DataSet::Atop);
    let mut rep = SetReport::new("atop", &DataSet::Atop.reference().title);
    rep.rows = parsed.rows_read;
    for b in &parsed.bad {
        rep.issue(outcome::INVALID, b.clone());
    }
    let mut phases: BTreeMap<(u32, u32), Vec<&AtopRow>> = BTreeMap::new();
    for r in &parsed.rows {
        phases.entry((r.atopid, r.phase())).or_default().push(r);
    }
    let mut unexpressed = 0;
    let mut unnamed_adv = 0;
    let mut no_obligation = 0;
    for ((atopid, phase), rows) in phases {
        let first = &rows[0];
        let mut notes = vec![format!(
            "ATOP 5.1: {}{}{}.",
            if first.code("bilat") == 1 {
                "bilateral"
            } else {
                "multilateral"
            },
            if first.code("asymm") == 1 {
                ", asymmetric obligations"
            } else {
                ""
            },
            match first.opt("specthrt") {
                Some(1) => ", names specific states as the threat",
                Some(2) => ", names a specific region as the threat",
                Some(3) => ", names specific states in a specific region as the threat",
                Some(4) => ", names a specific ongoing conflict as the threat",
                Some(5) => ", aimed at domestic or non-state threats",
                Some(6) => ", aimed at another alliance",
                _ => "",
            }
        )];
        if rows.iter().any(|r| r.code("obvary") == 1) {
            notes.push("Some members owe different obligations to different partners (obvary); casus keeps one set per member.".into());
        }
        let members: Vec<Member> = rows
            .iter()
            .map(|r| {
                let (obligations, codes) = obligations(r);
                for c in [
                    "defcoloc", "defcocon", "defcodem", "offcoloc", "offcocon", "offcodem",
                    "neucoloc", "neucocon", "neucodem", "concocon", "olimob",
                ] {
                    if r.code(c) == 1 {
                        unexpressed += 1;
                        break;
                    }
                }
                if ["defcoadv", "offcoadv", "neucoadv", "concoadv"]
                    .iter()
                    .any(|c| r.code(c) == 1)
                    && threats(r).is_empty()
                {
                    unnamed_adv += 1;
                }
                if obligations.is_empty() {
                    no_obligation += 1;
                }
                Member {
                    ccode: r.member,
                    from: r.entry,
                    until: r.exit,
                    obligations,
                    codes,
                    row: r.row(),
                }
            })
            .collect();
        let ph = Phase {
            set: DataSet::Atop,
            alliance: atopid,
            phase,
            multi_phase: first.code("maxphase") > 1,
            members,
            known_name: known_name(atopid),
            cow_id: first.cow4id,
            notes,
            data_end: 2018,
        };
        import_phase(w, &mut rep, ph);
    }
    rep.notes.push(
        "ATOP 5.1 runs to 2018; yrexit = 0 (in force when the data end) is read as still in force"
            .into(),
    );
    rep.notes.push("entry dates are signature dates (ATOP codes signature, not ratification); a missing day gives a month-precise date".into());
    if unexpressed > 0 {
        rep.notes.push(format!("{unexpressed} member rows carry conditions casus cannot express exactly (a location, a conflict or demands the member-level file does not name): they are kept in the obligation's trigger and the treaty note"));
    }
    if unnamed_adv > 0 {
        rep.notes.push(format!("{unnamed_adv} member rows limit an obligation to an adversary ATOP does not name (statthr empty): the limit is in the trigger text, `adversaries` stays empty"));
    }
    if no_obligation > 0 {
        rep.notes.push(format!(
            "{no_obligation} member rows code no primary obligation: their treaties have none"
        ));
    }
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/data/atop-5.1/atop5_1m.csv");

    fn rows() -> Parsed<AtopRow> {
        parse(FIXTURE).unwrap()
    }

    #[test]
    fn parses_member_rows_and_reports_bad_ones() {
        let p = rows();
        assert_eq!(p.rows_read, 10);
        assert_eq!(p.rows.len(), 9);
        assert_eq!(p.bad.len(), 1);
        assert!(p.bad[0].reason.contains("entry date"), "{:?}", p.bad);
        let ru = p
            .rows
            .iter()
            .find(|r| r.atopid == 4890 && r.member == 365)
            .unwrap();
        assert_eq!(ru.entry.to_string(), "1997-08-29");
        assert_eq!(ru.exit, None);
        assert_eq!(ru.code("defense"), 1);
    }

    #[test]
    fn a_missing_day_gives_a_month_precise_date() {
        let p = rows();
        let r = p.rows.iter().find(|r| r.atopid == 1350).unwrap();
        assert_eq!(r.entry.to_string(), "1882-05");
        assert_eq!(r.exit.unwrap().to_string(), "1915-05-04");
    }

    #[test]
    fn defence_obligations_carry_their_conditions() {
        let p = rows();
        let r = p.rows.iter().find(|r| r.atopid == 1350).unwrap();
        let (obs, codes) = obligations(r);
        let d = obs
            .iter()
            .find(|o| o.kind == ObligationKind::Defence)
            .unwrap();
        assert_eq!(d.adversaries, vec![220], "statthr1 names France");
        assert_eq!(d.min_attackers, Some(2), "defconum");
        assert!(d.defensive_only, "defconpr");
        assert!(d.recognised_territory);
        assert!(d.trigger.contains("defconum"), "{}", d.trigger);
        assert!(
            codes.starts_with("defense [defcoadv defconum defconpr]"),
            "{codes}"
        );
        let ru = p.rows.iter().find(|r| r.atopid == 4890).unwrap();
        let (obs, codes) = obligations(ru);
        let kinds: Vec<_> = obs.iter().map(|o| o.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ObligationKind::Defence,
                ObligationKind::NonAggression,
                ObligationKind::Consultation
            ]
        );
        assert!(!obs[0].defensive_only, "no defconpr");
        assert!(obs[2].consultation_only);
        assert_eq!(codes, "defense, nonagg, consul");
    }

    #[test]
    fn cow_links_follow_cow4id() {
        let p = rows();
        let l = cow_links(&p.rows);
        assert_eq!(l.get(&67), Some(&vec![1350]));
        assert!(!l.contains_key(&0));
    }
}
