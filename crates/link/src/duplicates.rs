//! Near-duplicate detection: MinHash signatures of word 5-shingles, banded for locality-sensitive
//! hashing so that only candidate pairs are compared, then grouped with union-find. A group's
//! original is its earliest-published member.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::Analysed;
use triangulate_model::DuplicateGroup;

const SHINGLE: usize = 5;
const HASHES: usize = 96;
const BANDS: usize = 24;
const ROWS: usize = HASHES / BANDS;
/// Estimated Jaccard similarity of shingle sets above which two texts are copies.
pub const COPY_THRESHOLD: f32 = 0.6;

/// The duplicate structure of a batch of documents.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// For each document, the original it copies (`None` for originals and unique documents).
    original: Vec<Option<usize>>,
    /// For each document, its estimated similarity with its original.
    similarity: Vec<f32>,
}

impl Groups {
    pub fn original_of(&self, doc: usize) -> Option<usize> {
        self.original.get(doc).copied().flatten()
    }

    /// The duplicate groups among `members` (document indices), as story output.
    pub fn groups_within(&self, members: &[usize], docs: &[Analysed]) -> Vec<DuplicateGroup> {
        let mut groups: Vec<DuplicateGroup> = Vec::new();
        for &m in members {
            let Some(original) = self.original_of(m) else {
                continue;
            };
            let original_id = &docs[original].article.id;
            let copy = docs[m].article.id.clone();
            match groups.iter_mut().find(|g| &g.original == original_id) {
                Some(group) => {
                    group.copies.push(copy);
                    group.similarity.push(self.similarity[m]);
                }
                None => groups.push(DuplicateGroup {
                    original: original_id.clone(),
                    copies: vec![copy],
                    similarity: vec![self.similarity[m]],
                }),
            }
        }
        groups
    }
}

/// Finds near-copies among `docs`.
pub fn find(docs: &[Analysed]) -> Groups {
    let signatures: Vec<Option<Vec<u64>>> =
        docs.iter().map(|d| signature(&d.article.text)).collect();
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    let mut best = vec![0f32; docs.len()];
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, sig) in signatures.iter().enumerate() {
        let Some(sig) = sig else { continue };
        for band in 0..BANDS {
            let mut h = DefaultHasher::new();
            sig[band * ROWS..(band + 1) * ROWS].hash(&mut h);
            buckets.entry((band, h.finish())).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = buckets
        .values()
        .filter(|b| b.len() > 1)
        .flat_map(|b| {
            b.iter()
                .enumerate()
                .flat_map(move |(k, &i)| b[k + 1..].iter().map(move |&j| (i, j)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    for (i, j) in pairs {
        let (Some(a), Some(b)) = (&signatures[i], &signatures[j]) else {
            continue;
        };
        let sim = estimate(a, b);
        if sim >= COPY_THRESHOLD {
            union(&mut parent, i, j);
            best[i] = best[i].max(sim);
            best[j] = best[j].max(sim);
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..docs.len() {
        let root = find_root(&mut parent, i);
        members.entry(root).or_default().push(i);
    }
    let mut original = vec![None; docs.len()];
    for group in members.values().filter(|g| g.len() > 1) {
        let first = *group
            .iter()
            .min_by_key(|&&i| {
                let date = docs[i].article.published.as_ref().map(|d| d.value.clone());
                // Undated documents sort after dated ones; ties keep input order.
                (date.is_none(), date, i)
            })
            .expect("groups are never empty");
        for &i in group.iter().filter(|&&i| i != first) {
            original[i] = Some(first);
        }
    }
    Groups {
        original,
        similarity: best,
    }
}

/// The MinHash signature of a text's word shingles; `None` for texts too short to judge.
fn signature(text: &str) -> Option<Vec<u64>> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < SHINGLE * 4 {
        return None;
    }
    let mut sig = vec![u64::MAX; HASHES];
    for shingle in words.windows(SHINGLE) {
        let mut h = DefaultHasher::new();
        shingle.hash(&mut h);
        let base = h.finish();
        for (k, slot) in sig.iter_mut().enumerate() {
            // A cheap family of hash functions: multiply-xorshift with per-slot odd constants.
            let mixed = (base ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
                .wrapping_mul(0xBF58_476D_1CE4_E5B9 | 1);
            let mixed = mixed ^ (mixed >> 31);
            if mixed < *slot {
                *slot = mixed;
            }
        }
    }
    Some(sig)
}

fn estimate(a: &[u64], b: &[u64]) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / a.len() as f32
}

fn find_root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find_root(parent, a), find_root(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}
