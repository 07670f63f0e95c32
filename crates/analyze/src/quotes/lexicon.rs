//! A small tokenizer with byte spans, and the finder of the words that name a speaker next to a
//! cue.

use triangulate_model::Span;

pub(super) use super::words::{
    inverts, is_clause_cue, is_cue, is_pronoun, is_thought_cue, takes_listener,
};
use super::words::{CONNECTORS, FUNCTION_WORDS, ROLE_NOUNS, ROLE_TITLES, TEMPORAL};

/// One token: a word (letters and digits with inner hyphens, apostrophes, dots and slashes, so
/// that "Kasym-Zhomart", "Toqaev’s", "U.S." and "RFE/RL" stay whole) or one punctuation char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    pub word: bool,
}

impl Token<'_> {
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn capitalised(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is(&self, c: char) -> bool {
        !self.word && self.text.starts_with(c)
    }
}

/// Tokens of `text[span]`, with spans into `text`.
pub(super) fn tokens(text: &str, span: Span) -> Vec<Token<'_>> {
    let Some(slice) = span.slice(text) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let joins = matches!(d, '-' | '\'' | '’' | '.' | '/' | '&')
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                if d.is_alphanumeric() || joins {
                    j += 1;
                } else {
                    break;
                }
            }
            // "U.S." keeps its final dot when the word is a dotted abbreviation.
            if chars.get(j).is_some_and(|(_, d)| *d == '.')
                && slice[at..chars[j].0].contains('.')
                && slice[at..chars[j].0].len() <= 6
            {
                j += 1;
            }
            let end = chars.get(j).map_or(slice.len(), |(e, _)| *e);
            out.push(Token {
                span: Span::new(span.start + at, span.start + end),
                text: &slice[at..end],
                word: true,
            });
            i = j;
        } else {
            let end = at + c.len_utf8();
            out.push(Token {
                span: Span::new(span.start + at, span.start + end),
                text: &slice[at..end],
                word: false,
            });
            i += 1;
        }
    }
    out
}

fn is_temporal(token: &Token) -> bool {
    let lower = token.lower();
    TEMPORAL.contains(&lower.as_str()) || token.text.chars().all(|c| c.is_ascii_digit())
}

fn is_name_word(token: &Token) -> bool {
    let lower = token.lower();
    token.capitalised()
        && !is_temporal(token)
        && !FUNCTION_WORDS.contains(&lower.as_str())
        // Quantifiers that open a sentence ("Most dockers say") are not names.
        && !matches!(
            lower.as_str(),
            "some" | "most" | "many" | "few" | "all" | "several" | "both" | "other" | "others"
                | "no" | "every" | "each" | "half"
        )
        && !is_cue(token.text)
}

/// What names a speaker: a capitalised name run, a pronoun or a lowercase role description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub span: Span,
    pub pronoun: bool,
}

/// The name run that ends at token `end` (inclusive), extended left over name words and inner
/// connectors, and over a leading "The".
fn name_run(tokens: &[Token], end: usize) -> Span {
    let mut start = end;
    while start > 0 {
        let prev = &tokens[start - 1];
        if is_name_word(prev) {
            start -= 1;
        } else if prev.word
            && CONNECTORS.contains(&prev.lower().as_str())
            && start >= 2
            && is_name_word(&tokens[start - 2])
        {
            start -= 2;
        } else if prev.text == "The" || prev.text == "the" {
            start -= 1;
            break;
        } else if ROLE_NOUNS.contains(&prev.lower().as_str()) {
            // "Harbour chief Tomas Rell", "longtime pollster Pat Caddell".
            return Span::new(description(tokens, start - 1).start, tokens[end].span.end);
        } else {
            break;
        }
    }
    Span::new(tokens[start].span.start, tokens[end].span.end)
}

/// The name run that starts at token `start`, extended right.
fn name_run_forward(tokens: &[Token], start: usize) -> Span {
    let mut end = start;
    while end + 1 < tokens.len() {
        let next = &tokens[end + 1];
        if is_name_word(next) {
            end += 1;
        } else if next.word
            && CONNECTORS.contains(&next.lower().as_str())
            && tokens.get(end + 2).is_some_and(is_name_word)
        {
            end += 2;
        } else {
            break;
        }
    }
    Span::new(tokens[start].span.start, tokens[end].span.end)
}

/// A description ending at the role noun `end`: back over up to three words to a determiner.
/// The noun phrase that ends at token `end`, back to its determiner (at most four words).
pub(super) fn noun_phrase_ending(tokens: &[Token], end: usize) -> Span {
    description(tokens, end)
}

fn description(tokens: &[Token], end: usize) -> Span {
    let mut start = end;
    for _ in 0..4 {
        if start == 0 || !tokens[start - 1].word {
            break;
        }
        start -= 1;
        let lower = tokens[start].lower();
        if matches!(
            lower.as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "one"
        ) {
            break;
        }
    }
    Span::new(tokens[start].span.start, tokens[end].span.end)
}

/// The speaker candidate nearest before token index `before`, skipping dates, adverbials and a
/// comma-enclosed apposition right before the cue ("Luca Anceschi, a lecturer at X, told").
pub(super) fn subject_before(tokens: &[Token], before: usize) -> Option<Candidate> {
    let mut i = before.min(tokens.len());
    // An apposition between the subject and the cue: jump to the comma that opens it.
    if i > 0 && tokens[i - 1].is(',') {
        if let Some(open) = (i.saturating_sub(14)..i - 1)
            .rev()
            .find(|&k| tokens[k].is(','))
        {
            i = open;
        }
    }
    let mut seen = 0;
    while i > 0 && seen < 14 {
        i -= 1;
        seen += 1;
        let t = &tokens[i];
        if !t.word {
            if matches!(
                t.text,
                "." | "!" | "?" | ";" | ":" | "\"" | "“" | "”" | "«" | "»"
            ) {
                return None;
            }
            continue;
        }
        if is_pronoun(t.text) && !matches!(t.lower().as_str(), "his" | "her" | "their") {
            return Some(Candidate {
                span: t.span,
                pronoun: true,
            });
        }
        if is_name_word(t) || (t.capitalised() && is_cue_free_acronym(t)) {
            return Some(Candidate {
                span: name_run(tokens, i),
                pronoun: false,
            });
        }
        if ROLE_NOUNS.contains(&t.lower().as_str()) {
            return Some(Candidate {
                span: description(tokens, i),
                pronoun: false,
            });
        }
    }
    None
}

/// The subject of the cue at `k`: for a participle ("..., saying") or a coordinated verb
/// ("X praised the meeting and said") that of the main clause, else the nearest candidate before
/// the cue. Tokens inside `skip` (quoted text) are not subjects.
pub(super) fn subject_of(tokens: &[Token], k: usize, skip: &[Span]) -> Option<Candidate> {
    let cue = tokens.get(k)?;
    let coordinated = k >= 1 && tokens[k - 1].lower() == "and"
        || k >= 2 && tokens[k - 2].lower() == "and" && tokens[k - 1].lower().ends_with("ly");
    if !(coordinated || cue.lower().ends_with("ing")) {
        return subject_before(tokens, k);
    }
    let outside = |t: &Token| !skip.iter().any(|s| s.contains(t.span));
    let mut start = (0..k).find(|&i| tokens[i].word && outside(&tokens[i]))?;
    // "Before talks with X, Putin hailed": the subject follows the opening adverbial.
    let first = &tokens[start];
    if FUNCTION_WORDS.contains(&first.lower().as_str()) && !is_pronoun(first.text)
        || first.text.ends_with("ing")
    {
        if let Some(comma) = (start..k).find(|&i| tokens[i].is(',') && outside(&tokens[i])) {
            start = comma + 1;
        }
    }
    for i in start..k.min(start + 8) {
        let t = &tokens[i];
        if !t.word || !outside(t) {
            continue;
        }
        if is_pronoun(t.text) && !matches!(t.lower().as_str(), "his" | "her" | "their") {
            return Some(Candidate {
                span: t.span,
                pronoun: true,
            });
        }
        if is_name_word(t) {
            let run = name_run_forward(tokens, i);
            let lead = name_run(tokens, i);
            return Some(Candidate {
                span: Span::new(lead.start, run.end),
                pronoun: false,
            });
        }
        if ROLE_NOUNS.contains(&t.lower().as_str()) {
            return Some(Candidate {
                span: description(tokens, i),
                pronoun: false,
            });
        }
    }
    None
}

fn is_cue_free_acronym(t: &Token) -> bool {
    t.text.len() >= 2 && t.text.chars().all(|c| c.is_uppercase() || c == '/')
}

/// Words that end the noun phrase naming a speaker after its cue ("said Pat Caddell *in* an
/// interview", "said the aide, *who* ...").
const PHRASE_STOPS: &[&str] = &[
    "who",
    "which",
    "that",
    "in",
    "on",
    "at",
    "during",
    "before",
    "after",
    "when",
    "while",
    "as",
    "to",
    "for",
    "about",
    "with",
    "from",
    "by",
    "was",
    "is",
    "were",
    "are",
    "has",
    "have",
    "had",
    "would",
    "will",
    "and",
    "but",
    "than",
    "if",
    "because",
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "today",
    "yesterday",
    "tonight",
    "afterward",
    "afterwards",
    "again",
    "then",
];

/// The speaker right after an inverting cue: a pronoun, or the noun phrase up to a clause
/// boundary when it holds a name or a role ("said Caddell", "said the spokesman", "said former
/// Massachusetts congressman Barney Frank", "said one former leadership aide").
pub(super) fn subject_after(tokens: &[Token], from: usize) -> Option<Candidate> {
    if !from
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|cue| inverts(cue.text))
    {
        return None;
    }
    let first = tokens.get(from).filter(|t| t.word)?;
    if is_pronoun(first.text) {
        if matches!(first.lower().as_str(), "his" | "her" | "their") {
            return None;
        }
        return Some(Candidate {
            span: first.span,
            pronoun: true,
        });
    }
    let mut last = None;
    let mut named = false;
    for (k, t) in tokens.iter().enumerate().skip(from).take(9) {
        if !t.word || is_temporal(t) {
            break;
        }
        let lower = t.lower();
        let inner_connector = CONNECTORS.contains(&lower.as_str())
            && !matches!(lower.as_str(), "and" | "the")
            && last.is_some()
            && tokens.get(k + 1).is_some_and(is_name_word);
        if PHRASE_STOPS.contains(&lower.as_str()) && !inner_connector {
            break;
        }
        // A verb right after the cue ("said goodbye", "said nothing") ends the search.
        last = Some(k);
        named |= is_name_word(t)
            || (t.capitalised() && is_cue_free_acronym(t))
            || ROLE_NOUNS.contains(&lower.as_str());
    }
    let last = last.filter(|_| named)?;
    Some(Candidate {
        span: Span::new(first.span.start, tokens[last].span.end),
        pronoun: false,
    })
}

/// The words in front of a cue that follows a quote (`"...," the conservative newspaper wrote`):
/// all of `tokens[..cue]` when they are a short run of words, a pronoun or a noun phrase.
pub(super) fn lead_phrase(tokens: &[Token], cue: usize) -> Option<Candidate> {
    let start = tokens[..cue].iter().position(|t| t.word)?;
    let run = &tokens[start..cue];
    if run.is_empty() || run.len() > 7 || run.iter().any(|t| !t.word) {
        return None;
    }
    if run.len() == 1 && is_pronoun(run[0].text) {
        return Some(Candidate {
            span: run[0].span,
            pronoun: true,
        });
    }
    // Adverbs and verbs ("then", "also") are no speakers: the phrase must hold a noun-like word.
    let lower: Vec<String> = run.iter().map(Token::lower).collect();
    if lower
        .iter()
        .any(|w| PHRASE_STOPS.contains(&w.as_str()) || is_pronoun(w))
    {
        return None;
    }
    Some(Candidate {
        span: Span::new(run[0].span.start, run[run.len() - 1].span.end),
        pronoun: false,
    })
}

/// The subject that opens a clause (`Mr. Christie gloated:`, `Senate leader Ann Vols, R-Ky.,
/// delivered a message:`): the first pronoun, name or role within its first words, after a
/// leading adverbial closed by a comma.
pub(super) fn clause_subject(tokens: &[Token]) -> Option<Candidate> {
    let mut start = tokens.iter().position(|t| t.word)?;
    let first = &tokens[start];
    let opener = FUNCTION_WORDS.contains(&first.lower().as_str()) && !is_pronoun(first.text);
    if opener && !matches!(first.lower().as_str(), "and" | "but" | "so" | "yet" | "the") {
        if let Some(comma) = tokens.iter().skip(start).take(10).position(|t| t.is(',')) {
            start += comma + 1;
        }
    }
    for (i, t) in tokens.iter().enumerate().skip(start).take(6) {
        if !t.word {
            continue;
        }
        if is_pronoun(t.text) && !matches!(t.lower().as_str(), "his" | "her" | "their" | "it") {
            return Some(Candidate {
                span: t.span,
                pronoun: true,
            });
        }
        if is_name_word(t) {
            let run = name_run_forward(tokens, i);
            let lead = name_run(tokens, i);
            return Some(Candidate {
                span: Span::new(lead.start, run.end),
                pronoun: false,
            });
        }
        if ROLE_NOUNS.contains(&t.lower().as_str()) {
            return Some(Candidate {
                span: description(tokens, i),
                pronoun: false,
            });
        }
        // The subject comes before the verb's complements.
        if PHRASE_STOPS.contains(&t.lower().as_str()) || is_cue(t.text) {
            break;
        }
    }
    None
}

/// The speaker and verb right after a quote closed by a comma (`"...," Trump went on`, `"...,"
/// he points out`), where the verb is not a known cue: a pronoun or a name run, then a
/// lowercase word.
pub(super) fn tagged_subject(tokens: &[Token]) -> Option<(Candidate, Span)> {
    let first = tokens.first().filter(|t| t.word)?;
    let (candidate, next) = if is_pronoun(first.text) {
        if matches!(first.lower().as_str(), "his" | "her" | "their" | "it") {
            return None;
        }
        let c = Candidate {
            span: first.span,
            pronoun: true,
        };
        (c, 1)
    } else if is_name_word(first) {
        let run = name_run_forward(tokens, 0);
        let next = tokens.iter().position(|t| t.span.start >= run.end)?;
        if next > 5 {
            return None;
        }
        let c = Candidate {
            span: run,
            pronoun: false,
        };
        (c, next)
    } else {
        return None;
    };
    let verb = tokens.get(next).filter(|t| t.word && !t.capitalised())?;
    let lower = verb.lower();
    if PHRASE_STOPS.contains(&lower.as_str()) || FUNCTION_WORDS.contains(&lower.as_str()) {
        return None;
    }
    Some((candidate, verb.span))
}

/// The speaker named first after a quote, before a cue further on: `"...," Ana Vols, director
/// of the Tarn Institute and a professor at Brel University, said`. Only a name run or a
/// pronoun right at the start, followed by a comma, a bracket or the cue itself.
pub(super) fn front_subject(tokens: &[Token], cue: usize) -> Option<Candidate> {
    let first = tokens.first().filter(|t| t.word)?;
    if is_pronoun(first.text) {
        let plain = !matches!(first.lower().as_str(), "his" | "her" | "their" | "it");
        return (plain && cue == 1).then_some(Candidate {
            span: first.span,
            pronoun: true,
        });
    }
    if !is_name_word(first) {
        return None;
    }
    let run = name_run_forward(tokens, 0);
    let next = tokens.iter().position(|t| t.span.start >= run.end)?;
    if next > cue || next > 6 {
        return None;
    }
    (next == cue || tokens[next].is(',') || tokens[next].is('(')).then_some(Candidate {
        span: run,
        pronoun: false,
    })
}

/// A name line after a dash right after a quote (`“...” ― Ana Vols`).
pub(super) fn dash_speaker(tokens: &[Token]) -> Option<Candidate> {
    dash_signature(tokens).map(|span| Candidate {
        span,
        pronoun: false,
    })
}

/// A signature line: only a name and a capitalised role ("Kasym-Zhomart Tokayev President of
/// Kazakhstan"). Returns the span of the name part.
pub(super) fn signature_name(text: &str, span: Span) -> Option<Span> {
    let toks = tokens(text, span);
    if let Some(name) = dash_signature(&toks) {
        return Some(name);
    }
    let words = toks.iter().filter(|t| t.word).count();
    if !(2..=10).contains(&words) || toks.iter().any(|t| !t.word && !t.is(',')) {
        return None;
    }
    let all_names = toks
        .iter()
        .filter(|t| t.word)
        .all(|t| t.capitalised() || CONNECTORS.contains(&t.lower().as_str()));
    if !all_names {
        return None;
    }
    let role = toks
        .iter()
        .position(|t| t.word && ROLE_TITLES.contains(&t.lower().as_str()))?;
    let name_end = toks[..role].iter().rposition(|t| t.word)?;
    if !toks[0].capitalised() {
        return None;
    }
    Some(Span::new(toks[0].span.start, toks[name_end].span.end))
}

/// A signature line led by a dash: `— Hanna Vols, chair of the Tarn Dockers' Union`. The name
/// run after the dash is the speaker; a description may follow after a comma.
fn dash_signature(toks: &[Token]) -> Option<Span> {
    let dash = toks
        .first()
        .filter(|t| matches!(t.text, "—" | "–" | "-" | "―" | "~"))?;
    let first = toks.get(1).filter(|t| is_name_word(t))?;
    let words = toks.iter().filter(|t| t.word).count();
    if words > 16 || first.span.start < dash.span.end {
        return None;
    }
    let run = name_run_forward(toks, 1);
    let after = toks.iter().position(|t| t.span.start >= run.end);
    let names = toks[1..after.unwrap_or(toks.len())]
        .iter()
        .filter(|t| t.word)
        .count();
    // A sentence after the dash ("— Prices rose again.") is no signature.
    let tail_ok = after.is_none_or(|a| toks[a].is(',') || toks[a].is('('));
    if !(1..=5).contains(&names) || !tail_ok || toks.iter().any(|t| is_cue(t.text)) {
        return None;
    }
    Some(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Vec<Token<'_>> {
        tokens(text, Span::new(0, text.len()))
    }

    #[test]
    fn tokens_keep_hyphenated_names_and_abbreviations() {
        let text = "Kasym-Zhomart Toqaev’s U.S. trip, RFE/RL said.";
        let words: Vec<&str> = whole(text)
            .iter()
            .filter(|t| t.word)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            [
                "Kasym-Zhomart",
                "Toqaev’s",
                "U.S.",
                "trip",
                "RFE/RL",
                "said"
            ]
        );
    }

    #[test]
    fn subject_skips_dates_and_appositions() {
        let text = "Mirela Vasko, a lecturer at the University of Tarn, told";
        let toks = whole(text);
        let cand = subject_before(&toks, toks.len() - 1).map(|c| &text[c.span.start..c.span.end]);
        assert_eq!(cand, Some("Mirela Vasko"));
        let text = "Vasko on October 3 told";
        let toks = whole(text);
        let cand = subject_before(&toks, toks.len() - 1).map(|c| &text[c.span.start..c.span.end]);
        assert_eq!(cand, Some("Vasko"));
    }

    #[test]
    fn signature_lines_name_the_speaker() {
        let text = "Anton Brel Prime Minister of Ostria";
        let name = signature_name(text, Span::new(0, text.len()));
        assert_eq!(name.map(|s| &text[s.start..s.end]), Some("Anton Brel"));
        assert_eq!(
            signature_name("Brel about the river", Span::new(0, 20)),
            None
        );
    }
}
