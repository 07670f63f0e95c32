//! Framing labels against NewsWCL50: the words each outlet uses for each concept.
//!
//! Protocol. NewsWCL50 codes, for 7 events reported by 5 outlets each, every mention of every
//! concept (an actor, a country, an action, ...) with the words the outlet used. The articles are
//! rebuilt from `NewsWCL50.conll` (tokens joined by single spaces, one line per sentence) and the
//! coded mentions are read from its chain column, which carries the same annotation as
//! `Annotations.csv` as token positions inside the rebuilt text (a chain is a concept, e.g.
//! `0_USA_Trump_ACTOR`). Each article is analysed alone with [`triangulate_analyze::analyze`].
//!
//! Our framing table per outlet and concept: each label the analysis finds is mapped to a concept
//! by overlap with the gold mentions' token spans: first the label's own span, then (for labels
//! attached to an entity) the spans of that entity's mentions; the concept most often hit wins.
//! Labels that touch no coded mention stay unmapped and are counted apart (`labels_unmapped`).
//!
//! Words compared: lower-cased alphabetic tokens without function words; gold words also leave
//! out the words of the concept's own name (the parts of the chain id: "Trump", "USA"), since a
//! name is not a label. For each outlet and concept, recall is the share of the gold words that
//! our labels list, and precision the share of our label words that the gold mentions use.
//! Figures are means over (outlet, concept) cells: recall over cells with gold words, precision
//! over cells where we list labels; `label_f1` is their harmonic mean. Per-outlet and
//! per-concept-type means are printed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use triangulate_model::{Article, DocId, LabelTarget, Span};

use crate::{EvalError, Figures};

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "as",
    "s", "its", "his", "her", "their", "he", "she", "it", "they", "him", "them", "this", "that",
    "these", "those", "who", "which", "is", "was", "be", "has", "have", "had", "we", "our", "us",
    "i", "me", "my", "you", "your",
];

struct Doc {
    key: String,
    text: String,
    tokens: Vec<Vec<(usize, usize)>>,
    /// Coded mentions: byte span in `text` and concept (chain id).
    gold: Vec<(Span, String)>,
}

/// Runs the framing evaluation on the data at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let path = data.join("NewsWCL50.conll");
    let conll = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
    let docs = parse_conll(&conll);
    if docs.is_empty() {
        return Err(EvalError::parse(&path, "no documents"));
    }

    // (outlet, concept type) -> lists of per-cell precision and recall.
    let mut precision: Vec<(String, String, f64)> = Vec::new();
    let mut recall: Vec<(String, String, f64)> = Vec::new();
    let (mut mapped, mut unmapped) = (0usize, 0usize);
    for doc in &docs {
        let outlet = outlet_of(&doc.key);
        let article = article(doc);
        let analysis = triangulate_analyze::analyze(&article);

        let mut gold_words: HashMap<&str, HashSet<String>> = HashMap::new();
        for (span, concept) in &doc.gold {
            let name_parts: HashSet<String> =
                concept.split('_').map(|p| p.to_lowercase()).collect();
            let words = gold_words.entry(concept.as_str()).or_default();
            for w in content_words(span.slice(&doc.text).unwrap_or("")) {
                if !name_parts.contains(&w) {
                    words.insert(w);
                }
            }
        }

        let mut ours: HashMap<&str, HashSet<String>> = HashMap::new();
        for label in &analysis.labels {
            let mut spans = vec![label.span];
            if let LabelTarget::Entity(local) = label.target {
                if let Some(entity) = analysis.entities.get(local) {
                    spans.extend(
                        entity
                            .mentions
                            .iter()
                            .filter_map(|&m| analysis.mentions.get(m))
                            .map(|m| m.span),
                    );
                }
            }
            let concept = concept_hit(doc, &[label.span]).or_else(|| concept_hit(doc, &spans));
            match concept {
                Some(c) => {
                    mapped += 1;
                    ours.entry(c)
                        .or_default()
                        .extend(content_words(&label.text));
                }
                None => unmapped += 1,
            }
        }

        for (concept, gold) in &gold_words {
            let kind = concept_type(concept);
            let listed = ours.get(concept).cloned().unwrap_or_default();
            let hit = listed.intersection(gold).count() as f64;
            if !gold.is_empty() {
                recall.push((outlet.clone(), kind.clone(), hit / gold.len() as f64));
            }
            if !listed.is_empty() {
                precision.push((outlet.clone(), kind, hit / listed.len() as f64));
            }
        }
        for (concept, listed) in &ours {
            // Labels mapped onto a concept whose coded mentions are all names score zero.
            if gold_words.get(concept).is_none_or(|g| g.is_empty()) && !listed.is_empty() {
                precision.push((outlet.clone(), concept_type(concept), 0.0));
            }
        }
    }

    writeln!(
        out,
        "framing labels on NewsWCL50: {} articles, {mapped} labels mapped to concepts, \
         {unmapped} unmapped",
        docs.len()
    )?;
    writeln!(
        out,
        "{:<14} {:>9} {:>9} {:>7}",
        "group", "precision", "recall", "cells"
    )?;
    let outlets: BTreeMap<&str, ()> = recall.iter().map(|(o, _, _)| (o.as_str(), ())).collect();
    for outlet in outlets.keys() {
        let p = mean(precision.iter().filter(|c| c.0 == *outlet).map(|c| c.2));
        let r = mean(recall.iter().filter(|c| c.0 == *outlet).map(|c| c.2));
        let cells = recall.iter().filter(|c| c.0 == *outlet).count();
        writeln!(out, "outlet {outlet:<7} {p:>9.3} {r:>9.3} {cells:>7}")?;
    }
    let kinds: BTreeMap<&str, ()> = recall.iter().map(|(_, k, _)| (k.as_str(), ())).collect();
    for kind in kinds.keys() {
        let p = mean(precision.iter().filter(|c| c.1 == *kind).map(|c| c.2));
        let r = mean(recall.iter().filter(|c| c.1 == *kind).map(|c| c.2));
        let cells = recall.iter().filter(|c| c.1 == *kind).count();
        writeln!(out, "{kind:<14} {p:>9.3} {r:>9.3} {cells:>7}")?;
    }
    let p = mean(precision.iter().map(|c| c.2));
    let r = mean(recall.iter().map(|c| c.2));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    writeln!(
        out,
        "overall: label_precision {p:.3}  label_recall {r:.3}  label_f1 {f1:.3}"
    )?;
    let mut figures = Figures::default();
    figures.push("label_precision", p);
    figures.push("label_recall", r);
    figures.push("label_f1", f1);
    figures.push("labels_unmapped", unmapped as f64);
    Ok(figures)
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// The concept whose coded mentions the spans overlap most often.
fn concept_hit<'a>(doc: &'a Doc, spans: &[Span]) -> Option<&'a str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for span in spans {
        for (gold, concept) in &doc.gold {
            if gold.overlaps(*span) {
                *counts.entry(concept.as_str()).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c)
}

/// "ACTOR" of `0_USA_Trump_ACTOR`; variants such as `ACTOR-I` fold onto their type.
fn concept_type(concept: &str) -> String {
    let last = concept.rsplit('_').next().unwrap_or(concept);
    last.split('-').next().unwrap_or(last).to_string()
}

/// "L" of the document key `0/-/0_L`.
fn outlet_of(key: &str) -> String {
    key.rsplit('_').next().unwrap_or(key).to_string()
}

fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
        .collect()
}

fn article(doc: &Doc) -> Article {
    Article {
        id: DocId(doc.key.clone()),
        origin: doc.key.clone(),
        url: None,
        canonical_url: None,
        title: None,
        outlet: Some(outlet_of(&doc.key)),
        authors: vec![],
        published: None,
        modified: None,
        language: Some("en".into()),
        reprint: None,
        text: doc.text.clone(),
        blocks: vec![],
    }
}

/// Documents of the CoNLL file: text rebuilt from tokens, coded mentions from the chain column.
fn parse_conll(conll: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut open: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for line in conll.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 5 {
            continue;
        }
        let (Ok(sent), Ok(tok)) = (fields[1].parse::<usize>(), fields[2].parse::<usize>()) else {
            continue;
        };
        if docs.last().is_none_or(|d| d.key != fields[0]) {
            open.clear();
            docs.push(Doc {
                key: fields[0].to_string(),
                text: String::new(),
                tokens: Vec::new(),
                gold: Vec::new(),
            });
        }
        let Some(doc) = docs.last_mut() else { continue };
        while doc.tokens.len() <= sent {
            if !doc.text.is_empty() {
                doc.text.push('\n');
            }
            doc.tokens.push(Vec::new());
        }
        if !doc.tokens[sent].is_empty() {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(fields[3]);
        doc.tokens[sent].push((start, doc.text.len()));
        for part in fields[4].split('|').map(str::trim) {
            if part == "-" || part.is_empty() {
                continue;
            }
            let name = part.trim_start_matches('(').trim_end_matches(')');
            if part.starts_with('(') {
                open.entry(name.to_string()).or_default().push((sent, tok));
            }
            if part.ends_with(')') {
                let Some((s, first)) = open.get_mut(name).and_then(Vec::pop) else {
                    continue;
                };
                let from = doc.tokens.get(s).and_then(|t| t.get(first)).map(|t| t.0);
                if let (Some(from), Some(&(_, to))) = (from, doc.tokens[sent].last()) {
                    doc.gold.push((Span::new(from, to), name.to_string()));
                }
            }
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_chains_become_spans_of_the_rebuilt_text() {
        let conll = "#begin document 9/-/9_L; part 000\n\
                     9/-/9_L\t0\t0\tthe\t(9_Mayor_ACTOR\t\n\
                     9/-/9_L\t0\t1\tembattled\t-\t\n\
                     9/-/9_L\t0\t2\tmayor\t9_Mayor_ACTOR)\t\n\
                     9/-/9_L\t0\t3\tresigned\t(9_Quit_ACTION)\t\n";
        let docs = parse_conll(conll);
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        assert_eq!(doc.text, "the embattled mayor resigned");
        let spans: Vec<(&str, &str)> = doc
            .gold
            .iter()
            .map(|(s, c)| (s.slice(&doc.text).unwrap_or(""), c.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("the embattled mayor", "9_Mayor_ACTOR"),
                ("resigned", "9_Quit_ACTION")
            ]
        );
        assert_eq!(outlet_of(&doc.key), "L");
        assert_eq!(concept_type("0_USA_Trump_ACTOR-I"), "ACTOR");
    }

    #[test]
    fn gold_words_leave_out_function_words() {
        assert_eq!(
            content_words("the Trump administration's policy"),
            vec!["trump", "administration", "policy"]
        );
    }
}
