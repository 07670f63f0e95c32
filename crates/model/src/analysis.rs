use serde::{Deserialize, Serialize};

use crate::{DocId, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    /// Nationalities, religious and political groups ("Ukrainians", "Kazakh").
    Group,
    Other,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A full or partial proper name ("Olaf Scholz", "Scholz").
    Name,
    /// An acronym of a name ("HRW").
    Acronym,
    /// A title or description ("the Kazakh president", "the German leader").
    Description,
    Pronoun,
}

/// One mention of an entity in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: EntityKind,
    pub form: MentionForm,
    /// Index into [`Analysis::entities`]: the in-document entity this mention refers to.
    pub entity: usize,
    /// A title or role written next to the mention ("Chancellor", "Kazakh President").
    pub role: Option<String>,
}

/// An entity within one article: its mentions after in-document coreference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalEntity {
    /// The fullest name form seen in the article.
    pub name: String,
    pub kind: EntityKind,
    /// Roles and titles attached to any of its mentions.
    pub roles: Vec<String>,
    /// Indices into [`Analysis::mentions`].
    pub mentions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A whole utterance inside quotation marks.
    Direct,
    /// A fragment in quotation marks inside reported speech.
    Partial,
    /// A paragraph of speech without marks, attributed by a neighbouring name line.
    Block,
    /// Reported speech without marks ("X said that ...").
    Indirect,
    /// Quotation marks that distance the writer from a word rather than report speech.
    Scare,
}

/// A quotation or attribution found in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The content, without the quotation marks.
    pub span: Span,
    pub text: String,
    pub kind: QuoteKind,
    /// Index into [`Analysis::entities`] of the speaker, when attributed.
    pub speaker: Option<usize>,
    /// The words that name the speaker at this quote ("he", "Tokayev", "HRW").
    pub speaker_span: Option<Span>,
    /// The cue ("said", "told", "according to").
    pub cue: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression with its TIMEX3-style normalised value (`2024-09-16`, `2024-06`,
/// `2023`, `P1Y`, `PRESENT_REF`, `XXXX-06` when no anchor could fix the year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    pub text: String,
    pub kind: TimeKind,
    pub value: String,
    /// Why this value: which anchor and which rule chose it.
    pub reasoning: String,
}

/// What a label is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "entity")]
pub enum LabelTarget {
    /// Index into [`Analysis::entities`].
    Entity(usize),
    /// The event or situation the article reports ("full-scale invasion").
    Event,
    /// People the article names by a common noun rather than a name: "the migrants", "Central
    /// American migrants", "the defendants". The label's last word, its head noun, says which
    /// group.
    Group,
}

/// A word or phrase an outlet attaches to an entity or event: an evaluative adjective, an
/// apposition, a loaded term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
    pub target: LabelTarget,
}

/// Everything the per-article analysis finds. All spans index [`crate::Article::text`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub doc: DocId,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<LocalEntity>,
    pub quotes: Vec<Quote>,
    pub times: Vec<TimeExpr>,
    pub labels: Vec<Label>,
}
