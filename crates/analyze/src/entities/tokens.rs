//! Word tokens with byte offsets, and the per-word facts the name rules ask about.

use triangulate_model::Span;

/// One word or punctuation mark of the text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub word: bool,
    /// Index of the sentence holding the token.
    pub sentence: usize,
    /// First word of its sentence, or first word after an opening quote or colon: its capital
    /// says nothing about it being a name.
    pub initial: bool,
}

impl Token<'_> {
    pub fn capitalised(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Two or more letters, all capitals ("HRW", "U.S.", "EADS").
    pub fn acronym(&self) -> bool {
        let letters: Vec<char> = self.text.chars().filter(|c| c.is_alphabetic()).collect();
        self.word && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens. Hyphens and apostrophes between letters stay inside a word
/// ("Kassym-Jomart", "O'Brien"); a possessive "'s" becomes its own token; a period stays on a
/// word when the word is an initial, an abbreviation with inner periods ("U.S.") or a title.
pub fn tokenize<'a>(text: &'a str, sentences: &[Span]) -> Vec<Token<'a>> {
    let mut tokens = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let Some(body) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        let base = sentence.start;
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut i = 0;
        let mut first_word = true;
        let mut after_opener = false;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if !is_word_char(c) {
                let end = pos + c.len_utf8();
                tokens.push(Token {
                    start: base + pos,
                    end: base + end,
                    text: &text[base + pos..base + end],
                    word: false,
                    sentence: index,
                    initial: false,
                });
                // A dash standing alone between spaces ends a dateline: "VELMARSK - Some 150".
                let spaced = |k: Option<usize>| {
                    k.and_then(|k| chars.get(k))
                        .is_some_and(|&(_, c)| c.is_whitespace())
                };
                let lone_dash = matches!(c, '-' | '\u{2013}')
                    && spaced(i.checked_sub(1))
                    && spaced(Some(i + 1));
                // '`' opens quotations in text typed as ``this''.
                after_opener = matches!(
                    c,
                    '"' | '\u{201c}' | '\u{2018}' | '`' | ':' | '(' | '\u{2014}'
                ) || lone_dash
                    || (c == '\'' && i + 1 < chars.len() && chars[i + 1].1.is_uppercase());
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() {
                let c = chars[j].1;
                if is_word_char(c) {
                    j += 1;
                    continue;
                }
                let next_word = chars.get(j + 1).is_some_and(|&(_, n)| is_word_char(n));
                if matches!(c, '-' | '\u{2010}' | '&') && next_word {
                    j += 1;
                    continue;
                }
                if matches!(c, '\'' | '\u{2019}') && next_word {
                    // "Kazakhstan's": stop before the possessive.
                    let rest: String = chars[j + 1..].iter().take(2).map(|&(_, c)| c).collect();
                    let possessive =
                        rest.starts_with('s') && !rest.chars().nth(1).is_some_and(is_word_char);
                    if possessive {
                        break;
                    }
                    j += 1;
                    continue;
                }
                if c == '.' && keeps_period(&chars, i, j) {
                    j += 1;
                    continue;
                }
                break;
            }
            let start = base + chars[i].0;
            let end = if j < chars.len() {
                base + chars[j].0
            } else {
                base + body.len()
            };
            tokens.push(Token {
                start,
                end,
                text: &text[start..end],
                word: true,
                sentence: index,
                initial: first_word || after_opener,
            });
            first_word = false;
            after_opener = false;
            i = j;
        }
    }
    tokens
}

/// Whether the period at `dot` belongs to the word starting at `from`.
fn keeps_period(chars: &[(usize, char)], from: usize, dot: usize) -> bool {
    let word: String = chars[from..dot].iter().map(|&(_, c)| c).collect();
    let next = chars.get(dot + 1).map(|&(_, c)| c);
    // "U.S." / "N.V.": a single letter followed by a period and another letter.
    if next.is_some_and(char::is_alphabetic) {
        return word.chars().count() == 1 || word.contains('.');
    }
    if word.contains('.') {
        return true;
    }
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let lower = word.to_lowercase();
    single_capital
        || matches!(
            lower.as_str(),
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "prof"
                | "gen"
                | "sen"
                | "rep"
                | "gov"
                | "lt"
                | "col"
                | "capt"
                | "sgt"
                | "adm"
                | "rev"
                | "jr"
                | "sr"
                | "inc"
                | "corp"
                | "co"
                | "ltd"
                | "st"
                | "mt"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_hyphens_and_drop_possessives() {
        let text = "Mira Vell-Osk met Dr. Ganz in the U.S. capital's hall.";
        let tokens = tokenize(text, &[Span::new(0, text.len())]);
        let words: Vec<&str> = tokens.iter().filter(|t| t.word).map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Mira", "Vell-Osk", "met", "Dr.", "Ganz", "in", "the", "U.S.", "capital", "s",
                "hall"
            ]
        );
        assert!(tokens[0].initial);
        assert!(!tokens[1].initial);
    }

    #[test]
    fn a_word_after_an_opening_quotation_mark_opens_a_clause() {
        for text in [
            "Vell said , `` This was a good day . ''",
            "Vell said, \u{201c}This was a good day.\u{201d}",
            "Vell said, \"This was a good day.\"",
        ] {
            let tokens = tokenize(text, &[Span::new(0, text.len())]);
            let this = tokens.iter().find(|t| t.text == "This").expect(text);
            assert!(this.initial, "{text}");
            let day = tokens.iter().find(|t| t.text == "day").expect(text);
            assert!(!day.initial, "{text}");
        }
    }
}
