//! Diagnostics: what is wrong with a graph, where, and how to fix it.
//!
//! **Invariant:** the cost of a diagnostic does not grow with the file it
//! is in: each file's line index is built once, and a rendered snippet
//! holds a few clipped lines, never the file; messages are clipped too.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Longest line shown in a snippet, in characters, and longest message.
const CLIP_CHARS: usize = 160;
const MAX_MESSAGE_CHARS: usize = 400;

/// How bad a problem is. Errors stop the graph from loading; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// One problem found while loading, pointing at a place in a file.
#[derive(Clone, Debug, Serialize, Deserialize)]
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

/// A file's text: borrowed from the binary (an embedded file, never
/// copied) or shared (read from disk or made).
#[derive(Clone)]
pub enum Text {
    Static(&'static str),
    Shared(Arc<str>),
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Static(t) => t,
            Text::Shared(t) => t,
        }
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// A file's text with its display name, kept so diagnostics can show the line.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub name: String,
    pub text: Text,
    /// Byte offset of the start of each line, built on first use.
    lines: Arc<OnceLock<Vec<usize>>>,
}

impl SourceText {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceText {
        SourceText {
            name: name.into(),
            text: Text::Shared(text.into()),
            lines: Arc::default(),
        }
    }

    /// A file compiled into the binary: its text is not copied.
    pub fn embedded(name: impl Into<String>, text: &'static str) -> SourceText {
        SourceText {
            name: name.into(),
            text: Text::Static(text),
            lines: Arc::default(),
        }
    }

    /// Byte offsets of the line starts (the first is 0).
    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 0-based line of a byte offset, and the byte range of that line
    /// (without its line end).
    fn line_of(&self, offset: usize) -> (usize, Range<usize>) {
        let starts = self.line_starts();
        let line = starts.partition_point(|s| *s <= offset).saturating_sub(1);
        (line, self.line_range(line))
    }

    /// The byte range of 0-based `line`, without its line end.
    fn line_range(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let start = starts[line];
        let end = starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = floor_char(&self.text, offset);
        let (line, range) = self.line_of(offset);
        let col_from = range.start.min(offset);
        let column = self.text[col_from..offset].chars().count() as u32 + 1;
        (line as u32 + 1, column)
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
            message: clip(&message.into(), MAX_MESSAGE_CHARS),
            hint,
        }
    }

    /// The lines around `span` (one before, one after), each clipped to a
    /// window around the span, and the span within that text.
    fn snippet(&self, span: &Range<usize>) -> Snippet {
        let start = floor_char(&self.text, span.start);
        let (line, range) = self.line_of(start);
        let count = self.line_starts().len();
        let first = line.saturating_sub(1);
        let last = (line + 1).min(count - 1);
        let mut text = String::new();
        let mut label = 0..0;
        let mut label_line = 0..0;
        for l in first..=last {
            if l > first {
                text.push('\n');
            }
            let r = self.line_range(l);
            let line_text = &self.text[r.clone()];
            if l == line {
                // A span may start on the line end itself (`\r` or `\n`).
                let start = start.min(r.end);
                let (shown, at) = window(line_text, start - r.start);
                let end = floor_char(&self.text, span.end.clamp(start, r.end));
                let len = self.text[start..end].chars().count().max(1);
                let len_bytes: usize = shown[at..].chars().take(len).map(char::len_utf8).sum();
                label = text.len() + at..text.len() + at + len_bytes.max(1);
                label_line = text.len()..text.len() + shown.len();
                text.push_str(&shown);
            } else {
                text.push_str(&window(line_text, 0).0);
            }
        }
        let column = self.text[range.start..start].chars().count();
        Snippet {
            name: self.name.clone(),
            text,
            first_line: first,
            line_count: last - first + 1,
            label,
            label_line,
            at: (line, column),
        }
    }
}

/// The largest char boundary at or before `offset`.
fn floor_char(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `s` cut to [`CLIP_CHARS`] characters, with `…` where it was cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}… ({} more bytes)", &s[..i], s.len() - i),
    }
}

/// A window of `line` of at most [`CLIP_CHARS`] characters that shows byte
/// `at`, with `…` where it was cut, and where `at` is in the window.
fn window(line: &str, at: usize) -> (String, usize) {
    if line.chars().nth(CLIP_CHARS).is_none() {
        return (line.to_string(), at);
    }
    let before: Vec<(usize, char)> = line[..at]
        .char_indices()
        .rev()
        .take(CLIP_CHARS / 3)
        .collect();
    let from = before.last().map_or(at, |(i, _)| *i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let at_in = out.len() + (at - from);
    let rest = &line[from..];
    out.push_str(&clip_plain(rest, CLIP_CHARS));
    (out, at_in)
}

fn clip_plain(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// A few clipped lines of a file, for miette, numbered as in the file.
#[derive(Debug)]
struct Snippet {
    name: String,
    text: String,
    /// 0-based line of the first line of `text` in the file.
    first_line: usize,
    line_count: usize,
    /// The span to underline, in `text`, and its line there.
    label: Range<usize>,
    label_line: Range<usize>,
    /// 0-based line and character column of the span in the file.
    at: (usize, usize),
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        _span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        if before == 0 && after == 0 {
            // The label alone: where the report says it is.
            let r = self.label_line.clone();
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[r.clone()],
                (r.start, r.len()).into(),
                self.at.0,
                self.at.1,
                1,
            )));
        }
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.first_line,
            0,
            self.line_count,
        )))
    }
}

/// 1-based line and character column of byte `offset` in `text` (scans
/// the text: for one offset; a [`SourceText`] answers many in log time).
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
    src: Option<Snippet>,
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
        let src = self.src.as_ref()?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(
                Some("here".into()),
                (src.label.start, src.label.len()),
            ),
        )))
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
    let by_name: std::collections::HashMap<&str, &SourceText> =
        sources.iter().rev().map(|s| (s.name.as_str(), s)).collect();
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!("{}:{}:{}\n", d.file, d.line, d.column));
        let src = by_name
            .get(d.file.as_str())
            .filter(|s| !s.text.is_empty())
            .map(|s| s.snippet(&d.span));
        let md = MietteDiag { d, src };
        if handler.render_report(&mut out, &md).is_err() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_one(text: &str, span: Range<usize>) -> String {
        let src = SourceText::new("f.toml", text);
        let d = src.diag(Level::Error, span, "problem", None);
        render_diagnostics(&[d], &[src], false)
    }

    #[test]
    fn a_span_on_a_line_end_renders() {
        // Found by the `scenario` fuzz target: a span starting at the `\r`
        // of a CRLF line end.
        for at in 5..=6 {
            let out = render_one("a = 1\r\nb = 2\r\n", at..at + 1);
            assert!(out.starts_with("f.toml:1:"), "{out}");
        }
    }

    #[test]
    fn long_lines_are_clipped_around_the_span() {
        let line = format!("x = \"{}BAD{}\"", "a".repeat(10_000), "b".repeat(10_000));
        let at = line.find("BAD").unwrap();
        let out = render_one(&line, at..at + 3);
        assert!(out.contains("BAD") && out.contains('…'), "{out}");
        assert!(out.len() < 2_000, "{} bytes", out.len());
    }

    #[test]
    fn line_and_column_come_from_the_index() {
        let src = SourceText::new("f", "ab\ncdé\nf");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(3), (2, 1));
        assert_eq!(src.line_col(7), (2, 4));
        assert_eq!(src.line_col(8), (3, 1));
        assert_eq!(src.line_col(100), (3, 2));
    }
}
