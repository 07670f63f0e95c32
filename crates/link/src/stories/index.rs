//! The incremental story index: story centroids, an inverted index over their top terms, and the
//! document frequencies the term weights come from. Adding articles never re-clusters what is
//! already there; an index can be rebuilt from stored assignments with [`StoryIndex::restore`].
//! After each batch the stories the batch touched are regrouped (see [`regroup`]): two stories a
//! new article bridges may merge, and a story whose members fall into two separate groups may
//! split. Each such change is kept as a [`StoryEvent`] until [`StoryIndex::take_events`].

mod regroup;

use std::collections::HashMap;

use triangulate_model::DocId;

use super::{features, Features, StoryOptions};
use crate::{Analysed, StoryEvent};

/// Terms of a story centroid entered in the inverted index.
const INDEX_TERMS: usize = 12;
/// Upper bound on the index entries one story accumulates as its top terms drift.
const MAX_INDEXED: usize = 40;
/// Terms of an article used to look up candidate stories.
const QUERY_TERMS: usize = 16;
/// Candidate stories scored exactly per article.
const CANDIDATES: usize = 48;
/// A centroid keeps its heaviest terms only, so memory stays bounded as a story grows.
const CENTROID_TERMS: usize = 400;
/// Postings kept per term: the most recent stories, since old ones are damped by time anyway.
const POSTINGS_CAP: usize = 4096;
/// Heaviest terms of each member's vector kept with its story, for splitting it later: enough
/// to tell topics apart while memory per document stays bounded.
const MEMBER_TERMS: usize = 64;
/// Stories besides the one it joins that an article above the threshold for several may bridge.
const BRIDGES: usize = 3;

/// A document of a story, as the story remembers it.
#[derive(Debug, Clone)]
struct Member {
    doc: DocId,
    day: Option<i64>,
    /// The heaviest terms of its vector when it joined, by decreasing weight.
    vector: Vec<(u32, f32)>,
    /// The document it copies, when it joined as a copy: a split never separates the two.
    original: Option<DocId>,
}

/// One story's running state.
#[derive(Debug, Clone)]
struct Story {
    key: String,
    centroid: HashMap<u32, f32>,
    norm: f32,
    first_day: Option<i64>,
    last_day: Option<i64>,
    indexed: Vec<u32>,
    members: Vec<Member>,
    /// The story this one was merged into; a merged story is empty and never joined again.
    merged_into: Option<usize>,
}

impl Story {
    fn new(key: String) -> Self {
        Story {
            key,
            centroid: HashMap::new(),
            norm: 0.0,
            first_day: None,
            last_day: None,
            indexed: Vec::new(),
            members: Vec::new(),
            merged_into: None,
        }
    }

    fn cosine(&self, vector: &[(u32, f32)]) -> f32 {
        if self.norm == 0.0 {
            return 0.0;
        }
        let dot: f32 = vector
            .iter()
            .filter_map(|(t, w)| self.centroid.get(t).map(|c| c * w))
            .sum();
        dot / self.norm
    }

    /// Days from `day` to the nearest end of the story's date range (0 inside it, or unknown).
    fn gap(&self, day: Option<i64>) -> f32 {
        match (day, self.first_day, self.last_day) {
            (Some(d), Some(first), Some(last)) => {
                if d < first {
                    (first - d) as f32
                } else if d > last {
                    (d - last) as f32
                } else {
                    0.0
                }
            }
            _ => 0.0,
        }
    }

    fn add(&mut self, vector: &[(u32, f32)], day: Option<i64>) {
        for &(t, w) in vector {
            *self.centroid.entry(t).or_default() += w;
        }
        self.settle();
        self.widen(day, day);
    }

    /// Keeps the centroid bounded and its norm current after it changed.
    fn settle(&mut self) {
        if self.centroid.len() > 2 * CENTROID_TERMS {
            let mut terms: Vec<(u32, f32)> = self.centroid.drain().collect();
            terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(CENTROID_TERMS);
            self.centroid = terms.into_iter().collect();
        }
        self.norm = self.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
    }

    /// Extends the story's date range to cover `first..=last`.
    fn widen(&mut self, first: Option<i64>, last: Option<i64>) {
        if let Some(d) = first {
            self.first_day = Some(self.first_day.map_or(d, |f| f.min(d)));
        }
        if let Some(d) = last {
            self.last_day = Some(self.last_day.map_or(d, |l| l.max(d)));
        }
    }

    fn top_terms(&self, k: usize) -> Vec<u32> {
        let mut terms: Vec<(u32, f32)> = self.centroid.iter().map(|(&t, &w)| (t, w)).collect();
        terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.into_iter().take(k).map(|(t, _)| t).collect()
    }
}

/// Streaming story clusterer state. Each article added joins the best candidate story or opens
/// a new one; stories are named by a stable key (see [`super::story_id`]).
#[derive(Debug, Clone)]
pub struct StoryIndex {
    options: StoryOptions,
    vocabulary: HashMap<String, u32>,
    languages: HashMap<String, u16>,
    /// Document frequency per (language, term): a term frequent in its own language weighs
    /// little, so function words of languages without a stop list do not make stories.
    df: HashMap<(u16, u32), u32>,
    docs_per_language: Vec<u32>,
    stories: Vec<Story>,
    by_key: HashMap<String, usize>,
    postings: HashMap<u32, Vec<u32>>,
    story_of: HashMap<DocId, usize>,
    /// Merges and splits not yet taken by [`StoryIndex::take_events`].
    events: Vec<StoryEvent>,
}

impl StoryIndex {
    pub fn new(options: StoryOptions) -> Self {
        StoryIndex {
            options,
            vocabulary: HashMap::new(),
            languages: HashMap::new(),
            df: HashMap::new(),
            docs_per_language: Vec::new(),
            stories: Vec::new(),
            by_key: HashMap::new(),
            postings: HashMap::new(),
            story_of: HashMap::new(),
            events: Vec::new(),
        }
    }

    /// Rebuilds an index from stored documents and their stored story assignments, without
    /// clustering anything: each assigned document is folded into its recorded story. Documents
    /// without an assignment are left out; add them afterwards with [`StoryIndex::add_batch`].
    pub fn restore(
        options: StoryOptions,
        docs: &[Analysed],
        assignments: &[(DocId, String)],
    ) -> Self {
        let mut index = StoryIndex::new(options);
        let assigned: HashMap<&DocId, &str> =
            assignments.iter().map(|(d, s)| (d, s.as_str())).collect();
        let known: Vec<&Analysed> = docs
            .iter()
            .filter(|d| assigned.contains_key(&d.article.id))
            .collect();
        let feats: Vec<Features> = known.iter().map(|d| features(d, &index.options)).collect();
        let ids: Vec<_> = feats.iter().map(|f| index.observe(f)).collect();
        for ((doc, f), ids) in known.iter().zip(&feats).zip(&ids) {
            let Some(key) = assigned.get(&doc.article.id) else {
                continue;
            };
            let vector = index.vector(f, ids);
            let s = match index.by_key.get(*key) {
                Some(&s) => s,
                None => index.open((*key).to_string()),
            };
            index.join(s, &doc.article.id, &vector, f.day);
        }
        index
    }

    /// Number of stories (those merged into another no longer count).
    pub fn len(&self) -> usize {
        self.stories
            .iter()
            .filter(|s| s.merged_into.is_none())
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The merges and splits done since the last call, oldest first. Their documents are already
    /// re-pointed: [`StoryIndex::assignments`] and [`StoryIndex::story_of`] give the new keys.
    pub fn take_events(&mut self) -> Vec<StoryEvent> {
        std::mem::take(&mut self.events)
    }

    /// The story key a document was assigned to, if it has been added.
    pub fn story_of(&self, doc: &DocId) -> Option<&str> {
        self.story_of
            .get(doc)
            .map(|&s| self.stories[s].key.as_str())
    }

    /// Every (document, story key) assignment, for the store's `put_story_assignment`.
    pub fn assignments(&self) -> Vec<(DocId, String)> {
        let mut all: Vec<(DocId, String)> = self
            .story_of
            .iter()
            .map(|(d, &s)| (d.clone(), self.stories[s].key.clone()))
            .collect();
        all.sort();
        all
    }

    /// Adds a batch of new articles. Their term statistics are counted first, then each joins
    /// a story in the canonical order (publication day, then id), so the result does not depend
    /// on the order of `docs`. `original[i]` names the document `docs[i]` copies, if any: a copy
    /// joins its original's story. Articles already in the index keep their story unless the
    /// batch merges or splits it (see [`StoryIndex::take_events`]). Returns the story key of each
    /// input article after those changes.
    pub fn add_batch(&mut self, docs: &[&Analysed], original: &[Option<DocId>]) -> Vec<String> {
        let feats: Vec<Features> = docs.iter().map(|d| features(d, &self.options)).collect();
        self.add_features(docs, &feats, original)
    }

    /// [`StoryIndex::add_batch`] with features computed by the caller (in parallel, say).
    pub(super) fn add_features(
        &mut self,
        docs: &[&Analysed],
        feats: &[Features],
        original: &[Option<DocId>],
    ) -> Vec<String> {
        let fresh: Vec<usize> = (0..docs.len())
            .filter(|&i| !self.story_of.contains_key(&docs[i].article.id))
            .collect();
        let mut ids: Vec<Vec<u32>> = vec![Vec::new(); docs.len()];
        for &i in &fresh {
            ids[i] = self.observe(&feats[i]);
        }
        // A copy is taken right after its original (when both are in the batch), so that it
        // can follow it into its story.
        let position: HashMap<&DocId, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (&d.article.id, i))
            .collect();
        let root = |i: usize| {
            original
                .get(i)
                .and_then(Option::as_ref)
                .and_then(|o| position.get(o).copied())
                .unwrap_or(i)
        };
        let key = |i: usize| {
            let r = root(i);
            (
                feats[r].day.unwrap_or(i64::MAX),
                &docs[r].article.id,
                r != i,
                &docs[i].article.id,
            )
        };
        let mut order = fresh;
        order.sort_by(|&a, &b| key(a).cmp(&key(b)));
        order.dedup_by(|a, b| docs[*a].article.id == docs[*b].article.id);
        let mut touched: Vec<usize> = Vec::new();
        let mut bridges: Vec<(usize, usize)> = Vec::new();
        for i in order {
            if self.story_of.contains_key(&docs[i].article.id) {
                continue;
            }
            let vector = self.vector(&feats[i], &ids[i]);
            let copied = original
                .get(i)
                .and_then(Option::as_ref)
                .and_then(|o| self.story_of.get(o).copied());
            let above = match copied {
                Some(_) => Vec::new(),
                None => self.above(&vector, feats[i].day),
            };
            let s = match copied.or_else(|| above.first().map(|&(s, _)| s)) {
                Some(s) => s,
                None => self.open(super::story_id(std::iter::once(&docs[i].article.id))),
            };
            // An article close enough to join several stories says they may be one.
            bridges.extend(
                above
                    .iter()
                    .skip(1)
                    .take(BRIDGES)
                    .map(|&(other, _)| (s, other)),
            );
            touched.push(s);
            self.join(s, &docs[i].article.id, &vector, feats[i].day);
            if copied.is_some() {
                if let Some(member) = self.stories[s].members.last_mut() {
                    member.original = original.get(i).cloned().flatten();
                }
            }
        }
        self.regroup(&touched, &bridges);
        docs.iter()
            .map(|d| self.story_of(&d.article.id).unwrap_or_default().to_string())
            .collect()
    }

    /// Counts a document's terms into the frequencies and returns their ids.
    fn observe(&mut self, f: &Features) -> Vec<u32> {
        let lang = self.language(&f.language);
        self.docs_per_language[lang as usize] += 1;
        f.terms
            .iter()
            .map(|(term, _)| {
                let next = self.vocabulary.len() as u32;
                let id = *self.vocabulary.entry(term.clone()).or_insert(next);
                *self.df.entry((lang, id)).or_default() += 1;
                id
            })
            .collect()
    }

    fn language(&mut self, language: &str) -> u16 {
        let next = self.languages.len() as u16;
        let id = *self.languages.entry(language.to_string()).or_insert(next);
        if self.docs_per_language.len() <= id as usize {
            self.docs_per_language.push(0);
        }
        id
    }

    /// The unit TF-IDF vector of a document, sorted by decreasing weight.
    fn vector(&self, f: &Features, ids: &[u32]) -> Vec<(u32, f32)> {
        let lang = self.languages.get(&f.language).copied().unwrap_or(0);
        let n = self
            .docs_per_language
            .get(lang as usize)
            .copied()
            .unwrap_or(0) as f32;
        let mut v: Vec<(u32, f32)> = f
            .terms
            .iter()
            .zip(ids)
            .map(|((_, tf), &id)| {
                let df = self.df.get(&(lang, id)).copied().unwrap_or(0) as f32;
                (
                    id,
                    tf * ((n + self.options.prior_docs + 1.0) / (df + 0.5))
                        .ln()
                        .max(0.0),
                )
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// The story `s` now is: itself, or the story it was merged into.
    fn live(&self, mut s: usize) -> usize {
        while let Some(into) = self.stories[s].merged_into {
            s = into;
        }
        s
    }

    /// The candidate stories above the threshold, most similar first (lowest index on ties).
    fn above(&self, vector: &[(u32, f32)], day: Option<i64>) -> Vec<(usize, f32)> {
        let mut hits: HashMap<u32, f32> = HashMap::new();
        for (t, w) in vector.iter().take(QUERY_TERMS) {
            if let Some(stories) = self.postings.get(t) {
                for &s in stories {
                    // Postings of a merged story count for the story it went into.
                    *hits.entry(self.live(s as usize) as u32).or_default() += w;
                }
            }
        }
        // A small index is scored whole: its top terms are still the rare terms of its first
        // article, which a new report of the same story need not share.
        if self.stories.len() <= CANDIDATES {
            for s in 0..self.stories.len() {
                if self.stories[s].merged_into.is_none() {
                    hits.entry(s as u32).or_default();
                }
            }
        }
        let mut candidates: Vec<(u32, f32)> = hits.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        let mut above: Vec<(usize, f32)> = candidates
            .into_iter()
            .map(|(s, _)| {
                let story = &self.stories[s as usize];
                (
                    s as usize,
                    story.cosine(vector) * self.damping(story.gap(day)),
                )
            })
            .filter(|(_, sim)| *sim >= self.options.threshold && *sim > 0.0)
            .collect();
        above.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        above
    }

    /// How much a gap of `days` between an article (or story) and a story damps similarity.
    fn damping(&self, days: f32) -> f32 {
        0.5f32.powf(days / self.options.half_life_days.max(1e-3))
    }

    fn open(&mut self, key: String) -> usize {
        let s = self.stories.len();
        // Keys are short prefixes of ids, so two stories may want the same one.
        let key = if self.by_key.contains_key(&key) {
            format!("{key}-{s}")
        } else {
            key
        };
        self.by_key.insert(key.clone(), s);
        self.stories.push(Story::new(key));
        s
    }

    fn join(&mut self, s: usize, doc: &DocId, vector: &[(u32, f32)], day: Option<i64>) {
        let story = &mut self.stories[s];
        story.add(vector, day);
        story.members.push(Member {
            doc: doc.clone(),
            day,
            vector: vector.iter().take(MEMBER_TERMS).copied().collect(),
            original: None,
        });
        self.story_of.insert(doc.clone(), s);
        self.reindex(s);
    }

    /// Enters the story's current top terms in the inverted index, up to its bound.
    fn reindex(&mut self, s: usize) {
        let story = &mut self.stories[s];
        if story.indexed.len() >= MAX_INDEXED {
            return;
        }
        for t in story.top_terms(INDEX_TERMS) {
            if story.indexed.contains(&t) || story.indexed.len() >= MAX_INDEXED {
                continue;
            }
            story.indexed.push(t);
            let list = self.postings.entry(t).or_default();
            list.push(s as u32);
            if list.len() > 2 * POSTINGS_CAP {
                list.drain(..list.len() - POSTINGS_CAP);
            }
        }
    }
}
