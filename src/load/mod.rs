//! Reads inputs (files or standard input), detects each one's shape, and streams its
//! sign-ins one at a time to a callback. Decides no causes; keeps no records.

mod detect;
mod graph;
mod json;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::model::SignIn;
use detect::Shape;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub(crate) fn from_arg(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    pub(crate) fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

/// A problem with an input, said the way a user can act on it:
/// `FILE: record N (line L): what was wrong; what to do`.
#[derive(Debug)]
pub(crate) struct LoadError {
    pub file: String,
    pub record: Option<u64>,
    pub line: Option<u64>,
    pub what: String,
    pub hint: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match (self.record, self.line) {
            (Some(r), Some(l)) => write!(f, ": record {r} (line {l})")?,
            (Some(r), None) => write!(f, ": record {r}")?,
            (None, Some(l)) => write!(f, ": line {l}")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.what)?;
        if !self.hint.is_empty() {
            write!(f, "; {}", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// What one input held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InputSummary {
    pub name: String,
    pub records: u64,
}

/// Streams every sign-in of every input to `each`, in input order. An error from `each`
/// (a closed pipe, say) stops the run and is returned as it is.
pub(crate) fn read_inputs(
    inputs: &[Input],
    mut each: impl FnMut(SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<InputSummary>> {
    let mut summaries = Vec::with_capacity(inputs.len());
    for input in inputs {
        let name = input.name();
        let records = match input {
            Input::Stdin => read_one(&name, io::stdin().lock(), &mut each)?,
            Input::Path(path) => {
                let file = open(path, &name)?;
                read_one(&name, file, &mut each)?
            }
        };
        summaries.push(InputSummary { name, records });
    }
    Ok(summaries)
}

fn open(path: &Path, name: &str) -> anyhow::Result<File> {
    if path.is_dir() {
        return Err(LoadError {
            file: name.to_string(),
            record: None,
            line: None,
            what: "is a directory".into(),
            hint: "pass the export files inside it (for example dir/*.json)".into(),
        }
        .into());
    }
    File::open(path).map_err(|e| {
        let hint = match e.kind() {
            io::ErrorKind::NotFound => "check the path (run `ls` on it)",
            io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check that the file is readable",
        };
        LoadError {
            file: name.to_string(),
            record: None,
            line: None,
            what: format!("cannot open: {}", io_reason(&e)),
            hint: hint.into(),
        }
        .into()
    })
}

/// The OS message without Rust's "(os error 2)" suffix.
fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn read_one(
    name: &str,
    reader: impl Read,
    each: &mut impl FnMut(SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    let mut reader = BufReader::with_capacity(64 << 10, reader);
    let head = reader.fill_buf().map_err(|e| read_error(name, &e))?;
    let refuse = |what: &str, hint: &str| -> anyhow::Error {
        LoadError {
            file: name.to_string(),
            record: None,
            line: Some(1),
            what: what.to_string(),
            hint: hint.to_string(),
        }
        .into()
    };
    match detect::sniff(head) {
        Shape::Json | Shape::Empty => {}
        Shape::Gzip => {
            return Err(refuse(
                "is gzip-compressed",
                "decompress it first: gunzip -c FILE.gz | signin-doctor report",
            ));
        }
        Shape::Csv => {
            return Err(refuse(
                "looks like a CSV export, which this version does not read",
                "download the sign-ins as JSON instead (Entra admin center > Sign-in logs > \
                 Download > JSON)",
            ));
        }
        Shape::Text => {
            return Err(refuse(
                "is not a sign-in log export (expected JSON starting with '[' or '{')",
                "pass a sign-in export from the Entra admin center (Download > JSON) or \
                 Microsoft Graph (auditLogs/signIns)",
            ));
        }
    }

    let mut splitter = json::Splitter::new(reader);
    let result = splitter.for_each(|raw| {
        let refuse = |what: String, line: u64, hint: &str| LoadError {
            file: name.to_string(),
            record: Some(raw.index),
            line: Some(line),
            what,
            hint: other_shape(raw.bytes).unwrap_or(hint).to_string(),
        };
        let record = graph::parse(raw.bytes).map_err(|bad| {
            refuse(
                bad.what,
                raw.line + bad.line_in_record.saturating_sub(1) as u64,
                "the record does not match the sign-in schema; re-export the file or fix the record",
            )
        })?;
        if record.id.is_none() && record.created.is_none() && record.error_code.is_none() {
            return Err(refuse(
                "not a sign-in record (no id, createdDateTime or status)".into(),
                raw.line,
                "is this an audit log or another kind of export? signin-doctor reads sign-in logs",
            )
            .into());
        }
        each(record)
    });
    match result {
        Ok(()) => Ok(splitter.records()),
        Err(json::Flow::Callback(e)) => Err(e),
        Err(json::Flow::Split(json::SplitError::Io(e))) => Err(read_error(name, &e).into()),
        Err(json::Flow::Split(json::SplitError::Syntax {
            record,
            line,
            what,
            hint,
        })) => Err(LoadError {
            file: name.to_string(),
            record: Some(record),
            line: Some(line),
            what,
            hint: hint.to_string(),
        }
        .into()),
    }
}

fn read_error(name: &str, e: &io::Error) -> LoadError {
    let hint = if e.kind() == io::ErrorKind::InvalidData {
        "the input is not text"
    } else {
        "check that the file is readable"
    };
    LoadError {
        file: name.to_string(),
        record: None,
        line: None,
        what: format!("cannot read: {}", io_reason(e)),
        hint: hint.into(),
    }
}

/// Names the export a record comes from when it is not the Graph shape, so the error can
/// say what the file is rather than which field surprised the parser.
fn other_shape(bytes: &[u8]) -> Option<&'static str> {
    #[derive(serde::Deserialize)]
    struct Keys {
        properties: Option<serde::de::IgnoredAny>,
        #[serde(rename = "operationName")]
        operation_name: Option<serde::de::IgnoredAny>,
        #[serde(rename = "ResultType")]
        result_type: Option<serde::de::IgnoredAny>,
        #[serde(rename = "activityDisplayName")]
        activity: Option<serde::de::IgnoredAny>,
    }
    let keys: Keys = serde_json::from_slice(bytes).ok()?;
    if keys.properties.is_some() && keys.operation_name.is_some() {
        Some(
            "this is an Azure Monitor diagnostic-settings record, which this version does not \
             read yet; export the sign-ins from the Entra admin center (Download > JSON) instead",
        )
    } else if keys.result_type.is_some() {
        Some(
            "this is a Log Analytics (SigninLogs) export, which this version does not read yet; \
             export the sign-ins from the Entra admin center (Download > JSON) instead",
        )
    } else if keys.activity.is_some() {
        Some("this is an audit log record, not a sign-in; pass the sign-in log export")
    } else {
        None
    }
}
