//! Candidate statements: the clauses of each source's sentences, with the words used to compare
//! them (entity ids, time values and a number placeholder in place of the surface words) and what
//! conflict detection needs (numbers, dates, speakers, subject).

use std::collections::{HashMap, HashSet};

use triangulate_model::{DocId, EntityKind, QuoteKind, Span, MONTH_NAMES};

use crate::{similarity, StoryContext};

/// Statements with fewer content words than this are headings or fragments, not facts.
const MIN_STEMS: usize = 4;
/// A clause cut off a sentence must keep at least this many content words on each side.
const CLAUSE_MIN_STEMS: usize = 4;
/// Words that start a new clause after a comma (or a semicolon) in a long sentence.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "while", "whereas", "although", "leaving", "instead", "yet",
];
/// Subordinators that open a clause even without a comma before them.
const BARE_CLAUSE_OPENERS: &[&str] = &["after", "because", "although"];
/// Number words normalised to digits, so "eleven ships" and "11 ships" agree.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("hundred", "100"),
    ("thousand", "1000"),
];
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// One clause of one source.
pub struct Statement {
    /// Index into the story context's documents.
    pub doc: usize,
    pub span: Span,
    pub stems: Vec<String>,
    pub utterances: HashSet<String>,
    /// Calendar values of the time expressions in the clause.
    pub dates: Vec<String>,
    /// Days written out with a month name ("1 May", "Oct. 3"), as `MM-DD`, so that two sources
    /// can disagree on a date even where a year is missing or the date went unnormalised.
    pub explicit_days: Vec<String>,
    /// Counts and amounts, normalised to digits, outside time expressions.
    pub numbers: Vec<String>,
    /// (utterance id, speaker entity id) of the quotes the clause carries.
    pub speakers: Vec<(String, Option<String>)>,
}

impl Statement {
    pub fn text<'a>(&self, context: &'a StoryContext) -> &'a str {
        self.span
            .slice(&context.docs[self.doc].0.text)
            .unwrap_or("")
    }
}

pub(super) fn collect(context: &StoryContext) -> Vec<Statement> {
    let doc_index: HashMap<&DocId, usize> = context
        .docs
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (&a.id, i))
        .collect();
    let mut quotes_of: HashMap<usize, Vec<CarriedQuote>> = HashMap::new();
    for quote in context.quotes {
        if let (Some(u), Some(&d)) = (&quote.utterance, doc_index.get(&quote.doc)) {
            quotes_of.entry(d).or_default().push(CarriedQuote {
                span: quote.span,
                indirect: quote.kind == QuoteKind::Indirect,
                utterance: u.clone(),
                speaker: quote.speaker.clone(),
            });
        }
    }
    let mut out = Vec::new();
    for (d, (article, analysis)) in context.docs.iter().enumerate() {
        let text = article.text.as_str();
        for &sentence in &analysis.sentences {
            let Some(sentence_text) = sentence.slice(text) else {
                continue;
            };
            if !is_statement(sentence_text) {
                continue;
            }
            for clause in clauses(text, sentence) {
                let stems = placeholder_stems(context, d, clause, true);
                if stems.len() < MIN_STEMS {
                    continue;
                }
                let quotes: Vec<&CarriedQuote> = quotes_of
                    .get(&d)
                    .map(|qs| qs.iter().filter(|q| q.carried_by(clause)).collect())
                    .unwrap_or_default();
                let times: Vec<_> = analysis
                    .times
                    .iter()
                    .filter(|t| clause.contains(t.span) && is_calendar(&t.value))
                    .collect();
                let mut explicit_days: Vec<String> = times
                    .iter()
                    .filter(|t| is_explicit(&t.text))
                    .filter_map(|t| day_of_value(&t.value))
                    .collect();
                explicit_days.extend(written_days(clause.slice(text).unwrap_or("")));
                explicit_days.sort();
                explicit_days.dedup();
                let time_spans: Vec<Span> = analysis
                    .times
                    .iter()
                    .map(|t| t.span)
                    .filter(|s| clause.overlaps(*s))
                    .collect();
                out.push(Statement {
                    doc: d,
                    span: clause,
                    stems,
                    utterances: quotes.iter().map(|q| q.utterance.clone()).collect(),
                    dates: times.iter().map(|t| t.value.clone()).collect(),
                    explicit_days,
                    numbers: numbers_in(text, clause, &time_spans),
                    speakers: quotes
                        .iter()
                        .map(|q| (q.utterance.clone(), q.speaker.clone()))
                        .collect(),
                });
            }
        }
    }
    out
}

/// A quote of the story as the statements of its document see it.
struct CarriedQuote {
    span: Span,
    indirect: bool,
    utterance: String,
    speaker: Option<String>,
}

impl CarriedQuote {
    /// Whether a clause carries this quote. Reported speech without marks can run on past the
    /// end of what was said ("told X that the port will reopen and instead urged talks"), so it
    /// belongs to the clause where it starts; a quote in marks belongs to every clause it
    /// touches.
    fn carried_by(&self, clause: Span) -> bool {
        self.span.overlaps(clause)
            && (!self.indirect || (clause.start <= self.span.start && self.span.start < clause.end))
    }
}

/// Whether a sentence reads as a statement: not a heading, a credit line or a list item.
fn is_statement(sentence: &str) -> bool {
    let trimmed = sentence.trim();
    if trimmed.starts_with('(') && trimmed.ends_with(')') {
        return false;
    }
    trimmed
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '\'' | '’'))
}

/// The clauses of a sentence: cut before an opener word that follows a comma or a semicolon,
/// outside quotation marks, when both sides keep enough content words.
pub(super) fn clauses(text: &str, sentence: Span) -> Vec<Span> {
    let Some(body) = sentence.slice(text) else {
        return vec![sentence];
    };
    let mut cuts: Vec<usize> = Vec::new();
    let mut quote_depth = 0i32;
    let mut straight = false;
    let mut previous = ' ';
    for (i, c) in body.char_indices() {
        let before = previous;
        previous = c;
        match c {
            '“' => quote_depth += 1,
            '”' => quote_depth -= 1,
            '"' => straight = !straight,
            ',' | ';' | ' ' => {}
            _ => continue,
        }
        if !matches!(c, ',' | ';' | ' ') || quote_depth > 0 || straight {
            continue;
        }
        if c == ' ' && matches!(before, ',' | ';') {
            continue;
        }
        let rest = &body[i + 1..];
        let word_start = i + 1 + (rest.len() - rest.trim_start().len());
        let mut words = body[word_start..].split_whitespace();
        let next_word = words.next().unwrap_or("").to_lowercase();
        let after_next = words.next().unwrap_or("");
        let opens = match c {
            ';' => true,
            ',' => {
                CLAUSE_OPENERS.contains(&next_word.as_str())
                    // "..., with eleven ships waiting": a clause of its own.
                    || (next_word == "with" && number_value(after_next).is_some())
            }
            // Without a comma only a subordinator opens a clause ("... on Oct. 3 after talks
            // broke down").
            _ => {
                BARE_CLAUSE_OPENERS.contains(&next_word.as_str())
                    || (next_word == "and" && after_next.eq_ignore_ascii_case("instead"))
            }
        };
        if opens {
            cuts.push(word_start);
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for cut in cuts {
        if content_count(&body[from..cut]) >= CLAUSE_MIN_STEMS
            && content_count(&body[cut..]) >= CLAUSE_MIN_STEMS
        {
            let end = body[..cut].trim_end().trim_end_matches([',', ';']).len();
            out.push(Span::new(sentence.start + from, sentence.start + end));
            from = cut;
        }
    }
    out.push(Span::new(sentence.start + from, sentence.end));
    out
}

/// Content words of a text, numbers left out: a clause needs words, not only counts.
fn content_count(text: &str) -> usize {
    similarity::stems(text)
        .iter()
        .filter(|s| number_value(s).is_none())
        .count()
}

/// Content stems of a span; entity mentions become their story entity id, time expressions
/// their value and (when `numbers` is set) numbers a placeholder.
pub(super) fn placeholder_stems(
    context: &StoryContext,
    doc: usize,
    span: Span,
    numbers: bool,
) -> Vec<String> {
    let (article, analysis) = context.docs[doc];
    let text = article.text.as_str();
    let mut items: Vec<(Span, Option<String>)> = Vec::new();
    for m in analysis.mentions.iter().filter(|m| span.contains(m.span)) {
        // Places and groups keep their words, which fold demonyms onto places ("Chinese-Brazilian
        // plan" and "plan by China and Brazil" share them); people and organisations, whose names
        // vary by transliteration, become their story entity.
        let by_words = matches!(m.kind, EntityKind::Location | EntityKind::Group);
        let token = context
            .entity(doc, m.entity)
            .filter(|_| !by_words)
            .map(|e| format!("@e{e}"));
        items.push((m.span, token));
    }
    for t in analysis.times.iter().filter(|t| span.contains(t.span)) {
        let token = is_calendar(&t.value).then(|| format!("@t{}", t.value));
        items.push((t.span, token));
    }
    items.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut stems = Vec::new();
    let mut at = span.start;
    let push_text = |stems: &mut Vec<String>, from: usize, to: usize| {
        for s in similarity::stems(text.get(from..to).unwrap_or("")) {
            let s = if numbers && number_value(&s).is_some() {
                "#n".to_string()
            } else {
                s
            };
            if !(s == "#n" && stems.last().is_some_and(|l: &String| l == "#n")) {
                stems.push(s);
            }
        }
    };
    for (item, token) in items {
        if item.start < at {
            continue;
        }
        push_text(&mut stems, at, item.start);
        match token {
            Some(t) => stems.push(t),
            None => push_text(&mut stems, item.start, item.end),
        }
        at = item.end;
    }
    push_text(&mut stems, at, span.end);
    stems
}

/// A TIMEX value that names a calendar period ("2025-10-03", "2025-09"), not "PRESENT_REF".
fn is_calendar(value: &str) -> bool {
    value.len() >= 4 && value[..4].chars().all(|c| c.is_ascii_digit())
}

/// Whether a time expression is written with a number or a month name rather than relative to
/// the article's date ("on Wednesday", "last month"), whose value depends on the anchor.
fn is_explicit(text: &str) -> bool {
    let lower = text.to_lowercase();
    let relative = [
        "last",
        "next",
        "this",
        "ago",
        "yesterday",
        "today",
        "tomorrow",
    ];
    if lower.split_whitespace().any(|w| relative.contains(&w)) {
        return false;
    }
    lower.chars().any(|c| c.is_ascii_digit())
        || lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)))
}

/// `MM-DD` of a day-precise TIMEX value.
fn day_of_value(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let day_precise = value.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-';
    (day_precise && value[5..].chars().all(|c| c.is_ascii_digit() || c == '-'))
        .then(|| value[5..].to_string())
}

/// Days written as "1 May", "May 1" or "Oct. 3" in a text, as `MM-DD`.
fn written_days(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let month_of = |w: &str| -> Option<usize> {
        let lower = w.to_lowercase();
        MONTH_NAMES.iter().position(|m| {
            *m == lower || (lower.len() >= 3 && lower.len() <= 4 && m.starts_with(&lower))
        })
    };
    let day_of =
        |w: &str| -> Option<u32> { w.parse::<u32>().ok().filter(|d| (1..=31).contains(d)) };
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        // A capital letter keeps "may" the verb out.
        if !w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let Some(m) = month_of(w) else { continue };
        let day = words
            .get(k + 1)
            .and_then(|n| day_of(n))
            .or_else(|| k.checked_sub(1).and_then(|p| day_of(words[p])));
        if let Some(d) = day {
            out.push(format!("{:02}-{d:02}", m + 1));
        }
    }
    out
}

/// The digits a word stands for: "120", "4.5", "1,200", "eleven".
fn number_value(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if let Some((_, digits)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some((*digits).to_string());
    }
    let cleaned = lower.replace(',', "");
    let cleaned = cleaned.trim_end_matches('.');
    let is_number = !cleaned.is_empty()
        && cleaned.chars().any(|c| c.is_ascii_digit())
        && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.');
    is_number.then(|| cleaned.to_string())
}

/// Counts and amounts of a clause outside its time expressions, normalised to digits.
fn numbers_in(text: &str, clause: Span, time_spans: &[Span]) -> Vec<String> {
    let Some(body) = clause.slice(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = None;
    let bytes: Vec<(usize, char)> = body.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        let inner = c.is_alphanumeric()
            || (matches!(c, ',' | '.')
                && bytes.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit())
                && start.is_some());
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_number(&mut out, body, s, i, clause.start, time_spans);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_number(&mut out, body, s, body.len(), clause.start, time_spans);
    }
    out.sort();
    out.dedup();
    out
}

fn push_number(
    out: &mut Vec<String>,
    body: &str,
    from: usize,
    to: usize,
    offset: usize,
    time_spans: &[Span],
) {
    let span = Span::new(offset + from, offset + to);
    if time_spans.iter().any(|t| t.overlaps(span)) {
        return;
    }
    let word = &body[from..to];
    // A four-digit number starting with 1 or 2 and no separator is a year, dated elsewhere.
    let is_year = word.len() == 4 && word.starts_with(['1', '2']) && word.parse::<u32>().is_ok();
    if let Some(value) = number_value(word).filter(|_| !is_year) {
        out.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_split_at_clause_openers() {
        let text = "The minister told the assembly that the budget would be cut sharply, \
                    and instead urged local councils to raise their own taxes next year.";
        let parts = clauses(text, Span::new(0, text.len()));
        assert_eq!(parts.len(), 2);
        assert!(parts[1]
            .slice(text)
            .unwrap()
            .starts_with("and instead urged"));
        assert!(parts[0].slice(text).unwrap().ends_with("sharply"));
    }

    #[test]
    fn lists_and_quotes_are_not_split() {
        let text = "Bread, milk and eggs ran short.";
        assert_eq!(clauses(text, Span::new(0, text.len())).len(), 1);
        let quoted = "\"We will stay on the quay for as long as it takes, and we will win the \
                      argument about the rosters,\" the chair said.";
        assert_eq!(clauses(quoted, Span::new(0, quoted.len())).len(), 1);
    }

    #[test]
    fn numbers_are_normalised_and_dates_left_out() {
        let text = "Some 1,200 workers and eleven ships waited since 3 October 2025.";
        let date_start = text.find("3 October").unwrap();
        let times = [Span::new(date_start, text.len() - 1)];
        let numbers = numbers_in(text, Span::new(0, text.len()), &times);
        assert_eq!(numbers, vec!["11".to_string(), "1200".to_string()]);
    }

    #[test]
    fn written_days_are_read_in_both_orders() {
        assert_eq!(
            written_days("from 1 April to May 3"),
            vec!["04-01", "05-03"]
        );
        assert_eq!(written_days("since Oct. 3, as it may rain"), vec!["10-03"]);
        assert_eq!(day_of_value("2026-05-01"), Some("05-01".into()));
        assert_eq!(day_of_value("2026-05"), None);
    }

    #[test]
    fn relative_dates_are_not_explicit() {
        assert!(is_explicit("Oct. 3"));
        assert!(is_explicit("in September"));
        assert!(!is_explicit("on Wednesday"));
        assert!(!is_explicit("last month"));
    }

    #[test]
    fn reported_speech_belongs_to_the_clause_where_it_starts() {
        let quote = |start, end, indirect| CarriedQuote {
            span: Span::new(start, end),
            indirect,
            utterance: "u1".into(),
            speaker: None,
        };
        let (first, second) = (Span::new(0, 60), Span::new(61, 140));
        // Reported speech that starts in the first clause and runs on through the second.
        let reported = quote(30, 139, true);
        assert!(reported.carried_by(first));
        assert!(!reported.carried_by(second));
        // A quote in marks spanning both clauses belongs to both.
        let marked = quote(30, 139, false);
        assert!(marked.carried_by(first) && marked.carried_by(second));
        // A quote elsewhere belongs to neither.
        assert!(!quote(150, 170, false).carried_by(second));
    }
}
