//! The UCDP ESD workbook reader (xlsx bytes, through calamine) and parser
//! through a whole import.
#![no_main]
use casus::import::{DataSet, Inputs, Options};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let inputs = Inputs { states: Some(common::STATES), esd: Some(data), ..Default::default() };
    common::run(&inputs, DataSet::Esd, Options::default());
});
