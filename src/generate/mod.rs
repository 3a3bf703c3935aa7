//! Synthetic world-scale actor graphs, for benchmarks and scale tests.
//!
//! [`world`] builds a seeded, reproducible graph shaped like the real
//! thing: states grouped in regions with land borders, territories and
//! places `part_of` them, leaders with terms of office, organisations
//! (some of them alliances bound by a treaty) with their members,
//! bilateral defence pacts each with its own treaty and obligation
//! conditions (territorial scope, defensive only, severity, adversaries),
//! arms supplies from a heavy-tailed set of suppliers, rivalries and the
//! attacks, wars and diplomacy that go with them. Every relation cites the
//! one generated reference, `synthetic-SEED` ("synthetic graph, seed S"):
//! nothing generated pretends to come from a seed text.
//!
//! [`toml_files`] writes any [`Graph`] in the project's TOML format (the
//! loader reads it back with zero diagnostics) and [`bulk_files`] in the
//! bulk layout (TSV tables of actors and relations, see docs/format.md);
//! both write all the graph holds (`same_as`, state attributes,
//! covariates, statements) but the types' domains.
//!
//! Invariant: no I/O except [`write_files`]; the same params and seed
//! give the same graph, byte for byte once written.

pub mod rng;
mod write;

pub use rng::Rng;
pub use write::{bulk_files, toml_files, write_files};

use crate::model::*;
use std::collections::HashSet;
use std::ops::Range;

/// How big a world to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Number of actors (at least [`Params::MIN_ACTORS`]).
    pub actors: usize,
    /// Number of relations, exactly.
    pub relations: usize,
}

/// Parameters the generator cannot honour.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamsError {
    #[error("at least {min} actors are needed to make a world (asked for {asked})")]
    TooFewActors { min: usize, asked: usize },
    #[error("{relations} relations among {actors} actors is too dense: at most {max} per actor")]
    TooDense {
        actors: usize,
        relations: usize,
        max: usize,
    },
}

impl Params {
    pub const MIN_ACTORS: usize = 30;
    /// Relations per actor above which the generator refuses (it would
    /// spend its time looking for facts not yet stated).
    pub const MAX_DENSITY: usize = 200;

    pub fn new(actors: usize, relations: usize) -> Params {
        Params { actors, relations }
    }

    /// `relations` relations among one actor per ten relations (the shape
    /// of the benchmark graphs: 100k actors for 1M relations).
    pub fn with_relations(relations: usize) -> Params {
        Params {
            actors: (relations / 10).max(Self::MIN_ACTORS),
            relations,
        }
    }

    /// An upper bound of the peak memory of generating and writing this
    /// world: 1 KB per relation and 2 KB per actor (the peak measured at
    /// 100k relations was 745 bytes per relation, files in memory included).
    pub fn memory_estimate(&self) -> u64 {
        (self.relations as u64)
            .saturating_mul(1000)
            .saturating_add((self.actors as u64).saturating_mul(2000))
    }

    pub fn check(&self) -> Result<(), ParamsError> {
        if self.actors < Self::MIN_ACTORS {
            return Err(ParamsError::TooFewActors {
                min: Self::MIN_ACTORS,
                asked: self.actors,
            });
        }
        if self.relations > self.actors * Self::MAX_DENSITY {
            return Err(ParamsError::TooDense {
                actors: self.actors,
                relations: self.relations,
                max: Self::MAX_DENSITY,
            });
        }
        Ok(())
    }
}

/// The id of the one reference every generated fact cites.
pub fn reference_id(seed: u64) -> String {
    format!("synthetic-{seed}")
}

/// The schema of the shipped graph (`graph/schema.toml`): generated
/// graphs speak the same vocabulary as the curated one.
pub fn shipped_schema() -> Schema {
    let text =
        crate::load::embedded_file("graph/schema.toml").expect("graph/schema.toml is embedded");
    let files =
        crate::load::GraphFiles::from_texts(vec![("graph/schema.toml".into(), text.into())]);
    match crate::load::load(&files) {
        Ok(l) => l.graph.schema,
        Err(e) => panic!("the shipped schema does not load:\n{}", e.render(false)),
    }
}

/// A synthetic world of `params.actors` actors and exactly
/// `params.relations` relations, the same for the same seed.
///
/// Panics if `params.check()` fails.
///
/// ```
/// use casus::generate::{world, Params};
/// let g = world(&Params::new(100, 500), 7);
/// assert_eq!((g.actors.len(), g.relations.len()), (100, 500));
/// ```
pub fn world(params: &Params, seed: u64) -> Graph {
    if let Err(e) = params.check() {
        panic!("{e}");
    }
    Gen::new(params, seed).run()
}

// ------------------------------------------------------------------ names

const SYLLABLES: [&str; 40] = [
    "ka", "ro", "va", "len", "mi", "dor", "sa", "tu", "bel", "ar", "no", "vi", "zan", "el", "ost",
    "ur", "ha", "lin", "mar", "pe", "tor", "ga", "si", "lo", "ven", "da", "ri", "kor", "an", "is",
    "mo", "ber", "ta", "ne", "gal", "ru", "fen", "do", "ish", "ya",
];

/// A pronounceable word for a number (two to four syllables).
fn word(mut n: usize, salt: usize) -> String {
    let mut s = String::new();
    n = n.wrapping_mul(2_654_435_761).wrapping_add(salt) % 1_000_000_007;
    let len = 2 + n % 3;
    for _ in 0..len {
        s.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        n = n.wrapping_mul(31).wrapping_add(7);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

fn slug(name: &str) -> String {
    normalise_name(name).replace(' ', "-")
}

/// ISO-like three-letter code for the `i`-th state (AAA, AAB, ...).
fn iso3(i: usize) -> String {
    let l = |x: usize| (b'A' + (x % 26) as u8) as char;
    [l(i / 676), l(i / 26), l(i)].iter().collect()
}

// -------------------------------------------------------------- generator

const STATUSES: [(Status, f64); 6] = [
    (Status::Reported, 0.60),
    (Status::Confirmed, 0.25),
    (Status::Claimed, 0.07),
    (Status::Alleged, 0.05),
    (Status::Considered, 0.02),
    (Status::Denied, 0.01),
];

const SYSTEMS: [&str; 10] = [
    "aircraft",
    "drones",
    "armoured vehicles",
    "artillery",
    "air defence systems",
    "missiles",
    "ships",
    "small arms",
    "sensors",
    "engines",
];

/// What a relation's dates are.
#[derive(Clone, Copy)]
enum When {
    None,
    Since(PartialDate),
    Span(PartialDate, PartialDate),
    Day(PartialDate),
}

struct Gen {
    rng: Rng,
    seed: u64,
    target: usize,
    b: GraphBuilder,
    /// (type, from, to, since, until, place): the loader's notion of "the same fact".
    seen: HashSet<(u16, u32, u32, u32, u32, u32)>,
    type_ix: std::collections::HashMap<String, u16>,
    states: Range<u32>,
    orgs: Range<u32>,
    armed: Range<u32>,
    conflicts: Range<u32>,
    territories: Range<u32>,
    places: Range<u32>,
    persons: Range<u32>,
    /// States by region.
    regions: Vec<Vec<u32>>,
    region_of: Vec<u32>,
    /// Land borders, as generated (both directions listed).
    neighbours: Vec<Vec<u32>>,
    /// Territories and places of each state (de jure).
    land_of: Vec<Vec<u32>>,
    /// States in order of military weight (suppliers are drawn from the front).
    power: Vec<u32>,
    /// Hostile pairs (rivals), for attacks and threats.
    hostile: Vec<(u32, u32)>,
    /// Organisations that are alliances, with their treaty.
    alliances: Vec<(u32, TreatyId)>,
}

fn date_key(d: Option<PartialDate>) -> u32 {
    d.map(|d| {
        d.year as u32 * 10_000 + d.month.unwrap_or(0) as u32 * 100 + d.day.unwrap_or(0) as u32
    })
    .unwrap_or(0)
}

impl Gen {
    fn new(p: &Params, seed: u64) -> Gen {
        let schema = shipped_schema();
        let type_ix = schema
            .types
            .keys()
            .enumerate()
            .map(|(i, k)| (k.clone(), i as u16))
            .collect();
        let mut b = GraphBuilder::new(schema);
        b.references.insert(
            reference_id(seed),
            Reference {
                id: reference_id(seed),
                title: format!("synthetic graph, seed {seed}"),
                publisher: Some("casus generate".into()),
                date: None,
                url: None,
                citation: Some(format!(
                    "Generated by `casus generate --actors {} --relations {} --seed {seed}`: every actor and fact is fictitious.",
                    p.actors, p.relations
                )),
            },
        );
        let n = p.actors;
        let frac = |f: f64, min: usize| ((n as f64 * f).round() as usize).max(min);
        let states = frac(0.03, 6);
        let orgs = frac(0.01, 2);
        let armed = frac(0.03, 2);
        let conflicts = frac(0.01, 1);
        let territories = frac(0.10, states);
        let places = frac(0.30, 3);
        let used = states + orgs + armed + conflicts + territories + places;
        let persons = n.saturating_sub(used);
        let mut at = 0u32;
        let mut take = |k: usize| {
            let r = at..at + k as u32;
            at += k as u32;
            r
        };
        let states_r = take(states);
        let orgs_r = take(orgs);
        let armed_r = take(armed);
        let conflicts_r = take(conflicts);
        let territories_r = take(territories);
        let places_r = take(places);
        let persons_r = take(persons);
        Gen {
            rng: Rng::new(seed),
            seed,
            target: p.relations,
            b,
            seen: HashSet::with_capacity(p.relations),
            type_ix,
            states: states_r,
            orgs: orgs_r,
            armed: armed_r,
            conflicts: conflicts_r,
            territories: territories_r,
            places: places_r,
            persons: persons_r,
            regions: Vec::new(),
            region_of: Vec::new(),
            neighbours: Vec::new(),
            land_of: Vec::new(),
            power: Vec::new(),
            hostile: Vec::new(),
            alliances: Vec::new(),
        }
    }

    fn cite(&self) -> Vec<Citation> {
        vec![Citation::Background {
            reference: reference_id(self.seed).into(),
            note: None,
        }]
    }

    fn pick_in(&mut self, r: &Range<u32>) -> u32 {
        r.start + self.rng.below((r.end - r.start) as usize) as u32
    }

    fn state(&mut self) -> u32 {
        let r = self.states.clone();
        self.pick_in(&r)
    }

    fn strong_state(&mut self) -> u32 {
        let i = self.rng.skewed(self.power.len(), 6.0);
        self.power[i]
    }

    /// A state in the same region as `s` most of the time, else anywhere.
    fn partner_of(&mut self, s: u32, local: f64) -> u32 {
        if self.rng.chance(local) {
            let reg = &self.regions[self.region_of[s as usize] as usize];
            reg[self.rng.below(reg.len())]
        } else {
            self.state()
        }
    }

    fn status(&mut self) -> Status {
        let u = self.rng.unit();
        let mut acc = 0.0;
        for (s, p) in STATUSES {
            acc += p;
            if u < acc {
                return s;
            }
        }
        Status::Reported
    }

    fn year(&mut self, lo: i32, hi: i32) -> PartialDate {
        PartialDate::year(self.rng.range(lo, hi))
    }

    fn day(&mut self, lo: i32, hi: i32) -> PartialDate {
        let year = self.rng.range(lo, hi);
        let month = self.rng.range(1, 12) as u8;
        let day = self.rng.range(1, days_in_month_of(year, month) as i32) as u8;
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Dates of a tie that began in `since` and, with probability `ended`,
    /// ended `lo..=hi` years later (still holding if that is after 2024):
    /// most of what a world graph records is history.
    fn lasting(&mut self, since: PartialDate, ended: f64, lo: i32, hi: i32) -> When {
        if !self.rng.chance(ended) {
            return When::Since(since);
        }
        let until = since.year + self.rng.range(lo, hi);
        if until > 2024 {
            When::Since(since)
        } else {
            When::Span(since, PartialDate::year(until))
        }
    }

    fn full(&self) -> bool {
        self.b.relations().len() >= self.target
    }

    /// Adds a relation unless the same fact is already stated (or the
    /// budget is spent); returns whether it was added.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        rtype: &str,
        from: u32,
        to: u32,
        when: When,
        place: Option<u32>,
        fill: impl FnOnce(&mut Gen, &mut Relation),
    ) -> bool {
        if from == to || self.full() {
            return false;
        }
        let t = self.type_ix[rtype];
        let directed = self.b.schema.types[rtype].directed;
        let (since, until) = match when {
            When::None => (None, None),
            When::Since(s) => (Some(s), None),
            When::Span(s, u) => (Some(s), Some(u)),
            When::Day(d) => (Some(d), Some(d)),
        };
        let (a, z) = if directed || from < to {
            (from, to)
        } else {
            (to, from)
        };
        let key = (
            t,
            a,
            z,
            date_key(since),
            date_key(until),
            place.map_or(u32::MAX, |p| p),
        );
        if !self.seen.insert(key) {
            return false;
        }
        let status = self.status();
        let mut rel = Relation::new(rtype, ActorId(from), ActorId(to), status, self.cite());
        rel.valid_from = since;
        rel.valid_until = until;
        rel.place = place.map(ActorId);
        match status {
            Status::Claimed => rel.claimed_by.push(ActorId(from)),
            Status::Denied => rel.denied_by.push(ActorId(from)),
            _ => {}
        }
        fill(self, &mut rel);
        self.b
            .add_relation(rel)
            .expect("declared type, known actors");
        true
    }

    /// Calls `one` until it has added `budget` relations, or until it
    /// keeps failing (the space of new facts of that kind is exhausted).
    fn repeat(&mut self, budget: usize, mut one: impl FnMut(&mut Gen) -> bool) {
        let mut added = 0;
        let mut misses = 0;
        while added < budget && !self.full() && misses < 64 + budget {
            if one(self) {
                added += 1;
            } else {
                misses += 1;
            }
        }
    }

    fn budget(&self, f: f64) -> usize {
        (self.target as f64 * f).round() as usize
    }

    fn run(mut self) -> Graph {
        self.actors();
        self.geography();
        self.leaders();
        self.organisations();
        self.pacts();
        self.military();
        self.conflict();
        self.diplomacy();
        // Whatever budget the capped kinds left is spent on facts with
        // room for many more: arms deals, attacks, economic ties, alignments.
        let mut round = 0usize;
        let mut stalled = 0usize;
        while !self.full() {
            let before = self.b.relations().len();
            match round % 4 {
                0 => self.arms_deal(),
                1 => self.attack(),
                2 => self.economic_tie(),
                _ => self.alignment(),
            };
            round += 1;
            if self.b.relations().len() == before {
                stalled += 1;
                assert!(
                    stalled < 1_000_000,
                    "the generator cannot find new facts: too many relations for the actors"
                );
            } else {
                stalled = 0;
            }
        }
        self.b.build()
    }

    // ----------------------------------------------------------- actors

    fn actors(&mut self) {
        let mut names: HashSet<String> = HashSet::new();
        let mut unique = |base: String| -> String {
            let mut name = base.clone();
            let mut k = 2;
            while !names.insert(normalise_name(&name)) {
                name = format!("{base} {}", roman(k));
                k += 1;
            }
            name
        };
        let suffix = |i: usize, xs: &[&str]| xs[i % xs.len()].to_string();
        let n_states = self.states.len();
        let mut actors: Vec<Actor> = Vec::with_capacity(self.persons.end as usize);
        for i in 0..self.persons.end as usize {
            let i32_ = i as u32;
            let w = word(i, 11);
            let (kind, name) = if self.states.contains(&i32_) {
                let s = suffix(i, &["ia", "land", "istan", "ora", "esh", "ania", ""]);
                (ActorKind::State, unique(format!("{w}{s}")))
            } else if self.orgs.contains(&i32_) {
                let pat = suffix(
                    i,
                    &[
                        "{} Pact",
                        "{} Union",
                        "Council of {}",
                        "{} Cooperation Organisation",
                        "{} League",
                    ],
                );
                (ActorKind::Organisation, unique(pat.replace("{}", &w)))
            } else if self.armed.contains(&i32_) {
                let pat = suffix(
                    i,
                    &[
                        "{} Liberation Front",
                        "{} Brigades",
                        "Army of {}",
                        "{} Militia",
                    ],
                );
                (ActorKind::ArmedGroup, unique(pat.replace("{}", &w)))
            } else if self.conflicts.contains(&i32_) {
                let pat = suffix(
                    i,
                    &["{} War", "{} Crisis", "{} Insurgency", "{} Border Conflict"],
                );
                (ActorKind::Conflict, unique(pat.replace("{}", &w)))
            } else if self.territories.contains(&i32_) {
                let pat = suffix(
                    i,
                    &[
                        "{} Province",
                        "North {}",
                        "{} Oblast",
                        "{} Region",
                        "South {}",
                    ],
                );
                (ActorKind::Territory, unique(pat.replace("{}", &w)))
            } else if self.places.contains(&i32_) {
                let pat = suffix(i, &["{}", "Port {}", "{}grad", "{} Springs", "Fort {}"]);
                (ActorKind::Place, unique(pat.replace("{}", &w)))
            } else {
                let given = word(i, 3);
                let fam = suffix(i, &["ov", "son", "escu", "idis", "er", "i"]);
                (ActorKind::Person, unique(format!("{given} {w}{fam}")))
            };
            let mut a = GraphBuilder::simple_actor(&slug(&name), kind);
            a.name = name;
            if kind == ActorKind::State {
                a.iso3 = Some(iso3(i));
                a.cow = Some(2 + i as u16);
                // One state in twenty is a de facto state few recognise.
                a.recognised = n_states < 20 || i % 20 != 19;
            }
            actors.push(a);
        }
        for a in actors {
            self.b.add_actor(a).expect("unique ids");
        }
        // Regions of about twelve states.
        let n = self.states.len();
        let per = 12usize;
        let k = n.div_ceil(per);
        self.regions = (0..k)
            .map(|r| {
                (r * per..((r + 1) * per).min(n))
                    .map(|i| self.states.start + i as u32)
                    .collect()
            })
            .collect();
        self.region_of = (0..n).map(|i| (i / per) as u32).collect();
        let mut power: Vec<u32> = self.states.clone().collect();
        for i in (1..power.len()).rev() {
            let j = self.rng.below(i + 1);
            power.swap(i, j);
        }
        self.power = power;
        self.neighbours = vec![Vec::new(); n];
        self.land_of = vec![Vec::new(); n];
    }

    // -------------------------------------------------------- geography

    fn geography(&mut self) {
        // Land borders: each region a ring with chords, and one crossing to
        // the next region.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for reg in &self.regions {
            let m = reg.len();
            for i in 0..m {
                if m > 1 && (m > 2 || i == 0) {
                    pairs.push((reg[i], reg[(i + 1) % m]));
                }
                if m > 5 && i % 2 == 0 {
                    pairs.push((reg[i], reg[(i + 3) % m]));
                }
            }
        }
        for w in self.regions.windows(2) {
            pairs.push((*w[0].last().unwrap(), w[1][0]));
        }
        let budget = self.budget(0.03);
        for (a, z) in pairs.into_iter().take(budget) {
            if self.add("borders", a, z, When::None, None, |_, _| {}) {
                let s0 = self.states.start;
                self.neighbours[(a - s0) as usize].push(z);
                self.neighbours[(z - s0) as usize].push(a);
            }
        }
        // De jure geography: territory -> state, place -> territory or state.
        let budget = self.budget(0.15);
        let mut added = 0;
        let s0 = self.states.start;
        let ns = self.states.len() as u32;
        let mut terr_state = Vec::with_capacity(self.territories.len());
        for t in self.territories.clone() {
            let s = s0 + (t - self.territories.start) % ns;
            terr_state.push(s);
            if added < budget && self.add("part_of", t, s, When::None, None, |_, _| {}) {
                self.land_of[(s - s0) as usize].push(t);
                added += 1;
            }
        }
        for p in self.places.clone() {
            if added >= budget {
                break;
            }
            let (to, s) = if self.rng.chance(0.7) {
                let t = self.pick_in(&self.territories.clone());
                let s = terr_state[(t - self.territories.start) as usize];
                if !self.land_of[(s - s0) as usize].contains(&t) {
                    // Its territory is not placed: put the place in the state.
                    (s, s)
                } else {
                    (t, s)
                }
            } else {
                let s = self.state();
                (s, s)
            };
            if self.add("part_of", p, to, When::None, None, |_, _| {}) {
                self.land_of[(s - s0) as usize].push(p);
                added += 1;
            }
        }
        // De facto control: occupied territories, held by an armed group
        // or a neighbour.
        let budget = self.budget(0.004);
        self.repeat(budget, |g| {
            let s = g.state();
            let land = &g.land_of[(s - g.states.start) as usize];
            if land.is_empty() {
                return false;
            }
            let t = land[g.rng.below(land.len())];
            let holder = if g.rng.chance(0.6) {
                g.pick_in(&g.armed.clone())
            } else {
                g.partner_of(s, 0.9)
            };
            let since = g.year(1946, 2023);
            let when = g.lasting(since, 0.3, 1, 30);
            g.add("controls", holder, t, when, None, |_, _| {})
        });
    }

    // ------------------------------------------------------- leadership

    fn leaders(&mut self) {
        let budget = self.budget(0.10);
        let ns = self.states.len() as u32;
        let mut term_end: Vec<i32> = vec![1816; ns as usize];
        let mut added = 0;
        for p in self.persons.clone() {
            if added >= budget || self.full() {
                break;
            }
            let k = p - self.persons.start;
            let s = self.states.start + k % ns;
            let leader = self.rng.chance(0.6);
            let (rtype, role) = if leader {
                let roles = ["president", "prime minister", "king", "chancellor"];
                ("leader_of", *self.rng.pick(&roles))
            } else {
                let roles = [
                    "foreign minister",
                    "defence minister",
                    "spokesperson",
                    "presidential aide",
                    "ambassador",
                ];
                ("official_of", *self.rng.pick(&roles))
            };
            let i = (s - self.states.start) as usize;
            let start = term_end[i] + self.rng.range(0, 2);
            let len = self.rng.range(1, 12);
            let when = if start + len > 2024 {
                When::Since(PartialDate::year(start.min(2024)))
            } else {
                When::Span(PartialDate::year(start), PartialDate::year(start + len))
            };
            if leader {
                term_end[i] = (start + len).min(2010);
            }
            if self.add(rtype, p, s, when, None, |_, r| {
                r.role = Some(role.to_string().into())
            }) {
                added += 1;
            }
        }
    }

    // ---------------------------------------------------- organisations

    fn organisations(&mut self) {
        // One organisation in five is an alliance with a founding treaty.
        for o in self.orgs.clone() {
            if (o - self.orgs.start) % 5 != 0 {
                continue;
            }
            let name = self.b.actors()[o as usize].name.clone();
            let id = format!("charter-{}", self.b.actors()[o as usize].id);
            let signed = self.year(1919, 2015);
            let t = Treaty {
                id,
                name: format!("Charter of the {name}"),
                signed: Some(signed),
                in_force: Some(signed),
                until: None,
                obligations: vec![Obligation {
                    kind: ObligationKind::Defence,
                    trigger: "armed attack on a member".into(),
                    scope: Scope::RecognisedTerritory,
                    defensive_only: true,
                    min_severity: Severity::Incident,
                    adversaries: Vec::new(),
                    min_attackers: None,
                    consultation_only: false,
                }],
                atop_id: None,
                cow_id: None,
                evidence: self.cite(),
                note: None,
            };
            let tid = self.b.add_treaty(t).expect("unique treaty id");
            self.alliances.push((o, tid));
        }
        let budget = self.budget(0.08);
        let n_orgs = self.orgs.len();
        let regions = self.regions.len();
        self.repeat(budget, |g| {
            // Big organisations are few: sizes are heavy-tailed.
            let oi = g.rng.skewed(n_orgs, 2.0);
            let o = g.orgs.start + oi as u32;
            let s = if g.rng.chance(0.6) {
                let reg = &g.regions[oi % regions];
                reg[g.rng.below(reg.len())]
            } else {
                g.state()
            };
            let treaty = g.alliances.iter().find(|(a, _)| *a == o).map(|(_, t)| *t);
            let since = g.year(1919, 2023);
            let when = g.lasting(since, 0.15, 5, 60);
            g.add("member_of", s, o, when, None, |_, r| {
                r.treaty = treaty;
                if treaty.is_some() {
                    // Treaty members are confirmed by the treaty text.
                    r.status = Status::Confirmed;
                    r.claimed_by.clear();
                    r.denied_by.clear();
                }
            })
        });
        let budget = self.budget(0.003).min(n_orgs);
        for o in self.orgs.clone().take(budget) {
            let s = self.strong_state();
            self.add("leads", s, o, When::None, None, |_, _| {});
        }
    }

    // ------------------------------------------------------------ pacts

    fn pacts(&mut self) {
        let ns = self.states.len();
        let budget = self.budget(0.02).min(ns * 2);
        self.repeat(budget, |g| {
            let a = g.state();
            let z = g.partner_of(a, 0.6);
            if a == z {
                return false;
            }
            let signed = g.year(1900, 2020);
            let expired = g.rng.chance(0.3);
            let until =
                expired.then(|| PartialDate::year((signed.year + g.rng.range(5, 40)).min(2024)));
            let key = (
                g.type_ix["defence_pact"],
                a.min(z),
                a.max(z),
                date_key(Some(signed)),
                date_key(until),
                u32::MAX,
            );
            if g.full() || g.seen.contains(&key) {
                return false;
            }
            let scope = match g.rng.unit() {
                u if u < 0.55 => Scope::RecognisedTerritory,
                u if u < 0.80 => {
                    let mut regions = Vec::new();
                    for s in [a, z] {
                        let land = &g.land_of[(s - g.states.start) as usize];
                        if !land.is_empty() {
                            regions.push(ActorId(land[g.rng.below(land.len())]));
                        }
                    }
                    if regions.is_empty() {
                        Scope::Anywhere
                    } else {
                        Scope::Regions { regions }
                    }
                }
                _ => Scope::Anywhere,
            };
            let adversaries = if g.rng.chance(0.15) {
                vec![ActorId(g.state())]
            } else {
                Vec::new()
            }
            .into_iter()
            .filter(|x| x.0 != a && x.0 != z)
            .collect();
            let min_severity = match g.rng.unit() {
                u if u < 0.7 => Severity::Incident,
                u if u < 0.9 => Severity::Sustained,
                _ => Severity::Occupation,
            };
            let mut obligations = vec![Obligation {
                kind: ObligationKind::Defence,
                trigger: "armed attack on a party".into(),
                scope,
                defensive_only: g.rng.chance(0.85),
                min_severity,
                adversaries,
                min_attackers: None,
                consultation_only: false,
            }];
            if g.rng.chance(0.5) {
                obligations.push(Obligation {
                    kind: ObligationKind::Consultation,
                    trigger: "a threat to a party".into(),
                    scope: Scope::Anywhere,
                    defensive_only: false,
                    min_severity: Severity::Incident,
                    adversaries: Vec::new(),
                    min_attackers: None,
                    consultation_only: true,
                });
            }
            let (ia, iz) = (
                g.b.actors()[a as usize].id.clone(),
                g.b.actors()[z as usize].id.clone(),
            );
            let t = Treaty {
                id: format!("pact-{ia}-{iz}-{}", signed.year),
                name: format!(
                    "Treaty of Mutual Assistance between {} and {} ({})",
                    g.b.actors()[a as usize].name,
                    g.b.actors()[z as usize].name,
                    signed.year
                ),
                signed: Some(signed),
                in_force: Some(signed),
                until,
                obligations,
                atop_id: None,
                cow_id: None,
                evidence: g.cite(),
                note: None,
            };
            let Ok(tid) = g.b.add_treaty(t) else {
                return false;
            };
            let when = match until {
                Some(u) => When::Span(signed, u),
                None => When::Since(signed),
            };
            g.add("defence_pact", a, z, when, None, |_, r| {
                r.treaty = Some(tid);
                r.status = Status::Confirmed;
                r.claimed_by.clear();
                r.denied_by.clear();
            })
        });
        let budget = self.budget(0.05);
        self.repeat(budget, |g| g.alignment());
        let budget = self.budget(0.008);
        self.repeat(budget, |g| {
            let s = g.strong_state();
            let client = if g.rng.chance(0.7) {
                g.pick_in(&g.armed.clone())
            } else {
                g.state()
            };
            let since = g.year(1946, 2023);
            let when = g.lasting(since, 0.5, 2, 30);
            g.add("backs", s, client, when, None, |_, _| {})
        });
    }

    fn alignment(&mut self) -> bool {
        let a = self.state();
        let z = self.partner_of(a, 0.7);
        let since = self.year(1816, 2023);
        let when = self.lasting(since, 0.6, 5, 80);
        self.add("ally", a, z, when, None, |_, _| {})
    }

    // --------------------------------------------------------- military

    fn arms_deal(&mut self) -> bool {
        // A few big suppliers sell to many (SIPRI's shape).
        let s = self.strong_state();
        let to = if self.rng.chance(0.8) {
            self.state()
        } else {
            self.pick_in(&self.armed.clone())
        };
        let year = self.year(1950, 2024);
        let k = 1 + self.rng.below(2);
        let mut systems: Vec<String> = (0..k)
            .map(|_| self.rng.pick(&SYSTEMS).to_string())
            .collect();
        systems.dedup();
        // A deal is delivered over a few years.
        let when = self.lasting(year, 1.0, 1, 5);
        self.add("arms_supplier", s, to, when, None, |_, r| {
            r.systems = systems.iter().map(|s| Sym::new(s)).collect();
        })
    }

    fn military(&mut self) {
        let budget = self.budget(0.22);
        self.repeat(budget, |g| g.arms_deal());
        let budget = self.budget(0.01);
        self.repeat(budget, |g| {
            let s = g.strong_state();
            let host = g.state();
            let since = g.year(1946, 2023);
            let when = g.lasting(since, 0.5, 5, 50);
            g.add("military_base_in", s, host, when, None, |_, _| {})
        });
        let budget = self.budget(0.04);
        self.repeat(budget, |g| {
            let s = if g.rng.chance(0.7) {
                g.strong_state()
            } else {
                g.state()
            };
            let group = g.pick_in(&g.armed.clone());
            let since = g.year(1946, 2024);
            let k = 1 + g.rng.below(3);
            let mut support: Vec<SupportKind> =
                (0..k).map(|_| *g.rng.pick(&SupportKind::ALL)).collect();
            support.sort_by_key(|s| s.as_str());
            support.dedup();
            let when = g.lasting(since, 0.8, 1, 10);
            g.add("supports", s, group, when, None, |_, r| {
                r.support = support.into()
            })
        });
        let budget = self.budget(0.01);
        self.repeat(budget, |g| {
            let group = g.pick_in(&g.armed.clone());
            let side = g.state();
            let since = g.year(1946, 2024);
            let when = g.lasting(since, 0.8, 1, 10);
            g.add("fights_for", group, side, when, None, |_, _| {})
        });
    }

    // --------------------------------------------------------- conflict

    fn belligerent(&mut self) -> u32 {
        if self.rng.chance(0.75) {
            self.state()
        } else {
            self.pick_in(&self.armed.clone())
        }
    }

    fn attack(&mut self) -> bool {
        let (a, z) = if !self.hostile.is_empty() && self.rng.chance(0.7) {
            let (a, z) = *self.rng.pick(&self.hostile);
            if self.rng.chance(0.5) {
                (a, z)
            } else {
                (z, a)
            }
        } else {
            let a = self.belligerent();
            let z = if self.states.contains(&a) {
                let i = (a - self.states.start) as usize;
                if self.neighbours[i].is_empty() {
                    self.state()
                } else {
                    *self.rng.pick(&self.neighbours[i])
                }
            } else {
                self.state()
            };
            (a, z)
        };
        if !self.states.contains(&z) {
            return false;
        }
        let land = &self.land_of[(z - self.states.start) as usize];
        let place = if land.is_empty() {
            None
        } else {
            Some(land[self.rng.below(land.len())])
        };
        let day = self.day(1816, 2024);
        self.add("attacks", a, z, When::Day(day), place, |_, _| {})
    }

    fn conflict(&mut self) {
        let budget = self.budget(0.02);
        self.repeat(budget, |g| {
            let a = g.state();
            let z = g.partner_of(a, 0.8);
            let since = g.year(1816, 2023);
            let when = g.lasting(since, 0.5, 5, 100);
            if g.add("rival", a, z, when, None, |_, _| {}) {
                g.hostile.push((a, z));
                true
            } else {
                false
            }
        });
        let budget = self.budget(0.01);
        self.repeat(budget, |g| {
            let (a, z) = if g.hostile.is_empty() {
                (g.state(), g.state())
            } else {
                *g.rng.pick(&g.hostile)
            };
            let since = g.year(1816, 2022);
            let until = PartialDate::year((since.year + g.rng.range(0, 8)).min(2024));
            g.add("at_war", a, z, When::Span(since, until), None, |_, _| {})
        });
        let budget = self.budget(0.02);
        self.repeat(budget, |g| {
            let a = g.belligerent();
            let c = g.pick_in(&g.conflicts.clone());
            g.add("party_to", a, c, When::None, None, |_, _| {})
        });
        let budget = self.budget(0.005);
        self.repeat(budget, |g| {
            let a = g.state();
            let c = g.pick_in(&g.conflicts.clone());
            let d = g.day(1914, 2024);
            g.add("mobilises", a, c, When::Day(d), None, |_, _| {})
        });
        let budget = self.budget(0.02);
        self.repeat(budget, |g| {
            let a = g.belligerent();
            let z = if g.hostile.is_empty() || g.rng.chance(0.3) {
                g.state()
            } else {
                g.rng.pick(&g.hostile).1
            };
            let d = g.day(1900, 2024);
            g.add("threatens", a, z, When::Day(d), None, |_, _| {})
        });
        let budget = self.budget(0.07);
        self.repeat(budget, |g| g.attack());
    }

    fn economic_tie(&mut self) -> bool {
        let a = self.state();
        let z = self.partner_of(a, 0.5);
        let since = self.year(1950, 2023);
        let when = self.lasting(since, 0.4, 5, 60);
        self.add("economic_ties", a, z, when, None, |_, _| {})
    }

    // -------------------------------------------------------- diplomacy

    fn agent(&mut self) -> u32 {
        match self.rng.below(10) {
            0 => self.pick_in(&self.orgs.clone()),
            1 if !self.persons.is_empty() => self.pick_in(&self.persons.clone()),
            _ => self.state(),
        }
    }

    fn diplomacy(&mut self) {
        let budget = self.budget(0.04);
        self.repeat(budget, |g| g.economic_tie());
        let plain: [(&str, f64, bool); 7] = [
            // (type, share, object is a conflict)
            ("mediates", 0.01, true),
            ("calls_for_ceasefire", 0.02, true),
            ("condemns", 0.03, false),
            ("accuses", 0.03, false),
            ("denies", 0.01, false),
            ("demands", 0.005, false),
            ("recalls_ambassador", 0.01, false),
        ];
        for (rtype, share, on_conflict) in plain {
            let budget = self.budget(share);
            self.repeat(budget, |g| {
                let a = if rtype == "recalls_ambassador" {
                    g.state()
                } else {
                    g.agent()
                };
                let z = if on_conflict {
                    g.pick_in(&g.conflicts.clone())
                } else {
                    g.state()
                };
                let d = g.day(1900, 2024);
                let note = match rtype {
                    "accuses" => Some("of violating the ceasefire"),
                    "denies" => Some("having carried out the strike"),
                    "demands" => Some("withdrawal from the occupied territories"),
                    _ => None,
                };
                g.add(rtype, a, z, When::Day(d), None, |_, r| {
                    r.note = note.map(str::to_string).map(Into::into)
                })
            });
        }
        let budget = self.budget(0.005);
        self.repeat(budget, |g| {
            let a = g.state();
            let z = g.state();
            let y = g.year(1816, 2024);
            g.add("recognises", a, z, When::Since(y), None, |_, _| {})
        });
    }
}

fn days_in_month_of(year: i32, month: u8) -> u8 {
    let d: PartialDate = PartialDate {
        year,
        month: Some(month),
        day: None,
    };
    d.latest().day
}

fn roman(k: usize) -> String {
    const R: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut k = k;
    let mut s = String::new();
    for (v, r) in R {
        while k >= v {
            s.push_str(r);
            k -= v;
        }
    }
    s
}

/// The what-if of the world benchmarks: the best-connected pair of rival
/// states goes to war (a sustained strike on the target's territory), as
/// of 2024, every trial on the same seed; no leave-one-out reruns.
/// Used by `benches/cascade.rs` and `examples/perf.rs` (bench/compare.py),
/// so both time the same what-if. Panics if the graph has no two rival states.
pub fn world_scenario(g: &Graph) -> crate::escalate::Scenario {
    use crate::escalate::{Scenario, Strike};
    let degree = |a: ActorId| g.degree(a);
    let (a, z) = g
        .relations
        .iter()
        .filter(|r| {
            r.rtype == "rival"
                && g.actor(r.from).kind == ActorKind::State
                && g.actor(r.to).kind == ActorKind::State
        })
        .map(|r| (r.from, r.to))
        .max_by_key(|(a, z)| (degree(*a) + degree(*z), std::cmp::Reverse((*a, *z))))
        .expect("a generated world has rival states");
    let place = g
        .relations_of(z)
        .map(|r| g.relation(r))
        .find(|r| r.rtype == "part_of" && r.to == z)
        .map(|r| r.from)
        .unwrap_or(z);
    let mut sc = Scenario::new("world-war");
    sc.as_of = Date::new(2024, 1, 1);
    sc.strikes.push(Strike {
        attacker: a,
        target: z,
        place,
        severity: Severity::Sustained,
        fact: None,
        note: Some("benchmark what-if".into()),
    });
    sc.loo_trials = 0;
    sc
}
