//! `casus cross-pressure`: actors with friendly ties to both sides of a
//! hostile pair.

use super::filters::{describe, natural, relation_from, relation_lines, relation_tail, FilterArgs};
use super::output::{resolve, Failure, Format, Out, EXIT_FAIL};
use super::{io_ok, CliResult, Ctx};
use casus::query::{cross_pressured, CrossPressureQuery, CrossPressureView, Filter};
use serde::Serialize;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "A hostile pair is two agents (states, people, organisations, armed \
groups) joined by a relation of hostile sign (attacks, at_war, rival, accuses, ...), either \
way. An actor is cross-pressured between them if it has a relation of friendly sign (ally, \
arms_supplier, member_of, economic_ties, ...) with each, either way.\n\nRanked by pressure: \
the weaker of the two pulls, a side's pull being the sum of the status strengths of the \
actor's ties with that side (confirmed 5, reported 4, claimed 3, alleged 2, considered 1, \
denied 0).\n\nExamples:\n  casus \
cross-pressure\n  casus cross-pressure --actor russia\n  casus cross-pressure --side armenia \
--side azerbaijan --min-status reported\n\nExit codes: 0 success, 1 none under these filters or \
unknown actor, 2 usage error."
)]
pub struct Args {
    /// Only this cross-pressured actor.
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// Only hostile pairs including this actor (give it twice for one pair).
    #[arg(long, value_name = "ACTOR")]
    side: Vec<String>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Report {
    filter: Filter,
    cross_pressured: Vec<CrossPressureView>,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let actor = args.actor.as_deref().map(|a| resolve(g, a)).transpose()?;
    let sides = args
        .side
        .iter()
        .map(|s| resolve(g, s))
        .collect::<Result<Vec<_>, _>>()?;
    let filter = args.filter.filter(g)?;
    let q = CrossPressureQuery {
        filter,
        actor,
        sides,
    };
    let found = cross_pressured(g, &q);
    let report = Report {
        filter: q.filter,
        cross_pressured: found.iter().map(|c| c.view(g)).collect(),
    };
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        io_ok(out.json(&report).and_then(|_| out.flush()))?;
    } else if !found.is_empty() {
        io_ok(print(&mut out, &report).and_then(|_| out.flush()))?;
    }
    if found.is_empty() {
        return Err(Failure::new(
            EXIT_FAIL,
            format!(
                "no cross-pressured actor under these filters ({})",
                describe(&report.filter)
            ),
        ));
    }
    Ok(())
}

fn print(out: &mut Out, r: &Report) -> std::io::Result<()> {
    let st = out.style;
    let n = r.cross_pressured.len();
    out.line(format!(
        "{n} cross-pressured actor{} and hostile pair{} ({})",
        if n == 1 { "" } else { "s" },
        if n == 1 { "" } else { "s" },
        describe(&r.filter)
    ))?;
    for (i, c) in r.cross_pressured.iter().enumerate() {
        out.line("")?;
        out.line(format!(
            "{}. {} between {} and {} (pressure {}: pulls {} and {})",
            i + 1,
            st.bold(&c.actor.name),
            st.bold(&c.sides[0].name),
            st.bold(&c.sides[1].name),
            c.pressure,
            c.pulls[0],
            c.pulls[1]
        ))?;
        out.line(format!("   {}", st.dim("hostile:")))?;
        for h in &c.hostility {
            out.line(format!(
                "     {}{}",
                relation_from(st, h, natural(h, &c.sides[0].id)),
                relation_tail(st, h)
            ))?;
        }
        for (side, ties) in c.sides.iter().zip(&c.ties) {
            out.line(format!(
                "   {}",
                st.dim(&format!("ties with {}:", side.name))
            ))?;
            for t in ties {
                for l in relation_lines(st, t, natural(t, &c.actor.id), 5, r.filter.as_of) {
                    out.line(l)?;
                }
            }
        }
    }
    Ok(())
}
