//! The briefing as Markdown: one `##` section per story, lists for facts and quotes, tables for
//! sources, timeline, entities and framing.

use std::io::{self, Write};

use triangulate_model::{Coverage, Report, Story};

use crate::view::{self, StoryView};

pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Triangulate report")?;
    writeln!(out)?;
    writeln!(out, "{}", count(report.stories.len(), "story", "stories"))?;
    for story in &report.stories {
        writeln!(out)?;
        story_section(story, out)?;
    }
    if !report.skipped.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Skipped inputs")?;
        writeln!(out)?;
        for problem in &report.skipped {
            writeln!(
                out,
                "- {}: {}",
                inline(&problem.item),
                inline(&problem.error)
            )?;
        }
    }
    Ok(())
}

fn story_section(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    let view = StoryView::new(story);
    writeln!(out, "## {}", inline(&story.title))?;
    writeln!(out)?;
    writeln!(out, "{}", count(story.sources.len(), "source", "sources"))?;

    sources(&view, out)?;
    facts(&view, out)?;
    quotes(&view, out)?;
    timeline(&view, out)?;
    entities(&view, out)?;
    framing(&view, out)
}

fn heading(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "### {text}")?;
    writeln!(out)
}

fn none(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "None found.")
}

fn sources(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Sources")?;
    if view.story.sources.is_empty() {
        return none(out);
    }
    writeln!(out, "| # | Outlet | Title | Published | Notes |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for (i, source) in view.story.sources.iter().enumerate() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            inline(view.outlet(&source.doc)),
            inline(source.title.as_deref().unwrap_or("untitled")),
            inline(&view::published(source)),
            inline(&view::source_notes(view, source).join("; ")),
        )?;
    }
    if !view.story.duplicates.is_empty() {
        writeln!(out)?;
        writeln!(out, "Copies of one text:")?;
        writeln!(out)?;
        for group in &view.story.duplicates {
            for (i, copy) in group.copies.iter().enumerate() {
                let similarity = group
                    .similarity
                    .get(i)
                    .map(|s| format!(" (similarity {s:.2})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "- {} copies {}{similarity}",
                    inline(view.outlet(copy)),
                    inline(view.outlet(&group.original)),
                )?;
            }
        }
    }
    Ok(())
}

fn facts(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "What all sources agree on")?;
    let mut any = false;
    for fact in view.facts(Coverage::All) {
        any = true;
        writeln!(out, "- {}", inline(&fact.text))?;
        for (outlet, text) in view.variants(fact) {
            writeln!(out, "  - *{}:* {}", inline(outlet), inline(text))?;
        }
    }
    if !any {
        none(out)?;
    }

    heading(out, "Reported by some sources")?;
    let mut any = false;
    for fact in view.facts(Coverage::Some) {
        any = true;
        writeln!(
            out,
            "- {} — {}",
            inline(&fact.text),
            inline(&view::coverage_line(view, fact))
        )?;
    }
    if !any {
        none(out)?;
    }

    heading(out, "Reported by one source only")?;
    let mut any = false;
    for fact in view.facts(Coverage::One) {
        any = true;
        writeln!(
            out,
            "- {}: {}",
            inline(&view::only_line(view, fact)),
            inline(&fact.text)
        )?;
    }
    if !any {
        none(out)?;
    }

    heading(out, "Conflicts")?;
    let mut any = false;
    for fact in view.conflicts() {
        any = true;
        writeln!(out, "- {}", inline(&fact.text))?;
        for conflict in &fact.conflicts {
            writeln!(out, "  - {}", inline(conflict))?;
        }
    }
    if !any {
        none(out)?;
    }
    Ok(())
}

fn quotes(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Who said what")?;
    let unaligned = view.unaligned_quotes();
    if view.story.utterances.is_empty() && unaligned.is_empty() {
        return none(out);
    }
    for utterance in &view.story.utterances {
        let speaker = view.speaker(
            utterance.speaker_name.as_deref(),
            utterance.speaker.as_deref(),
        );
        writeln!(out, "#### {}", inline(&speaker))?;
        writeln!(out)?;
        for rendering in &utterance.renderings {
            let role = if rendering.quote == utterance.reference {
                " (reference)".to_string()
            } else {
                format!(", {}", view::similarity(rendering))
            };
            writeln!(
                out,
                "- **{}** — {}{role}: “{}”",
                inline(&view::fidelity(rendering)),
                inline(view.outlet(&rendering.doc)),
                inline(&rendering.text),
            )?;
        }
        writeln!(out)?;
    }
    if !unaligned.is_empty() {
        writeln!(out, "#### Not matched across sources")?;
        writeln!(out)?;
        for quote in unaligned {
            let speaker = view.speaker(quote.speaker_name.as_deref(), quote.speaker.as_deref());
            writeln!(
                out,
                "- **{}** in {} ({}): “{}”",
                inline(&speaker),
                inline(view.outlet(&quote.doc)),
                view::quote_kind(quote.kind),
                inline(&quote.text),
            )?;
        }
    }
    Ok(())
}

fn timeline(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Timeline")?;
    if view.story.timeline.is_empty() {
        return none(out);
    }
    writeln!(out, "| Date | What happened | Reported by |")?;
    writeln!(out, "| --- | --- | --- |")?;
    for entry in &view.story.timeline {
        writeln!(
            out,
            "| {} | {} | {} |",
            inline(&entry.date),
            inline(&entry.text),
            inline(&view.outlets(&entry.docs).join(", ")),
        )?;
    }
    Ok(())
}

fn entities(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "People and organisations")?;
    if view.story.entities.is_empty() {
        return none(out);
    }
    writeln!(out, "| Name | Kind | Roles | Spellings |")?;
    writeln!(out, "| --- | --- | --- | --- |")?;
    for entity in &view.story.entities {
        let spellings: Vec<String> = entity
            .aliases
            .iter()
            .map(|alias| format!("{}: {}", alias.text, view::alias_usage(view, alias)))
            .collect();
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            inline(&entity.name),
            view::entity_kind(entity.kind),
            inline(&entity.roles.join(", ")),
            inline(&spellings.join("; ")),
        )?;
    }
    Ok(())
}

fn framing(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Framing")?;
    let groups = view.framing();
    if groups.is_empty() {
        return none(out);
    }
    writeln!(out, "| About | Outlet | Labels | In context |")?;
    writeln!(out, "| --- | --- | --- | --- |")?;
    for group in &groups {
        for row in &group.rows {
            let labels: Vec<&str> = row.labels.iter().map(|l| l.label.as_str()).collect();
            let sentences: Vec<String> = row
                .sentences()
                .into_iter()
                .map(|s| format!("“{s}”"))
                .collect();
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                inline(&group.target),
                inline(&row.outlet),
                inline(&labels.join(", ")),
                inline(&sentences.join(" ")),
            )?;
        }
    }
    Ok(())
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}.")
    } else {
        format!("{n} {many}.")
    }
}

/// Text made safe for one line of Markdown: markup characters escaped, raw HTML defused, line
/// breaks folded so that a table row or list item stays whole.
fn inline(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                escaped.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            _ => escaped.push(c),
        }
    }
    escaped.trim().to_string()
}
