//! Arbitrary bytes, read as an HTML page, go through the extractor: it must return, never panic,
//! and every block span must slice the text it returns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_model::{Body, DocId, RawDocument};

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data).into_owned();
    let doc = RawDocument {
        id: DocId("fuzz".into()),
        origin: "fuzz".into(),
        url: None,
        outlet: None,
        published: None,
        title: None,
        body: Body::Html(html),
    };
    if let Ok(article) = triangulate_extract::extract(&doc) {
        for block in &article.blocks {
            assert!(block.span.slice(&article.text).is_some());
        }
    }
});
