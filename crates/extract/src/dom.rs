//! A light HTML tree built in one pass over the page.
//!
//! Extraction needs the element nesting, a few attributes and the text; a full HTML5 tree
//! builder (html5ever) costs several times more than that, mostly in work whose results are then
//! thrown away (script bodies tokenised character by character, interned names, reparenting).
//! This parser scans for `<` with a fast search, borrows text and attribute values from the page
//! when they hold no character reference, skips script and style bodies whole, and applies the
//! parts of the HTML5 tree rules that change which text sits in which block: implied end tags of
//! paragraphs, list items and table cells, void elements, and end tags that may not close a
//! block they do not match. Every scan up or down the stack is bounded, so hostile nesting stays
//! linear.

use std::borrow::Cow;

mod entities;
mod rules;

use entities::decode;
use rules::{closes_p, head_content, heading, raw_text, scope_boundary, special, void, Tracked};

/// Index of no node.
const NONE: usize = usize::MAX;

/// How far down the open-element stack an end tag or implied end tag looks for its element.
/// Real pages nest a few dozen levels; the bound keeps hostile nesting linear.
const SCAN_LIMIT: usize = 512;

#[derive(Debug)]
pub enum Data<'a> {
    Root,
    Element(Element<'a>),
    Text(Cow<'a, str>),
}

#[derive(Debug)]
pub struct Element<'a> {
    name: Cow<'a, str>,
    /// Only the attributes extraction reads (see [`KEPT_ATTRS`]).
    attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl Element<'_> {
    /// The lowercase tag name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value of an attribute (names are lowercase); the first of duplicates wins.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_ref())
    }

    /// Whether the `class` attribute holds `word` as one of its words.
    pub fn has_class(&self, word: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|w| w == word))
    }
}

#[derive(Debug)]
pub struct Node<'a> {
    pub data: Data<'a>,
    first_child: usize,
    last_child: usize,
    next_sibling: usize,
}

/// A parsed page; node 0 is the document root, and nodes are numbered in document order.
#[derive(Debug)]
pub struct Dom<'a> {
    nodes: Vec<Node<'a>>,
}

/// Iterator over the children of a node.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: usize,
}

impl<'d, 'a> Iterator for Children<'d, 'a> {
    type Item = (usize, &'d Node<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let id = self.next;
        let node = self.dom.nodes.get(id)?;
        self.next = node.next_sibling;
        Some((id, node))
    }
}

impl<'a> Dom<'a> {
    pub fn parse(html: &'a str) -> Dom<'a> {
        // Pages run to roughly one node per 50 bytes: reserving that spares the regrowth.
        let mut nodes = Vec::with_capacity(html.len() / 50 + 1);
        nodes.push(Node {
            data: Data::Root,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let mut builder = Builder {
            src: html,
            nodes,
            stack: Vec::new(),
            open: [0; Tracked::COUNT],
        };
        builder.run();
        Dom {
            nodes: builder.nodes,
        }
    }

    pub const ROOT: usize = 0;

    pub fn children(&self, id: usize) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: self.nodes.get(id).map_or(NONE, |n| n.first_child),
        }
    }

    /// Every element in document order.
    pub fn elements(&self) -> impl Iterator<Item = (usize, &Element<'a>)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(id, n)| match &n.data {
                Data::Element(el) => Some((id, el)),
                _ => None,
            })
    }

    /// The text of a node's subtree, text nodes joined with `sep`.
    pub fn text(&self, id: usize, sep: &str) -> String {
        let mut out = String::new();
        let mut pending = vec![id];
        while let Some(cur) = pending.pop() {
            let Some(node) = self.nodes.get(cur) else {
                continue;
            };
            if let Data::Text(t) = &node.data {
                if !out.is_empty() {
                    out.push_str(sep);
                }
                out.push_str(t);
            }
            let mark = pending.len();
            pending.extend(self.children(cur).map(|(c, _)| c));
            pending[mark..].reverse();
        }
        out
    }
}

/// A tag as read: name, attributes, self-closing, and the index after it.
type Tag<'a> = (
    Cow<'a, str>,
    Vec<(Cow<'a, str>, Cow<'a, str>)>,
    bool,
    Option<usize>,
);

struct Builder<'a> {
    src: &'a str,
    nodes: Vec<Node<'a>>,
    /// Open elements: node index and the element's name.
    stack: Vec<(usize, Cow<'a, str>)>,
    open: [u32; Tracked::COUNT],
}

fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Finds the end tag `</name` (followed by a space, `/` or `>`) from `from`, ASCII
/// case-insensitively; `<` is found with a fast byte search, the rest compared in place.
fn find_end_tag(src: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = from;
    loop {
        i += src.get(i..)?.find("</")?;
        let after = i + 2 + name.len();
        let matches = bytes
            .get(i + 2..after)
            .is_some_and(|w| w.eq_ignore_ascii_case(name.as_bytes()));
        let boundary = bytes
            .get(after)
            .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>');
        if matches && boundary {
            return Some(i);
        }
        i += 2;
    }
}

/// Index just after the next `>` from `from`, or the end of the page.
fn after_gt(src: &str, from: usize) -> usize {
    // Tags are short: a plain loop beats a vectorised search's start-up cost.
    src.as_bytes()
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == b'>'))
        .map_or(src.len(), |e| from + e + 1)
}

impl<'a> Builder<'a> {
    fn current(&self) -> usize {
        self.stack.last().map_or(Dom::ROOT, |(id, _)| *id)
    }

    fn append(&mut self, parent: usize, data: Data<'a>) -> usize {
        // Text split by a comment is one text, as in a browser.
        if let Data::Text(more) = &data {
            let last = self.nodes[parent].last_child;
            if let Some(Node {
                data: Data::Text(text),
                ..
            }) = self.nodes.get_mut(last)
            {
                text.to_mut().push_str(more);
                return last;
            }
        }
        let id = self.nodes.len();
        self.nodes.push(Node {
            data,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let last = self.nodes[parent].last_child;
        if last == NONE {
            self.nodes[parent].first_child = id;
        } else {
            self.nodes[last].next_sibling = id;
        }
        self.nodes[parent].last_child = id;
        id
    }

    fn text(&mut self, start: usize, end: usize) {
        let Some(raw) = self.src.get(start..end) else {
            return;
        };
        if raw.is_empty() {
            return;
        }
        if self.open[Tracked::Head as usize] > 0 && raw.bytes().any(|b| !is_space(b)) {
            self.close_named(&["head"], &["html"]);
        }
        let text = decode(raw);
        let parent = self.current();
        self.append(parent, Data::Text(text));
    }

    fn push(&mut self, id: usize, name: Cow<'a, str>) {
        if let Some(t) = Tracked::of(&name) {
            self.open[t as usize] += 1;
        }
        self.stack.push((id, name));
    }

    /// Pops the stack down to and including the entry at `depth`.
    fn pop_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            if let Some((_, name)) = self.stack.pop() {
                if let Some(t) = Tracked::of(&name) {
                    self.open[t as usize] = self.open[t as usize].saturating_sub(1);
                }
            }
        }
    }

    /// Closes the nearest open element that is a `target`, unless a `stop` element or the scan
    /// bound comes first. Returns whether one was closed.
    fn close_nearest(
        &mut self,
        target: impl Fn(&str) -> bool,
        stop: impl Fn(&str) -> bool,
    ) -> bool {
        let found = self
            .stack
            .iter()
            .enumerate()
            .rev()
            .take(SCAN_LIMIT)
            .find(|(_, (_, n))| target(n) || stop(n));
        match found {
            Some((depth, (_, n))) if target(n) => {
                self.pop_to(depth);
                true
            }
            _ => false,
        }
    }

    /// Closes the nearest open element named in `names`, unless a `stops` element or the scan
    /// bound comes first. Returns whether one was closed.
    fn close_named(&mut self, names: &[&str], stops: &[&str]) -> bool {
        self.close_nearest(|n| names.contains(&n), |n| stops.contains(&n))
    }

    /// Closes an open paragraph unless a scope boundary stands between.
    fn close_p(&mut self) {
        if self.open[Tracked::P as usize] == 0 {
            return;
        }
        self.close_nearest(|n| n == "p", |n| scope_boundary(n) || n == "button");
    }

    /// Closes a list item (or `dd`/`dt`) when another starts, stopping at other blocks.
    fn close_item(&mut self, items: &[&str]) {
        self.close_nearest(
            |n| items.contains(&n),
            |n| special(n) && !matches!(n, "address" | "div" | "p"),
        );
    }

    fn start_tag(&mut self, name: Cow<'a, str>, attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>) {
        let n = name.as_ref();
        if self.open[Tracked::Head as usize] > 0 && !head_content(n) {
            self.close_named(&["head"], &["html"]);
        }
        match n {
            "html" if !self.stack.is_empty() => return,
            "body" if self.open[Tracked::Body as usize] > 0 => return,
            "head" if self.open[Tracked::Body as usize] > 0 => return,
            _ => {}
        }
        if closes_p(n) {
            self.close_p();
        }
        match n {
            "li" if self.open[Tracked::Li as usize] > 0 => self.close_item(&["li"]),
            "dd" | "dt" if self.open[Tracked::Dd as usize] > 0 => self.close_item(&["dd", "dt"]),
            "td" | "th" if self.open[Tracked::Cell as usize] > 0 => {
                self.close_named(&["td", "th"], &["table"]);
            }
            "tr" if self.open[Tracked::Tr as usize] > 0 => {
                self.close_named(&["tr"], &["table"]);
            }
            "tbody" | "thead" | "tfoot" if self.open[Tracked::Section as usize] > 0 => {
                self.close_named(&["tbody", "thead", "tfoot"], &["table"]);
            }
            "a" if self.open[Tracked::A as usize] > 0 => {
                self.close_named(&["a"], &["table", "td", "th", "div", "p", "li"]);
            }
            "option" if self.open[Tracked::Option as usize] > 0 => {
                self.close_named(&["option"], &["select"]);
            }
            _ if heading(n) && self.stack.last().is_some_and(|(_, top)| heading(top)) => {
                let depth = self.stack.len() - 1;
                self.pop_to(depth);
            }
            _ => {}
        }
        let parent = self.current();
        let id = self.append(
            parent,
            Data::Element(Element {
                name: name.clone(),
                attrs,
            }),
        );
        if !void(&name) {
            self.push(id, name);
        }
    }

    /// Self-closing syntax only closes foreign elements (SVG, MathML) in HTML; elsewhere the
    /// element stays open, as in a browser.
    fn in_foreign(&self) -> bool {
        self.stack
            .iter()
            .rev()
            .take(SCAN_LIMIT)
            .any(|(_, n)| n == "svg" || n == "math")
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "br" => {
                let parent = self.current();
                self.append(
                    parent,
                    Data::Element(Element {
                        name: Cow::Borrowed("br"),
                        attrs: Vec::new(),
                    }),
                );
            }
            "p" => {
                self.close_p();
            }
            // The end of the body or page closes nothing: content after it still belongs in.
            "body" | "html" => {}
            _ if special(name) => {
                let stops: &[&str] = match name {
                    "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" => &["table"],
                    "table" => &["html"],
                    _ => &[
                        "html", "table", "td", "th", "caption", "marquee", "object", "applet",
                        "template",
                    ],
                };
                self.close_named(&[name], stops);
            }
            _ => {
                // An inline end tag closes its element unless a block stands between.
                self.close_nearest(|n| n == name, special);
            }
        }
    }

    fn run(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let len = bytes.len();
        let mut i = 0;
        let mut text_start = 0;
        while i < len {
            let Some(off) = src.get(i..).and_then(|rest| rest.find('<')) else {
                break;
            };
            i += off;
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            if next == b'!' || next == b'?' {
                self.text(text_start, i);
                i = if bytes[i..].starts_with(b"<!--") {
                    src.get(i + 4..)
                        .and_then(|rest| rest.find("-->"))
                        .map_or(len, |e| i + 4 + e + 3)
                } else if bytes[i..].starts_with(b"<![CDATA[") {
                    src.get(i + 9..)
                        .and_then(|rest| rest.find("]]>"))
                        .map_or(len, |e| i + 9 + e + 3)
                } else {
                    after_gt(src, i)
                };
                text_start = i;
            } else if next == b'/' {
                let after = bytes.get(i + 2).copied().unwrap_or(0);
                if after.is_ascii_alphabetic() {
                    self.text(text_start, i);
                    let (name, _, _, end) = self.tag(i + 2, false);
                    match end {
                        Some(end) => {
                            self.end_tag(&name);
                            i = end;
                        }
                        None => i = len,
                    }
                } else {
                    self.text(text_start, i);
                    i = after_gt(src, i);
                }
                text_start = i;
            } else if next.is_ascii_alphabetic() {
                self.text(text_start, i);
                let (name, attrs, self_closing, end) = self.tag(i + 1, true);
                // A tag cut off by the end of the page is dropped, as in a browser.
                let Some(end) = end else {
                    return;
                };
                i = end;
                text_start = i;
                if let Some(decoded) = raw_text(&name) {
                    let (body_end, resume) = match find_end_tag(src, i, &name) {
                        Some(at) => (at, after_gt(src, at)),
                        None => (len, len),
                    };
                    let parent = self.current();
                    let id = self.append(parent, Data::Element(Element { name, attrs }));
                    if let Some(body) = src.get(i..body_end).filter(|b| !b.is_empty()) {
                        let text = if decoded {
                            decode(body)
                        } else {
                            Cow::Borrowed(body)
                        };
                        self.append(id, Data::Text(text));
                    }
                    i = resume;
                    text_start = i;
                    continue;
                }
                let foreign =
                    self_closing && (name == "svg" || name == "math" || self.in_foreign());
                self.start_tag(name, attrs);
                if foreign {
                    self.end_tag_foreign();
                }
            } else {
                // A lone `<` is text.
                i += 1;
            }
        }
        self.text(text_start, len);
    }

    /// Closes the element just opened by self-closing syntax.
    fn end_tag_foreign(&mut self) {
        let depth = self.stack.len().saturating_sub(1);
        self.pop_to(depth);
    }

    /// Reads a tag from its name at `start`: name, the attributes extraction reads (when
    /// `with_attrs`; see [`kept_attr`]), whether it is
    /// self-closing, and the index after its `>` (`None` when the page ends first).
    fn tag(&self, start: usize, with_attrs: bool) -> Tag<'a> {
        let src = self.src;
        let bytes = src.as_bytes();
        let len = bytes.len();
        let mut i = start;
        while i < len && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = lowercase(src.get(start..i).unwrap_or_default());
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < len && is_space(bytes[i]) {
                i += 1;
            }
            if i >= len {
                return (name, attrs, self_closing, None);
            }
            match bytes[i] {
                b'>' => return (name, attrs, self_closing, Some(i + 1)),
                b'/' => {
                    i += 1;
                    self_closing = bytes.get(i) == Some(&b'>');
                    continue;
                }
                _ => {}
            }
            self_closing = false;
            let name_start = i;
            i += 1;
            while i < len && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let attr_name = src.get(name_start..i).unwrap_or_default();
            let wanted = with_attrs && kept_attr(&name, attr_name);
            while i < len && is_space(bytes[i]) {
                i += 1;
            }
            let mut value: Cow<'a, str> = Cow::Borrowed("");
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < len && is_space(bytes[i]) {
                    i += 1;
                }
                let (v_start, v_end, next) = match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v_start = i + 1;
                        let v_end = bytes
                            .get(v_start..)
                            .and_then(|rest| rest.iter().position(|&b| b == q))
                            .map_or(len, |e| v_start + e);
                        (v_start, v_end, (v_end + 1).min(len))
                    }
                    _ => {
                        let v_start = i;
                        let mut v_end = i;
                        while v_end < len && !is_space(bytes[v_end]) && bytes[v_end] != b'>' {
                            v_end += 1;
                        }
                        (v_start, v_end, v_end)
                    }
                };
                if wanted {
                    value = decode(src.get(v_start..v_end).unwrap_or_default());
                }
                i = next;
            }
            if wanted {
                let attr_name = lowercase(attr_name);
                if !attrs.iter().any(|(n, _)| *n == attr_name) {
                    attrs.push((attr_name, value));
                }
            }
        }
    }
}

/// Attributes extraction reads; the rest (links, image sources, data attributes) are skipped
/// unread, which spares most of the allocation a page's tags would cost.
const KEPT_ATTRS: [&str; 14] = [
    "class",
    "id",
    "style",
    "hidden",
    "aria-hidden",
    "rel",
    "itemprop",
    "property",
    "name",
    "content",
    "type",
    "datetime",
    "lang",
    "http-equiv",
];

/// Whether an attribute of element `tag` is kept: those in [`KEPT_ATTRS`], and a `link`'s
/// `href` (the canonical URL).
fn kept_attr(tag: &str, attr: &str) -> bool {
    KEPT_ATTRS.iter().any(|k| k.eq_ignore_ascii_case(attr))
        || (tag == "link" && attr.eq_ignore_ascii_case("href"))
}
#[cfg(test)]
mod tests;
