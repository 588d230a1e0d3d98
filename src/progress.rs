//! A progress line on stderr while long inputs are read: bytes, records, rate. Drawn
//! only when main says stderr is a terminal, never before a second has passed, at most
//! four times a second, and erased when reading ends. Never touches stdout.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::i18n::report as t;
use crate::load;

pub(crate) struct Progress {
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
    records: u64,
    shown: bool,
}

impl Progress {
    pub(crate) fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            start: Instant::now(),
            last: None,
            records: 0,
            shown: false,
        }
    }

    /// One more record read.
    pub(crate) fn record(&mut self) {
        self.records += 1;
        // Looking at the clock costs little, but not nothing: every 4096 records.
        if !self.enabled || !self.records.is_multiple_of(4096) {
            return;
        }
        let now = Instant::now();
        let since_start = now - self.start;
        if since_start < Duration::from_secs(1)
            || self
                .last
                .is_some_and(|l| now - l < Duration::from_millis(250))
        {
            return;
        }
        self.last = Some(now);
        let mb = load::bytes_read() as f64 / 1e6;
        let rate = mb / since_start.as_secs_f64();
        // \r and "erase line" keep it on one line; the text holds no log data.
        let line = t::PROGRESS.fill(&[
            ("mb", &format!("{mb:.0}")),
            ("records", &self.records),
            ("rate", &format!("{rate:.0}")),
        ]);
        eprint!("\r\x1b[2K{line}");
        let _ = std::io::stderr().flush();
        self.shown = true;
    }

    /// Erases the line, if one was drawn.
    pub(crate) fn finish(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
