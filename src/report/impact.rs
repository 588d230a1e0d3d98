//! `impact`: per report-only policy, the sign-ins and users it would block or interrupt,
//! their causes, the top users and apps, and any break-glass account among them; as a
//! table, Markdown or JSON. Never mixed with real blocks.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use super::{Style, md_cell as md, rfc3339, sanitize};
use crate::classify::ReportOnly;
use crate::i18n::{self, check as t};
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
        return writeln!(out, "{}", t::IMPACT_NONE.fill(&[("records", &records)]));
    }
    writeln!(out, "{}", t::IMPACT_INTRO.fill(&[("records", &records)]))?;
    writeln!(out)?;
    let mut table = super::table::new_table(style, style.width.is_some());
    table.set_header(headers());
    let sep = if style.width.is_some() { "\n" } else { ", " };
    for p in impact {
        table.add_row(vec![
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
    writeln!(out, "{table}")?;
    let hits: Vec<String> = impact.iter().flat_map(hit_lines).collect();
    if !hits.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", t::BREAK_GLASS_HITS.get())?;
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
    writeln!(out, "{}", t::IMPACT_HEADING.fill(&[("records", &records)]))?;
    writeln!(out)?;
    if impact.is_empty() {
        return writeln!(out, "{}", t::IMPACT_NONE_MARKDOWN.get());
    }
    writeln!(out, "| {} |", headers().join(" | "))?;
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
        writeln!(out, "**{}**", t::BREAK_GLASS_HITS_TITLE.get())?;
        writeln!(out)?;
        for h in hits {
            writeln!(out, "- {}", md(&h))?;
        }
    }
    Ok(())
}

/// The column headers, table and Markdown alike.
fn headers() -> Vec<&'static str> {
    [
        t::COL_POLICY,
        t::COL_WOULD_BLOCK,
        t::COL_WOULD_INTERRUPT,
        t::COL_USERS,
        t::COL_CAUSES,
        t::COL_TOP_USERS,
        t::COL_TOP_APPS,
        t::COL_BREAK_GLASS,
    ]
    .map(|h| h.get())
    .to_vec()
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
        let more = (map.len() - TOP) as u64;
        v.push(i18n::pick(more, t::AND_MORE_ONE, t::AND_MORE_MANY));
    }
    v
}

fn break_glass(p: &PolicyImpact) -> String {
    let mut users: Vec<&str> = p.break_glass.iter().map(|(_, d)| d.user.as_str()).collect();
    users.sort_unstable();
    users.dedup();
    if users.is_empty() {
        t::BREAK_GLASS_NONE.get().to_string()
    } else {
        t::BREAK_GLASS_YES.fill(&[("users", &users.join(", "))])
    }
}

fn hit_lines(p: &PolicyImpact) -> Vec<String> {
    p.break_glass
        .iter()
        .map(|(effect, d)| {
            let hit = match effect {
                ReportOnly::WouldBlock => t::HIT_WOULD_BLOCK,
                ReportOnly::WouldInterrupt => t::HIT_WOULD_INTERRUPT,
            };
            let when = d.time.map(rfc3339).unwrap_or_default();
            let id = d.request_id.as_deref().unwrap_or(t::REQUEST_ID_NONE.get());
            hit.fill(&[
                ("user", &d.user),
                ("policy", &p.name),
                ("cause", &d.cause),
                ("when", &when),
                ("id", &id),
            ])
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::model::{AppliedPolicy, SignIn};
    use crate::summary::{Filter, Impact};

    /// A sign-in a report-only policy would have blocked.
    fn would_block(id: &str, user: &str) -> SignIn<'static> {
        SignIn {
            id: Some(id.to_string().into()),
            user_principal_name: Some(user.to_string().into()),
            error_code: Some(0),
            app_display_name: Some("Azure Portal".into()),
            policies: Some(vec![AppliedPolicy {
                display_name: Some("CA099 - Pilot block".into()),
                result: Some("reportOnlyFailure".into()),
                grant_controls: vec!["Block".into()],
                conditions_satisfied: Some(crate::model::Conditions::from_names(
                    "application,users,location",
                )),
                ..AppliedPolicy::default()
            }]),
            ..SignIn::default()
        }
    }

    fn impact() -> Vec<PolicyImpact> {
        let break_glass = vec!["bg1@contoso.com".to_string()];
        let mut impact = Impact::new(Filter::default(), &break_glass);
        for (id, user) in [
            ("r1", "ana@contoso.com"),
            ("r2", "ben@contoso.com"),
            ("r3", "bg1@contoso.com"),
            ("r4", "dana@contoso.com"),
        ] {
            impact.add(&would_block(id, user));
        }
        impact.finish()
    }

    fn plain() -> Style {
        Style {
            color: false,
            width: None,
            unicode: false,
            progress: false,
        }
    }

    fn render(lang: Lang, markdown: bool) -> String {
        let impact = impact();
        let mut out = Vec::new();
        with_lang(lang, || {
            if markdown {
                write_markdown(&mut out, &impact, 4)
            } else {
                write_table(&mut out, &impact, 4, plain())
            }
        })
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn impact_reads_in_french() {
        let md = render(Lang::Fr, true);
        for text in [
            "## Impact des stratégies en mode rapport seul (connexions lues : 4)",
            "| Stratégie en mode rapport seul | Bloquerait | Interromprait | Utilisateurs | \
             Causes | Principaux utilisateurs | Principales applications | Accès d'urgence |",
            "…et 1 autre | Azure Portal (4) | OUI : bg1@contoso.com |",
            "**Comptes d'accès d'urgence que ces stratégies atteindraient**",
            "- bg1@contoso.com serait bloqué par la stratégie « CA099 - Pilot block » (location) , \
             ID de la demande r3",
        ] {
            assert!(md.contains(text), "{text:?} not in\n{md}");
        }
        let table = render(Lang::Fr, false);
        assert!(
            table.starts_with(
                "Ce qu'auraient fait les stratégies en mode rapport seul (connexions lues : 4 ; \
                 elles n'ont rien bloqué, les blocages réels sont dans `report`) :"
            ),
            "{table}"
        );
        // Cause names stay the machine names.
        assert!(table.contains("location 4"), "{table}");
        let mut none = Vec::new();
        with_lang(Lang::Fr, || write_table(&mut none, &[], 3, plain())).unwrap();
        assert_eq!(
            String::from_utf8(none).unwrap(),
            "Aucune stratégie en mode rapport seul n'aurait bloqué ni interrompu de connexion \
             (connexions lues : 3 ; aucun résultat reportOnlyFailure ni reportOnlyInterrupted).\n"
        );
    }

    #[test]
    fn english_is_unchanged() {
        let md = render(Lang::En, true);
        assert!(md.contains(
            "| Report-only policy | Would block | Would interrupt | Users | Causes | Top users | \
             Top apps | Break-glass |\n|---|"
        ));
        assert!(md.contains("…and 1 more | Azure Portal (4) | YES: bg1@contoso.com |"));
        assert!(md.contains(
            "- bg1@contoso.com would be blocked by \"CA099 - Pilot block\" (location) , request id r3"
        ));
    }
}
