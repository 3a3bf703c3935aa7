//! `casus escalate`: escalation what-ifs.

use super::output::{wrap, Failure, Out, Style, EXIT_FAIL, EXIT_USAGE};
use super::{io_ok, CliResult, Ctx};
use casus::escalate::{
    compare, parse_relation_spec, parse_scenario, parse_strike, shipped_scenario,
    shipped_scenarios, simulate, to_dot, ActorOutcome, Comparison, Engine, JoiningView, Model,
    Outcome, Removal, Scenario, ScenarioError,
};
use casus::load::SourceText;
use casus::model::{Graph, PartialDate, Status};
use casus::view::{EvidenceView, RelationView};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum EscFormat {
    #[default]
    Text,
    Json,
    /// Graphviz DOT: actors coloured by side and probability.
    Dot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum EngineArg {
    /// 64 trials per pass over the channels, one bit each.
    #[default]
    Fused,
    /// One trial at a time: the reference the fused loop is tested against.
    Scalar,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  casus escalate --list
  casus escalate confined-to-karabakh
  casus escalate confined-to-karabakh --compare strikes-inside-armenia
  casus escalate --strike azerbaijan:armenia@armenia:sustained --as-of 2020-10-04
  casus escalate ganja-strike --started-by azerbaijan
  casus escalate ganja-strike --remove turkey-azerbaijan-pact
  casus escalate strikes-inside-armenia --format dot | dot -Tsvg > armenia.svg")]
pub struct Args {
    /// A shipped scenario (`casus escalate --list`) or the path of a scenario file.
    scenario: Option<String>,
    /// A strike ATTACKER:TARGET[@PLACE][:SEVERITY] (severity: incident, sustained, occupation; place: the target by default); repeatable, added to the scenario's.
    #[arg(long = "strike", value_name = "STRIKE")]
    strikes: Vec<String>,
    /// Only facts known and holding on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Assume this belligerent started the fighting (defensive-only obligations then do not cover it).
    #[arg(long, value_name = "ACTOR")]
    started_by: Option<String>,
    /// Add a hypothetical relation TYPE:FROM:TO (confirmed); repeatable.
    #[arg(long = "add", value_name = "TYPE:FROM:TO")]
    add: Vec<String>,
    /// Remove a relation by key, or every TYPE:FROM:TO relation; repeatable.
    #[arg(long = "remove", value_name = "KEY|TYPE:FROM:TO")]
    remove: Vec<String>,
    /// Only facts at least this strong (confirmed, reported, claimed, alleged, considered).
    #[arg(long, value_name = "STATUS")]
    min_status: Option<String>,
    /// Monte Carlo trials [default: the scenario's, else 10000].
    #[arg(long, value_name = "N")]
    trials: Option<u32>,
    /// Master seed [default: the scenario's, else 2020].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// Trials of each leave-one-out rerun (0: none) [default: 2000].
    #[arg(long, value_name = "N")]
    loo_trials: Option<u32>,
    /// The trial loop: fused (64 trials per pass) or scalar (one at a time, the reference implementation); the same distribution, different draws.
    #[arg(long, value_enum, default_value_t = EngineArg::Fused)]
    engine: EngineArg,
    /// Compare with another scenario (name or file), actor by actor.
    #[arg(long, value_name = "SCENARIO")]
    compare: Option<String>,
    /// Show the details (side, intervals, chain, leave-one-out) of these actors only; repeatable.
    #[arg(long = "actor", value_name = "ACTOR")]
    actors: Vec<String>,
    /// Print the table and the gates, without the per-actor details; the table keeps the 30 most involved actors.
    #[arg(long)]
    brief: bool,
    /// Show every gate, also those of treaties no strike concerns (by default they are counted, not listed).
    #[arg(long)]
    all_gates: bool,
    /// List the shipped scenarios.
    #[arg(long)]
    list: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EscFormat::Text)]
    format: EscFormat,
}

fn usage(msg: impl Into<String>) -> Failure {
    Failure::new(EXIT_USAGE, msg.into())
}

fn scenario_failure(e: ScenarioError, color: bool) -> Failure {
    Failure::new(EXIT_FAIL, format!("{}error: {e}", e.render(color)))
}

/// The scenario names available: the graph directory's, else the shipped ones.
fn available(ctx: &Ctx) -> Vec<(String, String)> {
    if let Some(dir) = &ctx.graph_dir {
        let sdir = dir.join("scenarios");
        if sdir.is_dir() {
            let mut v: Vec<(String, String)> = std::fs::read_dir(&sdir)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| {
                    let p = e.path();
                    (p.extension().and_then(|x| x.to_str()) == Some("toml")).then(|| {
                        let text = std::fs::read_to_string(&p).unwrap_or_default();
                        (
                            p.file_stem().unwrap().to_string_lossy().into_owned(),
                            title_of(&text),
                        )
                    })
                })
                .collect();
            v.sort();
            return v;
        }
    }
    shipped_scenarios()
        .into_iter()
        .map(|(n, _, t)| (n, title_of(t)))
        .collect()
}

fn title_of(text: &str) -> String {
    toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|t| t.get("title").and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// Reads a scenario by name or path.
fn read_scenario(ctx: &Ctx, what: &str) -> Result<SourceText, Failure> {
    let path = Path::new(what);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::new(EXIT_FAIL, format!("error: cannot read {what}: {e}")))?;
        return Ok(SourceText::new(what, text));
    }
    if let Some(dir) = &ctx.graph_dir {
        let p: PathBuf = dir.join("scenarios").join(format!("{what}.toml"));
        if p.is_file() {
            let text = std::fs::read_to_string(&p).map_err(|e| {
                Failure::new(
                    EXIT_FAIL,
                    format!("error: cannot read {}: {e}", p.display()),
                )
            })?;
            return Ok(SourceText::new(p.display().to_string(), text));
        }
    }
    if let Some(src) = shipped_scenario(what) {
        return Ok(src);
    }
    let names: Vec<String> = available(ctx).into_iter().map(|(n, _)| n).collect();
    let hint = match casus::load::did_you_mean(what, names.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `{s}`? "),
        None => String::new(),
    };
    Err(Failure::new(
        EXIT_FAIL,
        format!(
            "error: no scenario `{what}` (neither a file nor a scenario name)\n  hint: {hint}the scenarios are: {}",
            names.join(", ")
        ),
    ))
}

/// The model: the graph directory's model.toml if it has one, else the built-in one.
fn load_model(ctx: &Ctx, g: &Graph) -> Result<Model, Failure> {
    let color = ctx.color.enabled_stderr();
    if let Some(dir) = &ctx.graph_dir {
        let p = dir.join("model.toml");
        if p.is_file() {
            let text = std::fs::read_to_string(&p).map_err(|e| {
                Failure::new(
                    EXIT_FAIL,
                    format!("error: cannot read {}: {e}", p.display()),
                )
            })?;
            let src = SourceText::new(p.display().to_string(), text);
            let (m, warnings) = Model::parse(&src, g).map_err(|e| scenario_failure(e, color))?;
            if !warnings.is_empty() {
                eprint!(
                    "{}",
                    casus::load::render_diagnostics(&warnings, &[src], color)
                );
            }
            return Ok(m);
        }
    }
    Model::embedded(g).map_err(|e| scenario_failure(e, color))
}

/// The scenario to run: the file (if any), extended by the flags.
fn build_scenario(ctx: &Ctx, g: &Graph, args: &Args) -> Result<Scenario, Failure> {
    let color = ctx.color.enabled_stderr();
    let mut sc = match &args.scenario {
        Some(s) => {
            let src = read_scenario(ctx, s)?;
            parse_scenario(&src, g).map_err(|e| scenario_failure(e, color))?
        }
        None => {
            if args.strikes.is_empty() {
                let names: Vec<String> = available(ctx).into_iter().map(|(n, _)| n).collect();
                return Err(usage(format!(
                    "error: name a scenario or give at least one --strike\n  hint: the scenarios are {}; or --strike azerbaijan:armenia@armenia:sustained",
                    names.join(", ")
                )));
            }
            Scenario::new("command-line")
        }
    };
    apply_flags(g, &mut sc, args)?;
    let problems = sc.problems(g);
    if !problems.is_empty() {
        let msg: Vec<String> = problems
            .iter()
            .map(|p| {
                let mut s = format!("error: {}", p.message);
                if let Some(h) = &p.hint {
                    s.push_str(&format!("\n  hint: {h}"));
                }
                s
            })
            .collect();
        return Err(usage(msg.join("\n")));
    }
    Ok(sc)
}

fn apply_flags(g: &Graph, sc: &mut Scenario, args: &Args) -> Result<(), Failure> {
    for s in &args.strikes {
        sc.strikes
            .push(parse_strike(g, s).map_err(|e| usage(format!("error: --strike {s}: {e}")))?);
    }
    if let Some(d) = &args.as_of {
        let p: PartialDate = d
            .parse()
            .map_err(|e| usage(format!("error: --as-of {d}: {e}\n  hint: write YYYY-MM-DD")))?;
        sc.as_of = Some(p.latest());
    }
    if let Some(s) = &args.min_status {
        sc.min_status = Some(Status::parse(s).ok_or_else(|| {
            usage(format!(
                "error: --min-status {s}: unknown status\n  hint: confirmed, reported, claimed, alleged or considered"
            ))
        })?);
    }
    if let Some(a) = &args.started_by {
        sc.started_by = Some(super::output::resolve(g, a)?);
    }
    for a in &args.add {
        let (t, f, to) =
            parse_relation_spec(g, a).map_err(|e| usage(format!("error: --add {a}: {e}")))?;
        let rel = sc.hypothetical(&t, f, to, Some(format!("--add {a}")));
        sc.add.push(rel);
    }
    for r in &args.remove {
        if r.contains(':') {
            let (t, f, to) = parse_relation_spec(g, r)
                .map_err(|e| usage(format!("error: --remove {r}: {e}")))?;
            sc.remove.push(Removal::Match {
                rtype: t,
                from: f,
                to,
            });
        } else {
            sc.remove.push(Removal::Key { key: r.clone() });
        }
    }
    if let Some(t) = args.trials {
        sc.trials = t;
    }
    if let Some(s) = args.seed {
        sc.seed = s;
    }
    if let Some(l) = args.loo_trials {
        sc.loo_trials = l;
    }
    sc.engine = match args.engine {
        EngineArg::Fused => Engine::Fused,
        EngineArg::Scalar => Engine::Scalar,
    };
    Ok(())
}

pub fn run(ctx: &Ctx, args: Args) -> CliResult {
    let mut out = Out::new(ctx.color.enabled());
    if args.list {
        let list = available(ctx);
        if args.format == EscFormat::Json {
            let v: Vec<serde_json::Value> = list
                .iter()
                .map(|(n, t)| serde_json::json!({ "name": n, "title": t }))
                .collect();
            return io_ok(out.json(&v).and_then(|_| out.flush()));
        }
        for (n, t) in &list {
            io_ok(out.line(format!("{n:<28} {t}")))?;
        }
        return io_ok(out.flush());
    }
    let loaded = ctx.load()?;
    let g = &loaded.graph;
    let model = load_model(ctx, g)?;
    let mut sc = build_scenario(ctx, g, &args)?;
    // Leave-one-out reruns only for what the text shows: none with
    // `--brief`, the `--actor`s' own with `--actor`.
    if args.format == EscFormat::Text && args.compare.is_none() {
        if args.brief {
            sc.loo_actors = Some(Vec::new());
        } else if !args.actors.is_empty() {
            let ids = args
                .actors
                .iter()
                .map(|a| super::output::resolve(g, a))
                .collect::<Result<_, _>>()?;
            sc.loo_actors = Some(ids);
        }
    }
    let bar =
        super::progress::Progress::spinner(ctx.quiet, &format!("simulating {} trials", sc.trials));
    let outcome = simulate(g, &sc, &model);
    if let Some(other) = &args.compare {
        let src = read_scenario(ctx, other)?;
        let mut osc =
            parse_scenario(&src, g).map_err(|e| scenario_failure(e, ctx.color.enabled_stderr()))?;
        osc.trials = sc.trials;
        osc.seed = sc.seed;
        osc.loo_trials = 0;
        bar.step(&format!("simulating {} trials of {other}", osc.trials));
        let o2 = simulate(g, &osc, &model);
        bar.finish();
        let cmp = compare(&outcome, &o2);
        return match args.format {
            EscFormat::Json => io_ok(out.json(&cmp).and_then(|_| out.flush())),
            EscFormat::Dot => Err(usage("error: --compare prints text or json, not dot")),
            EscFormat::Text => io_ok(print_compare(&mut out, &cmp).and_then(|_| out.flush())),
        };
    }
    bar.finish();
    match args.format {
        EscFormat::Json => io_ok(out.json(&outcome).and_then(|_| out.flush())),
        EscFormat::Dot => io_ok(
            out.line(to_dot(&outcome).trim_end())
                .and_then(|_| out.flush()),
        ),
        EscFormat::Text => {
            let only: Vec<String> = args
                .actors
                .iter()
                .map(|a| super::output::resolve(g, a).map(|id| g.actor(id).id.clone()))
                .collect::<Result<_, _>>()?;
            io_ok(
                print_outcome(
                    &mut out,
                    &outcome,
                    &Show {
                        brief: args.brief,
                        all_gates: args.all_gates,
                        only: &only,
                    },
                )
                .and_then(|_| out.flush()),
            )
        }
    }
}

fn pct(p: f64) -> String {
    format!("{p:.2}")
}

fn signed(d: f64) -> String {
    if d.abs() < 0.005 {
        "  .  ".to_string()
    } else {
        format!("{d:+.2}")
    }
}

fn side_label(a: &ActorOutcome) -> String {
    let s = a.side.side.map(|s| s.as_str()).unwrap_or("-");
    match (a.belligerent, a.side.cross_pressured) {
        (true, _) => format!("{s} belligerent"),
        (false, true) => format!("cross-pressured ({s})"),
        (false, false) if a.side.side.is_none() => "none".into(),
        _ => s.to_string(),
    }
}

fn evidence_line(e: &EvidenceView) -> String {
    e.short()
}

/// `Russia rival Turkey [reported] (at Libya)`: a relation in one line.
fn rel_label(r: &RelationView) -> String {
    let mut s = format!("{} {} {} [{}]", r.from.name, r.rtype, r.to.name, r.status);
    let mut d = Vec::new();
    if let Some(p) = &r.place {
        d.push(format!("at {}", p.name));
    }
    if let Some(t) = &r.treaty {
        d.push(format!("treaty: {t}"));
    }
    let when = r.when();
    if !when.is_empty() {
        d.push(when);
    }
    if !d.is_empty() {
        s.push_str(&format!(" ({})", d.join("; ")));
    }
    s
}

/// What to print of an outcome.
struct Show<'a> {
    brief: bool,
    all_gates: bool,
    only: &'a [String],
}

/// Rows of the table with `--brief`, belligerents aside.
const BRIEF_ROWS: usize = 30;

fn print_outcome(out: &mut Out, o: &Outcome, show: &Show) -> std::io::Result<()> {
    print_header(out, o)?;
    print_gates(out, o, show.all_gates, show.brief)?;
    print_table(out, o, show.brief)?;
    if !show.brief {
        let st = out.style;
        out.line("")?;
        out.line(st.bold("Why"))?;
        for a in &o.actors {
            if a.belligerent || (!show.only.is_empty() && !show.only.contains(&a.actor.id)) {
                continue;
            }
            print_actor(out, st, a, o.loo_trials)?;
        }
    }
    print_sources(out, o)
}

fn print_header(out: &mut Out, o: &Outcome) -> std::io::Result<()> {
    let st = out.style;
    let s = &o.scenario;
    out.line(format!(
        "{} {}{}",
        st.bold("Scenario"),
        st.bold(&s.name),
        s.title
            .as_ref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default()
    ))?;
    let mut meta = Vec::new();
    if let Some(d) = &s.as_of {
        meta.push(format!("as of {d}"));
    }
    meta.push(format!("{} trials", o.trials));
    meta.push(format!("seed {}", o.seed));
    if let Some(m) = s.min_status {
        meta.push(format!("facts {m} or stronger"));
    }
    out.line(format!("  {}", meta.join(", ")))?;
    out.line(format!("  {}", st.dim(&wrap(&o.fit, 90, "  "))))?;
    if !s.conflicts.is_empty() {
        let c: Vec<&str> = s.conflicts.iter().map(|a| a.name.as_str()).collect();
        out.line(format!("  wars: {}", c.join("; ")))?;
    }
    if let Some(sb) = &s.started_by {
        out.line(format!(
            "  assumed to have started the fighting: {}",
            sb.name
        ))?;
    }
    out.line("  strikes:")?;
    for k in &s.strikes {
        let mut line = format!(
            "    {}. {} -> {} at {} ({})",
            k.index,
            k.attacker.name,
            k.target.name,
            k.place.name,
            k.severity.as_str()
        );
        if let Some(f) = &k.fact {
            line.push_str(&format!(
                " [fact: {} {} {}, {}]",
                f.from.name, f.rtype, f.to.name, f.status
            ));
        }
        out.line(line)?;
        if let Some(n) = &k.note {
            out.line(format!("       {}", st.dim(&wrap(n, 86, "       "))))?;
        }
    }
    for r in &s.added {
        out.line(format!(
            "  + hypothesis: {} {} {} [{}]",
            r.from.name, r.rtype, r.to.name, r.status
        ))?;
    }
    for r in &s.removed {
        out.line(format!(
            "  - removed: {} {} {} [{}]{}",
            r.from.name,
            r.rtype,
            r.to.name,
            r.status,
            r.key
                .as_ref()
                .map(|k| format!(" (key {k})"))
                .unwrap_or_default()
        ))?;
    }
    for sv in &o.sides {
        let names: Vec<&str> = sv.belligerents.iter().map(|a| a.name.as_str()).collect();
        out.line(format!("  side {}: {}", sv.side.as_str(), names.join(", ")))?;
    }
    Ok(())
}

fn print_gates(out: &mut Out, o: &Outcome, all: bool, brief: bool) -> std::io::Result<()> {
    let st = out.style;
    out.line("")?;
    out.line(st.bold("Gates (deterministic, evaluated before any draw)"))?;
    let unconcerned = o.gates.iter().filter(|t| t.party.is_none()).count();
    for t in o.gates.iter().filter(|t| all || t.party.is_some()) {
        let verdict = if t.open {
            st.green("OPEN  ")
        } else {
            st.red("closed")
        };
        let what = match (&t.treaty, &t.obligation, &t.party) {
            (Some(tr), Some(ob), Some(p)) => format!(
                "{} ({}): {ob} for {}{}, strike {} at {}",
                tr.name,
                tr.id,
                p.name,
                if t.role == "attacker" {
                    " (the attacker's allies)"
                } else {
                    ""
                },
                t.strike.map(|x| x.to_string()).unwrap_or_default(),
                t.place.as_ref().map(|x| x.name.as_str()).unwrap_or("?")
            ),
            (Some(tr), None, _) => format!("{} ({})", tr.name, tr.id),
            (None, _, Some(p)) => format!(
                "{} in {}",
                t.trigger.clone().unwrap_or_else(|| "base".into()),
                p.name
            ),
            _ => t.summary.clone(),
        };
        if brief {
            // One line per gate: the verdict, the gate, the first reason.
            let why = if t.open {
                format!("opens {} for {} parties", t.opens, t.guarantors.len())
            } else {
                t.summary
                    .split_once(": ")
                    .map(|x| x.1)
                    .unwrap_or(&t.summary)
                    .to_string()
            };
            let short = match (&t.treaty, &t.obligation, &t.party) {
                (Some(tr), Some(ob), Some(p)) => format!(
                    "{} {ob} for {}{}",
                    tr.id,
                    p.name,
                    if t.role == "attacker" {
                        " (attacker side)"
                    } else {
                        ""
                    }
                ),
                _ => what.clone(),
            };
            let line = format!("{short}: {why}");
            let cut: String = line.chars().take(84).collect();
            let more = if cut.len() < line.len() { "..." } else { "" };
            out.line(format!("  {verdict} {cut}{more}"))?;
            continue;
        }
        out.line(format!("  {verdict} {}", wrap(&what, 88, "         ")))?;
        if let (Some(tr), true) = (&t.trigger, t.treaty.is_some()) {
            out.line(format!(
                "         {}",
                st.dim(&wrap(&format!("clause: {tr}"), 86, "         "))
            ))?;
        }
        for c in &t.checks {
            let mark = if c.met {
                st.green("✓")
            } else {
                st.red("✗")
            };
            out.line(format!(
                "         {mark} {}",
                wrap(&format!("{}: {}", c.condition, c.detail), 84, "           ")
            ))?;
        }
        if t.open {
            let g: Vec<&str> = t.guarantors.iter().map(|a| a.name.as_str()).collect();
            out.line(format!("         opens {} for {}", t.opens, g.join(", ")))?;
        }
    }
    if !all && unconcerned > 0 {
        out.line(st.dim(&format!(
            "  and {unconcerned} treaties no strike concerns, all closed (--all-gates lists them)"
        )))?;
    }
    Ok(())
}

fn print_table(out: &mut Out, o: &Outcome, brief: bool) -> std::io::Result<()> {
    let st = out.style;
    out.line("")?;
    out.line(st.bold("Involvement: P(level >= k)"))?;
    let nw = o
        .actors
        .iter()
        .map(|a| a.actor.name.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    out.line(st.dim(&format!(
        "  {:<nw$} {:<22} {:>5} {:>5} {:>5} {:>5} {:>5}",
        "actor", "side", "L1", "L2", "L3", "L4", "L5"
    )))?;
    let mut others = 0;
    for a in &o.actors {
        if brief && !a.belligerent {
            others += 1;
            if others > BRIEF_ROWS {
                continue;
            }
        }
        let row = if a.belligerent {
            format!(
                "  {:<nw$} {:<22} {:>5} {:>5} {:>5} {:>5} {:>5}",
                a.actor.name,
                side_label(a),
                "1",
                "1",
                "1",
                "1",
                "1"
            )
        } else {
            format!(
                "  {:<nw$} {:<22} {:>5} {:>5} {:>5} {:>5} {:>5}",
                a.actor.name,
                side_label(a),
                pct(a.p(1)),
                pct(a.p(2)),
                pct(a.p(3)),
                pct(a.p(4)),
                pct(a.p(5))
            )
        };
        out.line(row)?;
    }
    if others > BRIEF_ROWS {
        out.line(st.dim(&format!(
            "  and {} less involved actors (without --brief, or --format json, for all)",
            others - BRIEF_ROWS
        )))?;
    }
    if brief && o.untouched.len() > 10 {
        out.line(st.dim(&format!("  never drawn in: {} actors", o.untouched.len())))?;
    } else if !o.untouched.is_empty() {
        out.line(st.dim(&format!("  never drawn in: {}", o.untouched.join(", "))))?;
    }
    let any = &o.any_third_state_at_war;
    let base_src = o
        .model_sources
        .iter()
        .find(|s| s.id == o.base_rate.source)
        .map(|s| s.citation.split(". ").next().unwrap_or("").to_string())
        .unwrap_or_default();
    out.line(format!(
        "  P(a further state becomes a co-belligerent) = {} [{}, {}]; historical base rate {} ({})",
        pct(any.p),
        pct(any.low),
        pct(any.high),
        pct(o.base_rate.p),
        base_src
    ))?;
    out.line(st.dim("  L1 diplomatic, L2 materiel, L3 proxies and volunteers, L4 limited direct action, L5 co-belligerent"))
}

fn print_sources(out: &mut Out, o: &Outcome) -> std::io::Result<()> {
    let st = out.style;
    out.line("")?;
    out.line(st.bold("Model sources"))?;
    for s in &o.model_sources {
        let line = if s.heuristic {
            format!("{}: {}", s.id, s.citation)
        } else {
            format!(
                "{}: {}{}",
                s.id,
                s.citation,
                s.finding
                    .as_ref()
                    .map(|f| format!(" {f}"))
                    .unwrap_or_default()
            )
        };
        out.line(format!("  {}", wrap(&line, 94, "      ")))?;
    }
    Ok(())
}

fn print_actor(out: &mut Out, st: Style, a: &ActorOutcome, loo_trials: u32) -> std::io::Result<()> {
    out.line(format!(
        "  {} ({}), {}",
        st.bold(&a.actor.name),
        a.actor.id,
        side_label(a)
    ))?;
    out.line(format!(
        "    side: {}",
        wrap(&a.side.reason, 86, "          ")
    ))?;
    let ci: Vec<String> = a
        .levels
        .iter()
        .map(|l| format!("L{} {:.3} [{:.3}, {:.3}]", l.level, l.p, l.low, l.high))
        .collect();
    let trials = a.levels.first().map(|l| l.trials).unwrap_or(0);
    out.line(format!(
        "    {}",
        wrap(
            &format!("{}  ({trials} trials, 95% Wilson)", ci.join("  ")),
            90,
            "    "
        )
    ))?;
    for d in &a.damping {
        out.line(format!("    damped: {d}"))?;
    }
    if let Some(c) = &a.chain {
        out.line(format!(
            "    most frequent chain ({:.0}% of the {} trials it entered):",
            c.share * 100.0,
            a.entered
        ))?;
        for h in &c.hops {
            out.line(format!(
                "      {} -> {} (L{}) via {}",
                h.from.name, h.to.name, h.level, h.via
            ))?;
            for r in &h.relations {
                out.line(format!("        {}", rel_label(r)))?;
                if let Some(e) = r.evidence.first() {
                    out.line(format!(
                        "          {}",
                        st.dim(&wrap(&evidence_line(e), 82, "          "))
                    ))?;
                }
            }
        }
    }
    if let Some(j) = &a.joining {
        print_joining(out, st, j)?;
    }
    if !a.incoming.is_empty() {
        out.line(format!(
            "    incoming (share of entries; change of P(L>=k) without the relation, {loo_trials} trials same seed):"
        ))?;
        for i in &a.incoming {
            let without = match &i.without {
                Some(d) if d.iter().all(|x| x.abs() < 0.005) => "no change".to_string(),
                Some(d) => d
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.abs() >= 0.005)
                    .map(|(k, x)| format!("L{}:{x:+.2}", k + 1))
                    .collect::<Vec<_>>()
                    .join(" "),
                None => "not rerun".into(),
            };
            out.line(format!(
                "      {:>3.0}%  {}",
                i.share * 100.0,
                wrap(
                    &format!("{}: {without}", rel_label(&i.relation)),
                    84,
                    "            "
                )
            ))?;
        }
    }
    Ok(())
}

/// The joining model's explanation: each term with its contribution to the
/// log-odds, its reason and its facts.
fn print_joining(out: &mut Out, st: Style, j: &JoiningView) -> std::io::Result<()> {
    if j.dispute_sd > 0.0 {
        out.line(format!(
            "    combat (joining model): P(L4+) = {:.3} = E[logistic({:+.2} + u)], intercept {:+.2}; u ~ N(0, {:.2}^2) is the dispute-level effect: every P here is averaged over it",
            j.p, j.log_odds, j.intercept, j.dispute_sd
        ))?;
    } else {
        out.line(format!(
            "    combat (joining model): P(L4+) = {:.3} = logistic({:+.2}), intercept {:+.2}",
            j.p, j.log_odds, j.intercept
        ))?;
    }
    for t in &j.terms {
        let mark = if t.heuristic { ", heuristic" } else { "" };
        out.line(format!(
            "      {:+.2} {} = {:.2} x {:+.2}{mark}; without it P = {:.3}",
            t.contribution, t.name, t.value, t.coef, t.without
        ))?;
        out.line(format!(
            "            {}",
            st.dim(&wrap(&t.why, 80, "            "))
        ))?;
        for r in t.facts.iter().take(3) {
            out.line(format!("            {}", rel_label(r)))?;
        }
        if t.facts.len() > 3 {
            out.line(format!("            and {} more facts", t.facts.len() - 3))?;
        }
    }
    Ok(())
}

/// `a` -> `A`, `cross_pressured` -> `cross-pressured`.
fn call_label(call: &str) -> String {
    match call {
        "a" => "A".into(),
        "b" => "B".into(),
        other => other.replace('_', "-"),
    }
}

fn print_compare(out: &mut Out, c: &Comparison) -> std::io::Result<()> {
    let st = out.style;
    out.line(format!(
        "{} {} -> {} ({} trials, seed {}): change of P(level >= k)",
        st.bold("Compare"),
        st.bold(&c.base),
        st.bold(&c.other),
        c.trials,
        c.seed
    ))?;
    if !c.differences.is_empty() {
        out.line("  the scenarios differ in:")?;
        for d in &c.differences {
            out.line(format!("    {}", wrap(d, 90, "      ")))?;
        }
    }
    if !c.gates_changed.is_empty() {
        out.line("  gates that change:")?;
        for gch in &c.gates_changed {
            out.line(format!("    {}", wrap(gch, 90, "      ")))?;
        }
    }
    let nw = c
        .rows
        .iter()
        .map(|r| r.actor.name.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    out.line(st.dim(&format!(
        "  {:<nw$} {:<22} {:>5} {:>5} {:>5} {:>5} {:>5}",
        "actor", "side", "L1", "L2", "L3", "L4", "L5"
    )))?;
    for r in &c.rows {
        if r.moved < 0.005 {
            continue;
        }
        let side = if r.side_base == r.side_other {
            call_label(&r.side_base)
        } else {
            format!(
                "{} -> {}",
                call_label(&r.side_base),
                call_label(&r.side_other)
            )
        };
        out.line(format!(
            "  {:<nw$} {:<22} {:>5} {:>5} {:>5} {:>5} {:>5}",
            r.actor.name,
            side,
            signed(r.delta[0]),
            signed(r.delta[1]),
            signed(r.delta[2]),
            signed(r.delta[3]),
            signed(r.delta[4])
        ))?;
        for why in &r.reasons {
            out.line(format!("      {}", st.dim(&wrap(why, 88, "        "))))?;
        }
    }
    let still = c.rows.iter().filter(|r| r.moved < 0.005).count();
    if still > 0 {
        out.line(st.dim(&format!("  {still} other actors do not move")))?;
    }
    Ok(())
}

/// The outcome of a scenario (by name or path) with the graph's model, as
/// `casus escalate SCENARIO` computes it; for `casus report --escalate`.
pub(super) fn outcome_of(ctx: &Ctx, g: &Graph, scenario: &str) -> Result<Outcome, Failure> {
    let color = ctx.color.enabled_stderr();
    let model = load_model(ctx, g)?;
    let src = read_scenario(ctx, scenario)?;
    let sc = parse_scenario(&src, g).map_err(|e| scenario_failure(e, color))?;
    if let Some(p) = sc.problems(g).first() {
        return Err(usage(format!("error: {}", p.message)));
    }
    Ok(simulate(g, &sc, &model))
}
