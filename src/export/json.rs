//! casus's own JSON: the actors as the model holds them and the relations
//! with every reference resolved (`view::RelationView`), as `--format
//! json` prints them elsewhere.
//!
//! Invariant: the same shapes as the query commands' JSON; nothing is
//! left out of a relation's view.

use crate::model::{Actor, Graph};
use crate::render::Selection;
use crate::view::RelationView;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    casus: &'static str,
    actors: Vec<&'a Actor>,
    relations: Vec<RelationView>,
}

/// The document, pretty-printed.
pub fn write(g: &Graph, sel: &Selection) -> String {
    let doc = Document {
        casus: env!("CARGO_PKG_VERSION"),
        actors: sel.actors.iter().map(|a| g.actor(*a)).collect(),
        relations: sel
            .relations
            .iter()
            .map(|r| RelationView::new(g, *r))
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("views serialise");
    s.push('\n');
    s
}
