//! The COW state list and country-code parsers through a whole import.
#![no_main]
use casus::import::{DataSet, Inputs, Options};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let inputs = if mode & 1 == 0 {
        Inputs { states: Some(&text), ..Default::default() }
    } else {
        Inputs { states: Some(common::STATES), country_codes: Some(&text), ..Default::default() }
    };
    common::run(&inputs, DataSet::States, Options::default());
});
