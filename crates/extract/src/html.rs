//! Main text of an HTML page.
//!
//! The page is flattened into text blocks (the inline content of each block-level element),
//! skipping subtrees that are furniture by element name or class/id words. Paragraph-like
//! blocks with little link text vote for their ancestors with their length; the content root is
//! the deepest element that still holds most of those votes. Blocks under the root are kept in
//! document order unless they are link lists, furniture lines or bylines.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use regex::Regex;
use triangulate_model::BlockKind;

use crate::article::{Draft, DraftBlock};
use crate::boilerplate;
use crate::dom::{Data, Dom, Element};

/// Deeper subtrees are ignored: real pages nest a few dozen levels, and recursion must stay
/// bounded on hostile input.
const MAX_DEPTH: usize = 200;

/// Share of all paragraph text the content root must keep while descending.
const ROOT_SHARE: f64 = 0.7;

#[derive(Debug)]
struct Elem {
    parent: Option<usize>,
    children: Vec<usize>,
    /// Characters of paragraph-like text in the subtree, weighted down under furniture.
    votes: f64,
    /// Class or id words mark it as furniture.
    negative: bool,
    /// A text element (paragraph, heading, quote, list item) rather than a container.
    leaf: bool,
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
    word_marks: HashMap<u64, bool, BuildHasherDefault<KeyHasher>>,
}

trait Blank {
    fn is_none_or_blank(&self) -> bool;
}

impl Blank for Option<&str> {
    fn is_none_or_blank(&self) -> bool {
        self.is_none_or(|s| s.trim().is_empty())
    }
}

/// FNV-1a over an element's class and id: the key of the furniture-word cache. A collision
/// would only reuse another element's answer, never fail.
fn words_key(class: &str, id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in class.bytes().chain([0xff]).chain(id.bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Passes the precomputed key through: the cache's keys are hashes already.
#[derive(Debug, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
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

fn hidden(el: &Element<'_>) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(' ', "");
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

impl Walker {
    /// Whether the element's class and id words mark furniture. Class strings repeat across a
    /// page (every paragraph, every teaser), so answers are remembered per class and id pair,
    /// keyed by a hash of the pair so that a repeat costs no allocation.
    fn negative_words(&mut self, el: &Element<'_>) -> bool {
        let (class, id) = (el.attr("class"), el.attr("id"));
        if class.is_none_or_blank() && id.is_none_or_blank() {
            return false;
        }
        let key = words_key(class.unwrap_or_default(), id.unwrap_or_default());
        if let Some(&known) = self.word_marks.get(&key) {
            return known;
        }
        let mut words = String::new();
        for part in [class, id].into_iter().flatten() {
            words.push_str(part);
            words.push(' ');
        }
        let marked = boilerplate::negative_attrs(words.trim_end());
        self.word_marks.insert(key, marked);
        marked
    }

    fn new() -> Self {
        Walker {
            elems: vec![Elem {
                parent: None,
                children: Vec::new(),
                votes: 0.0,
                negative: false,
                leaf: false,
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

    fn walk(&mut self, dom: &Dom<'_>, node: usize, in_link: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for (child, data) in dom.children(node) {
            match &data.data {
                Data::Text(t) => self.push_text(t, in_link),
                Data::Element(el) => {
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
                    // Table rows and cells carry data classes ("player-42", "date"), not
                    // furniture marks: only the table itself is judged by its words.
                    let negative = !matches!(
                        tag,
                        "html"
                            | "body"
                            | "main"
                            | "article"
                            | "tr"
                            | "td"
                            | "th"
                            | "tbody"
                            | "thead"
                    ) && self.negative_words(el);
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
                                votes: 0.0,
                                negative,
                                leaf: kind.is_some(),
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
                            self.walk(dom, child, in_link, depth + 1);
                            self.flush();
                            self.elem = parent;
                            self.kind = outer_kind;
                        }
                        None => self.walk(dom, child, in_link || tag == "a", depth + 1),
                    }
                }
                _ => {}
            }
        }
    }

    /// Votes of the text directly inside `elem`, not inside a child element.
    fn own_votes(&self, elem: usize) -> f64 {
        let e = &self.elems[elem];
        e.votes - e.children.iter().map(|&c| self.elems[c].votes).sum::<f64>()
    }

    /// A text element, or a container whose prose is nearly all its own text (a summary `div`).
    fn text_like(&self, elem: usize) -> bool {
        let e = &self.elems[elem];
        e.leaf || (!e.negative && self.own_votes(elem) >= 0.8 * e.votes)
    }

    /// Whether `elem` or one of its ancestors is furniture-marked.
    fn marked_above(&self, elem: usize) -> bool {
        let mut cur = Some(elem);
        while let Some(e) = cur {
            if self.elems[e].negative {
                return true;
            }
            cur = self.elems[e].parent;
        }
        false
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

/// Weight of paragraph text under a furniture-marked element: low enough that a long comment
/// thread or teaser rail cannot outvote a shorter article, yet not zero, so that a page wrapped
/// whole in a furniture-named element still finds its root (every vote shrinks alike).
const FURNITURE_VOTE: f64 = 0.05;

/// Share of a parent's extra votes that must sit in its own text or text-element children for
/// the root to widen to it: the article's paragraphs continue beside the chosen root.
const SIBLING_SHARE: f64 = 0.8;

/// Share of all votes above which a furniture-marked element is a page wrapper, not furniture.
const WRAPPER_SHARE: f64 = 0.8;

fn add_votes(walker: &mut Walker, votes: &[(usize, f64)]) {
    for elem in &mut walker.elems {
        elem.votes = 0.0;
    }
    for &(elem, chars) in votes {
        let mut cur = Some(elem);
        while let Some(e) = cur {
            walker.elems[e].votes += chars;
            cur = walker.elems[e].parent;
        }
    }
}

fn cut_off(text: &str) -> bool {
    let text = text.trim_end_matches([' ', ']', ')', '»', '>']);
    text.ends_with('…') || text.ends_with("...")
}

/// Longest paragraph a teaser card holds: cards show a sentence or two of another story.
const CARD_CHARS: f64 = 300.0;

/// Cards in a row that make a teaser grid.
const CARD_ROW: usize = 3;

/// Marks the elements inside teaser cards: a run of at least [`CARD_ROW`] sibling containers
/// that each hold one short paragraph and a label or link besides (a "more stories" grid). An
/// article's paragraphs, even when each sits in a wrapper of its own, come without the label.
/// Call after raw votes are in.
fn teaser_cards(walker: &Walker) -> Vec<bool> {
    let n = walker.elems.len();
    let mut prose_n = vec![0usize; n];
    let mut blocks_n = vec![0usize; n];
    for b in &walker.blocks {
        let is_prose = prose(b);
        let mut cur = Some(b.elem);
        while let Some(e) = cur {
            blocks_n[e] += 1;
            prose_n[e] += usize::from(is_prose);
            cur = walker.elems[e].parent;
        }
    }
    let card: Vec<bool> = (0..n)
        .map(|e| {
            let el = &walker.elems[e];
            !el.leaf && prose_n[e] == 1 && blocks_n[e] >= 2 && el.votes < CARD_CHARS
        })
        .collect();
    let row: Vec<bool> = walker
        .elems
        .iter()
        .map(|el| el.children.iter().filter(|&&c| card[c]).count() >= CARD_ROW)
        .collect();
    let mut in_card = vec![false; n];
    for (e, el) in walker.elems.iter().enumerate() {
        if card[e] && el.parent.is_some_and(|p| row[p]) {
            in_card[e] = true;
        }
    }
    // Inherit downwards: elements are numbered in document order, parents first.
    for e in 0..n {
        if let Some(p) = walker.elems[e].parent {
            in_card[e] |= in_card[p];
        }
    }
    in_card
}

fn content_root(walker: &mut Walker) -> usize {
    // A paragraph cut off with an ellipsis is a teaser for another page: it votes like furniture.
    let prose_blocks: Vec<(usize, f64, bool)> = walker
        .blocks
        .iter()
        .filter(|b| prose(b))
        .map(|b| (b.elem, b.chars() as f64, cut_off(&b.text)))
        .collect();
    let raw: Vec<(usize, f64)> = prose_blocks.iter().map(|&(e, c, _)| (e, c)).collect();
    // A furniture word on an element that holds most of the prose names a layout ("has-sidebar"),
    // not furniture: it is unmarked so that neither voting nor keeping holds it against the text.
    add_votes(walker, &raw);
    let raw_total = walker.elems[0].votes;
    for elem in &mut walker.elems {
        if elem.negative && elem.votes >= WRAPPER_SHARE * raw_total && raw_total > 0.0 {
            elem.negative = false;
        }
    }
    let in_card = teaser_cards(walker);
    let weighted: Vec<(usize, f64)> = prose_blocks
        .iter()
        .map(|&(elem, chars, teaser)| {
            let weight = if teaser || in_card[elem] || walker.marked_above(elem) {
                FURNITURE_VOTE
            } else {
                1.0
            };
            (elem, chars * weight)
        })
        .collect();
    add_votes(walker, &weighted);
    let total = walker.elems[0].votes;
    let mut root = 0;
    loop {
        let best = walker.elems[root]
            .children
            .iter()
            .copied()
            .max_by(|&a, &b| walker.elems[a].votes.total_cmp(&walker.elems[b].votes));
        match best {
            Some(c) if total > 0.0 && walker.elems[c].votes >= ROOT_SHARE * total => root = c,
            _ => break,
        }
    }
    // Articles split into sibling chunks (a lead, then a "paywall" box of the rest) send the
    // descent into the biggest chunk: widen while the parent's other text is its own paragraphs.
    while let Some(parent) = walker.elems[root].parent {
        let p = &walker.elems[parent];
        let extra = p.votes - walker.elems[root].votes;
        let leafy: f64 = walker.own_votes(parent)
            + p.children
                .iter()
                .filter(|&&c| c != root && walker.text_like(c))
                .map(|&c| walker.elems[c].votes)
                .sum::<f64>();
        if extra > 0.0 && leafy >= SIBLING_SHARE * extra && !p.negative {
            root = parent;
        } else {
            break;
        }
    }
    root
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
    let doc = Dom::parse(html);
    let mut walker = Walker::new();
    walker.walk(&doc, Dom::ROOT, false, 0);
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
    cut_related(&mut blocks);
    blocks.retain(|b| match crate::reprint::notice(&b.text) {
        Some(notice) => {
            draft.reprint.get_or_insert(notice);
            false
        }
        None => true,
    });
    if let Some(stated) = draft.structured_body.take() {
        fall_back_to_stated(&mut blocks, &stated);
    }
    draft.blocks = blocks;
    draft
}

/// Paragraphs of article a related-content heading must follow before it ends the article: a
/// heading at the very top is more likely a label than the start of another list.
const RELATED_AFTER: usize = 1;

/// Drops a related-content heading ("You may also like") inside the content root and all that
/// follows it: the teasers under it are other stories, whatever their markup.
fn cut_related(blocks: &mut Vec<DraftBlock>) {
    let mut prose_seen = 0;
    for i in 0..blocks.len() {
        let text = &blocks[i].text;
        if prose_seen >= RELATED_AFTER && boilerplate::related_heading(text) {
            blocks.truncate(i);
            return;
        }
        if blocks[i].kind == BlockKind::Paragraph && text.chars().count() >= 40 {
            prose_seen += 1;
        }
    }
}

/// Shortest stated body worth falling back to: shorter ones are summaries.
const STATED_MIN_CHARS: usize = 200;

/// Share of the stated body below which the blocks found are taken to have missed the article.
const STATED_SHARE: f64 = 0.5;

/// Replaces the blocks with the page's stated article body when they hold far less text than it:
/// block scoring failed (text in scripts, an odd layout), and the publisher's own copy is better
/// than a fragment.
fn fall_back_to_stated(blocks: &mut Vec<DraftBlock>, stated: &str) {
    let stated_chars = stated
        .split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum::<usize>();
    let found: usize = blocks.iter().map(|b| b.text.chars().count() + 1).sum();
    // A stated body with markup in it would need parsing of its own; it is not worth trusting.
    let markup = stated.contains("</") || stated.contains("/>");
    if markup
        || stated_chars < STATED_MIN_CHARS
        || found as f64 >= STATED_SHARE * stated_chars as f64
    {
        return;
    }
    *blocks = stated
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .map(|text| DraftBlock {
            text,
            kind: BlockKind::Paragraph,
            source: None,
        })
        .collect();
}
