//! Temporal expressions and their TIMEX3-style values, resolved against an anchor date.
//!
//! Three steps: [`lexicon`] cuts the text into tokens, [`grammar`] recognises expressions and
//! what they mean ("last April", "the third quarter", "two weeks ago"), and [`resolve`] fixes a
//! value against the anchor, using the tense of the clause for dates that leave the year (or the
//! week) unsaid: "Nov. 9" in a past-tense clause of a September article is last November.

mod grammar;
pub(crate) mod lexicon;
mod measure;
mod resolve;
mod starters;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use triangulate_model::{Span, TimeExpr, TimeKind};

use lexicon::{Class, Tok};
use resolve::{Ctx, Tense};

/// The date relative expressions are resolved against (usually the publication date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Anchor {
    /// Parses `YYYY-MM-DD` (anything after the first ten bytes is ignored).
    pub fn parse(value: &str) -> Option<Anchor> {
        let day = value.get(..10)?;
        let mut parts = day.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Anchor { year, month, day }
            .date()
            .map(|_| Anchor { year, month, day })
    }

    /// The anchor as a calendar date; `None` when the fields name no real day.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
    }
}

/// Finds time expressions in `text` and normalises them against `anchor`.
pub fn find(text: &str, sentences: &[Span], anchor: Option<Anchor>) -> Vec<TimeExpr> {
    let toks = lexicon::tokenize(text);
    let anchor = anchor.and_then(|a| a.date());
    let mut out = Vec::new();
    let mut quarter_ref: Option<(i32, u32)> = None;
    // Whether the period last reported on is a quarter, or a longer stretch ("the first nine
    // months", "for the year") that "a year earlier" then compares against.
    let mut quarter_period = false;
    let mut reference: Option<resolve::Reference> = None;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].class == Class::Word && !starters::may_start(&toks[i].low) {
            i += 1;
            continue;
        }
        let Some((end, sem)) = grammar::match_at(&toks, i) else {
            i += 1;
            continue;
        };
        let end = end.clamp(i + 1, toks.len());
        let span = Span::new(toks[i].start, toks[end - 1].end);
        let (lo, hi) = sentence_tokens(&toks, sentences, span.start);
        if in_name(&toks, lo, i, end)
            || in_compound(&toks, i, end)
            || year_in_name(&toks, lo, i, &sem)
        {
            i = end;
            continue;
        }
        let tense = tense_at(&toks, lo, hi, i, end);
        let ctx = Ctx {
            anchor,
            tense,
            quarter_ref,
            quarter_period,
            reference,
        };
        let r = resolve::resolve(&sem, &ctx);
        if r.kind == TimeKind::Date {
            if let Some(named) = resolve::Reference::parse(&r.value) {
                reference = Some(named);
            }
        }
        // Only a named quarter sets the quarter under discussion; "a year earlier" and "the
        // quarter" refer back to it and must not move it.
        let named_quarter = matches!(
            sem,
            grammar::Sem::Quarter { q: Some(_), .. }
                | grammar::Sem::Rel {
                    unit: lexicon::Unit::Quarter,
                    ..
                }
        );
        if named_quarter {
            // A quarter not yet over at publication, in a clause about the future, is a
            // forecast, not the period the figures describe (a fiscal quarter reported in the
            // past tense is).
            let closed = |q: (i32, u32)| {
                tense != Tense::Future
                    || anchor.is_none_or(|a| {
                        use chrono::Datelike;
                        q < (a.year(), (a.month() - 1) / 3 + 1)
                    })
            };
            if let Some(q) = parse_quarter(&r.value).filter(|q| closed(*q)) {
                quarter_ref = Some(q);
                quarter_period = true;
            }
        } else if matches!(sem, grammar::Sem::Quarter { .. }) {
            quarter_period = true;
        } else if is_longer_period(&sem) {
            quarter_period = false;
        }
        out.push(TimeExpr {
            span,
            text: text
                .get(span.start..span.end)
                .unwrap_or_default()
                .to_string(),
            kind: r.kind,
            value: r.value,
            reasoning: r.reasoning,
        });
        i = end;
    }
    out
}

/// Whether the match at tokens `i..end` is part of a name: "USA Today", ABC's "This Week". Only
/// words that are lower-case in running text count; a capital on them mid-sentence, after a
/// capitalised word or inside a quoted title, marks a name.
fn in_name(toks: &[Tok], sentence_lo: usize, i: usize, end: usize) -> bool {
    const DEICTIC: &[&str] = &["today", "tonight", "tomorrow", "yesterday", "this", "now"];
    let first = &toks[i];
    if !first.capital || !DEICTIC.contains(&first.low.as_ref()) || i <= sentence_lo {
        return false;
    }
    let prev = &toks[i - 1];
    if prev.class == Class::Word && prev.capital && i - 1 > sentence_lo {
        return true;
    }
    let quote = |t: &Tok| matches!(t.low.as_ref(), "\"" | "\u{201c}" | "``" | "`");
    if !quote(prev) {
        return false;
    }
    // A quoted title: every word up to the closing mark is capitalised.
    let mut k = end;
    while k < toks.len() && k < end + 8 {
        let t = &toks[k];
        if quote(t) || matches!(t.low.as_ref(), "\u{201d}" | "''" | "'") {
            return true;
        }
        if t.class == Class::Word
            && !t.capital
            && !matches!(t.low.as_ref(), "with" | "of" | "the" | "and")
        {
            return false;
        }
        k += 1;
    }
    false
}

/// "quarter-to-quarter", "year-to-year", "day-to-day": comparisons and manners, not times.
fn in_compound(toks: &[Tok], i: usize, end: usize) -> bool {
    let w = |k: usize| toks.get(k).map_or("", |t| t.low.as_ref());
    let glued = |k: usize| toks.get(k).is_some_and(|t| t.glued);
    let before = i >= 2 && w(i - 1) == "-" && w(i - 2) == "to" && glued(i);
    let after = w(end) == "-" && glued(end) && w(end + 1) == "to" && glued(end + 1);
    before || after
}

/// A bare year right after a capitalised word inside a sentence is part of a name: "Orion
/// 1980", "Vision 2030". Months, seasons and "Fiscal" before a year still make a date.
fn year_in_name(toks: &[Tok], sentence_lo: usize, i: usize, sem: &grammar::Sem) -> bool {
    if !matches!(sem, grammar::Sem::Year(_)) || i <= sentence_lo + 1 {
        return false;
    }
    let prev = &toks[i - 1];
    let w = prev.low.as_ref();
    prev.class == Class::Word
        && prev.capital
        && w.len() > 1
        && lexicon::month(w).is_none()
        && lexicon::season(w).is_none()
        && !matches!(
            w,
            "fiscal" | "in" | "since" | "by" | "until" | "of" | "for" | "from" | "and" | "to"
        )
        && !lexicon::is_month_abbreviation(w)
}

/// A reporting period longer than a quarter: several months, a half or the year itself.
fn is_longer_period(sem: &grammar::Sem) -> bool {
    use grammar::{Amount, Sem};
    use lexicon::Unit;
    match sem {
        Sem::Duration {
            amount: Amount::N(n),
            unit: Unit::Month,
        } => *n >= 4,
        Sem::Half { .. } => true,
        _ => false,
    }
}

fn parse_quarter(v: &str) -> Option<(i32, u32)> {
    let (y, q) = v.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

/// The token range of the sentence holding byte `at` (the whole text when no sentence does).
fn sentence_tokens(toks: &[Tok], sentences: &[Span], at: usize) -> (usize, usize) {
    let idx = sentences.partition_point(|s| s.end <= at);
    let (start, end) = match sentences.get(idx) {
        Some(s) if s.start <= at => (s.start, s.end),
        _ => (0, usize::MAX),
    };
    let lo = toks.partition_point(|t| t.start < start);
    let hi = toks.partition_point(|t| t.start < end);
    (lo, hi)
}

/// Irregular past forms common in news prose.
const PAST_WORDS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "went",
    "came",
    "took",
    "made",
    "gave",
    "met",
    "saw",
    "won",
    "lost",
    "fell",
    "rose",
    "began",
    "left",
    "held",
    "sold",
    "paid",
    "got",
    "became",
    "ran",
    "struck",
    "hit",
    "killed",
    "found",
    "brought",
    "bought",
    "thought",
    "felt",
    "kept",
    "led",
    "spoke",
    "wrote",
    "sent",
    "spent",
    "built",
    "broke",
    "chose",
    "drove",
    "flew",
    "grew",
    "knew",
    "put",
    "set",
    "shot",
    "stood",
    "taught",
    "threw",
    "understood",
    "wore",
    "ago",
    "fought",
    "sought",
    "caught",
    "dropped",
    "cut",
    "quit",
    "hurt",
    "let",
    "read",
    "beat",
];

const FUTURE_WORDS: &[&str] = &[
    "will",
    "shall",
    "expected",
    "expects",
    "expect",
    "scheduled",
    "planned",
    "upcoming",
    "due",
    "tomorrow",
    "next",
    "forecast",
    "predicted",
    "payable",
    "effective",
    "until",
    "would",
    "could",
    "may",
    "might",
    "can",
    "should",
    "must",
];

const PRESENT_WORDS: &[&str] = &["is", "are", "am", "says", "say"];

/// Auxiliaries after which a participle does not set the tense ("will be paid").
const AUXILIARIES: &[&str] = &[
    "be", "been", "being", "is", "are", "was", "were", "has", "have", "had", "will", "would", "to",
];

/// "-ed" words that are not past forms.
const NOT_PAST: &[&str] = &[
    "need",
    "indeed",
    "proceed",
    "exceed",
    "succeed",
    "seed",
    "speed",
    "feed",
    "breed",
    "bleed",
    "hundred",
    "red",
    "bed",
    "shed",
    "steed",
    "creed",
    "weed",
    "greed",
    "embed",
    "united",
    "limited",
    "based",
    "related",
    "proposed",
    "expected",
    "scheduled",
    "planned",
    "schmed",
    "ted",
    "ed",
    "fred",
    "ned",
    "alfred",
    "mohammed",
    "ahmed",
    "reed",
    "tweed",
    "wed",
];

/// Past forms of verbs that begin with "un-"; other "un-...-ed" words are adjectives.
const UN_VERBS: &[&str] = &[
    "unveiled",
    "unleashed",
    "uncovered",
    "unsealed",
    "unfolded",
    "unloaded",
    "unlocked",
    "unearthed",
    "unraveled",
    "unravelled",
    "unwrapped",
    "undermined",
    "underscored",
    "underlined",
    "undertook",
    "underwent",
];

/// The tense a token signals, and whether the signal is weak (a regular "-ed" form, which may
/// be an adjective: "preferred shares").
fn cue(toks: &[Tok], j: usize) -> Option<(Tense, bool)> {
    strong_cue(toks, j)
        .map(|t| (t, false))
        .or_else(|| weak_cue(toks, j).map(|t| (t, true)))
}

fn weak_cue(toks: &[Tok], j: usize) -> Option<Tense> {
    let t = &toks[j];
    let w = t.low.as_ref();
    if t.class == Class::Word
        && w.len() >= 4
        && w.ends_with("ed")
        && !NOT_PAST.contains(&w)
        // "unspecified", "undisclosed": adjectives, not verbs ("unveiled" is one).
        && (!w.starts_with("un") || UN_VERBS.contains(&w))
        && !t.capital
    {
        let after_aux = j > 0 && AUXILIARIES.contains(&toks[j - 1].low.as_ref());
        if !after_aux {
            return Some(Tense::Past);
        }
    }
    None
}

/// Verbs of intention that point forward only when an infinitive follows ("plans to sell"; "the
/// plans" is a noun).
const INTENT_WORDS: &[&str] = &[
    "plans", "plan", "intends", "aims", "hopes", "seeks", "wants",
];

/// Whether the intention word at `j` is a noun: it follows a determiner or a verb ("its plans
/// to", "announced plans to").
fn noun_before_infinitive(toks: &[Tok], j: usize) -> bool {
    let Some(p) = j.checked_sub(1) else {
        return false;
    };
    let prev = toks[p].low.as_ref();
    matches!(
        prev,
        "the" | "its" | "his" | "her" | "their" | "our" | "no" | "new" | "any" | "has" | "have"
    ) || (prev.ends_with("ed") && !NOT_PAST.contains(&prev))
        || PAST_WORDS.contains(&prev)
}

/// Past forms that are also the finite past tense; the rest of [`PAST_WORDS`] double as past
/// participles, which after an auxiliary ("will be paid", "has been held") say nothing about
/// when.
const FINITE_PAST: &[&str] = &["was", "were", "had", "did", "ago"];

fn strong_cue(toks: &[Tok], j: usize) -> Option<Tense> {
    let t = &toks[j];
    if t.class != Class::Word {
        return None;
    }
    let w = t.low.as_ref();
    let prev = j.checked_sub(1).map_or("", |p| toks[p].low.as_ref());
    let next = toks.get(j + 1).map_or("", |n| n.low.as_ref());
    if w == "ll" && prev == "'" && t.glued {
        return Some(Tense::Future);
    }
    if w == "going" && next == "to" {
        return Some(Tense::Future);
    }
    // "is to resume", "are to meet": an arrangement for later.
    if w == "to" && matches!(prev, "is" | "are") {
        return Some(Tense::Future);
    }
    // "ahead of the weekend"
    if w == "ahead" && next == "of" {
        return Some(Tense::Future);
    }
    // "set to resume", "supposed to conclude": an arrangement for later.
    if matches!(w, "set" | "supposed" | "slated" | "poised") && next == "to" {
        return Some(Tense::Future);
    }
    // "plans to sell", but not "announced plans to sell", where "plans" is a noun.
    if INTENT_WORDS.contains(&w) && next == "to" && !noun_before_infinitive(toks, j) {
        return Some(Tense::Future);
    }
    if FUTURE_WORDS.contains(&w) {
        // "was scheduled to", "had been due": a plan reported in the past.
        if matches!(prev, "was" | "were" | "been" | "had" | "previously") {
            return Some(Tense::Past);
        }
        return Some(Tense::Future);
    }
    if PRESENT_WORDS.contains(&w) {
        return Some(Tense::Present);
    }
    if PAST_WORDS.contains(&w) {
        if !FINITE_PAST.contains(&w) && AUXILIARIES.contains(&prev) {
            return None;
        }
        return Some(Tense::Past);
    }
    None
}

/// The tense nearest the expression at tokens `m_lo..m_hi`, within the sentence `lo..hi`.
fn tense_at(toks: &[Tok], lo: usize, hi: usize, m_lo: usize, m_hi: usize) -> Tense {
    const WINDOW: usize = 14;
    let hi = hi.min(toks.len());
    // A weak cue counts as twice as far away as it is.
    let mut best: Option<(usize, Tense)> = None;
    for d in 1..=WINDOW {
        let left = m_lo.checked_sub(d).filter(|j| *j >= lo);
        let right = Some(m_hi + d - 1).filter(|j| *j < hi);
        for j in [left, right].into_iter().flatten() {
            if let Some((t, weak)) = cue(toks, j) {
                let cost = if weak { 2 * d + 1 } else { d };
                if best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, t));
                }
            }
        }
        if best.is_some_and(|(c, _)| c <= d) {
            break;
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}
