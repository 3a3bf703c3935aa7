//! Which relations a query may use: by type or category, by evidence
//! strength, by source, and by date.

use crate::model::*;
use serde::Serialize;

/// A relation filter shared by queries, rendering and escalation.
///
/// ```
/// use casus::model::*;
/// use casus::query::Filter;
/// let g = GraphBuilder::example();
/// let f = Filter { via: Filter::parse_types(&g, "alliance").unwrap(), ..Filter::default() };
/// let kept: Vec<_> = g.relation_ids().filter(|r| f.allows(&g, *r)).collect();
/// assert_eq!(kept.len(), 1); // only the `ally` relation is in the alliance category
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Filter {
    /// Only these relation types or categories (empty: all).
    pub via: Vec<String>,
    /// Never these relation types or categories.
    pub avoid: Vec<String>,
    /// Only facts at least this strong (`reported` drops claimed, alleged,
    /// considered and denied facts).
    pub min_status: Option<Status>,
    /// Only facts with at least one seed quote (no background-only facts).
    pub seed_only: bool,
    /// Only facts known and holding on this date (see [`Graph::holds_on`]).
    pub as_of: Option<Date>,
}

/// A type or category name that the schema does not declare.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("`{name}` is neither a relation type nor a category{}", .suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct UnknownTypeError {
    pub name: String,
    pub suggestion: Option<String>,
}

/// A [`Filter`] resolved against one graph: which relation types it lets
/// through is a table, so that testing a relation hashes no name. Compile
/// once per query, test every relation the query meets.
#[derive(Clone, Debug)]
pub struct CompiledFilter<'f> {
    pub filter: &'f Filter,
    /// By index in `schema.types`: does `via`/`avoid` let the type through?
    types: Vec<bool>,
    /// Does the filter test facts (status, sources, date), not only types?
    facts: bool,
}

impl CompiledFilter<'_> {
    /// The same answer as [`Filter::allows`].
    #[inline]
    pub fn allows(&self, g: &Graph, r: RelId) -> bool {
        self.types[g.type_index(r)] && (!self.facts || self.filter.allows_facts(g, g.relation(r)))
    }

    /// Does the filter let relations of the type with this index through?
    #[inline]
    pub fn allows_type_index(&self, ty: u16) -> bool {
        self.types[ty as usize]
    }

    /// The same for an adjacency entry: a filter on types alone reads
    /// nothing but the entry.
    #[inline]
    pub fn allows_end(&self, g: &Graph, e: &End) -> bool {
        self.types[e.ty as usize] && (!self.facts || self.filter.allows_facts(g, g.relation(e.rel)))
    }
}

impl Filter {
    /// Does the filter let relation `r` through?
    pub fn allows(&self, g: &Graph, r: RelId) -> bool {
        let t = g.type_of(r);
        self.allows_type(t) && self.allows_facts(g, g.relation(r))
    }

    /// Resolves the filter against `g` (see [`CompiledFilter`]).
    pub fn compile(&self, g: &Graph) -> CompiledFilter<'_> {
        let types: Vec<bool> = g
            .schema
            .types
            .values()
            .map(|t| self.allows_type(t))
            .collect();
        CompiledFilter {
            filter: self,
            types,
            facts: self.min_status.is_some() || self.seed_only || self.as_of.is_some(),
        }
    }

    /// Do `via` and `avoid` let relations of this type through?
    fn allows_type(&self, t: &RelationType) -> bool {
        let named = |list: &[String]| list.iter().any(|n| *n == t.name || *n == t.category);
        (self.via.is_empty() || named(&self.via)) && !named(&self.avoid)
    }

    /// The tests that depend on the fact, not its type: status, sources, date.
    fn allows_facts(&self, g: &Graph, rel: &Relation) -> bool {
        if let Some(min) = self.min_status {
            if rel.status.strength() < min.strength() {
                return false;
            }
        }
        if self.seed_only && !rel.has_seed_evidence() {
            return false;
        }
        if let Some(d) = self.as_of {
            if !g.holds_on(rel, d) {
                return false;
            }
        }
        true
    }

    /// The same test on a relation value (for relations not yet in a graph).
    pub fn allows_relation(&self, g: &Graph, rel: &Relation) -> bool {
        let Some(t) = g.schema.get(&rel.rtype) else {
            return false;
        };
        self.allows_type(t) && self.allows_facts(g, rel)
    }

    /// `true` if the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Parses a comma-separated list of relation types or categories,
    /// checking each against the schema.
    pub fn parse_types(g: &Graph, list: &str) -> Result<Vec<String>, UnknownTypeError> {
        let mut out = Vec::new();
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let known = g.schema.types.contains_key(name) || g.schema.categories.contains_key(name);
            if !known {
                let candidates = g
                    .schema
                    .types
                    .keys()
                    .chain(g.schema.categories.keys())
                    .map(String::as_str);
                return Err(UnknownTypeError {
                    name: name.to_string(),
                    suggestion: crate::load::did_you_mean(name, candidates).map(str::to_string),
                });
            }
            out.push(name.to_string());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> (Graph, RelId, RelId) {
        let mut b = GraphBuilder::new(GraphBuilder::schema_of(&[
            ("ally", false, Sign::Friendly, "alliance"),
            ("attacks", true, Sign::Hostile, "conflict"),
        ]));
        let a = b.actor("a", ActorKind::State);
        let c = b.actor("c", ActorKind::State);
        let ally = b.rel("ally", a, c);
        let att = b.rel("attacks", a, c);
        b.relations_mut()[att.index()].status = Status::Alleged;
        b.relations_mut()[att.index()].valid_from = Some("2020-10-01".parse().unwrap());
        (b.build(), ally, att)
    }

    #[test]
    fn status_type_and_date_filters() {
        let (g, ally, att) = graph();
        let f = Filter {
            min_status: Some(Status::Reported),
            ..Filter::default()
        };
        assert!(f.allows(&g, ally) && !f.allows(&g, att));
        let f = Filter {
            avoid: vec!["conflict".into()],
            ..Filter::default()
        };
        assert!(f.allows(&g, ally) && !f.allows(&g, att));
        let f = Filter {
            as_of: Some("2020-09-28".parse().unwrap()),
            ..Filter::default()
        };
        assert!(f.allows(&g, ally) && !f.allows(&g, att));
        let f = Filter {
            seed_only: true,
            ..Filter::default()
        };
        assert!(!f.allows(&g, ally));
    }

    #[test]
    fn unknown_type_names_get_a_suggestion() {
        let (g, _, _) = graph();
        let e = Filter::parse_types(&g, "ally,atacks").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("attacks"));
    }
}
