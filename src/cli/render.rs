//! `casus render`: the graph, an ego network or a path as a picture: DOT on
//! stdout, or a .dot, .svg, .png or .pdf file.

use super::filters::FilterArgs;
use super::output::{resolve, Failure, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::query::{shortest_path, PathQuery};
use casus::render::exec::{self, ExecError, Picture};
use casus::render::{Clustering, Highlight, Layout, RenderOptions};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus render -o graph.svg\n  casus render --focus turkey --depth 1 -o turkey.png\n  casus render --path turkey russia --via alliance,membership -o path.svg\n  casus render --as-of 2020-09-28 --min-status reported | dot -Tpdf > early.pdf\n\nWithout -o, DOT goes to stdout. .svg, .png and .pdf need Graphviz (`apt-get install graphviz`, `brew install graphviz`); .dot does not."
)]
pub struct Args {
    /// Draw only the actors within --depth steps of this actor (its ego
    /// network), and the relations among them.
    #[arg(long, value_name = "ACTOR", conflicts_with = "path")]
    focus: Option<String>,
    /// Steps around --focus [default: 1], or around the --path for its
    /// dimmed context [default: 0, the other relations among the path's
    /// actors].
    #[arg(long, value_name = "N")]
    depth: Option<usize>,
    /// Highlight the best path between two actors (as `casus path` finds
    /// it, either direction) on a dimmed context (the actors within
    /// --depth steps of it).
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    path: Option<Vec<String>>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Draw the members of each organisation inside its box.
    #[arg(long, value_enum, value_name = "WHAT")]
    cluster: Option<ClusterArg>,
    /// Graphviz layout engine: dot (hierarchical, left to right) reads
    /// best; neato, fdp and sfdp spread the whole graph out.
    #[arg(long, value_enum, value_name = "ENGINE")]
    layout: Option<LayoutArg>,
    /// Do not name the relation type on each edge.
    #[arg(long)]
    no_edge_labels: bool,
    /// A title above the legend.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Write to FILE: .dot (or .gv) writes DOT; .svg, .png and .pdf run
    /// Graphviz. Without it, DOT goes to stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ClusterArg {
    Organisations,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum LayoutArg {
    Dot,
    Neato,
    Fdp,
    Sfdp,
    Circo,
    Twopi,
}

impl From<LayoutArg> for Layout {
    fn from(l: LayoutArg) -> Layout {
        match l {
            LayoutArg::Dot => Layout::Dot,
            LayoutArg::Neato => Layout::Neato,
            LayoutArg::Fdp => Layout::Fdp,
            LayoutArg::Sfdp => Layout::Sfdp,
            LayoutArg::Circo => Layout::Circo,
            LayoutArg::Twopi => Layout::Twopi,
        }
    }
}

/// Where the picture goes.
enum Target {
    Stdout,
    Dot(PathBuf),
    Picture(PathBuf, Picture),
}

fn target(output: &Option<PathBuf>) -> Result<Target, Failure> {
    let Some(path) = output else {
        return Ok(Target::Stdout);
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "dot" || ext == "gv" {
        return Ok(Target::Dot(path.clone()));
    }
    match Picture::from_extension(&ext) {
        Some(p) => Ok(Target::Picture(path.clone(), p)),
        None => Err(Failure::new(
            EXIT_USAGE,
            format!(
                "error: cannot tell the format of `{}` from its extension\n  hint: end the file name in .dot, .svg, .png or .pdf",
                path.display()
            ),
        )),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    // Refuse a bad file name before doing any work.
    let target = target(&args.output)?;
    let loaded = ctx.load()?;
    let g = &loaded.graph;

    let filter = args.filter.filter(g)?;

    let mut opts = RenderOptions {
        filter,
        depth: args
            .depth
            .unwrap_or(if args.path.is_some() { 0 } else { 1 }),
        cluster: match args.cluster {
            Some(ClusterArg::Organisations) => Clustering::Organisations,
            None => Clustering::None,
        },
        edge_labels: !args.no_edge_labels,
        title: args.title.clone(),
        ..RenderOptions::default()
    };
    if let Some(f) = &args.focus {
        opts.focus = vec![resolve(g, f)?];
    }
    if let Some(p) = &args.path {
        let (from, to) = (resolve(g, &p[0])?, resolve(g, &p[1])?);
        let query = PathQuery {
            filter: opts.filter.clone(),
            ..PathQuery::default()
        };
        let Some(path) = shortest_path(g, from, to, &query) else {
            return Err(Failure::new(
                EXIT_FAIL,
                format!(
                    "error: no path from {} to {} through the relations these options allow\n  hint: drop --via, --avoid, --min-status, --as-of or --seed-only",
                    g.actor(from).name,
                    g.actor(to).name
                ),
            ));
        };
        opts.highlight = Highlight::path(g, path.rels);
        opts.highlight.actors.extend([from, to]);
        opts.focus = opts.highlight.actors.iter().copied().collect();
    }
    opts.layout = args.layout.map(Layout::from).unwrap_or_default();

    let dot = casus::render::to_dot(g, &opts);
    match target {
        Target::Stdout => {
            let mut out = Out::new(false);
            io_ok(out.line(dot.trim_end()).and_then(|_| out.flush()))
        }
        Target::Dot(path) => write(&path, dot.as_bytes()),
        Target::Picture(path, picture) => {
            let bar = super::progress::Progress::spinner(ctx.quiet, "drawing with Graphviz dot");
            let ran = exec::run(&dot, picture);
            bar.finish();
            let bytes = ran.map_err(|e| match e {
                ExecError::NotInstalled => Failure::new(
                    EXIT_FAIL,
                    format!("error: {e}\n  hint: {}", exec::INSTALL_HINT),
                ),
                ExecError::Failed(_) => Failure::new(EXIT_FAIL, format!("error: {e}")),
            })?;
            write(&path, &bytes)
        }
    }
}

fn write(path: &PathBuf, bytes: &[u8]) -> CliResult {
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| {
            Failure::new(
                EXIT_FAIL,
                format!("error: cannot write `{}`: {e}", path.display()),
            )
        })
}
