//! The story timeline: every calendar-dated expression of every source, placed with the sentence
//! it belongs to and the entities acting in it, merged across sources when they report the same
//! dated event (same date, shared actors or similar wording).

use triangulate_model::{Evidence, Span, TimeKind, TimelineEntry};

use crate::{similarity, StoryContext};

/// Wording similarity above which two same-date sentences without shared actors still merge.
const SAME_EVENT_SIMILARITY: f32 = 0.3;

pub fn build(context: &StoryContext) -> Vec<TimelineEntry> {
    let mut entries: Vec<(TimelineEntry, Vec<usize>, Vec<String>)> = Vec::new();
    for (d, (article, analysis)) in context.docs.iter().enumerate() {
        for expr in &analysis.times {
            if !matches!(expr.kind, TimeKind::Date | TimeKind::Time) || !is_calendar(&expr.value) {
                continue;
            }
            let Some(sentence) = analysis.sentences.iter().find(|s| s.contains(expr.span)) else {
                continue;
            };
            let text = article.text[sentence.start..sentence.end].to_string();
            let actors = actors_in(context, d, *sentence);
            let stems = similarity::stems(&text);
            let evidence = Evidence {
                doc: article.id.clone(),
                span: expr.span,
            };
            let date = calendar_part(&expr.value).to_string();
            let same = entries
                .iter_mut()
                .find(|(entry, entry_actors, entry_stems)| {
                    entry.date == date
                        && (actors.iter().any(|a| entry_actors.contains(a))
                            || similarity::lexical_stems(&stems, entry_stems)
                                >= SAME_EVENT_SIMILARITY)
                });
            match same {
                Some((entry, entry_actors, _)) => {
                    if !entry.docs.contains(&article.id) {
                        entry.docs.push(article.id.clone());
                    }
                    entry.evidence.push(evidence);
                    for a in actors {
                        if !entry_actors.contains(&a) {
                            entry_actors.push(a);
                        }
                    }
                }
                None => entries.push((
                    TimelineEntry {
                        date,
                        kind: expr.kind,
                        text,
                        actors: Vec::new(),
                        actor_names: Vec::new(),
                        docs: vec![article.id.clone()],
                        evidence: vec![evidence],
                        reasoning: expr.reasoning.clone(),
                    },
                    actors,
                    stems,
                )),
            }
        }
    }
    let mut timeline: Vec<TimelineEntry> = entries
        .into_iter()
        .map(|(mut entry, actors, _)| {
            for a in actors {
                let entity = &context.resolution.entities[a];
                entry.actors.push(entity.id.clone());
                entry.actor_names.push(entity.name.clone());
            }
            entry
        })
        .collect();
    timeline.sort_by(|a, b| a.date.cmp(&b.date));
    timeline
}

/// Story entity indices of the entities mentioned inside `sentence` of document `doc`.
pub(crate) fn actors_in(context: &StoryContext, doc: usize, sentence: Span) -> Vec<usize> {
    let analysis = context.docs[doc].1;
    let mut actors = Vec::new();
    for mention in analysis
        .mentions
        .iter()
        .filter(|m| sentence.contains(m.span))
    {
        if let Some(e) = context.entity(doc, mention.entity) {
            if !actors.contains(&e) {
                actors.push(e);
            }
        }
    }
    actors
}

/// A value that names a calendar day, month, quarter or year ("2024-09-16", "2024-06", "2023").
fn is_calendar(value: &str) -> bool {
    let date = calendar_part(value);
    let bytes = date.as_bytes();
    bytes.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit)
}

/// The date part of a value, without a time of day.
fn calendar_part(value: &str) -> &str {
    value.split('T').next().unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_values_are_told_from_others() {
        assert!(is_calendar("2024-09-16"));
        assert!(is_calendar("2024-06"));
        assert!(is_calendar("2023"));
        assert!(is_calendar("2024-09-17T01:24"));
        assert!(!is_calendar("XXXX-06"));
        assert!(!is_calendar("PRESENT_REF"));
        assert!(!is_calendar("P1Y"));
        assert_eq!(calendar_part("2024-09-17T01:24"), "2024-09-17");
    }
}
