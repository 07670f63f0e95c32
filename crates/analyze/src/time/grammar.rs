//! Recognition: which token sequences are temporal expressions, and what each one means before
//! it is resolved against an anchor date.

use super::lexicon::{self, Class, Tok, Unit};
use super::measure;

/// Which way an underspecified date leans when its year (or week) must be inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    /// Decided by the tense of the clause.
    Tense,
    Past,
    Future,
}

/// How the year of a date is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSpec {
    Explicit(i32),
    /// Relative to the anchor's year ("this year's", "June last year").
    Offset(i32),
    Infer(Dir),
}

/// A count in a duration: exact, "and a half", or vague ("several", "a few").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Amount {
    N(u32),
    Half(u32),
    Vague,
}

/// What an expression means, before an anchor fixes its value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Sem {
    Date {
        year: YearSpec,
        month: u32,
        day: Option<u32>,
    },
    Weekday {
        wd: u32,
        dir: Dir,
        part: Option<&'static str>,
    },
    DayOffset {
        days: i64,
        part: Option<&'static str>,
    },
    Clock {
        hour: u32,
        minute: u32,
        base: Option<Box<Sem>>,
    },
    Year(i32),
    /// "last month", "this week", "next year": the anchor's unit shifted by `offset`.
    Rel {
        unit: Unit,
        offset: i32,
    },
    Weekend(Dir),
    Decade(i32),
    Century(i32),
    /// `q` is `None` for "the quarter" (the quarter under discussion).
    Quarter {
        q: Option<u32>,
        year: YearSpec,
    },
    Half {
        h: u32,
        year: YearSpec,
    },
    Season {
        s: &'static str,
        year: YearSpec,
    },
    /// "two weeks ago" (`sign` -1), "a year earlier" (`from_ref`), "a day later" (`sign` 1).
    Ago {
        amount: Amount,
        unit: Unit,
        sign: i32,
    },
    Ref(&'static str),
    Duration {
        amount: Amount,
        unit: Unit,
    },
    Set(&'static str),
    /// "that year", "the following month", "the previous day": a unit of the date the text last
    /// named, shifted by `offset`.
    Anaphor {
        unit: Unit,
        offset: i32,
        part: Option<&'static str>,
    },
    /// "Mondays", "Tuesday nights": every such day (or part of it).
    WeekdaySet {
        wd: u32,
        part: Option<&'static str>,
    },
    /// "the previous Friday": that weekday before the date the text last named.
    WeekdayBefore {
        wd: u32,
    },
    /// "until then", "since then": the date the text last named, as precisely as it was named;
    /// `since` says which way it points when nothing was named.
    Then {
        since: bool,
    },
}

pub(super) struct Cursor<'a> {
    pub(super) t: &'a [Tok<'a>],
}

impl<'a> Cursor<'a> {
    pub(super) fn w(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.low.as_ref())
    }
    pub(super) fn is(&self, i: usize, word: &str) -> bool {
        self.w(i) == word
    }
    pub(super) fn class(&self, i: usize) -> Option<Class> {
        self.t.get(i).map(|t| t.class)
    }
    pub(super) fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.glued)
    }
    pub(super) fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.capital)
    }
    pub(super) fn num(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        if t.class != Class::Num || t.low.len() > 4 {
            return None;
        }
        t.low.parse().ok()
    }
    pub(super) fn num_len(&self, i: usize) -> usize {
        self.t
            .get(i)
            .filter(|t| t.class == Class::Num)
            .map_or(0, |t| t.low.len())
    }
    /// A hyphen joining two words with no spaces ("third-quarter").
    pub(super) fn hyphen(&self, i: usize) -> bool {
        self.is(i, "-") && self.glued(i) && self.glued(i + 1)
    }
    /// Skips an optional glued or spaced hyphen.
    pub(super) fn skip_hyphen(&self, i: usize) -> usize {
        if self.is(i, "-") {
            i + 1
        } else {
            i
        }
    }
}

/// Tries every rule at token `i`, with optional modifiers in front ("early", "nearly", "the end
/// of"), and returns the longest match: its exclusive end token and meaning.
pub(super) fn match_at(t: &[Tok], i: usize) -> Option<(usize, Sem)> {
    let c = Cursor { t };
    let first = c.w(i);
    if first.is_empty() || (t[i].class == Class::Punct && first != "'") {
        return None;
    }
    let core_start = skip_modifiers(&c, i);
    if core_start != i {
        if let Some((end, sem)) = core(&c, core_start) {
            // "the end of the year" is a point in this year, not a stretch of one.
            if let Sem::Duration {
                amount: Amount::N(1),
                unit,
            } = sem
            {
                if c.is(core_start, "the")
                    && c.is(i + 1, "end")
                    && matches!(unit, Unit::Year | Unit::Month | Unit::Week)
                {
                    return Some((end, Sem::Rel { unit, offset: 0 }));
                }
            }
            return Some((end, sem));
        }
    }
    core(&c, i)
}

fn skip_modifiers(c: &Cursor, i: usize) -> usize {
    let mut j = i;
    loop {
        let before = j;
        match c.w(j) {
            "early" | "late" | "nearly" | "almost" | "around" | "approximately" | "roughly"
            | "sometime" | "later" | "earlier" => j += 1,
            "the" if matches!(c.w(j + 1), "early" | "late" | "mid") => j += 1,
            "mid" => j = c.skip_hyphen(j + 1),
            "at" if c.is(j + 1, "least") => j += 2,
            "more" | "less" | "fewer" if c.is(j + 1, "than") => j += 2,
            "no" if c.is(j + 1, "more") && c.is(j + 2, "than") => j += 3,
            "up" if c.is(j + 1, "to") => j += 2,
            "the"
                if matches!(c.w(j + 1), "end" | "beginning" | "start" | "middle")
                    && c.is(j + 2, "of") =>
            {
                j += 3
            }
            _ => {}
        }
        if j == before || j >= c.t.len() {
            return j;
        }
    }
}

/// A recognition rule: the exclusive end token and meaning of a match at a token.
type Rule = fn(&Cursor, usize) -> Option<(usize, Sem)>;

fn core(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let rules: [Rule; 11] = [
        anaphor,
        month_date,
        numeric_date,
        weekday_expr,
        day_offset,
        relative,
        quarter,
        year_expr,
        measure::duration,
        measure::clock,
        measure::reference,
    ];
    let mut best: Option<(usize, Sem)> = None;
    for rule in rules {
        if let Some((end, sem)) = rule(c, i) {
            if best.as_ref().is_none_or(|(e, _)| end > *e) {
                best = Some((end, sem));
            }
        }
    }
    best
}

/// A day of the month: "16", "16th", "eighth", "twenty-first". Returns (end, day).
pub(super) fn day_number(c: &Cursor, i: usize) -> Option<(usize, u32)> {
    if let Some(d) = c.num(i) {
        if c.num_len(i) > 2 || !(1..=31).contains(&d) {
            return None;
        }
        // "16:30" is a clock time, "16.5" a number, "16%" a share.
        if c.glued(i + 1)
            && matches!(c.w(i + 1), ":" | "." | "%" | ",")
            && c.class(i + 2) == Some(Class::Num)
            && c.glued(i + 2)
        {
            return None;
        }
        let mut end = i + 1;
        if c.glued(end) && matches!(c.w(end), "st" | "nd" | "rd" | "th") {
            end += 1;
        }
        return Some((end, d));
    }
    if let Some(d) = lexicon::ordinal(c.w(i)) {
        return Some((i + 1, d));
    }
    let tens = lexicon::tens(c.w(i))?;
    if c.is(i + 1, "-") {
        let unit = lexicon::ordinal(c.w(i + 2)).filter(|u| *u < 10)?;
        return Some((i + 3, tens + unit)).filter(|(_, d)| *d <= 31);
    }
    None
}

/// A four-digit year standing alone.
pub(super) fn year_number(c: &Cursor, i: usize) -> Option<u32> {
    if c.num_len(i) != 4 {
        return None;
    }
    let y = c.num(i)?;
    if !(1000..=2199).contains(&y) {
        return None;
    }
    let prev = c.w(i.wrapping_sub(1));
    if c.glued(i)
        && matches!(prev, "$" | "," | "." | "#" | "-" | "/")
        && !(prev == "-" && c.is(i.wrapping_sub(2), "mid"))
    {
        return None;
    }
    if c.glued(i + 1)
        && matches!(c.w(i + 1), "," | "." | "%" | ":")
        && c.class(i + 2) == Some(Class::Num)
        && c.glued(i + 2)
    {
        return None;
    }
    Some(y)
}

/// A month name at `i` that really names a month here. Returns the token after it (past an
/// abbreviation's period).
fn month_word(c: &Cursor, i: usize) -> Option<(usize, u32)> {
    let m = lexicon::month(c.w(i))?;
    if !c.cap(i) {
        return None;
    }
    let next_num = c.class(i + 1) == Some(Class::Num)
        || (c.is(i + 1, ".") && c.class(i + 2) == Some(Class::Num))
        || (lexicon::ordinal(c.w(i + 1)).is_some() && !c.is(i + 1, "second"));
    if lexicon::is_month_abbreviation(c.w(i)) {
        if c.is(i + 1, ".") && c.glued(i + 1) {
            return Some((i + 2, m));
        }
        return next_num.then_some((i + 1, m));
    }
    if matches!(m, 3 | 5) && !next_num {
        // "May" is also a modal verb and "March" a verb: ask for a preposition in front.
        let prev = c.w(i.wrapping_sub(1));
        if !matches!(
            prev,
            "in" | "since"
                | "until"
                | "by"
                | "last"
                | "this"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "of"
                | "through"
                | "during"
                | "before"
                | "after"
                | "from"
                | "to"
                | "-"
                | "and"
                | "or"
                | "between"
                | "till"
                | "end"
        ) {
            return None;
        }
    }
    Some((i + 1, m))
}

pub(super) fn month_date(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let mut k = i;
    // "Saturday, April 25", "this coming Sunday, March eighth"
    if c.is(k, "this") && c.is(k + 1, "coming") {
        k += 2;
    }
    if lexicon::weekday(c.w(k)).is_some() && c.is(k + 1, ",") {
        k += 2;
    } else if lexicon::weekday(c.w(k)).is_some() && lexicon::month(c.w(k + 1)).is_some() {
        // "Friday Oct. 13": the date that follows fixes the weekday.
        k += 1;
    } else if k != i {
        return None;
    }
    if let Some((after, month)) = month_word(c, k) {
        if let Some((mut end, day)) = day_number(c, after) {
            // "September 16-17": the range keeps one expression valued at its start.
            if c.is(end, "-") && day_number(c, end + 1).is_some() && c.num(end + 1).is_some() {
                end += 2;
            }
            let year_at = if c.is(end, ",") { end + 1 } else { end };
            if let Some(y) = year_number(c, year_at) {
                return Some((
                    year_at + 1,
                    date(YearSpec::Explicit(y as i32), month, Some(day)),
                ));
            }
            return Some((end, date(YearSpec::Infer(Dir::Tense), month, Some(day))));
        }
        let year_at = if c.is(after, ",") || c.is(after, "of") {
            after + 1
        } else {
            after
        };
        if let Some(y) = year_number(c, year_at) {
            return Some((year_at + 1, date(YearSpec::Explicit(y as i32), month, None)));
        }
        if let Some(y) = spoken_year(c, year_at) {
            return Some((y.0, date(YearSpec::Explicit(y.1), month, None)));
        }
        if matches!(c.w(after), "this" | "last" | "next") && c.is(after + 1, "year") {
            let off = match c.w(after) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            return Some((after + 2, date(YearSpec::Offset(off), month, None)));
        }
        if k != i {
            return None;
        }
        // A bare full month name followed by a capitalised word is more likely a name ("June Carter").
        if c.cap(after)
            && c.class(after) == Some(Class::Word)
            && lexicon::month(c.w(after)).is_none()
            && c.w(i.wrapping_sub(1)) != "in"
        {
            return None;
        }
        return Some((after, date(YearSpec::Infer(Dir::Tense), month, None)));
    }
    // "16 September 2024", "16th of September"
    let (after_day, day) = day_number(c, k).filter(|_| c.num(k).is_some())?;
    let m_at = if c.is(after_day, "of") {
        after_day + 1
    } else {
        after_day
    };
    let (after, month) = month_word(c, m_at)?;
    if let Some(y) = year_number(c, after) {
        return Some((
            after + 1,
            date(YearSpec::Explicit(y as i32), month, Some(day)),
        ));
    }
    Some((after, date(YearSpec::Infer(Dir::Tense), month, Some(day))))
}

fn date(year: YearSpec, month: u32, day: Option<u32>) -> Sem {
    Sem::Date { year, month, day }
}

/// "2024-09-16" and "9/16/2024".
fn numeric_date(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let glued3 = c.glued(i + 1) && c.glued(i + 2) && c.glued(i + 3) && c.glued(i + 4);
    if !glued3 {
        return None;
    }
    let (a, b, d) = (c.num(i)?, c.num(i + 2)?, c.num(i + 4)?);
    if c.num_len(i) == 4 && c.is(i + 1, "-") && c.is(i + 3, "-") {
        if (1..=12).contains(&b) && (1..=31).contains(&d) {
            return Some((i + 5, date(YearSpec::Explicit(a as i32), b, Some(d))));
        }
        return None;
    }
    if c.is(i + 1, "/")
        && c.is(i + 3, "/")
        && c.num_len(i + 4) == 4
        && (1..=12).contains(&a)
        && (1..=31).contains(&b)
    {
        return Some((i + 5, date(YearSpec::Explicit(d as i32), a, Some(b))));
    }
    None
}

pub(super) fn weekday_expr(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    if c.is(i, "the") && matches!(c.w(i + 1), "previous" | "preceding") && c.cap(i + 2) {
        let wd = lexicon::weekday(c.w(i + 2))?;
        return Some((i + 3, Sem::WeekdayBefore { wd }));
    }
    let (mut k, dir) = match (c.w(i), c.w(i + 1)) {
        ("this", "coming") => (i + 2, Dir::Future),
        ("this", "past") => (i + 2, Dir::Past),
        ("last", _) | ("past", _) => (i + 1, Dir::Past),
        ("next", _) | ("coming", _) => (i + 1, Dir::Future),
        ("this", _) => (i + 1, Dir::Tense),
        _ => (i, Dir::Tense),
    };
    if !c.cap(k) {
        return None;
    }
    let Some(wd) = lexicon::weekday(c.w(k)) else {
        // "on Mondays"
        let wd = c.w(k).strip_suffix('s').and_then(lexicon::weekday)?;
        return Some((k + 1, Sem::WeekdaySet { wd, part: None }));
    };
    k += 1;
    if let Some(part) = c.w(k).strip_suffix('s').and_then(lexicon::part_of_day) {
        // "Tuesday nights"
        return Some((
            k + 1,
            Sem::WeekdaySet {
                wd,
                part: Some(part),
            },
        ));
    }
    let part = lexicon::part_of_day(c.w(k));
    if part.is_some() {
        k += 1;
    }
    Some((k, Sem::Weekday { wd, dir, part }))
}

pub(super) fn day_offset(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let (days, part) = match c.w(i) {
        "yesterday" => (-1, None),
        "today" => (0, None),
        "tomorrow" => (1, None),
        "tonight" => (0, Some("NI")),
        _ => return None,
    };
    if part.is_none() {
        if let Some(p) = lexicon::part_of_day(c.w(i + 1)) {
            return Some((
                i + 2,
                Sem::DayOffset {
                    days,
                    part: Some(p),
                },
            ));
        }
    }
    Some((i + 1, Sem::DayOffset { days, part }))
}

/// "last year", "this week", "next month", "this morning", "last night", "this summer",
/// "last April", "the weekend", "the current quarter".
fn relative(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let mut k = i;
    let the = c.is(k, "the");
    if the {
        k += 1;
    }
    // "year-end", "year end", "year's end"
    if c.is(k, "year") {
        let e = if c.is(k + 1, "-") {
            k + 2
        } else if c.is(k + 1, "'") && c.is(k + 2, "s") {
            k + 3
        } else {
            k + 1
        };
        if c.is(e, "end") {
            return Some((
                e + 1,
                Sem::Rel {
                    unit: Unit::Year,
                    offset: 0,
                },
            ));
        }
    }
    let modified = k > 0 && matches!(c.w(k - 1), "early" | "late" | "mid" | "-");
    if let Some(s) = lexicon::season(c.w(k)).filter(|_| the || modified) {
        if c.is(k + 1, "of") {
            let y = year_number(c, k + 2)
                .map(|y| (k + 3, y as i32))
                .or_else(|| spoken_year(c, k + 2));
            if let Some((end, y)) = y {
                return Some((
                    end,
                    Sem::Season {
                        s,
                        year: YearSpec::Explicit(y),
                    },
                ));
            }
        }
        return Some((
            k + 1,
            Sem::Season {
                s,
                year: YearSpec::Infer(Dir::Tense),
            },
        ));
    }
    let (offset, dir) = match c.w(k) {
        "last" | "past" | "previous" if !the || c.w(k) != "last" => (-1, Dir::Past),
        "this" if c.is(k + 1, "past") => {
            k += 1;
            (-1, Dir::Past)
        }
        "this" if c.is(k + 1, "coming") => {
            k += 1;
            (1, Dir::Future)
        }
        "this" | "current" => (0, Dir::Tense),
        "next" | "coming" => (1, Dir::Future),
        "weekend" if the => return Some((k + 1, Sem::Weekend(Dir::Tense))),
        "year" if the && c.is(k + 1, "two") && c.is(k + 2, "thousand") => {
            return Some((k + 3, Sem::Year(2000)))
        }
        _ => return None,
    };
    let word = c.w(k + 1);
    // "the past year", "the next year": news uses them for the calendar year before or after
    // the one it is written in.
    if the && word == "year" && matches!(c.w(k), "past" | "next") && !c.is(k + 2, "-") {
        return Some((
            k + 2,
            Sem::Rel {
                unit: Unit::Year,
                offset,
            },
        ));
    }
    if the && offset != 0 && matches!(word, "year" | "month" | "week" | "decade") {
        // "the past year", "the next month": a stretch of time, not a calendar unit.
        let unit = lexicon::Unit::parse(word)?.0;
        return Some((
            k + 2,
            Sem::Duration {
                amount: Amount::N(1),
                unit,
            },
        ));
    }
    if let Some(part) = lexicon::part_of_day(word) {
        return match (c.w(k), part) {
            ("this", _) => Some((
                k + 2,
                Sem::DayOffset {
                    days: 0,
                    part: Some(part),
                },
            )),
            ("last", "NI") => Some((
                k + 2,
                Sem::DayOffset {
                    days: -1,
                    part: Some(part),
                },
            )),
            _ => None,
        };
    }
    if let Some(s) = lexicon::season(word) {
        let year = match (c.w(k), dir) {
            ("this", Dir::Tense) => YearSpec::Offset(0),
            _ => YearSpec::Infer(dir),
        };
        return Some((k + 2, Sem::Season { s, year }));
    }
    if let Some(month) = lexicon::month(word).filter(|_| c.cap(k + 1)) {
        if the {
            return None;
        }
        let year = if offset == 0 {
            YearSpec::Offset(0)
        } else {
            YearSpec::Infer(dir)
        };
        let mut end = k + 2;
        if c.is(end, ".") && c.glued(end) && lexicon::is_month_abbreviation(word) {
            end += 1;
        }
        return Some((end, date(year, month, None)));
    }
    if word == "weekend" {
        return Some((k + 2, Sem::Weekend(dir)));
    }
    // "the current fiscal year"
    let mut u = k + 1;
    if c.is(u, "fiscal") {
        u += 1;
    }
    let unit = match c.w(u) {
        "year" => Unit::Year,
        "month" => Unit::Month,
        "week" => Unit::Week,
        "quarter" => Unit::Quarter,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return None,
    };
    Some((u + 1, Sem::Rel { unit, offset }))
}

/// "that year", "the same day", "the following month", "the previous week": dates that point
/// back at the last date the text named rather than at the publication date.
fn anaphor(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let before = c.w(i.wrapping_sub(1));
    if c.is(i, "then") && matches!(before, "until" | "since" | "by" | "till") && i > 0 {
        return Some((
            i + 1,
            Sem::Then {
                since: before == "since",
            },
        ));
    }
    // "later in the day", "in the morning", "by mid afternoon": the day the text is telling.
    let day_of_story = |unit_at: usize| {
        let part = lexicon::part_of_day(c.w(unit_at)).filter(|p| *p != "NI");
        Sem::Anaphor {
            unit: Unit::Day,
            offset: 0,
            part,
        }
    };
    if c.is(i, "the")
        && c.is(i + 1, "day")
        && before == "in"
        && matches!(c.w(i.wrapping_sub(2)), "later" | "earlier")
        && i > 1
    {
        return Some((i + 2, day_of_story(i + 1)));
    }
    if c.is(i, "the")
        && matches!(c.w(i + 1), "morning" | "afternoon" | "evening")
        && matches!(before, "in" | "during" | "by")
        && i > 0
        && !c.is(i + 2, "of")
    {
        return Some((i + 2, day_of_story(i + 1)));
    }
    if c.is(i, "mid") && matches!(before, "by" | "in" | "at" | "until") && i > 0 {
        let p = c.skip_hyphen(i + 1);
        if matches!(c.w(p), "morning" | "afternoon") {
            let days = match c.w(p + 1) {
                "yesterday" => Some(-1),
                "today" => Some(0),
                "tomorrow" => Some(1),
                _ => None,
            };
            if let Some(days) = days {
                let part = lexicon::part_of_day(c.w(p));
                return Some((p + 2, Sem::DayOffset { days, part }));
            }
            return Some((p + 1, day_of_story(p)));
        }
    }
    let (offset, k) = match c.w(i) {
        "that" => (0, i + 1),
        "the" => match c.w(i + 1) {
            "same" => (0, i + 2),
            "following" | "subsequent" => (1, i + 2),
            "previous" | "preceding" | "prior" => (-1, i + 2),
            _ => return None,
        },
        _ => return None,
    };
    let unit = match c.w(k) {
        "year" => Unit::Year,
        "month" => Unit::Month,
        "week" => Unit::Week,
        "day" => Unit::Day,
        "quarter" => Unit::Quarter,
        _ => return None,
    };
    // "that year-end", "the same day's trading" stay other expressions.
    if c.hyphen(k + 1) || (c.is(k + 1, "'") && c.is(k + 2, "s")) {
        return None;
    }
    // "trades made that day" is any day; "later that day", "on that day" is a date.
    if unit == Unit::Day
        && offset == 0
        && c.is(i, "that")
        && !matches!(
            c.w(i.wrapping_sub(1)),
            "on" | "later" | "earlier" | "until" | "by" | "since" | "of"
        )
    {
        return None;
    }
    Some((
        k + 1,
        Sem::Anaphor {
            unit,
            offset,
            part: None,
        },
    ))
}

fn ordinal_quarter(c: &Cursor, i: usize) -> Option<(usize, u32)> {
    if let Some(n) = c.num(i) {
        if c.glued(i + 1) && matches!(c.w(i + 1), "st" | "nd" | "rd" | "th") && (1..=4).contains(&n)
        {
            return Some((i + 2, n));
        }
        return None;
    }
    lexicon::ordinal(c.w(i))
        .filter(|n| (1..=4).contains(n))
        .map(|n| (i + 1, n))
}

fn quarter(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    // "Q3 2024", "Q3"
    if c.w(i) == "q" && c.cap(i) && c.glued(i + 1) {
        let q = c
            .num(i + 1)
            .filter(|q| (1..=4).contains(q) && c.num_len(i + 1) == 1)?;
        if let Some(y) = year_number(c, i + 2) {
            return Some((
                i + 3,
                Sem::Quarter {
                    q: Some(q),
                    year: YearSpec::Explicit(y as i32),
                },
            ));
        }
        return Some((
            i + 2,
            Sem::Quarter {
                q: Some(q),
                year: YearSpec::Infer(Dir::Tense),
            },
        ));
    }
    let mut k = i;
    let the = c.is(k, "the");
    if the {
        k += 1;
    }
    let mut year = YearSpec::Infer(Dir::Tense);
    let mut qualified = the;
    let mut explicit_kind = false;
    let mut compared = false;
    if let Some(y) = year_number(c, k) {
        year = YearSpec::Explicit(y as i32);
        k += 1;
    } else if matches!(c.w(k), "this" | "last" | "next")
        && c.is(k + 1, "year")
        && c.is(k + 2, "'")
        && c.is(k + 3, "s")
    {
        year = YearSpec::Offset(match c.w(k) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        });
        k += 4;
        qualified = true;
    }
    loop {
        match c.w(k) {
            "comparable" | "same" | "corresponding" | "latest" | "recent" | "fiscal" | "flat"
                if qualified || c.w(k) == "fiscal" =>
            {
                compared |= matches!(c.w(k), "comparable" | "same" | "corresponding");
                k = c.skip_hyphen(k + 1);
            }
            "year" if matches!(c.w(k + 2), "ago" | "earlier") && c.is(k + 1, "-") => {
                year = YearSpec::Offset(-1);
                explicit_kind = true;
                k += 3;
            }
            _ => break,
        }
    }
    let mut q = None;
    if c.is(k, "last") && c.is(k + 1, "half") {
        q = Some(2);
        k += 1;
    } else if let Some((after, n)) = ordinal_quarter(c, k) {
        q = Some(n);
        k = c.skip_hyphen(after);
    }
    if matches!(c.w(k), "fiscal") {
        k += 1;
    }
    let is_quarter = c.is(k, "quarter");
    let latest = k > 0 && c.is(k - 1, "latest");
    let back = a_year_back(c, k + 1);
    let is_period = c.is(k, "period")
        && (explicit_kind
            || latest
            || matches!(year, YearSpec::Explicit(_))
            || (compared && back.is_some()));
    if !(is_quarter || is_period) {
        // "first half of 1990"
        if c.is(k, "half") && q.is_some_and(|n| n <= 2) {
            let h = q.unwrap_or(1);
            if c.is(k + 1, "of") {
                if let Some(y) = year_number(c, k + 2) {
                    return Some((
                        k + 3,
                        Sem::Half {
                            h,
                            year: YearSpec::Explicit(y as i32),
                        },
                    ));
                }
            }
        }
        return None;
    }
    if q.is_none()
        && !(the || explicit_kind || matches!(year, YearSpec::Explicit(_) | YearSpec::Offset(_)))
    {
        return None;
    }
    k += 1;
    // "the quarter ended Sept. 30": the month names the quarter.
    if q.is_none() && matches!(c.w(k), "ended" | "ending" | "that") {
        let at = if c.is(k, "that") && c.is(k + 1, "ended") {
            k + 2
        } else {
            k + 1
        };
        if let Some((_, Sem::Date { year: y, month, .. })) = month_date(c, at) {
            return Some((
                k,
                Sem::Quarter {
                    q: Some((month - 1) / 3 + 1),
                    year: y,
                },
            ));
        }
    }
    if c.is(k, "of") || c.is(k, ",") {
        if let Some(y) = year_number(c, k + 1) {
            return Some((
                k + 2,
                Sem::Quarter {
                    q,
                    year: YearSpec::Explicit(y as i32),
                },
            ));
        }
    } else if let Some(y) = year_number(c, k) {
        return Some((
            k + 1,
            Sem::Quarter {
                q,
                year: YearSpec::Explicit(y as i32),
            },
        ));
    }
    // "the quarter a year ago", "the corresponding period last year"
    if let (Some(end), YearSpec::Infer(_)) = (back, year) {
        return Some((
            end,
            Sem::Quarter {
                q,
                year: YearSpec::Offset(-1),
            },
        ));
    }
    Some((k, Sem::Quarter { q, year }))
}

/// "a year ago", "a year earlier", "last year", "of last year" at `k`: the end of the phrase.
fn a_year_back(c: &Cursor, k: usize) -> Option<usize> {
    match (c.w(k), c.w(k + 1), c.w(k + 2)) {
        ("a" | "one", "year", "ago" | "earlier") => Some(k + 3),
        ("last", "year", w) if w != "'" => Some(k + 2),
        ("of", "last", "year") => Some(k + 3),
        _ => None,
    }
}

/// "nineteen ninety-six", "nineteen seventy-nine". Returns (end, year).
pub(super) fn spoken_year(c: &Cursor, i: usize) -> Option<(usize, i32)> {
    if !c.is(i, "nineteen") {
        return None;
    }
    let w = c.w(i + 1);
    if let Some(t) = lexicon::tens(w) {
        if c.is(i + 2, "-") {
            let u = lexicon::cardinal(c.w(i + 3)).filter(|u| *u < 10)?;
            return Some((i + 4, 1900 + (t + u) as i32));
        }
        return Some((i + 2, 1900 + t as i32));
    }
    let n = lexicon::cardinal(w).filter(|n| (10..20).contains(n))?;
    Some((i + 2, 1900 + n as i32))
}

fn year_expr(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let mut k = i;
    let the = c.is(k, "the");
    if the {
        k += 1;
    }
    // Decades: "the 1980s", "the '80s", "1990s".
    if c.num_len(k) == 4 && c.is(k + 1, "s") && c.glued(k + 1) {
        let y = c.num(k)?;
        return Some((k + 2, Sem::Decade((y / 10) as i32)));
    }
    if c.is(k, "'") && c.num_len(k + 1) == 2 && c.is(k + 2, "s") && c.glued(k + 2) {
        let yy = c.num(k + 1)? as i32;
        return Some((k + 3, Sem::Decade(190 + yy / 10)));
    }
    // "the nineties", "the eighties"
    if the {
        if let Some(n) = c
            .w(k)
            .strip_suffix("ies")
            .and_then(|t| lexicon::tens(&format!("{t}y")))
        {
            if n >= 30 {
                return Some((k + 1, Sem::Decade(190 + n as i32 / 10)));
            }
        }
    }
    // Centuries: "the 20th century", "the twentieth century".
    let ord = if let Some(n) = c
        .num(k)
        .filter(|_| c.glued(k + 1) && matches!(c.w(k + 1), "st" | "nd" | "rd" | "th"))
    {
        Some((k + 2, n))
    } else {
        lexicon::ordinal(c.w(k))
            .map(|n| (k + 1, n))
            .or_else(|| day_number(c, k).filter(|_| lexicon::tens(c.w(k)).is_some()))
    };
    if let Some((after, n)) = ord {
        if c.is(after, "century") && (1..=30).contains(&n) {
            return Some((after + 1, Sem::Century(n as i32 - 1)));
        }
    }
    if the {
        if c.is(k, "year") && year_number(c, k + 1).is_some() {
            k += 1;
        } else {
            return None;
        }
    }
    if c.is(k, "fiscal") {
        k += 1;
    }
    if let Some(y) = year_number(c, k) {
        return Some((k + 1, Sem::Year(y as i32)));
    }
    if let Some((end, y)) = spoken_year(c, k) {
        return Some((end, Sem::Year(y)));
    }
    None
}
