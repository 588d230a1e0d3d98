//! The replay texts, English and French side by side (see i18n/mod.rs).
//!
//! Values from the log or the export (field names such as `clientAppUsed`, ids, policy
//! keys such as `includeUsers`, states such as `enabled`, verdicts) are placeholders and
//! stay as they are; only the words around them change with the language.

super::texts! {
    // ---- Joining ------------------------------------------------------------------------

    /// Two parts of a list of reasons ("a; b"); folded over the list.
    LIST_SEP { en: "{a}; {b}", fr: "{a} ; {b}" }

    // ---- The condition names, as the portal calls them ------------------------------------
    // English keeps the policy's JSON key; French names the portal's condition.

    COND_USERS { en: "users", fr: "« Utilisateurs »" }
    COND_APPLICATIONS { en: "applications", fr: "« Ressources cibles »" }
    COND_CLIENT_APP_TYPES { en: "clientAppTypes", fr: "« Applications clientes »" }
    COND_PLATFORMS { en: "platforms", fr: "« Plateformes d'appareils »" }
    COND_LOCATIONS { en: "locations", fr: "« Emplacements »" }
    COND_SIGN_IN_RISK { en: "signInRiskLevels", fr: "« Risque de connexion »" }
    COND_USER_RISK { en: "userRiskLevels", fr: "« Risque utilisateur »" }
    COND_SP_RISK { en: "servicePrincipalRiskLevels", fr: "« Risque du principal de service »" }
    COND_INSIDER_RISK { en: "insiderRiskLevels", fr: "« Risque interne »" }
    COND_DEVICE_FILTER { en: "devices.deviceFilter", fr: "« Filtre pour les appareils »" }
    COND_AUTH_FLOWS { en: "authenticationFlows", fr: "« Flux d'authentification »" }

    // ---- What a policy configures (the `configured` column) ------------------------------

    /// A condition that the policy does not set.
    NOT_CONFIGURED { en: "(not configured)", fr: "(non configurée)" }
    /// A condition every policy has, absent from this export.
    MISSING_FROM_EXPORT { en: "(missing from the export)", fr: "(absente de l'export)" }
    /// A condition configured with nothing on either side.
    EMPTY { en: "(empty)", fr: "(vide)" }
    /// {values} is "[All]", "[id1, id2]" as exported.
    INCLUDE { en: "include {values}", fr: "inclus {values}" }
    EXCLUDE { en: "exclude {values}", fr: "exclus {values}" }
    INCLUDE_USERS { en: "include users {values}", fr: "utilisateurs inclus {values}" }
    INCLUDE_GROUPS { en: "include groups {values}", fr: "groupes inclus {values}" }
    INCLUDE_ROLES { en: "include roles {values}", fr: "rôles inclus {values}" }
    EXCLUDE_USERS { en: "exclude users {values}", fr: "utilisateurs exclus {values}" }
    EXCLUDE_GROUPS { en: "exclude groups {values}", fr: "groupes exclus {values}" }
    EXCLUDE_ROLES { en: "exclude roles {values}", fr: "rôles exclus {values}" }
    INCLUDE_GUESTS { en: "include guests or external users {values}", fr: "invités ou utilisateurs externes inclus {values}" }
    EXCLUDE_GUESTS { en: "exclude guests or external users {values}", fr: "invités ou utilisateurs externes exclus {values}" }
    INCLUDE_USER_ACTIONS { en: "include user actions {values}", fr: "actions utilisateur incluses {values}" }
    INCLUDE_AUTH_CONTEXTS { en: "include authentication contexts {values}", fr: "contextes d'authentification inclus {values}" }
    /// {sides} is what the applications condition includes and excludes; {mode}
    /// include|exclude and {rule} the filter rule, both as exported.
    APP_FILTER_CONFIGURED { en: "{sides}; application filter ({mode}) {rule}", fr: "{sides} ; filtre d'application ({mode}) {rule}" }
    /// {mode} is include|exclude as exported, {rule} the device filter rule.
    DEVICE_FILTER_CONFIGURED { en: "{mode} devices where {rule}", fr: "appareils filtrés ({mode}) par la règle {rule}" }
    WORKLOAD_IDENTITIES { en: "(none: the policy targets workload identities)", fr: "(aucun : la stratégie cible des identités de charge de travail)" }
    /// {id} is the legacy all-zero location id.
    MFA_TRUSTED_IPS_NAME { en: "{id} (MFA trusted IPs)", fr: "{id} (adresses IP approuvées MFA)" }
    /// {name} is the quoted location name, {ranges} its CIDR ranges.
    IP_LOCATION_TRUSTED { en: "{name} ({ranges}; trusted)", fr: "{name} ({ranges} ; approuvé)" }
    /// {list} is "US, GB, PT".
    COUNTRIES { en: "countries {list}", fr: "pays {list}" }
    UNKNOWN_COUNTRIES_INCLUDED { en: "unknown countries included", fr: "pays inconnus inclus" }
    BY_AUTHENTICATOR_GPS { en: "by Authenticator GPS", fr: "selon le GPS de Microsoft Authenticator" }

    // ---- Deciding a condition ------------------------------------------------------------

    /// {reason} says which exclusion the sign-in falls in.
    EXCLUDED { en: "excluded: {reason}", fr: "exclusion : {reason}" }
    NOT_INCLUDED { en: "not included: {reason}", fr: "non inclus : {reason}" }
    EXCLUSION_UNDECIDED { en: "included, but the exclusion cannot be decided: {reason}", fr: "inclus, mais l'exclusion ne peut pas être tranchée : {reason}" }
    /// {key} is `includeUsers`, `excludeApplications`…
    KEY_IS_ALL { en: "{key} is All", fr: "{key} vaut All" }
    /// {field} is a log field name: `ipAddress`, `deviceDetail.isCompliant`…
    LOG_HAS_NO { en: "the log has no {field}", fr: "le journal n'a pas de champ {field}" }
    /// {field} is a log field, {value} its quoted value.
    UNKNOWN_VALUE { en: "{field} {value} is not one this tool knows", fr: "{field} {value} n'est pas une valeur connue de cet outil" }

    // ---- Users ------------------------------------------------------------------------------

    /// Stands for the user when the log has no userPrincipalName.
    THE_USER { en: "the user", fr: "l'utilisateur" }
    TARGETS_SERVICE_PRINCIPALS { en: "the policy targets service principals (clientApplications), not user sign-ins", fr: "la stratégie cible des principaux de service (clientApplications), pas des connexions d'utilisateurs" }
    NO_USERS_CONDITION { en: "the exported policy has no users condition", fr: "la stratégie exportée n'a pas de condition « Utilisateurs »" }
    /// {who} is the UPN.
    WHETHER_GUEST_LEGACY { en: "whether {who} is a guest or external user (legacy GuestsOrExternalUsers)", fr: "on ne sait pas si {who} est un invité ou un utilisateur externe (ancienne valeur GuestsOrExternalUsers)" }
    /// {key} is includeUsers or excludeUsers.
    USER_ID_LISTED { en: "userId {id} is listed in {key}", fr: "le userId {id} figure dans {key}" }
    WHETHER_USER_IS { en: "whether {who} is user {id}: the log has no userId", fr: "on ne sait pas si {who} est l'utilisateur {id} (le journal n'a pas de champ userId)" }
    /// {ids} is "[id1, id2]".
    WHETHER_MEMBER_OF_GROUPS { en: "whether {who} is a member of group(s) {ids} (the sign-in log does not record it)", fr: "on ne sait pas si {who} est membre du ou des groupes {ids} (le journal de connexion ne l'enregistre pas)" }
    WHETHER_HOLDS_ROLES { en: "whether {who} holds directory role(s) {ids} (the sign-in log does not record it)", fr: "on ne sait pas si {who} détient le ou les rôles d'annuaire {ids} (le journal de connexion ne l'enregistre pas)" }
    WHETHER_MEMBER_OF_EXCLUDED_GROUPS { en: "whether {who} is a member of excluded group(s) {ids} (the sign-in log does not record it)", fr: "on ne sait pas si {who} est membre du ou des groupes exclus {ids} (le journal de connexion ne l'enregistre pas)" }
    WHETHER_HOLDS_EXCLUDED_ROLES { en: "whether {who} holds excluded directory role(s) {ids} (the sign-in log does not record it)", fr: "on ne sait pas si {who} détient le ou les rôles d'annuaire exclus {ids} (le journal de connexion ne l'enregistre pas)" }
    /// {kinds} is "[b2bCollaborationGuest, …]", {user_type} the log's userType (or NOT_IN_LOG_VALUE).
    WHETHER_GUEST_KIND { en: "whether {who} is one of the guest or external user kinds {kinds} (userType = {user_type})", fr: "on ne sait pas si {who} fait partie des types d'invités ou d'utilisateurs externes {kinds} (userType = {user_type})" }
    /// Stands for a log value that is absent ("userType = not in the log").
    NOT_IN_LOG_VALUE { en: "not in the log", fr: "absent du journal" }
    NOT_AMONG_INCLUDED_USERS { en: "{who} is not among the included users", fr: "{who} ne fait pas partie des utilisateurs inclus" }

    // ---- Target resources ---------------------------------------------------------------------

    NO_APPLICATIONS_CONDITION { en: "the exported policy has no applications condition", fr: "la stratégie exportée n'a pas de condition « Ressources cibles »" }
    NO_APP_ID { en: "the log has no appId or resourceId", fr: "le journal n'a ni appId ni resourceId" }
    /// {field} appId or resourceId, {id} its value, {label} the service's name, {group}
    /// "Office 365" or "Microsoft Admin Portals".
    IN_APP_GROUP { en: "{field} {id} ({label}) is in the {group} app group", fr: "{field} {id} ({label}) fait partie du groupe d'applications {group}" }
    /// {shown} is "appId …, resourceId …".
    WHETHER_IN_APP_GROUP { en: "whether {shown} belongs to Microsoft's {group} app group (only its core services are known here)", fr: "on ne sait pas si {shown} fait partie du groupe d'applications {group} de Microsoft (seuls ses services principaux sont connus ici)" }
    /// {app} is the id the policy lists.
    WHETHER_APP_IS { en: "whether the app is {app}: {shown}", fr: "on ne sait pas si l'application est {app} ({shown})" }
    APP_LISTED { en: "{field} {id} is listed", fr: "{field} {id} figure dans la liste" }
    WHETHER_USER_ACTION { en: "whether the sign-in was the user action {actions} (the log does not say)", fr: "on ne sait pas si la connexion était l'action utilisateur {actions} (le journal ne le dit pas)" }
    WHETHER_AUTH_CONTEXT { en: "whether the app asked for authentication context {contexts}", fr: "on ne sait pas si l'application a demandé le contexte d'authentification {contexts}" }
    APP_FILTER_NEEDS_ATTRIBUTES { en: "the application filter {rule} needs the app's custom security attributes", fr: "le filtre d'application {rule} nécessite les attributs de sécurité personnalisés de l'application" }
    NOT_AMONG_INCLUDED_APPS { en: "{shown} is not among the included apps", fr: "{shown} ne fait pas partie des ressources cibles incluses" }

    // ---- Client apps and platforms ---------------------------------------------------------

    /// {used} is the quoted clientAppUsed.
    CLIENT_APP_UNKNOWN { en: "clientAppUsed {used} is not a client app type this tool knows", fr: "clientAppUsed {used} n'est pas un type d'application cliente connu de cet outil" }
    /// {kind} is the policy's client app type: other, browser…
    CLIENT_APP_TARGETED { en: "clientAppUsed {used} is {kind}, which the policy targets", fr: "clientAppUsed {used} est du type {kind}, que la stratégie cible" }
    CLIENT_APP_NOT_TARGETED { en: "clientAppUsed {used} is {kind}, which the policy does not target", fr: "clientAppUsed {used} est du type {kind}, que la stratégie ne cible pas" }
    /// {os} is the quoted operatingSystem.
    PLATFORM_UNKNOWN { en: "operatingSystem {os} is not a platform this tool knows", fr: "operatingSystem {os} n'est pas une plateforme connue de cet outil" }
    /// {platform} is the policy's platform: windows, iOS…
    PLATFORM_IS { en: "operatingSystem {os} is {platform}", fr: "operatingSystem {os} correspond à {platform}" }
    /// {fact} is PLATFORM_IS or why the platform is unknown.
    ALL_PLATFORMS { en: "all platforms ({fact})", fr: "toutes les plateformes ({fact})" }

    // ---- Locations ---------------------------------------------------------------------------

    LOG_NETWORK_EMPTY { en: "the log's networkLocationDetails is empty: no named location matched at the time", fr: "le champ networkLocationDetails du journal est vide (aucun emplacement nommé ne correspondait au moment de la connexion)" }
    /// {details} is the log's networkLocationDetails, as logged.
    LOG_NETWORK { en: "the log's networkLocationDetails: {details}", fr: "networkLocationDetails du journal : {details}" }
    /// {ip} is the ipAddress as logged.
    NOT_AN_IP { en: "ipAddress {ip} is not an IP address", fr: "ipAddress {ip} n'est pas une adresse IP" }
    /// {name} is the quoted location name, {range} the range that holds {ip}.
    IP_INSIDE { en: "{ip} is inside {name} ({range})", fr: "{ip} est dans {name} ({range})" }
    /// {location} is the location with its ranges.
    IP_OUTSIDE { en: "{ip} is outside {location}", fr: "{ip} est hors de {location}" }
    GPS_NOT_IN_LOG { en: "{name} locates users by Authenticator GPS, which the log does not hold", fr: "{name} localise les utilisateurs par le GPS de Microsoft Authenticator, que le journal ne contient pas" }
    NO_COUNTRY { en: "the log has no country", fr: "le journal n'indique pas de pays" }
    UNKNOWN_COUNTRY_INCLUDED { en: "the country is unknown, and {name} includes unknown countries", fr: "le pays est inconnu, et {name} inclut les pays inconnus" }
    UNKNOWN_COUNTRY_NOT_INCLUDED { en: "the country is unknown, and {name} does not include unknown countries", fr: "le pays est inconnu, et {name} n'inclut pas les pays inconnus" }
    COUNTRY_IN { en: "country {country} is in {name}", fr: "le pays {country} figure dans {name}" }
    COUNTRY_OUTSIDE { en: "country {country} is outside {location}", fr: "le pays {country} est hors de {location}" }
    /// {kind} is the named location's Graph type (compliantNetworkNamedLocation…).
    LOCATION_KIND_NOT_EVALUATED { en: "{name} is a {kind}, which this tool does not evaluate", fr: "{name} est de type {kind}, que cet outil n'évalue pas" }
    ANY_LOCATION { en: "any location (All)", fr: "tous les emplacements (All)" }
    MFA_TRUSTED_IPS_NOT_EXPORTED { en: "the MFA trusted IPs live in the legacy MFA service settings, which are not exported", fr: "les adresses IP approuvées MFA se trouvent dans les anciens paramètres du service MFA, qui ne sont pas exportés" }
    LOG_SAYS_TRUSTED { en: "the log marks the network as trusted", fr: "le journal indique un réseau approuvé" }
    LOG_NAMES_NO_TRUSTED { en: "the log's networkLocationDetails name no trusted location", fr: "le champ networkLocationDetails du journal ne nomme aucun emplacement approuvé" }
    WHICH_TRUSTED { en: "which locations are trusted: pass --named-locations (the log has no networkLocationDetails either)", fr: "on ne sait pas quels emplacements sont approuvés : ajoutez --named-locations (le journal n'a pas non plus de champ networkLocationDetails)" }
    /// {reason} is IP_INSIDE.
    A_TRUSTED_LOCATION { en: "{reason}, a trusted location", fr: "{reason}, un emplacement approuvé" }
    /// {locations} lists the trusted locations with their ranges.
    OUTSIDE_TRUSTED { en: "{ip} is outside every trusted location ({locations}); MFA trusted IPs are not exported", fr: "{ip} est hors de tous les emplacements approuvés ({locations}) ; les adresses IP approuvées MFA ne sont pas exportées" }
    /// Stands for the IP when the log has none.
    THE_IP { en: "the IP", fr: "l'adresse IP" }
    NONE_TRUSTED { en: "none is marked trusted", fr: "aucun n'est marqué comme approuvé" }
    LOCATION_NOT_EXPORTED { en: "named location {id} is not in the named-locations export", fr: "l'emplacement nommé {id} n'est pas dans l'export des emplacements nommés" }
    LOCATION_UNRESOLVED { en: "named location {id}: pass --named-locations to resolve it", fr: "emplacement nommé {id} non résolu (ajoutez --named-locations)" }
    OUTSIDE_INCLUDED_LOCATIONS { en: "outside the included locations", fr: "hors des emplacements inclus" }
    /// {reason} is why the location matched, {exclusion} why its exclusion did not.
    AND_EXCLUSION { en: "{reason}, and {exclusion}", fr: "{reason}, et {exclusion}" }

    // ---- Risk ---------------------------------------------------------------------------------

    USER_RISK_NOT_IN_LOG { en: "the user's risk level at the time is not in the sign-in log (see Identity Protection's risky users)", fr: "le niveau de risque utilisateur au moment de la connexion n'est pas dans le journal de connexion (voir les utilisateurs à risque dans Microsoft Entra ID Protection)" }
    SP_RISK_NOT_IN_LOG { en: "service principal risk is not in a user sign-in log", fr: "le risque du principal de service n'apparaît pas dans le journal de connexion d'un utilisateur" }
    INSIDER_RISK_NOT_IN_LOG { en: "insider risk (Purview Adaptive Protection) is not in the sign-in log", fr: "le risque interne (Purview Adaptive Protection) n'est pas dans le journal de connexion" }
    RISK_HIDDEN { en: "riskLevelDuringSignIn is hidden (the export was made without Entra ID P2)", fr: "riskLevelDuringSignIn vaut hidden (export réalisé sans licence Microsoft Entra ID P2)" }
    RISK_UNKNOWN_FUTURE { en: "riskLevelDuringSignIn is unknownFutureValue", fr: "riskLevelDuringSignIn vaut unknownFutureValue" }
    /// {level} is the logged riskLevelDuringSignIn.
    RISK_TARGETED { en: "riskLevelDuringSignIn {level} is a targeted level", fr: "riskLevelDuringSignIn {level} est un niveau ciblé" }
    RISK_NOT_TARGETED { en: "riskLevelDuringSignIn {level} is not a targeted level", fr: "riskLevelDuringSignIn {level} n'est pas un niveau ciblé" }

    // ---- Authentication flows -------------------------------------------------------------

    /// {fact} is "originalTransferMethod = deviceCodeFlow".
    FLOW_TARGETED { en: "{fact}, a targeted flow", fr: "{fact}, un flux ciblé" }
    FLOW_NOT_TARGETED { en: "{fact}, not a targeted flow", fr: "{fact}, un flux non ciblé" }

    // ---- Device filter --------------------------------------------------------------------

    /// {attr} is the filter's device attribute.
    DEVICE_ATTRIBUTE_NOT_IN_LOG { en: "device.{attr} is not in the sign-in log (only isCompliant, trustType, deviceId and displayName are)", fr: "device.{attr} n'est pas dans le journal de connexion (seuls isCompliant, trustType, deviceId et displayName y sont)" }
    /// {clause} is the quoted clause of the rule.
    CANNOT_READ_CLAUSE { en: "cannot read the clause {clause}", fr: "impossible de lire la clause {clause}" }
    CANNOT_READ_VALUE { en: "cannot read the value in {clause}", fr: "impossible de lire la valeur dans {clause}" }
    OPERATOR_NOT_EVALUATED { en: "the operator {op} is not one replay evaluates", fr: "l'opérateur {op} n'est pas évalué par le rejeu" }
    /// {rule} is the quoted rule.
    RULE_TOO_COMPLEX { en: "the rule {rule} is beyond what replay evaluates with certainty", fr: "la règle {rule} dépasse ce que le rejeu évalue avec certitude" }
    RULE_MIXES { en: "the rule {rule} mixes -and and -or", fr: "la règle {rule} mélange -and et -or" }
    /// {facts} is the device as logged: "deviceId …, isCompliant false".
    DEVICE_MATCHES { en: "the device matches the rule: {facts}", fr: "l'appareil correspond à la règle : {facts}" }
    DEVICE_DOES_NOT_MATCH { en: "the device does not match the rule: {facts}", fr: "l'appareil ne correspond pas à la règle : {facts}" }
    UNREGISTERED { en: "unregistered: deviceId is empty", fr: "non inscrit (deviceId vide)" }

    // ---- Grants ---------------------------------------------------------------------------

    SESSION_CONTROLS_ONLY { en: "no grant controls (session controls only)", fr: "aucun contrôle d'octroi (contrôles de session uniquement)" }
    NO_GRANT_CONTROLS { en: "no grant controls", fr: "aucun contrôle d'octroi" }
    /// {name} is the quoted authentication strength.
    AUTH_STRENGTH { en: "authentication strength {name}", fr: "force d'authentification {name}" }
    UNNAMED { en: "(unnamed)", fr: "(sans nom)" }
    /// {id} is the terms of use id.
    TERMS_OF_USE { en: "terms of use {id}", fr: "conditions d'utilisation {id}" }
    /// {name} is the quoted custom control.
    CUSTOM_CONTROL { en: "custom control {name}", fr: "contrôle personnalisé {name}" }

    // ---- A policy's state and history -------------------------------------------------------

    STATE_REPORT_ONLY { en: "report-only", fr: "en mode rapport seul" }
    STATE_UNKNOWN { en: "of unknown state", fr: "dans un état inconnu" }
    /// {state} is the exported state: enabled, disabled.
    STATE { en: "{state}", fr: "à l'état {state}" }
    NO_MODIFIED_DATE { en: "the export does not say when it was last modified", fr: "l'export n'indique pas la date de dernière modification" }
    /// {time} is "2026-11-03 10:22 UTC".
    CHANGED_AFTER { en: "the policy may have changed since (modified {time}, after this sign-in)", fr: "la stratégie a pu changer depuis (modifiée le {time}, après cette connexion)" }
    UNCHANGED_SINCE { en: "yet the policy was last modified {time}, before this sign-in: check its named locations and groups, which can change without the policy changing", fr: "pourtant la stratégie a été modifiée pour la dernière fois le {time}, avant cette connexion : vérifiez ses emplacements nommés et ses groupes, qui peuvent changer sans que la stratégie change" }
    CHANGED_MAYBE { en: "the policy may have changed since (modified {time})", fr: "la stratégie a pu changer depuis (modifiée le {time})" }

    // ---- The replay against the log ------------------------------------------------------

    /// {condition} is a COND_* name, {reason} why it is not met.
    CONDITION_NOT_MET { en: "its {condition} condition is not met ({reason})", fr: "sa condition {condition} n'est pas remplie ({reason})" }
    NO_POLICY_LIST { en: "the log carries no Conditional Access policy list to compare with", fr: "le journal ne contient pas de liste de stratégies d'accès conditionnel à comparer" }
    /// {date} is "2026-11-03". Starts with a space: it follows the grant.
    CREATED_AFTER { en: " (created {date}, after this sign-in)", fr: " (créée le {date}, après cette connexion)" }
    /// {name} is the quoted policy, {grant} its grant, {created} CREATED_AFTER or nothing,
    /// {changed} CHANGED_AFTER and the like.
    NOT_LISTED_WOULD_APPLY { en: "the log does not list {name}, but the exported policy would apply now ({grant}){created}; {changed}", fr: "le journal ne cite pas {name}, mais la stratégie exportée s'appliquerait maintenant ({grant}){created} ; {changed}" }
    /// {name} is the quoted policy, {result} the log's result: failure, notApplied…
    LOG_SAYS { en: "the log says {name} {result}", fr: "selon le journal, {name} a le résultat {result}" }
    /// {says} is LOG_SAYS, {change} BLOCK_NOW_* .
    BUT_CHANGE { en: "{says}, but {change}; {changed}", fr: "{says}, mais {change} ; {changed}" }
    /// {state} is STATE_REPORT_ONLY or STATE.
    NO_LONGER_BLOCK { en: "{says}, but the exported policy is {state} now: it would no longer block; {changed}", fr: "{says}, mais la stratégie exportée est maintenant {state} : elle ne bloquerait plus ; {changed}" }
    NO_LONGER_APPLY { en: "{says}, but the exported policy is {state} now: it would no longer apply; {changed}", fr: "{says}, mais la stratégie exportée est maintenant {state} : elle ne s'appliquerait plus ; {changed}" }
    /// {failing} lists CONDITION_NOT_MET.
    WOULD_NOT_APPLY { en: "{says}, but the exported policy would not apply: {failing}; {changed}", fr: "{says}, mais la stratégie exportée ne s'appliquerait pas : {failing} ; {changed}" }
    /// {missing} lists MISSING_CONDITION.
    CANNOT_CONFIRM { en: "{says}; the replay cannot confirm it without: {missing}", fr: "{says} ; le rejeu ne peut pas le confirmer, faute d'informations sur {missing}" }
    /// {condition} is a COND_* name, {reason} the fact the log lacks.
    MISSING_CONDITION { en: "{condition}: {reason}", fr: "{condition} : {reason}" }
    WOULD_ENFORCE { en: "{says} (report-only at the time), but the exported policy is enabled now: it would enforce {grant}; {changed}", fr: "{says} (en mode rapport seul à ce moment-là), mais la stratégie exportée est maintenant activée : elle imposerait {grant} ; {changed}" }
    ENABLED_WOULD_APPLY { en: "{says} (off at the time), but the exported policy is enabled now and would apply ({grant}); {changed}", fr: "{says} (désactivée à ce moment-là), mais la stratégie exportée est maintenant activée et s'appliquerait ({grant}) ; {changed}" }
    WOULD_APPLY_NOW { en: "{says}, but the exported policy would apply now ({grant}); {changed}", fr: "{says}, mais la stratégie exportée s'appliquerait maintenant ({grant}) ; {changed}" }
    /// {grant} is the exported policy's grant.
    BLOCK_REMOVED { en: "the log's grant was Block and the exported policy's is {grant}", fr: "le contrôle d'octroi du journal était Block, celui de la stratégie exportée est {grant}" }
    /// {grants} are the log's grant controls.
    BLOCK_ADDED { en: "the log's grant was {grants} and the exported policy blocks now", fr: "le contrôle d'octroi du journal était {grants}, et la stratégie exportée bloque maintenant" }
    /// {id} is the log's policy id, {exported} the export's.
    MATCHED_BY_NAME { en: "matched by display name: the log's policy id {id} differs from the exported {exported} (deleted and re-created?)", fr: "rapprochée par nom d'affichage : l'ID de stratégie {id} du journal diffère de l'ID exporté {exported} (supprimée puis recréée ?)" }
    /// {name} is the quoted policy, {file} the policies file.
    NOT_IN_EXPORT_NOTE { en: "{name} is not in {file}: deleted or renamed since, or the export is incomplete (all pages?)", fr: "{name} n'est pas dans {file} : supprimée ou renommée depuis, ou export incomplet (toutes les pages ?)" }

    // ---- One policy in a line (the explain and HTML views) --------------------------------

    /// {state} is STATE_*, {modified} MODIFIED or nothing, {verdict} the replay verdict
    /// (applies, does not apply, cannot tell), {grant} the grant.
    NOW { en: "exported policy {state}{modified}: {verdict} (grant: {grant})", fr: "stratégie exportée {state}{modified} : {verdict} (octroi : {grant})" }
    /// {time} is the export's modifiedDateTime.
    MODIFIED { en: ", modified {time}", fr: ", modifiée le {time}" }
    NOT_IN_EXPORT { en: "not in the export", fr: "absente de l'export" }
    /// {result} is the log's result for the policy.
    LOG_RESULT { en: "log result {result}", fr: "résultat dans le journal : {result}" }
    NOT_IN_LOG { en: "not in the log", fr: "absente du journal" }

    // ---- Evidence lines (they start with EVIDENCE_PREFIX: the views hide them when they
    // show the replay itself) ---------------------------------------------------------------

    EVIDENCE_PREFIX { en: "replay", fr: "rejeu" }

    /// {note} says why the logged policy is not exported.
    EVIDENCE_NOTE { en: "replay: {note}", fr: "rejeu : {note}" }
    /// {name} is the quoted policy, {state} STATE_*, {modified} EVIDENCE_MODIFIED or
    /// nothing, {conditions} one of CONDITIONS_*.
    EVIDENCE_POLICY { en: "replay: exported policy {name} is {state} now{modified}; its conditions {conditions} (grant: {grant})", fr: "rejeu : la stratégie exportée {name} est maintenant {state}{modified} ; ses conditions {conditions} (octroi : {grant})" }
    /// Starts with a space.
    EVIDENCE_MODIFIED { en: " (modified {time})", fr: " (modifiée le {time})" }
    CONDITIONS_ALL_MATCH { en: "all match this sign-in", fr: "correspondent toutes à cette connexion" }
    CONDITIONS_DO_NOT_MATCH { en: "do not match this sign-in", fr: "ne correspondent pas à cette connexion" }
    CONDITIONS_UNCHECKED { en: "cannot all be checked from the log", fr: "ne peuvent pas toutes être vérifiées à partir du journal" }
    /// {condition} is the policy's key (users, locations…), {configured} its values,
    /// {verdict} matched / not matched…
    EVIDENCE_CONDITION { en: "replay: {name} {condition}: {configured} => {verdict}", fr: "rejeu : {name} {condition} : {configured} => {verdict}" }
    EVIDENCE_CONDITION_WHY { en: "replay: {name} {condition}: {configured} => {verdict}: {reason}", fr: "rejeu : {name} {condition} : {configured} => {verdict} ({reason})" }
    EVIDENCE_DISAGREES { en: "replay disagrees with the log: {note}", fr: "rejeu en désaccord avec le journal : {note}" }

    // ---- Loading the export (load/policies.rs) ----------------------------------------------

    /// A warning in the report; {file} is the policies file.
    ONE_PAGE_OF_SEVERAL { en: "{file} is one page of several (@odata.nextLink): policies on the other pages are not replayed; export them all (az rest follows no links: use Invoke-MgGraphRequest -All, or concatenate the pages' value lists)", fr: "{file} n'est qu'une page parmi plusieurs (@odata.nextLink) : les stratégies des autres pages ne sont pas rejouées ; exportez-les toutes (az rest ne suit pas les liens : utilisez Invoke-MgGraphRequest -All, ou concaténez les listes value des pages)" }
}
