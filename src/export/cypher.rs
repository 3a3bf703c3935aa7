//! Cypher for Neo4j (`cypher-shell -f casus.cypher`): a uniqueness
//! constraint on actors' ids, one `MERGE` per actor (label `Actor` and a
//! label by kind: `State`, `Person`, ...), one `MATCH ... MERGE` per
//! relation (relationship type by relation type, upper case, keyed by the
//! casus relation number so that loading twice changes nothing).
//!
//! Invariant: every string is a single-quoted Cypher literal with its
//! backslashes, quotes and control characters escaped, and every label or
//! type a backtick-quoted name with its backticks doubled: no text of the
//! graph can end a literal or a statement.

use super::{actor_values, fact_values, Value, ACTOR_ATTRS, FACT_ATTRS};
use crate::model::{ActorKind, Graph};
use crate::render::Selection;
use std::fmt::Write;

/// A Cypher string literal.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A backtick-quoted label, relationship type or property name.
pub fn name(text: &str) -> String {
    format!("`{}`", text.replace('`', "``"))
}

/// The Neo4j label of an actor kind (`ArmedGroup` for `armed_group`).
pub fn label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "State",
        ActorKind::Person => "Person",
        ActorKind::Organisation => "Organisation",
        ActorKind::ArmedGroup => "ArmedGroup",
        ActorKind::Territory => "Territory",
        ActorKind::Place => "Place",
        ActorKind::Conflict => "Conflict",
    }
}

/// The relationship type of a relation type (`ARMS_SUPPLIER`).
pub fn rel_type(rtype: &str) -> String {
    rtype.to_uppercase()
}

fn map(attrs: &[(&str, super::AttrType)], values: Vec<Option<Value>>) -> String {
    let parts: Vec<String> = attrs
        .iter()
        .zip(values)
        .filter_map(|((k, _), v)| {
            v.map(|v| {
                let v = match v {
                    Value::Str(s) => literal(&s),
                    other => other.to_string(),
                };
                format!("{}: {v}", name(k))
            })
        })
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The script.
pub fn write(g: &Graph, sel: &Selection) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// casus {}: {} actors, {} relations. Load: cypher-shell -f casus.cypher",
        env!("CARGO_PKG_VERSION"),
        sel.actors.len(),
        sel.relations.len()
    );
    out.push_str(
        "CREATE CONSTRAINT casus_actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;\n",
    );
    for a in &sel.actors {
        let actor = g.actor(*a);
        let _ = writeln!(
            out,
            "MERGE (n:Actor {{id: {}}}) SET n:{}, n += {};",
            literal(&actor.id),
            name(label(actor.kind)),
            map(ACTOR_ATTRS, actor_values(g, *a))
        );
    }
    for r in &sel.relations {
        let rel = g.relation(*r);
        let _ = writeln!(
            out,
            "MATCH (a:Actor {{id: {}}}), (b:Actor {{id: {}}}) MERGE (a)-[r:{} {{casus_rel: {}}}]->(b) SET r += {};",
            literal(&g.actor(rel.from).id),
            literal(&g.actor(rel.to).id),
            name(&rel_type(&rel.rtype)),
            r.0,
            map(FACT_ATTRS, fact_values(g, *r))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_names_cannot_be_broken_out_of() {
        assert_eq!(literal("a'b\\c\n"), "'a\\'b\\\\c\\n'");
        assert_eq!(name("x`y"), "`x``y`");
    }
}
