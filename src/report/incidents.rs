//! `signin-doctor incidents` (text, JSON, Markdown) and the incident and per-user
//! pattern objects that `report --format json` shares with it.

use std::io::{self, Write};

use serde::Serialize;

use super::{Style, md_cell as md, rfc3339, sanitize};
use crate::insights::{AppStatus, Incident, UserFinding, UserPattern, before_secs, window_name};
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
    writeln!(
        out,
        "Incidents (a policy or cause that suddenly began blocking):"
    )?;
    for i in &r.incidents {
        let line = format!("{} {}", i.headline(), i.detail());
        super::table::write_wrapped(out, "  - ", "    ", &sanitize(&line, false), style)?;
    }
    Ok(())
}

pub(crate) fn write_text(out: &mut impl Write, r: &Report, style: Style) -> io::Result<()> {
    if r.incidents.is_empty() {
        let line = format!(
            "No incidents: no policy or cause began blocking many more users within one {} \
             than it did before, across {} blocked sign-in{} in {} record{}.",
            window_name(r.bucket_secs),
            r.blocked,
            if r.blocked == 1 { "" } else { "s" },
            r.records,
            if r.records == 1 { "" } else { "s" },
        );
        super::table::write_wrapped(out, "", "", &line, style)?;
    } else {
        let n = r.incidents.len();
        writeln!(
            out,
            "{n} incident{} in {} record{} (bucket: {}):",
            if n == 1 { "" } else { "s" },
            r.records,
            if r.records == 1 { "" } else { "s" },
            window_name(r.bucket_secs)
        )?;
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
    writeln!(out, "Notes:")?;
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
    writeln!(out, "## Conditional Access incidents")?;
    writeln!(out)?;
    if r.incidents.is_empty() {
        writeln!(
            out,
            "No policy or cause began blocking many more users within one {} than before \
             ({} blocked sign-ins in {} records).",
            window_name(r.bucket_secs),
            r.blocked,
            r.records
        )?;
    } else {
        writeln!(
            out,
            "| Onset (UTC) | Policy or cause | Users in the first {} | Users the {} before | Users since | Blocks since | Until |",
            window_name(r.bucket_secs),
            window_name(before_secs(r.bucket_secs))
        )?;
        writeln!(out, "|---|---|---:|---:|---:|---:|---|")?;
        for i in &r.incidents {
            let key = match i.kind {
                crate::insights::IncidentKind::Policy => md(&i.key),
                crate::insights::IncidentKind::Cause => format!("cause: {}", md(&i.key)),
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
                    "still blocking".to_string()
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
