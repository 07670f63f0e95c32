use std::path::PathBuf;

use triangulate_model::DocId;

/// What went wrong in a store, with the store and the document it concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open store {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "store {store} has schema version {found}, newer than the {supported} this program knows"
    )]
    SchemaTooNew {
        store: String,
        found: i64,
        supported: i64,
    },
    #[error("store {store}: {action}: {source}")]
    Sqlite {
        store: String,
        action: String,
        source: rusqlite::Error,
    },
    #[error("cannot encode document {id} as json: {source}")]
    Encode {
        id: DocId,
        source: serde_json::Error,
    },
    #[error("store {store}: stored document {id} cannot be decoded: {source}")]
    Decode {
        store: String,
        id: String,
        source: serde_json::Error,
    },
    #[error("document {raw} from {origin} does not match the ids of its article ({article}) or analysis ({analysis})")]
    IdMismatch {
        origin: String,
        raw: DocId,
        article: DocId,
        analysis: DocId,
    },
}
