//! Reading whole folders of mixed, partly broken inputs: every bad item is named, the rest of
//! the batch still comes through.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use triangulate_ingest::{read_bytes, read_paths, IngestOptions, Item};
use triangulate_model::{Body, DocId, Problem, RawDocument};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

fn warc_record(kind: &str, uri: &str, content_type: &str, content: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2031-05-01T10:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        content.len()
    )
    .into_bytes();
    record.extend_from_slice(content);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn http_response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut response = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    response.extend_from_slice(body);
    response
}

const HTTP: &str = "application/http; msgtype=response";

fn page(title: &str) -> String {
    format!("<html><head><title>{title}</title></head><body><p>{title} happened in Orvala.</p></body></html>")
}

fn problem_for<'a>(problems: &'a [Problem], suffix: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|problem| problem.item.ends_with(suffix))
        .map(|problem| problem.error.as_str())
}

fn document<'a>(documents: &'a [RawDocument], origin_suffix: &str) -> Option<&'a RawDocument> {
    documents
        .iter()
        .find(|document| document.origin.ends_with(origin_suffix))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create fixture folder");
    }
    fs::write(&path, bytes).expect("write fixture");
    path
}

#[test]
fn a_mixed_folder_is_read_and_every_bad_item_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(
        root,
        "a_plain.txt",
        b"Mayor Ilse Brandvik opened the bridge on Tuesday.",
    );
    write(root, "b_page.html", page("Bridge opening").as_bytes());
    write(root, "c_empty.txt", b"");
    write(
        root,
        "d_binary.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    write(root, "e_undecodable.txt", b"abc \x81\x8d\x8f\x90\x9d def");
    write(
        root,
        "f_latin1.txt",
        b"Caf\xe9 owners in N\xeemes protested.",
    );
    write(root, ".hidden.txt", b"never read");
    write(root, ".git/config.txt", b"never read");
    write(root, "notes.md", b"not an input format");
    write(root, "sub/nested.htm", page("Nested").as_bytes());
    write(
        root,
        "g_zipped.txt.gz",
        &gzip(b"The harbour of Selmi froze over."),
    );
    write(
        root,
        "h_bad.txt.gz",
        b"\x1f\x8b\x08\0garbage that is no deflate stream",
    );
    let jsonl = concat!(
        r#"{"url":"https://harbour.test/1","outlet":"Harbour Post","published":"2031-04-02","title":"Ice","text":"The ice broke."}"#,
        "\n",
        r#"{"url": "https://harbour.test/2", "title": "broken"#,
        "\n\n",
        r#"{"title":"Gala","html":"<p>The gala was held.</p>"}"#,
        "\r\n",
    );
    write(root, "i_export.jsonl", jsonl.as_bytes());
    write(root, "j_export.jsonl.gz", &gzip(jsonl.as_bytes()));

    let ingested = read_paths(
        &[root.to_path_buf(), root.join("missing.txt")],
        &IngestOptions::default(),
    );
    let docs = &ingested.documents;
    let problems = &ingested.problems;

    // Documents come in path order, nested folders included.
    let origins: Vec<String> = docs
        .iter()
        .map(|d| {
            d.origin
                .strip_prefix(&root.display().to_string())
                .unwrap_or(&d.origin)
                .to_owned()
        })
        .collect();
    assert_eq!(
        origins,
        [
            "/a_plain.txt",
            "/b_page.html",
            "/f_latin1.txt",
            "/g_zipped.txt.gz",
            "/i_export.jsonl:1",
            "/i_export.jsonl:4",
            "/j_export.jsonl.gz:1",
            "/j_export.jsonl.gz:4",
            "/sub/nested.htm",
        ]
    );

    assert_eq!(problem_for(problems, "c_empty.txt"), Some("empty file"));
    assert_eq!(
        problem_for(problems, "d_binary.html"),
        Some("binary content, not text")
    );
    assert_eq!(
        problem_for(problems, "e_undecodable.txt"),
        Some("text is neither utf-8 nor windows-1252")
    );
    assert!(problem_for(problems, "h_bad.txt.gz").is_some_and(|e| e.starts_with("cannot read")));
    assert!(
        problem_for(problems, "i_export.jsonl:2").is_some_and(|e| e.starts_with("invalid json"))
    );
    assert!(
        problem_for(problems, "j_export.jsonl.gz:2").is_some_and(|e| e.starts_with("invalid json"))
    );
    assert_eq!(
        problem_for(problems, "missing.txt"),
        Some("no such file or directory")
    );
    assert_eq!(problems.len(), 7, "{problems:#?}");
    assert_eq!(ingested.skipped, vec![root.join("notes.md")]);

    let plain = document(docs, "a_plain.txt");
    assert_eq!(
        plain.map(|d| d.id.clone()),
        Some(DocId::of_bytes(
            b"Mayor Ilse Brandvik opened the bridge on Tuesday."
        ))
    );
    assert!(
        matches!(document(docs, "b_page.html").map(|d| &d.body), Some(Body::Html(h)) if h.contains("Orvala"))
    );
    assert_eq!(
        document(docs, "f_latin1.txt").map(|d| &d.body),
        Some(&Body::Text("Café owners in Nîmes protested.".into()))
    );
    assert_eq!(
        document(docs, "g_zipped.txt.gz").map(|d| &d.id),
        Some(&DocId::of_bytes(b"The harbour of Selmi froze over."))
    );
    let line = document(docs, "i_export.jsonl:1");
    assert_eq!(line.and_then(|d| d.outlet.as_deref()), Some("Harbour Post"));
    assert_eq!(
        line.and_then(|d| d.url.as_deref()),
        Some("https://harbour.test/1")
    );
    assert_eq!(
        line.and_then(|d| d.published.as_deref()),
        Some("2031-04-02")
    );
    assert_eq!(
        line.map(|d| &d.body),
        Some(&Body::Text("The ice broke.".into()))
    );
    // The same line compressed or not is the same document.
    assert_eq!(
        line.map(|d| &d.id),
        document(docs, "j_export.jsonl.gz:1").map(|d| &d.id)
    );
    assert!(matches!(
        document(docs, "i_export.jsonl:4").map(|d| &d.body),
        Some(Body::Html(_))
    ));
}

#[test]
fn a_named_file_of_unknown_type_is_a_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "table.csv", b"a,b\n1,2\n");
    let ingested = read_paths(&[path], &IngestOptions::default());
    assert!(ingested.documents.is_empty());
    assert!(problem_for(&ingested.problems, "table.csv")
        .is_some_and(|e| e.starts_with("unsupported file type")));
}

#[test]
fn a_huge_file_is_refused_by_name_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("huge.txt");
    File::create(&big)
        .and_then(|f| f.set_len(50 * 1024 * 1024))
        .expect("sparse file");
    write(dir.path(), "small.txt", b"A small report from Dunmore.");
    let started = Instant::now();
    let ingested = read_paths(&[dir.path().to_path_buf()], &IngestOptions::default());
    // Generous: reading 50 MB would not be slow either, but decoding zeros would be refused for
    // another reason; the message says which check caught it.
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        problem_for(&ingested.problems, "huge.txt"),
        Some("document is 52428800 bytes, over the limit of 33554432 bytes")
    );
    assert_eq!(ingested.documents.len(), 1);
}

#[test]
fn compressed_and_line_limits_hold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let long_text = "word ".repeat(1000);
    write(dir.path(), "bomb.txt.gz", &gzip(long_text.as_bytes()));
    let jsonl = format!("{{\"text\":\"{long_text}\"}}\n{{\"text\":\"short\"}}\n");
    write(dir.path(), "lines.jsonl", jsonl.as_bytes());
    let options = IngestOptions { max_bytes: 1000 };
    let ingested = read_paths(&[dir.path().to_path_buf()], &options);
    assert_eq!(
        problem_for(&ingested.problems, "bomb.txt.gz"),
        Some("document is over the limit of 1000 bytes")
    );
    assert_eq!(
        problem_for(&ingested.problems, "lines.jsonl:1"),
        Some("document is over the limit of 1000 bytes")
    );
    assert_eq!(ingested.documents.len(), 1);
    assert!(ingested.documents[0].origin.ends_with("lines.jsonl:2"));
}

fn sample_warc() -> Vec<Vec<u8>> {
    let mut warc = vec![warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    )];
    warc.push(warc_record(
        "request",
        "https://news.test/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    let first = page("Dam inspected");
    warc.push(warc_record(
        "response",
        "https://news.test/a",
        HTTP,
        &http_response(
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            first.as_bytes(),
        ),
    ));
    warc.push(warc_record(
        "response",
        "https://news.test/logo.png",
        HTTP,
        &http_response("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\0\0"),
    ));
    // A chunked, gzip-encoded, windows-1251 page.
    let cyrillic = b"<html><body><p>\xec\xe8\xf0</p></body></html>";
    let zipped = gzip(cyrillic);
    let mut chunked = format!("{:x}\r\n", zipped.len()).into_bytes();
    chunked.extend_from_slice(&zipped);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    warc.push(warc_record(
        "response",
        "<https://news.test/b>",
        HTTP,
        &http_response(
            "200 OK",
            "Content-Type: text/html; charset=windows-1251\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        ),
    ));
    warc.push(warc_record(
        "response",
        "https://news.test/moved",
        HTTP,
        &http_response(
            "301 Moved Permanently",
            "Location: /a\r\nContent-Type: text/html\r\n",
            b"<a href=/a>moved</a>",
        ),
    ));
    warc
}

#[test]
fn warc_responses_become_pages_and_a_truncated_record_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut warc = sample_warc().concat();
    let last = warc_record(
        "response",
        "https://news.test/c",
        HTTP,
        &http_response(
            "200 OK",
            "Content-Type: text/html\r\n",
            page("Cut short").as_bytes(),
        ),
    );
    warc.extend_from_slice(&last[..last.len() - 40]);
    write(dir.path(), "crawl.warc", &warc);

    // Each record compressed as its own gzip member, as crawlers write them.
    let records = sample_warc();
    assert!(records.len() > 3);
    let members: Vec<u8> = records.iter().flat_map(|record| gzip(record)).collect();
    write(dir.path(), "crawl2.warc.gz", &members);

    let ingested = read_paths(&[dir.path().to_path_buf()], &IngestOptions::default());
    let docs = &ingested.documents;
    assert_eq!(docs.len(), 4, "{:#?}", ingested.problems);
    let first = document(docs, "crawl.warc#3");
    assert_eq!(
        first.and_then(|d| d.url.as_deref()),
        Some("https://news.test/a")
    );
    assert_eq!(
        first.map(|d| &d.body),
        Some(&Body::Html(page("Dam inspected")))
    );
    assert_eq!(
        first.map(|d| &d.id),
        Some(&DocId::of_bytes(page("Dam inspected").as_bytes()))
    );
    let second = document(docs, "crawl.warc#5");
    assert_eq!(
        second.and_then(|d| d.url.as_deref()),
        Some("https://news.test/b")
    );
    assert!(matches!(second.map(|d| &d.body), Some(Body::Html(h)) if h.contains("мир")));
    assert_eq!(
        first.map(|d| &d.id),
        document(docs, "crawl2.warc.gz#3").map(|d| &d.id)
    );
    assert_eq!(ingested.problems.len(), 1, "{:#?}", ingested.problems);
    assert!(problem_for(&ingested.problems, "crawl.warc#7")
        .is_some_and(|e| e.starts_with("truncated warc record")));
}

#[test]
fn a_warc_without_a_version_line_is_named() {
    let mut found = Vec::new();
    read_bytes(
        "odd.warc",
        b"HTTP/1.1 200 OK\r\n\r\nhello",
        &IngestOptions::default(),
        |item| found.push(item),
    );
    assert!(
        matches!(&found[..], [Item::Problem(p)] if p.item == "odd.warc#1" && p.error.starts_with("invalid warc record header"))
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let options = IngestOptions { max_bytes: 4096 };
        for name in ["x.txt", "x.html", "x.jsonl", "x.warc", "x.txt.gz", "x.warc.gz"] {
            let mut count = 0;
            read_bytes(name, &bytes, &options, |_| count += 1);
            // Whole-document formats always answer with exactly one document or problem.
            if name == "x.txt" || name == "x.html" {
                prop_assert_eq!(count, 1);
            }
        }
    }

    #[test]
    fn arbitrary_warc_records_never_panic(
        headers in "([A-Za-z-]{1,12}: [ -~]{0,20}\r\n){0,6}",
        length in 0u64..600,
        content in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let mut bytes = format!("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: {HTTP}\r\n{headers}Content-Length: {length}\r\n\r\n").into_bytes();
        bytes.extend_from_slice(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n");
        bytes.extend_from_slice(&content);
        read_bytes("x.warc", &bytes, &IngestOptions::default(), |_| {});
    }
}
