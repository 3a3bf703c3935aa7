//! The UCDP External Support Dataset (ESD) 18.1, actor-year version
//! (ucdp-esd-ay-181.xlsx): for each warring party and year, who supported
//! it and with what.
//!
//! The actor-year file lists the supporters of a row (`ext_name`, comma
//! separated; a comma followed by a space is part of a name, as in
//! "Interahamwe, ex-FAR") and, per kind of support, how many of the
//! state and non-state supporters gave it (`ext_w_count_s`, ...). A kind is
//! attributed to a supporter only when *all* supporters of its class gave
//! it; otherwise it is listed as "given by some of them" in the note.
//!
//! Kinds (ESD letter -> casus): X troops as secondary warring party ->
//! troops; W weapons -> weapons; M materiel and logistics -> logistics;
//! T training and expertise -> training; F funding -> funding; I
//! intelligence -> intelligence; Y access to territory -> territory; L
//! access to infrastructure -> territory; P, O (other) and U (unknown) ->
//! other. The ESD letters are kept in the note.

use super::names::{self, Ccode};
use super::report::{outcome, RowIssue, SetReport};
use super::sipri::{bare, year_ranges};
use super::{relation, DataSet, Parsed, World};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

/// A worksheet as text cells, with the sheet row number of its first row.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub first_row: u32,
    pub rows: Vec<Vec<String>>,
}

/// Reads the first worksheet of an .xlsx workbook into text cells (whole
/// numbers without a decimal point).
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet, String> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or("the workbook has no sheet")?;
    let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
    let first_row = range.start().map(|(r, _)| r + 1).unwrap_or(1);
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    Ok(Sheet { first_row, rows })
}

/// The ESD letters of the kinds of support, in the file's column order.
pub const LETTERS: [char; 11] = ['x', 'p', 'y', 'w', 'm', 't', 'f', 'i', 'l', 'o', 'u'];

/// The casus kind of an ESD letter.
pub fn kind_of(letter: char) -> SupportKind {
    match letter {
        'x' => SupportKind::Troops,
        'w' => SupportKind::Weapons,
        'm' => SupportKind::Logistics,
        't' => SupportKind::Training,
        'f' => SupportKind::Funding,
        'i' => SupportKind::Intelligence,
        'y' | 'l' => SupportKind::Territory,
        _ => SupportKind::Other,
    }
}

/// How many supporters of each class gave one kind of support.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TypeCount {
    pub letter: char,
    pub count_s: u32,
    pub count_ns: u32,
}

/// One actor-year.
#[derive(Clone, Debug, PartialEq)]
pub struct EsdRow {
    /// Row number in the sheet.
    pub sheet_row: u32,
    pub id: u32,
    pub year: i32,
    pub actor_name: String,
    pub actor_nonstate: bool,
    pub conflict_id: String,
    pub location: String,
    /// `ext_sup`: any external support this year.
    pub supported: bool,
    pub ext_ids: Vec<String>,
    pub supporters: Vec<String>,
    pub coalition: Option<String>,
    pub elements: bool,
    pub bothsides: bool,
    pub count_s: u32,
    pub count_ns: u32,
    pub types: Vec<TypeCount>,
}

/// Splits `ext_name`: a comma ends a name unless a space follows it.
///
/// ```
/// use casus::import::esd::split_names;
/// assert_eq!(split_names("Interahamwe, ex-FAR,UNITA"), vec!["Interahamwe, ex-FAR", "UNITA"]);
/// assert_eq!(split_names("al-Qaida "), vec!["al-Qaida"]);
/// ```
pub fn split_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ',' && chars.peek() != Some(&' ') {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out.retain(|n| !n.is_empty());
    out
}

/// The governments named by an actor name ("Government of Australia,
/// Government of United Kingdom"), or `None` for a non-state actor.
pub fn governments(actor: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = actor.split(", ").collect();
    if parts.iter().all(|p| p.trim().starts_with("Government of ")) {
        Some(
            parts
                .iter()
                .map(|p| p.trim().trim_start_matches("Government of ").to_string())
                .collect(),
        )
    } else {
        None
    }
}

/// Parses the sheet (header row first).
pub fn parse(sheet: &Sheet) -> Result<Parsed<EsdRow>, String> {
    let header = sheet.rows.first().ok_or("the sheet is empty")?;
    let col = |name: &str| -> Result<usize, String> {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("no column `{name}` in the header"))
    };
    let c: Vec<usize> = [
        "id",
        "year",
        "actor_name",
        "actor_nonstate",
        "conflict_id",
        "location",
        "ext_sup",
        "ext_id",
        "ext_name",
        "ext_coalition_name",
        "ext_elements",
        "ext_bothsides",
        "ext_count_s",
        "ext_count_ns",
    ]
    .iter()
    .map(|n| col(n))
    .collect::<Result<_, _>>()?;
    let mut tc = Vec::new();
    for l in LETTERS {
        tc.push((
            l,
            col(&format!("ext_{l}_count_s"))?,
            col(&format!("ext_{l}_count_ns"))?,
        ));
    }
    let mut out = Parsed::default();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.rows_read += 1;
        let sheet_row = sheet.first_row + i as u32;
        let f = |k: usize| row.get(k).map(|s| s.trim()).unwrap_or("");
        let n = |k: usize| f(k).parse::<u32>().unwrap_or(0);
        let (Ok(id), Ok(year)) = (f(c[0]).parse::<u32>(), f(c[1]).parse::<i32>()) else {
            out.bad.push(RowIssue::new(
                format!("sheet row {sheet_row}"),
                format!("id `{}` or year `{}` is not a number", f(c[0]), f(c[1])),
            ));
            continue;
        };
        let coalition = Some(f(c[9]).to_string()).filter(|s| !s.is_empty() && s != "0");
        out.rows.push(EsdRow {
            sheet_row,
            id,
            year,
            actor_name: f(c[2]).to_string(),
            actor_nonstate: f(c[3]) == "1",
            conflict_id: f(c[4]).to_string(),
            location: f(c[5]).to_string(),
            supported: f(c[6]) == "1",
            ext_ids: f(c[7])
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            supporters: split_names(f(c[8])),
            coalition,
            elements: f(c[10]) == "1",
            bothsides: f(c[11]) == "1",
            count_s: n(c[12]),
            count_ns: n(c[13]),
            types: tc
                .iter()
                .map(|(l, s, ns)| TypeCount {
                    letter: *l,
                    count_s: n(*s),
                    count_ns: n(*ns),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// A supporter or supported party.
#[derive(Clone, Debug, PartialEq)]
pub enum EsdParty {
    State(Ccode),
    Organisation(&'static str, &'static str),
    Group(String),
}

fn resolve(name: &str, year: i32) -> Result<EsdParty, String> {
    if let Some(country) = name.strip_prefix("Government of ") {
        return names::ucdp_ccode(country, year)
            .map(EsdParty::State)
            .ok_or_else(|| format!("`{name}`: no COW code for `{country}`"));
    }
    if let Some((_, id, display)) = names::ORGANISATIONS.iter().find(|(n, _, _)| *n == name) {
        return Ok(EsdParty::Organisation(id, display));
    }
    Ok(EsdParty::Group(name.to_string()))
}

/// Can the party become an actor? (A state must be in the state list.)
fn mappable(w: &World, p: &Result<EsdParty, String>, name: &str) -> Result<(), String> {
    match p {
        Err(e) => Err(e.clone()),
        Ok(EsdParty::State(c)) if !w.knows(*c) => Err(format!(
            "`{name}` is COW {c}, which is not in the state list"
        )),
        Ok(_) => Ok(()),
    }
}

fn actor(w: &mut World, p: &EsdParty, name: &str) -> Result<ActorId, String> {
    match p {
        EsdParty::State(c) => w
            .state(*c)
            .ok_or_else(|| format!("`{name}` is COW {c}, which is not in the state list")),
        EsdParty::Organisation(id, display) => {
            Ok(w.other(id, display, ActorKind::Organisation, || {
                bare(format!("International organisation (UCDP: `{name}`)."))
            }))
        }
        EsdParty::Group(g) => {
            // A few ESD actors are coalitions named by all their groups
            // (200 characters): the display name is the first group "and
            // N others"; the full name stays an alias.
            let parts: Vec<&str> = g.split(", ").collect();
            let (display, aliases) = if g.len() > 60 && parts.len() > 2 {
                (
                    format!("{} and {} others", parts[0], parts.len() - 1),
                    vec![g.clone()],
                )
            } else {
                (g.clone(), Vec::new())
            };
            Ok(w.other(
                &names::slug(&display),
                &display,
                ActorKind::ArmedGroup,
                || {
                    let mut a = bare(format!(
                        "Non-state actor in an armed conflict, as UCDP names it (`{g}`)."
                    ));
                    a.aliases = aliases;
                    a
                },
            ))
        }
    }
}

#[derive(Default)]
struct Agg {
    rows: Vec<usize>,
    years: BTreeSet<i32>,
    kinds: BTreeSet<usize>,
    letters: BTreeSet<char>,
    ambiguous: BTreeMap<i32, BTreeSet<char>>,
    locations: BTreeSet<String>,
    flags: BTreeSet<&'static str>,
}

/// ESD letters, upper case, in the file's order (X P Y W M T F I L O U).
fn in_esd_order(ls: &BTreeSet<char>) -> String {
    LETTERS
        .iter()
        .filter(|l| ls.contains(l))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Maps the actor-years: one `supports` relation per supporter and
/// supported party over the window; every row counted.
pub fn import(w: &mut World, parsed: &Parsed<EsdRow>) {
    w.cite(DataSet::Esd);
    let mut rep = SetReport::new("esd", &DataSet::Esd.reference().title);
    rep.rows = parsed.rows_read;
    for b in &parsed.bad {
        rep.issue(outcome::INVALID, b.clone());
    }
    let rows = &parsed.rows;
    let data_last = rows.iter().map(|r| r.year).max().unwrap_or(0);
    let window = w.opts.window_years();
    let hi = window.map(|(_, hi)| hi.min(data_last)).unwrap_or(data_last);
    let mut aggs: BTreeMap<(ActorId, ActorId), Agg> = BTreeMap::new();
    for (ri, r) in rows.iter().enumerate() {
        let at = format!("id {} (sheet row {})", r.id, r.sheet_row);
        if !r.supported {
            rep.count(outcome::NO_FACT);
            continue;
        }
        if let Some((lo, whi)) = window {
            if r.year < lo || r.year > whi {
                rep.count(outcome::OUTSIDE_PERIOD);
                continue;
            }
        }
        // The supported party (or parties: a coalition of governments).
        let targets: Vec<(String, Result<EsdParty, String>)> = match governments(&r.actor_name) {
            Some(gs) => gs
                .into_iter()
                .map(|g| {
                    let n = format!("Government of {g}");
                    let p = resolve(&n, r.year);
                    (n, p)
                })
                .collect(),
            None => vec![(
                r.actor_name.clone(),
                Ok(EsdParty::Group(r.actor_name.clone())),
            )],
        };
        let parties: Vec<(String, Result<EsdParty, String>)> = r
            .supporters
            .iter()
            .map(|s| (s.clone(), resolve(s, r.year)))
            .collect();
        if let Some(sel) = &w.opts.states {
            let hit = |p: &Result<EsdParty, String>| matches!(p, Ok(EsdParty::State(c)) if sel.contains(c));
            if !targets.iter().any(|(_, p)| hit(p)) && !parties.iter().any(|(_, p)| hit(p)) {
                rep.count(outcome::OUTSIDE_SELECTION);
                continue;
            }
        }
        // Check every party before making any actor.
        if let Some(e) = targets.iter().find_map(|(n, p)| mappable(w, p, n).err()) {
            rep.issue(
                outcome::UNMATCHED,
                RowIssue::new(at, format!("supported party {e}")),
            );
            continue;
        }
        let mut partial = Vec::new();
        if r.ext_ids.len() != r.supporters.len() {
            partial.push(format!(
                "ext_id lists {} supporters but ext_name names {}; the named ones are imported",
                r.ext_ids.len(),
                r.supporters.len()
            ));
        }
        let mut ok_parties = Vec::new();
        for (n, p) in &parties {
            match mappable(w, p, n) {
                Ok(()) => ok_parties.push((n, p)),
                Err(e) => partial.push(format!("supporter {e}: not imported")),
            }
        }
        if ok_parties.is_empty() {
            rep.issue(
                outcome::UNMATCHED,
                RowIssue::new(
                    at,
                    format!("no supporter could be mapped: {}", partial.join("; ")),
                ),
            );
            continue;
        }
        let mut target_ids = Vec::new();
        for (n, p) in &targets {
            if let Ok(a) = p.clone().and_then(|p| actor(w, &p, n)) {
                target_ids.push(a);
            }
        }
        let mut sources = Vec::new();
        for (n, p) in ok_parties {
            if let Ok(a) = p.clone().and_then(|p| actor(w, &p, n)) {
                sources.push((a, n.starts_with("Government of ")));
            }
        }
        for p in partial {
            rep.issues.push(RowIssue::new(
                at.clone(),
                format!("{p} (rest of the row imported)"),
            ));
        }
        rep.count(outcome::IMPORTED);
        for (s, is_state) in &sources {
            let n_class = if *is_state { r.count_s } else { r.count_ns };
            for t in &target_ids {
                if s == t {
                    continue;
                }
                let agg = aggs.entry((*s, *t)).or_default();
                agg.rows.push(ri);
                agg.years.insert(r.year);
                if !r.location.is_empty() {
                    agg.locations.insert(r.location.clone());
                }
                if r.bothsides {
                    agg.flags.insert(
                        "a supporter of this party also supported its opponent (ext_bothsides)",
                    );
                }
                if r.elements {
                    agg.flags.insert("support from elements of a government, not necessarily sanctioned by it (ext_elements)");
                }
                for tcount in &r.types {
                    let c = if *is_state {
                        tcount.count_s
                    } else {
                        tcount.count_ns
                    };
                    if c == 0 {
                        continue;
                    }
                    if n_class > 0 && c >= n_class {
                        agg.letters.insert(tcount.letter);
                        let k = kind_of(tcount.letter);
                        agg.kinds
                            .insert(SupportKind::ALL.iter().position(|x| *x == k).unwrap_or(8));
                    } else {
                        agg.ambiguous
                            .entry(r.year)
                            .or_default()
                            .insert(tcount.letter);
                    }
                }
            }
        }
    }
    let mut n = 0;
    for ((s, t), agg) in aggs {
        let first = *agg.years.iter().next().unwrap_or(&hi);
        let last = *agg.years.iter().last().unwrap_or(&hi);
        let mut note = format!(
            "UCDP ESD: support in {} ({}).",
            year_ranges(&agg.years),
            agg.locations.iter().cloned().collect::<Vec<_>>().join("; ")
        );
        if !agg.letters.is_empty() {
            let l = in_esd_order(&agg.letters);
            note.push_str(&format!(" ESD types given: {l}."));
        }
        if !agg.ambiguous.is_empty() {
            let parts: Vec<String> = agg
                .ambiguous
                .iter()
                .map(|(y, ls)| format!("{y} {}", in_esd_order(ls)))
                .collect();
            note.push_str(&format!(
                " Given by some but not all of the supporters (not attributed): {}.",
                parts.join(", ")
            ));
        }
        for f in &agg.flags {
            note.push_str(&format!(" Note: {f}."));
        }
        let evidence = agg
            .rows
            .iter()
            .map(|i| {
                let r = &rows[*i];
                Citation::Dataset {
                    reference: DataSet::Esd.reference_id().into(),
                    row: format!(
                        "id {}: {} support to {} (conflict {}, {})",
                        r.id, r.year, r.actor_name, r.conflict_id, r.location
                    )
                    .into(),
                }
            })
            .collect();
        let mut rel = relation("supports", s, t, Status::Reported, evidence);
        rel.valid_from = Some(PartialDate::year(first));
        rel.valid_until = (last < hi).then(|| PartialDate::year(last));
        rel.support = agg.kinds.iter().map(|i| SupportKind::ALL[*i]).collect();
        rel.note = Some(note.into());
        let key = format!("esd-{}-{}", w.actor(s).id, w.actor(t).id);
        rel.key = Some(w.key(&key).into());
        w.add_relation(rel);
        n += 1;
    }
    rep.produced("supports relations", n);
    rep.notes.push(format!("ESD 18.1 runs to {data_last}; support in {hi}, the last year the period and the data share, is read as continuing"));
    rep.notes.push("a kind of support is attributed to a supporter only when every supporter of its class (state / non-state) gave it; otherwise the note lists it as given by some".into());
    rep.notes.push("ESD letters: X troops, W weapons, M materiel/logistics, T training, F funding, I intelligence, Y and L access to territory or infrastructure (territory), P, O, U (other)".into());
    w.set_report(rep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] =
        include_bytes!("../../tests/fixtures/data/ucdp-esd-18.1/ucdp-esd-ay-181.xlsx");

    #[test]
    fn reads_the_workbook_fixture() {
        let sheet = read_xlsx(FIXTURE).unwrap();
        assert_eq!(sheet.first_row, 1);
        assert_eq!(sheet.rows[0][0], "id");
        assert_eq!(sheet.rows[0].len(), 97);
        let p = parse(&sheet).unwrap();
        assert_eq!(p.rows_read, 7);
        assert_eq!(p.rows.len(), 7);
        let r = &p.rows[0];
        assert_eq!((r.id, r.year, r.sheet_row), (1, 2016, 2));
        assert_eq!(r.actor_name, "Government of Syria");
        assert_eq!(r.supporters.len(), 3);
        assert_eq!(r.count_s, 2);
        let w = r.types.iter().find(|t| t.letter == 'w').unwrap();
        assert_eq!(w.count_s, 2);
    }

    #[test]
    fn names_split_on_commas_without_a_space() {
        assert_eq!(
            split_names("Front for Peace, Unity and Justice,Government of Russia (Soviet Union)"),
            vec![
                "Front for Peace, Unity and Justice",
                "Government of Russia (Soviet Union)"
            ]
        );
        assert!(split_names("").is_empty());
    }

    #[test]
    fn government_lists_and_groups() {
        assert_eq!(
            governments("Government of Australia, Government of United Kingdom"),
            Some(vec!["Australia".to_string(), "United Kingdom".to_string()])
        );
        assert_eq!(governments("Interahamwe, ex-FAR"), None);
        assert_eq!(
            resolve("Government of Russia (Soviet Union)", 2016),
            Ok(EsdParty::State(365))
        );
        assert!(resolve("Government of Ruritania", 2016).is_err());
        assert_eq!(resolve("PKK", 2016), Ok(EsdParty::Group("PKK".into())));
    }

    #[test]
    fn letters_map_to_kinds() {
        assert_eq!(kind_of('x'), SupportKind::Troops);
        assert_eq!(kind_of('m'), SupportKind::Logistics);
        assert_eq!(kind_of('l'), SupportKind::Territory);
        assert_eq!(kind_of('u'), SupportKind::Other);
    }
}
