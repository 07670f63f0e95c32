//! Prints the extracted article of one file as JSON: `cargo run -p triangulate-extract --example
//! extract_file -- PATH` (files ending in .html or .htm are read as HTML, others as text).

use triangulate_model::{Body, DocId, RawDocument};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract_file PATH");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let body = if path.ends_with(".html") || path.ends_with(".htm") {
        Body::Html(text)
    } else {
        Body::Text(text)
    };
    let doc = RawDocument {
        id: DocId::of_bytes(&bytes),
        origin: path.clone(),
        url: None,
        outlet: None,
        published: None,
        title: None,
        body,
    };
    match triangulate_extract::extract(&doc) {
        Ok(article) => match serde_json::to_string_pretty(&article) {
            Ok(json) => println!("{json}"),
            Err(e) => eprintln!("cannot render {path}: {e}"),
        },
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
