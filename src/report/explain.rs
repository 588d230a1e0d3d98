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
use crate::i18n::{self, explain as t};
use crate::insights::{PatternKind, Status};
use crate::load::{Paste, PasteKind};
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
        let id_kind = match by {
            MatchedBy::RequestId => t::ID_KIND_REQUEST,
            MatchedBy::CorrelationId => t::ID_KIND_CORRELATION,
        };
        let rest = if entries[0].blocked() {
            t::CHAIN_BLOCKED_FIRST
        } else {
            t::CHAIN_NONE_BLOCKED
        };
        blocks.push(Block::Para(t::SHARED_ID.fill(&[
            ("n", &entries.len()),
            ("id_kind", &id_kind.get()),
            ("id", &id),
            ("rest", &rest.get()),
        ])));
    }
    entry_blocks(&mut blocks, &entries[0]);
    if let (Some(u), true) = (user, entries[0].blocked()) {
        status_blocks(&mut blocks, u, &entries[0]);
    }
    if entries.len() > 1 {
        blocks.push(Block::Heading(t::OTHER_SIGN_INS.get().into()));
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
        lines.push(sentence(&t::STATUS_LINE.fill(&[
            ("app", &crate::insights::shown_key(&a.app)),
            ("status", &status_words(a.status)),
            ("detail", &a.detail),
        ])));
    }
    if let Some(p) = &u.pattern {
        lines.push(sentence(
            &t::PATTERN_LINE.fill(&[("kind", &pattern_words(p.kind)), ("detail", &p.detail)]),
        ));
    }
    blocks.push(Block::Heading(t::IS_IT_FIXED.get().into()));
    blocks.push(Block::Bullets(lines));
}

/// A status in words (the JSON keeps the machine value, `still_blocked`).
fn status_words(status: Status) -> &'static str {
    let words = match status {
        Status::Resolved => t::STATUS_RESOLVED,
        Status::Unknown => t::STATUS_UNKNOWN,
        Status::StillBlocked => t::STATUS_STILL_BLOCKED,
        Status::Recurring => t::STATUS_RECURRING,
    };
    debug_assert_eq!(words.en, status.as_str().replace('_', " "));
    words.get()
}

/// A pattern kind in words (the JSON keeps the machine value).
fn pattern_words(kind: PatternKind) -> &'static str {
    let words = match kind {
        PatternKind::Structural => t::PATTERN_STRUCTURAL,
        PatternKind::Transient => t::PATTERN_TRANSIENT,
        PatternKind::Mixed => t::PATTERN_MIXED,
    };
    debug_assert_eq!(words.en, kind.as_str());
    words.get()
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
        (Some(a), Some(b)) => t::SPAN.fill(&[("first", &short_time(a)), ("last", &short_time(b))]),
        _ => String::new(),
    };
    let mut reasons = Vec::new();
    if s.records > 0 && s.non_interactive == 0 {
        reasons.push(t::REASON_NON_INTERACTIVE.get().to_string());
    }
    match (s.when, s.first, s.last) {
        (Some(when), Some(a), Some(b)) if when < a || when > b => {
            reasons.push(t::REASON_OUTSIDE_AT.fill(&[("time", &short_time(when))]))
        }
        _ => reasons.push(t::REASON_OUTSIDE.get().to_string()),
    }
    reasons.push(t::REASON_OTHER_TENANT.get().to_string());
    if crate::load::find_guid(s.id).is_none() {
        reasons.push(t::REASON_NOT_AN_ID.fill(&[("id", &s.id)]));
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
        Block::Title(t::TITLE_NOT_FOUND.fill(&[("id", &s.id)])),
        Block::Para(t::SEARCHED.fill(&[
            (
                "records",
                &i18n::count(s.records, t::RECORD_ONE, t::RECORD_MANY),
            ),
            ("files", &shapes.join(", ")),
            ("span", &span),
            ("id", &s.id),
        ])),
        Block::Heading(t::LIKELY_REASONS.get().into()),
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
    let source = source_words(paste.kind);
    match diagnosis {
        Some(d) => {
            blocks.push(Block::Title(
                t::TITLE_BLOCKED_FROM_PASTE.fill(&[("source", &source)]),
            ));
            blocks.push(Block::Para(happened(
                &facts,
                paste_device(paste).as_deref(),
            )));
            blocks.push(Block::Heading(t::LIKELY_CAUSE.fill(&[
                ("cause", &d.cause),
                ("confidence", &d.confidence.as_str()),
            ])));
            blocks.push(Block::Para(sentence(&d.detail)));
            if !d.evidence.is_empty() {
                blocks.push(Block::Bullets(d.evidence.clone()));
            }
            blocks.push(Block::Heading(t::PASTE_CANNOT_SAY.get().into()));
            blocks.push(Block::Para(t::PASTE_NO_POLICY.fill(&[("source", &source)])));
            pull_record_blocks(&mut blocks, paste);
            let fix = fixes::render(d);
            blocks.push(Block::Heading(t::USER_CAN_TRY.get().into()));
            blocks.push(Block::Para(fix.user));
            blocks.push(Block::Heading(t::ADMIN_SHOULD_CHECK.get().into()));
            blocks.push(Block::Para(fix.admin));
        }
        None if paste.error_code.is_none() => {
            blocks.push(Block::Title(t::TITLE_ID_NO_ERROR.get().into()));
            blocks.push(Block::Para(t::ID_NO_ERROR.get().into()));
            pull_record_blocks(&mut blocks, paste);
        }
        None => code_blocks(&mut blocks, &facts, Some(source)),
    }
    blocks.push(Block::Heading(t::FOR_THE_TICKET.get().into()));
    blocks.push(Block::Fields(ticket_fields(&facts)));
    render(out, &blocks, format, style)
}

/// What the paste is, as the sentences name it ("the error page").
fn source_words(kind: PasteKind) -> &'static str {
    let words = match kind {
        PasteKind::ErrorPage => t::SOURCE_ERROR_PAGE,
        PasteKind::OAuthJson => t::SOURCE_OAUTH_JSON,
        PasteKind::ErrorText => t::SOURCE_ERROR_TEXT,
    };
    debug_assert_eq!(words.en, kind.describe());
    words.get()
}

fn pull_record_blocks(blocks: &mut Vec<Block>, paste: &Paste) {
    let Some(id) = paste
        .request_id
        .as_deref()
        .or(paste.correlation_id.as_deref())
    else {
        blocks.push(Block::Para(t::PASTE_NO_REQUEST_ID.get().into()));
        return;
    };
    let when = paste
        .timestamp
        .map(|time| t::AROUND_TIME.fill(&[("time", &short_time(time))]))
        .unwrap_or_default();
    blocks.push(Block::Heading(t::PULL_RECORD.get().into()));
    blocks.push(Block::Bullets(vec![
        t::PULL_PORTAL.fill(&[("id", &id), ("when", &when)]),
        t::PULL_GRAPH.fill(&[("id", &id)]),
        t::PULL_LOG_ANALYTICS.fill(&[("id", &id)]),
        t::PULL_THEN.get().to_string(),
    ]));
}

/// A full explanation of one sign-in.
fn entry_blocks(blocks: &mut Vec<Block>, e: &Entry) {
    match &e.diagnosis {
        Some(d) => {
            blocks.push(Block::Title(t::TITLE_BLOCKED.get().into()));
            blocks.push(Block::Para(happened(&e.facts, None)));
            blocks.push(Block::Heading(t::WHY.fill(&[
                ("cause", &d.cause),
                ("confidence", &d.confidence.as_str()),
            ])));
            blocks.push(Block::Para(sentence(&d.detail)));
            if !d.policies.is_empty() {
                let names: Vec<String> = d.policies.iter().map(|p| p.name.clone()).collect();
                blocks.push(Block::Fields(vec![(
                    t::BLOCKING_POLICY.get(),
                    names.join("; "),
                )]));
            }
            blocks.push(Block::Heading(t::EVIDENCE.get().into()));
            // The replay's lines get their own section below.
            let evidence: Vec<String> = d
                .evidence
                .iter()
                .filter(|e| d.replay.is_none() || !crate::replay::is_replay_evidence(e))
                .cloned()
                .collect();
            blocks.push(Block::Bullets(evidence));
            if let Some(r) = &d.replay {
                replay_blocks(blocks, r);
            }
            let fix = fixes::render(d);
            blocks.push(Block::Heading(t::USER_CAN_TRY.get().into()));
            blocks.push(Block::Para(fix.user));
            blocks.push(Block::Heading(t::ADMIN_SHOULD_CHECK.get().into()));
            blocks.push(Block::Para(fix.admin));
        }
        None => code_blocks(blocks, &e.facts, None),
    }
    blocks.push(Block::Heading(t::FOR_THE_TICKET.get().into()));
    blocks.push(Block::Fields(ticket_fields(&e.facts)));
}

/// "Replay against exported policies": each relevant policy, its condition verdicts and
/// how it compares with the log.
fn replay_blocks(blocks: &mut Vec<Block>, r: &Replay) {
    blocks.push(Block::Heading(
        t::REPLAY_HEADING.fill(&[("file", &r.policies_file)]),
    ));
    let one = |n: usize| i18n::lang().singular(n as u64);
    let (n, m) = (r.policies.len(), r.disagreements.len());
    let mut intro = if one(n) {
        t::REPLAYED_ONE
    } else {
        t::REPLAYED_MANY
    }
    .fill(&[("n", &n)]);
    intro.push_str(
        &if one(m) {
            t::DISAGREE_ONE
        } else {
            t::DISAGREE_MANY
        }
        .fill(&[("m", &m)]),
    );
    if r.others_agreeing > 0 {
        let k = r.others_agreeing as usize;
        let others = if one(k) {
            t::OTHERS_AGREE_ONE
        } else {
            t::OTHERS_AGREE_MANY
        };
        intro.push_str(&others.fill(&[("k", &k)]));
    }
    if !r.named_locations {
        intro.push_str(t::NO_NAMED_LOCATIONS.get());
    }
    blocks.push(Block::Para(intro));
    for p in &r.policies {
        let (now, log) = (p.now_text(), p.log_text());
        let agreement = match p.agreement {
            Agreement::Agrees => t::AGREEMENT_AGREES,
            Agreement::Disagrees => t::AGREEMENT_DISAGREES,
            Agreement::CannotTell => t::AGREEMENT_CANNOT_TELL,
            Agreement::NotInLog => t::AGREEMENT_NOT_IN_LOG,
            Agreement::NotExported => t::AGREEMENT_NOT_EXPORTED,
        };
        blocks.push(Block::Para(t::REPLAY_POLICY.fill(&[
            ("name", &p.name),
            ("log", &log),
            ("now", &now),
            ("agreement", &agreement.get()),
        ])));
        let mut lines: Vec<String> = p
            .conditions
            .iter()
            .filter(|c| c.verdict != Verdict::NotConfigured)
            .map(|c| {
                let mut line = t::REPLAY_CONDITION.fill(&[
                    ("condition", &c.condition),
                    ("configured", &c.configured),
                    ("verdict", &c.verdict.as_str()),
                ]);
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
            lines.push(t::NOT_CONFIGURED.fill(&[("list", &unset.join(", "))]));
        }
        if let Some(note) = &p.note {
            let lead = if p.agreement == Agreement::Disagrees {
                t::DISAGREEMENT_NOTE
            } else {
                t::NOTE
            };
            lines.push(lead.fill(&[("note", note)]));
        }
        blocks.push(Block::Bullets(lines));
    }
}

/// A sign-in that is not a 53003, read from the error catalogue.
fn code_blocks(blocks: &mut Vec<Block>, f: &Facts, source: Option<&str>) {
    let Some(code) = f.error_code else {
        blocks.push(Block::Title(t::TITLE_NO_ERROR_CODE.get().into()));
        blocks.push(Block::Para(t::NO_ERROR_CODE.get().into()));
        return;
    };
    let from = source
        .map(|s| t::FROM_SOURCE_ALONE.fill(&[("source", &s)]))
        .unwrap_or_default();
    match codes::lookup(code) {
        Some(c) => {
            let title = match c.kind {
                Kind::Success => t::TITLE_SUCCESS,
                Kind::ConditionalAccessBlock => t::TITLE_CA_BLOCK,
                Kind::ConditionalAccessRequirement => t::TITLE_CA_REQUIREMENT,
                _ => t::TITLE_NOT_CA,
            }
            .fill(&[("code", &code), ("name", &c.name), ("from", &from)]);
            blocks.push(Block::Title(title.replace("  ", " ").replace(" )", ")")));
            blocks.push(Block::Para(format!("{} {}", happened(f, None), c.meaning)));
            if c.kind != Kind::Success {
                blocks.push(Block::Heading(t::USER_CAN_TRY.get().into()));
                blocks.push(Block::Para(c.user.to_string()));
                blocks.push(Block::Heading(t::ADMIN_SHOULD_CHECK.get().into()));
                blocks.push(Block::Para(c.admin.to_string()));
            }
        }
        None => {
            blocks.push(Block::Title(
                t::TITLE_UNCATALOGUED.fill(&[("code", &code), ("from", &from)]),
            ));
            blocks.push(Block::Para(format!(
                "{} {}",
                happened(f, None),
                t::LOOK_UP_CODE.fill(&[("url", &codes::lookup_url(code))])
            )));
        }
    }
}

/// "dana@contoso.com signed in to Azure Portal (…) on 2026-11-02 at 08:14 UTC from …".
fn happened(f: &Facts, device: Option<&str>) -> String {
    let who = if f.user == "(unknown user)" {
        t::THE_USER.get().to_string()
    } else {
        f.user.clone()
    };
    let verb = if f.error_code == Some(0) {
        t::SIGNED_IN
    } else {
        t::TRIED_TO_SIGN_IN
    };
    let mut s = verb.fill(&[("who", &who)]);
    if let Some(app) = &f.app {
        s.push_str(&t::TO_APP.fill(&[("app", app)]));
        if let Some(r) = f.resource.as_ref().filter(|r| *r != app) {
            s.push_str(&format!(" ({r})"));
        }
    }
    if let Some(time) = f.time {
        s.push_str(&t::ON_DATE.fill(&[
            ("date", &time.format("%Y-%m-%d")),
            ("time", &time.format("%H:%M:%S")),
        ]));
    }
    let place: Vec<&str> = [f.city.as_deref(), f.country.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let place = place.join(", ");
    match (place.is_empty(), &f.ip) {
        (false, Some(ip)) => s.push_str(&t::FROM_PLACE_IP.fill(&[("place", &place), ("ip", ip)])),
        (false, None) => s.push_str(&t::FROM_PLACE.fill(&[("place", &place)])),
        (true, Some(ip)) => s.push_str(&t::FROM_PLACE.fill(&[("place", ip)])),
        (true, None) => {}
    }
    if let Some(d) = device {
        s.push_str(&t::ON_DEVICE.fill(&[("device", &d)]));
    }
    s.push('.');
    if is_block(f) {
        s.push_str(t::CA_BLOCKED_IT.get());
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
        (None, Some(st)) => Some(t::DEVICE_STATE.fill(&[("state", &st.to_lowercase())])),
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
    put(t::FIELD_REQUEST_ID.get(), &f.request_id);
    put(t::FIELD_CORRELATION_ID.get(), &f.correlation_id);
    put(
        t::FIELD_TIME.get(),
        &f.time.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
    );
    put(
        t::FIELD_USER.get(),
        &Some(f.user.clone()).filter(|u| u != "(unknown user)"),
    );
    put(t::FIELD_APPLICATION.get(), &f.app);
    put(t::FIELD_RESOURCE.get(), &f.resource);
    put(t::FIELD_IP.get(), &f.ip);
    let place: Vec<&str> = [f.city.as_deref(), f.country.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    put(
        t::FIELD_LOCATION.get(),
        &Some(place.join(", ")).filter(|p| !p.is_empty()),
    );
    put(
        t::FIELD_ERROR_CODE.get(),
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
        .unwrap_or_else(|| t::NO_TIME.get().to_string());
    let outcome = match (f.error_code, &e.diagnosis) {
        (_, Some(d)) => {
            t::OUTCOME_BLOCKED.fill(&[("cause", &d.cause), ("confidence", &d.confidence.as_str())])
        }
        (Some(0), None) => t::OUTCOME_SUCCEEDED.get().to_string(),
        (Some(c), None) => match codes::lookup(c) {
            Some(entry) if !entry.name.is_empty() => {
                t::OUTCOME_FAILED_NAMED.fill(&[("code", &c), ("name", &entry.name)])
            }
            _ => t::OUTCOME_FAILED.fill(&[("code", &c)]),
        },
        (None, None) => t::OUTCOME_UNKNOWN.get().to_string(),
    };
    let app = f.app.as_deref().unwrap_or(t::UNNAMED_APP.get());
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("time", &time),
        ("outcome", &outcome),
        ("app", &app),
        ("id", &f.request_id.as_deref().unwrap_or("")),
    ];
    match &f.request_id {
        Some(_) => t::CHAIN_LINE.fill(&args),
        None => t::CHAIN_LINE_NO_ID.fill(&args),
    }
}

fn short_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Capitalises the detail so it reads as a sentence, and ends it with a full stop.
fn sentence(detail: &str) -> String {
    let mut s = detail.to_string();
    // The first character, whatever its length in bytes ("état", "à").
    if let Some(first) = s.chars().next() {
        s.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
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
                for line in wrap(&sanitize(p, false), width - 2) {
                    writeln!(out, "  {line}")?;
                }
            }
            (_, Block::Bullets(items)) => {
                for item in items {
                    for (j, line) in wrap(&sanitize(item, false), width - 4).iter().enumerate() {
                        writeln!(out, "{}{line}", if j == 0 { "  - " } else { "    " })?;
                    }
                }
            }
            (_, Block::Fields(fields)) => {
                // In characters, as `{:<pad$}` counts ("ID de corrélation").
                let pad = fields
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                for (k, v) in fields {
                    writeln!(out, "  {k:<pad$}  {}", sanitize(v, false))?;
                }
            }
        }
    }
    Ok(())
}

use super::table::wrap;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    fn facts(code: i64) -> Facts {
        Facts {
            request_id: Some("f7fd8b2d-fc26-45b7-90fb-8b8d91076100".into()),
            correlation_id: Some("28cf2b76-a414-4c40-a154-2a9f608eebcb".into()),
            time: crate::model::parse_time("2026-11-02T08:14:05Z"),
            user: "beatriz.alves@contoso.com".into(),
            app: Some("Azure Portal".into()),
            resource: Some("Windows Azure Service Management API".into()),
            ip: Some("192.0.2.10".into()),
            city: Some("Sao Paulo".into()),
            country: Some("BR".into()),
            error_code: Some(code),
        }
    }

    fn text(blocks: &[Block], format: Format) -> String {
        let mut out = Vec::new();
        let style = Style {
            color: false,
            width: Some(100),
            unicode: false,
            progress: false,
        };
        render(&mut out, blocks, format, style).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn what_happened_reads_as_french_and_stays_english() {
        let blocked = facts(53003);
        let fr = with_lang(Lang::Fr, || happened(&blocked, None));
        assert_eq!(
            fr,
            "beatriz.alves@contoso.com a tenté de se connecter à Azure Portal (Windows Azure \
             Service Management API) le 2026-11-02 à 08:14:05 UTC depuis Sao Paulo, BR \
             (192.0.2.10). L'accès conditionnel a bloqué la connexion."
        );
        let en = with_lang(Lang::En, || happened(&blocked, None));
        assert_eq!(
            en,
            "beatriz.alves@contoso.com tried to sign in to Azure Portal (Windows Azure Service \
             Management API) on 2026-11-02 at 08:14:05 UTC from Sao Paulo, BR (192.0.2.10). \
             Conditional Access blocked it."
        );
        // A success, with nobody named and only the paste's device: no agreement to get wrong.
        let mut ok = facts(0);
        ok.user = "(unknown user)".into();
        ok.app = None;
        ok.city = None;
        ok.country = None;
        let fr = with_lang(Lang::Fr, || {
            happened(&ok, Some("Windows 10 (unregistered)"))
        });
        assert_eq!(
            fr,
            "L'utilisateur a réussi à se connecter le 2026-11-02 à 08:14:05 UTC depuis \
             192.0.2.10, sur Windows 10 (unregistered)."
        );
    }

    #[test]
    fn a_code_that_is_not_a_block_gets_a_french_title() {
        let title = |code| {
            with_lang(Lang::Fr, || {
                let mut blocks = Vec::new();
                code_blocks(&mut blocks, &facts(code), Some(t::SOURCE_ERROR_PAGE.get()));
                match &blocks[0] {
                    Block::Title(t) => t.clone(),
                    _ => panic!("no title"),
                }
            })
        };
        assert_eq!(
            title(50126),
            "Ce n'est pas un blocage de l'accès conditionnel : AADSTS50126 \
             InvalidUserNameOrPassword, d'après la page d'erreur uniquement"
        );
        assert!(
            title(53000).starts_with("Une exigence de l'accès conditionnel n'a pas été remplie")
        );
        assert!(title(0).starts_with("Connexion réussie (ce n'est pas un échec)"));
    }

    #[test]
    fn not_found_counts_records_and_quotes_the_id_in_french() {
        let searched = |records| Searched {
            id: "notanid",
            files: vec![("signins.json".into(), "Log Analytics rows (JSON)")],
            records,
            first: None,
            last: None,
            non_interactive: 0,
            when: None,
        };
        let render = |s: Searched<'_>, format| {
            with_lang(Lang::Fr, || {
                let mut out = Vec::new();
                let style = Style {
                    color: false,
                    width: Some(120),
                    unicode: false,
                    progress: false,
                };
                write_not_found(&mut out, &s, format, style).unwrap();
                String::from_utf8(out).unwrap()
            })
        };
        let one = render(searched(1), Format::Text);
        assert!(
            one.starts_with("Aucune connexion avec l'ID notanid\n"),
            "{one}"
        );
        assert!(
            one.contains("1 enregistrement parcouru dans signins.json"),
            "{one}"
        );
        assert!(one.contains("Raisons probables"), "{one}");
        assert!(
            one.contains("« notanid » ne ressemble pas à un ID de la demande"),
            "{one}"
        );
        assert!(one.contains("connexion non interactive"), "{one}");
        // French counts 0 as singular.
        assert!(render(searched(0), Format::Text).contains("0 enregistrement parcouru"));
        let many = render(searched(32), Format::Markdown);
        assert!(many.contains("32 enregistrements parcourus"), "{many}");
        // JSON keys stay; the reasons are sentences in the run's language.
        let json = render(searched(32), Format::Json);
        assert!(json.contains("\"likely_reasons\""), "{json}");
        assert!(
            json.contains("journalisée dans un autre locataire"),
            "{json}"
        );
    }

    #[test]
    fn status_and_pattern_words_match_the_machine_values_in_english() {
        for s in [
            Status::Resolved,
            Status::Unknown,
            Status::StillBlocked,
            Status::Recurring,
        ] {
            let en = with_lang(Lang::En, || status_words(s));
            assert_eq!(en, s.as_str().replace('_', " "));
        }
        assert_eq!(
            with_lang(Lang::Fr, || status_words(Status::StillBlocked)),
            "toujours bloqué"
        );
        assert_eq!(
            with_lang(Lang::Fr, || pattern_words(PatternKind::Structural)),
            "structurel"
        );
        for k in [
            PatternKind::Structural,
            PatternKind::Transient,
            PatternKind::Mixed,
        ] {
            assert_eq!(with_lang(Lang::En, || pattern_words(k)), k.as_str());
        }
        for k in [
            PasteKind::ErrorPage,
            PasteKind::OAuthJson,
            PasteKind::ErrorText,
        ] {
            assert_eq!(with_lang(Lang::En, || source_words(k)), k.describe());
        }
    }

    #[test]
    fn french_lines_never_start_with_a_colon_and_ticket_fields_align() {
        let para = "Quelle stratégie a bloqué la connexion, et quelles conditions de cette \
                    stratégie étaient remplies : la page d'erreur ne les nomme jamais. « CA001 » ?";
        for width in 20..90 {
            let lines = with_lang(Lang::Fr, || wrap(para, width));
            for line in &lines {
                assert!(
                    !line.starts_with([':', ';', '?', '!', '»']) && !line.ends_with('«'),
                    "{width}: {lines:?}"
                );
            }
            assert_eq!(lines.join(" "), para);
        }
        let out = with_lang(Lang::Fr, || {
            text(&[Block::Fields(ticket_fields(&facts(53003)))], Format::Text)
        });
        // Values start in one column, counted in characters ("ID de corrélation").
        let labels = [
            "ID de la demande",
            "ID de corrélation",
            "Date (UTC)",
            "Utilisateur",
            "Emplacement",
        ];
        let columns: Vec<usize> = out
            .lines()
            .filter_map(|l| {
                let label = labels.iter().find(|k| l.trim_start().starts_with(**k))?;
                let after = &l.trim_start()[label.len()..];
                Some(2 + label.chars().count() + after.len() - after.trim_start().len())
            })
            .collect();
        assert_eq!(columns.len(), labels.len(), "{out}");
        assert_eq!(columns[0], "  ID de corrélation  ".chars().count(), "{out}");
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{out}");
    }
}
