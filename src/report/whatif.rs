//! The tables of a what-if report (`casus report --escalate SCENARIO`):
//! the treaty gates with every condition checked, the involvement of each
//! actor drawn in (P(level >= k) with its 95% interval), and the cited
//! chain that most often drew each in.
//!
//! Invariant: read off the engine's `Outcome` as it is; nothing is
//! recomputed or rounded beyond display.

use super::Table;
use crate::escalate::Outcome;

fn pct(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// The gates: treaty or base, the party hit, open or closed, each check.
pub fn gates(o: &Outcome) -> Table {
    let rows = o
        .gates
        .iter()
        .map(|t| {
            let checks: Vec<String> = t
                .checks
                .iter()
                .map(|c| {
                    format!(
                        "{} {}: {}",
                        if c.met { "✓" } else { "✗" },
                        c.condition,
                        c.detail
                    )
                })
                .collect();
            vec![
                t.treaty
                    .as_ref()
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| t.gate.clone()),
                t.obligation.clone().unwrap_or_default(),
                t.party.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
                if t.open { "open" } else { "closed" }.to_string(),
                checks.join("; "),
            ]
        })
        .collect();
    Table {
        heading: format!("Gates ({})", o.gates.len()),
        note: Some("Each treaty obligation or base opened by a strike, with every condition checked (✓ met, ✗ not).".into()),
        columns: ["treaty or base", "obligation", "party hit", "gate", "checks"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// Involvement: each actor drawn in, its side, P(level >= k) with intervals.
pub fn involvement(o: &Outcome) -> Table {
    let rows = o
        .actors
        .iter()
        .map(|a| {
            let mut row = vec![
                a.actor.name.clone(),
                if a.belligerent {
                    format!("belligerent, {}", a.side.call)
                } else {
                    a.side.call.replace('_', "-")
                },
            ];
            row.extend(
                a.levels
                    .iter()
                    .map(|l| format!("{} ({}–{})", pct(l.p), pct(l.low), pct(l.high))),
            );
            row
        })
        .collect();
    let mut columns = vec!["actor".to_string(), "side".to_string()];
    columns.extend((1..=5).map(|k| format!("P(L{k}+) (95%)")));
    Table {
        heading: format!("Involvement ({} trials, seed {})", o.trials, o.seed),
        note: Some(format!(
            "levels: {}; Wilson 95% intervals",
            o.levels.join(", ")
        )),
        columns,
        rows,
    }
}

/// The chain that most often drew each actor in, hop by hop, with the
/// facts behind each hop.
pub fn chains(o: &Outcome) -> Table {
    let rows = o
        .actors
        .iter()
        .filter_map(|a| {
            let c = a.chain.as_ref()?;
            let hops: Vec<String> = c
                .hops
                .iter()
                .map(|h| {
                    let facts: Vec<String> = h
                        .relations
                        .iter()
                        .map(|r| format!("rel-{} [{}]", r.index, r.status.as_str()))
                        .collect();
                    format!(
                        "{} → {} by {} (L{}; {})",
                        h.from.name,
                        h.to.name,
                        h.via,
                        h.level,
                        facts.join(", ")
                    )
                })
                .collect();
            Some(vec![a.actor.name.clone(), pct(c.share), hops.join(" ⟶ ")])
        })
        .collect();
    Table {
        heading: "Chains".into(),
        note: Some("The most frequent way each actor was drawn in, with its share of the trials in which it entered; the facts are in the facts table.".into()),
        columns: ["actor", "share", "chain"].map(String::from).to_vec(),
        rows,
    }
}
