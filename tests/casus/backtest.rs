//! `casus backtest` end to end on the project's MID fixture
//! (tests/fixtures/data/cow-mid, hand-counted in its README) and the
//! fixture worlds; the library's selection, folds and scores.

use crate::{casus, fixture};
use casus::backtest::{cases, mid, run};

fn fixture_texts() -> (String, String) {
    let read = |f: &str| std::fs::read_to_string(fixture(&format!("data/cow-mid/{f}"))).unwrap();
    (read("MIDA-fixture.csv"), read("MIDB-fixture.csv"))
}

#[test]
fn the_fixture_selection_matches_the_hand_count() {
    let (a, b) = fixture_texts();
    let m = mid::parse(&a, "MIDA", &b, "MIDB").unwrap();
    assert_eq!(m.bad.len(), 1);
    assert_eq!(m.bad[0].row, "MIDB line 26");
    let s = cases::select(&m, cases::SeverityRule::Originators);
    let kept: Vec<u32> = s.cases.iter().map(|c| c.dispnum).collect();
    assert_eq!(kept, vec![1, 2, 3, 4, 7, 8]);
    assert_eq!(s.dropped[cases::BELOW_FORCE], 1);
    assert_eq!(s.dropped[cases::NOT_ONE_ORIGINATOR], 1);
    let war: Vec<bool> = s.cases.iter().map(|c| c.war).collect();
    assert_eq!(war, vec![false, true, false, false, false, false]);
}

#[test]
fn the_backtest_of_the_fixture_runs_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let (md, svg) = (dir.path().join("b.md"), dir.path().join("r.svg"));
    let out = casus()
        .args([
            "backtest", "--folds", "2", "--trials", "200", "--format", "json",
        ])
        .arg("--disputes")
        .arg(fixture("data/cow-mid"))
        .arg("--data")
        .arg(fixture("data"))
        .arg("--markdown")
        .arg(&md)
        .arg("--diagram")
        .arg(&svg)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["disputes_read"], 8);
    assert_eq!(v["cases"], 6);
    assert_eq!(v["candidates"], 49);
    assert_eq!(v["joiners"], 6);
    assert_eq!(v["unscorable_joiners"], 1);
    assert_eq!(v["malformed_rows"], 1);
    let names: Vec<&str> = v["predictors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[..4],
        [
            "base rate",
            "every ally joins",
            "every defence ally joins",
            "logistic regression"
        ]
    );
    assert!(names[4].starts_with("casus"));
    for p in v["predictors"].as_array().unwrap() {
        let o = &p["overall"];
        assert_eq!(o["candidates"], 49);
        assert_eq!(o["joiners"], 6);
        for k in ["brier", "log_loss", "auc", "average_precision"] {
            let x = o[k]
                .as_f64()
                .unwrap_or_else(|| panic!("{k} of {}", p["name"]));
            assert!(x.is_finite() && x >= 0.0, "{k} {x}");
        }
        let total: u64 = p["reliability"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum();
        assert_eq!(total, 49);
    }
    assert_eq!(v["predictors"][0]["overall"]["brier_skill"], 0.0);
    let md = std::fs::read_to_string(md).unwrap();
    assert!(
        md.contains("| predictor | Brier | Brier skill | AUC | AP |"),
        "{md}"
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("every ally joins"));
    roxmltree::Document::parse(&svg).expect("the diagram is well-formed XML");
}

#[test]
fn the_candidate_matrix_has_a_row_per_candidate_with_its_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("c.csv");
    casus()
        .args(["backtest", "--folds", "2"])
        .arg("--disputes")
        .arg(fixture("data/cow-mid"))
        .arg("--data")
        .arg(fixture("data"))
        .arg("--candidates-out")
        .arg(&csv)
        .assert()
        .success();
    let text = std::fs::read_to_string(csv).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    for col in [
        "dispnum",
        "fold",
        "joined",
        "side_a",
        "war",
        "e_log_distance",
        "side_rival",
    ] {
        assert!(head.contains(&col), "{col} in {head:?}");
    }
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // The same candidates and joiners as the backtest of the fixture.
    assert_eq!(rows.len(), 49);
    assert!(rows.iter().all(|r| r.len() == head.len()));
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let joined: Vec<&Vec<&str>> = rows.iter().filter(|r| r[col("joined")] == "1").collect();
    assert_eq!(joined.len(), 6);
    assert!(joined.iter().all(|r| !r[col("side_a")].is_empty()));
    assert!(rows
        .iter()
        .filter(|r| r[col("joined")] == "0")
        .all(|r| r[col("side_a")].is_empty()));
    // The engine's terms are filled in: candidates in their world have a
    // distance to the nearest belligerent (those not in it have no terms).
    let dist = |r: &Vec<&str>, c: &str| r[col(c)].parse::<f64>().unwrap();
    assert!(rows.iter().any(|r| dist(r, "e_log_distance") > 0.0));
    assert!(rows.iter().all(|r| dist(r, "e_log_distance") >= 0.0));
}

#[test]
fn the_base_rate_is_the_training_share_of_joiners() {
    // With two folds, each held-out fold gets the other fold's share.
    let (a, b) = fixture_texts();
    let texts = run::MidTexts {
        mida: &a,
        mida_name: "MIDA",
        midb: &b,
        midb_name: "MIDB",
    };
    let mut data = casus::backtest::worlds::DataTexts::default();
    for set in casus::backtest::worlds::SETS {
        data.insert_bytes(
            *set,
            &std::fs::read(fixture("data").join(set.file())).unwrap(),
        );
    }
    let opts = run::Options {
        folds: 2,
        seed: 7,
        trials: 100,
        limit: None,
        severity: cases::SeverityRule::Originators,
        data: "fixture".into(),
    };
    let s = run::setup(&texts, &data, &opts, &run::Silent).unwrap();
    let share = |f: usize| {
        let c: Vec<_> = s
            .cases
            .iter()
            .filter(|c| c.fold == f)
            .flat_map(|c| &c.candidates)
            .collect();
        c.iter().filter(|c| c.joined.is_some()).count() as f64 / c.len() as f64
    };
    use casus::backtest::predict::{BaseRate, Predictor};
    let train: Vec<_> = s.cases.iter().filter(|c| c.fold == 1).collect();
    let fitted = BaseRate.fit(&train).unwrap();
    let test = s.cases.iter().find(|c| c.fold == 0).unwrap();
    let p = fitted.predict(test);
    assert!(
        p.iter().all(|x| (x.p - share(1)).abs() < 1e-12),
        "{p:?} vs {}",
        share(1)
    );
    // Every candidate of a dispute is in its dispute's fold.
    assert!(s.cases.iter().all(|c| c.fold < 2));
    assert_eq!(
        s.cases.iter().map(|c| c.candidates.len()).sum::<usize>(),
        49
    );
}

#[test]
fn a_missing_mid_file_is_an_error_with_a_hint() {
    use predicates::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    casus()
        .args(["backtest", "--data"])
        .arg(fixture("data"))
        .arg("--disputes")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no MIDA*.csv").and(predicates::str::contains("hint:")));
}

#[test]
fn calibrate_rewrites_only_the_fitted_sections() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("model.toml");
    let shipped = casus::load::embedded_file("graph/model.toml").unwrap();
    std::fs::write(&out, shipped).unwrap();
    casus()
        .args(["calibrate", "--date", "2026-11-25", "--disputes"])
        .arg(fixture("data/cow-mid"))
        .arg("--data")
        .arg(fixture("data"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("fitted on 6 disputes"));
    let text = std::fs::read_to_string(&out).unwrap();
    // Every line outside [joining] and [side_model] is as shipped.
    let outside = |t: &str| -> Vec<String> {
        let mut keep = Vec::new();
        let mut inside = false;
        for l in t.lines() {
            if l.starts_with('[') {
                inside = l.starts_with("[joining") || l.starts_with("[side_model");
            }
            if !inside {
                keep.push(l.to_string());
            }
        }
        keep
    };
    assert_eq!(outside(&text), outside(shipped));
    let doc: toml::Table = text.parse().unwrap();
    let j = &doc["joining"];
    assert_eq!(j["fit"]["disputes"].as_integer(), Some(6));
    assert_eq!(j["fit"]["date"].as_str(), Some("2026-11-25"));
    let i = &j["intercept"];
    let (lo, est, hi) = (
        i["lo"].as_float().unwrap(),
        i["estimate"].as_float().unwrap(),
        i["hi"].as_float().unwrap(),
    );
    assert!(lo < est && est < hi);
    // A term the fixture cannot identify keeps its judgment.
    assert_eq!(j["terms"]["patron"]["heuristic"].as_bool(), Some(true));
    // The side model is fitted on the joiners, with intervals; support
    // ties are not in the imported worlds, so that term stays a judgment.
    let sm = &doc["side_model"];
    assert_eq!(sm["fit"]["disputes"].as_integer(), Some(6));
    assert!(sm["intercept"]["lo"].as_float().is_some());
    assert_eq!(
        sm["terms"]["side_support"]["heuristic"].as_bool(),
        Some(true)
    );
    // The written model loads, with the fit named.
    let g = crate::real_graph();
    let src = casus::load::SourceText::new("model.toml", text.clone());
    let (m, _) = casus::escalate::Model::parse(&src, &g).unwrap();
    assert!(
        m.joining.describe().contains("6 disputes"),
        "{}",
        m.joining.describe()
    );
}
