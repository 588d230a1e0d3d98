//! `check`'s verdict: a line per rule and per violation with a summary (text), the same
//! as JSON (violations plus the report summary), or JUnit XML (one test case per rule)
//! so CI systems show it natively.

use std::io::{self, Write};

use serde::Serialize;

use super::{rfc3339, sanitize};
use crate::check::{Kind, Rule, Verdict, Violation};
use crate::model::Cause;
use crate::summary::Report;

/// Violations listed per rule before the rest are counted (JSON and JUnit list them all).
const SHOWN: usize = 20;

/// `would_block`: sign-ins report-only policies would block (each policy's count, summed).
pub(crate) fn write_text(
    out: &mut impl Write,
    v: &Verdict<'_>,
    r: &Report,
    would_block: u64,
) -> io::Result<()> {
    for rule in &v.rules {
        writeln!(
            out,
            "{} {}: {} found",
            if rule.passed() { "PASS" } else { "FAIL" },
            rule.title,
            rule.actual
        )?;
        if !rule.passed() {
            for note in &rule.notes {
                writeln!(out, "  - skipped {}", sanitize(note, false))?;
            }
        }
        for violation in rule.violations.iter().take(SHOWN) {
            writeln!(out, "  - {}", sanitize(&line(violation), false))?;
        }
        if rule.violations.len() > SHOWN {
            writeln!(
                out,
                "  … and {} more (--format json lists them all)",
                rule.violations.len() - SHOWN
            )?;
        }
    }
    let broken = v.rules.iter().filter(|r| !r.passed()).count();
    let totals = format!(
        "{} blocked sign-in{} of {} user{}, {} would-be block{} by report-only policies, in {} record{}",
        r.blocked,
        s(r.blocked),
        r.users.len(),
        s(r.users.len() as u64),
        would_block,
        s(would_block),
        r.records,
        s(r.records)
    );
    if broken == 0 {
        writeln!(out, "check passed: {totals}")
    } else {
        writeln!(
            out,
            "check failed: {broken} of {} rule{} broken; {totals}",
            v.rules.len(),
            s(v.rules.len() as u64)
        )
    }
}

fn s(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "dana@contoso.com blocked by "CA030 …" (location), Azure Portal, 2026-11-02T08:14:05Z,
/// request id …".
fn line(v: &Violation<'_>) -> String {
    let d = v.diagnosis;
    let policy = match (v.policy, d.policies.first()) {
        (Some(p), _) => format!("\"{p}\""),
        (None, Some(p)) => format!("\"{}\"", p.name),
        (None, None) => "an unnamed policy".to_string(),
    };
    let what = match v.kind {
        Kind::Block => format!("blocked by {policy}"),
        Kind::WouldBlock => format!("would be blocked by report-only {policy}"),
        Kind::WouldInterrupt => format!("would be interrupted by report-only {policy}"),
    };
    let mut s = format!("{} {what} ({})", d.user, d.cause);
    if let Some(app) = &d.app {
        s.push_str(&format!(", {app}"));
    }
    if let Some(t) = d.time {
        s.push_str(&format!(", {}", rfc3339(t)));
    }
    if let Some(id) = &d.request_id {
        s.push_str(&format!(", request id {id}"));
    }
    s
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    passed: bool,
    rules: Vec<RuleOut<'a>>,
    violations: Vec<ViolationOut<'a>>,
    summary: SummaryOut,
}

#[derive(Serialize)]
struct RuleOut<'a> {
    rule: &'static str,
    description: &'a str,
    limit: u64,
    actual: u64,
    passed: bool,
}

#[derive(Serialize)]
struct ViolationOut<'a> {
    rule: &'static str,
    /// block, would_block or would_interrupt.
    kind: &'static str,
    user: &'a str,
    request_id: Option<&'a str>,
    time: Option<String>,
    app: Option<&'a str>,
    policy: Option<&'a str>,
    cause: Cause,
    confidence: crate::model::Confidence,
}

#[derive(Serialize)]
struct SummaryOut {
    records: u64,
    /// Distinct sign-ins blocked (53003).
    blocked: u64,
    users: u64,
    /// Sign-ins report-only policies would block, each policy's count summed.
    would_block: u64,
}

pub(crate) fn write_json(
    out: &mut impl Write,
    v: &Verdict<'_>,
    r: &Report,
    would_block: u64,
) -> io::Result<()> {
    let doc = Document {
        schema_version: super::json::SCHEMA_VERSION,
        passed: v.passed(),
        rules: v
            .rules
            .iter()
            .map(|rule| RuleOut {
                rule: rule.id.as_str(),
                description: &rule.title,
                limit: rule.limit,
                actual: rule.actual,
                passed: rule.passed(),
            })
            .collect(),
        violations: v
            .rules
            .iter()
            .flat_map(|rule| rule.violations.iter().map(move |x| (rule, x)))
            .map(|(rule, x)| ViolationOut {
                rule: rule.id.as_str(),
                kind: x.kind.as_str(),
                user: &x.diagnosis.user,
                request_id: x.diagnosis.request_id.as_deref(),
                time: x.diagnosis.time.map(rfc3339),
                app: x.diagnosis.app.as_deref(),
                policy: x
                    .policy
                    .or(x.diagnosis.policies.first().map(|p| p.name.as_str())),
                cause: x.diagnosis.cause,
                confidence: x.diagnosis.confidence,
            })
            .collect(),
        summary: SummaryOut {
            records: r.records,
            blocked: r.blocked,
            users: r.users.len() as u64,
            would_block,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

pub(crate) fn write_junit(out: &mut impl Write, v: &Verdict<'_>) -> io::Result<()> {
    let tests = v.rules.len();
    let failures = v.rules.iter().filter(|r| !r.passed()).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="signin-doctor check" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="signin-doctor check" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
    )?;
    for rule in &v.rules {
        test_case(out, rule)?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

fn test_case(out: &mut impl Write, rule: &Rule<'_>) -> io::Result<()> {
    let name = xml(&rule.title);
    let class = format!("signin-doctor.check.{}", rule.id.as_str());
    if rule.passed() {
        return writeln!(out, r#"    <testcase name="{name}" classname="{class}"/>"#);
    }
    writeln!(out, r#"    <testcase name="{name}" classname="{class}">"#)?;
    let message = format!("{} found, {} allowed", rule.actual, rule.limit);
    write!(
        out,
        r#"      <failure message="{}" type="{}">"#,
        xml(&message),
        rule.id.as_str()
    )?;
    for note in &rule.notes {
        writeln!(out, "skipped {}", xml(note))?;
    }
    for v in &rule.violations {
        writeln!(out, "{}", xml(&line(v)))?;
    }
    writeln!(out, "</failure>")?;
    writeln!(out, "    </testcase>")
}

/// Text made safe for XML 1.0: markup escaped, and characters XML cannot hold (most C0
/// controls) shown as visible escapes.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text, false).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
