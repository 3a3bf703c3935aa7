//! The command line: parses arguments, loads the graph, calls the library,
//! prints. Only this module knows clap, stdout and exit codes.

mod actors;
mod add;
mod backtest;
mod brokers;
mod calibrate;
mod common;
mod completions;
mod cross_pressure;
mod edit;
mod escalate;
mod export;
mod extract;
mod facts;
mod filters;
mod generate;
mod import;
mod init;
mod man;
mod members;
mod neighbors;
mod output;
mod path;
pub mod progress;
mod remove;
mod render;
mod report;
mod show;
mod timeline;
mod validate;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use output::{CliResult, ColorChoice, Failure, EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use std::path::PathBuf;

/// casus: a knowledge graph of geopolitical actors and alliances that
/// answers with evidence.
///
/// Every fact carries its source (a verbatim quote from a seed text, or a
/// cited reference), its status (confirmed, reported, claimed, alleged,
/// considered, denied) and its dates. The graph of the 2020
/// Nagorno-Karabakh war is built in; `--graph DIR` loads another.
#[derive(Parser, Debug)]
#[command(
    name = "casus",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  casus validate\n  casus show turkey\n  casus show Azeri\n  casus actors --kind organisation --format json\n  casus path israel armenia --via arms_supplier,attacks,at_war\n  casus neighbors armenia --depth 2 --min-status reported\n  casus cross-pressure --actor russia\n  casus import --data ../shared/data --year 2018 -o world-2018\n  casus validate --graph builtin --graph world-2018\n  casus completions bash > ~/.local/share/bash-completion/completions/casus\n\nExit codes: 0 success, 1 bad data or no result, 2 usage error."
)]
pub struct Cli {
    #[command(flatten)]
    globals: Globals,

    #[command(subcommand)]
    command: Command,
}

/// The options every command takes (flattened into [`Cli`], and into the
/// one-command parser of [`parse_one`]).
#[derive(clap::Args, Debug)]
#[group(skip)]
struct Globals {
    /// Load the graph from this directory instead of the built-in one
    /// (see docs/format.md). Repeat it to load several graphs together
    /// (actors matched by COW or ISO code); `builtin` names the built-in
    /// graph. A directory made by `casus init` loads with the graphs it
    /// extends. CASUS_GRAPH may list several, separated as in PATH.
    #[arg(long, global = true, env = "CASUS_GRAPH", value_name = "DIR")]
    graph: Vec<PathBuf>,

    /// When to colour the output (NO_COLOR is honoured by `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// No progress on stderr (bars are drawn only on a terminal anyway;
    /// errors and warnings are still printed).
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check the graph and summarise it: actors, relations by type and
    /// status, sources. Exit 1 with every problem if it does not load.
    Validate(validate::Args),
    /// List actors, optionally of one kind.
    Actors(actors::Args),
    /// An actor's card: kind, names, codes, and every relation in and out,
    /// with status, dates and the quotes behind them.
    Show(show::Args),
    /// How two actors are connected: the best path (or the k best, or all
    /// up to a length), each hop with its relation, status, date and quote.
    Path(path::Args),
    /// An actor's ego network: every actor within N hops, grouped by
    /// relation type and direction.
    #[command(visible_alias = "neighbours")]
    Neighbors(neighbors::Args),
    /// An organisation's members and leaders; the organisations an actor
    /// belongs to or leads.
    Members(members::Args),
    /// Actors with friendly ties to both sides of a hostile pair (Russia,
    /// arms supplier to both Armenia and Azerbaijan).
    #[command(visible_alias = "cross-pressured")]
    CrossPressure(cross_pressure::Args),
    /// Brokers: betweenness centrality over the friendly network, with the
    /// pairs each broker bridges.
    Brokers(brokers::Args),
    /// What two actors share: common allies, organisations, suppliers,
    /// enemies, and their direct relations.
    Common(common::Args),
    /// Escalation what-ifs: if these strikes happen, who could be drawn
    /// in, how far, on which side, and why (treaty gates, Monte Carlo
    /// cascade, structural balance, cited chains).
    Escalate(escalate::Args),
    /// Draw the graph, an actor's ego network or a path: DOT on stdout, or
    /// an .svg, .png or .pdf picture through Graphviz, with a legend.
    Render(render::Args),
    /// Export the graph or an ego network for other tools: GraphML and
    /// GEXF (Gephi, NetworkX, igraph), Cypher and neo4j-admin CSV (Neo4j),
    /// FollowTheMoney (Aleph), CSV tables, JSON.
    Export(export::Args),
    /// A self-contained HTML brief for a question (ego network, path or
    /// the whole graph): zoomable picture, click for facts and quotes,
    /// tables, numbered sources; prints cleanly.
    Report(report::Args),
    /// Import published data sets (COW, ATOP, SIPRI, UCDP ESD) into a
    /// graph directory, with a report of where every row went.
    Import(import::Args),
    /// Score the escalation engine and its baselines against who joined the
    /// Militarized Interstate Disputes (cross-validated by dispute): Brier
    /// score and skill, AUC, average precision, log loss, sides, per era,
    /// a reliability table and diagram.
    Backtest(backtest::Args),
    /// Fit the escalation engine's joining model to the Militarized
    /// Interstate Disputes and write model.toml's [joining] section, each
    /// coefficient with its interval and the fit's provenance.
    Calibrate(calibrate::Args),
    /// Write a synthetic world-scale graph (seeded, reproducible) for
    /// benchmarks and scale tests.
    Generate(generate::Args),
    /// Candidate facts from a news text, for review: actor mentions, new
    /// names, dates, and relations of the graph's vocabulary with the
    /// sentence each rests on (line:column) and the status its wording
    /// gives; `--emit toml` writes them as graph TOML, `--apply --keep N`
    /// adds them to a graph of one's own, `--eval` scores the extractor on
    /// a labelled set.
    Extract(extract::Args),
    /// List and search facts: by type, status, actor, pair, source, text
    /// and date, sorted by date.
    Facts(facts::Args),
    /// What happened to or around an actor, in date order.
    Timeline(timeline::Args),
    /// Start a graph of one's own that extends the built-in graph (or the
    /// --graph given): casus.toml, actors, sources and relations files.
    Init(init::Args),
    /// Add a source, reference, actor or relation to one's own graph,
    /// checked against the whole merged graph before anything is written.
    Add(add::Args),
    /// Remove a relation from one's own graph by its key.
    Remove(remove::Args),
    /// Change one field of an actor, relation, document or reference of
    /// one's own graph.
    Edit(edit::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell,
    /// elvish).
    Completions(completions::Args),
    /// Print the man page (roff), or write one page per command with
    /// `--dir`.
    Man(man::Args),
}

/// Global options every command sees.
pub struct Ctx {
    /// The first `--graph DIR`, if any (`None`: the built-in graph).
    pub graph_dir: Option<PathBuf>,
    /// Every `--graph DIR`, in order (empty: the built-in graph).
    pub graph_dirs: Vec<PathBuf>,
    pub color: ColorChoice,
    /// `--quiet`: no progress on stderr (see [`progress`]).
    pub quiet: bool,
}

/// `--graph builtin` names the built-in graph, unless a directory of that name exists.
fn is_builtin(dir: &std::path::Path) -> bool {
    dir.as_os_str() == "builtin" && !dir.is_dir()
}

fn files_of(dir: &std::path::Path) -> Result<casus::load::GraphFiles, Failure> {
    if is_builtin(dir) {
        return Ok(casus::load::GraphFiles::embedded());
    }
    casus::load::GraphFiles::from_dir(dir).map_err(|e| {
        let from_env = std::env::var_os("CASUS_GRAPH").is_some_and(|v| dir.as_os_str() == v);
        let whence = if from_env {
            " (named by the CASUS_GRAPH environment variable)"
        } else {
            ""
        };
        Failure::new(
            EXIT_FAIL,
            format!("error: cannot read the graph directory {}{whence}: {e}\n  hint: --graph DIR (or CASUS_GRAPH=DIR) names a directory of graph TOML files; `--graph builtin` or unsetting CASUS_GRAPH gives the built-in graph", dir.display()),
        )
    })
}

/// A graph directory or overlay manifest that cannot be read, with its hint.
pub fn overlay_failure(e: &casus::load::OverlayError) -> Failure {
    if let casus::load::OverlayError::Read { dir, .. } = e {
        if let Err(f) = files_of(dir) {
            return f;
        }
    }
    Failure::new(EXIT_FAIL, format!("error: {e}\n  hint: {}", e.hint()))
}

fn origin_of(dir: Option<&std::path::Path>) -> String {
    match dir {
        Some(d) if !is_builtin(d) => d.display().to_string(),
        _ => "built-in graph (graph/ and seeds/ of the casus repository)".to_string(),
    }
}

impl Ctx {
    /// Where the graph comes from, for humans.
    pub fn origin(&self) -> String {
        // Overlays name what they extend: `mine` is the built-in graph + mine.
        if let Ok(units) = casus::load::resolve(&self.graph_refs()) {
            return units
                .into_iter()
                .map(|(name, _)| name)
                .collect::<Vec<_>>()
                .join(" + ");
        }
        if self.graph_dirs.len() > 1 {
            return self
                .graph_dirs
                .iter()
                .map(|d| origin_of(Some(d)))
                .collect::<Vec<_>>()
                .join(" + ");
        }
        origin_of(self.graph_dir.as_deref())
    }

    /// Loads the graph (or the graphs, merged; overlays with their bases),
    /// keeping the load error for commands that report it themselves.
    pub fn try_load(&self) -> Result<Result<casus::load::Loaded, casus::load::LoadError>, Failure> {
        casus::load::load_graphs(&self.graph_refs()).map_err(|e| overlay_failure(&e))
    }

    /// The graphs named by `--graph` (the built-in one when none is).
    pub fn graph_refs(&self) -> Vec<casus::load::GraphRef> {
        casus::load::GraphRef::list(&self.graph_dirs)
    }

    /// [`Ctx::try_load`] that loads and checks every source, the built-in
    /// graph's too (`casus validate`; other commands use the built-in
    /// graph prebuilt from its sources).
    pub fn try_load_checked(
        &self,
    ) -> Result<Result<casus::load::Loaded, casus::load::LoadError>, Failure> {
        casus::load::load_graphs_checked(&self.graph_refs()).map_err(|e| overlay_failure(&e))
    }

    /// Loads the graph, or fails with every diagnostic rendered (nothing
    /// is printed on stdout then).
    pub fn load(&self) -> Result<casus::load::Loaded, Failure> {
        self.try_load()?.map_err(|e| {
            let rendered = e.render(self.color.enabled_stderr());
            let hint = self.overlay_hint(&e).unwrap_or_default();
            Failure::new(EXIT_FAIL, format!("{rendered}error: {e}{hint}"))
        })
    }

    /// A directory loaded beside others whose ids it uses without saying
    /// it extends them: the way to load it *with* them.
    pub fn overlay_hint(&self, e: &casus::load::LoadError) -> Option<String> {
        if self.graph_dirs.len() < 2 {
            return None;
        }
        let plain = self.graph_dirs.iter().skip(1).find(|d| {
            d.is_dir() && !d.join(casus::load::MANIFEST).exists() && {
                let shown = d.display().to_string();
                e.diagnostics.iter().any(|g| {
                    g.file.starts_with(&shown)
                        && (g.message.contains("unknown actor")
                            || g.message.contains("undeclared relation type"))
                })
            }
        })?;
        Some(format!(
            "\n  hint: to use the ids of the graphs before it, {} must extend them: write {}/casus.toml with extends = [\"builtin\"] (what `casus init` writes)",
            plain.display(),
            plain.display()
        ))
    }
}

/// Runs the command line; returns the process exit code.
impl Command {
    /// Whether the command may write a file (the queries only print).
    fn may_write(&self) -> bool {
        !matches!(
            self,
            Command::Validate(_)
                | Command::Actors(_)
                | Command::Show(_)
                | Command::Facts(_)
                | Command::Timeline(_)
                | Command::Path(_)
                | Command::Neighbors(_)
                | Command::Members(_)
                | Command::CrossPressure(_)
                | Command::Brokers(_)
                | Command::Common(_)
                | Command::Completions(_)
        )
    }
}

/// Parses the command line with only the command it names built: a
/// query's start-up (building the arguments of all 26 commands is most
/// of clap's work, and of the heap touched before `main` does anything).
/// `None` when the first argument is not one of these commands, or when
/// the parse fails in any way (help, version, a usage error): the full
/// command line is parsed then, so that every message is the full one's.
/// A successful parse gives what the full one gives: the same argument
/// definitions ([`Globals`] and the command's `Args`) under the same names.
fn parse_one() -> Option<(Cli, clap::ArgMatches)> {
    use clap::Args as _;
    type Make = fn(&clap::ArgMatches) -> Result<Command, clap::Error>;
    let first = std::env::args_os().nth(1)?;
    macro_rules! one {
        ($($name:literal => $variant:ident($module:ident)),* $(,)?) => {
            match first.to_str()? {
                $($name => (
                    $module::Args::augment_args(clap::Command::new($name)),
                    (|m| $module::Args::from_arg_matches(m).map(Command::$variant)) as Make,
                ),)*
                _ => return None,
            }
        };
    }
    let (sub, make) = one!(
        "validate" => Validate(validate),
        "actors" => Actors(actors),
        "show" => Show(show),
        "path" => Path(path),
        "neighbors" => Neighbors(neighbors),
        "members" => Members(members),
        "cross-pressure" => CrossPressure(cross_pressure),
        "brokers" => Brokers(brokers),
        "common" => Common(common),
        "escalate" => Escalate(escalate),
        "facts" => Facts(facts),
        "timeline" => Timeline(timeline),
    );
    let root = Globals::augment_args(clap::Command::new("casus"))
        .subcommand(sub)
        .subcommand_required(true);
    let matches = root.try_get_matches().ok()?;
    let command = make(matches.subcommand()?.1).ok()?;
    let globals = Globals::from_arg_matches(&matches).ok()?;
    Some((Cli { globals, command }, matches))
}

pub fn main() -> u8 {
    let parsed = parse_one().map(Ok).unwrap_or_else(|| {
        Cli::command()
            .try_get_matches()
            .and_then(|m| Cli::from_arg_matches(&m).map(|c| (c, m)))
    });
    let (cli, matches) = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    if cli.command.may_write() {
        // Ctrl-C: no half-written output stays behind (see casus::atomic).
        // Installed only for commands that write files: the handler
        // starts a thread, a cost every query would pay at start-up.
        let _ = ctrlc::set_handler(|| {
            let _writes = casus::atomic::interrupted();
            eprintln!("interrupted: no output was left half-written");
            std::process::exit(130);
        });
    }
    if let Some(f) = unused_graph(&cli.command, &matches) {
        eprintln!("{}", f.message);
        return f.code;
    }
    let graphs = graph_list(&cli.globals.graph, &matches);
    let ctx = Ctx {
        graph_dir: graphs.first().cloned(),
        graph_dirs: graphs,
        color: cli.globals.color,
        quiet: cli.globals.quiet,
    };
    let result: CliResult = match cli.command {
        Command::Validate(a) => validate::run(&ctx, a),
        Command::Actors(a) => actors::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Facts(a) => facts::run(&ctx, a),
        Command::Timeline(a) => timeline::run(&ctx, a),
        Command::Path(a) => path::run(&ctx, a),
        Command::Neighbors(a) => neighbors::run(&ctx, a),
        Command::Members(a) => members::run(&ctx, a),
        Command::CrossPressure(a) => cross_pressure::run(&ctx, a),
        Command::Brokers(a) => brokers::run(&ctx, a),
        Command::Common(a) => common::run(&ctx, a),
        Command::Escalate(a) => escalate::run(&ctx, a),
        Command::Render(a) => render::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Extract(a) => extract::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
        Command::Import(a) => import::run(&ctx, a),
        Command::Generate(a) => generate::run(&ctx, a),
        Command::Init(a) => init::run(&ctx, a),
        Command::Add(a) => add::run(&ctx, a),
        Command::Remove(a) => remove::run(&ctx, a),
        Command::Edit(a) => edit::run(&ctx, a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
        Command::Backtest(a) => backtest::run(&ctx, a),
        Command::Calibrate(a) => calibrate::run(&ctx, a),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(f) if f.message.contains("Broken pipe") => EXIT_OK,
        Err(f) => {
            eprintln!("{}", f.message.trim_end());
            f.code
        }
    }
}

/// `CASUS_GRAPH` may list several graphs, separated as in `PATH`.
fn graph_list(given: &[PathBuf], matches: &clap::ArgMatches) -> Vec<PathBuf> {
    let from_env = matches
        .subcommand()
        .and_then(|(_, sub)| sub.value_source("graph"))
        .or_else(|| matches.value_source("graph"))
        == Some(clap::parser::ValueSource::EnvVariable);
    match given {
        [one] if from_env => std::env::split_paths(one).collect(),
        _ => given.to_vec(),
    }
}

/// `--graph` given on the command line to a command that reads no graph
/// is a usage error (from CASUS_GRAPH it is a default, and ignored there).
fn unused_graph(command: &Command, matches: &clap::ArgMatches) -> Option<Failure> {
    let name = match command {
        Command::Import(_) => "import",
        Command::Generate(_) => "generate",
        Command::Completions(_) => "completions",
        Command::Man(_) => "man",
        _ => return None,
    };
    let sub = matches.subcommand_matches(name)?;
    if sub.value_source("graph") != Some(clap::parser::ValueSource::CommandLine) {
        return None;
    }
    let hint = match name {
        "import" => "casus import reads data sets (--data DIR) and writes a new graph (-o DIR); load the result with `casus validate --graph DIR`",
        "generate" => "casus generate writes a new graph (-o DIR); load it with `casus validate --graph DIR`",
        _ => "drop --graph",
    };
    Some(Failure::new(
        EXIT_USAGE,
        format!("error: casus {name} reads no graph, so --graph would be ignored\n  hint: {hint}"),
    ))
}

/// A write error on a closed pipe is not a failure.
pub fn io_ok(r: std::io::Result<()>) -> CliResult {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::new(EXIT_FAIL, format!("error: {e}"))),
    }
}
