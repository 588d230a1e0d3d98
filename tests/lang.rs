//! `--lang` and the locale: which language the human texts come in, that French output
//! reads as French, and that nothing a script reads (JSON keys, cause names, values,
//! exit codes) changes with the language.

use serde_json::Value;

mod common;
use common::{doctor, fixture};

/// Runs the binary with `env` set and returns (stdout, exit code).
fn run(args: &[&str], env: &[(&str, &str)]) -> (String, i32) {
    let mut cmd = doctor();
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.args(args).output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        out.status.code().expect("exit code"),
    )
}

fn report(lang_args: &[&str], env: &[(&str, &str)]) -> String {
    let every_cause = fixture("graph-beta-every-cause.json");
    let mut args = vec!["report", every_cause.as_str()];
    args.extend_from_slice(lang_args);
    let (out, code) = run(&args, env);
    assert_eq!(code, 0);
    out
}

#[test]
fn the_flag_and_the_locale_choose_the_language() {
    let english = report(&["--lang", "en"], &[]);
    let french = report(&["--lang", "fr"], &[]);
    assert_ne!(english, french);
    // No locale at all: English.
    assert_eq!(report(&[], &[]), english);
    // LANG, LC_MESSAGES and LC_ALL, in POSIX precedence.
    assert_eq!(report(&[], &[("LANG", "fr_FR.UTF-8")]), french);
    assert_eq!(report(&[], &[("LANG", "fr_CA")]), french);
    assert_eq!(
        report(
            &[],
            &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_FR.UTF-8")]
        ),
        french
    );
    assert_eq!(
        report(&[], &[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "C")]),
        english
    );
    // A language without texts falls back to English.
    assert_eq!(report(&[], &[("LANG", "de_DE.UTF-8")]), english);
    // The flag beats the locale.
    assert_eq!(
        report(&["--lang", "en"], &[("LC_ALL", "fr_FR.UTF-8")]),
        english
    );
    assert_eq!(report(&["--lang", "fr"], &[("LC_ALL", "C")]), french);
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_the_choices() {
    let out = doctor()
        .args(["report", "--lang", "de", &fixture("sample-tenant.json")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[possible values: en, fr]"), "{err}");
}

/// Every key, and every value that is not human text, is the same in both languages.
fn same_machine_shape(en: &Value, fr: &Value, path: &str, texts: &mut usize) {
    match (en, fr) {
        (Value::Object(a), Value::Object(b)) => {
            let keys = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(a), keys(b), "keys differ at {path}");
            for (k, v) in a {
                same_machine_shape(v, &b[k], &format!("{path}.{k}"), texts);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "lengths differ at {path}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_machine_shape(x, y, &format!("{path}[{i}]"), texts);
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            // Human text may differ; a machine value may not.
            let key = path.rsplit('.').next().unwrap_or(path);
            let key = key.split('[').next().unwrap_or(key);
            // `fix.user` is the advice for the user, not a user name.
            let advice = path.ends_with("fix.user");
            assert!(
                advice || !MACHINE_STRINGS.contains(&key),
                "{path} changed with the language: {a:?} vs {b:?}"
            );
            *texts += 1;
        }
        _ => assert_eq!(en, fr, "value differs at {path}"),
    }
}

/// String fields scripts match on: never translated.
const MACHINE_STRINGS: &[&str] = &[
    "cause",
    "causes",
    "confidence",
    "user",
    "name",
    "id",
    "request_id",
    "correlation_id",
    "app",
    "apps",
    "resource",
    "policies",
    "key",
    "kind",
    "status",
    "changed",
    "country",
    "ip",
    "time",
    "at",
    "onset",
    "agreement",
    "condition",
    "grant",
    "log_result",
    "state",
    "verdict",
    "policies_file",
];

#[test]
fn json_keys_cause_names_and_values_do_not_change_with_the_language() {
    let policies = fixture("policies/policies.json");
    let locations = fixture("policies/named-locations.json");
    let replay = [
        "--policies",
        policies.as_str(),
        "--named-locations",
        locations.as_str(),
    ];
    for (file, extra) in [
        ("graph-beta-every-cause.json", &[][..]),
        ("resolution.json", &[]),
        ("user-patterns.json", &[]),
        ("rollout.json", &[]),
        ("policies/signins.json", &replay[..]),
    ] {
        let json = |lang: &str| -> Value {
            let path = fixture(file);
            let mut args = vec!["report", "--format", "json", "--lang", lang, path.as_str()];
            args.extend_from_slice(extra);
            let (out, code) = run(&args, &[]);
            assert_eq!(code, 0);
            serde_json::from_str(&out).unwrap()
        };
        let mut texts = 0;
        same_machine_shape(&json("en"), &json("fr"), file, &mut texts);
        assert!(texts > 0, "{file}: no text field follows --lang");
    }
}

/// English words the tool's own sentences use and no fixture's log values contain
/// (policy, app and client names are quoted from the logs and stay as they are).
const ENGLISH: &[&str] = &[
    "the", "is", "are", "was", "which", "would", "could", "should", "this", "that", "with", "has",
    "have", "not",
];

fn english_words(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|line| {
            line.split(|c: char| !c.is_alphabetic() && c != '-')
                .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
                .map(move |w| format!("{w:?} in {line:?}"))
        })
        .collect()
}

#[test]
fn the_french_report_reads_in_french() {
    let out = report(&["--lang", "fr", "--wide"], &[]);
    for expected in [
        "9 connexions bloquées par l'accès conditionnel (AADSTS53003) pour 9 utilisateurs",
        "Utilisateur",
        "Correctif suggéré",
        "Est-ce résolu ?",
        "Remarques :",
        "comparer",
        "emplacements nommés",
        "authentification héritée",
        // Cause names are the contract's, in every language.
        "location 1",
        "client_app 1",
    ] {
        assert!(out.contains(expected), "{expected:?} missing from:\n{out}");
    }
    assert!(!out.contains("Suggested fixes"), "{out}");
    // French goes on in lower case after the pattern's colon.
    let after: Vec<char> = out
        .match_indices("Structurel : ")
        .filter_map(|(i, m)| out[i + m.len()..].chars().next())
        .collect();
    assert!(
        !after.is_empty() && after.iter().all(|c| c.is_lowercase()),
        "{after:?}"
    );
    // No English sentence left in the French output of any kind of fixture.
    let policies = fixture("policies/policies.json");
    let locations = fixture("policies/named-locations.json");
    for args in [
        vec!["report", "--wide"],
        vec!["report", "--format", "markdown"],
        vec!["incidents"],
    ] {
        for file in [
            "sample-tenant.json",
            "graph-beta-every-cause.json",
            "user-patterns.json",
            "resolution.json",
            "rollout.json",
            "portal-fr.csv",
            "graph-v1-page-1.json",
        ] {
            let path = fixture(file);
            let mut all = args.clone();
            all.extend(["--lang", "fr", path.as_str()]);
            let (out, code) = run(&all, &[]);
            assert_eq!(code, 0, "{all:?}");
            let english = english_words(&out);
            assert!(english.is_empty(), "{all:?}:\n{}", english.join("\n"));
        }
    }
    let path = fixture("policies/signins.json");
    let replay = [
        "report",
        "--wide",
        "--lang",
        "fr",
        "--policies",
        &policies,
        "--named-locations",
        &locations,
        &path,
    ];
    let (out, _) = run(&replay, &[]);
    assert!(out.contains("rejeu"), "{out}");
}

#[test]
fn explain_in_french_reads_to_a_user_and_an_admin() {
    let file = fixture("sample-tenant.json");
    let id = "02de98e5-1570-48f5-bdfb-d36bea867a00";
    let (out, code) = run(&["explain", id, &file, "--lang", "fr"], &[]);
    assert_eq!(code, 0);
    for expected in [
        "Connexion bloquée par l'accès conditionnel (AADSTS53003)",
        "Pourquoi : location",
        "Ce que l'utilisateur peut essayer maintenant",
        "Connectez-vous depuis le réseau du bureau",
        "Ce que l'administrateur doit vérifier",
        "La stratégie « CA010 - Block access outside allowed countries »",
        "ID de la demande",
        "ID de corrélation",
        "Est-ce résolu ?",
    ] {
        assert!(out.contains(expected), "{expected:?} missing from:\n{out}");
    }
    let english = english_words(&out);
    assert!(english.is_empty(), "{}", english.join("\n"));
    // A wrapped French line never starts with the punctuation French spaces off.
    for width in ["60", "72", "100"] {
        let mut cmd = doctor();
        let out = cmd
            .env("COLUMNS", width)
            .args(["explain", id, &file, "--lang", "fr"])
            .output()
            .unwrap();
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            let t = line.trim_start();
            assert!(
                !t.starts_with([':', ';', '?', '!', '»']) && !line.ends_with('«'),
                "{line:?}"
            );
        }
    }
    // Not found: the same exit code, the reasons in French.
    let (out, code) = run(
        &[
            "explain",
            "00000000-0000-0000-0000-000000000000",
            &file,
            "--lang",
            "fr",
        ],
        &[],
    );
    assert_eq!(code, 1);
    assert!(out.contains("Aucune connexion avec l'ID"), "{out}");
    assert!(out.contains("Raisons probables"), "{out}");
}

#[test]
fn a_pasted_error_page_is_explained_in_french() {
    let (out, code) = run(
        &[
            "explain",
            "--paste",
            &fixture("pastes/error-page.txt"),
            "--lang",
            "fr",
        ],
        &[],
    );
    assert_eq!(code, 0);
    assert!(out.contains("d'après la page d'erreur"), "{out}");
    assert!(
        out.contains("Ce que l'utilisateur peut essayer maintenant"),
        "{out}"
    );
    let english = english_words(&out);
    assert!(english.is_empty(), "{}", english.join("\n"));
}

#[test]
fn check_speaks_french_and_fails_the_same_way() {
    let file = fixture("sample-tenant.json");
    let (en, en_code) = run(&["check", "--max-blocked", "0", &file, "--lang", "en"], &[]);
    let (fr, fr_code) = run(&["check", "--max-blocked", "0", &file, "--lang", "fr"], &[]);
    assert_eq!((en_code, fr_code), (1, 1));
    assert!(
        en.starts_with("FAIL at most 0 blocked sign-ins: 16 found"),
        "{en}"
    );
    assert!(
        fr.starts_with("ÉCHEC au plus 0 connexion bloquée : 16 au total"),
        "{fr}"
    );
    assert!(fr.contains("bloqué par la stratégie « CA010"), "{fr}");
    // JSON keys and rule ids stay.
    let json = |lang: &str| -> Value {
        let (out, _) = run(
            &[
                "check",
                "--max-blocked",
                "0",
                "--format",
                "json",
                &file,
                "--lang",
                lang,
            ],
            &[],
        );
        serde_json::from_str(&out).unwrap()
    };
    let mut texts = 0;
    same_machine_shape(&json("en"), &json("fr"), "check", &mut texts);
}

#[test]
fn the_html_page_declares_its_language() {
    let file = fixture("sample-tenant.json");
    let (fr, _) = run(&["report", "--format", "html", &file, "--lang", "fr"], &[]);
    let (en, _) = run(&["report", "--format", "html", &file], &[]);
    assert!(fr.contains("<html lang=\"fr\">"), "{}", &fr[..200]);
    assert!(en.contains("<html lang=\"en\">"), "{}", &en[..200]);
}

#[test]
fn explain_json_keeps_its_keys_and_values_in_french() {
    let file = fixture("sample-tenant.json");
    let json = |lang: &str| -> Value {
        let (out, code) = run(
            &[
                "explain",
                "--format",
                "json",
                "02de98e5-1570-48f5-bdfb-d36bea867a00",
                &file,
                "--lang",
                lang,
            ],
            &[],
        );
        assert_eq!(code, 0);
        serde_json::from_str(&out).unwrap()
    };
    let (en, fr) = (json("en"), json("fr"));
    let mut texts = 0;
    same_machine_shape(&en, &fr, "explain", &mut texts);
    let detail = fr.pointer("/failures/0/detail").or(fr.pointer("/detail"));
    let detail = detail.and_then(Value::as_str).unwrap_or_default();
    assert!(detail.contains("emplacements autorisés"), "{fr:#}");
}
