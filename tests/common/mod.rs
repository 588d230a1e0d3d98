//! What every integration test file needs: the binary, run the same way on any machine,
//! and the shipped fixtures. Each test file uses some of these.
#![allow(dead_code)]

use assert_cmd::Command;

/// The real binary, with output that does not depend on the terminal or the locale
/// running the tests (English unless a test asks for another language).
pub fn doctor() -> Command {
    let mut cmd = Command::cargo_bin("signin-doctor").expect("binary builds");
    cmd.env_remove("COLUMNS").env_remove("NO_COLOR");
    for locale in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(locale);
    }
    cmd
}

/// The path of a file under fixtures/.
pub fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary, checks it succeeded, and returns its standard output.
pub fn stdout(args: &[&str]) -> String {
    let out = doctor()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}
