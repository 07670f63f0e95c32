//! Story grouping on small batches: the invented multi-outlet stories under `tests/stories/`
//! (three events, three or four outlets each, no publication dates) must come out as exactly
//! their folders, whether one story's reports arrive alone or all three stories arrive mixed.
//! Small batches are where document frequencies say least, so this is where grouping breaks
//! first.

use std::collections::BTreeSet;
use std::path::Path;

use triangulate_link::{duplicates, stories, Analysed, StoryOptions};
use triangulate_model::{Body, DocId, RawDocument};

const STORIES: &[&str] = &["ferry", "toll", "fire"];

/// The reports of one folder, analysed, each labelled with its folder.
fn load(story: &str) -> Vec<(String, Analysed)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/stories")
        .join(story);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("story folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && !p.ends_with("truth.txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let raw = RawDocument {
                id: DocId(format!("{story}-{name}")),
                origin: path.display().to_string(),
                url: None,
                outlet: Some(name),
                published: None,
                title: None,
                body: Body::Text(std::fs::read_to_string(&path).expect("fixture")),
            };
            let article = triangulate_extract::extract(&raw).expect("extract");
            let analysis = triangulate_analyze::analyze(&article);
            (story.to_string(), Analysed { article, analysis })
        })
        .collect()
}

/// The clustering as a set of sets of gold labels per predicted story, each label set sorted.
fn grouping(labelled: &[(String, Analysed)]) -> BTreeSet<Vec<String>> {
    let docs: Vec<Analysed> = labelled.iter().map(|(_, d)| d.clone()).collect();
    let dupes = duplicates::find(&docs);
    let plan = stories::cluster(&docs, &dupes, &StoryOptions::default());
    plan.members
        .iter()
        .map(|members| {
            let mut golds: Vec<String> = members.iter().map(|&m| labelled[m].0.clone()).collect();
            golds.sort();
            golds
        })
        .collect()
}

#[test]
fn each_story_alone_forms_one_story() {
    for story in STORIES {
        let docs = load(story);
        let got = grouping(&docs);
        assert_eq!(
            got.len(),
            1,
            "the {} reports of {story} were split: {got:?}",
            docs.len()
        );
    }
}

#[test]
fn mixed_stories_come_apart_into_their_folders() {
    let mut all: Vec<(String, Analysed)> = STORIES.iter().flat_map(|s| load(s)).collect();
    // Interleave the folders so that order cannot stand in for topic.
    all.sort_by(|a, b| {
        a.1.article
            .id
            .0
            .chars()
            .rev()
            .cmp(b.1.article.id.0.chars().rev())
    });
    let got = grouping(&all);
    let want: BTreeSet<Vec<String>> = STORIES
        .iter()
        .map(|s| {
            let n = all.iter().filter(|(g, _)| g == s).count();
            vec![s.to_string(); n]
        })
        .collect();
    assert_eq!(got, want);
}
