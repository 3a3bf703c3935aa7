//! Scoring the extractor on a hand-labelled set (tests/fixtures/extract/
//! labels.toml, rules in docs/extract.md): precision and recall of actors
//! (per text, deduplicated ids) and of relations (type, from, to;
//! symmetric types unordered), micro-averaged; status agreement on the
//! matched relations.
//!
//! **Invariant:** the labels are only read, never derived from the
//! extractor's output; a label naming an actor or type the graph lacks is
//! an error, not a silent miss.

use super::{extract, Options};
use crate::model::{Graph, PartialDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The labels file.
#[derive(Debug, Deserialize)]
pub struct Labels {
    pub text: Vec<LabelledText>,
}

/// One labelled text.
#[derive(Debug, Deserialize)]
pub struct LabelledText {
    pub file: String,
    pub url: String,
    pub publisher: String,
    pub date: String,
    #[serde(default)]
    pub date_note: Option<String>,
    pub actors: Vec<String>,
    #[serde(default)]
    pub new_names: Vec<String>,
    pub relations: Vec<LabelledRelation>,
}

/// One labelled relation.
#[derive(Debug, Deserialize)]
pub struct LabelledRelation {
    #[serde(rename = "type")]
    pub rtype: String,
    pub from: String,
    pub to: String,
    pub status: String,
}

/// Why a labelled set could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}\n  hint: see docs/extract.md for the labels format")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: text {file}: {message}")]
    Label {
        path: PathBuf,
        file: String,
        message: String,
    },
}

/// Counts for precision and recall.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    fn add(&mut self, got: &BTreeSet<String>, want: &BTreeSet<String>) {
        self.true_pos += got.intersection(want).count();
        self.false_pos += got.difference(want).count();
        self.false_neg += want.difference(got).count();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One text's differences, for reading what the extractor gets wrong.
#[derive(Clone, Debug, Serialize)]
pub struct TextScore {
    pub file: String,
    pub missed_relations: Vec<String>,
    pub extra_relations: Vec<String>,
    pub missed_actors: Vec<String>,
    pub extra_actors: Vec<String>,
}

/// The scores of a labelled set.
#[derive(Clone, Debug, Serialize)]
pub struct Scores {
    pub texts: usize,
    pub labelled_relations: usize,
    pub actors: Counts,
    pub relations: Counts,
    /// Matched relations whose extracted status equals the label.
    pub status_agree: usize,
    pub per_text: Vec<TextScore>,
}

/// Reads and checks a labels file against `graph`.
pub fn read_labels(graph: &Graph, path: &Path) -> Result<Labels, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.into(),
        source,
    })?;
    let labels: Labels = toml::from_str(&raw).map_err(|e| EvalError::Parse {
        path: path.into(),
        message: e.to_string(),
    })?;
    for t in &labels.text {
        let bad = |message: String| EvalError::Label {
            path: path.into(),
            file: t.file.clone(),
            message,
        };
        let ids = t
            .actors
            .iter()
            .chain(t.relations.iter().flat_map(|r| [&r.from, &r.to]));
        if let Some(id) = ids.into_iter().find(|id| graph.actor_by_id(id).is_none()) {
            return Err(bad(format!("unknown actor `{id}`")));
        }
        if let Some(r) = t
            .relations
            .iter()
            .find(|r| graph.schema.get(&r.rtype).is_none())
        {
            return Err(bad(format!("undeclared relation type `{}`", r.rtype)));
        }
    }
    Ok(labels)
}

fn rel_key(graph: &Graph, rtype: &str, from: &str, to: &str) -> String {
    let directed = graph.schema.get(rtype).is_none_or(|t| t.directed);
    let (a, b) = if !directed && to < from {
        (to, from)
    } else {
        (from, to)
    };
    format!("{rtype} {a} -> {b}")
}

/// Runs the extractor on every labelled text and scores it.
pub fn evaluate(graph: &Graph, labels_path: &Path) -> Result<Scores, EvalError> {
    let labels = read_labels(graph, labels_path)?;
    let dir = labels_path.parent().unwrap_or(Path::new("."));
    let mut scores = Scores {
        texts: 0,
        labelled_relations: 0,
        actors: Counts::default(),
        relations: Counts::default(),
        status_agree: 0,
        per_text: Vec::new(),
    };
    for t in &labels.text {
        let path = dir.join(&t.file);
        let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Read {
            path: path.clone(),
            source,
        })?;
        let opts = Options {
            date: t.date.parse::<PartialDate>().ok(),
            conflict: None,
        };
        let ex = extract(graph, &text, &opts);
        let got_a: BTreeSet<String> = ex.actors.iter().map(|a| a.id.clone()).collect();
        let want_a: BTreeSet<String> = t.actors.iter().cloned().collect();
        let got_r: BTreeSet<String> = ex
            .candidates
            .iter()
            .map(|c| rel_key(graph, &c.rtype, &c.from, &c.to))
            .collect();
        let want_r: BTreeSet<String> = t
            .relations
            .iter()
            .map(|r| rel_key(graph, &r.rtype, &r.from, &r.to))
            .collect();
        scores.actors.add(&got_a, &want_a);
        scores.relations.add(&got_r, &want_r);
        scores.labelled_relations += want_r.len();
        scores.texts += 1;
        for r in &t.relations {
            let k = rel_key(graph, &r.rtype, &r.from, &r.to);
            let c = ex
                .candidates
                .iter()
                .find(|c| rel_key(graph, &c.rtype, &c.from, &c.to) == k);
            if c.is_some_and(|c| c.status.as_str() == r.status) {
                scores.status_agree += 1;
            }
        }
        let diff = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
            a.difference(b).cloned().collect::<Vec<_>>()
        };
        scores.per_text.push(TextScore {
            file: t.file.clone(),
            missed_relations: diff(&want_r, &got_r),
            extra_relations: diff(&got_r, &want_r),
            missed_actors: diff(&want_a, &got_a),
            extra_actors: diff(&got_a, &want_a),
        });
    }
    Ok(scores)
}

/// How many of one source's facts the extractor proposes from its text.
#[derive(Clone, Debug, Serialize)]
pub struct SeedShare {
    pub doc: String,
    /// Relations of the graph citing a quote of this source (deduplicated
    /// by type and ends).
    pub facts: usize,
    /// Of those, the ones the extractor proposes from the source's text.
    pub proposed: usize,
    /// Candidates that are none of the source's facts.
    pub other_candidates: usize,
    pub missed: Vec<String>,
}

/// For each source of `graph`, the share of the relations that cite it
/// which `extract` proposes from its text (the seed facts of the built-in
/// graph, against the four seed posts).
pub fn seed_share(graph: &Graph) -> Vec<SeedShare> {
    let mut out = Vec::new();
    for (id, d) in &graph.documents {
        let want: BTreeSet<String> = graph
            .relations
            .iter()
            .filter(|r| {
                r.evidence
                    .iter()
                    .any(|c| matches!(c, crate::model::Citation::Seed { doc, .. } if doc == id))
            })
            .map(|r| {
                rel_key(
                    graph,
                    &r.rtype,
                    &graph.actor(r.from).id,
                    &graph.actor(r.to).id,
                )
            })
            .collect();
        let ex = extract(
            graph,
            &d.text,
            &Options {
                date: Some(d.date),
                conflict: None,
            },
        );
        let got: BTreeSet<String> = ex
            .candidates
            .iter()
            .map(|c| rel_key(graph, &c.rtype, &c.from, &c.to))
            .collect();
        out.push(SeedShare {
            doc: id.clone(),
            facts: want.len(),
            proposed: want.intersection(&got).count(),
            other_candidates: got.difference(&want).count(),
            missed: want.difference(&got).cloned().collect(),
        });
    }
    out
}
