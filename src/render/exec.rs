//! The only place that runs Graphviz: DOT in, picture bytes out, through
//! graphviz-rust's `exec` (which runs the `dot` program on a temporary
//! file). Everything else in `render` builds DOT without any I/O.

use graphviz_rust::cmd::{CommandArg, Format};

/// Picture formats `casus render -o FILE` writes through Graphviz.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picture {
    Svg,
    Png,
    Pdf,
}

impl Picture {
    /// The format for a file name's extension (`svg`, `png`, `pdf`), any case.
    pub fn from_extension(ext: &str) -> Option<Picture> {
        match ext.to_ascii_lowercase().as_str() {
            "svg" => Some(Picture::Svg),
            "png" => Some(Picture::Png),
            "pdf" => Some(Picture::Pdf),
            _ => None,
        }
    }

    fn format(self) -> Format {
        match self {
            Picture::Svg => Format::Svg,
            Picture::Png => Format::Png,
            Picture::Pdf => Format::Pdf,
        }
    }
}

/// How to get Graphviz, for the error when it is missing.
pub const INSTALL_HINT: &str = "install Graphviz: `apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` (macOS), or see https://graphviz.org/download/; DOT output (no -o, or -o FILE.dot) does not need it";

/// Why Graphviz produced no picture.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// The `dot` program is not on the PATH.
    #[error("Graphviz's `dot` program was not found on the PATH")]
    NotInstalled,
    /// `dot` ran and failed (its own message follows).
    #[error("Graphviz failed: {0}")]
    Failed(String),
}

/// Runs Graphviz's `dot` on `dot_source` and returns the picture.
pub fn run(dot_source: &str, picture: Picture) -> Result<Vec<u8>, ExecError> {
    let args = vec![CommandArg::Format(picture.format())];
    match graphviz_rust::exec_dot(dot_source.to_string(), args) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ExecError::NotInstalled),
        Err(e) => Err(ExecError::Failed(e.to_string().trim().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(Picture::from_extension("SVG"), Some(Picture::Svg));
        assert_eq!(Picture::from_extension("png"), Some(Picture::Png));
        assert_eq!(Picture::from_extension("pdf"), Some(Picture::Pdf));
        assert_eq!(Picture::from_extension("dot"), None);
    }
}
