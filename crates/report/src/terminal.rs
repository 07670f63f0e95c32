//! The briefing as plain text for a terminal: wrapped to the width, hanging indents instead of
//! tables, ANSI colour only when asked.

use std::io::{self, Write};

use triangulate_model::{Coverage, Fidelity, Report, Story};

use crate::view::{self, StoryView};
use crate::RenderOptions;

pub(crate) const DEFAULT_WIDTH: usize = 100;

/// Narrower than this and the hanging indents leave no room for words.
const MIN_WIDTH: usize = 40;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Title,
    Heading,
    Dim,
    Good,
    Warn,
    Bad,
}

impl Style {
    fn ansi(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Title => "\x1b[1;4m",
            Style::Heading => "\x1b[1;36m",
            Style::Dim => "\x1b[2m",
            Style::Good => "\x1b[32m",
            Style::Warn => "\x1b[33m",
            Style::Bad => "\x1b[31m",
        }
    }
}

struct Printer<'w> {
    out: &'w mut dyn Write,
    width: usize,
    color: bool,
}

impl Printer<'_> {
    fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// Writes `text` wrapped to the width: the first line starts with `first`, the following
    /// ones are indented by `indent` spaces.
    fn para(&mut self, style: Style, first: &str, indent: usize, text: &str) -> io::Result<()> {
        let first_room = self.width.saturating_sub(first.chars().count()).max(10);
        let rest_room = self.width.saturating_sub(indent).max(10);
        let lines = wrap(text, first_room, rest_room);
        let pad = " ".repeat(indent);
        for (i, line) in lines.iter().enumerate() {
            let prefix = if i == 0 { first } else { pad.as_str() };
            if self.color && style != Style::Plain {
                writeln!(self.out, "{prefix}{}{line}\x1b[0m", style.ansi())?;
            } else {
                writeln!(self.out, "{prefix}{line}")?;
            }
        }
        Ok(())
    }

    fn heading(&mut self, text: &str) -> io::Result<()> {
        self.blank()?;
        self.para(Style::Heading, "", 0, &text.to_uppercase())
    }

    fn none(&mut self) -> io::Result<()> {
        self.para(Style::Dim, "  ", 2, "none found")
    }
}

pub(crate) fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut printer = Printer {
        out,
        width: options.width.max(MIN_WIDTH),
        color: options.color,
    };
    let rule = "=".repeat(printer.width);
    for (i, story) in report.stories.iter().enumerate() {
        if i > 0 {
            printer.blank()?;
        }
        printer.para(Style::Dim, "", 0, &rule)?;
        story_section(&mut printer, story)?;
    }
    if report.stories.is_empty() {
        printer.para(Style::Dim, "", 0, "no stories")?;
    }
    if !report.skipped.is_empty() {
        printer.heading("Skipped inputs")?;
        for problem in &report.skipped {
            let text = format!("{}: {}", problem.item, problem.error);
            printer.para(Style::Warn, "  - ", 4, &text)?;
        }
    }
    Ok(())
}

fn story_section(p: &mut Printer<'_>, story: &Story) -> io::Result<()> {
    let view = StoryView::new(story);
    p.para(Style::Title, "", 0, &story.title)?;
    let sources = match story.sources.len() {
        1 => "1 source".to_string(),
        n => format!("{n} sources"),
    };
    p.para(Style::Dim, "", 0, &sources)?;

    sources_section(p, &view)?;
    facts(p, &view)?;
    quotes(p, &view)?;
    timeline(p, &view)?;
    entities(p, &view)?;
    framing(p, &view)
}

fn sources_section(p: &mut Printer<'_>, view: &StoryView<'_>) -> io::Result<()> {
    p.heading("Sources")?;
    if view.story.sources.is_empty() {
        return p.none();
    }
    for (i, source) in view.story.sources.iter().enumerate() {
        let number = format!("  {}. ", i + 1);
        let indent = number.chars().count();
        let mut line = format!("{} — {}", view.outlet(&source.doc), view::published(source));
        for note in view::source_notes(view, source) {
            line.push_str(" — ");
            line.push_str(&note);
        }
        p.para(Style::Plain, &number, indent, &line)?;
        if let Some(title) = &source.title {
            p.para(Style::Dim, &" ".repeat(indent), indent, title)?;
        }
    }
    for group in &view.story.duplicates {
        for (i, copy) in group.copies.iter().enumerate() {
            let mut line = format!(
                "{} copies {}",
                view.outlet(copy),
                view.outlet(&group.original)
            );
            if let Some(similarity) = group.similarity.get(i) {
                line.push_str(&format!(" (similarity {similarity:.2})"));
            }
            p.para(Style::Dim, "  = ", 4, &line)?;
        }
    }
    Ok(())
}

fn facts(p: &mut Printer<'_>, view: &StoryView<'_>) -> io::Result<()> {
    p.heading("What all sources agree on")?;
    let mut any = false;
    for fact in view.facts(Coverage::All) {
        any = true;
        p.para(Style::Plain, "  - ", 4, &fact.text)?;
        for (outlet, text) in view.variants(fact) {
            p.para(Style::Dim, "      ", 6, &format!("{outlet}: {text}"))?;
        }
    }
    if !any {
        p.none()?;
    }

    p.heading("Reported by some sources")?;
    let mut any = false;
    for fact in view.facts(Coverage::Some) {
        any = true;
        p.para(Style::Plain, "  - ", 4, &fact.text)?;
        p.para(Style::Dim, "    ", 4, &view::coverage_line(view, fact))?;
    }
    if !any {
        p.none()?;
    }

    p.heading("Reported by one source only")?;
    let mut any = false;
    for fact in view.facts(Coverage::One) {
        any = true;
        let line = format!("{}: {}", view::only_line(view, fact), fact.text);
        p.para(Style::Plain, "  - ", 4, &line)?;
    }
    if !any {
        p.none()?;
    }

    p.heading("Conflicts")?;
    let mut any = false;
    for fact in view.conflicts() {
        any = true;
        p.para(Style::Plain, "  - ", 4, &fact.text)?;
        for conflict in &fact.conflicts {
            p.para(Style::Bad, "    ! ", 6, conflict)?;
        }
    }
    if !any {
        p.none()?;
    }
    Ok(())
}

fn quotes(p: &mut Printer<'_>, view: &StoryView<'_>) -> io::Result<()> {
    p.heading("Who said what")?;
    let unaligned = view.unaligned_quotes();
    if view.story.utterances.is_empty() && unaligned.is_empty() {
        return p.none();
    }
    for utterance in &view.story.utterances {
        let speaker = view.speaker(
            utterance.speaker_name.as_deref(),
            utterance.speaker.as_deref(),
        );
        p.para(Style::Plain, "  ", 2, &speaker)?;
        for rendering in &utterance.renderings {
            let style = match rendering.fidelity {
                Fidelity::Verbatim => Style::Good,
                Fidelity::Shortened => Style::Warn,
                Fidelity::Reworded | Fidelity::Translated => Style::Bad,
            };
            let how = if rendering.quote == utterance.reference {
                format!("{}, reference", view::fidelity(rendering))
            } else {
                format!(
                    "{}, {}",
                    view::fidelity(rendering),
                    view::similarity(rendering)
                )
            };
            let line = format!("{} [{how}]", view.outlet(&rendering.doc));
            p.para(style, "    - ", 6, &line)?;
            p.para(
                Style::Plain,
                "      ",
                7,
                &format!("\u{201c}{}\u{201d}", rendering.text),
            )?;
        }
    }
    if !unaligned.is_empty() {
        p.para(Style::Plain, "  ", 2, "Not matched across sources")?;
        for quote in unaligned {
            let speaker = view.speaker(quote.speaker_name.as_deref(), quote.speaker.as_deref());
            let line = format!(
                "{speaker} in {} [{}]",
                view.outlet(&quote.doc),
                view::quote_kind(quote.kind)
            );
            p.para(Style::Plain, "    - ", 6, &line)?;
            p.para(
                Style::Plain,
                "      ",
                7,
                &format!("\u{201c}{}\u{201d}", quote.text),
            )?;
        }
    }
    Ok(())
}

fn timeline(p: &mut Printer<'_>, view: &StoryView<'_>) -> io::Result<()> {
    p.heading("Timeline")?;
    if view.story.timeline.is_empty() {
        return p.none();
    }
    // Dates are at most `YYYY-MM-DDTHH:MM` long; a fixed column keeps the texts aligned.
    const DATE_COLUMN: usize = 12;
    for entry in &view.story.timeline {
        let first = format!("  {:<width$} ", entry.date, width = DATE_COLUMN);
        let indent = first.chars().count();
        p.para(Style::Plain, &first, indent, &entry.text)?;
        let outlets = view.outlets(&entry.docs).join(", ");
        if !outlets.is_empty() {
            p.para(Style::Dim, &" ".repeat(indent), indent, &outlets)?;
        }
    }
    Ok(())
}

fn entities(p: &mut Printer<'_>, view: &StoryView<'_>) -> io::Result<()> {
    p.heading("People and organisations")?;
    if view.story.entities.is_empty() {
        return p.none();
    }
    for entity in &view.story.entities {
        let mut line = format!("{} ({}", entity.name, view::entity_kind(entity.kind));
        if !entity.roles.is_empty() {
            line.push_str("; ");
            line.push_str(&entity.roles.join(", "));
        }
        line.push(')');
        p.para(Style::Plain, "  - ", 4, &line)?;
        for alias in &entity.aliases {
            let spelling = format!("{}: {}", alias.text, view::alias_usage(view, alias));
            p.para(Style::Dim, "      ", 6, &spelling)?;
        }
    }
    Ok(())
}

fn framing(p: &mut Printer<'_>, view: &StoryView<'_>) -> io::Result<()> {
    p.heading("Framing")?;
    let groups = view.framing();
    if groups.is_empty() {
        return p.none();
    }
    for group in &groups {
        p.para(Style::Plain, "  ", 2, &group.target)?;
        for row in &group.rows {
            let labels: Vec<&str> = row.labels.iter().map(|l| l.label.as_str()).collect();
            let line = format!("{}: {}", row.outlet, labels.join(", "));
            p.para(Style::Warn, "    - ", 6, &line)?;
            for sentence in row.sentences() {
                let sentence = format!("\u{201c}{sentence}\u{201d}");
                p.para(Style::Dim, "      ", 6, &sentence)?;
            }
        }
    }
    Ok(())
}

/// Greedy word wrap by characters. Words longer than a line (URLs) are cut, so no line is wider
/// than its room; whitespace, line breaks included, is folded to single spaces.
fn wrap(text: &str, first_room: usize, rest_room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let room = |lines: &Vec<String>| {
        if lines.is_empty() {
            first_room
        } else {
            rest_room
        }
    };
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let available = room(&lines);
            let gap = usize::from(used > 0);
            if used + gap + word.len() <= available {
                if gap == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                used += gap + word.len();
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
                continue;
            }
            // An empty line and still too long: cut the word.
            let rest = word.split_off(available.min(word.len()));
            line.extend(word.iter());
            lines.push(std::mem::take(&mut line));
            word = rest;
            if word.is_empty() {
                break;
            }
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_keeps_every_line_inside_its_room() {
        let text =
            "Cranes stood idle along the eastern quay while negotiators met behind closed doors";
        let lines = wrap(text, 20, 30);
        assert!(lines[0].chars().count() <= 20);
        assert!(lines[1..].iter().all(|l| l.chars().count() <= 30));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wrap_cuts_words_longer_than_a_line() {
        let lines = wrap(
            "see https://harbour.example/a/very/long/path/indeed",
            12,
            12,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "seehttps://harbour.example/a/very/long/path/indeed"
        );
    }

    #[test]
    fn wrap_of_empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 10, 10), vec![String::new()]);
    }
}
