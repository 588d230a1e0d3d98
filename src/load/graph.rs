//! Graph sign-in records (v1.0, beta, and the portal's JSON download, which is beta-shaped)
//! parsed from one record's bytes into the normalized `SignIn`. Typed and borrowing: only
//! the fields a diagnosis uses are read, everything else is skipped unparsed.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::model::{AppliedPolicy, Conditions, Device, NetworkLocation, SignIn, parse_time};

/// Parses one record. The error text names the field and what was wrong.
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
            Err(BadRecord {
                what,
                line_in_record: fast.line(),
            })
        }
    }
}

/// Why a record could not be read, and on which of its lines (1-based).
#[derive(Debug)]
pub(crate) struct BadRecord {
    pub what: String,
    pub line_in_record: usize,
}

/// serde_json appends "at line L column C" relative to the record; the caller reports
/// the position in the file instead.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default, expecting = "a sign-in object")]
struct RawSignIn<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    correlation_id: Text<'a>,
    #[serde(borrow)]
    created_date_time: Text<'a>,
    #[serde(borrow)]
    user_principal_name: Text<'a>,
    #[serde(borrow)]
    user_display_name: Text<'a>,
    #[serde(borrow)]
    user_id: Text<'a>,
    #[serde(borrow)]
    user_type: Text<'a>,
    #[serde(borrow)]
    app_display_name: Text<'a>,
    #[serde(borrow)]
    resource_display_name: Text<'a>,
    #[serde(borrow)]
    ip_address: Text<'a>,
    #[serde(borrow)]
    client_app_used: Text<'a>,
    #[serde(borrow)]
    user_agent: Text<'a>,
    #[serde(borrow)]
    conditional_access_status: Text<'a>,
    status: Option<RawStatus>,
    #[serde(borrow)]
    device_detail: Option<RawDevice<'a>>,
    #[serde(borrow)]
    location: Option<RawLocation<'a>>,
    // The 2018 preview schema named the list `conditionalAccessPolicies`.
    #[serde(borrow, alias = "conditionalAccessPolicies")]
    applied_conditional_access_policies: Option<Vec<RawPolicy<'a>>>,
    #[serde(borrow)]
    network_location_details: Option<Vec<RawNetwork<'a>>>,
    #[serde(borrow)]
    risk_level_during_sign_in: Text<'a>,
    #[serde(borrow)]
    risk_level_aggregated: Text<'a>,
    #[serde(borrow)]
    risk_state: Text<'a>,
    #[serde(borrow)]
    risk_detail: Text<'a>,
    #[serde(borrow, rename = "riskEventTypes_v2")]
    risk_event_types_v2: TextList<'a>,
    #[serde(borrow)]
    risk_event_types: TextList<'a>,
    #[serde(borrow)]
    authentication_protocol: Text<'a>,
    #[serde(borrow)]
    original_transfer_method: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default, expecting = "a status object")]
struct RawStatus {
    error_code: Number,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default, expecting = "a deviceDetail object")]
struct RawDevice<'a> {
    #[serde(borrow)]
    device_id: Text<'a>,
    #[serde(borrow)]
    display_name: Text<'a>,
    #[serde(borrow)]
    operating_system: Text<'a>,
    #[serde(borrow)]
    browser: Text<'a>,
    is_compliant: Flag,
    is_managed: Flag,
    #[serde(borrow)]
    trust_type: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default, expecting = "a location object")]
struct RawLocation<'a> {
    #[serde(borrow)]
    city: Text<'a>,
    #[serde(borrow)]
    country_or_region: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(
    rename_all = "camelCase",
    default,
    expecting = "an applied policy object"
)]
struct RawPolicy<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    display_name: Text<'a>,
    #[serde(borrow)]
    result: Text<'a>,
    #[serde(borrow)]
    enforced_grant_controls: TextList<'a>,
    conditions_satisfied: Conds,
    #[serde(borrow)]
    include_rules_satisfied: Option<Vec<RawRule<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default, expecting = "a rule object")]
struct RawRule<'a> {
    #[serde(borrow)]
    conditional_access_condition: Text<'a>,
    #[serde(borrow)]
    rule_satisfied: Text<'a>,
}

#[derive(Deserialize, Default)]
#[serde(
    rename_all = "camelCase",
    default,
    expecting = "a network location object"
)]
struct RawNetwork<'a> {
    #[serde(borrow)]
    network_type: Text<'a>,
    #[serde(borrow)]
    network_names: TextList<'a>,
}

impl<'a> RawSignIn<'a> {
    fn into_model(self) -> SignIn<'a> {
        let status = self.status.unwrap_or_default();
        let device = self.device_detail.unwrap_or_default();
        let location = self.location.unwrap_or_default();
        let created = self.created_date_time.0.as_deref().and_then(parse_time);
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
            user_display_name: self.user_display_name.0,
            user_id: self.user_id.0,
            user_type: self.user_type.0,
            app_display_name: self.app_display_name.0,
            resource_display_name: self.resource_display_name.0,
            ip_address: self.ip_address.0,
            city: location.city.0,
            country: location.country_or_region.0,
            client_app_used: self.client_app_used.0,
            user_agent: self.user_agent.0,
            device: Device {
                device_id: device.device_id.0,
                display_name: device.display_name.0,
                operating_system: device.operating_system.0,
                browser: device.browser.0,
                is_compliant: device.is_compliant.0,
                is_managed: device.is_managed.0,
                trust_type: device.trust_type.0,
            },
            error_code: status.error_code.0,
            conditional_access_status: self.conditional_access_status.0,
            policies: self.applied_conditional_access_policies.map(|list| {
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
            network_locations: self.network_location_details.map(|list| {
                list.into_iter()
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
        }
    }
}

/// A string field that may be missing, null, or (in loose exports) a number or a bool.
/// Borrows from the input unless the string holds escapes.
#[derive(Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(if v { "true" } else { "false" }))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A list of strings that may be missing or null. Non-string items are kept as text.
#[derive(Default)]
struct TextList<'a>(Vec<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for TextList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = TextList<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(Text(item)) = seq.next_element::<Text<'a>>()? {
                    out.extend(item);
                }
                Ok(TextList(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TextList(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TextList(Vec::new()))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// An integer that may be a JSON number or a numeric string (`"53003"`).
#[derive(Default)]
struct Number(Option<i64>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                i64::try_from(v)
                    .map(|v| Number(Some(v)))
                    .map_err(|_| E::custom(format!("number {v} is out of range")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                if v.fract() == 0.0 && v.abs() < 1e15 {
                    Ok(Number(Some(v as i64)))
                } else {
                    Err(E::invalid_type(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                let t = v.trim();
                if t.is_empty() {
                    return Ok(Number(None));
                }
                t.parse()
                    .map(|n| Number(Some(n)))
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Number, E> {
                Ok(Number(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A boolean that may be `true`, `"True"`, `"TRUE"`, `1` or null.
#[derive(Default)]
struct Flag(Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(Some(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                match v {
                    0 => Ok(Flag(Some(false))),
                    1 => Ok(Flag(Some(true))),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                self.visit_u64(u64::try_from(v).unwrap_or(u64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "true" | "yes" | "1" => Ok(Flag(Some(true))),
                    "false" | "no" | "0" => Ok(Flag(Some(false))),
                    "" => Ok(Flag(None)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// `conditionsSatisfied`: beta's comma-separated names, or diagnostic settings' bitmask.
#[derive(Default)]
struct Conds(Option<Conditions>);

impl<'de> Deserialize<'de> for Conds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Conds;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("condition names (\"application,users\") or a bitmask")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Conds, E> {
                Ok(Conds(Some(Conditions(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Conds, E> {
                u64::try_from(v)
                    .map(|v| Conds(Some(Conditions(v))))
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Conds, E> {
                let t = v.trim();
                if let Ok(bits) = t.parse::<u64>() {
                    return Ok(Conds(Some(Conditions(bits))));
                }
                Ok(Conds(Some(Conditions::from_names(t))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Conds, E> {
                Ok(Conds(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Conds, E> {
                Ok(Conds(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "someFutureField":{"deep":[1,2,3]}}"#;
        let s = parse(rec).unwrap();
        assert_eq!(s.error_code, Some(53003));
        assert_eq!(s.country.as_deref(), Some("GB"));
        assert_eq!(s.device.is_compliant, Some(false));
        let p = &s.policies.as_ref().unwrap()[0];
        assert_eq!(p.conditions_satisfied, Some(Conditions(263)));
        assert_eq!(p.include_rules[0].1, "deviceFilter");
        assert_eq!(s.network_locations.unwrap()[0].names[0], "HQ");
        assert!(s.created.is_some());
    }

    #[test]
    fn v1_record_has_no_condition_data_and_borrows_strings() {
        let rec = br#"{"id":"r2","userPrincipalName":"dana@example.com","status":{"errorCode":53003},
            "appliedConditionalAccessPolicies":[{"displayName":"CA010","enforcedGrantControls":["Block"],"result":"failure"}]}"#;
        let s = parse(rec).unwrap();
        assert!(matches!(s.id, Some(Cow::Borrowed("r2"))));
        assert!(s.network_locations.is_none());
        assert_eq!(
            s.policies.unwrap()[0].conditions_satisfied,
            None,
            "v1.0 has no conditionsSatisfied"
        );
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
        let err = err.what;
        assert!(err.starts_with("field status.errorCode:"), "{err}");
        assert!(err.contains("abc"), "{err}");
        let err = parse(br#"{"deviceDetail":"Windows"}"#).unwrap_err().what;
        assert!(err.starts_with("field deviceDetail:"), "{err}");
        let err = parse(br#"{"id":"x",}"#).unwrap_err().what;
        assert!(!err.contains("at line"), "{err}");
    }
}
