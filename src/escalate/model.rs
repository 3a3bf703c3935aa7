//! The escalation model: every probability the cascade uses, read from
//! `graph/model.toml`, each with its source.
//!
//! The file is checked like the graph: unknown fields, probabilities out of
//! [0, 1], levels that rise, sources that are not declared and relation
//! types the graph does not know are reported at file:line:column with a
//! hint.

use super::scenario::ScenarioError;
use crate::load::{did_you_mean, embedded_file, Diagnostic, Level, SourceText};
use crate::model::{ActorKind, Graph, Status, SupportKind};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use super::fit::{Coef, Combat, FitInfo, Joining};

/// The path of the built-in model among the embedded files.
pub const EMBEDDED_MODEL: &str = "graph/model.toml";

/// A cited work behind one or more numbers of the model.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ModelSource {
    pub id: String,
    /// Full citation; for `heuristic`, what a heuristic means here.
    pub citation: String,
    /// What the work found, in one sentence.
    pub finding: Option<String>,
    pub url: Option<String>,
    /// `true` for a judgment rather than an estimate from data.
    pub heuristic: bool,
}

/// One number of the model, with where it comes from.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Param {
    pub p: f64,
    /// Id of a [`ModelSource`].
    pub source: String,
    pub note: Option<String>,
}

/// Probabilities P(level >= k) for k = 1..=len, non-increasing.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LevelSpec {
    pub why: String,
    pub levels: Vec<Param>,
}

impl LevelSpec {
    /// P(level >= k), 0 beyond the last level given.
    pub fn p(&self, k: u8) -> f64 {
        if k == 0 {
            return 1.0;
        }
        self.levels.get(k as usize - 1).map(|x| x.p).unwrap_or(0.0)
    }
    pub fn max_level(&self) -> u8 {
        self.levels.len() as u8
    }
}

/// Which end of a relation is drawn in when the other end is involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerRole {
    /// The relation's `from` is drawn in by its `to`.
    From,
    /// The relation's `to` is drawn in by its `from`.
    To,
    /// Either end by the other (symmetric types).
    Either,
}

/// On which side a channel pulls its partner, relative to the actor pulling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SideRule {
    Same,
    Opposite,
    None,
}

/// A channel whose higher levels open only under a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChannelGate {
    /// Open only if a strike hits the host state (the de jure holder of
    /// the relation's `to`) inside its recognised territory; otherwise the
    /// channel carries at most `closed_max`.
    HostTerritory { closed_max: u8 },
}

/// How a relation type draws in the actor at its other end.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ChannelSpec {
    pub rtype: String,
    pub partner: PartnerRole,
    pub side: SideRule,
    pub why: String,
    pub levels: Vec<Param>,
    pub gate: Option<ChannelGate>,
    /// For `supports`: the highest level each kind of support can reach
    /// (the highest over the relation's kinds applies).
    pub cap_by_support: Vec<(SupportKind, u8)>,
    /// The least level the pulling actor must have reached for the channel
    /// to act (belligerents are L5): a supplier is drawn in by a client that
    /// fights, not by one that only supplies others. 1 by default.
    pub source_level: u8,
    /// Only partners of these kinds are drawn in (empty: any kind); the
    /// proxy channel draws in armed groups, not the governments a state
    /// supports in other wars.
    pub partner_kinds: Vec<ActorKind>,
}

impl ChannelSpec {
    pub fn max_level(&self) -> u8 {
        self.levels.len() as u8
    }
    pub fn p(&self, k: u8) -> f64 {
        if k == 0 {
            return 1.0;
        }
        self.levels.get(k as usize - 1).map(|x| x.p).unwrap_or(0.0)
    }
}

/// Damping of an actor's draws from some level up.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Damping {
    pub factor: Param,
    /// The first level damped (statements, L1, are never damped by default).
    pub from_level: u8,
}

/// The whole model.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Model {
    pub sources: IndexMap<String, ModelSource>,
    /// By status, strongest first (the order of [`Status::ALL`]).
    pub status_weight: Vec<Param>,
    /// A defence (or offence) obligation whose gate is open.
    pub defence_open: LevelSpec,
    /// A consultation obligation whose gate is open.
    pub consultation_open: LevelSpec,
    /// A treaty tie none of whose obligations opens.
    pub treaty_closed: LevelSpec,
    /// The highest level an organisation itself reaches.
    pub organisation_max_level: Param,
    /// Damping of an organisation's own draws: it acts by consensus of its members.
    pub organisation: Damping,
    pub mediator: Damping,
    /// Relation types that make an actor a mediator (towards a conflict or a belligerent).
    pub mediator_types: Vec<String>,
    /// An actor that `leads` a mediating organisation mediates too.
    pub mediator_via: Vec<String>,
    pub cross_pressure: Damping,
    /// Cross-pressured: friendly interest ties to both sides, the weaker at least this share of the stronger.
    pub cross_pressure_ratio: Param,
    /// Types that are commitments, not interests (left out of cross-pressure and remoteness).
    pub commitment_types: Vec<String>,
    pub remote_guarantor: Damping,
    /// Types that make two actors neighbours (a guarantor with neither an
    /// interest tie nor one of these to the party hit is remote).
    pub proximity_types: Vec<String>,
    /// Weights of relation types in structural balance (friendly +, hostile -).
    pub side_weights: IndexMap<String, f64>,
    pub default_side_weight: f64,
    /// Factor on a treaty tie's side weight where a strike opens its gate.
    pub side_invoked: f64,
    pub base_rate: Param,
    /// Types by which a person speaks for a state.
    pub person_types: Vec<String>,
    /// Types by which an actor is a party to a conflict (they make the conflict a hub).
    pub conflict_party_types: Vec<String>,
    pub channels: Vec<ChannelSpec>,
    /// The joining model (fitted by `casus calibrate`): combat, L4 and up.
    pub joining: Joining,
    /// How heuristic channels and the joining model share the levels.
    pub combat: Combat,
    /// The fitted side model (`[side_model]`, by `casus calibrate`): the
    /// side of every candidate state; `None`: structural balance alone.
    pub side_model: Option<Joining>,
}

impl Model {
    /// The weight of a fact of this status.
    pub fn status_weight(&self, s: Status) -> f64 {
        let i = Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.status_weight[i].p
    }

    /// The channels for a relation type.
    pub fn channels_for<'a>(&'a self, rtype: &'a str) -> impl Iterator<Item = &'a ChannelSpec> {
        self.channels.iter().filter(move |c| c.rtype == rtype)
    }

    pub fn side_weight(&self, rtype: &str) -> f64 {
        self.side_weights
            .get(rtype)
            .copied()
            .unwrap_or(self.default_side_weight)
    }

    /// Every id of a source this model cites, in first-use order.
    pub fn cited_sources(&self) -> Vec<&ModelSource> {
        let mut params: Vec<&Param> = Vec::new();
        params.extend(self.defence_open.levels.iter());
        params.extend(self.consultation_open.levels.iter());
        params.extend(self.treaty_closed.levels.iter());
        params.push(&self.base_rate);
        for c in &self.channels {
            params.extend(c.levels.iter());
        }
        params.extend(self.status_weight.iter());
        params.push(&self.mediator.factor);
        params.push(&self.cross_pressure.factor);
        params.push(&self.remote_guarantor.factor);
        params.push(&self.organisation.factor);
        params.push(&self.combat.co_belligerent);
        let mut ids: Vec<&str> = Vec::new();
        for p in params {
            if !ids.contains(&p.source.as_str()) {
                ids.push(p.source.as_str());
            }
        }
        ids.iter().filter_map(|i| self.sources.get(*i)).collect()
    }

    /// The model shipped in `graph/model.toml`, checked against `graph`.
    pub fn embedded(graph: &Graph) -> Result<Model, ScenarioError> {
        let text = embedded_file(EMBEDDED_MODEL).unwrap_or("");
        Model::parse(&SourceText::new(EMBEDDED_MODEL, text), graph).map(|(m, _)| m)
    }

    /// Parses and checks a model file; returns the model and its warnings.
    pub fn parse(
        src: &SourceText,
        graph: &Graph,
    ) -> Result<(Model, Vec<Diagnostic>), ScenarioError> {
        let mut p = ModelParser {
            src,
            graph,
            diags: Vec::new(),
        };
        let model = p.parse();
        let (errors, warnings): (Vec<_>, Vec<_>) =
            p.diags.into_iter().partition(|d| d.level == Level::Error);
        match model {
            Some(m) if errors.is_empty() => Ok((m, warnings)),
            _ => {
                let mut diagnostics = errors;
                diagnostics.extend(warnings);
                Err(ScenarioError {
                    what: "model".into(),
                    diagnostics,
                    sources: vec![src.clone()],
                })
            }
        }
    }
}

// ------------------------------------------------------------------ raw file

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    #[serde(default)]
    source: Vec<S<RawSource>>,
    status_weight: S<IndexMap<String, S<RawParam>>>,
    treaty: RawTreaty,
    organisation: RawOrganisation,
    damping: RawDampings,
    sides: RawSides,
    base_rate: S<RawParam>,
    persons: RawTypes,
    conflicts: RawConflicts,
    #[serde(default)]
    channel: Vec<S<RawChannel>>,
    joining: S<super::fit::RawJoining>,
    combat: super::fit::RawCombat,
    #[serde(default)]
    side_model: Option<S<super::fit::RawJoining>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: S<String>,
    citation: String,
    #[serde(default)]
    finding: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    heuristic: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParam {
    p: S<f64>,
    source: S<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevels {
    why: String,
    levels: S<Vec<S<RawParam>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTreaty {
    defence_open: RawLevels,
    consultation_open: RawLevels,
    closed: RawLevels,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganisation {
    max_level: S<u8>,
    source: S<String>,
    #[serde(default)]
    note: Option<String>,
    consensus: RawDamping,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDamping {
    factor: S<RawParam>,
    #[serde(default)]
    from_level: Option<S<u8>>,
    #[serde(default)]
    types: Vec<S<String>>,
    #[serde(default)]
    via: Vec<S<String>>,
    #[serde(default)]
    ratio: Option<S<RawParam>>,
    #[serde(default)]
    commitment_types: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDampings {
    mediator: RawDamping,
    cross_pressure: RawDamping,
    remote_guarantor: RawDamping,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSides {
    #[serde(default)]
    why: Option<String>,
    source: S<String>,
    default_weight: f64,
    #[serde(default = "default_invoked")]
    invoked: f64,
    weights: IndexMap<S<String>, f64>,
}

fn default_invoked() -> f64 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTypes {
    speak_for: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConflicts {
    party_types: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    #[serde(rename = "type")]
    rtype: S<String>,
    partner: S<String>,
    side: S<String>,
    why: String,
    levels: S<Vec<S<RawParam>>>,
    #[serde(default)]
    gate: Option<S<String>>,
    #[serde(default)]
    closed_max: Option<u8>,
    #[serde(default)]
    cap_by_support: IndexMap<S<String>, S<u8>>,
    #[serde(default)]
    source_level: Option<S<u8>>,
    #[serde(default)]
    partner_kinds: Vec<S<String>>,
}

struct ModelParser<'a> {
    src: &'a SourceText,
    graph: &'a Graph,
    diags: Vec<Diagnostic>,
}

impl ModelParser<'_> {
    fn err(&mut self, span: std::ops::Range<usize>, msg: impl Into<String>, hint: Option<String>) {
        let d = self.src.diag(Level::Error, span, msg, hint);
        self.diags.push(d);
    }
    fn warn(&mut self, span: std::ops::Range<usize>, msg: impl Into<String>, hint: Option<String>) {
        let d = self.src.diag(Level::Warning, span, msg, hint);
        self.diags.push(d);
    }

    fn parse(&mut self) -> Option<Model> {
        let raw: RawModel = match toml::from_str(&self.src.text) {
            Ok(r) => r,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().trim().to_string();
                let hint = if msg.contains("unknown field") {
                    "check the spelling; the fields of graph/model.toml are described in its header and in docs/format.md"
                } else if msg.contains("missing field") {
                    "the model needs this field; see the shipped graph/model.toml"
                } else {
                    "see the shipped graph/model.toml for the layout"
                };
                self.err(span, format!("model: {msg}"), Some(hint.into()));
                return None;
            }
        };
        let mut sources = IndexMap::new();
        for s in &raw.source {
            let r = s.get_ref();
            let id = r.id.get_ref().clone();
            if sources.contains_key(&id) {
                self.err(
                    r.id.span(),
                    format!("source `{id}` is declared twice"),
                    None,
                );
                continue;
            }
            sources.insert(
                id.clone(),
                ModelSource {
                    id,
                    citation: r.citation.clone(),
                    finding: r.finding.clone(),
                    url: r.url.clone(),
                    heuristic: r.heuristic,
                },
            );
        }
        let mut status_weight = Vec::new();
        for st in Status::ALL {
            match raw.status_weight.get_ref().get(st.as_str()) {
                Some(p) => status_weight.push(self.param(&sources, p)),
                None => {
                    self.err(
                        raw.status_weight.span(),
                        format!("status_weight has no weight for `{st}`"),
                        Some("give every status a weight: confirmed, reported, claimed, alleged, considered, denied".into()),
                    );
                    status_weight.push(Param {
                        p: 0.0,
                        source: String::new(),
                        note: None,
                    });
                }
            }
        }
        for k in raw.status_weight.get_ref().keys() {
            if Status::parse(k).is_none() {
                let hint = did_you_mean(k, Status::ALL.iter().map(|s| s.as_str()))
                    .map(|s| format!("did you mean `{s}`?"));
                self.err(
                    raw.status_weight.span(),
                    format!("unknown status `{k}`"),
                    hint,
                );
            }
        }
        let defence_open = self.levels(&sources, &raw.treaty.defence_open);
        let consultation_open = self.levels(&sources, &raw.treaty.consultation_open);
        let treaty_closed = self.levels(&sources, &raw.treaty.closed);
        let org = &raw.organisation;
        self.source_ref(&sources, &org.source);
        if !(1..=5).contains(org.max_level.get_ref()) {
            self.err(org.max_level.span(), "a level is 1 to 5", None);
        }
        let organisation_max_level = Param {
            p: *org.max_level.get_ref() as f64,
            source: org.source.get_ref().clone(),
            note: org.note.clone(),
        };
        let organisation = self.damping(&sources, &org.consensus);
        let mediator = self.damping(&sources, &raw.damping.mediator);
        let mediator_types = self.types(&raw.damping.mediator.types);
        let mediator_via = self.types(&raw.damping.mediator.via);
        let cross_pressure = self.damping(&sources, &raw.damping.cross_pressure);
        let cross_pressure_ratio = match &raw.damping.cross_pressure.ratio {
            Some(r) => self.param(&sources, r),
            None => {
                self.err(
                    raw.damping.cross_pressure.factor.span(),
                    "[damping.cross_pressure] needs a `ratio`",
                    Some("ratio = { p = 0.34, source = \"heuristic\" }: the weaker side's share of the stronger".into()),
                );
                Param {
                    p: 1.0,
                    source: String::new(),
                    note: None,
                }
            }
        };
        let commitment_types = self.types(&raw.damping.cross_pressure.commitment_types);
        let remote_guarantor = self.damping(&sources, &raw.damping.remote_guarantor);
        let proximity_types = self.types(&raw.damping.remote_guarantor.types);
        self.source_ref(&sources, &raw.sides.source);
        let _ = &raw.sides.why;
        let mut side_weights = IndexMap::new();
        for (k, v) in &raw.sides.weights {
            self.check_type(k);
            side_weights.insert(k.get_ref().clone(), *v);
        }
        let base_rate = self.param(&sources, &raw.base_rate);
        let person_types = self.types(&raw.persons.speak_for);
        let conflict_party_types = self.types(&raw.conflicts.party_types);
        let mut channels = Vec::new();
        for c in &raw.channel {
            if let Some(ch) = self.channel(&sources, c) {
                channels.push(ch);
            }
        }
        let joining = super::fit::joining(self.src, &raw.joining, &mut self.diags);
        let side_model = raw
            .side_model
            .as_ref()
            .map(|r| super::fit::side_model(self.src, r, &mut self.diags));
        let exempt = self.types(raw.combat.types());
        let co_bell = self.param(&sources, raw.combat.co_belligerent());
        let mut combat = super::fit::combat(self.src, &raw.combat, co_bell, &mut self.diags);
        combat.exempt_types = exempt;
        Some(Model {
            joining,
            side_model,
            combat,
            sources,
            status_weight,
            defence_open,
            consultation_open,
            treaty_closed,
            organisation_max_level,
            organisation,
            mediator,
            mediator_types,
            mediator_via,
            cross_pressure,
            cross_pressure_ratio,
            commitment_types,
            remote_guarantor,
            proximity_types,
            side_weights,
            default_side_weight: raw.sides.default_weight,
            side_invoked: raw.sides.invoked,
            base_rate,
            person_types,
            conflict_party_types,
            channels,
        })
    }

    fn source_ref(&mut self, sources: &IndexMap<String, ModelSource>, s: &S<String>) {
        if !sources.contains_key(s.get_ref()) {
            let hint = did_you_mean(s.get_ref(), sources.keys().map(String::as_str))
                .map(|x| format!("did you mean `{x}`?"))
                .unwrap_or_else(|| "declare it in a [[source]] table".into());
            self.err(
                s.span(),
                format!("unknown source `{}`", s.get_ref()),
                Some(hint),
            );
        }
    }

    fn param_raw(
        &mut self,
        sources: &IndexMap<String, ModelSource>,
        p: &S<RawParam>,
        max: f64,
    ) -> Param {
        let r = p.get_ref();
        self.source_ref(sources, &r.source);
        let v = *r.p.get_ref();
        if !(0.0..=max).contains(&v) || v.is_nan() {
            self.err(
                r.p.span(),
                format!("{v} is out of range"),
                Some(format!("a value here lies between 0 and {max}")),
            );
        }
        Param {
            p: v,
            source: r.source.get_ref().clone(),
            note: r.note.clone(),
        }
    }

    fn param(&mut self, sources: &IndexMap<String, ModelSource>, p: &S<RawParam>) -> Param {
        self.param_raw(sources, p, 1.0)
    }

    fn level_list(
        &mut self,
        sources: &IndexMap<String, ModelSource>,
        levels: &S<Vec<S<RawParam>>>,
    ) -> Vec<Param> {
        let list = levels.get_ref();
        if list.is_empty() || list.len() > 5 {
            self.err(
                levels.span(),
                format!("{} levels given", list.len()),
                Some("give P(level >= k) for k = 1 up to at most 5".into()),
            );
        }
        let mut out: Vec<Param> = Vec::new();
        for p in list.iter().take(5) {
            let v = self.param(sources, p);
            if let Some(prev) = out.last() {
                if v.p > prev.p + 1e-12 {
                    self.err(
                        p.get_ref().p.span(),
                        format!("P(level >= {}) = {} is above P(level >= {}) = {}", out.len() + 1, v.p, out.len(), prev.p),
                        Some("each level is the probability of reaching at least that level, so the list never rises".into()),
                    );
                }
            }
            out.push(v);
        }
        out
    }

    fn levels(&mut self, sources: &IndexMap<String, ModelSource>, l: &RawLevels) -> LevelSpec {
        LevelSpec {
            why: l.why.clone(),
            levels: self.level_list(sources, &l.levels),
        }
    }

    fn damping(&mut self, sources: &IndexMap<String, ModelSource>, d: &RawDamping) -> Damping {
        let from_level = d.from_level.as_ref().map(|l| *l.get_ref()).unwrap_or(2);
        if let Some(l) = &d.from_level {
            if !(1..=5).contains(l.get_ref()) {
                self.err(l.span(), "from_level must be 1 to 5", None);
            }
        }
        Damping {
            factor: self.param(sources, &d.factor),
            from_level,
        }
    }

    fn check_type(&mut self, t: &S<String>) {
        if !self.graph.schema.types.contains_key(t.get_ref()) && !self.graph.schema.types.is_empty()
        {
            let hint = did_you_mean(
                t.get_ref(),
                self.graph.schema.types.keys().map(String::as_str),
            )
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "it is never used; the graph's types are in its schema.toml".into());
            self.warn(
                t.span(),
                format!(
                    "relation type `{}` is not declared in the graph",
                    t.get_ref()
                ),
                Some(hint),
            );
        }
    }

    fn types(&mut self, list: &[S<String>]) -> Vec<String> {
        for t in list {
            self.check_type(t);
        }
        list.iter().map(|t| t.get_ref().clone()).collect()
    }

    fn channel(
        &mut self,
        sources: &IndexMap<String, ModelSource>,
        c: &S<RawChannel>,
    ) -> Option<ChannelSpec> {
        let r = c.get_ref();
        self.check_type(&r.rtype);
        let directed = self
            .graph
            .schema
            .types
            .get(r.rtype.get_ref())
            .map(|t| t.directed);
        let partner = match r.partner.get_ref().as_str() {
            "from" => PartnerRole::From,
            "to" => PartnerRole::To,
            "either" => PartnerRole::Either,
            other => {
                self.err(
                    r.partner.span(),
                    format!("unknown partner `{other}`"),
                    Some("use from (the relation's `from` is drawn in), to, or either (symmetric types)".into()),
                );
                return None;
            }
        };
        match (directed, partner) {
            (Some(false), PartnerRole::From | PartnerRole::To) => self.err(
                r.partner.span(),
                format!(
                    "`{}` is symmetric: its ends have no from and to",
                    r.rtype.get_ref()
                ),
                Some("use partner = \"either\"".into()),
            ),
            (Some(true), PartnerRole::Either) => self.warn(
                r.partner.span(),
                format!(
                    "`{}` is directed; `either` draws in both ends alike",
                    r.rtype.get_ref()
                ),
                Some("use from or to unless both directions are meant".into()),
            ),
            _ => {}
        }
        let side = match r.side.get_ref().as_str() {
            "same" => SideRule::Same,
            "opposite" => SideRule::Opposite,
            "none" => SideRule::None,
            other => {
                self.err(
                    r.side.span(),
                    format!("unknown side `{other}`"),
                    Some("use same, opposite or none".into()),
                );
                return None;
            }
        };
        let levels = self.level_list(sources, &r.levels);
        let gate = match &r.gate {
            None => None,
            Some(g) if g.get_ref() == "host_territory" => {
                let closed_max = r.closed_max.unwrap_or(1).min(5);
                Some(ChannelGate::HostTerritory { closed_max })
            }
            Some(g) => {
                self.err(
                    g.span(),
                    format!("unknown gate `{}`", g.get_ref()),
                    Some("the only channel gate is host_territory".into()),
                );
                None
            }
        };
        let mut cap_by_support = Vec::new();
        for (k, v) in &r.cap_by_support {
            match SupportKind::parse(k.get_ref()) {
                Some(kind) => {
                    let lv = *v.get_ref();
                    if !(1..=5).contains(&lv) {
                        self.err(v.span(), "a level is 1 to 5", None);
                    }
                    cap_by_support.push((kind, lv));
                }
                None => {
                    let (msg, hint) = SupportKind::unknown(k.get_ref());
                    self.err(k.span(), msg, Some(hint));
                }
            }
        }
        let source_level = match &r.source_level {
            None => 1,
            Some(v) => {
                let lv = *v.get_ref();
                if !(1..=5).contains(&lv) {
                    self.err(
                        v.span(),
                        "source_level is a level, 1 to 5",
                        Some(
                            "the least level the pulling actor must have; belligerents are 5"
                                .into(),
                        ),
                    );
                }
                lv.clamp(1, 5)
            }
        };
        let mut partner_kinds = Vec::new();
        for k in &r.partner_kinds {
            match ActorKind::parse(k.get_ref()) {
                Some(kind) => partner_kinds.push(kind),
                None => {
                    let all: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
                    self.err(
                        k.span(),
                        format!("unknown actor kind `{}`", k.get_ref()),
                        Some(format!("use {}", all.join(", "))),
                    );
                }
            }
        }
        Some(ChannelSpec {
            rtype: r.rtype.get_ref().clone(),
            partner,
            side,
            why: r.why.clone(),
            levels,
            gate,
            cap_by_support,
            source_level,
            partner_kinds,
        })
    }
}
