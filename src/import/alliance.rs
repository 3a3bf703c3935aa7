//! Alliances, whichever data set they come from: one phase of one alliance
//! with its members and what each member promised, mapped onto a treaty
//! and relations.
//!
//! A treaty binds its parties to each other (docs/format.md), so the
//! treaty of an alliance phase holds what *every* member promised: the
//! obligation kinds all members accepted, each with the most restrictive
//! of their conditions. Obligations only some members accepted (the
//! guarantor's side of a guarantee, Germany's offence clause in the Triple
//! Alliance) bind one side only, which a treaty cannot say: they are kept
//! in the treaty note and in each member's relation note, and counted in
//! the report.
//!
//! The shape: two states with a common obligation become one pact between
//! them (`defence_pact`, `neutrality_pact`, ... named after the strongest
//! common obligation) citing the treaty; three or more states, or two
//! without a common obligation, become an `organisation` with a
//! `member_of` relation per member, citing the treaty if there is one.

use super::names::Ccode;
use super::report::{outcome, RowIssue, SetReport};
use super::{pact_type, relation, DataSet, World};
use crate::model::*;

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
    /// The last year the data set covers (COW 2012, ATOP 2018).
    pub data_end: i32,
}

impl Phase {
    fn prefix(&self) -> &'static str {
        match self.set {
            DataSet::Atop => "atop",
            _ => "cow",
        }
    }

    /// The well-known name: the importer's own, else the cited table of
    /// [`alliance_names`](super::alliance_names) for an ATOP alliance.
    fn name(&self) -> Option<&'static str> {
        self.known_name.or_else(|| self.named().map(|a| a.name))
    }

    fn named(&self) -> Option<&'static super::alliance_names::AllianceName> {
        (self.set == DataSet::Atop)
            .then(|| super::alliance_names::name(self.alliance))
            .flatten()
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

/// What every member promised: the kinds all of them accepted, each with
/// the most restrictive of their conditions (territory only, defensive
/// only, the most attackers, the adversaries all of them name). A kind
/// whose named adversaries have nothing in common is no common promise.
pub fn common_obligations(members: &[Member]) -> Vec<ObligationSpec> {
    let Some(first) = members.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for o in &first.obligations {
        let specs: Vec<&ObligationSpec> = members
            .iter()
            .filter_map(|m| m.obligations.iter().find(|x| x.kind == o.kind))
            .collect();
        if specs.len() < members.len() {
            continue;
        }
        let named: Vec<&Vec<Ccode>> = specs
            .iter()
            .map(|s| &s.adversaries)
            .filter(|a| !a.is_empty())
            .collect();
        let adversaries: Vec<Ccode> = match named.first() {
            None => Vec::new(),
            Some(f) => f
                .iter()
                .copied()
                .filter(|c| named.iter().all(|n| n.contains(c)))
                .collect(),
        };
        if !named.is_empty() && adversaries.is_empty() {
            continue;
        }
        // The trigger of the member with the most conditions.
        let trigger = specs
            .iter()
            .map(|s| s.trigger.as_str())
            .max_by_key(|t| (t.matches(';').count(), t.len()))
            .unwrap_or("")
            .to_string();
        out.push(ObligationSpec {
            kind: o.kind,
            trigger,
            recognised_territory: specs.iter().any(|s| s.recognised_territory),
            defensive_only: specs.iter().any(|s| s.defensive_only),
            adversaries,
            min_attackers: specs.iter().filter_map(|s| s.min_attackers).max(),
            consultation_only: specs.iter().any(|s| s.consultation_only),
        });
    }
    out
}

/// A fact still in force when the data set ends, imported for a later
/// period: said so in its note, and counted.
fn past_the_data(w: &World, rep: &mut SetReport, ph: &Phase, r: &mut Relation, open: bool) {
    let Some(end) = w.opts.when.end_year() else {
        return;
    };
    if !open || end <= ph.data_end {
        return;
    }
    let what = match ph.set {
        DataSet::Atop => "ATOP 5.1",
        _ => "COW v4.1",
    };
    let n = format!(
        "In force when {what} ends ({}); the data say nothing of {end}.",
        ph.data_end
    );
    r.note = Some(match r.note.take() {
        Some(x) => format!("{x} {n}").into(),
        None => n.into(),
    });
    rep.produced(
        &format!(
            "relations in force when the data end ({}) and carried to {end}",
            ph.data_end
        ),
        1,
    );
}

/// Maps one alliance phase: counts every member row in `rep`.
pub fn import_phase(w: &mut World, rep: &mut SetReport, ph: Phase) {
    // A phase with no member in force: every row outside the period (as
    // below), without working out its treaty.
    if !ph
        .members
        .iter()
        .any(|m| w.opts.when.holds(Some(m.from), m.until))
    {
        rep.count_n(outcome::OUTSIDE_PERIOD, ph.members.len());
        return;
    }
    let distinct: std::collections::BTreeSet<Ccode> = ph.members.iter().map(|m| m.ccode).collect();
    let profiles: std::collections::BTreeSet<&str> =
        ph.members.iter().map(|m| m.codes.as_str()).collect();
    let symmetric = profiles.len() == 1;
    // Over the whole phase, so that the treaty does not depend on the period.
    let common = common_obligations(&ph.members);
    // Two states with a common promise: one pact between them.
    let dyadic = distinct.len() == 2 && !common.is_empty();

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
    let title = match ph.name() {
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
    // Who promised what, where members differ.
    let promises = if symmetric {
        None
    } else {
        let mut by: Vec<(String, Vec<String>)> = Vec::new();
        for m in &ph.members {
            let who = w.state_name(m.ccode).unwrap_or("?").to_string();
            match by.iter_mut().find(|(c, _)| *c == m.codes) {
                Some((_, v)) => {
                    if !v.contains(&who) {
                        v.push(who)
                    }
                }
                None => by.push((m.codes.clone(), vec![who])),
            }
        }
        Some(
            by.iter()
                .map(|(c, who)| format!("{}: {c}", who.join(", ")))
                .collect::<Vec<_>>()
                .join("; "),
        )
    };
    if !symmetric {
        rep.produced("alliances whose members promised different things", 1);
    }
    let treaty = if common.is_empty() {
        rep.produced(
            "alliances without an obligation common to all members (no treaty)",
            1,
        );
        None
    } else {
        let obligations: Vec<Obligation> = common
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
                // Adversaries named by the data set must be actors of the graph.
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
        let mut note = match &promises {
            None => vec![format!("Obligations as coded: {}.", ph.members[0].codes)],
            Some(p) => vec![format!(
                "Members promised different things ({p}); the treaty holds what all of them promised, the rest binds one side only and is not a gate."
            )],
        };
        note.extend(ph.notes.iter().cloned());
        let t = Treaty {
            id: ph.base_id(),
            name: format!("{title}{phase_txt}"),
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
                reference: ph.set.reference_id().into(),
                row: format!(
                    "{}{}",
                    match ph.set {
                        DataSet::Atop => format!("atopid {}", ph.alliance),
                        _ => format!("version4id {}", ph.alliance),
                    },
                    phase_txt
                )
                .into(),
            }],
            note: Some(note.join(" ")),
        };
        rep.produced("treaties", 1);
        Some(w.add_treaty(t))
    };

    let cite = |m: &Member| Citation::Dataset {
        reference: ph.set.reference_id().into(),
        row: m.row.clone().into(),
    };
    if dyadic {
        let (a, b) = (&in_force[0], &in_force[1]);
        let (Some(sa), Some(sb)) = (w.state(a.ccode), w.state(b.ccode)) else {
            return;
        };
        let kinds: Vec<ObligationKind> = common.iter().map(|o| o.kind).collect();
        let rtype = pact_type(&kinds);
        let mut r = relation(rtype, sa, sb, Status::Confirmed, vec![cite(a), cite(b)]);
        r.valid_from = [a.from, b.from].into_iter().max_by_key(|d| d.earliest());
        r.valid_until = match (a.until, b.until) {
            (Some(x), Some(y)) => Some(if x.latest() <= y.latest() { x } else { y }),
            (x, None) => x,
            (None, y) => y,
        };
        r.treaty = treaty;
        r.note = promises
            .as_ref()
            .map(|p| format!("Promised: {p}."))
            .map(Into::into);
        past_the_data(w, rep, &ph, &mut r, a.until.is_none() && b.until.is_none());
        r.key = Some(w.key(&ph.base_id()).into());
        w.add_relation(r);
        rep.count_n(outcome::IMPORTED, 2);
        rep.produced(&format!("{rtype} relations"), 1);
        return;
    }
    // One actor for an organisation other data sets name too (the UCDP
    // ESD's `african-union`): the table gives its id.
    let oid = ph
        .named()
        .and_then(|a| a.org_id)
        .map_or_else(|| org_id(ph.set, ph.alliance), str::to_string);
    let org_name = match ph.name() {
        Some(n) => n.to_string(),
        None => format!("{} alliance ({first_year})", ph.label()),
    };
    let founders = all_names.join(", ");
    let named = ph.named();
    let set = ph.set;
    let alliance = ph.alliance;
    let org = w.other(&oid, &org_name, ActorKind::Organisation, || Actor {
        id: String::new(),
        name: String::new(),
        kind: ActorKind::Organisation,
        aliases: Vec::new(),
        recognised: true,
        card: ActorCard {
            iso3: None,
            cow: None,
            description: Some(format!(
                "The alliance {} codes as {} {alliance}; members over its life: {founders}.{}",
                match set {
                    DataSet::Atop => "ATOP",
                    _ => "COW",
                },
                match set {
                    DataSet::Atop => "atopid",
                    _ => "version4id",
                },
                named
                    .map(|a| format!(" Named after the treaty it codes: {}.", a.treaty))
                    .unwrap_or_default()
            )),
            evidence: vec![Citation::Dataset {
                reference: set.reference_id().into(),
                row: match set {
                    DataSet::Atop => format!("atopid {alliance}").into(),
                    _ => format!("version4id {alliance}").into(),
                },
            }],
            attrs: StateAttrs::default(),
            same_as: Vec::new(),
        }
        .into(),
    });
    for m in &in_force {
        let Some(s) = w.state(m.ccode) else { continue };
        let mut r = relation("member_of", s, org, Status::Confirmed, vec![cite(m)]);
        r.valid_from = Some(m.from);
        r.valid_until = m.until;
        r.treaty = treaty;
        if !symmetric {
            r.note = Some(format!("Promised: {}.", m.codes).into());
        }
        past_the_data(w, rep, &ph, &mut r, m.until.is_none());
        r.key = Some(w.key(&format!("{}-{}", ph.base_id(), m.ccode)).into());
        w.add_relation(r);
        rep.count(outcome::IMPORTED);
        rep.produced("member_of relations", 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(
        kind: ObligationKind,
        adv: &[Ccode],
        attackers: Option<u32>,
        def_only: bool,
    ) -> ObligationSpec {
        ObligationSpec {
            kind,
            trigger: format!("{kind:?}"),
            recognised_territory: kind == ObligationKind::Defence,
            defensive_only: def_only,
            adversaries: adv.to_vec(),
            min_attackers: attackers,
            consultation_only: false,
        }
    }

    fn member(c: Ccode, obs: Vec<ObligationSpec>) -> Member {
        Member {
            ccode: c,
            from: PartialDate::year(1900),
            until: None,
            obligations: obs,
            codes: String::new(),
            row: String::new(),
        }
    }

    #[test]
    fn the_common_promise_is_the_most_restrictive() {
        use ObligationKind::*;
        let m = vec![
            member(
                255,
                vec![
                    spec(Defence, &[220], Some(2), false),
                    spec(Offence, &[], None, false),
                ],
            ),
            member(
                300,
                vec![
                    spec(Defence, &[], None, true),
                    spec(Consultation, &[], None, false),
                ],
            ),
        ];
        let c = common_obligations(&m);
        assert_eq!(c.len(), 1, "only defence is common: {c:?}");
        assert_eq!(c[0].adversaries, vec![220]);
        assert_eq!(c[0].min_attackers, Some(2));
        assert!(c[0].defensive_only);
    }

    #[test]
    fn no_common_adversary_no_common_promise() {
        use ObligationKind::*;
        let m = vec![
            member(255, vec![spec(Defence, &[220], None, false)]),
            member(300, vec![spec(Defence, &[365], None, false)]),
        ];
        assert!(common_obligations(&m).is_empty());
        // A guarantee: one side promises, the other not.
        let g = vec![
            member(200, vec![spec(Defence, &[], None, false)]),
            member(235, vec![]),
        ];
        assert!(common_obligations(&g).is_empty());
    }
}
