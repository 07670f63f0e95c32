//! Labels outlets attach to entities and events: evaluative and loaded modifiers ("illegitimate
//! President X", "illegal annexation", "unprovoked attack"), loaded nouns ("regime"), and the
//! roles and titles written before names ("Kazakh President").
//!
//! A loaded modifier directly before an entity mention (possibly through the mention's own title
//! words) labels that entity; before a common noun it labels the event with the phrase
//! "modifier noun".

use triangulate_model::{Label, LabelTarget, Mention, Span};

/// Modifiers that carry a judgement. Kept general: words whose choice differs between outlets
/// reporting the same thing.
const LOADED_MODIFIERS: &[&str] = &[
    "illegal",
    "illegitimate",
    "unprovoked",
    "brutal",
    "barbaric",
    "full-scale",
    "so-called",
    "self-proclaimed",
    "self-styled",
    "alleged",
    "unlawful",
    "lawful",
    "legitimate",
    "criminal",
    "terrorist",
    "authoritarian",
    "autocratic",
    "dictatorial",
    "repressive",
    "hardline",
    "far-right",
    "far-left",
    "radical",
    "extremist",
    "militant",
    "separatist",
    "rogue",
    "embattled",
    "beleaguered",
    "controversial",
    "disputed",
    "notorious",
    "disgraced",
    "corrupt",
    "heroic",
    "courageous",
    "historic",
    "landmark",
    "unjustified",
    "unjust",
    "genocidal",
    "murderous",
    "aggressive",
    "expansionist",
    "imperialist",
    "puppet",
    "pro-russian",
    "pro-western",
    "pro-kremlin",
    "kremlin-backed",
    "state-controlled",
    "state-run",
    "russia-backed",
    "iran-backed",
    "radicalized",
    "fascist",
    "nazi",
    "racist",
    "populist",
    "nationalist",
    "ultranationalist",
    "reckless",
    "devastating",
    "catastrophic",
    "bloody",
    "deadly",
    "savage",
    "cowardly",
    "ruthless",
    "violent",
    "peaceful",
    "democratic",
    "undemocratic",
    "sham",
    "rigged",
    "fraudulent",
    "bogus",
    "fake",
    "draconian",
];

/// Nouns that frame an event or an actor by themselves.
const LOADED_NOUNS: &[&str] = &[
    "regime",
    "junta",
    "aggression",
    "aggressor",
    "invasion",
    "occupation",
    "occupiers",
    "annexation",
    "terrorists",
    "terrorism",
    "massacre",
    "genocide",
    "atrocities",
    "propaganda",
    "crackdown",
    "insurgents",
    "rebels",
    "militants",
    "thugs",
    "dictator",
    "strongman",
    "war crimes",
    "special military operation",
    "conflict",
    "crisis",
];

/// Finds labels in `text` attached to `mentions` or to the event.
pub fn find(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Label> {
    let mut labels = Vec::new();
    for &sentence in sentences {
        let words = words_in(text, sentence);
        for (k, &(start, end)) in words.iter().enumerate() {
            let word = text[start..end].to_lowercase();
            if LOADED_MODIFIERS.contains(&word.as_str()) {
                labels.extend(modifier_label(text, &words, k, mentions));
            } else if LOADED_NOUNS.contains(&word.as_str()) {
                let modifier_before = k > 0
                    && LOADED_MODIFIERS
                        .contains(&text[words[k - 1].0..words[k - 1].1].to_lowercase().as_str());
                if !modifier_before {
                    labels.push(Label {
                        span: Span::new(start, end),
                        text: text[start..end].to_string(),
                        target: LabelTarget::Event,
                    });
                }
            }
        }
    }
    for mention in mentions {
        if let Some(role) = &mention.role {
            if let Some(span) = role_span(text, mention, role) {
                labels.push(Label {
                    span,
                    text: role.clone(),
                    target: LabelTarget::Entity(mention.entity),
                });
            }
        }
    }
    labels.sort_by_key(|l| l.span.start);
    labels
}

/// The label for the loaded modifier at word `k`: attached to the entity mention it precedes, or
/// to the event together with the noun it modifies.
fn modifier_label(
    text: &str,
    words: &[(usize, usize)],
    k: usize,
    mentions: &[Mention],
) -> Option<Label> {
    let (start, end) = words[k];
    // Title words between the modifier and a name ("illegitimate Russian President Vladimir
    // Putin") belong to the mention's role, so look a few capitalised words ahead for a mention.
    for &(next_start, _) in words.iter().skip(k + 1).take(4) {
        if let Some(m) = mentions.iter().find(|m| m.span.start == next_start) {
            return Some(Label {
                span: Span::new(start, end),
                text: text[start..end].to_string(),
                target: LabelTarget::Entity(m.entity),
            });
        }
        let capitalised = text[next_start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !capitalised {
            break;
        }
    }
    let &(noun_start, noun_end) = words.get(k + 1)?;
    let noun = &text[noun_start..noun_end];
    if !noun.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some(Label {
        span: Span::new(start, noun_end),
        text: text[start..noun_end].to_string(),
        target: LabelTarget::Event,
    })
}

/// Where the role words of a mention stand, just before it.
fn role_span(text: &str, mention: &Mention, role: &str) -> Option<Span> {
    let before = text.get(..mention.span.start)?;
    let trimmed = before.trim_end();
    if trimmed.len() >= role.len() {
        let start = trimmed.len() - role.len();
        if text.get(start..trimmed.len())?.eq_ignore_ascii_case(role) {
            return Some(Span::new(start, trimmed.len()));
        }
    }
    None
}

/// Word byte ranges inside a sentence; hyphenated words stay whole.
fn words_in(text: &str, sentence: Span) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text[sentence.start..sentence.end].char_indices() {
        let at = sentence.start + i;
        let inside = c.is_alphanumeric() || c == '-' || c == '\'';
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                words.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, sentence.end));
    }
    words
        .into_iter()
        .map(|(s, e)| {
            let trimmed = text[s..e].trim_end_matches(['-', '\'']);
            (s, s + trimmed.len())
        })
        .filter(|(s, e)| s < e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_model::{EntityKind, MentionForm};

    fn sentence(text: &str) -> Vec<Span> {
        vec![Span::new(0, text.len())]
    }

    #[test]
    fn modifier_before_a_noun_labels_the_event() {
        let text = "The council condemned the illegal strike at the docks.";
        let labels = find(text, &sentence(text), &[]);
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].text, "illegal strike");
        assert_eq!(labels[0].target, LabelTarget::Event);
        assert_eq!(labels[0].span.slice(text), Some("illegal strike"));
    }

    #[test]
    fn modifier_before_a_titled_name_labels_the_entity() {
        let text = "The talks with self-proclaimed Governor Ana Vell failed.";
        let start = text.find("Ana").unwrap();
        let mention = Mention {
            span: Span::new(start, start + "Ana Vell".len()),
            text: "Ana Vell".into(),
            kind: EntityKind::Person,
            form: MentionForm::Name,
            entity: 0,
            role: Some("Governor".into()),
        };
        let labels = find(text, &sentence(text), &[mention]);
        let texts: Vec<(&str, LabelTarget)> =
            labels.iter().map(|l| (l.text.as_str(), l.target)).collect();
        assert_eq!(
            texts,
            vec![
                ("self-proclaimed", LabelTarget::Entity(0)),
                ("Governor", LabelTarget::Entity(0))
            ]
        );
    }

    #[test]
    fn neutral_words_give_no_label() {
        let text = "The mayor opened the new bridge on Friday.";
        assert!(find(text, &sentence(text), &[]).is_empty());
    }
}
