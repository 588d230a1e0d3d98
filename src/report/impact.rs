//! `impact`: per report-only policy, the sign-ins and users it would block or interrupt,
//! their causes, the top users and apps, and any break-glass account among them; as a
//! table, Markdown or JSON. Never mixed with real blocks.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use super::{Style, md_cell as md, rfc3339, sanitize};
use crate::classify::ReportOnly;
use crate::model::Cause;
use crate::summary::PolicyImpact;

/// How many users and apps each policy lists.
const TOP: usize = 3;

pub(crate) fn write_table(
    out: &mut impl Write,
    impact: &[PolicyImpact],
    records: u64,
    style: Style,
) -> io::Result<()> {
    if impact.is_empty() {
        return writeln!(
            out,
            "No report-only policy would have blocked or interrupted any of the {records} \
             sign-ins read (no reportOnlyFailure or reportOnlyInterrupted results)."
        );
    }
    writeln!(
        out,
        "What report-only policies would have done to {records} sign-ins (nothing was blocked \
         by them; real blocks are in `report`):"
    )?;
    writeln!(out)?;
    let mut t = super::table::new_table(style, style.width.is_some());
    t.set_header(vec![
        "Report-only policy",
        "Would block",
        "Would interrupt",
        "Users",
        "Causes",
        "Top users",
        "Top apps",
        "Break-glass",
    ]);
    let sep = if style.width.is_some() { "\n" } else { ", " };
    for p in impact {
        t.add_row(vec![
            Cell::new(sanitize(&p.name, false)),
            Cell::new(p.would_block).set_alignment(CellAlignment::Right),
            Cell::new(p.would_interrupt).set_alignment(CellAlignment::Right),
            Cell::new(p.users.len()).set_alignment(CellAlignment::Right),
            Cell::new(causes(p).join(sep)),
            Cell::new(top(&p.users).join(sep)),
            Cell::new(top(&p.apps).join(sep)),
            Cell::new(break_glass(p)),
        ]);
    }
    writeln!(out, "{t}")?;
    let hits: Vec<String> = impact.iter().flat_map(hit_lines).collect();
    if !hits.is_empty() {
        writeln!(out)?;
        writeln!(out, "Break-glass accounts these policies would reach:")?;
        for h in hits {
            writeln!(out, "  - {}", sanitize(&h, false))?;
        }
    }
    Ok(())
}

pub(crate) fn write_markdown(
    out: &mut impl Write,
    impact: &[PolicyImpact],
    records: u64,
) -> io::Result<()> {
    writeln!(out, "## Report-only impact ({records} sign-ins read)")?;
    writeln!(out)?;
    if impact.is_empty() {
        return writeln!(
            out,
            "No report-only policy would have blocked or interrupted a sign-in."
        );
    }
    writeln!(
        out,
        "| Report-only policy | Would block | Would interrupt | Users | Causes | Top users | Top apps | Break-glass |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---|---|---|---|")?;
    for p in impact {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&p.name),
            p.would_block,
            p.would_interrupt,
            p.users.len(),
            md(&causes(p).join(", ")),
            md(&top(&p.users).join(", ")),
            md(&top(&p.apps).join(", ")),
            md(&break_glass(p))
        )?;
    }
    let hits: Vec<String> = impact.iter().flat_map(hit_lines).collect();
    if !hits.is_empty() {
        writeln!(out)?;
        writeln!(out, "**Break-glass accounts these policies would reach**")?;
        writeln!(out)?;
        for h in hits {
            writeln!(out, "- {}", md(&h))?;
        }
    }
    Ok(())
}

fn causes(p: &PolicyImpact) -> Vec<String> {
    let mut v: Vec<(&Cause, &u64)> = p.causes.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(c, n)| format!("{c} {n}")).collect()
}

fn top(map: &std::collections::BTreeMap<String, u64>) -> Vec<String> {
    let mut v: Vec<String> = PolicyImpact::top(map, TOP)
        .into_iter()
        .map(|(k, n)| format!("{} ({n})", sanitize(k, false)))
        .collect();
    if map.len() > TOP {
        v.push(format!("…and {} more", map.len() - TOP));
    }
    v
}

fn break_glass(p: &PolicyImpact) -> String {
    let mut users: Vec<&str> = p.break_glass.iter().map(|(_, d)| d.user.as_str()).collect();
    users.sort_unstable();
    users.dedup();
    if users.is_empty() {
        "none".to_string()
    } else {
        format!("YES: {}", users.join(", "))
    }
}

fn hit_lines(p: &PolicyImpact) -> Vec<String> {
    p.break_glass
        .iter()
        .map(|(effect, d)| {
            let what = match effect {
                ReportOnly::WouldBlock => "would be blocked",
                ReportOnly::WouldInterrupt => "would be interrupted",
            };
            let when = d.time.map(rfc3339).unwrap_or_default();
            format!(
                "{} {what} by \"{}\" ({}) {when}, request id {}",
                d.user,
                p.name,
                d.cause,
                d.request_id.as_deref().unwrap_or("none")
            )
        })
        .collect()
}

#[derive(Serialize)]
struct PolicyOut<'a> {
    policy: &'a str,
    id: Option<&'a str>,
    would_block: u64,
    would_interrupt: u64,
    users: u64,
    /// Would-block sign-ins by cause.
    #[serde(serialize_with = "cause_map")]
    causes: &'a std::collections::BTreeMap<Cause, u64>,
    top_users: Vec<Count<'a>>,
    top_apps: Vec<Count<'a>>,
    break_glass: Vec<HitOut<'a>>,
}

#[derive(Serialize)]
struct Count<'a> {
    name: &'a str,
    sign_ins: u64,
}

#[derive(Serialize)]
struct HitOut<'a> {
    user: &'a str,
    effect: &'static str,
    request_id: Option<&'a str>,
    time: Option<String>,
    cause: Cause,
}

fn cause_map<S: serde::Serializer>(
    m: &&std::collections::BTreeMap<Cause, u64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(m.len()))?;
    for (c, n) in m.iter() {
        map.serialize_entry(c.as_str(), n)?;
    }
    map.end()
}

pub(crate) fn write_json(
    out: &mut impl Write,
    impact: &[PolicyImpact],
    records: u64,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Document<'a> {
        schema_version: u32,
        records: u64,
        policies: Vec<PolicyOut<'a>>,
    }
    let doc = Document {
        schema_version: super::json::SCHEMA_VERSION,
        records,
        policies: impact
            .iter()
            .map(|p| PolicyOut {
                policy: &p.name,
                id: p.id.as_deref(),
                would_block: p.would_block,
                would_interrupt: p.would_interrupt,
                users: p.users.len() as u64,
                causes: &p.causes,
                top_users: PolicyImpact::top(&p.users, TOP)
                    .into_iter()
                    .map(|(name, sign_ins)| Count { name, sign_ins })
                    .collect(),
                top_apps: PolicyImpact::top(&p.apps, TOP)
                    .into_iter()
                    .map(|(name, sign_ins)| Count { name, sign_ins })
                    .collect(),
                break_glass: p
                    .break_glass
                    .iter()
                    .map(|(effect, d)| HitOut {
                        user: &d.user,
                        effect: match effect {
                            ReportOnly::WouldBlock => "would_block",
                            ReportOnly::WouldInterrupt => "would_interrupt",
                        },
                        request_id: d.request_id.as_deref(),
                        time: d.time.map(rfc3339),
                        cause: d.cause,
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
