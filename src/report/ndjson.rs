//! `--format ndjson`: one failure object per line, written as each blocked sign-in is
//! found, so a pipeline sees results before the input ends.

use std::io::{self, Write};

use super::FailureOut;
use crate::model::Diagnosis;

pub(crate) fn write_failure(out: &mut impl Write, d: &Diagnosis) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &FailureOut::new(d))?;
    out.write_all(b"\n")
}
