//! Alliances, whichever data set they come from: one phase of one alliance
//! with its members and what each member promised, mapped onto treaties
//! and relations.
//!
//! The shape: a symmetric alliance of two states becomes one pact between
//! them (`defence_pact`, `neutrality_pact`, ... named after the strongest
//! obligation) citing the treaty. An alliance of three or more states, or
//! one whose members promised different things, becomes an `organisation`
//! with a `member_of` relation per member; each member's relation cites
//! the treaty that holds *that member's* obligations (so an asymmetric
//! alliance has one treaty per distinct set of promises).

use super::names::Ccode;
use super::report::{outcome, RowIssue, SetReport};
use super::{pact_type, relation, DataSet, World};
use crate::model::*;
use std::collections::BTreeMap;

/// One obligation as a data set codes it, adversaries by COW code.
#[derive(Clone, Debug, PartialEq)]
pub struct ObligationSpec {
    pub kind: ObligationKind,
    pub trigger: String,
    pub recognised_territory: bool,
    pub defensive_only: bool,
    pub adversaries: Vec<Ccode>,
    pub min_attackers: Option<u32>,
    pub consultation_only: bool,
}

/// One member row of an alliance phase.
#[derive(Clone, Debug)]
pub struct Member {
    pub ccode: Ccode,
    pub from: PartialDate,
    pub until: Option<PartialDate>,
    pub obligations: Vec<ObligationSpec>,
    /// The member's codes, for grouping identical promises and for notes.
    pub codes: String,
    /// The row, as cited (`atopid 4890, member 365`).
    pub row: String,
}

/// One phase of one alliance.
#[derive(Clone, Debug)]
pub struct Phase {
    pub set: DataSet,
    /// ATOP atopid or COW version4id.
    pub alliance: u32,
    /// ATOP phase (0: the alliance never changed).
    pub phase: u32,
    pub multi_phase: bool,
    pub members: Vec<Member>,
    /// A well-known name, where the importer knows one.
    pub known_name: Option<&'static str>,
    /// The COW alliance id (ATOP `cow4id`), where linked.
    pub cow_id: Option<u32>,
    /// Facts about the whole alliance, for the treaty note.
    pub notes: Vec<String>,
}

impl Phase {
    fn prefix(&self) -> &'static str {
        match self.set {
            DataSet::Atop => "atop",
            _ => "cow",
        }
    }

    fn label(&self) -> String {
        match self.set {
            DataSet::Atop => format!("ATOP {}", self.alliance),
            _ => format!("COW alliance {}", self.alliance),
        }
    }

    fn base_id(&self) -> String {
        let mut id = format!("{}-{}", self.prefix(), self.alliance);
        if self.multi_phase {
            id.push_str(&format!("-phase-{}", self.phase));
        }
        id
    }
}

/// The actor id of the organisation standing for a multilateral alliance.
pub fn org_id(set: DataSet, alliance: u32) -> String {
    match set {
        DataSet::Atop => format!("atop-{alliance}"),
        _ => format!("cow-alliance-{alliance}"),
    }
}

/// Maps one alliance phase: counts every member row in `rep`.
pub fn import_phase(w: &mut World, rep: &mut SetReport, ph: Phase) {
    let distinct: std::collections::BTreeSet<Ccode> = ph.members.iter().map(|m| m.ccode).collect();
    let profiles: std::collections::BTreeSet<&str> =
        ph.members.iter().map(|m| m.codes.as_str()).collect();
    // Two states promising each other the same: one pact between them.
    let dyadic = distinct.len() == 2
        && profiles.len() == 1
        && ph.members.iter().all(|m| !m.obligations.is_empty());

    let (in_force, out): (Vec<Member>, Vec<Member>) = ph
        .members
        .iter()
        .cloned()
        .partition(|m| w.opts.when.holds(Some(m.from), m.until));
    rep.count_n(outcome::OUTSIDE_PERIOD, out.len());
    // Rows whose state the state list does not know cannot be mapped.
    let (in_force, unknown): (Vec<Member>, Vec<Member>) =
        in_force.into_iter().partition(|m| w.knows(m.ccode));
    for m in &unknown {
        rep.issue(
            outcome::UNMATCHED,
            RowIssue::new(
                m.row.clone(),
                format!("COW code {} is not in the state list", m.ccode),
            ),
        );
    }
    if in_force.is_empty() {
        return;
    }
    if !in_force.iter().any(|m| w.selected(m.ccode)) {
        rep.count_n(outcome::OUTSIDE_SELECTION, in_force.len());
        return;
    }
    if dyadic && in_force.len() < 2 {
        for m in &in_force {
            if unknown.is_empty() {
                // One party in force, the other not: no pact at this time.
                rep.count(outcome::OUTSIDE_PERIOD);
            } else {
                rep.issue(
                    outcome::UNMATCHED,
                    RowIssue::new(
                        m.row.clone(),
                        "its partner's COW code is not in the state list",
                    ),
                );
            }
        }
        return;
    }

    // One treaty per distinct set of promises, in order of first member.
    // Profiles are numbered over the whole phase (so that treaty ids do
    // not depend on the period); treaties are made for those in force.
    let mut order: Vec<String> = Vec::new();
    for m in &ph.members {
        if !m.obligations.is_empty() && !order.contains(&m.codes) {
            order.push(m.codes.clone());
        }
    }
    let mut groups: BTreeMap<String, Vec<&Member>> = BTreeMap::new();
    for m in &in_force {
        groups.entry(m.codes.clone()).or_default().push(m);
    }
    let all_names: Vec<String> = {
        let mut seen = Vec::new();
        for m in &ph.members {
            if !seen.contains(&m.ccode) {
                seen.push(m.ccode);
            }
        }
        seen.iter()
            .map(|c| w.state_name(*c).unwrap_or("?").to_string())
            .collect()
    };
    let first_year = ph.members.iter().map(|m| m.from.year).min().unwrap_or(0);
    let title = match ph.known_name {
        Some(n) => format!("{n} ({})", ph.label()),
        None if distinct.len() == 2 => {
            format!("{}: {} ({first_year})", ph.label(), all_names.join("–"))
        }
        None => format!(
            "{}: {} members incl. {} ({first_year})",
            ph.label(),
            distinct.len(),
            all_names
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let phase_txt = if ph.multi_phase {
        format!(", phase {}", ph.phase)
    } else {
        String::new()
    };
    let mut treaty_of: BTreeMap<String, TreatyId> = BTreeMap::new();
    // A member that promised nothing is bound by nothing: its membership
    // cites no treaty.
    let several = order.len() > 1 || profiles.len() > 1;
    for (gi, codes) in order.iter().enumerate() {
        let Some(members) = groups.get(codes) else {
            continue;
        };
        let mut id = ph.base_id();
        let mut name = format!("{title}{phase_txt}");
        if several {
            id.push_str(&format!("-{}", letters(gi)));
            let who: Vec<&str> = members
                .iter()
                .map(|m| w.state_name(m.ccode).unwrap_or("?"))
                .collect();
            name.push_str(&format!(": obligations of {}", who.join(", ")));
        }
        // Adversaries named by the data set must be actors of the graph.
        let obligations: Vec<Obligation> = members[0]
            .obligations
            .iter()
            .map(|o| Obligation {
                kind: o.kind,
                trigger: o.trigger.clone(),
                scope: if o.recognised_territory {
                    Scope::RecognisedTerritory
                } else {
                    Scope::Anywhere
                },
                defensive_only: o.defensive_only,
                min_severity: Severity::Incident,
                adversaries: o.adversaries.iter().filter_map(|c| w.state(*c)).collect(),
                min_attackers: o.min_attackers,
                consultation_only: o.consultation_only,
            })
            .collect();
        let signed = ph
            .members
            .iter()
            .map(|m| m.from)
            .min_by_key(|d| d.earliest());
        let until = if ph.members.iter().all(|m| m.until.is_some()) {
            ph.members
                .iter()
                .filter_map(|m| m.until)
                .max_by_key(|d| d.latest())
        } else {
            None
        };
        let mut note = vec![format!("Obligations as coded: {codes}.")];
        note.extend(ph.notes.iter().cloned());
        let t = Treaty {
            id,
            name,
            signed,
            in_force: None,
            until,
            obligations,
            atop_id: (ph.set == DataSet::Atop).then_some(ph.alliance),
            cow_id: if ph.set == DataSet::Cow {
                Some(ph.alliance)
            } else {
                ph.cow_id
            },
            evidence: vec![Citation::Dataset {
                reference: ph.set.reference_id().to_string(),
                row: format!(
                    "{}{}",
                    match ph.set {
                        DataSet::Atop => format!("atopid {}", ph.alliance),
                        _ => format!("version4id {}", ph.alliance),
                    },
                    phase_txt
                ),
            }],
            note: Some(note.join(" ")),
        };
        treaty_of.insert(codes.clone(), w.add_treaty(t));
        rep.produced("treaties", 1);
    }

    let cite = |m: &Member| Citation::Dataset {
        reference: ph.set.reference_id().to_string(),
        row: m.row.clone(),
    };
    if dyadic {
        let (a, b) = (&in_force[0], &in_force[1]);
        let (Some(sa), Some(sb)) = (w.state(a.ccode), w.state(b.ccode)) else {
            return;
        };
        let kinds: Vec<ObligationKind> = a.obligations.iter().map(|o| o.kind).collect();
        let rtype = pact_type(&kinds);
        let mut r = relation(rtype, sa, sb, Status::Confirmed, vec![cite(a), cite(b)]);
        r.valid_from = [a.from, b.from].into_iter().max_by_key(|d| d.earliest());
        r.valid_until = match (a.until, b.until) {
            (Some(x), Some(y)) => Some(if x.latest() <= y.latest() { x } else { y }),
            (x, None) => x,
            (None, y) => y,
        };
        r.treaty = treaty_of.get(&a.codes).copied();
        r.key = Some(w.key(&ph.base_id()));
        w.add_relation(r);
        rep.count_n(outcome::IMPORTED, 2);
        rep.produced(&format!("{rtype} relations"), 1);
        return;
    }
    let oid = org_id(ph.set, ph.alliance);
    let org_name = match ph.known_name {
        Some(n) => n.to_string(),
        None => format!("{} alliance ({first_year})", ph.label()),
    };
    let founders = all_names.join(", ");
    let set = ph.set;
    let alliance = ph.alliance;
    let org = w.other(&oid, &org_name, ActorKind::Organisation, || Actor {
        id: String::new(),
        name: String::new(),
        kind: ActorKind::Organisation,
        aliases: Vec::new(),
        iso3: None,
        cow: None,
        recognised: true,
        description: Some(format!(
            "The alliance {} codes as {} {alliance}; members over its life: {founders}.",
            match set {
                DataSet::Atop => "ATOP",
                _ => "COW",
            },
            match set {
                DataSet::Atop => "atopid",
                _ => "version4id",
            }
        )),
        evidence: vec![Citation::Dataset {
            reference: set.reference_id().to_string(),
            row: match set {
                DataSet::Atop => format!("atopid {alliance}"),
                _ => format!("version4id {alliance}"),
            },
        }],
    });
    for m in &in_force {
        let Some(s) = w.state(m.ccode) else { continue };
        let mut r = relation("member_of", s, org, Status::Confirmed, vec![cite(m)]);
        r.valid_from = Some(m.from);
        r.valid_until = m.until;
        r.treaty = treaty_of.get(&m.codes).copied();
        r.key = Some(w.key(&format!("{}-{}", ph.base_id(), m.ccode)));
        w.add_relation(r);
        rep.count(outcome::IMPORTED);
        rep.produced("member_of relations", 1);
    }
}

/// `a`, `b`, ... `z`, `aa`, `ab`, ...: suffixes of an alliance's treaties.
fn letters(i: usize) -> String {
    if i < 26 {
        ((b'a' + i as u8) as char).to_string()
    } else {
        format!("{}{}", letters(i / 26 - 1), letters(i % 26))
    }
}
