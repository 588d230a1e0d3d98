//! `detect`: per input, the shape found, the record count, and which of the fields a
//! diagnosis uses it carries (a newcomer's first debugging step).

use std::io::{self, Write};

use serde::Serialize;

use super::sanitize;
use crate::i18n::{self, check as t};
use crate::load::Shape;
use crate::summary::FieldCensus;

/// One input as `detect` reports it.
pub(crate) struct Found<'a> {
    pub name: &'a str,
    /// The shape, or why the input could not be read.
    pub shape: Result<Shape, &'a String>,
    pub compressed: bool,
    pub census: &'a FieldCensus,
}

pub(crate) fn write_text(out: &mut impl Write, found: &[Found<'_>]) -> io::Result<()> {
    for (i, f) in found.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let c = f.census;
        writeln!(out, "{}", sanitize(f.name, false))?;
        let shape = match f.shape {
            Ok(shape) => shape,
            Err(e) => {
                let error = sanitize(e, false);
                writeln!(out, "  {}", t::DETECT_UNREADABLE.fill(&[("error", &error)]))?;
                continue;
            }
        };
        let gz = if f.compressed {
            t::DETECT_GZIP.get()
        } else {
            ""
        };
        writeln!(
            out,
            "  {}",
            t::DETECT_SHAPE.fill(&[("shape", &shape.words().get()), ("gz", &gz)])
        )?;
        let blocked = i18n::count(c.blocked, t::DETECT_BLOCKED_ONE, t::DETECT_BLOCKED_MANY);
        writeln!(
            out,
            "  {}",
            t::DETECT_RECORDS.fill(&[("records", &c.records), ("blocked", &blocked)])
        )?;
        if c.records == 0 {
            continue;
        }
        let (all, partial): (Vec<_>, Vec<_>) = c
            .present
            .iter()
            .filter(|(_, n)| *n > 0)
            .partition(|(_, n)| *n == c.records);
        let missing: Vec<&str> = c
            .present
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(f, _)| field(f))
            .collect();
        if !all.is_empty() {
            let names: Vec<&str> = all.iter().map(|(f, _)| field(f)).collect();
            let fields = names.join(", ");
            writeln!(out, "  {}", t::DETECT_EVERY.fill(&[("fields", &fields)]))?;
        }
        if !partial.is_empty() {
            let names: Vec<String> = partial
                .iter()
                .map(|(f, n)| format!("{} ({n})", field(f)))
                .collect();
            let fields = names.join(", ");
            writeln!(out, "  {}", t::DETECT_SOME.fill(&[("fields", &fields)]))?;
        }
        if !missing.is_empty() {
            let fields = missing.join(", ");
            writeln!(out, "  {}", t::DETECT_MISSING.fill(&[("fields", &fields)]))?;
        }
    }
    Ok(())
}

/// A counted field as the text output names it: the log's own name, with its gloss in
/// this run's language.
fn field(name: &'static str) -> &'static str {
    [t::FIELD_REQUEST_ID, t::FIELD_COUNTRY, t::FIELD_CONDITIONS]
        .into_iter()
        .find(|gloss| gloss.en == name)
        .map_or(name, |gloss| gloss.get())
}

#[derive(Serialize)]
struct FoundOut<'a> {
    file: &'a str,
    shape: Option<&'a str>,
    /// Why the input could not be read, if it could not.
    error: Option<&'a str>,
    compressed: bool,
    records: u64,
    blocked: u64,
    /// Field name → records that carry it.
    fields: serde_json::Map<String, serde_json::Value>,
}

pub(crate) fn write_json(out: &mut impl Write, found: &[Found<'_>]) -> io::Result<()> {
    let list: Vec<FoundOut<'_>> = found
        .iter()
        .map(|f| FoundOut {
            file: f.name,
            shape: f.shape.ok().map(Shape::describe),
            error: f.shape.err().map(String::as_str),
            compressed: f.compressed,
            records: f.census.records,
            blocked: f.census.blocked,
            fields: f
                .census
                .present
                .iter()
                .map(|(k, n)| (k.to_string(), (*n).into()))
                .collect(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    const SHAPES: [Shape; 10] = [
        Shape::GraphArray,
        Shape::GraphPages,
        Shape::GraphLines,
        Shape::Diagnostic,
        Shape::EventHub,
        Shape::LogAnalyticsJson,
        Shape::LogAnalyticsApi,
        Shape::LogAnalyticsCsv,
        Shape::PortalCsv,
        Shape::Empty,
    ];

    #[test]
    fn every_shape_has_its_french_and_keeps_its_english() {
        for shape in SHAPES {
            let en = shape.describe();
            with_lang(Lang::En, || assert_eq!(shape.words().get(), en));
            let fr = with_lang(Lang::Fr, || shape.words().get());
            assert_ne!(fr, en, "{shape:?} has no French description");
        }
    }

    fn render(lang: Lang, found: &[Found<'_>]) -> String {
        let mut out = Vec::new();
        with_lang(lang, || write_text(&mut out, found)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn detect_reads_in_french() {
        let census = FieldCensus {
            records: 3,
            blocked: 1,
            present: vec![
                ("userPrincipalName", 3),
                ("deviceDetail.trustType", 1),
                ("userAgent", 0),
            ],
        };
        let error = "broken.json: line 1: is not a sign-in log export".to_string();
        let found = [
            Found {
                name: "portal.csv.gz",
                shape: Ok(Shape::PortalCsv),
                compressed: true,
                census: &census,
            },
            Found {
                name: "broken.json",
                shape: Err(&error),
                compressed: false,
                census: &FieldCensus::default(),
            },
        ];
        assert_eq!(
            render(Lang::Fr, &found),
            "portal.csv.gz\n\
             \x20 format :          Téléchargement CSV du centre d'administration Microsoft Entra, compression gzip\n\
             \x20 enregistrements : 3 (dont 1 bloqué par l'accès conditionnel, 53003)\n\
             \x20 dans tous les enregistrements : userPrincipalName\n\
             \x20 dans certains enregistrements : deviceDetail.trustType (1)\n\
             \x20 absents : userAgent\n\
             \n\
             broken.json\n\
             \x20 illisible : broken.json: line 1: is not a sign-in log export\n"
        );
        assert_eq!(
            render(Lang::En, &found[..1]),
            "portal.csv.gz\n\
             \x20 shape:   Entra admin center CSV download, gzip-compressed\n\
             \x20 records: 3 (1 blocked by Conditional Access, 53003)\n\
             \x20 in every record: userPrincipalName\n\
             \x20 in some records: deviceDetail.trustType (1)\n\
             \x20 missing: userAgent\n"
        );
        // JSON keeps the shape's English: it identifies the shape.
        let mut json = Vec::new();
        with_lang(Lang::Fr, || write_json(&mut json, &found[..1])).unwrap();
        let json = String::from_utf8(json).unwrap();
        assert!(
            json.contains(r#""shape": "Entra admin center CSV download""#),
            "{json}"
        );
    }
}
