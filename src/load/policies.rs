//! Reads the tenant's Conditional Access policies and named locations as Microsoft Graph
//! exports them (`/identity/conditionalAccess/policies` and `/namedLocations`, v1.0 or
//! beta): a JSON list or a `{"value": [...]}` page, UTF-8 byte-order mark allowed. Small
//! files, read whole. Decides nothing: replay.rs evaluates them.

use std::path::Path;

use serde::Deserialize;

use crate::replay::{Cidr, LocationKind, NamedLocation, Policy};

const POLICIES_HOW: &str = "export them with: az rest --url \
     https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies > policies.json \
     (or in PowerShell: Invoke-MgGraphRequest -Uri \
     https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies -OutputType Json \
     > policies.json); this needs Policy.Read.All";

const LOCATIONS_HOW: &str = "export them with: az rest --url \
     https://graph.microsoft.com/v1.0/identity/conditionalAccess/namedLocations > \
     named-locations.json (or Invoke-MgGraphRequest -Uri \
     https://graph.microsoft.com/v1.0/identity/conditionalAccess/namedLocations -OutputType \
     Json > named-locations.json); this needs Policy.Read.All";

/// The list out of a file: a bare array or a Graph page.
fn items(path: &Path, what: &str, how: &str) -> anyhow::Result<(Vec<serde_json::Value>, bool)> {
    let name = path.display();
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{name}: cannot read the {what}: {e}; check the path"))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        anyhow::bail!(
            "{name}: the {what} file is UTF-16 (Windows PowerShell's > writes that); save it \
             as UTF-8 (Out-File -Encoding utf8) or {how}"
        );
    }
    let doc: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not JSON ({e}); expected the {what} as Microsoft Graph returns them; {how}"
        )
    })?;
    let paged = doc.get("@odata.nextLink").is_some();
    let list = match doc {
        serde_json::Value::Array(list) => list,
        serde_json::Value::Object(mut map) => {
            if let Some(err) = map.get("error") {
                let msg = err
                    .get("message")
                    .and_then(|m| m.as_str())
                    .unwrap_or("no message");
                anyhow::bail!(
                    "{name}: a Graph error response, not the {what} ({msg:?}); check the \
                     permissions (Policy.Read.All) and {how}"
                );
            }
            match map.remove("value") {
                Some(serde_json::Value::Array(list)) => list,
                Some(_) => anyhow::bail!(
                    "{name}: \"value\" is not a list; expected the {what} as Microsoft Graph \
                     returns them; {how}"
                ),
                None => anyhow::bail!(
                    "{name}: a JSON object without a \"value\" list; expected the {what} as \
                     Microsoft Graph returns them (a list, or a page {{\"value\": [...]}}); {how}"
                ),
            }
        }
        _ => anyhow::bail!(
            "{name}: expected the {what} as Microsoft Graph returns them (a list, or a page \
             {{\"value\": [...]}}); {how}"
        ),
    };
    Ok((list, paged))
}

/// What an item looks like when it is not a policy: said in the error.
fn looks_like(item: &serde_json::Value) -> Option<&'static str> {
    if item
        .get("@odata.type")
        .and_then(|t| t.as_str())
        .is_some_and(|t| t.contains("NamedLocation"))
    {
        return Some("a named location (pass that file to --named-locations)");
    }
    if item.get("userPrincipalName").is_some()
        || item.get("appliedConditionalAccessPolicies").is_some()
    {
        return Some("a sign-in record (sign-in logs are the positional arguments)");
    }
    None
}

/// The policies in `path`, and a warning when the export is one page of several.
pub(crate) fn read_policies(path: &Path) -> anyhow::Result<(Vec<Policy>, Option<String>)> {
    let name = path.display();
    let (list, paged) = items(path, "Conditional Access policies", POLICIES_HOW)?;
    let mut policies = Vec::with_capacity(list.len());
    for (i, item) in list.into_iter().enumerate() {
        let n = i + 1;
        if let Some(kind) = looks_like(&item) {
            anyhow::bail!(
                "{name}: item {n} is {kind}, not a Conditional Access policy; {POLICIES_HOW}"
            );
        }
        if !item.is_object() || (item.get("conditions").is_none() && item.get("state").is_none()) {
            anyhow::bail!(
                "{name}: item {n} is not a Conditional Access policy (no \"conditions\" or \
                 \"state\"); {POLICIES_HOW}"
            );
        }
        let label = item
            .get("displayName")
            .and_then(|v| v.as_str())
            .map(|d| format!(" ({d:?})"))
            .unwrap_or_default();
        let p: Policy = serde_path_to_error::deserialize(&item).map_err(|e| {
            anyhow::anyhow!(
                "{name}: policy {n}{label}: field {}: {}; expected the Graph \
                 conditionalAccessPolicy shape; {POLICIES_HOW}",
                e.path(),
                e.inner()
            )
        })?;
        policies.push(p);
    }
    let warning = paged.then(|| crate::i18n::replay::ONE_PAGE_OF_SEVERAL.fill(&[("file", &name)]));

    Ok((policies, warning))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawLocation {
    #[serde(rename = "@odata.type")]
    odata_type: Option<String>,
    id: Option<String>,
    display_name: Option<String>,
    ip_ranges: Option<Vec<RawRange>>,
    is_trusted: Option<bool>,
    countries_and_regions: Option<Vec<String>>,
    include_unknown_countries_and_regions: Option<bool>,
    country_lookup_method: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawRange {
    cidr_address: Option<String>,
}

/// The named locations in `path`, their ranges parsed.
pub(crate) fn read_named_locations(path: &Path) -> anyhow::Result<Vec<NamedLocation>> {
    let name = path.display();
    let (list, _) = items(path, "named locations", LOCATIONS_HOW)?;
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.into_iter().enumerate() {
        let n = i + 1;
        let raw: RawLocation = serde_path_to_error::deserialize(&item).map_err(|e| {
            anyhow::anyhow!(
                "{name}: named location {n}: field {}: {}; expected the Graph namedLocation \
                 shape; {LOCATIONS_HOW}",
                e.path(),
                e.inner()
            )
        })?;
        let display_name = raw.display_name.unwrap_or_default();
        let odata = raw.odata_type.unwrap_or_default();
        let kind = if odata.ends_with("ipNamedLocation") || raw.ip_ranges.is_some() {
            let mut ranges = Vec::new();
            for r in raw.ip_ranges.unwrap_or_default() {
                let text = r.cidr_address.unwrap_or_default();
                let cidr = Cidr::parse(&text).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{name}: named location {n} ({display_name:?}): {text:?} is not an IP \
                         range in CIDR notation (203.0.113.0/24, 2001:db8::/32); fix or \
                         re-export the file"
                    )
                })?;
                ranges.push(cidr);
            }
            LocationKind::Ip {
                ranges,
                trusted: raw.is_trusted.unwrap_or(false),
            }
        } else if odata.ends_with("countryNamedLocation") || raw.countries_and_regions.is_some() {
            LocationKind::Country {
                countries: raw.countries_and_regions.unwrap_or_default(),
                include_unknown: raw.include_unknown_countries_and_regions.unwrap_or(false),
                lookup: raw
                    .country_lookup_method
                    .unwrap_or_else(|| "clientIpAddress".into()),
            }
        } else if odata.is_empty() {
            anyhow::bail!(
                "{name}: item {n} is not a named location (no @odata.type, ipRanges or \
                 countriesAndRegions); {LOCATIONS_HOW}"
            );
        } else {
            LocationKind::Other(odata.trim_start_matches("#microsoft.graph.").to_string())
        };
        out.push(NamedLocation {
            id: raw.id.unwrap_or_default(),
            display_name,
            kind,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &[u8]) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("signin-doctor-policies-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_page_a_list_a_bom_and_nulls() {
        let page =
            br#"{"@odata.context":"x","value":[{"id":"a","displayName":"A","state":"enabled",
            "conditions":{"users":{"includeUsers":["All"],"excludeGroups":null},"platforms":null,
            "locations":null,"devices":null,"clientAppTypes":["all"],"signInRiskLevels":[]},
            "grantControls":null,"sessionControls":null}]}"#;
        let (p, warn) = read_policies(&write("page.json", page)).unwrap();
        assert_eq!((p.len(), warn), (1, None));
        assert_eq!(
            p[0].conditions.users.as_ref().unwrap().include_users,
            ["All"]
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(br#"[{"id":"b","state":"disabled","conditions":null}]"#);
        let (p, _) = read_policies(&write("bom.json", &bom)).unwrap();
        assert_eq!(p[0].state, "disabled");
    }

    #[test]
    fn one_page_of_several_is_said_in_french() {
        let page = br#"{"@odata.nextLink":"https://graph.microsoft.com/next","value":[
            {"id":"a","state":"enabled","conditions":{}}]}"#;
        let path = write("paged.json", page);
        let (p, warning) =
            crate::i18n::with_lang(crate::i18n::Lang::Fr, || read_policies(&path).unwrap());
        assert_eq!(p.len(), 1);
        let warning = warning.unwrap();
        assert!(
            warning.contains("paged.json n'est qu'une page parmi plusieurs (@odata.nextLink)"),
            "{warning}"
        );
        assert!(warning.contains("Invoke-MgGraphRequest -All"), "{warning}");
        let (_, english) = read_policies(&path).unwrap();
        assert!(english.unwrap().contains("is one page of several"));
    }

    #[test]
    fn bad_files_say_what_to_do() {
        for (name, text, want) in [
            ("notjson.json", &b"<html>"[..], "not JSON"),
            ("obj.json", b"{\"a\":1}", "without a \"value\" list"),
            (
                "err.json",
                b"{\"error\":{\"message\":\"Forbidden\"}}",
                "Graph error",
            ),
            (
                "signin.json",
                b"[{\"userPrincipalName\":\"x\"}]",
                "a sign-in record",
            ),
            (
                "loc.json",
                b"[{\"@odata.type\":\"#microsoft.graph.ipNamedLocation\"}]",
                "--named-locations",
            ),
            (
                "type.json",
                b"[{\"state\":\"enabled\",\"conditions\":{\"users\":{\"includeUsers\":\"All\"}}}]",
                "conditions.users.includeUsers",
            ),
        ] {
            let e = read_policies(&write(name, text)).unwrap_err().to_string();
            assert!(e.contains(name) && e.contains(want), "{e}");
            assert!(e.contains("az rest"), "{e}");
        }
        let e = read_named_locations(&write(
            "badrange.json",
            br##"[{"@odata.type":"#microsoft.graph.ipNamedLocation","displayName":"HQ","ipRanges":[{"cidrAddress":"300.1.1.1/8"}]}]"##,
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("300.1.1.1/8") && e.contains("HQ"), "{e}");
    }
}
