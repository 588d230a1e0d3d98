//! Splits a stream of JSON text into sign-in records, one at a time, in constant memory:
//! bare arrays, `{"value": [...]}` pages, Event Hub `{"records": [...]}` messages, the Log
//! Analytics query API's `{"tables": [{"columns": [...], "rows": [[...]]}]}` (each row is
//! a record, handed over with its column names), single objects, JSON Lines (optionally
//! with a syslog prefix before each line's `{`), and any of these concatenated. It only
//! finds where each record starts and ends (and on which line); parsing is the caller's.

use std::io::{self, Read};

use memchr::{memchr2, memchr3};

use super::detect::Form;

/// Refuse records larger than this: real sign-ins are a few KB, so anything bigger is
/// not a sign-in, and holding it would break the constant-memory promise.
pub(crate) const MAX_RECORD_BYTES: usize = 64 << 20;
/// serde_json's own recursion limit; the scanner refuses deeper nesting first so the
/// message can say where.
pub(crate) const MAX_DEPTH: usize = 128;

const CHUNK: usize = 1 << 20;

/// One record's bytes and where it sits in its input.
pub(crate) struct RawRecord<'b> {
    pub bytes: &'b [u8],
    /// 1-based position among the records of this input.
    pub index: u64,
    /// 1-based line on which the record starts.
    pub line: u64,
    /// For a query API row (a JSON array): the table's column names.
    pub columns: Option<&'b [String]>,
}

/// Why the text could not be split into records.
#[derive(Debug)]
pub(crate) enum SplitError {
    Io(io::Error),
    /// Malformed JSON structure at a known place.
    Syntax {
        record: u64,
        line: u64,
        what: String,
        hint: &'static str,
    },
}

/// What the caller's callback may return: its own error, passed through untouched.
pub(crate) enum Flow<E> {
    Split(SplitError),
    Callback(E),
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Context {
    /// Between top-level values.
    Top,
    /// Inside an array of records (or of tables, or of rows).
    Array { kind: Kind, after_element: bool },
    /// After an array inside an object: skipping that object's remaining keys, then
    /// carrying on at `then`.
    Tail { then: AfterTail },
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    /// A top-level array of records.
    Bare,
    /// A page's `value` or an Event Hub message's `records`.
    Page,
    /// The query API's `tables`.
    Tables,
    /// One table's `rows`.
    Rows,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum AfterTail {
    Top,
    NextTable,
}

/// A resumable scanner over a reader. On a value that does not fit the buffer it reads
/// more and scans that value again from its start (cheap: one record per refill).
pub(crate) struct Splitter<R> {
    reader: R,
    buf: Vec<u8>,
    /// Start of the bytes not yet consumed.
    pos: usize,
    /// End of the valid bytes in `buf`.
    len: usize,
    eof: bool,
    /// Line number of `buf[pos]`.
    line: u64,
    records: u64,
    context: Context,
    at_start: bool,
    /// Accept text before the `{` of a line (syslog forwarders add a header).
    line_prefixes: bool,
    /// The current query API table's column names.
    columns: Vec<String>,
    /// How the first records were held.
    form: Option<Form>,
}

enum Scan {
    /// The value ends just before this offset.
    End(usize),
    /// The buffer ends before the value does.
    More,
}

impl<R: Read> Splitter<R> {
    pub(crate) fn new(reader: R, line_prefixes: bool) -> Self {
        Splitter {
            reader,
            buf: vec![0; CHUNK],
            pos: 0,
            len: 0,
            eof: false,
            line: 1,
            records: 0,
            context: Context::Top,
            at_start: true,
            line_prefixes,
            columns: Vec::new(),
            form: None,
        }
    }

    /// How the input held its first records (`None` when it held none).
    pub(crate) fn form(&self) -> Option<Form> {
        self.form
    }

    /// How many records have been handed out so far.
    pub(crate) fn records(&self) -> u64 {
        self.records
    }

    /// Hands every record to `each`, in order. Stops at the first error.
    pub(crate) fn for_each<E>(
        &mut self,
        mut each: impl FnMut(RawRecord<'_>) -> Result<(), E>,
    ) -> Result<(), Flow<E>> {
        loop {
            if self.at_start {
                self.fill_at_least(3).map_err(Flow::Split)?;
                if self.buf[self.pos..self.len].starts_with(b"\xEF\xBB\xBF") {
                    self.pos += 3;
                }
                self.at_start = false;
            }
            let Some(c) = self.next_token().map_err(Flow::Split)? else {
                return match self.context {
                    Context::Top => Ok(()),
                    _ => Err(Flow::Split(self.truncated("the closing ']' or '}'"))),
                };
            };
            match (self.context, c) {
                (Context::Top, b'[') => {
                    self.form.get_or_insert(Form::Array);
                    self.enter(Kind::Bare, 1)
                }
                (Context::Top, b'{') => self.object(&mut each)?,
                (Context::Top, b',') => {
                    // Some tools join pages with a stray comma; nothing is lost by allowing it.
                    self.pos += 1;
                }
                (Context::Top, _) if self.line_prefixes => {
                    self.skip_line_prefix().map_err(Flow::Split)?
                }
                (Context::Top, other) => {
                    return Err(Flow::Split(self.syntax(
                        self.records + 1,
                        format!(
                            "expected a JSON array or object of sign-in records, found {}",
                            describe(other)
                        ),
                        "signin-doctor reads sign-in log exports; check that this is the right file",
                    )));
                }
                (Context::Array { kind, .. }, b']') => {
                    self.pos += 1;
                    self.context = match kind {
                        Kind::Bare => Context::Top,
                        Kind::Page | Kind::Tables => Context::Tail {
                            then: AfterTail::Top,
                        },
                        Kind::Rows => Context::Tail {
                            then: AfterTail::NextTable,
                        },
                    };
                }
                (
                    Context::Array {
                        kind,
                        after_element: true,
                    },
                    b',',
                ) => {
                    self.pos += 1;
                    self.context = Context::Array {
                        kind,
                        after_element: false,
                    };
                }
                (
                    Context::Array {
                        kind: Kind::Bare | Kind::Page,
                        after_element: false,
                    },
                    b'{',
                ) => self.object(&mut each)?,
                (
                    Context::Array {
                        kind: Kind::Tables,
                        after_element: false,
                    },
                    b'{',
                ) => self.table().map_err(Flow::Split)?,
                (
                    Context::Array {
                        kind: Kind::Rows,
                        after_element: false,
                    },
                    b'[',
                ) => self.row(&mut each)?,
                (
                    Context::Array {
                        kind,
                        after_element,
                    },
                    other,
                ) => {
                    let expected = match (after_element, kind) {
                        (true, _) => "',' or ']' after a record",
                        (false, Kind::Tables) => "a table object '{'",
                        (false, Kind::Rows) => "a row '['",
                        (false, _) => "a sign-in record object '{'",
                    };
                    return Err(Flow::Split(self.syntax(
                        self.records + 1,
                        format!("expected {expected}, found {}", describe(other)),
                        "the file is not valid JSON here; re-export it or fix this line",
                    )));
                }
                (Context::Tail { then }, _) => self.tail(then).map_err(Flow::Split)?,
            }
        }
    }

    /// Steps past `skip` bytes into an array of `kind`.
    fn enter(&mut self, kind: Kind, skip: usize) {
        self.advance_to(self.pos + skip);
        self.context = Context::Array {
            kind,
            after_element: false,
        };
    }

    /// Hands over the record that ends just before `end` (an offset after any refill).
    fn emit<E>(
        &mut self,
        end: usize,
        columns: bool,
        each: &mut impl FnMut(RawRecord<'_>) -> Result<(), E>,
    ) -> Result<(), Flow<E>> {
        self.records += 1;
        let record = RawRecord {
            bytes: &self.buf[self.pos..end],
            index: self.records,
            line: self.line,
            columns: columns.then_some(self.columns.as_slice()),
        };
        each(record).map_err(Flow::Callback)?;
        self.advance_to(end);
        if let Context::Array { kind, .. } = self.context {
            self.context = Context::Array {
                kind,
                after_element: true,
            };
        }
        Ok(())
    }

    /// At a `{`: a page or message wrapping records, a query API response, or a record.
    fn object<E>(
        &mut self,
        each: &mut impl FnMut(RawRecord<'_>) -> Result<(), E>,
    ) -> Result<(), Flow<E>> {
        // A wrapper is never nested inside an array of records.
        let top = self.context == Context::Top;
        loop {
            let probe = if top {
                // Pages, messages and responses name their array among their first keys.
                self.probe_keys(HEAD_KEYS, |key| match key {
                    b"value" | b"records" => Some(Kind::Page),
                    b"tables" => Some(Kind::Tables),
                    _ => None,
                })
                .map_err(Flow::Split)?
            } else {
                Probe::Undecided
            };
            let probe = match probe {
                Probe::Undecided => match self.object_end().map_err(Flow::Split)? {
                    Some(end) => Probe::End(end),
                    None => Probe::More,
                },
                other => other,
            };
            match probe {
                Probe::More | Probe::Undecided => {
                    if !self.refill().map_err(Flow::Split)? {
                        return Err(Flow::Split(self.truncated("the end of the record")));
                    }
                }
                Probe::Array(kind, at) => {
                    let form = if kind == Kind::Tables {
                        Form::Tables
                    } else if self.buf[self.pos..at]
                        .windows(9)
                        .any(|w| w == b"\"records\"")
                    {
                        Form::Records
                    } else {
                        Form::Page
                    };
                    self.form.get_or_insert(form);
                    self.enter(kind, at + 1 - self.pos);
                    return Ok(());
                }
                Probe::End(end) => {
                    if top {
                        self.form.get_or_insert(Form::Objects);
                    }
                    return self.emit(end, false, each);
                }
            }
        }
    }

    /// Where the object at `pos` ends, or `None` if the buffer ends first. Works 64
    /// bytes at a time on bit masks: where a block has no backslash, the bytes inside
    /// strings follow from the quotes alone (a running parity), so only the braces
    /// outside strings are looked at one by one; blocks with escapes go byte by byte
    /// over their quotes, backslashes and braces.
    fn object_end(&self) -> Result<Option<usize>, SplitError> {
        let buf = &self.buf[..self.len];
        let mut depth = 0usize;
        let mut in_string = false;
        // The byte after a backslash in a string is taken literally, whatever it is.
        let mut skip = usize::MAX;
        let mut i = self.pos;
        while i + 64 <= buf.len() {
            let block: &[u8; 64] = buf[i..i + 64].try_into().expect("64 bytes");
            let m = masks64(block);
            // (A backslash ending the last block escapes this block's first byte.)
            if m.backslash == 0 && skip != i {
                let mut inside = prefix_xor(m.quote);
                if in_string {
                    inside = !inside;
                }
                let mut braces = m.brace & !inside;
                while braces != 0 {
                    let p = i + braces.trailing_zeros() as usize;
                    braces &= braces - 1;
                    if let Some(end) = self.brace(buf[p], p, &mut depth)? {
                        return Ok(Some(end));
                    }
                }
                in_string = inside >> 63 == 1;
            } else if let Some(end) = self.bytewise(
                buf,
                i,
                m.quote | m.backslash | m.brace,
                &mut depth,
                &mut in_string,
                &mut skip,
            )? {
                return Ok(Some(end));
            }
            i += 64;
        }
        let tail = scalar_mask(&buf[i..]);
        self.bytewise(buf, i, tail, &mut depth, &mut in_string, &mut skip)
    }

    /// The structural bytes at `base + bit` for each set bit of `mask`, in order.
    fn bytewise(
        &self,
        buf: &[u8],
        base: usize,
        mut mask: u64,
        depth: &mut usize,
        in_string: &mut bool,
        skip: &mut usize,
    ) -> Result<Option<usize>, SplitError> {
        while mask != 0 {
            let p = base + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let c = buf[p];
            if *in_string {
                if p == *skip {
                    continue;
                }
                match c {
                    b'\\' => *skip = p + 1,
                    b'"' => *in_string = false,
                    _ => {}
                }
            } else if c == b'"' {
                *in_string = true;
            } else if (c == b'{' || c == b'}')
                && let Some(end) = self.brace(c, p, depth)?
            {
                return Ok(Some(end));
            }
            // A backslash outside a string is invalid JSON; the parser will say so.
        }
        Ok(None)
    }

    /// A brace outside strings: the object's end when the depth returns to 0.
    fn brace(&self, c: u8, p: usize, depth: &mut usize) -> Result<Option<usize>, SplitError> {
        if c == b'{' {
            *depth += 1;
            if *depth > MAX_DEPTH {
                return Err(self.syntax_at(p, format!("nesting deeper than {MAX_DEPTH} levels")));
            }
            Ok(None)
        } else {
            *depth -= 1;
            Ok((*depth == 0).then_some(p + 1))
        }
    }

    /// At a query API table `{`: reads its `columns`, then enters its `rows`.
    fn table(&mut self) -> Result<(), SplitError> {
        loop {
            let probe =
                self.probe_keys(usize::MAX, |key| (key == b"rows").then_some(Kind::Rows))?;
            match probe {
                // All keys are read: Undecided cannot happen here.
                Probe::More | Probe::Undecided => {
                    if !self.refill()? {
                        return Err(self.truncated("the end of the table"));
                    }
                }
                Probe::Array(_, at) => {
                    self.columns = self.read_columns(at)?;
                    self.enter(Kind::Rows, at + 1 - self.pos);
                    return Ok(());
                }
                Probe::End(end) => {
                    // A table without rows: nothing to hand over.
                    self.advance_to(end);
                    self.context = Context::Array {
                        kind: Kind::Tables,
                        after_element: true,
                    };
                    return Ok(());
                }
            }
        }
    }

    /// Finds the table's `columns` among the keys before `rows_at` and reads their names.
    fn read_columns(&self, rows_at: usize) -> Result<Vec<String>, SplitError> {
        #[derive(serde::Deserialize)]
        struct Column {
            name: String,
        }
        let head = &self.buf[self.pos..rows_at];
        let Some(k) = memchr::memmem::find(head, b"\"columns\"") else {
            return Err(self.syntax_at(
                rows_at,
                "a query API table whose rows come before its columns".to_string(),
            ));
        };
        let start = self.pos + k + b"\"columns\"".len();
        let mut i = skip_ws(&self.buf[..self.len], start);
        if self.buf.get(i) == Some(&b':') {
            i = skip_ws(&self.buf[..self.len], i + 1);
        }
        let end = match self.skip_value(i)? {
            Scan::End(end) => end,
            Scan::More => return Err(self.truncated("the end of the table's columns")),
        };
        serde_json::from_slice::<Vec<Column>>(&self.buf[i..end])
            .map(|cols| cols.into_iter().map(|c| c.name).collect())
            .map_err(|e| {
                self.syntax_at(
                    i,
                    format!("the table's columns are not a list of {{\"name\": …}}: {e}"),
                )
            })
    }

    /// At a query API row `[`: the whole array is one record.
    fn row<E>(
        &mut self,
        each: &mut impl FnMut(RawRecord<'_>) -> Result<(), E>,
    ) -> Result<(), Flow<E>> {
        loop {
            match self.skip_value(self.pos).map_err(Flow::Split)? {
                Scan::End(end) => return self.emit(end, true, each),
                Scan::More => {
                    if !self.refill().map_err(Flow::Split)? {
                        return Err(Flow::Split(self.truncated("the end of the row")));
                    }
                }
            }
        }
    }

    /// Before a line's `{`: skip a syslog header (`2025-02-02T00:27:59+08:00 HOST `).
    fn skip_line_prefix(&mut self) -> Result<(), SplitError> {
        loop {
            let rest = &self.buf[self.pos..self.len];
            match memchr2(b'{', b'\n', rest) {
                Some(k) if rest[k] == b'{' => {
                    self.advance_to(self.pos + k);
                    return Ok(());
                }
                Some(_) => {
                    return Err(self.syntax(
                        self.records + 1,
                        "a line without a JSON record".to_string(),
                        "each line should hold one record, after an optional syslog header",
                    ));
                }
                None if rest.len() > 4096 || !self.refill()? => {
                    return Err(self.syntax(
                        self.records + 1,
                        "text that is not a JSON record".to_string(),
                        "each line should hold one record, after an optional syslog header",
                    ));
                }
                None => {}
            }
        }
    }

    /// Reads the object at `self.pos` key by key at depth 1. `wants` picks the keys
    /// whose array value should be entered rather than skipped.
    fn probe_keys(
        &self,
        max_keys: usize,
        mut wants: impl FnMut(&[u8]) -> Option<Kind>,
    ) -> Result<Probe, SplitError> {
        let buf = &self.buf[..self.len];
        let mut i = self.pos + 1;
        let mut keys = 0;
        loop {
            i = skip_ws(buf, i);
            let Some(&c) = buf.get(i) else {
                return Ok(Probe::More);
            };
            match c {
                b'}' => return Ok(Probe::End(i + 1)),
                b',' => i += 1,
                b'"' => {
                    keys += 1;
                    if keys > max_keys {
                        return Ok(Probe::Undecided);
                    }
                    let key_start = i + 1;
                    let Some(key_end) = scan_string(buf, i) else {
                        return Ok(Probe::More);
                    };
                    let key = &buf[key_start..key_end - 1];
                    i = skip_ws(buf, key_end);
                    match buf.get(i) {
                        None => return Ok(Probe::More),
                        Some(b':') => i = skip_ws(buf, i + 1),
                        Some(&other) => {
                            return Err(self.syntax_at(
                                i,
                                format!("expected ':' after a key, found {}", describe(other)),
                            ));
                        }
                    }
                    let Some(&v) = buf.get(i) else {
                        return Ok(Probe::More);
                    };
                    if v == b'['
                        && let Some(kind) = wants(key)
                    {
                        return Ok(Probe::Array(kind, i));
                    }
                    match self.skip_value(i)? {
                        Scan::End(end) => i = end,
                        Scan::More => return Ok(Probe::More),
                    }
                }
                other => {
                    return Err(self.syntax_at(
                        i,
                        format!("expected a key or '}}', found {}", describe(other)),
                    ));
                }
            }
        }
    }

    /// After an array inside an object: skip the object's other keys (a page's
    /// `@odata.nextLink`, say) and its closing `}`.
    fn tail(&mut self, then: AfterTail) -> Result<(), SplitError> {
        loop {
            let buf = &self.buf[..self.len];
            let mut i = skip_ws(buf, self.pos);
            let Some(&c) = buf.get(i) else {
                if !self.refill()? {
                    return Err(self.truncated("the end of the enclosing object"));
                }
                continue;
            };
            match c {
                b'}' => {
                    self.advance_to(i + 1);
                    self.context = match then {
                        AfterTail::Top => Context::Top,
                        AfterTail::NextTable => Context::Array {
                            kind: Kind::Tables,
                            after_element: true,
                        },
                    };
                    return Ok(());
                }
                b',' => {
                    self.advance_to(i + 1);
                }
                b'"' => {
                    let Some(key_end) = scan_string(buf, i) else {
                        if !self.refill()? {
                            return Err(self.truncated("the end of the enclosing object"));
                        }
                        continue;
                    };
                    i = skip_ws(buf, key_end);
                    if buf.get(i) == Some(&b':') {
                        i = skip_ws(buf, i + 1);
                    }
                    if i >= buf.len() {
                        if !self.refill()? {
                            return Err(self.truncated("the end of the enclosing object"));
                        }
                        continue;
                    }
                    match self.skip_value(i)? {
                        Scan::End(end) => self.advance_to(end),
                        Scan::More => {
                            if !self.refill()? {
                                return Err(self.truncated("the end of the enclosing object"));
                            }
                        }
                    }
                }
                other => {
                    return Err(self.syntax_at(
                        i,
                        format!(
                            "expected a key or '}}' after the records, found {}",
                            describe(other)
                        ),
                    ));
                }
            }
        }
    }

    /// Skips one JSON value starting at `i` (a non-space byte).
    fn skip_value(&self, mut i: usize) -> Result<Scan, SplitError> {
        let buf = &self.buf[..self.len];
        match buf[i] {
            b'"' => Ok(scan_string(buf, i).map_or(Scan::More, Scan::End)),
            open @ (b'{' | b'[') => {
                // Only brackets of the value's own kind change where it ends: an object
                // ends at the `}` that balances its `{`, whatever arrays it holds. Jumping
                // between quotes and those brackets is what makes the scan fast.
                let close = if open == b'{' { b'}' } else { b']' };
                let mut depth = 0usize;
                while i < buf.len() {
                    let Some(k) = memchr3(b'"', open, close, &buf[i..]) else {
                        return Ok(Scan::More);
                    };
                    i += k;
                    match buf[i] {
                        b'"' => match scan_string(buf, i) {
                            Some(end) => {
                                i = end;
                                continue;
                            }
                            None => return Ok(Scan::More),
                        },
                        c if c == open => {
                            depth += 1;
                            // +1 for the record's own braces, which the probe does not count.
                            if depth + 1 > MAX_DEPTH {
                                return Err(self.syntax_at(
                                    i,
                                    format!("nesting deeper than {MAX_DEPTH} levels"),
                                ));
                            }
                        }
                        _ => {
                            depth -= 1;
                            if depth == 0 {
                                return Ok(Scan::End(i + 1));
                            }
                        }
                    }
                    i += 1;
                }
                Ok(Scan::More)
            }
            _ => {
                // A number, true, false or null: runs to the next delimiter.
                while i < buf.len() {
                    if matches!(buf[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                        return Ok(Scan::End(i));
                    }
                    i += 1;
                }
                if self.eof {
                    Ok(Scan::End(i))
                } else {
                    Ok(Scan::More)
                }
            }
        }
    }

    /// The next non-space byte at `pos`, reading more if needed; `None` at the end.
    fn next_token(&mut self) -> Result<Option<u8>, SplitError> {
        loop {
            let i = skip_ws(&self.buf[..self.len], self.pos);
            if i < self.len {
                self.advance_to(i);
                return Ok(Some(self.buf[i]));
            }
            self.advance_to(self.len);
            if !self.refill()? {
                return Ok(None);
            }
        }
    }

    /// Marks everything before `to` consumed, keeping the line count right.
    fn advance_to(&mut self, to: usize) {
        self.line += memchr::memchr_iter(b'\n', &self.buf[self.pos..to]).count() as u64;
        self.pos = to;
    }

    /// Makes sure `n` bytes are buffered past `pos` if the input has them.
    fn fill_at_least(&mut self, n: usize) -> Result<bool, SplitError> {
        while self.len - self.pos < n {
            if !self.refill()? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Moves the unconsumed bytes to the front and reads more after them, growing the
    /// buffer when one value fills it. Returns false when nothing more can be read.
    fn refill(&mut self) -> Result<bool, SplitError> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.pos = 0;
        }
        if self.len == self.buf.len() {
            if self.buf.len() > MAX_RECORD_BYTES {
                return Err(SplitError::Syntax {
                    record: self.records + 1,
                    line: self.line,
                    what: format!(
                        "a single record is larger than {} MiB",
                        MAX_RECORD_BYTES >> 20
                    ),
                    hint: "real sign-in records are a few KB: this is not a sign-in export, \
                           or it is damaged",
                });
            }
            let grown = (self.buf.len() * 2).min(MAX_RECORD_BYTES + CHUNK);
            self.buf.resize(grown, 0);
        }
        loop {
            match self.reader.read(&mut self.buf[self.len..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.len += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(SplitError::Io(e)),
            }
        }
    }

    fn truncated(&self, expected: &str) -> SplitError {
        let last_line =
            self.line + memchr::memchr_iter(b'\n', &self.buf[self.pos..self.len]).count() as u64;
        SplitError::Syntax {
            record: self.records + 1,
            line: self.line,
            what: format!(
                "the file ends on line {last_line} before {expected} (it looks cut short)"
            ),
            hint: "an interrupted download or copy leaves files like this: export or copy it again",
        }
    }

    fn syntax(&self, record: u64, what: String, hint: &'static str) -> SplitError {
        SplitError::Syntax {
            record,
            line: self.line,
            what,
            hint,
        }
    }

    /// A syntax error at buffer offset `at`, with the line counted up to it.
    fn syntax_at(&self, at: usize, what: String) -> SplitError {
        let line = self.line + memchr::memchr_iter(b'\n', &self.buf[self.pos..at]).count() as u64;
        SplitError::Syntax {
            record: self.records + 1,
            line,
            what,
            hint: "the file is not valid JSON here; re-export it or fix this line",
        }
    }
}

enum Probe {
    /// A wanted key's array opens at this offset.
    Array(Kind, usize),
    /// The object ends just before this offset.
    End(usize),
    /// None of the first keys is a wanted one: the object is a record.
    Undecided,
    More,
}

/// How many keys of a top-level object are read looking for a page's array: pages,
/// messages and responses put it among their first few (`@odata.context`, `value`).
const HEAD_KEYS: usize = 8;

/// Which bytes of a 64-byte block are quotes, backslashes and braces (bit `j` = byte `j`).
struct Masks {
    quote: u64,
    backslash: u64,
    brace: u64,
}

/// Bit `j` is set when `chunk[j]` is a quote, a backslash or a brace.
fn scalar_mask(chunk: &[u8]) -> u64 {
    let mut m = 0u64;
    for (j, &c) in chunk.iter().enumerate() {
        let hit = (c == b'"') | (c == b'\\') | (c == b'{') | (c == b'}');
        m |= u64::from(hit) << j;
    }
    m
}

/// Bit `j` is the parity of the set bits at or below `j`: inside-string markers from quotes.
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

/// SSE2 compares, 16 bytes at a time; SSE2 is part of every x86_64 CPU.
#[cfg(target_arch = "x86_64")]
fn masks64(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is enabled on every x86_64 target (it is part of the baseline), so
    // these intrinsics are available; `block` holds 64 bytes, so each 16-byte load at
    // 16 * k (k < 4) is in bounds, and `_mm_loadu_si128` needs no alignment.
    unsafe {
        let quote = _mm_set1_epi8(b'"' as i8);
        let backslash = _mm_set1_epi8(b'\\' as i8);
        let open = _mm_set1_epi8(b'{' as i8);
        let close = _mm_set1_epi8(b'}' as i8);
        let mut m = Masks {
            quote: 0,
            backslash: 0,
            brace: 0,
        };
        for k in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast::<__m128i>());
            let bits = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16) << (16 * k);
            m.quote |= bits(_mm_cmpeq_epi8(v, quote));
            m.backslash |= bits(_mm_cmpeq_epi8(v, backslash));
            m.brace |= bits(_mm_or_si128(
                _mm_cmpeq_epi8(v, open),
                _mm_cmpeq_epi8(v, close),
            ));
        }
        m
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn masks64(block: &[u8; 64]) -> Masks {
    let mut m = Masks {
        quote: 0,
        backslash: 0,
        brace: 0,
    };
    for (j, &c) in block.iter().enumerate() {
        m.quote |= u64::from(c == b'"') << j;
        m.backslash |= u64::from(c == b'\\') << j;
        m.brace |= u64::from(c == b'{' || c == b'}') << j;
    }
    m
}

fn skip_ws(buf: &[u8], mut i: usize) -> usize {
    while i < buf.len() && matches!(buf[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    i
}

/// With `buf[i] == b'"'`: the offset just past the closing quote, or `None` if the
/// buffer ends first.
fn scan_string(buf: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        let k = j + memchr2(b'"', b'\\', &buf[j..])?;
        if buf[k] == b'"' {
            return Some(k + 1);
        }
        // A backslash escapes the next byte, whatever it is.
        j = k + 2;
        if j > buf.len() {
            return None;
        }
    }
}

fn describe(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", byte as char)
    } else {
        format!("byte 0x{byte:02X}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` with a tiny buffer-friendly reader and returns (record, line) pairs.
    fn split(text: &str) -> Result<Vec<(String, u64)>, String> {
        let mut out = Vec::new();
        let mut s = Splitter::new(text.as_bytes(), false);
        s.for_each(|r| -> Result<(), ()> {
            out.push((String::from_utf8(r.bytes.to_vec()).unwrap(), r.line));
            Ok(())
        })
        .map_err(|e| match e {
            Flow::Split(SplitError::Syntax {
                record, line, what, ..
            }) => format!("record {record} line {line}: {what}"),
            Flow::Split(SplitError::Io(e)) => e.to_string(),
            Flow::Callback(()) => unreachable!(),
        })?;
        Ok(out)
    }

    fn records(text: &str) -> Vec<String> {
        split(text).unwrap().into_iter().map(|(r, _)| r).collect()
    }

    #[test]
    fn bare_array_page_and_lines_give_the_same_records() {
        let want = vec![r#"{"id":"a"}"#.to_string(), r#"{"id":"b"}"#.to_string()];
        assert_eq!(records(r#"[{"id":"a"}, {"id":"b"}]"#), want);
        assert_eq!(
            records(
                r#"{"@odata.context":"x","value":[{"id":"a"},{"id":"b"}],"@odata.nextLink":"y"}"#
            ),
            want
        );
        assert_eq!(records("{\"id\":\"a\"}\n{\"id\":\"b\"}\n"), want);
        assert_eq!(records(r#"[{"id":"a"}][{"id":"b"}]"#), want);
        assert_eq!(
            records(r#"{"value":[{"id":"a"}]}{"value":[{"id":"b"}]}"#),
            want
        );
        assert_eq!(records(r#"{"records":[{"id":"a"},{"id":"b"}]}"#), want);
    }

    #[test]
    fn query_api_rows_come_with_their_columns() {
        let text = r#"{"tables":[{"name":"PrimaryResult","columns":[{"name":"Id","type":"string"},{"name":"ResultType","type":"string"}],"rows":[["a","53003"],["b","0"]]}]}"#;
        let mut got = Vec::new();
        let mut s = Splitter::new(text.as_bytes(), false);
        s.for_each(|r| -> Result<(), ()> {
            got.push((
                String::from_utf8(r.bytes.to_vec()).unwrap(),
                r.columns.unwrap().to_vec(),
            ));
            Ok(())
        })
        .ok()
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, r#"["b","0"]"#);
        assert_eq!(got[0].1, ["Id", "ResultType"]);
        assert_eq!(s.form(), Some(Form::Tables));
    }

    #[test]
    fn syslog_prefixes_are_skipped_when_allowed() {
        let text = "2025-02-02T00:27:59+08:00 fwd {\"id\":\"a\"}\n2025-02-02T00:28:00+08:00 fwd {\"id\":\"b\"}\n";
        let mut got = Vec::new();
        let mut s = Splitter::new(text.as_bytes(), true);
        s.for_each(|r| -> Result<(), ()> {
            got.push(String::from_utf8(r.bytes.to_vec()).unwrap());
            Ok(())
        })
        .ok()
        .unwrap();
        assert_eq!(got, [r#"{"id":"a"}"#, r#"{"id":"b"}"#]);
        assert_eq!(s.form(), Some(Form::Objects));
    }

    #[test]
    fn a_record_with_nested_value_keys_is_not_a_page() {
        let rec =
            r#"{"id":"a","authenticationProcessingDetails":[{"key":"k","value":"v"}],"value":1}"#;
        assert_eq!(records(&format!("[{rec}]")), vec![rec.to_string()]);
        assert_eq!(records(rec), vec![rec.to_string()]);
    }

    #[test]
    fn strings_with_brackets_and_escapes_do_not_confuse_it() {
        let rec = r#"{"id":"a","userAgent":"x]}\"{[\\","n":[1,{"a":"}"}]}"#;
        assert_eq!(records(&format!("[{rec}]")), vec![rec.to_string()]);
    }

    #[test]
    fn bom_and_crlf_are_accepted_and_lines_counted() {
        let got = split("\u{feff}[\r\n  {\"id\":\"a\"},\r\n  {\"id\":\"b\"}\r\n]\r\n").unwrap();
        assert_eq!(got[0].1, 2);
        assert_eq!(got[1].1, 3);
        assert!(split("").unwrap().is_empty());
        assert!(split("[]").unwrap().is_empty());
        assert!(split("  \n").unwrap().is_empty());
    }

    #[test]
    fn records_larger_than_the_buffer_are_read_whole() {
        let big = "x".repeat(3 * CHUNK);
        let rec = format!(r#"{{"id":"a","userAgent":"{big}"}}"#);
        let text = format!("[{rec},\n{rec}]");
        let got = records(&text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], rec);
    }

    #[test]
    fn truncation_is_reported_with_its_record_and_line() {
        let err = split("[\n{\"id\":\"a\"},\n{\"id\":\"b\",\"x\":\"cut").unwrap_err();
        assert!(err.starts_with("record 2 line 3:"), "{err}");
        assert!(err.contains("cut short"), "{err}");
        let err = split("[{\"id\":\"a\"}").unwrap_err();
        assert!(err.contains("cut short"), "{err}");
    }

    #[test]
    fn non_json_and_bad_separators_are_errors() {
        let err = split("Date (UTC),Request ID\n").unwrap_err();
        assert!(err.contains("expected a JSON array or object"), "{err}");
        let err = split(r#"[{"id":"a"} {"id":"b"}]"#).unwrap_err();
        assert!(err.contains("expected ',' or ']'"), "{err}");
        let err = split("[1,2]").unwrap_err();
        assert!(err.contains("sign-in record object"), "{err}");
    }

    /// Random records full of what trips scanners (escaped quotes and backslashes,
    /// braces inside strings, escapes across 64-byte blocks) split exactly as written.
    #[test]
    fn records_split_exactly_whatever_their_strings_hold() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let pieces = [
            "a",
            "\\\"",
            "\\\\",
            "{",
            "}",
            "[",
            "]",
            " ",
            "x\\n",
            ":",
            ",",
            // Long runs without escapes take the fast path through whole blocks.
            "lorem ipsum {dolor} [sit] amet, consectetur adipiscing elit, sed do eiusmod tempor",
        ];
        let mut records = Vec::new();
        for _ in 0..300 {
            let mut rec = String::from("{");
            for k in 0..next(12) + 1 {
                if k > 0 {
                    rec.push(',');
                }
                let mut text = String::new();
                for _ in 0..next(40) {
                    text.push_str(pieces[next(pieces.len() as u64) as usize]);
                }
                match next(3) {
                    0 => rec.push_str(&format!("\"k{k}\":\"{text}\"")),
                    1 => rec.push_str(&format!("\"k{k}\":{{\"in\":\"{text}\",\"n\":[1,{{}}]}}")),
                    _ => rec.push_str(&format!("\"k{k}\":[\"{text}\",{{\"d\":\"}}\"}}]")),
                }
            }
            rec.push('}');
            records.push(rec);
        }
        let text = format!("[{}]", records.join(",\n"));
        assert_eq!(self::records(&text), records);
        let lines = records.join("\n");
        assert_eq!(self::records(&lines), records);
    }

    #[test]
    fn the_vector_mask_matches_the_scalar_one() {
        let pattern = b"ab\"c\\{d}e\"[]f";
        let text: Vec<u8> = (0..64).map(|i| pattern[i % pattern.len()]).collect();
        let block: &[u8; 64] = text.as_slice().try_into().unwrap();
        let m = masks64(block);
        assert_eq!(m.quote | m.backslash | m.brace, scalar_mask(block));
        assert_eq!(prefix_xor(0b1001), 0b0111);
        assert_eq!(prefix_xor(1 << 63), 1 << 63);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let deep = format!("[{}{}]", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        let err = split(&deep).unwrap_err();
        assert!(err.contains("nesting deeper than 128"), "{err}");
        // Arrays inside a record do not end it; the record parser skips the unknown field
        // without recursing (no stack overflow), and the loader then refuses a record
        // that holds nothing of a sign-in.
        let arrays = format!("[{{\"a\":{}{}}}]", "[".repeat(100_000), "]".repeat(100_000));
        let got = split(&arrays).unwrap();
        let parsed = crate::load::record::parse(got[0].0.as_bytes());
        assert!(parsed.map_or(true, |s| s.id.is_none() && s.error_code.is_none()));
    }
}
