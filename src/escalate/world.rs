//! The graph as the engine sees it for one scenario: which relations are
//! live (as of the date, strong enough), who speaks for whom, which
//! conflicts are the war, which side each belligerent is on, and who is
//! already at war when the scenario starts.
//!
//! It evaluates no gate, draws nothing and never changes the graph.

use super::{sides, Model, Scenario, Side};
use crate::model::*;
use crate::query::Filter;

/// Per relation: does it count in this scenario? It holds on the as-of
/// date (or is a recent dated event) and its status carries weight.
fn live_relations(g: &Graph, scenario: &Scenario, model: &Model) -> Vec<bool> {
    let filter = Filter {
        as_of: scenario.as_of,
        min_status: scenario.min_status,
        ..Filter::default()
    };
    // A dated event (`date = ...`: since = until) counts from its date
    // on: a condemnation of 1 October still says on 4 October where its
    // author stands; but not for ever: an event more than
    // EVENT_HORIZON_YEARS before the date is no channel (a strike or a
    // condemnation of decades ago does not say where its author stands
    // today; what lasts is stated as a relation with a period).
    // Everything else must hold on the date.
    let undated = Filter {
        as_of: None,
        ..filter.clone()
    };
    g.relation_ids()
        .map(|r| {
            let rel = g.relation(r);
            let known = filter.allows(g, r)
                || match (scenario.as_of, rel.valid_from) {
                    (Some(d), Some(f))
                        if rel.valid_until == Some(f) && recent(f, d) && undated.allows(g, r) =>
                    {
                        let mut from_then_on = rel.clone();
                        from_then_on.valid_until = None;
                        g.holds_on(&from_then_on, d)
                    }
                    _ => false,
                };
            known && model.status_weight(rel.status) > 0.0
        })
        .collect()
}

/// How long a dated event (a strike, a condemnation, a recall) counts
/// after its date, in years: it still places its author on the date of a
/// scenario up to this many years later, and is cut from the channels
/// after (see `World::new`).
pub(crate) const EVENT_HORIZON_YEARS: i32 = 10;

/// Did an event dated `f` happen at most [`EVENT_HORIZON_YEARS`] before `d`?
fn recent(f: PartialDate, d: Date) -> bool {
    let horizon = Date {
        year: d.year - EVENT_HORIZON_YEARS,
        ..d
    };
    f.latest() >= horizon
}

/// The graph as the engine sees it for one scenario: which relations are
/// live (as of the date, strong enough), who speaks for whom, which
/// conflicts are the war, which side each belligerent is on.
pub(crate) struct World<'g> {
    pub g: &'g Graph,
    pub scenario: &'g Scenario,
    pub model: &'g Model,
    /// Per relation: does it count in this scenario?
    pub live: Vec<bool>,
    /// Per actor: the state a person speaks for.
    pub speaks_for: Vec<Option<ActorId>>,
    /// Per actor: is it one of the wars of the scenario?
    pub is_hub: Vec<bool>,
    pub hubs: Vec<ActorId>,
    /// Per actor: its side if it is a belligerent.
    pub side: Vec<Option<Side>>,
    /// The belligerents: those of the strikes, then those already at war
    /// with one of them on the scenario's date.
    pub belligerents: Vec<ActorId>,
}

impl<'g> World<'g> {
    pub fn new(g: &'g Graph, scenario: &'g Scenario, model: &'g Model) -> World<'g> {
        let live = live_relations(g, scenario, model);
        let mut speaks_for = vec![None; g.actors.len()];
        for r in g.relation_ids() {
            let rel = g.relation(r);
            if live[r.index()]
                && model.person_types.iter().any(|t| rel.rtype == *t)
                && g.actor(rel.from).kind == ActorKind::Person
                && speaks_for[rel.from.index()].is_none()
                && g.actor(rel.to).kind.is_agent()
            {
                speaks_for[rel.from.index()] = Some(rel.to);
            }
        }
        let mut side = vec![None; g.actors.len()];
        let colours = sides::colour(scenario).unwrap_or_else(|e| e.partial);
        for (a, s) in colours {
            side[a.index()] = Some(s);
        }
        let belligerents = already_at_war(g, &live, scenario.belligerents(), &mut side);
        let hubs: Vec<ActorId> = match &scenario.conflicts {
            Some(c) => c.clone(),
            None => {
                let bell = &belligerents;
                let mut hubs = Vec::new();
                for r in g.relation_ids() {
                    let rel = g.relation(r);
                    if live[r.index()]
                        && model.conflict_party_types.iter().any(|t| rel.rtype == *t)
                        && bell.contains(&rel.from)
                        && g.actor(rel.to).kind == ActorKind::Conflict
                        && !hubs.contains(&rel.to)
                    {
                        hubs.push(rel.to);
                    }
                }
                hubs
            }
        };
        let mut is_hub = vec![false; g.actors.len()];
        for h in &hubs {
            is_hub[h.index()] = true;
        }
        World {
            g,
            scenario,
            model,
            live,
            speaks_for,
            is_hub,
            hubs,
            side,
            belligerents,
        }
    }

    /// The actor that acts for `a` in the cascade: a person's state, a
    /// place's de jure holder, a war of the scenario, or `a` itself;
    /// `None` for things that never act (other conflicts, unheld places).
    pub fn agent(&self, a: ActorId) -> Option<ActorId> {
        match self.g.actor(a).kind {
            ActorKind::Person => self.speaks_for[a.index()],
            ActorKind::Place | ActorKind::Territory => self.g.de_jure_holder(a),
            ActorKind::Conflict => self.is_hub[a.index()].then_some(a),
            _ => Some(a),
        }
    }

    pub fn weight(&self, r: RelId) -> f64 {
        self.model.status_weight(self.g.relation(r).status)
    }

    /// Is the relation a commitment (a treaty tie or a commitment type)
    /// rather than an interest?
    pub fn is_commitment(&self, r: RelId) -> bool {
        let rel = self.g.relation(r);
        rel.treaty.is_some() || self.model.commitment_types.iter().any(|t| rel.rtype == *t)
    }

    /// The parties of a treaty by its live relations, each once, with the
    /// relation that binds it and the organisation it is a member of (for
    /// memberships).
    pub fn treaty_parties(&self, t: TreatyId) -> Vec<Party> {
        let mut out: Vec<Party> = Vec::new();
        for r in self.g.parties_of(t) {
            if !self.live[r.index()] {
                continue;
            }
            let rel = self.g.relation(r);
            let membership = self.g.actor(rel.to).kind == ActorKind::Organisation
                && self.g.actor(rel.from).kind != ActorKind::Organisation;
            let ends: Vec<(ActorId, Option<ActorId>)> = if membership {
                vec![(rel.from, Some(rel.to))]
            } else {
                vec![(rel.from, None), (rel.to, None)]
            };
            for (a, inst) in ends {
                if !out.iter().any(|p| p.actor == a) {
                    out.push(Party {
                        actor: a,
                        anchor: r,
                        institution: inst,
                    });
                }
            }
        }
        out
    }

    /// Is the treaty in force on the scenario's date?
    pub fn in_force(&self, t: &Treaty) -> (bool, String) {
        let Some(d) = self.scenario.as_of else {
            return (true, "no as-of date: taken as in force".into());
        };
        let start = t.in_force.or(t.signed);
        if let Some(s) = start {
            if s.earliest() > d {
                return (false, format!("not yet in force on {d} (in force {s})"));
            }
        }
        if let Some(u) = t.until {
            if u.latest() < d {
                return (false, format!("expired on {d} (until {u})"));
            }
        }
        let since = start
            .map(|s| format!("in force since {s}"))
            .unwrap_or_else(|| "in force".into());
        (true, format!("{since}; as of {d}"))
    }
}

/// The belligerents of the strikes, then every state or armed group with
/// a live `at_war` relation to a belligerent (transitively), on the side
/// opposite to it: a state already at war when the scenario starts is a
/// belligerent, not a state that could join.
fn already_at_war(
    g: &Graph,
    live: &[bool],
    mut bell: Vec<ActorId>,
    side: &mut [Option<Side>],
) -> Vec<ActorId> {
    let mut i = 0;
    while i < bell.len() {
        let b = bell[i];
        i += 1;
        let Some(sb) = side[b.index()] else { continue };
        for r in g.relations_of(b) {
            let rel = g.relation(r);
            if !live[r.index()] || rel.rtype != "at_war" {
                continue;
            }
            let o = rel.other(b);
            let kind = g.actor(o).kind;
            if side[o.index()].is_none() && matches!(kind, ActorKind::State | ActorKind::ArmedGroup)
            {
                side[o.index()] = Some(sb.other());
                bell.push(o);
            }
        }
    }
    bell
}

/// A party of a treaty.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Party {
    pub actor: ActorId,
    pub anchor: RelId,
    pub institution: Option<ActorId>,
}
