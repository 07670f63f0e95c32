//! The history of merged and split stories, on both stores: changes come back in order with
//! increasing sequence numbers, and the documents they re-point get their new story with them.

use triangulate_model::DocId;
use triangulate_store::{MemoryStore, SqliteStore, Store, StoryChange};

fn change(kind: &str, from: &str, into: &str, docs: usize) -> StoryChange {
    StoryChange {
        at: "2031-03-14T09:30:00Z".into(),
        kind: kind.into(),
        from_story: from.into(),
        into_story: into.into(),
        docs,
    }
}

fn doc(name: &str) -> DocId {
    DocId(name.into())
}

fn history_and_repointing(store: &mut dyn Store) {
    store
        .put_story_assignment(&[
            (doc("d1"), "sHarbour".into()),
            (doc("d2"), "sHarbour".into()),
            (doc("d3"), "sCranes".into()),
            (doc("d4"), "sFrost".into()),
        ])
        .unwrap();
    assert!(store.story_changes().unwrap().is_empty());
    let merge = change("merge", "sCranes", "sHarbour", 1);
    let split = change("split", "sFrost", "sOrchard", 1);
    store
        .put_story_changes(
            std::slice::from_ref(&merge),
            &[
                (doc("d3"), "sHarbour".into()),
                (doc("d5"), "sHarbour".into()),
            ],
        )
        .unwrap();
    store
        .put_story_changes(
            std::slice::from_ref(&split),
            &[(doc("d4"), "sOrchard".into())],
        )
        .unwrap();
    let changes = store.story_changes().unwrap();
    assert_eq!(changes.len(), 2);
    assert!(changes[0].0 < changes[1].0, "sequence numbers increase");
    assert_eq!(changes[0].1, merge);
    assert_eq!(changes[1].1, split);
    let assignments = store.story_assignments().unwrap();
    let story = |name: &str| {
        assignments
            .iter()
            .find(|(d, _)| d.as_str() == name)
            .map(|(_, s)| s.as_str())
    };
    assert_eq!(story("d3"), Some("sHarbour"));
    assert_eq!(story("d4"), Some("sOrchard"));
    assert_eq!(story("d5"), Some("sHarbour"));
    assert_eq!(story("d1"), Some("sHarbour"));
    // Re-pointing keeps each document once, in the order it was first assigned.
    let order: Vec<&str> = assignments.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(order, ["d1", "d2", "d3", "d4", "d5"]);
}

#[test]
fn memory_store_keeps_the_story_history() {
    history_and_repointing(&mut MemoryStore::new());
}

#[test]
fn sqlite_store_keeps_the_story_history() {
    history_and_repointing(&mut SqliteStore::in_memory().unwrap());
}

#[test]
fn the_story_history_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stories.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        store
            .put_story_changes(
                &[change("merge", "sB", "sA", 3)],
                &[(doc("d9"), "sA".into())],
            )
            .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    let changes = store.story_changes().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].1.docs, 3);
    assert_eq!(
        store.story_assignments().unwrap(),
        vec![(doc("d9"), "sA".to_string())]
    );
}
