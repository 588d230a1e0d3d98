//! `check`'s rules, evaluated over the totals of a run: how many sign-ins were blocked
//! (optionally only some causes or policies), by how many users, whether any break-glass
//! account was blocked or would be, and how many sign-ins report-only policies would
//! block. Pure: totals in, verdicts out.

use crate::classify::ReportOnly;
use crate::i18n::{self, check as t};
use crate::model::{Cause, Diagnosis};
use crate::summary::{PolicyImpact, Report};

/// What the run is asked to hold to.
#[derive(Debug, Default, Clone)]
pub(crate) struct Limits {
    /// Blocked sign-ins allowed; `None` means 0 unless `max_users` is set.
    pub max_blocked: Option<u64>,
    pub max_users: Option<u64>,
    /// Report-only would-block sign-ins allowed; `None` means not checked.
    pub max_would_block: Option<u64>,
    /// Count only blocks of these causes (empty: all).
    pub fail_on: Vec<Cause>,
    /// Count only blocks by these policies, by name or id (empty: all).
    pub policies: Vec<String>,
    /// Lower-cased UPNs of the emergency accounts: any block or would-block fails.
    pub break_glass: Vec<String>,
    /// `--unresolved-only`: the blocked, users, cause and policy counts leave out blocks
    /// followed by a success of the same user to the same app (break-glass stays strict).
    pub unresolved_only: bool,
}

/// Which rule a violation breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleId {
    /// With --lenient: nothing was skipped.
    Readable,
    Blocked,
    BlockedUsers,
    BreakGlass,
    WouldBlock,
}

impl RuleId {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RuleId::Readable => "readable",
            RuleId::Blocked => "blocked",
            RuleId::BlockedUsers => "blocked_users",
            RuleId::BreakGlass => "break_glass",
            RuleId::WouldBlock => "would_block",
        }
    }
}

/// What a violation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Block,
    WouldBlock,
    WouldInterrupt,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Block => "block",
            Kind::WouldBlock => "would_block",
            Kind::WouldInterrupt => "would_interrupt",
        }
    }
}

/// One sign-in that breaks a rule.
#[derive(Debug, Clone)]
pub(crate) struct Violation<'a> {
    pub kind: Kind,
    pub diagnosis: &'a Diagnosis,
    /// The (report-only) policy, for would-be effects.
    pub policy: Option<&'a str>,
}

/// One rule and how the run fared against it.
#[derive(Debug, Clone)]
pub(crate) struct Rule<'a> {
    pub id: RuleId,
    /// "at most 0 blocked sign-ins", for people and JUnit test names.
    pub title: String,
    pub limit: u64,
    pub actual: u64,
    pub violations: Vec<Violation<'a>>,
    /// Places that break the rule without a sign-in to show (skipped data).
    pub notes: Vec<String>,
}

impl Rule<'_> {
    pub(crate) fn passed(&self) -> bool {
        self.actual <= self.limit
    }
}

/// The verdict of a run.
#[derive(Debug)]
pub(crate) struct Verdict<'a> {
    pub rules: Vec<Rule<'a>>,
}

impl Verdict<'_> {
    pub(crate) fn passed(&self) -> bool {
        self.rules.iter().all(Rule::passed)
    }
}

fn policy_matches(wanted: &[String], name: &str, id: Option<&str>) -> bool {
    wanted.is_empty()
        || wanted.iter().any(|w| {
            let w = w.trim();
            w.eq_ignore_ascii_case(name) || id.is_some_and(|id| w.eq_ignore_ascii_case(id))
        })
}

/// Whether a block counts under `--fail-on` and `--policy` (a contributing cause counts).
fn counted(limits: &Limits, d: &Diagnosis) -> bool {
    let cause = limits.fail_on.is_empty() || limits.fail_on.iter().any(|c| d.causes.contains(c));
    let policy = limits.policies.is_empty()
        || d.policies
            .iter()
            .any(|p| policy_matches(&limits.policies, &p.name, p.id.as_deref()));
    cause && policy
}

/// The policies of `--policy` as a rule title names them: "CA004/CA012" (quoted in French).
fn names(policies: &[String]) -> String {
    let quoted: Vec<String> = policies
        .iter()
        .map(|p| t::SCOPE_NAME.fill(&[("name", p)]))
        .collect();
    quoted.join("/")
}

/// `skipped`: with --lenient, how many records were skipped and the first places.
pub(crate) fn evaluate<'a>(
    limits: &Limits,
    report: &'a Report,
    impact: &'a [PolicyImpact],
    skipped: Option<&(u64, Vec<String>)>,
) -> Verdict<'a> {
    let mut rules = Vec::new();
    if let Some((count, places)) = skipped {
        // Data that could not be read can hide a block: a check cannot pass over it.
        rules.push(Rule {
            id: RuleId::Readable,
            title: t::RULE_READABLE.get().to_string(),
            limit: 0,
            actual: *count,
            violations: Vec::new(),
            notes: places.clone(),
        });
    }
    let blocks: Vec<&Diagnosis> = report
        .failures
        .iter()
        .filter(|d| counted(limits, d))
        .filter(|d| !limits.unresolved_only || !report.resolved(d))
        .collect();
    let scope = match (
        limits.fail_on.is_empty(),
        limits.policies.is_empty(),
        limits.unresolved_only,
    ) {
        (true, true, false) => String::new(),
        _ => {
            let mut parts = Vec::new();
            if limits.unresolved_only {
                parts.push(t::SCOPE_UNRESOLVED.get().to_string());
            }
            if !limits.fail_on.is_empty() {
                let c: Vec<&str> = limits.fail_on.iter().map(|c| c.as_str()).collect();
                parts.push(t::SCOPE_CAUSE.fill(&[("causes", &c.join("/"))]));
            }
            if !limits.policies.is_empty() {
                parts.push(t::SCOPE_POLICY.fill(&[("policies", &names(&limits.policies))]));
            }
            format!(" ({})", parts.join(", "))
        }
    };
    let as_block = |d: &'a Diagnosis| Violation {
        kind: Kind::Block,
        diagnosis: d,
        policy: None,
    };

    let blocked_limit = match (limits.max_blocked, limits.max_users) {
        (Some(n), _) => Some(n),
        (None, Some(_)) => None,
        (None, None) => Some(0),
    };
    if let Some(limit) = blocked_limit {
        let actual = blocks.len() as u64;
        rules.push(Rule {
            id: RuleId::Blocked,
            title: t::RULE_AT_MOST.fill(&[
                (
                    "count",
                    &i18n::count(limit, t::BLOCKED_SIGN_IN_ONE, t::BLOCKED_SIGN_IN_MANY),
                ),
                ("scope", &scope),
            ]),
            limit,
            actual,
            violations: if actual > limit {
                blocks.iter().map(|d| as_block(d)).collect()
            } else {
                Vec::new()
            },
            notes: Vec::new(),
        });
    }
    if let Some(limit) = limits.max_users {
        let mut users: Vec<&str> = blocks.iter().map(|d| d.user.as_str()).collect();
        users.sort_unstable();
        users.dedup();
        let actual = users.len() as u64;
        rules.push(Rule {
            id: RuleId::BlockedUsers,
            title: t::RULE_AT_MOST.fill(&[
                (
                    "count",
                    &i18n::count(limit, t::BLOCKED_USER_ONE, t::BLOCKED_USER_MANY),
                ),
                ("scope", &scope),
            ]),
            limit,
            actual,
            violations: if actual > limit {
                // One line per user: their latest block.
                users
                    .iter()
                    .filter_map(|u| blocks.iter().rev().find(|d| d.user == *u))
                    .map(|d| as_block(d))
                    .collect()
            } else {
                Vec::new()
            },
            notes: Vec::new(),
        });
    }
    if !limits.break_glass.is_empty() {
        // Whatever the other options say: these accounts must never be locked out.
        let mut violations: Vec<Violation<'a>> = report
            .failures
            .iter()
            .filter(|d| limits.break_glass.contains(&d.user))
            .map(as_block)
            .collect();
        for p in impact {
            for (effect, d) in &p.break_glass {
                violations.push(Violation {
                    kind: match effect {
                        ReportOnly::WouldBlock => Kind::WouldBlock,
                        ReportOnly::WouldInterrupt => Kind::WouldInterrupt,
                    },
                    diagnosis: d,
                    policy: Some(&p.name),
                });
            }
        }
        // An MFA prompt is no lock-out: only blocks and would-blocks count.
        violations.retain(|v| v.kind != Kind::WouldInterrupt);
        rules.push(Rule {
            id: RuleId::BreakGlass,
            title: i18n::pick(
                limits.break_glass.len() as u64,
                t::RULE_BREAK_GLASS_ONE,
                t::RULE_BREAK_GLASS_MANY,
            ),
            limit: 0,
            actual: violations.len() as u64,
            violations,
            notes: Vec::new(),
        });
    }
    if let Some(limit) = limits.max_would_block {
        let selected: Vec<&PolicyImpact> = impact
            .iter()
            .filter(|p| policy_matches(&limits.policies, &p.name, p.id.as_deref()))
            .collect();
        let actual: u64 = selected.iter().map(|p| p.would_block).sum();
        let violations = if actual > limit {
            selected
                .iter()
                .flat_map(|p| {
                    p.blocks.iter().map(|d| Violation {
                        kind: Kind::WouldBlock,
                        diagnosis: d,
                        policy: Some(p.name.as_str()),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let which = if limits.policies.is_empty() {
            String::new()
        } else {
            format!(" ({})", names(&limits.policies))
        };
        rules.push(Rule {
            id: RuleId::WouldBlock,
            title: t::RULE_WOULD_BLOCK.fill(&[
                (
                    "count",
                    &i18n::count(limit, t::WOULD_BE_BLOCK_ONE, t::WOULD_BE_BLOCK_MANY),
                ),
                ("which", &which),
            ]),
            limit,
            actual,
            violations,
            notes: Vec::new(),
        });
    }
    Verdict { rules }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{AppliedPolicy, SignIn};
    use crate::summary::{Filter, Impact, Tally};

    /// A sign-in with `code` and one policy: (name, result, conditions satisfied), `Block`.
    pub(crate) fn record(
        id: &str,
        user: &str,
        code: i64,
        policy: (&str, &str, &str),
    ) -> SignIn<'static> {
        SignIn {
            id: Some(id.to_string().into()),
            user_principal_name: Some(user.to_string().into()),
            error_code: Some(code),
            policies: Some(vec![AppliedPolicy {
                display_name: Some(policy.0.to_string().into()),
                result: Some(policy.1.to_string().into()),
                grant_controls: vec!["Block".into()],
                conditions_satisfied: Some(crate::model::Conditions::from_names(policy.2)),
                ..AppliedPolicy::default()
            }]),
            ..SignIn::default()
        }
    }

    fn run(records: &[SignIn<'static>], limits: &Limits, check: impl Fn(&Verdict<'_>)) {
        let mut tally = Tally::new(Filter::default(), true);
        let mut impact = Impact::new(Filter::default(), &limits.break_glass).keep_blocks();
        for r in records {
            impact.add(r);
            tally.add(r.clone());
        }
        let report = tally.finish();
        let impact = impact.finish();
        check(&evaluate(limits, &report, &impact, None));
    }

    fn sample() -> Vec<SignIn<'static>> {
        vec![
            record(
                "a",
                "dana@contoso.com",
                53003,
                (
                    "CA030 - Block untrusted IP",
                    "failure",
                    "application,users,location",
                ),
            ),
            record(
                "b",
                "dana@contoso.com",
                53003,
                (
                    "CA004 - Block legacy",
                    "failure",
                    "application,users,clientType",
                ),
            ),
            record(
                "c",
                "lee@contoso.com",
                53003,
                (
                    "CA004 - Block legacy",
                    "failure",
                    "application,users,clientType",
                ),
            ),
            record(
                "d",
                "bg1@contoso.com",
                0,
                (
                    "CA099 - Pilot block",
                    "reportOnlyFailure",
                    "application,users",
                ),
            ),
            record(
                "e",
                "sam@contoso.com",
                0,
                (
                    "CA099 - Pilot block",
                    "reportOnlyFailure",
                    "application,users",
                ),
            ),
        ]
    }

    #[test]
    fn any_block_fails_by_default() {
        run(&sample(), &Limits::default(), |v| {
            assert!(!v.passed());
            assert_eq!(v.rules.len(), 1);
            assert_eq!((v.rules[0].actual, v.rules[0].violations.len()), (3, 3));
        });
    }

    #[test]
    fn thresholds_causes_and_policies_narrow_what_counts() {
        let limits = Limits {
            max_blocked: Some(3),
            ..Limits::default()
        };
        run(&sample(), &limits, |v| assert!(v.passed()));
        let limits = Limits {
            fail_on: vec![Cause::Location],
            ..Limits::default()
        };
        run(&sample(), &limits, |v| assert_eq!(v.rules[0].actual, 1));
        let limits = Limits {
            policies: vec!["ca004 - block legacy".into()],
            max_blocked: Some(1),
            ..Limits::default()
        };
        run(&sample(), &limits, |v| {
            assert_eq!(v.rules[0].actual, 2);
            assert!(!v.passed());
        });
        let limits = Limits {
            max_users: Some(1),
            ..Limits::default()
        };
        run(&sample(), &limits, |v| {
            assert_eq!(v.rules.len(), 1, "the users rule alone");
            assert_eq!(
                (v.rules[0].id, v.rules[0].actual),
                (RuleId::BlockedUsers, 2)
            );
        });
    }

    #[test]
    fn break_glass_and_would_block_are_their_own_rules() {
        let limits = Limits {
            max_blocked: Some(10),
            break_glass: vec!["bg1@contoso.com".into()],
            max_would_block: Some(1),
            ..Limits::default()
        };
        run(&sample(), &limits, |v| {
            let bg = v.rules.iter().find(|r| r.id == RuleId::BreakGlass).unwrap();
            assert_eq!(bg.actual, 1);
            assert_eq!(bg.violations[0].kind, Kind::WouldBlock);
            assert_eq!(bg.violations[0].policy, Some("CA099 - Pilot block"));
            let wb = v.rules.iter().find(|r| r.id == RuleId::WouldBlock).unwrap();
            assert_eq!((wb.actual, wb.passed()), (2, false));
            assert!(!v.passed());
        });
    }

    #[test]
    fn rule_titles_read_in_french() {
        use crate::i18n::{Lang, with_lang};
        let limits = Limits {
            max_blocked: Some(1),
            max_users: Some(0),
            fail_on: vec![Cause::Location],
            policies: vec!["CA030 - Block untrusted IP".into()],
            unresolved_only: true,
            break_glass: vec!["bg1@contoso.com".into(), "bg2@contoso.com".into()],
            max_would_block: Some(0),
        };
        with_lang(Lang::Fr, || {
            run(&sample(), &limits, |v| {
                let titles: Vec<&str> = v.rules.iter().map(|r| r.title.as_str()).collect();
                let scope = " (blocages non résolus : aucune connexion réussie ensuite à la \
                             même application, cause : location, stratégie « CA030 - Block \
                             untrusted IP »)";
                assert_eq!(
                    titles,
                    [
                        format!("au plus 1 connexion bloquée{scope}"),
                        format!("au plus 0 utilisateur bloqué{scope}"),
                        "aucun blocage, réel ou potentiel, des 2 comptes d'accès d'urgence"
                            .to_string(),
                        "au plus 0 blocage potentiel par des stratégies en mode rapport seul \
                         (« CA030 - Block untrusted IP »)"
                            .to_string(),
                    ]
                );
            });
            let one = Limits {
                break_glass: vec!["bg1@contoso.com".into()],
                ..Limits::default()
            };
            run(&sample(), &one, |v| {
                assert_eq!(
                    v.rules[1].title,
                    "aucun blocage, réel ou potentiel, de 1 compte d'accès d'urgence"
                );
            });
        });
        // The rule ids stay the machine names whatever the language.
        with_lang(Lang::Fr, || {
            run(&sample(), &limits, |v| {
                let ids: Vec<&str> = v.rules.iter().map(|r| r.id.as_str()).collect();
                assert_eq!(
                    ids,
                    ["blocked", "blocked_users", "break_glass", "would_block"]
                );
            })
        });
    }
}
