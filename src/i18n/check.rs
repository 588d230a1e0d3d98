//! The check texts, English and French side by side (see i18n/mod.rs): `check`'s rules and
//! verdict, `impact`'s tables and `detect`'s descriptions. Rule ids, violation kinds, cause
//! names, field names and JSON keys are machine values and stay out of here.

super::texts! {
    // --- check: rule titles (text lines, JSON `description`, JUnit test names) ---

    /// Rule title with --lenient: no record was skipped.
    RULE_READABLE { en: "every record readable (--lenient)", fr: "tous les enregistrements lisibles (--lenient)" }
    /// Rule title; {count} is "0 blocked sign-ins" or "3 blocked users"; {scope} is empty or
    /// " (cause location/risk, …)".
    RULE_AT_MOST { en: "at most {count}{scope}", fr: "au plus {count}{scope}" }
    /// Rule title; {count} is "0 would-be blocks"; {which} is empty or " (CA012/CA013)".
    RULE_WOULD_BLOCK { en: "at most {count} by report-only policies{which}", fr: "au plus {count} par des stratégies en mode rapport seul{which}" }
    /// Rule title for one break-glass account ({n} is 1).
    RULE_BREAK_GLASS_ONE { en: "no block or would-block of the {n} break-glass account", fr: "aucun blocage, réel ou potentiel, de {n} compte d'accès d'urgence" }
    /// Rule title for {n} break-glass accounts.
    RULE_BREAK_GLASS_MANY { en: "no block or would-block of the {n} break-glass accounts", fr: "aucun blocage, réel ou potentiel, des {n} comptes d'accès d'urgence" }
    /// Counted noun: "1 blocked sign-in".
    BLOCKED_SIGN_IN_ONE { en: "blocked sign-in", fr: "connexion bloquée" }
    BLOCKED_SIGN_IN_MANY { en: "blocked sign-ins", fr: "connexions bloquées" }
    /// Counted noun: "1 blocked user".
    BLOCKED_USER_ONE { en: "blocked user", fr: "utilisateur bloqué" }
    BLOCKED_USER_MANY { en: "blocked users", fr: "utilisateurs bloqués" }
    /// Counted noun: "1 would-be block" (a block a report-only policy would make).
    WOULD_BE_BLOCK_ONE { en: "would-be block", fr: "blocage potentiel" }
    WOULD_BE_BLOCK_MANY { en: "would-be blocks", fr: "blocages potentiels" }
    /// Part of a rule's scope, in parentheses: --unresolved-only. It qualifies blocked
    /// sign-ins and blocked users alike.
    SCOPE_UNRESOLVED { en: "unresolved: no later success to the same app", fr: "blocages non résolus : aucune connexion réussie ensuite à la même application" }
    /// Part of a rule's scope: --fail-on; {causes} is "location/risk" (cause names).
    SCOPE_CAUSE { en: "cause {causes}", fr: "cause : {causes}" }
    /// Part of a rule's scope: --policy; {policies} is the names, each as SCOPE_NAME,
    /// joined by "/".
    SCOPE_POLICY { en: "policy {policies}", fr: "stratégie {policies}" }
    /// A policy name as --policy gave it, in a rule title.
    SCOPE_NAME { en: "{name}", fr: "« {name} »" }

    // --- check: text verdict ---

    /// Status of a rule that holds.
    PASS { en: "PASS", fr: "RÉUSSI" }
    /// Status of a rule that is broken.
    FAIL { en: "FAIL", fr: "ÉCHEC" }
    /// One line per rule: "FAIL at most 0 blocked sign-ins: 3 found".
    RULE_LINE { en: "{status} {title}: {actual} found", fr: "{status} {title} : {actual} au total" }
    /// A place that could not be read (--lenient); {place} is the reader's message (English).
    SKIPPED { en: "skipped {place}", fr: "ignoré : {place}" }
    /// After the first violations of a rule: one more ({n} is 1), or {n} more.
    MORE_VIOLATIONS_ONE { en: "… and {n} more (--format json lists them all)", fr: "… et {n} autre (liste complète avec --format json)" }
    MORE_VIOLATIONS_MANY { en: "… and {n} more (--format json lists them all)", fr: "… et {n} autres (liste complète avec --format json)" }
    /// The verdict line when every rule holds; {totals} is TOTALS.
    CHECK_PASSED { en: "check passed: {totals}", fr: "vérification réussie : {totals}" }
    /// The verdict line when a rule is broken; {broken} a number, {rules} "3 rules".
    CHECK_FAILED { en: "check failed: {broken} of {rules} broken; {totals}", fr: "vérification échouée : {broken} en échec sur {rules} ; {totals}" }
    /// Counted noun: "1 rule".
    RULE_ONE { en: "rule", fr: "règle" }
    RULE_MANY { en: "rules", fr: "règles" }
    /// What the run read: "16 blocked sign-ins of 7 users, 22 would-be blocks by report-only
    /// policies, in 32 records" (each placeholder is a number with its noun).
    TOTALS { en: "{blocked} of {users}, {would_block} by report-only policies, in {records}", fr: "{blocked} pour {users}, {would_block} par des stratégies en mode rapport seul, sur {records}" }
    /// Counted noun: "7 users".
    USER_ONE { en: "user", fr: "utilisateur" }
    USER_MANY { en: "users", fr: "utilisateurs" }
    /// Counted noun: "32 records".
    RECORD_ONE { en: "record", fr: "enregistrement" }
    RECORD_MANY { en: "records", fr: "enregistrements" }

    // --- check: one violation ---

    /// The policy of a violation, by name.
    VIOLATION_POLICY { en: "\"{name}\"", fr: "la stratégie « {name} »" }
    /// The policy of a violation when the log names none.
    UNNAMED_POLICY { en: "an unnamed policy", fr: "une stratégie sans nom" }
    /// "dana@contoso.com blocked by "CA030 …""; {policy} is VIOLATION_POLICY or UNNAMED_POLICY.
    BLOCKED_BY { en: "blocked by {policy}", fr: "bloqué par {policy}" }
    WOULD_BE_BLOCKED_BY { en: "would be blocked by report-only {policy}", fr: "serait bloqué par {policy} en mode rapport seul" }
    WOULD_BE_INTERRUPTED_BY { en: "would be interrupted by report-only {policy}", fr: "serait interrompu par {policy} en mode rapport seul" }
    /// Last part of a violation line.
    REQUEST_ID { en: ", request id {id}", fr: ", ID de la demande {id}" }
    /// JUnit failure message of a broken rule.
    JUNIT_MESSAGE { en: "{actual} found, {limit} allowed", fr: "{actual} au total pour un maximum de {limit}" }

    // --- impact ---

    /// No report-only policy had any effect; {records} is a number.
    IMPACT_NONE { en: "No report-only policy would have blocked or interrupted any of the {records} sign-ins read (no reportOnlyFailure or reportOnlyInterrupted results).", fr: "Aucune stratégie en mode rapport seul n'aurait bloqué ni interrompu de connexion (connexions lues : {records} ; aucun résultat reportOnlyFailure ni reportOnlyInterrupted)." }
    /// Above the impact table.
    IMPACT_INTRO { en: "What report-only policies would have done to {records} sign-ins (nothing was blocked by them; real blocks are in `report`):", fr: "Ce qu'auraient fait les stratégies en mode rapport seul (connexions lues : {records} ; elles n'ont rien bloqué, les blocages réels sont dans `report`) :" }
    /// Markdown heading.
    IMPACT_HEADING { en: "## Report-only impact ({records} sign-ins read)", fr: "## Impact des stratégies en mode rapport seul (connexions lues : {records})" }
    /// Markdown, when no report-only policy had any effect.
    IMPACT_NONE_MARKDOWN { en: "No report-only policy would have blocked or interrupted a sign-in.", fr: "Aucune stratégie en mode rapport seul n'aurait bloqué ni interrompu de connexion." }
    /// Impact table column headers.
    COL_POLICY { en: "Report-only policy", fr: "Stratégie en mode rapport seul" }
    COL_WOULD_BLOCK { en: "Would block", fr: "Bloquerait" }
    COL_WOULD_INTERRUPT { en: "Would interrupt", fr: "Interromprait" }
    COL_USERS { en: "Users", fr: "Utilisateurs" }
    COL_CAUSES { en: "Causes", fr: "Causes" }
    COL_TOP_USERS { en: "Top users", fr: "Principaux utilisateurs" }
    COL_TOP_APPS { en: "Top apps", fr: "Principales applications" }
    COL_BREAK_GLASS { en: "Break-glass", fr: "Accès d'urgence" }
    /// After the top users or apps of a policy: one more ({n} is 1), or {n} more.
    AND_MORE_ONE { en: "…and {n} more", fr: "…et {n} autre" }
    AND_MORE_MANY { en: "…and {n} more", fr: "…et {n} autres" }
    /// Break-glass cell: no break-glass account reached.
    BREAK_GLASS_NONE { en: "none", fr: "aucun" }
    /// Break-glass cell: {users} is the accounts, comma-separated.
    BREAK_GLASS_YES { en: "YES: {users}", fr: "OUI : {users}" }
    /// Above the list of break-glass hits (text).
    BREAK_GLASS_HITS { en: "Break-glass accounts these policies would reach:", fr: "Comptes d'accès d'urgence que ces stratégies atteindraient :" }
    /// Above the list of break-glass hits (Markdown, in bold).
    BREAK_GLASS_HITS_TITLE { en: "Break-glass accounts these policies would reach", fr: "Comptes d'accès d'urgence que ces stratégies atteindraient" }
    /// One break-glass hit; {when} is a time or empty, {id} a request id or REQUEST_ID_NONE.
    HIT_WOULD_BLOCK { en: "{user} would be blocked by \"{policy}\" ({cause}) {when}, request id {id}", fr: "{user} serait bloqué par la stratégie « {policy} » ({cause}) {when}, ID de la demande {id}" }
    HIT_WOULD_INTERRUPT { en: "{user} would be interrupted by \"{policy}\" ({cause}) {when}, request id {id}", fr: "{user} serait interrompu par la stratégie « {policy} » ({cause}) {when}, ID de la demande {id}" }
    /// A hit without a request id.
    REQUEST_ID_NONE { en: "none", fr: "absent" }

    // --- detect ---

    /// An input that could not be read; {error} is the reader's message (English).
    DETECT_UNREADABLE { en: "cannot be read: {error}", fr: "illisible : {error}" }
    /// The export shape; aligned with DETECT_RECORDS. {gz} is empty or DETECT_GZIP.
    DETECT_SHAPE { en: "shape:   {shape}{gz}", fr: "format :          {shape}{gz}" }
    DETECT_GZIP { en: ", gzip-compressed", fr: ", compression gzip" }
    /// {records} a number, {blocked} "3 blocked by Conditional Access" (DETECT_BLOCKED_*).
    DETECT_RECORDS { en: "records: {records} ({blocked}, 53003)", fr: "enregistrements : {records} (dont {blocked}, 53003)" }
    /// Counted: "1 blocked by Conditional Access" (English does not inflect it).
    DETECT_BLOCKED_ONE { en: "blocked by Conditional Access", fr: "bloqué par l'accès conditionnel" }
    DETECT_BLOCKED_MANY { en: "blocked by Conditional Access", fr: "bloqués par l'accès conditionnel" }
    /// Field lists; {fields} is log field names.
    DETECT_EVERY { en: "in every record: {fields}", fr: "dans tous les enregistrements : {fields}" }
    DETECT_SOME { en: "in some records: {fields}", fr: "dans certains enregistrements : {fields}" }
    DETECT_MISSING { en: "missing: {fields}", fr: "absents : {fields}" }

    // --- detect: export shapes; the English is `Shape::describe()`, which JSON keeps ---

    SHAPE_GRAPH_ARRAY { en: "Graph / Entra admin center JSON download (array)", fr: "Téléchargement JSON de Graph / du centre d'administration Microsoft Entra (tableau)" }
    SHAPE_GRAPH_PAGES { en: "Microsoft Graph API pages ({\"value\": [...]})", fr: "Pages de l'API Microsoft Graph ({\"value\": [...]})" }
    SHAPE_GRAPH_LINES { en: "Microsoft Graph records (JSON Lines or a single object)", fr: "Enregistrements Microsoft Graph (JSON Lines ou un seul objet)" }
    SHAPE_DIAGNOSTIC { en: "Azure Monitor diagnostic settings (storage account JSON Lines)", fr: "Paramètres de diagnostic Azure Monitor (JSON Lines d'un compte de stockage)" }
    SHAPE_EVENT_HUB { en: "Azure Event Hub messages ({\"records\": [...]})", fr: "Messages Azure Event Hub ({\"records\": [...]})" }
    SHAPE_LA_JSON { en: "Log Analytics rows (JSON)", fr: "Lignes Log Analytics (JSON)" }
    SHAPE_LA_API { en: "Log Analytics query API response ({\"tables\": [...]})", fr: "Réponse de l'API de requête Log Analytics ({\"tables\": [...]})" }
    SHAPE_LA_CSV { en: "Log Analytics export (CSV)", fr: "Export Log Analytics (CSV)" }
    SHAPE_PORTAL_CSV { en: "Entra admin center CSV download", fr: "Téléchargement CSV du centre d'administration Microsoft Entra" }
    SHAPE_EMPTY { en: "empty", fr: "vide" }
    /// detect's names for the fields it counts that need a gloss (the JSON keeps the
    /// English as its key).
    FIELD_REQUEST_ID { en: "id (request id)", fr: "id (ID de la demande)" }
    FIELD_COUNTRY { en: "location country", fr: "location (pays)" }
    FIELD_CONDITIONS {
        en: "conditionsSatisfied (matched conditions)",
        fr: "conditionsSatisfied (conditions remplies)",
    }
}
