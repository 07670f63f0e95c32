//! How the story report scales with its number of sources.
//!
//! Protocol. The articles of a corpus (the demo corpus, say) are extracted and analysed once,
//! then expanded into `sources` reports of one event by controlled mutation: report `k` is
//! article `k mod m` under its own id and outlet, with one paragraph left out in rotation (paragraph
//! `(k / m) mod p` of its `p` paragraphs, when it has four or more), so that no two reports are
//! the same text and the duplicate finder, the fact aligner and the quote aligner see the spread
//! of overlaps a large story has. Every report is re-extracted and re-analysed from its mutated
//! text. The story of all of them is then built (entity resolution, quote and fact alignment,
//! timeline, framing) and rendered in every format; each step is timed three times and the
//! median is printed. `reports_per_s` is one second over the median time from analysed articles
//! to all four renderings, so a value of at least 1 means the report of that many sources is ready
//! within a second.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use triangulate_link::Analysed;
use triangulate_model::{Body, DocId, RawDocument, Report};
use triangulate_report::Format;

use crate::{EvalError, Figures};

/// Timed repetitions of each step; the median is reported.
const RUNS: usize = 3;

/// Builds and renders a story of `sources` reports expanded from the articles at `corpus`.
pub fn run(corpus: &Path, sources: usize, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let ingested = triangulate_ingest::read_paths(&[corpus.to_path_buf()], &Default::default());
    let base: Vec<_> = ingested
        .documents
        .iter()
        .filter_map(|raw| triangulate_extract::extract(raw).ok())
        .filter(|a| !a.text.trim().is_empty())
        .collect();
    if base.is_empty() {
        return Err(EvalError::parse(corpus, "no article could be extracted"));
    }
    let sources = sources.max(1);
    let docs: Vec<Analysed> = (0..sources)
        .filter_map(|k| {
            let article = &base[k % base.len()];
            let raw = RawDocument {
                id: DocId(format!("s{k:04}")),
                origin: format!("{} (variant {k})", article.origin),
                url: None,
                outlet: Some(format!("Outlet {k}")),
                published: article.published.as_ref().map(|d| d.value.clone()),
                title: article.title.clone(),
                body: Body::Text(mutate(&article.text, k / base.len())),
            };
            let article = triangulate_extract::extract(&raw).ok()?;
            let analysis = triangulate_analyze::analyze(&article);
            Some(Analysed { article, analysis })
        })
        .collect();

    let mut build_times = Vec::new();
    let mut story = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        story = Some(triangulate_link::story_of(&docs, None));
        build_times.push(start.elapsed());
    }
    let Some(story) = story else {
        return Err(EvalError::parse(corpus, "no story was built"));
    };
    let (facts, quotes) = (story.facts.len(), story.quotes.len());
    let report = Report {
        schema: triangulate_link::schema().to_string(),
        stories: vec![story],
        skipped: Vec::new(),
    };
    let mut render_times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        bytes.clear();
        for format in [
            Format::Terminal,
            Format::Markdown,
            Format::Html,
            Format::Json,
        ] {
            let mut buffer = Vec::new();
            triangulate_report::render(&report, format, &mut buffer)?;
            bytes.push((format, buffer.len()));
        }
        render_times.push(start.elapsed());
    }

    let build = median(&mut build_times);
    let render = median(&mut render_times);
    let total = build + render;
    writeln!(
        out,
        "story of {} sources expanded from {} articles: {facts} facts, {quotes} quotes",
        docs.len(),
        base.len()
    )?;
    writeln!(
        out,
        "build (resolution, alignment, timeline, framing): {:.1} ms",
        ms(build)
    )?;
    let sizes: Vec<String> = bytes
        .iter()
        .map(|(f, n)| format!("{f} {} KB", n / 1024))
        .collect();
    writeln!(
        out,
        "render, all four formats: {:.1} ms ({})",
        ms(render),
        sizes.join(", ")
    )?;
    writeln!(out, "total: {:.1} ms (median of {RUNS})", ms(total))?;

    let mut figures = Figures::default();
    figures.push("sources", docs.len() as f64);
    figures.push("build_ms", ms(build));
    figures.push("render_ms", ms(render));
    figures.push("total_ms", ms(total));
    figures.push("reports_per_s", 1.0 / total.as_secs_f64().max(1e-9));
    Ok(figures)
}

/// The text of an article with one paragraph left out, chosen by `round`, when it has four or
/// more paragraphs; shorter texts stay whole.
fn mutate(text: &str, round: usize) -> String {
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    if paragraphs.len() < 4 {
        return text.to_string();
    }
    // The first paragraph (headline or lead) always stays, so the reports keep their topic.
    let dropped = 1 + round % (paragraphs.len() - 1);
    paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != dropped)
        .map(|(_, p)| *p)
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutation_drops_one_inner_paragraph_in_rotation() {
        let text = "Lead.\n\nTwo.\n\nThree.\n\nFour.";
        assert_eq!(mutate(text, 0), "Lead.\n\nThree.\n\nFour.");
        assert_eq!(mutate(text, 1), "Lead.\n\nTwo.\n\nFour.");
        assert_eq!(mutate(text, 3), mutate(text, 0));
        assert_eq!(mutate("Lead.\n\nTwo.", 0), "Lead.\n\nTwo.");
    }

    #[test]
    fn a_story_of_many_sources_is_built_and_rendered() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo");
        let mut out = Vec::new();
        let figures = run(&dir, 12, &mut out).expect("the demo corpus runs");
        assert_eq!(figures.value("sources"), Some(12.0));
        assert!(figures.value("reports_per_s").is_some_and(|v| v > 0.0));
        let printed = String::from_utf8(out).unwrap_or_default();
        assert!(printed.contains("story of 12 sources"), "{printed}");
    }
}
