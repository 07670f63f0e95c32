//! The kind of a name (person, organisation, place, group) from its words and its context.

use triangulate_model::EntityKind;

use super::lexicon::{self, lower_in, ORG_WORDS, PLACE_WORDS, SAID_VERBS};
use super::tokens::Token;
use super::{is_honorific, is_title, Candidate};

/// Whether a name is an unknown word followed by a country or region ("Ford Australia"): people
/// are not named after places that way, companies' national arms are.
fn regional_arm(words: &[String]) -> bool {
    let first = &words[0];
    let place = words[1..].join(" ");
    lexicon::is_place(&place)
        && !lexicon::is_place(first)
        && lexicon::nation_of_adjective(first).is_none()
        && !lexicon::is_given_name(first)
}

pub(super) fn kind_of_single(word: &str) -> EntityKind {
    if lexicon::is_place(word) {
        EntityKind::Location
    } else if lexicon::nation_of_adjective(word).is_some() {
        EntityKind::Group
    } else {
        EntityKind::Organization
    }
}

/// Chooses a kind from the name's words and its context.
pub(super) fn classify(toks: &[Token], name: &[usize], c: &mut Candidate) {
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
    let org_context = organisation_context(toks, name, c.sentence);
    // An honorific makes a person of one word ("Mr. Park"); a longer name with an institution
    // word in it stays what that word says ("Dr. Ford Hospital").
    let honorific = c
        .role
        .as_deref()
        .is_some_and(|r| r.split(' ').next().is_some_and(is_honorific))
        && (words.len() == 1
            || !words
                .iter()
                .any(|w| org_word(w) || lower_in(PLACE_WORDS, w)));
    let (kind, sure) = if lexicon::names_a_thing(words) {
        (EntityKind::Other, true)
    } else if honorific {
        (EntityKind::Person, true)
    } else if lexicon::is_place(&c.text) || shouted_place(words) {
        (EntityKind::Location, true)
    } else if words.len() == 1 && lexicon::nation_of_adjective(first).is_some() {
        (EntityKind::Group, true)
    } else if words.len() >= 3 && lower_in(PLACE_WORDS, first) && words[1] == "of" {
        // "Port of Velmarsk" is run by an authority; "Gulf of Aden" is water.
        if lower_in(lexicon::PORT_WORDS, first) {
            (EntityKind::Organization, true)
        } else {
            (EntityKind::Location, true)
        }
    } else if lower_in(PLACE_WORDS, last) && !org_word(last) {
        // "Changi International Airport": a place word at the end outranks an inner org word.
        (EntityKind::Location, true)
    } else if words.iter().any(|w| org_word(w)) && !person_title {
        (EntityKind::Organization, true)
    } else if lower_in(PLACE_WORDS, last) {
        (EntityKind::Location, true)
    } else if person_title || (words.len() >= 2 && lexicon::is_given_name(first)) {
        (EntityKind::Person, true)
    } else if org_context {
        (EntityKind::Organization, true)
    } else if words.len() >= 2 && words.len() <= 3 && regional_arm(words) {
        // "Ford Australia", "EADS North America": a company's arm in a country or region.
        (EntityKind::Organization, false)
    } else if words.len() == 2
        && lexicon::is_given_name(last)
        && !c.acronym
        && !lower_in(lexicon::PLACE_PREFIXES, first)
    {
        // A given name after an unknown word reads as two founders' names, not as a person
        // ("Lockheed Martin", "McDonnell Douglas"): people put the given name first.
        (EntityKind::Organization, false)
    } else if words.len() >= 2 && lower_in(lexicon::PLACE_PREFIXES, first) {
        // "San Jose", "Fort Worth", "Lake Tahoe".
        (EntityKind::Location, false)
    } else if words.len() >= 2 && lower_in(lexicon::ORG_PREFIXES, first) {
        // "Air Canada", "Air India".
        (EntityKind::Organization, true)
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

/// A place name in capitals, as datelines write it ("BEIJING -", "NEW DELHI,").
fn shouted_place(words: &[String]) -> bool {
    let shouted = words.iter().all(|w| {
        w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
    });
    if !shouted {
        return false;
    }
    let title: Vec<String> = words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect();
    lexicon::is_place(&title.join(" "))
}

/// A word that marks an organisation name. Short ones ("UN", "AG") count only in capitals, so
/// that "Kim Jong Un" stays a person.
pub(super) fn org_word(word: &str) -> bool {
    lower_in(ORG_WORDS, word)
        && (word.len() > 3 || word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
        || lower_in(lexicon::ORG_HEADS, word)
}

/// Context that only an organisation takes: "terminal operator X", "shares of X", "X, which",
/// "X Inc.", "X's shares".
fn organisation_context(toks: &[Token], name: &[usize], sentence: usize) -> bool {
    let (Some(&a), Some(&b)) = (name.first(), name.last()) else {
        return false;
    };
    let prev = |n: usize| {
        a.checked_sub(n)
            .and_then(|p| toks.get(p))
            .filter(|t| t.sentence == sentence)
    };
    let next = |n: usize| toks.get(b + n).filter(|t| t.sentence == sentence);
    if prev(1).is_some_and(|t| lower_in(lexicon::ORG_NOUNS_BEFORE, t.text)) {
        return true;
    }
    // "the Irish airline, Aerlan, said": an appositive after an organisation noun.
    if prev(1).is_some_and(|t| t.text == ",")
        && prev(2).is_some_and(|t| lower_in(lexicon::ORG_NOUNS_BEFORE, t.text))
    {
        return true;
    }
    if prev(1).is_some_and(|t| t.text == "of")
        && prev(2).is_some_and(|t| lower_in(lexicon::ORG_NOUNS_BEFORE_OF, t.text))
    {
        return true;
    }
    if next(1).is_some_and(|t| t.text == ",") && next(2).is_some_and(|t| t.text == "which") {
        return true;
    }
    let possessive = next(1).is_some_and(|t| matches!(t.text, "'" | "\u{2019}"))
        && next(2).is_some_and(|t| t.text == "s");
    let after = if possessive { next(3) } else { next(1) };
    after.is_some_and(|t| lower_in(lexicon::ORG_NOUNS_AFTER, t.text))
}
