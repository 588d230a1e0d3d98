//! Tells an input's shape from its first bytes (and, for JSON, its first record), so no
//! flag is ever needed to say what a file is. Looks only; never consumes input.

/// What the first bytes say, before any record is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// JSON: an array, an object, or JSON Lines.
    Json,
    /// JSON Lines with text (a syslog header) before each line's `{`.
    PrefixedLines,
    Csv,
    /// Nothing but white space (or nothing at all).
    Empty,
    /// gzip inside gzip.
    Gzip,
    /// UTF-16 text (Windows PowerShell 5's `Out-File` and `>` write it).
    Utf16,
    /// A zip archive: an Excel workbook saved under another name, most likely.
    Zip,
    /// A web page saved from the browser.
    Html,
    /// None of the above.
    Text,
}

pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

pub(crate) fn sniff(head: &[u8]) -> Sniffed {
    if is_gzip(head) {
        return Sniffed::Gzip;
    }
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Sniffed::Utf16;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let Some(first) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Sniffed::Empty;
    };
    let rest = &head[first..];
    if matches!(rest[0], b'[' | b'{') {
        return Sniffed::Json;
    }
    let start: Vec<u8> = rest.iter().take(15).map(u8::to_ascii_lowercase).collect();
    if start.starts_with(b"<!doctype html") || start.starts_with(b"<html") {
        return Sniffed::Html;
    }
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
    // A syslog header has no quotes or commas before the record's brace.
    if let Some(brace) = line.iter().position(|&b| b == b'{')
        && !line[..brace].iter().any(|&b| b == b'"' || b == b',')
    {
        return Sniffed::PrefixedLines;
    }
    let count = |sep: u8| line.iter().filter(|&&b| b == sep).count();
    // Excel in many European locales saves CSV with ';' between cells.
    if count(b',') >= 2 || count(b';') >= 2 {
        Sniffed::Csv
    } else {
        Sniffed::Text
    }
}

/// How a JSON input held its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A top-level array.
    Array,
    /// `{"value": [...]}` pages.
    Page,
    /// Event Hub `{"records": [...]}` messages.
    Records,
    /// The Log Analytics query API's `{"tables": [...]}`.
    Tables,
    /// Top-level objects: one, or one per line.
    Objects,
}

/// Whose spelling the first record uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// Microsoft Graph (v1.0, beta, the portal's JSON download): camelCase.
    Graph,
    /// An Azure Monitor diagnostic-settings envelope around the record.
    Diagnostic,
    /// Log Analytics columns: PascalCase.
    LogAnalytics,
}

/// The export a file is, for messages, warnings and `detect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    GraphArray,
    GraphPages,
    GraphLines,
    Diagnostic,
    EventHub,
    LogAnalyticsJson,
    LogAnalyticsApi,
    LogAnalyticsCsv,
    PortalCsv,
    Empty,
}

impl Shape {
    pub(crate) fn from_json(form: Option<Form>, flavor: Option<Flavor>) -> Shape {
        match (form, flavor) {
            (None, _) => Shape::Empty,
            (Some(Form::Tables), _) => Shape::LogAnalyticsApi,
            (Some(Form::Records), _) => Shape::EventHub,
            (_, Some(Flavor::Diagnostic)) => Shape::Diagnostic,
            (_, Some(Flavor::LogAnalytics)) => Shape::LogAnalyticsJson,
            (Some(Form::Array), _) => Shape::GraphArray,
            (Some(Form::Page), _) => Shape::GraphPages,
            (Some(Form::Objects), _) => Shape::GraphLines,
        }
    }

    /// What the shape is, in English: the shape's name in JSON output and errors.
    pub(crate) fn describe(self) -> &'static str {
        self.words().en
    }

    /// What the shape is, in every language (`detect`'s text, `explain`'s search).
    pub(crate) fn words(self) -> crate::i18n::Tr {
        use crate::i18n::check as t;
        match self {
            Shape::GraphArray => t::SHAPE_GRAPH_ARRAY,
            Shape::GraphPages => t::SHAPE_GRAPH_PAGES,
            Shape::GraphLines => t::SHAPE_GRAPH_LINES,
            Shape::Diagnostic => t::SHAPE_DIAGNOSTIC,
            Shape::EventHub => t::SHAPE_EVENT_HUB,
            Shape::LogAnalyticsJson => t::SHAPE_LA_JSON,
            Shape::LogAnalyticsApi => t::SHAPE_LA_API,
            Shape::LogAnalyticsCsv => t::SHAPE_LA_CSV,
            Shape::PortalCsv => t::SHAPE_PORTAL_CSV,
            Shape::Empty => t::SHAPE_EMPTY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_from_first_bytes() {
        assert_eq!(sniff(b"\xEF\xBB\xBF[{\"id\":1}]"), Sniffed::Json);
        assert_eq!(sniff(b"  \n{\"value\":[]}"), Sniffed::Json);
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b" \r\n"), Sniffed::Empty);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Sniffed::Gzip);
        assert_eq!(
            sniff(b"Date (UTC),Request ID,User agent,Correlation ID\n"),
            Sniffed::Csv
        );
        assert_eq!(
            sniff(b"2025-02-02T00:27:59+08:00 HOST {\"time\":1}\n"),
            Sniffed::PrefixedLines
        );
        assert_eq!(sniff(b"Date (UTC);Request ID;User agent\r\n"), Sniffed::Csv);
        assert_eq!(sniff(b"Error Code: 53003\nRequest Id: x\n"), Sniffed::Text);
        assert_eq!(sniff(b"\xFF\xFE[\x00{\x00"), Sniffed::Utf16);
        assert_eq!(sniff(b"PK\x03\x04\x14\x00"), Sniffed::Zip);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Sniffed::Html);
    }
}
