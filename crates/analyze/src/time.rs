//! Temporal expressions and their TIMEX3-style values, resolved against an anchor date.

use triangulate_model::{Span, TimeExpr};

/// The date relative expressions are resolved against (usually the publication date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Anchor {
    /// Parses `YYYY-MM-DD` (anything after the first ten bytes is ignored).
    pub fn parse(value: &str) -> Option<Anchor> {
        let day = value.get(..10)?;
        let mut parts = day.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Some(Anchor { year, month, day })
    }
}

/// Finds time expressions in `text` and normalises them against `anchor`.
pub fn find(text: &str, sentences: &[Span], anchor: Option<Anchor>) -> Vec<TimeExpr> {
    let _ = (text, sentences, anchor);
    Vec::new()
}
