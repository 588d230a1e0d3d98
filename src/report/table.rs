//! `--format table` (the default): a headline, the per-user table with causes and the
//! first fix, totals by cause and by policy, then notes on what the data could not say.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, TableStyle,
    presets,
};

use super::{Style, View, sanitize};
use crate::i18n::{self, Tr, report as t};
use crate::insights::shown_key;
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
    let records = i18n::count(r.records, t::RECORD_ONE, t::RECORD_MANY);
    let sources = sanitize(sources, false);
    if blocked == 0 {
        let line = t::HEADLINE_NONE.fill(&[("records", &records), ("sources", &sources)]);
        write_wrapped(out, "", "", &line, style)?;
    } else {
        let line = t::HEADLINE.fill(&[
            (
                "signins",
                &i18n::count(blocked, t::HEADLINE_SIGNIN_ONE, t::HEADLINE_SIGNIN_MANY),
            ),
            (
                "users",
                &i18n::count(r.users.len() as u64, t::USER_ONE, t::USER_MANY),
            ),
            ("records", &records),
            ("sources", &sources),
        ]);
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
        let mut table = new_table(style, false);
        table.set_header(header(
            &[
                t::COL_CAUSE.get(),
                t::COL_SIGNINS.get(),
                t::COL_USERS.get(),
                t::COL_MEANING.get(),
            ],
            style,
        ));
        for (c, n, users) in &r.by_cause {
            table.add_row(vec![
                colored(Cell::new(c), Some(*c), style),
                Cell::new(n).set_alignment(CellAlignment::Right),
                Cell::new(users).set_alignment(CellAlignment::Right),
                Cell::new(meaning(*c)),
            ]);
        }
        writeln!(out, "{table}")?;

        writeln!(out)?;
        let mut table = new_table(style, false);
        table.set_header(header(
            &[
                t::COL_BLOCKING_POLICY.get(),
                t::COL_SIGNINS.get(),
                t::COL_USERS.get(),
            ],
            style,
        ));
        for (p, n, users) in &r.by_policy {
            table.add_row(vec![
                Cell::new(sanitize(shown_key(p), false)),
                Cell::new(n).set_alignment(CellAlignment::Right),
                Cell::new(users).set_alignment(CellAlignment::Right),
            ]);
        }
        writeln!(out, "{table}")?;
    }

    let notes = notes(r);
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", t::NOTES_TITLE.get())?;
        for n in notes {
            write_wrapped(out, "  - ", "    ", &sanitize(&n, false), style)?;
        }
    }
    if blocked > 0 {
        writeln!(out)?;
        writeln!(out, "{}", t::MORE_FORMATS.get())?;
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
        notes.push(
            i18n::plural(other, t::OTHER_FAILURES_ONE, t::OTHER_FAILURES_MANY)
                .fill(&[("n", &other), ("codes", &codes.join(", "))]),
        );
    }
    if r.would_block > 0 {
        notes.push(
            i18n::plural(r.would_block, t::WOULD_BLOCK_ONE, t::WOULD_BLOCK_MANY)
                .fill(&[("n", &r.would_block)]),
        );
    }
    if r.filtered_out > 0 {
        notes.push(
            i18n::plural(r.filtered_out, t::FILTERED_OUT_ONE, t::FILTERED_OUT_MANY)
                .fill(&[("n", &r.filtered_out)]),
        );
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
    let mut table = new_table(style, wrapping);
    let mut names = vec![
        by.heading(),
        t::COL_BLOCKED.get(),
        t::COL_USERS.get(),
        t::COL_CAUSES.get(),
    ];
    if by != GroupBy::Policy {
        names.push(t::COL_POLICIES.get());
    }
    names.push(t::COL_LAST_SEEN.get());
    table.set_header(header(&names, style));
    for g in rows.iter().take(view.rows(rows.len())) {
        let causes: Vec<String> = g.causes.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let key = match by {
            GroupBy::Cause => colored(
                Cell::new(sanitize(shown_key(&g.key), false)),
                g.causes.first().map(|c| c.0),
                style,
            ),
            _ => Cell::new(sanitize(shown_key(&g.key), false)),
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
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    more_rows(
        out,
        view.rows(rows.len()),
        rows.len(),
        (t::MORE_ROWS_ONE, t::MORE_ROWS_MANY),
    )
}

/// The line under a table cut by `--top`: `what` is the sentence for one row left out
/// and for several.
fn more_rows(out: &mut impl Write, shown: usize, total: usize, what: (Tr, Tr)) -> io::Result<()> {
    if shown < total {
        writeln!(
            out,
            "{}",
            more_line(shown, total, what, &format!("--top {shown}"))
        )?;
    }
    Ok(())
}

/// "…and 3 more users (--top 5; the JSON lists them all)."; `top` is how the option is
/// written (Markdown puts it in backquotes).
pub(crate) fn more_line(shown: usize, total: usize, what: (Tr, Tr), top: &str) -> String {
    let n = (total - shown) as u64;
    i18n::plural(n, what.0, what.1).fill(&[("n", &n), ("top", &top)])
}

fn write_users(out: &mut impl Write, r: &Report, style: Style, view: View) -> io::Result<()> {
    let wrapping = style.width.is_some();
    let fix_column = style.width.is_none_or(|w| w >= FIX_COLUMN_MIN_WIDTH);
    let apps_column = style.width.is_none_or(|w| w >= APPS_COLUMN_MIN_WIDTH);
    // Multi-line cells need rules between rows; one-line rows do not.
    let mut table = new_table(style, wrapping);
    let sep = if wrapping { "\n" } else { ", " };
    let (seen_header, seen_format) = if wrapping {
        (t::COL_LAST_SEEN_WRAPPED.get(), "%Y-%m-%d\n%H:%M")
    } else {
        (t::COL_LAST_SEEN.get(), "%Y-%m-%d %H:%M")
    };
    let mut names = vec![
        t::COL_USER.get(),
        t::COL_BLOCKED.get(),
        t::COL_CAUSES.get(),
        t::COL_POLICIES.get(),
    ];
    if apps_column {
        names.push(t::COL_APPS.get());
    }
    names.push(seen_header);
    if fix_column {
        names.push(t::COL_SUGGESTED_FIX.get());
    }
    table.set_header(header(&names, style));
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
        table.add_row(row);
    }
    // Names, counts and causes never wrap; the other columns share what is left.
    if wrapping {
        for i in [0, 1, 2] {
            if let Some(c) = table.column_mut(i) {
                c.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }
    writeln!(out, "{table}")?;
    more_rows(
        out,
        shown.len(),
        r.users.len(),
        (t::MORE_USERS_ONE, t::MORE_USERS_MANY),
    )?;
    if !fix_column {
        writeln!(out)?;
        writeln!(out, "{}", t::SUGGESTED_FIXES.get())?;
        for u in shown {
            let line = t::USER_LINE.fill(&[
                ("user", &sanitize(&u.user, false)),
                ("text", &sanitize(&fix_text(u), false)),
            ]);
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
    writeln!(out, "{}", t::STATUS_TITLE.get())?;
    for u in shown {
        for line in u.status_lines() {
            let line = t::STATUS_LINE.fill(&[("user", &u.user), ("line", &line)]);
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
    writeln!(out, "{}", t::PATTERNS_TITLE.get())?;
    for u in shown {
        for f in &u.findings {
            let line = t::PATTERN_LINE.fill(&[
                ("user", &u.user),
                ("detail", &f.detail),
                ("advice", &f.advice),
            ]);
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
    if crate::i18n::lang() != crate::i18n::Lang::Fr {
        return wrap_words(text, width);
    }
    // French writes a space before ":", ";", "?", "!" and "»" and after "«"; a line must
    // neither start with the mark nor end with "«". A private-use character holds the pair
    // together through the wrap (a no-break space would not: it is whitespace too).
    const GLUE: &str = "\u{E000}";
    let mut glued = text.replace("« ", &format!("«{GLUE}"));
    for mark in [":", ";", "?", "!", "»"] {
        glued = glued.replace(&format!(" {mark}"), &format!("{GLUE}{mark}"));
    }
    wrap_words(&glued, width)
        .into_iter()
        .map(|line| line.replace(GLUE, " "))
        .collect()
}

fn wrap_words(text: &str, width: usize) -> Vec<String> {
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
        Cause::Location => t::MEANING_LOCATION,
        Cause::DeviceState => t::MEANING_DEVICE_STATE,
        Cause::DevicePlatform => t::MEANING_DEVICE_PLATFORM,
        Cause::ClientApp => t::MEANING_CLIENT_APP,
        Cause::Risk => t::MEANING_RISK,
        Cause::AuthFlow => t::MEANING_AUTH_FLOW,
        Cause::PolicyScope => t::MEANING_POLICY_SCOPE,
        Cause::Unknown => t::MEANING_UNKNOWN,
    }
    .get()
}

fn limited(items: &[String], sep: &str, view: View) -> String {
    let limit = view.list_limit();
    let mut lines: Vec<String> = items
        .iter()
        .take(limit)
        .map(|s| sanitize(s, false))
        .collect();
    if items.len() > limit {
        lines.push(t::MORE_ITEMS.fill(&[("n", &(items.len() - limit))]));
    }
    lines.join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::model::{SignIn, blocked_for_tests};
    use crate::summary::{Filter, Tally};

    fn report() -> Report {
        let blocked = |id: &str, user: &str| {
            blocked_for_tests(
                id,
                user,
                "2026-11-02T09:00:00Z",
                "BR",
                "application,users,location",
            )
        };
        let mut t = Tally::new(Filter::default(), false).with_insights(3600);
        t.add(blocked("a", "dana@contoso.com"));
        t.add(blocked("b", "dana@contoso.com"));
        t.add(blocked("c", "lee@contoso.com"));
        t.add(SignIn {
            error_code: Some(50126),
            ..SignIn::default()
        });
        t.finish()
    }

    fn render(r: &Report, width: Option<u16>, top: Option<usize>) -> String {
        let style = Style {
            color: false,
            width,
            unicode: false,
            progress: false,
        };
        let view = View { top, wide: false };
        let mut out = Vec::new();
        write(&mut out, r, "logs.json", style, view).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_table_reads_in_french() {
        let text = with_lang(Lang::Fr, || render(&report(), None, Some(1)));
        for want in [
            "3 connexions bloquées par l'accès conditionnel (AADSTS53003) pour 2 utilisateurs, \
             sur 4 enregistrements provenant de logs.json.",
            " Utilisateur        Blocages   Causes       Stratégies",
            "…et 1 utilisateur de plus (--top 1 ; le JSON donne la liste complète).",
            "Est-ce résolu ? (par utilisateur et application ; structurel ou transitoire) :",
            " location            3              2   d'où vient la connexion (pays, IP, réseau \
             non approuvé)",
            "Remarques :\n  - 1 connexion a échoué pour une autre raison (pas un blocage de \
             l'accès conditionnel) : 50126 ×1",
        ] {
            assert!(text.contains(want), "{want:?} not in:\n{text}");
        }
        // Cause names stay as they are, in the table and its totals.
        assert!(text.contains("location 2"), "{text}");
        // Nothing is left in English outside what other modules word.
        for english in ["Blocked", "Users", "Notes:", "Is it fixed?", "…and"] {
            assert!(!text.contains(english), "{english:?} in:\n{text}");
        }
    }

    #[test]
    fn french_headers_fit_a_narrow_terminal() {
        let text = with_lang(Lang::Fr, || render(&report(), Some(80), None));
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= 80, "a line is {widest} columns wide:\n{text}");
        assert!(text.contains("Correctifs suggérés :"), "{text}");
        assert!(text.contains("dana@contoso.com : "), "{text}");
    }
}
