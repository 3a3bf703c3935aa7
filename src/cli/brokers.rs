//! `casus brokers`: who holds the friendly network together (betweenness
//! centrality), and which pairs each one bridges.

use super::filters::{describe, describe_walk, natural, relation_from, relation_tail, FilterArgs};
use super::output::{wrap, Failure, Format, Out, EXIT_FAIL};
use super::{io_ok, CliResult, Ctx};
use casus::query::{brokers, BrokerQuery, BrokersView, Filter, Walk};
use serde::Serialize;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Betweenness centrality (Brandes' algorithm) over the friendly \
subgraph: the relations whose type has sign friendly (ally, defence_pact, arms_supplier, \
member_of, leads, supports, economic_ties, ...), narrowed by the filters; parallel relations \
count as one tie. `normalized` is the share of pairs of other actors whose shortest friendly \
paths run through the broker (1.0: all of them). Each broker is listed with the pairs of its \
neighbours that have no direct friendly tie, and with its ties (their quotes are in --format \
json).\n\nExamples:\n  casus brokers\n  casus brokers --via alliance,membership --top 5\n  casus \
brokers --directed --format json\n\nExit codes: 0 success, 1 no broker under these filters, 2 \
usage error."
)]
pub struct Args {
    /// How many brokers to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Follow directed friendly relations only from subject to object (an
    /// arms supplier then links its clients to nobody). Default: every
    /// friendly tie both ways.
    #[arg(long)]
    directed: bool,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Report {
    filter: Filter,
    walk: Walk,
    #[serde(flatten)]
    brokers: BrokersView,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let filter = args.filter.filter(g)?;
    let walk = if args.directed {
        Walk::Directed
    } else {
        Walk::Undirected
    };
    let q = BrokerQuery {
        filter,
        walk,
        top: args.top,
    };
    let b = brokers(g, &q);
    let report = Report {
        filter: q.filter,
        walk,
        brokers: b.view(g),
    };
    let mut out = Out::new(ctx.color.enabled());
    let empty = report.brokers.brokers.is_empty();
    if args.format == Format::Json {
        io_ok(out.json(&report).and_then(|_| out.flush()))?;
    } else if !empty {
        io_ok(print(&mut out, &report).and_then(|_| out.flush()))?;
    }
    if empty {
        return Err(Failure::new(
            EXIT_FAIL,
            format!(
                "no actor lies between two others in the friendly network under these filters ({}; {})",
                describe(&report.filter),
                describe_walk(walk)
            ),
        ));
    }
    Ok(())
}

fn print(out: &mut Out, r: &Report) -> std::io::Result<()> {
    let st = out.style;
    let b = &r.brokers;
    out.line(format!(
        "Brokers of the friendly network: {} actors, {} friendly relations ({}; {})",
        b.actors,
        b.relations,
        describe_walk(r.walk),
        describe(&r.filter)
    ))?;
    for (i, k) in b.brokers.iter().enumerate() {
        out.line("")?;
        out.line(format!(
            "{:>2}. {} betweenness {:.3} (raw {:.1})",
            i + 1,
            st.bold(&k.actor.name),
            k.normalized,
            k.betweenness
        ))?;
        if k.bridged > 0 {
            let pairs: Vec<String> = k
                .bridges
                .iter()
                .map(|[x, y]| format!("{} / {}", x.name, y.name))
                .collect();
            let more = if k.bridged > pairs.len() {
                format!(", and {} more", k.bridged - pairs.len())
            } else {
                String::new()
            };
            let text = format!(
                "bridges {} pair{} with no direct friendly tie: {}{more}",
                k.bridged,
                if k.bridged == 1 { "" } else { "s" },
                pairs.join(", ")
            );
            out.line(format!("    {}", wrap(&text, 92, "      ")))?;
        }
        out.line(format!(
            "    {}",
            st.dim(&format!("ties ({}):", k.ties.len()))
        ))?;
        for t in &k.ties {
            out.line(format!(
                "      {}{}",
                relation_from(st, t, natural(t, &k.actor.id)),
                relation_tail(st, t)
            ))?;
        }
    }
    Ok(())
}
