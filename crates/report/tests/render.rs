//! Renders one hand-made report (invented ferry strike, invented outlets) in every format and
//! checks that each format shows the right pieces, in the briefing's order.

use proptest::prelude::*;
use triangulate_model::{
    Alias, Coverage, Dated, DocId, DuplicateGroup, Entity, EntityKind, Evidence, Fact, Fidelity,
    FramingLabel, Problem, Provenance, QuoteKind, Rendering, Report, Reprint, Source, Span, Story,
    StoryQuote, TimeKind, TimelineEntry, Utterance, REPORT_SCHEMA,
};
use triangulate_report::{render, render_with, Format, RenderOptions};

fn doc(name: &str) -> DocId {
    DocId(name.to_string())
}

fn evidence(name: &str, start: usize) -> Evidence {
    Evidence {
        doc: doc(name),
        span: Span::new(start, start + 10),
    }
}

fn source(name: &str, outlet: Option<&str>, origin: &str) -> Source {
    Source {
        doc: doc(name),
        origin: origin.to_string(),
        url: None,
        outlet: outlet.map(str::to_string),
        title: None,
        authors: vec![],
        published: None,
        language: Some("en".to_string()),
        reprint: None,
        duplicate_of: None,
    }
}

fn quote(id: &str, name: &str, text: &str, utterance: Option<&str>) -> StoryQuote {
    StoryQuote {
        id: id.to_string(),
        doc: doc(name),
        span: Span::new(0, text.len()),
        text: text.to_string(),
        kind: QuoteKind::Direct,
        speaker: Some("e1".to_string()),
        speaker_name: Some("Ingrid Sølvberg".to_string()),
        utterance: utterance.map(str::to_string),
    }
}

fn fact(id: &str, text: &str, coverage: Coverage, docs: &[&str]) -> Fact {
    Fact {
        id: id.to_string(),
        text: text.to_string(),
        coverage,
        docs: docs.iter().map(|d| doc(d)).collect(),
        evidence: docs.iter().map(|d| evidence(d, 0)).collect(),
        variants: vec![],
        conflicts: vec![],
    }
}

fn label(name: &str, outlet: &str, entity: Option<(&str, &str)>, text: &str) -> FramingLabel {
    FramingLabel {
        doc: doc(name),
        outlet: Some(outlet.to_string()),
        entity: entity.map(|(id, _)| id.to_string()),
        entity_name: entity.map(|(_, name)| name.to_string()),
        label: text.to_string(),
        evidence: evidence(name, 40),
        sentence: format!("The paper called the stoppage by ferry crews {text}."),
    }
}

/// Three sources: the Courier (dated), the Tidewater Post (no date), and a reprint of the
/// Courier that names no outlet, so it is shown by its file name.
fn sample_report() -> Report {
    let mut courier = source("da", Some("Lornhaven Courier"), "in/courier.html");
    courier.title = Some("Ferry crews walk out in Lornhaven".to_string());
    courier.url = Some("https://courier.example/ferry".to_string());
    courier.authors = vec!["Maren Kjeldsen".to_string()];
    courier.published = Some(Dated {
        value: "2031-04-12T08:30:00".to_string(),
        provenance: Provenance::JsonLd,
    });
    let mut post = source("db", Some("Tidewater Post"), "in/post.txt");
    post.title = Some("Ferries halted as crews strike".to_string());
    let mut bulletin = source("dc", None, "in/archive/bulletin-0412.txt");
    bulletin.title = Some("Ferry crews walk out in Lornhaven".to_string());
    bulletin.reprint = Some(Reprint {
        original_outlet: "Lornhaven Courier".to_string(),
        evidence: "first published by the Lornhaven Courier".to_string(),
    });
    bulletin.duplicate_of = Some(doc("da"));

    let mut agreed = fact(
        "f1",
        "Ferry crews stopped work on Friday morning.",
        Coverage::All,
        &["da", "db", "dc"],
    );
    agreed.variants = vec![
        "Crews halted the ferries on Friday.".to_string(),
        "Ferry crews stopped work on Friday morning.".to_string(),
    ];
    let mut counted = fact(
        "f2",
        "About 80 crew members joined the walkout.",
        Coverage::Some,
        &["da", "dc"],
    );
    counted.conflicts = vec!["crew members: 80 (Lornhaven Courier) vs 95 (Tidewater Post)".into()];
    let only = fact(
        "f3",
        "The harbour master closed the <script>alert(1)</script> north slip.",
        Coverage::One,
        &["db"],
    );

    let utterance = Utterance {
        id: "u1".to_string(),
        speaker: Some("e1".to_string()),
        speaker_name: Some("Ingrid Sølvberg".to_string()),
        reference: "q1".to_string(),
        renderings: vec![
            Rendering {
                quote: "q1".to_string(),
                doc: doc("da"),
                text: "We will sail again on Friday if the company talks to us.".to_string(),
                fidelity: Fidelity::Verbatim,
                similarity: 1.0,
                dropped: vec![],
            },
            Rendering {
                quote: "q2".to_string(),
                doc: doc("db"),
                text: "We will sail again if the company talks to us.".to_string(),
                fidelity: Fidelity::Shortened,
                similarity: 0.88,
                dropped: vec!["on".to_string(), "Friday".to_string()],
            },
            Rendering {
                quote: "q3".to_string(),
                doc: doc("dc"),
                text: "The ships sail once the company starts talking with us.".to_string(),
                fidelity: Fidelity::Reworded,
                similarity: 0.61,
                dropped: vec![],
            },
        ],
    };

    let story = Story {
        id: "s-ferry".to_string(),
        title: "Ferry strike in Lornhaven".to_string(),
        sources: vec![courier, post, bulletin],
        entities: vec![
            Entity {
                id: "e1".to_string(),
                name: "Ingrid Sølvberg".to_string(),
                kind: EntityKind::Person,
                aliases: vec![
                    Alias {
                        text: "Ingrid Sølvberg".to_string(),
                        count: 3,
                        docs: vec![doc("da"), doc("dc")],
                    },
                    Alias {
                        text: "Ingrid Solvberg".to_string(),
                        count: 1,
                        docs: vec![doc("db")],
                    },
                ],
                roles: vec!["union steward".to_string()],
                mentions: vec![evidence("da", 5)],
            },
            Entity {
                id: "e2".to_string(),
                name: "Lornhaven Ferry Company".to_string(),
                kind: EntityKind::Organization,
                aliases: vec![],
                roles: vec![],
                mentions: vec![evidence("db", 9)],
            },
        ],
        quotes: vec![
            quote("q1", "da", &utterance.renderings[0].text, Some("u1")),
            quote("q2", "db", &utterance.renderings[1].text, Some("u1")),
            quote("q3", "dc", &utterance.renderings[2].text, Some("u1")),
            quote(
                "q4",
                "db",
                "Nobody here wanted this & nobody enjoys it.",
                None,
            ),
        ],
        utterances: vec![utterance],
        timeline: vec![
            TimelineEntry {
                date: "2031-03".to_string(),
                kind: TimeKind::Date,
                text: "Wage talks broke down last month.".to_string(),
                actors: vec![],
                actor_names: vec![],
                docs: vec![doc("da")],
                evidence: vec![evidence("da", 60)],
                reasoning: "'last month' before 2031-04-12".to_string(),
            },
            TimelineEntry {
                date: "2031-04-11".to_string(),
                kind: TimeKind::Date,
                text: "Crews stopped work on Friday.".to_string(),
                actors: vec!["e1".to_string()],
                actor_names: vec!["Ingrid Sølvberg".to_string()],
                docs: vec![doc("da"), doc("db")],
                evidence: vec![evidence("da", 0), evidence("db", 0)],
                reasoning: "'Friday' before 2031-04-12".to_string(),
            },
        ],
        facts: vec![agreed, counted, only],
        framing: vec![
            label("da", "Lornhaven Courier", None, "wildcat strike"),
            label("db", "Tidewater Post", None, "industrial action"),
            label(
                "db",
                "Tidewater Post",
                Some(("e2", "Lornhaven Ferry Company")),
                "embattled operator",
            ),
        ],
        duplicates: vec![DuplicateGroup {
            original: doc("da"),
            copies: vec![doc("dc")],
            similarity: vec![0.97],
        }],
    };
    Report {
        schema: REPORT_SCHEMA.to_string(),
        stories: vec![story],
        skipped: vec![Problem {
            item: "in/broken.warc".to_string(),
            error: "truncated record at byte 512".to_string(),
        }],
    }
}

fn rendered(report: &Report, format: Format) -> String {
    let mut out = Vec::new();
    render(report, format, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

/// Asserts that the pieces occur in `text` in this order.
fn assert_in_order(text: &str, pieces: &[&str]) {
    let mut from = 0;
    for piece in pieces {
        match text[from..].find(piece) {
            Some(at) => from += at + piece.len(),
            None => panic!("{piece:?} missing or out of order in:\n{text}"),
        }
    }
}

#[test]
fn two_labels_of_one_sentence_show_it_once() {
    let mut report = sample_report();
    let sentence = "Crews began what the Post called a wildcat strike, a damaging walkout.";
    let mut first = label("db", "Tidewater Post", None, "wildcat strike");
    let mut second = label("db", "Tidewater Post", None, "damaging walkout");
    first.sentence = sentence.to_string();
    second.sentence = sentence.to_string();
    report.stories[0].framing = vec![first, second];
    for format in [Format::Markdown, Format::Terminal] {
        let text = rendered(&report, format);
        assert!(text.contains("damaging walkout"), "{format:?}");
        assert_eq!(
            text.matches("Crews began").count(),
            1,
            "{format:?}:\n{text}"
        );
    }
}

#[test]
fn format_names_parse() {
    assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
    assert_eq!("Markdown".parse::<Format>(), Ok(Format::Markdown));
    assert_eq!("terminal".parse::<Format>(), Ok(Format::Terminal));
    assert_eq!("html".parse::<Format>(), Ok(Format::Html));
    assert_eq!("json".parse::<Format>(), Ok(Format::Json));
    let error = "pdf".parse::<Format>().unwrap_err();
    assert!(error.to_string().contains("\"pdf\""), "{error}");
}

#[test]
fn markdown_reads_as_a_briefing() {
    let text = rendered(&sample_report(), Format::Markdown);
    assert_in_order(
        &text,
        &[
            "## Ferry strike in Lornhaven",
            "3 sources",
            "### Sources",
            "Lornhaven Courier",
            "2031-04-12 (JSON-LD)",
            "Tidewater Post",
            "date unknown",
            "bulletin-0412.txt",
            "reprint of Lornhaven Courier",
            "bulletin-0412.txt copies Lornhaven Courier (similarity 0.97)",
            "### What all sources agree on",
            "Ferry crews stopped work on Friday morning.",
            "*Tidewater Post:* Crews halted the ferries on Friday.",
            "### Reported by some sources",
            "reported by Lornhaven Courier and bulletin-0412.txt; not by Tidewater Post",
            "### Reported by one source only",
            "only Tidewater Post reports: The harbour master closed",
            "### Conflicts",
            "80 (Lornhaven Courier) vs 95 (Tidewater Post)",
            "### Who said what",
            "#### Ingrid Sølvberg",
            "**verbatim** — Lornhaven Courier (reference)",
            "**shortened (dropped: on, Friday)** — Tidewater Post, similarity 0.88",
            "**reworded** — bulletin-0412.txt, similarity 0.61",
            "Not matched across sources",
            "Nobody here wanted this",
            "### Timeline",
            "| 2031-03 | Wage talks broke down last month. | Lornhaven Courier |",
            "| 2031-04-11 |",
            "Lornhaven Courier, Tidewater Post",
            "### People and organisations",
            "Ingrid Solvberg: Tidewater Post",
            "Lornhaven Ferry Company | organisation",
            "### Framing",
            "| the event | Lornhaven Courier | wildcat strike |",
            "| the event | Tidewater Post | industrial action |",
            "| Lornhaven Ferry Company | Tidewater Post | embattled operator |",
            "## Skipped inputs",
            "in/broken.warc: truncated record at byte 512",
        ],
    );
    // The reprint words the agreed fact exactly as the Courier does: no need to repeat it.
    assert!(!text.contains("*bulletin-0412.txt:* Ferry crews stopped"));
    // Raw HTML in a fact must not pass through into Markdown, where renderers would run it.
    assert!(!text.contains("<script>"));
}

#[test]
fn terminal_stays_within_the_width_and_colours_only_on_request() {
    let report = sample_report();
    let plain = rendered(&report, Format::Terminal);
    assert_in_order(
        &plain,
        &[
            "Ferry strike in Lornhaven",
            "3 sources",
            "SOURCES",
            "Tidewater Post — date unknown",
            "WHAT ALL SOURCES AGREE ON",
            "REPORTED BY SOME SOURCES",
            "REPORTED BY ONE SOURCE ONLY",
            "only Tidewater Post reports",
            "CONFLICTS",
            "WHO SAID WHAT",
            "Tidewater Post [shortened (dropped: on, Friday), similarity 0.88]",
            "TIMELINE",
            "PEOPLE AND ORGANISATIONS",
            "FRAMING",
        ],
    );
    for line in plain.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line:?}");
    }
    assert!(!plain.contains('\x1b'));

    let mut out = Vec::new();
    let options = RenderOptions {
        color: true,
        width: 60,
    };
    render_with(&report, Format::Terminal, &options, &mut out).expect("writing to a Vec");
    let coloured = String::from_utf8(out).expect("utf-8");
    assert!(
        coloured.contains("\x1b[32m"),
        "verbatim renderings are green"
    );
    let narrow = rendered_width(&report, 60);
    for line in narrow.lines() {
        assert!(line.chars().count() <= 60, "too wide: {line:?}");
    }
}

fn rendered_width(report: &Report, width: usize) -> String {
    let mut out = Vec::new();
    let options = RenderOptions {
        color: false,
        width,
    };
    render_with(report, Format::Terminal, &options, &mut out).expect("writing to a Vec");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn html_is_self_contained_and_escaped() {
    let html = rendered(&sample_report(), Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no script, injected or ours");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("this &amp; nobody"));
    assert!(!html.contains("<link"), "no external stylesheet");
    assert!(!html.contains("src="), "no external assets");
    assert_in_order(
        &html,
        &[
            "<h3>Coverage</h3>",
            "<th>Fact</th><th>Lornhaven Courier</th><th>Tidewater Post</th><th>bulletin-0412.txt</th>",
            // The conflict fact is covered by the Courier and the reprint, not by the Post.
            "<td>About 80 crew members joined the walkout.</td><td class=\"tick\">✓</td><td></td><td class=\"tick\">✓</td>",
            "<h3>Framing</h3>",
            "<th>About</th><th>Lornhaven Courier</th><th>Tidewater Post</th>",
            "<td>the event</td><td><strong>wildcat strike</strong>",
            "<td>Lornhaven Ferry Company</td><td></td><td><strong>embattled operator</strong>",
        ],
    );
}

#[test]
fn json_round_trips_to_the_same_report() {
    let report = sample_report();
    let json = rendered(&report, Format::Json);
    let back: Report = serde_json::from_str(&json).expect("valid report JSON");
    assert_eq!(back, report);
    assert!(json.contains(&format!("\"schema\": \"{REPORT_SCHEMA}\"")));
}

#[test]
fn an_empty_report_renders_in_every_format() {
    let report = Report {
        schema: REPORT_SCHEMA.to_string(),
        stories: vec![],
        skipped: vec![],
    };
    for format in Format::ALL {
        assert!(
            !rendered(&report, format).is_empty(),
            "{format} wrote nothing"
        );
    }
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("markdown", rendered(&sample_report(), Format::Markdown));
}

#[test]
fn terminal_snapshot() {
    insta::assert_snapshot!("terminal", rendered(&sample_report(), Format::Terminal));
}

proptest! {
    #[test]
    fn any_text_renders_safely(title in "\\PC{0,80}", text in "\\PC{0,300}") {
        let mut report = sample_report();
        report.stories[0].title = title;
        report.stories[0].facts[0].text = text.clone();
        report.stories[0].quotes[3].text = text;
        for format in Format::ALL {
            let out = rendered(&report, format);
            if format == Format::Terminal {
                prop_assert!(out.lines().all(|line| line.chars().count() <= 100));
            }
        }
        let html = rendered(&report, Format::Html);
        prop_assert!(!html.contains("<script"));
    }
}
