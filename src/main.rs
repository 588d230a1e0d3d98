//! signin-doctor: why did Conditional Access block these sign-ins, and what should be
//! done? This file only wires the stages together and maps the outcome to an exit code.

mod check;
mod classify;
mod cli;
mod codes;
mod commands;
mod explain;
mod fixes;
mod i18n;
mod insights;
mod kql;
mod load;
mod model;
mod progress;
mod redact;
mod replay;
mod report;
mod rules;
mod summary;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, ColorChoice, Command, LangChoice};
use i18n::Lang;
use report::Style;

/// What a command found, as its exit code says it (DESIGN.md contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// 0: done (blocked sign-ins are findings, not errors).
    Done,
    /// 1: `explain` found no sign-in with that id.
    NotFound,
    /// 1: `check` found a violation.
    Violation,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound | Outcome::Violation) => ExitCode::from(1),
        // The reader went away (`… | head`): what it wanted was written.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages may quote log text: keep it from driving the terminal.
            eprintln!("error: {}", report::sanitize(&format!("{e:#}"), true));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let style = decide_style(cli.color);
    i18n::set(match cli.lang {
        Some(LangChoice::En) => Lang::En,
        Some(LangChoice::Fr) => Lang::Fr,
        None => Lang::from_env(|name| std::env::var(name).ok()),
    });
    match cli.command {
        Command::Report(args) => commands::report(args, style).map(|()| Outcome::Done),
        Command::Explain(args) => commands::explain(args, style),
        Command::Check(args) => commands::check(args, style),
        Command::Impact(args) => commands::impact(args, style).map(|()| Outcome::Done),
        Command::Detect(args) => commands::detect(args).map(|()| Outcome::Done),
        Command::Incidents(args) => commands::incidents(args, style).map(|()| Outcome::Done),
        Command::Kql(args) => commands::kql(args).map(|()| Outcome::Done),
        Command::Completions(args) => {
            commands::print(&cli::completion_script(args.shell)).map(|()| Outcome::Done)
        }
        Command::Man => commands::print(&cli::man_page()?).map(|()| Outcome::Done),
    }
}

/// Colour and width are decided here, once; renderers never look at the terminal.
fn decide_style(choice: ColorChoice) -> Style {
    let tty = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && !no_color,
    };
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok());
    // A terminal gets a table that fits it; a pipe gets one line per row (grep-able),
    // unless COLUMNS asks for a width.
    let width = if tty {
        terminal_size::terminal_size()
            .map(|(w, _)| w.0)
            .or(from_env)
            .or(Some(100))
    } else {
        from_env
    };
    Style {
        color,
        width: width.map(|w| w.max(60)),
        unicode: tty,
        progress: io::stderr().is_terminal(),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
