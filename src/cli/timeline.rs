//! `casus timeline ACTOR`: what happened to or around an actor, in date
//! order (the same as `casus facts --actor ACTOR`).

use super::facts::show;
use super::filters::FilterArgs;
use super::output::{resolve, Format};
use super::{CliResult, Ctx};
use casus::query::FactQuery;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Every fact the actor takes part in (either end) or that happened at it \
(a place), sorted by the date it began, else the date it was first known; standing facts \
without a date come last.\n\nExamples:\n  casus timeline armenia\n  casus timeline ganja\n  \
casus timeline turkey --min-status reported --format json\n\nExit codes: 0 success, 1 no fact \
or unknown actor, 2 usage error."
)]
pub struct Args {
    /// The actor: id, name or alias.
    actor: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let a = resolve(g, &args.actor)?;
    let q = FactQuery {
        filter: args.filter.filter(g)?,
        actor: Some(a),
        ..FactQuery::default()
    };
    let title = format!("Timeline of {}", g.actor(a).name);
    show(ctx, g, &q, args.format, Some(title))
}
