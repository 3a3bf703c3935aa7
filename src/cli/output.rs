//! Terminal output: colour, formats, errors and exit codes.

use casus::model::{Graph, Resolution};
use std::io::{IsTerminal, Write};

/// Exit codes, documented in the README.
pub const EXIT_OK: u8 = 0;
/// Bad data (a graph that does not load) or no result (no path, unknown actor).
pub const EXIT_FAIL: u8 = 1;
/// Usage error (clap's own errors use it too).
pub const EXIT_USAGE: u8 = 2;

/// A failure the cli reports: a message (already complete), an exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::new(EXIT_FAIL, format!("error: {e}"))
    }
}

pub type CliResult = Result<(), Failure>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour on stdout? `auto` means: a terminal, and NO_COLOR unset.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
    /// The same decision for stderr.
    pub fn enabled_stderr(self) -> bool {
        match self {
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
            other => other.enabled(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// ANSI styling that becomes a no-op when colour is off.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub on: bool,
}

impl Style {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.wrap("32", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.wrap("33", s)
    }
    pub fn cyan(&self, s: &str) -> String {
        self.wrap("36", s)
    }
    /// Status coloured by strength: strong green, weak yellow, denied red.
    pub fn status(&self, s: casus::model::Status) -> String {
        use casus::model::Status::*;
        let t = format!("[{s}]");
        match s {
            Confirmed | Reported => self.green(&t),
            Claimed | Alleged | Considered => self.yellow(&t),
            Denied => self.red(&t),
        }
    }
}

/// Writes to stdout; a closed pipe (`casus ... | head`) ends quietly.
pub struct Out {
    w: std::io::BufWriter<std::io::StdoutLock<'static>>,
    pub style: Style,
}

impl Out {
    pub fn new(color: bool) -> Out {
        Out {
            w: std::io::BufWriter::new(std::io::stdout().lock()),
            style: Style { on: color },
        }
    }
    pub fn line(&mut self, s: impl AsRef<str>) -> std::io::Result<()> {
        self.w.write_all(s.as_ref().as_bytes())?;
        self.w.write_all(b"\n")
    }
    pub fn json<T: serde::Serialize>(&mut self, v: &T) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut self.w, v)?;
        self.w.write_all(b"\n")
    }
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Resolves what the user typed to one actor, or fails with the closest matches.
pub fn resolve(g: &Graph, query: &str) -> Result<casus::model::ActorId, Failure> {
    match g.find(query) {
        Resolution::Found { id } => Ok(id),
        Resolution::Ambiguous { candidates } => {
            let names: Vec<String> = candidates
                .iter()
                .map(|a| format!("{} ({})", g.actor(*a).name, g.actor(*a).id))
                .collect();
            Err(Failure::new(
                EXIT_FAIL,
                format!(
                    "error: `{query}` names several actors: {}\n  hint: give the id instead",
                    names.join(", ")
                ),
            ))
        }
        Resolution::NotFound { suggestions } => {
            let hint = if suggestions.is_empty() {
                "run `casus actors` to list every actor".to_string()
            } else {
                format!("did you mean {}?", suggestions.join(", or "))
            };
            Err(Failure::new(
                EXIT_FAIL,
                format!("error: no actor `{query}` in the graph\n  hint: {hint}"),
            ))
        }
    }
}

/// Wraps `text` to `width` columns, each line after the first indented by
/// `indent` (textwrap, first fit: whole words only, runs of whitespace read as one
/// space, no hyphenation).
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let opts = textwrap::Options::new(width)
        .subsequent_indent(indent)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::fill(&words, opts)
}
