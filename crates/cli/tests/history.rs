//! The `history` command: the merges and splits a store recorded, oldest first, as text or
//! JSON, filtered by story; a store that is not there is an error, not a new empty store.

use std::path::Path;
use std::process::{Command, Output};

use triangulate_model::DocId;
use triangulate_store::{SqliteStore, Store, StoryChange};

fn history(db: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .arg("history")
        .arg("--db")
        .arg(db)
        .args(extra)
        .output()
        .expect("the binary runs")
}

fn change(at: &str, kind: &str, from: &str, into: &str, docs: usize) -> StoryChange {
    StoryChange {
        at: at.into(),
        kind: kind.into(),
        from_story: from.into(),
        into_story: into.into(),
        docs,
    }
}

#[test]
fn recorded_merges_and_splits_are_listed_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stories.db");
    {
        let mut store = SqliteStore::open(&db).unwrap();
        let moved = |id: &str, story: &str| (DocId(id.into()), story.to_string());
        store
            .put_story_changes(
                &[change(
                    "2031-03-14T09:30:00Z",
                    "merge",
                    "sQuay",
                    "sFerry",
                    2,
                )],
                &[moved("d1", "sFerry"), moved("d2", "sFerry")],
            )
            .unwrap();
        store
            .put_story_changes(
                &[change(
                    "2031-03-15T10:00:00Z",
                    "split",
                    "sFerry",
                    "sFares",
                    1,
                )],
                &[moved("d3", "sFares")],
            )
            .unwrap();
    }

    let out = history(&db, &["--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["kind"], "merge");
    assert_eq!(rows[0]["from_story"], "sQuay");
    assert_eq!(rows[0]["into_story"], "sFerry");
    assert_eq!(rows[0]["docs"], 2);
    assert_eq!(rows[1]["kind"], "split");
    assert_eq!(rows[1]["into_story"], "sFares");
    assert!(rows[0]["seq"].as_i64() < rows[1]["seq"].as_i64());

    let text = history(&db, &[]);
    let lines: Vec<String> = String::from_utf8_lossy(&text.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        vec![
            "2031-03-14T09:30:00Z  sQuay merged into sFerry (2 documents)",
            "2031-03-15T10:00:00Z  sFares split off from sFerry (1 document)",
        ]
    );

    let only = history(&db, &["--json", "--story", "sQuay"]);
    let rows: serde_json::Value = serde_json::from_slice(&only.stdout).expect("JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_missing_store_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("absent.db");
    let out = history(&db, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"));
    assert!(!db.exists());
}
