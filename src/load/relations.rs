//! Building the relations: each raw relation's fields read and checked in
//! order (type, ends, status, claims, place, dates, support, treaty, key,
//! evidence, covariates), then the relation added to the graph, and every
//! status with statements derived once all relations are in.
//!
//! Invariant: no relation enters the graph with an undeclared type, an
//! unknown end, ends its type's domain does not allow, itself as both
//! ends, or a fact given before (a symmetric pair either way round); no
//! raw row outlives the building of its relation.

use super::raw::*;
use super::{did_you_mean, statements, At, Chunks, Loader};
use crate::model::*;
use rustc_hash::{FxHashMap, FxHashSet};
use toml::Spanned;

/// What makes two relations the same fact: type (index in the schema),
/// ends, dates, place.
type FactKey = (
    u16,
    ActorId,
    ActorId,
    Option<PartialDate>,
    Option<PartialDate>,
    Option<ActorId>,
);

/// A relation's fields, each read and checked (problems reported), before
/// the checks that need the whole relation.
struct Fields<'r> {
    rtype: String,
    /// Whether the type is directed; `None` if it is not declared.
    directed: Option<bool>,
    from: Option<ActorId>,
    to: Option<ActorId>,
    /// The status written, parsed (`None` inside if unknown), and where.
    written: Option<(Option<Status>, &'r Spanned<String>)>,
    status: Option<Status>,
    claimed_by: Vec<ActorId>,
    denied_by: Vec<ActorId>,
    place: Option<ActorId>,
    since: Option<PartialDate>,
    until: Option<PartialDate>,
    support: Vec<SupportKind>,
    treaty: Option<TreatyId>,
    evidence: Vec<Citation>,
    statements: Vec<Statement>,
    contiguity: Option<u8>,
    rivalry: Vec<String>,
}

impl Loader<'_> {
    /// Builds every relation, in file order, each raw row dropped once its
    /// relation is built; then derives the statuses given by statements.
    pub(super) fn build_relations(
        &mut self,
        b: &mut GraphBuilder,
        relations: Chunks<At<RawRelation>>,
    ) {
        let mut keys: FxHashSet<String> = FxHashSet::default();
        // Each fact's first relation, by index (its span is in `self.spans`).
        let mut seen: FxHashMap<FactKey, u32> =
            FxHashMap::with_capacity_and_hasher(relations.len(), Default::default());
        let mut pending = Vec::new();
        // Room for every relation at once: a growing vector holds up to
        // three times its size while it moves (the peak of a big load).
        b.relations_mut().reserve_exact(relations.len());
        for At { file, item } in relations.into_items() {
            let fields = self.fields(b, &mut keys, file, &item);
            let written = fields.written.and_then(|w| w.0);
            let span = fields.written.map_or(item.span(), |w| w.1.span());
            let Some((rel, dkey)) = self.relation(b, &seen, file, &item, fields) else {
                continue;
            };
            // Cannot fail: the type and every actor were checked above.
            let graded = !rel.statements.is_empty();
            if let Ok(id) = b.add_relation(rel) {
                seen.insert(dkey, self.spans.relations.len() as u32);
                self.spans.relations.push((file, item.span()));
                if graded {
                    pending.push(statements::Pending {
                        rel: id,
                        file,
                        written,
                        span,
                    });
                }
            }
        }
        // The duplicate indexes are not needed to build the adjacency: free
        // them first (about 54 bytes a relation at 100k, 86 at 1M).
        drop(seen);
        drop(keys);
        self.derive_statuses(b, pending);
    }

    /// Reads a relation's fields in order, reporting each problem; a
    /// relation key used before is reported here too.
    fn fields<'r>(
        &mut self,
        b: &GraphBuilder,
        keys: &mut FxHashSet<String>,
        fi: usize,
        item: &'r Spanned<RawRelation>,
    ) -> Fields<'r> {
        let r = item.get_ref();
        let rtype = r.rtype.get_ref().clone();
        let directed = self.direction(b, fi, r);
        let from = self.actor_ref(b, fi, &r.from, "from");
        let to = self.actor_ref(b, fi, &r.to, "to");
        let written = self.written_status(fi, r);
        // With no status written, the statements decide (derived later).
        let status = match &written {
            Some((st, _)) => *st,
            None => Some(Status::Reported),
        };
        let claimed_by = self.actor_refs(b, fi, &r.claimed_by, "claimed_by");
        let denied_by = self.actor_refs(b, fi, &r.denied_by, "denied_by");
        let place = r
            .place
            .as_ref()
            .and_then(|s| self.actor_ref(b, fi, s, "place"));
        let (since, until) = self.relation_dates(fi, r);
        let support = self.support(fi, r);
        let treaty = self.treaty_ref(b, fi, r);
        self.check_key(keys, fi, r);
        if r.evidence.is_empty() {
            self.err(fi, item.span(), format!("relation `{} --{rtype}--> {}` has no provenance", r.from.get_ref(), r.to.get_ref()), Some("add evidence = [{ doc = \"...\", quote = \"...\" }] or [{ reference = \"...\" }]".into()));
        }
        let evidence = self.citations(b, fi, &r.evidence);
        let statements = self.statements(b, fi, &r.evidence, status, written.is_some());
        let contiguity = self.contiguity(fi, &rtype, r);
        let rivalry = self.rivalry(fi, &rtype, r);
        Fields {
            rtype,
            directed,
            from,
            to,
            written,
            status,
            claimed_by,
            denied_by,
            place,
            since,
            until,
            support,
            treaty,
            evidence,
            statements,
            contiguity,
            rivalry,
        }
    }

    /// The relation its fields make, with its fact key; `None` if a field
    /// was bad, or (reported) if the ends break the type's domain, are one
    /// actor, or give a fact given before.
    fn relation(
        &mut self,
        b: &GraphBuilder,
        seen: &FxHashMap<FactKey, u32>,
        fi: usize,
        item: &Spanned<RawRelation>,
        f: Fields,
    ) -> Option<(Relation, FactKey)> {
        let r = item.get_ref();
        let (Some(directed), Some(from), Some(to), Some(status)) =
            (f.directed, f.from, f.to, f.status)
        else {
            return None;
        };
        if !self.check_domain(b, fi, r, from, to) {
            return None;
        }
        if from == to {
            self.err(
                fi,
                r.to.span(),
                format!(
                    "relation `{}` from `{}` to itself",
                    f.rtype,
                    r.from.get_ref()
                ),
                None,
            );
            return None;
        }
        // The same fact twice: a symmetric pair either way round, or a directed one again.
        let (a, z) = if directed || from < to {
            (from, to)
        } else {
            (to, from)
        };
        let ty = b
            .schema
            .types
            .get_index_of(&f.rtype)
            .map_or(u16::MAX, |t| t as u16);
        let dkey = (ty, a, z, f.since, f.until, f.place);
        if let Some(&first) = seen.get(&dkey) {
            self.duplicate_fact(fi, item, &f.rtype, directed, first);
            return None;
        }
        let rel = Relation {
            rtype: Sym::new(&f.rtype),
            from,
            to,
            status,
            valid_from: f.since,
            valid_until: f.until,
            place: f.place,
            treaty: f.treaty,
            evidence: f.evidence.into(),
            extra: RelationExtra {
                key: r.key.as_ref().map(|k| k.get_ref().clone()).map(Into::into),
                claimed_by: f.claimed_by.into(),
                denied_by: f.denied_by.into(),
                role: r.role.clone().map(Into::into),
                systems: r.systems.iter().map(|s| Sym::new(s)).collect(),
                support: f.support.into(),
                contiguity: f.contiguity,
                rivalry: f.rivalry.iter().map(|s| Sym::new(s)).collect(),
                note: r.note.clone().map(Into::into),
                statements: f.statements.into(),
            }
            .boxed(),
        };
        Some((rel, dkey))
    }

    /// Whether the relation's type is directed; `None` (reported, with the
    /// closest declared type) if the type is not declared.
    fn direction(&mut self, b: &GraphBuilder, fi: usize, r: &RawRelation) -> Option<bool> {
        let rtype = r.rtype.get_ref();
        if let Some(t) = b.schema.types.get(rtype) {
            return Some(t.directed);
        }
        let hint = did_you_mean(rtype, b.schema.types.keys().map(String::as_str))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "declare it in a [[type]] table of the schema".into());
        self.err_ref(
            fi,
            r.rtype.span(),
            format!("undeclared relation type `{rtype}`"),
            Some(hint),
        );
        None
    }

    /// The actors a list of ids names, each unknown one reported.
    fn actor_refs(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        ids: &[Spanned<String>],
        what: &str,
    ) -> Vec<ActorId> {
        ids.iter()
            .filter_map(|s| self.actor_ref(b, fi, s, what))
            .collect()
    }

    /// The status written, parsed (`None` inside, reported, if it is not a
    /// status), and where it is written.
    fn written_status<'r>(
        &mut self,
        fi: usize,
        r: &'r RawRelation,
    ) -> Option<(Option<Status>, &'r Spanned<String>)> {
        let written = r
            .status
            .as_ref()
            .map(|st| (Status::parse(st.get_ref()), st));
        if let Some((None, st)) = &written {
            self.err(
                fi,
                st.span(),
                format!("unknown status `{}`", st.get_ref()),
                Some("use confirmed, reported, claimed, alleged, considered or denied".into()),
            );
        }
        written
    }

    /// The relation's `since` and `until`, from `date` (both) or from
    /// themselves; a bad date, both forms at once, or an `until` before
    /// `since` is reported.
    fn relation_dates(
        &mut self,
        fi: usize,
        r: &RawRelation,
    ) -> (Option<PartialDate>, Option<PartialDate>) {
        let (mut since, mut until) = (None, None);
        if let Some(d) = &r.date {
            if r.since.is_some() || r.until.is_some() {
                self.err(
                    fi,
                    d.span(),
                    "`date` is shorthand for since = until = date; give one or the other",
                    None,
                );
            }
            since = self.date(fi, d);
            until = since;
        } else {
            if let Some(d) = &r.since {
                since = self.date(fi, d);
            }
            if let Some(d) = &r.until {
                until = self.date(fi, d);
                if let (Some(s), Some(u)) = (since, until) {
                    if u.latest() < s.earliest() {
                        self.err(
                            fi,
                            d.span(),
                            format!("until {u} is before since {s}"),
                            Some("swap them, or correct the year".into()),
                        );
                    }
                }
            }
        }
        (since, until)
    }

    /// The kinds of support the relation lists, each unknown one reported.
    fn support(&mut self, fi: usize, r: &RawRelation) -> Vec<SupportKind> {
        let mut support = Vec::new();
        for s in &r.support {
            match SupportKind::parse(s.get_ref()) {
                Some(k) => support.push(k),
                None => {
                    let (msg, hint) = SupportKind::unknown(s.get_ref());
                    self.err(fi, s.span(), msg, Some(hint));
                }
            }
        }
        support
    }

    /// The treaty the relation is made under, if any; an unknown one is
    /// reported.
    fn treaty_ref(&mut self, b: &GraphBuilder, fi: usize, r: &RawRelation) -> Option<TreatyId> {
        let t = r.treaty.as_ref()?;
        let id = b.treaty_id(t.get_ref());
        if id.is_none() {
            self.err_ref(
                fi,
                t.span(),
                format!("unknown treaty `{}`", t.get_ref()),
                Some("declare it in a [[treaty]] table".into()),
            );
        }
        id
    }

    /// Records the relation's `key`, reporting one used before.
    fn check_key(&mut self, keys: &mut FxHashSet<String>, fi: usize, r: &RawRelation) {
        if let Some(k) = &r.key {
            if !keys.insert(k.get_ref().clone()) {
                self.err(
                    fi,
                    k.span(),
                    format!("relation key `{}` is used twice", k.get_ref()),
                    None,
                );
            }
        }
    }

    /// Reports a fact given again, with where it was first given (`first`,
    /// an index into `self.spans.relations`).
    fn duplicate_fact(
        &mut self,
        fi: usize,
        item: &Spanned<RawRelation>,
        rtype: &str,
        directed: bool,
        first: u32,
    ) {
        let r = item.get_ref();
        let (pf, pspan) = &self.spans.relations[first as usize];
        let (pl, pc) = self.sources[*pf].line_col(pspan.start);
        let first = format!("{}:{pl}:{pc}", self.sources[*pf].name);
        let msg = if directed {
            format!(
                "relation `{} --{rtype}--> {}` is given twice",
                r.from.get_ref(),
                r.to.get_ref()
            )
        } else {
            format!("symmetric relation `{rtype}` between `{}` and `{}` is given twice (the order does not matter)", r.from.get_ref(), r.to.get_ref())
        };
        self.err(
            fi,
            item.span(),
            msg,
            Some(format!(
                "first given at {first}; merge the two evidence lists into one relation"
            )),
        );
    }
}
