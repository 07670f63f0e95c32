//! Prints the quotes found in standard input, one per line: kind, content, speaker and cue,
//! then the entity mentions with their kinds and roles, then the labels.
//! `cargo run -p triangulate-analyze --example quotes < text`.

use std::io::Read;

use triangulate_model::{Article, DocId};

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("cannot read standard input: {e}");
        std::process::exit(1);
    }
    let article = Article::new(DocId::of_bytes(text.as_bytes()), "stdin", text);
    let analysis = triangulate_analyze::analyze(&article);
    let slice = |s: Option<triangulate_model::Span>| {
        s.and_then(|s| s.slice(&article.text))
            .unwrap_or("-")
            .to_string()
    };
    for q in &analysis.quotes {
        println!(
            "{:?}\t[{}]\tspeaker={}\tcue={}",
            q.kind,
            slice(Some(q.span)),
            slice(q.speaker_span),
            slice(q.cue)
        );
    }
    for m in &analysis.mentions {
        println!(
            "mention\t[{}]\t{:?}\t{:?}\tentity {}\trole {}",
            slice(Some(m.span)),
            m.form,
            m.kind,
            m.entity,
            m.role.as_deref().unwrap_or("-")
        );
    }
    for l in &analysis.labels {
        println!("label\t[{}]\t{:?}", l.text, l.target);
    }
}
