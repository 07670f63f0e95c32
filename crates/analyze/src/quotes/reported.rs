//! Speech without quotation marks: indirect speech ("X said that ...", "According to X, ...",
//! "..., X said."), and block quotes, paragraphs of speech signed by a name line or continuing
//! the voice of the last speaker in the first person.

use triangulate_model::{Quote, QuoteKind, Span};

use super::lexicon::{
    is_clause_cue, is_cue, is_pronoun, is_thought_cue, signature_name, subject_after,
    subject_before, subject_of, takes_listener, tokens, Candidate, Token,
};
use super::marks::Marked;
use super::words::FUNCTION_WORDS;
use super::{word_count, Resolver, Speaker};

/// Indirect and block quotes of the article, given the quotes already found from marks.
pub(super) fn find(
    resolver: &Resolver,
    sentences: &[Span],
    paragraphs: &[Span],
    marked: &[Marked],
    found: &[Quote],
) -> Vec<Quote> {
    let text = resolver.text;
    let owned;
    let sentences = if sentences.is_empty() {
        owned = crate::sentences::split(text);
        &owned[..]
    } else {
        sentences
    };
    let mut out: Vec<Quote> = Vec::new();
    for &sentence in sentences {
        if sentence.slice(text).is_none() {
            continue;
        }
        let earlier: Vec<&Quote> = found.iter().chain(out.iter()).collect();
        if let Some(q) = indirect(resolver, sentence, marked, &earlier) {
            out.push(q);
        }
    }
    let mut all: Vec<Quote> = found.iter().cloned().chain(out.iter().cloned()).collect();
    all.sort_by_key(|q| q.span.start);
    let blocks = blocks(resolver, sentences, paragraphs, marked, &all);
    out.extend(blocks);
    out
}

fn in_marks(marked: &[Marked], at: usize) -> bool {
    marked.iter().any(|m| m.open <= at && at < m.close_end)
}

/// One indirect quote in `sentence`, if it reports speech.
fn indirect(
    resolver: &Resolver,
    sentence: Span,
    marked: &[Marked],
    earlier: &[&Quote],
) -> Option<Quote> {
    let text = resolver.text;
    let toks = tokens(text, sentence);
    let outside = |t: &Token| !in_marks(marked, t.span.start);
    let end = content_end(text, sentence);
    for (k, t) in toks.iter().enumerate() {
        if !t.word || !outside(t) {
            continue;
        }
        let lower = t.lower();
        // "According to X, clause" and "clause, according to X."
        if lower == "according" && toks.get(k + 1).is_some_and(|n| n.lower() == "to") {
            let candidate = subject_after(&toks, k + 2);
            let cue = Span::new(t.span.start, toks[k + 1].span.end);
            let content = if k == 0 || toks[..k].iter().all(|t| !t.word) {
                let comma = toks[k + 2..].iter().find(|t| t.is(','))?;
                Span::new(comma.span.end, end)
            } else {
                let comma = toks[k - 1].is(',').then_some(toks[k - 1])?;
                Span::new(sentence.start, comma.span.start)
            };
            return make(resolver, content, candidate, cue, marked);
        }
        // "In his opinion, clause": the speaker is the possessive.
        if matches!(lower.as_str(), "opinion" | "view")
            && k >= 2
            && is_pronoun(toks[k - 1].text)
            && toks[k - 2].lower() == "in"
            && toks.get(k + 1).is_some_and(|n| n.is(','))
        {
            let candidate = Candidate {
                span: toks[k - 1].span,
                pronoun: true,
            };
            let cue = Span::new(toks[k - 2].span.start, t.span.end);
            let content = Span::new(toks[k + 1].span.end, end);
            return make(resolver, content, Some(candidate), cue, marked);
        }
        let speech = is_clause_cue(t.text);
        if !(speech || is_thought_cue(t.text)) || t.capitalised() {
            continue;
        }
        let start = if speech {
            clause_start(&toks, k)
        } else {
            thought_clause_start(&toks, k)
        };
        let Some(start) = start else {
            // "..., the minister said." reports the clause before it.
            if let Some(q) = trailing(resolver, sentence, &toks, k, marked) {
                return Some(q);
            }
            continue;
        };
        let content = Span::new(start, end);
        let quoted: Vec<Span> = marked
            .iter()
            .map(|m| Span::new(m.open, m.close_end))
            .collect();
        let candidate = subject_of(&toks, k, &quoted).or_else(|| noun_subject(&toks, k));
        let Some(mut quote) = make(resolver, content, candidate, t.span, marked) else {
            continue;
        };
        if quote.speaker_span.is_none() {
            // "..., adding that ...": the speaker of the quote this sentence attributed.
            if let Some(prev) = earlier
                .iter()
                .rev()
                .find(|q| q.span.start >= sentence.start && q.span.end <= t.span.start)
            {
                quote.speaker = prev.speaker;
                quote.speaker_span = prev.speaker_span;
            }
        }
        // A cue with no one speaking is an adjective or a noun ("reported proposals").
        if quote.speaker_span.is_some() {
            return Some(quote);
        }
    }
    None
}

/// Where the reported clause after cue `k` starts: after "that", or right after the cue when a
/// subject follows ("said it will help").
fn clause_start(toks: &[Token], k: usize) -> Option<usize> {
    let next = toks.get(k + 1)?;
    if !next.word {
        return None;
    }
    let that_within = |n: usize| {
        toks[k + 1..]
            .iter()
            .take(n)
            .take_while(|t| t.word || t.is(','))
            .find(|t| t.lower() == "that")
            .map(|t| t.span.end)
    };
    if next.lower() == "that" {
        return Some(next.span.end);
    }
    if takes_listener(toks[k].text) {
        return that_within(12).or_else(|| after_listener(toks, k));
    }
    let lower = next.lower();
    // '"...," said Ann Vell' and '"...," said the minister' name the speaker after the cue: an
    // inversion after a quotation, not a reported clause.
    let after_quote = k >= 1
        && (is_closing_mark(toks[k - 1].text)
            || (toks[k - 1].is(',') && k >= 2 && is_closing_mark(toks[k - 2].text)));
    if after_quote && (next.capitalised() || matches!(lower.as_str(), "the" | "a" | "an")) {
        return None;
    }
    // "Ms. Vell said the plan ...", "Ann Vell, the mayor, said the plan ...": a subject before
    // the cue makes what follows the reported clause, even when it starts with "the".
    if lower == "the" && k >= 1 && (toks[k - 1].word || toks[k - 1].is(',')) {
        return Some(next.span.start);
    }
    if matches!(
        lower.as_str(),
        "in" | "on"
            | "last"
            | "earlier"
            | "this"
            | "at"
            | "during"
            | "after"
            | "before"
            | "late"
            | "recently"
            | "repeatedly"
            | "previously"
            | "today"
            | "yesterday"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    ) {
        return that_within(8);
    }
    // Objects and adverbs right after the cue ("said so", "said nothing") are not clauses.
    if matches!(
        lower.as_str(),
        "so" | "nothing"
            | "something"
            | "anything"
            | "as"
            | "to"
            | "of"
            | "by"
            | "with"
            | "and"
            | "or"
            | "but"
            | "goodbye"
            | "hello"
            | "yes"
            | "no"
            | "for"
            | "about"
            | "the"
    ) {
        return None;
    }
    Some(next.span.start)
}

/// Subject words that open a clause.
fn opens_clause(t: &Token) -> bool {
    matches!(
        t.lower().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "there" | "you"
    )
}

/// Whether a finite verb (an auxiliary or modal) comes within a few words of token `at`, as it
/// does in a clause ("the race is close", "Trump will win").
fn verb_near(toks: &[Token], at: usize) -> bool {
    toks[at..]
        .iter()
        .take(6)
        .take_while(|t| t.word)
        .skip(1)
        .any(|t| {
            matches!(
                t.lower().as_str(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
                    | "has"
                    | "have"
                    | "had"
                    | "did"
                    | "does"
                    | "do"
                    | "won't"
                    | "isn't"
                    | "wasn't"
                    | "didn't"
                    | "doesn't"
            )
        })
}

/// The reported clause after a verb of thought or evidence at `k`: after "that", or from a
/// subject with a verb close behind it.
fn thought_clause_start(toks: &[Token], k: usize) -> Option<usize> {
    let next = toks.get(k + 1).filter(|t| t.word)?;
    if next.lower() == "that" {
        return toks.get(k + 2).filter(|t| t.word).map(|t| t.span.start);
    }
    if opens_clause(next) || verb_near(toks, k + 1) {
        return Some(next.span.start);
    }
    None
}

/// "told reporters they ...", "told The Associated Press the plan ...": the clause after the
/// listener, when a subject with its verb follows.
fn after_listener(toks: &[Token], k: usize) -> Option<usize> {
    let mut j = k + 1;
    let first = toks.get(j).filter(|t| t.word)?;
    if matches!(
        first.lower().as_str(),
        "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "journalists"
    ) {
        j += 1;
    } else if first.capitalised() || first.lower() == "the" {
        j += 1;
        while toks.get(j).is_some_and(|t| t.capitalised()) {
            j += 1;
        }
    } else {
        return None;
    }
    let next = toks.get(j).filter(|t| t.word)?;
    if opens_clause(next) || (next.lower() == "the" && verb_near(toks, j)) {
        return Some(next.span.start);
    }
    None
}

/// The noun phrase right before cue `k` ("the magazine said", "52 percent said", "voters
/// told"), when no name, pronoun or role noun was found: any content word directly before the
/// cue, past auxiliaries and adverbs, is the one speaking.
fn noun_subject(toks: &[Token], k: usize) -> Option<Candidate> {
    let mut j = k.checked_sub(1)?;
    while j > 0
        && toks[j].word
        && (toks[j].lower().ends_with("ly")
            || matches!(
                toks[j].lower().as_str(),
                "also" | "has" | "have" | "had" | "did" | "does" | "do" | "not" | "never"
            ))
    {
        j -= 1;
    }
    let t = &toks[j];
    let lower = t.lower();
    if !t.word
        || FUNCTION_WORDS.contains(&lower.as_str())
        || matches!(
            lower.as_str(),
            "which"
                | "who"
                | "whom"
                | "whose"
                | "where"
                | "it"
                | "be"
                | "been"
                | "being"
                | "is"
                | "was"
                | "were"
                | "are"
        )
        || is_cue(t.text)
    {
        return None;
    }
    Some(Candidate {
        span: super::lexicon::noun_phrase_ending(toks, j),
        pronoun: false,
    })
}

fn is_closing_mark(t: &str) -> bool {
    matches!(t, "\"" | "\u{201d}" | "''" | "'" | "\u{2019}" | "\u{bb}")
}

/// "Clause, X said." / "Clause, said X.": the clause before the comma, when only the speaker and
/// a short tail follow the cue.
fn trailing(
    resolver: &Resolver,
    sentence: Span,
    toks: &[Token],
    k: usize,
    marked: &[Marked],
) -> Option<Quote> {
    let tail_words = toks[k + 1..].iter().filter(|t| t.word).count();
    if tail_words > 6 || k < 3 {
        return None;
    }
    let (candidate, comma) = match subject_before(toks, k) {
        Some(c) => {
            let at = toks.iter().position(|t| t.span.start == c.span.start)?;
            (Some(c), at.checked_sub(1)?)
        }
        None => (subject_after(toks, k + 1), k.checked_sub(1)?),
    };
    if !toks[comma].is(',') || in_marks(marked, toks[comma].span.start) {
        return None;
    }
    let content = Span::new(sentence.start, toks[comma].span.start);
    make(resolver, content, candidate, toks[k].span, marked)
}

/// The sentence end without its final punctuation.
fn content_end(text: &str, sentence: Span) -> usize {
    let body = sentence.slice(text).unwrap_or("");
    let trimmed = body.trim_end_matches(['.', '!', '?', ' ', ';', ':']);
    sentence.start + trimmed.len()
}

fn make(
    resolver: &Resolver,
    content: Span,
    candidate: Option<Candidate>,
    cue: Span,
    marked: &[Marked],
) -> Option<Quote> {
    let text = resolver.text;
    let raw = content.slice(text)?;
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let span = Span::new(content.start + lead, content.start + lead + trimmed.len());
    if word_count(trimmed) < 3 {
        return None;
    }
    // A clause that is one quotation is the marked quote's to report.
    let outside_words = tokens(text, span)
        .iter()
        .filter(|t| t.word && !in_marks(marked, t.span.start))
        .count();
    if outside_words < 2 {
        return None;
    }
    let speaker = match candidate {
        Some(c) => resolver.speaker(c, Some(cue)),
        None => Speaker {
            cue: Some(cue),
            ..Speaker::default()
        },
    };
    Some(Quote {
        span,
        text: trimmed.to_string(),
        kind: QuoteKind::Indirect,
        speaker: speaker.entity,
        speaker_span: speaker.span,
        cue: speaker.cue,
    })
}

/// Block quotes: unmarked paragraphs signed by a name line (at their end or on the next line),
/// and first-person paragraphs right after a speaker's quotes.
fn blocks(
    resolver: &Resolver,
    sentences: &[Span],
    paragraphs: &[Span],
    marked: &[Marked],
    found: &[Quote],
) -> Vec<Quote> {
    let text = resolver.text;
    let has_marks = |p: Span| {
        marked
            .iter()
            .any(|m| p.overlaps(Span::new(m.open, m.close_end)))
    };
    let has_quote = |p: Span, extra: &[Quote]| {
        found
            .iter()
            .chain(extra)
            .any(|q| p.overlaps(q.span) && q.kind != QuoteKind::Scare)
    };
    let mut out: Vec<Quote> = Vec::new();
    let mut used = vec![false; paragraphs.len()];
    for (p, &para) in paragraphs.iter().enumerate() {
        let inner: Vec<Span> = sentences
            .iter()
            .copied()
            .filter(|s| para.contains(*s))
            .collect();
        // The signature is the paragraph's last sentence.
        if let Some((last, rest)) = inner.split_last() {
            if let (Some(name), Some(first)) = (signature_name(text, *last), rest.first()) {
                let body = Span::new(first.start, rest.last().map_or(first.end, |s| s.end));
                if !has_marks(body) && word_count(body.slice(text).unwrap_or("")) >= 6 {
                    out.push(block(resolver, body, Some(name), None));
                    used[p] = true;
                    continue;
                }
            }
        }
        // The signature is a line of its own: it signs the paragraph before, else the one after.
        if let Some(name) = signature_name(text, para) {
            let pick = [p.checked_sub(1), Some(p + 1)]
                .into_iter()
                .flatten()
                .find(|&q| {
                    paragraphs.get(q).is_some_and(|&b| {
                        !used[q]
                            && !has_marks(b)
                            && signature_name(text, b).is_none()
                            && word_count(b.slice(text).unwrap_or("")) >= 8
                    })
                });
            if let Some(q) = pick {
                used[q] = true;
                out.retain(|b| !paragraphs[q].contains(b.span));
                out.push(block(resolver, paragraphs[q], Some(name), None));
            }
        }
    }
    // A paragraph after a line that introduces it with a cue and a colon ("Its chair said in a
    // statement:") is that speaker's, unless a name line signed it above.
    for p in 1..paragraphs.len() {
        let (intro, para) = (paragraphs[p - 1], paragraphs[p]);
        let ends_colon = intro.slice(text).is_some_and(|t| t.ends_with(':'));
        if !ends_colon
            || used[p]
            || has_marks(para)
            || has_quote(para, &out)
            || signature_name(text, para).is_some()
            || word_count(para.slice(text).unwrap_or("")) < 6
        {
            continue;
        }
        let line = super::frame_before(text, intro.start, intro.end);
        let cued = tokens(text, line)
            .iter()
            .any(|t| t.word && (is_cue(t.text) || t.lower() == "statement"));
        let speaker = super::attribution(resolver, line, None, false).filter(|s| s.span.is_some());
        if let Some(speaker) = speaker.filter(|_| cued) {
            used[p] = true;
            let mut quote = block(resolver, para, speaker.span, speaker.entity);
            quote.cue = speaker.cue;
            out.push(quote);
        }
    }
    // First-person paragraphs that carry on a speaker's voice.
    let mut since = usize::MAX;
    let mut last: Option<Speaker> = None;
    for (p, &para) in paragraphs.iter().enumerate() {
        let body = para.slice(text).unwrap_or("");
        let words = word_count(body);
        let attributed = found
            .iter()
            .chain(&out)
            .filter(|q| para.overlaps(q.span) && q.kind != QuoteKind::Scare)
            .filter(|q| q.speaker_span.is_some())
            .max_by_key(|q| q.span.start);
        if let Some(q) = attributed {
            last = Some(speaker_of(resolver, q, found));
            since = 0;
            continue;
        }
        // Headlines (short, no final punctuation) do not break the voice.
        if !body.ends_with(['.', '!', '?', '…']) && words < 12 {
            continue;
        }
        since = since.saturating_add(1);
        if used[p] || words < 8 || has_marks(para) || has_quote(para, &out) || since > 2 {
            continue;
        }
        if let Some(speaker) = last.filter(|_| first_person(text, para)) {
            out.push(block(resolver, para, speaker.span, speaker.entity));
            since = 0;
        }
    }
    out
}

/// The speaker of a quote, with a bare pronoun replaced by the last name that spoke before it,
/// since a continuation paragraph is not next to the pronoun.
fn speaker_of(resolver: &Resolver, q: &Quote, found: &[Quote]) -> Speaker {
    let here = Speaker {
        entity: q.speaker,
        span: q.speaker_span,
        cue: None,
    };
    let pronoun = q
        .speaker_span
        .and_then(|s| s.slice(resolver.text))
        .is_some_and(is_pronoun);
    if !pronoun || q.speaker.is_some() {
        return here;
    }
    found
        .iter()
        .filter(|f| f.span.end <= q.span.start)
        .filter(|f| {
            f.speaker_span
                .and_then(|s| s.slice(resolver.text))
                .is_some_and(|w| !is_pronoun(w))
        })
        .max_by_key(|f| f.span.start)
        .map_or(here, |f| Speaker {
            entity: f.speaker,
            span: f.speaker_span,
            cue: None,
        })
}

fn first_person(text: &str, para: Span) -> bool {
    tokens(text, para).iter().any(|t| {
        t.word && (t.text == "I" || matches!(t.lower().as_str(), "we" | "our" | "us" | "my"))
    })
}

fn block(resolver: &Resolver, span: Span, name: Option<Span>, entity: Option<usize>) -> Quote {
    let entity = entity.or_else(|| name.and_then(|n| resolver.name_entity(n)));
    let text = span.slice(resolver.text).unwrap_or("").to_string();
    Quote {
        span,
        text,
        kind: QuoteKind::Block,
        speaker: entity,
        speaker_span: name,
        cue: None,
    }
}
