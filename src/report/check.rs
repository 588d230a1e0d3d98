//! `check`'s verdict: a line per rule and per violation with a summary (text), the same
//! as JSON (violations plus the report summary), or JUnit XML (one test case per rule)
//! so CI systems show it natively.

use std::io::{self, Write};

use serde::Serialize;

use super::{rfc3339, sanitize};
use crate::check::{Kind, Rule, Verdict, Violation};
use crate::i18n::{self, check as t};
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
        let status = if rule.passed() { t::PASS } else { t::FAIL };
        writeln!(
            out,
            "{}",
            t::RULE_LINE.fill(&[
                ("status", &status.get()),
                ("title", &rule.title),
                ("actual", &rule.actual),
            ])
        )?;
        if !rule.passed() {
            for note in &rule.notes {
                let place = sanitize(note, false);
                writeln!(out, "  - {}", t::SKIPPED.fill(&[("place", &place)]))?;
            }
        }
        for violation in rule.violations.iter().take(SHOWN) {
            writeln!(out, "  - {}", sanitize(&line(violation), false))?;
        }
        if rule.violations.len() > SHOWN {
            let more = (rule.violations.len() - SHOWN) as u64;
            let more = i18n::pick(more, t::MORE_VIOLATIONS_ONE, t::MORE_VIOLATIONS_MANY);
            writeln!(out, "  {more}")?;
        }
    }
    let broken = v.rules.iter().filter(|r| !r.passed()).count();
    let totals = t::TOTALS.fill(&[
        (
            "blocked",
            &i18n::count(r.blocked, t::BLOCKED_SIGN_IN_ONE, t::BLOCKED_SIGN_IN_MANY),
        ),
        (
            "users",
            &i18n::count(r.users.len() as u64, t::USER_ONE, t::USER_MANY),
        ),
        (
            "would_block",
            &i18n::count(would_block, t::WOULD_BE_BLOCK_ONE, t::WOULD_BE_BLOCK_MANY),
        ),
        (
            "records",
            &i18n::count(r.records, t::RECORD_ONE, t::RECORD_MANY),
        ),
    ]);
    if broken == 0 {
        writeln!(out, "{}", t::CHECK_PASSED.fill(&[("totals", &totals)]))
    } else {
        let rules = i18n::count(v.rules.len() as u64, t::RULE_ONE, t::RULE_MANY);
        writeln!(
            out,
            "{}",
            t::CHECK_FAILED.fill(&[("broken", &broken), ("rules", &rules), ("totals", &totals)])
        )
    }
}

/// "dana@contoso.com blocked by "CA030 …" (location), Azure Portal, 2026-11-02T08:14:05Z,
/// request id …".
fn line(v: &Violation<'_>) -> String {
    let d = v.diagnosis;
    let policy = match (v.policy, d.policies.first()) {
        (Some(p), _) => t::VIOLATION_POLICY.fill(&[("name", &p)]),
        (None, Some(p)) => t::VIOLATION_POLICY.fill(&[("name", &p.name)]),
        (None, None) => t::UNNAMED_POLICY.get().to_string(),
    };
    let what = match v.kind {
        Kind::Block => t::BLOCKED_BY,
        Kind::WouldBlock => t::WOULD_BE_BLOCKED_BY,
        Kind::WouldInterrupt => t::WOULD_BE_INTERRUPTED_BY,
    }
    .fill(&[("policy", &policy)]);
    let mut s = format!("{} {what} ({})", d.user, d.cause);
    if let Some(app) = &d.app {
        s.push_str(&format!(", {app}"));
    }
    if let Some(t) = d.time {
        s.push_str(&format!(", {}", rfc3339(t)));
    }
    if let Some(id) = &d.request_id {
        s.push_str(&t::REQUEST_ID.fill(&[("id", id)]));
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
    let message = t::JUNIT_MESSAGE.fill(&[("actual", &rule.actual), ("limit", &rule.limit)]);
    write!(
        out,
        r#"      <failure message="{}" type="{}">"#,
        xml(&message),
        rule.id.as_str()
    )?;
    for note in &rule.notes {
        writeln!(out, "{}", xml(&t::SKIPPED.fill(&[("place", note)])))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Limits, evaluate};
    use crate::i18n::{Lang, with_lang};
    use crate::model::SignIn;
    use crate::summary::{Filter, Impact, Tally};

    /// check.rs's test record, opened in Azure Portal.
    fn record(id: &str, user: &str, code: i64, policy: (&str, &str, &str)) -> SignIn<'static> {
        SignIn {
            app_display_name: Some("Azure Portal".into()),
            ..crate::check::tests::record(id, user, code, policy)
        }
    }

    /// The text and JUnit verdicts of a run with a real block and a break-glass would-block.
    fn render(lang: Lang) -> (String, String) {
        let records = [
            record(
                "req-1",
                "dana@contoso.com",
                53003,
                (
                    "CA030 - Block untrusted IP",
                    "failure",
                    "application,users,location",
                ),
            ),
            record(
                "req-2",
                "bg1@contoso.com",
                0,
                (
                    "CA099 - Pilot block",
                    "reportOnlyFailure",
                    "application,users",
                ),
            ),
        ];
        let limits = Limits {
            break_glass: vec!["bg1@contoso.com".into()],
            ..Limits::default()
        };
        let mut tally = Tally::new(Filter::default(), true);
        let mut impact = Impact::new(Filter::default(), &limits.break_glass).keep_blocks();
        for r in &records {
            impact.add(r);
            tally.add(r.clone());
        }
        let report = tally.finish();
        let impact = impact.finish();
        with_lang(lang, || {
            let verdict = evaluate(&limits, &report, &impact, None);
            let mut text = Vec::new();
            write_text(&mut text, &verdict, &report, 1).unwrap();
            let mut junit = Vec::new();
            write_junit(&mut junit, &verdict).unwrap();
            (
                String::from_utf8(text).unwrap(),
                String::from_utf8(junit).unwrap(),
            )
        })
    }

    #[test]
    fn the_verdict_reads_in_french() {
        let (text, junit) = render(Lang::Fr);
        for line in [
            "ÉCHEC au plus 0 connexion bloquée : 1 au total",
            "  - dana@contoso.com bloqué par la stratégie « CA030 - Block untrusted IP » \
             (location), Azure Portal, ID de la demande req-1",
            "ÉCHEC aucun blocage, réel ou potentiel, de 1 compte d'accès d'urgence : 1 au total",
            "  - bg1@contoso.com serait bloqué par la stratégie « CA099 - Pilot block » en mode \
             rapport seul",
            "vérification échouée : 2 en échec sur 2 règles ; 1 connexion bloquée pour \
             1 utilisateur, 1 blocage potentiel par des stratégies en mode rapport seul, \
             sur 2 enregistrements",
        ] {
            assert!(text.contains(line), "{line:?} not in\n{text}");
        }
        // JUnit: the people's words translate, the machine names do not.
        assert!(
            junit.contains(r#"<testcase name="au plus 0 connexion bloquée" classname="signin-doctor.check.blocked">"#),
            "{junit}"
        );
        assert!(
            junit.contains(r#"<failure message="1 au total pour un maximum de 0" type="blocked">"#),
            "{junit}"
        );
    }

    #[test]
    fn english_is_unchanged() {
        let (text, junit) = render(Lang::En);
        assert!(text.starts_with(
            "FAIL at most 0 blocked sign-ins: 1 found\n  - dana@contoso.com blocked by \
             \"CA030 - Block untrusted IP\" (location), Azure Portal, request id req-1\n"
        ));
        assert!(text.ends_with(
            "check failed: 2 of 2 rules broken; 1 blocked sign-in of 1 user, 1 would-be block \
             by report-only policies, in 2 records\n"
        ));
        assert!(junit.contains(r#"<failure message="1 found, 0 allowed" type="blocked">"#));
    }
}
