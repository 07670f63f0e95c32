//! Rendering a [`Report`] for people and for programs.
//!
//! The core emits, the edges render: everything shown here is already in the report, and each
//! format lays out the same briefing per story: the sources, what all of them agree on, what only
//! some or one of them report, conflicts, who said what (with how faithfully each outlet
//! rendered a quote), the timeline, the people and organisations with each outlet's spellings,
//! and the labels each outlet attaches to them.
//!
//! | [`Format`] | shape |
//! | --- | --- |
//! | `Terminal` | plain text wrapped at 100 columns, ANSI colour only when asked |
//! | `Markdown` | headings, lists and tables |
//! | `Html` | one self-contained page with a coverage matrix and a framing table |
//! | `Json` | the report itself, serialized |
//!
//! ```
//! use triangulate_model::{Report, Story, REPORT_SCHEMA};
//! use triangulate_report::{render, Format};
//!
//! let story = Story {
//!     id: "s1".into(),
//!     title: "Ferry service resumes in Lornhaven".into(),
//!     sources: vec![], entities: vec![], quotes: vec![], utterances: vec![],
//!     timeline: vec![], facts: vec![], framing: vec![], duplicates: vec![],
//! };
//! let report = Report { schema: REPORT_SCHEMA.into(), stories: vec![story], skipped: vec![] };
//!
//! let format: Format = "md".parse()?;
//! let mut out = Vec::new();
//! render(&report, format, &mut out)?;
//! let text = String::from_utf8(out)?;
//! assert!(text.contains("## Ferry service resumes in Lornhaven"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod html;
mod json;
mod markdown;
mod terminal;
mod view;

use std::io::Write;
use std::str::FromStr;

use triangulate_model::Report;

/// The output formats, one module each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Terminal,
    Markdown,
    Html,
    Json,
}

impl Format {
    /// Every format, for help texts and tests.
    pub const ALL: [Format; 4] = [
        Format::Terminal,
        Format::Markdown,
        Format::Html,
        Format::Json,
    ];

    /// The usual file extension for output in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Terminal => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// A format name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report format {name:?}: expected terminal, md, markdown, html or json")]
pub struct ParseFormatError {
    pub name: String,
}

impl FromStr for Format {
    type Err = ParseFormatError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "terminal" | "text" | "txt" => Ok(Format::Terminal),
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(ParseFormatError {
                name: name.to_string(),
            }),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Terminal => "terminal",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
        })
    }
}

/// Presentation choices that do not change what is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI colours in terminal output; ignored by the other formats.
    pub color: bool,
    /// Terminal line width in columns; ignored by the other formats.
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: terminal::DEFAULT_WIDTH,
        }
    }
}

/// Writes `report` to `out` in `format` with default options (no colour, 100 columns).
pub fn render(report: &Report, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    render_with(report, format, &RenderOptions::default(), out)
}

/// Writes `report` to `out` in `format`.
pub fn render_with(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Terminal => terminal::render(report, options, out),
        Format::Markdown => markdown::render(report, out),
        Format::Html => html::render(report, out),
        Format::Json => json::render(report, out),
    }
}
