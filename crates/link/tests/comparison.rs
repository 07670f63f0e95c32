//! Fact alignment, omissions, conflicts and framing labels measured on invented multi-outlet
//! stories (`tests/stories/<story>/`: one text file per outlet and a `truth.txt` listing what was
//! planted). Each story runs through extract, analyze, entity resolution, fact alignment and the
//! framing table; the figures are pooled over the stories and printed.

use std::collections::HashSet;
use std::path::Path;

use triangulate_link::{entities, facts, framing, StoryContext};
use triangulate_model::{
    Analysis, Article, Body, Coverage, DocId, Fact, FramingLabel, RawDocument,
};

const STORIES: &[&str] = &["ferry", "toll", "fire"];

/// One `outlet: phrase` field of a truth line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Item {
    doc: String,
    phrase: String,
}

#[derive(Default)]
struct Truth {
    agree: Vec<Vec<Item>>,
    unique: Vec<Item>,
    conflicts: Vec<Vec<Item>>,
    labels: Vec<Item>,
}

fn parse_truth(text: &str) -> Truth {
    let mut truth = Truth::default();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut fields = line.split(" | ");
        let kind = fields.next().unwrap_or("").trim();
        let items: Vec<Item> = fields
            .filter_map(|f| f.split_once(": "))
            .map(|(doc, phrase)| Item {
                doc: doc.trim().to_string(),
                phrase: phrase.trim().to_string(),
            })
            .collect();
        match kind {
            "agree" => truth.agree.push(items),
            "conflict" => truth.conflicts.push(items),
            "unique" => truth.unique.extend(items),
            "label" => truth.labels.extend(items),
            other => panic!("unknown truth line kind {other:?}"),
        }
    }
    truth
}

struct Outcome {
    facts: Vec<Fact>,
    framing: Vec<FramingLabel>,
    /// Text of each evidence, by (fact index, evidence index).
    texts: Vec<Vec<(String, String)>>,
}

fn run_story(dir: &Path) -> Outcome {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("story folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && !p.ends_with("truth.txt"))
        .collect();
    files.sort();
    let mut docs: Vec<(Article, Analysis)> = Vec::new();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let raw = RawDocument {
            id: DocId(name.clone()),
            origin: path.display().to_string(),
            url: None,
            outlet: Some(name),
            published: None,
            title: None,
            body: Body::Text(std::fs::read_to_string(&path).expect("fixture")),
        };
        let article = triangulate_extract::extract(&raw).expect("extract");
        let analysis = triangulate_analyze::analyze(&article);
        docs.push((article, analysis));
    }
    let pairs: Vec<(&Article, &Analysis)> = docs.iter().map(|(a, b)| (a, b)).collect();
    let resolution = entities::resolve(&pairs);
    let context = StoryContext {
        docs: &pairs,
        resolution: &resolution,
        quotes: &[],
    };
    let facts = facts::align(&context);
    let framing = framing::collect(&context);
    let texts = facts
        .iter()
        .map(|f| {
            f.evidence
                .iter()
                .map(|e| {
                    let article = &docs.iter().find(|(a, _)| a.id == e.doc).unwrap().0;
                    (
                        e.doc.0.clone(),
                        e.span.slice(&article.text).unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .collect();
    Outcome {
        facts,
        framing,
        texts,
    }
}

/// Index of the fact holding the statement of `item`, and the evidence index within it.
fn locate(outcome: &Outcome, item: &Item) -> Option<(usize, usize)> {
    outcome.texts.iter().enumerate().find_map(|(f, ev)| {
        ev.iter()
            .position(|(doc, text)| *doc == item.doc && text.contains(&item.phrase))
            .map(|e| (f, e))
    })
}

#[derive(Default, Debug)]
struct Tally {
    predicted_pairs: usize,
    correct_pairs: usize,
    gold_pairs: usize,
    found_pairs: usize,
    unique: usize,
    unique_found: usize,
    conflicts: usize,
    conflicts_found: usize,
    labels: usize,
    labels_found: usize,
}

fn score(story: &str, tally: &mut Tally) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/stories")
        .join(story);
    let truth = parse_truth(&std::fs::read_to_string(dir.join("truth.txt")).expect("truth"));
    let outcome = run_story(&dir);
    if std::env::var_os("COMPARISON_DEBUG").is_some() {
        for (f, ev) in outcome.facts.iter().zip(&outcome.texts) {
            println!(
                "[{story}] {} {:?} {:?} {:?}",
                f.id, f.coverage, ev, f.conflicts
            );
        }
    }

    for group in &truth.agree {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                tally.gold_pairs += 1;
                let (la, lb) = (locate(&outcome, a), locate(&outcome, b));
                match (la, lb) {
                    (Some((fa, _)), Some((fb, _))) if fa == fb => tally.found_pairs += 1,
                    _ => println!("[{story}] missed: {a:?} ~ {b:?}"),
                }
            }
        }
    }
    // A predicted pair is right when both statements belong to one planted agreement.
    let group_of = |doc: &str, text: &str| -> HashSet<usize> {
        truth
            .agree
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                g.iter()
                    .any(|it| it.doc == doc && text.contains(&it.phrase))
            })
            .map(|(k, _)| k)
            .collect()
    };
    for evidence in &outcome.texts {
        for (i, (da, ta)) in evidence.iter().enumerate() {
            for (db, tb) in &evidence[i + 1..] {
                tally.predicted_pairs += 1;
                let ga = group_of(da, ta);
                if ga.intersection(&group_of(db, tb)).next().is_some() {
                    tally.correct_pairs += 1;
                } else {
                    println!("[{story}] wrong pair: {da}: {ta:?} ~ {db}: {tb:?}");
                }
            }
        }
    }
    for item in &truth.unique {
        tally.unique += 1;
        let single =
            locate(&outcome, item).is_some_and(|(f, _)| outcome.facts[f].coverage == Coverage::One);
        if single {
            tally.unique_found += 1;
        } else {
            println!("[{story}] not single-source: {item:?}");
        }
    }
    for pair in &truth.conflicts {
        tally.conflicts += 1;
        let places: Vec<_> = pair.iter().map(|it| locate(&outcome, it)).collect();
        let found = match places.as_slice() {
            [Some((fa, _)), Some((fb, _))] if fa == fb => !outcome.facts[*fa].conflicts.is_empty(),
            _ => false,
        };
        if found {
            tally.conflicts_found += 1;
        } else {
            println!("[{story}] conflict not found: {pair:?}");
        }
    }
    for item in &truth.labels {
        tally.labels += 1;
        let found = outcome.framing.iter().any(|l| {
            l.doc.0 == item.doc && l.label.to_lowercase().contains(&item.phrase.to_lowercase())
        });
        if found {
            tally.labels_found += 1;
        } else {
            println!("[{story}] label not found: {item:?}");
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn invented_stories_align_facts_find_conflicts_and_labels() {
    let mut tally = Tally::default();
    for story in STORIES {
        score(story, &mut tally);
    }
    let precision = ratio(tally.correct_pairs, tally.predicted_pairs);
    let recall = ratio(tally.found_pairs, tally.gold_pairs);
    let omissions = ratio(tally.unique_found, tally.unique);
    let conflicts = ratio(tally.conflicts_found, tally.conflicts);
    let labels = ratio(tally.labels_found, tally.labels);
    println!(
        "fact pairs: precision {precision:.3} ({}/{}), recall {recall:.3} ({}/{}); \
         single-source recall {omissions:.3}; conflict recall {conflicts:.3} ({}/{}); \
         label recall {labels:.3} ({}/{})",
        tally.correct_pairs,
        tally.predicted_pairs,
        tally.found_pairs,
        tally.gold_pairs,
        tally.conflicts_found,
        tally.conflicts,
        tally.labels_found,
        tally.labels
    );
    assert!(precision >= 0.9, "fact alignment precision {precision:.3}");
    assert!(recall >= 0.85, "fact alignment recall {recall:.3}");
    assert!(conflicts >= 1.0, "planted conflicts found {conflicts:.3}");
    assert!(omissions >= 0.85, "single-source statements {omissions:.3}");
    assert!(labels >= 0.8, "planted labels found {labels:.3}");
}

/// The team's demo corpus (`demo/`, invented): its planted count conflict and single-source
/// statements (see demo/README.md), with every file linked as one story.
#[test]
fn demo_corpus_conflict_and_single_source_statements() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo");
    let ingested = triangulate_ingest::read_paths(&[dir], &Default::default());
    let docs: Vec<(Article, Analysis)> = ingested
        .documents
        .iter()
        .filter_map(|raw| triangulate_extract::extract(raw).ok())
        .map(|article| {
            let analysis = triangulate_analyze::analyze(&article);
            (article, analysis)
        })
        .collect();
    assert_eq!(docs.len(), 5, "the demo holds five reports");
    let pairs: Vec<(&Article, &Analysis)> = docs.iter().map(|(a, b)| (a, b)).collect();
    let resolution = entities::resolve(&pairs);
    let context = StoryContext {
        docs: &pairs,
        resolution: &resolution,
        quotes: &[],
    };
    let facts = facts::align(&context);
    let wording = |f: &Fact| format!("{} {}", f.text, f.variants.join(" "));
    let strikers = facts
        .iter()
        .find(|f| wording(f).contains("120") && wording(f).contains("150"));
    let strikers = strikers.expect("the 120 and 150 strikers are one fact");
    assert_eq!(strikers.coverage, Coverage::All);
    assert!(
        strikers
            .conflicts
            .iter()
            .any(|c| c.contains("120") && c.contains("150")),
        "{:?}",
        strikers.conflicts
    );
    for phrase in [
        "fuel tanker",
        "In June",
        "surcharge",
        "veteran administrator",
    ] {
        let fact = facts.iter().find(|f| wording(f).contains(phrase));
        assert!(
            fact.is_some_and(|f| f.coverage == Coverage::One),
            "{phrase}: {:?}",
            fact.map(|f| (&f.coverage, &f.docs))
        );
    }
}
