//! `casus show ACTOR`: the actor's card.

use super::filters::{describe, FilterArgs};
use super::output::{resolve, wrap, Format, Out, Style};
use super::{io_ok, CliResult, Ctx};
use casus::query::Filter;
use casus::view::{ActorCard, AttrsView, EvidenceView, RelationView};

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  casus show turkey\n  casus show Azeri\n  casus show armenia --as-of \
2020-09-30\n  casus show russia --min-status reported --via alliance,membership\n  casus show \
ganja --format json\n\nWith filters, only the relations they let through are listed: \
`--as-of D` keeps what was known and held on D."
)]
pub struct Args {
    /// The actor: id, name or alias, in any case ("turkey", "Ankara", "Azeri").
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
    let id = resolve(g, &args.actor)?;
    let filter = args.filter.filter(g)?;
    let compiled = filter.compile(g);
    let card = ActorCard::new_where(g, id, |r| compiled.allows(g, r));
    let mut out = Out::new(ctx.color.enabled());
    if args.format == Format::Json {
        return io_ok(out.json(&card).and_then(|_| out.flush()));
    }
    io_ok(print_card(&mut out, &card, &filter).and_then(|_| out.flush()))
}

fn print_card(out: &mut Out, c: &ActorCard, f: &Filter) -> std::io::Result<()> {
    let st = out.style;
    let mut head = format!("{} ({}), {}", st.bold(&c.name), c.id, c.kind);
    if !c.recognised {
        head.push_str(", not recognised");
    }
    if let Some(i) = &c.iso3 {
        head.push_str(&format!(", ISO {i}"));
    }
    if let Some(cw) = c.cow {
        head.push_str(&format!(", COW {cw}"));
    }
    out.line(head)?;
    if !c.aliases.is_empty() {
        out.line(format!("  also: {}", c.aliases.join(", ")))?;
    }
    if !c.same_as.is_empty() {
        out.line(format!(
            "  same as in other graphs: {}",
            c.same_as.join(", ")
        ))?;
    }
    if let Some(d) = &c.description {
        out.line(format!("  {}", wrap(d, 96, "  ")))?;
    }
    for e in &c.evidence {
        out.line(format!(
            "  {} {}",
            st.dim("source:"),
            wrap(&e.short(), 90, "          ")
        ))?;
    }
    print_attrs(out, st, &c.attrs)?;
    section(out, st, "Relations", &c.outgoing, &c.id, true)?;
    section(out, st, "Relations towards it", &c.incoming, &c.id, false)?;
    section(out, st, "Events here", &c.events_here, &c.id, false)?;
    let n = c.outgoing.len() + c.incoming.len() + c.events_here.len();
    let filters = if f.is_empty() {
        String::new()
    } else {
        format!(" ({})", describe(f))
    };
    out.line(st.dim(&format!(
        "{n} relation{}{filters}",
        if n == 1 { "" } else { "s" }
    )))
}

/// A state's capital, CINC and major-power status, each with its source.
fn print_attrs(out: &mut Out, st: Style, a: &AttrsView) -> std::io::Result<()> {
    let mut lines: Vec<(String, &EvidenceView)> = Vec::new();
    if let Some(c) = &a.capital {
        let at = format!("{:.2}, {:.2}", c.lat, c.lon);
        lines.push((format!("capital: {} ({at})", c.name), &c.evidence));
    }
    if let Some(m) = &a.cinc {
        let v = format!("{:.4}", m.value);
        lines.push((format!("CINC {}: {v}", m.year), &m.evidence));
    }
    if let Some(e) = &a.major_power {
        lines.push(("major power".to_string(), e));
    }
    for (what, e) in lines {
        out.line(format!("  {what}"))?;
        out.line(format!(
            "    {} {}",
            st.dim("source:"),
            wrap(&e.short(), 88, "            ")
        ))?;
    }
    Ok(())
}

fn section(
    out: &mut Out,
    st: Style,
    title: &str,
    rels: &[RelationView],
    me: &str,
    outgoing: bool,
) -> std::io::Result<()> {
    if rels.is_empty() {
        return Ok(());
    }
    out.line("")?;
    out.line(st.bold(&format!("{title} ({})", rels.len())))?;
    let mut last_type = "";
    for r in rels {
        if r.rtype != last_type {
            out.line(format!("  {}", st.cyan(&r.rtype)))?;
            last_type = &r.rtype;
        }
        // An event at this place names both ends; otherwise the other end.
        let here = r.from.id != me && r.to.id != me;
        let other = if outgoing && r.from.id == me {
            &r.to
        } else {
            &r.from
        };
        let arrow = match (r.directed, outgoing) {
            (false, _) => "<->",
            (true, true) => "-->",
            (true, false) if here => "-->",
            (true, false) => "<--",
        };
        let mut line = if here {
            format!(
                "    {} {arrow} {} {}",
                st.bold(&r.from.name),
                st.bold(&r.to.name),
                st.status(r.status)
            )
        } else {
            format!(
                "    {arrow} {} {}",
                st.bold(&other.name),
                st.status(r.status)
            )
        };
        let when = r.when();
        if !when.is_empty() {
            line.push_str(&format!(" {when}"));
        }
        let details = r.details();
        if !details.is_empty() {
            line.push_str(&format!(" ({})", details.join("; ")));
        }
        out.line(line)?;
        if let Some(n) = &r.note {
            out.line(format!("        {}", st.dim(&wrap(n, 88, "        "))))?;
        }
        for (i, e) in r.evidence.iter().enumerate() {
            let line = format!("{}{}", r.statement_prefix(i), e.short());
            out.line(format!("        {}", wrap(&line, 88, "          ")))?;
        }
    }
    Ok(())
}
