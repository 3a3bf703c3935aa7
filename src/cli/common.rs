//! `casus common A B`: what two actors share, and how they relate directly.

use super::filters::{describe, natural, relation_lines, FilterArgs};
use super::output::{resolve, Failure, Format, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::query::{common_ties, CommonView, Direction, Filter};
use serde::Serialize;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Lists the relations between the two actors, then every third actor \
related to both: first those both relate to the same way (both members of it, both supplied \
by it, both allied with it), then the others, strongest evidence first.\n\nExamples:\n  casus \
common armenia azerbaijan\n  casus common armenia belarus --via membership\n  casus common \
france turkey --min-status confirmed --format json\n\nExit codes: 0 success, 1 nothing shared \
under these filters or unknown actor, 2 usage error."
)]
pub struct Args {
    /// The first actor: id, name or alias.
    a: String,
    /// The second actor.
    b: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Report {
    filter: Filter,
    #[serde(flatten)]
    common: CommonView,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let a = resolve(g, &args.a)?;
    let b = resolve(g, &args.b)?;
    if a == b {
        return Err(Failure::new(
            EXIT_USAGE,
            format!(
                "error: `{}` and `{}` are the same actor ({})",
                args.a,
                args.b,
                g.actor(a).id
            ),
        ));
    }
    let filter = args.filter.filter(g)?;
    let c = common_ties(g, a, b, &filter);
    let empty = c.direct.is_empty() && c.common.is_empty();
    let report = Report {
        filter,
        common: c.view(g),
    };
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        io_ok(out.json(&report).and_then(|_| out.flush()))?;
    } else if !empty {
        io_ok(print(&mut out, &report).and_then(|_| out.flush()))?;
    }
    if empty {
        return Err(Failure::new(
            EXIT_FAIL,
            format!(
                "{} and {} share nothing under these filters ({})",
                report.common.pair[0].name,
                report.common.pair[1].name,
                describe(&report.filter)
            ),
        ));
    }
    Ok(())
}

fn shared_label(rtype: &str, d: Direction) -> String {
    match d {
        Direction::Out => format!("both --{rtype}--> it"),
        Direction::In => format!("it --{rtype}--> both"),
        Direction::Mutual => format!("both <--{rtype}--> it"),
    }
}

fn print(out: &mut Out, r: &Report) -> std::io::Result<()> {
    let st = out.style;
    let c = &r.common;
    let [a, b] = &c.pair;
    out.line(format!(
        "{} and {}: {} direct relation{}, {} actor{} related to both ({})",
        st.bold(&a.name),
        st.bold(&b.name),
        c.direct.len(),
        if c.direct.len() == 1 { "" } else { "s" },
        c.common.len(),
        if c.common.len() == 1 { "" } else { "s" },
        describe(&r.filter)
    ))?;
    if !c.direct.is_empty() {
        out.line("")?;
        out.line(st.bold("Directly"))?;
        for rel in &c.direct {
            for l in relation_lines(st, rel, natural(rel, &a.id), 2, r.filter.as_of) {
                out.line(l)?;
            }
        }
    }
    let (same, other): (Vec<_>, Vec<_>) = c.common.iter().partition(|t| !t.shared.is_empty());
    for (title, list) in [("Shared ties", same), ("Also related to both", other)] {
        if list.is_empty() {
            continue;
        }
        out.line("")?;
        out.line(st.bold(&format!("{title} ({})", list.len())))?;
        for t in list {
            let labels: Vec<String> = t
                .shared
                .iter()
                .map(|s| shared_label(&s.rtype, s.direction))
                .collect();
            let label = if labels.is_empty() {
                String::new()
            } else {
                format!(": {}", labels.join(", "))
            };
            out.line(format!("  {}{}", st.bold(&t.actor.name), st.dim(&label)))?;
            for (side, rels) in c.pair.iter().zip(&t.ties) {
                for rel in rels {
                    for l in relation_lines(st, rel, natural(rel, &side.id), 4, r.filter.as_of) {
                        out.line(l)?;
                    }
                }
            }
        }
    }
    Ok(())
}
