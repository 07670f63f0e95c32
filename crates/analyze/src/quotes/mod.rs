//! Quotations and attributions: direct, partial, block, indirect and scare quotes, with speaker
//! attribution through cue verbs and the entity layer.
//!
//! Quotation marks are paired per paragraph ([`marks`]); each quoted stretch is framed by the
//! words between it and the sentence edges, where a cue verb and the words naming the speaker
//! are looked for ([`lexicon`]). Reported speech without marks ("X said that ...", "According to
//! X, ...") and unmarked paragraphs signed by a name line come from [`reported`]. Speakers map to
//! entities through the mentions covering their words; a pronoun resolves to its mention's
//! entity, or else to the most recent person named before it.

mod lexicon;
mod marks;
mod reported;
mod words;

use triangulate_model::{EntityKind, LocalEntity, Mention, MentionForm, Quote, QuoteKind, Span};

use lexicon::{is_cue, subject_after, subject_before, tokens, Candidate};
use marks::Marked;

/// Finds quotes in `text`; speakers are indices into `entities`.
pub fn find(
    text: &str,
    sentences: &[Span],
    mentions: &[Mention],
    entities: &[LocalEntity],
) -> Vec<Quote> {
    let paragraphs = paragraphs(text);
    let marked = marks::scan(text, &paragraphs);
    let resolver = Resolver {
        text,
        mentions,
        entities,
    };
    let mut quotes = marked_quotes(&resolver, &paragraphs, &marked);
    let reported = reported::find(&resolver, sentences, &paragraphs, &marked, &quotes);
    quotes.extend(reported);
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}

/// Non-empty lines, trimmed: news text separates paragraphs by one or more line breaks.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if !body.is_empty() {
            out.push(Span::new(start + lead, start + lead + body.len()));
        }
        start += line.len();
    }
    out
}

/// Who speaks at one quote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Speaker {
    entity: Option<usize>,
    span: Option<Span>,
    cue: Option<Span>,
}

/// Maps the words naming a speaker to the article's entities.
struct Resolver<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    entities: &'a [LocalEntity],
}

impl Resolver<'_> {
    fn speaker(&self, candidate: Candidate, cue: Option<Span>) -> Speaker {
        let entity = if candidate.pronoun {
            self.pronoun_entity(candidate.span)
        } else {
            self.name_entity(candidate.span)
        };
        Speaker {
            entity,
            span: Some(candidate.span),
            cue,
        }
    }

    fn name_entity(&self, span: Span) -> Option<usize> {
        let covering = self
            .mentions
            .iter()
            .filter(|m| m.span.overlaps(span) && m.entity < self.entities.len())
            .max_by_key(|m| overlap(m.span, span));
        if let Some(m) = covering {
            return Some(m.entity);
        }
        // No mention covers the words: match an entity by the last word of the name.
        let last = span
            .slice(self.text)?
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
            .find(|w| !w.is_empty())?
            .to_lowercase();
        if last.chars().count() < 3 {
            return None;
        }
        self.entities.iter().position(|e| {
            e.name
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| w.to_lowercase() == last)
        })
    }

    fn pronoun_entity(&self, span: Span) -> Option<usize> {
        if let Some(m) = self
            .mentions
            .iter()
            .find(|m| m.span.overlaps(span) && m.entity < self.entities.len())
        {
            return Some(m.entity);
        }
        let word = span.slice(self.text)?.to_lowercase();
        let wanted = |kind: EntityKind| match word.as_str() {
            "it" | "its" => kind == EntityKind::Organization,
            "they" | "we" | "their" => matches!(
                kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Group
            ),
            _ => kind == EntityKind::Person,
        };
        self.mentions
            .iter()
            .filter(|m| m.span.end <= span.start && m.form != MentionForm::Pronoun)
            .filter(|m| wanted(m.kind) && m.entity < self.entities.len())
            .max_by_key(|m| m.span.end)
            .map(|m| m.entity)
    }
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Whether the `.`, `!` or `?` at byte `at` ends a sentence (not "Sept." or "U.S.").
fn ends_sentence(text: &str, at: usize) -> bool {
    let next = text[at + 1..].chars().next();
    if next.is_some_and(|c| !c.is_whitespace() && !matches!(c, '"' | '”' | '’' | '\'' | ')')) {
        return false;
    }
    if !text[at..].starts_with('.') {
        return true;
    }
    let word: &str = text[..at]
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .unwrap_or("");
    let short_cap = word.chars().next().is_some_and(char::is_uppercase) && word.len() <= 4;
    !(short_cap || word.contains('.'))
}

/// The stretch of the sentence before the opening mark, from `floor`.
fn frame_before(text: &str, floor: usize, open: usize) -> Span {
    let mut start = floor;
    for (i, c) in text[floor..open].char_indices().rev() {
        if matches!(c, '.' | '!' | '?') && ends_sentence(text, floor + i) {
            start = floor + i + 1;
            break;
        }
    }
    Span::new(start, open)
}

/// The stretch of the sentence after the closing mark, up to `ceiling`.
fn frame_after(text: &str, close: usize, ceiling: usize) -> Span {
    for (i, c) in text[close..ceiling].char_indices() {
        if matches!(c, '.' | '!' | '?') && ends_sentence(text, close + i) {
            return Span::new(close, close + i);
        }
    }
    Span::new(close, ceiling)
}

/// The cue and speaker in the words after a quote ("Tokayev added", "said Caddell") when the
/// quote ends a clause, else in the words before it ("Tokayev told Scholz that"). `tagged` says
/// the quote closed on a comma, so that the words after it name the speaker even when their verb
/// is not a known cue (`"...," Trump went on`). A quote after a colon with no cue is the
/// clause subject's (`Mr. Vols gloated: "..."`).
fn attribution(
    resolver: &Resolver,
    before: Span,
    after: Option<Span>,
    tagged: bool,
) -> Option<Speaker> {
    let mut cue_only = None;
    if let Some(after) = after {
        let toks = tokens(resolver.text, after);
        if let Some(c) = lexicon::dash_speaker(&toks) {
            return Some(resolver.speaker(c, None));
        }
        if let Some(k) = toks.iter().take(40).position(|t| t.word && is_cue(t.text)) {
            let cue = Some(toks[k].span);
            let found = lexicon::front_subject(&toks, k)
                .or_else(|| subject_before(&toks, k))
                .or_else(|| subject_after(&toks, k + 1))
                .or_else(|| lexicon::lead_phrase(&toks, k));
            match found {
                Some(c) => return Some(resolver.speaker(c, cue)),
                None => {
                    cue_only = Some(Speaker {
                        cue,
                        ..Speaker::default()
                    })
                }
            }
        } else if tagged {
            if let Some((c, verb)) = lexicon::tagged_subject(&toks) {
                return Some(resolver.speaker(c, Some(verb)));
            }
        }
    }
    let toks = tokens(resolver.text, before);
    let Some(k) = toks
        .iter()
        .rposition(|t| t.word && is_cue(t.text))
        .or_else(|| according_to(&toks))
    else {
        let colon = toks.last().is_some_and(|t| t.is(':'));
        if colon {
            if let Some(c) = lexicon::clause_subject(&toks) {
                return Some(resolver.speaker(c, None));
            }
        }
        return cue_only;
    };
    let cue = Some(toks[k].span);
    let candidate = lexicon::subject_of(&toks, k, &[]).or_else(|| subject_after(&toks, k + 1));
    Some(match candidate {
        Some(c) => resolver.speaker(c, cue),
        None => cue_only.unwrap_or(Speaker {
            cue,
            ..Speaker::default()
        }),
    })
}

/// Index of "to" in "according to", treated as a cue whose speaker follows it.
fn according_to(toks: &[lexicon::Token]) -> Option<usize> {
    toks.windows(2)
        .rposition(|w| w[0].lower() == "according" && w[1].lower() == "to")
        .map(|k| k + 1)
}

/// Whether a quoted stretch reads as the title of a work: two to eight words in title case
/// (every word capitalised but articles, short prepositions and conjunctions), no question or
/// exclamation, no sentence inside.
fn is_title(content: &str) -> bool {
    let words: Vec<&str> = content
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "and"
                | "or"
                | "but"
                | "nor"
                | "by"
                | "with"
                | "from"
                | "as"
                | "vs"
        )
    };
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    (2..=8).contains(&words.len())
        && capitalised >= 2
        && words
            .iter()
            .all(|w| small(w) || !w.chars().next().is_some_and(char::is_lowercase))
        && !content.ends_with(['?', '!'])
        && !content.trim_end_matches('.').contains(['.', '?', '!', ';'])
        && !words.iter().any(|w| matches!(*w, "I" | "We" | "You"))
}

/// Whether a quote opening inside a sentence carries on the writer's own clause ("he said
/// that under the treaty, “the ports will stay open”", "described the mayor as, “a little
/// tired”") rather than starting the speaker's words right after the attribution ("Brel said
/// on Monday, “we will build it”"). Such a quote is a fragment of reported speech: it follows a
/// subordinating word or sits in a that-clause, or it opens in lower case after words that are
/// more than a cue and a short adverbial, or after an attribution set off inside the clause.
fn embedded(text: &str, before: Span, content: &str) -> bool {
    let toks = tokens(text, before);
    let words: Vec<&lexicon::Token> = toks.iter().filter(|t| t.word).collect();
    // A colon hands the sentence over to the quotation ("this finding: “27 firms ...”").
    if toks.last().is_some_and(|t| t.is(':')) {
        return false;
    }
    if words.is_empty() {
        return false;
    }
    let cue = words.iter().rposition(|t| is_cue(t.text));
    let rest = &words[cue.map_or(0, |k| k + 1)..];
    let that = |t: &&lexicon::Token| t.lower() == "that";
    // Right after "whether", "because", "if" or "including", the quote is part of the writer's
    // clause.
    if words.last().is_some_and(|t| introduces(&t.lower())) {
        return true;
    }
    // Inside a that-clause ("added that in the end “McCain ...”") the quote is the writer's
    // report, whatever its case.
    if cue.is_some() && rest.iter().any(that) {
        return true;
    }
    let lower = content
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase);
    if lower && rest.iter().any(that) {
        return true;
    }
    // A cue and up to three words of time, place or listener ("said on Monday", "told
    // reporters"): the quote is the speaker's own.
    lower
        && (cue.is_none()
            || rest.len() > 3
            || rest.iter().any(|t| opens_clause(&t.lower()))
            || cue.is_some_and(|k| parenthetical(&toks, words[k].span.start)))
}

/// The speaker label that opens a transcript paragraph's quote: one to three words in capitals
/// ("PENCE", "SEN. VOLS") followed by a colon and more text.
fn speaker_label(text: &str, content: Span) -> Option<Span> {
    let body = content.slice(text)?;
    let colon = body.find(':')?;
    let head = &body[..colon];
    let words: Vec<&str> = head.split_whitespace().collect();
    let capitals = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    let said = body[colon + 1..].trim();
    ((1..=3).contains(&words.len())
        && words.iter().all(capitals)
        && head.len() == head.trim_start().len()
        && said.chars().any(char::is_alphanumeric))
    .then(|| Span::new(content.start, content.start + head.trim_end().len()))
}

/// Whether a quote is followed by a byline (`“Ferries to run all winter,” by Ana Vols`): it is
/// the headline of a piece of writing, named rather than said.
fn bylined(text: &str, m: &Marked) -> bool {
    let Some(after) = text.get(m.close_end..) else {
        return false;
    };
    let after = after.trim_start_matches(',').trim_start();
    after
        .strip_prefix("by ")
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Whether a quote closes on a comma, inside or just after its closing mark (`“A,” Brel said`).
fn closes_on_comma(text: &str, m: &Marked) -> bool {
    text.get(m.content.end..m.close_end)
        .is_some_and(|t| t.contains(','))
        || text.get(m.close_end..).is_some_and(|t| t.starts_with(','))
}

/// Whether the attribution before a quote is set off inside the writer's clause (`It was, the
/// mayor said, “a dam like no other”`): a comma before the speaker's words, after two or more
/// words of the sentence.
fn parenthetical(toks: &[lexicon::Token], cue_start: usize) -> bool {
    let head: Vec<&lexicon::Token> = toks
        .iter()
        .take_while(|t| t.span.start < cue_start)
        .collect();
    let Some(comma) = head.iter().rposition(|t| t.is(',')) else {
        return false;
    };
    // At most three words name the speaker between the comma and the cue.
    let words = |ts: &[&lexicon::Token]| ts.iter().filter(|t| t.word).count();
    words(&head[..comma]) >= 2 && words(&head[comma + 1..]) <= 3
}

/// Words that open a clause of the writer's own between a cue and a quote ("said that ...",
/// "said he could see ..."): subordinators and subject pronouns.
fn opens_clause(word: &str) -> bool {
    subordinates(word) || matches!(word, "he" | "she" | "they" | "we" | "i" | "it" | "there")
}

/// Words after which a quote is part of the writer's clause: subordinators, and the words
/// that introduce examples ("asked questions including “...”").
fn introduces(word: &str) -> bool {
    subordinates(word) || matches!(word, "including" | "like")
}

/// Conjunctions that open a subordinate clause.
fn subordinates(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "as"
            | "if"
            | "because"
            | "whether"
            | "while"
            | "although"
            | "though"
            | "since"
            | "unless"
    )
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn marked_quotes(resolver: &Resolver, paragraphs: &[Span], marked: &[Marked]) -> Vec<Quote> {
    let text = resolver.text;
    let mut quotes: Vec<Quote> = Vec::with_capacity(marked.len());
    // Speaker of each marked quote, to hand on to continuations.
    let mut speakers: Vec<Option<Speaker>> = Vec::with_capacity(marked.len());
    // Paragraphs of a transcript open with a mark and the speaker's name in capitals.
    let labels: Vec<Option<Span>> = marked
        .iter()
        .map(|m| speaker_label(text, m.content))
        .collect();
    let transcript = labels.iter().flatten().count() >= 2;
    for (i, m) in marked.iter().enumerate() {
        let Some(p) = paragraphs
            .iter()
            .position(|p| p.contains(Span::new(m.open, m.open)))
        else {
            speakers.push(None);
            continue;
        };
        let para = paragraphs[p];
        // "WALLACE: Let's start ..." : the label names the speaker and is not said.
        let label = labels[i].filter(|_| transcript && m.open == para.start);
        let mut m = *m;
        if let Some(l) = label {
            let rest = text.get(l.end..m.content.end).unwrap_or("");
            let body = rest.trim_start_matches(':').trim_start();
            m.content = Span::new(m.content.end - body.len(), m.content.end);
        }
        let m = &m;
        let prev_close = i
            .checked_sub(1)
            .map(|j| marked[j].close_end)
            .filter(|&c| c > para.start && c <= m.open)
            .unwrap_or(para.start);
        let next_open = marked
            .get(i + 1)
            .map(|n| n.open)
            .filter(|&o| o < para.end && o >= m.close_end)
            .unwrap_or(para.end);
        let before = frame_before(text, prev_close, m.open);
        let after = frame_after(text, m.close_end.min(para.end), next_open.max(m.close_end));
        let content = m.content.slice(text).unwrap_or("");
        let before_text = before.slice(text).unwrap_or("").trim_end();
        let opens_clause = before_text.is_empty()
            || before_text.ends_with([':', ',', '—', '–', '-', '('])
            || m.continued;
        let ends_like_sentence = content.ends_with(['.', '!', '?', '…']);
        // Words after a quote attribute it only when the quote closes a clause: `"...," X said`.
        let closes_clause = opens_clause
            || ends_like_sentence
            || text
                .get(m.content.end..m.close_end)
                .is_some_and(|t| t.contains([',', '.', '!', '?']))
            || after
                .slice(text)
                .is_some_and(|t| t.trim_start().starts_with(','));
        // Closed on a comma, a question or an exclamation: the words after go on the sentence.
        let tagged = text
            .get(m.content.end..m.close_end)
            .is_some_and(|t| t.contains(','))
            || content.ends_with(['?', '!']);
        let mut speaker = attribution(resolver, before, closes_clause.then_some(after), tagged);
        if !closes_clause && speaker.is_none_or(|s| s.span.is_none()) {
            // "will not "bow" to anyone, Minister Vols said": a trailing ", X said".
            let comma = after
                .slice(text)
                .and_then(|t| t.find(','))
                .map(|c| after.start + c);
            let trailing = attribution(resolver, Span::new(m.open, m.open), Some(after), false)
                .filter(|s| s.span.zip(comma).is_some_and(|(sp, c)| sp.start > c));
            if trailing.is_some() {
                speaker = trailing;
            }
        }
        let starts_upper = content.chars().next().is_some_and(char::is_uppercase);
        let words = word_count(content);
        // A whole sentence quoted after a verb ("chanted “USA!”") is direct speech; after
        // "that" it is folded into reported speech.
        let after_that = before_text
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("that"));
        let whole_sentence = starts_upper && (ends_like_sentence || words >= 3) && !after_that;
        // The text after a bylined headline (`“Ferries to run,” by Ana Vols: “The ferries
        // ...”`) is an excerpt of that piece: written, not said.
        let excerpt = prev_close > para.start
            && before_text.ends_with(':')
            && i.checked_sub(1).is_some_and(|j| bylined(text, &marked[j]));
        let kind = if is_title(content) || bylined(text, m) || excerpt {
            // Shows, books, slogans ("Meet the Press") and headlines are named, not said.
            QuoteKind::Scare
        } else if opens_clause && (starts_upper || words >= 4 || ends_like_sentence)
            || whole_sentence && speaker.is_some()
        {
            QuoteKind::Direct
        } else if words <= 4 && speaker.is_none() && !ends_like_sentence {
            QuoteKind::Scare
        } else if opens_clause {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        // A quote opening inside the writer's clause is a fragment of it, whatever its length.
        // The clause runs from the sentence start, over earlier quotes (`said that “ethanol
        // people” “do a fantastic job”`).
        let sentence_before = if prev_close > para.start && before.start == prev_close {
            frame_before(text, para.start, m.open)
        } else {
            before
        };
        // The second half of an interrupted quote (`“A,” Brel said, “b”`) resumes the speaker's
        // words: its frame starts at the previous direct quote's close, within the sentence.
        let resumes = prev_close > para.start
            && before.start == prev_close
            && !tokens(text, before).iter().any(|t| introduces(&t.lower()))
            && i.checked_sub(1).is_some_and(|j| {
                quotes.get(j).is_some_and(|q| q.kind == QuoteKind::Direct)
                    && closes_on_comma(text, &marked[j])
            });
        let kind = if kind == QuoteKind::Direct
            && !m.continued
            && !resumes
            && embedded(text, sentence_before, content)
        {
            QuoteKind::Partial
        } else {
            kind
        };
        if kind != QuoteKind::Scare && speaker.is_none_or(|s| s.span.is_none()) {
            let inherited = inherit(resolver, paragraphs, p, m, i, &quotes, &speakers, marked);
            if let Some(found) = inherited {
                // The cue stays this quote's own: an inherited one sits elsewhere.
                speaker = Some(Speaker {
                    cue: speaker.and_then(|s| s.cue),
                    ..found
                });
            }
        }
        if let Some(l) = label {
            let named = Candidate {
                span: l,
                pronoun: false,
            };
            speaker = Some(resolver.speaker(named, None));
        }
        let speaker = speaker.unwrap_or_default();
        speakers.push(Some(speaker).filter(|s| s.span.is_some()));
        quotes.push(Quote {
            span: m.content,
            text: content.to_string(),
            kind,
            speaker: speaker.entity,
            speaker_span: speaker.span,
            cue: speaker.cue,
        });
    }
    // A quote over several paragraphs is attributed once, often at its end: hand the speaker
    // back to the earlier parts.
    for i in (0..marked.len().saturating_sub(1)).rev() {
        if marked[i].runs_on && quotes[i].speaker_span.is_none() {
            if let Some(next) = quotes
                .get(i + 1)
                .filter(|_| marked[i + 1].continued)
                .cloned()
            {
                quotes[i].speaker = next.speaker;
                quotes[i].speaker_span = next.speaker_span;
                quotes[i].cue = next.cue;
            }
        }
    }
    quotes
}

/// A speaker for a quote with no cue of its own: the previous part of the same quote, the
/// previous quote of the paragraph, a paragraph ending in a colon ("Brel continued:"), or the
/// speaker of a quote in the previous paragraph when this one opens with a quote.
#[allow(clippy::too_many_arguments)]
fn inherit(
    resolver: &Resolver,
    paragraphs: &[Span],
    p: usize,
    m: &Marked,
    i: usize,
    quotes: &[Quote],
    speakers: &[Option<Speaker>],
    marked: &[Marked],
) -> Option<Speaker> {
    let para = paragraphs[p];
    let previous = i.checked_sub(1).and_then(|j| {
        let kind = quotes.get(j)?.kind;
        speakers
            .get(j)
            .copied()
            .flatten()
            .filter(|_| kind != QuoteKind::Scare)
            .map(|s| (j, s))
    });
    if m.continued {
        return previous.map(|(_, s)| s);
    }
    if let Some((j, s)) = previous {
        if marked[j].open >= para.start {
            return Some(s);
        }
    }
    if m.open != para.start || p == 0 {
        return None;
    }
    let prev_para = paragraphs[p - 1];
    let prev_text = prev_para.slice(resolver.text)?;
    if prev_text.trim_end().ends_with(':') {
        let line = frame_before(resolver.text, prev_para.start, prev_para.end);
        if let Some(s) = attribution(resolver, line, None, false) {
            if s.span.is_some() {
                return Some(s);
            }
        }
    }
    previous
        .filter(|(j, _)| marked[*j].open >= prev_para.start)
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests;
