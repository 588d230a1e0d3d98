//! Renderers: one file per output format, each writing to a `Write` it is given with a
//! `Style` decided once by main. They never probe the terminal or the clock.

pub(crate) mod check;
pub(crate) mod csv;
pub(crate) mod detect;
pub(crate) mod explain;
pub(crate) mod html;
pub(crate) mod impact;
pub(crate) mod incidents;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod ndjson;
pub(crate) mod table;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::fixes::{self, Fix};
use crate::model::{Cause, Confidence, Diagnosis, PolicyRef};

/// What the per-user (or grouped) table shows: `--top` rows, and `--wide` lists in full.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct View {
    pub top: Option<usize>,
    pub wide: bool,
}

impl View {
    /// How many list items (apps, policies) a cell shows before "…and N more".
    pub(crate) fn list_limit(self) -> usize {
        if self.wide { usize::MAX } else { 3 }
    }

    /// The rows to show out of `n`.
    pub(crate) fn rows(self, n: usize) -> usize {
        self.top.map_or(n, |t| t.min(n))
    }
}

/// How human-readable output should look.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub color: bool,
    /// Columns to fit tables into; `None` writes one line per row, for pipes and grep.
    pub width: Option<u16>,
    /// Box-drawing characters (a terminal) rather than ASCII.
    pub unicode: bool,
    /// Show a progress line on stderr (it is a terminal).
    pub progress: bool,
}

/// RFC 3339 in UTC, to the second: the contract's time format.
pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// One blocked sign-in as JSON: the `failures[]` object of DESIGN.md, also printed by
/// `--format ndjson` one per line. Field names and meanings are a contract.
#[derive(Debug, Serialize)]
pub(crate) struct FailureOut<'a> {
    /// The request id (the error page's "Request Id", Graph `id`).
    pub request_id: Option<&'a str>,
    pub correlation_id: Option<&'a str>,
    /// `createdDateTime`, RFC 3339 UTC; null when the export's timestamp was unreadable.
    pub time: Option<String>,
    /// UPN (lower-case), else display name.
    pub user: &'a str,
    pub app: Option<&'a str>,
    pub resource: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub country: Option<&'a str>,
    /// The primary cause: one of the DESIGN.md cause names.
    pub cause: Cause,
    /// Every contributing cause, the primary first.
    pub causes: &'a [Cause],
    pub confidence: Confidence,
    /// One sentence saying why.
    pub detail: &'a str,
    /// The blocking policies (never report-only ones).
    pub policies: &'a [PolicyRef],
    /// The field values the diagnosis rests on.
    pub evidence: &'a [String],
    pub fix: Fix,
    /// The replay against exported policies (`--policies`); absent without them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay: Option<&'a crate::replay::Replay>,
}

impl<'a> FailureOut<'a> {
    pub(crate) fn new(d: &'a Diagnosis) -> Self {
        FailureOut {
            request_id: d.request_id.as_deref(),
            correlation_id: d.correlation_id.as_deref(),
            time: d.time.map(rfc3339),
            user: &d.user,
            app: d.app.as_deref(),
            resource: d.resource.as_deref(),
            ip: d.ip.as_deref(),
            country: d.country.as_deref(),
            cause: d.cause,
            causes: &d.causes,
            confidence: d.confidence,
            detail: &d.detail,
            policies: &d.policies,
            evidence: &d.evidence,
            fix: fixes::render(d),
            replay: d.replay.as_ref(),
        }
    }
}

/// Makes log-derived text safe to print: control characters (C0 but newline where the
/// layout allows it, DEL, C1 such as the one-byte CSI) and bidirectional overrides are
/// shown as visible escapes, so no field can move the cursor, recolour or hide text.
pub(crate) fn sanitize(text: &str, keep_newlines: bool) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' && keep_newlines {
            out.push(c);
        } else if needs_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Log text made safe for a Markdown table cell: no control characters, no raw HTML, no
/// cell breaks.
pub(crate) fn md_cell(text: &str) -> String {
    sanitize(text, false)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_are_made_visible() {
        assert_eq!(sanitize("plain São Paulo", false), "plain São Paulo");
        assert_eq!(sanitize("a\x1b[2Jb", false), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("x\u{9b}31m", false), "x\\u{9b}31m");
        assert_eq!(
            sanitize("evil\u{202e}txt.exe", false),
            "evil\\u{202e}txt.exe"
        );
        assert_eq!(sanitize("two\nlines", true), "two\nlines");
        assert_eq!(sanitize("two\nlines", false), "two\\u{a}lines");
    }
}
