//! The one place where text becomes DOT.
//!
//! graphviz-rust's printer writes an [`Id`]'s text verbatim: an
//! `Id::Escaped` must already hold its quotes and escapes, an `Id::Html`
//! its angle brackets, and nothing checks either. A name with a `"` or a
//! trailing `\` would otherwise end the string early and break the DOT
//! (Graphviz and graphviz-rust's own parser both reject it), and a name
//! with `<` or `&` could inject markup into an HTML-like label or the SVG.
//! Every piece of text that reaches the DOT goes through [`escape`].

use graphviz_rust::dot_structures::Id;

/// Where a piece of text goes. Graphviz reads each differently, so each
/// needs its own escapes (measured with Graphviz 2.43; the tests run the
/// real `dot`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A double-quoted DOT string that Graphviz reads once as an escString:
    /// labels, ids, colours. `\\` reads as `\`, `\N` as `\N`.
    Text,
    /// A double-quoted tooltip: Graphviz reads its escapes twice, so a
    /// literal `\` takes four.
    Tooltip,
    /// Text inside an HTML-like label (`label=<...>`): entities, and
    /// Graphviz still substitutes `\G` and `\N` there.
    Html,
}

/// Escapes `text` so that it reads literally in `target`:
///
/// - `Text`: `\` becomes `\\` (Graphviz would read `\N`, `\G`, `\l` as
///   substitutions and a trailing `\` as escaping the closing quote), `"`
///   becomes `\"`, a line break becomes the escString line break `\n`,
///   and `&` becomes `&amp;` (Graphviz decodes HTML entities in labels and
///   tooltips, so `&amp;` shows as `&` and a name containing `&lt;` shows
///   as written, not as `<`).
/// - `Tooltip`: the same, but `\` becomes four backslashes.
/// - `Html`: `&`, `<`, `>`, `"` and `'` become entities, `\` becomes
///   `\\`, and a line break becomes a space (a line break in an HTML-like
///   label is `<BR/>`, which is markup, not text).
///
/// In all three, other control characters (carriage return, tab, NUL, ...)
/// become a space: XML 1.0 forbids most of them, so they would make the
/// SVG unreadable.
///
/// ```
/// use casus::render::escape::{escape, Target};
/// assert_eq!(escape(r#"say "hi"\"#, Target::Text), r#"say \"hi\"\\"#);
/// assert_eq!(escape(r"a\b", Target::Tooltip), r"a\\\\b");
/// assert_eq!(escape("a<b> & c", Target::Html), "a&lt;b&gt; &amp; c");
/// ```
pub fn escape(text: &str, target: Target) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A Windows line break is one break.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        match (target, c) {
            (Target::Tooltip, '\\') => out.push_str("\\\\\\\\"),
            (_, '\\') => out.push_str("\\\\"),
            (Target::Text | Target::Tooltip, '"') => out.push_str("\\\""),
            (Target::Text | Target::Tooltip, '\n') => out.push_str("\\n"),
            (_, '&') => out.push_str("&amp;"),
            (Target::Html, '<') => out.push_str("&lt;"),
            (Target::Html, '>') => out.push_str("&gt;"),
            (Target::Html, '"') => out.push_str("&quot;"),
            (Target::Html, '\'') => out.push_str("&#39;"),
            (_, c) if c.is_control() => out.push(' '),
            (_, c) => out.push(c),
        }
    }
    out
}

/// A quoted DOT id holding `text` literally: `"..."` with [`escape`]d content.
pub fn quoted(text: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(text, Target::Text)))
}

/// A quoted tooltip holding `text` literally.
pub fn tooltip(text: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(text, Target::Tooltip)))
}

/// An HTML-like label from markup built by the caller, who must have
/// passed every piece of text in it through [`escape`] with
/// [`Target::Html`].
pub fn html(markup: &str) -> Id {
    Id::Html(format!("<{markup}>"))
}

/// A bare DOT id for a constant of our own (`box`, `dashed`, `1.5`).
/// Anything that is not a plain word or number is quoted, so a style
/// value can never break the DOT either.
pub fn word(value: &str) -> Id {
    let plain_word = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let number = !value.is_empty()
        && value.chars().all(|c| c.is_ascii_digit() || c == '.')
        && value.matches('.').count() <= 1
        && value != ".";
    if plain_word || number {
        Id::Plain(value.to_string())
    } else {
        quoted(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names an attacker might give an actor.
    pub const HOSTILE: &[&str] = &[
        r#"Quote "inside" it"#,
        r"trailing backslash\",
        r"double \\ and \N \G \l \n",
        "new\nline and\r\nwindows",
        "<b>bold</b> & <script>alert(1)</script>",
        "&amp; &lt; &#60; &foo;",
        "]; evil -> node [label=x",
        "tab\tnul\u{0}bell\u{7}",
        "",
    ];

    /// Undoes the Quoted escaping the way a DOT reader does (`\"` and `\\`).
    fn unquote(s: &str) -> String {
        let inner = s
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .expect("quoted");
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                let n = chars.next().expect("no dangling backslash");
                match n {
                    'n' => out.push('\n'),
                    other => out.push(other),
                }
            } else {
                assert_ne!(c, '"', "an unescaped quote inside {s}");
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn quoted_text_reads_back_as_written() {
        for name in HOSTILE {
            let Id::Escaped(s) = quoted(name) else {
                panic!("not quoted")
            };
            let expected = name
                .replace("\r\n", "\n")
                .replace('&', "&amp;")
                .chars()
                .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
                .collect::<String>();
            assert_eq!(unquote(&s), expected, "{name:?}");
        }
    }

    #[test]
    fn tooltips_double_every_backslash_again() {
        let Id::Escaped(s) = tooltip("a\\N \"q\"\nb\\") else {
            panic!()
        };
        assert_eq!(s, r#""a\\\\N \"q\"\nb\\\\""#);
    }

    #[test]
    fn trailing_backslash_cannot_escape_the_closing_quote() {
        let Id::Escaped(s) = quoted("a\\") else {
            panic!()
        };
        assert_eq!(s, r#""a\\""#);
    }

    #[test]
    fn html_text_has_no_markup_left() {
        for name in HOSTILE {
            let e = escape(name, Target::Html);
            assert!(!e.contains(['<', '>', '"', '\'', '\n']), "{e}");
            assert_eq!(e.matches('\\').count(), 2 * name.matches('\\').count());
            // Every & starts one of our entities.
            for (i, _) in e.match_indices('&') {
                let rest = &e[i..];
                assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                        .iter()
                        .any(|ent| rest.starts_with(ent)),
                    "{e}"
                );
            }
        }
    }

    #[test]
    fn words_are_plain_only_when_safe() {
        assert_eq!(word("box"), Id::Plain("box".into()));
        assert_eq!(word("1.5"), Id::Plain("1.5".into()));
        assert_eq!(word("#1f5fbf"), Id::Escaped("\"#1f5fbf\"".into()));
        assert_eq!(word("rounded,filled"), quoted("rounded,filled"));
        assert_eq!(word(""), quoted(""));
        assert_eq!(word("1.2.3"), quoted("1.2.3"));
    }
}
