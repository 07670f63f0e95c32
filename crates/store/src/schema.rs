//! The SQLite schema and its migrations, in one place. Each migration moves the schema up one
//! version; a store records its version so that an older program refuses a newer file.

use rusqlite::{Connection, OptionalExtension};

/// Migration `i` takes the schema from version `i` to `i + 1`. Append, never edit.
const MIGRATIONS: &[&str] = &[
    // Version 1: documents with their article and analysis as JSON, the fields people filter
    // on as indexed columns, a contentless full-text index keyed by `seq`, and story
    // assignments keyed by document id so that stories keep their ids across runs.
    "
    CREATE TABLE documents (
        seq       INTEGER PRIMARY KEY,
        id        TEXT NOT NULL UNIQUE,
        origin    TEXT NOT NULL,
        url       TEXT,
        outlet    TEXT,
        published TEXT,
        title     TEXT,
        article   TEXT NOT NULL,
        analysis  TEXT NOT NULL
    );
    CREATE INDEX documents_origin ON documents(origin);
    CREATE INDEX documents_url ON documents(url);
    CREATE INDEX documents_outlet ON documents(outlet);
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_title ON documents(title);
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content = '', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TABLE story_assignments (
        doc_id TEXT PRIMARY KEY,
        story  TEXT NOT NULL
    );
    ",
    // Version 2: the history of stories merged and split as documents were added, in the order
    // it happened (`seq`), so that a story id that disappeared can be traced to where its
    // documents went.
    "
    CREATE TABLE story_events (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        kind       TEXT NOT NULL,
        from_story TEXT NOT NULL,
        into_story TEXT NOT NULL,
        docs       INTEGER NOT NULL
    );
    CREATE INDEX story_events_from ON story_events(from_story);
    CREATE INDEX story_events_into ON story_events(into_story);
    ",
];

/// The schema version this program writes.
pub(crate) const CURRENT: i64 = MIGRATIONS.len() as i64;

/// What [`migrate`] found.
pub(crate) enum Outcome {
    Ready,
    /// The file was written by a newer program.
    TooNew(i64),
}

/// Brings the schema up to [`CURRENT`] in one transaction.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<Outcome> {
    migrate_to(conn, CURRENT)
}

/// Brings the schema up to version `target` (at most [`CURRENT`]) in one transaction; tests use
/// it to write the files older programs wrote.
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> rusqlite::Result<Outcome> {
    let target = target.clamp(0, CURRENT);
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);")?;
    let found: Option<i64> = tx
        .query_row("SELECT version FROM schema_version", [], |row| row.get(0))
        .optional()?;
    let found = found.unwrap_or(0);
    if found > CURRENT {
        return Ok(Outcome::TooNew(found));
    }
    let from = usize::try_from(found).unwrap_or(0);
    let to = usize::try_from(target).unwrap_or(0).max(from);
    for migration in MIGRATIONS.iter().take(to).skip(from) {
        tx.execute_batch(migration)?;
    }
    tx.execute("DELETE FROM schema_version", [])?;
    tx.execute(
        "INSERT INTO schema_version (version) VALUES (?1)",
        [to as i64],
    )?;
    tx.commit()?;
    Ok(Outcome::Ready)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SqliteStore, Store, StoryChange};
    use triangulate_model::DocId;

    fn version(path: &std::path::Path) -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row("SELECT version FROM schema_version", [], |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_version_one_store_upgrades_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            // The file a program of schema version 1 wrote, with one story assignment.
            let mut conn = Connection::open(&path).unwrap();
            assert!(matches!(migrate_to(&mut conn, 1).unwrap(), Outcome::Ready));
            conn.execute(
                "INSERT INTO story_assignments (doc_id, story) VALUES ('d1', 'sOld')",
                [],
            )
            .unwrap();
            let missing = conn.query_row("SELECT count(*) FROM story_events", [], |row| {
                row.get::<_, i64>(0)
            });
            assert!(missing.is_err(), "version 1 has no story history");
        }
        assert_eq!(version(&path), 1);
        {
            let mut store = SqliteStore::open(&path).unwrap();
            assert_eq!(
                store.story_assignments().unwrap(),
                vec![(DocId("d1".into()), "sOld".to_string())]
            );
            assert!(store.story_changes().unwrap().is_empty());
            let change = StoryChange {
                at: "2031-03-14T09:30:00Z".into(),
                kind: "merge".into(),
                from_story: "sOld".into(),
                into_story: "sNew".into(),
                docs: 1,
            };
            store
                .put_story_changes(&[change], &[(DocId("d1".into()), "sNew".into())])
                .unwrap();
        }
        assert_eq!(version(&path), CURRENT);
        // Opening again migrates nothing and keeps what the upgraded file holds.
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.story_changes().unwrap().len(), 1);
        assert_eq!(
            store.story_assignments().unwrap(),
            vec![(DocId("d1".into()), "sNew".to_string())]
        );
    }
}
