//! Storage of articles and analyses behind one [`Store`] trait: [`SqliteStore`] (embedded,
//! the default; full-text search over titles and texts) and [`MemoryStore`] (for fast tests).
//!
//! Documents are keyed by [`DocId`], a hash of their source bytes, so storing the same input
//! twice keeps one copy. Story assignments are stored too, so that a story keeps its id when
//! later runs add articles to it, and so is the history of stories merged and split.
//!
//! ```
//! use triangulate_model::{Analysis, Article, Body, DocId, RawDocument};
//! use triangulate_store::{SqliteStore, Store};
//!
//! let text = "Harbour master Ilse Brandvik closed the port of Vellmar.";
//! let id = DocId::of_bytes(text.as_bytes());
//! let raw = RawDocument {
//!     id: id.clone(), origin: "port.txt".into(), url: None, outlet: None, published: None,
//!     title: None, body: Body::Text(text.into()),
//! };
//! let article = Article {
//!     id: id.clone(), origin: raw.origin.clone(), url: None, canonical_url: None,
//!     title: Some("Port closed".into()), outlet: None, authors: vec![], published: None,
//!     modified: None, language: Some("en".into()), reprint: None, text: text.into(), blocks: vec![],
//! };
//! let analysis = Analysis { doc: id.clone(), ..Analysis::default() };
//!
//! let mut store = SqliteStore::in_memory().unwrap();
//! assert!(store.put(&raw, &article, &analysis).unwrap());
//! assert!(!store.put(&raw, &article, &analysis).unwrap(), "stored once");
//! assert_eq!(store.len().unwrap(), 1);
//! assert_eq!(store.search("vellmar port", 10).unwrap(), vec![id]);
//! ```

mod error;
mod memory;
mod query;
mod schema;
mod sqlite;

use serde::{Deserialize, Serialize};
use triangulate_model::{Analysis, Article, DocId, RawDocument};

pub use error::StoreError;
pub use memory::MemoryStore;
pub use sqlite::SqliteStore;

/// A document as a store keeps it: the extracted article and its analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub article: Article,
    pub analysis: Analysis,
}

/// One recorded change of stories: documents of story `from_story` moved to `into_story`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryChange {
    /// When it was recorded (an RFC 3339 UTC time, as the caller gives it).
    pub at: String,
    /// `merge` (the whole of `from_story` folded into `into_story`) or `split` (part of
    /// `from_story` left for the new `into_story`).
    pub kind: String,
    pub from_story: String,
    pub into_story: String,
    /// How many documents moved.
    pub docs: usize,
}

/// Where analysed documents and their story assignments are kept between runs.
pub trait Store: Send {
    /// Stores one document; `false` when its id was already stored (nothing is duplicated or
    /// overwritten).
    fn put(
        &mut self,
        raw: &RawDocument,
        article: &Article,
        analysis: &Analysis,
    ) -> Result<bool, StoreError>;

    /// Stores many documents at once, all or none: after an error the store is as before.
    /// Returns how many were new.
    fn put_batch(
        &mut self,
        items: &[(RawDocument, Article, Analysis)],
    ) -> Result<usize, StoreError>;

    fn contains(&self, id: &DocId) -> Result<bool, StoreError>;

    fn document(&self, id: &DocId) -> Result<Option<StoredDocument>, StoreError>;

    /// Every stored document, in the order they were first stored.
    fn documents(&self) -> Result<Vec<StoredDocument>, StoreError>;

    fn len(&self) -> Result<usize, StoreError>;

    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Records which story each document belongs to, replacing earlier assignments of the same
    /// documents and keeping the others.
    fn put_story_assignment(&mut self, assignments: &[(DocId, String)]) -> Result<(), StoreError>;

    /// Every recorded assignment, in the order documents were first assigned.
    fn story_assignments(&self) -> Result<Vec<(DocId, String)>, StoreError>;

    /// Appends `changes` to the story history and records `assignments` (the documents they
    /// re-pointed, and any others) as [`Store::put_story_assignment`] does, all or none.
    fn put_story_changes(
        &mut self,
        changes: &[StoryChange],
        assignments: &[(DocId, String)],
    ) -> Result<(), StoreError>;

    /// The story history, oldest first, each change with its sequence number (increasing).
    fn story_changes(&self) -> Result<Vec<(i64, StoryChange)>, StoreError>;

    /// Documents whose title or text contains every word of `query` (case-insensitive, whole
    /// words), best matches first, at most `limit`.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<DocId>, StoreError>;
}

/// A raw document, its article and its analysis must describe the same document; an analysis
/// that never had its id filled in (the default, empty id) is accepted.
fn check_ids(raw: &RawDocument, article: &Article, analysis: &Analysis) -> Result<(), StoreError> {
    let analysis_fits = analysis.doc == raw.id || analysis.doc.as_str().is_empty();
    if article.id == raw.id && analysis_fits {
        return Ok(());
    }
    Err(StoreError::IdMismatch {
        origin: raw.origin.clone(),
        raw: raw.id.clone(),
        article: article.id.clone(),
        analysis: analysis.doc.clone(),
    })
}
