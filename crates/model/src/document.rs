use serde::{Deserialize, Serialize};

use crate::{DocId, Span};

/// The body of a document as ingest found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "format", content = "content")]
pub enum Body {
    Html(String),
    Text(String),
}

/// One input document before extraction: the body plus whatever metadata its container gave
/// (a JSONL line's `url`, `outlet`, `published`, `title`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    pub id: DocId,
    /// Where it came from: a path, `path:line` for JSONL, a URL, or a WARC record id.
    pub origin: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub body: Body,
}

/// Where a piece of metadata was found; reports carry it so a reader can judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Given by the container (JSONL field, feed entry).
    Given,
    JsonLd,
    MetaTag,
    TimeElement,
    Url,
    /// A byline or dateline in the text ("September 17, 2024 1:24 AM").
    Dateline,
    /// A header line in scraped text ("date 2024-09-16").
    Header,
    /// A masthead, title suffix or credit line.
    Masthead,
    /// Derived from other documents of the story.
    Story,
}

/// A date with where it came from. `value` is ISO 8601: `2024-09-17` or `2024-09-17T01:24:00`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dated {
    pub value: String,
    pub provenance: Provenance,
}

impl Dated {
    /// The calendar date part (`YYYY-MM-DD`) of the value.
    pub fn day(&self) -> &str {
        self.value.get(..10).unwrap_or(&self.value)
    }
}

/// A reprint notice: the outlet that first published the text, and the words that say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reprint {
    pub original_outlet: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Caption,
}

/// One block of the extracted text. `span` points into [`Article::text`]; `source` is the byte
/// range of the block in the raw body it came from, when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
    pub source: Option<Span>,
}

/// A document after extraction: clean main text (blocks joined by blank lines) and metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: DocId,
    pub origin: String,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Dated>,
    pub modified: Option<Dated>,
    /// ISO 639-1 code when detected.
    pub language: Option<String>,
    pub reprint: Option<Reprint>,
    pub text: String,
    pub blocks: Vec<Block>,
}

impl Article {
    /// An article of `text` alone, with nothing known about it but its id and origin; the
    /// optional fields can be set afterwards or with struct update syntax.
    pub fn new(id: DocId, origin: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id,
            origin: origin.into(),
            url: None,
            canonical_url: None,
            title: None,
            outlet: None,
            authors: vec![],
            published: None,
            modified: None,
            language: None,
            reprint: None,
            text: text.into(),
            blocks: vec![],
        }
    }
}

/// English month names in calendar order, lower case: what the date readers of extraction and
/// linking match written dates against ("Oct. 3", "3 October").
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
