//! Prints the time expressions found in standard input, one per line, with their values and the
//! reasoning behind them: `cargo run -p triangulate-analyze --example times -- 2024-09-16 < text`.

use std::io::Read;

use triangulate_analyze::{sentences, time, Anchor};

fn main() {
    let anchor = std::env::args().nth(1).and_then(|a| Anchor::parse(&a));
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("cannot read standard input: {e}");
        std::process::exit(1);
    }
    for t in time::find(&text, &sentences::split(&text), anchor) {
        println!("{}\t{:?}\t{}\t{}", t.text, t.kind, t.value, t.reasoning);
    }
}
