//! Resolution: turning a recognised expression into a TIMEX3 value against the anchor date and
//! the tense of its clause.

use chrono::{Datelike, Duration, NaiveDate};
use triangulate_model::TimeKind;

use super::grammar::{Amount, Dir, Sem, YearSpec};
use super::lexicon::Unit;

/// The tense of the clause an expression sits in, as far as cue words show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

impl Tense {
    fn describe(self) -> &'static str {
        match self {
            Tense::Past => "past tense in clause",
            Tense::Present => "present tense in clause",
            Tense::Future => "future tense in clause",
            Tense::Unknown => "no tense cue in clause",
        }
    }
}

/// What resolution needs besides the expression itself.
pub(super) struct Ctx {
    pub anchor: Option<NaiveDate>,
    pub tense: Tense,
    /// The last quarter the text mentioned, for "the quarter" and "a year earlier".
    pub quarter_ref: Option<(i32, u32)>,
    /// Whether the period under discussion is that quarter rather than a longer stretch.
    pub quarter_period: bool,
    /// The last calendar date the text named, with the value it was given, for "that year" and
    /// "the following month".
    pub reference: Option<Reference>,
}

/// A date the text named, as far as its value fixes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reference {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Reference {
    /// Reads a TIMEX3 date value ("1995", "1995-05", "1995-05-22"); `None` for anything else.
    pub(super) fn parse(value: &str) -> Option<Reference> {
        let mut parts = value.split('-');
        let y = parts.next()?;
        if y.len() != 4 {
            return None;
        }
        let year = y.parse().ok()?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 => Some(m.parse().ok()?),
            Some(_) => return None,
            None => None,
        };
        let day = match parts.next() {
            Some(d) if d.len() == 2 => Some(d.parse().ok()?),
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Reference { year, month, day })
    }

    /// The TIMEX3 value, as precise as the date was named.
    pub(super) fn value(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => year_str(self.year),
        }
    }
}

pub(super) struct Resolved {
    pub kind: TimeKind,
    pub value: String,
    pub reasoning: String,
}

fn done(kind: TimeKind, value: String, reasoning: String) -> Resolved {
    Resolved {
        kind,
        value,
        reasoning,
    }
}

/// The direction a `Dir::Tense` takes in this clause: `None` when the tense does not say.
fn lean(dir: Dir, tense: Tense) -> Option<Dir> {
    match (dir, tense) {
        (Dir::Tense, Tense::Past) => Some(Dir::Past),
        (Dir::Tense, Tense::Future) => Some(Dir::Future),
        (Dir::Tense, _) => None,
        (d, _) => Some(d),
    }
}

/// Picks the year of a position `cand` within a year of `period` steps, given the anchor's
/// position `now`: past leans back, future forward, otherwise the nearest occurrence.
fn pick_year(ay: i32, cand: i64, now: i64, period: i64, dir: Option<Dir>) -> (i32, &'static str) {
    pick_year_with(ay, cand, now, period, dir, 0)
}

/// Like [`pick_year`], but a past context only moves a date back a year when it lies more than
/// `slack` steps after the anchor: past-tense news names near deadlines ("extended to Nov. 16").
fn pick_year_with(
    ay: i32,
    cand: i64,
    now: i64,
    period: i64,
    dir: Option<Dir>,
    slack: i64,
) -> (i32, &'static str) {
    match dir {
        Some(Dir::Past) if cand > now + slack => (
            ay - 1,
            "after the anchor in a past context -> previous year",
        ),
        Some(Dir::Future) if cand < now => {
            (ay + 1, "before the anchor in a future context -> next year")
        }
        Some(_) => (ay, "-> anchor's year"),
        None if cand - now > period / 2 => (ay - 1, "nearest occurrence -> previous year"),
        None if now - cand > period / 2 => (ay + 1, "nearest occurrence -> next year"),
        None => (ay, "nearest occurrence -> anchor's year"),
    }
}

fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

fn shift_quarter((y, q): (i32, u32), by: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + by;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

fn shift_month(d: NaiveDate, by: i32) -> (i32, u32) {
    let idx = d.year() * 12 + d.month0() as i32 + by;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn year_str(y: i32) -> String {
    format!("{y:04}")
}

fn amount_n(a: Amount) -> Option<u32> {
    match a {
        Amount::N(n) => Some(n),
        _ => None,
    }
}

pub(super) fn duration_value(amount: Amount, unit: Unit) -> String {
    let (code, t) = unit.code();
    let p = if t { "PT" } else { "P" };
    match amount {
        Amount::N(n) if unit == Unit::Decade => format!("P{}Y", u64::from(n) * 10),
        Amount::N(n) => format!("{p}{n}{code}"),
        Amount::Vague => format!("{p}X{code}"),
        Amount::Half(n) => match unit {
            Unit::Year => format!("P{n}Y6M"),
            Unit::Day => format!("P{n}DT12H"),
            Unit::Hour => format!("PT{n}H30M"),
            Unit::Minute => format!("PT{n}M30S"),
            _ => format!("{p}{n}.5{code}"),
        },
    }
}

/// Resolves `sem` in `ctx`.
pub(super) fn resolve(sem: &Sem, ctx: &Ctx) -> Resolved {
    use TimeKind::{Date, Duration as Dur, Set, Time};
    let anchor = ctx.anchor;
    let at = |a: NaiveDate| format!("anchor {}", ymd(a));
    match sem {
        Sem::Date { year, month, day } => resolve_date(*year, *month, *day, ctx),
        Sem::Weekday { wd, dir, part } => {
            let Some(a) = anchor else {
                return done(
                    if part.is_some() { Time } else { Date },
                    "XXXX-XX-XX".into(),
                    "weekday without an anchor".into(),
                );
            };
            let (d, why) = weekday_date(a, *wd, *dir, ctx.tense);
            match part {
                Some(p) => done(
                    Time,
                    format!("{}T{p}", ymd(d)),
                    format!("weekday with part of day; {why}, {}", at(a)),
                ),
                None => done(Date, ymd(d), format!("weekday; {why}, {}", at(a))),
            }
        }
        Sem::DayOffset { days, part } => {
            let kind = if part.is_some() { Time } else { Date };
            let Some(a) = anchor else {
                return done(
                    kind,
                    "XXXX-XX-XX".into(),
                    "day relative to an unknown anchor".into(),
                );
            };
            let d = a + Duration::days(*days);
            let v = match part {
                Some(p) => format!("{}T{p}", ymd(d)),
                None => ymd(d),
            };
            done(kind, v, format!("{days:+} day(s) from {}", at(a)))
        }
        Sem::Clock { hour, minute, base } => {
            let (date_v, why) = match base.as_deref() {
                Some(b) => {
                    let r = resolve(b, ctx);
                    let v = r
                        .value
                        .split('T')
                        .next()
                        .unwrap_or("XXXX-XX-XX")
                        .to_string();
                    (v, format!("clock time on {}", r.reasoning))
                }
                None => match anchor {
                    Some(a) => (ymd(a), format!("clock time on the {}", at(a))),
                    None => ("XXXX-XX-XX".into(), "clock time without an anchor".into()),
                },
            };
            let v = if *hour == 24 {
                format!("{date_v}T24:00")
            } else {
                format!("{date_v}T{hour:02}:{minute:02}")
            };
            done(Time, v, why)
        }
        Sem::Year(y) => done(Date, year_str(*y), "explicit year".into()),
        Sem::Decade(d) => done(Date, format!("{d:03}"), "decade".into()),
        Sem::Century(c) => done(Date, format!("{c:02}"), "century".into()),
        Sem::Rel { unit, offset } => {
            let Some(a) = anchor else {
                let v = match unit {
                    Unit::Month => "XXXX-XX",
                    Unit::Week => "XXXX-WXX",
                    Unit::Quarter => "XXXX-QX",
                    _ => "XXXX",
                };
                return done(Date, v.into(), "relative to an unknown anchor".into());
            };
            let v = match unit {
                Unit::Month => {
                    let (y, m) = shift_month(a, *offset);
                    format!("{y:04}-{m:02}")
                }
                Unit::Week => iso_week(a + Duration::days(7 * i64::from(*offset))),
                Unit::Quarter => {
                    let (y, q) = shift_quarter(quarter_of(a), *offset);
                    format!("{y:04}-Q{q}")
                }
                Unit::Decade => format!("{:03}", a.year().div_euclid(10) + offset),
                Unit::Century => format!("{:02}", a.year().div_euclid(100) + offset),
                _ => year_str(a.year() + offset),
            };
            done(Date, v, format!("{unit:?} {offset:+} from {}", at(a)))
        }
        Sem::Weekend(dir) => {
            let Some(a) = anchor else {
                return done(
                    Date,
                    "XXXX-WXX-WE".into(),
                    "weekend without an anchor".into(),
                );
            };
            let sat = a.weekday().num_days_from_monday() as i64;
            let back = (sat - 5).rem_euclid(7);
            let d = match lean(*dir, ctx.tense) {
                Some(Dir::Future) => a + Duration::days((5 - sat).rem_euclid(7)),
                _ if sat >= 5 => a,
                _ => a - Duration::days(back),
            };
            done(
                Date,
                format!("{}-WE", iso_week(d)),
                format!("weekend; {}, {}", ctx.tense.describe(), at(a)),
            )
        }
        Sem::Quarter { q, year } => resolve_quarter(*q, *year, ctx),
        Sem::Half { h, year } => {
            let y = match (year, anchor) {
                (YearSpec::Explicit(y), _) => year_str(*y),
                (YearSpec::Offset(o), Some(a)) => year_str(a.year() + o),
                _ => "XXXX".into(),
            };
            done(Date, format!("{y}-H{h}"), "half year".into())
        }
        Sem::Season { s, year } => {
            let Some(a) = anchor else {
                return done(Date, format!("XXXX-{s}"), "season without an anchor".into());
            };
            let pos = match *s {
                "SP" => 1,
                "SU" => 2,
                "FA" => 3,
                _ => 4,
            };
            let now = i64::from(a.month() % 12 / 3);
            let (y, why) = match year {
                YearSpec::Explicit(y) => (*y, "explicit year"),
                YearSpec::Offset(o) => (a.year() + o, "anchor's year"),
                YearSpec::Infer(dir) => pick_year(a.year(), pos, now, 4, lean(*dir, ctx.tense)),
            };
            done(
                Date,
                format!("{y:04}-{s}"),
                format!("season; {why}, {}", at(a)),
            )
        }
        Sem::Ago { amount, unit, sign } => resolve_ago(*amount, *unit, *sign, ctx),
        Sem::Ref(r) => done(
            Date,
            (*r).into(),
            "reference to the present, past or future".into(),
        ),
        Sem::Duration { amount, unit } => {
            done(Dur, duration_value(*amount, *unit), "duration".into())
        }
        Sem::Set(v) => done(Set, (*v).into(), "frequency".into()),
        Sem::Anaphor { unit, offset, part } => {
            let mut r = resolve_anaphor(*unit, *offset, ctx);
            if let Some(p) = part {
                r.kind = Time;
                r.value = format!("{}T{p}", r.value);
                r.reasoning = format!("part of the day; {}", r.reasoning);
            }
            r
        }
        Sem::WeekdaySet { wd, part } => done(
            Set,
            format!(
                "XXXX-WXX-{}{}",
                wd + 1,
                part.map_or(String::new(), |p| format!("T{p}"))
            ),
            "every such weekday".into(),
        ),
        Sem::WeekdayBefore { wd } => {
            let named = ctx
                .reference
                .and_then(|r| NaiveDate::from_ymd_opt(r.year, r.month?, r.day?));
            let Some(base) = named.or(anchor) else {
                return done(
                    Date,
                    "XXXX-XX-XX".into(),
                    "weekday without an anchor".into(),
                );
            };
            let today = i64::from(base.weekday().num_days_from_monday());
            let back = match (today - i64::from(*wd)).rem_euclid(7) {
                0 => 7,
                b => b,
            };
            let from = if named.is_some() {
                "the date last named"
            } else {
                "the anchor"
            };
            done(
                Date,
                ymd(base - Duration::days(back)),
                format!("weekday before {from}, {}", ymd(base)),
            )
        }
        Sem::Then { since } => match ctx.reference {
            Some(r) => done(Date, r.value(), "the date last named".into()),
            None => done(
                Date,
                if *since { "PAST_REF" } else { "FUTURE_REF" }.into(),
                "no date named before".into(),
            ),
        },
    }
}

fn resolve_date(year: YearSpec, month: u32, day: Option<u32>, ctx: &Ctx) -> Resolved {
    let tail = match day {
        Some(d) => format!("-{month:02}-{d:02}"),
        None => format!("-{month:02}"),
    };
    let what = if day.is_some() { "month-day" } else { "month" };
    let (y, why) = match (year, ctx.anchor) {
        (YearSpec::Explicit(y), _) => (year_str(y), format!("{what} with explicit year")),
        (_, None) => (
            "XXXX".to_string(),
            format!("{what} without year and no anchor"),
        ),
        (YearSpec::Offset(o), Some(a)) => (
            year_str(a.year() + o),
            format!("{what}; year {o:+} from anchor {}", ymd(a)),
        ),
        (YearSpec::Infer(dir), Some(a)) => {
            let (cand, now) = match day {
                Some(d) => (
                    i64::from(month * 32 + d),
                    i64::from(a.month() * 32 + a.day()),
                ),
                None => (i64::from(month), i64::from(a.month())),
            };
            let period = if day.is_some() { 12 * 32 } else { 12 };
            // Six weeks of slack for a tense-inferred month-day, one month for a month.
            let slack = match (dir, day) {
                (Dir::Tense, Some(_)) => 45,
                (Dir::Tense, None) => 1,
                _ => 0,
            };
            let (y, rule) =
                pick_year_with(a.year(), cand, now, period, lean(dir, ctx.tense), slack);
            let cue = match dir {
                Dir::Tense => ctx.tense.describe(),
                Dir::Past => "\"last\"",
                Dir::Future => "\"next\"",
            };
            (
                year_str(y),
                format!("{what} without year; {cue}, anchor {} {rule}", ymd(a)),
            )
        }
    };
    done(TimeKind::Date, format!("{y}{tail}"), why)
}

fn weekday_date(a: NaiveDate, wd: u32, dir: Dir, tense: Tense) -> (NaiveDate, &'static str) {
    let today = a.weekday().num_days_from_monday() as i64;
    let mut back = (today - i64::from(wd)).rem_euclid(7);
    if dir == Dir::Past && back == 0 {
        // "last Monday" said on a Monday is a week ago.
        back = 7;
    }
    let fwd = (i64::from(wd) - today).rem_euclid(7);
    // News reports what happened: a weekday leans forward only on an explicit future cue
    // ("will meet Thursday"), not on a present-tense clause ("before Friday's purchases is").
    let dir = match (dir, tense) {
        (Dir::Tense, Tense::Future) => Dir::Future,
        (Dir::Tense, _) => Dir::Past,
        (d, _) => d,
    };
    match dir {
        Dir::Future => (
            a + Duration::days(fwd),
            "future or present context -> on or after the anchor",
        ),
        _ => (
            a - Duration::days(back),
            "past context -> on or before the anchor",
        ),
    }
}

fn resolve_quarter(q: Option<u32>, year: YearSpec, ctx: &Ctx) -> Resolved {
    let Some(a) = ctx.anchor else {
        let y = match year {
            YearSpec::Explicit(y) => year_str(y),
            _ => "XXXX".into(),
        };
        let q = q.map_or("X".to_string(), |q| q.to_string());
        return done(
            TimeKind::Date,
            format!("{y}-Q{q}"),
            "quarter without an anchor".into(),
        );
    };
    // The quarter under discussion: the last one mentioned, else the last completed one (news
    // about quarters is mostly earnings reported after the quarter closed).
    let (ref_q, ref_why) = match ctx.quarter_ref {
        Some(r) => (r, "the quarter last mentioned"),
        None => (
            shift_quarter(quarter_of(a), -1),
            "the last completed quarter before the anchor",
        ),
    };
    let (y, qn, why) = match (q, year) {
        (Some(q), YearSpec::Explicit(y)) => (y, q, "explicit year".to_string()),
        (Some(q), YearSpec::Offset(o)) => (a.year() + o, q, format!("year {o:+} from anchor")),
        (Some(q), YearSpec::Infer(dir)) => {
            let (_, now) = quarter_of(a);
            // Quarters are reported after they close, so a future context ("expects to report
            // third-quarter results") does not push a passed quarter into next year.
            let lean = match lean(dir, ctx.tense) {
                Some(Dir::Past) => Some(Dir::Past),
                _ => Some(Dir::Tense),
            };
            let (y, rule) = pick_year(a.year(), i64::from(q), i64::from(now), 4, lean);
            (
                y,
                q,
                format!("quarter without year; {}, {rule}", ctx.tense.describe()),
            )
        }
        (None, YearSpec::Explicit(y)) => (y, ref_q.1, format!("{ref_why}, in the explicit year")),
        (None, YearSpec::Offset(o)) => (ref_q.0 + o, ref_q.1, format!("{ref_why}, year {o:+}")),
        (None, YearSpec::Infer(_)) => (ref_q.0, ref_q.1, ref_why.to_string()),
    };
    done(
        TimeKind::Date,
        format!("{y:04}-Q{qn}"),
        format!("{why}; anchor {}", ymd(a)),
    )
}

fn resolve_ago(amount: Amount, unit: Unit, sign: i32, ctx: &Ctx) -> Resolved {
    let Some(n) = amount_n(amount) else {
        let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return done(
            TimeKind::Date,
            v.into(),
            "vague offset from the anchor".into(),
        );
    };
    let Some(a) = ctx.anchor else {
        return done(
            TimeKind::Date,
            "XXXX".into(),
            "offset from an unknown anchor".into(),
        );
    };
    let n = i32::try_from(n).unwrap_or(i32::MAX / 2).min(10_000);
    let by = if sign < 0 { -n } else { n };
    let why = format!(
        "{n} {unit:?}(s) {} anchor {}",
        if sign < 0 { "before" } else { "after" },
        ymd(a)
    );
    let v = match unit {
        Unit::Year => match ctx.quarter_ref {
            // In earnings prose "a year ago" is the same quarter of the previous year.
            Some(r) if n == 1 && ctx.quarter_period => {
                let (y, q) = (r.0 + by, r.1);
                return done(
                    TimeKind::Date,
                    format!("{y:04}-Q{q}"),
                    format!("{why}; same quarter as the one under discussion"),
                );
            }
            _ => year_str(a.year() + by),
        },
        Unit::Quarter => {
            let (y, q) = shift_quarter(quarter_of(a), by);
            format!("{y:04}-Q{q}")
        }
        Unit::Month => {
            let (y, m) = shift_month(a, by);
            format!("{y:04}-{m:02}")
        }
        Unit::Week => iso_week(a + Duration::days(7 * i64::from(by))),
        Unit::Day => ymd(a + Duration::days(i64::from(by))),
        Unit::Decade => year_str(a.year() + 10 * by),
        Unit::Century => year_str(a.year() + 100 * by),
        Unit::Hour | Unit::Minute | Unit::Second => ymd(a),
    };
    done(TimeKind::Date, v, why)
}

/// "that year", "the following month": the named reference date's unit, shifted; without a
/// reference precise enough, the publication date stands in for it.
fn resolve_anaphor(unit: Unit, offset: i32, ctx: &Ctx) -> Resolved {
    let ref_day = ctx
        .reference
        .and_then(|r| NaiveDate::from_ymd_opt(r.year, r.month?, r.day?));
    let ref_month = ctx
        .reference
        .and_then(|r| NaiveDate::from_ymd_opt(r.year, r.month?, 1));
    let from_ref = |v: String, r: Reference| {
        done(
            TimeKind::Date,
            v,
            format!(
                "{unit:?} {offset:+} from the date last named, {}",
                r.value()
            ),
        )
    };
    match (unit, ctx.reference, ref_month, ref_day) {
        (Unit::Year, Some(r), _, _) => return from_ref(year_str(r.year + offset), r),
        (Unit::Month, Some(r), Some(month), _) => {
            let (y, m) = shift_month(month, offset);
            return from_ref(format!("{y:04}-{m:02}"), r);
        }
        (Unit::Quarter, Some(r), Some(month), _) if ctx.quarter_ref.is_none() => {
            let (y, q) = shift_quarter(quarter_of(month), offset);
            return from_ref(format!("{y:04}-Q{q}"), r);
        }
        (Unit::Week, Some(r), _, Some(day)) => {
            return from_ref(iso_week(day + Duration::days(7 * i64::from(offset))), r);
        }
        (Unit::Day, Some(r), _, Some(day)) => {
            return from_ref(ymd(day + Duration::days(i64::from(offset))), r);
        }
        _ => {}
    }
    if unit == Unit::Quarter {
        if let Some((y, q)) = ctx.quarter_ref {
            let (y, q) = shift_quarter((y, q), offset);
            return done(
                TimeKind::Date,
                format!("{y:04}-Q{q}"),
                format!("Quarter {offset:+} from the quarter last mentioned"),
            );
        }
    }
    if unit == Unit::Day {
        let Some(a) = ctx.anchor else {
            return done(
                TimeKind::Date,
                "XXXX-XX-XX".into(),
                "no date named before and no anchor".into(),
            );
        };
        let d = a + Duration::days(i64::from(offset));
        return done(
            TimeKind::Date,
            ymd(d),
            format!(
                "no date named before; {offset:+} day(s) from anchor {}",
                ymd(a)
            ),
        );
    }
    let rel = Sem::Rel { unit, offset };
    let mut r = resolve(&rel, ctx);
    r.reasoning = format!("no date named before; {}", r.reasoning);
    r
}
