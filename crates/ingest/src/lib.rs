//! Reading inputs into raw documents: files, folders, JSONL exports, WARC crawl archives.
//!
//! Folders are walked recursively in name order, skipping hidden entries. The format follows the
//! extension: `.txt` (plain text), `.html`/`.htm` (a page), `.jsonl` (one article per line with
//! `url`, `outlet`, `published`, `title` and `html` or `text`), `.warc` (HTML responses of a
//! crawl), each optionally gzip-compressed (`.gz`). Text is decoded from UTF-8, a BOM, a declared
//! charset, or windows-1252. Bad input never panics and never stops a batch: each unreadable
//! item becomes a [`Problem`] named by its path (`path:LINE` for a JSONL line, `path#N` for the
//! N-th WARC record) and the rest is read.
//!
//! ```
//! use triangulate_ingest::{read_paths, IngestOptions};
//! use triangulate_model::Body;
//!
//! let dir = std::env::temp_dir().join(format!("ingest-doctest-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "The ferry to Vellmar resumed on Monday.").unwrap();
//! std::fs::write(dir.join("b.txt"), "").unwrap();
//!
//! let ingested = read_paths(&[dir.clone()], &IngestOptions::default());
//! assert_eq!(ingested.documents.len(), 1);
//! assert!(matches!(&ingested.documents[0].body, Body::Text(t) if t.contains("Vellmar")));
//! assert_eq!(ingested.problems.len(), 1);
//! assert!(ingested.problems[0].item.ends_with("b.txt"));
//! assert_eq!(ingested.problems[0].error, "empty file");
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod decode;
mod error;
mod format;
mod html;
mod jsonl;
mod text;
mod walk;
mod warc;

use std::io::BufReader;
use std::path::PathBuf;

use triangulate_model::{Problem, RawDocument};

pub use error::IngestError;

/// Default largest document: bigger inputs are refused by name rather than read into memory.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest document in bytes (a file, a JSONL line, a WARC payload), after decompression.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// One thing found while reading inputs, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Document(RawDocument),
    /// An input item that could not be read, and why.
    Problem(Problem),
    /// A file inside a folder whose extension names no known format.
    Skipped(PathBuf),
}

/// Everything read from a set of inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    pub documents: Vec<RawDocument>,
    pub problems: Vec<Problem>,
    /// Files inside folders that were not read because their extension names no known format.
    pub skipped: Vec<PathBuf>,
}

/// Reads files and folders into documents, collecting problems and skipped files.
pub fn read_paths(paths: &[PathBuf], options: &IngestOptions) -> Ingested {
    let mut ingested = Ingested::default();
    for_each(paths, options, |item| ingested.push(item));
    ingested
}

/// Reads files and folders, handing each document, problem or skipped file to `sink` as soon as
/// it is read, so that large inputs need not be held in memory.
pub fn for_each(paths: &[PathBuf], options: &IngestOptions, mut sink: impl FnMut(Item)) {
    walk::visit(paths, options, &mut sink);
}

/// Reads documents from bytes that did not come from a file (an upload, a fetched body),
/// choosing the format from `name`'s extension as for a file; `name` is the origin reported.
pub fn read_bytes(name: &str, bytes: &[u8], options: &IngestOptions, mut sink: impl FnMut(Item)) {
    let Some((format, gzip)) = format::format_for(name) else {
        return sink(Item::Problem(format::problem(
            name,
            &IngestError::Unsupported,
        )));
    };
    let mut plain = bytes;
    let mut inflated;
    let reader: &mut dyn std::io::BufRead = if gzip {
        inflated = BufReader::new(flate2::read::MultiGzDecoder::new(bytes));
        &mut inflated
    } else {
        &mut plain
    };
    let input = format::Input {
        origin: name,
        reader,
        size: (!gzip).then_some(bytes.len() as u64),
    };
    format.read(input, options, &mut sink);
}

impl Ingested {
    fn push(&mut self, item: Item) {
        match item {
            Item::Document(document) => self.documents.push(document),
            Item::Problem(problem) => self.problems.push(problem),
            Item::Skipped(path) => self.skipped.push(path),
        }
    }
}
