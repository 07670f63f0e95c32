//! Near-duplicate detection: word 5-shingles, hashed and sampled by a fixed rule (a shingle is
//! kept when its hash falls in one residue class), so that a text contained in another keeps its
//! sample inside the other's sample. Candidate pairs come from an inverted index over the sampled
//! shingles; a pair is a copy when the shared samples cover most of the shorter text's sample
//! (containment), which catches exact copies, reprints under another header or footer, and
//! partial copies alike. Groups are closed with union-find. A group's original is the member
//! the others credit (a reprint notice naming its outlet), else the earliest published.
//!
//! [`DuplicateIndex`] does this incrementally, batch by batch, with a few dozen bytes per
//! document and per sampled shingle; [`find`] is one batch of it.

mod index;

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::Analysed;
use triangulate_model::DuplicateGroup;

pub use index::DuplicateIndex;

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

/// Finds near-copies among `docs` (numbered by position, whatever their ids).
pub fn find(docs: &[Analysed]) -> Groups {
    let mut index = DuplicateIndex::new();
    let refs: Vec<&Analysed> = docs.iter().collect();
    index.add_batch(&refs);
    index.groups()
}

/// An outlet name compared loosely: case, spacing, punctuation and a leading "the" ignored.
fn normalise_outlet(s: &str) -> String {
    let lower = s.to_lowercase();
    let trimmed = lower.trim();
    let trimmed = trimmed.strip_prefix("the ").unwrap_or(trimmed);
    trimmed.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The kept shingle hashes of a text, sorted and distinct.
fn sample(text: &str) -> Vec<u64> {
    // Lowercased words side by side in one buffer: one allocation per text, not per word.
    let mut buffer = String::with_capacity(text.len());
    let mut ends: Vec<usize> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if word.is_ascii() {
            buffer.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            buffer.push_str(&word.to_lowercase());
        }
        ends.push(buffer.len());
    }
    let words: Vec<&str> = ends
        .iter()
        .scan(0, |start, &end| {
            let word = &buffer[*start..end];
            *start = end;
            Some(word)
        })
        .collect();
    let mut kept: Vec<u64> = words
        .windows(SHINGLE)
        .map(shingle_hash)
        .filter(|h| h % SAMPLE == 0)
        .collect();
    kept.sort_unstable();
    kept.dedup();
    kept
}

/// The hash of a shingle, the same as hashing it as a slice of owned words (length, then each
/// word), so that samples keep their values whichever way the words are held.
fn shingle_hash(shingle: &[&str]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write_usize(shingle.len());
    for word in shingle {
        word.hash(&mut h);
    }
    h.finish()
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
    fn shingle_hashes_match_those_of_owned_words() {
        let text = format!("Ça va? ÉTÉ à Þórshöfn, ΟΔΟΣ Σ 42 the QUICK brown fox. {BODY}");
        let text = text.as_str();
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let owned: Vec<u64> = words
            .windows(SHINGLE)
            .map(|shingle| {
                let mut h = DefaultHasher::new();
                shingle.hash(&mut h);
                h.finish()
            })
            .collect();
        let borrowed: Vec<&str> = words.iter().map(String::as_str).collect();
        let ours: Vec<u64> = borrowed.windows(SHINGLE).map(shingle_hash).collect();
        assert!(owned.len() > 50);
        assert_eq!(ours, owned);
        let mut expected: Vec<u64> = owned.into_iter().filter(|h| h % SAMPLE == 0).collect();
        expected.sort_unstable();
        expected.dedup();
        assert!(!expected.is_empty());
        assert_eq!(sample(text), expected);
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
