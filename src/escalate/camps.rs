//! Camps: the allies of the belligerents, for the joining model's
//! second-order rivalry term `rival_of_ally`.
//!
//! A war spreads along rivalries with the belligerents' allies, not only
//! along ties to the belligerents themselves: in July 1914 Britain had no
//! tie to Austria-Hungary or Serbia, but it was Germany's rival, and
//! Germany was Austria-Hungary's ally. The camp of the belligerents is
//! every state tied to one of them by an alliance (a shared treaty, or an
//! `ally` or `defence_pact` fact); a candidate that is a `rival` of a
//! member of the camp is a rival of an ally.
//!
//! What it does not do: it looks no further than two steps (a rival of an
//! ally of an ally counts nothing), it never counts a belligerent as a
//! member of the camp (rivalries with belligerents are `rival_target` and
//! `rival_attacker`), it reads no gate (the camp is who is tied, not who
//! is bound to act), and it does not say on which side the rival would
//! fight (the side model does; a second-order side term was tried and
//! left out: out of fold it did not place joiners better).
//!
//! ```text
//!   belligerent ──ally── X ──rival── candidate      a rival of an ally
//! ```

use super::world::Party;
use super::World;
use crate::model::*;
use std::collections::HashMap;

/// The states allied with a belligerent (none of them a belligerent),
/// each with the belligerent and the facts of the tie.
pub(crate) struct Camp {
    allies: HashMap<ActorId, (ActorId, Vec<RelId>)>,
}

/// A candidate's rivalry with an ally of a belligerent.
pub(crate) struct RivalOfAlly {
    /// The rival, an ally of `belligerent`.
    pub ally: ActorId,
    pub belligerent: ActorId,
    /// The rivalry, then the alliance tie.
    pub facts: Vec<RelId>,
}

impl Camp {
    /// The camp of `w`'s belligerents; `parties` lists each treaty's
    /// parties (by treaty index).
    pub(crate) fn new(w: &World, parties: &[Vec<Party>]) -> Camp {
        let mut allies = HashMap::new();
        for &b in &w.belligerents {
            for (x, facts) in alliance_ties(w, parties, b) {
                if w.side[x.index()].is_none() {
                    allies.entry(x).or_insert((b, facts));
                }
            }
        }
        Camp { allies }
    }

    /// The first live rivalry of `c` with a member of the camp, if any.
    pub(crate) fn rival_of_ally(&self, w: &World, c: ActorId) -> Option<RivalOfAlly> {
        let g = w.g;
        g.relations_of(c)
            .filter(|r| w.live[r.index()] && g.relation(*r).rtype == "rival")
            .find_map(|r| {
                let x = w.agent(g.relation(r).other(c)).filter(|x| *x != c)?;
                let (b, tie) = self.allies.get(&x)?;
                let mut facts = vec![r];
                facts.extend(tie);
                Some(RivalOfAlly {
                    ally: x,
                    belligerent: *b,
                    facts,
                })
            })
    }
}

/// The states tied to `x` by an alliance: a treaty both are parties to,
/// or an `ally` or `defence_pact` fact with no treaty; with the facts.
fn alliance_ties(w: &World, parties: &[Vec<Party>], x: ActorId) -> Vec<(ActorId, Vec<RelId>)> {
    let g = w.g;
    let mut out = Vec::new();
    for ps in parties {
        let Some(me) = ps.iter().find(|p| p.actor == x) else {
            continue;
        };
        out.extend(
            ps.iter()
                .filter(|p| p.actor != x)
                .map(|p| (p.actor, vec![me.anchor, p.anchor])),
        );
    }
    for r in g.relations_of(x) {
        let rel = g.relation(r);
        if !w.live[r.index()]
            || rel.treaty.is_some()
            || !matches!(rel.rtype.as_str(), "ally" | "defence_pact")
        {
            continue;
        }
        if let Some(o) = w.agent(rel.other(x)).filter(|o| *o != x) {
            if g.actor(o).kind == ActorKind::State {
                out.push((o, vec![r]));
            }
        }
    }
    out
}
