//! `casus validate`: load, check, summarise.

use super::output::{Failure, Format, Out, EXIT_FAIL};
use super::{io_ok, CliResult, Ctx};
use casus::view::Summary;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let origin = ctx.origin();
    let loaded = ctx.try_load_checked()?;
    let mut out = Out::new(ctx.color.enabled());
    match loaded {
        Ok(loaded) => {
            let s = Summary::new(&loaded.graph);
            if args.format == Format::Json {
                let mut v = serde_json::json!({
                    "ok": true,
                    "graph": origin,
                    "summary": s,
                    "diagnostics": loaded.warnings,
                });
                if let Some(m) = &loaded.merge {
                    v["merge"] = serde_json::json!(m);
                }
                return io_ok(out.json(&v).and_then(|_| out.flush()));
            }
            if !loaded.warnings.is_empty() {
                eprint!(
                    "{}",
                    casus::load::render_diagnostics(
                        &loaded.warnings,
                        &loaded.sources,
                        ctx.color.enabled_stderr()
                    )
                );
            }
            io_ok(
                print_summary(&mut out, &origin, &s, loaded.warnings.len())
                    .and_then(|_| match &loaded.merge {
                        Some(m) => print_merge(&mut out, m),
                        None => Ok(()),
                    })
                    .and_then(|_| out.flush()),
            )
        }
        Err(e) => {
            if args.format == Format::Json {
                let v = serde_json::json!({
                    "ok": false,
                    "graph": origin,
                    "diagnostics": e.diagnostics,
                });
                io_ok(out.json(&v).and_then(|_| out.flush()))?;
                return Err(Failure::new(EXIT_FAIL, format!("error: {e}")));
            }
            let rendered = e.render(ctx.color.enabled_stderr());
            let hint = ctx.overlay_hint(&e).unwrap_or_default();
            Err(Failure::new(
                EXIT_FAIL,
                format!("{rendered}error: {e}{hint}"),
            ))
        }
    }
}

fn counts(m: &indexmap::IndexMap<String, usize>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_summary(out: &mut Out, origin: &str, s: &Summary, warnings: usize) -> std::io::Result<()> {
    let st = out.style;
    out.line(format!("{} {origin}", st.bold("graph:")))?;
    out.line(format!(
        "{} {} ({})",
        st.bold("actors:"),
        s.actors,
        counts(&s.actors_by_kind)
    ))?;
    out.line(format!("{} {}", st.bold("relations:"), s.relations))?;
    out.line(format!("  by status: {}", counts(&s.relations_by_status)))?;
    out.line("  by type:")?;
    let width = s
        .relations_by_type
        .keys()
        .map(|k| k.len())
        .max()
        .unwrap_or(0);
    for (k, v) in &s.relations_by_type {
        out.line(format!("    {k:<width$}  {v:>4}"))?;
    }
    out.line(format!("{} {}", st.bold("treaties:"), s.treaties))?;
    out.line(format!(
        "{} {} seed documents ({} quotes checked verbatim), {} references ({} background citations{})",
        st.bold("sources:"),
        s.documents,
        s.seed_quotes,
        s.references,
        s.background_citations,
        if s.dataset_citations > 0 { format!(", {} data-set rows", s.dataset_citations) } else { String::new() }
    ))?;
    if warnings == 0 {
        out.line(st.green("ok: no problems found"))
    } else {
        out.line(st.yellow(&format!(
            "ok, with {warnings} warning{} (on stderr)",
            if warnings == 1 { "" } else { "s" }
        )))
    }
}

fn print_merge(out: &mut Out, m: &casus::load::MergeSummary) -> std::io::Result<()> {
    let st = out.style;
    out.line(format!(
        "{} {} graphs; actors found in an earlier graph: {} by COW code, {} by ISO code, {} by alliance id, {} by same_as, {} by id; {} renamed (id taken by a different actor); {} relations given by two graphs joined; {} conflicting relations kept side by side{}",
        st.bold("merged:"),
        m.graphs.len(),
        m.actors_by_cow,
        m.actors_by_iso3,
        m.actors_by_alliance,
        m.actors_by_same_as,
        m.actors_by_id,
        m.renamed,
        m.relations_joined,
        m.conflicts,
        if m.conflicts > 0 { " (warnings on stderr)" } else { "" }
    ))
}
