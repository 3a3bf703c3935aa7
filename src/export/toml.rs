//! `casus export --format toml`: the built-in graph as editable files, the
//! way it is written in the repository (comments and all), with its seed
//! posts in `seeds/` beside the TOML.
//!
//! Invariant: every file is the embedded text unchanged, except the
//! documents' `file` paths of `sources.toml` (`../seeds/` becomes
//! `seeds/`, so that the directory is whole on its own); no I/O.

use crate::load::embedded_files;

/// The files of the exported directory: (relative path, text), in path order.
pub fn builtin_files() -> Vec<(String, String)> {
    embedded_files()
        .map(|(path, text)| {
            let rel = match path.strip_prefix("graph/") {
                Some(rel) => rel.to_string(),
                None => path.to_string(),
            };
            let text = if rel == "sources.toml" {
                seeds_beside(text)
            } else {
                text.to_string()
            };
            (rel, text)
        })
        .collect()
}

/// `sources.toml` with documents pointing at `seeds/` inside the directory.
fn seeds_beside(text: &str) -> String {
    let Ok(mut doc) = text.parse::<toml_edit::DocumentMut>() else {
        return text.to_string();
    };
    if let Some(docs) = doc
        .get_mut("document")
        .and_then(toml_edit::Item::as_array_of_tables_mut)
    {
        for d in docs.iter_mut() {
            let Some(v) = d.get_mut("file").and_then(toml_edit::Item::as_value_mut) else {
                continue;
            };
            let Some(rest) = v.as_str().and_then(|f| f.strip_prefix("../seeds/")) else {
                continue;
            };
            let mut new = toml_edit::Value::from(format!("seeds/{rest}"));
            *new.decor_mut() = v.decor().clone();
            *v = new;
        }
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_seed_paths_change() {
        let files = super::builtin_files();
        let sources = &files.iter().find(|(p, _)| p == "sources.toml").unwrap().1;
        let original = crate::load::embedded_file("graph/sources.toml").unwrap();
        assert!(!sources.contains("../seeds/"));
        assert_eq!(
            sources.replace("\"seeds/", "\"../seeds/"),
            original,
            "nothing but the paths differs"
        );
        assert!(files.iter().any(|(p, _)| p.starts_with("seeds/")));
        assert!(files.iter().any(|(p, _)| p == "model.toml"));
    }
}
