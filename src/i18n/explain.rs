//! The explain texts, English and French side by side (see i18n/mod.rs).
//!
//! Cause names (`location`, …) and confidence values (`high`, …) are machine values: they
//! fill `{cause}` and `{confidence}` as they are, in every language.

super::texts! {
    // ----- Titles and section headings -----

    /// Title of a 53003.
    TITLE_BLOCKED {
        en: "Blocked by Conditional Access (AADSTS53003)",
        fr: "Connexion bloquée par l'accès conditionnel (AADSTS53003)",
    }
    /// Title of a 53003 known only from a paste; {source} is SOURCE_*.
    TITLE_BLOCKED_FROM_PASTE {
        en: "Blocked by Conditional Access (AADSTS53003), from {source} alone",
        fr: "Connexion bloquée par l'accès conditionnel (AADSTS53003), d'après {source} uniquement",
    }
    /// Heading: the cause of a block read from the log.
    WHY {
        en: "Why: {cause} (confidence {confidence})",
        fr: "Pourquoi : {cause} (confiance : {confidence})",
    }
    /// Heading: the cause of a block read from a paste alone.
    LIKELY_CAUSE {
        en: "Likely cause: {cause} (confidence {confidence})",
        fr: "Cause probable : {cause} (confiance : {confidence})",
    }
    /// Field label beside the blocking policy's name(s).
    BLOCKING_POLICY { en: "Blocking policy", fr: "Stratégie bloquante" }
    /// Heading of the evidence lines.
    EVIDENCE { en: "Evidence", fr: "Éléments" }
    /// Heading of the remedy for the end user.
    USER_CAN_TRY { en: "What the user can try now", fr: "Ce que l'utilisateur peut essayer maintenant" }
    /// Heading of the remedy for the admin.
    ADMIN_SHOULD_CHECK { en: "What the admin should check", fr: "Ce que l'administrateur doit vérifier" }
    /// Heading of the ids and facts to copy into the ticket.
    FOR_THE_TICKET { en: "For the ticket", fr: "Pour le ticket" }
    /// Heading of the user's status after the block.
    IS_IT_FIXED {
        en: "Is it fixed? (this user's later sign-ins in these files)",
        fr: "Est-ce résolu ? (connexions suivantes de cet utilisateur dans ces fichiers)",
    }
    /// Heading of the rest of a correlation chain.
    OTHER_SIGN_INS {
        en: "The other sign-ins with this id (blocked ones first, then by time)",
        fr: "Les autres connexions avec cet ID (bloquées en premier, puis par ordre chronologique)",
    }

    // ----- A correlation chain -----

    /// {n} (2 or more) sign-ins matched; {id_kind} is ID_KIND_*, {rest} is CHAIN_*.
    SHARED_ID {
        en: "{n} sign-ins share the {id_kind} {id}; {rest}.",
        fr: "{n} connexions partagent {id_kind} {id} ; {rest}.",
    }
    /// The id matched the request id (with its article in French).
    ID_KIND_REQUEST { en: "request id", fr: "l'ID de la demande" }
    /// The id matched the correlation id (with its article in French).
    ID_KIND_CORRELATION { en: "correlation id", fr: "l'ID de corrélation" }
    CHAIN_BLOCKED_FIRST { en: "the blocked ones come first", fr: "les connexions bloquées sont en tête" }
    CHAIN_NONE_BLOCKED {
        en: "none was blocked by Conditional Access",
        fr: "aucune n'a été bloquée par l'accès conditionnel",
    }
    /// One line per other sign-in of the chain; {outcome} is OUTCOME_*.
    CHAIN_LINE {
        en: "{time} UTC: {outcome}, {app} (request id {id})",
        fr: "{time} UTC : {outcome}, {app} (ID de la demande {id})",
    }
    /// As CHAIN_LINE, for a sign-in without a request id.
    CHAIN_LINE_NO_ID {
        en: "{time} UTC: {outcome}, {app} (request id no request id)",
        fr: "{time} UTC : {outcome}, {app} (sans ID de la demande)",
    }
    /// In place of the time of a sign-in that has none.
    NO_TIME { en: "(no time)", fr: "(heure inconnue)" }
    /// In place of the app of a sign-in that names none.
    UNNAMED_APP { en: "an unnamed app", fr: "application sans nom" }
    OUTCOME_BLOCKED {
        en: "blocked by Conditional Access (53003), cause {cause} ({confidence} confidence)",
        fr: "connexion bloquée par l'accès conditionnel (53003), cause {cause} (confiance : {confidence})",
    }
    OUTCOME_SUCCEEDED { en: "succeeded", fr: "connexion réussie" }
    /// {name} is the error's name in Microsoft's catalogue.
    OUTCOME_FAILED_NAMED { en: "failed with {code} ({name})", fr: "échec avec l'erreur {code} ({name})" }
    OUTCOME_FAILED { en: "failed with {code}", fr: "échec avec l'erreur {code}" }
    OUTCOME_UNKNOWN { en: "outcome unknown", fr: "résultat inconnu" }

    // ----- Is it fixed? -----

    /// One blocked app of the user; {status} is STATUS_*, {detail} the insights sentence.
    STATUS_LINE { en: "{app} ({status}): {detail}", fr: "{app} ({status}) : {detail}" }
    STATUS_RESOLVED { en: "resolved", fr: "résolu" }
    STATUS_STILL_BLOCKED { en: "still blocked", fr: "toujours bloqué" }
    STATUS_RECURRING { en: "recurring", fr: "récurrent" }
    STATUS_UNKNOWN { en: "unknown", fr: "inconnu" }
    /// The user's pattern; {kind} is PATTERN_* (capitalised as the line starts).
    PATTERN_LINE { en: "{kind}: {detail}", fr: "{kind} : {detail}" }
    PATTERN_STRUCTURAL { en: "structural", fr: "structurel" }
    PATTERN_TRANSIENT { en: "transient", fr: "transitoire" }
    PATTERN_MIXED { en: "mixed", fr: "mixte" }

    // ----- What happened -----

    /// Who, when the record names nobody.
    THE_USER { en: "The user", fr: "L'utilisateur" }
    /// Start of the sentence for a failed sign-in.
    TRIED_TO_SIGN_IN { en: "{who} tried to sign in", fr: "{who} a tenté de se connecter" }
    /// Start of the sentence for a successful sign-in.
    SIGNED_IN { en: "{who} signed in", fr: "{who} a réussi à se connecter" }
    /// Follows TRIED_TO_SIGN_IN / SIGNED_IN.
    TO_APP { en: " to {app}", fr: " à {app}" }
    /// Follows TO_APP; {date} is 2026-11-02, {time} 08:14:05.
    ON_DATE { en: " on {date} at {time} UTC", fr: " le {date} à {time} UTC" }
    /// {place} is "City, CC".
    FROM_PLACE_IP { en: " from {place} ({ip})", fr: " depuis {place} ({ip})" }
    /// {place} is "City, CC" or an IP address.
    FROM_PLACE { en: " from {place}", fr: " depuis {place}" }
    /// {device} is "Windows 10 (unregistered)", a platform or DEVICE_STATE.
    ON_DEVICE { en: ", on {device}", fr: ", sur {device}" }
    /// A device known only by its state ("unregistered", as the error page writes it).
    DEVICE_STATE {
        en: "a device that is {state}",
        fr: "un appareil à l'état « {state} »",
    }
    /// Ends the sentence of a 53003.
    CA_BLOCKED_IT {
        en: " Conditional Access blocked it.",
        fr: " L'accès conditionnel a bloqué la connexion.",
    }

    // ----- Other error codes -----

    TITLE_NO_ERROR_CODE { en: "A sign-in without an error code", fr: "Une connexion sans code d'erreur" }
    NO_ERROR_CODE {
        en: "The record carries no status.errorCode, so its outcome is unknown.",
        fr: "L'enregistrement ne contient pas de status.errorCode : le résultat de la connexion est inconnu.",
    }
    /// Appended to a title when only a paste is known; {source} is SOURCE_*.
    FROM_SOURCE_ALONE { en: ", from {source} alone", fr: ", d'après {source} uniquement" }
    /// Titles from the error catalogue; {from} is FROM_SOURCE_ALONE or nothing.
    TITLE_SUCCESS {
        en: "Signed in successfully (not a failure){from}",
        fr: "Connexion réussie (ce n'est pas un échec){from}",
    }
    TITLE_CA_BLOCK {
        en: "Blocked by Conditional Access (AADSTS{code} {name}){from}",
        fr: "Connexion bloquée par l'accès conditionnel (AADSTS{code} {name}){from}",
    }
    TITLE_CA_REQUIREMENT {
        en: "A Conditional Access requirement was not met (AADSTS{code} {name}): not a block{from}",
        fr: "Une exigence de l'accès conditionnel n'a pas été remplie (AADSTS{code} {name}) : ce n'est pas un blocage{from}",
    }
    TITLE_NOT_CA {
        en: "Not a Conditional Access block: AADSTS{code} {name}{from}",
        fr: "Ce n'est pas un blocage de l'accès conditionnel : AADSTS{code} {name}{from}",
    }
    TITLE_UNCATALOGUED {
        en: "Error AADSTS{code}: not in signin-doctor's catalogue{from}",
        fr: "Erreur AADSTS{code} : absente du catalogue de signin-doctor{from}",
    }
    /// Follows the sentence of what happened.
    LOOK_UP_CODE { en: "Look the code up at {url}.", fr: "Consultez la description du code sur {url}." }

    // ----- A paste alone -----

    /// What the paste is, with its article ("the error page").
    SOURCE_ERROR_PAGE { en: "the error page", fr: "la page d'erreur" }
    SOURCE_OAUTH_JSON { en: "the OAuth error response", fr: "la réponse d'erreur OAuth" }
    SOURCE_ERROR_TEXT { en: "the error message", fr: "le message d'erreur" }
    PASTE_CANNOT_SAY { en: "What the paste cannot say", fr: "Ce que le texte collé ne dit pas" }
    PASTE_NO_POLICY {
        en: "Which policy blocked the sign-in, and which of its conditions matched: {source} never names them. The sign-in log record does.",
        fr: "Quelle stratégie a bloqué la connexion, et quelles conditions de cette stratégie étaient satisfaites : {source} ne les nomme jamais. L'enregistrement du journal de connexion, lui, les indique.",
    }
    TITLE_ID_NO_ERROR { en: "An id, but no error", fr: "Un ID, mais aucune erreur" }
    ID_NO_ERROR {
        en: "The paste gives an id but no error code: the outcome and its cause are in the sign-in log record.",
        fr: "Le texte collé donne un ID mais aucun code d'erreur : le résultat de la connexion et sa cause figurent dans l'enregistrement du journal de connexion.",
    }
    PASTE_NO_REQUEST_ID {
        en: "The paste has no Request Id: ask the user for the full troubleshooting details (\"More details\" on the error page).",
        fr: "Le texte collé ne contient pas d'ID de la demande : demandez à l'utilisateur les détails de dépannage complets (« Plus de détails » sur la page d'erreur).",
    }
    PULL_RECORD { en: "Pull the sign-in record to confirm", fr: "Récupérer l'enregistrement de la connexion pour confirmer" }
    /// Follows the request id in PULL_PORTAL; {time} is 2026-11-02 08:14:05.
    AROUND_TIME { en: " around {time} UTC", fr: " vers {time} UTC" }
    /// {when} is AROUND_TIME or nothing.
    PULL_PORTAL {
        en: "Entra admin center: Sign-in logs, add the filter Request ID = {id}{when}, then Download > JSON (look under the non-interactive sign-ins too).",
        fr: "Centre d'administration Microsoft Entra : Journaux de connexion, ajoutez le filtre ID de la demande = {id}{when}, puis Télécharger > JSON (regardez aussi dans les connexions non interactives).",
    }
    PULL_GRAPH {
        en: "Microsoft Graph: az rest --url \"https://graph.microsoft.com/beta/auditLogs/signIns/{id}\" > signin.json",
        fr: "Microsoft Graph : az rest --url \"https://graph.microsoft.com/beta/auditLogs/signIns/{id}\" > signin.json",
    }
    PULL_LOG_ANALYTICS {
        en: "Log Analytics: SigninLogs | union AADNonInteractiveUserSignInLogs | where Id == \"{id}\"",
        fr: "Log Analytics : SigninLogs | union AADNonInteractiveUserSignInLogs | where Id == \"{id}\"",
    }
    PULL_THEN {
        en: "Then: signin-doctor explain --paste paste.txt signin.json",
        fr: "Ensuite : signin-doctor explain --paste paste.txt signin.json",
    }

    // ----- Replay -----

    /// Heading; {file} is the policies file.
    REPLAY_HEADING {
        en: "Replay against exported policies ({file})",
        fr: "Rejeu des stratégies exportées ({file})",
    }
    /// {n} policies replayed, {m} of them disagree with the log: one text per number.
    REPLAYED_ONE {
        en: "{n} relevant policy replayed against this sign-in;",
        fr: "{n} stratégie pertinente rejouée sur cette connexion ;",
    }
    REPLAYED_MANY {
        en: "{n} relevant policies replayed against this sign-in;",
        fr: "{n} stratégies pertinentes rejouées sur cette connexion ;",
    }
    /// Follows REPLAYED_*.
    DISAGREE_ONE { en: " {m} disagrees with the log.", fr: " {m} contredit le journal." }
    DISAGREE_MANY { en: " {m} disagree with the log.", fr: " {m} contredisent le journal." }
    /// {k} (1 or more) exported policies left out of the list.
    OTHERS_AGREE_ONE {
        en: " {k} other exported policy did not apply, as the log says (or cannot be told apart from that).",
        fr: " {k} autre stratégie exportée ne s'appliquait pas, comme l'indique le journal (ou rien ne permet de dire le contraire).",
    }
    OTHERS_AGREE_MANY {
        en: " {k} other exported policies did not apply, as the log says (or cannot be told apart from that).",
        fr: " {k} autres stratégies exportées ne s'appliquaient pas, comme l'indique le journal (ou rien ne permet de dire le contraire).",
    }
    NO_NAMED_LOCATIONS {
        en: " No --named-locations given: named locations are shown by id and not resolved.",
        fr: " Sans --named-locations, les emplacements nommés sont affichés par leur ID, sans être résolus.",
    }
    /// One replayed policy: {log} and {now} come from the replay, {agreement} is AGREEMENT_*.
    REPLAY_POLICY { en: "{name}: {log}; {now}; {agreement}.", fr: "{name} : {log} ; {now} ; {agreement}." }
    AGREEMENT_AGREES { en: "agrees with the log", fr: "conforme au journal" }
    AGREEMENT_DISAGREES { en: "DISAGREES with the log", fr: "CONTREDIT le journal" }
    AGREEMENT_CANNOT_TELL { en: "cannot confirm the log", fr: "impossible de confirmer le journal" }
    AGREEMENT_NOT_IN_LOG { en: "not in the log", fr: "absente du journal" }
    AGREEMENT_NOT_EXPORTED { en: "not exported", fr: "non exportée" }
    /// One condition: {verdict} is the replay's machine value.
    REPLAY_CONDITION {
        en: "{condition} = {configured}: {verdict}",
        fr: "{condition} = {configured} : {verdict}",
    }
    /// {list} is the condition names, comma-separated.
    NOT_CONFIGURED { en: "not configured: {list}", fr: "conditions non configurées : {list}" }
    DISAGREEMENT_NOTE { en: "Disagreement: {note}", fr: "Désaccord : {note}" }
    NOTE { en: "Note: {note}", fr: "Remarque : {note}" }

    // ----- Not found -----

    TITLE_NOT_FOUND { en: "No sign-in with the id {id}", fr: "Aucune connexion avec l'ID {id}" }
    /// Counted by SEARCHED ("32 records" / "32 enregistrements parcourus").
    RECORD_ONE { en: "record", fr: "enregistrement parcouru" }
    RECORD_MANY { en: "records", fr: "enregistrements parcourus" }
    /// {records} is RECORD_* with its number; {files} the files and their shapes; {span}
    /// is SPAN or nothing.
    SEARCHED {
        en: "Searched {records} in {files}{span}, for a request id or correlation id equal to {id} (case and braces ignored).",
        fr: "{records} dans {files}{span}, à la recherche d'un ID de la demande ou d'un ID de corrélation égal à {id} (casse et accolades ignorées).",
    }
    /// The time the files cover.
    SPAN { en: ", from {first} to {last} UTC", fr: ", du {first} au {last} UTC" }
    LIKELY_REASONS { en: "Likely reasons", fr: "Raisons probables" }
    REASON_NON_INTERACTIVE {
        en: "It may be a non-interactive sign-in (a token refresh or a background app): these files hold none. Export the non-interactive sign-ins too (NonInteractiveSignIns_… in the admin center, AADNonInteractiveUserSignInLogs in Log Analytics).",
        fr: "Il s'agit peut-être d'une connexion non interactive (actualisation d'un jeton ou application en arrière-plan) : ces fichiers n'en contiennent aucune. Exportez aussi les connexions non interactives (NonInteractiveSignIns_… dans le centre d'administration, AADNonInteractiveUserSignInLogs dans Log Analytics).",
    }
    REASON_OUTSIDE_AT {
        en: "The failure happened at {time} UTC, outside the time these files cover: export the sign-ins around that time.",
        fr: "L'échec a eu lieu le {time} UTC, en dehors de la période couverte par ces fichiers : exportez les connexions autour de ce moment.",
    }
    REASON_OUTSIDE {
        en: "The sign-in may fall outside the time these files cover: export the sign-ins around the time of the failure.",
        fr: "La connexion se situe peut-être en dehors de la période couverte par ces fichiers : exportez les connexions autour du moment de l'échec.",
    }
    REASON_OTHER_TENANT {
        en: "It may be logged in another tenant: a guest's sign-in is logged in the tenant of the resource they opened, not their home tenant.",
        fr: "La connexion est peut-être journalisée dans un autre locataire : celle d'un invité est journalisée dans le locataire de la ressource qu'il a ouverte, pas dans son locataire d'origine.",
    }
    REASON_NOT_AN_ID {
        en: "\"{id}\" does not look like a request or correlation id (8-4-4-4-12 hexadecimal digits): check it for a typo.",
        fr: "« {id} » ne ressemble pas à un ID de la demande ni à un ID de corrélation (8-4-4-4-12 chiffres hexadécimaux) : vérifiez qu'il n'y a pas de faute de frappe.",
    }

    // ----- For the ticket: field labels -----

    FIELD_REQUEST_ID { en: "Request ID", fr: "ID de la demande" }
    FIELD_CORRELATION_ID { en: "Correlation ID", fr: "ID de corrélation" }
    FIELD_TIME { en: "Time (UTC)", fr: "Date (UTC)" }
    FIELD_USER { en: "User", fr: "Utilisateur" }
    FIELD_APPLICATION { en: "Application", fr: "Application" }
    FIELD_RESOURCE { en: "Resource", fr: "Ressource" }
    FIELD_IP { en: "IP address", fr: "Adresse IP" }
    FIELD_LOCATION { en: "Location", fr: "Emplacement" }
    FIELD_ERROR_CODE { en: "Error code", fr: "Code d'erreur" }
}
