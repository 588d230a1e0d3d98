//! The commands: each wires loading, its aggregation and its renderer together, and
//! says with an `Outcome` how it went. No clap types here beyond the argument structs.

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::{Context, bail};

use crate::check::{self as rules, Limits};
use crate::cli::{
    CauseArg, CheckArgs, CheckFormat, DetectArgs, DetectFormat, ExplainArgs, ExplainFormat,
    FilterArgs, Format, GroupByArg, ImpactArgs, ImpactFormat, IncidentsArgs, IncidentsFormat,
    KqlArgs, Per, RedactArgs, ReplayArgs, ReportArgs,
};
use crate::load::{self, Depth, Input};
use crate::model::Cause;
use crate::progress::Progress;
use crate::redact::Redactor;
use crate::report::{self, Style, View};
use crate::summary::{Added, FieldCensus, Filter, GroupBy, Impact, Tally};
use crate::{Outcome, classify, explain, i18n, kql, model, summary};

/// Writes a generated text (a completion script, the man page) to standard output.
pub(crate) fn print(text: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text)?;
    out.flush()?;
    Ok(())
}

pub(crate) fn explain(args: ExplainArgs, style: Style) -> anyhow::Result<Outcome> {
    let format = match args.format {
        ExplainFormat::Text => report::explain::Format::Text,
        ExplainFormat::Markdown => report::explain::Format::Markdown,
        ExplainFormat::Json => report::explain::Format::Json,
    };
    let redactor = redactor(&args.redact)?;
    let (policies, _) = replay_set(&args.replay, redactor.as_ref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    let (paste, id, logs) = match &args.paste {
        Some(source) => {
            let text = read_paste(source)?;
            let mut paste =
                load::parse_paste(&text).map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
            if let Some(r) = &redactor {
                r.paste(&mut paste);
            }
            let id = paste
                .request_id
                .clone()
                .or_else(|| paste.correlation_id.clone())
                .unwrap_or_default();
            (Some(paste), id, args.args.clone())
        }
        None => {
            let Some((id, logs)) = args.args.split_first() else {
                bail!(
                    "explain needs a request id or correlation id (or --paste): signin-doctor \
                     explain <ID> <LOG FILES…>; see --help"
                );
            };
            (None, id.clone(), logs.to_vec())
        }
    };
    // A paste with no logs to search (or no id to search them by): the paste alone.
    let paste_only = paste.is_some() && (logs.is_empty() || id.is_empty());
    if let (true, Some(p)) = (paste_only, &paste) {
        let diagnosis = classify::classify_paste(p);
        report::explain::write_paste_only(&mut out, p, diagnosis.as_ref(), format, style)?;
        out.flush()?;
        return Ok(Outcome::Done);
    }
    if args.paste.as_deref() == Some("-") && logs.iter().any(|l| l == "-") {
        bail!("the paste and the logs cannot both come from standard input: save one to a file");
    }
    let inputs = inputs(&logs)?;
    let mut search = match &paste {
        Some(p) => explain::Search::for_paste(p.request_id.as_deref(), p.correlation_id.as_deref()),
        None => explain::Search::for_any(&id),
    };
    let mut progress = Progress::new(style.progress);
    let mut reading = load::Reading::new(None, args.lenient);
    // Every record also feeds the per-user insights: whether the found block was
    // followed by a success, and whether the user's blocks are structural.
    let mut tally = Tally::new(Filter::default(), false).with_insights(3600);
    let loaded = load::read_inputs(&inputs, &mut reading, |_, record| {
        progress.record();
        let record = redacted(redactor.as_ref(), record);
        tally.add(record.clone());
        search.add(record);
        Ok(())
    })?;
    progress.finish();
    let insight = tally.finish();
    let (records, first, last, non_interactive) = (
        search.records,
        search.first,
        search.last,
        search.non_interactive,
    );
    match search.finish_with(policies.as_ref()) {
        Some((by, entries)) => {
            let user = entries[0]
                .diagnosis
                .as_ref()
                .and_then(|d| insight.users.iter().find(|u| u.user == d.user));
            report::explain::write_found(
                &mut out,
                &entries,
                by,
                &explain::normalize_id(&id),
                format,
                style,
                user,
            )?;
            out.flush()?;
            Ok(Outcome::Done)
        }
        None => {
            let searched = report::explain::Searched {
                id: &id,
                files: loaded
                    .inputs
                    .iter()
                    .map(|i| (i.name.clone(), i.shape.words().get()))
                    .collect(),
                records,
                first,
                last,
                non_interactive,
                when: paste.as_ref().and_then(|p| p.timestamp),
            };
            // A paste still says something on its own; scripts see exit code 1 either way.
            if let Some(p) = &paste
                && format != report::explain::Format::Json
            {
                let diagnosis = classify::classify_paste(p);
                report::explain::write_paste_only(&mut out, p, diagnosis.as_ref(), format, style)?;
                writeln!(out)?;
            }
            if format == report::explain::Format::Json {
                out.flush()?;
                let mut err = io::stderr().lock();
                report::explain::write_not_found(&mut err, &searched, format, style)?;
            } else {
                report::explain::write_not_found(&mut out, &searched, format, style)?;
            }
            out.flush()?;
            Ok(Outcome::NotFound)
        }
    }
}

/// The pasted text, from a file or standard input.
fn read_paste(source: &str) -> anyhow::Result<String> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    if source == "-" {
        if io::stdin().is_terminal() {
            bail!(
                "--paste reads the error text from standard input: paste it, then press \
                 Ctrl-D (or pass a file: --paste pasted.txt)"
            );
        }
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(source)
            .map_err(|e| anyhow::anyhow!("{source}: cannot read the paste: {e}; check the path"))?;
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub(crate) fn report(args: ReportArgs, style: Style) -> anyhow::Result<()> {
    let redactor = redactor(&args.redact)?;
    let filter = filter(&args.filter, redactor.as_ref())?;
    let inputs = inputs(&args.inputs)?;
    // NDJSON and CSV list failures only: no incidents, patterns or status to look for,
    // so the successes need not be read.
    let skim = if shows_insights(args.format) || args.html.is_some() {
        skim_with_successes(&filter)
    } else {
        skim_for(&filter)
    };
    let mut out = BufWriter::with_capacity(64 << 10, io::stdout().lock());
    let (policies, replay_warning) = replay_set(&args.replay, redactor.as_ref())?;
    let mut reading = load::Reading::new(skim, args.lenient);
    if args.excel && args.format != Format::Csv {
        bail!("--excel applies to --format csv (it adds the byte-order mark Excel needs)");
    }
    // --wide: one line per row, whatever the terminal.
    let style = if args.wide {
        Style {
            width: None,
            ..style
        }
    } else {
        style
    };
    let how = How {
        format: args.format,
        style,
        redactor: redactor.as_ref(),
        bucket: args.bucket,
        policies,
        replay_warning,
        view: View {
            top: args.top.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            wide: args.wide,
        },
        group_by: group_by(args.group_by),
        excel: args.excel,
        html: args.html.as_deref(),
    };
    write_report(&inputs, filter, &mut reading, how, &mut out)?;
    out.flush()?;
    Ok(())
}

/// The report over `inputs`, written to `out`.
fn write_report(
    inputs: &[Input],
    filter: Filter,
    reading: &mut load::Reading,
    how: How<'_>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let How {
        format,
        style,
        redactor,
        bucket,
        policies,
        replay_warning,
        view,
        group_by,
        excel,
        html,
    } = how;
    // JSON, CSV and HTML list every failure: past this many, they wait in a temporary file.
    let keep_failures =
        matches!(format, Format::Json | Format::Csv | Format::Html) || html.is_some();
    let mut tally = Tally::new(filter, keep_failures)
        .spill_after(SPILL_AFTER)
        .with_replay(policies)
        .group_by(group_by);
    if shows_insights(format) || html.is_some() {
        tally = tally.with_insights(bucket);
    }
    let mut progress = Progress::new(style.progress);
    let loaded = load::read_inputs(inputs, reading, |_, record| {
        progress.record();
        let record = redacted(redactor, record);
        if let Added::NewBlock(d) = tally.add(record)
            && format == Format::Ndjson
        {
            report::ndjson::write_failure(out, d)?;
        }
        Ok(())
    })?;
    progress.finish();
    if let Added::NewBlock(d) = tally.flush()
        && format == Format::Ndjson
    {
        report::ndjson::write_failure(out, d)?;
    }
    let mut result = tally.finish();
    result.warnings.extend(loaded.warnings());
    result.warnings.extend(reading.warning());
    result.warnings.extend(replay_warning);
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let sources = names.join(", ");
    let mut spill = result.spilled.take();
    // The file first: when it cannot be written, standard output has not been started.
    if let Some(path) = html {
        write_html_file(path, &result, spill.as_mut(), &sources)?;
    }
    match format {
        Format::Table => report::table::write(out, &result, &sources, style, view)?,
        Format::Markdown => report::markdown::write(out, &result, &sources, view)?,
        Format::Json => report::json::write(out, &result, spill.as_mut())?,
        Format::Csv => {
            if excel {
                out.write_all("\u{feff}".as_bytes())?;
            }
            report::csv::write(out, &result, spill.as_mut())?
        }
        Format::Html => report::html::write(out, &result, spill.as_mut(), &sources)?,
        Format::Ndjson => {}
    }
    Ok(())
}

/// `--html FILE`: the HTML report beside whatever standard output shows.
fn write_html_file(
    path: &std::path::Path,
    r: &summary::Report,
    spill: Option<&mut summary::Spill>,
    sources: &str,
) -> anyhow::Result<()> {
    let shown = path.display();
    let file = std::fs::File::create(path).map_err(|e| {
        anyhow::anyhow!(
            "--html {shown}: cannot create the file: {e}; check that the directory exists and \
             is writable"
        )
    })?;
    let mut w = BufWriter::with_capacity(64 << 10, file);
    report::html::write(&mut w, r, spill, sources)
        .and_then(|()| w.flush())
        .map_err(|e| anyhow::anyhow!("--html {shown}: cannot write the report: {e}"))
}

/// Whether a report format shows incidents, patterns and resolution status.
fn shows_insights(format: Format) -> bool {
    !matches!(format, Format::Ndjson | Format::Csv)
}

/// How a report is written.
struct How<'r> {
    format: Format,
    style: Style,
    redactor: Option<&'r Redactor>,
    /// The incident bucket, in seconds.
    bucket: i64,
    /// `--policies` (and `--named-locations`): replay each blocked sign-in against them.
    policies: Option<crate::replay::PolicySet>,
    /// Said once in the report's warnings (a policies export of several pages).
    replay_warning: Option<String>,
    /// `--html FILE`: also write the HTML report there.
    html: Option<&'r std::path::Path>,
    /// `--top`, `--wide`.
    view: View,
    group_by: GroupBy,
    /// `--excel`: a byte-order mark before the CSV.
    excel: bool,
}

fn group_by(g: GroupByArg) -> GroupBy {
    match g {
        GroupByArg::User => GroupBy::User,
        GroupByArg::Policy => GroupBy::Policy,
        GroupByArg::Cause => GroupBy::Cause,
        GroupByArg::App => GroupBy::App,
        GroupByArg::Country => GroupBy::Country,
    }
}

/// The policies and named locations `--policies` / `--named-locations` name, if any.
fn replay_set(
    args: &ReplayArgs,
    redactor: Option<&Redactor>,
) -> anyhow::Result<(Option<crate::replay::PolicySet>, Option<String>)> {
    let Some(path) = &args.policies else {
        return Ok((None, None));
    };
    if redactor.is_some() {
        // Pseudonymous IP addresses and user ids cannot be matched against ranges and ids.
        bail!(
            "--policies cannot be combined with --redact: the replay needs the real IP \
             addresses and user ids; run the replay without --redact, or redact without \
             --policies"
        );
    }
    let (policies, warning) = load::policies::read_policies(path)?;
    let locations = args
        .named_locations
        .as_deref()
        .map(load::policies::read_named_locations)
        .transpose()?;
    Ok((
        Some(crate::replay::PolicySet {
            policies,
            locations,
            source: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }),
        warning,
    ))
}

/// The redactor `--redact` / `--redact-key` ask for, if any.
fn redactor(args: &RedactArgs) -> anyhow::Result<Option<Redactor>> {
    if let Some(key) = &args.redact_key {
        if key.trim().is_empty() {
            bail!(
                "--redact-key is empty: pass a secret (or set SIGNIN_DOCTOR_REDACT_KEY), or use \
                 --redact alone for pseudonyms that last one run"
            );
        }
        return Ok(Some(Redactor::with_key(key)));
    }
    if !args.redact {
        return Ok(None);
    }
    Ok(Some(match std::env::var("SIGNIN_DOCTOR_REDACT_KEY") {
        Ok(key) if !key.trim().is_empty() => Redactor::with_key(&key),
        _ => Redactor::for_this_run(),
    }))
}

fn redacted<'a>(redactor: Option<&Redactor>, record: model::SignIn<'a>) -> model::SignIn<'a> {
    match redactor {
        Some(r) => r.record(record),
        None => record,
    }
}

/// Failures a JSON report keeps in memory before it spills them (about 3 KB each).
const SPILL_AFTER: usize = 10_000;

/// `detect` looks at every file even when some cannot be read: each gets its own
/// verdict, and the exit code says whether any failed.
pub(crate) fn detect(args: DetectArgs) -> anyhow::Result<()> {
    let (files, skipped) = load::expand(&inputs(&args.inputs)?)?;
    let mut results = Vec::with_capacity(files.len());
    for input in &files {
        let mut census = FieldCensus::default();
        // `detect` reports on every field of every record: no skimming.
        let read = load::read_input(input, &mut load::Reading::new(None, false), |record| {
            census.add(&record);
            Ok(())
        });
        results.push((input.name(), read.map_err(|e| format!("{e:#}")), census));
    }
    let found: Vec<report::detect::Found<'_>> = results
        .iter()
        .map(|(name, read, census)| report::detect::Found {
            name,
            shape: read.as_ref().map(|s| s.shape),
            compressed: read.as_ref().is_ok_and(|s| s.compressed),
            census,
        })
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        DetectFormat::Text => report::detect::write_text(&mut out, &found)?,
        DetectFormat::Json => report::detect::write_json(&mut out, &found)?,
    }
    let notes = load::Loaded {
        inputs: Vec::new(),
        skipped,
        not_logs: Vec::new(),
    }
    .warnings();
    // Notes must not break the JSON document: they go to stderr there.
    for w in notes {
        match args.format {
            DetectFormat::Text => writeln!(out, "{}", i18n::report::NOTE.fill(&[("note", &w)]))?,
            DetectFormat::Json => eprintln!(
                "{}",
                i18n::report::NOTE.fill(&[("note", &report::sanitize(&w, false))])
            ),
        }
    }
    out.flush()?;
    let failed = results.iter().filter(|(_, r, _)| r.is_err()).count();
    if failed > 0 {
        bail!(
            "{failed} of {} input{} could not be read (see above)",
            results.len(),
            if results.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// No FILE means standard input, but a terminal on standard input means the user
/// forgot the file: say so rather than wait silently.
/// Prints the KQL query for `signin-doctor kql`.
pub(crate) fn kql(args: KqlArgs) -> anyhow::Result<()> {
    let since = args
        .since
        .as_deref()
        .map(model::parse_time_bound_spec)
        .transpose()
        .map_err(anyhow::Error::msg)
        .context("--since")?;
    let tables = if !args.table.is_empty() {
        args.table
    } else if args.non_interactive {
        vec![
            kql::INTERACTIVE_TABLE.to_string(),
            kql::NON_INTERACTIVE_TABLE.to_string(),
        ]
    } else {
        vec![kql::INTERACTIVE_TABLE.to_string()]
    };
    let options = kql::Options {
        tables,
        since,
        users: args.user,
        policies: args.policy,
        per: match args.per {
            Per::Failure => kql::Per::Failure,
            Per::User => kql::Per::User,
        },
    };
    let query = kql::query(&options)?;
    let mut out = io::stdout().lock();
    out.write_all(query.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn inputs(args: &[String]) -> anyhow::Result<Vec<Input>> {
    if args.is_empty() {
        if io::stdin().is_terminal() {
            bail!(
                "no input: pass the sign-in log exports to read (files or directories), or pipe \
                 one in (… | signin-doctor report); see --help"
            );
        }
        return Ok(vec![Input::Stdin]);
    }
    Ok(args.iter().map(|a| Input::from_arg(a)).collect())
}

fn filter(args: &FilterArgs, redactor: Option<&Redactor>) -> anyhow::Result<Filter> {
    let now = chrono::Utc::now();
    let bound = |flag: &str, v: &Option<String>| -> anyhow::Result<_> {
        v.as_deref()
            .map(|t| model::parse_time_bound(t, now).map_err(anyhow::Error::msg))
            .transpose()
            .with_context(|| flag.to_string())
    };
    let since = bound("--since", &args.since)?;
    let until = bound("--until", &args.until)?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        bail!("--since is after --until: nothing can match; swap them");
    }
    let mut filter = Filter {
        since,
        until,
        users: args.user.iter().map(|u| u.trim().to_lowercase()).collect(),
    };
    if let Some(r) = redactor {
        r.filter(&mut filter);
    }
    Ok(filter)
}

pub(crate) fn check(args: CheckArgs, style: Style) -> anyhow::Result<Outcome> {
    let redactor = redactor(&args.redact)?;
    let filter = filter(&args.filter, redactor.as_ref())?;
    let inputs = inputs(&args.inputs)?;
    let mut break_glass = break_glass(&args.break_glass, args.break_glass_file.as_deref())?;
    if let Some(r) = &redactor {
        break_glass = r.upns(&break_glass);
    }
    let limits = Limits {
        max_blocked: args.max_blocked,
        max_users: args.max_users,
        max_would_block: args.max_would_block,
        fail_on: args.fail_on.iter().map(|&c| cause(c)).collect(),
        policies: args.policy.clone(),
        break_glass: break_glass.clone(),
        unresolved_only: args.unresolved_only,
    };
    // The gate reads what the report reads, so it sees the same damage.
    let skim = skim_with_successes(&filter);
    let mut tally = Tally::new(filter.clone(), true);
    if args.unresolved_only {
        // Whether a later success followed each block: the per-user insights know.
        tally = tally.with_insights(3600);
    }
    let mut impact = Impact::new(filter, &break_glass).keep_blocks();
    let mut progress = Progress::new(style.progress);
    let mut reading = load::Reading::new(skim, args.lenient);
    let loaded = load::read_inputs(&inputs, &mut reading, |_, record| {
        progress.record();
        let record = redacted(redactor.as_ref(), record);
        impact.add(&record);
        tally.add(record);
        Ok(())
    })?;
    progress.finish();
    let mut report = tally.finish();
    report.warnings.extend(loaded.warnings());
    report.warnings.extend(reading.warning());
    let impact = impact.finish();
    let skipped = args
        .lenient
        .then(|| (reading.skipped, reading.skip_notes.clone()));
    let verdict = rules::evaluate(&limits, &report, &impact, skipped.as_ref());
    let would_block: u64 = impact.iter().map(|p| p.would_block).sum();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        CheckFormat::Text => report::check::write_text(&mut out, &verdict, &report, would_block)?,
        CheckFormat::Json => report::check::write_json(&mut out, &verdict, &report, would_block)?,
        CheckFormat::Junit => report::check::write_junit(&mut out, &verdict)?,
    }
    out.flush()?;
    Ok(if verdict.passed() {
        Outcome::Done
    } else {
        Outcome::Violation
    })
}

pub(crate) fn incidents(args: IncidentsArgs, style: Style) -> anyhow::Result<()> {
    let redactor = redactor(&args.redact)?;
    let filter = filter(&args.filter, redactor.as_ref())?;
    let inputs = inputs(&args.inputs)?;
    let mut reading = load::Reading::new(skim_with_successes(&filter), args.lenient);
    let mut tally = Tally::new(filter, false).with_insights(args.bucket);
    let mut progress = Progress::new(style.progress);
    let loaded = load::read_inputs(&inputs, &mut reading, |_, record| {
        progress.record();
        tally.add(redacted(redactor.as_ref(), record));
        Ok(())
    })?;
    progress.finish();
    let mut result = tally.finish();
    result.warnings.extend(loaded.warnings());
    result.warnings.extend(reading.warning());
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        IncidentsFormat::Text => report::incidents::write_text(&mut out, &result, style)?,
        IncidentsFormat::Json => report::incidents::write_json(&mut out, &result)?,
        IncidentsFormat::Markdown => report::incidents::write_markdown(&mut out, &result)?,
    }
    out.flush()?;
    Ok(())
}

pub(crate) fn impact(args: ImpactArgs, style: Style) -> anyhow::Result<()> {
    let redactor = redactor(&args.redact)?;
    let filter = filter(&args.filter, redactor.as_ref())?;
    let inputs = inputs(&args.inputs)?;
    let mut break_glass = break_glass(&args.break_glass, args.break_glass_file.as_deref())?;
    if let Some(r) = &redactor {
        break_glass = r.upns(&break_glass);
    }
    let skim = skim_for(&filter);
    let mut impact = Impact::new(filter, &break_glass);
    let mut records = 0u64;
    let mut progress = Progress::new(style.progress);
    let mut reading = load::Reading::new(skim, args.lenient);
    load::read_inputs(&inputs, &mut reading, |_, record| {
        progress.record();
        records += 1;
        impact.add(&redacted(redactor.as_ref(), record));
        Ok(())
    })?;
    progress.finish();
    let policies = impact.finish();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ImpactFormat::Table => report::impact::write_table(&mut out, &policies, records, style)?,
        ImpactFormat::Json => report::impact::write_json(&mut out, &policies, records)?,
        ImpactFormat::Markdown => report::impact::write_markdown(&mut out, &policies, records)?,
    }
    out.flush()?;
    Ok(())
}

fn cause(c: CauseArg) -> Cause {
    match c {
        CauseArg::Location => Cause::Location,
        CauseArg::DeviceState => Cause::DeviceState,
        CauseArg::DevicePlatform => Cause::DevicePlatform,
        CauseArg::ClientApp => Cause::ClientApp,
        CauseArg::Risk => Cause::Risk,
        CauseArg::AuthFlow => Cause::AuthFlow,
        CauseArg::PolicyScope => Cause::PolicyScope,
        CauseArg::Unknown => Cause::Unknown,
    }
}

/// The break-glass UPNs from the command line and the file, lower-cased.
fn break_glass(upns: &[String], file: Option<&std::path::Path>) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = upns.iter().map(|u| u.trim().to_lowercase()).collect();
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot read the break-glass list: {e}; pass a text file with one UPN per line",
                path.display()
            )
        })?;
        for (n, line) in text.lines().enumerate() {
            let upn = line.split('#').next().unwrap_or("").trim();
            if upn.is_empty() {
                continue;
            }
            if !upn.contains('@') || upn.contains(char::is_whitespace) {
                bail!(
                    "{}: line {}: {upn:?} is not a UPN; put one account (name@domain) per line",
                    path.display(),
                    n + 1
                );
            }
            out.push(upn.to_lowercase());
        }
        if out.is_empty() {
            bail!(
                "{}: no UPNs in the break-glass list; put one account (name@domain) per line",
                path.display()
            );
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Records that cannot be blocks or report-only results need only their error code,
/// unless a filter has to look at their time or user.
fn skim_for(filter: &Filter) -> load::Skim {
    if filter.since.is_some() || filter.until.is_some() || !filter.users.is_empty() {
        None
    } else {
        Some(|code, bytes| {
            if classify::could_matter(code, bytes) {
                Depth::Full
            } else {
                Depth::Code
            }
        })
    }
}

/// As `skim_for`, but successful sign-ins are read whole: incidents need the export's
/// span and the per-user patterns need where, on what and with what users got in.
fn skim_with_successes(filter: &Filter) -> load::Skim {
    skim_for(filter).map(|_| -> fn(i64, &[u8]) -> Depth {
        |code, bytes| {
            if classify::could_matter(code, bytes) {
                Depth::Full
            } else if code == 0 {
                Depth::Light
            } else {
                Depth::Code
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skimming fast path (records that cannot be blocks only counted) gives the
    /// same report as parsing every record, on every fixture of every shape.
    #[test]
    fn skimming_changes_nothing_in_any_shape() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = Vec::new();
        let (found, _) = load::expand(&[Input::Path(dir)]).unwrap();
        for input in found {
            let name = input.name();
            // Not logs: damaged inputs, pastes, and the policy exports beside the replay logs.
            let not_logs = ["broken", "pastes", "policies.json", "named-locations.json"];
            if !not_logs.iter().any(|n| name.contains(n)) {
                files.push(input);
            }
        }
        assert!(files.len() > 25, "{files:?}");
        let style = Style {
            color: false,
            width: None,
            unicode: false,
            progress: false,
        };
        for input in &files {
            let run = |skim: load::Skim| {
                let mut out = Vec::new();
                let inputs = std::slice::from_ref(input);
                write_report(
                    inputs,
                    Filter::default(),
                    &mut load::Reading::new(skim, false),
                    How {
                        format: Format::Json,
                        style,
                        redactor: None,
                        bucket: 3600,
                        policies: None,
                        replay_warning: None,
                        view: View::default(),
                        group_by: GroupBy::User,
                        excel: false,
                        html: None,
                    },
                    &mut out,
                )
                .unwrap();
                String::from_utf8(out).unwrap()
            };
            let (plain, fast) = (run(None), run(skim_with_successes(&Filter::default())));
            // The fast path cannot see timestamps it skipped; that warning aside, equal.
            let strip = |t: String| -> String {
                t.lines()
                    .filter(|l| !l.contains("no readable createdDateTime"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(strip(plain), strip(fast), "{}", input.name());
        }
    }
}
