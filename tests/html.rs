//! `report --format html` and `report --html FILE`: the page holds every user, cause,
//! policy, failure and fix of the JSON report, loads nothing, is well formed, and no log
//! text reaches it raw.

mod common;

use common::{doctor, fixture};
use serde_json::Value;

fn run(args: &[&str]) -> String {
    let out = doctor().args(args).assert().success().get_output().clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn html(file: &str) -> String {
    run(&["report", &fixture(file), "--format", "html"])
}

fn json(file: &str) -> Value {
    serde_json::from_str(&run(&["report", &fixture(file), "--format", "json"])).unwrap()
}

/// Log text as the page writes it (see `esc` in src/report/html.rs).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
        .replace('=', "&#61;")
        .replace("://", "&#58;//")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Nothing that would load or link anywhere: no URL, no `src=`, only `#anchor` links.
fn assert_offline(page: &str) {
    let lower = page.to_lowercase();
    for bad in ["http://", "https://", "src=", "url(", "@import", "//cdn"] {
        assert!(!lower.contains(bad), "{bad} in the page");
    }
    for (i, _) in lower.match_indices("href=") {
        let rest = &lower[i + 5..];
        assert!(
            rest.starts_with("\"#"),
            "a link that is not an anchor: {}",
            &page[i..(i + 60).min(page.len())]
        );
    }
}

/// Every opened tag of these kinds is closed, in a simple count.
fn assert_balanced(page: &str) {
    for tag in [
        "html", "head", "body", "table", "thead", "tbody", "svg", "details", "summary", "section",
        "script", "style", "ul", "dl",
    ] {
        let opened =
            page.matches(&format!("<{tag}>")).count() + page.matches(&format!("<{tag} ")).count();
        let closed = page.matches(&format!("</{tag}>")).count();
        assert_eq!(
            opened, closed,
            "<{tag}> opened {opened} times, closed {closed}"
        );
        assert!(opened > 0 || tag == "thead" || tag == "dl", "no <{tag}>");
    }
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn the_sample_tenant_page_shows_everything_the_json_does() {
    let page = html("sample-tenant.json");
    let doc = json("sample-tenant.json");
    assert_offline(&page);
    assert_balanced(&page);

    let summary = &doc["summary"];
    for (cause, n) in summary["by_cause"].as_object().unwrap() {
        assert!(
            page.contains(&format!(">{cause}</text>")),
            "{cause} in the chart"
        );
        assert!(
            page.contains(&format!("class=\"count\">{n} ")),
            "{cause}'s count {n} in the chart"
        );
        assert!(page.contains(&format!("c-{cause}")), "{cause} colour");
    }
    for (policy, n) in summary["by_policy"].as_object().unwrap() {
        let row = format!("<tr><td>{}</td><td class=\"num\">{n}</td>", escaped(policy));
        assert!(page.contains(&row), "{row}");
    }
    for u in doc["users"].as_array().unwrap() {
        let user = u["user"].as_str().unwrap();
        assert!(page.contains(&format!("<td class=\"user\">{}", escaped(user))));
        assert!(page.contains(&escaped(u["fix"].as_str().unwrap())));
        for f in u["findings"].as_array().unwrap() {
            assert!(page.contains(&escaped(f["detail"].as_str().unwrap())));
        }
    }
    let failures = doc["failures"].as_array().unwrap();
    assert_eq!(
        page.matches("<details class=\"failure\"").count(),
        failures.len()
    );
    for f in failures {
        assert!(page.contains(&escaped(f["request_id"].as_str().unwrap())));
        assert!(page.contains(&escaped(f["detail"].as_str().unwrap())));
        for e in strings(&f["evidence"]) {
            assert!(page.contains(&escaped(&e)), "evidence {e}");
        }
        for side in ["user", "admin"] {
            let fix = f["fix"][side].as_str().unwrap();
            assert!(page.contains(&escaped(fix)), "fix for the {side}: {fix}");
        }
    }
    // The tiles, the two charts, and the sections the tiles link to.
    let blocked = summary["blocked"].as_u64().unwrap();
    assert!(page.contains(&format!("<b>{blocked}</b><span>Blocked sign-ins")));
    assert!(page.contains("aria-label=\"Blocked sign-ins by cause\""));
    assert!(page.contains("aria-label=\"Blocked sign-ins over time per policy\""));
    for id in [
        "failures",
        "users",
        "causes",
        "policies",
        "notes",
        "incidents",
        "timeline",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    // Only the page's own style and script may run.
    assert!(page.contains("Content-Security-Policy"));
    assert!(page.contains("script-src 'sha256-"));
    assert!(!page.contains("unsafe-inline"));
}

#[test]
fn the_rollout_page_marks_the_incident_onset() {
    let page = html("rollout.json");
    let doc = json("rollout.json");
    assert_offline(&page);
    assert_balanced(&page);
    let incident = &doc["incidents"][0];
    let key = incident["key"].as_str().unwrap();
    assert_eq!(key, "CA035 - Block access from untrusted networks");
    assert_eq!(incident["onset"], "2026-11-03T09:14:22Z");
    assert!(
        page.contains(&format!(
            "incident: {} from 2026-11-03 09:14 UTC",
            escaped(key)
        )),
        "the onset marker in the timeline"
    );
    assert!(page.contains("<g class=\"onset\">"));
    assert!(page.contains("onset-bar"), "the incident's own timeline");
    assert!(page.contains(&escaped(
        "CA035 - Block access from untrusted networks began at 2026-11-03 09:14 UTC"
    )));
}

#[test]
fn hostile_log_text_is_escaped() {
    let page = html("hostile.json");
    assert_offline(&page);
    assert_balanced(&page);
    // The page's own script is the only one, and no log text opens an element.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(!page.contains("<img"), "raw markup from the logs");
    assert!(
        page.contains("&lt;script&gt;"),
        "the log's markup is shown as text"
    );
    for (c, name) in [
        ('\u{1b}', "ESC"),
        ('\u{9b}', "CSI"),
        ('\u{7}', "BEL"),
        ('\u{0}', "NUL"),
        ('\r', "CR"),
        ('\u{202e}', "RLO"),
    ] {
        assert!(!page.contains(c), "raw {name} in the page");
    }
    assert!(
        page.contains("\\u{1b}"),
        "escape sequences are shown, not hidden"
    );
}

#[test]
fn redacted_pages_hold_no_real_names() {
    let page = run(&[
        "report",
        &fixture("sample-tenant.json"),
        "--format",
        "html",
        "--redact",
    ]);
    assert_offline(&page);
    assert_balanced(&page);
    assert!(!page.contains("zoe.angstrom"));
    assert!(!page.contains("192.0.2.45"));
    assert!(page.contains(".invalid"));
}

#[test]
fn html_file_beside_the_table() {
    let dir = std::env::temp_dir().join(format!("signin-doctor-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    let table = run(&[
        "report",
        &fixture("sample-tenant.json"),
        "--html",
        file.to_str().unwrap(),
    ]);
    assert!(table.contains("16 sign-ins blocked"), "{table}");
    let page = std::fs::read_to_string(&file).unwrap();
    assert_eq!(page, html("sample-tenant.json"));
    std::fs::remove_dir_all(&dir).unwrap();

    let err = doctor()
        .args([
            "report",
            &fixture("sample-tenant.json"),
            "--html",
            "/nonexistent-dir/report.html",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("--html /nonexistent-dir/report.html"), "{err}");
    assert!(err.contains("check that the directory exists"), "{err}");
}

#[test]
fn an_export_without_blocks_still_makes_a_page() {
    let page = doctor()
        .args(["report", "--format", "html"])
        .write_stdin("[]")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(page).unwrap();
    assert_offline(&page);
    assert!(page.contains("No sign-ins blocked by Conditional Access"));
    assert!(page.contains("no sign-in records were read"));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn replayed_failures_show_the_replay() {
    let dir = format!("{}/fixtures/policies", env!("CARGO_MANIFEST_DIR"));
    let args = |format: &str| {
        vec![
            "report".to_string(),
            format!("{dir}/signins.json"),
            "--policies".to_string(),
            format!("{dir}/policies.json"),
            "--named-locations".to_string(),
            format!("{dir}/named-locations.json"),
            "--format".to_string(),
            format.to_string(),
        ]
    };
    let run_with = |format: &str| {
        let args = args(format);
        run(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let page = run_with("html");
    let doc: Value = serde_json::from_str(&run_with("json")).unwrap();
    assert_offline(&page);
    assert_balanced(&page);
    let replayed: Vec<&Value> = doc["failures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("replay").is_some())
        .collect();
    assert!(!replayed.is_empty());
    assert_eq!(
        page.matches("<h4>Replay against exported policies (policies.json)</h4>")
            .count(),
        replayed.len()
    );
    for f in replayed {
        for d in strings(&f["replay"]["disagreements"]) {
            assert!(page.contains(&escaped(&d)), "disagreement {d}");
        }
    }
}

#[test]
fn a_report_past_the_spill_lists_the_first_failures_and_charts_them_all() {
    // More blocked sign-ins than a report keeps in memory: read back from the spill file.
    let n = 10_003;
    let mut input = String::new();
    for i in 0..n {
        input.push_str(&format!(
            "{{\"id\":\"{i:08}\",\"createdDateTime\":\"2026-11-02T{:02}:{:02}:00Z\",\
             \"userPrincipalName\":\"u{}@contoso.com\",\"status\":{{\"errorCode\":53003}},\
             \"appliedConditionalAccessPolicies\":[{{\"displayName\":\"CA004 - Block legacy \
             authentication\",\"enforcedGrantControls\":[\"Block\"],\"result\":\"failure\",\
             \"conditionsSatisfied\":\"application,users,clientType\"}}],\
             \"clientAppUsed\":\"IMAP4\"}}\n",
            (i / 60) % 24,
            i % 60,
            i % 50
        ));
    }
    let out = doctor()
        .args(["report", "--format", "html"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert_eq!(page.matches("<details class=\"failure\"").count(), 10_000);
    assert!(page.contains("The first 10000 of 10003 blocked sign-ins are listed"));
    assert!(page.contains("00000000"), "the first failure by time");
    // Every block is in the chart's legend total.
    assert!(page.contains(&format!(
        "CA004 - Block legacy authentication <span class=\"muted\">{n}</span>"
    )));
}

#[test]
fn blocks_without_a_readable_time_are_listed_but_not_drawn() {
    let input = r#"[{"id":"r1","userPrincipalName":"eve@contoso.com","status":{"errorCode":53003},
        "clientAppUsed":"IMAP4","appliedConditionalAccessPolicies":[{"displayName":"CA004 - Block legacy authentication",
        "enforcedGrantControls":["Block"],"result":"failure","conditionsSatisfied":"application,users,clientType"}]}]"#;
    let out = doctor()
        .args(["report", "--format", "html"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert_balanced(&page);
    assert!(page.contains("No blocked sign-in has a readable time"));
    assert_eq!(page.matches("<details class=\"failure\"").count(), 1);
}
