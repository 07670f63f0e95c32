//! Pairing quotation marks within paragraphs: double marks (straight, curly, and the doubled
//! apostrophes of some archives), guillemets, and single quotes where they are speech rather
//! than apostrophes.
//!
//! Double marks form one class whose direction comes from the position: news text mixes them
//! (`“Roads are crumbling," she said`), so a curly opener may be closed by a straight mark. A
//! double mark that opens inside an open quote nests, so that `"I read: “Are you well?” to
//! them"` stays one quote.

use triangulate_model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `"`, `“`, `”` and `''`.
    Double,
    Guillemet,
    SingleCurly,
    SingleStraight,
}

/// Which way a mark may face, from its shape alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facing {
    Open,
    Close,
    Either,
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

fn shape(c: char) -> Option<(Family, Facing)> {
    match c {
        '"' => Some((Family::Double, Facing::Either)),
        '“' => Some((Family::Double, Facing::Open)),
        '”' => Some((Family::Double, Facing::Close)),
        '«' => Some((Family::Guillemet, Facing::Open)),
        '»' => Some((Family::Guillemet, Facing::Close)),
        '‘' => Some((Family::SingleCurly, Facing::Open)),
        '’' => Some((Family::SingleCurly, Facing::Close)),
        '\'' => Some((Family::SingleStraight, Facing::Either)),
        _ => None,
    }
}

fn single(family: Family) -> bool {
    matches!(family, Family::SingleCurly | Family::SingleStraight)
}

/// One mark of a paragraph: byte offset in the paragraph, its length in bytes, and the
/// characters either side of it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    family: Family,
    facing: Facing,
    prev: Option<char>,
    next: Option<char>,
}

impl Mark {
    /// At a word start, before a word.
    fn can_open(&self) -> bool {
        if self.facing == Facing::Close {
            return false;
        }
        let prev_ok = self.prev.is_none_or(|p| {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '[' | '—' | '–' | '-' | '"' | '“' | ':' | '/' | '\''
                )
        });
        match self.family {
            // An apostrophe never opens after a letter, and must be followed by a word.
            Family::SingleCurly | Family::SingleStraight => {
                prev_ok && self.next.is_some_and(|n| n.is_alphanumeric() || n == '…')
            }
            _ => prev_ok && self.next.is_some_and(|n| !n.is_whitespace()),
        }
    }

    /// After the content, not inside a word.
    fn can_close(&self) -> bool {
        if self.facing == Facing::Open {
            return false;
        }
        let after_content = self.prev.is_some_and(|p| !p.is_whitespace());
        if single(self.family) {
            // "Toqaev’s" and "countries’ ties": an apostrophe inside or after a word stays text
            // unless punctuation or the line end follows.
            return after_content && self.next.is_none_or(|n| !n.is_alphanumeric());
        }
        after_content || self.next.is_none_or(char::is_whitespace)
    }
}

/// The quotation marks of a paragraph, in order; a doubled apostrophe is one double mark.
fn marks_of(body: &str) -> Vec<Mark> {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let Some((mut family, facing)) = shape(c) else {
            k += 1;
            continue;
        };
        let mut width = 1;
        if c == '\'' && chars.get(k + 1).is_some_and(|(_, n)| *n == '\'') {
            family = Family::Double;
            width = 2;
        }
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + width).map(|(_, n)| *n);
        out.push(Mark {
            at,
            len: width * c.len_utf8(),
            family,
            facing: placed(family, facing, prev, next),
            prev,
            next,
        });
        k += width;
    }
    out
}

/// The facing of an opening curly double mark typed where a closing one belongs (`“It's
/// late,“ he said`): after a word and before a space or punctuation, it closes. (A closing mark
/// typed at a word start is left alone: it mostly stands for a dash or stray mark, not a quote.)
fn placed(family: Family, facing: Facing, prev: Option<char>, next: Option<char>) -> Facing {
    if family != Family::Double || facing != Facing::Open {
        return facing;
    }
    let after_word =
        prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | ',' | '!' | '?' | '…'));
    let before_gap =
        next.is_none_or(|n| n.is_whitespace() || matches!(n, '.' | ',' | ';' | ':' | ')'));
    if after_word && before_gap {
        Facing::Close
    } else {
        facing
    }
}

/// The family of the mark that opens a paragraph, if one does.
fn opening_family(body: &str) -> Option<Family> {
    marks_of(body)
        .first()
        .filter(|m| m.at == 0 && m.can_open())
        .map(|m| m.family)
}

/// A quote being read: its family, the byte offset of its opening mark, where its content
/// starts, whether it continues the previous paragraph, and how many marks of its family are
/// open inside it.
struct Open {
    family: Family,
    mark: usize,
    start: usize,
    continued: bool,
    nested: usize,
}

/// Quoted stretches of `text`, paragraph by paragraph (`paragraphs` in text order).
pub(super) fn scan(text: &str, paragraphs: &[Span]) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut carried: Option<Family> = None;
    for (p, para) in paragraphs.iter().enumerate() {
        let Some(body) = para.slice(text) else {
            continue;
        };
        let marks = marks_of(body);
        let mut open: Option<Open> = None;
        // A quote left open at the end of the previous paragraph resumes when this one reopens.
        let mut skip_first = false;
        if let Some(family) = carried.take().filter(|f| opening_family(body) == Some(*f)) {
            if let Some(first) = marks.first() {
                open = Some(Open {
                    family,
                    mark: para.start,
                    start: para.start + first.len,
                    continued: true,
                    nested: 0,
                });
                skip_first = true;
            }
        }
        for (k, m) in marks.iter().enumerate() {
            if skip_first && k == 0 {
                continue;
            }
            let pos = para.start + m.at;
            let Some(q) = open.as_mut() else {
                if m.can_open() {
                    open = Some(Open {
                        family: m.family,
                        mark: pos,
                        start: pos + m.len,
                        continued: false,
                        nested: 0,
                    });
                }
                continue;
            };
            if m.family != q.family {
                continue;
            }
            // A mark at a word start inside an open double quote opens a nested one; the
            // other families do not nest (an apostrophe would read as an opener).
            if q.family == Family::Double && m.can_open() {
                q.nested += 1;
                continue;
            }
            if !m.can_close() {
                continue;
            }
            if q.nested > 0 {
                q.nested -= 1;
                continue;
            }
            push(
                text,
                &mut out,
                q.start,
                pos,
                q.mark,
                pos + m.len,
                false,
                q.continued,
            );
            open = None;
        }
        if let Some(q) = open {
            let reopens = paragraphs
                .get(p + 1)
                .and_then(|next| next.slice(text))
                .is_some_and(|s| opening_family(s) == Some(q.family));
            // An unclosed single mark is most likely an apostrophe: keep only double marks.
            if reopens || !single(q.family) {
                push(
                    text,
                    &mut out,
                    q.start,
                    para.end,
                    q.mark,
                    para.end,
                    reopens,
                    q.continued,
                );
            }
            if reopens {
                carried = Some(q.family);
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
