//! Embeds `graph/` and `seeds/` in the binary, so that `casus` works from any directory.

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("toml" | "txt")) {
            out.push(p);
        }
    }
}

/// FNV-1a, 64 bits: the hash `casus::load::builtin::sources_hash` computes.
fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

/// Is `rel` (relative to the repository) a file the graph loader reads?
/// The rule of `is_graph_file` in src/load/mod.rs, for the embedded files
/// (a test checks that both give the same hash).
fn is_graph_file(rel: &str) -> bool {
    rel.strip_prefix("graph/")
        .is_some_and(|r| r.ends_with(".toml") && r != "model.toml" && !r.starts_with("scenarios/"))
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=graph");
    println!("cargo:rerun-if-changed=seeds");
    let mut files = Vec::new();
    collect(&root.join("graph"), &mut files);
    collect(&root.join("seeds"), &mut files);
    files.sort();
    let mut code = String::from("/// Every file of graph/ and seeds/, by path relative to the repository.\npub static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", f.display());
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push_str("];\n");
    // The hash of the sources the built-in graph is loaded from: its graph
    // files, then every seed, each as name, 0xff, text, 0xff.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let rels: Vec<(String, &PathBuf)> = files
        .iter()
        .map(|f| {
            (
                f.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                f,
            )
        })
        .collect();
    let graph = rels.iter().filter(|(r, _)| is_graph_file(r));
    let seeds = rels.iter().filter(|(r, _)| r.starts_with("seeds/"));
    for (rel, f) in graph.chain(seeds) {
        fnv(&mut h, rel.as_bytes());
        fnv(&mut h, &[0xff]);
        fnv(&mut h, std::fs::read_to_string(f).unwrap().as_bytes());
        fnv(&mut h, &[0xff]);
    }
    code.push_str(&format!(
        "/// FNV-1a of the built-in graph's sources (see build.rs).\npub static SOURCES_HASH: u64 = {h:#x};\n"
    ));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
}
