//! The main job of triangulate, end to end: read inputs, extract and analyse every new document
//! in parallel, store them, place each new document in a story (stories recorded in the store
//! keep their members: nothing is re-clustered; stories the new documents bridge may merge and
//! stories they pull apart may split, and each such change is recorded), and return the report
//! of the stories the inputs belong to.
//!
//! ```
//! use triangulate_engine::{run, RunOptions, Silent};
//! use triangulate_store::MemoryStore;
//! let mut store = MemoryStore::default();
//! let outcome = run(&[], &mut store, &RunOptions::default(), &Silent).unwrap();
//! assert!(outcome.report.stories.is_empty());
//! ```

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use triangulate_embed::Similarity;
use triangulate_ingest::{read_paths, IngestOptions};
use triangulate_link::utterances::Embedder;
use triangulate_link::{link_into, Analysed, StoryIndex, StoryOptions};
use triangulate_model::{Analysis, Article, DocId, Problem, RawDocument, Report, REPORT_SCHEMA};
use triangulate_store::{Store, StoreError, StoryChange};

pub use triangulate_link::StoryEvent;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// A sentence model shared by the threads that build stories.
#[derive(Clone)]
pub struct Model(pub Arc<dyn Similarity>);

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Model({})", self.0.name())
    }
}

impl Model {
    /// Loads the sentence model from `dir` (else `$TRIANGULATE_MODEL_DIR`, else
    /// `models/all-minilm-l6-v2`), or says why it cannot.
    pub fn load(dir: Option<&std::path::Path>) -> Result<Model, triangulate_embed::EmbedError> {
        triangulate_embed::try_load(dir).map(|m| Model(Arc::from(m)))
    }

    /// The model's short name, for reports and logs.
    pub fn name(&self) -> &str {
        self.0.name()
    }
}

/// A checked configuration of one run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub ingest: IngestOptions,
    pub stories: StoryOptions,
    /// The sentence model that helps align translated and reworded quotes; word overlap alone
    /// when `None`.
    pub model: Option<Model>,
    /// Report every story in the store, not only those the inputs belong to.
    pub all_stories: bool,
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub report: Report,
    /// Documents read from the inputs.
    pub read: usize,
    /// Of those, documents new to the store.
    pub added: usize,
    /// Stories merged and split while the new documents were placed, in the order it happened
    /// (also recorded in the store's story history).
    pub events: Vec<StoryEvent>,
}

impl Outcome {
    /// How many stories were merged into another, and how many were split.
    pub fn merges_and_splits(&self) -> (usize, usize) {
        let merges = self
            .events
            .iter()
            .filter(|e| matches!(e, StoryEvent::Merged { .. }))
            .count();
        (merges, self.events.len() - merges)
    }
}

/// Receives progress of the long stages, for a progress bar.
pub trait Progress: Sync {
    fn stage(&self, name: &str, total: usize);
    fn tick(&self);
}

/// A [`Progress`] that shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &str, _: usize) {}
    fn tick(&self) {}
}

/// Extracts and analyses one raw document.
pub fn process(raw: &RawDocument) -> Result<(Article, Analysis), Problem> {
    let article = triangulate_extract::extract(raw).map_err(|e| Problem {
        item: raw.origin.clone(),
        error: e.to_string(),
    })?;
    let analysis = triangulate_analyze::analyze(&article);
    Ok((article, analysis))
}

/// Runs the main job on `paths` against `store`.
pub fn run(
    paths: &[PathBuf],
    store: &mut dyn Store,
    options: &RunOptions,
    progress: &dyn Progress,
) -> Result<Outcome, EngineError> {
    let ingested = read_paths(paths, &options.ingest);
    let mut skipped = ingested.problems;
    let read = ingested.documents.len();
    let input_ids: HashSet<DocId> = ingested.documents.iter().map(|d| d.id.clone()).collect();

    let mut fresh = Vec::new();
    let mut seen = HashSet::new();
    for raw in ingested.documents {
        if seen.insert(raw.id.clone()) && !store.contains(&raw.id)? {
            fresh.push(raw);
        }
    }
    progress.stage("extracting and analysing", fresh.len());
    let results: Vec<Result<(RawDocument, Article, Analysis), Problem>> = fresh
        .into_par_iter()
        .map(|raw| {
            let result = process(&raw).map(|(article, analysis)| (raw, article, analysis));
            progress.tick();
            result
        })
        .collect();
    let mut items = Vec::new();
    for result in results {
        match result {
            Ok(item) => items.push(item),
            Err(problem) => skipped.push(problem),
        }
    }
    let added = store.put_batch(&items)?;

    let stored = store.documents()?;
    progress.stage("linking stories", stored.len());
    let docs: Vec<Analysed> = stored
        .into_iter()
        .map(|d| Analysed {
            article: d.article,
            analysis: d.analysis,
        })
        .collect();
    // Stories already recorded are restored as they were; only new documents are clustered.
    let assignments = store.story_assignments()?;
    let mut index = StoryIndex::restore(options.stories, &docs, &assignments);
    let embed = |texts: &[&str]| match &options.model {
        Some(model) => model.0.embed(texts),
        None => Vec::new(),
    };
    let stories = link_into(
        &docs,
        &mut index,
        |members| {
            options.all_stories
                || members
                    .iter()
                    .any(|&m| input_ids.contains(&docs[m].article.id))
        },
        options.model.as_ref().map(|_| &embed as Embedder),
    );
    let events = index.take_events();
    // New documents, and those a merge or split moved, get their story; the changes are
    // recorded with them, all in one transaction.
    let known: HashMap<&DocId, &str> = assignments.iter().map(|(d, s)| (d, s.as_str())).collect();
    let changed: Vec<(DocId, String)> = index
        .assignments()
        .into_iter()
        .filter(|(d, s)| known.get(d) != Some(&s.as_str()))
        .collect();
    let at = now();
    let changes: Vec<StoryChange> = events
        .iter()
        .map(|event| StoryChange {
            at: at.clone(),
            kind: event.kind().to_string(),
            from_story: event.from_story().to_string(),
            into_story: event.into_story().to_string(),
            docs: event.moved(),
        })
        .collect();
    store.put_story_changes(&changes, &changed)?;
    Ok(Outcome {
        report: Report {
            schema: REPORT_SCHEMA.to_string(),
            stories,
            skipped,
        },
        read,
        added,
        events,
    })
}

/// The current UTC time as RFC 3339, to the second.
fn now() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Civil date from days since 1970-01-01 (proleptic Gregorian), after H. Hinnant.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_reads_as_an_rfc3339_utc_time() {
        let now = super::now();
        assert_eq!(now.len(), 20, "{now}");
        let year: i64 = now[..4].parse().unwrap();
        assert!(year >= 2024, "{now}");
        assert!(now.ends_with('Z') && &now[10..11] == "T", "{now}");
        let month: u32 = now[5..7].parse().unwrap();
        let day: u32 = now[8..10].parse().unwrap();
        assert!(
            (1..=12).contains(&month) && (1..=31).contains(&day),
            "{now}"
        );
    }
}
