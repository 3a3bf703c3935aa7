//! Finding a hand-typed quote in a typographic source text.
//!
//! Both sides are folded before comparing: every run of whitespace
//! (including the no-break space) becomes one space, and typographic quote
//! marks become plain ones. A match never spans two paragraphs. The place
//! reported is in the original, unfolded text.
//!
//! **Invariant:** a quote matches only whole words (it neither starts nor
//! ends inside a word of the text) and is never shorter than
//! [`MIN_WORDS`] words or [`MIN_CHARS`] characters ([`too_short`]).

/// A quote has at least this many words, or [`MIN_CHARS`] characters.
pub const MIN_WORDS: usize = 3;
/// A quote of fewer words has at least this many characters.
pub const MIN_CHARS: usize = 15;

/// Why `quote` is too short to be evidence, if it is.
///
/// ```
/// use casus::load::quote::too_short;
/// assert!(too_short("a").is_some());
/// assert!(too_short("Azerbaijan").is_some());
/// assert!(too_short("we will go").is_none());
/// assert!(too_short("Nagorno-Karabakh").is_none());
/// ```
pub fn too_short(quote: &str) -> Option<String> {
    let words = quote.split_whitespace().count();
    let chars = quote.trim().chars().count();
    (words < MIN_WORDS && chars < MIN_CHARS).then(|| {
        format!(
            "the quote has {words} word{} and {chars} characters: a quote has at least {MIN_WORDS} words or {MIN_CHARS} characters",
            if words == 1 { "" } else { "s" }
        )
    })
}

/// A quote found in a document: byte range in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
}

/// Why a quote was not found, with the closest place to look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// How many leading words of the quote do occur, in order, somewhere.
    pub matched_words: usize,
    pub total_words: usize,
    /// Byte offset in the original text where the longest matching prefix starts.
    pub near: Option<usize>,
    /// The original text from there, about as long as the quote.
    pub text_there: Option<String>,
    /// The quote does occur here, but starting or ending inside a word.
    pub inside_word: Option<usize>,
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Folded text and, for each folded byte, the original byte offset it came from.
fn fold(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        let f = fold_char(c);
        if f == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        let mut buf = [0u8; 4];
        for _ in 0..f.encode_utf8(&mut buf).len() {
            map.push(i);
        }
        out.push(f);
    }
    if out.ends_with(' ') {
        out.pop();
        map.pop();
    }
    (out, map)
}

/// The paragraphs of a text (separated by blank lines), as byte ranges.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push((s, offset));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Finds `quote` in `text`, folding whitespace and quote marks, within one paragraph.
///
/// ```
/// use casus::load::quote::find_quote;
/// let text = "He said \u{201C}we\u{a0}will\u{201D} go.\n\nNext paragraph.";
/// let f = find_quote(text, "\"we will\"").unwrap();
/// assert_eq!(&text[f.start..f.end], "\u{201C}we\u{a0}will\u{201D}");
/// assert!(find_quote(text, "go. Next").is_err());
/// ```
pub fn find_quote(text: &str, quote: &str) -> Result<Found, Miss> {
    let (q, _) = fold(quote.trim());
    if q.is_empty() {
        return Err(Miss {
            matched_words: 0,
            total_words: 0,
            near: None,
            text_there: None,
            inside_word: None,
        });
    }
    let mut inside_word = None;
    for (ps, pe) in paragraphs(text) {
        let para = &text[ps..pe];
        let (f, map) = fold(para);
        for (at, _) in f.match_indices(&q) {
            if !on_word_boundaries(&f, at, at + q.len()) {
                inside_word.get_or_insert(ps + map[at]);
                continue;
            }
            let start = ps + map[at];
            let last = at + q.len() - 1;
            let last_orig = ps + map[last];
            let end = last_orig + text[last_orig..].chars().next().map_or(1, char::len_utf8);
            return Ok(Found { start, end });
        }
    }
    let mut miss = closest(text, &q);
    miss.inside_word = inside_word;
    Err(miss)
}

/// Does `f[start..end]` neither start nor end inside a word? (A quote
/// that begins or ends with punctuation is bounded by it.)
fn on_word_boundaries(f: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let first = f[start..end].chars().next();
    let last = f[start..end].chars().next_back();
    let before = f[..start].chars().next_back();
    let after = f[end..].chars().next();
    let starts_ok = !(first.is_some_and(word) && before.is_some_and(word));
    let ends_ok = !(last.is_some_and(word) && after.is_some_and(word));
    starts_ok && ends_ok
}

/// The longest prefix of the (folded) quote, in whole words, that occurs in the text.
fn closest(text: &str, q: &str) -> Miss {
    let words: Vec<&str> = q.split(' ').collect();
    let mut best = (0usize, None::<usize>);
    for (ps, pe) in paragraphs(text) {
        let para = &text[ps..pe];
        let (f, map) = fold(para);
        // Grow the prefix while it still occurs.
        let mut lo = best.0;
        while lo < words.len() {
            let prefix = words[..=lo].join(" ");
            match f.find(&prefix) {
                Some(at) => {
                    lo += 1;
                    best = (lo, Some(ps + map[at]));
                }
                None => break,
            }
        }
    }
    let text_there = best.1.map(|start| {
        let approx = q.chars().count() + 10;
        let s: String = text[start..].chars().take(approx).collect();
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    });
    Miss {
        inside_word: None,
        matched_words: best.0,
        total_words: words.len(),
        near: best.1,
        text_there,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typographic_quotes_and_nbsp() {
        let text = "Azerbaijan\u{2019}s president, Ilham Aliyev, stated\u{a0} that \u{201C}The first fire\u{201D}";
        let f = find_quote(text, "stated that \"The first fire\"").unwrap();
        assert!(text[f.start..].starts_with("stated"));
        assert!(text[..f.end].ends_with('\u{201D}'));
        assert!(find_quote(text, "Azerbaijan's president").is_ok());
    }

    #[test]
    fn reports_how_far_a_changed_quote_matches() {
        let text = "Armenia has withdrawn its ambassador to Israel as a protest.";
        let miss = find_quote(text, "Armenia has recalled its ambassador to Israel").unwrap_err();
        assert_eq!(miss.matched_words, 2);
        assert_eq!(miss.total_words, 7);
        assert_eq!(miss.near, Some(0));
    }

    #[test]
    fn quotes_match_whole_words_only() {
        let text = "The ceasefire was broken at dawn.";
        assert!(find_quote(text, "ceasefire was broken").is_ok());
        let miss = find_quote(text, "easefire was brok").unwrap_err();
        assert_eq!(miss.inside_word, Some(5));
        assert!(find_quote(text, "broken at dawn.").is_ok());
        // A later whole-word occurrence is found past an inner one.
        let f = find_quote("cartwheel wheel of fortune", "wheel of fortune").unwrap();
        assert_eq!(f.start, 10);
    }

    #[test]
    fn quotes_do_not_cross_paragraphs() {
        let text = "End of one.\n\nStart of two.";
        assert!(find_quote(text, "one. Start").is_err());
        assert!(find_quote(text, "Start of two.").is_ok());
    }
}
