//! The store contract, checked on both implementations, plus what only SQLite does: files that
//! survive a reopen, full-text search, schema versions.

use triangulate_model::{Analysis, Article, Body, Dated, DocId, Provenance, RawDocument, Span};
use triangulate_store::{MemoryStore, SqliteStore, Store, StoreError};

type Item = (RawDocument, Article, Analysis);

fn item(title: &str, text: &str) -> Item {
    let id = DocId::of_bytes(format!("{title}\n{text}").as_bytes());
    let raw = RawDocument {
        id: id.clone(),
        origin: format!("{}.txt", title.to_lowercase().replace(' ', "_")),
        url: Some(format!("https://tidings.test/{}", id)),
        outlet: Some("Tidings".into()),
        published: None,
        title: Some(title.into()),
        body: Body::Text(text.into()),
    };
    let article = Article {
        id: id.clone(),
        origin: raw.origin.clone(),
        url: raw.url.clone(),
        canonical_url: None,
        title: Some(title.into()),
        outlet: Some("Tidings".into()),
        authors: vec!["Petra Lindqvist".into()],
        published: Some(Dated {
            value: "2031-03-14".into(),
            provenance: Provenance::Given,
        }),
        modified: None,
        language: Some("en".into()),
        reprint: None,
        text: text.into(),
        blocks: vec![],
    };
    let analysis = Analysis {
        doc: id,
        sentences: vec![Span::new(0, text.len())],
        ..Analysis::default()
    };
    (raw, article, analysis)
}

fn ferry() -> Item {
    item(
        "Ferry resumes",
        "The ferry between Vellmar and Ostrand resumed service on Monday.",
    )
}

fn dam() -> Item {
    item(
        "Dam inspected",
        "Engineers inspected the Kessler dam after the floods in Nîmes.",
    )
}

fn gala() -> Item {
    item(
        "Gala held",
        "The annual gala of the Ostrand museum raised money for the ferry fund.",
    )
}

fn ids(store: &dyn Store) -> Vec<DocId> {
    store
        .documents()
        .unwrap_or_default()
        .into_iter()
        .map(|stored| stored.article.id)
        .collect()
}

fn stores() -> Vec<(&'static str, Box<dyn Store>)> {
    vec![
        ("memory", Box::new(MemoryStore::new())),
        (
            "sqlite",
            Box::new(SqliteStore::in_memory().expect("in-memory sqlite")),
        ),
    ]
}

#[test]
fn putting_the_same_document_twice_keeps_one() -> Result<(), StoreError> {
    for (name, mut store) in stores() {
        let (raw, article, analysis) = ferry();
        assert!(store.put(&raw, &article, &analysis)?, "{name}");
        assert!(!store.put(&raw, &article, &analysis)?, "{name}");
        assert_eq!(store.len()?, 1, "{name}");
        assert!(store.contains(&raw.id)?, "{name}");
        assert!(!store.contains(&dam().0.id)?, "{name}");
        let stored = store.document(&raw.id)?;
        assert_eq!(
            stored.as_ref().map(|s| &s.article),
            Some(&article),
            "{name}"
        );
        assert_eq!(
            stored.as_ref().map(|s| &s.analysis),
            Some(&analysis),
            "{name}"
        );
    }
    Ok(())
}

#[test]
fn documents_come_back_in_insertion_order() -> Result<(), StoreError> {
    for (name, mut store) in stores() {
        let batch = [gala(), ferry()];
        assert_eq!(store.put_batch(&batch)?, 2, "{name}");
        let (raw, article, analysis) = dam();
        store.put(&raw, &article, &analysis)?;
        // A batch of one old and one repeated-in-batch document adds nothing.
        assert_eq!(store.put_batch(&[ferry(), dam(), dam()])?, 0, "{name}");
        assert_eq!(
            ids(store.as_ref()),
            [gala().0.id, ferry().0.id, dam().0.id],
            "{name}"
        );
        assert_eq!(store.documents()?[2].analysis, analysis, "{name}");
    }
    Ok(())
}

#[test]
fn a_failing_batch_leaves_the_store_as_it_was() -> Result<(), StoreError> {
    for (name, mut store) in stores() {
        let (raw, article, analysis) = ferry();
        store.put(&raw, &article, &analysis)?;
        let mut broken = dam();
        broken.1.id = DocId("dsomethingelse".into());
        let result = store.put_batch(&[gala(), broken, item("Late", "A late story.")]);
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("dam_inspected.txt"), "{name}: {error}");
        assert!(error.contains("dsomethingelse"), "{name}: {error}");
        assert_eq!(store.len()?, 1, "{name}");
        assert!(!store.contains(&gala().0.id)?, "{name}");
        assert!(store.search("gala", 10)?.is_empty(), "{name}");
        // The store still works after the failure.
        assert_eq!(store.put_batch(&[gala()])?, 1, "{name}");
    }
    Ok(())
}

#[test]
fn search_needs_every_word_and_ignores_case() -> Result<(), StoreError> {
    for (name, mut store) in stores() {
        store.put_batch(&[ferry(), dam(), gala()])?;
        assert_eq!(store.search("KESSLER", 10)?, [dam().0.id], "{name}");
        let ostrand = store.search("Ostrand", 10)?;
        assert_eq!(ostrand.len(), 2, "{name}");
        assert!(
            ostrand.contains(&ferry().0.id) && ostrand.contains(&gala().0.id),
            "{name}"
        );
        assert_eq!(store.search("ferry museum", 10)?, [gala().0.id], "{name}");
        // Titles are searched too.
        assert_eq!(store.search("inspected", 10)?, [dam().0.id], "{name}");
        assert_eq!(store.search("ostrand", 1)?.len(), 1, "{name}");
        // Query syntax is not interpreted: quotes, operators, colons are just words or nothing.
        assert_eq!(
            store.search("\"kessler\" AND title:", 10)?,
            Vec::<DocId>::new(),
            "{name}"
        );
        // A possessive finds the bare name.
        assert_eq!(store.search("Kessler's", 10)?, [dam().0.id], "{name}");
        assert!(store.search("  ?! ", 10)?.is_empty(), "{name}");
        assert!(store.search("submarine", 10)?.is_empty(), "{name}");
    }
    Ok(())
}

#[test]
fn sqlite_search_folds_diacritics() -> Result<(), StoreError> {
    let mut store = SqliteStore::in_memory()?;
    store.put_batch(&[ferry(), dam()])?;
    assert_eq!(store.search("nimes", 10)?, [dam().0.id]);
    assert_eq!(store.search("Nîmes", 10)?, [dam().0.id]);
    Ok(())
}

#[test]
fn story_assignments_are_updated_in_place() -> Result<(), StoreError> {
    for (name, mut store) in stores() {
        let (a, b, c) = (ferry().0.id, dam().0.id, gala().0.id);
        store.put_story_assignment(&[(a.clone(), "s1".into()), (b.clone(), "s2".into())])?;
        store.put_story_assignment(&[(c.clone(), "s1".into()), (b.clone(), "s1".into())])?;
        assert_eq!(
            store.story_assignments()?,
            [(a, "s1".into()), (b, "s1".into()), (c, "s1".into())],
            "{name}"
        );
    }
    Ok(())
}

#[test]
fn a_file_store_keeps_everything_across_reopening() -> Result<(), StoreError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("triangulate.db");
    {
        let mut store = SqliteStore::open(&path)?;
        store.put_batch(&[ferry(), dam()])?;
        store.put_story_assignment(&[(ferry().0.id, "s7".into())])?;
    }
    let mut store = SqliteStore::open(&path)?;
    assert_eq!(ids(&store), [ferry().0.id, dam().0.id]);
    assert_eq!(store.documents()?[1].article, dam().1);
    assert_eq!(
        store.story_assignments()?,
        [(ferry().0.id, "s7".to_owned())]
    );
    assert_eq!(store.search("kessler", 5)?, [dam().0.id]);
    let (raw, article, analysis) = dam();
    assert!(!store.put(&raw, &article, &analysis)?);
    assert_eq!(store.len()?, 2);

    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
    Ok(())
}

#[test]
fn a_newer_schema_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("future.db");
    drop(SqliteStore::open(&path).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    conn.execute("UPDATE schema_version SET version = 99", [])
        .expect("bump version");
    drop(conn);
    let error = SqliteStore::open(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.contains("future.db") && error.contains("99"),
        "{error}"
    );
}

#[test]
fn an_unopenable_path_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no_such_folder").join("x.db");
    let error = SqliteStore::open(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.starts_with("cannot open store") && error.contains("no_such_folder"),
        "{error}"
    );
}
