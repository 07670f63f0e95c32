//! Main text of scraped plain text: a page's visible text, one block per line, with the page's
//! furniture still in it. Furniture is removed line by line; the headline, byline, dateline and
//! reprint notice become metadata.

use std::sync::OnceLock;

use regex::Regex;
use triangulate_model::{BlockKind, Dated, Provenance, Span};

use crate::article::{Draft, DraftBlock};
use crate::{boilerplate, dates, reprint};

/// Lines of the page head where a headline, byline or dateline may stand.
const HEAD_LINES: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
}

fn lines(body: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in body.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let text = content.trim();
        if !text.is_empty() {
            out.push(Line {
                text,
                start: offset + lead,
            });
        }
        offset += raw.len();
    }
    out
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

fn header_date(line: &str) -> Option<(usize, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let caps = regex(
        &RE,
        r"^(?i:date|published|posted)\s*:?\s+(\d{4}-\d{2}-\d{2})\b\s*",
    )
    .captures(line)?;
    let value = dates::normalise(caps.get(1)?.as_str())?;
    Some((caps.get(0)?.end(), value))
}

fn clock_line(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?$").is_match(line)
}

/// A feed item on one line: a clock time, then a short headline with no closing full stop
/// ("09:31 Fishing talks adjourned").
fn clock_item(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s+\S").is_match(line)
        && line.split_whitespace().count() <= 16
        && !line.trim_end().ends_with('.')
}

fn feed_heading(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)^(?:news\s+feed|latest(?:\s+news)?|live\s+updates|breaking\s+news|just\s+in)$",
    )
    .is_match(line)
}

/// A caption closes with a photo credit in parentheses: "(Name/Agency via Getty Images)".
fn caption(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)\((?:[^()]*/[^()]*|[^()]*\bvia\s+[^()]+|[^()]*\b(?:photo|getty|reuters|afp|ap|epa|shutterstock|credit)\b[^()]*)\)\s*$",
    )
    .is_match(line)
}

fn teaser_tail(line: &str) -> bool {
    line.ends_with('…') || line.ends_with("...")
}

fn sentence_end(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ';', '…', ')'])
}

struct Byline {
    authors: Vec<String>,
    outlet: Option<String>,
    published: Option<String>,
}

fn byline(line: &str) -> Option<Byline> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let rest = regex(&RE, r"^(?i:by)\s+")
        .find(line)
        .map(|m| &line[m.end()..])?;
    if line.len() > 300 {
        return None;
    }
    let (names, published) = match dates::find_written(rest) {
        Some((range, value)) => (&rest[..range.start], Some(value)),
        None => (rest, None),
    };
    static DESK: OnceLock<Regex> = OnceLock::new();
    let desk = regex(
        &DESK,
        r"(?i)^(.+?)\s+(?:news\s+desk|staff|newsroom|editorial\s+team|reporters?)$",
    );
    let mut authors = Vec::new();
    let mut outlet = None;
    for part in names.split(&[',', '&'][..]).flat_map(|p| p.split(" and ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match desk.captures(part).and_then(|c| c.get(1)) {
            Some(name) => outlet = Some(name.as_str().trim().to_string()),
            None if part.split_whitespace().count() <= 5 => authors.push(part.to_string()),
            None => {}
        }
    }
    Some(Byline {
        authors,
        outlet,
        published,
    })
}

fn dateline(line: &str) -> Option<String> {
    if line.len() > 80 {
        return None;
    }
    let (range, value) = dates::find_written(line)?;
    // The date must be most of the line: a sentence that contains a date is not a dateline.
    (range.len() * 2 >= line.trim().len()).then_some(value)
}

/// Extracts the main text and metadata of scraped plain text.
pub fn extract(body: &str) -> Draft {
    let mut all = lines(body);
    let mut draft = Draft::default();
    if let Some(first) = all.first_mut() {
        if let Some((cut, value)) = header_date(first.text) {
            draft.published = Some(Dated {
                value,
                provenance: Provenance::Header,
            });
            first.text = first.text[cut..].trim_start();
            first.start += cut;
        }
    }
    let mut keep = vec![true; all.len()];
    let mut headline = None;
    for i in 0..all.len() {
        let text = all[i].text;
        if !keep[i] {
            continue;
        }
        if feed_heading(text)
            && all
                .get(i + 1)
                .is_some_and(|l| clock_line(l.text) || clock_item(l.text))
        {
            drop_feed(&all, &mut keep, i);
            continue;
        }
        if text.is_empty() || boilerplate::furniture_line(text) {
            keep[i] = false;
            continue;
        }
        if i < HEAD_LINES + 4 {
            if let Some(by) = byline(text) {
                keep[i] = false;
                draft.authors = by.authors;
                draft.outlet = draft.outlet.take().or(by.outlet);
                if draft.published.is_none() {
                    draft.published = by.published.map(|value| Dated {
                        value,
                        provenance: Provenance::Dateline,
                    });
                }
                // The headline is the last kept short line above the byline.
                if let Some(h) = (0..i).rev().find(|&j| keep[j] && all[j].text.len() < 200) {
                    headline = Some(h);
                    keep[h] = false;
                }
                continue;
            }
            if let Some(value) = dateline(text) {
                keep[i] = false;
                if draft.published.is_none() {
                    draft.published = Some(Dated {
                        value,
                        provenance: Provenance::Dateline,
                    });
                }
                continue;
            }
        }
        if let Some(notice) = reprint::notice(text) {
            keep[i] = false;
            draft.reprint.get_or_insert(notice);
            continue;
        }
        if caption(text) {
            keep[i] = false;
            continue;
        }
        // A related-article teaser: a headline line, then a paragraph cut off with an ellipsis.
        if teaser_tail(text) && i > 0 && keep[i - 1] && !sentence_end(all[i - 1].text) {
            keep[i] = false;
            keep[i - 1] = false;
            continue;
        }
    }
    drop_sandwiched(&all, &mut keep);
    if draft.outlet.is_none() {
        draft.outlet = masthead_outlet(body, &all, &mut keep);
    }
    if headline.is_none() {
        headline = standalone_headline(&all, &keep);
        if let Some(h) = headline {
            keep[h] = false;
        }
    }
    if let Some(h) = headline {
        draft.title = Some(all[h].text.to_string());
    }
    draft.blocks = all
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(line, _)| {
            let text = strip_share(line.text);
            DraftBlock {
                text: text.to_string(),
                kind: if sentence_end(text) || text.len() > 150 {
                    BlockKind::Paragraph
                } else {
                    BlockKind::Heading
                },
                source: Some(Span::new(line.start, line.start + text.len())),
            }
        })
        .collect();
    draft
}

/// Kept lines of the page head searched for a headline when no byline points at one.
const HEADLINE_LINES: usize = 3;

/// Whether a line reads like a headline: a short phrase of several words with no sentence
/// punctuation at its end, starting with a capital or digit.
fn headline_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=20).contains(&words)
        && (15..=160).contains(&line.chars().count())
        && !sentence_end(line)
        && !line.ends_with([',', '-', '–', '—', '|'])
        && line.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'')
        })
        && !boilerplate::furniture_line(line)
}

/// A headline with no byline under it: among the first kept lines, a headline-like line that a
/// paragraph follows within two lines. Pages whose head holds only sentences get no title
/// rather than a guess.
fn standalone_headline(all: &[Line<'_>], keep: &[bool]) -> Option<usize> {
    let kept: Vec<usize> = (0..all.len()).filter(|&i| keep[i]).collect();
    kept.iter()
        .take(HEADLINE_LINES)
        .enumerate()
        .find(|&(pos, &i)| {
            // A standfirst or credit line may stand between the headline and the first
            // paragraph ("Translated from ...").
            headline_like(all[i].text)
                && kept.iter().skip(pos + 1).take(2).any(|&next| {
                    let text = all[next].text;
                    sentence_end(text) && text.len() > all[i].text.len()
                })
        })
        .map(|(_, &i)| i)
}

/// Kept lines of the page head searched for a masthead.
const MASTHEAD_LINES: usize = 3;

/// Lines of the page searched for a dateline with a wire credit.
const DATELINE_LINES: usize = 16;

/// Whether a line reads like an outlet's name: a few capitalised words ("Harbour Gazette",
/// "The Times of Lenn"), no digits, no sentence punctuation.
fn name_like(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && line.chars().count() <= 50
        && !sentence_end(line)
        && !line.contains(|c: char| c.is_ascii_digit() || matches!(c, ':' | '|' | ',' | '?'))
        && !boilerplate::furniture_line(line)
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c == '&')
                || matches!(*w, "of" | "the" | "and" | "on" | "in" | "de" | "la" | "du")
        })
}

/// The wire credit of a dateline opening a paragraph: "PORT ELLIS, May 2 (Lenn Wire) - ...".
fn wire_credit(line: &str) -> Option<&str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let caps = regex(
        &RE,
        r"^\p{Lu}[\p{Lu} .'’-]{1,40}(?:,[^()]{1,40}?)?\s*\((?P<credit>[^()]{2,50})\)\s*[-–—]",
    )
    .captures(line)?;
    let credit = caps.name("credit")?.as_str().trim();
    name_like(credit).then_some(credit)
}

/// The outlet a scraped page names for itself: a masthead line at the top that the page names
/// again (in a dateline credit, a copyright line, a sentence), or failing that the wire credit of
/// the opening dateline. A masthead line is furniture and leaves the text.
fn masthead_outlet(body: &str, all: &[Line<'_>], keep: &mut [bool]) -> Option<String> {
    let credit = all
        .iter()
        .zip(keep.iter())
        .take(DATELINE_LINES)
        .filter(|(_, &k)| k)
        .find_map(|(line, _)| wire_credit(line.text));
    let head: Vec<usize> = (0..all.len())
        .filter(|&i| keep[i])
        .take(MASTHEAD_LINES)
        .collect();
    for i in head {
        let name = all[i].text;
        if !name_like(name) {
            continue;
        }
        // A one-word line is as likely a menu entry ("World"): only a credit confirms it.
        let named_again = name.split_whitespace().count() >= 2 && body.matches(name).count() >= 2;
        if named_again || credit == Some(name) {
            keep[i] = false;
            return Some(name.to_string());
        }
    }
    credit.map(str::to_string)
}

/// Drops a news feed: the heading and every item (a clock time and the few lines after it)
/// while items keep coming.
fn drop_feed(all: &[Line<'_>], keep: &mut [bool], heading: usize) {
    keep[heading] = false;
    let mut since_clock = 0;
    // An item is a time, a headline and a paragraph or two; when the headline shares the
    // time's line, a line or two of summary at most follows it.
    let mut allowed = 3;
    for j in heading + 1..all.len() {
        let text = all[j].text;
        if clock_line(text) {
            since_clock = 0;
            allowed = 3;
        } else if clock_item(text) {
            since_clock = 0;
            allowed = 1;
        } else {
            since_clock += 1;
            if since_clock > allowed {
                return;
            }
        }
        keep[j] = false;
    }
}

/// A short label between two furniture lines belongs to the furniture (a newsletter's name
/// between "Subscribe" and "* indicates required").
fn drop_sandwiched(all: &[Line<'_>], keep: &mut [bool]) {
    let furniture = |j: usize| {
        all.get(j)
            .is_some_and(|l| boilerplate::furniture_line(l.text))
    };
    for i in 1..all.len() {
        let text = all[i].text;
        if keep[i] && text.len() < 80 && !sentence_end(text) && furniture(i - 1) && furniture(i + 1)
        {
            keep[i] = false;
        }
    }
}

/// Share buttons scraped onto the end of a paragraph: "... deserves support. Share".
fn strip_share(text: &str) -> &str {
    for tail in [" Share", " Tweet", " Share this"] {
        if let Some(head) = text.strip_suffix(tail) {
            if sentence_end(head) {
                return head;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_of_one_line_items_is_dropped_and_the_article_kept() {
        let body = "Ferry crews walk out\n\nPORT ELLIS - Ferry crews stopped work on Monday, \
                    the union said.\n\nLatest news\n10:02 Council approves new budget\n\
                    09:40 Rain expected over the hills\n";
        let text: Vec<String> = extract(body).blocks.into_iter().map(|b| b.text).collect();
        let text = text.join("\n");
        assert!(text.contains("Ferry crews stopped work"), "{text}");
        assert!(!text.contains("Council approves"), "{text}");
        assert!(!text.contains("Rain expected"), "{text}");
        assert!(!clock_item(
            "10:02 The council met. It approved the budget."
        ));
    }

    #[test]
    fn standalone_headline_above_a_paragraph_is_the_title() {
        let draft = extract(
            "Lighthouse keepers return to Skerrow\n\
             The last keeper left the island in 1987, but the trust that owns it now wants \
             volunteers to stay through the winter.\n",
        );
        assert_eq!(
            draft.title.as_deref(),
            Some("Lighthouse keepers return to Skerrow")
        );
        assert_eq!(draft.blocks.len(), 1);
    }

    #[test]
    fn masthead_named_again_is_the_outlet() {
        let draft = extract(
            "Lenn Valley Courier\n\
             Ferry fares rise for the third time this year\n\
             The operator raised fares on Monday, a spokesman told the Lenn Valley Courier.\n",
        );
        assert_eq!(draft.outlet.as_deref(), Some("Lenn Valley Courier"));
        assert!(draft.blocks.iter().all(|b| b.text != "Lenn Valley Courier"));
    }

    #[test]
    fn dateline_credit_is_the_outlet_and_confirms_a_one_word_masthead() {
        let draft = extract(
            "Skip to content\nPellwire\nHome\nDock cranes idle as talks stall\n\
             ORSK, May 2 (Pellwire) - Cranes at the Orsk docks stood idle on Friday, the port \
             said.\n",
        );
        assert_eq!(draft.outlet.as_deref(), Some("Pellwire"));
        let bare = extract(
            "ORSK, May 2 (Pellwire) - Cranes at the Orsk docks stood idle on Friday, the port \
             said.\n",
        );
        assert_eq!(bare.outlet.as_deref(), Some("Pellwire"));
    }

    #[test]
    fn a_reprint_origin_is_not_a_masthead() {
        let draft = extract(
            "This article was originally published by the Skerrow Post and is reprinted with \
             permission.\nThe island council met on Monday and voted to keep the ferry, the \
             Skerrow Post reported.\n",
        );
        assert_eq!(draft.outlet, None);
        assert!(draft.reprint.is_some());
    }

    #[test]
    fn a_standfirst_line_does_not_take_the_title() {
        let draft = extract(
            "Skerrow ferry crews vote to end the walkout\n\
             Reported from the Skerrow Post's island desk\n\
             Crews on the Skerrow ferry voted on Monday to return to work after eight days, \
             the union said.\n",
        );
        assert_eq!(
            draft.title.as_deref(),
            Some("Skerrow ferry crews vote to end the walkout")
        );
    }

    #[test]
    fn sentences_alone_give_no_title() {
        let draft = extract(
            "The ferry to Brannoe was cancelled on Monday because of the storm.\n\
             Passengers were offered seats on the Tuesday crossing instead, the operator said.\n",
        );
        assert_eq!(draft.title, None);
        assert_eq!(draft.blocks.len(), 2);
    }
}
