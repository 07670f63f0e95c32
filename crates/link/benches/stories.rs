//! Duplicates and story clustering on invented articles: many small stories whose articles
//! share a vocabulary drawn per story, so the inverted index has real work to do.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use triangulate_link::{duplicates, stories, Analysed, StoryOptions};
use triangulate_model::{Analysis, Article, DocId};

const WORDS: &[&str] = &[
    "harbour",
    "council",
    "budget",
    "strike",
    "bridge",
    "flood",
    "election",
    "vaccine",
    "court",
    "ruling",
    "protest",
    "minister",
    "railway",
    "factory",
    "drought",
    "festival",
    "merger",
    "pipeline",
    "wildfire",
    "museum",
    "tariff",
    "airport",
    "hospital",
    "school",
    "reservoir",
    "orchard",
    "ferry",
    "tunnel",
    "stadium",
    "refinery",
    "glacier",
    "vineyard",
];

fn corpus(n: usize) -> Vec<Analysed> {
    (0..n)
        .map(|i| {
            let story = i / 6;
            let mut text = String::new();
            for k in 0..60 {
                let w = WORDS[(story * 7 + k * (story % 5 + 1)) % WORDS.len()];
                let v = WORDS[(i * 3 + k) % WORDS.len()];
                text.push_str(&format!("{w} {v}{} ", story % 97));
            }
            Analysed {
                article: Article::new(DocId(format!("d{i:08}")), format!("bench:{i}"), text),
                analysis: Analysis::default(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("link");
    group.sample_size(10);
    for n in [1_000usize, 5_000] {
        let docs = corpus(n);
        group.bench_with_input(BenchmarkId::new("duplicates", n), &docs, |b, docs| {
            b.iter(|| duplicates::find(docs))
        });
        let dupes = duplicates::find(&docs);
        group.bench_with_input(BenchmarkId::new("cluster", n), &docs, |b, docs| {
            b.iter(|| stories::cluster(docs, &dupes, &StoryOptions::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
