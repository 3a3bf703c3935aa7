//! `casus path FROM TO`: how two actors are connected, hop by hop, with
//! the evidence for each hop.

use super::filters::{
    describe, describe_walk, relation_from, relation_lines, relation_tail, FilterArgs,
};
use super::output::{resolve, Failure, Format, Out, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::budget::{all_paths_estimate, Budget};
use casus::model::{ActorId, Graph};
use casus::query::{
    all_paths, k_shortest_paths, shortest_path_any, steps, Filter, PathQuery, PathView, Walk,
};
use casus::view::ActorRef;
use serde::Serialize;

/// How paths are ranked, printed in JSON so that scripts know.
const RANKING: &str = "fewest hops first; at equal length the higher sum of status strengths \
(confirmed 5, reported 4, claimed 3, alleged 2, considered 1, denied 0); then file order";

/// The `ranking` of `--any`: none.
const UNRANKED: &str = "none (--any): one shortest path, the first the search meets, \
not ranked by evidence";

/// `--max-hops` when `--all` is given without it.
const DEFAULT_ALL_HOPS: usize = 4;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Ranking: fewest hops first; among paths of equal length, the stronger \
evidence first (sum over hops of confirmed 5, reported 4, claimed 3, alleged 2, considered 1, \
denied 0).\n\nExamples:\n  casus path israel armenia\n  casus path israel armenia --via \
arms_supplier,attacks,at_war\n  casus path turkey armenia --k 3 --min-status reported\n  casus \
path russia turkey --all --max-hops 3 --format json\n  casus path israel armenia --via \
alliance,military_support --any\n\nExit codes: 0 a path was found, 1 no \
connection under these filters or unknown actor, 2 usage error."
)]
pub struct Args {
    /// Where the path starts: id, name or alias ("israel", "Azeri").
    from: String,
    /// Where it ends.
    to: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// Walk directed relations only from subject to object
    /// (`Israel --arms_supplier--> Azerbaijan` leads from Israel, not
    /// from Azerbaijan). Symmetric types (ally, at_war, borders, ...) are
    /// walked both ways regardless. Default: any relation either way,
    /// each hop printed with its real direction.
    #[arg(long)]
    directed: bool,
    /// The N best paths instead of the best one.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=1000), conflicts_with = "all")]
    k: u32,
    /// Every simple path (no actor twice) of at most --max-hops hops, ranked.
    #[arg(long)]
    all: bool,
    /// One shortest path, not ranked by evidence: the first the search
    /// meets, each hop the first relation allowed (the others are listed
    /// under it). As short as the best path, found faster on large graphs:
    /// for scripts that want a distance or whether two actors connect.
    #[arg(long, conflicts_with_all = ["all", "k"])]
    any: bool,
    /// No path longer than N hops (with --all: default 4).
    #[arg(long, value_name = "N")]
    max_hops: Option<usize>,
    /// With --all, stop after N paths (the output says when more exist).
    #[arg(long, value_name = "N", default_value_t = 200, requires = "all")]
    limit: usize,
    /// With --all, refuse a --limit whose paths may not fit in this much
    /// memory (e.g. 512M, 16G; default 4G or CASUS_MAX_MEMORY).
    #[arg(long, value_name = "SIZE", requires = "all", value_parser = casus::budget::parse_size)]
    max_memory: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Report {
    from: ActorRef,
    to: ActorRef,
    /// `best`, `k_best`, `any` or `all`.
    mode: &'static str,
    walk: Walk,
    max_hops: Option<usize>,
    filter: Filter,
    ranking: &'static str,
    /// `--all` stopped at `--limit`: more paths exist.
    truncated: bool,
    paths: Vec<PathView>,
}

/// Refuses, before loading anything, an `--all` request that cannot fit.
fn check_budget(args: &Args) -> CliResult {
    if !args.all {
        return Ok(());
    }
    let hops = args.max_hops.unwrap_or(DEFAULT_ALL_HOPS);
    let budget = args.max_memory.map_or_else(Budget::default, Budget);
    let what = format!("--all with --limit {} and --max-hops {hops}", args.limit);
    budget
        .check(what, all_paths_estimate(args.limit, hops))
        .map_err(|e| {
            Failure::new(
                EXIT_USAGE,
                format!("error: {e}\n  hint: lower --limit or --max-hops, or raise the bound with --max-memory (or CASUS_MAX_MEMORY) if the machine has the memory"),
            )
        })
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    check_budget(&args)?;
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let from = resolve(g, &args.from)?;
    let to = resolve(g, &args.to)?;
    let filter = args.filter.filter(g)?;
    if from == to {
        return Err(Failure::new(
            EXIT_USAGE,
            format!(
                "error: `{}` and `{}` are the same actor ({})\n  hint: `casus neighbors {}` lists its connections",
                args.from,
                args.to,
                g.actor(from).id,
                g.actor(from).id
            ),
        ));
    }
    let walk = if args.directed {
        Walk::Directed
    } else {
        Walk::Undirected
    };
    let max_hops = if args.all {
        Some(args.max_hops.unwrap_or(DEFAULT_ALL_HOPS))
    } else {
        args.max_hops
    };
    let q = PathQuery {
        filter: filter.clone(),
        walk,
        max_hops,
    };
    let (paths, truncated, mode) = if args.any {
        let one = shortest_path_any(g, from, to, &q);
        (one.into_iter().collect(), false, "any")
    } else if args.all {
        let all = all_paths(
            g,
            from,
            to,
            &q,
            max_hops.unwrap_or(DEFAULT_ALL_HOPS),
            args.limit,
        );
        (all.paths, all.truncated, "all")
    } else {
        let mode = if args.k == 1 { "best" } else { "k_best" };
        (
            k_shortest_paths(g, from, to, &q, args.k as usize),
            false,
            mode,
        )
    };
    let report = Report {
        from: ActorRef::new(g, from),
        to: ActorRef::new(g, to),
        mode,
        walk,
        max_hops,
        filter,
        ranking: if args.any { UNRANKED } else { RANKING },
        truncated,
        paths: paths.iter().map(|p| p.view(g, &q)).collect(),
    };
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        io_ok(out.json(&report).and_then(|_| out.flush()))?;
    } else if !report.paths.is_empty() {
        io_ok(print(&mut out, &report).and_then(|_| out.flush()))?;
    }
    if report.paths.is_empty() {
        let bound = max_hops
            .map(|m| format!(" within {m} hop{}", if m == 1 { "" } else { "s" }))
            .unwrap_or_default();
        let under = if report.filter.is_empty() {
            ""
        } else {
            " under these filters"
        };
        return Err(Failure::new(
            EXIT_FAIL,
            format!(
                "no connection between {} and {}{bound}{under} ({}; {})\n  hint: {}",
                report.from.name,
                report.to.name,
                describe(&report.filter),
                describe_walk(walk),
                why_none(g, &q, (from, to), &report, args.directed),
            ),
        ));
    }
    Ok(())
}

/// The hint of an empty answer: what keeps the two actors apart.
fn why_none(
    g: &Graph,
    q: &PathQuery,
    (from, to): (ActorId, ActorId),
    r: &Report,
    directed: bool,
) -> String {
    let walk = q.walk;
    let unfiltered = q.filter.is_empty();
    let under = if unfiltered {
        ""
    } else {
        " under these filters"
    };
    if steps(g, &q.filter, walk, false, from).next().is_none() {
        format!(
            "{} has no relation that can start a path{under}",
            r.from.name
        )
    } else if steps(g, &q.filter, walk, true, to).next().is_none() {
        format!("{} has no relation that can end a path{under}", r.to.name)
    } else if directed {
        "drop --directed to follow relations either way, or loosen the filters".to_string()
    } else if unfiltered && q.max_hops.is_none() {
        format!(
            "no chain of relations of any kind joins them: they are in separate parts of the graph (`casus neighbors {} --depth 3` shows what {} reaches)",
            g.actor(from).id, r.from.name
        )
    } else if unfiltered {
        "raise --max-hops (or drop it: the best path has no length limit)".to_string()
    } else {
        "loosen the filters (--via, --avoid, --min-status, --seed-only, --as-of) or raise --max-hops".to_string()
    }
}

fn print(out: &mut Out, r: &Report) -> std::io::Result<()> {
    let st = out.style;
    let n = r.paths.len();
    let what = match r.mode {
        "best" => "the best path".to_string(),
        "any" => "a shortest path, unranked".to_string(),
        "k_best" => format!("{n} best path{}", if n == 1 { "" } else { "s" }),
        _ => format!(
            "{n}{} simple path{} of at most {} hops",
            if r.truncated { "+" } else { "" },
            if n == 1 { "" } else { "s" },
            r.max_hops.unwrap_or(DEFAULT_ALL_HOPS)
        ),
    };
    out.line(format!(
        "{} to {}: {what} ({}; {})",
        st.bold(&r.from.name),
        st.bold(&r.to.name),
        describe_walk(r.walk),
        describe(&r.filter)
    ))?;
    for (i, p) in r.paths.iter().enumerate() {
        out.line("")?;
        let weakest = p
            .weakest
            .map(|s| format!(", weakest {s}"))
            .unwrap_or_default();
        let names: Vec<&str> = p.actors.iter().map(|a| a.name.as_str()).collect();
        out.line(st.bold(&format!(
            "{}. {} ({} hop{}, strength {}{weakest})",
            i + 1,
            names.join(" - "),
            p.hops,
            if p.hops == 1 { "" } else { "s" },
            p.strength
        )))?;
        for h in &p.steps {
            for l in relation_lines(st, &h.relation, &h.from.id, 3, r.filter.as_of) {
                out.line(l)?;
            }
            for a in &h.also {
                out.line(format!(
                    "       {} {}{}",
                    st.dim("also:"),
                    relation_from(st, a, &h.from.id),
                    relation_tail(st, a)
                ))?;
            }
        }
    }
    if r.truncated {
        out.line("")?;
        out.line(
            st.yellow("more paths exist: raise --limit, lower --max-hops, or narrow the filters"),
        )?;
    }
    Ok(())
}
