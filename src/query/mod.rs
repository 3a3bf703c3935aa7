//! Relationship queries over a [`Graph`](crate::model::Graph).
//!
//! Invariant: queries are pure functions that take the graph first; they do
//! no I/O and never change the graph. One file per query.

mod filter;

pub use filter::{CompiledFilter, Filter, UnknownTypeError};

mod brokers;
mod common;
mod cross_pressure;
mod facts;
mod members;
mod neighbors;
mod path;
mod path_any;
mod tie;
mod walk;

pub use brokers::{
    brokers, Broker, BrokerQuery, BrokerView, Brokers, BrokersView, BRIDGE_EXAMPLES,
};
pub use common::{common_ties, Common, CommonTie, CommonTieView, CommonView, SharedView};
pub use cross_pressure::{cross_pressured, CrossPressure, CrossPressureQuery, CrossPressureView};
pub use facts::{fact_date, facts, FactOrder, FactQuery, FactView, Facts};
pub use members::{memberships, Memberships, MembershipsView, LEADS, MEMBER_OF};
pub use neighbors::{
    neighbor_ids, neighbors, same_ring_ties, Group, GroupView, Link, LinkView, Neighborhood,
    NeighborhoodView, Ring, RingView,
};
pub use path::{
    all_paths, k_shortest_paths, shortest_path, AllPaths, HopView, Path, PathQuery, PathView,
};
pub use path_any::shortest_path_any;
pub use tie::{Direction, TieView};
pub use walk::{steps, steps_compiled, Step, Walk};
