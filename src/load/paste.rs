//! Text a user copied from a failed sign-in: the error page's "Troubleshooting details"
//! block (§10.1), the hard-error page with `Message: AADSTS…` (§10.2), the OAuth error
//! JSON (§10.3), and CLI/SDK error text carrying `AADSTS53003`, `Trace ID`,
//! `Correlation ID` and `Timestamp`. Tolerant of what copying does: quote prefixes,
//! blank lines, extra spaces, CRLF, any label case, several labels on one line.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::model::parse_time;

/// What a paste says about one failed sign-in.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Paste {
    pub error_code: Option<i64>,
    /// The error page's "Request Id", the OAuth error's "Trace ID".
    pub request_id: Option<String>,
    pub correlation_id: Option<String>,
    pub timestamp: Option<DateTime<Utc>>,
    pub app_name: Option<String>,
    pub app_id: Option<String>,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub device_platform: Option<String>,
    /// "Unregistered", "Registered", …
    pub device_state: Option<String>,
    /// The AADSTS message, when the paste has one.
    pub message: Option<String>,
    /// The text mentions the device code flow (`--use-device-code`, "device code").
    pub mentions_device_code: bool,
    pub kind: PasteKind,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PasteKind {
    /// The "Troubleshooting details" block.
    #[default]
    ErrorPage,
    /// An OAuth error response (JSON).
    OAuthJson,
    /// Error text from a command-line tool or SDK.
    ErrorText,
}

impl PasteKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            PasteKind::ErrorPage => "the error page",
            PasteKind::OAuthJson => "the OAuth error response",
            PasteKind::ErrorText => "the error message",
        }
    }
}

/// Labels as the error page and the tools spell them (matched in any case).
const LABELS: &[(&str, Field)] = &[
    ("error code", Field::ErrorCode),
    ("request id", Field::RequestId),
    ("trace id", Field::RequestId),
    ("correlation id", Field::CorrelationId),
    ("timestamp", Field::Timestamp),
    ("app name", Field::AppName),
    ("app id", Field::AppId),
    ("ip address", Field::Ip),
    ("device identifier", Field::DeviceId),
    ("device platform", Field::DevicePlatform),
    ("device state", Field::DeviceState),
    ("message", Field::Message),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    ErrorCode,
    RequestId,
    CorrelationId,
    Timestamp,
    AppName,
    AppId,
    Ip,
    DeviceId,
    DevicePlatform,
    DeviceState,
    Message,
}

/// Reads a paste. `Err` says what was expected when the text is not an error report.
pub(crate) fn parse(text: &str) -> Result<Paste, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut paste = match parse_oauth_json(text) {
        Some(p) => p,
        None => parse_labels(text),
    };
    let lower = text.to_lowercase();
    paste.mentions_device_code = lower.contains("device code")
        || lower.contains("device-code")
        || lower.contains("devicecode");
    if paste.error_code.is_none() {
        paste.error_code = aadsts_code(text);
    }
    if paste.error_code.is_none() && paste.request_id.is_none() && paste.correlation_id.is_none() {
        return Err(
            "this text is not a sign-in error report: expected the \"Troubleshooting \
                    details\" block from the sign-in error page (Error Code: …, Request Id: …, \
                    Correlation Id: …), or an error message containing AADSTS and a Trace ID"
                .to_string(),
        );
    }
    Ok(paste)
}

fn parse_labels(text: &str) -> Paste {
    let mut paste = Paste::default();
    for raw in text.lines() {
        // Quote markers from chat and e-mail, and the spaces around them.
        let line = raw.trim().trim_start_matches(['>', ' ', '\t']).trim();
        if line.is_empty() {
            continue;
        }
        for (field, value) in labelled_values(line) {
            set(&mut paste, field, value);
        }
    }
    // The page says "Request Id" (both the troubleshooting block and the hard-error page);
    // tools say "Trace ID".
    let lower = text.to_lowercase();
    let page = [
        "request id",
        "error code",
        "device state",
        "flag sign-in errors",
    ]
    .iter()
    .any(|l| lower.contains(l));
    paste.kind = if page {
        PasteKind::ErrorPage
    } else {
        PasteKind::ErrorText
    };
    paste
}

/// Every `label: value` in a line; a line may hold several (CLI output runs them together:
/// "… Trace ID: x Correlation ID: y Timestamp: z").
fn labelled_values(line: &str) -> Vec<(Field, &str)> {
    let lower = line.to_ascii_lowercase();
    // (start of label, end of ':' separator, field), in line order.
    let mut found: Vec<(usize, usize, Field)> = Vec::new();
    for &(label, field) in LABELS {
        let mut from = 0;
        while let Some(k) = lower[from..].find(label) {
            let start = from + k;
            let after = start + label.len();
            from = after;
            // A label starts a line or follows a space or punctuation, and a colon follows it.
            let boundary = start == 0 || !lower.as_bytes()[start - 1].is_ascii_alphanumeric();
            let rest = &lower[after..];
            let colon = rest.len() - rest.trim_start().len();
            if boundary && rest[colon..].starts_with(':') {
                found.push((start, after + colon + 1, field));
            }
        }
    }
    found.sort_by_key(|f| f.0);
    // "App id" is inside no other label, but "Request Id" contains no "trace id": overlaps
    // can only come from one label ending where another starts, so keep them all.
    found
        .iter()
        .enumerate()
        .map(|(i, &(_, value_start, field))| {
            let end = found.get(i + 1).map_or(line.len(), |next| next.0);
            (field, line[value_start..end].trim())
        })
        .collect()
}

fn set(paste: &mut Paste, field: Field, value: &str) {
    let value = value.trim().trim_end_matches(['.', ',', ';']).trim();
    if value.is_empty() {
        return;
    }
    match field {
        Field::ErrorCode => {
            if paste.error_code.is_none() {
                paste.error_code = value
                    .trim_start_matches("AADSTS")
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|d| d.parse().ok());
            }
        }
        Field::RequestId => set_id(&mut paste.request_id, value),
        Field::CorrelationId => set_id(&mut paste.correlation_id, value),
        Field::Timestamp => {
            if paste.timestamp.is_none() {
                paste.timestamp = parse_time(value).or_else(|| {
                    value
                        .split_whitespace()
                        .next()
                        .and_then(parse_time)
                        .or_else(|| {
                            let two: Vec<&str> = value.split_whitespace().take(2).collect();
                            parse_time(&two.join(" "))
                        })
                });
            }
        }
        Field::AppName => keep_first(&mut paste.app_name, value),
        Field::AppId => keep_first(&mut paste.app_id, value),
        Field::Ip => keep_first(&mut paste.ip, value),
        Field::DeviceId => {
            if !value.eq_ignore_ascii_case("not available") {
                keep_first(&mut paste.device_id, value);
            }
        }
        Field::DevicePlatform => keep_first(&mut paste.device_platform, value),
        Field::DeviceState => keep_first(&mut paste.device_state, value),
        Field::Message => {
            keep_first(&mut paste.message, value);
            if paste.error_code.is_none() {
                paste.error_code = aadsts_code(value);
            }
        }
    }
}

fn keep_first(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = Some(value.to_string());
    }
}

fn set_id(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = find_guid(value);
    }
}

/// The first GUID in the text (braces and case ignored), lower-cased.
pub(crate) fn find_guid(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let candidate = text.get(i..i + 36)?;
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_hexdigit();
        let boundary_after = bytes.get(i + 36).is_none_or(|b| !b.is_ascii_hexdigit());
        (boundary_before && boundary_after && is_guid(candidate))
            .then(|| candidate.to_ascii_lowercase())
    })
}

fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The number in the first `AADSTSnnnnn`.
fn aadsts_code(text: &str) -> Option<i64> {
    let upper = text.to_ascii_uppercase();
    let at = upper.find("AADSTS")? + "AADSTS".len();
    let digits: String = upper[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() >= 5).then(|| digits.parse().ok()).flatten()
}

/// The OAuth error response (§10.3): `error_codes`, `trace_id`, `correlation_id`,
/// `timestamp`, and the same facts repeated in `error_description`.
fn parse_oauth_json(text: &str) -> Option<Paste> {
    #[derive(Deserialize)]
    struct OAuthError {
        error: Option<String>,
        error_description: Option<String>,
        #[serde(default)]
        error_codes: Vec<i64>,
        timestamp: Option<String>,
        trace_id: Option<String>,
        correlation_id: Option<String>,
    }
    let start = text.find('{')?;
    let json: OAuthError = serde_json::Deserializer::from_str(&text[start..])
        .into_iter()
        .next()?
        .ok()?;
    if json.error.is_none() && json.error_description.is_none() && json.error_codes.is_empty() {
        return None;
    }
    let mut paste = match &json.error_description {
        Some(d) => parse_labels(d),
        None => Paste::default(),
    };
    paste.kind = PasteKind::OAuthJson;
    paste.error_code = json.error_codes.first().copied().or(paste.error_code);
    if let Some(t) = json.trace_id.as_deref().and_then(find_guid) {
        paste.request_id = Some(t);
    }
    if let Some(c) = json.correlation_id.as_deref().and_then(find_guid) {
        paste.correlation_id = Some(c);
    }
    if let Some(t) = json.timestamp.as_deref().and_then(parse_time) {
        paste.timestamp = Some(t);
    }
    paste.message = json
        .error_description
        .as_deref()
        .and_then(|d| d.lines().next())
        .map(|l| l.trim().to_string());
    Some(paste)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Troubleshooting details\nIf you contact your administrator, send this info to them.\n\
        Copy info to clipboard\nError Code: 53003\nRequest Id: 3c2b1a09-8f7e-4d6c-b5a4-938271605f00\n\
        Correlation Id: cccccccc-dddd-4eee-8fff-000000000000\nTimestamp: 2025-03-14T11:40:12.123Z\n\
        App name: Azure Portal\nApp id: c44b4083-3bb0-49c1-b47d-974e53cbdf3c\nIP address: 203.0.113.77\n\
        Device identifier: Not available\nDevice platform: Windows 10\nDevice state: Unregistered\n\
        Flag sign-in errors for review: Enable flagging\n";

    #[test]
    fn the_error_page_block() {
        let p = parse(PAGE).unwrap();
        assert_eq!(p.error_code, Some(53003));
        assert_eq!(
            p.request_id.as_deref(),
            Some("3c2b1a09-8f7e-4d6c-b5a4-938271605f00")
        );
        assert_eq!(
            p.correlation_id.as_deref(),
            Some("cccccccc-dddd-4eee-8fff-000000000000")
        );
        assert_eq!(p.app_name.as_deref(), Some("Azure Portal"));
        assert_eq!(
            p.app_id.as_deref(),
            Some("c44b4083-3bb0-49c1-b47d-974e53cbdf3c")
        );
        assert_eq!(p.device_state.as_deref(), Some("Unregistered"));
        assert_eq!(p.device_platform.as_deref(), Some("Windows 10"));
        assert_eq!(p.device_id, None, "Not available is no id");
        assert!(p.timestamp.is_some());
        assert_eq!(p.kind, PasteKind::ErrorPage);
    }

    #[test]
    fn what_copying_does_to_it() {
        let quoted: String = PAGE
            .lines()
            .map(|l| format!("> {}\r\n\r\n", l.replace(": ", ":   ")))
            .collect();
        let shouted = PAGE.to_uppercase().replace("UNREGISTERED", "Unregistered");
        for text in [quoted, shouted] {
            let p = parse(&text).unwrap();
            assert_eq!(p.error_code, Some(53003), "{text}");
            assert_eq!(
                p.request_id.as_deref(),
                Some("3c2b1a09-8f7e-4d6c-b5a4-938271605f00")
            );
            assert_eq!(p.device_state.as_deref(), Some("Unregistered"));
        }
    }

    #[test]
    fn cli_text_with_labels_on_one_line() {
        let text = "ERROR: AADSTS53003: Access has been blocked by Conditional Access policies. \
            Trace ID: {8A1B2C3D-1111-2222-3333-444455556666} Correlation ID: 9b8c7d6e-aaaa-bbbb-cccc-ddddeeeeffff \
            Timestamp: 2026-11-02 12:21:05Z\nInteractive authentication is needed. Please run:\naz login --use-device-code";
        let p = parse(text).unwrap();
        assert_eq!(p.error_code, Some(53003));
        assert_eq!(
            p.request_id.as_deref(),
            Some("8a1b2c3d-1111-2222-3333-444455556666")
        );
        assert_eq!(
            p.correlation_id.as_deref(),
            Some("9b8c7d6e-aaaa-bbbb-cccc-ddddeeeeffff")
        );
        assert_eq!(
            p.timestamp.map(|t| t.to_rfc3339()),
            Some("2026-11-02T12:21:05+00:00".to_string())
        );
        assert!(p.mentions_device_code);
        assert_eq!(p.kind, PasteKind::ErrorText);
    }

    #[test]
    fn oauth_error_json() {
        let text = r#"{"error":"invalid_grant","error_description":"AADSTS53003: Access has been blocked.\r\nTrace ID: 11111111-2222-3333-4444-555555555555\r\nCorrelation ID: 66666666-7777-8888-9999-000000000000\r\nTimestamp: 2016-01-09 02:02:12Z","error_codes":[53003],"timestamp":"2016-01-09 02:02:12Z","trace_id":"11111111-2222-3333-4444-555555555555","correlation_id":"66666666-7777-8888-9999-000000000000"}"#;
        let p = parse(text).unwrap();
        assert_eq!(p.kind, PasteKind::OAuthJson);
        assert_eq!(p.error_code, Some(53003));
        assert_eq!(
            p.request_id.as_deref(),
            Some("11111111-2222-3333-4444-555555555555")
        );
        assert!(p.timestamp.is_some());
        assert_eq!(
            p.message.as_deref(),
            Some("AADSTS53003: Access has been blocked.")
        );
    }

    #[test]
    fn hard_error_page_takes_the_code_from_the_message() {
        let text = "Request Id: 3c2b1a09-8f7e-4d6c-b5a4-938271605f00\nTimestamp: 2021-05-03T16:51:43Z\n\
            Message: AADSTS50126: Error validating credentials due to invalid username or password.\n";
        let p = parse(text).unwrap();
        assert_eq!(p.error_code, Some(50126));
    }

    #[test]
    fn other_text_is_refused_with_what_was_expected() {
        let err = parse("Hi, Outlook does not work since this morning. Thanks, Dana").unwrap_err();
        assert!(err.contains("Troubleshooting details"), "{err}");
        assert!(parse("").is_err());
    }
}
