//! The vocabulary shared by every stage: the normalized sign-in record, the applied
//! Conditional Access policy, the closed set of causes and the diagnosis. No I/O here.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The error code of a sign-in that Conditional Access blocked outright.
pub(crate) const BLOCKED_BY_CONDITIONAL_ACCESS: i64 = 53003;

/// One sign-in, normalized from whatever export shape it came in. Strings borrow from the
/// input buffer where they can; the record lives only while it is being classified.
#[derive(Debug, Default, Clone)]
pub(crate) struct SignIn<'a> {
    /// The request id (the error page's "Request Id").
    pub id: Option<Cow<'a, str>>,
    pub correlation_id: Option<Cow<'a, str>>,
    /// `None` when missing or unreadable.
    pub created: Option<DateTime<Utc>>,
    pub user_principal_name: Option<Cow<'a, str>>,
    pub user_display_name: Option<Cow<'a, str>>,
    pub user_id: Option<Cow<'a, str>>,
    pub user_type: Option<Cow<'a, str>>,
    pub app_display_name: Option<Cow<'a, str>>,
    /// `appId`: the application's client id (what a policy's includeApplications lists).
    pub app_id: Option<Cow<'a, str>>,
    pub resource_display_name: Option<Cow<'a, str>>,
    /// `resourceId`: the resource the token was for (Conditional Access targets it).
    pub resource_id: Option<Cow<'a, str>>,
    pub ip_address: Option<Cow<'a, str>>,
    pub city: Option<Cow<'a, str>>,
    pub country: Option<Cow<'a, str>>,
    pub client_app_used: Option<Cow<'a, str>>,
    pub user_agent: Option<Cow<'a, str>>,
    pub is_interactive: Option<bool>,
    pub device: Device<'a>,
    pub error_code: Option<i64>,
    pub conditional_access_status: Option<Cow<'a, str>>,
    /// `None` when the export has no policy list at all (not the same as an empty list).
    pub policies: Option<Vec<AppliedPolicy<'a>>>,
    /// `None` when the export does not carry named-network details (Graph v1.0).
    pub network_locations: Option<Vec<NetworkLocation<'a>>>,
    /// Only `error_code` was read: the consumer said the rest could not matter (see
    /// `classify::could_matter`), so the loader skipped the full parse.
    pub skimmed: bool,
    pub risk_level_during_sign_in: Option<Cow<'a, str>>,
    pub risk_level_aggregated: Option<Cow<'a, str>>,
    pub risk_state: Option<Cow<'a, str>>,
    pub risk_detail: Option<Cow<'a, str>>,
    pub risk_event_types: Vec<Cow<'a, str>>,
    pub authentication_protocol: Option<Cow<'a, str>>,
    pub original_transfer_method: Option<Cow<'a, str>>,
}

fn own(v: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    v.map(|c| Cow::Owned(c.into_owned()))
}

impl<'a> SignIn<'a> {
    /// Fills the fields this record lacks from another copy of the same sign-in (the
    /// diagnostic envelope around it, or another row of a split Log Analytics export).
    pub(crate) fn fill_from(&mut self, other: SignIn<'a>) {
        macro_rules! fill {
            ($($f:ident),*) => { $( if self.$f.is_none() { self.$f = other.$f; } )* };
        }
        fill!(
            id,
            correlation_id,
            created,
            user_principal_name,
            user_display_name,
            user_id,
            user_type,
            app_display_name,
            app_id,
            resource_display_name,
            resource_id,
            ip_address,
            city,
            country,
            client_app_used,
            user_agent,
            is_interactive,
            error_code,
            conditional_access_status,
            policies,
            network_locations,
            risk_level_during_sign_in,
            risk_level_aggregated,
            risk_state,
            risk_detail,
            authentication_protocol,
            original_transfer_method
        );
        if self.risk_event_types.is_empty() {
            self.risk_event_types = other.risk_event_types;
        }
        let (d, o) = (&mut self.device, other.device);
        macro_rules! fill_device {
            ($($f:ident),*) => { $( if d.$f.is_none() { d.$f = o.$f; } )* };
        }
        fill_device!(
            device_id,
            display_name,
            operating_system,
            browser,
            is_compliant,
            is_managed,
            trust_type
        );
    }

    /// Adds the policies of another row of the same sign-in (Log Analytics splits a
    /// sign-in over rows, one policy each, after `mv-expand`). Returns whether the row
    /// added a policy; a row that adds none is a plain duplicate.
    pub(crate) fn merge_row(&mut self, other: SignIn<'a>) -> bool {
        let mut other = other;
        let mut added = false;
        if let Some(more) = other.policies.take() {
            let list = self.policies.get_or_insert_with(Vec::new);
            for p in more {
                let seen = list.iter().any(|q| {
                    q.id == p.id && q.display_name == p.display_name && q.result == p.result
                });
                if !seen {
                    list.push(p);
                    added = true;
                }
            }
        }
        self.fill_from(other);
        added
    }

    /// A copy that borrows nothing, to keep past the input buffer.
    pub(crate) fn into_owned(self) -> SignIn<'static> {
        SignIn {
            id: own(self.id),
            correlation_id: own(self.correlation_id),
            created: self.created,
            user_principal_name: own(self.user_principal_name),
            user_display_name: own(self.user_display_name),
            user_id: own(self.user_id),
            user_type: own(self.user_type),
            app_display_name: own(self.app_display_name),
            app_id: own(self.app_id),
            resource_display_name: own(self.resource_display_name),
            resource_id: own(self.resource_id),
            ip_address: own(self.ip_address),
            city: own(self.city),
            country: own(self.country),
            client_app_used: own(self.client_app_used),
            user_agent: own(self.user_agent),
            is_interactive: self.is_interactive,
            device: Device {
                device_id: own(self.device.device_id),
                display_name: own(self.device.display_name),
                operating_system: own(self.device.operating_system),
                browser: own(self.device.browser),
                is_compliant: self.device.is_compliant,
                is_managed: self.device.is_managed,
                trust_type: own(self.device.trust_type),
            },
            error_code: self.error_code,
            conditional_access_status: own(self.conditional_access_status),
            policies: self.policies.map(|list| {
                list.into_iter()
                    .map(|p| AppliedPolicy {
                        id: own(p.id),
                        display_name: own(p.display_name),
                        result: own(p.result),
                        grant_controls: p
                            .grant_controls
                            .into_iter()
                            .map(|g| Cow::Owned(g.into_owned()))
                            .collect(),
                        conditions_satisfied: p.conditions_satisfied,
                        include_rules: p
                            .include_rules
                            .into_iter()
                            .map(|(c, r)| (Cow::Owned(c.into_owned()), Cow::Owned(r.into_owned())))
                            .collect(),
                    })
                    .collect()
            }),
            network_locations: self.network_locations.map(|list| {
                list.into_iter()
                    .map(|n| NetworkLocation {
                        network_type: own(n.network_type),
                        names: n
                            .names
                            .into_iter()
                            .map(|x| Cow::Owned(x.into_owned()))
                            .collect(),
                    })
                    .collect()
            }),
            risk_level_during_sign_in: own(self.risk_level_during_sign_in),
            risk_level_aggregated: own(self.risk_level_aggregated),
            risk_state: own(self.risk_state),
            risk_detail: own(self.risk_detail),
            risk_event_types: self
                .risk_event_types
                .into_iter()
                .map(|x| Cow::Owned(x.into_owned()))
                .collect(),
            authentication_protocol: own(self.authentication_protocol),
            original_transfer_method: own(self.original_transfer_method),
            skimmed: self.skimmed,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Device<'a> {
    pub device_id: Option<Cow<'a, str>>,
    pub display_name: Option<Cow<'a, str>>,
    pub operating_system: Option<Cow<'a, str>>,
    pub browser: Option<Cow<'a, str>>,
    pub is_compliant: Option<bool>,
    pub is_managed: Option<bool>,
    /// Display strings such as "Azure AD joined"; empty when the device is unregistered.
    pub trust_type: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct AppliedPolicy<'a> {
    pub id: Option<Cow<'a, str>>,
    pub display_name: Option<Cow<'a, str>>,
    pub result: Option<Cow<'a, str>>,
    pub grant_controls: Vec<Cow<'a, str>>,
    /// `None` when the export does not record conditions (Graph v1.0).
    pub conditions_satisfied: Option<Conditions>,
    /// `(condition, rule)` pairs from beta's `includeRulesSatisfied`.
    pub include_rules: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl AppliedPolicy<'_> {
    pub(crate) fn result_is(&self, want: &str) -> bool {
        self.result
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case(want))
    }

    pub(crate) fn has_grant(&self, want: &str) -> bool {
        self.grant_controls
            .iter()
            .any(|g| g.trim().eq_ignore_ascii_case(want))
    }

    /// The name to show: the display name, else the id, else a placeholder.
    pub(crate) fn label(&self) -> &str {
        self.display_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or(self.id.as_deref())
            .unwrap_or("(unnamed policy)")
    }
}

#[derive(Debug, Clone)]
pub(crate) struct NetworkLocation<'a> {
    pub network_type: Option<Cow<'a, str>>,
    pub names: Vec<Cow<'a, str>>,
}

/// The `conditionalAccessConditions` flags a policy matched, as a bitmask with the
/// values the diagnostic-settings export uses (reference §0.3).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Conditions(pub u64);

impl Conditions {
    /// Flag names in bit order; bit `i` has the value `1 << (i - 1)`, `none` is 0.
    pub(crate) const NAMES: [(&'static str, u64); 17] = [
        ("application", 1),
        ("users", 2),
        ("devicePlatform", 4),
        ("location", 8),
        ("clientType", 16),
        ("signInRisk", 32),
        ("userRisk", 64),
        ("time", 128),
        ("deviceState", 256),
        ("client", 512),
        ("ipAddressSeenByAzureAD", 1024),
        ("ipAddressSeenByResourceProvider", 2048),
        ("unknownFutureValue", 4096),
        ("servicePrincipals", 8192),
        ("servicePrincipalRisk", 16384),
        ("authenticationFlows", 32768),
        ("insiderRisk", 65536),
    ];

    /// Parses beta's comma-separated list (`"application,users,location"`). Unknown names
    /// are folded into `unknownFutureValue`: some condition newer than this table.
    pub(crate) fn from_names(list: &str) -> Conditions {
        let mut bits = 0;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name.eq_ignore_ascii_case("none") {
                continue;
            }
            bits |= Self::NAMES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map_or(4096, |&(_, bit)| bit);
        }
        Conditions(bits)
    }

    pub(crate) fn contains(self, name: &str) -> bool {
        Self::NAMES
            .iter()
            .any(|&(n, bit)| n == name && self.0 & bit != 0)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Flag names in bit order; bits beyond the table are shown as numbers.
    pub(crate) fn names(self) -> Vec<String> {
        let mut out: Vec<String> = Self::NAMES
            .iter()
            .filter(|&&(_, bit)| self.0 & bit != 0)
            .map(|&(n, _)| n.to_string())
            .collect();
        let known: u64 = Self::NAMES.iter().map(|&(_, b)| b).sum();
        if self.0 & !known != 0 {
            out.push(format!("bits {:#x}", self.0 & !known));
        }
        out
    }
}

/// Why a sign-in was blocked. The string forms are a contract (DESIGN.md): never rename.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Cause {
    Location,
    DeviceState,
    DevicePlatform,
    ClientApp,
    Risk,
    AuthFlow,
    PolicyScope,
    Unknown,
}

impl Cause {
    #[cfg(test)]
    pub(crate) const ALL: [Cause; 8] = [
        Cause::Location,
        Cause::DeviceState,
        Cause::DevicePlatform,
        Cause::ClientApp,
        Cause::Risk,
        Cause::AuthFlow,
        Cause::PolicyScope,
        Cause::Unknown,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Cause::Location => "location",
            Cause::DeviceState => "device_state",
            Cause::DevicePlatform => "device_platform",
            Cause::ClientApp => "client_app",
            Cause::Risk => "risk",
            Cause::AuthFlow => "auth_flow",
            Cause::PolicyScope => "policy_scope",
            Cause::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(
    Debug,
    Default,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Confidence {
    #[default]
    Low,
    Medium,
    High,
}

impl Confidence {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// A policy named in a diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct PolicyRef {
    pub id: Option<String>,
    pub name: String,
}

/// The diagnosis of one blocked sign-in. Owns its strings: it outlives the record.
/// (Serializable so a large report can keep its failures in a temporary file.)
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Diagnosis {
    pub request_id: Option<String>,
    pub correlation_id: Option<String>,
    pub time: Option<DateTime<Utc>>,
    pub user: String,
    pub app: Option<String>,
    pub resource: Option<String>,
    pub ip: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    /// `clientAppUsed` and the device's operating system, for the remediation text.
    pub client_app: Option<String>,
    pub os: Option<String>,
    pub cause: Cause,
    /// Every contributing cause, the primary one first.
    pub causes: Vec<Cause>,
    pub confidence: Confidence,
    pub detail: String,
    pub policies: Vec<PolicyRef>,
    pub evidence: Vec<String>,
    /// Which remediation texts apply (see fixes.rs).
    pub fix: crate::fixes::FixKey,
    /// The blocking policies carried no detail at all (no policy list, or an empty one).
    pub no_policy_details: bool,
    /// The export has no policy list at all (the portal's CSV download), as opposed to an
    /// empty one (an export made without permission to read policies).
    pub no_policy_list: bool,
    /// The record carried no condition data (Graph v1.0 and the like): causes are inferred.
    pub no_condition_data: bool,
    /// Report-only policies that would also have blocked this sign-in.
    pub report_only: Vec<String>,
    /// The replay against exported policies (`--policies`); `None` without them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replay: Option<crate::replay::Replay>,
}

/// A 53003 sign-in blocked by "CA030 - Block untrusted IP" (a failed `Block` policy with
/// `conds` satisfied), for the unit tests of the aggregation and the renderers.
#[cfg(test)]
pub(crate) fn blocked_for_tests(
    id: &str,
    user: &str,
    time: &str,
    country: &str,
    conds: &str,
) -> SignIn<'static> {
    SignIn {
        id: Some(id.to_string().into()),
        user_principal_name: Some(user.to_string().into()),
        created: parse_time(time),
        error_code: Some(53003),
        country: Some(country.to_string().into()),
        policies: Some(vec![AppliedPolicy {
            display_name: Some("CA030 - Block untrusted IP".into()),
            result: Some("failure".into()),
            grant_controls: vec!["Block".into()],
            conditions_satisfied: Some(Conditions::from_names(conds)),
            ..AppliedPolicy::default()
        }]),
        ..SignIn::default()
    }
}

/// Parses the timestamps exports use: RFC 3339 with 0–7 fraction digits and `Z` or an
/// offset, the OAuth error's `2016-01-09 02:02:12Z`, and zone-less ISO (taken as UTC,
/// which is what the portal writes).
pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    let spaced = t.replacen(' ', "T", 1);
    if let Ok(dt) = DateTime::parse_from_rfc3339(&spaced) {
        return Some(dt.with_timezone(&Utc));
    }
    let bare = spaced.trim_end_matches('Z');
    if let Ok(n) = NaiveDateTime::parse_from_str(bare, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(n.and_utc());
    }
    parse_locale_time(t)
}

/// Log Analytics' CSV export writes `3/14/2025, 11:40:12.123 AM`; files re-saved by a
/// spreadsheet have `14/03/2025 11:40:12` or `03/14/2025 11:40`. Month first unless the
/// first number cannot be a month. All are UTC (the column names say so).
fn parse_locale_time(t: &str) -> Option<DateTime<Utc>> {
    let (date, time) = t.split_once([',', ' '])?;
    let mut parts = date.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let (a_num, b_num) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
    let (month, day) = if a_num > 12 {
        (b_num, a_num)
    } else {
        (a_num, b_num)
    };
    let date = NaiveDate::from_ymd_opt(y.trim().parse().ok()?, month, day)?;
    let time = time.trim().trim_start_matches(',').trim();
    let upper = time.to_ascii_uppercase();
    let (clock, pm) = match upper.strip_suffix("PM").or(upper.strip_suffix("AM")) {
        Some(c) => (c.trim().to_string(), Some(upper.ends_with("PM"))),
        None => (upper.clone(), None),
    };
    let formats = ["%H:%M:%S%.f", "%H:%M"];
    let clock = formats
        .iter()
        .find_map(|f| chrono::NaiveTime::parse_from_str(&clock, f).ok())?;
    let clock = match pm {
        // 12:xx AM is just after midnight; 12:xx PM just after noon.
        Some(pm) => {
            use chrono::Timelike;
            let h = clock.hour() % 12 + if pm { 12 } else { 0 };
            clock.with_hour(h)?
        }
        None => clock,
    };
    Some(date.and_time(clock).and_utc())
}

/// A `--since`/`--until` value before it meets a clock: a point in time, or a span back
/// from whenever the query runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeBound {
    At(DateTime<Utc>),
    Ago(chrono::Duration),
}

/// Parses a `--since`/`--until` value: RFC 3339, a date (`2026-11-01`, midnight UTC),
/// or a span back from now (`90m`, `24h`, `7d`, `2w`).
pub(crate) fn parse_time_bound_spec(text: &str) -> Result<TimeBound, String> {
    let t = text.trim();
    if let Some(dt) = parse_time(t) {
        return Ok(TimeBound::At(dt));
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(TimeBound::At(
            d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc(),
        ));
    }
    let minutes = span_minutes(t).ok_or_else(|| bad_bound(text))?;
    chrono::Duration::try_minutes(minutes)
        .map(TimeBound::Ago)
        .ok_or_else(|| bad_bound(text))
}

/// `90m`, `24h`, `7d`, `2w` (and the words) as minutes.
fn span_minutes(t: &str) -> Option<i64> {
    let t = t.trim();
    let (num, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: i64 = num.parse().ok()?;
    Some(match unit.trim() {
        "m" | "min" | "mins" | "minute" | "minutes" => n,
        "h" | "hour" | "hours" => n.saturating_mul(60),
        "d" | "day" | "days" => n.saturating_mul(60 * 24),
        "w" | "week" | "weeks" => n.saturating_mul(60 * 24 * 7),
        _ => return None,
    })
}

/// Parses a `--bucket` value (`15m`, `1h`, `1d`): at least 5 minutes, at most a week.
pub(crate) fn parse_bucket(text: &str) -> Result<i64, String> {
    match span_minutes(text) {
        Some(m) if (5..=7 * 24 * 60).contains(&m) => Ok(m * 60),
        _ => Err(format!(
            "'{text}' is not a bucket: use a span between 5m and 7d, such as 15m, 1h or 1d"
        )),
    }
}

/// Parses a `--since`/`--until` value against `now` (see `parse_time_bound_spec`).
pub(crate) fn parse_time_bound(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    match parse_time_bound_spec(text)? {
        TimeBound::At(dt) => Ok(dt),
        TimeBound::Ago(d) => now.checked_sub_signed(d).ok_or_else(|| bad_bound(text)),
    }
}

fn bad_bound(text: &str) -> String {
    format!(
        "'{text}' is not a time: use RFC 3339 (2026-11-01T08:00:00Z), a date (2026-11-01) \
         or a span back from now (90m, 24h, 7d, 2w)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_from_names_and_bits_agree() {
        let named = Conditions::from_names("application,users,location,ipAddressSeenByAzureAD");
        assert_eq!(named, Conditions(1035));
        assert_eq!(
            Conditions(263).names(),
            ["application", "users", "devicePlatform", "deviceState"]
        );
        assert!(Conditions::from_names("none").is_empty());
        assert!(Conditions::from_names("application,someNewThing").contains("unknownFutureValue"));
    }

    #[test]
    fn timestamps_in_every_export_spelling() {
        let want = "2025-03-14T11:40:12Z";
        for text in [
            "2025-03-14T11:40:12Z",
            "2025-03-14T11:40:12.1234567Z",
            "2025-03-14T11:40:12.1234567+00:00",
            "2025-03-14 11:40:12Z",
            "2025-03-14T11:40:12",
        ] {
            let got = parse_time(text).unwrap_or_else(|| panic!("{text} did not parse"));
            assert_eq!(got.format("%Y-%m-%dT%H:%M:%SZ").to_string(), want, "{text}");
        }
        assert_eq!(parse_time("yesterday"), None);
        for (text, want) in [
            ("3/14/2025, 11:40:12.123 AM", "2025-03-14T11:40:12Z"),
            ("3/14/2025, 12:05:00.000 AM", "2025-03-14T00:05:00Z"),
            ("9/19/2023, 1:45:17.287 PM", "2023-09-19T13:45:17Z"),
            ("14/03/2025 11:40:12", "2025-03-14T11:40:12Z"),
            ("03/14/2025 11:40", "2025-03-14T11:40:00Z"),
        ] {
            let got = parse_time(text).unwrap_or_else(|| panic!("{text} did not parse"));
            assert_eq!(got.format("%Y-%m-%dT%H:%M:%SZ").to_string(), want, "{text}");
        }
        assert_eq!(parse_time("13/13/2025 10:00"), None);
    }

    #[test]
    fn time_bounds_accept_dates_and_spans() {
        let now = parse_time("2026-11-21T12:00:00Z").unwrap();
        assert_eq!(
            parse_time_bound("24h", now).unwrap(),
            parse_time("2026-11-20T12:00:00Z").unwrap()
        );
        assert_eq!(
            parse_time_bound("2026-11-01", now).unwrap(),
            parse_time("2026-11-01T00:00:00Z").unwrap()
        );
        let err = parse_time_bound("soon", now).unwrap_err();
        assert!(err.contains("24h"), "{err}");
    }

    #[test]
    fn buckets_are_spans_between_five_minutes_and_a_week() {
        assert_eq!(parse_bucket("1h"), Ok(3600));
        assert_eq!(parse_bucket("15m"), Ok(900));
        assert_eq!(parse_bucket("1d"), Ok(86_400));
        for bad in ["1m", "8d", "hour", "0h", ""] {
            let err = parse_bucket(bad).unwrap_err();
            assert!(err.contains("between 5m and 7d"), "{bad}: {err}");
        }
    }
}
