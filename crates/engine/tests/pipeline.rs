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
                let article = Article::new(DocId(format!("d{i}")), format!("t{i}"), text.clone());
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

/// The story (by id) each stored document is in, after a run on `batches` in turn.
fn stories_after(batches: &[&[&str]]) -> (HashMap<DocId, String>, Vec<Report>) {
    let mut store = MemoryStore::default();
    let mut reports = Vec::new();
    for batch in batches {
        let paths: Vec<PathBuf> = batch.iter().map(|p| corpus(p)).collect();
        let outcome = run(&paths, &mut store, &RunOptions::default(), &Silent).unwrap();
        reports.push(outcome.report);
    }
    let by_doc = store.story_assignments().unwrap().into_iter().collect();
    (by_doc, reports)
}

#[test]
fn adding_reports_later_joins_the_recorded_story_without_reclustering() {
    let first: &[&str] = &[
        "demo/001_velmarsk_gazette.html",
        "demo/002_coastline_wire.txt",
    ];
    let rest: &[&str] = &[
        "demo/003_riverside_record.html",
        "demo/004_meridian_review.txt",
        "demo/005_freightline_weekly.jsonl",
    ];
    let (after_first, _) = stories_after(&[first]);
    let (after_both, reports) = stories_after(&[first, rest]);
    assert_eq!(after_first.len(), 2);
    assert_eq!(after_both.len(), 5, "every document gets a recorded story");
    for (doc, story) in &after_first {
        assert_eq!(after_both.get(doc), Some(story), "{doc:?} moved story");
    }
    // The second batch reports the story of the first, now with all five sources.
    let second = &reports[1];
    assert_eq!(second.stories.len(), 1, "{:?}", second.stories);
    let story = &second.stories[0];
    assert_eq!(story.sources.len(), 5);
    assert!(after_first.values().all(|s| s == &story.id));
}

#[test]
fn batches_and_one_run_group_the_same_way() {
    let all: &[&str] = &[
        "demo/001_velmarsk_gazette.html",
        "demo/002_coastline_wire.txt",
        "demo/003_riverside_record.html",
        "demo/004_meridian_review.txt",
        "demo/005_freightline_weekly.jsonl",
    ];
    let partition = |by_doc: &HashMap<DocId, String>| {
        let mut groups: HashMap<&String, Vec<&DocId>> = HashMap::new();
        for (d, s) in by_doc {
            groups.entry(s).or_default().push(d);
        }
        let mut groups: Vec<Vec<&DocId>> = groups
            .into_values()
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        groups.sort();
        format!("{groups:?}")
    };
    let (once, _) = stories_after(&[all]);
    let (split, _) = stories_after(&[&all[3..], &all[..3]]);
    let (singly, _) = stories_after(&all.iter().map(std::slice::from_ref).collect::<Vec<_>>());
    assert_eq!(partition(&once), partition(&split));
    assert_eq!(partition(&once), partition(&singly));
}

#[test]
fn rerunning_the_same_inputs_adds_nothing_and_keeps_story_ids() {
    let mut store = MemoryStore::default();
    let paths = [corpus("demo")];
    let first = run(&paths, &mut store, &RunOptions::default(), &Silent).unwrap();
    let again = run(&paths, &mut store, &RunOptions::default(), &Silent).unwrap();
    assert_eq!(again.added, 0);
    let ids = |r: &Report| r.stories.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first.report), ids(&again.report));
}
