//! `casus neighbors ACTOR`: the ego network, ring by ring, grouped by
//! relation type and direction.

use super::filters::{describe, evidence_lines, relation_tail, FilterArgs};
use super::output::{resolve, Failure, Format, Out, EXIT_FAIL};
use super::{io_ok, CliResult, Ctx};
use casus::query::{neighbors, same_ring_ties, Filter, NeighborhoodView};
use casus::view::RelationView;
use serde::Serialize;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Ring d lists every relation between an actor d-1 hops away and one d \
hops away, under its type and its direction seen from the nearer actor (--> out, <-- in, <-> \
symmetric). Relations are followed either way.\n\nExamples:\n  casus neighbors israel\n  casus \
neighbors armenia --via alliance,membership --depth 2\n  casus neighbors turkey --as-of \
2020-09-28 --min-status reported --format json\n\nExit codes: 0 success, 1 no relation under \
these filters or unknown actor, 2 usage error."
)]
pub struct Args {
    /// The actor: id, name or alias.
    actor: String,
    /// How many hops out to go.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=10))]
    depth: u32,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Report {
    depth: u32,
    filter: Filter,
    #[serde(flatten)]
    neighborhood: NeighborhoodView,
    /// Relations between two actors of the same ring: not in the rings.
    same_ring: Vec<RelationView>,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let a = resolve(g, &args.actor)?;
    let filter = args.filter.filter(g)?;
    let n = neighbors(g, a, args.depth as usize, &filter);
    let same_ring = same_ring_ties(g, &n, &filter)
        .into_iter()
        .map(|r| RelationView::new(g, r))
        .collect();
    let report = Report {
        depth: args.depth,
        filter,
        neighborhood: n.view(g),
        same_ring,
    };
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        io_ok(out.json(&report).and_then(|_| out.flush()))?;
    } else if !report.neighborhood.rings.is_empty() {
        io_ok(print(&mut out, &report).and_then(|_| out.flush()))?;
    }
    if report.neighborhood.rings.is_empty() {
        return Err(Failure::new(
            EXIT_FAIL,
            format!(
                "{} has no relation under these filters ({})",
                report.neighborhood.center.name,
                describe(&report.filter)
            ),
        ));
    }
    Ok(())
}

fn print(out: &mut Out, r: &Report) -> std::io::Result<()> {
    let st = out.style;
    let n = &r.neighborhood;
    out.line(format!(
        "{} ({}): {} actor{} within {} hop{}, {} relation{} ({})",
        st.bold(&n.center.name),
        n.center.id,
        n.actors,
        if n.actors == 1 { "" } else { "s" },
        r.depth,
        if r.depth == 1 { "" } else { "s" },
        n.relations,
        if n.relations == 1 { "" } else { "s" },
        describe(&r.filter)
    ))?;
    for ring in &n.rings {
        out.line("")?;
        out.line(st.bold(&format!(
            "{} hop{} away ({} actor{})",
            ring.distance,
            if ring.distance == 1 { "" } else { "s" },
            ring.actors.len(),
            if ring.actors.len() == 1 { "" } else { "s" }
        )))?;
        for group in &ring.groups {
            out.line(format!(
                "  {} {}",
                st.cyan(&group.rtype),
                st.dim(&format!("({})", group.links.len()))
            ))?;
            for l in &group.links {
                let near = if ring.distance == 1 {
                    String::new()
                } else {
                    format!("{} ", l.near.name)
                };
                out.line(format!(
                    "    {near}{} {}{}",
                    group.direction.arrow(),
                    st.bold(&l.far.name),
                    relation_tail(st, &l.relation)
                ))?;
                for e in evidence_lines(&l.relation, r.filter.as_of) {
                    out.line(format!("        {}", st.dim(&e)))?;
                }
            }
        }
    }
    if let Some(first) = r.same_ring.first() {
        let k = r.same_ring.len();
        out.line("")?;
        out.line(st.dim(&format!(
            "not listed: {k} relation{} between two actors of the same ring, e.g. {} --{}-- {}; `casus common {} {}` shows a pair's relations, --format json lists them all",
            if k == 1 { "" } else { "s" },
            first.from.name,
            first.rtype,
            first.to.name,
            first.from.id,
            first.to.id,
        )))?;
    }
    Ok(())
}
