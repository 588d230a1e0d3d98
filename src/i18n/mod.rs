//! The language of every human text: which one this run speaks (`--lang`, else the
//! locale), and `Tr`, the catalogue entry that holds one text in every language.
//!
//! Texts are data: each area keeps its texts in a `texts!` table (or, for the remedies and
//! error codes, in its catalogue), English and French side by side. A `Tr` without its
//! French does not compile, and the tests below check that both languages of every text
//! use the same placeholders, so a new message cannot ship untranslated.
//!
//! The language is a process-wide setting, like the C locale: `main` sets it once, before
//! any work, from `--lang` or the environment, and nothing changes it afterwards. Passing
//! it to every function that words a sentence (the classifier, the insights, the replay,
//! every renderer) would thread one flag through a hundred signatures for no gain. JSON
//! keys, cause names and other machine-read values never depend on it.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

pub(crate) mod check;
pub(crate) mod classify;
pub(crate) mod explain;
pub(crate) mod html;
pub(crate) mod insights;
pub(crate) mod replay;
pub(crate) mod report;

/// A language the texts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Fr,
}

impl Lang {
    /// The language of a locale name as the environment spells it: `fr`, `fr_FR.UTF-8`,
    /// `fr_CA@euro`, `en_GB`, `C`, `POSIX`. `None` for a language without texts (the
    /// caller falls back to English).
    pub(crate) fn from_locale(locale: &str) -> Option<Lang> {
        let language = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "fr" => Some(Lang::Fr),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set and not empty decides (POSIX precedence); a language signin-doctor
    /// has no texts for, or no locale at all, means English.
    pub(crate) fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).filter(|v| !v.trim().is_empty()))
            .and_then(|locale| Lang::from_locale(locale.trim()))
            .unwrap_or(Lang::En)
    }

    /// Whether `n` things take the singular: French counts 0 and 1 as singular ("0 bloqué"),
    /// English only 1.
    pub(crate) fn singular(self, n: u64) -> bool {
        match self {
            Lang::En => n == 1,
            Lang::Fr => n <= 1,
        }
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of this run. Called once, by `main`, before any work.
pub(crate) fn set(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language of this run (English until `set`).
pub(crate) fn lang() -> Lang {
    #[cfg(test)]
    if let Some(lang) = OVERRIDE.with(|o| o.get()) {
        return lang;
    }
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::Fr,
        _ => Lang::En,
    }
}

#[cfg(test)]
thread_local! {
    static OVERRIDE: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with this thread speaking `lang` (tests run in parallel threads, so they must
/// not touch the process-wide setting).
#[cfg(test)]
pub(crate) fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let out = f();
    OVERRIDE.with(|o| o.set(before));
    out
}

/// One text in every language. Placeholders are `{name}`, filled by [`Tr::fill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tr {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Tr {
    /// The text in this run's language.
    pub(crate) fn get(self) -> &'static str {
        self.get_in(lang())
    }

    pub(crate) fn get_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }

    /// The text with each `{name}` replaced by its value. One pass over the template, so a
    /// value that itself contains `{name}` (log text can) is never expanded.
    pub(crate) fn fill(self, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(), args)
    }
}

/// `{name}` → value, in one pass. A placeholder without a value is left as written (and is
/// a bug the debug build reports).
pub(crate) fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let value = close.and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, v))
        });
        match value {
            Some((close, v)) => {
                let _ = write!(out, "{v}");
                rest = &after[close + 1..];
            }
            None => {
                // `{name}` without a value is a bug; any other brace is just text.
                let name = close.map(|c| &after[..c]).unwrap_or("");
                let is_name =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                debug_assert!(!is_name, "no value for {{{name}}} in {template:?}");
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `n` with the singular or plural noun of this run's language: `count(3, USER, USERS)`
/// → "3 users" / "3 utilisateurs".
pub(crate) fn count(n: u64, one: Tr, many: Tr) -> String {
    format!("{n} {}", plural(n, one, many).get())
}

/// A name (a policy, a named location) quoted the way this run's language quotes:
/// `"CA010 - Block"` (escaped as Rust would) or `« CA010 - Block »`.
pub(crate) fn quote(name: &str) -> String {
    match lang() {
        Lang::En => format!("{name:?}"),
        Lang::Fr => format!("« {name} »"),
    }
}

/// The text about `n` things: `one` where this run's language says singular (French: 0
/// and 1; English: 1), else `many`.
pub(crate) fn plural(n: u64, one: Tr, many: Tr) -> Tr {
    if lang().singular(n) { one } else { many }
}

/// The singular or plural form of a whole sentence about `n` things, with `{n}` filled:
/// `pick(n, ONE_FILE, FILES)`.
pub(crate) fn pick(n: u64, one: Tr, many: Tr) -> String {
    plural(n, one, many).fill(&[("n", &n)])
}

/// Declares a table of texts: one `pub(crate) const` per text, English and French side by
/// side, and (for the tests) `ALL`, every text of the table with its name.
///
/// ```ignore
/// texts! {
///     /// Column header.
///     USER { en: "User", fr: "Utilisateur" }
/// }
/// ```
macro_rules! texts {
    ($( $(#[$meta:meta])* $name:ident { en: $en:expr, fr: $fr:expr $(,)? } )*) => {
        $(
            $(#[$meta])*
            pub(crate) const $name: $crate::i18n::Tr = $crate::i18n::Tr { en: $en, fr: $fr };
        )*
        /// Every text of this table, by name (for the completeness tests).
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, $crate::i18n::Tr)] = &[$((stringify!($name), $name)),*];
    };
}
pub(crate) use texts;

/// Every text the program can print, by area and name (for the completeness tests).
#[cfg(test)]
pub(crate) fn all_texts() -> Vec<(String, Tr)> {
    let tables: [(&str, &[(&str, Tr)]); 7] = [
        ("check", check::ALL),
        ("classify", classify::ALL),
        ("explain", explain::ALL),
        ("html", html::ALL),
        ("insights", insights::ALL),
        ("replay", replay::ALL),
        ("report", report::ALL),
    ];
    let mut all: Vec<(String, Tr)> = tables
        .iter()
        .flat_map(|(area, texts)| texts.iter().map(move |(n, t)| (format!("{area}::{n}"), *t)))
        .collect();
    all.extend(crate::fixes::all_texts());
    all.extend(crate::codes::all_texts());
    all
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    found.insert(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        found
    }

    #[test]
    fn every_text_has_every_language_with_the_same_placeholders() {
        let all = all_texts();
        assert!(!all.is_empty(), "the catalogue is empty");
        let mut problems = Vec::new();
        for (name, text) in &all {
            if text.en.trim().is_empty() || text.fr.trim().is_empty() {
                problems.push(format!("{name}: a language is empty"));
            }
            if placeholders(text.en) != placeholders(text.fr) {
                problems.push(format!(
                    "{name}: placeholders differ: en {:?}, fr {:?}",
                    placeholders(text.en),
                    placeholders(text.fr)
                ));
            }
            // A single word may be the same in French ("Application", "Total"); a phrase is not.
            let phrase = text.en.trim().contains(' ');
            if phrase && text.en == text.fr {
                problems.push(format!("{name}: the French is the English ({:?})", text.en));
            }
            // Same leading and trailing whitespace and line breaks: renderers rely on them.
            let edges = |t: &str| {
                (
                    t.len() - t.trim_start().len() > 0,
                    t.len() - t.trim_end().len() > 0,
                    t.matches('\n').count(),
                )
            };
            if edges(text.en) != edges(text.fr) {
                problems.push(format!("{name}: spacing or line breaks differ"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// French as a terminal shows it: a plain space before ":", ";", "?", "!" and "»" and
    /// after "«" (no non-breaking space, which terminals and `wrap` treat unevenly), and the
    /// portal's vocabulary rather than its English or a false friend.
    pub(crate) fn french_typography(text: &str) -> Result<(), String> {
        if text.contains(['\u{a0}', '\u{202f}']) {
            return Err(format!("non-breaking space in {text:?}"));
        }
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            // "10:42", "https://", "a;b" in a value are not punctuation, nor is the colon
            // after a quoted field name (`{"value": …}`, `networkLocationDetails: …`).
            let word: String = chars[..i]
                .iter()
                .rev()
                .take_while(|ch| !ch.is_whitespace() && **ch != '(')
                .collect();
            let field = before == Some('"')
                || word.chars().any(|ch| ch.is_ascii_uppercase())
                    && word.chars().all(|ch| ch.is_ascii_alphanumeric());
            let punctuation = !field && after.is_none_or(|ch| ch == ' ' || ch == '\n');
            let ok = match c {
                ';' | ':' | '?' | '!' if punctuation => before == Some(' '),
                '»' => before == Some(' '),
                '«' => after == Some(' '),
                _ => true,
            };
            if !ok {
                return Err(format!("no space around {c:?} in {text:?}"));
            }
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .map(str::to_lowercase)
            .collect();
        for word in [
            "politique",
            "politiques",
            "périphérique",
            "périphériques",
            "tenant",
        ] {
            if words.iter().any(|w| w == word) {
                return Err(format!("{word:?} in {text:?} (see the glossary)"));
            }
        }
        Ok(())
    }

    #[test]
    fn french_is_typeset_for_a_terminal_with_the_portal_words() {
        let problems: Vec<String> = all_texts()
            .iter()
            .filter_map(|(name, text)| {
                french_typography(text.fr)
                    .err()
                    .map(|e| format!("{name}: {e}"))
            })
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn locale_names() {
        for (locale, lang) in [
            ("fr", Some(Lang::Fr)),
            ("fr_FR.UTF-8", Some(Lang::Fr)),
            ("fr_CA", Some(Lang::Fr)),
            ("fr_BE@euro", Some(Lang::Fr)),
            ("FR-fr", Some(Lang::Fr)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("C", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("de_DE.UTF-8", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale}");
        }
    }

    #[test]
    fn environment_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        // LC_ALL beats LC_MESSAGES beats LANG.
        let all = env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "fr_FR.UTF-8")]);
        assert_eq!(Lang::from_env(all), Lang::En);
        let msgs = env(&[("LC_MESSAGES", "fr_FR"), ("LANG", "en_GB")]);
        assert_eq!(Lang::from_env(msgs), Lang::Fr);
        // Empty means unset.
        let empty = env(&[("LC_ALL", ""), ("LANG", "fr_FR.UTF-8")]);
        assert_eq!(Lang::from_env(empty), Lang::Fr);
        // A language without texts is English, not the next variable.
        let german = env(&[("LC_ALL", "de_DE.UTF-8"), ("LANG", "fr_FR.UTF-8")]);
        assert_eq!(Lang::from_env(german), Lang::En);
    }

    #[test]
    fn fill_is_one_pass_and_keeps_unknown_braces() {
        let t = Tr {
            en: "{who} blocked by {policy}",
            fr: "{who} bloqué par {policy}",
        };
        let policy = "CA {who} {x";
        let out = with_lang(Lang::Fr, || {
            t.fill(&[("who", &"Dana"), ("policy", &policy)])
        });
        assert_eq!(out, "Dana bloqué par CA {who} {x");
        assert_eq!(fill("a {b", &[]), "a {b");
    }

    #[test]
    fn plural_rules() {
        let one = Tr {
            en: "user",
            fr: "utilisateur",
        };
        let many = Tr {
            en: "users",
            fr: "utilisateurs",
        };
        with_lang(Lang::En, || {
            assert_eq!(count(0, one, many), "0 users");
            assert_eq!(count(1, one, many), "1 user");
        });
        with_lang(Lang::Fr, || {
            assert_eq!(count(0, one, many), "0 utilisateur");
            assert_eq!(count(2, one, many), "2 utilisateurs");
        });
    }
}
