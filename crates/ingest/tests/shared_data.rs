//! The shared inputs read cleanly: the seed articles and the benchmark's gzip-compressed pages.
//! Skipped when the shared folder is not next to the repository.

use std::path::PathBuf;

use triangulate_ingest::{read_paths, IngestOptions};
use triangulate_model::Body;

fn shared(path: &str) -> Option<PathBuf> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(path);
    path.exists().then_some(path)
}

#[test]
fn seeds_are_read_as_text() {
    let Some(seeds) = shared("seeds") else { return };
    let ingested = read_paths(&[seeds], &IngestOptions::default());
    assert!(ingested.problems.is_empty(), "{:?}", ingested.problems);
    assert_eq!(ingested.documents.len(), 3);
    assert!(ingested
        .documents
        .iter()
        .all(|d| matches!(&d.body, Body::Text(t) if t.len() > 500)));
}

#[test]
fn benchmark_pages_are_read_as_html() {
    let Some(pages) = shared("data/zyte-article-extraction/html") else {
        return;
    };
    let ingested = read_paths(&[pages], &IngestOptions::default());
    assert!(ingested.problems.is_empty(), "{:?}", ingested.problems);
    assert_eq!(ingested.documents.len(), 181);
    assert!(ingested
        .documents
        .iter()
        .all(|d| matches!(&d.body, Body::Html(h) if h.contains("<"))));
}
