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
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);")?;
    let found: Option<i64> = tx
        .query_row("SELECT version FROM schema_version", [], |row| row.get(0))
        .optional()?;
    let found = found.unwrap_or(0);
    if found > CURRENT {
        return Ok(Outcome::TooNew(found));
    }
    for migration in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(migration)?;
    }
    tx.execute("DELETE FROM schema_version", [])?;
    tx.execute(
        "INSERT INTO schema_version (version) VALUES (?1)",
        [CURRENT],
    )?;
    tx.commit()?;
    Ok(Outcome::Ready)
}
