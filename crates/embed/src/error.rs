use std::path::PathBuf;

/// Why the embedding model could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("model file {path} is missing")]
    MissingFile { path: PathBuf },
    #[error("cannot read model config {path}: {reason}")]
    Config { path: PathBuf, reason: String },
    #[error("cannot load tokenizer {path}: {reason}")]
    Tokenizer { path: PathBuf, reason: String },
    #[error("cannot load model weights from {path}: {reason}")]
    Weights { path: PathBuf, reason: String },
    #[error("model architecture {kind:?} in {path} is not supported")]
    UnsupportedArchitecture { path: PathBuf, kind: String },
    #[error("embedding failed: {reason}")]
    Inference { reason: String },
    #[error("built without the `model` feature, so {dir} is not loaded")]
    ModelSupportDisabled { dir: PathBuf },
}
