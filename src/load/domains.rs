//! Type domains in the loader: reading a type's `from`/`to` kinds and
//! rejecting a relation that joins kinds of actor its type does not.
//!
//! Invariant: no relation whose ends break its type's declared domain
//! leaves the loader; each violation is one error at the relation's
//! `type`, with a hint naming the types that do fit.

use super::raw::{RawRelation, RawType};
use super::Loader;
use crate::model::*;

impl Loader<'_> {
    /// The domain a `[[type]]` table declares (empty sides: any actor).
    pub(super) fn domain(&mut self, fi: usize, t: &RawType) -> Domain {
        let mut side = |list: &[toml::Spanned<String>]| {
            let mut out = Vec::new();
            for k in list {
                match KindSpec::parse(k.get_ref()) {
                    Some(spec) => out.push(spec),
                    None => {
                        let kinds: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
                        self.err(
                            fi,
                            k.span(),
                            format!("unknown kind of actor `{}`", k.get_ref()),
                            Some(format!(
                                "use {}, unrecognised_state or recognised_state",
                                kinds.join(", ")
                            )),
                        );
                    }
                }
            }
            out
        };
        let from = side(&t.from);
        let to = side(&t.to);
        Domain { from, to }
    }

    /// Rejects `r` if its type's domain does not accept its ends.
    pub(super) fn check_domain(
        &mut self,
        b: &GraphBuilder,
        fi: usize,
        r: &RawRelation,
        from: ActorId,
        to: ActorId,
    ) -> bool {
        if b.schema.domains.is_empty() {
            return true; // imported and generated schemas declare none
        }
        let rtype = r.rtype.get_ref();
        let (Some(domain), Some(t)) = (b.schema.domains.get(rtype), b.schema.types.get(rtype))
        else {
            return true;
        };
        let (fa, ta) = (&b.actors()[from.index()], &b.actors()[to.index()]);
        if domain.accepts(fa, ta, t.directed) {
            return true;
        }
        let fitting = fitting_types(&b.schema, t, fa, ta);
        let hint = format!(
            "`{rtype}` joins {} to {}; for {} ({}) to {} ({}) {}",
            Domain::describe(&domain.from),
            Domain::describe(&domain.to),
            fa.id,
            kind_of(fa),
            ta.id,
            kind_of(ta),
            if fitting.is_empty() {
                "no declared type fits".to_string()
            } else {
                format!("use {}", fitting.join(", "))
            }
        );
        self.err(
            fi,
            r.rtype.span(),
            format!(
                "`{rtype}` cannot join {} `{}` to {} `{}`",
                kind_of(fa),
                fa.id,
                kind_of(ta),
                ta.id
            ),
            Some(hint),
        );
        false
    }
}

/// `unrecognised state` or the kind's name.
fn kind_of(a: &Actor) -> String {
    if a.kind == ActorKind::State && !a.recognised {
        "unrecognised state".into()
    } else {
        a.kind.as_str().replace('_', " ")
    }
}

/// Up to four types of the same sign whose domain accepts the two actors,
/// those of the same category first.
fn fitting_types(schema: &Schema, t: &RelationType, fa: &Actor, ta: &Actor) -> Vec<String> {
    let mut fits: Vec<&RelationType> = schema
        .types
        .values()
        .filter(|o| o.name != t.name && o.sign == t.sign)
        .filter(|o| {
            schema
                .domains
                .get(&o.name)
                .is_none_or(|d| d.accepts(fa, ta, o.directed))
        })
        .collect();
    fits.sort_by_key(|o| o.category != t.category);
    fits.into_iter()
        .take(4)
        .map(|o| format!("`{}` ({})", o.name, o.verb))
        .collect()
}
