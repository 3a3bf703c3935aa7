//! Edge weights: how much a drawn edge carries, where the facts say. Today
//! the one measured weight is SIPRI's trend-indicator value (TIV) of the
//! weapons delivered, which the SIPRI importer writes into each
//! `arms_supplier` relation's note ("TIV delivered to 2018 1038"); an
//! edge's weight is the sum over its facts. Line width grows with the
//! logarithm of the weight, from [`MIN_WIDTH`] to [`MAX_WIDTH`] across the
//! picture's range, and the legend shows the scale.
//!
//! Invariant: a weight is read only from the facts (no fact, no weight);
//! an edge without one keeps the width of its status.

use crate::model::{Graph, RelId};

/// Width of the lightest weighed edge in a picture, and of the heaviest.
pub const MIN_WIDTH: f64 = 1.0;
pub const MAX_WIDTH: f64 = 7.0;
/// What the weight measures, for the legend.
pub const UNIT: &str = "SIPRI TIV delivered (millions)";

/// The SIPRI TIV of the weapons delivered, from a SIPRI-imported note.
pub fn tiv(g: &Graph, r: RelId) -> Option<f64> {
    let note = g.relation(r).note.as_deref()?;
    if !note.starts_with("SIPRI:") {
        return None;
    }
    let rest = &note[note.find("TIV delivered")? + "TIV delivered".len()..];
    let rest = rest
        .strip_prefix(" to ")
        .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    let end = rest.find(';')?;
    rest[..end].trim().parse::<f64>().ok()
}

/// The weight of an edge drawn for `rels`: the sum of their TIVs, if every
/// one has one.
pub fn of_edge(g: &Graph, rels: &[RelId]) -> Option<f64> {
    rels.iter().map(|r| tiv(g, *r)).sum()
}

/// The scale of one picture: the lightest and heaviest weight drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

impl Scale {
    /// The scale of these weights; `None` if there are none.
    pub fn of(weights: impl IntoIterator<Item = f64>) -> Option<Scale> {
        weights.into_iter().fold(None, |s, w| {
            Some(match s {
                None => Scale { min: w, max: w },
                Some(s) => Scale {
                    min: s.min.min(w),
                    max: s.max.max(w),
                },
            })
        })
    }

    /// The line width of a weight: logarithmic between the picture's
    /// lightest and heaviest.
    pub fn width(&self, w: f64) -> f64 {
        let f = |x: f64| (1.0 + x.max(0.0)).ln();
        let span = f(self.max) - f(self.min);
        if span <= f64::EPSILON {
            return (MIN_WIDTH + MAX_WIDTH) / 2.0;
        }
        MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * (f(w) - f(self.min)) / span
    }

    /// Three sample weights for the legend: lightest, middle (on the
    /// logarithmic scale), heaviest.
    pub fn samples(&self) -> Vec<f64> {
        if (self.max - self.min).abs() < f64::EPSILON {
            return vec![self.max];
        }
        let mid = ((1.0 + self.min).ln() + (1.0 + self.max).ln()) / 2.0;
        vec![self.min, mid.exp() - 1.0, self.max]
    }
}

/// A weight as the legend prints it: `0.8`, `12`, `1,038`.
pub fn format(w: f64) -> String {
    if w < 10.0 {
        let s = format!("{w:.1}");
        return s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
    }
    let n = w.round() as u64;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GraphBuilder;

    #[test]
    fn reads_the_sipri_note_and_nothing_else() {
        let mut b = GraphBuilder::example().to_builder();
        let r = b.relations_mut();
        r[0].note = Some("SIPRI: 14 deals, ordered 2002, 2004; deliveries 2011-2018; TIV delivered to 2018 1038; TIV of the orders 1505 (SIPRI trend-indicator values, millions).".into());
        r[1].note = Some("SIPRI: 1 deal, ordered 2016; deliveries none yet; TIV delivered 0.8; TIV of the orders 5.0 (millions).".into());
        r[2].note = Some("TIV delivered 12; but not from SIPRI".into());
        let g = b.build();
        assert_eq!(tiv(&g, RelId(0)), Some(1038.0));
        assert_eq!(tiv(&g, RelId(1)), Some(0.8));
        assert_eq!(tiv(&g, RelId(2)), None);
        assert_eq!(of_edge(&g, &[RelId(0), RelId(1)]), Some(1038.8));
        assert_eq!(of_edge(&g, &[RelId(0), RelId(2)]), None);
    }

    #[test]
    fn widths_grow_with_weight_within_bounds() {
        let s = Scale::of([0.8, 1038.0, 40.0]).unwrap();
        assert!((s.width(0.8) - MIN_WIDTH).abs() < 1e-9);
        assert!((s.width(1038.0) - MAX_WIDTH).abs() < 1e-9);
        let mid = s.width(40.0);
        assert!(MIN_WIDTH < mid && mid < MAX_WIDTH);
        assert_eq!(s.samples().len(), 3);
        assert_eq!(format(1038.0), "1,038");
        assert_eq!(format(0.8), "0.8");
        assert_eq!(format(5.0), "5");
    }
}
