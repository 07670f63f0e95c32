//! Framing labels against NewsWCL50: the words each outlet uses for each concept.
//!
//! Protocol. NewsWCL50 codes, for 7 events reported by 5 outlets each, every mention of every
//! concept (an actor, a country, an action, ...) with the words the outlet used. The articles are
//! rebuilt from `NewsWCL50.conll` as running text (one line per sentence, a blank line between
//! paragraphs, punctuation and clitics joined back as [`Glue`] says) and the
//! coded mentions are read from its chain column, which carries the same annotation as
//! `Annotations.csv` as token positions inside the rebuilt text (a chain is a concept, e.g.
//! `0_USA_Trump_ACTOR`). Each article is analysed alone with [`triangulate_analyze::analyze`].
//!
//! What we list per outlet and concept is what the story report shows for the outlet: every
//! framing label the analysis finds, and every spelling of a name the outlet used (the entity
//! table's "Spellings" column), so "Pyongyang" against "North Korea" counts as word choice. The
//! figures for the labels alone are printed too (`labels_alone_*`). Each listed item is mapped
//! to a concept by its own span: the coded mention it matches best (overlap over union of the
//! byte spans) gives the concept, so a long item goes to the mention that holds it and a name to
//! the mention of the name, not to a mention nested in or around it. Where one mention is coded
//! as several concepts ("the defendants" of a suit against three parties), the item goes to the
//! one its entity's other mentions are coded as, and to each of them when it has no entity that
//! decides (a group or event label, or a name mentioned once). An item that touches no coded mention is mapped through its
//! entity's mentions instead (the concept they hit most often). Items still unmapped are counted
//! apart (`labels_unmapped`).
//!
//! Words compared: lower-cased alphabetic tokens without function words; both sides leave out
//! the words of the concept's own name (the parts of the chain id: "Trump", "USA"), since a
//! name is not a label. Set `FRAMING_DUMP=1` to see each cell's missing and extra words. For each outlet and concept, recall is the share of the gold words that
//! our labels list, and precision the share of our label words that the gold mentions use.
//! Figures are means over (outlet, concept) cells: recall over cells with gold words, precision
//! over cells where we list labels; `label_f1` is their harmonic mean. Per-outlet and
//! per-concept-type means are printed. `FRAMING_TEXT=<document key>` prints that article as
//! rebuilt, to run it through the analysis alone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use triangulate_model::{Analysis, Article, DocId, LabelTarget, MentionForm, Span};

use crate::{EvalError, Figures};

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "as",
    "s", "its", "his", "her", "their", "he", "she", "it", "they", "him", "them", "this", "that",
    "these", "those", "who", "which", "is", "was", "be", "has", "have", "had", "we", "our", "us",
    "i", "me", "my", "you", "your",
];

struct Doc {
    key: String,
    text: String,
    tokens: Vec<Vec<(usize, usize)>>,
    /// Coded mentions: byte span in `text` and concept (chain id).
    gold: Vec<(Span, String)>,
}

/// Runs the framing evaluation on the data at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let path = data.join("NewsWCL50.conll");
    let conll = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
    let docs = parse_conll(&conll);
    if docs.is_empty() {
        return Err(EvalError::parse(&path, "no documents"));
    }

    let dump = std::env::var_os("FRAMING_DUMP").is_some();
    let (mut table, mut alone) = (Cells::default(), Cells::default());
    for doc in &docs {
        if std::env::var("FRAMING_TEXT").is_ok_and(|k| k == doc.key) {
            eprintln!("{}", doc.text);
        }
        let analysis = triangulate_analyze::analyze(&article(doc));
        table.score(doc, &analysis, true, dump);
        alone.score(doc, &analysis, false, false);
    }
    let Cells {
        precision,
        recall,
        mapped,
        unmapped,
    } = table;

    writeln!(
        out,
        "framing labels on NewsWCL50: {} articles, {mapped} labels mapped to concepts, \
         {unmapped} unmapped",
        docs.len()
    )?;
    writeln!(
        out,
        "{:<14} {:>9} {:>9} {:>7}",
        "group", "precision", "recall", "cells"
    )?;
    let outlets: BTreeMap<&str, ()> = recall.iter().map(|(o, _, _)| (o.as_str(), ())).collect();
    for outlet in outlets.keys() {
        let p = mean(precision.iter().filter(|c| c.0 == *outlet).map(|c| c.2));
        let r = mean(recall.iter().filter(|c| c.0 == *outlet).map(|c| c.2));
        let cells = recall.iter().filter(|c| c.0 == *outlet).count();
        writeln!(out, "outlet {outlet:<7} {p:>9.3} {r:>9.3} {cells:>7}")?;
    }
    let kinds: BTreeMap<&str, ()> = recall.iter().map(|(_, k, _)| (k.as_str(), ())).collect();
    for kind in kinds.keys() {
        let p = mean(precision.iter().filter(|c| c.1 == *kind).map(|c| c.2));
        let r = mean(recall.iter().filter(|c| c.1 == *kind).map(|c| c.2));
        let cells = recall.iter().filter(|c| c.1 == *kind).count();
        writeln!(out, "{kind:<14} {p:>9.3} {r:>9.3} {cells:>7}")?;
    }
    let p = mean(precision.iter().map(|c| c.2));
    let r = mean(recall.iter().map(|c| c.2));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    writeln!(
        out,
        "overall: label_precision {p:.3}  label_recall {r:.3}  label_f1 {f1:.3}"
    )?;
    let (p_alone, r_alone) = (
        mean(alone.precision.iter().map(|c| c.2)),
        mean(alone.recall.iter().map(|c| c.2)),
    );
    writeln!(
        out,
        "framing labels alone, without the spellings: label_precision {p_alone:.3}  \
         label_recall {r_alone:.3}"
    )?;
    let mut figures = Figures::default();
    figures.push("label_precision", p);
    figures.push("label_recall", r);
    figures.push("label_f1", f1);
    figures.push("labels_unmapped", unmapped as f64);
    figures.push("labels_alone_precision", p_alone);
    figures.push("labels_alone_recall", r_alone);
    Ok(figures)
}

/// Per-cell figures: (outlet, concept type, value) for precision and recall, and how many
/// listed items were mapped onto a concept.
#[derive(Default)]
struct Cells {
    precision: Vec<(String, String, f64)>,
    recall: Vec<(String, String, f64)>,
    mapped: usize,
    unmapped: usize,
}

impl Cells {
    /// Scores one article's listing against its coded mentions; with `dump`, prints each cell's
    /// missing and extra words and the coded mentions that hold the missing ones to stderr.
    fn score(&mut self, doc: &Doc, analysis: &Analysis, spellings: bool, dump: bool) {
        let outlet = outlet_of(&doc.key);
        let mut gold_words: HashMap<&str, HashSet<String>> = HashMap::new();
        for (span, concept) in &doc.gold {
            let name_parts = name_parts(concept);
            let words = gold_words.entry(concept.as_str()).or_default();
            for w in content_words(span.slice(&doc.text).unwrap_or("")) {
                if !name_parts.contains(&w) {
                    words.insert(w);
                }
            }
        }

        let mut ours: HashMap<&str, HashSet<String>> = HashMap::new();
        let items = listed(analysis, spellings);
        for &(span, text, entity) in &items {
            let mut spans = vec![span];
            if let Some(entity) = entity.and_then(|e| analysis.entities.get(e)) {
                spans.extend(
                    entity
                        .mentions
                        .iter()
                        .filter_map(|&m| analysis.mentions.get(m))
                        .map(|m| m.span)
                        // A spelling is one of its entity's mentions; only the others decide.
                        .filter(|&m| m != span),
                );
            }
            let mut concepts = concept_at(doc, span, &spans[1..]);
            if concepts.is_empty() {
                concepts.extend(concept_hit(doc, &spans));
            }
            if concepts.is_empty() {
                self.unmapped += 1;
                continue;
            }
            self.mapped += 1;
            for c in concepts {
                let name_parts = name_parts(c);
                ours.entry(c).or_default().extend(
                    content_words(text)
                        .into_iter()
                        .filter(|w| !name_parts.contains(w)),
                );
            }
        }

        // In concept order, so the dump reads the same from run to run.
        let mut cells: Vec<_> = gold_words.iter().collect();
        cells.sort_by_key(|(concept, _)| *concept);
        for (concept, gold) in cells {
            let kind = concept_type(concept);
            let listed = ours.get(concept).cloned().unwrap_or_default();
            let hit = listed.intersection(gold).count() as f64;
            if dump && !gold.is_empty() {
                dump_cell(doc, concept, gold, &listed, &items);
            }
            if !gold.is_empty() {
                self.recall
                    .push((outlet.clone(), kind.clone(), hit / gold.len() as f64));
            }
            if !listed.is_empty() {
                self.precision
                    .push((outlet.clone(), kind, hit / listed.len() as f64));
            }
        }
        for (concept, listed) in &ours {
            // Labels mapped onto a concept whose coded mentions are all names score zero.
            if gold_words.get(concept).is_none_or(|g| g.is_empty()) && !listed.is_empty() {
                self.precision
                    .push((outlet.clone(), concept_type(concept), 0.0));
            }
        }
    }
}

fn dump_cell(
    doc: &Doc,
    concept: &str,
    gold: &HashSet<String>,
    listed: &HashSet<String>,
    items: &[(Span, &str, Option<usize>)],
) {
    let mut missing: Vec<&String> = gold.difference(listed).collect();
    missing.sort();
    let mut extra: Vec<&String> = listed.difference(gold).collect();
    extra.sort();
    let hit = gold.len() - missing.len();
    eprintln!(
        "{} {concept}: {hit}/{} missing {missing:?} extra {extra:?}",
        doc.key,
        gold.len()
    );
    for (span, c) in &doc.gold {
        let text = span.slice(&doc.text).unwrap_or("");
        if c == concept && content_words(text).iter().any(|w| missing.contains(&w)) {
            let near: Vec<&str> = items
                .iter()
                .filter(|(s, _, _)| s.overlaps(*span))
                .map(|&(_, t, _)| t)
                .collect();
            eprintln!("    gold: {text}    ours: {near:?}");
        }
    }
}

/// What the report lists for one outlet: every framing label, and (with `spellings`) every
/// spelling of a name the outlet used, which the entity table shows per outlet. Each comes with
/// its span and, when it belongs to an entity, the entity's index.
fn listed(analysis: &Analysis, spellings: bool) -> Vec<(Span, &str, Option<usize>)> {
    let mut out: Vec<(Span, &str, Option<usize>)> = analysis
        .labels
        .iter()
        .map(|label| {
            let entity = match label.target {
                LabelTarget::Entity(local) => Some(local),
                LabelTarget::Event | LabelTarget::Group => None,
            };
            (label.span, label.text.as_str(), entity)
        })
        .collect();
    if spellings {
        out.extend(
            analysis
                .mentions
                .iter()
                .filter(|m| matches!(m.form, MentionForm::Name | MentionForm::Acronym))
                .map(|m| (m.span, m.text.as_str(), Some(m.entity))),
        );
    }
    out
}

/// The words of a concept's own id ("usa", "trump" of `0_USA_Trump_ACTOR`): a name, not a label.
fn name_parts(concept: &str) -> HashSet<String> {
    concept.split('_').map(str::to_lowercase).collect()
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// The concept of the coded mention that matches `span` best: the tightest mention that holds
/// the whole item, else the one of greatest overlap over union of the two byte spans. So a name
/// goes to the mention of the name rather than to a longer mention around it, and a long item
/// ("the summit between Mr. Kim and President Moon", "the Russia probe") to the mention that holds
/// it rather than to a name inside it. Between equal matches, the concept the item's entity
/// mentions (`entity_spans`) hit most often wins, then the first by name; when the equal matches
/// are one mention coded as several concepts and no entity mention decides, every one of them.
fn concept_at<'a>(doc: &'a Doc, span: Span, entity_spans: &[Span]) -> Vec<&'a str> {
    let score = |gold: &Span| {
        let overlap = gold
            .end
            .min(span.end)
            .saturating_sub(gold.start.max(span.start));
        let union = gold.end.max(span.end) - gold.start.min(span.start);
        let holds = overlap > 0 && gold.contains(span);
        (overlap as f64 / union.max(1) as f64 * 1e6) as u64 + if holds { 2_000_000 } else { 0 }
    };
    let Some(best) = doc
        .gold
        .iter()
        .map(|(g, _)| score(g))
        .max()
        .filter(|&b| b > 0)
    else {
        return Vec::new();
    };
    let hits = |concept: &str| {
        doc.gold
            .iter()
            .filter(|(g, c)| c == concept && entity_spans.iter().any(|s| g.overlaps(*s)))
            .count()
    };
    let tied: Vec<(Span, &str)> = doc
        .gold
        .iter()
        .filter(|(g, _)| score(g) == best)
        .map(|(g, c)| (*g, c.as_str()))
        .collect();
    // One mention coded as several concepts ("the defendants" of a suit against three
    // parties): an item on it that no entity ties to one of them is a label of each.
    let one_mention = tied.iter().all(|(g, _)| *g == tied[0].0);
    if one_mention && tied.iter().all(|(_, c)| hits(c) == 0) {
        let mut all: Vec<&str> = tied.iter().map(|(_, c)| *c).collect();
        all.sort_unstable();
        all.dedup();
        return all;
    }
    tied.iter()
        .map(|&(_, c)| (hits(c), c))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, c)| vec![c])
        .unwrap_or_default()
}

/// The concept whose coded mentions the spans overlap most often.
fn concept_hit<'a>(doc: &'a Doc, spans: &[Span]) -> Option<&'a str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for span in spans {
        for (gold, concept) in &doc.gold {
            if gold.overlaps(*span) {
                *counts.entry(concept.as_str()).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c)
}

/// "ACTOR" of `0_USA_Trump_ACTOR`; variants such as `ACTOR-I` fold onto their type.
fn concept_type(concept: &str) -> String {
    let last = concept.rsplit('_').next().unwrap_or(concept);
    last.split('-').next().unwrap_or(last).to_string()
}

/// "L" of the document key `0/-/0_L`.
fn outlet_of(key: &str) -> String {
    key.rsplit('_').next().unwrap_or(key).to_string()
}

fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
        .collect()
}

fn article(doc: &Doc) -> Article {
    Article {
        outlet: Some(outlet_of(&doc.key)),
        language: Some("en".into()),
        ..Article::new(DocId(doc.key.clone()), doc.key.clone(), doc.text.clone())
    }
}

/// Documents of the CoNLL file: text rebuilt from tokens, coded mentions from the chain column.
fn parse_conll(conll: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut open: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut glue = Glue::default();
    for line in conll.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 5 {
            continue;
        }
        let (Ok(sent), Ok(tok)) = (fields[1].parse::<usize>(), fields[2].parse::<usize>()) else {
            continue;
        };
        if docs.last().is_none_or(|d| d.key != fields[0]) {
            open.clear();
            glue = Glue::default();
            docs.push(Doc {
                key: fields[0].to_string(),
                text: String::new(),
                tokens: Vec::new(),
                gold: Vec::new(),
            });
        }
        let Some(doc) = docs.last_mut() else { continue };
        while doc.tokens.len() <= sent {
            if !doc.text.is_empty() {
                doc.text.push('\n');
            }
            doc.tokens.push(Vec::new());
        }
        let token = fields[3].trim();
        let start = if token == "\\n" {
            // A paragraph ends: a blank line, and an empty token to keep positions.
            doc.text.push('\n');
            doc.text.len()
        } else {
            let first = doc.tokens[sent].is_empty();
            let glued = glue.after_previous(&doc.text, token) || first;
            if !glued {
                doc.text.push(' ');
            }
            let start = doc.text.len();
            doc.text.push_str(&glue.written(token));
            start
        };
        doc.tokens[sent].push((start, doc.text.len()));
        for part in fields[4].split('|').map(str::trim) {
            if part == "-" || part.is_empty() {
                continue;
            }
            let name = part.trim_start_matches('(').trim_end_matches(')');
            if part.starts_with('(') {
                open.entry(name.to_string()).or_default().push((sent, tok));
            }
            if part.ends_with(')') {
                let Some((s, first)) = open.get_mut(name).and_then(Vec::pop) else {
                    continue;
                };
                let from = doc.tokens.get(s).and_then(|t| t.get(first)).map(|t| t.0);
                if let (Some(from), Some(&(_, to))) = (from, doc.tokens[sent].last()) {
                    doc.gold.push((Span::new(from, to), name.to_string()));
                }
            }
        }
    }
    docs
}

/// Writes tokens back as running text: punctuation and clitics ("'s", "n't") join the word
/// before them, brackets and opening quotes the word after, hyphens both sides, and the
/// tokeniser's `` and '' quotes become plain double quotes.
#[derive(Default)]
struct Glue {
    /// Double quotes opened and not yet closed.
    quote_open: bool,
    /// The previous token asked the next one to join it.
    join_next: bool,
}

impl Glue {
    /// Whether `token` joins the text before it without a space.
    fn after_previous(&mut self, text: &str, token: &str) -> bool {
        const BEFORE: &[&str] = &[
            ",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "’s", "n't", "n’t", "'re", "'ve",
            "'ll", "'m", "'d", "’re", "’ve", "’ll", "’m", "’d", "”", "''", "-",
        ];
        let joined = std::mem::take(&mut self.join_next)
            || text.ends_with('\n')
            || BEFORE.contains(&token)
            || (token == "\"" && self.quote_open);
        self.join_next = matches!(token, "(" | "[" | "$" | "“" | "``" | "-")
            || (token == "\"" && !self.quote_open);
        match token {
            "\"" => self.quote_open = !self.quote_open,
            "“" | "``" => self.quote_open = true,
            "”" | "''" => self.quote_open = false,
            _ => {}
        }
        joined
    }

    /// The token as written in running text.
    fn written(&self, token: &str) -> String {
        match token {
            "``" | "''" => "\"".to_string(),
            _ => token.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_chains_become_spans_of_the_rebuilt_text() {
        let conll = "#begin document 9/-/9_L; part 000\n\
                     9/-/9_L\t0\t0\tthe\t(9_Mayor_ACTOR\t\n\
                     9/-/9_L\t0\t1\tembattled\t-\t\n\
                     9/-/9_L\t0\t2\tmayor\t9_Mayor_ACTOR)\t\n\
                     9/-/9_L\t0\t3\tresigned\t(9_Quit_ACTION)\t\n";
        let docs = parse_conll(conll);
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        assert_eq!(doc.text, "the embattled mayor resigned");
        let spans: Vec<(&str, &str)> = doc
            .gold
            .iter()
            .map(|(s, c)| (s.slice(&doc.text).unwrap_or(""), c.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("the embattled mayor", "9_Mayor_ACTOR"),
                ("resigned", "9_Quit_ACTION")
            ]
        );
        assert_eq!(outlet_of(&doc.key), "L");
        assert_eq!(concept_type("0_USA_Trump_ACTOR-I"), "ACTOR");
    }

    #[test]
    fn tokens_are_written_back_as_running_text() {
        let tokens = [
            "Mr.", "Kim", "Jong", "-", "un", "'s", "envoy", "said", "\"", "we", "wo", "n't", "go",
            "(", "yet", ")", ",", "\"", "and", "left", ".", "\\n",
        ];
        let mut conll = String::from("#begin document 9/-/9_L; part 000\n");
        for (i, token) in tokens.iter().enumerate() {
            let chain = match i {
                1 => "(9_Kim_ACTOR",
                4 => "9_Kim_ACTOR)",
                _ => "-",
            };
            conll.push_str(&format!("9/-/9_L\t0\t{i}\t{token}\t{chain}\t\n"));
        }
        conll.push_str("9/-/9_L\t1\t0\tThen\t-\t\n9/-/9_L\t1\t1\tquiet\t-\t\n");
        let docs = parse_conll(&conll);
        let doc = &docs[0];
        assert_eq!(
            doc.text,
            "Mr. Kim Jong-un's envoy said \"we won't go (yet),\" and left.\n\nThen quiet"
        );
        let (span, _) = &doc.gold[0];
        assert_eq!(span.slice(&doc.text), Some("Kim Jong-un"));
    }

    /// The span of the first `part` in `text`.
    fn span_of(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap();
        Span::new(start, start + part.len())
    }

    /// A document of `text` whose coded mentions are the first occurrences of the given parts.
    fn coded(text: &str, gold: &[(&str, &str)]) -> Doc {
        Doc {
            key: "9/-/9_L".into(),
            text: text.into(),
            tokens: Vec::new(),
            gold: gold
                .iter()
                .map(|(part, concept)| (span_of(text, part), concept.to_string()))
                .collect(),
        }
    }

    #[test]
    fn items_go_to_the_coded_mention_they_match_best() {
        let text = "the summit between Mr. Kim and President Moon";
        let find = |part: &str| span_of(text, part);
        let doc = coded(
            text,
            &[
                (text, "9_Summit_EVENT"),
                ("Mr. Kim", "9_Kim_ACTOR"),
                ("President Moon", "9_Moon_ACTOR"),
            ],
        );
        // A long label goes to the mention around it, a name to its own mention, though both
        // overlap each other's.
        let at = |part: &str| concept_at(&doc, find(part), &[]);
        assert_eq!(at("summit between Mr. Kim"), vec!["9_Summit_EVENT"]);
        assert_eq!(at("between Mr. Kim"), vec!["9_Summit_EVENT"]);
        assert_eq!(at("Kim"), vec!["9_Kim_ACTOR"]);
        assert_eq!(at("Moon"), vec!["9_Moon_ACTOR"]);
        assert!(concept_at(&doc, Span::new(0, 0), &[]).is_empty());

        // One mention coded as two concepts: an item no entity ties to either labels both; an
        // entity whose other mentions are coded as one of them decides.
        let text = "the two sides met; Vell left";
        let find = |part: &str| span_of(text, part);
        let doc = coded(
            text,
            &[
                ("the two sides", "9_Ostria_COUNTRY"),
                ("the two sides", "9_Brask_COUNTRY"),
                ("Vell", "9_Brask_COUNTRY"),
            ],
        );
        assert_eq!(
            concept_at(&doc, find("two sides"), &[]),
            vec!["9_Brask_COUNTRY", "9_Ostria_COUNTRY"]
        );
        assert_eq!(
            concept_at(&doc, find("two sides"), &[find("Vell")]),
            vec!["9_Brask_COUNTRY"]
        );
    }

    #[test]
    fn a_spelling_coded_as_two_concepts_counts_for_both() {
        use triangulate_model::{EntityKind, LocalEntity, Mention};
        // The only mention of its entity, so no other mention decides between the two codes.
        let text = "Ana Vell spoke";
        let doc = coded(
            text,
            &[
                ("Ana Vell", "9_Brask_COUNTRY"),
                ("Ana Vell", "9_Brask-I_ACTOR-I"),
            ],
        );
        let analysis = Analysis {
            mentions: vec![Mention {
                span: span_of(text, "Ana Vell"),
                text: "Ana Vell".into(),
                kind: EntityKind::Person,
                form: MentionForm::Name,
                entity: 0,
                role: None,
            }],
            entities: vec![LocalEntity {
                name: "Ana Vell".into(),
                kind: EntityKind::Person,
                roles: Vec::new(),
                mentions: vec![0],
            }],
            ..Analysis::default()
        };
        let mut cells = Cells::default();
        cells.score(&doc, &analysis, true, false);
        let recall: Vec<f64> = cells.recall.iter().map(|(_, _, r)| *r).collect();
        assert_eq!(recall, vec![1.0, 1.0]);
    }

    #[test]
    fn gold_words_leave_out_function_words() {
        assert_eq!(
            content_words("the Trump administration's policy"),
            vec!["trump", "administration", "policy"]
        );
    }
}
