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
