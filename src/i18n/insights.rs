//! The insights texts, English and French side by side (see i18n/mod.rs): per-user
//! patterns (travel or VPN, a device or client that works, retry storms), whether a block
//! is over, structural or transient, and the rollout incidents (`signin-doctor incidents`).
//!
//! Times (`{at}`, `{when}`, ...) are `2026-11-03 09:14 UTC` or `11-03 09:14`; `{span}` is
//! a duration from `span_text` ("15 minutes", "1 hour 20 minutes"); country codes, app,
//! client, device and policy names are log values.

super::texts! {
    // ---- durations and windows --------------------------------------------------------

    /// Units, counted with `i18n::count`.
    MINUTE { en: "minute", fr: "minute" }
    MINUTES { en: "minutes", fr: "minutes" }
    HOUR { en: "hour", fr: "heure" }
    HOURS { en: "hours", fr: "heures" }
    DAY { en: "day", fr: "jour" }
    DAYS { en: "days", fr: "jours" }
    /// A duration over an hour: {hours} "1 hour", {minutes} "20 minutes".
    SPAN_HOURS_MINUTES { en: "{hours} {minutes}", fr: "{hours} et {minutes}" }

    /// The incident window (`--bucket`), alone: "(bucket: hour)". {n} is a number.
    WINDOW_HOUR { en: "hour", fr: "heure" }
    WINDOW_DAY { en: "day", fr: "jour" }
    /// The window as a length: "(bucket: hour)" / "(fenêtre : 1 heure)".
    LENGTH_HOUR { en: "hour", fr: "1 heure" }
    LENGTH_DAY { en: "day", fr: "1 jour" }
    /// "in the first hour" / "Users in the first 30 minutes".
    FIRST_HOUR { en: "the first hour", fr: "la première heure" }
    FIRST_DAY { en: "the first day", fr: "le premier jour" }
    FIRST_MINUTES { en: "the first {n} minutes", fr: "les {n} premières minutes" }
    FIRST_HOURS { en: "the first {n} hours", fr: "les {n} premières heures" }
    FIRST_DAYS { en: "the first {n} days", fr: "les {n} premiers jours" }
    /// "0 the day before" / "Users the day before": the span before an onset.
    PRIOR_HOUR { en: "the hour before", fr: "l'heure précédente" }
    PRIOR_DAY { en: "the day before", fr: "la veille" }
    PRIOR_MINUTES { en: "the {n} minutes before", fr: "les {n} minutes précédentes" }
    PRIOR_HOURS { en: "the {n} hours before", fr: "les {n} heures précédentes" }
    PRIOR_DAYS { en: "the {n} days before", fr: "les {n} jours précédents" }
    /// "Users blocked per hour".
    PER_HOUR { en: "per hour", fr: "par heure" }
    PER_DAY { en: "per day", fr: "par jour" }
    PER_MINUTES { en: "per {n} minutes", fr: "par tranche de {n} minutes" }
    PER_HOURS { en: "per {n} hours", fr: "par tranche de {n} heures" }
    PER_DAYS { en: "per {n} days", fr: "par tranche de {n} jours" }
    /// "began blocking many more users within one hour than before".
    WITHIN_HOUR { en: "within one hour", fr: "en une heure" }
    WITHIN_DAY { en: "within one day", fr: "en une journée" }
    WITHIN_MINUTES { en: "within one {n} minutes", fr: "en {n} minutes" }
    WITHIN_HOURS { en: "within one {n} hours", fr: "en {n} heures" }
    WITHIN_DAYS { en: "within one {n} days", fr: "en {n} jours" }

    // ---- what a device looked like --------------------------------------------------

    /// Device traits in "Windows10 (compliant, Azure AD joined)".
    DEVICE_COMPLIANT { en: "compliant", fr: "conforme" }
    DEVICE_NOT_COMPLIANT { en: "not compliant", fr: "non conforme" }
    DEVICE_UNREGISTERED { en: "unregistered", fr: "non inscrit" }
    DEVICE_MANAGED { en: "managed", fr: "géré" }
    /// Stands for the operating system when the log names none.
    DEVICE_UNNAMED { en: "an unnamed device", fr: "un appareil au système non indiqué" }

    // ---- travel or VPN --------------------------------------------------------------

    /// "15 minutes before" / "7 hours after": a success relative to the block.
    ORDER_BEFORE { en: "before", fr: "plus tôt" }
    ORDER_AFTER { en: "after", fr: "plus tard" }
    /// Table hint. {country} the success's country code, {span} a duration, {order} ORDER_*.
    TRAVEL_HINT { en: "Signed in from {country} {span} {order}: VPN or travel?", fr: "Connexion réussie depuis {country} {span} {order} : VPN ou voyage ?" }
    /// {blocked_in} and {ok_in} are country codes, {blocked_at} and {ok_at} times.
    TRAVEL_DETAIL {
        en: "blocked from {blocked_in} at {blocked_at} while a sign-in from {ok_in} succeeded at {ok_at} ({span} {order})",
        fr: "connexion bloquée depuis {blocked_in} le {blocked_at}, alors qu'une connexion depuis {ok_in} a réussi le {ok_at} ({span} {order})",
    }
    /// Appended to TRAVEL_DETAIL ({detail}) when several blocks were near a success.
    TRAVEL_DETAIL_MANY {
        en: "{detail}; {near} of the user's {total} blocks came within {span} of a success from another country",
        fr: "{detail} ; {near} des {total} blocages de l'utilisateur ont eu lieu à moins de {span} d'une connexion réussie depuis un autre pays",
    }
    /// {country}: where the blocked sign-in came from.
    TRAVEL_ADVICE {
        en: "ask the user where they were: a VPN or proxy that exits in {country} (have them disconnect it, or add its egress IPs as a trusted named location), travel (a time-limited exclusion), or someone else trying the account (check its sign-in risk before allowing anything)",
        fr: "demandez à l'utilisateur où il se trouvait : un VPN ou un proxy qui sort dans le pays {country} (demandez-lui de le déconnecter, ou ajoutez ses adresses IP de sortie comme emplacement nommé approuvé), un voyage (une exclusion limitée dans le temps), ou quelqu'un d'autre qui essaie le compte (vérifiez son risque de connexion avant d'autoriser quoi que ce soit)",
    }
    /// Appended to TRAVEL_ADVICE ({advice}) when the two sign-ins are under 2 hours apart.
    TRAVEL_ADVICE_TOO_CLOSE {
        en: "{advice}; the two are too close together for a journey",
        fr: "{advice} ; les deux connexions sont trop rapprochées pour un déplacement",
    }

    // ---- a device or client that works ----------------------------------------------

    /// After "signed in successfully": {app} is the same app as the block's.
    TO_SAME_APP { en: " to the same app ({app})", fr: " à la même application ({app})" }
    /// After "signed in successfully": {app} another app than the block's.
    TO_OTHER_APP { en: " (to {app})", fr: " (à {app})" }
    /// The same device, later in a better state. {now} is a device as described above.
    SAME_DEVICE_HINT { en: "The same device signed in later as {now}.", fr: "Le même appareil s'est connecté plus tard, cette fois vu comme {now}." }
    /// {name} the device's name, {before} and {now} devices described, {to_app} TO_*_APP or "".
    SAME_DEVICE_DETAIL {
        en: "blocked on {name} as {before} but the same device signed in successfully{to_app} at {at}, as {now}",
        fr: "connexion bloquée sur {name}, vu alors comme {before}, mais le même appareil s'est connecté avec succès{to_app} le {at}, vu cette fois comme {now}",
    }
    SAME_DEVICE_ADVICE {
        en: "the device has changed since the block (enrolled, compliant or registered now): nothing more to do for it unless the block comes back",
        fr: "l'appareil a changé depuis le blocage (il est désormais inscrit, géré ou conforme) : rien d'autre à faire pour lui, sauf si le blocage revient",
    }
    /// {device}: the device that works, described.
    WORKS_ON_HINT { en: "Works on {device}: use it meanwhile.", fr: "Fonctionne sur {device} : à utiliser en attendant." }
    WORKS_ON_DETAIL {
        en: "blocked on {blocked} but signed in successfully on {works}{to_app} at {at}",
        fr: "connexion bloquée sur {blocked}, mais réussie sur {works}{to_app} le {at}",
    }
    /// {os}: the blocked device's platform, or DEVICE_OS_UNNAMED.
    WORKS_ON_ADVICE_PLATFORM {
        en: "sign-ins from the {works} device get through: the user can work from it, since the policy blocks the other device's platform ({os})",
        fr: "les connexions depuis l'appareil {works} passent : l'utilisateur peut travailler dessus, puisque la stratégie bloque la plateforme de l'autre appareil ({os})",
    }
    DEVICE_OS_UNNAMED { en: "unnamed", fr: "non indiquée" }
    WORKS_ON_ADVICE_STATE {
        en: "sign-ins from the {works} device get through: the user can work from it until the blocked device is registered or compliant",
        fr: "les connexions depuis l'appareil {works} passent : l'utilisateur peut travailler dessus en attendant que l'appareil bloqué soit inscrit ou conforme",
    }
    /// Stands for a client app the log does not name.
    ANOTHER_CLIENT { en: "another client", fr: "un autre client" }
    /// {client}: the client app that works (clientAppUsed).
    WORKS_WITH_HINT { en: "Works with {client}: use it meanwhile.", fr: "Fonctionne avec {client} : à utiliser en attendant." }
    WORKS_WITH_DETAIL {
        en: "blocked with {blocked} but signed in successfully with {works}{to_app} at {at}",
        fr: "connexion bloquée avec {blocked}, mais réussie avec {works}{to_app} le {at}",
    }
    WORKS_WITH_ADVICE {
        en: "sign-ins with {works} get through: move the user to it (and retire {blocked} on their devices)",
        fr: "les connexions avec {works} passent : faites basculer l'utilisateur vers ce client (et retirez {blocked} de ses appareils)",
    }

    // ---- retry storm ----------------------------------------------------------------

    /// Stands for an app the log does not name.
    UNNAMED_APP { en: "an unnamed app", fr: "une application sans nom" }
    /// {n} is at least 10.
    STORM_HINT { en: "{n} attempts in {span}: a client retrying.", fr: "{n} tentatives en {span} : un client qui réessaie." }
    STORM_DETAIL {
        en: "{n} blocked attempts in {span} ({from} to {to}), mostly to {app}: a client or script retrying on its own",
        fr: "{n} tentatives bloquées en {span} (du {from} au {to}), surtout vers {app} : un client ou un script qui réessaie tout seul",
    }
    STORM_ADVICE {
        en: "retrying cannot get through a block: find the device or script that keeps trying (its IP and user agent are in the failures) and stop it until the cause is fixed",
        fr: "réessayer ne fera pas passer un blocage : trouvez l'appareil ou le script qui insiste (son adresse IP et son agent utilisateur figurent dans les échecs) et arrêtez-le jusqu'à ce que la cause soit corrigée",
    }

    // ---- status hint (the table's fix cell) -----------------------------------------

    /// {when} `11-04 10:21`, {changed} CHANGED_* words joined by ", ".
    HINT_RESOLVED { en: "Resolved: in at {when} ({changed}).", fr: "Résolu : accès rétabli le {when} ({changed})." }
    HINT_RESOLVED_ALL { en: "Resolved: in again to all {n} apps.", fr: "Résolu : accès rétabli aux {n} applications." }
    /// The hints below end without a period; HINT_ALSO may extend them ({status}).
    HINT_RECURRING { en: "Recurring: blocked again after a success ({app})", fr: "Récurrent : de nouveau bloqué après une connexion réussie ({app})" }
    HINT_STILL_BLOCKED_RIGHT_AFTER {
        en: "Still blocked ({app}) at the export's end, right after the last block",
        fr: "Toujours bloqué ({app}) à la fin de l'export, juste après le dernier blocage",
    }
    HINT_STILL_BLOCKED { en: "Still blocked ({app}) at the export's end", fr: "Toujours bloqué ({app}) à la fin de l'export" }
    HINT_UNKNOWN { en: "Status unknown ({app}): times missing", fr: "État inconnu ({app}) : heures manquantes" }
    /// {apps}: "1 other app" (OTHER_APP / OTHER_APPS).
    HINT_ALSO { en: "{status}; resolved for {apps}", fr: "{status} ; résolu pour {apps}" }
    OTHER_APP { en: "other app", fr: "autre application" }
    OTHER_APPS { en: "other apps", fr: "autres applications" }
    /// The pattern words after the status.
    HINT_STRUCTURAL { en: "Structural:", fr: "Structurel :" }
    HINT_TRANSIENT { en: "Transient (a retry may pass):", fr: "Transitoire (une nouvelle tentative peut réussir) :" }
    HINT_MIXED { en: "Mixed:", fr: "Mixte :" }

    /// What changed between a block and the success after it, in a few words.
    CHANGED_COMPLIANT { en: "compliant now", fr: "conforme désormais" }
    CHANGED_REGISTERED { en: "registered now", fr: "inscrit désormais" }
    CHANGED_MANAGED { en: "managed now", fr: "géré désormais" }
    CHANGED_DEVICE { en: "other device", fr: "autre appareil" }
    CHANGED_MODERN_CLIENT { en: "modern client", fr: "client moderne" }
    CHANGED_CLIENT { en: "other client", fr: "autre client" }
    CHANGED_COUNTRY { en: "other country", fr: "autre pays" }
    CHANGED_NOTHING { en: "same device, client and country", fr: "même appareil, client et pays" }
    CHANGED_UNKNOWN { en: "cannot tell what changed", fr: "impossible de savoir ce qui a changé" }

    // ---- status detail ("Is it fixed?") ---------------------------------------------

    /// Blocks without a readable time. {app} the app.
    UNTIMED_BLOCK_ONE { en: "cannot tell: 1 blocked sign-in to {app} carries no readable time", fr: "impossible de savoir : 1 connexion bloquée à {app} n'a pas d'heure lisible" }
    UNTIMED_BLOCK_MANY { en: "cannot tell: {n} blocked sign-ins to {app} carry no readable time", fr: "impossible de savoir : {n} connexions bloquées à {app} n'ont pas d'heure lisible" }
    BLOCKED_ONCE { en: "blocked once at {at}", fr: "bloqué une fois le {at}" }
    BLOCKED_TIMES { en: "blocked {n} times from {from} to {to}", fr: "bloqué {n} fois du {from} au {to}" }
    /// After BLOCKED_TIMES: blocks without a time, counted but not placed.
    UNTIMED_NOTE_ONE { en: " ({n} without a readable time not placed)", fr: " (dont {n} sans heure lisible, non situé dans le temps)" }
    UNTIMED_NOTE_MANY { en: " ({n} without a readable time not placed)", fr: " (dont {n} sans heure lisible, non situés dans le temps)" }
    /// {status}: what comes before (the blocks).
    CAME_BACK_ONCE { en: "{status}; it came back once after a success", fr: "{status} ; le blocage est revenu une fois après une connexion réussie" }
    CAME_BACK_TIMES { en: "{status}; it came back {n} times after a success", fr: "{status} ; le blocage est revenu {n} fois après une connexion réussie" }
    /// {blocks}: BLOCKED_* and notes; {words}: the CHANGE_* sentences joined by ", ";
    /// {so}: SO_*.
    RESOLVED_DETAIL {
        en: "{blocks}; signed in successfully to {app} at {at}, {words}, {so}",
        fr: "{blocks} ; connexion réussie à {app} le {at}, {words}, {so}",
    }
    SO_IN_AGAIN {
        en: "so the user is in again (the blocked context itself may still be blocked)",
        fr: "l'utilisateur a donc de nouveau accès (le contexte bloqué lui-même peut l'être encore)",
    }
    SO_NO_LONGER { en: "so the block no longer applies", fr: "le blocage ne s'applique donc plus" }
    UNTIMED_SUCCESS_ONE {
        en: "cannot tell: {blocks}, but 1 successful sign-in to {app} carries no readable time and may have come after",
        fr: "impossible de savoir : {blocks}, mais 1 connexion réussie à {app} n'a pas d'heure lisible et a pu avoir lieu après",
    }
    UNTIMED_SUCCESS_MANY {
        en: "cannot tell: {blocks}, but {n} successful sign-ins to {app} carry no readable time and may have come after",
        fr: "impossible de savoir : {blocks}, mais {n} connexions réussies à {app} n'ont pas d'heure lisible et ont pu avoir lieu après",
    }
    /// {end}: the end of the export; {soon}: TOO_SOON or "".
    STILL_BLOCKED_DETAIL {
        en: "{blocks}; no successful sign-in to {app} after the last block, as of the end of the export at {end}{soon}",
        fr: "{blocks} ; aucune connexion réussie à {app} après le dernier blocage, jusqu'à la fin de l'export le {end}{soon}",
    }
    TOO_SOON {
        en: " ({span} after the last block: too soon to tell whether it clears)",
        fr: " ({span} après le dernier blocage : trop tôt pour savoir si le blocage sera levé)",
    }

    /// What changed between the last block and the success after it.
    CHANGE_NOT_KEPT {
        en: "in a context not kept (too many for this user): cannot tell what changed",
        fr: "dans un contexte non conservé (trop nombreux pour cet utilisateur) : impossible de savoir ce qui a changé",
    }
    CHANGE_COMPLIANT { en: "the same device is compliant now", fr: "le même appareil est désormais conforme" }
    /// {trust}: the device's trustType ("Azure AD joined").
    CHANGE_REGISTERED { en: "the same device is registered now ({trust})", fr: "le même appareil est désormais inscrit ({trust})" }
    CHANGE_MANAGED { en: "the same device is managed now", fr: "le même appareil est désormais géré" }
    /// {now} and {blocked}: devices described.
    CHANGE_DEVICE { en: "from another device ({now}, blocked on {blocked})", fr: "depuis un autre appareil ({now}, bloqué sur {blocked})" }
    /// {now} and {blocked}: clientAppUsed values.
    CHANGE_MODERN_CLIENT { en: "with a modern client ({now}, blocked with {blocked})", fr: "avec un client moderne ({now}, bloqué avec {blocked})" }
    CHANGE_CLIENT { en: "with another client ({now}, blocked with {blocked})", fr: "avec un autre client ({now}, bloqué avec {blocked})" }
    /// {now} and {blocked}: country codes.
    CHANGE_COUNTRY { en: "from another country ({now}, blocked from {blocked})", fr: "depuis un autre pays ({now}, bloqué depuis {blocked})" }
    CHANGE_NOTHING {
        en: "with the same device, client and country (what blocked it, such as a risk level or the network, has passed)",
        fr: "avec le même appareil, le même client et depuis le même pays (ce qui bloquait, comme un niveau de risque ou le réseau, a cessé)",
    }

    // ---- pattern detail -------------------------------------------------------------

    /// The subject of the pattern sentences.
    EVERY_ONE { en: "the block came", fr: "le blocage vient" }
    EVERY_TWO { en: "both blocks came", fr: "les deux blocages viennent" }
    EVERY_MANY { en: "all {n} blocks came", fr: "les {n} blocages viennent" }
    /// How many distinct contexts the blocks came from.
    FROM_CONTEXT_ONE { en: "from 1 context", fr: "d'un seul contexte" }
    FROM_CONTEXT_MANY { en: "from {n} contexts", fr: "de {n} contextes" }
    /// {every} EVERY_*, {from_contexts} FROM_CONTEXT_*, {causes} cause names (never
    /// translated), {previously} a number of blocks.
    PATTERN_PREVIOUSLY {
        en: "{every} {from_contexts} (device, client, app and country) that never signed in successfully after a block, cause {causes}; {previously} of them from a context that had got in before: a rule new or changed since (see the incidents), or a condition that has not passed yet; retrying will not help while it holds",
        fr: "{every} {from_contexts} (appareil, client, application et pays) sans aucune connexion réussie après un blocage, cause {causes} ; {previously} d'entre eux depuis un contexte qui avait déjà pu se connecter : une règle nouvelle ou modifiée depuis (voir les incidents), ou une condition pas encore levée ; réessayer ne servira à rien tant qu'elle s'applique",
    }
    PATTERN_STRUCTURAL {
        en: "{every} {from_contexts} (device, client, app and country) that never signed in successfully, cause {causes}: a rule is being enforced; retrying will not help, the device, client, network or policy must change",
        fr: "{every} {from_contexts} (appareil, client, application et pays) sans aucune connexion réussie, cause {causes} : une règle est appliquée ; réessayer ne servira à rien, il faut changer l'appareil, le client, le réseau ou la stratégie",
    }
    PATTERN_TRANSIENT {
        en: "{every} in a context (device, client, app and country) that signed in successfully after a block, cause {causes}: a passing condition such as sign-in risk or a moment on a VPN; waiting or retrying may clear it",
        fr: "{every} d'un contexte (appareil, client, application et pays) qui s'est connecté avec succès après un blocage, cause {causes} : une condition transitoire, comme le risque de connexion ou un passage par un VPN ; attendre ou réessayer peut suffire",
    }
    /// {structural} and {transient} numbers of blocks, {total} their sum.
    PATTERN_MIXED {
        en: "{structural} of {total} blocks came from a context that never signed in successfully after a block (a rule being enforced), {transient} from one that did (a passing condition), cause {causes}",
        fr: "blocages venant d'un contexte sans aucune connexion réussie après un blocage (une règle appliquée) : {structural} sur {total} ; d'un contexte qui s'est connecté ensuite (une condition transitoire) : {transient} ; cause {causes}",
    }

    // ---- incidents ------------------------------------------------------------------

    USER { en: "user", fr: "utilisateur" }
    USERS { en: "users", fr: "utilisateurs" }
    BLOCKED_SIGNIN { en: "blocked sign-in", fr: "connexion bloquée" }
    BLOCKED_SIGNINS { en: "blocked sign-ins", fr: "connexions bloquées" }
    RECORD { en: "record", fr: "enregistrement" }
    RECORDS { en: "records", fr: "enregistrements" }
    INCIDENT { en: "incident", fr: "incident" }
    INCIDENTS { en: "incidents", fr: "incidents" }
    /// {policy}: the policy's name; {users} "57 users"; {first} FIRST_*; {before} a number;
    /// {prior} PRIOR_*.
    HEADLINE_POLICY {
        en: "{policy} began at {at}: {users} in {first}, {before} {prior}.",
        fr: "« {policy} » a commencé à bloquer le {at} : {users} dans {first}, {before} {prior}.",
    }
    /// Blocks whose export named no policy.
    HEADLINE_NO_POLICY {
        en: "Blocks without a named policy began at {at}: {users} in {first}, {before} {prior}.",
        fr: "Les blocages sans stratégie nommée ont commencé le {at} : {users} dans {first}, {before} {prior}.",
    }
    /// {cause}: a cause name (never translated).
    HEADLINE_CAUSE {
        en: "Blocks for {cause} began at {at}: {users} in {first}, {before} {prior}.",
        fr: "Les blocages pour la cause {cause} ont commencé le {at} : {users} dans {first}, {before} {prior}.",
    }
    /// {per}: PER_*; {counts} numbers, the onset's in brackets.
    TIMELINE {
        en: "Users blocked {per} (the onset's in brackets) from {from}: {counts}",
        fr: "Utilisateurs bloqués {per} (le début entre crochets) à partir du {from} : {counts}",
    }
    INCIDENT_ONGOING { en: "still blocking when the export ends", fr: "blocage toujours en cours à la fin de l'export" }
    INCIDENT_LAST_AT { en: "the last at {at}", fr: "dernier blocage le {at}" }
    /// {list}: "location 10, device_state 2" (cause names never translated).
    INCIDENT_CAUSES { en: "causes: {list}", fr: "causes : {list}" }
    INCIDENT_POLICIES { en: "policies: {list}", fr: "stratégies : {list}" }
    /// {users} "8 users", {blocks} "10 blocked sign-ins", {end} INCIDENT_ONGOING or
    /// INCIDENT_LAST_AT, {what} INCIDENT_CAUSES or INCIDENT_POLICIES. The audit activity
    /// names are as the audit log writes them.
    INCIDENT_DETAIL {
        en: "{users} and {blocks} since, {end}; {what}. Look for a change at that time: Entra audit logs, activity \"Update conditional access policy\" or \"Add conditional access policy\" (or a change to a named location or group it uses).",
        fr: "{users} et {blocks} depuis, {end} ; {what}. Cherchez une modification faite à ce moment-là : journaux d'audit Entra, activité « Update conditional access policy » ou « Add conditional access policy » (ou une modification d'un emplacement nommé ou d'un groupe utilisé).",
    }

    // ---- `signin-doctor incidents` and the report's incidents section ---------------

    SECTION_TITLE {
        en: "Incidents (a policy or cause that suddenly began blocking):",
        fr: "Incidents (une stratégie ou une cause qui s'est mise soudain à bloquer) :",
    }
    /// {within} WITHIN_*, {blocked} "3 blocked sign-ins", {records} "20 records".
    NO_INCIDENTS {
        en: "No incidents: no policy or cause began blocking many more users {within} than it did before, across {blocked} in {records}.",
        fr: "Aucun incident : aucune stratégie ni cause ne s'est mise à bloquer beaucoup plus d'utilisateurs {within} qu'auparavant, sur {blocked} dans {records}.",
    }
    /// {incidents} "1 incident", {records} "20 records", {window} LENGTH_* or "30 minutes".
    INCIDENTS_HEAD { en: "{incidents} in {records} (bucket: {window}):", fr: "{incidents} dans {records} (fenêtre : {window}) :" }
    NOTES { en: "Notes:", fr: "Remarques :" }
    MD_TITLE { en: "## Conditional Access incidents", fr: "## Incidents d'accès conditionnel" }
    /// {blocked} and {records} are bare numbers.
    MD_NO_INCIDENTS {
        en: "No policy or cause began blocking many more users {within} than before ({blocked} blocked sign-ins in {records} records).",
        fr: "Aucune stratégie ni cause ne s'est mise à bloquer beaucoup plus d'utilisateurs {within} qu'auparavant (connexions bloquées : {blocked}, enregistrements : {records}).",
    }
    /// The Markdown table's header row.
    MD_HEADER {
        en: "| Onset (UTC) | Policy or cause | Users in {first} | Users {prior} | Users since | Blocks since | Until |",
        fr: "| Début (UTC) | Stratégie ou cause | Utilisateurs dans {first} | Utilisateurs {prior} | Utilisateurs depuis | Blocages depuis | Jusqu'à |",
    }
    /// A cause incident's key cell; {cause} never translated.
    MD_CAUSE { en: "cause: {cause}", fr: "cause : {cause}" }
    MD_STILL_BLOCKING { en: "still blocking", fr: "blocage en cours" }
}
