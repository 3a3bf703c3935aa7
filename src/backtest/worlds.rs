//! The worlds the backtest strikes in: one graph per start year, imported
//! in memory from the published data sets, each imported once and shared
//! by every dispute that starts that year; and the candidates of a case
//! (every other state of the COW state system on its start date).
//!
//! Invariant: no I/O (the caller reads the data files into [`DataTexts`]);
//! a year's world is imported at most once.

use super::cases::Case;
use crate::import::names::Ccode;
use crate::import::states::StateSpell;
use crate::import::{self, DataSet, Inputs, Options, When};
use crate::model::{ActorId, Date, Graph};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The data files a world is imported from, relative to the data directory.
pub const STATES_FILE: &str = "cow-state-system-2016/states2016.csv";
pub const COW_FILE: &str = "cow-alliances-v4.1/alliance_v4.1_by_member.csv";
pub const ATOP_FILE: &str = "atop-5.1/atop5_1m.csv";

/// The data sets imported into each world.
pub const SETS: &[DataSet] = &[DataSet::States, DataSet::Atop, DataSet::Cow];

/// The texts of the data files.
#[derive(Clone, Debug)]
pub struct DataTexts {
    pub states: String,
    pub cow_member: String,
    pub atop: String,
}

/// One year's world.
#[derive(Debug)]
pub struct World {
    pub year: i32,
    pub graph: Graph,
    /// The state actor of each COW code.
    pub by_cow: HashMap<Ccode, ActorId>,
}

impl World {
    pub fn state(&self, c: Ccode) -> Option<ActorId> {
        self.by_cow.get(&c).copied()
    }
}

/// Imports one year's world.
pub fn import_year(data: &DataTexts, year: i32) -> Result<World, String> {
    let inputs = Inputs {
        states: Some(&data.states),
        cow_member: Some(&data.cow_member),
        atop: Some(&data.atop),
        ..Inputs::default()
    };
    let opts = Options {
        when: When::Year(year),
        ..Options::default()
    };
    let imported = import::import(&inputs, SETS, opts, |_| {})?;
    let graph = imported.graph;
    let by_cow = graph
        .actor_ids()
        .filter_map(|a| graph.actor(a).cow.map(|c| (c, a)))
        .collect();
    Ok(World {
        year,
        graph,
        by_cow,
    })
}

/// The worlds of every start year of `cases`, imported in parallel.
/// `progress` is called once per world imported.
pub fn import_worlds(
    data: &DataTexts,
    cases: &[Case],
    progress: &(dyn Fn() + Sync),
) -> Result<BTreeMap<i32, Arc<World>>, String> {
    let years: BTreeSet<i32> = cases.iter().map(|c| c.start.year).collect();
    years
        .into_par_iter()
        .map(|y| {
            let w = import_year(data, y).map_err(|e| format!("the world of {y}: {e}"))?;
            progress();
            Ok((y, Arc::new(w)))
        })
        .collect()
}

/// The candidates of a case: every state in the system on its start
/// date, but the two originators, by COW code, ascending.
///
/// ```
/// use casus::backtest::worlds::candidates;
/// use casus::import::states::StateSpell;
/// use casus::model::Date;
/// let d = |y| Date::new(y, 1, 1).unwrap();
/// let spell = |c, a, b| StateSpell { line: 0, ccode: c, abb: String::new(), name: String::new(), start: d(a), end: d(b) };
/// let spells = vec![spell(2, 1816, 2016), spell(20, 1920, 2016), spell(200, 1816, 2016), spell(300, 1816, 1918)];
/// assert_eq!(candidates(&spells, d(1914), 2, 300), vec![200]);
/// ```
pub fn candidates(spells: &[StateSpell], on: Date, attacker: Ccode, target: Ccode) -> Vec<Ccode> {
    let set: BTreeSet<Ccode> = spells
        .iter()
        .filter(|s| s.start <= on && on <= s.end && s.ccode != attacker && s.ccode != target)
        .map(|s| s.ccode)
        .collect();
    set.into_iter().collect()
}
