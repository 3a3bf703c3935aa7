//! `casus extract`: candidate facts from a news text, for review; or the
//! extractor's scores on a labelled set (`--eval`).

use super::output::{resolve, Failure, Format, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::edit::{self, Evidence, NewRelation};
use casus::extract::{emit, eval, extract, Extraction, Options};
use casus::model::{Graph, PartialDate};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus extract article.txt --date 2020-10-17\n  casus extract post-2020-10-04\n  casus extract article.txt --format json\n  casus extract article.txt --source reuters-2020-10-17 --emit toml --keep 1,3 >> mine/relations/new.toml\n  casus extract reuters-1 --apply --keep 1,3 --graph mine\n  casus extract --eval tests/fixtures/extract/labels.toml\n\nEach candidate is a relation of the graph's vocabulary with the sentence it\nrests on (line:column), the cue that states it and the status its wording\ngives (\"according to\" claimed, \"reportedly\" alleged, \"could\" considered).\nNothing is added to a graph until --apply: review the list, keep what holds."
)]
pub struct Args {
    /// The article: a text file, `-` for stdin, or the id of a source of
    /// the graph (`post-2020-10-04`).
    #[arg(value_name = "ARTICLE", required_unless_present_any = ["eval", "seeds"])]
    article: Option<String>,
    /// The article's date (YYYY, YYYY-MM or YYYY-MM-DD): gives the year of
    /// dates written without one, and the date of events whose sentence
    /// has none. A graph source has its own.
    #[arg(long, value_name = "DATE")]
    date: Option<PartialDate>,
    /// The conflict that ceasefire calls, mediation and mobilisation are
    /// about (default: the graph's conflict with most relations).
    #[arg(long, value_name = "ACTOR")]
    conflict: Option<String>,
    /// The document id the emitted quotes cite (default: the source id, or
    /// the file name without extension).
    #[arg(long, value_name = "ID")]
    source: Option<String>,
    /// Print the kept candidates as graph TOML ([[relation]] blocks).
    #[arg(long, value_name = "FORMAT", value_parser = ["toml"])]
    emit: Option<String>,
    /// Only these candidates (numbers of the review list), for --emit
    /// and --apply.
    #[arg(long, value_name = "N,N", value_delimiter = ',')]
    keep: Vec<usize>,
    /// Add the kept candidates to the graph directory (the last --graph
    /// DIR), each citing the sentence that gives its status, through the same checked, atomic
    /// path as `casus add relation`: all or nothing. ARTICLE must be a
    /// source of that graph (`casus add source FILE ...` first).
    #[arg(long, requires = "keep", conflicts_with_all = ["emit", "eval"])]
    apply: bool,
    /// Score the extractor on a labelled set instead (a labels.toml as in
    /// tests/fixtures/extract/; rules in docs/extract.md).
    #[arg(long, value_name = "LABELS", conflicts_with_all = ["article", "emit"])]
    eval: Option<PathBuf>,
    /// Score the extractor on the graph's own sources instead: for each
    /// source, the share of the relations quoting it that it proposes
    /// from the source's text.
    #[arg(long, conflicts_with_all = ["article", "emit", "eval"])]
    seeds: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    if let Some(labels) = &args.eval {
        return run_eval(ctx, g, labels, args.format);
    }
    if args.seeds {
        return run_seeds(ctx, g, args.format);
    }
    let article = args.article.as_deref().unwrap_or_default();
    let (text, doc, date) = read_article(g, article)?;
    let conflict = args
        .conflict
        .as_deref()
        .map(|c| resolve(g, c))
        .transpose()?;
    let opts = Options {
        date: args.date.or(date),
        conflict,
    };
    let ex = extract(g, &text, &opts);
    check_keep(&ex, &args.keep)?;
    let keep = (!args.keep.is_empty()).then_some(args.keep.as_slice());
    let mut out = Out::new(ctx.color.enabled());
    if args.apply {
        return apply(ctx, g, &ex, &doc, &args.keep, &mut out);
    }
    if args.emit.is_some() {
        let doc = args.source.clone().unwrap_or(doc);
        return io_ok(
            out.line(emit::to_toml(&ex, &doc, keep).trim_end())
                .and_then(|_| out.flush()),
        );
    }
    if args.format == Format::Json {
        return io_ok(out.json(&ex).and_then(|_| out.flush()));
    }
    io_ok(print_review(&mut out, article, &ex, keep).and_then(|_| out.flush()))
}

/// The text, document id and date of ARTICLE: a file, or a graph source.
fn read_article(
    g: &Graph,
    article: &str,
) -> Result<(String, String, Option<PartialDate>), Failure> {
    if article == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| {
            Failure::new(
                EXIT_FAIL,
                format!("error: cannot read the article from stdin: {e}"),
            )
        })?;
        return Ok((text, "article".into(), None));
    }
    let path = Path::new(article);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::new(EXIT_FAIL, format!("error: cannot read {article}: {e}")))?;
        let stem = path
            .file_stem()
            .map_or("article".into(), |s| s.to_string_lossy().into_owned());
        return Ok((text, stem, None));
    }
    if let Some(d) = g.documents.get(article) {
        return Ok((d.text.clone(), d.id.clone(), Some(d.date)));
    }
    let hint = match casus::load::did_you_mean(article, g.documents.keys().map(String::as_str)) {
        Some(near) => format!("did you mean the source `{near}`?"),
        None => "give a text file, or the id of one of the graph's sources (`casus facts --help` lists how to find them)".into(),
    };
    Err(Failure::new(
        EXIT_FAIL,
        format!("error: `{article}` is neither a file nor a source of the graph\n  hint: {hint}"),
    ))
}

/// Adds the kept candidates to the target graph directory, or nothing.
fn apply(
    ctx: &Ctx,
    g: &Graph,
    ex: &Extraction,
    doc: &str,
    keep: &[usize],
    out: &mut Out,
) -> CliResult {
    if !g.documents.contains_key(doc) {
        return Err(Failure::new(
            EXIT_USAGE,
            format!("error: --apply needs the article as a source of the graph, and `{doc}` is not one\n  hint: `casus add source FILE --title T --date D --graph DIR` copies it in; then `casus extract SOURCE-ID --apply --keep N --graph DIR`"),
        ));
    }
    if let Some(c) = ex
        .candidates
        .iter()
        .find(|c| keep.contains(&c.number) && c.known.is_some())
    {
        return Err(Failure::new(
            EXIT_USAGE,
            format!("error: candidate {} is already in the graph ({})\n  hint: leave it out of --keep; to cite this article for it too, add its quote to that relation's evidence", c.number, c.known.as_deref().unwrap_or_default()),
        ));
    }
    let (bases, dir) = super::add::target(ctx)?;
    let rels: Vec<NewRelation> = ex
        .candidates
        .iter()
        .filter(|c| keep.contains(&c.number))
        .map(|c| NewRelation {
            rel_type: c.rtype.clone(),
            from: c.from.clone(),
            to: c.to.clone(),
            status: c.status.as_str().into(),
            evidence: Evidence::Quote {
                source: doc.into(),
                text: emit::main_quote(c).text.clone(),
            },
            since: None,
            until: None,
            date: emit::date_of(c, ex),
            note: Some(format!(
                "extracted by casus extract (candidate {}, cue \"{}\")",
                c.number,
                emit::main_quote(c).cue
            )),
            key: None,
            place: None,
            role: None,
            treaty: None,
        })
        .collect();
    let added = edit::add(&bases, &dir, &[], &rels).map_err(|e| super::add::failure(ctx, &e))?;
    let res = (|| {
        for k in &added.relations {
            out.line(format!("added relation {k}"))?;
        }
        out.line(format!(
            "wrote {} in {}",
            added.files.join(", "),
            dir.display()
        ))?;
        out.flush()
    })();
    io_ok(res)
}

fn check_keep(ex: &Extraction, keep: &[usize]) -> Result<(), Failure> {
    let n = ex.candidates.len();
    match keep.iter().find(|&&k| k == 0 || k > n) {
        Some(k) => Err(Failure::new(
            EXIT_USAGE,
            format!("error: --keep {k}: there are {n} candidates\n  hint: --keep takes numbers of the review list, 1 to {n}"),
        )),
        None => Ok(()),
    }
}

/// The names not in the graph, each once with all its places.
fn new_names_line(ex: &Extraction) -> String {
    let mut names: Vec<String> = Vec::new();
    for n in &ex.new_names {
        if names
            .iter()
            .any(|x| x.starts_with(&format!("{} (", n.text)))
        {
            continue;
        }
        let at: Vec<String> = ex
            .new_names
            .iter()
            .filter(|m| m.text == n.text)
            .map(|m| format!("{}:{}", m.place.line, m.place.column))
            .collect();
        names.push(match &n.cow_name {
            Some(c) if *c != n.text => format!("{} (state {c}, {})", n.text, at.join(" ")),
            Some(_) => format!("{} (state, {})", n.text, at.join(" ")),
            None => format!("{} ({})", n.text, at.join(" ")),
        });
    }
    names.join(", ")
}

fn print_review(
    out: &mut Out,
    article: &str,
    ex: &Extraction,
    keep: Option<&[usize]>,
) -> std::io::Result<()> {
    let st = out.style;
    let date = ex
        .date
        .as_deref()
        .map_or(String::new(), |d| format!(" ({d})"));
    out.line(st.bold(&format!("{article}{date}")))?;
    let actors: Vec<String> = ex
        .actors
        .iter()
        .map(|a| {
            format!(
                "{} ({}x, {}:{})",
                a.id,
                a.mentions.len(),
                a.mentions[0].1.line,
                a.mentions[0].1.column
            )
        })
        .collect();
    out.line(super::output::wrap(
        &format!("Actors: {}", actors.join(", ")),
        100,
        "  ",
    ))?;
    if !ex.new_names.is_empty() {
        let names = new_names_line(ex);
        out.line(super::output::wrap(
            &format!("Not in the graph: {names}"),
            100,
            "  ",
        ))?;
    }
    if !ex.dates.is_empty() {
        let ds: Vec<String> = ex
            .dates
            .iter()
            .map(|(d, p)| format!("{d} ({}:{})", p.line, p.column))
            .collect();
        out.line(format!("Dates: {}", ds.join(", ")))?;
    }
    out.line(format!("\nCandidates: {}", ex.candidates.len()))?;
    for c in &ex.candidates {
        if keep.is_some_and(|k| !k.contains(&c.number)) {
            continue;
        }
        let known = c
            .known
            .as_deref()
            .map_or(String::new(), |k| st.dim(&format!("  (in the graph: {k})")));
        out.line(format!(
            "{:>3}. {} {} -> {} {}{known}",
            c.number,
            st.bold(&c.rtype),
            c.from,
            c.to,
            st.status(c.status)
        ))?;
        for q in &c.quotes {
            let grade = q.status_cue.as_deref().map_or(String::new(), |s| {
                format!(", \"{s}\" makes it {}", q.status)
            });
            out.line(st.dim(&format!(
                "     {}:{} cue \"{}\"{grade}",
                q.place.line,
                q.place.column,
                q.cue.trim()
            )))?;
            out.line(format!(
                "     {}",
                super::output::wrap(&format!("\u{201C}{}\u{201D}", q.text), 94, "      ")
            ))?;
        }
    }
    Ok(())
}

fn run_eval(ctx: &Ctx, g: &Graph, labels: &Path, format: Format) -> CliResult {
    let s =
        eval::evaluate(g, labels).map_err(|e| Failure::new(EXIT_FAIL, format!("error: {e}")))?;
    let mut out = Out::new(ctx.color.enabled());
    if format == Format::Json {
        return io_ok(out.json(&s).and_then(|_| out.flush()));
    }
    let row = |name: &str, c: &eval::Counts| {
        format!(
            "{name:<10} precision {:.2}  recall {:.2}  ({} right, {} wrong, {} missed)",
            c.precision(),
            c.recall(),
            c.true_pos,
            c.false_pos,
            c.false_neg
        )
    };
    let res = (|| {
        out.line(format!(
            "{} texts, {} labelled relations",
            s.texts, s.labelled_relations
        ))?;
        out.line(row("actors", &s.actors))?;
        out.line(row("relations", &s.relations))?;
        out.line(format!(
            "status     {} of {} matched relations as labelled",
            s.status_agree, s.relations.true_pos
        ))?;
        out.flush()
    })();
    io_ok(res)
}

fn run_seeds(ctx: &Ctx, g: &Graph, format: Format) -> CliResult {
    let rows = eval::seed_share(g);
    let mut out = Out::new(ctx.color.enabled());
    if format == Format::Json {
        return io_ok(out.json(&rows).and_then(|_| out.flush()));
    }
    let (mut p, mut f) = (0, 0);
    let res = (|| {
        for r in &rows {
            p += r.proposed;
            f += r.facts;
            out.line(format!(
                "{:<24} {:>3} of {:>3} facts proposed, {:>3} other candidates",
                r.doc, r.proposed, r.facts, r.other_candidates
            ))?;
        }
        let share = if f == 0 { 0.0 } else { p as f64 / f as f64 };
        out.line(format!(
            "{:<24} {p:>3} of {f:>3} ({:.0}%)",
            "all sources",
            share * 100.0
        ))?;
        out.flush()
    })();
    io_ok(res)
}
