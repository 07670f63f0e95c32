//! The report as pretty-printed JSON: the machine-readable form, with its `schema` field.

use std::io::Write;

use triangulate_model::Report;

pub(crate) fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
