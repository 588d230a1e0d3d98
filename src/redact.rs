//! `--redact`: replaces who and where in each record (user names and ids, IP addresses,
//! device names and ids, city) with keyed pseudonyms before anything is classified or
//! shown, so a report can leave the team. Same value → same pseudonym within a run, and
//! across runs that use the same `--redact-key`.

use std::borrow::Cow;
use std::hash::{BuildHasher, RandomState};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::load::Paste;
use crate::model::SignIn;
use crate::summary::Filter;

/// Hex digits of a pseudonym: 48 bits, so 100 000 users collide with odds of about 1 in
/// 50 000.
const TAG_HEX: usize = 12;

pub(crate) struct Redactor {
    key: [u8; 32],
}

impl Redactor {
    /// Pseudonyms stable across runs that pass the same secret.
    pub(crate) fn with_key(secret: &str) -> Redactor {
        Redactor {
            key: Sha256::digest(secret.as_bytes()).into(),
        }
    }

    /// Pseudonyms for this run only: the key is random and never shown.
    pub(crate) fn for_this_run() -> Redactor {
        let mut key = [0u8; 32];
        for (i, chunk) in key.chunks_mut(8).enumerate() {
            // Each RandomState is keyed from the operating system's randomness.
            chunk.copy_from_slice(&RandomState::new().hash_one(i).to_le_bytes());
        }
        Redactor { key }
    }

    /// The first TAG_HEX hex digits of HMAC-SHA256(key, kind NUL value), the value
    /// trimmed and lower-cased (UPNs, IPv6 addresses and GUIDs ignore case).
    fn tag(&self, kind: &str, value: &str) -> String {
        self.tag_of(kind, value, TAG_HEX)
    }

    fn tag_of(&self, kind: &str, value: &str, hex: usize) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("any key length");
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.trim().to_lowercase().as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = String::with_capacity(hex);
        for b in digest.iter().take(hex / 2) {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }

    /// `alice@contoso.com` → `user-1a2b3c4d5e6f@domain-9a8b7c6d.invalid`: the same
    /// domain keeps the same pseudonym, so guests still stand out (a tenant meets few
    /// domains, so 8 digits do).
    pub(crate) fn upn(&self, upn: &str) -> String {
        match upn.trim().rsplit_once('@') {
            Some((_, domain)) => format!(
                "user-{}@domain-{}.invalid",
                self.tag("upn", upn),
                self.tag_of("domain", domain, 8)
            ),
            None => format!("user-{}", self.tag("upn", upn)),
        }
    }

    pub(crate) fn display_name(&self, name: &str) -> String {
        format!("User {}", self.tag("name", name))
    }

    /// Keeps the address family, which some advice depends on.
    pub(crate) fn ip(&self, ip: &str) -> String {
        let family = if ip.contains(':') { "ipv6" } else { "ipv4" };
        format!("{family}-{}", self.tag("ip", ip))
    }

    /// Every identifying field of one record; the country stays.
    pub(crate) fn record<'a>(&self, mut s: SignIn<'a>) -> SignIn<'a> {
        let swap = |v: &mut Option<Cow<'a, str>>, f: &dyn Fn(&str) -> String| {
            if let Some(text) = v.as_deref().filter(|t| !t.trim().is_empty()) {
                *v = Some(Cow::Owned(f(text)));
            }
        };
        swap(&mut s.user_principal_name, &|v| self.upn(v));
        swap(&mut s.user_display_name, &|v| self.display_name(v));
        swap(&mut s.user_id, &|v| {
            format!("userid-{}", self.tag("userid", v))
        });
        swap(&mut s.ip_address, &|v| self.ip(v));
        swap(&mut s.device.device_id, &|v| {
            format!("deviceid-{}", self.tag("deviceid", v))
        });
        swap(&mut s.device.display_name, &|v| {
            format!("device-{}", self.tag("device", v))
        });
        // A city with the country narrows a person down; the country alone is kept.
        s.city = None;
        swap(&mut s.user_agent, &|v| self.text(v));
        s
    }

    /// What a pasted error text says about the person and the place.
    pub(crate) fn paste(&self, p: &mut Paste) {
        if let Some(ip) = p.ip.as_mut() {
            *ip = self.ip(ip);
        }
        if let Some(id) = p.device_id.as_mut() {
            *id = format!("deviceid-{}", self.tag("deviceid", id));
        }
        if let Some(m) = p.message.as_mut() {
            *m = self.text(m);
        }
    }

    /// `--user` values, turned into the pseudonyms the records will carry.
    pub(crate) fn filter(&self, f: &mut Filter) {
        f.users = f
            .users
            .iter()
            .flat_map(|u| [self.upn(u), self.display_name(u)])
            .collect();
    }

    /// Break-glass UPNs, likewise.
    pub(crate) fn upns(&self, upns: &[String]) -> Vec<String> {
        upns.iter().map(|u| self.upn(u)).collect()
    }

    /// Free text (an error message, a user agent): each word that looks like an email
    /// address or an IP address is replaced.
    pub(crate) fn text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let trimmed = word.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
            let rest = &word[trimmed.len()..];
            if looks_like_email(trimmed) {
                out.push_str(&self.upn(trimmed));
                out.push_str(rest);
            } else if looks_like_ip(trimmed) {
                out.push_str(&self.ip(trimmed));
                out.push_str(rest);
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in text.chars() {
            if c.is_whitespace() || matches!(c, '\'' | '"' | '(' | '<' | '>' | '[' | ']') {
                flush(&mut word, &mut out);
                out.push(c);
            } else {
                word.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }
}

fn looks_like_email(w: &str) -> bool {
    w.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
    })
}

fn looks_like_ip(w: &str) -> bool {
    w.parse::<std::net::IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_value_gets_the_same_pseudonym_whatever_its_case() {
        let r = Redactor::with_key("k");
        assert_eq!(r.upn("Alice@Contoso.com"), r.upn("alice@contoso.com "));
        assert_ne!(r.upn("alice@contoso.com"), r.upn("bob@contoso.com"));
        // Same domain, same domain pseudonym.
        let (a, b) = (r.upn("alice@contoso.com"), r.upn("bob@contoso.com"));
        assert_eq!(a.split_once('@').unwrap().1, b.split_once('@').unwrap().1);
        assert!(a.starts_with("user-") && a.ends_with(".invalid"), "{a}");
    }

    #[test]
    fn the_key_decides_the_pseudonyms() {
        let (a, b) = (Redactor::with_key("one"), Redactor::with_key("two"));
        assert_eq!(
            a.upn("alice@contoso.com"),
            Redactor::with_key("one").upn("alice@contoso.com")
        );
        assert_ne!(a.upn("alice@contoso.com"), b.upn("alice@contoso.com"));
        assert_ne!(
            Redactor::for_this_run().ip("203.0.113.7"),
            Redactor::for_this_run().ip("203.0.113.7")
        );
    }

    #[test]
    fn records_keep_the_country_and_lose_the_rest() {
        let r = Redactor::with_key("k");
        let mut s = SignIn {
            user_principal_name: Some("alice@contoso.com".into()),
            user_display_name: Some("Alice Example".into()),
            ip_address: Some("2001:db8::1".into()),
            city: Some("Seattle".into()),
            country: Some("US".into()),
            user_agent: Some("Agent (contact admin@contoso.com) from 203.0.113.9".into()),
            ..SignIn::default()
        };
        s.device.display_name = Some("ALICE-LAPTOP".into());
        let s = r.record(s);
        let shown = format!("{s:?}");
        for secret in [
            "alice",
            "Alice",
            "contoso",
            "2001:db8",
            "Seattle",
            "ALICE-LAPTOP",
            "203.0.113.9",
        ] {
            assert!(!shown.contains(secret), "{secret} left in {shown}");
        }
        assert_eq!(s.country.as_deref(), Some("US"));
        assert!(s.ip_address.as_deref().unwrap().starts_with("ipv6-"));
    }

    #[test]
    fn free_text_keeps_its_words_and_punctuation() {
        let r = Redactor::with_key("k");
        let text = r.text("AADSTS50034: The user account 'bob@fabrikam.com' does not exist.");
        assert!(
            text.starts_with("AADSTS50034: The user account 'user-"),
            "{text}"
        );
        assert!(text.ends_with(".invalid' does not exist."), "{text}");
    }
}
