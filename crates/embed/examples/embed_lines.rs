//! Embeds texts read from standard input, one `KEY<TAB>TEXT` line each, and writes one
//! `KEY<TAB>v1 v2 ...` line per text (L2-normalised) to standard output; the scorer's name goes
//! to standard error. Used by `bench/stories-separability.sh`.
//!
//! `cargo run --release -p triangulate-embed --example embed_lines [MODEL_DIR] < texts.tsv`

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use triangulate_embed::load;

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).map(PathBuf::from);
    let scorer = load(dir.as_deref());
    eprintln!("scorer {}", scorer.name());
    let mut keys: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(err) => {
                eprintln!("line {}: {err}", n + 1);
                return ExitCode::FAILURE;
            }
        };
        match line.split_once('\t') {
            Some((key, text)) => {
                keys.push(key.to_string());
                texts.push(text.to_string());
            }
            None => eprintln!("line {}: no tab, skipped", n + 1),
        }
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vectors = scorer.embed(&refs);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (key, vector) in keys.iter().zip(vectors) {
        let values: Vec<String> = vector.iter().map(|x| format!("{x:.5}")).collect();
        if writeln!(out, "{key}\t{}", values.join(" ")).is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
