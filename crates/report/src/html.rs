//! The briefing as one self-contained HTML page: inline CSS, no scripts, no external assets, so
//! it can be mailed or archived as a single file. Adds a coverage matrix (facts × sources) and a
//! framing table (target × outlet) that plain text cannot show well.

use std::io::{self, Write};

use triangulate_model::{Coverage, Fidelity, Report, Story};

use crate::view::{self, StoryView};

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.45;
  color: #1d1d1f; background: #fafafa; margin: 0; padding: 1.5rem; }
main { max-width: 72rem; margin: 0 auto; }
section.story { background: #fff; border: 1px solid #ddd; border-radius: 6px;
  padding: 1rem 1.5rem; margin-bottom: 2rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.35rem; margin-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; border-bottom: 1px solid #eee; }
h4 { font-size: .95rem; margin: .8rem 0 .3rem; }
.meta, .dim, .none { color: #666; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.tick { text-align: center; color: #1a7f37; font-weight: bold; }
blockquote { margin: .2rem 0 .6rem 1rem; padding-left: .6rem; border-left: 3px solid #ccc; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; }
.verbatim { background: #dcf5e3; } .shortened { background: #fff1c2; }
.reworded, .translated { background: #fde0dc; }
.conflict { color: #b42318; }
.ctx { color: #555; font-size: .85rem; display: block; }
";

pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    let title = match report.stories.as_slice() {
        [only] => only.title.as_str(),
        _ => "Triangulate report",
    };
    writeln!(out, "<title>{}</title>", escape(title))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<main>")?;
    writeln!(out, "<h1>Triangulate report</h1>")?;
    writeln!(
        out,
        "<p class=\"meta\">{}</p>",
        plural(report.stories.len(), "story", "stories")
    )?;
    for story in &report.stories {
        story_section(story, out)?;
    }
    if !report.skipped.is_empty() {
        writeln!(out, "<section>")?;
        writeln!(out, "<h2>Skipped inputs</h2>")?;
        writeln!(out, "<ul>")?;
        for problem in &report.skipped {
            writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape(&problem.item),
                escape(&problem.error)
            )?;
        }
        writeln!(out, "</ul>")?;
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn story_section(story: &Story, out: &mut dyn Write) -> io::Result<()> {
    let view = StoryView::new(story);
    writeln!(
        out,
        "<section class=\"story\" id=\"{}\">",
        escape(&story.id)
    )?;
    writeln!(out, "<h2>{}</h2>", escape(&story.title))?;
    writeln!(
        out,
        "<p class=\"meta\">{}</p>",
        plural(story.sources.len(), "source", "sources")
    )?;
    // The agreed core and the omissions first, then who said what and when; the full matrix,
    // the framing table and the entity list are for the reader who digs.
    sources(&view, out)?;
    facts(&view, out)?;
    quotes(&view, out)?;
    timeline(&view, out)?;
    coverage_matrix(&view, out)?;
    framing(&view, out)?;
    entities(&view, out)?;
    writeln!(out, "</section>")
}

fn none(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<p class=\"none\">None found.</p>")
}

fn sources(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3>Sources</h3>")?;
    if view.story.sources.is_empty() {
        return none(out);
    }
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<tr><th>#</th><th>Outlet</th><th>Title</th><th>Published</th><th>Notes</th></tr>"
    )?;
    for (i, source) in view.story.sources.iter().enumerate() {
        let title = escape(source.title.as_deref().unwrap_or("untitled"));
        // Only web addresses become links: a `javascript:` URL from a page must stay text.
        let title = match source.url.as_deref() {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                format!("<a href=\"{}\">{title}</a>", escape(url))
            }
            _ => title,
        };
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{title}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            escape(view.outlet(&source.doc)),
            escape(&view::published(source)),
            escape(&view::source_notes(view, source).join("; ")),
        )?;
    }
    writeln!(out, "</table>")?;
    if !view.story.duplicates.is_empty() {
        writeln!(out, "<p>Copies of one text:</p>")?;
        writeln!(out, "<ul>")?;
        for group in &view.story.duplicates {
            for (i, copy) in group.copies.iter().enumerate() {
                let similarity = group
                    .similarity
                    .get(i)
                    .map(|s| format!(" (similarity {s:.2})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "<li>{} copies {}{similarity}</li>",
                    escape(view.outlet(copy)),
                    escape(view.outlet(&group.original)),
                )?;
            }
        }
        writeln!(out, "</ul>")?;
    }
    Ok(())
}

fn coverage_matrix(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3>Coverage</h3>")?;
    if view.story.facts.is_empty() {
        return none(out);
    }
    writeln!(out, "<table class=\"coverage\">")?;
    write!(out, "<tr><th>Fact</th>")?;
    for source in &view.story.sources {
        write!(out, "<th>{}</th>", escape(view.outlet(&source.doc)))?;
    }
    writeln!(out, "</tr>")?;
    for fact in &view.story.facts {
        write!(out, "<tr><td>{}</td>", escape(&fact.text))?;
        for source in &view.story.sources {
            if fact.docs.contains(&source.doc) {
                write!(out, "<td class=\"tick\">✓</td>")?;
            } else {
                write!(out, "<td></td>")?;
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}

fn facts(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3>What all sources agree on</h3>")?;
    let all: Vec<_> = view.facts(Coverage::All).collect();
    if all.is_empty() {
        none(out)?;
    } else {
        writeln!(out, "<ul>")?;
        for fact in all {
            write!(out, "<li>{}", escape(&fact.text))?;
            for (outlet, text) in view.variants(fact) {
                write!(
                    out,
                    "<span class=\"ctx\">{}: {}</span>",
                    escape(outlet),
                    escape(text)
                )?;
            }
            writeln!(out, "</li>")?;
        }
        writeln!(out, "</ul>")?;
    }

    writeln!(out, "<h3>Reported by some sources</h3>")?;
    let some: Vec<_> = view.facts(Coverage::Some).collect();
    if some.is_empty() {
        none(out)?;
    } else {
        writeln!(out, "<ul>")?;
        for fact in some {
            writeln!(
                out,
                "<li>{} <span class=\"dim\">— {}</span></li>",
                escape(&fact.text),
                escape(&view::coverage_line(view, fact))
            )?;
        }
        writeln!(out, "</ul>")?;
    }

    writeln!(out, "<h3>Reported by one source only</h3>")?;
    let one: Vec<_> = view.facts(Coverage::One).collect();
    if one.is_empty() {
        none(out)?;
    } else {
        writeln!(out, "<ul>")?;
        for fact in one {
            writeln!(
                out,
                "<li><strong>{}:</strong> {}</li>",
                escape(&view::only_line(view, fact)),
                escape(&fact.text)
            )?;
        }
        writeln!(out, "</ul>")?;
    }

    writeln!(out, "<h3>Conflicts</h3>")?;
    let conflicts: Vec<_> = view.conflicts().collect();
    if conflicts.is_empty() {
        return none(out);
    }
    writeln!(out, "<ul>")?;
    for fact in conflicts {
        writeln!(out, "<li>{}<ul>", escape(&fact.text))?;
        for conflict in &fact.conflicts {
            writeln!(out, "<li class=\"conflict\">{}</li>", escape(conflict))?;
        }
        writeln!(out, "</ul></li>")?;
    }
    writeln!(out, "</ul>")
}

fn quotes(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3>Who said what</h3>")?;
    let unaligned = view.unaligned_quotes();
    if view.story.utterances.is_empty() && unaligned.is_empty() {
        return none(out);
    }
    for utterance in &view.story.utterances {
        let speaker = view.speaker(
            utterance.speaker_name.as_deref(),
            utterance.speaker.as_deref(),
        );
        writeln!(out, "<h4>{}</h4>", escape(&speaker))?;
        for rendering in &utterance.renderings {
            let class = match rendering.fidelity {
                Fidelity::Verbatim => "verbatim",
                Fidelity::Shortened => "shortened",
                Fidelity::Reworded => "reworded",
                Fidelity::Translated => "translated",
            };
            let how = if rendering.quote == utterance.reference {
                "reference".to_string()
            } else {
                view::similarity(rendering)
            };
            writeln!(
                out,
                "<p>{} <span class=\"tag {class}\">{}</span> <span class=\"dim\">{}</span></p>",
                escape(view.outlet(&rendering.doc)),
                escape(&view::fidelity(rendering)),
                escape(&how),
            )?;
            writeln!(out, "<blockquote>{}</blockquote>", escape(&rendering.text))?;
        }
    }
    if !unaligned.is_empty() {
        writeln!(out, "<h4>Not matched across sources</h4>")?;
        for quote in unaligned {
            let speaker = view.speaker(quote.speaker_name.as_deref(), quote.speaker.as_deref());
            writeln!(
                out,
                "<p><strong>{}</strong> in {} <span class=\"dim\">({})</span></p>",
                escape(&speaker),
                escape(view.outlet(&quote.doc)),
                view::quote_kind(quote.kind),
            )?;
            writeln!(out, "<blockquote>{}</blockquote>", escape(&quote.text))?;
        }
    }
    Ok(())
}

fn timeline(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3>Timeline</h3>")?;
    if view.story.timeline.is_empty() {
        return none(out);
    }
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<tr><th>Date</th><th>What happened</th><th>Reported by</th></tr>"
    )?;
    for entry in &view.story.timeline {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&entry.date),
            escape(&entry.text),
            escape(&view.outlets(&entry.docs).join(", ")),
        )?;
    }
    writeln!(out, "</table>")
}

fn entities(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3>People and organisations</h3>")?;
    if view.story.entities.is_empty() {
        return none(out);
    }
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<tr><th>Name</th><th>Kind</th><th>Roles</th><th>Spellings</th></tr>"
    )?;
    for entity in &view.story.entities {
        let spellings: Vec<String> = entity
            .aliases
            .iter()
            .map(|alias| {
                format!(
                    "{} <span class=\"dim\">({})</span>",
                    escape(&alias.text),
                    escape(&view::alias_usage(view, alias))
                )
            })
            .collect();
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&entity.name),
            view::entity_kind(entity.kind),
            escape(&entity.roles.join(", ")),
            spellings.join("<br>"),
        )?;
    }
    writeln!(out, "</table>")
}

fn framing(view: &StoryView<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<h3>Framing</h3>")?;
    let groups = view.framing();
    if groups.is_empty() {
        return none(out);
    }
    let outlets = view.framing_outlets(&groups);
    writeln!(out, "<table class=\"framing\">")?;
    write!(out, "<tr><th>About</th>")?;
    for outlet in &outlets {
        write!(out, "<th>{}</th>", escape(outlet))?;
    }
    writeln!(out, "</tr>")?;
    for group in &groups {
        write!(out, "<tr><td>{}</td>", escape(&group.target))?;
        for outlet in &outlets {
            write!(out, "<td>")?;
            if let Some(row) = group.rows.iter().find(|row| &row.outlet == outlet) {
                for label in &row.labels {
                    write!(
                        out,
                        "<strong>{}</strong><span class=\"ctx\">“{}”</span>",
                        escape(&label.label),
                        escape(&label.sentence)
                    )?;
                }
            }
            write!(out, "</td>")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_defuses_markup_and_attribute_quotes() {
        assert_eq!(
            escape(r#"<a href="x" onclick='y'>Tom & Jerry</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
    }
}
