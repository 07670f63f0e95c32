//! Cross-article linking: duplicates, stories, entity resolution, quote and fact alignment,
//! timeline and framing.

pub mod similarity;
