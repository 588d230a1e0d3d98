//! `signin-doctor incidents` (text, JSON, Markdown) and the incident and per-user
//! pattern objects that `report --format json` shares with it.

use std::io::{self, Write};

use serde::Serialize;

use super::{Style, md_cell as md, rfc3339, sanitize};
use crate::i18n::{self, insights as t};
use crate::insights::{
    AppStatus, Incident, UserFinding, UserPattern, before_secs, first_window, prior_window,
    window_length, within_window,
};
use crate::summary::Report;

/// One incident as JSON.
#[derive(Serialize)]
pub(crate) struct IncidentOut<'a> {
    /// `policy` or `cause`.
    kind: &'static str,
    /// The policy's name, or the cause.
    key: &'a str,
    onset: String,
    bucket_minutes: i64,
    first_bucket_users: u64,
    first_bucket_blocks: u64,
    before_hours: i64,
    before_users: u64,
    before_blocks: u64,
    baseline_users_per_bucket: f64,
    users: u64,
    blocks: u64,
    until: String,
    ongoing: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    causes: Vec<Count<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    policies: Vec<Count<'a>>,
    summary: String,
    /// Blocked users and sign-ins per bucket, from a few buckets before the onset; the
    /// onset's bucket is marked.
    timeline: Vec<SlotOut>,
}

#[derive(Serialize)]
struct SlotOut {
    start: String,
    users: u64,
    blocks: u64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    onset: bool,
}

#[derive(Serialize)]
struct Count<'a> {
    name: &'a str,
    blocks: u64,
}

impl<'a> IncidentOut<'a> {
    pub(crate) fn new(i: &'a Incident) -> Self {
        IncidentOut {
            kind: i.kind.as_str(),
            key: &i.key,
            onset: rfc3339(i.onset),
            bucket_minutes: i.bucket_secs / 60,
            first_bucket_users: i.first_window_users,
            first_bucket_blocks: i.first_window_blocks,
            before_hours: i.before_secs / 3600,
            before_users: i.before_users,
            before_blocks: i.before_blocks,
            baseline_users_per_bucket: i.baseline_users_per_bucket,
            users: i.users,
            blocks: i.blocks,
            until: rfc3339(i.until),
            ongoing: i.ongoing,
            causes: i
                .causes
                .iter()
                .map(|(c, n)| Count {
                    name: c.as_str(),
                    blocks: *n,
                })
                .collect(),
            policies: i
                .policies
                .iter()
                .map(|(p, n)| Count {
                    name: p,
                    blocks: *n,
                })
                .collect(),
            summary: format!("{} {}", i.headline(), i.detail()),
            timeline: i
                .timeline
                .iter()
                .map(|s| SlotOut {
                    start: rfc3339(s.start),
                    users: s.users,
                    blocks: s.blocks,
                    onset: s.onset,
                })
                .collect(),
        }
    }
}

/// One per-user finding as JSON.
#[derive(Serialize)]
pub(crate) struct FindingOut<'a> {
    kind: &'static str,
    at: Option<String>,
    detail: &'a str,
    advice: &'a str,
}

impl<'a> FindingOut<'a> {
    pub(crate) fn new(f: &'a UserFinding) -> Self {
        FindingOut {
            kind: f.kind.as_str(),
            at: f.at.map(rfc3339),
            detail: &f.detail,
            advice: &f.advice,
        }
    }
}

/// One blocked app's status in `users[].status` (and `explain --format json`).
#[derive(Serialize)]
pub(crate) struct StatusOut<'a> {
    app: &'a str,
    /// `resolved`, `still_blocked`, `recurring` or `unknown` (times missing: cannot tell).
    status: &'static str,
    blocked: u64,
    first_blocked: Option<String>,
    last_blocked: Option<String>,
    /// The first success to the app after the last block (resolved only).
    resolved_at: Option<String>,
    /// How often a block came back after a success to the app.
    blocked_again: u64,
    /// What differs between the last block and the success after it.
    changed: &'a [&'static str],
    /// Still blocked or recurring: the end of the export, when the status holds.
    as_of: Option<String>,
    /// The export ends within an hour of the last block: too soon to tell.
    ends_right_after: bool,
    detail: &'a str,
}

impl<'a> StatusOut<'a> {
    pub(crate) fn new(a: &'a AppStatus) -> Self {
        StatusOut {
            app: &a.app,
            status: a.status.as_str(),
            blocked: a.blocked,
            first_blocked: a.first_blocked.map(rfc3339),
            last_blocked: a.last_blocked.map(rfc3339),
            resolved_at: a.resolved_at.map(rfc3339),
            blocked_again: a.blocked_again,
            changed: &a.changed,
            as_of: a.as_of.map(rfc3339),
            ends_right_after: a.ends_right_after,
            detail: &a.detail,
        }
    }
}

/// A user's `pattern`: structural, transient or mixed, with the counts behind it.
#[derive(Serialize)]
pub(crate) struct PatternOut<'a> {
    kind: &'static str,
    structural_blocks: u64,
    transient_blocks: u64,
    /// Structural blocks whose context had got in before them, never after.
    previously_worked: u64,
    contexts: u64,
    detail: &'a str,
}

impl<'a> PatternOut<'a> {
    pub(crate) fn new(p: &'a UserPattern) -> Self {
        PatternOut {
            kind: p.kind.as_str(),
            structural_blocks: p.structural_blocks,
            transient_blocks: p.transient_blocks,
            previously_worked: p.previously_worked,
            contexts: p.contexts,
            detail: &p.detail,
        }
    }
}

/// The incidents section of the table report (nothing when there are none).
pub(crate) fn write_section(out: &mut impl Write, r: &Report, style: Style) -> io::Result<()> {
    if r.incidents.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", t::SECTION_TITLE.get())?;
    for i in &r.incidents {
        let line = format!("{} {}", i.headline(), i.detail());
        super::table::write_wrapped(out, "  - ", "    ", &sanitize(&line, false), style)?;
    }
    Ok(())
}

pub(crate) fn write_text(out: &mut impl Write, r: &Report, style: Style) -> io::Result<()> {
    if r.incidents.is_empty() {
        let line = t::NO_INCIDENTS.fill(&[
            ("within", &within_window(r.bucket_secs)),
            (
                "blocked",
                &i18n::count(r.blocked, t::BLOCKED_SIGNIN, t::BLOCKED_SIGNINS),
            ),
            ("records", &i18n::count(r.records, t::RECORD, t::RECORDS)),
        ]);
        super::table::write_wrapped(out, "", "", &line, style)?;
    } else {
        let n = r.incidents.len() as u64;
        let head = t::INCIDENTS_HEAD.fill(&[
            ("incidents", &i18n::count(n, t::INCIDENT, t::INCIDENTS)),
            ("records", &i18n::count(r.records, t::RECORD, t::RECORDS)),
            ("window", &window_length(r.bucket_secs)),
        ]);
        writeln!(out, "{head}")?;
        for i in &r.incidents {
            writeln!(out)?;
            super::table::write_wrapped(out, "", "", &sanitize(&i.headline(), false), style)?;
            super::table::write_wrapped(out, "  ", "  ", &sanitize(&i.detail(), false), style)?;
            super::table::write_wrapped(out, "  ", "  ", &i.timeline_text(), style)?;
        }
    }
    write_notes(out, r, style)
}

fn write_notes(out: &mut impl Write, r: &Report, style: Style) -> io::Result<()> {
    if r.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", t::NOTES.get())?;
    for w in &r.warnings {
        super::table::write_wrapped(out, "  - ", "    ", &sanitize(w, false), style)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    records: u64,
    blocked: u64,
    bucket_minutes: i64,
    incidents: Vec<IncidentOut<'a>>,
    warnings: &'a [String],
}

pub(crate) fn write_json(out: &mut impl Write, r: &Report) -> io::Result<()> {
    let doc = Document {
        schema_version: super::json::SCHEMA_VERSION,
        records: r.records,
        blocked: r.blocked,
        bucket_minutes: r.bucket_secs / 60,
        incidents: r.incidents.iter().map(IncidentOut::new).collect(),
        warnings: &r.warnings,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

pub(crate) fn write_markdown(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(out, "{}", t::MD_TITLE.get())?;
    writeln!(out)?;
    if r.incidents.is_empty() {
        let line = t::MD_NO_INCIDENTS.fill(&[
            ("within", &within_window(r.bucket_secs)),
            ("blocked", &r.blocked),
            ("records", &r.records),
        ]);
        writeln!(out, "{line}")?;
    } else {
        let header = t::MD_HEADER.fill(&[
            ("first", &first_window(r.bucket_secs)),
            ("prior", &prior_window(before_secs(r.bucket_secs))),
        ]);
        writeln!(out, "{header}")?;
        writeln!(out, "|---|---|---:|---:|---:|---:|---|")?;
        for i in &r.incidents {
            let key = match i.kind {
                crate::insights::IncidentKind::Policy => md(&i.key),
                crate::insights::IncidentKind::Cause => t::MD_CAUSE.fill(&[("cause", &md(&i.key))]),
            };
            writeln!(
                out,
                "| {} | {key} | {} | {} | {} | {} | {} |",
                i.onset.format("%Y-%m-%d %H:%M"),
                i.first_window_users,
                i.before_users,
                i.users,
                i.blocks,
                if i.ongoing {
                    t::MD_STILL_BLOCKING.get().to_string()
                } else {
                    i.until.format("%Y-%m-%d %H:%M").to_string()
                }
            )?;
        }
        writeln!(out)?;
        for i in &r.incidents {
            writeln!(
                out,
                "- {} {} {}.",
                md(&i.headline()),
                md(&i.detail()),
                i.timeline_text()
            )?;
        }
    }
    if !r.warnings.is_empty() {
        writeln!(out)?;
        for w in &r.warnings {
            writeln!(out, "> {}", md(w))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::model::{AppliedPolicy, Conditions, SignIn};
    use crate::summary::{Filter, Tally};

    fn blocked(user: &str, time: &str) -> SignIn<'static> {
        SignIn {
            id: Some(format!("{user}-{time}").into()),
            user_principal_name: Some(user.to_string().into()),
            created: crate::model::parse_time(time),
            error_code: Some(53003),
            country: Some("BR".into()),
            app_display_name: Some("OfficeHome".into()),
            policies: Some(vec![AppliedPolicy {
                display_name: Some("CA035 - Block access from untrusted networks".into()),
                result: Some("failure".into()),
                grant_controls: vec!["Block".into()],
                conditions_satisfied: Some(Conditions::from_names("application,users,location")),
                ..AppliedPolicy::default()
            }]),
            ..SignIn::default()
        }
    }

    /// One block a day and a half before five users are blocked within minutes.
    fn report(burst: bool) -> Report {
        let mut t = Tally::new(Filter::default(), false).with_insights(3600);
        t.add(blocked("early@contoso.com", "2026-11-02T00:10:00Z"));
        if burst {
            for u in 0..5 {
                t.add(blocked(
                    &format!("user{u}@contoso.com"),
                    &format!("2026-11-03T09:1{u}:00Z"),
                ));
            }
        } else {
            t.add(blocked("late@contoso.com", "2026-11-03T09:10:00Z"));
        }
        t.finish()
    }

    fn plain() -> Style {
        Style {
            color: false,
            width: None,
            unicode: false,
            progress: false,
        }
    }

    fn text(r: &Report) -> String {
        let mut out = Vec::new();
        write_text(&mut out, r, plain()).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn markdown(r: &Report) -> String {
        let mut out = Vec::new();
        write_markdown(&mut out, r).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn incidents_in_french() {
        let r = report(true);
        assert_eq!(r.incidents.len(), 1, "{:?}", r.incidents);
        with_lang(Lang::Fr, || {
            let out = text(&r);
            assert!(
                out.starts_with("1 incident dans 6 enregistrements (fenêtre : 1 heure) :\n"),
                "{out}"
            );
            assert!(
                out.contains(
                    "« CA035 - Block access from untrusted networks » a commencé à bloquer le \
                     2026-11-03 09:10 UTC : 5 utilisateurs dans la première heure, 0 la veille."
                ),
                "{out}"
            );
            assert!(
                out.contains("5 utilisateurs et 5 connexions bloquées depuis"),
                "{out}"
            );
            let md = markdown(&r);
            assert!(
                md.starts_with("## Incidents d'accès conditionnel\n"),
                "{md}"
            );
            assert!(
                md.contains(
                    "| Début (UTC) | Stratégie ou cause | Utilisateurs dans la première heure | \
                     Utilisateurs la veille | Utilisateurs depuis | Blocages depuis | Jusqu'à |"
                ),
                "{md}"
            );
            assert!(md.contains("| 5 | 0 | 5 | 5 | blocage en cours |"), "{md}");
        });
        let out = text(&r);
        assert!(
            out.starts_with("1 incident in 6 records (bucket: hour):\n"),
            "{out}"
        );
    }

    #[test]
    fn no_incidents_in_french() {
        let r = report(false);
        assert!(r.incidents.is_empty());
        with_lang(Lang::Fr, || {
            assert_eq!(
                text(&r),
                "Aucun incident : aucune stratégie ni cause ne s'est mise à bloquer beaucoup \
                 plus d'utilisateurs en une heure qu'auparavant, sur 2 connexions bloquées dans \
                 2 enregistrements.\n"
            );
            assert_eq!(
                markdown(&r),
                "## Incidents d'accès conditionnel\n\nAucune stratégie ni cause ne s'est mise \
                 à bloquer beaucoup plus d'utilisateurs en une heure qu'auparavant (connexions \
                 bloquées : 2, enregistrements : 2).\n"
            );
        });
    }
}
