//! Whole-pipeline properties on the demo corpus and the seeds: every article lands in exactly one
//! story, and every span a report carries slices back to the text it claims to quote.

use std::collections::HashMap;
use std::path::PathBuf;

use triangulate_engine::{run, RunOptions, Silent};
use triangulate_link::{link, Analysed, StoryOptions};
use triangulate_model::{Article, DocId, Evidence, Report, Span};
use triangulate_store::{MemoryStore, Store};

fn corpus(relative: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(relative)
}

fn run_on(path: PathBuf) -> (Report, HashMap<DocId, Article>) {
    assert!(path.exists(), "{} is missing", path.display());
    let mut store = MemoryStore::default();
    let outcome = run(&[path], &mut store, &RunOptions::default(), &Silent).unwrap();
    let articles = store
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| (d.article.id.clone(), d.article))
        .collect();
    (outcome.report, articles)
}

fn check_span(articles: &HashMap<DocId, Article>, doc: &DocId, span: Span, expected: Option<&str>) {
    let article = articles
        .get(doc)
        .unwrap_or_else(|| panic!("unknown document {doc}"));
    let text = span
        .slice(&article.text)
        .unwrap_or_else(|| panic!("span {span:?} outside {doc} ({} bytes)", article.text.len()));
    if let Some(expected) = expected {
        assert_eq!(text, expected, "span {span:?} of {doc}");
    }
}

fn check_report(report: &Report, articles: &HashMap<DocId, Article>) {
    let mut seen: HashMap<&DocId, usize> = HashMap::new();
    for story in &report.stories {
        for source in &story.sources {
            *seen.entry(&source.doc).or_default() += 1;
        }
        for quote in &story.quotes {
            check_span(articles, &quote.doc, quote.span, Some(&quote.text));
        }
        for entity in &story.entities {
            for Evidence { doc, span } in &entity.mentions {
                check_span(articles, doc, *span, None);
            }
        }
        for entry in &story.timeline {
            for Evidence { doc, span } in &entry.evidence {
                check_span(articles, doc, *span, None);
            }
        }
        for fact in &story.facts {
            let first = &fact.evidence[0];
            check_span(articles, &first.doc, first.span, Some(&fact.text));
            for (evidence, variant) in fact.evidence[1..].iter().zip(&fact.variants) {
                check_span(articles, &evidence.doc, evidence.span, Some(variant));
            }
        }
        for label in &story.framing {
            check_span(
                articles,
                &label.evidence.doc,
                label.evidence.span,
                Some(&label.label),
            );
        }
    }
    for id in articles.keys() {
        assert_eq!(seen.get(id), Some(&1), "{id} is not in exactly one story");
    }
}

#[test]
fn demo_corpus_spans_slice_back_and_every_article_has_one_story() {
    let (report, articles) = run_on(corpus("demo"));
    assert!(
        articles.len() >= 5,
        "only {} demo articles read",
        articles.len()
    );
    check_report(&report, &articles);
}

#[test]
fn seeds_spans_slice_back_and_every_article_has_one_story() {
    let (report, articles) = run_on(corpus("../shared/seeds"));
    assert_eq!(articles.len(), 3);
    check_report(&report, &articles);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Whatever the texts and their order, each article lands in exactly one story.
    #[test]
    fn every_article_lands_in_exactly_one_story(texts in proptest::collection::vec("[a-zA-Z .,\"]{0,300}", 0..12)) {
        let docs: Vec<Analysed> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let article = Article {
                    id: DocId(format!("d{i}")),
                    origin: format!("t{i}"),
                    url: None,
                    canonical_url: None,
                    title: None,
                    outlet: None,
                    authors: vec![],
                    published: None,
                    modified: None,
                    language: None,
                    reprint: None,
                    text: text.clone(),
                    blocks: vec![],
                };
                let analysis = triangulate_analyze::analyze(&article);
                Analysed { article, analysis }
            })
            .collect();
        let stories = link(&docs, &StoryOptions::default());
        let mut count = vec![0; docs.len()];
        for story in &stories {
            for source in &story.sources {
                let i: usize = source.doc.as_str()[1..].parse().unwrap();
                count[i] += 1;
            }
        }
        proptest::prop_assert!(count.iter().all(|&c| c == 1), "{:?}", count);
    }
}
