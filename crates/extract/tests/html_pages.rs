//! Extraction from invented HTML pages: article text kept in order, furniture dropped, metadata
//! read from the places pages put it.

use triangulate_extract::extract;
use triangulate_model::{Article, BlockKind, Body, DocId, Provenance, RawDocument};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn run(html: String, url: Option<&str>) -> Article {
    let doc = RawDocument {
        id: DocId::of_bytes(html.as_bytes()),
        origin: "fixture".into(),
        url: url.map(str::to_string),
        outlet: None,
        published: None,
        title: None,
        body: Body::Html(html),
    };
    extract(&doc).expect("fixture extracts")
}

#[test]
fn news_page_keeps_the_story_and_drops_furniture() {
    let a = run(fixture("harbour-gazette.html"), None);
    for furniture in [
        "Home",
        "Sign up for our morning briefing",
        "Share on",
        "Photo: Lena Ostrova",
        "Council approves bike lanes",
        "Accept cookies",
        "Great article",
        "Advertisement",
        "Ferry timetable",
    ] {
        assert!(
            !a.text.contains(furniture),
            "furniture {furniture:?} left in:\n{}",
            a.text
        );
    }
    let first = a
        .text
        .find("The harbour authority of Port Vessel")
        .expect("lead kept");
    let heading = a.text.find("What happens next").expect("heading kept");
    let quote = a
        .text
        .find("We have waited twenty years")
        .expect("block quote kept");
    let item = a.text.find("a new customs hall").expect("list item kept");
    let last = a
        .text
        .find("The works are due to finish in 2027.")
        .expect("last paragraph kept");
    assert!(first < heading && heading < quote && quote < item && item < last);
    let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BlockKind::Heading) && kinds.contains(&BlockKind::Quote));
    assert!(kinds.contains(&BlockKind::ListItem));
    assert_eq!(
        a.title.as_deref(),
        Some("Port Vessel harbour to double in size")
    );
    assert_eq!(a.outlet.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(a.authors, vec!["Mirela Tamsin".to_string()]);
    let published = a.published.expect("published");
    assert_eq!(published.day(), "2022-03-14");
    assert_eq!(published.provenance, Provenance::MetaTag);
    assert_eq!(a.modified.expect("modified").day(), "2022-03-15");
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://harbour-gazette.example/port-vessel-expansion")
    );
    assert_eq!(a.language.as_deref(), Some("en"));
}

#[test]
fn reprint_notice_and_url_date() {
    let html = "<html><head><title>Orchard yields fall - Valley Ledger</title></head><body>\
        <article><p>Apple growers in the Tessel valley picked a third less fruit this autumn, \
        the growers' association said, blaming a late frost in April.</p>\
        <p>Prices at the wholesale market rose by a fifth, traders said on Friday.</p>\
        <p><em>This story was originally published by Hillside Farm Weekly and is republished \
        with permission.</em></p></article></body></html>";
    let a = run(
        html.into(),
        Some("https://valley-ledger.example/2021/10/08/orchard-yields"),
    );
    assert_eq!(
        a.reprint.expect("reprint").original_outlet,
        "Hillside Farm Weekly"
    );
    assert!(!a.text.contains("originally published"));
    assert_eq!(a.outlet.as_deref(), Some("Valley Ledger"));
    let published = a.published.expect("date from the URL");
    assert_eq!(
        (published.day(), published.provenance),
        ("2021-10-08", Provenance::Url)
    );
}

#[test]
fn container_hints_win() {
    let html = "<html><head><meta property='og:site_name' content='Page Name'></head><body>\
        <p>The lighthouse keeper retired after forty years, the town said in a statement.</p></body></html>";
    let doc = RawDocument {
        id: DocId("x".into()),
        origin: "feed".into(),
        url: Some("https://example.org/a".into()),
        outlet: Some("Feed Outlet".into()),
        published: Some("2020-02-03".into()),
        title: Some("Keeper retires".into()),
        body: Body::Html(html.into()),
    };
    let a = extract(&doc).expect("extracts");
    assert_eq!(a.outlet.as_deref(), Some("Feed Outlet"));
    assert_eq!(a.title.as_deref(), Some("Keeper retires"));
    let published = a.published.expect("published");
    assert_eq!(
        (published.value.as_str(), published.provenance),
        ("2020-02-03", Provenance::Given)
    );
}

fn sentence(topic: &str, n: usize) -> String {
    format!(
        "<p>The {topic} report, part {n}, said the district of Varnholm had spent more on repairs \
         this year than in the previous three, according to figures the council published.</p>"
    )
}

#[test]
fn a_long_comment_thread_does_not_outvote_the_article() {
    let story: String = (0..3).map(|n| sentence("harbour", n)).collect();
    let comments: String = (0..12)
        .map(|n| {
            format!(
                "<div class='comment'><p>Reader {n} wrote that the ferry schedule changed again, \
                 and that nobody at the port office answered the phone, which is a shame.</p></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><div class='page'><div class='story'>{story}</div>\
         <div class='comments'>{comments}</div></div></body></html>"
    );
    let a = run(html, None);
    assert!(a.text.contains("The harbour report, part 0"), "{}", a.text);
    assert!(a.text.contains("part 2"), "{}", a.text);
    assert!(!a.text.contains("Reader 3 wrote"), "{}", a.text);
}

#[test]
fn a_lead_beside_the_body_box_is_kept() {
    let rest: String = (1..6).map(|n| sentence("budget", n)).collect();
    let html = format!(
        "<html><body><div class='wrap'><article>{}<div class='rest'>{rest}</div></article>\
         <div class='promo-box'><p>Try our crossword, now with a timer and hints for every clue \
         you cannot solve.</p></div></div></body></html>",
        sentence("budget", 0)
    );
    let a = run(html, None);
    assert!(
        a.text.starts_with("The budget report, part 0"),
        "{}",
        a.text
    );
    assert!(a.text.contains("part 5"), "{}", a.text);
}

#[test]
fn a_teaser_grid_is_not_the_article() {
    let cards: String = (0..8)
        .map(|n| {
            format!(
                "<div class='card'><div class='kicker'>STORY {n}</div><div class='dek'><p>A short \
                 summary of another story number {n}, about the orchard festival in Kessby.</p>\
                 </div></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><section><div class='main'>{}{}</div><div class='grid'>{cards}</div>\
         </section></body></html>",
        sentence("water", 0),
        sentence("water", 1)
    );
    let a = run(html, None);
    assert!(a.text.contains("The water report, part 1"), "{}", a.text);
    assert!(!a.text.contains("orchard festival"), "{}", a.text);
}

#[test]
fn table_rows_with_data_classes_are_kept() {
    let rows: String = (1..=6)
        .map(|n| {
            format!(
                "<tr class='player-{n}'><td>{n}</td><td>Driver {n}</td><td>{}</td></tr>",
                900 - n
            )
        })
        .collect();
    let html = format!(
        "<html><body><article>{}<table>{rows}</table>{}</article></body></html>",
        sentence("season", 0),
        sentence("season", 1)
    );
    let a = run(html, None);
    assert!(a.text.contains("Driver 4"), "{}", a.text);
}

#[test]
fn stated_article_body_fills_in_when_the_markup_hides_the_text() {
    let body = "Crews in Oskarby cleared the flooded tunnel overnight and reopened it to traffic \
        on Friday morning, the roads office said.\nEngineers will inspect the pumps next week, \
        and a report on the cause of the flooding is due before the end of the month.";
    let html = format!(
        "<html><head><script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\
         \"headline\":\"Tunnel reopens\",\"articleBody\":{}}}</script></head>\
         <body><div id='app'><p>Loading, please wait for the page to finish.</p></div></body></html>",
        serde_json::Value::String(body.to_string())
    );
    let a = run(html, None);
    assert!(a.text.starts_with("Crews in Oskarby"), "{}", a.text);
    assert!(a.text.contains("\n\nEngineers will inspect"), "{}", a.text);
}
