//! Two outcomes of the same graph compared actor by actor: how the
//! scenarios differ, which gates changed, who moved and why.
//!
//! It runs no scenario (the caller runs both) and prints nothing.

use super::outcome::*;
use super::LEVELS;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;
use std::collections::BTreeMap;

/// One actor in two scenarios.
#[derive(Clone, Debug, Serialize)]
pub struct CompareRow {
    pub actor: ActorRef,
    /// P(level >= k) in the base scenario and in the other.
    pub base: [f64; LEVELS],
    pub other: [f64; LEVELS],
    pub delta: [f64; LEVELS],
    /// Sum of |delta|: the change of its expected level.
    pub moved: f64,
    pub side_base: String,
    pub side_other: String,
    /// Why it moved: gates opened or closed for it, how it now enters.
    pub reasons: Vec<String>,
}

/// The difference between two scenarios, actor by actor, largest movers first.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub base: String,
    pub other: String,
    pub trials: u32,
    pub seed: u64,
    /// How the two scenarios differ: date, strikes, assumptions, hypotheses.
    pub differences: Vec<String>,
    /// Gates whose verdict differs.
    pub gates_changed: Vec<String>,
    pub rows: Vec<CompareRow>,
}

/// A gate's identity across scenarios: kind, treaty, obligation, party.
type GateKey = (String, String, String, String);
/// Per gate: open somewhere, its label, who it concerns.
type GateState = std::collections::BTreeMap<GateKey, (bool, String, Vec<String>)>;

/// A gate's identity across scenarios.
fn gate_key(t: &GateTrace) -> GateKey {
    (
        t.gate.clone(),
        t.treaty.as_ref().map(|x| x.id.clone()).unwrap_or_default(),
        t.obligation.clone().unwrap_or_default(),
        t.party.as_ref().map(|x| x.id.clone()).unwrap_or_default(),
    )
}

fn gate_label(t: &GateTrace) -> String {
    match (&t.treaty, &t.obligation, &t.party) {
        (Some(tr), Some(o), Some(p)) => format!("{} {o} for {}", tr.id, p.name),
        (Some(tr), _, _) => tr.id.clone(),
        (None, _, Some(p)) => match t.facts.first() {
            Some(f) => format!(
                "{} {} {} (host {})",
                f.from.name, f.rtype, f.to.name, p.name
            ),
            None => format!("{} gate in {}", t.gate, p.name),
        },
        _ => t.gate.clone(),
    }
}

/// What differs between two scenarios, in words.
fn differences(a: &ScenarioView, b: &ScenarioView) -> Vec<String> {
    let mut out = Vec::new();
    if a.as_of != b.as_of {
        out.push(format!(
            "as of {} -> {}: facts first reported in between count only in the second",
            a.as_of.as_deref().unwrap_or("any date"),
            b.as_of.as_deref().unwrap_or("any date")
        ));
    }
    let strike = |s: &StrikeView| {
        format!(
            "{} -> {} at {} ({})",
            s.attacker.name,
            s.target.name,
            s.place.name,
            s.severity.as_str()
        )
    };
    let sa: Vec<String> = a.strikes.iter().map(strike).collect();
    let sb: Vec<String> = b.strikes.iter().map(strike).collect();
    for s in sb.iter().filter(|s| !sa.contains(s)) {
        out.push(format!("strike added: {s}"));
    }
    for s in sa.iter().filter(|s| !sb.contains(s)) {
        out.push(format!("strike dropped: {s}"));
    }
    if a.started_by.as_ref().map(|x| &x.id) != b.started_by.as_ref().map(|x| &x.id) {
        let f = |x: &Option<ActorRef>| {
            x.as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_else(|| "not assumed".into())
        };
        out.push(format!(
            "who started the fighting: {} -> {}",
            f(&a.started_by),
            f(&b.started_by)
        ));
    }
    let rel = |r: &RelationView| format!("{} {} {}", r.from.name, r.rtype, r.to.name);
    for r in &b.added {
        out.push(format!("hypothesis in the second: + {}", rel(r)));
    }
    for r in &b.removed {
        out.push(format!("hypothesis in the second: - {}", rel(r)));
    }
    for r in &a.added {
        out.push(format!("hypothesis in the first: + {}", rel(r)));
    }
    for r in &a.removed {
        out.push(format!("hypothesis in the first: - {}", rel(r)));
    }
    out
}

/// Per gate of an outcome: open somewhere; why open (the first open
/// trace) or why closed (the first failed condition); who it concerns.
fn gate_state(o: &Outcome) -> GateState {
    let mut m: GateState = GateState::new();
    for t in &o.gates {
        let e = m
            .entry(gate_key(t))
            .or_insert((false, String::new(), Vec::new()));
        let strike = t
            .strike
            .map(|s| format!("strike {s}: "))
            .unwrap_or_default();
        if t.open && !e.0 {
            e.0 = true;
            let scope = t
                .checks
                .iter()
                .find(|c| {
                    c.condition == "territorial scope" || c.condition == "host territory struck"
                })
                .map(|c| c.detail.clone())
                .unwrap_or_default();
            e.1 = format!("{} ({strike}{scope})", gate_label(t));
        } else if !e.0 && e.1.is_empty() {
            let fail = t
                .checks
                .iter()
                .find(|c| !c.met)
                .map(|c| format!("{}: {}", c.condition, c.detail));
            e.1 = format!("{} ({strike}{})", gate_label(t), fail.unwrap_or_default());
        }
        for gr in t.guarantors.iter().chain(t.party.iter()) {
            if !e.2.contains(&gr.id) {
                e.2.push(gr.id.clone());
            }
        }
    }
    m
}

/// The gates whose verdict differs, in words, and per actor id the
/// changes that concern it.
fn gate_changes(gb: &GateState, go: &GateState) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let mut gates_changed = Vec::new();
    let mut gate_reasons: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let keys: std::collections::BTreeSet<_> = gb.keys().chain(go.keys()).cloned().collect();
    for k in keys {
        // A gate absent from a scenario (its treaty removed) is closed there.
        let b = gb.get(&k).map(|x| x.0).unwrap_or(false);
        let o = go.get(&k).map(|x| x.0).unwrap_or(false);
        if b == o {
            continue;
        }
        let label = |m: &GateState| m.get(&k).map(|x| x.1.clone());
        let text = if o {
            format!("opens: {}", label(go).unwrap_or_default())
        } else {
            match label(go) {
                Some(why) => format!("closes: {why}"),
                None => format!(
                    "closes: {} (the treaty has no party left in the second scenario)",
                    gb.get(&k)
                        .map(|x| x.1.split(" (").next().unwrap_or("").to_string())
                        .unwrap_or_default()
                ),
            }
        };
        gates_changed.push(text.clone());
        let mut who: Vec<String> = Vec::new();
        for m in [gb, go] {
            if let Some(x) = m.get(&k) {
                for id in &x.2 {
                    if !who.contains(id) {
                        who.push(id.clone());
                    }
                }
            }
        }
        for id in who {
            gate_reasons.entry(id).or_default().push(text.clone());
        }
    }
    (gates_changed, gate_reasons)
}

/// One actor in both outcomes: probabilities, their change, and why.
fn compare_row(
    a: Option<&ActorOutcome>,
    b: Option<&ActorOutcome>,
    mut reasons: Vec<String>,
) -> CompareRow {
    let actor = a
        .or(b)
        .map(|x| x.actor.clone())
        .expect("listed in one of them");
    let pa: [f64; LEVELS] = std::array::from_fn(|k| a.map(|x| x.p(k + 1)).unwrap_or(0.0));
    let pb: [f64; LEVELS] = std::array::from_fn(|k| b.map(|x| x.p(k + 1)).unwrap_or(0.0));
    let delta: [f64; LEVELS] = std::array::from_fn(|k| pb[k] - pa[k]);
    let moved = delta.iter().map(|d| d.abs()).sum();
    let first_hop = |o: Option<&ActorOutcome>| -> Option<String> {
        let c = o?.chain.as_ref()?;
        let h = c.hops.last()?;
        Some(format!(
            "at L{} from {} via {}",
            h.level, h.from.name, h.via
        ))
    };
    let (ha, hb) = (first_hop(a), first_hop(b));
    if ha != hb {
        if let Some(h) = &hb {
            reasons.push(format!(
                "now most often enters {h}{}",
                ha.as_ref()
                    .map(|x| format!("; before: {x}"))
                    .unwrap_or_default()
            ));
        }
    }
    if a.is_some_and(|x| x.belligerent) != b.is_some_and(|x| x.belligerent) {
        reasons.push(if b.is_some_and(|x| x.belligerent) {
            "a belligerent in the other scenario".into()
        } else {
            "no longer a belligerent".into()
        });
    }
    let side = |o: Option<&ActorOutcome>| {
        o.map(|x| x.side.call.clone())
            .unwrap_or_else(|| "none".into())
    };
    CompareRow {
        actor,
        base: pa,
        other: pb,
        delta,
        moved,
        side_base: side(a),
        side_other: side(b),
        reasons,
    }
}

/// Compares two outcomes of the same graph, actor by actor.
pub fn compare(base: &Outcome, other: &Outcome) -> Comparison {
    let (gates_changed, gate_reasons) = gate_changes(&gate_state(base), &gate_state(other));
    let mut ids: Vec<String> = base.actors.iter().map(|a| a.actor.id.clone()).collect();
    for a in &other.actors {
        if !ids.contains(&a.actor.id) {
            ids.push(a.actor.id.clone());
        }
    }
    let mut rows: Vec<CompareRow> = ids
        .iter()
        .map(|id| {
            let reasons = gate_reasons.get(id).cloned().unwrap_or_default();
            compare_row(base.actor(id), other.actor(id), reasons)
        })
        .collect();
    rows.sort_by(|a, b| {
        b.moved
            .total_cmp(&a.moved)
            .then(a.actor.id.cmp(&b.actor.id))
    });
    Comparison {
        differences: differences(&base.scenario, &other.scenario),
        base: base.scenario.name.clone(),
        other: other.scenario.name.clone(),
        trials: base.trials.min(other.trials),
        seed: base.seed,
        gates_changed,
        rows,
    }
}
