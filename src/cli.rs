//! The command line: the only file that knows clap. Doc comments here are the --help
//! text users read, so they say what each option does and give examples.

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  signin-doctor report InteractiveSignIns_2026-11-01_2026-11-02.json
  signin-doctor report page1.json page2.json --format json > blocks.json
  az rest --url 'https://graph.microsoft.com/beta/auditLogs/signIns?$top=999' | signin-doctor report
  signin-doctor report export.json --since 24h --user dana@contoso.com

Exit codes: 0 the report was written (blocked sign-ins are findings, not errors);
2 bad usage or unreadable input (the message names the file, record and line).";

/// Explains why Microsoft Entra Conditional Access blocked sign-ins (AADSTS53003), and
/// what the user and the admin can do, from the sign-in log exports you already have.
#[derive(Debug, Parser)]
#[command(name = "signin-doctor", version, after_help = AFTER_HELP)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour output: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Diagnose every blocked sign-in in one or more exports: a per-user table of causes,
    /// blocking policies and fixes, with totals (or JSON / NDJSON for scripts).
    #[command(after_help = AFTER_HELP)]
    Report(ReportArgs),

    /// Explain one failure for a helpdesk ticket: by request id or correlation id in the
    /// given logs, or from the text a user copied from the error page (--paste).
    #[command(after_help = EXPLAIN_HELP)]
    Explain(ExplainArgs),

    /// Say what each input is: the export shape found, how many records it holds, and
    /// which of the fields a diagnosis uses it carries. A first step when a report looks
    /// wrong.
    #[command(after_help = DETECT_HELP)]
    Detect(DetectArgs),
}

const EXPLAIN_HELP: &str = "\
Examples:
  signin-doctor explain 3c2b1a09-8f7e-4d6c-b5a4-938271605f00 InteractiveSignIns_2026-11-02.json
  signin-doctor explain cccccccc-dddd-4eee-8fff-000000000000 logs/      # a correlation id: the whole chain
  signin-doctor explain --paste pasted.txt                               # the error page alone
  pbpaste | signin-doctor explain --paste - logs/ --format markdown      # paste + logs, for the ticket

Exit codes: 0 explained; 1 no sign-in with that id in the logs (the message says what was
searched); 2 bad usage, unreadable logs, or a paste that is not an error report.";

const DETECT_HELP: &str = "\
Examples:
  signin-doctor detect InteractiveSignIns_2026-11-01_2026-11-02.csv
  signin-doctor detect insights-logs-signinlogs/     # a storage-account dump, recursively";

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The request id or correlation id to explain (from the error page, a ticket or a
    /// report), then the log exports or directories to search; `-` or no FILE reads
    /// standard input. With --paste, every argument is a log to search.
    #[arg(value_name = "ID|FILE")]
    pub args: Vec<String>,

    /// Read the error text a user copied (the error page's "Troubleshooting details", an
    /// AADSTS error from a CLI or SDK, or an OAuth error JSON) from FILE, or from standard
    /// input with `-` or no FILE.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
    pub paste: Option<String>,

    /// Output format: text (to read out or paste into a ticket), markdown (for ticket
    /// systems and wikis), json (one failure object, as in `report --format json`).
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExplainFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct DetectArgs {
    /// Exports or directories to look at; `-` or no FILE reads standard input.
    #[arg(value_name = "FILE|DIR")]
    pub inputs: Vec<String>,

    /// Output format: text (for people) or json.
    #[arg(long, short = 'f', value_enum, default_value_t = DetectFormat::Text)]
    pub format: DetectFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DetectFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Sign-in log exports, or directories of them (read recursively): the Entra admin
    /// center download (JSON or CSV), Microsoft Graph output (v1.0 or beta), Azure Monitor
    /// diagnostic settings (storage account PT1H.json or Event Hub messages), Log Analytics
    /// exports (JSON, CSV or the query API), gzip-compressed or not; the shape is detected.
    /// `-` or no FILE reads standard input.
    #[arg(value_name = "FILE|DIR")]
    pub inputs: Vec<String>,

    /// Output format: table (for people), json (one document, see the README for its
    /// fields), ndjson (one blocked sign-in per line, written as found).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// Only sign-ins at or after TIME: RFC 3339 (2026-11-01T08:00:00Z), a date
    /// (2026-11-01, midnight UTC), or a span back from now (90m, 24h, 7d, 2w).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Only sign-ins at or before TIME (same forms as --since).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,

    /// Only this user (UPN or display name, any case). Repeat for several users.
    #[arg(long, value_name = "UPN")]
    pub user: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Ndjson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
