//! CSV exports, mapped by header name, never by position: the Log Analytics "Export to
//! CSV" (column names with ` [UTC]` datetimes and JSON text in dynamic cells) and the
//! Entra portal's CSV download (human, localisable headers; no policy list). Streams one
//! row at a time.

use std::borrow::Cow;
use std::io::BufRead;

use serde::Deserialize;

use super::fields::{Flag, Number, Text, from_fields};
use super::record;
use crate::model::{Device, SignIn, parse_time};

/// Which CSV export a header belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CsvKind {
    LogAnalytics,
    Portal,
}

/// A row that could not be read: which row and line, and why.
pub(crate) struct BadRow {
    pub row: Option<u64>,
    pub line: Option<u64>,
    pub what: String,
    pub hint: String,
}

/// Header names that identify each export (English, and the French and Spanish portal
/// names the reference lists).
const LA_MARKERS: &[&str] = &["TimeGenerated [UTC]", "TimeGenerated", "ResultType"];
/// Columns only a sign-in CSV has ("Date (UTC)" alone is in every portal download,
/// audit logs included).
const PORTAL_MARKERS: &[&str] = &[
    "Request ID",
    "Sign-in error code",
    "Code d'erreur de connexion",
    "Nom d'utilisateur",
];

/// The error code's column in each export (and its French name).
const CODE_COLUMNS: &[&str] = &[
    "ResultType",
    "Sign-in error code",
    "Code d'erreur de connexion",
];

/// Reads every row, handing each sign-in to `each`. Returns the kind and the row count.
/// `bad_row` decides what a row that cannot be read does: `Some` stops the reading with
/// it, `None` skips the row (lenient mode) and goes on.
pub(crate) fn read<E: From<BadRow>>(
    mut reader: impl BufRead,
    skim: super::Skim,
    mut each: impl FnMut(SignIn<'_>) -> Result<(), E>,
    mut bad_row: impl FnMut(BadRow) -> Option<BadRow>,
) -> Result<(CsvKind, u64), E> {
    // The header line is in the caller's buffer already: peek at it without copying.
    // The csv crate counts a CRLF header as no line at all, so every row's line number
    // after it comes out one short (every real export ends lines in CRLF).
    let (crlf_offset, delimiter) = match reader.fill_buf() {
        Ok(buf) => {
            let end = memchr::memchr(b'\n', buf);
            let header = &buf[..end.unwrap_or(buf.len())];
            let count = |sep: u8| memchr::memchr_iter(sep, header).count();
            (
                u64::from(end.is_some_and(|i| i > 0 && buf[i - 1] == b'\r')),
                // Excel in many European locales re-saves CSV with ';' between cells.
                if count(b';') > count(b',') {
                    b';'
                } else {
                    b','
                },
            )
        }
        Err(_) => (0, b','),
    };
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .buffer_capacity(1 << 20)
        .from_reader(reader);
    let bad = |row: Option<u64>, e: &::csv::Error, hint: &str| {
        let mut b = bad(row, e, hint);
        if row.is_some() {
            b.line = b.line.map(|l| l + crlf_offset);
        }
        b
    };
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|name| name.trim().to_string()).collect(),
        Err(e) => {
            return Err(bad(None, &e, "the file's first line should be the CSV header").into());
        }
    };
    let has = |names: &[&str]| headers.iter().any(|h| names.contains(&h.as_str()));
    let kind = if has(LA_MARKERS) {
        CsvKind::LogAnalytics
    } else if has(PORTAL_MARKERS) {
        CsvKind::Portal
    } else if has(&["Activity", "ActivityDisplayName", "OperationName"]) && has(&["Category"]) {
        return Err(BadRow {
            row: None,
            line: Some(1),
            what: "is an audit log CSV (Activity, Category, …), not a sign-in log".to_string(),
            hint: "download the sign-in logs instead: Entra admin center > Monitoring & health > \
                   Sign-in logs > Download"
                .to_string(),
        }
        .into());
    } else {
        let shown: Vec<&str> = headers.iter().take(6).map(String::as_str).collect();
        return Err(BadRow {
            row: None,
            line: Some(1),
            what: format!(
                "a CSV header this version does not know: {}",
                shown.join(", ")
            ),
            hint: "expected the Entra portal download (Date (UTC), Request ID, …, Sign-in error \
                   code, …) or a Log Analytics export (TimeGenerated [UTC], …, ResultType, …)"
                .to_string(),
        }
        .into());
    };

    // Where the error code sits, for rows a skim says cannot matter.
    let code_column = headers
        .iter()
        .position(|h| CODE_COLUMNS.contains(&h.as_str()));
    let mut row = ::csv::StringRecord::new();
    let mut rows = 0u64;
    loop {
        match rdr.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let row_error = bad(
                    Some(rows + 1),
                    &e,
                    "every row should have as many fields as the header: re-export the file",
                );
                rows += 1;
                // An I/O error ends the file whatever the mode.
                if matches!(e.kind(), ::csv::ErrorKind::Io(_)) {
                    return Err(row_error.into());
                }
                match bad_row(row_error) {
                    Some(stop) => return Err(stop.into()),
                    None => continue,
                }
            }
        }
        rows += 1;
        if let (Some(wants), Some(at)) = (skim, code_column)
            && let Some(Ok(code)) = row.get(at).map(|c| c.trim().parse::<i64>())
            && wants(code, row.as_slice().as_bytes()) == super::Depth::Code
        {
            each(SignIn {
                error_code: Some(code),
                skimmed: true,
                ..SignIn::default()
            })?;
            continue;
        }
        let line = row.position().map(|p| p.line() + crlf_offset);
        let fields: Vec<(&str, &str)> =
            headers.iter().map(String::as_str).zip(row.iter()).collect();
        let parsed = match kind {
            CsvKind::LogAnalytics => record::parse_row(&fields),
            CsvKind::Portal => from_fields::<PortalRow<'_>>(&fields).map(PortalRow::into_model),
        };
        match parsed {
            Ok(sign_in) => each(sign_in)?,
            Err(what) => {
                let row_error = BadRow {
                    row: Some(rows),
                    line,
                    what,
                    hint: "fix the cell or re-export the file".to_string(),
                };
                if let Some(stop) = bad_row(row_error) {
                    return Err(stop.into());
                }
            }
        }
    }
    Ok((kind, rows))
}

fn bad(row: Option<u64>, e: &::csv::Error, hint: &str) -> BadRow {
    let line = e.position().map(|p| p.line());
    let what = match e.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row with {len} fields where the header has {expected_len}"),
        ::csv::ErrorKind::Utf8 { .. } => "text that is not UTF-8".to_string(),
        ::csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => e.to_string(),
    };
    let hint = match e.kind() {
        ::csv::ErrorKind::Io(io) if super::is_damaged_gzip(io) => {
            "the gzip data is damaged or cut short: download or copy the file again"
        }
        ::csv::ErrorKind::Io(_) => "check that the file is readable",
        _ => hint,
    };
    BadRow {
        row,
        line,
        what,
        hint: hint.to_string(),
    }
}

/// One row of the portal's CSV download. Headers are matched exactly as the portal writes
/// them, with the translations seen in real exports as aliases.
#[derive(Deserialize, Default)]
#[serde(default)]
struct PortalRow<'a> {
    #[serde(borrow, rename = "Date (UTC)")]
    date: Text<'a>,
    #[serde(borrow, rename = "Request ID")]
    id: Text<'a>,
    #[serde(borrow, rename = "Correlation ID")]
    correlation_id: Text<'a>,
    #[serde(borrow, rename = "User ID")]
    user_id: Text<'a>,
    #[serde(borrow, rename = "User")]
    user: Text<'a>,
    #[serde(borrow, rename = "Username", alias = "Nom d'utilisateur")]
    username: Text<'a>,
    #[serde(borrow, rename = "User type")]
    user_type: Text<'a>,
    #[serde(borrow, rename = "Application", alias = "Aplicación")]
    application: Text<'a>,
    /// The portal writes these two headers with a trailing space (reference §0.10).
    #[serde(borrow, rename = "Application ID ", alias = "Application ID")]
    application_id: Text<'a>,
    #[serde(borrow, rename = "Resource", alias = "Recurso")]
    resource: Text<'a>,
    #[serde(borrow, rename = "Resource ID ", alias = "Resource ID")]
    resource_id: Text<'a>,
    #[serde(borrow, rename = "IP address", alias = "Adresse IP")]
    ip: Text<'a>,
    /// "City, State, CC".
    #[serde(borrow, rename = "Location", alias = "Emplacement")]
    location: Text<'a>,
    #[serde(borrow, rename = "Status", alias = "Statut")]
    status: Text<'a>,
    #[serde(rename = "Sign-in error code", alias = "Code d'erreur de connexion")]
    error_code: Number,
    #[serde(borrow, rename = "Client app", alias = "Application cliente")]
    client_app: Text<'a>,
    #[serde(borrow, rename = "Device ID", alias = "ID de l'appareil")]
    device_id: Text<'a>,
    #[serde(borrow, rename = "Browser", alias = "Navigateur")]
    browser: Text<'a>,
    #[serde(borrow, rename = "Operating System", alias = "Système d'exploitation")]
    operating_system: Text<'a>,
    #[serde(rename = "Compliant", alias = "Conforme")]
    compliant: Flag,
    #[serde(rename = "Managed", alias = "Géré")]
    managed: Flag,
    #[serde(borrow, rename = "Join Type")]
    join_type: Text<'a>,
    #[serde(borrow, rename = "User agent", alias = "Agent utilisateur")]
    user_agent: Text<'a>,
    #[serde(borrow, rename = "Authentication Protocol")]
    authentication_protocol: Text<'a>,
    #[serde(borrow, rename = "Original transfer method")]
    original_transfer_method: Text<'a>,
    #[serde(borrow, rename = "Conditional Access")]
    conditional_access: Text<'a>,
}

impl<'a> PortalRow<'a> {
    fn into_model(self) -> SignIn<'a> {
        let (city, country) = split_location(self.location.0);
        // A success row may leave the code empty and say "Success" (or a translation).
        let error_code = self.error_code.0.or_else(|| {
            let s = self.status.0.as_deref()?.trim().to_lowercase();
            (s == "success" || s == "opération réussie" || s == "correcto").then_some(0)
        });
        SignIn {
            id: self.id.0,
            correlation_id: self.correlation_id.0,
            created: self.date.0.as_deref().and_then(parse_time),
            user_principal_name: self.username.0,
            user_display_name: self.user.0,
            user_id: self.user_id.0,
            user_type: self.user_type.0,
            app_display_name: self.application.0,
            app_id: self.application_id.0,
            resource_display_name: self.resource.0,
            resource_id: self.resource_id.0,
            ip_address: self.ip.0,
            city,
            country,
            client_app_used: self.client_app.0,
            user_agent: self.user_agent.0,
            device: Device {
                device_id: self.device_id.0,
                display_name: None,
                operating_system: self.operating_system.0,
                browser: self.browser.0,
                is_compliant: self.compliant.0,
                is_managed: self.managed.0,
                trust_type: self.join_type.0,
            },
            error_code,
            conditional_access_status: self.conditional_access.0,
            // The download has no policy list and no named-network or risk columns.
            policies: None,
            network_locations: None,
            authentication_protocol: self.authentication_protocol.0,
            original_transfer_method: self.original_transfer_method.0,
            ..SignIn::default()
        }
    }
}

/// "Sao Paulo, Sao Paulo, BR" → (city, country code).
fn split_location(text: Option<Cow<'_, str>>) -> (Option<Cow<'_, str>>, Option<Cow<'_, str>>) {
    let Some(text) = text else {
        return (None, None);
    };
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let city = parts.first().filter(|c| !c.is_empty() && parts.len() > 1);
    let country = parts.last().filter(|c| !c.is_empty());
    (
        city.map(|c| Cow::Owned(c.to_string())),
        country.map(|c| Cow::Owned(c.to_string())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> Result<(CsvKind, Vec<SignIn<'static>>), String> {
        let mut out = Vec::new();
        let (kind, _) = read(
            text.as_bytes(),
            None,
            |s| -> Result<(), String> {
                out.push(s.into_owned());
                Ok(())
            },
            Some,
        )
        .map_err(|e: String| e)?;
        Ok((kind, out))
    }

    impl From<BadRow> for String {
        fn from(b: BadRow) -> String {
            format!("row {:?} line {:?}: {}; {}", b.row, b.line, b.what, b.hint)
        }
    }

    #[test]
    fn portal_download_by_header_name() {
        let text = "Date (UTC),Request ID,User,Username,Application ID ,IP address,Location,Status,Sign-in error code,Client app,Compliant,Managed,Join Type,Operating System,Incoming token type,Incoming token type\n\
            2025-03-14T11:40:12Z,r1,Sam,sam@example.com,c44b,203.0.113.77,\"Sao Paulo, Sao Paulo, BR\",Failure,53003,IMAP4,No,No,,Windows10,None,None\n\
            2025-03-14T11:41:00Z,r2,Sam,sam@example.com,c44b,203.0.113.77,\"Sao Paulo, Sao Paulo, BR\",Success,,Browser,,,,Windows10,None,None\n";
        let (kind, rows) = read_all(text).unwrap();
        assert_eq!(kind, CsvKind::Portal);
        assert_eq!(rows[0].error_code, Some(53003));
        assert_eq!(rows[0].country.as_deref(), Some("BR"));
        assert_eq!(rows[0].city.as_deref(), Some("Sao Paulo"));
        assert_eq!(rows[0].device.is_compliant, Some(false));
        assert!(rows[0].policies.is_none());
        assert_eq!(rows[1].error_code, Some(0));
    }

    #[test]
    fn french_headers_are_aliases() {
        let text = "Date (UTC),Request ID,Nom d'utilisateur,Adresse IP,Emplacement,Statut,Code d'erreur de connexion,Application cliente\n\
            2025-03-14T11:40:12Z,r1,sam@example.com,203.0.113.77,\"Paris, Ile-de-France, FR\",Échec,53003,POP3\n";
        let (_, rows) = read_all(text).unwrap();
        assert_eq!(
            rows[0].user_principal_name.as_deref(),
            Some("sam@example.com")
        );
        assert_eq!(rows[0].client_app_used.as_deref(), Some("POP3"));
        assert_eq!(rows[0].country.as_deref(), Some("FR"));
    }

    #[test]
    fn log_analytics_export_with_json_text_cells() {
        let text = "TimeGenerated [UTC],ResultType,Id,UserPrincipalName,Status,ConditionalAccessPolicies,CreatedDateTime [UTC]\n\
            \"3/14/2025, 11:40:12.123 AM\",53003,x,sam@example.com,\"{\"\"errorCode\"\":53003}\",\"[{\"\"displayName\"\":\"\"CA030\"\",\"\"result\"\":\"\"failure\"\",\"\"enforcedGrantControls\"\":[\"\"Block\"\"],\"\"conditionsSatisfied\"\":1035}]\",\"3/14/2025, 11:40:12.123 AM\"\n";
        let (kind, rows) = read_all(text).unwrap();
        assert_eq!(kind, CsvKind::LogAnalytics);
        assert_eq!(rows[0].error_code, Some(53003));
        assert!(rows[0].created.is_some(), "locale datetime parsed");
        assert_eq!(
            rows[0].policies.as_ref().unwrap()[0]
                .display_name
                .as_deref(),
            Some("CA030")
        );
    }

    #[test]
    fn unknown_headers_and_ragged_rows_are_errors_with_a_place() {
        let err = read_all("a,b,c,d\n1,2,3,4\n").unwrap_err();
        assert!(
            err.contains("a CSV header this version does not know: a, b, c, d"),
            "{err}"
        );
        let err =
            read_all("Date (UTC),Request ID,Sign-in error code\nx,y,53003\nx,y\n").unwrap_err();
        assert!(
            err.contains("row Some(2) line Some(3): a row with 2 fields where the header has 3"),
            "{err}"
        );
        let err = read_all("Date (UTC),Request ID,Sign-in error code\nx,y,oops\n").unwrap_err();
        assert!(err.contains("column \"Sign-in error code\""), "{err}");
    }
}
