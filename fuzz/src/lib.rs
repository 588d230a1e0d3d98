//! What the fuzz targets call: signin-doctor's own modules, compiled here from `../src`
//! (the main crate is a binary, so they are included by path), and one function per
//! target that drives them the way the commands do. Each must return, never panic.

#![allow(dead_code, unused_imports, clippy::all)]

#[path = "../../src/check.rs"]
mod check;
#[path = "../../src/classify.rs"]
mod classify;
#[path = "../../src/codes.rs"]
mod codes;
#[path = "../../src/explain.rs"]
mod explain;
#[path = "../../src/fixes.rs"]
mod fixes;
#[path = "../../src/i18n/mod.rs"]
mod i18n;
#[path = "../../src/insights.rs"]
mod insights;
#[path = "../../src/load/mod.rs"]
mod load;
#[path = "../../src/model.rs"]
mod model;
#[path = "../../src/redact.rs"]
mod redact;
#[path = "../../src/replay.rs"]
mod replay;
#[path = "../../src/report/mod.rs"]
mod report;
#[path = "../../src/rules.rs"]
mod rules;
#[path = "../../src/summary.rs"]
mod summary;

use report::Style;
use summary::{Filter, Impact, Tally};

const STYLE: Style = Style {
    color: true,
    width: Some(100),
    unicode: true,
    progress: false,
};

/// What `report` reads: blocks in full, successes from their bytes (`quick_success`).
fn with_successes(code: i64, bytes: &[u8]) -> load::Depth {
    if classify::could_matter(code, bytes) {
        load::Depth::Full
    } else if code == 0 {
        load::Depth::Light
    } else {
        load::Depth::Code
    }
}

/// What `impact` reads: only what can be a block in full.
fn blocks_only(code: i64, bytes: &[u8]) -> load::Depth {
    if classify::could_matter(code, bytes) {
        load::Depth::Full
    } else {
        load::Depth::Code
    }
}

/// Every record of `bytes`, whatever shape the detector sees, strictly and leniently,
/// with and without the skimming fast paths. Errors are fine; panics are not.
pub fn detect_and_load(bytes: &[u8]) {
    for lenient in [false, true] {
        let skims: [load::Skim; 3] = [None, Some(blocks_only), Some(with_successes)];
        for skim in skims {
            let mut reading = load::Reading::new(skim, lenient);
            let _ = load::read_one("fuzz", bytes, &mut reading, &mut |s| {
                let _ = classify::classify(&s);
                Ok(())
            });
        }
    }
}

/// The loader behind a fixed prefix, so the fuzzer spends its time past the detector.
pub fn with_prefix(prefix: &[u8], bytes: &[u8]) {
    let mut input = prefix.to_vec();
    input.extend_from_slice(bytes);
    detect_and_load(&input);
}

/// A pasted error text: parsed, classified, and explained in every format.
pub fn paste(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let Ok(mut p) = load::parse_paste(&text) else {
        return;
    };
    // Both languages: French fills other templates with the same log text.
    for lang in [i18n::Lang::En, i18n::Lang::Fr] {
        i18n::set(lang);
        let d = classify::classify_paste(&p);
        for format in [
            report::explain::Format::Text,
            report::explain::Format::Markdown,
            report::explain::Format::Json,
        ] {
            let _ =
                report::explain::write_paste_only(&mut Vec::new(), &p, d.as_ref(), format, STYLE);
        }
    }
    i18n::set(i18n::Lang::En);
    redact::Redactor::with_key("fuzz").paste(&mut p);
}

/// The whole `report`, `impact` and `explain` path: load leniently, tally, render.
pub fn report(bytes: &[u8]) {
    let redactor = redact::Redactor::with_key("fuzz");
    for redacting in [false, true] {
        // The redacted pass speaks French: every text path runs in both languages.
        i18n::set(if redacting {
            i18n::Lang::Fr
        } else {
            i18n::Lang::En
        });
        let mut tally = Tally::new(Filter::default(), true).with_insights(3600);
        let mut impact = Impact::new(Filter::default(), &["admin@contoso.com".to_string()]);
        let mut search = explain::Search::for_any("00000000-0000-0000-0000-000000000000");
        let mut reading = load::Reading::new(Some(with_successes), true);
        let _ = load::read_one("fuzz", bytes, &mut reading, &mut |s| {
            let s = if redacting { redactor.record(s) } else { s };
            impact.add(&s);
            search.add(s.clone());
            tally.add(s);
            Ok(())
        });
        tally.flush();
        let r = tally.finish();
        let _ = report::table::write(&mut Vec::new(), &r, "fuzz", STYLE, report::View::default());
        let _ = report::markdown::write(&mut Vec::new(), &r, "fuzz", report::View::default());
        let _ = report::incidents::write_text(&mut Vec::new(), &r, STYLE);
        let _ = report::json::write(&mut Vec::new(), &r, None);
        let _ = report::html::write(&mut Vec::new(), &r, None, "fuzz");
        let policies = impact.finish();
        let _ = report::impact::write_table(&mut Vec::new(), &policies, 1, STYLE);
        let _ = report::impact::write_markdown(&mut Vec::new(), &policies, 1);
        let _ = search.finish_with(None);
    }
}
