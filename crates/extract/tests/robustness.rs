//! Extraction never panics on arbitrary input, every block span slices back into the text, and
//! oversized or absurdly nested bodies are handled within bounds.

use proptest::prelude::*;
use triangulate_extract::{extract, ExtractError, MAX_BODY_BYTES};
use triangulate_model::{Article, Body, DocId, RawDocument};

fn doc(body: Body) -> RawDocument {
    RawDocument {
        id: DocId("t".into()),
        origin: "test".into(),
        url: None,
        outlet: None,
        published: None,
        title: None,
        body,
    }
}

fn spans_slice(article: &Article) {
    for block in &article.blocks {
        let text = block
            .span
            .slice(&article.text)
            .expect("block span slices the text");
        assert_eq!(text, text.trim(), "blocks carry no outer whitespace");
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        if let Ok(a) = extract(&doc(Body::Text(s.clone()))) {
            spans_slice(&a);
            for block in &a.blocks {
                let source = block.source.expect("text blocks know their source");
                let from_source = source.slice(&s).expect("source span slices the body");
                prop_assert_eq!(from_source, block.span.slice(&a.text).unwrap_or_default());
            }
        }
    }

    #[test]
    fn arbitrary_html_never_panics(s in "(<(p|div|a|li|h1|script|nav) ?(class=\"[a-z -]{0,12}\")?>|</(p|div|a|li|h1)>|[\\PC&&[^<]]{0,40}){0,40}") {
        if let Ok(a) = extract(&doc(Body::Html(s))) {
            spans_slice(&a);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let s = String::from_utf8_lossy(&bytes).into_owned();
        let _ = extract(&doc(Body::Html(s.clone())));
        let _ = extract(&doc(Body::Text(s)));
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let depth = 20_000;
    let mut html = "<div>".repeat(depth);
    html.push_str("<p>A sentence buried far below, with a comma, and an end.</p>");
    html.push_str(&"</div>".repeat(depth));
    let _ = extract(&doc(Body::Html(html)));
}

#[test]
fn hundred_thousand_nested_divs_finish_fast() {
    let depth = 100_000;
    let mut html = "<div class=\"wrap\">".repeat(depth);
    html.push_str("<p>A line at the bottom of the pile, with a comma, and an end.</p>");
    html.push_str(&"</div>".repeat(depth));
    // Unclosed nesting too: the page simply ends.
    let unclosed = "<div><span><li>".repeat(depth);
    let started = std::time::Instant::now();
    let _ = extract(&doc(Body::Html(html)));
    let _ = extract(&doc(Body::Html(unclosed)));
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn oversized_bodies_are_refused() {
    let body = "a".repeat(MAX_BODY_BYTES + 1);
    let err = extract(&doc(Body::Text(body))).expect_err("refused");
    assert!(matches!(err, ExtractError::Refused { .. }));
}

#[test]
fn empty_documents_are_reported() {
    let err = extract(&doc(Body::Html("<html><nav>Home</nav></html>".into()))).expect_err("empty");
    assert!(matches!(err, ExtractError::Empty { .. }));
}
