//! `detect`: per input, the shape found, the record count, and which of the fields a
//! diagnosis uses it carries (a newcomer's first debugging step).

use std::io::{self, Write};

use serde::Serialize;

use super::sanitize;
use crate::summary::FieldCensus;

/// One input as `detect` reports it.
pub(crate) struct Found<'a> {
    pub name: &'a str,
    /// The shape, or why the input could not be read.
    pub shape: Result<&'static str, &'a String>,
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
                writeln!(out, "  cannot be read: {}", sanitize(e, false))?;
                continue;
            }
        };
        let gz = if f.compressed {
            ", gzip-compressed"
        } else {
            ""
        };
        writeln!(out, "  shape:   {shape}{gz}")?;
        writeln!(
            out,
            "  records: {} ({} blocked by Conditional Access, 53003)",
            c.records, c.blocked
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
            .map(|(f, _)| *f)
            .collect();
        if !all.is_empty() {
            let names: Vec<&str> = all.iter().map(|(f, _)| *f).collect();
            writeln!(out, "  in every record: {}", names.join(", "))?;
        }
        if !partial.is_empty() {
            let names: Vec<String> = partial.iter().map(|(f, n)| format!("{f} ({n})")).collect();
            writeln!(out, "  in some records: {}", names.join(", "))?;
        }
        if !missing.is_empty() {
            writeln!(out, "  missing: {}", missing.join(", "))?;
        }
    }
    Ok(())
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
            shape: f.shape.ok(),
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
