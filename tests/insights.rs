//! Runs the real binary on the incident and user-pattern fixtures (fixtures/rollout.json,
//! fixtures/user-patterns.json; see fixtures/README.md) and checks what users see.

use predicates::prelude::*;
use serde_json::{Value, json};

mod common;
use common::{doctor, fixture, stdout};

fn run_json(args: &[&str]) -> Value {
    let out = doctor()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("one JSON document")
}

// ---- incidents ----------------------------------------------------------------------

#[test]
fn a_new_policy_is_an_incident_with_its_onset_and_reach() {
    let doc = run_json(&["report", "--format", "json", &fixture("rollout.json")]);
    let incidents = doc["incidents"].as_array().unwrap();
    // CA004 blocks one scanner every few hours: its normal work, not an incident.
    assert_eq!(incidents.len(), 1, "{incidents:#?}");
    let i = &incidents[0];
    assert_eq!(i["kind"], "policy");
    assert_eq!(i["key"], "CA035 - Block access from untrusted networks");
    assert_eq!(i["onset"], "2026-11-03T09:14:22Z");
    assert_eq!(i["bucket_minutes"], 60);
    assert_eq!(i["first_bucket_users"], 7);
    assert_eq!(i["first_bucket_blocks"], 8);
    assert_eq!(i["before_hours"], 24);
    assert_eq!(i["before_users"], 0);
    assert_eq!(i["users"], 8);
    assert_eq!(i["blocks"], 10);
    assert_eq!(i["until"], "2026-11-03T11:52:31Z");
    assert_eq!(i["ongoing"], true);
    assert_eq!(i["causes"], json!([{"name": "location", "blocks": 10}]));
    // The timeline: clock hours from six before the onset's to the one after the last.
    let timeline = i["timeline"].as_array().unwrap();
    let users: Vec<u64> = timeline
        .iter()
        .map(|s| s["users"].as_u64().unwrap())
        .collect();
    assert_eq!(users, [0, 0, 0, 0, 0, 0, 6, 2, 1, 0]);
    assert_eq!(timeline[6]["start"], "2026-11-03T09:00:00Z");
    assert_eq!(timeline[6]["onset"], true);
    assert_eq!(timeline[5].get("onset"), None);
    assert!(
        i["summary"]
            .as_str()
            .unwrap()
            .contains("Update conditional access policy"),
        "{i}"
    );

    let table = stdout(&["report", &fixture("rollout.json")]);
    assert!(
        table.contains(
            "CA035 - Block access from untrusted networks began at 2026-11-03 09:14 UTC: \
             7 users in the first hour, 0 the day before."
        ),
        "{table}"
    );
}

#[test]
fn the_incidents_command_speaks_text_json_and_markdown() {
    let text = stdout(&["incidents", &fixture("rollout.json")]);
    assert!(
        text.starts_with("1 incident in 20 records (bucket: hour):"),
        "{text}"
    );
    assert!(
        text.contains("8 users and 10 blocked sign-ins since, still blocking when the export ends"),
        "{text}"
    );
    assert!(
        text.contains(
            "Users blocked per hour (the onset's in brackets) from 2026-11-03 03:00 UTC: \
             0 0 0 0 0 0 [6] 2 1 0"
        ),
        "{text}"
    );

    let doc = run_json(&["incidents", "--format", "json", &fixture("rollout.json")]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["records"], 20);
    assert_eq!(doc["blocked"], 16);
    assert_eq!(
        doc["incidents"][0]["key"],
        "CA035 - Block access from untrusted networks"
    );

    let md = stdout(&[
        "incidents",
        "--format",
        "markdown",
        &fixture("rollout.json"),
    ]);
    assert!(md.starts_with("## Conditional Access incidents\n"), "{md}");
    assert!(
        md.contains(
            "| 2026-11-03 09:14 | CA035 - Block access from untrusted networks | 7 | 0 | 8 | 10 | still blocking |"
        ),
        "{md}"
    );
}

#[test]
fn the_bucket_sets_the_window_and_bad_buckets_are_usage_errors() {
    // Two-hour buckets: the onset bucket holds 8 users from 09:14 to 11:14.
    let doc = run_json(&[
        "incidents",
        "--format",
        "json",
        "--bucket",
        "2h",
        &fixture("rollout.json"),
    ]);
    assert_eq!(doc["bucket_minutes"], 120);
    assert_eq!(doc["incidents"][0]["first_bucket_users"], 8);
    // Quarter hours hold at most two of these users each: too few to call an onset.
    let text = stdout(&["incidents", "--bucket", "15m", &fixture("rollout.json")]);
    assert!(text.starts_with("No incidents:"), "{text}");

    doctor()
        .args(["report", "--bucket", "2m", &fixture("rollout.json")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use a span between 5m and 7d"));
}

#[test]
fn a_burst_at_the_start_of_an_export_is_not_called_an_onset() {
    // Cut the export at 09:00 on the day of the rollout: nothing shows what came before.
    let doc = run_json(&[
        "incidents",
        "--format",
        "json",
        "--since",
        "2026-11-03T09:10:00Z",
        &fixture("rollout.json"),
    ]);
    assert_eq!(doc["blocked"], 11);
    assert_eq!(doc["incidents"], json!([]));
}

// ---- per-user patterns --------------------------------------------------------------

fn findings<'a>(doc: &'a Value, user: &str) -> &'a Vec<Value> {
    doc["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["user"] == user)
        .unwrap_or_else(|| panic!("no user {user}"))["findings"]
        .as_array()
        .unwrap()
}

#[test]
fn each_user_pattern_is_found_with_its_evidence() {
    let doc = run_json(&["report", "--format", "json", &fixture("user-patterns.json")]);

    let travel = findings(&doc, "mia.santos@contoso.com");
    assert_eq!(travel.len(), 1, "{travel:#?}");
    assert_eq!(travel[0]["kind"], "travel_or_vpn");
    assert_eq!(travel[0]["at"], "2026-11-04T08:55:31Z");
    assert_eq!(
        travel[0]["detail"],
        "blocked from BR at 2026-11-04 09:10 UTC while a sign-in from PT succeeded at \
         2026-11-04 08:55 UTC (15 minutes before)"
    );
    assert!(
        travel[0]["advice"]
            .as_str()
            .unwrap()
            .contains("too close together for a journey"),
        "{travel:#?}"
    );

    let device = findings(&doc, "liam.oconnor@contoso.com");
    assert_eq!(device[0]["kind"], "working_device");
    assert_eq!(device[0]["at"], "2026-11-04T08:03:47Z");
    assert_eq!(
        device[0]["detail"],
        "blocked on Android 15 (not compliant, unregistered) but signed in successfully on \
         Windows10 (compliant, Azure AD joined) to the same app (Microsoft Office) at \
         2026-11-04 08:03 UTC"
    );

    let client = findings(&doc, "kenji.watanabe@contoso.com");
    assert_eq!(client[0]["kind"], "working_client");
    assert!(
        client[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("blocked with Exchange ActiveSync but signed in successfully with Mobile Apps and Desktop clients"),
        "{client:#?}"
    );

    let storm = findings(&doc, "mfp-3rdfloor@contoso.com");
    assert_eq!(storm[0]["kind"], "retry_storm");
    assert_eq!(storm[0]["at"], "2026-11-04T06:05:00Z");
    assert!(
        storm[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("12 blocked attempts in 23 minutes"),
        "{storm:#?}"
    );
}

#[test]
fn users_without_a_pattern_have_none_and_the_table_says_so_in_the_row() {
    // A block with no success elsewhere: nothing to say beyond the diagnosis.
    let doc = run_json(&["report", "--format", "json", &fixture("rollout.json")]);
    assert_eq!(findings(&doc, "dana.kim@contoso.com"), &Vec::<Value>::new());

    let table = stdout(&["report", &fixture("user-patterns.json")]);
    let row = table
        .lines()
        .find(|l| l.contains("liam.oconnor@contoso.com"))
        .unwrap();
    assert!(
        row.contains("Works on Windows10 (compliant, Azure AD joined): use it meanwhile."),
        "{row}"
    );
    assert!(
        table.contains("Patterns (what a user's sign-ins show together):"),
        "{table}"
    );
    assert!(
        table.contains("  - mfp-3rdfloor@contoso.com: 12 blocked attempts in 23 minutes"),
        "{table}"
    );
}

#[test]
fn ndjson_and_csv_skip_the_successes_but_list_the_same_failures() {
    // NDJSON reads only what can be a block; its failures are the JSON report's.
    for name in ["user-patterns.json", "rollout.json", "resolution.json"] {
        let doc = run_json(&["report", "--format", "json", &fixture(name)]);
        let lines = stdout(&["report", "--format", "ndjson", &fixture(name)]);
        let ndjson: Vec<Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut json = doc["failures"].as_array().unwrap().clone();
        let key = |v: &Value| v["request_id"].as_str().unwrap_or("").to_string();
        let mut ndjson = ndjson;
        json.sort_by_key(key);
        ndjson.sort_by_key(key);
        assert_eq!(ndjson, json, "{name}");
    }
}
