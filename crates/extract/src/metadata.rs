//! Metadata of an HTML page: title, outlet, authors, dates, language, canonical URL. Sources are
//! tried from the most deliberate (JSON-LD, Open Graph) to the most incidental (title suffix,
//! URL path).

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use triangulate_model::{Dated, Provenance};

use crate::article::Draft;
use crate::dates;

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    body: Option<String>,
}

fn is_article_type(obj: &serde_json::Map<String, Value>) -> bool {
    let names = |v: &Value| match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    obj.get("@type")
        .map(names)
        .unwrap_or_default()
        .iter()
        .any(|t| {
            t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting"
        })
}

fn names_of(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| names_of(v, out)),
        Value::Object(obj) => {
            if let Some(name) = obj.get("name") {
                names_of(name, out);
            }
        }
        _ => {}
    }
}

fn collect_linked(value: &Value, ld: &mut LinkedData, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_linked(v, ld, depth + 1)),
        Value::Object(obj) => {
            if let Some(graph) = obj.get("@graph") {
                collect_linked(graph, ld, depth + 1);
            }
            if !is_article_type(obj) {
                return;
            }
            let text = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
            ld.headline = ld.headline.take().or_else(|| text("headline"));
            ld.published = ld.published.take().or_else(|| text("datePublished"));
            ld.modified = ld.modified.take().or_else(|| text("dateModified"));
            ld.body = ld.body.take().or_else(|| text("articleBody"));
            if ld.authors.is_empty() {
                if let Some(author) = obj.get("author") {
                    names_of(author, &mut ld.authors);
                }
            }
            if ld.publisher.is_none() {
                let mut names = Vec::new();
                if let Some(p) = obj.get("publisher") {
                    names_of(p, &mut names);
                }
                ld.publisher = names.into_iter().next();
            }
        }
        _ => {}
    }
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Splits "Headline | Outlet" into the headline and the suffix.
fn split_title(title: &str) -> (String, Option<String>) {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            if !head.trim().is_empty() && tail.split_whitespace().count() <= 5 {
                return (head.trim().to_string(), clean(tail));
            }
        }
    }
    (title.trim().to_string(), None)
}

fn plausible_author(name: &str) -> Option<String> {
    let name = name.trim();
    let name = name
        .strip_prefix("By ")
        .or_else(|| name.strip_prefix("by "))
        .or_else(|| name.strip_prefix("BY "))
        .unwrap_or(name)
        .trim();
    let lower = name.to_lowercase();
    let junk = lower.contains("email")
        || lower.contains("http")
        || name.contains('@')
        || lower.contains("follow")
        || lower.contains("twitter");
    if junk || name.is_empty() || name.len() > 60 || name.split_whitespace().count() > 6 {
        return None;
    }
    Some(name.to_string())
}

fn dated(raw: Option<String>, provenance: Provenance) -> Option<Dated> {
    let value = dates::normalise(&raw?)?;
    Some(Dated { value, provenance })
}

/// Reads the page's metadata (blocks are left empty).
pub fn from_html(doc: &Html, url: Option<&str>) -> Draft {
    let mut metas: Vec<(String, String)> = Vec::new();
    if let Some(sel) = selector("meta[content]") {
        for el in doc.select(&sel) {
            let v = el.value();
            let key = v.attr("property").or(v.attr("name")).or(v.attr("itemprop"));
            if let (Some(key), Some(content)) = (key, v.attr("content")) {
                metas.push((key.to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    };
    let mut ld = LinkedData::default();
    if let Some(sel) = selector(r#"script[type="application/ld+json"]"#) {
        for el in doc.select(&sel) {
            let raw: String = el.text().collect();
            if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
                collect_linked(&value, &mut ld, 0);
            }
        }
    }
    let first_text = |css: &str| {
        selector(css).and_then(|sel| doc.select(&sel).next().map(text_of).and_then(|t| clean(&t)))
    };
    let page_title = first_text("title");
    let (title_head, title_suffix) = match &page_title {
        Some(t) => {
            let (h, s) = split_title(t);
            (Some(h), s)
        }
        None => (None, None),
    };
    let outlet = meta(&["og:site_name", "application-name"])
        .or(ld.publisher.clone())
        .or(title_suffix.clone())
        .and_then(|o| clean(&o));
    let title = meta(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or_else(|| first_text("h1"))
        .or(title_head)
        .map(|t| {
            let (head, suffix) = split_title(&t);
            if suffix.is_some() && suffix == outlet {
                head
            } else {
                t
            }
        });
    let mut authors: Vec<String> = ld
        .authors
        .iter()
        .filter_map(|a| plausible_author(a))
        .collect();
    if authors.is_empty() {
        authors = metas
            .iter()
            .filter(|(k, _)| k == "author" || k == "article:author" || k == "dc.creator")
            .filter_map(|(_, v)| plausible_author(v))
            .collect();
    }
    if authors.is_empty() {
        if let Some(sel) = selector(r#"[rel="author"], [itemprop="author"], .byline"#) {
            authors = doc
                .select(&sel)
                .filter_map(|el| plausible_author(&text_of(el)))
                .take(3)
                .collect();
        }
    }
    authors.dedup();
    let published = dated(ld.published.clone(), Provenance::JsonLd)
        .or_else(|| {
            dated(
                meta(&[
                    "article:published_time",
                    "og:published_time",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "date",
                    "dc.date",
                    "dc.date.issued",
                    "sailthru.date",
                    "parsely-pub-date",
                ]),
                Provenance::MetaTag,
            )
        })
        .or_else(|| {
            let sel = selector("time[datetime]")?;
            let el = doc.select(&sel).next()?;
            dated(
                el.value().attr("datetime").map(str::to_string),
                Provenance::TimeElement,
            )
        })
        .or_else(|| {
            let value = dates::from_url(url?)?;
            Some(Dated {
                value,
                provenance: Provenance::Url,
            })
        });
    let modified = dated(ld.modified.clone(), Provenance::JsonLd).or_else(|| {
        dated(
            meta(&["article:modified_time", "og:updated_time", "datemodified"]),
            Provenance::MetaTag,
        )
    });
    let canonical_url = selector(r#"link[rel="canonical"]"#)
        .and_then(|sel| {
            doc.select(&sel)
                .next()?
                .value()
                .attr("href")
                .map(str::to_string)
        })
        .or_else(|| meta(&["og:url"]))
        .filter(|u| u.starts_with("http"));
    let language = selector("html[lang]")
        .and_then(|sel| {
            doc.select(&sel)
                .next()?
                .value()
                .attr("lang")
                .map(str::to_string)
        })
        .and_then(|l| {
            let code = l.split(['-', '_']).next()?.trim().to_ascii_lowercase();
            (code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic())).then_some(code)
        });
    Draft {
        title,
        outlet,
        authors,
        published,
        modified,
        language,
        canonical_url,
        structured_body: ld.body,
        ..Draft::default()
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    el.text().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_suffix_is_the_outlet() {
        let (head, suffix) = split_title("Ferry strike ends | Coastline Courier");
        assert_eq!(head, "Ferry strike ends");
        assert_eq!(suffix.as_deref(), Some("Coastline Courier"));
    }

    #[test]
    fn author_furniture_is_refused() {
        assert_eq!(plausible_author("Email the author"), None);
        assert_eq!(
            plausible_author("By Ilse Marrow").as_deref(),
            Some("Ilse Marrow")
        );
    }

    #[test]
    fn linked_data_wins() {
        let html = r#"<html lang="en-GB"><head><title>X | Y</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Tide record broken","datePublished":"2021-05-06T07:00:00Z",
            "dateModified":"2021-05-07T09:30:00Z","author":[{"@type":"Person","name":"Orla Finch"}],
            "publisher":{"@type":"Organization","name":"Estuary Post"}}</script>
            <meta property="article:published_time" content="2020-01-01"></head><body></body></html>"#;
        let draft = from_html(&Html::parse_document(html), None);
        assert_eq!(draft.title.as_deref(), Some("Tide record broken"));
        assert_eq!(draft.outlet.as_deref(), Some("Estuary Post"));
        assert_eq!(draft.authors, vec!["Orla Finch".to_string()]);
        let published = draft.published.expect("published");
        assert_eq!(published.value, "2021-05-06T07:00:00");
        assert_eq!(published.provenance, Provenance::JsonLd);
        assert_eq!(draft.modified.expect("modified").day(), "2021-05-07");
        assert_eq!(draft.language.as_deref(), Some("en"));
    }
}
