//! A labelled set of quote pairs from invented stories: rewordings, shortenings and
//! translation-style paraphrases of one utterance (positives), and other sentences of the same
//! speaker in the same story (negatives). Alignment precision and recall are measured on it.

use triangulate_link::utterances::{align_with, AlignQuote, Embedder};
use triangulate_model::DocId;

/// (speaker, first rendering, second rendering, same utterance)
const PAIRS: &[(&str, &str, &str, bool)] = &[
    // Rewordings.
    ("mayor", "It is a fact that the dam cannot be breached by any flood.", "The fact is that the dam is unbreachable by floods.", true),
    ("mayor", "We will rebuild every house the river destroyed before winter.", "Every house destroyed by the river will be rebuilt before the winter, we promise.", true),
    ("minister", "Our grain exports to the southern ports will double next year.", "Next year, grain exports to southern ports are going to double.", true),
    ("minister", "The ferry tax was a mistake and it will be scrapped.", "The ferry tax was a mistake, so we are scrapping it.", true),
    ("union", "The strike continues until the shipyard pays the wages it owes.", "We will continue the strike until the shipyard pays owed wages.", true),
    ("coach", "This team has never played with so much courage.", "Never has this team played with as much courage.", true),
    ("envoy", "Talks with the northern delegation have collapsed for now.", "For now, the talks with the northern delegation collapsed.", true),
    ("judge", "The evidence presented by the prosecution is simply insufficient.", "The prosecution presented evidence that is insufficient.", true),
    ("doctor", "The hospital has run out of beds for new patients.", "Our hospital ran out of beds for any new patients.", true),
    ("chair", "The board unanimously rejected the takeover offer from Velmar.", "The takeover offer from Velmar was rejected unanimously by the board.", true),
    // Shortenings.
    ("mayor", "The dam is unbreachable.", "The fact is that the dam is unbreachable by floods.", true),
    ("minister", "grain exports will double", "Our grain exports to the southern ports will double next year.", true),
    ("union", "until the shipyard pays", "The strike continues until the shipyard pays the wages it owes.", true),
    ("envoy", "talks have collapsed", "Talks with the northern delegation have collapsed for now.", true),
    ("chair", "rejected the takeover offer", "The board unanimously rejected the takeover offer from Velmar.", true),
    ("doctor", "run out of beds", "The hospital has run out of beds for new patients.", true),
    ("coach", "so much courage", "This team has never played with so much courage.", true),
    ("judge", "simply insufficient", "The evidence presented by the prosecution is simply insufficient.", true),
    // Translation-style paraphrases (one outlet translating another's source language).
    ("president", "It is a fact that Ostria cannot be defeated in the military sense.", "The fact is that Ostria is invincible militarily.", true),
    ("president", "A further escalation of the conflict will lead to irreparable consequences for all humanity.", "Further escalation of the war will lead to irreparable consequences for the whole of humanity.", true),
    ("president", "Our cooperation will be expanded in the spirit of a strategic partnership.", "Cooperation between our countries will expand in a spirit of strategic partnership.", true),
    ("president", "In our country, people treat the Velian nation and its culture with sincere sympathy.", "In Ostria, they treat the Velian people and their unique culture with genuine sympathy.", true),
    ("minister", "The refinery will be modernised with funds from the state budget.", "The state budget will pay for the modernisation of the refinery.", true),
    ("envoy", "There have never been disagreements between our states.", "Our states have never had any disagreement.", true),
    ("mayor", "The new tram line must be finished by the autumn elections.", "The tram line has to be completed before the elections in autumn.", true),
    ("union", "Workers have not been paid for three months.", "For three months the workers received no pay.", true),
    // Negatives: the same speaker on another topic, in the same story.
    ("mayor", "It is a fact that the dam cannot be breached by any flood.", "The dam will be inspected by engineers every spring.", false),
    ("mayor", "We will rebuild every house the river destroyed before winter.", "The river flooded the old town twice this year.", false),
    ("minister", "Our grain exports to the southern ports will double next year.", "The southern ports need new cranes and deeper berths.", false),
    ("minister", "The ferry tax was a mistake and it will be scrapped.", "The ferry company will receive a new contract in March.", false),
    ("union", "The strike continues until the shipyard pays the wages it owes.", "The shipyard has built forty ships for the navy.", false),
    ("president", "It is a fact that Ostria cannot be defeated in the military sense.", "Ostria and Velia have signed a treaty on river trade.", false),
    ("president", "A further escalation of the conflict will lead to irreparable consequences for all humanity.", "The peace plan of Tarnia and Belmor deserves support.", false),
    ("president", "Our cooperation will be expanded in the spirit of a strategic partnership.", "The embassy of our country continues to work in the capital.", false),
    ("president", "In our country, people treat the Velian nation and its culture with sincere sympathy.", "The war in Velia must end at the negotiating table.", false),
    ("envoy", "Talks with the northern delegation have collapsed for now.", "The northern delegation arrived by train on Tuesday.", false),
    ("judge", "The evidence presented by the prosecution is simply insufficient.", "The prosecution will appeal the ruling next week.", false),
    ("doctor", "The hospital has run out of beds for new patients.", "New patients are arriving from the northern villages.", false),
    ("chair", "The board unanimously rejected the takeover offer from Velmar.", "Velmar remains an important partner for the board.", false),
    ("coach", "This team has never played with so much courage.", "The team will play its next match in the capital.", false),
    ("president", "The fact is that Ostria is invincible militarily.", "Ostria will not take part in the military exercises this year.", false),
    ("mayor", "The dam is unbreachable.", "The dam is old.", false),
];

#[test]
fn alignment_precision_and_recall_on_labelled_pairs() {
    measure(None, "word overlap");
}

/// The same pairs with the sentence model beside the word overlap, when its weights are
/// installed (`scripts/fetch-model.sh`); without them there is nothing to measure.
#[test]
fn alignment_with_the_sentence_model() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/all-minilm-l6-v2"
    ));
    let model = match triangulate_embed::try_load(Some(dir)) {
        Ok(model) => model,
        Err(err) => {
            println!("sentence model not measured: {err}");
            return;
        }
    };
    let embed = |texts: &[&str]| model.embed(texts);
    measure(Some(&embed), "word overlap and sentence model");
}

fn measure(embed: Option<Embedder>, what: &str) {
    let (d1, d2) = (DocId("outlet-a".into()), DocId("outlet-b".into()));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    for (speaker, a, b, same) in PAIRS {
        let quotes = [
            AlignQuote {
                id: "a",
                doc: &d1,
                text: a,
                speaker: Some(speaker),
            },
            AlignQuote {
                id: "b",
                doc: &d2,
                text: b,
                speaker: Some(speaker),
            },
        ];
        let aligned = align_with(&quotes, embed).iter().any(|u| {
            u.renderings.iter().any(|r| r.quote == "a")
                && u.renderings.iter().any(|r| r.quote == "b")
        });
        match (aligned, *same) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                errors.push(format!("false alignment: {a:?} / {b:?}"));
            }
            (false, true) => {
                fn_ += 1;
                errors.push(format!("missed: {a:?} / {b:?}"));
            }
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "alignment ({what}) on {} pairs: precision {precision:.3}, recall {recall:.3}",
        PAIRS.len()
    );
    for e in &errors {
        println!("  {e}");
    }
    assert!(precision >= 0.95, "precision {precision:.3}: {errors:#?}");
    assert!(recall >= 0.9, "recall {recall:.3}: {errors:#?}");
}
