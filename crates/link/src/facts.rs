//! Fact alignment: each sentence of each source is a candidate statement; statements of different
//! sources are aligned when their wording is similar once entity names are replaced by story
//! entity ids (so "Tokaev" and "Toqaev" count as one word), or when they carry renderings of the
//! same utterance. A fact holds at most one statement per source; its coverage says whether all,
//! some or one of the sources report it. Aligned statements whose numbers differ are flagged.

use std::collections::{HashMap, HashSet};

use triangulate_model::{Coverage, DocId, Evidence, Fact, Span};

use crate::{similarity, StoryContext};

/// Similarity at or above which two statements of different sources are the same fact.
pub const ALIGN_THRESHOLD: f32 = 0.3;
/// Statements with fewer content words than this are headings or fragments, not facts.
const MIN_STEMS: usize = 4;

struct Statement {
    doc: usize,
    span: Span,
    stems: Vec<String>,
    utterances: HashSet<String>,
}

pub fn align(context: &StoryContext) -> Vec<Fact> {
    let statements = statements(context);
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, a) in statements.iter().enumerate() {
        for (j, b) in statements.iter().enumerate().skip(i + 1) {
            if a.doc == b.doc {
                continue;
            }
            let mut sim = similarity::lexical_stems(&a.stems, &b.stems);
            if !a.utterances.is_disjoint(&b.utterances) {
                sim = sim.max(0.9);
            }
            if sim >= ALIGN_THRESHOLD {
                pairs.push((sim, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    // Greedy agglomeration, best pairs first, never two statements of one source in a fact.
    let mut group: Vec<usize> = (0..statements.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..statements.len()).map(|i| vec![i]).collect();
    for (_, i, j) in pairs {
        let (gi, gj) = (group[i], group[j]);
        if gi == gj {
            continue;
        }
        let docs_i: HashSet<usize> = members[gi].iter().map(|&s| statements[s].doc).collect();
        if members[gj]
            .iter()
            .any(|&s| docs_i.contains(&statements[s].doc))
        {
            continue;
        }
        let moved = std::mem::take(&mut members[gj]);
        for &s in &moved {
            group[s] = gi;
        }
        members[gi].extend(moved);
    }

    let source_count = context.docs.len();
    let mut facts: Vec<Fact> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mut m| {
            m.sort_by_key(|&s| (statements[s].doc, statements[s].span.start));
            fact_of(context, &statements, &m, source_count)
        })
        .collect();
    facts.sort_by_key(|f| (coverage_rank(f.coverage), std::cmp::Reverse(f.docs.len())));
    for (n, fact) in facts.iter_mut().enumerate() {
        fact.id = format!("f{}", n + 1);
    }
    facts
}

fn coverage_rank(c: Coverage) -> u8 {
    match c {
        Coverage::All => 0,
        Coverage::Some => 1,
        Coverage::One => 2,
    }
}

fn fact_of(
    context: &StoryContext,
    statements: &[Statement],
    members: &[usize],
    source_count: usize,
) -> Fact {
    let texts: Vec<&str> = members
        .iter()
        .map(|&s| {
            let st = &statements[s];
            &context.docs[st.doc].0.text[st.span.start..st.span.end]
        })
        .collect();
    let docs: Vec<DocId> = members
        .iter()
        .map(|&s| context.docs[statements[s].doc].0.id.clone())
        .collect();
    let coverage = match docs.len() {
        1 if source_count > 1 => Coverage::One,
        n if n >= source_count => Coverage::All,
        _ => Coverage::Some,
    };
    Fact {
        id: String::new(),
        text: texts[0].to_string(),
        coverage,
        evidence: members
            .iter()
            .map(|&s| Evidence {
                doc: context.docs[statements[s].doc].0.id.clone(),
                span: statements[s].span,
            })
            .collect(),
        variants: texts[1..].iter().map(|t| t.to_string()).collect(),
        conflicts: number_conflicts(&texts, &docs),
        docs,
    }
}

fn statements(context: &StoryContext) -> Vec<Statement> {
    let mut utterance_at: HashMap<usize, Vec<(Span, String)>> = HashMap::new();
    let doc_index: HashMap<&DocId, usize> = context
        .docs
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (&a.id, i))
        .collect();
    for quote in context.quotes {
        if let (Some(u), Some(&d)) = (&quote.utterance, doc_index.get(&quote.doc)) {
            utterance_at
                .entry(d)
                .or_default()
                .push((quote.span, u.clone()));
        }
    }
    let mut out = Vec::new();
    for (d, (_, analysis)) in context.docs.iter().enumerate() {
        for &sentence in &analysis.sentences {
            let stems = entity_stems(context, d, sentence);
            if stems.len() < MIN_STEMS {
                continue;
            }
            let utterances = utterance_at
                .get(&d)
                .map(|qs| {
                    qs.iter()
                        .filter(|(span, _)| span.overlaps(sentence))
                        .map(|(_, u)| u.clone())
                        .collect()
                })
                .unwrap_or_default();
            out.push(Statement {
                doc: d,
                span: sentence,
                stems,
                utterances,
            });
        }
    }
    out
}

/// Content stems of a sentence with each entity mention replaced by its story entity id.
pub(crate) fn entity_stems(context: &StoryContext, doc: usize, sentence: Span) -> Vec<String> {
    let (article, analysis) = context.docs[doc];
    let text = &article.text;
    let mut mentions: Vec<_> = analysis
        .mentions
        .iter()
        .filter(|m| sentence.contains(m.span))
        .collect();
    mentions.sort_by_key(|m| m.span.start);
    let mut stems = Vec::new();
    let mut at = sentence.start;
    for m in mentions {
        if m.span.start < at {
            continue;
        }
        stems.extend(similarity::stems(&text[at..m.span.start]));
        match context.entity(doc, m.entity) {
            Some(e) => stems.push(format!("@{e}")),
            None => stems.extend(similarity::stems(&text[m.span.start..m.span.end])),
        }
        at = m.span.end;
    }
    stems.extend(similarity::stems(&text[at..sentence.end]));
    stems
}

/// Numbers each wording carries; aligned wordings with different numbers disagree.
fn number_conflicts(texts: &[&str], docs: &[DocId]) -> Vec<String> {
    let numbers: Vec<Vec<String>> = texts.iter().map(|t| numbers_in(t)).collect();
    let mut conflicts = Vec::new();
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            let (a, b) = (&numbers[i], &numbers[j]);
            if a.is_empty() || b.is_empty() || a == b {
                continue;
            }
            let only_a: Vec<&String> = a.iter().filter(|n| !b.contains(n)).collect();
            let only_b: Vec<&String> = b.iter().filter(|n| !a.contains(n)).collect();
            if !only_a.is_empty() && !only_b.is_empty() {
                conflicts.push(format!(
                    "{} gives {}, {} gives {}",
                    docs[i],
                    join(&only_a),
                    docs[j],
                    join(&only_b)
                ));
            }
        }
    }
    conflicts
}

fn join(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn numbers_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|w| w.trim_matches(|c| c == ',' || c == '.').replace(',', ""))
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        // Years and days are dates, handled by the timeline, not counts.
        .filter(|w| !(w.len() == 4 && w.starts_with(['1', '2'])) && w.len() > 2)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_counts_conflict() {
        let texts = [
            "Some 120 dockers joined the strike.",
            "About 150 dockers joined the strike.",
        ];
        let docs = [DocId("a".into()), DocId("b".into())];
        let conflicts = number_conflicts(&texts, &docs);
        assert_eq!(conflicts, vec!["a gives 120, b gives 150".to_string()]);
    }

    #[test]
    fn years_and_equal_counts_do_not_conflict() {
        let texts = [
            "In 2023, 120 dockers struck.",
            "120 dockers struck in 2024.",
        ];
        let docs = [DocId("a".into()), DocId("b".into())];
        assert!(number_conflicts(&texts, &docs).is_empty());
    }
}
