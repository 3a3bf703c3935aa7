//! `casus render`: the graph, an ego network or a path as a picture: DOT on
//! stdout, or a .dot, .svg, .png or .pdf file.

use super::filters::FilterArgs;
use super::output::{resolve, Failure, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::query::{shortest_path, PathQuery};
use casus::render::exec::{self, ExecError, Picture};
use casus::render::scale::{plan, Asked};
use casus::render::{Clustering, Highlight, Layout, Medium, RenderOptions};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus render -o graph.svg\n  casus render --focus turkey --depth 1 -o turkey.png\n  casus render --path turkey russia --via alliance,membership -o path.svg\n  casus render --as-of 2020-09-28 --min-status reported | dot -Tpdf > early.pdf\n  casus render --graph world-2018 --focus russia -o russia.png\n  casus render --graph world-2018 --focus russia --max-nodes 40 --title 'Russia, 2018' -o russia-40.svg\n\nLarge pictures (over 80 actors or 250 relations): without --layout, casus draws a single focus as a star (--star) laid out around it (twopi), anything else with sfdp, drops edge labels over 80 relations, and says so on stderr; over 400 actors it refuses unless --max-nodes or --force.\n\nWithout -o, DOT goes to stdout. .svg, .png and .pdf need Graphviz (`apt-get install graphviz`, `brew install graphviz`); .dot does not."
)]
pub struct Args {
    #[command(flatten)]
    question: Question,
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
    /// A title above the picture.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Write to FILE: .dot (or .gv) writes DOT; .svg, .png and .pdf run
    /// Graphviz. Without it, DOT goes to stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// What a picture shows, as `render` and `report` take it: an ego network
/// or a path, the filters, and how much of it.
#[derive(clap::Args, Debug)]
pub(super) struct Question {
    /// Draw only the actors within --depth steps of this actor (its ego
    /// network), and the relations among them.
    #[arg(long, value_name = "ACTOR", conflicts_with = "path")]
    pub focus: Option<String>,
    /// Steps around --focus [default: 1], or around the --path for its
    /// dimmed context [default: 0, the other relations among the path's
    /// actors].
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// Highlight the best path between two actors (as `casus path` finds
    /// it, either direction) on a dimmed context (the actors within
    /// --depth steps of it).
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub path: Option<Vec<String>>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Draw only the relations that touch --focus (a star around it), not
    /// those among its neighbours.
    #[arg(long, requires = "focus")]
    pub star: bool,
    /// Draw at most N actors besides the focus: those most strongly tied
    /// to it (status, and SIPRI TIV where known); without --focus, the
    /// best connected.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// Draw as asked however large: no automatic layout, star or label
    /// dropping, no refusal (Graphviz may take minutes).
    #[arg(long)]
    pub force: bool,
}

impl Question {
    /// The options these flags ask for (the rest at their defaults).
    pub fn options(&self, g: &casus::model::Graph) -> Result<RenderOptions, Failure> {
        let mut opts = RenderOptions {
            filter: self.filter.filter(g)?,
            depth: self
                .depth
                .unwrap_or(if self.path.is_some() { 0 } else { 1 }),
            star: self.star,
            max_nodes: self.max_nodes,
            ..RenderOptions::default()
        };
        focus_or_path(g, &mut opts, self.focus.as_deref(), self.path.as_deref())?;
        Ok(opts)
    }
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

    let mut opts = RenderOptions {
        cluster: match args.cluster {
            Some(ClusterArg::Organisations) => Clustering::Organisations,
            None => Clustering::None,
        },
        edge_labels: !args.no_edge_labels,
        title: args.title.clone(),
        ..args.question.options(g)?
    };
    opts.layout = args.layout.map(Layout::from).unwrap_or_default();
    opts.medium = match &target {
        Target::Stdout | Target::Dot(_) => Medium::Dot,
        Target::Picture(_, Picture::Svg) => Medium::Svg,
        Target::Picture(_, _) => Medium::Static,
    };
    let asked = Asked {
        layout: args.layout.is_some(),
        force: args.question.force,
        picture: matches!(target, Target::Picture(..)),
    };
    let (opts, notes) =
        plan(g, &opts, asked).map_err(|e| Failure::new(EXIT_USAGE, format!("error: {e}")))?;
    for n in notes {
        eprintln!("note: {n}");
    }

    let dot = casus::render::to_dot(g, &opts);
    match target {
        Target::Stdout => {
            let mut out = Out::new(false);
            io_ok(out.line(dot.trim_end()).and_then(|_| out.flush()))
        }
        Target::Dot(path) => write(&path, dot.as_bytes()),
        Target::Picture(path, picture) => {
            let bar = super::progress::Progress::spinner(ctx.quiet, "drawing with Graphviz dot");
            let ran = self::picture(&dot, picture);
            bar.finish();
            let bytes = ran?;
            write(&path, &bytes)
        }
    }
}

/// Sets the focus (`--focus ACTOR`) or the highlighted best path and its
/// actors as the focus (`--path FROM TO`), as `render` and `report` take them.
pub(super) fn focus_or_path(
    g: &casus::model::Graph,
    opts: &mut RenderOptions,
    focus: Option<&str>,
    path: Option<&[String]>,
) -> CliResult {
    if let Some(f) = focus {
        opts.focus = vec![resolve(g, f)?];
    }
    let Some(p) = path else {
        return Ok(());
    };
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
    Ok(())
}

/// Runs Graphviz, with the install hint when it is missing.
pub(super) fn picture(dot: &str, picture: Picture) -> Result<Vec<u8>, Failure> {
    exec::run(dot, picture).map_err(|e| match e {
        ExecError::NotInstalled => Failure::new(
            EXIT_FAIL,
            format!("error: {e}\n  hint: {}", exec::INSTALL_HINT),
        ),
        ExecError::Failed(_) => Failure::new(EXIT_FAIL, format!("error: {e}")),
    })
}

fn write(path: &std::path::Path, bytes: &[u8]) -> CliResult {
    casus::atomic::write_file(path, bytes).map_err(|e| {
        Failure::new(
            EXIT_FAIL,
            format!("error: cannot write `{}`: {e}", path.display()),
        )
    })
}
