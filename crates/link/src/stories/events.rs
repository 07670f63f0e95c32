//! What the story index changed besides placing new articles: stories it merged and stories it
//! split, so that a store can re-point the documents concerned and keep a history of it.

use triangulate_model::DocId;

/// One regrouping of stories done while adding a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoryEvent {
    /// Story `from` was folded into the larger story `into`; its `docs` documents now belong to
    /// `into` and the key `from` is no longer used.
    Merged {
        into: String,
        from: String,
        docs: usize,
    },
    /// The documents `docs` left story `from`, which keeps the rest, for the new story `into`.
    Split {
        from: String,
        into: String,
        docs: Vec<DocId>,
    },
}

impl StoryEvent {
    /// `"merge"` or `"split"`, as a store records the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            StoryEvent::Merged { .. } => "merge",
            StoryEvent::Split { .. } => "split",
        }
    }

    /// The story documents left.
    pub fn from_story(&self) -> &str {
        match self {
            StoryEvent::Merged { from, .. } | StoryEvent::Split { from, .. } => from,
        }
    }

    /// The story documents went to.
    pub fn into_story(&self) -> &str {
        match self {
            StoryEvent::Merged { into, .. } | StoryEvent::Split { into, .. } => into,
        }
    }

    /// How many documents moved.
    pub fn moved(&self) -> usize {
        match self {
            StoryEvent::Merged { docs, .. } => *docs,
            StoryEvent::Split { docs, .. } => docs.len(),
        }
    }
}
