//! What every format shows, worked out once: outlet names, who covered what, which quotes stayed
//! unaligned, framing grouped by target. The renderers only lay these out, so the four formats
//! cannot drift apart in what they say.

use std::collections::{HashMap, HashSet};

use triangulate_model::{
    Alias, Coverage, DocId, EntityKind, Fact, Fidelity, FramingLabel, Provenance, QuoteKind,
    Rendering, Source, Story, StoryQuote,
};

/// A story together with the display names of its sources.
pub(crate) struct StoryView<'a> {
    pub story: &'a Story,
    names: HashMap<&'a DocId, String>,
}

/// The labels one outlet attaches to one target.
pub(crate) struct FramingRow<'a> {
    pub outlet: String,
    pub labels: Vec<&'a FramingLabel>,
}

impl<'a> FramingRow<'a> {
    /// The sentences the labels come from, each once, in the labels' order: two labels of one
    /// sentence show it once.
    pub fn sentences(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        for label in &self.labels {
            if !out.contains(&label.sentence.as_str()) {
                out.push(&label.sentence);
            }
        }
        out
    }
}

/// All framing of one entity, or of the event itself.
pub(crate) struct FramingGroup<'a> {
    pub target: String,
    pub rows: Vec<FramingRow<'a>>,
}

impl<'a> StoryView<'a> {
    pub fn new(story: &'a Story) -> Self {
        let mut names = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for source in &story.sources {
            let base = source_name(source);
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            // Two articles from one outlet must stay apart in "only X reports" and in the
            // coverage matrix, so the second and later ones get a number.
            let name = if *count == 1 {
                base
            } else {
                format!("{base} ({count})")
            };
            names.entry(&source.doc).or_insert(name);
        }
        StoryView { story, names }
    }

    /// The display name of a document: its outlet, or the id when it is not a source.
    pub fn outlet<'s>(&'s self, doc: &'s DocId) -> &'s str {
        self.names
            .get(doc)
            .map(String::as_str)
            .unwrap_or(doc.as_str())
    }

    /// Display names of the documents, each once, in the order given.
    pub fn outlets<'s>(&'s self, docs: &'s [DocId]) -> Vec<&'s str> {
        let mut seen = HashSet::new();
        docs.iter()
            .filter(|doc| seen.insert(*doc))
            .map(|doc| self.outlet(doc))
            .collect()
    }

    /// Display names of the sources that are not among `docs`.
    pub fn missing<'s>(&'s self, docs: &[DocId]) -> Vec<&'s str> {
        self.story
            .sources
            .iter()
            .filter(|source| !docs.contains(&source.doc))
            .map(|source| self.outlet(&source.doc))
            .collect()
    }

    pub fn facts(&self, coverage: Coverage) -> impl Iterator<Item = &'a Fact> {
        self.story
            .facts
            .iter()
            .filter(move |fact| fact.coverage == coverage)
    }

    pub fn conflicts(&self) -> impl Iterator<Item = &'a Fact> {
        self.story
            .facts
            .iter()
            .filter(|fact| !fact.conflicts.is_empty())
    }

    /// Other sources' wordings of a fact, each with the outlet that wrote it. Wordings identical
    /// to the fact's own are left out: a reprint would otherwise repeat every sentence.
    pub fn variants(&self, fact: &'a Fact) -> Vec<(&str, &'a str)> {
        let own: Vec<&str> = fact.text.split_whitespace().collect();
        fact.variants
            .iter()
            .enumerate()
            .filter(|(_, text)| !text.split_whitespace().eq(own.iter().copied()))
            .map(|(i, text)| {
                // Variants line up with the evidence after the first one.
                let outlet = fact
                    .evidence
                    .get(i + 1)
                    .map(|evidence| self.outlet(&evidence.doc))
                    .unwrap_or("another source");
                (outlet, text.as_str())
            })
            .collect()
    }

    /// Quotes that no utterance carries.
    pub fn unaligned_quotes(&self) -> Vec<&'a StoryQuote> {
        let aligned: HashSet<&str> = self
            .story
            .utterances
            .iter()
            .flat_map(|u| u.renderings.iter().map(|r| r.quote.as_str()))
            .collect();
        self.story
            .quotes
            .iter()
            .filter(|quote| !aligned.contains(quote.id.as_str()))
            .collect()
    }

    /// The name of an entity id, falling back to the id itself.
    pub fn entity_name(&self, id: &str) -> String {
        self.story
            .entities
            .iter()
            .find(|entity| entity.id == id)
            .map(|entity| entity.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn speaker(&self, name: Option<&str>, id: Option<&str>) -> String {
        match (name, id) {
            (Some(name), _) => name.to_string(),
            (None, Some(id)) => self.entity_name(id),
            (None, None) => "unattributed".to_string(),
        }
    }

    /// Framing labels grouped by target, then by outlet, in the order they first appear.
    pub fn framing(&self) -> Vec<FramingGroup<'a>> {
        let mut groups: Vec<FramingGroup<'a>> = Vec::new();
        for label in &self.story.framing {
            let target = match (&label.entity_name, &label.entity) {
                (Some(name), _) => name.clone(),
                (None, Some(id)) => self.entity_name(id),
                (None, None) => "the event".to_string(),
            };
            let outlet = if self.names.contains_key(&label.doc) {
                self.outlet(&label.doc).to_string()
            } else {
                label
                    .outlet
                    .clone()
                    .unwrap_or_else(|| label.doc.to_string())
            };
            let group = match groups.iter().position(|g| g.target == target) {
                Some(i) => &mut groups[i],
                None => {
                    groups.push(FramingGroup {
                        target,
                        rows: Vec::new(),
                    });
                    let last = groups.len() - 1;
                    &mut groups[last]
                }
            };
            match group.rows.iter_mut().find(|row| row.outlet == outlet) {
                Some(row) => row.labels.push(label),
                None => group.rows.push(FramingRow {
                    outlet,
                    labels: vec![label],
                }),
            }
        }
        groups
    }

    /// Outlets that used one spelling, with counts when the spelling is used more than once.
    pub fn alias_outlets<'s>(&'s self, alias: &'s Alias) -> Vec<&'s str> {
        self.outlets(&alias.docs)
    }

    /// Outlets of all framing rows, in order of the sources, for the framing table's columns.
    pub fn framing_outlets(&self, groups: &[FramingGroup<'_>]) -> Vec<String> {
        let mut columns: Vec<String> = Vec::new();
        let mut push = |name: &str| {
            if !columns.iter().any(|c| c == name) {
                columns.push(name.to_string());
            }
        };
        for source in &self.story.sources {
            let name = self.outlet(&source.doc);
            if groups
                .iter()
                .any(|g| g.rows.iter().any(|row| row.outlet == name))
            {
                push(name);
            }
        }
        for group in groups {
            for row in &group.rows {
                push(&row.outlet);
            }
        }
        columns
    }
}

/// An outlet's name, or the file name of the article when no outlet is known.
pub(crate) fn source_name(source: &Source) -> String {
    if let Some(outlet) = source.outlet.as_deref().map(str::trim) {
        if !outlet.is_empty() {
            return outlet.to_string();
        }
    }
    let origin = source.origin.trim_end_matches(['/', '\\']);
    let file = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    if file.is_empty() {
        source.doc.to_string()
    } else {
        file.to_string()
    }
}

/// The publication day with where it came from, or "date unknown": never a guess.
pub(crate) fn published(source: &Source) -> String {
    match &source.published {
        Some(date) => format!("{} ({})", date.day(), provenance(date.provenance)),
        None => "date unknown".to_string(),
    }
}

fn provenance(provenance: Provenance) -> &'static str {
    match provenance {
        Provenance::Given => "given",
        Provenance::JsonLd => "JSON-LD",
        Provenance::MetaTag => "meta tag",
        Provenance::TimeElement => "time element",
        Provenance::Url => "URL",
        Provenance::Dateline => "dateline",
        Provenance::Header => "header",
        Provenance::Masthead => "masthead",
        Provenance::Story => "from the story",
    }
}

/// Short notes on a source: authors, reprint origin, duplicate.
pub(crate) fn source_notes(view: &StoryView<'_>, source: &Source) -> Vec<String> {
    let mut notes = Vec::new();
    if !source.authors.is_empty() {
        notes.push(format!("by {}", source.authors.join(", ")));
    }
    if let Some(reprint) = &source.reprint {
        notes.push(format!("reprint of {}", reprint.original_outlet));
    }
    if let Some(original) = &source.duplicate_of {
        notes.push(format!("duplicate of {}", view.outlet(original)));
    }
    if let Some(language) = &source.language {
        notes.push(format!("language {language}"));
    }
    notes
}

/// How a rendering relates to the reference: "verbatim", "shortened (dropped: ...)", ...
pub(crate) fn fidelity(rendering: &Rendering) -> String {
    match rendering.fidelity {
        Fidelity::Verbatim => "verbatim".to_string(),
        Fidelity::Shortened if rendering.dropped.is_empty() => "shortened".to_string(),
        Fidelity::Shortened => format!("shortened (dropped: {})", rendering.dropped.join(", ")),
        Fidelity::Reworded => "reworded".to_string(),
        Fidelity::Translated => "translated".to_string(),
    }
}

pub(crate) fn similarity(rendering: &Rendering) -> String {
    format!("similarity {:.2}", rendering.similarity)
}

pub(crate) fn entity_kind(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organisation",
        EntityKind::Location => "place",
        EntityKind::Group => "group",
        EntityKind::Other => "other",
    }
}

pub(crate) fn quote_kind(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Block => "block quote",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Scare => "scare quotes",
    }
}

/// "A", "A and B", "A, B and C".
pub(crate) fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Who reports a fact of partial coverage, and who does not.
pub(crate) fn coverage_line(view: &StoryView<'_>, fact: &Fact) -> String {
    let by = view.outlets(&fact.docs);
    let missing = view.missing(&fact.docs);
    if missing.is_empty() {
        format!("reported by {}", join_names(&by))
    } else {
        format!(
            "reported by {}; not by {}",
            join_names(&by),
            join_names(&missing)
        )
    }
}

/// "only X reports" for a single-source fact.
pub(crate) fn only_line(view: &StoryView<'_>, fact: &Fact) -> String {
    match view.outlets(&fact.docs).first() {
        Some(outlet) => format!("only {outlet} reports"),
        None => "no source named".to_string(),
    }
}

/// "A ×2, B" for an alias: where each spelling was used.
pub(crate) fn alias_usage(view: &StoryView<'_>, alias: &Alias) -> String {
    let outlets = view.alias_outlets(alias);
    let mut text = outlets.join(", ");
    if alias.count > 1 {
        text.push_str(&format!(" ({}×)", alias.count));
    }
    text
}
