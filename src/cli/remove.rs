//! `casus remove relation KEY`: take a relation out of one's own graph.

use super::add::{failure, target};
use super::output::Out;
use super::{io_ok, CliResult, Ctx};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus remove relation arms-supplier-pakistan-azerbaijan-2018 --graph mine\n\nOnly relations of the directory itself (the last --graph DIR) can be removed; the\nwhole graph is loaded without it before the file is rewritten."
)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Remove the relation with this key (`casus facts --format json` lists keys).
    Relation { key: String },
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let (bases, dir) = target(ctx)?;
    let What::Relation { key } = args.what;
    let file = casus::edit::remove_relation(&bases, &dir, &key).map_err(|e| failure(ctx, &e))?;
    let mut out = Out::new(ctx.color.enabled());
    io_ok(
        out.line(format!(
            "removed relation `{key}` from {}",
            dir.join(file).display()
        ))
        .and_then(|_| out.flush()),
    )
}
