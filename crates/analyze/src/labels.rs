//! Labels outlets attach to entities and events: evaluative and loaded modifiers ("illegitimate
//! President X", "illegal annexation", "unprovoked attack"), loaded nouns ("regime"), and the
//! roles and titles written before names ("Kazakh President").
//!
//! A loaded modifier directly before an entity mention (possibly through the mention's own title
//! words) labels that entity; before a common noun it labels the event with the phrase
//! "modifier noun".

mod lists;

use triangulate_model::{
    EntityKind, Label, LabelTarget, Mention, MentionForm, Quote, QuoteKind, Span,
};

use lists::*;

/// Finds labels in `text` attached to `mentions` or to the event.
pub fn find(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Label> {
    find_with_quotes(text, sentences, mentions, &[])
}

/// [`find`], with the quotations the article holds: the short ones inside the outlet's own
/// sentences (scare quotes and fragments) are labels too.
pub fn find_with_quotes(
    text: &str,
    sentences: &[Span],
    mentions: &[Mention],
    quotes: &[Quote],
) -> Vec<Label> {
    let mut labels = Vec::new();
    let sentence_words: Vec<Vec<(usize, usize)>> =
        sentences.iter().map(|&s| words_in(text, s)).collect();
    for words in &sentence_words {
        for (k, &(start, end)) in words.iter().enumerate() {
            let word = text[start..end].to_lowercase();
            let covered = labels.last().is_some_and(|l: &Label| l.span.end >= end);
            if lists().group_actors.contains(word.as_str()) {
                if !covered {
                    labels.extend(unnamed_group(text, words, k, mentions));
                }
            } else if lists().loaded_modifiers.contains(word.as_str()) {
                // Capitalised inside the sentence and followed by another capitalised word, a
                // loaded word is part of a name ("Democratic National Committee"), not the
                // outlet's judgement; before a common noun it still labels ("Democratic
                // leaders").
                let capital = |i: usize| {
                    words
                        .get(i)
                        .is_some_and(|&(a, _)| text[a..].starts_with(char::is_uppercase))
                };
                if !(k > 0 && capital(k) && capital(k + 1)) {
                    labels.extend(modifier_label(text, words, k, mentions));
                }
            } else if let Some(found) = group_reference(text, words, k, mentions) {
                labels.extend(found);
            } else if let Some(label) = event_name(text, words, k) {
                labels.push(label);
            } else if let Some(label) = event_verb(text, words, k) {
                labels.push(label);
            } else if lists().loaded_nouns.contains(word.as_str()) {
                let modifier_before = k > 0
                    && lists()
                        .loaded_modifiers
                        .contains(text[words[k - 1].0..words[k - 1].1].to_lowercase().as_str());
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
    labels.extend(key_things(text, &sentence_words, &labels, mentions));
    for words in &sentence_words {
        for k in 0..words.len() {
            labels.extend(nation_reference(text, words, k, mentions));
        }
    }
    labels.extend(quotes.iter().filter_map(|q| quoted(text, q)));
    for mention in mentions {
        // The sentence that holds the mention, found by halving: sentences are in text order.
        let at = sentences.partition_point(|s| s.end <= mention.span.start);
        let sentence = sentences
            .get(at)
            .copied()
            .filter(|s| s.contains(mention.span));
        if let Some(sentence) = sentence {
            labels.extend(apposition(text, sentence, mention));
            labels.extend(preposed_apposition(
                text,
                sentence,
                &sentence_words[at],
                mention,
            ));
            labels.extend(predicate(text, sentence, mention));
            labels.extend(relative_description(text, sentence, mention));
        }
        labels.extend(acting_for(text, mention, mentions));
        if sentence.is_some() {
            labels.extend(described_name(text, &sentence_words[at], mention));
        }
        // A description in place of a name ("the embattled port chief") is itself the outlet's
        // word choice for that actor.
        // "The union" or "the local union" names an organisation without judging it; "the
        // hard-line union" does both.
        let plain_organisation = mention.kind == EntityKind::Organization
            && !mention
                .text
                .split_whitespace()
                .any(|w| lists().loaded_modifiers.contains(w.to_lowercase().as_str()));
        if mention.form == MentionForm::Description && !plain_organisation {
            let span = Span::new(
                mention.span.start,
                sentence
                    .and_then(|_| of_complement_end(text, &sentence_words[at], mention.span))
                    .unwrap_or(mention.span.end),
            );
            labels.push(Label {
                span,
                text: span.slice(text).unwrap_or(&mention.text).to_string(),
                target: LabelTarget::Entity(mention.entity),
            });
        }
        if let Some(role) = &mention.role {
            if let Some(mut span) = role_span(text, mention, role) {
                // "North Korea leader Kim", "Ostria's President Vell": the place or body named
                // right before the title is part of it.
                let owner = mentions.iter().find(|m| {
                    matches!(
                        m.kind,
                        EntityKind::Location | EntityKind::Organization | EntityKind::Group
                    ) && m.span.end <= span.start
                        && matches!(
                            &text[m.span.end..span.start],
                            " " | "'s " | "\u{2019}s " | "\u{2019} s "
                        )
                });
                if let Some(owner) = owner {
                    span = Span::new(owner.span.start, span.end);
                }
                labels.push(Label {
                    span,
                    text: span.slice(text).unwrap_or(role).to_string(),
                    target: LabelTarget::Entity(mention.entity),
                });
            }
        }
    }
    // "Ostria's regime" frames the country; the loaded noun inside it is not a second label,
    // nor is "caravan" inside "supporters of the caravan", nor "withdrawal of the troops" inside
    // "protests against the withdrawal of the troops". "Vell supporters", which labels Vell, is
    // not also a group of its own.
    let keep: Vec<bool> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut others = labels.iter().enumerate().filter(|&(j, _)| j != i);
            match l.target {
                LabelTarget::Entity(_) => true,
                // Inside an entity's or a group's label, or strictly inside another event label.
                LabelTarget::Event => !others.any(|(_, o)| {
                    o.span.contains(l.span) && (o.target != LabelTarget::Event || o.span != l.span)
                }),
                // A group that overlaps an entity's label is that entity's ("Vell supporters"),
                // unless the entity's label lies inside the group's complement ("spokesman for
                // Mr. Moon").
                LabelTarget::Group => !others.any(|(_, o)| {
                    matches!(o.target, LabelTarget::Entity(_))
                        && o.span.overlaps(l.span)
                        && !(l.span.contains(o.span) && o.span.start > l.span.start)
                }),
            }
        })
        .collect();
    let mut keep = keep.into_iter();
    labels.retain(|_| keep.next().unwrap_or(true));
    // Two rules may find the same label ("illegal strike" by its loaded word and by its noun).
    labels.sort_by_key(|l| (l.span.start, l.span.end));
    labels.dedup_by(|a, b| a.span == b.span && a.target == b.target);
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
    if !noun.chars().next().is_some_and(char::is_alphabetic)
        || lists().group_actors.contains(noun.to_lowercase().as_str())
    {
        return None;
    }
    Some(Label {
        span: Span::new(start, noun_end),
        text: text[start..noun_end].to_string(),
        target: LabelTarget::Event,
    })
}

/// People named by what they are at word `k`, a noun of [`GROUP_ACTORS`], with up to
/// [`GROUP_ACTOR_MODIFIERS`] modifiers in front ("desperate Central American migrants", "illegal
/// immigrants", "asylum seekers") and, for the nouns that need one, the complement that says whose
/// ("supporters of the migrant caravan").
fn unnamed_group(
    text: &str,
    words: &[(usize, usize)],
    k: usize,
    mentions: &[Mention],
) -> Option<Label> {
    let (start, mut end) = words[k];
    // "ex-British spy Christopher Steele": right before a person's name, the noun and its
    // modifiers say what that person is.
    let person = words.get(k + 1).and_then(|&(a, _)| {
        mentions.iter().find(|m| {
            m.span.start == a
                && m.kind == EntityKind::Person
                && m.form == MentionForm::Name
                && text[end..a].trim().is_empty()
        })
    });
    // "women seeking asylum": a participle in -ing after the noun says what they are doing.
    let participle = words.get(k + 1).is_some_and(|&(a, b)| {
        let next = &text[a..b];
        text[end..a].trim().is_empty()
            && next.len() > 5
            && next.ends_with("ing")
            && next.chars().all(|c| c.is_ascii_lowercase())
            && !lists().not_modifiers.contains(next)
            && !lists().verb_not.contains(next)
    });
    // A noun used as a modifier ("workers union") names something else.
    if person.is_none() && !participle && modifies_next(text, words, k) {
        return None;
    }
    // So does one person's noun before any lower-case word but a verb ("member states", "the
    // worker housing plan"; but "the official says", "the worker walked").
    let noun = text[start..end].to_lowercase();
    let singular = PEOPLE_NOUNS.contains(&noun.as_str()) || BODY_NOUNS.contains(&noun.as_str());
    if singular {
        if let Some(&(next_start, next_end)) = words.get(k + 1) {
            let next = &text[next_start..next_end];
            let verb = next.ends_with("ed")
                || lists().not_modifiers.contains(next)
                || lists().verb_not.contains(next)
                || crate::entities::lexicon::lower_in(crate::entities::lexicon::SAID_VERBS, next);
            if text[end..next_start].trim().is_empty()
                && next.chars().all(char::is_lowercase)
                && !verb
            {
                return None;
            }
        }
    }
    if let Some(&(next_start, next_end)) = words.get(k + 1) {
        let next = &text[next_start..next_end];
        let adjacent = text[end..next_start].trim().is_empty();
        if next == "of" && adjacent {
            end = complement_end(text, words, k, false).unwrap_or(end);
        } else if next == "for" && adjacent {
            // "a spokesman for Mr. Moon", "project coordinator for Pueblo Sin Fronteras": whom
            // they work for, when it is a name.
            end = complement_end_from(text, words, k, true, &["for"]).unwrap_or(end);
        } else if participle {
            end = clause_end(text, words, k + 1, true).unwrap_or(end);
        }
    }
    let mut from = start;
    let mut j = k;
    while j > 0 && k - j < GROUP_ACTOR_MODIFIERS {
        let (prev_start, prev_end) = words[j - 1];
        let prev = text[prev_start..prev_end].to_lowercase();
        let adjacent = text[prev_end..words[j].0].trim().is_empty();
        let possessive = text[..prev_start].ends_with(['\'', '\u{2019}']);
        let pointing = |w: &str| {
            lists().not_modifiers.contains(w)
                || GROUP_NOT_MODIFIERS.contains(&w)
                || GROUP_COUNTS.iter().any(|(c, _)| *c == w)
        };
        // "the detained migrants", but "police detained migrants": a lower-case word in -ed or
        // -s reads as a modifier only after a word that points, where no verb can stand.
        let verb_like = prev.starts_with(char::is_lowercase)
            && (prev.ends_with("ed")
                || (prev.ends_with('s') && !prev.ends_with("ous") && !prev.ends_with("ss")));
        let before = (j >= 2).then(|| text[words[j - 2].0..words[j - 2].1].to_lowercase());
        let after_pointer = before.as_deref().is_none_or(pointing)
            || !text[words[j - 2].1..prev_start].trim().is_empty();
        // "due to meet union leaders", "will brief officials": after "to" or a modal the word
        // is a verb, whatever its ending.
        let after_verb_marker = before.as_deref().is_some_and(|b| {
            matches!(
                b,
                "to" | "will" | "would" | "could" | "can" | "may" | "might" | "must" | "should"
            )
        });
        let modifier = adjacent
            && !possessive
            && prev.chars().all(|c| c.is_alphabetic() || c == '-')
            && !pointing(&prev)
            && !after_verb_marker
            && (!verb_like || after_pointer);
        if !modifier {
            break;
        }
        from = prev_start;
        j -= 1;
    }
    let alone = from == start && end == words[k].1;
    if alone && PEOPLE_NOUNS_NOT_ALONE.contains(&text[start..words[k].1].to_lowercase().as_str()) {
        return None;
    }
    Some(Label {
        span: Span::new(from, end),
        text: text[from..end].to_string(),
        target: person.map_or(LabelTarget::Group, |m| LabelTarget::Entity(m.entity)),
    })
}

/// A short quotation inside the outlet's own sentence, a scare quote or a fragment of someone's
/// words ("described him as a \"truly fine gentleman\"", "called the deal \"insane\""), labels
/// the event: it carries a speaker's word choice into the report. Up to
/// [`SHORT_QUOTATION_WORDS`] words.
fn quoted(text: &str, quote: &Quote) -> Option<Label> {
    if !matches!(quote.kind, QuoteKind::Scare | QuoteKind::Partial) {
        return None;
    }
    let content = quote.span.slice(text)?;
    let phrase = content
        .trim_end()
        .trim_end_matches([',', '.', '!', '?', ';'])
        .trim_end();
    let start = quote.span.start + (content.len() - content.trim_start().len());
    let phrase = phrase.trim_start();
    let words = phrase.split_whitespace().count();
    if words == 0 || words > SHORT_QUOTATION_WORDS || !phrase.chars().any(char::is_alphabetic) {
        return None;
    }
    let span = Span::new(start, start + phrase.len());
    Some(Label {
        span,
        text: phrase.to_string(),
        target: LabelTarget::Event,
    })
}

/// Lower-case words standing after a determiner: their sentence, the determiner's index among the
/// sentence's words, and the words' byte ranges.
struct Phrase {
    sentence: usize,
    determiner: usize,
    words: Vec<(usize, usize)>,
}

/// The things an article turns on, found by recurrence rather than from a list: a lower-case
/// noun that stands at least [`KEY_NOUN_MIN`] times in a phrase after a determiner ("the suit",
/// "the memos", "the border fence"), or [`KEY_WORD_MIN`] times wherever it stands ("safe shifts",
/// "night shifts", "shorter shifts"). Each such phrase, with the modifiers before its noun, labels
/// the event unless another label already covers it, and so does the noun where it stands without
/// a determiner ("rival suits"). Plurals count with their singular. A phrase that describes a
/// named entity (a description mention) labels that entity.
fn key_things(
    text: &str,
    sentence_words: &[Vec<(usize, usize)>],
    found: &[Label],
    mentions: &[Mention],
) -> Vec<Label> {
    let fold = |w: &str| w.strip_suffix('s').unwrap_or(w).to_string();
    // Each phrase: its words' byte ranges after the determiner, at most three lower-case words.
    let mut phrases: Vec<Phrase> = Vec::new();
    for (sentence, words) in sentence_words.iter().enumerate() {
        for (d, &(a, b)) in words.iter().enumerate() {
            if !DETERMINERS.contains(&text[a..b].to_lowercase().as_str()) {
                continue;
            }
            let mut run = Vec::new();
            for j in d + 1..words.len().min(d + 4) {
                let (s, e) = words[j];
                let word = &text[s..e];
                let lower = word.to_lowercase();
                let plain = word.starts_with(char::is_lowercase)
                    && word.chars().all(|c| c.is_alphabetic() || c == '-');
                if !plain
                    || !text[words[j - 1].1..s].trim().is_empty()
                    || PRONOUNS.contains(&lower.as_str())
                    || lists().not_modifiers.contains(lower.as_str())
                    || GROUP_NOT_MODIFIERS.contains(&lower.as_str())
                {
                    break;
                }
                run.push((s, e));
            }
            if !run.is_empty() {
                phrases.push(Phrase {
                    sentence,
                    determiner: d,
                    words: run,
                });
            }
        }
    }
    let general = |w: &str| {
        lists().general_nouns.contains(w)
            || crate::entities::lexicon::ROLE_NOUNS.contains(&w)
            || lists().group_actors.contains(w)
            || GROUP_PEOPLE.contains(&w)
            || GROUP_PLACES.contains(&w)
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for phrase in &phrases {
        for &(s, e) in &phrase.words {
            let lower = text[s..e].to_lowercase();
            if !general(&lower) && !general(&fold(&lower)) {
                *counts.entry(fold(&lower)).or_default() += 1;
            }
        }
    }
    // A pair of lower-case words that recurs as it stands, without a determiner ("classified
    // information", "ballistic missiles"), makes its second word a key noun too.
    let mut pairs: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    // Lower-case words only: no capital anywhere, letters and hyphens.
    let plain = |w: &str| {
        w.starts_with(char::is_lowercase) && w.chars().all(|c| c.is_lowercase() || c == '-')
    };
    for words in sentence_words {
        for pair in words.windows(2) {
            let [(a, b), (c, d)] = [pair[0], pair[1]];
            let (first, second) = (&text[a..b], &text[c..d]);
            if plain(first)
                && plain(second)
                && text[b..c].trim().is_empty()
                // A plural or a verb before the noun ends a phrase; a participle may modify.
                && !(first.ends_with('s') || matches!(first, "left" | "went"))
                && !["ed", "ly"].iter().any(|end| second.ends_with(end))
                && !DETERMINERS.contains(&first)
                && !PRONOUNS.contains(&first)
                && !PRONOUNS.contains(&second)
                && !lists().not_modifiers.contains(first)
                && !GROUP_NOT_MODIFIERS.contains(&first)
                && !lists().not_modifiers.contains(second)
                && !general(second)
                && !general(&fold(second))
            {
                *pairs.entry((first.to_string(), fold(second))).or_default() += 1;
            }
        }
    }
    pairs.retain(|_, n| *n >= KEY_NOUN_MIN);
    for ((_, noun), &n) in &pairs {
        let count = counts.entry(noun.clone()).or_default();
        *count = (*count).max(n);
    }
    // A lower-case word the article repeats [`KEY_WORD_MIN`] times wherever it stands ("shifts",
    // "asylum") is a key noun too, unless it reads as a verb, an adverb or a function word.
    let mut anywhere: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &(a, b) in sentence_words.iter().flatten() {
        let w = &text[a..b];
        let noun_like = plain(w)
            && w.len() > 3
            && !["ed", "ly", "ing"].iter().any(|end| w.ends_with(end))
            && !PRONOUNS.contains(&w)
            && !DETERMINERS.contains(&w)
            && !lists().not_modifiers.contains(w)
            && !lists().verb_not.contains(w)
            && !GROUP_NOT_MODIFIERS.contains(&w)
            && !LIGHT_VERBS.contains(&w)
            && !MODALS.contains(&w)
            && !general(w)
            && !general(&fold(w));
        if noun_like {
            *anywhere.entry(fold(w)).or_default() += 1;
        }
    }
    for (noun, n) in anywhere {
        if n >= KEY_WORD_MIN {
            let count = counts.entry(noun).or_default();
            *count = (*count).max(n);
        }
    }
    let key = |s: usize, e: usize| {
        counts
            .get(&fold(&text[s..e].to_lowercase()))
            .is_some_and(|&n| n >= KEY_NOUN_MIN)
    };
    let mut out: Vec<Label> = Vec::new();
    // A phrase with the verb that acts on it ("tested a long-range missile") where one stands
    // before it, else the phrase alone; nothing already labelled is labelled twice.
    let add = |out: &mut Vec<Label>, span: Span, verb: Option<usize>| {
        let free = |span: Span| {
            !found
                .iter()
                .chain(out.iter())
                .any(|l: &Label| l.span.overlaps(span))
        };
        let span = match verb.map(|v| Span::new(v, span.end)) {
            Some(longer) if free(longer) => longer,
            _ if free(span) => span,
            _ => return,
        };
        // A description of a named entity ("the union" after the union's name) labels that
        // entity, not the event.
        let target = mentions
            .iter()
            .find(|m| m.form == MentionForm::Description && m.span.overlaps(span))
            .map_or(LabelTarget::Event, |m| LabelTarget::Entity(m.entity));
        out.push(Label {
            span,
            text: text[span.start..span.end].to_string(),
            target,
        });
    };
    for phrase in &phrases {
        // The phrase ends at its last key noun; the words before it are its modifiers.
        let run = &phrase.words;
        if let Some(last) = run.iter().rposition(|&(s, e)| key(s, e)) {
            let verb = verb_before(
                text,
                &sentence_words[phrase.sentence],
                phrase.determiner,
                true,
            );
            add(&mut out, Span::new(run[0].0, run[last].1), verb);
        }
    }
    // Once known, a key noun labels wherever it stands, with no determiner too ("classified
    // documents"), together with up to two lower-case modifiers in front.
    for words in sentence_words {
        for (k, &(start, end)) in words.iter().enumerate() {
            if !text[start..].starts_with(char::is_lowercase) || !key(start, end) {
                continue;
            }
            // Used as a modifier itself ("memo leak", "cruise missiles"): the phrase goes on.
            let before_key = words.get(k + 1).is_some_and(|&(s, e)| {
                text[end..s].trim().is_empty()
                    && text[s..].starts_with(char::is_lowercase)
                    && key(s, e)
            });
            if before_key || modifies_next(text, words, k) {
                continue;
            }
            let mut from = start;
            let mut j = k;
            while j > 0 && k - j < 2 {
                let (prev_start, prev_end) = words[j - 1];
                let prev = text[prev_start..prev_end].to_lowercase();
                let modifier = text[prev_end..words[j].0].trim().is_empty()
                    && text[prev_start..].starts_with(char::is_lowercase)
                    && prev.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !lists().not_modifiers.contains(prev.as_str())
                    && !GROUP_NOT_MODIFIERS.contains(&prev.as_str())
                    && (!ends_phrase(&prev)
                        || (j == k
                            && pairs.contains_key(&(
                                prev.clone(),
                                fold(&text[start..end].to_lowercase()),
                            ))));
                if !modifier {
                    break;
                }
                from = prev_start;
                j -= 1;
            }
            add(
                &mut out,
                Span::new(from, end),
                verb_before(text, words, j, false),
            );
        }
    }
    out
}

/// Where the verb that acts on the thing named from word `i` starts: "tested a long-range
/// missile", "shut down a nuclear test site", "apply for asylum", "developing ballistic
/// missiles". With a determiner, particle or "for" between them (`linked`), any lower-case word
/// that is not a function word or a plural reads as the verb; right before the thing, only a
/// word in -ing or -ed, or one after "to" or a modal. An adverb in -ly before it comes with it.
fn verb_before(text: &str, words: &[(usize, usize)], i: usize, linked: bool) -> Option<usize> {
    let lower = |k: usize| text[words[k].0..words[k].1].to_lowercase();
    let joined = |k: usize| text[words[k].1..words[k + 1].0].trim().is_empty();
    let mut v = i.checked_sub(1)?;
    let mut linked = linked;
    let particle = VERB_PARTICLES.contains(&lower(v).as_str()) && joined(v);
    if particle {
        linked = true;
        v = v.checked_sub(1)?;
    }
    let verb = lower(v);
    if !joined(v)
        || !text[words[v].0..].starts_with(char::is_lowercase)
        || !verb.chars().all(|c| c.is_alphabetic())
        || lists().verb_not.contains(verb.as_str())
        || lists().general_nouns.contains(verb.as_str())
        || DETERMINERS.contains(&verb.as_str())
        || PRONOUNS.contains(&verb.as_str())
        || VERB_PARTICLES.contains(&verb.as_str())
        // A plural noun, unless a particle other than "for" follows ("gives up its weapons",
        // but "plans for the test").
        || (verb.ends_with('s') && !verb.ends_with("ss") && !(particle && lower(v + 1) != "for"))
    {
        return None;
    }
    let before = v.checked_sub(1).map(lower);
    let infinitive = before
        .as_deref()
        .is_some_and(|b| b == "to" || MODALS.contains(&b));
    if !(linked || verb.ends_with("ing") || verb.ends_with("ed") || infinitive) {
        return None;
    }
    match v.checked_sub(1) {
        Some(a) if before.as_deref().is_some_and(|b| b.ends_with("ly")) && joined(a) => {
            Some(words[a].0)
        }
        _ => Some(words[v].0),
    }
}

/// A nation named by a common noun ("that nation", "his impoverished country", "the nation's
/// leader"): the outlet's words for the nation named last before it. A determiner, up to two
/// lower-case modifiers and a noun of [`NATION_NOUNS`]; nothing when no nation was named before.
fn nation_reference(
    text: &str,
    words: &[(usize, usize)],
    k: usize,
    mentions: &[Mention],
) -> Option<Label> {
    let (start, end) = words[k];
    let noun = text[start..end].trim_end_matches("'s");
    if !NATION_NOUNS.contains(&noun) {
        return None;
    }
    let joined = |i: usize| text[words[i].1..words[i + 1].0].trim().is_empty();
    let mut j = k;
    while j > 0 && k - j <= 2 && joined(j - 1) {
        let prev = text[words[j - 1].0..words[j - 1].1].to_lowercase();
        if DETERMINERS.contains(&prev.as_str()) {
            break;
        }
        // "his impoverished country": after the determiner a word in -ed is an adjective.
        let adjective = prev.ends_with("ed") && !lists().not_modifiers.contains(prev.as_str());
        if !text[words[j - 1].0..].starts_with(char::is_lowercase)
            || (ends_phrase(&prev) && !adjective)
        {
            return None;
        }
        j -= 1;
    }
    // "the country club": the noun modifies another.
    if !text[start..end].ends_with("'s") && modifies_next(text, words, k) {
        return None;
    }
    let determiner = j.checked_sub(1)?;
    if !DETERMINERS.contains(
        &text[words[determiner].0..words[determiner].1]
            .to_lowercase()
            .as_str(),
    ) || !joined(determiner)
    {
        return None;
    }
    let nation = mentions
        .iter()
        .filter(|m| m.span.end <= words[determiner].0)
        .filter(|m| m.kind == EntityKind::Location && m.form != MentionForm::Pronoun)
        .filter(|m| crate::entities::lexicon::is_nation(&m.text))
        .max_by_key(|m| m.span.start)?;
    let span = Span::new(words[determiner].0, start + noun.len());
    Some(Label {
        span,
        text: span.slice(text)?.to_string(),
        target: LabelTarget::Entity(nation.entity),
    })
}

/// A counted group at word `k` that refers back to people or places named before: "the two
/// leaders", "both countries", "our two nations", "the two Koreas". The phrase labels the
/// entities of the matching kind the article has named most often before it (the latest first
/// among equals), as many as it counts; when fewer were named, it labels the event.
fn group_reference(
    text: &str,
    words: &[(usize, usize)],
    k: usize,
    mentions: &[Mention],
) -> Option<Vec<Label>> {
    let (start, end) = words[k];
    let lower = text[start..end].to_lowercase();
    let &(_, count) = GROUP_COUNTS.iter().find(|(w, _)| *w == lower)?;
    let adjacent = |i: usize| text[words[i - 1].1..words[i].0].trim().is_empty();
    // Up to two lower-case modifiers, then the plural noun: "the two Asian neighbours".
    let mut head = k + 1;
    let people = loop {
        let &(a, b) = words.get(head)?;
        if !adjacent(head) {
            return None;
        }
        let word = &text[a..b];
        let lower = word.to_lowercase();
        if GROUP_PEOPLE.contains(&lower.as_str()) {
            break Some(true);
        }
        if GROUP_PLACES.contains(&lower.as_str()) {
            break Some(false);
        }
        // "the two Koreas": a capitalised plural right after the count names places.
        if head == k + 1 && word.starts_with(char::is_uppercase) && word.ends_with('s') {
            break None;
        }
        let modifier = word.starts_with(char::is_lowercase)
            && word.chars().all(char::is_alphabetic)
            && !ends_phrase(&lower);
        if !modifier || head - k > 2 {
            return None;
        }
        head += 1;
    };
    let mut from = start;
    if k > 0 && adjacent(k) {
        let before = text[words[k - 1].0..words[k - 1].1].to_lowercase();
        if matches!(
            before.as_str(),
            "the" | "our" | "their" | "these" | "those" | "all"
        ) {
            from = words[k - 1].0;
        }
    }
    let span = Span::new(from, words[head].1);
    let fits = |kind: EntityKind| match people {
        Some(true) => kind == EntityKind::Person,
        Some(false) => matches!(kind, EntityKind::Location | EntityKind::Organization),
        None => kind == EntityKind::Location,
    };
    // The people or places the article has named most so far, the latest first among equals.
    let mut seen: Vec<(usize, usize, usize)> = Vec::new(); // (entity, mentions, last start)
    for mention in mentions {
        if mention.span.end <= from && fits(mention.kind) {
            match seen.iter_mut().find(|s| s.0 == mention.entity) {
                Some(s) => {
                    s.1 += 1;
                    s.2 = s.2.max(mention.span.start);
                }
                None => seen.push((mention.entity, 1, mention.span.start)),
            }
        }
    }
    seen.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
    let referents: Vec<usize> = seen.iter().take(count).map(|s| s.0).collect();
    let label = |target| Label {
        span,
        text: span.slice(text).unwrap_or_default().to_string(),
        target,
    };
    if referents.len() < count {
        return Some(vec![label(LabelTarget::Event)]);
    }
    Some(
        referents
            .into_iter()
            .map(|e| label(LabelTarget::Entity(e)))
            .collect(),
    )
}

/// The name an outlet gives the event at word `k` ("walkout", "industrial action", "crippling
/// stoppage", "third inter-Korean summit"), with up to [`EVENT_MODIFIERS`] modifiers in front of
/// it; loaded modifiers are reported by [`modifier_label`] instead.
fn event_name(text: &str, words: &[(usize, usize)], k: usize) -> Option<Label> {
    let lower = |i: usize| text[words[i].0..words[i].1].to_lowercase();
    let word = lower(k);
    // "in March": a capitalised month is a date, not a march.
    if triangulate_model::MONTH_NAMES.contains(&word.as_str())
        && text[words[k].0..].starts_with(char::is_uppercase)
    {
        return None;
    }
    let (start, end) = if lists().event_nouns.contains(word.as_str()) {
        words[k]
    } else {
        if !lists().event_pair_starts.contains(word.as_str()) {
            return None;
        }
        // Two-word names, read at their first word.
        let next = words.get(k + 1)?;
        let pair = format!("{word} {}", text[next.0..next.1].to_lowercase());
        if !lists().event_nouns.contains(pair.as_str()) {
            return None;
        }
        (words[k].0, next.1)
    };
    // A plural made from a listed noun right after a name is the name's verb ("Vell plans to",
    // "Kell tests"), unless the name is an adjective or an owner ("Korean tests"); a word that
    // opens the sentence is capitalised whatever it is ("Two rulings").
    let derived_plural = !EVENT_NOUNS.contains(&word.as_str()) && word.ends_with('s');
    if derived_plural && k > 1 {
        let (prev_start, prev_end) = words[k - 1];
        let prev = &text[prev_start..prev_end];
        if prev.starts_with(char::is_uppercase)
            && text[prev_end..start].trim().is_empty()
            && !owner_or_adjective(prev)
        {
            return None;
        }
    }
    // A noun used as a modifier ("strike surcharge") names something else.
    let end_word = words.iter().position(|w| w.1 == end)?;
    if modifies_next(text, words, end_word) {
        return None;
    }
    let mut from = start;
    // Up to two lower-case modifiers: "third inter-Korean summit", "nuclear weapons program".
    let mut j = k;
    while j > 0 && k - j < EVENT_MODIFIERS {
        let prev = lower(j - 1);
        let adjacent = text[words[j - 1].1..words[j].0].trim().is_empty();
        // "Scholz’s three-day trip": the "s" after a curly apostrophe is no modifier.
        let possessive = text[..words[j - 1].0].ends_with(['\'', '\u{2019}']);
        // "before beginning talks": an -ing word after a preposition is the verb of a clause.
        let gerund = prev.ends_with("ing")
            && j >= 2
            && matches!(
                lower(j - 2).as_str(),
                "before" | "after" | "by" | "while" | "without" | "of" | "for" | "since" | "when"
            );
        // "the Trump-Abe summit", "the Russia probe": a name right before the event's noun may
        // modify it, but not from the start of the sentence, where every word is capitalised.
        let named = j == k && j >= 2 && text[words[j - 1].0..].starts_with(char::is_uppercase);
        // "Vell drew protests": a lower-case word right after a name is its verb, unless the
        // capitalised word is an adjective ("Korean nuclear talks") or opens the sentence.
        let after_name = j >= 3
            && text[words[j - 1].0..].starts_with(char::is_lowercase)
            && text[words[j - 2].0..].starts_with(char::is_uppercase)
            && text[words[j - 2].1..words[j - 1].0].trim().is_empty()
            && !owner_or_adjective(&text[words[j - 2].0..words[j - 2].1]);
        let modifier = adjacent
            && !possessive
            && !gerund
            && !after_name
            && prev.chars().all(|c| c.is_alphabetic() || c == '-')
            && (text[words[j - 1].0..].starts_with(|c: char| c.is_lowercase()) || named)
            && !lists().not_modifiers.contains(prev.as_str());
        if !modifier {
            break;
        }
        from = words[j - 1].0;
        j -= 1;
    }
    let from = owner_start(text, words, j)
        .or_else(|| quantity_start(text, words, j))
        .unwrap_or(from);
    // The verb that acts on the event ("called off the summit", "nixed a visit", "celebrating
    // a victory"), unless it is a light verb that says nothing of it ("held talks").
    let first = words.iter().position(|w| w.0 == from).unwrap_or(j);
    let determiner = first
        .checked_sub(1)
        .filter(|&d| DETERMINERS.contains(&text[words[d].0..words[d].1].to_lowercase().as_str()));
    let verb = match determiner {
        Some(d) => verb_before(text, words, d, true),
        None => verb_before(text, words, first, false),
    };
    let from = verb
        .and_then(|v| {
            let at = words.iter().position(|w| w.0 == v)?;
            // Past an adverb in -ly to the verb itself.
            let verb_at = if text[words[at].0..words[at].1].ends_with("ly") {
                at + 1
            } else {
                at
            };
            let word = text[words[verb_at].0..words[verb_at].1].to_lowercase();
            let particle = words
                .get(verb_at + 1)
                .is_some_and(|w| VERB_PARTICLES.contains(&text[w.0..w.1].to_lowercase().as_str()));
            (particle || !LIGHT_VERBS.contains(&word.as_str())).then_some(v)
        })
        .unwrap_or(from);
    let end = complement_end(text, words, end_word, true)
        .or_else(|| purpose_end(text, words, end_word))
        .unwrap_or(end);
    Some(Label {
        span: Span::new(from, end),
        text: text[from..end].to_string(),
        target: LabelTarget::Event,
    })
}

/// Where the name that owns the event phrase starting at word `j` begins: "Mr. Kim's
/// invitation", "Donald Trump’s meetings". Up to three capitalised words ending in a possessive.
fn owner_start(text: &str, words: &[(usize, usize)], j: usize) -> Option<usize> {
    let (first, _) = words[j];
    let before = &text[..first];
    let mut k = if before.trim_end_matches(' ').ends_with("'s") {
        // "Kim's" is one word: its apostrophe stays inside.
        j.checked_sub(1)?
    } else if before.trim_end_matches(' ').ends_with("\u{2019}s") {
        // "Kim’s": the curly apostrophe splits it, and "s" is a word of its own.
        j.checked_sub(2)?
    } else {
        return None;
    };
    let capitalised = |i: usize| text[words[i].0..].starts_with(char::is_uppercase);
    if !capitalised(k) {
        return None;
    }
    for _ in 0..2 {
        if k == 0 || !capitalised(k - 1) {
            break;
        }
        let gap = text[words[k - 1].1..words[k].0].trim();
        if !(gap.is_empty() || gap == ".") {
            break;
        }
        k -= 1;
    }
    Some(words[k].0)
}

/// Where the words that count or qualify the event phrase starting at word `j` begin: "such an
/// agreement", "another inquiry", "two days of meetings", "six decades of conflict".
fn quantity_start(text: &str, words: &[(usize, usize)], j: usize) -> Option<usize> {
    let lower = |k: usize| text[words[k].0..words[k].1].to_lowercase();
    let joined = |k: usize| text[words[k].1..words[k + 1].0].trim().is_empty();
    let counted = |w: &str| {
        QUANTITY_WORDS.contains(&w)
            || crate::time::lexicon::cardinal(w).is_some_and(|n| n >= 2)
            || w.chars().all(|c| c.is_ascii_digit())
    };
    let prev = j.checked_sub(1)?;
    if !joined(prev) {
        return None;
    }
    let word = lower(prev);
    if matches!(word.as_str(), "a" | "an") {
        let such = prev
            .checked_sub(1)
            .filter(|&k| joined(k) && lower(k) == "such")?;
        return Some(words[such].0);
    }
    if matches!(word.as_str(), "another" | "such") || counted(&word) {
        return Some(words[prev].0);
    }
    // "two days of meetings": a count, a plural unit, "of".
    if word == "of" && prev >= 2 && joined(prev - 1) && joined(prev - 2) {
        let unit = lower(prev - 1);
        if unit.ends_with('s') && counted(&lower(prev - 2)) {
            return Some(words[prev - 2].0);
        }
    }
    None
}

/// Whether a capitalised word leads on to a noun rather than ending a name: a possessive
/// ("Kell's") or an adjective of a people or place ("Korean", "Japanese", "British", "Iraqi",
/// and those the lexicon knows, such as "Kazakh" or "Soviet").
fn owner_or_adjective(word: &str) -> bool {
    word.ends_with("'s")
        || ["an", "ese", "ish", "i", "ic"]
            .iter()
            .any(|ending| word.ends_with(ending))
        || crate::entities::lexicon::nation_of_adjective(word).is_some()
}

/// What the actors are said to do at word `k`, a verb of [`EVENT_VERBS`], when it says with or
/// to whom: "met with North Korean leader Kim", "secretly traveled to North Korea", "visited
/// Pyongyang". An adverb in -ly right before the verb comes with it.
fn event_verb(text: &str, words: &[(usize, usize)], k: usize) -> Option<Label> {
    let (start, end) = words[k];
    let word = &text[start..end];
    if !word.starts_with(char::is_lowercase) || !EVENT_VERBS.contains(&word) {
        return None;
    }
    let end = match words.get(k + 1) {
        // A named object: "visited Pyongyang", "met Omar Kell".
        Some(&(next_start, _))
            if text[next_start..].starts_with(char::is_uppercase)
                && text[end..next_start].trim().is_empty() =>
        {
            let mut last = k + 1;
            while let Some(&(a, _)) = words.get(last + 1) {
                let gap = text[words[last].1..a].trim();
                let abbreviation = gap == "." && words[last].1 - words[last].0 <= 3;
                if !text[a..].starts_with(char::is_uppercase) || !(gap.is_empty() || abbreviation) {
                    break;
                }
                last += 1;
            }
            words[last].1
        }
        _ => complement_end_from(text, words, k, true, VERB_COMPLEMENT_STARTS)?,
    };
    let from = match k.checked_sub(1).map(|i| words[i]) {
        Some((a, b))
            if text[a..b].ends_with("ly")
                && text[a..].starts_with(char::is_lowercase)
                && text[b..start].trim().is_empty() =>
        {
            a
        }
        _ => start,
    };
    // "expected to meet with Kim", "preparing to visit Pyongyang": the verb whose aim the event
    // is comes with it.
    let from = match (k.checked_sub(2), k.checked_sub(1)) {
        (Some(v), Some(to)) if &text[words[to].0..words[to].1] == "to" && from == start => {
            let verb = &text[words[v].0..words[v].1];
            let aim = text[words[v].1..words[to].0].trim().is_empty()
                && text[words[to].1..start].trim().is_empty()
                && verb.starts_with(char::is_lowercase)
                && verb.chars().all(char::is_alphabetic)
                && verb_form(verb)
                && !lists().verb_not.contains(verb.to_lowercase().as_str());
            if aim {
                words[v].0
            } else {
                from
            }
        }
        _ => from,
    };
    Some(Label {
        span: Span::new(from, end),
        text: text[from..end].to_string(),
        target: LabelTarget::Event,
    })
}

/// Whether a lower-case word has the ending of a verb's inflected form: "expected", "preparing",
/// "plans" (not "class").
fn verb_form(word: &str) -> bool {
    word.ends_with("ed") || word.ends_with("ing") || (word.ends_with('s') && !word.ends_with("ss"))
}

/// Where the "to" clause after a noun of intent ends, which says what the event is to do:
/// "invitation to meet Kim", "decision to withdraw the troops", "threat to tear up the deal".
/// It runs from a lower-case verb over up to [`PURPOSE_WORDS`] words, to the first punctuation
/// or clause word.
fn purpose_end(text: &str, words: &[(usize, usize)], end_word: usize) -> Option<usize> {
    let noun = text[words[end_word].0..words[end_word].1].to_lowercase();
    // Plurals too: "efforts to halt the tests".
    let singular = noun.strip_suffix('s').unwrap_or(&noun);
    if !INTENT_NOUNS.contains(&noun.as_str()) && !INTENT_NOUNS.contains(&singular) {
        return None;
    }
    let &(to_start, to_end) = words.get(end_word + 1)?;
    if &text[to_start..to_end] != "to" || !text[words[end_word].1..to_start].trim().is_empty() {
        return None;
    }
    clause_end(text, words, end_word + 2, false)
}

/// Where a short clause that opens with a lower-case verb at word `verb` ends: over up to
/// [`PURPOSE_WORDS`] words, to the first punctuation or clause word. A participle's clause
/// (`participle`) also ends before the next verb in -ed or of saying ("officials running the
/// port agreed").
fn clause_end(
    text: &str,
    words: &[(usize, usize)],
    verb: usize,
    participle: bool,
) -> Option<usize> {
    let mut last = None;
    for j in verb..words.len().min(verb + PURPOSE_WORDS) {
        let (start, end) = words[j];
        let word = &text[start..end];
        let lower = word.to_lowercase();
        if !text[words[j - 1].1..start].trim().is_empty()
            || !word.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            break;
        }
        let first = j == verb;
        let said = crate::entities::lexicon::lower_in(crate::entities::lexicon::SAID_VERBS, word);
        if participle && !first && (lower.ends_with("ed") || said) {
            break;
        }
        if first
            && (!word.starts_with(char::is_lowercase)
                || lists().verb_not.contains(lower.as_str())
                || DETERMINERS.contains(&lower.as_str()))
        {
            return None;
        }
        if !first
            && matches!(
                lower.as_str(),
                "and"
                    | "but"
                    | "or"
                    | "that"
                    | "which"
                    | "who"
                    | "after"
                    | "before"
                    | "because"
                    | "while"
                    | "when"
                    | "if"
                    | "as"
                    | "since"
                    | "until"
                    | "on"
                    | "in"
                    | "at"
                    | "by"
                    | "for"
                    | "from"
            )
        {
            break;
        }
        if !matches!(
            lower.as_str(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "of" | "with" | "to"
        ) {
            last = Some(end);
        }
    }
    last
}

/// Where the "of" complement after a description ends when it names whom or what the person
/// serves: "the President of the United States", "the director of the FBI".
fn of_complement_end(text: &str, words: &[(usize, usize)], span: Span) -> Option<usize> {
    let last = words.iter().position(|w| w.1 == span.end)?;
    let &(of_start, of_end) = words.get(last + 1)?;
    if &text[of_start..of_end] != "of" {
        return None;
    }
    complement_end(text, words, last, true)
}

/// Where the complement after an event name ends when it says who or what the event involves:
/// "talks with Mr. Kim", "summit between Kim and President Moon", "invasion of Ukraine",
/// "meetings with the leader of Japan". The complement starts with one of
/// [`EVENT_COMPLEMENT_STARTS`], runs over names, determiners and lower-case nouns up to the
/// first punctuation or clause word, at most [`EVENT_COMPLEMENT_WORDS`] words, and with
/// `needs_name` must name someone (hold a capitalised word).
fn complement_end(
    text: &str,
    words: &[(usize, usize)],
    end_word: usize,
    needs_name: bool,
) -> Option<usize> {
    complement_end_from(text, words, end_word, needs_name, EVENT_COMPLEMENT_STARTS)
}

/// [`complement_end`] with the words a complement may start with given.
fn complement_end_from(
    text: &str,
    words: &[(usize, usize)],
    end_word: usize,
    needs_name: bool,
    starts: &[&str],
) -> Option<usize> {
    let mut first = end_word + 1;
    // "the summit planned between Kim and Moon": a participle may stand before the complement.
    let participle = words.get(first).is_some_and(|&(a, b)| {
        let word = &text[a..b];
        word.ends_with("ed")
            && word.starts_with(char::is_lowercase)
            && text[words[end_word].1..a].trim().is_empty()
    });
    if participle {
        first += 1;
    }
    // "the meeting on April 27 with President Moon", "talks on Friday between them": a date
    // may stand between the event and its complement.
    let lower = |i: usize| words.get(i).map(|&(a, b)| text[a..b].to_lowercase());
    if lower(first).as_deref() == Some("on") {
        let date = lower(first + 1).is_some_and(|w| {
            (crate::time::lexicon::month(&w).is_some()
                && !crate::time::lexicon::is_month_abbreviation(&w))
                || crate::time::lexicon::weekday(&w).is_some()
        });
        if date {
            let mut after = first + 2;
            if lower(after).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
                after += 1;
            }
            if lower(after).is_some_and(|w| starts.contains(&w.as_str())) {
                first = after;
            }
        }
    }
    let &(prep_start, prep_end) = words.get(first)?;
    if !text[words[first - 1].1..prep_start].trim().is_empty()
        || !starts.contains(&text[prep_start..prep_end].to_lowercase().as_str())
    {
        return None;
    }
    let (mut last, mut named) = (None, false);
    for j in first + 1..words.len().min(first + 1 + EVENT_COMPLEMENT_WORDS) {
        let (prev_start, prev_end) = words[j - 1];
        let gap = text[prev_end..words[j].0].trim();
        // "Mr. Kim", "Michael T. Flynn": the full stop of a short capitalised abbreviation.
        let abbreviation = gap == "."
            && prev_end - prev_start <= 3
            && text[prev_start..].starts_with(char::is_uppercase);
        // "the Velmarsk Dockers' Union": a plural's apostrophe inside a name.
        let plural_possessive = matches!(gap, "'" | "\u{2019}")
            && text[prev_start..prev_end].ends_with('s')
            && text[prev_start..].starts_with(char::is_uppercase)
            && text[words[j].0..].starts_with(char::is_uppercase);
        if !gap.is_empty() && !abbreviation && !plural_possessive {
            break;
        }
        let word = &text[words[j].0..words[j].1];
        let lower = word.to_lowercase();
        if word.starts_with(char::is_uppercase) {
            named = true;
            last = Some(j);
        } else if lower == "and" && !needs_name {
            // Only a complement that names people joins two ("between Kim and Moon").
            break;
        } else if lower == "and"
            || lower == "of"
            || COMPLEMENT_DETERMINERS.contains(&lower.as_str())
        {
            continue;
        } else if !lower.chars().all(|c| c.is_alphabetic() || c == '-') {
            break;
        } else if named && owner_or_adjective(&text[prev_start..prev_end]) {
            // The name owns the noun ("with Kell's envoy") or is an adjective ("North Korean
            // leader", "Russian troops"), whatever the noun's ending.
            if lists().not_modifiers.contains(lower.as_str()) {
                break;
            }
            last = Some(j);
        } else if !named
            && lower.ends_with('s')
            && !lists().not_modifiers.contains(lower.as_str())
            && !lists().verb_not.contains(lower.as_str())
            && {
                let prev = text[prev_start..prev_end].to_lowercase();
                COMPLEMENT_DETERMINERS.contains(&prev.as_str())
                    || crate::time::lexicon::cardinal(&prev).is_some()
            }
        {
            // After a determiner or a number, a word in -s is a plural, not a verb
            // ("representatives of the three groups").
            last = Some(j);
        } else if named || ends_phrase(&lower) {
            // After a name a lower-case word starts what comes next ("of Ostria spoke").
            break;
        } else {
            last = Some(j);
        }
    }
    let last = last.filter(|_| named || !needs_name)?;
    Some(words[last].1)
}

/// Whether the noun at word `k` modifies the word right after it ("strike surcharge", "workers
/// union"), so that the phrase goes on and names something else.
fn modifies_next(text: &str, words: &[(usize, usize)], k: usize) -> bool {
    words.get(k + 1).is_some_and(|&(next_start, next_end)| {
        let next = text[next_start..next_end].to_lowercase();
        text[words[k].1..next_start].trim().is_empty()
            && next.chars().all(char::is_alphabetic)
            && !ends_phrase(&next)
    })
}

/// Whether a lower-case word ends a noun phrase: a function word, or what reads as the verb of
/// the clause ("the strike began", "the strike continues", "Trump said officials").
fn ends_phrase(word: &str) -> bool {
    lists().not_modifiers.contains(word)
        || lists().verb_not.contains(word)
        || matches!(word, "left" | "went")
        || word.ends_with("ed")
        || word.ends_with('s')
}

/// The apposition after a name mention: "Aleksandr Vasilenko, the embattled port director, ..."
/// labels him "embattled port director". A phrase at the end of the sentence counts only after a
/// speech verb ("said Teodor Valk, the harbour master."), where it cannot be a new clause.
fn apposition(text: &str, sentence: Span, mention: &Mention) -> Option<Label> {
    let after = text.get(mention.span.end..sentence.end)?;
    let rest = after.strip_prefix(", ")?;
    let opener_len = rest.find(' ')?;
    let opener = &rest[..opener_len];
    // "Larry Kudlow, director of the economic council, ...": a role may open it bare.
    let bare_role = opener.starts_with(char::is_lowercase)
        && (crate::entities::lexicon::ROLE_NOUNS.contains(&opener)
            || crate::entities::lexicon::ROLE_MODIFIERS.contains(&opener));
    if !bare_role && !APPOSITION_OPENERS.contains(&opener.to_lowercase().as_str()) {
        return None;
    }
    let phrase_start = mention.span.end + 2 + if bare_role { 0 } else { opener_len + 1 };
    let body = text.get(phrase_start..sentence.end)?;
    let mut end = None;
    let mut closed = false;
    let mut count = 0;
    let mut in_name_before = false;
    for (i, word) in body.split_inclusive(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len();
        Some((start, w))
    }) {
        let bare = word.trim_end();
        let clean = bare.trim_end_matches([',', '.', ';', ':', '!', '?']);
        if APPOSITION_STOPS.contains(&clean.to_lowercase().as_str()) {
            end = Some(i);
            closed = true;
            break;
        }
        // The words of a name it holds ("director of the Center for Strategic and International
        // Studies") count as one.
        let in_name = clean.starts_with(char::is_uppercase)
            || (matches!(clean, "of" | "for" | "and" | "the")
                && body[i + word.len()..].starts_with(char::is_uppercase));
        if !(in_name && in_name_before) {
            count += 1;
        }
        in_name_before = in_name;
        if count > APPOSITION_MAX_WORDS {
            return None;
        }
        if bare.ends_with(',') || bare.ends_with(';') {
            end = Some(i + clean.len());
            closed = true;
            break;
        }
        if bare.ends_with(['.', '!', '?']) {
            end = Some(i + clean.len());
            break;
        }
    }
    let end = end?;
    let label = body[..end].trim_end();
    // A phrase of capitalised words is a name ("the White House"), not a description; a
    // capitalised word may still open one ("the Democratic presidential nominee").
    let described = label.split(' ').any(|w| {
        w.starts_with(|c: char| c.is_lowercase())
            && !matches!(
                w,
                "of" | "the" | "and" | "for" | "at" | "in" | "on" | "a" | "an"
            )
    });
    if !described {
        return None;
    }
    if !closed {
        let before = text.get(sentence.start..mention.span.start)?.to_lowercase();
        let speech = ["said ", "says ", "added ", "according to "];
        if !speech
            .iter()
            .any(|v| before.trim_end().ends_with(v.trim_end()))
        {
            return None;
        }
    }
    Some(Label {
        span: Span::new(phrase_start, phrase_start + label.len()),
        text: label.to_string(),
        target: LabelTarget::Entity(mention.entity),
    })
}

/// The description written before a name and set off by a comma: "The mayor of London, Sadiq
/// Khan, warned ...", "by Ostria's harbour master, Teodor Valk," labels Khan "The mayor of
/// London" and Valk "Ostria's harbour master". The phrase ends in a role noun, or in a role noun
/// and an "of" complement of names, and opens at a determiner, a possessive name, a preposition
/// or the start of the sentence, over up to [`PREPOSED_WORDS`] words.
fn preposed_apposition(
    text: &str,
    sentence: Span,
    sentence_words: &[(usize, usize)],
    mention: &Mention,
) -> Option<Label> {
    if mention.form != MentionForm::Name || mention.kind != EntityKind::Person {
        return None;
    }
    let before = text.get(sentence.start..mention.span.start)?.trim_end();
    let comma = sentence.start + before.strip_suffix(',')?.len();
    // The sentence's words before the comma.
    let words = &sentence_words[..sentence_words.partition_point(|w| w.1 <= comma)];
    let lower = |i: usize| text[words[i].0..words[i].1].to_lowercase();
    let capitalised = |i: usize| text[words[i].0..].starts_with(char::is_uppercase);
    let joined = |i: usize| text[words[i].1..words[i + 1].0].trim().is_empty();
    let last = words.len().checked_sub(1)?;
    // "mayor of London": the names of the complement, then "of".
    let mut role = last;
    while role > 0 && capitalised(role) {
        role -= 1;
    }
    if role < last {
        if lower(role) != "of" || role == 0 {
            return None;
        }
        role -= 1;
    }
    if !crate::entities::lexicon::ROLE_NOUNS.contains(&lower(role).as_str()) || capitalised(role) {
        return None;
    }
    let mut start = role;
    loop {
        if start == 0 {
            break;
        }
        let prev = lower(start - 1);
        if !joined(start - 1) {
            // A comma or dash before the phrase: it opens there.
            break;
        }
        if DETERMINERS.contains(&prev.as_str()) || prev.ends_with("'s") {
            start -= 1;
            break;
        }
        if PREPOSED_OPENERS.contains(&prev.as_str()) {
            break;
        }
        // "Ostria’s": the curly apostrophe splits off its "s".
        if prev == "s" && text[..words[start - 1].0].ends_with('\u{2019}') && start >= 2 {
            start -= 2;
            break;
        }
        let modifier = capitalised(start - 1)
            || crate::entities::lexicon::ROLE_MODIFIERS.contains(&prev.as_str())
            || (prev.chars().all(|c| c.is_alphabetic() || c == '-') && !ends_phrase(&prev));
        if !modifier || role - start >= PREPOSED_WORDS {
            return None;
        }
        start -= 1;
    }
    // A determiner may itself open the sentence: "The mayor of London, ...".
    let span = Span::new(words[start].0, words[last].1);
    Some(Label {
        span,
        text: span.slice(text)?.to_string(),
        target: LabelTarget::Entity(mention.entity),
    })
}

/// Whether a mention is one a predicate or a relative clause can describe: a name or a
/// description of a person, place, body or group.
fn describable(mention: &Mention) -> bool {
    matches!(mention.form, MentionForm::Name | MentionForm::Description)
        && mention.kind != EntityKind::Other
}

/// What a sentence says a named person, place or body is: "Mrs. Vell was the first foreign
/// leader to visit the port", "Ostria is our closest ally". A copula right after the mention,
/// then a noun phrase opened by a determiner, up to [`PREDICATE_WORDS`] words and to the first
/// punctuation or clause word.
fn predicate(text: &str, sentence: Span, mention: &Mention) -> Option<Label> {
    if !describable(mention) {
        return None;
    }
    // "Containing Ostria was the key": the name is the object of a verb, not the subject.
    let before = text[sentence.start..mention.span.start].trim_end();
    let opening = !before.contains(' ');
    if before
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.ends_with("ing") && (opening || w.starts_with(char::is_lowercase)))
    {
        return None;
    }
    // Most names are followed by no copula: look at the next word before splitting the rest.
    let next = text[mention.span.end..sentence.end]
        .trim_start()
        .split(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if !(COPULAS.contains(&next.as_str()) || matches!(next.as_str(), "has" | "had" | "have")) {
        return None;
    }
    let words = words_in(text, Span::new(mention.span.end, sentence.end));
    let lower = |k: usize| text[words[k].0..words[k].1].to_lowercase();
    let joined = |k: usize| text[words[k].1..words[k + 1].0].trim().is_empty();
    if words.len() < 3 || !text[mention.span.end..words[0].0].trim().is_empty() {
        return None;
    }
    let mut k = 0;
    if matches!(lower(0).as_str(), "has" | "had" | "have") && lower(1) == "been" && joined(0) {
        k = 1;
    } else if !COPULAS.contains(&lower(0).as_str()) {
        return None;
    }
    let open = k + 1;
    if !joined(k) || !(DETERMINERS.contains(&lower(open).as_str()) || lower(open) == "one") {
        return None;
    }
    let mut last = None;
    for j in open..words.len().min(open + PREDICATE_WORDS) {
        let word = lower(j);
        if j > open && (APPOSITION_STOPS.contains(&word.as_str()) || !joined(j - 1)) {
            break;
        }
        last = Some(j);
        if j + 1 < words.len() && !joined(j) {
            break;
        }
    }
    let last = last.filter(|&l| l > open)?;
    let span = Span::new(words[open].0, words[last].1);
    Some(Label {
        span,
        text: span.slice(text)?.to_string(),
        target: LabelTarget::Entity(mention.entity),
    })
}

/// What a relative clause after a name says the person or body is: "Mr. Vell, who is awaiting
/// confirmation as port director,", "Anker, who has emerged as Brask's most trusted ally,". The
/// clause must open with a copula or a verb of becoming ([`RELATIVE_OPENERS`]); the label is what
/// follows, up to [`PREDICATE_WORDS`] words and to the next punctuation.
fn relative_description(text: &str, sentence: Span, mention: &Mention) -> Option<Label> {
    if !describable(mention) {
        return None;
    }
    let rest = text.get(mention.span.end..sentence.end)?;
    let clause = rest
        .strip_prefix(", who ")
        .or_else(|| rest.strip_prefix(", which "))?;
    let lower = clause.to_lowercase();
    let opener = RELATIVE_OPENERS
        .iter()
        .filter(|o| lower.starts_with(&format!("{o} ")))
        .max_by_key(|o| o.len())?;
    let start = mention.span.end + (rest.len() - clause.len()) + opener.len() + 1;
    let body = text.get(start..sentence.end)?;
    let end = body
        .find([',', ';', ':', '.', '(', ')', '"', '\u{201c}', '\u{201d}'])
        .unwrap_or(body.len());
    let phrase = body[..end].trim_end();
    let count = phrase.split_whitespace().count();
    if count == 0 || count > PREDICATE_WORDS || !phrase.starts_with(char::is_alphanumeric) {
        return None;
    }
    let span = Span::new(start, start + phrase.len());
    Some(Label {
        span,
        text: phrase.to_string(),
        target: LabelTarget::Entity(mention.entity),
    })
}

/// The people or body named as acting for an entity: "Russian officials" labels Russia, "South
/// Korean government official" South Korea, "the Trump administration" Trump. The longest run of up to
/// [`ACTING_FOR_MODIFIERS`] lower-case words ending in an [`ACTING_FOR`] noun counts.
fn acting_for(text: &str, mention: &Mention, mentions: &[Mention]) -> Option<Label> {
    if mention.kind == EntityKind::Other || mention.form == MentionForm::Pronoun {
        return None;
    }
    let mut from = mention.span.end;
    if text[from..].starts_with("'s") {
        from += 2;
    }
    let mut window = text.len().min(from + 120);
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let (mut end, mut previous) = (None, from);
    for (start, stop) in words_in(text, Span::new(from, window))
        .into_iter()
        .take(ACTING_FOR_MODIFIERS + 1)
    {
        // "the Syrian regime's use": the possessive ends the phrase at its noun.
        let (word, possessive) = match text[start..stop].strip_suffix("'s") {
            Some(noun) => (noun, true),
            None => (&text[start..stop], false),
        };
        let lower = word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if &text[previous..start] != " " || !lower {
            break;
        }
        if ACTING_FOR.contains(&word) || lists().group_actors.contains(word) {
            end = Some(start + word.len());
            if possessive {
                break;
            }
        } else if possessive || ends_phrase(word) {
            // "Trump said officials", "Seoul installed what officials": a clause, not a title.
            break;
        }
        previous = stop;
    }
    let end = end?;
    // "the former British spy Christopher Steele": a title right before a person's name is that
    // person's.
    // Mentions are in text order: the first one after the end is the one to look at.
    let next = mentions.partition_point(|m| m.span.start <= end);
    let before_person = mentions[next..].iter().take(2).any(|m| {
        m.kind == EntityKind::Person
            && m.form == MentionForm::Name
            && text[end..m.span.start].trim().is_empty()
    });
    if before_person {
        return None;
    }
    let span = Span::new(premodified(text, mention.span.start), end);
    Some(Label {
        span,
        text: span.slice(text)?.to_string(),
        target: LabelTarget::Entity(mention.entity),
    })
}

/// The words that describe a name between a determiner and the name: "an unwelcoming London",
/// "the entire continental U.S.", "the reclusive Kim". Up to two lower-case words that are no
/// function words, verbs or loaded words (those label on their own); not where the name itself
/// modifies a noun after it ("the so-called Comey memos").
fn described_name(text: &str, words: &[(usize, usize)], mention: &Mention) -> Option<Label> {
    if !matches!(mention.form, MentionForm::Name | MentionForm::Acronym)
        || mention.kind == EntityKind::Group
    {
        return None;
    }
    let first = words.iter().position(|w| w.0 == mention.span.start)?;
    let last = words.iter().rposition(|w| w.1 <= mention.span.end)?;
    if modifies_next(text, words, last) {
        return None;
    }
    let lower = |i: usize| text[words[i].0..words[i].1].to_lowercase();
    let joined = |i: usize| text[words[i].1..words[i + 1].0].trim().is_empty();
    let mut from = first;
    while from > 0 && first - from < 2 && joined(from - 1) {
        let word = lower(from - 1);
        let describes = text[words[from - 1].0..].starts_with(char::is_lowercase)
            && word.chars().all(|c| c.is_alphabetic() || c == '-')
            && !word.ends_with("ly")
            && !DETERMINERS.contains(&word.as_str())
            && !PRONOUNS.contains(&word.as_str())
            && !lists().not_modifiers.contains(word.as_str())
            && !lists().verb_not.contains(word.as_str())
            && !lists().loaded_modifiers.contains(word.as_str())
            && !lists().group_actors.contains(word.as_str());
        if !describes {
            break;
        }
        from -= 1;
    }
    let determiner = from
        .checked_sub(1)
        .is_some_and(|d| joined(d) && DETERMINERS.contains(&lower(d).as_str()));
    if from == first || !determiner {
        return None;
    }
    let span = Span::new(words[from].0, mention.span.end);
    Some(Label {
        span,
        text: span.slice(text)?.to_string(),
        target: LabelTarget::Entity(mention.entity),
    })
}

/// Where a title or a name that acts for someone starts once the words that qualify it in time
/// or standing are counted in: "former British spy", "newly-minted President", "then-national
/// security adviser". Up to two lower-case words of [`PREMODIFIERS`] or hyphenated compounds
/// right before `start`.
fn premodified(text: &str, start: usize) -> usize {
    let mut from = start;
    for _ in 0..2 {
        let before = &text[..from];
        let Some(gap) = before.strip_suffix(' ') else {
            break;
        };
        let word_start = gap
            .char_indices()
            .rfind(|&(_, c)| !(c.is_alphabetic() || c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &gap[word_start..];
        let compound = word.contains('-') && !word.starts_with('-') && !word.ends_with('-');
        // A loaded modifier ("self-proclaimed") is a label of its own.
        if word.is_empty()
            || !word.starts_with(char::is_lowercase)
            || lists().loaded_modifiers.contains(word)
            || !(compound || PREMODIFIERS.contains(&word))
        {
            break;
        }
        from = word_start;
    }
    from
}

/// Where the role words of a mention stand, just before it; for a role around the name, where
/// its title stands.
fn role_span(text: &str, mention: &Mention, role: &str) -> Option<Span> {
    let before = text.get(..mention.span.start)?;
    let trimmed = before.trim_end();
    if trimmed.len() >= role.len() {
        let start = trimmed.len() - role.len();
        if text.get(start..trimmed.len())?.eq_ignore_ascii_case(role) {
            return Some(Span::new(premodified(text, start), trimmed.len()));
        }
    }
    // A role around the name: "President Moon Jae-in of South Korea" (role "President of South
    // Korea") is labelled by its title, the words before the name; the place named after the
    // name has its own mention.
    let words: Vec<&str> = role.split(' ').collect();
    let rest = text.get(mention.span.end..).unwrap_or("").trim_start();
    for k in (1..words.len()).rev() {
        let head = words[..k].join(" ");
        let tail = words[k..].join(" ");
        let Some(start) = trimmed.len().checked_sub(head.len()) else {
            continue;
        };
        let title = text.get(start..trimmed.len());
        if title.is_some_and(|t| t.eq_ignore_ascii_case(&head))
            && rest
                .get(..tail.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(&tail))
        {
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
mod tests;
