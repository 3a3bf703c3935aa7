//! An outcome as a Graphviz DOT picture.
//!
//! It runs no scenario, does no I/O and never calls Graphviz (the render
//! module's `exec.rs` does).

use super::outcome::*;
use crate::model::ActorKind;
use crate::render::escape::{quoted, tooltip, word};
use crate::render::style;
use crate::view::ActorRef;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as Dot, Node, NodeId, Stmt, Vertex,
};

/// The outcome as a Graphviz DOT digraph, built with graphviz-rust's model
/// and the render module's escaping, printer and shapes (states boxes,
/// organisations hexagons, armed groups octagons). Actors are filled by
/// side (A red, B blue, cross-pressured purple, none grey), the stronger
/// the more likely they reach L2 or more; belligerents have a thick
/// border; each edge is the last hop of an actor's most frequent
/// activation chain, labelled with what carried it and how often.
pub fn to_dot(o: &Outcome) -> String {
    // Title, legend and type sizes: the render module's escalation frame.
    let mut stmts: Vec<Stmt> = crate::render::escalation::frame(o);
    stmts.extend(o.actors.iter().map(actor_node));
    stmts.extend(war_nodes(o));
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

fn text(k: &str, v: &str) -> Attribute {
    Attribute(word(k), quoted(v))
}

fn plain(k: &str, v: &str) -> Attribute {
    Attribute(word(k), word(v))
}

fn id(a: &ActorRef) -> NodeId {
    NodeId(quoted(&a.id), None)
}

/// An actor: filled by side (HSV: hue by side, saturation by P(L>=2),
/// belligerents full), labelled with its probabilities.
fn actor_node(a: &ActorOutcome) -> Stmt {
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
    Node::new(id(&a.actor), attrs).into()
}

/// The wars of the scenario, where chains start from them.
fn war_nodes(o: &Outcome) -> Vec<Stmt> {
    let mut wars: Vec<&ActorRef> = Vec::new();
    for a in &o.actors {
        if let Some(h) = a.chain.as_ref().and_then(|c| c.hops.last()) {
            if h.from.kind == ActorKind::Conflict && !wars.iter().any(|w| w.id == h.from.id) {
                wars.push(&h.from);
            }
        }
    }
    let ks = style::kind(ActorKind::Conflict);
    wars.into_iter()
        .map(|war| {
            Node::new(
                id(war),
                vec![
                    text("label", &format!("{} (war of the scenario)", war.name)),
                    plain("shape", ks.shape),
                    text("style", ks.style),
                    text("fillcolor", ks.fill),
                ],
            )
            .into()
        })
        .collect()
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
    use crate::model::*;

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
