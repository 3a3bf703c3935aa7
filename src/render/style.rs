//! The visual language, in one place: how each actor kind, relation sign
//! and category, and evidence status is drawn. Edge colours come from the
//! schema (`[[category]] color`); everything else is in the tables below.
//! The legend is drawn from these same tables, so it cannot disagree with
//! the picture.

use crate::model::{ActorKind, Category, RelationType, Sign, Status};

/// The font of every label (Graphviz maps it to an installed sans-serif).
pub const FONT: &str = "Helvetica";
/// Point size of node labels, edge labels and legend text.
pub const NODE_FONT_SIZE: &str = "11";
pub const EDGE_FONT_SIZE: &str = "8";
pub const LEGEND_FONT_SIZE: u32 = 10;
/// The legend of a large picture (more than `scale::LARGE_ACTORS` actors).
pub const LEGEND_FONT_SIZE_LARGE: u32 = 20;
/// At most this many items on a line of the legend.
pub const LEGEND_COLUMNS: usize = 6;

/// Hostile relations are drawn in this red, whatever their category.
pub const HOSTILE: &str = "#c0392b";
/// Edge colour when a category's colour is missing.
pub const DEFAULT_EDGE: &str = "#555555";
/// Border and text colour of nodes.
pub const INK: &str = "#333333";

/// With a highlighted path, everything else is drawn in these greys.
pub const DIM_FILL: &str = "#f4f4f4";
pub const DIM_LINE: &str = "#cfcfcf";
pub const DIM_TEXT: &str = "#a6a6a6";
pub const DIM_EDGE_WIDTH: &str = "1";
/// Pen width of highlighted edges and of the border of highlighted or
/// focused actors.
pub const HIGHLIGHT_EDGE_WIDTH: &str = "3.5";
pub const EMPHASIS_BORDER_WIDTH: &str = "3";

/// How a membership cluster (`--cluster organisations`) is drawn.
pub const CLUSTER_FILL: &str = "#fdf2e0";
pub const CLUSTER_LINE: &str = "#d68910";
/// The relation type whose organisations become clusters.
pub const MEMBERSHIP_TYPE: &str = crate::query::MEMBER_OF;

/// How an actor kind is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindStyle {
    /// Graphviz node shape.
    pub shape: &'static str,
    /// Graphviz node style (always filled).
    pub style: &'static str,
    pub fill: &'static str,
    /// The style of its swatch in the legend (an HTML table cell).
    pub swatch: &'static str,
}

/// The node style of each actor kind.
pub fn kind(k: ActorKind) -> KindStyle {
    let (shape, style, fill) = match k {
        ActorKind::State => ("box", "rounded,filled", "#dce8f5"),
        ActorKind::Person => ("ellipse", "filled", "#fbe5cf"),
        ActorKind::Organisation => ("hexagon", "filled", "#d4efdf"),
        ActorKind::ArmedGroup => ("octagon", "filled", "#f6d0cb"),
        ActorKind::Territory => ("parallelogram", "filled", "#e8def0"),
        ActorKind::Place => ("house", "filled", "#ececec"),
        ActorKind::Conflict => ("doubleoctagon", "filled", "#fff0b3"),
    };
    let swatch = if k == ActorKind::State { "rounded" } else { "" };
    KindStyle {
        shape,
        style,
        fill,
        swatch,
    }
}

/// A de facto state that no UN member recognises: the state's box, dashed.
pub const UNRECOGNISED_STYLE: &str = "rounded,filled,dashed";
pub const UNRECOGNISED_SWATCH: &str = "rounded,dashed";

/// How a fact of some status is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusStyle {
    /// Graphviz edge style: solid, dashed or dotted.
    pub line: &'static str,
    pub penwidth: &'static str,
    /// Drawn in a pale version of its colour.
    pub faint: bool,
    /// Said in the edge label, after the type (`attacks (alleged)`).
    pub in_label: bool,
    /// Width in points of its line in the legend (a table cell's border:
    /// Graphviz draws it, so it looks the same in PNG, PDF and any SVG viewer).
    pub sample_width: &'static str,
}

/// Established facts are solid (confirmed ones bold), unestablished ones
/// dashed, denied ones dotted; considered facts are also faint. The label
/// of every edge weaker than `reported` names its status.
pub fn status(s: Status) -> StatusStyle {
    let (line, penwidth, faint, in_label, sample_width) = match s {
        Status::Confirmed => ("solid", "2.2", false, false, "3"),
        Status::Reported => ("solid", "1.2", false, false, "1"),
        Status::Claimed => ("dashed", "1.2", false, true, "1"),
        Status::Alleged => ("dashed", "1.2", false, true, "1"),
        Status::Considered => ("dashed", "1.2", true, true, "1"),
        Status::Denied => ("dotted", "1.2", false, true, "1"),
    };
    StatusStyle {
        line,
        penwidth,
        faint,
        in_label,
        sample_width,
    }
}

/// The colour of an edge of type `t`: red if hostile, else its category's.
pub fn edge_color(t: &RelationType, category: Option<&Category>) -> String {
    if t.sign == Sign::Hostile {
        return HOSTILE.to_string();
    }
    match category {
        Some(c) if !c.color.trim().is_empty() => c.color.trim().to_string(),
        _ => DEFAULT_EDGE.to_string(),
    }
}

/// Arrowheads by category: words (diplomacy) get a hollow head, deeds a
/// filled one, so that `accuses` and `attacks`, both red, differ at a
/// glance. Symmetric types have no arrowhead at all.
pub fn arrowhead(t: &RelationType) -> &'static str {
    if !t.directed {
        return "none";
    }
    match t.category.as_str() {
        "diplomacy" => "empty",
        _ => "normal",
    }
}

/// The arrowhead of an edge type in the legend, after its line.
pub fn head_sample(t: &RelationType) -> &'static str {
    match arrowhead(t) {
        "none" => "",
        "empty" => "▷",
        _ => "►",
    }
}

/// Width in points of a relation type's line in the legend.
pub const TYPE_SAMPLE_WIDTH: &str = "2";

/// A pale version of a colour: `#rrggbb` gets an alpha channel; a named
/// colour, which cannot, becomes a light grey.
pub fn faint(color: &str) -> String {
    let hex = color.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        format!("{color}66")
    } else {
        "#c8c8c8".to_string()
    }
}

/// Graphviz layout engines `casus render --layout` offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Hierarchical, left to right: best for a focus or a path.
    #[default]
    Dot,
    /// Spring model: best for the whole graph.
    Neato,
    /// Force-directed, supports clusters.
    Fdp,
    /// Force-directed for large graphs.
    Sfdp,
    Circo,
    Twopi,
}

impl Layout {
    pub const ALL: [Layout; 6] = [
        Layout::Dot,
        Layout::Neato,
        Layout::Fdp,
        Layout::Sfdp,
        Layout::Circo,
        Layout::Twopi,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Neato => "neato",
            Layout::Fdp => "fdp",
            Layout::Sfdp => "sfdp",
            Layout::Circo => "circo",
            Layout::Twopi => "twopi",
        }
    }

    pub fn parse(s: &str) -> Option<Layout> {
        let s = s.trim().to_ascii_lowercase();
        Layout::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Graph-wide attributes for a layout engine. The engine itself is named
/// in the DOT (`layout=...`), so `dot -Tsvg` on the DOT file draws the same
/// picture as `casus render -o FILE.svg`.
pub fn graph_attributes(layout: Layout) -> Vec<(&'static str, &'static str)> {
    let mut a = vec![
        ("layout", layout.as_str()),
        ("fontname", FONT),
        ("bgcolor", "white"),
        ("pad", "0.3"),
        ("outputorder", "edgesfirst"),
        ("labelloc", "b"),
        ("labeljust", "l"),
    ];
    match layout {
        Layout::Dot => a.extend([
            ("rankdir", "LR"),
            ("nodesep", "0.25"),
            ("ranksep", "0.9"),
            ("newrank", "true"),
        ]),
        _ => a.extend([
            ("overlap", "prism"),
            ("overlap_scaling", "-6"),
            ("sep", "+12"),
            ("splines", "true"),
            ("K", "1.2"),
        ]),
    }
    a
}

/// Defaults for every node.
pub fn node_defaults() -> Vec<(&'static str, &'static str)> {
    vec![
        ("fontname", FONT),
        ("fontsize", NODE_FONT_SIZE),
        ("color", INK),
        ("fontcolor", INK),
        ("margin", "0.08,0.04"),
        ("penwidth", "1.2"),
    ]
}

/// Defaults for every edge.
pub fn edge_defaults() -> Vec<(&'static str, &'static str)> {
    vec![
        ("fontname", FONT),
        ("fontsize", EDGE_FONT_SIZE),
        ("arrowsize", "0.7"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_status_has_a_distinct_style() {
        let shapes: std::collections::HashSet<_> =
            ActorKind::ALL.iter().map(|k| kind(*k).shape).collect();
        assert_eq!(shapes.len(), ActorKind::ALL.len());
        assert_eq!(status(Status::Confirmed).line, "solid");
        assert_ne!(status(Status::Alleged).line, "solid");
        assert_ne!(status(Status::Denied).line, "solid");
        assert!(status(Status::Considered).faint);
    }

    #[test]
    fn faint_colours() {
        assert_eq!(faint("#1f5fbf"), "#1f5fbf66");
        assert_eq!(faint("gray40"), "#c8c8c8");
    }
}
