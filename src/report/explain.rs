//! `explain`: one failure in plain language for a helpdesk ticket (what happened, why,
//! what the user can try, what the admin should check, the ids), as text, Markdown or
//! JSON; plus what was searched when nothing matched, and a diagnosis from a paste alone.
//! Text and Markdown share one outline; only the rendering differs.

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::incidents::{PatternOut, StatusOut};
use super::{FailureOut, Style, rfc3339, sanitize};
use crate::codes::{self, Kind};
use crate::explain::{Entry, Facts, MatchedBy};
use crate::fixes;
use crate::load::Paste;
use crate::model::Diagnosis;
use crate::replay::{Agreement, Replay, Verdict};
use crate::summary::UserRow;

/// How `explain` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Markdown,
    Json,
}

/// The outline of an explanation.
enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Bullets(Vec<String>),
    Fields(Vec<(&'static str, String)>),
}

/// What was searched, for the not-found message.
pub(crate) struct Searched<'a> {
    pub id: &'a str,
    pub files: Vec<(String, &'static str)>,
    pub records: u64,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    pub non_interactive: u64,
    /// When the failure happened, if a paste says so.
    pub when: Option<DateTime<Utc>>,
}

/// The sign-ins found: the first is explained in full (and every other blocked one);
/// the rest of a correlation chain is listed.
pub(crate) fn write_found(
    out: &mut impl Write,
    entries: &[Entry],
    by: MatchedBy,
    id: &str,
    format: Format,
    style: Style,
    user: Option<&UserRow>,
) -> io::Result<()> {
    if format == Format::Json {
        return write_json(out, &entries[0], &entries[1..], user);
    }
    let mut blocks = Vec::new();
    if entries.len() > 1 {
        blocks.push(Block::Para(format!(
            "{} sign-ins share the {} {}; {}.",
            entries.len(),
            match by {
                MatchedBy::RequestId => "request id",
                MatchedBy::CorrelationId => "correlation id",
            },
            id,
            if entries[0].blocked() {
                "the blocked ones come first"
            } else {
                "none was blocked by Conditional Access"
            }
        )));
    }
    entry_blocks(&mut blocks, &entries[0]);
    if let (Some(u), true) = (user, entries[0].blocked()) {
        status_blocks(&mut blocks, u, &entries[0]);
    }
    if entries.len() > 1 {
        blocks.push(Block::Heading(
            "The other sign-ins with this id (blocked ones first, then by time)".into(),
        ));
        blocks.push(Block::Bullets(
            entries[1..].iter().map(chain_line).collect(),
        ));
    }
    render(out, &blocks, format, style)
}

/// Is it fixed? The status of the blocked sign-in's app (then the user's other blocked
/// apps) and whether the user's blocks are structural or transient.
fn status_blocks(blocks: &mut Vec<Block>, u: &UserRow, e: &Entry) {
    if u.status.is_empty() {
        return;
    }
    let app = e
        .facts
        .app
        .as_deref()
        .or(e.facts.resource.as_deref())
        .unwrap_or(crate::insights::NO_APP);
    let mut lines: Vec<String> = Vec::new();
    let mut apps: Vec<&crate::insights::AppStatus> = u.status.iter().collect();
    // This sign-in's app first.
    apps.sort_by_key(|a| !a.app.eq_ignore_ascii_case(app));
    for a in apps {
        lines.push(sentence(&format!(
            "{} ({}): {}",
            a.app,
            a.status.as_str().replace('_', " "),
            a.detail
        )));
    }
    if let Some(p) = &u.pattern {
        lines.push(sentence(&format!("{}: {}", p.kind.as_str(), p.detail)));
    }
    blocks.push(Block::Heading(
        "Is it fixed? (this user's later sign-ins in these files)".into(),
    ));
    blocks.push(Block::Bullets(lines));
}

/// Nothing matched: what was searched and the likely reasons.
pub(crate) fn write_not_found(
    out: &mut impl Write,
    s: &Searched<'_>,
    format: Format,
    style: Style,
) -> io::Result<()> {
    let shapes: Vec<String> = s
        .files
        .iter()
        .map(|(name, shape)| format!("{name} ({shape})"))
        .collect();
    let span = match (s.first, s.last) {
        (Some(a), Some(b)) => format!(", from {} to {} UTC", short_time(a), short_time(b)),
        _ => String::new(),
    };
    let mut reasons = Vec::new();
    if s.records > 0 && s.non_interactive == 0 {
        reasons.push(
            "It may be a non-interactive sign-in (a token refresh or a background app): these \
             files hold none. Export the non-interactive sign-ins too (NonInteractiveSignIns_… \
             in the admin center, AADNonInteractiveUserSignInLogs in Log Analytics)."
                .to_string(),
        );
    }
    match (s.when, s.first, s.last) {
        (Some(t), Some(a), Some(b)) if t < a || t > b => reasons.push(format!(
            "The failure happened at {} UTC, outside the time these files cover: export the \
             sign-ins around that time.",
            short_time(t)
        )),
        _ => reasons.push(
            "The sign-in may fall outside the time these files cover: export the sign-ins \
             around the time of the failure."
                .to_string(),
        ),
    }
    reasons.push(
        "It may be logged in another tenant: a guest's sign-in is logged in the tenant of the \
         resource they opened, not their home tenant."
            .to_string(),
    );
    if crate::load::find_guid(s.id).is_none() {
        reasons.push(format!(
            "\"{}\" does not look like a request or correlation id (8-4-4-4-12 hexadecimal \
             digits): check it for a typo.",
            s.id
        ));
    }
    if format == Format::Json {
        #[derive(Serialize)]
        struct NotFound<'a> {
            found: bool,
            id: &'a str,
            records_searched: u64,
            files: Vec<&'a str>,
            first: Option<String>,
            last: Option<String>,
            likely_reasons: &'a [String],
        }
        let doc = NotFound {
            found: false,
            id: s.id,
            records_searched: s.records,
            files: s.files.iter().map(|(n, _)| n.as_str()).collect(),
            first: s.first.map(rfc3339),
            last: s.last.map(rfc3339),
            likely_reasons: &reasons,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        return out.write_all(b"\n");
    }
    let blocks = vec![
        Block::Title(format!("No sign-in with the id {}", s.id)),
        Block::Para(format!(
            "Searched {} record{} in {}{span}, for a request id or correlation id equal to {} \
             (case and braces ignored).",
            s.records,
            if s.records == 1 { "" } else { "s" },
            shapes.join(", "),
            s.id
        )),
        Block::Heading("Likely reasons".into()),
        Block::Bullets(reasons),
    ];
    render(out, &blocks, format, style)
}

/// A paste with no log record to go with it.
pub(crate) fn write_paste_only(
    out: &mut impl Write,
    paste: &Paste,
    diagnosis: Option<&Diagnosis>,
    format: Format,
    style: Style,
) -> io::Result<()> {
    if format == Format::Json {
        return match diagnosis {
            Some(d) => {
                let doc = FailureOut::new(d);
                serde_json::to_writer_pretty(&mut *out, &doc)?;
                out.write_all(b"\n")
            }
            None => {
                let facts = paste_facts(paste);
                serde_json::to_writer_pretty(&mut *out, &OtherOut::new(&facts, &[]))?;
                out.write_all(b"\n")
            }
        };
    }
    let mut blocks = Vec::new();
    let facts = paste_facts(paste);
    let source = paste.kind.describe();
    match diagnosis {
        Some(d) => {
            blocks.push(Block::Title(format!(
                "Blocked by Conditional Access (AADSTS53003), from {source} alone"
            )));
            blocks.push(Block::Para(happened(
                &facts,
                paste_device(paste).as_deref(),
            )));
            blocks.push(Block::Heading(format!(
                "Likely cause: {} (confidence {})",
                d.cause,
                d.confidence.as_str()
            )));
            blocks.push(Block::Para(sentence(&d.detail)));
            if !d.evidence.is_empty() {
                blocks.push(Block::Bullets(d.evidence.clone()));
            }
            blocks.push(Block::Heading("What the paste cannot say".into()));
            blocks.push(Block::Para(format!(
                "Which policy blocked the sign-in, and which of its conditions matched: {source} \
                 never names them. The sign-in log record does."
            )));
            pull_record_blocks(&mut blocks, paste);
            let fix = fixes::render(d);
            blocks.push(Block::Heading("What the user can try now".into()));
            blocks.push(Block::Para(fix.user));
            blocks.push(Block::Heading("What the admin should check".into()));
            blocks.push(Block::Para(fix.admin));
        }
        None if paste.error_code.is_none() => {
            blocks.push(Block::Title("An id, but no error".into()));
            blocks.push(Block::Para(
                "The paste gives an id but no error code: the outcome and its cause are in the \
                 sign-in log record."
                    .into(),
            ));
            pull_record_blocks(&mut blocks, paste);
        }
        None => code_blocks(&mut blocks, &facts, Some(source)),
    }
    blocks.push(Block::Heading("For the ticket".into()));
    blocks.push(Block::Fields(ticket_fields(&facts)));
    render(out, &blocks, format, style)
}

fn pull_record_blocks(blocks: &mut Vec<Block>, paste: &Paste) {
    let Some(id) = paste
        .request_id
        .as_deref()
        .or(paste.correlation_id.as_deref())
    else {
        blocks.push(Block::Para(
            "The paste has no Request Id: ask the user for the full troubleshooting details \
             (\"More details\" on the error page)."
                .into(),
        ));
        return;
    };
    let when = paste
        .timestamp
        .map(|t| format!(" around {} UTC", short_time(t)))
        .unwrap_or_default();
    blocks.push(Block::Heading("Pull the sign-in record to confirm".into()));
    blocks.push(Block::Bullets(vec![
        format!(
            "Entra admin center: Sign-in logs, add the filter Request ID = {id}{when}, then \
             Download > JSON (look under the non-interactive sign-ins too)."
        ),
        format!(
            "Microsoft Graph: az rest --url \"https://graph.microsoft.com/beta/auditLogs/signIns/{id}\" > signin.json"
        ),
        format!(
            "Log Analytics: SigninLogs | union AADNonInteractiveUserSignInLogs | where Id == \"{id}\""
        ),
        "Then: signin-doctor explain --paste paste.txt signin.json".to_string(),
    ]));
}

/// A full explanation of one sign-in.
fn entry_blocks(blocks: &mut Vec<Block>, e: &Entry) {
    match &e.diagnosis {
        Some(d) => {
            blocks.push(Block::Title(
                "Blocked by Conditional Access (AADSTS53003)".into(),
            ));
            blocks.push(Block::Para(happened(&e.facts, None)));
            blocks.push(Block::Heading(format!(
                "Why: {} (confidence {})",
                d.cause,
                d.confidence.as_str()
            )));
            blocks.push(Block::Para(sentence(&d.detail)));
            if !d.policies.is_empty() {
                let names: Vec<String> = d.policies.iter().map(|p| p.name.clone()).collect();
                blocks.push(Block::Fields(vec![("Blocking policy", names.join("; "))]));
            }
            blocks.push(Block::Heading("Evidence".into()));
            // The replay's lines get their own section below.
            let evidence: Vec<String> = d
                .evidence
                .iter()
                .filter(|e| d.replay.is_none() || !e.starts_with("replay"))
                .cloned()
                .collect();
            blocks.push(Block::Bullets(evidence));
            if let Some(r) = &d.replay {
                replay_blocks(blocks, r);
            }
            let fix = fixes::render(d);
            blocks.push(Block::Heading("What the user can try now".into()));
            blocks.push(Block::Para(fix.user));
            blocks.push(Block::Heading("What the admin should check".into()));
            blocks.push(Block::Para(fix.admin));
        }
        None => code_blocks(blocks, &e.facts, None),
    }
    blocks.push(Block::Heading("For the ticket".into()));
    blocks.push(Block::Fields(ticket_fields(&e.facts)));
}

/// "Replay against exported policies": each relevant policy, its condition verdicts and
/// how it compares with the log.
fn replay_blocks(blocks: &mut Vec<Block>, r: &Replay) {
    blocks.push(Block::Heading(format!(
        "Replay against exported policies ({})",
        r.policies_file
    )));
    let mut intro = format!(
        "{} relevant polic{} replayed against this sign-in; {} disagree{} with the log.",
        r.policies.len(),
        if r.policies.len() == 1 { "y" } else { "ies" },
        r.disagreements.len(),
        if r.disagreements.len() == 1 { "s" } else { "" }
    );
    if r.others_agreeing > 0 {
        intro.push_str(&format!(
            " {} other exported polic{} did not apply, as the log says (or cannot be told \
             apart from that).",
            r.others_agreeing,
            if r.others_agreeing == 1 { "y" } else { "ies" }
        ));
    }
    if !r.named_locations {
        intro.push_str(
            " No --named-locations given: named locations are shown by id and not resolved.",
        );
    }
    blocks.push(Block::Para(intro));
    for p in &r.policies {
        let (now, log) = (p.now_text(), p.log_text());
        let agreement = match p.agreement {
            Agreement::Agrees => "agrees with the log",
            Agreement::Disagrees => "DISAGREES with the log",
            Agreement::CannotTell => "cannot confirm the log",
            Agreement::NotInLog => "not in the log",
            Agreement::NotExported => "not exported",
        };
        blocks.push(Block::Para(format!(
            "{}: {log}; {now}; {agreement}.",
            p.name
        )));
        let mut lines: Vec<String> = p
            .conditions
            .iter()
            .filter(|c| c.verdict != Verdict::NotConfigured)
            .map(|c| {
                let mut line =
                    format!("{} = {}: {}", c.condition, c.configured, c.verdict.as_str());
                if !c.reason.is_empty() {
                    line.push_str(&format!(" ({})", c.reason));
                }
                line
            })
            .collect();
        let unset: Vec<&str> = p
            .conditions
            .iter()
            .filter(|c| c.verdict == Verdict::NotConfigured)
            .map(|c| c.condition.as_str())
            .collect();
        if !unset.is_empty() {
            lines.push(format!("not configured: {}", unset.join(", ")));
        }
        if let Some(note) = &p.note {
            let lead = if p.agreement == Agreement::Disagrees {
                "Disagreement"
            } else {
                "Note"
            };
            lines.push(format!("{lead}: {note}"));
        }
        blocks.push(Block::Bullets(lines));
    }
}

/// A sign-in that is not a 53003, read from the error catalogue.
fn code_blocks(blocks: &mut Vec<Block>, f: &Facts, source: Option<&str>) {
    let Some(code) = f.error_code else {
        blocks.push(Block::Title("A sign-in without an error code".into()));
        blocks.push(Block::Para(
            "The record carries no status.errorCode, so its outcome is unknown.".into(),
        ));
        return;
    };
    let from = source
        .map(|s| format!(", from {s} alone"))
        .unwrap_or_default();
    match codes::lookup(code) {
        Some(c) => {
            let title = match c.kind {
                Kind::Success => format!("Signed in successfully (not a failure){from}"),
                Kind::ConditionalAccessBlock => {
                    format!(
                        "Blocked by Conditional Access (AADSTS{code} {}){from}",
                        c.name
                    )
                }
                Kind::ConditionalAccessRequirement => format!(
                    "A Conditional Access requirement was not met (AADSTS{code} {}): not a \
                     block{from}",
                    c.name
                ),
                _ => format!(
                    "Not a Conditional Access block: AADSTS{code} {}{from}",
                    c.name
                ),
            };
            blocks.push(Block::Title(title.replace("  ", " ").replace(" )", ")")));
            blocks.push(Block::Para(format!("{} {}", happened(f, None), c.meaning)));
            if c.kind != Kind::Success {
                blocks.push(Block::Heading("What the user can try now".into()));
                blocks.push(Block::Para(c.user.to_string()));
                blocks.push(Block::Heading("What the admin should check".into()));
                blocks.push(Block::Para(c.admin.to_string()));
            }
        }
        None => {
            blocks.push(Block::Title(format!(
                "Error AADSTS{code}: not in signin-doctor's catalogue{from}"
            )));
            blocks.push(Block::Para(format!(
                "{} Look the code up at {}.",
                happened(f, None),
                codes::lookup_url(code)
            )));
        }
    }
}

/// "dana@contoso.com signed in to Azure Portal (…) on 2026-11-02 at 08:14 UTC from …".
fn happened(f: &Facts, device: Option<&str>) -> String {
    let who = if f.user == "(unknown user)" {
        "The user".to_string()
    } else {
        f.user.clone()
    };
    let verb = if f.error_code == Some(0) {
        "signed in"
    } else {
        "tried to sign in"
    };
    let mut s = format!("{who} {verb}");
    if let Some(app) = &f.app {
        s.push_str(&format!(" to {app}"));
        if let Some(r) = f.resource.as_ref().filter(|r| *r != app) {
            s.push_str(&format!(" ({r})"));
        }
    }
    if let Some(t) = f.time {
        s.push_str(&format!(
            " on {} at {} UTC",
            t.format("%Y-%m-%d"),
            t.format("%H:%M:%S")
        ));
    }
    let place: Vec<&str> = [f.city.as_deref(), f.country.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    match (place.is_empty(), &f.ip) {
        (false, Some(ip)) => s.push_str(&format!(" from {} ({ip})", place.join(", "))),
        (false, None) => s.push_str(&format!(" from {}", place.join(", "))),
        (true, Some(ip)) => s.push_str(&format!(" from {ip}")),
        (true, None) => {}
    }
    if let Some(d) = device {
        s.push_str(&format!(", on {d}"));
    }
    s.push('.');
    if is_block(f) {
        s.push_str(" Conditional Access blocked it.");
    }
    s
}

fn is_block(f: &Facts) -> bool {
    crate::explain::is_block(f.error_code)
}

fn paste_device(p: &Paste) -> Option<String> {
    match (&p.device_platform, &p.device_state) {
        (Some(pl), Some(st)) => Some(format!("{pl} ({})", st.to_lowercase())),
        (Some(pl), None) => Some(pl.clone()),
        (None, Some(st)) => Some(format!("a device that is {}", st.to_lowercase())),
        (None, None) => None,
    }
}

fn paste_facts(p: &Paste) -> Facts {
    Facts {
        request_id: p.request_id.clone(),
        correlation_id: p.correlation_id.clone(),
        time: p.timestamp,
        user: "(unknown user)".to_string(),
        app: p.app_name.clone(),
        resource: None,
        ip: p.ip.clone(),
        city: None,
        country: None,
        error_code: p.error_code,
    }
}

fn ticket_fields(f: &Facts) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    let mut put = |label, value: &Option<String>| {
        if let Some(x) = value {
            v.push((label, x.clone()));
        }
    };
    put("Request ID", &f.request_id);
    put("Correlation ID", &f.correlation_id);
    put(
        "Time (UTC)",
        &f.time.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
    );
    put(
        "User",
        &Some(f.user.clone()).filter(|u| u != "(unknown user)"),
    );
    put("Application", &f.app);
    put("Resource", &f.resource);
    put("IP address", &f.ip);
    let place: Vec<&str> = [f.city.as_deref(), f.country.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    put(
        "Location",
        &Some(place.join(", ")).filter(|p| !p.is_empty()),
    );
    put(
        "Error code",
        &f.error_code.map(|c| match codes::lookup(c) {
            Some(entry) if !entry.name.is_empty() => format!("{c} ({})", entry.name),
            _ => c.to_string(),
        }),
    );
    v
}

fn chain_line(e: &Entry) -> String {
    let f = &e.facts;
    let time = f
        .time
        .map(short_time)
        .unwrap_or_else(|| "(no time)".to_string());
    let outcome = match (f.error_code, &e.diagnosis) {
        (_, Some(d)) => format!(
            "blocked by Conditional Access (53003), cause {} ({} confidence)",
            d.cause,
            d.confidence.as_str()
        ),
        (Some(0), None) => "succeeded".to_string(),
        (Some(c), None) => match codes::lookup(c) {
            Some(entry) if !entry.name.is_empty() => format!("failed with {c} ({})", entry.name),
            _ => format!("failed with {c}"),
        },
        (None, None) => "outcome unknown".to_string(),
    };
    let app = f.app.as_deref().unwrap_or("an unnamed app");
    let id = f.request_id.as_deref().unwrap_or("no request id");
    format!("{time} UTC: {outcome}, {app} (request id {id})")
}

fn short_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Capitalises the detail so it reads as a sentence, and ends it with a full stop.
fn sentence(detail: &str) -> String {
    let mut s = detail.to_string();
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

fn render(out: &mut impl Write, blocks: &[Block], format: Format, style: Style) -> io::Result<()> {
    let width = usize::from(style.width.unwrap_or(100)).clamp(60, 120);
    for (i, b) in blocks.iter().enumerate() {
        let gap = i > 0;
        match (format, b) {
            (Format::Markdown, Block::Title(t)) => {
                if gap {
                    writeln!(out)?;
                }
                writeln!(out, "## {}", md(t))?;
            }
            (Format::Markdown, Block::Heading(h)) => {
                writeln!(out)?;
                writeln!(out, "**{}**", md(h))?;
            }
            (Format::Markdown, Block::Para(p)) => {
                writeln!(out)?;
                writeln!(out, "{}", md(p))?;
            }
            (Format::Markdown, Block::Bullets(items)) => {
                writeln!(out)?;
                for item in items {
                    writeln!(out, "- {}", md(item))?;
                }
            }
            (Format::Markdown, Block::Fields(fields)) => {
                writeln!(out)?;
                writeln!(out, "| | |")?;
                writeln!(out, "|---|---|")?;
                for (k, v) in fields {
                    writeln!(out, "| {k} | {} |", md(v).replace('|', "\\|"))?;
                }
            }
            (_, Block::Title(t)) => {
                if gap {
                    writeln!(out)?;
                }
                let t = sanitize(t, false);
                writeln!(out, "{t}")?;
                writeln!(out, "{}", "=".repeat(t.chars().count().min(width)))?;
            }
            (_, Block::Heading(h)) => {
                writeln!(out)?;
                writeln!(out, "{}", sanitize(h, false))?;
            }
            (_, Block::Para(p)) => {
                for line in super::table::wrap(&sanitize(p, false), width - 2) {
                    writeln!(out, "  {line}")?;
                }
            }
            (_, Block::Bullets(items)) => {
                for item in items {
                    for (j, line) in super::table::wrap(&sanitize(item, false), width - 4)
                        .iter()
                        .enumerate()
                    {
                        writeln!(out, "{}{line}", if j == 0 { "  - " } else { "    " })?;
                    }
                }
            }
            (_, Block::Fields(fields)) => {
                let pad = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
                for (k, v) in fields {
                    writeln!(out, "  {k:<pad$}  {}", sanitize(v, false))?;
                }
            }
        }
    }
    Ok(())
}

/// Log text made safe for Markdown: no control characters, no raw HTML.
fn md(text: &str) -> String {
    sanitize(text, false)
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A sign-in that is not a 53003, as JSON: the failure object's identity fields, the
/// error code and the catalogue's reading.
#[derive(Serialize)]
struct OtherOut<'a> {
    request_id: Option<&'a str>,
    correlation_id: Option<&'a str>,
    time: Option<String>,
    user: &'a str,
    app: Option<&'a str>,
    resource: Option<&'a str>,
    ip: Option<&'a str>,
    country: Option<&'a str>,
    error_code: Option<i64>,
    error_name: Option<&'static str>,
    /// False: this sign-in was not blocked by Conditional Access.
    blocked_by_conditional_access: bool,
    /// Conditional Access decided it (an unmet requirement such as a compliant device).
    conditional_access: bool,
    detail: Option<&'static str>,
    fix: Option<FixOut>,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct FixOut {
    user: &'static str,
    admin: &'static str,
}

/// Another sign-in of the same correlation chain.
#[derive(Serialize)]
struct Related<'a> {
    request_id: Option<&'a str>,
    time: Option<String>,
    error_code: Option<i64>,
    app: Option<&'a str>,
}

impl<'a> OtherOut<'a> {
    fn new(f: &'a Facts, rest: &'a [Entry]) -> Self {
        let c = f.error_code.and_then(codes::lookup);
        OtherOut {
            request_id: f.request_id.as_deref(),
            correlation_id: f.correlation_id.as_deref(),
            time: f.time.map(rfc3339),
            user: &f.user,
            app: f.app.as_deref(),
            resource: f.resource.as_deref(),
            ip: f.ip.as_deref(),
            country: f.country.as_deref(),
            error_code: f.error_code,
            error_name: c.map(|c| c.name).filter(|n| !n.is_empty()),
            blocked_by_conditional_access: false,
            conditional_access: f.error_code.is_some_and(codes::is_conditional_access),
            detail: c.map(|c| c.meaning),
            fix: c.filter(|c| c.kind != Kind::Success).map(|c| FixOut {
                user: c.user,
                admin: c.admin,
            }),
            related: related(rest),
        }
    }
}

fn related(rest: &[Entry]) -> Vec<Related<'_>> {
    rest.iter()
        .map(|e| Related {
            request_id: e.facts.request_id.as_deref(),
            time: e.facts.time.map(rfc3339),
            error_code: e.facts.error_code,
            app: e.facts.app.as_deref(),
        })
        .collect()
}

fn write_json(
    out: &mut impl Write,
    first: &Entry,
    rest: &[Entry],
    user: Option<&UserRow>,
) -> io::Result<()> {
    match &first.diagnosis {
        Some(d) => {
            #[derive(Serialize)]
            struct WithRelated<'a> {
                #[serde(flatten)]
                failure: FailureOut<'a>,
                /// The other sign-ins of a correlation chain.
                related: Vec<Related<'a>>,
                /// The user's blocked apps and what followed them (as `users[].status`).
                status: Vec<StatusOut<'a>>,
                /// As `users[].pattern`.
                pattern: Option<PatternOut<'a>>,
            }
            let doc = WithRelated {
                failure: FailureOut::new(d),
                related: related(rest),
                status: user
                    .map(|u| u.status.iter().map(StatusOut::new).collect())
                    .unwrap_or_default(),
                pattern: user.and_then(|u| u.pattern.as_ref()).map(PatternOut::new),
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
        }
        None => serde_json::to_writer_pretty(&mut *out, &OtherOut::new(&first.facts, rest))?,
    }
    out.write_all(b"\n")
}
