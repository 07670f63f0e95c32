//! Lexical sentence similarity: the always-available backend for aligning quotes and facts.
//!
//! Texts are reduced to content-word stems (lower case, stop words dropped, a light suffix
//! stripper, demonyms folded to their country: "Chinese" → "china"); similarity is a blend of the
//! Dice overlap of those stems and of their word bigrams.

use std::collections::{HashMap, HashSet};

const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "if",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "into",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "not",
    "no",
    "so",
    "than",
    "then",
    "there",
    "their",
    "they",
    "them",
    "he",
    "she",
    "his",
    "her",
    "him",
    "we",
    "our",
    "us",
    "you",
    "your",
    "i",
    "my",
    "me",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "while",
    "also",
    "all",
    "any",
    "some",
    "such",
    "about",
    "over",
    "after",
    "before",
    "between",
    "up",
    "out",
    "said",
    "says",
    "say",
    "told",
    "added",
    "according",
    "more",
    "most",
    "very",
    "just",
];

/// Demonyms and adjectives folded onto the name of their place, so that "Chinese-Brazilian plan"
/// and "plan by China and Brazil" share words.
const DEMONYMS: &[(&str, &str)] = &[
    ("american", "america"),
    ("brazilian", "brazil"),
    ("british", "britain"),
    ("chinese", "china"),
    ("french", "france"),
    ("german", "germany"),
    ("indian", "india"),
    ("iranian", "iran"),
    ("israeli", "israel"),
    ("italian", "italy"),
    ("japanese", "japan"),
    ("kazakh", "kazakhstan"),
    ("russian", "russia"),
    ("spanish", "spain"),
    ("turkish", "turkey"),
    ("ukrainian", "ukraine"),
    ("european", "europe"),
    ("polish", "poland"),
    ("dutch", "netherlands"),
    ("swiss", "switzerland"),
    ("belarusian", "belarus"),
    ("georgian", "georgia"),
    ("canadian", "canada"),
    ("mexican", "mexico"),
    ("korean", "korea"),
    ("syrian", "syria"),
    ("egyptian", "egypt"),
    ("african", "africa"),
    ("uzbek", "uzbekistan"),
    ("kyrgyz", "kyrgyzstan"),
];

/// The content-word stems of `text`, in order.
pub fn stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(word: &str) -> String {
    if let Some((_, place)) = DEMONYMS.iter().find(|(d, _)| *d == word) {
        return (*place).to_string();
    }
    for suffix in ["ingly", "edly", "ing", "ed", "es", "s", "ly"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return base.to_string();
            }
        }
    }
    word.to_string()
}

/// Similarity of two texts in [0, 1].
pub fn lexical(a: &str, b: &str) -> f32 {
    lexical_stems(&stems(a), &stems(b))
}

/// Similarity of two stem sequences in [0, 1]: words weigh 0.7, bigrams 0.3.
pub fn lexical_stems(a: &[String], b: &[String]) -> f32 {
    let words = dice(a.iter().collect(), b.iter().collect());
    let bigrams = dice(
        a.windows(2).map(|w| (&w[0], &w[1])).collect(),
        b.windows(2).map(|w| (&w[0], &w[1])).collect(),
    );
    0.7 * words + 0.3 * bigrams
}

/// Interned stems, so that many texts can be compared pairwise without hashing strings again.
#[derive(Debug, Default)]
pub struct Vocabulary(HashMap<String, u32>);

impl Vocabulary {
    pub fn id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.0.get(stem) {
            return id;
        }
        let id = self.0.len() as u32;
        self.0.insert(stem.to_string(), id);
        id
    }

    /// The bag of a stem sequence: its distinct words and distinct bigrams.
    pub fn bag(&mut self, stems: &[String]) -> Bag {
        let ids: Vec<u32> = stems.iter().map(|s| self.id(s)).collect();
        let mut bigrams: Vec<(u32, u32)> = ids.windows(2).map(|w| (w[0], w[1])).collect();
        let mut words = ids;
        words.sort_unstable();
        words.dedup();
        bigrams.sort_unstable();
        bigrams.dedup();
        Bag { words, bigrams }
    }
}

/// Distinct words and bigrams of one text as sorted interned ids: [`Bag::similarity`] equals
/// [`lexical_stems`] of the two stem sequences, at the cost of two merges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bag {
    words: Vec<u32>,
    bigrams: Vec<(u32, u32)>,
}

impl Bag {
    pub fn similarity(&self, other: &Bag) -> f32 {
        0.7 * sorted_dice(&self.words, &other.words)
            + 0.3 * sorted_dice(&self.bigrams, &other.bigrams)
    }

    /// Number of distinct words.
    pub fn distinct_words(&self) -> usize {
        self.words.len()
    }

    /// Share of this bag's distinct words found in `other`, as [`containment`] computes it.
    pub fn contained_in(&self, other: &Bag) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        sorted_common(&self.words, &other.words) as f32 / self.words.len() as f32
    }

    /// Whether every bigram of this bag is a bigram of `other`.
    pub fn bigrams_within(&self, other: &Bag) -> bool {
        self.bigrams
            .iter()
            .all(|b| other.bigrams.binary_search(b).is_ok())
    }
}

/// Dice coefficient of two sorted, duplicate-free slices.
fn sorted_dice<T: Ord>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * sorted_common(a, b) as f32 / (a.len() + b.len()) as f32
}

/// Number of items two sorted, duplicate-free slices share.
pub(crate) fn sorted_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// Share of `a`'s distinct stems found in `b`: how much of `a` is contained in `b`.
pub fn containment(a: &[String], b: &[String]) -> f32 {
    let a: HashSet<&String> = a.iter().collect();
    if a.is_empty() {
        return 0.0;
    }
    let b: HashSet<&String> = b.iter().collect();
    a.intersection(&b).count() as f32 / a.len() as f32
}

fn dice<T: std::hash::Hash + Eq>(a: HashSet<T>, b: HashSet<T>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f32 / (a.len() + b.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bags_score_as_the_stem_sequences_do() {
        let texts = [
            "The mayor backed a Dutch-Belgian plan for the river crossing.",
            "The plan for a river crossing by the Netherlands and Belgium has the mayor's backing.",
            "Heavy rain closed three schools in the north on Friday, and rain fell again.",
            "",
        ];
        let mut vocabulary = Vocabulary::default();
        let stems: Vec<Vec<String>> = texts.iter().map(|t| stems(t)).collect();
        let bags: Vec<Bag> = stems.iter().map(|s| vocabulary.bag(s)).collect();
        for i in 0..texts.len() {
            for j in 0..texts.len() {
                let slow = lexical_stems(&stems[i], &stems[j]);
                assert!(
                    (bags[i].similarity(&bags[j]) - slow).abs() < 1e-6,
                    "{i} {j}"
                );
            }
        }
    }

    #[test]
    fn rewordings_score_above_unrelated_sentences() {
        let a = "The mayor backed a Dutch-Belgian plan for the river crossing.";
        let b =
            "The plan for a river crossing by the Netherlands and Belgium has the mayor's backing.";
        let c = "Heavy rain closed three schools in the north on Friday.";
        assert!(lexical(a, b) > 0.3, "{}", lexical(a, b));
        assert!(lexical(a, c) < 0.1, "{}", lexical(a, c));
    }

    #[test]
    fn identical_texts_score_one() {
        let a = "Ferry services resume after the strike ends.";
        assert!((lexical(a, a) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn containment_measures_the_shorter_side() {
        let short = stems("the bridge is unsafe");
        let long = stems("engineers said the old bridge is unsafe in high winds");
        assert_eq!(containment(&short, &long), 1.0);
        assert!(containment(&long, &short) < 0.5);
    }
}
