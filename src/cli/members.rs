//! `casus members ACTOR`: an organisation's members and leaders, and the
//! organisations an actor belongs to or leads.

use super::filters::{describe, natural, relation_lines, FilterArgs};
use super::output::{resolve, Failure, Format, Out, EXIT_FAIL};
use super::{io_ok, CliResult, Ctx};
use casus::query::{memberships, Filter, MembershipsView, TieView};
use serde::Serialize;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Reads the `member_of` and `leads` relations both ways: for an \
organisation, its members and who leads it; for a state, the organisations it belongs to and \
those it leads.\n\nExamples:\n  casus members csto\n  casus members armenia\n  casus members \
nato --format json\n\nExit codes: 0 success, 1 no membership under these filters or unknown \
actor, 2 usage error."
)]
pub struct Args {
    /// The organisation or member: id, name or alias.
    actor: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Report {
    filter: Filter,
    /// Members the graph records with no filter: the list is only what
    /// the sources name, never a complete roll.
    members_in_graph: usize,
    #[serde(flatten)]
    memberships: MembershipsView,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let a = resolve(g, &args.actor)?;
    let filter = args.filter.filter(g)?;
    let m = memberships(g, a, &filter);
    let empty = m.is_empty();
    let members_in_graph = memberships(g, a, &Filter::default()).members.len();
    let report = Report {
        filter,
        members_in_graph,
        memberships: m.view(g),
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
                "{} has no member_of or leads relation under these filters ({})",
                report.memberships.actor.name,
                describe(&report.filter)
            ),
        ));
    }
    Ok(())
}

fn print(out: &mut Out, r: &Report) -> std::io::Result<()> {
    let st = out.style;
    let m = &r.memberships;
    out.line(format!(
        "{} ({}), {} ({})",
        st.bold(&m.actor.name),
        m.actor.id,
        m.actor.kind,
        describe(&r.filter)
    ))?;
    let sections: [(&str, &[TieView]); 4] = [
        ("Members", &m.members),
        ("Led by", &m.led_by),
        ("Member of", &m.member_of),
        ("Leads", &m.leads),
    ];
    for (title, ties) in sections {
        if ties.is_empty() {
            continue;
        }
        out.line("")?;
        out.line(st.bold(&format!("{title} ({})", ties.len())))?;
        for t in ties {
            for l in relation_lines(
                st,
                &t.relation,
                natural(&t.relation, &m.actor.id),
                2,
                r.filter.as_of,
            ) {
                out.line(l)?;
            }
        }
    }
    if !m.members.is_empty() {
        let total = r.members_in_graph;
        let filtered = if total == m.members.len() {
            String::new()
        } else {
            format!(" ({} of them under these filters)", m.members.len())
        };
        out.line("")?;
        out.line(st.dim(&format!(
            "note: the graph records {total} membership{} of {} in all{filtered}: only the members its sources name, not a complete membership roll",
            if total == 1 { "" } else { "s" },
            m.actor.name
        )))?;
    }
    Ok(())
}
