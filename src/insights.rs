//! Patterns across many sign-ins, beyond one diagnosis: rollout incidents (a policy or a
//! cause that suddenly starts blocking many users) and per-user findings (blocked from one
//! country while signing in from another, a device or client that works, retry storms).
//! Fed one record at a time; keeps compact sightings, never raw records. No I/O, no clock.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use crate::classify;
use crate::i18n::{self, Tr, insights as t};
use crate::model::{Cause, Diagnosis, SignIn};

/// Buckets of the export that must come before a rise for it to be called an onset: with
/// less history, "it began here" cannot be told from "the export begins here".
const MIN_HISTORY: usize = 6;
/// The baseline is the week before, as far as the export reaches (at least
/// `MIN_HISTORY` buckets): a week holds last Monday's peak, so this Monday's is no news.
const BASELINE_SECS: i64 = 7 * 24 * 3600;
/// The incident reports how many users were blocked the day before its onset.
const BEFORE_SECS: i64 = 24 * 3600;
/// A bucket starts an incident when its blocked users exceed the baseline's median by
/// this many robust standard deviations (1.4826 × MAD, at least 1 user) ...
const ONSET_SIGMAS: f64 = 4.0;
/// ... at least double the baseline's busiest bucket (plus one), so a daily peak that
/// the week has seen before is not an onset ...
const ONSET_OVER_PEAK: usize = 2;
/// ... and at least this many distinct users were blocked in it.
const ONSET_MIN_USERS: usize = 3;
/// An incident's timeline starts this many buckets before the onset and holds at most
/// `TIMELINE_MAX` buckets.
const TIMELINE_BEFORE: usize = 6;
const TIMELINE_MAX: usize = 48;
/// Longest series scanned for onsets; longer spans (garbage timestamps) are skipped.
const MAX_BUCKETS: usize = 200_000;
/// A success from another country this close to a block is reported (VPN or travel).
const TRAVEL_WINDOW_SECS: i64 = 12 * 3600;
/// A retry storm: this many blocks of one user within `STORM_WINDOW_SECS`.
const STORM_MIN_BLOCKS: usize = 10;
const STORM_WINDOW_SECS: i64 = 3600;
/// Per user, at most this many distinct (device, client, app) contexts and countries of
/// successful sign-ins are remembered: enough for people, bounded for service accounts.
const MAX_CONTEXTS: usize = 16;
/// Per user and country, at most this many hours with a successful sign-in (a year of
/// working hours).
const MAX_HOURS: usize = 4096;
const MAX_COUNTRIES: usize = 16;
/// Per user and app, at most this many runs of successful sign-ins (an hour, one context
/// and country each) are kept apart; past that, new ones widen the last run.
const MAX_RUNS: usize = 4096;
/// A still-blocked user whose last block came this close to the export's end: too soon
/// to tell whether it clears.
const END_MARGIN_SECS: i64 = 3600;

/// The policy key of blocks whose export named no policy (as in the summary).
pub(crate) const NO_POLICY: &str = "(no policy in the export)";

/// What a device looked like in a sign-in, as far as a policy cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DeviceSeen {
    /// The device object id: the same physical device across sign-ins.
    id: Option<String>,
    name: Option<String>,
    os: Option<String>,
    compliant: Option<bool>,
    managed: Option<bool>,
    trust: Option<String>,
}

impl DeviceSeen {
    fn of(s: &SignIn<'_>) -> DeviceSeen {
        DeviceSeen {
            id: text(&s.device.device_id),
            name: text(&s.device.display_name),
            os: text(&s.device.operating_system),
            compliant: s.device.is_compliant,
            managed: s.device.is_managed,
            trust: text(&s.device.trust_type),
        }
    }

    /// `Windows10 (compliant, Hybrid Azure AD joined)`, `iOS (unregistered)`.
    fn describe(&self) -> String {
        let mut traits = Vec::new();
        match self.compliant {
            Some(true) => traits.push(t::DEVICE_COMPLIANT.get().to_string()),
            Some(false) => traits.push(t::DEVICE_NOT_COMPLIANT.get().to_string()),
            None => {}
        }
        match &self.trust {
            Some(trust) => traits.push(trust.clone()),
            None if self.managed != Some(true) => {
                traits.push(t::DEVICE_UNREGISTERED.get().to_string())
            }
            None => traits.push(t::DEVICE_MANAGED.get().to_string()),
        }
        let os = self.os.as_deref().unwrap_or(t::DEVICE_UNNAMED.get());
        format!("{os} ({})", traits.join(", "))
    }
}

/// Successful sign-ins of one user in one context.
#[derive(Debug)]
struct Context {
    /// `context_hash` of the sign-ins it stands for.
    key: u64,
    device: DeviceSeen,
    client: Option<String>,
    app: Option<String>,
    last: i64,
}

/// What a blocked sign-in looked like, for the per-user findings.
#[derive(Debug)]
struct BlockSeen {
    at: Option<i64>,
    /// `context_hash` of the blocked sign-in: the same device, client and app.
    key: u64,
    country: Option<String>,
    device: DeviceSeen,
    client: Option<String>,
    app: Option<String>,
    cause: Cause,
}

/// A blocked sign-in as the incident detector sees it.
#[derive(Debug, Clone, Copy)]
struct Event {
    at: i64,
    user: u64,
    cause: Cause,
}

/// The collector. `observe` every record a report admits, `block` every blocked sign-in
/// counted, then `finish`.
#[derive(Debug)]
pub(crate) struct Insights {
    bucket: i64,
    /// The times the export covers: the earliest and latest readable record.
    span: Option<(i64, i64)>,
    /// The latest success or block: how far the export lets a status be told ("as of").
    /// Other failures do not count: a quick read skips their times.
    seen_until: Option<i64>,
    by_policy: HashMap<String, Vec<(Event, usize)>>,
    by_cause: BTreeMap<Cause, Vec<(Event, usize)>>,
    /// Interned policy names, for the cause incidents' policy lists.
    policy_names: Vec<String>,
    /// Country codes seen in successes, upper case; their index stands for them.
    countries: Vec<String>,
    /// (user, country, hour) → earliest and latest successful sign-in in that hour.
    /// (user, country) → times (seconds since 1970, until 2106) of successful sign-ins, at
    /// most one per hour run: 4 bytes per hour a user signs in from a country. Sorted by
    /// `finish`.
    country_hours: HashMap<(u64, u16), Vec<u32>, Mix>,
    user_countries: HashMap<u64, Vec<u16>, Mix>,
    contexts: HashMap<u64, Vec<Context>, Mix>,
    /// (user, app or resource) → runs of successful sign-ins, for whether a block was
    /// followed by a success (resolution) and in which context. Sorted by `finish`.
    app_successes: HashMap<(u64, u64), Vec<SuccessRun>, Mix>,
    /// (user, app or resource) → successes without a readable time.
    untimed_successes: HashMap<(u64, u64), u32, Mix>,
    blocks: HashMap<String, Vec<BlockSeen>>,
}

/// Successful sign-ins of one user to one app within one hour, in one context (an index
/// into the user's `contexts`, `u8::MAX` when not kept) and country (an index into
/// `countries`, `u16::MAX` for none): 12 bytes per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SuccessRun {
    /// The earliest and latest success of the run (seconds since 1970, until 2106).
    first: u32,
    last: u32,
    context: u8,
    country: u16,
}

impl Insights {
    /// `bucket_secs`: the incident window (`--bucket`), at least a minute.
    pub(crate) fn new(bucket_secs: i64) -> Insights {
        Insights {
            bucket: bucket_secs.max(60),
            span: None,
            seen_until: None,
            by_policy: HashMap::new(),
            by_cause: BTreeMap::new(),
            policy_names: Vec::new(),
            countries: Vec::new(),
            country_hours: HashMap::default(),
            user_countries: HashMap::default(),
            contexts: HashMap::default(),
            app_successes: HashMap::default(),
            untimed_successes: HashMap::default(),
            blocks: HashMap::new(),
        }
    }

    /// Notes a record's time (the export's span) and, for a successful sign-in, where,
    /// on what and with what client the user got in.
    pub(crate) fn observe(&mut self, s: &SignIn<'_>) {
        let at = s.created.map(|t| t.timestamp());
        if let Some(t) = at {
            self.span = Some(self.span.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
            if matches!(
                s.error_code,
                Some(0 | crate::model::BLOCKED_BY_CONDITIONAL_ACCESS)
            ) {
                self.seen_until = Some(self.seen_until.map_or(t, |u| u.max(t)));
            }
        }
        if s.error_code != Some(0) {
            return;
        }
        let Some(at) = at else {
            // A success that cannot be placed: a block to its app cannot be called over
            // or not.
            if let Some(app) = app_of(s) {
                *self
                    .untimed_successes
                    .entry((user_hash(s), app_hash(app)))
                    .or_default() += 1;
            }
            return;
        };
        let user = user_hash(s);
        let mut country_index = u16::MAX;
        if let Some(country) = trimmed(&s.country) {
            let index = self.country_index(country);
            country_index = index;
            let known = self.user_countries.entry(user).or_default();
            if !known.contains(&index) && known.len() < MAX_COUNTRIES {
                known.push(index);
            }
            if known.contains(&index)
                && let Ok(second) = u32::try_from(at)
            {
                let list = self.country_hours.entry((user, index)).or_default();
                if list.last().is_none_or(|s| s / 3600 != second / 3600) {
                    if list.len() >= MAX_HOURS {
                        // Compact: one stamp per hour; past that, a year of hours is enough.
                        list.sort_unstable();
                        list.dedup_by_key(|s| *s / 3600);
                    }
                    if list.len() < MAX_HOURS {
                        list.push(second);
                    }
                }
            }
        }
        // Most successes repeat a context already seen: compare hashes, allocate only
        // for a new one.
        let key = context_hash(s);
        let list = self.contexts.entry(user).or_default();
        let context = match list.iter().position(|c| c.key == key) {
            Some(i) => {
                list[i].last = list[i].last.max(at);
                i
            }
            None if list.len() < MAX_CONTEXTS => {
                list.push(Context {
                    key,
                    device: DeviceSeen::of(s),
                    client: text(&s.client_app_used),
                    app: text(&s.app_display_name).or_else(|| text(&s.resource_display_name)),
                    last: at,
                });
                list.len() - 1
            }
            None => usize::from(u8::MAX),
        };
        let (Some(app), Ok(second)) = (app_of(s), u32::try_from(at)) else {
            return;
        };
        let run = SuccessRun {
            first: second,
            last: second,
            context: u8::try_from(context).unwrap_or(u8::MAX),
            country: country_index,
        };
        let runs = self.app_successes.entry((user, app_hash(app))).or_default();
        // Past `MAX_RUNS`, the last run widens: the times of successes stay right.
        let full = runs.len() >= MAX_RUNS;
        match runs.last_mut() {
            Some(r)
                if (r.context == run.context
                    && r.country == run.country
                    && (r.first / 3600 == second / 3600 || r.last / 3600 == second / 3600))
                    || full =>
            {
                r.first = r.first.min(second);
                r.last = r.last.max(second);
            }
            _ => runs.push(run),
        }
    }

    /// The index standing for a country code (`u16::MAX` past 65 534 of them).
    fn country_index(&mut self, country: &str) -> u16 {
        match self
            .countries
            .iter()
            .position(|c| c.eq_ignore_ascii_case(country))
        {
            Some(i) => u16::try_from(i).unwrap_or(u16::MAX),
            None => {
                self.countries.push(country.to_ascii_uppercase());
                u16::try_from(self.countries.len() - 1).unwrap_or(u16::MAX)
            }
        }
    }

    /// Counts a blocked sign-in (`s` is its record, `d` its diagnosis).
    pub(crate) fn block(&mut self, s: &SignIn<'_>, d: &Diagnosis) {
        let at = d.time.map(|t| t.timestamp());
        self.blocks
            .entry(d.user.clone())
            .or_default()
            .push(BlockSeen {
                at,
                key: context_hash(s),
                country: d.country.as_ref().map(|c| c.to_ascii_uppercase()),
                device: DeviceSeen::of(s),
                client: d.client_app.clone(),
                app: d.app.clone().or_else(|| d.resource.clone()),
                cause: d.cause,
            });
        let Some(at) = at else { return };
        let event = Event {
            at,
            user: hash(&d.user),
            cause: d.cause,
        };
        let names: Vec<&str> = if d.policies.is_empty() {
            vec![NO_POLICY]
        } else {
            d.policies.iter().map(|p| p.name.as_str()).collect()
        };
        let mut first = None;
        for name in names {
            let index = match self.policy_names.iter().position(|n| n == name) {
                Some(i) => i,
                None => {
                    self.policy_names.push(name.to_string());
                    self.policy_names.len() - 1
                }
            };
            first.get_or_insert(index);
            self.by_policy
                .entry(name.to_string())
                .or_default()
                .push((event, index));
        }
        // A cause incident lists the (first) blocking policy of each of its blocks.
        self.by_cause
            .entry(d.cause)
            .or_default()
            .push((event, first.unwrap_or_default()));
    }

    /// The incidents (most users first) and each blocked user's findings.
    pub(crate) fn finish(mut self) -> Insight {
        for list in self.country_hours.values_mut() {
            list.sort_unstable();
        }
        for runs in self.app_successes.values_mut() {
            runs.sort_unstable_by_key(|r| (r.first, r.last));
        }
        let mut incidents = Vec::new();
        if let Some(span) = self.span {
            let mut policy_onsets = Vec::new();
            let mut keys: Vec<String> = self.by_policy.keys().cloned().collect();
            keys.sort();
            for key in keys {
                let mut events = self.by_policy.remove(&key).unwrap_or_default();
                for run in find_incidents(&mut events, span, self.bucket) {
                    policy_onsets.push(run.onset_bucket);
                    incidents.push(self.incident(IncidentKind::Policy, key.clone(), &events, &run));
                }
            }
            for (cause, mut events) in std::mem::take(&mut self.by_cause) {
                for run in find_incidents(&mut events, span, self.bucket) {
                    // A policy's own onset already tells this story.
                    if policy_onsets.contains(&run.onset_bucket) {
                        continue;
                    }
                    incidents.push(self.incident(
                        IncidentKind::Cause,
                        cause.as_str().to_string(),
                        &events,
                        &run,
                    ));
                }
            }
        }
        incidents.sort_by(|a, b| {
            b.users
                .cmp(&a.users)
                .then(a.onset.cmp(&b.onset))
                .then_with(|| a.key.cmp(&b.key))
        });
        let mut findings = HashMap::new();
        let mut resolutions = HashMap::new();
        let mut last_success = HashMap::default();
        let blocks = std::mem::take(&mut self.blocks);
        for (user, mut list) in blocks {
            list.sort_by_key(|b| b.at);
            let id = hash(&user);
            for b in &list {
                let Some(app) = b.app.as_deref() else {
                    continue;
                };
                let key = (id, app_hash(app));
                // Sorted by first: the latest success may sit in any run.
                if let Some(latest) = self
                    .app_successes
                    .get(&key)
                    .and_then(|runs| runs.iter().map(|r| r.last).max())
                {
                    last_success.insert(key, i64::from(latest));
                }
            }
            resolutions.insert(user.clone(), self.resolution(id, &list));
            let found = self.user_findings(&user, list);
            if !found.is_empty() {
                findings.insert(user, found);
            }
        }
        Insight {
            incidents,
            findings,
            resolutions,
            last_success,
            bucket_secs: self.bucket,
            span: self.span.and_then(|(a, b)| {
                Some((
                    DateTime::from_timestamp(a, 0)?,
                    DateTime::from_timestamp(b, 0)?,
                ))
            }),
        }
    }

    fn incident(
        &self,
        kind: IncidentKind,
        key: String,
        events: &[(Event, usize)],
        run: &Run,
    ) -> Incident {
        let bucket = self.bucket;
        let origin = run.origin;
        let in_bucket = |e: &Event, from: usize, to: usize| {
            let b = (e.at - origin).div_euclid(bucket) as usize;
            (from..=to).contains(&b)
        };
        let onset = events
            .iter()
            .map(|(e, _)| e)
            .find(|e| in_bucket(e, run.onset_bucket, run.onset_bucket))
            .map_or(0, |e| e.at);
        let window = |from: i64, to: i64| {
            let picked: Vec<&Event> = events
                .iter()
                .map(|(e, _)| e)
                .filter(|e| e.at >= from && e.at < to)
                .collect();
            (distinct(picked.iter().map(|e| e.user)), picked.len() as u64)
        };
        let (first_users, first_blocks) = window(onset, onset + bucket);
        let before_secs = before_secs(bucket);
        let (before_users, before_blocks) = window(onset - before_secs, onset);
        let during: Vec<&(Event, usize)> = events
            .iter()
            .filter(|(e, _)| in_bucket(e, run.onset_bucket, run.last_bucket))
            .collect();
        let until = during.iter().map(|(e, _)| e.at).max().unwrap_or(onset);
        let mut causes: BTreeMap<Cause, u64> = BTreeMap::new();
        let mut policies: BTreeMap<usize, u64> = BTreeMap::new();
        for (e, p) in &during {
            *causes.entry(e.cause).or_default() += 1;
            *policies.entry(*p).or_default() += 1;
        }
        let mut causes: Vec<(Cause, u64)> = causes.into_iter().collect();
        causes.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        let mut policies: Vec<(String, u64)> = policies
            .into_iter()
            .map(|(i, n)| (self.policy_names[i].clone(), n))
            .collect();
        policies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let first_b = run.onset_bucket.saturating_sub(TIMELINE_BEFORE);
        let last_b = (run.last_bucket + 1)
            .min(first_b + TIMELINE_MAX - 1)
            .min(run.buckets.saturating_sub(1));
        let timeline = (first_b..=last_b)
            .map(|b| {
                let start = origin + b as i64 * bucket;
                let (users, blocks) = window(start, start + bucket);
                Slot {
                    start: time(start),
                    users,
                    blocks,
                    onset: b == run.onset_bucket,
                }
            })
            .collect();
        Incident {
            kind,
            key,
            onset: time(onset),
            first_window_users: first_users,
            first_window_blocks: first_blocks,
            before_users,
            before_blocks,
            before_secs,
            baseline_users_per_bucket: run.baseline,
            users: distinct(during.iter().map(|(e, _)| e.user)),
            blocks: during.len() as u64,
            until: time(until),
            ongoing: run.ongoing,
            causes,
            policies: if kind == IncidentKind::Cause {
                policies
            } else {
                Vec::new()
            },
            bucket_secs: bucket,
            timeline,
        }
    }

    fn user_findings(&self, user: &str, mut list: Vec<BlockSeen>) -> Vec<UserFinding> {
        let id = hash(user);
        let mut out = Vec::new();
        list.sort_by_key(|b| b.at);
        if let Some(f) = self.travel(id, &list) {
            out.push(f);
        }
        if let Some(f) = self.working_context(id, &list) {
            out.push(f);
        }
        if let Some(f) = retry_storm(&list) {
            out.push(f);
        }
        out
    }

    /// Blocked from one country while a sign-in from another succeeded within hours.
    fn travel(&self, user: u64, list: &[BlockSeen]) -> Option<UserFinding> {
        let countries = self.user_countries.get(&user)?;
        // (distance, block time, block country, success time, success country)
        let mut best: Option<(i64, i64, &str, i64, &str)> = None;
        let mut blocks_near = 0;
        for b in list {
            let (Some(at), Some(country)) = (b.at, b.country.as_deref()) else {
                continue;
            };
            let mut near = None::<(i64, i64, &str)>;
            for &c in countries {
                let other = self.countries[c as usize].as_str();
                if other == country {
                    continue;
                }
                let Some(times) = self.country_hours.get(&(user, c)) else {
                    continue;
                };
                // The successes on either side of the block (the list is sorted).
                let here = times.partition_point(|&s| i64::from(s) < at);
                for i in [here.checked_sub(1), Some(here)].into_iter().flatten() {
                    let Some(&s) = times.get(i) else { continue };
                    let t = i64::from(s);
                    let d = (t - at).abs();
                    if d <= TRAVEL_WINDOW_SECS && near.is_none_or(|n| d < n.0) {
                        near = Some((d, t, other));
                    }
                }
            }
            if let Some((d, t, other)) = near {
                blocks_near += 1;
                if best.is_none_or(|b| d < b.0) {
                    best = Some((d, at, country, t, other));
                }
            }
        }
        let (distance, block_at, country, ok_at, other) = best?;
        let order = if ok_at <= block_at {
            t::ORDER_BEFORE
        } else {
            t::ORDER_AFTER
        }
        .get();
        let span = span_text(distance);
        let mut detail = t::TRAVEL_DETAIL.fill(&[
            ("blocked_in", &country),
            ("blocked_at", &clock(block_at)),
            ("ok_in", &other),
            ("ok_at", &clock(ok_at)),
            ("span", &span),
            ("order", &order),
        ]);
        if blocks_near > 1 {
            detail = t::TRAVEL_DETAIL_MANY.fill(&[
                ("detail", &detail),
                ("near", &blocks_near),
                ("total", &list.len()),
                ("span", &span_text(TRAVEL_WINDOW_SECS)),
            ]);
        }
        let mut advice = t::TRAVEL_ADVICE.fill(&[("country", &country)]);
        if distance < 2 * 3600 {
            advice = t::TRAVEL_ADVICE_TOO_CLOSE.fill(&[("advice", &advice)]);
        }
        Some(UserFinding {
            kind: FindingKind::TravelOrVpn,
            at: Some(time(ok_at)),
            hint: t::TRAVEL_HINT.fill(&[("country", &other), ("span", &span), ("order", &order)]),
            detail,
            advice,
        })
    }

    /// Blocked on one device or client while another device or client works.
    fn working_context(&self, user: u64, list: &[BlockSeen]) -> Option<UserFinding> {
        let contexts = self.contexts.get(&user)?;
        let mut best: Option<(&BlockSeen, &Context, bool)> = None;
        for b in list {
            let by_device = matches!(b.cause, Cause::DeviceState | Cause::DevicePlatform);
            let by_client = matches!(b.cause, Cause::ClientApp | Cause::AuthFlow);
            if !by_device && !by_client {
                continue;
            }
            let candidates = contexts.iter().filter(|c| {
                if by_device {
                    c.device.os.is_some() && c.device != b.device
                } else {
                    c.client.is_some() && b.client.is_some() && c.client != b.client
                }
            });
            // The same app first, then the latest.
            let pick = candidates.max_by_key(|c| (c.app == b.app, c.last));
            if let Some(c) = pick {
                let better =
                    best.is_none_or(|(_, prev, same)| (c.app == b.app, c.last) > (same, prev.last));
                if better {
                    best = Some((b, c, c.app == b.app));
                }
            }
        }
        let (b, c, same_app) = best?;
        let app = match (&c.app, same_app) {
            (Some(a), true) => t::TO_SAME_APP.fill(&[("app", a)]),
            (Some(a), false) => t::TO_OTHER_APP.fill(&[("app", a)]),
            (None, _) => String::new(),
        };
        let same_device = b.device.id.is_some() && b.device.id == c.device.id;
        if same_device && b.at.is_some_and(|at| at < c.last) {
            let name = c
                .device
                .name
                .as_deref()
                .or(c.device.id.as_deref())
                .unwrap_or("");
            let now = c.device.describe();
            Some(UserFinding {
                kind: FindingKind::WorkingDevice,
                at: Some(time(c.last)),
                hint: t::SAME_DEVICE_HINT.fill(&[("now", &now)]),
                detail: t::SAME_DEVICE_DETAIL.fill(&[
                    ("name", &name),
                    ("before", &b.device.describe()),
                    ("to_app", &app),
                    ("at", &clock(c.last)),
                    ("now", &now),
                ]),
                advice: t::SAME_DEVICE_ADVICE.get().to_string(),
            })
        } else if matches!(b.cause, Cause::DeviceState | Cause::DevicePlatform) {
            let works = c.device.describe();
            Some(UserFinding {
                kind: FindingKind::WorkingDevice,
                at: Some(time(c.last)),
                hint: t::WORKS_ON_HINT.fill(&[("device", &works)]),
                detail: t::WORKS_ON_DETAIL.fill(&[
                    ("blocked", &b.device.describe()),
                    ("works", &works),
                    ("to_app", &app),
                    ("at", &clock(c.last)),
                ]),
                advice: if b.cause == Cause::DevicePlatform {
                    let os = b.device.os.as_deref().unwrap_or(t::DEVICE_OS_UNNAMED.get());
                    t::WORKS_ON_ADVICE_PLATFORM.fill(&[("works", &works), ("os", &os)])
                } else {
                    t::WORKS_ON_ADVICE_STATE.fill(&[("works", &works)])
                },
            })
        } else {
            let works = c.client.as_deref().unwrap_or(t::ANOTHER_CLIENT.get());
            let blocked = b.client.as_deref().unwrap_or(t::ANOTHER_CLIENT.get());
            Some(UserFinding {
                kind: FindingKind::WorkingClient,
                at: Some(time(c.last)),
                hint: t::WORKS_WITH_HINT.fill(&[("client", &works)]),
                detail: t::WORKS_WITH_DETAIL.fill(&[
                    ("blocked", &blocked),
                    ("works", &works),
                    ("to_app", &app),
                    ("at", &clock(c.last)),
                ]),
                advice: t::WORKS_WITH_ADVICE.fill(&[("works", &works), ("blocked", &blocked)]),
            })
        }
    }
}

/// Many blocks in a short time: a client retrying by itself.
fn retry_storm(list: &[BlockSeen]) -> Option<UserFinding> {
    let times: Vec<i64> = list.iter().filter_map(|b| b.at).collect();
    let (mut best, mut from) = (0usize, 0usize);
    let mut start = 0;
    for end in 0..times.len() {
        while times[end] - times[start] > STORM_WINDOW_SECS {
            start += 1;
        }
        if end + 1 - start > best {
            best = end + 1 - start;
            from = start;
        }
    }
    if best < STORM_MIN_BLOCKS {
        return None;
    }
    let (first, last) = (times[from], times[from + best - 1]);
    let mut apps: BTreeMap<&str, usize> = BTreeMap::new();
    for b in list
        .iter()
        .filter(|b| b.at.is_some_and(|t| (first..=last).contains(&t)))
    {
        *apps
            .entry(b.app.as_deref().unwrap_or(t::UNNAMED_APP.get()))
            .or_default() += 1;
    }
    let app = apps
        .iter()
        .max_by_key(|&(name, n)| (*n, std::cmp::Reverse(*name)))
        .map_or(t::UNNAMED_APP.get(), |(name, _)| name);
    let span = span_text(last - first);
    Some(UserFinding {
        kind: FindingKind::RetryStorm,
        at: Some(time(first)),
        hint: t::STORM_HINT.fill(&[("n", &best), ("span", &span)]),
        detail: t::STORM_DETAIL.fill(&[
            ("n", &best),
            ("span", &span),
            ("from", &clock(first)),
            ("to", &clock(last)),
            ("app", &app),
        ]),
        advice: t::STORM_ADVICE.get().to_string(),
    })
}

/// (user, app or resource) hashes → the latest successful sign-in (seconds).
pub(crate) type LastSuccess = HashMap<(u64, u64), i64, Mix>;

/// Whether a blocked sign-in was followed by a successful sign-in of the same user to
/// the same app (or resource). A block without a time or an app cannot be shown to be.
pub(crate) fn followed_by_success(last: &LastSuccess, d: &Diagnosis) -> bool {
    let (Some(t), Some(app)) = (d.time, d.app.as_deref().or(d.resource.as_deref())) else {
        return false;
    };
    last.get(&(hash(&d.user), app_hash(app)))
        .is_some_and(|&s| s > t.timestamp())
}

/// Where a user's blocks to one app stand at the end of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// A later sign-in to the same app succeeded.
    Resolved,
    /// Cannot tell: no readable time on the blocks, or a success to the app without one.
    Unknown,
    /// The last attempt was blocked, and no success came between blocks.
    StillBlocked,
    /// Blocked again after a success, and still blocked at the end.
    Recurring,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Resolved => "resolved",
            Status::Unknown => "unknown",
            Status::StillBlocked => "still_blocked",
            Status::Recurring => "recurring",
        }
    }
}

/// One user's blocks to one app (or resource), and what followed them.
#[derive(Debug, Clone)]
pub(crate) struct AppStatus {
    pub app: String,
    pub status: Status,
    pub blocked: u64,
    pub first_blocked: Option<DateTime<Utc>>,
    pub last_blocked: Option<DateTime<Utc>>,
    /// The first success after the last block (resolved only).
    pub resolved_at: Option<DateTime<Utc>>,
    /// How often the user was blocked again after a success to the app.
    pub blocked_again: u64,
    /// What differs between the last block and the success after it (resolved only):
    /// `compliant_now`, `registered_now`, `managed_now`, `other_device`, `modern_client`,
    /// `other_client`, `other_country`, `nothing_visible`, `cannot_tell`.
    pub changed: Vec<&'static str>,
    /// Still blocked or recurring: the end of the export, the "as of" of the status.
    pub as_of: Option<DateTime<Utc>>,
    /// The export ends within an hour of the last block: too soon to tell.
    pub ends_right_after: bool,
    /// One sentence, with the times.
    pub detail: String,
}

/// Whether a user's blocks are a rule being enforced or a passing condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PatternKind {
    /// Every block came from a context (device, client, app, country) with no success
    /// after any of its blocks: retries will not help.
    Structural,
    /// Every block came from a context that signed in successfully after one of its
    /// blocks: a risk signal, a moment on a VPN; waiting or retrying may clear it.
    Transient,
    /// Some of each.
    Mixed,
}

impl PatternKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PatternKind::Structural => "structural",
            PatternKind::Transient => "transient",
            PatternKind::Mixed => "mixed",
        }
    }
}

/// The evidence for a user's `PatternKind`.
#[derive(Debug, Clone)]
pub(crate) struct UserPattern {
    pub kind: PatternKind,
    /// Blocks from a context with no success.
    pub structural_blocks: u64,
    /// Blocks from a context that also succeeded after one of its blocks.
    pub transient_blocks: u64,
    /// Structural blocks whose context had succeeded, but only before its blocks (a
    /// context that stopped working: a new or changed rule, or a condition not passed yet).
    pub previously_worked: u64,
    /// Distinct blocked contexts (device, client, app and country).
    pub contexts: u64,
    pub detail: String,
}

/// A user's statuses (by app name) and pattern.
#[derive(Debug, Clone)]
pub(crate) struct Resolution {
    pub apps: Vec<AppStatus>,
    pub pattern: UserPattern,
}

impl Resolution {
    /// A few words for the table's fix cell: the worst status, then the pattern.
    pub(crate) fn hint(&self) -> String {
        let worst = self.apps.iter().max_by_key(|a| (a.status, a.last_blocked));
        let status = match worst {
            None => String::new(),
            Some(a) if a.status == Status::Resolved => {
                let when = a
                    .resolved_at
                    .map(|t| t.format("%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                if self.apps.len() == 1 {
                    let changed: Vec<&str> = a.changed.iter().map(|c| change_words(c)).collect();
                    t::HINT_RESOLVED.fill(&[("when", &when), ("changed", &changed.join(", "))])
                } else {
                    t::HINT_RESOLVED_ALL.fill(&[("n", &self.apps.len())])
                }
            }
            Some(a) => {
                let others = self
                    .apps
                    .iter()
                    .filter(|o| o.status == Status::Resolved)
                    .count();
                let text = match a.status {
                    Status::Recurring => t::HINT_RECURRING,
                    Status::StillBlocked if a.ends_right_after => t::HINT_STILL_BLOCKED_RIGHT_AFTER,
                    Status::StillBlocked => t::HINT_STILL_BLOCKED,
                    _ => t::HINT_UNKNOWN,
                };
                let mut status = text.fill(&[("app", &shown_key(&a.app))]);
                if others > 0 {
                    let apps = i18n::count(others as u64, t::OTHER_APP, t::OTHER_APPS);
                    status = t::HINT_ALSO.fill(&[("status", &status), ("apps", &apps)]);
                }
                status + "."
            }
        };
        let pattern = match self.pattern.kind {
            PatternKind::Structural => t::HINT_STRUCTURAL,
            PatternKind::Transient => t::HINT_TRANSIENT,
            PatternKind::Mixed => t::HINT_MIXED,
        }
        .get();
        format!("{status} {pattern}").trim().to_string()
    }
}

/// The words of a `changed` tag.
pub(crate) fn change_words(tag: &str) -> &'static str {
    match tag {
        "compliant_now" => t::CHANGED_COMPLIANT,
        "registered_now" => t::CHANGED_REGISTERED,
        "managed_now" => t::CHANGED_MANAGED,
        "other_device" => t::CHANGED_DEVICE,
        "modern_client" => t::CHANGED_MODERN_CLIENT,
        "other_client" => t::CHANGED_CLIENT,
        "other_country" => t::CHANGED_COUNTRY,
        "nothing_visible" => t::CHANGED_NOTHING,
        _ => t::CHANGED_UNKNOWN,
    }
    .get()
}

impl Insights {
    /// Each blocked app's status and the user's pattern. `list` is sorted by time.
    fn resolution(&self, user: u64, list: &[BlockSeen]) -> Resolution {
        let mut apps: BTreeMap<&str, Vec<&BlockSeen>> = BTreeMap::new();
        for b in list {
            apps.entry(b.app.as_deref().unwrap_or(NO_APP))
                .or_default()
                .push(b);
        }
        let statuses = apps
            .into_iter()
            .map(|(app, blocks)| self.app_status(user, app, &blocks))
            .collect();
        Resolution {
            apps: statuses,
            pattern: self.pattern(user, list),
        }
    }

    fn runs(&self, user: u64, app: &str) -> &[SuccessRun] {
        if app == NO_APP {
            return &[];
        }
        self.app_successes
            .get(&(user, app_hash(app)))
            .map_or(&[], Vec::as_slice)
    }

    fn app_status(&self, user: u64, app: &str, blocks: &[&BlockSeen]) -> AppStatus {
        let runs = self.runs(user, app);
        let times: Vec<i64> = blocks.iter().filter_map(|b| b.at).collect();
        let untimed = blocks.len() - times.len();
        let mut out = AppStatus {
            app: app.to_string(),
            status: Status::Unknown,
            blocked: blocks.len() as u64,
            first_blocked: times.first().map(|&t| time(t)),
            last_blocked: times.last().map(|&t| time(t)),
            resolved_at: None,
            blocked_again: 0,
            changed: Vec::new(),
            as_of: None,
            ends_right_after: false,
            detail: String::new(),
        };
        let (Some(&first), Some(&last)) = (times.first(), times.last()) else {
            out.detail = one_or_many(
                blocks.len() as u64,
                t::UNTIMED_BLOCK_ONE,
                t::UNTIMED_BLOCK_MANY,
                &[("app", &app)],
            );
            return out;
        };
        // A success strictly between two blocks: the block came back.
        let between = |from: i64, to: i64| {
            runs.iter().any(|r| {
                let (a, b) = (i64::from(r.first), i64::from(r.last));
                (a > from && a < to) || (b > from && b < to)
            })
        };
        out.blocked_again = times
            .windows(2)
            .filter(|w| w[0] < w[1] && between(w[0], w[1]))
            .count() as u64;
        // The first success after the last block (a run's earliest, else its latest).
        let after = runs
            .iter()
            .filter_map(|r| {
                let (a, b) = (i64::from(r.first), i64::from(r.last));
                if a > last {
                    Some((a, r))
                } else if b > last {
                    Some((b, r))
                } else {
                    None
                }
            })
            .min_by_key(|(t, _)| *t);
        let mut count = if blocks.len() == 1 {
            t::BLOCKED_ONCE.fill(&[("at", &clock(last))])
        } else {
            t::BLOCKED_TIMES.fill(&[
                ("n", &blocks.len()),
                ("from", &clock(first)),
                ("to", &clock(last)),
            ])
        };
        if untimed > 0 {
            count += &one_or_many(
                untimed as u64,
                t::UNTIMED_NOTE_ONE,
                t::UNTIMED_NOTE_MANY,
                &[],
            );
        }
        // The blocks, then (a clause after them) whether they came back after a success.
        let came_back = out.blocked_again;
        let again = move |status: String| match came_back {
            0 => status,
            1 => t::CAME_BACK_ONCE.fill(&[("status", &status)]),
            n => t::CAME_BACK_TIMES.fill(&[("status", &status), ("n", &n)]),
        };
        let end = self.seen_until.map_or(last, |e| e.max(last));
        if let Some((at, run)) = after {
            let b = blocks
                .iter()
                .rev()
                .find(|b| b.at == Some(last))
                .expect("the last block");
            let (tags, words) = self.changes(user, b, run);
            out.status = Status::Resolved;
            out.resolved_at = Some(time(at));
            // Another device, client or country got in; the blocked one may still not.
            let moved = tags.iter().any(|t| {
                matches!(
                    *t,
                    "other_device" | "other_client" | "modern_client" | "other_country"
                )
            });
            let so = if moved {
                t::SO_IN_AGAIN
            } else {
                t::SO_NO_LONGER
            }
            .get();
            out.detail = again(t::RESOLVED_DETAIL.fill(&[
                ("blocks", &count),
                ("app", &app),
                ("at", &clock(at)),
                ("words", &words),
                ("so", &so),
            ]));
            out.changed = tags;
        } else if let Some(&n) = self.untimed_successes.get(&(user, app_hash(app))) {
            out.detail = one_or_many(
                u64::from(n),
                t::UNTIMED_SUCCESS_ONE,
                t::UNTIMED_SUCCESS_MANY,
                &[("blocks", &again(count)), ("app", &app)],
            );
        } else {
            out.status = if out.blocked_again > 0 {
                Status::Recurring
            } else {
                Status::StillBlocked
            };
            out.as_of = Some(time(end));
            out.ends_right_after = end - last <= END_MARGIN_SECS;
            let soon = if out.ends_right_after {
                t::TOO_SOON.fill(&[("span", &span_text(end - last))])
            } else {
                String::new()
            };
            out.detail = t::STILL_BLOCKED_DETAIL.fill(&[
                ("blocks", &again(count)),
                ("app", &app),
                ("end", &clock(end)),
                ("soon", &soon),
            ]);
        }
        out
    }

    /// What differs between a block and the success after it: tags and words.
    fn changes(&self, user: u64, b: &BlockSeen, run: &SuccessRun) -> (Vec<&'static str>, String) {
        let Some(c) = self
            .contexts
            .get(&user)
            .and_then(|l| l.get(usize::from(run.context)))
        else {
            return (vec!["cannot_tell"], t::CHANGE_NOT_KEPT.get().to_string());
        };
        let mut tags = Vec::new();
        let mut words = Vec::new();
        let (bd, sd) = (&b.device, &c.device);
        let same_device = match (&bd.id, &sd.id) {
            (Some(x), Some(y)) => x == y,
            _ => bd.describe() == sd.describe(),
        };
        if same_device {
            if sd.compliant == Some(true) && bd.compliant != Some(true) {
                tags.push("compliant_now");
                words.push(t::CHANGE_COMPLIANT.get().to_string());
            }
            if sd.trust.is_some() && bd.trust.is_none() {
                tags.push("registered_now");
                let trust = sd.trust.as_deref().unwrap_or_default();
                words.push(t::CHANGE_REGISTERED.fill(&[("trust", &trust)]));
            }
            if sd.managed == Some(true) && bd.managed != Some(true) {
                tags.push("managed_now");
                words.push(t::CHANGE_MANAGED.get().to_string());
            }
        } else {
            tags.push("other_device");
            words.push(
                t::CHANGE_DEVICE.fill(&[("now", &sd.describe()), ("blocked", &bd.describe())]),
            );
        }
        if let (Some(bc), Some(sc)) = (&b.client, &c.client)
            && !bc.eq_ignore_ascii_case(sc)
        {
            if !classify::is_modern_client(bc) && classify::is_modern_client(sc) {
                tags.push("modern_client");
                words.push(t::CHANGE_MODERN_CLIENT.fill(&[("now", sc), ("blocked", bc)]));
            } else {
                tags.push("other_client");
                words.push(t::CHANGE_CLIENT.fill(&[("now", sc), ("blocked", bc)]));
            }
        }
        let country = self.countries.get(usize::from(run.country));
        if let (Some(bc), Some(sc)) = (&b.country, country)
            && bc != sc
        {
            tags.push("other_country");
            words.push(t::CHANGE_COUNTRY.fill(&[("now", sc), ("blocked", bc)]));
        }
        if tags.is_empty() {
            tags.push("nothing_visible");
            words.push(t::CHANGE_NOTHING.get().to_string());
        }
        (tags, words.join(", "))
    }

    /// Structural or transient: did each block's own context ever succeed?
    fn pattern(&self, user: u64, list: &[BlockSeen]) -> UserPattern {
        let contexts = self.contexts.get(&user);
        // The times of successes in each block's own context (device, client, app and
        // country), by block.
        let same_context: Vec<Vec<(i64, i64)>> = list
            .iter()
            .map(|b| {
                let country = b.country.as_deref().map_or(Some(u16::MAX), |c| {
                    self.countries
                        .iter()
                        .position(|k| k == c)
                        .and_then(|i| u16::try_from(i).ok())
                });
                let Some(country) = country else {
                    return Vec::new();
                };
                self.runs(user, b.app.as_deref().unwrap_or(NO_APP))
                    .iter()
                    .filter(|r| {
                        r.country == country
                            && contexts
                                .and_then(|l| l.get(usize::from(r.context)))
                                .is_some_and(|c| c.key == b.key)
                    })
                    .map(|r| (i64::from(r.first), i64::from(r.last)))
                    .collect()
            })
            .collect();
        // A context is intermittent when a success in it came after one of its blocks
        // (or a block without a time shares it with a success): the block passed by
        // itself. Successes only before every block are a context that stopped working.
        let place = |b: &BlockSeen| (b.key, b.country.clone());
        let mut intermittent: Vec<(u64, Option<String>)> = Vec::new();
        for (b, runs) in list.iter().zip(&same_context) {
            let after = match b.at {
                Some(at) => runs.iter().any(|&(_, last)| last > at),
                None => !runs.is_empty(),
            };
            if after && !intermittent.contains(&place(b)) {
                intermittent.push(place(b));
            }
        }
        let mut seen: Vec<(u64, Option<String>)> = Vec::new();
        let (mut structural, mut transient, mut previously) = (0u64, 0u64, 0u64);
        let mut causes: Vec<Cause> = Vec::new();
        for (b, runs) in list.iter().zip(&same_context) {
            if !seen.contains(&place(b)) {
                seen.push(place(b));
            }
            if !causes.contains(&b.cause) {
                causes.push(b.cause);
            }
            if intermittent.contains(&place(b)) {
                transient += 1;
            } else {
                structural += 1;
                previously += u64::from(!runs.is_empty());
            }
        }
        let causes: Vec<&str> = causes.iter().map(|c| c.as_str()).collect();
        let causes = causes.join(", ");
        let n = seen.len() as u64;
        let contexts = one_or_many(n, t::FROM_CONTEXT_ONE, t::FROM_CONTEXT_MANY, &[]);
        let (kind, detail) = match (structural, transient) {
            (_, 0) if previously > 0 => (
                PatternKind::Structural,
                t::PATTERN_PREVIOUSLY.fill(&[
                    ("every", &every(structural)),
                    ("from_contexts", &contexts),
                    ("causes", &causes),
                    ("previously", &previously),
                ]),
            ),
            (_, 0) => (
                PatternKind::Structural,
                t::PATTERN_STRUCTURAL.fill(&[
                    ("every", &every(structural)),
                    ("from_contexts", &contexts),
                    ("causes", &causes),
                ]),
            ),
            (0, _) => (
                PatternKind::Transient,
                t::PATTERN_TRANSIENT.fill(&[("every", &every(transient)), ("causes", &causes)]),
            ),
            _ => (
                PatternKind::Mixed,
                t::PATTERN_MIXED.fill(&[
                    ("structural", &structural),
                    ("total", &(structural + transient)),
                    ("transient", &transient),
                    ("causes", &causes),
                ]),
            ),
        };
        UserPattern {
            kind,
            structural_blocks: structural,
            transient_blocks: transient,
            previously_worked: previously,
            contexts: n,
            detail,
        }
    }
}

/// `the block came` / `all 3 blocks came`.
fn every(n: u64) -> String {
    match n {
        1 => t::EVERY_ONE.get().to_string(),
        2 => t::EVERY_TWO.get().to_string(),
        n => t::EVERY_MANY.fill(&[("n", &n)]),
    }
}

/// `one` (for 1, and 0 in French) or `many`, filled with `args` and `{n}`.
fn one_or_many(n: u64, one: Tr, many: Tr, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let text = i18n::plural(n, one, many);
    let mut all: Vec<(&str, &dyn std::fmt::Display)> = args.to_vec();
    all.push(("n", &n));
    text.fill(&all)
}

/// The app column's entry for blocks whose export named no app or resource.
pub(crate) const NO_APP: &str = "(no app in the export)";

/// A policy or app key as a reader sees it: [`NO_POLICY`] and [`NO_APP`] (keys the
/// aggregation and the JSON keep in English) in this run's language, any other unchanged.
pub(crate) fn shown_key(key: &str) -> &str {
    match key {
        NO_POLICY => crate::i18n::report::NO_POLICY_KEY.get(),
        NO_APP => crate::i18n::report::NO_APP_KEY.get(),
        other => other,
    }
}

/// A successful sign-in's app, or its resource when it names none (as blocks are keyed).
fn app_of<'v>(s: &'v SignIn<'_>) -> Option<&'v str> {
    trimmed(&s.app_display_name).or_else(|| trimmed(&s.resource_display_name))
}

/// An app name's hash (FNV-1a), whatever its ASCII case; no allocation, since it runs
/// once per successful sign-in.
fn app_hash(app: &str) -> u64 {
    app.trim().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What `Insights::finish` found.
#[derive(Debug, Default)]
pub(crate) struct Insight {
    pub incidents: Vec<Incident>,
    /// By user (the report's user key).
    pub findings: HashMap<String, Vec<UserFinding>>,
    /// By user: whether each blocked app is over, and whether the blocks are a rule.
    pub resolutions: HashMap<String, Resolution>,
    /// (user, app) → the latest successful sign-in, for the blocked users' apps.
    pub last_success: LastSuccess,
    pub bucket_secs: i64,
    /// The earliest and latest readable time among the records looked at.
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IncidentKind {
    Policy,
    Cause,
}

impl IncidentKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Policy => "policy",
            IncidentKind::Cause => "cause",
        }
    }
}

/// A policy (or cause) that began blocking many more users than before.
#[derive(Debug, Clone)]
pub(crate) struct Incident {
    pub kind: IncidentKind,
    /// The policy name, or the cause name.
    pub key: String,
    /// The first block of the onset bucket.
    pub onset: DateTime<Utc>,
    /// Within one bucket from the onset.
    pub first_window_users: u64,
    pub first_window_blocks: u64,
    /// In the baseline window before the onset (the day before, by default).
    pub before_users: u64,
    pub before_blocks: u64,
    pub before_secs: i64,
    /// The usual blocked users per bucket before (the baseline median).
    pub baseline_users_per_bucket: f64,
    /// From the onset until the rate went back to the baseline (or the export ended).
    pub users: u64,
    pub blocks: u64,
    pub until: DateTime<Utc>,
    /// The export ends before a full quiet day followed.
    pub ongoing: bool,
    /// Blocks by cause (policy incidents) and by policy (cause incidents), most first.
    pub causes: Vec<(Cause, u64)>,
    pub policies: Vec<(String, u64)>,
    pub bucket_secs: i64,
    /// Blocked users and sign-ins per bucket, from a few buckets before the onset.
    pub timeline: Vec<Slot>,
}

/// One bucket of an incident's timeline.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub start: DateTime<Utc>,
    pub users: u64,
    pub blocks: u64,
    /// The onset's bucket.
    pub onset: bool,
}

impl Incident {
    /// "CA030 began blocking at 2026-11-03 09:14 UTC: 57 users in the first hour, 0 the
    /// day before."
    pub(crate) fn headline(&self) -> String {
        let (text, subject) = match self.kind {
            // The headline says "without a named policy" itself.
            IncidentKind::Policy if self.key == NO_POLICY => (t::HEADLINE_NO_POLICY, "policy"),
            IncidentKind::Policy => (t::HEADLINE_POLICY, "policy"),
            IncidentKind::Cause => (t::HEADLINE_CAUSE, "cause"),
        };
        text.fill(&[
            (subject, &self.key),
            ("at", &clock(self.onset.timestamp())),
            (
                "users",
                &i18n::count(self.first_window_users, t::USER, t::USERS),
            ),
            ("first", &first_window(self.bucket_secs)),
            ("before", &self.before_users),
            ("prior", &prior_window(self.before_secs)),
        ])
    }

    /// `Users blocked per hour from 2026-11-03 03:00 UTC: 0 0 0 0 0 0 [7] 2 1 1 0`.
    pub(crate) fn timeline_text(&self) -> String {
        let Some(first) = self.timeline.first() else {
            return String::new();
        };
        let counts: Vec<String> = self
            .timeline
            .iter()
            .map(|s| {
                if s.onset {
                    format!("[{}]", s.users)
                } else {
                    s.users.to_string()
                }
            })
            .collect();
        t::TIMELINE.fill(&[
            ("per", &per_window(self.bucket_secs)),
            ("from", &clock(first.start.timestamp())),
            ("counts", &counts.join(" ")),
        ])
    }

    /// What happened after the onset, and what to look at.
    pub(crate) fn detail(&self) -> String {
        let end = if self.ongoing {
            t::INCIDENT_ONGOING.get().to_string()
        } else {
            t::INCIDENT_LAST_AT.fill(&[("at", &clock(self.until.timestamp()))])
        };
        let what = match self.kind {
            IncidentKind::Policy => {
                let causes: Vec<String> = self
                    .causes
                    .iter()
                    .map(|(c, n)| format!("{c} {n}"))
                    .collect();
                t::INCIDENT_CAUSES.fill(&[("list", &causes.join(", "))])
            }
            IncidentKind::Cause => {
                let list: Vec<String> = self
                    .policies
                    .iter()
                    .take(3)
                    .map(|(p, n)| format!("{p} ({n})"))
                    .collect();
                t::INCIDENT_POLICIES.fill(&[("list", &list.join(", "))])
            }
        };
        t::INCIDENT_DETAIL.fill(&[
            ("users", &i18n::count(self.users, t::USER, t::USERS)),
            (
                "blocks",
                &i18n::count(self.blocks, t::BLOCKED_SIGNIN, t::BLOCKED_SIGNINS),
            ),
            ("end", &end),
            ("what", &what),
        ])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FindingKind {
    TravelOrVpn,
    WorkingDevice,
    WorkingClient,
    RetryStorm,
}

impl FindingKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FindingKind::TravelOrVpn => "travel_or_vpn",
            FindingKind::WorkingDevice => "working_device",
            FindingKind::WorkingClient => "working_client",
            FindingKind::RetryStorm => "retry_storm",
        }
    }
}

/// Something one user's sign-ins show together that no single sign-in does.
#[derive(Debug, Clone)]
pub(crate) struct UserFinding {
    pub kind: FindingKind,
    /// The sign-in that shows it (the success, or the storm's first block).
    pub at: Option<DateTime<Utc>>,
    /// A few words for the user's table row.
    pub hint: String,
    pub detail: String,
    pub advice: String,
}

/// A stretch of elevated blocking found in one key's series.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    origin: i64,
    /// Buckets in the series (the last one holds the export's end, or the last block).
    buckets: usize,
    onset_bucket: usize,
    last_bucket: usize,
    baseline: f64,
    ongoing: bool,
}

/// The span before an onset whose blocked users an incident reports: the day before, or
/// the minimum history when buckets are long.
pub(crate) fn before_secs(bucket: i64) -> i64 {
    BEFORE_SECS.max(MIN_HISTORY as i64 * bucket)
}

/// Buckets of history an onset needs: a day (a daily cycle seen once), at least
/// `MIN_HISTORY` buckets.
fn min_history(bucket: i64) -> usize {
    ((BEFORE_SECS / bucket.max(1)) as usize).max(MIN_HISTORY)
}

fn baseline_buckets(bucket: i64) -> usize {
    ((BASELINE_SECS / bucket.max(1)) as usize).max(MIN_HISTORY)
}

/// The onsets in one series: a bucket whose distinct blocked users stand far above the
/// median of the baseline window before it (robust to a few noisy hours), followed by the
/// buckets until a full baseline window stays at or below that median.
fn find_incidents(events: &mut [(Event, usize)], span: (i64, i64), bucket: i64) -> Vec<Run> {
    events.sort_by_key(|(e, _)| (e.at, e.user));
    let (Some(first), Some(last)) = (events.first(), events.last()) else {
        return Vec::new();
    };
    let window = baseline_buckets(bucket);
    // An incident ends after a quiet day (at least `MIN_HISTORY` buckets).
    let quiet = min_history(bucket);
    // The series starts where the export does, but needs no more history than a window.
    let reach = window as i64 * bucket * 2;
    let start = span.0.max(first.0.at - reach).min(first.0.at);
    let end = span.1.min(last.0.at + reach).max(last.0.at);
    let origin = start.div_euclid(bucket) * bucket;
    let n = ((end - origin).div_euclid(bucket) + 1) as usize;
    if n > MAX_BUCKETS {
        return Vec::new();
    }
    let mut users: Vec<Vec<u64>> = vec![Vec::new(); n];
    for (e, _) in events.iter() {
        users[((e.at - origin).div_euclid(bucket)) as usize].push(e.user);
    }
    let counts: Vec<usize> = users
        .into_iter()
        .map(|mut u| {
            u.sort_unstable();
            u.dedup();
            u.len()
        })
        .collect();
    // History counts from the export's start, not the series' (clipped) start.
    let history_before = ((origin - span.0.div_euclid(bucket) * bucket) / bucket).max(0) as usize;
    let mut runs = Vec::new();
    let mut b = 0;
    while b < n {
        if history_before + b < min_history(bucket) {
            b += 1;
            continue;
        }
        let u = counts[b];
        if u < ONSET_MIN_USERS {
            b += 1;
            continue;
        }
        let base = &counts[b.saturating_sub(window)..b];
        let (median, sigma) = median_mad(base);
        let peak = base.iter().copied().max().unwrap_or(0);
        if (u as f64 - median) >= ONSET_SIGMAS * sigma.max(1.0) && u > ONSET_OVER_PEAK * peak {
            let mut last_hot = b;
            let mut k = b + 1;
            while k < n && k - last_hot <= quiet {
                if counts[k] as f64 > median {
                    last_hot = k;
                }
                k += 1;
            }
            runs.push(Run {
                origin,
                buckets: n,
                onset_bucket: b,
                last_bucket: last_hot,
                baseline: median,
                ongoing: k >= n && n - 1 - last_hot < quiet,
            });
            b = last_hot + 1;
        } else {
            b += 1;
        }
    }
    runs
}

/// The median and the scaled median absolute deviation (an estimate of the standard
/// deviation that a few outliers cannot move).
fn median_mad(values: &[usize]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let m = v.len() / 2;
        if v.len().is_multiple_of(2) {
            (v[m - 1] + v[m]) / 2.0
        } else {
            v[m]
        }
    };
    let mut v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
    let m = median(&mut v);
    let mut dev: Vec<f64> = v.iter().map(|x| (x - m).abs()).collect();
    (m, 1.4826 * median(&mut dev))
}

fn distinct(users: impl Iterator<Item = u64>) -> u64 {
    let mut v: Vec<u64> = users.collect();
    v.sort_unstable();
    v.dedup();
    v.len() as u64
}

/// The maps above are keyed by numbers that are hashes already (or small): mixing their
/// words is enough, and much cheaper than SipHash on every successful sign-in.
pub(crate) type Mix = std::hash::BuildHasherDefault<Mixer>;

#[derive(Default)]
pub(crate) struct Mixer(u64);

impl std::hash::Hasher for Mixer {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Fx-style: rotate, xor, multiply by an odd constant.
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// `hash(&classify::user_key(s))` without building the key.
fn user_hash(s: &SignIn<'_>) -> u64 {
    match trimmed(&s.user_principal_name) {
        Some(upn) if upn.bytes().all(|b| !b.is_ascii_uppercase()) && upn.is_ascii() => hash(upn),
        _ => hash(&classify::user_key(s)),
    }
}

/// A sign-in's (device, client, app) context as a number: equal contexts, equal hashes.
fn context_hash(s: &SignIn<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let d = &s.device;
    for v in [
        &d.device_id,
        &d.display_name,
        &d.operating_system,
        &d.trust_type,
        &s.client_app_used,
    ] {
        trimmed(v).hash(&mut h);
    }
    d.is_compliant.hash(&mut h);
    d.is_managed.hash(&mut h);
    trimmed(&s.app_display_name)
        .or_else(|| trimmed(&s.resource_display_name))
        .hash(&mut h);
    h.finish()
}

fn trimmed<'v>(v: &'v Option<std::borrow::Cow<'_, str>>) -> Option<&'v str> {
    v.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn text(v: &Option<std::borrow::Cow<'_, str>>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn time(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// `2026-11-03 09:14 UTC`.
fn clock(secs: i64) -> String {
    time(secs).format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `15 minutes`, `3 hours`, `1 hour 20 minutes`.
pub(crate) fn span_text(secs: i64) -> String {
    let minutes = (secs.max(0) + 59) / 60;
    let mins = |n: i64| i18n::count(n as u64, t::MINUTE, t::MINUTES);
    let hours = |n: i64| i18n::count(n as u64, t::HOUR, t::HOURS);
    if minutes < 60 {
        return mins(minutes.max(1));
    }
    let (h, m) = (minutes / 60, minutes % 60);
    if m == 0 || h >= 6 {
        hours((minutes + 30) / 60)
    } else {
        t::SPAN_HOURS_MINUTES.fill(&[("hours", &hours(h)), ("minutes", &mins(m))])
    }
}

/// The words for one window length in one use: an hour, a day, or so many days, hours
/// or minutes (`{n}`).
struct WindowTexts {
    hour: Tr,
    day: Tr,
    days: Tr,
    hours: Tr,
    minutes: Tr,
}

fn window_text(secs: i64, w: &WindowTexts) -> String {
    let (text, n) = match secs {
        3600 => (w.hour, 1),
        86_400 => (w.day, 1),
        s if s % 86_400 == 0 => (w.days, s / 86_400),
        s if s % 3600 == 0 => (w.hours, s / 3600),
        s => (w.minutes, (s / 60).max(1)),
    };
    text.fill(&[("n", &n)])
}

/// The name of a window: `hour`, `30 minutes`, `24 hours`, `day`.
pub(crate) fn window_name(secs: i64) -> String {
    match secs {
        3600 => t::WINDOW_HOUR.get().to_string(),
        86_400 => t::WINDOW_DAY.get().to_string(),
        s if s % 86_400 == 0 => i18n::count((s / 86_400) as u64, t::DAY, t::DAYS),
        s if s % 3600 == 0 => i18n::count((s / 3600) as u64, t::HOUR, t::HOURS),
        s => i18n::count((s / 60).max(1) as u64, t::MINUTE, t::MINUTES),
    }
}

/// The window as a length: `hour`, `30 minutes` (French: `1 heure`, `30 minutes`).
pub(crate) fn window_length(secs: i64) -> String {
    match secs {
        3600 => t::LENGTH_HOUR.get().to_string(),
        86_400 => t::LENGTH_DAY.get().to_string(),
        s => window_name(s),
    }
}

/// `the first hour`, `the first 30 minutes` (French: `la première heure`).
pub(crate) fn first_window(secs: i64) -> String {
    window_text(
        secs,
        &WindowTexts {
            hour: t::FIRST_HOUR,
            day: t::FIRST_DAY,
            days: t::FIRST_DAYS,
            hours: t::FIRST_HOURS,
            minutes: t::FIRST_MINUTES,
        },
    )
}

/// `the day before`, `the 24 hours before` (French: `la veille`).
pub(crate) fn prior_window(secs: i64) -> String {
    window_text(
        secs,
        &WindowTexts {
            hour: t::PRIOR_HOUR,
            day: t::PRIOR_DAY,
            days: t::PRIOR_DAYS,
            hours: t::PRIOR_HOURS,
            minutes: t::PRIOR_MINUTES,
        },
    )
}

/// `per hour`, `per 30 minutes` (French: `par heure`, `par tranche de 30 minutes`).
pub(crate) fn per_window(secs: i64) -> String {
    window_text(
        secs,
        &WindowTexts {
            hour: t::PER_HOUR,
            day: t::PER_DAY,
            days: t::PER_DAYS,
            hours: t::PER_HOURS,
            minutes: t::PER_MINUTES,
        },
    )
}

/// `within one hour`, `within one 30 minutes` (French: `en une heure`, `en 30 minutes`).
pub(crate) fn within_window(secs: i64) -> String {
    window_text(
        secs,
        &WindowTexts {
            hour: t::WITHIN_HOUR,
            day: t::WITHIN_DAY,
            days: t::WITHIN_DAYS,
            hours: t::WITHIN_HOURS,
            minutes: t::WITHIN_MINUTES,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(at: i64, user: u64) -> (Event, usize) {
        (
            Event {
                at,
                user,
                cause: Cause::Location,
            },
            0,
        )
    }

    const H: i64 = 3600;
    const T0: i64 = 1_793_577_600; // 2026-11-02T00:00:00Z

    #[test]
    fn a_sudden_rise_after_quiet_history_is_an_onset() {
        // One user blocked now and then for a day, then 8 users within an hour.
        let mut events: Vec<(Event, usize)> = (0..6).map(|i| ev(T0 + i * 4 * H, 1)).collect();
        let onset = T0 + 33 * H + 14 * 60;
        events.extend((0..8).map(|u| ev(onset + u * 300, 100 + u as u64)));
        events.extend((0..4).map(|u| ev(onset + 3 * H + u * 60, 200 + u as u64)));
        let runs = find_incidents(&mut events, (T0, T0 + 40 * H), H);
        assert_eq!(runs.len(), 1, "{runs:?}");
        let r = &runs[0];
        assert_eq!(r.origin + r.onset_bucket as i64 * H, T0 + 33 * H);
        assert_eq!(r.baseline, 0.0);
        assert!(r.ongoing, "the export ends 3 hours later: {r:?}");
    }

    #[test]
    fn steady_blocking_and_small_noise_are_not_onsets() {
        // Three users every hour for two days: the policy's normal work.
        let mut steady: Vec<(Event, usize)> = (0..48)
            .flat_map(|h| (0..3).map(move |u| ev(T0 + h * H + u * 60, u as u64)))
            .collect();
        assert!(find_incidents(&mut steady, (T0, T0 + 48 * H), H).is_empty());
        // Two users at once after a quiet day: too few to call.
        let mut small = vec![ev(T0 + 30 * H, 1), ev(T0 + 30 * H + 60, 2)];
        assert!(find_incidents(&mut small, (T0, T0 + 48 * H), H).is_empty());
    }

    /// `per_hour(day, hour)` distinct users blocked in each hour of `days` days.
    fn series(days: i64, per_hour: impl Fn(i64, i64) -> u64) -> Vec<(Event, usize)> {
        let mut out = Vec::new();
        for d in 0..days {
            for h in 0..24 {
                for u in 0..per_hour(d, h) {
                    out.push(ev(T0 + (d * 24 + h) * H + u as i64 * 30, u));
                }
            }
        }
        out
    }

    #[test]
    fn working_hours_weekends_and_mondays_are_not_onsets() {
        // Ten users an hour from 09:00 to 17:00 on weekdays, none at night or at weekends
        // (T0 is a Monday), and a busier Monday after the weekend.
        let workday = |d: i64, h: i64| (d % 7 < 5 && (9..17).contains(&h)) as u64 * 10;
        let mut weeks = series(15, |d, h| {
            if d == 14 {
                workday(d, h) + 3
            } else {
                workday(d, h)
            }
        });
        let runs = find_incidents(&mut weeks, (T0, T0 + 15 * 24 * H), H);
        assert!(runs.is_empty(), "{runs:?}");
        // The same weeks with a policy change on day 9: forty users an hour from 10:00.
        let mut changed = series(11, |d, h| {
            workday(d, h) + if d == 9 && h >= 10 { 30 } else { 0 }
        });
        let runs = find_incidents(&mut changed, (T0, T0 + 11 * 24 * H), H);
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert_eq!(
            runs[0].origin + runs[0].onset_bucket as i64 * H,
            T0 + (9 * 24 + 10) * H
        );
    }

    #[test]
    fn a_rise_at_the_very_start_of_the_export_is_not_called_an_onset() {
        // The export begins with the burst: it may have been going on for days.
        let mut events: Vec<(Event, usize)> = (0..10).map(|u| ev(T0 + u * 60, u as u64)).collect();
        assert!(find_incidents(&mut events, (T0, T0 + 30 * H), H).is_empty());
    }

    #[test]
    fn an_incident_that_stops_is_not_ongoing() {
        let mut events: Vec<(Event, usize)> =
            (0..6).map(|u| ev(T0 + 30 * H + u * 60, u as u64)).collect();
        let runs = find_incidents(&mut events, (T0, T0 + 96 * H), H);
        assert_eq!(runs.len(), 1);
        assert!(!runs[0].ongoing, "{runs:?}");
        assert_eq!(runs[0].last_bucket, runs[0].onset_bucket);
    }

    #[test]
    fn median_and_mad_resist_outliers() {
        let (m, s) = median_mad(&[1, 1, 2, 1, 40, 1]);
        assert_eq!(m, 1.0);
        assert_eq!(s, 0.0);
        let (m, s) = median_mad(&[2, 4, 4, 6]);
        assert_eq!(m, 4.0);
        assert!((s - 1.4826).abs() < 1e-9, "{s}");
    }

    fn seen(at: i64) -> BlockSeen {
        BlockSeen {
            at: Some(at),
            key: 0,
            country: None,
            device: DeviceSeen::default(),
            client: None,
            app: Some("Outlook".into()),
            cause: Cause::ClientApp,
        }
    }

    #[test]
    fn retry_storms_need_many_blocks_close_together() {
        let storm: Vec<BlockSeen> = (0..12).map(|i| seen(T0 + i * 120)).collect();
        let f = retry_storm(&storm).expect("12 blocks in 22 minutes");
        assert_eq!(f.kind, FindingKind::RetryStorm);
        assert!(
            f.detail.starts_with("12 blocked attempts in 22 minutes"),
            "{}",
            f.detail
        );
        let spread: Vec<BlockSeen> = (0..12).map(|i| seen(T0 + i * 2 * H)).collect();
        assert!(retry_storm(&spread).is_none());
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span_text(15 * 60), "15 minutes");
        assert_eq!(span_text(60), "1 minute");
        assert_eq!(span_text(80 * 60), "1 hour 20 minutes");
        assert_eq!(span_text(7 * H + 10), "7 hours");
        assert_eq!(window_name(H), "hour");
        assert_eq!(window_name(24 * H), "day");
        assert_eq!(window_name(30 * 60), "30 minutes");
    }

    // ---- resolution and pattern ------------------------------------------------------

    /// A sign-in of `user` to Outlook at `at`: `code` 0 or 53003, on a Windows laptop
    /// (compliant or not) with `client`, from `country`.
    fn signin(at: i64, code: i64, compliant: bool, client: &str, country: &str) -> SignIn<'static> {
        let mut s = SignIn {
            id: Some(format!("req-{at}-{code}").into()),
            created: Some(time(at)),
            user_principal_name: Some("pat@contoso.com".into()),
            app_display_name: Some("Outlook".into()),
            client_app_used: Some(client.to_string().into()),
            country: Some(country.to_string().into()),
            error_code: Some(code),
            ..SignIn::default()
        };
        s.device.device_id = Some("dev-1".into());
        s.device.operating_system = Some("Windows10".into());
        s.device.is_compliant = Some(compliant);
        s
    }

    /// Feeds the records to a collector (blocks as diagnosed) and returns pat's result.
    fn resolve(records: &[SignIn<'static>]) -> Resolution {
        let mut i = Insights::new(H);
        for s in records {
            i.observe(s);
            if s.error_code == Some(53003) {
                let mut d = crate::classify::classify(s).expect("a block");
                d.cause = Cause::DeviceState;
                i.block(s, &d);
            }
        }
        let mut done = i.finish();
        done.resolutions
            .remove("pat@contoso.com")
            .expect("pat was blocked")
    }

    const MODERN: &str = "Mobile Apps and Desktop clients";

    #[test]
    fn a_later_success_to_the_same_app_resolves_and_says_what_changed() {
        let r = resolve(&[
            signin(T0, 53003, false, MODERN, "US"),
            signin(T0 + 2 * H, 0, true, MODERN, "US"),
        ]);
        let a = &r.apps[0];
        assert_eq!(a.status, Status::Resolved);
        assert_eq!(a.resolved_at, Some(time(T0 + 2 * H)));
        assert_eq!(a.changed, ["compliant_now"]);
        assert!(
            a.detail.ends_with("so the block no longer applies"),
            "{}",
            a.detail
        );
        assert_eq!(r.pattern.kind, PatternKind::Structural);
    }

    #[test]
    fn a_success_before_the_block_only_is_still_blocked_never_resolved() {
        let r = resolve(&[
            signin(T0, 0, true, MODERN, "US"),
            signin(T0 + 5 * H, 53003, false, MODERN, "US"),
            // Another user's record sets where the export ends.
            SignIn {
                user_principal_name: Some("other@contoso.com".into()),
                ..signin(T0 + 5 * H + 600, 0, true, MODERN, "US")
            },
        ]);
        let a = &r.apps[0];
        assert_eq!(a.status, Status::StillBlocked);
        assert_eq!(a.resolved_at, None);
        assert_eq!(a.as_of, Some(time(T0 + 5 * H + 600)));
        assert!(a.ends_right_after, "10 minutes: too soon to tell");
    }

    #[test]
    fn blocked_again_after_a_success_is_recurring_and_a_success_in_the_same_context_transient() {
        let r = resolve(&[
            signin(T0, 53003, true, MODERN, "US"),
            signin(T0 + H, 0, true, MODERN, "US"),
            signin(T0 + 3 * H, 53003, true, MODERN, "US"),
        ]);
        assert_eq!(r.apps[0].status, Status::Recurring);
        assert_eq!(r.apps[0].blocked_again, 1);
        assert_eq!(r.pattern.kind, PatternKind::Transient);
        assert_eq!(r.pattern.transient_blocks, 2);
        assert!(
            r.hint().starts_with("Recurring: blocked again"),
            "{}",
            r.hint()
        );
    }

    #[test]
    fn blocks_in_contexts_that_did_and_did_not_succeed_are_mixed() {
        let r = resolve(&[
            // US: in, then blocked, never in again there (a context that stopped working).
            signin(T0, 0, true, MODERN, "US"),
            signin(T0 + H, 53003, true, MODERN, "US"),
            // BR: blocked, then in from the same context (the block passed).
            signin(T0 + 2 * H, 53003, true, MODERN, "BR"),
            signin(T0 + 3 * H, 0, true, MODERN, "BR"),
        ]);
        // The last success (from BR) resolves the app.
        assert_eq!(r.apps[0].status, Status::Resolved);
        assert_eq!(r.apps[0].changed, ["nothing_visible"]);
        assert_eq!(r.pattern.kind, PatternKind::Mixed);
        let p = &r.pattern;
        assert_eq!(
            (p.structural_blocks, p.transient_blocks, p.previously_worked),
            (1, 1, 1)
        );
        assert_eq!(p.contexts, 2);
    }

    #[test]
    fn a_context_that_worked_only_before_its_blocks_is_structural() {
        // A rule rolled out between the success and the blocks: retries will not help.
        let r = resolve(&[
            signin(T0, 0, true, MODERN, "US"),
            signin(T0 + H, 53003, true, MODERN, "US"),
            signin(T0 + 2 * H, 53003, true, "Exchange ActiveSync", "US"),
        ]);
        assert_eq!(r.pattern.kind, PatternKind::Structural);
        assert_eq!(r.pattern.previously_worked, 1);
        assert!(
            r.pattern.detail.contains("had got in before"),
            "{}",
            r.pattern.detail
        );
        assert_eq!(r.apps[0].status, Status::StillBlocked);
    }

    #[test]
    fn a_modern_client_after_a_legacy_block_is_named() {
        let r = resolve(&[
            signin(T0, 53003, true, "Exchange ActiveSync", "US"),
            signin(T0 + H, 0, true, MODERN, "DE"),
        ]);
        assert_eq!(r.apps[0].changed, ["modern_client", "other_country"]);
        assert!(
            r.apps[0]
                .detail
                .contains("the blocked context itself may still be blocked")
        );
    }

    #[test]
    fn blocks_without_a_time_cannot_tell() {
        let mut s = signin(T0, 53003, false, MODERN, "US");
        s.created = None;
        let r = resolve(&[s, signin(T0 + H, 0, true, MODERN, "US")]);
        assert_eq!(r.apps[0].status, Status::Unknown);
        assert!(
            r.apps[0].detail.starts_with("cannot tell"),
            "{}",
            r.apps[0].detail
        );
    }

    #[test]
    fn a_success_without_a_time_after_the_last_block_cannot_be_ruled_out() {
        let mut untimed = signin(T0 + H, 0, true, MODERN, "US");
        untimed.created = None;
        let r = resolve(&[signin(T0, 53003, false, MODERN, "US"), untimed]);
        assert_eq!(r.apps[0].status, Status::Unknown);
        assert!(
            r.apps[0]
                .detail
                .contains("1 successful sign-in to Outlook carries no readable time"),
            "{}",
            r.apps[0].detail
        );
    }

    // ---- French ------------------------------------------------------------------------

    use crate::i18n::{Lang, with_lang};

    /// The records fed to a collector (blocks as diagnosed, cause device_state).
    fn collect(records: &[SignIn<'static>]) -> Insight {
        let mut i = Insights::new(H);
        for s in records {
            i.observe(s);
            if s.error_code == Some(53003) {
                let mut d = crate::classify::classify(s).expect("a block");
                d.cause = Cause::DeviceState;
                i.block(s, &d);
            }
        }
        i.finish()
    }

    #[test]
    fn french_durations_and_windows_agree_in_gender_and_number() {
        with_lang(Lang::Fr, || {
            assert_eq!(span_text(80 * 60), "1 heure et 20 minutes");
            assert_eq!(span_text(7 * H + 10), "7 heures");
            assert_eq!(span_text(60), "1 minute");
            assert_eq!(first_window(H), "la première heure");
            assert_eq!(first_window(30 * 60), "les 30 premières minutes");
            assert_eq!(first_window(2 * 24 * H), "les 2 premiers jours");
            assert_eq!(prior_window(24 * H), "la veille");
            assert_eq!(prior_window(36 * H), "les 36 heures précédentes");
            assert_eq!(per_window(30 * 60), "par tranche de 30 minutes");
            assert_eq!(within_window(H), "en une heure");
            assert_eq!(window_length(H), "1 heure");
        });
        // The English these replace.
        assert_eq!(first_window(30 * 60), "the first 30 minutes");
        assert_eq!(prior_window(24 * H), "the day before");
        assert_eq!(within_window(30 * 60), "within one 30 minutes");
        assert_eq!(window_length(H), "hour");
    }

    #[test]
    fn french_status_hint_and_details() {
        with_lang(Lang::Fr, || {
            let r = resolve(&[
                signin(T0, 53003, false, MODERN, "US"),
                signin(T0 + 2 * H, 0, true, MODERN, "US"),
            ]);
            assert_eq!(
                r.apps[0].detail,
                "bloqué une fois le 2026-11-02 00:00 UTC ; connexion réussie à Outlook le \
                 2026-11-02 02:00 UTC, le même appareil est désormais conforme, le blocage ne \
                 s'applique donc plus"
            );
            assert_eq!(
                r.hint(),
                "Résolu : accès rétabli le 11-02 02:00 (conforme désormais). Structurel :"
            );
            assert!(
                r.pattern
                    .detail
                    .starts_with("le blocage vient d'un seul contexte (appareil, client"),
                "{}",
                r.pattern.detail
            );

            let r = resolve(&[
                signin(T0, 53003, true, MODERN, "US"),
                signin(T0 + H, 0, true, MODERN, "US"),
                signin(T0 + 3 * H, 53003, true, MODERN, "US"),
            ]);
            assert_eq!(
                r.hint(),
                "Récurrent : de nouveau bloqué après une connexion réussie (Outlook). Transitoire \
                 (une nouvelle tentative peut réussir) :"
            );
            assert!(
                r.apps[0].detail.starts_with(
                    "bloqué 2 fois du 2026-11-02 00:00 UTC au 2026-11-02 03:00 UTC ; le blocage \
                     est revenu une fois après une connexion réussie ; aucune connexion réussie \
                     à Outlook après le dernier blocage"
                ),
                "{}",
                r.apps[0].detail
            );
            assert!(
                r.pattern
                    .detail
                    .starts_with("les deux blocages viennent d'un contexte")
            );

            let mut untimed = signin(T0, 53003, false, MODERN, "US");
            untimed.created = None;
            let r = resolve(&[untimed]);
            assert_eq!(
                r.apps[0].detail,
                "impossible de savoir : 1 connexion bloquée à Outlook n'a pas d'heure lisible"
            );
            assert_eq!(
                r.hint(),
                "État inconnu (Outlook) : heures manquantes. Structurel :"
            );
        });
    }

    #[test]
    fn french_travel_and_retry_storm_findings() {
        with_lang(Lang::Fr, || {
            let done = collect(&[
                signin(T0, 0, true, MODERN, "PT"),
                signin(T0 + 15 * 60, 53003, true, MODERN, "BR"),
            ]);
            let found = &done.findings["pat@contoso.com"];
            let travel = found
                .iter()
                .find(|f| f.kind == FindingKind::TravelOrVpn)
                .expect("travel");
            assert_eq!(
                travel.hint,
                "Connexion réussie depuis PT 15 minutes plus tôt : VPN ou voyage ?"
            );
            assert_eq!(
                travel.detail,
                "connexion bloquée depuis BR le 2026-11-02 00:15 UTC, alors qu'une connexion \
                 depuis PT a réussi le 2026-11-02 00:00 UTC (15 minutes plus tôt)"
            );
            assert!(
                travel
                    .advice
                    .starts_with("demandez à l'utilisateur où il se trouvait : ")
                    && travel.advice.ends_with(
                        " ; les deux connexions sont trop rapprochées pour un déplacement"
                    ),
                "{}",
                travel.advice
            );

            let storm: Vec<BlockSeen> = (0..12).map(|i| seen(T0 + i * 120)).collect();
            let f = retry_storm(&storm).expect("a storm");
            assert_eq!(
                f.hint,
                "12 tentatives en 22 minutes : un client qui réessaie."
            );
            assert_eq!(
                f.detail,
                "12 tentatives bloquées en 22 minutes (du 2026-11-02 00:00 UTC au 2026-11-02 \
                 00:22 UTC), surtout vers Outlook : un client ou un script qui réessaie tout seul"
            );
        });
    }

    #[test]
    fn french_incident_texts() {
        let incident = |kind, key: &str| Incident {
            kind,
            key: key.to_string(),
            onset: time(T0 + 33 * H + 14 * 60),
            first_window_users: 7,
            first_window_blocks: 9,
            before_users: 0,
            before_blocks: 0,
            before_secs: 24 * H,
            baseline_users_per_bucket: 0.0,
            users: 8,
            blocks: 10,
            until: time(T0 + 35 * H),
            ongoing: false,
            causes: vec![(Cause::Location, 10)],
            policies: vec![("CA035".to_string(), 10)],
            bucket_secs: H,
            timeline: vec![
                Slot {
                    start: time(T0 + 32 * H),
                    users: 0,
                    blocks: 0,
                    onset: false,
                },
                Slot {
                    start: time(T0 + 33 * H),
                    users: 7,
                    blocks: 9,
                    onset: true,
                },
            ],
        };
        with_lang(Lang::Fr, || {
            let cause = incident(IncidentKind::Cause, "location");
            assert_eq!(
                cause.headline(),
                "Les blocages pour la cause location ont commencé le 2026-11-03 09:14 UTC : 7 \
                 utilisateurs dans la première heure, 0 la veille."
            );
            assert!(
                cause.detail().starts_with(
                    "8 utilisateurs et 10 connexions bloquées depuis, dernier blocage le \
                     2026-11-03 11:00 UTC ; stratégies : CA035 (10). Cherchez une modification"
                ),
                "{}",
                cause.detail()
            );
            assert_eq!(
                cause.timeline_text(),
                "Utilisateurs bloqués par heure (le début entre crochets) à partir du \
                 2026-11-03 08:00 UTC : 0 [7]"
            );
            let policy = incident(IncidentKind::Policy, "CA035 - Block untrusted networks");
            assert!(
                policy.headline().starts_with(
                    "« CA035 - Block untrusted networks » a commencé à bloquer le 2026-11-03"
                ),
                "{}",
                policy.headline()
            );
            let unnamed = incident(IncidentKind::Policy, NO_POLICY);
            assert!(
                unnamed
                    .headline()
                    .starts_with("Les blocages sans stratégie nommée ont commencé le 2026-11-03"),
                "{}",
                unnamed.headline()
            );
        });
        // English keeps its words.
        let policy = incident(IncidentKind::Policy, "CA035");
        assert_eq!(
            policy.headline(),
            "CA035 began at 2026-11-03 09:14 UTC: 7 users in the first hour, 0 the day before."
        );
    }

    #[test]
    fn success_runs_stay_one_per_hour_and_context_in_any_order() {
        let mut i = Insights::new(H);
        // Newest first, as Graph exports are: three in one hour, then one the hour before.
        for at in [
            T0 + H + 50 * 60,
            T0 + H + 10 * 60,
            T0 + H + 5 * 60,
            T0 + 30 * 60,
        ] {
            i.observe(&signin(at, 0, true, MODERN, "US"));
        }
        let runs: Vec<SuccessRun> = i.app_successes.values().next().unwrap().clone();
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(
            (i64::from(runs[0].first), i64::from(runs[0].last)),
            (T0 + H + 5 * 60, T0 + H + 50 * 60)
        );
    }
}
