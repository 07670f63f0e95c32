//! Cross-outlet quote alignment: which quotes of a story render the same utterance, and how
//! faithfully each rendering carries it.
//!
//! Quotes are cut into sentences (a block quote often carries several utterances), and two
//! sentences align when their speakers agree and they share enough content words. Word overlap is
//! measured twice: on the stems of [`crate::similarity`] and on six-letter stem prefixes, which
//! let derived forms meet ("militarily" / "military", "invincible" / "invincibility"); a short
//! sentence whose words all occur, in pairs, inside a longer one aligns by containment (a headline
//! fragment inside the full quote). Groups merge when every rendering of each finds a close
//! partner in the other on average (best-match linkage), so that a chain of loose matches cannot
//! glue two utterances together through a third. Each rendering is then
//! compared with the fullest one: verbatim, shortened (with the dropped words), reworded, or
//! translated (a different language).

use triangulate_model::{DocId, Fidelity, Rendering, Utterance};

use crate::similarity::{stems, Bag, Vocabulary};

/// One quote of a story, as the aligner needs it.
pub struct AlignQuote<'a> {
    pub id: &'a str,
    pub doc: &'a DocId,
    pub text: &'a str,
    /// Story entity id of the speaker.
    pub speaker: Option<&'a str>,
}

/// Affinity two sentences of the same speaker need to align.
const SAME_SPEAKER: f32 = 0.42;
/// Affinity needed when a speaker is unknown on either side: nearly the same words.
const UNKNOWN_SPEAKER: f32 = 0.7;
/// Two groups merge only when their renderings are this close on average.
const LINKAGE_FLOOR: f32 = 0.3;

/// One sentence of one quote.
struct Segment<'a> {
    quote: usize,
    text: &'a str,
    /// Number of words, which tells the shorter of two renderings.
    words: usize,
    stems: Bag,
    /// The stems cut to six letters, which lets inflections and spelling variants meet.
    prefixes: Bag,
}

/// Turns sentences into unit vectors whose dot product says how alike they mean (a sentence
/// embedding model); used beside the word overlap when the engine has one.
pub type Embedder<'a> = &'a (dyn Fn(&[&str]) -> Vec<Vec<f32>> + Sync);

/// Cosine of embeddings below which two sentences count as unrelated; the affinity rises
/// linearly from there to 1. Sentences of one speaker on one story score about 0.4–0.6 with
/// small sentence models, translations of one sentence about 0.8.
const EMBEDDING_FLOOR: f32 = 0.5;

/// Aligns the quotes of one story into utterances carried by at least two renderings, on word
/// overlap alone.
pub fn align(quotes: &[AlignQuote]) -> Vec<Utterance> {
    align_with(quotes, None)
}

/// [`align`], with the affinity of two sentences raised to what `embed` says of them when it
/// says more than their words do (a translation shares meaning, not words).
pub fn align_with(quotes: &[AlignQuote], embed: Option<Embedder>) -> Vec<Utterance> {
    let mut vocabulary = Vocabulary::default();
    let mut segments: Vec<Segment> = Vec::new();
    for (q, quote) in quotes.iter().enumerate() {
        for text in sentences(quote.text) {
            let stems = stems(text);
            if stems.is_empty() {
                continue;
            }
            let prefixes: Vec<String> = stems.iter().map(|s| s.chars().take(6).collect()).collect();
            segments.push(Segment {
                quote: q,
                text,
                words: prefixes.len(),
                stems: vocabulary.bag(&stems),
                prefixes: vocabulary.bag(&prefixes),
            });
        }
    }
    let n = segments.len();
    let vectors: Vec<Vec<f32>> = match embed {
        Some(embed) if n > 1 => {
            let texts: Vec<&str> = segments.iter().map(|s| s.text).collect();
            let v = embed(&texts);
            // A model that returns the wrong count is ignored rather than misaligned.
            if v.len() == n {
                v
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    };
    let meaning = |i: usize, j: usize| -> f32 {
        match (vectors.get(i), vectors.get(j)) {
            (Some(a), Some(b)) => {
                let cos: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                ((cos - EMBEDDING_FLOOR) / (1.0 - EMBEDDING_FLOOR)).clamp(0.0, 1.0)
            }
            _ => 0.0,
        }
    };
    let mut affinity = vec![0.0f32; n * n];
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&segments[i], &segments[j]);
            if a.quote == b.quote {
                continue;
            }
            let score = pair_affinity(a, b).max(meaning(i, j));
            affinity[i * n + j] = score;
            affinity[j * n + i] = score;
            let threshold = match (quotes[a.quote].speaker, quotes[b.quote].speaker) {
                (Some(x), Some(y)) if x != y => continue,
                (Some(_), Some(_)) => SAME_SPEAKER,
                _ => UNKNOWN_SPEAKER,
            };
            if score >= threshold {
                pairs.push((score, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));

    // Best-match linkage over the accepted pairs, strongest first.
    let mut cluster: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for &(_, i, j) in &pairs {
        let (ci, cj) = (cluster[i], cluster[j]);
        if ci == cj {
            continue;
        }
        let compatible = members[ci].iter().all(|&a| {
            members[cj].iter().all(|&b| {
                let (qa, qb) = (segments[a].quote, segments[b].quote);
                let speakers_agree = match (quotes[qa].speaker, quotes[qb].speaker) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                };
                qa != qb && speakers_agree
            })
        });
        let fits = compatible
            && best_match_mean(&members[ci], &members[cj], &affinity, n) >= LINKAGE_FLOOR
            && best_match_mean(&members[cj], &members[ci], &affinity, n) >= LINKAGE_FLOOR;
        if !fits {
            continue;
        }
        let moved = std::mem::take(&mut members[cj]);
        for &m in &moved {
            cluster[m] = ci;
        }
        members[ci].extend(moved);
    }

    let mut groups: Vec<Vec<usize>> = members.into_iter().filter(|m| m.len() >= 2).collect();
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.sort_by_key(|g| g[0]);
    groups
        .iter()
        .enumerate()
        .map(|(k, group)| utterance(k, group, &segments, quotes, &affinity))
        .collect()
}

/// How well the renderings of `from` are matched in `to`: the mean over `from` of each one's
/// best affinity with a member of `to`. Every rendering must find a partner, so one loose pair
/// cannot glue two utterances together, while a group that holds a headline fragment beside
/// the full sentence still meets a rewording of that sentence.
fn best_match_mean(from: &[usize], to: &[usize], affinity: &[f32], n: usize) -> f32 {
    let total: f32 = from
        .iter()
        .map(|&a| {
            to.iter()
                .map(|&b| affinity[a * n + b])
                .fold(0.0f32, f32::max)
        })
        .sum();
    total / from.len().max(1) as f32
}

fn utterance(
    k: usize,
    group: &[usize],
    segments: &[Segment],
    quotes: &[AlignQuote],
    affinity: &[f32],
) -> Utterance {
    let n = segments.len();
    // The fullest rendering is the reference: most words, then first in order.
    let reference = group
        .iter()
        .copied()
        .max_by_key(|&s| (words(segments[s].text).len(), std::cmp::Reverse(s)))
        .unwrap_or(group[0]);
    let ref_seg = &segments[reference];
    let renderings = group
        .iter()
        .map(|&s| {
            let seg = &segments[s];
            let quote = &quotes[seg.quote];
            let (mut fidelity, mut dropped) = if s == reference {
                (Fidelity::Verbatim, Vec::new())
            } else {
                fidelity(seg.text, ref_seg.text)
            };
            // A fragment cut from another outlet's rewording is still a shortening.
            if fidelity == Fidelity::Reworded {
                if let Some(cut) = group
                    .iter()
                    .filter(|&&o| o != s && o != reference)
                    .map(|&o| self::fidelity(seg.text, segments[o].text))
                    .find(|(f, _)| *f == Fidelity::Shortened)
                {
                    (fidelity, dropped) = cut;
                }
            }
            Rendering {
                quote: quote.id.to_string(),
                doc: quote.doc.clone(),
                text: seg.text.to_string(),
                fidelity,
                similarity: if s == reference {
                    1.0
                } else {
                    affinity[s * n + reference]
                },
                dropped,
            }
        })
        .collect();
    let speaker = group
        .iter()
        .find_map(|&s| quotes[segments[s].quote].speaker)
        .map(str::to_string);
    Utterance {
        id: format!("u{}", k + 1),
        speaker,
        speaker_name: None,
        reference: quotes[ref_seg.quote].id.to_string(),
        renderings,
    }
}

/// How close two sentences are, in [0, 1]: the better of stem similarity, prefix similarity and
/// containment of the shorter in the longer.
fn pair_affinity(a: &Segment, b: &Segment) -> f32 {
    let lexical = a
        .stems
        .similarity(&b.stems)
        .max(a.prefixes.similarity(&b.prefixes));
    let (short, long) = if a.words <= b.words { (a, b) } else { (b, a) };
    // One or two words prove little alone: they must also stand together in the longer one.
    let contained = match short.prefixes.distinct_words() {
        0 | 1 => 0.0,
        2 if !short.prefixes.bigrams_within(&long.prefixes) => 0.0,
        _ => short.prefixes.contained_in(&long.prefixes),
    };
    // Containment speaks for a rendering cut from a longer one, so it must be near complete.
    let contained = if contained >= 0.75 { contained } else { 0.0 };
    lexical.max(contained)
}

/// Sentences of a quote: split after `.`, `!` or `?` followed by a space and a capital.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let space = chars.get(k + 1).is_some_and(|(_, n)| n.is_whitespace());
        let capital = chars.get(k + 2).is_some_and(|(_, n)| n.is_uppercase());
        if space && capital {
            let piece = text[start..at + 1].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = at + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Lower-case words, with quotation marks and punctuation dropped.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "of", "to", "in", "is", "are", "was", "that", "it", "for", "on",
    "with", "be", "will", "not", "this", "we", "our", "by", "as", "at", "have", "has",
];

/// Share of English function words: near zero for a rendering in another language.
fn english_share(words: &[String]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    let hits = words
        .iter()
        .filter(|w| ENGLISH_FUNCTION_WORDS.contains(&w.as_str()))
        .count();
    hits as f32 / words.len() as f32
}

/// How `rendering` carries `reference`, and the reference words it leaves out.
fn fidelity(rendering: &str, reference: &str) -> (Fidelity, Vec<String>) {
    let mine = words(rendering);
    let theirs = words(reference);
    if mine == theirs {
        return (Fidelity::Verbatim, Vec::new());
    }
    let (a, b) = (english_share(&mine), english_share(&theirs));
    if mine.len() >= 5 && theirs.len() >= 5 && (a < 0.05) != (b < 0.05) {
        return (Fidelity::Translated, Vec::new());
    }
    // Shortened: the rendering's words appear in the reference in the same order.
    let mut dropped = Vec::new();
    let mut k = 0;
    for w in &theirs {
        if k < mine.len() && mine[k] == *w {
            k += 1;
        } else {
            dropped.push(w.clone());
        }
    }
    if k == mine.len() {
        return (Fidelity::Shortened, dropped);
    }
    (Fidelity::Reworded, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote<'a>(id: &'a str, doc: &'a DocId, text: &'a str, who: &'a str) -> AlignQuote<'a> {
        AlignQuote {
            id,
            doc,
            text,
            speaker: Some(who),
        }
    }

    #[test]
    fn rewordings_and_headline_fragments_align_but_other_topics_do_not() {
        let (d1, d2, d3) = (DocId("a".into()), DocId("b".into()), DocId("c".into()));
        let quotes = [
            quote(
                "q1",
                &d1,
                "It is a fact that the dam cannot be breached by any flood.",
                "e1",
            ),
            quote(
                "q2",
                &d2,
                "The fact is that the dam is unbreachable by floods.",
                "e1",
            ),
            quote("q3", &d3, "the dam is unbreachable", "e1"),
            quote(
                "q4",
                &d1,
                "We will open a new school in the valley next spring.",
                "e1",
            ),
        ];
        let utterances = align(&quotes);
        assert_eq!(utterances.len(), 1, "{utterances:#?}");
        let u = &utterances[0];
        let ids: Vec<&str> = u.renderings.iter().map(|r| r.quote.as_str()).collect();
        assert_eq!(ids, ["q1", "q2", "q3"]);
        assert_eq!(u.reference, "q1");
        let of = |id: &str| {
            u.renderings
                .iter()
                .find(|r| r.quote == id)
                .map(|r| r.fidelity)
        };
        assert_eq!(of("q2"), Some(Fidelity::Reworded));
        // The headline is cut from q2's wording.
        assert_eq!(of("q3"), Some(Fidelity::Shortened));
    }

    #[test]
    fn shortened_renderings_list_dropped_words() {
        let (fid, dropped) = fidelity(
            "the harbour will reopen",
            "“The old harbour will reopen in May,” she said",
        );
        assert_eq!(fid, Fidelity::Shortened);
        assert_eq!(dropped, ["old", "in", "may", "she", "said"]);
        assert_eq!(
            fidelity("The Harbour will reopen!", "the harbour will reopen").0,
            Fidelity::Verbatim
        );
    }

    #[test]
    fn different_speakers_never_align() {
        let (d1, d2) = (DocId("a".into()), DocId("b".into()));
        let quotes = [
            quote(
                "q1",
                &d1,
                "The bridge will be closed for repairs in June.",
                "e1",
            ),
            quote(
                "q2",
                &d2,
                "The bridge will be closed for repairs in June.",
                "e2",
            ),
        ];
        assert!(align(&quotes).is_empty());
    }

    #[test]
    fn block_quotes_align_sentence_by_sentence() {
        let (d1, d2, d3) = (DocId("a".into()), DocId("b".into()), DocId("c".into()));
        let quotes = [
            quote(
                "q1",
                &d1,
                "The harbour will reopen in May. Fishing quotas stay as they are.",
                "e1",
            ),
            quote("q2", &d2, "The harbour will reopen in May,", "e1"),
            quote("q3", &d3, "Fishing quotas will stay as they are", "e1"),
        ];
        let utterances = align(&quotes);
        assert_eq!(utterances.len(), 2, "{utterances:#?}");
        assert!(utterances.iter().all(|u| u.renderings.len() == 2));
    }
}
