//! Small built-in word lists the rules lean on: places, nationalities, titles, organisation
//! suffixes, given names and the capitalised function words that are never names. Lists stay
//! short and general; the rules use context for everything they do not cover.

mod function;
mod organisations;
mod people;
mod places;
mod things;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub use function::*;
pub use organisations::*;
pub use people::*;
pub use places::*;
pub use things::*;

/// The word lists looked up by [`lower_in`], each given one bit of the index.
fn indexed_lists() -> [&'static [&'static str]; 21] {
    [
        TITLES,
        LEADER_TITLES,
        PERSON_NOUNS,
        GIVEN_NAMES,
        FEMALE_NAMES,
        FEMALE_TITLES,
        MALE_TITLES,
        CORPORATE_TITLES,
        ORG_WORDS,
        ORG_HEADS,
        ORG_PREFIXES,
        ORG_NOUNS_BEFORE,
        ORG_NOUNS_BEFORE_OF,
        ORG_NOUNS_AFTER,
        NOT_NAMES,
        PARTICLES,
        SAID_VERBS,
        OBJECT_CUES,
        PLACE_WORDS,
        PLACE_PREFIXES,
        PORT_WORDS,
    ]
}

/// Hashed forms of the lists, built once: the name rules ask several lists about every
/// capitalised word, and scanning them was the largest cost of recognition.
struct Index {
    lists: [&'static [&'static str]; 21],
    /// Lower-case word -> bit set of the lists holding it.
    words: HashMap<&'static str, u32>,
    places: HashSet<&'static str>,
    /// Adjective or demonym -> country.
    nations: HashMap<&'static str, &'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let lists = indexed_lists();
        let mut words: HashMap<&'static str, u32> = HashMap::new();
        for (bit, list) in lists.iter().enumerate() {
            for w in list.iter() {
                *words.entry(w).or_default() |= 1 << bit;
            }
        }
        let mut places: HashSet<&'static str> =
            PLACES.iter().chain(PLACES_ABROAD).copied().collect();
        let mut nations = HashMap::new();
        for &(country, adjective, demonym) in NATIONS {
            places.insert(country);
            nations.entry(adjective).or_insert(country);
            nations.entry(demonym).or_insert(country);
        }
        Index {
            lists,
            words,
            places,
            nations,
        }
    })
}

/// Calls `f` with `word` in lower case, without allocating for short ASCII words.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 40;
    if word.len() <= MAX && word.is_ascii() {
        let mut buf = [0u8; MAX];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return f(std::str::from_utf8(lower).unwrap_or_default());
    }
    f(&word.to_lowercase())
}

/// Whether `list` (lower-case) holds `word` in any case.
pub fn lower_in(list: &[&str], word: &str) -> bool {
    let index = index();
    let bit = index
        .lists
        .iter()
        .position(|l| std::ptr::eq(l.as_ptr(), list.as_ptr()) && l.len() == list.len());
    match bit {
        Some(bit) => with_lower(word, |w| {
            index
                .words
                .get(w)
                .is_some_and(|bits| bits & (1 << bit) != 0)
        }),
        None => with_lower(word, |w| list.contains(&w)),
    }
}

/// The nation whose adjective or demonym this is: ("Kazakh" -> "Kazakhstan").
pub fn nation_of_adjective(word: &str) -> Option<&'static str> {
    index().nations.get(word).copied()
}

/// Whether a word is a given name, a woman's or a man's.
pub fn is_given_name(word: &str) -> bool {
    lower_in(GIVEN_NAMES, word) || lower_in(FEMALE_NAMES, word)
}

pub fn is_place(name: &str) -> bool {
    index().places.contains(name)
}

/// Whether a place is a nation the lexicon knows by an adjective ("Kazakhstan", "France").
pub fn is_nation(name: &str) -> bool {
    index().nations.values().any(|&nation| nation == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_and_scanned_look_ups_agree() {
        assert!(lower_in(TITLES, "President"));
        assert!(lower_in(GIVEN_NAMES, "OLAF"));
        assert!(!lower_in(GIVEN_NAMES, "Velmarsk"));
        // A list the index does not hold is scanned.
        assert!(lower_in(&["he", "she"], "She"));
        assert_eq!(nation_of_adjective("Kazakh"), Some("Kazakhstan"));
        assert!(is_place("Kazakhstan"));
        assert!(!is_place("kazakhstan"));
    }
}
