//! The remediation catalogue: for each kind of block, what the user can do now and what
//! the admin should check or change. Kept as data so wording is reviewed in one place.
//! Grounded in Microsoft's guidance (reference §12); never suggests weakening a policy as
//! the first step.

use serde::Serialize;

use crate::i18n::{self, Tr};
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
    summary: Tr,
    user: Tr,
    admin: Tr,
}

/// Placeholders: `{policy}` the blocking policy (`{Policy}` at a sentence start), `{client}` the client app, `{country}`,
/// `{place}` (city, country and IP), `{os}` the device platform, `{app}` the application.
/// Their values are worded per language by the texts below the catalogue. French summaries
/// use the infinitive (a to-do line in a table); French user texts say "vous".
const CATALOGUE: &[Remedy] = &[
    Remedy {
        key: FixKey::LocationUntrusted,
        cause: Cause::Location,
        summary: Tr {
            en: "Sign in from a trusted network; admin: check {country} and the IP against the \
                 named locations",
            fr: "Se connecter depuis un réseau approuvé ; administrateur : comparer {country} et \
                 l'adresse IP aux emplacements nommés",
        },
        user: Tr {
            en: "You signed in from a network your organisation does not trust ({place}). Sign in \
                 from the office network or the corporate VPN; if a personal VPN is on, switch it \
                 off or pick an exit in your home country. If you are travelling, ask IT for \
                 temporary access before you go.",
            fr: "Votre connexion provient d'un réseau que votre organisation n'approuve pas \
                 ({place}). Connectez-vous depuis le réseau du bureau ou le VPN de l'entreprise ; \
                 si un VPN personnel est activé, désactivez-le ou choisissez un point de sortie \
                 dans votre pays. Si vous êtes en déplacement, demandez un accès temporaire au \
                 service informatique avant de partir.",
        },
        admin: Tr {
            en: "{Policy} blocks sign-ins from outside its allowed locations. Compare the \
                 sign-in's IP and country with the policy's named locations: if it is a \
                 legitimate office or VPN egress, add the range to a trusted named location. For \
                 travel, add the user to a time-boxed exclusion group rather than excluding them \
                 from the policy for good.",
            fr: "{Policy} bloque les connexions effectuées hors de ses emplacements autorisés. \
                 Comparez l'adresse IP et le pays de la connexion aux emplacements nommés de la \
                 stratégie : s'il s'agit de la sortie légitime d'un bureau ou d'un VPN, ajoutez \
                 la plage à un emplacement nommé approuvé. Pour un déplacement, ajoutez \
                 l'utilisateur à un groupe d'exclusion limité dans le temps plutôt que de \
                 l'exclure définitivement de la stratégie.",
        },
    },
    Remedy {
        key: FixKey::DeviceCompliance,
        cause: Cause::DeviceState,
        summary: Tr {
            en: "Use a managed, compliant device (enrol it in Intune)",
            fr: "Utiliser un appareil géré et conforme (l'inscrire dans Intune)",
        },
        user: Tr {
            en: "This needs a device your organisation manages. Use your work device, or enrol \
                 this one with the Company Portal app and wait until it shows as compliant. In a \
                 browser, use Microsoft Edge signed in with your work account (not InPrivate) or \
                 Chrome with the Microsoft Single Sign On extension; on iPhone, iPad and Mac the \
                 Microsoft Enterprise SSO plug-in must be set up.",
            fr: "Cet accès exige un appareil géré par votre organisation. Utilisez votre appareil \
                 professionnel, ou inscrivez celui-ci avec l'application Portail d'entreprise \
                 (Company Portal) et attendez qu'il apparaisse comme conforme. Dans un \
                 navigateur, utilisez Microsoft Edge connecté avec votre compte professionnel \
                 (pas en mode InPrivate) ou Chrome avec l'extension Microsoft Single Sign On ; \
                 sur iPhone, iPad et Mac, le plug-in Microsoft Enterprise SSO doit être \
                 configuré.",
        },
        admin: Tr {
            en: "{Policy} requires a registered, managed or compliant device. Check the device in \
                 Intune (enrolled? which compliance setting fails?) and that it appears in Entra \
                 ID. Browsers in private mode or without the SSO extension do not present the \
                 device, so a compliant device can still look unregistered. Fix the device; do \
                 not exclude the user.",
            fr: "{Policy} exige un appareil inscrit, géré ou conforme. Vérifiez l'appareil dans \
                 Intune (est-il inscrit ? quel paramètre de conformité échoue ?) et sa présence \
                 dans Entra ID. Un navigateur en navigation privée ou sans l'extension SSO ne \
                 présente pas l'appareil : un appareil conforme peut donc sembler non inscrit. \
                 Corrigez l'appareil ; n'excluez pas l'utilisateur.",
        },
    },
    Remedy {
        key: FixKey::DeviceHybridJoin,
        cause: Cause::DeviceState,
        summary: Tr {
            en: "Use a domain-joined work PC",
            fr: "Utiliser un PC professionnel joint au domaine",
        },
        user: Tr {
            en: "This needs a company PC joined to the corporate domain. Sign in from your work \
                 PC, not a personal device or a private browser window.",
            fr: "Cet accès exige un PC de l'entreprise joint au domaine. Connectez-vous depuis \
                 votre PC professionnel, pas depuis un appareil personnel ni une fenêtre de \
                 navigation privée.",
        },
        admin: Tr {
            en: "{Policy} requires a Microsoft Entra hybrid joined device. Check the device is \
                 hybrid joined (`dsregcmd /status`: AzureAdJoined and DomainJoined both YES) and \
                 synced by Entra Connect; only domain-joined Windows devices can satisfy this \
                 grant.",
            fr: "{Policy} exige un appareil joint à Microsoft Entra hybride. Vérifiez que \
                 l'appareil est bien joint à Microsoft Entra hybride (`dsregcmd /status` : \
                 AzureAdJoined et DomainJoined tous deux à YES) et synchronisé par Entra Connect \
                 ; seuls les appareils Windows joints à un domaine peuvent satisfaire ce contrôle \
                 d'octroi.",
        },
    },
    Remedy {
        key: FixKey::DevicePlatform,
        cause: Cause::DevicePlatform,
        summary: Tr {
            en: "Use a supported device platform",
            fr: "Utiliser une plateforme d'appareil prise en charge",
        },
        user: Tr {
            en: "This app is not allowed from this kind of device ({os}). Use a supported device, \
                 such as your work computer.",
            fr: "Cette application n'est pas autorisée sur la plateforme {os}. Utilisez un \
                 appareil pris en charge, comme votre ordinateur professionnel.",
        },
        admin: Tr {
            en: "{Policy} blocks the {os} platform. If this platform should be allowed for this \
                 app, review the policy's device platforms condition; if not, tell the user which \
                 devices are supported. Platform is read from the user agent: keep platform \
                 blocks paired with a device requirement.",
            fr: "{Policy} bloque la plateforme {os}. Si cette plateforme doit être autorisée pour \
                 cette application, revoyez la condition « Plateformes d'appareils » de la \
                 stratégie ; sinon, indiquez à l'utilisateur quels appareils sont pris en charge. \
                 La plateforme est déduite de l'agent utilisateur : associez toujours un blocage \
                 de plateforme à une exigence sur l'appareil.",
        },
    },
    Remedy {
        key: FixKey::ClientLegacy,
        cause: Cause::ClientApp,
        summary: Tr {
            en: "Move the client off legacy authentication ({client})",
            fr: "Faire passer le client de l'authentification héritée ({client}) à \
                 l'authentification moderne",
        },
        user: Tr {
            en: "The app connects with {client}, an old sign-in method that is blocked because it \
                 cannot do multifactor authentication. Use Outlook, the Outlook mobile app or \
                 Outlook on the web instead, or ask IT to move the device or service to modern \
                 authentication.",
            fr: "L'application se connecte avec {client}, une ancienne méthode de connexion \
                 bloquée parce qu'elle ne permet pas l'authentification multifacteur. Utilisez \
                 plutôt Outlook, l'application mobile Outlook ou Outlook sur le web, ou demandez \
                 au service informatique de passer l'appareil ou le service à l'authentification \
                 moderne.",
        },
        admin: Tr {
            en: "{client} is legacy authentication, blocked by {policy}. Find the device or \
                 service (user agent, IP) and move it to modern authentication (OAuth): update \
                 the mail client, move scanners and line-of-business apps to SMTP AUTH with OAuth \
                 or a relay connector, then turn the protocol off for the mailbox \
                 (Set-CASMailbox). Keep the legacy-authentication block.",
            fr: "La connexion utilise {client}, une authentification héritée bloquée par \
                 {policy}. Retrouvez l'appareil ou le service (agent utilisateur, adresse IP) et \
                 passez-le à l'authentification moderne (OAuth) : mettez à jour le client de \
                 messagerie, passez les scanners et les applications métier à SMTP AUTH avec \
                 OAuth ou à un connecteur de relais, puis désactivez le protocole pour la boîte \
                 aux lettres (Set-CASMailbox). Conservez le blocage de l'authentification \
                 héritée.",
        },
    },
    Remedy {
        key: FixKey::ClientType,
        cause: Cause::ClientApp,
        summary: Tr {
            en: "Use the desktop or mobile app instead of this client",
            fr: "Utiliser l'application de bureau ou mobile plutôt que ce client",
        },
        user: Tr {
            en: "This app cannot be used from this kind of client ({client}). Use the desktop or \
                 mobile app instead.",
            fr: "Cette application ne peut pas être utilisée depuis ce type de client ({client}). \
                 Utilisez plutôt l'application de bureau ou l'application mobile.",
        },
        admin: Tr {
            en: "{Policy} blocks this client type ({client}). If it should be allowed, review the \
                 policy's client apps condition; otherwise point the user to the supported \
                 client.",
            fr: "{Policy} bloque ce type de client ({client}). S'il doit être autorisé, revoyez la \
                 condition « Applications clientes » de la stratégie ; sinon, orientez \
                 l'utilisateur vers le client pris en charge.",
        },
    },
    Remedy {
        key: FixKey::ClientApprovedApp,
        cause: Cause::ClientApp,
        summary: Tr {
            en: "Use an approved app protected by Intune (Outlook mobile, not the built-in mail \
                 app)",
            fr: "Utiliser une application approuvée protégée par Intune (Outlook mobile, pas \
                 l'application de messagerie intégrée)",
        },
        user: Tr {
            en: "Use an approved Microsoft app, such as Outlook mobile instead of the built-in \
                 mail app. On Android install Company Portal or Microsoft Authenticator; on \
                 iPhone and iPad install Microsoft Authenticator.",
            fr: "Utilisez une application Microsoft approuvée, par exemple Outlook mobile au lieu \
                 de l'application de messagerie intégrée. Sur Android, installez Portail \
                 d'entreprise (Company Portal) ou Microsoft Authenticator ; sur iPhone et iPad, \
                 installez Microsoft Authenticator.",
        },
        admin: Tr {
            en: "{Policy} requires an approved client app or an app protection policy. Check the \
                 app is covered by an Intune app protection policy and the broker app is \
                 installed. The approved-client-app grant is being retired: move to 'Require app \
                 protection policy'.",
            fr: "{Policy} exige une application cliente approuvée ou une stratégie de protection \
                 des applications. Vérifiez que l'application est couverte par une stratégie de \
                 protection des applications Intune et que l'application broker est installée. Le \
                 contrôle d'octroi « Exiger une application cliente approuvée » va être retiré : \
                 passez à « Exiger une stratégie de protection des applications ».",
        },
    },
    Remedy {
        key: FixKey::RiskSignIn,
        cause: Cause::Risk,
        summary: Tr {
            en: "Review the sign-in risk in ID Protection; user retries from a usual device and \
                 network",
            fr: "Examiner le risque de connexion dans Microsoft Entra ID Protection ; faire \
                 réessayer l'utilisateur depuis son appareil et son réseau habituels",
        },
        user: Tr {
            en: "This sign-in looked risky (for example an unfamiliar place or an anonymising \
                 VPN). Try again from your usual device and network. If it was not you, change \
                 your password now and tell IT.",
            fr: "Cette connexion a semblé risquée (par exemple un lieu inhabituel ou un VPN \
                 d'anonymisation). Réessayez depuis votre appareil et votre réseau habituels. Si \
                 ce n'était pas vous, changez votre mot de passe immédiatement et prévenez le \
                 service informatique.",
        },
        admin: Tr {
            en: "{Policy} blocks risky sign-ins. Review the detections for this sign-in in ID \
                 Protection (Risky sign-ins): confirm compromised, or confirm safe if it was the \
                 user. Consider requiring MFA for sign-in risk instead of blocking, so users can \
                 remediate themselves.",
            fr: "{Policy} bloque les connexions à risque. Examinez les détections de cette \
                 connexion dans Microsoft Entra ID Protection (Connexions à risque) : confirmez la \
                 compromission, ou confirmez que la connexion est sécurisée si c'était bien \
                 l'utilisateur. Envisagez d'exiger la MFA pour le risque de connexion plutôt que \
                 de bloquer, afin que les utilisateurs puissent corriger le risque eux-mêmes.",
        },
    },
    Remedy {
        key: FixKey::RiskUser,
        cause: Cause::Risk,
        summary: Tr {
            en: "Remediate the user risk: secure password change, then admin review",
            fr: "Corriger le risque utilisateur : changement de mot de passe sécurisé, puis \
                 examen par un administrateur",
        },
        user: Tr {
            en: "Your account is flagged as at risk. Reset your password with self-service \
                 password reset (after multifactor authentication) or ask IT to reset it.",
            fr: "Votre compte est signalé comme à risque. Réinitialisez votre mot de passe avec \
                 la réinitialisation de mot de passe en libre-service (après l'authentification \
                 multifacteur) ou demandez au service informatique de le réinitialiser.",
        },
        admin: Tr {
            en: "{Policy} blocks users at risk. Investigate the user's detections in ID \
                 Protection (Risky users); after a secure password change or your review, \
                 remediate or dismiss the risk. Prefer 'Require password change' over a block so \
                 users can remediate themselves.",
            fr: "{Policy} bloque les utilisateurs à risque. Analysez les détections de \
                 l'utilisateur dans Microsoft Entra ID Protection (Utilisateurs à risque) ; après \
                 un changement de mot de passe sécurisé ou votre propre examen, corrigez ou \
                 ignorez le risque. Préférez « Exiger une modification du mot de passe » à un \
                 blocage, afin que les utilisateurs puissent corriger le risque eux-mêmes.",
        },
    },
    Remedy {
        key: FixKey::DeviceCodeFlow,
        cause: Cause::AuthFlow,
        summary: Tr {
            en: "Sign in interactively instead of with a device code",
            fr: "Se connecter de façon interactive plutôt qu'avec un code d'appareil",
        },
        user: Tr {
            en: "You signed in with a device code (for example `az login --use-device-code`), \
                 which is blocked. Sign in directly on this device instead (plain `az login` \
                 opens a browser), on your work device.",
            fr: "La connexion par code d'appareil (par exemple `az login --use-device-code`) est \
                 bloquée. Connectez-vous plutôt directement, sur votre appareil professionnel (un \
                 simple `az login` ouvre un navigateur).",
        },
        admin: Tr {
            en: "{Policy} blocks the device code flow, or needs a device state the device code \
                 flow can never provide. Point users to interactive sign-in; if a tool truly \
                 needs the flow, scope a narrow exception to that app and group.",
            fr: "{Policy} bloque le flux de code d'appareil, ou exige un état d'appareil que ce \
                 flux ne peut jamais fournir. Orientez les utilisateurs vers la connexion \
                 interactive ; si un outil a vraiment besoin de ce flux, accordez une exception \
                 limitée à cette application et à ce groupe.",
        },
    },
    Remedy {
        key: FixKey::AuthTransfer,
        cause: Cause::AuthFlow,
        summary: Tr {
            en: "Sign in directly instead of transferring the sign-in from another device",
            fr: "Se connecter directement plutôt que transférer la connexion depuis un autre \
                 appareil",
        },
        user: Tr {
            en: "You moved a sign-in over from another device (for example a QR code in Outlook \
                 mobile), which is blocked. Sign in directly on this device.",
            fr: "Le transfert d'une connexion depuis un autre appareil (par exemple avec un code \
                 QR dans Outlook mobile) est bloqué. Connectez-vous directement sur cet appareil.",
        },
        admin: Tr {
            en: "{Policy} blocks authentication transfer. Ask users to sign in directly; change \
                 the authentication flows condition only if the transfer is required.",
            fr: "{Policy} bloque le transfert d'authentification. Demandez aux utilisateurs de se \
                 connecter directement ; ne modifiez la condition « Flux d'authentification » que \
                 si le transfert est indispensable.",
        },
    },
    Remedy {
        key: FixKey::PolicyScope,
        cause: Cause::PolicyScope,
        summary: Tr {
            en: "Check with the policy owner that the block is intended",
            fr: "Vérifier auprès du propriétaire de la stratégie que le blocage est voulu",
        },
        user: Tr {
            en: "Your account is not allowed to use {app} under your organisation's policy. If \
                 you need access, ask IT; the request may need approval.",
            fr: "Les règles de votre organisation n'autorisent pas votre compte à utiliser {app}. \
                 Si vous avez besoin d'un accès, demandez-le au service informatique ; la demande \
                 peut nécessiter une approbation.",
        },
        admin: Tr {
            en: "{Policy} blocks this user for this app outright: nothing about the sign-in can \
                 change that. Check with the policy owner whether the user should be in scope; if \
                 access is intended, change the group membership rather than the policy. Keep \
                 break-glass accounts excluded from every block policy.",
            fr: "{Policy} bloque purement et simplement cet utilisateur pour cette application : \
                 rien dans la manière de se connecter ne peut changer cela. Vérifiez auprès du \
                 propriétaire de la stratégie si l'utilisateur doit être ciblé ; si l'accès est \
                 voulu, modifiez l'appartenance aux groupes plutôt que la stratégie. Gardez les \
                 comptes d'accès d'urgence exclus de toutes les stratégies de blocage.",
        },
    },
    Remedy {
        key: FixKey::UnknownNoPolicy,
        cause: Cause::Unknown,
        summary: Tr {
            en: "Open the sign-in in the admin center; re-export with policy details",
            fr: "Ouvrir la connexion dans le centre d'administration ; réexporter avec le détail \
                 des stratégies",
        },
        user: Tr {
            en: "Send IT the Request ID and the time of the failed sign-in.",
            fr: "Envoyez au service informatique l'ID de la demande et l'heure de la connexion \
                 qui a échoué.",
        },
        admin: Tr {
            en: "This export has no Conditional Access details for the sign-in (the portal's CSV \
                 download never has them; other exports lack them when made without permission to \
                 read Conditional Access policies). Open it in the Entra admin center (Sign-in \
                 logs, the Request ID, Conditional Access tab) or run What If, and download JSON \
                 with an account that can read policies so the cause can be named.",
            fr: "Cet export ne contient pas les détails d'accès conditionnel de la connexion (le \
                 téléchargement CSV du portail ne les contient jamais ; les autres exports ne les \
                 contiennent pas lorsqu'ils sont faits sans l'autorisation de lire les stratégies \
                 d'accès conditionnel). Ouvrez la connexion dans le centre d'administration \
                 Microsoft Entra (Journaux de connexion, l'ID de la demande, onglet Accès \
                 conditionnel) ou lancez What If, puis téléchargez le JSON avec un compte qui \
                 peut lire les stratégies, pour que la cause puisse être identifiée.",
        },
    },
    Remedy {
        key: FixKey::UnknownNoConditions,
        cause: Cause::Unknown,
        summary: Tr {
            en: "Open the sign-in's Conditional Access tab to see which condition matched",
            fr: "Ouvrir l'onglet Accès conditionnel de la connexion pour voir quelle condition \
                 était satisfaite",
        },
        user: Tr {
            en: "Send IT the Request ID and the time of the failed sign-in.",
            fr: "Envoyez au service informatique l'ID de la demande et l'heure de la connexion \
                 qui a échoué.",
        },
        admin: Tr {
            en: "{Policy} blocked the sign-in, but this export does not record which condition \
                 matched (Graph v1.0 does not). Open the sign-in's Conditional Access tab in the \
                 admin center, or export from the beta endpoint or the portal's JSON download, \
                 which carry the matched conditions.",
            fr: "{Policy} a bloqué la connexion, mais cet export n'indique pas quelle condition \
                 était satisfaite (Graph v1.0 ne l'indique pas). Ouvrez l'onglet Accès \
                 conditionnel de la connexion dans le centre d'administration, ou exportez depuis \
                 le point de terminaison beta ou avec le téléchargement JSON du portail, qui \
                 contiennent les conditions satisfaites.",
        },
    },
    Remedy {
        key: FixKey::UnknownFromPaste,
        cause: Cause::Unknown,
        summary: Tr {
            en: "Pull the sign-in record by its Request ID to see the blocking policy",
            fr: "Récupérer l'enregistrement de la connexion par son ID de la demande pour voir la \
                 stratégie bloquante",
        },
        user: Tr {
            en: "Keep the Request ID and the time from the error page; IT needs them to look the \
                 sign-in up. Until then, try from your usual work device and network.",
            fr: "Conservez l'ID de la demande et l'heure indiqués sur la page d'erreur ; le \
                 service informatique en a besoin pour retrouver la connexion. En attendant, \
                 réessayez depuis votre appareil professionnel et votre réseau habituels.",
        },
        admin: Tr {
            en: "The error page does not say which policy blocked the sign-in or why. Pull the \
                 sign-in record by its Request ID (the commands above) and run signin-doctor \
                 explain on it, or open it in the Entra admin center's Conditional Access tab.",
            fr: "La page d'erreur n'indique ni quelle stratégie a bloqué la connexion, ni \
                 pourquoi. Récupérez l'enregistrement de la connexion par son ID de la demande \
                 (commandes ci-dessus) et exécutez signin-doctor explain sur cet enregistrement, \
                 ou ouvrez-le dans l'onglet Accès conditionnel du centre d'administration \
                 Microsoft Entra.",
        },
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

/// `{policy}` when the record names the blocking policy; `{name}` is its display name. Both
/// languages open with a lower-case article or noun, so `{Policy}` is the same capitalised.
const POLICY_NAMED: Tr = Tr {
    en: "policy \"{name}\"",
    fr: "la stratégie « {name} »",
};
/// `{policy}` when the record names no policy.
const POLICY_UNNAMED: Tr = Tr {
    en: "the blocking policy",
    fr: "la stratégie en cause",
};
/// `{country}` when the record has none.
const COUNTRY_UNKNOWN: Tr = Tr {
    en: "the country",
    fr: "le pays",
};
/// `{place}`: city, country code and IP address, as the record has them.
const PLACE_CITY_COUNTRY_IP: Tr = Tr {
    en: "{city}, {country}, IP {ip}",
    fr: "{city}, {country}, adresse IP {ip}",
};
const PLACE_COUNTRY_IP: Tr = Tr {
    en: "{country}, IP {ip}",
    fr: "{country}, adresse IP {ip}",
};
const PLACE_IP: Tr = Tr {
    en: "IP {ip}",
    fr: "adresse IP {ip}",
};
/// `{place}` with neither country nor IP.
const PLACE_UNKNOWN: Tr = Tr {
    en: "an unknown network",
    fr: "un réseau inconnu",
};
/// `{client}` when the record has no client app.
const CLIENT_UNKNOWN: Tr = Tr {
    en: "this client",
    fr: "ce client",
};
/// `{os}` when the record has no platform: "blocks the {os} platform", "(plateforme {os})".
const OS_UNKNOWN: Tr = Tr {
    en: "this device's",
    fr: "de cet appareil",
};
/// `{app}` when the record names no application.
const APP_UNKNOWN: Tr = Tr {
    en: "this app",
    fr: "cette application",
};

/// The texts that word the placeholders' values, by name.
#[cfg(test)]
const VALUE_TEXTS: [(&str, Tr); 10] = [
    ("POLICY_NAMED", POLICY_NAMED),
    ("POLICY_UNNAMED", POLICY_UNNAMED),
    ("COUNTRY_UNKNOWN", COUNTRY_UNKNOWN),
    ("PLACE_CITY_COUNTRY_IP", PLACE_CITY_COUNTRY_IP),
    ("PLACE_COUNTRY_IP", PLACE_COUNTRY_IP),
    ("PLACE_IP", PLACE_IP),
    ("PLACE_UNKNOWN", PLACE_UNKNOWN),
    ("CLIENT_UNKNOWN", CLIENT_UNKNOWN),
    ("OS_UNKNOWN", OS_UNKNOWN),
    ("APP_UNKNOWN", APP_UNKNOWN),
];

/// The remedy for a diagnosis in this run's language, its placeholders filled.
pub(crate) fn render(d: &Diagnosis) -> Fix {
    let r = remedy(d.fix);
    let policy = match d.policies.first() {
        Some(p) => POLICY_NAMED.fill(&[("name", &p.name)]),
        None => POLICY_UNNAMED.get().to_string(),
    };
    let country = d.country.as_deref().unwrap_or(COUNTRY_UNKNOWN.get());
    let place = match (&d.city, &d.country, &d.ip) {
        (Some(c), Some(k), Some(ip)) => {
            PLACE_CITY_COUNTRY_IP.fill(&[("city", c), ("country", k), ("ip", ip)])
        }
        (None, Some(k), Some(ip)) => PLACE_COUNTRY_IP.fill(&[("country", k), ("ip", ip)]),
        (_, _, Some(ip)) => PLACE_IP.fill(&[("ip", ip)]),
        (_, Some(k), None) => k.clone(),
        _ => PLACE_UNKNOWN.get().to_string(),
    };
    let capital = capitalized(&policy);
    let client = d.client_app.as_deref().unwrap_or(CLIENT_UNKNOWN.get());
    let os = d.os.as_deref().unwrap_or(OS_UNKNOWN.get());
    let app = d.app.as_deref().unwrap_or(APP_UNKNOWN.get());
    let values: [(&str, &dyn std::fmt::Display); 7] = [
        ("Policy", &capital),
        ("policy", &policy),
        ("client", &client),
        ("country", &country),
        ("place", &place),
        ("os", &os),
        ("app", &app),
    ];
    let fill = |text: Tr| i18n::fill(text.get(), &values);
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

/// Every remedy text, by name (for the completeness tests in i18n):
/// "fixes::LocationUntrusted.user", "fixes::POLICY_NAMED", ...
#[cfg(test)]
pub(crate) fn all_texts() -> Vec<(String, Tr)> {
    let remedies = CATALOGUE.iter().flat_map(|r| {
        [("summary", r.summary), ("user", r.user), ("admin", r.admin)]
            .map(|(field, text)| (format!("fixes::{:?}.{field}", r.key), text))
    });
    let values = VALUE_TEXTS
        .iter()
        .map(|(name, text)| (format!("fixes::{name}"), *text));
    remedies.chain(values).collect()
}

#[cfg(test)]
pub(crate) mod tests {
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

    fn in_french<T>(f: impl FnOnce() -> T) -> T {
        crate::i18n::with_lang(crate::i18n::Lang::Fr, f)
    }

    #[test]
    fn french_remedies_fill_the_place_and_open_with_the_policy() {
        let mut d = crate::classify::tests::diagnosis_for_tests();
        d.fix = FixKey::LocationUntrusted;
        let f = in_french(|| render(&d));
        assert!(
            f.user.starts_with(
                "Votre connexion provient d'un réseau que votre organisation n'approuve pas \
                 (Sao Paulo, BR, adresse IP 203.0.113.7). Connectez-vous depuis le réseau du bureau"
            ),
            "{}",
            f.user
        );
        assert!(
            f.admin.starts_with(
                "La stratégie « CA900 - Policy » bloque les connexions effectuées hors de ses \
                 emplacements autorisés."
            ),
            "{}",
            f.admin
        );
        assert_eq!(
            f.summary,
            "Se connecter depuis un réseau approuvé ; administrateur : comparer BR et l'adresse \
             IP aux emplacements nommés"
        );
        // The same diagnosis in English on the same thread is untouched.
        let en = render(&d);
        assert!(
            en.user.contains("(Sao Paulo, BR, IP 203.0.113.7)"),
            "{}",
            en.user
        );
        assert!(
            en.admin.starts_with("Policy \"CA900 - Policy\" blocks"),
            "{}",
            en.admin
        );
    }

    #[test]
    fn french_policy_phrase_mid_sentence_and_without_a_policy() {
        let mut d = crate::classify::tests::diagnosis_for_tests();
        d.fix = FixKey::ClientLegacy;
        d.client_app = Some("IMAP4".into());
        let f = in_french(|| render(&d));
        assert!(
            f.admin.starts_with(
                "La connexion utilise IMAP4, une authentification héritée bloquée par la \
                 stratégie « CA900 - Policy ». Retrouvez l'appareil ou le service"
            ),
            "{}",
            f.admin
        );
        assert!(
            f.user
                .starts_with("L'application se connecte avec IMAP4, une ancienne méthode"),
            "{}",
            f.user
        );
        assert!(f.summary.contains("l'authentification héritée (IMAP4)"));

        d.policies.clear();
        let admin = in_french(|| render(&d).admin);
        assert!(
            admin.contains("bloquée par la stratégie en cause. Retrouvez"),
            "{admin}"
        );
        d.fix = FixKey::DeviceCodeFlow;
        let admin = in_french(|| render(&d).admin);
        assert!(
            admin.starts_with("La stratégie en cause bloque le flux de code d'appareil"),
            "{admin}"
        );
    }

    #[test]
    fn french_defaults_for_missing_values_read_as_french() {
        let mut d = crate::classify::tests::diagnosis_for_tests();
        d.os = None;
        d.app = None;
        d.client_app = None;
        d.fix = FixKey::DevicePlatform;
        let f = in_french(|| render(&d));
        assert!(
            f.user.starts_with(
                "Cette application n'est pas autorisée sur la plateforme de cet appareil."
            ),
            "{}",
            f.user
        );
        assert!(
            f.admin.starts_with(
                "La stratégie « CA900 - Policy » bloque la plateforme de cet appareil."
            ),
            "{}",
            f.admin
        );
        d.fix = FixKey::PolicyScope;
        let user = in_french(|| render(&d).user);
        assert!(
            user.starts_with(
                "Les règles de votre organisation n'autorisent pas votre compte à utiliser cette \
                 application."
            ),
            "{user}"
        );
        d.fix = FixKey::ClientType;
        let user = in_french(|| render(&d).user);
        assert!(
            user.contains("depuis ce type de client (ce client)."),
            "{user}"
        );
        d.fix = FixKey::LocationUntrusted;
        d.city = None;
        let user = in_french(|| render(&d).user);
        assert!(user.contains("(BR, adresse IP 203.0.113.7)"), "{user}");
        d.country = None;
        let f = in_french(|| render(&d));
        assert!(f.user.contains("(adresse IP 203.0.113.7)"), "{}", f.user);
        assert!(
            f.summary.contains("comparer le pays et l'adresse IP"),
            "{}",
            f.summary
        );
        d.ip = None;
        let user = in_french(|| render(&d).user);
        assert!(user.contains("(un réseau inconnu)"), "{user}");
    }

    #[test]
    fn french_is_complete_and_typeset_for_a_terminal() {
        let mut d = crate::classify::tests::diagnosis_for_tests();
        for key in ALL {
            d.fix = key;
            let f = in_french(|| render(&d));
            for text in [&f.summary, &f.user, &f.admin] {
                assert!(!text.contains('{'), "{key:?}: {text}");
                assert_french_typography(text);
            }
            // Every remedy speaks French, not just the one the fixtures show.
            assert_ne!(f.user, render(&d).user, "{key:?}");
        }
        for (_, text) in all_texts() {
            assert_french_typography(text.fr);
        }
    }

    /// Regular spaces before ; : ? ! and inside « » (no non-breaking spaces: terminals), and
    /// no English quotes around French words.
    /// The terminal typography every French text follows (i18n), and no straight quote:
    /// the catalogues quote with « ».
    pub(crate) fn assert_french_typography(text: &str) {
        if let Err(e) = crate::i18n::tests::french_typography(text) {
            panic!("{e}");
        }
        assert!(!text.contains('"'), "straight quote in {text:?}");
    }
}
