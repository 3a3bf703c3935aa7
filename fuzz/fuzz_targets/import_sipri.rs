//! The SIPRI trade-register parser (bytes: UTF-8 or Latin-1) through a whole import.
#![no_main]
use casus::import::{DataSet, Inputs, Options};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let inputs = Inputs { states: Some(common::STATES), sipri: Some(data), ..Default::default() };
    common::run(&inputs, DataSet::Sipri, Options::default());
});
