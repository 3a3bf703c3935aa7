//! Diagnostics: what is wrong with a graph, where, and how to fix it.

use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// How bad a problem is. Errors stop the graph from loading; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// One problem found while loading, pointing at a place in a file.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// The file as shown to the user (`graph/actors.toml`).
    pub file: String,
    /// 1-based line and column (in characters) of the start of the span.
    pub line: u32,
    pub column: u32,
    /// Byte range in the file.
    #[serde(skip)]
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    /// `graph/actors.toml:12:8: error: message (hint: ...)`, one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {level}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// A file's text with its display name, kept so diagnostics can show the line.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub name: String,
    pub text: Arc<str>,
}

impl SourceText {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceText {
        SourceText {
            name: name.into(),
            text: text.into(),
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        line_col(&self.text, offset)
    }

    /// A diagnostic at `span` of this file.
    pub fn diag(
        &self,
        level: Level,
        span: Range<usize>,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        let span = span.start.min(self.text.len())..span.end.min(self.text.len());
        let (line, column) = self.line_col(span.start);
        Diagnostic {
            level,
            file: self.name.clone(),
            line,
            column,
            span,
            message: message.into(),
            hint,
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].chars().count() as u32 + 1;
    (line, column)
}

/// The graph could not be loaded: every problem found, with the sources to show them in.
#[derive(Debug, thiserror::Error)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<SourceText>,
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.level == Level::Error)
    }

    /// Renders every diagnostic with miette: file:line:column, the line
    /// itself with the span underlined, and the hint.
    pub fn render(&self, color: bool) -> String {
        render_diagnostics(&self.diagnostics, &self.sources, color)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors().count();
        write!(
            f,
            "the graph has {n} error{} and was not loaded",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// One diagnostic as a miette report with its source snippet.
#[derive(Debug)]
struct MietteDiag<'a> {
    d: &'a Diagnostic,
    src: Option<miette::NamedSource<String>>,
}

impl fmt::Display for MietteDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for MietteDiag<'_> {}

impl miette::Diagnostic for MietteDiag<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.level {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .hint
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.src.as_ref()?;
        let len = self.d.span.len().max(1);
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some("here".into()),
            self.d.span.start,
            len,
        ))))
    }
}

/// Renders diagnostics, each with its snippet where the file text is known.
/// Every report starts with a `file:line:column` line so that editors and
/// `grep` find it.
pub fn render_diagnostics(diags: &[Diagnostic], sources: &[SourceText], color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!("{}:{}:{}\n", d.file, d.line, d.column));
        let src = sources
            .iter()
            .find(|s| s.name == d.file)
            .map(|s| miette::NamedSource::new(&s.name, s.text.to_string()));
        let md = MietteDiag { d, src };
        if handler.render_report(&mut out, &md).is_err() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
    }
    out
}
