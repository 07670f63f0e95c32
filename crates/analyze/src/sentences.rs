//! Sentence segmentation: Unicode sentence boundaries (UAX #29), then repairs for the
//! abbreviations news prose is full of ("Gen.", "Sept.", "U.S.") which the Unicode rules break on.

use triangulate_model::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Words that end with a period without ending a sentence when a capitalised word follows.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
    "rep", "rev", "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "e.u", "a.m", "p.m", "d.c", "pres", "supt", "dept", "est", "approx",
];

/// Splits `text` into sentence spans, trimmed of surrounding whitespace. Line breaks always end a
/// sentence, so headlines and list items stand alone.
pub fn split(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut glue_next = false;
    for (start, piece) in text.split_sentence_bound_indices() {
        let trimmed_start = start + (piece.len() - piece.trim_start().len());
        let trimmed_end = start + piece.trim_end().len();
        if trimmed_start >= trimmed_end {
            continue;
        }
        let ends_line = piece.trim_end_matches([' ', '\t']).ends_with(['\n', '\r']);
        match spans.last_mut() {
            Some(last) if glue_next => last.end = trimmed_end,
            _ => spans.push(Span::new(trimmed_start, trimmed_end)),
        }
        glue_next = !ends_line && ends_with_abbreviation(&text[trimmed_start..trimmed_end]);
    }
    spans
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    // A single capital initial ("John F. Kennedy") or a known abbreviation.
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn keeps_abbreviations_inside_sentences() {
        let text = "Gen. Marta Ruiz met Mr. Olsen on Sept. 4 in Lyon. They talked.";
        assert_eq!(
            texts(text),
            [
                "Gen. Marta Ruiz met Mr. Olsen on Sept. 4 in Lyon.",
                "They talked."
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        let text = "Harbour deal signed\n\nThe port opened at dawn. Crowds cheered.";
        assert_eq!(
            texts(text),
            [
                "Harbour deal signed",
                "The port opened at dawn.",
                "Crowds cheered."
            ]
        );
    }

    #[test]
    fn quoted_sentences_end_after_the_closing_mark() {
        let text = "\"We will rebuild.\" The minister left.";
        assert_eq!(texts(text), ["\"We will rebuild.\"", "The minister left."]);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_and_on_boundaries(text in "\\PC{0,200}") {
            let spans = split(&text);
            let mut last_end = 0;
            for span in spans {
                proptest::prop_assert!(span.start >= last_end && span.start < span.end);
                proptest::prop_assert!(text.get(span.start..span.end).is_some());
                last_end = span.end;
            }
        }
    }
}
