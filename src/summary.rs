//! Aggregation: counts every record, keeps the diagnoses of blocked sign-ins (once per
//! request id), and turns them into per-user, per-cause and per-policy totals in a
//! deterministic order. Keeps no raw records.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use crate::classify;
use crate::fixes::{self, FixKey};
use crate::model::{Cause, Diagnosis, SignIn};

/// Which records a run looks at (`--since`, `--until`, `--user`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Filter {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Lower-cased UPNs or display names; empty means everyone.
    pub users: Vec<String>,
}

impl Filter {
    /// A record without a readable time is outside any time window: it cannot be shown
    /// to be inside one.
    pub(crate) fn admits(&self, s: &SignIn<'_>) -> bool {
        if self.since.is_some() || self.until.is_some() {
            let Some(t) = s.created else { return false };
            if self.since.is_some_and(|since| t < since) || self.until.is_some_and(|u| t > u) {
                return false;
            }
        }
        if !self.users.is_empty() {
            let matches = |v: &Option<std::borrow::Cow<'_, str>>| {
                v.as_deref()
                    .is_some_and(|v| self.users.iter().any(|u| u.eq_ignore_ascii_case(v.trim())))
            };
            if !matches(&s.user_principal_name) && !matches(&s.user_display_name) {
                return false;
            }
        }
        true
    }
}

/// Counters fed one record at a time.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    filter: Filter,
    records: u64,
    filtered_out: u64,
    succeeded: u64,
    other_failures: BTreeMap<i64, u64>,
    no_error_code: u64,
    unreadable_time: u64,
    would_block: u64,
    duplicates: u64,
    failures: Vec<Diagnosis>,
    /// Request id (lower-cased) → index in `failures`.
    seen: HashMap<String, usize>,
}

/// What `Tally::add` did with a record.
pub(crate) enum Added<'t> {
    /// A blocked sign-in seen for the first time.
    NewBlock(&'t Diagnosis),
    /// Anything else: not blocked, filtered out, or a duplicate.
    Other,
}

impl Tally {
    pub(crate) fn new(filter: Filter) -> Tally {
        Tally {
            filter,
            ..Tally::default()
        }
    }

    pub(crate) fn add(&mut self, s: &SignIn<'_>) -> Added<'_> {
        self.records += 1;
        if s.created.is_none() {
            self.unreadable_time += 1;
        }
        if !self.filter.admits(s) {
            self.filtered_out += 1;
            return Added::Other;
        }
        match s.error_code {
            Some(0) => self.succeeded += 1,
            Some(crate::model::BLOCKED_BY_CONDITIONAL_ACCESS) => {}
            Some(code) => *self.other_failures.entry(code).or_default() += 1,
            None => self.no_error_code += 1,
        }
        let Some(d) = classify::classify(s) else {
            if classify::report_only_blocks(s).next().is_some() {
                self.would_block += 1;
            }
            return Added::Other;
        };
        if let Some(id) = d.request_id.as_deref().map(str::to_ascii_lowercase) {
            if let Some(&i) = self.seen.get(&id) {
                self.duplicates += 1;
                // Keep the copy that says more (say, one carrying the policy details).
                if d.confidence > self.failures[i].confidence {
                    self.failures[i] = d;
                }
                return Added::Other;
            }
            self.seen.insert(id, self.failures.len());
        }
        self.failures.push(d);
        Added::NewBlock(self.failures.last().expect("just pushed"))
    }

    pub(crate) fn finish(mut self) -> Report {
        self.failures.sort_by(|a, b| {
            (a.time.is_none(), a.time, &a.request_id).cmp(&(
                b.time.is_none(),
                b.time,
                &b.request_id,
            ))
        });
        let users = user_rows(&self.failures);
        let mut by_cause: BTreeMap<Cause, (u64, BTreeSet<&str>)> = BTreeMap::new();
        let mut by_policy: BTreeMap<&str, (u64, BTreeSet<&str>)> = BTreeMap::new();
        for d in &self.failures {
            let e = by_cause.entry(d.cause).or_default();
            e.0 += 1;
            e.1.insert(&d.user);
            if d.policies.is_empty() {
                let e = by_policy.entry("(no policy in the export)").or_default();
                e.0 += 1;
                e.1.insert(&d.user);
            }
            for p in &d.policies {
                let e = by_policy.entry(&p.name).or_default();
                e.0 += 1;
                e.1.insert(&d.user);
            }
        }
        let by_cause = sort_totals(
            by_cause
                .into_iter()
                .map(|(c, (n, u))| (c, n, u.len() as u64)),
        );
        let by_policy = sort_totals(
            by_policy
                .into_iter()
                .map(|(p, (n, u))| (p.to_string(), n, u.len() as u64)),
        );
        let warnings = self.warnings();
        Report {
            records: self.records,
            filtered_out: self.filtered_out,
            succeeded: self.succeeded,
            other_failures: self.other_failures,
            would_block: self.would_block,
            duplicates: self.duplicates,
            users,
            by_cause,
            by_policy,
            failures: self.failures,
            warnings,
        }
    }

    fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        // (noun suffix, verb "have"/"has", verb suffix) for a count.
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let have = |n: usize| if n == 1 { "has" } else { "have" };
        let verb_s = |n: usize| if n == 1 { "s" } else { "" };
        if self.records == 0 {
            out.push(
                "no sign-in records were read: is the export empty, or was the wrong file passed?"
                    .to_string(),
            );
        }
        let no_policy = self.failures.iter().filter(|d| d.no_policy_details).count();
        if no_policy > 0 {
            out.push(format!(
                "{no_policy} blocked sign-in{} carr{} no Conditional Access policy details (an \
                 export made without permission to read policies?): causes are inferred from \
                 the sign-in, or unknown",
                plural(no_policy),
                if no_policy == 1 { "ies" } else { "y" }
            ));
        }
        let no_conditions = self
            .failures
            .iter()
            .filter(|d| d.no_condition_data && !d.no_policy_details)
            .count();
        if no_conditions > 0 {
            out.push(format!(
                "{no_conditions} blocked sign-in{} name{} the policy but not the conditions it \
                 matched (the Graph v1.0 shape): causes are inferred from the policy name and \
                 the sign-in; export from beta or the portal's JSON download for certainty",
                plural(no_conditions),
                verb_s(no_conditions)
            ));
        }
        if self.duplicates > 0 {
            out.push(format!(
                "{} duplicate record{} of blocked sign-ins (same request id) {} counted once",
                self.duplicates,
                plural(self.duplicates as usize),
                if self.duplicates == 1 { "was" } else { "were" }
            ));
        }
        if self.unreadable_time > 0 {
            out.push(format!(
                "{} record{} {} no readable createdDateTime: shown without a time, and outside \
                 any --since/--until window",
                self.unreadable_time,
                plural(self.unreadable_time as usize),
                have(self.unreadable_time as usize)
            ));
        }
        if self.no_error_code > 0 {
            out.push(format!(
                "{} record{} {} no status.errorCode: counted but not diagnosed",
                self.no_error_code,
                plural(self.no_error_code as usize),
                have(self.no_error_code as usize)
            ));
        }
        out
    }
}

/// Everything a report shows, in output order.
#[derive(Debug)]
pub(crate) struct Report {
    pub records: u64,
    pub filtered_out: u64,
    pub succeeded: u64,
    pub other_failures: BTreeMap<i64, u64>,
    /// Sign-ins a report-only policy would have blocked (they were not blocked).
    pub would_block: u64,
    pub duplicates: u64,
    pub users: Vec<UserRow>,
    /// (cause, blocked sign-ins, users), most sign-ins first.
    pub by_cause: Vec<(Cause, u64, u64)>,
    /// (policy, blocked sign-ins, users), most sign-ins first.
    pub by_policy: Vec<(String, u64, u64)>,
    /// By time, then request id.
    pub failures: Vec<Diagnosis>,
    pub warnings: Vec<String>,
}

impl Report {
    pub(crate) fn blocked(&self) -> u64 {
        self.failures.len() as u64
    }
}

/// One user's blocks.
#[derive(Debug)]
pub(crate) struct UserRow {
    pub user: String,
    pub blocked: u64,
    /// Most frequent first.
    pub causes: Vec<(Cause, u64)>,
    pub policies: Vec<String>,
    pub apps: Vec<String>,
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    /// The first thing to do about the user's most frequent kind of block.
    pub fix: String,
}

fn user_rows(failures: &[Diagnosis]) -> Vec<UserRow> {
    let mut by_user: BTreeMap<&str, Vec<&Diagnosis>> = BTreeMap::new();
    for d in failures {
        by_user.entry(&d.user).or_default().push(d);
    }
    let mut rows: Vec<UserRow> = by_user
        .into_iter()
        .map(|(user, list)| {
            let mut causes: BTreeMap<Cause, u64> = BTreeMap::new();
            let mut fixes_seen: BTreeMap<FixKey, (u64, &Diagnosis)> = BTreeMap::new();
            let mut policies = BTreeSet::new();
            let mut apps = BTreeSet::new();
            for d in &list {
                *causes.entry(d.cause).or_default() += 1;
                // The latest diagnosis of each kind fills in the fix's details.
                let e = fixes_seen.entry(d.fix).or_insert((0, d));
                e.0 += 1;
                e.1 = d;
                policies.extend(d.policies.iter().map(|p| p.name.clone()));
                apps.extend(d.app.clone().or_else(|| d.resource.clone()));
            }
            let mut causes: Vec<(Cause, u64)> = causes.into_iter().collect();
            causes.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
            let fix = fixes_seen
                .values()
                .max_by_key(|(n, d)| (*n, std::cmp::Reverse(d.fix)))
                .map(|(_, d)| fixes::render(d).summary)
                .unwrap_or_default();
            UserRow {
                user: user.to_string(),
                blocked: list.len() as u64,
                causes,
                policies: policies.into_iter().collect(),
                apps: apps.into_iter().collect(),
                first_seen: list.iter().filter_map(|d| d.time).min(),
                last_seen: list.iter().filter_map(|d| d.time).max(),
                fix,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.blocked.cmp(&a.blocked).then_with(|| a.user.cmp(&b.user)));
    rows
}

fn sort_totals<K: Ord>(items: impl Iterator<Item = (K, u64, u64)>) -> Vec<(K, u64, u64)> {
    let mut v: Vec<_> = items.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
