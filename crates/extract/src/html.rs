//! Main text of an HTML page.
//!
//! The page is flattened into text blocks (the inline content of each block-level element),
//! skipping subtrees that are furniture by element name or class/id words. Paragraph-like
//! blocks with little link text vote for their ancestors with their length; the content root is
//! the deepest element that still holds most of those votes. Blocks under the root are kept in
//! document order unless they are link lists, furniture lines or bylines.

use std::sync::OnceLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{Html, Node};
use triangulate_model::BlockKind;

use crate::article::{Draft, DraftBlock};
use crate::boilerplate;

/// Deeper subtrees are ignored: real pages nest a few dozen levels, and recursion must stay
/// bounded on hostile input.
const MAX_DEPTH: usize = 200;

/// Share of all paragraph text the content root must keep while descending.
const ROOT_SHARE: f64 = 0.7;

#[derive(Debug)]
struct Elem {
    parent: Option<usize>,
    children: Vec<usize>,
    /// Characters of paragraph-like text in the subtree.
    votes: usize,
    /// Class or id words mark it as furniture.
    negative: bool,
}

#[derive(Debug)]
struct RawBlock {
    text: String,
    kind: BlockKind,
    elem: usize,
    link_chars: usize,
}

impl RawBlock {
    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    fn link_ratio(&self) -> f64 {
        self.link_chars as f64 / self.text.len().max(1) as f64
    }
}

#[derive(Debug, Default)]
struct Walker {
    elems: Vec<Elem>,
    blocks: Vec<RawBlock>,
    buf: String,
    buf_links: usize,
    elem: usize,
    kind: Option<BlockKind>,
}

fn block_kind(tag: &str) -> Option<Option<BlockKind>> {
    Some(match tag {
        "p" => Some(BlockKind::Paragraph),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
        "li" | "dd" | "dt" => Some(BlockKind::ListItem),
        "blockquote" => Some(BlockKind::Quote),
        "div" | "section" | "article" | "main" | "ul" | "ol" | "dl" | "table" | "tbody"
        | "thead" | "tr" | "td" | "th" | "pre" | "header" | "body" | "html" | "center"
        | "address" | "details" | "summary" | "hr" | "form" | "fieldset" | "caption" => None,
        _ => return None,
    })
}

fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(' ', "");
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

impl Walker {
    fn new() -> Self {
        Walker {
            elems: vec![Elem {
                parent: None,
                children: Vec::new(),
                votes: 0,
                negative: false,
            }],
            ..Walker::default()
        }
    }

    fn push_text(&mut self, text: &str, in_link: bool) {
        let before = self.buf.len();
        for word in text.split_whitespace() {
            if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                self.buf.push(' ');
            }
            self.buf.push_str(word);
        }
        if !text.is_empty() && text.ends_with(char::is_whitespace) && !self.buf.is_empty() {
            self.buf.push(' ');
        }
        if in_link {
            self.buf_links += self.buf.len() - before;
        }
    }

    fn flush(&mut self) {
        let text = self.buf.trim();
        if !text.is_empty() {
            self.blocks.push(RawBlock {
                text: text.to_string(),
                kind: self.kind.unwrap_or(BlockKind::Paragraph),
                elem: self.elem,
                link_chars: self.buf_links.min(text.len()),
            });
        }
        self.buf.clear();
        self.buf_links = 0;
    }

    fn walk(&mut self, node: NodeRef<'_, Node>, in_link: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.push_text(t, in_link),
                Node::Element(el) => {
                    let tag = el.name();
                    if tag == "br" {
                        self.buf.push('\n');
                        continue;
                    }
                    if boilerplate::skipped_tag(tag) || hidden(el) {
                        continue;
                    }
                    // Furniture words on a wrapper of the whole page ("sidebar-layout",
                    // "paywall") must not lose the article: the mark only counts below the
                    // content root, decided once all text is seen.
                    let negative = !matches!(tag, "html" | "body" | "main" | "article") && {
                        let mut words = String::new();
                        for part in [el.attr("class"), el.attr("id")].into_iter().flatten() {
                            words.push_str(part);
                            words.push(' ');
                        }
                        boilerplate::negative_attrs(words.trim())
                    };
                    let kind = match block_kind(tag) {
                        Some(kind) => Some(kind),
                        None if negative => Some(None),
                        None => None,
                    };
                    match kind {
                        Some(kind) => {
                            self.flush();
                            let parent = self.elem;
                            let index = self.elems.len();
                            self.elems.push(Elem {
                                parent: Some(parent),
                                children: Vec::new(),
                                votes: 0,
                                negative,
                            });
                            self.elems[parent].children.push(index);
                            let outer_kind = self.kind;
                            self.elem = index;
                            // A paragraph inside a quote or list item stays a quote or item.
                            self.kind = match (outer_kind, kind) {
                                (Some(BlockKind::Quote), _) => Some(BlockKind::Quote),
                                (Some(BlockKind::ListItem), Some(BlockKind::Paragraph) | None) => {
                                    Some(BlockKind::ListItem)
                                }
                                (outer, None) => outer,
                                (_, inner) => inner,
                            };
                            self.walk(child, in_link, depth + 1);
                            self.flush();
                            self.elem = parent;
                            self.kind = outer_kind;
                        }
                        None => self.walk(child, in_link || tag == "a", depth + 1),
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether `elem` lies under `root` with no furniture-marked element between them.
    fn kept_under(&self, mut elem: usize, root: usize) -> bool {
        let mut clean = true;
        loop {
            if elem == root {
                return clean;
            }
            clean &= !self.elems[elem].negative;
            match self.elems[elem].parent {
                Some(p) => elem = p,
                None => return false,
            }
        }
    }
}

fn prose(block: &RawBlock) -> bool {
    matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
        && block.link_ratio() < 0.3
        && block.chars() >= 40
        && block
            .text
            .contains(['.', '!', '?', ',', '。', '、', '؟', '”', '"'])
}

fn byline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:by|updated|published|posted|last updated|first published)\b[^.!?]{0,100}$",
        )
        .expect("static regex")
    })
}

fn content_root(walker: &mut Walker) -> usize {
    let votes: Vec<(usize, usize)> = walker
        .blocks
        .iter()
        .filter(|b| prose(b))
        .map(|b| (b.elem, b.chars()))
        .collect();
    for (elem, chars) in votes {
        let mut cur = Some(elem);
        while let Some(e) = cur {
            walker.elems[e].votes += chars;
            cur = walker.elems[e].parent;
        }
    }
    let total = walker.elems[0].votes as f64;
    let mut root = 0;
    loop {
        let best = walker.elems[root]
            .children
            .iter()
            .copied()
            .max_by_key(|&c| walker.elems[c].votes);
        match best {
            Some(c) if total > 0.0 && walker.elems[c].votes as f64 >= ROOT_SHARE * total => {
                root = c
            }
            _ => return root,
        }
    }
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

fn keep(block: &RawBlock, title: Option<&str>) -> bool {
    let ratio = block.link_ratio();
    if ratio > 0.5 || (block.chars() < 100 && ratio > 0.3 && block.kind != BlockKind::Heading) {
        return false;
    }
    if boilerplate::furniture_line(&block.text) || byline_regex().is_match(&block.text) {
        return false;
    }
    if block.kind == BlockKind::Heading && title.is_some_and(|t| same_text(t, &block.text)) {
        return false;
    }
    true
}

/// Extracts the main text and metadata of an HTML page.
pub fn extract(html: &str, url: Option<&str>) -> Draft {
    let doc = Html::parse_document(html);
    let mut walker = Walker::new();
    walker.walk(doc.tree.root(), false, 0);
    walker.flush();
    let root = content_root(&mut walker);
    let mut draft = crate::metadata::from_html(&doc, url);
    let title = draft.title.clone();
    let mut blocks: Vec<DraftBlock> = walker
        .blocks
        .iter()
        .filter(|b| walker.kept_under(b.elem, root) && keep(b, title.as_deref()))
        .map(|b| DraftBlock {
            text: b.text.clone(),
            kind: b.kind,
            source: None,
        })
        .collect();
    blocks.retain(|b| match crate::reprint::notice(&b.text) {
        Some(notice) => {
            draft.reprint.get_or_insert(notice);
            false
        }
        None => true,
    });
    draft.blocks = blocks;
    draft
}
