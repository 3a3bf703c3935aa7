//! The worlds the backtest strikes in: one graph per start year, imported
//! in memory from the published data sets, each imported once and shared
//! by every dispute that starts that year; and the candidates of a case
//! (every other state of the COW state system on its start date).
//!
//! Invariant: no I/O (the caller reads the data files into [`DataTexts`]);
//! the files are parsed once, and a year's world is imported at most once.

use super::cases::Case;
use crate::import::names::Ccode;
use crate::import::states::StateSpell;
use crate::import::{self, DataSet, Inputs, Options, Sources, When};
use crate::model::{ActorId, Date, Graph};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The data sets imported into each world: the state system, the
/// alliances, and the covariates (borders, major powers, capabilities,
/// capitals, rivalries) and the arms deals of the five years before the
/// start year (SIPRI).
pub const SETS: &[DataSet] = &[
    DataSet::States,
    DataSet::Atop,
    DataSet::Cow,
    DataSet::Contiguity,
    DataSet::Majors,
    DataSet::Nmc,
    DataSet::Capitals,
    DataSet::Rivalries,
    DataSet::Sipri,
];

/// The data files, by data set (each read from `DataSet::file()` under
/// the data directory), as bytes: the SIPRI register is Latin-1; the
/// others must be UTF-8 text.
#[derive(Clone, Debug, Default)]
pub struct DataTexts {
    files: BTreeMap<DataSet, Vec<u8>>,
}

impl DataTexts {
    /// Keeps a data file's bytes.
    pub fn insert_bytes(&mut self, set: DataSet, bytes: &[u8]) {
        self.files.insert(set, bytes.to_vec());
    }
    fn bytes(&self, d: DataSet) -> Option<&[u8]> {
        self.files.get(&d).map(Vec::as_slice)
    }
    fn text(&self, d: DataSet) -> Result<Option<&str>, String> {
        self.bytes(d)
            .map(|b| {
                std::str::from_utf8(b).map_err(|e| format!("{}: not UTF-8 text: {e}", d.file()))
            })
            .transpose()
    }
    /// Parses every file once, for all the worlds.
    pub fn parse(&self) -> Result<Sources, String> {
        let inputs = Inputs {
            states: self.text(DataSet::States)?,
            cow_member: self.text(DataSet::Cow)?,
            atop: self.text(DataSet::Atop)?,
            contiguity: self.text(DataSet::Contiguity)?,
            majors: self.text(DataSet::Majors)?,
            nmc: self.text(DataSet::Nmc)?,
            capitals: self.text(DataSet::Capitals)?,
            rivalries: self.text(DataSet::Rivalries)?,
            sipri: self.bytes(DataSet::Sipri),
            ..Inputs::default()
        };
        Sources::parse(&inputs, SETS, |_| {})
    }
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

/// Imports one year's world from the parsed sources.
pub fn import_year(src: &Sources, year: i32) -> Result<World, String> {
    let opts = Options {
        when: When::Year(year),
        // Arms deals of the five years before the start year.
        window_lag: 1,
        ..Options::default()
    };
    let graph = import::import_parsed(src, SETS, opts, |_| {})?.graph;
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
    src: &Sources,
    cases: &[Case],
    progress: &(dyn Fn() + Sync),
) -> Result<BTreeMap<i32, Arc<World>>, String> {
    let years: BTreeSet<i32> = cases.iter().map(|c| c.start.year).collect();
    years
        .into_par_iter()
        .map(|y| {
            let w = import_year(src, y).map_err(|e| format!("the world of {y}: {e}"))?;
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
