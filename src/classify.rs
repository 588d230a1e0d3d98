//! Decides why Conditional Access blocked one sign-in: a pure function of the record.
//! Rules, in order: (1) only error 53003 is a block; (2) the blocking policies are the
//! failed ones with a Block grant, else any failed ones; report-only never blocks;
//! (3) when the export recorded which conditions the blocking policy matched, those decide
//! (confidence high); (4) otherwise the record's own signals and the policy's name are
//! weighed (medium when they agree, low for a strong signal alone); (5) else `unknown`,
//! saying what the data lacks. No I/O, no clock. The tables these rules read (conditions,
//! grants, clients, flows, risk levels, name hints, the lead order) live in rules.rs,
//! which `signin-doctor kql` also reads: change a rule there, not here.

use std::borrow::Cow;

use crate::fixes::FixKey;
use crate::i18n::{self, classify as t};
use crate::load::{Paste, PasteKind};
use crate::model::{
    AppliedPolicy, BLOCKED_BY_CONDITIONAL_ACCESS, Cause, Conditions, Confidence, Diagnosis,
    PolicyRef, SignIn,
};
use crate::rules::{
    ACTIONABILITY, AUTH_TRANSFER_VALUES, BLOCK_GRANT, CONDITION_CAUSES, DEVICE_CODE_PROTOCOLS,
    DEVICE_CODE_TRANSFERS, FAILED_RESULT, GRANT_REQUIREMENTS, LEGACY_NAME_PHRASES, LOW_RISK_LEVEL,
    MODERN_CLIENT_APPS, NAME_HINTS, RISKY_LEVELS, RISKY_USER_STATES, TRUSTED_NETWORK_TYPES,
    UNKNOWN_FUTURE_CONDITION, rank,
};

/// The diagnosis of a blocked sign-in, or `None` when the sign-in was not a 53003.
pub(crate) fn classify(s: &SignIn<'_>) -> Option<Diagnosis> {
    if s.error_code != Some(BLOCKED_BY_CONDITIONAL_ACCESS) {
        return None;
    }
    let listed: &[AppliedPolicy<'_>] = s.policies.as_deref().unwrap_or(&[]);
    let failed: Vec<&AppliedPolicy<'_>> = listed
        .iter()
        .filter(|p| p.result_is(FAILED_RESULT))
        .collect();
    let with_block: Vec<&AppliedPolicy<'_>> = failed
        .iter()
        .copied()
        .filter(|p| p.has_grant(BLOCK_GRANT))
        .collect();
    let blocking = if with_block.is_empty() {
        failed
    } else {
        with_block
    };
    Some(diagnose(s, blocking, None))
}

/// What a report-only policy would have done: the sign-in diagnosed as if the policy
/// had been enforced (the same rules, the policy as the blocking one). `None` unless the
/// policy's result is `reportOnlyFailure` (would block) or `reportOnlyInterrupted`
/// (would interrupt, for example with an MFA prompt).
pub(crate) fn classify_report_only(
    s: &SignIn<'_>,
    policy: &AppliedPolicy<'_>,
) -> Option<(ReportOnly, Diagnosis)> {
    let effect = if policy.result_is("reportOnlyFailure") {
        ReportOnly::WouldBlock
    } else if policy.result_is("reportOnlyInterrupted") {
        ReportOnly::WouldInterrupt
    } else {
        return None;
    };
    Some((effect, diagnose(s, vec![policy], Some(policy))))
}

/// What a report-only policy would have done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReportOnly {
    WouldBlock,
    WouldInterrupt,
}

/// The diagnosis of a sign-in given the policies that (would have) blocked it.
/// `simulated` is the report-only policy being played out, if any.
fn diagnose(
    s: &SignIn<'_>,
    blocking: Vec<&AppliedPolicy<'_>>,
    simulated: Option<&AppliedPolicy<'_>>,
) -> Diagnosis {
    let listed: &[AppliedPolicy<'_>] = s.policies.as_deref().unwrap_or(&[]);
    let signals = Signals::read(s);
    let mut evidence: Vec<String> = blocking.iter().map(|p| policy_evidence(p)).collect();

    let conditions = blocking
        .iter()
        .filter_map(|p| p.conditions_satisfied)
        // A failed policy always matches at least its users and apps; zero means the
        // export did not fill the field in, not that nothing matched.
        .filter(|c| !c.is_empty())
        .fold(None, |acc: Option<Conditions>, c| {
            Some(Conditions(acc.map_or(0, |a| a.0) | c.0))
        });

    let mut finding = match conditions {
        Some(conds) => from_conditions(&blocking, conds, &signals),
        None => infer(&blocking, &signals),
    };

    // The lead cause stays first; the others follow in order of actionability.
    if let Some((_, rest)) = finding.causes.split_first_mut() {
        rest.sort_by_key(|&c| rank(c));
    }
    // Device requirements cannot be met through the device code flow (reference §12):
    // the flow is the thing to change, whatever the policy asked for, so it leads.
    if finding.causes.first() == Some(&Cause::DeviceState)
        && !finding.causes.contains(&Cause::AuthFlow)
        && let Some(flow) = &signals.flow
    {
        finding.causes.insert(0, Cause::AuthFlow);
        finding.fix = Some(flow.fix);
        finding.signal_causes.push(Cause::AuthFlow);
    }
    let cause = finding.causes.first().copied().unwrap_or(Cause::Unknown);
    if finding.causes.is_empty() {
        finding.causes.push(Cause::Unknown);
    }
    finding.signal_causes.sort_by_key(|&c| rank(c));
    finding.signal_causes.dedup();
    for c in &finding.signal_causes {
        // The device line already names the platform.
        if *c == Cause::DevicePlatform && finding.signal_causes.contains(&Cause::DeviceState) {
            continue;
        }
        evidence.extend(signals.evidence_for(*c));
    }
    evidence.append(&mut finding.extra_evidence);
    if cause == Cause::PolicyScope
        && let Some(t) = non_empty(&s.user_type)
    {
        evidence.push(format!("userType = {t:?}"));
    }
    if blocking.is_empty()
        && let Some(st) = non_empty(&s.conditional_access_status)
    {
        let text = if listed.is_empty() {
            t::EVIDENCE_STATUS_NO_POLICIES
        } else {
            t::EVIDENCE_STATUS_NO_FAILED_POLICIES
        };
        evidence.push(text.fill(&[("status", &format!("{st:?}"))]));
    }

    let report_only: Vec<String> = listed
        .iter()
        .filter(|p| p.result_is("reportOnlyFailure"))
        .filter(|p| simulated.is_none_or(|sim| !std::ptr::eq(*p, sim)))
        .map(|p| p.label().to_string())
        .collect();
    for name in &report_only {
        evidence.push(t::EVIDENCE_REPORT_ONLY.fill(&[("name", &i18n::quote(name))]));
    }

    let policies: Vec<PolicyRef> = blocking
        .iter()
        .map(|p| PolicyRef {
            id: p.id.as_deref().map(str::to_string),
            name: p.label().to_string(),
        })
        .collect();
    let fix = finding.fix.unwrap_or(if listed.is_empty() {
        FixKey::UnknownNoPolicy
    } else {
        FixKey::UnknownNoConditions
    });
    let detail = detail(
        cause,
        &finding,
        &signals,
        &policies,
        (listed.is_empty(), s.policies.is_some()),
    );

    Diagnosis {
        request_id: owned(&s.id),
        correlation_id: owned(&s.correlation_id),
        time: s.created,
        user: user_key(s),
        app: owned(&s.app_display_name),
        resource: owned(&s.resource_display_name),
        ip: owned(&s.ip_address),
        city: owned(&s.city),
        country: owned(&s.country),
        client_app: owned(&s.client_app_used),
        os: owned(&s.device.operating_system),
        cause,
        causes: finding.causes,
        confidence: finding.confidence,
        detail,
        policies,
        evidence,
        fix,
        no_policy_details: blocking.is_empty(),
        no_policy_list: s.policies.is_none(),
        no_condition_data: conditions.is_none(),
        report_only,
        replay: None,
    }
}

/// Whether a record could be a block or carry a report-only effect, from its error code
/// and its raw bytes: a 53003, or a `reportOnlyFailure` / `reportOnlyInterrupted`
/// result anywhere. Records that cannot are only counted, which is most of an export;
/// the full parse still decides the rest.
pub(crate) fn could_matter(error_code: i64, bytes: &[u8]) -> bool {
    static REPORT_ONLY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("reportOnly"));
    error_code == BLOCKED_BY_CONDITIONAL_ACCESS
        || REPORT_ONLY.find_iter(bytes).any(|at| {
            let rest = &bytes[at + "reportOnly".len()..];
            rest.starts_with(b"Failure") || rest.starts_with(b"Interrupted")
        })
}

/// The Azure CLI's application id: a CLI sign-in blocked on an unregistered device is the
/// classic `az login --use-device-code` case (reference §10.1, §12).
const AZURE_CLI_APP_ID: &str = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/// A diagnosis from a pasted error page alone: never better than `low`, because the page
/// names neither the policy nor the condition. `None` unless the paste is a 53003.
pub(crate) fn classify_paste(p: &Paste) -> Option<Diagnosis> {
    if p.error_code != Some(BLOCKED_BY_CONDITIONAL_ACCESS) {
        return None;
    }
    let mut causes = Vec::new();
    let mut evidence = Vec::new();
    // The paste as a sentence's subject ("the error page"), and before its fields.
    let (the_source, source) = match p.kind {
        PasteKind::ErrorPage => (t::THE_ERROR_PAGE.get(), t::ERROR_PAGE.get()),
        PasteKind::OAuthJson | PasteKind::ErrorText => {
            (t::THE_ERROR_TEXT.get(), t::ERROR_TEXT.get())
        }
    };
    let unregistered = p.device_state.as_deref().is_some_and(|s| {
        let s = letters(s);
        s == "unregistered" || s == "notregistered"
    });
    let cli = p.app_id.as_deref() == Some(AZURE_CLI_APP_ID)
        || p.app_name
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains("azure cli"));
    if p.mentions_device_code {
        causes.push(Cause::AuthFlow);
        evidence.push(t::PASTE_MENTIONS_DEVICE_CODE.fill(&[("source", &the_source)]));
    }
    if unregistered {
        causes.push(Cause::DeviceState);
    }
    for (label, value) in [
        ("App name", &p.app_name),
        ("Device platform", &p.device_platform),
        ("Device state", &p.device_state),
    ] {
        if let Some(v) = value {
            evidence.push(t::PASTE_FIELD.fill(&[
                ("source", &source),
                ("label", &label),
                ("value", &format!("{v:?}")),
            ]));
        }
    }
    if cli && unregistered && !p.mentions_device_code {
        evidence.push(t::PASTE_CLI_UNREGISTERED.get().to_string());
    }
    let cause = causes.first().copied().unwrap_or(Cause::Unknown);
    let (detail, fix) = match cause {
        Cause::AuthFlow => (
            t::PASTE_DETAIL_DEVICE_CODE.get().to_string(),
            FixKey::DeviceCodeFlow,
        ),
        Cause::DeviceState => (
            t::PASTE_DETAIL_UNREGISTERED.fill(&[("source", &the_source)]),
            FixKey::DeviceCompliance,
        ),
        _ => (
            t::PASTE_DETAIL_UNKNOWN.fill(&[("source", &the_source)]),
            FixKey::UnknownFromPaste,
        ),
    };
    if causes.is_empty() {
        causes.push(Cause::Unknown);
    }
    Some(Diagnosis {
        request_id: p.request_id.clone(),
        correlation_id: p.correlation_id.clone(),
        time: p.timestamp,
        user: "(unknown user)".to_string(),
        app: p.app_name.clone(),
        resource: None,
        ip: p.ip.clone(),
        city: None,
        country: None,
        client_app: None,
        os: p.device_platform.clone(),
        cause,
        causes,
        confidence: Confidence::Low,
        detail,
        policies: Vec::new(),
        evidence,
        fix,
        no_policy_details: true,
        no_policy_list: true,
        no_condition_data: true,
        report_only: Vec::new(),
        replay: None,
    })
}

/// The sign-ins that a report-only policy with a Block grant would have blocked.
pub(crate) fn report_only_blocks<'s>(s: &'s SignIn<'_>) -> impl Iterator<Item = &'s str> {
    s.policies
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .filter(|p| p.result_is("reportOnlyFailure") && p.has_grant(BLOCK_GRANT))
        .map(|p| p.label())
}

/// The name a user is reported under: the UPN (lower-cased, as Graph writes it), else the
/// display name, else the object id.
pub(crate) fn user_key(s: &SignIn<'_>) -> String {
    non_empty(&s.user_principal_name)
        .map(str::to_lowercase)
        .or_else(|| non_empty(&s.user_display_name).map(str::to_string))
        .or_else(|| non_empty(&s.user_id).map(str::to_string))
        .unwrap_or_else(|| "(unknown user)".to_string())
}

fn owned(v: &Option<Cow<'_, str>>) -> Option<String> {
    non_empty(v).map(str::to_string)
}

fn non_empty<'v>(v: &'v Option<Cow<'_, str>>) -> Option<&'v str> {
    v.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// What the classifier concluded before it is dressed as a `Diagnosis`.
#[derive(Debug, Default)]
struct Finding {
    causes: Vec<Cause>,
    confidence: Confidence,
    fix: Option<FixKey>,
    /// Causes whose record signals belong in the evidence.
    signal_causes: Vec<Cause>,
    extra_evidence: Vec<String>,
    /// Set when the cause rests on the policy name or grant (for the detail sentence).
    by_name: bool,
    /// The policy matched a condition newer than the export's vocabulary.
    unnamed_condition: bool,
}

/// Rule 3: the export says which conditions the blocking policies matched.
fn from_conditions(blocking: &[&AppliedPolicy<'_>], conds: Conditions, sig: &Signals) -> Finding {
    let mut f = Finding {
        confidence: Confidence::High,
        ..Finding::default()
    };
    // A failed grant (not a Block) says what the sign-in lacked; its conditions only
    // say where the policy applies.
    for p in blocking.iter().filter(|p| !p.has_grant(BLOCK_GRANT)) {
        if let Some((cause, fix)) = grant_requirement(p) {
            f.causes.push(cause);
            f.fix.get_or_insert(fix);
            f.signal_causes.push(cause);
        }
    }
    if f.causes.is_empty() {
        for &(flag, cause) in CONDITION_CAUSES {
            if conds.contains(flag) && !f.causes.contains(&cause) {
                f.causes.push(cause);
            }
        }
        f.signal_causes = f.causes.clone();
        if f.causes.is_empty() {
            if conds.contains(UNKNOWN_FUTURE_CONDITION) {
                // A condition newer than the export's vocabulary: say so, do not guess.
                f.causes.push(Cause::Unknown);
                f.confidence = Confidence::Low;
                f.unnamed_condition = true;
                f.extra_evidence
                    .push(t::EVIDENCE_UNKNOWN_FUTURE_CONDITION.get().to_string());
            } else {
                f.causes.push(Cause::PolicyScope);
                f.fix = Some(FixKey::PolicyScope);
            }
        }
        f.causes.sort_by_key(|&c| rank(c));
        if f.fix.is_none() {
            f.fix = f
                .causes
                .first()
                .and_then(|&c| fix_for(c, sig, blocking, conds));
        }
    }
    f
}

/// Rule 4: no condition data. Weigh the record's signals against the policy names.
fn infer(blocking: &[&AppliedPolicy<'_>], sig: &Signals) -> Finding {
    let mut hinted: Vec<Cause> = Vec::new();
    let mut grant_fix: Option<FixKey> = None;
    let mut named: Vec<String> = Vec::new();
    for p in blocking {
        if !p.has_grant(BLOCK_GRANT)
            && let Some((cause, fix)) = grant_requirement(p)
        {
            hinted.push(cause);
            grant_fix.get_or_insert(fix);
            continue;
        }
        let hints = name_hints(p.label());
        if !hints.is_empty() {
            let list: Vec<&str> = hints.iter().map(|c| c.as_str()).collect();
            named.push(t::EVIDENCE_NAME_SUGGESTS.fill(&[
                ("name", &i18n::quote(p.label())),
                ("causes", &list.join("/")),
            ]));
        }
        hinted.extend(hints);
    }
    // "Block legacy authentication" over a modern client is a contradiction, where
    // "Block browsers" over a browser is agreement: the client alone cannot tell.
    let legacy_named = blocking.iter().any(|p| names_legacy(p.label()));

    let mut f = Finding::default();
    let mut found: Vec<(Cause, Confidence)> = Vec::new();
    for cause in ACTIONABILITY {
        let hint = hinted.contains(&cause);
        let mut support = sig.support(cause);
        if cause == Cause::ClientApp
            && legacy_named
            && sig.legacy_client.is_none()
            && sig.client.is_some()
        {
            support = Support::Against;
        }
        let confidence = match (hint, support) {
            (true, Support::Strong | Support::Weak) => Some(Confidence::Medium),
            (true, Support::NoData) | (false, Support::Strong) => Some(Confidence::Low),
            (true, Support::Against) => {
                f.extra_evidence
                    .push(t::EVIDENCE_NAME_AGAINST_SIGNIN.fill(&[("cause", &cause)]));
                f.signal_causes.push(cause);
                None
            }
            _ => None,
        };
        if let Some(c) = confidence {
            found.push((cause, c));
            f.by_name |= hint;
        }
    }
    // Lead with the best supported cause (ties: the most actionable); the rest contribute.
    found.sort_by_key(|&(c, conf)| (std::cmp::Reverse(conf), rank(c)));
    let Some(&(lead, best)) = found.first() else {
        return f;
    };
    f.confidence = best;
    f.causes = found.iter().map(|&(c, _)| c).collect();
    f.signal_causes.extend(f.causes.iter().copied());
    if f.by_name {
        f.extra_evidence.extend(named);
    }
    f.fix = match grant_fix {
        Some(fix) if crate::fixes::cause_of(fix) == lead => Some(fix),
        _ => fix_for(lead, sig, blocking, Conditions(0)),
    };
    f
}

fn names_legacy(name: &str) -> bool {
    let lower = name.to_lowercase();
    LEGACY_NAME_PHRASES.iter().any(|k| lower.contains(k))
}

/// What a failed non-Block grant asked for that the sign-in could not give.
fn grant_requirement(p: &AppliedPolicy<'_>) -> Option<(Cause, FixKey)> {
    for g in &p.grant_controls {
        let g = g.trim();
        if let Some(&(_, cause, fix)) = GRANT_REQUIREMENTS
            .iter()
            .find(|(grant, _, _)| g.eq_ignore_ascii_case(grant))
        {
            return Some((cause, fix));
        }
    }
    None
}

/// The remediation for a cause, refined by what the record shows.
fn fix_for(
    cause: Cause,
    sig: &Signals,
    blocking: &[&AppliedPolicy<'_>],
    conds: Conditions,
) -> Option<FixKey> {
    Some(match cause {
        Cause::Location => FixKey::LocationUntrusted,
        Cause::DeviceState => {
            let hybrid = blocking.iter().any(|p| {
                let n = p.label().to_ascii_lowercase();
                n.contains("hybrid") || n.contains("domain join")
            });
            if hybrid {
                FixKey::DeviceHybridJoin
            } else {
                FixKey::DeviceCompliance
            }
        }
        Cause::DevicePlatform => FixKey::DevicePlatform,
        Cause::ClientApp => {
            if sig.legacy_client.is_some() {
                FixKey::ClientLegacy
            } else {
                FixKey::ClientType
            }
        }
        Cause::Risk => {
            // User risk asks for a password change; sign-in risk for a safer sign-in.
            let user_risk = conds.contains("userRisk") || (conds.is_empty() && sig.user_risk_only);
            if user_risk && !conds.contains("signInRisk") {
                FixKey::RiskUser
            } else {
                FixKey::RiskSignIn
            }
        }
        Cause::AuthFlow => sig.flow.as_ref().map_or(FixKey::DeviceCodeFlow, |f| f.fix),
        Cause::PolicyScope => FixKey::PolicyScope,
        Cause::Unknown => return None,
    })
}

/// Causes a policy's display name points at: evidence, though weak on its own.
pub(crate) fn name_hints(name: &str) -> Vec<Cause> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    NAME_HINTS
        .iter()
        .filter(|(_, keys, phrases)| {
            keys.iter().any(|k| words.contains(k)) || phrases.iter().any(|p| lower.contains(p))
        })
        .map(|&(cause, _, _)| cause)
        .collect()
}

/// How well the record itself supports a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Support {
    /// The record shows it plainly (a legacy protocol, a device code, high risk).
    Strong,
    /// Consistent with it, but common in allowed sign-ins too (an unregistered device).
    Weak,
    /// The record contradicts it (a trusted network for a location rule).
    Against,
    /// The record is silent or neutral.
    NoData,
}

#[derive(Debug, Clone)]
struct Flow {
    fix: FixKey,
    evidence: Vec<String>,
}

/// The facts in a record that bear on each cause, with their evidence strings.
#[derive(Debug, Default)]
struct Signals {
    legacy_client: Option<String>,
    client: Option<String>,
    flow: Option<Flow>,
    risk: Option<String>,
    risk_strong: bool,
    user_risk_only: bool,
    device: Option<String>,
    device_unmanaged: bool,
    device_compliant: bool,
    place: Option<String>,
    /// `Some(names)` when the IP matched a trusted named location.
    trusted_network: Option<String>,
    /// What `networkLocationDetails` said, when the export has it.
    network_evidence: Option<String>,
    os: Option<String>,
}

/// Lower-case letters and digits only: `"Device code flow"` → `"devicecodeflow"`.
fn letters(v: &str) -> String {
    v.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `clientAppUsed` values that are modern authentication; everything else is legacy.
pub(crate) fn is_modern_client(client: &str) -> bool {
    let c = client.trim();
    MODERN_CLIENT_APPS.iter().any(|m| c.eq_ignore_ascii_case(m))
}

fn is_trusted_network(network_type: Option<&str>) -> bool {
    network_type.is_some_and(|t| {
        TRUSTED_NETWORK_TYPES
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
    })
}

fn is_level(v: &Option<Cow<'_, str>>, levels: &[&str]) -> bool {
    v.as_deref()
        .is_some_and(|v| levels.iter().any(|l| v.trim().eq_ignore_ascii_case(l)))
}

impl Signals {
    fn read(s: &SignIn<'_>) -> Signals {
        let mut sig = Signals::default();

        if let Some(client) = non_empty(&s.client_app_used) {
            sig.client = Some(format!("clientAppUsed = {client:?}"));
            if !is_modern_client(client) {
                sig.legacy_client = Some(client.to_string());
                // The user agent is how an admin finds the device or service to fix.
                if let Some(agent) = non_empty(&s.user_agent) {
                    sig.client = Some(format!("clientAppUsed = {client:?}, userAgent = {agent:?}"));
                }
            }
        }

        let transfer = non_empty(&s.original_transfer_method);
        let protocol = non_empty(&s.authentication_protocol);
        // Graph writes enum tokens ("deviceCodeFlow"); the portal's CSV writes labels
        // ("Device code flow"): compare letters only.
        let is =
            |v: Option<&str>, want: &[&str]| v.is_some_and(|v| want.contains(&letters(v).as_str()));
        let device_code =
            is(transfer, DEVICE_CODE_TRANSFERS) || is(protocol, DEVICE_CODE_PROTOCOLS);
        let auth_transfer =
            is(transfer, AUTH_TRANSFER_VALUES) || is(protocol, AUTH_TRANSFER_VALUES);
        if device_code || auth_transfer {
            let mut evidence = Vec::new();
            if let Some(t) = transfer.filter(|t| letters(t) != "none") {
                evidence.push(format!("originalTransferMethod = {t:?}"));
            }
            if let Some(p) = protocol.filter(|p| letters(p) != "none") {
                evidence.push(format!("authenticationProtocol = {p:?}"));
            }
            sig.flow = Some(Flow {
                fix: if device_code {
                    FixKey::DeviceCodeFlow
                } else {
                    FixKey::AuthTransfer
                },
                evidence,
            });
        }

        let sign_in_risky = is_level(&s.risk_level_during_sign_in, RISKY_LEVELS);
        let user_risky = is_level(&s.risk_level_aggregated, RISKY_LEVELS)
            || is_level(&s.risk_state, RISKY_USER_STATES);
        let low = is_level(&s.risk_level_during_sign_in, &[LOW_RISK_LEVEL])
            || is_level(&s.risk_level_aggregated, &[LOW_RISK_LEVEL]);
        if sign_in_risky || user_risky || low {
            let mut parts = Vec::new();
            for (name, v) in [
                ("riskLevelDuringSignIn", &s.risk_level_during_sign_in),
                ("riskLevelAggregated", &s.risk_level_aggregated),
                ("riskState", &s.risk_state),
            ] {
                if let Some(v) = non_empty(v).filter(|v| !v.eq_ignore_ascii_case("none")) {
                    parts.push(format!("{name} = {v:?}"));
                }
            }
            if let Some(v) = non_empty(&s.risk_detail).filter(|v| !v.eq_ignore_ascii_case("none")) {
                parts.push(format!("riskDetail = {v:?}"));
            }
            if !s.risk_event_types.is_empty() {
                let kinds: Vec<&str> = s.risk_event_types.iter().map(|k| k.as_ref()).collect();
                parts.push(format!("riskEventTypes = [{}]", kinds.join(", ")));
            }
            sig.risk = Some(parts.join(", "));
            sig.risk_strong = sign_in_risky || user_risky;
            sig.user_risk_only = user_risky && !sign_in_risky;
        }

        let d = &s.device;
        let trust = non_empty(&d.trust_type);
        let registered = trust.is_some() || non_empty(&d.device_id).is_some();
        sig.device_compliant = d.is_compliant == Some(true);
        sig.device_unmanaged =
            d.is_compliant == Some(false) || d.is_managed == Some(false) || !registered;
        let mut parts = Vec::new();
        if let Some(name) = non_empty(&d.display_name) {
            parts.push(format!("displayName {name:?}"));
        }
        if let Some(os) = non_empty(&d.operating_system) {
            parts.push(format!("operatingSystem {os:?}"));
            sig.os = Some(format!("deviceDetail.operatingSystem = {os:?}"));
        }
        match trust {
            Some(t) => parts.push(format!("trustType {t:?}")),
            None if !registered => parts.push(t::DEVICE_NOT_REGISTERED.get().into()),
            None => {}
        }
        if let Some(c) = d.is_compliant {
            parts.push(format!("isCompliant {c}"));
        }
        if let Some(m) = d.is_managed {
            parts.push(format!("isManaged {m}"));
        }
        if let Some(b) = non_empty(&d.browser) {
            parts.push(format!("browser {b:?}"));
        }
        if !parts.is_empty() {
            sig.device = Some(format!("deviceDetail: {}", parts.join(", ")));
        }

        let mut place = Vec::new();
        for v in [&s.city, &s.country] {
            if let Some(v) = non_empty(v) {
                place.push(v.to_string());
            }
        }
        let ip = non_empty(&s.ip_address);
        if !place.is_empty() || ip.is_some() {
            let mut text = format!("location = {}", place.join(", "));
            if let Some(ip) = ip {
                if place.is_empty() {
                    text = format!("ipAddress = {ip}");
                } else {
                    text.push_str(&format!(" (ipAddress {ip})"));
                }
            }
            sig.place = Some(text);
        }
        if let Some(networks) = &s.network_locations {
            let trusted: Vec<String> = networks
                .iter()
                .filter(|n| is_trusted_network(n.network_type.as_deref()))
                .flat_map(|n| n.names.iter().map(|x| x.to_string()))
                .collect();
            if networks
                .iter()
                .any(|n| is_trusted_network(n.network_type.as_deref()))
            {
                sig.trusted_network = Some(trusted.join(", "));
                sig.network_evidence = Some(
                    t::NETWORK_TRUSTED.fill(&[("names", &format!("{:?}", trusted.join(", ")))]),
                );
            } else if networks.is_empty() {
                sig.network_evidence = Some(t::NETWORK_NONE.get().into());
            } else {
                let names: Vec<String> = networks
                    .iter()
                    .map(|n| {
                        format!(
                            "{} {:?}",
                            n.network_type.as_deref().unwrap_or("network"),
                            n.names.join(", ")
                        )
                    })
                    .collect();
                sig.network_evidence =
                    Some(t::NETWORK_NOT_TRUSTED.fill(&[("networks", &names.join("; "))]));
            }
        }
        sig
    }

    fn support(&self, cause: Cause) -> Support {
        match cause {
            Cause::ClientApp => match (&self.legacy_client, &self.client) {
                (Some(_), _) => Support::Strong,
                // A modern client under a "block legacy" name is a contradiction; under a
                // "block browsers" name it agrees. The name decides which; keep it weak.
                (None, Some(_)) => Support::Weak,
                (None, None) => Support::NoData,
            },
            Cause::AuthFlow => {
                if self.flow.is_some() {
                    Support::Strong
                } else {
                    Support::NoData
                }
            }
            Cause::Risk => match (&self.risk, self.risk_strong) {
                (Some(_), true) => Support::Strong,
                (Some(_), false) => Support::Weak,
                (None, _) => Support::NoData,
            },
            Cause::DeviceState => {
                if self.device_compliant && !self.device_unmanaged {
                    Support::Against
                } else if self.device_unmanaged && self.device.is_some() {
                    Support::Weak
                } else {
                    Support::NoData
                }
            }
            Cause::Location => {
                if self.trusted_network.is_some() {
                    Support::Against
                } else if self.place.is_some() {
                    Support::Weak
                } else {
                    Support::NoData
                }
            }
            Cause::DevicePlatform => {
                if self.os.is_some() {
                    Support::Weak
                } else {
                    Support::NoData
                }
            }
            Cause::PolicyScope | Cause::Unknown => Support::NoData,
        }
    }

    fn evidence_for(&self, cause: Cause) -> Vec<String> {
        let mut out = Vec::new();
        match cause {
            Cause::ClientApp => out.extend(self.client.clone()),
            Cause::AuthFlow => {
                if let Some(f) = &self.flow {
                    out.extend(f.evidence.clone());
                }
            }
            Cause::Risk => out.extend(self.risk.clone()),
            Cause::DeviceState => out.extend(self.device.clone()),
            Cause::Location => {
                out.extend(self.place.clone());
                out.extend(self.network_evidence.clone());
            }
            Cause::DevicePlatform => out.extend(self.os.clone()),
            Cause::PolicyScope | Cause::Unknown => {}
        }
        out
    }
}

fn policy_evidence(p: &AppliedPolicy<'_>) -> String {
    let grants = if p.grant_controls.is_empty() {
        String::new()
    } else {
        let g: Vec<&str> = p.grant_controls.iter().map(|g| g.as_ref()).collect();
        t::GRANTS.fill(&[("grants", &g.join(" + "))])
    };
    let name = i18n::quote(p.label());
    let result = p.result.as_deref().unwrap_or("failure");
    match p.conditions_satisfied.filter(|c| !c.is_empty()) {
        Some(conds) => {
            let mut text = t::EVIDENCE_POLICY_MATCHED.fill(&[
                ("name", &name),
                ("result", &result),
                ("grants", &grants),
                ("conditions", &conds.names().join(", ")),
            ]);
            let rules: Vec<String> = p
                .include_rules
                .iter()
                .filter(|(c, _)| c != "application" && c != "users")
                .map(|(c, r)| format!("{c} = {r}"))
                .collect();
            if !rules.is_empty() {
                text.push_str(&t::EVIDENCE_POLICY_RULES.fill(&[("rules", &rules.join(", "))]));
            }
            text
        }
        None => t::EVIDENCE_POLICY_NO_CONDITIONS.fill(&[
            ("name", &name),
            ("result", &result),
            ("grants", &grants),
        ]),
    }
}

/// One plain sentence for the diagnosis.
fn detail(
    cause: Cause,
    f: &Finding,
    sig: &Signals,
    policies: &[PolicyRef],
    (no_policy_list, has_list): (bool, bool),
) -> String {
    let by = match policies {
        [] => t::BY_CONDITIONAL_ACCESS.get().to_string(),
        [one] => t::BY_POLICY.fill(&[("name", &one.name)]),
        [first, rest @ ..] => {
            let n = rest.len() as u64;
            let text = i18n::plural(n, t::BY_POLICY_AND_MORE_ONE, t::BY_POLICY_AND_MORE_MANY);
            text.fill(&[("name", &first.name), ("n", &n)])
        }
    };
    let inferred = if f.confidence == Confidence::High {
        ""
    } else if f.by_name {
        t::INFERRED_BY_NAME.get()
    } else {
        t::INFERRED_FROM_SIGNIN.get()
    };
    let strip = |e: &Option<String>, prefix: &str| -> Option<String> {
        e.as_ref()
            .map(|t| t.strip_prefix(prefix).unwrap_or(t).to_string())
    };
    let by = &by;
    let sentence = match cause {
        Cause::Location => match strip(&sig.place, "location = ") {
            Some(place) => t::DETAIL_LOCATION.fill(&[("place", &place), ("by", by)]),
            None => t::DETAIL_LOCATION_NO_PLACE.fill(&[("by", by)]),
        },
        Cause::DeviceState => {
            let device = strip(&sig.device, "deviceDetail: ")
                .unwrap_or_else(|| t::DEVICE_UNKNOWN.get().into());
            t::DETAIL_DEVICE.fill(&[("by", by), ("device", &device)])
        }
        Cause::DevicePlatform => match strip(&sig.os, "deviceDetail.operatingSystem = ") {
            Some(os) => t::DETAIL_PLATFORM.fill(&[("os", &os), ("by", by)]),
            None => t::DETAIL_PLATFORM_NO_OS.fill(&[("by", by)]),
        },
        Cause::ClientApp => match &sig.legacy_client {
            Some(c) => t::DETAIL_LEGACY.fill(&[("client", c), ("by", by)]),
            None => match strip(&sig.client, "clientAppUsed = ") {
                Some(client) => t::DETAIL_CLIENT_TYPE.fill(&[("client", &client), ("by", by)]),
                None => t::DETAIL_CLIENT_TYPE_NO_CLIENT.fill(&[("by", by)]),
            },
        },
        Cause::Risk => {
            let risk = sig
                .risk
                .clone()
                .unwrap_or_else(|| t::RISK_DETECTED.get().into());
            t::DETAIL_RISK.fill(&[("by", by), ("risk", &risk)])
        }
        Cause::AuthFlow => match sig.flow.as_ref().map(|f| f.fix) {
            Some(FixKey::AuthTransfer) => t::DETAIL_AUTH_TRANSFER.fill(&[("by", by)]),
            _ if f.causes.contains(&Cause::DeviceState) => {
                t::DETAIL_DEVICE_CODE_FOR_DEVICE.fill(&[("by", by)])
            }
            _ => t::DETAIL_DEVICE_CODE.fill(&[("by", by)]),
        },
        Cause::PolicyScope => t::DETAIL_POLICY_SCOPE.fill(&[("by", by)]),
        Cause::Unknown => {
            return if no_policy_list {
                let why = if has_list {
                    t::WHY_NO_PERMISSION
                } else {
                    t::WHY_PORTAL_CSV
                };
                t::DETAIL_UNKNOWN_NO_POLICY_LIST.fill(&[("why", &why.get())])
            } else if policies.is_empty() {
                t::DETAIL_UNKNOWN_NONE_FAILED.get().to_string()
            } else if f.unnamed_condition {
                t::DETAIL_UNKNOWN_UNNAMED_CONDITION.fill(&[("by", by)])
            } else {
                t::DETAIL_UNKNOWN_NO_SIGNAL.fill(&[("by", by)])
            };
        }
    };
    format!("{sentence}{inferred}")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Device, NetworkLocation};

    /// A diagnosis with every field set, for renderers' tests.
    pub(crate) fn diagnosis_for_tests() -> Diagnosis {
        let mut s = record("failure", &["Block"], Some("application,users,location"));
        s.city = Some("Sao Paulo".into());
        classify(&s).expect("a 53003")
    }

    fn record(result: &str, grants: &[&str], conds: Option<&str>) -> SignIn<'static> {
        SignIn {
            id: Some("r1".into()),
            user_principal_name: Some("Dana@Contoso.com".into()),
            app_display_name: Some("Azure Portal".into()),
            ip_address: Some("203.0.113.7".into()),
            country: Some("BR".into()),
            client_app_used: Some("Browser".into()),
            error_code: Some(53003),
            device: Device {
                operating_system: Some("Windows10".into()),
                ..Device::default()
            },
            policies: Some(vec![policy("CA900 - Policy", result, grants, conds)]),
            ..SignIn::default()
        }
    }

    fn policy(
        name: &str,
        result: &str,
        grants: &[&str],
        conds: Option<&str>,
    ) -> AppliedPolicy<'static> {
        AppliedPolicy {
            id: Some(format!("id-{name}").into()),
            display_name: Some(name.to_string().into()),
            result: Some(result.to_string().into()),
            grant_controls: grants.iter().map(|g| Cow::Owned(g.to_string())).collect(),
            conditions_satisfied: conds.map(Conditions::from_names),
            ..AppliedPolicy::default()
        }
    }

    fn named(name: &str, grants: &[&str], conds: Option<&str>) -> SignIn<'static> {
        let mut s = record("failure", grants, conds);
        s.policies = Some(vec![policy(name, "failure", grants, conds)]);
        s
    }

    #[test]
    fn only_53003_is_diagnosed() {
        for code in [0, 50126, 50074, 53000, 530035] {
            let mut s = record("failure", &["Block"], Some("application,users"));
            s.error_code = Some(code);
            assert!(classify(&s).is_none(), "{code}");
        }
    }

    /// Rule 3: with condition data the matched conditions decide, with high confidence.
    #[test]
    fn conditions_decide_the_cause() {
        let cases: &[(&str, &[Cause])] = &[
            (
                "application,users,location,ipAddressSeenByAzureAD",
                &[Cause::Location],
            ),
            ("application,users,deviceState", &[Cause::DeviceState]),
            ("application,users,devicePlatform", &[Cause::DevicePlatform]),
            ("application,users,clientType", &[Cause::ClientApp]),
            ("application,users,signInRisk", &[Cause::Risk]),
            ("application,users,userRisk", &[Cause::Risk]),
            ("application,users,authenticationFlows", &[Cause::AuthFlow]),
            ("application,users", &[Cause::PolicyScope]),
            ("application,users,time", &[Cause::PolicyScope]),
            (
                "application,users,devicePlatform,deviceState",
                &[Cause::DeviceState, Cause::DevicePlatform],
            ),
            (
                "application,users,location,clientType",
                &[Cause::ClientApp, Cause::Location],
            ),
        ];
        for (conds, want) in cases {
            let d = classify(&record("failure", &["Block"], Some(conds))).unwrap();
            assert_eq!(&d.causes, want, "{conds}");
            assert_eq!(d.cause, want[0], "{conds}");
            assert_eq!(d.confidence, Confidence::High, "{conds}");
            assert!(
                d.evidence[0]
                    .contains(&format!("matched conditions: {}", conds.replace(',', ", "))),
                "{conds}: {:?}",
                d.evidence
            );
        }
    }

    #[test]
    fn bitmask_conditions_read_the_same_as_names() {
        let mut s = record("failure", &["Block"], None);
        s.policies.as_mut().unwrap()[0].conditions_satisfied = Some(Conditions(1035));
        let d = classify(&s).unwrap();
        assert_eq!(d.cause, Cause::Location);
        assert_eq!(d.confidence, Confidence::High);
    }

    #[test]
    fn report_only_and_not_applied_policies_never_block() {
        let mut s = record("failure", &["Block"], Some("application,users,location"));
        s.policies.as_mut().unwrap().extend([
            policy(
                "CA099 - Pilot",
                "reportOnlyFailure",
                &["Block"],
                Some("application,users,clientType"),
            ),
            policy(
                "CA001 - MFA",
                "notApplied",
                &["Mfa"],
                Some("application,users"),
            ),
        ]);
        let d = classify(&s).unwrap();
        assert_eq!(d.policies.len(), 1);
        assert_eq!(d.policies[0].name, "CA900 - Policy");
        assert_eq!(d.causes, [Cause::Location]);
        assert_eq!(d.report_only, ["CA099 - Pilot"]);
        assert_eq!(
            report_only_blocks(&s).collect::<Vec<_>>(),
            ["CA099 - Pilot"]
        );
    }

    #[test]
    fn block_grant_wins_over_other_failed_policies() {
        let mut s = record("failure", &["Block"], Some("application,users,location"));
        s.policies.as_mut().unwrap().push(policy(
            "CA015 - Compliant",
            "failure",
            &["RequireCompliantDevice"],
            Some("application,users"),
        ));
        let d = classify(&s).unwrap();
        assert_eq!(d.policies.len(), 1);
        assert_eq!(d.cause, Cause::Location);
    }

    #[test]
    fn failed_device_grant_without_block_is_device_state() {
        let d = classify(&named(
            "CA015 - Require compliant device",
            &["RequireCompliantDevice"],
            Some("application,users"),
        ))
        .unwrap();
        assert_eq!(d.cause, Cause::DeviceState);
        assert_eq!(d.confidence, Confidence::High);
        assert_eq!(d.fix, FixKey::DeviceCompliance);
        let d = classify(&named(
            "CA015 - Require compliant device",
            &["RequireCompliantDevice"],
            None,
        ))
        .unwrap();
        assert_eq!(
            (d.cause, d.confidence),
            (Cause::DeviceState, Confidence::Medium)
        );
    }

    #[test]
    fn device_code_flow_leads_a_device_block() {
        let mut s = record("failure", &["Block"], Some("application,users,deviceState"));
        s.original_transfer_method = Some("deviceCodeFlow".into());
        let d = classify(&s).unwrap();
        assert_eq!(d.causes, [Cause::AuthFlow, Cause::DeviceState]);
        assert_eq!(d.fix, FixKey::DeviceCodeFlow);
        assert!(
            d.evidence
                .iter()
                .any(|e| e == "originalTransferMethod = \"deviceCodeFlow\""),
            "{:?}",
            d.evidence
        );
    }

    #[test]
    fn a_better_supported_cause_keeps_the_lead_over_a_device_code_signal() {
        let mut s = named(
            "CA010 - Block access outside allowed countries",
            &["Block"],
            None,
        );
        s.original_transfer_method = Some("deviceCodeFlow".into());
        let d = classify(&s).unwrap();
        assert_eq!(d.causes, [Cause::Location, Cause::AuthFlow]);
        assert_eq!(d.confidence, Confidence::Medium);
        assert_eq!(d.fix, FixKey::LocationUntrusted);
    }

    /// Rule 4: no condition data; the policy name and the record's signals are weighed.
    #[test]
    fn inference_without_condition_data() {
        struct Case {
            name: &'static str,
            client: &'static str,
            tweak: fn(&mut SignIn<'static>),
            want: Cause,
            confidence: Confidence,
        }
        let cases = [
            Case {
                name: "CA010 - Block access outside allowed countries",
                client: "Browser",
                tweak: |_| {},
                want: Cause::Location,
                confidence: Confidence::Medium,
            },
            Case {
                name: "CA004 - Block legacy authentication",
                client: "Exchange ActiveSync",
                tweak: |_| {},
                want: Cause::ClientApp,
                confidence: Confidence::Medium,
            },
            Case {
                name: "CA070 - Finance lockdown",
                client: "IMAP4",
                tweak: |_| {},
                want: Cause::ClientApp,
                confidence: Confidence::Low,
            },
            Case {
                name: "CA070 - Finance lockdown",
                client: "Browser",
                tweak: |_| {},
                want: Cause::Unknown,
                confidence: Confidence::Low,
            },
            Case {
                name: "CA050 - Block high risk",
                client: "Browser",
                tweak: |s| s.risk_level_during_sign_in = Some("high".into()),
                want: Cause::Risk,
                confidence: Confidence::Medium,
            },
            Case {
                name: "CA020 - Block unmanaged devices",
                client: "Browser",
                tweak: |_| {},
                want: Cause::DeviceState,
                confidence: Confidence::Medium,
            },
            Case {
                name: "CA020 - Block unmanaged devices",
                client: "Browser",
                tweak: |s| {
                    s.device.is_compliant = Some(true);
                    s.device.is_managed = Some(true);
                    s.device.trust_type = Some("Azure AD joined".into());
                },
                want: Cause::Unknown,
                confidence: Confidence::Low,
            },
            Case {
                name: "CA010 - Block untrusted networks",
                client: "Browser",
                tweak: |s| {
                    s.network_locations = Some(vec![NetworkLocation {
                        network_type: Some("trustedNamedLocation".into()),
                        names: vec!["HQ".into()],
                    }])
                },
                want: Cause::Unknown,
                confidence: Confidence::Low,
            },
        ];
        for c in cases {
            let mut s = named(c.name, &["Block"], None);
            s.client_app_used = Some(c.client.into());
            (c.tweak)(&mut s);
            let d = classify(&s).unwrap();
            assert_eq!(
                (d.cause, d.confidence),
                (c.want, c.confidence),
                "{} / {}: {:?}",
                c.name,
                c.client,
                d.evidence
            );
            assert!(d.no_condition_data);
            if c.want != Cause::Unknown {
                assert!(d.detail.contains("inferred"), "{}", d.detail);
            }
        }
    }

    #[test]
    fn no_policy_details_is_unknown_unless_the_record_shows_a_strong_signal() {
        let mut s = record("failure", &["Block"], None);
        s.policies = Some(vec![]);
        let d = classify(&s).unwrap();
        assert_eq!((d.cause, d.confidence), (Cause::Unknown, Confidence::Low));
        assert!(d.detail.contains("no policy details"), "{}", d.detail);
        assert_eq!(d.fix, FixKey::UnknownNoPolicy);
        assert!(d.no_policy_details);

        s.client_app_used = Some("IMAP4".into());
        let d = classify(&s).unwrap();
        assert_eq!((d.cause, d.confidence), (Cause::ClientApp, Confidence::Low));
        assert_eq!(d.fix, FixKey::ClientLegacy);
        assert!(
            d.evidence
                .contains(&"clientAppUsed = \"IMAP4\"".to_string()),
            "{:?}",
            d.evidence
        );
    }

    #[test]
    fn unknown_future_condition_is_not_guessed() {
        let d = classify(&record(
            "failure",
            &["Block"],
            Some("application,users,somethingNew"),
        ))
        .unwrap();
        assert_eq!(d.cause, Cause::Unknown);
        assert!(d.confidence < Confidence::High);
    }

    #[test]
    fn zero_bitmask_counts_as_no_condition_data() {
        let mut s = record("failure", &["Block"], None);
        s.policies.as_mut().unwrap()[0].conditions_satisfied = Some(Conditions(0));
        let d = classify(&s).unwrap();
        assert!(d.no_condition_data);
        assert_ne!(d.confidence, Confidence::High);
    }

    #[test]
    fn a_paste_alone_is_never_better_than_low() {
        let mut p = Paste {
            error_code: Some(53003),
            device_state: Some("Unregistered".into()),
            app_id: Some(AZURE_CLI_APP_ID.into()),
            ..Paste::default()
        };
        let d = classify_paste(&p).unwrap();
        assert_eq!(
            (d.cause, d.confidence),
            (Cause::DeviceState, Confidence::Low)
        );
        assert!(
            d.evidence.iter().any(|e| e.contains("--use-device-code")),
            "{:?}",
            d.evidence
        );
        p.mentions_device_code = true;
        let d = classify_paste(&p).unwrap();
        assert_eq!(d.causes, [Cause::AuthFlow, Cause::DeviceState]);
        assert_eq!(d.fix, FixKey::DeviceCodeFlow);
        p.device_state = Some("Registered".into());
        p.mentions_device_code = false;
        let d = classify_paste(&p).unwrap();
        assert_eq!((d.cause, d.fix), (Cause::Unknown, FixKey::UnknownFromPaste));
        p.error_code = Some(50126);
        assert!(classify_paste(&p).is_none());
    }

    #[test]
    fn users_are_keyed_by_lowercase_upn_then_name() {
        let mut s = record("failure", &["Block"], Some("application,users"));
        assert_eq!(user_key(&s), "dana@contoso.com");
        s.user_principal_name = Some("".into());
        s.user_display_name = Some("Dana Example".into());
        assert_eq!(user_key(&s), "Dana Example");
    }

    /// The detail sentence in French: whole sentences, « » around the policy name, log
    /// values as logged.
    #[test]
    fn the_detail_reads_in_french() {
        use crate::i18n::{Lang, with_lang};
        let d = with_lang(Lang::Fr, || {
            classify(&record(
                "failure",
                &["Block"],
                Some("application,users,location"),
            ))
            .unwrap()
        });
        assert_eq!(
            d.detail,
            "la connexion depuis BR (ipAddress 203.0.113.7) est hors des emplacements autorisés \
             par la stratégie « CA900 - Policy »"
        );
        // Evidence that quotes the log keeps its field names and values; the words around
        // them are French.
        assert_eq!(
            d.evidence[0],
            "stratégie « CA900 - Policy » (résultat failure, octroi Block), conditions \
             satisfaites : application, users, location"
        );

        // Two blocking policies, inferred from the name: one more, and how sure.
        let mut s = named("CA004 - Block legacy authentication", &["Block"], None);
        s.client_app_used = Some("IMAP4".into());
        s.policies
            .as_mut()
            .unwrap()
            .push(policy("CA005 - Other", "failure", &["Block"], None));
        let d = with_lang(Lang::Fr, || classify(&s).unwrap());
        assert!(
            d.detail.starts_with(
                "IMAP4 relève de l'authentification héritée, bloquée par la stratégie \
                 « CA004 - Block legacy authentication » (et 1 autre) (déduit du nom"
            ),
            "{}",
            d.detail
        );
        assert!(
            d.evidence.iter().any(|e| e
                == "le nom de stratégie « CA004 - Block legacy authentication » suggère une \
                    règle client_app"),
            "{:?}",
            d.evidence
        );

        // Nothing to go on: a CSV row without a policy list.
        let mut s = record("failure", &["Block"], None);
        s.policies = None;
        let d = with_lang(Lang::Fr, || classify(&s).unwrap());
        assert_eq!(
            d.detail,
            "connexion bloquée par l'accès conditionnel, mais sans détail de stratégie dans \
             l'export (le téléchargement CSV du portail n'en contient jamais) ; elle ne montre \
             ni client hérité, ni flux de code d'appareil, ni risque"
        );
        // The same record in English is unchanged.
        assert!(classify(&s).unwrap().detail.starts_with(
            "blocked by Conditional Access, but the export carries no policy details"
        ));
    }

    #[test]
    fn a_paste_reads_in_french() {
        use crate::i18n::{Lang, with_lang};
        let p = Paste {
            error_code: Some(53003),
            device_state: Some("Unregistered".into()),
            ..Paste::default()
        };
        let d = with_lang(Lang::Fr, || classify_paste(&p).unwrap());
        assert!(
            d.detail
                .starts_with("la page d'erreur indique que l'appareil n'est pas inscrit : "),
            "{}",
            d.detail
        );
        assert_eq!(
            d.evidence,
            ["page d'erreur : Device state = \"Unregistered\""]
        );
    }

    #[test]
    fn policy_names_hint_at_causes() {
        assert_eq!(
            name_hints("CA004 - Block legacy authentication"),
            [Cause::ClientApp]
        );
        assert_eq!(
            name_hints("Block access from untrusted IP"),
            [Cause::Location]
        );
        assert_eq!(
            name_hints("CA021 - Block unmanaged iOS for Exchange"),
            [Cause::DeviceState, Cause::DevicePlatform]
        );
        assert_eq!(
            name_hints("CA060 - Block device code flow"),
            [Cause::AuthFlow]
        );
        // Words, not substrings: "shipping" is not "ip", "popular" is not "pop".
        assert!(name_hints("Shipping team popular apps").is_empty());
    }
}
