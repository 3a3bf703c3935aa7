//! The graph and seeds compiled into the binary by build.rs.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The text of an embedded file, by its path relative to the repository
/// (`graph/actors.toml`, `seeds/2020-09-27-....txt`).
pub fn embedded_file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// Every embedded file as (path relative to the repository, text), in path order.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().copied()
}
