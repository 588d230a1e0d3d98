//! What every integration test file needs: the binary, run the same way on any machine.

use assert_cmd::Command;

/// The real binary, with output that does not depend on the terminal running the tests.
pub fn doctor() -> Command {
    let mut cmd = Command::cargo_bin("signin-doctor").expect("binary builds");
    cmd.env_remove("COLUMNS").env_remove("NO_COLOR");
    cmd
}
