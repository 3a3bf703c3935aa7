//! The Monte Carlo cascade.
//!
//! Each relation becomes one or more *channels*: "when actor X is involved
//! at level l, its partner Y may be drawn in up to level m", with
//! probabilities P(level >= k) from the model, scaled by the fact's status
//! and damped for mediators, cross-pressured actors and remote guarantors.
//! A channel never carries its partner above the level of the actor that
//! pulls it, so a diplomatic actor pulls no one into combat; treaty
//! channels carry combat only where the gates opened (a joiner's own
//! gates open only if a strike hits it).
//!
//! In each trial the belligerents (and the wars of the scenario) start at
//! L5; actors are processed highest level first, and each channel is drawn
//! once, level by level (reaching level k given k-1 with probability
//! p_k / p_{k-1}); treaty ties binding the same guarantor to the same
//! party share their draws, since honouring them is one decision. Every draw is a counter-based hash of (trial seed,
//! channel key, level), the key coming from the relation's content, not
//! its position: results do not depend on the number of threads or on the
//! processing order, and a leave-one-out rerun on the same seed changes
//! only what depends on the relation left out (common random numbers).

use super::gates::{GateLevel, Gates};
use super::joining::{probability_without, Candidate};
use super::sides::Analysis;
use super::{World, LEVELS};
use crate::model::*;

/// What a channel is made of.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ChannelKind {
    /// An ordinary relation, by the model's channel spec (index).
    Tie { spec: usize },
    /// A treaty tie between co-parties (or a party and its organisation).
    Treaty {
        treaty: TreatyId,
        level: GateLevel,
        institution: bool,
    },
    /// The joining model's channel from the war to a candidate state
    /// (index into `Plan::joins`): combat, L4 and up.
    Joining { candidate: usize },
}

impl Channel {
    /// A treaty tie between two parties: it shares its draws with every
    /// other treaty tie of the same pair.
    pub fn shared_decision(&self) -> bool {
        matches!(
            self.kind,
            ChannelKind::Treaty {
                institution: false,
                ..
            }
        )
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Channel {
    /// The actor already involved.
    pub from: u32,
    /// The actor it may draw in.
    pub to: u32,
    pub max: u8,
    /// P(level >= k), k = 1..=5, after status, damping and caps.
    pub p: [f64; LEVELS],
    pub key: u64,
    pub rels: Vec<RelId>,
    pub kind: ChannelKind,
    /// Host-territory gate: `Some(open)`.
    pub gate_open: Option<bool>,
    /// Damping applied to the partner, in words.
    pub damped: Vec<&'static str>,
    /// The least level `from` must have for the channel to act.
    pub source_level: u8,
}

pub(crate) struct Plan {
    pub n: usize,
    pub channels: Vec<Channel>,
    /// Per actor, the channels that may draw it in (by index).
    pub into: Vec<Vec<u32>>,
    /// The trial loop's view of the channels, packed by the actor they
    /// leave: those out of actor `a` are `hot_start[a]..hot_start[a + 1]`
    /// (in channel order), their partners in `hot_to` (four bytes each:
    /// a trial scans them all, and most end there, their partner being
    /// already in) and what their draws need in `hot`.
    pub(crate) hot_to: Vec<u32>,
    pub(crate) hot: Vec<Hot>,
    pub(crate) hot_start: Vec<u32>,
    /// Per actor, by level k = 1..=5 (index k - 1): the end of its channels
    /// that can carry a partner to level k (they come first, highest cap
    /// first).
    pub(crate) hot_end: Vec<[u32; LEVELS]>,
    pub start: Vec<u32>,
    pub belligerent: Vec<bool>,
    /// Actors whose probabilities are reported.
    pub reported: Vec<bool>,
    /// Non-belligerent states (for the any-third-state figure).
    pub third_state: Vec<bool>,
    /// The joining model's candidates, with their terms.
    pub joins: Vec<Candidate>,
    /// The joining channels, as (partner, channel index): each is drawn
    /// straight from a belligerent present in every trial, independently
    /// of every other draw, so the trials estimate its partner's
    /// probabilities Rao-Blackwellised (`trials::Stats::level`).
    pub joining: Vec<(u32, u32)>,
}

impl Plan {
    pub fn build(w: &World, gates: &Gates, an: &Analysis, joins: Vec<Candidate>) -> Plan {
        let g = w.g;
        let n = g.actors.len();
        let mut b = super::channels::Builder::new(w, gates, an);
        b.ties();
        b.treaty_ties();
        b.joining(&joins);
        let channels = b.finish();
        let belligerents = w.belligerents.clone();
        let mut belligerent = vec![false; n];
        for x in &belligerents {
            belligerent[x.index()] = true;
        }
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut into = vec![Vec::new(); n];
        for (i, c) in channels.iter().enumerate() {
            out[c.from as usize].push(i as u32);
            into[c.to as usize].push(i as u32);
        }
        let mut hot: Vec<Hot> = Vec::with_capacity(channels.len());
        let mut hot_start = Vec::with_capacity(n + 1);
        let mut hot_end = Vec::with_capacity(n);
        for o in out.iter_mut() {
            // Highest cap first: a pass at level k stops at the first
            // channel that cannot carry k (`hot_end`).
            o.sort_by_key(|ci| std::cmp::Reverse(channels[*ci as usize].max));
            let s = hot.len() as u32;
            hot_start.push(s);
            hot_end.push(std::array::from_fn(|k| {
                s + o
                    .iter()
                    .take_while(|ci| channels[**ci as usize].max as usize > k)
                    .count() as u32
            }));
            hot.extend(o.iter().map(|&ci| {
                let c = &channels[ci as usize];
                Hot {
                    to: c.to,
                    ci,
                    max: c.max,
                    source_level: c.source_level,
                    key: c.key,
                    p: c.p,
                }
            }));
        }
        hot_start.push(hot.len() as u32);
        let hot_to: Vec<u32> = hot.iter().map(|h: &Hot| h.to).collect();
        let mut start: Vec<u32> = belligerents.iter().map(|a| a.0).collect();
        for h in &w.hubs {
            if !start.contains(&h.0) {
                start.push(h.0);
            }
        }
        let reported: Vec<bool> = g
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                !w.is_hub[i]
                    && matches!(
                        a.kind,
                        ActorKind::State | ActorKind::Organisation | ActorKind::ArmedGroup
                    )
            })
            .collect();
        let joining = channels
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                matches!(c.kind, ChannelKind::Joining { .. })
                    && start.contains(&c.from)
                    && c.source_level as usize == LEVELS
            })
            .map(|(i, c)| (c.to, i as u32))
            .collect();
        let third_state: Vec<bool> = g
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| a.kind == ActorKind::State && !belligerent[i])
            .collect();
        Plan {
            n,
            channels,
            into,
            hot_to,
            hot,
            hot_start,
            hot_end,
            start,
            belligerent,
            reported,
            third_state,
            joins,
            joining,
        }
    }

    /// The factor each channel's probabilities take with relation `r`
    /// left out: 0 for a channel made of it; for a joining channel, the
    /// model's probability without the terms resting only on `r`, over
    /// the probability with them.
    pub(crate) fn without(&self, model: &super::Model, r: RelId) -> Vec<f64> {
        self.channels
            .iter()
            .map(|c| match c.kind {
                ChannelKind::Joining { candidate } => {
                    let cand = &self.joins[candidate];
                    if !c.rels.contains(&r) || cand.p <= 0.0 {
                        1.0
                    } else {
                        probability_without(model, &cand.terms, r) / cand.p
                    }
                }
                _ if c.rels.contains(&r) => 0.0,
                _ => 1.0,
            })
            .collect()
    }
}

/// A channel as the trial loop sees it: what the draws need, packed and
/// stored in the order the loop reads them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hot {
    /// The partner.
    pub to: u32,
    /// The channel's index in `Plan::channels`.
    pub ci: u32,
    pub max: u8,
    /// The least level of the puller that lets the channel carry.
    pub source_level: u8,
    pub key: u64,
    pub p: [f64; LEVELS],
}
