//! Labels outlets attach to entities and events: evaluative adjectives, appositions, loaded terms.

use triangulate_model::{Label, Mention, Span};

/// Finds labels in `text` attached to `mentions` or to the event.
pub fn find(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Label> {
    let _ = (text, sentences, mentions);
    Vec::new()
}
