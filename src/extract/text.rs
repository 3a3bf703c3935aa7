//! Cutting a news text into sentences and clauses with their byte ranges,
//! turning byte offsets into line:column, and reading the dates a text
//! gives ("27 September 2020", "October 1", "2020-10-04").
//!
//! **Invariant:** no sentence crosses a paragraph (a blank line), so a
//! sentence is always a quote the loader can find; every range is on char
//! boundaries of the original text.

use crate::model::PartialDate;

/// A sentence: byte range in the text, and its clauses (byte ranges too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub clauses: Vec<(usize, usize)>,
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.N.", "U.K.", "E.U.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Col.", "Lt.", "St.",
    "No.", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "vs.", "e.g.", "i.e.",
];

/// Words that open a new clause inside a sentence.
const CLAUSE_OPENERS: &[&str] = &[
    " that ",
    ", which ",
    ", who ",
    "; ",
    " while ",
    " whereas ",
    ", but ",
    " but ",
];

/// The sentences of `text`, in order. A sentence ends at `.`, `!` or `?`
/// (followed by a space, a quote mark or the end of the line), at the end
/// of a line, or at a paragraph break; abbreviations such as "U.S." do
/// not end one.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, offset, line, &mut out);
        offset += line.len();
    }
    out
}

fn split_line(text: &str, offset: usize, line: &str, out: &mut Vec<Sentence>) {
    let mut start = offset;
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = i + 1;
        let next = line[after..].chars().next();
        let ends = match next {
            None | Some('\n') | Some(' ') => true,
            Some(q) => {
                matches!(q, '"' | '\u{201D}' | '\u{2019}' | '\'') && {
                    let rest = &line[after + q.len_utf8()..];
                    rest.is_empty() || rest.starts_with([' ', '\n'])
                }
            }
        };
        if !ends || is_abbreviation(&line[..after]) {
            continue;
        }
        let mut end = offset + after;
        if let Some(q) = next.filter(|q| !q.is_whitespace()) {
            end += q.len_utf8();
        }
        push(text, start, end, out);
        start = end;
        let _ = bytes;
    }
    push(text, start, offset + line.len(), out);
}

fn is_abbreviation(upto: &str) -> bool {
    let word = upto.rsplit([' ', '(', '\n']).next().unwrap_or("");
    ABBREVIATIONS.contains(&word)
        || (word.len() == 2 && word.starts_with(|c: char| c.is_uppercase()))
}

/// Adds the trimmed range `start..end` as a sentence, if it has a letter.
fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (start, end) = (start + lead, end - trail);
    if start >= end || !text[start..end].chars().any(char::is_alphabetic) {
        return;
    }
    let clauses = clauses(text, start, end);
    out.push(Sentence {
        start,
        end,
        clauses,
    });
}

/// The clauses of a sentence: cut before each clause opener.
fn clauses(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut cuts: Vec<usize> = CLAUSE_OPENERS
        .iter()
        .flat_map(|o| s.match_indices(o).map(|(i, _)| i))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts {
        if c > from {
            out.push((start + from, start + c));
            from = c;
        }
    }
    out.push((start + from, end));
    out
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
///
/// ```
/// use casus::extract::text::line_col;
/// assert_eq!(line_col("ab\ncd", 4), (2, 2));
/// assert_eq!(line_col("é x", 3), (1, 3));
/// ```
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// Month names, as dates and names are read.
pub(crate) const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date written in a text, with its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextDate {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}

/// The dates in `text[start..end]`: "27 September 2020", "September 27,
/// 2020", "October 1", "2020-10-04". A date without a year takes
/// `year` (the article's), if given; otherwise it is skipped.
pub fn dates(text: &str, start: usize, end: usize, year: Option<i32>) -> Vec<TextDate> {
    let s = &text[start..end];
    let words = word_spans(s);
    let mut out = Vec::new();
    for (k, &(ws, we)) in words.iter().enumerate() {
        let w = &s[ws..we];
        if let Some(d) = iso_date(w) {
            out.push(TextDate {
                start: start + ws,
                end: start + we,
                date: d,
            });
            continue;
        }
        let Some(m) = MONTHS.iter().position(|m| *m == w) else {
            continue;
        };
        let num = |i: usize| words.get(i).and_then(|&(a, b)| s[a..b].parse::<u16>().ok());
        let day_before = k
            .checked_sub(1)
            .and_then(num)
            .filter(|d| (1..=31).contains(d));
        let day_after = num(k + 1).filter(|d| (1..=31).contains(d));
        let (day, last) = match (day_before, day_after) {
            (Some(d), _) => (d, k),
            (None, Some(d)) => (d, k + 1),
            (None, None) => continue,
        };
        let first = if day_before.is_some() { k - 1 } else { k };
        let (y, last) = match num(last + 1).filter(|y| (1800..=2100).contains(y)) {
            Some(y) => (Some(i32::from(y)), last + 1),
            None => (year, last),
        };
        let Some(y) = y else { continue };
        out.push(TextDate {
            start: start + words[first].0,
            end: start + words[last].1,
            date: PartialDate {
                year: y,
                month: Some(m as u8 + 1),
                day: Some(day as u8),
            },
        });
    }
    out
}

/// Byte ranges of the alphanumeric (and `-`) words of `s`.
pub(crate) fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let w = c.is_alphanumeric() || c == '-';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    out
}

fn iso_date(w: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = w.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let y = parts[0].parse().ok()?;
    let m: u8 = parts[1].parse().ok()?;
    let d: u8 = parts[2].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(PartialDate {
        year: y,
        month: Some(m),
        day: Some(d),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let t = "The U.S. and France spoke. Turkey said \u{201C}no.\u{201D} Then Iran.\n\nNew one";
        assert_eq!(
            texts(t),
            vec![
                "The U.S. and France spoke.",
                "Turkey said \u{201C}no.\u{201D}",
                "Then Iran.",
                "New one"
            ]
        );
    }

    #[test]
    fn a_line_break_ends_a_sentence() {
        let t = "Headline without stop\nBody sentence here.";
        assert_eq!(
            texts(t),
            vec!["Headline without stop", "Body sentence here."]
        );
    }

    #[test]
    fn clauses_cut_before_that() {
        let t = "Baku claimed that Armenian forces had shelled Tartar.";
        let s = &sentences(t)[0];
        let c: Vec<&str> = s.clauses.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            c,
            vec!["Baku claimed", " that Armenian forces had shelled Tartar."]
        );
    }

    #[test]
    fn line_col_counts_characters() {
        let t = "“Quote” here\nsecond line";
        assert_eq!(line_col(t, t.find("here").unwrap()), (1, 9));
        assert_eq!(line_col(t, t.find("second").unwrap()), (2, 1));
    }

    #[test]
    fn reads_dates_in_three_orders() {
        let t = "On 27 September 2020 and October 1 and on September 29, and 2020-10-04.";
        let d: Vec<String> = dates(t, 0, t.len(), Some(2020))
            .iter()
            .map(|d| d.date.to_string())
            .collect();
        assert_eq!(
            d,
            vec!["2020-09-27", "2020-10-01", "2020-09-29", "2020-10-04"]
        );
        assert!(dates("October 1", 0, 9, None).is_empty());
    }
}
