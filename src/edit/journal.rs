//! The edit journal: a batch of files written to a graph directory all or
//! nothing. The new files are first written whole into a journal,
//! `DIR/.casus-edit/` (one file per target, numbered, and a `manifest`
//! naming each target), which appears at once (it is built in a temporary
//! sibling and renamed into place); then each file is renamed from the
//! journal onto its target, in order; then the journal is removed.
//!
//! A kill before the journal appears leaves every file as it was (and at
//! most a `.casus-tmp` sibling, which the loader does not read); a kill
//! after it leaves the journal, and [`recover`], which every load of the
//! directory calls first (`GraphFiles::from_dir`), finishes the renames:
//! the next command sees the whole batch.
//!
//! Invariant: no load of a directory ever sees part of a batch; a
//! journal is never replayed twice (each rename moves its file out of
//! the journal, and the journal is removed only when it is empty of
//! files); two processes finishing the same journal at once both end
//! with the whole batch (a file or journal the other moved is not an
//! error). The journal's files carry no `.toml` suffix, so that the
//! loader never reads them as graph files.

use std::io;
use std::path::{Path, PathBuf};

/// The journal's name in the graph directory.
pub const JOURNAL: &str = ".casus-edit";
const MANIFEST: &str = "manifest";

/// Test hook: `CASUS_TEST_PAUSE_EDIT=journal` waits a minute with the
/// journal's files written and before the journal is renamed into place;
/// `=N` waits a minute before the N-th rename out of the journal (N = 2:
/// between the first two renames). For a test to kill the process there.
fn pause(at: &str) {
    if std::env::var("CASUS_TEST_PAUSE_EDIT").is_ok_and(|v| v == at) {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Writes `files` (paths relative to `dir`, with their new bytes) to
/// `dir` all or nothing, through the journal.
pub(crate) fn write_batch(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    recover(dir)?;
    let journal = dir.join(JOURNAL);
    crate::atomic::replace_dir(&journal, |tmp| -> io::Result<()> {
        let mut manifest = String::new();
        for (i, (rel, bytes)) in files.iter().enumerate() {
            if rel.contains('\n') || rel.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{rel:?} cannot be written through the journal"),
                ));
            }
            crate::atomic::write_file(&tmp.join(i.to_string()), bytes)?;
            manifest.push_str(rel);
            manifest.push('\n');
        }
        crate::atomic::write_file(&tmp.join(MANIFEST), manifest.as_bytes())?;
        pause("journal");
        Ok(())
    })?;
    roll_forward(dir, &journal)
}

/// Finishes a batch a killed edit left in `dir`'s journal (a no-op when
/// there is none). Called before every load of a graph directory.
pub fn recover(dir: &Path) -> io::Result<()> {
    let journal = dir.join(JOURNAL);
    match std::fs::symlink_metadata(&journal) {
        Ok(m) if m.is_dir() => roll_forward(dir, &journal),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is not a casus edit journal; move it away",
                journal.display()
            ),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The targets the journal's manifest names, in order.
fn targets(journal: &Path) -> io::Result<Vec<String>> {
    let text = std::fs::read_to_string(journal.join(MANIFEST))?;
    Ok(text.lines().map(str::to_string).collect())
}

/// Renames each file still in the journal onto its target, then removes
/// the journal.
fn roll_forward(dir: &Path, journal: &Path) -> io::Result<()> {
    let targets = match targets(journal) {
        // Another casus process finished and removed the journal meanwhile.
        Err(e) if e.kind() == io::ErrorKind::NotFound && !journal.exists() => return Ok(()),
        r => r,
    };
    let targets = targets.map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "{}: the edit journal has no readable manifest ({e}); move the directory away",
                journal.display()
            ),
        )
    })?;
    for (i, rel) in targets.iter().enumerate() {
        let from = journal.join(i.to_string());
        if !from.exists() {
            continue; // renamed before the kill
        }
        let to = target_path(dir, rel)?;
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        pause(&(i + 1).to_string());
        match std::fs::rename(&from, &to) {
            // Another casus process finishing the same journal moved it.
            Err(e) if e.kind() == io::ErrorKind::NotFound && !from.exists() => {}
            r => r?,
        }
        sync_parent(&to);
    }
    match std::fs::remove_dir_all(journal) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        r => r?,
    }
    sync_parent(journal);
    Ok(())
}

/// `dir/rel`, refused if `rel` would leave `dir`.
fn target_path(dir: &Path, rel: &str) -> io::Result<PathBuf> {
    let p = Path::new(rel);
    let inside = p
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the edit journal names {rel:?}, outside the directory"),
        ));
    }
    Ok(dir.join(p))
}

fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        if let Ok(d) = std::fs::File::open(parent) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_lands_whole_and_leaves_no_journal() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "old").unwrap();
        let files = vec![
            ("sub/t.txt".to_string(), b"text".to_vec()),
            ("a.toml".to_string(), b"new".to_vec()),
        ];
        write_batch(dir.path(), &files).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.toml")).unwrap(), b"new");
        assert_eq!(
            std::fs::read(dir.path().join("sub/t.txt")).unwrap(),
            b"text"
        );
        assert!(!dir.path().join(JOURNAL).exists());
    }

    #[test]
    fn a_journal_left_half_applied_is_finished_once() {
        let dir = tempfile::tempdir().unwrap();
        let j = dir.path().join(JOURNAL);
        std::fs::create_dir(&j).unwrap();
        std::fs::write(j.join(MANIFEST), "a.toml\nb.toml\n").unwrap();
        // The first rename happened before the kill; the second did not.
        std::fs::write(dir.path().join("a.toml"), "new a").unwrap();
        std::fs::write(dir.path().join("b.toml"), "old b").unwrap();
        std::fs::write(j.join("1"), "new b").unwrap();
        recover(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.toml")).unwrap(),
            "new a"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.toml")).unwrap(),
            "new b"
        );
        assert!(!j.exists());
        recover(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.toml")).unwrap(),
            "new b"
        );
    }

    #[test]
    fn a_journal_naming_a_file_outside_the_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let j = dir.path().join(JOURNAL);
        std::fs::create_dir(&j).unwrap();
        std::fs::write(j.join(MANIFEST), "../escape.toml\n").unwrap();
        std::fs::write(j.join("0"), "x").unwrap();
        let e = recover(dir.path()).unwrap_err();
        assert!(e.to_string().contains("outside"), "{e}");
        assert!(!dir.path().parent().unwrap().join("escape.toml").exists());
    }
}
