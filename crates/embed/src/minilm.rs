//! Sentence embeddings from a small BERT-family encoder (all-MiniLM-L6-v2 by
//! default) run with candle on the CPU: mean pooling over the tokens, then
//! L2 normalisation, as sentence-transformers does for these models.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

use crate::{EmbedError, Similarity};

/// Longest input in tokens; sentence-transformers truncates this model at
/// 256, and a longer text is rarely one claim anyway.
const MAX_TOKENS: usize = 256;

/// Texts per forward pass: large enough to amortise the per-call overhead,
/// small enough that padding to the longest text stays cheap.
const BATCH_SIZE: usize = 32;

/// A sentence-embedding model loaded from a directory holding
/// `config.json`, `tokenizer.json` and `model.safetensors`.
pub struct MiniLm {
    name: String,
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dims: usize,
}

impl std::fmt::Debug for MiniLm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MiniLm")
            .field("name", &self.name)
            .field("dims", &self.dims)
            .finish_non_exhaustive()
    }
}

impl MiniLm {
    /// Loads the model files from `dir`.
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        let config_path = existing(dir, "config.json")?;
        let tokenizer_path = existing(dir, "tokenizer.json")?;
        let weights_path = existing(dir, "model.safetensors")?;

        let config_text =
            std::fs::read_to_string(&config_path).map_err(|err| EmbedError::Config {
                path: config_path.clone(),
                reason: err.to_string(),
            })?;
        let kind = model_type(&config_text).unwrap_or_default();
        if kind != "bert" {
            return Err(EmbedError::UnsupportedArchitecture {
                path: config_path,
                kind,
            });
        }
        let config: BertConfig =
            serde_json::from_str(&config_text).map_err(|err| EmbedError::Config {
                path: config_path.clone(),
                reason: err.to_string(),
            })?;

        let mut tokenizer =
            Tokenizer::from_file(&tokenizer_path).map_err(|err| EmbedError::Tokenizer {
                path: tokenizer_path.clone(),
                reason: err.to_string(),
            })?;
        configure_tokenizer(&mut tokenizer).map_err(|reason| EmbedError::Tokenizer {
            path: tokenizer_path,
            reason,
        })?;

        let device = Device::Cpu;
        // Reading the file instead of memory-mapping it keeps the crate free
        // of `unsafe`; 90 MB is read in well under a second.
        let weights = std::fs::read(&weights_path).map_err(|err| EmbedError::Weights {
            path: weights_path.clone(),
            reason: err.to_string(),
        })?;
        let model = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device)
            .and_then(|vb| BertModel::load(vb, &config))
            .map_err(|err| EmbedError::Weights {
                path: weights_path,
                reason: err.to_string(),
            })?;

        let name = dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "model".to_owned());
        Ok(Self {
            name,
            model,
            tokenizer,
            device,
            dims: config.hidden_size,
        })
    }

    /// Length of the vectors this model produces.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Embeds one batch; the caller keeps batches small.
    pub fn try_embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let inference = |err: candle_core::Error| EmbedError::Inference {
            reason: err.to_string(),
        };
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|err| EmbedError::Inference {
                reason: err.to_string(),
            })?;
        let rows = encodings.len();
        let width = encodings.first().map_or(0, |e| e.get_ids().len());
        let mut ids = Vec::with_capacity(rows * width);
        let mut mask = Vec::with_capacity(rows * width);
        for encoding in &encodings {
            ids.extend_from_slice(encoding.get_ids());
            mask.extend_from_slice(encoding.get_attention_mask());
        }
        let ids = Tensor::from_vec(ids, (rows, width), &self.device).map_err(inference)?;
        let mask = Tensor::from_vec(mask, (rows, width), &self.device).map_err(inference)?;
        // Single-sentence inputs: every token belongs to segment 0.
        let type_ids = ids.zeros_like().map_err(inference)?;
        let hidden = self
            .model
            .forward(&ids, &type_ids, Some(&mask))
            .map_err(inference)?;
        mean_pool_normalised(&hidden, &mask)
            .and_then(|pooled| pooled.to_vec2::<f32>())
            .map_err(inference)
    }
}

impl Similarity for MiniLm {
    fn name(&self) -> &str {
        &self.name
    }

    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        // Batching texts of similar length wastes less work on padding.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let mut out = vec![Vec::new(); texts.len()];
        for chunk in order.chunks(BATCH_SIZE) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            let vectors = match self.try_embed(&batch) {
                Ok(vectors) if vectors.len() == batch.len() => vectors,
                Ok(_) => {
                    eprintln!("triangulate-embed: model returned a short batch; zero vectors used");
                    vec![vec![0.0; self.dims]; batch.len()]
                }
                Err(err) => {
                    eprintln!("triangulate-embed: {err}; zero vectors used");
                    vec![vec![0.0; self.dims]; batch.len()]
                }
            };
            for (&i, vector) in chunk.iter().zip(vectors) {
                out[i] = vector;
            }
        }
        out
    }
}

fn existing(dir: &Path, file: &str) -> Result<PathBuf, EmbedError> {
    let path = dir.join(file);
    if path.is_file() {
        Ok(path)
    } else {
        Err(EmbedError::MissingFile { path })
    }
}

/// The `model_type` field of a Hugging Face config, which says which
/// architecture the weights belong to.
fn model_type(config_text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(config_text).ok()?;
    value.get("model_type")?.as_str().map(str::to_owned)
}

/// Shipped tokenizer files often pad every input to a fixed length; padding
/// to the longest text in the batch is what keeps short sentences cheap.
fn configure_tokenizer(tokenizer: &mut Tokenizer) -> Result<(), String> {
    let mut padding = tokenizer.get_padding().cloned().unwrap_or_default();
    padding.strategy = PaddingStrategy::BatchLongest;
    tokenizer.with_padding(Some(PaddingParams { ..padding }));
    let mut truncation = tokenizer.get_truncation().cloned().unwrap_or_default();
    truncation.max_length = MAX_TOKENS;
    tokenizer
        .with_truncation(Some(TruncationParams { ..truncation }))
        .map_err(|err| err.to_string())?;
    Ok(())
}

/// Averages the token vectors that the mask keeps, then scales each row to
/// unit length.
fn mean_pool_normalised(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
    let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
    // Every encoding holds at least [CLS] and [SEP], so the count is never 0;
    // the clamp only guards against a tokenizer that adds nothing.
    let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?;
    let mean = summed.broadcast_div(&counts)?;
    let norms = mean
        .sqr()?
        .sum_keepdim(1)?
        .sqrt()?
        .clamp(1e-12f32, f32::MAX)?;
    mean.broadcast_div(&norms)
}
