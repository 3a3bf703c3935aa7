//! Statements on relations: reading each citation's `stance`, `by` and
//! `published`, then deriving every relation's status from its statements
//! by the one rule of docs/format.md ([`derive_status`]).
//!
//! Invariant: no relation leaves the loader with a written status that its
//! statements contradict, and no citation without a stance is read as
//! anything but the relation's written status (files from before
//! statements load as they did).

use super::raw::RawCitation;
use super::Loader;
use crate::model::*;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// A relation whose status is derived once every relation is known
/// (a person's state may be declared after the relation citing them).
pub(super) struct Pending {
    pub rel: RelId,
    pub file: usize,
    /// The written `status` and where, or the relation's table if none.
    pub written: Option<Status>,
    pub span: Range<usize>,
}

const STANCES: &str = "use reports, claims, alleges, considers, denies or confirms";

impl Loader<'_> {
    /// The statements of a relation's citations, in order. A citation
    /// without `stance` takes `written` (the relation's status).
    pub(super) fn statements(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        cs: &[Spanned<RawCitation>],
        written: Option<Status>,
        status_given: bool,
    ) -> Vec<Statement> {
        // Plain citations are the relation's status by the narrator: no
        // statements stored (no allocation for the common case of big graphs).
        let plain = |c: &Spanned<RawCitation>| {
            let r = c.get_ref();
            r.stance.is_none() && r.by.is_none() && r.published.is_none()
        };
        if status_given && cs.iter().all(plain) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(cs.len());
        for c in cs {
            let raw = c.get_ref();
            let stance = match &raw.stance {
                Some(s) => match parse_stance(s.get_ref()) {
                    Some(st) => Some(st),
                    None => {
                        let msg = format!("unknown stance `{}`", s.get_ref());
                        self.err(fi, s.span(), msg, Some(STANCES.into()));
                        None
                    }
                },
                None if !status_given => {
                    self.err(
                        fi,
                        c.span(),
                        "this citation has no `stance` and its relation no `status`",
                        Some(format!("add stance = \"reports\" (or another: {STANCES}), or a status to the relation")),
                    );
                    None
                }
                None => None,
            };
            let by = raw.by.as_ref().and_then(|s| self.actor_ref(b, fi, s, "by"));
            let published = raw.published.as_ref().and_then(|d| self.date(fi, d));
            out.push(Statement {
                stance: stance.or(written).unwrap_or(Status::Reported),
                by,
                published,
                explicit: stance.is_some(),
            });
        }
        out
    }

    /// Statements belong to relations: a stance on an actor's or a
    /// treaty's evidence is an error, not silently dropped.
    pub(super) fn no_statements(&mut self, fi: usize, cs: &[Spanned<RawCitation>], on: &str) {
        for c in cs {
            let raw = c.get_ref();
            let spans = [
                raw.stance.as_ref().map(|s| s.span()),
                raw.by.as_ref().map(|s| s.span()),
                raw.published.as_ref().map(|s| s.span()),
            ];
            if let Some(span) = spans.into_iter().flatten().next() {
                self.err(
                    fi,
                    span,
                    format!("`stance`, `by` and `published` are for relation evidence, not {on}"),
                    Some("record the statement as a relation, or drop the field".into()),
                );
            }
        }
    }

    /// Derives each pending relation's status from its statements, checks
    /// it against the written one, and records who claims and who denies.
    pub(super) fn derive_statuses(&mut self, b: &mut GraphBuilder, pending: Vec<Pending>) {
        let speaks_for = speaks_for(b);
        for p in pending {
            let rel = &b.relations()[p.rel.index()];
            let (from, to) = (rel.from, rel.to);
            let is_party = |a: Option<ActorId>| {
                a.is_some_and(|a| {
                    a == from
                        || a == to
                        || speaks_for
                            .get(&a)
                            .is_some_and(|s| s.contains(&from) || s.contains(&to))
                })
            };
            let Some(derived) = derive_status(&rel.statements, is_party) else {
                continue;
            };
            let explicit = rel.statements.iter().any(|s| s.explicit);
            if let (Some(w), true) = (p.written, explicit) {
                if w != derived {
                    self.err(
                        p.file,
                        p.span.clone(),
                        format!("status `{w}`, but the statements of this relation give `{derived}`"),
                        Some(format!("the status is the strongest stance of a source that is not a party (a party's own word counts as `claimed` unless it confirms); write status = \"{derived}\", or drop `status` and let the statements decide")),
                    );
                }
            }
            let (mut claimed, mut denied) = (Vec::new(), Vec::new());
            for s in &rel.statements {
                match (s.by, s.stance) {
                    (Some(a), Status::Denied) => denied.push(a),
                    (Some(a), st) if is_party(Some(a)) && grade(st, true) == Status::Claimed => {
                        claimed.push(a)
                    }
                    _ => {}
                }
            }
            let rel = &mut b.relations_mut()[p.rel.index()];
            rel.status = derived;
            for a in claimed {
                if !rel.claimed_by.contains(&a) {
                    rel.claimed_by.push(a);
                }
            }
            for a in denied {
                if !rel.denied_by.contains(&a) {
                    rel.denied_by.push(a);
                }
            }
        }
    }
}

/// For each person, the actors they speak for (`leader_of`, `official_of`).
fn speaks_for(b: &GraphBuilder) -> HashMap<ActorId, Vec<ActorId>> {
    let mut m: HashMap<ActorId, Vec<ActorId>> = HashMap::new();
    for r in b.relations() {
        if r.rtype == "leader_of" || r.rtype == "official_of" {
            m.entry(r.from).or_default().push(r.to);
        }
    }
    m
}
