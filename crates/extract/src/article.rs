//! Assembling an [`Article`] from the blocks and metadata an extractor found, with the
//! container's hints taking precedence.

use triangulate_model::{Article, Block, BlockKind, Dated, Provenance, RawDocument, Reprint, Span};

/// One kept block: its text, kind, and byte range in the raw body when known.
#[derive(Debug, Clone)]
pub struct DraftBlock {
    pub text: String,
    pub kind: BlockKind,
    pub source: Option<Span>,
}

/// What an extractor found in one body, before the container's hints are applied.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub blocks: Vec<DraftBlock>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Dated>,
    pub modified: Option<Dated>,
    pub language: Option<String>,
    pub canonical_url: Option<String>,
    pub reprint: Option<Reprint>,
    /// The article body the page states in its structured data (JSON-LD `articleBody`), kept
    /// as a fallback for pages whose markup hides the text from block scoring.
    pub structured_body: Option<String>,
}

/// Builds the article; `None` when no text is left.
pub fn assemble(doc: &RawDocument, draft: Draft) -> Option<Article> {
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(draft.blocks.len());
    for block in draft.blocks {
        let trimmed = block.text.trim();
        if trimmed.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(trimmed);
        blocks.push(Block {
            span: Span::new(start, text.len()),
            kind: block.kind,
            source: block.source,
        });
    }
    if text.is_empty() {
        return None;
    }
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let published = match given(&doc.published) {
        Some(value) => Some(Dated {
            value: crate::dates::normalise(&value).unwrap_or(value),
            provenance: Provenance::Given,
        }),
        None => draft.published,
    };
    // An outlet of its own wins; a reprint with no outlet named is credited to its origin.
    let outlet = given(&doc.outlet)
        .or(draft.outlet)
        .or_else(|| draft.reprint.as_ref().map(|r| r.original_outlet.clone()));
    let language = draft.language.or_else(|| detect_language(&text));
    Some(Article {
        id: doc.id.clone(),
        origin: doc.origin.clone(),
        url: given(&doc.url).or_else(|| draft.canonical_url.clone()),
        canonical_url: draft.canonical_url,
        title: given(&doc.title).or(draft.title),
        outlet,
        authors: draft.authors,
        published,
        modified: draft.modified,
        language,
        reprint: draft.reprint,
        text,
        blocks,
    })
}

fn detect_language(text: &str) -> Option<String> {
    // A sample is enough to tell the language and keeps detection cheap on long pages.
    let mut end = text.len().min(1500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() && end > 200 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
}

fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Nld => "nl",
        Por => "pt",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Tur => "tr",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Swe => "sv",
        Dan => "da",
        Nob => "no",
        Fin => "fi",
        Ces => "cs",
        Ell => "el",
        Heb => "he",
        Hin => "hi",
        Ron => "ro",
        Hun => "hu",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Slk => "sk",
        Slv => "sl",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Bel => "be",
        Kat => "ka",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Pes => "fa",
        Urd => "ur",
        Ben => "bn",
        Uzb => "uz",
        Aze => "az",
        Hye => "hy",
        Cat => "ca",
        _ => return None,
    })
}
