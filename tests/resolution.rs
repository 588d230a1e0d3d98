//! Runs the real binary on fixtures/resolution.json (see fixtures/README.md): is each
//! user's block over (resolved, still blocked, recurring, unknown), what changed, whether
//! the blocks are structural or transient, and `check --unresolved-only`.

use serde_json::{Value, json};

mod common;
use common::{doctor, stdout};

fn fixture() -> String {
    format!("{}/fixtures/resolution.json", env!("CARGO_MANIFEST_DIR"))
}

fn report(extra: &[&str]) -> Value {
    let mut args = vec![
        "report".to_string(),
        "--format".into(),
        "json".into(),
        fixture(),
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    let out = doctor()
        .args(&args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("one JSON document")
}

fn user<'a>(doc: &'a Value, upn: &str) -> &'a Value {
    doc["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["user"] == upn)
        .unwrap_or_else(|| panic!("{upn} in {doc:#}"))
}

/// The user's only blocked app.
fn status<'a>(doc: &'a Value, upn: &str) -> &'a Value {
    let list = user(doc, upn)["status"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{upn}: {list:#?}");
    &list[0]
}

#[test]
fn a_device_that_became_compliant_resolves_the_block() {
    let doc = report(&[]);
    let s = status(&doc, "ava.patel@contoso.com");
    assert_eq!(s["app"], "Microsoft Office");
    assert_eq!(s["status"], "resolved");
    assert_eq!(s["last_blocked"], "2026-11-05T08:10:33Z");
    assert_eq!(s["resolved_at"], "2026-11-05T10:42:07Z");
    assert_eq!(s["changed"], json!(["compliant_now"]));
    assert_eq!(s["as_of"], Value::Null);
    assert!(
        s["detail"]
            .as_str()
            .unwrap()
            .contains("the same device is compliant now, so the block no longer applies"),
        "{s:#}"
    );
    // Its blocked context (the laptop while not compliant) never got in: a rule.
    assert_eq!(
        user(&doc, "ava.patel@contoso.com")["pattern"]["kind"],
        "structural"
    );
}

#[test]
fn another_country_resolves_but_says_the_blocked_context_may_not() {
    let doc = report(&[]);
    let s = status(&doc, "farah.haddad@contoso.com");
    assert_eq!(s["status"], "resolved");
    assert_eq!(s["resolved_at"], "2026-11-05T13:30:19Z");
    assert_eq!(s["changed"], json!(["other_country"]));
    let detail = s["detail"].as_str().unwrap();
    assert!(
        detail.contains("from another country (PT, blocked from BR)"),
        "{detail}"
    );
    assert!(!detail.contains("no longer applies"), "{detail}");
}

#[test]
fn blocks_never_followed_by_a_success_are_still_blocked_and_structural() {
    let doc = report(&[]);
    let s = status(&doc, "ben.okafor@contoso.com");
    assert_eq!(s["status"], "still_blocked");
    assert_eq!(s["blocked"], 3);
    assert_eq!(s["resolved_at"], Value::Null);
    assert_eq!(s["blocked_again"], 0);
    // The export's last success or block: ava.patel at 16:05:12.
    assert_eq!(s["as_of"], "2026-11-05T16:05:12Z");
    assert_eq!(s["ends_right_after"], false);
    assert!(
        s["detail"]
            .as_str()
            .unwrap()
            .contains("as of the end of the export at 2026-11-05 16:05 UTC"),
        "{s:#}"
    );
    let p = &user(&doc, "ben.okafor@contoso.com")["pattern"];
    assert_eq!(p["kind"], "structural");
    assert_eq!(p["structural_blocks"], 3);
    assert_eq!(p["transient_blocks"], 0);
    assert_eq!(p["contexts"], 1);
}

#[test]
fn blocked_again_after_a_success_is_recurring_and_transient() {
    let doc = report(&[]);
    let s = status(&doc, "chloe.dubois@contoso.com");
    assert_eq!(s["status"], "recurring");
    assert_eq!(s["blocked_again"], 1);
    assert_eq!(s["last_blocked"], "2026-11-05T14:20:44Z");
    assert_eq!(s["resolved_at"], Value::Null);
    let p = &user(&doc, "chloe.dubois@contoso.com")["pattern"];
    assert_eq!(p["kind"], "transient");
    assert_eq!(p["transient_blocks"], 2);
}

#[test]
fn a_success_after_a_recurrence_is_resolved_and_counts_the_recurrence() {
    let doc = report(&[]);
    let s = status(&doc, "hana.sato@contoso.com");
    assert_eq!(s["status"], "resolved");
    assert_eq!(s["blocked_again"], 1);
    assert_eq!(s["resolved_at"], "2026-11-05T13:07:31Z");
    assert_eq!(s["changed"], json!(["nothing_visible"]));
    assert_eq!(
        user(&doc, "hana.sato@contoso.com")["pattern"]["kind"],
        "transient"
    );
}

#[test]
fn an_export_ending_mid_incident_is_too_soon_to_tell() {
    let doc = report(&[]);
    let s = status(&doc, "eli.navarro@contoso.com");
    assert_eq!(s["status"], "still_blocked");
    assert_eq!(s["ends_right_after"], true);
    assert_eq!(s["as_of"], "2026-11-05T16:05:12Z");
    assert!(
        s["detail"]
            .as_str()
            .unwrap()
            .contains("(7 minutes after the last block: too soon to tell whether it clears)"),
        "{s:#}"
    );
    // The same context got in that morning but never after a block: a context that
    // stopped working (a rule new or changed since?), not a block that passed by itself.
    let p = &user(&doc, "eli.navarro@contoso.com")["pattern"];
    assert_eq!(p["kind"], "structural");
    assert_eq!(p["previously_worked"], 2);

    // Cut the export at 10:00: chloe's 09:30 block is its last record, and the success
    // at 10:15 is outside it, so she is still blocked, never resolved.
    let cut = report(&["--until", "2026-11-05T10:00:00Z"]);
    let s = status(&cut, "chloe.dubois@contoso.com");
    assert_eq!(s["status"], "still_blocked");
    assert_eq!(s["blocked_again"], 0);
    assert_eq!(s["as_of"], "2026-11-05T09:30:18Z");
    assert_eq!(s["ends_right_after"], true);
    // hana.sato got in at 09:01, after her 08:05 block.
    assert_eq!(status(&cut, "hana.sato@contoso.com")["status"], "resolved");
}

#[test]
fn a_block_without_a_time_cannot_tell() {
    let doc = report(&[]);
    let s = status(&doc, "gus.meyer@contoso.com");
    assert_eq!(s["status"], "unknown");
    assert_eq!(s["last_blocked"], Value::Null);
    assert!(
        s["detail"].as_str().unwrap().starts_with("cannot tell"),
        "{s:#}"
    );
}

#[test]
fn table_and_markdown_show_status_and_pattern() {
    let table = stdout(&["report", "--wide", &fixture()]);
    assert!(
        table.contains("Is it fixed? (per user and app; structural or transient):"),
        "{table}"
    );
    assert!(
        table.contains("Resolved: in at 11-05 10:42 (compliant now). Structural:"),
        "{table}"
    );
    assert!(
        table.contains(
            "Recurring: blocked again after a success (OfficeHome). Transient (a retry may pass):"
        ),
        "{table}"
    );
    assert!(
        table.contains(
            "Still blocked (Azure Portal) at the export's end, right after the last block."
        ),
        "{table}"
    );
    let md = stdout(&["report", "-f", "markdown", &fixture()]);
    assert!(md.contains("### Is it fixed?\n"), "{md}");
    assert!(
        md.contains("- **ben.okafor@contoso.com**: Office 365 Exchange Online (still blocked): blocked 3 times"),
        "{md}"
    );
}

/// The request id of a user's first blocked sign-in in the fixture.
fn blocked_id(upn: &str) -> String {
    let doc = report(&[]);
    doc["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["user"] == upn)
        .and_then(|f| f["request_id"].as_str())
        .unwrap()
        .to_string()
}

#[test]
fn explain_says_whether_the_block_still_applies() {
    let id = blocked_id("ava.patel@contoso.com");
    let text = stdout(&["explain", &id, &fixture()]);
    assert!(text.contains("Is it fixed?"), "{text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Microsoft Office (resolved): blocked once at 2026-11-05 08:10 UTC; signed in \
             successfully to Microsoft Office at 2026-11-05 10:42 UTC, the same device is \
             compliant now, so the block no longer applies."
        ),
        "{flat}"
    );
    let out = doctor()
        .args([
            "explain",
            &blocked_id("ben.okafor@contoso.com"),
            "-f",
            "json",
            &fixture(),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["status"][0]["status"], "still_blocked");
    assert_eq!(doc["pattern"]["kind"], "structural");
}

#[test]
fn check_unresolved_only_leaves_out_blocks_followed_by_a_success() {
    // 12 blocks in all; 7 not followed by a success to the same app (ben 3, chloe's
    // last 1, eli 2, gus's timeless 1), by 4 users.
    doctor()
        .args(["check", "--max-blocked", "7", &fixture()])
        .assert()
        .code(1);
    doctor()
        .args([
            "check",
            "--max-blocked",
            "7",
            "--unresolved-only",
            &fixture(),
        ])
        .assert()
        .success();
    doctor()
        .args([
            "check",
            "--max-blocked",
            "6",
            "--unresolved-only",
            &fixture(),
        ])
        .assert()
        .code(1);
    doctor()
        .args(["check", "--max-users", "4", "--unresolved-only", &fixture()])
        .assert()
        .success();
    doctor()
        .args(["check", "--max-users", "3", "--unresolved-only", &fixture()])
        .assert()
        .code(1);
    let out = doctor()
        .args(["check", "--unresolved-only", "-f", "json", &fixture()])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["rules"][0]["actual"], 7);
    assert!(
        doc["rules"][0]["description"]
            .as_str()
            .unwrap()
            .contains("unresolved"),
        "{doc:#}"
    );
    // --fail-on counts within the unresolved: location blocks left are chloe, eli, gus.
    doctor()
        .args([
            "check",
            "--unresolved-only",
            "--fail-on",
            "location",
            "--max-blocked",
            "4",
            &fixture(),
        ])
        .assert()
        .success();
}

#[test]
fn break_glass_stays_strict_with_unresolved_only() {
    // hana.sato's blocks were both followed by a success: a break-glass account still fails.
    doctor()
        .args([
            "check",
            "--unresolved-only",
            "--max-blocked",
            "100",
            "--break-glass",
            "hana.sato@contoso.com",
            &fixture(),
        ])
        .assert()
        .code(1);
}

#[test]
fn the_html_report_shows_status_and_pattern_in_the_patterns_cell() {
    let page = stdout(&["report", "-f", "html", &fixture()]);
    assert!(
        page.contains(
            "<summary>Resolved: in at 11-05 10:42 (compliant now). Structural:</summary>"
        ),
        "{page}"
    );
}
