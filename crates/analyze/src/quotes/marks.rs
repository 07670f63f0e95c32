//! Pairing quotation marks within paragraphs: straight and curly double quotes, guillemets, and
//! single quotes where they are speech rather than apostrophes.

use triangulate_model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Straight,
    Curly,
    Guillemet,
    SingleCurly,
    SingleStraight,
}

/// A quoted stretch of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marked {
    /// The content without marks, trimmed of spaces and trailing commas.
    pub content: Span,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the closing mark (or the paragraph end when unclosed).
    pub close_end: usize,
    /// The quote runs on into the next paragraph, which reopens it.
    pub runs_on: bool,
    /// The quote continues one from the previous paragraph.
    pub continued: bool,
}

fn opener(c: char) -> Option<Family> {
    match c {
        '"' => Some(Family::Straight),
        '“' => Some(Family::Curly),
        '«' => Some(Family::Guillemet),
        '‘' => Some(Family::SingleCurly),
        '\'' => Some(Family::SingleStraight),
        _ => None,
    }
}

fn closes(family: Family, c: char) -> bool {
    match family {
        Family::Straight => c == '"',
        Family::Curly => c == '”',
        Family::Guillemet => c == '»',
        Family::SingleCurly => c == '’',
        Family::SingleStraight => c == '\'',
    }
}

fn single(family: Family) -> bool {
    matches!(family, Family::SingleCurly | Family::SingleStraight)
}

/// Whether a mark at this position can open: at a word start, before a word.
fn can_open(family: Family, prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '"' | '“' | ':' | '/')
    });
    let next_ok = next.is_some_and(|n| !n.is_whitespace());
    match family {
        // An apostrophe never opens after a letter, and must be followed by a word.
        Family::SingleCurly | Family::SingleStraight => {
            prev_ok && next.is_some_and(|n| n.is_alphanumeric() || n == '…')
        }
        _ => prev_ok && next_ok,
    }
}

/// Whether a mark at this position can close: after the content, not inside a word.
fn can_close(family: Family, prev: Option<char>, next: Option<char>) -> bool {
    let after_content = prev.is_some_and(|p| !p.is_whitespace());
    if single(family) {
        // "Toqaev’s" and "countries’ ties": an apostrophe inside or after a word stays text
        // unless punctuation or the line end follows.
        return after_content && next.is_none_or(|n| !n.is_alphanumeric());
    }
    after_content || next.is_none_or(char::is_whitespace)
}

/// Quoted stretches of `text`, paragraph by paragraph (`paragraphs` in text order).
pub(super) fn scan(text: &str, paragraphs: &[Span]) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut carried: Option<Family> = None;
    for (p, para) in paragraphs.iter().enumerate() {
        let Some(body) = para.slice(text) else {
            continue;
        };
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut open: Option<(Family, usize, usize, bool)> = None;
        // A quote left open at the end of the previous paragraph resumes when this one reopens.
        let resume = carried
            .take()
            .filter(|f| chars.first().is_some_and(|(_, c)| opener(*c) == Some(*f)));
        let mut skip_first = false;
        if let (Some(f), Some((_, c))) = (resume, chars.first()) {
            open = Some((f, para.start, para.start + c.len_utf8(), true));
            skip_first = true;
        }
        for (k, &(at, c)) in chars.iter().enumerate() {
            if skip_first && k == 0 {
                continue;
            }
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|(_, n)| *n);
            let pos = para.start + at;
            match open {
                Some((family, mark, start, continued)) => {
                    if closes(family, c) && can_close(family, prev, next) {
                        push(
                            text,
                            &mut out,
                            start,
                            pos,
                            mark,
                            pos + c.len_utf8(),
                            false,
                            continued,
                        );
                        open = None;
                    }
                }
                None => {
                    if let Some(family) = opener(c) {
                        if can_open(family, prev, next) {
                            open = Some((family, pos, pos + c.len_utf8(), false));
                        }
                    }
                }
            }
        }
        if let Some((family, mark, start, continued)) = open {
            let reopens = paragraphs.get(p + 1).is_some_and(|next| {
                next.slice(text)
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| opener(c) == Some(family))
            });
            // An unclosed single mark is most likely an apostrophe: keep only double marks.
            if reopens || !single(family) {
                push(
                    text, &mut out, start, para.end, mark, para.end, reopens, continued,
                );
            }
            if reopens {
                carried = Some(family);
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    text: &str,
    out: &mut Vec<Marked>,
    start: usize,
    end: usize,
    open: usize,
    close_end: usize,
    runs_on: bool,
    continued: bool,
) {
    let Some(raw) = text.get(start..end) else {
        return;
    };
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim().trim_end_matches(',').trim_end();
    if trimmed.is_empty() || !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    let content = Span::new(start + lead, start + lead + trimmed.len());
    out.push(Marked {
        content,
        open,
        close_end,
        runs_on,
        continued,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        let paras = super::super::paragraphs(text);
        scan(text, &paras)
            .iter()
            .map(|m| &text[m.content.start..m.content.end])
            .collect()
    }

    #[test]
    fn pairs_every_kind_of_mark() {
        assert_eq!(
            contents("He said \"we won\" and “they lost,” and «maybe» so."),
            ["we won", "they lost", "maybe"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text = "Brel’s plan and the towns’ budget won 'a clear vote,' he said. It's fine.";
        assert_eq!(contents(text), ["a clear vote"]);
        assert_eq!(
            contents("‘Ferries will run,’ Brel said of Ostria’s ports."),
            ["Ferries will run"]
        );
    }

    #[test]
    fn quotes_run_on_across_paragraphs() {
        let text = "“The dam holds.\n\n“It will hold next year too,” Brel said.";
        let paras = super::super::paragraphs(text);
        let marked = scan(text, &paras);
        assert_eq!(marked.len(), 2);
        assert!(marked[0].runs_on && marked[1].continued);
        assert_eq!(
            &text[marked[0].content.start..marked[0].content.end],
            "The dam holds."
        );
    }

    #[test]
    fn nested_marks_of_another_kind_stay_inside() {
        assert_eq!(
            contents("\"I read: “Are you well?” to them,\" Brel said."),
            ["I read: “Are you well?” to them"]
        );
    }
}
