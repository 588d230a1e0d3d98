//! Writes the KQL query that runs the diagnosis where the logs live (Log Analytics,
//! Sentinel, Azure Data Explorer). Pure: options in, query text out. Every rule comes from
//! rules.rs and model.rs, the tables the Rust classifier reads, so the two cannot drift.

use std::fmt::Write as _;

use chrono::SecondsFormat;

use crate::model::{BLOCKED_BY_CONDITIONAL_ACCESS, Cause, Conditions, TimeBound};
use crate::rules::{
    ACTIONABILITY, AUTH_TRANSFER_VALUES, BLOCK_GRANT, CONDITION_CAUSES, DEVICE_CODE_PROTOCOLS,
    DEVICE_CODE_TRANSFERS, FAILED_RESULT, GRANT_REQUIREMENTS, LEGACY_NAME_PHRASES, LOW_RISK_LEVEL,
    MODERN_CLIENT_APPS, NAME_HINTS, RISKY_LEVELS, RISKY_USER_STATES, TRUSTED_NETWORK_TYPES,
    UNKNOWN_FUTURE_CONDITION, rank,
};

/// The interactive sign-in table, and the one non-interactive sign-ins go to.
pub(crate) const INTERACTIVE_TABLE: &str = "SigninLogs";
pub(crate) const NON_INTERACTIVE_TABLE: &str = "AADNonInteractiveUserSignInLogs";

/// What the query returns: one row per blocked sign-in, or one per user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Per {
    Failure,
    User,
}

/// What to query and how to filter it.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The tables to read (their union); names as the workspace spells them.
    pub tables: Vec<String>,
    pub since: Option<TimeBound>,
    /// UPNs or display names (any case).
    pub users: Vec<String>,
    /// Blocking policies, by display name or id (any case).
    pub policies: Vec<String>,
    pub per: Per,
}

/// Why a query could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// A filter value holds a control character KQL string literals cannot spell.
    ControlCharacter { flag: &'static str, value: String },
    /// A table name that is empty or not one table.
    BadTable(String),
    /// A span longer than KQL's timespan can hold.
    SpanTooLong,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::ControlCharacter { flag, value } => write!(
                f,
                "{flag} {value:?} contains a control character that a KQL string cannot hold: \
                 a UPN or policy name never does; check the quoting in your shell"
            ),
            Error::BadTable(name) => write!(
                f,
                "--table {name:?} is not a table name: give one table per --table, for example \
                 --table SigninLogs --table AADNonInteractiveUserSignInLogs"
            ),
            Error::SpanTooLong => f.write_str(
                "--since: the span is longer than a KQL timespan can hold; use a date instead \
                 (2020-01-01)",
            ),
        }
    }
}

impl std::error::Error for Error {}

/// KQL's timespan holds up to about 29,000 years; stay well inside it.
const MAX_SPAN_DAYS: i64 = 3_650_000;

/// The query, ready to paste into the Logs blade or run with `az monitor log-analytics
/// query`.
pub(crate) fn query(o: &Options) -> Result<String, Error> {
    let mut q = String::new();
    header(&mut q, o);
    functions(&mut q);
    source(&mut q, o)?;
    policies(&mut q, o)?;
    signals(&mut q);
    classification(&mut q);
    if !o.policies.is_empty() {
        let _ = writeln!(
            q,
            "// --policy: only blocks by these policies (display name or id).\n| where PolicyWanted"
        );
    }
    output(&mut q, o.per);
    Ok(q)
}

fn header(q: &mut String, o: &Options) {
    let causes: Vec<&str> = ACTIONABILITY.iter().map(|c| c.as_str()).collect();
    let what = match o.per {
        Per::User => "one row per user",
        Per::Failure => "one row per blocked sign-in",
    };
    let _ = write!(
        q,
        "\
// Why Conditional Access blocked sign-ins (AADSTS{BLOCKED_BY_CONDITIONAL_ACCESS}), {what}.
// Written by `signin-doctor kql` from the rule tables `signin-doctor report` uses.
// Causes, most actionable first (it leads among equally supported ones): {causes}.
// Confidence: high only when a blocking policy records which conditions it matched
// (conditionsSatisfied, as a bitmask or as comma-separated names). Without that (0 or
// absent, as in many workspaces), the cause is inferred from the sign-in's own fields and
// the policy names, as the Rust rules do: medium when both agree, low for one alone,
// never high; unknown when the data does not say.
// Differences from `signin-doctor report`: no detail, evidence or fix text; each cause is
// listed once; one row per request id (the latest logged); --since reads TimeGenerated;
// report-only policies are not simulated; policy names are matched with RE2's Unicode
// classes, the Rust rules with Rust's.
",
        causes = causes.join(", ")
    );
}

/// The bit of a cause in a cause set: its place in the lead order.
fn cause_bit(c: Cause) -> u64 {
    1 << rank(c)
}

/// The helpers: decoding conditionsSatisfied, and the lead cause of a cause set.
fn functions(q: &mut String) {
    let _ = writeln!(
        q,
        "// conditionsSatisfied as a bitmask: an integer (diagnostic settings, Log Analytics) or
// beta's comma-separated names, where a name this table does not know is
// {UNKNOWN_FUTURE_CONDITION}.
let condition_bits = (raw: dynamic) {{
    let text = tostring(raw);
    let number = tolong(text);
    let names = split(tolower(replace_regex(text, @\"\\s\", \"\")), \",\");
    iff(isnotnull(number), number, 0"
    );
    let known: Vec<String> = Conditions::NAMES
        .iter()
        .map(|(n, _)| n.to_lowercase())
        .chain(["none".to_string(), String::new()])
        .collect();
    for &(name, bit) in Conditions::NAMES.iter().filter(|(_, b)| *b != 0) {
        let name = name.to_lowercase();
        if name == UNKNOWN_FUTURE_CONDITION.to_lowercase() {
            let _ = writeln!(
                q,
                "        + iff(set_has_element(names, {}) or array_length(set_difference(names, dynamic({}))) > 0, {bit}, 0)",
                quoted(&name),
                json_array(&known)
            );
        } else {
            let _ = writeln!(
                q,
                "        + iff(set_has_element(names, {}), {bit}, 0)",
                quoted(&name)
            );
        }
    }
    let _ = writeln!(q, "    )\n}};");
    let _ = writeln!(
        q,
        "// The lead of a cause set (bit i = the i-th cause of the lead order).
let lead_cause = (causes: long) {{
    case("
    );
    for c in ACTIONABILITY {
        let _ = writeln!(
            q,
            "        binary_and(causes, {}) != 0, {},",
            cause_bit(c),
            quoted(c.as_str())
        );
    }
    let _ = writeln!(q, "        {})\n}};", quoted(Cause::Unknown.as_str()));
    let grants: Vec<String> = GRANT_REQUIREMENTS
        .iter()
        .map(|(g, c, _)| format!("{}: {}", json_string(&g.to_lowercase()), cause_bit(*c)))
        .collect();
    let _ = writeln!(
        q,
        "// A failed grant that is not {BLOCK_GRANT} says what the sign-in lacked: grant → cause.
let grant_causes = dynamic({{{}}});",
        grants.join(", ")
    );
}

/// Reads the tables, keeps the 53003s in the window, and gives every column one type:
/// the non-interactive table holds as JSON text what SigninLogs holds as dynamic.
fn source(q: &mut String, o: &Options) -> Result<(), Error> {
    if o.tables.is_empty() {
        return Err(Error::BadTable(String::new()));
    }
    let since = match o.since {
        None => None,
        Some(TimeBound::At(t)) => Some(format!(
            "datetime({})",
            t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
        )),
        Some(TimeBound::Ago(d)) => {
            if d.num_days() > MAX_SPAN_DAYS || d < chrono::Duration::zero() {
                return Err(Error::SpanTooLong);
            }
            Some(format!("ago({})", timespan(d)))
        }
    };
    let several = o.tables.len() > 1;
    let _ = writeln!(
        q,
        "let SignIns ={}",
        if several { " union isfuzzy=true" } else { "" }
    );
    for (i, table) in o.tables.iter().enumerate() {
        let _ = writeln!(
            q,
            "    {}{}",
            if several { "(" } else { "" },
            table_name(table)?
        );
        if let Some(since) = &since {
            let _ = writeln!(q, "    | where TimeGenerated >= {since}");
        }
        let _ = writeln!(
            q,
            "    | where tostring(ResultType) == \"{BLOCKED_BY_CONDITIONAL_ACCESS}\""
        );
        // The sign-in's own time, as `report` shows it; TimeGenerated is when it was logged.
        let _ = writeln!(
            q,
            "    | project TimeGenerated,
        SignInTime = coalesce(todatetime(column_ifexists(\"CreatedDateTime\", datetime(null))), TimeGenerated),"
        );
        let columns = [
            ("RequestId", "Id"),
            ("CorrelationId", "CorrelationId"),
            ("Upn", "UserPrincipalName"),
            ("UserDisplayName", "UserDisplayName"),
            ("UserId", "UserId"),
            ("App", "AppDisplayName"),
            ("Ip", "IPAddress"),
            ("CountryCode", "Location"),
            ("ClientAppUsed", "ClientAppUsed"),
            ("TransferMethod", "OriginalTransferMethod"),
            ("Protocol", "AuthenticationProtocol"),
            ("RiskDuringSignIn", "RiskLevelDuringSignIn"),
            ("RiskAggregated", "RiskLevelAggregated"),
            ("RiskState", "RiskState"),
            ("PoliciesText", "ConditionalAccessPolicies"),
            ("AppliedPoliciesText", "AppliedConditionalAccessPolicies"),
            ("DeviceText", "DeviceDetail"),
            ("LocationText", "LocationDetails"),
            ("NetworkText", "NetworkLocationDetails"),
        ];
        for (n, (name, column)) in columns.iter().enumerate() {
            let end = match (n + 1 == columns.len(), several) {
                (false, _) => ",",
                (true, true) => ")",
                (true, false) => "",
            };
            let _ = writeln!(
                q,
                "        {name} = tostring(column_ifexists(\"{column}\", \"\")){end}"
            );
        }
        if i + 1 < o.tables.len() {
            q.pop();
            q.push_str(",\n");
        }
    }
    let _ = writeln!(q, "    ;");
    let _ = writeln!(q, "SignIns");
    // The same sign-in exported twice (overlapping copies) is counted once.
    let _ = writeln!(
        q,
        "| extend Key = iff(isnotempty(RequestId), RequestId, strcat(tostring(TimeGenerated), \"|\", CorrelationId, \"|\", Upn, \"|\", PoliciesText))
| summarize arg_max(TimeGenerated, *) by Key
// The name a user is reported under: the UPN in lower case, else the display name, else the id.
| extend user = coalesce(tolower(trim(@\"\\s+\", Upn)), trim(@\"\\s+\", UserDisplayName), trim(@\"\\s+\", UserId), \"(unknown user)\")"
    );
    if !o.users.is_empty() {
        let list = literal_list("--user", &o.users, true)?;
        let _ = writeln!(
            q,
            "// --user: only these users (UPN or display name, any case).
| where trim(@\"\\s+\", Upn) in~ ({list}) or trim(@\"\\s+\", UserDisplayName) in~ ({list})"
        );
    }
    Ok(())
}

/// Per policy: which failed, which carry a Block, what their names and grants point at,
/// and which conditions they matched; then the blocking set (the failed Block policies,
/// else every failed one).
fn policies(q: &mut String, o: &Options) -> Result<(), Error> {
    let grant_tokens: Vec<String> = GRANT_REQUIREMENTS
        .iter()
        .map(|(g, _, _)| regex_escape(&g.to_lowercase()))
        .collect();
    let _ = writeln!(
        q,
        "// Log Analytics' newer AppliedConditionalAccessPolicies column stands in only when
// ConditionalAccessPolicies is absent.
| extend Policies = iff(isnull(array_length(parse_json(PoliciesText))), parse_json(AppliedPoliciesText), parse_json(PoliciesText))
// A sign-in with no policy list still gets a row (and the cause inferred from its fields).
| extend Policies = iff(array_length(Policies) > 0, Policies, dynamic([null]))
| mv-apply with_itemindex = PolicyIndex Policy = Policies on (
    extend Result = tolower(tostring(Policy.result)),
        Grants = tolower(tostring(Policy.enforcedGrantControls)),
        PolicyName = coalesce(tostring(Policy.displayName), tostring(Policy.id), \"(unnamed policy)\"),
        PolicyId = tostring(Policy.id),
        PolicyConditions = condition_bits(Policy.conditionsSatisfied)
    | extend Failed = Result == {failed},
        IsBlock = set_has_element(parse_json(Grants), {block}),
        // The first requirement the policy lists decides.
        GrantBit = coalesce(tolong(grant_causes[extract({grant_re}, 1, Grants)]), 0),
        LegacyNamed = PolicyName matches regex {legacy_re},
        NameBits = 0",
        failed = quoted(&FAILED_RESULT.to_lowercase()),
        block = quoted(&BLOCK_GRANT.to_lowercase()),
        grant_re = verbatim(&format!("\"({})\"", grant_tokens.join("|"))),
        legacy_re = verbatim(&format!(
            "(?i)({})",
            LEGACY_NAME_PHRASES
                .iter()
                .map(|p| regex_escape(p))
                .collect::<Vec<_>>()
                .join("|")
        )),
    );
    for (cause, words, phrases) in NAME_HINTS {
        let mut tests = Vec::new();
        if !words.is_empty() {
            let words: Vec<String> = words.iter().map(|w| regex_escape(w)).collect();
            tests.push(format!(
                "PolicyName matches regex {}",
                verbatim(&format!(
                    "(?i)(^|[^\\pL\\pN])({})([^\\pL\\pN]|$)",
                    words.join("|")
                ))
            ));
        }
        if !phrases.is_empty() {
            let phrases: Vec<String> = phrases.iter().map(|p| regex_escape(p)).collect();
            tests.push(format!(
                "PolicyName matches regex {}",
                verbatim(&format!("(?i)({})", phrases.join("|")))
            ));
        }
        let _ = writeln!(
            q,
            "            + iff({}, {}, 0) // name hint: {cause}",
            tests.join(" or "),
            cause_bit(*cause)
        );
    }
    let wanted = if o.policies.is_empty() {
        "false".to_string()
    } else {
        let list = literal_list("--policy", &o.policies, false)?;
        format!("PolicyName in~ ({list}) or PolicyId in~ ({list})")
    };
    let _ = writeln!(
        q,
        "    // A failed grant other than {BLOCK_GRANT} hints at what it required; names hint otherwise.
    | extend HintBits = iff(not(IsBlock) and GrantBit != 0, GrantBit, NameBits),
        Wanted = {wanted}
    | order by PolicyIndex asc
    | summarize
        BlockCount = countif(Failed and IsBlock),
        BlockPolicies = make_list_if(PolicyName, Failed and IsBlock),
        FailedPolicies = make_list_if(PolicyName, Failed),
        BlockConditions = binary_all_or(iff(Failed and IsBlock, PolicyConditions, 0)),
        FailedConditions = binary_all_or(iff(Failed, PolicyConditions, 0)),
        BlockHints = binary_all_or(iff(Failed and IsBlock, HintBits, 0)),
        FailedHints = binary_all_or(iff(Failed, HintBits, 0)),
        FailedGrants = binary_all_or(iff(Failed and not(IsBlock), GrantBit, 0)),
        FailedGrantOrder = make_list_if(GrantBit, Failed and not(IsBlock) and GrantBit != 0),
        BlockLegacyNamed = countif(Failed and IsBlock and LegacyNamed) > 0,
        FailedLegacyNamed = countif(Failed and LegacyNamed) > 0,
        BlockWanted = countif(Failed and IsBlock and Wanted) > 0,
        FailedWanted = countif(Failed and Wanted) > 0
)
// The blocking policies: the failed ones with a {BLOCK_GRANT} grant, else every failed one.
| extend Blocking = BlockCount > 0
| extend policies = iff(Blocking, BlockPolicies, FailedPolicies),
    Conditions = iff(Blocking, BlockConditions, FailedConditions),
    HintBits = iff(Blocking, BlockHints, FailedHints),
    GrantBits = iff(Blocking, 0, FailedGrants),
    FirstGrant = iff(Blocking, 0, tolong(FailedGrantOrder[0])),
    LegacyNamed = iff(Blocking, BlockLegacyNamed, FailedLegacyNamed),
    PolicyWanted = iff(Blocking, BlockWanted, FailedWanted)"
    );
    Ok(())
}

/// What the sign-in's own fields say, and how strongly, for each cause.
fn signals(q: &mut String) {
    let flow_values = |values: &[&str]| -> String {
        values
            .iter()
            .map(|v| quoted(v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        q,
        "| extend Device = parse_json(DeviceText), SignInLocation = parse_json(LocationText)
| extend Client = trim(@\"\\s+\", ClientAppUsed),
    TrustType = trim(@\"\\s+\", tostring(Device.trustType)),
    DeviceId = trim(@\"\\s+\", tostring(Device.deviceId)),
    Compliant = tolower(tostring(Device.isCompliant)) == \"true\",
    NotCompliant = tolower(tostring(Device.isCompliant)) == \"false\",
    NotManaged = tolower(tostring(Device.isManaged)) == \"false\",
    Os = trim(@\"\\s+\", tostring(Device.operatingSystem)),
    City = trim(@\"\\s+\", tostring(SignInLocation.city)),
    country = coalesce(trim(@\"\\s+\", tostring(SignInLocation.countryOrRegion)), trim(@\"\\s+\", CountryCode)),
    Transfer = tolower(replace_regex(TransferMethod, @\"[^\\pL\\pN]\", \"\")),
    FlowProtocol = tolower(replace_regex(Protocol, @\"[^\\pL\\pN]\", \"\"))
// Everything but {modern} is legacy authentication.
| extend Legacy = isnotempty(Client) and not(Client in~ ({modern_list})),
    Flow = Transfer in ({transfers}) or FlowProtocol in ({protocols})
        or Transfer in ({auth_transfer}) or FlowProtocol in ({auth_transfer}),
    RiskStrong = trim(@\"\\s+\", RiskDuringSignIn) in~ ({risky}) or trim(@\"\\s+\", RiskAggregated) in~ ({risky})
        or trim(@\"\\s+\", RiskState) in~ ({risky_users}),
    RiskLow = trim(@\"\\s+\", RiskDuringSignIn) =~ {low} or trim(@\"\\s+\", RiskAggregated) =~ {low},
    Unmanaged = NotCompliant or NotManaged or (isempty(TrustType) and isempty(DeviceId)),
    TrustedNetwork = NetworkText matches regex {trusted},
    Place = isnotempty(City) or isnotempty(country) or isnotempty(trim(@\"\\s+\", Ip)),
    ip = Ip, app = App
// Support for each cause: strong (the record shows it plainly), weak (consistent with it),
// against (the record contradicts it), nodata.
| extend Support_auth_flow = iff(Flow, \"strong\", \"nodata\"),
    Support_client_app = case(Legacy, \"strong\", isnotempty(Client) and LegacyNamed, \"against\", isnotempty(Client), \"weak\", \"nodata\"),
    Support_risk = case(RiskStrong, \"strong\", RiskLow, \"weak\", \"nodata\"),
    Support_device_state = case(Compliant and not(Unmanaged), \"against\", Unmanaged, \"weak\", \"nodata\"),
    Support_location = case(TrustedNetwork, \"against\", Place, \"weak\", \"nodata\"),
    Support_device_platform = iff(isnotempty(Os), \"weak\", \"nodata\")",
        modern = MODERN_CLIENT_APPS.join(" and "),
        modern_list = flow_values(MODERN_CLIENT_APPS),
        transfers = flow_values(DEVICE_CODE_TRANSFERS),
        protocols = flow_values(DEVICE_CODE_PROTOCOLS),
        auth_transfer = flow_values(AUTH_TRANSFER_VALUES),
        risky = flow_values(RISKY_LEVELS),
        risky_users = flow_values(RISKY_USER_STATES),
        low = quoted(LOW_RISK_LEVEL),
        trusted = verbatim(&format!(
            "(?i)\"networkType\"\\s*:\\s*\"({})\"",
            TRUSTED_NETWORK_TYPES
                .iter()
                .map(|t| regex_escape(t))
                .collect::<Vec<_>>()
                .join("|")
        )),
    );
}

/// Rules 3 to 5 of classify.rs, in its order.
fn classification(q: &mut String) {
    // Rule 3: the matched conditions, one mask per cause.
    let _ = writeln!(
        q,
        "// Rule 3: the conditions the blocking policies matched decide (confidence high).
| extend ConditionCauses = 0"
    );
    for c in ACTIONABILITY {
        let flags: Vec<&str> = CONDITION_CAUSES
            .iter()
            .filter(|(_, cause)| *cause == c)
            .map(|(f, _)| *f)
            .collect();
        if flags.is_empty() {
            continue;
        }
        let mask: u64 = flags.iter().map(|f| flag_bit(f)).sum();
        let _ = writeln!(
            q,
            "    + iff(binary_and(Conditions, {mask}) != 0, {}, 0) // condition: {}: {}",
            cause_bit(c),
            c,
            flags.join(", ")
        );
    }
    let _ = writeln!(
        q,
        "| extend Mode = case(Conditions == 0, \"inferred\",
    GrantBits != 0, \"grant\",
    ConditionCauses != 0, \"conditions\",
    binary_and(Conditions, {future}) != 0, \"future\",
    \"scope\")
// Rule 4: no condition data. A hint (policy name or grant) with support is medium; a hint
// without data, or a strong signal without a hint, is low; a contradicted hint is dropped.",
        future = flag_bit(UNKNOWN_FUTURE_CONDITION)
    );
    let mut scores = Vec::new();
    for c in inferable() {
        let (name, bit) = (c.as_str(), cause_bit(c));
        scores.push(format!(
            "    Score_{name} = case(binary_and(HintBits, {bit}) != 0 and Support_{name} in (\"strong\", \"weak\"), 2,
        binary_and(HintBits, {bit}) != 0 and Support_{name} == \"nodata\", 1,
        binary_and(HintBits, {bit}) == 0 and Support_{name} == \"strong\", 1, 0)"
        ));
    }
    let _ = writeln!(q, "| extend\n{}", scores.join(",\n"));
    let names: Vec<String> = inferable()
        .map(|c| format!("Score_{}", c.as_str()))
        .collect();
    let _ = writeln!(q, "| extend Best = max_of({})", names.join(", "));
    let found: Vec<String> = inferable()
        .map(|c| format!("iff(Score_{} > 0, {}, 0)", c.as_str(), cause_bit(c)))
        .collect();
    let best: Vec<String> = inferable()
        .map(|c| format!("iff(Score_{} == Best, {}, 0)", c.as_str(), cause_bit(c)))
        .collect();
    let _ = writeln!(
        q,
        "| extend InferredCauses = {},
    // The best supported cause leads; ties go to the most actionable.
    InferredLead = iff(Best == 0, {unknown}, lead_cause({}))",
        found.join(" + "),
        best.join(" + "),
        unknown = quoted(Cause::Unknown.as_str())
    );
    let _ = writeln!(
        q,
        "| extend CauseBits = case(Mode == \"grant\", GrantBits,
        Mode == \"conditions\", ConditionCauses,
        Mode == \"future\", {unknown_bit},
        Mode == \"scope\", {scope_bit},
        InferredCauses),
    cause = case(Mode == \"grant\", lead_cause(FirstGrant),
        Mode == \"conditions\", lead_cause(ConditionCauses),
        Mode == \"future\", {unknown},
        Mode == \"scope\", {scope},
        InferredLead),
    confidence = case(Mode in (\"grant\", \"conditions\", \"scope\"), \"high\",
        Mode == \"future\", \"low\",
        Best == 2, \"medium\",
        \"low\")
// Device requirements cannot be met through the device code flow: the flow leads.
| extend FlowLeads = cause == {device} and binary_and(CauseBits, {flow_bit}) == 0 and Flow
| extend cause = iff(FlowLeads, {flow}, cause),
    CauseBits = binary_or(CauseBits, iff(FlowLeads, {flow_bit}, 0))
// Rule 5 was above: nothing points anywhere, unknown. causes: the lead, then the rest in
// lead order.",
        unknown_bit = cause_bit(Cause::Unknown),
        scope_bit = cause_bit(Cause::PolicyScope),
        unknown = quoted(Cause::Unknown.as_str()),
        scope = quoted(Cause::PolicyScope.as_str()),
        device = quoted(Cause::DeviceState.as_str()),
        flow = quoted(Cause::AuthFlow.as_str()),
        flow_bit = cause_bit(Cause::AuthFlow),
    );
    let rest: Vec<String> = ACTIONABILITY
        .iter()
        .map(|c| {
            format!(
                "iff(binary_and(CauseBits, {}) != 0 and cause != {}, {}, \"\")",
                cause_bit(*c),
                quoted(c.as_str()),
                quoted(&format!(",{}", c.as_str()))
            )
        })
        .collect();
    let _ = writeln!(
        q,
        "| extend causes = split(strcat(cause,\n    {}), \",\")",
        rest.join(",\n    ")
    );
}

fn output(q: &mut String, per: Per) {
    match per {
        Per::Failure => {
            let _ = writeln!(
                q,
                "| project request_id = RequestId, correlation_id = CorrelationId, ['time'] = SignInTime, user, app, ip, country,
    cause, causes, confidence, policies
| order by ['time'] asc, request_id asc"
            );
        }
        Per::User => {
            let _ = writeln!(
                q,
                "| summarize Blocks = count(), Policies = make_set(policies), Apps = make_set(app),
    First = min(SignInTime), Last = max(SignInTime) by user, cause
| summarize blocked = sum(Blocks), causes = make_bag(bag_pack(cause, Blocks)),
    policies = array_sort_asc(make_set(Policies)), apps = array_sort_asc(make_set(Apps)),
    first_seen = min(First), last_seen = max(Last) by user
| project user, blocked, causes, policies, apps, first_seen, last_seen
| order by blocked desc, user asc"
            );
        }
    }
}

/// The causes rule 4 can infer: `policy_scope` and `unknown` have no signal and no name
/// hint or grant points at them (a unit test holds the tables to that).
fn inferable() -> impl Iterator<Item = Cause> {
    ACTIONABILITY
        .into_iter()
        .filter(|c| !matches!(c, Cause::PolicyScope | Cause::Unknown))
}

/// The bit of a condition flag (model.rs's table).
fn flag_bit(flag: &str) -> u64 {
    Conditions::NAMES
        .iter()
        .find(|(n, _)| *n == flag)
        .map_or(0, |&(_, b)| b)
}

/// A KQL span literal: whole days, else whole hours, else minutes.
fn timespan(d: chrono::Duration) -> String {
    let minutes = d.num_minutes();
    if minutes % (60 * 24) == 0 {
        format!("{}d", minutes / (60 * 24))
    } else if minutes % 60 == 0 {
        format!("{}h", minutes / 60)
    } else {
        format!("{minutes}m")
    }
}

/// A table reference: a plain name as is, anything else bracket-quoted.
fn table_name(name: &str) -> Result<String, Error> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::BadTable(name.to_string()));
    }
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
    {
        Ok(name.to_string())
    } else {
        Ok(format!("['{}']", escape(name)))
    }
}

/// Filter values as a list of KQL string literals; `hide` marks them as obfuscated
/// (`h'…'`), so people's names stay out of the service's query logs.
fn literal_list(flag: &'static str, values: &[String], hide: bool) -> Result<String, Error> {
    let mut out = Vec::new();
    for v in values {
        let lit = string_literal(v.trim()).ok_or_else(|| Error::ControlCharacter {
            flag,
            value: v.clone(),
        })?;
        out.push(if hide { format!("h{lit}") } else { lit });
    }
    Ok(out.join(", "))
}

/// A single-quoted KQL string literal holding exactly `value`: backslash and quote
/// escaped, newline and tab as `\n` and `\t`. `None` for other control characters,
/// which KQL strings have no documented escape for.
pub(crate) fn string_literal(value: &str) -> Option<String> {
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return None;
    }
    Some(format!("'{}'", escape(value)))
}

fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// A constant from the rule tables as a double-quoted literal (they hold no quotes or
/// backslashes; escaped anyway).
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A verbatim literal for a regular expression: backslashes stand for themselves.
fn verbatim(value: &str) -> String {
    format!("@'{}'", value.replace('\'', "''"))
}

fn json_string(value: &str) -> String {
    serde_json::to_string(value).expect("a string serializes")
}

fn json_array(values: &[String]) -> String {
    serde_json::to_string(values).expect("strings serialize")
}

/// Escapes the characters RE2 gives a meaning to.
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            tables: vec![INTERACTIVE_TABLE.to_string()],
            since: None,
            users: Vec::new(),
            policies: Vec::new(),
            per: Per::User,
        }
    }

    fn default_query() -> String {
        query(&options()).expect("the default query is written")
    }

    /// The query line that holds `needle`.
    fn line_with<'q>(q: &'q str, needle: &str) -> &'q str {
        q.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line holds {needle:?}"))
    }

    /// Reads back a KQL string literal as Kusto would (single- or double-quoted, with
    /// backslash escapes; `h` marks it obfuscated), and says where it ended.
    fn read_literal(text: &str) -> (String, usize) {
        let mut chars = text.char_indices().peekable();
        if text.starts_with('h') {
            chars.next();
        }
        let (_, quote) = chars.next().expect("a literal");
        assert!(quote == '\'' || quote == '"', "not a literal: {text}");
        let mut out = String::new();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next().expect("an escape is complete").1 {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    e @ ('\\' | '\'' | '"') => out.push(e),
                    e => panic!("undocumented escape \\{e}"),
                },
                '\n' | '\r' => panic!("a raw line break inside a literal"),
                c if c == quote => return (out, i + 1),
                c => out.push(c),
            }
        }
        panic!("the literal never ends: {text}")
    }

    /// Checks what a Kusto parser would check first: every string literal ends on its
    /// line, and brackets balance outside literals and comments.
    fn assert_well_formed(q: &str) {
        let mut depth: Vec<char> = Vec::new();
        for (n, line) in q.lines().enumerate() {
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '/' if chars.peek() == Some(&'/') => break,
                    '@' if matches!(chars.peek(), Some('\'' | '"')) => {
                        let quote = chars.next().unwrap();
                        loop {
                            match chars.next() {
                                Some(c) if c == quote && chars.peek() == Some(&quote) => {
                                    chars.next();
                                }
                                Some(c) if c == quote => break,
                                Some(_) => {}
                                None => panic!("line {}: verbatim literal not closed", n + 1),
                            }
                        }
                    }
                    '\'' | '"' => loop {
                        match chars.next() {
                            Some('\\') => {
                                chars.next();
                            }
                            Some(e) if e == c => break,
                            Some(_) => {}
                            None => panic!("line {}: literal not closed: {line}", n + 1),
                        }
                    },
                    '(' | '[' | '{' => depth.push(c),
                    ')' | ']' | '}' => {
                        let open = depth.pop().unwrap_or_else(|| panic!("line {}: {c}", n + 1));
                        assert_eq!(
                            open,
                            match c {
                                ')' => '(',
                                ']' => '[',
                                _ => '{',
                            },
                            "line {}: {open} closed by {c}",
                            n + 1
                        );
                    }
                    _ => {}
                }
            }
        }
        assert!(depth.is_empty(), "unclosed {depth:?}");
    }

    #[test]
    fn queries_are_well_formed_whatever_the_filters() {
        assert_well_formed(&default_query());
        let q = query(&Options {
            tables: vec![INTERACTIVE_TABLE.into(), "odd 'table'".into()],
            since: Some(TimeBound::Ago(chrono::Duration::days(7))),
            users: vec!["a'b\"c\\(\n)".into(), "x".into()],
            policies: vec!["[{\"'\t".into()],
            per: Per::Failure,
        })
        .unwrap();
        assert_well_formed(&q);
        for broken in ["f('a)", "f(@'x'')", "f(\"a\\\")", "f(g(x)", "x = {]"] {
            assert!(
                std::panic::catch_unwind(|| assert_well_formed(broken)).is_err(),
                "{broken} passed"
            );
        }
    }

    #[test]
    fn every_condition_flag_decodes_and_maps_to_its_cause() {
        let q = default_query();
        for &(name, bit) in Conditions::NAMES.iter().filter(|(_, b)| *b != 0) {
            let lower = name.to_lowercase();
            let line = line_with(&q, &format!("set_has_element(names, \"{lower}\")"));
            assert!(
                line.contains(&format!(", {bit}, 0)")),
                "conditionsSatisfied name {name} ({bit}) is not decoded: {line}"
            );
        }
        for &(flag, cause) in CONDITION_CAUSES {
            let line = line_with(&q, &format!("// condition: {cause}:"));
            assert!(
                line.contains(flag),
                "{flag} is missing from the {cause} rule: {line}"
            );
            let mask: u64 = line
                .split("binary_and(Conditions, ")
                .nth(1)
                .and_then(|rest| rest.split(')').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no mask on {line}"));
            assert_ne!(
                mask & flag_bit(flag),
                0,
                "{flag} is not in the {cause} mask"
            );
            assert!(line.contains(&format!(", {}, 0)", cause_bit(cause))));
        }
        assert!(q.contains(&format!(
            "binary_and(Conditions, {}) != 0, \"future\"",
            flag_bit(UNKNOWN_FUTURE_CONDITION)
        )));
    }

    #[test]
    fn the_lead_order_is_the_rust_one() {
        let q = default_query();
        let mut at = 0;
        for c in ACTIONABILITY {
            let needle = format!("binary_and(causes, {}) != 0, \"{}\"", cause_bit(c), c);
            let found = q[at..]
                .find(&needle)
                .unwrap_or_else(|| panic!("{c} is out of order"));
            at += found;
        }
    }

    #[test]
    fn every_grant_requirement_name_hint_and_signal_is_in_the_query() {
        let q = default_query();
        for (grant, cause, _) in GRANT_REQUIREMENTS {
            let lower = grant.to_lowercase();
            assert!(
                q.contains(&format!("\"{lower}\": {}", cause_bit(*cause))),
                "{grant}"
            );
            let pattern = line_with(&q, "GrantBit = ");
            assert!(
                pattern.contains(&format!("|{lower}|"))
                    || pattern.contains(&format!("\"({lower}|"))
                    || pattern.contains(&format!("|{lower})\"")),
                "{grant} is not in the grant pattern"
            );
        }
        for (cause, words, phrases) in NAME_HINTS {
            let line = line_with(&q, &format!("// name hint: {cause}"));
            for w in words.iter().chain(phrases.iter()) {
                assert!(
                    line.contains(&regex_escape(w)),
                    "name hint {w:?} for {cause}"
                );
            }
        }
        for phrase in LEGACY_NAME_PHRASES {
            assert!(line_with(&q, "LegacyNamed = ").contains(&regex_escape(phrase)));
        }
        for value in MODERN_CLIENT_APPS
            .iter()
            .chain(DEVICE_CODE_TRANSFERS)
            .chain(DEVICE_CODE_PROTOCOLS)
            .chain(AUTH_TRANSFER_VALUES)
            .chain(RISKY_LEVELS)
            .chain(RISKY_USER_STATES)
            .chain([LOW_RISK_LEVEL].iter())
        {
            assert!(
                q.contains(&format!("\"{value}\"")),
                "signal value {value:?}"
            );
        }
        for network in TRUSTED_NETWORK_TYPES {
            assert!(line_with(&q, "TrustedNetwork = ").contains(network));
        }
    }

    #[test]
    fn only_causes_with_signals_are_inferred() {
        for (cause, _, _) in NAME_HINTS {
            assert!(
                inferable().any(|c| c == *cause),
                "{cause} hinted but not inferred"
            );
        }
        for (_, cause, _) in GRANT_REQUIREMENTS {
            assert!(
                inferable().any(|c| c == *cause),
                "{cause} granted but not inferred"
            );
        }
        let q = default_query();
        for c in inferable() {
            assert!(
                q.contains(&format!("Support_{c} = ")),
                "no support rule for {c}"
            );
        }
    }

    #[test]
    fn filter_values_cannot_leave_their_literal() {
        for value in [
            "o'brien@contoso.com",
            "dana\"@contoso.com",
            "back\\slash\\",
            "x'\n| take 10\n//",
            "tab\there",
            "' or 1 == 1 //",
            "\\'",
        ] {
            let lit = string_literal(value).expect("printable values are quoted");
            let (read, end) = read_literal(&lit);
            assert_eq!(read, value);
            assert_eq!(end, lit.len(), "{lit} ends early");
            assert!(!lit.contains('\n'));
        }
        assert_eq!(string_literal("a\rb"), None);
        assert_eq!(string_literal("a\u{7}b"), None);
    }

    #[test]
    fn users_are_obfuscated_literals_and_policies_match_name_or_id() {
        let q = query(&Options {
            users: vec!["O'Brien@contoso.com".into()],
            policies: vec![" CA030 \"x\" \\ ".into()],
            ..options()
        })
        .unwrap();
        let lit = r"h'O\'Brien@contoso.com'";
        assert!(q.contains(&format!("in~ ({lit})")), "{q}");
        assert!(q.contains(r#"PolicyName in~ ('CA030 "x" \\') or PolicyId in~ ('CA030 "x" \\')"#));
        assert!(q.contains("| where PolicyWanted"));
        let bad = query(&Options {
            policies: vec!["a\rb".into()],
            ..options()
        });
        assert!(matches!(
            bad,
            Err(Error::ControlCharacter {
                flag: "--policy",
                ..
            })
        ));
    }

    #[test]
    fn since_becomes_ago_or_a_datetime() {
        let with = |text: &str| {
            let since = Some(crate::model::parse_time_bound_spec(text).unwrap());
            query(&Options { since, ..options() }).unwrap()
        };
        assert!(with("7d").contains("| where TimeGenerated >= ago(7d)"));
        assert!(with("2w").contains("ago(14d)"));
        assert!(with("24h").contains("ago(1d)"));
        assert!(with("36h").contains("ago(36h)"));
        assert!(with("90m").contains("ago(90m)"));
        assert!(with("2026-11-01").contains("datetime(2026-11-01T00:00:00Z)"));
        let far = Some(crate::model::parse_time_bound_spec("99999999d").unwrap());
        assert_eq!(
            query(&Options {
                since: far,
                ..options()
            }),
            Err(Error::SpanTooLong)
        );
    }

    #[test]
    fn tables_are_unioned_and_odd_names_quoted() {
        let q = query(&Options {
            tables: vec![INTERACTIVE_TABLE.into(), "Sign-ins copy".into()],
            ..options()
        })
        .unwrap();
        assert!(q.contains("let SignIns = union isfuzzy=true\n    (SigninLogs\n"));
        assert!(q.contains("    (['Sign-ins copy']\n"));
        assert_eq!(table_name("a\nb"), Err(Error::BadTable("a\nb".into())));
    }
}
