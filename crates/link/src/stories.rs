//! Streaming story clustering: articles arrive in publication order and each joins the story
//! whose centroid it is most similar to, or opens a new one. Similarity is the cosine of TF-IDF
//! vectors over content-word stems, entity name keys, the years and the numbers an article
//! states (23 pirates against 26, a 31-24 game against 20-13: two events of one kind told apart,
//! in any language), damped by the time between the article and the story, so that the same
//! people in the same place months apart make different stories.

mod events;
mod index;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use triangulate_model::{Article, DocId, EntityKind, MentionForm};

use crate::{duplicates::Groups, similarity, Analysed};

pub use events::StoryEvent;
pub use index::StoryIndex;

/// Knobs of the clusterer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryOptions {
    /// Minimum damped cosine similarity for an article to join a story.
    pub threshold: f32,
    /// Days over which the time damping halves the similarity.
    pub half_life_days: f32,
    /// Weight of an entity-name feature relative to a word.
    pub entity_weight: f32,
    /// How many times the words of the title count.
    pub title_weight: f32,
    /// Weight of a year the article mentions (a dated expression or a bare year).
    pub year_weight: f32,
    /// Documents without any of the article's terms assumed beside the ones seen, so that in a
    /// small batch (three reports of one meeting) the terms they share still weigh: with no
    /// prior, a term in every one of three documents would weigh almost nothing.
    pub prior_docs: f32,
    /// Undated articles take the latest full date they mention as their day, for the time
    /// damping.
    pub infer_day: bool,
    /// Weight of a number the article states (not a year, at least two digits).
    pub number_weight: f32,
    /// Minimum cosine over the identity terms alone (entity names, numbers, years) between two
    /// groups of a story for them to stay one story, and between two stories for them to
    /// merge: two events of one kind (two arrests, two earthquakes) share their words but not
    /// their people, places and figures.
    pub identity_threshold: f32,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            threshold: 0.20,
            half_life_days: 30.0,
            entity_weight: 1.5,
            title_weight: 1.0,
            year_weight: 2.0,
            prior_docs: 20.0,
            infer_day: true,
            number_weight: 3.0,
            identity_threshold: 0.30,
        }
    }
}

/// Which documents (indices into the input) form each story, in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryPlan {
    pub members: Vec<Vec<usize>>,
}

/// What the clusterer reads of one article: its terms with raw weights, its language and day.
#[derive(Debug, Clone)]
pub(crate) struct Features {
    terms: Vec<(String, f32)>,
    language: String,
    day: Option<i64>,
    /// The words of the title that name an entity of the article ("Reyk" in "Lions' Reyk
    /// arrested"), as stems: who the headline says the story is about.
    headline: Vec<String>,
}

/// Clusters `docs` into stories. Copies always join the story of their original. The result
/// does not depend on the order of `docs` (articles are taken by publication day, then id).
pub fn cluster(docs: &[Analysed], dupes: &Groups, options: &StoryOptions) -> StoryPlan {
    let feats: Vec<Features> = docs.par_iter().map(|d| features(d, options)).collect();
    let refs: Vec<&Analysed> = docs.iter().collect();
    let original: Vec<Option<DocId>> = (0..docs.len())
        .map(|i| dupes.original_of(i).map(|o| docs[o].article.id.clone()))
        .collect();
    let mut index = StoryIndex::new(*options);
    let keys = index.add_features(&refs, &feats, &original);
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let next = members.len();
        let s = *by_key.entry(key.as_str()).or_insert(next);
        if s == next {
            members.push(Vec::new());
        }
        members[s].push(i);
    }
    StoryPlan { members }
}

/// Years between the latest full date an undated article names and a later year it names, from
/// which the date is taken for a look back rather than the article's day. F1 on ECB+ is the
/// same from 4 to 5 years, 0.001 lower from 6 to 20, 0.004 lower at 3.
const LOOK_BACK_YEARS: i64 = 5;
/// The first character of an entity-name term (word terms are stems: letters and digits).
const ENTITY_MARK: char = '@';
/// The first character of a year term.
const YEAR_MARK: char = '#';
/// The first character of a number term.
const NUMBER_MARK: char = '%';

/// Whether a term names who, where or how many (an entity, a year, a number) rather than
/// what happened: the terms two events of one kind do not share.
pub(crate) fn is_identity(term: &str) -> bool {
    term.starts_with([ENTITY_MARK, YEAR_MARK, NUMBER_MARK])
}

/// Sublinear term frequencies of a document's words and entity names.
pub(crate) fn features(doc: &Analysed, options: &StoryOptions) -> Features {
    let mut counts: HashMap<String, f32> = HashMap::new();
    let title = doc.article.title.as_deref().unwrap_or("");
    let words = similarity::stems(title)
        .into_iter()
        .map(|s| (s, options.title_weight))
        .chain(
            similarity::stems(&doc.article.text)
                .into_iter()
                .map(|s| (s, 1.0)),
        );
    for (stem, weight) in words {
        if stem.chars().count() > 2 && !stem.chars().all(|c| c.is_ascii_digit()) {
            *counts.entry(stem).or_default() += weight;
        }
    }
    let mut terms: HashMap<String, f32> = counts
        .into_iter()
        .filter(|(_, c)| *c > 0.0)
        .map(|(t, c)| (t, 1.0 + c.max(1.0).ln()))
        .collect();
    for entity in &doc.analysis.entities {
        let key = format!(
            "{ENTITY_MARK}{}",
            triangulate_analyze::entities::name_key(&entity.name)
        );
        // Descriptions ("the union") repeat an entity the article has already named; counting
        // them would favour articles that describe more than they name.
        let named = entity
            .mentions
            .iter()
            .filter_map(|&m| doc.analysis.mentions.get(m))
            .filter(|m| m.form != MentionForm::Description)
            .count();
        let tf = 1.0 + (named.max(1) as f32).ln();
        let slot = terms.entry(key).or_default();
        *slot = slot.max(options.entity_weight * tf);
    }
    if options.year_weight > 0.0 {
        for year in years(doc) {
            terms.insert(format!("{YEAR_MARK}{year}"), options.year_weight);
        }
    }
    if options.number_weight > 0.0 {
        for number in numbers(&doc.article.text) {
            terms.insert(format!("{NUMBER_MARK}{number}"), options.number_weight);
        }
    }
    let mut terms: Vec<(String, f32)> = terms.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let headline = headline_names(doc, title);
    let day = day_number(&doc.article).or_else(|| {
        if options.infer_day {
            mentioned_day(doc)
        } else {
            None
        }
    });
    Features {
        terms,
        language: doc.article.language.clone().unwrap_or_default(),
        day,
        headline,
    }
}

/// The stems of the title's words that end the names of the article's people and organisations,
/// left out where the article also writes the word in lower case: a common word inside a name
/// ("New", "Act") says nothing of who the story is about. The last word of a name is the one
/// headlines keep: a person's surname, and the head of an organisation's name when the rest is
/// shortened ("Kor Mill" for "Korvanska Mill").
fn headline_names(doc: &Analysed, title: &str) -> Vec<String> {
    let named: HashSet<String> = doc
        .analysis
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization))
        .filter_map(|e| similarity::stems(&e.name).pop())
        .collect();
    let mut words: Vec<String> = similarity::stems(title)
        .into_iter()
        .filter(|w| w.chars().count() > 2 && named.contains(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    if words.is_empty() {
        return words;
    }
    // Only lower-case words that open like a candidate are stemmed.
    let opening = |w: &str| -> String { w.chars().take(3).collect() };
    let openings: HashSet<String> = words.iter().map(|w| opening(w)).collect();
    let common: HashSet<String> = doc
        .article
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.starts_with(char::is_lowercase) && openings.contains(&opening(w)))
        .flat_map(similarity::stems)
        .collect();
    words.retain(|w| !common.contains(w));
    words
}

/// The years an article names: those of its resolved time expressions and bare four-digit
/// numbers between 1900 and 2099.
fn years(doc: &Analysed) -> Vec<u16> {
    let from_times = doc.analysis.times.iter().filter_map(|t| year_of(&t.value));
    let bare = doc
        .article
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() == 4)
        .filter_map(year_of);
    let mut all: Vec<u16> = from_times.chain(bare).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The numbers of two digits or more a text states, years left out (they have their own
/// feature): counts, scores and sums that tell two events of the same kind apart.
fn numbers(text: &str) -> Vec<&str> {
    let mut all: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() >= 2 && !w.starts_with('0'))
        .filter(|w| year_of(w).is_none())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn year_of(value: &str) -> Option<u16> {
    let head = value.get(..4)?;
    let year: u16 = head.parse().ok()?;
    let next = value.as_bytes().get(4);
    ((1900..2100).contains(&year) && !matches!(next, Some(c) if c.is_ascii_digit())).then_some(year)
}

/// The latest full date an undated article mentions: its likely day. A report is written after
/// the events it dates, and the date it names most often may be one it looks back on (an
/// obituary retells a career by its dates).
fn mentioned_day(doc: &Analysed) -> Option<i64> {
    let year = |value: &str| value.get(..4)?.parse::<i64>().ok();
    let times = &doc.analysis.times;
    let (day, day_year) = times
        .iter()
        .filter_map(|t| Some((parse_day(t.value.get(..10)?)?, year(&t.value)?)))
        .max()?;
    // A year the article names well after that date (a bare "in 2005" in an obituary whose
    // latest full date is from 1972) says that the date, too, is one it looks back on: its day
    // is unknown. Years a little later are often plans and forecasts ("by 2010").
    let latest_year = times.iter().filter_map(|t| year(&t.value)).max()?;
    (latest_year < day_year + LOOK_BACK_YEARS).then_some(day)
}

/// Days since 1970-01-01 of the article's publication date.
fn day_number(article: &Article) -> Option<i64> {
    parse_day(article.published.as_ref()?.day())
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn parse_day(day: &str) -> Option<i64> {
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
        // Ids are ASCII hashes with a one-letter prefix; taking chars keeps odd ids safe.
        Some(id) => format!(
            "s{}",
            id.as_str().chars().skip(1).take(10).collect::<String>()
        ),
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
    fn numbers_leave_out_years_single_digits_and_codes() {
        let text =
            "The navy held 23 suspects in 2012 after a 31-24 game, 7 boats, code 007, 1,500 m.";
        assert_eq!(numbers(text), vec!["23", "24", "31", "500"]);
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

    fn harbour_and_frost() -> Vec<Analysed> {
        vec![
            doc("d1", "2025-03-01", "Dockworkers in Velmora walked out over pay as the harbour strike entered its second day and cranes stood idle."),
            doc("d2", "2025-03-02", "The harbour strike in Velmora left cranes idle for a third day as dockworkers demanded better pay."),
            doc("d3", "2025-03-02", "A late frost destroyed much of the apricot harvest in the southern valleys, growers said."),
            doc("d4", "2025-03-03", "Apricot growers in the southern valleys counted their losses after the late frost."),
            doc("d5", "2025-03-03", "Cranes in Velmora harbour stayed idle as the dockworkers strike over pay went on."),
        ]
    }

    fn grouped(plan: &StoryPlan, docs: &[Analysed]) -> Vec<Vec<String>> {
        let mut stories: Vec<Vec<String>> = plan
            .members
            .iter()
            .map(|m| {
                let mut ids: Vec<String> =
                    m.iter().map(|&i| docs[i].article.id.0.clone()).collect();
                ids.sort();
                ids
            })
            .collect();
        stories.sort();
        stories
    }

    /// The stories of `docs` clustered with the default options, as sorted lists of ids.
    fn stories_of(docs: &[Analysed]) -> Vec<Vec<String>> {
        grouped(
            &cluster(docs, &Groups::default(), &StoryOptions::default()),
            docs,
        )
    }

    /// An article analysed for real, so that its entities (and its headline's names) are known.
    fn analysed(id: &str, title: &str, text: &str) -> Analysed {
        let mut d = doc(id, "2025-03-02", text);
        d.article.title = Some(title.to_string());
        d.analysis = triangulate_analyze::analyze(&d.article);
        d
    }

    /// Two players of one team arrested for drunk driving on the same weekend, told in the same
    /// words: only the names tell the two events apart.
    fn two_arrests() -> Vec<Analysed> {
        // (player, surname, road): the only words the two events' articles do not share.
        const REYK: (&str, &str, &str) = ("receiver Vincent Reyk", "Reyk", "coast");
        const DANNER: (&str, &str, &str) = ("lineman Jamal Danner", "Danner", "harbour");
        let arrest =
            |id: &str, title: &str, lead: &str, (player, surname, road): (&str, &str, &str)| {
                analysed(
                    id,
                    title,
                    &format!(
                        "{lead} Harbour Lions {player} was arrested early Sunday on suspicion of \
                     drunk driving, the Velmora highway patrol said. {surname} was stopped on \
                     the {road} road after midnight and gave a blood sample. The Harbour Lions \
                     said they were aware of the arrest and would say no more until the results \
                     of the blood test were known."
                    ),
                )
            };
        vec![
            arrest(
                "r1",
                "Lions' Reyk arrested on suspicion of drunk driving",
                "VELMORA -",
                REYK,
            ),
            arrest(
                "r2",
                "Reyk arrested, Lions say little",
                "A second arrest for the club.",
                REYK,
            ),
            arrest(
                "r3",
                "Police: Reyk stopped on coast road",
                "Another blow for the Lions.",
                REYK,
            ),
            arrest(
                "r4",
                "Lions receiver Reyk held overnight",
                "The patrol confirmed it.",
                REYK,
            ),
            arrest(
                "d1",
                "Lions' Danner arrested on suspicion of drunk driving",
                "VELMORA -",
                DANNER,
            ),
            arrest(
                "d2",
                "Danner arrested, Lions say little",
                "A second arrest for the club.",
                DANNER,
            ),
            arrest(
                "d3",
                "Police: Danner stopped on harbour road",
                "Another blow for the Lions.",
                DANNER,
            ),
            arrest(
                "d4",
                "Lions lineman Danner held overnight",
                "The patrol confirmed it.",
                DANNER,
            ),
        ]
    }

    #[test]
    fn headlines_that_lead_with_different_names_make_two_stories() {
        let docs = two_arrests();
        assert_eq!(
            stories_of(&docs),
            vec![vec!["d1", "d2", "d3", "d4"], vec!["r1", "r2", "r3", "r4"]]
        );
    }

    #[test]
    fn a_group_split_off_the_wrong_story_joins_the_right_one() {
        // The arrests of Danner are read first, then two reports of Reyk's suspension, which
        // open a story of their own, then the reports of Reyk's arrest: written like Danner's,
        // they join his story, until the headlines split them off. They then belong with the
        // suspension, the story of the same player.
        let mut docs: Vec<Analysed> = two_arrests();
        let suspension = |id: &str, title: &str, lead: &str| {
            analysed(
                id,
                title,
                &format!(
                    "{lead} The Harbour Lions suspended receiver Vincent Reyk for two games on \
                     Tuesday. Reyk apologised to his teammates and said he would seek help. \
                     Coach Edda Marsh said Reyk would train alone until the suspension ends, \
                     and the club fined the receiver a week of wages."
                ),
            )
        };
        docs.push(suspension(
            "e1",
            "Lions suspend Reyk for two games",
            "VELMORA -",
        ));
        docs.push(analysed(
            "e2",
            "Reyk apologises to teammates",
            "Vincent Reyk apologised to his teammates on Tuesday and said he would seek help. \
             The receiver read a short statement at the training ground and took no questions.",
        ));
        assert_eq!(
            stories_of(&docs),
            vec![
                vec!["d1", "d2", "d3", "d4"],
                vec!["e1", "e2", "r1", "r2", "r3", "r4"]
            ]
        );
    }

    #[test]
    fn two_reports_that_dwell_on_other_people_stay_in_their_story() {
        // Four reports of a player put on injured reserve, and two of the same news that spend
        // most of their words on the owner's health and the coach's plans: the names of the
        // two differ, but two reports are not a story of their own.
        let report = |id: &str, title: &str, lead: &str| {
            analysed(
                id,
                title,
                &format!(
                    "{lead} The Harbour Lions placed receiver Vincent Reyk on injured reserve on \
                     Wednesday, ending his season. Reyk sprained his left knee in the loss at \
                     Velmora and will miss the final two games. The Lions said the knee needs \
                     rest, not surgery."
                ),
            )
        };
        let aside = |id: &str, title: &str, names: &str| {
            analysed(
                id,
                title,
                &format!(
                    "The Harbour Lions placed Reyk on injured reserve on Wednesday, ending his \
                     season with a sprained knee. {names} The club said the owner had surgery \
                     in Ostrada last week, and her doctor expects a full recovery before the \
                     draft. The coach will start a rookie in the final two games."
                ),
            )
        };
        let docs = vec![
            report("a1", "Lions put Reyk on injured reserve", "VELMORA -"),
            report("a2", "Reyk's season is over", "The club confirmed it."),
            report(
                "a3",
                "Lions place receiver Reyk on IR",
                "A blow for the Lions.",
            ),
            report("a4", "Reyk done for the season", "It is official."),
            aside(
                "b1",
                "Reyk out; Lions owner Marta Quell recovering",
                "Owner Marta Quell, 81, spoke to Dr. Ilan Voss and coach Edda Marsh.",
            ),
            aside(
                "b2",
                "Owner Quell home after surgery as Reyk goes on IR",
                "Marta Quell thanked Dr. Ilan Voss; coach Edda Marsh named Tomas Brill.",
            ),
        ];
        assert_eq!(
            stories_of(&docs),
            vec![vec!["a1", "a2", "a3", "a4", "b1", "b2"]]
        );
    }

    #[test]
    fn a_name_shortened_in_half_the_headlines_keeps_one_story() {
        // One fire, reported by six outlets: three write the mill's name in full, three in the
        // short form the town uses.
        let fire = |id: &str, title: &str, name: &str| {
            analysed(
                id,
                title,
                &format!(
                    "A fire destroyed the historic {name} building in Palvik overnight. \
                     Firefighters fought the blaze for six hours, fire chief Edda Marsh said. \
                     The {name} building had stood empty since the dairy closed, and the \
                     owners said it was not insured. Ostmark County police are looking into \
                     the cause."
                ),
            )
        };
        let docs = vec![
            fire(
                "a1",
                "Fire destroys Korvanska Mill building",
                "Korvanska Mill",
            ),
            fire("a2", "Korvanska Mill burns down", "Korvanska Mill"),
            fire(
                "a3",
                "Historic Korvanska Mill lost to fire",
                "Korvanska Mill",
            ),
            fire("b1", "Kor Mill building burns in Palvik", "Kor Mill"),
            fire("b2", "Farewell to the Kor Mill", "Kor Mill"),
            fire("b3", "Arson suspected in Kor Mill fire", "Kor Mill"),
        ];
        assert_eq!(
            stories_of(&docs),
            vec![vec!["a1", "a2", "a3", "b1", "b2", "b3"]]
        );
    }

    #[test]
    fn one_event_told_through_two_people_keeps_one_story() {
        // Both players were in the car; half the headlines name one, half the other, but every
        // article names both, so the two halves share their names and stay one story.
        let text = |lead: &str| {
            format!(
                "{lead} Harbour Lions receiver Vincent Reyk and lineman Jamal Danner were \
                 arrested early Sunday on suspicion of drunk driving, the Velmora highway patrol \
                 said. Reyk was driving and Danner was his passenger. The Harbour Lions said they \
                 were aware of the arrests of Reyk and Danner and would say no more."
            )
        };
        let docs = vec![
            analysed(
                "r1",
                "Lions' Reyk arrested after night out",
                &text("VELMORA -"),
            ),
            analysed("r2", "Reyk at the wheel, police say", &text("A bad night.")),
            analysed(
                "r3",
                "Lions receiver Reyk held overnight",
                &text("The patrol said so."),
            ),
            analysed(
                "d1",
                "Lions' Danner arrested after night out",
                &text("VELMORA -"),
            ),
            analysed(
                "d2",
                "Danner was the passenger, police say",
                &text("A bad night."),
            ),
            analysed(
                "d3",
                "Lions lineman Danner held overnight",
                &text("The patrol said so."),
            ),
        ];
        let plan = cluster(&docs, &Groups::default(), &StoryOptions::default());
        assert_eq!(plan.members.len(), 1, "{:?}", grouped(&plan, &docs));
    }

    #[test]
    fn headline_names_leave_out_words_the_article_writes_in_lower_case() {
        let d = analysed(
            "x",
            "New Velmora Port Authority fines Northway",
            "The New Velmora Port Authority fined Northway Terminals on Monday. The new fine \
             is the largest the port authority has set.",
        );
        let names = headline_names(&d, d.article.title.as_deref().unwrap_or(""));
        assert!(names.contains(&"northway".to_string()), "{names:?}");
        assert!(!names.contains(&"new".to_string()), "{names:?}");
        assert!(!names.contains(&"port".to_string()), "{names:?}");
    }

    #[test]
    fn input_order_does_not_change_the_stories() {
        let docs = harbour_and_frost();
        let mut reversed = docs.clone();
        reversed.reverse();
        let a = cluster(&docs, &Groups::default(), &StoryOptions::default());
        let b = cluster(&reversed, &Groups::default(), &StoryOptions::default());
        assert_eq!(grouped(&a, &docs), grouped(&b, &reversed));
        assert_eq!(a.members.len(), 2);
    }

    #[test]
    fn a_restored_index_places_new_articles_like_a_live_one() {
        let docs = harbour_and_frost();
        let first: Vec<&Analysed> = docs[..4].iter().collect();
        let mut live = StoryIndex::new(StoryOptions::default());
        live.add_batch(&first, &[]);
        let stored = live.assignments();
        assert_eq!(stored.len(), 4);
        let mut restored = StoryIndex::restore(StoryOptions::default(), &docs[..4], &stored);
        assert_eq!(restored.assignments(), stored);
        let new = [&docs[4]];
        let key = restored.add_batch(&new, &[]);
        // The new harbour report joins the harbour story, whose key did not change.
        assert_eq!(Some(key[0].as_str()), live.story_of(&docs[0].article.id));
        assert_eq!(restored.len(), 2);
        // Adding an article twice keeps its story.
        assert_eq!(restored.add_batch(&new, &[]), key);
    }

    #[test]
    fn copies_follow_their_original() {
        let docs = harbour_and_frost();
        let refs: Vec<&Analysed> = docs.iter().collect();
        let mut original = vec![None; docs.len()];
        original[2] = Some(docs[0].article.id.clone());
        let mut index = StoryIndex::new(StoryOptions::default());
        let keys = index.add_batch(&refs, &original);
        assert_eq!(keys[2], keys[0]);
    }

    #[test]
    fn years_are_read_from_bare_numbers_only_when_plausible() {
        let d = doc(
            "x",
            "2025-01-01",
            "In 1987 the 12345 votes and 2031 plans; 3000 boats.",
        );
        assert_eq!(years(&d), vec![1987, 2031]);
    }

    #[test]
    fn an_undated_article_takes_the_latest_date_it_names() {
        // The harbour's opening is named twice, the founder's death once: the report is of the
        // death.
        let mut d = doc(
            "x",
            "2025-01-01",
            "The Velmora harbour opened on June 17, 1972, and June 17, 1972 is still a holiday \
             there. Its founder died on December 19, 2008, his family said.",
        );
        d.article.published = None;
        d.analysis = triangulate_analyze::analyze(&d.article);
        assert_eq!(mentioned_day(&d), parse_day("2008-12-19"));
    }

    #[test]
    fn a_date_an_article_looks_back_on_is_not_its_day() {
        let undated = |text: &str| {
            let mut d = doc("x", "2025-01-01", text);
            d.article.published = None;
            d.analysis = triangulate_analyze::analyze(&d.article);
            d
        };
        // An obituary: the harbour's opening is history, and the years after it say so.
        let obituary = undated(
            "Ilse Marr, who opened the Velmora harbour on June 17, 1972, has died. She left the \
             harbour board in 1990 and wrote her memoirs in 2011.",
        );
        assert_eq!(mentioned_day(&obituary), None);
        // A report whose later year is a plan keeps the date as its day.
        let plan = undated(
            "The Velmora council approved the new harbour wall on March 3, 2009. Work is to end \
             in 2011.",
        );
        assert_eq!(mentioned_day(&plan), parse_day("2009-03-03"));
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
