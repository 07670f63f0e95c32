//! The embedded default store: one SQLite file in WAL mode.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use triangulate_model::{Analysis, Article, DocId, RawDocument};

use crate::schema::{self, Outcome};
use crate::{check_ids, query, Store, StoreError, StoredDocument, StoryChange};

/// How long a writer waits for another process holding the database lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A store in a SQLite database file (or in memory, for tests and one-off runs).
pub struct SqliteStore {
    conn: Connection,
    /// The file path, or `:memory:`; named in every error.
    name: String,
}

impl SqliteStore {
    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref();
        let open_error = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(open_error)?;
        // WAL lets readers (a report, a server) work while a batch is being written.
        conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>(0)
        })
        .map_err(open_error)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        SqliteStore::ready(conn, path.display().to_string())
    }

    /// A fresh store that lives in memory and is gone when dropped.
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: PathBuf::from(":memory:"),
            source,
        })?;
        SqliteStore::ready(conn, ":memory:".to_owned())
    }

    fn ready(mut conn: Connection, name: String) -> Result<SqliteStore, StoreError> {
        match schema::migrate(&mut conn) {
            Ok(Outcome::Ready) => Ok(SqliteStore { conn, name }),
            Ok(Outcome::TooNew(found)) => Err(StoreError::SchemaTooNew {
                store: name,
                found,
                supported: schema::CURRENT,
            }),
            Err(source) => Err(StoreError::Sqlite {
                store: name,
                action: "migrating the schema".into(),
                source,
            }),
        }
    }

    /// The path of the database file, or `:memory:`.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn sqlite_error(
        &self,
        action: impl Into<String>,
    ) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
        let action = action.into();
        move |source| StoreError::Sqlite {
            store: self.name.clone(),
            action,
            source,
        }
    }

    fn decode(
        &self,
        id: String,
        article: &str,
        analysis: &str,
    ) -> Result<StoredDocument, StoreError> {
        let decode_error = |source| StoreError::Decode {
            store: self.name.clone(),
            id: id.clone(),
            source,
        };
        Ok(StoredDocument {
            article: serde_json::from_str(article).map_err(decode_error)?,
            analysis: serde_json::from_str(analysis).map_err(decode_error)?,
        })
    }

    /// Runs `work` in one transaction: everything it wrote is kept, or nothing.
    fn in_transaction<T>(
        &mut self,
        action: &str,
        work: impl FnOnce(&Transaction<'_>, &str) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let name = self.name.clone();
        let error = |source| StoreError::Sqlite {
            store: name.clone(),
            action: action.to_owned(),
            source,
        };
        let tx = self.conn.transaction().map_err(error)?;
        // On an error the transaction is dropped, which rolls it back.
        let value = work(&tx, &self.name)?;
        tx.commit().map_err(error)?;
        Ok(value)
    }
}

/// Inserts one document unless its id is already stored; true when it was new.
fn insert(
    tx: &Transaction<'_>,
    store: &str,
    raw: &RawDocument,
    article: &Article,
    analysis: &Analysis,
) -> Result<bool, StoreError> {
    check_ids(raw, article, analysis)?;
    let encode_error = |source| StoreError::Encode {
        id: raw.id.clone(),
        source,
    };
    let article_json = serde_json::to_string(article).map_err(encode_error)?;
    let analysis_json = serde_json::to_string(analysis).map_err(encode_error)?;
    let sqlite_error = |source| StoreError::Sqlite {
        store: store.to_owned(),
        action: format!("storing document {} from {}", raw.id, raw.origin),
        source,
    };
    // Cached statements: a batch of thousands reuses one compiled statement.
    let inserted = tx
        .prepare_cached(
            "INSERT INTO documents (id, origin, url, outlet, published, title, article, analysis)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO NOTHING",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                raw.id.as_str(),
                raw.origin,
                article.url.as_deref().or(raw.url.as_deref()),
                article.outlet.as_deref().or(raw.outlet.as_deref()),
                article.published.as_ref().map(|date| date.value.as_str()),
                article.title.as_deref().or(raw.title.as_deref()),
                article_json,
                analysis_json,
            ])
        })
        .map_err(sqlite_error)?;
    if inserted == 0 {
        return Ok(false);
    }
    let seq = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
        params![
            seq,
            article.title.as_deref().unwrap_or_default(),
            article.text
        ],
    )
    .map_err(sqlite_error)?;
    Ok(true)
}

/// Records (or replaces) the story of each document.
fn assign(
    tx: &Transaction<'_>,
    store: &str,
    assignments: &[(DocId, String)],
) -> Result<(), StoreError> {
    for (id, story) in assignments {
        tx.prepare_cached(
            "INSERT INTO story_assignments (doc_id, story) VALUES (?1, ?2)
             ON CONFLICT (doc_id) DO UPDATE SET story = excluded.story",
        )
        .and_then(|mut statement| statement.execute(params![id.as_str(), story]))
        .map_err(|source| StoreError::Sqlite {
            store: store.to_owned(),
            action: format!("assigning document {id} to story {story}"),
            source,
        })?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn put(
        &mut self,
        raw: &RawDocument,
        article: &Article,
        analysis: &Analysis,
    ) -> Result<bool, StoreError> {
        let action = format!("storing document {}", raw.id);
        self.in_transaction(&action, |tx, store| {
            insert(tx, store, raw, article, analysis)
        })
    }

    fn put_batch(
        &mut self,
        items: &[(RawDocument, Article, Analysis)],
    ) -> Result<usize, StoreError> {
        let action = format!("storing a batch of {} documents", items.len());
        self.in_transaction(&action, |tx, store| {
            let mut new = 0;
            for (raw, article, analysis) in items {
                if insert(tx, store, raw, article, analysis)? {
                    new += 1;
                }
            }
            Ok(new)
        })
    }

    fn contains(&self, id: &DocId) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT 1 FROM documents WHERE id = ?1",
                [id.as_str()],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(self.sqlite_error(format!("looking up document {id}")))
    }

    fn document(&self, id: &DocId) -> Result<Option<StoredDocument>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT article, analysis FROM documents WHERE id = ?1",
                [id.as_str()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(self.sqlite_error(format!("reading document {id}")))?;
        row.map(|(article, analysis)| self.decode(id.to_string(), &article, &analysis))
            .transpose()
    }

    fn documents(&self) -> Result<Vec<StoredDocument>, StoreError> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare("SELECT id, article, analysis FROM documents ORDER BY seq")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                    .collect()
            })
            .map_err(self.sqlite_error("reading documents"))?;
        rows.into_iter()
            .map(|(id, article, analysis)| self.decode(id, &article, &analysis))
            .collect()
    }

    fn len(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM documents", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|count| usize::try_from(count).unwrap_or(0))
            .map_err(self.sqlite_error("counting documents"))
    }

    fn put_story_assignment(&mut self, assignments: &[(DocId, String)]) -> Result<(), StoreError> {
        self.in_transaction("storing story assignments", |tx, store| {
            assign(tx, store, assignments)
        })
    }

    fn put_story_changes(
        &mut self,
        changes: &[StoryChange],
        assignments: &[(DocId, String)],
    ) -> Result<(), StoreError> {
        self.in_transaction("storing story changes", |tx, store| {
            for change in changes {
                let docs = i64::try_from(change.docs).unwrap_or(i64::MAX);
                tx.prepare_cached(
                    "INSERT INTO story_events (at, kind, from_story, into_story, docs)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .and_then(|mut statement| {
                    statement.execute(params![
                        change.at,
                        change.kind,
                        change.from_story,
                        change.into_story,
                        docs
                    ])
                })
                .map_err(|source| StoreError::Sqlite {
                    store: store.to_owned(),
                    action: format!(
                        "recording the {} of story {} into {}",
                        change.kind, change.from_story, change.into_story
                    ),
                    source,
                })?;
            }
            assign(tx, store, assignments)
        })
    }

    fn story_changes(&self) -> Result<Vec<(i64, StoryChange)>, StoreError> {
        self.conn
            .prepare(
                "SELECT seq, at, kind, from_story, into_story, docs FROM story_events ORDER BY seq",
            )
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| {
                        let docs: i64 = row.get(5)?;
                        Ok((
                            row.get(0)?,
                            StoryChange {
                                at: row.get(1)?,
                                kind: row.get(2)?,
                                from_story: row.get(3)?,
                                into_story: row.get(4)?,
                                docs: usize::try_from(docs).unwrap_or(0),
                            },
                        ))
                    })?
                    .collect()
            })
            .map_err(self.sqlite_error("reading story changes"))
    }

    fn story_assignments(&self) -> Result<Vec<(DocId, String)>, StoreError> {
        self.conn
            .prepare("SELECT doc_id, story FROM story_assignments ORDER BY rowid")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| Ok((DocId(row.get(0)?), row.get(1)?)))?
                    .collect()
            })
            .map_err(self.sqlite_error("reading story assignments"))
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<DocId>, StoreError> {
        let terms = query::terms(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.conn
            .prepare(
                "SELECT d.id FROM documents_fts f JOIN documents d ON d.seq = f.rowid
                 WHERE documents_fts MATCH ?1
                 ORDER BY f.rank, d.seq
                 LIMIT ?2",
            )
            .and_then(|mut statement| {
                statement
                    .query_map(params![query::fts_expression(&terms), limit], |row| {
                        Ok(DocId(row.get(0)?))
                    })?
                    .collect()
            })
            .map_err(self.sqlite_error(format!("searching for `{query}`")))
    }
}
