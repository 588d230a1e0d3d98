//! Aggregation: counts every record, keeps the diagnoses of blocked sign-ins (once per
//! request id), and turns them into per-user, per-cause and per-policy totals in a
//! deterministic order. Keeps no raw records.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::classify;
use crate::fixes::{self, FixKey};
use crate::i18n::{self, report as t};
use crate::insights::{
    AppStatus, Incident, Insights, LastSuccess, PatternKind, Resolution, Status, UserFinding,
    UserPattern, shown_key,
};
use crate::model::{BLOCKED_BY_CONDITIONAL_ACCESS, Cause, Diagnosis, SignIn};

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

/// Counters fed one record at a time. Blocked sign-ins are folded into per-user, per-cause
/// and per-policy totals as they arrive; their full diagnoses are kept only when the
/// output lists them (`keep_failures`), so a table over any export needs memory in
/// proportion to its users and policies, not its blocks.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    filter: Filter,
    keep_failures: bool,
    records: u64,
    filtered_out: u64,
    succeeded: u64,
    other_failures: BTreeMap<i64, u64>,
    no_error_code: u64,
    unreadable_time: u64,
    would_block: u64,
    duplicates: u64,
    blocked: u64,
    no_policy_details: u64,
    no_policy_list: u64,
    no_condition_data: u64,
    failures: Vec<Diagnosis>,
    /// Past `spill_after` kept failures, they go to a temporary file instead.
    spill_after: Option<usize>,
    spill: Option<Spill>,
    /// Hashes of the request ids of blocked sign-ins already counted.
    seen: HashSet<u64>,
    users: Vec<UserTotals>,
    user_index: HashMap<String, usize>,
    by_cause: BTreeMap<Cause, (u64, BTreeSet<usize>)>,
    by_policy: HashMap<String, (u64, BTreeSet<usize>)>,
    /// The latest diagnosis when they are not kept, lent to the caller by `add`.
    last: Option<Diagnosis>,
    /// The latest blocked sign-in, until a record of another sign-in shows it is whole.
    pending: Option<SignIn<'static>>,
    merged_rows: u64,
    /// Policy `result` values outside the documented set, with counts.
    unknown_results: BTreeMap<String, u64>,
    /// Incidents and per-user patterns, when the output shows them.
    insights: Option<Insights>,
    /// `--group-by` other than user: rows per policy, cause, app or country.
    group_by: Option<GroupBy>,
    groups: HashMap<String, GroupTotals>,
    /// `--policies`: each blocked sign-in is replayed against them.
    replay: Option<crate::replay::PolicySet>,
    /// Where replay and log disagree: (time, request id, what), for the warnings.
    disagreements: Vec<(Option<DateTime<Utc>>, String, String)>,
}

/// The documented `appliedConditionalAccessPolicy.result` values (reference §4.2).
const KNOWN_RESULTS: &[&str] = &[
    "success",
    "failure",
    "notApplied",
    "notEnabled",
    "unknown",
    "unknownFutureValue",
    "reportOnlySuccess",
    "reportOnlyFailure",
    "reportOnlyNotApplied",
    "reportOnlyInterrupted",
];

/// Two rows of the same sign-in: the same request id.
fn same_request(a: &SignIn<'_>, b: &SignIn<'_>) -> bool {
    match (a.id.as_deref(), b.id.as_deref()) {
        (Some(x), Some(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
        _ => false,
    }
}

/// One user's running totals.
#[derive(Debug)]
struct UserTotals {
    user: String,
    blocked: u64,
    causes: BTreeMap<Cause, u64>,
    policies: BTreeSet<String>,
    apps: BTreeSet<String>,
    first_seen: Option<DateTime<Utc>>,
    last_seen: Option<DateTime<Utc>>,
    /// Per kind of fix: how often, and its summary rendered from the latest such block.
    fixes: BTreeMap<FixKey, (u64, Option<DateTime<Utc>>, String)>,
}

/// What `Tally::add` did with a record.
pub(crate) enum Added<'t> {
    /// A blocked sign-in seen for the first time.
    NewBlock(&'t Diagnosis),
    /// Anything else: not blocked, filtered out, or a duplicate.
    Other,
}

impl Tally {
    /// `keep_failures`: keep every diagnosis for `Report::failures` (JSON needs them).
    pub(crate) fn new(filter: Filter, keep_failures: bool) -> Tally {
        Tally {
            filter,
            keep_failures,
            ..Tally::default()
        }
    }

    /// Looks for rollout incidents (onsets per `bucket_secs`) and per-user patterns;
    /// they need the successful sign-ins too, so the loader must not skim those.
    pub(crate) fn with_insights(mut self, bucket_secs: i64) -> Tally {
        self.insights = Some(Insights::new(bucket_secs));
        self
    }

    /// Also totals the blocks per policy, cause, app or country (`--group-by`).
    pub(crate) fn group_by(mut self, by: GroupBy) -> Tally {
        self.group_by = (by != GroupBy::User).then_some(by);
        self
    }

    /// Keeps at most `n` failures in memory; the rest go to a temporary file, so a JSON
    /// report over any export needs memory for its index only (`Report::spilled`).
    pub(crate) fn spill_after(mut self, n: usize) -> Tally {
        self.spill_after = Some(n);
        self
    }

    /// Replays every blocked sign-in against exported policies (`--policies`).
    pub(crate) fn with_replay(mut self, set: Option<crate::replay::PolicySet>) -> Tally {
        self.replay = set;
        self
    }

    /// Counts one record; for a blocked sign-in seen for the first time, hands back its
    /// diagnosis (to stream it) until the next call.
    pub(crate) fn add(&mut self, s: SignIn<'_>) -> Added<'_> {
        self.records += 1;
        if s.skimmed {
            // Only its error code was read: it cannot be a block (see could_matter).
            match s.error_code {
                Some(0) => self.succeeded += 1,
                Some(code) => *self.other_failures.entry(code).or_default() += 1,
                None => self.no_error_code += 1,
            }
            return Added::Other;
        }
        if s.created.is_none() {
            self.unreadable_time += 1;
        }
        if !self.filter.admits(&s) {
            self.filtered_out += 1;
            return Added::Other;
        }
        if let Some(insights) = self.insights.as_mut() {
            insights.observe(&s);
        }
        for p in s.policies.iter().flatten() {
            if let Some(r) = p.result.as_deref()
                && !KNOWN_RESULTS
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(r.trim()))
            {
                *self
                    .unknown_results
                    .entry(r.trim().to_string())
                    .or_default() += 1;
            }
        }
        match s.error_code {
            Some(0) => self.succeeded += 1,
            Some(BLOCKED_BY_CONDITIONAL_ACCESS) => {
                // Log Analytics splits a sign-in over consecutive rows, one policy each:
                // gather them before deciding anything.
                if let Some(p) = self.pending.as_mut()
                    && same_request(p, &s)
                {
                    if p.merge_row(s.into_owned()) {
                        self.merged_rows += 1;
                    } else {
                        self.duplicates += 1;
                    }
                    return Added::Other;
                }
                return match self.pending.replace(s.into_owned()) {
                    Some(previous) => self.settle(&previous),
                    None => Added::Other,
                };
            }
            Some(code) => *self.other_failures.entry(code).or_default() += 1,
            None => self.no_error_code += 1,
        }
        if classify::report_only_blocks(&s).next().is_some() {
            self.would_block += 1;
        }
        Added::Other
    }

    /// Settles the blocked sign-in still waiting for more of its rows. Call once the
    /// input has ended (`finish` does it too).
    pub(crate) fn flush(&mut self) -> Added<'_> {
        match self.pending.take() {
            Some(previous) => self.settle(&previous),
            None => Added::Other,
        }
    }

    fn settle(&mut self, s: &SignIn<'_>) -> Added<'_> {
        let Some(mut d) = classify::classify(s) else {
            return Added::Other;
        };
        // Overlapping exports repeat records: the first copy counts.
        if let Some(id) = d.request_id.as_deref()
            && !self.seen.insert(id_hash(id))
        {
            self.duplicates += 1;
            return Added::Other;
        }
        if let Some(set) = &self.replay {
            crate::replay::enrich(&mut d, s, set);
            for note in d.replay.iter().flat_map(|r| &r.disagreements) {
                let id = d
                    .request_id
                    .clone()
                    .unwrap_or_else(|| t::NO_REQUEST_ID.get().into());
                self.disagreements.push((d.time, id, note.clone()));
            }
        }
        self.count(&d);
        if let Some(insights) = self.insights.as_mut() {
            insights.block(s, &d);
        }
        if self.keep_failures {
            if self.spill.is_none() && self.spill_after.is_some_and(|n| self.failures.len() >= n) {
                match Spill::create() {
                    Ok(mut spill) => {
                        for f in self.failures.drain(..) {
                            spill.push(&f);
                        }
                        self.spill = Some(spill);
                    }
                    // No temporary file: keep them in memory, as without spilling.
                    Err(_) => self.spill_after = None,
                }
            }
            match self.spill.as_mut() {
                Some(spill) => spill.push(&d),
                None => {
                    self.failures.push(d);
                    return Added::NewBlock(self.failures.last().expect("just pushed"));
                }
            }
        }
        self.last = Some(d);
        Added::NewBlock(self.last.as_ref().expect("just set"))
    }

    fn count_group(&mut self, d: &Diagnosis, user: usize) {
        let Some(by) = self.group_by else { return };
        let keys: Vec<String> = match by {
            GroupBy::User => return,
            GroupBy::Policy if d.policies.is_empty() => vec![NO_POLICY.to_string()],
            GroupBy::Policy => d.policies.iter().map(|p| p.name.clone()).collect(),
            GroupBy::Cause => vec![d.cause.as_str().to_string()],
            GroupBy::App => vec![
                d.app
                    .clone()
                    .or_else(|| d.resource.clone())
                    .unwrap_or_else(|| t::NO_APP_KEY.get().to_string()),
            ],
            GroupBy::Country => vec![
                d.country
                    .clone()
                    .unwrap_or_else(|| t::NO_COUNTRY_KEY.get().to_string()),
            ],
        };
        for key in keys {
            let g = self.groups.entry(key).or_default();
            g.blocked += 1;
            g.users.insert(user);
            *g.causes.entry(d.cause).or_default() += 1;
            if by != GroupBy::Policy {
                g.policies.extend(d.policies.iter().map(|p| p.name.clone()));
            }
            if let Some(t) = d.time {
                g.last_seen = Some(g.last_seen.map_or(t, |l| l.max(t)));
            }
        }
    }

    fn count(&mut self, d: &Diagnosis) {
        self.blocked += 1;
        // Without a list at all the shape is to blame, and the loader says so per file.
        self.no_policy_details += u64::from(d.no_policy_details && !d.no_policy_list);
        self.no_policy_list += u64::from(d.no_policy_list);
        self.no_condition_data += u64::from(d.no_condition_data && !d.no_policy_details);
        let next = self.users.len();
        let u = *self.user_index.entry(d.user.clone()).or_insert(next);
        if u == next {
            self.users.push(UserTotals {
                user: d.user.clone(),
                blocked: 0,
                causes: BTreeMap::new(),
                policies: BTreeSet::new(),
                apps: BTreeSet::new(),
                first_seen: None,
                last_seen: None,
                fixes: BTreeMap::new(),
            });
        }
        self.count_group(d, u);
        let row = &mut self.users[u];
        row.blocked += 1;
        *row.causes.entry(d.cause).or_default() += 1;
        row.policies
            .extend(d.policies.iter().map(|p| p.name.clone()));
        row.apps
            .extend(d.app.clone().or_else(|| d.resource.clone()));
        if let Some(t) = d.time {
            row.first_seen = Some(row.first_seen.map_or(t, |f| f.min(t)));
            row.last_seen = Some(row.last_seen.map_or(t, |l| l.max(t)));
        }
        let fix = row.fixes.entry(d.fix).or_insert((0, None, String::new()));
        fix.0 += 1;
        if fix.2.is_empty() || d.time >= fix.1 {
            fix.1 = d.time;
            fix.2 = fixes::render(d).summary;
        }

        let e = self.by_cause.entry(d.cause).or_default();
        e.0 += 1;
        e.1.insert(u);
        if d.policies.is_empty() {
            let e = self.by_policy.entry(NO_POLICY.to_string()).or_default();
            e.0 += 1;
            e.1.insert(u);
        }
        for p in &d.policies {
            let e = self.by_policy.entry(p.name.clone()).or_default();
            e.0 += 1;
            e.1.insert(u);
        }
    }

    pub(crate) fn finish(mut self) -> Report {
        let _ = self.flush();
        self.failures.sort_by(|a, b| {
            (a.time.is_none(), a.time, &a.request_id).cmp(&(
                b.time.is_none(),
                b.time,
                &b.request_id,
            ))
        });
        let mut insight = self
            .insights
            .take()
            .map(Insights::finish)
            .unwrap_or_default();
        let mut users: Vec<UserRow> = std::mem::take(&mut self.users)
            .into_iter()
            .map(|u| {
                let findings = insight.findings.remove(&u.user).unwrap_or_default();
                let resolution = insight.resolutions.remove(&u.user);
                u.into_row(findings, resolution)
            })
            .collect();
        users.sort_by(|a, b| b.blocked.cmp(&a.blocked).then_with(|| a.user.cmp(&b.user)));
        let by_cause = sort_totals(
            std::mem::take(&mut self.by_cause)
                .into_iter()
                .map(|(c, (n, u))| (c, n, u.len() as u64)),
        );
        let by_policy = sort_totals(
            std::mem::take(&mut self.by_policy)
                .into_iter()
                .map(|(p, (n, u))| (p, n, u.len() as u64)),
        );
        self.disagreements
            .sort_by(|a, b| (a.0.is_none(), a.0, &a.1).cmp(&(b.0.is_none(), b.0, &b.1)));
        let warnings = self.warnings();
        Report {
            records: self.records,
            blocked: self.blocked,
            filtered_out: self.filtered_out,
            succeeded: self.succeeded,
            other_failures: self.other_failures,
            would_block: self.would_block,
            duplicates: self.duplicates,
            users,
            by_cause,
            by_policy,
            failures: self.failures,
            spilled: self.spill.take(),
            warnings,
            incidents: insight.incidents,
            bucket_secs: insight.bucket_secs,
            groups: self.group_by.map(|by| {
                let mut rows: Vec<GroupRow> = std::mem::take(&mut self.groups)
                    .into_iter()
                    .map(|(key, g)| g.into_row(key))
                    .collect();
                rows.sort_by(|a, b| b.blocked.cmp(&a.blocked).then_with(|| a.key.cmp(&b.key)));
                (by, rows)
            }),
            span: insight.span,
            last_success: insight.last_success,
        }
    }

    fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        // One count, its sentence in the singular or the plural.
        let counted = i18n::pick;
        if self.records == 0 {
            out.push(t::NO_RECORDS.get().to_string());
        }
        if self.no_policy_details > 0 {
            out.push(counted(
                self.no_policy_details,
                t::NO_POLICY_DETAILS_ONE,
                t::NO_POLICY_DETAILS_MANY,
            ));
        }
        if self.no_policy_list > 0 {
            out.push(counted(
                self.no_policy_list,
                t::NO_POLICY_LIST_ONE,
                t::NO_POLICY_LIST_MANY,
            ));
        }
        if self.no_condition_data > 0 {
            out.push(counted(
                self.no_condition_data,
                t::NO_CONDITIONS_ONE,
                t::NO_CONDITIONS_MANY,
            ));
        }
        if self.duplicates > 0 {
            out.push(counted(
                self.duplicates,
                t::DUPLICATES_ONE,
                t::DUPLICATES_MANY,
            ));
        }
        if self.merged_rows > 0 {
            out.push(counted(
                self.merged_rows,
                t::MERGED_ROWS_ONE,
                t::MERGED_ROWS_MANY,
            ));
        }
        if !self.unknown_results.is_empty() {
            let seen: Vec<String> = self
                .unknown_results
                .iter()
                .map(|(r, n)| format!("{r:?} ×{n}"))
                .collect();
            out.push(t::UNKNOWN_RESULTS.fill(&[("seen", &seen.join(", "))]));
        }
        if self.unreadable_time > 0 {
            out.push(counted(
                self.unreadable_time,
                t::UNREADABLE_TIME_ONE,
                t::UNREADABLE_TIME_MANY,
            ));
        }
        if self.no_error_code > 0 {
            out.push(counted(
                self.no_error_code,
                t::NO_ERROR_CODE_ONE,
                t::NO_ERROR_CODE_MANY,
            ));
        }
        // The replay's disagreements: the policy, or its named locations, changed since.
        const SHOWN: usize = 10;
        for (_, id, note) in self.disagreements.iter().take(SHOWN) {
            out.push(t::REPLAY_DISAGREEMENT.fill(&[("id", id), ("note", note)]));
        }
        if self.disagreements.len() > SHOWN {
            out.push(counted(
                (self.disagreements.len() - SHOWN) as u64,
                t::REPLAY_MORE_ONE,
                t::REPLAY_MORE_MANY,
            ));
        }
        out
    }
}

/// Everything a report shows, in output order.
#[derive(Debug)]
pub(crate) struct Report {
    pub records: u64,
    /// Distinct blocked sign-ins.
    pub blocked: u64,
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
    /// By time, then request id; empty unless the tally kept them (or spilled them).
    pub failures: Vec<Diagnosis>,
    /// The failures, when there were too many to keep in memory (see `Tally::spill_after`).
    pub spilled: Option<Spill>,
    pub warnings: Vec<String>,
    /// Rollout incidents, most users first (empty unless the tally looked for them).
    pub incidents: Vec<Incident>,
    /// The incident bucket, in seconds (0 when not looked for).
    pub bucket_secs: i64,
    /// The earliest and latest readable record time admitted (when insights were looked for).
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// With `--group-by` other than user: the rows, most blocked first.
    pub groups: Option<(GroupBy, Vec<GroupRow>)>,
    /// (user, app) → latest success, for `resolved` (when insights were looked for).
    pub last_success: LastSuccess,
}

impl Report {
    /// Whether a blocked sign-in was followed by a success of the same user to the same
    /// app or resource (never, without insights or without a time).
    pub(crate) fn resolved(&self, d: &Diagnosis) -> bool {
        crate::insights::followed_by_success(&self.last_success, d)
    }
}

/// What the rows of a report's main table stand for (`--group-by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum GroupBy {
    #[default]
    User,
    Policy,
    Cause,
    App,
    Country,
}

impl GroupBy {
    /// The column heading.
    pub(crate) fn heading(self) -> &'static str {
        match self {
            GroupBy::User => t::COL_USER,
            GroupBy::Policy => t::COL_BLOCKING_POLICY,
            GroupBy::Cause => t::COL_CAUSE,
            GroupBy::App => t::COL_APP,
            GroupBy::Country => t::COL_COUNTRY,
        }
        .get()
    }
}

#[derive(Debug, Default)]
struct GroupTotals {
    blocked: u64,
    users: BTreeSet<usize>,
    causes: BTreeMap<Cause, u64>,
    policies: BTreeSet<String>,
    last_seen: Option<DateTime<Utc>>,
}

impl GroupTotals {
    fn into_row(self, key: String) -> GroupRow {
        let mut causes: Vec<(Cause, u64)> = self.causes.into_iter().collect();
        causes.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        GroupRow {
            key,
            blocked: self.blocked,
            users: self.users.len() as u64,
            causes,
            policies: self.policies.into_iter().collect(),
            last_seen: self.last_seen,
        }
    }
}

/// One row of a grouped table: the blocks of one policy, cause, app or country.
#[derive(Debug)]
pub(crate) struct GroupRow {
    pub key: String,
    pub blocked: u64,
    pub users: u64,
    /// Most frequent first.
    pub causes: Vec<(Cause, u64)>,
    /// The blocking policies (empty when grouping by policy).
    pub policies: Vec<String>,
    pub last_seen: Option<DateTime<Utc>>,
}

/// Failures kept in a temporary file of JSON lines, with only their sort keys and
/// places in memory. The file is removed when the spill is dropped.
#[derive(Debug)]
pub(crate) struct Spill {
    path: std::path::PathBuf,
    out: Option<std::io::BufWriter<std::fs::File>>,
    offset: u64,
    index: Vec<SpillEntry>,
    /// The first write error: reported when the failures are read back.
    error: Option<std::io::Error>,
}

#[derive(Debug)]
struct SpillEntry {
    time: Option<DateTime<Utc>>,
    request_id: Option<Box<str>>,
    offset: u64,
    len: u32,
}

impl Spill {
    fn create() -> std::io::Result<Spill> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "signin-doctor-{}-{nanos}.jsonl",
            std::process::id()
        ));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok(Spill {
            path,
            out: Some(std::io::BufWriter::with_capacity(1 << 20, file)),
            offset: 0,
            index: Vec::new(),
            error: None,
        })
    }

    fn push(&mut self, d: &Diagnosis) {
        use std::io::Write as _;
        if self.error.is_some() {
            return;
        }
        let line = match serde_json::to_vec(d) {
            Ok(l) => l,
            Err(e) => {
                self.error = Some(e.into());
                return;
            }
        };
        let out = self.out.as_mut().expect("open while pushing");
        if let Err(e) = out.write_all(&line) {
            self.error = Some(e);
            return;
        }
        self.index.push(SpillEntry {
            time: d.time,
            request_id: d.request_id.as_deref().map(Box::from),
            offset: self.offset,
            len: line.len() as u32,
        });
        self.offset += line.len() as u64;
    }

    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// The failures by time, then request id, read back one at a time.
    pub(crate) fn sorted(
        &mut self,
    ) -> std::io::Result<impl Iterator<Item = std::io::Result<Diagnosis>> + '_> {
        use std::io::{Read as _, Seek as _, Write as _};
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if let Some(mut out) = self.out.take() {
            out.flush()?;
        }
        self.index.sort_by(|a, b| {
            (a.time.is_none(), a.time, &a.request_id).cmp(&(
                b.time.is_none(),
                b.time,
                &b.request_id,
            ))
        });
        let mut file = std::fs::File::open(&self.path)?;
        let mut buf = Vec::new();
        Ok(self.index.iter().map(move |e| {
            buf.resize(e.len as usize, 0);
            file.seek(std::io::SeekFrom::Start(e.offset))?;
            file.read_exact(&mut buf)?;
            serde_json::from_slice(&buf).map_err(std::io::Error::other)
        }))
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        self.out = None;
        let _ = std::fs::remove_file(&self.path);
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
    /// What the user's sign-ins show together (travel, a working device, retries).
    pub findings: Vec<UserFinding>,
    /// Per blocked app, by name: resolved, still blocked or recurring (empty without
    /// insights).
    pub status: Vec<AppStatus>,
    /// Structural or transient (without insights: none).
    pub pattern: Option<UserPattern>,
}

impl UserRow {
    /// The table's fix cell: the status and pattern, what the user's sign-ins show
    /// together (a device that works, travel), then the fix for their most frequent kind
    /// of block.
    pub(crate) fn fix_text(&self) -> String {
        let status = self.status_hint();
        let mut parts: Vec<&str> = Vec::new();
        if !status.is_empty() {
            parts.push(&status);
        }
        parts.extend(self.findings.iter().map(|f| f.hint.as_str()));
        parts.push(&self.fix);
        let mut text = String::new();
        for part in parts {
            if !text.is_empty() {
                text.push(' ');
            }
            // French goes on in lower case after a colon ("Structurel : utiliser …").
            let after_colon = text.ends_with(": ") && i18n::lang() == i18n::Lang::Fr;
            let mut chars = part.chars();
            match chars.next() {
                Some(first) if after_colon => {
                    text.extend(first.to_lowercase());
                    text.push_str(chars.as_str());
                }
                _ => text.push_str(part),
            }
        }
        text
    }

    /// One line per blocked app (its status and why) and one for the pattern.
    pub(crate) fn status_lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .status
            .iter()
            .map(|a| {
                t::APP_STATUS_LINE.fill(&[
                    ("app", &shown_key(&a.app)),
                    ("status", &status_words(a.status)),
                    ("detail", &a.detail),
                ])
            })
            .collect();
        if let Some(p) = &self.pattern {
            out.push(
                t::PATTERN_STATUS_LINE
                    .fill(&[("kind", &pattern_words(p.kind)), ("detail", &p.detail)]),
            );
        }
        out
    }

    /// The status and pattern words that open the fix cell ("" without insights).
    pub(crate) fn status_hint(&self) -> String {
        match &self.pattern {
            Some(p) => Resolution {
                apps: self.status.clone(),
                pattern: p.clone(),
            }
            .hint(),
            None => String::new(),
        }
    }
}

/// A status in words ("still blocked"), for the "Is it fixed?" lines; JSON keeps the
/// machine value (`still_blocked`).
fn status_words(s: Status) -> &'static str {
    match s {
        Status::Resolved => t::STATUS_RESOLVED,
        Status::Unknown => t::STATUS_UNKNOWN,
        Status::StillBlocked => t::STATUS_STILL_BLOCKED,
        Status::Recurring => t::STATUS_RECURRING,
    }
    .get()
}

/// A pattern kind in words ("structural"), for the "Is it fixed?" lines.
fn pattern_words(k: PatternKind) -> &'static str {
    match k {
        PatternKind::Structural => t::PATTERN_STRUCTURAL,
        PatternKind::Transient => t::PATTERN_TRANSIENT,
        PatternKind::Mixed => t::PATTERN_MIXED,
    }
    .get()
}

impl UserTotals {
    fn into_row(self, findings: Vec<UserFinding>, resolution: Option<Resolution>) -> UserRow {
        let mut causes: Vec<(Cause, u64)> = self.causes.into_iter().collect();
        causes.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        // The most frequent kind of fix; ties go to the first in catalogue order.
        let fix = self
            .fixes
            .into_iter()
            .max_by_key(|(key, (n, _, _))| (*n, std::cmp::Reverse(*key)))
            .map(|(_, (_, _, summary))| summary)
            .unwrap_or_default();
        UserRow {
            user: self.user,
            blocked: self.blocked,
            causes,
            policies: self.policies.into_iter().collect(),
            apps: self.apps.into_iter().collect(),
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            fix,
            findings,
            status: resolution
                .as_ref()
                .map(|r| r.apps.clone())
                .unwrap_or_default(),
            pattern: resolution.map(|r| r.pattern),
        }
    }
}

/// The policy column's entry for blocks whose export named no policy.
use crate::insights::NO_POLICY;

/// A request id's hash: 8 bytes per blocked sign-in instead of the id itself.
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.trim().to_ascii_lowercase().hash(&mut h);
    h.finish()
}

fn sort_totals<K: Ord>(items: impl Iterator<Item = (K, u64, u64)>) -> Vec<(K, u64, u64)> {
    let mut v: Vec<_> = items.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// What report-only policies would have done, per policy: never mixed with real blocks.
#[derive(Debug, Default)]
pub(crate) struct Impact {
    filter: Filter,
    /// Lower-cased UPNs of the emergency accounts to watch.
    break_glass: BTreeSet<String>,
    policies: BTreeMap<String, PolicyImpact>,
    /// (policy, request id) pairs already counted.
    seen: HashSet<u64>,
    /// Keep every would-block diagnosis (for `check`'s violation lines).
    keep_blocks: bool,
}

/// One report-only policy's would-be effect.
#[derive(Debug, Default, Clone)]
pub(crate) struct PolicyImpact {
    pub name: String,
    pub id: Option<String>,
    pub would_block: u64,
    pub would_interrupt: u64,
    /// Sign-ins per user (blocked or interrupted).
    pub users: BTreeMap<String, u64>,
    pub apps: BTreeMap<String, u64>,
    /// Would-block sign-ins by cause.
    pub causes: BTreeMap<Cause, u64>,
    /// Every would-block or would-interrupt of a break-glass account.
    pub break_glass: Vec<(classify::ReportOnly, Diagnosis)>,
    /// Every would-block sign-in, for `check` (kept only when asked).
    pub blocks: Vec<Diagnosis>,
}

impl PolicyImpact {
    /// The `n` users or apps with the most sign-ins, most first.
    pub(crate) fn top(map: &BTreeMap<String, u64>, n: usize) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = map.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

impl Impact {
    pub(crate) fn new(filter: Filter, break_glass: &[String]) -> Impact {
        Impact {
            filter,
            break_glass: break_glass
                .iter()
                .map(|u| u.trim().to_lowercase())
                .collect(),
            ..Impact::default()
        }
    }

    /// Also keeps every would-block diagnosis (for `check`'s violation lines).
    pub(crate) fn keep_blocks(mut self) -> Impact {
        self.keep_blocks = true;
        self
    }

    pub(crate) fn add(&mut self, s: &SignIn<'_>) {
        if s.skimmed || !self.filter.admits(s) {
            return;
        }
        for p in s.policies.iter().flatten() {
            let Some((effect, d)) = classify::classify_report_only(s, p) else {
                continue;
            };
            let key =
                p.id.as_deref()
                    .map(str::to_ascii_lowercase)
                    .unwrap_or_else(|| p.label().to_string());
            if let Some(id) = d.request_id.as_deref()
                && !self.seen.insert(id_hash(&format!("{key}\n{id}")))
            {
                continue;
            }
            let entry = self.policies.entry(key).or_default();
            entry.name = p.label().to_string();
            entry.id = p.id.as_deref().map(str::to_string);
            match effect {
                classify::ReportOnly::WouldBlock => {
                    entry.would_block += 1;
                    *entry.causes.entry(d.cause).or_default() += 1;
                }
                classify::ReportOnly::WouldInterrupt => entry.would_interrupt += 1,
            }
            *entry.users.entry(d.user.clone()).or_default() += 1;
            if let Some(app) = d.app.clone().or_else(|| d.resource.clone()) {
                *entry.apps.entry(app).or_default() += 1;
            }
            if self.break_glass.contains(&d.user) {
                entry.break_glass.push((effect, d.clone()));
            }
            if self.keep_blocks && effect == classify::ReportOnly::WouldBlock {
                entry.blocks.push(d);
            }
        }
    }

    /// The policies, the most would-be blocks first.
    pub(crate) fn finish(self) -> Vec<PolicyImpact> {
        let mut v: Vec<PolicyImpact> = self.policies.into_values().collect();
        v.sort_by(|a, b| {
            (b.would_block, b.would_interrupt)
                .cmp(&(a.would_block, a.would_interrupt))
                .then_with(|| a.name.cmp(&b.name))
        });
        v
    }
}

/// Which of the fields a diagnosis uses each input carried: `detect`'s census.
#[derive(Debug, Clone)]
pub(crate) struct FieldCensus {
    pub records: u64,
    pub blocked: u64,
    /// (field, records that carry it), in `FIELDS` order.
    pub present: Vec<(&'static str, u64)>,
}

type Probe = fn(&SignIn<'_>) -> bool;

/// The fields a diagnosis leans on, by their Graph names.
const FIELDS: &[(&str, Probe)] = &[
    ("id (request id)", |s| filled(&s.id)),
    ("correlationId", |s| filled(&s.correlation_id)),
    ("createdDateTime", |s| s.created.is_some()),
    ("status.errorCode", |s| s.error_code.is_some()),
    ("userPrincipalName", |s| filled(&s.user_principal_name)),
    ("appDisplayName", |s| filled(&s.app_display_name)),
    ("resourceDisplayName", |s| filled(&s.resource_display_name)),
    ("ipAddress", |s| filled(&s.ip_address)),
    ("location country", |s| filled(&s.country)),
    ("clientAppUsed", |s| filled(&s.client_app_used)),
    ("userAgent", |s| filled(&s.user_agent)),
    ("deviceDetail.operatingSystem", |s| {
        filled(&s.device.operating_system)
    }),
    ("deviceDetail.isCompliant/isManaged", |s| {
        s.device.is_compliant.is_some() || s.device.is_managed.is_some()
    }),
    ("deviceDetail.trustType", |s| filled(&s.device.trust_type)),
    ("appliedConditionalAccessPolicies", |s| {
        s.policies.as_ref().is_some_and(|p| !p.is_empty())
    }),
    ("conditionsSatisfied (matched conditions)", |s| {
        s.policies
            .iter()
            .flatten()
            .any(|p| p.conditions_satisfied.is_some())
    }),
    ("networkLocationDetails", |s| s.network_locations.is_some()),
    ("riskLevelDuringSignIn", |s| {
        filled(&s.risk_level_during_sign_in)
    }),
    ("authenticationProtocol/originalTransferMethod", |s| {
        filled(&s.authentication_protocol) || filled(&s.original_transfer_method)
    }),
];

/// A value, not just an empty cell.
fn filled(v: &Option<std::borrow::Cow<'_, str>>) -> bool {
    v.as_deref().is_some_and(|t| !t.trim().is_empty())
}

impl Default for FieldCensus {
    fn default() -> Self {
        FieldCensus {
            records: 0,
            blocked: 0,
            present: FIELDS.iter().map(|&(name, _)| (name, 0)).collect(),
        }
    }
}

impl FieldCensus {
    pub(crate) fn add(&mut self, s: &SignIn<'_>) {
        self.records += 1;
        self.blocked += u64::from(s.error_code == Some(BLOCKED_BY_CONDITIONAL_ACCESS));
        for (slot, (_, probe)) in self.present.iter_mut().zip(FIELDS) {
            slot.1 += u64::from(probe(s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked(id: &str, user: &str, time: &str, conds: &str) -> SignIn<'static> {
        crate::model::blocked_for_tests(id, user, time, "BR", conds)
    }

    fn tally(records: &[SignIn<'static>], filter: Filter, keep: bool) -> Report {
        let mut t = Tally::new(filter, keep);
        for r in records {
            t.add(r.clone());
        }
        t.finish()
    }

    fn sample() -> Vec<SignIn<'static>> {
        vec![
            blocked(
                "B",
                "dana@contoso.com",
                "2026-11-02T10:00:00Z",
                "application,users,location",
            ),
            blocked(
                "A",
                "dana@contoso.com",
                "2026-11-02T09:00:00Z",
                "application,users,location",
            ),
            blocked(
                "C",
                "lee@contoso.com",
                "2026-11-02T09:30:00Z",
                "application,users,clientType",
            ),
            // The same sign-in again, from an overlapping export (id case differs).
            blocked(
                "b",
                "dana@contoso.com",
                "2026-11-02T10:00:00Z",
                "application,users",
            ),
            SignIn {
                error_code: Some(50126),
                user_principal_name: Some("lee@contoso.com".into()),
                ..SignIn::default()
            },
            SignIn {
                error_code: Some(0),
                ..SignIn::default()
            },
        ]
    }

    #[test]
    fn users_causes_and_policies_are_totalled_once_per_sign_in() {
        let r = tally(&sample(), Filter::default(), true);
        assert_eq!((r.records, r.blocked, r.duplicates), (6, 3, 1));
        assert_eq!((r.succeeded, r.other_failures[&50126]), (1, 1));
        assert_eq!(r.users[0].user, "dana@contoso.com");
        assert_eq!(r.users[0].blocked, 2);
        assert_eq!(r.users[0].causes, [(Cause::Location, 2)]);
        assert_eq!(
            r.users[0].first_seen,
            crate::model::parse_time("2026-11-02T09:00:00Z")
        );
        assert_eq!(
            r.by_cause,
            [(Cause::Location, 2, 1), (Cause::ClientApp, 1, 1)]
        );
        assert_eq!(
            r.by_policy,
            [("CA030 - Block untrusted IP".to_string(), 3, 2)]
        );
        // Failures in time order, whatever order the export had.
        let ids: Vec<&str> = r
            .failures
            .iter()
            .map(|d| d.request_id.as_deref().unwrap())
            .collect();
        assert_eq!(ids, ["A", "C", "B"]);
        assert!(r.warnings.iter().any(|w| w.contains("1 duplicate record")));
    }

    #[test]
    fn failures_past_the_limit_wait_in_a_file_and_come_back_in_order() {
        let mut t = Tally::new(Filter::default(), true).spill_after(2);
        let times = ["10:00", "08:00", "09:30", "08:00", "07:15"];
        for (i, hm) in times.iter().enumerate() {
            let time = format!("2026-11-02T{hm}:00Z");
            t.add(blocked(
                &format!("id{i}"),
                "dana@contoso.com",
                &time,
                "application,users,location",
            ));
        }
        let mut r = t.finish();
        assert!(r.failures.is_empty());
        let mut spill = r.spilled.take().expect("spilled past 2");
        let path = spill.path.clone();
        assert!(path.exists());
        let ids: Vec<String> = spill
            .sorted()
            .unwrap()
            .map(|d| d.unwrap().request_id.unwrap())
            .collect();
        assert_eq!(ids, ["id4", "id1", "id3", "id2", "id0"]);
        let mut json = Vec::new();
        crate::report::json::write(&mut json, &r, Some(&mut spill)).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(doc["failures"].as_array().unwrap().len(), 5);
        assert_eq!(doc["failures"][0]["request_id"], "id4");
        drop(spill);
        assert!(!path.exists(), "the temporary file is removed");
    }

    #[test]
    fn totals_do_not_depend_on_keeping_the_failures() {
        let kept = tally(&sample(), Filter::default(), true);
        let dropped = tally(&sample(), Filter::default(), false);
        assert!(dropped.failures.is_empty());
        assert_eq!(kept.blocked, dropped.blocked);
        assert_eq!(kept.by_cause, dropped.by_cause);
        assert_eq!(kept.by_policy, dropped.by_policy);
        assert_eq!(kept.warnings, dropped.warnings);
        let fixes = |r: &Report| r.users.iter().map(|u| u.fix.clone()).collect::<Vec<_>>();
        assert_eq!(fixes(&kept), fixes(&dropped));
    }

    #[test]
    fn warnings_and_status_words_follow_the_language() {
        use crate::i18n::{Lang, with_lang};
        let r = with_lang(Lang::Fr, || tally(&sample(), Filter::default(), false));
        assert!(
            r.warnings.iter().any(|w| w
                == "1 enregistrement en double d'une connexion bloquée (même ID de la demande) \
                    n'a été compté qu'une fois"),
            "{:?}",
            r.warnings
        );
        let mut two = sample();
        two.extend(sample());
        let r = with_lang(Lang::Fr, || tally(&two, Filter::default(), false));
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("5 enregistrements en double de connexions bloquées")),
            "{:?}",
            r.warnings
        );

        // The "Is it fixed?" lines say the status in words, never the JSON value.
        let mut t = Tally::new(Filter::default(), false).with_insights(3600);
        for s in sample() {
            t.add(s);
        }
        let r = t.finish();
        let lines = with_lang(Lang::Fr, || r.users[0].status_lines());
        assert!(lines[0].contains("(toujours bloqué) : "), "{lines:?}");
        assert!(
            lines.last().unwrap().starts_with("structurel : "),
            "{lines:?}"
        );
        let lines = r.users[0].status_lines();
        assert!(lines[0].contains("(still blocked): "), "{lines:?}");
    }

    #[test]
    fn filters_leave_records_out_and_count_them() {
        let filter = Filter {
            since: crate::model::parse_time("2026-11-02T09:15:00Z"),
            users: vec!["dana@contoso.com".into()],
            ..Filter::default()
        };
        let r = tally(&sample(), filter, true);
        assert_eq!(r.blocked, 1);
        assert_eq!(r.failures[0].request_id.as_deref(), Some("B"));
        // A, C, the 50126 and the success (no time, no user) are out; "b" is a duplicate.
        assert_eq!(r.filtered_out, 4);
    }
}
