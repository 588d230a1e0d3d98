//! `--format table` (the default): a headline, the per-user table with causes and the
//! first fix, totals by cause and by policy, then notes on what the data could not say.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{Style, sanitize};
use crate::model::Cause;
use crate::summary::Report;

/// At most this many apps or policies per cell; the rest are counted.
const LIST_LIMIT: usize = 3;

pub(crate) fn write(out: &mut impl Write, r: &Report, sources: &str, style: Style) -> io::Result<()> {
    let blocked = r.blocked();
    let records = plural(r.records, "record");
    if blocked == 0 {
        writeln!(
            out,
            "No sign-ins blocked by Conditional Access (AADSTS53003) in {records} from {}.",
            sanitize(sources, false)
        )?;
    } else {
        writeln!(
            out,
            "{} blocked by Conditional Access (AADSTS53003) for {}, in {records} from {}.",
            plural(blocked, "sign-in"),
            plural(r.users.len() as u64, "user"),
            sanitize(sources, false)
        )?;
        writeln!(out)?;
        let mut t = new_table(style);
        t.set_header(header(
            &["User", "Blocked", "Causes", "Policies", "Apps", "Last seen (UTC)", "Suggested fix"],
            style,
        ));
        for u in &r.users {
            let causes: Vec<String> = u
                .causes
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect();
            t.add_row(vec![
                Cell::new(sanitize(&u.user, false)),
                Cell::new(u.blocked).set_alignment(CellAlignment::Right),
                colored(Cell::new(causes.join("\n")), u.causes.first().map(|c| c.0), style),
                Cell::new(limited(&u.policies)),
                Cell::new(limited(&u.apps)),
                Cell::new(
                    u.last_seen
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_else(|| "-".into()),
                ),
                Cell::new(sanitize(&u.fix, false)),
            ]);
        }
        writeln!(out, "{t}")?;

        writeln!(out)?;
        let mut t = new_table(style);
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
        let mut t = new_table(style);
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
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "Notes:")?;
        for n in notes {
            writeln!(out, "  - {}", sanitize(&n, false))?;
        }
    }
    if blocked > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "Each failure's evidence and fixes: --format json (or ndjson, one per line)."
        )?;
    }
    Ok(())
}

fn new_table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_style(if style.color {
        presets::UTF8_HORIZONTAL_ONLY
    } else {
        presets::ASCII_HORIZONTAL_ONLY
    });
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(style.width);
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
            if style.color { c.add_attribute(Attribute::Bold) } else { c }
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
fn meaning(c: Cause) -> &'static str {
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

fn limited(items: &[String]) -> String {
    let mut lines: Vec<String> = items
        .iter()
        .take(LIST_LIMIT)
        .map(|s| sanitize(s, false))
        .collect();
    if items.len() > LIST_LIMIT {
        lines.push(format!("…and {} more", items.len() - LIST_LIMIT));
    }
    lines.join("\n")
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
