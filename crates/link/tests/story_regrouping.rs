//! Regrouping stories as batches arrive: a later batch that bridges two stories merges them, a
//! story whose members form two separate groups splits, unrelated stories never merge, and
//! every article stays in exactly one story throughout. All articles are invented.

use std::collections::HashMap;

use triangulate_link::{Analysed, StoryEvent, StoryIndex, StoryOptions};
use triangulate_model::{Analysis, Article, Dated, DocId, Provenance};

fn doc(id: &str, date: &str, text: &str) -> Analysed {
    Analysed {
        article: Article {
            published: Some(Dated {
                value: date.into(),
                provenance: Provenance::Given,
            }),
            ..Article::new(DocId(id.into()), id, text)
        },
        analysis: Analysis::default(),
    }
}

/// Two accounts of one quarry accident that share no words: one speaks of the flooding and
/// the pumps, the other of the rescue and the stretchers.
fn flood_and_rescue() -> Vec<Analysed> {
    vec![
        doc("f1", "2031-05-02", "Floodwater poured into the Brennock quarry overnight after the drainage pumps failed and the lower galleries filled with muddy water."),
        doc("f2", "2031-05-02", "The drainage pumps at Brennock quarry failed overnight, letting floodwater fill the lower galleries with mud."),
        doc("r1", "2031-05-02", "Paramedics carried stretchers through the night as firefighters lifted injured workers by winch, hospital staff said."),
        doc("r2", "2031-05-03", "Firefighters lifted injured workers by winch while paramedics carried stretchers to waiting ambulances, hospital staff said."),
    ]
}

/// Later reports that tell both halves of the accident.
fn bridges() -> Vec<Analysed> {
    vec![
        doc("b1", "2031-05-03", "After the drainage pumps failed and floodwater filled the lower galleries of Brennock quarry, firefighters lifted injured workers by winch and paramedics carried stretchers to ambulances."),
        doc("b2", "2031-05-03", "Floodwater filled the Brennock quarry galleries when the pumps failed; paramedics with stretchers and firefighters with a winch brought the injured workers out, hospital staff said."),
        doc("b3", "2031-05-04", "Hospital staff said injured workers lifted by winch from the flooded Brennock quarry, where the drainage pumps failed, were carried on stretchers by paramedics."),
    ]
}

fn stories(index: &StoryIndex) -> HashMap<String, Vec<String>> {
    let mut by_story: HashMap<String, Vec<String>> = HashMap::new();
    for (doc, story) in index.assignments() {
        by_story.entry(story).or_default().push(doc.0);
    }
    by_story
}

#[test]
fn a_later_batch_that_bridges_two_stories_merges_them() {
    let first = flood_and_rescue();
    let mut index = StoryIndex::new(StoryOptions::default());
    index.add_batch(&first.iter().collect::<Vec<_>>(), &[]);
    assert!(index.take_events().is_empty());
    let flood = index.story_of(&DocId("f1".into())).unwrap().to_string();
    let rescue = index.story_of(&DocId("r1".into())).unwrap().to_string();
    assert_ne!(
        flood,
        rescue,
        "the two accounts start apart: {:?}",
        stories(&index)
    );
    assert_eq!(index.len(), 2);

    let later = bridges();
    index.add_batch(&later.iter().collect::<Vec<_>>(), &[]);
    let events = index.take_events();
    assert_eq!(events.len(), 1, "{events:?}");
    let StoryEvent::Merged { into, from, docs } = &events[0] else {
        panic!("expected a merge, got {events:?}");
    };
    let mut pair = [into.clone(), from.clone()];
    pair.sort();
    let mut expected = [flood, rescue];
    expected.sort();
    assert_eq!(pair, expected);
    assert!(*docs >= 2, "{events:?}");
    assert_eq!(index.len(), 1);
    let all = stories(&index);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all.get(into).map(Vec::len), Some(7), "{all:?}");
    // The events are handed out once.
    assert!(index.take_events().is_empty());
}

#[test]
fn a_merge_carries_over_to_a_restored_index() {
    let first = flood_and_rescue();
    let later = bridges();
    let mut live = StoryIndex::new(StoryOptions::default());
    live.add_batch(&first.iter().collect::<Vec<_>>(), &[]);
    live.add_batch(&later.iter().collect::<Vec<_>>(), &[]);
    let all: Vec<Analysed> = first.into_iter().chain(later).collect();
    let restored = StoryIndex::restore(StoryOptions::default(), &all, &live.assignments());
    assert_eq!(restored.assignments(), live.assignments());
    assert_eq!(restored.len(), 1);
}

#[test]
fn unrelated_stories_never_merge() {
    let first = [
        doc("h1", "2031-03-01", "Dockworkers in Velmora walked out over pay as the harbour strike entered its second day and cranes stood idle."),
        doc("h2", "2031-03-02", "The harbour strike in Velmora left cranes idle for a third day as dockworkers demanded better pay."),
        doc("a1", "2031-03-02", "A late frost destroyed much of the apricot harvest in the southern valleys, growers said."),
    ];
    let later = [
        doc("a2", "2031-03-03", "Apricot growers in the southern valleys counted their losses after the late frost."),
        doc("h3", "2031-03-03", "Cranes in Velmora harbour stayed idle as the dockworkers strike over pay went on."),
        doc("a3", "2031-03-04", "The frost in the southern valleys ruined the apricot harvest, and growers asked for aid."),
    ];
    let mut index = StoryIndex::new(StoryOptions::default());
    index.add_batch(&first.iter().collect::<Vec<_>>(), &[]);
    index.add_batch(&later.iter().collect::<Vec<_>>(), &[]);
    assert!(index.take_events().is_empty());
    let harbour = index.story_of(&DocId("h1".into())).unwrap().to_string();
    let frost = index.story_of(&DocId("a1".into())).unwrap().to_string();
    assert_ne!(harbour, frost);
    for id in ["h2", "h3"] {
        assert_eq!(index.story_of(&DocId(id.into())), Some(harbour.as_str()));
    }
    for id in ["a2", "a3"] {
        assert_eq!(index.story_of(&DocId(id.into())), Some(frost.as_str()));
    }
}

#[test]
fn a_story_of_two_separate_groups_splits() {
    // A store (written, say, by a clusterer that chained) holds two reports of the quarry flood
    // and two of an unrelated council vote as one story. A new flood report touches the story,
    // and the regrouping after its batch sends the vote reports to a story of their own.
    let flood = flood_and_rescue();
    let vote = [
        doc("v1", "2031-05-03", "The Ostrand council voted to widen the tram line along the canal, after residents petitioned for more stops."),
        doc("v2", "2031-05-03", "Residents who petitioned for more tram stops along the canal welcomed the Ostrand council vote to widen the line."),
    ];
    let stored: Vec<Analysed> = vec![
        flood[0].clone(),
        vote[0].clone(),
        flood[1].clone(),
        vote[1].clone(),
    ];
    let assignments: Vec<(DocId, String)> = stored
        .iter()
        .map(|d| (d.article.id.clone(), "sMixed".to_string()))
        .collect();
    let mut index = StoryIndex::restore(StoryOptions::default(), &stored, &assignments);
    assert_eq!(index.len(), 1);
    let new = doc("f3", "2031-05-03", "Pumps failed at the Brennock quarry and floodwater filled the lower galleries with mud overnight.");
    index.add_batch(&[&new], &[]);
    let events = index.take_events();
    assert_eq!(events.len(), 1, "{events:?}");
    let StoryEvent::Split { from, into, docs } = &events[0] else {
        panic!("expected a split, got {events:?}");
    };
    assert_eq!(from, "sMixed", "the flood side keeps the key");
    assert_eq!(docs, &[DocId("v1".into()), DocId("v2".into())]);
    assert_eq!(index.story_of(&DocId("v2".into())), Some(into.as_str()));
    for id in ["f1", "f2", "f3"] {
        assert_eq!(index.story_of(&DocId(id.into())), Some("sMixed"));
    }
    assert_eq!(index.len(), 2);
}

/// Two strikes of one kind in two ports: the same words, different people, places and figures.
fn two_strikes() -> Vec<Analysed> {
    let texts = [
        ("p1", "Dockworkers at Port Velmora walked out over pay on Monday, leaving cranes idle, said union leader Ana Petrova, whose 1,200 members want a 14 percent rise."),
        ("k1", "Dockworkers at Korsand harbour walked out over pay on Monday, leaving cranes idle, said union leader Milo Brandt, whose 3,400 members want a 9 percent rise."),
        ("p2", "Cranes stood idle at Port Velmora as 1,200 dockworkers struck over pay; Ana Petrova, the union leader, said the 14 percent demand stands."),
        ("k2", "Cranes stood idle at Korsand harbour as 3,400 dockworkers struck over pay; Milo Brandt, the union leader, said the 9 percent demand stands."),
        ("p3", "The pay strike at Port Velmora kept cranes idle for a second day, union leader Ana Petrova said, with 1,200 dockworkers out."),
        ("k3", "The pay strike at Korsand harbour kept cranes idle for a second day, union leader Milo Brandt said, with 3,400 dockworkers out."),
    ];
    texts
        .iter()
        .map(|(id, text)| {
            let mut d = doc(id, "2031-06-02", text);
            d.analysis = triangulate_analyze::analyze(&d.article);
            d
        })
        .collect()
}

fn by_port(index: &StoryIndex) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = stories(index).into_values().collect();
    for g in &mut groups {
        g.sort();
    }
    groups.sort();
    groups
}

#[test]
fn two_events_of_one_kind_are_told_apart_by_their_names_and_figures() {
    let docs = two_strikes();
    let refs: Vec<&Analysed> = docs.iter().collect();
    // On words alone the two strikes are one story: the identity test is what separates them.
    let words_only = StoryOptions {
        identity_threshold: 0.0,
        ..StoryOptions::default()
    };
    let mut index = StoryIndex::new(words_only);
    index.add_batch(&refs, &[]);
    assert_eq!(index.len(), 1, "{:?}", by_port(&index));

    let mut index = StoryIndex::new(StoryOptions::default());
    index.add_batch(&refs, &[]);
    let expected = vec![
        vec!["k1".to_string(), "k2".into(), "k3".into()],
        vec!["p1".to_string(), "p2".into(), "p3".into()],
    ];
    assert_eq!(by_port(&index), expected);

    // A later report of both strikes touches both stories but does not merge them back.
    let mut both = doc("b1", "2031-06-03", "Dockworkers struck over pay at Port Velmora, where Ana Petrova leads 1,200 members, and at Korsand harbour, where Milo Brandt leads 3,400, leaving cranes idle.");
    both.analysis = triangulate_analyze::analyze(&both.article);
    index.add_batch(&[&both], &[]);
    assert!(
        !index
            .take_events()
            .iter()
            .any(|e| matches!(e, StoryEvent::Merged { .. })),
        "{:?}",
        by_port(&index)
    );
    assert_eq!(index.len(), 2, "{:?}", by_port(&index));
}

#[test]
fn a_story_of_one_subject_does_not_split() {
    let docs = flood_and_rescue();
    let later = bridges();
    let all: Vec<&Analysed> = docs.iter().chain(&later).collect();
    let mut index = StoryIndex::new(StoryOptions::default());
    index.add_batch(&all, &[]);
    let events = index.take_events();
    assert!(
        events
            .iter()
            .all(|e| matches!(e, StoryEvent::Merged { .. })),
        "{events:?}"
    );
    assert_eq!(index.len(), 1, "{:?}", stories(&index));
}

const WORDS: &[&str] = &[
    "quarry",
    "flood",
    "pumps",
    "winch",
    "stretchers",
    "council",
    "tram",
    "canal",
    "frost",
    "apricot",
    "harbour",
    "cranes",
    "strike",
    "ferry",
    "bridge",
    "tolls",
    "vote",
    "budget",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Whatever arrives in whatever batches, merges and splits included, every article is in
    /// exactly one story, merged stories are gone and split-off documents are where the event
    /// says.
    #[test]
    fn every_article_stays_in_exactly_one_story(
        texts in proptest::collection::vec(proptest::collection::vec(0..WORDS.len(), 3..14), 1..24),
        cuts in proptest::collection::vec(0usize..24, 0..4),
        days in proptest::collection::vec(1u32..28, 24),
    ) {
        let docs: Vec<Analysed> = texts
            .iter()
            .enumerate()
            .map(|(i, words)| {
                let text: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
                doc(&format!("d{i}"), &format!("2031-04-{:02}", days[i]), &text.join(" "))
            })
            .collect();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (docs.len() + 1)).collect();
        cuts.push(0);
        cuts.push(docs.len());
        cuts.sort_unstable();
        cuts.dedup();
        let mut index = StoryIndex::new(StoryOptions::default());
        for window in cuts.windows(2) {
            let batch: Vec<&Analysed> = docs[window[0]..window[1]].iter().collect();
            let keys = index.add_batch(&batch, &[]);
            for (d, key) in batch.iter().zip(&keys) {
                proptest::prop_assert_eq!(index.story_of(&d.article.id), Some(key.as_str()));
            }
            let live: std::collections::HashSet<String> =
                index.assignments().into_iter().map(|(_, s)| s).collect();
            let events = index.take_events();
            // A story an event leads to is still there, unless a later event merged it away.
            let merged_later = |at: usize, key: &str| {
                events[at + 1..]
                    .iter()
                    .any(|e| matches!(e, StoryEvent::Merged { from, .. } if from == key))
            };
            for (at, event) in events.iter().enumerate() {
                match event {
                    StoryEvent::Merged { from, into, .. } => {
                        proptest::prop_assert!(!live.contains(from), "{:?}", event);
                        proptest::prop_assert!(live.contains(into) || merged_later(at, into), "{:?}", events);
                    }
                    StoryEvent::Split { into, docs, .. } => {
                        proptest::prop_assert!(docs.len() >= 2, "{:?}", event);
                        proptest::prop_assert!(live.contains(into) || merged_later(at, into), "{:?}", events);
                    }
                }
            }
            proptest::prop_assert_eq!(live.len(), index.len());
        }
        let assigned = index.assignments();
        proptest::prop_assert_eq!(assigned.len(), docs.len());
        let mut ids: Vec<&DocId> = assigned.iter().map(|(d, _)| d).collect();
        ids.dedup();
        proptest::prop_assert_eq!(ids.len(), docs.len());
    }
}
