//! Disagreements between the aligned statements of one fact: different counts, different
//! explicitly written dates, or the same utterance put in different mouths. (Different actors
//! for one event are left out: the first person named in two aligned clauses differs far more
//! often because the outlets word the event from different sides than because they disagree.)

use triangulate_model::DocId;

use super::Statement;
use crate::StoryContext;

pub(super) fn find(context: &StoryContext, chosen: &[&Statement], docs: &[DocId]) -> Vec<String> {
    let source = |k: usize| -> String {
        let article = context.docs[chosen[k].doc].0;
        article
            .outlet
            .clone()
            .or_else(|| {
                let file = article.origin.rsplit(['/', '\\']).next()?;
                (!file.is_empty()).then(|| file.to_string())
            })
            .unwrap_or_else(|| docs[k].to_string())
    };
    let mut out = Vec::new();
    out.extend(grouped(
        "numbers",
        chosen.iter().map(|s| &s.numbers).collect(),
        &source,
    ));
    out.extend(grouped(
        "dates",
        chosen.iter().map(|s| &s.explicit_days).collect(),
        &source,
    ));
    for i in 0..chosen.len() {
        for j in i + 1..chosen.len() {
            let (a, b) = (chosen[i], chosen[j]);
            for (utterance, speaker) in &a.speakers {
                let other = b.speakers.iter().find(|(u, s)| {
                    u == utterance && s.is_some() && speaker.is_some() && s != speaker
                });
                if let Some((_, Some(s))) = other {
                    out.push(format!(
                        "speaker: {} attributes it to {}, {} to {}",
                        source(i),
                        name_of(context, speaker.as_deref()),
                        source(j),
                        name_of(context, Some(s))
                    ));
                }
            }
        }
    }
    out.dedup();
    out
}

/// One line per kind when the statements disagree: each distinct set of values with the sources
/// giving it ("numbers: A, C give 120; B gives 150"). Statements without values stay out.
fn grouped(
    kind: &str,
    values: Vec<&Vec<String>>,
    source: &dyn Fn(usize) -> String,
) -> Option<String> {
    let mut disagree = false;
    for (i, a) in values.iter().enumerate() {
        for b in &values[i + 1..] {
            disagree |= differ(a, b).is_some();
        }
    }
    if !disagree {
        return None;
    }
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in values.iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        let key = v.join(", ");
        match groups.iter_mut().find(|(g, _)| *g == key) {
            Some((_, who)) => who.push(source(k)),
            None => groups.push((key, vec![source(k)])),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(value, who)| {
            let verb = if who.len() == 1 { "gives" } else { "give" };
            format!("{} {verb} {value}", who.join(", "))
        })
        .collect();
    Some(format!("{kind}: {}", parts.join("; ")))
}

fn name_of(context: &StoryContext, id: Option<&str>) -> String {
    let Some(id) = id else {
        return "nobody".into();
    };
    context
        .resolution
        .entities
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The values only each side gives, when both give some the other lacks.
fn differ(a: &[String], b: &[String]) -> Option<(String, String)> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let only_a: Vec<&str> = a
        .iter()
        .filter(|n| !b.contains(n))
        .map(String::as_str)
        .collect();
    let only_b: Vec<&str> = b
        .iter()
        .filter(|n| !a.contains(n))
        .map(String::as_str)
        .collect();
    (!only_a.is_empty() && !only_b.is_empty()).then(|| (only_a.join(", "), only_b.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn different_counts_differ() {
        assert_eq!(
            differ(&strings(&["120"]), &strings(&["150"])),
            Some(("120".into(), "150".into()))
        );
        assert_eq!(
            differ(&strings(&["120", "11"]), &strings(&["11", "120"])),
            None
        );
        assert_eq!(differ(&strings(&["120"]), &[]), None);
    }
}
