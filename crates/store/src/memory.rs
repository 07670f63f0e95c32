//! A store held in memory: the fake that tests use instead of a database.

use std::collections::HashMap;

use triangulate_model::{Analysis, Article, DocId, RawDocument};

use crate::{check_ids, query, Store, StoreError, StoredDocument, StoryChange};

/// Documents and story assignments in plain collections; nothing outlives the value.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    documents: Vec<StoredDocument>,
    /// Position in `documents` of each id.
    index: HashMap<DocId, usize>,
    assignments: Vec<(DocId, String)>,
    changes: Vec<(i64, StoryChange)>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl Store for MemoryStore {
    fn put(
        &mut self,
        raw: &RawDocument,
        article: &Article,
        analysis: &Analysis,
    ) -> Result<bool, StoreError> {
        check_ids(raw, article, analysis)?;
        if self.index.contains_key(&raw.id) {
            return Ok(false);
        }
        self.index.insert(raw.id.clone(), self.documents.len());
        self.documents.push(StoredDocument {
            article: article.clone(),
            analysis: analysis.clone(),
        });
        Ok(true)
    }

    fn put_batch(
        &mut self,
        items: &[(RawDocument, Article, Analysis)],
    ) -> Result<usize, StoreError> {
        // Check everything before changing anything, so that a bad item leaves no trace.
        for (raw, article, analysis) in items {
            check_ids(raw, article, analysis)?;
        }
        let mut new = 0;
        for (raw, article, analysis) in items {
            if self.put(raw, article, analysis)? {
                new += 1;
            }
        }
        Ok(new)
    }

    fn contains(&self, id: &DocId) -> Result<bool, StoreError> {
        Ok(self.index.contains_key(id))
    }

    fn document(&self, id: &DocId) -> Result<Option<StoredDocument>, StoreError> {
        Ok(self
            .index
            .get(id)
            .and_then(|&at| self.documents.get(at))
            .cloned())
    }

    fn documents(&self) -> Result<Vec<StoredDocument>, StoreError> {
        Ok(self.documents.clone())
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.documents.len())
    }

    fn put_story_assignment(&mut self, assignments: &[(DocId, String)]) -> Result<(), StoreError> {
        for (id, story) in assignments {
            match self.assignments.iter_mut().find(|(known, _)| known == id) {
                Some((_, current)) => current.clone_from(story),
                None => self.assignments.push((id.clone(), story.clone())),
            }
        }
        Ok(())
    }

    fn story_assignments(&self) -> Result<Vec<(DocId, String)>, StoreError> {
        Ok(self.assignments.clone())
    }

    fn put_story_changes(
        &mut self,
        changes: &[StoryChange],
        assignments: &[(DocId, String)],
    ) -> Result<(), StoreError> {
        self.put_story_assignment(assignments)?;
        for change in changes {
            let seq = self.changes.last().map_or(1, |(seq, _)| seq + 1);
            self.changes.push((seq, change.clone()));
        }
        Ok(())
    }

    fn story_changes(&self) -> Result<Vec<(i64, StoryChange)>, StoreError> {
        Ok(self.changes.clone())
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<DocId>, StoreError> {
        let terms = query::terms(query);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut hits: Vec<(usize, usize)> = self
            .documents
            .iter()
            .enumerate()
            .filter_map(|(at, stored)| {
                let title = stored.article.title.as_deref().unwrap_or_default();
                let words: Vec<String> = query::terms(title)
                    .into_iter()
                    .chain(query::terms(&stored.article.text))
                    .collect();
                let counts: Vec<usize> = terms
                    .iter()
                    .map(|term| words.iter().filter(|word| *word == term).count())
                    .collect();
                // Every term must occur, as in the SQLite store; more occurrences rank higher.
                (!counts.contains(&0)).then(|| (at, counts.iter().sum()))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(hits
            .into_iter()
            .take(limit)
            .map(|(at, _)| self.documents[at].article.id.clone())
            .collect())
    }
}
