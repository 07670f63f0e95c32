//! The incremental near-duplicate index: the same sampling, candidate and containment rules as
//! [`super::find`], fed batch by batch, with compact state per document so that a stream of a
//! million articles fits in memory without keeping their texts.
//!
//! Per document it keeps its sample count, its union-find parent, its best containment, its id
//! and small interned keys for the "who is the original" rule (normalised outlet, credited
//! outlet, publication date). Per sampled shingle it keeps one posting: a lone document inline in
//! the hash map, a short list in an arena, or a mark that the shingle is boilerplate (seen in
//! more than [`MAX_POSTINGS`] documents) and no longer consulted.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use triangulate_model::DocId;

use super::{normalise_outlet, sample, Groups, COPY_THRESHOLD, MAX_POSTINGS, MIN_SAMPLES};
use crate::Analysed;

/// Posting value flag: the rest is an index into the list arena.
const LIST: u32 = 1 << 31;
/// Posting value of a shingle found in too many documents to be evidence of copying.
const FULL: u32 = u32::MAX;
/// Interned key of a missing outlet, credit or date.
const NONE: u32 = u32::MAX;

/// Sampled shingle hashes are already uniform 64-bit hashes; re-hashing them with SipHash would
/// cost more than the rest of the lookup. Their low bits are fixed by the sampling rule, so they
/// are mixed before use.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type ShingleMap = HashMap<u64, u32, BuildHasherDefault<Prehashed>>;

/// What the index remembers of one document.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Number of sampled shingles (0 when too short to judge).
    samples: u32,
    parent: u32,
    /// Best containment with any document it was found to copy or be copied by.
    best: f32,
    /// Interned normalised outlet ([`NONE`] when missing or empty).
    outlet: u32,
    /// Interned normalised outlet its reprint notice credits ([`NONE`] when none).
    credits: u32,
    /// Interned publication date value ([`NONE`] when undated).
    date: u32,
}

/// Incremental near-duplicate detection over a stream of documents. Every document added is a
/// new document (adding the same article twice makes it a copy of itself); documents are
/// numbered in the order they were added, from 0.
#[derive(Debug, Default)]
pub struct DuplicateIndex {
    entries: Vec<Entry>,
    ids: Vec<Box<str>>,
    postings: ShingleMap,
    /// Posting lists of shingles seen in 2 to [`MAX_POSTINGS`] documents.
    lists: Vec<Vec<u32>>,
    /// Arena slots freed when their shingle became boilerplate.
    free: Vec<u32>,
    /// Members of each group of two or more, by root.
    groups: HashMap<u32, Vec<u32>>,
    /// The original of each group of two or more, by root, as of the last batch.
    originals: HashMap<u32, u32>,
    outlets: HashMap<Box<str>, u32>,
    dates: Vec<Box<str>>,
    date_ids: HashMap<Box<str>, u32>,
}

impl DuplicateIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of documents added.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a batch of new documents and returns, for each, the original it copies (`None` for
    /// originals and unique documents). A group's original is chosen over all its members seen
    /// so far, so a later, earlier-dated or credited member can become the original of a group:
    /// [`DuplicateIndex::original_of`] gives the current answer for any document.
    pub fn add_batch(&mut self, docs: &[&Analysed]) -> Vec<Option<DocId>> {
        let samples: Vec<Vec<u64>> = docs.par_iter().map(|d| sample(&d.article.text)).collect();
        let first = self.entries.len();
        let mut touched: Vec<u32> = Vec::new();
        let mut shared: Vec<u32> = Vec::new();
        for (doc, own) in docs.iter().zip(&samples) {
            let i = self.push(doc, own.len());
            if own.len() < MIN_SAMPLES {
                continue;
            }
            shared.clear();
            for &h in own {
                self.post(h, i, &mut shared);
            }
            shared.sort_unstable();
            for run in shared.chunk_by(|a, b| a == b) {
                let j = run[0];
                let count = run.len();
                let shorter = own.len().min(self.entries[j as usize].samples as usize) as f32;
                let containment = count as f32 / shorter;
                if count >= MIN_SAMPLES && containment >= COPY_THRESHOLD {
                    let root = self.union(i, j);
                    touched.push(root);
                    for d in [i, j] {
                        let best = &mut self.entries[d as usize].best;
                        *best = best.max(containment.min(1.0));
                    }
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for root in touched {
            let root = self.root(root);
            if let Some(members) = self.groups.get(&root) {
                let original = self.original_in(members);
                self.originals.insert(root, original);
            }
        }
        (first..self.entries.len())
            .map(|i| self.original_of(i).map(|o| DocId(self.ids[o].to_string())))
            .collect()
    }

    /// The original document `doc` (its number in order of addition) copies, if any.
    pub fn original_of(&self, doc: usize) -> Option<usize> {
        let doc = u32::try_from(doc).ok()?;
        if doc as usize >= self.entries.len() {
            return None;
        }
        let root = self.root(doc);
        let original = *self.originals.get(&root)?;
        (original != doc).then_some(original as usize)
    }

    /// The id of document `doc`.
    pub fn id(&self, doc: usize) -> Option<&str> {
        self.ids.get(doc).map(|s| &**s)
    }

    /// Estimated similarity of document `doc` with its closest copy or original.
    pub fn similarity(&self, doc: usize) -> f32 {
        self.entries.get(doc).map_or(0.0, |e| e.best)
    }

    /// Bytes the index holds (an estimate from lengths and capacities, allocator overhead
    /// aside), for reporting memory per document.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let map = |cap: usize, entry: usize| cap * (entry + 1);
        self.entries.capacity() * size_of::<Entry>()
            + self.ids.capacity() * size_of::<Box<str>>()
            + self.ids.iter().map(|s| s.len()).sum::<usize>()
            + map(self.postings.capacity(), size_of::<(u64, u32)>())
            + self.lists.capacity() * size_of::<Vec<u32>>()
            + self.lists.iter().map(|l| l.capacity() * 4).sum::<usize>()
            + self.free.capacity() * 4
            + map(self.groups.capacity(), size_of::<(u32, Vec<u32>)>())
            + self
                .groups
                .values()
                .map(|g| g.capacity() * 4)
                .sum::<usize>()
            + map(self.originals.capacity(), 8)
            + map(self.outlets.capacity(), size_of::<(Box<str>, u32)>())
            + map(self.date_ids.capacity(), size_of::<(Box<str>, u32)>())
            + self
                .dates
                .iter()
                .map(|d| 2 * d.len() + size_of::<Box<str>>())
                .sum::<usize>()
    }

    /// The duplicate structure of everything added, numbered in order of addition.
    pub(super) fn groups(&self) -> Groups {
        let n = self.entries.len();
        Groups {
            original: (0..n).map(|i| self.original_of(i)).collect(),
            similarity: self.entries.iter().map(|e| e.best).collect(),
        }
    }

    fn push(&mut self, doc: &Analysed, samples: usize) -> u32 {
        let i = self.entries.len() as u32;
        let article = &doc.article;
        let outlet = article
            .outlet
            .as_deref()
            .map_or(NONE, |o| self.outlet_key(o));
        let credits = article
            .reprint
            .as_ref()
            .map_or(NONE, |r| self.outlet_key(&r.original_outlet));
        let date = match &article.published {
            Some(d) => self.date_key(&d.value),
            None => NONE,
        };
        self.entries.push(Entry {
            samples: samples as u32,
            parent: i,
            best: 0.0,
            outlet,
            credits,
            date,
        });
        self.ids.push(article.id.as_str().into());
        i
    }

    fn outlet_key(&mut self, outlet: &str) -> u32 {
        let norm = normalise_outlet(outlet);
        if norm.is_empty() {
            return NONE;
        }
        let next = self.outlets.len() as u32;
        *self.outlets.entry(norm.into()).or_insert(next)
    }

    fn date_key(&mut self, date: &str) -> u32 {
        if let Some(&k) = self.date_ids.get(date) {
            return k;
        }
        let k = self.dates.len() as u32;
        self.dates.push(date.into());
        self.date_ids.insert(date.into(), k);
        k
    }

    /// Enters document `i` under shingle `h`, noting in `shared` the documents already there,
    /// unless the shingle is boilerplate.
    fn post(&mut self, h: u64, i: u32, shared: &mut Vec<u32>) {
        let Some(slot) = self.postings.get_mut(&h) else {
            self.postings.insert(h, i);
            return;
        };
        match *slot {
            FULL => {}
            v if v & LIST == 0 => {
                shared.push(v);
                let list = vec![v, i];
                let at = match self.free.pop() {
                    Some(at) => {
                        self.lists[at as usize] = list;
                        at
                    }
                    None => {
                        self.lists.push(list);
                        (self.lists.len() - 1) as u32
                    }
                };
                *slot = at | LIST;
            }
            v => {
                let at = v & !LIST;
                let list = &mut self.lists[at as usize];
                shared.extend_from_slice(list);
                list.push(i);
                // A list past the cap is never read again, as in `find`: free it.
                if list.len() > MAX_POSTINGS {
                    self.lists[at as usize] = Vec::new();
                    self.free.push(at);
                    *slot = FULL;
                }
            }
        }
    }

    fn root(&self, mut i: u32) -> u32 {
        while self.entries[i as usize].parent != i {
            i = self.entries[i as usize].parent;
        }
        i
    }

    fn root_compress(&mut self, mut i: u32) -> u32 {
        while self.entries[i as usize].parent != i {
            let grand = self.entries[self.entries[i as usize].parent as usize].parent;
            self.entries[i as usize].parent = grand;
            i = grand;
        }
        i
    }

    /// Joins the groups of `a` and `b`; the lower number is the root, as in `find`. Returns the
    /// root.
    fn union(&mut self, a: u32, b: u32) -> u32 {
        let (ra, rb) = (self.root_compress(a), self.root_compress(b));
        if ra == rb {
            return ra;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.entries[child as usize].parent = root;
        let moved = self.groups.remove(&child).unwrap_or_else(|| vec![child]);
        self.originals.remove(&child);
        self.groups
            .entry(root)
            .or_insert_with(|| vec![root])
            .extend(moved);
        root
    }

    /// The original of a group: the member whose outlet the others' reprint notices credit most,
    /// then the earliest published (undated members after dated ones), then the first added.
    fn original_in(&self, group: &[u32]) -> u32 {
        let mut credited: HashMap<u32, usize> = HashMap::new();
        for &j in group {
            let c = self.entries[j as usize].credits;
            if c != NONE {
                *credited.entry(c).or_default() += 1;
            }
        }
        let credits = |i: u32| -> usize {
            let e = &self.entries[i as usize];
            if e.outlet == NONE {
                return 0;
            }
            let all = credited.get(&e.outlet).copied().unwrap_or(0);
            // Its own notice does not count.
            all - usize::from(e.credits == e.outlet)
        };
        let date = |i: u32| -> Option<&str> {
            let d = self.entries[i as usize].date;
            (d != NONE).then(|| &*self.dates[d as usize])
        };
        group
            .iter()
            .copied()
            .min_by_key(|&i| {
                let d = date(i);
                (std::cmp::Reverse(credits(i)), d.is_none(), d, i)
            })
            .unwrap_or(group[0])
    }
}
