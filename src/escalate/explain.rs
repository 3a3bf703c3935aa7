//! Fills an [`Outcome`] from a run: each reported actor's probabilities
//! (Rao-Blackwellised where it has a joining channel), damping, side,
//! most frequent chain with every hop cited, and the relations carrying
//! it in with their leave-one-out effect; the actors in order; the
//! scenario as run.
//!
//! It runs no trial (`trials.rs`), decides no side (`sides.rs`) and
//! prints nothing (the command line does).

use super::cascade::{Channel, ChannelKind, Plan};
use super::gates::Gates;
use super::model::{ModelSource, SideRule};
use super::outcome::*;
use super::sides::{no_side, Analysis, Side, SideVerdict};
use super::trials::{incoming, incoming_relations, Runs, Stats, LOO_PER_ACTOR};
use super::{World, LEVELS, LEVEL_NAMES};
use crate::model::*;
use crate::view::{ActorRef, RelationView};
use rustc_hash::FxHashMap;

/// P(level >= k), k = 1..=5, of actor x from a run's tallies.
fn level_probs(st: &Stats, x: usize) -> Vec<LevelProb> {
    let n = st.trials;
    let mut v: Vec<LevelProb> = (1..=LEVELS)
        .map(|k| match st.blend(x) {
            Some(b) => {
                let mut l = LevelProb::blended(
                    k as u8,
                    b.own[k - 1],
                    b.reached[k - 1],
                    b.short[k - 1],
                    st.at_least(x, k),
                    n,
                );
                // Under the dispute-level effect: the strata's estimate,
                // the pooled interval moved with it.
                if let Some(m) = b.mixed {
                    let shift = m[k - 1] - l.p;
                    l.p = m[k - 1];
                    l.low = (l.low + shift).clamp(0.0, l.p);
                    l.high = (l.high + shift).clamp(l.p, 1.0);
                }
                l
            }
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

/// The outcome of a run: every reported actor drawn in (or a
/// belligerent), most involved first, the sides, the scenario as run.
pub(crate) fn assemble(
    w: &World,
    gates: &Gates,
    an: &Analysis,
    plan: &Plan,
    runs: &Runs,
    removed: Vec<RelationView>,
) -> Outcome {
    let g = w.g;
    let main = &runs.main;
    let mut actors = Vec::new();
    let mut untouched = Vec::new();
    let best = main.best_chains();
    for x in 0..plan.n {
        if !plan.reported[x] {
            continue;
        }
        match actor_outcome(w, an, plan, runs, &best, x) {
            Some(a) => actors.push(a),
            None if g.actor(ActorId(x as u32)).kind != ActorKind::Person => {
                untouched.push(g.actor(ActorId(x as u32)).id.clone())
            }
            None => {}
        }
    }
    sort_actors(w, &mut actors);
    Outcome {
        scenario: scenario_view(w, removed),
        trials: main.trials,
        seed: w.scenario.seed,
        sides: side_views(w),
        levels: LEVEL_NAMES
            .iter()
            .enumerate()
            .map(|(i, s)| format!("L{}: {s}", i + 1))
            .collect(),
        gates: gates.traces.clone(),
        actors,
        untouched,
        any_third_state_at_war: LevelProb::wilson(5, main.any_l5, main.trials),
        any_third_state_fighting: LevelProb::wilson(4, main.any_l4, main.trials),
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

/// Actor x's outcome; `None` if it is no belligerent and never drawn in.
fn actor_outcome(
    w: &World,
    an: &Analysis,
    plan: &Plan,
    runs: &Runs,
    best: &FxHashMap<u32, (u64, u32)>,
    x: usize,
) -> Option<ActorOutcome> {
    let g = w.g;
    let main = &runs.main;
    let id = ActorId(x as u32);
    let entered = main.at_least(x, 1);
    let levels = level_probs(main, x);
    if levels[0].p <= 0.0 && !plan.belligerent[x] {
        return None;
    }
    let mut side = an
        .verdicts
        .get(&id)
        .cloned()
        .unwrap_or_else(|| no_side(an.cross_pressured[x]));
    if side.side.is_none() && !side.cross_pressured {
        lean_by_joining(w, plan, id, &mut side);
    }
    let (chain, incoming) = if plan.belligerent[x] {
        (None, Vec::new())
    } else {
        (
            chain_view(w, plan, main, best.get(&(x as u32)), x, entered),
            incoming_views(w, plan, runs, x, entered),
        )
    };
    Some(ActorOutcome {
        joining: plan
            .joins
            .iter()
            .find(|c| c.actor == id)
            .map(|c| JoiningView::new(g, w.model, c)),
        actor: ActorRef::new(g, id),
        belligerent: plan.belligerent[x],
        side,
        levels,
        damping: damping(w, an, x),
        entered,
        chain,
        incoming,
    })
}

/// The damping the model applies to actor x's draws, in words.
fn damping(w: &World, an: &Analysis, x: usize) -> Vec<String> {
    let m = w.model;
    let mut out = Vec::new();
    if an.mediator[x] {
        out.push(format!(
            "mediator: draws from L{} up x{}",
            m.mediator.from_level, m.mediator.factor.p
        ));
    }
    if an.cross_pressured[x] {
        out.push(format!(
            "cross-pressured: draws from L{} up x{}",
            m.cross_pressure.from_level, m.cross_pressure.factor.p
        ));
    }
    if w.g.actor(ActorId(x as u32)).kind == ActorKind::Organisation {
        out.push(format!(
            "organisation (consensus): draws from L{} up x{}",
            m.organisation.from_level, m.organisation.factor.p
        ));
    }
    out
}

/// Actor x's most frequent activation chain (`best`: from
/// [`Stats::best_chains`]), every hop cited.
fn chain_view(
    w: &World,
    plan: &Plan,
    main: &Stats,
    best: Option<&(u64, u32)>,
    x: usize,
    entered: u32,
) -> Option<ChainView> {
    let g = w.g;
    let &(hash, count) = best?;
    Some(ChainView {
        count,
        share: count as f64 / entered.max(1) as f64,
        hops: main
            .hops(plan, x, hash)
            .iter()
            .map(|(ci, lvl)| {
                let c = &plan.channels[*ci as usize];
                HopView {
                    from: ActorRef::new(g, ActorId(c.from)),
                    to: ActorRef::new(g, ActorId(c.to)),
                    level: *lvl,
                    via: via(w, plan, c),
                    relations: rels(g, c),
                }
            })
            .collect(),
    })
}

/// The relations that carry actor x in, most used first, with what
/// leaving each out changes where it was rerun.
fn incoming_views(
    w: &World,
    plan: &Plan,
    runs: &Runs,
    x: usize,
    entered: u32,
) -> Vec<IncomingView> {
    let main = &runs.main;
    let chans = incoming(plan, main, x);
    incoming_relations(plan, main, x)
        .into_iter()
        .take(LOO_PER_ACTOR)
        .map(|(r, cnt)| {
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
            IncomingView {
                relation: RelationView::new(w.g, r),
                via: top,
                share: (cnt as f64 / entered.max(1) as f64).min(1.0),
                without,
            }
        })
        .collect()
}

/// Belligerents first (side A, then B, in the order of the strikes), then
/// the most involved; near ties (sampling noise) by name.
fn sort_actors(w: &World, actors: &mut [ActorOutcome]) {
    let g = w.g;
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
                    let r = |x: &ActorOutcome| (x.expected_level() * 100.0).round() as i64;
                    r(b).cmp(&r(a))
                }
            })
            .then_with(|| a.actor.name.cmp(&b.actor.name))
    });
}

/// The two camps of belligerents.
fn side_views(w: &World) -> Vec<SideView> {
    [Side::A, Side::B]
        .into_iter()
        .map(|s| SideView {
            side: s,
            belligerents: w
                .belligerents
                .iter()
                .filter(|a| w.side[a.index()] == Some(s))
                .map(|a| ActorRef::new(w.g, *a))
                .collect(),
        })
        .collect()
}

/// The scenario as run: its strikes, wars, hypotheses added and removed.
fn scenario_view(w: &World, removed: Vec<RelationView>) -> ScenarioView {
    let (g, sc) = (w.g, w.scenario);
    let aref = |a: ActorId| ActorRef::new(g, a);
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
    ScenarioView {
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
    }
}
