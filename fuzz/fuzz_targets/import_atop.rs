//! The ATOP member-level parser through a whole import.
#![no_main]
use casus::import::{DataSet, Inputs, Options};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let inputs = Inputs { states: Some(common::STATES), atop: Some(&text), ..Default::default() };
    common::run(&inputs, DataSet::Atop, Options::default());
});
