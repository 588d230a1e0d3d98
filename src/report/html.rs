//! `report --format html` (and `--html FILE`): one self-contained page to open offline or
//! attach to a ticket. It loads nothing (no URL, font, image or outside script), every log
//! value is escaped, and its Content-Security-Policy lets only its own style and script run.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::table::{meaning, notes};
use super::{rfc3339, sanitize};
use crate::fixes;
use crate::i18n::{self, Lang, html as t};
use crate::insights::{
    Incident, NO_POLICY, per_window, shown_key, span_text, window_name, within_window,
};
use crate::model::{Cause, Diagnosis};
use crate::replay::{Agreement, Replay, Verdict};
use crate::summary::{Report, Spill, UserRow};

/// Failures listed with their evidence; past this, the page says how to get the rest.
const MAX_LISTED: usize = 10_000;
/// Policies drawn as their own series in the timeline; the rest are "other".
const MAX_SERIES: usize = 8;
/// The most buckets the timeline draws across the export's span.
const MAX_BUCKETS: i64 = 72;
/// Incident onsets marked on the timeline (the most users first).
const MAX_MARKS: usize = 6;

/// Writes the page. `spill`: the failures when they did not fit in memory; `sources`: the
/// inputs' names, as the table report's headline gives them.
pub(crate) fn write(
    out: &mut impl Write,
    r: &Report,
    mut spill: Option<&mut Spill>,
    sources: &str,
) -> io::Result<()> {
    let span = span(r);
    let timeline = match span {
        Some(span) if r.blocked > 0 => Some(Timeline::count(r, span, &mut spill)?),
        _ => None,
    };
    let script = script();
    head(out, &script)?;
    header(out, r, sources, span)?;
    if r.blocked > 0 {
        writeln!(out, "<div class=\"grid2\">")?;
        causes(out, r)?;
        policies(out, r)?;
        writeln!(out, "</div>")?;
        match &timeline {
            Some(t) => t.write(out, r)?,
            None => writeln!(
                out,
                "<section id=\"timeline\"><h2>{}</h2><p class=\"muted\">{}</p></section>",
                t::TIMELINE_HEADING.get(),
                t::TIMELINE_EMPTY.get()
            )?,
        }
        incidents(out, r)?;
        users(out, r)?;
        failures(out, r, &mut spill)?;
    }
    notes_section(out, r)?;
    let footer = t::FOOTER.fill(&[
        ("version", &env!("CARGO_PKG_VERSION")),
        ("sources", &esc(sources)),
    ]);
    writeln!(out, "<footer>{footer}</footer>")?;
    writeln!(out, "<script>{script}</script>\n</body>\n</html>")
}

// ---------------------------------------------------------------------------------------
// Escaping.
// ---------------------------------------------------------------------------------------

/// Log text for HTML text or a quoted attribute value: control characters and
/// bidirectional overrides made visible (`sanitize`), then `& < > " '` as entities. `=` and
/// the `:` of `://` become entities too, so no log value can put a URL or an attribute
/// (`src=`) into the file's bytes, and the page stays free of them for anyone who greps.
pub(crate) fn esc(text: &str) -> String {
    let shown = sanitize(text, false);
    let mut out = String::with_capacity(shown.len() + 16);
    let mut rest = shown.as_str();
    while let Some(c) = rest.chars().next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '=' => out.push_str("&#61;"),
            ':' if rest.starts_with("://") => out.push_str("&#58;"),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// One of the program's own texts (not log text) that another part words, such as a
/// cause's meaning or a window's name, for HTML text or a double-quoted attribute value:
/// `& < > "` as entities. Unlike `esc`, apostrophes stay as they are (French has many).
fn esc_text(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;"),
    )
}

/// `esc` keeping line breaks (shown with `white-space: pre-line`).
fn esc_lines(text: &str) -> String {
    text.split('\n').map(esc).collect::<Vec<_>>().join("\n")
}

/// `2026-11-02 08:00:12`.
fn when(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(
        || "-".to_string(),
        |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
    )
}

fn minute(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

// ---------------------------------------------------------------------------------------
// Page frame.
// ---------------------------------------------------------------------------------------

/// `script`: the page's script as it is written in it (see [`script`]).
fn head(out: &mut impl Write, script: &str) -> io::Result<()> {
    let lang = match i18n::lang() {
        Lang::En => "en",
        Lang::Fr => "fr",
    };
    // Only this page's own style and script may run: hashes, not 'unsafe-inline', so a
    // value that escaped escaping still could not execute or load anything.
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src '{}'; script-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n\
         </head>\n<body>",
        csp_hash(STYLE),
        csp_hash(script),
        t::PAGE_TITLE.get()
    )
}

/// `sha256-…` of an inline element's text, for the Content-Security-Policy.
fn csp_hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The export's span: the records' (when insights were looked for), widened to the
/// users' blocks.
fn span(r: &Report) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let mut span = r.span;
    for u in &r.users {
        for t in [u.first_seen, u.last_seen].into_iter().flatten() {
            span = Some(span.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
        }
    }
    span
}

fn header(
    out: &mut impl Write,
    r: &Report,
    sources: &str,
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> io::Result<()> {
    writeln!(
        out,
        "<header><h1>{} <span class=\"muted\">AADSTS53003</span></h1>",
        t::HEADING.get()
    )?;
    let records = i18n::count(r.records, t::RECORD_ONE, t::RECORD_MANY);
    let sources = esc(sources);
    let subtitle = match span {
        Some((a, b)) => t::SUBTITLE_SPAN.fill(&[
            ("records", &records),
            ("sources", &sources),
            ("from", &minute(a)),
            ("to", &minute(b)),
            ("span", &esc_text(&span_text((b - a).num_seconds()))),
        ]),
        None => t::SUBTITLE.fill(&[("records", &records), ("sources", &sources)]),
    };
    writeln!(out, "<p class=\"muted\">{subtitle}</p></header>")?;
    let tiles = [
        (t::BLOCKED_SIGNINS, r.blocked, "failures"),
        (t::USERS, r.users.len() as u64, "users"),
        (t::CAUSES, r.by_cause.len() as u64, "causes"),
        (t::POLICIES, r.by_policy.len() as u64, "policies"),
        (t::WOULD_BLOCK, r.would_block, "notes"),
        (t::INCIDENTS, r.incidents.len() as u64, "incidents"),
    ];
    writeln!(out, "<nav class=\"tiles\">")?;
    for (label, n, anchor) in tiles {
        writeln!(
            out,
            "<a class=\"tile\" href=\"#{anchor}\"><b>{n}</b><span>{}</span></a>",
            label.get()
        )?;
    }
    writeln!(out, "</nav>")?;
    if r.blocked == 0 {
        writeln!(out, "<p class=\"empty\">{}</p>", t::NOTHING_BLOCKED.get())?;
    }
    Ok(())
}

/// The CSS class of a cause's colour (the same in every chart, badge and table).
fn cause_class(c: Cause) -> &'static str {
    match c {
        Cause::Location => "c-location",
        Cause::DeviceState => "c-device_state",
        Cause::DevicePlatform => "c-device_platform",
        Cause::ClientApp => "c-client_app",
        Cause::Risk => "c-risk",
        Cause::AuthFlow => "c-auth_flow",
        Cause::PolicyScope => "c-policy_scope",
        Cause::Unknown => "c-unknown",
    }
}

fn badge(c: Cause, n: Option<u64>) -> String {
    let count = n.map(|n| format!(" {n}")).unwrap_or_default();
    format!(
        "<span class=\"badge {}\" title=\"{}\">{c}{count}</span>",
        cause_class(c),
        esc_text(meaning(c))
    )
}

// ---------------------------------------------------------------------------------------
// Totals: causes (a bar chart) and policies.
// ---------------------------------------------------------------------------------------

fn causes(out: &mut impl Write, r: &Report) -> io::Result<()> {
    const W: i64 = 520;
    const LABEL: i64 = 118;
    const ROW: i64 = 30;
    let max = r.by_cause.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let h = ROW * r.by_cause.len() as i64 + 8;
    writeln!(
        out,
        "<section id=\"causes\"><h2>{}</h2>",
        t::CAUSES_HEADING.get()
    )?;
    writeln!(
        out,
        "<div class=\"scroll\"><svg class=\"chart bars\" viewBox=\"0 0 {W} {h}\" role=\"img\" \
         aria-label=\"{}\">",
        t::CAUSES_CHART.get()
    )?;
    let counts: Vec<(String, String)> = r
        .by_cause
        .iter()
        .map(|(_, n, users)| {
            (
                n.to_string(),
                i18n::count(*users, t::USER_ONE, t::USER_MANY),
            )
        })
        .collect();
    // Room right of the longest bar for its "12 · 5 users": 100 units, or more when a label
    // needs it (French words are longer, counts can be large), at about 7 units a
    // character of the 12px font.
    let widest = counts
        .iter()
        .map(|(n, users)| n.chars().count() + 3 + users.chars().count())
        .max()
        .unwrap_or(0) as i64;
    let room = (W - LABEL - 100.max(widest * 7)) as f64;
    for (i, ((c, n, _), (shown, users_text))) in r.by_cause.iter().zip(&counts).enumerate() {
        let y = 4 + ROW * i as i64;
        let width = (room * *n as f64 / max as f64).max(2.0);
        let tooltip = t::CAUSE_BAR.fill(&[
            ("cause", c),
            ("blocks", &blocked_signins(*n)),
            ("users", users_text),
            ("meaning", &esc_text(meaning(*c))),
        ]);
        writeln!(
            out,
            "<g><title>{tooltip}</title>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{c}</text>\
             <rect x=\"{LABEL}\" y=\"{}\" width=\"{width:.1}\" height=\"{}\" rx=\"3\" class=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{}\" class=\"count\">{shown} <tspan class=\"muted\">· {users_text}</tspan></text></g>",
            LABEL - 8,
            y + 18,
            y + 3,
            ROW - 8,
            cause_class(*c),
            LABEL as f64 + width + 6.0,
            y + 18,
        )?;
    }
    writeln!(out, "</svg></div>")?;
    writeln!(out, "<ul class=\"meanings\">")?;
    for (c, _, _) in &r.by_cause {
        writeln!(
            out,
            "<li>{} {}</li>",
            badge(*c, None),
            esc_text(meaning(*c))
        )?;
    }
    writeln!(out, "</ul></section>")
}

fn policies(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"policies\"><h2>{}</h2><div class=\"scroll\">\
         <table class=\"sortable\"><thead><tr><th><button>{}</button></th>\
         <th data-num class=\"num\"><button>{}</button></th>\
         <th data-num class=\"num\"><button>{}</button></th></tr></thead><tbody>",
        t::POLICIES_HEADING.get(),
        t::POLICY.get(),
        t::SIGNINS.get(),
        t::USERS.get()
    )?;
    for (p, n, users) in &r.by_policy {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{n}</td><td class=\"num\">{users}</td></tr>",
            esc(shown_key(p))
        )?;
    }
    writeln!(out, "</tbody></table></div></section>")
}

// ---------------------------------------------------------------------------------------
// Blocks over time, per policy.
// ---------------------------------------------------------------------------------------

/// Buckets a span of `secs` seconds is drawn in: the shortest of the usual windows that
/// needs at most `MAX_BUCKETS`, else whole weeks.
pub(crate) fn choose_bucket(secs: i64) -> i64 {
    const STEPS: [i64; 10] = [
        300,
        900,
        1800,
        3600,
        3 * 3600,
        6 * 3600,
        12 * 3600,
        86_400,
        2 * 86_400,
        7 * 86_400,
    ];
    let secs = secs.max(0);
    if let Some(step) = STEPS.iter().find(|&&s| secs / s < MAX_BUCKETS) {
        return *step;
    }
    let week = 7 * 86_400;
    let per = secs / (MAX_BUCKETS - 1);
    (per / week + i64::from(per % week != 0)).max(1) * week
}

/// Per-bucket blocked sign-ins per policy series, from the failures.
struct Timeline {
    start: i64,
    bucket: i64,
    /// The series' names: the busiest policies, then "other" when there are more.
    series: Vec<String>,
    /// `counts[bucket][series]`.
    counts: Vec<Vec<u64>>,
    /// Failures without a readable time (not drawn).
    untimed: u64,
}

impl Timeline {
    /// Each blocked sign-in counted once, under the busiest of its blocking policies, so
    /// the stacks add up to the blocked sign-ins.
    fn count(
        r: &Report,
        (first, last): (DateTime<Utc>, DateTime<Utc>),
        spill: &mut Option<&mut Spill>,
    ) -> io::Result<Timeline> {
        let (first, last) = (first.timestamp(), last.timestamp());
        let bucket = choose_bucket(last - first);
        // Weeks start on Monday (1970-01-05), other buckets at midnight UTC.
        let origin = if bucket % (7 * 86_400) == 0 {
            4 * 86_400
        } else {
            0
        };
        let start = (first - origin).div_euclid(bucket) * bucket + origin;
        let n = ((last - start) / bucket + 1) as usize;
        let rank: HashMap<&str, usize> = r
            .by_policy
            .iter()
            .enumerate()
            .map(|(i, (p, _, _))| (p.as_str(), i))
            .collect();
        let other = r.by_policy.len() > MAX_SERIES;
        let mut series: Vec<String> = r
            .by_policy
            .iter()
            .take(MAX_SERIES)
            .map(|p| p.0.clone())
            .collect();
        if other {
            series.push(t::OTHER_POLICIES.get().to_string());
        }
        let mut t = Timeline {
            start,
            bucket,
            counts: vec![vec![0; series.len()]; n],
            series,
            untimed: 0,
        };
        each_failure(r, spill, |d| {
            let Some(at) = d.time else {
                t.untimed += 1;
                return Ok(true);
            };
            let best = if d.policies.is_empty() {
                rank.get(NO_POLICY).copied()
            } else {
                d.policies
                    .iter()
                    .filter_map(|p| rank.get(p.name.as_str()).copied())
                    .min()
            };
            let Some(best) = best else {
                return Ok(true);
            };
            let i = ((at.timestamp() - t.start).div_euclid(t.bucket)).clamp(0, n as i64 - 1);
            let s = best.min(MAX_SERIES);
            if let Some(cell) = t.counts[i as usize].get_mut(s) {
                *cell += 1;
            }
            Ok(true)
        })?;
        Ok(t)
    }

    fn write(&self, out: &mut impl Write, r: &Report) -> io::Result<()> {
        const W: f64 = 960.0;
        const LEFT: f64 = 44.0;
        const RIGHT: f64 = 12.0;
        const BOTTOM: f64 = 34.0;
        const PLOT_H: f64 = 220.0;
        let marks: Vec<&Incident> = r.incidents.iter().take(MAX_MARKS).collect();
        let top = 14.0 + 16.0 * marks.len() as f64;
        let h = top + PLOT_H + BOTTOM;
        let n = self.counts.len();
        let bw = (W - LEFT - RIGHT) / n as f64;
        let gap = if bw > 6.0 { bw * 0.18 } else { 0.0 };
        let peak = self
            .counts
            .iter()
            .map(|c| c.iter().sum::<u64>())
            .max()
            .unwrap_or(0);
        let step = nice_step(peak);
        let ymax = (peak.div_ceil(step) * step).max(step) as f64;
        let y_of = |v: f64| top + PLOT_H - PLOT_H * v / ymax;
        let x_of = |secs: i64| LEFT + (secs - self.start) as f64 / self.bucket as f64 * bw;

        let intro = if marks.is_empty() {
            t::TIMELINE_INTRO
        } else {
            t::TIMELINE_INTRO_MARKS
        };
        writeln!(
            out,
            "<section id=\"timeline\"><h2>{}</h2><p class=\"muted\">{}</p>",
            t::TIMELINE_HEADING.get(),
            intro.fill(&[("per", &esc_text(&per_window(self.bucket)))])
        )?;
        writeln!(
            out,
            "<div class=\"scroll\"><svg class=\"chart wide\" viewBox=\"0 0 {W} {h}\" role=\"img\" \
             aria-label=\"{}\">",
            t::TIMELINE_CHART.get()
        )?;
        // Grid and y labels.
        let mut v = 0;
        while v as f64 <= ymax {
            let y = y_of(v as f64);
            writeln!(
                out,
                "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"axis\">{v}</text>",
                W - RIGHT,
                LEFT - 6.0,
                y + 4.0
            )?;
            v += step;
        }
        // Bars.
        for (i, counts) in self.counts.iter().enumerate() {
            let x = LEFT + bw * i as f64 + gap / 2.0;
            let from = self.start + self.bucket * i as i64;
            let mut base = 0u64;
            for (s, &c) in counts.iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let (y1, y0) = (y_of((base + c) as f64), y_of(base as f64));
                let tooltip = t::TIMELINE_BAR.fill(&[
                    ("series", &esc(&self.series[s])),
                    ("blocks", &blocked_signins(c)),
                    (
                        "time",
                        &minute(DateTime::from_timestamp(from, 0).unwrap_or_default()),
                    ),
                ]);
                writeln!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{y1:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
                     class=\"s{}\"><title>{tooltip}</title></rect>",
                    (bw - gap).max(0.5),
                    (y0 - y1).max(0.5),
                    series_class(s, self.series.len(), r.by_policy.len()),
                )?;
                base += c;
            }
        }
        // X axis and labels: at most about 8, on bucket boundaries.
        let y_axis = top + PLOT_H;
        writeln!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y_axis:.1}\" y2=\"{y_axis:.1}\" class=\"axisline\"/>",
            W - RIGHT
        )?;
        let end = self.start + self.bucket * n as i64;
        let (step, origin) = label_step(self.bucket, end - self.start);
        let format = if step < 86_400 {
            "%m-%d %H:%M"
        } else {
            "%Y-%m-%d"
        };
        let mut at = (self.start - origin).div_euclid(step) * step + origin;
        if at < self.start {
            at += step;
        }
        while at <= end {
            let x = x_of(at);
            let label = DateTime::from_timestamp(at, 0)
                .unwrap_or_default()
                .format(format);
            let anchor = if x < LEFT + 40.0 {
                "start"
            } else if x > W - RIGHT - 40.0 {
                "end"
            } else {
                "middle"
            };
            writeln!(
                out,
                "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{y_axis:.1}\" y2=\"{:.1}\" class=\"axisline\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" class=\"axis\">{label}</text>",
                y_axis + 5.0,
                y_axis + 20.0,
            )?;
            at += step;
        }
        // Incident onsets.
        for (k, inc) in marks.iter().enumerate() {
            let x = x_of(inc.onset.timestamp()).clamp(LEFT, W - RIGHT);
            let label_y = 12.0 + 16.0 * k as f64;
            let anchor = if x > W * 0.6 { "end" } else { "start" };
            let dx = if anchor == "end" { -4.0 } else { 4.0 };
            let mut key = sanitize(shown_key(&inc.key), false);
            if key.chars().count() > 48 {
                key = key.chars().take(47).collect::<String>() + "…";
            }
            let label = t::ONSET_MARK.fill(&[("key", &esc(&key)), ("time", &minute(inc.onset))]);
            writeln!(
                out,
                "<g class=\"onset\"><title>{}</title>\
                 <line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{y_axis:.1}\"/>\
                 <text x=\"{:.1}\" y=\"{label_y:.1}\" text-anchor=\"{anchor}\">{label}</text></g>",
                esc(&inc.headline()),
                label_y + 4.0,
                x + dx,
            )?;
        }
        writeln!(out, "</svg></div>")?;
        // The legend, in HTML so it wraps on a narrow screen.
        writeln!(out, "<ul class=\"legend\">")?;
        for (s, name) in self.series.iter().enumerate() {
            let total: u64 = self.counts.iter().map(|c| c[s]).sum();
            writeln!(
                out,
                "<li><span class=\"swatch s{}\"></span>{} <span class=\"muted\">{total}</span></li>",
                series_class(s, self.series.len(), r.by_policy.len()),
                esc(name)
            )?;
        }
        writeln!(out, "</ul>")?;
        if self.untimed > 0 {
            let text = i18n::plural(self.untimed, t::UNTIMED_ONE, t::UNTIMED_MANY);
            writeln!(
                out,
                "<p class=\"muted\">{}</p>",
                text.fill(&[("n", &self.untimed)])
            )?;
        }
        writeln!(out, "</section>")
    }
}

/// The time axis' label step (a round span, a whole number of buckets, at most about 8
/// labels across `secs`) and the origin its labels are multiples from.
fn label_step(bucket: i64, secs: i64) -> (i64, i64) {
    const ROUND: [i64; 12] = [
        300,
        900,
        1800,
        3600,
        2 * 3600,
        3 * 3600,
        6 * 3600,
        12 * 3600,
        86_400,
        2 * 86_400,
        7 * 86_400,
        14 * 86_400,
    ];
    let step = ROUND
        .iter()
        .copied()
        .find(|&s| s % bucket == 0 && secs / s <= 8)
        .unwrap_or_else(|| {
            let weeks = (secs / 8 / (7 * 86_400)).max(1) + 1;
            let step = weeks * 7 * 86_400;
            step + (bucket - step % bucket) % bucket
        });
    // Weeks from a Monday (1970-01-05), the rest from midnight UTC.
    let origin = if step % (7 * 86_400) == 0 {
        4 * 86_400
    } else {
        0
    };
    (step, origin)
}

/// Series colours: `s0`…`s7` for policies, `s8` for "other policies".
fn series_class(s: usize, series: usize, policies: usize) -> usize {
    if policies > MAX_SERIES && s + 1 == series {
        MAX_SERIES
    } else {
        s
    }
}

/// A grid step of 1, 2 or 5 × 10ⁿ giving about four lines up to `peak`.
fn nice_step(peak: u64) -> u64 {
    let rough = (peak as f64 / 4.0).max(1.0);
    let pow = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * pow);
    (step as u64).max(1)
}

// ---------------------------------------------------------------------------------------
// Incidents.
// ---------------------------------------------------------------------------------------

fn incidents(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"incidents\"><h2>{}</h2>",
        t::INCIDENTS.get()
    )?;
    if r.incidents.is_empty() {
        let within = esc_text(&within_window(r.bucket_secs.max(60))).into_owned();
        writeln!(
            out,
            "<p class=\"muted\">{}</p></section>",
            t::NO_INCIDENT.fill(&[("within", &within)])
        )?;
        return Ok(());
    }
    for i in &r.incidents {
        writeln!(
            out,
            "<article class=\"incident\"><h3>{}</h3><p>{}</p>",
            esc(&i.headline()),
            esc(&i.detail())
        )?;
        mini_timeline(out, i)?;
        writeln!(
            out,
            "<p class=\"muted small\">{}</p></article>",
            esc(&i.timeline_text())
        )?;
    }
    writeln!(out, "</section>")
}

/// Blocked users per bucket around the onset, the onset's bar highlighted.
fn mini_timeline(out: &mut impl Write, i: &Incident) -> io::Result<()> {
    if i.timeline.is_empty() {
        return Ok(());
    }
    let n = i.timeline.len() as f64;
    let (w, h) = (480.0, 70.0);
    let bw = w / n;
    let peak = i.timeline.iter().map(|s| s.users).max().unwrap_or(1).max(1) as f64;
    let window = esc_text(&window_name(i.bucket_secs)).into_owned();
    let per = esc_text(&per_window(i.bucket_secs)).into_owned();
    writeln!(
        out,
        "<svg class=\"mini\" viewBox=\"0 0 {w} {}\" role=\"img\" aria-label=\"{}\">",
        h + 16.0,
        t::MINI_CHART.fill(&[("per", &per)])
    )?;
    for (k, s) in i.timeline.iter().enumerate() {
        let bh = ((h - 14.0) * s.users as f64 / peak).max(1.0);
        let x = bw * k as f64 + bw * 0.1;
        let tooltip = t::MINI_BAR.fill(&[
            ("time", &minute(s.start)),
            ("users", &i18n::count(s.users, t::USER_ONE, t::USER_MANY)),
            ("blocks", &blocked_signins(s.blocks)),
        ]);
        writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" class=\"{}\">\
             <title>{tooltip}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" \
             text-anchor=\"middle\" class=\"axis\">{}</text>",
            h - bh,
            bw * 0.8,
            if s.onset { "bar onset-bar" } else { "bar" },
            x + bw * 0.4,
            h - bh - 3.0,
            s.users
        )?;
    }
    writeln!(
        out,
        "<text x=\"0\" y=\"{:.1}\" class=\"axis\">{} UTC</text>\
         <text x=\"{w}\" y=\"{:.1}\" text-anchor=\"end\" class=\"axis\">{}</text></svg>",
        h + 13.0,
        minute(i.timeline[0].start),
        h + 13.0,
        t::PER_WINDOW.fill(&[("window", &window)])
    )
}

/// "3 blocked sign-ins", in this run's language.
fn blocked_signins(n: u64) -> String {
    i18n::count(n, t::BLOCKED_SIGNIN_ONE, t::BLOCKED_SIGNIN_MANY)
}

// ---------------------------------------------------------------------------------------
// Users.
// ---------------------------------------------------------------------------------------

fn users(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"users\"><h2>{}</h2>\
         <p class=\"tools\"><input type=\"search\" placeholder=\"{}\" aria-label=\"{}\" \
         data-filter=\"user-rows\" data-count=\"user-count\"> <span id=\"user-count\" \
         class=\"muted\"></span> <span class=\"muted\">{}</span></p>\
         <div class=\"scroll\"><table class=\"sortable users\"><thead><tr>\
         <th><button>{}</button></th><th data-num class=\"num\"><button>{}</button></th>\
         <th><button>{}</button></th><th><button>{}</button></th>\
         <th><button>{}</button></th><th><button>{}</button></th>\
         <th><button>{}</button></th><th><button>{}</button></th>\
         </tr></thead><tbody id=\"user-rows\">",
        t::USERS.get(),
        t::FILTER_USERS_HINT.get(),
        t::FILTER_USERS.get(),
        t::CLICK_TO_SORT.get(),
        t::USER.get(),
        t::BLOCKED.get(),
        t::CAUSES.get(),
        t::POLICIES.get(),
        t::APPS.get(),
        t::LAST_SEEN.get(),
        t::SUGGESTED_FIX.get(),
        t::PATTERNS.get(),
    )?;
    for u in &r.users {
        user_row(out, u)?;
    }
    writeln!(out, "</tbody></table></div></section>")
}

fn user_row(out: &mut impl Write, u: &UserRow) -> io::Result<()> {
    let causes: String = u.causes.iter().map(|(c, n)| badge(*c, Some(*n))).collect();
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("<li>{}</li>", esc(s)))
            .collect::<String>()
    };
    // Is it fixed? The status and pattern first, each app's evidence on click.
    let status = if u.status.is_empty() {
        String::new()
    } else {
        let lines: String = u
            .status_lines()
            .iter()
            .map(|l| format!("<p>{}.</p>", esc(l)))
            .collect();
        format!(
            "<details class=\"pattern\"><summary>{}</summary>{lines}</details>",
            esc(&u.status_hint())
        )
    };
    let findings: String = std::iter::once(status)
        .chain(u.findings.iter().map(|f| {
            format!(
                "<details class=\"pattern\"><summary>{}</summary><p>{}.</p><p><em>{}</em> \
                 {}.</p></details>",
                esc(&f.hint),
                esc(&f.detail),
                t::ADVICE.get(),
                esc(&f.advice)
            )
        }))
        .collect();
    writeln!(
        out,
        "<tr data-row><td class=\"user\">{user}<br><a class=\"small\" href=\"#failures\" \
         data-user=\"{user}\">{}</a></td><td class=\"num\">{}</td><td>{causes}</td>\
         <td class=\"policies\"><ul>{}</ul></td><td class=\"apps\"><ul>{}</ul></td><td data-v=\"{}\" class=\"nowrap\">{}</td>\
         <td class=\"fix\">{}</td><td class=\"patterns\">{findings}</td></tr>",
        t::USER_SIGNINS.get(),
        u.blocked,
        list(&u.policies),
        list(&u.apps),
        u.last_seen.map(rfc3339).unwrap_or_default(),
        u.last_seen.map_or_else(|| "-".to_string(), minute),
        esc(&u.fix),
        user = esc(&u.user),
    )
}

// ---------------------------------------------------------------------------------------
// Failures, each with its evidence and fixes.
// ---------------------------------------------------------------------------------------

/// Calls `f` with each failure in report order until it returns `false`.
fn each_failure(
    r: &Report,
    spill: &mut Option<&mut Spill>,
    mut f: impl FnMut(&Diagnosis) -> io::Result<bool>,
) -> io::Result<()> {
    match spill {
        Some(spill) => {
            for d in spill.sorted()? {
                if !f(&d?)? {
                    break;
                }
            }
        }
        None => {
            for d in &r.failures {
                if !f(d)? {
                    break;
                }
            }
        }
    }
    Ok(())
}

fn failures(out: &mut impl Write, r: &Report, spill: &mut Option<&mut Spill>) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"failures\"><h2>{}</h2>\
         <p class=\"tools\"><input type=\"search\" id=\"failure-filter\" placeholder=\"{}\" \
         aria-label=\"{}\" data-filter=\"failure-rows\" data-count=\"failure-count\"> \
         <span id=\"failure-count\" class=\"muted\"></span> <span class=\"muted\">{}</span></p>\
         <div class=\"frow fhead\" aria-hidden=\"true\"><span>{}</span><span>{}</span>\
         <span>{}</span><span>{}</span><span>{}</span><span>{}</span></div>\
         <div id=\"failure-rows\">",
        t::BLOCKED_SIGNINS.get(),
        t::FILTER_SIGNINS_HINT.get(),
        t::FILTER_SIGNINS.get(),
        t::CLICK_A_SIGNIN.get(),
        t::TIME_UTC.get(),
        t::USER.get(),
        t::APP.get(),
        t::CAUSE.get(),
        t::CONFIDENCE.get(),
        t::BLOCKING_POLICY.get(),
    )?;
    let mut listed = 0usize;
    each_failure(r, spill, |d| {
        if listed == MAX_LISTED {
            return Ok(false);
        }
        listed += 1;
        failure(out, d)?;
        Ok(true)
    })?;
    writeln!(out, "</div>")?;
    if (listed as u64) < r.blocked {
        let note = t::FIRST_LISTED.fill(&[
            ("listed", &listed),
            ("blocked", &blocked_signins(r.blocked)),
        ]);
        writeln!(out, "<p class=\"note\">{note}</p>")?;
    }
    writeln!(out, "</section>")
}

fn failure(out: &mut impl Write, d: &Diagnosis) -> io::Result<()> {
    let names: Vec<String> = d.policies.iter().map(|p| esc(&p.name)).collect();
    let opt = |v: &Option<String>| v.as_deref().map_or_else(|| "-".to_string(), esc);
    writeln!(
        out,
        "<details class=\"failure\" data-row><summary class=\"frow\"><span class=\"nowrap\">{}</span>\
         <span class=\"user\">{}</span><span>{}</span><span>{}</span>\
         <span class=\"conf {conf}\">{conf}</span><span>{}</span></summary><div class=\"body\">\
         <p class=\"detail\">{}</p><dl>",
        when(d.time),
        esc(&d.user),
        opt(&d.app),
        badge(d.cause, None),
        if names.is_empty() {
            "-".to_string()
        } else {
            names.join("<br>")
        },
        esc(&d.detail),
        conf = d.confidence.as_str(),
    )?;
    let causes: String = d.causes.iter().map(|c| badge(*c, None)).collect();
    let place = match (&d.city, &d.country) {
        (Some(city), Some(country)) => format!("{}, {}", esc(city), esc(country)),
        (None, Some(country)) => esc(country),
        (Some(city), None) => esc(city),
        (None, None) => "-".to_string(),
    };
    let policies: Vec<String> = d
        .policies
        .iter()
        .map(|p| match &p.id {
            Some(id) => format!("{} <span class=\"muted\">{}</span>", esc(&p.name), esc(id)),
            None => esc(&p.name),
        })
        .collect();
    let mut facts = vec![
        (t::REQUEST_ID, opt(&d.request_id)),
        (t::CORRELATION_ID, opt(&d.correlation_id)),
        (t::RESOURCE, opt(&d.resource)),
        (t::IP_ADDRESS, opt(&d.ip)),
        (t::LOCATION, place),
        (t::CLIENT, opt(&d.client_app)),
        (t::OPERATING_SYSTEM, opt(&d.os)),
        (t::CAUSES, causes),
        (
            t::BLOCKING_POLICIES,
            if policies.is_empty() {
                t::NO_POLICY_NAMED.get().to_string()
            } else {
                policies.join("<br>")
            },
        ),
    ];
    if !d.report_only.is_empty() {
        let list: Vec<String> = d.report_only.iter().map(|p| esc(p)).collect();
        let key = if list.len() == 1 {
            t::REPORT_ONLY_ONE
        } else {
            t::REPORT_ONLY_MANY
        };
        facts.push((key, list.join("<br>")));
    }
    for (k, v) in facts {
        writeln!(out, "<dt>{}</dt><dd>{v}</dd>", k.get())?;
    }
    writeln!(
        out,
        "</dl><h4>{}</h4><ul class=\"evidence\">",
        t::EVIDENCE.get()
    )?;
    // With a replay, its lines get their own section below (as in `explain`).
    for e in d
        .evidence
        .iter()
        .filter(|e| d.replay.is_none() || !crate::replay::is_replay_evidence(e))
    {
        writeln!(out, "<li>{}</li>", esc(e))?;
    }
    let fix = fixes::render(d);
    writeln!(
        out,
        "</ul><div class=\"fixes\"><div><h4>{}</h4><p>{}</p></div>\
         <div><h4>{}</h4><p>{}</p></div></div>",
        t::USER_CAN_TRY.get(),
        esc_lines(&fix.user),
        t::ADMIN_SHOULD_CHECK.get(),
        esc_lines(&fix.admin)
    )?;
    if let Some(replay) = &d.replay {
        replay_section(out, replay)?;
    }
    writeln!(out, "</div></details>")
}

fn replay_section(out: &mut impl Write, r: &Replay) -> io::Result<()> {
    let n = r.policies.len() as u64;
    let replayed = i18n::plural(n, t::REPLAYED_ONE, t::REPLAYED_MANY);
    let disagreement = match r.disagreements.len() {
        0 => t::DISAGREE_NONE.get().to_string(),
        1 => t::DISAGREE_ONE.get().to_string(),
        n => t::DISAGREE_MANY.fill(&[("n", &n)]),
    };
    let summary = t::REPLAY_SUMMARY.fill(&[
        ("policies", &replayed.fill(&[("n", &n)])),
        ("disagreement", &disagreement),
    ]);
    writeln!(
        out,
        "<h4>{}</h4><p>{summary}{}</p>",
        t::REPLAY_HEADING.fill(&[("file", &esc(&r.policies_file))]),
        if r.named_locations {
            ""
        } else {
            t::NO_NAMED_LOCATIONS.get()
        }
    )?;
    for p in &r.policies {
        let (now, log) = (p.now_text(), p.log_text());
        let (agreement, class) = match p.agreement {
            Agreement::Agrees => (t::AGREES, "ok"),
            Agreement::Disagrees => (t::DISAGREES, "bad"),
            Agreement::CannotTell => (t::CANNOT_CONFIRM, "muted"),
            Agreement::NotInLog => (t::NOT_IN_LOG, "muted"),
            Agreement::NotExported => (t::NOT_EXPORTED, "muted"),
        };
        let line = t::REPLAY_POLICY.fill(&[
            ("name", &format!("<b>{}</b>", esc(&p.name))),
            ("log", &esc(&log)),
            ("now", &esc(&now)),
            (
                "agreement",
                &format!("<span class=\"{class}\">{}</span>", agreement.get()),
            ),
        ]);
        writeln!(out, "<p class=\"replay\">{line}</p><ul>")?;
        for c in p
            .conditions
            .iter()
            .filter(|c| c.verdict != Verdict::NotConfigured)
        {
            let reason = if c.reason.is_empty() {
                String::new()
            } else {
                format!(" ({})", esc(&c.reason))
            };
            let line = t::CONDITION.fill(&[
                ("condition", &esc(&c.condition)),
                ("configured", &esc(&c.configured)),
                ("verdict", &format!("<b>{}</b>", c.verdict.as_str())),
                ("reason", &reason),
            ]);
            writeln!(out, "<li>{line}</li>")?;
        }
        let unset: Vec<&str> = p
            .conditions
            .iter()
            .filter(|c| c.verdict == Verdict::NotConfigured)
            .map(|c| c.condition.as_str())
            .collect();
        if !unset.is_empty() {
            let line = t::NOT_CONFIGURED.fill(&[("conditions", &esc(&unset.join(", ")))]);
            writeln!(out, "<li>{line}</li>")?;
        }
        if let Some(note) = &p.note {
            let text = if p.agreement == Agreement::Disagrees {
                t::DISAGREEMENT
            } else {
                t::NOTE
            };
            writeln!(out, "<li>{}</li>", text.fill(&[("note", &esc(note))]))?;
        }
        writeln!(out, "</ul>")?;
    }
    Ok(())
}

fn notes_section(out: &mut impl Write, r: &Report) -> io::Result<()> {
    let notes = notes(r);
    writeln!(out, "<section id=\"notes\"><h2>{}</h2>", t::NOTES.get())?;
    if notes.is_empty() {
        writeln!(out, "<p class=\"muted\">{}</p>", t::NO_NOTES.get())?;
    } else {
        writeln!(out, "<ul>")?;
        for n in notes {
            writeln!(out, "<li>{}</li>", esc(&n))?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

// ---------------------------------------------------------------------------------------
// Style and script (their hashes are in the page's Content-Security-Policy).
// ---------------------------------------------------------------------------------------

const STYLE: &str = r#"
:root{--bg:#f6f7f9;--fg:#1b2130;--muted:#5d6677;--card:#fff;--line:#dde1e8;--accent:#2456c7;--grid:#e7eaef;
--s0:#4e79a7;--s1:#f28e2b;--s2:#e15759;--s3:#76b7b2;--s4:#59a14f;--s5:#edc948;--s6:#b07aa1;--s7:#ff9da7;--s8:#a0a4ab;
--location:#1f77b4;--device_state:#a86e00;--device_platform:#a0522d;--client_app:#8e44ad;--risk:#c0392b;--auth_flow:#0f7c6c;--policy_scope:#2e7d32;--unknown:#6b7280}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e3e6eb;--muted:#98a1b0;--card:#1a1e25;--line:#2c323c;--accent:#7aa2ff;--grid:#242a33;
--location:#3b8fd0;--device_state:#c08a14;--device_platform:#c0683c;--client_app:#a561c4;--risk:#d9534f;--auth_flow:#1a9c89;--policy_scope:#43a047;--unknown:#7d8593}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1400px;padding:20px 24px 40px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 10px}h3{font-size:15px;margin:0 0 6px}h4{font-size:13px;margin:12px 0 4px}
a{color:var(--accent)}.muted{color:var(--muted);font-weight:normal}.small{font-size:12px}.nowrap{white-space:nowrap}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:16px 0;min-width:0}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}.grid2>section{margin:0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;text-decoration:none;color:var(--fg)}
.tile b{display:block;font-size:26px;line-height:1.1}.tile span{color:var(--muted);font-size:13px}
.chart{width:100%;height:auto;display:block}.wide{min-width:760px}.bars{min-width:400px}.mini{width:100%;max-width:480px;height:auto;display:block;margin:6px 0}
.chart text,.mini text{font-size:12px;fill:var(--fg)}.chart .axis,.mini .axis{fill:var(--muted);font-size:11px}
.chart .muted{fill:var(--muted)}.grid{stroke:var(--grid)}.axisline{stroke:var(--muted)}
.onset line{stroke:var(--risk);stroke-width:1.5;stroke-dasharray:5 3}.onset text{fill:var(--risk);font-size:12px;font-weight:600}
.bar{fill:var(--s8)}.onset-bar{fill:var(--risk)}
.s0{fill:var(--s0);background:var(--s0)}.s1{fill:var(--s1);background:var(--s1)}.s2{fill:var(--s2);background:var(--s2)}.s3{fill:var(--s3);background:var(--s3)}
.s4{fill:var(--s4);background:var(--s4)}.s5{fill:var(--s5);background:var(--s5)}.s6{fill:var(--s6);background:var(--s6)}.s7{fill:var(--s7);background:var(--s7)}.s8{fill:var(--s8);background:var(--s8)}
.c-location{fill:var(--location);background:var(--location)}.c-device_state{fill:var(--device_state);background:var(--device_state)}
.c-device_platform{fill:var(--device_platform);background:var(--device_platform)}.c-client_app{fill:var(--client_app);background:var(--client_app)}
.c-risk{fill:var(--risk);background:var(--risk)}.c-auth_flow{fill:var(--auth_flow);background:var(--auth_flow)}
.c-policy_scope{fill:var(--policy_scope);background:var(--policy_scope)}.c-unknown{fill:var(--unknown);background:var(--unknown)}
.badge{display:inline-block;color:#fff;border-radius:10px;padding:0 8px;margin:1px 3px 1px 0;font-size:12px;font-weight:600;white-space:nowrap;line-height:19px}
.legend,.meanings{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px}
.meanings{display:block}.meanings li{margin:3px 0}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;color:var(--muted);white-space:nowrap}.num{text-align:right}
th button{all:unset;cursor:pointer}th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
td ul{margin:0;padding:0;list-style:none}td.fix{min-width:14em}td.patterns{min-width:12em;font-size:13px}td.patterns p{margin:4px 0}.pattern summary{cursor:pointer;font-weight:600}
td.policies{min-width:11em}td.apps{min-width:8em}
.users td.user{white-space:nowrap}.kind{font-weight:600}
.tools{margin:0 0 10px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
input[type=search]{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);min-width:min(360px,100%)}
.frow{display:grid;grid-template-columns:11.5em minmax(10em,1.3fr) minmax(8em,1fr) 9.5em 6em minmax(12em,1.6fr);gap:8px;align-items:baseline;padding:6px 8px}
.fhead{font-size:12px;color:var(--muted);border-bottom:1px solid var(--line)}
details.failure{border-bottom:1px solid var(--line)}details.failure>summary{cursor:pointer;list-style:none}
details.failure>summary::-webkit-details-marker{display:none}details.failure>summary:hover{background:var(--bg)}
details.failure>summary>span{overflow-wrap:anywhere}details[open]>summary{background:var(--bg);box-shadow:inset 3px 0 var(--accent)}
.body{padding:6px 12px 14px 20px;border-left:3px solid var(--accent);margin:4px 0 10px 8px}
.body dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0;font-size:13px}.body dt{color:var(--muted)}.body dd{margin:0;overflow-wrap:anywhere}
.evidence{margin:0;padding-left:20px;font-size:13px;overflow-wrap:anywhere}.detail{margin:4px 0}
.fixes{display:grid;grid-template-columns:1fr 1fr;gap:14px}.fixes p{white-space:pre-line;margin:0}
.conf.high{color:var(--policy_scope)}.conf.medium{color:var(--device_state)}.conf.low{color:var(--risk)}
.ok{color:var(--policy_scope)}.bad{color:var(--risk);font-weight:700}.replay{margin:8px 0 2px}
.incident{border-left:3px solid var(--risk);padding:4px 0 4px 12px;margin:10px 0}.incident p{margin:4px 0}
.empty,.note{font-weight:600}footer{color:var(--muted);font-size:12px;margin-top:20px}
@media (max-width:820px){body{padding:12px}.grid2,.fixes{grid-template-columns:1fr}
.frow{grid-template-columns:1fr 1fr}.fhead{display:none}}
@media print{:root{--bg:#fff;--fg:#000;--card:#fff;--line:#ccc;--muted:#444}body{max-width:none;padding:0}
.tools{display:none}section{break-inside:avoid-page;border:0;padding:6px 0}.scroll{overflow:visible}
.badge,.swatch{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
"#;

/// The page's script in this run's language: `SCRIPT` with its one human text, the
/// filter's count, worded. The page's Content-Security-Policy hashes this text, as written.
fn script() -> Cow<'static, str> {
    let lang = i18n::lang();
    let (one, many) = (t::SHOWN_ONE.get_in(lang), t::SHOWN_MANY.get_in(lang));
    let count = if one == many {
        format!("n + \" {many}\"")
    } else {
        // The language's plural rule (`Lang::singular`), in JavaScript.
        let singular = match lang {
            Lang::En => "n === 1",
            Lang::Fr => "n <= 1",
        };
        format!("n + ({singular} ? \" {one}\" : \" {many}\")")
    };
    if count == SHOWN_JS {
        Cow::Borrowed(SCRIPT)
    } else {
        Cow::Owned(SCRIPT.replacen(SHOWN_JS, &count, 1))
    }
}

/// The filter's count in `SCRIPT`, worded in English.
const SHOWN_JS: &str = r#"n + " shown""#;

const SCRIPT: &str = r#"
"use strict";
document.querySelectorAll("input[data-filter]").forEach(function (box) {
  var list = document.getElementById(box.dataset.filter);
  var count = document.getElementById(box.dataset.count);
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase(), n = 0;
    list.querySelectorAll("[data-row]").forEach(function (row) {
      var hit = !q || row.textContent.toLowerCase().indexOf(q) >= 0;
      row.hidden = !hit;
      if (hit) { n++; }
    });
    if (count) { count.textContent = q ? n + " shown" : ""; }
  });
});
document.querySelectorAll("table.sortable th button").forEach(function (button) {
  button.addEventListener("click", function () {
    var th = button.parentNode, table = th.closest("table"), body = table.tBodies[0];
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var num = th.hasAttribute("data-num");
    var now = th.getAttribute("aria-sort");
    var desc = now ? now === "ascending" : num;
    var key = function (row) {
      var cell = row.cells[col], v = cell.getAttribute("data-v");
      if (v === null) { v = cell.textContent.trim().toLowerCase(); }
      return num ? parseFloat(v) || 0 : v;
    };
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), c = x < y ? -1 : x > y ? 1 : 0;
      return desc ? -c : c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", desc ? "descending" : "ascending");
  });
});
document.querySelectorAll("a[data-user]").forEach(function (link) {
  link.addEventListener("click", function () {
    var box = document.getElementById("failure-filter");
    if (box) { box.value = link.dataset.user; box.dispatchEvent(new Event("input")); }
  });
});
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_text_is_escaped_and_inert() {
        assert_eq!(esc("Zoë & co"), "Zoë &amp; co");
        assert_eq!(
            esc("<script>alert('x\")</script>"),
            "&lt;script&gt;alert(&#39;x&quot;)&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(esc("evil\u{202e}txt"), "evil\\u{202e}txt");
        assert_eq!(esc("<img src=x>"), "&lt;img src&#61;x&gt;");
        assert_eq!(
            esc("see http://evil.example/a"),
            "see http&#58;//evil.example/a"
        );
        assert_eq!(esc("09:14 a:b"), "09:14 a:b");
        assert_eq!(esc_lines("one\ntwo<"), "one\ntwo&lt;");
    }

    #[test]
    fn buckets_fit_the_span() {
        assert_eq!(choose_bucket(0), 300);
        assert_eq!(choose_bucket(30 * 60), 300);
        assert_eq!(choose_bucket(5 * 3600), 300);
        assert_eq!(choose_bucket(6 * 3600), 900);
        assert_eq!(choose_bucket(12 * 3600), 900);
        assert_eq!(choose_bucket(2 * 86_400), 3600);
        assert_eq!(choose_bucket(7 * 86_400), 3 * 3600);
        assert_eq!(choose_bucket(30 * 86_400), 12 * 3600);
        assert_eq!(choose_bucket(90 * 86_400), 2 * 86_400);
        assert_eq!(choose_bucket(365 * 86_400), 7 * 86_400);
        let five_years = 5 * 365 * 86_400;
        let b = choose_bucket(five_years);
        assert_eq!(b % (7 * 86_400), 0);
        assert!(five_years / b < MAX_BUCKETS, "{b}");
        // Garbage timestamps cannot make the chart huge.
        assert!(i64::MAX / 2 / choose_bucket(i64::MAX / 2) < MAX_BUCKETS);
    }

    #[test]
    fn time_labels_fall_on_round_times() {
        assert_eq!(label_step(1800, 36 * 3600), (6 * 3600, 0));
        assert_eq!(label_step(900, 17 * 3600), (2 * 3600, 0));
        assert_eq!(label_step(3 * 3600, 7 * 86_400), (86_400, 0));
        assert_eq!(label_step(7 * 86_400, 365 * 86_400).0 % (7 * 86_400), 0);
        let (step, _) = label_step(4 * 7 * 86_400, 5 * 365 * 86_400);
        assert_eq!(step % (4 * 7 * 86_400), 0);
        assert!(5 * 365 * 86_400 / step <= 9);
    }

    #[test]
    fn grid_steps_are_round() {
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(3), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(18), 5);
        assert_eq!(nice_step(40), 10);
        assert_eq!(nice_step(1234), 500);
    }

    /// A page from three blocks (one without a time), as `report --format html` writes it.
    fn page() -> String {
        use crate::model::blocked_for_tests;
        use crate::summary::{Filter, Tally};
        let mut tally = Tally::new(Filter::default(), true).with_insights(3600);
        for (id, user, time) in [
            ("A", "dana@contoso.com", "2026-11-02T09:00:00Z"),
            ("B", "lee@contoso.com", "2026-11-02T09:30:00Z"),
            ("C", "lee@contoso.com", ""),
        ] {
            tally.add(blocked_for_tests(
                id,
                user,
                time,
                "BR",
                "application,users,location",
            ));
        }
        tally.flush();
        let r = tally.finish();
        let mut out = Vec::new();
        write(&mut out, &r, None, "export.json").unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The page's script, and whether its hash is the one the page's CSP allows.
    fn script_allowed(page: &str) -> (String, bool) {
        let start = page.find("<script>").unwrap() + "<script>".len();
        let end = page.find("</script>").unwrap();
        let script = &page[start..end];
        let csp = format!("script-src '{}'", csp_hash(script));
        (script.to_string(), page.contains(&csp))
    }

    #[test]
    fn the_french_page_speaks_french_and_its_script_may_run() {
        let page = i18n::with_lang(Lang::Fr, page);
        assert!(page.contains("<html lang=\"fr\">"));
        assert!(page.contains("<title>signin-doctor : blocages par l'accès conditionnel</title>"));
        assert!(page.contains(
            "3 enregistrements provenant de export.json, du 2026-11-02 09:00 au 2026-11-02 09:30 UTC"
        ));
        assert!(page.contains("<b>3</b><span>Connexions bloquées</span>"));
        assert!(page.contains("aria-label=\"Connexions bloquées par cause\""));
        assert!(page.contains("<tspan class=\"muted\">· 2 utilisateurs</tspan>"));
        assert!(page.contains(">1 connexion bloquée sans heure lisible n'est pas tracée.<"));
        assert!(page.contains("<dt>ID de la demande</dt>"));
        assert!(page.contains("<h4>Ce que l'administrateur doit vérifier</h4>"));
        assert!(page.contains(
            "placeholder=\"Filtrer : utilisateur, application, cause, stratégie, ID, éléments…\""
        ));
        assert!(page.contains("<footer>Généré par signin-doctor "));
        // The script counts in French, and the CSP hashes the script as written.
        let (script, allowed) = script_allowed(&page);
        assert!(script.contains(r#"n + (n <= 1 ? " résultat" : " résultats")"#));
        assert!(allowed, "the CSP does not allow the French script");
    }

    #[test]
    fn the_english_page_keeps_its_script() {
        let page = i18n::with_lang(Lang::En, page);
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("<b>3</b><span>Blocked sign-ins</span>"));
        assert!(page.contains("1 blocked sign-in without a readable time is not drawn."));
        let (script, allowed) = script_allowed(&page);
        assert_eq!(script, SCRIPT);
        assert!(allowed);
        assert_eq!(SCRIPT.matches(SHOWN_JS).count(), 1, "the count to word");
    }

    #[test]
    fn the_french_replay_is_one_sentence_per_policy() {
        let replay = Replay {
            policies_file: "policies.json".into(),
            named_locations: false,
            policies: vec![crate::replay::PolicyReplay {
                id: None,
                name: "CA010 - Block <countries>".into(),
                state: None,
                modified: None,
                log_result: Some("failure".into()),
                verdict: None,
                grant: None,
                agreement: Agreement::Disagrees,
                note: Some("the policy changed".into()),
                conditions: Vec::new(),
            }],
            others_agreeing: 0,
            disagreements: vec!["the policy changed".into()],
        };
        let mut out = Vec::new();
        i18n::with_lang(Lang::Fr, || replay_section(&mut out, &replay)).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.contains(
            "<h4>Rejeu des stratégies exportées (policies.json)</h4><p>1 stratégie pertinente \
             rejouée sur cette connexion ; 1 contredit le journal. Sans --named-locations, les \
             emplacements nommés sont affichés par leur ID, sans être résolus.</p>"
        ));
        assert!(html.contains("<b>CA010 - Block &lt;countries&gt;</b> : "));
        assert!(html.contains("<span class=\"bad\">CONTREDIT le journal</span>.</p>"));
        assert!(html.contains("<li>Désaccord : the policy changed</li>"));
    }

    #[test]
    fn texts_are_safe_to_insert_as_they_are() {
        // In element text, in double-quoted attributes, and (the counts) in the script's
        // double-quoted strings.
        for (name, text) in t::ALL {
            for lang in [Lang::En, Lang::Fr] {
                let s = text.get_in(lang);
                assert!(
                    !s.contains(['<', '>', '&', '"', '\\']),
                    "{name} ({lang:?}): {s:?}"
                );
            }
        }
    }

    #[test]
    fn csp_hashes_are_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert!(csp_hash("x").starts_with("sha256-"));
        assert_eq!(csp_hash("x").len(), "sha256-".len() + 44);
    }
}
