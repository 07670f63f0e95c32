//! Story clustering against ECB+ (topics 1–35) and cross-lingual MEANTIME.
//!
//! Protocol, ECB+. Every `ecbplus-stories/<folder>/*.json` file becomes one [`Article`] built
//! from its `title` and `text` only (the `language` field is kept; `source_domain` and the file
//! and folder names are never shown to the clusterer: they encode the gold). The folder is the
//! gold story, so `<topic>ecb` and `<topic>ecbplus` (two events of the same kind) must be
//! separated. Articles are analysed with [`triangulate_analyze::analyze`], grouped with
//! [`duplicates::find`] and clustered with [`stories::cluster`] at the default options, all
//! articles at once. Scores: pairwise precision/recall/F1 over all unordered pairs of articles,
//! and B-cubed precision/recall/F1 averaged over articles.
//!
//! Protocol, MEANTIME. The documents of `<lang>/meantime.conll` for en, es, it and nl are rebuilt
//! (tokens joined by spaces, one sentence a line; sentence 0, the headline, becomes the title)
//! and clustered together; the gold story of a document is its document key, shared by its four
//! translations. Pairwise F1 tells how often translations meet and different articles stay apart.
//!
//! Figures: `ecb_pairwise_f1`, `ecb_b3_f1`, `meantime_pairwise_f1`, and `docs_per_s` (analysis
//! excluded: duplicates plus clustering of the ECB+ articles, one thread). Set `STORIES_DUMP=1`
//! to see each predicted ECB+ story's make-up by gold story, with the titles of mixed stories
//! (`STORIES_DUMP=all`: of every story).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;
use triangulate_link::{duplicates, stories, Analysed, StoryOptions};
use triangulate_model::{Article, DocId};

use crate::{EvalError, Figures};

const MEANTIME_LANGUAGES: &[&str] = &["en", "es", "it", "nl"];

/// One article with its gold story label (used only for scoring).
#[derive(Debug, Clone)]
pub struct Labelled {
    pub gold: String,
    pub article: Article,
}

#[derive(Deserialize)]
struct EcbFile {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    language: Option<String>,
}

/// Pairwise and B-cubed scores of a clustering against gold labels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub pairwise: (f64, f64, f64),
    pub bcubed: (f64, f64, f64),
}

/// Runs the stories evaluation on the data folder at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let mut figures = Figures::default();
    let options = StoryOptions::default();

    let ecb = load_ecbplus(&data.join("ecbplus-stories"))?;
    let docs = analyse(&ecb);
    let start = Instant::now();
    let dupes = duplicates::find(&docs);
    let plan = stories::cluster(&docs, &dupes, &options);
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    let gold: Vec<&str> = ecb.iter().map(|l| l.gold.as_str()).collect();
    let scores = score(&plan.members, &gold);
    let gold_stories = gold.iter().collect::<std::collections::HashSet<_>>().len();
    writeln!(
        out,
        "ECB+ stories: {} articles, {} gold stories, {} predicted",
        docs.len(),
        gold_stories,
        plan.members.len()
    )?;
    print_scores(out, &scores)?;
    let docs_per_s = docs.len() as f64 / seconds;
    writeln!(
        out,
        "  duplicates + clustering: {:.1} ms, {docs_per_s:.0} docs/s",
        seconds * 1e3
    )?;
    if std::env::var_os("STORIES_DUMP").is_some() {
        dump(&plan.members, &gold, &ecb);
    }
    figures.push("ecb_pairwise_f1", scores.pairwise.2);
    figures.push("ecb_b3_f1", scores.bcubed.2);

    let meantime = load_meantime(&data.join("meantime"))?;
    let docs = analyse(&meantime);
    let dupes = duplicates::find(&docs);
    let plan = stories::cluster(&docs, &dupes, &options);
    let gold: Vec<&str> = meantime.iter().map(|l| l.gold.as_str()).collect();
    let scores = score(&plan.members, &gold);
    writeln!(
        out,
        "MEANTIME cross-lingual: {} documents ({} languages), {} predicted stories",
        docs.len(),
        MEANTIME_LANGUAGES.len(),
        plan.members.len()
    )?;
    print_scores(out, &scores)?;
    figures.push("meantime_pairwise_f1", scores.pairwise.2);
    figures.push("docs_per_s", docs_per_s);
    Ok(figures)
}

/// Development aid (`STORIES_DUMP=1`): each predicted story's make-up by gold story, and the
/// titles of a story that mixes gold stories, on standard error.
fn dump(clusters: &[Vec<usize>], gold: &[&str], items: &[Labelled]) {
    for (k, members) in clusters.iter().enumerate() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in members {
            *counts.entry(gold[i]).or_default() += 1;
        }
        eprintln!("story {k}: {counts:?}");
        if counts.len() > 1 || std::env::var("STORIES_DUMP").is_ok_and(|v| v == "all") {
            for &i in members {
                let title = items[i].article.title.as_deref().unwrap_or("");
                eprintln!(
                    "    {i} {:?} {} {}",
                    items[i].article.id,
                    gold[i],
                    title.chars().take(90).collect::<String>()
                );
            }
        }
    }
}

fn print_scores(out: &mut dyn Write, s: &Scores) -> Result<(), EvalError> {
    writeln!(
        out,
        "  pairwise  P {:.3}  R {:.3}  F1 {:.3}",
        s.pairwise.0, s.pairwise.1, s.pairwise.2
    )?;
    writeln!(
        out,
        "  B-cubed   P {:.3}  R {:.3}  F1 {:.3}",
        s.bcubed.0, s.bcubed.1, s.bcubed.2
    )?;
    Ok(())
}

/// Analyses every article in parallel, keeping input order.
pub fn analyse(items: &[Labelled]) -> Vec<Analysed> {
    items
        .par_iter()
        .map(|l| Analysed {
            analysis: triangulate_analyze::analyze(&l.article),
            article: l.article.clone(),
        })
        .collect()
}

/// Reads the ECB+ story folders, in a stable (sorted) order.
pub fn load_ecbplus(dir: &Path) -> Result<Vec<Labelled>, EvalError> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for story in read_dir_sorted(dir)? {
        if !story.is_dir() {
            continue;
        }
        let gold = story
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for file in read_dir_sorted(&story)? {
            if file.extension().is_some_and(|e| e == "json") {
                files.push((gold.clone(), file));
            }
        }
    }
    let mut items = Vec::with_capacity(files.len());
    for (n, (gold, path)) in files.into_iter().enumerate() {
        let raw = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
        let file: EcbFile = serde_json::from_str(&raw).map_err(|e| EvalError::parse(&path, e))?;
        items.push(Labelled {
            gold,
            article: article(n, "ecb", file.title, file.text, file.language),
        });
    }
    Ok(items)
}

/// Reads the MEANTIME documents of every language; gold is the shared document key.
pub fn load_meantime(dir: &Path) -> Result<Vec<Labelled>, EvalError> {
    let mut items = Vec::new();
    for lang in MEANTIME_LANGUAGES {
        let path = dir.join(lang).join("meantime.conll");
        let conll = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
        for (key, sentences) in conll_documents(&conll) {
            let mut lines = sentences.into_iter();
            let title = lines.next();
            let text = lines.collect::<Vec<_>>().join("\n");
            let n = items.len();
            items.push(Labelled {
                gold: key,
                article: article(n, lang, title, text, Some((*lang).to_string())),
            });
        }
    }
    Ok(items)
}

/// Documents of a CoNLL file as sentences of space-joined tokens, by document key.
fn conll_documents(conll: &str) -> BTreeMap<String, Vec<String>> {
    let mut docs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in conll.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(key), Some(sent), Some(_), Some(token)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(sent) = sent.parse::<usize>() else {
            continue;
        };
        let doc = docs.entry(key.to_string()).or_default();
        while doc.len() <= sent {
            doc.push(String::new());
        }
        let s = &mut doc[sent];
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(token);
    }
    docs
}

fn article(
    n: usize,
    prefix: &str,
    title: Option<String>,
    text: String,
    language: Option<String>,
) -> Article {
    Article {
        // An opaque hashed id, as ingest makes them: nothing of the gold or of the file order
        // leaks through it.
        id: DocId::of_bytes(format!("{prefix}:{n}:{text}").as_bytes()),
        origin: format!("{prefix}:{n}"),
        url: None,
        canonical_url: None,
        title: title.filter(|t| !t.trim().is_empty()),
        outlet: None,
        authors: vec![],
        published: None,
        modified: None,
        language,
        reprint: None,
        text,
        blocks: vec![],
    }
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| EvalError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Pairwise and B-cubed scores of `clusters` (indices into `gold`) against the gold labels.
/// Items missing from every cluster count as singletons.
pub fn score(clusters: &[Vec<usize>], gold: &[&str]) -> Scores {
    let n = gold.len();
    let mut predicted = vec![usize::MAX; n];
    let mut next = clusters.len();
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            if m < n {
                predicted[m] = c;
            }
        }
    }
    for p in predicted.iter_mut().filter(|p| **p == usize::MAX) {
        *p = next;
        next += 1;
    }
    let mut pred_size: HashMap<usize, u64> = HashMap::new();
    let mut gold_size: HashMap<&str, u64> = HashMap::new();
    let mut joint: HashMap<(usize, &str), u64> = HashMap::new();
    for (i, g) in gold.iter().enumerate() {
        *pred_size.entry(predicted[i]).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *joint.entry((predicted[i], g)).or_default() += 1;
    }
    let pairs = |k: u64| k * k.saturating_sub(1) / 2;
    let tp: u64 = joint.values().map(|&k| pairs(k)).sum();
    let pred_pairs: u64 = pred_size.values().map(|&k| pairs(k)).sum();
    let gold_pairs: u64 = gold_size.values().map(|&k| pairs(k)).sum();
    let pairwise = prf(
        ratio(tp as f64, pred_pairs as f64),
        ratio(tp as f64, gold_pairs as f64),
    );
    let (mut bp, mut br) = (0.0, 0.0);
    for (i, g) in gold.iter().enumerate() {
        let overlap = joint[&(predicted[i], *g)] as f64;
        bp += overlap / pred_size[&predicted[i]] as f64;
        br += overlap / gold_size[g] as f64;
    }
    let count = n.max(1) as f64;
    Scores {
        pairwise,
        bcubed: prf(bp / count, br / count),
    }
}

/// A ratio that counts an empty denominator as perfect (nothing claimed, nothing missed).
fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        1.0
    } else {
        a / b
    }
}

fn prf(p: f64, r: f64) -> (f64, f64, f64) {
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_clustering_scores_one() {
        let gold = ["a", "a", "b", "b", "b"];
        let s = score(&[vec![0, 1], vec![2, 3, 4]], &gold);
        assert_eq!(s.pairwise, (1.0, 1.0, 1.0));
        assert!((s.bcubed.2 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn merging_two_stories_costs_precision_only() {
        let gold = ["a", "a", "b", "b"];
        let s = score(&[vec![0, 1, 2, 3]], &gold);
        // 2 true pairs out of 6 predicted.
        assert!((s.pairwise.0 - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(s.pairwise.1, 1.0);
        assert!((s.bcubed.0 - 0.5).abs() < 1e-12);
        assert_eq!(s.bcubed.1, 1.0);
    }

    #[test]
    fn unassigned_items_are_singletons() {
        let gold = ["a", "a"];
        let s = score(&[vec![0]], &gold);
        assert_eq!(s.pairwise.1, 0.0);
        assert!((s.bcubed.1 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn conll_documents_rebuild_sentences() {
        let conll = "#begin document (k/1); part 000\nk/1\t0\t0\tDorran\t-\nk/1\t0\t1\twins\t-\n\nk/1\t1\t0\tYes\t-\n";
        let docs = conll_documents(conll);
        assert_eq!(
            docs["k/1"],
            vec!["Dorran wins".to_string(), "Yes".to_string()]
        );
    }

    #[test]
    fn scores_the_shared_data_when_present() {
        let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
        if !data.join("ecbplus-stories").exists() || !data.join("meantime").exists() {
            return;
        }
        let mut out = Vec::new();
        let figures = run(data, &mut out).expect("stories evaluation runs");
        let text = String::from_utf8_lossy(&out);
        // A floor under the measured figure: a regression alarm, not a target.
        assert!(
            figures.value("ecb_pairwise_f1").unwrap_or(0.0) > 0.5,
            "{text}"
        );
    }
}
