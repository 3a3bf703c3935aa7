//! casus: a knowledge graph of geopolitical actors and alliances that
//! answers with evidence.
//!
//! See ARCHITECTURE.md for the map of modules and their invariants.

pub mod atomic;
pub mod backtest;
pub mod budget;
pub mod calibrate;
pub mod edit;
pub mod escalate;
pub mod export;
pub mod extract;
pub mod generate;
pub mod import;
pub mod load;
pub mod model;
pub mod query;
pub mod render;
pub mod report;
pub mod stats;
pub mod view;
