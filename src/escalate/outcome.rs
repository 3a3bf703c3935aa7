//! What a simulation returns: per actor its side, P(level >= k) with
//! Wilson intervals, its most frequent activation chain (every hop cited)
//! and what each incoming relation is worth; the gate trace; comparisons
//! between scenarios; a DOT picture.

use super::cascade::{Channel, ChannelKind, Plan};
use super::gates::Gates;
pub use super::gates::{Check, GateTrace, TreatyRef};
use super::joining::{log_odds, probability, Candidate, Term};
use super::model::FitInfo;
use super::model::{ModelSource, Param, SideRule};
use super::sides::{no_side, Analysis, Side, SideVerdict};
use super::trials::{incoming, incoming_relations, Runs, Stats, LOO_PER_ACTOR};
use super::{World, LEVELS, LEVEL_NAMES};
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use serde::Serialize;

/// z for a 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// P(level >= k) estimated from `count` of `trials`, with its 95% Wilson
/// interval; for a state with a joining channel, Rao-Blackwellised
/// (`LevelProb::blended`), `count` staying the plain count of trials.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LevelProb {
    pub level: u8,
    pub p: f64,
    pub low: f64,
    pub high: f64,
    pub count: u32,
    pub trials: u32,
}

impl LevelProb {
    /// The Wilson score interval (Wilson 1927): sound near 0 and 1, where
    /// the normal approximation is not.
    ///
    /// ```
    /// use casus::escalate::LevelProb;
    /// let l = LevelProb::wilson(1, 0, 100);
    /// assert_eq!(l.p, 0.0);
    /// assert!(l.low < 1e-12 && l.high > 0.036 && l.high < 0.038); // 3.84 / 103.84
    /// ```
    pub fn wilson(level: u8, count: u32, trials: u32) -> LevelProb {
        if trials == 0 {
            return LevelProb {
                level,
                p: 0.0,
                low: 0.0,
                high: 1.0,
                count,
                trials,
            };
        }
        let n = trials as f64;
        let p = count as f64 / n;
        let z2 = Z95 * Z95;
        let denom = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denom;
        let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        LevelProb {
            level,
            p,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
            count,
            trials,
        }
    }
}

impl LevelProb {
    /// P(level >= k) = own + (1 - own) q, where `own` is the exact
    /// probability of one independent channel and q, the chance that the
    /// rest reach level k, is estimated from the `short` trials in which
    /// that channel fell short of k (`reached` of them reached k anyway);
    /// the interval is q's Wilson interval carried through. `count` of
    /// `trials` is the plain tally.
    ///
    /// ```
    /// use casus::escalate::LevelProb;
    /// let l = LevelProb::blended(4, 0.001, 0, 999, 1, 1000);
    /// assert_eq!(l.p, 0.001); // not 1/1000 by chance, nor 0
    /// assert!(l.low == 0.001 && l.high < 0.0050);
    /// ```
    pub fn blended(
        level: u8,
        own: f64,
        reached: u32,
        short: u32,
        count: u32,
        trials: u32,
    ) -> LevelProb {
        let q = LevelProb::wilson(level, reached, short);
        let mix = |q: f64| (own + (1.0 - own) * q).clamp(0.0, 1.0);
        let p = mix(q.p);
        LevelProb {
            level,
            p,
            low: mix(q.low).min(p),
            high: mix(q.high).max(p),
            count,
            trials,
        }
    }
}

/// P(level >= k), k = 1..=5, of actor x from a run's tallies.
fn level_probs(st: &Stats, x: usize) -> Vec<LevelProb> {
    let n = st.trials;
    let mut v: Vec<LevelProb> = (1..=LEVELS)
        .map(|k| match st.blend(x) {
            Some(b) => LevelProb::blended(
                k as u8,
                b.own[k - 1],
                b.reached[k - 1],
                b.short[k - 1],
                st.at_least(x, k),
                n,
            ),
            None => LevelProb::wilson(k as u8, st.at_least(x, k), n),
        })
        .collect();
    // The estimates of different levels rest on different trials: keep
    // them ordered, as probabilities of nested events are.
    for k in 1..v.len() {
        v[k].p = v[k].p.min(v[k - 1].p);
        v[k].low = v[k].low.min(v[k].p);
    }
    v
}

/// A strike, named.
#[derive(Clone, Debug, Serialize)]
pub struct StrikeView {
    /// 1-based.
    pub index: usize,
    pub attacker: ActorRef,
    pub target: ActorRef,
    pub place: ActorRef,
    pub severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<RelationView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The scenario as run.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioView {
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub file: Option<String>,
    pub as_of: Option<String>,
    pub min_status: Option<Status>,
    pub started_by: Option<ActorRef>,
    /// The wars of the scenario (conflict actors treated as involved from the start).
    pub conflicts: Vec<ActorRef>,
    pub strikes: Vec<StrikeView>,
    /// Hypothetical relations added.
    pub added: Vec<RelationView>,
    /// Relations taken out.
    pub removed: Vec<RelationView>,
}

/// A camp.
#[derive(Clone, Debug, Serialize)]
pub struct SideView {
    pub side: Side,
    pub belligerents: Vec<ActorRef>,
}

/// One hop of an activation chain.
#[derive(Clone, Debug, Serialize)]
pub struct HopView {
    pub from: ActorRef,
    pub to: ActorRef,
    /// The level `to` reached through this hop.
    pub level: u8,
    /// What carried it: a relation type, or a treaty and its gate.
    pub via: String,
    /// The facts behind it, with their evidence.
    pub relations: Vec<RelationView>,
}

/// The most frequent way an actor was drawn in.
#[derive(Clone, Debug, Serialize)]
pub struct ChainView {
    /// Trials in which it entered exactly this way.
    pub count: u32,
    /// Share of the trials in which it entered at all.
    pub share: f64,
    pub hops: Vec<HopView>,
}

/// A relation that brought the actor in, and what removing it does.
#[derive(Clone, Debug, Serialize)]
pub struct IncomingView {
    pub relation: RelationView,
    /// What carried it most often (a relation type, or a treaty and its gate).
    pub via: String,
    /// Share of the trials in which the actor entered that gave it its
    /// final level through a channel made of this relation.
    pub share: f64,
    /// Change of P(level >= k), k = 1..5, with the relation removed
    /// (leave-one-out on the same seed); `None` if not rerun.
    pub without: Option<[f64; LEVELS]>,
}

/// One term of the joining model for one actor.
#[derive(Clone, Debug, Serialize)]
pub struct TermView {
    pub name: String,
    pub value: f64,
    pub coef: f64,
    /// coef x value: what the term adds to the log-odds.
    pub contribution: f64,
    /// The coefficient is a judgment, not fitted.
    pub heuristic: bool,
    pub why: String,
    pub facts: Vec<RelationView>,
    /// P(L4+) with the term at 0 (leave the term out).
    pub without: f64,
}

/// Why the joining model gives an actor its probability of combat.
#[derive(Clone, Debug, Serialize)]
pub struct JoiningView {
    /// P(L4 or more directly), logistic of the log-odds.
    pub p: f64,
    pub log_odds: f64,
    pub intercept: f64,
    /// Terms that add something, largest contribution first.
    pub terms: Vec<TermView>,
}

impl JoiningView {
    pub(crate) fn new(g: &Graph, model: &super::Model, cand: &Candidate) -> JoiningView {
        let j = &model.joining;
        let mut terms: Vec<TermView> = cand
            .terms
            .iter()
            .filter(|t| t.value != 0.0 && j.coef(t.name) != 0.0)
            .map(|t| {
                let rest: Vec<Term> = cand
                    .terms
                    .iter()
                    .map(|u| Term {
                        value: if u.name == t.name { 0.0 } else { u.value },
                        ..u.clone()
                    })
                    .collect();
                TermView {
                    name: t.name.to_string(),
                    value: t.value,
                    coef: j.coef(t.name),
                    contribution: j.coef(t.name) * t.value,
                    heuristic: j.terms.get(t.name).is_some_and(|c| c.heuristic),
                    why: t.why.clone(),
                    facts: t.facts.iter().map(|r| RelationView::new(g, *r)).collect(),
                    without: probability(model, &rest),
                }
            })
            .collect();
        terms.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
        JoiningView {
            p: cand.p,
            log_odds: log_odds(model, &cand.terms),
            intercept: j.intercept.estimate,
            terms,
        }
    }
}

/// One actor's result.
#[derive(Clone, Debug, Serialize)]
pub struct ActorOutcome {
    pub actor: ActorRef,
    pub belligerent: bool,
    pub side: SideVerdict,
    /// P(level >= k) for k = 1..5.
    pub levels: Vec<LevelProb>,
    /// Why its draws are damped, if they are.
    pub damping: Vec<String>,
    /// Trials in which it entered (level >= 1).
    pub entered: u32,
    pub chain: Option<ChainView>,
    pub incoming: Vec<IncomingView>,
    /// The joining model's explanation of its combat probability (states
    /// that could join).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joining: Option<JoiningView>,
}

impl ActorOutcome {
    /// P(level >= k), k = 1..=5.
    pub fn p(&self, k: usize) -> f64 {
        self.levels.get(k - 1).map(|l| l.p).unwrap_or(0.0)
    }
    /// The expected level, sum of P(level >= k).
    pub fn expected_level(&self) -> f64 {
        self.levels.iter().map(|l| l.p).sum()
    }
}

/// Everything a simulation found.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub scenario: ScenarioView,
    pub trials: u32,
    pub seed: u64,
    pub sides: Vec<SideView>,
    pub levels: Vec<String>,
    pub gates: Vec<GateTrace>,
    /// Belligerents, then every actor drawn in at least once, most involved first.
    pub actors: Vec<ActorOutcome>,
    /// Actors never drawn in (ids).
    pub untouched: Vec<String>,
    /// P(some state besides the belligerents reaches L5).
    pub any_third_state_at_war: LevelProb,
    /// The historical base rate to hold it against.
    pub base_rate: Param,
    /// Trials of each leave-one-out rerun (0: none).
    pub loo_trials: u32,
    /// The works the model's numbers come from.
    pub model_sources: Vec<ModelSource>,
    /// The fit of the joining model, in one line.
    pub fit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit_info: Option<FitInfo>,
}

impl Outcome {
    /// The result for an actor, by id.
    pub fn actor(&self, id: &str) -> Option<&ActorOutcome> {
        self.actors.iter().find(|a| a.actor.id == id)
    }

    /// P(level >= k) of an actor by id; 0 for an actor never drawn in.
    pub fn p(&self, id: &str, k: usize) -> f64 {
        self.actor(id).map(|a| a.p(k)).unwrap_or(0.0)
    }

    /// The gate traces of a treaty (by id).
    pub fn gates_of<'a>(&'a self, treaty: &'a str) -> impl Iterator<Item = &'a GateTrace> + 'a {
        self.gates
            .iter()
            .filter(move |t| t.treaty.as_ref().is_some_and(|x| x.id == treaty))
    }

    /// Is some defence (or offence) gate of this treaty open?
    pub fn defence_open(&self, treaty: &str) -> bool {
        self.gates_of(treaty)
            .any(|t| t.open && matches!(t.obligation.as_deref(), Some("defence" | "offence")))
    }
}

fn side_word(s: SideRule) -> &'static str {
    match s {
        SideRule::Same => "same side",
        SideRule::Opposite => "opposite side",
        SideRule::None => "no side",
    }
}

/// What carried a channel, in words.
fn via(w: &World, plan: &Plan, c: &Channel) -> String {
    let mut s = match &c.kind {
        ChannelKind::Tie { spec } => {
            let sp = &w.model.channels[*spec];
            let gate = match c.gate_open {
                Some(true) => "; host territory struck",
                Some(false) => "; host territory not struck, capped",
                None => "",
            };
            let side = if w.is_hub[c.from as usize] {
                "from the war"
            } else {
                side_word(sp.side)
            };
            format!("{} ({side}{gate})", sp.rtype)
        }
        ChannelKind::Treaty {
            treaty,
            level,
            institution,
        } => format!(
            "treaty {}{}: {}",
            w.g.treaty(*treaty).id,
            if *institution {
                ", member and organisation"
            } else {
                ""
            },
            match level {
                super::gates::GateLevel::Closed => "no obligation open, solidarity (L1)",
                other => other.describe(),
            }
        ),
        ChannelKind::Joining { candidate } => {
            let cand = &plan.joins[*candidate];
            format!(
                "joining model: P(L4+) = {:.3} from its terms (see its joining terms)",
                cand.p
            )
        }
    };
    // Channels sharing a decision bind the same pair: look among those
    // into the same actor only.
    if c.shared_decision()
        && plan.into[c.to as usize]
            .iter()
            .map(|i| &plan.channels[*i as usize])
            .any(|d| d.shared_decision() && d.key == c.key && !std::ptr::eq(c, d))
    {
        s.push_str("; one decision with the other treaties binding the same pair");
    }
    if !c.damped.is_empty() {
        s.push_str(&format!("; damped: {}", c.damped.join(", ")));
    }
    s
}

fn rels(g: &Graph, c: &Channel) -> Vec<RelationView> {
    c.rels.iter().map(|r| RelationView::new(g, *r)).collect()
}

/// A state no signed tie places: the side its joining terms lean to (the
/// belligerent that would pull it in; the target's side when they are
/// even, the side more joiners take in the disputes).
fn lean_by_joining(w: &World, plan: &Plan, id: ActorId, side: &mut SideVerdict) {
    let Some(c) = plan.joins.iter().find(|c| c.actor == id) else {
        return;
    };
    let Some(s) = w.side[c.puller.index()] else {
        return;
    };
    side.side = Some(s);
    side.call = s.as_str().to_ascii_lowercase();
    side.reason = format!(
        "side {}: no tie places it by structural balance; its joining terms lean to {}'s side (the target's when even)",
        s.as_str(),
        w.g.actor(c.puller).name
    );
}

pub(crate) fn assemble(
    w: &World,
    gates: &Gates,
    an: &Analysis,
    plan: &Plan,
    runs: &Runs,
    removed: Vec<RelationView>,
) -> Outcome {
    let g = w.g;
    let sc = w.scenario;
    let main = &runs.main;
    let n = main.trials;
    let aref = |a: ActorId| ActorRef::new(g, a);

    let mut actors = Vec::new();
    let mut untouched = Vec::new();
    for x in 0..plan.n {
        if !plan.reported[x] {
            continue;
        }
        let id = ActorId(x as u32);
        let entered = main.at_least(x, 1);
        let levels = level_probs(main, x);
        if levels[0].p <= 0.0 && !plan.belligerent[x] {
            if g.actor(id).kind != ActorKind::Person {
                untouched.push(g.actor(id).id.clone());
            }
            continue;
        }
        let mut damping = Vec::new();
        if an.mediator[x] {
            damping.push(format!(
                "mediator: draws from L{} up x{}",
                w.model.mediator.from_level, w.model.mediator.factor.p
            ));
        }
        if an.cross_pressured[x] {
            damping.push(format!(
                "cross-pressured: draws from L{} up x{}",
                w.model.cross_pressure.from_level, w.model.cross_pressure.factor.p
            ));
        }
        if g.actor(id).kind == ActorKind::Organisation {
            damping.push(format!(
                "organisation (consensus): draws from L{} up x{}",
                w.model.organisation.from_level, w.model.organisation.factor.p
            ));
        }
        let mut side = an
            .verdicts
            .get(&id)
            .cloned()
            .unwrap_or_else(|| no_side(an.cross_pressured[x]));
        if side.side.is_none() && !side.cross_pressured {
            lean_by_joining(w, plan, id, &mut side);
        }
        let chain = if plan.belligerent[x] {
            None
        } else {
            main.chains
                .iter()
                .filter(|((a, _), _)| *a as usize == x)
                .max_by(|a, b| a.1.count.cmp(&b.1.count).then(b.0 .1.cmp(&a.0 .1)))
                .map(|(_, cc)| ChainView {
                    count: cc.count,
                    share: cc.count as f64 / entered.max(1) as f64,
                    hops: cc
                        .hops
                        .iter()
                        .map(|(ci, lvl)| {
                            let c = &plan.channels[*ci as usize];
                            HopView {
                                from: aref(ActorId(c.from)),
                                to: aref(ActorId(c.to)),
                                level: *lvl,
                                via: via(w, plan, c),
                                relations: rels(g, c),
                            }
                        })
                        .collect(),
                })
        };
        let mut inc = Vec::new();
        if !plan.belligerent[x] {
            let chans = incoming(plan, main, x);
            for (r, cnt) in incoming_relations(plan, main, x)
                .into_iter()
                .take(LOO_PER_ACTOR)
            {
                let top = chans
                    .iter()
                    .find(|(ci, _)| plan.channels[*ci as usize].rels.contains(&r))
                    .map(|(ci, _)| via(w, plan, &plan.channels[*ci as usize]))
                    .unwrap_or_default();
                let without = runs.prefix.as_ref().and_then(|base| {
                    runs.loo.iter().find(|(rr, _)| *rr == r).map(|(_, st)| {
                        std::array::from_fn(|k| st.p_at_least(x, k + 1) - base.p_at_least(x, k + 1))
                    })
                });
                inc.push(IncomingView {
                    relation: RelationView::new(g, r),
                    via: top,
                    share: (cnt as f64 / entered.max(1) as f64).min(1.0),
                    without,
                });
            }
        }
        let joining = plan
            .joins
            .iter()
            .find(|c| c.actor == id)
            .map(|c| JoiningView::new(g, w.model, c));
        actors.push(ActorOutcome {
            joining,
            actor: aref(id),
            belligerent: plan.belligerent[x],
            side,
            levels,
            damping,
            entered,
            chain,
            incoming: inc,
        });
    }
    let order = |a: &ActorOutcome| -> (u8, u8) {
        match (a.belligerent, a.side.side) {
            (true, Some(Side::A)) => (0, 0),
            (true, _) => (0, 1),
            _ => (1, 0),
        }
    };
    let bell = &w.belligerents;
    actors.sort_by(|a, b| {
        order(a)
            .cmp(&order(b))
            .then_with(|| {
                if a.belligerent && b.belligerent {
                    let pa = bell.iter().position(|x| g.actor(*x).id == a.actor.id);
                    let pb = bell.iter().position(|x| g.actor(*x).id == b.actor.id);
                    pa.cmp(&pb)
                } else {
                    // Most involved first; near ties (sampling noise) by name.
                    let r = |x: &ActorOutcome| (x.expected_level() * 100.0).round() as i64;
                    r(b).cmp(&r(a))
                }
            })
            .then_with(|| a.actor.name.cmp(&b.actor.name))
    });

    let mut sides = Vec::new();
    for s in [Side::A, Side::B] {
        sides.push(SideView {
            side: s,
            belligerents: bell
                .iter()
                .filter(|a| w.side[a.index()] == Some(s))
                .map(|a| aref(*a))
                .collect(),
        });
    }
    let strikes = sc
        .strikes
        .iter()
        .enumerate()
        .map(|(i, s)| StrikeView {
            index: i + 1,
            attacker: aref(s.attacker),
            target: aref(s.target),
            place: aref(s.place),
            severity: s.severity,
            fact: s
                .fact
                .as_ref()
                .and_then(|k| g.relation_by_key(k))
                .map(|r| RelationView::new(g, r)),
            note: s.note.clone(),
        })
        .collect();
    let reference = sc.reference_id();
    let added =
        g.relation_ids()
            .filter(|r| {
                g.relation(*r).evidence.iter().any(
                    |c| matches!(c, Citation::Background { reference: x, .. } if *x == reference),
                )
            })
            .map(|r| RelationView::new(g, r))
            .collect();
    Outcome {
        scenario: ScenarioView {
            name: sc.name.clone(),
            title: sc.title.clone(),
            description: sc.description.clone(),
            file: sc.file.clone(),
            as_of: sc.as_of.map(|d| d.to_string()),
            min_status: sc.min_status,
            started_by: sc.started_by.map(aref),
            conflicts: w.hubs.iter().map(|h| aref(*h)).collect(),
            strikes,
            added,
            removed,
        },
        trials: n,
        seed: sc.seed,
        sides,
        levels: LEVEL_NAMES
            .iter()
            .enumerate()
            .map(|(i, s)| format!("L{}: {s}", i + 1))
            .collect(),
        gates: gates.traces.clone(),
        actors,
        untouched,
        any_third_state_at_war: LevelProb::wilson(5, main.any_l5, n),
        base_rate: w.model.base_rate.clone(),
        loo_trials: runs.loo_trials,
        fit: w.model.joining.describe(),
        fit_info: w.model.joining.fit.clone(),
        model_sources: {
            let mut v: Vec<ModelSource> = w.model.cited_sources().into_iter().cloned().collect();
            v.sort_by_key(|s| s.heuristic);
            v
        },
    }
}

// ------------------------------------------------------------------ compare

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

/// Compares two outcomes of the same graph, actor by actor.
pub fn compare(base: &Outcome, other: &Outcome) -> Comparison {
    use std::collections::BTreeMap;
    // Per gate: open somewhere; why open (the first open trace) or why
    // closed (the first failed condition); who it concerns.
    let state_in = |o: &Outcome| -> GateState {
        let mut m: GateState = BTreeMap::new();
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
    };
    let gb = state_in(base);
    let go = state_in(other);
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
            format!("opens: {}", label(&go).unwrap_or_default())
        } else {
            match label(&go) {
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
        for m in [&gb, &go] {
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
    let mut ids: Vec<String> = base.actors.iter().map(|a| a.actor.id.clone()).collect();
    for a in &other.actors {
        if !ids.contains(&a.actor.id) {
            ids.push(a.actor.id.clone());
        }
    }
    let mut rows = Vec::new();
    for id in ids {
        let a = base.actor(&id);
        let b = other.actor(&id);
        let actor = a
            .or(b)
            .map(|x| x.actor.clone())
            .expect("listed in one of them");
        let pa: [f64; LEVELS] = std::array::from_fn(|k| a.map(|x| x.p(k + 1)).unwrap_or(0.0));
        let pb: [f64; LEVELS] = std::array::from_fn(|k| b.map(|x| x.p(k + 1)).unwrap_or(0.0));
        let delta: [f64; LEVELS] = std::array::from_fn(|k| pb[k] - pa[k]);
        let moved = delta.iter().map(|d| d.abs()).sum();
        let mut reasons = gate_reasons.get(&id).cloned().unwrap_or_default();
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
        rows.push(CompareRow {
            actor,
            base: pa,
            other: pb,
            delta,
            moved,
            side_base: side(a),
            side_other: side(b),
            reasons,
        });
    }
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

// ------------------------------------------------------------------ DOT

/// The outcome as a Graphviz DOT digraph, built with graphviz-rust's model
/// and the render module's escaping, printer and shapes (states boxes,
/// organisations hexagons, armed groups octagons). Actors are filled by
/// side (A red, B blue, cross-pressured purple, none grey), the stronger
/// the more likely they reach L2 or more; belligerents have a thick
/// border; each edge is the last hop of an actor's most frequent
/// activation chain, labelled with what carried it and how often.
pub fn to_dot(o: &Outcome) -> String {
    use crate::render::escape::{quoted, tooltip, word};
    use crate::render::style;
    use graphviz_rust::dot_structures::{
        Attribute, Edge, EdgeTy, Graph as Dot, Node, NodeId, Stmt, Vertex,
    };
    let text = |k: &str, v: &str| Attribute(word(k), quoted(v));
    let plain = |k: &str, v: &str| Attribute(word(k), word(v));
    let id = |a: &ActorRef| NodeId(quoted(&a.id), None);
    // Title, legend and type sizes: the render module's escalation frame.
    let mut stmts: Vec<Stmt> = crate::render::escalation::frame(o);
    for a in &o.actors {
        // HSV: hue by side, saturation by P(L>=2) (belligerents full).
        let hue = crate::render::escalation::hue(a.side.side, a.side.cross_pressured);
        let strength = if a.belligerent { 1.0 } else { a.p(2).max(0.08) };
        let fill = crate::render::escalation::fill(hue, strength);
        let label = if a.belligerent {
            format!(
                "{}\nbelligerent, side {}",
                a.actor.name,
                a.side.side.map(|x| x.as_str()).unwrap_or("?")
            )
        } else {
            format!(
                "{}\nside {}\nL1 {:.2} L2 {:.2} L3 {:.2}\nL4 {:.2} L5 {:.2}",
                a.actor.name,
                match a.side.call.as_str() {
                    "a" => "A".to_string(),
                    "b" => "B".to_string(),
                    other => other.replace('_', "-"),
                },
                a.p(1),
                a.p(2),
                a.p(3),
                a.p(4),
                a.p(5)
            )
        };
        let ks = style::kind(a.actor.kind);
        let mut attrs = vec![
            // Label lines are joined by the DOT line break, escaped once
            // by `quoted`: split and rejoin so the break survives.
            Attribute(word("label"), label_id(&label)),
            plain("shape", ks.shape),
            text("style", ks.style),
            text("fillcolor", &fill),
            Attribute(word("tooltip"), tooltip(&a.side.reason)),
        ];
        if a.belligerent {
            attrs.push(plain("penwidth", "3"));
        }
        stmts.push(Node::new(id(&a.actor), attrs).into());
    }
    // The wars of the scenario, where chains start from them.
    let mut wars: Vec<&ActorRef> = Vec::new();
    for a in &o.actors {
        if let Some(h) = a.chain.as_ref().and_then(|c| c.hops.last()) {
            if h.from.kind == ActorKind::Conflict && !wars.iter().any(|w| w.id == h.from.id) {
                wars.push(&h.from);
            }
        }
    }
    for war in wars {
        let ks = style::kind(ActorKind::Conflict);
        stmts.push(
            Node::new(
                id(war),
                vec![
                    text("label", &format!("{} (war of the scenario)", war.name)),
                    plain("shape", ks.shape),
                    text("style", ks.style),
                    text("fillcolor", ks.fill),
                ],
            )
            .into(),
        );
    }
    for a in &o.actors {
        let Some(c) = &a.chain else { continue };
        let Some(h) = c.hops.last() else { continue };
        stmts.push(
            Edge {
                ty: EdgeTy::Pair(Vertex::N(id(&h.from)), Vertex::N(id(&h.to))),
                attributes: vec![text(
                    "label",
                    &format!("{} (L{}, {:.0}%)", h.via, h.level, c.share * 100.0),
                )],
            }
            .into(),
        );
    }
    crate::render::print(&Dot::DiGraph {
        id: quoted(&o.scenario.name),
        strict: false,
        stmts,
    })
}

/// A quoted label whose `\n` separators are DOT line breaks and whose
/// every other character is escaped.
fn label_id(label: &str) -> graphviz_rust::dot_structures::Id {
    use crate::render::escape::{escape, Target};
    let parts: Vec<String> = label
        .split("\\n")
        .map(|p| escape(p, Target::Text))
        .collect();
    graphviz_rust::dot_structures::Id::Escaped(format!("\"{}\"", parts.join("\\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_the_textbook() {
        // 50 of 100: centre 0.5, interval 0.404 to 0.596 (Wilson 1927).
        let l = LevelProb::wilson(1, 50, 100);
        assert!(
            (l.low - 0.4038).abs() < 1e-3 && (l.high - 0.5962).abs() < 1e-3,
            "{l:?}"
        );
        let l = LevelProb::wilson(1, 100, 100);
        assert!(l.high == 1.0 && l.low > 0.96);
    }

    #[test]
    fn dot_parses_and_escapes_names() {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[(
            "ally",
            false,
            Sign::Friendly,
            "alliance",
        )]));
        let x = b.actor("x", ActorKind::State);
        let y = b.actor("y", ActorKind::State);
        let z = b.actor("z", ActorKind::State);
        b.rel("ally", y, z);
        let mut card = b.actors()[z.index()].clone();
        card.name = "Say \"hi\" \\ & <b>".into();
        b.set_actor(z, card);
        let g = b.build();
        let _ = x;
        let m = crate::escalate::Model::embedded(&g).unwrap();
        let mut sc = crate::escalate::Scenario::new("q\"uote");
        sc.strikes
            .push(crate::escalate::parse_strike(&g, "x:y").unwrap());
        sc.trials = 100;
        let dot = to_dot(&crate::escalate::simulate(&g, &sc, &m));
        assert!(graphviz_rust::parse(&dot).is_ok(), "{dot}");
        assert!(dot.contains("\"y\" -> \"z\""), "{dot}");
        assert!(
            dot.contains("Say \\\"hi\\\" \\\\ &amp; <b>\\nside"),
            "{dot}"
        );
    }
}
