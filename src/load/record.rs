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
