//! Arbitrary bytes, read as scraped plain text, go through the extractor: it must return, never
//! panic, and every block must slice both the text it returns and the body it came from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_model::{Body, DocId, RawDocument};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = RawDocument {
        id: DocId("fuzz".into()),
        origin: "fuzz".into(),
        url: None,
        outlet: None,
        published: None,
        title: None,
        body: Body::Text(text.clone()),
    };
    if let Ok(article) = triangulate_extract::extract(&doc) {
        for block in &article.blocks {
            assert!(block.span.slice(&article.text).is_some());
            if let Some(source) = block.source {
                assert!(source.slice(&text).is_some());
            }
        }
    }
});
