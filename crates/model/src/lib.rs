//! Shared types of the triangulate pipeline.
//!
//! Data flows one way: a [`RawDocument`] (what ingest read) becomes an [`Article`] (extracted main
//! text and metadata), which gets an [`Analysis`] (sentences, entity mentions, quotes, time
//! expressions, labels), and many analysed articles are linked into [`Story`] values, gathered in
//! a [`Report`]. Every span is a byte range into [`Article::text`].
//!
//! ```
//! use triangulate_model::{DocId, Span};
//! let text = "Scholz arrived in Astana.";
//! let span = Span::new(18, 24);
//! assert_eq!(span.slice(text), Some("Astana"));
//! assert_eq!(DocId::of_bytes(b"same").as_str(), DocId::of_bytes(b"same").as_str());
//! ```

mod analysis;
mod document;
mod story;

pub use analysis::*;
pub use document::*;
pub use story::*;

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's extracted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text under the span, or `None` when the span is out of range or not on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A stable document identifier: a hash of the document's source bytes, so that reading the same
/// file twice yields the same id and nothing is stored twice.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        let hash = blake3::hash(bytes);
        DocId(format!("d{}", &hash.to_hex()[..15]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
