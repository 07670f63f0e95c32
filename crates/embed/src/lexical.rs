//! A model-free scorer: a hashed bag of content-word stems.

use crate::Similarity;

/// Words too common to say what a sentence is about. English only: the
/// scorer is the fallback, and the model handles paraphrase properly.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "cannot", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more",
    "no", "not", "of", "on", "or", "our", "out", "over", "said", "says", "she", "so", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "up",
    "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

/// Suffixes stripped so that inflected forms share a bucket; longest first.
const SUFFIXES: &[&str] = &[
    "ations", "ation", "ings", "ing", "ies", "ed", "es", "ly", "s",
];

/// Hashes the content-word stems of a text into `dims` buckets.
#[derive(Debug, Clone)]
pub struct Lexical {
    dims: usize,
}

impl Default for Lexical {
    fn default() -> Self {
        // Few collisions for sentence-sized texts, small enough to store.
        Self::new(1024)
    }
}

impl Lexical {
    /// A scorer hashing into `dims` buckets (at least one).
    pub fn new(dims: usize) -> Self {
        Self { dims: dims.max(1) }
    }

    fn vector(&self, text: &str) -> Vec<f32> {
        let mut vector = vec![0.0f32; self.dims];
        let lowered = text.to_lowercase();
        for word in lowered.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() || STOPWORDS.contains(&word) {
                continue;
            }
            let bucket = (fnv1a(stem(word).as_bytes()) % self.dims as u64) as usize;
            vector[bucket] += 1.0;
        }
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.iter_mut().for_each(|x| *x /= norm);
        }
        vector
    }
}

impl Similarity for Lexical {
    fn name(&self) -> &str {
        "lexical"
    }

    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts.iter().map(|text| self.vector(text)).collect()
    }
}

/// Crude suffix stripping; it only needs to be consistent, not linguistic.
fn stem(word: &str) -> &str {
    for suffix in SUFFIXES {
        if let Some(root) = word.strip_suffix(suffix) {
            // Keep short words whole: "is", "bus" and "red" are not inflections.
            if root.chars().count() >= 3 {
                return root;
            }
        }
    }
    word
}

/// FNV-1a: stable across runs and platforms, unlike the std hasher, so
/// stored vectors stay comparable.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cosine;

    #[test]
    fn inflections_share_a_stem() {
        assert_eq!(stem("floods"), stem("flooded"));
        assert_eq!(stem("closing"), stem("closed"));
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn stopwords_alone_give_a_zero_vector() {
        let v = Lexical::default().vector("it is that the");
        assert!(v.iter().all(|&x| x == 0.0));
    }

    #[test]
    fn word_order_and_function_words_do_not_matter() {
        let scorer = Lexical::default();
        let a = scorer.vector("Mayor Odile Varga closed the harbour bridge");
        let b = scorer.vector("the harbour bridge was closed by Mayor Odile Varga");
        assert!((cosine(&a, &b) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn vectors_are_unit_length() {
        let v = Lexical::new(64).vector("Storms flooded the Pellan valley twice this spring");
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
    }
}
