//! `casus init DIR`: start a graph of one's own on top of the built-in
//! graph (or the `--graph` given).

use super::add::failure;
use super::output::Out;
use super::{io_ok, CliResult, Ctx};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus init mine                          # extends the built-in graph\n  casus init mine --graph world-2018       # extends an imported graph\n  casus validate --graph mine              # loads mine with what it extends\n  casus path pakistan armenia --graph builtin --graph mine\n\nDIR gets casus.toml (extends = [\"builtin\"]), actors.toml, sources.toml and relations.toml;\nit must not exist or be empty."
)]
pub struct Args {
    /// The directory to create.
    dir: PathBuf,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let bases = if ctx.graph_dirs.is_empty() {
        Vec::new()
    } else {
        ctx.graph_refs()
    };
    let files = casus::edit::init(&args.dir, &bases).map_err(|e| failure(ctx, &e))?;
    let mut out = Out::new(ctx.color.enabled());
    let extends: Vec<String> = if bases.is_empty() {
        vec!["the built-in graph".into()]
    } else {
        bases.iter().map(|b| b.describe()).collect()
    };
    let d = args.dir.display();
    io_ok(
        out.line(format!(
            "created {d} ({}), extending {}\n  next: casus add source ARTICLE --title T --date D --graph {d}",
            files.join(", "),
            extends.join(" and ")
        ))
        .and_then(|_| out.flush()),
    )
}
