//! One sign-in record in any of its JSON spellings, parsed into the normalized `SignIn`:
//! Graph v1.0/beta and the portal's JSON download (camelCase), the Azure Monitor
//! diagnostic-settings envelope (the Graph-like record under `properties`, with a string
//! `resultType` and integer condition bitmasks), and Log Analytics rows (PascalCase
//! columns whose dynamic values may be objects or JSON text). One typed, borrowing pass:
//! only the fields a diagnosis uses are read, everything else is skipped unparsed.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::fields::{Conds, Dyn, Flag, FromJsonText, Number, Text, TextList, parse_text};
use crate::model::{AppliedPolicy, Device, NetworkLocation, SignIn, parse_time};

/// Why a record could not be read, and on which of its lines (1-based).
#[derive(Debug)]
pub(crate) struct BadRecord {
    pub what: String,
    pub line_in_record: usize,
}

thread_local! {
    /// Set while `parse_light` runs: the policy list is skipped, not parsed.
    static SKIP_POLICIES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Parses one record's JSON text, except its applied policies (left `None`): what a
/// success is read for. The policies are still checked to be well-formed JSON.
pub(crate) fn parse_light(bytes: &[u8]) -> Result<SignIn<'_>, BadRecord> {
    /// Clears the flag however the parse ends.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            SKIP_POLICIES.with(|s| s.set(false));
        }
    }
    SKIP_POLICIES.with(|s| s.set(true));
    let _reset = Reset;
    parse(bytes)
}

/// Parses one record's JSON text.
pub(crate) fn parse(bytes: &[u8]) -> Result<SignIn<'_>, BadRecord> {
    match serde_json::from_slice::<RawSignIn<'_>>(bytes) {
        Ok(raw) => Ok(raw.into_model()),
        // Parse again, slowly, only to learn which field was wrong.
        Err(fast) => {
            let mut de = serde_json::Deserializer::from_slice(bytes);
            let what = match serde_path_to_error::deserialize::<_, RawSignIn<'_>>(&mut de) {
                Err(e) if e.path().iter().next().is_some() => {
                    format!(
                        "field {}: {}",
                        e.path(),
                        strip_position(&e.inner().to_string())
                    )
                }
                _ => strip_position(&fast.to_string()),
            };
            // serde_json's own limit on nesting (inside arrays the splitter does not count).
            let what = if what.contains("recursion limit exceeded") {
                "nesting deeper than 128 levels".to_string()
            } else {
                what
            };
            Err(BadRecord {
                what,
                line_in_record: fast.line(),
            })
        }
    }
}

/// Parses one Log Analytics CSV row given as (column, cell) pairs.
pub(crate) fn parse_row<'r>(fields: &[(&'r str, &'r str)]) -> Result<SignIn<'r>, String> {
    super::fields::from_fields::<RawSignIn<'r>>(fields).map(RawSignIn::into_model)
}

/// Writes one row of a Log Analytics query API table out as the equivalent object
/// (cells are JSON values already), keyed by the table's column names, into `buf`.
pub(crate) fn table_row_object(
    row: &[u8],
    columns: &[String],
    buf: &mut Vec<u8>,
) -> Result<(), BadRecord> {
    let bad = |what: String| BadRecord {
        what,
        line_in_record: 1,
    };
    let cells: Vec<&serde_json::value::RawValue> =
        serde_json::from_slice(row).map_err(|e| bad(strip_position(&e.to_string())))?;
    if cells.len() != columns.len() {
        return Err(bad(format!(
            "a row with {} cells where the table has {} columns",
            cells.len(),
            columns.len()
        )));
    }
    buf.clear();
    buf.push(b'{');
    for (i, (name, cell)) in columns.iter().zip(&cells).enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        serde_json::to_writer(&mut *buf, name).map_err(|e| bad(e.to_string()))?;
        buf.push(b':');
        buf.extend_from_slice(cell.get().as_bytes());
    }
    buf.push(b'}');
    Ok(())
}

/// The error code of a record without parsing it: the number after `"errorCode":`
/// (Graph, diagnostic settings) or `"ResultType":`/`"resultType":` (Log Analytics, the
/// envelope), quoted or not. `None` when it cannot be read that way: then parse in full.
pub(crate) fn quick_error_code(bytes: &[u8]) -> Option<i64> {
    for key in [&b"\"errorCode\""[..], b"\"ResultType\"", b"\"resultType\""] {
        let Some(at) = memchr::memmem::find(bytes, key) else {
            continue;
        };
        let rest = &bytes[at + key.len()..];
        let rest = trim_start(rest).strip_prefix(b":")?;
        let rest = trim_start(rest);
        let (quoted, rest) = match rest.strip_prefix(b"\"") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let digits = rest
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b'-')
            .count();
        let end = rest.get(digits)?;
        let closed = if quoted {
            *end == b'"'
        } else {
            matches!(end, b',' | b'}' | b' ' | b'\r' | b'\n' | b'\t')
        };
        if digits == 0 || !closed {
            return None;
        }
        return std::str::from_utf8(&rest[..digits]).ok()?.parse().ok();
    }
    None
}

/// A successful sign-in's who, when, where and on-what, read without parsing the record:
/// the values after their keys, as `quick_error_code` reads the code. `None` whenever
/// that cannot be done with certainty (a key that also appears inside JSON text, as in
/// Log Analytics' JSON-text columns; an escape inside a value; a value of another type;
/// no UPN or time): then `parse_light`.
pub(crate) fn quick_success(bytes: &[u8]) -> Option<SignIn<'_>> {
    let after = |keys: &[&'static [u8]]| -> Result<Option<&[u8]>, ()> {
        for k in keys {
            if let Some(at) = find_key(bytes, k)? {
                return Ok(Some(&bytes[at + k.len()..]));
            }
        }
        Ok(None)
    };
    let text = |keys: &[&'static [u8]]| -> Result<Option<&str>, ()> {
        after(keys)?.map_or(Ok(None), string_value)
    };
    let upn = match text(&[b"\"userPrincipalName\""]).ok()? {
        Some(upn) => upn,
        None => {
            // Log Analytics (PascalCase columns) may hold the location as JSON text,
            // whose keys are escaped and would be missed: leave those to the parser.
            if let Some(rest) = after(&[b"\"LocationDetails\""]).ok()?
                && !trim_start(trim_start(rest).strip_prefix(b":")?).starts_with(b"{")
            {
                return None;
            }
            text(&[b"\"UserPrincipalName\""]).ok()??
        }
    };
    let created = text(&[b"\"createdDateTime\"", b"\"CreatedDateTime\""]).ok()??;
    let created = parse_time(created)?;
    let client = text(&[b"\"clientAppUsed\"", b"\"ClientAppUsed\""]).ok()?;
    let app = text(&[b"\"appDisplayName\"", b"\"AppDisplayName\""]).ok()?;
    let country = text(&[b"\"countryOrRegion\""]).ok()?;
    let mut device = Device::default();
    let detail = after(&[b"\"deviceDetail\"", b"\"DeviceDetail\""]).ok()?;
    if let Some(rest) = detail {
        let rest = trim_start(trim_start(rest).strip_prefix(b":")?);
        if let Some(inner) = rest.strip_prefix(b"{") {
            // deviceDetail holds no nested object: it ends at the first brace.
            let body = &inner[..memchr::memchr(b'}', inner)?];
            let field = |k: &'static [u8]| finder(k).find(body).map(|at| &body[at + k.len()..]);
            let s = |k: &'static [u8]| field(k).map_or(Ok(None), string_value);
            let b = |k: &'static [u8]| field(k).map_or(Ok(None), bool_value);
            device = Device {
                device_id: s(b"\"deviceId\"").ok()?.map(Cow::Borrowed),
                display_name: s(b"\"displayName\"").ok()?.map(Cow::Borrowed),
                operating_system: s(b"\"operatingSystem\"").ok()?.map(Cow::Borrowed),
                browser: s(b"\"browser\"").ok()?.map(Cow::Borrowed),
                is_compliant: b(b"\"isCompliant\"").ok()?,
                is_managed: b(b"\"isManaged\"").ok()?,
                trust_type: s(b"\"trustType\"").ok()?.map(Cow::Borrowed),
            };
        } else if !rest.starts_with(b"null") {
            return None;
        }
    }
    Some(SignIn {
        error_code: Some(0),
        created: Some(created),
        user_principal_name: Some(Cow::Borrowed(upn)),
        client_app_used: client.map(Cow::Borrowed),
        app_display_name: app.map(Cow::Borrowed),
        country: country.map(Cow::Borrowed),
        device,
        ..SignIn::default()
    })
}

/// Where `key` (quotes included) first appears. Inside a string, the same word is
/// written `\"key\"`, which this pattern cannot match (its closing quote is escaped), so
/// a match is a string token: a key, since a colon follows (`string_value` checks). A
/// match right after a backslash (`\\"key"`, an odd place for a key) is refused.
fn find_key(bytes: &[u8], key: &'static [u8]) -> Result<Option<usize>, ()> {
    match finder(key).find(bytes) {
        Some(at) if at > 0 && bytes[at - 1] == b'\\' => Err(()),
        found => Ok(found),
    }
}

/// The keys `quick_success` looks for, each with its searcher built once.
const QUICK_KEYS: [&[u8]; 19] = [
    b"\"userPrincipalName\"",
    b"\"UserPrincipalName\"",
    b"\"createdDateTime\"",
    b"\"CreatedDateTime\"",
    b"\"clientAppUsed\"",
    b"\"ClientAppUsed\"",
    b"\"appDisplayName\"",
    b"\"AppDisplayName\"",
    b"\"countryOrRegion\"",
    b"\"deviceDetail\"",
    b"\"LocationDetails\"",
    b"\"DeviceDetail\"",
    b"\"deviceId\"",
    b"\"displayName\"",
    b"\"operatingSystem\"",
    b"\"browser\"",
    b"\"isCompliant\"",
    b"\"isManaged\"",
    b"\"trustType\"",
];

fn finder(key: &'static [u8]) -> &'static memchr::memmem::Finder<'static> {
    static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| QUICK_KEYS.iter().map(memchr::memmem::Finder::new).collect());
    let at = QUICK_KEYS
        .iter()
        .position(|k| *k == key)
        .expect("every quick key is listed in QUICK_KEYS");
    &FINDERS[at]
}

/// The string after a key (`: "value"`), `None` for `null`; `Err` for anything else or
/// a value with an escape in it.
fn string_value(after_key: &[u8]) -> Result<Option<&str>, ()> {
    let rest = trim_start(trim_start(after_key).strip_prefix(b":").ok_or(())?);
    if rest.starts_with(b"null") {
        return Ok(None);
    }
    let inner = rest.strip_prefix(b"\"").ok_or(())?;
    let end = memchr::memchr2(b'"', b'\\', inner).ok_or(())?;
    if inner[end] != b'"' {
        return Err(());
    }
    std::str::from_utf8(&inner[..end]).map(Some).map_err(|_| ())
}

/// The boolean after a key: `true`, `false`, `"True"`, `"false"`, or `null`.
fn bool_value(after_key: &[u8]) -> Result<Option<bool>, ()> {
    let rest = trim_start(trim_start(after_key).strip_prefix(b":").ok_or(())?);
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let word = |w: &[u8]| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w);
    if word(b"true") {
        Ok(Some(true))
    } else if word(b"false") {
        Ok(Some(false))
    } else if word(b"null") {
        Ok(None)
    } else {
        Err(())
    }
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// The error code of a query API row: the cell in the `ResultType` column (`at`), read
/// by splitting the row into raw cells without parsing them.
pub(crate) fn quick_row_code(row: &[u8], at: usize) -> Option<i64> {
    let cells: Vec<&serde_json::value::RawValue> = serde_json::from_slice(row).ok()?;
    let cell = cells.get(at)?.get().trim();
    cell.trim_matches('"').parse().ok()
}

/// Whose spelling a record uses, from its top-level keys.
pub(crate) fn flavor(bytes: &[u8]) -> super::detect::Flavor {
    use super::detect::Flavor;
    #[derive(Deserialize)]
    struct Keys {
        properties: Option<de::IgnoredAny>,
        #[serde(rename = "Id")]
        id: Option<de::IgnoredAny>,
        #[serde(rename = "ResultType")]
        result_type: Option<de::IgnoredAny>,
        #[serde(rename = "TimeGenerated")]
        time_generated: Option<de::IgnoredAny>,
    }
    match serde_json::from_slice::<Keys>(bytes) {
        Ok(k) if k.properties.is_some() => Flavor::Diagnostic,
        Ok(k) if k.id.is_some() || k.result_type.is_some() || k.time_generated.is_some() => {
            Flavor::LogAnalytics
        }
        _ => Flavor::Graph,
    }
}

/// serde_json appends "at line L column C" relative to the record; the caller reports
/// the position in the file instead.
pub(super) fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Every spelling of a sign-in: Graph's camelCase keys, the diagnostic envelope's own
/// keys (`resultType`, `time`, `callerIpAddress`, `identity`, `properties`) and the Log
/// Analytics PascalCase columns (as aliases; the CSV export adds ` [UTC]` to datetimes).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default, expecting = "a sign-in object")]
struct RawSignIn<'a> {
    /// Diagnostic settings: the sign-in itself; the rest of this object is the envelope.
    #[serde(borrow)]
    properties: Option<Box<RawSignIn<'a>>>,
    #[serde(borrow, alias = "Id")]
    id: Text<'a>,
    #[serde(borrow, alias = "CorrelationId")]
    correlation_id: Text<'a>,
    #[serde(borrow, alias = "CreatedDateTime", alias = "CreatedDateTime [UTC]")]
    created_date_time: Text<'a>,
    /// The envelope's or the Log Analytics row's own time: used when createdDateTime is absent.
    #[serde(borrow, alias = "TimeGenerated", alias = "TimeGenerated [UTC]")]
    time: Text<'a>,
    #[serde(borrow, alias = "UserPrincipalName")]
    user_principal_name: Text<'a>,
    #[serde(borrow, alias = "UserDisplayName")]
    user_display_name: Text<'a>,
    /// The envelope's user display name.
    #[serde(borrow, alias = "Identity")]
    identity: Text<'a>,
    #[serde(borrow, alias = "UserId")]
    user_id: Text<'a>,
    #[serde(borrow, alias = "UserType")]
    user_type: Text<'a>,
    #[serde(borrow, alias = "AppDisplayName")]
    app_display_name: Text<'a>,
    #[serde(borrow, alias = "AppId")]
    app_id: Text<'a>,
    #[serde(borrow, alias = "ResourceDisplayName")]
    resource_display_name: Text<'a>,
    /// The resource's app id. Log Analytics calls it `ResourceIdentity`: its `ResourceId`
    /// (like the diagnostic envelope's `resourceId`) is the tenant's Azure resource path.
    #[serde(borrow, alias = "ResourceIdentity")]
    resource_id: Text<'a>,
    /// The PowerShell SDK's name for `resourceId`; in Log Analytics, the resource path.
    #[serde(borrow, rename = "ResourceId")]
    pascal_resource_id: Text<'a>,
    #[serde(borrow, alias = "IPAddress", alias = "IpAddress")]
    ip_address: Text<'a>,
    #[serde(borrow)]
    caller_ip_address: Text<'a>,
    #[serde(borrow, alias = "ClientAppUsed")]
    client_app_used: Text<'a>,
    #[serde(borrow, alias = "UserAgent")]
    user_agent: Text<'a>,
    #[serde(alias = "IsInteractive")]
    is_interactive: Flag,
    #[serde(borrow, alias = "ConditionalAccessStatus")]
    conditional_access_status: Text<'a>,
    #[serde(alias = "Status")]
    status: Dyn<RawStatus>,
    /// The envelope's `resultType` and Log Analytics' `ResultType`: the error code as text.
    #[serde(alias = "ResultType")]
    result_type: Number,
    #[serde(borrow, alias = "DeviceDetail")]
    device_detail: Dyn<RawDevice<'a>>,
    /// A Graph location object, Log Analytics' `LocationDetails`, or the envelope's
    /// country code.
    #[serde(borrow, alias = "LocationDetails")]
    location: Dyn<RawLocation<'a>>,
    /// Log Analytics' `Location` column (the country code), or the PowerShell SDK's
    /// `Location` object.
    #[serde(borrow, rename = "Location")]
    la_location: Dyn<RawLocation<'a>>,
    // The 2018 preview schema and Log Analytics name the list `conditionalAccessPolicies`.
    #[serde(
        borrow,
        alias = "conditionalAccessPolicies",
        alias = "ConditionalAccessPolicies"
    )]
    applied_conditional_access_policies: PolicyList<'a>,
    /// The PowerShell SDK's name for the list; also a newer Log Analytics column, often
    /// empty, beside `ConditionalAccessPolicies`: used only when that one is absent.
    #[serde(borrow, rename = "AppliedConditionalAccessPolicies")]
    pascal_policies: PolicyList<'a>,
    #[serde(borrow, alias = "NetworkLocationDetails")]
    network_location_details: Dyn<NetworkList<'a>>,
    #[serde(borrow, alias = "RiskLevelDuringSignIn")]
    risk_level_during_sign_in: Text<'a>,
    #[serde(borrow, alias = "RiskLevelAggregated")]
    risk_level_aggregated: Text<'a>,
    #[serde(borrow, alias = "RiskState")]
    risk_state: Text<'a>,
    #[serde(borrow, alias = "RiskDetail")]
    risk_detail: Text<'a>,
    #[serde(
        borrow,
        rename = "riskEventTypes_v2",
        alias = "RiskEventTypes_V2",
        alias = "RiskEventTypesV2"
    )]
    risk_event_types_v2: TextList<'a>,
    #[serde(borrow, alias = "RiskEventTypes")]
    risk_event_types: TextList<'a>,
    #[serde(borrow, alias = "AuthenticationProtocol")]
    authentication_protocol: Text<'a>,
    #[serde(borrow, alias = "OriginalTransferMethod")]
    original_transfer_method: Text<'a>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase", default, expecting = "a status object")]
struct RawStatus {
    #[serde(alias = "ErrorCode")]
    error_code: Number,
}

impl FromJsonText for RawStatus {
    fn from_json_text(text: &str) -> Result<Self, String> {
        parse_text(text)
    }
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase", default, expecting = "a deviceDetail object")]
pub(super) struct RawDevice<'a> {
    #[serde(borrow, alias = "DeviceId")]
    pub device_id: Text<'a>,
    #[serde(borrow, alias = "DisplayName")]
    pub display_name: Text<'a>,
    #[serde(borrow, alias = "OperatingSystem")]
    pub operating_system: Text<'a>,
    #[serde(borrow, alias = "Browser")]
    pub browser: Text<'a>,
    #[serde(alias = "IsCompliant")]
    pub is_compliant: Flag,
    #[serde(alias = "IsManaged")]
    pub is_managed: Flag,
    #[serde(borrow, alias = "TrustType")]
    pub trust_type: Text<'a>,
}

impl FromJsonText for RawDevice<'_> {
    fn from_json_text(text: &str) -> Result<Self, String> {
        let d: RawDevice<'_> = parse_text(text)?;
        Ok(RawDevice {
            device_id: d.device_id.into_owned(),
            display_name: d.display_name.into_owned(),
            operating_system: d.operating_system.into_owned(),
            browser: d.browser.into_owned(),
            is_compliant: d.is_compliant,
            is_managed: d.is_managed,
            trust_type: d.trust_type.into_owned(),
        })
    }
}

impl<'a> RawDevice<'a> {
    pub(super) fn into_model(self) -> Device<'a> {
        Device {
            device_id: self.device_id.0,
            display_name: self.display_name.0,
            operating_system: self.operating_system.0,
            browser: self.browser.0,
            is_compliant: self.is_compliant.0,
            is_managed: self.is_managed.0,
            trust_type: self.trust_type.0,
        }
    }
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase", default, expecting = "a location object")]
struct RawLocation<'a> {
    #[serde(borrow, alias = "City")]
    city: Text<'a>,
    #[serde(borrow, alias = "CountryOrRegion")]
    country_or_region: Text<'a>,
}

impl FromJsonText for RawLocation<'_> {
    /// JSON text of a location, or the diagnostic envelope's bare country code.
    fn from_json_text(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if !t.starts_with('{') {
            return Ok(RawLocation {
                city: Text(None),
                country_or_region: Text(Some(Cow::Owned(t.to_string()))),
            });
        }
        let l: RawLocation<'_> = parse_text(t)?;
        Ok(RawLocation {
            city: l.city.into_owned(),
            country_or_region: l.country_or_region.into_owned(),
        })
    }
}

#[derive(Deserialize, Default, Debug)]
#[serde(
    rename_all = "camelCase",
    default,
    expecting = "an applied policy object"
)]
struct RawPolicy<'a> {
    #[serde(borrow, alias = "Id")]
    id: Text<'a>,
    #[serde(borrow, alias = "DisplayName")]
    display_name: Text<'a>,
    #[serde(borrow, alias = "Result")]
    result: Text<'a>,
    #[serde(borrow, alias = "EnforcedGrantControls")]
    enforced_grant_controls: TextList<'a>,
    #[serde(alias = "ConditionsSatisfied")]
    conditions_satisfied: Conds,
    #[serde(borrow, alias = "IncludeRulesSatisfied")]
    include_rules_satisfied: Option<Vec<RawRule<'a>>>,
}

impl RawPolicy<'_> {
    fn into_owned(self) -> RawPolicy<'static> {
        RawPolicy {
            id: self.id.into_owned(),
            display_name: self.display_name.into_owned(),
            result: self.result.into_owned(),
            enforced_grant_controls: self.enforced_grant_controls.into_owned(),
            conditions_satisfied: self.conditions_satisfied,
            include_rules_satisfied: self.include_rules_satisfied.map(|rules| {
                rules
                    .into_iter()
                    .map(|r| RawRule {
                        conditional_access_condition: r.conditional_access_condition.into_owned(),
                        rule_satisfied: r.rule_satisfied.into_owned(),
                    })
                    .collect()
            }),
        }
    }
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "camelCase", default, expecting = "a rule object")]
struct RawRule<'a> {
    #[serde(borrow, alias = "ConditionalAccessCondition")]
    conditional_access_condition: Text<'a>,
    #[serde(borrow, alias = "RuleSatisfied")]
    rule_satisfied: Text<'a>,
}

/// The applied policies: a list, JSON text of a list, or (after Log Analytics'
/// `mv-expand`) a single policy object per row.
#[derive(Default, Debug)]
struct PolicyList<'a>(Option<Vec<RawPolicy<'a>>>);

impl<'de: 'a, 'a> Deserialize<'de> for PolicyList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if SKIP_POLICIES.with(|s| s.get()) {
            d.deserialize_ignored_any(de::IgnoredAny)?;
            return Ok(PolicyList(None));
        }
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = PolicyList<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of applied policies")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<RawPolicy<'a>>()? {
                    out.push(p);
                }
                Ok(PolicyList(Some(out)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let one = RawPolicy::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(PolicyList(Some(vec![one])))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim().is_empty() {
                    return Ok(PolicyList(None));
                }
                let list: PolicyList<'_> = parse_text(v).map_err(E::custom)?;
                Ok(PolicyList(list.0.map(|l| {
                    l.into_iter().map(RawPolicy::into_owned).collect()
                })))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(PolicyList(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(PolicyList(None))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[derive(Deserialize, Default, Debug)]
#[serde(
    rename_all = "camelCase",
    default,
    expecting = "a network location object"
)]
struct RawNetwork<'a> {
    #[serde(borrow, alias = "NetworkType")]
    network_type: Text<'a>,
    #[serde(borrow, alias = "NetworkNames")]
    network_names: TextList<'a>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(transparent)]
struct NetworkList<'a>(#[serde(borrow)] Vec<RawNetwork<'a>>);

impl FromJsonText for NetworkList<'_> {
    fn from_json_text(text: &str) -> Result<Self, String> {
        let list: NetworkList<'_> = parse_text(text)?;
        Ok(NetworkList(
            list.0
                .into_iter()
                .map(|n| RawNetwork {
                    network_type: n.network_type.into_owned(),
                    network_names: n.network_names.into_owned(),
                })
                .collect(),
        ))
    }
}

impl<'a> RawSignIn<'a> {
    fn into_model(mut self) -> SignIn<'a> {
        // Diagnostic settings: the record is `properties`; the envelope fills its gaps.
        if let Some(inner) = self.properties.take() {
            let mut record = inner.into_model();
            let envelope = self.into_model();
            record.fill_from(envelope);
            return record;
        }
        let status = self.status.0.unwrap_or_default();
        let device = self.device_detail.0.unwrap_or_default();
        let location = self.location.0.unwrap_or_default();
        let la_location = self.la_location.0.unwrap_or_default();
        let created = self
            .created_date_time
            .0
            .as_deref()
            .or(self.time.0.as_deref())
            .and_then(parse_time);
        let risk_event_types = if self.risk_event_types_v2.0.is_empty() {
            self.risk_event_types.0
        } else {
            self.risk_event_types_v2.0
        };
        SignIn {
            id: self.id.0,
            correlation_id: self.correlation_id.0,
            created,
            user_principal_name: self.user_principal_name.0,
            user_display_name: self.user_display_name.0.or(self.identity.0),
            user_id: self.user_id.0,
            user_type: self.user_type.0,
            app_display_name: self.app_display_name.0,
            app_id: self.app_id.0,
            resource_display_name: self.resource_display_name.0,
            resource_id: self
                .resource_id
                .0
                .or(self.pascal_resource_id.0)
                .filter(|r| !r.trim_start().starts_with('/')),
            ip_address: self.ip_address.0.or(self.caller_ip_address.0),
            city: location.city.0.or(la_location.city.0),
            country: location
                .country_or_region
                .0
                .or(la_location.country_or_region.0),
            client_app_used: self.client_app_used.0,
            user_agent: self.user_agent.0,
            is_interactive: self.is_interactive.0,
            device: device.into_model(),
            error_code: status.error_code.0.or(self.result_type.0),
            conditional_access_status: self.conditional_access_status.0,
            policies: (self.applied_conditional_access_policies.0)
                .or(self.pascal_policies.0)
                .map(|list| {
                    list.into_iter()
                        .map(|p| AppliedPolicy {
                            id: p.id.0,
                            display_name: p.display_name.0,
                            result: p.result.0,
                            grant_controls: p.enforced_grant_controls.0,
                            conditions_satisfied: p.conditions_satisfied.0,
                            include_rules: p
                                .include_rules_satisfied
                                .unwrap_or_default()
                                .into_iter()
                                .filter_map(|r| {
                                    Some((r.conditional_access_condition.0?, r.rule_satisfied.0?))
                                })
                                .collect(),
                        })
                        .collect()
                }),
            network_locations: self.network_location_details.0.map(|list| {
                list.0
                    .into_iter()
                    .map(|n| NetworkLocation {
                        network_type: n.network_type.0,
                        names: n.network_names.0,
                    })
                    .collect()
            }),
            risk_level_during_sign_in: self.risk_level_during_sign_in.0,
            risk_level_aggregated: self.risk_level_aggregated.0,
            risk_state: self.risk_state.0,
            risk_detail: self.risk_detail.0,
            risk_event_types,
            authentication_protocol: self.authentication_protocol.0,
            original_transfer_method: self.original_transfer_method.0,
            skimmed: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Conditions;

    #[test]
    fn beta_record_with_condition_names() {
        let rec = br#"{"id":"r1","createdDateTime":"2025-03-14T10:02:55Z","userPrincipalName":"lee@example.com",
            "status":{"errorCode":53003,"failureReason":"Access has been blocked by Conditional Access policies."},
            "deviceDetail":{"deviceId":"","operatingSystem":"Ios 18.3","isCompliant":false,"isManaged":false,"trustType":""},
            "location":{"city":"Manchester","countryOrRegion":"GB","geoCoordinates":{"altitude":null}},
            "networkLocationDetails":[{"networkType":"trustedNamedLocation","networkNames":["HQ"]}],
            "appliedConditionalAccessPolicies":[{"id":"p","displayName":"CA020","enforcedGrantControls":["Block"],
              "result":"failure","conditionsSatisfied":"application,users,devicePlatform,deviceState",
              "includeRulesSatisfied":[{"conditionalAccessCondition":"deviceState","ruleSatisfied":"deviceFilter"}]}],
            "appId":"27922004-5251-4030-b22d-91ecd9a37ea4","resourceId":"00000002-0000-0ff1-ce00-000000000000",
            "someFutureField":{"deep":[1,2,3]}}"#;
        let s = parse(rec).unwrap();
        assert_eq!(s.error_code, Some(53003));
        assert_eq!(
            s.app_id.as_deref(),
            Some("27922004-5251-4030-b22d-91ecd9a37ea4")
        );
        assert_eq!(
            s.resource_id.as_deref(),
            Some("00000002-0000-0ff1-ce00-000000000000")
        );
        assert_eq!(s.country.as_deref(), Some("GB"));
        assert_eq!(s.device.is_compliant, Some(false));
        let p = &s.policies.as_ref().unwrap()[0];
        assert_eq!(p.conditions_satisfied, Some(Conditions(263)));
        assert_eq!(p.include_rules[0].1, "deviceFilter");
        assert_eq!(s.network_locations.unwrap()[0].names[0], "HQ");
        assert!(s.created.is_some());
    }

    #[test]
    fn a_light_parse_skips_only_the_policies_and_the_next_parse_is_full_again() {
        let rec = br#"{"id":"r3","createdDateTime":"2026-11-04T08:55:31Z","userPrincipalName":"mia@example.com",
            "status":{"errorCode":0},"clientAppUsed":"Browser",
            "deviceDetail":{"operatingSystem":"Windows10","isCompliant":true,"trustType":"Azure AD joined"},
            "location":{"countryOrRegion":"PT"},
            "appliedConditionalAccessPolicies":[{"displayName":"CA010","result":"notApplied","conditionsSatisfied":3}]}"#;
        let light = parse_light(rec).unwrap();
        let full = parse(rec).unwrap();
        assert!(light.policies.is_none());
        assert_eq!(full.policies.as_ref().map(Vec::len), Some(1));
        assert_eq!(light.country, full.country);
        assert_eq!(light.created, full.created);
        assert_eq!(light.device.trust_type, full.device.trust_type);
        assert_eq!(light.client_app_used.as_deref(), Some("Browser"));
        // Broken JSON inside the skipped list is still an error.
        let broken = br#"{"id":"r4","status":{"errorCode":0},"appliedConditionalAccessPolicies":[{"result" "x"}]}"#;
        assert!(parse_light(broken).is_err());
        assert!(parse(rec).unwrap().policies.is_some());
    }

    /// Every record of a few fixtures in every JSON spelling, as its own bytes.
    fn fixture_records() -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut out = Vec::new();
        for name in [
            "sample-tenant.json",
            "user-patterns.json",
            "hostile.json",
            "diag-noninteractive-PT1H.json",
            "same-signin/graph-beta.json",
            "same-signin/diag-PT1H.json",
            "same-signin/eventhub.json",
            "same-signin/la-jsontext.jsonl",
            "same-signin/la-signinlogs.json",
        ] {
            let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
                continue;
            };
            let values: Vec<serde_json::Value> = serde_json::from_str(&text)
                .map(|v: serde_json::Value| match v {
                    serde_json::Value::Array(a) => a,
                    serde_json::Value::Object(mut o) => match o.remove("value") {
                        Some(serde_json::Value::Array(a)) => a,
                        _ => vec![serde_json::Value::Object(o)],
                    },
                    other => vec![other],
                })
                .unwrap_or_else(|_| {
                    text.lines()
                        .filter_map(|l| serde_json::from_str(l).ok())
                        .collect()
                });
            for v in values {
                out.push((name.to_string(), serde_json::to_vec(&v).unwrap()));
            }
        }
        assert!(out.len() > 60, "{}", out.len());
        out
    }

    #[test]
    fn the_quick_success_reader_agrees_with_the_parser_or_steps_aside() {
        let mut quick = 0;
        for (name, bytes) in fixture_records() {
            let full = parse(&bytes).unwrap();
            if full.error_code != Some(0) {
                continue;
            }
            let Some(q) = quick_success(&bytes) else {
                continue;
            };
            quick += 1;
            let what = format!("{name}: {}", String::from_utf8_lossy(&bytes[..80]));
            assert_eq!(q.user_principal_name, full.user_principal_name, "{what}");
            assert_eq!(q.created, full.created, "{what}");
            assert_eq!(q.country, full.country, "{what}");
            assert_eq!(q.client_app_used, full.client_app_used, "{what}");
            assert_eq!(q.app_display_name, full.app_display_name, "{what}");
            let (a, b) = (&q.device, &full.device);
            assert_eq!(a.device_id, b.device_id, "{what}");
            assert_eq!(a.operating_system, b.operating_system, "{what}");
            assert_eq!(a.is_compliant, b.is_compliant, "{what}");
            assert_eq!(a.is_managed, b.is_managed, "{what}");
            assert_eq!(a.trust_type, b.trust_type, "{what}");
        }
        assert!(quick >= 15, "the quick reader read only {quick} successes");
    }

    #[test]
    fn the_quick_success_reader_steps_aside_for_json_text_and_escapes() {
        // Log Analytics' JSON-text columns: the keys inside are escaped.
        let la = br#"{"UserPrincipalName":"a@b.c","CreatedDateTime":"2026-11-02T08:00:00Z","ResultType":"0",
            "LocationDetails":"{\"countryOrRegion\":\"PT\"}","DeviceDetail":"{\"operatingSystem\":\"iOS\"}"}"#;
        assert!(quick_success(la).is_none());
        // An escape inside a value it needs.
        let escaped = br#"{"userPrincipalName":"a\u0040b.c","createdDateTime":"2026-11-02T08:00:00Z","status":{"errorCode":0}}"#;
        assert!(quick_success(escaped).is_none());
        // No time: the parser decides (and counts the record as timeless).
        let timeless = br#"{"userPrincipalName":"a@b.c","status":{"errorCode":0}}"#;
        assert!(quick_success(timeless).is_none());
        // The same key inside JSON text in another value is not taken for it.
        let decoy = br#"{"note":"{\"userPrincipalName\":\"x@y.z\"}","userPrincipalName":"a@b.c","createdDateTime":"2026-11-02T08:00:00Z"}"#;
        let q = quick_success(decoy).unwrap();
        assert_eq!(q.user_principal_name.as_deref(), Some("a@b.c"));
        // Log Analytics with the location as JSON text and the device nested: the parser.
        let la_text = br#"{"UserPrincipalName":"a@b.c","CreatedDateTime":"2026-11-02T08:00:00Z",
            "LocationDetails":"{\"countryOrRegion\":\"PT\"}","DeviceDetail":{"operatingSystem":"iOS"}}"#;
        assert!(quick_success(la_text).is_none());
        let plain = br#"{"userPrincipalName":"a@b.c","createdDateTime":"2026-11-02T08:00:00Z",
            "deviceDetail":{"operatingSystem":"Windows10","isCompliant":"True","trustType":""},
            "location":{"countryOrRegion":"PT"},"status":{"errorCode":0}}"#;
        let q = quick_success(plain).unwrap();
        assert_eq!(q.country.as_deref(), Some("PT"));
        assert_eq!(q.device.is_compliant, Some(true));
        assert_eq!(q.device.trust_type.as_deref(), Some(""));
    }

    #[test]
    fn v1_record_has_no_condition_data_and_borrows_strings() {
        let rec = br#"{"id":"r2","userPrincipalName":"dana@example.com","status":{"errorCode":53003},
            "appliedConditionalAccessPolicies":[{"displayName":"CA010","enforcedGrantControls":["Block"],"result":"failure"}]}"#;
        let s = parse(rec).unwrap();
        assert!(matches!(s.id, Some(Cow::Borrowed("r2"))));
        assert!(s.network_locations.is_none());
        assert_eq!(s.policies.unwrap()[0].conditions_satisfied, None);
    }

    #[test]
    fn diagnostic_envelope_fills_gaps_from_its_own_keys() {
        let rec = br#"{"time":"2025-03-14T11:40:12.1234567Z","category":"SignInLogs","resultType":"53003",
            "callerIpAddress":"203.0.113.77","identity":"Sam Placeholder","Level":4,"location":"BR",
            "properties":{"id":"x","userPrincipalName":"sam@example.com","userType":"Member",
              "deviceDetail":{"deviceId":"","operatingSystem":"Windows10"},
              "appliedConditionalAccessPolicies":[{"displayName":"CA030","enforcedGrantControls":["Block"],
                "result":"failure","conditionsSatisfied":1035,"conditionsNotSatisfied":0}]}}"#;
        let s = parse(rec).unwrap();
        assert_eq!(s.id.as_deref(), Some("x"));
        assert_eq!(s.error_code, Some(53003), "from the envelope's resultType");
        assert_eq!(
            s.country.as_deref(),
            Some("BR"),
            "from the envelope's location"
        );
        assert_eq!(s.ip_address.as_deref(), Some("203.0.113.77"));
        assert_eq!(s.user_display_name.as_deref(), Some("Sam Placeholder"));
        assert!(s.created.is_some());
        assert_eq!(s.device.is_compliant, None, "absent keys stay unknown");
        assert_eq!(
            s.policies.unwrap()[0].conditions_satisfied,
            Some(Conditions(1035))
        );
    }

    #[test]
    fn log_analytics_row_with_json_text_columns() {
        let rec = br#"{"TimeGenerated":"2025-03-14T11:40:12.123Z","ResultType":"53003","Id":"x",
            "UserPrincipalName":"sam@example.com","IPAddress":"203.0.113.77","Location":"BR",
            "Status":"{\"errorCode\":53003}",
            "DeviceDetail":"{\"deviceId\":\"\",\"operatingSystem\":\"Windows10\"}",
            "LocationDetails":"{\"city\":\"Sao Paulo\",\"countryOrRegion\":\"BR\"}",
            "NetworkLocationDetails":"[]","RiskEventTypes_V2":"[\"unfamiliarFeatures\"]",
            "AppId":"c44b4083-3bb0-49c1-b47d-974e53cbdf3c","ResourceIdentity":"797f4846-ba00-4fd7-ba43-dac1f8f63013",
            "ResourceId":"/tenants/1357ad7a-27cc-4bba-9f96-e6be159dbe2a/providers/Microsoft.aadiam",
            "ConditionalAccessPolicies":"[{\"displayName\":\"CA030\",\"enforcedGrantControls\":[\"Block\"],\"result\":\"failure\",\"conditionsSatisfied\":1035}]"}"#;
        let s = parse(rec).unwrap();
        assert_eq!(s.error_code, Some(53003));
        assert_eq!(s.city.as_deref(), Some("Sao Paulo"));
        assert_eq!(s.device.operating_system.as_deref(), Some("Windows10"));
        assert_eq!(s.network_locations.as_ref().map(Vec::len), Some(0));
        assert_eq!(s.risk_event_types, ["unfamiliarFeatures"]);
        // The resource's app id, not the tenant's Azure resource path.
        assert_eq!(
            s.resource_id.as_deref(),
            Some("797f4846-ba00-4fd7-ba43-dac1f8f63013")
        );
        assert_eq!(
            s.app_id.as_deref(),
            Some("c44b4083-3bb0-49c1-b47d-974e53cbdf3c")
        );
        assert_eq!(
            s.policies.unwrap()[0].display_name.as_deref(),
            Some("CA030")
        );
    }

    /// `Get-MgBetaAuditLogSignIn | ConvertTo-Json` writes the SDK's PascalCase names at
    /// every level (reference §6e, unverified): read them like Graph's.
    #[test]
    fn powershell_sdk_objects_use_pascal_case_at_every_level() {
        let rec = br#"{"Id":"x","CreatedDateTime":"2025-03-14T11:40:12Z","UserPrincipalName":"sam@example.com",
            "Status":{"ErrorCode":53003,"FailureReason":"Blocked"},"IpAddress":"203.0.113.77",
            "Location":{"City":"Sao Paulo","CountryOrRegion":"BR"},
            "DeviceDetail":{"OperatingSystem":"Windows10","IsCompliant":false,"TrustType":""},
            "AppliedConditionalAccessPolicies":[{"DisplayName":"CA030","EnforcedGrantControls":["Block"],
              "Result":"failure","ConditionsSatisfied":"application, users, location"}],
            "AdditionalProperties":{}}"#;
        let s = parse(rec).unwrap();
        assert_eq!(s.error_code, Some(53003));
        assert_eq!(s.city.as_deref(), Some("Sao Paulo"));
        assert_eq!(s.country.as_deref(), Some("BR"));
        assert_eq!(s.ip_address.as_deref(), Some("203.0.113.77"));
        assert_eq!(s.device.is_compliant, Some(false));
        let p = &s.policies.unwrap()[0];
        assert_eq!(p.conditions_satisfied, Some(Conditions(11)));
    }

    #[test]
    fn the_error_code_can_be_read_without_a_parse() {
        assert_eq!(
            quick_error_code(br#"{"status":{"errorCode": 50126,"x":1}}"#),
            Some(50126)
        );
        assert_eq!(
            quick_error_code(br#"{"ResultType":"0","Status":"{\"errorCode\":0}"}"#),
            Some(0)
        );
        assert_eq!(quick_error_code(br#"{"resultType":"53003"}"#), Some(53003));
        assert_eq!(quick_error_code(br#"{"status":{"errorCode":"abc"}}"#), None);
        assert_eq!(quick_error_code(br#"{"status":{}}"#), None);
    }

    #[test]
    fn an_expanded_row_holds_one_policy_object() {
        let rec = br#"{"Id":"x","ResultType":"53003","ConditionalAccessPolicies":{"displayName":"CA030","result":"failure"}}"#;
        let s = parse(rec).unwrap();
        assert_eq!(s.policies.unwrap().len(), 1);
    }

    #[test]
    fn loose_types_are_accepted() {
        let rec = br#"{"id":null,"status":{"errorCode":"53003"},"deviceDetail":{"isCompliant":"True"},
            "appliedConditionalAccessPolicies":[{"conditionsSatisfied":1035,"enforcedGrantControls":null}],
            "riskEventTypes_v2":null,"location":null}"#;
        let s = parse(rec).unwrap();
        assert_eq!(s.error_code, Some(53003));
        assert_eq!(s.device.is_compliant, Some(true));
        assert_eq!(
            s.policies.unwrap()[0].conditions_satisfied,
            Some(Conditions(1035))
        );
    }

    #[test]
    fn wrong_types_name_the_field() {
        let err = parse(b"{\"id\":\"x\",\n\"status\":{\"errorCode\":\"abc\"}}").unwrap_err();
        assert_eq!(err.line_in_record, 2);
        assert!(
            err.what.starts_with("field status.errorCode:"),
            "{}",
            err.what
        );
        assert!(err.what.contains("abc"), "{}", err.what);
        let err = parse(br#"{"deviceDetail":"Windows"}"#).unwrap_err().what;
        assert!(err.starts_with("field deviceDetail:"), "{err}");
        let err = parse(br#"{"id":"x",}"#).unwrap_err().what;
        assert!(!err.contains("at line"), "{err}");
    }
}
