//! The incremental story index: story centroids, an inverted index over their top terms, and the
//! document frequencies the term weights come from. Adding articles never re-clusters what is
//! already there; an index can be rebuilt from stored assignments with [`StoryIndex::restore`].
//! After each batch the stories the batch touched are regrouped (see [`regroup`]): two stories a
//! new article bridges may merge, and a story whose members fall into two separate groups may
//! split. Each such change is kept as a [`StoryEvent`] until [`StoryIndex::take_events`].

mod docs;
mod regroup;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use triangulate_model::DocId;

use docs::{Doc, Docs};

use super::{features, is_identity, Features, StoryOptions};
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

/// The index's maps are keyed by small integers and its own strings, none chosen by an attacker
/// who could aim for collisions, and are probed for every term of every article: a multiplying
/// hasher costs a fraction of SipHash.
#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // The last multiply leaves the low bits weak; fold the high ones in.
        let x = self.0;
        (x ^ (x >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (x >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type Fast = BuildHasherDefault<FastHasher>;

/// A document of a story, as the story remembers it.
#[derive(Debug, Clone)]
struct Member {
    doc: Doc,
    day: Option<i64>,
    /// The heaviest terms of its vector when it joined, by decreasing weight.
    vector: Box<[(u32, f32)]>,
    /// The document it copies, when it joined as a copy: a split never separates the two.
    original: Option<Doc>,
    /// Term ids of the words of its title that name one of its entities.
    headline: Box<[u32]>,
}

/// One story's running state.
#[derive(Debug, Clone)]
struct Story {
    key: String,
    centroid: HashMap<u32, f32, Fast>,
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
            centroid: HashMap::default(),
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
    vocabulary: HashMap<String, u32, Fast>,
    /// Per term id: whether the term names an identity (an entity, a number or a year) rather
    /// than a word; see [`is_identity`].
    identity: Vec<bool>,
    languages: HashMap<String, u16>,
    /// Document frequency per (language, term): a term frequent in its own language weighs
    /// little, so function words of languages without a stop list do not make stories.
    df: HashMap<(u16, u32), u32, Fast>,
    docs_per_language: Vec<u32>,
    stories: Vec<Story>,
    by_key: HashMap<String, usize>,
    postings: HashMap<u32, Vec<u32>, Fast>,
    /// Every document added, with its story.
    docs: Docs,
    /// Merges and splits not yet taken by [`StoryIndex::take_events`].
    events: Vec<StoryEvent>,
}

impl StoryIndex {
    pub fn new(options: StoryOptions) -> Self {
        StoryIndex {
            options,
            vocabulary: HashMap::default(),
            identity: Vec::new(),
            languages: HashMap::new(),
            df: HashMap::default(),
            docs_per_language: Vec::new(),
            stories: Vec::new(),
            by_key: HashMap::new(),
            postings: HashMap::default(),
            docs: Docs::default(),
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
            let d = index.docs.insert(&doc.article.id, s);
            let headline = index.headline(f);
            index.join(s, d, &vector, f.day, headline);
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

    /// Number of documents added.
    pub fn docs(&self) -> usize {
        self.docs.len()
    }

    /// Bytes the index holds (an estimate from lengths and capacities, allocator overhead
    /// aside), for reporting memory per document.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        // A hash map entry costs its key and value plus one control byte.
        let map = |cap: usize, entry: usize| cap * (entry + 1);
        let stories: usize = self
            .stories
            .iter()
            .map(|s| {
                s.key.capacity()
                    + map(s.centroid.capacity(), 8)
                    + s.indexed.capacity() * 4
                    + s.members.capacity() * size_of::<Member>()
                    + s.members
                        .iter()
                        .map(|m| m.vector.len() * 8 + m.headline.len() * 4)
                        .sum::<usize>()
            })
            .sum();
        stories
            + self.stories.capacity() * size_of::<Story>()
            + map(self.vocabulary.capacity(), size_of::<(String, u32)>())
            + self.vocabulary.keys().map(String::capacity).sum::<usize>()
            + self.identity.capacity()
            + map(self.df.capacity(), size_of::<((u16, u32), u32)>())
            + map(self.by_key.capacity(), size_of::<(String, usize)>())
            + self.by_key.keys().map(String::capacity).sum::<usize>()
            + map(self.postings.capacity(), size_of::<(u32, Vec<u32>)>())
            + self
                .postings
                .values()
                .map(|p| p.capacity() * 4)
                .sum::<usize>()
            + self.docs.heap_bytes()
    }

    /// The merges and splits done since the last call, oldest first. Their documents are already
    /// re-pointed: [`StoryIndex::assignments`] and [`StoryIndex::story_of`] give the new keys.
    pub fn take_events(&mut self) -> Vec<StoryEvent> {
        std::mem::take(&mut self.events)
    }

    /// The story key a document was assigned to, if it has been added.
    pub fn story_of(&self, doc: &DocId) -> Option<&str> {
        self.docs
            .find(doc)
            .map(|d| self.stories[self.docs.story(d)].key.as_str())
    }

    /// Every (document, story key) assignment, for the store's `put_story_assignment`.
    pub fn assignments(&self) -> Vec<(DocId, String)> {
        let mut all: Vec<(DocId, String)> = self
            .docs
            .all()
            .map(|(d, s)| (DocId(d.to_string()), self.stories[s].key.clone()))
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
        let options = self.options;
        let feats: Vec<Features> = docs.par_iter().map(|d| features(d, &options)).collect();
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
            .filter(|&i| self.docs.find(&docs[i].article.id).is_none())
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
        let mut scratch = Scratch::default();
        for i in order {
            if self.docs.find(&docs[i].article.id).is_some() {
                continue;
            }
            let vector = self.vector(&feats[i], &ids[i]);
            let copied_doc = original
                .get(i)
                .and_then(Option::as_ref)
                .and_then(|o| self.docs.find(o));
            let copied = copied_doc.map(|d| self.docs.story(d));
            let above = match copied {
                Some(_) => Vec::new(),
                None => self.above(&vector, feats[i].day, &mut scratch),
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
            let d = self.docs.insert(&docs[i].article.id, s);
            let headline = self.headline(&feats[i]);
            self.join(s, d, &vector, feats[i].day, headline);
            if copied_doc.is_some() {
                if let Some(member) = self.stories[s].members.last_mut() {
                    member.original = copied_doc;
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
                let id = match self.vocabulary.get(term.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.vocabulary.len() as u32;
                        self.vocabulary.insert(term.clone(), id);
                        self.identity.push(is_identity(term));
                        id
                    }
                };
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
    fn above(
        &self,
        vector: &[(u32, f32)],
        day: Option<i64>,
        scratch: &mut Scratch,
    ) -> Vec<(usize, f32)> {
        scratch.clear(self.stories.len());
        for (t, w) in vector.iter().take(QUERY_TERMS) {
            if let Some(stories) = self.postings.get(t) {
                for &s in stories {
                    // Postings of a merged story count for the story it went into.
                    scratch.add(self.live(s as usize), *w);
                }
            }
        }
        // A small index is scored whole: its top terms are still the rare terms of its first
        // article, which a new report of the same story need not share.
        if self.stories.len() <= CANDIDATES {
            for s in 0..self.stories.len() {
                if self.stories[s].merged_into.is_none() {
                    scratch.add(s, 0.0);
                }
            }
        }
        let mut candidates: Vec<(u32, f32)> = scratch.hits();
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

    /// The term ids of a document's headline names (see [`Features`]), once its terms are
    /// observed.
    fn headline(&self, f: &Features) -> Box<[u32]> {
        f.headline
            .iter()
            .filter_map(|w| self.vocabulary.get(w.as_str()).copied())
            .collect()
    }

    fn join(
        &mut self,
        s: usize,
        doc: Doc,
        vector: &[(u32, f32)],
        day: Option<i64>,
        headline: Box<[u32]>,
    ) {
        let story = &mut self.stories[s];
        story.add(vector, day);
        story.members.push(Member {
            doc,
            day,
            vector: vector.iter().take(MEMBER_TERMS).copied().collect(),
            original: None,
            headline,
        });
        self.docs.set_story(doc, s);
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

/// Candidate scores of one lookup, by story: a dense array reused across the articles of a
/// batch (a hash map per article cost more than the scoring), with the stories it touched.
#[derive(Debug, Default)]
struct Scratch {
    score: Vec<f32>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Resets the scores of the last lookup and makes room for `stories` stories.
    fn clear(&mut self, stories: usize) {
        for &s in &self.touched {
            self.score[s as usize] = 0.0;
            self.seen[s as usize] = false;
        }
        self.touched.clear();
        if self.score.len() < stories {
            self.score.resize(stories, 0.0);
            self.seen.resize(stories, false);
        }
    }

    fn add(&mut self, s: usize, w: f32) {
        if !self.seen[s] {
            self.seen[s] = true;
            self.touched.push(s as u32);
        }
        self.score[s] += w;
    }

    fn hits(&self) -> Vec<(u32, f32)> {
        self.touched
            .iter()
            .map(|&s| (s, self.score[s as usize]))
            .collect()
    }
}
