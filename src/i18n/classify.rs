//! The classify texts, English and French side by side (see i18n/mod.rs): the diagnosis's
//! `detail` sentence and the evidence lines that are sentences rather than quoted log
//! fields. Field names and values (`clientAppUsed = "IMAP4"`) stay as the log writes them.

super::texts! {
    // ---- Who blocked: the {by} of the detail sentences. ----

    BY_CONDITIONAL_ACCESS { en: "Conditional Access", fr: "l'accès conditionnel" }
    BY_POLICY { en: "policy \"{name}\"", fr: "la stratégie « {name} »" }
    /// {n} other blocking policies.
    BY_POLICY_AND_MORE_ONE {
        en: "policy \"{name}\" (and {n} more)",
        fr: "la stratégie « {name} » (et {n} autre)",
    }
    BY_POLICY_AND_MORE_MANY {
        en: "policy \"{name}\" (and {n} more)",
        fr: "la stratégie « {name} » (et {n} autres)",
    }

    // ---- How sure: appended to the detail sentence (leading space). ----

    INFERRED_BY_NAME {
        en: " (inferred from the policy's name or grant and the sign-in; the export does not record the matched conditions)",
        fr: " (déduit du nom ou du contrôle d'octroi de la stratégie et de la connexion ; l'export n'enregistre pas les conditions satisfaites)",
    }
    INFERRED_FROM_SIGNIN {
        en: " (inferred from the sign-in alone; the export does not name the matched condition)",
        fr: " (déduit de la connexion seule ; l'export ne nomme pas la condition satisfaite)",
    }

    // ---- The detail sentence, per cause. {by} is BY_* above. ----

    /// {place} is "Bangkok, TH (ipAddress 203.0.113.9)".
    DETAIL_LOCATION {
        en: "sign-in from {place} is outside the locations {by} allows",
        fr: "la connexion depuis {place} est hors des emplacements autorisés par {by}",
    }
    DETAIL_LOCATION_NO_PLACE {
        en: "sign-in from this network is outside the locations {by} allows",
        fr: "la connexion depuis ce réseau est hors des emplacements autorisés par {by}",
    }
    /// {device} is the device evidence: `operatingSystem "iOS 17", isCompliant false`.
    DETAIL_DEVICE {
        en: "the device does not meet the device requirement of {by} ({device})",
        fr: "l'appareil ne remplit pas l'exigence d'appareil de {by} ({device})",
    }
    /// Stands for the device evidence when the export has none.
    DEVICE_UNKNOWN { en: "unknown", fr: "inconnu" }
    /// {os} is the quoted operating system: "Linux".
    DETAIL_PLATFORM {
        en: "the device platform {os} is blocked by {by}",
        fr: "la plateforme d'appareil {os} est bloquée par {by}",
    }
    DETAIL_PLATFORM_NO_OS {
        en: "the device platform this is blocked by {by}",
        fr: "la plateforme de cet appareil est bloquée par {by}",
    }
    /// {client} is the clientAppUsed value: IMAP4.
    DETAIL_LEGACY {
        en: "{client} is legacy authentication, blocked by {by}",
        fr: "{client} relève de l'authentification héritée, bloquée par {by}",
    }
    /// {client} is the quoted clientAppUsed value: "Browser".
    DETAIL_CLIENT_TYPE {
        en: "the client type {client} is not allowed by {by}",
        fr: "le type de client {client} n'est pas autorisé par {by}",
    }
    DETAIL_CLIENT_TYPE_NO_CLIENT {
        en: "the client type this client is not allowed by {by}",
        fr: "ce type de client n'est pas autorisé par {by}",
    }
    /// {risk} is the risk evidence: `riskLevelDuringSignIn = "high"`.
    DETAIL_RISK {
        en: "the sign-in or user risk triggered {by} ({risk})",
        fr: "le risque de connexion ou le risque utilisateur a déclenché {by} ({risk})",
    }
    /// Stands for the risk evidence when the export has none.
    RISK_DETECTED { en: "risk detected", fr: "risque détecté" }
    DETAIL_AUTH_TRANSFER {
        en: "authentication transfer is blocked by {by}",
        fr: "le transfert d'authentification est bloqué par {by}",
    }
    DETAIL_DEVICE_CODE_FOR_DEVICE {
        en: "the sign-in used the device code flow, which cannot satisfy the device requirement of {by}",
        fr: "la connexion a utilisé le flux de code d'appareil, qui ne peut pas satisfaire l'exigence d'appareil de {by}",
    }
    DETAIL_DEVICE_CODE {
        en: "the device code flow is blocked by {by}",
        fr: "le flux de code d'appareil est bloqué par {by}",
    }
    DETAIL_POLICY_SCOPE {
        en: "{by} blocks this user for this app outright: it matched only the user and application",
        fr: "{by} bloque cet utilisateur pour cette application sans autre condition : seuls l'utilisateur et l'application correspondent",
    }
    /// {why} is WHY_* below.
    DETAIL_UNKNOWN_NO_POLICY_LIST {
        en: "blocked by Conditional Access, but the export carries no policy details for this sign-in ({why}), and the sign-in shows no legacy client, device code flow or risk",
        fr: "connexion bloquée par l'accès conditionnel, mais sans détail de stratégie dans l'export ({why}) ; elle ne montre ni client hérité, ni flux de code d'appareil, ni risque",
    }
    WHY_NO_PERMISSION {
        en: "exported without permission to read Conditional Access policies?",
        fr: "un export fait sans l'autorisation de lire les stratégies d'accès conditionnel ?",
    }
    WHY_PORTAL_CSV {
        en: "the portal's CSV download never has them",
        fr: "le téléchargement CSV du portail n'en contient jamais",
    }
    DETAIL_UNKNOWN_NONE_FAILED {
        en: "blocked by Conditional Access, but no applied policy is marked as failed in this export",
        fr: "connexion bloquée par l'accès conditionnel, mais aucune stratégie appliquée n'est marquée en échec dans cet export",
    }
    DETAIL_UNKNOWN_UNNAMED_CONDITION {
        en: "blocked by {by}, but the matched condition is one this export cannot name",
        fr: "connexion bloquée par {by}, mais la condition satisfaite est une condition que cet export ne sait pas nommer",
    }
    DETAIL_UNKNOWN_NO_SIGNAL {
        en: "blocked by {by}, but the export does not record which condition matched and the sign-in gives no clear signal",
        fr: "connexion bloquée par {by}, mais l'export ne dit pas quelle condition a été satisfaite, et la connexion ne donne aucun signal clair",
    }

    // ---- A pasted error page or error text. ----

    /// The paste as the subject of a sentence.
    THE_ERROR_PAGE { en: "the error page", fr: "la page d'erreur" }
    THE_ERROR_TEXT { en: "the error text", fr: "le message d'erreur" }
    /// The paste before one of its fields: `error page: App name = "Azure CLI"`.
    ERROR_PAGE { en: "error page", fr: "page d'erreur" }
    ERROR_TEXT { en: "error text", fr: "message d'erreur" }
    /// {source} is THE_ERROR_PAGE or THE_ERROR_TEXT.
    PASTE_MENTIONS_DEVICE_CODE {
        en: "{source} mentions the device code flow",
        fr: "{source} mentionne le flux de code d'appareil",
    }
    /// {source}: {label} = {value}, the label as the page writes it.
    PASTE_FIELD { en: "{source}: {label} = {value}", fr: "{source} : {label} = {value}" }
    PASTE_CLI_UNREGISTERED {
        en: "Azure CLI on an unregistered device: if the user ran `az login --use-device-code`, the device code flow is the likely cause (it can never meet a device requirement)",
        fr: "Azure CLI sur un appareil non inscrit : si l'utilisateur a lancé `az login --use-device-code`, le flux de code d'appareil est la cause probable (il ne peut jamais satisfaire une exigence d'appareil)",
    }
    PASTE_DETAIL_DEVICE_CODE {
        en: "the sign-in used the device code flow, which Conditional Access blocks or which can never meet a device requirement (inferred from the pasted text alone; the policy is not named there)",
        fr: "la connexion a utilisé le flux de code d'appareil, que l'accès conditionnel bloque ou qui ne peut jamais satisfaire une exigence d'appareil (déduit du seul texte collé, qui ne nomme pas la stratégie)",
    }
    PASTE_DETAIL_UNREGISTERED {
        en: "{source} says the device is unregistered, so a policy requiring a registered, compliant or joined device would block it; a policy on the network or the app could too (inferred from the pasted text alone; the policy is not named there)",
        fr: "{source} indique que l'appareil n'est pas inscrit : une stratégie qui exige un appareil inscrit, conforme ou joint le bloquerait ; une stratégie sur le réseau ou l'application le pourrait aussi (déduit du seul texte collé, qui ne nomme pas la stratégie)",
    }
    PASTE_DETAIL_UNKNOWN {
        en: "blocked by Conditional Access; {source} does not say which policy or condition, and shows nothing that points at one",
        fr: "connexion bloquée par l'accès conditionnel ; {source} ne dit ni quelle stratégie ni quelle condition, et ne montre rien qui en désigne une",
    }

    // ---- Evidence lines that are sentences (the quoted values stay as logged). ----

    /// {status} is the quoted conditionalAccessStatus.
    EVIDENCE_STATUS_NO_POLICIES {
        en: "conditionalAccessStatus = {status}, but no applied policies listed",
        fr: "conditionalAccessStatus = {status}, mais aucune stratégie appliquée n'est listée",
    }
    EVIDENCE_STATUS_NO_FAILED_POLICIES {
        en: "conditionalAccessStatus = {status}, but no failed applied policies listed",
        fr: "conditionalAccessStatus = {status}, mais aucune stratégie appliquée en échec n'est listée",
    }
    /// {name} is the quoted policy name.
    EVIDENCE_REPORT_ONLY {
        en: "report-only policy {name} would also have failed (report-only never blocks)",
        fr: "la stratégie en mode rapport seul {name} aurait aussi échoué (le mode rapport seul ne bloque jamais)",
    }
    /// {name} is the quoted policy name; {causes} cause names: "location/device_state".
    EVIDENCE_NAME_SUGGESTS {
        en: "policy name {name} suggests a {causes} rule",
        fr: "le nom de stratégie {name} suggère une règle {causes}",
    }
    EVIDENCE_UNKNOWN_FUTURE_CONDITION {
        en: "the matched conditions include unknownFutureValue: a condition this export cannot name",
        fr: "les conditions satisfaites incluent unknownFutureValue : une condition que cet export ne sait pas nommer",
    }
    /// {cause} is a cause name (`device_state`).
    EVIDENCE_NAME_AGAINST_SIGNIN {
        en: "the policy (its name or grant) points to {cause}, but the sign-in does not show it",
        fr: "la stratégie (son nom ou son contrôle d'octroi) évoque la cause {cause}, mais la connexion ne la montre pas",
    }
    /// {name} quoted; {result} the policy's result; {grants} GRANTS or nothing;
    /// {conditions} the matched condition names.
    EVIDENCE_POLICY_MATCHED {
        en: "policy {name} (result {result}{grants}) matched conditions: {conditions}",
        fr: "stratégie {name} (résultat {result}{grants}), conditions satisfaites : {conditions}",
    }
    /// {grants}: "Block" or "Mfa + RequireCompliantDevice".
    GRANTS { en: ", grant {grants}", fr: ", octroi {grants}" }
    /// After EVIDENCE_POLICY_MATCHED: the policy's include rules (`location = ...`).
    EVIDENCE_POLICY_RULES { en: " (rules: {rules})", fr: " (règles : {rules})" }
    EVIDENCE_POLICY_NO_CONDITIONS {
        en: "policy {name} (result {result}{grants}); the export does not record which conditions matched",
        fr: "stratégie {name} (résultat {result}{grants}) ; l'export n'enregistre pas quelles conditions ont été satisfaites",
    }
    /// In the device evidence, after `deviceDetail:`.
    DEVICE_NOT_REGISTERED {
        en: "no deviceId or trustType (not registered)",
        fr: "ni deviceId ni trustType (non inscrit)",
    }
    /// {names} is the quoted named locations.
    NETWORK_TRUSTED {
        en: "networkLocationDetails: trusted network {names}",
        fr: "networkLocationDetails: réseau approuvé {names}",
    }
    NETWORK_NONE {
        en: "networkLocationDetails: none (the IP matched no named location)",
        fr: "networkLocationDetails: none (l'adresse IP ne correspond à aucun emplacement nommé)",
    }
    /// {networks} is `namedNetwork "Branch"; ...`.
    NETWORK_NOT_TRUSTED {
        en: "networkLocationDetails: {networks} (not trusted)",
        fr: "networkLocationDetails: {networks} (non approuvé)",
    }
}
