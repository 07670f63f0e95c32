//! The seed reports: furniture gone, dates, outlets and reprint origins as the acceptance list
//! states them. Reads ../shared at test time; nothing of it is copied here.

use std::path::{Path, PathBuf};

use serde_json::Value;
use triangulate_model::{Article, Body, DocId, RawDocument};

fn shared() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).to_path_buf()
}

fn seed(prefix: &str) -> Option<Article> {
    let dir = shared().join("seeds");
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    let text = std::fs::read_to_string(entry.path()).ok()?;
    let doc = RawDocument {
        id: DocId::of_bytes(text.as_bytes()),
        origin: entry.path().display().to_string(),
        url: None,
        outlet: None,
        published: None,
        title: None,
        body: Body::Text(text),
    };
    Some(triangulate_extract::extract(&doc).expect("seed extracts"))
}

fn expect() -> Option<Value> {
    let raw = std::fs::read_to_string(shared().join("acceptance/seeds.expect.json")).ok()?;
    serde_json::from_str(&raw).ok()
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

#[test]
fn seeds_meet_the_acceptance_list() {
    let Some(expect) = expect() else { return };
    let prefixes = ["000", "002", "004"];
    let articles: Vec<(&str, Article)> = prefixes
        .iter()
        .filter_map(|p| seed(p).map(|a| (*p, a)))
        .collect();
    if articles.len() != prefixes.len() {
        return;
    }
    let article = |p: &str| &articles.iter().find(|(q, _)| *q == p).expect("seed").1;
    let mut failures = Vec::new();
    for (prefix, a) in &articles {
        let seen = format!("{}\n{}", a.title.clone().unwrap_or_default(), a.text).to_lowercase();
        for junk in list(&expect, "boilerplate_absent")
            .iter()
            .filter_map(Value::as_str)
        {
            if seen.contains(&junk.to_lowercase()) {
                failures.push(format!("{prefix}: furniture {junk:?} left in the text"));
            }
        }
        for block in &a.blocks {
            if block.span.slice(&a.text).is_none() {
                failures.push(format!(
                    "{prefix}: block span {:?} does not slice",
                    block.span
                ));
            }
        }
    }
    for check in list(&expect, "published") {
        let Some(doc) = str_of(check, "doc") else {
            continue;
        };
        let got = article(doc).published.as_ref().map(|d| d.day().to_string());
        let want = str_of(check, "date").map(str::to_string);
        if got != want {
            failures.push(format!("{doc}: published {got:?}, expected {want:?}"));
        }
    }
    for check in list(&expect, "syndication") {
        let (Some(doc), Some(want)) = (
            str_of(check, "doc"),
            str_of(check, "original_outlet_contains"),
        ) else {
            continue;
        };
        let got = article(doc)
            .reprint
            .as_ref()
            .map(|r| r.original_outlet.clone());
        if !got.as_deref().is_some_and(|g| g.contains(want)) {
            failures.push(format!("{doc}: reprint origin {got:?}, expected {want:?}"));
        }
    }
    for check in list(&expect, "outlets") {
        let Some(doc) = str_of(check, "doc") else {
            continue;
        };
        let got = article(doc).outlet.clone().unwrap_or_default();
        if let Some(want) = str_of(check, "outlet_contains") {
            if !got.contains(want) {
                failures.push(format!(
                    "{doc}: outlet {got:?}, expected to contain {want:?}"
                ));
            }
        }
        if let Some(not) = str_of(check, "outlet_not_contains") {
            if got.contains(not) {
                failures.push(format!("{doc}: outlet {got:?} must not contain {not:?}"));
            }
        }
    }
    // The quotes the later stages need must survive furniture removal.
    for check in list(&expect, "quotes") {
        let Some(contains) = str_of(check, "contains") else {
            continue;
        };
        for doc in list(check, "docs").iter().filter_map(Value::as_str) {
            if !article(doc).text.contains(contains) {
                failures.push(format!("{doc}: quote {contains:?} lost"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_headline_without_byline_becomes_the_title_and_sentences_do_not() {
    let (Some(dated), Some(reprinted)) = (seed("002"), seed("004")) else {
        return;
    };
    // 002 opens with a lead sentence, then a short standalone headline line.
    let title = dated.title.expect("002 has a headline line");
    assert!(title.starts_with("Tokayev spoke about"), "{title}");
    assert!(
        !dated.text.contains(&title),
        "the title is not repeated in the text"
    );
    // 004 opens with a reprint notice and then only sentences: no line reads as a headline.
    assert_eq!(reprinted.title, None);
}
