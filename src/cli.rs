//! The command line: the only file that knows clap. Doc comments here are the --help
//! text users read, so they say what each option does and give examples.

use std::io;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::Shell;

const AFTER_HELP: &str = "\
Examples:
  signin-doctor report InteractiveSignIns_2026-11-01_2026-11-02.json
  signin-doctor report page1.json page2.json --format json > blocks.json
  az rest --url 'https://graph.microsoft.com/beta/auditLogs/signIns?$top=999' | signin-doctor report
  signin-doctor report export.json --since 24h --user dana@contoso.com
  signin-doctor report export.json --format csv > blocks.csv        # for Excel
  signin-doctor report export.json --format html > report.html      # one offline page
  signin-doctor report export.json --redact > shareable.txt         # pseudonyms for people
  signin-doctor report week.json --bucket 15m                       # finer incident onsets
  signin-doctor report week.json --group-by policy --top 10         # the ten busiest policies
  signin-doctor report week.json --format markdown > ticket.md      # for a ticket or a wiki
  signin-doctor report week.json --format csv --excel > blocks.csv  # accents right in Excel
  signin-doctor report export.json --policies policies.json --named-locations named-locations.json

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

    /// Language of the human texts (causes' details, fixes, explanations, table headers,
    /// notes, check's messages): en or fr. Default: from LC_ALL, LC_MESSAGES or LANG,
    /// else English. JSON keys and cause names never change; JSON text fields follow it.
    #[arg(long, value_enum, global = true, value_name = "LANG")]
    pub lang: Option<LangChoice>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Diagnose every blocked sign-in in one or more exports: a per-user table of causes,
    /// blocking policies and fixes, whether each is fixed since, with totals, incidents and
    /// patterns (or JSON, NDJSON, CSV, Markdown or an HTML page).
    #[command(after_help = AFTER_HELP)]
    Report(ReportArgs),

    /// Explain one failure for a helpdesk ticket: by request id or correlation id in the
    /// given logs, or from the text a user copied from the error page (--paste).
    #[command(after_help = EXPLAIN_HELP)]
    Explain(ExplainArgs),

    /// Gate a CI pipeline: exit 1 when sign-ins were blocked beyond the limits, when a
    /// break-glass account was (or would be) blocked, or when report-only policies would
    /// block too many; 0 when all rules pass; 2 on bad input.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),

    /// Show what report-only policies would have done: per policy, the sign-ins and users
    /// it would block or interrupt, their causes, top users and apps, and any break-glass
    /// account among them.
    #[command(after_help = IMPACT_HELP)]
    Impact(ImpactArgs),

    /// Say what each input is: the export shape found, how many records it holds, and
    /// which of the fields a diagnosis uses it carries. A first step when a report looks
    /// wrong.
    #[command(after_help = DETECT_HELP)]
    Detect(DetectArgs),

    /// Find rollout incidents: a policy (or a cause) that suddenly began blocking many
    /// more users than the day before, when, how many, and what it blocked since. The
    /// signature of a new or changed policy.
    #[command(after_help = INCIDENTS_HELP)]
    Incidents(IncidentsArgs),

    /// Print a KQL query that runs the same diagnosis where the logs live: in Log Analytics,
    /// Microsoft Sentinel or Azure Data Explorer.
    ///
    /// The query reads SigninLogs (and
    /// AADNonInteractiveUserSignInLogs with --non-interactive), keeps the AADSTS53003
    /// blocks, and gives each the cause, causes and confidence `report` would, from the
    /// same rule tables: the matched conditions (conditionsSatisfied, as a bitmask or as
    /// names) when the logs record them, confidence high. When they do not (0 or absent),
    /// the cause is inferred from the sign-in's own fields and the policy names, medium or
    /// low and never high, and unknown when nothing points anywhere. Unlike
    /// `report`, the query gives no detail, evidence or fix text and does not simulate
    /// report-only policies.
    #[command(after_help = KQL_HELP)]
    Kql(KqlArgs),

    /// Print a completion script for a shell, so it completes commands, options, their
    /// values and file names.
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),

    /// Print the man page (roff) for the whole program.
    ///
    /// One page rather than one per command: every command with its options, examples
    /// and exit codes, so `man signin-doctor` and a search in it (/incidents) find
    /// everything, and there is one file to install.
    #[command(after_help = MAN_HELP)]
    Man,
}

const COMPLETIONS_HELP: &str = "\
Install (create the directory if it is missing, then open a new shell):
  bash (with the bash-completion package):
    signin-doctor completions bash > ~/.local/share/bash-completion/completions/signin-doctor
  zsh (a directory on fpath: in ~/.zshrc, before compinit, fpath=(~/.zfunc $fpath)):
    signin-doctor completions zsh > ~/.zfunc/_signin-doctor
  fish:
    signin-doctor completions fish > ~/.config/fish/completions/signin-doctor.fish
  PowerShell (a line in $PROFILE):
    signin-doctor completions powershell | Out-String | Invoke-Expression
  elvish (a line in ~/.config/elvish/rc.elv):
    eval (signin-doctor completions elvish | slurp)

Examples:
  signin-doctor completions bash > ~/.local/share/bash-completion/completions/signin-doctor
  source <(signin-doctor completions bash)         # this bash session only

Exit codes: 0 the script was printed; 2 bad usage (an unknown shell).";

const MAN_HELP: &str = "\
Examples:
  mkdir -p ~/.local/share/man/man1
  signin-doctor man > ~/.local/share/man/man1/signin-doctor.1
  man signin-doctor        # man-db looks there when ~/.local/bin is on PATH; else set MANPATH
  signin-doctor man | man -l -                     # read it without installing

Exit codes: 0 the page was printed; 2 bad usage.";

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

const INCIDENTS_HELP: &str = "\
How an onset is found: blocks are counted per policy and per cause in buckets (--bucket,
1 hour by default). A bucket starts an incident when its distinct blocked users (at least
3) stand 4 robust standard deviations (1.4826 x MAD, at least one user) above the median
of the week before (as far as the export reaches) and above twice that week's busiest
bucket, so working hours and Monday mornings are not news. The export must cover a day
(and 6 buckets) before it: a burst at the very start of an export is not called an onset.
An incident lasts until a whole day stays at the old level, or the export ends (\"still
blocking\").

Examples:
  signin-doctor incidents InteractiveSignIns_2026-11-01_2026-11-07.json
  signin-doctor incidents exports/ --bucket 15m --format json
  signin-doctor incidents exports/ --format markdown >> change-review.md

Exit codes: 0 the incidents were written (none found is not an error); 2 bad usage or
unreadable input.";

#[derive(Debug, Args)]
pub(crate) struct IncidentsArgs {
    /// Sign-in log exports or directories (any shape `report` reads); `-` or no FILE
    /// reads standard input. Include the successful sign-ins: they show the export's span.
    #[arg(value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<String>,

    /// The window blocks are counted in: 5m to 7d (15m, 1h, 1d).
    #[arg(long, value_name = "SPAN", default_value = "1h", value_parser = bucket)]
    pub bucket: i64,

    /// Output format: text (for people), json (for scripts), markdown (for a change
    /// review or a ticket).
    #[arg(long, short = 'f', value_enum, default_value_t = IncidentsFormat::Text)]
    pub format: IncidentsFormat,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Skip records (or the rest of a file, or a whole file) that cannot be read instead
    /// of stopping; the output says how many were skipped and where.
    #[arg(long)]
    pub lenient: bool,

    #[command(flatten)]
    pub redact: RedactArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum IncidentsFormat {
    Text,
    Json,
    Markdown,
}

fn bucket(text: &str) -> Result<i64, String> {
    crate::model::parse_bucket(text)
}

const KQL_HELP: &str = "\
Examples:
  signin-doctor kql --since 7d > blocked.kql          # paste into the Logs blade
  signin-doctor kql --since 24h --per failure --user dana@contoso.com
  signin-doctor kql --since 2026-11-01 --policy \"CA030 - Block untrusted IP\" --non-interactive
  signin-doctor kql --table SigninLogsCopy --since 30d # an Azure Data Explorer copy
  az monitor log-analytics query -w WORKSPACE_ID --analytics-query \"$(signin-doctor kql)\"

Exit codes: 0 the query was printed; 2 bad usage (a --since that is not a time or span,
a filter value with a control character, a bad --table name).";

const EXPLAIN_HELP: &str = "\
Examples:
  signin-doctor explain 3c2b1a09-8f7e-4d6c-b5a4-938271605f00 InteractiveSignIns_2026-11-02.json
  signin-doctor explain cccccccc-dddd-4eee-8fff-000000000000 logs/      # a correlation id: the whole chain
  signin-doctor explain --paste pasted.txt                               # the error page alone
  pbpaste | signin-doctor explain --paste - logs/ --format markdown      # paste + logs, for the ticket
  signin-doctor explain <ID> logs/ --policies policies.json --named-locations named-locations.json

Exit codes: 0 explained; 1 no sign-in with that id in the logs (the message says what was
searched); 2 bad usage, unreadable logs, or a paste that is not an error report.";

const CHECK_HELP: &str = "\
Rules (each is a JUnit test case with --format junit):
  blocked        at most --max-blocked blocked sign-ins (0 by default; off when only
                 --max-users is given), counting only --fail-on causes and --policy policies
                 (and with --unresolved-only, only blocks no later success to the same app
                 followed)
  blocked_users  at most --max-users distinct blocked users (when given; same counting)
  break_glass    no block or would-block of a --break-glass account, whatever the other options
                 (--unresolved-only included: an emergency account locked out once fails)
  would_block    at most --max-would-block sign-ins blocked by report-only policies (when given)

Examples:
  signin-doctor check fixtures/pilot/ --break-glass bg1@contoso.com --break-glass bg2@contoso.com
  signin-doctor check exports/ --max-blocked 5 --fail-on location --fail-on device_state
  signin-doctor check report-only-run.json --policy \"CA090 - Require compliant device\" --max-would-block 0
  signin-doctor check exports/ --format junit > signin-check.xml
  signin-doctor check last-24h.json --unresolved-only --max-users 0

Exit codes: 0 every rule passed; 1 a rule was broken (each violation is listed);
2 bad usage or unreadable input.";

const IMPACT_HELP: &str = "\
Examples:
  signin-doctor impact report-only-run.json
  signin-doctor impact exports/ --break-glass-file break-glass.txt --format markdown

Exit codes: 0 the impact was written (sign-ins that would be blocked are findings, not
errors); 2 bad usage or unreadable input.";

const DETECT_HELP: &str = "\
Examples:
  signin-doctor detect InteractiveSignIns_2026-11-01_2026-11-02.csv
  signin-doctor detect insights-logs-signinlogs/     # a storage-account dump, recursively

Exit codes: 0 the inputs were described (an unrecognized shape is a finding, not an
error); 2 bad usage or an input that cannot be opened.";

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The request id or correlation id to explain (from the error page, a ticket or a
    /// report), then the log exports or directories to search; `-` or no FILE reads
    /// standard input. With --paste, every argument is a log to search.
    #[arg(value_name = "ID|FILE", value_hint = ValueHint::AnyPath)]
    pub args: Vec<String>,

    /// Read the error text a user copied (the error page's "Troubleshooting details", an
    /// AADSTS error from a CLI or SDK, or an OAuth error JSON) from FILE, or from standard
    /// input with `-` or no FILE.
    #[arg(
        long,
        value_name = "FILE",
        num_args = 0..=1,
        default_missing_value = "-",
        value_hint = ValueHint::FilePath
    )]
    pub paste: Option<String>,

    /// Output format: text (to read out or paste into a ticket), markdown (for ticket
    /// systems and wikis), json (one failure object, as in `report --format json`).
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,

    /// Skip records (or the rest of a file, or a whole file) that cannot be read instead
    /// of stopping; the output says how many were skipped and where.
    #[arg(long)]
    pub lenient: bool,

    #[command(flatten)]
    pub redact: RedactArgs,

    #[command(flatten)]
    pub replay: ReplayArgs,
}

/// Replay against the tenant's exported Conditional Access policies.
#[derive(Debug, Args)]
pub(crate) struct ReplayArgs {
    /// The tenant's Conditional Access policies as Microsoft Graph exports them (az rest
    /// --url https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies >
    /// policies.json): each blocked sign-in is replayed against them, condition by
    /// condition, and disagreements with the log are flagged (a policy changed since).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub policies: Option<std::path::PathBuf>,

    /// The tenant's named locations (…/identity/conditionalAccess/namedLocations), so the
    /// replay can say which IP ranges or countries a sign-in was inside or outside of.
    #[arg(long, value_name = "FILE", requires = "policies", value_hint = ValueHint::FilePath)]
    pub named_locations: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExplainFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Sign-in log exports or directories (any shape `report` reads); `-` or no FILE
    /// reads standard input.
    #[arg(value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<String>,

    /// Blocked sign-ins allowed before the check fails [default: 0].
    #[arg(long, value_name = "N")]
    pub max_blocked: Option<u64>,

    /// Distinct blocked users allowed before the check fails.
    #[arg(long, value_name = "N")]
    pub max_users: Option<u64>,

    /// Count only blocks with this cause (repeatable).
    #[arg(long, value_enum, value_name = "CAUSE")]
    pub fail_on: Vec<CauseArg>,

    /// An emergency account (UPN) that must never be blocked, nor be blocked by a
    /// report-only policy (repeatable). Checked whatever the other options say.
    #[arg(long, value_name = "UPN", value_hint = ValueHint::EmailAddress)]
    pub break_glass: Vec<String>,

    /// A file of break-glass UPNs, one per line (`#` starts a comment).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub break_glass_file: Option<std::path::PathBuf>,

    /// Count only blocks by this policy, by display name or id (repeatable); with
    /// --max-would-block, only these report-only policies.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub policy: Vec<String>,

    /// Sign-ins that report-only policies would block, allowed before the check fails.
    #[arg(long, value_name = "N")]
    pub max_would_block: Option<u64>,

    /// Count only blocks not followed by a successful sign-in of the same user to the
    /// same app or resource later in the export (for rolling exports: an incident already
    /// over does not fail the run); applies to --max-blocked, --max-users, --fail-on and
    /// --policy. Blocks without a time count. Break-glass accounts stay strict: any block
    /// fails, since an emergency account locked out even once is the failure to catch.
    #[arg(long)]
    pub unresolved_only: bool,

    /// Output format: text, json (violations and the report summary), junit (JUnit XML:
    /// one test case per rule).
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Skip records (or the rest of a file, or a whole file) that cannot be read instead
    /// of stopping; any skipped data then fails the check (rule `readable`).
    #[arg(long)]
    pub lenient: bool,

    #[command(flatten)]
    pub redact: RedactArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ImpactArgs {
    /// Sign-in log exports or directories; `-` or no FILE reads standard input.
    #[arg(value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<String>,

    /// An emergency account (UPN) to flag if a report-only policy would reach it
    /// (repeatable).
    #[arg(long, value_name = "UPN", value_hint = ValueHint::EmailAddress)]
    pub break_glass: Vec<String>,

    /// A file of break-glass UPNs, one per line (`#` starts a comment).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub break_glass_file: Option<std::path::PathBuf>,

    /// Output format: table, json or markdown.
    #[arg(long, short = 'f', value_enum, default_value_t = ImpactFormat::Table)]
    pub format: ImpactFormat,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Skip records (or the rest of a file, or a whole file) that cannot be read instead
    /// of stopping; the output says how many were skipped and where.
    #[arg(long)]
    pub lenient: bool,

    #[command(flatten)]
    pub redact: RedactArgs,
}

/// The cause names of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub(crate) enum CauseArg {
    Location,
    DeviceState,
    DevicePlatform,
    ClientApp,
    Risk,
    AuthFlow,
    PolicyScope,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    Text,
    Json,
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImpactFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub(crate) struct DetectArgs {
    /// Exports or directories to look at; `-` or no FILE reads standard input.
    #[arg(value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
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
pub(crate) struct KqlArgs {
    /// Only sign-ins logged at or after TIME (TimeGenerated): a span back from when the
    /// query runs (90m, 24h, 7d, 2w: written as ago(…)), RFC 3339 (2026-11-01T08:00:00Z)
    /// or a date (2026-11-01, midnight UTC). Without it, the query reads the time range
    /// the portal or the API sets.
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Only this user (UPN or display name, any case). Repeat for several users. The
    /// values are written as obfuscated literals (h'…'), kept out of query logs.
    #[arg(long, value_name = "UPN", value_hint = ValueHint::EmailAddress)]
    pub user: Vec<String>,

    /// Only blocks by this policy, by display name or id (any case). Repeatable.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub policy: Vec<String>,

    /// Read AADNonInteractiveUserSignInLogs as well as SigninLogs (its JSON columns are
    /// text; the query parses both shapes).
    #[arg(long, conflicts_with = "table")]
    pub non_interactive: bool,

    /// Read this table instead (repeatable, e.g. a copy in Azure Data Explorer); it needs
    /// the Log Analytics column names. Missing optional columns read as empty.
    #[arg(long, value_name = "NAME")]
    pub table: Vec<String>,

    /// One row per user (user, blocked, causes, policies, apps, first_seen, last_seen) or
    /// per blocked sign-in (request_id, correlation_id, time, user, app, ip, country,
    /// cause, causes, confidence, policies): the names of `report --format json`.
    #[arg(long, value_enum, default_value_t = Per::User, value_name = "ROW")]
    pub per: Per,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Per {
    Failure,
    User,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Sign-in log exports, or directories of them (read recursively): the Entra admin
    /// center download (JSON or CSV), Microsoft Graph output (v1.0 or beta), Azure Monitor
    /// diagnostic settings (storage account PT1H.json or Event Hub messages), Log Analytics
    /// exports (JSON, CSV or the query API), gzip-compressed or not; the shape is detected.
    /// `-` or no FILE reads standard input.
    #[arg(value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
    pub inputs: Vec<String>,

    /// Output format: table (for people), json (one document, see the README for its
    /// fields), ndjson (one blocked sign-in per line, written as found), csv (one row per
    /// blocked sign-in, for spreadsheets: no cell can start a formula), markdown (the
    /// table, patterns, incidents, totals and notes for a ticket or a wiki), html (one
    /// offline page to open in a browser or attach to a ticket: charts by cause and over
    /// time, a sortable user table, each failure's evidence and fixes; it loads nothing).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also write the HTML report (as --format html) to FILE, while standard output
    /// keeps the chosen format.
    #[arg(long, value_name = "FILE")]
    pub html: Option<std::path::PathBuf>,

    /// The window for finding rollout incidents (see `signin-doctor incidents --help`):
    /// 5m to 7d.
    #[arg(long, value_name = "SPAN", default_value = "1h", value_parser = bucket)]
    pub bucket: i64,

    /// Rows of the table (and Markdown): one per user, or the blocks totalled per
    /// blocking policy, cause, app or country.
    #[arg(long, value_enum, value_name = "KEY", default_value_t = GroupByArg::User)]
    pub group_by: GroupByArg,

    /// Show only the N users (or rows) with the most blocked sign-ins in the table and
    /// Markdown; the other formats list everything.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub top: Option<u64>,

    /// Never shorten the table: every policy and app in full, no wrapping to the
    /// terminal's width (one line per row).
    #[arg(long)]
    pub wide: bool,

    /// With --format csv: start with a UTF-8 byte-order mark, so Excel shows accented
    /// names (José, Zoë, 山田) correctly when the file is opened by double-click.
    #[arg(long)]
    pub excel: bool,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Skip records (or the rest of a file, or a whole file) that cannot be read instead
    /// of stopping; the output says how many were skipped and where.
    #[arg(long)]
    pub lenient: bool,

    #[command(flatten)]
    pub redact: RedactArgs,

    #[command(flatten)]
    pub replay: ReplayArgs,
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
    #[arg(long, value_name = "UPN", value_hint = ValueHint::EmailAddress)]
    pub user: Vec<String>,
}

/// Pseudonyms for people, addresses and devices, so output can be shared.
#[derive(Debug, Args)]
pub(crate) struct RedactArgs {
    /// Replace user names, user ids, IP addresses, device names and ids, and cities with
    /// pseudonyms (the country stays). The same value gets the same pseudonym, so totals
    /// per user still add up; --user and --break-glass take the real names.
    #[arg(long)]
    pub redact: bool,

    /// Derive the pseudonyms from KEY instead of a random key, so they stay the same
    /// across runs (implies --redact). With --redact alone, the key comes from the
    /// environment variable SIGNIN_DOCTOR_REDACT_KEY when it is set: better than the
    /// command line, which shows in the shell history and the process list.
    #[arg(long, value_name = "KEY")]
    pub redact_key: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Ndjson,
    Csv,
    Html,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GroupByArg {
    User,
    Policy,
    Cause,
    App,
    Country,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangChoice {
    /// English.
    En,
    /// French (français).
    Fr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The completion script for `shell`, in memory: clap_complete panics when a write fails,
/// and a reader that goes away (`… | head`) must not make a panic.
pub(crate) fn completion_script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "signin-doctor", &mut script);
    if shell == Shell::Bash {
        // clap_complete spells the state of a hyphenated program two ways (clap-rs/clap
        // #6421): the loop arrives at signin__doctor__subcmd__report, the case arms say
        // signin__subcmd__doctor__subcmd__report, and no option after a command would
        // complete. Spell the arms as the loop does; a no-op once clap_complete agrees.
        let text = String::from_utf8_lossy(&script);
        script = text
            .replace("signin__subcmd__doctor__", "signin__doctor__")
            .into_bytes();
    }
    script
}

/// The man page: clap_mangen's page for the program, with a section per command (its
/// description, usage, options, examples and exit codes) instead of a list of
/// `signin-doctor-report(1)` pages that would each need installing.
pub(crate) fn man_page() -> io::Result<Vec<u8>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Building fills in each command's name as typed ("signin-doctor report").
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone()).manual("User Commands");
    let mut page = Page::default();
    page.add(|w| man.render_title(w))?;
    page.text.push_str(APOSTROPHES);
    page.add(|w| man.render_name_section(w))?;
    page.add(|w| man.render_synopsis_section(w))?;
    page.add(|w| man.render_description_section(w))?;
    page.add(|w| man.render_options_section(w))?;
    page.text.push_str(".SH COMMANDS\n");
    for sub in cmd.get_subcommands() {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        page.text.push_str(&format!(".SS \"{name}\"\n"));
        // --color, --lang and --help are the program's options, listed once above.
        let sub = sub
            .clone()
            .mut_arg("color", |a| a.hide(true))
            .mut_arg("lang", |a| a.hide(true))
            .mut_arg("help", |a| a.hide(true));
        let man = clap_mangen::Man::new(sub.clone());
        let mut part = Page::default();
        part.add(|w| man.render_description_section(w))?;
        part.add(|w| man.render_synopsis_section(w))?;
        part.add(|w| man.render_options_section(w))?;
        demote_headings(&part.text, &mut page.text);
        if let Some(after) = sub.get_after_help() {
            verbatim(&after.to_string(), &mut page.text);
        }
    }
    // The program's own examples are `report`'s, shown in its section: not twice.
    let examples = |c: &clap::Command| c.get_after_help().map(ToString::to_string);
    let top = examples(&cmd);
    if top.is_some() && top != cmd.find_subcommand("report").and_then(examples) {
        page.text.push_str(".SH EXAMPLES\n");
        verbatim(&top.unwrap_or_default(), &mut page.text);
    }
    page.text.push_str(EXIT_STATUS);
    page.add(|w| man.render_version_section(w))?;
    Ok(ascii(&page.text).into_bytes())
}

/// The page with every character beyond ASCII (…, ×) written as a groff escape, so that
/// groff renders it without being told the input encoding (man-db tells it; `groff -man`
/// alone does not).
fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// Defines the string apostrophes are written as (`\*(Aq`); roff writes it before every
/// part it renders, and the page needs it once, after `.TH`.
const APOSTROPHES: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// A man page being assembled from the parts clap_mangen renders.
#[derive(Default)]
struct Page {
    text: String,
}

impl Page {
    fn add(&mut self, render: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> io::Result<()> {
        let mut part = Vec::new();
        render(&mut part)?;
        let part = String::from_utf8_lossy(&part);
        self.text
            .push_str(part.strip_prefix(APOSTROPHES).unwrap_or(&part));
        Ok(())
    }
}

/// An after_help text as --help shows it: lines kept (examples must not be filled into
/// one paragraph), escaped so that no line starts a request.
fn verbatim(text: &str, page: &mut String) {
    use clap_mangen::roff::{Roff, roman};
    let mut roff = Roff::new();
    roff.control("PP", []).control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    let rendered = roff.render();
    page.push_str(rendered.strip_prefix(APOSTROPHES).unwrap_or(&rendered));
}

/// The page's EXIT STATUS section: the contract of `Outcome` in main.rs.
const EXIT_STATUS: &str = "\
.SH \"EXIT STATUS\"
.TP
0
The command did its work; blocked sign\\-ins are findings, not errors.
.TP
1
\\fBexplain\\fR found no sign\\-in with that id, or \\fBcheck\\fR found a rule broken.
.TP
2
Bad usage or unreadable input; the message names the file, record and line.
";

/// A command's sections become paragraphs inside its `.SS` subsection: man pages have
/// only two heading levels. Text lines never start with `.` (roff escapes them as `\&.`),
/// so only the section headings clap_mangen wrote are rewritten.
fn demote_headings(part: &str, page: &mut String) {
    for line in part.lines() {
        match line.strip_prefix(".SH ").map(|h| h.trim_matches('"')) {
            Some("DESCRIPTION") => page.push_str(".PP\n"),
            Some("SYNOPSIS") => page.push_str(".PP\n\\fIUsage:\\fR\n"),
            Some(heading) => {
                let label = heading[..1].to_uppercase() + &heading[1..].to_lowercase();
                page.push_str(&format!(".PP\n\\fI{label}:\\fR\n"));
            }
            None => {
                page.push_str(line);
                page.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command shows examples in --help (and so in the man page), and every option
    /// says what it does.
    #[test]
    fn every_command_has_examples_and_every_option_a_help_text() {
        let mut cli = Cli::command();
        cli.build();
        for cmd in std::iter::once(&cli).chain(cli.get_subcommands()) {
            if cmd.get_name() == "help" {
                continue;
            }
            let after = cmd.get_after_help().map(ToString::to_string);
            let after = after.unwrap_or_default();
            assert!(
                after.contains("Examples:"),
                "{} has no examples",
                cmd.get_name()
            );
            assert!(
                after.contains("Exit codes:"),
                "{} has no exit codes",
                cmd.get_name()
            );
            for arg in cmd.get_arguments() {
                assert!(
                    arg.get_help().is_some(),
                    "{} {} has no help text",
                    cmd.get_name(),
                    arg.get_id()
                );
            }
        }
    }
}
