//! Prints the cosine of a few invented sentence pairs and the embedding
//! throughput of whichever scorer `load` picks.
//!
//! `RAYON_NUM_THREADS=2 cargo run --release -p triangulate-embed --example embed_speed [MODEL_DIR]`

use std::path::PathBuf;
use std::time::Instant;

use triangulate_embed::load;

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from);
    let started = Instant::now();
    let scorer = load(dir.as_deref());
    println!(
        "scorer {} loaded in {:.2?}",
        scorer.name(),
        started.elapsed()
    );

    let original = "It is a fact that the dam cannot be breached by any flood";
    for (label, other) in [
        (
            "reworded",
            "The fact is that the dam is unbreachable by floods",
        ),
        ("shortened", "the dam is unbreachable"),
        ("unrelated", "Heavy rain closed three schools in the north"),
    ] {
        println!("{label:<10} {:.3}", scorer.similarity(original, other));
    }

    let subjects = [
        "The mayor",
        "A spokesman for the ministry",
        "Two residents",
        "The court",
    ];
    let verbs = ["said", "denied", "announced", "confirmed"];
    let objects = [
        "that the bridge would reopen next week",
        "the new water tariff",
        "a delay in the harbour project",
        "the result of the inquiry",
        "plans to close the northern school",
    ];
    let mut sentences = Vec::new();
    for round in 0..4 {
        for s in subjects {
            for v in verbs {
                for o in objects {
                    sentences.push(format!("{s} {v} {o} on day {round}."));
                }
            }
        }
    }
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    scorer.embed(&texts[..8]); // warm-up
    let started = Instant::now();
    let vectors = scorer.embed(&texts);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} sentences in {seconds:.2}s: {:.0} embeddings/s (dims {})",
        vectors.len(),
        vectors.len() as f64 / seconds,
        vectors.first().map_or(0, Vec::len)
    );
}
