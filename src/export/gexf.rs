//! GEXF 1.2: the GraphML content in Gephi's own format, with each
//! relation's dates as its time interval (`start`, `end`) so that
//! Gephi's timeline plays the graph; NetworkX's `read_gexf` reads it too.
//!
//! Invariant: an interval is written only from a known date (a partial
//! date starts on its first day and ends on its last); a fact without a
//! date holds over the whole timeline; every value goes through
//! [`super::xml`].

use super::{actor_values, fact_values, xml, AttrType, Value, ACTOR_ATTRS, FACT_ATTRS};
use crate::model::Graph;
use crate::render::Selection;
use std::fmt::Write;

fn type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Str => "string",
        AttrType::Int => "integer",
        AttrType::Float => "double",
        AttrType::Bool => "boolean",
    }
}

fn attvalues(out: &mut String, values: Vec<Option<Value>>) {
    out.push_str("        <attvalues>\n");
    for (i, v) in values.into_iter().enumerate() {
        if let Some(v) = v {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{i}\" value=\"{}\"/>",
                xml(&v.to_string())
            );
        }
    }
    out.push_str("        </attvalues>\n");
}

/// The document.
pub fn write(g: &Graph, sel: &Selection) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n");
    let _ = writeln!(
        out,
        "  <meta><creator>casus {}</creator><description>actors and relations with their status and sources</description></meta>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n");
    for (class, attrs) in [("node", ACTOR_ATTRS), ("edge", FACT_ATTRS)] {
        let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
        for (i, (name, t)) in attrs.iter().enumerate() {
            let _ = writeln!(
                out,
                "      <attribute id=\"{i}\" title=\"{name}\" type=\"{}\"/>",
                type_name(*t)
            );
        }
        out.push_str("    </attributes>\n");
    }
    out.push_str("    <nodes>\n");
    for a in &sel.actors {
        let actor = g.actor(*a);
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            xml(&actor.id),
            xml(&actor.name)
        );
        attvalues(&mut out, actor_values(g, *a));
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for r in &sel.relations {
        let rel = g.relation(*r);
        let mut interval = String::new();
        if let Some(d) = rel.valid_from {
            let _ = write!(interval, " start=\"{}\"", d.earliest());
        }
        if let Some(d) = rel.valid_until {
            let _ = write!(interval, " end=\"{}\"", d.latest());
        }
        let _ = writeln!(
            out,
            "      <edge id=\"rel-{}\" source=\"{}\" target=\"{}\" label=\"{}\"{interval}>",
            r.0,
            xml(&g.actor(rel.from).id),
            xml(&g.actor(rel.to).id),
            xml(&rel.rtype)
        );
        attvalues(&mut out, fact_values(g, *r));
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
