//! The COW alliance parsers (by member, by dyad) through a whole import.
#![no_main]
use casus::import::{CowShape, DataSet, Inputs, Options};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut opts = Options::default();
    let mut inputs = Inputs { states: Some(common::STATES), ..Default::default() };
    if mode & 1 == 0 {
        inputs.cow_member = Some(&text);
    } else {
        inputs.cow_dyad = Some(&text);
        opts.cow_shape = CowShape::Dyad;
    }
    common::run(&inputs, DataSet::Cow, opts);
});
