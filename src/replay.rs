//! Replays a blocked sign-in against the tenant's exported Conditional Access policies:
//! a pure function of the record's signals, each policy and the named locations, condition
//! by condition (matched / not matched / not enough information / not configured), compared
//! with what the log says happened. No I/O; a fact the log lacks is said to be missing,
//! never guessed.

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::i18n::{self, replay as t};
use crate::model::{AppliedPolicy, Diagnosis, SignIn};

// ---------------------------------------------------------------------------------------
// The export's vocabulary: Graph `conditionalAccessPolicy` and `namedLocation`. Every key
// may be missing or null; unknown keys are ignored (the schema grows).
// ---------------------------------------------------------------------------------------

/// Reads `null` as the type's default (Graph writes `null` for unset lists and objects).
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A multi-valued Graph enum: `"deviceCodeFlow,authenticationTransfer"`, or a list.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Flags(pub Vec<String>);

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a comma-separated string or a list of strings")]
        enum Raw {
            Text(String),
            List(Vec<String>),
        }
        let list = match Option::<Raw>::deserialize(d)? {
            None => Vec::new(),
            Some(Raw::Text(t)) => t.split(',').map(|s| s.trim().to_string()).collect(),
            Some(Raw::List(l)) => l,
        };
        Ok(Flags(
            list.into_iter()
                .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("none"))
                .collect(),
        ))
    }
}

/// One exported policy (`GET /identity/conditionalAccess/policies`, v1.0 or beta).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Policy {
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    #[serde(deserialize_with = "nullable")]
    pub display_name: String,
    /// `enabled`, `disabled` or `enabledForReportingButNotEnforced`.
    #[serde(deserialize_with = "nullable")]
    pub state: String,
    pub created_date_time: Option<String>,
    pub modified_date_time: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub conditions: ConditionSet,
    pub grant_controls: Option<GrantControls>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct ConditionSet {
    pub users: Option<Users>,
    pub applications: Option<Applications>,
    pub client_applications: Option<ClientApplications>,
    #[serde(deserialize_with = "nullable")]
    pub client_app_types: Vec<String>,
    pub platforms: Option<Platforms>,
    pub locations: Option<Locations>,
    pub sign_in_risk_levels: Flags,
    pub user_risk_levels: Flags,
    pub service_principal_risk_levels: Flags,
    pub insider_risk_levels: Flags,
    pub devices: Option<Devices>,
    pub authentication_flows: Option<AuthenticationFlows>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Users {
    #[serde(deserialize_with = "nullable")]
    pub include_users: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub exclude_users: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub include_groups: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub exclude_groups: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub include_roles: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub exclude_roles: Vec<String>,
    pub include_guests_or_external_users: Option<GuestsOrExternalUsers>,
    pub exclude_guests_or_external_users: Option<GuestsOrExternalUsers>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct GuestsOrExternalUsers {
    pub guest_or_external_user_types: Flags,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Applications {
    #[serde(deserialize_with = "nullable")]
    pub include_applications: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub exclude_applications: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub include_user_actions: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub include_authentication_context_class_references: Vec<String>,
    pub application_filter: Option<Filter>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct ClientApplications {
    #[serde(deserialize_with = "nullable")]
    pub include_service_principals: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Platforms {
    #[serde(deserialize_with = "nullable")]
    pub include_platforms: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub exclude_platforms: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Locations {
    #[serde(deserialize_with = "nullable")]
    pub include_locations: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub exclude_locations: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Devices {
    pub device_filter: Option<Filter>,
}

/// A device or application filter: `mode` include|exclude and a rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Filter {
    #[serde(deserialize_with = "nullable")]
    pub mode: String,
    #[serde(deserialize_with = "nullable")]
    pub rule: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct AuthenticationFlows {
    pub transfer_methods: Flags,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct GrantControls {
    #[serde(deserialize_with = "nullable")]
    pub operator: String,
    #[serde(deserialize_with = "nullable")]
    pub built_in_controls: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub custom_authentication_factors: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub terms_of_use: Vec<String>,
    pub authentication_strength: Option<AuthenticationStrength>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct AuthenticationStrength {
    pub id: Option<String>,
    pub display_name: Option<String>,
}

/// A named location, its ranges parsed.
#[derive(Debug, Clone)]
pub(crate) struct NamedLocation {
    pub id: String,
    pub display_name: String,
    pub kind: LocationKind,
}

#[derive(Debug, Clone)]
pub(crate) enum LocationKind {
    Ip {
        ranges: Vec<Cidr>,
        trusted: bool,
    },
    Country {
        countries: Vec<String>,
        include_unknown: bool,
        /// `clientIpAddress` (the default) or `authenticatorAppGps`.
        lookup: String,
    },
    /// A kind this tool does not evaluate (compliant network, …): its `@odata.type`.
    Other(String),
}

/// An IPv4 or IPv6 range in CIDR notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// `203.0.113.0/24`, `2001:db8::/32`; a bare address is a range of one.
    pub(crate) fn parse(text: &str) -> Option<Cidr> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr.trim().parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.trim().parse::<u8>().ok().filter(|&p| p <= max)?,
            None => max,
        };
        Some(Cidr { addr, prefix })
    }

    pub(crate) fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 address may be written in its IPv6-mapped form (::ffff:a.b.c.d).
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// What `--policies` (and `--named-locations`) loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct PolicySet {
    pub policies: Vec<Policy>,
    /// `None` without `--named-locations`.
    pub locations: Option<Vec<NamedLocation>>,
    /// The policies file's name, for messages.
    pub source: String,
}

// ---------------------------------------------------------------------------------------
// The replay's results: serialized into the failure JSON (`replay`) and the spill file.
// ---------------------------------------------------------------------------------------

/// One condition's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Verdict {
    Matched,
    NotMatched,
    NotEnoughInformation,
    NotConfigured,
}

impl Verdict {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Verdict::Matched => "matched",
            Verdict::NotMatched => "not matched",
            Verdict::NotEnoughInformation => "not enough information",
            Verdict::NotConfigured => "not configured",
        }
    }
}

/// A whole policy's outcome, from its conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PolicyVerdict {
    Applies,
    DoesNotApply,
    CannotTell,
}

impl PolicyVerdict {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PolicyVerdict::Applies => "applies",
            PolicyVerdict::DoesNotApply => "does not apply",
            PolicyVerdict::CannotTell => "cannot tell",
        }
    }
}

/// How the replay compares with the log's `result` for the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Agreement {
    Agrees,
    Disagrees,
    /// The replay could not decide; the log's result is not contradicted.
    CannotTell,
    /// The exported policy is not in the log's list for this sign-in.
    NotInLog,
    /// The log names the policy, the export does not hold it.
    NotExported,
}

/// One condition of one policy, replayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ConditionReplay {
    /// The policy's key for it (`users`, `locations`, `clientAppTypes`, …).
    pub condition: String,
    pub verdict: Verdict,
    /// The policy's values for it, exactly as exported (ids as given).
    pub configured: String,
    /// Why: the sign-in's fact that decided, or the fact the log lacks.
    pub reason: String,
}

/// One policy, replayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PolicyReplay {
    pub id: Option<String>,
    pub name: String,
    /// The exported `state` now; `None` when the export does not hold the policy.
    pub state: Option<String>,
    pub modified: Option<String>,
    /// The policy's `result` in the log's appliedConditionalAccessPolicies, if listed.
    pub log_result: Option<String>,
    /// `None` when the export does not hold the policy.
    pub verdict: Option<PolicyVerdict>,
    /// The grant the exported policy enforces when it applies.
    pub grant: Option<String>,
    pub agreement: Agreement,
    /// The disagreement (or the caveat) in one sentence.
    pub note: Option<String>,
    pub conditions: Vec<ConditionReplay>,
}

impl PolicyReplay {
    /// `exported policy enabled, modified …: applies (grant: block)`, or that the export
    /// does not hold it.
    pub(crate) fn now_text(&self) -> String {
        match (&self.state, &self.verdict) {
            (Some(state), Some(v)) => t::NOW.fill(&[
                (
                    "state",
                    &match state.as_str() {
                        "enabledForReportingButNotEnforced" => t::STATE_REPORT_ONLY.get().into(),
                        "" => t::STATE_UNKNOWN.get().into(),
                        s => t::STATE.fill(&[("state", &s)]),
                    },
                ),
                (
                    "modified",
                    &self
                        .modified
                        .as_deref()
                        .map(|m| t::MODIFIED.fill(&[("time", &m)]))
                        .unwrap_or_default(),
                ),
                ("verdict", &v.as_str()),
                ("grant", &self.grant.as_deref().unwrap_or("?")),
            ]),
            _ => t::NOT_IN_EXPORT.get().to_string(),
        }
    }

    /// `log result failure`, or that the log does not list it.
    pub(crate) fn log_text(&self) -> String {
        match &self.log_result {
            Some(r) => t::LOG_RESULT.fill(&[("result", r)]),
            None => t::NOT_IN_LOG.get().to_string(),
        }
    }
}

/// The replay of one sign-in: the relevant policies and the disagreements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Replay {
    /// The policies file replayed against.
    pub policies_file: String,
    /// Whether named locations were given (without them, named locations are unresolved).
    pub named_locations: bool,
    /// The policies the log lists as applied (any result but notApplied/notEnabled), the
    /// exported ones that would apply, and every one where log and replay disagree.
    pub policies: Vec<PolicyReplay>,
    /// Exported policies replayed but left out above: the log and the replay agree they
    /// did not apply (or the replay could not tell and the log says notApplied).
    pub others_agreeing: u32,
    /// Every disagreement, one sentence each (also in `policies[].note`).
    pub disagreements: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// Evaluation.
// ---------------------------------------------------------------------------------------

/// Whether an evidence line is the replay's (the views that show the replay in its own
/// section leave these out).
pub(crate) fn is_replay_evidence(line: &str) -> bool {
    line.starts_with(t::EVIDENCE_PREFIX.get())
}

/// Reasons one after the other: "a; b" ("a ; b" in French).
fn joined<S: AsRef<str>>(parts: &[S]) -> String {
    let mut rest = parts.iter();
    let Some(first) = rest.next() else {
        return String::new();
    };
    rest.fold(first.as_ref().to_string(), |a, b| {
        t::LIST_SEP.fill(&[("a", &a), ("b", &b.as_ref())])
    })
}

/// A condition's name in a sentence: its key in English (`locations`), the portal's name
/// in French (« Emplacements »).
fn condition_name(key: &str) -> String {
    let text = match key {
        "users" => t::COND_USERS,
        "applications" => t::COND_APPLICATIONS,
        "clientAppTypes" => t::COND_CLIENT_APP_TYPES,
        "platforms" => t::COND_PLATFORMS,
        "locations" => t::COND_LOCATIONS,
        "signInRiskLevels" => t::COND_SIGN_IN_RISK,
        "userRiskLevels" => t::COND_USER_RISK,
        "servicePrincipalRiskLevels" => t::COND_SP_RISK,
        "insiderRiskLevels" => t::COND_INSIDER_RISK,
        "devices.deviceFilter" => t::COND_DEVICE_FILTER,
        "authenticationFlows" => t::COND_AUTH_FLOWS,
        other => return other.to_string(),
    };
    text.get().to_string()
}

/// Three-valued membership with its reason.
#[derive(Debug, Clone, PartialEq)]
enum Tri {
    Yes(String),
    No(String),
    Unknown(String),
}

/// Any of the terms: yes if one is, else unknown if one is, else no.
fn any_of(terms: Vec<Tri>, none: &str) -> Tri {
    if let Some(Tri::Yes(r)) = terms.iter().find(|t| matches!(t, Tri::Yes(_))) {
        return Tri::Yes(r.clone());
    }
    let unknown: Vec<&str> = terms
        .iter()
        .filter_map(|t| match t {
            Tri::Unknown(r) => Some(r.as_str()),
            _ => None,
        })
        .collect();
    if !unknown.is_empty() {
        return Tri::Unknown(joined(&unknown));
    }
    let no: Vec<&str> = terms
        .iter()
        .filter_map(|t| match t {
            Tri::No(r) if !r.is_empty() => Some(r.as_str()),
            _ => None,
        })
        .collect();
    Tri::No(if no.is_empty() {
        none.to_string()
    } else {
        joined(&no)
    })
}

/// A condition from its include and exclude sides.
fn decide(include: Tri, exclude: Tri) -> (Verdict, String) {
    match (include, exclude) {
        (_, Tri::Yes(r)) => (Verdict::NotMatched, t::EXCLUDED.fill(&[("reason", &r)])),
        (Tri::No(r), _) => (Verdict::NotMatched, t::NOT_INCLUDED.fill(&[("reason", &r)])),
        (Tri::Yes(r), Tri::No(_)) => (Verdict::Matched, r),
        (Tri::Yes(_), Tri::Unknown(r)) => (
            Verdict::NotEnoughInformation,
            t::EXCLUSION_UNDECIDED.fill(&[("reason", &r)]),
        ),
        (Tri::Unknown(r), _) => (Verdict::NotEnoughInformation, r),
    }
}

fn text<'v>(v: &'v Option<Cow<'_, str>>) -> Option<&'v str> {
    v.as_deref().map(str::trim)
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn letters(v: &str) -> String {
    v.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn list(v: &[String]) -> String {
    format!("[{}]", v.join(", "))
}

/// "include [All]; exclude [x]" for the non-empty sides; each side's text has a
/// `{values}` placeholder.
fn sides(parts: &[(i18n::Tr, &[String])]) -> String {
    let shown: Vec<String> = parts
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| k.fill(&[("values", &list(v))]))
        .collect();
    if shown.is_empty() {
        t::EMPTY.get().to_string()
    } else {
        joined(&shown)
    }
}

fn condition(
    name: &str,
    configured: String,
    (verdict, reason): (Verdict, String),
) -> ConditionReplay {
    ConditionReplay {
        condition: name.to_string(),
        verdict,
        configured,
        reason,
    }
}

fn not_configured(name: &str) -> ConditionReplay {
    condition(
        name,
        t::NOT_CONFIGURED.get().to_string(),
        (Verdict::NotConfigured, String::new()),
    )
}

/// Replays one policy against one sign-in: every condition, in the order of the
/// policy's JSON.
pub(crate) fn evaluate(
    s: &SignIn<'_>,
    p: &Policy,
    locations: Option<&[NamedLocation]>,
) -> Vec<ConditionReplay> {
    let c = &p.conditions;
    vec![
        users(s, c),
        applications(s, c.applications.as_ref()),
        client_app_types(s, &c.client_app_types),
        platforms(s, c.platforms.as_ref()),
        self::locations(s, c.locations.as_ref(), locations),
        sign_in_risk(s, &c.sign_in_risk_levels),
        not_in_log_risk(
            "userRiskLevels",
            &c.user_risk_levels,
            t::USER_RISK_NOT_IN_LOG.get(),
        ),
        not_in_log_risk(
            "servicePrincipalRiskLevels",
            &c.service_principal_risk_levels,
            t::SP_RISK_NOT_IN_LOG.get(),
        ),
        not_in_log_risk(
            "insiderRiskLevels",
            &c.insider_risk_levels,
            t::INSIDER_RISK_NOT_IN_LOG.get(),
        ),
        device_filter(s, c.devices.as_ref().and_then(|d| d.device_filter.as_ref())),
        authentication_flows(s, c.authentication_flows.as_ref()),
    ]
}

/// The policy's outcome from its conditions.
pub(crate) fn applies(conditions: &[ConditionReplay]) -> PolicyVerdict {
    if conditions.iter().any(|c| c.verdict == Verdict::NotMatched) {
        PolicyVerdict::DoesNotApply
    } else if conditions
        .iter()
        .any(|c| c.verdict == Verdict::NotEnoughInformation)
    {
        PolicyVerdict::CannotTell
    } else {
        PolicyVerdict::Applies
    }
}

fn users(s: &SignIn<'_>, c: &ConditionSet) -> ConditionReplay {
    let workload = c
        .client_applications
        .as_ref()
        .is_some_and(|a| !a.include_service_principals.is_empty());
    let Some(u) = c.users.as_ref() else {
        if workload {
            return condition(
                "users",
                t::WORKLOAD_IDENTITIES.get().into(),
                (
                    Verdict::NotMatched,
                    t::TARGETS_SERVICE_PRINCIPALS.get().into(),
                ),
            );
        }
        // Every user policy has this condition: without it the export is incomplete.
        return condition(
            "users",
            t::MISSING_FROM_EXPORT.get().into(),
            (
                Verdict::NotEnoughInformation,
                t::NO_USERS_CONDITION.get().into(),
            ),
        );
    };
    let configured = sides(&[
        (t::INCLUDE_USERS, &u.include_users),
        (t::INCLUDE_GROUPS, &u.include_groups),
        (t::INCLUDE_ROLES, &u.include_roles),
        (t::EXCLUDE_USERS, &u.exclude_users),
        (t::EXCLUDE_GROUPS, &u.exclude_groups),
        (t::EXCLUDE_ROLES, &u.exclude_roles),
    ]);
    let guests = |g: &Option<GuestsOrExternalUsers>, side: i18n::Tr| -> Option<String> {
        g.as_ref()
            .map(|g| side.fill(&[("values", &list(&g.guest_or_external_user_types.0))]))
    };
    let configured = joined(
        &[
            Some(configured).filter(|c| c != t::EMPTY.get()),
            guests(&u.include_guests_or_external_users, t::INCLUDE_GUESTS),
            guests(&u.exclude_guests_or_external_users, t::EXCLUDE_GUESTS),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>(),
    );
    let who = s
        .user_principal_name
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(t::THE_USER.get());
    let user_id = text(&s.user_id).filter(|t| !t.is_empty());
    let by_id = |ids: &[String], side: &str| -> Vec<Tri> {
        let key = format!("{side}Users");
        ids.iter()
            .map(|id| {
                if same(id, "All") {
                    Tri::Yes(t::KEY_IS_ALL.fill(&[("key", &key)]))
                } else if same(id, "None") {
                    Tri::No(String::new())
                } else if same(id, "GuestsOrExternalUsers") {
                    Tri::Unknown(t::WHETHER_GUEST_LEGACY.fill(&[("who", &who)]))
                } else {
                    match user_id {
                        Some(uid) if same(uid, id) => {
                            Tri::Yes(t::USER_ID_LISTED.fill(&[("id", &uid), ("key", &key)]))
                        }
                        Some(_) => Tri::No(String::new()),
                        None => Tri::Unknown(t::WHETHER_USER_IS.fill(&[("who", &who), ("id", id)])),
                    }
                }
            })
            .collect()
    };
    let membership = |ids: &[String], what: i18n::Tr| -> Option<Tri> {
        (!ids.is_empty()).then(|| Tri::Unknown(what.fill(&[("who", &who), ("ids", &list(ids))])))
    };
    let guest_term = |g: &Option<GuestsOrExternalUsers>| -> Option<Tri> {
        g.as_ref().map(|g| {
            Tri::Unknown(t::WHETHER_GUEST_KIND.fill(&[
                ("who", &who),
                ("kinds", &list(&g.guest_or_external_user_types.0)),
                (
                    "user_type",
                    &text(&s.user_type).unwrap_or(t::NOT_IN_LOG_VALUE.get()),
                ),
            ]))
        })
    };
    let mut include = by_id(&u.include_users, "include");
    include.extend(membership(&u.include_groups, t::WHETHER_MEMBER_OF_GROUPS));
    include.extend(membership(&u.include_roles, t::WHETHER_HOLDS_ROLES));
    include.extend(guest_term(&u.include_guests_or_external_users));
    let mut exclude = by_id(&u.exclude_users, "exclude");
    exclude.extend(membership(
        &u.exclude_groups,
        t::WHETHER_MEMBER_OF_EXCLUDED_GROUPS,
    ));
    exclude.extend(membership(
        &u.exclude_roles,
        t::WHETHER_HOLDS_EXCLUDED_ROLES,
    ));
    exclude.extend(guest_term(&u.exclude_guests_or_external_users));
    let include = any_of(include, &t::NOT_AMONG_INCLUDED_USERS.fill(&[("who", &who)]));

    let exclude = any_of(exclude, "");
    condition("users", configured, decide(include, exclude))
}

/// Well-known members of the Office 365 app group; membership of any other app is
/// not decided here (Microsoft's list is longer and changes).
const OFFICE_365_CORE: [(&str, &str); 4] = [
    (
        "00000002-0000-0ff1-ce00-000000000000",
        "Office 365 Exchange Online",
    ),
    (
        "00000003-0000-0ff1-ce00-000000000000",
        "Office 365 SharePoint Online",
    ),
    (
        "00000004-0000-0ff1-ce00-000000000000",
        "Skype for Business Online",
    ),
    (
        "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe",
        "Microsoft Teams Services",
    ),
];

/// Well-known members of the Microsoft Admin Portals group.
const ADMIN_PORTALS_CORE: [(&str, &str); 1] =
    [("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal")];

fn applications(s: &SignIn<'_>, a: Option<&Applications>) -> ConditionReplay {
    let Some(a) = a else {
        return condition(
            "applications",
            t::MISSING_FROM_EXPORT.get().into(),
            (
                Verdict::NotEnoughInformation,
                t::NO_APPLICATIONS_CONDITION.get().into(),
            ),
        );
    };
    let mut configured = sides(&[
        (t::INCLUDE, &a.include_applications),
        (t::EXCLUDE, &a.exclude_applications),
        (t::INCLUDE_USER_ACTIONS, &a.include_user_actions),
        (
            t::INCLUDE_AUTH_CONTEXTS,
            &a.include_authentication_context_class_references,
        ),
    ]);
    if let Some(f) = &a.application_filter {
        configured = t::APP_FILTER_CONFIGURED.fill(&[
            ("sides", &configured),
            ("mode", &f.mode),
            ("rule", &format!("{:?}", f.rule)),
        ]);
    }
    let ids: Vec<(&str, &str)> = [
        ("appId", text(&s.app_id)),
        ("resourceId", text(&s.resource_id)),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v.filter(|t| !t.is_empty())?)))
    .collect();
    let shown = if ids.is_empty() {
        t::NO_APP_ID.get().to_string()
    } else {
        ids.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let group = |name: &str, known: &[(&str, &str)]| -> Tri {
        if let Some((k, v, label)) = ids.iter().find_map(|(k, v)| {
            known
                .iter()
                .find(|(id, _)| same(id, v))
                .map(|(_, l)| (k, v, l))
        }) {
            return Tri::Yes(t::IN_APP_GROUP.fill(&[
                ("field", k),
                ("id", v),
                ("label", label),
                ("group", &name),
            ]));
        }
        Tri::Unknown(t::WHETHER_IN_APP_GROUP.fill(&[("shown", &shown), ("group", &name)]))
    };
    let term = |v: &str, side: &str| -> Tri {
        if same(v, "All") {
            Tri::Yes(t::KEY_IS_ALL.fill(&[("key", &format!("{side}Applications"))]))
        } else if same(v, "None") {
            Tri::No(String::new())
        } else if same(v, "Office365") {
            group("Office 365", &OFFICE_365_CORE)
        } else if same(v, "MicrosoftAdminPortals") {
            group("Microsoft Admin Portals", &ADMIN_PORTALS_CORE)
        } else if ids.is_empty() {
            Tri::Unknown(t::WHETHER_APP_IS.fill(&[("app", &v), ("shown", &shown)]))
        } else if let Some((k, id)) = ids.iter().find(|(_, id)| same(id, v)) {
            Tri::Yes(t::APP_LISTED.fill(&[("field", k), ("id", id)]))
        } else {
            Tri::No(String::new())
        }
    };
    let mut include: Vec<Tri> = a
        .include_applications
        .iter()
        .map(|v| term(v, "include"))
        .collect();
    if !a.include_user_actions.is_empty() {
        include.push(Tri::Unknown(
            t::WHETHER_USER_ACTION.fill(&[("actions", &list(&a.include_user_actions))]),
        ));
    }
    if !a.include_authentication_context_class_references.is_empty() {
        include.push(Tri::Unknown(t::WHETHER_AUTH_CONTEXT.fill(&[(
            "contexts",
            &list(&a.include_authentication_context_class_references),
        )])));
    }
    let mut exclude: Vec<Tri> = a
        .exclude_applications
        .iter()
        .map(|v| term(v, "exclude"))
        .collect();
    if let Some(f) = &a.application_filter {
        let term = Tri::Unknown(
            t::APP_FILTER_NEEDS_ATTRIBUTES.fill(&[("rule", &format!("{:?}", f.rule))]),
        );
        if same(&f.mode, "exclude") {
            exclude.push(term);
        } else {
            include.push(term);
        }
    }
    let include = any_of(
        include,
        &t::NOT_AMONG_INCLUDED_APPS.fill(&[("shown", &shown)]),
    );
    let exclude = any_of(exclude, "");
    condition("applications", configured, decide(include, exclude))
}

/// The policy's client app type for a `clientAppUsed` value (reference §5.4).
pub(crate) fn client_app_type(used: &str) -> Option<&'static str> {
    const LEGACY: [&str; 15] = [
        "authenticatedsmtp",
        "autodiscover",
        "exchangeonlinepowershell",
        "exchangewebservices",
        "imap4",
        "imap",
        "mapioverhttp",
        "offlineaddressbook",
        "outlookanywhererpcoverhttp",
        "outlookservice",
        "pop3",
        "pop",
        "reportingwebservices",
        "otherclients",
        "olderofficeclients",
    ];
    let l = letters(used);
    if l == "browser" {
        Some("browser")
    } else if l == "mobileappsanddesktopclients" {
        Some("mobileAppsAndDesktopClients")
    } else if l == "exchangeactivesync" {
        Some("exchangeActiveSync")
    } else if LEGACY.contains(&l.as_str()) || l.starts_with("otherclients") {
        Some("other")
    } else {
        None
    }
}

fn client_app_types(s: &SignIn<'_>, types: &[String]) -> ConditionReplay {
    if types.is_empty() || types.iter().any(|t| same(t, "all")) {
        return not_configured("clientAppTypes");
    }
    let configured = list(types);
    let verdict = match text(&s.client_app_used).filter(|t| !t.is_empty()) {
        None => (
            Verdict::NotEnoughInformation,
            t::LOG_HAS_NO.fill(&[("field", &"clientAppUsed")]),
        ),
        Some(used) => match client_app_type(used) {
            None => (
                Verdict::NotEnoughInformation,
                t::CLIENT_APP_UNKNOWN.fill(&[("used", &format!("{used:?}"))]),
            ),
            Some(kind) => {
                let hit = types.iter().any(|t| {
                    same(t, kind) || (kind == "exchangeActiveSync" && same(t, "easSupported"))
                });
                let used = format!("{used:?}");
                let facts: [(&str, &dyn fmt::Display); 2] = [("used", &used), ("kind", &kind)];
                if hit {
                    (Verdict::Matched, t::CLIENT_APP_TARGETED.fill(&facts))
                } else {
                    (Verdict::NotMatched, t::CLIENT_APP_NOT_TARGETED.fill(&facts))
                }
            }
        },
    };
    condition("clientAppTypes", configured, verdict)
}

/// The policy's platform for a `deviceDetail.operatingSystem` value.
pub(crate) fn platform(os: &str) -> Option<&'static str> {
    let l = letters(os);
    if l.starts_with("windowsphone") || l.starts_with("windowsmobile") {
        Some("windowsPhone")
    } else if l.starts_with("windows") {
        Some("windows")
    } else if l.starts_with("ios") || l.starts_with("ipados") {
        Some("iOS")
    } else if l.starts_with("android") {
        Some("android")
    } else if l.starts_with("macos") || l.starts_with("osx") || l.starts_with("macintosh") {
        Some("macOS")
    } else if l.starts_with("linux") || l.starts_with("ubuntu") {
        Some("linux")
    } else {
        None
    }
}

fn platforms(s: &SignIn<'_>, p: Option<&Platforms>) -> ConditionReplay {
    let Some(p) = p.filter(|p| !p.include_platforms.is_empty()) else {
        return not_configured("platforms");
    };
    let configured = sides(&[
        (t::INCLUDE, &p.include_platforms),
        (t::EXCLUDE, &p.exclude_platforms),
    ]);
    let os = text(&s.device.operating_system).filter(|t| !t.is_empty());
    let kind = os.and_then(platform);
    let fact = match (os, kind) {
        (None, _) => t::LOG_HAS_NO.fill(&[("field", &"deviceDetail.operatingSystem")]),
        (Some(os), None) => t::PLATFORM_UNKNOWN.fill(&[("os", &format!("{os:?}"))]),
        (Some(os), Some(k)) => t::PLATFORM_IS.fill(&[("os", &format!("{os:?}")), ("platform", &k)]),
    };
    let side = |list: &[String]| -> Tri {
        if list.iter().any(|v| same(v, "all")) {
            return Tri::Yes(t::ALL_PLATFORMS.fill(&[("fact", &fact)]));
        }

        match kind {
            None if list.is_empty() => Tri::No(String::new()),
            None => Tri::Unknown(fact.clone()),
            Some(k) if list.iter().any(|v| same(v, k)) => Tri::Yes(fact.clone()),
            Some(_) => Tri::No(fact.clone()),
        }
    };
    let include = side(&p.include_platforms);
    let exclude = if p.exclude_platforms.is_empty() {
        Tri::No(String::new())
    } else {
        side(&p.exclude_platforms)
    };
    condition("platforms", configured, decide(include, exclude))
}

/// The legacy id for the MFA service's trusted IPs.
const MFA_TRUSTED_IPS: &str = "00000000-0000-0000-0000-000000000000";

fn describe_location(l: &NamedLocation) -> String {
    let name = i18n::quote(&l.display_name);
    match &l.kind {
        LocationKind::Ip { ranges, trusted } => {
            let ranges = ranges
                .iter()
                .map(Cidr::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            if *trusted {
                t::IP_LOCATION_TRUSTED.fill(&[("name", &name), ("ranges", &ranges)])
            } else {
                format!("{name} ({ranges})")
            }
        }
        LocationKind::Country {
            countries,
            include_unknown,
            lookup,
        } => {
            let mut parts = vec![t::COUNTRIES.fill(&[("list", &countries.join(", "))])];
            if *include_unknown {
                parts.push(t::UNKNOWN_COUNTRIES_INCLUDED.get().to_string());
            }
            if same(lookup, "authenticatorAppGps") {
                parts.push(t::BY_AUTHENTICATOR_GPS.get().to_string());
            }
            format!("{name} ({})", joined(&parts))
        }
        LocationKind::Other(kind) => format!("{name} ({kind})"),
    }
}

/// The log's own reading of the network (networkLocationDetails), for the reason text.
fn log_network(s: &SignIn<'_>) -> Option<String> {
    let list = s.network_locations.as_ref()?;
    if list.is_empty() {
        return Some(t::LOG_NETWORK_EMPTY.get().into());
    }
    let parts: Vec<String> = list
        .iter()
        .map(|n| {
            format!(
                "{} {}",
                n.network_type.as_deref().unwrap_or("?"),
                n.names
                    .iter()
                    .map(|x| format!("{x:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    Some(t::LOG_NETWORK.fill(&[("details", &joined(&parts))]))
}

fn log_says_trusted(s: &SignIn<'_>) -> Option<bool> {
    s.network_locations.as_ref().map(|list| {
        list.iter().any(|n| {
            n.network_type
                .as_deref()
                .is_some_and(|t| same(t, "trusted") || same(t, "trustedNamedLocation"))
        })
    })
}

fn locations(
    s: &SignIn<'_>,
    l: Option<&Locations>,
    named: Option<&[NamedLocation]>,
) -> ConditionReplay {
    let Some(l) = l.filter(|l| !l.include_locations.is_empty()) else {
        return not_configured("locations");
    };
    let name_of = |id: &str| -> String {
        if same(id, MFA_TRUSTED_IPS) {
            return t::MFA_TRUSTED_IPS_NAME.fill(&[("id", &id)]);
        }
        match named.and_then(|n| n.iter().find(|x| same(&x.id, id))) {
            Some(x) => describe_location(x),
            None => id.to_string(),
        }
    };
    let show = |ids: &[String]| -> Vec<String> { ids.iter().map(|i| name_of(i)).collect() };
    let configured = sides(&[
        (t::INCLUDE, &show(&l.include_locations)),
        (t::EXCLUDE, &show(&l.exclude_locations)),
    ]);
    let raw_ip = text(&s.ip_address).filter(|t| !t.is_empty());
    let ip: Option<IpAddr> =
        raw_ip.and_then(|t| t.trim_start_matches('[').trim_end_matches(']').parse().ok());
    let ip_fact = match (raw_ip, ip) {
        (None, _) => Err(t::LOG_HAS_NO.fill(&[("field", &"ipAddress")])),
        (Some(raw), None) => Err(t::NOT_AN_IP.fill(&[("ip", &format!("{raw:?}"))])),
        (Some(_), Some(ip)) => Ok(ip),
    };
    let in_location = |x: &NamedLocation| -> Tri {
        let name = i18n::quote(&x.display_name);
        match &x.kind {
            LocationKind::Ip { ranges, .. } => match &ip_fact {
                Err(e) => Tri::Unknown(e.clone()),
                Ok(ip) => match ranges.iter().find(|r| r.contains(*ip)) {
                    Some(r) => {
                        Tri::Yes(t::IP_INSIDE.fill(&[("ip", ip), ("name", &name), ("range", r)]))
                    }
                    None => Tri::No(
                        t::IP_OUTSIDE.fill(&[("ip", ip), ("location", &describe_location(x))]),
                    ),
                },
            },
            LocationKind::Country {
                countries,
                include_unknown,
                lookup,
            } => {
                if same(lookup, "authenticatorAppGps") {
                    return Tri::Unknown(t::GPS_NOT_IN_LOG.fill(&[("name", &name)]));
                }
                match text(&s.country) {
                    None => Tri::Unknown(t::NO_COUNTRY.get().into()),
                    Some("") if *include_unknown => {
                        Tri::Yes(t::UNKNOWN_COUNTRY_INCLUDED.fill(&[("name", &name)]))
                    }
                    Some("") => Tri::No(t::UNKNOWN_COUNTRY_NOT_INCLUDED.fill(&[("name", &name)])),
                    Some(c) if countries.iter().any(|k| same(k, c)) => {
                        Tri::Yes(t::COUNTRY_IN.fill(&[("country", &c), ("name", &name)]))
                    }
                    Some(c) => Tri::No(
                        t::COUNTRY_OUTSIDE
                            .fill(&[("country", &c), ("location", &describe_location(x))]),
                    ),
                }
            }
            LocationKind::Other(kind) => Tri::Unknown(
                t::LOCATION_KIND_NOT_EVALUATED.fill(&[("name", &name), ("kind", kind)]),
            ),
        }
    };
    let term = |id: &str| -> Tri {
        if same(id, "All") {
            return Tri::Yes(t::ANY_LOCATION.get().into());
        }
        if same(id, MFA_TRUSTED_IPS) {
            return Tri::Unknown(t::MFA_TRUSTED_IPS_NOT_EXPORTED.get().into());
        }
        if same(id, "AllTrusted") {
            let Some(named) = named else {
                return match log_says_trusted(s) {
                    Some(true) => Tri::Yes(t::LOG_SAYS_TRUSTED.get().into()),
                    Some(false) => Tri::No(t::LOG_NAMES_NO_TRUSTED.get().into()),
                    None => Tri::Unknown(t::WHICH_TRUSTED.get().into()),
                };
            };
            let trusted: Vec<&NamedLocation> = named
                .iter()
                .filter(|x| matches!(x.kind, LocationKind::Ip { trusted: true, .. }))
                .collect();
            let found = trusted.iter().map(|x| in_location(x)).collect::<Vec<_>>();
            return match any_of(found, "") {
                Tri::Yes(r) => Tri::Yes(t::A_TRUSTED_LOCATION.fill(&[("reason", &r)])),
                Tri::No(_) => Tri::No(t::OUTSIDE_TRUSTED.fill(&[
                    ("ip", &raw_ip.unwrap_or(t::THE_IP.get())),
                    (
                        "locations",
                        &if trusted.is_empty() {
                            t::NONE_TRUSTED.get().to_string()
                        } else {
                            trusted
                                .iter()
                                .map(|x| describe_location(x))
                                .collect::<Vec<_>>()
                                .join(", ")
                        },
                    ),
                ])),
                unknown => unknown,
            };
        }
        match named.map(|n| n.iter().find(|x| same(&x.id, id))) {
            Some(Some(x)) => in_location(x),
            Some(None) => Tri::Unknown(t::LOCATION_NOT_EXPORTED.fill(&[("id", &id)])),
            None => Tri::Unknown(t::LOCATION_UNRESOLVED.fill(&[("id", &id)])),
        }
    };
    let include = any_of(
        l.include_locations.iter().map(|i| term(i)).collect(),
        t::OUTSIDE_INCLUDED_LOCATIONS.get(),
    );
    let exclude = any_of(l.exclude_locations.iter().map(|i| term(i)).collect(), "");
    // Say why an exclusion did not apply: that is the usual question.
    let exclude_note = match &exclude {
        Tri::No(r) if !r.is_empty() => Some(r.clone()),
        _ => None,
    };
    let (verdict, mut reason) = decide(include, exclude);
    if let (Verdict::Matched, Some(n)) = (verdict, exclude_note) {
        reason = t::AND_EXCLUSION.fill(&[("reason", &reason), ("exclusion", &n)]);
    }
    if let Some(n) = log_network(s) {
        reason = joined(&[reason, n]);
    }

    condition("locations", configured, (verdict, reason))
}

fn sign_in_risk(s: &SignIn<'_>, levels: &Flags) -> ConditionReplay {
    if levels.0.is_empty() {
        return not_configured("signInRiskLevels");
    }
    let configured = list(&levels.0);
    let verdict = match text(&s.risk_level_during_sign_in).filter(|t| !t.is_empty()) {
        None => (
            Verdict::NotEnoughInformation,
            t::LOG_HAS_NO.fill(&[("field", &"riskLevelDuringSignIn")]),
        ),
        Some(l) if same(l, "hidden") => {
            (Verdict::NotEnoughInformation, t::RISK_HIDDEN.get().into())
        }
        Some(l) if same(l, "unknownFutureValue") => (
            Verdict::NotEnoughInformation,
            t::RISK_UNKNOWN_FUTURE.get().into(),
        ),
        Some(l) if levels.0.iter().any(|x| same(x, l)) => {
            (Verdict::Matched, t::RISK_TARGETED.fill(&[("level", &l)]))
        }
        Some(l) => (
            Verdict::NotMatched,
            t::RISK_NOT_TARGETED.fill(&[("level", &l)]),
        ),
    };
    condition("signInRiskLevels", configured, verdict)
}

fn not_in_log_risk(name: &str, levels: &Flags, why: &str) -> ConditionReplay {
    if levels.0.is_empty() {
        return not_configured(name);
    }
    condition(
        name,
        list(&levels.0),
        (Verdict::NotEnoughInformation, why.to_string()),
    )
}

fn authentication_flows(s: &SignIn<'_>, f: Option<&AuthenticationFlows>) -> ConditionReplay {
    let Some(f) = f.filter(|f| !f.transfer_methods.0.is_empty()) else {
        return not_configured("authenticationFlows");
    };
    let configured = format!("transferMethods {}", list(&f.transfer_methods.0));
    let method = text(&s.original_transfer_method).filter(|t| !t.is_empty());
    let protocol = text(&s.authentication_protocol).filter(|t| !t.is_empty());
    let flow: Result<(&str, String), String> = match (method, protocol) {
        (Some(m), _) if same(m, "deviceCodeFlow") => Ok((
            "deviceCodeFlow",
            "originalTransferMethod = deviceCodeFlow".into(),
        )),
        (Some(m), _) if same(m, "authenticationTransfer") => Ok((
            "authenticationTransfer",
            "originalTransferMethod = authenticationTransfer".into(),
        )),
        (_, Some(p)) if same(p, "deviceCode") => Ok((
            "deviceCodeFlow",
            "authenticationProtocol = deviceCode".into(),
        )),
        (_, Some(p)) if same(p, "authenticationTransfer") => Ok((
            "authenticationTransfer",
            "authenticationProtocol = authenticationTransfer".into(),
        )),
        (Some(m), _) if same(m, "none") => Ok(("none", "originalTransferMethod = none".into())),
        (Some(m), _) => Err(t::UNKNOWN_VALUE.fill(&[
            ("field", &"originalTransferMethod"),
            ("value", &format!("{m:?}")),
        ])),
        (None, _) => Err(t::LOG_HAS_NO.fill(&[("field", &"originalTransferMethod")])),
    };
    let verdict = match flow {
        Err(e) => (Verdict::NotEnoughInformation, e),
        Ok((kind, fact)) if f.transfer_methods.0.iter().any(|m| same(m, kind)) => {
            (Verdict::Matched, t::FLOW_TARGETED.fill(&[("fact", &fact)]))
        }
        Ok((_, fact)) => (
            Verdict::NotMatched,
            t::FLOW_NOT_TARGETED.fill(&[("fact", &fact)]),
        ),
    };
    condition("authenticationFlows", configured, verdict)
}

/// A device attribute's value as a device filter sees it; `None` is null.
fn device_attribute(s: &SignIn<'_>, attr: &str) -> Result<Option<String>, String> {
    let d = &s.device;
    // An unregistered device has no directory object: every attribute is null.
    let unregistered = text(&d.device_id).is_some_and(str::is_empty)
        || (text(&d.device_id).is_none() && text(&d.trust_type).is_some_and(str::is_empty));
    if unregistered {
        return Ok(None);
    }
    match attr.to_ascii_lowercase().as_str() {
        "iscompliant" => match d.is_compliant {
            Some(b) => Ok(Some(if b { "True" } else { "False" }.to_string())),
            None => Err(t::LOG_HAS_NO.fill(&[("field", &"deviceDetail.isCompliant")])),
        },
        "trusttype" => match text(&d.trust_type) {
            None => Err(t::LOG_HAS_NO.fill(&[("field", &"deviceDetail.trustType")])),
            Some(t) => {
                let l = letters(t);
                let v = if l.contains("hybrid") {
                    "ServerAD"
                } else if l.ends_with("joined") {
                    "AzureAD"
                } else if l.ends_with("registered") {
                    "Workplace"
                } else {
                    return Err(t::UNKNOWN_VALUE
                        .fill(&[("field", &"trustType"), ("value", &format!("{t:?}"))]));
                };
                Ok(Some(v.to_string()))
            }
        },
        "deviceid" => Ok(text(&d.device_id).map(str::to_string)),
        "displayname" => match text(&d.display_name) {
            Some(n) => Ok(Some(n.to_string())),
            None => Err(t::LOG_HAS_NO.fill(&[("field", &"deviceDetail.displayName")])),
        },
        _ => Err(t::DEVICE_ATTRIBUTE_NOT_IN_LOG.fill(&[("attr", &attr)])),
    }
}

/// One `device.attr -op value` clause: `Some(result)`, or why it cannot be evaluated.
fn clause(s: &SignIn<'_>, c: &str) -> Result<bool, String> {
    let c = c.trim();
    let mut parts = c.splitn(3, char::is_whitespace);
    let unreadable = || t::CANNOT_READ_CLAUSE.fill(&[("clause", &format!("{c:?}"))]);
    let (Some(attr), Some(op), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(unreadable());
    };
    let Some(attr) = attr.strip_prefix("device.") else {
        return Err(unreadable());
    };
    let value = value.trim();
    let value = if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        &value[1..value.len() - 1]
    } else if value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false") {
        value
    } else {
        return Err(t::CANNOT_READ_VALUE.fill(&[("clause", &format!("{c:?}"))]));
    };
    let actual = device_attribute(s, attr)?;
    let a = actual.as_deref().unwrap_or("").to_ascii_lowercase();
    let v = value.to_ascii_lowercase();
    let present = actual.is_some();
    Ok(match op.to_ascii_lowercase().as_str() {
        "-eq" => present && a == v,
        "-ne" => !(present && a == v),
        "-startswith" => present && a.starts_with(&v),
        "-notstartswith" => !(present && a.starts_with(&v)),
        "-endswith" => present && a.ends_with(&v),
        "-notendswith" => !(present && a.ends_with(&v)),
        "-contains" => present && a.contains(&v),
        "-notcontains" => !(present && a.contains(&v)),
        _ => return Err(t::OPERATOR_NOT_EVALUATED.fill(&[("op", &op)])),
    })
}

/// A device filter rule made of clauses joined by one connector (all `-and` or all
/// `-or`, no parentheses); anything else is not evaluated.
pub(crate) fn device_rule(s: &SignIn<'_>, rule: &str) -> Result<bool, String> {
    if rule.contains('(') || rule.trim().is_empty() {
        return Err(t::RULE_TOO_COMPLEX.fill(&[("rule", &format!("{rule:?}"))]));
    }
    let lower = rule.to_ascii_lowercase();
    let (has_and, has_or) = (lower.contains(" -and "), lower.contains(" -or "));
    if has_and && has_or {
        return Err(t::RULE_MIXES.fill(&[("rule", &format!("{rule:?}"))]));
    }
    let sep = if has_or { " -or " } else { " -and " };
    let mut clauses = Vec::new();
    let mut rest = rule;
    while let Some(at) = rest.to_ascii_lowercase().find(sep) {
        clauses.push(&rest[..at]);
        rest = &rest[at + sep.len()..];
    }
    clauses.push(rest);
    let results: Vec<bool> = clauses
        .iter()
        .map(|c| clause(s, c))
        .collect::<Result<_, _>>()?;
    Ok(if has_or {
        results.iter().any(|&b| b)
    } else {
        results.iter().all(|&b| b)
    })
}

fn device_filter(s: &SignIn<'_>, f: Option<&Filter>) -> ConditionReplay {
    let Some(f) = f.filter(|f| !f.rule.trim().is_empty()) else {
        return not_configured("devices.deviceFilter");
    };
    let configured = t::DEVICE_FILTER_CONFIGURED.fill(&[("mode", &f.mode), ("rule", &f.rule)]);
    let exclude = same(&f.mode, "exclude");
    let verdict = match device_rule(s, &f.rule) {
        Err(e) => (Verdict::NotEnoughInformation, e),
        Ok(hit) => {
            let fact = if hit {
                t::DEVICE_MATCHES
            } else {
                t::DEVICE_DOES_NOT_MATCH
            }
            .fill(&[("facts", &device_facts(s))]);
            if hit != exclude {
                (Verdict::Matched, fact)
            } else {
                (Verdict::NotMatched, fact)
            }
        }
    };
    condition("devices.deviceFilter", configured, verdict)
}

fn device_facts(s: &SignIn<'_>) -> String {
    let d = &s.device;
    let mut parts = Vec::new();
    match text(&d.device_id) {
        Some("") => parts.push(t::UNREGISTERED.get().to_string()),
        Some(id) => parts.push(format!("deviceId {id}")),
        None => {}
    }
    if let Some(t) = text(&d.trust_type).filter(|t| !t.is_empty()) {
        parts.push(format!("trustType {t:?}"));
    }
    if let Some(c) = d.is_compliant {
        parts.push(format!("isCompliant {c}"));
    }
    parts.join(", ")
}

/// The grant an exported policy enforces, in the export's words.
pub(crate) fn grant(p: &Policy) -> String {
    let Some(g) = &p.grant_controls else {
        return t::SESSION_CONTROLS_ONLY.get().to_string();
    };
    let mut parts: Vec<String> = g.built_in_controls.clone();
    if let Some(a) = &g.authentication_strength {
        let name = a
            .display_name
            .as_deref()
            .or(a.id.as_deref())
            .unwrap_or(t::UNNAMED.get());
        parts.push(t::AUTH_STRENGTH.fill(&[("name", &i18n::quote(name))]));
    }
    parts.extend(
        g.terms_of_use
            .iter()
            .map(|id| t::TERMS_OF_USE.fill(&[("id", id)])),
    );
    parts.extend(
        g.custom_authentication_factors
            .iter()
            .map(|name| t::CUSTOM_CONTROL.fill(&[("name", &i18n::quote(name))])),
    );
    if parts.is_empty() {
        return t::NO_GRANT_CONTROLS.get().to_string();
    }
    let op = if g.operator.trim().is_empty() {
        "OR"
    } else {
        g.operator.trim()
    };
    parts.join(&format!(" {op} "))
}

/// The exported state in a sentence: "report-only", or `enabled` as exported.
fn state_words(state: &str) -> String {
    if same(state, "enabledForReportingButNotEnforced") {
        t::STATE_REPORT_ONLY.get().to_string()
    } else if state.is_empty() {
        t::STATE_UNKNOWN.get().to_string()
    } else {
        t::STATE.fill(&[("state", &state)])
    }
}

/// "modified 2026-11-03 09:00 UTC, after this sign-in", for a disagreement.
fn changed_since(p: &Policy, s: &SignIn<'_>) -> String {
    let Some(m) = p.modified_date_time.as_deref() else {
        return t::NO_MODIFIED_DATE.get().to_string();
    };
    let at = |mt: chrono::DateTime<chrono::Utc>| mt.format("%Y-%m-%d %H:%M UTC").to_string();
    match (crate::model::parse_time(m), s.created) {
        (Some(mt), Some(st)) if mt > st => t::CHANGED_AFTER.fill(&[("time", &at(mt))]),
        (Some(mt), Some(_)) => t::UNCHANGED_SINCE.fill(&[("time", &at(mt))]),
        (Some(mt), None) => t::CHANGED_MAYBE.fill(&[("time", &at(mt))]),
        (None, _) => t::CHANGED_MAYBE.fill(&[("time", &m)]),
    }
}

fn failing(conds: &[ConditionReplay]) -> String {
    let parts: Vec<String> = conds
        .iter()
        .filter(|c| c.verdict == Verdict::NotMatched)
        .map(|c| {
            t::CONDITION_NOT_MET.fill(&[
                ("condition", &condition_name(&c.condition)),
                ("reason", &c.reason),
            ])
        })
        .collect();
    joined(&parts)
}

fn missing(conds: &[ConditionReplay]) -> String {
    let parts: Vec<String> = conds
        .iter()
        .filter(|c| c.verdict == Verdict::NotEnoughInformation)
        .map(|c| {
            t::MISSING_CONDITION.fill(&[
                ("condition", &condition_name(&c.condition)),
                ("reason", &c.reason),
            ])
        })
        .collect();
    joined(&parts)
}

/// Whether a log result means the policy applied (enforced or not).
fn applied(result: &str) -> bool {
    ["success", "failure"].iter().any(|r| same(result, r))
}

fn report_only_applied(result: &str) -> bool {
    [
        "reportOnlySuccess",
        "reportOnlyFailure",
        "reportOnlyInterrupted",
    ]
    .iter()
    .any(|r| same(result, r))
}

fn compare(
    s: &SignIn<'_>,
    p: &Policy,
    logged: Option<&AppliedPolicy<'_>>,
    verdict: PolicyVerdict,
    conds: &[ConditionReplay],
) -> (Agreement, Option<String>) {
    // An export without the policy list (the portal's CSV, no Policy.Read when exporting)
    // cannot contradict anything: absence from it says nothing.
    let log_has_list = s.policies.as_ref().is_some_and(|l| !l.is_empty());
    let name = if p.display_name.is_empty() {
        p.id.as_str()
    } else {
        p.display_name.as_str()
    };
    let state = p.state.trim();
    let enabled = same(state, "enabled");
    let report_only = same(state, "enabledForReportingButNotEnforced");
    let disabled = same(state, "disabled");
    let Some(logged) = logged else {
        if !log_has_list {
            return (
                Agreement::NotInLog,
                (verdict == PolicyVerdict::Applies).then(|| t::NO_POLICY_LIST.get().to_string()),
            );
        }
        if verdict == PolicyVerdict::Applies && enabled {
            let created = p
                .created_date_time
                .as_deref()
                .and_then(crate::model::parse_time)
                .zip(s.created)
                .filter(|(c, st)| c > st)
                .map(|(c, _)| t::CREATED_AFTER.fill(&[("date", &c.format("%Y-%m-%d"))]))
                .unwrap_or_default();
            return (
                Agreement::Disagrees,
                Some(t::NOT_LISTED_WOULD_APPLY.fill(&[
                    ("name", &i18n::quote(name)),
                    ("grant", &grant(p)),
                    ("created", &created),
                    ("changed", &changed_since(p, s)),
                ])),
            );
        }
        return (Agreement::NotInLog, None);
    };
    let result = logged.result.as_deref().unwrap_or("").trim();
    let says = t::LOG_SAYS.fill(&[("name", &i18n::quote(name)), ("result", &result)]);
    // The sentences below all start with what the log says and end with what changed.
    let sentence = |text: i18n::Tr, more: &[(&str, &dyn fmt::Display)]| -> Option<String> {
        let changed = changed_since(p, s);
        let mut args: Vec<(&str, &dyn fmt::Display)> = vec![("says", &says), ("changed", &changed)];
        args.extend_from_slice(more);
        Some(text.fill(&args))
    };
    if same(result, "failure")
        && let Some(change) = block_changed(logged, p)
    {
        return (
            Agreement::Disagrees,
            sentence(t::BUT_CHANGE, &[("change", &change)]),
        );
    }
    if applied(result) {
        if disabled || report_only {
            let text = if same(result, "failure") {
                t::NO_LONGER_BLOCK
            } else {
                t::NO_LONGER_APPLY
            };
            return (
                Agreement::Disagrees,
                sentence(text, &[("state", &state_words(state))]),
            );
        }
        return match verdict {
            PolicyVerdict::Applies => (Agreement::Agrees, None),
            PolicyVerdict::DoesNotApply => (
                Agreement::Disagrees,
                sentence(t::WOULD_NOT_APPLY, &[("failing", &failing(conds))]),
            ),
            PolicyVerdict::CannotTell => (
                Agreement::CannotTell,
                Some(t::CANNOT_CONFIRM.fill(&[("says", &says), ("missing", &missing(conds))])),
            ),
        };
    }
    if report_only_applied(result) {
        if enabled {
            return (
                Agreement::Disagrees,
                sentence(t::WOULD_ENFORCE, &[("grant", &grant(p))]),
            );
        }
        return match verdict {
            PolicyVerdict::DoesNotApply => (
                Agreement::Disagrees,
                sentence(t::WOULD_NOT_APPLY, &[("failing", &failing(conds))]),
            ),
            PolicyVerdict::CannotTell => (Agreement::CannotTell, None),
            PolicyVerdict::Applies => (Agreement::Agrees, None),
        };
    }
    if same(result, "notEnabled") {
        if enabled && verdict == PolicyVerdict::Applies {
            return (
                Agreement::Disagrees,
                sentence(t::ENABLED_WOULD_APPLY, &[("grant", &grant(p))]),
            );
        }
        return (Agreement::Agrees, None);
    }
    if same(result, "notApplied") || same(result, "reportOnlyNotApplied") {
        if verdict == PolicyVerdict::Applies && !disabled {
            return (
                Agreement::Disagrees,
                sentence(t::WOULD_APPLY_NOW, &[("grant", &grant(p))]),
            );
        }
        return match verdict {
            PolicyVerdict::CannotTell => (Agreement::CannotTell, None),
            _ => (Agreement::Agrees, None),
        };
    }
    (Agreement::CannotTell, None)
}

/// Whether the Block grant came or went between the log and the export. Only the block
/// is compared: the log's other grant names are internal (reference §4.3).
fn block_changed(logged: &AppliedPolicy<'_>, p: &Policy) -> Option<String> {
    let now = p
        .grant_controls
        .as_ref()
        .is_some_and(|g| g.built_in_controls.iter().any(|c| same(c, "block")));
    let then = logged.has_grant("Block");
    if logged.grant_controls.is_empty() || then == now {
        return None;
    }
    Some(if then {
        t::BLOCK_REMOVED.fill(&[("grant", &grant(p))])
    } else {
        t::BLOCK_ADDED.fill(&[("grants", &logged.grant_controls.join(", "))])
    })
}

/// Said when a logged policy was found by display name only (the ids differ).
fn matched_by_name(logged: &AppliedPolicy<'_>, p: &Policy) -> Option<String> {
    let id = logged
        .id
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty())?;
    (!same(id, &p.id)).then(|| t::MATCHED_BY_NAME.fill(&[("id", &id), ("exported", &p.id)]))
}

/// The exported policy a logged one is: by id, else by display name.
fn find<'p>(set: &'p PolicySet, logged: &AppliedPolicy<'_>) -> Option<&'p Policy> {
    let by_id = logged
        .id
        .as_deref()
        .filter(|i| !i.trim().is_empty())
        .and_then(|id| set.policies.iter().find(|p| same(&p.id, id)));
    by_id.or_else(|| {
        let name = logged.display_name.as_deref()?.trim();
        (!name.is_empty())
            .then(|| set.policies.iter().find(|p| same(&p.display_name, name)))
            .flatten()
    })
}

/// Replays one sign-in against every exported policy.
pub(crate) fn replay(s: &SignIn<'_>, set: &PolicySet) -> Replay {
    let logged: &[AppliedPolicy<'_>] = s.policies.as_deref().unwrap_or(&[]);
    let named = set.locations.as_deref();
    let mut shown = Vec::new();
    let mut others = 0u32;
    // Exported policies in their export order; each finds its log entry.
    for p in &set.policies {
        let entry = logged
            .iter()
            .find(|l| find(set, l).is_some_and(|q| std::ptr::eq(q, p)));
        let conditions = evaluate(s, p, named);
        let verdict = applies(&conditions);
        let (agreement, mut note) = compare(s, p, entry, verdict, &conditions);
        if let Some(by_name) = entry.and_then(|l| matched_by_name(l, p)) {
            note = Some(match note {
                Some(n) => format!("{n} ({by_name})"),
                None => by_name,
            });
        }
        let log_result = entry.and_then(|l| l.result.as_deref()).map(str::to_string);
        let relevant = agreement == Agreement::Disagrees
            || log_result
                .as_deref()
                .is_some_and(|r| applied(r) || report_only_applied(r))
            || (verdict == PolicyVerdict::Applies && !same(&p.state, "disabled"));
        if !relevant {
            others += 1;
            continue;
        }
        shown.push(PolicyReplay {
            id: Some(p.id.clone()).filter(|i| !i.is_empty()),
            name: if p.display_name.is_empty() {
                p.id.clone()
            } else {
                p.display_name.clone()
            },
            state: Some(p.state.clone()),
            modified: p.modified_date_time.clone(),
            log_result,
            verdict: Some(verdict),
            grant: Some(grant(p)),
            agreement,
            note,
            conditions,
        });
    }
    // Policies the log names that the export lacks.
    for l in logged {
        let r = l.result.as_deref().unwrap_or("");
        if find(set, l).is_some() || !(applied(r) || report_only_applied(r)) {
            continue;
        }
        shown.push(PolicyReplay {
            id: l.id.as_deref().map(str::to_string),
            name: l.label().to_string(),
            state: None,
            modified: None,
            log_result: Some(r.to_string()),
            verdict: None,
            grant: None,
            agreement: Agreement::NotExported,
            note: Some(
                t::NOT_IN_EXPORT_NOTE
                    .fill(&[("name", &i18n::quote(l.label())), ("file", &set.source)]),
            ),
            conditions: Vec::new(),
        });
    }
    let disagreements = shown
        .iter()
        .filter(|p| p.agreement == Agreement::Disagrees)
        .filter_map(|p| p.note.clone())
        .collect();
    Replay {
        policies_file: set.source.clone(),
        named_locations: set.locations.is_some(),
        policies: shown,
        others_agreeing: others,
        disagreements,
    }
}

/// Adds the replay to a diagnosis: the `replay` field, and evidence naming the blocking
/// policies' exact condition values as exported, and any disagreement.
pub(crate) fn enrich(d: &mut Diagnosis, s: &SignIn<'_>, set: &PolicySet) {
    let r = replay(s, set);
    for blocking in &d.policies {
        let hit = r.policies.iter().find(|p| {
            (p.id.is_some() && p.id == blocking.id) || (p.id.is_none() && p.name == blocking.name)
        });
        let hit = hit.or_else(|| r.policies.iter().find(|p| same(&p.name, &blocking.name)));
        let Some(p) = hit else {
            continue;
        };
        if p.agreement == Agreement::NotExported {
            d.evidence
                .push(t::EVIDENCE_NOTE.fill(&[("note", &p.note.as_deref().unwrap_or(""))]));
            continue;
        }
        let name = i18n::quote(&p.name);
        d.evidence.push(
            t::EVIDENCE_POLICY.fill(&[
                ("name", &name),
                ("state", &state_words(p.state.as_deref().unwrap_or(""))),
                (
                    "modified",
                    &p.modified
                        .as_deref()
                        .map(|m| t::EVIDENCE_MODIFIED.fill(&[("time", &m)]))
                        .unwrap_or_default(),
                ),
                (
                    "conditions",
                    &match p.verdict {
                        Some(PolicyVerdict::Applies) => t::CONDITIONS_ALL_MATCH,
                        Some(PolicyVerdict::DoesNotApply) => t::CONDITIONS_DO_NOT_MATCH,
                        _ => t::CONDITIONS_UNCHECKED,
                    }
                    .get(),
                ),
                ("grant", &p.grant.as_deref().unwrap_or("?")),
            ]),
        );
        for c in p
            .conditions
            .iter()
            .filter(|c| c.verdict != Verdict::NotConfigured)
        {
            let text = if c.reason.is_empty() {
                t::EVIDENCE_CONDITION
            } else {
                t::EVIDENCE_CONDITION_WHY
            };
            d.evidence.push(text.fill(&[
                ("name", &name),
                ("condition", &c.condition),
                ("configured", &c.configured),
                ("verdict", &c.verdict.as_str()),
                ("reason", &c.reason),
            ]));
        }
    }
    for note in &r.disagreements {
        d.evidence
            .push(t::EVIDENCE_DISAGREES.fill(&[("note", note)]));
    }

    d.replay = Some(r);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Device, NetworkLocation};

    fn ip(t: &str) -> IpAddr {
        t.parse().unwrap()
    }

    #[test]
    fn cidr_matching_at_the_edges() {
        let cases = [
            ("203.0.113.0/24", "203.0.113.0", true),
            ("203.0.113.0/24", "203.0.113.255", true),
            ("203.0.113.0/24", "203.0.114.0", false),
            ("203.0.113.0/24", "203.0.112.255", false),
            ("203.0.113.7/32", "203.0.113.7", true),
            ("203.0.113.7/32", "203.0.113.8", false),
            ("203.0.113.7", "203.0.113.7", true),
            ("0.0.0.0/0", "198.51.100.1", true),
            ("0.0.0.0/0", "2001:db8::1", false),
            // Host bits set in the network address are ignored, as Entra does.
            ("203.0.113.77/24", "203.0.113.1", true),
            ("10.0.0.0/8", "10.255.255.255", true),
            ("10.0.0.0/8", "11.0.0.0", false),
            ("2001:db8::/32", "2001:db8:ffff::1", true),
            ("2001:db8::/32", "2001:db9::1", false),
            ("2001:db8:10::/48", "2001:db8:10:ffff::1", true),
            ("2001:db8:10::/48", "2001:db8:11::1", false),
            ("::/0", "2001:db8::1", true),
            ("2001:db8::1/128", "2001:db8::1", true),
            ("2001:db8::1/128", "2001:db8::2", false),
            // An IPv4 address written IPv6-mapped still falls in its IPv4 range.
            ("203.0.113.0/24", "::ffff:203.0.113.9", true),
            ("2001:db8::/32", "203.0.113.9", false),
        ];
        for (range, addr, want) in cases {
            let c = Cidr::parse(range).unwrap_or_else(|| panic!("{range}"));
            assert_eq!(c.contains(ip(addr)), want, "{range} contains {addr}");
        }
        for bad in [
            "203.0.113.0/33",
            "2001:db8::/129",
            "not-an-ip/24",
            "1.2.3/24",
            "",
        ] {
            assert!(Cidr::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            Cidr::parse(" 10.1.0.0/16 ").unwrap().to_string(),
            "10.1.0.0/16"
        );
    }

    fn signin() -> SignIn<'static> {
        SignIn {
            user_principal_name: Some("dana@contoso.com".into()),
            user_id: Some("11111111-1111-4111-8111-111111111111".into()),
            app_id: Some("c44b4083-3bb0-49c1-b47d-974e53cbdf3c".into()),
            resource_id: Some("797f4846-ba00-4fd7-ba43-dac1f8f63013".into()),
            ip_address: Some("198.51.100.7".into()),
            country: Some("BR".into()),
            client_app_used: Some("Browser".into()),
            risk_level_during_sign_in: Some("none".into()),
            original_transfer_method: Some("none".into()),
            device: Device {
                device_id: Some("".into()),
                operating_system: Some("Windows10".into()),
                trust_type: Some("".into()),
                is_compliant: Some(false),
                ..Device::default()
            },
            ..SignIn::default()
        }
    }

    fn policy(conditions: serde_json::Value) -> Policy {
        serde_json::from_value(serde_json::json!({
            "id": "p1", "displayName": "P1", "state": "enabled",
            "conditions": conditions,
            "grantControls": {"operator": "OR", "builtInControls": ["block"]}
        }))
        .unwrap()
    }

    fn locations() -> Vec<NamedLocation> {
        vec![
            NamedLocation {
                id: "loc-hq".into(),
                display_name: "HQ egress".into(),
                kind: LocationKind::Ip {
                    ranges: vec![
                        Cidr::parse("203.0.113.0/24").unwrap(),
                        Cidr::parse("2001:db8:10::/48").unwrap(),
                    ],
                    trusted: true,
                },
            },
            NamedLocation {
                id: "loc-countries".into(),
                display_name: "Allowed countries".into(),
                kind: LocationKind::Country {
                    countries: vec!["US".into(), "GB".into()],
                    include_unknown: false,
                    lookup: "clientIpAddress".into(),
                },
            },
        ]
    }

    fn verdict_of(s: &SignIn<'_>, conditions: serde_json::Value, name: &str) -> (Verdict, String) {
        let p = policy(conditions);
        let locs = locations();
        let c = evaluate(s, &p, Some(&locs))
            .into_iter()
            .find(|c| c.condition == name)
            .unwrap();
        (c.verdict, c.reason)
    }

    #[test]
    fn users_decide_by_id_and_never_guess_group_membership() {
        use Verdict::*;
        let me = "11111111-1111-4111-8111-111111111111";
        let cases = [
            (serde_json::json!({"includeUsers": ["All"]}), Matched),
            (serde_json::json!({"includeUsers": ["None"]}), NotMatched),
            (serde_json::json!({"includeUsers": [me]}), Matched),
            (
                serde_json::json!({"includeUsers": ["22222222-2222-4222-8222-222222222222"]}),
                NotMatched,
            ),
            (
                serde_json::json!({"includeUsers": ["All"], "excludeUsers": [me]}),
                NotMatched,
            ),
            (
                serde_json::json!({"includeGroups": ["g1"]}),
                NotEnoughInformation,
            ),
            (
                serde_json::json!({"includeUsers": ["All"], "excludeGroups": ["g2"]}),
                NotEnoughInformation,
            ),
            (
                serde_json::json!({"includeUsers": ["All"], "excludeRoles": ["r1"]}),
                NotEnoughInformation,
            ),
            // Excluded by id decides, whatever the groups say.
            (
                serde_json::json!({"includeGroups": ["g1"], "excludeUsers": [me]}),
                NotMatched,
            ),
            (
                serde_json::json!({"includeUsers": ["All"], "excludeUsers": null, "excludeGroups": null}),
                Matched,
            ),
        ];
        for (users, want) in cases {
            let (got, reason) = verdict_of(&signin(), serde_json::json!({"users": users}), "users");
            assert_eq!(got, want, "{users}: {reason}");
        }
        let (_, reason) = verdict_of(
            &signin(),
            serde_json::json!({"users": {"includeUsers": ["All"], "excludeGroups": ["g2"]}}),
            "users",
        );
        assert!(
            reason.contains("dana@contoso.com") && reason.contains("g2"),
            "{reason}"
        );
        // A policy exported without its users or applications is never taken as "all".
        for name in ["users", "applications"] {
            let (got, reason) = verdict_of(&signin(), serde_json::json!({}), name);
            assert_eq!(got, NotEnoughInformation, "{name}: {reason}");
        }
        let mut no_id = signin();
        no_id.user_id = None;
        let (got, reason) = verdict_of(
            &no_id,
            serde_json::json!({"users": {"includeUsers": [me]}}),
            "users",
        );
        assert_eq!(got, NotEnoughInformation, "{reason}");
        assert!(reason.contains("no userId"), "{reason}");
    }

    #[test]
    fn applications_by_id_and_groups_said_honestly() {
        use Verdict::*;
        let cases = [
            (serde_json::json!({"includeApplications": ["All"]}), Matched),
            (
                serde_json::json!({"includeApplications": ["797f4846-ba00-4fd7-ba43-dac1f8f63013"]}),
                Matched,
            ),
            (
                serde_json::json!({"includeApplications": ["00000002-0000-0ff1-ce00-000000000000"]}),
                NotMatched,
            ),
            (
                serde_json::json!({"includeApplications": ["All"], "excludeApplications": ["C44B4083-3BB0-49C1-B47D-974E53CBDF3C"]}),
                NotMatched,
            ),
            (
                serde_json::json!({"includeApplications": ["MicrosoftAdminPortals"]}),
                Matched,
            ),
            (
                serde_json::json!({"includeApplications": ["Office365"]}),
                NotEnoughInformation,
            ),
            (
                serde_json::json!({"includeUserActions": ["urn:user:registersecurityinfo"]}),
                NotEnoughInformation,
            ),
        ];
        for (apps, want) in cases {
            let (got, reason) = verdict_of(
                &signin(),
                serde_json::json!({"applications": apps}),
                "applications",
            );
            assert_eq!(got, want, "{apps}: {reason}");
        }
    }

    #[test]
    fn client_app_types_follow_the_reference_mapping() {
        for (used, want) in [
            ("Browser", Some("browser")),
            (
                "Mobile Apps and Desktop clients",
                Some("mobileAppsAndDesktopClients"),
            ),
            ("Exchange ActiveSync", Some("exchangeActiveSync")),
            ("IMAP4", Some("other")),
            ("MAPI Over HTTP", Some("other")),
            ("AutoDiscover", Some("other")),
            ("Outlook Anywhere (RPC over HTTP)", Some("other")),
            ("Other clients; Older Office clients", Some("other")),
            ("Carrier pigeon", None),
        ] {
            assert_eq!(client_app_type(used), want, "{used}");
        }
        let legacy = serde_json::json!({"clientAppTypes": ["exchangeActiveSync", "other"]});
        let mut s = signin();
        assert_eq!(
            verdict_of(&s, legacy.clone(), "clientAppTypes").0,
            Verdict::NotMatched
        );
        s.client_app_used = Some("POP3".into());
        assert_eq!(
            verdict_of(&s, legacy.clone(), "clientAppTypes").0,
            Verdict::Matched
        );
        s.client_app_used = None;
        assert_eq!(
            verdict_of(&s, legacy, "clientAppTypes").0,
            Verdict::NotEnoughInformation
        );
        let all = serde_json::json!({"clientAppTypes": ["all"]});
        assert_eq!(
            verdict_of(&s, all, "clientAppTypes").0,
            Verdict::NotConfigured
        );
    }

    #[test]
    fn platforms_from_the_operating_system() {
        for (os, want) in [
            ("Windows10", Some("windows")),
            ("Windows 11", Some("windows")),
            ("Ios 18.3", Some("iOS")),
            ("Android", Some("android")),
            ("MacOs", Some("macOS")),
            ("Linux", Some("linux")),
            ("Windows Phone 8.1", Some("windowsPhone")),
            ("ChromeOS", None),
        ] {
            assert_eq!(platform(os), want, "{os}");
        }
        use Verdict::*;
        let mut s = signin();
        let cases = [
            (
                serde_json::json!({"includePlatforms": ["android", "iOS"]}),
                "Ios 18.3",
                Matched,
            ),
            (
                serde_json::json!({"includePlatforms": ["android", "iOS"]}),
                "Windows10",
                NotMatched,
            ),
            (
                serde_json::json!({"includePlatforms": ["all"], "excludePlatforms": ["windows"]}),
                "Windows10",
                NotMatched,
            ),
            (
                serde_json::json!({"includePlatforms": ["all"]}),
                "ChromeOS",
                Matched,
            ),
            (
                serde_json::json!({"includePlatforms": ["all"], "excludePlatforms": ["iOS"]}),
                "ChromeOS",
                NotEnoughInformation,
            ),
        ];
        for (p, os, want) in cases {
            s.device.operating_system = Some(os.to_string().into());
            let (got, reason) = verdict_of(&s, serde_json::json!({"platforms": p}), "platforms");
            assert_eq!(got, want, "{p} {os}: {reason}");
        }
        let none = verdict_of(&s, serde_json::json!({"platforms": null}), "platforms");
        assert_eq!(none.0, NotConfigured);
    }

    #[test]
    fn locations_by_ip_country_and_trust() {
        use Verdict::*;
        let block_untrusted = serde_json::json!({"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}});
        let mut s = signin();
        let (got, reason) = verdict_of(&s, block_untrusted.clone(), "locations");
        assert_eq!(got, Matched, "{reason}");
        assert!(reason.contains("198.51.100.7 is outside"), "{reason}");
        assert!(
            reason.contains("203.0.113.0/24, 2001:db8:10::/48"),
            "{reason}"
        );
        for inside in ["203.0.113.50", "2001:db8:10::abcd"] {
            s.ip_address = Some(inside.to_string().into());
            let (got, reason) = verdict_of(&s, block_untrusted.clone(), "locations");
            assert_eq!(got, NotMatched, "{inside}: {reason}");
            assert!(reason.contains("inside \"HQ egress\""), "{reason}");
        }
        s.ip_address = Some("2001:db8:11::1".into());
        assert_eq!(
            verdict_of(&s, block_untrusted.clone(), "locations").0,
            Matched
        );
        s.ip_address = None;
        let (got, reason) = verdict_of(&s, block_untrusted.clone(), "locations");
        assert_eq!(got, NotEnoughInformation);
        assert!(reason.contains("no ipAddress"), "{reason}");

        let countries = serde_json::json!({"locations": {"includeLocations": ["All"], "excludeLocations": ["loc-countries"]}});
        let mut s = signin();
        assert_eq!(verdict_of(&s, countries.clone(), "locations").0, Matched);
        s.country = Some("GB".into());
        assert_eq!(verdict_of(&s, countries.clone(), "locations").0, NotMatched);
        s.country = Some("".into());
        assert_eq!(verdict_of(&s, countries.clone(), "locations").0, Matched);
        s.country = None;
        assert_eq!(
            verdict_of(&s, countries, "locations").0,
            NotEnoughInformation
        );

        // An id the named-locations export does not hold, and the MFA trusted IPs.
        let s = signin();
        for id in ["loc-gone", MFA_TRUSTED_IPS] {
            let c = serde_json::json!({"locations": {"includeLocations": ["All"], "excludeLocations": [id]}});
            assert_eq!(
                verdict_of(&s, c, "locations").0,
                NotEnoughInformation,
                "{id}"
            );
        }
        // Without named locations, AllTrusted falls back on the log's own reading.
        let p = policy(block_untrusted);
        let mut s = signin();
        s.network_locations = Some(vec![NetworkLocation {
            network_type: Some("trustedNamedLocation".into()),
            names: vec!["HQ egress".into()],
        }]);
        let c = evaluate(&s, &p, None);
        let loc = c.iter().find(|c| c.condition == "locations").unwrap();
        assert_eq!(loc.verdict, NotMatched, "{}", loc.reason);
        s.network_locations = None;
        let c = evaluate(&s, &p, None);
        let loc = c.iter().find(|c| c.condition == "locations").unwrap();
        assert_eq!(loc.verdict, NotEnoughInformation, "{}", loc.reason);
    }

    #[test]
    fn risk_levels_and_what_the_log_cannot_say() {
        use Verdict::*;
        let mut s = signin();
        let c = serde_json::json!({"signInRiskLevels": ["high", "medium"]});
        assert_eq!(verdict_of(&s, c.clone(), "signInRiskLevels").0, NotMatched);
        s.risk_level_during_sign_in = Some("high".into());
        assert_eq!(verdict_of(&s, c.clone(), "signInRiskLevels").0, Matched);
        s.risk_level_during_sign_in = Some("hidden".into());
        assert_eq!(
            verdict_of(&s, c.clone(), "signInRiskLevels").0,
            NotEnoughInformation
        );
        s.risk_level_during_sign_in = None;
        assert_eq!(
            verdict_of(&s, c, "signInRiskLevels").0,
            NotEnoughInformation
        );
        let user = serde_json::json!({"userRiskLevels": ["high"]});
        assert_eq!(
            verdict_of(&s, user, "userRiskLevels").0,
            NotEnoughInformation
        );
        let insider = serde_json::json!({"insiderRiskLevels": "elevated"});
        assert_eq!(
            verdict_of(&s, insider, "insiderRiskLevels").0,
            NotEnoughInformation
        );
        assert_eq!(
            verdict_of(&s, serde_json::json!({}), "signInRiskLevels").0,
            NotConfigured
        );
    }

    #[test]
    fn device_filters_only_when_certain() {
        use Verdict::*;
        let filter = |mode: &str, rule: &str| serde_json::json!({"devices": {"deviceFilter": {"mode": mode, "rule": rule}}});
        let mut s = signin();
        // Unregistered: every attribute is null.
        let compliant = filter("exclude", "device.isCompliant -eq True");
        assert_eq!(
            verdict_of(&s, compliant.clone(), "devices.deviceFilter").0,
            Matched
        );
        s.device.device_id = Some("dev-1".into());
        s.device.trust_type = Some("Azure AD joined".into());
        s.device.is_compliant = Some(true);
        assert_eq!(
            verdict_of(&s, compliant.clone(), "devices.deviceFilter").0,
            NotMatched
        );
        s.device.is_compliant = None;
        assert_eq!(
            verdict_of(&s, compliant, "devices.deviceFilter").0,
            NotEnoughInformation
        );
        s.device.is_compliant = Some(false);
        let cases = [
            (
                filter("include", "device.trustType -eq \"AzureAD\""),
                Matched,
            ),
            (
                filter("include", "device.trustType -eq \"ServerAD\""),
                NotMatched,
            ),
            (
                filter(
                    "include",
                    "device.trustType -ne \"ServerAD\" -and device.isCompliant -eq False",
                ),
                Matched,
            ),
            (
                filter(
                    "include",
                    "device.trustType -eq \"ServerAD\" -or device.isCompliant -eq True",
                ),
                NotMatched,
            ),
            (
                filter("include", "device.extensionAttribute1 -eq \"kiosk\""),
                NotEnoughInformation,
            ),
            (
                filter("include", "(device.isCompliant -eq True)"),
                NotEnoughInformation,
            ),
            (
                filter(
                    "include",
                    "device.isCompliant -eq True -and device.trustType -eq \"AzureAD\" -or device.isCompliant -eq False",
                ),
                NotEnoughInformation,
            ),
        ];
        for (f, want) in cases {
            let (got, reason) = verdict_of(&s, f.clone(), "devices.deviceFilter");
            assert_eq!(got, want, "{f}: {reason}");
        }
    }

    #[test]
    fn authentication_flows_from_transfer_method_or_protocol() {
        use Verdict::*;
        let c = serde_json::json!({"authenticationFlows": {"transferMethods": "deviceCodeFlow,authenticationTransfer"}});
        let mut s = signin();
        assert_eq!(
            verdict_of(&s, c.clone(), "authenticationFlows").0,
            NotMatched
        );
        s.original_transfer_method = Some("deviceCodeFlow".into());
        assert_eq!(verdict_of(&s, c.clone(), "authenticationFlows").0, Matched);
        s.original_transfer_method = None;
        s.authentication_protocol = Some("deviceCode".into());
        assert_eq!(verdict_of(&s, c.clone(), "authenticationFlows").0, Matched);
        s.authentication_protocol = Some("oAuth2".into());
        assert_eq!(
            verdict_of(&s, c, "authenticationFlows").0,
            NotEnoughInformation
        );
    }

    /// The log says policy "P1" blocked `s`; the exported P1 (returned) targets everyone
    /// everywhere except the countries named location.
    fn blocked_by_p1(s: &mut SignIn<'static>) -> Policy {
        s.policies = Some(vec![AppliedPolicy {
            id: Some("p1".into()),
            display_name: Some("P1".into()),
            result: Some("failure".into()),
            grant_controls: vec!["Block".into()],
            ..AppliedPolicy::default()
        }]);
        policy(serde_json::json!({
            "users": {"includeUsers": ["All"]},
            "applications": {"includeApplications": ["All"]},
            "locations": {"includeLocations": ["All"], "excludeLocations": ["loc-countries"]}
        }))
    }

    #[test]
    fn replay_flags_a_policy_that_changed_since() {
        let mut s = signin();
        s.created = crate::model::parse_time("2026-11-02T08:00:00Z");
        let mut p = blocked_by_p1(&mut s);
        let set = |p: &Policy| PolicySet {
            policies: vec![p.clone()],
            locations: Some(locations()),
            source: "policies.json".into(),
        };
        let r = replay(&s, &set(&p));
        assert_eq!(r.policies.len(), 1);
        assert_eq!(r.policies[0].agreement, Agreement::Agrees);
        assert!(r.disagreements.is_empty());
        // Brazil was added to the allowed countries after the sign-in.
        s.country = Some("GB".into());
        p.modified_date_time = Some("2026-11-03T09:00:00Z".into());
        let r = replay(&s, &set(&p));
        assert_eq!(r.policies[0].agreement, Agreement::Disagrees);
        let note = &r.disagreements[0];
        assert!(note.contains("the log says \"P1\" failure"), "{note}");
        assert!(note.contains("would not apply"), "{note}");
        assert!(note.contains("locations"), "{note}");
        assert!(note.contains("modified 2026-11-03"), "{note}");
        // Now report-only, or disabled.
        s.country = Some("BR".into());
        for state in ["enabledForReportingButNotEnforced", "disabled"] {
            p.state = state.into();
            let r = replay(&s, &set(&p));
            assert_eq!(r.policies[0].agreement, Agreement::Disagrees, "{state}");
            assert!(r.disagreements[0].contains("no longer block"), "{state}");
        }
        // The block was replaced by an MFA requirement since.
        p.state = "enabled".into();
        p.grant_controls = Some(GrantControls {
            operator: "OR".into(),
            built_in_controls: vec!["mfa".into()],
            ..GrantControls::default()
        });
        let r = replay(&s, &set(&p));
        assert_eq!(r.policies[0].agreement, Agreement::Disagrees);
        assert!(
            r.disagreements[0]
                .contains("the log's grant was Block and the exported policy's is mfa"),
            "{r:?}"
        );
        p.grant_controls = policy(serde_json::json!({})).grant_controls;
        // Found by name when the ids differ, and said so.
        let mut renamed = s.clone();
        renamed.policies.as_mut().unwrap()[0].id = Some("old-id".into());
        let r = replay(&renamed, &set(&p));
        assert_eq!(r.policies[0].agreement, Agreement::Agrees);
        assert!(
            r.policies[0]
                .note
                .as_deref()
                .unwrap()
                .contains("old-id differs"),
            "{r:?}"
        );
        // A log without a policy list contradicts nothing.
        let mut bare = s.clone();
        bare.policies = None;
        p.state = "enabled".into();
        let r = replay(&bare, &set(&p));
        assert_eq!(r.policies[0].agreement, Agreement::NotInLog);
        assert!(r.disagreements.is_empty());
        // With a list that lacks it, a policy that would apply is a disagreement.
        let mut other = s.clone();
        other.policies.as_mut().unwrap()[0].id = Some("p9".into());
        other.policies.as_mut().unwrap()[0].display_name = Some("P9".into());
        let r = replay(&other, &set(&p));
        let p1 = r.policies.iter().find(|x| x.name == "P1").unwrap();
        assert_eq!(p1.agreement, Agreement::Disagrees);
        assert!(r.disagreements[0].contains("does not list \"P1\""), "{r:?}");
        // A logged policy the export lacks.
        let r = replay(
            &s,
            &PolicySet {
                policies: Vec::new(),
                locations: None,
                source: "policies.json".into(),
            },
        );
        assert_eq!(r.policies[0].agreement, Agreement::NotExported);
    }

    #[test]
    fn a_replayed_diagnosis_survives_the_spill_file() {
        // Large reports keep failures in a temporary file as JSON: the replay must round-trip.
        let mut d = crate::classify::tests::diagnosis_for_tests();
        let mut s = signin();
        s.policies = Some(vec![AppliedPolicy {
            id: Some("p1".into()),
            display_name: Some("P1".into()),
            result: Some("failure".into()),
            grant_controls: vec!["Block".into()],
            ..AppliedPolicy::default()
        }]);
        let set = PolicySet {
            policies: vec![policy(serde_json::json!({
                "users": {"includeUsers": ["All"], "excludeGroups": ["g1"]},
                "locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}
            }))],
            locations: Some(locations()),
            source: "policies.json".into(),
        };
        enrich(&mut d, &s, &set);
        let r = d.replay.as_ref().expect("replayed");
        assert_eq!(r.policies[0].verdict, Some(PolicyVerdict::CannotTell));
        let back: Diagnosis = serde_json::from_slice(&serde_json::to_vec(&d).unwrap()).unwrap();
        assert_eq!(back, d);
        // A diagnosis written without a replay reads back without one.
        let mut plain = crate::classify::tests::diagnosis_for_tests();
        plain.replay = None;
        let text = serde_json::to_string(&plain).unwrap();
        assert!(!text.contains("replay"), "{text}");
        assert_eq!(serde_json::from_str::<Diagnosis>(&text).unwrap(), plain);
    }

    #[test]
    fn french_reasons_say_which_fact_the_log_lacks() {
        use crate::i18n::{Lang, with_lang};
        with_lang(Lang::Fr, || {
            let mut s = signin();
            let groups = serde_json::json!({"users": {"includeGroups": ["g1"]}});
            let (v, reason) = verdict_of(&s, groups, "users");
            assert_eq!(v, Verdict::NotEnoughInformation);
            assert_eq!(
                reason,
                "on ne sait pas si dana@contoso.com est membre du ou des groupes [g1] (le \
                 journal de connexion ne l'enregistre pas)"
            );
            let untrusted = serde_json::json!({"locations": {"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}});
            let (v, reason) = verdict_of(&s, untrusted.clone(), "locations");
            assert_eq!(v, Verdict::Matched);
            assert!(
                reason.starts_with(
                    "tous les emplacements (All), et 198.51.100.7 est hors de tous les \
                     emplacements approuvés (« HQ egress » (203.0.113.0/24, 2001:db8:10::/48 ; \
                     approuvé)) ; les adresses IP approuvées MFA"
                ),
                "{reason}"
            );
            s.ip_address = None;
            let (_, reason) = verdict_of(&s, untrusted, "locations");
            assert!(
                reason.contains("le journal n'a pas de champ ipAddress"),
                "{reason}"
            );
            let c = policy(serde_json::json!({"userRiskLevels": ["high"]}));
            let risk = evaluate(&s, &c, None)
                .into_iter()
                .find(|c| c.condition == "userRiskLevels")
                .unwrap();
            assert!(
                risk.reason.contains("Microsoft Entra ID Protection"),
                "{risk:?}"
            );
            // The configured values keep the export's words; the labels around them change.
            let p = policy(
                serde_json::json!({"users": {"includeUsers": ["All"], "excludeGroups": ["g1"]}}),
            );
            let users = &evaluate(&s, &p, None)[0];
            assert_eq!(
                users.configured,
                "utilisateurs inclus [All] ; groupes exclus [g1]"
            );
            assert_eq!(grant(&p), "block");
        });
    }

    #[test]
    fn french_disagreement_names_the_portal_condition() {
        use crate::i18n::{Lang, with_lang};
        let mut s = signin();
        s.created = crate::model::parse_time("2026-11-02T08:00:00Z");
        s.country = Some("GB".into());
        let mut p = blocked_by_p1(&mut s);
        p.modified_date_time = Some("2026-11-03T09:00:00Z".into());
        let set = PolicySet {
            policies: vec![p],
            locations: Some(locations()),
            source: "policies.json".into(),
        };
        with_lang(Lang::Fr, || {
            let r = replay(&s, &set);
            assert_eq!(
                r.disagreements,
                [
                    "selon le journal, « P1 » a le résultat failure, mais la stratégie exportée ne \
                  s'appliquerait pas : sa condition « Emplacements » n'est pas remplie \
                  (exclusion : le pays GB figure dans « Allowed countries ») ; la stratégie a pu \
                  changer depuis (modifiée le 2026-11-03 09:00 UTC, après cette connexion)"
                ]
            );
            let p1 = &r.policies[0];
            assert_eq!(
                p1.now_text(),
                "stratégie exportée à l'état enabled, modifiée le 2026-11-03T09:00:00Z : does \
                 not apply (octroi : block)"
            );
            assert_eq!(p1.log_text(), "résultat dans le journal : failure");
            // Machine values stay: the condition key and the verdict.
            assert_eq!(p1.conditions[4].condition, "locations");
            assert_eq!(p1.conditions[4].verdict, Verdict::NotMatched);
            // Evidence lines start with "rejeu" in French: the views hide them by that.
            let mut d = crate::classify::tests::diagnosis_for_tests();
            d.policies = vec![crate::model::PolicyRef {
                id: Some("p1".into()),
                name: "P1".into(),
            }];
            enrich(&mut d, &s, &set);
            let replayed: Vec<&String> = d
                .evidence
                .iter()
                .filter(|e| is_replay_evidence(e))
                .collect();
            assert!(
                replayed.iter().any(|e| e.as_str()
                    == "rejeu : la stratégie exportée « P1 » est maintenant à l'état enabled \
                        (modifiée le 2026-11-03T09:00:00Z) ; ses conditions ne correspondent pas \
                        à cette connexion (octroi : block)"),
                "{replayed:#?}"
            );
            assert!(
                replayed.iter().any(
                    |e| e.starts_with("rejeu en désaccord avec le journal : selon le journal")
                ),
                "{replayed:#?}"
            );
        });
        // The same replay in English is unchanged.
        let r = replay(&s, &set);
        assert!(
            r.disagreements[0].contains("its locations condition is not met"),
            "{r:?}"
        );
    }

    #[test]
    fn grants_read_as_the_export_says() {
        let mut p = policy(serde_json::json!({}));
        assert_eq!(grant(&p), "block");
        p.grant_controls = Some(GrantControls {
            operator: "AND".into(),
            built_in_controls: vec!["mfa".into(), "compliantDevice".into()],
            ..GrantControls::default()
        });
        assert_eq!(grant(&p), "mfa AND compliantDevice");
        p.grant_controls = None;
        assert!(grant(&p).contains("session controls only"));
    }
}
