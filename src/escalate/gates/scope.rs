//! Where a strike lands relative to a party: within its recognised
//! territory (following `part_of` up to the de jure holder), or within a
//! clause's covered regions, with the facts that say so.
//!
//! It does not judge any other condition of a clause (`conditions.rs`) and
//! does not know about treaties.

use crate::model::*;

/// The `part_of` chain from `place` up, and the relations on it.
fn chain_up(g: &Graph, place: ActorId) -> (Vec<ActorId>, Vec<RelId>) {
    let mut nodes = vec![place];
    let mut rels = Vec::new();
    let mut cur = place;
    for _ in 0..g.actors.len() {
        let Some(r) = g.out_of_type(cur, "part_of").next() else {
            break;
        };
        cur = g.relation(r).to;
        rels.push(r);
        if nodes.contains(&cur) {
            break;
        }
        nodes.push(cur);
    }
    (nodes, rels)
}

/// Is `place` within `party`'s recognised territory, and why (or why not)?
pub(crate) fn within(g: &Graph, place: ActorId, party: ActorId) -> (bool, String, Vec<RelId>) {
    let name = |a: ActorId| g.actor(a).name.clone();
    if place == party {
        return (
            true,
            format!("the strike lands on {} itself", name(party)),
            Vec::new(),
        );
    }
    let (nodes, rels) = chain_up(g, place);
    if g.is_within(place, party) {
        let path: Vec<String> = nodes.iter().map(|a| name(*a)).collect();
        return (
            true,
            format!(
                "{} lies within {}'s recognised territory ({})",
                name(place),
                name(party),
                path.join(" part of ")
            ),
            rels,
        );
    }
    let mut facts = rels;
    let mut why = format!(
        "{} is not within {}'s recognised territory",
        name(place),
        name(party)
    );
    match g.de_jure_holder(place) {
        Some(h) if h != place => why.push_str(&format!(": de jure it is part of {}", name(h))),
        Some(_) => {}
        None => why.push_str(": no `part_of` link places it in any state"),
    }
    let facto = g.de_facto_holders(place);
    if !facto.is_empty() {
        let names: Vec<String> = facto.iter().map(|a| name(*a)).collect();
        why.push_str(&format!(", held de facto by {}", names.join(" and ")));
        for r in g.relation_ids() {
            let rel = g.relation(r);
            if rel.rtype == "controls" && facto.contains(&rel.from) && nodes.contains(&rel.to) {
                facts.push(r);
            }
        }
    }
    (false, why, facts)
}

/// A clause's territorial scope for a strike on `party` at `place`: met or
/// not, why, and the facts (`part_of` links, de facto control).
pub(crate) fn scope_check(
    g: &Graph,
    scope: &Scope,
    place: ActorId,
    party: ActorId,
) -> (bool, String, Vec<RelId>) {
    match scope {
        Scope::Anywhere => (true, "anywhere a party is attacked".to_string(), Vec::new()),
        Scope::RecognisedTerritory => within(g, place, party),
        Scope::Regions { regions } => {
            let names: Vec<String> = regions.iter().map(|r| g.actor(*r).name.clone()).collect();
            match regions.iter().find(|r| g.is_within(place, **r)) {
                Some(r) => (
                    true,
                    format!(
                        "{} lies within {}, one of the covered regions ({})",
                        g.actor(place).name,
                        g.actor(*r).name,
                        names.join(", ")
                    ),
                    Vec::new(),
                ),
                None => (
                    false,
                    format!(
                        "{} lies outside the covered regions ({})",
                        g.actor(place).name,
                        names.join(", ")
                    ),
                    Vec::new(),
                ),
            }
        }
    }
}
