//! `casus report`: a self-contained HTML brief for a question (an ego
//! network, a path, or the whole graph): picture, tables, sources.

use super::output::{Failure, Out, EXIT_FAIL, EXIT_USAGE};
use super::render::{picture, Question};
use super::{io_ok, CliResult, Ctx};
use casus::render::exec::Picture;
use casus::render::scale::{plan, Asked};
use casus::render::{self, Medium, RenderOptions};
use casus::report::{self, Report};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus report -o brief.html\n  casus report --focus turkey -o turkey.html\n  casus report --path turkey armenia --via alliance,military_support --depth 1 -o path.html\n  casus report --graph world-2018 --focus russia --max-nodes 40 -o russia.html\n\nThe page needs nothing but a browser: the picture (SVG), its style and its script are inside it. Scroll to zoom, drag to pan, click a node or an edge to read its facts and quotes; page.html#open=rel-12 opens one. It prints cleanly. Making it needs Graphviz (`apt-get install graphviz`)."
)]
pub struct Args {
    #[command(flatten)]
    question: Question,
    /// A what-if instead: the scenario (a shipped name or a file), its
    /// picture, gates, involvement and chains.
    #[arg(long, value_name = "SCENARIO", conflicts_with_all = ["focus", "path"])]
    escalate: Option<String>,
    /// The page's title [default: from the question].
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Write the page to FILE (without it, to stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The command line as typed, for the page to name.
fn command_line() -> String {
    std::env::args()
        .enumerate()
        .map(|(i, a)| {
            let a = if i == 0 { "casus".to_string() } else { a };
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let page = match &args.escalate {
        Some(name) => whatif_page(ctx, g, &args, name)?,
        None => question_page(ctx, g, &args)?,
    };
    write_page(&args, &page.0, page.1)
}

/// The page of an ego network, a path or the whole graph, and its counts.
fn question_page(
    ctx: &Ctx,
    g: &casus::model::Graph,
    args: &Args,
) -> Result<(String, (usize, usize)), Failure> {
    let opts = RenderOptions {
        medium: Medium::Report,
        ..args.question.options(g)?
    };
    let asked = Asked {
        layout: false,
        force: args.question.force,
        picture: true,
    };
    let (opts, notes) =
        plan(g, &opts, asked).map_err(|e| Failure::new(EXIT_USAGE, format!("error: {e}")))?;
    for n in notes {
        eprintln!("note: {n}");
    }
    let title =
        args.title
            .clone()
            .unwrap_or_else(|| match (&args.question.focus, &args.question.path) {
                (Some(_), _) => format!("{} and its ties", g.actor(opts.focus[0]).name),
                (_, Some(p)) => format!("From {} to {}", p[0], p[1]),
                _ => "The whole graph".to_string(),
            });
    let svg = picture(&render::to_dot(g, &opts), Picture::Svg)?;
    let selection = render::select(g, &opts);
    let edges = render::drawn_edges(g, &opts);
    Ok(page(ctx, g, title, &svg, &selection, edges, Vec::new()))
}

/// The page of a what-if: the escalation picture, the gates, involvement
/// and chains, and the facts behind the gates and chains.
fn whatif_page(
    ctx: &Ctx,
    g: &casus::model::Graph,
    args: &Args,
    scenario: &str,
) -> Result<(String, (usize, usize)), Failure> {
    let o = super::escalate::outcome_of(ctx, g, scenario)?;
    let svg = picture(&casus::escalate::to_dot(&o), Picture::Svg)?;
    let mut selection = casus::render::Selection::default();
    for a in &o.actors {
        selection.actors.extend(g.actor_by_id(&a.actor.id));
        for h in a.chain.iter().flat_map(|c| &c.hops) {
            selection
                .relations
                .extend(h.relations.iter().map(|r| casus::model::RelId(r.index)));
        }
    }
    for t in &o.gates {
        selection
            .relations
            .extend(t.facts.iter().map(|r| casus::model::RelId(r.index)));
    }
    let title = args.title.clone().unwrap_or_else(|| {
        o.scenario
            .title
            .clone()
            .unwrap_or_else(|| o.scenario.name.clone())
    });
    let tables = vec![
        report::whatif::involvement(&o),
        report::whatif::gates(&o),
        report::whatif::chains(&o),
    ];
    Ok(page(ctx, g, title, &svg, &selection, Vec::new(), tables))
}

/// The page, and its counts of actors and facts.
fn page(
    ctx: &Ctx,
    g: &casus::model::Graph,
    title: String,
    svg: &[u8],
    selection: &casus::render::Selection,
    edges: Vec<(String, Vec<casus::model::RelId>)>,
    tables: Vec<report::Table>,
) -> (String, (usize, usize)) {
    let html = report::html(
        g,
        &Report {
            title,
            command: command_line(),
            graph: ctx.origin(),
            svg: String::from_utf8_lossy(svg).into_owned(),
            selection,
            edges,
            tables,
        },
    );
    (html, (selection.actors.len(), selection.relations.len()))
}

fn write_page(args: &Args, page: &str, (actors, facts): (usize, usize)) -> CliResult {
    match &args.output {
        None => {
            let mut out = Out::new(false);
            io_ok(out.line(page.trim_end()).and_then(|_| out.flush()))
        }
        Some(path) => {
            casus::atomic::write_file(path, page.as_bytes()).map_err(|e| {
                Failure::new(
                    EXIT_FAIL,
                    format!("error: cannot write `{}`: {e}", path.display()),
                )
            })?;
            eprintln!("wrote {} ({actors} actors, {facts} facts)", path.display());
            Ok(())
        }
    }
}
