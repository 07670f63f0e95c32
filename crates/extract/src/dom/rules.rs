//! Which HTML elements are void, raw text, special or scope boundaries, and which start tags
//! close an open paragraph: the parts of the HTML5 tree rules the light parser applies.

/// Elements whose open count is kept, so that implied end tags only scan when one is open.
#[derive(Clone, Copy)]
pub(super) enum Tracked {
    P,
    Li,
    Dd,
    Cell,
    Tr,
    Section,
    A,
    Head,
    Body,
    Option,
}

impl Tracked {
    pub(super) const COUNT: usize = 10;

    pub(super) fn of(name: &str) -> Option<Tracked> {
        Some(match name {
            "p" => Tracked::P,
            "li" => Tracked::Li,
            "dd" | "dt" => Tracked::Dd,
            "td" | "th" => Tracked::Cell,
            "tr" => Tracked::Tr,
            "tbody" | "thead" | "tfoot" => Tracked::Section,
            "a" => Tracked::A,
            "head" => Tracked::Head,
            "body" => Tracked::Body,
            "option" => Tracked::Option,
            _ => return None,
        })
    }
}

pub(super) fn void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
            | "image"
    )
}

/// Elements whose content is raw text up to their end tag; `true` when references are decoded.
pub(super) fn raw_text(name: &str) -> Option<bool> {
    match name {
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(false),
        "title" | "textarea" => Some(true),
        _ => None,
    }
}

/// Block elements whose start closes an open paragraph.
pub(super) fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "form"
            | "li"
            | "dd"
            | "dt"
            | "table"
            | "hr"
            | "xmp"
            | "plaintext"
    )
}

/// The HTML5 "special" elements: an unmatched end tag of an inline element stops at them.
pub(super) fn special(name: &str) -> bool {
    closes_p(name)
        || matches!(
            name,
            "applet"
                | "body"
                | "button"
                | "caption"
                | "col"
                | "colgroup"
                | "html"
                | "head"
                | "iframe"
                | "marquee"
                | "noembed"
                | "noframes"
                | "noscript"
                | "object"
                | "select"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "tr"
                | "title"
                | "script"
                | "style"
        )
}

/// Elements a paragraph, list item or block end tag does not reach past.
pub(super) fn scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "table"
            | "td"
            | "th"
            | "caption"
            | "marquee"
            | "object"
            | "applet"
            | "template"
            | "svg"
            | "math"
    )
}

pub(super) fn heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements that belong in the head; any other start tag ends an open head.
pub(super) fn head_content(name: &str) -> bool {
    matches!(
        name,
        "meta"
            | "link"
            | "title"
            | "script"
            | "style"
            | "base"
            | "noscript"
            | "template"
            | "basefont"
            | "bgsound"
            | "head"
            | "html"
    )
}
