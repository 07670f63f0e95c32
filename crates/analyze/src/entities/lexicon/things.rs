//! Names that are neither people, organisations nor places: products and models ("A380",
//! "Boeing 787"), market indices ("the Nikkei", "Dow Jones Industrial Average"), events
//! ("Paris Air Show"), holidays ("Christmas") and currency codes ("USD"). They are kept as mentions of kind `Other`, so that they neither speak nor
//! count as actors.

/// Last words of the names of events.
pub static EVENT_WORDS: &[&str] = &[
    "conference",
    "show",
    "expo",
    "exhibition",
    "summit",
    "festival",
    "olympics",
    "games",
    "cup",
    "championship",
    "championships",
    "fair",
    "marathon",
    "tournament",
];

/// Market indices named on their own ("the Nikkei fell"), and the last words of index names.
pub static INDEX_NAMES: &[&str] = &[
    "nikkei", "ftse", "djia", "dax", "sensex", "kospi", "stoxx", "dow", "topix", "nifty",
];
pub static INDEX_WORDS: &[&str] = &["average", "index", "composite"];

/// Holidays and seasons of the calendar, written in capitals but neither actors nor places
/// ("the Christmas rush", "New Year celebrations"), as lower-case words joined by spaces.
pub static HOLIDAYS: &[&str] = &[
    "christmas",
    "christmas eve",
    "christmas day",
    "new year",
    "new year's",
    "new year's eve",
    "new year's day",
    "easter",
    "thanksgiving",
    "halloween",
    "ramadan",
    "eid",
    "hanukkah",
    "diwali",
    "passover",
    "lent",
    "yom kippur",
    "rosh hashanah",
    "boxing day",
    "labor day",
    "labour day",
    "memorial day",
    "independence day",
    "valentine's day",
    "black friday",
    "good friday",
    "lunar new year",
    "chinese new year",
];

/// Currency codes, which news writes after amounts ("a fee of 40 euros (EUR)").
pub static CURRENCY_CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "chf", "cny", "rmb", "aud", "cad", "rub", "inr", "krw", "hkd",
    "sgd", "sek", "nok", "dkk", "pln", "brl", "mxn", "zar", "nzd", "uah", "kzt",
];

/// Whether a word is a model code: letters and digits together ("A380", "VC-10", "MP3", "A400M").
pub fn is_model_code(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let digits = word.chars().filter(|c| c.is_ascii_digit()).count();
    // "G7", "G20", "E3", "P5": groups of countries, named like models.
    let club = word.len() <= 3
        && word.starts_with(['G', 'E', 'P'])
        && word[1..].chars().all(|c| c.is_ascii_digit());
    letters > 0 && digits > 0 && word.len() <= 10 && !club
}

/// Whether the words of a name make a product, an index or an event rather than an actor.
pub fn names_a_thing(words: &[String]) -> bool {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let last = lower.last().map(String::as_str).unwrap_or("");
    let first = lower.first().map(String::as_str).unwrap_or("");
    // "Boeing 787", "Airbus A380", "Mac OS X 10.6": a maker's name and a model number.
    let numbered = words.len() >= 2
        && words[1..]
            .iter()
            .any(|w| is_model_code(w) || w.chars().all(|c| c.is_ascii_digit()));
    let shouted = words.len() == 1 && words[0].chars().all(|c| c.is_ascii_uppercase());
    (words.len() == 1 && is_model_code(&words[0]))
        || HOLIDAYS.contains(&lower.join(" ").as_str())
        || (shouted && CURRENCY_CODES.contains(&first))
        || numbered
        || INDEX_NAMES.contains(&first)
        || (words.len() >= 2 && INDEX_WORDS.contains(&last))
        || (words.len() >= 2 && EVENT_WORDS.contains(&last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn products_indices_and_events_are_things() {
        for thing in [
            "A380",
            "Vellair V-220",
            "Coastline 42",
            "Nikkei",
            "Vellor Composite",
            "Harbour Share Index",
            "Velmarsk Boat Show",
            "Northern Ports Conference",
            "Christmas",
            "New Year",
            "USD",
        ] {
            assert!(names_a_thing(&names(thing)), "{thing}");
        }
        for actor in [
            "Hanna Moroz",
            "Velmarsk Dockers' Union",
            "Port of Vellor",
            "Air Coastline",
            "G7",
            "Christmas Velk",
            "Usd",
        ] {
            assert!(!names_a_thing(&names(actor)), "{actor}");
        }
    }
}
