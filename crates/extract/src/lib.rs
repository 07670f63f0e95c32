//! Main-text and metadata extraction from HTML pages and scraped text.

use triangulate_model::{Article, RawDocument};

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{origin}: no article text found")]
    Empty { origin: String },
    #[error("{origin}: {reason}")]
    Refused { origin: String, reason: String },
}

/// Extracts the main text and metadata of one document.
pub fn extract(doc: &RawDocument) -> Result<Article, ExtractError> {
    Err(ExtractError::Empty {
        origin: doc.origin.clone(),
    })
}
