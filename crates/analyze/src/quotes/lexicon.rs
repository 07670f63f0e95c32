//! Words and word lists the quote finder reads: a small tokenizer with byte spans, reporting cue
//! verbs, and the finder of the words that name a speaker next to a cue.

use triangulate_model::Span;

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

/// Verbs and nouns that report speech, in the forms news prose uses them.
const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "added",
    "adds",
    "adding",
    "warned",
    "warns",
    "warning",
    "urged",
    "urges",
    "stated",
    "emphasized",
    "emphasised",
    "emphasizes",
    "stressed",
    "stresses",
    "noted",
    "notes",
    "noting",
    "explained",
    "explains",
    "argued",
    "argues",
    "arguing",
    "claimed",
    "claims",
    "claiming",
    "insisted",
    "insists",
    "insisting",
    "asserted",
    "wrote",
    "writes",
    "announced",
    "declared",
    "acknowledged",
    "admitted",
    "suggested",
    "suggests",
    "continued",
    "recalled",
    "replied",
    "responded",
    "answered",
    "asked",
    "asks",
    "called",
    "calls",
    "described",
    "describes",
    "characterized",
    "predicted",
    "promised",
    "vowed",
    "cautioned",
    "complained",
    "conceded",
    "confirmed",
    "denied",
    "reiterated",
    "remarked",
    "observed",
    "tweeted",
    "posted",
    "quipped",
    "joked",
    "boasted",
    "lamented",
    "cited",
    "believes",
    "believed",
    "thinks",
    "maintained",
    "contended",
    "countered",
    "demanded",
    "accused",
    "hailed",
    "praised",
    "criticized",
    "criticised",
    "reported",
    "pledged",
    "estimated",
];

/// Cues that introduce a reported clause without marks ("X said that ..."); a narrower list than
/// [`CUES`], since "called" or "praised" take objects rather than clauses.
const CLAUSE_CUES: &[&str] = &[
    "said",
    "says",
    "saying",
    "told",
    "tells",
    "telling",
    "added",
    "adding",
    "warned",
    "warns",
    "warning",
    "stated",
    "emphasized",
    "emphasised",
    "stressed",
    "noted",
    "noting",
    "explained",
    "argued",
    "argues",
    "arguing",
    "claimed",
    "claims",
    "claiming",
    "insisted",
    "insists",
    "asserted",
    "wrote",
    "writes",
    "announced",
    "declared",
    "acknowledged",
    "admitted",
    "suggested",
    "suggests",
    "believes",
    "thinks",
    "predicted",
    "promised",
    "vowed",
    "confirmed",
    "denied",
    "maintained",
    "contended",
    "reported",
    "conceded",
    "reiterated",
    "pledged",
    "estimated",
];

pub(super) fn is_cue(word: &str) -> bool {
    CUES.contains(&word.to_lowercase().as_str())
}

pub(super) fn is_clause_cue(word: &str) -> bool {
    CLAUSE_CUES.contains(&word.to_lowercase().as_str())
}

/// Verbs whose first object is the listener ("told Scholz that ...").
pub(super) fn takes_listener(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "told" | "tells" | "telling" | "warned" | "urged" | "reminded" | "assured"
    )
}

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "his", "her", "their"];

pub(super) fn is_pronoun(word: &str) -> bool {
    PRONOUNS.contains(&word.to_lowercase().as_str())
}

/// Capitalised words that start sentences without naming anyone.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "while",
    "when",
    "after",
    "before",
    "as",
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "since",
    "if",
    "for",
    "with",
    "from",
    "by",
    "to",
    "of",
    "despite",
    "although",
    "though",
    "however",
    "meanwhile",
    "yet",
    "so",
    "still",
    "also",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "its",
    "what",
    "asked",
    "speaking",
    "during",
    "according",
    "earlier",
    "later",
    "last",
    "next",
    "now",
    "today",
];

const TEMPORAL: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "jan.",
    "feb",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug",
    "aug.",
    "sep",
    "sep.",
    "sept",
    "sept.",
    "oct",
    "oct.",
    "nov",
    "nov.",
    "dec",
    "dec.",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words that may sit inside a multi-word name between capitalised words.
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "de", "van", "von", "al", "bin", "and", "&",
];

/// Nouns that make a lowercase description a plausible speaker ("the German leader",
/// "a campaign spokesman").
const ROLE_NOUNS: &[&str] = &[
    "chief",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "president",
    "minister",
    "chancellor",
    "leader",
    "leaders",
    "statement",
    "ministry",
    "government",
    "campaign",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "source",
    "sources",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "lawyer",
    "attorney",
    "police",
    "report",
    "survey",
    "poll",
    "candidate",
    "nominee",
    "senator",
    "governor",
    "mayor",
    "chairman",
    "director",
    "secretary",
    "ambassador",
    "envoy",
    "company",
    "group",
    "organization",
    "agency",
    "officer",
    "prosecutor",
    "prosecutors",
    "judge",
    "court",
    "researchers",
    "scientists",
    "critics",
    "supporters",
    "residents",
    "witnesses",
    "lecturer",
    "professor",
    "pollster",
    "strategist",
    "economist",
    "watchdog",
    "spokesmen",
    "administration",
    "authorities",
    "diplomat",
    "diplomats",
    "representative",
    "democrats",
    "republicans",
    "voters",
];

/// Capitalised role words of a signature line ("... President of Kazakhstan").
pub(super) const ROLE_TITLES: &[&str] = &[
    "president",
    "minister",
    "chancellor",
    "prime",
    "secretary",
    "spokesman",
    "spokeswoman",
    "director",
    "chairman",
    "chairwoman",
    "ceo",
    "head",
    "leader",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "professor",
    "general",
    "king",
    "queen",
    "chief",
    "commissioner",
    "founder",
    "editor",
];

fn is_temporal(token: &Token) -> bool {
    let lower = token.lower();
    TEMPORAL.contains(&lower.as_str()) || token.text.chars().all(|c| c.is_ascii_digit())
}

fn is_name_word(token: &Token) -> bool {
    token.capitalised()
        && !is_temporal(token)
        && !FUNCTION_WORDS.contains(&token.lower().as_str())
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

/// Cues that may come before their subject ("said Caddell", "added the minister"); others
/// ("told Scholz", "called the plan") take an object there.
pub(super) fn inverts(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "said"
            | "says"
            | "added"
            | "adds"
            | "asked"
            | "continued"
            | "wrote"
            | "writes"
            | "explained"
            | "noted"
            | "replied"
            | "recalled"
            | "warned"
            | "insisted"
            | "argued"
            | "stated"
            | "declared"
            | "to"
    )
}

/// The speaker candidate right after an inverting cue ("said Caddell", "said the spokesman").
pub(super) fn subject_after(tokens: &[Token], from: usize) -> Option<Candidate> {
    if !from
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|cue| inverts(cue.text))
    {
        return None;
    }
    for (k, t) in tokens.iter().enumerate().skip(from).take(3) {
        if !t.word {
            return None;
        }
        // Only a determiner may come between the cue and its subject.
        if k > from && !matches!(tokens[k - 1].lower().as_str(), "the" | "a" | "an") {
            return None;
        }
        if is_pronoun(t.text) && !matches!(t.lower().as_str(), "his" | "her" | "their") {
            return Some(Candidate {
                span: t.span,
                pronoun: true,
            });
        }
        if is_name_word(t) {
            return Some(Candidate {
                span: name_run_forward(tokens, k),
                pronoun: false,
            });
        }
        if ROLE_NOUNS.contains(&t.lower().as_str()) {
            return Some(Candidate {
                span: description(tokens, k),
                pronoun: false,
            });
        }
    }
    None
}

/// A signature line: only a name and a capitalised role ("Kasym-Zhomart Tokayev President of
/// Kazakhstan"). Returns the span of the name part.
pub(super) fn signature_name(text: &str, span: Span) -> Option<Span> {
    let toks = tokens(text, span);
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
