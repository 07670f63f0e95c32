//! Evaluation: framing (not written yet).

use std::io::Write;
use std::path::Path;

use crate::{EvalError, Figures};

/// Runs the framing evaluation on the data at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    writeln!(out, "framing: not implemented yet ({})", data.display())?;
    Ok(Figures::default())
}
