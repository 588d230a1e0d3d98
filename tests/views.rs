//! Runs the real binary for the report's views: Markdown, `--group-by`, `--top`,
//! `--wide` and `--excel` (issue 9), on the shipped fixtures.

mod common;
use common::{doctor, fixture, stdout};

/// A Markdown table row's cells: split at pipes that are not escaped (`\|`).
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            out.push(String::new());
        } else {
            out.last_mut().unwrap().push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// Every Markdown table in `text`, as rows of cells.
fn md_tables(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with('|') {
            if !in_table {
                tables.push(Vec::new());
            }
            tables.last_mut().unwrap().push(cells(line));
            in_table = true;
        } else {
            in_table = false;
        }
    }
    tables
}

/// The rows of the first Markdown table after `heading` (None: the first table).
fn md_table(text: &str, heading: Option<&str>) -> Vec<Vec<String>> {
    let start = heading.map_or(0, |h| text.find(h).unwrap_or_else(|| panic!("{h}: {text}")));
    md_tables(&text[start..]).remove(0)
}

#[test]
fn markdown_has_the_user_table_patterns_totals_and_notes() {
    let md = stdout(&[
        "report",
        "--format",
        "markdown",
        &fixture("sample-tenant.json"),
    ]);
    assert!(
        md.starts_with("## Sign-ins blocked by Conditional Access (AADSTS53003)\n"),
        "{md}"
    );
    let users = md_table(&md, None);
    assert_eq!(
        users[0],
        [
            "User",
            "Blocked",
            "Causes",
            "Policies",
            "Apps",
            "Last seen (UTC)",
            "Suggested fix"
        ]
    );
    assert_eq!(users[1], ["---", "---:", "---", "---", "---", "---", "---"]);
    // Header, rule and one row per blocked user, each with as many cells as the header.
    assert_eq!(users.len(), 2 + 7, "{md}");
    assert!(users.iter().all(|r| r.len() == 7), "{users:?}");
    assert_eq!(users[2][0], "zoe.angstrom@contoso.com");
    assert_eq!(users[2][1], "4");
    assert_eq!(users[2][2], "`location` 4");
    // The status and pattern come first (issue 10), then the finding's hint.
    assert!(
        users[2][6].starts_with("Still blocked (Outlook for iOS and Android) at the export's end")
            && users[2][6].contains("Structural: Signed in from CH 18 minutes after"),
        "{users:?}"
    );
    assert!(md.contains("### Patterns\n"), "{md}");
    let causes = md_table(&md, Some("### By cause"));
    assert_eq!(causes[2], ["`location`", "4", "1"]);
    assert!(
        md.contains("### Notes\n\n- 6 sign-ins failed for other reasons"),
        "{md}"
    );
}

#[test]
fn markdown_cells_cannot_break_the_table_or_carry_html() {
    let md = stdout(&["report", "--format", "markdown", &fixture("hostile.json")]);
    let tables = md_tables(&md);
    assert!(tables.len() >= 3, "{md}");
    for t in &tables {
        let width = t[0].len();
        for row in t {
            assert_eq!(row.len(), width, "log text split a cell: {row:?}\n{md}");
        }
    }
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains('\u{1b}'), "{md}");
}

#[test]
fn group_by_totals_rows_per_policy_cause_app_or_country() {
    let t = stdout(&[
        "report",
        "--group-by",
        "policy",
        &fixture("sample-tenant.json"),
    ]);
    let row = t
        .lines()
        .find(|l| {
            l.contains("CA010 - Block access outside allowed countries") && l.contains("location 4")
        })
        .unwrap_or_else(|| panic!("{t}"));
    assert!(row.contains("  4  ") && row.contains("  1  "), "{row}");
    assert!(!t.contains("Suggested fix"), "{t}");

    let md = stdout(&[
        "report",
        "--format",
        "markdown",
        "--group-by",
        "country",
        &fixture("sample-tenant.json"),
    ]);
    let rows = md_table(&md, None);
    assert_eq!(rows[0][0], "Country");
    let th = rows
        .iter()
        .find(|r| r[0] == "TH")
        .unwrap_or_else(|| panic!("{md}"));
    assert_eq!(th[1..4], ["4", "1", "`location` 4"]);
    let total: u64 = rows[2..].iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
    assert_eq!(
        total, 16,
        "every blocked sign-in has exactly one country row"
    );
}

#[test]
fn top_keeps_the_busiest_rows_and_says_how_many_are_left() {
    let t = stdout(&["report", "--top", "2", &fixture("sample-tenant.json")]);
    assert!(t.contains("zoe.angstrom@contoso.com"), "{t}");
    assert!(t.contains("marcus.lee@contoso.com"), "{t}");
    assert!(!t.contains("taro.yamada@contoso.com  "), "{t}");
    assert!(
        t.contains("…and 5 more users (--top 2; the JSON lists them all)."),
        "{t}"
    );
    doctor()
        .args(["report", "--top", "0", &fixture("sample-tenant.json")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value '0' for '--top <N>'",
        ));
    // JSON is a contract: every user, whatever --top says.
    let json = stdout(&[
        "report",
        "--top",
        "2",
        "--format",
        "json",
        &fixture("sample-tenant.json"),
    ]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["users"].as_array().unwrap().len(), 7);
}

#[test]
fn wide_lists_everything_on_one_line_per_row() {
    // A narrow terminal wraps and moves the fixes below; --wide does neither.
    let narrow = doctor()
        .env("COLUMNS", "80")
        .args(["report", &fixture("sample-tenant.json")])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let narrow = String::from_utf8(narrow).unwrap();
    assert!(narrow.contains("Suggested fixes:"), "{narrow}");
    let wide = doctor()
        .env("COLUMNS", "80")
        .args(["report", "--wide", &fixture("sample-tenant.json")])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let wide = String::from_utf8(wide).unwrap();
    assert!(!wide.contains("Suggested fixes:"), "{wide}");
    let row = wide
        .lines()
        .find(|l| l.starts_with(" zoe.angstrom@contoso.com"))
        .unwrap();
    assert!(
        row.contains("CA010 - Block access outside allowed countries"),
        "{row}"
    );
    assert!(row.contains("Sign in from a trusted network"), "{row}");
}

#[test]
fn excel_csv_starts_with_a_byte_order_mark_and_only_for_csv() {
    let out = doctor()
        .args([
            "report",
            "--format",
            "csv",
            "--excel",
            &fixture("sample-tenant.json"),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.starts_with("\u{feff}request_id,".as_bytes()));
    let plain = stdout(&["report", "--format", "csv", &fixture("sample-tenant.json")]);
    assert!(plain.starts_with("request_id,"), "{plain}");
    // The same rows either way, read back by a CSV reader.
    let mut rows = csv::Reader::from_reader(&out[3..]);
    assert_eq!(rows.records().count(), 16);
    doctor()
        .args(["report", "--excel", &fixture("sample-tenant.json")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--excel applies to --format csv"));
}
