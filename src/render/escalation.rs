//! The frame of the escalation picture (`casus escalate --format dot`,
//! drawn by `escalate::to_dot`): the title, and a legend of what the
//! picture shows (the sides present, the fill scale of P(L2+), the
//! belligerents' border, what an edge is), in type large enough to read,
//! and the fill colours themselves, so that legend and picture cannot
//! disagree.
//!
//! Invariant: no I/O; every text goes through [`super::escape`]; the
//! legend lists only the sides the outcome has.

use super::escape::{escape, html, quoted, word, Target};
use super::style;
use crate::escalate::{Outcome, Side};
use graphviz_rust::dot_structures::{Attribute, GraphAttributes, Stmt};

/// Point sizes of the escalation picture.
pub const NODE_FONT_SIZE: &str = "14";
pub const EDGE_FONT_SIZE: &str = "12";
pub const LEGEND_FONT_SIZE: u32 = 13;

/// The hue of a side: A red, B blue, cross-pressured purple, none grey.
pub fn hue(side: Option<Side>, cross_pressured: bool) -> Option<f64> {
    match (cross_pressured, side) {
        (true, _) => Some(0.8),
        (false, Some(Side::A)) => Some(0.0),
        (false, Some(Side::B)) => Some(0.6),
        (false, None) => None,
    }
}

/// The fill of an actor: its side's hue, the deeper the likelier it
/// reaches L2 or more (`strength`, 1 for belligerents).
pub fn fill(hue: Option<f64>, strength: f64) -> String {
    match hue {
        Some(h) => format!("{h:.3} {:.3} 1.000", 0.1 + 0.7 * strength),
        None => format!("0.000 0.000 {:.3}", 0.95 - 0.3 * strength),
    }
}

fn swatch(fill: &str, text: &str, bold_border: bool) -> String {
    format!(
        "<TD BGCOLOR=\"{}\" BORDER=\"{}\" COLOR=\"{}\">{}</TD>",
        escape(fill, Target::Html),
        if bold_border { 3 } else { 1 },
        style::INK,
        escape(text, Target::Html)
    )
}

/// The legend, as an HTML-like label: title, trials, sides, scale, notes.
fn legend(o: &Outcome, title: &str) -> String {
    let h = |s: &str| escape(s, Target::Html);
    let present = |s: Option<Side>, x: bool| {
        o.actors
            .iter()
            .any(|a| a.side.cross_pressured == x && (x || a.side.side == s))
    };
    let mut sides = Vec::new();
    for (name, s, x) in [
        ("side A", Some(Side::A), false),
        ("side B", Some(Side::B), false),
        ("cross-pressured", None, true),
        ("no side", None, false),
    ] {
        if present(s, x) {
            sides.push(swatch(&fill(hue(s, x), 0.6), name, false));
        }
    }
    let scale: Vec<String> = [0.1, 0.5, 0.9]
        .iter()
        .map(|p| swatch(&fill(Some(0.0), *p), &format!("{:.0}%", p * 100.0), false))
        .collect();
    let row = |head: &str, cells: &[String]| {
        format!(
            "<TR><TD ALIGN=\"RIGHT\"><B>{}</B></TD>{}</TR>",
            h(head),
            cells.concat()
        )
    };
    let note = |text: &str| {
        format!(
            "<TR><TD></TD><TD COLSPAN=\"4\" ALIGN=\"LEFT\">{}</TD></TR>",
            h(text)
        )
    };
    let rows = [
        row("fill", &sides),
        row("P(L2+)", &scale),
        row("border", &[swatch("#ffffff", "belligerent", true)]),
        note("each label: side called, then P(level ≥ k) for L1 to L5"),
        note("edge: the last hop of the actor's most frequent chain: what carried it (level reached, share of its entries)"),
        note("hover (SVG): why it is on its side"),
    ];
    format!(
        "<FONT POINT-SIZE=\"{size}\"><TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\"><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"{}\"><B>{}</B></FONT></TD></TR><TR><TD ALIGN=\"LEFT\">{}</TD></TR><TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" CELLBORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"3\" BGCOLOR=\"#ffffff\">{}</TABLE></TD></TR></TABLE></FONT>",
        LEGEND_FONT_SIZE + 5,
        h(title),
        h(&format!("{} trials, seed {}", o.trials, o.seed)),
        rows.concat(),
        size = LEGEND_FONT_SIZE,
    )
}

/// The picture's graph, node and edge attributes: the title and legend
/// above the picture, left to right, readable type.
pub fn frame(o: &Outcome) -> Vec<Stmt> {
    let title = o
        .scenario
        .title
        .clone()
        .unwrap_or_else(|| o.scenario.name.clone());
    let a = |k: &str, v: &str| Attribute(word(k), word(v));
    let t = |k: &str, v: &str| Attribute(word(k), quoted(v));
    vec![
        GraphAttributes::Graph(vec![
            Attribute(word("label"), html(&legend(o, &title))),
            a("labelloc", "t"),
            a("labeljust", "l"),
            a("rankdir", "LR"),
            a("nodesep", "0.3"),
            a("ranksep", "1.0"),
            t("fontname", style::FONT),
            a("pad", "0.3"),
        ])
        .into(),
        GraphAttributes::Node(vec![
            t("fontname", style::FONT),
            a("fontsize", NODE_FONT_SIZE),
            t("color", style::INK),
            a("margin", "0.12,0.06"),
        ])
        .into(),
        GraphAttributes::Edge(vec![
            t("fontname", style::FONT),
            a("fontsize", EDGE_FONT_SIZE),
        ])
        .into(),
    ]
}
