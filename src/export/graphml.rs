//! GraphML: every actor a node (its id the casus id), every relation an
//! edge (`rel-N`), every attribute declared with its type, as Gephi,
//! NetworkX (`read_graphml`), igraph (`Graph.Read_GraphML`) and yEd read it.
//!
//! Invariant: every value goes through [`super::xml`]; unknown values are
//! left out, never written as empty strings or zeros.

use super::{actor_values, fact_values, xml, AttrType, ACTOR_ATTRS, FACT_ATTRS};
use crate::model::Graph;
use crate::render::Selection;
use std::fmt::Write;

fn type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Str => "string",
        AttrType::Int => "int",
        AttrType::Float => "double",
        AttrType::Bool => "boolean",
    }
}

/// The document.
pub fn write(g: &Graph, sel: &Selection) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (prefix, domain, attrs) in [("a", "node", ACTOR_ATTRS), ("f", "edge", FACT_ATTRS)] {
        for (name, t) in attrs {
            let _ = writeln!(
                out,
                "  <key id=\"{prefix}_{name}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{}\"/>",
                type_name(*t)
            );
        }
    }
    out.push_str("  <graph id=\"casus\" edgedefault=\"directed\">\n");
    let data = |out: &mut String, prefix: &str, attrs: &[(&str, AttrType)], values| {
        for ((name, _), v) in attrs.iter().zip::<Vec<Option<super::Value>>>(values) {
            if let Some(v) = v {
                let _ = writeln!(
                    out,
                    "      <data key=\"{prefix}_{name}\">{}</data>",
                    xml(&v.to_string())
                );
            }
        }
    };
    for a in &sel.actors {
        let _ = writeln!(out, "    <node id=\"{}\">", xml(&g.actor(*a).id));
        data(&mut out, "a", ACTOR_ATTRS, actor_values(g, *a));
        out.push_str("    </node>\n");
    }
    for r in &sel.relations {
        let rel = g.relation(*r);
        let _ = writeln!(
            out,
            "    <edge id=\"rel-{}\" source=\"{}\" target=\"{}\">",
            r.0,
            xml(&g.actor(rel.from).id),
            xml(&g.actor(rel.to).id)
        );
        data(&mut out, "f", FACT_ATTRS, fact_values(g, *r));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
