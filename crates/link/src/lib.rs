//! Cross-article linking: from analysed articles to stories.
//!
//! [`link`] groups near-copies ([`duplicates`]), clusters articles into stories ([`stories`]),
//! re-anchors the relative dates of undated articles on their story, resolves entities across
//! sources ([`entities`]), aligns quotes into utterances ([`utterances`]), and builds each story's
//! timeline ([`timeline`]), coverage of facts ([`facts`]) and framing table ([`framing`]).
//!
//! ```
//! use triangulate_link::similarity::lexical;
//! let a = "The council approved the new harbour budget on Monday.";
//! let b = "On Monday the council approved the harbour budget.";
//! assert!(lexical(a, b) > 0.5);
//! ```

pub mod duplicates;
pub mod entities;
pub mod facts;
pub mod framing;
pub mod similarity;
pub mod stories;
pub mod timeline;
pub mod utterances;

use std::collections::HashMap;

use rayon::prelude::*;
use triangulate_analyze::Anchor;
use triangulate_model::{
    Analysis, Article, Dated, Provenance, Source, Story, StoryQuote, REPORT_SCHEMA,
};

pub use duplicates::DuplicateIndex;
pub use stories::{StoryEvent, StoryIndex, StoryOptions, StoryPlan};

/// One analysed article, as linking consumes it.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub article: Article,
    pub analysis: Analysis,
}

/// Links analysed articles into stories. Every article lands in exactly one story.
pub fn link(docs: &[Analysed], options: &StoryOptions) -> Vec<Story> {
    let dupes = duplicates::find(docs);
    let plan = stories::cluster(docs, &dupes, options);
    plan.members
        .iter()
        .map(|members| build_story(docs, members, &dupes, None))
        .collect()
}

/// Builds one story of all of `docs`, without clustering: for a reader who already knows which
/// reports cover one event, and for measuring how a story scales with its number of sources.
pub fn story_of(docs: &[Analysed], embed: Option<utterances::Embedder>) -> Story {
    let dupes = duplicates::find(docs);
    let members: Vec<usize> = (0..docs.len()).collect();
    build_story(docs, &members, &dupes, embed)
}

/// Links `docs` (every stored document) into the stories of `index`, which holds the
/// assignments of the documents linked before: those keep their story and only the others are
/// clustered, so adding to a store never re-clusters it. Returns the stories for which `keep`
/// says yes (given the story's member indices), built in parallel, in order of first member.
/// `embed`, a sentence model, helps align quotes that were translated or reworded.
pub fn link_into(
    docs: &[Analysed],
    index: &mut StoryIndex,
    keep: impl Fn(&[usize]) -> bool + Sync,
    embed: Option<utterances::Embedder>,
) -> Vec<Story> {
    let dupes = duplicates::find(docs);
    let original: Vec<Option<triangulate_model::DocId>> = (0..docs.len())
        .map(|i| dupes.original_of(i).map(|o| docs[o].article.id.clone()))
        .collect();
    let refs: Vec<&Analysed> = docs.iter().collect();
    let keys = index.add_batch(&refs, &original);
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut plan: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let s = *by_key.entry(key.as_str()).or_insert_with(|| {
            plan.push((key.as_str(), Vec::new()));
            plan.len() - 1
        });
        plan[s].1.push(i);
    }
    plan.into_par_iter()
        .filter(|(_, members)| keep(members))
        .map(|(key, members)| Story {
            id: key.to_string(),
            ..build_story(docs, &members, &dupes, embed)
        })
        .collect()
}

/// The version string every JSON report carries.
pub fn schema() -> &'static str {
    REPORT_SCHEMA
}

fn build_story(
    docs: &[Analysed],
    members: &[usize],
    dupes: &duplicates::Groups,
    embed: Option<utterances::Embedder>,
) -> Story {
    let anchor = story_anchor(members.iter().map(|&i| &docs[i].article));
    // Undated articles get their relative dates resolved against the story's date.
    let reanchored: Vec<Analysis> = members
        .iter()
        .map(|&i| {
            let doc = &docs[i];
            match (&doc.article.published, anchor) {
                (None, Some(anchor)) => {
                    triangulate_analyze::analyze_with_anchor(&doc.article, Some(anchor))
                }
                _ => doc.analysis.clone(),
            }
        })
        .collect();
    let pairs: Vec<(&Article, &Analysis)> = members
        .iter()
        .zip(&reanchored)
        .map(|(&i, analysis)| (&docs[i].article, analysis))
        .collect();

    let resolution = entities::resolve(&pairs);
    let entity_of = |doc: usize, local: Option<usize>| -> Option<usize> {
        local.and_then(|l| resolution.map.get(&(doc, l)).copied())
    };

    let mut quotes: Vec<StoryQuote> = Vec::new();
    for (d, (article, analysis)) in pairs.iter().enumerate() {
        for quote in &analysis.quotes {
            let speaker = entity_of(d, quote.speaker).map(|e| &resolution.entities[e]);
            quotes.push(StoryQuote {
                id: format!("q{}", quotes.len() + 1),
                doc: article.id.clone(),
                span: quote.span,
                text: quote.text.clone(),
                kind: quote.kind,
                speaker: speaker.map(|e| e.id.clone()),
                speaker_name: speaker.map(|e| e.name.clone()),
                utterance: None,
            });
        }
    }
    let align_input: Vec<utterances::AlignQuote> = quotes
        .iter()
        .map(|q| utterances::AlignQuote {
            id: &q.id,
            doc: &q.doc,
            text: &q.text,
            speaker: q.speaker.as_deref(),
        })
        .collect();
    let utterances = utterances::align_with(&align_input, embed);
    let utterance_of: HashMap<String, String> = utterances
        .iter()
        .flat_map(|u| {
            u.renderings
                .iter()
                .map(move |r| (r.quote.clone(), u.id.clone()))
        })
        .collect();
    for quote in &mut quotes {
        quote.utterance = utterance_of.get(&quote.id).cloned();
    }

    let context = StoryContext {
        docs: &pairs,
        resolution: &resolution,
        quotes: &quotes,
    };
    let timeline = timeline::build(&context);
    let facts = facts::align(&context);
    let framing = framing::collect(&context);

    let sources = members
        .iter()
        .map(|&i| {
            source_of(
                &docs[i].article,
                dupes.original_of(i).map(|o| &docs[o].article),
            )
        })
        .collect();
    let duplicates = dupes.groups_within(members, docs);
    Story {
        id: stories::story_id(members.iter().map(|&i| &docs[i].article.id)),
        title: stories::title(members.iter().map(|&i| &docs[i].article)),
        sources,
        entities: resolution.entities.clone(),
        quotes,
        utterances,
        timeline,
        facts,
        framing,
        duplicates,
    }
}

/// What the story-level builders share: the member documents (with story-anchored analyses),
/// the entity resolution and the story's quotes.
pub struct StoryContext<'a> {
    pub docs: &'a [(&'a Article, &'a Analysis)],
    pub resolution: &'a entities::Resolution,
    pub quotes: &'a [StoryQuote],
}

impl StoryContext<'_> {
    /// Story entity index of a local entity of document `doc`.
    pub fn entity(&self, doc: usize, local: usize) -> Option<usize> {
        self.resolution.map.get(&(doc, local)).copied()
    }
}

/// The date relative expressions of undated members resolve against: the earliest publication
/// date among the members that have one.
fn story_anchor<'a>(articles: impl Iterator<Item = &'a Article>) -> Option<Anchor> {
    articles
        .filter_map(|a| a.published.as_ref())
        .map(Dated::day)
        .min()
        .and_then(Anchor::parse)
}

fn source_of(article: &Article, original: Option<&Article>) -> Source {
    Source {
        doc: article.id.clone(),
        origin: article.origin.clone(),
        url: article.url.clone(),
        outlet: article.outlet.clone(),
        title: article.title.clone(),
        authors: article.authors.clone(),
        published: article
            .published
            .clone()
            .filter(|d| d.provenance != Provenance::Story),
        language: article.language.clone(),
        reprint: article.reprint.clone(),
        duplicate_of: original.map(|o| o.id.clone()),
    }
}
