//! Finding one failure for `explain`: the sign-ins whose request id or correlation id is
//! the one asked for (rows of one sign-in merged), what was searched when nothing matched,
//! and each match turned into an entry: a diagnosis for a 53003, the error catalogue's
//! reading otherwise. No I/O: records are fed in, entries come out.

use chrono::{DateTime, Utc};

use crate::classify;
use crate::model::{BLOCKED_BY_CONDITIONAL_ACCESS, Diagnosis, SignIn};

/// An id as users type it: braces, spaces and case do not matter.
pub(crate) fn normalize_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim()
        .to_ascii_lowercase()
}

/// The facts of a sign-in that a ticket needs, whatever its outcome.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facts {
    pub request_id: Option<String>,
    pub correlation_id: Option<String>,
    pub time: Option<DateTime<Utc>>,
    pub user: String,
    pub app: Option<String>,
    pub resource: Option<String>,
    pub ip: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub error_code: Option<i64>,
}

impl Facts {
    fn of(s: &SignIn<'_>) -> Facts {
        let text = |v: &Option<std::borrow::Cow<'_, str>>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        Facts {
            request_id: text(&s.id),
            correlation_id: text(&s.correlation_id),
            time: s.created,
            user: classify::user_key(s),
            app: text(&s.app_display_name),
            resource: text(&s.resource_display_name),
            ip: text(&s.ip_address),
            city: text(&s.city),
            country: text(&s.country),
            error_code: s.error_code,
        }
    }
}

/// One sign-in found.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub facts: Facts,
    /// For a Conditional Access block (53003).
    pub diagnosis: Option<Diagnosis>,
}

impl Entry {
    pub(crate) fn blocked(&self) -> bool {
        self.diagnosis.is_some()
    }
}

/// How the id matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MatchedBy {
    RequestId,
    CorrelationId,
}

/// The records read while looking, and the ones that matched.
#[derive(Debug, Default)]
pub(crate) struct Search {
    /// Request ids to look for (the first that matches wins), then correlation ids.
    request_ids: Vec<String>,
    correlation_ids: Vec<String>,
    by_request: Vec<SignIn<'static>>,
    by_correlation: Vec<SignIn<'static>>,
    pub records: u64,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    /// Records that say they were non-interactive (token refreshes, background apps).
    pub non_interactive: u64,
}

impl Search {
    /// Looks for `id` as a request id or a correlation id.
    pub(crate) fn for_any(id: &str) -> Search {
        let id = normalize_id(id);
        Search {
            request_ids: vec![id.clone()],
            correlation_ids: vec![id],
            ..Search::default()
        }
    }

    /// Looks for a pasted request id, falling back to its correlation id.
    pub(crate) fn for_paste(request_id: Option<&str>, correlation_id: Option<&str>) -> Search {
        Search {
            request_ids: request_id.map(normalize_id).into_iter().collect(),
            correlation_ids: correlation_id.map(normalize_id).into_iter().collect(),
            ..Search::default()
        }
    }

    pub(crate) fn add(&mut self, s: SignIn<'_>) {
        self.records += 1;
        if let Some(t) = s.created {
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
        }
        self.non_interactive += u64::from(s.is_interactive == Some(false));
        let id = s.id.as_deref().map(normalize_id);
        let correlation = s.correlation_id.as_deref().map(normalize_id);
        let hit_request = id.as_ref().is_some_and(|i| self.request_ids.contains(i));
        let hit_correlation = correlation
            .as_ref()
            .is_some_and(|c| self.correlation_ids.contains(c));
        if hit_request {
            self.by_request.push(s.into_owned());
        } else if hit_correlation {
            self.by_correlation.push(s.into_owned());
        }
    }

    /// The sign-ins found, blocked ones first, each group in time order; `None` when
    /// nothing matched.
    #[cfg(test)]
    pub(crate) fn finish(self) -> Option<(MatchedBy, Vec<Entry>)> {
        self.finish_with(None)
    }

    /// As `finish`, each blocked sign-in replayed against `policies` when given.
    pub(crate) fn finish_with(
        self,
        policies: Option<&crate::replay::PolicySet>,
    ) -> Option<(MatchedBy, Vec<Entry>)> {
        let (by, records) = if !self.by_request.is_empty() {
            (MatchedBy::RequestId, self.by_request)
        } else if !self.by_correlation.is_empty() {
            (MatchedBy::CorrelationId, self.by_correlation)
        } else {
            return None;
        };
        // Rows of one sign-in (split exports, overlapping files) become one record.
        let mut merged: Vec<SignIn<'static>> = Vec::new();
        for r in records {
            let same = merged.iter_mut().find(|m| {
                m.id.is_some()
                    && m.id.as_deref().map(normalize_id) == r.id.as_deref().map(normalize_id)
            });
            match same {
                Some(m) => {
                    m.merge_row(r);
                }
                None => merged.push(r),
            }
        }
        let mut entries: Vec<Entry> = merged
            .iter()
            .map(|s| {
                let mut diagnosis = classify::classify(s);
                if let (Some(d), Some(set)) = (diagnosis.as_mut(), policies) {
                    crate::replay::enrich(d, s, set);
                }
                Entry {
                    facts: Facts::of(s),
                    diagnosis,
                }
            })
            .collect();
        entries.sort_by(|a, b| {
            (
                !a.blocked(),
                a.facts.time.is_none(),
                a.facts.time,
                &a.facts.request_id,
            )
                .cmp(&(
                    !b.blocked(),
                    b.facts.time.is_none(),
                    b.facts.time,
                    &b.facts.request_id,
                ))
        });
        Some((by, entries))
    }
}

/// Whether the code is the one this tool diagnoses in full.
pub(crate) fn is_block(code: Option<i64>) -> bool {
    code == Some(BLOCKED_BY_CONDITIONAL_ACCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in(id: &str, correlation: &str, code: i64, time: &str) -> SignIn<'static> {
        SignIn {
            id: Some(id.to_string().into()),
            correlation_id: Some(correlation.to_string().into()),
            error_code: Some(code),
            created: crate::model::parse_time(time),
            user_principal_name: Some("dana@contoso.com".into()),
            ..SignIn::default()
        }
    }

    #[test]
    fn ids_match_whatever_their_case_and_braces() {
        assert_eq!(normalize_id(" {ABC-def} "), "abc-def");
        let mut s = Search::for_any("{AAAA}");
        s.add(sign_in("aaaa", "c1", 53003, "2026-11-02T08:00:00Z"));
        s.add(sign_in("bbbb", "c1", 0, "2026-11-02T08:01:00Z"));
        let (by, entries) = s.finish().unwrap();
        assert_eq!(by, MatchedBy::RequestId);
        assert_eq!(entries.len(), 1);
        assert!(entries[0].blocked());
    }

    #[test]
    fn a_correlation_chain_puts_blocks_first_then_time_order() {
        let mut s = Search::for_any("c1");
        s.add(sign_in("r3", "c1", 0, "2026-11-02T08:03:00Z"));
        s.add(sign_in("r2", "c1", 53003, "2026-11-02T08:02:00Z"));
        s.add(sign_in("r1", "c1", 50074, "2026-11-02T08:01:00Z"));
        s.add(sign_in("x", "other", 53003, "2026-11-02T08:00:00Z"));
        assert_eq!(s.records, 4);
        let (by, entries) = s.finish().unwrap();
        assert_eq!(by, MatchedBy::CorrelationId);
        let ids: Vec<&str> = entries
            .iter()
            .map(|e| e.facts.request_id.as_deref().unwrap())
            .collect();
        assert_eq!(ids, ["r2", "r1", "r3"]);
    }

    #[test]
    fn a_paste_looks_for_its_request_id_before_its_correlation_id() {
        let mut s = Search::for_paste(Some("r2"), Some("c1"));
        s.add(sign_in("r1", "c1", 0, "2026-11-02T08:01:00Z"));
        s.add(sign_in("r2", "c1", 53003, "2026-11-02T08:02:00Z"));
        let (by, entries) = s.finish().unwrap();
        assert_eq!((by, entries.len()), (MatchedBy::RequestId, 1));
        let mut s = Search::for_paste(Some("nope"), Some("c1"));
        s.add(sign_in("r1", "c1", 0, "2026-11-02T08:01:00Z"));
        assert_eq!(s.finish().unwrap().0, MatchedBy::CorrelationId);
        assert!(Search::for_any("nothing").finish().is_none());
    }
}
