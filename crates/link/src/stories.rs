//! Streaming story clustering: articles arrive in publication order and each joins the story
//! whose centroid it is most similar to, or opens a new one. Similarity is the cosine of TF-IDF
//! vectors over content-word stems and entity name keys, damped by the time between the article
//! and the story, so that the same people in the same place months apart make different stories.

use std::collections::HashMap;

use triangulate_model::{Article, DocId};

use crate::{duplicates::Groups, similarity, Analysed};

/// Knobs of the clusterer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryOptions {
    /// Minimum damped cosine similarity for an article to join a story.
    pub threshold: f32,
    /// Days over which the time damping halves the similarity.
    pub half_life_days: f32,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            threshold: 0.18,
            half_life_days: 30.0,
        }
    }
}

/// Which documents (indices into the input) form each story, in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryPlan {
    pub members: Vec<Vec<usize>>,
}

/// Weight of an entity-name feature relative to a word.
const ENTITY_WEIGHT: f32 = 2.0;

type Vector = HashMap<String, f32>;

/// Clusters `docs` into stories. Copies always join the story of their original.
pub fn cluster(docs: &[Analysed], dupes: &Groups, options: &StoryOptions) -> StoryPlan {
    let features: Vec<HashMap<String, f32>> = docs.iter().map(raw_features).collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for f in &features {
        for term in f.keys() {
            *df.entry(term.as_str()).or_default() += 1;
        }
    }
    let n = docs.len() as f32;
    let vectors: Vec<Vector> = features
        .iter()
        .map(|f| {
            let mut v: Vector = f
                .iter()
                .map(|(t, tf)| {
                    let idf = ((n + 1.0) / (df[t.as_str()] as f32 + 1.0)).ln() + 1.0;
                    (t.clone(), tf * idf)
                })
                .collect();
            normalize(&mut v);
            v
        })
        .collect();

    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| (day_number(&docs[i].article).unwrap_or(i64::MAX), i));

    let mut stories: Vec<StoryState> = Vec::new();
    let mut story_of: Vec<Option<usize>> = vec![None; docs.len()];
    for i in order {
        let day = day_number(&docs[i].article);
        let joined = match dupes.original_of(i).and_then(|o| story_of[o]) {
            Some(s) => Some(s),
            None => best_story(&stories, &vectors[i], day, options),
        };
        let s = match joined {
            Some(s) => s,
            None => {
                stories.push(StoryState::default());
                stories.len() - 1
            }
        };
        stories[s].add(i, &vectors[i], day);
        story_of[i] = Some(s);
    }
    StoryPlan {
        members: stories
            .into_iter()
            .map(|s| {
                let mut m = s.members;
                m.sort_unstable();
                m
            })
            .collect(),
    }
}

#[derive(Default)]
struct StoryState {
    members: Vec<usize>,
    centroid: Vector,
    days: Vec<i64>,
}

impl StoryState {
    fn add(&mut self, doc: usize, vector: &Vector, day: Option<i64>) {
        self.members.push(doc);
        for (t, w) in vector {
            *self.centroid.entry(t.clone()).or_default() += w;
        }
        self.days.extend(day);
    }

    fn similarity(&self, vector: &Vector) -> f32 {
        let norm = self.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
        if norm == 0.0 {
            return 0.0;
        }
        let dot: f32 = vector
            .iter()
            .filter_map(|(t, w)| self.centroid.get(t).map(|c| c * w))
            .sum();
        dot / norm
    }

    /// Days between `day` and the nearest member date of the story.
    fn gap(&self, day: Option<i64>) -> f32 {
        match day {
            Some(day) => self.days.iter().map(|d| (d - day).abs()).min().unwrap_or(0) as f32,
            None => 0.0,
        }
    }
}

fn best_story(
    stories: &[StoryState],
    vector: &Vector,
    day: Option<i64>,
    options: &StoryOptions,
) -> Option<usize> {
    stories
        .iter()
        .enumerate()
        .map(|(s, story)| {
            let damping = 0.5f32.powf(story.gap(day) / options.half_life_days);
            (s, story.similarity(vector) * damping)
        })
        .filter(|(_, sim)| *sim >= options.threshold)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s)
}

/// Sublinear term frequencies of a document's words and entity names.
fn raw_features(doc: &Analysed) -> HashMap<String, f32> {
    let mut counts: HashMap<String, f32> = HashMap::new();
    let title = doc.article.title.as_deref().unwrap_or("");
    for stem in similarity::stems(title)
        .into_iter()
        .chain(similarity::stems(&doc.article.text))
    {
        if stem.chars().count() > 2 && !stem.chars().all(|c| c.is_ascii_digit()) {
            *counts.entry(stem).or_default() += 1.0;
        }
    }
    let mut features: HashMap<String, f32> =
        counts.into_iter().map(|(t, c)| (t, 1.0 + c.ln())).collect();
    for entity in &doc.analysis.entities {
        let key = format!("@{}", triangulate_analyze::entities::name_key(&entity.name));
        let tf = 1.0 + (entity.mentions.len().max(1) as f32).ln();
        features.insert(key, ENTITY_WEIGHT * tf);
    }
    features
}

fn normalize(v: &mut Vector) {
    let norm = v.values().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|w| *w /= norm);
    }
}

/// Days since 1970-01-01 of the article's publication date.
fn day_number(article: &Article) -> Option<i64> {
    let day = article.published.as_ref()?.day().to_string();
    let mut parts = day.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    // Days from civil date (proleptic Gregorian), after H. Hinnant's well-known formula.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A stable story id, derived from the id of its first member.
pub fn story_id<'a>(mut ids: impl Iterator<Item = &'a DocId>) -> String {
    match ids.next() {
        Some(id) => format!("s{}", &id.as_str()[1..id.as_str().len().min(11)]),
        None => "s-empty".to_string(),
    }
}

/// The story's title: the title of its earliest dated member, else the first titled one.
pub fn title<'a>(articles: impl Iterator<Item = &'a Article>) -> String {
    let articles: Vec<&Article> = articles.collect();
    articles
        .iter()
        .filter(|a| a.title.is_some())
        .min_by_key(|a| day_number(a).unwrap_or(i64::MAX))
        .and_then(|a| a.title.clone())
        .unwrap_or_else(|| "Untitled story".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_model::{Analysis, Dated, Provenance};

    fn doc(id: &str, date: &str, text: &str) -> Analysed {
        Analysed {
            article: Article {
                id: DocId(id.into()),
                origin: id.into(),
                url: None,
                canonical_url: None,
                title: None,
                outlet: None,
                authors: vec![],
                published: Some(Dated {
                    value: date.into(),
                    provenance: Provenance::Given,
                }),
                modified: None,
                language: None,
                reprint: None,
                text: text.into(),
                blocks: vec![],
            },
            analysis: Analysis::default(),
        }
    }

    #[test]
    fn separates_topics_and_distant_times() {
        let docs = vec![
            doc("d1", "2025-03-01", "Dockworkers in Velmora walked out over pay as the harbour strike entered its second day and cranes stood idle."),
            doc("d2", "2025-03-02", "The harbour strike in Velmora left cranes idle for a third day as dockworkers demanded better pay."),
            doc("d3", "2025-03-02", "A late frost destroyed much of the apricot harvest in the southern valleys, growers said."),
            doc("d4", "2025-11-20", "Dockworkers in Velmora walked out over pay again, a new harbour strike leaving cranes idle."),
        ];
        let plan = cluster(&docs, &Groups::default(), &StoryOptions::default());
        assert_eq!(plan.members, vec![vec![0, 1], vec![2], vec![3]]);
    }

    #[test]
    fn day_numbers_count_from_the_epoch() {
        assert_eq!(day_number(&doc("x", "1970-01-01", "").article), Some(0));
        assert_eq!(
            day_number(&doc("x", "2024-09-16", "").article),
            Some(19_982)
        );
    }
}
