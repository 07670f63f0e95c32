//! Times extraction over every `.html` file of a folder on one thread, next to a bare html5ever
//! parse of the same pages, to tell how much of the time the parser itself takes:
//! `cargo run --release -p triangulate-extract --example bench_dir -- DIR [ROUNDS]`.

use std::time::Instant;

use triangulate_model::{Body, DocId, RawDocument};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bench_dir DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let mut pages = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot read {dir}: {e}");
            std::process::exit(1);
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            if let Ok(bytes) = std::fs::read(&path) {
                pages.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let docs: Vec<RawDocument> = pages
        .iter()
        .map(|html| RawDocument {
            id: DocId::of_bytes(html.as_bytes()),
            origin: String::new(),
            url: None,
            outlet: None,
            published: None,
            title: None,
            body: Body::Html(html.clone()),
        })
        .collect();
    let started = Instant::now();
    let mut chars = 0;
    for _ in 0..rounds {
        for doc in &docs {
            chars += triangulate_extract::extract(doc).map_or(0, |a| a.text.len());
        }
    }
    let extract_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut nodes = 0;
    for _ in 0..rounds {
        for html in &pages {
            nodes += scraper::Html::parse_document(html).tree.nodes().count();
        }
    }
    let parse_s = started.elapsed().as_secs_f64();
    let n = (pages.len() * rounds) as f64;
    println!(
        "{} pages x {rounds}: extract {:.0} pages/s, bare parse {:.0} pages/s ({chars} chars, {nodes} nodes)",
        pages.len(),
        n / extract_s,
        n / parse_s
    );
}
