//! Named entities in one article: people, organisations, places and groups, with in-document
//! coreference (surnames, acronyms, titles, descriptions, pronouns) and a transliteration-aware
//! name key for linking across documents.
//!
//! The rules are gazetteer-light: a name is a run of capitalised words (with particles such as
//! "de" or "von der" inside, and "of" inside organisation names); a word capitalised only because
//! it opens a sentence or a title-case headline counts when the article also writes it
//! capitalised mid-sentence, when a built-in list knows it, or when a cue follows. Leading titles
//! ("Kazakh President", "Deputy Prime Minister") become the mention's role. Kinds come from small
//! lists (countries, capitals, nationality adjectives, given names) and from cues (organisation
//! suffixes, titles, speech verbs, a preceding "in").
//!
//! ```
//! use triangulate_analyze::{entities, sentences};
//! let text = "Mayor Ilse Brandt opened the bridge in Velden. Brandt said it was overdue.";
//! let (mentions, entities) = entities::find(text, &sentences::split(text));
//! let brandt = &entities[mentions[0].entity];
//! assert_eq!(brandt.name, "Ilse Brandt");
//! assert_eq!(mentions[0].role.as_deref(), Some("Mayor"));
//! assert!(mentions.iter().any(|m| m.text == "Brandt" && m.entity == mentions[0].entity));
//! ```

mod coref;
mod key;
mod lexicon;
mod tokens;

use std::collections::HashSet;

use triangulate_model::{EntityKind, LocalEntity, Mention, Span};

pub use key::{name_key, surname_key};
use lexicon::{lower_in, NOT_NAMES, ORG_WORDS, PARTICLES, PLACE_WORDS, SAID_VERBS, TITLES};
use tokens::Token;

/// A proper-name mention before coreference.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub span: Span,
    pub text: String,
    pub words: Vec<String>,
    pub kind: EntityKind,
    /// Whether the kind comes from evidence rather than the fallback.
    pub sure: bool,
    pub acronym: bool,
    pub role: Option<String>,
    /// Token index of the first name word, for the "most recent" searches.
    pub sentence: usize,
    /// A role with no name after it ("the Kazakh President"): resolved like a description.
    pub bare_role: bool,
    /// An acronym given in parentheses right after this name: "Human Rights Watch (HRW)".
    pub defines: Option<String>,
}

/// Finds entity mentions in `text` and groups them into in-document entities.
pub fn find(text: &str, sentences: &[Span]) -> (Vec<Mention>, Vec<LocalEntity>) {
    let toks = tokens::tokenize(text, sentences);
    let headline = headline_sentences(&toks, sentences.len());
    let seen = Seen::collect(&toks, &headline);
    let candidates = candidates(&toks, &headline, &seen);
    coref::resolve(text, &toks, candidates)
}

/// Words the article writes capitalised mid-sentence, and words it writes in lower case.
struct Seen {
    capital: HashSet<String>,
    lower: HashSet<String>,
}

impl Seen {
    fn collect(toks: &[Token], headline: &[bool]) -> Self {
        let mut capital = HashSet::new();
        let mut lower = HashSet::new();
        for t in toks.iter().filter(|t| t.word) {
            if t.capitalised() {
                if !t.initial && !headline[t.sentence] {
                    capital.insert(t.text.to_string());
                }
            } else {
                lower.insert(t.text.to_lowercase());
            }
        }
        Seen { capital, lower }
    }
}

/// Sentences written in title case ("Russia, West Fight For Kazakhstan"), where capitals do not
/// mark names.
fn headline_sentences(toks: &[Token], count: usize) -> Vec<bool> {
    let mut words = vec![0usize; count];
    let mut capitals = vec![0usize; count];
    let mut function_capitals = vec![0usize; count];
    for t in toks.iter().filter(|t| t.word) {
        if t.text.chars().next().is_some_and(char::is_numeric) {
            continue;
        }
        words[t.sentence] += 1;
        if t.capitalised() {
            capitals[t.sentence] += 1;
            if !t.initial && lower_in(NOT_NAMES, t.text) {
                function_capitals[t.sentence] += 1;
            }
        }
    }
    (0..count)
        .map(|s| {
            words[s] >= 4 && capitals[s] * 4 >= words[s] * 3 && function_capitals[s] > 0
                || words[s] >= 3 && capitals[s] == words[s]
        })
        .collect()
}

fn is_title(word: &str) -> bool {
    lower_in(TITLES, word)
}

/// A word shaped like a nationality adjective the list does not know ("Borovian", "Kazakhstani").
fn demonym_shape(word: &str) -> bool {
    ["an", "ese", "ish", "i"]
        .iter()
        .any(|end| word.ends_with(end))
}

fn known_word(word: &str) -> bool {
    lexicon::is_place(word)
        || lexicon::nation_of_adjective(word).is_some()
        || lower_in(lexicon::GIVEN_NAMES, word)
}

/// Whether the capitalised token at `i` may be part of a name.
fn name_word(toks: &[Token], i: usize, headline: &[bool], seen: &Seen) -> bool {
    let t = &toks[i];
    if !t.capitalised() {
        // "al-Assad", "iPhone"-like words are left out on purpose: too rare to pay for the noise.
        return false;
    }
    let lower = t.text.to_lowercase();
    let bare = lower.trim_end_matches('.');
    if lexicon::CALENDAR.contains(&bare) {
        return false;
    }
    let in_question = t.initial || headline[t.sentence];
    if !in_question {
        return !matches!(bare, "the" | "a" | "an");
    }
    if NOT_NAMES.contains(&lower.as_str()) || NOT_NAMES.contains(&bare) {
        return false;
    }
    if t.acronym() || known_word(t.text) || is_title(t.text) {
        return true;
    }
    if seen.capital.contains(t.text) {
        return true;
    }
    if seen.lower.contains(&lower) {
        return false;
    }
    // A following capitalised word or speech verb vouches for an opening word.
    if lower.ends_with("ing") || lower.ends_with("ly") {
        return false;
    }
    let next = toks[i + 1..].iter().find(|n| n.word);
    next.is_some_and(|n| {
        n.sentence == t.sentence
            && ((n.capitalised() && !lower_in(NOT_NAMES, n.text)) || lower_in(SAID_VERBS, n.text))
    })
}

/// Runs of name words, split into role and name, with kinds.
fn candidates(toks: &[Token], headline: &[bool], seen: &Seen) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].word || !name_word(toks, i, headline, seen) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i + 1;
        while j < toks.len() && toks[j].sentence == toks[i].sentence {
            if toks[j].word && name_word(toks, j, headline, seen) && !toks[j].initial {
                run.push(j);
                j += 1;
                continue;
            }
            // Particles and "of" join two capitalised parts: "Ursula von der Leyen",
            // "University of Glasgow".
            let mut k = j;
            while k < toks.len()
                && toks[k].word
                && (lower_in(PARTICLES, toks[k].text) || toks[k].text == "of")
                && !toks[k].capitalised()
                && k - j < 3
            {
                k += 1;
            }
            if k > j
                && k < toks.len()
                && toks[k].word
                && toks[k].sentence == toks[i].sentence
                && name_word(toks, k, headline, seen)
            {
                run.extend(j..=k);
                j = k + 1;
                continue;
            }
            break;
        }
        split_run(toks, &run, &mut out);
        i = j.max(i + 1);
    }
    mark_acronym_definitions(toks, &mut out);
    attach_appositive_roles(toks, &mut out);
    out
}

/// "the President of Kazakhstan, Kasim-Zhomart Tokaev": a role phrase set off by a comma before
/// a name is that name's role.
fn attach_appositive_roles(toks: &[Token], out: &mut Vec<Candidate>) {
    let mut drop = Vec::new();
    for i in 0..out.len() {
        if !out[i].bare_role {
            continue;
        }
        let Some(next) = (i + 1..out.len()).find(|&j| out[j].span.start >= out[i].span.end) else {
            continue;
        };
        let between: Vec<&str> = toks
            .iter()
            .filter(|t| t.start >= out[i].span.end && t.end <= out[next].span.start)
            .map(|t| t.text)
            .collect();
        if between == [","]
            && out[next].role.is_none()
            && !out[next].bare_role
            && out[next].words.len() >= 2
        {
            out[next].role = out[i].role.clone();
            out[next].kind = EntityKind::Person;
            out[next].sure = true;
            drop.push(i);
        }
    }
    for i in drop.into_iter().rev() {
        out.remove(i);
    }
}

/// Turns one run of name words into candidates: leading titles become the role, a trailing
/// "President of Kazakhstan" becomes the role of the name before it, hyphenated place pairs
/// ("Russia-Ukraine") split in two.
fn split_run(toks: &[Token], run: &[usize], out: &mut Vec<Candidate>) {
    let words: Vec<&str> = run.iter().map(|&t| toks[t].text).collect();
    let last = words.last().copied().unwrap_or("");
    let institutional = lower_in(ORG_WORDS, last) || lower_in(PLACE_WORDS, last);
    // Leading titles, with nationality adjectives among them: "Kazakh President".
    let mut lead = 0;
    if !institutional {
        while lead < words.len()
            && (is_title(words[lead])
                || (lead == 0
                    && demonym_shape(words[0])
                    && words.get(1).is_some_and(|w| is_title(w)))
                || lexicon::nation_of_adjective(words[lead]).is_some()
                || (lead > 0 && words[lead] == "of"))
        {
            lead += 1;
        }
        let has_title = words[..lead].iter().any(|w| is_title(w));
        if !has_title {
            lead = 0;
        }
        // "Prime Minister of Kazakhstan Tokayev" keeps "of X" in the role; a bare "of" may not end it.
        while lead > 0 && words[lead - 1] == "of" {
            lead -= 1;
        }
    }
    let role = (lead > 0).then(|| join(toks, &run[..lead]));
    if lead > 0 && lead < words.len() && words[lead] == "of" {
        // "President of Kazakhstan": a role phrase; the place inside is a name of its own.
        let place = &run[lead + 1..];
        if !place.is_empty() {
            let mut c = candidate(toks, place, None, false);
            classify(toks, place, &mut c);
            out.push(c);
        }
        out.push(candidate(toks, run, Some(join(toks, run)), true));
        return;
    }
    if lead == words.len() {
        // Only titles: "the Kazakh President", "President of Kazakhstan".
        out.push(candidate(toks, run, role, true));
        return;
    }
    let rest = &run[lead..];
    // A trailing title ends the name: "Kasym-Zhomart Tokayev President of Kazakhstan".
    let mut end = rest.len();
    for (n, &t) in rest.iter().enumerate().skip(1) {
        if is_title(toks[t].text) && !institutional {
            end = n;
            break;
        }
    }
    let name = &rest[..end];
    let trailing = (end < rest.len()).then(|| join(toks, &rest[end..]));
    let role = match (role, trailing) {
        (Some(r), Some(t)) => Some(format!("{r}, {t}")),
        (r, t) => r.or(t),
    };
    // "Russia-Ukraine": a hyphenated pair of places or nationalities names two entities.
    if name.len() == 1 {
        let t = &toks[name[0]];
        let parts: Vec<&str> = t.text.split('-').collect();
        if parts.len() > 1
            && parts
                .iter()
                .all(|p| lexicon::is_place(p) || lexicon::nation_of_adjective(p).is_some())
        {
            let mut offset = t.start;
            for part in parts {
                let span = Span::new(offset, offset + part.len());
                out.push(Candidate {
                    span,
                    text: part.to_string(),
                    words: vec![part.to_string()],
                    kind: kind_of_single(part),
                    sure: true,
                    acronym: false,
                    role: None,
                    sentence: t.sentence,
                    bare_role: false,
                    defines: None,
                });
                offset += part.len() + 1;
            }
            return;
        }
    }
    let mut c = candidate(toks, name, role, false);
    classify(toks, name, &mut c);
    out.push(c);
}

/// The text from the start of token `run[0]` to the end of the last token of `run`.
fn join(toks: &[Token], run: &[usize]) -> String {
    match (run.first(), run.last()) {
        (Some(&a), Some(&b)) => span_text(toks, a, b),
        _ => String::new(),
    }
}

fn span_text(toks: &[Token], a: usize, b: usize) -> String {
    // Tokens of one sentence are contiguous slices of one text: rebuild the stretch between
    // them with single spaces where the text had white space.
    let mut s = String::new();
    let mut prev_end = None;
    for t in &toks[a..=b] {
        if prev_end.is_some_and(|e| e < t.start) {
            s.push(' ');
        }
        s.push_str(t.text);
        prev_end = Some(t.end);
    }
    s
}

fn candidate(toks: &[Token], run: &[usize], role: Option<String>, bare: bool) -> Candidate {
    let (first, last) = (&toks[run[0]], &toks[run[run.len() - 1]]);
    let words: Vec<String> = run.iter().map(|&t| toks[t].text.to_string()).collect();
    Candidate {
        span: Span::new(first.start, last.end),
        text: span_text(toks, run[0], run[run.len() - 1]),
        acronym: run.len() == 1 && first.acronym(),
        words,
        kind: EntityKind::Person,
        sure: bare,
        role,
        sentence: first.sentence,
        bare_role: bare,
        defines: None,
    }
}

fn kind_of_single(word: &str) -> EntityKind {
    if lexicon::is_place(word) {
        EntityKind::Location
    } else if lexicon::nation_of_adjective(word).is_some() {
        EntityKind::Group
    } else {
        EntityKind::Organization
    }
}

/// Chooses a kind from the name's words and its context.
fn classify(toks: &[Token], name: &[usize], c: &mut Candidate) {
    let words = &c.words;
    let last = words.last().map(String::as_str).unwrap_or("");
    let first = words.first().map(String::as_str).unwrap_or("");
    let before = name[0]
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .filter(|t| t.sentence == c.sentence);
    let after = toks.get(name[name.len() - 1] + 1);
    let after_word = toks[name[name.len() - 1] + 1..]
        .iter()
        .take(3)
        .find(|t| t.word)
        .filter(|t| t.sentence == c.sentence);
    let person_title = c
        .role
        .as_deref()
        .is_some_and(|r| r.split(' ').any(|w| is_title(w) && !lower_in(ORG_WORDS, w)));
    let (kind, sure) = if lexicon::is_place(&c.text) {
        (EntityKind::Location, true)
    } else if words.len() == 1 && lexicon::nation_of_adjective(first).is_some() {
        (EntityKind::Group, true)
    } else if words.iter().any(|w| lower_in(ORG_WORDS, w)) && !person_title {
        (EntityKind::Organization, true)
    } else if lower_in(PLACE_WORDS, last) {
        (EntityKind::Location, true)
    } else if person_title {
        (EntityKind::Person, true)
    } else if words.len() >= 2 && lower_in(lexicon::GIVEN_NAMES, first) {
        (EntityKind::Person, true)
    } else if c.acronym {
        (EntityKind::Organization, false)
    } else if before.is_some_and(|t| {
        matches!(
            t.text,
            "in" | "In" | "near" | "from" | "across" | "to" | "toward" | "towards" | "visiting"
        )
    }) {
        (EntityKind::Location, false)
    } else if after_word.is_some_and(|t| lower_in(SAID_VERBS, t.text))
        && !after.is_some_and(|t| t.text == "'" || t.text == "\u{2019}")
    {
        (EntityKind::Person, words.len() >= 2)
    } else if words.len() >= 2 && lexicon::is_place(first) {
        // "Kyiv Independent", "Astana Times": a place name heading a longer name.
        (EntityKind::Organization, false)
    } else if words.len() >= 2 && words.len() <= 3 && words.iter().all(|w| !w.contains('.')) {
        (EntityKind::Person, false)
    } else {
        (EntityKind::Organization, false)
    };
    c.kind = kind;
    c.sure = sure;
}

/// "Human Rights Watch (HRW)": the acronym in parentheses names the entity before it.
fn mark_acronym_definitions(toks: &[Token], out: &mut [Candidate]) {
    for i in 0..out.len().saturating_sub(1) {
        let (a, b) = (&out[i], &out[i + 1]);
        if !b.acronym || a.acronym {
            continue;
        }
        let between: Vec<&str> = toks
            .iter()
            .filter(|t| t.start >= a.span.end && t.end <= b.span.start)
            .map(|t| t.text)
            .collect();
        if between == ["("] {
            out[i].defines = Some(out[i + 1].text.clone());
        }
    }
}

#[cfg(test)]
mod tests;
