//! Sentence similarity behind one trait.
//!
//! Linking compares quotes, titles and candidate fact pairs across outlets;
//! a reworded or shortened rendering of the same sentence should score close
//! to the original. [`Similarity`] hides how: [`Lexical`] needs nothing and
//! always works, while `MiniLm` (feature `model`, on by default) runs a
//! small sentence-embedding model on the CPU when its weights are installed
//! (`scripts/fetch-model.sh`). [`load`] picks the model when it can and
//! falls back to the lexical scorer otherwise, so callers never have to care.
//!
//! ```
//! use triangulate_embed::{Lexical, Similarity};
//!
//! let scorer = Lexical::default();
//! let close = scorer.similarity("The mayor closed the bridge", "The bridge was closed by the mayor");
//! let far = scorer.similarity("The mayor closed the bridge", "Heavy rain flooded the valley");
//! assert!(close > far);
//! ```

mod error;
mod lexical;
#[cfg(feature = "model")]
mod minilm;

use std::path::{Path, PathBuf};

pub use error::EmbedError;
pub use lexical::Lexical;
#[cfg(feature = "model")]
pub use minilm::MiniLm;

/// Environment variable naming the model directory when `load` gets none.
pub const MODEL_DIR_ENV: &str = "TRIANGULATE_MODEL_DIR";

/// Where `scripts/fetch-model.sh` installs the default model, relative to
/// the current directory.
pub const DEFAULT_MODEL_DIR: &str = "models/all-minilm-l6-v2";

/// A way to turn sentences into vectors whose cosine says how alike they are.
///
/// Vectors from one implementation are only comparable with each other.
pub trait Similarity: Send + Sync {
    /// A short name for reports and logs (`lexical`, or the model's folder).
    fn name(&self) -> &str;

    /// One L2-normalised vector per text, in order. Never fails: a text that
    /// cannot be embedded gets a zero vector, whose cosine with anything is 0.
    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>>;

    /// Cosine similarity of two texts, in [-1, 1] (in practice [0, 1]).
    fn similarity(&self, a: &str, b: &str) -> f32 {
        let vectors = self.embed(&[a, b]);
        match vectors.as_slice() {
            [x, y] => cosine(x, y),
            _ => 0.0,
        }
    }

    /// Cosine similarity of many pairs, embedding each distinct text once
    /// and in batches, which is what makes the model path affordable.
    fn similarities(&self, pairs: &[(&str, &str)]) -> Vec<f32> {
        let mut distinct: Vec<&str> = Vec::with_capacity(pairs.len() * 2);
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut slots = Vec::with_capacity(pairs.len());
        for &(a, b) in pairs {
            let mut slot = |text| {
                *index.entry(text).or_insert_with(|| {
                    distinct.push(text);
                    distinct.len() - 1
                })
            };
            let i = slot(a);
            let j = slot(b);
            slots.push((i, j));
        }
        let vectors = self.embed(&distinct);
        slots
            .iter()
            .map(|&(i, j)| match (vectors.get(i), vectors.get(j)) {
                (Some(x), Some(y)) => cosine(x, y),
                _ => 0.0,
            })
            .collect()
    }
}

/// Cosine similarity; 0 when either vector is zero or the lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    dot / (na.sqrt() * nb.sqrt())
}

/// The model directory `load` would use: `dir`, else `$TRIANGULATE_MODEL_DIR`,
/// else [`DEFAULT_MODEL_DIR`] under the current directory.
pub fn model_dir(dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = dir {
        return dir.to_path_buf();
    }
    match std::env::var_os(MODEL_DIR_ENV) {
        Some(value) if !value.is_empty() => PathBuf::from(value),
        _ => PathBuf::from(DEFAULT_MODEL_DIR),
    }
}

/// Loads the embedding model from [`model_dir`]`(dir)`, or explains why not.
pub fn try_load(dir: Option<&Path>) -> Result<Box<dyn Similarity>, EmbedError> {
    let dir = model_dir(dir);
    #[cfg(feature = "model")]
    {
        Ok(Box::new(MiniLm::load(&dir)?))
    }
    #[cfg(not(feature = "model"))]
    {
        Err(EmbedError::ModelSupportDisabled { dir })
    }
}

/// The best scorer available: the model when its files load, otherwise
/// [`Lexical`] after a one-line note on stderr. Never panics.
pub fn load(dir: Option<&Path>) -> Box<dyn Similarity> {
    match try_load(dir) {
        Ok(model) => model,
        Err(err) => {
            eprintln!("triangulate-embed: {err}; using lexical similarity");
            Box::new(Lexical::default())
        }
    }
}
