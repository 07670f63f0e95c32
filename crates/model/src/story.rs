use serde::{Deserialize, Serialize};

use crate::{Dated, DocId, EntityKind, QuoteKind, Reprint, Span, TimeKind};

/// Version of the JSON report layout; bumped on any incompatible change.
pub const REPORT_SCHEMA: &str = "triangulate.report/1";

/// A place in one document: the anchor every reported item carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: DocId,
    pub span: Span,
}

/// One article as a source of a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub doc: DocId,
    pub origin: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// `None` when the article does not say: never invented.
    pub published: Option<Dated>,
    pub language: Option<String>,
    pub reprint: Option<Reprint>,
    /// Set when this article is a near-copy of another source of the story.
    pub duplicate_of: Option<DocId>,
}

/// How often one outlet used one spelling of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub text: String,
    pub count: usize,
    pub docs: Vec<DocId>,
}

/// An entity resolved across the sources of a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<Alias>,
    pub roles: Vec<String>,
    pub mentions: Vec<Evidence>,
}

/// One quotation in one source, with its speaker resolved to a story entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryQuote {
    pub id: String,
    pub doc: DocId,
    pub span: Span,
    pub text: String,
    pub kind: QuoteKind,
    /// Story entity id of the speaker.
    pub speaker: Option<String>,
    /// The speaker's canonical name, for readers of the JSON.
    pub speaker_name: Option<String>,
    /// The utterance this quote renders, when aligned.
    pub utterance: Option<String>,
}

/// How a rendering relates to the fullest rendering of its utterance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fidelity {
    Verbatim,
    /// Words dropped, the rest kept.
    Shortened,
    Reworded,
    Translated,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rendering {
    pub quote: String,
    pub doc: DocId,
    pub text: String,
    pub fidelity: Fidelity,
    /// Similarity to the reference rendering, 0 to 1.
    pub similarity: f32,
    /// Words of the reference rendering this one leaves out (for shortened renderings).
    pub dropped: Vec<String>,
}

/// The same utterance as carried by several sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Utterance {
    pub id: String,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    /// Quote id of the rendering the others are compared with.
    pub reference: String,
    pub renderings: Vec<Rendering>,
}

/// One dated entry of a story's timeline, merged across the sources that report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// TIMEX3-style normalised value.
    pub date: String,
    pub kind: TimeKind,
    /// The clause or sentence the date belongs to, from the first source.
    pub text: String,
    /// Story entity ids of the actors in that clause.
    pub actors: Vec<String>,
    pub actor_names: Vec<String>,
    pub docs: Vec<DocId>,
    pub evidence: Vec<Evidence>,
    pub reasoning: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Reported by every source of the story.
    All,
    /// By more than one source, not all.
    Some,
    /// By one source alone.
    One,
}

/// A statement aligned across the sources that carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    /// The statement as its first source words it.
    pub text: String,
    pub coverage: Coverage,
    pub docs: Vec<DocId>,
    pub evidence: Vec<Evidence>,
    /// Other sources' wordings, one per evidence after the first.
    pub variants: Vec<String>,
    /// Disagreements between the sources on this statement (numbers, dates, actors).
    pub conflicts: Vec<String>,
}

/// A label one outlet attaches to an entity or to the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FramingLabel {
    pub doc: DocId,
    pub outlet: Option<String>,
    /// Story entity id, or `None` for the event itself.
    pub entity: Option<String>,
    pub entity_name: Option<String>,
    pub label: String,
    pub evidence: Evidence,
    /// The sentence the label comes from.
    pub sentence: String,
}

/// Articles grouped as copies of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// The earliest published member, when dates tell.
    pub original: DocId,
    pub copies: Vec<DocId>,
    pub similarity: Vec<f32>,
}

/// What many reports of one event say, together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<StoryQuote>,
    pub utterances: Vec<Utterance>,
    pub timeline: Vec<TimelineEntry>,
    pub facts: Vec<Fact>,
    pub framing: Vec<FramingLabel>,
    pub duplicates: Vec<DuplicateGroup>,
}

/// An input that could not be used, named so the user can find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub item: String,
    pub error: String,
}

/// The whole output of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub stories: Vec<Story>,
    pub skipped: Vec<Problem>,
}
