use super::*;

/// The tree as nested tag names and texts, for comparing shapes.
fn shape(dom: &Dom<'_>, id: usize) -> String {
    let mut out = String::new();
    for (child, node) in dom.children(id) {
        match &node.data {
            Data::Element(el) => {
                out.push_str(&format!("<{}>", el.name()));
                out.push_str(&shape(dom, child));
                out.push_str(&format!("</{}>", el.name()));
            }
            Data::Text(t) => out.push_str(t),
            Data::Root => {}
        }
    }
    out
}

fn parsed(html: &str) -> String {
    shape(&Dom::parse(html), Dom::ROOT)
}

#[test]
fn paragraphs_close_implicitly() {
    assert_eq!(
        parsed("<div><p>One<p>Two<div>Three</div></div>"),
        "<div><p>One</p><p>Two</p><div>Three</div></div>"
    );
}

#[test]
fn list_items_and_cells_close_implicitly() {
    assert_eq!(
        parsed("<ul><li>Ada<li>Bo</ul>"),
        "<ul><li>Ada</li><li>Bo</li></ul>"
    );
    assert_eq!(
        parsed("<table><tr><td>a<td>b<tr><td>c</table>"),
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
    );
}

#[test]
fn stray_inline_end_tag_does_not_close_a_block() {
    assert_eq!(
        parsed("<span><div>In</span>still</div>"),
        "<span><div>Instill</div></span>"
    );
}

#[test]
fn script_bodies_are_raw() {
    let dom = Dom::parse("<p>a</p><script>if (a<b) { x = '</p>'; }</script><p>b</p>");
    let script = dom
        .elements()
        .find(|(_, el)| el.name() == "script")
        .map(|(id, _)| dom.text(id, ""));
    assert_eq!(script.as_deref(), Some("if (a<b) { x = '</p>'; }"));
    assert_eq!(dom.elements().filter(|(_, el)| el.name() == "p").count(), 2);
}

#[test]
fn references_are_decoded() {
    assert_eq!(
        decode("Fish &amp; chips &#8217;n&#x2019; &rsquo;&nbsp;x &ampy &bogus; &#150;"),
        "Fish & chips \u{2019}n\u{2019} \u{2019}\u{a0}x &y &bogus; \u{2013}"
    );
}

#[test]
fn attributes_are_read() {
    let dom = Dom::parse(
        r#"<DIV item Class="story body" id=main content='a &amp; b' data-x=1 HIDDEN>t</DIV>"#,
    );
    let (_, el) = dom.elements().next().expect("one element");
    assert_eq!(el.name(), "div");
    assert_eq!(el.attr("class"), Some("story body"));
    assert_eq!(el.attr("id"), Some("main"));
    assert_eq!(el.attr("content"), Some("a & b"));
    assert_eq!(
        el.attr("data-x"),
        None,
        "attributes extraction never reads are skipped"
    );
    assert_eq!(el.attr("hidden"), Some(""));
    assert!(el.has_class("body"));
}

#[test]
fn head_ends_at_body_content() {
    assert_eq!(
        parsed("<html><head><title>T</title><meta charset=utf-8><body><p>x"),
        "<html><head><title>T</title><meta></meta></head><body><p>x</p></body></html>"
    );
}

#[test]
fn self_closing_only_closes_foreign_elements() {
    assert_eq!(
        parsed("<svg><path/></svg><div/>x"),
        "<svg><path></path></svg><div>x</div>"
    );
}

#[test]
fn comments_do_not_split_text() {
    let dom = Dom::parse("<p>foo<!-- note -->bar</p>");
    let texts: Vec<String> = dom.elements().map(|(id, _)| dom.text(id, "|")).collect();
    assert_eq!(texts, vec!["foobar".to_string()]);
}

#[test]
fn deep_nesting_parses_in_linear_time() {
    let depth = 100_000;
    let html = format!(
        "{}x{}",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let started = std::time::Instant::now();
    let dom = Dom::parse(&html);
    assert_eq!(dom.elements().count(), 2 * depth);
    assert!(started.elapsed().as_secs() < 5);
}
