//! Sides: which camp each actor would join, by structural balance, and who
//! is cross-pressured or a mediator.
//!
//! The belligerents split into two camps by their strikes (the first
//! strike's attacker is side A). The camps are enemies, so a tie of an
//! actor X with a belligerent Y closes a triangle X–Y–(the other camp):
//! balanced if X is friendly with Y and joins Y's side, or hostile to Y
//! and joins the other. X gets the side that leaves the fewest unbalanced
//! triangles (weighted by relation type and status). An actor with
//! friendly *interest* ties (not treaty commitments) to both camps, the
//! weaker at least a set share of the stronger, is cross-pressured: it is
//! reported so, with the side it leans to, and its draws are damped.
//!
//! Where the model file has a fitted side model (`[side_model]`), every
//! candidate state takes the side it gives ([`apply_fitted`]): structural
//! balance then places only what the fitted model has nothing to say
//! about (organisations, armed groups, persons, and states when no side
//! model is fitted), and a state is reported cross-pressured only when the
//! fitted odds are near even and it has real ties to both sides (an
//! alliance tie or an open gate on each, or friendly interests in both
//! camps). The cascade's damping of cross-pressured actors stays
//! structural balance's: the fitted sides are what is reported.

use super::gates::{GateLevel, Gates};
use super::joining::{side_probability, Candidate};
use super::{Scenario, World};
use crate::model::*;
use crate::view::ActorRef;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One of the two camps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
    pub fn index(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }
}

/// Two strikes put an actor on both sides.
#[derive(Clone, Debug)]
pub struct ColourError {
    /// The strike (0-based) that contradicts the earlier ones.
    pub strike: usize,
    pub actor: ActorId,
    /// The colouring up to the contradiction.
    pub partial: Vec<(ActorId, Side)>,
}

impl ColourError {
    pub fn message(&self, g: &Graph) -> String {
        format!(
            "strike {}: `{}` would fight on both sides (earlier strikes put it on the side it now strikes, or is struck by)",
            self.strike + 1,
            g.actor(self.actor).id
        )
    }
}

/// The camps of the belligerents: attacker and target of each strike on
/// opposite sides, the first strike's attacker on side A.
pub fn colour(sc: &Scenario) -> Result<Vec<(ActorId, Side)>, ColourError> {
    let mut col: HashMap<ActorId, Side> = HashMap::new();
    let ordered = |col: &HashMap<ActorId, Side>| -> Vec<(ActorId, Side)> {
        sc.belligerents()
            .into_iter()
            .filter_map(|a| col.get(&a).map(|s| (a, *s)))
            .collect()
    };
    loop {
        let mut progress = false;
        for (i, s) in sc.strikes.iter().enumerate() {
            match (col.get(&s.attacker).copied(), col.get(&s.target).copied()) {
                (Some(a), Some(t)) if a == t => {
                    return Err(ColourError {
                        strike: i,
                        actor: s.target,
                        partial: ordered(&col),
                    })
                }
                (Some(a), None) => {
                    col.insert(s.target, a.other());
                    progress = true;
                }
                (None, Some(t)) => {
                    col.insert(s.attacker, t.other());
                    progress = true;
                }
                _ => {}
            }
        }
        if !progress {
            match sc
                .strikes
                .iter()
                .find(|s| !col.contains_key(&s.attacker) && !col.contains_key(&s.target))
            {
                Some(s) => {
                    col.insert(s.attacker, Side::A);
                    col.insert(s.target, Side::B);
                }
                None => break,
            }
        }
    }
    Ok(ordered(&col))
}

/// A signed tie between two actors as the engine sees them (persons as
/// their states, places as their holders).
#[derive(Clone, Debug)]
pub(crate) struct Tie {
    pub a: ActorId,
    pub b: ActorId,
    pub sign: Sign,
    pub weight: f64,
    /// A treaty tie or a commitment type: not an interest.
    pub commitment: bool,
    pub rtype: String,
    pub label: String,
}

/// A tie as shown in a side verdict.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TieView {
    pub with: ActorRef,
    pub with_side: Side,
    pub sign: Sign,
    pub weight: f64,
    /// `ally [reported]`, `treaty cst-1992 co-party`, ...
    pub relation: String,
    /// Would this tie be unbalanced on side A, on side B?
    pub unbalanced_on: Option<Side>,
}

/// Which side an actor would take, and why.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SideVerdict {
    /// `a`, `b`, `cross_pressured` or `none`.
    pub call: String,
    /// The side it is on (belligerents), joins, or leans to when cross-pressured.
    pub side: Option<Side>,
    pub belligerent: bool,
    pub cross_pressured: bool,
    /// Weighted unbalanced triangles if it joined side A, side B.
    pub unbalanced: [f64; 2],
    /// Their number.
    pub unbalanced_count: [u32; 2],
    /// Friendly interest ties (commitments left out) towards side A, side B.
    pub interests: [f64; 2],
    pub ties: Vec<TieView>,
    pub reason: String,
}

pub(crate) struct Analysis {
    pub verdicts: HashMap<ActorId, SideVerdict>,
    pub cross_pressured: Vec<bool>,
    pub mediator: Vec<bool>,
    /// Unordered pairs with an interest tie or a border between them.
    pub connected: HashSet<(ActorId, ActorId)>,
}

impl Analysis {
    pub fn connected(&self, a: ActorId, b: ActorId) -> bool {
        self.connected.contains(&(a.min(b), a.max(b)))
    }
}

fn pair(a: ActorId, b: ActorId) -> (ActorId, ActorId) {
    (a.min(b), a.max(b))
}

/// Every signed tie of the live graph, treaty co-parties included.
///
/// A treaty tie between co-parties weighs as its strongest obligation (a
/// defence or offence clause as a `defence_pact`), times the model's
/// `invoked` factor where a strike opens its gate for either party: an
/// obligation invoked outweighs an arms deal.
pub(crate) fn ties(w: &World, gates: &Gates) -> Vec<Tie> {
    let g = w.g;
    let mut out = Vec::new();
    for r in g.relation_ids() {
        if !w.live[r.index()] {
            continue;
        }
        let rel = g.relation(r);
        let t = g.rtype(rel);
        let (Some(a), Some(b)) = (w.agent(rel.from), w.agent(rel.to)) else {
            continue;
        };
        if a == b || w.is_hub[a.index()] || w.is_hub[b.index()] {
            continue;
        }
        out.push(Tie {
            a,
            b,
            sign: t.sign,
            weight: w.model.side_weight(&rel.rtype) * w.weight(r),
            commitment: w.is_commitment(r),
            rtype: rel.rtype.to_string(),
            label: format!("{} [{}]", rel.rtype, rel.status),
        });
    }
    for ti in 0..g.treaties.len() {
        let tid = TreatyId(ti as u32);
        let parties = w.treaty_parties(tid);
        for (i, p) in parties.iter().enumerate() {
            for q in parties.iter().skip(i + 1) {
                let ra = g.relation(p.anchor);
                if p.anchor == q.anchor {
                    continue; // a bilateral pact: the relation itself is the tie
                }
                let wgt = treaty_weight(w, gates, tid, &ra.rtype, p.actor, q.actor)
                    * w.weight(p.anchor).min(w.weight(q.anchor));
                out.push(Tie {
                    a: p.actor,
                    b: q.actor,
                    sign: Sign::Friendly,
                    weight: wgt,
                    commitment: true,
                    rtype: ra.rtype.to_string(),
                    label: format!("treaty {} co-party", g.treaty(tid).id),
                });
            }
        }
    }
    out
}

/// The side weight of a treaty tie between two co-parties.
fn treaty_weight(
    w: &World,
    gates: &Gates,
    t: TreatyId,
    anchor_type: &str,
    p: ActorId,
    q: ActorId,
) -> f64 {
    let treaty = w.g.treaty(t);
    let binding = treaty.obligations.iter().any(|o| {
        matches!(o.kind, ObligationKind::Defence | ObligationKind::Offence) && !o.consultation_only
    });
    let base = if binding {
        w.model
            .side_weight("defence_pact")
            .max(w.model.side_weight(anchor_type))
    } else {
        w.model.side_weight(anchor_type)
    };
    let invoked = [p, q].iter().any(|a| {
        matches!(
            gates.treaty_level(t, *a),
            GateLevel::Defence | GateLevel::Conditional
        )
    });
    if invoked {
        base * w.model.side_invoked
    } else {
        base
    }
}

pub(crate) fn analyse(w: &World, gates: &Gates) -> Analysis {
    let g = w.g;
    let n = g.actors.len();
    let ties = ties(w, gates);
    let mut connected = HashSet::new();
    for t in &ties {
        if (t.sign == Sign::Friendly && !t.commitment) || w.model.proximity_types.contains(&t.rtype)
        {
            connected.insert(pair(t.a, t.b));
        }
    }
    let mediator = mediators(w);
    let (interests, cross_pressured) = interests(w, &ties);

    // Structural balance: round 1 against the belligerents, round 2 (at
    // half weight) against actors placed in round 1, for actors with no
    // signed tie to a belligerent.
    let mut by_actor: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in ties.iter().enumerate() {
        by_actor[t.a.index()].push(i);
        by_actor[t.b.index()].push(i);
    }
    let mut verdicts: HashMap<ActorId, SideVerdict> = HashMap::new();
    let mut placed: Vec<Option<Side>> = w.side.clone();
    for round in 0..2 {
        let known = placed.clone();
        for x in g.actor_ids() {
            if verdicts.contains_key(&x)
                || !g.actor(x).kind.is_agent()
                || g.actor(x).kind == ActorKind::Person
            {
                continue;
            }
            if let Some(s) = w.side[x.index()] {
                verdicts.insert(x, belligerent_verdict(s));
                continue;
            }
            let ctx = Balance {
                w,
                ties: &ties,
                by_actor: &by_actor,
                known: &known,
                cross_pressured: &cross_pressured,
                interests: &interests,
                round,
            };
            if let Some(v) = ctx.verdict(x) {
                if round == 0 {
                    placed[x.index()] = v.side;
                }
                verdicts.insert(x, v);
            }
        }
    }
    Analysis {
        verdicts,
        cross_pressured,
        mediator,
        connected,
    }
}

/// Mediators: a mediating relation towards a war of the scenario or a
/// belligerent, or leading an organisation that mediates.
fn mediators(w: &World) -> Vec<bool> {
    let g = w.g;
    let mut mediator = vec![false; g.actors.len()];
    let targets_war = |a: ActorId| w.is_hub[a.index()] || w.side[a.index()].is_some();
    for r in g.relation_ids() {
        let rel = g.relation(r);
        if !w.live[r.index()] || !w.model.mediator_types.iter().any(|t| rel.rtype == *t) {
            continue;
        }
        if let (Some(m), Some(t)) = (w.agent(rel.from), w.agent(rel.to)) {
            if targets_war(t) && w.side[m.index()].is_none() {
                mediator[m.index()] = true;
            }
        }
    }
    let direct = mediator.clone();
    for r in g.relation_ids() {
        let rel = g.relation(r);
        if !w.live[r.index()] || !w.model.mediator_via.iter().any(|t| rel.rtype == *t) {
            continue;
        }
        if let (Some(m), Some(org)) = (w.agent(rel.from), w.agent(rel.to)) {
            if direct[org.index()] && w.side[m.index()].is_none() {
                mediator[m.index()] = true;
            }
        }
    }
    mediator
}

/// Interests towards each camp, and cross-pressure: comparable weight on
/// both sides, and on each side more than one tie (one arms deal does not
/// cross-pressure a state).
fn interests(w: &World, ties: &[Tie]) -> (Vec<[f64; 2]>, Vec<bool>) {
    let n = w.g.actors.len();
    let mut interests = vec![[0.0f64; 2]; n];
    let mut interest_ties = vec![[0u32; 2]; n];
    for t in ties {
        if t.sign != Sign::Friendly || t.commitment {
            continue;
        }
        for (x, y) in [(t.a, t.b), (t.b, t.a)] {
            if let Some(s) = w.side[y.index()] {
                interests[x.index()][s.index()] += t.weight;
                interest_ties[x.index()][s.index()] += 1;
            }
        }
    }
    let ratio = w.model.cross_pressure_ratio.p;
    let cross_pressured: Vec<bool> = (0..n)
        .map(|i| {
            let [ia, ib] = interests[i];
            w.side[i].is_none()
                && interest_ties[i].iter().all(|c| *c >= 2)
                && ia.min(ib) >= ratio * ia.max(ib)
        })
        .collect();
    (interests, cross_pressured)
}

/// A belligerent's verdict: its own side.
fn belligerent_verdict(s: Side) -> SideVerdict {
    SideVerdict {
        call: s.as_str().to_ascii_lowercase(),
        side: Some(s),
        belligerent: true,
        cross_pressured: false,
        unbalanced: [0.0; 2],
        unbalanced_count: [0; 2],
        interests: [0.0; 2],
        ties: Vec::new(),
        reason: format!("belligerent on side {}", s.as_str()),
    }
}

/// One round of structural balance: what it reads.
struct Balance<'a, 'w> {
    w: &'a World<'w>,
    ties: &'a [Tie],
    by_actor: &'a [Vec<usize>],
    /// Sides placed before this round.
    known: &'a [Option<Side>],
    cross_pressured: &'a [bool],
    interests: &'a [[f64; 2]],
    round: usize,
}

impl Balance<'_, '_> {
    /// The verdict of a non-belligerent, or `None` without a signed tie
    /// to an actor placed so far.
    fn verdict(&self, x: ActorId) -> Option<SideVerdict> {
        let (cost, count, views) = self.unbalanced(x);
        if views.is_empty() {
            return None;
        }
        let lean = if cost[0] < cost[1] {
            Some(Side::A)
        } else if cost[1] < cost[0] {
            Some(Side::B)
        } else {
            None
        };
        let cp = self.cross_pressured[x.index()];
        Some(SideVerdict {
            call: if cp {
                "cross_pressured".into()
            } else {
                lean.map(|s| s.as_str().to_ascii_lowercase())
                    .unwrap_or_else(|| "none".into())
            },
            side: lean,
            belligerent: false,
            cross_pressured: cp,
            unbalanced: cost,
            unbalanced_count: count,
            interests: self.interests[x.index()],
            ties: views,
            reason: self.reason(x, lean, cost, count),
        })
    }

    /// The weight and number of unbalanced triangles on each side, and the
    /// ties that make them, heaviest first.
    fn unbalanced(&self, x: ActorId) -> ([f64; 2], [u32; 2], Vec<TieView>) {
        let g = self.w.g;
        let scale = if self.round == 0 { 1.0 } else { 0.5 };
        let mut cost = [0.0f64; 2];
        let mut count = [0u32; 2];
        let mut views = Vec::new();
        for &ti in &self.by_actor[x.index()] {
            let t = &self.ties[ti];
            if t.sign == Sign::Neutral {
                continue;
            }
            let y = if t.a == x { t.b } else { t.a };
            let ys = if self.round == 0 {
                self.w.side[y.index()]
            } else {
                self.known[y.index()].filter(|_| !self.cross_pressured[y.index()])
            };
            let Some(ys) = ys else { continue };
            // Friendly with Y: unbalanced on the other side; hostile: on Y's side.
            let bad = if t.sign == Sign::Friendly {
                ys.other()
            } else {
                ys
            };
            cost[bad.index()] += t.weight * scale;
            count[bad.index()] += 1;
            views.push(TieView {
                with: ActorRef::new(g, y),
                with_side: ys,
                sign: t.sign,
                weight: t.weight * scale,
                relation: t.label.clone(),
                unbalanced_on: Some(bad),
            });
        }
        views.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(a.with.id.cmp(&b.with.id))
        });
        (cost, count, views)
    }

    /// The verdict in words.
    fn reason(&self, x: ActorId, lean: Option<Side>, cost: [f64; 2], count: [u32; 2]) -> String {
        let [ia, ib] = self.interests[x.index()];
        let via = if self.round == 0 {
            ""
        } else {
            " (through actors already placed)"
        };
        match (self.cross_pressured[x.index()], lean) {
            (true, l) => format!(
                "cross-pressured: friendly interests towards side A weigh {ia:.2}, towards side B {ib:.2}{}",
                l.map(|s| format!("; leans {}", s.as_str())).unwrap_or_default()
            ),
            (false, Some(s)) => format!(
                "side {}: unbalanced triangles weigh {:.2} ({}) on side {} against {:.2} ({}) on side {}{via}",
                s.as_str(),
                cost[s.index()],
                count[s.index()],
                s.as_str(),
                cost[s.other().index()],
                count[s.other().index()],
                s.other().as_str()
            ),
            (false, None) => format!(
                "no side: its ties weigh the same either way ({:.2} unbalanced on each){via}",
                cost[0]
            ),
        }
    }
}

/// Fitted odds of the attacker's side within this distance of 1/2 are
/// "near even": a state with real ties to both sides is then reported
/// cross-pressured.
pub(crate) const NEAR_EVEN: f64 = 0.15;

/// The fitted side model's verdict for every joining candidate (states),
/// replacing structural balance's; its ties stay in the verdict as the
/// facts behind the side terms. Nothing changes without a side model.
pub(crate) fn apply_fitted(w: &World, an: &mut Analysis, joins: &[Candidate]) {
    let Some(sm) = &w.model.side_model else {
        return;
    };
    let Some(attacker) = w
        .scenario
        .strikes
        .first()
        .and_then(|s| w.side[s.attacker.index()])
    else {
        return;
    };
    for c in joins {
        let Some(q) = side_probability(w.model, &c.side_terms) else {
            continue;
        };
        let side = if q > 0.5 { attacker } else { attacker.other() };
        let real = |names: &[&str]| {
            c.terms
                .iter()
                .any(|t| names.contains(&t.name) && t.value > 0.0)
        };
        let balance_cp = an.cross_pressured[c.actor.index()];
        let both = balance_cp
            || (real(&["tie_target", "defence_open"])
                && real(&["tie_attacker", "attacker_side_open"]));
        let cp = (q - 0.5).abs() < NEAR_EVEN && both;
        let mut parts: Vec<(f64, String)> = c
            .side_terms
            .iter()
            .filter(|t| t.value != 0.0 && sm.coef(t.name) != 0.0)
            .map(|t| {
                let x = sm.coef(t.name) * t.value;
                (x, format!("{} {x:+.2} ({})", t.name, t.why))
            })
            .collect();
        parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        let terms: Vec<String> = parts.into_iter().take(3).map(|p| p.1).collect();
        let fitted = format!(
            "P(the attacker's side | it joins) = {q:.2} by the fitted side model{}",
            if terms.is_empty() {
                " (no side term: the intercept alone)".to_string()
            } else {
                format!(": {}", terms.join("; "))
            }
        );
        let mut v = an
            .verdicts
            .remove(&c.actor)
            .unwrap_or_else(|| no_side(false));
        v.side = Some(side);
        v.cross_pressured = cp;
        v.call = if cp {
            "cross_pressured".into()
        } else {
            side.as_str().to_ascii_lowercase()
        };
        v.reason = if cp {
            format!(
                "cross-pressured: ties to both sides and near-even odds, {fitted}; leans {}",
                side.as_str()
            )
        } else if (q - 0.5).abs() < NEAR_EVEN {
            format!("side {}, near even: {fitted}", side.as_str())
        } else {
            format!("side {}: {fitted}", side.as_str())
        };
        an.verdicts.insert(c.actor, v);
    }
}

/// The verdict for an actor with no signed tie to either camp.
pub(crate) fn no_side(cross_pressured: bool) -> SideVerdict {
    SideVerdict {
        call: "none".into(),
        side: None,
        belligerent: false,
        cross_pressured,
        unbalanced: [0.0; 2],
        unbalanced_count: [0; 2],
        interests: [0.0; 2],
        ties: Vec::new(),
        reason: "no side: no friendly or hostile tie to either camp".into(),
    }
}
