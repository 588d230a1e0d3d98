//! `report --format markdown`: the headline, the per-user (or grouped) table, patterns,
//! incidents, totals by cause and policy, and notes, as GitHub-flavoured Markdown for a
//! ticket or a wiki. Log text is made safe for table cells (`md_cell`).

use std::io::{self, Write};

use super::{View, md_cell as md};
use crate::summary::{GroupBy, Report};

pub(crate) fn write(out: &mut impl Write, r: &Report, sources: &str, view: View) -> io::Result<()> {
    writeln!(
        out,
        "## Sign-ins blocked by Conditional Access (AADSTS53003)"
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{} blocked sign-in{} of {} user{} in {} record{} from {}.",
        r.blocked,
        s(r.blocked),
        r.users.len(),
        s(r.users.len() as u64),
        r.records,
        s(r.records),
        md(sources)
    )?;
    if r.blocked > 0 {
        writeln!(out)?;
        match &r.groups {
            Some((by, rows)) => {
                let mut head = vec![by.heading(), "Blocked", "Users", "Causes"];
                if *by != GroupBy::Policy {
                    head.push("Policies");
                }
                head.push("Last seen (UTC)");
                table_head(out, &head, &[1, 2])?;
                let shown = view.rows(rows.len());
                for g in &rows[..shown] {
                    let mut cells = vec![
                        md(&g.key),
                        g.blocked.to_string(),
                        g.users.to_string(),
                        counts(g.causes.iter().map(|(c, n)| (c.as_str(), *n))),
                    ];
                    if *by != GroupBy::Policy {
                        cells.push(list(&g.policies, view));
                    }
                    cells.push(time(g.last_seen));
                    row(out, &cells)?;
                }
                more(out, shown, rows.len(), "rows")?;
            }
            None => {
                table_head(
                    out,
                    &[
                        "User",
                        "Blocked",
                        "Causes",
                        "Policies",
                        "Apps",
                        "Last seen (UTC)",
                        "Suggested fix",
                    ],
                    &[1],
                )?;
                let shown = view.rows(r.users.len());
                for u in &r.users[..shown] {
                    row(
                        out,
                        &[
                            md(&u.user),
                            u.blocked.to_string(),
                            counts(u.causes.iter().map(|(c, n)| (c.as_str(), *n))),
                            list(&u.policies, view),
                            list(&u.apps, view),
                            time(u.last_seen),
                            md(&u.fix_text()),
                        ],
                    )?;
                }
                more(out, shown, r.users.len(), "users")?;
                let patterns: Vec<String> = r.users[..shown]
                    .iter()
                    .flat_map(|u| {
                        u.findings.iter().map(move |f| {
                            format!(
                                "- **{}** ({}): {}. {}.",
                                md(&u.user),
                                f.kind.as_str(),
                                md(&f.detail),
                                md(&capitalized(&f.advice))
                            )
                        })
                    })
                    .collect();
                if !patterns.is_empty() {
                    writeln!(out)?;
                    writeln!(out, "### Patterns")?;
                    writeln!(out)?;
                    for p in patterns {
                        writeln!(out, "{p}")?;
                    }
                }
                let status: Vec<String> = r.users[..shown]
                    .iter()
                    .flat_map(|u| {
                        u.status_lines()
                            .into_iter()
                            .map(move |l| format!("- **{}**: {}.", md(&u.user), md(&l)))
                    })
                    .collect();
                if !status.is_empty() {
                    writeln!(out)?;
                    writeln!(out, "### Is it fixed?")?;
                    writeln!(out)?;
                    for l in status {
                        writeln!(out, "{l}")?;
                    }
                }
            }
        }
        if !r.incidents.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Incidents")?;
            writeln!(out)?;
            for i in &r.incidents {
                writeln!(out, "- {} {}", md(&i.headline()), md(&i.detail()))?;
            }
        }
        writeln!(out)?;
        writeln!(out, "### By cause")?;
        writeln!(out)?;
        table_head(out, &["Cause", "Sign-ins", "Users"], &[1, 2])?;
        for (c, n, u) in &r.by_cause {
            row(out, &[format!("`{c}`"), n.to_string(), u.to_string()])?;
        }
        writeln!(out)?;
        writeln!(out, "### By blocking policy")?;
        writeln!(out)?;
        table_head(out, &["Policy", "Sign-ins", "Users"], &[1, 2])?;
        for (p, n, u) in &r.by_policy {
            row(out, &[md(p), n.to_string(), u.to_string()])?;
        }
    }
    let notes = super::table::notes(r);
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "### Notes")?;
        writeln!(out)?;
        for n in notes {
            writeln!(out, "- {}", md(&n))?;
        }
    }
    Ok(())
}

/// A header row and its rule; `right` lists the columns to right-align (counts).
fn table_head(out: &mut impl Write, names: &[&str], right: &[usize]) -> io::Result<()> {
    writeln!(out, "| {} |", names.join(" | "))?;
    let rule: Vec<&str> = (0..names.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))
}

fn row(out: &mut impl Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

fn more(out: &mut impl Write, shown: usize, total: usize, what: &str) -> io::Result<()> {
    if shown < total {
        writeln!(out)?;
        writeln!(
            out,
            "…and {} more {what} (`--top {shown}`; the JSON lists them all).",
            total - shown
        )?;
    }
    Ok(())
}

fn counts<'a>(items: impl Iterator<Item = (&'a str, u64)>) -> String {
    items
        .map(|(c, n)| format!("`{c}` {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(items: &[String], view: View) -> String {
    let limit = view.list_limit();
    let mut shown: Vec<String> = items.iter().take(limit).map(|i| md(i)).collect();
    if items.len() > limit {
        shown.push(format!("…and {} more", items.len() - limit));
    }
    shown.join("<br>")
}

fn time(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map_or_else(
        || "-".to_string(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}

fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn s(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
