//! `casus report`: the page is self-contained and escapes hostile text
//! (checked on the HTML), and it works in a real browser: headless
//! Chromium loads it with no console message and no network request, the
//! picture is there, and opening an edge (a click, dispatched by the
//! page's `#open=ID` link) shows its quote. Chromium is Debian's `chromium`
//! (`.ci/run` installs it); without it the browser test fails under CI
//! and is skipped, saying so, elsewhere.

use crate::{casus, fixture};
use std::path::{Path, PathBuf};
use std::process::Command;

fn report(graph: Option<&str>, args: &[&str], out: &Path) -> String {
    let mut c = casus();
    if let Some(g) = graph {
        c.arg("--graph").arg(fixture(g));
    }
    c.arg("report")
        .args(args)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
    std::fs::read_to_string(out).expect("the page is written")
}

#[test]
fn the_page_loads_nothing_and_names_what_made_it() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(None, &["--focus", "turkey"], &dir.path().join("r.html"));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(&format!("casus {}", env!("CARGO_PKG_VERSION"))));
    assert!(page.contains("built-in graph"));
    assert!(page.contains("<code>casus report --focus turkey -o "));
    assert!(page.contains("<svg"), "the picture is inline");
    assert!(!page.contains("<!DOCTYPE svg"), "no external DTD");
    for loader in [
        "<link",
        " src=",
        "url(",
        "@import",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(
            !page.contains(loader),
            "the page could load something: {loader}"
        );
    }
    // Addresses appear only as namespaces and as plain links to sources.
    let bare: Vec<&str> = page
        .match_indices("http")
        .map(|(i, _)| &page[i.saturating_sub(14)..i])
        .filter(|before| {
            !before.ends_with("<a href=\"")
                && !before.ends_with("\">")
                && !before.ends_with("xmlns=\"")
                && !before.ends_with("xmlns:xlink=\"")
        })
        .collect();
    assert!(bare.is_empty(), "addresses outside links: {bare:?}");
    for section in ["Actors (", "Facts (", "<h2>Sources</h2>", "@media print"] {
        assert!(page.contains(section), "{section} missing");
    }
}

#[test]
fn hostile_text_cannot_break_out_of_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(
        Some("hostile"),
        &["--title", "</script><script>alert(1)</script>"],
        &dir.path().join("r.html"),
    );
    assert_eq!(
        page.matches("<script").count(),
        2,
        "only the page's own scripts"
    );
    assert!(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)"));
    assert!(page.contains("x&#39;}) DETACH DELETE n; //"));
    assert!(!page.contains("<b>bold</b>"), "markup in names stays text");
}

/// Debian's Chromium, or `None` (and why) outside CI.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        if let Ok(out) = Command::new("which").arg(name).output() {
            if out.status.success() {
                let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
                return Some(PathBuf::from(p));
            }
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "chromium is not installed (apt-get install chromium); .ci/run installs it"
    );
    eprintln!("skipped: chromium is not installed (apt-get install chromium)");
    None
}

/// Runs headless Chromium on `url`: the DOM after the scripts ran, its
/// stderr log and its network log.
fn headless(chrome: &Path, dir: &Path, url: &str, extra: &[&str]) -> (String, String, String) {
    let netlog = dir.join("net.json");
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let net = std::fs::read_to_string(&netlog).unwrap_or_default();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        net,
    )
}

/// Requests the page made: every URL in the network log whose initiator is
/// an origin (the browser's own background requests have none).
fn page_requests(netlog: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(netlog).expect("a JSON network log");
    v["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| {
            let p = &e["params"];
            let initiator = p["initiator"].as_str()?;
            (initiator != "not an origin").then(|| p["url"].as_str().unwrap_or("?").to_string())
        })
        .collect()
}

#[test]
fn the_page_works_in_headless_chromium() {
    let Some(chrome) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("turkey.html");
    let page = report(None, &["--focus", "turkey"], &html);
    // An edge whose facts quote a seed, from the page's own data.
    let start = page.find("id=\"casus-facts\">").unwrap() + "id=\"casus-facts\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    let facts: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    let (edge, quote) = facts
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("rel-"))
        .find_map(|(k, v)| {
            v["facts"].as_array().unwrap().iter().find_map(|f| {
                f["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find_map(|s| s["quote"].as_str())
                    .map(|q| (k.clone(), q.to_string()))
            })
        })
        .expect("an edge with a quote");
    let url = format!("file://{}#open={edge}", html.display());
    let (dom, log, net) = headless(&chrome, dir.path(), &url, &["--dump-dom"]);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    assert!(!net.is_empty(), "no network log");
    assert_eq!(
        page_requests(&net),
        Vec::<String>::new(),
        "the page made requests"
    );
    assert!(dom.contains("<svg"), "the picture is in the DOM");
    let details = &dom[dom.find("<aside id=\"details\"").expect("the panel")..];
    let details = &details[..details.find("</aside>").unwrap()];
    let escaped = quote
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(
        details.contains(&escaped),
        "the quote is not shown: {details}"
    );
    assert!(details.contains("class=\"status\""), "{details}");
    // A screenshot: a real, non-blank picture.
    let shot = dir.path().join("shot.png");
    let arg = format!("--screenshot={}", shot.display());
    headless(&chrome, dir.path(), &url, &[&arg, "--window-size=1200,900"]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn the_network_check_sees_a_page_that_loads_something() {
    // The control: the same check on a page that fetches catches it.
    let Some(chrome) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("loads.html");
    std::fs::write(&page, "<img src=\"http://127.0.0.1:9/x.png\">").unwrap();
    let (_, _, net) = headless(
        &chrome,
        dir.path(),
        &format!("file://{}", page.display()),
        &["--dump-dom"],
    );
    assert!(page_requests(&net)
        .iter()
        .any(|u| u.contains("127.0.0.1:9")));
}

#[test]
fn a_what_if_report_has_the_gates_the_involvement_and_the_chains() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("w.html");
    let page = report(None, &["--escalate", "strikes-inside-armenia"], &html);
    for part in [
        "Azerbaijani strikes on military targets inside Armenia",
        "Involvement (",
        "P(L4+) (95%)",
        "Gates (",
        "<h2>Chains</h2>",
        "<h2>Sources</h2>",
        "P(L2+)",
    ] {
        assert!(page.contains(part), "{part} missing");
    }
    assert!(page.contains("&quot;actor-turkey&quot;") || page.contains("\"actor-turkey\""));
    casus()
        .args([
            "report",
            "--escalate",
            "strikes-inside-armenia",
            "--focus",
            "turkey",
        ])
        .assert()
        .code(2);
    let Some(chrome) = chromium() else { return };
    let url = format!("file://{}#open=actor-turkey", html.display());
    let (dom, log, _) = headless(&chrome, dir.path(), &url, &["--dump-dom"]);
    assert!(!log.contains(":CONSOLE"), "{log}");
    let details = &dom[dom.find("<aside id=\"details\"").unwrap()..];
    assert!(
        details.contains("<h3>Turkey (state)"),
        "{}",
        &details[..300.min(details.len())]
    );
}
