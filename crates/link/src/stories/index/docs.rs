//! The documents a story index holds, numbered: each id is stored once, found again through a
//! map from a 64-bit hash of the id to its number, so that a million documents cost tens of
//! bytes each rather than two copies of every id in hash maps.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use triangulate_model::DocId;

use super::Fast;

/// Number of a document in the index.
pub(super) type Doc = u32;

/// Interned document ids and the story each belongs to.
#[derive(Debug, Clone, Default)]
pub(super) struct Docs {
    ids: Vec<Box<str>>,
    story: Vec<u32>,
    by_hash: HashMap<u64, Doc, Fast>,
    /// Ids whose hash another id already took (rare, but they must still be found).
    collided: HashMap<Box<str>, Doc>,
}

fn hash_of(id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl Docs {
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    pub(super) fn find(&self, id: &DocId) -> Option<Doc> {
        let id = id.as_str();
        let &d = self.by_hash.get(&hash_of(id))?;
        if &*self.ids[d as usize] == id {
            Some(d)
        } else {
            self.collided.get(id).copied()
        }
    }

    /// The number of `id`, entered with story `story` when new.
    pub(super) fn insert(&mut self, id: &DocId, story: usize) -> Doc {
        if let Some(d) = self.find(id) {
            return d;
        }
        let d = self.ids.len() as Doc;
        self.ids.push(id.as_str().into());
        self.story.push(story as u32);
        let h = hash_of(id.as_str());
        match self.by_hash.entry(h) {
            Entry::Occupied(_) => {
                self.collided.insert(id.as_str().into(), d);
            }
            Entry::Vacant(slot) => {
                slot.insert(d);
            }
        }
        d
    }

    pub(super) fn id(&self, d: Doc) -> DocId {
        DocId(self.ids[d as usize].to_string())
    }

    pub(super) fn story(&self, d: Doc) -> usize {
        self.story[d as usize] as usize
    }

    pub(super) fn set_story(&mut self, d: Doc, story: usize) {
        self.story[d as usize] = story as u32;
    }

    /// Every document with its story.
    pub(super) fn all(&self) -> impl Iterator<Item = (&str, usize)> {
        self.ids
            .iter()
            .zip(&self.story)
            .map(|(id, &s)| (&**id, s as usize))
    }

    pub(super) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.ids.capacity() * size_of::<Box<str>>()
            + self.ids.iter().map(|s| s.len()).sum::<usize>()
            + self.story.capacity() * 4
            + self.by_hash.capacity() * (size_of::<(u64, Doc)>() + 1)
            + self.collided.capacity() * (size_of::<(Box<str>, Doc)>() + 1)
    }
}
