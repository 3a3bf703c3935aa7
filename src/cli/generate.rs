//! `casus generate`: write a synthetic world-scale graph (for benchmarks).

use super::output::{Failure, EXIT_FAIL, EXIT_USAGE};
use super::progress::Progress;
use super::{CliResult, Ctx};
use casus::budget::Budget;
use casus::generate::{self, Params};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Number of relations, exactly (1k to 1M is the tested range).
    #[arg(long, value_name = "M")]
    relations: usize,
    /// Number of actors (default: one per ten relations, at least 30).
    #[arg(long, value_name = "N")]
    actors: Option<usize>,
    /// Seed: the same seed gives the same graph, byte for byte.
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    /// Directory to write the graph to (created; must be new or empty).
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    out: PathBuf,
    /// Replace an earlier output of casus there (a directory holding its
    /// .casus-written marker and nothing else).
    #[arg(long)]
    force: bool,
    /// Refuse worlds whose estimated memory exceeds this (e.g. 512M, 16G;
    /// default 4G or CASUS_MAX_MEMORY).
    #[arg(long, value_name = "SIZE", value_parser = casus::budget::parse_size)]
    max_memory: Option<u64>,
    /// File layout: `toml` (hand-editable, the default) or `bulk` (actors
    /// and relations as TSV tables, for big graphs; see docs/format.md).
    #[arg(long, value_enum, default_value_t = Layout::Toml)]
    format: Layout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    Toml,
    Bulk,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let params = match args.actors {
        Some(n) => Params::new(n, args.relations),
        None => Params::with_relations(args.relations),
    };
    params
        .check()
        .map_err(|e| Failure::new(EXIT_USAGE, format!("error: {e}")))?;
    let budget = args.max_memory.map_or_else(Budget::default, Budget);
    budget
        .check(
            format!("generating {} relations", params.relations),
            params.memory_estimate(),
        )
        .map_err(|e| {
            Failure::new(
                EXIT_USAGE,
                format!("error: {e}\n  hint: ask for fewer relations, or raise the bound with --max-memory (or CASUS_MAX_MEMORY) if the machine has the memory"),
            )
        })?;
    casus::atomic::check_output_dir(&args.out, args.force)
        .map_err(|e| Failure::new(EXIT_USAGE, format!("error: {e}\n  hint: {}", e.hint())))?;
    let bar = Progress::spinner(
        ctx.quiet,
        &format!("generating {} relations", args.relations),
    );
    let g = generate::world(&params, args.seed);
    bar.step(&format!("writing {}", args.out.display()));
    let files = match args.format {
        Layout::Toml => generate::toml_files(&g),
        Layout::Bulk => generate::bulk_files(&g),
    };
    generate::write_files(&args.out, &files).map_err(|e| {
        Failure::new(
            EXIT_FAIL,
            format!("error: cannot write {}: {e}", args.out.display()),
        )
    })?;
    bar.finish();
    eprintln!(
        "wrote {} actors, {} relations, {} treaties (seed {}) to {} in {} files",
        g.actors.len(),
        g.relations.len(),
        g.treaties.len(),
        args.seed,
        args.out.display(),
        files.len()
    );
    Ok(())
}
