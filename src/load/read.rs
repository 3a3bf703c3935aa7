//! Reading the files of a graph: confined, bounded, checked.
//!
//! A graph directory is read only inside itself: a TOML file or a document
//! that resolves (links followed) outside the graph directory and the
//! allowed document directories is refused, as is anything that is not a
//! regular file (a FIFO, a device) and any file over the size limit.
//! Text that is not UTF-8 is reported with its line and byte offset.
//!
//! **Invariant:** no read here blocks on a special file, grows without
//! bound, or touches a path outside the allowed roots; every refusal says
//! which file and why.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest file the loader reads: 256 MiB, or `CASUS_MAX_FILE_SIZE` (e.g. `1G`).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 << 20;

/// The size limit in force.
pub fn max_file_bytes() -> u64 {
    std::env::var("CASUS_MAX_FILE_SIZE")
        .ok()
        .and_then(|v| crate::budget::parse_size(&v).ok())
        .unwrap_or(DEFAULT_MAX_FILE_BYTES)
}

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("{path} resolves to {target}, outside the graph directory and the allowed document directories")]
    Outside { path: String, target: String },
    #[error("{path} is not a regular file (a directory, FIFO, socket or device)")]
    NotAFile { path: String },
    #[error("{path} is larger than the limit of {} (set CASUS_MAX_FILE_SIZE to read it)", crate::budget::Bytes(*.limit))]
    TooBig { path: String, limit: u64 },
    #[error("{path} is not UTF-8 text: invalid byte at line {line}, byte {byte_in_line} of the line (byte offset {offset} in the file)")]
    NotUtf8 {
        path: String,
        line: u32,
        /// 1-based byte within the line.
        byte_in_line: u32,
        offset: usize,
    },
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
}

impl ReadError {
    /// 1-based line and column (in bytes) where the problem is, if in the text.
    pub fn position(&self) -> Option<(u32, u32, usize)> {
        match self {
            ReadError::NotUtf8 {
                line,
                byte_in_line,
                offset,
                ..
            } => Some((*line, *byte_in_line, *offset)),
            _ => None,
        }
    }
}

/// The directories a graph directory may read documents from: itself, the
/// `seeds/` beside it (the layout of docs/format.md), and those listed in
/// `CASUS_DOCUMENT_DIRS` (separated as PATH is).
pub fn allowed_roots(graph_dir: &Path) -> Vec<PathBuf> {
    let mut roots = vec![graph_dir.to_path_buf()];
    if let Some(parent) = graph_dir
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        roots.push(parent.join("seeds"));
    }
    if let Some(extra) = std::env::var_os("CASUS_DOCUMENT_DIRS") {
        roots.extend(std::env::split_paths(&extra));
    }
    roots
        .into_iter()
        .filter_map(|r| r.canonicalize().ok())
        .collect()
}

/// Reads the bytes of `path` if it is a regular file (links followed) of at
/// most `limit` bytes: the data sets of `casus import`, which live anywhere.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| ReadError::Io {
        path: shown.clone(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile { path: shown });
    }
    if meta.len() > limit {
        return Err(ReadError::TooBig { path: shown, limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig { path: shown, limit });
    }
    Ok(bytes)
}

/// Reads `path` as UTF-8 text if it resolves inside one of `roots`
/// (canonical paths), is a regular file and is at most `limit` bytes.
pub fn read_confined(path: &Path, roots: &[PathBuf], limit: u64) -> Result<String, ReadError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| ReadError::Io {
        path: shown.clone(),
        message: e.to_string(),
    };
    let real = path.canonicalize().map_err(io)?;
    if !roots.iter().any(|r| real.starts_with(r)) {
        return Err(ReadError::Outside {
            path: shown,
            target: real.display().to_string(),
        });
    }
    let bytes = read_bounded(&real, limit).map_err(|e| match e {
        ReadError::NotAFile { .. } => ReadError::NotAFile {
            path: shown.clone(),
        },
        ReadError::TooBig { limit, .. } => ReadError::TooBig {
            path: shown.clone(),
            limit,
        },
        other => other,
    })?;
    utf8(bytes, &shown)
}

/// The bytes as text, or where the first invalid byte is.
pub fn utf8(bytes: Vec<u8>, shown: &str) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        ReadError::NotUtf8 {
            path: shown.to_string(),
            line,
            byte_in_line: (at - line_start) as u32 + 1,
            offset: at,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_placed_by_line_and_byte() {
        let e = utf8(b"a = 1\nb = \"x\xff\"\n".to_vec(), "f.toml").unwrap_err();
        assert_eq!(e.position(), Some((2, 7, 12)));
        assert!(e.to_string().contains("line 2, byte 7"), "{e}");
    }

    #[test]
    fn reads_are_confined_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("g");
        std::fs::create_dir(&inside).unwrap();
        std::fs::write(inside.join("a.toml"), "x = 1\n").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        let roots = vec![inside.canonicalize().unwrap()];
        assert_eq!(
            read_confined(&inside.join("a.toml"), &roots, 100).unwrap(),
            "x = 1\n"
        );
        let out = read_confined(&inside.join("../secret.txt"), &roots, 100);
        assert!(matches!(out, Err(ReadError::Outside { .. })), "{out:?}");
        let big = read_confined(&inside.join("a.toml"), &roots, 3);
        assert!(matches!(big, Err(ReadError::TooBig { .. })), "{big:?}");
        let dir_read = read_confined(&inside, &roots, 100);
        assert!(
            matches!(dir_read, Err(ReadError::NotAFile { .. })),
            "{dir_read:?}"
        );
    }
}
