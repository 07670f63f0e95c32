//! Recognition of counted and clock expressions: durations ("three days", "a five-year low"),
//! offsets ("two weeks ago"), frequencies, clock times and references ("now", "the past").

use super::grammar::{day_offset, month_date, weekday_expr, Amount, Cursor, Sem};
use super::lexicon::{self, Class, Unit};

/// A count before a unit: "three", "18", "twenty four", "a", "several", "2 1/2".
pub(super) fn amount(c: &Cursor, i: usize) -> Option<(usize, Amount)> {
    if let Some(n) = c.num(i) {
        if c.glued(i + 1)
            && matches!(c.w(i + 1), "," | "." | ":" | "%")
            && c.class(i + 2) == Some(Class::Num)
        {
            return None;
        }
        // "2 1/2"
        if c.num(i + 1) == Some(1) && c.is(i + 2, "/") && c.num(i + 3) == Some(2) {
            return Some((i + 4, Amount::Half(n)));
        }
        return Some((i + 1, Amount::N(n)));
    }
    let w = c.w(i);
    let mut end;
    let mut n = match w {
        "a" | "an" if c.is(i + 1, "couple") && c.is(i + 2, "of") => {
            return Some((i + 3, Amount::N(2)))
        }
        "couple" if c.is(i + 1, "of") => return Some((i + 2, Amount::N(2))),
        "a" if c.is(i + 1, "few") => return Some((i + 2, Amount::Vague)),
        "several" | "few" | "many" => return Some((i + 1, Amount::Vague)),
        "a" | "an" => {
            end = i + 1;
            1
        }
        _ => {
            let n = lexicon::cardinal(w)?;
            end = i + 1;
            if lexicon::tens(w).is_some() {
                let next = if c.is(end, "-") { end + 1 } else { end };
                if let Some(u) = lexicon::cardinal(c.w(next)).filter(|u| (1..10).contains(u)) {
                    end = next + 1;
                    n + u
                } else {
                    n
                }
            } else {
                n
            }
        }
    };
    if c.is(end, "hundred") {
        n *= 100;
        end += 1;
    } else if c.is(end, "thousand") {
        n *= 1000;
        end += 1;
    }
    if c.is(end, "and") && c.is(end + 1, "a") && c.is(end + 2, "half") {
        return Some((end + 3, Amount::Half(n)));
    }
    Some((end, Amount::N(n)))
}

pub(super) fn duration(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let mut k = i;
    let the = c.is(k, "the");
    if the {
        k += 1;
    }
    let mut qualifier = None;
    if matches!(
        c.w(k),
        "first"
            | "last"
            | "past"
            | "next"
            | "latest"
            | "coming"
            | "previous"
            | "final"
            | "following"
            | "recent"
            | "additional"
            | "full"
    ) {
        qualifier = Some(c.w(k));
        k += 1;
    } else if c.is(k, "year") && c.is(k + 1, "-") && matches!(c.w(k + 2), "earlier" | "ago") {
        qualifier = Some("year-ago");
        k += 3;
    }
    // "recent months", "the coming weeks", "the past few weeks"
    if let Some(q) = qualifier {
        if let Some((unit, true)) = Unit::parse(c.w(k)) {
            if matches!(q, "recent" | "coming" | "past" | "next" | "last") {
                if q == "recent" && unit == Unit::Year {
                    return Some((k + 1, Sem::Ref("PAST_REF")));
                }
                return Some((
                    k + 1,
                    Sem::Duration {
                        amount: Amount::Vague,
                        unit,
                    },
                ));
            }
        }
    }
    if qualifier == Some("year-ago") && amount(c, k).is_none() {
        if the {
            // TimeBank marks the adjective alone: "the [year-ago] results".
            return None;
        }
        return Some((
            k,
            Sem::Ago {
                amount: Amount::N(1),
                unit: Unit::Year,
                sign: -2,
            },
        ));
    }
    if the && qualifier.is_none() {
        let y = if c.is(k, "fiscal") { k + 1 } else { k };
        if c.is(y, "year") && !c.is(y + 1, "-") {
            return Some((y + 1, the_year(c, i, y + 1)));
        }
    }
    if the && qualifier == Some("full") && c.is(k, "year") {
        return Some((
            k + 1,
            Sem::Rel {
                unit: Unit::Year,
                offset: 0,
            },
        ));
    }
    // "for centuries", "within weeks", "in years": a bare plural after a preposition of extent.
    if !the && qualifier.is_none() {
        if let Some((unit, true)) = Unit::parse(c.w(k)) {
            let prep = matches!(c.w(k.wrapping_sub(1)), "for" | "within" | "in" | "over");
            let long = matches!(
                unit,
                Unit::Week | Unit::Month | Unit::Year | Unit::Decade | Unit::Century
            );
            if prep && long && k > 0 && !c.is(k + 1, "old") && !c.is(k + 1, "of") {
                return Some((
                    k + 1,
                    Sem::Duration {
                        amount: Amount::Vague,
                        unit,
                    },
                ));
            }
        }
    }
    if c.is(k, "one") && c.is(k + 1, "day") && modal_before(c, k) {
        // "will one day be" is a reference to the future (see `reference`).
        return None;
    }
    let (mut after, mut amt) = amount(c, k)?;
    // "20 more years", "an additional year", "two extra days"
    if matches!(c.w(after), "more" | "additional" | "extra" | "further")
        && Unit::parse(c.w(after + 1)).is_some()
    {
        after += 1;
    }
    // "two to three weeks", "12 to 18 months"
    if c.is(after, "to") || c.is(after, "or") {
        if let Some((a2, _)) = amount(c, after + 1).filter(|_| !c.is(after + 1, "a")) {
            after = a2;
            amt = Amount::Vague;
        }
    }
    // "N-unit" adjectives: "two-year", "52-week", "three-day".
    if c.hyphen(after) {
        let (unit, plural) = Unit::parse(c.w(after + 1))?;
        // "a several-year tenure" is vague but still a stretch; "many-year" is not said.
        let vague_ok = c.is(k, "several");
        if plural || (matches!(amt, Amount::Vague) && !vague_ok) || qualifier.is_some() {
            return None;
        }
        let mut end = after + 2;
        if c.hyphen(end) && c.is(end + 1, "old") {
            end += 2;
        }
        return Some((end, Sem::Duration { amount: amt, unit }));
    }
    let mut u = after;
    if matches!(c.w(u), "trading" | "business" | "working" | "calendar") {
        u += 1;
    }
    let (unit, plural) = Unit::parse(c.w(u))?;
    // "a quarter of the market" is a fraction; "a quarter of the year", "of 2024" are time.
    if unit == Unit::Quarter && !plural && c.is(u + 1, "of") {
        let of_time = super::grammar::year_number(c, u + 2).is_some()
            || (matches!(c.w(u + 2), "the" | "this" | "last" | "next")
                && Unit::parse(c.w(u + 3)).is_some());
        if !of_time {
            return None;
        }
    }
    if unit == Unit::Second && !plural && c.class(u + 1) == Some(Class::Word) {
        // "a second goal": the ordinal, not the unit.
        return None;
    }
    if plural && matches!(c.w(k), "a" | "an") && after == k + 1 {
        // "a days" is not English.
        return None;
    }
    let mut end = u + 1;
    if plural && c.is(end, "old") {
        // "52 years old" is an age.
        return None;
    }
    if c.is(end, "and") && c.is(end + 1, "a") && c.is(end + 2, "half") {
        if let Amount::N(n) = amt {
            amt = Amount::Half(n);
            end += 3;
        }
    }
    if qualifier.is_none() && !the {
        let mut e = end;
        if c.is(e, "or") && c.is(e + 1, "so") {
            e += 2;
        }
        if c.hyphen(e) && matches!(c.w(e + 1), "ago" | "earlier" | "later") {
            if c.is(k, "a") && unit == Unit::Year {
                // "a year-earlier loss": the article belongs to the noun; the expression is
                // "year-earlier", matched from the next token.
                return None;
            }
            e += 1;
        }
        // "three days later", "a day earlier": counted from an event of the story, not from
        // the publication date, so what the text fixes is the stretch itself.
        let short = matches!(
            unit,
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week
        );
        if short && matches!(c.w(e), "earlier" | "later") && !c.is(e + 1, "than") {
            return Some((end, Sem::Duration { amount: amt, unit }));
        }
        match c.w(e) {
            "ago" => {
                return Some((
                    e + 1,
                    Sem::Ago {
                        amount: amt,
                        unit,
                        sign: -1,
                    },
                ))
            }
            "earlier" => {
                return Some((
                    e + 1,
                    Sem::Ago {
                        amount: amt,
                        unit,
                        sign: -2,
                    },
                ))
            }
            "later" if !c.is(e + 1, "than") => {
                return Some((
                    e + 1,
                    Sem::Ago {
                        amount: amt,
                        unit,
                        sign: 2,
                    },
                ))
            }
            _ => {}
        }
        // "twice a year", "8% a year": a frequency.
        if matches!(amt, Amount::N(1)) && c.w(k) == "a" {
            let prev = c.w(i.wrapping_sub(1));
            let prev_num = i > 0 && c.class(i - 1) == Some(Class::Num);
            if prev_num
                || matches!(
                    prev,
                    "twice" | "times" | "once" | "thrice" | "%" | "percent" | "cents"
                )
            {
                let (code, t) = unit.code();
                let v = if t {
                    format!("PT1{code}")
                } else {
                    format!("P1{code}")
                };
                return Some((end, Sem::Set(leak_set(&v))));
            }
        }
    }
    Some((end, Sem::Duration { amount: amt, unit }))
}

/// "the year" and "the fiscal year": a twelve-month stretch when its end is named ("the year
/// ended Sept. 30") or it is gone through ("throughout the year"), otherwise the year the text
/// is about, which in news is the current one ("for the year", "earlier in the year").
fn the_year(c: &Cursor, start: usize, after: usize) -> Sem {
    let stretch = matches!(c.w(after), "ended" | "ending" | "ends" | "that" | "to")
        || matches!(
            c.w(start.wrapping_sub(1)),
            "throughout" | "over" | "during" | "within" | "a"
        );
    if stretch {
        return Sem::Duration {
            amount: Amount::N(1),
            unit: Unit::Year,
        };
    }
    Sem::Rel {
        unit: Unit::Year,
        offset: 0,
    }
}

/// Set values are a closed list; mapping them to statics avoids allocating in `Sem`.
fn leak_set(v: &str) -> &'static str {
    match v {
        "PT1S" => "PT1S",
        "PT1M" => "PT1M",
        "PT1H" => "PT1H",
        "P1D" => "P1D",
        "P1W" => "P1W",
        "P1M" => "P1M",
        "P1Q" => "P1Q",
        "P1E" => "P1E",
        "P1C" => "P1C",
        _ => "P1Y",
    }
}

fn meridian(c: &Cursor, i: usize) -> Option<(usize, bool)> {
    match c.w(i) {
        "am" | "pm" => Some((i + 1, c.w(i) == "pm")),
        "a" | "p" if c.is(i + 1, ".") && c.is(i + 2, "m") => {
            let end = if c.is(i + 3, ".") && c.glued(i + 3) {
                i + 4
            } else {
                i + 3
            };
            Some((end, c.w(i) == "p"))
        }
        _ => None,
    }
}

pub(super) fn clock(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let (mut k, hour, minute) = match c.w(i) {
        "noon" => (i + 1, 12, 0),
        "midnight" => (i + 1, 24, 0),
        _ => {
            let h = c.num(i).filter(|h| *h <= 24 && c.num_len(i) <= 2)?;
            let (k, m) =
                if c.is(i + 1, ":") && c.glued(i + 1) && c.glued(i + 2) && c.num_len(i + 2) == 2 {
                    (i + 3, c.num(i + 2).filter(|m| *m < 60)?)
                } else {
                    (i + 1, 0)
                };
            match meridian(c, k) {
                Some((end, pm)) if (1..=12).contains(&h) => {
                    let hour = match (pm, h) {
                        (true, 12) => 12,
                        (true, h) => h + 12,
                        (false, 12) => 0,
                        (false, h) => h,
                    };
                    (end, hour, m)
                }
                None if k == i + 3 && c.is(i.wrapping_sub(1), "at") => (k, h, m),
                _ => return None,
            }
        }
    };
    if matches!(
        c.w(k),
        "est" | "edt" | "cst" | "cdt" | "pst" | "pdt" | "gmt" | "utc" | "bst" | "cet" | "et" | "pt"
    ) {
        k += 1;
    }
    let base_at = if c.is(k, ",") || c.is(k, "on") {
        k + 1
    } else {
        k
    };
    let base = day_offset(c, base_at)
        .or_else(|| weekday_expr(c, base_at))
        .or_else(|| month_date(c, base_at));
    if let Some((end, sem)) = base {
        return Some((
            end,
            Sem::Clock {
                hour,
                minute,
                base: Some(Box::new(sem)),
            },
        ));
    }
    Some((
        k,
        Sem::Clock {
            hour,
            minute,
            base: None,
        },
    ))
}

fn modal_before(c: &Cursor, i: usize) -> bool {
    i > 0
        && matches!(
            c.w(i - 1),
            "will" | "would" | "could" | "might" | "may" | "can" | "shall"
        )
}

pub(super) fn reference(c: &Cursor, i: usize) -> Option<(usize, Sem)> {
    let w = c.w(i);
    let r = match w {
        "now" | "currently" | "presently" | "nowadays" => (i + 1, "PRESENT_REF"),
        "these" if c.is(i + 1, "days") => (i + 2, "PRESENT_REF"),
        "recently" => (i + 1, "PAST_REF"),
        // "will one day be": some time to come, not a day's length.
        "one" if c.is(i + 1, "day") && modal_before(c, i) => (i + 2, "FUTURE_REF"),
        // "the current market", "its current position": the present, unless a unit follows
        // ("the current quarter" is a rule of its own) or it is the electrical or the
        // balance-of-payments sense.
        "current"
            if !c.cap(i)
                && c.class(i + 1) == Some(Class::Word)
                && Unit::parse(c.w(i + 1)).is_none()
                && !matches!(c.w(i + 1), "fiscal" | "account" | "accounts" | "affairs")
                && !matches!(c.w(i.wrapping_sub(1)), "then" | "alternating" | "direct") =>
        {
            (i + 1, "PRESENT_REF")
        }
        // "will soon begin", but not "as soon as" or "soon after" (a relation to an event).
        "soon"
            if !c.is(i.wrapping_sub(1), "as")
                && !matches!(c.w(i + 1), "after" | "before" | "as" | "enough") =>
        {
            (i + 1, "FUTURE_REF")
        }
        "the" => match (c.w(i + 1), c.w(i + 2)) {
            ("past", _) => (i + 2, "PAST_REF"),
            ("future", _) => (i + 2, "FUTURE_REF"),
            ("near", "future") => (i + 3, "FUTURE_REF"),
            // "in the near term", "over the long term": the future, not a span of it.
            ("near" | "short" | "long", "term")
                if c.is(i.wrapping_sub(1), "in")
                    || c.is(i.wrapping_sub(1), "over")
                    || c.is(i.wrapping_sub(1), "of") =>
            {
                (i + 3, "FUTURE_REF")
            }
            _ => return None,
        },
        "a" if c.is(i + 1, "later") && c.is(i + 2, "date") => (i + 3, "FUTURE_REF"),
        "each" | "every" if lexicon::weekday(c.w(i + 1)).is_some() && c.cap(i + 1) => {
            const DAYS: [&str; 7] = [
                "XXXX-WXX-1",
                "XXXX-WXX-2",
                "XXXX-WXX-3",
                "XXXX-WXX-4",
                "XXXX-WXX-5",
                "XXXX-WXX-6",
                "XXXX-WXX-7",
            ];
            let wd = lexicon::weekday(c.w(i + 1))?;
            return Some((i + 2, Sem::Set(DAYS.get(wd as usize)?)));
        }
        "each" | "every" if lexicon::month(c.w(i + 1)).is_some() && c.cap(i + 1) => {
            const MONTHS: [&str; 12] = [
                "XXXX-01", "XXXX-02", "XXXX-03", "XXXX-04", "XXXX-05", "XXXX-06", "XXXX-07",
                "XXXX-08", "XXXX-09", "XXXX-10", "XXXX-11", "XXXX-12",
            ];
            let m = lexicon::month(c.w(i + 1))?;
            return Some((i + 2, Sem::Set(MONTHS.get(m as usize - 1)?)));
        }
        "each" | "every" | "per" => {
            let (unit, plural) = Unit::parse(c.w(i + 1))?;
            if plural {
                return None;
            }
            let (code, t) = unit.code();
            let v = if t {
                format!("PT1{code}")
            } else {
                format!("P1{code}")
            };
            return Some((i + 2, Sem::Set(leak_set(&v))));
        }
        _ => return None,
    };
    // "now-defunct", "current-account" and the like are adjectives, not times.
    if c.hyphen(r.0) {
        return None;
    }
    Some((r.0, Sem::Ref(r.1)))
}
