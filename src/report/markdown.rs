//! `report --format markdown`: the headline, the per-user (or grouped) table, patterns,
//! incidents, totals by cause and policy, and notes, as GitHub-flavoured Markdown for a
//! ticket or a wiki. Log text is made safe for table cells (`md_cell`).

use std::io::{self, Write};

use super::table::more_line;
use super::{View, md_cell as md};
use crate::i18n::{self, Tr, report as t};
use crate::insights::shown_key;
use crate::summary::{GroupBy, Report};

pub(crate) fn write(out: &mut impl Write, r: &Report, sources: &str, view: View) -> io::Result<()> {
    writeln!(out, "{}", t::MD_TITLE.get())?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        t::MD_HEADLINE.fill(&[
            (
                "signins",
                &i18n::count(r.blocked, t::BLOCKED_SIGNIN_ONE, t::BLOCKED_SIGNIN_MANY)
            ),
            (
                "users",
                &i18n::count(r.users.len() as u64, t::USER_ONE, t::USER_MANY)
            ),
            (
                "records",
                &i18n::count(r.records, t::RECORD_ONE, t::RECORD_MANY)
            ),
            ("sources", &md(sources)),
        ])
    )?;
    if r.blocked > 0 {
        writeln!(out)?;
        match &r.groups {
            Some((by, rows)) => {
                let mut head = vec![
                    by.heading(),
                    t::COL_BLOCKED.get(),
                    t::COL_USERS.get(),
                    t::COL_CAUSES.get(),
                ];
                if *by != GroupBy::Policy {
                    head.push(t::COL_POLICIES.get());
                }
                head.push(t::COL_LAST_SEEN.get());
                table_head(out, &head, &[1, 2])?;
                let shown = view.rows(rows.len());
                for g in &rows[..shown] {
                    let mut cells = vec![
                        md(shown_key(&g.key)),
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
                more(
                    out,
                    shown,
                    rows.len(),
                    (t::MORE_ROWS_ONE, t::MORE_ROWS_MANY),
                )?;
            }
            None => {
                table_head(
                    out,
                    &[
                        t::COL_USER.get(),
                        t::COL_BLOCKED.get(),
                        t::COL_CAUSES.get(),
                        t::COL_POLICIES.get(),
                        t::COL_APPS.get(),
                        t::COL_LAST_SEEN.get(),
                        t::COL_SUGGESTED_FIX.get(),
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
                more(
                    out,
                    shown,
                    r.users.len(),
                    (t::MORE_USERS_ONE, t::MORE_USERS_MANY),
                )?;
                let patterns: Vec<String> = r.users[..shown]
                    .iter()
                    .flat_map(|u| {
                        u.findings.iter().map(move |f| {
                            t::MD_PATTERN_LINE.fill(&[
                                ("user", &md(&u.user)),
                                ("kind", &f.kind.as_str()),
                                ("detail", &md(&f.detail)),
                                ("advice", &md(&capitalized(&f.advice))),
                            ])
                        })
                    })
                    .collect();
                if !patterns.is_empty() {
                    writeln!(out)?;
                    writeln!(out, "{}", t::MD_PATTERNS.get())?;
                    writeln!(out)?;
                    for p in patterns {
                        writeln!(out, "{p}")?;
                    }
                }
                let status: Vec<String> = r.users[..shown]
                    .iter()
                    .flat_map(|u| {
                        u.status_lines().into_iter().map(move |l| {
                            t::MD_STATUS_LINE.fill(&[("user", &md(&u.user)), ("line", &md(&l))])
                        })
                    })
                    .collect();
                if !status.is_empty() {
                    writeln!(out)?;
                    writeln!(out, "{}", t::MD_STATUS.get())?;
                    writeln!(out)?;
                    for l in status {
                        writeln!(out, "{l}")?;
                    }
                }
            }
        }
        if !r.incidents.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", t::MD_INCIDENTS.get())?;
            writeln!(out)?;
            for i in &r.incidents {
                writeln!(out, "- {} {}", md(&i.headline()), md(&i.detail()))?;
            }
        }
        writeln!(out)?;
        writeln!(out, "{}", t::MD_BY_CAUSE.get())?;
        writeln!(out)?;
        table_head(
            out,
            &[t::COL_CAUSE.get(), t::COL_SIGNINS.get(), t::COL_USERS.get()],
            &[1, 2],
        )?;
        for (c, n, u) in &r.by_cause {
            row(out, &[format!("`{c}`"), n.to_string(), u.to_string()])?;
        }
        writeln!(out)?;
        writeln!(out, "{}", t::MD_BY_POLICY.get())?;
        writeln!(out)?;
        table_head(
            out,
            &[
                t::COL_POLICY.get(),
                t::COL_SIGNINS.get(),
                t::COL_USERS.get(),
            ],
            &[1, 2],
        )?;
        for (p, n, u) in &r.by_policy {
            row(out, &[md(shown_key(p)), n.to_string(), u.to_string()])?;
        }
    }
    let notes = super::table::notes(r);
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", t::MD_NOTES.get())?;
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

fn more(out: &mut impl Write, shown: usize, total: usize, what: (Tr, Tr)) -> io::Result<()> {
    if shown < total {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            more_line(shown, total, what, &format!("`--top {shown}`"))
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
        shown.push(t::MORE_ITEMS.fill(&[("n", &(items.len() - limit))]));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::model::blocked_for_tests;
    use crate::summary::{Filter, GroupBy, Tally};

    #[test]
    fn markdown_reads_in_french() {
        // Tallied in French: the group keys are worded as the records are counted.
        let r = with_lang(Lang::Fr, || {
            let mut t = Tally::new(Filter::default(), false).group_by(GroupBy::Country);
            for (id, country) in [("a", "BR"), ("b", "BR"), ("c", "")] {
                t.add(blocked_for_tests(
                    id,
                    "dana@contoso.com",
                    "",
                    country,
                    "application,users,location",
                ));
            }
            t.finish()
        });
        let mut out = Vec::new();
        let view = View {
            top: Some(1),
            wide: false,
        };
        with_lang(Lang::Fr, || write(&mut out, &r, "logs.json", view)).unwrap();
        let md = String::from_utf8(out).unwrap();
        for want in [
            "## Connexions bloquées par l'accès conditionnel (AADSTS53003)",
            "3 connexions bloquées pour 1 utilisateur, sur 3 enregistrements provenant de \
             logs.json.",
            "| Pays | Blocages | Utilisateurs | Causes | Stratégies | Dernier blocage (UTC) |",
            "| BR | 2 | 1 | `location` 2 |",
            "…et 1 ligne de plus (`--top 1` ; le JSON donne la liste complète).",
            "### Par stratégie bloquante",
            "| Stratégie | Connexions | Utilisateurs |",
        ] {
            assert!(md.contains(want), "{want:?} not in:\n{md}");
        }
        // The row of blocks without a country, worded when the report was made.
        let view = View::default();
        let mut out = Vec::new();
        with_lang(Lang::Fr, || write(&mut out, &r, "logs.json", view)).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(md.contains("| (aucun pays dans l'export) | 1 |"), "{md}");
    }
}
