//! Atomic writes: every file or directory casus writes appears whole or not
//! at all. A file is written to a temporary file beside its target, synced,
//! and renamed over it; a directory is built in a temporary directory beside
//! its target and renamed into place once complete.
//!
//! **Invariant:** no function here leaves a half-written target: a kill at
//! any moment leaves the old file or directory, or the new one, never a mix.
//! The temporary siblings carry a `.casus-tmp` suffix; a crashed write may
//! leave one behind, never a damaged target.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("model.toml");
//! casus::atomic::write_file(&path, b"[joining]\n").unwrap();
//! assert_eq!(std::fs::read(&path).unwrap(), b"[joining]\n");
//! ```

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary siblings being built, removed by [`interrupted`]. The lock is
/// held while a finished directory is swapped in, so that an interrupt
/// waits for the swap rather than landing between its two renames.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_progress() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner())
}

/// For a Ctrl-C handler: waits for any swap under way, removes the
/// temporary siblings being built and returns the lock, which the caller
/// keeps until it exits (no write starts or finishes after this).
pub fn interrupted() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    let mut guard = in_progress();
    for p in guard.drain(..) {
        let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
    }
    guard
}

/// The directory that holds `path` (`.` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, flushed and synced, then renamed over `path`.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_file_with(path, |f| f.write_all(bytes))
}

/// Like [`write_file`], with the content produced by `fill` writing into the
/// temporary file. If `fill` fails, the target is untouched and the
/// temporary file removed.
pub fn write_file_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = parent_of(path);
    // Created and registered under the lock, so that a Ctrl-C handler
    // never sees the file on disk without knowing to remove it.
    let mut tmp = {
        let mut registry = in_progress();
        let tmp = tempfile::Builder::new()
            .prefix(".")
            .suffix(".casus-tmp")
            .tempfile_in(dir)?;
        registry.push(tmp.path().to_path_buf());
        tmp
    };
    let filled = (|| {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        tmp.as_file().sync_all()
    })();
    let mut guard = in_progress();
    guard.retain(|p| p != tmp.path());
    filled?;
    share_like(tmp.path(), path, 0o644)?;
    tmp.persist(path).map_err(|e| e.error)?;
    drop(guard);
    sync_dir(dir);
    Ok(())
}

/// Builds a directory in a temporary sibling of `target` with `build`, then
/// moves it into place. If `target` exists it is replaced only after the
/// new directory is complete: the old one is renamed aside, the new one
/// renamed in, and the old one removed. If `build` fails, `target` is
/// untouched and the temporary directory removed.
pub fn replace_dir<E: From<io::Error>>(
    target: &Path,
    build: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), E> {
    let parent = parent_of(target);
    std::fs::create_dir_all(parent)?;
    // Created and registered under the lock (see write_file_with).
    let tmp = {
        let mut registry = in_progress();
        let tmp = tempfile::Builder::new()
            .prefix(".")
            .suffix(".casus-tmp")
            .tempdir_in(parent)?;
        registry.push(tmp.path().to_path_buf());
        tmp
    };
    let built = build(tmp.path());
    let mut guard = in_progress();
    guard.retain(|p| p != tmp.path());
    built?;
    share_like(tmp.path(), target, 0o755)?;
    let staged = tmp.keep();
    if let Err(e) = swap_in(&staged, target) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e.into());
    }
    drop(guard);
    sync_dir(parent);
    Ok(())
}

/// Renames `staged` to `target`, moving an existing `target` aside first
/// and removing it once the new directory is in place.
fn swap_in(staged: &Path, target: &Path) -> io::Result<()> {
    if !target.exists() {
        return std::fs::rename(staged, target);
    }
    let old = aside_name(target);
    std::fs::rename(target, &old)?;
    if let Err(e) = std::fs::rename(staged, target) {
        // Put the old directory back: the target is as it was.
        let _ = std::fs::rename(&old, target);
        return Err(e);
    }
    std::fs::remove_dir_all(&old)
}

/// A free sibling name for a directory being replaced.
fn aside_name(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "graph".into());
    let parent = parent_of(target);
    (0u32..)
        .map(|i| parent.join(format!(".{name}.old-{}-{i}.casus-tmp", std::process::id())))
        .find(|p| !p.exists())
        .expect("some sibling name is free")
}

/// Gives a temporary file or directory (created private, 0600 or 0700) the
/// permissions of the target it replaces, or `mode` for a new target, so
/// that what casus writes is as readable as any file the user writes.
fn share_like(tmp: &Path, target: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = match std::fs::metadata(target) {
            Ok(m) => m.permissions(),
            Err(_) => std::fs::Permissions::from_mode(mode),
        };
        std::fs::set_permissions(tmp, perms)?;
    }
    #[cfg(not(unix))]
    let _ = (tmp, target, mode);
    Ok(())
}

/// Syncs a directory so that a rename in it survives a crash (best effort:
/// not every platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// The marker file in every directory casus writes as a whole (`import`,
/// `generate`): it lists the files written, one per line. `--force` replaces
/// only a directory that holds it and nothing else.
pub const MARKER: &str = ".casus-written";

/// Why an output directory cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The directory holds files casus did not write (a curated graph, notes).
    #[error("{dir} exists and holds files casus did not write ({example}); it is left as it is")]
    Foreign { dir: String, example: String },
    /// An earlier output of casus: replaced only on request.
    #[error("{dir} holds an earlier output of casus")]
    NeedsForce { dir: String },
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl OutputError {
    /// How to get past it.
    pub fn hint(&self) -> &'static str {
        match self {
            OutputError::Foreign { .. } => {
                "choose a new directory; --force replaces only a directory casus wrote (it holds a .casus-written marker)"
            }
            OutputError::NeedsForce { .. } => "pass --force to replace it, or choose a new directory",
            OutputError::Io(_) => "check the path and its permissions",
        }
    }
}

/// Checks, before any work, that `dir` may be written: it does not exist,
/// is empty, or (with `force`) holds exactly what an earlier casus output
/// listed in its [`MARKER`].
pub fn check_output_dir(dir: &Path, force: bool) -> Result<(), OutputError> {
    let shown = dir.display().to_string();
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if !meta.is_dir() {
        return Err(OutputError::Foreign {
            dir: shown,
            example: "it is not a directory".into(),
        });
    }
    let mut entries = Vec::new();
    list_files(dir, dir, &mut entries)?;
    if entries.is_empty() {
        return Ok(());
    }
    let Ok(marker) = std::fs::read_to_string(dir.join(MARKER)) else {
        entries.sort();
        return Err(OutputError::Foreign {
            dir: shown,
            example: entries[0].clone(),
        });
    };
    let ours: std::collections::HashSet<&str> = marker.lines().collect();
    entries.sort();
    if let Some(other) = entries
        .iter()
        .find(|e| *e != MARKER && !ours.contains(e.as_str()))
    {
        return Err(OutputError::Foreign {
            dir: shown,
            example: other.clone(),
        });
    }
    if !force {
        return Err(OutputError::NeedsForce { dir: shown });
    }
    Ok(())
}

/// Every file and symlink under `dir`, relative, with `/` separators.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path);
        if entry.file_type()?.is_dir() {
            let before = out.len();
            list_files(root, &path, out)?;
            if out.len() == before {
                out.push(format!("{}/", rel.to_string_lossy().replace('\\', "/")));
            }
        } else {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Writes `files` (relative path, content) as the whole directory `dir`,
/// with a [`MARKER`] listing them: built beside `dir`, checked by `check`
/// (e.g. reloaded), then renamed into place. Call [`check_output_dir`]
/// first, before the work that produces the files.
///
/// Test hooks: with `CASUS_TEST_ABORT_AT_FILE=N` in the environment the
/// process aborts (as if killed) just before writing the N-th file
/// (1-based); with `CASUS_TEST_PAUSE_AT_FILE=N` it sleeps there for a
/// minute (for a test to interrupt it).
pub fn write_output_dir<E: From<io::Error>>(
    dir: &Path,
    files: &[(String, String)],
    check: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), E> {
    let hook = |name: &str| -> Option<usize> { std::env::var(name).ok()?.parse().ok() };
    let abort_at = hook("CASUS_TEST_ABORT_AT_FILE");
    let pause_at = hook("CASUS_TEST_PAUSE_AT_FILE");
    replace_dir(dir, |tmp| {
        let mut listed = String::new();
        for (i, (rel, text)) in files.iter().enumerate() {
            if abort_at == Some(i + 1) {
                std::process::abort();
            }
            if pause_at == Some(i + 1) {
                std::thread::sleep(std::time::Duration::from_secs(60));
            }
            let path = tmp.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)?;
            listed.push_str(rel);
            listed.push('\n');
        }
        std::fs::write(tmp.join(MARKER), listed)?;
        check(tmp)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_fill_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write_file(&path, b"old").unwrap();
        let err = write_file_with(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_like_any_other() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_file(&path, b"<html>").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&path, b"<html>!").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a replaced file keeps its permissions");
        let target = dir.path().join("world");
        replace_dir::<io::Error>(&target, |d| std::fs::write(d.join("a.toml"), "1")).unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755);
    }

    #[test]
    fn replace_dir_swaps_whole_directories() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("world");
        replace_dir::<io::Error>(&target, |d| std::fs::write(d.join("one.toml"), "1")).unwrap();
        replace_dir::<io::Error>(&target, |d| std::fs::write(d.join("two.toml"), "2")).unwrap();
        assert!(!target.join("one.toml").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("two.toml")).unwrap(),
            "2"
        );
        let failed = replace_dir::<io::Error>(&target, |d| {
            std::fs::write(d.join("three.toml"), "3")?;
            Err(io::Error::other("refused"))
        });
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("two.toml")).unwrap(),
            "2"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
