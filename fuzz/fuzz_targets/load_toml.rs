//! The graph loader on arbitrary text: alone as a graph file, or as the
//! relations file of the built-in graph's schema, sources, actors and
//! treaties (so that references and quotes resolve). Every diagnostic is
//! rendered, snippets included.
#![no_main]
use casus::load::{load, GraphFiles, SourceText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let files = if mode & 1 == 0 {
        GraphFiles::from_texts(vec![("graph/fuzz.toml".into(), text)])
    } else {
        // The built-in schema, sources, actors and treaties (not its
        // relations, to keep runs fast), and the input as a relations file.
        let mut f = GraphFiles::embedded();
        f.toml.retain(|s| !s.name.starts_with("graph/relations/"));
        f.toml.push(SourceText::new("graph/relations/fuzz.toml", text));
        f
    };
    match load(&files) {
        Ok(l) => {
            let _ = casus::load::render_diagnostics(&l.warnings, &l.sources, false);
        }
        Err(e) => {
            let _ = e.render(false);
        }
    }
});
