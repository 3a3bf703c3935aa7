//! The conditions of one treaty obligation for one strike, one function
//! each, every one returning a traced [`Check`]: in force, party,
//! territorial scope, severity, the war reaching the attacker (attacker
//! side), adversary, a dispute inside the alliance, number of attackers,
//! non-provocation, and conditions the data do not spell out.
//!
//! Rules (the ATOP codebook's conditions, and what casus does where the
//! member-level file does not code enough):
//! - **Target side**: defence and consultation clauses of the party hit.
//! - **Attacker side**: an offence clause opens for the attacker's allies
//!   (in any place: it binds the parties to a war they wage); a defence
//!   clause covers the attacker only once the war comes back to it (a
//!   sustained war or an occupation, not an incident) and only without a
//!   non-provocation condition (`defconpr`) unless the scenario says the
//!   other side started the fighting.
//! - **Inside one alliance**: a clause opens nothing against a co-party
//!   unless the treaty names that co-party as an adversary.
//! - **Location, conflict, demands, an unnamed adversary** (`*coloc`,
//!   `*cocon`, `*codem`, `*coadv` without `statthr`): the data do not say
//!   which, so the gate is *conditional*, weighed by the joining model's
//!   own term (`defence_conditional`), whose size `casus calibrate` fits.
//! - **Severity**: a clause's own `min_severity` closes it; beyond that,
//!   war against incident enters the joining model as gate-by-severity
//!   terms (`war_x_defence_open`, `war_x_attacker_side_open`).
//!
//! It does not decide what an open gate lets through (`mod.rs`) nor where
//! a place lies (`scope.rs`).

use super::scope::scope_check;
use super::{Check, Role};
use crate::escalate::{Party, Scenario, Strike, World};
use crate::model::*;

/// One obligation of one treaty, for one party, one strike and one role.
pub(crate) struct Case<'a> {
    pub w: &'a World<'a>,
    pub treaty: &'a Treaty,
    pub parties: &'a [Party],
    pub party: Party,
    pub strike: &'a Strike,
    pub role: Role,
    pub o: &'a Obligation,
}

fn check(condition: &str, met: bool, detail: String) -> Check {
    Check {
        condition: condition.into(),
        met,
        detail,
    }
}

/// Does the obligation concern the party in this role at all?
pub(crate) fn relevant(o: &Obligation, role: Role) -> bool {
    match (o.kind, role) {
        (ObligationKind::Defence | ObligationKind::Consultation, Role::Target) => true,
        (ObligationKind::Offence, Role::Attacker) => true,
        (ObligationKind::Defence, Role::Attacker) => !o.consultation_only,
        _ => false,
    }
}

impl Case<'_> {
    fn g(&self) -> &Graph {
        self.w.g
    }
    fn name(&self, a: ActorId) -> &str {
        &self.g().actor(a).name
    }
    fn p(&self) -> ActorId {
        self.party.actor
    }
    /// The other side of the strike.
    fn opponent(&self) -> ActorId {
        match self.role {
            Role::Target => self.strike.attacker,
            Role::Attacker => self.strike.target,
        }
    }
    fn sc(&self) -> &Scenario {
        self.w.scenario
    }

    /// Every condition, in order, with the facts the gate rests on.
    pub fn checks(&self) -> (Vec<Check>, Vec<RelId>) {
        let (in_force, detail) = self.w.in_force(self.treaty);
        let mut out = vec![check("in force", in_force, detail), self.party_check()];
        let mut facts = vec![self.party.anchor];
        let (scope, rels) = self.scope();
        facts.extend(rels);
        out.push(scope);
        out.push(self.severity());
        if self.role == Role::Attacker && self.o.kind == ObligationKind::Defence {
            out.push(self.war_comes_back());
        }
        out.push(self.adversary());
        out.extend(self.co_party());
        out.extend(self.attackers());
        out.extend(self.initiator());
        out.extend(self.uncoded());
        (out, facts)
    }

    fn party_check(&self) -> Check {
        let a = self.g().relation(self.party.anchor);
        check(
            "party",
            true,
            format!(
                "{} {} {} [{}]",
                self.name(a.from),
                self.g().rtype(a).verb,
                self.name(a.to),
                a.status
            ),
        )
    }

    fn scope(&self) -> (Check, Vec<RelId>) {
        let s = self.strike;
        if self.role == Role::Attacker {
            if let Scope::Regions { .. } = self.o.scope {
                let (ok, why, rels) = scope_check(self.g(), &self.o.scope, s.place, s.target);
                return (check("territorial scope", ok, why), rels);
            }
            let why = match self.o.kind {
                ObligationKind::Offence => "an offence clause binds the parties to a war they wage, wherever it is fought".to_string(),
                _ => format!("{}'s war: the clause's scope is taken to be reached if the war comes back to {}", self.name(self.p()), self.name(self.p())),
            };
            return (check("territorial scope", true, why), Vec::new());
        }
        let (ok, why, rels) = scope_check(self.g(), &self.o.scope, s.place, self.p());
        (check("territorial scope", ok, why), rels)
    }

    fn severity(&self) -> Check {
        let s = self.strike;
        check(
            "severity",
            s.severity >= self.o.min_severity,
            format!(
                "the strike is {}; the clause needs {} or more",
                s.severity.as_str(),
                self.o.min_severity.as_str()
            ),
        )
    }

    /// Attacker side, defence clause: only a war that comes back to the
    /// attacker (the target fights back) engages it.
    fn war_comes_back(&self) -> Check {
        let s = self.strike;
        let met = s.severity >= Severity::Sustained;
        check(
            "the war reaches the attacker",
            met,
            if met {
                format!(
                    "a {} war: {} fights back against {}",
                    s.severity.as_str(),
                    self.name(s.target),
                    self.name(s.attacker)
                )
            } else {
                format!(
                    "an incident: nothing hits {}, so a defence clause does not cover its strike",
                    self.name(s.attacker)
                )
            },
        )
    }

    fn adversary(&self) -> Check {
        let other = self.opponent();
        let o = self.o;
        let ok = o.adversaries.is_empty() || o.adversaries.contains(&other);
        let detail = if o.adversaries.is_empty() {
            format!("any adversary, {} included", self.name(other))
        } else {
            let names: Vec<&str> = o.adversaries.iter().map(|a| self.name(*a)).collect();
            format!(
                "only against {}: {} {}",
                names.join(", "),
                self.name(other),
                if ok { "is one" } else { "is not" }
            )
        };
        check("adversary", ok, detail)
    }

    /// A dispute inside the alliance opens nothing against a co-party,
    /// unless the treaty names it as an adversary.
    fn co_party(&self) -> Option<Check> {
        let other = self.opponent();
        if !self.parties.iter().any(|q| q.actor == other) {
            return None;
        }
        let named = self.o.adversaries.contains(&other);
        Some(check(
            "not against a co-party",
            named,
            if named {
                format!(
                    "{} is a party too, but the treaty names it as an adversary",
                    self.name(other)
                )
            } else {
                format!(
                    "{} is itself a party of {}: a dispute inside the alliance opens nothing against a co-party",
                    self.name(other),
                    self.treaty.name
                )
            },
        ))
    }

    fn attackers(&self) -> Option<Check> {
        let n = self.o.min_attackers?;
        if self.role != Role::Target {
            return None;
        }
        let mut v: Vec<ActorId> = self
            .sc()
            .strikes
            .iter()
            .filter(|x| x.target == self.p())
            .map(|x| x.attacker)
            .collect();
        v.sort();
        v.dedup();
        Some(check(
            "number of attackers",
            v.len() as u32 >= n,
            format!(
                "{} state(s) attack {}; the clause needs {n}",
                v.len(),
                self.name(self.p())
            ),
        ))
    }

    /// Non-provocation (ATOP `defconpr`): the clause does not cover a
    /// party's own war.
    fn initiator(&self) -> Option<Check> {
        if !self.o.defensive_only || self.o.kind == ObligationKind::Offence {
            return None;
        }
        let p = self.p();
        let started = self.sc().started_by;
        let (met, detail) = match (self.role, started) {
            (_, Some(x)) if x == p => (false, format!("the scenario has {} start the fighting; a defensive-only obligation does not cover a party's own war", self.name(p))),
            (_, Some(x)) => (true, format!("the scenario has {} start the fighting, not {}", self.name(x), self.name(p))),
            (Role::Target, None) => (true, format!("{} is attacked here; who started the war is not assumed (set `started_by` to test it)", self.name(p))),
            (Role::Attacker, None) => (false, format!("{} strikes first here; a clause with a non-provocation condition does not cover a party's own attack (set `started_by` to assume otherwise)", self.name(p))),
        };
        Some(check("not the initiator", met, detail))
    }

    /// Conditions ATOP codes without saying which location, conflict,
    /// demands or adversary: met, but the gate is conditional.
    fn uncoded(&self) -> Option<Check> {
        let mut what = uncoded_conditions(&self.o.trigger);
        if self.o.adversaries.is_empty()
            && ["defcoadv", "offcoadv"]
                .iter()
                .any(|c| self.o.trigger.contains(c))
        {
            what.push("against a particular adversary");
        }
        if what.is_empty() {
            return None;
        }
        Some(check(
            "conditions the data do not spell out",
            true,
            format!(
                "the clause holds only {}; the data do not say which: the gate counts as conditional, weighed by the joining model's own term",
                what.join(", ")
            ),
        ))
    }
}

/// Conditions an ATOP clause carries whose content the member-level file
/// does not give, as the import keeps them in the clause's trigger text:
/// a location (`defcoloc`, `offcoloc`), a conflict (`*cocon`), demands
/// (`*codem`).
pub(crate) fn uncoded_conditions(trigger: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (code, what) in [
        ("coloc", "in a particular location"),
        ("cocon", "in a particular conflict"),
        ("codem", "if particular demands are made"),
    ] {
        if ["def", "off"]
            .iter()
            .any(|k| trigger.contains(&format!("{k}{code}")))
        {
            out.push(what);
        }
    }
    out
}
