//! The catalogue of Entra sign-in error codes, as data: what each code means, what kind of
//! outcome it is, what the user can do now and what the admin should check. Lets `explain`
//! say what a sign-in that is not a 53003 was. Grounded in Microsoft's error table and
//! Conditional Access guidance (reference §11 and §12); says so where Microsoft's own
//! documentation is thin, and never suggests weakening a policy as the first step.

use std::sync::OnceLock;

use crate::i18n::{self, Lang, Tr};

/// What kind of outcome an error code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// 0: the sign-in succeeded.
    Success,
    /// Conditional Access blocked the sign-in outright (53003 and its relatives).
    ConditionalAccessBlock,
    /// Conditional Access asked for something the sign-in did not have (a compliant or
    /// joined device, an approved app, ...): the user can usually satisfy it.
    ConditionalAccessRequirement,
    /// Multifactor authentication or security-info registration was required or failed.
    Mfa,
    /// Identity Protection risk blocked or demanded remediation.
    Risk,
    /// Wrong or expired credentials.
    Credentials,
    /// Not Conditional Access: security defaults, cross-tenant access settings, device authentication, ...
    Other,
    /// A harmless interrupt (keep me signed in, "are you sure") or a session that simply expired.
    Benign,
}

/// One error code and the advice that goes with it, in every language: a catalogue entry.
#[derive(Debug)]
pub(crate) struct Code {
    pub code: i64,
    /// Microsoft's short name, e.g. "BlockedByConditionalAccess"; "" where none is documented.
    pub name: &'static str,
    pub kind: Kind,
    /// One plain sentence: what the code means.
    pub meaning: Tr,
    /// What the user can do now.
    pub user: Tr,
    /// What the admin should check.
    pub admin: Tr,
}

/// One code in this run's language: what [`lookup`] returns, so callers read the texts as
/// plain strings (`c.meaning`) whatever the language.
#[derive(Debug)]
pub(crate) struct Entry {
    pub code: i64,
    /// Microsoft's short name; "" where none is documented. The same in every language.
    pub name: &'static str,
    pub kind: Kind,
    /// One plain sentence: what the code means.
    pub meaning: &'static str,
    /// What the user can do now.
    pub user: &'static str,
    /// What the admin should check.
    pub admin: &'static str,
}

impl Code {
    fn in_lang(&self, lang: Lang) -> Entry {
        Entry {
            code: self.code,
            name: self.name,
            kind: self.kind,
            meaning: self.meaning.get_in(lang),
            user: self.user.get_in(lang),
            admin: self.admin.get_in(lang),
        }
    }
}

/// Every code the catalogue knows, sorted by code (looked up by binary search; tested).
/// Where the reference tags a meaning as less than certain ([M]: one writeup or
/// third-party mappings only), the admin text says to confirm it with the record's
/// failure reason.
const CODES: &[Code] = &[
    Code {
        code: 0,
        name: "",
        kind: Kind::Success,
        meaning: Tr {
            en: "The sign-in succeeded.",
            fr: "La connexion a réussi.",
        },
        user: Tr {
            en: "Nothing to do: you were signed in.",
            fr: "Rien à faire : votre connexion a réussi.",
        },
        admin: Tr {
            en: "Nothing to check for this sign-in. If the user still cannot get in, look for a \
                 later failed sign-in with the same correlation ID.",
            fr: "Rien à vérifier pour cette connexion. Si l'utilisateur ne parvient toujours pas \
                 à se connecter, cherchez une connexion ultérieure en échec avec le même ID de \
                 corrélation.",
        },
    },
    Code {
        code: 50005,
        name: "DevicePolicyError",
        // Closest kind: a Conditional Access policy needed to assess the device and could
        // not; a supported device satisfies it.
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "The user signed in from a device platform that Conditional Access does not \
                 currently support.",
            fr: "L'utilisateur s'est connecté depuis une plateforme d'appareil que l'accès \
                 conditionnel ne prend pas en charge actuellement.",
        },
        user: Tr {
            en: "Sign in from a supported device, such as your work computer or phone, and tell \
                 IT which device you were using.",
            fr: "Connectez-vous depuis un appareil pris en charge, comme votre ordinateur ou \
                 votre téléphone professionnel, et indiquez au service informatique quel appareil \
                 vous utilisiez.",
        },
        admin: Tr {
            en: "A Conditional Access policy needed to evaluate the device, but the sign-in came \
                 from a platform it cannot assess. Check the device platform in the sign-in and \
                 which policy applied, and tell the user which devices are supported; do not \
                 exclude the platform from the policy.",
            fr: "Une stratégie d'accès conditionnel devait évaluer l'appareil, mais la connexion \
                 provenait d'une plateforme que la stratégie ne sait pas évaluer. Vérifiez la \
                 plateforme d'appareil indiquée dans la connexion et la stratégie appliquée, et \
                 indiquez à l'utilisateur quels appareils sont pris en charge ; n'excluez pas la \
                 plateforme de la stratégie.",
        },
    },
    Code {
        code: 50074,
        name: "UserStrongAuthClientAuthNRequiredInterrupt",
        kind: Kind::Mfa,
        meaning: Tr {
            en: "Multifactor authentication was required and the user did not complete it.",
            fr: "L'authentification multifacteur était requise et l'utilisateur ne l'a pas \
                 effectuée.",
        },
        user: Tr {
            en: "Sign in again and complete the multifactor prompt (approve the Authenticator \
                 notification or enter the code). If you no longer have your sign-in method, ask \
                 IT to help you register a new one.",
            fr: "Reconnectez-vous et répondez à la demande d'authentification multifacteur \
                 (approuvez la notification Authenticator ou saisissez le code). Si vous n'avez \
                 plus votre méthode de connexion, demandez au service informatique de vous aider \
                 à en inscrire une nouvelle.",
        },
        admin: Tr {
            en: "Expected when a user abandons the multifactor prompt: look at the user's next \
                 sign-ins. If it repeats, check the authentication details for the method that \
                 failed. Many unanswered prompts the user did not start can mean someone else has \
                 the password: check the IP addresses and reset the password if so.",
            fr: "Comportement attendu quand un utilisateur abandonne la demande \
                 d'authentification multifacteur : regardez les connexions suivantes de \
                 l'utilisateur. Si cela se répète, vérifiez dans les détails d'authentification \
                 la méthode qui a échoué. De nombreuses demandes sans réponse que l'utilisateur \
                 n'a pas déclenchées peuvent signifier que quelqu'un d'autre connaît le mot de \
                 passe : vérifiez les adresses IP et, le cas échéant, réinitialisez le mot de \
                 passe.",
        },
    },
    Code {
        code: 50076,
        name: "UserStrongAuthClientAuthNRequired",
        kind: Kind::Mfa,
        meaning: Tr {
            en: "Multifactor authentication is required for this resource (by a Conditional \
                 Access policy, per-user MFA or a move to a new location) and the request did not \
                 include it.",
            fr: "L'authentification multifacteur est requise pour cette ressource (par une \
                 stratégie d'accès conditionnel, la MFA par utilisateur ou un changement \
                 d'emplacement) et la demande ne l'incluait pas.",
        },
        user: Tr {
            en: "Sign in again interactively and complete the multifactor prompt. If an app keeps \
                 failing without showing a prompt, sign out of it and sign back in.",
            fr: "Reconnectez-vous de façon interactive et répondez à la demande \
                 d'authentification multifacteur. Si une application continue d'échouer sans \
                 afficher de demande, déconnectez-vous de l'application puis reconnectez-vous.",
        },
        admin: Tr {
            en: "Usually expected: the client has to retry interactively so the user can complete \
                 MFA. Check what asked for MFA (the Conditional Access tab, or per-user MFA) and, \
                 if a script or background client keeps failing, whether it can show a prompt at \
                 all.",
            fr: "En général, c'est attendu : le client doit réessayer de façon interactive pour \
                 que l'utilisateur puisse effectuer la MFA. Vérifiez ce qui a exigé la MFA \
                 (l'onglet Accès conditionnel, ou la MFA par utilisateur) et, si un script ou un \
                 client en arrière-plan échoue sans cesse, s'il est seulement capable d'afficher \
                 une demande.",
        },
    },
    Code {
        code: 50079,
        name: "UserStrongAuthEnrollmentRequired",
        kind: Kind::Mfa,
        meaning: Tr {
            en: "The user must register security info for multifactor authentication before \
                 signing in (for a federated user, the identity provider must supply the MFA \
                 claim).",
            fr: "L'utilisateur doit inscrire des informations de sécurité pour l'authentification \
                 multifacteur avant de se connecter (pour un utilisateur fédéré, le fournisseur \
                 d'identité doit fournir la revendication MFA).",
        },
        user: Tr {
            en: "Follow the prompts to register a sign-in method, such as the Microsoft \
                 Authenticator app, then sign in again. If registration is refused, ask IT.",
            fr: "Suivez les instructions pour inscrire une méthode de connexion, comme \
                 l'application Microsoft Authenticator, puis reconnectez-vous. Si l'inscription \
                 est refusée, contactez le service informatique.",
        },
        admin: Tr {
            en: "The user has no usable multifactor method. Check the user's registered \
                 authentication methods, and issue a Temporary Access Pass if they cannot \
                 register on their own. For a federated user, check the identity provider sends \
                 the MFA claim.",
            fr: "L'utilisateur n'a aucune méthode multifacteur utilisable. Vérifiez les méthodes \
                 d'authentification inscrites de l'utilisateur et délivrez-lui un Passe d'accès \
                 temporaire s'il ne peut pas s'inscrire seul. Pour un utilisateur fédéré, \
                 vérifiez que le fournisseur d'identité envoie la revendication MFA.",
        },
    },
    Code {
        code: 50097,
        name: "DeviceAuthenticationRequired",
        kind: Kind::Other,
        meaning: Tr {
            en: "Device authentication was required and the sign-in carried no device identity \
                 matching a device in the directory; this is device authentication, not a \
                 Conditional Access block.",
            fr: "L'authentification de l'appareil était requise et la connexion ne présentait \
                 aucune identité d'appareil correspondant à un appareil de l'annuaire ; il s'agit \
                 de l'authentification de l'appareil, pas d'un blocage par l'accès conditionnel.",
        },
        user: Tr {
            en: "Sign in from your work device with Microsoft Edge signed in with your work \
                 account (not InPrivate), or Chrome with the Microsoft Single Sign On extension. \
                 If this is your work device, tell IT.",
            fr: "Connectez-vous depuis votre appareil professionnel avec Microsoft Edge connecté \
                 avec votre compte professionnel (pas en mode InPrivate), ou avec Chrome et \
                 l'extension Microsoft Single Sign On. S'il s'agit bien de votre appareil \
                 professionnel, prévenez le service informatique.",
        },
        admin: Tr {
            en: "The request had no device ID, or no device with that ID exists (the failure \
                 reason says which). Check the device is registered or joined and still present \
                 in Entra ID, and that the browser presents it. Do not trust the record's \
                 Conditional Access status alone: a 50097 can show status success next to failed \
                 policies.",
            fr: "La demande ne contenait aucun ID d'appareil, ou aucun appareil ne porte cet ID \
                 (la raison de l'échec précise lequel des deux). Vérifiez que l'appareil est \
                 inscrit ou joint et toujours présent dans Entra ID, et que le navigateur le \
                 présente. Ne vous fiez pas au seul statut d'accès conditionnel de \
                 l'enregistrement : un 50097 peut afficher le statut success à côté de stratégies \
                 en échec.",
        },
    },
    Code {
        code: 50126,
        name: "InvalidUserNameOrPassword",
        kind: Kind::Credentials,
        meaning: Tr {
            en: "The username or password was wrong.",
            fr: "Le nom d'utilisateur ou le mot de passe était incorrect.",
        },
        user: Tr {
            en: "Check the username (your full work email address) and the password, and try \
                 again. If you have forgotten the password, reset it with self-service password \
                 reset or ask IT; do not keep guessing, as repeated failures can lock the \
                 account.",
            fr: "Vérifiez le nom d'utilisateur (votre adresse e-mail professionnelle complète) et \
                 le mot de passe, puis réessayez. Si vous avez oublié le mot de passe, \
                 réinitialisez-le avec la réinitialisation de mot de passe en libre-service ou \
                 contactez le service informatique ; n'essayez pas au hasard, car des échecs \
                 répétés peuvent verrouiller le compte.",
        },
        admin: Tr {
            en: "A few of these are normal typing mistakes. Many, across several users or from \
                 unfamiliar IP addresses, suggest password spraying or guessing: check the IP \
                 addresses and the user's risk in ID Protection. An old password saved in an app \
                 or device also produces a steady stream of them.",
            fr: "Quelques-unes de ces erreurs sont de simples fautes de frappe. En grand nombre, \
                 sur plusieurs utilisateurs ou depuis des adresses IP inhabituelles, elles font \
                 penser à une pulvérisation de mots de passe ou à des tentatives au hasard : \
                 vérifiez les adresses IP et le risque de l'utilisateur dans Microsoft Entra ID \
                 Protection. Un ancien mot de passe enregistré dans une application ou un appareil \
                 en produit aussi un flux régulier.",
        },
    },
    Code {
        code: 50129,
        name: "DeviceIsNotWorkplaceJoined",
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "The sign-in needs a device registered with the organisation (workplace joined), \
                 and this device is not.",
            fr: "La connexion exige un appareil inscrit auprès de l'organisation (joint à \
                 l'espace de travail), et cet appareil ne l'est pas.",
        },
        user: Tr {
            en: "Register this device with your organisation (on Windows: Settings, Accounts, \
                 Access work or school; on a phone, the Company Portal app), or use your work \
                 device.",
            fr: "Inscrivez cet appareil auprès de votre organisation (sous Windows : Paramètres, \
                 Comptes, Accès professionnel ou scolaire ; sur un téléphone, avec l'application \
                 Portail d'entreprise), ou utilisez votre appareil professionnel.",
        },
        admin: Tr {
            en: "Check whether the device is registered in Entra ID and which policy needs a \
                 registered device. If the user cannot register it, check the device registration \
                 settings and any policy on the 'Register or join devices' user action.",
            fr: "Vérifiez si l'appareil est inscrit dans Entra ID et quelle stratégie exige un \
                 appareil inscrit. Si l'utilisateur ne peut pas l'inscrire, vérifiez les \
                 paramètres d'inscription des appareils et toute stratégie portant sur l'action \
                 utilisateur « Inscrire ou joindre des appareils ».",
        },
    },
    Code {
        code: 50131,
        name: "ConditionalAccessFailed",
        kind: Kind::ConditionalAccessBlock,
        meaning: Tr {
            en: "A Conditional Access check failed, for one of several reasons Microsoft groups \
                 under this code: a bad Windows device state, a request blocked for suspicious \
                 activity, or an access or security policy decision.",
            fr: "Une vérification d'accès conditionnel a échoué, pour l'une des raisons que \
                 Microsoft regroupe sous ce code : un état incorrect de l'appareil Windows, une \
                 demande bloquée pour activité suspecte, ou une décision d'une stratégie d'accès \
                 ou de sécurité.",
        },
        user: Tr {
            en: "Try again from your usual work device and network. If it still fails, send IT \
                 the Request ID and the time of the failed sign-in.",
            fr: "Réessayez depuis votre appareil professionnel et votre réseau habituels. Si \
                 l'échec persiste, envoyez au service informatique l'ID de la demande et l'heure \
                 de la connexion qui a échoué.",
        },
        admin: Tr {
            en: "The code alone does not say which check failed. Open the sign-in's Conditional \
                 Access tab and failure reason, or run the sign-in diagnostic (Troubleshoot \
                 Event), to see whether a policy, the device state or a suspicious-activity \
                 decision was behind it.",
            fr: "Le code seul n'indique pas quelle vérification a échoué. Ouvrez l'onglet Accès \
                 conditionnel et la raison de l'échec de la connexion, ou lancez le diagnostic de \
                 connexion (Troubleshoot Event), pour voir si une stratégie, l'état de l'appareil \
                 ou une décision liée à une activité suspecte en est la cause.",
        },
    },
    Code {
        code: 50135,
        name: "PasswordChangeCompromisedPassword",
        kind: Kind::Risk,
        meaning: Tr {
            en: "A password change is required because the account is at risk.",
            fr: "Un changement de mot de passe est requis, car le compte est à risque.",
        },
        user: Tr {
            en: "Change your password when prompted (after multifactor authentication), or ask IT \
                 to reset it. If you did not expect this, tell IT: someone else may know your \
                 password.",
            fr: "Changez votre mot de passe quand cela vous est demandé (après l'authentification \
                 multifacteur), ou demandez au service informatique de le réinitialiser. Si vous \
                 ne vous y attendiez pas, prévenez le service informatique : quelqu'un d'autre \
                 connaît peut-être votre mot de passe.",
        },
        admin: Tr {
            en: "ID Protection flagged the user and a policy requires a secure password change. \
                 Review the user in Risky users; a secure password change remediates the risk. If \
                 the user cannot change it, reset the password yourself and confirm or dismiss \
                 the risk once you have investigated.",
            fr: "Microsoft Entra ID Protection a signalé l'utilisateur et une stratégie exige un \
                 changement de mot de passe sécurisé. Examinez l'utilisateur dans Utilisateurs à \
                 risque ; un changement de mot de passe sécurisé corrige le risque. Si \
                 l'utilisateur ne peut pas le changer, réinitialisez vous-même le mot de passe, \
                 puis confirmez la compromission ou ignorez le risque une fois votre analyse \
                 terminée.",
        },
    },
    Code {
        code: 50140,
        name: "KmsiInterrupt",
        kind: Kind::Benign,
        meaning: Tr {
            en: "The sign-in paused to ask 'Stay signed in?', an expected step rather than a \
                 failure.",
            fr: "La connexion s'est interrompue pour demander « Rester connecté ? », une étape \
                 attendue et non un échec.",
        },
        user: Tr {
            en: "Nothing to do: answer the 'Stay signed in?' question and carry on.",
            fr: "Rien à faire : répondez à la question « Rester connecté ? » et continuez.",
        },
        admin: Tr {
            en: "Nothing to fix: the portal shows these as Interrupted. If the user reports a \
                 problem, look at the sign-in that followed.",
            fr: "Rien à corriger : le portail affiche ces connexions avec l'état Interrompu. Si \
                 l'utilisateur signale un problème, regardez la connexion qui a suivi.",
        },
    },
    Code {
        code: 50155,
        name: "DeviceAuthenticationFailed",
        kind: Kind::Other,
        meaning: Tr {
            en: "Device authentication failed for this user; the device itself could not be \
                 authenticated, which is not a Conditional Access decision.",
            fr: "L'authentification de l'appareil a échoué pour cet utilisateur ; l'appareil \
                 lui-même n'a pas pu être authentifié, ce qui n'est pas une décision de l'accès \
                 conditionnel.",
        },
        user: Tr {
            en: "Sign in again from your work device. If it keeps failing, tell IT the name of \
                 the device: it may need to be registered again.",
            fr: "Reconnectez-vous depuis votre appareil professionnel. Si l'échec se répète, \
                 indiquez au service informatique le nom de l'appareil : il devra peut-être être \
                 inscrit de nouveau.",
        },
        admin: Tr {
            en: "Check the device in Entra ID: is it enabled and still present, and does its \
                 registration match the one on the machine (on Windows, `dsregcmd /status`)? A \
                 disabled, deleted or stale device fails device authentication; register the \
                 device again rather than relaxing a device requirement.",
            fr: "Vérifiez l'appareil dans Entra ID : est-il activé et toujours présent, et son \
                 inscription correspond-elle à celle de la machine (sous Windows, `dsregcmd \
                 /status`) ? Un appareil désactivé, supprimé ou obsolète échoue à \
                 l'authentification de l'appareil ; inscrivez de nouveau l'appareil plutôt que \
                 d'assouplir une exigence sur l'appareil.",
        },
    },
    Code {
        code: 50158,
        name: "ExternalSecurityChallenge",
        kind: Kind::Mfa,
        meaning: Tr {
            en: "An external security challenge (a custom control or a federated identity \
                 provider's multifactor authentication) was not satisfied.",
            fr: "Une vérification de sécurité externe (un contrôle personnalisé ou \
                 l'authentification multifacteur d'un fournisseur d'identité fédéré) n'a pas été \
                 satisfaite.",
        },
        user: Tr {
            en: "Sign in again and complete the extra verification step. If it does not appear or \
                 keeps failing, tell IT.",
            fr: "Reconnectez-vous et effectuez l'étape de vérification supplémentaire. Si elle \
                 n'apparaît pas ou échoue sans cesse, prévenez le service informatique.",
        },
        admin: Tr {
            en: "Check the external provider behind the challenge (a custom control in \
                 Conditional Access, or the federated identity provider's MFA): that it is \
                 reachable and returns the claims Entra expects.",
            fr: "Vérifiez le fournisseur externe à l'origine de la vérification (un contrôle \
                 personnalisé dans l'accès conditionnel, ou la MFA du fournisseur d'identité \
                 fédéré) : qu'il est joignable et qu'il renvoie les revendications attendues par \
                 Entra.",
        },
    },
    Code {
        code: 50199,
        name: "CmsiInterrupt",
        kind: Kind::Benign,
        meaning: Tr {
            en: "The sign-in paused to confirm that the user meant to sign in to this app, a \
                 security prompt rather than a failure.",
            fr: "La connexion s'est interrompue pour confirmer que l'utilisateur voulait bien se \
                 connecter à cette application, une invite de sécurité et non un échec.",
        },
        user: Tr {
            en: "Nothing to do: confirm the prompt if you started this sign-in, and cancel it if \
                 you did not.",
            fr: "Rien à faire : confirmez l'invite si vous êtes à l'origine de cette connexion, \
                 sinon annulez-la.",
        },
        admin: Tr {
            en: "Nothing to fix. Microsoft shows this prompt when a mobile browser or system web \
                 view redirects to an app; an app that hits it on every sign-in can avoid it with \
                 an http or https redirect URI.",
            fr: "Rien à corriger. Microsoft affiche cette invite quand un navigateur mobile ou \
                 une vue web système redirige vers une application ; une application qui la \
                 rencontre à chaque connexion peut l'éviter avec un URI de redirection http ou \
                 https.",
        },
    },
    Code {
        code: 53000,
        name: "DeviceNotCompliant",
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "A Conditional Access policy requires a compliant device, and this device is not \
                 compliant (or not enrolled).",
            fr: "Une stratégie d'accès conditionnel exige un appareil conforme, et cet appareil \
                 n'est pas conforme (ou pas inscrit).",
        },
        user: Tr {
            en: "Use your work device, or enrol this one with the Company Portal app and wait \
                 until it shows as compliant. In a browser, use Microsoft Edge signed in with \
                 your work account (not InPrivate) or Chrome with the Microsoft Single Sign On \
                 extension.",
            fr: "Utilisez votre appareil professionnel, ou inscrivez celui-ci avec l'application \
                 Portail d'entreprise (Company Portal) et attendez qu'il apparaisse comme \
                 conforme. Dans un navigateur, utilisez Microsoft Edge connecté avec votre compte \
                 professionnel (pas en mode InPrivate) ou Chrome avec l'extension Microsoft \
                 Single Sign On.",
        },
        admin: Tr {
            en: "Check the device in Intune: is it enrolled, and which compliance setting fails? \
                 Check it appears in Entra ID and that the browser presents it (InPrivate counts \
                 as non-compliant; Apple devices may need the Enterprise SSO plug-in). Fix the \
                 device; do not exclude the user.",
            fr: "Vérifiez l'appareil dans Intune : est-il inscrit, et quel paramètre de \
                 conformité échoue ? Vérifiez qu'il apparaît dans Entra ID et que le navigateur \
                 le présente (une fenêtre InPrivate compte comme non conforme ; les appareils \
                 Apple peuvent nécessiter le plug-in Enterprise SSO). Corrigez l'appareil ; \
                 n'excluez pas l'utilisateur.",
        },
    },
    Code {
        code: 53001,
        name: "DeviceNotDomainJoined",
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "A Conditional Access policy requires a hybrid joined (domain-joined) device, and \
                 this device is not one.",
            fr: "Une stratégie d'accès conditionnel exige un appareil joint à Microsoft Entra \
                 hybride (joint au domaine), et cet appareil ne l'est pas.",
        },
        user: Tr {
            en: "Sign in from your company PC that is joined to the corporate domain, not from a \
                 personal device or a private browser window.",
            fr: "Connectez-vous depuis votre PC d'entreprise joint au domaine, pas depuis un \
                 appareil personnel ni une fenêtre de navigation privée.",
        },
        admin: Tr {
            en: "Check the device is Microsoft Entra hybrid joined (`dsregcmd /status`: \
                 AzureAdJoined and DomainJoined both YES) and synced by Entra Connect. Only \
                 domain-joined Windows devices can satisfy this grant, and InPrivate does not \
                 count.",
            fr: "Vérifiez que l'appareil est joint à Microsoft Entra hybride (`dsregcmd /status` \
                 : AzureAdJoined et DomainJoined tous deux à YES) et synchronisé par Entra \
                 Connect. Seuls les appareils Windows joints à un domaine peuvent satisfaire ce \
                 contrôle d'octroi, et une fenêtre InPrivate ne compte pas.",
        },
    },
    Code {
        code: 53002,
        name: "ApplicationUsedIsNotAnApprovedApp",
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "A Conditional Access policy requires an approved client app, and this app is not \
                 one.",
            fr: "Une stratégie d'accès conditionnel exige une application cliente approuvée, et \
                 cette application n'en est pas une.",
        },
        user: Tr {
            en: "Use an approved Microsoft app, such as Outlook mobile instead of the built-in \
                 mail app. On iPhone and iPad install Microsoft Authenticator; on Android install \
                 Company Portal or Microsoft Authenticator.",
            fr: "Utilisez une application Microsoft approuvée, par exemple Outlook mobile au lieu \
                 de l'application de messagerie intégrée. Sur iPhone et iPad, installez Microsoft \
                 Authenticator ; sur Android, installez Portail d'entreprise (Company Portal) ou \
                 Microsoft Authenticator.",
        },
        admin: Tr {
            en: "Check the user is on an approved app and the broker app is installed. The \
                 approved-client-app grant is being retired: move the policy to 'approved client \
                 app or app protection policy'.",
            fr: "Vérifiez que l'utilisateur se sert d'une application approuvée et que \
                 l'application broker est installée. Le contrôle d'octroi « application cliente \
                 approuvée » va être retiré : passez la stratégie à « application cliente \
                 approuvée ou stratégie de protection des applications ».",
        },
    },
    Code {
        code: 53003,
        name: "BlockedByConditionalAccess",
        kind: Kind::ConditionalAccessBlock,
        meaning: Tr {
            en: "Conditional Access policies blocked the sign-in: the access policy does not \
                 allow token issuance.",
            fr: "Des stratégies d'accès conditionnel ont bloqué la connexion : la stratégie \
                 d'accès n'autorise pas l'émission de jetons.",
        },
        user: Tr {
            en: "Send IT the Request ID and the time of the failed sign-in (the error page's More \
                 details link shows both).",
            fr: "Envoyez au service informatique l'ID de la demande et l'heure de la connexion qui \
                 a échoué (le lien « Plus de détails » de la page d'erreur affiche les deux).",
        },
        admin: Tr {
            en: "Open the sign-in's Conditional Access tab to see which policy failed and which \
                 conditions it matched, or run What If; report-only policies never block. Check \
                 the resource as well as the app: the block can come from a service the app \
                 depends on.",
            fr: "Ouvrez l'onglet Accès conditionnel de la connexion pour voir quelle stratégie a \
                 échoué et quelles conditions étaient satisfaites, ou lancez What If ; les \
                 stratégies en mode rapport seul ne bloquent jamais. Vérifiez la ressource autant \
                 que l'application : le blocage peut venir d'un service dont l'application dépend.",
        },
    },
    Code {
        code: 53004,
        name: "ProofUpBlockedDueToRisk",
        // Microsoft's table describes this as "complete MFA registration", but the name and
        // the Conditional Access guidance (§12) agree that risk blocks the registration.
        kind: Kind::Risk,
        meaning: Tr {
            en: "Registering methods for multifactor authentication was blocked because of risk \
                 on the user or the sign-in.",
            fr: "L'inscription de méthodes d'authentification multifacteur a été bloquée en \
                 raison du risque lié à l'utilisateur ou à la connexion.",
        },
        user: Tr {
            en: "You cannot set up a sign-in method right now because the sign-in looked risky. \
                 Ask IT to review it; if you did not try to sign in, tell IT straight away.",
            fr: "Vous ne pouvez pas configurer de méthode de connexion pour le moment, car la \
                 connexion a semblé risquée. Demandez au service informatique de l'examiner ; si \
                 vous n'avez pas essayé de vous connecter, prévenez immédiatement le service \
                 informatique.",
        },
        admin: Tr {
            en: "An admin has to remediate: review the user's risk and detections in ID \
                 Protection (Risky users, Risky sign-ins), then remediate or dismiss the risk \
                 once you are satisfied it was the user, and let them register their methods.",
            fr: "Un administrateur doit corriger le risque : examinez le risque et les détections \
                 de l'utilisateur dans Microsoft Entra ID Protection (Utilisateurs à risque, \
                 Connexions à risque), puis corrigez ou ignorez le risque lorsque vous avez établi \
                 qu'il s'agissait bien de l'utilisateur, et laissez-le inscrire ses méthodes.",
        },
    },
    Code {
        code: 53009,
        name: "",
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "A Conditional Access policy requires an app protection policy, and this app does \
                 not enforce Intune app protection.",
            fr: "Une stratégie d'accès conditionnel exige une stratégie de protection des \
                 applications, et cette application n'applique pas la protection des applications \
                 Intune.",
        },
        user: Tr {
            en: "Use an app your organisation protects, such as Outlook mobile for mail, signed \
                 in with your work account. On iPhone and iPad install Microsoft Authenticator; \
                 on Android install Company Portal or Microsoft Authenticator.",
            fr: "Utilisez une application protégée par votre organisation, comme Outlook mobile \
                 pour la messagerie, connectée avec votre compte professionnel. Sur iPhone et \
                 iPad, installez Microsoft Authenticator ; sur Android, installez Portail \
                 d'entreprise (Company Portal) ou Microsoft Authenticator.",
        },
        admin: Tr {
            en: "Check the app is covered by an Intune app protection policy that targets this \
                 user, and that the broker app is installed on the device.",
            fr: "Vérifiez que l'application est couverte par une stratégie de protection des \
                 applications Intune qui cible cet utilisateur, et que l'application broker est \
                 installée sur l'appareil.",
        },
    },
    Code {
        code: 53010,
        name: "ProofUpBlockedDueToSecurityInfoAcr",
        // Security-info registration, so `Mfa`, although the restriction is usually set by a
        // Conditional Access policy on the 'Register security information' user action.
        kind: Kind::Mfa,
        meaning: Tr {
            en: "The user could not register security info because the organisation allows \
                 registration only from specific locations or devices.",
            fr: "L'utilisateur n'a pas pu inscrire ses informations de sécurité, car \
                 l'organisation n'autorise l'inscription que depuis certains emplacements ou \
                 appareils.",
        },
        user: Tr {
            en: "Set up your sign-in methods from the office network or your work device, or ask \
                 IT for help.",
            fr: "Configurez vos méthodes de connexion depuis le réseau du bureau ou votre \
                 appareil professionnel, ou demandez de l'aide au service informatique.",
        },
        admin: Tr {
            en: "Registration is restricted, usually by a Conditional Access policy on the \
                 'Register security information' user action. Check which locations or devices it \
                 allows and help the user reach one; do not lift the restriction for everyone.",
            fr: "L'inscription est restreinte, en général par une stratégie d'accès conditionnel \
                 sur l'action utilisateur « Inscrire les informations de sécurité ». Vérifiez \
                 quels emplacements ou appareils elle autorise et aidez l'utilisateur à en \
                 utiliser un ; ne levez pas la restriction pour tout le monde.",
        },
    },
    Code {
        code: 53011,
        name: "",
        kind: Kind::Risk,
        meaning: Tr {
            en: "The user was blocked because their home tenant considers the account at risk (a \
                 guest or other cross-tenant sign-in).",
            fr: "L'utilisateur a été bloqué, car son locataire d'origine considère le compte \
                 comme à risque (connexion d'un invité ou autre connexion interlocataire).",
        },
        user: Tr {
            en: "Your own organisation has flagged your account as at risk. Contact your own IT \
                 (not the organisation you were signing in to) to secure your account.",
            fr: "Votre propre organisation a signalé votre compte comme à risque. Contactez votre \
                 propre service informatique (pas celui de l'organisation à laquelle vous vous \
                 connectiez) pour sécuriser votre compte.",
        },
        admin: Tr {
            en: "The risk is held in the user's home tenant, so this tenant cannot remediate it. \
                 Ask the user's home organisation to investigate and remediate; do not exclude \
                 the guest from risk policies.",
            fr: "Le risque est enregistré dans le locataire d'origine de l'utilisateur : ce \
                 locataire-ci ne peut pas le corriger. Demandez à l'organisation d'origine de \
                 l'utilisateur d'analyser et de corriger le risque ; n'excluez pas l'invité des \
                 stratégies de risque.",
        },
    },
    Code {
        code: 70043,
        name: "BadTokenDueToSignInFrequency",
        // Benign rather than a Conditional Access requirement: a sign-in frequency session
        // control did what it was set to do. No grant failed and nothing is blocked; the
        // next interactive sign-in satisfies it, and there is no failed policy to look for.
        kind: Kind::Benign,
        meaning: Tr {
            en: "The refresh token expired because a Conditional Access sign-in frequency session \
                 control requires the user to sign in again.",
            fr: "Le jeton d'actualisation a expiré, car le contrôle de session « Fréquence de \
                 connexion » d'une stratégie d'accès conditionnel exige que l'utilisateur se \
                 reconnecte.",
        },
        user: Tr {
            en: "Sign in again: your organisation requires a fresh sign-in after a set time.",
            fr: "Reconnectez-vous : votre organisation exige une nouvelle connexion au bout d'un \
                 certain temps.",
        },
        admin: Tr {
            en: "Expected: a sign-in frequency control working as configured, not a block. If \
                 users are prompted too often, review the sign-in frequency in the policy's \
                 session controls.",
            fr: "Comportement attendu : un contrôle de fréquence de connexion qui fonctionne \
                 comme configuré, pas un blocage. Si les utilisateurs doivent se reconnecter trop \
                 souvent, revoyez la fréquence de connexion dans les contrôles de session de la \
                 stratégie.",
        },
    },
    Code {
        code: 500121,
        name: "",
        kind: Kind::Mfa,
        meaning: Tr {
            en: "Authentication failed during the strong authentication request: the user denied \
                 the multifactor prompt or it timed out.",
            fr: "L'authentification a échoué pendant la demande d'authentification forte : \
                 l'utilisateur a refusé la demande multifacteur ou elle a expiré.",
        },
        user: Tr {
            en: "Sign in again and approve the prompt in time. If you get a prompt you did not \
                 expect, deny it and tell IT: someone else may have your password.",
            fr: "Reconnectez-vous et approuvez la demande à temps. Si vous recevez une demande \
                 que vous n'attendiez pas, refusez-la et prévenez le service informatique : \
                 quelqu'un d'autre a peut-être votre mot de passe.",
        },
        admin: Tr {
            en: "Usually a missed or declined prompt; check the authentication details for the \
                 method and its result. Denied prompts the user did not start mean someone else \
                 has the password: reset it and review the sign-in IP addresses. Microsoft's \
                 error table does not describe this code, so confirm with the failure reason.",
            fr: "Il s'agit en général d'une demande manquée ou refusée ; vérifiez dans les \
                 détails d'authentification la méthode et son résultat. Des demandes refusées que \
                 l'utilisateur n'a pas déclenchées signifient que quelqu'un d'autre a le mot de \
                 passe : réinitialisez-le et examinez les adresses IP des connexions. Le tableau \
                 des erreurs de Microsoft ne décrit pas ce code : confirmez avec la raison de \
                 l'échec.",
        },
    },
    Code {
        code: 500212,
        name: "NotAllowedByOutboundPolicyTenant",
        kind: Kind::Other,
        meaning: Tr {
            en: "The user's home organisation's outbound cross-tenant access settings do not \
                 allow access to the resource tenant; no Conditional Access policy is involved.",
            fr: "Les paramètres d'accès interlocataire sortants de l'organisation d'origine de \
                 l'utilisateur n'autorisent pas l'accès au locataire de ressources ; aucune \
                 stratégie d'accès conditionnel n'est en cause.",
        },
        user: Tr {
            en: "Your own organisation does not allow your account to sign in to this other \
                 organisation. Ask your IT whether access can be allowed.",
            fr: "Votre propre organisation n'autorise pas votre compte à se connecter à cette \
                 autre organisation. Demandez à votre service informatique si l'accès peut être \
                 autorisé.",
        },
        admin: Tr {
            en: "Check the outbound cross-tenant access settings (External Identities) of the \
                 user's home tenant for the resource tenant. If access is wanted, allow the \
                 users, groups or apps that need it rather than the whole tenant.",
            fr: "Vérifiez les paramètres d'accès interlocataire sortants (Identités externes) du \
                 locataire d'origine de l'utilisateur pour le locataire de ressources. Si l'accès \
                 est souhaité, autorisez les utilisateurs, groupes ou applications qui en ont \
                 besoin plutôt que tout le locataire.",
        },
    },
    Code {
        code: 500213,
        name: "NotAllowedByInboundPolicyTenant",
        kind: Kind::Other,
        meaning: Tr {
            en: "The resource tenant's inbound cross-tenant access settings do not allow this \
                 user in; no Conditional Access policy is involved.",
            fr: "Les paramètres d'accès interlocataire entrants du locataire de ressources \
                 n'autorisent pas cet utilisateur ; aucune stratégie d'accès conditionnel n'est \
                 en cause.",
        },
        user: Tr {
            en: "The organisation you are signing in to does not accept accounts from your \
                 organisation. Ask your contact there to request access for you.",
            fr: "L'organisation à laquelle vous vous connectez n'accepte pas les comptes de votre \
                 organisation. Demandez à votre contact dans cette organisation de demander un \
                 accès pour vous.",
        },
        admin: Tr {
            en: "Check the resource tenant's inbound cross-tenant access settings (External \
                 Identities) for the user's home tenant. If access is wanted, allow the users, \
                 groups or apps that need it rather than the whole tenant.",
            fr: "Vérifiez les paramètres d'accès interlocataire entrants (Identités externes) du \
                 locataire de ressources pour le locataire d'origine de l'utilisateur. Si l'accès \
                 est souhaité, autorisez les utilisateurs, groupes ou applications qui en ont \
                 besoin plutôt que tout le locataire.",
        },
    },
    Code {
        code: 530001,
        name: "",
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "Browser not supported: the browser or sign-in broker could not complete the \
                 device authentication a policy needs (the page reads 'You can't get there from \
                 here').",
            fr: "Navigateur non pris en charge : le navigateur ou le broker de connexion n'a pas \
                 pu effectuer l'authentification de l'appareil exigée par une stratégie (la page \
                 affiche « You can't get there from here » ou son équivalent traduit).",
        },
        user: Tr {
            en: "Use a browser that can present your device: Microsoft Edge signed in with your \
                 work account (not InPrivate), or Chrome with the Microsoft Single Sign On \
                 extension; or use the desktop app.",
            fr: "Utilisez un navigateur capable de présenter votre appareil : Microsoft Edge \
                 connecté avec votre compte professionnel (pas en mode InPrivate), ou Chrome avec \
                 l'extension Microsoft Single Sign On ; ou utilisez l'application de bureau.",
        },
        admin: Tr {
            en: "A device-based policy could not see the device through this browser. Check the \
                 browser, its single sign-on extension and that the device is registered; fix the \
                 client rather than the policy. Microsoft's error table does not describe this \
                 code, so confirm with the failure reason.",
            fr: "Une stratégie basée sur l'appareil n'a pas pu voir l'appareil à travers ce \
                 navigateur. Vérifiez le navigateur, son extension d'authentification unique et \
                 l'inscription de l'appareil ; corrigez le client plutôt que la stratégie. Le \
                 tableau des erreurs de Microsoft ne décrit pas ce code : confirmez avec la \
                 raison de l'échec.",
        },
    },
    Code {
        code: 530003,
        name: "",
        kind: Kind::ConditionalAccessRequirement,
        meaning: Tr {
            en: "A policy requires a managed device to access this resource, and this device is \
                 not managed.",
            fr: "Une stratégie exige un appareil géré pour accéder à cette ressource, et cet \
                 appareil n'est pas géré.",
        },
        user: Tr {
            en: "Use your work device, or enrol this one with the Company Portal app, then sign \
                 in again.",
            fr: "Utilisez votre appareil professionnel, ou inscrivez celui-ci avec l'application \
                 Portail d'entreprise (Company Portal), puis reconnectez-vous.",
        },
        admin: Tr {
            en: "Check which policy required a managed device and whether the device is enrolled \
                 in Intune (or joined) and shows as managed in Entra ID. Microsoft's error table \
                 does not describe this code, so confirm with the failure reason.",
            fr: "Vérifiez quelle stratégie exigeait un appareil géré, et si l'appareil est \
                 inscrit dans Intune (ou joint) et apparaît comme géré dans Entra ID. Le tableau \
                 des erreurs de Microsoft ne décrit pas ce code : confirmez avec la raison de \
                 l'échec.",
        },
    },
    Code {
        code: 530032,
        name: "BlockedByConditionalAccessOnSecurityPolicy",
        kind: Kind::ConditionalAccessBlock,
        meaning: Tr {
            en: "A security policy the tenant admin configured blocked the request.",
            fr: "Une stratégie de sécurité configurée par l'administrateur du locataire a bloqué \
                 la demande.",
        },
        user: Tr {
            en: "Send IT the Request ID and the time of the failed sign-in.",
            fr: "Envoyez au service informatique l'ID de la demande et l'heure de la connexion \
                 qui a échoué.",
        },
        admin: Tr {
            en: "The code does not say which policy. Check the security policies defined at \
                 tenant level and the sign-in's Conditional Access tab to see which one the \
                 request did not meet.",
            fr: "Le code n'indique pas de quelle stratégie il s'agit. Vérifiez les stratégies de \
                 sécurité définies au niveau du locataire et l'onglet Accès conditionnel de la \
                 connexion pour voir laquelle la demande ne respectait pas.",
        },
    },
    Code {
        code: 530034,
        name: "DelegatedAdminBlockedDueToSuspiciousActivity",
        kind: Kind::Risk,
        meaning: Tr {
            en: "A delegated administrator (a partner using GDAP, for example) was blocked \
                 because of account risk in their home tenant.",
            fr: "Un administrateur délégué (par exemple un partenaire utilisant GDAP) a été \
                 bloqué en raison du risque lié à son compte dans son locataire d'origine.",
        },
        user: Tr {
            en: "Your account is flagged as at risk in your own organisation. Ask your own IT to \
                 secure it; you can manage this tenant again once the risk is cleared.",
            fr: "Votre compte est signalé comme à risque dans votre propre organisation. Demandez \
                 à votre propre service informatique de le sécuriser ; vous pourrez de nouveau \
                 gérer ce locataire une fois le risque levé.",
        },
        admin: Tr {
            en: "The risk is held in the partner's home tenant: ask the partner to investigate \
                 and remediate the admin account there. Do not switch to another delegated \
                 account to get around it until you know the account is safe.",
            fr: "Le risque est enregistré dans le locataire d'origine du partenaire : demandez au \
                 partenaire d'analyser et de corriger le risque du compte administrateur de son \
                 côté. Ne passez pas à un autre compte délégué pour le contourner tant que vous \
                 n'avez pas vérifié que le compte est sûr.",
        },
    },
    Code {
        code: 530035,
        name: "BlockedBySecurityDefaults",
        kind: Kind::Other,
        meaning: Tr {
            en: "Security defaults blocked the request because it used legacy authentication or \
                 was judged unsafe; no Conditional Access policy is involved.",
            fr: "Les paramètres de sécurité par défaut ont bloqué la demande, car elle utilisait \
                 l'authentification héritée ou a été jugée non sûre ; aucune stratégie d'accès \
                 conditionnel n'est en cause.",
        },
        user: Tr {
            en: "Use an app that supports modern sign-in (a current Outlook, Outlook mobile or \
                 Outlook on the web) and complete multifactor authentication when asked.",
            fr: "Utilisez une application qui prend en charge l'authentification moderne (une \
                 version récente d'Outlook, Outlook mobile ou Outlook sur le web) et effectuez \
                 l'authentification multifacteur quand elle vous est demandée.",
        },
        admin: Tr {
            en: "This is security defaults, not a Conditional Access policy, so no policy shows \
                 as failed. Move the client to modern authentication and MFA. If the tenant needs \
                 finer control, replace security defaults with Conditional Access policies that \
                 protect at least as much.",
            fr: "Il s'agit des paramètres de sécurité par défaut, pas d'une stratégie d'accès \
                 conditionnel : aucune stratégie n'apparaît en échec. Passez le client à \
                 l'authentification moderne et à la MFA. Si le locataire a besoin d'un contrôle \
                 plus fin, remplacez les paramètres de sécurité par défaut par des stratégies \
                 d'accès conditionnel qui protègent au moins autant.",
        },
    },
];

/// The entry for a code in this run's language, if the catalogue has one.
pub(crate) fn lookup(code: i64) -> Option<&'static Entry> {
    let codes = in_lang(i18n::lang());
    codes
        .binary_search_by_key(&code, |c| c.code)
        .ok()
        .map(|i| &codes[i])
}

/// The whole catalogue in one language, in `CODES` order (built once per language).
fn in_lang(lang: Lang) -> &'static [Entry] {
    static EN: OnceLock<Vec<Entry>> = OnceLock::new();
    static FR: OnceLock<Vec<Entry>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    cell.get_or_init(|| CODES.iter().map(|c| c.in_lang(lang)).collect())
}

/// Whether the code means Conditional Access decided the outcome (block or unmet requirement).
pub(crate) fn is_conditional_access(code: i64) -> bool {
    lookup(code).is_some_and(|c| {
        matches!(
            c.kind,
            Kind::ConditionalAccessBlock | Kind::ConditionalAccessRequirement
        )
    })
}

/// The Microsoft lookup page for any code: https://login.microsoftonline.com/error?code=<n>
pub(crate) fn lookup_url(code: i64) -> String {
    format!("https://login.microsoftonline.com/error?code={code}")
}

/// Every error-code text, by name (for the completeness tests in i18n):
/// "codes::53003.meaning", "codes::53003.user", "codes::53003.admin", ...
#[cfg(test)]
pub(crate) fn all_texts() -> Vec<(String, Tr)> {
    CODES
        .iter()
        .flat_map(|c| {
            [("meaning", c.meaning), ("user", c.user), ("admin", c.admin)]
                .map(|(field, text)| (format!("codes::{}.{field}", c.code), text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes the catalogue must hold, and no others.
    const EXPECTED: [i64; 31] = [
        0, 50005, 50074, 50076, 50079, 50097, 50126, 50129, 50131, 50135, 50140, 50155, 50158,
        50199, 53000, 53001, 53002, 53003, 53004, 53009, 53010, 53011, 70043, 500121, 500212,
        500213, 530001, 530003, 530032, 530034, 530035,
    ];

    const ALL_KINDS: [Kind; 8] = [
        Kind::Success,
        Kind::ConditionalAccessBlock,
        Kind::ConditionalAccessRequirement,
        Kind::Mfa,
        Kind::Risk,
        Kind::Credentials,
        Kind::Other,
        Kind::Benign,
    ];

    #[test]
    fn codes_are_sorted_unique_and_the_expected_set() {
        assert!(
            CODES.windows(2).all(|w| w[0].code < w[1].code),
            "CODES must be sorted by code with no duplicates"
        );
        let mut expected = EXPECTED;
        expected.sort_unstable();
        let codes: Vec<i64> = CODES.iter().map(|c| c.code).collect();
        assert_eq!(codes, expected);
        // The reference could not confirm these: they stay out until it can.
        assert!(lookup(530002).is_none() && lookup(530033).is_none());
    }

    #[test]
    fn every_entry_has_full_sentences_and_a_plausible_name() {
        for c in [Lang::En, Lang::Fr].into_iter().flat_map(in_lang) {
            for (field, text) in [("meaning", c.meaning), ("user", c.user), ("admin", c.admin)] {
                assert!(!text.trim().is_empty(), "{}: empty {field}", c.code);
                assert!(
                    text.ends_with('.'),
                    "{}: {field} must end with a full stop",
                    c.code
                );
                assert!(
                    !text.contains("  ") && text == text.trim(),
                    "{}: stray spaces in {field}",
                    c.code
                );
            }
            assert!(
                !c.meaning.trim_end_matches('.').contains(". "),
                "{}: meaning must be one sentence",
                c.code
            );
            assert!(
                c.name.chars().all(|ch| ch.is_ascii_alphanumeric()),
                "{}: name {:?} is not a short name",
                c.code,
                c.name
            );
        }
        assert_eq!(lookup(53003).unwrap().name, "BlockedByConditionalAccess");
        assert_eq!(lookup(0).unwrap().name, "");
    }

    #[test]
    fn every_kind_is_used() {
        for kind in ALL_KINDS {
            assert!(
                CODES.iter().any(|c| c.kind == kind),
                "no code of kind {kind:?}"
            );
        }
    }

    #[test]
    fn lookup_hits_and_misses() {
        let c = lookup(53003).expect("53003 is catalogued");
        assert_eq!(c.code, crate::model::BLOCKED_BY_CONDITIONAL_ACCESS);
        assert_eq!(c.kind, Kind::ConditionalAccessBlock);
        for c in CODES {
            let found = lookup(c.code).expect("every catalogued code is found");
            assert_eq!((found.code, found.name), (c.code, c.name));
        }
        for missing in [99999, -1, 1, 53005, 50011, i64::MAX, i64::MIN] {
            assert!(lookup(missing).is_none(), "{missing}");
        }
    }

    #[test]
    fn classification() {
        let kind = |code| lookup(code).unwrap().kind;
        assert_eq!(kind(0), Kind::Success);
        for code in [53003, 530032, 50131] {
            assert_eq!(kind(code), Kind::ConditionalAccessBlock, "{code}");
        }
        for code in [53000, 53001, 53002, 53009, 530001, 530003, 50005, 50129] {
            assert_eq!(kind(code), Kind::ConditionalAccessRequirement, "{code}");
        }
        for code in [530035, 500212, 500213, 50097, 50155] {
            assert_eq!(kind(code), Kind::Other, "{code}");
        }
        for code in [50140, 50199, 70043] {
            assert_eq!(kind(code), Kind::Benign, "{code}");
        }
        assert_eq!(kind(50126), Kind::Credentials);
        // Where no Conditional Access policy is involved, the meaning says so.
        for code in [530035, 500212, 500213] {
            assert!(
                lookup(code)
                    .unwrap()
                    .meaning
                    .contains("no Conditional Access policy"),
                "{code}"
            );
        }
        for code in [50097, 50155] {
            assert!(
                lookup(code)
                    .unwrap()
                    .meaning
                    .contains("not a Conditional Access")
            );
        }
    }

    #[test]
    fn is_conditional_access_follows_the_kind() {
        for code in [
            53003, 53000, 53001, 53002, 53009, 530001, 530003, 530032, 50131,
        ] {
            assert!(is_conditional_access(code), "{code}");
        }
        for code in [530035, 50126, 0, 500212, 500213, 50097, 70043, 50076, 99999] {
            assert!(!is_conditional_access(code), "{code}");
        }
    }

    #[test]
    fn lookup_url_format() {
        assert_eq!(
            lookup_url(53003),
            "https://login.microsoftonline.com/error?code=53003"
        );
        assert_eq!(
            lookup_url(500121),
            "https://login.microsoftonline.com/error?code=500121"
        );
    }

    #[test]
    fn lookup_speaks_the_run_language() {
        let fr = crate::i18n::with_lang(Lang::Fr, || lookup(53003)).unwrap();
        assert_eq!(
            (fr.code, fr.name, fr.kind),
            (
                53003,
                "BlockedByConditionalAccess",
                Kind::ConditionalAccessBlock
            )
        );
        assert_eq!(
            fr.meaning,
            "Des stratégies d'accès conditionnel ont bloqué la connexion : la stratégie d'accès \
             n'autorise pas l'émission de jetons."
        );
        assert!(
            fr.user.starts_with(
                "Envoyez au service informatique l'ID de la demande et l'heure de la connexion \
                 qui a échoué"
            ),
            "{}",
            fr.user
        );
        assert!(
            fr.admin
                .contains("les stratégies en mode rapport seul ne bloquent jamais")
        );
        // English again on the same thread, and the same entry once the language is back.
        let en = lookup(53003).unwrap();
        assert!(
            en.meaning
                .starts_with("Conditional Access policies blocked the sign-in")
        );
        let user = crate::i18n::with_lang(Lang::Fr, || lookup(50126).unwrap().user);
        assert!(
            user.starts_with(
                "Vérifiez le nom d'utilisateur (votre adresse e-mail professionnelle complète)"
            ),
            "{user}"
        );
        // Which codes are Conditional Access does not depend on the language.
        for c in CODES {
            assert_eq!(
                crate::i18n::with_lang(Lang::Fr, || is_conditional_access(c.code)),
                is_conditional_access(c.code),
                "{}",
                c.code
            );
        }
    }

    #[test]
    fn french_says_where_conditional_access_is_not_involved() {
        crate::i18n::with_lang(Lang::Fr, || {
            for code in [530035, 500212, 500213] {
                let meaning = lookup(code).unwrap().meaning;
                assert!(
                    meaning.ends_with("; aucune stratégie d'accès conditionnel n'est en cause."),
                    "{code}: {meaning}"
                );
            }
            let meaning = lookup(50097).unwrap().meaning;
            assert!(
                meaning.contains("pas d'un blocage par l'accès conditionnel"),
                "{meaning}"
            );
            let meaning = lookup(50155).unwrap().meaning;
            assert!(
                meaning.contains("n'est pas une décision de l'accès conditionnel"),
                "{meaning}"
            );
            // Portal wording for the device grants.
            assert!(
                lookup(53001)
                    .unwrap()
                    .meaning
                    .contains("joint à Microsoft Entra hybride")
            );
            assert!(
                lookup(53000)
                    .unwrap()
                    .meaning
                    .contains("un appareil conforme")
            );
            assert!(lookup(53000).unwrap().user.contains("Portail d'entreprise"));
        });
    }

    #[test]
    fn french_is_typeset_for_a_terminal() {
        for (name, text) in all_texts() {
            assert_ne!(text.en, text.fr, "{name}");
            crate::fixes::tests::assert_french_typography(text.fr);
        }
    }
}
