//! Publication dates: normalising the many ways pages write a date to ISO 8601, and refusing
//! dates that cannot be publication dates (in the future).

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};
use regex::Regex;
use triangulate_model::MONTH_NAMES;

/// Normalises a machine-readable date (`2024-09-16`, `2024-09-16T12:05:00+02:00`, `20240916`)
/// or a written one (`September 17, 2024 1:24 AM`, `16 Sept. 2024`) to `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM:SS`. The time is the local time the page wrote; the offset is dropped
/// because readers compare calendar days.
pub fn normalise(raw: &str) -> Option<String> {
    let raw = raw.trim();
    iso(raw).or_else(|| written(raw)).filter(|v| not_future(v))
}

fn iso_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
            .expect("static regex")
    })
}

fn iso(raw: &str) -> Option<String> {
    let caps = iso_regex().captures(raw)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = NaiveDate::from_ymd_opt(num(1)? as i32, num(2)?, num(3)?)?;
    match (num(4), num(5)) {
        (Some(h), Some(m)) => {
            let time = NaiveTime::from_hms_opt(h, m, num(6).unwrap_or(0))?;
            Some(
                NaiveDateTime::new(date, time)
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
            )
        }
        _ => Some(date.format("%Y-%m-%d").to_string()),
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "Sept", "Sep", "September" all pass; "Mayor" does not.
    (MONTH_NAMES[i].starts_with(&w) || w == "sept").then_some(i as u32 + 1)
}

fn written_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)
            (?:
              (?P<m1>[a-z]{3,9}\.?)\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})
            | (?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[a-z]{3,9}\.?),?\s+(?P<y2>\d{4})
            )
            (?:,?\s+(?:at\s+)?(?P<h>\d{1,2}):(?P<min>\d{2})\s*(?P<ap>[ap]\.?m\.?)?)?",
        )
        .expect("static regex")
    })
}

/// Finds the first written date in `text`: its byte range and normalised value.
pub fn find_written(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    for caps in written_regex().captures_iter(text) {
        let whole = caps.get(0)?;
        if let Some(value) = from_caps(&caps).filter(|v| not_future(v)) {
            return Some((whole.range(), value));
        }
    }
    None
}

fn written(raw: &str) -> Option<String> {
    find_written(raw).map(|(_, v)| v)
}

fn from_caps(caps: &regex::Captures<'_>) -> Option<String> {
    let get = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b)).map(|m| m.as_str());
    let m = month(get("m1", "m2")?)?;
    let d: u32 = get("d1", "d2")?.parse().ok()?;
    let y: i32 = get("y1", "y2")?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    let (Some(h), Some(min)) = (caps.name("h"), caps.name("min")) else {
        return Some(date.format("%Y-%m-%d").to_string());
    };
    let mut h: u32 = h.as_str().parse().ok()?;
    let min: u32 = min.as_str().parse().ok()?;
    if let Some(ap) = caps.name("ap") {
        let pm = ap.as_str().to_lowercase().starts_with('p');
        h = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
    }
    let time = NaiveTime::from_hms_opt(h, min, 0)?;
    Some(
        NaiveDateTime::new(date, time)
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string(),
    )
}

fn url_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").expect("static regex")
    })
}

/// A date written into a URL path (`/2024/09/16/`).
pub fn from_url(url: &str) -> Option<String> {
    let caps = url_regex().captures(url)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = NaiveDate::from_ymd_opt(num(1)? as i32, num(2)?, num(3)?)?;
    Some(date.format("%Y-%m-%d").to_string()).filter(|v| not_future(v))
}

/// A publication date cannot lie after today (one day of slack for time zones).
fn not_future(value: &str) -> bool {
    let Some(day) = value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return false;
    };
    let today = Utc::now().date_naive();
    day <= today + chrono::Days::new(1) && day.year_ce().1 >= 1990
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_dates() {
        assert_eq!(
            normalise("2023-03-02T08:15:00+01:00").as_deref(),
            Some("2023-03-02T08:15:00")
        );
        assert_eq!(normalise("2023-03-02").as_deref(), Some("2023-03-02"));
        assert_eq!(normalise("2023-13-02"), None);
    }

    #[test]
    fn written_dates() {
        assert_eq!(
            normalise("March 4, 2021 9:05 PM").as_deref(),
            Some("2021-03-04T21:05:00")
        );
        assert_eq!(normalise("4 Sept. 2021").as_deref(), Some("2021-09-04"));
        assert_eq!(normalise("Mayor 4, 2021"), None);
    }

    #[test]
    fn future_dates_are_refused() {
        assert_eq!(normalise("2999-01-01"), None);
        assert_eq!(from_url("https://example.org/2999/01/01/x"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://news.example/2020/07/14/a-story").as_deref(),
            Some("2020-07-14")
        );
    }
}
