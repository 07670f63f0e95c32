//! Main-text and metadata extraction from HTML pages and scraped text.
//!
//! [`extract`] turns one [`RawDocument`] into an [`Article`]: the main text as blocks joined by
//! blank lines (page furniture such as navigation, share buttons, newsletter boxes, teasers and
//! captions removed) plus title, outlet, authors, dates, language and reprint origin. Metadata
//! the container gave (a JSONL line's `url`, `outlet`, `published`, `title`) wins over what the
//! page says.
//!
//! ```
//! use triangulate_model::{Body, DocId, RawDocument};
//! let html = "<html><head><title>Bridge opens | Harbour Gazette</title></head><body>\
//!     <nav><a href='/'>Home</a></nav><article><h1>Bridge opens</h1>\
//!     <p>The new bridge over the Lenn river opened on Tuesday after four years of work, \
//!     the council said.</p></article></body></html>";
//! let doc = RawDocument {
//!     id: DocId::of_bytes(html.as_bytes()),
//!     origin: "example.html".into(),
//!     url: None, outlet: None, published: None, title: None,
//!     body: Body::Html(html.into()),
//! };
//! let article = triangulate_extract::extract(&doc).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Bridge opens"));
//! assert_eq!(article.outlet.as_deref(), Some("Harbour Gazette"));
//! assert!(article.text.starts_with("The new bridge"));
//! ```

mod article;
mod boilerplate;
mod dates;
mod dom;
mod html;
mod metadata;
mod reprint;
mod text;

use triangulate_model::{Article, Body, RawDocument};

/// Bodies larger than this are refused rather than parsed: no news article comes near it, and
/// the DOM of a larger page would cost memory out of proportion to its worth.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{origin}: no article text found")]
    Empty { origin: String },
    #[error("{origin}: {reason}")]
    Refused { origin: String, reason: String },
}

/// Extracts the main text and metadata of one document.
pub fn extract(doc: &RawDocument) -> Result<Article, ExtractError> {
    let body = match &doc.body {
        Body::Html(s) | Body::Text(s) => s,
    };
    if body.len() > MAX_BODY_BYTES {
        return Err(ExtractError::Refused {
            origin: doc.origin.clone(),
            reason: format!(
                "body of {} bytes is over the {MAX_BODY_BYTES}-byte limit",
                body.len()
            ),
        });
    }
    let draft = match &doc.body {
        Body::Html(html) => html::extract(html, doc.url.as_deref()),
        Body::Text(text) => text::extract(text),
    };
    article::assemble(doc, draft).ok_or_else(|| ExtractError::Empty {
        origin: doc.origin.clone(),
    })
}
