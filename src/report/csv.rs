//! `report --format csv`: one RFC 4180 row per blocked sign-in, every contract field
//! flattened, safe to open in a spreadsheet (no cell can start a formula) or to `cat`.

use std::io::{self, Write};

use super::{FailureOut, sanitize};
use crate::model::Diagnosis;
use crate::summary::{Report, Spill};

/// The columns, named like the JSON contract's fields (lists joined with "; ").
const HEADER: &[&str] = &[
    "request_id",
    "correlation_id",
    "time",
    "user",
    "app",
    "resource",
    "ip",
    "country",
    "cause",
    "causes",
    "confidence",
    "detail",
    "policy_ids",
    "policy_names",
    "evidence",
    "fix_user",
    "fix_admin",
];

pub(crate) fn write(out: &mut impl Write, r: &Report, spill: Option<&mut Spill>) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    match spill {
        Some(spill) => {
            for d in spill.sorted()? {
                write_row(&mut w, &d?)?;
            }
        }
        None => {
            for d in &r.failures {
                write_row(&mut w, d)?;
            }
        }
    }
    w.flush()
}

fn write_row(w: &mut ::csv::Writer<impl Write>, d: &Diagnosis) -> io::Result<()> {
    let f = FailureOut::new(d);
    let join = |items: Vec<&str>| items.join("; ");
    let row = [
        f.request_id.unwrap_or_default().to_string(),
        f.correlation_id.unwrap_or_default().to_string(),
        f.time.clone().unwrap_or_default(),
        f.user.to_string(),
        f.app.unwrap_or_default().to_string(),
        f.resource.unwrap_or_default().to_string(),
        f.ip.unwrap_or_default().to_string(),
        f.country.unwrap_or_default().to_string(),
        f.cause.as_str().to_string(),
        join(f.causes.iter().map(|c| c.as_str()).collect()),
        f.confidence.as_str().to_string(),
        f.detail.to_string(),
        join(f.policies.iter().filter_map(|p| p.id.as_deref()).collect()),
        join(f.policies.iter().map(|p| p.name.as_str()).collect()),
        f.evidence.join(" | "),
        f.fix.user.clone(),
        f.fix.admin.clone(),
    ];
    w.write_record(row.iter().map(|cell| cell_text(cell)))?;
    Ok(())
}

/// A cell a spreadsheet shows as text: control characters escaped visibly, and a
/// leading `=`, `+`, `-`, `@`, tab or carriage return (which would start a formula,
/// OWASP's CSV-injection guidance) behind a `'`.
pub(crate) fn cell_text(text: &str) -> String {
    let shown = sanitize(text, false);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) || shown.starts_with(['=', '+', '-', '@'])
    {
        format!("'{shown}")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::cell_text;

    #[test]
    fn cells_cannot_start_a_formula_or_carry_escapes() {
        assert_eq!(
            cell_text("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell_text("+1"), "'+1");
        assert_eq!(cell_text("-2+3"), "'-2+3");
        assert_eq!(cell_text("@SUM(A1)"), "'@SUM(A1)");
        assert!(cell_text("\t=1").starts_with('\''));
        assert_eq!(cell_text("Zoë"), "Zoë");
        assert!(!cell_text("a\u{1b}[2Jb").contains('\u{1b}'));
        assert_eq!(cell_text("a=b"), "a=b");
    }
}
