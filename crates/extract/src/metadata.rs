//! Metadata of an HTML page: title, outlet, authors, dates, language, canonical URL. Sources are
//! tried from the most deliberate (JSON-LD, Open Graph) to the most incidental (title suffix,
//! URL path).

use serde_json::Value;
use triangulate_model::{Dated, Provenance};

use crate::article::Draft;
use crate::dates;
use crate::dom::Dom;

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

/// What one pass over the page's elements gathers for the metadata.
#[derive(Default)]
struct Gathered {
    metas: Vec<(String, String)>,
    ld: LinkedData,
    title: Option<String>,
    h1: Option<Option<String>>,
    time: Option<String>,
    canonical: Option<String>,
    lang: Option<String>,
    author_elems: Vec<usize>,
}

fn gather(doc: &Dom<'_>) -> Gathered {
    let mut g = Gathered::default();
    for (id, el) in doc.elements() {
        match el.name() {
            "meta" => {
                let key = el
                    .attr("property")
                    .or(el.attr("name"))
                    .or(el.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, el.attr("content")) {
                    g.metas
                        .push((key.to_ascii_lowercase(), content.to_string()));
                }
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let raw = doc.text(id, "");
                if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
                    collect_linked(&value, &mut g.ld, 0);
                }
            }
            "title" if g.title.is_none() => g.title = clean(&doc.text(id, " ")),
            "h1" if g.h1.is_none() => g.h1 = Some(clean(&doc.text(id, " "))),
            "time" if g.time.is_none() => g.time = el.attr("datetime").map(str::to_string),
            "link" if g.canonical.is_none() && el.attr("rel") == Some("canonical") => {
                g.canonical = el.attr("href").map(str::to_string);
            }
            "html" if g.lang.is_none() => g.lang = el.attr("lang").map(str::to_string),
            _ => {}
        }
        if el.attr("rel") == Some("author")
            || el.attr("itemprop") == Some("author")
            || (el.attr("class").is_some_and(|c| c.contains("byline")) && el.has_class("byline"))
        {
            g.author_elems.push(id);
        }
    }
    g
}

/// Reads the page's metadata (blocks are left empty).
pub fn from_html(doc: &Dom<'_>, url: Option<&str>) -> Draft {
    let Gathered {
        metas,
        ld,
        title: page_title,
        h1,
        time,
        canonical,
        lang,
        author_elems,
    } = gather(doc);
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    };
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
        .or_else(|| h1.flatten())
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
        authors = author_elems
            .iter()
            .filter_map(|&id| plausible_author(&doc.text(id, " ")))
            .take(3)
            .collect();
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
        .or_else(|| dated(time, Provenance::TimeElement))
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
    let canonical_url = canonical
        .or_else(|| meta(&["og:url"]))
        .filter(|u| u.starts_with("http"));
    let language = lang.and_then(|l| {
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
        let draft = from_html(&Dom::parse(html), None);
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
