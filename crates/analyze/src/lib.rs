//! Per-article analysis: a pure function of one extracted [`Article`].
//!
//! Stages run in order over the article text: sentences, entity mentions with in-document
//! coreference, quotes with speakers, time expressions against the publication date, and the
//! labels outlets attach to entities. Every span points into `article.text`.
//!
//! ```
//! use triangulate_model::{Article, DocId};
//! let article = Article {
//!     id: DocId("d1".into()), origin: "inline".into(), url: None, canonical_url: None,
//!     title: None, outlet: None, authors: vec![], published: None, modified: None,
//!     language: None, reprint: None, blocks: vec![],
//!     text: "Mayor Ilse Brandt opened the bridge. She said it was overdue.".into(),
//! };
//! let analysis = triangulate_analyze::analyze(&article);
//! assert_eq!(analysis.sentences.len(), 2);
//! ```

pub mod entities;
pub mod labels;
pub mod quotes;
pub mod sentences;
pub mod time;

use triangulate_model::{Analysis, Article};

pub use time::Anchor;

/// Analyses one article, anchoring relative dates on its own publication date.
pub fn analyze(article: &Article) -> Analysis {
    let anchor = article
        .published
        .as_ref()
        .and_then(|d| Anchor::parse(d.day()));
    analyze_with_anchor(article, anchor)
}

/// Analyses one article with an explicit anchor for relative dates (the story's date when the
/// article has none of its own).
pub fn analyze_with_anchor(article: &Article, anchor: Option<Anchor>) -> Analysis {
    let text = article.text.as_str();
    let sentences = sentences::split(text);
    let (mentions, entities) = entities::find(text, &sentences);
    let quotes = quotes::find(text, &sentences, &mentions, &entities);
    let times = time::find(text, &sentences, anchor);
    let labels = labels::find_with_quotes(text, &sentences, &mentions, &quotes);
    Analysis {
        doc: article.id.clone(),
        sentences,
        mentions,
        entities,
        quotes,
        times,
        labels,
    }
}
