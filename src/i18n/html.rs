//! The html texts, English and French side by side (see i18n/mod.rs).
//!
//! The page inserts these texts as they are, in element text and in double-quoted
//! attributes (`placeholder`, `aria-label`, `<title>`), and two of them in its script's
//! string literals: none may hold `<`, `>`, `&`, `"` or `\` (a test in report/html.rs
//! checks it). Markup stays in the code; a `{placeholder}` may receive markup.

super::texts! {
    /// The page's `<title>`.
    PAGE_TITLE { en: "signin-doctor: Conditional Access blocks", fr: "signin-doctor : blocages par l'accès conditionnel" }
    /// The page's heading, before "AADSTS53003".
    HEADING { en: "Conditional Access blocks", fr: "Blocages par l'accès conditionnel" }
    /// Under the heading. {records} is "20 records", {sources} the inputs' names.
    SUBTITLE { en: "{records} from {sources}.", fr: "{records} provenant de {sources}." }
    /// Under the heading, with the export's span: {from} and {to} are "2026-11-02 08:00",
    /// {span} is "36 hours".
    SUBTITLE_SPAN {
        en: "{records} from {sources}, {from} to {to} UTC ({span}).",
        fr: "{records} provenant de {sources}, du {from} au {to} UTC ({span}).",
    }
    /// "1 record" (the export's records).
    RECORD_ONE { en: "record", fr: "enregistrement" }
    /// "20 records".
    RECORD_MANY { en: "records", fr: "enregistrements" }

    /// Tile, section heading and legend word: the blocked sign-ins.
    BLOCKED_SIGNINS { en: "Blocked sign-ins", fr: "Connexions bloquées" }
    /// Tile, section heading, table column header.
    USERS { en: "Users", fr: "Utilisateurs" }
    /// Tile and table column header.
    CAUSES { en: "Causes", fr: "Causes" }
    /// Tile and table column header.
    POLICIES { en: "Policies", fr: "Stratégies" }
    /// Tile: blocks that report-only policies would add.
    WOULD_BLOCK { en: "Would block (report-only)", fr: "Bloqueraient (mode rapport seul)" }
    /// Tile and section heading.
    INCIDENTS { en: "Incidents", fr: "Incidents" }
    /// When nothing is blocked, under the tiles.
    NOTHING_BLOCKED {
        en: "No sign-ins blocked by Conditional Access (AADSTS53003) in these records.",
        fr: "Aucune connexion bloquée par l'accès conditionnel (AADSTS53003) dans ces enregistrements.",
    }

    /// "1 blocked sign-in", in chart tooltips.
    BLOCKED_SIGNIN_ONE { en: "blocked sign-in", fr: "connexion bloquée" }
    /// "3 blocked sign-ins".
    BLOCKED_SIGNIN_MANY { en: "blocked sign-ins", fr: "connexions bloquées" }
    /// "1 user", in charts.
    USER_ONE { en: "user", fr: "utilisateur" }
    /// "3 users".
    USER_MANY { en: "users", fr: "utilisateurs" }

    /// Section heading: the bar chart of causes.
    CAUSES_HEADING { en: "Blocks by cause", fr: "Blocages par cause" }
    /// The cause chart's label for screen readers.
    CAUSES_CHART { en: "Blocked sign-ins by cause", fr: "Connexions bloquées par cause" }
    /// Tooltip of a cause's bar: {cause} is its name (`location`), {blocks} "3 blocked
    /// sign-ins", {users} "2 users", {meaning} what the cause means.
    CAUSE_BAR { en: "{cause}: {blocks} for {users} ({meaning})", fr: "{cause} : {blocks} pour {users} ({meaning})" }

    /// Section heading: the blocking policies table.
    POLICIES_HEADING { en: "Blocking policies", fr: "Stratégies bloquantes" }
    /// Column header.
    POLICY { en: "Policy", fr: "Stratégie" }
    /// Column header: blocked sign-ins.
    SIGNINS { en: "Sign-ins", fr: "Connexions" }

    /// Section heading: the timeline.
    TIMELINE_HEADING { en: "Blocks over time per policy", fr: "Blocages dans le temps, par stratégie" }
    /// When no block has a time.
    TIMELINE_EMPTY {
        en: "No blocked sign-in has a readable time: nothing to draw.",
        fr: "Aucune connexion bloquée n'a d'heure lisible : rien à tracer.",
    }
    /// Under the timeline's heading. {per} is "per hour", "per 3 hours" (insights::per_window).
    TIMELINE_INTRO {
        en: "Blocked sign-ins {per}, each counted once under the busiest of its blocking policies.",
        fr: "Connexions bloquées {per}, chacune comptée une seule fois, sous la plus active de ses stratégies bloquantes.",
    }
    /// The same, with incidents drawn on the chart.
    TIMELINE_INTRO_MARKS {
        en: "Blocked sign-ins {per}, each counted once under the busiest of its blocking policies; dashed lines mark incident onsets.",
        fr: "Connexions bloquées {per}, chacune comptée une seule fois, sous la plus active de ses stratégies bloquantes ; les lignes pointillées marquent le début des incidents.",
    }
    /// The timeline's label for screen readers.
    TIMELINE_CHART { en: "Blocked sign-ins over time per policy", fr: "Connexions bloquées dans le temps, par stratégie" }
    /// The series of the policies past the eighth.
    OTHER_POLICIES { en: "other policies", fr: "autres stratégies" }
    /// Tooltip of a bar: {series} a policy, {blocks} "3 blocked sign-ins", {time} the
    /// bucket's start ("2026-11-03 09:00").
    TIMELINE_BAR { en: "{series}: {blocks} from {time} UTC", fr: "{series} : {blocks} à partir du {time} UTC" }
    /// Over an incident's dashed line: {key} the policy or cause, {time} its onset.
    ONSET_MARK { en: "incident: {key} from {time} UTC", fr: "incident : {key}, début le {time} UTC" }
    /// Under the timeline: one block without a time ({n} is 1, or 0 in French).
    UNTIMED_ONE {
        en: "{n} blocked sign-in without a readable time is not drawn.",
        fr: "{n} connexion bloquée sans heure lisible n'est pas tracée.",
    }
    /// Under the timeline: {n} blocks without a time.
    UNTIMED_MANY {
        en: "{n} blocked sign-ins without a readable time are not drawn.",
        fr: "{n} connexions bloquées sans heure lisible ne sont pas tracées.",
    }

    /// When there is no incident. {within} is "within one hour" (insights::within_window).
    NO_INCIDENT {
        en: "No policy or cause began blocking many more users {within} than it did before.",
        fr: "Aucune stratégie ni cause ne s'est mise à bloquer beaucoup plus d'utilisateurs {within} qu'auparavant.",
    }
    /// The incident's small chart, for screen readers. {per}: "per hour".
    MINI_CHART { en: "Blocked users {per} around the onset", fr: "Utilisateurs bloqués {per} autour du début" }
    /// Tooltip of a bar: {time} its start, {users} "2 users", {blocks} "3 blocked sign-ins".
    MINI_BAR { en: "{time} UTC: {users}, {blocks}", fr: "{time} UTC : {users}, {blocks}" }
    /// Under the small chart, right: {window} is "hour".
    PER_WINDOW { en: "per {window}", fr: "par {window}" }

    /// The users' filter box (placeholder).
    FILTER_USERS_HINT { en: "Filter users, causes, policies, apps…", fr: "Filtrer : utilisateurs, causes, stratégies, applications…" }
    /// The users' filter box, for screen readers.
    FILTER_USERS { en: "Filter users", fr: "Filtrer les utilisateurs" }
    /// Beside the users' filter box.
    CLICK_TO_SORT { en: "Click a column to sort.", fr: "Cliquez sur une colonne pour trier." }
    /// Column header.
    USER { en: "User", fr: "Utilisateur" }
    /// Column header: the user's blocked sign-ins.
    BLOCKED { en: "Blocked", fr: "Blocages" }
    /// Column header.
    APPS { en: "Apps", fr: "Applications" }
    /// Column header: the user's last block.
    LAST_SEEN { en: "Last seen (UTC)", fr: "Dernier blocage (UTC)" }
    /// Column header.
    SUGGESTED_FIX { en: "Suggested fix", fr: "Correctif suggéré" }
    /// Column header: the user's status and findings.
    PATTERNS { en: "Patterns", fr: "Constats" }
    /// Link under a user, to their blocked sign-ins.
    USER_SIGNINS { en: "sign-ins", fr: "connexions" }
    /// Before a finding's advice (followed by the advice).
    ADVICE { en: "Advice:", fr: "Conseil :" }

    /// The sign-ins' filter box (placeholder).
    FILTER_SIGNINS_HINT {
        en: "Filter by user, app, cause, policy, id, evidence…",
        fr: "Filtrer : utilisateur, application, cause, stratégie, ID, éléments…",
    }
    /// The sign-ins' filter box, for screen readers.
    FILTER_SIGNINS { en: "Filter sign-ins", fr: "Filtrer les connexions" }
    /// Beside the sign-ins' filter box.
    CLICK_A_SIGNIN {
        en: "Click a sign-in for its evidence and fixes.",
        fr: "Cliquez sur une connexion pour voir ses éléments et les correctifs.",
    }
    /// Column header.
    TIME_UTC { en: "Time (UTC)", fr: "Date (UTC)" }
    /// Column header.
    APP { en: "App", fr: "Application" }
    /// Column header.
    CAUSE { en: "Cause", fr: "Cause" }
    /// Column header.
    CONFIDENCE { en: "Confidence", fr: "Confiance" }
    /// Column header.
    BLOCKING_POLICY { en: "Blocking policy", fr: "Stratégie bloquante" }
    /// When the page lists only the first ones: {listed} is 10000, {blocked} "10003
    /// blocked sign-ins".
    FIRST_LISTED {
        en: "The first {listed} of {blocked} are listed (by time): for every one, use --format json or --format csv, or narrow the report with --since, --until or --user.",
        fr: "Seules les {listed} premières des {blocked} sont listées (par ordre chronologique) : pour les voir toutes, utilisez --format json ou --format csv, ou restreignez le rapport avec --since, --until ou --user.",
    }

    /// A sign-in's fact.
    REQUEST_ID { en: "Request id", fr: "ID de la demande" }
    /// A sign-in's fact.
    CORRELATION_ID { en: "Correlation id", fr: "ID de corrélation" }
    /// A sign-in's fact.
    RESOURCE { en: "Resource", fr: "Ressource" }
    /// A sign-in's fact.
    IP_ADDRESS { en: "IP address", fr: "Adresse IP" }
    /// A sign-in's fact: city and country.
    LOCATION { en: "Location", fr: "Emplacement" }
    /// A sign-in's fact: the client app used (`Browser`, `IMAP4`).
    CLIENT { en: "Client", fr: "Application cliente" }
    /// A sign-in's fact.
    OPERATING_SYSTEM { en: "Operating system", fr: "Système d'exploitation" }
    /// A sign-in's fact: its blocking policies.
    BLOCKING_POLICIES { en: "Blocking policies", fr: "Stratégies bloquantes" }
    /// A sign-in's blocking policies when the export names none.
    NO_POLICY_NAMED { en: "none named in the export", fr: "aucune nommée dans l'export" }
    /// A sign-in's fact: one report-only policy that would also block it.
    REPORT_ONLY_ONE { en: "Report-only, would also block", fr: "En mode rapport seul, bloquerait aussi" }
    /// A sign-in's fact: report-only policies that would also block it.
    REPORT_ONLY_MANY { en: "Report-only, would also block", fr: "En mode rapport seul, bloqueraient aussi" }
    /// Heading of a sign-in's evidence.
    EVIDENCE { en: "Evidence", fr: "Éléments" }
    /// Heading of the end user's fix.
    USER_CAN_TRY { en: "What the user can try", fr: "Ce que l'utilisateur peut essayer" }
    /// Heading of the admin's fix.
    ADMIN_SHOULD_CHECK { en: "What the admin should check", fr: "Ce que l'administrateur doit vérifier" }

    /// Heading of a sign-in's replay: {file} is the policies file.
    REPLAY_HEADING { en: "Replay against exported policies ({file})", fr: "Rejeu des stratégies exportées ({file})" }
    /// The replay's summary: {policies} is REPLAYED_*, {disagreement} DISAGREE_*.
    REPLAY_SUMMARY { en: "{policies}; {disagreement}.", fr: "{policies} ; {disagreement}." }
    /// One relevant policy replayed (French: also 0).
    REPLAYED_ONE { en: "{n} relevant policy replayed against this sign-in", fr: "{n} stratégie pertinente rejouée sur cette connexion" }
    /// {n} relevant policies replayed.
    REPLAYED_MANY { en: "{n} relevant policies replayed against this sign-in", fr: "{n} stratégies pertinentes rejouées sur cette connexion" }
    /// No replayed policy disagrees with the log.
    DISAGREE_NONE { en: "none disagrees with the log", fr: "aucune ne contredit le journal" }
    /// One replayed policy disagrees with the log.
    DISAGREE_ONE { en: "1 disagrees with the log", fr: "1 contredit le journal" }
    /// {n} replayed policies disagree with the log.
    DISAGREE_MANY { en: "{n} disagree with the log", fr: "{n} contredisent le journal" }
    /// After the replay's summary, without `--named-locations` (leading space: it follows
    /// a sentence).
    NO_NAMED_LOCATIONS {
        en: " No --named-locations given: named locations are shown by id and not resolved.",
        fr: " Sans --named-locations, les emplacements nommés sont affichés par leur ID, sans être résolus.",
    }
    /// One replayed policy: {name} (in bold), what the log says ({log}), what the replay
    /// finds now ({now}), and {agreement} (AGREES…).
    REPLAY_POLICY { en: "{name}: {log}; {now}; {agreement}.", fr: "{name} : {log} ; {now} ; {agreement}." }
    /// The replay matches the log.
    AGREES { en: "agrees with the log", fr: "conforme au journal" }
    /// The replay contradicts the log (capitals: it must stand out).
    DISAGREES { en: "DISAGREES with the log", fr: "CONTREDIT le journal" }
    /// The replay cannot tell.
    CANNOT_CONFIRM { en: "cannot confirm the log", fr: "impossible de confirmer le journal" }
    /// The policy is exported but the log does not list it.
    NOT_IN_LOG { en: "not in the log", fr: "absente du journal" }
    /// The log lists the policy but the export does not have it.
    NOT_EXPORTED { en: "not exported", fr: "non exportée" }
    /// A replayed condition: {condition} = {configured}: {verdict} (a machine value, in
    /// bold){reason} (" (why)" or nothing).
    CONDITION {
        en: "{condition} = {configured}: {verdict}{reason}",
        fr: "{condition} = {configured} : {verdict}{reason}",
    }
    /// The conditions a policy leaves unset: {conditions} is "users, platforms".
    NOT_CONFIGURED { en: "not configured: {conditions}", fr: "conditions non configurées : {conditions}" }
    /// Why the replay disagrees with the log.
    DISAGREEMENT { en: "Disagreement: {note}", fr: "Désaccord : {note}" }
    /// A caveat of the replay.
    NOTE { en: "Note: {note}", fr: "Remarque : {note}" }

    /// Section heading.
    NOTES { en: "Notes", fr: "Remarques" }
    /// When there is no note.
    NO_NOTES { en: "Nothing to add: the data said everything.", fr: "Rien à ajouter : les données disent tout." }
    /// The page's footer: {version} of signin-doctor, {sources} the inputs' names.
    FOOTER {
        en: "Written by signin-doctor {version} from {sources}. Times are UTC. This page is self-contained: it loads nothing from anywhere.",
        fr: "Généré par signin-doctor {version} à partir de {sources}. Les heures sont en UTC. Cette page est autonome : elle ne charge rien depuis l'extérieur.",
    }

    /// The filter's count in the page's script: "3 shown" (one match; French: 0 or 1).
    SHOWN_ONE { en: "shown", fr: "résultat" }
    /// The filter's count: "3 shown" (more than one match).
    SHOWN_MANY { en: "shown", fr: "résultats" }
}
