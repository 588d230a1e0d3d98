//! Runs the real binary on the shipped fixtures and checks what users see: stdout,
//! stderr and the exit code. Expected values come from fixtures/README.md, which lists
//! every blocked sign-in in every fixture.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::doctor;

/// Runs the command, checks it succeeded, and returns its standard output.
trait OkStdout {
    fn ok_stdout(&mut self) -> Vec<u8>;
}

impl OkStdout for Command {
    fn ok_stdout(&mut self) -> Vec<u8> {
        self.assert().success().get_output().stdout.clone()
    }
}

fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `report --format json` on the given fixtures, parsed.
fn report_json(files: &[&str]) -> Value {
    let mut cmd = doctor();
    cmd.args(["report", "--format", "json"]);
    for f in files {
        cmd.arg(fixture(f));
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("report --format json prints one JSON document")
}

fn failure<'a>(doc: &'a Value, request_id: &str) -> &'a Value {
    doc["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["request_id"] == request_id)
        .unwrap_or_else(|| panic!("no failure {request_id}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

// ---- the table -------------------------------------------------------------------

#[test]
fn table_shows_each_user_with_causes_policy_and_fix() {
    let out = doctor()
        .args(["report", &fixture("sample-tenant.json")])
        .ok_stdout();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with(
            "16 sign-ins blocked by Conditional Access (AADSTS53003) for 7 users, in 32 records"
        ),
        "{text}"
    );
    // Piped output: one line per user, most-blocked first.
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("@")).collect();
    let zoe = rows[0];
    for want in [
        "zoe.angstrom@contoso.com",
        " 4 ",
        "location 4",
        "CA010 - Block access outside allowed countries",
        "Sign in from a trusted network",
    ] {
        assert!(zoe.contains(want), "missing {want:?} in {zoe}");
    }
    let scanner = rows.iter().find(|r| r.contains("scan2mail@")).unwrap();
    assert!(scanner.contains("client_app 3"), "{scanner}");
    assert!(
        scanner.contains("legacy authentication (IMAP4)"),
        "{scanner}"
    );
    // Totals by cause and policy, and what was not diagnosed.
    assert!(text.contains("device_platform"), "{text}");
    assert!(text.contains("CA060 - Block device code flow"), "{text}");
    assert!(
        text.contains("6 sign-ins failed for other reasons (not Conditional Access blocks): 50074 ×1, 50076 ×1, 50126 ×3, 53000 ×1"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when piped");
}

#[test]
fn table_fits_a_narrow_width_and_moves_fixes_below() {
    let out = doctor()
        .env("COLUMNS", "100")
        .args(["report", &fixture("sample-tenant.json")])
        .ok_stdout();
    let text = String::from_utf8(out).unwrap();
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 100, "a line is {widest} columns wide:\n{text}");
    assert!(text.contains("Suggested fixes:"), "{text}");
    // The fix opens with the status and the pattern (issue 10), then the fix itself.
    assert!(
        text.contains(
            "  - marcus.lee@contoso.com: Still blocked (Azure Portal) at the export's end. \
             Structural: Check with"
        ),
        "{text}"
    );
}

#[test]
fn colour_is_only_used_when_asked() {
    doctor()
        .args(["report", "--color", "always", &fixture("graph-beta.jsonl")])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b["));
    doctor()
        .env("NO_COLOR", "1")
        .args(["report", &fixture("graph-beta.jsonl")])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn no_blocks_is_a_clear_message_and_success() {
    doctor()
        .arg("report")
        .write_stdin("[]")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "No sign-ins blocked by Conditional Access (AADSTS53003) in 0 records from <stdin>.",
        ))
        .stdout(predicate::str::contains("no sign-in records were read"));
}

// ---- JSON: the contract ----------------------------------------------------------

#[test]
fn json_report_follows_the_design_contract() {
    let doc = report_json(&["sample-tenant.json"]);
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "schema_version",
            "summary",
            "warnings",
            "users",
            "failures",
            "incidents"
        ]
    );
    assert_eq!(doc["schema_version"], 1);
    let s = &doc["summary"];
    assert_eq!(s["records"], 32);
    assert_eq!(s["blocked"], 16);
    assert_eq!(s["users"], 7);
    assert_eq!(
        s["by_cause"],
        serde_json::json!({"location": 4, "client_app": 3, "policy_scope": 3,
                           "auth_flow": 2, "device_state": 2, "device_platform": 1, "risk": 1})
    );
    assert_eq!(s["other_failures"]["50126"], 3);

    // users: by blocked count, then name.
    let users = doc["users"].as_array().unwrap();
    let order: Vec<(&str, u64)> = users
        .iter()
        .map(|u| (u["user"].as_str().unwrap(), u["blocked"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            ("zoe.angstrom@contoso.com", 4),
            ("marcus.lee@contoso.com", 3),
            ("scan2mail@contoso.com", 3),
            ("jose.munoz@contoso.com", 2),
            ("lukasz.wrobel@contoso.com", 2),
            ("ana.lima@fabrikam.com", 1),
            ("taro.yamada@contoso.com", 1),
        ]
    );
    let zoe = &users[0];
    assert_eq!(zoe["causes"], serde_json::json!({"location": 4}));
    assert_eq!(
        strings(&zoe["policies"]),
        ["CA010 - Block access outside allowed countries"]
    );
    for key in ["apps", "first_seen", "last_seen", "fix"] {
        assert!(!zoe[key].is_null(), "users[].{key} missing");
    }

    // failures: every contract field, times in RFC 3339 UTC, ordered by time.
    let failures = doc["failures"].as_array().unwrap();
    let fields = [
        "request_id",
        "correlation_id",
        "time",
        "user",
        "app",
        "resource",
        "ip",
        "country",
        "cause",
        "causes",
        "confidence",
        "detail",
        "policies",
        "evidence",
        "fix",
    ];
    for f in failures {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, fields);
        let t = f["time"].as_str().unwrap();
        assert!(t.ends_with('Z') && t.len() == 20, "{t}");
        assert!(f["fix"]["user"].as_str().unwrap().len() > 20);
        assert!(f["fix"]["admin"].as_str().unwrap().len() > 20);
        assert!(!strings(&f["evidence"]).is_empty());
    }
    let times: Vec<&str> = failures
        .iter()
        .map(|f| f["time"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);

    let loc = failure(&doc, "11cda2d1-deae-4797-931b-89c0a6767200");
    assert_eq!(loc["cause"], "location");
    assert_eq!(loc["confidence"], "high");
    assert_eq!(
        loc["policies"][0]["name"],
        "CA010 - Block access outside allowed countries"
    );
    let evidence = strings(&loc["evidence"]);
    assert!(
        evidence[0].contains("matched conditions: application, users, location"),
        "{evidence:?}"
    );
}

/// Every cause in one beta export (fixtures/README.md): cause, all causes, confidence,
/// and the blocking policy.
#[test]
fn every_cause_is_diagnosed_from_beta_condition_data() {
    let doc = report_json(&["graph-beta-every-cause.json"]);
    let cases: &[(&str, &[&str], &str, Option<&str>)] = &[
        (
            "d4fba17c-e8e3-4c10-af8e-c1bf7bb64d00",
            &["location"],
            "high",
            Some("CA030 - Block access from untrusted IP"),
        ),
        (
            "981e393d-9699-4841-8d64-a7da9d057500",
            &["device_state"],
            "high",
            Some("CA020 - Block unmanaged devices for Exchange"),
        ),
        (
            "f406a7ee-5c61-4965-b687-5ef7aa9fb000",
            &["device_platform"],
            "high",
            Some("CA040 - Block unsupported platforms"),
        ),
        (
            "df295626-4bc3-44f7-a6ef-e36cfbff4800",
            &["client_app"],
            "high",
            Some("CA004 - Block legacy authentication"),
        ),
        (
            "525b8d34-36ee-43eb-bdb8-894422e45400",
            &["risk"],
            "high",
            Some("CA050 - Block high sign-in risk"),
        ),
        (
            "ab8c8dcf-353b-42d6-b040-c4f6e4831b00",
            &["auth_flow"],
            "high",
            Some("CA060 - Block device code flow"),
        ),
        (
            "7c93fb86-abdc-42db-82ee-a07760e39a00",
            &["policy_scope"],
            "high",
            Some("CA001 - Block access to Azure management for contractors"),
        ),
        (
            "316ab30b-5f9f-4a21-9ed3-bd4a4bc5b200",
            &["unknown"],
            "low",
            None,
        ),
        (
            "2d2533d5-9138-4abc-8733-d0d710569e00",
            &["device_state", "device_platform"],
            "high",
            Some("CA021 - Block unmanaged iOS for Exchange"),
        ),
    ];
    assert_eq!(doc["summary"]["blocked"], cases.len());
    for (id, causes, confidence, policy) in cases {
        let f = failure(&doc, id);
        assert_eq!(f["cause"], causes[0], "{id}");
        assert_eq!(strings(&f["causes"]), *causes, "{id}");
        assert_eq!(f["confidence"], *confidence, "{id}");
        match policy {
            Some(p) => assert_eq!(f["policies"][0]["name"], *p, "{id}"),
            None => assert_eq!(f["policies"], serde_json::json!([]), "{id}"),
        }
    }
    // Honest about what is missing.
    let unknown = failure(&doc, "316ab30b-5f9f-4a21-9ed3-bd4a4bc5b200");
    assert!(
        unknown["detail"]
            .as_str()
            .unwrap()
            .contains("no policy details"),
        "{unknown}"
    );
    assert!(
        doc["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("1 blocked sign-in carries no Conditional Access policy details")
    );
}

#[test]
fn v1_pages_without_condition_data_are_inferred_never_high() {
    let doc = report_json(&["graph-v1-page-1.json", "graph-v1-page-2.json"]);
    assert_eq!(doc["summary"]["records"], 9);
    assert_eq!(doc["summary"]["blocked"], 5);
    assert_eq!(doc["summary"]["users"], 5);
    let cases = [
        ("9d864255-4854-43d4-aeb9-fa95f896c300", "location", "medium"),
        (
            "5f5d32fa-acf8-445a-9c66-2f9a5bc71900",
            "client_app",
            "medium",
        ),
        ("d0a25509-53e2-41a7-8a9f-9a4e9d709d00", "unknown", "low"),
        ("e71e24b8-d7d6-4e17-afdc-1d68cd515400", "client_app", "low"),
        (
            "ae50c824-9a48-4863-802d-b532f1010500",
            "device_state",
            "medium",
        ),
    ];
    for (id, cause, confidence) in cases {
        let f = failure(&doc, id);
        assert_eq!(
            (f["cause"].as_str(), f["confidence"].as_str()),
            (Some(cause), Some(confidence)),
            "{id}"
        );
        if cause != "unknown" {
            assert!(f["detail"].as_str().unwrap().contains("inferred"), "{f}");
        }
    }
    let warnings = strings(&doc["warnings"]).join("\n");
    assert!(warnings.contains("Graph v1.0 shape"), "{warnings}");
    let finance = failure(&doc, "d0a25509-53e2-41a7-8a9f-9a4e9d709d00");
    assert!(
        finance["detail"]
            .as_str()
            .unwrap()
            .contains("does not record which condition matched"),
        "{finance}"
    );
}

// ---- input shapes ----------------------------------------------------------------

#[test]
fn json_lines_single_object_and_concatenated_arrays_are_read() {
    let doc = report_json(&["graph-beta.jsonl"]);
    assert_eq!(
        (
            doc["summary"]["records"].as_u64(),
            doc["summary"]["blocked"].as_u64()
        ),
        (Some(4), Some(2))
    );
    let doc = report_json(&["single-signin.json"]);
    assert_eq!(doc["summary"]["blocked"], 1);
    assert_eq!(
        strings(&doc["failures"][0]["causes"]),
        ["device_state", "device_platform"]
    );
    // Two arrays back to back, one blocked sign-in in both: counted once, and said so.
    let doc = report_json(&["extractor-suite-concatenated.json"]);
    assert_eq!(doc["summary"]["records"], 6);
    assert_eq!(doc["summary"]["blocked"], 3);
    assert_eq!(doc["summary"]["users"], 2);
    assert_eq!(doc["summary"]["duplicates"], 1);
    assert!(
        doc["warnings"][0]
            .as_str()
            .unwrap()
            .contains("counted once")
    );
}

#[test]
fn the_same_file_twice_counts_each_sign_in_once() {
    let doc = report_json(&["graph-beta.jsonl", "graph-beta.jsonl"]);
    assert_eq!(doc["summary"]["records"], 8);
    assert_eq!(doc["summary"]["blocked"], 2);
    assert_eq!(doc["summary"]["duplicates"], 2);
}

#[test]
fn standard_input_with_bom_and_crlf_reads_like_the_file() {
    let plain = std::fs::read_to_string(fixture("graph-v1-page-1.json")).unwrap();
    let windows = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    for args in [
        vec!["report", "-f", "json"],
        vec!["report", "-f", "json", "-"],
    ] {
        let out = doctor()
            .args(&args)
            .write_stdin(windows.clone())
            .ok_stdout();
        let doc: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["summary"]["records"], 5, "{args:?}");
        assert_eq!(doc["summary"]["blocked"], 4, "{args:?}");
    }
}

#[test]
fn ndjson_prints_one_failure_object_per_line() {
    let out = doctor()
        .args([
            "report",
            "--format",
            "ndjson",
            &fixture("sample-tenant.json"),
        ])
        .ok_stdout();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 16);
    assert!(
        lines
            .iter()
            .all(|f| f["cause"].is_string() && f["fix"]["admin"].is_string())
    );
}

// ---- filters ---------------------------------------------------------------------

#[test]
fn user_and_time_filters_narrow_the_report() {
    let out = doctor()
        .args(["report", "-f", "json", "--user", "Zoe.Angstrom@contoso.com"])
        .arg(fixture("sample-tenant.json"))
        .ok_stdout();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["summary"]["blocked"], 4);
    assert_eq!(doc["summary"]["users"], 1);

    let all = report_json(&["sample-tenant.json"]);
    let times: Vec<&str> = all["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["time"].as_str().unwrap())
        .collect();
    // From the 9th block's time on: the last 8 blocks.
    let out = doctor()
        .args([
            "report",
            "-f",
            "json",
            "--since",
            times[8],
            "--until",
            "2026-11-03",
        ])
        .arg(fixture("sample-tenant.json"))
        .ok_stdout();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["summary"]["blocked"], 8);
    assert!(doc["summary"]["filtered_out"].as_u64().unwrap() > 0);
}

#[test]
fn a_bad_time_is_a_usage_error_with_the_accepted_forms() {
    doctor()
        .args([
            "report",
            "--since",
            "last tuesday",
            &fixture("graph-beta.jsonl"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--since"))
        .stderr(predicate::str::contains("24h"));
}

// ---- errors: file, record, line, what to do --------------------------------------

#[test]
fn a_truncated_export_names_the_record_and_says_what_to_do() {
    doctor()
        .args(["report", &fixture("broken/truncated.json")])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "broken/truncated.json: record 3 (line 551): the file ends on line 562",
        ))
        .stderr(predicate::str::contains("export or copy it again"));
}

#[test]
fn a_wrong_type_names_the_field_and_line() {
    doctor()
        .args(["report", &fixture("broken/errorcode-not-a-number.json")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "record 2 (line 310): field status.errorCode: invalid value: string \"abc\", expected a number",
        ));
}

#[test]
fn a_file_that_is_not_an_export_is_refused_clearly() {
    doctor()
        .args(["report", &fixture("broken/not-an-export.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a sign-in log export"))
        .stderr(predicate::str::contains("pass a sign-in export"));
}

#[test]
fn missing_files_and_directories_are_errors_with_a_next_step() {
    doctor()
        .args(["report", "no-such-export.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: no-such-export.json: cannot open: No such file or directory; check the path",
        ));
    // A directory is read whole, so one broken export in it stops the run, named.
    let dir = std::env::temp_dir().join(format!("sd-broken-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("graph-beta.jsonl"), dir.join("a-good.jsonl")).unwrap();
    std::fs::copy(
        fixture("broken/errorcode-not-a-number.json"),
        dir.join("b-bad.json"),
    )
    .unwrap();
    doctor()
        .args(["report", dir.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("b-bad.json: record 2 (line 310)"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn other_log_types_are_named_in_the_error() {
    let audit = r#"{"id":"Directory_1","category":"UserManagement","activityDisplayName":"Update user","activityDateTime":"2026-11-02T08:00:00Z","result":"success"}"#;
    doctor()
        .arg("report")
        .write_stdin(audit)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "this is an audit log record, not a sign-in",
        ));
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    doctor()
        .args(["report", "--format", "xml"])
        .assert()
        .code(2);
    doctor()
        .args(["report", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("--since"))
        .stdout(predicate::str::contains("Exit codes"));
    doctor()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("signin-doctor "));
}

// ---- output safety and pipes -----------------------------------------------------

#[test]
fn log_text_cannot_drive_the_terminal() {
    let hostile = r#"[{"id":"r1","createdDateTime":"2026-11-02T08:00:00Z","userPrincipalName":"eve@contoso.com",
        "status":{"errorCode":53003},"clientAppUsed":"Browser",
        "appDisplayName":"App\u001b]0;pwned\u0007\u001b[2J","location":{"countryOrRegion":"BR"},
        "appliedConditionalAccessPolicies":[{"id":"p","displayName":"CA\u009b31m evil \u202egnp.exe",
          "enforcedGrantControls":["Block"],"result":"failure","conditionsSatisfied":"application,users,location"}]}]"#;
    let out = doctor().arg("report").write_stdin(hostile).ok_stdout();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(!text.contains('\u{9b}'), "{text:?}");
    assert!(!text.contains('\u{202e}'), "{text:?}");
    assert!(
        text.contains("\\u{1b}[2J"),
        "escapes are shown, not hidden: {text}"
    );
}

#[test]
fn a_reader_that_closes_early_is_not_an_error() {
    // Enough blocked sign-ins that output is still being written when `head` leaves.
    let mut input = String::new();
    for i in 0..5000 {
        input.push_str(&format!(
            "{{\"id\":\"{i:08}\",\"createdDateTime\":\"2026-11-02T08:00:00Z\",\"userPrincipalName\":\"u{i}@contoso.com\",\"status\":{{\"errorCode\":53003}},\"appliedConditionalAccessPolicies\":[{{\"displayName\":\"CA004 - Block legacy authentication\",\"enforcedGrantControls\":[\"Block\"],\"result\":\"failure\",\"conditionsSatisfied\":\"application,users,clientType\"}}],\"clientAppUsed\":\"IMAP4\"}}\n"
        ));
    }
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_signin-doctor"))
        .args(["report", "--format", "ndjson"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The tool may stop reading once its output is gone; that is fine here.
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("\"cause\":\"client_app\""), "{first}");
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- every export shape -----------------------------------------------------------

/// The same blocked sign-in exported in every shape that carries policies gives the same
/// failure object (fixtures/same-signin/README.md).
#[test]
fn one_sign_in_in_every_shape_gets_the_same_diagnosis() {
    let failure_in = |file: &str| -> Value {
        let doc = report_json(&[&format!("same-signin/{file}")]);
        assert_eq!(doc["summary"]["records"], 2, "{file}");
        assert_eq!(doc["summary"]["blocked"], 1, "{file}");
        doc["failures"][0].clone()
    };
    let reference = failure_in("diag-PT1H.json");
    assert_eq!(reference["cause"], "location");
    assert_eq!(reference["confidence"], "high");
    assert_eq!(reference["country"], "BR");
    for file in [
        "eventhub.json",
        "la-signinlogs.json",
        "la-jsontext.jsonl",
        "la-query-api.json",
        "la-export.csv",
    ] {
        assert_eq!(
            failure_in(file),
            reference,
            "{file} differs from diag-PT1H.json"
        );
    }
    // Graph beta also names the rule that matched; everything else is the same.
    let mut beta = failure_in("graph-beta.json");
    let first = beta["evidence"][0].as_str().unwrap().to_string();
    assert!(
        first.ends_with(" (rules: location = allLocations)"),
        "{first}"
    );
    beta["evidence"][0] = Value::from(first.trim_end_matches(" (rules: location = allLocations)"));
    assert_eq!(beta, reference);
    // The portal CSV has no policy list: the same sign-in, honestly not diagnosed.
    let csv = failure_in("portal-download.csv");
    assert_eq!(csv["request_id"], reference["request_id"]);
    assert_eq!(csv["time"], reference["time"]);
    assert_eq!(csv["user"], reference["user"]);
    assert_eq!(csv["cause"], "unknown");
    assert_ne!(csv["confidence"], "high");
    assert!(
        csv["detail"]
            .as_str()
            .unwrap()
            .contains("the portal's CSV download never has them"),
        "{csv}"
    );
}

#[test]
fn each_shape_fixture_is_diagnosed() {
    /// (request id prefix, cause, confidence)
    type Expected = (&'static str, &'static str, &'static str);
    // (fixture, records, blocked, expected failures)
    let cases: &[(&str, u64, u64, &[Expected])] = &[
        (
            "diag-noninteractive-PT1H.json",
            6,
            3,
            &[
                ("8ae29e40", "client_app", "high"),
                ("3930b256", "device_state", "high"),
                ("59202faa", "location", "high"),
            ],
        ),
        (
            "diag-syslog.log",
            3,
            1,
            &[("1a856c79", "device_platform", "high")],
        ),
        (
            "eventhub-messages.jsonl",
            5,
            3,
            &[
                ("90915baa", "risk", "high"),
                ("b4826545", "auth_flow", "high"),
                ("6e3990c8", "location", "high"),
            ],
        ),
        (
            "diag-PT1H.json.gz",
            3,
            1,
            &[("2303046c", "client_app", "high")],
        ),
        (
            "portal-InteractiveSignIns_2026-11-01_2026-11-02.csv",
            6,
            3,
            &[
                ("c90bae0e", "unknown", "low"),
                ("554503e0", "auth_flow", "low"),
                ("313dd772", "client_app", "low"),
            ],
        ),
        (
            "portal-old-quoted.csv",
            3,
            1,
            &[("276164ce", "client_app", "low")],
        ),
        ("portal-fr.csv", 3, 1, &[("3a2fb46a", "client_app", "low")]),
    ];
    for (file, records, blocked, failures) in cases {
        let doc = report_json(&[file]);
        assert_eq!(doc["summary"]["records"], *records, "{file}");
        assert_eq!(doc["summary"]["blocked"], *blocked, "{file}");
        for (id, cause, confidence) in *failures {
            let f = doc["failures"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["request_id"].as_str().unwrap().starts_with(id))
                .unwrap_or_else(|| panic!("{file}: no failure {id}"));
            assert_eq!(
                (f["cause"].as_str(), f["confidence"].as_str()),
                (Some(*cause), Some(*confidence)),
                "{file} {id}"
            );
        }
    }
}

#[test]
fn log_analytics_rows_of_one_sign_in_are_merged() {
    let doc = report_json(&["la-split-rows.csv"]);
    assert_eq!(doc["summary"]["records"], 5, "rows read");
    assert_eq!(doc["summary"]["blocked"], 1, "one sign-in");
    let f = &doc["failures"][0];
    assert_eq!(
        f["policies"][0]["name"], "CA010 - Block access outside allowed countries",
        "the blocking policy sat on the second row"
    );
    assert_eq!(f["confidence"], "high");
    assert!(
        strings(&doc["warnings"])
            .iter()
            .any(|w| w.starts_with("2 rows of blocked sign-ins continued the row before")),
        "{}",
        doc["warnings"]
    );
}

#[test]
fn directories_are_read_recursively_with_gzip_and_non_exports_listed() {
    let doc = report_json(&["storage-account"]);
    assert_eq!(doc["summary"]["records"], 7);
    assert_eq!(doc["summary"]["blocked"], 3);
    // One directory holding the same sign-in eight times: one block, seven duplicates,
    // and its README named as skipped.
    let doc = report_json(&["same-signin"]);
    assert_eq!(doc["summary"]["blocked"], 1);
    assert_eq!(doc["summary"]["duplicates"], 7);
    let warnings = strings(&doc["warnings"]).join("\n");
    assert!(
        warnings.contains("skipped 1 file that is not named like an export"),
        "{warnings}"
    );
    assert!(warnings.contains("same-signin/README.md"), "{warnings}");
}

#[test]
fn gzip_is_read_from_standard_input_too() {
    let gz = std::fs::read(fixture("diag-PT1H.json.gz")).unwrap();
    let out = doctor()
        .args(["report", "-f", "json"])
        .write_stdin(gz)
        .ok_stdout();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["summary"]["blocked"], 1);
}

#[test]
fn detect_names_each_shape_and_its_fields() {
    let out = doctor()
        .args([
            "detect",
            &fixture("same-signin"),
            &fixture("graph-v1-page-1.json"),
        ])
        .ok_stdout();
    let text = String::from_utf8(out).unwrap();
    for want in [
        "shape:   Azure Monitor diagnostic settings (storage account JSON Lines)",
        "shape:   Azure Event Hub messages",
        "shape:   Graph / Entra admin center JSON download (array)",
        "shape:   Log Analytics export (CSV)",
        "shape:   Log Analytics rows (JSON)",
        "shape:   Log Analytics query API response",
        "shape:   Entra admin center CSV download",
        "shape:   Microsoft Graph API pages",
        "records: 2 (1 blocked by Conditional Access, 53003)",
        "missing: userAgent, conditionsSatisfied (matched conditions), networkLocationDetails",
        "note: skipped 1 file",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    let out = doctor()
        .args(["detect", "--format", "json", &fixture("portal-fr.csv")])
        .ok_stdout();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc[0]["shape"], "Entra admin center CSV download");
    assert_eq!(doc[0]["records"], 3);
    assert_eq!(doc[0]["fields"]["appliedConditionalAccessPolicies"], 0);
}

#[test]
fn detect_reports_unreadable_files_and_fails() {
    doctor()
        .args([
            "detect",
            &fixture("broken/truncated.json"),
            &fixture("broken/not-an-export.txt"),
            &fixture("graph-beta.jsonl"),
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "truncated.json\n  cannot be read:",
        ))
        .stdout(predicate::str::contains("graph-beta.jsonl\n  shape:"))
        .stderr(predicate::str::contains("2 of 3 inputs could not be read"));
    // In a directory walk, files not named like exports are skipped and said so.
    doctor()
        .args(["detect", &fixture("pastes")])
        .assert()
        .stdout(predicate::str::contains(
            "note: skipped 13 files that are not named like an export",
        ));
}

#[test]
fn csv_problems_name_the_row_and_what_was_expected() {
    doctor()
        .arg("report")
        .write_stdin("When,Who,What,Why\n1,2,3,4\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a CSV header this version does not know: When, Who, What, Why",
        ))
        .stderr(predicate::str::contains(
            "expected the Entra portal download (Date (UTC)",
        ));
    doctor()
        .arg("report")
        .write_stdin("Date (UTC),Request ID,Sign-in error code\n2026-11-02T08:00:00Z,r1,53003\n2026-11-02T08:00:00Z,r2\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: record 2 (line 3): a row with 2 fields where the header has 3",
        ));
}

#[test]
fn a_cut_gzip_file_says_so() {
    let gz = std::fs::read(fixture("diag-PT1H.json.gz")).unwrap();
    doctor()
        .arg("report")
        .write_stdin(gz[..gz.len() / 2].to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the gzip data is damaged or cut short: download or copy the file again",
        ));
}

// ---- explain ----------------------------------------------------------------------

const SAME_SIGNIN: &str = "f7fd8b2d-fc26-45b7-90fb-8b8d91076100";

fn explain(args: &[&str]) -> assert_cmd::assert::Assert {
    doctor().arg("explain").args(args).assert()
}

fn text_of(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn explain_by_request_id_reads_like_a_ticket() {
    let braced = format!("{{{}}}", SAME_SIGNIN.to_uppercase());
    let text = text_of(explain(&[&braced, &fixture("same-signin/diag-PT1H.json")]).success());
    for want in [
        "Blocked by Conditional Access (AADSTS53003)",
        "beatriz.alves@contoso.com tried to sign in to Azure Portal",
        "Why: location (confidence high)",
        "Blocking policy  CA030 - Block access from untrusted IP",
        "What the user can try now",
        "What the admin should check",
        "For the ticket",
        "Request ID      f7fd8b2d-fc26-45b7-90fb-8b8d91076100",
        "Error code      53003 (BlockedByConditionalAccess)",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn explain_json_is_the_report_failure_object_in_every_shape() {
    let report = report_json(&["same-signin/diag-PT1H.json"]);
    let expected = &report["failures"][0];
    for file in [
        "diag-PT1H.json",
        "la-export.csv",
        "la-query-api.json",
        "eventhub.json",
    ] {
        let out = explain(&[
            SAME_SIGNIN,
            "-f",
            "json",
            &fixture(&format!("same-signin/{file}")),
        ])
        .success()
        .get_output()
        .stdout
        .clone();
        let mut doc: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["related"], serde_json::json!([]), "{file}");
        // explain adds the user's status and pattern (issue 10) to the failure object.
        assert_eq!(doc["pattern"]["kind"], "structural", "{file}");
        for extra in ["related", "status", "pattern"] {
            doc.as_object_mut().unwrap().remove(extra);
        }
        assert_eq!(&doc, expected, "{file}");
    }
}

#[test]
fn a_correlation_id_shows_the_chain_blocked_first() {
    let text = text_of(
        explain(&[
            "5e1a7c3d-92b4-4f06-8d2e-71c0a9b3e4f5",
            &fixture("correlation-chain.json"),
        ])
        .success(),
    );
    assert!(
        text.contains("3 sign-ins share the correlation id"),
        "{text}"
    );
    // The first block is explained in full; the rest are listed, the other block first.
    let full = text.find("Why: device_state").unwrap();
    let retry = text
        .find("09:40:09 UTC: blocked by Conditional Access")
        .unwrap();
    let success = text.find("09:40:01 UTC: succeeded").unwrap();
    assert!(full < retry && retry < success, "{text}");
    assert!(
        text.contains("request id 1d7e3b02")
            || text.contains("1d7e3b02-4e6f-4c89-b2d5-0f3e8a9c7b02")
    );
}

#[test]
fn not_found_says_what_was_searched_and_exits_1() {
    let a = explain(&[
        "00000000-1111-2222-3333-444444444444",
        &fixture("same-signin/graph-beta.json"),
    ])
    .code(1);
    let text = text_of(a);
    for want in [
        "No sign-in with the id 00000000-1111-2222-3333-444444444444",
        "Searched 2 records in",
        "same-signin/graph-beta.json",
        "from 2026-11-02",
        // Both records there are interactive.
        "It may be a non-interactive sign-in",
        "another tenant",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // JSON keeps stdout for the failure object: the not-found report goes to stderr.
    explain(&["not-an-id", "-f", "json", &fixture("graph-beta.jsonl")])
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("\"found\": false"))
        .stderr(predicate::str::contains(
            "does not look like a request or correlation id",
        ));
}

#[test]
fn a_sign_in_that_is_not_a_block_is_explained_for_what_it_is() {
    // A wrong password in the v1.0 pages.
    let page: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("graph-v1-page-2.json")).unwrap())
            .unwrap();
    let wrong_password = page["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"]["errorCode"] == 50126)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = text_of(explain(&[&wrong_password, &fixture("graph-v1-page-2.json")]).success());
    assert!(
        text.contains("Not a Conditional Access block: AADSTS50126 InvalidUserNameOrPassword"),
        "{text}"
    );
    let out = explain(&[
        &wrong_password,
        "-f",
        "json",
        &fixture("graph-v1-page-2.json"),
    ])
    .success()
    .get_output()
    .stdout
    .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["error_code"], 50126);
    assert_eq!(doc["blocked_by_conditional_access"], false);
    assert_eq!(doc["conditional_access"], false);
    assert!(doc["fix"]["user"].as_str().unwrap().contains("password"));
}

/// Every paste variant in fixtures/pastes (see its README): what it must yield alone.
#[test]
fn every_paste_variant_is_read() {
    let cases: &[(&str, &[&str])] = &[
        (
            "error-page.txt",
            &[
                "Likely cause: device_state (confidence low)",
                "Request ID      f7fd8b2d-fc26-45b7-90fb-8b8d91076100",
                "Application     Azure Portal",
            ],
        ),
        (
            "error-page-markdown.txt",
            &[
                "Likely cause: device_state (confidence low)",
                "Request ID      f7fd8b2d-fc26-45b7-90fb-8b8d91076100",
            ],
        ),
        (
            "error-page-crlf-lowercase.txt",
            &[
                "Likely cause: device_state (confidence low)",
                "Correlation ID  28cf2b76-a414-4c40-a154-2a9f608eebcb",
            ],
        ),
        (
            "error-page-azure-cli-device-code.txt",
            &["Likely cause: device_state", "az login --use-device-code"],
        ),
        (
            "error-page-registered.txt",
            &[
                "Likely cause: unknown (confidence low)",
                "Pull the sign-in record to confirm",
            ],
        ),
        (
            "hard-error-page.txt",
            &[
                "from the error page alone",
                "Request ID      f9ba8f66-7930-4178-8f3a-41d2872d9b00",
            ],
        ),
        (
            "oauth-error.json",
            &[
                "from the OAuth error response alone",
                "Request ID      c2665156-d05c-444a-bfb1-5f29c1e43900",
            ],
        ),
        (
            "azure-cli.txt",
            &[
                "Likely cause: auth_flow (confidence low)",
                "Request ID      b4826545-940a-41fc-9949-0001cef46300",
            ],
        ),
        (
            "msal-exception.txt",
            &[
                "Blocked by Conditional Access (AADSTS53003)",
                "2bb4f1c8-6e03-4858-ab0a-5893269a4a00",
            ],
        ),
        (
            "error-page-53000.txt",
            &["A Conditional Access requirement was not met (AADSTS53000 DeviceNotCompliant)"],
        ),
        (
            "error-page-50126.txt",
            &["Not a Conditional Access block: AADSTS50126"],
        ),
        (
            "request-id-only.txt",
            &[
                "An id, but no error",
                "f7fd8b2d-fc26-45b7-90fb-8b8d91076100",
            ],
        ),
    ];
    for (file, wants) in cases {
        let text = text_of(explain(&["--paste", &fixture(&format!("pastes/{file}"))]).success());
        for want in *wants {
            assert!(text.contains(want), "{file}: missing {want:?} in:\n{text}");
        }
        assert!(
            !text.contains("confidence high"),
            "{file}: a paste alone is never high"
        );
    }
    explain(&["--paste", &fixture("pastes/not-an-error.txt")])
        .code(2)
        .stderr(predicate::str::contains("is not a sign-in error report"))
        .stderr(predicate::str::contains("Troubleshooting details"));
}

#[test]
fn a_paste_with_logs_is_looked_up_and_explained_in_full() {
    // (paste, logs, expected cause line)
    let cases = [
        (
            "error-page-markdown.txt",
            "same-signin/la-jsontext.jsonl",
            "Why: location (confidence high)",
        ),
        (
            "hard-error-page.txt",
            "storage-account",
            "Why: policy_scope (confidence high)",
        ),
        (
            "oauth-error.json",
            "sample-tenant.json",
            "Why: auth_flow (confidence high)",
        ),
        (
            "azure-cli.txt",
            "eventhub-messages.jsonl",
            "Why: auth_flow (confidence high)",
        ),
        (
            "request-id-only.txt",
            "same-signin/graph-beta.json",
            "Why: location (confidence high)",
        ),
    ];
    for (paste, logs, want) in cases {
        let text = text_of(
            explain(&[
                "--paste",
                &fixture(&format!("pastes/{paste}")),
                &fixture(logs),
            ])
            .success(),
        );
        assert!(
            text.contains(want),
            "{paste} + {logs}: missing {want:?} in:\n{text}"
        );
    }
    // From standard input, markdown for the ticket.
    let paste = std::fs::read_to_string(fixture("pastes/error-page.txt")).unwrap();
    let out = doctor()
        .args(["explain", "--paste", "-", "--format", "markdown"])
        .arg(fixture("same-signin/diag-PT1H.json"))
        .write_stdin(paste)
        .ok_stdout();
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.starts_with("## Blocked by Conditional Access (AADSTS53003)"),
        "{md}"
    );
    assert!(md.contains("**Why: location (confidence high)**"), "{md}");
    assert!(
        md.contains("| Request ID | f7fd8b2d-fc26-45b7-90fb-8b8d91076100 |"),
        "{md}"
    );
}

#[test]
fn a_paste_not_in_the_logs_still_gets_its_own_reading_and_exit_1() {
    let text = text_of(
        explain(&[
            "--paste",
            &fixture("pastes/error-page-azure-cli-device-code.txt"),
            &fixture("sample-tenant.json"),
        ])
        .code(1),
    );
    assert!(
        text.contains("Likely cause: device_state (confidence low)"),
        "{text}"
    );
    assert!(
        text.contains("No sign-in with the id 20dfe71d-3046-4316-b78d-e14c1d5c3300"),
        "{text}"
    );
}

#[test]
fn explain_usage_errors_are_clear() {
    explain(&[]).code(2).stderr(predicate::str::contains(
        "explain needs a request id or correlation id",
    ));
    doctor()
        .args(["explain", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--paste"))
        .stdout(predicate::str::contains(
            "Exit codes: 0 explained; 1 no sign-in with that id",
        ));
}

// ---- check and impact ---------------------------------------------------------------

fn check(args: &[&str]) -> assert_cmd::assert::Assert {
    doctor().arg("check").args(args).assert()
}

#[test]
fn check_fails_on_any_block_by_default_and_passes_within_limits() {
    let text = text_of(check(&[&fixture("graph-beta.jsonl")]).code(1));
    assert!(
        text.starts_with("FAIL at most 0 blocked sign-ins: 2 found"),
        "{text}"
    );
    assert!(
        text.contains(
            "ben.carter@contoso.com blocked by \"CA004 - Block legacy authentication\" (client_app)"
        ),
        "{text}"
    );
    assert!(text.contains("check failed: 1 of 1 rule broken"), "{text}");
    let text = text_of(check(&[&fixture("graph-beta.jsonl"), "--max-blocked", "2"]).success());
    assert!(
        text.contains("PASS at most 2 blocked sign-ins: 2 found"),
        "{text}"
    );
    assert!(text.contains("check passed"), "{text}");
    // Nothing blocked at all passes the default.
    check(&[
        &fixture("same-signin/graph-beta.json"),
        "--user",
        "david.okafor@contoso.com",
    ])
    .success();
}

#[test]
fn check_counts_only_the_causes_policies_and_users_asked_for() {
    let sample = fixture("sample-tenant.json");
    // 4 location blocks, 3 legacy-auth blocks, … (fixtures/README.md).
    let text = text_of(check(&[&sample, "--fail-on", "location", "--max-blocked", "4"]).success());
    assert!(
        text.contains("PASS at most 4 blocked sign-ins (cause location): 4 found"),
        "{text}"
    );
    check(&[
        &sample,
        "--fail-on",
        "location",
        "--fail-on",
        "client_app",
        "--max-blocked",
        "6",
    ])
    .code(1)
    .stdout(predicate::str::contains("7 found"));
    check(&[
        &sample,
        "--policy",
        "CA004 - Block legacy authentication",
        "--max-blocked",
        "3",
    ])
    .success();
    let text = text_of(check(&[&sample, "--max-users", "6"]).code(1));
    assert!(
        text.starts_with("FAIL at most 6 blocked users: 7 found"),
        "{text}"
    );
    check(&[&sample, "--max-users", "7"]).success();
    check(&[&sample, "--fail-on", "nonsense"])
        .code(2)
        .stderr(predicate::str::contains(
            "possible values: location, device_state",
        ));
}

#[test]
fn break_glass_accounts_fail_the_check_whatever_the_thresholds() {
    let sample = fixture("sample-tenant.json");
    let text = text_of(
        check(&[
            &sample,
            "--max-blocked",
            "100",
            "--break-glass",
            "Zoe.Angstrom@contoso.com",
        ])
        .code(1),
    );
    assert!(
        text.contains("FAIL no block or would-block of the 1 break-glass account: 8 found"),
        "{text}"
    );
    assert!(
        text.contains(
            "would be blocked by report-only \"CA012 - Pilot: Block countries without staff\""
        ),
        "{text}"
    );
    let list = std::env::temp_dir().join(format!("bg-{}.txt", std::process::id()));
    std::fs::write(
        &list,
        "# emergency accounts\nbg1@contoso.com\n\nbg2@contoso.com  # second\n",
    )
    .unwrap();
    check(&[
        &sample,
        "--max-blocked",
        "100",
        "--break-glass-file",
        list.to_str().unwrap(),
    ])
    .success()
    .stdout(predicate::str::contains(
        "PASS no block or would-block of the 2 break-glass accounts",
    ));
    std::fs::write(&list, "not an account\n").unwrap();
    check(&[&sample, "--break-glass-file", list.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(
            "line 1: \"not an account\" is not a UPN",
        ));
    std::fs::remove_file(&list).ok();
}

#[test]
fn report_only_rollouts_are_gated_apart_from_real_blocks() {
    let sample = fixture("sample-tenant.json");
    let pilot = "CA012 - Pilot: Block countries without staff";
    check(&[
        &sample,
        "--max-blocked",
        "100",
        "--policy",
        pilot,
        "--max-would-block",
        "4",
    ])
    .success();
    let text = text_of(
        check(&[
            &sample,
            "--max-blocked",
            "100",
            "--policy",
            pilot,
            "--max-would-block",
            "3",
        ])
        .code(1),
    );
    assert!(
        text.contains("FAIL at most 3 would-be blocks by report-only policies"),
        "{text}"
    );
    // The real-block count is untouched by report-only results.
    assert!(text.contains("16 blocked sign-ins of 7 users"), "{text}");
}

#[test]
fn check_json_and_junit_are_machine_readable() {
    let sample = fixture("sample-tenant.json");
    let out = doctor()
        .args([
            "check",
            &sample,
            "--format",
            "json",
            "--break-glass",
            "bg@contoso.com",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["rules"][0]["rule"], "blocked");
    assert_eq!(doc["rules"][0]["actual"], 16);
    assert_eq!(doc["rules"][1]["rule"], "break_glass");
    assert_eq!(doc["rules"][1]["passed"], true);
    assert_eq!(doc["violations"].as_array().unwrap().len(), 16);
    assert_eq!(doc["violations"][0]["kind"], "block");
    assert_eq!(doc["summary"]["blocked"], 16);

    let out = doctor()
        .args([
            "check",
            &sample,
            "--format",
            "junit",
            "--break-glass",
            "bg@contoso.com",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let xml = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("check --format junit is well-formed XML");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("2"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2);
    let failure = cases[0]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(failure.attribute("message"), Some("16 found, 0 allowed"));
    assert!(
        failure
            .text()
            .unwrap()
            .contains("zoe.angstrom@contoso.com blocked by")
    );
    assert!(cases[1].children().all(|n| !n.has_tag_name("failure")));
}

#[test]
fn check_input_errors_exit_2() {
    check(&[&fixture("broken/truncated.json")])
        .code(2)
        .stderr(predicate::str::contains("record 3 (line 551)"));
}

#[test]
fn impact_shows_what_report_only_policies_would_do() {
    let out = doctor()
        .args([
            "impact",
            &fixture("sample-tenant.json"),
            "--format",
            "json",
            "--break-glass",
            "zoe.angstrom@contoso.com",
        ])
        .ok_stdout();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let pilot = doc["policies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["policy"] == "CA012 - Pilot: Block countries without staff")
        .unwrap();
    assert_eq!(pilot["would_block"], 4);
    assert_eq!(pilot["users"], 1);
    assert_eq!(pilot["causes"], serde_json::json!({"location": 4}));
    assert_eq!(pilot["top_users"][0]["name"], "zoe.angstrom@contoso.com");
    assert_eq!(pilot["break_glass"].as_array().unwrap().len(), 4);
    let text = text_of(
        doctor()
            .args(["impact", &fixture("sample-tenant.json")])
            .assert()
            .success(),
    );
    assert!(
        text.contains("CA090 - Pilot: Require compliant device"),
        "{text}"
    );
    let md = text_of(
        doctor()
            .args([
                "impact",
                &fixture("sample-tenant.json"),
                "--format",
                "markdown",
            ])
            .assert()
            .success(),
    );
    assert!(md.contains("| Report-only policy | Would block |"), "{md}");
    let none = text_of(
        doctor()
            .args(["impact", &fixture("diag-syslog.log")])
            .assert()
            .success(),
    );
    assert!(
        none.starts_with("No report-only policy would have blocked"),
        "{none}"
    );
}

// ---- hostile text and broken input --------------------------------------------------

/// What no output for people may contain raw: escape sequences (ESC, CSI), other
/// control characters, and bidirectional overrides.
fn assert_inert(what: &str, text: &str) {
    for (c, name) in [
        ('\u{1b}', "ESC"),
        ('\u{9b}', "CSI"),
        ('\u{7}', "BEL"),
        ('\u{0}', "NUL"),
        ('\r', "CR"),
        ('\u{202e}', "RLO"),
    ] {
        assert!(!text.contains(c), "{what}: raw {name} in:\n{text}");
    }
}

#[test]
fn a_hostile_export_renders_safely_in_every_format() {
    let hostile = fixture("hostile.json");
    let id = "0e0e0e0e-1111-4222-8333-444444444401";
    let run = |args: &[&str]| -> String {
        let out = doctor().args(args).assert().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    for (what, args) in [
        ("table", vec!["report", &hostile]),
        (
            "table, colour",
            vec!["report", "--color", "always", &hostile],
        ),
        ("explain", vec!["explain", id, &hostile]),
        (
            "explain markdown",
            vec!["explain", id, "--format", "markdown", &hostile],
        ),
        ("check", vec!["check", &hostile]),
        ("impact", vec!["impact", &hostile]),
        (
            "impact markdown",
            vec!["impact", "--format", "markdown", &hostile],
        ),
        ("detect", vec!["detect", &hostile]),
    ] {
        let text = run(&args);
        let text = if what.contains("colour") {
            // Only signin-doctor's own colour codes (ESC [ digits m) may appear.
            let mut clean = String::new();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("\u{1b}[") {
                clean.push_str(&rest[..at]);
                let tail = &rest[at + 2..];
                let end = tail.find('m').expect("a colour code ends with m");
                assert!(
                    tail[..end].chars().all(|c| c.is_ascii_digit() || c == ';'),
                    "{tail}"
                );
                rest = &tail[end + 1..];
            }
            clean.push_str(rest);
            clean
        } else {
            text
        };
        assert_inert(what, &text);
        assert!(
            text.contains("\\u{1b}")
                || what.starts_with("impact")
                || what == "detect"
                || what == "check",
            "{what}: escapes are shown, not dropped:\n{text}"
        );
    }
    // Markdown cannot smuggle HTML or break the table.
    let md = run(&["explain", id, "--format", "markdown", &hostile]);
    assert!(!md.contains("<script>"), "{md}");
    // JSON stays valid and lossless: the escape is there, escaped by JSON.
    let json = run(&["report", "--format", "json", &hostile]);
    let doc: Value = serde_json::from_str(&json).expect("valid JSON");
    assert!(
        doc["failures"][0]["user"]
            .as_str()
            .unwrap()
            .contains('\u{1b}')
    );
    assert!(!json.contains('\u{1b}'), "JSON escapes control characters");
    let junit = run(&["check", "--format", "junit", &hostile]);
    roxmltree::Document::parse(&junit).expect("JUnit stays well-formed XML");
    assert_inert("junit", &junit);
    // CSV parses back, one row per blocked sign-in, and no cell can start a formula in
    // a spreadsheet (OWASP: = + - @ tab CR) or carry an escape sequence.
    let csv_text = run(&["report", "--format", "csv", &hostile]);
    assert_inert("csv", &csv_text);
    let mut rows = csv::Reader::from_reader(csv_text.as_bytes());
    let header = rows.headers().unwrap().clone();
    assert_eq!(&header[0], "request_id");
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(
        records.len() as u64,
        doc["summary"]["blocked"].as_u64().unwrap()
    );
    let user_column = header.iter().position(|h| h == "user").unwrap();
    assert!(records[0][user_column].starts_with("'=cmd|"), "{csv_text}");
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
    }
}

#[test]
fn csv_lists_every_blocked_sign_in_with_the_json_fields() {
    let doc = report_json(&["sample-tenant.json"]);
    let out = doctor()
        .args(["report", "--format", "csv", &fixture("sample-tenant.json")])
        .ok_stdout();
    let mut rows = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let failures = doc["failures"].as_array().unwrap();
    assert_eq!(records.len(), failures.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, f) in records.iter().zip(failures) {
        assert_eq!(row[col("request_id")], *f["request_id"].as_str().unwrap());
        assert_eq!(row[col("user")], *f["user"].as_str().unwrap());
        assert_eq!(row[col("cause")], *f["cause"].as_str().unwrap());
        assert_eq!(row[col("confidence")], *f["confidence"].as_str().unwrap());
        let names: Vec<&str> = f["policies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(row[col("policy_names")], names.join("; "));
        assert_eq!(row[col("fix_admin")], *f["fix"]["admin"].as_str().unwrap());
    }
}

#[test]
fn lenient_skips_what_cannot_be_read_and_says_where() {
    let text = text_of(
        doctor()
            .args([
                "report",
                "--lenient",
                &fixture("broken/truncated.json"),
                &fixture("graph-beta.jsonl"),
            ])
            .assert()
            .success(),
    );
    assert!(
        text.contains("--lenient skipped 1 unreadable record or file part"),
        "{text}"
    );
    assert!(
        text.contains("truncated.json: record 3 (line 551)"),
        "{text}"
    );
    // Records before the break still count.
    assert!(text.contains("3 sign-ins blocked"), "{text}");
    // Strict by default.
    doctor()
        .args(["report", &fixture("broken/truncated.json")])
        .assert()
        .code(2);
    // A check over skipped data fails.
    check(&[
        "--lenient",
        "--max-blocked",
        "10",
        &fixture("broken/errorcode-not-a-number.json"),
    ])
    .code(1)
    .stdout(predicate::str::contains(
        "FAIL every record readable (--lenient): 1 found",
    ))
    .stdout(predicate::str::contains("record 2 (line 310)"));
}

// ---- --redact ---------------------------------------------------------------------

/// Every value `--redact` must hide, read from the fixture itself.
fn identifying_values(fixture_name: &str) -> Vec<String> {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(fixture_name)).unwrap()).unwrap();
    let mut values = std::collections::BTreeSet::new();
    for r in doc.as_array().unwrap() {
        for v in [
            &r["userPrincipalName"],
            &r["userDisplayName"],
            &r["userId"],
            &r["ipAddress"],
            &r["location"]["city"],
            &r["deviceDetail"]["deviceId"],
            &r["deviceDetail"]["displayName"],
        ] {
            // Device names such as "iPhone" are also words the advice uses.
            let generic = ["iPhone", "iPad", "Android", "Windows", "MacBook"];
            if let Some(s) = v.as_str().filter(|s| s.len() > 3 && !generic.contains(s)) {
                values.insert(s.to_string());
            }
        }
        // The local part of each UPN too (it is often the person's name).
        if let Some(upn) = r["userPrincipalName"].as_str() {
            values.insert(upn.split('@').next().unwrap().to_string());
        }
    }
    assert!(values.len() > 20, "{values:?}");
    values.into_iter().collect()
}

#[test]
fn redact_hides_people_addresses_and_devices_in_every_format_and_keeps_the_totals() {
    let secrets = identifying_values("sample-tenant.json");
    let plain = report_json(&["sample-tenant.json"]);
    for args in [
        vec!["report", "--redact"],
        vec!["report", "--redact", "--format", "json"],
        vec!["report", "--redact", "--format", "ndjson"],
        vec!["impact", "--redact"],
        vec!["check", "--redact"],
        vec![
            "explain",
            "--redact",
            "11cda2d1-deae-4797-931b-89c0a6767200",
        ],
    ] {
        let out = doctor()
            .args(&args)
            .arg(fixture("sample-tenant.json"))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.is_empty(), "{args:?} printed nothing");
        for s in &secrets {
            assert!(
                !text.to_lowercase().contains(&s.to_lowercase()),
                "{args:?} shows {s:?}:\n{text}"
            );
        }
    }
    let redacted: Value = serde_json::from_slice(
        &doctor()
            .args(["report", "--redact", "--format", "json"])
            .arg(fixture("sample-tenant.json"))
            .ok_stdout(),
    )
    .unwrap();
    // Same user → same pseudonym, so the per-user totals are unchanged.
    for key in ["blocked", "users", "records"] {
        assert_eq!(redacted["summary"][key], plain["summary"][key], "{key}");
    }
    let f = failure(&redacted, "11cda2d1-deae-4797-931b-89c0a6767200");
    assert_eq!(f["country"], "TH");
    assert_eq!(f["cause"], "location");
    assert!(f["user"].as_str().unwrap().starts_with("user-"), "{f}");
    assert!(f["ip"].as_str().unwrap().starts_with("ipv4-"), "{f}");
}

#[test]
fn redact_key_keeps_pseudonyms_stable_across_runs_and_a_random_key_does_not() {
    let user_of = |extra: &[&str], env_key: Option<&str>| -> String {
        let mut cmd = doctor();
        cmd.args(["report", "--format", "json"])
            .args(extra)
            .arg(fixture("sample-tenant.json"))
            .env_remove("SIGNIN_DOCTOR_REDACT_KEY");
        if let Some(k) = env_key {
            cmd.env("SIGNIN_DOCTOR_REDACT_KEY", k);
        }
        let doc: Value = serde_json::from_slice(&cmd.ok_stdout()).unwrap();
        failure(&doc, "11cda2d1-deae-4797-931b-89c0a6767200")["user"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let keyed = user_of(&["--redact-key", "team-secret"], None);
    assert_eq!(keyed, user_of(&["--redact-key", "team-secret"], None));
    assert_eq!(keyed, user_of(&["--redact"], Some("team-secret")));
    assert_ne!(keyed, user_of(&["--redact-key", "other-secret"], None));
    assert_ne!(user_of(&["--redact"], None), user_of(&["--redact"], None));
    doctor()
        .args(["report", "--redact-key", ""])
        .arg(fixture("sample-tenant.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--redact-key is empty"));
    // The variable alone does not turn redaction on.
    assert_eq!(
        user_of(&[], Some("team-secret")),
        "zoe.angstrom@contoso.com"
    );
}

#[test]
fn redacted_runs_still_take_real_names_for_user_and_break_glass() {
    let text = doctor()
        .args([
            "check",
            "--redact",
            "--max-blocked",
            "100",
            "--break-glass",
            "zoe.angstrom@contoso.com",
            "--user",
            "Zoe.Angstrom@contoso.com",
        ])
        .arg(fixture("sample-tenant.json"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("FAIL no block or would-block of the 1 break-glass account"),
        "{text}"
    );
    assert!(text.contains("4 blocked sign-ins of 1 user"), "{text}");
    assert!(!text.contains("zoe"), "{text}");
}

// ---- the broken-input corpus (fixtures/broken/MANIFEST.tsv) ---------------------------

/// One row of the manifest: a damaged file and what `report` must do with it.
struct Broken {
    file: String,
    exit: i32,
    expect: String,
    note: String,
}

fn broken_corpus() -> Vec<Broken> {
    let text = std::fs::read_to_string(fixture("broken/MANIFEST.tsv")).unwrap();
    let rows: Vec<Broken> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 4, "MANIFEST.tsv row {l:?}");
            Broken {
                file: cells[0].to_string(),
                exit: cells[1].parse().unwrap(),
                expect: cells[2].to_string(),
                note: cells[3].to_string(),
            }
        })
        .collect();
    // Every file in broken/ is listed, and every listed file exists.
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture("broken"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "MANIFEST.tsv")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = rows.iter().map(|r| r.file.clone()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "fixtures/broken/ and MANIFEST.tsv disagree"
    );
    assert!(rows.len() >= 30, "{} cases", rows.len());
    rows
}

#[test]
fn every_broken_input_gets_its_documented_outcome_and_never_a_panic() {
    for case in broken_corpus() {
        let path = fixture(&format!("broken/{}", case.file));
        let out = doctor().args(["report", &path]).output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        let what = format!(
            "{} ({})\nstdout: {stdout}\nstderr: {stderr}",
            case.file, case.note
        );
        assert_eq!(out.status.code(), Some(case.exit), "{what}");
        assert!(!stderr.contains("panicked"), "{what}");
        if case.exit == 2 {
            // FILE: [record N (line L):] what was wrong; what to do
            assert!(stderr.starts_with(&format!("error: {path}: ")), "{what}");
            for part in case.expect.split(" && ") {
                assert!(stderr.contains(part), "{part:?} missing: {what}");
            }
            assert!(stderr.contains("; "), "no next step: {what}");
            assert!(stdout.is_empty(), "{what}");
            // --lenient reads on, and says what it skipped and where.
            let lenient = doctor()
                .args(["report", "--lenient", &path])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&lenient.stdout);
            assert_eq!(lenient.status.code(), Some(0), "--lenient {what}");
            assert!(
                text.contains("--lenient skipped") && text.contains(&case.file),
                "--lenient {what}\n{text}"
            );
            // ... and a CI gate does not pass over skipped data.
            doctor()
                .args(["check", "--lenient", &path])
                .assert()
                .code(1)
                .stdout(predicate::str::contains(
                    "FAIL every record readable (--lenient)",
                ));
        } else {
            for part in case.expect.split(" && ") {
                assert!(stdout.contains(part), "{part:?} missing: {what}");
            }
        }
    }
}

/// A scratch file for inputs too large to ship.
fn scratch(name: &str, fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>)) -> String {
    let path = std::env::temp_dir().join(format!("sd-{}-{name}", std::process::id()));
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    fill(&mut w);
    w.flush().unwrap();
    path.to_str().unwrap().to_string()
}

fn blocked_record(user_agent_len: usize) -> String {
    format!(
        r#"{{"id":"big-1","createdDateTime":"2026-11-02T08:00:00Z","userPrincipalName":"big@contoso.com","status":{{"errorCode":53003}},"conditionalAccessStatus":"failure","userAgent":"{}","appliedConditionalAccessPolicies":[{{"id":"p1","displayName":"CA001","result":"failure","enforcedGrantControls":["Block"]}}]}}"#,
        "A".repeat(user_agent_len)
    )
}

#[test]
fn an_8_mb_string_is_read_and_a_200_mb_line_is_refused_with_the_limit() {
    let big = scratch("8mb.jsonl", |w| {
        writeln!(w, "{}", blocked_record(8 << 20)).unwrap();
    });
    doctor()
        .args(["report", "--format", "json", &big])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"blocked\": 1"));
    std::fs::remove_file(&big).unwrap();

    let huge = scratch("200mb.jsonl", |w| {
        writeln!(w, "{}", blocked_record(200 << 20)).unwrap();
        writeln!(w, "{}", blocked_record(10)).unwrap();
    });
    doctor()
        .args(["report", &huge])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "record 1 (line 1): a single record is larger than 64 MiB",
        ));
    // --lenient skips the oversized record and reads the one after it.
    doctor()
        .args(["report", "--lenient", &huge])
        .assert()
        .success()
        .stdout(predicate::str::contains("--lenient skipped 1"));
    std::fs::remove_file(&huge).unwrap();
}

#[test]
fn nesting_100_000_deep_never_overflows_the_stack() {
    let deep = |name: &str, open: &str, close: &str| {
        scratch(name, |w| {
            write!(w, r#"[{{"id":"x","status":{{"errorCode":53003}},"extra":"#).unwrap();
            w.write_all(open.repeat(100_000).as_bytes()).unwrap();
            write!(w, "1").unwrap();
            w.write_all(close.repeat(100_000).as_bytes()).unwrap();
            writeln!(w, "}}]").unwrap();
        })
    };
    // Objects: refused at the documented limit.
    let objects = deep("deep-objects.json", r#"{"a":"#, "}");
    doctor()
        .args(["report", &objects])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "record 1 (line 1): nesting deeper than 128 levels",
        ));
    // Arrays in a field signin-doctor does not read are skipped over without recursion:
    // valid JSON, so the record is read.
    let arrays = deep("deep-arrays.json", "[", "]");
    doctor()
        .args(["report", &arrays])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 sign-in blocked"));
    // A document that is nothing but brackets is not an export.
    let bare = scratch("deep-bare.json", |w| {
        w.write_all("[".repeat(100_000).as_bytes()).unwrap();
        w.write_all("]".repeat(100_000).as_bytes()).unwrap();
    });
    doctor()
        .args(["report", &bare])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a sign-in record object"));
    for f in [objects, arrays, bare] {
        std::fs::remove_file(f).unwrap();
    }
}

#[test]
fn a_directory_with_notes_and_images_reads_the_exports_and_lists_the_rest() {
    let dir = std::env::temp_dir().join(format!("sd-mixed-dir-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("2026-11")).unwrap();
    std::fs::copy(
        fixture("graph-beta.jsonl"),
        dir.join("2026-11/signins.jsonl"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "exported by alice for ticket 123\n").unwrap();
    std::fs::write(dir.join("screenshot.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    doctor()
        .args(["report", dir.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 sign-ins blocked"))
        .stdout(predicate::str::contains(
            "skipped 2 files that are not named like an export",
        ))
        .stdout(predicate::str::contains("notes.txt"));
    std::fs::remove_dir_all(&dir).unwrap();
}
