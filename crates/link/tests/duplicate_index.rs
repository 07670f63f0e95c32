//! The incremental duplicate index, fed in batches, finds the same groups and originals as
//! `duplicates::find` over the whole set at once.

use triangulate_link::duplicates::{self, DuplicateIndex};
use triangulate_link::Analysed;
use triangulate_model::{Analysis, Article, Dated, DocId, Provenance, Reprint};

const FERRY: &str = "The ferry operator Norrvik Lines cancelled every crossing to the island of \
    Skarholm on Wednesday after a storm tore the mooring lines of two vessels in the harbour. \
    Captain Ilse Brandt said repairs would take at least a week and that passengers with tickets \
    would be refunded in full. Shopkeepers on the island warned that fresh food would run short by \
    the weekend, and the district council asked the navy for a supply boat. Engineers from the \
    port authority will inspect the pier on Thursday before any sailing resumes.";

const MINE: &str = "Miners at the Tovaleth copper pit walked out on Monday morning over a new \
    shift pattern that would add two night shifts a month without extra pay. The union leader \
    Darius Mekonen told a crowd at the gates that the company had ignored three letters since \
    spring. Management said output would fall by half during the strike and that talks could \
    start as soon as the workers returned. The regional governor urged both sides to meet before \
    the copper price slips further on the markets in Kellbridge.";

const ORCHARD: &str = "A late frost in the Ambervale valley destroyed most of the cherry blossom \
    on Saturday night, and growers fear the worst harvest in twenty years. Temperatures fell to \
    six degrees below zero for several hours despite fires lit between the rows. The growers' \
    cooperative estimates losses of nine million crowns and has asked the ministry for emergency \
    help. Some farmers said they would plant hardier varieties next season, while others talked \
    of selling their land to the vineyards spreading up from the south.";

fn doc(id: &str, outlet: &str, date: Option<&str>, text: &str) -> Analysed {
    Analysed {
        article: Article {
            outlet: Some(outlet.into()),
            published: date.map(|d| Dated {
                value: d.into(),
                provenance: Provenance::Given,
            }),
            ..Article::new(DocId(id.into()), id, text)
        },
        analysis: Analysis::default(),
    }
}

/// Copies, reprints under another header and footer, a partial copy, a credited reprint and
/// unrelated articles, in an order where some originals arrive after their copies.
fn corpus() -> Vec<Analysed> {
    let reprint = format!(
        "Reprinted with permission. Sign up for our evening briefing.\n\n{FERRY}\n\n\
         All rights reserved by the Coastal Courier. Reader comments are moderated."
    );
    let partial = MINE
        .split_inclusive(". ")
        .take(3)
        .collect::<String>()
        .trim()
        .to_string();
    let combined = format!(
        "{ORCHARD} In other farm news, the Ambervale horse fair opens next Friday with a record \
         number of stalls, and the organisers promise a parade of heavy horses through the town."
    );
    let mut credited = doc(
        "mine-credited",
        "Kellbridge Times",
        Some("2025-05-01"),
        MINE,
    );
    credited.article.reprint = Some(Reprint {
        original_outlet: "the Tovaleth Gazette".into(),
        evidence: "First published by the Tovaleth Gazette".into(),
    });
    vec![
        doc("ferry-copy", "Island Voice", Some("2025-03-06"), FERRY),
        doc("orchard", "Valley Weekly", Some("2025-04-12"), ORCHARD),
        doc("mine-partial", "Pit News", Some("2025-04-29"), &partial),
        doc(
            "ferry-reprint",
            "Coastal Courier",
            Some("2025-03-07"),
            &reprint,
        ),
        doc("mine", "Northern Wire", Some("2025-04-28"), MINE),
        credited,
        doc("ferry", "Skarholm Post", Some("2025-03-05"), FERRY),
        doc("mine-gazette", "Tovaleth Gazette", Some("2025-04-30"), MINE),
        doc("orchard-fair", "Farm Digest", None, &combined),
        doc(
            "brief",
            "Island Voice",
            None,
            "Ferries cancelled. More later.",
        ),
    ]
}

fn original_ids(docs: &[Analysed], original_of: impl Fn(usize) -> Option<usize>) -> Vec<String> {
    (0..docs.len())
        .map(|i| match original_of(i) {
            Some(o) => docs[o].article.id.0.clone(),
            None => "-".to_string(),
        })
        .collect()
}

#[test]
fn batches_find_the_groups_of_the_whole_set() {
    let docs = corpus();
    let whole = duplicates::find(&docs);
    let expected = original_ids(&docs, |i| whole.original_of(i));
    let mut single = DuplicateIndex::new();
    single.add_batch(&docs.iter().collect::<Vec<_>>());
    for size in [1, 2, 3, 4, docs.len()] {
        let mut index = DuplicateIndex::new();
        for chunk in docs.chunks(size) {
            let refs: Vec<&Analysed> = chunk.iter().collect();
            index.add_batch(&refs);
        }
        assert_eq!(index.len(), docs.len());
        let got = original_ids(&docs, |i| index.original_of(i));
        assert_eq!(got, expected, "batches of {size}");
        for i in 0..docs.len() {
            assert_eq!(index.similarity(i), single.similarity(i));
        }
    }
}

#[test]
fn the_groups_are_the_expected_ones() {
    let docs = corpus();
    let mut index = DuplicateIndex::new();
    for chunk in docs.chunks(3) {
        let refs: Vec<&Analysed> = chunk.iter().collect();
        index.add_batch(&refs);
    }
    let got = original_ids(&docs, |i| index.original_of(i));
    let expected = [
        "ferry",        // ferry-copy: the earliest of the ferry group arrived later
        "-",            // orchard: contained in orchard-fair, but published, so the original
        "mine-gazette", // mine-partial: the credited outlet wins over the earliest
        "ferry",        // ferry-reprint: header and footer do not hide the copy
        "mine-gazette",
        "mine-gazette",
        "-",
        "-",
        "orchard", // orchard-fair: undated, so not the original
        "-",       // brief: too short to judge
    ];
    assert_eq!(got, expected);
}

#[test]
fn a_batch_reports_the_original_of_each_new_document() {
    let docs = corpus();
    let mut index = DuplicateIndex::new();
    let first: Vec<&Analysed> = docs[..2].iter().collect();
    assert_eq!(index.add_batch(&first), vec![None, None]);
    let rest: Vec<&Analysed> = docs[2..].iter().collect();
    let originals = index.add_batch(&rest);
    assert_eq!(originals[1], Some(DocId("ferry".into())));
    assert_eq!(originals[4], None, "ferry is the original of its group");
    assert_eq!(originals[7], None, "the short brief is never grouped");
}
