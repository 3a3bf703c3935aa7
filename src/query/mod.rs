//! Relationship queries over a [`Graph`](crate::model::Graph).
//!
//! Invariant: queries are pure functions that take the graph first; they do
//! no I/O and never change the graph. One file per query.

mod filter;

pub use filter::{Filter, UnknownTypeError};
