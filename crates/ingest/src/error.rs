use std::io;

/// Why one input item (a file, a JSONL line, a WARC record) could not be read.
///
/// The item itself is named by the [`triangulate_model::Problem`] that carries the message, so
/// the messages here say only what went wrong.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("no such file or directory")]
    Missing,
    #[error("permission denied")]
    PermissionDenied,
    #[error("cannot read: {0}")]
    Read(String),
    #[error("unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, optionally .gz)")]
    Unsupported,
    #[error("empty file")]
    EmptyFile,
    #[error("document has no text")]
    EmptyDocument,
    #[error("document is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("document is over the limit of {limit} bytes")]
    OverLimit { limit: u64 },
    #[error("binary content, not text")]
    Binary,
    #[error("text is not valid {encoding}")]
    Undecodable { encoding: String },
    #[error("text is neither utf-8 nor windows-1252")]
    UnknownEncoding,
    #[error("invalid json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("json line is not an object")]
    NotAnObject,
    #[error("field `{0}` is not a string")]
    FieldType(&'static str),
    #[error("line has neither an `html` nor a `text` field")]
    NoBody,
    #[error("invalid warc record header: {0}")]
    WarcHeader(String),
    #[error("truncated warc record: expected {expected} bytes of content, found {found}")]
    Truncated { expected: u64, found: u64 },
    #[error("truncated warc record: the header never ends")]
    TruncatedHeader,
    #[error("invalid http response in warc record: {0}")]
    HttpPayload(String),
}

impl From<io::Error> for IngestError {
    fn from(error: io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::NotFound => IngestError::Missing,
            io::ErrorKind::PermissionDenied => IngestError::PermissionDenied,
            _ => IngestError::Read(lowercase_first(&error.to_string())),
        }
    }
}

/// OS error texts start with a capital ("Is a directory"); house style wants lowercase messages.
fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
