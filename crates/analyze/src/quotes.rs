//! Quotations and attributions: direct, partial, block, indirect and scare quotes, with speaker
//! attribution through cue verbs and the entity layer.

use triangulate_model::{LocalEntity, Mention, Quote, Span};

/// Finds quotes in `text`; speakers are indices into `entities`.
pub fn find(
    text: &str,
    sentences: &[Span],
    mentions: &[Mention],
    entities: &[LocalEntity],
) -> Vec<Quote> {
    let _ = (text, sentences, mentions, entities);
    Vec::new()
}
