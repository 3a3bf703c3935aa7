//! Foreign bases (and any other host-territory gate of the model): a
//! state's forces in another state are engaged only if a strike hits the
//! host inside its recognised territory.
//!
//! It does not weigh the base (the cascade's `military_base_in` channel
//! and the joining model's `base_in_struck` term do).

use super::{within, Check, GateTrace, Gates};
use crate::escalate::model::{ChannelGate, PartnerRole};
use crate::escalate::World;
use crate::model::*;
use crate::view::{ActorRef, RelationView};

pub(super) fn evaluate(w: &World, out: &mut Gates) {
    for spec in &w.model.channels {
        let Some(ChannelGate::HostTerritory { closed_max }) = spec.gate else {
            continue;
        };
        for r in w.g.relation_ids() {
            let rel = w.g.relation(r);
            if rel.rtype != spec.rtype || !w.live[r.index()] || out.base_open.contains_key(&r) {
                continue;
            }
            let Some(host) = w.g.de_jure_holder(rel.to) else {
                continue;
            };
            let owner = match spec.partner {
                PartnerRole::To => host,
                _ => rel.from,
            };
            let opens = format!("up to L{} (L{closed_max} while closed)", spec.max_level());
            let trace = base_gate(w, r, host, owner, opens);
            out.base_open.insert(r, trace.open);
            out.traces.push(trace);
        }
    }
}

/// The gate of one base in `host`, owned by `owner`.
fn base_gate(w: &World, r: RelId, host: ActorId, owner: ActorId, opens: String) -> GateTrace {
    let g = w.g;
    let sc = w.scenario;
    let rel = g.relation(r);
    let aref = |a: ActorId| ActorRef::new(g, a);
    let mut hit = None;
    let mut why = format!("no strike hits {}", g.actor(host).name);
    let mut facts = vec![r];
    for (si, s) in sc.strikes.iter().enumerate() {
        if s.target != host {
            continue;
        }
        let (ok, detail, rels) = within(g, s.place, host);
        why = detail;
        if ok {
            facts.extend(rels);
            hit = Some(si);
            break;
        }
    }
    let open = hit.is_some();
    GateTrace {
        gate: "base".into(),
        treaty: None,
        obligation: None,
        trigger: Some(format!(
            "{} {} {}: its forces are engaged if the host's territory is struck",
            g.actor(rel.from).name,
            g.rtype(rel).verb,
            g.actor(rel.to).name
        )),
        role: "target".into(),
        party: Some(aref(host)),
        strike: hit.map(|i| i + 1),
        place: hit.map(|i| aref(sc.strikes[i].place)),
        open,
        opens,
        checks: vec![Check {
            condition: "host territory struck".into(),
            met: open,
            detail: why.clone(),
        }],
        guarantors: vec![aref(owner)],
        facts: facts.iter().map(|x| RelationView::new(g, *x)).collect(),
        summary: if open {
            format!("open: {why}")
        } else {
            format!("closed: {why}")
        },
    }
}
