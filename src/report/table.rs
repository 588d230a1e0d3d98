//! `--format table` (the default): a headline, the per-user table with causes and the
//! first fix, totals by cause and by policy, then notes on what the data could not say.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, TableStyle,
    presets,
};

use super::{Style, View, sanitize};
use crate::model::Cause;
use crate::summary::{GroupBy, GroupRow, Report, UserRow};

pub(crate) fn write(
    out: &mut impl Write,
    r: &Report,
    sources: &str,
    style: Style,
    view: View,
) -> io::Result<()> {
    let blocked = r.blocked;
    let records = plural(r.records, "record");
    if blocked == 0 {
        let line = format!(
            "No sign-ins blocked by Conditional Access (AADSTS53003) in {records} from {}.",
            sanitize(sources, false)
        );
        write_wrapped(out, "", "", &line, style)?;
    } else {
        let line = format!(
            "{} blocked by Conditional Access (AADSTS53003) for {}, in {records} from {}.",
            plural(blocked, "sign-in"),
            plural(r.users.len() as u64, "user"),
            sanitize(sources, false)
        );
        write_wrapped(out, "", "", &line, style)?;
        writeln!(out)?;
        match &r.groups {
            Some((by, rows)) => write_groups(out, *by, rows, style, view)?,
            None => write_users(out, r, style, view)?,
        }

        if r.groups.is_none() {
            write_patterns(out, r, style, view)?;
            write_status(out, r, style, view)?;
        }
        super::incidents::write_section(out, r, style)?;

        writeln!(out)?;
        let mut t = new_table(style, false);
        t.set_header(header(&["Cause", "Sign-ins", "Users", "Meaning"], style));
        for (c, n, users) in &r.by_cause {
            t.add_row(vec![
                colored(Cell::new(c), Some(*c), style),
                Cell::new(n).set_alignment(CellAlignment::Right),
                Cell::new(users).set_alignment(CellAlignment::Right),
                Cell::new(meaning(*c)),
            ]);
        }
        writeln!(out, "{t}")?;

        writeln!(out)?;
        let mut t = new_table(style, false);
        t.set_header(header(&["Blocking policy", "Sign-ins", "Users"], style));
        for (p, n, users) in &r.by_policy {
            t.add_row(vec![
                Cell::new(sanitize(p, false)),
                Cell::new(n).set_alignment(CellAlignment::Right),
                Cell::new(users).set_alignment(CellAlignment::Right),
            ]);
        }
        writeln!(out, "{t}")?;
    }

    let notes = notes(r);
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "Notes:")?;
        for n in notes {
            write_wrapped(out, "  - ", "    ", &sanitize(&n, false), style)?;
        }
    }
    if blocked > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "Each failure's evidence and fixes: --format html (a web page) or json."
        )?;
    }
    Ok(())
}

/// What the report could not count as a block, or could not say: other failures,
/// report-only findings, filtered records, then the warnings.
pub(crate) fn notes(r: &Report) -> Vec<String> {
    let mut notes = Vec::new();
    let other: u64 = r.other_failures.values().sum();
    if other > 0 {
        let codes: Vec<String> = r
            .other_failures
            .iter()
            .map(|(code, n)| format!("{code} ×{n}"))
            .collect();
        notes.push(format!(
            "{} failed for other reasons (not Conditional Access blocks): {}",
            plural(other, "sign-in"),
            codes.join(", ")
        ));
    }
    if r.would_block > 0 {
        notes.push(format!(
            "{} would have been blocked by report-only policies (not blocked, not counted above)",
            plural(r.would_block, "sign-in")
        ));
    }
    if r.filtered_out > 0 {
        notes.push(format!(
            "{} left out by --since/--until/--user",
            plural(r.filtered_out, "record")
        ));
    }
    notes.extend(r.warnings.iter().cloned());
    notes
}

/// One line per row under a ruled header: what a pipe into grep or a file wants.
const PLAIN: TableStyle =
    TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('-').junction(' '));

/// Below this many columns the fixes go under the table rather than in a cramped column.
const FIX_COLUMN_MIN_WIDTH: u16 = 150;
/// Below this many columns the apps are left out of the table (they are in the JSON).
const APPS_COLUMN_MIN_WIDTH: u16 = 120;

/// The grouped table (`--group-by policy|cause|app|country`).
fn write_groups(
    out: &mut impl Write,
    by: GroupBy,
    rows: &[GroupRow],
    style: Style,
    view: View,
) -> io::Result<()> {
    let wrapping = style.width.is_some();
    let sep = if wrapping { "\n" } else { ", " };
    let mut t = new_table(style, wrapping);
    let mut names = vec![by.heading(), "Blocked", "Users", "Causes"];
    if by != GroupBy::Policy {
        names.push("Policies");
    }
    names.push("Last seen (UTC)");
    t.set_header(header(&names, style));
    for g in rows.iter().take(view.rows(rows.len())) {
        let causes: Vec<String> = g.causes.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let key = match by {
            GroupBy::Cause => colored(
                Cell::new(sanitize(&g.key, false)),
                g.causes.first().map(|c| c.0),
                style,
            ),
            _ => Cell::new(sanitize(&g.key, false)),
        };
        let mut row = vec![
            key,
            Cell::new(g.blocked).set_alignment(CellAlignment::Right),
            Cell::new(g.users).set_alignment(CellAlignment::Right),
            colored(
                Cell::new(causes.join(sep)),
                g.causes.first().map(|c| c.0),
                style,
            ),
        ];
        if by != GroupBy::Policy {
            row.push(Cell::new(limited(&g.policies, sep, view)));
        }
        row.push(Cell::new(g.last_seen.map_or_else(
            || "-".to_string(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        )));
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    more_rows(out, view.rows(rows.len()), rows.len(), "rows")
}

/// The line under a table cut by `--top`.
fn more_rows(out: &mut impl Write, shown: usize, total: usize, what: &str) -> io::Result<()> {
    if shown < total {
        writeln!(
            out,
            "…and {} more {what} (--top {shown}; the JSON lists them all).",
            total - shown
        )?;
    }
    Ok(())
}

fn write_users(out: &mut impl Write, r: &Report, style: Style, view: View) -> io::Result<()> {
    let wrapping = style.width.is_some();
    let fix_column = style.width.is_none_or(|w| w >= FIX_COLUMN_MIN_WIDTH);
    let apps_column = style.width.is_none_or(|w| w >= APPS_COLUMN_MIN_WIDTH);
    // Multi-line cells need rules between rows; one-line rows do not.
    let mut t = new_table(style, wrapping);
    let sep = if wrapping { "\n" } else { ", " };
    let (seen_header, seen_format) = if wrapping {
        ("Last seen\n(UTC)", "%Y-%m-%d\n%H:%M")
    } else {
        ("Last seen (UTC)", "%Y-%m-%d %H:%M")
    };
    let mut names = vec!["User", "Blocked", "Causes", "Policies"];
    if apps_column {
        names.push("Apps");
    }
    names.push(seen_header);
    if fix_column {
        names.push("Suggested fix");
    }
    t.set_header(header(&names, style));
    let shown = &r.users[..view.rows(r.users.len())];
    for u in shown {
        let causes: Vec<String> = u.causes.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let first_cause = u.causes.first().map(|c| c.0);
        let mut row = vec![
            Cell::new(sanitize(&u.user, false)),
            Cell::new(u.blocked).set_alignment(CellAlignment::Right),
            colored(Cell::new(causes.join(sep)), first_cause, style),
            Cell::new(limited(&u.policies, sep, view)),
        ];
        if apps_column {
            row.push(Cell::new(limited(&u.apps, sep, view)));
        }
        row.push(Cell::new(u.last_seen.map_or_else(
            || "-".to_string(),
            |t| t.format(seen_format).to_string(),
        )));
        if fix_column {
            row.push(Cell::new(sanitize(&fix_text(u), false)));
        }
        t.add_row(row);
    }
    // Names, counts and causes never wrap; the other columns share what is left.
    if wrapping {
        for i in [0, 1, 2] {
            if let Some(c) = t.column_mut(i) {
                c.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }
    writeln!(out, "{t}")?;
    more_rows(out, shown.len(), r.users.len(), "users")?;
    if !fix_column {
        writeln!(out)?;
        writeln!(out, "Suggested fixes:")?;
        for u in shown {
            let line = format!(
                "{}: {}",
                sanitize(&u.user, false),
                sanitize(&fix_text(u), false)
            );
            write_wrapped(out, "  - ", "    ", &line, style)?;
        }
    }
    Ok(())
}

/// The fix cell: what the user's sign-ins show together (a device that works, travel),
/// then the fix for their most frequent kind of block.
fn fix_text(u: &UserRow) -> String {
    u.fix_text()
}

/// Per user, whether each blocked app is over and whether the blocks are a rule.
fn write_status(out: &mut impl Write, r: &Report, style: Style, view: View) -> io::Result<()> {
    let shown = &r.users[..view.rows(r.users.len())];
    if shown.iter().all(|u| u.status.is_empty()) {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "Is it fixed? (per user and app; structural or transient):"
    )?;
    for u in shown {
        for line in u.status_lines() {
            let line = format!("{}: {line}.", u.user);
            write_wrapped(out, "  - ", "    ", &sanitize(&line, false), style)?;
        }
    }
    Ok(())
}

/// Per user, what their sign-ins show together, with the evidence and the advice.
fn write_patterns(out: &mut impl Write, r: &Report, style: Style, view: View) -> io::Result<()> {
    let shown = &r.users[..view.rows(r.users.len())];
    if shown.iter().all(|u| u.findings.is_empty()) {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Patterns (what a user's sign-ins show together):")?;
    for u in shown {
        for f in &u.findings {
            let line = format!("{}: {}. Advice: {}.", u.user, f.detail, f.advice);
            write_wrapped(out, "  - ", "    ", &sanitize(&line, false), style)?;
        }
    }
    Ok(())
}

/// Writes `text` wrapped to the style's width (unwrapped for pipes), the first line after
/// `first`, the rest after `rest`.
pub(crate) fn write_wrapped(
    out: &mut impl Write,
    first: &str,
    rest: &str,
    text: &str,
    style: Style,
) -> io::Result<()> {
    let Some(width) = style.width else {
        return writeln!(out, "{first}{text}");
    };
    let room = usize::from(width)
        .saturating_sub(first.chars().count())
        .max(30);
    for (i, piece) in wrap(text, room).iter().enumerate() {
        writeln!(out, "{}{piece}", if i == 0 { first } else { rest })?;
    }
    Ok(())
}

/// Greedy word wrap; words longer than the width stay whole.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A table for `style`; `row_rules` draws a line between rows (for multi-line cells).
pub(crate) fn new_table(style: Style, row_rules: bool) -> Table {
    let mut t = Table::new();
    match style.width {
        Some(width) => {
            let mut look = if style.unicode {
                presets::UTF8_HORIZONTAL_ONLY
            } else {
                presets::ASCII_HORIZONTAL_ONLY
            };
            if !row_rules {
                look = look.row_separator(comfy_table::LineStyle::none());
            }
            t.load_style(look);
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(width);
        }
        None => {
            t.load_style(PLAIN);
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    // The table must not look at the terminal itself: main decided.
    t.force_no_tty();
    if style.color {
        t.enforce_styling();
    }
    t
}

fn header(names: &[&str], style: Style) -> Vec<Cell> {
    names
        .iter()
        .map(|n| {
            let c = Cell::new(n);
            if style.color {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        })
        .collect()
}

fn colored(cell: Cell, cause: Option<Cause>, style: Style) -> Cell {
    if !style.color {
        return cell;
    }
    let color = match cause {
        Some(Cause::Location) => Color::Cyan,
        Some(Cause::DeviceState) => Color::Yellow,
        Some(Cause::DevicePlatform) => Color::DarkYellow,
        Some(Cause::ClientApp) => Color::Magenta,
        Some(Cause::Risk) => Color::Red,
        Some(Cause::AuthFlow) => Color::Blue,
        Some(Cause::PolicyScope) => Color::Green,
        Some(Cause::Unknown) | None => return cell,
    };
    cell.fg(color)
}

/// A short reminder of each cause, for readers who have not read the README.
pub(crate) fn meaning(c: Cause) -> &'static str {
    match c {
        Cause::Location => "where the sign-in came from (country, IP, untrusted network)",
        Cause::DeviceState => "device not registered, joined, managed or compliant",
        Cause::DevicePlatform => "the device's OS platform is blocked",
        Cause::ClientApp => "legacy authentication, or a client type that is not allowed",
        Cause::Risk => "sign-in or user risk",
        Cause::AuthFlow => "device code flow or authentication transfer",
        Cause::PolicyScope => "the policy blocks this user or app outright",
        Cause::Unknown => "the export does not say",
    }
}

fn limited(items: &[String], sep: &str, view: View) -> String {
    let limit = view.list_limit();
    let mut lines: Vec<String> = items
        .iter()
        .take(limit)
        .map(|s| sanitize(s, false))
        .collect();
    if items.len() > limit {
        lines.push(format!("…and {} more", items.len() - limit));
    }
    lines.join(sep)
}

pub(crate) fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
