mod pairs;

use std::path::Path;

use pairs::{ORIGINAL, REWORDED, SHORTENED, UNRELATED};
use triangulate_embed::{load, try_load, Lexical, Similarity};

#[test]
fn related_sentences_outscore_an_unrelated_one() {
    let scorer = Lexical::default();
    let unrelated = scorer.similarity(ORIGINAL, UNRELATED);
    assert!(scorer.similarity(ORIGINAL, REWORDED) > unrelated);
    assert!(scorer.similarity(ORIGINAL, SHORTENED) > unrelated);
    assert!(unrelated < 0.1, "unrelated pair scored {unrelated}");
}

#[test]
fn batch_similarities_match_single_calls() {
    let scorer = Lexical::default();
    let pairs = [
        (ORIGINAL, REWORDED),
        (ORIGINAL, UNRELATED),
        (REWORDED, ORIGINAL),
    ];
    let batch = scorer.similarities(&pairs);
    assert_eq!(batch.len(), pairs.len());
    for (&(a, b), got) in pairs.iter().zip(&batch) {
        assert!((scorer.similarity(a, b) - got).abs() < 1e-6);
    }
}

#[test]
fn empty_and_symbol_only_texts_score_zero() {
    let scorer = Lexical::default();
    assert_eq!(scorer.similarity("", ORIGINAL), 0.0);
    assert_eq!(scorer.similarity("— … !!", "?"), 0.0);
}

#[test]
fn a_missing_model_falls_back_to_lexical() {
    let dir = Path::new("/nonexistent/triangulate-model");
    assert!(try_load(Some(dir)).is_err());
    assert_eq!(load(Some(dir)).name(), "lexical");
}

#[test]
fn broken_model_files_fall_back_to_lexical() {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in ["config.json", "tokenizer.json", "model.safetensors"] {
        std::fs::write(dir.path().join(file), b"not what it claims").expect("write");
    }
    let err = try_load(Some(dir.path()))
        .err()
        .expect("garbage must not load");
    let message = err.to_string();
    assert!(
        message.contains("config") || message.contains("built without"),
        "{message}"
    );
    assert_eq!(load(Some(dir.path())).name(), "lexical");
}
