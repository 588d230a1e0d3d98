//! The classification rules as data: which matched condition, grant, client, flow, risk
//! level and policy-name word points at which cause, and which cause leads. The Rust
//! classifier (classify.rs) and the generated KQL (kql.rs) both read these tables, so the
//! two cannot drift apart. Data only: no logic beyond lookups.

use crate::fixes::FixKey;
use crate::model::Cause;

/// Which cause to lead with when several contributed: the one the user or admin can act
/// on most directly. A device-code sign-in can never satisfy a device requirement, so the
/// flow comes first; the client is easier to change than the device, the device easier
/// than where the user is; a platform block is usually deliberate.
pub(crate) const ACTIONABILITY: [Cause; 8] = [
    Cause::AuthFlow,
    Cause::ClientApp,
    Cause::Risk,
    Cause::DeviceState,
    Cause::Location,
    Cause::DevicePlatform,
    Cause::PolicyScope,
    Cause::Unknown,
];

/// The grant control that makes a failed policy a block.
pub(crate) const BLOCK_GRANT: &str = "Block";

/// The policy result that blocked (report-only results never block).
pub(crate) const FAILED_RESULT: &str = "failure";

/// Rule 3: a matched condition (a `conditionalAccessConditions` flag) → the cause it
/// proves, in precedence order. `application`, `users`, `time` and `servicePrincipals`
/// only say whom the policy covers: when nothing else matched, the cause is
/// `policy_scope`.
pub(crate) const CONDITION_CAUSES: &[(&str, Cause)] = &[
    ("authenticationFlows", Cause::AuthFlow),
    ("clientType", Cause::ClientApp),
    ("client", Cause::ClientApp),
    ("signInRisk", Cause::Risk),
    ("userRisk", Cause::Risk),
    ("servicePrincipalRisk", Cause::Risk),
    ("insiderRisk", Cause::Risk),
    ("deviceState", Cause::DeviceState),
    ("location", Cause::Location),
    ("ipAddressSeenByAzureAD", Cause::Location),
    ("ipAddressSeenByResourceProvider", Cause::Location),
    ("devicePlatform", Cause::DevicePlatform),
];

/// A condition newer than the export's vocabulary: named, but never guessed at.
pub(crate) const UNKNOWN_FUTURE_CONDITION: &str = "unknownFutureValue";

/// A failed grant that is not a Block says what the sign-in lacked: grant → cause and
/// remedy. Compared case-insensitively; the first one a policy lists wins.
pub(crate) const GRANT_REQUIREMENTS: &[(&str, Cause, FixKey)] = &[
    (
        "RequireCompliantDevice",
        Cause::DeviceState,
        FixKey::DeviceCompliance,
    ),
    (
        "RequireDomainJoinedDevice",
        Cause::DeviceState,
        FixKey::DeviceHybridJoin,
    ),
    (
        "RequireApprovedApp",
        Cause::ClientApp,
        FixKey::ClientApprovedApp,
    ),
    (
        "RequireCompliantApp",
        Cause::ClientApp,
        FixKey::ClientApprovedApp,
    ),
    ("MfaAndChangePassword", Cause::Risk, FixKey::RiskUser),
];

/// `clientAppUsed` values that are modern authentication (case-insensitive); every other
/// non-empty value is a legacy protocol (reference §5.4).
pub(crate) const MODERN_CLIENT_APPS: &[&str] = &["Browser", "Mobile Apps and Desktop clients"];

/// Phrases (anywhere in a policy name, lower case) that name legacy authentication: such
/// a policy over a modern client is a contradiction, not support.
pub(crate) const LEGACY_NAME_PHRASES: &[&str] = &[
    "legacy",
    "imap",
    "pop3",
    "smtp",
    "activesync",
    "basic auth",
    "other clients",
];

/// `originalTransferMethod` / `authenticationProtocol` values, letters and digits only
/// and lower case ("Device code flow" → "devicecodeflow"), that reveal a flow.
pub(crate) const DEVICE_CODE_TRANSFERS: &[&str] = &["devicecodeflow"];
pub(crate) const DEVICE_CODE_PROTOCOLS: &[&str] = &["devicecode", "devicecodeflow"];
pub(crate) const AUTH_TRANSFER_VALUES: &[&str] = &["authenticationtransfer"];

/// Risk levels that are a strong signal (`riskLevelDuringSignIn`, `riskLevelAggregated`),
/// the weak one, and the `riskState` values that mean the user is at risk.
pub(crate) const RISKY_LEVELS: &[&str] = &["medium", "high"];
pub(crate) const LOW_RISK_LEVEL: &str = "low";
pub(crate) const RISKY_USER_STATES: &[&str] = &["atRisk", "confirmedCompromised"];

/// `networkLocationDetails` network types that mean the IP was on a trusted network,
/// which contradicts a location block.
pub(crate) const TRUSTED_NETWORK_TYPES: &[&str] = &["trustedNamedLocation", "trusted", "intranet"];

/// Words (whole words of a policy name) and phrases (anywhere in it) that point at each
/// cause. Admins name policies for what they do ("CA004 - Block legacy authentication").
pub(crate) const NAME_HINTS: &[(Cause, &[&str], &[&str])] = &[
    (
        Cause::Location,
        &[
            "location",
            "locations",
            "country",
            "countries",
            "geo",
            "geoblock",
            "geofence",
            "ip",
            "ips",
            "network",
            "networks",
            "untrusted",
            "region",
            "regions",
            "travel",
            "offsite",
            "corpnet",
        ],
        &[],
    ),
    (
        Cause::DeviceState,
        &[
            "compliant",
            "noncompliant",
            "compliance",
            "managed",
            "unmanaged",
            "intune",
            "mdm",
            "byod",
            "registered",
            "unregistered",
            "joined",
            "hybrid",
        ],
        &["device state", "device filter"],
    ),
    (
        Cause::DevicePlatform,
        &[
            "ios",
            "android",
            "macos",
            "linux",
            "platform",
            "platforms",
            "windowsphone",
            "chromeos",
        ],
        &[],
    ),
    (
        Cause::ClientApp,
        &[
            "legacy",
            "imap",
            "pop",
            "pop3",
            "smtp",
            "activesync",
            "eas",
            "browser",
            "browsers",
        ],
        &["basic auth", "other clients", "client app"],
    ),
    (Cause::Risk, &["risk", "risky", "compromised"], &[]),
    (
        Cause::AuthFlow,
        &["devicecode"],
        &[
            "device code",
            "code flow",
            "authentication transfer",
            "auth transfer",
            "authentication flow",
        ],
    ),
];

/// A cause's place in `ACTIONABILITY` (lower leads).
pub(crate) fn rank(c: Cause) -> usize {
    ACTIONABILITY
        .iter()
        .position(|&x| x == c)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Conditions;

    #[test]
    fn every_cause_has_a_place_in_the_lead_order() {
        for c in Cause::ALL {
            assert!(rank(c) < ACTIONABILITY.len(), "{c} has no rank");
        }
    }

    #[test]
    fn condition_flags_are_known_names_in_lead_order() {
        for (flag, _) in CONDITION_CAUSES {
            assert!(
                Conditions::NAMES.iter().any(|(n, _)| n == flag),
                "{flag} is not a conditionalAccessConditions flag"
            );
        }
        let ranks: Vec<usize> = CONDITION_CAUSES.iter().map(|&(_, c)| rank(c)).collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "the table must follow ACTIONABILITY"
        );
    }
}
