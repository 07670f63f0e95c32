//! Near-duplicate detection: word 5-shingles, hashed and sampled by a fixed rule (a shingle is
//! kept when its hash falls in one residue class), so that a text contained in another keeps its
//! sample inside the other's sample. Candidate pairs come from an inverted index over the sampled
//! shingles; a pair is a copy when the shared samples cover most of the shorter text's sample
//! (containment), which catches exact copies, reprints under another header or footer, and
//! partial copies alike. Groups are closed with union-find. A group's original is the member
//! the others credit (a reprint notice naming its outlet), else the earliest published.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::Analysed;
use triangulate_model::DuplicateGroup;

const SHINGLE: usize = 5;
/// One shingle in `SAMPLE` is kept.
const SAMPLE: u64 = 8;
/// Fewer kept shingles than this and a text is too short to judge.
const MIN_SAMPLES: usize = 4;
/// A shingle shared by more documents than this is boilerplate (a footer, a wire credit line),
/// not evidence of copying.
const MAX_POSTINGS: usize = 64;
/// Share of the shorter text's sampled shingles found in the other above which it is a copy.
pub const COPY_THRESHOLD: f32 = 0.7;
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
    let samples: Vec<Vec<u64>> = docs.par_iter().map(|d| sample(&d.article.text)).collect();
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    let mut best = vec![0f32; docs.len()];
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut shared: HashMap<u32, u32> = HashMap::new();
    for (i, own) in samples.iter().enumerate() {
        if own.len() < MIN_SAMPLES {
            continue;
        }
        shared.clear();
        for h in own {
            let list = postings.entry(*h).or_default();
            if list.len() <= MAX_POSTINGS {
                for &j in list.iter() {
                    *shared.entry(j).or_default() += 1;
                }
                list.push(i as u32);
            }
        }
        for (&j, &count) in &shared {
            let j = j as usize;
            let shorter = own.len().min(samples[j].len()) as f32;
            let containment = count as f32 / shorter;
            if count as usize >= MIN_SAMPLES && containment >= COPY_THRESHOLD {
                union(&mut parent, i, j);
                best[i] = best[i].max(containment.min(1.0));
                best[j] = best[j].max(containment.min(1.0));
            }
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..docs.len() {
        let root = find_root(&mut parent, i);
        members.entry(root).or_default().push(i);
    }
    let mut original = vec![None; docs.len()];
    for group in members.values().filter(|g| g.len() > 1) {
        let first = original_in(group, docs);
        for &i in group.iter().filter(|&&i| i != first) {
            original[i] = Some(first);
        }
    }
    Groups {
        original,
        similarity: best,
    }
}

/// The original of a group: the member whose outlet the others' reprint notices credit most,
/// then the earliest published (undated members after dated ones), then the first in input.
fn original_in(group: &[usize], docs: &[Analysed]) -> usize {
    let credits = |i: usize| -> usize {
        let Some(outlet) = docs[i].article.outlet.as_deref() else {
            return 0;
        };
        group
            .iter()
            .filter(|&&j| j != i)
            .filter_map(|&j| docs[j].article.reprint.as_ref())
            .filter(|r| same_outlet(&r.original_outlet, outlet))
            .count()
    };
    group
        .iter()
        .copied()
        .min_by_key(|&i| {
            let date = docs[i].article.published.as_ref().map(|d| d.value.clone());
            (std::cmp::Reverse(credits(i)), date.is_none(), date, i)
        })
        .unwrap_or(group[0])
}

/// Outlet names compared loosely: case, spacing, punctuation and a leading "the" ignored.
fn same_outlet(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        let lower = s.to_lowercase();
        let trimmed = lower
            .trim()
            .strip_prefix("the ")
            .unwrap_or(lower.trim())
            .to_string();
        trimmed.chars().filter(|c| c.is_alphanumeric()).collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// The kept shingle hashes of a text, sorted and distinct.
fn sample(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut kept: Vec<u64> = words
        .windows(SHINGLE)
        .map(|shingle| {
            let mut h = DefaultHasher::new();
            shingle.hash(&mut h);
            h.finish()
        })
        .filter(|h| h % SAMPLE == 0)
        .collect();
    kept.sort_unstable();
    kept.dedup();
    kept
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

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_model::{Analysis, Article, Dated, DocId, Provenance, Reprint};

    const BODY: &str = "The regional water board of Osterhal voted on Tuesday to close the old \
        Brennick reservoir after inspectors found cracks along its eastern wall. Board chair \
        Amira Voss said the closure would last at least two years while engineers rebuild the \
        dam. Farmers in the valley below asked how they would irrigate their orchards during the \
        dry months, and the board promised temporary pipelines from the northern lakes. Repairs \
        are expected to cost forty million crowns, to be shared by the province and the towns.";

    const OTHER: &str = "A travelling circus from Lindqvist arrived in the harbour town of \
        Maresby on Friday with three elephants, a troupe of acrobats and a brass band that played \
        late into the night. Tickets for the opening show sold out within hours, the organisers \
        said, and a second week of performances was added for schools in the district. Local \
        shopkeepers welcomed the crowds, though residents near the fairground complained of noise.";

    fn doc(id: &str, outlet: &str, date: Option<&str>, text: &str) -> Analysed {
        Analysed {
            article: Article {
                id: DocId(id.into()),
                origin: id.into(),
                url: None,
                canonical_url: None,
                title: None,
                outlet: Some(outlet.into()),
                authors: vec![],
                published: date.map(|d| Dated {
                    value: d.into(),
                    provenance: Provenance::Given,
                }),
                modified: None,
                language: None,
                reprint: None,
                text: text.into(),
                blocks: vec![],
            },
            analysis: Analysis::default(),
        }
    }

    #[test]
    fn exact_copies_point_to_the_earliest() {
        let docs = vec![
            doc("a", "Valley Post", Some("2025-04-02"), BODY),
            doc("b", "Osterhal Herald", Some("2025-04-01"), BODY),
            doc("c", "Maresby Mail", Some("2025-04-01"), OTHER),
        ];
        let groups = find(&docs);
        assert_eq!(groups.original_of(0), Some(1));
        assert_eq!(groups.original_of(1), None);
        assert_eq!(groups.original_of(2), None);
    }

    #[test]
    fn reprints_with_another_header_and_footer_are_copies() {
        let reprint = format!(
            "Published with permission. Subscribe to our morning newsletter for more.\n\n{BODY}\n\n\
             Copyright the Valley Post, all rights reserved. Comments are closed on this page."
        );
        let docs = vec![
            doc("a", "Osterhal Herald", None, BODY),
            doc("b", "Valley Post", None, &reprint),
        ];
        let groups = find(&docs);
        assert_eq!(groups.original_of(1), Some(0));
        let within = groups.groups_within(&[0, 1], &docs);
        assert_eq!(within.len(), 1);
        assert_eq!(within[0].copies, vec![DocId("b".into())]);
    }

    #[test]
    fn a_text_mostly_contained_in_a_longer_one_is_a_copy() {
        let longer = format!("{BODY} {OTHER}");
        let docs = vec![
            doc("long", "Osterhal Herald", Some("2025-04-01"), &longer),
            doc("part", "Valley Post", Some("2025-04-03"), BODY),
        ];
        let groups = find(&docs);
        assert_eq!(groups.original_of(1), Some(0));
    }

    #[test]
    fn different_texts_on_the_same_topic_are_not_copies() {
        let rewritten = "Inspectors found cracks in the eastern wall of the Brennick reservoir, \
            and the Osterhal water board has now decided to shut it. Amira Voss, who chairs the \
            board, expects two years of work. Orchard owners worry about irrigation; the board \
            says pipelines from lakes in the north will bridge the gap. The bill, some forty \
            million crowns, falls on the province and the towns together.";
        let docs = vec![
            doc("a", "Osterhal Herald", None, BODY),
            doc("b", "Valley Post", None, rewritten),
        ];
        let groups = find(&docs);
        assert_eq!(groups.original_of(0), None);
        assert_eq!(groups.original_of(1), None);
    }

    #[test]
    fn the_credited_outlet_is_the_original_even_when_dated_later() {
        let mut copy = doc("b", "Valley Post", Some("2025-04-01"), BODY);
        copy.article.reprint = Some(Reprint {
            original_outlet: "The Osterhal Herald".into(),
            evidence: "This story first appeared in The Osterhal Herald".into(),
        });
        let docs = vec![copy, doc("a", "Osterhal Herald", Some("2025-04-02"), BODY)];
        let groups = find(&docs);
        assert_eq!(groups.original_of(0), Some(1));
        assert_eq!(groups.original_of(1), None);
    }

    #[test]
    fn short_texts_are_never_grouped() {
        let docs = vec![
            doc("a", "x", None, "Brief: the bridge is closed."),
            doc("b", "y", None, "Brief: the bridge is closed."),
        ];
        assert_eq!(find(&docs).original_of(1), None);
    }
}
