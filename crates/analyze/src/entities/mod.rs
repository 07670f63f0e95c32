//! Named entities in one article: people, organisations, places and groups, with in-document
//! coreference (surnames, acronyms, titles, descriptions, pronouns) and a transliteration-aware
//! name key for linking across documents.
//!
//! The rules are gazetteer-light: a name is a run of capitalised words (with particles such as
//! "de" or "von der" inside, and "of" inside organisation names); a word capitalised only because
//! it opens a sentence or a title-case headline counts when the article also writes it
//! capitalised mid-sentence, when a built-in list knows it, or when a cue follows. Leading titles
//! ("Kazakh President", "Deputy Prime Minister") become the mention's role. Kinds come from small
//! lists (countries in English, Spanish, Italian and Dutch, nationality adjectives, given names,
//! organisation and place words) and from context that only one kind takes: a corporate title
//! after the name ("X CEO Jane Roe"), "shares of X", "operator X", "X, which", a speech verb, a
//! preceding "in". Pronouns go to a person of matching gender, the subject for "he" and "she".
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

mod classify;
mod coref;
mod key;
pub(crate) mod lexicon;
mod tokens;

use std::collections::HashSet;

use triangulate_model::{EntityKind, LocalEntity, Mention, Span};

use classify::{classify, kind_of_single, org_word};
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
    /// Calendar words the article writes after a given name or title ("Theresa May"): further
    /// on, "May" alone is that surname unless a date or a preposition surrounds it.
    calendar_surnames: HashSet<String>,
    /// Words that open a sentence of the body followed by another capitalised word ("Talvora
    /// Systems said"): the first word of a name, which may open other sentences alone.
    openers: HashSet<String>,
}

impl Seen {
    fn collect(toks: &[Token], headline: &[bool]) -> Self {
        let mut capital = HashSet::new();
        let mut lower = HashSet::new();
        let mut calendar_surnames = HashSet::new();
        let mut openers = HashSet::new();
        for (i, t) in toks.iter().enumerate() {
            if !t.word {
                continue;
            }
            if t.initial
                && !headline[t.sentence]
                && t.capitalised()
                && toks.get(i + 1).is_some_and(|n| {
                    n.word
                        && n.sentence == t.sentence
                        && n.capitalised()
                        && !lower_in(NOT_NAMES, n.text)
                })
            {
                openers.insert(t.text.to_string());
            }
            if t.capitalised()
                && i > 0
                && lexicon::CALENDAR.contains(&t.text.to_lowercase().as_str())
                && after_name_lead(toks, i)
            {
                calendar_surnames.insert(t.text.to_string());
            }
            if t.capitalised() {
                if !t.initial && !headline[t.sentence] {
                    capital.insert(t.text.to_string());
                }
            } else {
                lower.insert(t.text.to_lowercase());
            }
        }
        Seen {
            capital,
            lower,
            calendar_surnames,
            openers,
        }
    }
}

/// Whether the word at `i` follows a given name or a title in its sentence: "Theresa May",
/// "Mrs. May", "Minister Hilde May".
fn after_name_lead(toks: &[Token], i: usize) -> bool {
    let word_before = |j: usize| {
        j.checked_sub(1)
            .map(|p| &toks[p])
            .filter(|p| p.word && p.sentence == toks[i].sentence)
    };
    let Some(p) = word_before(i) else {
        return false;
    };
    // "Prime Minister Hilde May": an unknown given name between a title and the month.
    is_title(p.text)
        || lexicon::is_given_name(p.text)
        || (p.capitalised() && word_before(i - 1).is_some_and(|q| is_title(q.text)))
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
            // Days and months are capitalised in any sentence, so they say nothing of title case.
            let calendar = lower_in(lexicon::CALENDAR, t.text);
            if !t.initial && !calendar && lower_in(NOT_NAMES, t.text) {
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

/// A form of address that only people take: "Mr.", "Mrs.", "Ms.", "Dr.".
fn is_honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "mr" | "mrs" | "ms" | "dr" | "miss" | "mme" | "herr" | "frau"
    )
}

fn is_title(word: &str) -> bool {
    lower_in(TITLES, word)
        || qualified(word).is_some_and(|t| lower_in(TITLES, t))
        // "President-elect", "Secretary of State-designate": an office not yet taken.
        || word
            .rsplit_once('-')
            .is_some_and(|(office, state)| !office.is_empty() && lower_in(&["elect", "designate"], state))
}

/// The title or role noun inside a word that dates it: "then-President", "ex-minister".
fn qualified(word: &str) -> Option<&str> {
    let (qualifier, rest) = word.split_once('-')?;
    (lower_in(&["then", "ex", "former"], qualifier) && !rest.is_empty()).then_some(rest)
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
        || lexicon::is_given_name(word)
}

/// Whether the capitalised token at `i` may be part of a name.
fn name_word(toks: &[Token], i: usize, headline: &[bool], seen: &Seen) -> bool {
    let t = &toks[i];
    if !t.capitalised() {
        // "al-Assad", "iPhone"-like words are left out on purpose: too rare to pay for the noise.
        return false;
    }
    // "US$", and a country code spaced from the sign before an amount ("US $ 40"): a currency.
    let code = t.text.len() <= 3 && t.text.chars().all(|c| c.is_ascii_uppercase());
    if toks.get(i + 1).is_some_and(|n| {
        matches!(n.text, "$" | "\u{20ac}" | "\u{a3}")
            && (n.start == t.end
                || (code
                    && toks
                        .get(i + 2)
                        .is_some_and(|a| a.text.starts_with(|c: char| c.is_ascii_digit()))))
    }) {
        return false;
    }
    let lower = t.text.to_lowercase();
    let bare = lower.trim_end_matches('.');
    if lexicon::CALENDAR.contains(&bare) {
        // "Theresa May", "Mrs. May": a calendar word after a given name or title is a surname;
        // so is a lone "May" in an article that has named her, unless a date surrounds it.
        if after_name_lead(toks, i) {
            return true;
        }
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        let next = toks.get(i + 1);
        return !t.initial
            && seen.calendar_surnames.contains(t.text)
            && !next.is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()))
            && !prev.is_some_and(|p| {
                p.text.starts_with(|c: char| c.is_ascii_digit())
                    || lower_in(lexicon::DATE_PREPOSITIONS, p.text)
            });
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
    // "Talvora said" after "Talvora Systems announced": the opening word of a name.
    if seen.openers.contains(t.text) {
        return true;
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
            // A plural possessive inside a name: "Velmarsk Dockers' Union".
            if toks[j].start == toks[j - 1].end
                && matches!(toks[j].text, "'" | "\u{2019}")
                && toks[j - 1].text.ends_with('s')
                && toks
                    .get(j + 1)
                    .is_some_and(|n| n.sentence == toks[i].sentence && n.start > toks[j].end)
                && name_word(toks, j + 1, headline, seen)
            {
                run.extend([j, j + 1]);
                j += 2;
                continue;
            }
            // Particles and "of" join two capitalised parts: "Ursula von der Leyen",
            // "University of Glasgow". A particle after a title is a role and its organisation
            // ("CEO de Apple"); "of" after one is left to the title rules ("Secretary of
            // State").
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
                && (toks[j].text == "of" || !lower_in(TITLES, toks[j - 1].text))
                && name_word(toks, k, headline, seen)
            {
                run.extend(j..=k);
                j = k + 1;
                continue;
            }
            break;
        }
        split_run(toks, &run, seen, &mut out);
        i = j.max(i + 1);
    }
    mark_acronym_definitions(toks, &mut out);
    attach_appositive_roles(toks, &mut out);
    attach_lower_case_roles(toks, &mut out);
    out
}

/// "North Korean leader Kim Jong-un", "dictator Kim", "special counsel Robert Mueller": a
/// lower-case role noun right before a name is that name's role, together with a nationality
/// before the noun.
fn attach_lower_case_roles(toks: &[Token], out: &mut Vec<Candidate>) {
    let mut drop = Vec::new();
    for i in 0..out.len() {
        let c = &out[i];
        let placed = c.sure && c.kind != EntityKind::Person;
        if c.role.is_some() || c.bare_role || c.acronym || placed {
            continue;
        }
        let Ok(k) = toks.binary_search_by_key(&c.span.start, |t| t.start) else {
            continue;
        };
        let Some(p) = k.checked_sub(1).filter(|&p| {
            let t = &toks[p];
            t.word
                && t.sentence == toks[k].sentence
                && !t.capitalised()
                && (lexicon::ROLE_NOUNS.contains(&t.text)
                    || qualified(t.text)
                        .is_some_and(|r| lexicon::ROLE_NOUNS.contains(&r) || lower_in(TITLES, r)))
        }) else {
            continue;
        };
        // "chief executive", "prime minister": the words that complete the role noun.
        let noun = p;
        let mut p = p;
        while let Some(q) = p.checked_sub(1).filter(|&q| {
            let t = &toks[q];
            t.word
                && t.sentence == toks[k].sentence
                && !t.capitalised()
                && lexicon::ROLE_MODIFIERS.contains(&t.text)
        }) {
            p = q;
        }
        // A common noun capitalised only because it opens the sentence belongs to the role
        // ("Port director", "Union leader", "Chief executive") and is no name of its own; so
        // does a nationality ("North Korean leader"), which stays a name too.
        let opener = p.checked_sub(1).filter(|&q| {
            let t = &toks[q];
            t.word
                && t.initial
                && t.sentence == toks[p].sentence
                && !known_word(t.text)
                && (lower_in(PLACE_WORDS, t.text)
                    || lower_in(ORG_WORDS, t.text)
                    || lower_in(lexicon::ROLE_MODIFIERS, t.text))
        });
        let nation = (0..i)
            .rev()
            .find(|&j| out[j].span.end < toks[p].start)
            .filter(|&j| {
                // Nothing stands between the nationality and the noun.
                p.checked_sub(1)
                    .is_some_and(|q| toks[q].end == out[j].span.end)
                    && out[j]
                        .words
                        .last()
                        .is_some_and(|w| lexicon::nation_of_adjective(w).is_some())
            });
        let from = match (opener, nation) {
            (Some(q), _) => {
                drop.extend((0..i).filter(|&j| out[j].span.start == toks[q].start));
                q
            }
            (None, Some(j)) => toks
                .binary_search_by_key(&out[j].span.start, |t| t.start)
                .unwrap_or(p),
            (None, None) => p,
        };
        let role = span_text(toks, from, noun);
        let c = &mut out[i];
        c.role = Some(role);
        c.kind = EntityKind::Person;
        c.sure = true;
    }
    drop.sort_unstable();
    drop.dedup();
    for j in drop.into_iter().rev() {
        out.remove(j);
    }
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
fn split_run(toks: &[Token], run: &[usize], seen: &Seen, out: &mut Vec<Candidate>) {
    let words: Vec<&str> = run.iter().map(|&t| toks[t].text).collect();
    let last = words.last().copied().unwrap_or("");
    // "Adam Air Flight 574": a flight number names the flight; the words before it, the airline.
    let numbered = toks
        .get(run[run.len() - 1] + 1)
        .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
    if words.len() >= 2 && last == "Flight" && numbered {
        let before = out.len();
        split_run(toks, &run[..run.len() - 1], seen, out);
        make_organisations(&mut out[before..], true);
        return;
    }
    // "Chrysler Robert Nardelli": a name, then a given name and a surname, is two names (the
    // title between them left out, as in "il CEO di Chrysler Robert Nardelli"). A given name
    // after another ("Mary Ann Lane"), a title ("President Ana Dulcet") or a place prefix ("San
    // Francisco Giants") stays inside.
    let person_from = (1..words.len().saturating_sub(1)).find(|&p| {
        let prev = words[p - 1];
        lexicon::is_given_name(words[p])
            && !lexicon::is_given_name(prev)
            && !is_title(prev)
            && !lower_in(lexicon::PLACE_PREFIXES, prev)
            && !lower_in(PARTICLES, prev)
            && prev != "of"
            && words[p + 1..]
                .iter()
                .all(|w| !org_word(w) && !lower_in(PLACE_WORDS, w) && !is_title(w))
    });
    if let Some(p) = person_from {
        split_run(toks, &run[..p], seen, out);
        split_run(toks, &run[p..], seen, out);
        return;
    }
    // "Mr. Park", "Mrs. Hall": an honorific before one word names a person whatever the word
    // means ("Dr. Ford Hospital" stays a hospital).
    let honorific = words.len() == 2 && words.first().is_some_and(|w| is_honorific(w));
    let institutional = !honorific && (lower_in(ORG_WORDS, last) || lower_in(PLACE_WORDS, last));
    // Leading titles, with nationality adjectives among them: "Kazakh President".
    let mut lead = 0;
    // "Chief Operating Officer": a word that completes a title, between two titles.
    let completes = |i: usize| {
        lower_in(lexicon::ROLE_MODIFIERS, words[i]) && words.get(i + 1).is_some_and(|w| is_title(w))
    };
    // "of General Motors", "of State Street": a title word that opens an institution's name.
    let opens_institution =
        |i: usize| i > 0 && words[i - 1] == "of" && words.get(i + 1).is_some_and(|w| org_word(w));
    while lead < words.len()
        && !opens_institution(lead)
        && (is_title(words[lead])
            || completes(lead)
            || (lead == 0 && demonym_shape(words[0]) && words.get(1).is_some_and(|w| is_title(w)))
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
    // An institution's name keeps its title words ("Ministry of Justice"), unless they are a
    // role held in it: "Chief Executive Officer of General Motors".
    if institutional && !(lead > 0 && words.get(lead) == Some(&"of")) {
        lead = 0;
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
    // "Stephen King", "Martin Luther King": a title word that ends the run right after given
    // names only is a surname; given names alone do not make a name.
    let surname = |n: usize| {
        n + 1 == rest.len()
            && rest[..n]
                .iter()
                .all(|&u| lexicon::is_given_name(toks[u].text))
    };
    for (n, &t) in rest.iter().enumerate().skip(1) {
        // "Department of Labor": a title word after "of" belongs to the name.
        if is_title(toks[t].text) && !institutional && toks[rest[n - 1]].text != "of" && !surname(n)
        {
            end = n;
            break;
        }
    }
    // "White House Press Secretary", "Russia Foreign Minister": the words that make the title
    // more precise belong to it, not to the name before it.
    while end > 1
        && end < rest.len()
        && lower_in(lexicon::ROLE_MODIFIERS, toks[rest[end - 1]].text)
        && !is_title(toks[rest[end - 1]].text)
    {
        end -= 1;
    }
    let role_tail = rest[end..].iter().all(|&t| {
        let w = toks[t].text;
        is_title(w)
            || w == "of"
            || lexicon::is_place(w)
            || lexicon::nation_of_adjective(w).is_some()
    });
    if !role_tail {
        // "CIA Director Mike Pompeo": a name, then a title that leads the next name. Titles
        // before that name ("Former FBI Director James Comey") open the next name's role.
        let (head, tail) = run.split_at(lead + end);
        let before = out.len();
        split_run(toks, &head[lead..], seen, out);
        // "Northrop Grumman CEO Ron Sugar": what holds a corporate title is a company.
        if lexicon::lower_in(lexicon::CORPORATE_TITLES, toks[tail[0]].text) {
            make_organisations(&mut out[before..], false);
        }
        let first_of_tail = out.len();
        split_run(toks, tail, seen, out);
        if lead > 0 {
            let opening = join(toks, head);
            if let Some(c) = out.get_mut(first_of_tail) {
                if let Some(role) = &c.role {
                    c.role = Some(format!("{opening} {role}"));
                }
            }
        }
        return;
    }
    let name = &rest[..end];
    // "Ryanair CEO", "White House Press Secretary": a company or an institution, then the title
    // of someone who works for it; the phrase is that person's role (named after a comma, or
    // never).
    if lead == 0 && end < rest.len() {
        let mut c = candidate(toks, name, None, false);
        classify(toks, name, &mut c);
        let corporate = lexicon::lower_in(lexicon::CORPORATE_TITLES, toks[rest[end]].text);
        let institution =
            c.sure && matches!(c.kind, EntityKind::Organization | EntityKind::Location);
        if corporate || institution {
            if c.kind == EntityKind::Person {
                c.kind = EntityKind::Organization;
            }
            c.sure = true;
            out.push(c);
            out.push(candidate(toks, run, Some(join(toks, run)), true));
            return;
        }
    }
    let trailing = (end < rest.len()).then(|| join(toks, &rest[end..]));
    let role = match (role, trailing) {
        (Some(r), Some(t)) => Some(format!("{r}, {t}")),
        (r, t) => r.or(t),
    };
    // "Russia-Ukraine": a hyphenated pair of places or nationalities names two entities.
    if name.len() == 1 {
        let t = &toks[name[0]];
        let parts: Vec<&str> = t.text.split('-').collect();
        let known = |p: &str| lexicon::is_place(p) || lexicon::nation_of_adjective(p).is_some();
        // "Trump-Abe summit": names the article also writes alone are two people.
        let standalone =
            |p: &str| p.chars().next().is_some_and(char::is_uppercase) && seen.capital.contains(p);
        if parts.len() > 1
            && (parts.iter().all(|p| known(p))
                || (parts.len() == 2 && parts.iter().all(|p| standalone(p))))
        {
            let mut offset = t.start;
            for part in parts {
                let span = Span::new(offset, offset + part.len());
                out.push(Candidate {
                    span,
                    text: part.to_string(),
                    words: vec![part.to_string()],
                    kind: kind_of_single(part),
                    sure: known(part),
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
    // "Vladimir Putin of Russia": a person's name, then the country they lead or come from.
    if let Some(of) = name.iter().position(|&t| toks[t].text == "of") {
        let (person, place) = (&name[..of], &name[of + 1..]);
        let place_words: Vec<&str> = place.iter().map(|&t| toks[t].text).collect();
        let personal = role.is_some()
            || person
                .first()
                .is_some_and(|&t| lexicon::is_given_name(toks[t].text));
        if personal && person.len() >= 2 && lexicon::is_place(&place_words.join(" ")) {
            let role = Some(match role {
                Some(r) => format!("{r} of {}", place_words.join(" ")),
                None => format!("of {}", place_words.join(" ")),
            });
            let mut c = candidate(toks, person, role, false);
            c.kind = EntityKind::Person;
            c.sure = true;
            out.push(c);
            let mut p = candidate(toks, place, None, false);
            classify(toks, place, &mut p);
            out.push(p);
            return;
        }
    }
    let mut c = candidate(toks, name, role, false);
    classify(toks, name, &mut c);
    // "Port of Velmarsk", "University of Glasgow": the place named after "of" is a place of
    // its own too.
    if let Some(of) = name.iter().position(|&t| toks[t].text == "of") {
        let place = &name[of + 1..];
        let first = toks[name[0]].text;
        let lead_place = lower_in(PLACE_WORDS, first) && of == 1;
        if c.kind == EntityKind::Organization && lead_place && !place.is_empty() {
            let mut p = candidate(toks, place, None, false);
            p.kind = EntityKind::Location;
            p.sure = true;
            out.push(c);
            out.push(p);
            return;
        }
    }
    out.push(c);
}

/// Makes organisations of the names among `candidates` (roles aside): all of them, or with
/// `even_sure` false only those whose kind was a guess.
fn make_organisations(candidates: &mut [Candidate], even_sure: bool) {
    for c in candidates
        .iter_mut()
        .filter(|c| !c.bare_role && (even_sure || !c.sure))
    {
        c.kind = EntityKind::Organization;
        c.sure = true;
    }
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
