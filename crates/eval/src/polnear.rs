//! Evaluation: quotations and attributions against PolNeAR (political news, brat standoff).
//!
//! Each article has several annotation files, one per annotator (the suffix after the last `_`);
//! we score against one annotator per article, the first by suffix in byte order, so that the
//! choice is fixed and reproducible (merging annotators would count disagreements as gold twice).
//!
//! Gold attributions tie Content, Cue and Source spans (contents may be discontinuous: a quote
//! split around "said X"). A gold attribution is *direct* when its content is inside quotation
//! marks: it opens with one, or a mark opened earlier in its paragraph is still open (transcript
//! turns, marks the annotator left out of the content). Our quotes (all kinds but scare quotes)
//! are compared on `\w+` tokens:
//! - content token overlap: micro precision and recall over the tokens our contents and the gold
//!   contents cover (direct: our `Direct` quotes against direct gold contents);
//! - content exact: a quote matches when its tokens equal those of a gold content (whole, or one
//!   of its fragments);
//! - cue: a cue matches when it shares a token with a gold cue;
//! - source (direct): one of our direct quotes is right when it overlaps a direct gold content
//!   whose source shares a token with our speaker words; precision counts our direct quotes that
//!   overlap some gold content, recall the direct gold attributions that have a source.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use triangulate_model::{Article, DocId, Quote, QuoteKind, Span};

use crate::{EvalError, Figures};

/// One gold attribution, spans in bytes.
#[derive(Debug, Clone, Default)]
struct Gold {
    content: Vec<Span>,
    cue: Vec<Span>,
    source: Vec<Span>,
    direct: bool,
}

/// Runs the PolNeAR evaluation on the dev split at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    run_split(data, "dev", out)
}

/// Runs the evaluation on one split (`train` for development, `dev` for the reported figures).
pub fn run_split(data: &Path, split: &str, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let dir = data.join(split);
    let docs = documents(&dir)?;
    let mut tally = Tally::default();
    let mut seconds = 0.0;
    for (text_path, ann_path) in &docs {
        let text = std::fs::read_to_string(text_path).map_err(|e| EvalError::io(text_path, e))?;
        let ann = std::fs::read_to_string(ann_path).map_err(|e| EvalError::io(ann_path, e))?;
        let gold = parse_ann(&text, &ann).map_err(|r| EvalError::parse(ann_path, r))?;
        let article = article_of(text_path, text);
        let started = Instant::now();
        let analysis = triangulate_analyze::analyze(&article);
        seconds += started.elapsed().as_secs_f64();
        tally.add(&article.text, &gold, &analysis.quotes);
    }
    let mut figures = Figures::default();
    writeln!(
        out,
        "polnear {split}: {} articles, {} gold attributions ({} direct)",
        docs.len(),
        tally.gold_all,
        tally.gold_direct
    )?;
    let rows = [
        (
            "direct content, token overlap",
            &tally.direct_tokens,
            "direct_content_f1",
        ),
        (
            "direct content, exact",
            &tally.direct_exact,
            "direct_content_exact_f1",
        ),
        (
            "all content, token overlap",
            &tally.all_tokens,
            "all_content_f1",
        ),
        (
            "all content, exact",
            &tally.all_exact,
            "all_content_exact_f1",
        ),
        ("direct source", &tally.direct_source, "direct_source_f1"),
        ("cue", &tally.cue, "cue_f1"),
    ];
    for (label, prf, name) in rows {
        writeln!(
            out,
            "  {label:<32} P {:.3}  R {:.3}  F1 {:.3}",
            prf.precision(),
            prf.recall(),
            prf.f1()
        )?;
        figures.push(name, prf.f1());
    }
    let per_s = if seconds > 0.0 {
        docs.len() as f64 / seconds
    } else {
        0.0
    };
    writeln!(out, "  analysis speed: {per_s:.0} docs/s")?;
    figures.push("docs_per_s", per_s);
    Ok(figures)
}

fn article_of(path: &Path, text: String) -> Article {
    Article::new(
        DocId::of_bytes(text.as_bytes()),
        path.display().to_string(),
        text,
    )
}

/// (text file, chosen annotation file) pairs of a split, in name order.
fn documents(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, EvalError> {
    let texts = dir.join("text");
    let anns = dir.join("attributions");
    let mut by_stem: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(&anns).map_err(|e| EvalError::io(&anns, e))? {
        let path = entry.map_err(|e| EvalError::io(&anns, e))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(base) = name.strip_suffix(".ann") else {
            continue;
        };
        let Some((stem, _annotator)) = base.rsplit_once('_') else {
            continue;
        };
        by_stem.entry(stem.to_string()).or_default().push(path);
    }
    let mut out = Vec::new();
    for (stem, mut files) in by_stem {
        files.sort();
        let text = texts.join(format!("{stem}.txt"));
        if text.exists() {
            out.push((text, files.swap_remove(0)));
        }
    }
    if out.is_empty() {
        return Err(EvalError::parse(dir, "no annotated articles"));
    }
    Ok(out)
}

/// Gold attributions of one brat file; character offsets become byte offsets into `text`.
fn parse_ann(text: &str, ann: &str) -> Result<Vec<Gold>, String> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let byte = |c: usize| bytes.get(c).copied();
    let mut spans: BTreeMap<&str, (String, Vec<Span>)> = BTreeMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((label, ranges)) = body.split_once(' ') else {
                return Err(format!("bad span line {line:?}"));
            };
            let mut list = Vec::new();
            for range in ranges.split(';') {
                let mut ends = range.split(' ').filter_map(|n| n.parse::<usize>().ok());
                let (Some(a), Some(b)) = (ends.next(), ends.next()) else {
                    return Err(format!("bad offsets in {line:?}"));
                };
                match (byte(a), byte(b)) {
                    (Some(a), Some(b)) if a <= b => list.push(Span::new(a, b)),
                    _ => return Err(format!("offsets outside the text in {line:?}")),
                }
            }
            spans.insert(id, (label.to_string(), list));
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for body in events {
        let mut gold = Gold::default();
        for arg in body.split_whitespace() {
            let Some((role, target)) = arg.split_once(':') else {
                continue;
            };
            let Some((_, list)) = spans.get(target) else {
                continue;
            };
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Content" => gold.content.extend(list),
                "Cue" => gold.cue.extend(list),
                "Source" => gold.source.extend(list),
                _ => {}
            }
        }
        if gold.content.is_empty() {
            continue;
        }
        gold.direct = gold.content.first().is_some_and(|s| inside_marks(text, *s));
        out.push(gold);
    }
    Ok(out)
}

/// Whether a gold content is inside quotation marks: it opens with a mark, or an opening mark
/// earlier in its paragraph is still open where it starts. The second case is a transcript turn
/// (`"SMITH: We will ...`) or a quote whose marks the annotator left outside the content.
fn inside_marks(text: &str, content: Span) -> bool {
    let Some(body) = content.slice(text) else {
        return false;
    };
    if body
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '"' | '“' | '‘' | '\'' | '«'))
    {
        return true;
    }
    let before = text.get(..content.start).unwrap_or("");
    let from = before.rfind('\n').map_or(0, |i| i + 1);
    // The paragraph up to the content, read with the content's first character in view so a
    // mark just before the content is seen to open it.
    let paragraph = text.get(from..).unwrap_or("");
    let end = content.start - from;
    // One state for every kind of double mark, since writers mix them ('“precedent," he
    // said'). A mark followed by a space was typed where a closer belongs; a straight mark
    // opens after a space or a bracket and closes after a word or punctuation.
    let mut open = false;
    let mut previous: Option<char> = None;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if at >= end {
            break;
        }
        let next = chars.peek().map(|(_, n)| *n);
        match c {
            '“' | '«' => open = !next.is_none_or(char::is_whitespace),
            '”' | '»' => open = false,
            '"' => {
                open = previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—'))
                    && !next.is_none_or(char::is_whitespace)
            }
            _ => {}
        }
        previous = Some(c);
    }
    open
}

#[derive(Debug, Default, Clone, Copy)]
struct Prf {
    /// True positives counted on the predicted side and on the gold side (they differ when one
    /// prediction matches several gold items or the reverse).
    tp_pred: usize,
    pred: usize,
    tp_gold: usize,
    gold: usize,
}

impl Prf {
    fn precision(&self) -> f64 {
        ratio(self.tp_pred, self.pred)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp_gold, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Default)]
struct Tally {
    gold_all: usize,
    gold_direct: usize,
    direct_tokens: Prf,
    all_tokens: Prf,
    direct_exact: Prf,
    all_exact: Prf,
    direct_source: Prf,
    cue: Prf,
}

/// Indices of the `\w+` tokens of `text` that `spans` overlap.
struct Tokens(Vec<Span>);

impl Tokens {
    fn of(text: &str) -> Self {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            let word = c.is_alphanumeric() || c == '_';
            match (word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push(Span::new(s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push(Span::new(s, text.len()));
        }
        Tokens(out)
    }

    fn covered(&self, spans: &[Span]) -> HashSet<usize> {
        let mut out = HashSet::new();
        for span in spans {
            let first = self.0.partition_point(|t| t.end <= span.start);
            for (i, t) in self.0.iter().enumerate().skip(first) {
                if t.start >= span.end {
                    break;
                }
                out.insert(i);
            }
        }
        out
    }
}

impl Tally {
    fn add(&mut self, text: &str, gold: &[Gold], quotes: &[Quote]) {
        let toks = Tokens::of(text);
        let ours: Vec<&Quote> = quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .collect();
        let direct_ours: Vec<&Quote> = ours
            .iter()
            .copied()
            .filter(|q| q.kind == QuoteKind::Direct)
            .collect();
        let direct_gold: Vec<&Gold> = gold.iter().filter(|g| g.direct).collect();
        self.gold_all += gold.len();
        self.gold_direct += direct_gold.len();

        let token_overlap = |prf: &mut Prf, ours: &[&Quote], gold: &[&Gold]| {
            let pred: Vec<Span> = ours.iter().map(|q| q.span).collect();
            let pred = toks.covered(&pred);
            let g: Vec<Span> = gold
                .iter()
                .flat_map(|g| g.content.iter().copied())
                .collect();
            let g = toks.covered(&g);
            let both = pred.intersection(&g).count();
            prf.tp_pred += both;
            prf.tp_gold += both;
            prf.pred += pred.len();
            prf.gold += g.len();
        };
        let all_gold: Vec<&Gold> = gold.iter().collect();
        token_overlap(&mut self.direct_tokens, &direct_ours, &direct_gold);
        token_overlap(&mut self.all_tokens, &ours, &all_gold);

        let exact = |prf: &mut Prf, ours: &[&Quote], gold: &[&Gold]| {
            let targets: Vec<Vec<HashSet<usize>>> = gold
                .iter()
                .map(|g| {
                    let mut sets = vec![toks.covered(&g.content)];
                    if g.content.len() > 1 {
                        sets.extend(g.content.iter().map(|s| toks.covered(&[*s])));
                    }
                    sets
                })
                .collect();
            let mut hit = vec![false; gold.len()];
            for q in ours {
                let mine = toks.covered(&[q.span]);
                let mut matched = false;
                for (k, sets) in targets.iter().enumerate() {
                    if !mine.is_empty() && sets.contains(&mine) {
                        hit[k] = true;
                        matched = true;
                    }
                }
                prf.tp_pred += usize::from(matched);
            }
            prf.pred += ours.len();
            prf.tp_gold += hit.iter().filter(|h| **h).count();
            prf.gold += gold.len();
        };
        exact(&mut self.direct_exact, &direct_ours, &direct_gold);
        exact(&mut self.all_exact, &ours, &all_gold);

        // Cues: distinct spans on either side, matched by a shared token.
        let gold_cues: Vec<HashSet<usize>> = dedup(gold.iter().flat_map(|g| g.cue.iter()))
            .into_iter()
            .map(|s| toks.covered(&[s]))
            .filter(|s| !s.is_empty())
            .collect();
        let our_cues: Vec<HashSet<usize>> = dedup(ours.iter().filter_map(|q| q.cue.as_ref()))
            .into_iter()
            .map(|s| toks.covered(&[s]))
            .filter(|s| !s.is_empty())
            .collect();
        let shares = |a: &HashSet<usize>, b: &HashSet<usize>| !a.is_disjoint(b);
        self.cue.pred += our_cues.len();
        self.cue.gold += gold_cues.len();
        self.cue.tp_pred += our_cues
            .iter()
            .filter(|c| gold_cues.iter().any(|g| shares(c, g)))
            .count();
        self.cue.tp_gold += gold_cues
            .iter()
            .filter(|g| our_cues.iter().any(|c| shares(c, g)))
            .count();

        // Sources of direct quotes.
        let all_gold_content: HashSet<usize> = toks.covered(
            &gold
                .iter()
                .flat_map(|g| g.content.clone())
                .collect::<Vec<_>>(),
        );
        let right = |q: &Quote, g: &Gold| {
            let Some(speaker) = q.speaker_span else {
                return false;
            };
            !g.source.is_empty()
                && shares(&toks.covered(&[q.span]), &toks.covered(&g.content))
                && shares(&toks.covered(&[speaker]), &toks.covered(&g.source))
        };
        for q in &direct_ours {
            if toks.covered(&[q.span]).is_disjoint(&all_gold_content) {
                continue;
            }
            self.direct_source.pred += 1;
            self.direct_source.tp_pred += usize::from(direct_gold.iter().any(|g| right(q, g)));
        }
        for g in direct_gold.iter().filter(|g| !g.source.is_empty()) {
            self.direct_source.gold += 1;
            self.direct_source.tp_gold += usize::from(direct_ours.iter().any(|q| right(q, g)));
        }
    }
}

fn dedup<'a>(spans: impl Iterator<Item = &'a Span>) -> Vec<Span> {
    let mut v: Vec<Span> = spans.copied().collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_become_byte_spans() {
        let text = "“Ça va,” dit Brel. Ana said.";
        let ann = "T1\tContent 0 8\t“Ça va,”\nT2\tCue 9 12\tdit\nT3\tSource 13 17\tBrel\n\
                   E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let gold = parse_ann(text, ann).expect("parses");
        assert_eq!(gold.len(), 1);
        assert!(gold[0].direct);
        assert_eq!(gold[0].source[0].slice(text), Some("Brel"));
        assert_eq!(gold[0].content[0].slice(text), Some("“Ça va,”"));
    }

    #[test]
    fn contents_inside_marks_are_direct() {
        let inside = |text: &str, content: &str| {
            let start = text.find(content).expect("content is in the text");
            inside_marks(text, Span::new(start, start + content.len()))
        };
        // A transcript turn: the mark opens the paragraph, the speaker label sits inside it.
        let turn = "Intro.\n\"MORROW: We will rebuild the pier.";
        assert!(inside(turn, "We will rebuild"));
        // A mark just before the content, left out of it by the annotator.
        assert!(inside("She said: “Rates will fall.”", "Rates will fall"));
        // Closed quotes before the content leave it outside, whichever marks were mixed.
        let closed = "He called it “a disgrace,\" and said the pier would close.";
        assert!(!inside(closed, "the pier would close"));
        let straight = "Its \"records\" show the pier would close.";
        assert!(!inside(straight, "the pier would close"));
        // A closing straight mark with no opener in the paragraph does not open one.
        assert!(!inside(
            "systems\" and the pier would close.",
            "the pier would close"
        ));
        // Marks in an earlier paragraph do not reach this one.
        assert!(!inside(
            "\"Open\nthe pier would close.",
            "the pier would close"
        ));
    }

    #[test]
    fn bad_offsets_are_reported() {
        assert!(parse_ann("short", "T1\tContent 0 99\tx\n").is_err());
    }

    #[test]
    fn token_overlap_scores_partial_matches() {
        let text = "“The bridge is safe,” Brel said.";
        let ann = "T1\tContent 0 21\tx\nT2\tCue 27 31\tsaid\nT3\tSource 22 26\tBrel\n\
                   E1\tContent:T1 Cue:T2 Source:T3\n";
        let gold = parse_ann(text, ann).expect("parses");
        let quote = Quote {
            span: Span::new(3, 13),
            text: "The bridge".into(),
            kind: QuoteKind::Direct,
            speaker: None,
            speaker_span: Some(Span::new(26, 30)),
            cue: Some(Span::new(31, 35)),
        };
        let mut tally = Tally::default();
        tally.add(text, &gold, &[quote]);
        assert_eq!(tally.direct_tokens.precision(), 1.0);
        assert_eq!(tally.direct_tokens.recall(), 0.5);
        assert_eq!(tally.direct_exact.f1(), 0.0);
        assert_eq!(tally.direct_source.f1(), 1.0);
        assert_eq!(tally.cue.f1(), 1.0);
    }

    #[test]
    fn dev_split_scores_when_present() {
        let data = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/polnear"
        ));
        if !data.exists() {
            return;
        }
        let mut out = Vec::new();
        let figures = run(data, &mut out).expect("runs");
        assert!(figures.value("all_content_f1").is_some_and(|f| f > 0.0));
    }
}

#[cfg(test)]
mod report {
    use super::*;

    /// Prints the figures of both splits: `cargo test --release -p triangulate-eval -- --ignored`.
    #[test]
    #[ignore]
    fn print_both_splits() {
        let data = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/polnear"
        ));
        for split in ["train", "dev"] {
            let mut out = Vec::new();
            if run_split(data, split, &mut out).is_ok() {
                println!("{}", String::from_utf8_lossy(&out));
            }
        }
    }
}

#[cfg(test)]
mod errors {
    use super::*;

    fn clip(text: &str, span: Span) -> String {
        let s = span.slice(text).unwrap_or("").replace('\n', " ");
        if s.chars().count() > 160 {
            let head: String = s.chars().take(160).collect();
            format!("{head}…")
        } else {
            s
        }
    }

    /// Writes the errors of a split, one line each, tagged by class, to the file named by
    /// `POLNEAR_ERRORS` (split from `POLNEAR_SPLIT`, `train` by default):
    /// `POLNEAR_ERRORS=/tmp/e.txt cargo test --release -p triangulate-eval errors -- --ignored`.
    #[test]
    #[ignore]
    fn write_errors() {
        let Ok(dest) = std::env::var("POLNEAR_ERRORS") else {
            return;
        };
        let split = std::env::var("POLNEAR_SPLIT").unwrap_or_else(|_| "train".into());
        let data = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/polnear"
        ));
        let Ok(docs) = documents(&data.join(split)) else {
            return;
        };
        let mut lines = Vec::new();
        for (text_path, ann_path) in &docs {
            let (Ok(text), Ok(ann)) = (
                std::fs::read_to_string(text_path),
                std::fs::read_to_string(ann_path),
            ) else {
                continue;
            };
            let Ok(gold) = parse_ann(&text, &ann) else {
                continue;
            };
            let name = text_path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let article = article_of(text_path, text);
            let text = article.text.as_str();
            let analysis = triangulate_analyze::analyze(&article);
            let toks = Tokens::of(text);
            let ours: Vec<&Quote> = analysis
                .quotes
                .iter()
                .filter(|q| q.kind != QuoteKind::Scare)
                .collect();
            let joined = |spans: &[Span]| {
                spans
                    .iter()
                    .map(|s| clip(text, *s))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            for g in &gold {
                let gt = toks.covered(&g.content);
                let hits: Vec<&&Quote> = ours
                    .iter()
                    .filter(|q| !toks.covered(&[q.span]).is_disjoint(&gt))
                    .collect();
                let tag = if g.direct { "D" } else { "I" };
                let gold_line = format!(
                    "[{}] src={:?} cue={:?}",
                    joined(&g.content),
                    joined(&g.source),
                    joined(&g.cue)
                );
                if hits.is_empty() {
                    lines.push(format!("{tag}-MISS\t{name}\t{gold_line}"));
                    continue;
                }
                let direct_hit = hits.iter().find(|q| q.kind == QuoteKind::Direct);
                if g.direct && direct_hit.is_none() {
                    let kinds: Vec<String> = hits.iter().map(|q| format!("{:?}", q.kind)).collect();
                    lines.push(format!(
                        "D-KIND\t{name}\t{gold_line} ours={}",
                        kinds.join(",")
                    ));
                }
                let mine = toks.covered(&hits.iter().map(|q| q.span).collect::<Vec<_>>());
                if mine != gt {
                    lines.push(format!(
                        "{tag}-BOUND\t{name}\t{gold_line}\n\t\tours=[{}]",
                        hits.iter()
                            .map(|q| clip(text, q.span))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
                if g.direct && !g.source.is_empty() {
                    if let Some(q) = direct_hit {
                        let gs = toks.covered(&g.source);
                        let right = hits.iter().any(|q| {
                            q.kind == QuoteKind::Direct
                                && q.speaker_span
                                    .is_some_and(|s| !toks.covered(&[s]).is_disjoint(&gs))
                        });
                        if !right {
                            let ours = q.speaker_span.map(|s| clip(text, s));
                            lines.push(format!(
                                "D-SPEAKER\t{name}\tgold={:?} ours={:?} [{}]",
                                joined(&g.source),
                                ours,
                                clip(text, q.span)
                            ));
                        }
                    }
                }
            }
            for q in &ours {
                let mine = toks.covered(&[q.span]);
                let over: Vec<&Gold> = gold
                    .iter()
                    .filter(|g| !toks.covered(&g.content).is_disjoint(&mine))
                    .collect();
                if over.is_empty() {
                    lines.push(format!(
                        "X-{:?}\t{name}\t[{}] spk={:?} cue={:?}",
                        q.kind,
                        clip(text, q.span),
                        q.speaker_span.map(|s| clip(text, s)),
                        q.cue.map(|s| clip(text, s))
                    ));
                } else if q.kind == QuoteKind::Direct && !over.iter().any(|g| g.direct) {
                    lines.push(format!(
                        "X-DIRECT-ON-INDIRECT\t{name}\t[{}]",
                        clip(text, q.span)
                    ));
                }
            }
        }
        let _ = std::fs::write(dest, lines.join("\n"));
    }
}
