//! The bulk format: actors and relations as tab-separated tables, for
//! graphs too big to keep in hand-edited TOML (imports, generated worlds).
//! See docs/format.md, "Bulk tables".
//!
//! A bulk file is a `*.tsv` file whose name starts with `actors` or
//! `relations`. Its first line (after `#` comment lines) names the
//! columns, each a field of `[[actor]]` or `[[relation]]`; every row is
//! one item. Rows become the same raw items as TOML tables, each field
//! spanned at its cell, so every check and every diagnostic of the loader
//! applies unchanged.

use super::raw::*;
use super::{At, Level, Parsed, SourceText};
use std::ops::Range;
use toml::Spanned;

/// Is this path a bulk table?
pub fn is_bulk(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.ends_with(".tsv") && (name.starts_with("actors") || name.starts_with("relations"))
}

const ACTOR_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "aliases",
    "iso3",
    "cow",
    "recognised",
    "description",
    "evidence",
    "evidence_row",
    "evidence_note",
];

const RELATION_COLUMNS: [&str; 19] = [
    "key",
    "type",
    "from",
    "to",
    "status",
    "claimed_by",
    "denied_by",
    "date",
    "since",
    "until",
    "place",
    "role",
    "systems",
    "support",
    "treaty",
    "note",
    "evidence",
    "evidence_row",
    "evidence_note",
];

/// Undoes the cell escapes: `\t`, `\n`, `\r`, `\\`.
fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A row's cells: (text, byte range in the file).
struct Row<'t> {
    line: Range<usize>,
    cells: Vec<(&'t str, Range<usize>)>,
}

impl<'t> Row<'t> {
    /// The cell of column `c`, if present and not empty.
    fn get(&self, c: Option<usize>) -> Option<(&'t str, Range<usize>)> {
        let (t, r) = self.cells.get(c?)?;
        (!t.is_empty()).then(|| (*t, r.clone()))
    }

    fn text(&self, c: Option<usize>) -> Option<String> {
        self.get(c).map(|(t, _)| unescape(t))
    }

    fn spanned(&self, c: Option<usize>) -> Option<Spanned<String>> {
        self.get(c).map(|(t, r)| Spanned::new(r, unescape(t)))
    }

    /// A required cell: spanned, or an empty string spanned at the row
    /// (the loader reports what is wrong with it).
    fn required(&self, c: Option<usize>) -> Spanned<String> {
        self.spanned(c)
            .unwrap_or_else(|| Spanned::new(self.line.clone(), String::new()))
    }

    /// A `;`-separated list, each item spanned.
    fn list(&self, c: Option<usize>) -> Vec<Spanned<String>> {
        let Some((t, r)) = self.get(c) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut at = r.start;
        for part in t.split(';') {
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                let lead = part.len() - part.trim_start().len();
                let start = at + lead;
                out.push(Spanned::new(
                    start..start + trimmed.len(),
                    unescape(trimmed),
                ));
            }
            at += part.len() + 1;
        }
        out
    }

    fn date(&self, c: Option<usize>) -> Option<Spanned<DateValue>> {
        self.get(c)
            .map(|(t, r)| Spanned::new(r, DateValue::Text(t.to_string())))
    }

    fn evidence(&self, cols: &Columns) -> Vec<Spanned<RawCitation>> {
        let Some(reference) = self.spanned(cols.evidence) else {
            return Vec::new();
        };
        let span = reference.span();
        vec![Spanned::new(
            span,
            RawCitation {
                doc: None,
                quote: None,
                reference: Some(reference),
                note: self.text(cols.evidence_note),
                row: self.text(cols.evidence_row),
                stance: None,
                by: None,
                published: None,
            },
        )]
    }
}

/// Where each known column is in this file: `at[i]` is the cell index
/// of the `i`-th known column (in `ACTOR_COLUMNS` or `RELATION_COLUMNS`).
#[derive(Default)]
struct Columns {
    known: &'static [&'static str],
    at: Vec<Option<usize>>,
    evidence: Option<usize>,
    evidence_row: Option<usize>,
    evidence_note: Option<usize>,
}

impl Columns {
    /// The cell index of a known column (resolved once per file).
    fn of(&self, name: &str) -> Option<usize> {
        let i = self.known.iter().position(|k| *k == name)?;
        self.at[i]
    }
}

/// The cell index of each field, resolved once per file.
struct ActorCols {
    id: Option<usize>,
    name: Option<usize>,
    kind: Option<usize>,
    aliases: Option<usize>,
    iso3: Option<usize>,
    cow: Option<usize>,
    recognised: Option<usize>,
    description: Option<usize>,
}

struct RelationCols {
    key: Option<usize>,
    rtype: Option<usize>,
    from: Option<usize>,
    to: Option<usize>,
    status: Option<usize>,
    claimed_by: Option<usize>,
    denied_by: Option<usize>,
    date: Option<usize>,
    since: Option<usize>,
    until: Option<usize>,
    place: Option<usize>,
    role: Option<usize>,
    systems: Option<usize>,
    support: Option<usize>,
    treaty: Option<usize>,
    note: Option<usize>,
}

/// Splits `text` into (line, byte range) pairs, without the line ends.
fn lines(text: &str) -> impl Iterator<Item = (&str, Range<usize>)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        let body = l.trim_end_matches(['\n', '\r']);
        (body, start..start + body.len())
    })
}

fn split_row(line: &str, range: Range<usize>) -> Row<'_> {
    let mut cells = Vec::new();
    let mut at = range.start;
    for cell in line.split('\t') {
        cells.push((cell, at..at + cell.len()));
        at += cell.len() + 1;
    }
    Row { line: range, cells }
}

/// Parses a bulk table into raw actors or relations.
pub fn parse(fi: usize, src: &SourceText) -> Parsed {
    let mut p = Parsed::default();
    let name = src.name.rsplit(['/', '\\']).next().unwrap_or(&src.name);
    let actors = name.starts_with("actors");
    let known: &'static [&'static str] = if actors {
        &ACTOR_COLUMNS
    } else {
        &RELATION_COLUMNS
    };
    let table = if actors { "actor" } else { "relation" };
    let text: &str = &src.text;
    let mut rows = lines(text).filter(|(l, _)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((header, hrange)) = rows.next() else {
        return p;
    };
    let head = split_row(header, hrange.clone());
    let mut cols = Columns {
        known,
        at: vec![None; known.len()],
        ..Columns::default()
    };
    for (i, (name, span)) in head.cells.iter().enumerate() {
        let name = name.trim();
        match known.iter().position(|k| *k == name) {
            Some(k) => {
                if cols.at[k].replace(i).is_some() {
                    p.diags.push(src.diag(
                        Level::Error,
                        span.clone(),
                        format!("column `{name}` is given twice"),
                        None,
                    ));
                }
            }
            None => {
                let hint = match super::did_you_mean(name, known.iter().copied()) {
                    Some(s) => format!(
                        "did you mean `{s}`? The columns of a bulk {table} table are {}",
                        known.join(", ")
                    ),
                    None => format!(
                        "the columns of a bulk {table} table are {}",
                        known.join(", ")
                    ),
                };
                p.diags.push(src.diag(
                    Level::Error,
                    span.clone(),
                    format!("unknown column `{name}`"),
                    Some(hint),
                ));
            }
        }
    }
    let required: &[&str] = if actors {
        &["id", "name", "kind"]
    } else {
        &["type", "from", "to", "status", "evidence"]
    };
    for r in required {
        if cols.of(r).is_none() {
            p.diags.push(
                src.diag(
                    Level::Error,
                    hrange.clone(),
                    format!("a bulk {table} table needs a `{r}` column"),
                    Some(
                        "the first line names the columns, separated by tabs; see docs/format.md"
                            .into(),
                    ),
                ),
            );
        }
    }
    if !p.diags.is_empty() {
        p.unparsed = true;
        return p;
    }
    cols.evidence = cols.of("evidence");
    cols.evidence_row = cols.of("evidence_row");
    cols.evidence_note = cols.of("evidence_note");
    let width = head.cells.len();
    let ac = ActorCols {
        id: cols.of("id"),
        name: cols.of("name"),
        kind: cols.of("kind"),
        aliases: cols.of("aliases"),
        iso3: cols.of("iso3"),
        cow: cols.of("cow"),
        recognised: cols.of("recognised"),
        description: cols.of("description"),
    };
    let rc = RelationCols {
        key: cols.of("key"),
        rtype: cols.of("type"),
        from: cols.of("from"),
        to: cols.of("to"),
        status: cols.of("status"),
        claimed_by: cols.of("claimed_by"),
        denied_by: cols.of("denied_by"),
        date: cols.of("date"),
        since: cols.of("since"),
        until: cols.of("until"),
        place: cols.of("place"),
        role: cols.of("role"),
        systems: cols.of("systems"),
        support: cols.of("support"),
        treaty: cols.of("treaty"),
        note: cols.of("note"),
    };
    // Relation rows are only checked here and kept as where they are:
    // each becomes a raw relation when the loader reads it.
    let mut relation_rows: Vec<Range<usize>> = Vec::new();
    for (line, range) in rows {
        let row = split_row(line, range.clone());
        if row.cells.len() != width {
            p.diags.push(src.diag(
                Level::Error,
                range.clone(),
                format!(
                    "this row has {} cells, the header {width}",
                    row.cells.len()
                ),
                Some("cells are separated by single tabs; write a tab inside a cell as \\t and leave absent fields empty".into()),
            ));
            if actors {
                if let Some(id) = row.text(ac.id) {
                    p.broken_ids.push(id);
                }
            }
            continue;
        }
        if actors {
            match actor(src, &row, &ac, &cols) {
                Ok(a) => p.items.actors.push(At {
                    file: fi,
                    item: Spanned::new(range, a),
                }),
                Err(d) => {
                    if let Some(id) = row.text(ac.id) {
                        p.broken_ids.push(id);
                    }
                    p.diags.push(d);
                }
            }
        } else {
            relation_rows.push(range);
        }
    }
    if !relation_rows.is_empty() {
        let text = src.text.clone();
        p.items.relations.push_lazy(relation_rows.len(), move || {
            relation_rows.into_iter().map(move |range| {
                let row = split_row(&text[range.clone()], range.clone());
                At {
                    file: fi,
                    item: Spanned::new(range, relation(&row, &rc, &cols)),
                }
            })
        });
    }
    p
}

fn actor(
    src: &SourceText,
    row: &Row,
    c: &ActorCols,
    cols: &Columns,
) -> Result<RawActor, super::Diagnostic> {
    let cow = match row.get(c.cow) {
        None => None,
        Some((t, r)) => match t.trim().parse::<u16>() {
            Ok(v) => Some(Spanned::new(r, v)),
            Err(_) => {
                return Err(src.diag(
                    Level::Error,
                    r,
                    format!("in [[actor]]: `{t}` is not a Correlates of War code"),
                    Some("a number from 0 to 65535".into()),
                ))
            }
        },
    };
    let recognised = match row.get(c.recognised) {
        None => None,
        Some(("true", _)) => Some(true),
        Some(("false", _)) => Some(false),
        Some((t, r)) => {
            return Err(src.diag(
                Level::Error,
                r,
                format!("in [[actor]]: recognised is `true` or `false`, not `{t}`"),
                None,
            ))
        }
    };
    Ok(RawActor {
        id: row.required(c.id),
        name: row.required(c.name),
        kind: row.required(c.kind),
        aliases: row.list(c.aliases),
        iso3: row.spanned(c.iso3),
        cow,
        recognised,
        description: row.text(c.description),
        evidence: row.evidence(cols),
        same_as: Vec::new(),
        attrs: None,
    })
}

fn relation(row: &Row, c: &RelationCols, cols: &Columns) -> RawRelation {
    RawRelation {
        key: row.spanned(c.key),
        rtype: row.required(c.rtype),
        from: row.required(c.from),
        to: row.required(c.to),
        status: Some(row.required(c.status)),
        claimed_by: row.list(c.claimed_by),
        denied_by: row.list(c.denied_by),
        date: row.date(c.date),
        since: row.date(c.since),
        until: row.date(c.until),
        place: row.spanned(c.place),
        role: row.text(c.role),
        systems: row
            .list(c.systems)
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        support: row.list(c.support),
        treaty: row.spanned(c.treaty),
        contiguity: None,
        rivalry: Vec::new(),
        note: row.text(c.note),
        evidence: row.evidence(cols),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_names() {
        assert!(is_bulk("relations/relations-000.tsv"));
        assert!(is_bulk("actors.tsv"));
        assert!(!is_bulk("notes.tsv"));
        assert!(!is_bulk("actors.toml"));
    }

    #[test]
    fn cells_keep_their_spans_and_lists_split() {
        let src = SourceText::new(
            "relations.tsv",
            "# comment\ntype\tfrom\tto\tstatus\tsystems\tevidence\narms_supplier\ta\tb\treported\tdrones; tanks\tref\n",
        );
        let p = parse(0, &src);
        assert!(p.diags.is_empty());
        let first = p.items.relations.into_items().next().unwrap();
        let r = first.item.get_ref();
        assert_eq!(r.rtype.get_ref(), "arms_supplier");
        assert_eq!(&src.text[r.from.span()], "a");
        assert_eq!(r.systems, ["drones", "tanks"]);
        assert_eq!(
            r.evidence[0]
                .get_ref()
                .reference
                .as_ref()
                .unwrap()
                .get_ref(),
            "ref"
        );
    }

    #[test]
    fn unknown_columns_and_short_rows_are_reported() {
        let src = SourceText::new("actors.tsv", "id\tname\tkidn\n");
        let p = parse(0, &src);
        assert!(p
            .diags
            .iter()
            .any(|d| d.message.contains("unknown column `kidn`")
                && d.hint
                    .as_deref()
                    .unwrap_or("")
                    .contains("did you mean `kind`")));
        let src = SourceText::new("actors.tsv", "id\tname\tkind\nx\tX\n");
        let p = parse(0, &src);
        assert!(p.diags[0].message.contains("has 2 cells, the header 3"));
        assert_eq!(p.diags[0].line, 2);
        assert_eq!(unescape(r"a\tb\\c\n"), "a\tb\\c\n");
    }
}
