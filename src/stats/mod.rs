//! Statistics for fitting and scoring the escalation engine: penalised
//! logistic regression ([`logit`]), probability scores ([`metrics`]) and
//! cross-validation folds grouped by dispute ([`folds`]).
//!
//! Invariant: pure functions of their arguments; no I/O, no graph, no
//! randomness except the seeded shuffle of [`folds`].

pub mod folds;
pub mod linalg;
pub mod logit;
pub mod metrics;
pub mod mixed;
