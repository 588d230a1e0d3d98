//! The report texts, English and French side by side (see i18n/mod.rs): the table and
//! Markdown reports (table.rs, markdown.rs), the report's warnings and notes (summary.rs),
//! `detect`'s notes (commands.rs) and the progress line (progress.rs).

super::texts! {
    // ---- Counted nouns: `i18n::count(n, ONE, MANY)`. ----

    RECORD_ONE { en: "record", fr: "enregistrement" }
    RECORD_MANY { en: "records", fr: "enregistrements" }
    USER_ONE { en: "user", fr: "utilisateur" }
    USER_MANY { en: "users", fr: "utilisateurs" }
    /// In the table's headline, before "blocked by Conditional Access": French says
    /// "connexions bloquées par l'accès conditionnel", so the noun carries "bloquée".
    HEADLINE_SIGNIN_ONE { en: "sign-in", fr: "connexion bloquée" }
    HEADLINE_SIGNIN_MANY { en: "sign-ins", fr: "connexions bloquées" }
    BLOCKED_SIGNIN_ONE { en: "blocked sign-in", fr: "connexion bloquée" }
    BLOCKED_SIGNIN_MANY { en: "blocked sign-ins", fr: "connexions bloquées" }

    // ---- Headlines. ----

    /// {records} is "32 records"; {sources} the file names.
    HEADLINE_NONE {
        en: "No sign-ins blocked by Conditional Access (AADSTS53003) in {records} from {sources}.",
        fr: "Aucune connexion bloquée par l'accès conditionnel (AADSTS53003) sur {records} provenant de {sources}.",
    }
    /// {signins} is "16 sign-ins" (fr: "16 connexions bloquées"), {users} "7 users".
    HEADLINE {
        en: "{signins} blocked by Conditional Access (AADSTS53003) for {users}, in {records} from {sources}.",
        fr: "{signins} par l'accès conditionnel (AADSTS53003) pour {users}, sur {records} provenant de {sources}.",
    }
    /// Markdown title.
    MD_TITLE {
        en: "## Sign-ins blocked by Conditional Access (AADSTS53003)",
        fr: "## Connexions bloquées par l'accès conditionnel (AADSTS53003)",
    }
    /// Markdown headline: {signins} is "16 blocked sign-ins", {users} "7 users".
    MD_HEADLINE {
        en: "{signins} of {users} in {records} from {sources}.",
        fr: "{signins} pour {users}, sur {records} provenant de {sources}.",
    }

    // ---- Column headers. ----

    COL_USER { en: "User", fr: "Utilisateur" }
    COL_BLOCKED { en: "Blocked", fr: "Blocages" }
    COL_CAUSE { en: "Cause", fr: "Cause" }
    COL_CAUSES { en: "Causes", fr: "Causes" }
    COL_POLICY { en: "Policy", fr: "Stratégie" }
    COL_POLICIES { en: "Policies", fr: "Stratégies" }
    COL_BLOCKING_POLICY { en: "Blocking policy", fr: "Stratégie bloquante" }
    COL_APP { en: "App", fr: "Application" }
    COL_APPS { en: "Apps", fr: "Applications" }
    COL_COUNTRY { en: "Country", fr: "Pays" }
    COL_SIGNINS { en: "Sign-ins", fr: "Connexions" }
    COL_USERS { en: "Users", fr: "Utilisateurs" }
    COL_MEANING { en: "Meaning", fr: "Signification" }
    /// The time of the user's (or row's) latest block.
    COL_LAST_SEEN { en: "Last seen (UTC)", fr: "Dernier blocage (UTC)" }
    /// The same on two lines, when the table wraps: its second line is as wide as a date
    /// (2026-11-02), or the column grows.
    COL_LAST_SEEN_WRAPPED { en: "Last seen\n(UTC)", fr: "Dernier\nblocage (UTC)" }
    COL_SUGGESTED_FIX { en: "Suggested fix", fr: "Correctif suggéré" }

    // ---- Section titles and lines of the table. ----

    SUGGESTED_FIXES { en: "Suggested fixes:", fr: "Correctifs suggérés :" }
    /// {user}: the user's fix cell, when the terminal is too narrow for a fix column.
    USER_LINE { en: "{user}: {text}", fr: "{user} : {text}" }
    PATTERNS_TITLE {
        en: "Patterns (what a user's sign-ins show together):",
        fr: "Constats (ce que les connexions d'un utilisateur montrent ensemble) :",
    }
    /// {detail} and {advice} come from the insights, without a final full stop.
    PATTERN_LINE {
        en: "{user}: {detail}. Advice: {advice}.",
        fr: "{user} : {detail}. Conseil : {advice}.",
    }
    STATUS_TITLE {
        en: "Is it fixed? (per user and app; structural or transient):",
        fr: "Est-ce résolu ? (par utilisateur et application ; structurel ou transitoire) :",
    }
    /// {line} is one of the user's status lines, without a final full stop.
    STATUS_LINE { en: "{user}: {line}.", fr: "{user} : {line}." }
    NOTES_TITLE { en: "Notes:", fr: "Remarques :" }
    MORE_FORMATS {
        en: "Each failure's evidence and fixes: --format html (a web page) or json.",
        fr: "Éléments et correctifs de chaque échec : --format html (page web) ou json.",
    }
    /// Under a table cut by `--top`: {n} rows not shown; {top} is "--top 5" (Markdown:
    /// in backquotes). English says "rows" even for one.
    MORE_ROWS_ONE {
        en: "…and {n} more rows ({top}; the JSON lists them all).",
        fr: "…et {n} ligne de plus ({top} ; le JSON donne la liste complète).",
    }
    MORE_ROWS_MANY {
        en: "…and {n} more rows ({top}; the JSON lists them all).",
        fr: "…et {n} lignes de plus ({top} ; le JSON donne la liste complète).",
    }
    MORE_USERS_ONE {
        en: "…and {n} more users ({top}; the JSON lists them all).",
        fr: "…et {n} utilisateur de plus ({top} ; le JSON donne la liste complète).",
    }
    MORE_USERS_MANY {
        en: "…and {n} more users ({top}; the JSON lists them all).",
        fr: "…et {n} utilisateurs de plus ({top} ; le JSON donne la liste complète).",
    }
    /// The end of a cell's list cut short (policies, apps).
    MORE_ITEMS { en: "…and {n} more", fr: "…et {n} de plus" }

    // ---- Markdown section titles. ----

    MD_PATTERNS { en: "### Patterns", fr: "### Constats" }
    MD_STATUS { en: "### Is it fixed?", fr: "### Est-ce résolu ?" }
    MD_INCIDENTS { en: "### Incidents", fr: "### Incidents détectés" }
    MD_BY_CAUSE { en: "### By cause", fr: "### Par cause" }
    MD_BY_POLICY { en: "### By blocking policy", fr: "### Par stratégie bloquante" }
    MD_NOTES { en: "### Notes", fr: "### Remarques" }
    /// {status}: "- **user**: line."
    MD_STATUS_LINE { en: "- **{user}**: {line}.", fr: "- **{user}** : {line}." }
    /// {kind} is the finding's kind (a machine value, `travel_or_vpn`).
    MD_PATTERN_LINE {
        en: "- **{user}** ({kind}): {detail}. {advice}.",
        fr: "- **{user}** ({kind}) : {detail}. {advice}.",
    }

    // ---- What each cause means (the table's "Meaning" column, the HTML legend). ----

    MEANING_LOCATION {
        en: "where the sign-in came from (country, IP, untrusted network)",
        fr: "d'où vient la connexion (pays, IP, réseau non approuvé)",
    }
    MEANING_DEVICE_STATE {
        en: "device not registered, joined, managed or compliant",
        fr: "appareil non inscrit, non joint, non géré ou non conforme",
    }
    MEANING_DEVICE_PLATFORM {
        en: "the device's OS platform is blocked",
        fr: "la plateforme de l'appareil (son système d'exploitation) est bloquée",
    }
    MEANING_CLIENT_APP {
        en: "legacy authentication, or a client type that is not allowed",
        fr: "authentification héritée, ou type de client non autorisé",
    }
    MEANING_RISK {
        en: "sign-in or user risk",
        fr: "risque de connexion ou risque utilisateur",
    }
    MEANING_AUTH_FLOW {
        en: "device code flow or authentication transfer",
        fr: "flux de code d'appareil ou transfert d'authentification",
    }
    MEANING_POLICY_SCOPE {
        en: "the policy blocks this user or app outright",
        fr: "la stratégie bloque purement et simplement cet utilisateur ou cette application",
    }
    MEANING_UNKNOWN { en: "the export does not say", fr: "l'export ne le dit pas" }

    // ---- Notes under the table (table::notes). ----

    /// {codes} is "50074 ×1, 50126 ×3".
    OTHER_FAILURES_ONE {
        en: "{n} sign-in failed for other reasons (not Conditional Access blocks): {codes}",
        fr: "{n} connexion a échoué pour une autre raison (pas un blocage de l'accès conditionnel) : {codes}",
    }
    OTHER_FAILURES_MANY {
        en: "{n} sign-ins failed for other reasons (not Conditional Access blocks): {codes}",
        fr: "{n} connexions ont échoué pour d'autres raisons (pas des blocages de l'accès conditionnel) : {codes}",
    }
    WOULD_BLOCK_ONE {
        en: "{n} sign-in would have been blocked by report-only policies (not blocked, not counted above)",
        fr: "{n} connexion aurait été bloquée par des stratégies en mode rapport seul (non bloquée, non comptée ci-dessus)",
    }
    WOULD_BLOCK_MANY {
        en: "{n} sign-ins would have been blocked by report-only policies (not blocked, not counted above)",
        fr: "{n} connexions auraient été bloquées par des stratégies en mode rapport seul (non bloquées, non comptées ci-dessus)",
    }
    FILTERED_OUT_ONE {
        en: "{n} record left out by --since/--until/--user",
        fr: "{n} enregistrement écarté par --since/--until/--user",
    }
    FILTERED_OUT_MANY {
        en: "{n} records left out by --since/--until/--user",
        fr: "{n} enregistrements écartés par --since/--until/--user",
    }

    // ---- The report's warnings (summary.rs). ----

    NO_RECORDS {
        en: "no sign-in records were read: is the export empty, or was the wrong file passed?",
        fr: "aucun enregistrement de connexion n'a été lu : l'export est-il vide, ou s'agit-il du mauvais fichier ?",
    }
    NO_POLICY_DETAILS_ONE {
        en: "{n} blocked sign-in carries no Conditional Access policy details (an export made without permission to read policies?): causes are inferred from the sign-in, or unknown",
        fr: "{n} connexion bloquée ne porte aucun détail de stratégie d'accès conditionnel (un export fait sans l'autorisation de lire les stratégies ?) : sa cause est déduite de la connexion, ou inconnue",
    }
    NO_POLICY_DETAILS_MANY {
        en: "{n} blocked sign-ins carry no Conditional Access policy details (an export made without permission to read policies?): causes are inferred from the sign-in, or unknown",
        fr: "{n} connexions bloquées ne portent aucun détail de stratégie d'accès conditionnel (un export fait sans l'autorisation de lire les stratégies ?) : leurs causes sont déduites de la connexion, ou inconnues",
    }
    NO_POLICY_LIST_ONE {
        en: "{n} blocked sign-in comes from an export without a policy list: causes are inferred from each sign-in alone (never high), or unknown",
        fr: "{n} connexion bloquée provient d'un export sans liste de stratégies : sa cause est déduite de la connexion seule (confiance jamais high), ou inconnue",
    }
    NO_POLICY_LIST_MANY {
        en: "{n} blocked sign-ins come from an export without a policy list: causes are inferred from each sign-in alone (never high), or unknown",
        fr: "{n} connexions bloquées proviennent d'un export sans liste de stratégies : leurs causes sont déduites de chaque connexion seule (confiance jamais high), ou inconnues",
    }
    NO_CONDITIONS_ONE {
        en: "{n} blocked sign-in names the policy but not the conditions it matched (the Graph v1.0 shape): causes are inferred from the policy name and the sign-in; export from beta or the portal's JSON download for certainty",
        fr: "{n} connexion bloquée nomme la stratégie mais pas les conditions satisfaites (format de Graph v1.0) : sa cause est déduite du nom de la stratégie et de la connexion ; pour lever le doute, exportez depuis Graph beta ou avec le téléchargement JSON du portail",
    }
    NO_CONDITIONS_MANY {
        en: "{n} blocked sign-ins name the policy but not the conditions it matched (the Graph v1.0 shape): causes are inferred from the policy name and the sign-in; export from beta or the portal's JSON download for certainty",
        fr: "{n} connexions bloquées nomment la stratégie mais pas les conditions satisfaites (format de Graph v1.0) : leurs causes sont déduites du nom de la stratégie et de la connexion ; pour lever le doute, exportez depuis Graph beta ou avec le téléchargement JSON du portail",
    }
    DUPLICATES_ONE {
        en: "{n} duplicate record of blocked sign-ins (same request id) was counted once",
        fr: "{n} enregistrement en double d'une connexion bloquée (même ID de la demande) n'a été compté qu'une fois",
    }
    DUPLICATES_MANY {
        en: "{n} duplicate records of blocked sign-ins (same request id) were counted once",
        fr: "{n} enregistrements en double de connexions bloquées (même ID de la demande) n'ont été comptés qu'une fois",
    }
    MERGED_ROWS_ONE {
        en: "{n} row of blocked sign-ins continued the row before (same request id, as Log Analytics splits a sign-in's policies): merged into one sign-in each",
        fr: "{n} ligne de connexion bloquée prolongeait la ligne précédente (même ID de la demande : Log Analytics répartit les stratégies d'une connexion sur plusieurs lignes) : elle a été fusionnée avec sa connexion",
    }
    MERGED_ROWS_MANY {
        en: "{n} rows of blocked sign-ins continued the row before (same request id, as Log Analytics splits a sign-in's policies): merged into one sign-in each",
        fr: "{n} lignes de connexions bloquées prolongeaient la ligne précédente (même ID de la demande : Log Analytics répartit les stratégies d'une connexion sur plusieurs lignes) : chacune a été fusionnée avec sa connexion",
    }
    /// {seen} is "\"newValue\" ×2".
    UNKNOWN_RESULTS {
        en: "policy result values this version does not know, treated as not blocking: {seen}",
        fr: "valeurs de résultat de stratégie inconnues de cette version, traitées comme non bloquantes : {seen}",
    }
    UNREADABLE_TIME_ONE {
        en: "{n} record has no readable createdDateTime: shown without a time, and outside any --since/--until window",
        fr: "{n} enregistrement n'a pas de createdDateTime lisible : il est affiché sans heure, et hors de toute fenêtre --since/--until",
    }
    UNREADABLE_TIME_MANY {
        en: "{n} records have no readable createdDateTime: shown without a time, and outside any --since/--until window",
        fr: "{n} enregistrements n'ont pas de createdDateTime lisible : ils sont affichés sans heure, et hors de toute fenêtre --since/--until",
    }
    NO_ERROR_CODE_ONE {
        en: "{n} record has no status.errorCode: counted but not diagnosed",
        fr: "{n} enregistrement n'a pas de status.errorCode : compté mais pas diagnostiqué",
    }
    NO_ERROR_CODE_MANY {
        en: "{n} records have no status.errorCode: counted but not diagnosed",
        fr: "{n} enregistrements n'ont pas de status.errorCode : comptés mais pas diagnostiqués",
    }
    /// {note} is the replay's own sentence.
    REPLAY_DISAGREEMENT { en: "replay: request {id}: {note}", fr: "rejeu : ID de la demande {id} : {note}" }
    /// Stands for the request id of a sign-in the export gave none.
    NO_REQUEST_ID { en: "(no request id)", fr: "(sans ID de la demande)" }
    REPLAY_MORE_ONE {
        en: "replay: {n} more disagreements between the log and the exported policies (each failure's `replay` field in --format json lists them)",
        fr: "rejeu : {n} autre désaccord entre le journal et les stratégies exportées (le champ `replay` de chaque échec en --format json les liste)",
    }
    REPLAY_MORE_MANY {
        en: "replay: {n} more disagreements between the log and the exported policies (each failure's `replay` field in --format json lists them)",
        fr: "rejeu : {n} autres désaccords entre le journal et les stratégies exportées (le champ `replay` de chaque échec en --format json les liste)",
    }
    /// The row of `--group-by app` / `country` for blocks without one.
    NO_APP_KEY { en: "(no app in the export)", fr: "(aucune application dans l'export)" }
    /// The row of blocks without a named policy (insights::NO_POLICY, as shown).
    NO_POLICY_KEY { en: "(no policy in the export)", fr: "(aucune stratégie dans l'export)" }
    NO_COUNTRY_KEY { en: "(no country in the export)", fr: "(aucun pays dans l'export)" }

    // ---- Words of the "Is it fixed?" lines (UserRow::status_lines). ----

    STATUS_RESOLVED { en: "resolved", fr: "résolu" }
    STATUS_STILL_BLOCKED { en: "still blocked", fr: "toujours bloqué" }
    STATUS_RECURRING { en: "recurring", fr: "récurrent" }
    STATUS_UNKNOWN { en: "unknown", fr: "inconnu" }
    PATTERN_STRUCTURAL { en: "structural", fr: "structurel" }
    PATTERN_TRANSIENT { en: "transient", fr: "transitoire" }
    PATTERN_MIXED { en: "mixed", fr: "mixte" }
    /// {app} (its status): what happened.
    APP_STATUS_LINE { en: "{app} ({status}): {detail}", fr: "{app} ({status}) : {detail}" }
    /// The user's pattern ("structural") and why.
    PATTERN_STATUS_LINE { en: "{kind}: {detail}", fr: "{kind} : {detail}" }

    // ---- detect's notes (commands.rs) and the progress line (progress.rs). ----

    /// Before each of `detect`'s notes (skipped files).
    NOTE { en: "note: {note}", fr: "remarque : {note}" }
    /// {mb} and {rate} are whole numbers.
    PROGRESS {
        en: "reading: {mb} MB, {records} records, {rate} MB/s",
        fr: "lecture : {mb} Mo, {records} enregistrements, {rate} Mo/s",
    }

    // ---- What the loader could not read or say (load/mod.rs), shown among the notes. ----

    /// {files}: "a.csv" or "a.csv, b.csv and 2 more".
    PORTAL_CSV_ONE {
        en: "{files} is the portal's CSV download: it has no policy list, named networks, risk levels or report-only results; download JSON for the full picture",
        fr: "{files} est le téléchargement CSV du portail : il ne contient ni liste de stratégies, ni réseaux nommés, ni niveaux de risque, ni résultats en mode rapport seul ; téléchargez le JSON pour avoir une vue complète",
    }
    PORTAL_CSV_MANY {
        en: "{files} are the portal's CSV download: it has no policy list, named networks, risk levels or report-only results; download JSON for the full picture",
        fr: "{files} sont des téléchargements CSV du portail : ils ne contiennent ni liste de stratégies, ni réseaux nommés, ni niveaux de risque, ni résultats en mode rapport seul ; téléchargez le JSON pour avoir une vue complète",
    }
    /// A policy export found among the logs.
    SKIPPED_POLICY_EXPORT {
        en: "skipped {name}: this is a Conditional Access policy export (identity/conditionalAccess/policies), not sign-ins: pass it with --policies FILE, and the sign-in logs as inputs",
        fr: "{name} ignoré : c'est un export de stratégies d'accès conditionnel (identity/conditionalAccess/policies), pas des connexions : passez-le avec --policies FICHIER, et les journaux de connexion comme entrées",
    }
    SKIPPED_LOCATION_EXPORT {
        en: "skipped {name}: this is a named-location export (identity/conditionalAccess/namedLocations), not sign-ins: pass it with --named-locations FILE (beside --policies), and the sign-in logs as inputs",
        fr: "{name} ignoré : c'est un export d'emplacements nommés (identity/conditionalAccess/namedLocations), pas des connexions : passez-le avec --named-locations FICHIER (avec --policies), et les journaux de connexion comme entrées",
    }
    /// Files of a directory not named like an export; {names} as in PORTAL_CSV_ONE.
    SKIPPED_NOT_EXPORT_ONE {
        en: "skipped 1 file that is not named like an export (.json, .jsonl, .ndjson, .csv, .log, .gz): {names}",
        fr: "1 fichier ignoré, dont le nom n'est pas celui d'un export (.json, .jsonl, .ndjson, .csv, .log, .gz) : {names}",
    }
    SKIPPED_NOT_EXPORT_MANY {
        en: "skipped {n} files that are not named like an export (.json, .jsonl, .ndjson, .csv, .log, .gz): {names}",
        fr: "{n} fichiers ignorés, dont le nom n'est pas celui d'un export (.json, .jsonl, .ndjson, .csv, .log, .gz) : {names}",
    }
    /// The end of a shortened list of names: "a, b, c and 4 more".
    LIST_AND_MORE { en: "{list} and {n} more", fr: "{list} et {n} de plus" }
    /// --lenient: what was skipped. {notes} are the reader's messages (English), joined.
    LENIENT_SKIPPED_ONE {
        en: "--lenient skipped 1 unreadable record or file part{shown}: {notes}",
        fr: "--lenient a ignoré 1 enregistrement ou morceau de fichier illisible{shown} : {notes}",
    }
    LENIENT_SKIPPED_MANY {
        en: "--lenient skipped {n} unreadable records or file parts{shown}: {notes}",
        fr: "--lenient a ignoré {n} enregistrements ou morceaux de fichier illisibles{shown} : {notes}",
    }
    /// {shown} above when not every skip is listed.
    LENIENT_FIRST_SHOWN { en: " (the first {n} shown)", fr: " (les {n} premiers sont affichés)" }
    /// Joins the readers' messages.
    LENIENT_JOIN { en: "{a}; {b}", fr: "{a} ; {b}" }
}
