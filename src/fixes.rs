//! The remediation catalogue: for each kind of block, what the user can do now and what
//! the admin should check or change. Kept as data so wording is reviewed in one place.
//! Grounded in Microsoft's guidance (reference §12); never suggests weakening a policy as
//! the first step.

use serde::Serialize;

use crate::model::{Cause, Diagnosis};

/// Which remediation applies: finer than `Cause`, because a legacy mail client and a
/// blocked browser are both `client_app` but need different advice.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum FixKey {
    LocationUntrusted,
    DeviceCompliance,
    DeviceHybridJoin,
    DevicePlatform,
    ClientLegacy,
    ClientType,
    ClientApprovedApp,
    RiskSignIn,
    RiskUser,
    DeviceCodeFlow,
    AuthTransfer,
    PolicyScope,
    UnknownNoPolicy,
    UnknownNoConditions,
    /// Only a pasted error page to go on.
    UnknownFromPaste,
}

struct Remedy {
    key: FixKey,
    cause: Cause,
    /// One line for tables: the first thing to do.
    summary: &'static str,
    user: &'static str,
    admin: &'static str,
}

/// Placeholders: `{policy}` the blocking policy (`{Policy}` at a sentence start), `{client}` the client app, `{country}`,
/// `{place}` (city, country and IP), `{os}` the device platform, `{app}` the application.
const CATALOGUE: &[Remedy] = &[
    Remedy {
        key: FixKey::LocationUntrusted,
        cause: Cause::Location,
        summary: "Sign in from a trusted network; admin: check {country} and the IP against the named locations",
        user: "You signed in from a network your organisation does not trust ({place}). Sign in \
               from the office network or the corporate VPN; if a personal VPN is on, switch it \
               off or pick an exit in your home country. If you are travelling, ask IT for \
               temporary access before you go.",
        admin: "{Policy} blocks sign-ins from outside its allowed locations. Compare the sign-in's \
                IP and country with the policy's named locations: if it is a legitimate office or \
                VPN egress, add the range to a trusted named location. For travel, add the user \
                to a time-boxed exclusion group rather than excluding them from the policy for good.",
    },
    Remedy {
        key: FixKey::DeviceCompliance,
        cause: Cause::DeviceState,
        summary: "Use a managed, compliant device (enrol it in Intune)",
        user: "This needs a device your organisation manages. Use your work device, or enrol this \
               one with the Company Portal app and wait until it shows as compliant. In a browser, \
               use Microsoft Edge signed in with your work account (not InPrivate) or Chrome with \
               the Microsoft Single Sign On extension; on iPhone, iPad and Mac the Microsoft \
               Enterprise SSO plug-in must be set up.",
        admin: "{Policy} requires a registered, managed or compliant device. Check the device in \
                Intune (enrolled? which compliance setting fails?) and that it appears in Entra ID. \
                Browsers in private mode or without the SSO extension do not present the device, \
                so a compliant device can still look unregistered. Fix the device; do not exclude \
                the user.",
    },
    Remedy {
        key: FixKey::DeviceHybridJoin,
        cause: Cause::DeviceState,
        summary: "Use a domain-joined work PC",
        user: "This needs a company PC joined to the corporate domain. Sign in from your work PC, \
               not a personal device or a private browser window.",
        admin: "{Policy} requires a Microsoft Entra hybrid joined device. Check the device is \
                hybrid joined (`dsregcmd /status`: AzureAdJoined and DomainJoined both YES) and \
                synced by Entra Connect; only domain-joined Windows devices can satisfy this grant.",
    },
    Remedy {
        key: FixKey::DevicePlatform,
        cause: Cause::DevicePlatform,
        summary: "Use a supported device platform",
        user: "This app is not allowed from this kind of device ({os}). Use a supported device, \
               such as your work computer.",
        admin: "{Policy} blocks the {os} platform. If this platform should be allowed for this \
                app, review the policy's device platforms condition; if not, tell the user which \
                devices are supported. Platform is read from the user agent: keep platform blocks \
                paired with a device requirement.",
    },
    Remedy {
        key: FixKey::ClientLegacy,
        cause: Cause::ClientApp,
        summary: "Move the client off legacy authentication ({client})",
        user: "The app connects with {client}, an old sign-in method that is blocked because it \
               cannot do multifactor authentication. Use Outlook, the Outlook mobile app or \
               Outlook on the web instead, or ask IT to move the device or service to modern \
               authentication.",
        admin: "{client} is legacy authentication, blocked by {policy}. Find the device or service \
                (user agent, IP) and move it to modern authentication (OAuth): update the mail \
                client, move scanners and line-of-business apps to SMTP AUTH with OAuth or a relay \
                connector, then turn the protocol off for the mailbox (Set-CASMailbox). Keep the \
                legacy-authentication block.",
    },
    Remedy {
        key: FixKey::ClientType,
        cause: Cause::ClientApp,
        summary: "Use the desktop or mobile app instead of this client",
        user: "This app cannot be used from this kind of client ({client}). Use the desktop or \
               mobile app instead.",
        admin: "{Policy} blocks this client type ({client}). If it should be allowed, review the \
                policy's client apps condition; otherwise point the user to the supported client.",
    },
    Remedy {
        key: FixKey::ClientApprovedApp,
        cause: Cause::ClientApp,
        summary: "Use an approved app protected by Intune (Outlook mobile, not the built-in mail app)",
        user: "Use an approved Microsoft app, such as Outlook mobile instead of the built-in mail \
               app. On Android install Company Portal or Microsoft Authenticator; on iPhone and \
               iPad install Microsoft Authenticator.",
        admin: "{Policy} requires an approved client app or an app protection policy. Check the \
                app is covered by an Intune app protection policy and the broker app is installed. \
                The approved-client-app grant is being retired: move to 'Require app protection \
                policy'.",
    },
    Remedy {
        key: FixKey::RiskSignIn,
        cause: Cause::Risk,
        summary: "Review the sign-in risk in ID Protection; user retries from a usual device and network",
        user: "This sign-in looked risky (for example an unfamiliar place or an anonymising VPN). \
               Try again from your usual device and network. If it was not you, change your \
               password now and tell IT.",
        admin: "{Policy} blocks risky sign-ins. Review the detections for this sign-in in ID \
                Protection (Risky sign-ins): confirm compromised, or confirm safe if it was the \
                user. Consider requiring MFA for sign-in risk instead of blocking, so users can \
                remediate themselves.",
    },
    Remedy {
        key: FixKey::RiskUser,
        cause: Cause::Risk,
        summary: "Remediate the user risk: secure password change, then admin review",
        user: "Your account is flagged as at risk. Reset your password with self-service password \
               reset (after multifactor authentication) or ask IT to reset it.",
        admin: "{Policy} blocks users at risk. Investigate the user's detections in ID Protection \
                (Risky users); after a secure password change or your review, remediate or dismiss \
                the risk. Prefer 'Require password change' over a block so users can remediate \
                themselves.",
    },
    Remedy {
        key: FixKey::DeviceCodeFlow,
        cause: Cause::AuthFlow,
        summary: "Sign in interactively instead of with a device code",
        user: "You signed in with a device code (for example `az login --use-device-code`), which \
               is blocked. Sign in directly on this device instead (plain `az login` opens a \
               browser), on your work device.",
        admin: "{Policy} blocks the device code flow, or needs a device state the device code flow \
                can never provide. Point users to interactive sign-in; if a tool truly needs the \
                flow, scope a narrow exception to that app and group.",
    },
    Remedy {
        key: FixKey::AuthTransfer,
        cause: Cause::AuthFlow,
        summary: "Sign in directly instead of transferring the sign-in from another device",
        user: "You moved a sign-in over from another device (for example a QR code in Outlook \
               mobile), which is blocked. Sign in directly on this device.",
        admin: "{Policy} blocks authentication transfer. Ask users to sign in directly; change the \
                authentication flows condition only if the transfer is required.",
    },
    Remedy {
        key: FixKey::PolicyScope,
        cause: Cause::PolicyScope,
        summary: "Check with the policy owner that the block is intended",
        user: "Your account is not allowed to use {app} under your organisation's policy. If you \
               need access, ask IT; the request may need approval.",
        admin: "{Policy} blocks this user for this app outright: nothing about the sign-in can \
                change that. Check with the policy owner whether the user should be in scope; if \
                access is intended, change the group membership rather than the policy. Keep \
                break-glass accounts excluded from every block policy.",
    },
    Remedy {
        key: FixKey::UnknownNoPolicy,
        cause: Cause::Unknown,
        summary: "Open the sign-in in the admin center; re-export with policy details",
        user: "Send IT the Request ID and the time of the failed sign-in.",
        admin: "This export has no Conditional Access details for the sign-in (the portal's CSV \
                download never has them; other exports lack them when made without permission to \
                read Conditional Access policies). Open it in the Entra admin center (Sign-in \
                logs, the Request ID, Conditional Access tab) or run What If, and download JSON \
                with an account that can read policies so the cause can be named.",
    },
    Remedy {
        key: FixKey::UnknownNoConditions,
        cause: Cause::Unknown,
        summary: "Open the sign-in's Conditional Access tab to see which condition matched",
        user: "Send IT the Request ID and the time of the failed sign-in.",
        admin: "{Policy} blocked the sign-in, but this export does not record which condition \
                matched (Graph v1.0 does not). Open the sign-in's Conditional Access tab in the \
                admin center, or export from the beta endpoint or the portal's JSON download, \
                which carry the matched conditions.",
    },
    Remedy {
        key: FixKey::UnknownFromPaste,
        cause: Cause::Unknown,
        summary: "Pull the sign-in record by its Request ID to see the blocking policy",
        user: "Keep the Request ID and the time from the error page; IT needs them to look the \
               sign-in up. Until then, try from your usual work device and network.",
        admin: "The error page does not say which policy blocked the sign-in or why. Pull the \
                sign-in record by its Request ID (the commands above) and run signin-doctor \
                explain on it, or open it in the Entra admin center's Conditional Access tab.",
    },
];

/// The rendered advice for one diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Fix {
    #[serde(skip)]
    pub summary: String,
    pub user: String,
    pub admin: String,
}

fn remedy(key: FixKey) -> &'static Remedy {
    CATALOGUE
        .iter()
        .find(|r| r.key == key)
        .expect("every FixKey has a catalogue entry (tested)")
}

/// The cause a remediation belongs to.
pub(crate) fn cause_of(key: FixKey) -> Cause {
    remedy(key).cause
}

pub(crate) fn render(d: &Diagnosis) -> Fix {
    let r = remedy(d.fix);
    let policy = match d.policies.first() {
        Some(p) => format!("policy \"{}\"", p.name),
        None => "the blocking policy".to_string(),
    };
    let country = d.country.as_deref().unwrap_or("the country");
    let place = match (&d.city, &d.country, &d.ip) {
        (Some(c), Some(k), Some(ip)) => format!("{c}, {k}, IP {ip}"),
        (None, Some(k), Some(ip)) => format!("{k}, IP {ip}"),
        (_, _, Some(ip)) => format!("IP {ip}"),
        (_, Some(k), None) => k.clone(),
        _ => "an unknown network".to_string(),
    };
    let fill = |text: &str| -> String {
        text.replace("{Policy}", &capitalized(&policy))
            .replace("{policy}", &policy)
            .replace("{client}", d.client_app.as_deref().unwrap_or("this client"))
            .replace("{country}", country)
            .replace("{place}", &place)
            .replace("{os}", d.os.as_deref().unwrap_or("this device's"))
            .replace("{app}", d.app.as_deref().unwrap_or("this app"))
    };
    Fix {
        summary: fill(r.summary),
        user: fill(r.user),
        admin: fill(r.admin),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every remedy text, by name (for the completeness tests in i18n).
#[cfg(test)]
pub(crate) fn all_texts() -> Vec<(String, crate::i18n::Tr)> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [FixKey; 15] = [
        FixKey::LocationUntrusted,
        FixKey::DeviceCompliance,
        FixKey::DeviceHybridJoin,
        FixKey::DevicePlatform,
        FixKey::ClientLegacy,
        FixKey::ClientType,
        FixKey::ClientApprovedApp,
        FixKey::RiskSignIn,
        FixKey::RiskUser,
        FixKey::DeviceCodeFlow,
        FixKey::AuthTransfer,
        FixKey::PolicyScope,
        FixKey::UnknownNoPolicy,
        FixKey::UnknownNoConditions,
        FixKey::UnknownFromPaste,
    ];

    #[test]
    fn every_key_has_exactly_one_entry_and_every_cause_a_remedy() {
        for key in ALL {
            assert_eq!(
                CATALOGUE.iter().filter(|r| r.key == key).count(),
                1,
                "{key:?}"
            );
        }
        assert_eq!(CATALOGUE.len(), ALL.len());
        for cause in Cause::ALL {
            assert!(
                CATALOGUE.iter().any(|r| r.cause == cause),
                "no remedy for {cause}"
            );
        }
    }

    #[test]
    fn no_placeholder_is_left_unfilled() {
        let mut d = crate::classify::tests::diagnosis_for_tests();
        for key in ALL {
            d.fix = key;
            let f = render(&d);
            for text in [&f.summary, &f.user, &f.admin] {
                assert!(!text.contains('{'), "{key:?}: {text}");
            }
        }
        d.fix = FixKey::ClientLegacy;
        d.client_app = Some("IMAP4".into());
        assert!(render(&d).summary.contains("IMAP4"));
        d.fix = FixKey::DeviceCodeFlow;
        d.policies.clear();
        let admin = render(&d).admin;
        assert!(admin.starts_with("The blocking policy blocks"), "{admin}");
    }
}
