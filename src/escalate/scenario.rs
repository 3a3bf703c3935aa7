//! Scenarios: which strikes, as of when, and which hypothetical changes to
//! the graph. Parsed from `graph/scenarios/*.toml` or built from command
//! line flags, and checked against the graph with the loader's diagnostics.

use crate::load::{did_you_mean, embedded_file, render_diagnostics, Diagnostic, Level, SourceText};
use crate::model::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use toml::Spanned;

/// Trials when neither the scenario nor the command line says.
pub const DEFAULT_TRIALS: u32 = 10_000;
/// Seed when neither the scenario nor the command line says.
pub const DEFAULT_SEED: u64 = 2020;
/// Trials of each leave-one-out rerun, at most the scenario's trials.
pub const DEFAULT_LOO_TRIALS: u32 = 2_000;

/// One strike: who hits whom, where, how hard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Strike {
    pub attacker: ActorId,
    pub target: ActorId,
    /// Where it lands: a place, territory or state (the target itself when not given).
    pub place: ActorId,
    pub severity: Severity,
    /// Key of the graph relation this strike is based on, if any.
    pub fact: Option<String>,
    pub note: Option<String>,
}

/// A relation to take out of the graph for the scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Removal {
    /// The relation with this key.
    Key { key: String },
    /// Every relation of this type between these two actors (either way
    /// round for symmetric types).
    Match {
        #[serde(rename = "type")]
        rtype: String,
        from: ActorId,
        to: ActorId,
    },
}

impl Removal {
    pub fn matches(&self, g: &Graph, r: &Relation) -> bool {
        match self {
            Removal::Key { key } => r.key.as_deref() == Some(key.as_str()),
            Removal::Match { rtype, from, to } => {
                if r.rtype != *rtype {
                    return false;
                }
                let symmetric = g.schema.get(rtype).is_some_and(|t| !t.directed);
                (r.from == *from && r.to == *to) || (symmetric && r.from == *to && r.to == *from)
            }
        }
    }
}

/// A complete what-if: strikes, date, hypothetical changes and run settings.
#[derive(Clone, Debug, Serialize)]
pub struct Scenario {
    /// Short name (`confined-to-karabakh`); the file stem by default.
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The file it was read from, if any.
    pub file: Option<String>,
    /// Only facts known and holding on this date count.
    pub as_of: Option<Date>,
    /// Only facts at least this strong count.
    pub min_status: Option<Status>,
    /// Who started the fighting, if the scenario assumes it: defensive-only
    /// obligations do not cover this actor. `None`: not assumed (disputed).
    pub started_by: Option<ActorId>,
    /// The wars the strikes belong to (conflict actors); `None`: those a
    /// belligerent is a party to.
    pub conflicts: Option<Vec<ActorId>>,
    pub strikes: Vec<Strike>,
    /// Hypothetical relations added to the graph.
    pub add: Vec<Relation>,
    /// Relations taken out of the graph.
    pub remove: Vec<Removal>,
    pub trials: u32,
    pub seed: u64,
    /// Trials of each leave-one-out rerun (0: none).
    pub loo_trials: u32,
    /// The actors whose leave-one-out is shown, the only ones rerun for
    /// (`None`: every actor drawn in). A command printing a few actors'
    /// details sets it, so it does not pay for reruns nobody reads.
    #[serde(skip)]
    pub loo_actors: Option<Vec<ActorId>>,
    /// The trial loop: fused (64 trials per pass, the default) or scalar
    /// (one at a time, the reference); the same distribution.
    #[serde(skip)]
    pub engine: Engine,
}

/// Which trial loop runs a scenario's Monte Carlo. Both draw every trial
/// from the same distribution; their numbers agree within Monte Carlo
/// error, not bit for bit (different draws).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// 64 trials per pass over the channels, one bit each (`fused.rs`).
    #[default]
    Fused,
    /// One trial at a time (`scalar.rs`): the reference implementation.
    Scalar,
}

impl Scenario {
    /// An empty scenario named `name`, with default run settings.
    pub fn new(name: impl Into<String>) -> Scenario {
        Scenario {
            name: name.into(),
            title: None,
            description: None,
            file: None,
            as_of: None,
            min_status: None,
            started_by: None,
            conflicts: None,
            strikes: Vec::new(),
            add: Vec::new(),
            remove: Vec::new(),
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
            loo_trials: DEFAULT_LOO_TRIALS,
            loo_actors: None,
            engine: Engine::Fused,
        }
    }

    /// Every actor that attacks or is attacked, in order of first appearance.
    pub fn belligerents(&self) -> Vec<ActorId> {
        let mut out = Vec::new();
        for s in &self.strikes {
            for a in [s.attacker, s.target] {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// Problems that make the scenario meaningless on `g`, each with the
    /// part of the scenario it concerns.
    pub fn problems(&self, g: &Graph) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.strikes.is_empty() {
            out.push(Problem {
                at: ProblemAt::Scenario,
                message: "the scenario names no strike".into(),
                hint: Some("add a [[strike]] with attacker, target and place (or --strike ATTACKER:TARGET@PLACE)".into()),
            });
        }
        for (i, s) in self.strikes.iter().enumerate() {
            strike_problems(g, i, s, &mut out);
        }
        if let Err(e) = super::sides::colour(self) {
            out.push(Problem {
                at: ProblemAt::Strike(e.strike),
                message: e.message(g),
                hint: Some(
                    "an actor fights on one side: check attacker and target of the strikes".into(),
                ),
            });
        }
        if let Some(sb) = self.started_by {
            if !self.belligerents().contains(&sb) {
                out.push(Problem {
                    at: ProblemAt::StartedBy,
                    message: format!(
                        "started_by `{}` is not a party to any strike",
                        g.actor(sb).id
                    ),
                    hint: Some("name the attacker or the target of a strike".into()),
                });
            }
        }
        if self.trials == 0 {
            out.push(Problem {
                at: ProblemAt::Scenario,
                message: "trials must be at least 1".into(),
                hint: None,
            });
        }
        for (i, rm) in self.remove.iter().enumerate() {
            removal_problems(g, i, rm, &mut out);
        }
        out
    }

    /// The graph the scenario runs on: `g` with the hypothetical changes
    /// applied (a new graph; `g` is untouched). `None` when nothing changes.
    pub fn derive(&self, g: &Graph) -> Option<Graph> {
        if self.add.is_empty() && self.remove.is_empty() {
            return None;
        }
        let mut b = g.to_builder();
        b.retain_relations(|r| !self.remove.iter().any(|rm| rm.matches(g, r)));
        if !self.add.is_empty() {
            let id = self.reference_id();
            b.references.insert(
                id.clone(),
                Reference {
                    id,
                    title: format!(
                        "Hypothesis of scenario `{}`{}",
                        self.name,
                        self.title
                            .as_ref()
                            .map(|t| format!(" ({t})"))
                            .unwrap_or_default()
                    ),
                    publisher: None,
                    date: None,
                    url: None,
                    citation: None,
                },
            );
        }
        for r in &self.add {
            // The parser checked type and actors against this graph.
            b.add_relation(r.clone())
                .expect("hypothetical relation checked against the graph");
        }
        Some(b.build())
    }

    /// The reference id hypothetical relations cite.
    pub fn reference_id(&self) -> String {
        format!("scenario:{}", self.name)
    }

    /// A hypothetical relation, citing the scenario.
    pub fn hypothetical(
        &self,
        rtype: &str,
        from: ActorId,
        to: ActorId,
        note: Option<String>,
    ) -> Relation {
        let evidence = [Citation::Background {
            reference: self.reference_id().into(),
            note: Some(
                note.clone()
                    .unwrap_or_else(|| "hypothesis of the scenario".into())
                    .into(),
            ),
        }];
        let mut rel = Relation::new(rtype, from, to, Status::Confirmed, evidence);
        rel.note = note.map(Into::into);
        rel
    }
}

/// Where in a scenario a problem lies (for pointing at the file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemAt {
    Scenario,
    Strike(usize),
    StartedBy,
    Remove(usize),
}

/// A problem with a resolved scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub at: ProblemAt,
    pub message: String,
    pub hint: Option<String>,
}

/// A scenario or model file that does not check: every problem, with the
/// texts to show them in.
#[derive(Debug, thiserror::Error)]
pub struct ScenarioError {
    /// "scenario" or "model".
    pub what: String,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<SourceText>,
}

impl ScenarioError {
    /// Each diagnostic at file:line:column, with the line, a pointer and the hint.
    pub fn render(&self, color: bool) -> String {
        render_diagnostics(&self.diagnostics, &self.sources, color)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.level == Level::Error)
    }
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.errors().count();
        write!(
            f,
            "the {} has {n} error{} and was not used",
            self.what,
            if n == 1 { "" } else { "s" }
        )
    }
}

/// The scenarios shipped in `graph/scenarios/`: (name, path, text), by name.
pub fn shipped_scenarios() -> Vec<(String, String, &'static str)> {
    let mut out: Vec<(String, String, &'static str)> = crate::load::embedded_files()
        .filter_map(|(path, text)| {
            let rest = path.strip_prefix("graph/scenarios/")?;
            let name = rest.strip_suffix(".toml")?;
            (!name.contains('/')).then(|| (name.to_string(), path.to_string(), text))
        })
        .collect();
    out.sort();
    out
}

/// The text of a shipped scenario by name.
pub fn shipped_scenario(name: &str) -> Option<SourceText> {
    let path = format!("graph/scenarios/{name}.toml");
    embedded_file(&path).map(|t| SourceText::new(path, t))
}

// ------------------------------------------------------------------ parsing

type S<T> = Spanned<T>;

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum DateValue {
    Text(String),
    Toml(toml::value::Datetime),
}

impl DateValue {
    fn as_text(&self) -> String {
        match self {
            DateValue::Text(s) => s.clone(),
            DateValue::Toml(d) => d.to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    #[serde(default)]
    name: Option<S<String>>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    as_of: Option<S<DateValue>>,
    #[serde(default)]
    min_status: Option<S<String>>,
    #[serde(default)]
    started_by: Option<S<String>>,
    #[serde(default)]
    conflicts: Option<Vec<S<String>>>,
    #[serde(default)]
    trials: Option<S<u32>>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    loo_trials: Option<u32>,
    #[serde(default)]
    strike: Vec<S<RawStrike>>,
    #[serde(default)]
    add: Vec<S<RawAdd>>,
    #[serde(default)]
    remove: Vec<S<RawRemove>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrike {
    attacker: S<String>,
    target: S<String>,
    #[serde(default)]
    place: Option<S<String>>,
    #[serde(default)]
    severity: Option<S<String>>,
    #[serde(default)]
    fact: Option<S<String>>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdd {
    #[serde(rename = "type")]
    rtype: S<String>,
    from: S<String>,
    to: S<String>,
    #[serde(default)]
    status: Option<S<String>>,
    #[serde(default)]
    treaty: Option<S<String>>,
    #[serde(default)]
    support: Vec<S<String>>,
    #[serde(default)]
    systems: Vec<String>,
    #[serde(default)]
    place: Option<S<String>>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRemove {
    #[serde(default)]
    key: Option<S<String>>,
    #[serde(default, rename = "type")]
    rtype: Option<S<String>>,
    #[serde(default)]
    from: Option<S<String>>,
    #[serde(default)]
    to: Option<S<String>>,
}

/// The problems of strike `i` (numbered from 0) on `g`, pushed to `out`.
fn strike_problems(g: &Graph, i: usize, s: &Strike, out: &mut Vec<Problem>) {
    if s.attacker == s.target {
        out.push(Problem {
            at: ProblemAt::Strike(i),
            message: format!(
                "strike {}: {} attacks itself",
                i + 1,
                g.actor(s.attacker).id
            ),
            hint: None,
        });
    }
    for (role, a) in [("attacker", s.attacker), ("target", s.target)] {
        let k = g.actor(a).kind;
        if !matches!(
            k,
            ActorKind::State | ActorKind::Organisation | ActorKind::ArmedGroup
        ) {
            out.push(Problem {
                at: ProblemAt::Strike(i),
                message: format!("strike {}: the {role} `{}` is a {k}", i + 1, g.actor(a).id),
                hint: Some(match k {
                    ActorKind::Place | ActorKind::Territory => "a place is where a strike lands: give it as `place`, and its holder as target".into(),
                    ActorKind::Person => "strikes are between states, organisations and armed groups; name the state".into(),
                    _ => "strikes are between states, organisations and armed groups".into(),
                }),
            });
        }
    }
    if g.actor(s.place).kind.is_agent() && !matches!(g.actor(s.place).kind, ActorKind::State) {
        out.push(Problem {
            at: ProblemAt::Strike(i),
            message: format!(
                "strike {}: the place `{}` is a {}",
                i + 1,
                g.actor(s.place).id,
                g.actor(s.place).kind
            ),
            hint: Some("a place is a state, territory or place (city, site)".into()),
        });
    }
    if let Some(key) = &s.fact {
        match g.relation_by_key(key) {
            None => out.push(Problem {
                at: ProblemAt::Strike(i),
                message: format!("strike {}: no relation has key `{key}`", i + 1),
                hint: Some(
                    did_you_mean(key, g.relations.iter().filter_map(|r| r.key.as_deref()))
                        .map(|k| format!("did you mean `{k}`?"))
                        .unwrap_or_else(|| {
                            "`fact` names the key of a graph relation the strike is based on".into()
                        }),
                ),
            }),
            Some(r) => {
                let rel = g.relation(r);
                if rel.rtype == "attacks" && (rel.from != s.attacker || rel.to != s.target) {
                    out.push(Problem {
                        at: ProblemAt::Strike(i),
                        message: format!(
                            "strike {}: fact `{key}` is an attack by {} on {}, not by {} on {}",
                            i + 1,
                            g.actor(rel.from).id,
                            g.actor(rel.to).id,
                            g.actor(s.attacker).id,
                            g.actor(s.target).id
                        ),
                        hint: Some(
                            "cite the fact the strike is based on, or correct attacker and target"
                                .into(),
                        ),
                    });
                }
            }
        }
    }
}

/// The problem of removal `i` on `g`: it matches no relation.
fn removal_problems(g: &Graph, i: usize, rm: &Removal, out: &mut Vec<Problem>) {
    if !g.relations.iter().any(|r| rm.matches(g, r)) {
        let (message, hint) = match rm {
            Removal::Key { key } => (
                format!("no relation has key `{key}`"),
                did_you_mean(key, g.relations.iter().filter_map(|r| r.key.as_deref()))
                    .map(|k| format!("did you mean `{k}`?"))
                    .or_else(|| {
                        Some(
                            "`casus show ACTOR` lists relations; keys are given in the graph files"
                                .into(),
                        )
                    }),
            ),
            Removal::Match { rtype, from, to } => (
                format!(
                    "no `{rtype}` relation from `{}` to `{}` to remove",
                    g.actor(*from).id,
                    g.actor(*to).id
                ),
                Some(format!(
                    "`casus show {}` lists its relations",
                    g.actor(*from).id
                )),
            ),
        };
        out.push(Problem {
            at: ProblemAt::Remove(i),
            message,
            hint,
        });
    }
}

/// Parses and checks a scenario file against the graph it will run on.
pub fn parse_scenario(src: &SourceText, g: &Graph) -> Result<Scenario, ScenarioError> {
    let mut p = Parser {
        src,
        g,
        diags: Vec::new(),
    };
    let parsed = p.parse();
    let mut diags = p.diags;
    if let Some((sc, spans)) = &parsed {
        if diags.iter().all(|d| d.level != Level::Error) {
            for pr in sc.problems(g) {
                let span = match pr.at {
                    ProblemAt::Scenario => 0..0,
                    ProblemAt::Strike(i) => spans.strikes.get(i).cloned().unwrap_or(0..0),
                    ProblemAt::StartedBy => spans.started_by.clone().unwrap_or(0..0),
                    ProblemAt::Remove(i) => spans.removes.get(i).cloned().unwrap_or(0..0),
                };
                diags.push(src.diag(Level::Error, span, pr.message, pr.hint));
            }
        }
    }
    match parsed {
        Some((sc, _)) if diags.iter().all(|d| d.level != Level::Error) => Ok(sc),
        _ => Err(ScenarioError {
            what: "scenario".into(),
            diagnostics: diags,
            sources: vec![src.clone()],
        }),
    }
}

#[derive(Default)]
struct Spans {
    strikes: Vec<Range<usize>>,
    removes: Vec<Range<usize>>,
    started_by: Option<Range<usize>>,
}

struct Parser<'a> {
    src: &'a SourceText,
    g: &'a Graph,
    diags: Vec<Diagnostic>,
}

impl Parser<'_> {
    fn err(&mut self, span: Range<usize>, msg: impl Into<String>, hint: Option<String>) {
        let d = self.src.diag(Level::Error, span, msg, hint);
        self.diags.push(d);
    }

    fn actor(&mut self, s: &S<String>, what: &str) -> Option<ActorId> {
        let id = s.get_ref();
        if let Some(a) = self.g.actor_by_id(id) {
            return Some(a);
        }
        let hint = match self.g.find(id) {
            Resolution::Found { id: a } => format!(
                "`{id}` is a name of actor `{}`; refer to actors by id: \"{}\"",
                self.g.actor(a).id,
                self.g.actor(a).id
            ),
            _ => did_you_mean(id, self.g.actors.iter().map(|a| a.id.as_str()))
                .map(|x| format!("did you mean `{x}`?"))
                .unwrap_or_else(|| "`casus actors` lists every actor id".into()),
        };
        self.err(
            s.span(),
            format!("{what}: unknown actor `{id}`"),
            Some(hint),
        );
        None
    }

    fn parse(&mut self) -> Option<(Scenario, Spans)> {
        let raw: RawScenario = match toml::from_str(&self.src.text) {
            Ok(r) => r,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = crate::load::plain_types(e.message().trim());
                let hint = if msg.contains("unknown field") {
                    "check the spelling; scenario fields are described in docs/format.md (Scenarios)"
                } else if msg.contains("missing field") {
                    "this field is required; see docs/format.md (Scenarios)"
                } else {
                    "see docs/format.md (Scenarios) and the files in graph/scenarios/"
                };
                self.err(span, format!("scenario: {msg}"), Some(hint.into()));
                return None;
            }
        };
        let stem = std::path::Path::new(&self.src.name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "scenario".into());
        let mut sc = Scenario::new(
            raw.name
                .as_ref()
                .map(|n| n.get_ref().clone())
                .unwrap_or(stem),
        );
        sc.file = Some(self.src.name.clone());
        sc.title = raw.title.clone();
        sc.description = raw.description.clone();
        let mut spans = Spans::default();
        if let Some(d) = &raw.as_of {
            match d.get_ref().as_text().parse::<PartialDate>() {
                Ok(p) => sc.as_of = Some(p.latest()),
                Err(e) => self.err(
                    d.span(),
                    format!("bad date: {e}"),
                    Some("YYYY-MM-DD".into()),
                ),
            }
        }
        if let Some(s) = &raw.min_status {
            match Status::parse(s.get_ref()) {
                Some(st) => sc.min_status = Some(st),
                None => self.err(
                    s.span(),
                    format!("unknown status `{}`", s.get_ref()),
                    Some("use confirmed, reported, claimed, alleged, considered or denied".into()),
                ),
            }
        }
        if let Some(s) = &raw.started_by {
            spans.started_by = Some(s.span());
            sc.started_by = self.actor(s, "started_by");
        }
        if let Some(list) = &raw.conflicts {
            let mut cs = Vec::new();
            for c in list {
                if let Some(a) = self.actor(c, "conflicts") {
                    if self.g.actor(a).kind != ActorKind::Conflict {
                        self.err(
                            c.span(),
                            format!("`{}` is a {}, not a conflict", c.get_ref(), self.g.actor(a).kind),
                            Some("`conflicts` names conflict actors (wars) that the strikes belong to".into()),
                        );
                    } else {
                        cs.push(a);
                    }
                }
            }
            sc.conflicts = Some(cs);
        }
        if let Some(t) = &raw.trials {
            sc.trials = *t.get_ref();
        }
        if let Some(s) = raw.seed {
            sc.seed = s;
        }
        if let Some(l) = raw.loo_trials {
            sc.loo_trials = l;
        }
        for s in &raw.strike {
            spans.strikes.push(s.span());
            let r = s.get_ref();
            let attacker = self.actor(&r.attacker, "attacker");
            let target = self.actor(&r.target, "target");
            let place = match &r.place {
                Some(p) => self.actor(p, "place"),
                None => target,
            };
            let severity = match &r.severity {
                None => Some(Severity::Incident),
                Some(sv) => {
                    let v = Severity::parse(sv.get_ref());
                    if v.is_none() {
                        self.err(
                            sv.span(),
                            format!("unknown severity `{}`", sv.get_ref()),
                            Some("use incident, sustained or occupation".into()),
                        );
                    }
                    v
                }
            };
            if let (Some(attacker), Some(target), Some(place), Some(severity)) =
                (attacker, target, place, severity)
            {
                sc.strikes.push(Strike {
                    attacker,
                    target,
                    place,
                    severity,
                    fact: r.fact.as_ref().map(|f| f.get_ref().clone()),
                    note: r.note.clone(),
                });
            }
        }
        for a in &raw.add {
            if let Some(rel) = self.add(&sc, a) {
                sc.add.push(rel);
            }
        }
        for rm in &raw.remove {
            let r = rm.get_ref();
            match (&r.key, &r.rtype, &r.from, &r.to) {
                (Some(k), None, None, None) => {
                    spans.removes.push(rm.span());
                    sc.remove.push(Removal::Key { key: k.get_ref().clone() });
                }
                (None, Some(t), Some(f), Some(to)) => {
                    let tok = self.rtype(t);
                    let from = self.actor(f, "from");
                    let to = self.actor(to, "to");
                    if let (true, Some(from), Some(to)) = (tok, from, to) {
                        spans.removes.push(rm.span());
                        sc.remove.push(Removal::Match {
                            rtype: t.get_ref().clone(),
                            from,
                            to,
                        });
                    }
                }
                _ => self.err(
                    rm.span(),
                    "a [[remove]] names a relation either by `key` or by `type`, `from` and `to`",
                    Some("e.g. key = \"turkey-azerbaijan-pact\", or type = \"ally\", from = \"azerbaijan\", to = \"turkey\"".into()),
                ),
            }
        }
        Some((sc, spans))
    }

    fn rtype(&mut self, t: &S<String>) -> bool {
        if self.g.schema.types.contains_key(t.get_ref()) {
            return true;
        }
        let hint = did_you_mean(t.get_ref(), self.g.schema.types.keys().map(String::as_str))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "relation types are declared in the graph's schema.toml".into());
        self.err(
            t.span(),
            format!("undeclared relation type `{}`", t.get_ref()),
            Some(hint),
        );
        false
    }

    fn add(&mut self, sc: &Scenario, a: &S<RawAdd>) -> Option<Relation> {
        let r = a.get_ref();
        let tok = self.rtype(&r.rtype);
        let from = self.actor(&r.from, "from");
        let to = self.actor(&r.to, "to");
        let status = match &r.status {
            None => Some(Status::Confirmed),
            Some(s) => {
                let v = Status::parse(s.get_ref());
                if v.is_none() {
                    self.err(
                        s.span(),
                        format!("unknown status `{}`", s.get_ref()),
                        Some(
                            "use confirmed, reported, claimed, alleged, considered or denied"
                                .into(),
                        ),
                    );
                }
                v
            }
        };
        let treaty = match &r.treaty {
            None => None,
            Some(t) => match self.g.treaty_by_id(t.get_ref()) {
                Some(id) => Some(id),
                None => {
                    let hint =
                        did_you_mean(t.get_ref(), self.g.treaties.iter().map(|t| t.id.as_str()))
                            .map(|s| format!("did you mean `{s}`?"))
                            .unwrap_or_else(|| {
                                "treaties are declared in the graph's treaties.toml".into()
                            });
                    self.err(
                        t.span(),
                        format!("unknown treaty `{}`", t.get_ref()),
                        Some(hint),
                    );
                    return None;
                }
            },
        };
        let mut support = Vec::new();
        for s in &r.support {
            match SupportKind::parse(s.get_ref()) {
                Some(k) => support.push(k),
                None => {
                    let (msg, hint) = SupportKind::unknown(s.get_ref());
                    self.err(s.span(), msg, Some(hint));
                }
            }
        }
        let place = match &r.place {
            Some(p) => Some(self.actor(p, "place")?),
            None => None,
        };
        let (true, Some(from), Some(to), Some(status)) = (tok, from, to, status) else {
            return None;
        };
        if from == to {
            self.err(r.to.span(), "a relation from an actor to itself", None);
            return None;
        }
        let mut rel = sc.hypothetical(r.rtype.get_ref(), from, to, Some(r.note.clone()));
        rel.status = status;
        rel.treaty = treaty;
        rel.support = support.into();
        rel.systems = r.systems.iter().map(|s| Sym::new(s)).collect();
        rel.place = place;
        Some(rel)
    }
}

/// Parses `ATTACKER:TARGET[@PLACE][:SEVERITY]`, actors by id, name or alias.
///
/// ```
/// use casus::model::*;
/// use casus::escalate::parse_strike;
/// let g = GraphBuilder::example();
/// let s = parse_strike(&g, "turkey:azerbaijan@nagorno-karabakh:sustained").unwrap();
/// assert_eq!(g.actor(s.place).id, "nagorno-karabakh");
/// assert_eq!(s.severity, Severity::Sustained);
/// ```
pub fn parse_strike(g: &Graph, spec: &str) -> Result<Strike, String> {
    let usage =
        "write ATTACKER:TARGET[@PLACE][:SEVERITY], e.g. azerbaijan:armenia@armenia:sustained";
    let (head, severity) = match spec.rsplit_once(':') {
        Some((h, s)) if Severity::parse(s).is_some() && h.contains(':') => {
            (h, Severity::parse(s).unwrap())
        }
        Some((h, s)) if h.contains(':') => {
            let near = did_you_mean(s, ["incident", "sustained", "occupation"])
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            return Err(format!("severity `{s}` in `{spec}` is not one of incident, sustained, occupation; {near}{usage}"));
        }
        _ => (spec, Severity::Incident),
    };
    let (pair, place) = match head.split_once('@') {
        Some((p, pl)) => (p, Some(pl)),
        None => (head, None),
    };
    let Some((a, t)) = pair.split_once(':') else {
        return Err(format!("`{spec}` is not a strike; {usage}"));
    };
    let find = |q: &str, what: &str| -> Result<ActorId, String> {
        match g.find(q.trim()) {
            Resolution::Found { id } => Ok(id),
            Resolution::Ambiguous { candidates } => Err(format!(
                "{what} `{q}` names several actors: {}; give the id",
                candidates
                    .iter()
                    .map(|c| g.actor(*c).id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Resolution::NotFound { suggestions } => Err(if suggestions.is_empty() {
                format!("{what} `{q}` is not in the graph; `casus actors` lists every actor")
            } else {
                format!(
                    "{what} `{q}` is not in the graph; did you mean {}?",
                    suggestions.join(", or ")
                )
            }),
        }
    };
    let attacker = find(a, "attacker")?;
    let target = find(t, "target")?;
    let place = match place {
        Some(p) => find(p, "place")?,
        None => target,
    };
    Ok(Strike {
        attacker,
        target,
        place,
        severity,
        fact: None,
        note: None,
    })
}

/// Parses `TYPE:FROM:TO` (a relation to add or remove), actors by id, name or alias.
pub fn parse_relation_spec(g: &Graph, spec: &str) -> Result<(String, ActorId, ActorId), String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let [t, f, to] = parts.as_slice() else {
        return Err(format!(
            "`{spec}` is not TYPE:FROM:TO, e.g. supports:russia:armenia"
        ));
    };
    if !g.schema.types.contains_key(*t) {
        let hint = did_you_mean(t, g.schema.types.keys().map(String::as_str))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(format!("`{t}` is not a relation type{hint}"));
    }
    let find = |q: &str| -> Result<ActorId, String> {
        g.find(q).found().ok_or_else(|| {
            let s = g.suggest(q, 2);
            if s.is_empty() {
                format!("`{q}` is not an actor of the graph")
            } else {
                format!(
                    "`{q}` is not an actor of the graph; did you mean {}?",
                    s.join(", or ")
                )
            }
        })
    };
    Ok((t.to_string(), find(f)?, find(to)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText::new("scenarios/t.toml", text.to_string())
    }

    #[test]
    fn strike_specs() {
        let g = GraphBuilder::example();
        let s = parse_strike(&g, "turkey:azerbaijan").unwrap();
        assert_eq!((s.place, s.severity), (s.target, Severity::Incident));
        let s = parse_strike(&g, "Ankara:azerbaijan:occupation").unwrap();
        assert_eq!(g.actor(s.attacker).id, "turkey");
        assert_eq!(s.severity, Severity::Occupation);
        assert!(parse_strike(&g, "turkey")
            .unwrap_err()
            .contains("ATTACKER:TARGET"));
        let e = parse_strike(&g, "turkey:azerbaijan:massive").unwrap_err();
        assert!(e.contains("severity `massive`"), "{e}");
        assert!(
            parse_strike(&g, "turkey:azerbaijan@nagorno-karabakh:sustaned")
                .unwrap_err()
                .contains("did you mean `sustained`")
        );
        assert!(parse_strike(&g, "turky:azerbaijan")
            .unwrap_err()
            .contains("did you mean"));
    }

    #[test]
    fn a_scenario_file_parses_with_defaults() {
        let g = GraphBuilder::example();
        let sc = parse_scenario(
            &src("title = \"T\"\nas_of = 2020-10-04\n[[strike]]\nattacker = \"artsakh\"\ntarget = \"azerbaijan\"\nplace = \"nagorno-karabakh\"\n"),
            &g,
        )
        .unwrap();
        assert_eq!(sc.name, "t");
        assert_eq!(sc.as_of, Some("2020-10-04".parse().unwrap()));
        assert_eq!((sc.trials, sc.seed), (DEFAULT_TRIALS, DEFAULT_SEED));
        assert_eq!(sc.strikes[0].severity, Severity::Incident);
    }

    #[test]
    fn problems_point_at_their_line_with_a_hint() {
        let g = GraphBuilder::example();
        let e = parse_scenario(
            &src("[[strike]]\nattacker = \"turkey\"\ntarget = \"Azerbaijan\"\n\n[[strike]]\nattacker = \"turkey\"\ntarget = \"turkey\"\n[[add]]\ntype = \"allied\"\nfrom = \"turkey\"\nto = \"artsakh\"\nnote = \"x\"\n"),
            &g,
        )
        .unwrap_err();
        let d: Vec<String> = e
            .diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert!(
            d.contains(&"3:10 target: unknown actor `Azerbaijan`".to_string()),
            "{d:?}"
        );
        assert!(
            d.iter()
                .any(|x| x.starts_with("9:8 undeclared relation type `allied`")),
            "{d:?}"
        );
        assert!(e.render(false).contains("did you mean `ally`?"));
        // Once the file is sound, the meaning is checked, at the strike.
        let e = parse_scenario(
            &src("[[strike]]\nattacker = \"turkey\"\ntarget = \"turkey\"\n"),
            &g,
        )
        .unwrap_err();
        assert_eq!((e.diagnostics[0].line, e.diagnostics[0].column), (1, 1));
        assert!(e.diagnostics[0].message.contains("attacks itself"));
        let e = parse_scenario(&src("trials = 10\n"), &g).unwrap_err();
        assert!(e.diagnostics[0].message.contains("no strike"));
        let e = parse_scenario(
            &src("[[strike]]\nattacker = \"turkey\"\ntarget = \"nagorno-karabakh\"\n"),
            &g,
        )
        .unwrap_err();
        assert!(e.render(false).contains("give it as `place`"));
    }

    #[test]
    fn removal_by_type_matches_symmetric_relations_either_way() {
        let g = GraphBuilder::example();
        let (tr, az) = (
            g.actor_by_id("turkey").unwrap(),
            g.actor_by_id("azerbaijan").unwrap(),
        );
        let rm = Removal::Match {
            rtype: "ally".into(),
            from: az,
            to: tr,
        };
        assert!(g.relations.iter().any(|r| rm.matches(&g, r)));
        let mut sc = Scenario::new("x");
        sc.remove.push(rm);
        assert_eq!(
            sc.derive(&g).unwrap().relations.len(),
            g.relations.len() - 1
        );
    }

    #[test]
    fn two_strikes_cannot_put_an_actor_on_both_sides() {
        let g = GraphBuilder::example();
        let mut sc = Scenario::new("x");
        sc.strikes
            .push(parse_strike(&g, "turkey:azerbaijan").unwrap());
        sc.strikes
            .push(parse_strike(&g, "artsakh:azerbaijan").unwrap());
        sc.strikes.push(parse_strike(&g, "turkey:artsakh").unwrap());
        let p = sc.problems(&g);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].at, ProblemAt::Strike(2));
    }
}
