//! Writes a large, realistic Entra sign-in log export (Graph beta JSON, diagnostic-settings
//! JSON Lines, Event Hub messages, Log Analytics rows as JSON, query API response or CSV, or
//! the Entra portal's CSV download) for benchmarks, and prints the ground-truth totals on
//! stderr. std only.
//!
//! The records follow shared/reference/signin-log-formats.md (sections 3, 4, 6-9 and 15):
//! exact key names, column names, casing and JSON types per shape. Every shape writes the same
//! sign-ins for the same options. Output is a pure function of the options,
//! so a benchmark can regenerate the same file and compare signin-doctor's counts with the
//! summary line. Speed comes from writing every record straight into one reused byte buffer:
//! no JSON library, no per-record allocation beyond a few small reused strings.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "\
gen: write a large, realistic Entra sign-in log export for signin-doctor benchmarks

usage: cargo run --release --example gen -- [OPTIONS] > FILE

options:
  --records N           number of sign-in records to write (default 1000)
  --size BYTES          write until the output reaches BYTES, finishing the record that
                        crosses it; suffixes K, M, G (powers of 1024), e.g. 200M, 1G
  --shape SHAPE         output shape (default graph-array):
                          graph-array  one pretty-printed top-level array (portal JSON download)
                          graph-page   Graph beta list pages of 1000 records, back to back
                          graph-jsonl  one compact Graph beta record per line
                          diag-jsonl   Azure Monitor diagnostic settings (PT1H.json lines)
                          eventhub     Event Hub messages: one {\"records\":[...]} of 50
                                       diagnostic envelopes per line
                          la-json      Log Analytics SigninLogs rows: one JSON array of
                                       objects, dynamic columns as JSON text
                          la-api       Log Analytics query API response: one PrimaryResult
                                       table with typed columns and row arrays
                          la-csv       Log Analytics \"Export to CSV (all columns)\": locale
                                       datetimes, JSON text cells, TRUE/FALSE, CRLF
                          portal-csv   Entra admin center CSV download (57 columns, no
                                       policy list), CRLF
  --pretty              pretty-print graph-page output (default: compact, as Graph sends it)
  --seed N              PRNG seed; the same options give the same bytes (default 1)
  --blocked-percent P   share of records that are AADSTS53003 blocks, 0-100 (default 5)
  --out FILE            write to FILE instead of standard output
  -h, --help            print this help

With both --records and --size, generation stops at whichever limit comes first.
All shapes write the same sign-ins for the same --seed, --blocked-percent and --records
(--size stops at a different record, since the shapes differ in size). CSV shapes write one
row per sign-in.
At the end one line of key=value totals goes to standard error: records, bytes, blocked
(errorCode 53003), blocked_users (distinct UPNs), blocked_without_policies (blocks whose
appliedConditionalAccessPolicies is empty), would_block (sign-ins not blocked but with a
failed report-only Block policy) and one count per cause (location, device_state,
device_platform, client_app, risk, auth_flow, policy_scope).

examples:
  cargo run --release --example gen -- --size 1G --shape graph-page > pages.json
  cargo run --release --example gen -- --records 50000 --shape diag-jsonl --out PT1H.json
  cargo run --release --example gen -- --size 500M --shape la-csv --out la-export.csv
";

/// Graph's default and maximum page size (reference section 6).
const PAGE_SIZE: u64 = 1000;

/// Diagnostic envelopes per Event Hub message.
const MESSAGE_SIZE: u64 = 50;

// ---------------------------------------------------------------------------------------------
// Options

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    GraphArray,
    GraphPage,
    GraphJsonl,
    DiagJsonl,
    EventHub,
    LaJson,
    LaApi,
    LaCsv,
    PortalCsv,
}

struct Options {
    records: Option<u64>,
    size: Option<u64>,
    shape: Shape,
    pretty_pages: bool,
    seed: u64,
    blocked_percent: f64,
    out: Option<String>,
}

enum Parsed {
    Run(Options),
    Help,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut opts = Options {
        records: None,
        size: None,
        shape: Shape::GraphArray,
        pretty_pages: false,
        seed: 1,
        blocked_percent: 5.0,
        out: None,
    };
    while let Some(arg) = args.next() {
        // Accept both `--opt value` and `--opt=value`, as most CLIs do.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--pretty" => opts.pretty_pages = true,
            "--records" => {
                let v = value("--records")?;
                opts.records = Some(v.parse().map_err(|_| format!("bad --records: {v:?}"))?);
            }
            "--size" => {
                let v = value("--size")?;
                opts.size = Some(parse_size(&v).ok_or_else(|| format!("bad --size: {v:?}"))?);
            }
            "--shape" => {
                let v = value("--shape")?;
                opts.shape = match v.as_str() {
                    "graph-array" => Shape::GraphArray,
                    "graph-page" => Shape::GraphPage,
                    "graph-jsonl" => Shape::GraphJsonl,
                    "diag-jsonl" => Shape::DiagJsonl,
                    "eventhub" => Shape::EventHub,
                    "la-json" => Shape::LaJson,
                    "la-api" => Shape::LaApi,
                    "la-csv" => Shape::LaCsv,
                    "portal-csv" => Shape::PortalCsv,
                    _ => return Err(format!("bad --shape: {v:?}")),
                };
            }
            "--seed" => {
                let v = value("--seed")?;
                opts.seed = v.parse().map_err(|_| format!("bad --seed: {v:?}"))?;
            }
            "--blocked-percent" => {
                let v = value("--blocked-percent")?;
                let p: f64 = v
                    .parse()
                    .map_err(|_| format!("bad --blocked-percent: {v:?}"))?;
                if !(0.0..=100.0).contains(&p) {
                    return Err(format!("--blocked-percent must be 0-100, got {v}"));
                }
                opts.blocked_percent = p;
            }
            "--out" => opts.out = Some(value("--out")?),
            _ => return Err(format!("unknown argument: {arg:?}")),
        }
    }
    Ok(Parsed::Run(opts))
}

fn parse_size(s: &str) -> Option<u64> {
    let (digits, unit) = match s.as_bytes().last()? {
        b'k' | b'K' => (&s[..s.len() - 1], 1u64 << 10),
        b'm' | b'M' => (&s[..s.len() - 1], 1 << 20),
        b'g' | b'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(unit)
}

// ---------------------------------------------------------------------------------------------
// Randomness and small formatting helpers

/// splitmix64: tiny, fast, and good enough to make test data look varied.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }

    /// Uniform in [0, 100), for fractional percentages such as --blocked-percent 0.5.
    fn unit100(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (100.0 / (1u64 << 53) as f64)
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

type Guid = [u8; 36];

fn guid(rng: &mut Rng) -> Guid {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.next().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.next().to_le_bytes());
    // Version 4 / RFC 4122 variant, so the ids look like the ones Entra issues.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = [b'-'; 36];
    let mut o = 0;
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            o += 1;
        }
        out[o] = HEX[usize::from(b >> 4)];
        out[o + 1] = HEX[usize::from(b & 15)];
        o += 2;
    }
    out
}

/// `uniqueTokenIdentifier` is 22 characters of base64url.
fn token_id(rng: &mut Rng) -> [u8; 22] {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = [0u8; 22];
    let (mut bits, mut left) = (0u64, 0);
    for c in out.iter_mut() {
        if left < 6 {
            bits = rng.next();
            left = 64;
        }
        *c = B64[(bits & 63) as usize];
        bits >>= 6;
        left -= 6;
    }
    out
}

/// Appends `s` as JSON string content (without quotes).
fn escape_into(out: &mut Vec<u8>, s: &str) {
    escape_bytes(out, s.as_bytes());
}

/// Appends UTF-8 `bytes` as JSON string content (without quotes).
fn escape_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => {
                out.extend_from_slice(&bytes[start..i]);
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 15)]);
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(esc);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

fn push_number(out: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&tmp[i..]);
}

/// Appends one CSV field, quoted (with quotes doubled) only when it holds a comma, a quote or
/// a line break, as Excel and the Azure portals write them.
fn csv_field(out: &mut Vec<u8>, v: &[u8]) {
    if !v.iter().any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.extend_from_slice(v);
        return;
    }
    out.push(b'"');
    let mut parts = v.split(|&b| b == b'"');
    if let Some(first) = parts.next() {
        out.extend_from_slice(first);
    }
    for part in parts {
        out.extend_from_slice(b"\"\"");
        out.extend_from_slice(part);
    }
    out.push(b'"');
}

// ---------------------------------------------------------------------------------------------
// Timestamps

/// Time in 100 ns ticks since the Unix epoch: the 7 fraction digits Entra prints.
const TICKS_PER_SEC: i64 = 10_000_000;

const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The newest record: 2026-11-02T23:59:59Z (Graph lists newest first).
const START_TICKS: i64 =
    (days_from_civil(2026, 11, 2) * 86_400 + 86_399) * TICKS_PER_SEC + 9_999_999;

#[derive(Clone, Copy)]
enum TimeStyle {
    /// `2026-11-02T23:59:59Z`, as Graph beta and the portal show it.
    Seconds,
    /// `2026-11-02T23:59:59.1234567+00:00`, diagnostic `properties.createdDateTime`.
    Offset,
    /// `2026-11-02T23:59:59.1234567Z`, diagnostic envelope `time`.
    FractionZ,
}

struct TimeBuf {
    bytes: [u8; 33],
    len: usize,
}

impl TimeBuf {
    fn format(ticks: i64, style: TimeStyle) -> TimeBuf {
        fn put(out: &mut [u8], mut v: i64) {
            for c in out.iter_mut().rev() {
                *c = b'0' + (v % 10) as u8;
                v /= 10;
            }
        }
        let secs = ticks.div_euclid(TICKS_PER_SEC);
        let frac = ticks.rem_euclid(TICKS_PER_SEC);
        let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
        let sod = secs.rem_euclid(86_400);
        let mut b = *b"0000-00-00T00:00:00.0000000+00:00";
        put(&mut b[0..4], y);
        put(&mut b[5..7], m);
        put(&mut b[8..10], d);
        put(&mut b[11..13], sod / 3600);
        put(&mut b[14..16], sod / 60 % 60);
        put(&mut b[17..19], sod % 60);
        let len = match style {
            TimeStyle::Seconds => {
                b[19] = b'Z';
                20
            }
            TimeStyle::Offset => {
                put(&mut b[20..27], frac);
                33
            }
            TimeStyle::FractionZ => {
                put(&mut b[20..27], frac);
                b[27] = b'Z';
                28
            }
        };
        TimeBuf { bytes: b, len }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The Log Analytics portal's CSV datetime, `11/2/2026, 1:16:22.771 PM` (en-US, UTC,
/// milliseconds cut, not rounded).
fn push_locale_time(out: &mut Vec<u8>, ticks: i64) {
    let secs = ticks.div_euclid(TICKS_PER_SEC);
    let millis = ticks.rem_euclid(TICKS_PER_SEC) / 10_000;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    let hour = sod / 3600;
    let two = |out: &mut Vec<u8>, v: i64| {
        out.push(b'0' + (v / 10) as u8);
        out.push(b'0' + (v % 10) as u8);
    };
    push_number(out, m as u64);
    out.push(b'/');
    push_number(out, d as u64);
    out.push(b'/');
    push_number(out, y as u64);
    out.extend_from_slice(b", ");
    push_number(out, if hour % 12 == 0 { 12 } else { hour % 12 } as u64);
    out.push(b':');
    two(out, sod / 60 % 60);
    out.push(b':');
    two(out, sod % 60);
    out.push(b'.');
    out.push(b'0' + (millis / 100) as u8);
    two(out, millis % 100);
    out.extend_from_slice(if hour < 12 { b" AM" } else { b" PM" });
}

/// Log Analytics `TimeGenerated` is when the row was ingested: 40-95 s after the sign-in.
/// Derived from the record's token, so it draws nothing from the run's generator.
fn ingest_ticks(r: &Rec) -> i64 {
    let h = r
        .token
        .iter()
        .fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    r.ticks + 40 * TICKS_PER_SEC + (h % (55 * TICKS_PER_SEC as u64)) as i64
}

// ---------------------------------------------------------------------------------------------
// JSON writer

/// Streams JSON into a byte buffer, either compact or pretty with 2-space indentation (the
/// look of PowerShell ConvertTo-Json and the portal download). The caller drives structure;
/// `first` tracks whether the next member of the open container needs a comma.
struct Json {
    buf: Vec<u8>,
    pretty: bool,
    depth: usize,
    first: bool,
}

const SPACES: [u8; 64] = [b' '; 64];

impl Json {
    fn new(pretty: bool) -> Json {
        Json {
            buf: Vec::with_capacity(1 << 16),
            pretty,
            depth: 0,
            first: true,
        }
    }

    fn newline(&mut self) {
        self.buf.push(b'\n');
        self.buf.extend_from_slice(&SPACES[..self.depth * 2]);
    }

    /// Starts an array element or object member.
    fn sep(&mut self) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
        if self.pretty {
            self.newline();
        }
    }

    fn key(&mut self, k: &str) {
        self.sep();
        self.buf.push(b'"');
        self.buf.extend_from_slice(k.as_bytes());
        self.buf
            .extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
    }

    fn open(&mut self, c: u8) {
        self.buf.push(c);
        self.depth += 1;
        self.first = true;
    }

    /// Empty containers stay on one line (`[]`, `{}`), as ConvertTo-Json prints them.
    fn close(&mut self, c: u8) {
        self.depth -= 1;
        if !self.first && self.pretty {
            self.newline();
        }
        self.buf.push(c);
        self.first = false;
    }

    fn string(&mut self, s: &str) {
        self.buf.push(b'"');
        escape_into(&mut self.buf, s);
        self.buf.push(b'"');
    }

    /// A string already known to need no escaping (GUIDs, timestamps, pre-escaped names).
    fn quoted(&mut self, s: &[u8]) {
        self.buf.push(b'"');
        self.buf.extend_from_slice(s);
        self.buf.push(b'"');
    }

    fn number(&mut self, n: u64) {
        push_number(&mut self.buf, n);
    }

    fn ks(&mut self, k: &str, v: &str) {
        self.key(k);
        self.string(v);
    }

    fn kq(&mut self, k: &str, v: &[u8]) {
        self.key(k);
        self.quoted(v);
    }

    fn kn(&mut self, k: &str, v: u64) {
        self.key(k);
        self.number(v);
    }

    fn kb(&mut self, k: &str, v: bool) {
        self.key(k);
        self.buf
            .extend_from_slice(if v { b"true" } else { b"false" });
    }

    fn knull(&mut self, k: &str) {
        self.key(k);
        self.buf.extend_from_slice(b"null");
    }

    /// A pre-formatted JSON literal, e.g. a coordinate.
    fn kraw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.buf.extend_from_slice(v.as_bytes());
    }

    fn ks_opt(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.ks(k, v),
            None => self.knull(k),
        }
    }

    fn ko(&mut self, k: &str) {
        self.key(k);
        self.open(b'{');
    }

    fn ka(&mut self, k: &str) {
        self.key(k);
        self.open(b'[');
    }

    fn item_str(&mut self, v: &str) {
        self.sep();
        self.string(v);
    }

    fn item_obj(&mut self) {
        self.sep();
        self.open(b'{');
    }

    fn end_obj(&mut self) {
        self.close(b'}');
    }

    fn end_arr(&mut self) {
        self.close(b']');
    }

    fn str_array(&mut self, k: &str, items: &[&str]) {
        self.ka(k);
        for item in items {
            self.item_str(item);
        }
        self.end_arr();
    }
}

// ---------------------------------------------------------------------------------------------
// The tenant: apps, places, devices, policies, users

struct Resource {
    name: &'static str,
    id: &'static str,
}

const RES_GRAPH: usize = 0;
const RES_EXCHANGE: usize = 1;
const RES_SHAREPOINT: usize = 2;
const RES_AZURE: usize = 3;

const RESOURCES: [Resource; 6] = [
    Resource {
        name: "Microsoft Graph",
        id: "00000003-0000-0000-c000-000000000000",
    },
    Resource {
        name: "Office 365 Exchange Online",
        id: "00000002-0000-0ff1-ce00-000000000000",
    },
    Resource {
        name: "Office 365 SharePoint Online",
        id: "00000003-0000-0ff1-ce00-000000000000",
    },
    Resource {
        name: "Windows Azure Service Management API",
        id: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
    },
    Resource {
        name: "Microsoft Teams Services",
        id: "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe",
    },
    Resource {
        name: "Windows Azure Active Directory",
        id: "00000002-0000-0000-c000-000000000000",
    },
];

/// Platforms an app runs on, so a record never shows Outlook for iOS on a Windows PC.
const ON_WINDOWS: u8 = 1;
const ON_MAC: u8 = 2;
const ON_PHONE: u8 = 4;
const ON_ALL: u8 = 7;

struct App {
    name: &'static str,
    id: &'static str,
    resource: usize,
    web: bool,
    platforms: u8,
}

const APP_EXCHANGE: usize = 0;
const APP_AZURE_PORTAL: usize = 9;
const APP_AZURE_POWERSHELL: usize = 10;
const APP_AZURE_CLI: usize = 11;

const APPS: [App; 16] = [
    App {
        name: "Office 365 Exchange Online",
        id: "00000002-0000-0ff1-ce00-000000000000",
        resource: RES_EXCHANGE,
        web: true,
        platforms: ON_ALL,
    },
    App {
        name: "One Outlook Web",
        id: "9199bf20-a13f-4107-85dc-02114787ef48",
        resource: RES_EXCHANGE,
        web: true,
        platforms: ON_ALL,
    },
    App {
        name: "Microsoft Teams",
        id: "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
        resource: 4,
        web: false,
        platforms: ON_ALL,
    },
    App {
        name: "Microsoft Teams Web Client",
        id: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",
        resource: 4,
        web: true,
        platforms: ON_ALL,
    },
    App {
        name: "Office 365 SharePoint Online",
        id: "00000003-0000-0ff1-ce00-000000000000",
        resource: RES_SHAREPOINT,
        web: true,
        platforms: ON_ALL,
    },
    App {
        name: "OfficeHome",
        id: "4765445b-32c6-49b0-83e6-1d93765276ca",
        resource: RES_GRAPH,
        web: true,
        platforms: ON_ALL,
    },
    App {
        name: "Microsoft Office",
        id: "d3590ed6-52b3-4102-aeff-aad2292ab01c",
        resource: RES_GRAPH,
        web: false,
        platforms: ON_WINDOWS | ON_MAC,
    },
    App {
        name: "Outlook for iOS and Android",
        id: "27922004-5251-4030-b22d-91ecd9a37ea4",
        resource: RES_EXCHANGE,
        web: false,
        platforms: ON_PHONE,
    },
    App {
        name: "OneDrive SyncEngine",
        id: "ab9b8c07-8f02-4f72-87fa-80105867a763",
        resource: RES_SHAREPOINT,
        web: false,
        platforms: ON_WINDOWS | ON_MAC,
    },
    App {
        name: "Azure Portal",
        id: "c44b4083-3bb0-49c1-b47d-974e53cbdf3c",
        resource: RES_AZURE,
        web: true,
        platforms: ON_ALL,
    },
    App {
        name: "Microsoft Azure PowerShell",
        id: "1950a258-227b-4e31-a9cf-717495945fc2",
        resource: RES_AZURE,
        web: false,
        platforms: ON_WINDOWS | ON_MAC,
    },
    App {
        name: "Microsoft Azure CLI",
        id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        resource: RES_AZURE,
        web: false,
        platforms: ON_WINDOWS | ON_MAC,
    },
    App {
        name: "Microsoft Edge",
        id: "ecd6b820-32c2-49b6-98a6-444530e5a77a",
        resource: RES_GRAPH,
        web: false,
        platforms: ON_WINDOWS | ON_MAC,
    },
    App {
        name: "Visual Studio Code",
        id: "aebc6443-996d-45c2-90f0-388ff96faa56",
        resource: RES_GRAPH,
        web: false,
        platforms: ON_WINDOWS | ON_MAC,
    },
    App {
        name: "Microsoft Intune Company Portal",
        id: "9ba1a5c7-f17a-4de9-a1f1-6178c8d51223",
        resource: RES_GRAPH,
        web: false,
        platforms: ON_ALL,
    },
    App {
        name: "Windows Sign In",
        id: "38aa3b87-a06d-4817-b275-7a316988d93b",
        resource: 5,
        web: false,
        platforms: ON_WINDOWS,
    },
];

struct Os {
    name: &'static str,
    platform: u8,
    web_browser: &'static str,
    web_agent: &'static str,
    app_browser: &'static str,
    app_agent: &'static str,
    trust: &'static str,
}

const OS_LINUX: usize = 5;

const OSES: [Os; 6] = [
    Os {
        name: "Windows10",
        platform: ON_WINDOWS,
        web_browser: "Edge 130.0.0",
        web_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
        app_browser: "Rich Client 4.66.0.0",
        app_agent: "Windows-AzureAD-Authentication-Provider/1.0",
        trust: "Azure AD joined",
    },
    Os {
        name: "Windows10",
        platform: ON_WINDOWS,
        web_browser: "Chrome 130.0.0",
        web_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        app_browser: "Rich Client 4.66.0.0",
        app_agent: "Windows-AzureAD-Authentication-Provider/1.0",
        trust: "Hybrid Azure AD joined",
    },
    Os {
        name: "MacOs",
        platform: ON_MAC,
        web_browser: "Safari 18.1",
        web_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        app_browser: "",
        app_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
        trust: "Azure AD registered",
    },
    Os {
        name: "Ios 18.1.1",
        platform: ON_PHONE,
        web_browser: "Mobile Safari 18.1",
        web_agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        app_browser: "",
        app_agent: "Mozilla/5.0 (compatible; MSAL 1.0) PKeyAuth/1.0",
        trust: "Azure AD registered",
    },
    Os {
        name: "Android",
        platform: ON_PHONE,
        web_browser: "Chrome Mobile 130.0.0",
        web_agent: "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
        app_browser: "",
        app_agent: "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/AP2A.240905.003)",
        trust: "Azure AD registered",
    },
    Os {
        name: "Linux",
        platform: ON_ALL,
        web_browser: "Firefox 132.0",
        web_agent: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
        app_browser: "",
        app_agent: "",
        trust: "",
    },
];

/// Legacy authentication clients: (clientAppUsed, userAgent, operatingSystem).
const LEGACY_CLIENTS: [(&str, &str, &str); 7] = [
    ("IMAP4", "BAV2ROPC", ""),
    ("POP3", "BAV2ROPC", ""),
    ("Authenticated SMTP", "BAV2ROPC", ""),
    ("Exchange ActiveSync", "Apple-iPhone15C3/2201.83", "Ios"),
    (
        "AutoDiscover",
        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.4266; Pro)",
        "Windows10",
    ),
    (
        "Exchange Web Services",
        "Mac OS X/15.1 (24B83); ExchangeWebServices/14.0 (302)",
        "MacOs",
    ),
    ("Other clients", "", ""),
];

struct City {
    city: &'static str,
    state: &'static str,
    country: &'static str,
    lat: &'static str,
    lon: &'static str,
}

const fn city(
    city: &'static str,
    state: &'static str,
    country: &'static str,
    lat: &'static str,
    lon: &'static str,
) -> City {
    City {
        city,
        state,
        country,
        lat,
        lon,
    }
}

/// Offices: their egress IPs are a trusted named location. (name, city, last octet base).
const OFFICES: [(&str, City); 5] = [
    (
        "Redmond HQ",
        city("Redmond", "Washington", "US", "47.67", "-122.12"),
    ),
    (
        "London office",
        city("London", "England", "GB", "51.51", "-0.13"),
    ),
    (
        "Dublin office",
        city("Dublin", "Dublin", "IE", "53.35", "-6.26"),
    ),
    (
        "Munich office",
        city("München", "Bayern", "DE", "48.14", "11.58"),
    ),
    (
        "Amsterdam office",
        city("Amsterdam", "Noord-Holland", "NL", "52.37", "4.90"),
    ),
];

/// Home and travel locations inside the allowed countries.
const ALLOWED_CITIES: [City; 12] = [
    city("New York", "New York", "US", "40.71", "-74.01"),
    city("Chicago", "Illinois", "US", "41.88", "-87.63"),
    city("Austin", "Texas", "US", "30.27", "-97.74"),
    city("Seattle", "Washington", "US", "47.61", "-122.33"),
    city("Manchester", "England", "GB", "53.48", "-2.24"),
    city("Köln", "Nordrhein-Westfalen", "DE", "50.94", "6.96"),
    city("Zürich", "Zurich", "CH", "47.37", "8.54"),
    city("Kraków", "Malopolskie", "PL", "50.06", "19.94"),
    city("Malmö", "Skane Lan", "SE", "55.60", "13.00"),
    city("Paris", "Paris", "FR", "48.86", "2.35"),
    city("Rotterdam", "Zuid-Holland", "NL", "51.92", "4.48"),
    city("Cork", "Cork", "IE", "51.90", "-8.47"),
];

/// Countries outside the "Allowed countries" named location: CA003 blocks these.
const BLOCKED_CITIES: [City; 10] = [
    city("Sao Paulo", "Sao Paulo", "BR", "-23.55", "-46.63"),
    city("Lagos", "Lagos", "NG", "6.52", "3.38"),
    city("Mumbai", "Maharashtra", "IN", "19.08", "72.88"),
    city("Ho Chi Minh City", "Ho Chi Minh", "VN", "10.82", "106.63"),
    city("Jakarta", "Jakarta", "ID", "-6.21", "106.85"),
    city("Bogotá", "Bogota", "CO", "4.71", "-74.07"),
    city("Istanbul", "Istanbul", "TR", "41.01", "28.98"),
    city("Buenos Aires", "Buenos Aires", "AR", "-34.60", "-58.38"),
    city("Nairobi", "Nairobi Area", "KE", "-1.29", "36.82"),
    city("Manila", "Metro Manila", "PH", "14.60", "120.98"),
];

// conditionalAccessConditions bits (reference section 0.3).
const C_APP: u32 = 1;
const C_USERS: u32 = 2;
const C_PLATFORM: u32 = 4;
const C_LOCATION: u32 = 8;
const C_CLIENT_TYPE: u32 = 16;
const C_SIGNIN_RISK: u32 = 32;
const C_USER_RISK: u32 = 64;
const C_DEVICE_STATE: u32 = 256;
const C_IP_AAD: u32 = 1024;
const C_FLOWS: u32 = 32768;
const C_AU: u32 = C_APP | C_USERS;
const C_WHERE: u32 = C_LOCATION | C_IP_AAD;

/// Flag names in bit order, for the beta comma-separated form.
const FLAG_NAMES: [(u32, &str); 13] = [
    (1, "application"),
    (2, "users"),
    (4, "devicePlatform"),
    (8, "location"),
    (16, "clientType"),
    (32, "signInRisk"),
    (64, "userRisk"),
    (128, "time"),
    (256, "deviceState"),
    (512, "client"),
    (1024, "ipAddressSeenByAzureAD"),
    (2048, "ipAddressSeenByResourceProvider"),
    (32768, "authenticationFlows"),
];

/// How each policy evaluates; the position in POLICIES matches the discriminant.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    MfaAllUsers,
    BlockLegacy,
    BlockCountries,
    CompliantOffice,
    BlockUnmanagedAzure,
    BlockPlatforms,
    BlockSignInRisk,
    BlockUserRisk,
    BlockDeviceCode,
    BlockContractorsAzure,
    SignInFrequency,
    PilotCompliant,
    SharePointRestrictions,
    GuestTerms,
    ReportOnlyUntrusted,
    DisabledVpn,
    MfaAzure,
}

type Rule = (u32, &'static str, &'static str);

struct Policy {
    kind: Kind,
    id: &'static str,
    name: &'static str,
    grant: &'static [&'static str],
    session: &'static [&'static str],
    app_rule: &'static str,
    user_rule: &'static str,
    /// Include rules shown when their condition matched (or matched and was then excluded).
    include: &'static [Rule],
    /// Exclude rules shown when their condition is in conditionsNotSatisfied.
    exclude: &'static [Rule],
}

const BLOCK: &[&str] = &["Block"];
const MFA: &[&str] = &["Mfa"];
const COMPLIANT: &[&str] = &["RequireCompliantDevice"];
const NONE: &[&str] = &[];
const R_ALL_LOCATIONS: Rule = (C_LOCATION, "location", "allLocations");

const POLICIES: [Policy; 17] = [
    Policy {
        kind: Kind::MfaAllUsers,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c01",
        name: "CA001 - Require MFA for all users outside trusted locations",
        grant: MFA,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[R_ALL_LOCATIONS],
        exclude: &[(C_LOCATION, "location", "allTrustedLocations")],
    },
    Policy {
        kind: Kind::BlockLegacy,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c02",
        name: "CA002 - Block legacy authentication",
        grant: BLOCK,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::BlockCountries,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c03",
        name: "CA003 - Block access outside allowed countries",
        grant: BLOCK,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[R_ALL_LOCATIONS],
        exclude: &[(C_LOCATION, "location", "locationId")],
    },
    Policy {
        kind: Kind::CompliantOffice,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c04",
        name: "CA004 - Require compliant device for Office 365",
        grant: COMPLIANT,
        session: NONE,
        app_rule: "office365",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::BlockUnmanagedAzure,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c05",
        name: "CA005 - Block unmanaged devices for Azure management",
        grant: BLOCK,
        session: NONE,
        app_rule: "appId",
        user_rule: "allUsers",
        include: &[(C_DEVICE_STATE, "deviceState", "deviceFilter")],
        exclude: &[],
    },
    Policy {
        kind: Kind::BlockPlatforms,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c06",
        name: "CA006 - Block unknown or unsupported device platforms",
        grant: BLOCK,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[(C_PLATFORM, "devicePlatform", "allDevicePlatforms")],
        exclude: &[(C_PLATFORM, "devicePlatform", "devicePlatform")],
    },
    Policy {
        kind: Kind::BlockSignInRisk,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c07",
        name: "CA007 - Block high sign-in risk",
        grant: BLOCK,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::BlockUserRisk,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c08",
        name: "CA008 - Block high user risk",
        grant: BLOCK,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::BlockDeviceCode,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c09",
        name: "CA009 - Block device code flow",
        grant: BLOCK,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[(C_FLOWS, "authenticationFlows", "deviceCodeFlow")],
        exclude: &[],
    },
    Policy {
        kind: Kind::BlockContractorsAzure,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c10",
        name: "CA010 - Block contractors from Azure management",
        grant: BLOCK,
        session: NONE,
        app_rule: "appId",
        user_rule: "groupId",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::SignInFrequency,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c11",
        name: "CA011 - Sign-in frequency 12 hours",
        grant: NONE,
        session: &["SignInFrequency"],
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::PilotCompliant,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c12",
        name: "CA012 - Pilot: require compliant device (report-only)",
        grant: COMPLIANT,
        session: NONE,
        app_rule: "allApps",
        user_rule: "groupId",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::SharePointRestrictions,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c13",
        name: "CA013 - SharePoint: app enforced restrictions",
        grant: NONE,
        session: &["AppEnforcedRestrictions"],
        app_rule: "appId",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::GuestTerms,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c14",
        name: "CA014 - Guests: accept \"Contoso Guest Terms\"",
        grant: &["Contoso Guest Terms"],
        session: NONE,
        app_rule: "allApps",
        user_rule: "b2bCollaborationGuest",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::ReportOnlyUntrusted,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c15",
        name: "CA090 - Report-only: block sign-ins outside trusted networks",
        grant: BLOCK,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[R_ALL_LOCATIONS],
        exclude: &[(C_LOCATION, "location", "allTrustedLocations")],
    },
    Policy {
        kind: Kind::DisabledVpn,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c16",
        name: "CA098 - Legacy VPN exception (disabled)",
        grant: MFA,
        session: NONE,
        app_rule: "allApps",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
    Policy {
        kind: Kind::MfaAzure,
        id: "8d1a5c2e-3f4b-4e6a-9c7d-1e2f3a4b5c17",
        name: "CA016 - Require MFA for Azure management",
        grant: MFA,
        session: NONE,
        app_rule: "appId",
        user_rule: "allUsers",
        include: &[],
        exclude: &[],
    },
];

const FIRST_NAMES: [&str; 40] = [
    "Adele", "Alex", "Amélie", "Björn", "Chloé", "Dana", "Diego", "Emma", "Fatima", "Grace",
    "Hiroshi", "Isabel", "Jonas", "José", "Kai", "Lee", "Lena", "Łukasz", "Maria", "Mateo", "Mei",
    "Nia", "Noah", "Olivia", "Omar", "Priya", "Rafael", "Sam", "Sofia", "Søren", "Tariq", "Yara",
    "Zoë", "Ngozi", "Inès", "Ravi", "Chen", "Aoife", "Siobhán", "Nils",
];

/// Comma-separated, because rustfmt would give each name of a mixed-width array its own line.
const LAST_NAMES: &str = "\
    Abara,Andersen,Bauer,Brown,Costa,Dubois,Fernández,García,Hansen,Ivanova,Jensen,\
    Kowalski,Lindqvist,Müller,Nakamura,Novák,O'Brien,Okafor,Patel,Quinn,Rossi,Schäfer,\
    Singh,Smith,Sørensen,Tanaka,van der Berg,Wójcik,Yilmaz,Zhang,Kim,Nguyen,Murphy,\
    Weber,Øvergaard,Đorđević";

/// Whole names in scripts without a first/last split, and names that need JSON escapes.
const SPECIAL_NAMES: [&str; 6] = [
    "山田 花子",
    "王伟",
    "김민준",
    "Αλέξανδρος Παπαδόπουλος",
    "Robert \"Bob\" Smith",
    "Kiosk\\Lobby 01",
];

/// Guest accounts from the partner tenant, by their home UPN (Graph does not show `#EXT#`).
const GUESTS: &str = "\
    alex.wu,maria.rossi,j.okafor,sam.keller,li.na,tom.becker,ana.silva,raj.mehta,\
    eva.novak,ben.ortiz,kim.lee,ola.nilsen,pat.quinn,ines.moreau,dev.shah,lucy.hart,\
    omar.haddad,zoe.clark,ivan.petrov,nina.berg";

const MEMBERS: usize = 1980;
const GUEST_COUNT: usize = 20;
const USERS: usize = MEMBERS + GUEST_COUNT;

struct User {
    upn: String,
    /// Display name as is, for CSV cells.
    name: String,
    /// Display name already escaped for a JSON string.
    display: Vec<u8>,
    id: Guid,
    guest: bool,
    contractor: bool,
    office: usize,
    os: usize,
    device_id: Guid,
    device_name: String,
}

struct World {
    users: Vec<User>,
    tenant: Guid,
    guest_tenant: Guid,
    /// The Log Analytics workspace: its id is the LA `TenantId` column (`AADTenantId` is the
    /// Entra tenant).
    workspace: Guid,
    resource_sp: Vec<Guid>,
    /// 50076's failureReason names the resource it was for.
    mfa_reason: Vec<String>,
    /// Users who keep getting blocked, as real tenants have: most blocks land on them.
    problem_users: Vec<usize>,
    contractors: Vec<usize>,
}

impl World {
    fn new() -> World {
        // A fixed seed: the tenant stays the same whatever --seed says; only the traffic varies.
        let mut rng = Rng(0x00C0_FFEE_5EED);
        let tenant = guid(&mut rng);
        let guest_tenant = guid(&mut rng);
        let last_names: Vec<&str> = LAST_NAMES.split(',').collect();
        let guests: Vec<&str> = GUESTS.split(',').collect();
        assert_eq!(guests.len(), GUEST_COUNT);
        let mut users = Vec::with_capacity(USERS);
        for i in 0..USERS {
            let guest = i >= MEMBERS;
            let name = if guest {
                let g = guests[i - MEMBERS];
                let (first, last) = g.split_once('.').unwrap_or((g, ""));
                format!("{} {} (Fabrikam)", capitalize(first), capitalize(last))
            } else if i % 97 == 41 {
                SPECIAL_NAMES[(i / 97) % SPECIAL_NAMES.len()].to_string()
            } else {
                format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&last_names))
            };
            let upn = if guest {
                format!("{}@fabrikam.com", guests[i - MEMBERS])
            } else {
                format!("user{:04}@contoso.com", i + 1)
            };
            let mut display = Vec::with_capacity(name.len() + 4);
            escape_into(&mut display, &name);
            let os = match rng.below(100) {
                0..45 => 0,
                45..70 => 1,
                70..85 => 2,
                85..95 => 3,
                _ => 4,
            };
            let device_name = match os {
                0 | 1 => format!("CONTOSO-LT{:04}", i + 1),
                2 => format!("MacBook-{:04}", i + 1),
                3 => "iPhone".to_string(),
                _ => "Pixel 8".to_string(),
            };
            users.push(User {
                upn,
                name,
                display,
                id: guid(&mut rng),
                guest,
                contractor: !guest && i % 50 == 7,
                office: i % OFFICES.len(),
                os,
                device_id: guid(&mut rng),
                device_name,
            });
        }
        let problem_users = (0..USERS).filter(|i| i % 13 == 0).collect();
        let contractors = (0..USERS).filter(|&i| users[i].contractor).collect();
        World {
            users,
            tenant,
            guest_tenant,
            // Its own generator, so the users and ids above stay what they always were.
            workspace: guid(&mut Rng(0x00A1_1A05_5EED)),
            resource_sp: RESOURCES.iter().map(|_| guid(&mut rng)).collect(),
            mfa_reason: RESOURCES
                .iter()
                .map(|r| {
                    format!(
                        "Due to a configuration change made by your administrator, or because you \
                         moved to a new location, you must use multi-factor authentication to \
                         access '{}'.",
                        r.id
                    )
                })
                .collect(),
            problem_users,
            contractors,
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// One sign-in: the outcome, then signals that fit it, then the policies that fit the signals

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cause {
    Location,
    DeviceState,
    DevicePlatform,
    ClientApp,
    Risk,
    AuthFlow,
    PolicyScope,
}

impl Cause {
    const ALL: [Cause; 7] = [
        Cause::Location,
        Cause::DeviceState,
        Cause::DevicePlatform,
        Cause::ClientApp,
        Cause::Risk,
        Cause::AuthFlow,
        Cause::PolicyScope,
    ];

    /// The cause names of DESIGN.md's contract, so the summary compares 1:1 with the tool.
    fn name(self) -> &'static str {
        match self {
            Cause::Location => "location",
            Cause::DeviceState => "device_state",
            Cause::DevicePlatform => "device_platform",
            Cause::ClientApp => "client_app",
            Cause::Risk => "risk",
            Cause::AuthFlow => "auth_flow",
            Cause::PolicyScope => "policy_scope",
        }
    }

    /// The policy that blocks a record drawn for this cause.
    fn blocking_policy(self, r: &Rec) -> Kind {
        match self {
            Cause::Location => Kind::BlockCountries,
            Cause::DeviceState => Kind::BlockUnmanagedAzure,
            Cause::DevicePlatform => Kind::BlockPlatforms,
            Cause::ClientApp => Kind::BlockLegacy,
            Cause::Risk if r.risk.during == "high" => Kind::BlockSignInRisk,
            Cause::Risk => Kind::BlockUserRisk,
            Cause::AuthFlow => Kind::BlockDeviceCode,
            Cause::PolicyScope => Kind::BlockContractorsAzure,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Success,
    BadPassword,
    MfaInterrupt,
    MfaRequired,
    NotCompliant,
    KmsiInterrupt,
    Blocked(Cause),
}

impl Outcome {
    fn error_code(self) -> u64 {
        match self {
            Outcome::Success => 0,
            Outcome::BadPassword => 50126,
            Outcome::MfaInterrupt => 50074,
            Outcome::MfaRequired => 50076,
            Outcome::NotCompliant => 53000,
            Outcome::KmsiInterrupt => 50140,
            Outcome::Blocked(_) => 53003,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Network {
    /// An office egress IP inside a trusted named location.
    Trusted,
    /// An allowed country, but no trusted network.
    Allowed,
    /// A country outside the allowed list.
    Foreign,
}

struct Applied {
    policy: usize,
    result: &'static str,
    satisfied: u32,
    not_satisfied: u32,
}

struct Risk {
    during: &'static str,
    aggregated: &'static str,
    state: &'static str,
    events: &'static [&'static str],
}

const NO_RISK: Risk = Risk {
    during: "none",
    aggregated: "none",
    state: "none",
    events: &[],
};

const SIGNIN_RISKS: [Risk; 4] = [
    Risk {
        during: "high",
        aggregated: "medium",
        state: "atRisk",
        events: &["anonymizedIPAddress"],
    },
    Risk {
        during: "high",
        aggregated: "high",
        state: "atRisk",
        events: &["unfamiliarFeatures", "unlikelyTravel"],
    },
    Risk {
        during: "high",
        aggregated: "medium",
        state: "atRisk",
        events: &["maliciousIPAddress"],
    },
    Risk {
        during: "high",
        aggregated: "low",
        state: "atRisk",
        events: &["unfamiliarFeatures"],
    },
];

const USER_RISKS: [Risk; 2] = [
    Risk {
        during: "none",
        aggregated: "high",
        state: "atRisk",
        events: &["leakedCredentials"],
    },
    Risk {
        during: "low",
        aggregated: "high",
        state: "confirmedCompromised",
        events: &[],
    },
];

/// Everything that varies per record. One instance is reused for the whole run.
struct Rec {
    outcome: Outcome,
    user: usize,
    app: usize,
    client: &'static str,
    legacy: bool,
    device_code: bool,
    user_agent: &'static str,
    os: &'static str,
    browser: &'static str,
    registered: bool,
    compliant: bool,
    managed: bool,
    trust: &'static str,
    network: Network,
    office: usize,
    city: &'static City,
    ip: String,
    asn: u64,
    risk: &'static Risk,
    mfa_done: bool,
    mfa_by_claim: bool,
    scope_info: bool,
    processing_ms: u64,
    policies: Vec<Applied>,
    ca_status: &'static str,
    additional: Option<&'static str>,
    id: Guid,
    correlation: Guid,
    session: Guid,
    token: [u8; 22],
    ticks: i64,
}

impl Rec {
    fn new() -> Rec {
        Rec {
            outcome: Outcome::Success,
            user: 0,
            app: 0,
            client: "Browser",
            legacy: false,
            device_code: false,
            user_agent: "",
            os: "",
            browser: "",
            registered: true,
            compliant: true,
            managed: true,
            trust: "",
            network: Network::Trusted,
            office: 0,
            city: &OFFICES[0].1,
            ip: String::with_capacity(40),
            asn: 0,
            risk: &NO_RISK,
            mfa_done: false,
            mfa_by_claim: false,
            scope_info: false,
            processing_ms: 0,
            policies: Vec::with_capacity(8),
            ca_status: "notApplied",
            additional: None,
            id: [b'0'; 36],
            correlation: [b'0'; 36],
            session: [b'0'; 36],
            token: [b'A'; 22],
            ticks: START_TICKS,
        }
    }

    fn is_block(&self) -> bool {
        matches!(self.outcome, Outcome::Blocked(_))
    }
}

fn draw_outcome(rng: &mut Rng, blocked_percent: f64) -> Outcome {
    if rng.unit100() < blocked_percent {
        let cause = match rng.below(100) {
            0..34 => Cause::Location,
            34..54 => Cause::DeviceState,
            54..62 => Cause::DevicePlatform,
            62..77 => Cause::ClientApp,
            77..86 => Cause::Risk,
            86..93 => Cause::AuthFlow,
            _ => Cause::PolicyScope,
        };
        return Outcome::Blocked(cause);
    }
    match rng.below(100) {
        0..80 => Outcome::Success,
        80..86 => Outcome::BadPassword,
        86..90 => Outcome::MfaInterrupt,
        90..95 => Outcome::MfaRequired,
        95..97 => Outcome::NotCompliant,
        _ => Outcome::KmsiInterrupt,
    }
}

fn pick_app(rng: &mut Rng, platform: u8, candidates: &[usize]) -> usize {
    for _ in 0..8 {
        let app = *rng.pick(candidates);
        if APPS[app].platforms & platform != 0 {
            return app;
        }
    }
    // OfficeHome runs everywhere; falling back keeps the draw bounded.
    5
}

const ALL_APPS: [usize; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
/// Browser apps, for the Linux laptops that CA006 blocks.
const WEB_APPS: [usize; 5] = [0, 1, 3, 4, 5];
/// Apps whose resource CA004 ("Office 365") covers.
const OFFICE_APPS: [usize; 7] = [0, 1, 2, 3, 4, 7, 8];

fn draw_record(rec: &mut Rec, rng: &mut Rng, w: &World, blocked_percent: f64) {
    let outcome = draw_outcome(rng, blocked_percent);
    rec.outcome = outcome;
    rec.user = match outcome {
        Outcome::Blocked(Cause::PolicyScope) => *rng.pick(&w.contractors),
        Outcome::Blocked(_) if rng.percent(65) => *rng.pick(&w.problem_users),
        _ => rng.index(USERS),
    };
    let user = &w.users[rec.user];

    // Benign defaults: the user's own managed device, a modern client, usually at the office.
    let os = &OSES[user.os];
    rec.app = pick_app(rng, os.platform, &ALL_APPS);
    set_client(rec, os);
    rec.legacy = false;
    rec.device_code = false;
    rec.registered = true;
    rec.compliant = true;
    rec.managed = true;
    rec.trust = os.trust;
    rec.network = if rng.percent(75) {
        Network::Trusted
    } else {
        Network::Allowed
    };
    rec.risk = &NO_RISK;
    rec.mfa_done = rec.network != Network::Trusted || rng.percent(30);

    match outcome {
        Outcome::Success | Outcome::KmsiInterrupt => {}
        Outcome::BadPassword => rec.mfa_done = false,
        Outcome::MfaInterrupt | Outcome::MfaRequired => {
            rec.network = Network::Allowed;
            rec.mfa_done = false;
        }
        Outcome::NotCompliant => {
            rec.app = pick_app(rng, os.platform, &OFFICE_APPS);
            set_client(rec, os);
            rec.compliant = false;
            rec.managed = rng.percent(30);
            rec.trust = "Azure AD registered";
        }
        Outcome::Blocked(cause) => {
            rec.mfa_done = rng.percent(50);
            match cause {
                Cause::Location => rec.network = Network::Foreign,
                Cause::DeviceState => {
                    // A personal laptop: the browser or the Az module, no device identity.
                    let os = &OSES[*rng.pick(&[0, 1, 2])];
                    rec.app = *rng.pick(&[APP_AZURE_PORTAL, APP_AZURE_POWERSHELL]);
                    set_client(rec, os);
                    unregister(rec);
                }
                Cause::DevicePlatform => {
                    let os = &OSES[OS_LINUX];
                    rec.app = *rng.pick(&WEB_APPS);
                    set_client(rec, os);
                    unregister(rec);
                }
                Cause::ClientApp => {
                    let (client, agent, os) = *rng.pick(&LEGACY_CLIENTS);
                    rec.app = APP_EXCHANGE;
                    rec.client = client;
                    rec.user_agent = agent;
                    rec.os = os;
                    rec.browser = "";
                    rec.legacy = true;
                    rec.mfa_done = false;
                    unregister(rec);
                }
                Cause::Risk => {
                    if rng.percent(50) {
                        rec.risk = rng.pick(&SIGNIN_RISKS);
                    } else {
                        rec.risk = rng.pick(&USER_RISKS);
                    }
                    rec.network = Network::Allowed;
                }
                Cause::AuthFlow => {
                    // The code is typed into a browser elsewhere, so no device identity comes along.
                    rec.app = *rng.pick(&[APP_AZURE_CLI, APP_AZURE_POWERSHELL]);
                    rec.client = "Mobile Apps and Desktop clients";
                    rec.user_agent = os.web_agent;
                    rec.browser = os.web_browser;
                    rec.device_code = true;
                    unregister(rec);
                }
                Cause::PolicyScope => {
                    rec.app = APP_AZURE_PORTAL;
                    set_client(rec, os);
                }
            }
        }
    }

    rec.office = user.office;
    match rec.network {
        Network::Trusted => {
            rec.city = &OFFICES[user.office].1;
            rec.ip.clear();
            let host = 1 + user.office * 40 + rng.index(40);
            let _ = write!(rec.ip, "198.51.100.{host}");
            rec.asn = 64496;
        }
        Network::Allowed => {
            rec.city = rng.pick(&ALLOWED_CITIES);
            rec.ip.clear();
            if rng.percent(15) {
                let _ = write!(
                    rec.ip,
                    "2001:db8:{:x}:{:x}::{:x}",
                    rng.below(0x10000),
                    rng.below(0x10000),
                    1 + rng.below(0xfffe)
                );
            } else {
                let _ = write!(rec.ip, "203.0.113.{}", 1 + rng.below(254));
            }
            rec.asn = 64497 + rng.below(10);
        }
        Network::Foreign => {
            rec.city = rng.pick(&BLOCKED_CITIES);
            rec.ip.clear();
            let _ = write!(rec.ip, "192.0.2.{}", 1 + rng.below(254));
            rec.asn = 64507 + rng.below(5);
        }
    }

    rec.mfa_by_claim = rec.mfa_done && rng.percent(40);
    rec.scope_info = rng.percent(30);
    rec.processing_ms = 40 + rng.below(360);
    rec.additional = match outcome {
        Outcome::Success if rec.mfa_by_claim => {
            Some("MFA requirement satisfied by claim in the token")
        }
        Outcome::Success if rec.mfa_done => Some("MFA completed in Azure AD"),
        Outcome::Success | Outcome::KmsiInterrupt | Outcome::NotCompliant => None,
        Outcome::BadPassword => Some(
            "The user didn't enter the right credentials. It's expected to see some number of \
             these errors in your logs due to users making mistakes.",
        ),
        Outcome::MfaInterrupt | Outcome::MfaRequired => Some("MFA required in Azure AD"),
        Outcome::Blocked(_) => Some(
            "If this is unexpected, see the conditional access policy that applied to this \
             request in the Azure Portal.",
        ),
    };

    choose_policies(rec, rng, w);

    rec.id = guid(rng);
    rec.correlation = guid(rng);
    rec.session = guid(rng);
    rec.token = token_id(rng);
}

fn set_client(rec: &mut Rec, os: &'static Os) {
    let app = &APPS[rec.app];
    rec.os = os.name;
    if app.web {
        rec.client = "Browser";
        rec.browser = os.web_browser;
        rec.user_agent = os.web_agent;
    } else {
        rec.client = "Mobile Apps and Desktop clients";
        rec.browser = os.app_browser;
        rec.user_agent = os.app_agent;
    }
}

fn unregister(rec: &mut Rec) {
    rec.registered = false;
    rec.compliant = false;
    rec.managed = false;
    rec.trust = "";
}

/// How a policy would evaluate on this record: (result, satisfied, notSatisfied).
fn evaluate(kind: Kind, r: &Rec, w: &World) -> (&'static str, u32, u32) {
    let user = &w.users[r.user];
    let resource = APPS[r.app].resource;
    let azure = resource == RES_AZURE;
    let fail_if = |bad: bool, cond: u32| {
        if bad {
            ("failure", C_AU | cond, 0)
        } else {
            ("notApplied", C_AU, cond)
        }
    };
    match kind {
        Kind::MfaAllUsers if r.network == Network::Trusted => ("notApplied", C_AU, C_WHERE),
        Kind::MfaAllUsers if r.mfa_done => ("success", C_AU | C_WHERE, 0),
        Kind::MfaAllUsers => ("failure", C_AU | C_WHERE, 0),
        Kind::BlockLegacy => fail_if(r.legacy, C_CLIENT_TYPE),
        Kind::BlockCountries => fail_if(r.network == Network::Foreign, C_WHERE),
        Kind::CompliantOffice if OFFICE_APPS.contains(&r.app) && r.compliant => {
            ("success", C_AU, 0)
        }
        Kind::CompliantOffice if OFFICE_APPS.contains(&r.app) => ("failure", C_AU, 0),
        Kind::CompliantOffice => ("notApplied", C_USERS, C_APP),
        Kind::BlockUnmanagedAzure if azure => fail_if(!r.registered, C_DEVICE_STATE),
        Kind::BlockUnmanagedAzure => ("notApplied", C_USERS, C_APP),
        Kind::BlockPlatforms => fail_if(r.os == "Linux", C_PLATFORM),
        Kind::BlockSignInRisk => fail_if(r.risk.during == "high", C_SIGNIN_RISK),
        Kind::BlockUserRisk => fail_if(r.risk.aggregated == "high", C_USER_RISK),
        Kind::BlockDeviceCode => fail_if(r.device_code, C_FLOWS),
        Kind::BlockContractorsAzure => match (azure, user.contractor) {
            (true, true) => ("failure", C_AU, 0),
            (true, false) => ("notApplied", C_APP, C_USERS),
            (false, true) => ("notApplied", C_USERS, C_APP),
            (false, false) => ("notApplied", 0, C_AU),
        },
        Kind::SignInFrequency => ("success", C_AU, 0),
        Kind::PilotCompliant if r.compliant => ("reportOnlySuccess", C_AU, 0),
        Kind::PilotCompliant => ("reportOnlyFailure", C_AU, 0),
        Kind::SharePointRestrictions if resource == RES_SHAREPOINT => ("success", C_AU, 0),
        Kind::SharePointRestrictions => ("notApplied", C_USERS, C_APP),
        Kind::GuestTerms if user.guest => ("success", C_AU, 0),
        Kind::GuestTerms => ("notApplied", C_APP, C_USERS),
        Kind::ReportOnlyUntrusted if r.network == Network::Trusted => {
            ("reportOnlyNotApplied", C_AU, C_WHERE)
        }
        Kind::ReportOnlyUntrusted => ("reportOnlyFailure", C_AU | C_WHERE, 0),
        Kind::DisabledVpn => ("notEnabled", 0, 0),
        Kind::MfaAzure if !azure => ("notApplied", C_USERS, C_APP),
        Kind::MfaAzure if r.mfa_done => ("success", C_AU, 0),
        Kind::MfaAzure => ("failure", C_AU, 0),
    }
}

/// The policy that must fail for this outcome, if any.
fn forced_policy(r: &Rec) -> Option<Kind> {
    match r.outcome {
        Outcome::Blocked(cause) => Some(cause.blocking_policy(r)),
        Outcome::NotCompliant => Some(Kind::CompliantOffice),
        Outcome::MfaInterrupt | Outcome::MfaRequired => Some(Kind::MfaAllUsers),
        _ => None,
    }
}

fn choose_policies(rec: &mut Rec, rng: &mut Rng, w: &World) {
    rec.policies.clear();
    let outcome = rec.outcome;
    let forced = forced_policy(rec);
    let empty = match outcome {
        // CA is not evaluated before the password check passes.
        Outcome::BadPassword => true,
        // An export made without CA read rights: the block stays, the policy details go.
        Outcome::Blocked(_) => rng.percent(10),
        _ => false,
    };
    if !empty {
        let target = 3 + rng.index(4);
        if let Some(kind) = forced {
            let (result, satisfied, not_satisfied) = evaluate(kind, rec, w);
            debug_assert_eq!(result, "failure");
            rec.policies.push(Applied {
                policy: kind as usize,
                result,
                satisfied,
                not_satisfied,
            });
        }
        let mut order: [usize; POLICIES.len()] = std::array::from_fn(|i| i);
        for i in 0..order.len() {
            if rec.policies.len() >= target {
                break;
            }
            let j = i + rng.index(order.len() - i);
            order.swap(i, j);
            let kind = POLICIES[order[i]].kind;
            if Some(kind) == forced {
                continue;
            }
            let (result, satisfied, not_satisfied) = evaluate(kind, rec, w);
            // Only the policy behind this outcome may fail; another failure would muddy
            // the ground truth the summary line promises.
            if result == "failure" {
                continue;
            }
            rec.policies.push(Applied {
                policy: order[i],
                result,
                satisfied,
                not_satisfied,
            });
        }
        if !rec.policies.is_empty() {
            let k = rng.index(rec.policies.len());
            rec.policies.swap(0, k);
        }
    }
    rec.ca_status = if rec.is_block() || rec.policies.iter().any(|a| a.result == "failure") {
        "failure"
    } else if rec.policies.iter().any(|a| a.result == "success") {
        "success"
    } else {
        "notApplied"
    };
}

// ---------------------------------------------------------------------------------------------
// Writing records

/// `status.failureReason`, including 50076's resource-specific sentence.
fn reason_text<'a>(r: &Rec, w: &'a World) -> &'a str {
    match r.outcome {
        Outcome::Success => "Other.",
        Outcome::BadPassword => "Error validating credentials due to invalid username or password.",
        Outcome::MfaInterrupt => "Strong Authentication is required.",
        Outcome::MfaRequired => &w.mfa_reason[APPS[r.app].resource],
        Outcome::NotCompliant => {
            "Device is not in required device state: compliant. Conditional Access policy \
             requires a compliant device, and the device is not compliant. The user must enroll \
             their device with an approved MDM provider like Intune."
        }
        Outcome::KmsiInterrupt => {
            "This error occurred due to 'Keep me signed in' interrupt when the user was signing in."
        }
        Outcome::Blocked(_) => {
            "Access has been blocked by Conditional Access policies. The access policy does not \
             allow token issuance."
        }
    }
}

fn write_status(j: &mut Json, r: &Rec, w: &World, diag: bool) {
    let code = r.outcome.error_code();
    j.ko("status");
    j.kn("errorCode", code);
    // Diagnostic exports drop what they do not know; Graph writes every key.
    if !diag || code != 0 {
        j.ks("failureReason", reason_text(r, w));
    }
    match (diag, r.additional) {
        (_, Some(text)) => j.ks("additionalDetails", text),
        (false, None) => j.knull("additionalDetails"),
        (true, None) => {}
    }
    j.end_obj();
}

fn write_device(j: &mut Json, r: &Rec, w: &World, diag: bool) {
    let user = &w.users[r.user];
    j.ko("deviceDetail");
    if r.registered {
        j.kq("deviceId", &user.device_id);
        j.ks("displayName", &user.device_name);
    } else {
        j.ks("deviceId", "");
        if !diag {
            j.ks("displayName", "");
        }
    }
    j.ks("operatingSystem", r.os);
    j.ks("browser", r.browser);
    if r.registered || !diag {
        j.kb("isCompliant", r.compliant);
        j.kb("isManaged", r.managed);
        j.ks("trustType", r.trust);
    }
    j.end_obj();
}

fn write_location(j: &mut Json, c: &City, diag: bool) {
    j.ko("location");
    j.ks("city", c.city);
    j.ks("state", c.state);
    j.ks("countryOrRegion", c.country);
    j.ko("geoCoordinates");
    if !diag {
        j.knull("altitude");
    }
    j.kraw("latitude", c.lat);
    j.kraw("longitude", c.lon);
    j.end_obj();
    j.end_obj();
}

fn write_flags(j: &mut Json, bits: u32) {
    j.buf.push(b'"');
    if bits == 0 {
        j.buf.extend_from_slice(b"none");
    }
    let mut first = true;
    for (bit, name) in FLAG_NAMES {
        if bits & bit != 0 {
            if !first {
                j.buf.push(b',');
            }
            first = false;
            j.buf.extend_from_slice(name.as_bytes());
        }
    }
    j.buf.push(b'"');
}

fn write_rule(j: &mut Json, condition: &str, rule: &str) {
    j.item_obj();
    j.ks("conditionalAccessCondition", condition);
    j.ks("ruleSatisfied", rule);
    j.end_obj();
}

fn write_policies(j: &mut Json, r: &Rec, diag: bool) {
    j.ka("appliedConditionalAccessPolicies");
    for a in &r.policies {
        let p = &POLICIES[a.policy];
        j.item_obj();
        j.ks("id", p.id);
        j.ks("displayName", p.name);
        j.str_array("enforcedGrantControls", p.grant);
        j.str_array("enforcedSessionControls", p.session);
        if diag {
            j.ks("result", a.result);
            j.kn("conditionsSatisfied", u64::from(a.satisfied));
            j.kn("conditionsNotSatisfied", u64::from(a.not_satisfied));
        } else {
            j.str_array("sessionControlsNotSatisfied", NONE);
            j.ks("result", a.result);
            j.key("conditionsSatisfied");
            write_flags(j, a.satisfied);
            j.key("conditionsNotSatisfied");
            write_flags(j, a.not_satisfied);
            j.knull("authenticationStrength");
            j.ka("includeRulesSatisfied");
            if a.satisfied & C_APP != 0 {
                write_rule(j, "application", p.app_rule);
            }
            if a.satisfied & C_USERS != 0 {
                write_rule(j, "users", p.user_rule);
            }
            for &(bit, condition, rule) in p.include {
                let excluded = a.not_satisfied & bit != 0 && p.exclude.iter().any(|e| e.0 == bit);
                if a.satisfied & bit != 0 || excluded {
                    write_rule(j, condition, rule);
                }
            }
            j.end_arr();
            j.ka("excludeRulesSatisfied");
            for &(bit, condition, rule) in p.exclude {
                if a.not_satisfied & bit != 0 {
                    write_rule(j, condition, rule);
                }
            }
            j.end_arr();
        }
        j.end_obj();
    }
    j.end_arr();
}

fn write_risk(j: &mut Json, r: &Rec, diag: bool) {
    j.ks("riskDetail", "none");
    j.ks("riskLevelAggregated", r.risk.aggregated);
    j.ks("riskLevelDuringSignIn", r.risk.during);
    j.ks("riskState", r.risk.state);
    // The old enum field left the beta docs but diagnostic settings still send it.
    if diag {
        j.str_array("riskEventTypes", r.risk.events);
    }
    j.str_array("riskEventTypes_v2", r.risk.events);
}

fn write_processing(j: &mut Json, r: &Rec) {
    j.ka("authenticationProcessingDetails");
    j.item_obj();
    j.ks("key", "Legacy TLS (TLS 1.0, 1.1, 3DES)");
    j.ks("value", "False");
    j.end_obj();
    j.item_obj();
    j.ks("key", "Is CAE Token");
    j.ks("value", "False");
    j.end_obj();
    if r.scope_info {
        // A JSON list inside a string, as Entra logs it: exercises escaped quotes.
        j.item_obj();
        j.ks("key", "Oauth Scope Info");
        j.ks(
            "value",
            "[\"email\",\"openid\",\"profile\",\"User.Read\",\"offline_access\"]",
        );
        j.end_obj();
    }
    j.end_arr();
}

fn write_network(j: &mut Json, r: &Rec) {
    j.ka("networkLocationDetails");
    let (kind, name) = match r.network {
        Network::Trusted => ("trustedNamedLocation", OFFICES[r.office].0),
        Network::Allowed => ("namedNetwork", "Allowed countries"),
        Network::Foreign => ("", ""),
    };
    if !kind.is_empty() {
        j.item_obj();
        j.ks("networkType", kind);
        j.str_array("networkNames", &[name]);
        j.end_obj();
    }
    j.end_arr();
}

/// One `authenticationDetails` step: method, method detail, succeeded, result, requirement,
/// and the diagnostic copy's RequestSequence.
type Step = (
    &'static str,
    Option<&'static str>,
    bool,
    &'static str,
    &'static str,
    u64,
);

const PRIMARY: &str = "Primary authentication";
const SECOND: &str = "Multi-factor authentication";
const CLAIM_FIRST: Step = (
    "Previously satisfied",
    None,
    true,
    "First factor requirement satisfied by claim in the token",
    PRIMARY,
    1,
);
const CLAIM_MFA: Step = (
    "Previously satisfied",
    None,
    true,
    "MFA requirement satisfied by claim in the token",
    SECOND,
    0,
);
const PASSWORD_OK: Step = (
    "Password",
    Some("Password Hash Sync"),
    true,
    "Correct password",
    PRIMARY,
    1,
);
const PASSWORD_BAD: Step = (
    "Password",
    Some("Password Hash Sync"),
    false,
    "Invalid username or password or Invalid on-premise username or password.",
    PRIMARY,
    1,
);
const PUSH_MFA: Step = (
    "Mobile app notification",
    None,
    true,
    "MFA successfully completed",
    SECOND,
    0,
);

fn write_auth_details(j: &mut Json, r: &Rec, time: &TimeBuf, diag: bool) {
    let steps: &[&Step] = if r.mfa_by_claim {
        &[&CLAIM_FIRST, &CLAIM_MFA]
    } else if r.outcome == Outcome::BadPassword {
        &[&PASSWORD_BAD]
    } else if r.mfa_done {
        &[&PASSWORD_OK, &PUSH_MFA]
    } else {
        &[&PASSWORD_OK]
    };
    j.ka("authenticationDetails");
    for &&(method, detail, ok, result, requirement, sequence) in steps {
        j.item_obj();
        j.kq("authenticationStepDateTime", time.as_bytes());
        j.ks("authenticationMethod", method);
        j.ks_opt("authenticationMethodDetail", detail);
        j.kb("succeeded", ok);
        j.ks("authenticationStepResultDetail", result);
        j.ks("authenticationStepRequirement", requirement);
        if diag {
            // PascalCase, exactly as the diagnostic copies carry them.
            j.kn("StatusSequence", 0);
            j.kn("RequestSequence", sequence);
        }
        j.end_obj();
    }
    j.end_arr();
}

fn write_requirement_policies(j: &mut Json, r: &Rec) {
    j.ka("authenticationRequirementPolicies");
    if r.mfa_done {
        j.item_obj();
        j.ks("requirementProvider", "multiConditionalAccess");
        j.ks("detail", "Conditional Access");
        j.end_obj();
    }
    j.end_arr();
}

fn methods_used(r: &Rec) -> &'static [&'static str] {
    if r.mfa_done && !r.mfa_by_claim {
        &["Password", "Mobile app notification"]
    } else {
        &[]
    }
}

fn protocol(r: &Rec) -> &'static str {
    if r.device_code {
        "deviceCode"
    } else if r.legacy {
        "ropc"
    } else {
        "none"
    }
}

fn auth_requirement(r: &Rec) -> &'static str {
    if r.mfa_done {
        "multiFactorAuthentication"
    } else {
        "singleFactorAuthentication"
    }
}

/// One Graph beta `signIn` (reference 15.2 key order, then the rarer keys).
fn write_graph(j: &mut Json, r: &Rec, w: &World) {
    let user = &w.users[r.user];
    let app = &APPS[r.app];
    let res = &RESOURCES[app.resource];
    let time = TimeBuf::format(r.ticks, TimeStyle::Seconds);
    j.open(b'{');
    j.kq("id", &r.id);
    j.kq("createdDateTime", time.as_bytes());
    j.kq("userDisplayName", &user.display);
    j.kq("userPrincipalName", user.upn.as_bytes());
    j.kq("userId", &user.id);
    j.ks("appId", app.id);
    j.ks("appDisplayName", app.name);
    j.kq("ipAddress", r.ip.as_bytes());
    j.knull("ipAddressFromResourceProvider");
    j.ks("clientAppUsed", r.client);
    j.ks("userAgent", r.user_agent);
    j.kq("correlationId", &r.correlation);
    j.ks("conditionalAccessStatus", r.ca_status);
    j.ks("originalRequestId", "");
    j.kb("isInteractive", true);
    j.ks("tokenIssuerName", "");
    j.ks("tokenIssuerType", "AzureAD");
    j.ks("clientCredentialType", "none");
    j.kn("processingTimeInMilliseconds", r.processing_ms);
    write_risk(j, r, false);
    j.ks("resourceDisplayName", res.name);
    j.ks("resourceId", res.id);
    j.kq("resourceTenantId", &w.tenant);
    j.kq(
        "homeTenantId",
        if user.guest {
            &w.guest_tenant
        } else {
            &w.tenant
        },
    );
    j.ks("homeTenantName", "");
    j.str_array("authenticationMethodsUsed", methods_used(r));
    j.ks("authenticationRequirement", auth_requirement(r));
    j.ks("signInIdentifier", "");
    j.knull("signInIdentifierType");
    j.str_array("signInEventTypes", &["interactiveUser"]);
    j.ks("servicePrincipalId", "");
    j.ks("userType", if user.guest { "guest" } else { "member" });
    j.kb("flaggedForReview", false);
    j.kb("isTenantRestricted", false);
    j.kn("autonomousSystemNumber", r.asn);
    j.ks(
        "crossTenantAccessType",
        if user.guest {
            "b2bCollaboration"
        } else {
            "none"
        },
    );
    j.kq("uniqueTokenIdentifier", &r.token);
    j.ks("incomingTokenType", "none");
    j.ks("authenticationProtocol", protocol(r));
    j.ks("signInTokenProtectionStatus", "none");
    j.ks(
        "originalTransferMethod",
        if r.device_code {
            "deviceCodeFlow"
        } else {
            "none"
        },
    );
    j.kb("isThroughGlobalSecureAccess", false);
    j.ks("globalSecureAccessIpAddress", "");
    j.kq("sessionId", &r.session);
    j.kq("resourceServicePrincipalId", &w.resource_sp[app.resource]);
    write_status(j, r, w, false);
    write_device(j, r, w, false);
    write_location(j, r.city, false);
    write_policies(j, r, false);
    j.str_array("authenticationContextClassReferences", NONE);
    write_processing(j, r);
    write_network(j, r);
    write_auth_details(j, r, &time, false);
    write_requirement_policies(j, r);
    j.str_array("sessionLifetimePolicies", NONE);
    j.ka("conditionalAccessAudiences");
    j.item_obj();
    j.ks("applicationId", res.id);
    j.ks("audienceReasons", "none");
    j.end_obj();
    j.end_arr();
    j.end_obj();
}

/// One line of a diagnostic-settings PT1H.json (reference 7.2, 7.3 and 15.3).
fn write_diag(j: &mut Json, r: &Rec, w: &World) {
    let user = &w.users[r.user];
    let app = &APPS[r.app];
    let res = &RESOURCES[app.resource];
    let code = r.outcome.error_code();
    let time = TimeBuf::format(r.ticks, TimeStyle::Offset);
    j.open(b'{');
    j.kq(
        "time",
        TimeBuf::format(r.ticks, TimeStyle::FractionZ).as_bytes(),
    );
    j.key("resourceId");
    j.buf.extend_from_slice(b"\"/tenants/");
    j.buf.extend_from_slice(&w.tenant);
    j.buf.extend_from_slice(b"/providers/Microsoft.aadiam\"");
    j.ks("operationName", "Sign-in activity");
    j.ks("operationVersion", "1.0");
    j.ks("category", "SignInLogs");
    j.kq("tenantId", &w.tenant);
    // A string here, unlike status.errorCode.
    j.key("resultType");
    j.buf.push(b'"');
    j.number(code);
    j.buf.push(b'"');
    j.ks("resultSignature", "None");
    j.ks(
        "resultDescription",
        if code == 0 { "" } else { reason_text(r, w) },
    );
    j.kn("durationMs", 0);
    j.kq("callerIpAddress", r.ip.as_bytes());
    j.kq("correlationId", &r.correlation);
    j.kq("identity", &user.display);
    j.kn("Level", 4);
    j.ks("location", r.city.country);
    j.ko("properties");
    j.kq("id", &r.id);
    j.kq("createdDateTime", time.as_bytes());
    j.kq("userDisplayName", &user.display);
    j.kq("userPrincipalName", user.upn.as_bytes());
    j.kq("userId", &user.id);
    j.ks("appId", app.id);
    j.ks("appDisplayName", app.name);
    j.kq("ipAddress", r.ip.as_bytes());
    write_status(j, r, w, true);
    j.ks("clientAppUsed", r.client);
    j.ks("userAgent", r.user_agent);
    write_device(j, r, w, true);
    write_location(j, r.city, true);
    j.ko("mfaDetail");
    j.end_obj();
    j.kq("correlationId", &r.correlation);
    j.ks("conditionalAccessStatus", r.ca_status);
    write_policies(j, r, true);
    j.kq("originalRequestId", &r.id);
    j.kb("isInteractive", true);
    j.ks("tokenIssuerName", "");
    j.ks("tokenIssuerType", "AzureAD");
    write_processing(j, r);
    write_network(j, r);
    j.ks("clientCredentialType", "none");
    j.kn("processingTimeInMilliseconds", r.processing_ms);
    write_risk(j, r, true);
    j.ks("resourceDisplayName", res.name);
    j.ks("resourceId", res.id);
    j.kq("resourceTenantId", &w.tenant);
    j.kq(
        "homeTenantId",
        if user.guest {
            &w.guest_tenant
        } else {
            &w.tenant
        },
    );
    j.kq("tenantId", &w.tenant);
    write_auth_details(j, r, &time, true);
    write_requirement_policies(j, r);
    j.str_array("sessionLifetimePolicies", NONE);
    j.ks("authenticationRequirement", auth_requirement(r));
    j.ks("servicePrincipalId", "");
    j.ks("userType", if user.guest { "Guest" } else { "Member" });
    j.kb("flaggedForReview", false);
    j.kb("isTenantRestricted", false);
    j.kn("autonomousSystemNumber", r.asn);
    j.ks(
        "crossTenantAccessType",
        if user.guest {
            "b2bCollaboration"
        } else {
            "none"
        },
    );
    j.ko("privateLinkDetails");
    j.end_obj();
    j.ks("ssoExtensionVersion", "");
    j.kq("uniqueTokenIdentifier", &r.token);
    j.ks("incomingTokenType", "none");
    j.ks("authenticationProtocol", protocol(r));
    j.kq("resourceServicePrincipalId", &w.resource_sp[app.resource]);
    j.ks("signInTokenProtectionStatus", "none");
    j.ks(
        "originalTransferMethod",
        if r.device_code {
            "deviceCodeFlow"
        } else {
            "none"
        },
    );
    j.kb("isThroughGlobalSecureAccess", false);
    j.kq("sessionId", &r.session);
    j.end_obj();
    j.end_obj();
}

// ---------------------------------------------------------------------------------------------
// Log Analytics rows and the portal CSV download

/// `SigninLogs` columns in the order of the portal's "Export to CSV (all columns)"
/// (reference 8.2), with the query API's type for each (reference 8.1).
const LA_COLUMNS: [(&str, &str); 76] = [
    ("TenantId", "string"),
    ("SourceSystem", "string"),
    ("TimeGenerated", "datetime"),
    ("ResourceId", "string"),
    ("OperationName", "string"),
    ("OperationVersion", "string"),
    ("Category", "string"),
    ("ResultType", "string"),
    ("ResultSignature", "string"),
    ("ResultDescription", "string"),
    ("DurationMs", "long"),
    ("CorrelationId", "string"),
    ("Resource", "string"),
    ("ResourceGroup", "string"),
    ("ResourceProvider", "string"),
    ("Identity", "string"),
    ("Level", "string"),
    ("Location", "string"),
    ("AlternateSignInName", "string"),
    ("AppDisplayName", "string"),
    ("AppId", "string"),
    ("AuthenticationContextClassReferences", "string"),
    ("AuthenticationDetails", "string"),
    ("AppliedEventListeners", "dynamic"),
    ("AuthenticationMethodsUsed", "string"),
    ("AuthenticationProcessingDetails", "string"),
    ("AuthenticationRequirement", "string"),
    ("AuthenticationRequirementPolicies", "string"),
    ("ClientAppUsed", "string"),
    ("ConditionalAccessPolicies", "dynamic"),
    ("ConditionalAccessStatus", "string"),
    ("CreatedDateTime", "datetime"),
    ("DeviceDetail", "dynamic"),
    ("IsInteractive", "bool"),
    ("Id", "string"),
    ("IPAddress", "string"),
    ("IsRisky", "bool"),
    ("LocationDetails", "dynamic"),
    ("MfaDetail", "dynamic"),
    ("NetworkLocationDetails", "string"),
    ("OriginalRequestId", "string"),
    ("ProcessingTimeInMilliseconds", "string"),
    ("RiskDetail", "string"),
    ("RiskEventTypes", "string"),
    ("RiskEventTypes_V2", "string"),
    ("RiskLevelAggregated", "string"),
    ("RiskLevelDuringSignIn", "string"),
    ("RiskState", "string"),
    ("ResourceDisplayName", "string"),
    ("ResourceIdentity", "string"),
    ("ResourceServicePrincipalId", "string"),
    ("ServicePrincipalId", "string"),
    ("ServicePrincipalName", "string"),
    ("Status", "dynamic"),
    ("TokenIssuerName", "string"),
    ("TokenIssuerType", "string"),
    ("UserAgent", "string"),
    ("UserDisplayName", "string"),
    ("UserId", "string"),
    ("UserPrincipalName", "string"),
    ("AADTenantId", "string"),
    ("UserType", "string"),
    ("FlaggedForReview", "bool"),
    ("IPAddressFromResourceProvider", "string"),
    ("SignInIdentifier", "string"),
    ("SignInIdentifierType", "string"),
    ("ResourceTenantId", "string"),
    ("HomeTenantId", "string"),
    ("UniqueTokenIdentifier", "string"),
    ("SessionLifetimePolicies", "string"),
    ("AutonomousSystemNumber", "string"),
    ("AuthenticationProtocol", "string"),
    ("CrossTenantAccessType", "string"),
    ("AppliedConditionalAccessPolicies", "string"),
    ("RiskLevel", "string"),
    ("Type", "string"),
];

/// The Entra portal's interactive sign-in CSV header (reference 9.2), byte for byte:
/// `Application ID ` and `Resource ID ` end with a space, `Autonomous system  number` has
/// two spaces and `Incoming token type` comes twice.
const PORTAL_COLUMNS: [&str; 57] = [
    "Date (UTC)",
    "Request ID",
    "User agent",
    "Correlation ID",
    "User ID",
    "User",
    "Username",
    "User type",
    "Cross tenant access type",
    "Incoming token type",
    "Authentication Protocol",
    "Unique token identifier",
    "Original transfer method",
    "Client credential type",
    "Token Protection - Sign In Session",
    "Token Protection - Sign In Session StatusCode",
    "Application",
    "Application ID ",
    "App owner tenant ID",
    "Resource",
    "Resource ID ",
    "Resource tenant ID",
    "Resource owner tenant ID",
    "Home tenant ID",
    "Home tenant name",
    "IP address",
    "Location",
    "Status",
    "Sign-in error code",
    "Failure reason",
    "Client app",
    "Device ID",
    "Browser",
    "Operating System",
    "Compliant",
    "Managed",
    "Join Type",
    "Multifactor authentication result",
    "Multifactor authentication auth method",
    "Multifactor authentication auth detail",
    "Authentication requirement",
    "Sign-in identifier",
    "Session ID",
    "IP address (seen by resource)",
    "Through Global Secure Access",
    "Global Secure Access IP address",
    "Autonomous system  number",
    "Flagged for review",
    "Token issuer type",
    "Incoming token type",
    "Token issuer name",
    "Latency",
    "Conditional Access",
    "Managed Identity type",
    "Associated Resource Id",
    "Federated Token Id",
    "Federated Token Issuer",
];

/// How a row of named cells is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cells {
    /// A JSON object keyed by column name; dynamic columns as JSON text strings.
    Object,
    /// A query API row: a JSON array in column order.
    Array,
    /// A CSV line ending in CRLF: `TRUE`/`FALSE`, nulls empty, datetimes in the LA
    /// portal's locale form.
    Csv,
}

/// Writes one row cell by cell. Each cell names its column, which keys the object form and,
/// in debug builds, checks the order against the header.
struct Row<'a> {
    out: &'a mut Vec<u8>,
    cells: Cells,
    col: usize,
    header: fn(usize) -> &'static str,
}

impl<'a> Row<'a> {
    fn begin(out: &'a mut Vec<u8>, cells: Cells, header: fn(usize) -> &'static str) -> Row<'a> {
        match cells {
            Cells::Object => out.push(b'{'),
            Cells::Array => out.push(b'['),
            Cells::Csv => {}
        }
        Row {
            out,
            cells,
            col: 0,
            header,
        }
    }

    fn cell(&mut self, name: &str) {
        debug_assert_eq!(name, (self.header)(self.col), "column {}", self.col);
        if self.col > 0 {
            self.out.push(b',');
        }
        self.col += 1;
        if self.cells == Cells::Object {
            self.out.push(b'"');
            self.out.extend_from_slice(name.as_bytes());
            self.out.extend_from_slice(b"\":");
        }
    }

    /// A string cell; also JSON text, which the JSON forms carry as a string.
    fn text(&mut self, name: &str, v: &[u8]) {
        self.cell(name);
        if self.cells == Cells::Csv {
            csv_field(self.out, v);
        } else {
            self.out.push(b'"');
            escape_bytes(self.out, v);
            self.out.push(b'"');
        }
    }

    fn s(&mut self, name: &str, v: &str) {
        self.text(name, v.as_bytes());
    }

    /// A string known to need no JSON escape and no CSV quotes (ids, tokens, codes).
    fn id(&mut self, name: &str, v: &[u8]) {
        self.cell(name);
        if self.cells == Cells::Csv {
            self.out.extend_from_slice(v);
        } else {
            self.out.push(b'"');
            self.out.extend_from_slice(v);
            self.out.push(b'"');
        }
    }

    /// A number in a string column (`"64496"`): LA keeps most numbers as strings.
    fn number_text(&mut self, name: &str, n: u64) {
        self.cell(name);
        if self.cells == Cells::Csv {
            push_number(self.out, n);
        } else {
            self.out.push(b'"');
            push_number(self.out, n);
            self.out.push(b'"');
        }
    }

    fn long(&mut self, name: &str, n: u64) {
        self.cell(name);
        push_number(self.out, n);
    }

    fn flag(&mut self, name: &str, v: bool) {
        self.cell(name);
        self.out.extend_from_slice(match (self.cells, v) {
            (Cells::Csv, true) => b"TRUE",
            (Cells::Csv, false) => b"FALSE",
            (_, true) => b"true",
            (_, false) => b"false",
        });
    }

    fn null(&mut self, name: &str) {
        self.cell(name);
        if self.cells != Cells::Csv {
            self.out.extend_from_slice(b"null");
        }
    }

    fn time(&mut self, name: &str, ticks: i64) {
        self.cell(name);
        self.out.push(b'"');
        if self.cells == Cells::Csv {
            push_locale_time(self.out, ticks);
        } else {
            let t = TimeBuf::format(ticks, TimeStyle::FractionZ);
            self.out.extend_from_slice(t.as_bytes());
        }
        self.out.push(b'"');
    }

    fn end(self, columns: usize) {
        debug_assert_eq!(self.col, columns);
        match self.cells {
            Cells::Object => self.out.push(b'}'),
            Cells::Array => self.out.push(b']'),
            Cells::Csv => self.out.extend_from_slice(b"\r\n"),
        }
    }
}

/// The compact JSON text of one value that `f` writes as member `key` (the writers above
/// write key and value together), for a Log Analytics dynamic or JSON-string column.
fn dynamic<'s>(s: &'s mut Json, key: &str, f: impl FnOnce(&mut Json)) -> &'s [u8] {
    s.buf.clear();
    s.depth = 0;
    s.open(b'{');
    f(s);
    debug_assert_eq!(&s.buf[2..2 + key.len()], key.as_bytes());
    &s.buf[key.len() + 4..]
}

/// Writes the header line of the CSV shapes and the opening of the query API response.
fn write_la_header(out: &mut Vec<u8>, shape: Shape) {
    match shape {
        Shape::LaApi => {
            out.extend_from_slice(b"{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[");
            for (i, (name, kind)) in LA_COLUMNS.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                for part in [
                    b"{\"name\":\"",
                    name.as_bytes(),
                    b"\",\"type\":\"",
                    kind.as_bytes(),
                ] {
                    out.extend_from_slice(part);
                }
                out.extend_from_slice(b"\"}");
            }
            out.extend_from_slice(b"],\"rows\":[");
        }
        Shape::LaCsv => {
            for (i, (name, kind)) in LA_COLUMNS.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(name.as_bytes());
                if *kind == "datetime" {
                    out.extend_from_slice(b" [UTC]");
                }
            }
            out.extend_from_slice(b"\r\n");
        }
        Shape::PortalCsv => {
            out.extend_from_slice(PORTAL_COLUMNS.join(",").as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        _ => {}
    }
}

/// One `SigninLogs` row (reference 8.1, 8.2 and 15.4): the diagnostic record's facts under
/// PascalCase column names, every dynamic column as JSON text.
fn write_la_row(out: &mut Vec<u8>, cells: Cells, s: &mut Json, r: &Rec, w: &World) {
    let user = &w.users[r.user];
    let app = &APPS[r.app];
    let res = &RESOURCES[app.resource];
    let code = r.outcome.error_code();
    let mut row = Row::begin(out, cells, |i| LA_COLUMNS[i].0);
    row.id("TenantId", &w.workspace);
    row.s("SourceSystem", "Azure AD");
    row.time("TimeGenerated", ingest_ticks(r));
    row.cell("ResourceId");
    if cells != Cells::Csv {
        row.out.push(b'"');
    }
    row.out.extend_from_slice(b"/tenants/");
    row.out.extend_from_slice(&w.tenant);
    row.out.extend_from_slice(b"/providers/Microsoft.aadiam");
    if cells != Cells::Csv {
        row.out.push(b'"');
    }
    row.s("OperationName", "Sign-in activity");
    row.s("OperationVersion", "1");
    row.s("Category", "SignInLogs");
    row.number_text("ResultType", code);
    row.s("ResultSignature", "None");
    row.s(
        "ResultDescription",
        if code == 0 { "" } else { reason_text(r, w) },
    );
    row.long("DurationMs", 0);
    row.id("CorrelationId", &r.correlation);
    row.s("Resource", "Microsoft.aadiam");
    row.s("ResourceGroup", "Microsoft.aadiam");
    row.s("ResourceProvider", "Microsoft.aadiam");
    row.s("Identity", &user.name);
    row.s("Level", "4");
    row.s("Location", r.city.country);
    row.s("AlternateSignInName", "");
    row.s("AppDisplayName", app.name);
    row.s("AppId", app.id);
    row.s("AuthenticationContextClassReferences", "[]");
    let time = TimeBuf::format(r.ticks, TimeStyle::Offset);
    let v = dynamic(s, "authenticationDetails", |j| {
        write_auth_details(j, r, &time, true);
    });
    row.text("AuthenticationDetails", v);
    // An empty dynamic: "" in JSON text exports, an empty CSV cell.
    row.s("AppliedEventListeners", "");
    let v = dynamic(s, "m", |j| j.str_array("m", methods_used(r)));
    row.text("AuthenticationMethodsUsed", v);
    let v = dynamic(s, "authenticationProcessingDetails", |j| {
        write_processing(j, r)
    });
    row.text("AuthenticationProcessingDetails", v);
    row.s("AuthenticationRequirement", auth_requirement(r));
    let v = dynamic(s, "authenticationRequirementPolicies", |j| {
        write_requirement_policies(j, r);
    });
    row.text("AuthenticationRequirementPolicies", v);
    row.s("ClientAppUsed", r.client);
    let v = dynamic(s, "appliedConditionalAccessPolicies", |j| {
        write_policies(j, r, true);
    });
    row.text("ConditionalAccessPolicies", v);
    row.s("ConditionalAccessStatus", r.ca_status);
    row.time("CreatedDateTime", r.ticks);
    let v = dynamic(s, "deviceDetail", |j| write_device(j, r, w, true));
    row.text("DeviceDetail", v);
    row.flag("IsInteractive", true);
    row.id("Id", &r.id);
    row.id("IPAddress", r.ip.as_bytes());
    row.null("IsRisky");
    let v = dynamic(s, "location", |j| write_location(j, r.city, true));
    row.text("LocationDetails", v);
    row.s("MfaDetail", "{}");
    let v = dynamic(s, "networkLocationDetails", |j| write_network(j, r));
    row.text("NetworkLocationDetails", v);
    row.id("OriginalRequestId", &r.id);
    row.number_text("ProcessingTimeInMilliseconds", r.processing_ms);
    row.s("RiskDetail", "none");
    let v = dynamic(s, "e", |j| j.str_array("e", r.risk.events));
    row.text("RiskEventTypes", v);
    row.text("RiskEventTypes_V2", v);
    row.s("RiskLevelAggregated", r.risk.aggregated);
    row.s("RiskLevelDuringSignIn", r.risk.during);
    row.s("RiskState", r.risk.state);
    row.s("ResourceDisplayName", res.name);
    row.s("ResourceIdentity", res.id);
    row.id("ResourceServicePrincipalId", &w.resource_sp[app.resource]);
    row.s("ServicePrincipalId", "");
    row.s("ServicePrincipalName", "");
    let v = dynamic(s, "status", |j| write_status(j, r, w, true));
    row.text("Status", v);
    row.s("TokenIssuerName", "");
    row.s("TokenIssuerType", "AzureAD");
    row.s("UserAgent", r.user_agent);
    row.s("UserDisplayName", &user.name);
    row.id("UserId", &user.id);
    row.s("UserPrincipalName", &user.upn);
    row.id("AADTenantId", &w.tenant);
    row.s("UserType", if user.guest { "Guest" } else { "Member" });
    row.flag("FlaggedForReview", false);
    row.s("IPAddressFromResourceProvider", "");
    row.s("SignInIdentifier", "");
    row.s("SignInIdentifierType", "");
    row.id("ResourceTenantId", &w.tenant);
    row.id(
        "HomeTenantId",
        if user.guest {
            &w.guest_tenant
        } else {
            &w.tenant
        },
    );
    row.id("UniqueTokenIdentifier", &r.token);
    row.s("SessionLifetimePolicies", "[]");
    row.number_text("AutonomousSystemNumber", r.asn);
    row.s("AuthenticationProtocol", protocol(r));
    row.s(
        "CrossTenantAccessType",
        if user.guest {
            "b2bCollaboration"
        } else {
            "none"
        },
    );
    row.s("AppliedConditionalAccessPolicies", "");
    row.s("RiskLevel", "");
    row.s("Type", "SigninLogs");
    row.end(LA_COLUMNS.len());
}

/// One row of the portal's CSV download (reference 9.2 and 15.6). It has no policy list.
/// Display values (`None`, `Yes`/`No`, `Single-factor authentication`, `Not Applied`) are
/// the guesses the reference and the fixtures use; the two protocol columns carry Graph's
/// enum spellings.
fn write_portal_row(out: &mut Vec<u8>, r: &Rec, w: &World) {
    let user = &w.users[r.user];
    let app = &APPS[r.app];
    let res = &RESOURCES[app.resource];
    let yes_no = |b: bool| if b { "Yes" } else { "No" };
    let mut row = Row::begin(out, Cells::Csv, |i| PORTAL_COLUMNS[i]);
    row.id(
        "Date (UTC)",
        TimeBuf::format(r.ticks, TimeStyle::Seconds).as_bytes(),
    );
    row.id("Request ID", &r.id);
    row.s("User agent", r.user_agent);
    row.id("Correlation ID", &r.correlation);
    row.id("User ID", &user.id);
    row.s("User", &user.name);
    row.s("Username", &user.upn);
    row.s("User type", if user.guest { "Guest" } else { "Member" });
    row.s(
        "Cross tenant access type",
        if user.guest {
            "B2B collaboration"
        } else {
            "None"
        },
    );
    row.s("Incoming token type", "None");
    row.s("Authentication Protocol", protocol(r));
    row.id("Unique token identifier", &r.token);
    row.s(
        "Original transfer method",
        if r.device_code {
            "deviceCodeFlow"
        } else {
            "none"
        },
    );
    row.s("Client credential type", "None");
    row.s("Token Protection - Sign In Session", "");
    row.s("Token Protection - Sign In Session StatusCode", "");
    row.s("Application", app.name);
    row.s("Application ID ", app.id);
    row.s("App owner tenant ID", "");
    row.s("Resource", res.name);
    row.s("Resource ID ", res.id);
    row.id("Resource tenant ID", &w.tenant);
    row.s("Resource owner tenant ID", "");
    row.id(
        "Home tenant ID",
        if user.guest {
            &w.guest_tenant
        } else {
            &w.tenant
        },
    );
    row.s("Home tenant name", "");
    row.id("IP address", r.ip.as_bytes());
    // "City, State, CC": always quoted, for the commas.
    row.cell("Location");
    row.out.push(b'"');
    for (i, part) in [r.city.city, r.city.state, r.city.country]
        .iter()
        .enumerate()
    {
        if i > 0 {
            row.out.extend_from_slice(b", ");
        }
        row.out.extend_from_slice(part.as_bytes());
    }
    row.out.push(b'"');
    row.s(
        "Status",
        match r.outcome {
            Outcome::Success => "Success",
            Outcome::MfaInterrupt | Outcome::KmsiInterrupt => "Interrupted",
            _ => "Failure",
        },
    );
    row.long("Sign-in error code", r.outcome.error_code());
    row.s("Failure reason", reason_text(r, w));
    row.s("Client app", r.client);
    if r.registered {
        row.id("Device ID", &user.device_id);
    } else {
        row.s("Device ID", "");
    }
    row.s("Browser", r.browser);
    row.s("Operating System", r.os);
    // Unknown for an unregistered device: empty, as diag and LA leave the keys out.
    row.s(
        "Compliant",
        if r.registered {
            yes_no(r.compliant)
        } else {
            ""
        },
    );
    row.s("Managed", if r.registered { yes_no(r.managed) } else { "" });
    row.s("Join Type", r.trust);
    row.s(
        "Multifactor authentication result",
        r.additional.unwrap_or(""),
    );
    row.s("Multifactor authentication auth method", "");
    row.s("Multifactor authentication auth detail", "");
    row.s(
        "Authentication requirement",
        if r.mfa_done {
            "Multifactor authentication"
        } else {
            "Single-factor authentication"
        },
    );
    row.s("Sign-in identifier", "");
    row.id("Session ID", &r.session);
    row.s("IP address (seen by resource)", "");
    row.s("Through Global Secure Access", "No");
    row.s("Global Secure Access IP address", "");
    row.long("Autonomous system  number", r.asn);
    row.s("Flagged for review", "No");
    row.s("Token issuer type", "AzureAD");
    row.s("Incoming token type", "None");
    row.s("Token issuer name", "");
    row.long("Latency", r.processing_ms);
    row.s(
        "Conditional Access",
        match r.ca_status {
            "success" => "Success",
            "failure" => "Failure",
            _ => "Not Applied",
        },
    );
    row.s("Managed Identity type", "");
    row.s("Associated Resource Id", "");
    row.s("Federated Token Id", "");
    row.s("Federated Token Issuer", "");
    row.end(PORTAL_COLUMNS.len());
}

// ---------------------------------------------------------------------------------------------
// The run

struct Stats {
    records: u64,
    bytes: u64,
    blocked: u64,
    blocked_users: Vec<bool>,
    without_policies: u64,
    would_block: u64,
    by_cause: [u64; 7],
}

impl Stats {
    fn count(&mut self, r: &Rec) {
        self.records += 1;
        if let Outcome::Blocked(cause) = r.outcome {
            self.blocked += 1;
            self.blocked_users[r.user] = true;
            self.by_cause[cause as usize] += 1;
            if r.policies.is_empty() {
                self.without_policies += 1;
            }
        }
        // Only sign-ins that went through count: a real block outranks a report-only one.
        let report_only_block = r.policies.iter().any(|a| {
            a.result == "reportOnlyFailure" && POLICIES[a.policy].grant.contains(&"Block")
        });
        if report_only_block && !r.is_block() {
            self.would_block += 1;
        }
    }

    fn line(&self) -> String {
        let users = self.blocked_users.iter().filter(|&&b| b).count();
        let mut line = format!(
            "records={} bytes={} blocked={} blocked_users={} blocked_without_policies={} \
             would_block={}",
            self.records, self.bytes, self.blocked, users, self.without_policies, self.would_block
        );
        for cause in Cause::ALL {
            let _ = write!(line, " {}={}", cause.name(), self.by_cause[cause as usize]);
        }
        line
    }
}

fn open_page(j: &mut Json) {
    j.open(b'{');
    j.ks(
        "@odata.context",
        "https://graph.microsoft.com/beta/$metadata#auditLogs/signIns",
    );
    j.ka("value");
}

/// The skip token comes from its own generator so every shape draws the same sign-ins.
fn close_page(j: &mut Json, last: bool, token_seed: u64) {
    j.end_arr();
    if !last {
        j.key("@odata.nextLink");
        j.buf.extend_from_slice(
            b"\"https://graph.microsoft.com/beta/auditLogs/signIns?$top=1000&$skiptoken=",
        );
        let mut rng = Rng(token_seed);
        for _ in 0..2 {
            let v = rng.next();
            for k in 0..16 {
                j.buf.push(HEX[((v >> (k * 4)) & 15) as usize]);
            }
        }
        j.buf.push(b'"');
    }
    j.end_obj();
    j.buf.push(b'\n');
    // Pages are separate top-level documents: no comma before the next one.
    j.first = true;
}

/// Opens an Event Hub message.
fn open_message(j: &mut Json) {
    j.open(b'{');
    j.ka("records");
}

fn close_message(j: &mut Json) {
    j.end_arr();
    j.end_obj();
    j.buf.push(b'\n');
    j.first = true;
}

/// Records per page or message, for the shapes that group them.
fn group_size(shape: Shape) -> Option<u64> {
    match shape {
        Shape::GraphPage => Some(PAGE_SIZE),
        Shape::EventHub => Some(MESSAGE_SIZE),
        _ => None,
    }
}

/// Writes what comes before the first record: an array's bracket, a header line.
fn write_head(j: &mut Json, shape: Shape) {
    match shape {
        Shape::GraphArray => j.open(b'['),
        Shape::LaJson => j.buf.push(b'['),
        Shape::LaApi | Shape::LaCsv | Shape::PortalCsv => write_la_header(&mut j.buf, shape),
        Shape::GraphPage | Shape::GraphJsonl | Shape::DiagJsonl | Shape::EventHub => {}
    }
}

/// Writes one record and what separates it from the one before.
fn write_record(j: &mut Json, scratch: &mut Json, shape: Shape, first: bool, r: &Rec, w: &World) {
    match shape {
        Shape::GraphArray | Shape::GraphPage => {
            j.sep();
            write_graph(j, r, w);
        }
        Shape::GraphJsonl | Shape::DiagJsonl => {
            if shape == Shape::GraphJsonl {
                write_graph(j, r, w);
            } else {
                write_diag(j, r, w);
            }
            j.buf.push(b'\n');
            j.first = true;
        }
        Shape::EventHub => {
            j.sep();
            write_diag(j, r, w);
        }
        // One object per line inside the array.
        Shape::LaJson => {
            j.buf.extend_from_slice(if first { b"\n" } else { b",\n" });
            write_la_row(&mut j.buf, Cells::Object, scratch, r, w);
        }
        Shape::LaApi => {
            if !first {
                j.buf.push(b',');
            }
            write_la_row(&mut j.buf, Cells::Array, scratch, r, w);
        }
        Shape::LaCsv => write_la_row(&mut j.buf, Cells::Csv, scratch, r, w),
        Shape::PortalCsv => write_portal_row(&mut j.buf, r, w),
    }
}

/// Writes what comes after the last record (`empty`: there was none).
fn write_tail(j: &mut Json, shape: Shape, empty: bool) {
    match shape {
        Shape::GraphArray => {
            j.end_arr();
            j.buf.push(b'\n');
        }
        // An empty run still writes one (last) page, as Graph answers an empty list.
        Shape::GraphPage if empty => {
            open_page(j);
            close_page(j, true, 0);
        }
        Shape::LaJson => {
            j.buf
                .extend_from_slice(if empty { b"]\n" } else { b"\n]\n" });
        }
        Shape::LaApi => j.buf.extend_from_slice(b"]}]}\n"),
        _ => {}
    }
}

fn generate(opts: &Options, out: &mut impl Write) -> io::Result<Stats> {
    let world = World::new();
    let mut rng = Rng(opts.seed);
    let shape = opts.shape;
    let max_records = opts
        .records
        .unwrap_or(if opts.size.is_some() { u64::MAX } else { 1000 });
    let max_bytes = opts.size.unwrap_or(u64::MAX);
    let pretty = match shape {
        Shape::GraphArray => true,
        Shape::GraphPage => opts.pretty_pages,
        _ => false,
    };
    let mut j = Json::new(pretty);
    // Dynamic Log Analytics cells are written here first, then escaped or quoted into `j`.
    let mut scratch = Json::new(false);
    let mut rec = Rec::new();
    let mut stats = Stats {
        records: 0,
        bytes: 0,
        blocked: 0,
        blocked_users: vec![false; USERS],
        without_policies: 0,
        would_block: 0,
        by_cause: [0; 7],
    };
    let mut done = max_records == 0 || max_bytes == 0;
    let mut in_group = 0;
    write_head(&mut j, shape);
    while !done {
        if in_group == 0 {
            match shape {
                Shape::GraphPage => open_page(&mut j),
                Shape::EventHub => open_message(&mut j),
                _ => {}
            }
        }
        draw_record(&mut rec, &mut rng, &world, opts.blocked_percent);
        write_record(
            &mut j,
            &mut scratch,
            shape,
            stats.records == 0,
            &rec,
            &world,
        );
        stats.count(&rec);
        in_group += 1;
        done = stats.records >= max_records || stats.bytes + j.buf.len() as u64 >= max_bytes;
        if let Some(size) = group_size(shape)
            && (in_group == size || done)
        {
            if shape == Shape::GraphPage {
                close_page(&mut j, done, opts.seed ^ (stats.records << 20));
            } else {
                close_message(&mut j);
            }
            in_group = 0;
        }
        // Newest first, as Graph lists them; about one sign-in every 4 s across the tenant.
        rec.ticks -= 1 + rng.below(8 * TICKS_PER_SEC as u64) as i64;
        out.write_all(&j.buf)?;
        stats.bytes += j.buf.len() as u64;
        j.buf.clear();
    }
    write_tail(&mut j, shape, stats.records == 0);
    out.write_all(&j.buf)?;
    stats.bytes += j.buf.len() as u64;
    out.flush()?;
    Ok(stats)
}

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(opts)) => opts,
        Ok(Parsed::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sink: Box<dyn Write> = match &opts.out {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("error: cannot create {path}: {e}");
                return ExitCode::from(2);
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(4 << 20, sink);
    match generate(&opts, &mut out) {
        Ok(stats) => {
            eprintln!("{}", stats.line());
            ExitCode::SUCCESS
        }
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}
