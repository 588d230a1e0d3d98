//! `--format json`: the whole report as one object, exactly the DESIGN.md contract
//! (`schema_version`, `summary`, `warnings`, `users`, `failures`). Extend, never rename.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::incidents::{FindingOut, IncidentOut, PatternOut, StatusOut};
use super::{FailureOut, rfc3339};
use crate::model::Cause;
use crate::model::Diagnosis;
use crate::summary::{Report, Spill};

/// Bumped only when a field changes meaning; new fields do not bump it.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    summary: Summary<'a>,
    warnings: &'a [String],
    users: Vec<User<'a>>,
    failures: Failures<'a>,
    /// Policies or causes that suddenly began blocking many users (see `incidents`).
    /// After the failures, so the contract's first keys keep their order.
    incidents: Vec<IncidentOut<'a>>,
}

/// The failures, from memory or read back from a spill file one at a time.
struct Failures<'a> {
    list: &'a [Diagnosis],
    spill: std::cell::RefCell<Option<&'a mut Spill>>,
}

impl Serialize for Failures<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        match self.spill.borrow_mut().as_mut() {
            Some(spill) => {
                let mut seq = s.serialize_seq(Some(spill.len()))?;
                for d in spill.sorted().map_err(S::Error::custom)? {
                    let d = d.map_err(S::Error::custom)?;
                    seq.serialize_element(&FailureOut::new(&d))?;
                }
                seq.end()
            }
            None => s.collect_seq(self.list.iter().map(FailureOut::new)),
        }
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    /// Records read, whatever their outcome.
    records: u64,
    /// Distinct blocked sign-ins (AADSTS53003).
    blocked: u64,
    /// Distinct users with at least one blocked sign-in.
    users: u64,
    /// Blocked sign-ins by primary cause, most first.
    #[serde(serialize_with = "cause_counts")]
    by_cause: &'a [(Cause, u64, u64)],
    /// Blocked sign-ins by blocking policy, most first.
    #[serde(serialize_with = "policy_counts")]
    by_policy: &'a [(String, u64, u64)],
    /// Records with error code 0.
    succeeded: u64,
    /// Records with other error codes, by code (not diagnosed: not Conditional Access blocks).
    other_failures: BTreeMap<String, u64>,
    /// Sign-ins that a report-only policy would have blocked; they were not blocked.
    would_block: u64,
    /// Duplicate records of blocked sign-ins merged into one.
    duplicates: u64,
    /// Records left out by --since, --until or --user.
    filtered_out: u64,
}

#[derive(Serialize)]
struct User<'a> {
    user: &'a str,
    blocked: u64,
    #[serde(serialize_with = "user_causes")]
    causes: &'a [(Cause, u64)],
    policies: &'a [String],
    apps: &'a [String],
    first_seen: Option<String>,
    last_seen: Option<String>,
    fix: &'a str,
    /// What the user's sign-ins show together: travel_or_vpn, working_device,
    /// working_client, retry_storm.
    findings: Vec<FindingOut<'a>>,
    /// Per blocked app (by name): resolved, still_blocked, recurring or unknown.
    status: Vec<StatusOut<'a>>,
    /// Structural (a rule enforced), transient (a passing condition) or mixed.
    pattern: Option<PatternOut<'a>>,
}

fn cause_counts<S: Serializer>(v: &&[(Cause, u64, u64)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (c, n, _) in v.iter() {
        m.serialize_entry(c.as_str(), n)?;
    }
    m.end()
}

fn policy_counts<S: Serializer>(v: &&[(String, u64, u64)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (p, n, _) in v.iter() {
        m.serialize_entry(p, n)?;
    }
    m.end()
}

fn user_causes<S: Serializer>(v: &&[(Cause, u64)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (c, n) in v.iter() {
        m.serialize_entry(c.as_str(), n)?;
    }
    m.end()
}

/// `spill`: the report's failures when they did not fit in memory (`Report::spilled`).
pub(crate) fn write(out: &mut impl Write, r: &Report, spill: Option<&mut Spill>) -> io::Result<()> {
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        summary: Summary {
            records: r.records,
            blocked: r.blocked,
            users: r.users.len() as u64,
            by_cause: &r.by_cause,
            by_policy: &r.by_policy,
            succeeded: r.succeeded,
            other_failures: r
                .other_failures
                .iter()
                .map(|(code, n)| (code.to_string(), *n))
                .collect(),
            would_block: r.would_block,
            duplicates: r.duplicates,
            filtered_out: r.filtered_out,
        },
        warnings: &r.warnings,
        incidents: r.incidents.iter().map(IncidentOut::new).collect(),
        users: r
            .users
            .iter()
            .map(|u| User {
                user: &u.user,
                blocked: u.blocked,
                causes: &u.causes,
                policies: &u.policies,
                apps: &u.apps,
                first_seen: u.first_seen.map(rfc3339),
                last_seen: u.last_seen.map(rfc3339),
                fix: &u.fix,
                findings: u.findings.iter().map(FindingOut::new).collect(),
                status: u.status.iter().map(StatusOut::new).collect(),
                pattern: u.pattern.as_ref().map(PatternOut::new),
            })
            .collect(),
        failures: Failures {
            list: &r.failures,
            spill: std::cell::RefCell::new(spill),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
