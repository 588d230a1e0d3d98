//! Runs `signin-doctor kql` for real: the printed query against the golden files in
//! tests/golden/ (byte for byte), the filters' quoting, and the exit codes.
//!
//! After a deliberate change to the query, regenerate the golden files with
//! `UPDATE_GOLDEN=1 cargo test --test kql`, then read the diff before committing it.

use std::path::PathBuf;

use predicates::prelude::*;

mod common;
use common::doctor;

fn kql(args: &[&str]) -> String {
    let out = doctor()
        .arg("kql")
        .args(args)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("the query is UTF-8")
}

/// Compares `actual` with tests/golden/`name`, or rewrites it under UPDATE_GOLDEN=1.
fn golden(name: &str, actual: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", name]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; create it with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || "at the end".to_string(),
                |n| format!("at line {}", n + 1),
            );
        panic!(
            "{} differs from the printed query ({line}); if the change is meant, rerun with \
             UPDATE_GOLDEN=1 and review the diff",
            path.display()
        );
    }
}

#[test]
fn default_query_matches_the_golden_file() {
    golden("kql-default.kql", &kql(&[]));
}

#[test]
fn filtered_non_interactive_per_failure_query_matches_the_golden_file() {
    let q = kql(&[
        "--since",
        "7d",
        "--user",
        "Dana@Contoso.com",
        "--user",
        "o'brien@contoso.com",
        "--policy",
        "CA030 - Block untrusted IP",
        "--non-interactive",
        "--per",
        "failure",
    ]);
    golden("kql-filtered.kql", &q);
}

#[test]
fn the_query_reads_interactive_sign_ins_unless_asked_for_more() {
    let q = kql(&[]);
    assert!(q.contains("SigninLogs\n"));
    assert!(!q.contains("AADNonInteractiveUserSignInLogs"));
    let q = kql(&["--non-interactive"]);
    assert!(q.contains("let SignIns = union isfuzzy=true\n    (SigninLogs\n"));
    assert!(q.contains("    (AADNonInteractiveUserSignInLogs\n"));
    let q = kql(&["--table", "SigninLogsCopy"]);
    assert!(q.contains("let SignIns =\n    SigninLogsCopy\n"));
}

#[test]
fn output_columns_carry_the_json_contract_names() {
    let users = kql(&[]);
    assert!(users.contains(
        "| project user, blocked, causes, policies, apps, first_seen, last_seen\n| order by blocked desc, user asc\n"
    ));
    let failures = kql(&["--per", "failure"]);
    assert!(failures.contains(
        "| project request_id = RequestId, correlation_id = CorrelationId, ['time'] = SignInTime, user, app, ip, country,\n    cause, causes, confidence, policies\n"
    ));
}

#[test]
fn the_query_says_where_it_differs_from_report() {
    let q = kql(&[]);
    let header: Vec<&str> = q
        .lines()
        .take_while(|l| l.starts_with("//"))
        .map(|l| l.trim_start_matches("// "))
        .collect();
    let header = header.join(" ");
    assert!(header.contains("never high"), "{header}");
    assert!(
        header.contains("unknown when the data does not say"),
        "{header}"
    );
    assert!(header.contains("Differences from `signin-doctor report`"));
    doctor()
        .args(["kql", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"medium\s+or\s+low\s+and\s+never\s+high").unwrap())
        .stdout(predicate::str::contains("signin-doctor kql --since 7d"));
}

#[test]
fn filter_values_stay_inside_their_string_literals() {
    let evil_user = "x' or true //\n| take 10\n| where '";
    let evil_policy = "CA \"1\" \\ '2'\nnext";
    let q = kql(&["--user", evil_user, "--policy", evil_policy]);
    assert!(
        q.contains(r"h'x\' or true //\n| take 10\n| where \''"),
        "the UPN is not one literal"
    );
    assert!(q.contains(r#"PolicyName in~ ('CA "1" \\ \'2\'\nnext')"#));
    assert!(
        !q.lines().any(|l| l.starts_with("| take")),
        "a filter value broke out into the query"
    );
}

#[test]
fn a_filter_value_with_a_control_character_is_refused() {
    doctor()
        .args(["kql", "--user", "dana\r@contoso.com"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--user"))
        .stderr(predicate::str::contains("control character"));
}

#[test]
fn since_accepts_the_report_forms() {
    assert!(kql(&["--since", "2w"]).contains("| where TimeGenerated >= ago(14d)\n"));
    assert!(kql(&["--since", "90m"]).contains("| where TimeGenerated >= ago(90m)\n"));
    assert!(
        kql(&["--since", "2026-11-01T08:00:00+02:00"])
            .contains("| where TimeGenerated >= datetime(2026-11-01T06:00:00Z)\n")
    );
}

#[test]
fn a_bad_since_is_a_usage_error_that_says_what_to_write() {
    doctor()
        .args(["kql", "--since", "yesterday"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--since"))
        .stderr(predicate::str::contains("'yesterday' is not a time"))
        .stderr(predicate::str::contains("7d"));
}

#[test]
fn table_and_non_interactive_do_not_mix() {
    doctor()
        .args(["kql", "--table", "X", "--non-interactive"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}
