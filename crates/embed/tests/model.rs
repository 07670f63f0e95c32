//! Runs only when the weights are installed (`scripts/fetch-model.sh`).
#![cfg(feature = "model")]

mod pairs;

use std::path::PathBuf;

use pairs::{ORIGINAL, REWORDED, SHORTENED, UNRELATED};
use triangulate_embed::{cosine, MiniLm, Similarity, MODEL_DIR_ENV};

fn model() -> Option<MiniLm> {
    let dir = std::env::var_os(MODEL_DIR_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../models/all-minilm-l6-v2"
            ))
        });
    if !dir.join("model.safetensors").is_file() {
        eprintln!(
            "skipped: no model in {} (run scripts/fetch-model.sh)",
            dir.display()
        );
        return None;
    }
    Some(MiniLm::load(&dir).expect("installed model loads"))
}

#[test]
fn paraphrases_score_high_and_unrelated_low() {
    let Some(model) = model() else { return };
    let reworded = model.similarity(ORIGINAL, REWORDED);
    let shortened = model.similarity(ORIGINAL, SHORTENED);
    let unrelated = model.similarity(ORIGINAL, UNRELATED);
    eprintln!("reworded {reworded:.3} shortened {shortened:.3} unrelated {unrelated:.3}");
    assert!(reworded > 0.7, "reworded {reworded}");
    assert!(shortened > 0.5, "shortened {shortened}");
    assert!(unrelated < 0.3, "unrelated {unrelated}");
}

#[test]
fn padding_in_a_batch_does_not_change_a_vector() {
    let Some(model) = model() else { return };
    let alone = model.embed(&[SHORTENED]);
    let long = "The regional council of Vashti Province met on Tuesday to review the \
                reservoir inspection report, the spring rainfall forecast and the budget";
    let batched = model.embed(&[long, SHORTENED, ORIGINAL]);
    assert_eq!(alone[0].len(), model.dims());
    let agreement = cosine(&alone[0], &batched[1]);
    assert!(agreement > 0.9999, "same text, cosine {agreement}");
}

#[test]
fn vectors_are_unit_length_even_for_empty_text() {
    let Some(model) = model() else { return };
    for vector in model.embed(&["", "Mayor Odile Varga", "¿Qué pasó en Pellan?"]) {
        let norm: f32 = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
    }
}

#[test]
fn very_long_text_is_truncated_not_rejected() {
    let Some(model) = model() else { return };
    let long = "the dam holds ".repeat(2000);
    let vector = &model.embed(&[&long])[0];
    assert!(vector.iter().any(|&x| x != 0.0));
}
