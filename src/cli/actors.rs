//! `casus actors`: list actors.

use super::output::{Failure, Format, Out, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::model::ActorKind;
use serde::Serialize;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only actors of this kind: state, person, organisation, armed_group,
    /// territory, place or conflict.
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    kind: ActorKind,
    aliases: &'a [String],
    iso3: Option<&'a str>,
    cow: Option<u16>,
    recognised: bool,
    relations: usize,
    description: Option<&'a str>,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let kind = match &args.kind {
        None => None,
        Some(k) => Some(ActorKind::parse(k).ok_or_else(|| {
            let all: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
            let hint = match casus::load::did_you_mean(k, all.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? (use one of {})", all.join(", ")),
                None => format!("use one of {}", all.join(", ")),
            };
            Failure::new(
                EXIT_USAGE,
                format!("error: unknown kind `{k}`\n  hint: {hint}"),
            )
        })?),
    };
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let rows: Vec<Row> = g
        .actor_ids()
        .map(|id| (id, g.actor(id)))
        .filter(|(_, a)| kind.is_none_or(|k| a.kind == k))
        .map(|(id, a)| Row {
            id: &a.id,
            name: &a.name,
            kind: a.kind,
            aliases: &a.aliases,
            iso3: a.iso3.as_deref(),
            cow: a.cow,
            recognised: a.recognised,
            relations: g.relations_of(id).count(),
            description: a.description.as_deref(),
        })
        .collect();
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        return io_ok(out.json(&rows).and_then(|_| out.flush()));
    }
    let st = out.style;
    let wid = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let wname = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let res: std::io::Result<()> = (|| {
        for r in &rows {
            let codes = match (r.iso3, r.cow) {
                (Some(i), Some(c)) => format!("{i} {c:>3}"),
                (Some(i), None) => i.to_string(),
                (None, Some(c)) => format!("    {c:>3}"),
                _ => String::new(),
            };
            out.line(format!(
                "{:<wid$}  {:<wname$}  {:<12}  {:<7}  {:>3} rel.",
                r.id,
                r.name,
                r.kind.as_str(),
                codes,
                r.relations
            ))?;
        }
        out.line(st.dim(&format!(
            "{} actor{}",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        )))?;
        out.flush()
    })();
    io_ok(res)
}
