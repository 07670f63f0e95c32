//! Fact alignment: each clause of each source is a candidate statement (long sentences are split
//! at clause boundaries such as "; ", ", and ", ", but "). Statements of different sources are
//! aligned when their wording is similar once entity names are replaced by story entity ids (so
//! "Tokaev" and "Toqaev" count as one word), time expressions by their normalised value (so
//! "Oct. 3" and "October 3" match, a strong cue) and numbers by a placeholder (so "120 workers"
//! and "150 workers" can align and then be flagged), or when they carry renderings of the same
//! utterance.
//!
//! Precision first: a pair of statements is a candidate only when each is the other's best match
//! in the other source, and a fact only grows when the new statement is close, on average, to
//! every statement already in it. A fact holds at most one statement per source; its coverage
//! says whether all, some or one of the sources report it. Conflicts between aligned statements
//! (numbers, explicit dates, speakers) come from [`conflicts`].
//!
//! The wording similarity is pluggable: [`align_with`] blends a second similarity (a sentence
//! embedding, say) into the lexical one.

mod conflicts;
mod statements;

use std::collections::HashSet;

use triangulate_model::{Coverage, DocId, Evidence, Fact};

use crate::{similarity, StoryContext};

pub use statements::Statement;

/// Similarity at or above which two statements of different sources are the same fact.
pub const ALIGN_THRESHOLD: f32 = 0.3;
/// Mean similarity a statement needs with the members of a fact to join it.
const JOIN_THRESHOLD: f32 = 0.25;
/// Bonus for sharing an explicit calendar date: the same dated event is a strong cue.
const SHARED_DATE_BONUS: f32 = 0.2;
/// Bonus for sharing a count of ten or more: "39 survivors" in two sources is rarely chance.
const SHARED_NUMBER_BONUS: f32 = 0.1;
/// Bonus for counting the same thing: "120 workers" and "150 workers" report one fact, or a
/// conflict.
const COUNTED_NOUN_BONUS: f32 = 0.1;

/// A second similarity over two statement texts, in [0, 1], and its weight in the blend.
pub struct Blend<'a> {
    pub similarity: &'a dyn Fn(&str, &str) -> f32,
    pub weight: f32,
}

/// Aligns the statements of a story's sources into facts with the lexical similarity alone.
pub fn align(context: &StoryContext) -> Vec<Fact> {
    align_with(context, None)
}

/// Aligns the statements of a story's sources into facts, blending `extra` into the lexical
/// similarity when given.
pub fn align_with(context: &StoryContext, extra: Option<&Blend>) -> Vec<Fact> {
    let statements = statements::collect(context);
    let n = statements.len();
    let mut vocabulary = similarity::Vocabulary::default();
    let features: Vec<Features> = statements
        .iter()
        .map(|s| Features::new(s, &mut vocabulary))
        .collect();
    let mut sim = vec![0f32; n * n];
    for i in 0..n {
        for j in i + 1..n {
            if statements[i].doc == statements[j].doc {
                continue;
            }
            let lexical = features[i].bag.similarity(&features[j].bag);
            let s = adjusted_similarity(
                context,
                (&statements[i], &features[i]),
                (&statements[j], &features[j]),
                lexical,
                extra,
            );
            sim[i * n + j] = s;
            sim[j * n + i] = s;
        }
    }

    // Mutual best matches between each pair of sources: the best statement of each source for
    // each statement, ties going to the earlier statement.
    let source_count = context.docs.len();
    let mut best = vec![None::<usize>; n * source_count];
    for i in 0..n {
        for j in 0..n {
            let slot = &mut best[i * source_count + statements[j].doc];
            if slot.is_none_or(|b| sim[i * n + j] > sim[i * n + b]) {
                *slot = Some(j);
            }
        }
    }
    let best_in = |i: usize, doc: usize| best[i * source_count + doc];
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let s = sim[i * n + j];
            if s < ALIGN_THRESHOLD || statements[i].doc == statements[j].doc {
                continue;
            }
            if best_in(i, statements[j].doc) == Some(j) && best_in(j, statements[i].doc) == Some(i)
            {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    // Greedy agglomeration, best pairs first, never two statements of one source in a fact, and
    // only between groups that are close on average (no chains of loosely related sentences).
    let mut group: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
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
        let mut total = 0.0;
        for &a in &members[gi] {
            for &b in &members[gj] {
                total += sim[a * n + b];
            }
        }
        let mean = total / (members[gi].len() * members[gj].len()) as f32;
        if mean < JOIN_THRESHOLD {
            continue;
        }
        let moved = std::mem::take(&mut members[gj]);
        for &s in &moved {
            group[s] = gi;
        }
        members[gi].extend(moved);
    }

    let mut facts: Vec<(Fact, (usize, usize))> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mut m| {
            m.sort_by_key(|&s| (statements[s].doc, statements[s].span.start));
            let first = &statements[m[0]];
            let key = (first.doc, first.span.start);
            (fact_of(context, &statements, &m, source_count), key)
        })
        .collect();
    facts.sort_by_key(|(f, key)| {
        (
            coverage_rank(f.coverage),
            std::cmp::Reverse(f.docs.len()),
            *key,
        )
    });
    facts
        .into_iter()
        .enumerate()
        .map(|(k, (mut fact, _))| {
            fact.id = format!("f{}", k + 1);
            fact
        })
        .collect()
}

/// What the pairwise comparison of one statement needs, computed once per statement.
struct Features {
    bag: similarity::Bag,
    /// Nouns that follow a count ("120 workers" gives "worker"), as sorted vocabulary ids.
    counted: Vec<u32>,
}

impl Features {
    fn new(statement: &Statement, vocabulary: &mut similarity::Vocabulary) -> Features {
        let mut counted: Vec<u32> = statement
            .stems
            .windows(2)
            .filter(|w| w[0] == "#n" && !w[1].starts_with('@'))
            .map(|w| vocabulary.id(&w[1]))
            .collect();
        counted.sort_unstable();
        counted.dedup();
        Features {
            bag: vocabulary.bag(&statement.stems),
            counted,
        }
    }
}

/// The lexical similarity of two statements blended with `extra` and raised by the cues they
/// share: an explicit date, a telling number, a counted noun, an utterance.
fn adjusted_similarity(
    context: &StoryContext,
    (a, fa): (&Statement, &Features),
    (b, fb): (&Statement, &Features),
    lexical: f32,
    extra: Option<&Blend>,
) -> f32 {
    let mut sim = lexical;
    if let Some(blend) = extra {
        let w = blend.weight.clamp(0.0, 1.0);
        let other = (blend.similarity)(a.text(context), b.text(context));
        sim = (1.0 - w) * sim + w * other.clamp(0.0, 1.0);
    }
    if a.dates.iter().any(|d| b.dates.contains(d)) {
        sim += SHARED_DATE_BONUS;
    }
    let telling = |n: &&String| n.parse::<f64>().is_ok_and(|v| v >= 10.0);
    if a.numbers
        .iter()
        .filter(telling)
        .any(|n| b.numbers.contains(n))
    {
        sim += SHARED_NUMBER_BONUS;
    }
    // The same thing counted ("120 workers", "150 workers"), whatever the count.
    if fa
        .counted
        .iter()
        .any(|c| fb.counted.binary_search(c).is_ok())
    {
        sim += COUNTED_NOUN_BONUS;
    }
    if !a.utterances.is_disjoint(&b.utterances) {
        sim = sim.max(0.9);
    }
    sim.min(1.0)
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
    let chosen: Vec<&Statement> = members.iter().map(|&s| &statements[s]).collect();
    let texts: Vec<&str> = chosen.iter().map(|st| st.text(context)).collect();
    let docs: Vec<DocId> = chosen
        .iter()
        .map(|st| context.docs[st.doc].0.id.clone())
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
        evidence: chosen
            .iter()
            .map(|st| Evidence {
                doc: context.docs[st.doc].0.id.clone(),
                span: st.span,
            })
            .collect(),
        variants: texts[1..].iter().map(|t| t.to_string()).collect(),
        conflicts: conflicts::find(context, &chosen, &docs),
        docs,
    }
}
