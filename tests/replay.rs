//! Runs the real binary with `--policies` / `--named-locations` on fixtures/policies (see
//! its README): explain and report show the exported policies' exact values, the replay's
//! verdicts and its disagreements with the log; without --policies nothing changes.

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::doctor;

fn fixture(name: &str) -> String {
    format!("{}/fixtures/policies/{name}", env!("CARGO_MANIFEST_DIR"))
}

const CONFIRMED: &str = "a1000000-0000-4000-8000-000000000001";
const CHANGED: &str = "a1000000-0000-4000-8000-000000000002";
const LEGACY: &str = "a1000000-0000-4000-8000-000000000003";
const DEVICE_CODE: &str = "a1000000-0000-4000-8000-000000000004";
const GROUP: &str = "a1000000-0000-4000-8000-000000000005";

fn with_policies(cmd: &mut Command) -> &mut Command {
    cmd.arg("--policies")
        .arg(fixture("policies.json"))
        .arg("--named-locations")
        .arg(fixture("named-locations.json"))
}

fn explain(id: &str, format: &str) -> String {
    let mut cmd = doctor();
    cmd.args(["explain", id, &fixture("signins.json"), "--format", format]);
    let out = with_policies(&mut cmd)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn report_json(policies: bool) -> Value {
    let mut cmd = doctor();
    cmd.args(["report", &fixture("signins.json"), "--format", "json"]);
    if policies {
        with_policies(&mut cmd);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

fn failure<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["request_id"] == id)
        .unwrap_or_else(|| panic!("no failure {id}"))
}

/// The replayed policy named `prefix…` in a failure's `replay`.
fn replayed<'a>(f: &'a Value, prefix: &str) -> &'a Value {
    f["replay"]["policies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("{prefix} not replayed: {}", f["replay"]))
}

fn condition<'a>(p: &'a Value, name: &str) -> &'a Value {
    p["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["condition"] == name)
        .unwrap_or_else(|| panic!("no condition {name}"))
}

#[test]
fn explain_text_names_the_exact_values_and_the_disagreement() {
    let text = explain(CHANGED, "text");
    assert!(
        text.contains("Replay against exported policies (policies.json)"),
        "{text}"
    );
    // Wrapped lines: compare with whitespace folded.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "CA010 - Block access from untrusted networks: log result failure; exported policy \
         enabled, modified 2026-11-03T10:22:41Z: does not apply (grant: block); DISAGREES with \
         the log.",
        "\"Partner VPN (Fabrikam)\" (198.51.100.0/25)",
        "\"HQ egress\" (203.0.113.0/24, 2001:db8:10::/48; trusted)",
        "not matched (excluded: 198.51.100.20 is inside \"Partner VPN (Fabrikam)\" \
         (198.51.100.0/25)",
        "exclude users [0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a40]",
        "Disagreement: the log says \"CA010 - Block access from untrusted networks\" failure, \
         but the exported policy would not apply",
        "the policy may have changed since (modified 2026-11-03 10:22 UTC, after this sign-in)",
    ] {
        assert!(flat.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn explain_confirms_blocks_condition_by_condition() {
    let flat = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(explain(CONFIRMED, "text"));
    for want in [
        "applies (grant: block); agrees with the log",
        "192.0.2.44 is outside \"HQ egress\" (203.0.113.0/24, 2001:db8:10::/48; trusted)",
        "192.0.2.44 is outside \"Partner VPN (Fabrikam)\" (198.51.100.0/25)",
        "CA060 - Block high sign-in risk (pilot): log result reportOnlyFailure; exported policy \
         report-only",
        "signInRiskLevels = [high]: matched (riskLevelDuringSignIn high is a targeted level)",
        "0 disagree with the log",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    let text = flat(explain(LEGACY, "text"));
    assert!(
        text.contains(
            "clientAppTypes = [exchangeActiveSync, other]: matched (clientAppUsed \"IMAP4\" is \
             other, which the policy targets)"
        ),
        "{text}"
    );
    let text = flat(explain(DEVICE_CODE, "markdown"));
    assert!(
        text.contains("**Replay against exported policies (policies.json)**"),
        "{text}"
    );
    assert!(
        text.contains(
            "authenticationFlows = transferMethods [deviceCodeFlow]: matched \
             (originalTransferMethod = deviceCodeFlow, a targeted flow)"
        ),
        "{text}"
    );
}

#[test]
fn group_membership_is_not_enough_information() {
    let doc: Value = serde_json::from_str(&explain(GROUP, "json")).unwrap();
    let p = replayed(&doc, "CA040");
    assert_eq!(p["verdict"], "cannot_tell");
    assert_eq!(p["agreement"], "cannot_tell");
    let users = condition(p, "users");
    assert_eq!(users["verdict"], "not_enough_information");
    assert!(
        users["reason"]
            .as_str()
            .unwrap()
            .contains("member of group(s) [5e7f9a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b]"),
        "{users}"
    );
    // The conditions the log does carry are still decided.
    assert_eq!(condition(p, "devices.deviceFilter")["verdict"], "matched");
    assert_eq!(condition(p, "platforms")["verdict"], "matched");
    assert_eq!(condition(p, "applications")["verdict"], "matched");
    assert!(
        doc["replay"]["disagreements"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn explain_json_carries_the_replay_and_its_evidence() {
    let doc: Value = serde_json::from_str(&explain(CHANGED, "json")).unwrap();
    let p = replayed(&doc, "CA010");
    assert_eq!(p["state"], "enabled");
    assert_eq!(p["log_result"], "failure");
    assert_eq!(p["verdict"], "does_not_apply");
    assert_eq!(p["agreement"], "disagrees");
    assert_eq!(p["modified"], "2026-11-03T10:22:41Z");
    assert_eq!(condition(p, "locations")["verdict"], "not_matched");
    assert_eq!(condition(p, "users")["verdict"], "matched");
    assert_eq!(condition(p, "platforms")["verdict"], "not_configured");
    let evidence: Vec<&str> = doc["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        evidence
            .iter()
            .any(|e| e.starts_with("replay disagrees with the log: the log says")),
        "{evidence:?}"
    );
    assert!(
        evidence
            .iter()
            .any(|e| e.contains("locations: include [All]; exclude [\"HQ egress\"")),
        "{evidence:?}"
    );
}

#[test]
fn report_json_carries_replay_only_when_asked() {
    let doc = report_json(true);
    let changed = failure(&doc, CHANGED);
    assert_eq!(changed["replay"]["policies_file"], "policies.json");
    assert_eq!(changed["replay"]["named_locations"], true);
    assert_eq!(
        changed["replay"]["disagreements"].as_array().unwrap().len(),
        1
    );
    let confirmed = failure(&doc, CONFIRMED);
    assert_eq!(replayed(confirmed, "CA010")["agreement"], "agrees");
    let warnings: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with(&format!("replay: request {CHANGED}: the log says"))),
        "{warnings:?}"
    );
    // Without --policies: no `replay` key anywhere, and the same document otherwise.
    let plain = report_json(false);
    for f in plain["failures"].as_array().unwrap() {
        assert!(f.get("replay").is_none(), "{f}");
    }
    let mut stripped = doc.clone();
    for f in stripped["failures"].as_array_mut().unwrap() {
        let f = f.as_object_mut().unwrap();
        f.remove("replay");
        let evidence: Vec<Value> = f["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| !e.as_str().unwrap().starts_with("replay"))
            .cloned()
            .collect();
        f.insert("evidence".into(), Value::Array(evidence));
    }
    let warnings: Vec<Value> = stripped["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| !w.as_str().unwrap().starts_with("replay"))
        .cloned()
        .collect();
    stripped["warnings"] = Value::Array(warnings);
    assert_eq!(stripped, plain);
}

#[test]
fn ndjson_and_table_show_the_replay() {
    let mut cmd = doctor();
    cmd.args(["report", &fixture("signins.json"), "--format", "ndjson"]);
    let out = with_policies(&mut cmd)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|f| f.get("replay").is_some()));
    let mut cmd = doctor();
    cmd.args(["report", &fixture("signins.json")]);
    let out = with_policies(&mut cmd)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(out).unwrap();
    assert!(
        table.contains(&format!("replay: request {CHANGED}: the log says")),
        "{table}"
    );
}

#[test]
fn without_named_locations_ids_stay_unresolved_and_said_so() {
    let out = doctor()
        .args([
            "explain",
            CHANGED,
            &fixture("signins.json"),
            "--format",
            "json",
        ])
        .arg("--policies")
        .arg(fixture("policies.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["replay"]["named_locations"], false);
    let loc = condition(replayed(&doc, "CA010"), "locations");
    assert_eq!(loc["verdict"], "not_enough_information");
    assert!(
        loc["reason"]
            .as_str()
            .unwrap()
            .contains("pass --named-locations"),
        "{loc}"
    );
}

#[test]
fn a_bad_policies_file_is_exit_2_with_the_file_and_what_to_do() {
    let dir = std::env::temp_dir().join(format!("signin-doctor-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("not-json.json", "this is not json", "not JSON"),
        ("object.json", "{\"items\": []}", "without a \"value\" list"),
        (
            "bad-type.json",
            "[{\"displayName\":\"CA1\",\"state\":\"enabled\",\"conditions\":{\"users\":{\"includeUsers\":\"All\"}}}]",
            "policy 1 (\"CA1\"): field conditions.users.includeUsers",
        ),
    ];
    for (name, text, want) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = doctor()
            .args(["report", &fixture("signins.json"), "--policies"])
            .arg(&path)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(name) && err.contains(want), "{err}");
        assert!(
            err.contains(
                "az rest --url https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies"
            ),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    // A sign-in log passed as policies, and named locations passed as policies.
    let out = doctor()
        .args(["report", &fixture("signins.json"), "--policies"])
        .arg(fixture("signins.json"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("a sign-in record"), "{err}");
    let out = doctor()
        .args(["report", &fixture("signins.json"), "--policies"])
        .arg(fixture("named-locations.json"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--named-locations"), "{err}");
    // A missing file.
    doctor()
        .args([
            "report",
            &fixture("signins.json"),
            "--policies",
            "no-such.json",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such.json: cannot read"));
    // --named-locations needs --policies.
    doctor()
        .args(["report", &fixture("signins.json"), "--named-locations"])
        .arg(fixture("named-locations.json"))
        .assert()
        .code(2);
    // The replay needs real addresses: --redact is refused, saying why.
    doctor()
        .args(["report", &fixture("signins.json"), "--redact", "--policies"])
        .arg(fixture("policies.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--policies cannot be combined with --redact",
        ));
}

#[test]
fn a_policy_export_passed_as_a_log_says_where_it_belongs() {
    for (file, flag) in [
        ("policies.json", "pass it with --policies FILE"),
        (
            "named-locations.json",
            "pass it with --named-locations FILE",
        ),
    ] {
        let out = doctor()
            .args(["report", &fixture(file)])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(flag), "{file}: {err}");
    }
    // Kept beside the logs in a directory, they are skipped with a note, not an error.
    let out = doctor()
        .args([
            "report",
            &format!("{}/fixtures/policies", env!("CARGO_MANIFEST_DIR")),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("policies/policies.json: this is a Conditional Access policy export"),
        "{text}"
    );
    assert!(
        text.contains("policies/named-locations.json: this is a named-location export"),
        "{text}"
    );
    assert!(text.contains("CA050 - Block device code flow"), "{text}");
}
