//! `casus export`: the graph, or an actor's ego network, in the formats
//! analysts' tools read (GraphML, GEXF, Cypher, neo4j-admin CSV,
//! FollowTheMoney, CSV tables, JSON), on stdout or into a file or directory.

use super::filters::FilterArgs;
use super::output::{resolve, Failure, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::export::{self, Format};
use casus::load::GraphRef;
use casus::render::RenderOptions;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus export --format graphml -o casus.graphml            # Gephi, NetworkX, igraph, yEd\n  casus export --format gexf -o casus.gexf                  # Gephi, with the timeline\n  casus export --format cypher -o casus.cypher              # cypher-shell -f casus.cypher\n  casus export --format neo4j-csv -o neo4j-import/          # neo4j-admin database import full\n  casus export --format ftm -o casus.ftm.json               # ftm validate, Aleph\n  casus export --format csv -o tables/                      # actors.csv, facts.csv\n  casus export --format json --focus armenia --depth 1 --min-status reported\n  casus export --format toml -o my-graph/                    # the built-in graph as editable files\n\nneo4j-csv and csv write two files each and need -o DIR (toml a directory of files); the others go to stdout without -o.\nA CSV cell a spreadsheet would run as a formula (=, +, -, @) starts with a ' in the csv tables."
)]
pub struct Args {
    /// The format: graphml, gexf, cypher, neo4j-csv, ftm, csv, json or toml.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: FormatArg,
    /// Export only the actors within --depth steps of this actor and the
    /// relations among them.
    #[arg(long, value_name = "ACTOR")]
    focus: Option<String>,
    /// Steps around --focus.
    #[arg(long, value_name = "N", default_value_t = 1)]
    depth: usize,
    #[command(flatten)]
    filter: FilterArgs,
    /// Write to FILE (or, for neo4j-csv and csv, into the directory DIR,
    /// created if missing; files of other names in it are left alone).
    #[arg(short, long, value_name = "FILE|DIR")]
    output: Option<PathBuf>,
    /// With --format toml: replace a directory an earlier export wrote.
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    Graphml,
    Gexf,
    Cypher,
    #[value(name = "neo4j-csv")]
    Neo4jCsv,
    Ftm,
    Csv,
    Json,
    /// The built-in graph as editable TOML files with its seeds (-o DIR).
    Toml,
}

impl FormatArg {
    /// The library's format; `None` for `toml`, which copies files.
    fn format(self) -> Option<Format> {
        Some(match self {
            FormatArg::Graphml => Format::Graphml,
            FormatArg::Gexf => Format::Gexf,
            FormatArg::Cypher => Format::Cypher,
            FormatArg::Neo4jCsv => Format::Neo4jCsv,
            FormatArg::Ftm => Format::Ftm,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Toml => return None,
        })
    }
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let Some(format) = args.format.format() else {
        return export_toml(ctx, &args);
    };
    if format.is_directory() && args.output.is_none() {
        return Err(Failure::new(
            EXIT_USAGE,
            format!(
                "error: --format {} writes two files\n  hint: name a directory for them with -o DIR",
                format.as_str()
            ),
        ));
    }
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let mut opts = RenderOptions {
        filter: args.filter.filter(g)?,
        depth: args.depth,
        ..RenderOptions::default()
    };
    if let Some(f) = &args.focus {
        opts.focus = vec![resolve(g, f)?];
    }
    let sel = export::selection(g, &opts);
    let out = export::export(g, &sel, format);
    match &args.output {
        None => {
            let mut o = Out::new(false);
            let text = &out.files[0].1;
            io_ok(o.line(text.trim_end()).and_then(|_| o.flush()))
        }
        Some(path) if format.is_directory() => write_dir(path, &out.files),
        Some(path) => write(path, out.files[0].1.as_bytes()),
    }?;
    if let Some(path) = &args.output {
        eprintln!(
            "wrote {} ({} actors, {} relations, {})",
            path.display(),
            sel.actors.len(),
            sel.relations.len(),
            format.as_str()
        );
    }
    Ok(())
}

/// `--format toml`: the built-in graph's files into a new directory.
fn export_toml(ctx: &Ctx, args: &Args) -> CliResult {
    let Some(dir) = &args.output else {
        return Err(Failure::new(
            EXIT_USAGE,
            "error: --format toml writes a directory of files\n  hint: name it with -o DIR",
        ));
    };
    let builtin_only = ctx
        .graph_dirs
        .iter()
        .all(|d| GraphRef::parse(d) == GraphRef::Builtin);
    if !builtin_only || args.focus.is_some() {
        return Err(Failure::new(EXIT_USAGE, "error: --format toml writes the whole built-in graph as it is written\n  hint: a graph directory is editable files already; drop --graph and --focus"));
    }
    casus::atomic::check_output_dir(dir, args.force)
        .map_err(|e| Failure::new(EXIT_FAIL, format!("error: {e}\n  hint: {}", e.hint())))?;
    let files = export::toml::builtin_files();
    casus::atomic::write_output_dir(dir, &files, |tmp| -> std::io::Result<()> {
        let refs = [GraphRef::Dir(tmp.to_path_buf())];
        match casus::load::load_graphs(&refs).map_err(std::io::Error::other)? {
            Ok(_) => Ok(()),
            Err(e) => Err(std::io::Error::other(format!(
                "the exported graph does not load: {e}"
            ))),
        }
    })
    .map_err(|e| cannot_write(dir, e))?;
    eprintln!(
        "wrote {} ({} files: the built-in graph's TOML with its seeds; load it with --graph {})",
        dir.display(),
        files.len(),
        dir.display()
    );
    Ok(())
}

fn cannot_write(path: &Path, e: std::io::Error) -> Failure {
    Failure::new(
        EXIT_FAIL,
        format!("error: cannot write `{}`: {e}", path.display()),
    )
}

fn write(path: &Path, bytes: &[u8]) -> CliResult {
    casus::atomic::write_file(path, bytes).map_err(|e| cannot_write(path, e))
}

/// A new directory appears whole; in an existing one each file is
/// replaced atomically and nothing else is touched.
fn write_dir(dir: &Path, files: &[(String, String)]) -> CliResult {
    if dir.is_dir() {
        for (name, text) in files {
            write(&dir.join(name), text.as_bytes())?;
        }
        return Ok(());
    }
    if dir.exists() {
        return Err(Failure::new(
            EXIT_USAGE,
            format!(
                "error: `{}` is a file\n  hint: this format writes two files: name a directory",
                dir.display()
            ),
        ));
    }
    casus::atomic::replace_dir(dir, |tmp| -> std::io::Result<()> {
        for (name, text) in files {
            std::fs::write(tmp.join(name), text)?;
        }
        Ok(())
    })
    .map_err(|e| cannot_write(dir, e))
}
