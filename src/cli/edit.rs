//! `casus edit`: change one field of an actor, relation, document or
//! reference of one's own graph.

use super::add::{failure, target};
use super::output::{Failure, Out, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::edit::{FieldEdit, ItemKind};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus edit relation arms-supplier-pakistan-azerbaijan-2018 status alleged --graph mine\n  casus edit relation arms-supplier-pakistan-azerbaijan-2018 note --unset --graph mine\n  casus edit actor pakistan aliases \"Pakistani,Islamabad\" --graph mine\n\nLists (aliases, systems, support, ...) are given comma-separated; evidence as TOML.\nThe whole graph is loaded with the change before the file is rewritten."
)]
pub struct Args {
    #[arg(value_enum)]
    kind: KindArg,
    /// The actor's, document's or reference's id; the relation's key.
    id: String,
    /// The field (docs/format.md): status, note, since, name, aliases, ...
    field: String,
    /// The new value.
    #[arg(required_unless_present = "unset")]
    value: Option<String>,
    /// Remove the field instead.
    #[arg(long, conflicts_with = "value")]
    unset: bool,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum KindArg {
    Actor,
    Relation,
    Document,
    Reference,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let (bases, dir) = target(ctx)?;
    let kind = match args.kind {
        KindArg::Actor => ItemKind::Actor,
        KindArg::Relation => ItemKind::Relation,
        KindArg::Document => ItemKind::Document,
        KindArg::Reference => ItemKind::Reference,
    };
    if matches!(args.field.as_str(), "id" | "key") {
        return Err(Failure::new(
            EXIT_USAGE,
            format!("error: casus edit does not change an item's {}\n  hint: others may cite it; add a new one and remove the old one", args.field),
        ));
    }
    let e = FieldEdit {
        kind,
        id: args.id,
        field: args.field,
        value: args.value,
    };
    let file = casus::edit::edit_field(&bases, &dir, &e).map_err(|err| failure(ctx, &err))?;
    let what = match &e.value {
        Some(v) => format!("set {} = {v:?}", e.field),
        None => format!("removed {}", e.field),
    };
    let mut out = Out::new(ctx.color.enabled());
    io_ok(
        out.line(format!(
            "{what} on `{}` in {}",
            e.id,
            dir.join(file).display()
        ))
        .and_then(|_| out.flush()),
    )
}
