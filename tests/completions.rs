//! The generated texts users install: shell completion scripts, the man page, and
//! --version. Each is checked for what it must mention and, where the shell or the man
//! renderer is installed, fed to it (skipped with a note when it is not).

use std::io::Write;
use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;

mod common;
use common::doctor;

const SUBCOMMANDS: [&str; 9] = [
    "report",
    "explain",
    "check",
    "impact",
    "detect",
    "incidents",
    "kql",
    "completions",
    "man",
];

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

fn stdout_of(args: &[&str]) -> String {
    let out = doctor().args(args).assert().success().get_output().clone();
    assert!(
        out.stderr.is_empty(),
        "{args:?} wrote to stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("generated text is UTF-8")
}

/// Whether `tool` can be run here (it answers `--version`).
fn have(tool: &str) -> bool {
    StdCommand::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `program args` with `input` on standard input; returns (success, stdout, stderr).
fn run_with_input(program: &str, args: &[&str], input: &str) -> (bool, String, String) {
    let mut child = StdCommand::new(program)
        .args(args)
        .env("MANWIDTH", "100")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} does not start: {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---- completion scripts ----

#[test]
fn every_shell_gets_a_script_naming_every_command_and_some_options() {
    for shell in SHELLS {
        let script = stdout_of(&["completions", shell]);
        assert!(
            script.len() > 1000,
            "{shell}: a script of {} bytes",
            script.len()
        );
        assert!(script.contains("signin-doctor"), "{shell}: no program name");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell}: no {sub}");
        }
        // fish writes `-l format`, the others `--format`.
        for option in [
            "format",
            "since",
            "break-glass",
            "redact-key",
            "max-would-block",
        ] {
            assert!(
                script.contains(&format!("--{option}")) || script.contains(&format!("-l {option}")),
                "{shell}: no --{option}"
            );
        }
    }
}

#[test]
fn scripts_complete_file_names_and_the_values_of_options() {
    let zsh = stdout_of(&["completions", "zsh"]);
    // FILE|DIR arguments complete paths; --user completes e-mail addresses.
    assert!(zsh.contains(":_files"), "zsh: no file completion");
    assert!(
        zsh.contains("_email_addresses"),
        "zsh: --user is not an address"
    );
    // Option values come from the ValueEnums.
    assert!(zsh.contains("ndjson"), "zsh: no --format values");
    assert!(zsh.contains("device_state"), "zsh: no --fail-on values");
    assert!(
        zsh.contains("powershell"),
        "zsh: no shell names for completions"
    );
    let fish = stdout_of(&["completions", "fish"]);
    assert!(
        fish.contains("-l policies") && fish.contains("-F"),
        "fish: no file completion"
    );
}

#[test]
fn the_bash_script_is_valid_bash_and_completes_the_commands() {
    if !have("bash") {
        eprintln!("note: bash is not installed; the bash script was not run");
        return;
    }
    let script = stdout_of(&["completions", "bash"]);
    let (ok, _, stderr) = run_with_input("bash", &["-n"], &script);
    assert!(ok && stderr.is_empty(), "bash -n: {stderr}");

    // Load the script and ask it what follows `signin-doctor ` and `signin-doctor report --f`.
    let ask = r#"
        eval "$(cat)"
        fn=$(complete -p signin-doctor | sed -E 's/.*-F ([^ ]+).*/\1/')
        COMP_WORDS=(signin-doctor ""); COMP_CWORD=1
        "$fn" signin-doctor "" signin-doctor
        printf 'first: %s\n' "${COMPREPLY[@]}"
        COMP_WORDS=(signin-doctor report --format ""); COMP_CWORD=3
        "$fn" signin-doctor "" --format
        printf 'format: %s\n' "${COMPREPLY[@]}"
    "#;
    let (ok, stdout, stderr) = run_with_input("bash", &["-c", ask], &script);
    assert!(ok, "bash: {stderr}");
    for sub in SUBCOMMANDS {
        assert!(
            stdout.contains(&format!("first: {sub}\n")),
            "bash does not offer {sub}:\n{stdout}"
        );
    }
    for format in ["table", "json", "ndjson", "csv"] {
        assert!(
            stdout.contains(&format!("format: {format}\n")),
            "bash does not offer --format {format}:\n{stdout}"
        );
    }
}

#[test]
fn an_unknown_shell_is_bad_usage_and_the_shells_are_listed() {
    doctor()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("invalid value 'tcsh'"))
        .stderr(predicate::str::contains(
            "[possible values: bash, elvish, fish, powershell, zsh]",
        ));
    doctor().arg("completions").assert().code(2);
}

#[test]
fn completions_help_says_how_to_install_for_each_shell() {
    let help = stdout_of(&["completions", "--help"]);
    for line in [
        "signin-doctor completions bash > ~/.local/share/bash-completion/completions/signin-doctor",
        "fpath=(~/.zfunc $fpath)",
        "~/.config/fish/completions/signin-doctor.fish",
        "signin-doctor completions powershell | Out-String | Invoke-Expression",
        "Exit codes:",
    ] {
        assert!(
            help.contains(line),
            "completions --help lacks {line:?}:\n{help}"
        );
    }
}

// ---- man page ----

#[test]
fn the_man_page_has_the_sections_every_command_and_their_examples() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".TH signin-doctor 1 "), "{}", &page[..80]);
    assert!(page.is_ascii(), "groff without -k reads ASCII only");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!(".SS \"signin-doctor {sub}\"")),
            "no section for {sub}"
        );
    }
    // The after_help texts: examples kept line by line (roff escapes `-` as `\-`).
    assert!(page.contains(".nf\n"), "examples are not kept verbatim");
    assert!(
        page.contains("signin\\-doctor check exports/ \\-\\-format junit > signin\\-check.xml")
    );
    assert!(page.contains("signin\\-doctor kql \\-\\-since 7d > blocked.kql"));
    assert!(page.contains("signin\\-doctor man > ~/.local/share/man/man1/signin\\-doctor.1"));
    assert_eq!(page.matches("Exit codes:").count(), SUBCOMMANDS.len());
    // Each option once per command, not --color and --help again under every command.
    assert_eq!(page.matches("When to colour output").count(), 1);
    // Options of the commands, with their help text.
    assert!(page.contains("\\fB\\-\\-break\\-glass\\fR"));
    assert!(page.contains("\\fB\\-\\-max\\-would\\-block\\fR"));
}

#[test]
fn the_man_page_renders_without_warnings() {
    let page = stdout_of(&["man"]);
    let rendered = if have("groff") {
        let (ok, stdout, stderr) = run_with_input("groff", &["-man", "-Tutf8", "-ww"], &page);
        assert!(ok && stderr.is_empty(), "groff: {stderr}");
        stdout
    } else if have("man") {
        let (ok, stdout, stderr) = run_with_input("man", &["-l", "-"], &page);
        assert!(ok && stderr.is_empty(), "man -l: {stderr}");
        stdout
    } else {
        eprintln!("note: neither groff nor man is installed; the man page was not rendered");
        return;
    };
    // Overstriking (bold in a terminal) is dropped before looking for text.
    let text: String = {
        let mut out = String::new();
        for c in rendered.chars() {
            if c == '\u{8}' {
                out.pop();
            } else {
                out.push(c);
            }
        }
        out
    };
    for expected in [
        "NAME",
        "SYNOPSIS",
        "EXIT STATUS",
        "signin-doctor incidents",
        "signin-doctor explain --paste pasted.txt",
    ] {
        assert!(text.contains(expected), "rendered page lacks {expected:?}");
    }
}

#[test]
fn man_help_says_how_to_install_the_page() {
    let help = stdout_of(&["man", "--help"]);
    assert!(help.contains("signin-doctor man > ~/.local/share/man/man1/signin-doctor.1"));
    assert!(help.contains("One page rather than one per command"));
}

// ---- version and help ----

#[test]
fn version_prints_the_cargo_version() {
    doctor()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("signin-doctor {}\n", env!("CARGO_PKG_VERSION")));
    doctor()
        .arg("-V")
        .assert()
        .success()
        .stdout(format!("signin-doctor {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn every_command_help_has_examples_and_exit_codes() {
    for sub in SUBCOMMANDS {
        let help = stdout_of(&[sub, "--help"]);
        assert!(help.contains("Examples:"), "{sub} --help has no examples");
        assert!(
            help.contains("Exit codes:"),
            "{sub} --help has no exit codes"
        );
    }
}
