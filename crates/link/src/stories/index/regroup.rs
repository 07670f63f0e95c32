//! Regrouping after a batch, without re-clustering: only stories the batch touched are looked
//! at, so the work grows with the batch, not with the index.
//!
//! Merge: an article above the threshold for two stories bridges them; once the batch is placed,
//! the two are merged when their centroids are as similar as an article must be to its story
//! (the join threshold, with the same time damping, applied to the gap between their date
//! ranges) and every member of the smaller story would, on its own, join the larger one. The
//! smaller story is folded into the larger, which keeps its key.
//!
//! Split: the members of a touched story are cut in two by spherical 2-means, seeded with the
//! member least like the story and the member least like that one. When both groups hold at
//! least [`MIN_SIDE`] documents and their centroids are less similar than the join threshold
//! (damped by the gap between their date ranges), or share too little of their identity terms
//! (names, numbers, years: below the identity threshold), the smaller group leaves for a new
//! story. A merge asks the same of identity terms, so a split is not undone by the next batch.
//!
//! Split by headlines: two events of one kind (two players arrested for drunk driving, two
//! playoff wins) share their words, and often enough of their names that the test above keeps
//! them together; their headlines still lead with different names ("Reyk arrested", "Lions'
//! Danner held"). When two names of people or organisations each lead the headlines of at
//! least [`HEADLINE_SIDE`] members, seldom together, and between them cover most of the story,
//! and the two sides share less than [`HEADLINE_IDENTITY`] of their identity terms, the smaller
//! side leaves. This test also runs on a story that just merged (a merge may have joined two
//! such events), and a merge of two stories whose headlines lead with different names is
//! refused.

use std::collections::{HashMap, HashSet};

use triangulate_model::DocId;

use super::{Doc, Fast, Member, Story, StoryIndex};
use crate::{similarity, StoryEvent};

/// Documents each side of a split must hold: a single outlier is left where it joined.
const MIN_SIDE: usize = 2;
/// Documents each side of a split must hold when only their names, numbers and years set them
/// apart: two or three reports that dwell on another person of the story are not a story of
/// their own.
const IDENTITY_SIDE: usize = 3;
/// Stories larger than this are not checked for splitting, so that one batch's work stays
/// bounded however large a story grows.
const SPLIT_MAX_MEMBERS: usize = 256;
/// Members each side of a split by headlines must hold.
const HEADLINE_SIDE: usize = 3;
/// Headline names, the most widely held first, among which a split by headlines looks for two.
const HEADLINE_NAMES: usize = 32;
/// Identity cosine under which two sides a split by headlines found are two stories.
const HEADLINE_IDENTITY: f32 = 0.6;
/// Rounds of 2-means; it settles in two or three on story-sized groups.
const SPLIT_ROUNDS: usize = 8;

/// A sparse vector as a map, for dot products against many vectors.
type Dense = HashMap<u32, f32, Fast>;

impl StoryIndex {
    /// Merges the stories `bridges` joined when their centroids agree, then splits the stories
    /// the batch `touched` (and that did not just merge) where their members separate, and
    /// gives each part of a split the chance to merge with a story its whole was bridged to.
    /// Records an event for each change.
    pub(super) fn regroup(&mut self, touched: &[usize], bridges: &[(usize, usize)]) {
        let mut pairs: Vec<(usize, usize)> = bridges
            .iter()
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .filter(|(a, b)| a != b)
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let merged = self.merge_pairs(&pairs);

        let mut checked: Vec<usize> = touched.iter().map(|&s| self.live(s)).collect();
        checked.sort_unstable();
        checked.dedup();
        let mut parts: Vec<(usize, usize)> = Vec::new();
        for s in checked {
            // A story that just merged is not cut by its words again, which would undo the merge,
            // but its headlines may still show two events.
            let leaving = if merged.contains(&s) {
                self.split_by_headlines(s)
            } else {
                self.separate(s)
            };
            if let Some(leaving) = leaving {
                if let Some(t) = self.split(s, &leaving) {
                    parts.push((s, t));
                }
            }
        }
        if parts.is_empty() {
            return;
        }
        // Each part of a split story may now merge with a story the batch bridged it to, which
        // the whole story could not: a group that joined the wrong story of two alike, and left
        // it, goes to the right one. A split moves members into a new story and leaves the
        // merges as they were, so the bridges still lead where they did.
        let mut partners: HashMap<usize, Vec<usize>> = HashMap::new();
        for &(a, b) in &pairs {
            let (a, b) = (self.live(a), self.live(b));
            if a != b {
                partners.entry(a).or_default().push(b);
                partners.entry(b).or_default().push(a);
            }
        }
        let mut again: Vec<(usize, usize)> = Vec::new();
        for &(s, t) in &parts {
            for &other in partners.get(&s).into_iter().flatten() {
                let other = self.live(other);
                if other != s && other != t {
                    again.push((s.min(other), s.max(other)));
                    again.push((t.min(other), t.max(other)));
                }
            }
        }
        again.sort_unstable();
        again.dedup();
        self.merge_pairs(&again);
    }

    /// Merges the pairs of stories whose centroids agree, the closest first, when no test
    /// tells them apart; returns the stories that grew.
    fn merge_pairs(&mut self, pairs: &[(usize, usize)]) -> HashSet<usize> {
        let threshold = self.options.threshold;
        let mut scored: Vec<(usize, usize, f32)> = pairs
            .iter()
            .map(|&(a, b)| (a, b, self.story_similarity(a, b)))
            .filter(|&(_, _, sim)| sim >= threshold)
            .collect();
        // The closest pairs merge first; pairs are scored again as merges change the stories.
        scored.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        let mut merged: HashSet<usize> = HashSet::new();
        for (a, b, _) in scored {
            let (a, b) = (self.live(a), self.live(b));
            if a == b
                || self.story_similarity(a, b) < threshold
                || self.identities_differ(a, b)
                || self.headlines_differ(a, b)
                || !self.members_agree(a, b)
            {
                continue;
            }
            // The larger story keeps its key; between equals, the older one.
            let (into, from) = match self.stories[a]
                .members
                .len()
                .cmp(&self.stories[b].members.len())
            {
                std::cmp::Ordering::Less => (b, a),
                std::cmp::Ordering::Greater => (a, b),
                std::cmp::Ordering::Equal => (a.min(b), a.max(b)),
            };
            self.merge(into, from);
            merged.insert(into);
        }
        merged
    }

    /// Whether the members of the smaller story would, each on its own, join the larger one.
    fn members_agree(&self, a: usize, b: usize) -> bool {
        let (small, large) = if self.stories[a].members.len() <= self.stories[b].members.len() {
            (&self.stories[a], &self.stories[b])
        } else {
            (&self.stories[b], &self.stories[a])
        };
        // Centroids average away what sets two events of one kind apart (two earthquakes, two
        // arrests), so agreeing centroids alone merge too eagerly; every member must agree.
        small.members.iter().all(|m| {
            large.cosine(&unit(&m.vector)) * self.damping(large.gap(m.day))
                >= self.options.threshold
        })
    }

    /// Whether two stories, each large enough that a split could have set it apart, name too
    /// few of the same people, places and figures to be one story (the split's own test, so
    /// that a merge does not undo a split).
    fn identities_differ(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.stories[a], &self.stories[b]);
        x.members.len() >= IDENTITY_SIDE
            && y.members.len() >= IDENTITY_SIDE
            && self.identity_cosine(&x.centroid, &y.centroid) < self.options.identity_threshold
    }

    /// Whether the headlines of two stories lead with different names, as a split by headlines
    /// would find them (so that a merge does not undo such a split): a name in at least half
    /// the headlines of one story and hardly any of the other's, and the other way round.
    fn headlines_differ(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.stories[a], &self.stories[b]);
        if x.members.len() < HEADLINE_SIDE || y.members.len() < HEADLINE_SIDE {
            return false;
        }
        let leads = |own: &Story, other: &Story| -> bool {
            let mut counts: HashMap<u32, (usize, usize)> = HashMap::new();
            for m in &own.members {
                for &w in m.headline.iter() {
                    counts.entry(w).or_default().0 += 1;
                }
            }
            for m in &other.members {
                for &w in m.headline.iter() {
                    counts.entry(w).or_default().1 += 1;
                }
            }
            counts.values().any(|&(mine, theirs)| {
                mine >= HEADLINE_SIDE && mine * 2 >= own.members.len() && theirs * 10 <= mine
            })
        };
        leads(x, y)
            && leads(y, x)
            && self.identity_cosine(&x.centroid, &y.centroid) < HEADLINE_IDENTITY
    }

    /// Cosine of two vectors over their identity terms alone (names, numbers, years); 1 when
    /// either has none, since then nothing tells the two apart.
    fn identity_cosine(&self, a: &Dense, b: &Dense) -> f32 {
        let only = |v: &Dense| -> Dense {
            v.iter()
                .filter(|(&t, _)| self.identity.get(t as usize).copied().unwrap_or(false))
                .map(|(&t, &w)| (t, w))
                .collect()
        };
        let (a, b) = (only(a), only(b));
        let (na, nb) = (norm(&a), norm(&b));
        if na == 0.0 || nb == 0.0 {
            return 1.0;
        }
        let (small, large) = if a.len() <= b.len() {
            (&a, &b)
        } else {
            (&b, &a)
        };
        dot_maps(small, large) / (na * nb)
    }

    /// Cosine of two stories' centroids, damped by the days between their date ranges.
    fn story_similarity(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (&self.stories[a], &self.stories[b]);
        if x.norm == 0.0 || y.norm == 0.0 {
            return 0.0;
        }
        let (small, large) = if x.centroid.len() <= y.centroid.len() {
            (x, y)
        } else {
            (y, x)
        };
        let dot = dot_maps(&small.centroid, &large.centroid);
        let gap = range_gap((x.first_day, x.last_day), (y.first_day, y.last_day));
        dot / (x.norm * y.norm) * self.damping(gap)
    }

    /// Folds story `from` into story `into`: centroid, date range and members, whose documents
    /// are re-pointed. `from` stays as an empty slot that leads to `into`.
    fn merge(&mut self, into: usize, from: usize) {
        let source = &mut self.stories[from];
        let members = std::mem::take(&mut source.members);
        let centroid = std::mem::take(&mut source.centroid);
        let (first, last) = (source.first_day, source.last_day);
        source.norm = 0.0;
        source.merged_into = Some(into);
        let from_key = source.key.clone();
        // The old key keeps leading somewhere, so that no later story is given it.
        self.by_key.insert(from_key.clone(), into);
        for member in &members {
            self.docs.set_story(member.doc, into);
        }
        let docs = members.len();
        let target = &mut self.stories[into];
        for (t, w) in centroid {
            *target.centroid.entry(t).or_default() += w;
        }
        target.settle();
        target.widen(first, last);
        target.members.extend(members);
        let into_key = target.key.clone();
        self.reindex(into);
        self.events.push(StoryEvent::Merged {
            into: into_key,
            from: from_key,
            docs,
        });
    }

    /// The positions of the members that should leave story `s`, when they form a group
    /// clearly apart from the rest: by their words, or else by their headlines.
    fn separate(&self, s: usize) -> Option<Vec<usize>> {
        self.split_by_words(s)
            .or_else(|| self.split_by_headlines(s))
    }

    /// Two events of one kind (two players arrested, two games won) are reported in the same
    /// words, but their headlines lead with different names. Looks for two names, each in the
    /// headlines of at least [`HEADLINE_SIDE`] members, that seldom share a headline and
    /// together cover most of the story; members whose headline has neither go to the side
    /// their words are closer to. The two sides must also share little of their identity terms
    /// (below [`HEADLINE_IDENTITY`]), so that a story told through two people stays whole.
    fn split_by_headlines(&self, s: usize) -> Option<Vec<usize>> {
        let story = &self.stories[s];
        let n = story.members.len();
        if !(2 * HEADLINE_SIDE..=SPLIT_MAX_MEMBERS).contains(&n) {
            return None;
        }
        let mut holders: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, m) in story.members.iter().enumerate() {
            for &w in m.headline.iter() {
                holders.entry(w).or_default().push(i);
            }
        }
        // Holder lists are in member order; the most widely held names are tried, a bounded
        // number of them, so that the pairs tried stay few however large the story.
        let mut names: Vec<(u32, Vec<usize>)> = holders
            .into_iter()
            .filter(|(_, h)| h.len() >= HEADLINE_SIDE)
            .collect();
        names.sort_unstable_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        names.truncate(HEADLINE_NAMES);
        let mut best: Option<(usize, usize, usize)> = None;
        for a in 0..names.len() {
            for b in a + 1..names.len() {
                let (x, y) = (&names[a].1, &names[b].1);
                let shared = similarity::sorted_common(x, y);
                let covered = x.len() + y.len() - shared;
                if shared * 10 > covered
                    || covered * 10 < n * 7
                    || x.len() - shared < HEADLINE_SIDE
                    || y.len() - shared < HEADLINE_SIDE
                {
                    continue;
                }
                let score = covered - shared;
                if best.is_none_or(|(top, _, _)| score > top) {
                    best = Some((score, a, b));
                }
            }
        }
        let (_, a, b) = best?;
        let (x, y) = (&names[a].1, &names[b].1);
        let units: Vec<Vec<(u32, f32)>> = story.members.iter().map(|m| unit(&m.vector)).collect();
        let decided: Vec<Option<bool>> = (0..n)
            .map(
                |i| match (x.binary_search(&i).is_ok(), y.binary_search(&i).is_ok()) {
                    (true, false) => Some(false),
                    (false, true) => Some(true),
                    _ => None,
                },
            )
            .collect();
        let seed = |which: bool| -> Dense {
            let mut total = Dense::default();
            for (u, _) in units
                .iter()
                .zip(&decided)
                .filter(|(_, d)| **d == Some(which))
            {
                for &(t, w) in u {
                    *total.entry(t).or_default() += w;
                }
            }
            total
        };
        let seeds = (seed(false), seed(true));
        let norms = (norm(&seeds.0), norm(&seeds.1));
        if norms.0 == 0.0 || norms.1 == 0.0 {
            return None;
        }
        let mut side: Vec<bool> = units
            .iter()
            .zip(&decided)
            .map(|(u, d)| {
                d.unwrap_or_else(|| dot(u, &seeds.1) / norms.1 > dot(u, &seeds.0) / norms.0)
            })
            .collect();
        self.follow_originals(s, &mut side);
        let count = side.iter().filter(|&&v| v).count();
        if count < HEADLINE_SIDE || n - count < HEADLINE_SIDE {
            return None;
        }
        let sums = (sum(&units, &side, false), sum(&units, &side, true));
        if self.identity_cosine(&sums.0, &sums.1) >= HEADLINE_IDENTITY {
            return None;
        }
        Some(smaller_side(&side))
    }

    /// Puts each copy on the side of its original; tells whether any copy moved.
    fn follow_originals(&self, s: usize, side: &mut [bool]) -> bool {
        let story = &self.stories[s];
        let position: HashMap<Doc, usize> = story
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.doc, i))
            .collect();
        let mut moved = false;
        for _ in 0..story.members.len() {
            let mut changed = false;
            for (i, member) in story.members.iter().enumerate() {
                let of = member.original.and_then(|o| position.get(&o));
                if let Some(&o) = of {
                    if side[i] != side[o] {
                        side[i] = side[o];
                        changed = true;
                    }
                }
            }
            moved |= changed;
            if !changed {
                break;
            }
        }
        moved
    }

    /// The split by words: spherical 2-means over the members' vectors.
    fn split_by_words(&self, s: usize) -> Option<Vec<usize>> {
        let story = &self.stories[s];
        let n = story.members.len();
        if !(2 * MIN_SIDE..=SPLIT_MAX_MEMBERS).contains(&n) {
            return None;
        }
        let units: Vec<Vec<(u32, f32)>> = story.members.iter().map(|m| unit(&m.vector)).collect();
        let first = argmin(units.iter().map(|v| story.cosine(v)))?;
        let seed: Dense = units[first].iter().copied().collect();
        let second = argmin(units.iter().enumerate().map(|(i, v)| {
            if i == first {
                f32::INFINITY
            } else {
                dot(v, &seed)
            }
        }))?;
        let mut side: Vec<bool> = units
            .iter()
            .map(|v| dot_sparse(v, &units[second]) > dot_sparse(v, &units[first]))
            .collect();
        let mut sums = (Dense::default(), Dense::default());
        for _ in 0..SPLIT_ROUNDS {
            sums = (sum(&units, &side, false), sum(&units, &side, true));
            let norms = (norm(&sums.0), norm(&sums.1));
            if norms.0 == 0.0 || norms.1 == 0.0 {
                return None;
            }
            let next: Vec<bool> = units
                .iter()
                .map(|v| dot(v, &sums.1) / norms.1 > dot(v, &sums.0) / norms.0)
                .collect();
            if next == side {
                break;
            }
            side = next;
        }
        // A copy goes where its original goes, whatever its words say.
        if self.follow_originals(s, &mut side) {
            sums = (sum(&units, &side, false), sum(&units, &side, true));
        }
        let count = side.iter().filter(|&&b| b).count();
        if count < MIN_SIDE || n - count < MIN_SIDE {
            return None;
        }
        let (n0, n1) = (norm(&sums.0), norm(&sums.1));
        if n0 == 0.0 || n1 == 0.0 {
            return None;
        }
        let cross = dot_maps(&sums.0, &sums.1) / (n0 * n1);
        let gap = range_gap(
            days(&story.members, &side, false),
            days(&story.members, &side, true),
        );
        let apart = cross * self.damping(gap) < self.options.threshold
            || (count.min(n - count) >= IDENTITY_SIDE
                && self.identity_cosine(&sums.0, &sums.1) < self.options.identity_threshold);
        if !apart {
            return None;
        }
        Some(smaller_side(&side))
    }

    /// Moves the members at `leaving` out of story `s` into a new story, which it returns.
    fn split(&mut self, s: usize, leaving: &[usize]) -> Option<usize> {
        let story = &mut self.stories[s];
        let mut moved: Vec<Member> = Vec::with_capacity(leaving.len());
        let mut kept: Vec<Member> = Vec::with_capacity(story.members.len());
        for (i, member) in std::mem::take(&mut story.members).into_iter().enumerate() {
            if leaving.contains(&i) {
                moved.push(member);
            } else {
                kept.push(member);
            }
        }
        for member in &moved {
            for &(t, w) in member.vector.iter() {
                if let Some(c) = story.centroid.get_mut(&t) {
                    *c -= w;
                }
            }
        }
        // What the moved vectors leave of a term (rounding, or a term the centroid had
        // dropped) is noise, not weight.
        story.centroid.retain(|_, w| *w > 1e-4);
        story.settle();
        story.first_day = None;
        story.last_day = None;
        for member in &kept {
            story.widen(member.day, member.day);
        }
        story.members = kept;
        let from = story.key.clone();
        let head = moved.first()?;
        let head = self.docs.id(head.doc);
        let t = self.open(super::super::story_id(std::iter::once(&head)));
        for member in &moved {
            self.join(
                t,
                member.doc,
                &member.vector,
                member.day,
                member.headline.clone(),
            );
            // A copy keeps the link to its original, which moved with it.
            if let Some(last) = self.stories[t].members.last_mut() {
                last.original = member.original;
            }
        }
        let mut docs: Vec<DocId> = moved.into_iter().map(|m| self.docs.id(m.doc)).collect();
        docs.sort();
        self.events.push(StoryEvent::Split {
            from,
            into: self.stories[t].key.clone(),
            docs,
        });
        Some(t)
    }
}

/// The positions on the smaller side, which leaves the story; on a tie, the side without the
/// story's first member.
fn smaller_side(side: &[bool]) -> Vec<usize> {
    let n = side.len();
    let count = side.iter().filter(|&&v| v).count();
    let leaving = if count * 2 == n {
        !side[0]
    } else {
        count * 2 < n
    };
    (0..n).filter(|&i| side[i] == leaving).collect()
}

/// Days between two date ranges (0 when they overlap or one is unknown).
fn range_gap(a: (Option<i64>, Option<i64>), b: (Option<i64>, Option<i64>)) -> f32 {
    match (a, b) {
        ((Some(f1), Some(l1)), (Some(f2), Some(l2))) => {
            if l1 < f2 {
                (f2 - l1) as f32
            } else if l2 < f1 {
                (f1 - l2) as f32
            } else {
                0.0
            }
        }
        _ => 0.0,
    }
}

/// The date range of the members on side `which`.
fn days(members: &[Member], side: &[bool], which: bool) -> (Option<i64>, Option<i64>) {
    let days = members
        .iter()
        .zip(side)
        .filter(|(_, &s)| s == which)
        .filter_map(|(m, _)| m.day);
    days.fold((None, None), |(f, l), d| {
        (
            Some(f.map_or(d, |f: i64| f.min(d))),
            Some(l.map_or(d, |l: i64| l.max(d))),
        )
    })
}

fn unit(vector: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let n = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if n == 0.0 {
        return Vec::new();
    }
    vector.iter().map(|&(t, w)| (t, w / n)).collect()
}

fn dot(vector: &[(u32, f32)], other: &Dense) -> f32 {
    vector
        .iter()
        .filter_map(|(t, w)| other.get(t).map(|v| v * w))
        .sum()
}

/// The dot product of two maps, walking the first (pass the smaller one first).
fn dot_maps(a: &Dense, b: &Dense) -> f32 {
    a.iter().filter_map(|(t, w)| b.get(t).map(|v| v * w)).sum()
}

fn dot_sparse(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    a.iter()
        .filter_map(|(t, w)| b.iter().find(|(u, _)| u == t).map(|(_, v)| v * w))
        .sum()
}

fn norm(vector: &Dense) -> f32 {
    vector.values().map(|w| w * w).sum::<f32>().sqrt()
}

/// The sum of the vectors on side `which`.
fn sum(units: &[Vec<(u32, f32)>], side: &[bool], which: bool) -> Dense {
    let mut total = Dense::default();
    for (v, _) in units.iter().zip(side).filter(|(_, &s)| s == which) {
        for &(t, w) in v {
            *total.entry(t).or_default() += w;
        }
    }
    total
}

/// Position of the smallest value (the first on ties).
fn argmin(values: impl Iterator<Item = f32>) -> Option<usize> {
    values
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(i, _)| i)
}
