//! `casus facts`: list and search facts by type, status, actor, pair,
//! source, text and date, in date order, as text or JSON.

use super::filters::{describe, evidence_lines, relation_from, relation_tail, FilterArgs};
use super::output::{resolve, Failure, Format, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::model::{Graph, Status};
use casus::query::{facts, FactOrder, FactQuery, FactView, Filter};
use serde::Serialize;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Lists the facts (relations) that pass every test given, sorted by date: \
when the fact began to hold, else when it was first known; standing facts without a date \
come last. Each citation line shows its own grade where the sources differ.\n\nExamples:\n  \
casus facts --status alleged\n  casus facts --grep \"Syrian mercenaries\"\n  casus facts \
--between russia turkey\n  casus facts --source post-2020-10-04 --type attacks,threatens\n  \
casus facts --actor armenia --as-of 2020-09-30 --format json\n\nExit codes: 0 success, 1 no \
fact matches or unknown actor, 2 usage error."
)]
pub struct Args {
    /// Only facts of these relation types or categories, comma-separated
    /// (the same as --via).
    #[arg(long = "type", value_name = "TYPES")]
    types: Vec<String>,
    /// Only facts with exactly this status (comma-separated or repeated):
    /// confirmed, reported, claimed, alleged, considered, denied.
    #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
    status: Vec<Status>,
    /// Only facts this actor takes part in (either end, or where it happened).
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// Only facts between these two actors, either way round.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    between: Vec<String>,
    /// Only facts citing this seed document or reference (by id).
    #[arg(long, value_name = "DOC|REF")]
    source: Option<String>,
    /// Only facts whose quotes, notes or citation notes contain TEXT (any case).
    #[arg(long, value_name = "TEXT")]
    grep: Option<String>,
    /// Order: by date (when the fact began, else when it was first known;
    /// the default), or by status, strongest first, then date.
    #[arg(long, value_enum, default_value_t = Sort::Date)]
    sort: Sort,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Sort {
    Date,
    Status,
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown status `{s}`: use one of {}", all.join(", "))
    })
}

#[derive(Serialize)]
pub struct Report {
    pub filter: Filter,
    /// The fact tests in words (`status alleged`, `grep "drones"`).
    pub tests: Vec<String>,
    pub count: usize,
    pub facts: Vec<FactView>,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let mut filter = args.filter.filter(g)?;
    if !args.types.is_empty() {
        let types = Filter::parse_types(g, &args.types.join(","))
            .map_err(|e| Failure::new(EXIT_USAGE, format!("error: --type: {e}")))?;
        filter.via.extend(types);
    }
    let between = match args.between.as_slice() {
        [a, b] => Some((resolve(g, a)?, resolve(g, b)?)),
        _ => None,
    };
    if let Some(src) = &args.source {
        check_source(g, src)?;
    }
    let q = FactQuery {
        filter,
        status: args.status,
        actor: args.actor.as_deref().map(|a| resolve(g, a)).transpose()?,
        between,
        source: args.source,
        grep: args.grep,
        sort: match args.sort {
            Sort::Date => FactOrder::Date,
            Sort::Status => FactOrder::Status,
        },
    };
    show(ctx, g, &q, args.format, None)
}

/// Prints the facts `q` finds under a header, or fails with exit 1 if none.
pub fn show(
    ctx: &Ctx,
    g: &Graph,
    q: &FactQuery,
    format: Format,
    title: Option<String>,
) -> CliResult {
    let found = facts(g, q);
    let report = Report {
        filter: q.filter.clone(),
        // A timeline's title names its actor already.
        tests: tests(g, q)
            .into_iter()
            .filter(|t| title.is_none() || !t.starts_with("involving"))
            .collect(),
        count: found.ids.len(),
        facts: found.view(g),
    };
    let mut out = Out::new(ctx.color.enabled());
    if format == Format::Json {
        io_ok(out.json(&report).and_then(|_| out.flush()))?;
    } else if report.count > 0 {
        io_ok(print(&mut out, &report, title).and_then(|_| out.flush()))?;
    }
    if report.count == 0 {
        return Err(Failure::new(
            EXIT_FAIL,
            format!("no fact matches ({})", describe(&report.filter)),
        ));
    }
    Ok(())
}

/// The fact tests of `q` in words, for the header.
fn tests(g: &Graph, q: &FactQuery) -> Vec<String> {
    let mut t = Vec::new();
    if !q.status.is_empty() {
        let s: Vec<&str> = q.status.iter().map(|s| s.as_str()).collect();
        t.push(format!("status {}", s.join(" or ")));
    }
    if let Some(a) = q.actor {
        t.push(format!("involving {}", g.actor(a).name));
    }
    if let Some((a, b)) = q.between {
        t.push(format!(
            "between {} and {}",
            g.actor(a).name,
            g.actor(b).name
        ));
    }
    if let Some(s) = &q.source {
        t.push(format!("citing {s}"));
    }
    if let Some(s) = &q.grep {
        t.push(format!("containing \"{s}\""));
    }
    t
}

/// An unknown document or reference id is a usage error, with a suggestion.
fn check_source(g: &Graph, src: &str) -> Result<(), Failure> {
    if g.documents.contains_key(src) || g.references.contains_key(src) {
        return Ok(());
    }
    let ids = g
        .documents
        .keys()
        .chain(g.references.keys())
        .map(String::as_str);
    let hint = casus::load::did_you_mean(src, ids)
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| {
            "`casus validate --format json` lists the documents and references".into()
        });
    Err(Failure::new(
        EXIT_USAGE,
        format!("error: --source: no document or reference `{src}`\n  hint: {hint}"),
    ))
}

fn print(out: &mut Out, r: &Report, title: Option<String>) -> std::io::Result<()> {
    let st = out.style;
    let n = r.count;
    let head = title.unwrap_or_else(|| format!("{n} fact{}", if n == 1 { "" } else { "s" }));
    let mut tests = r.tests.clone();
    if !r.filter.is_empty() || tests.is_empty() {
        tests.push(describe(&r.filter));
    }
    out.line(st.bold(&format!("{head} ({})", tests.join("; "))))?;
    for f in &r.facts {
        let v = &f.relation;
        let date = f.date.as_deref().unwrap_or("undated");
        out.line("")?;
        out.line(format!(
            "{date:<10}  {}{}",
            relation_from(st, v, &v.from.id),
            relation_tail(st, v)
        ))?;
        for e in evidence_lines(v, r.filter.as_of) {
            out.line(format!("            {}", st.dim(&e)))?;
        }
    }
    Ok(())
}
