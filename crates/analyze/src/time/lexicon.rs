//! Tokens and the closed word lists temporal expressions are built from.

use std::borrow::Cow;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Word,
    Num,
    Punct,
}

/// One token: a run of letters, a run of ASCII digits, or a single other character.
#[derive(Debug, Clone)]
pub(super) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    /// Lowercased text (ASCII lowercasing keeps the byte length, so offsets stay valid).
    pub low: Cow<'a, str>,
    pub class: Class,
    /// No whitespace between this token and the one before it.
    pub glued: bool,
    pub capital: bool,
}

/// Splits `text` into tokens. Letters and digits form separate runs so "1980s", "Q3" and
/// "mid-1990s" come apart into pieces the grammar can recognise.
pub(super) fn tokenize<'a>(text: &'a str) -> Vec<Tok<'a>> {
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 4);
    let mut current: Option<(usize, Class)> = None;
    let mut prev_end = usize::MAX;
    let push =
        |toks: &mut Vec<Tok<'a>>, start: usize, end: usize, class: Class, prev_end: usize| {
            let raw = &text[start..end];
            toks.push(Tok {
                start,
                end,
                // Most tokens are already lowercase: borrow those instead of allocating.
                low: if raw.chars().any(char::is_uppercase) {
                    Cow::Owned(raw.to_lowercase())
                } else {
                    Cow::Borrowed(raw)
                },
                class,
                glued: prev_end == start,
                capital: raw.chars().next().is_some_and(char::is_uppercase),
            });
        };
    for (i, c) in text.char_indices() {
        let class = if c.is_ascii_digit() {
            Some(Class::Num)
        } else if c.is_alphabetic() {
            Some(Class::Word)
        } else {
            None
        };
        match (current, class) {
            (Some((_, cur)), Some(cl)) if cur == cl => continue,
            (Some((s, cur)), _) => {
                push(&mut toks, s, i, cur, prev_end);
                prev_end = i;
                current = None;
            }
            (None, _) => {}
        }
        match class {
            Some(cl) => current = Some((i, cl)),
            None if c.is_whitespace() => {}
            None => {
                let end = i + c.len_utf8();
                push(&mut toks, i, end, Class::Punct, prev_end);
                prev_end = end;
            }
        }
    }
    if let Some((s, cur)) = current {
        push(&mut toks, s, text.len(), cur, prev_end);
    }
    // `to_lowercase` can change byte lengths for a few non-ASCII letters; the grammar only reads
    // `low`, while spans come from `start`/`end`, so that is harmless.
    toks
}

/// Month number (1-12) of a month name or its news abbreviation.
pub(crate) fn month(word: &str) -> Option<u32> {
    let m = match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// True for the short forms that need a following period or day number to count as months.
pub(crate) fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sept"
            | "sep"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Weekday number, Monday = 0.
pub(crate) fn weekday(word: &str) -> Option<u32> {
    let d = match word {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    };
    Some(d)
}

/// Cardinal number words up to ninety.
pub(crate) fn cardinal(word: &str) -> Option<u32> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    if let Some(n) = SMALL.iter().position(|w| *w == word) {
        return u32::try_from(n).ok();
    }
    tens(word)
}

pub(super) fn tens(word: &str) -> Option<u32> {
    let n = match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(n)
}

/// Ordinal words up to "thirty-first" (the tens part handled by the caller).
pub(super) fn ordinal(word: &str) -> Option<u32> {
    const ORD: [&str; 20] = [
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    if word.is_empty() {
        return None;
    }
    if let Some(n) = ORD.iter().position(|w| *w == word) {
        return u32::try_from(n).ok();
    }
    match word {
        "twentieth" => Some(20),
        "thirtieth" => Some(30),
        _ => None,
    }
}

/// Units of duration, from a singular or plural noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub(super) fn parse(word: &str) -> Option<(Unit, bool)> {
        let u = match word {
            "second" => (Unit::Second, false),
            "seconds" => (Unit::Second, true),
            "minute" => (Unit::Minute, false),
            "minutes" => (Unit::Minute, true),
            "hour" => (Unit::Hour, false),
            "hours" => (Unit::Hour, true),
            "day" => (Unit::Day, false),
            "days" => (Unit::Day, true),
            "week" => (Unit::Week, false),
            "weeks" => (Unit::Week, true),
            "month" => (Unit::Month, false),
            "months" => (Unit::Month, true),
            "quarter" => (Unit::Quarter, false),
            "quarters" => (Unit::Quarter, true),
            "year" => (Unit::Year, false),
            "years" => (Unit::Year, true),
            "decade" => (Unit::Decade, false),
            "decades" => (Unit::Decade, true),
            "century" => (Unit::Century, false),
            "centuries" => (Unit::Century, true),
            _ => return None,
        };
        Some(u)
    }

    /// The TIMEX3 duration letter(s), and whether the time designator `T` precedes it.
    pub(super) fn code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("E", false),
            Unit::Century => ("C", false),
        }
    }
}

/// Season codes of TIMEX3.
pub(super) fn season(word: &str) -> Option<&'static str> {
    match word {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    }
}

/// Parts of the day and their TIMEX3 codes.
pub(super) fn part_of_day(word: &str) -> Option<&'static str> {
    match word {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" | "overnight" => Some("NI"),
        _ => None,
    }
}
