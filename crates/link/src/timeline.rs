//! The story timeline: every calendar-dated expression of every source, placed with the sentence
//! it belongs to and the entities acting in it, merged across sources when they report the same
//! dated event.
//!
//! Two dated sentences are the same event when they carry the same date and either name a
//! common actor or say enough of the same thing. "Enough" is weighed by how rare each shared
//! word is among the story's dated sentences (the strike's "workers" counts for less in a strike
//! story than "roster"), and measured against the shorter sentence, since one source's long
//! sentence often carries another's short one. Event words are first folded into a few
//! families, because sources name the same happening differently ("walked off the job",
//! "stopped work", "on strike"; "talks", "meeting").

use std::collections::{HashMap, HashSet};

use triangulate_model::{Evidence, Span, TimeExpr, TimeKind, TimelineEntry};

use crate::{similarity, StoryContext};

/// Rarity-weighted share of the shorter sentence's words found in the other, above which two
/// same-date sentences without shared actors report one event.
const SAME_EVENT_OVERLAP: f32 = 0.3;

/// One dated expression with what the merge needs to know about its sentence.
struct Item {
    doc: usize,
    sentence: Span,
    date: String,
    kind: TimeKind,
    evidence: Evidence,
    reasoning: String,
    actors: Vec<usize>,
    words: HashSet<String>,
}

pub fn build(context: &StoryContext) -> Vec<TimelineEntry> {
    let items = collect(context);
    let weights = rarity(&items);
    let mut parent: Vec<usize> = (0..items.len()).collect();
    for i in 0..items.len() {
        for j in 0..i {
            if items[i].date == items[j].date && same_event(&items[i], &items[j], &weights) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..items.len() {
        let root = find(&mut parent, i);
        let g = *group_of.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut timeline: Vec<TimelineEntry> = groups
        .iter()
        .filter_map(|members| entry(context, &items, members))
        .collect();
    timeline.sort_by(|a, b| a.date.cmp(&b.date));
    timeline
}

/// Every calendar-dated expression of the story, in document order.
fn collect(context: &StoryContext) -> Vec<Item> {
    let mut items = Vec::new();
    for (d, (article, analysis)) in context.docs.iter().enumerate() {
        for expr in &analysis.times {
            if !matches!(expr.kind, TimeKind::Date | TimeKind::Time) || !is_calendar(&expr.value) {
                continue;
            }
            let Some(sentence) = analysis.sentences.iter().find(|s| s.contains(expr.span)) else {
                continue;
            };
            let text = without_times(&article.text, *sentence, &analysis.times);
            items.push(Item {
                doc: d,
                sentence: *sentence,
                date: calendar_part(&expr.value).to_string(),
                kind: expr.kind,
                evidence: Evidence {
                    doc: article.id.clone(),
                    span: expr.span,
                },
                reasoning: expr.reasoning.clone(),
                actors: actors_in(context, d, *sentence),
                words: event_words(&similarity::stems(&text)),
            });
        }
    }
    items
}

/// The text of `sentence` with its time expressions blanked: the dates are compared already,
/// and their wording ("Oct. 3", "since October 3", "on Thursday") differs between sources.
fn without_times(text: &str, sentence: Span, times: &[TimeExpr]) -> String {
    let mut out = String::with_capacity(sentence.end.saturating_sub(sentence.start));
    let mut at = sentence.start;
    for t in times.iter().filter(|t| sentence.contains(t.span)) {
        if t.span.start >= at {
            out.push_str(text.get(at..t.span.start).unwrap_or(""));
            out.push(' ');
            at = t.span.end;
        }
    }
    out.push_str(text.get(at..sentence.end).unwrap_or(""));
    out
}

/// The weight of each word: how rare it is among the story's dated sentences.
fn rarity(items: &[Item]) -> HashMap<&str, f32> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    let mut seen: HashSet<(usize, Span)> = HashSet::new();
    for item in items {
        // A sentence with two dates counts once.
        if !seen.insert((item.doc, item.sentence)) {
            continue;
        }
        for w in &item.words {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let n = seen.len().max(1) as f32;
    df.into_iter()
        .map(|(w, f)| (w, (1.0 + n / f as f32).ln()))
        .collect()
}

fn same_event(a: &Item, b: &Item, weights: &HashMap<&str, f32>) -> bool {
    if a.doc == b.doc && a.sentence == b.sentence {
        return true;
    }
    if a.actors.iter().any(|x| b.actors.contains(x)) {
        return true;
    }
    // On one day, two reports of the same kind of happening (a strike, talks, a vote) in one
    // story are one happening; within a month or a year there is room for several.
    if is_day(&a.date)
        && a.words
            .iter()
            .any(|w| w.starts_with('~') && b.words.contains(w))
    {
        return true;
    }
    overlap(&a.words, &b.words, weights) >= SAME_EVENT_OVERLAP
}

/// Rarity-weighted share of the lighter word set found in the other.
fn overlap(a: &HashSet<String>, b: &HashSet<String>, weights: &HashMap<&str, f32>) -> f32 {
    let weight = |w: &String| weights.get(w.as_str()).copied().unwrap_or(1.0);
    let total_a: f32 = a.iter().map(weight).sum();
    let total_b: f32 = b.iter().map(weight).sum();
    let lighter = total_a.min(total_b);
    if lighter <= 0.0 {
        return 0.0;
    }
    let shared: f32 = a.intersection(b).map(weight).sum();
    shared / lighter
}

/// The distinct words of a sentence's stems, event words replaced by their family; two-word
/// phrases that name an event ("walked off", "stopped work") add their family too.
fn event_words(stems: &[String]) -> HashSet<String> {
    let mut words = HashSet::with_capacity(stems.len());
    for (i, w) in stems.iter().enumerate() {
        let next = stems.get(i + 1).map_or("", String::as_str);
        let phrase = match (w.as_str(), next) {
            ("walk" | "walked", "off" | "out") => Some("~strike"),
            ("stop" | "stopp" | "down" | "laid" | "lay", "work" | "tool") => Some("~strike"),
            ("refus" | "refused", "work") => Some("~strike"),
            _ => None,
        };
        if let Some(family) = phrase {
            words.insert(family.to_string());
        }
        words.insert(event_family(w).map_or_else(|| w.clone(), str::to_string));
    }
    words
}

/// The family of an event word (as [`similarity::stems`] leaves it): sources that report one
/// happening in different words ("walkout", "stopped work", "on strike") meet on it.
fn event_family(stem: &str) -> Option<&'static str> {
    let family = match stem {
        "strike" | "strik" | "striker" | "walkout" | "stoppage" | "picket" | "shutdown"
        | "standstill" => "~strike",
        "talk" | "meet" | "meeting" | "negotiation" | "summit" | "met" => "~talks",
        "vote" | "ballot" | "referendum" | "election" | "poll" => "~vote",
        "attack" | "bomb" | "shell" | "raid" | "assault" => "~attack",
        "arrest" | "detain" | "detention" | "custody" => "~arrest",
        "agreement" | "deal" | "accord" | "treaty" | "pact" => "~agreement",
        "visit" | "trip" | "tour" => "~visit",
        "resign" | "resignation" | "quit" => "~resign",
        "kill" | "dead" | "death" | "died" | "die" => "~death",
        _ => return None,
    };
    Some(family)
}

/// The timeline entry of one group of same-event items: the first source's sentence, every
/// source and piece of evidence, the union of the actors.
fn entry(context: &StoryContext, items: &[Item], members: &[usize]) -> Option<TimelineEntry> {
    let first = items.get(*members.first()?)?;
    let (article, _) = context.docs.get(first.doc)?;
    let mut out = TimelineEntry {
        date: first.date.clone(),
        kind: first.kind,
        text: article
            .text
            .get(first.sentence.start..first.sentence.end)
            .unwrap_or("")
            .to_string(),
        actors: Vec::new(),
        actor_names: Vec::new(),
        docs: Vec::new(),
        evidence: Vec::new(),
        reasoning: first.reasoning.clone(),
    };
    let mut actors: Vec<usize> = Vec::new();
    for item in members.iter().filter_map(|&m| items.get(m)) {
        let id = &item.evidence.doc;
        if !out.docs.contains(id) {
            out.docs.push(id.clone());
        }
        out.evidence.push(item.evidence.clone());
        for a in &item.actors {
            if !actors.contains(a) {
                actors.push(*a);
            }
        }
    }
    for a in actors {
        if let Some(entity) = context.resolution.entities.get(a) {
            out.actors.push(entity.id.clone());
            out.actor_names.push(entity.name.clone());
        }
    }
    Some(out)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The earlier item stays the root, so an entry keeps the first source's sentence.
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
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

/// A value that names one calendar day ("2024-09-16").
fn is_day(date: &str) -> bool {
    date.len() == 10 && date.as_bytes().get(4) == Some(&b'-') && !date.contains('W')
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

    #[test]
    fn only_full_dates_are_days() {
        assert!(is_day("2024-09-16"));
        assert!(!is_day("2024-09"));
        assert!(!is_day("2024-W38-WE"));
        assert!(!is_day("2024"));
    }

    #[test]
    fn different_wordings_of_a_walkout_meet_in_one_family() {
        let a = event_words(&similarity::stems(
            "Bakers at Dunmore Mills walked off the job",
        ));
        let b = event_words(&similarity::stems("Dunmore bakers have stopped work"));
        let c = event_words(&similarity::stems(
            "The bakery strike entered its third day",
        ));
        assert!(a.contains("~strike"));
        assert!(b.contains("~strike"));
        assert!(c.contains("~strike"));
        let d = event_words(&similarity::stems("Talks with the mill owners resumed"));
        assert!(!d.contains("~strike"));
        assert!(d.contains("~talks"));
    }

    #[test]
    fn rare_shared_words_weigh_more_than_common_ones() {
        let set = |t: &str| event_words(&similarity::stems(t));
        let a = set("bakers rejected the overtime roster");
        let b = set("the roster was rejected again by bakers");
        let c = set("bakers marched to the town hall");
        let weights: HashMap<&str, f32> = [("baker", 0.1_f32), ("roster", 2.0), ("reject", 2.0)]
            .into_iter()
            .collect();
        assert!(overlap(&a, &b, &weights) > SAME_EVENT_OVERLAP);
        assert!(overlap(&a, &c, &weights) < SAME_EVENT_OVERLAP);
    }

    #[test]
    fn time_expressions_are_blanked_from_the_sentence() {
        let text = "Mill talks resumed on Oct. 4 in Dunmore.";
        let times = vec![TimeExpr {
            span: Span::new(22, 28),
            text: "Oct. 4".into(),
            kind: TimeKind::Date,
            value: "2031-10-04".into(),
            reasoning: String::new(),
        }];
        let out = without_times(text, Span::new(0, text.len()), &times);
        assert!(!out.contains("Oct"));
        assert!(out.contains("resumed on") && out.ends_with("in Dunmore."));
    }
}
