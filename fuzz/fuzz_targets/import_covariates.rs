//! The covariate parsers (COW contiguity, major powers, NMC, capitals,
//! Thompson-Dreyer rivalries) through a whole import; the first byte picks
//! the data set.
#![no_main]
use casus::import::{DataSet, Inputs, Options};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut inputs = Inputs { states: Some(common::STATES), ..Default::default() };
    let set = match mode % 5 {
        0 => {
            inputs.contiguity = Some(&text);
            DataSet::Contiguity
        }
        1 => {
            inputs.majors = Some(&text);
            DataSet::Majors
        }
        2 => {
            inputs.nmc = Some(&text);
            DataSet::Nmc
        }
        3 => {
            inputs.capitals = Some(&text);
            DataSet::Capitals
        }
        _ => {
            inputs.rivalries = Some(&text);
            DataSet::Rivalries
        }
    };
    common::run(&inputs, set, Options::default());
});
