//! Reads inputs (files or standard input), detects each one's shape, and streams its
//! sign-ins one at a time to a callback. Decides no causes; keeps no records.

mod csv;
mod detect;
mod fields;
mod json;
mod paste;
pub(crate) mod policies;
mod record;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::i18n::report as t;
use crate::model::SignIn;
pub(crate) use detect::Shape;
pub(crate) use paste::{Paste, PasteKind, find_guid, parse as parse_paste};

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

impl LoadError {
    /// "file: record N (line L)", for lists of skipped places.
    pub(crate) fn place(&self) -> String {
        match (self.record, self.line) {
            (Some(r), Some(l)) => format!("{}: record {r} (line {l})", self.file),
            (Some(r), None) => format!("{}: record {r}", self.file),
            (None, Some(l)) => format!("{}: line {l}", self.file),
            (None, None) => self.file.clone(),
        }
    }
}

/// What one input held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InputSummary {
    pub name: String,
    pub shape: Shape,
    pub records: u64,
    pub compressed: bool,
}

/// What a run read: each input, and the files a directory held that are not exports.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub inputs: Vec<InputSummary>,
    pub skipped: Vec<String>,
    /// Files found in a directory that are Conditional Access policy or named-location
    /// exports (they belong to --policies / --named-locations), with what they are.
    pub not_logs: Vec<(String, &'static str)>,
}

impl Loaded {
    /// What the data could not say because of the shapes it came in.
    pub(crate) fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let csv: Vec<&str> = self
            .inputs
            .iter()
            .filter(|i| i.shape == Shape::PortalCsv && i.records > 0)
            .map(|i| i.name.as_str())
            .collect();
        if !csv.is_empty() {
            let text = if csv.len() == 1 {
                t::PORTAL_CSV_ONE
            } else {
                t::PORTAL_CSV_MANY
            };
            out.push(text.fill(&[("files", &list(&csv))]));
        }
        for (name, what) in &self.not_logs {
            let text = if *what == NOT_LOGS_POLICY {
                t::SKIPPED_POLICY_EXPORT
            } else {
                t::SKIPPED_LOCATION_EXPORT
            };
            out.push(text.fill(&[("name", name)]));
        }
        if !self.skipped.is_empty() {
            let names: Vec<&str> = self.skipped.iter().map(String::as_str).collect();
            let text = if names.len() == 1 {
                t::SKIPPED_NOT_EXPORT_ONE
            } else {
                t::SKIPPED_NOT_EXPORT_MANY
            };
            out.push(text.fill(&[("n", &names.len()), ("names", &list(&names))]));
        }
        out
    }
}

/// "a, b, c and 4 more".
fn list(names: &[&str]) -> String {
    const SHOWN: usize = 3;
    let shown = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        t::LIST_AND_MORE.fill(&[("list", &shown), ("n", &(names.len() - SHOWN))])
    } else {
        shown
    }
}

/// File names a directory walk reads; everything else is skipped and listed.
const EXPORT_EXTENSIONS: &[&str] = &["json", "jsonl", "ndjson", "csv", "log", "gz"];

/// Replaces each directory by the export files below it, in name order.
pub(crate) fn expand(inputs: &[Input]) -> anyhow::Result<(Vec<Input>, Vec<String>)> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        match input {
            Input::Path(p) if p.is_dir() => {
                let before = files.len();
                walk(p, &mut files, &mut skipped)?;
                if files.len() == before {
                    return Err(LoadError {
                        file: input.name(),
                        record: None,
                        line: None,
                        what: "holds no export files (.json, .jsonl, .ndjson, .csv, .log, .gz)"
                            .into(),
                        hint: "pass the directory the exports were saved or downloaded to".into(),
                    }
                    .into());
                }
            }
            other => files.push(other.clone()),
        }
    }
    Ok((files, skipped))
}

fn walk(dir: &Path, files: &mut Vec<Input>, skipped: &mut Vec<String>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError {
        file: dir.display().to_string(),
        record: None,
        line: None,
        what: format!("cannot list: {}", io_reason(&e)),
        hint: "check the directory's permissions".into(),
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, skipped)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(Input::Path(path));
        } else {
            skipped.push(path.display().to_string());
        }
    }
    Ok(())
}

/// A consumer's test on a record's error code and raw bytes: how much of the record it
/// needs. `None` parses everything.
pub(crate) type Skim = Option<fn(i64, &[u8]) -> Depth>;

/// How much of a record to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Only the error code matters: the loader reads just that (and sets
    /// `SignIn::skimmed`) instead of parsing the record.
    Code,
    /// A success whose who, when, where and on-what matter, not its policies: read
    /// straight from the bytes where that is certain (see `record::quick_success`), else
    /// parsed without the policy list (`SignIn::policies` stays `None`). Damage inside
    /// such a record may go unseen, as with `Code`. JSON records only; CSV rows are read
    /// in full.
    Light,
    Full,
}

/// How a run reads: what it may skim, and whether unreadable records stop it (strict,
/// the default) or are skipped, counted and located (`--lenient`).
#[derive(Debug, Default)]
pub(crate) struct Reading {
    pub skim: Skim,
    pub lenient: bool,
    /// Records (or the rest of a file, or a whole file) skipped in lenient mode.
    pub skipped: u64,
    /// Where, for the first few.
    pub skip_notes: Vec<String>,
}

/// How many skipped places a report lists; the count covers them all.
const SKIP_NOTES: usize = 5;

impl Reading {
    pub(crate) fn new(skim: Skim, lenient: bool) -> Reading {
        Reading {
            skim,
            lenient,
            ..Reading::default()
        }
    }

    /// In lenient mode, counts and notes a load error and returns `Ok`; otherwise
    /// returns the error. Errors from the consumer (a closed pipe) always stop the run.
    fn skip_or_fail(&mut self, e: anyhow::Error) -> anyhow::Result<()> {
        match e.downcast::<LoadError>() {
            Ok(load) if self.lenient => {
                self.skipped += 1;
                if self.skip_notes.len() < SKIP_NOTES {
                    self.skip_notes
                        .push(format!("{}: {}", load.place(), load.what));
                }
                Ok(())
            }
            Ok(load) => Err(load.into()),
            Err(other) => Err(other),
        }
    }

    /// The note a report shows when anything was skipped.
    pub(crate) fn warning(&self) -> Option<String> {
        (self.skipped > 0).then(|| {
            let shown = if self.skipped as usize > self.skip_notes.len() {
                t::LENIENT_FIRST_SHOWN.fill(&[("n", &self.skip_notes.len())])
            } else {
                String::new()
            };
            let mut joined = String::new();
            for note in &self.skip_notes {
                joined = if joined.is_empty() {
                    note.clone()
                } else {
                    t::LENIENT_JOIN.fill(&[("a", &joined), ("b", note)])
                };
            }
            let text = if self.skipped == 1 {
                t::LENIENT_SKIPPED_ONE
            } else {
                t::LENIENT_SKIPPED_MANY
            };
            text.fill(&[("n", &self.skipped), ("shown", &shown), ("notes", &joined)])
        })
    }
}

/// Streams every sign-in of every input to `each` with the index of its input (in
/// `Loaded::inputs`), in order. Directories are read recursively. An error from `each`
/// (a closed pipe, say) stops the run and is returned as it is; a load error stops it
/// too unless `reading.lenient`.
pub(crate) fn read_inputs(
    inputs: &[Input],
    reading: &mut Reading,
    mut each: impl FnMut(usize, SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<Loaded> {
    let (files, skipped) = expand(inputs)?;
    let mut loaded = Loaded {
        inputs: Vec::with_capacity(files.len()),
        skipped,
        not_logs: Vec::new(),
    };
    for (index, input) in files.iter().enumerate() {
        match read_input(input, reading, |s| each(index, s)) {
            Ok(summary) => loaded.inputs.push(summary),
            // A policy export kept beside the logs in a directory is not an error; named
            // on the command line, it is (the message says where it belongs).
            Err(e) if !inputs.contains(input) && policy_export(&e).is_some() => {
                let what = policy_export(&e).unwrap_or_default();
                loaded.not_logs.push((input.name(), what));
            }
            Err(e) => reading.skip_or_fail(e)?,
        }
    }
    Ok(loaded)
}

/// Bytes read from every input so far, for the progress line. A process-wide counter:
/// progress is about the whole run, and the readers should not carry it around.
static BYTES_READ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub(crate) fn bytes_read() -> u64 {
    BYTES_READ.load(std::sync::atomic::Ordering::Relaxed)
}

/// A reader that adds what it reads to `BYTES_READ`.
struct Counting<R>(R);

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        BYTES_READ.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads one file (or standard input), streaming its sign-ins to `each`.
pub(crate) fn read_input(
    input: &Input,
    reading: &mut Reading,
    mut each: impl FnMut(SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<InputSummary> {
    let name = input.name();
    match input {
        Input::Stdin => read_one(&name, Counting(io::stdin()), reading, &mut each),
        Input::Path(path) => {
            let file = open(path, &name)?;
            read_one(&name, Counting(file), reading, &mut each)
        }
    }
}

fn open(path: &Path, name: &str) -> anyhow::Result<File> {
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

/// Reads one input: gunzips it if it is gzip, skips a byte-order mark, sniffs the shape
/// and streams the records.
pub(crate) fn read_one(
    name: &str,
    reader: impl Read + Send,
    reading: &mut Reading,
    each: &mut impl FnMut(SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<InputSummary> {
    let mut reader = BufReader::with_capacity(64 << 10, reader);
    let head = reader.fill_buf().map_err(|e| read_error(name, &e))?;
    if detect::is_gzip(head) {
        let inner = flate2::read::MultiGzDecoder::new(reader);
        let mut summary = read_plain(name, inner, reading, each)?;
        summary.compressed = true;
        return Ok(summary);
    }
    read_plain(name, reader, reading, each)
}

fn read_plain(
    name: &str,
    reader: impl Read + Send,
    reading: &mut Reading,
    each: &mut impl FnMut(SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<InputSummary> {
    let mut reader = BufReader::with_capacity(64 << 10, reader);
    let head = reader.fill_buf().map_err(|e| read_error(name, &e))?;
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let sniffed = detect::sniff(head);
    if bom {
        reader.consume(3);
    }
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
    let summary = |shape, records| InputSummary {
        name: name.to_string(),
        shape,
        records,
        compressed: false,
    };
    match sniffed {
        Sniffed::Json | Sniffed::PrefixedLines => read_json(
            name,
            reader,
            sniffed == Sniffed::PrefixedLines,
            reading,
            each,
        ),
        Sniffed::Empty => Ok(summary(Shape::Empty, 0)),
        Sniffed::Csv => {
            let to_error = |bad: csv::BadRow| LoadError {
                file: name.to_string(),
                record: bad.row,
                line: bad.line,
                what: bad.what,
                hint: bad.hint,
            };
            let skim = reading.skim;
            let lenient = reading.lenient;
            let mut skipped_rows = Vec::new();
            let (kind, rows) = csv::read(
                reader,
                skim,
                |s| each(s).map_err(CsvFailure::Callback),
                |bad| {
                    // A bad row in lenient mode is noted and the reading goes on.
                    if lenient {
                        skipped_rows.push(bad);
                        None
                    } else {
                        Some(bad)
                    }
                },
            )
            .map_err(|e: CsvFailure| match e {
                CsvFailure::Row(bad) => to_error(bad).into(),
                CsvFailure::Callback(e) => e,
            })?;
            for bad in skipped_rows {
                reading.skip_or_fail(to_error(bad).into())?;
            }
            let shape = match kind {
                csv::CsvKind::LogAnalytics => Shape::LogAnalyticsCsv,
                csv::CsvKind::Portal => Shape::PortalCsv,
            };
            Ok(summary(shape, rows))
        }
        Sniffed::Utf16 => Err(refuse(
            "is UTF-16 text (what Windows PowerShell's Out-File and > write)",
            "save it as UTF-8: Get-Content FILE | Set-Content -Encoding utf8 FILE.utf8.json, or \
             pipe with Out-File -Encoding utf8 next time",
        )),
        Sniffed::Zip => Err(refuse(
            "is a zip archive (an Excel workbook?), not a sign-in export",
            "download the sign-ins as JSON or CSV from the Entra admin center, or save the \
             sheet as CSV (UTF-8)",
        )),
        Sniffed::Html => Err(refuse(
            "is a web page saved from the browser, not a sign-in export",
            "use Download in the Entra admin center's sign-in logs (JSON or CSV)",
        )),
        Sniffed::Gzip => Err(refuse(
            "is gzip-compressed twice",
            "decompress it once (gunzip FILE.gz) and pass the result",
        )),
        Sniffed::Text => Err(refuse(
            "is not a sign-in log export (expected JSON or CSV)",
            "pass a sign-in export: the Entra admin center download (JSON or CSV), Microsoft \
             Graph output, diagnostic-settings or Event Hub JSON, or a Log Analytics export",
        )),
    }
}

use detect::Sniffed;

/// A CSV read stopped by a bad row or by the callback.
enum CsvFailure {
    Row(csv::BadRow),
    Callback(anyhow::Error),
}

impl From<csv::BadRow> for CsvFailure {
    fn from(b: csv::BadRow) -> Self {
        CsvFailure::Row(b)
    }
}

/// Records read ahead by the splitting thread, handed to the parsing one.
struct Batch {
    data: Vec<u8>,
    items: Vec<Item>,
}

enum Item {
    /// A record that cannot matter (see `Skim`): only its error code.
    Skimmed(i64),
    /// A record to parse: `data[start..end]`.
    Record {
        start: usize,
        end: usize,
        index: u64,
        line: u64,
    },
    /// A query API row that could not be turned into a record.
    Bad { index: u64, line: u64, what: String },
}

/// Batches are handed over at about this size: big enough to make the hand-over cheap,
/// small enough to keep memory flat.
const BATCH_BYTES: usize = 1 << 20;

/// JSON in two threads: this one parses and hands sign-ins to `each` (so `each` needs
/// no `Send`); a scoped helper reads, splits and skims, which is half the work.
fn read_json(
    name: &str,
    reader: impl Read + Send,
    line_prefixes: bool,
    reading: &mut Reading,
    each: &mut impl FnMut(SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<InputSummary> {
    let skim = reading.skim;
    let (send, receive) = std::sync::mpsc::sync_channel::<Batch>(4);
    std::thread::scope(|scope| {
        let splitting = scope.spawn(move || split_json(reader, line_prefixes, skim, send));
        let parsed = parse_batches(name, reading, &receive, each);
        // Dropping the receiver stops the splitter if parsing stopped first.
        drop(receive);
        let split = splitting
            .join()
            .expect("the splitting thread does not panic");
        parsed?;
        let (form, flavor, records) = match split {
            Ok(done) => done,
            Err((e, partial)) => {
                let error: anyhow::Error = match e {
                    json::SplitError::Io(e) => read_error(name, &e).into(),
                    json::SplitError::Syntax {
                        record,
                        line,
                        what,
                        hint,
                    } => LoadError {
                        file: name.to_string(),
                        record: Some(record),
                        line: Some(line),
                        what: format!("{what} (the rest of the file is not read)"),
                        hint: hint.to_string(),
                    }
                    .into(),
                };
                // Lenient: the records before the break count; the rest is skipped.
                reading.skip_or_fail(error)?;
                partial
            }
        };
        Ok(InputSummary {
            name: name.to_string(),
            shape: Shape::from_json(form, flavor),
            records,
            compressed: false,
        })
    })
}

/// What splitting a file found: how it held its records, whose spelling, how many.
type SplitDone = (Option<detect::Form>, Option<detect::Flavor>, u64);

/// The splitting half: records found, skimmed when they cannot matter, batched.
fn split_json(
    reader: impl Read,
    line_prefixes: bool,
    skim: Skim,
    send: std::sync::mpsc::SyncSender<Batch>,
) -> Result<SplitDone, (json::SplitError, SplitDone)> {
    let mut splitter = json::Splitter::new(reader, line_prefixes);
    let mut flavor = None;
    let mut row = Vec::new();
    let fresh = || Batch {
        data: Vec::with_capacity(BATCH_BYTES + (64 << 10)),
        items: Vec::with_capacity(1024),
    };
    let mut batch = fresh();
    let result = splitter.for_each(|raw| -> Result<(), ()> {
        // Query API rows are skimmed here, where their columns are known; records on
        // the parsing side, which has time to spare.
        let code = match raw.columns {
            None => {
                flavor.get_or_insert_with(|| record::flavor(raw.bytes));
                None
            }
            Some(columns) => columns
                .iter()
                .position(|c| c == "ResultType")
                .and_then(|at| record::quick_row_code(raw.bytes, at)),
        };
        if let (Some(wants), Some(code)) = (skim, code)
            && wants(code, raw.bytes) == Depth::Code
        {
            batch.items.push(Item::Skimmed(code));
        } else {
            let bytes = match raw.columns {
                None => raw.bytes,
                Some(columns) => match record::table_row_object(raw.bytes, columns, &mut row) {
                    Ok(()) => &row[..],
                    Err(bad) => {
                        batch.items.push(Item::Bad {
                            index: raw.index,
                            line: raw.line,
                            what: bad.what,
                        });
                        return Ok(());
                    }
                },
            };
            let start = batch.data.len();
            batch.data.extend_from_slice(bytes);
            batch.items.push(Item::Record {
                start,
                end: batch.data.len(),
                index: raw.index,
                line: raw.line,
            });
        }
        if batch.data.len() >= BATCH_BYTES || batch.items.len() >= 8192 {
            // The parsing side has stopped: stop reading too.
            send.send(std::mem::replace(&mut batch, fresh()))
                .map_err(|_| ())?;
        }
        Ok(())
    });
    match result {
        Ok(()) => {
            let _ = send.send(batch);
            Ok((splitter.form(), flavor, splitter.records()))
        }
        Err(json::Flow::Callback(())) => Ok((splitter.form(), flavor, splitter.records())),
        Err(json::Flow::Split(e)) => {
            // Records before the error are still parsed (and may fail first).
            let _ = send.send(batch);
            Err((e, (splitter.form(), flavor, splitter.records())))
        }
    }
}

/// The parsing half: batches in order, each record parsed and handed to `each`.
fn parse_batches(
    name: &str,
    reading: &mut Reading,
    receive: &std::sync::mpsc::Receiver<Batch>,
    each: &mut impl FnMut(SignIn<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for batch in receive.iter() {
        for item in &batch.items {
            match *item {
                Item::Skimmed(code) => each(SignIn {
                    error_code: Some(code),
                    skimmed: true,
                    ..SignIn::default()
                })?,
                Item::Bad {
                    index,
                    line,
                    ref what,
                } => reading.skip_or_fail(
                    LoadError {
                        file: name.to_string(),
                        record: Some(index),
                        line: Some(line),
                        what: what.clone(),
                        hint: "the row does not match the table's columns; re-export the file"
                            .into(),
                    }
                    .into(),
                )?,
                Item::Record {
                    start,
                    end,
                    index,
                    line,
                } => {
                    let bytes = &batch.data[start..end];
                    let code = reading.skim.and(record::quick_error_code(bytes));
                    let depth = match (reading.skim, code) {
                        (Some(wants), Some(code)) => wants(code, bytes),
                        _ => Depth::Full,
                    };
                    if depth == Depth::Code {
                        each(SignIn {
                            error_code: code,
                            skimmed: true,
                            ..SignIn::default()
                        })?;
                        continue;
                    }
                    if depth == Depth::Light
                        && let Some(seen) = record::quick_success(bytes)
                    {
                        each(seen)?;
                        continue;
                    }
                    match parse_record(name, bytes, index, line, depth) {
                        Ok(record) => each(record)?,
                        Err(e) => reading.skip_or_fail(e)?,
                    }
                }
            }
        }
    }
    Ok(())
}

/// One record parsed, or the error that names its place and says what to do.
fn parse_record<'b>(
    name: &str,
    bytes: &'b [u8],
    index: u64,
    line: u64,
    depth: Depth,
) -> anyhow::Result<SignIn<'b>> {
    let refuse = |what: String, line: u64, hint: &str| LoadError {
        file: name.to_string(),
        record: Some(index),
        line: Some(line),
        what,
        hint: other_shape(bytes).unwrap_or_else(|| hint.to_string()),
    };
    let parsed = match depth {
        Depth::Light => record::parse_light(bytes),
        Depth::Code | Depth::Full => record::parse(bytes),
    };
    let record = parsed.map_err(|bad| {
        let hint = schema_hint(&bad.what, bytes);
        refuse(
            bad.what,
            line + bad.line_in_record.saturating_sub(1) as u64,
            hint,
        )
    })?;
    // A record without an error code is either another log type (refuse it, naming the
    // type) or a sign-in exported without its status (count it, warn later).
    let foreign = record.error_code.is_none() && other_shape(bytes).is_some();
    let empty = record.id.is_none() && record.created.is_none() && record.error_code.is_none();
    if foreign || empty {
        return Err(refuse(
            "not a sign-in record (no status.errorCode or resultType)".into(),
            line,
            "is this an audit log or another kind of export? signin-doctor reads sign-in logs",
        )
        .into());
    }
    Ok(record)
}

/// What a load error's input is when it is a policy or named-location export.
fn policy_export(e: &anyhow::Error) -> Option<&'static str> {
    let hint = &e.downcast_ref::<LoadError>()?.hint;
    [NOT_LOGS_POLICY, NOT_LOGS_LOCATION]
        .into_iter()
        .find(|h| hint == h)
}

const NOT_LOGS_POLICY: &str = "this is a Conditional Access policy export \
     (identity/conditionalAccess/policies), not sign-ins: pass it with --policies FILE, and \
     the sign-in logs as inputs";
const NOT_LOGS_LOCATION: &str = "this is a named-location export \
     (identity/conditionalAccess/namedLocations), not sign-ins: pass it with \
     --named-locations FILE (beside --policies), and the sign-in logs as inputs";

/// What to do about a record that does not parse, from what went wrong: the usual ways
/// a file gets damaged or mis-saved each have their own remedy.
fn schema_hint(what: &str, bytes: &[u8]) -> &'static str {
    let start = bytes.trim_ascii_start();
    if what.contains("invalid unicode code point") || what.contains("invalid UTF-8") {
        "the file is not UTF-8 (it looks like Latin-1 or Windows-1252 text): re-save it as \
         UTF-8, or export it again"
    } else if memchr::memchr(0, bytes).is_some() {
        "the record holds NUL bytes, so the file was damaged on its way here: export or copy \
         it again"
    } else if start.starts_with(b"{'") || start.starts_with(b"{ '") {
        "this looks like Python's print() of the records, not JSON: write them with \
         json.dump() instead"
    } else if what.contains("Microsoft.Graph") {
        "PowerShell's ConvertTo-Json stopped at its default depth of 2: run it again with \
         -Depth 10"
    } else if what.contains("errorCode") && what.contains("floating point") {
        "an error code is a whole number such as 53003: fix the record or export it again"
    } else {
        "the record does not match the sign-in schema; re-export the file or fix the record"
    }
}

fn read_error(name: &str, e: &io::Error) -> LoadError {
    let hint = if is_damaged_gzip(e) {
        "the gzip data is damaged or cut short: download or copy the file again"
    } else if e.kind() == io::ErrorKind::InvalidData {
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

/// flate2 reports a truncated or corrupt stream as these I/O errors.
pub(super) fn is_damaged_gzip(e: &io::Error) -> bool {
    let text = e.to_string();
    text.contains("deflate") || text.contains("gzip") || text.contains("invalid gzip header")
}

/// Names the log type of a record that is not a sign-in (audit logs are the usual mix-up),
/// so the error can say what the file is.
fn other_shape(bytes: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Keys<'a> {
        #[serde(borrow)]
        category: Option<std::borrow::Cow<'a, str>>,
        #[serde(rename = "activityDisplayName")]
        activity: Option<serde::de::IgnoredAny>,
        #[serde(rename = "riskEventType")]
        risk_event: Option<serde::de::IgnoredAny>,
        error_description: Option<serde::de::IgnoredAny>,
        properties: Option<Inner>,
        #[serde(borrow)]
        error: Option<GraphError<'a>>,
        #[serde(rename = "@odata.context")]
        odata_context: Option<serde::de::IgnoredAny>,
        value: Option<serde::de::IgnoredAny>,
        #[serde(rename = "@odata.type", borrow)]
        odata_type: Option<std::borrow::Cow<'a, str>>,
        #[serde(rename = "grantControls")]
        grant_controls: Option<serde::de::IgnoredAny>,
        conditions: Option<serde::de::IgnoredAny>,
        #[serde(rename = "ipRanges")]
        ip_ranges: Option<serde::de::IgnoredAny>,
        #[serde(rename = "countriesAndRegions")]
        countries: Option<serde::de::IgnoredAny>,
    }
    /// What Microsoft Graph answers instead of data: `{"error": {"code", "message"}}`.
    #[derive(serde::Deserialize)]
    struct GraphError<'a> {
        #[serde(borrow)]
        code: Option<std::borrow::Cow<'a, str>>,
        #[serde(borrow)]
        message: Option<std::borrow::Cow<'a, str>>,
    }
    #[derive(serde::Deserialize)]
    struct Inner {
        #[serde(rename = "activityDisplayName")]
        activity: Option<serde::de::IgnoredAny>,
    }
    let keys: Keys<'_> = serde_json::from_slice(bytes).ok()?;
    if let Some(e) = keys.error {
        let code = e.code.as_deref().unwrap_or("(no code)");
        let message = e.message.as_deref().unwrap_or("");
        let next = if code.contains("NonPremium") {
            "reading sign-in logs through Graph needs Microsoft Entra ID P1 or P2"
        } else if code.contains("Authorization") || code.contains("Forbidden") {
            "the caller needs AuditLog.Read.All and Directory.Read.All, and a role such as \
             Reports Reader"
        } else {
            "fix the request and save the response again"
        };
        return Some(format!(
            "this is an error answer from Microsoft Graph, not sign-in data: {code}: \
             {message:?}; {next}"
        ));
    }
    let odata_type = keys
        .odata_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    if odata_type.contains("conditionalaccesspolicy")
        || (keys.conditions.is_some() && keys.grant_controls.is_some())
    {
        return Some(NOT_LOGS_POLICY.into());
    }
    if odata_type.contains("namedlocation") || keys.ip_ranges.is_some() || keys.countries.is_some()
    {
        return Some(NOT_LOGS_LOCATION.into());
    }
    if keys.odata_context.is_some() && keys.value.is_some() {
        return Some(
            "this is a Microsoft Graph page whose \"value\" is not a list of sign-ins (it \
             should be [ ... ]); save the response as Graph returns it"
                .into(),
        );
    }
    let audit = keys.activity.is_some() || keys.properties.is_some_and(|p| p.activity.is_some());
    if audit {
        return Some(
            "this is an audit log record, not a sign-in; pass the sign-in log export".into(),
        );
    }
    if keys.error_description.is_some() {
        return Some(
            "this is an OAuth error response, not a sign-in log: pass it to `signin-doctor \
             explain --paste`"
                .into(),
        );
    }
    if keys.risk_event.is_some() {
        return Some("this is a risk detection, not a sign-in; pass the sign-in log export".into());
    }
    match keys.category {
        Some(c) if !c.to_ascii_lowercase().contains("signin") => Some(format!(
            "this is a {c:?} record from diagnostic settings, not a sign-in; pass the \
             SignInLogs or NonInteractiveUserSignInLogs export"
        )),
        _ => None,
    }
}
