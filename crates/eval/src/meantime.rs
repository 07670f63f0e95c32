//! Named-entity recognition against MEANTIME (English, Spanish, Italian, Dutch).
//!
//! Protocol. Documents are rebuilt from `<lang>/meantime.conll`: one line per sentence, tokens
//! joined by single spaces (a hyphen between word characters glued back: "Wal-Mart"), and
//! analysed with the production sentence splitter and
//! [`triangulate_analyze::entities::find`]. MEANTIME annotates every entity mention only in the
//! title (sentence 0) and the first sentences of the body (sentences 1–5; sentence 1 is the
//! dateline); further down it marks only mentions of cross-document chains. Scoring is therefore
//! limited to sentences 0–5 of the documents that carry entity annotation.
//!
//! Gold: the `entities_mentions.json` mentions of type PER, ORG or LOC whose head token is a
//! proper noun (`mention_head_pos == "PROPN"`): the name mentions. MEANTIME extents are full
//! noun phrases ("the Swiss National Bank"), so an exact match ignores one leading determiner
//! of the gold extent, or an Italian or Spanish preposition fused with one ("degli"). PRO and
//! FIN mentions and mentions headed by common nouns or pronouns are
//! neither rewarded nor penalised: a predicted name whose tokens fall on one is left out.
//!
//! System: mentions of form `Name` or `Acronym` with kind Person (PER), Organization (ORG) or
//! Location (LOC); `Group` mentions (nationality adjectives) have no MEANTIME counterpart and are
//! left out. Since MEANTIME extents are noun phrases, a mention's extent starts at the title the
//! analysis attached to it when that title is written right before the name ("Senator John
//! McCain"), and at a name written right before that title ("Airbus chief executive Noel
//! Forgeard"); see [`noun_phrase_start`]. The corpus is not consistent here ("Apple CEO" and
//! "Steve Jobs" are sometimes two mentions, sometimes one): on English this rule moves the
//! exact F1 by about 0.001, on Spanish and Italian it adds about 0.01.
//!
//! Peer systems are scored by the same protocol: `MEANTIME_DOCS_OUT=FILE` appends the rebuilt
//! documents as JSON lines (`lang`, `doc`, `text`), and `MEANTIME_PEER=FILE` reads another
//! system's mentions of them (`lang`, `doc`, byte `start` and `end`, `kind` PER, ORG or LOC) and
//! prints their scores beside ours for each language they cover (`bench/entities-vs-spacy.sh`).
//!
//! Figures: exact-extent typed F1 (`<lang>_f1`), head-match typed F1 (`<lang>_head_f1`: the
//! predicted span covers the gold head and lies inside the gold extent, types equal), and
//! documents per second of sentence splitting plus entity recognition on one thread.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;
use triangulate_analyze::{entities, sentences};
use triangulate_model::{EntityKind, Mention, MentionForm};

use crate::{EvalError, Figures};

const LANGUAGES: &[&str] = &["en", "es", "it", "nl"];
const TYPES: &[&str] = &["PER", "ORG", "LOC"];
/// Sentences 0–5 are annotated exhaustively.
const LAST_FULL_SENTENCE: usize = 5;

#[derive(Deserialize)]
struct GoldRecord {
    conll_doc_key: String,
    sent_id: usize,
    tokens_number: Vec<usize>,
    mention_type: String,
    mention_head_id: usize,
    mention_head_pos: String,
}

/// One rebuilt document: text, and for each sentence the byte range of each token.
struct Doc {
    text: String,
    tokens: Vec<Vec<(usize, usize)>>,
}

/// A mention as a token range in one sentence.
#[derive(Clone)]
struct TokMention {
    sentence: usize,
    first: usize,
    last: usize,
    head: usize,
    kind: &'static str,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs the MEANTIME evaluation on the data at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let mut figures = Figures::default();
    let peer = match std::env::var_os("MEANTIME_PEER") {
        Some(path) => Some(read_peer(Path::new(&path))?),
        None => None,
    };
    let mut total_docs = 0usize;
    let mut total_secs = 0.0f64;
    for lang in LANGUAGES {
        let dir = data.join(lang);
        if !dir.exists() {
            writeln!(out, "meantime {lang}: missing, skipped")?;
            continue;
        }
        let result = score_language(&dir, lang, peer.as_ref())?;
        total_docs += result.docs;
        total_secs += result.secs;
        writeln!(out, "meantime {lang}: {} documents", result.docs)?;
        for (label, counts) in [("exact", &result.exact), ("head", &result.head)] {
            for (t, c) in TYPES.iter().zip(counts.iter()) {
                let (p, r, f) = c.prf();
                writeln!(
                    out,
                    "  {label:5} {t:3}  P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {} fp {} fn {})",
                    c.tp, c.fp, c.fn_
                )?;
            }
            let all = sum(counts);
            let (p, r, f) = all.prf();
            writeln!(out, "  {label:5} all  P {p:.3}  R {r:.3}  F1 {f:.3}")?;
        }
        let (_, _, f_exact) = sum(&result.exact).prf();
        let (_, _, f_head) = sum(&result.head).prf();
        let (_, _, f_untyped) = result.untyped.prf();
        writeln!(out, "  head, types ignored  F1 {f_untyped:.3}")?;
        if let Some(peer) = &result.peer {
            let (p, r, f) = sum(&peer.exact).prf();
            let (_, _, f_head) = sum(&peer.head).prf();
            let (_, _, f_untyped) = peer.untyped.prf();
            writeln!(
                out,
                "  peer (MEANTIME_PEER), same protocol: exact P {p:.3}  R {r:.3}  F1 {f:.3}  \
                 head F1 {f_head:.3}  head, types ignored F1 {f_untyped:.3}  \
                 ratio ours/peer exact {:.2}",
                if f > 0.0 { f_exact / f } else { 0.0 }
            )?;
            for (t, c) in TYPES.iter().zip(peer.exact.iter()) {
                let (p, r, f) = c.prf();
                writeln!(out, "  peer exact {t:3}  P {p:.3}  R {r:.3}  F1 {f:.3}")?;
            }
            figures.push(format!("peer_{lang}_f1"), f);
        }
        figures.push(format!("{lang}_f1"), f_exact);
        figures.push(format!("{lang}_head_f1"), f_head);
    }
    let rate = if total_secs > 0.0 {
        total_docs as f64 / total_secs
    } else {
        0.0
    };
    writeln!(
        out,
        "meantime: {rate:.0} documents/s (split + entities, one thread)"
    )?;
    figures.push("docs_per_s", rate);
    Ok(figures)
}

fn sum(counts: &[Counts]) -> Counts {
    counts.iter().fold(Counts::default(), |a, c| Counts {
        tp: a.tp + c.tp,
        fp: a.fp + c.fp,
        fn_: a.fn_ + c.fn_,
    })
}

struct LanguageResult {
    docs: usize,
    secs: f64,
    exact: Vec<Counts>,
    head: Vec<Counts>,
    untyped: Counts,
    /// The same scores for a peer system's spans, when `MEANTIME_PEER` names them.
    peer: Option<Box<LanguageResult>>,
}

impl LanguageResult {
    fn new() -> Self {
        LanguageResult {
            docs: 0,
            secs: 0.0,
            exact: vec![Counts::default(); TYPES.len()],
            head: vec![Counts::default(); TYPES.len()],
            untyped: Counts::default(),
            peer: None,
        }
    }
}

/// A peer system's name mentions, by (language, document): byte spans of the rebuilt text and
/// MEANTIME types.
type PeerSpans = HashMap<(String, String), Vec<(usize, usize, &'static str)>>;

#[derive(Deserialize)]
struct PeerRecord {
    lang: String,
    doc: String,
    start: usize,
    end: usize,
    kind: String,
}

/// Reads a peer system's mentions: JSON lines `{"lang", "doc", "start", "end", "kind"}`, byte
/// offsets into the texts `MEANTIME_DOCS_OUT` wrote, kind PER, ORG or LOC (others are skipped).
fn read_peer(path: &Path) -> Result<PeerSpans, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut spans = PeerSpans::new();
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let r: PeerRecord = serde_json::from_str(line)
            .map_err(|e| EvalError::parse(path, format!("line {}: {e}", n + 1)))?;
        if let Some(kind) = TYPES.iter().find(|t| **t == r.kind) {
            spans
                .entry((r.lang, r.doc))
                .or_default()
                .push((r.start, r.end, kind));
        }
    }
    Ok(spans)
}

fn score_language(
    dir: &Path,
    lang: &str,
    peer: Option<&PeerSpans>,
) -> Result<LanguageResult, EvalError> {
    let conll_path = dir.join("meantime.conll");
    let conll = std::fs::read_to_string(&conll_path).map_err(|e| EvalError::io(&conll_path, e))?;
    let docs = parse_conll(&conll);
    let gold_path = dir.join("entities_mentions.json");
    let raw = std::fs::read_to_string(&gold_path).map_err(|e| EvalError::io(&gold_path, e))?;
    let records: Vec<GoldRecord> =
        serde_json::from_str(&raw).map_err(|e| EvalError::parse(&gold_path, e))?;
    let mut gold: HashMap<&str, (Vec<TokMention>, Vec<TokMention>)> = HashMap::new();
    for r in &records {
        if r.sent_id > LAST_FULL_SENTENCE {
            continue;
        }
        let (Some(&first), Some(&last)) =
            (r.tokens_number.iter().min(), r.tokens_number.iter().max())
        else {
            continue;
        };
        let scored = TYPES.iter().find(|t| **t == r.mention_type);
        let entry = gold.entry(r.conll_doc_key.as_str()).or_default();
        let mention = TokMention {
            sentence: r.sent_id,
            first,
            last,
            head: r.mention_head_id,
            kind: scored.copied().unwrap_or("OTHER"),
        };
        match scored {
            Some(_) if r.mention_head_pos == "PROPN" => entry.0.push(mention),
            _ => entry.1.push(mention),
        }
    }

    let mut result = LanguageResult::new();
    // A peer that covers another language only is not scored on this one.
    let peer = peer.filter(|spans| spans.keys().any(|(l, _)| l == lang));
    let mut peer_result = peer.map(|_| Box::new(LanguageResult::new()));
    let mut docs_out = match std::env::var_os("MEANTIME_DOCS_OUT") {
        Some(path) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| EvalError::io(&path, e))?,
        ),
        None => None,
    };
    let mut keys: Vec<&String> = docs.keys().collect();
    keys.sort();
    for key in keys {
        let Some((scored, neutral)) = gold.get(key.as_str()) else {
            continue;
        };
        let doc = &docs[key];
        if let Some(file) = docs_out.as_mut() {
            let line = serde_json::json!({ "lang": lang, "doc": key, "text": doc.text });
            writeln!(file, "{line}").map_err(|e| EvalError::io(dir, e))?;
        }
        if let (Some(spans), Some(peer_result)) = (peer, peer_result.as_mut()) {
            let predicted: Vec<TokMention> = spans
                .get(&(lang.to_string(), key.clone()))
                .into_iter()
                .flatten()
                .filter_map(|&(start, end, kind)| to_tokens(doc, start, end, kind))
                .filter(|m| m.sentence <= LAST_FULL_SENTENCE)
                .collect();
            peer_result.docs += 1;
            score_doc(doc, scored, neutral, &predicted, peer_result);
        }
        let started = Instant::now();
        let spans = sentences::split(&doc.text);
        let (mentions, _) = entities::find(&doc.text, &spans);
        result.secs += started.elapsed().as_secs_f64();
        result.docs += 1;
        let predicted: Vec<TokMention> = mentions
            .iter()
            .filter(|m| matches!(m.form, MentionForm::Name | MentionForm::Acronym))
            .filter_map(|m| {
                let kind = match m.kind {
                    EntityKind::Person => "PER",
                    EntityKind::Organization => "ORG",
                    EntityKind::Location => "LOC",
                    _ => return None,
                };
                to_tokens(
                    doc,
                    noun_phrase_start(&doc.text, m, &mentions),
                    m.span.end,
                    kind,
                )
            })
            .filter(|m| m.sentence <= LAST_FULL_SENTENCE)
            .collect();
        score_doc(doc, scored, neutral, &predicted, &mut result);
        if std::env::var_os("MEANTIME_ERRORS").is_some() {
            print_errors(&format!("{lang} {key}"), doc, scored, neutral, &predicted);
        }
    }
    result.peer = peer_result;
    Ok(result)
}

/// Where the noun phrase of a name mention starts: at the title the analysis attached to it
/// when that title is written right before the name ("President Vladimir Putin"), and at a
/// name right before that title ("Apple CEO Steve Jobs"), as MEANTIME extents include them.
fn noun_phrase_start(text: &str, m: &Mention, mentions: &[Mention]) -> usize {
    let Some(role) = m.role.as_deref().filter(|r| !r.is_empty()) else {
        return m.span.start;
    };
    let Some(before) = text.get(..m.span.start) else {
        return m.span.start;
    };
    let trimmed = before.trim_end_matches(' ');
    let Some(head) = trimmed.strip_suffix(role) else {
        return m.span.start;
    };
    if head.chars().next_back().is_some_and(char::is_alphanumeric) || trimmed.len() == before.len()
    {
        return m.span.start;
    }
    let start = head.len();
    // A name written right before the title, its holder's organisation or country.
    let gap = head.trim_end_matches(' ');
    mentions
        .iter()
        .find(|o| o.span.end == gap.len() && gap.len() < head.len() && o.span.start < start)
        .filter(|o| matches!(o.form, MentionForm::Name | MentionForm::Acronym))
        .map_or(start, |o| o.span.start)
}

/// Development aid (`MEANTIME_ERRORS=1`): each gold name mention no prediction matches exactly
/// with its type, and each scored prediction no gold mention matches, one per line on standard
/// error.
fn print_errors(
    key: &str,
    doc: &Doc,
    gold: &[TokMention],
    neutral: &[TokMention],
    predicted: &[TokMention],
) {
    let show = |m: &TokMention| {
        let toks = &doc.tokens[m.sentence];
        match (toks.get(m.first), toks.get(m.last)) {
            (Some(a), Some(b)) => doc.text.get(a.0..b.1).unwrap_or("").replace('\n', " "),
            _ => String::new(),
        }
    };
    for g in gold {
        let typed = predicted.iter().find(|p| exact(doc, g, p));
        match typed {
            Some(p) if p.kind == g.kind => {}
            Some(p) => eprintln!("TYPE\t{}\t{} as {}\t{key}", show(g), g.kind, p.kind),
            None => {
                let near = predicted
                    .iter()
                    .find(|p| p.sentence == g.sentence && p.first <= g.last && g.first <= p.last)
                    .map(show)
                    .unwrap_or_default();
                eprintln!("MISS\t{}\t{}\tours={near}\t{key}", show(g), g.kind);
            }
        }
    }
    for p in predicted {
        let unscored = neutral
            .iter()
            .any(|n| n.sentence == p.sentence && n.first <= p.last && p.first <= n.last);
        if !unscored && !gold.iter().any(|g| exact(doc, g, p) || head(g, p)) {
            eprintln!("SPUR\t{}\t{}\t{key}", show(p), p.kind);
        }
    }
}

/// The token range a byte span covers.
fn to_tokens(doc: &Doc, start: usize, end: usize, kind: &'static str) -> Option<TokMention> {
    for (s, toks) in doc.tokens.iter().enumerate() {
        let covered: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(_, &(a, b))| a < end && start < b)
            .map(|(i, _)| i)
            .collect();
        if let (Some(&first), Some(&last)) = (covered.first(), covered.last()) {
            return Some(TokMention {
                sentence: s,
                first,
                last,
                head: last,
                kind,
            });
        }
    }
    None
}

fn is_determiner(doc: &Doc, sentence: usize, token: usize) -> bool {
    doc.tokens
        .get(sentence)
        .and_then(|t| t.get(token))
        .and_then(|&(a, b)| doc.text.get(a..b))
        .is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "the"
                    | "a"
                    | "an"
                    | "el"
                    | "la"
                    | "los"
                    | "las"
                    | "il"
                    | "lo"
                    | "le"
                    | "gli"
                    | "i"
                    | "de"
                    | "het"
                    | "een"
                    | "l'"
                    // Italian and Spanish prepositions fused with the article ("degli Stati
                    // Uniti", "del Reino Unido"): the extent starts with the article.
                    | "del"
                    | "al"
                    | "della"
                    | "dello"
                    | "dei"
                    | "degli"
                    | "delle"
                    | "alla"
                    | "ai"
                    | "agli"
                    | "nel"
                    | "nella"
                    | "nei"
                    | "negli"
                    | "nelle"
                    | "sul"
                    | "sulla"
                    | "dal"
                    | "dalla"
                    | "dagli"
            )
        })
}

fn exact(doc: &Doc, g: &TokMention, p: &TokMention) -> bool {
    g.sentence == p.sentence
        && g.last == p.last
        && (g.first == p.first
            || (g.first + 1 == p.first && is_determiner(doc, g.sentence, g.first)))
}

fn head(g: &TokMention, p: &TokMention) -> bool {
    // The annotated head, or the last token where the head annotation points elsewhere.
    g.sentence == p.sentence
        && ((p.first <= g.head && g.head <= p.last) || p.last == g.last)
        && g.first <= p.first
        && p.last <= g.last
}

fn score_doc(
    doc: &Doc,
    gold: &[TokMention],
    neutral: &[TokMention],
    predicted: &[TokMention],
    result: &mut LanguageResult,
) {
    let type_index = |k: &str| TYPES.iter().position(|t| *t == k);
    // Predictions that land on an unscored gold mention (a product, a common-noun phrase)
    // count neither way.
    let predicted: Vec<&TokMention> = predicted
        .iter()
        .filter(|p| {
            gold.iter().any(|g| head(g, p) || exact(doc, g, p))
                || !neutral
                    .iter()
                    .any(|n| n.sentence == p.sentence && n.first <= p.last && p.first <= n.last)
        })
        .collect();
    for (counts, matcher) in [
        (
            &mut result.exact,
            exact as fn(&Doc, &TokMention, &TokMention) -> bool,
        ),
        (
            &mut result.head,
            |_: &Doc, g: &TokMention, p: &TokMention| head(g, p),
        ),
    ] {
        let mut used = vec![false; predicted.len()];
        for g in gold {
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(i, p)| !used[*i] && p.kind == g.kind && matcher(doc, g, p));
            if let Some(t) = type_index(g.kind) {
                match hit {
                    Some((i, _)) => {
                        used[i] = true;
                        counts[t].tp += 1;
                    }
                    None => counts[t].fn_ += 1,
                }
            }
        }
        for (i, p) in predicted.iter().enumerate() {
            if !used[i] {
                if let Some(t) = type_index(p.kind) {
                    counts[t].fp += 1;
                }
            }
        }
    }
    let mut used = vec![false; predicted.len()];
    for g in gold {
        match predicted
            .iter()
            .enumerate()
            .find(|(i, p)| !used[*i] && head(g, p))
        {
            Some((i, _)) => {
                used[i] = true;
                result.untyped.tp += 1;
            }
            None => result.untyped.fn_ += 1,
        }
    }
    result.untyped.fp += used.iter().filter(|u| !**u).count();
}

/// Rebuilds documents from CoNLL lines `doc sent tok token chain`.
fn parse_conll(conll: &str) -> HashMap<String, Doc> {
    let mut docs: HashMap<String, Doc> = HashMap::new();
    let mut glued_hyphen = false;
    for line in conll.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(key), Some(sent), Some(_), Some(token)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(sent) = sent.parse::<usize>() else {
            continue;
        };
        let doc = docs.entry(key.to_string()).or_insert_with(|| Doc {
            text: String::new(),
            tokens: Vec::new(),
        });
        while doc.tokens.len() <= sent {
            if !doc.text.is_empty() {
                doc.text.push('\n');
            }
            doc.tokens.push(Vec::new());
        }
        let toks = &mut doc.tokens[sent];
        // Hyphenated words come split ("Wal - Mart"); news text writes them whole.
        let glue = !toks.is_empty()
            && ((token == "-" && doc.text.ends_with(|c: char| c.is_alphanumeric()))
                || (glued_hyphen && token.starts_with(|c: char| c.is_alphanumeric())));
        glued_hyphen = token == "-" && glue;
        if !toks.is_empty() && !glue {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        toks.push((start, doc.text.len()));
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_written_before_a_name_and_its_holder_join_the_extent() {
        let text = "Shares rose as Talvor chief executive Ilse Brandt met Senator Omar Kell and Vera Lund.";
        let (mentions, _) = entities::find(text, &sentences::split(text));
        let start = |name: &str| {
            let m = mentions.iter().find(|m| m.text == name).expect(name);
            &text[noun_phrase_start(text, m, &mentions)..m.span.end]
        };
        assert_eq!(start("Ilse Brandt"), "Talvor chief executive Ilse Brandt");
        assert_eq!(start("Omar Kell"), "Senator Omar Kell");
        assert_eq!(start("Vera Lund"), "Vera Lund");
    }

    #[test]
    fn conll_rebuilds_text_with_token_offsets() {
        let conll = "#begin document (x/1); part 000\nx/1\t0\t0\tMira\t-\nx/1\t0\t1\tVell\t-\n\nx/1\t1\t0\tHello\t-\n";
        let docs = parse_conll(conll);
        let doc = &docs["x/1"];
        assert_eq!(doc.text, "Mira Vell\nHello");
        let (a, b) = doc.tokens[1][0];
        assert_eq!(&doc.text[a..b], "Hello");
    }

    #[test]
    fn split_hyphens_are_glued_and_dashes_are_not() {
        let conll = "x\t0\t0\tVell\t-\nx\t0\t1\t-\t-\nx\t0\t2\tOsk\t-\nx\t0\t3\t,\t-\nx\t0\t4\t-\t-\nx\t0\t5\tok\t-\n";
        let docs = parse_conll(conll);
        let doc = &docs["x"];
        assert_eq!(doc.text, "Vell-Osk , - ok");
        assert_eq!(doc.tokens[0].len(), 6);
    }

    #[test]
    fn exact_match_forgives_a_leading_article() {
        let conll = "x\t0\t0\tthe\t-\nx\t0\t1\tDorran\t-\nx\t0\t2\tBank\t-\n";
        let docs = parse_conll(conll);
        let doc = &docs["x"];
        let gold = TokMention {
            sentence: 0,
            first: 0,
            last: 2,
            head: 2,
            kind: "ORG",
        };
        let pred = TokMention {
            sentence: 0,
            first: 1,
            last: 2,
            head: 2,
            kind: "ORG",
        };
        let short = TokMention {
            sentence: 0,
            first: 2,
            last: 2,
            head: 2,
            kind: "ORG",
        };
        assert!(exact(doc, &gold, &pred));
        assert!(!exact(doc, &gold, &short));
        assert!(head(&gold, &short));
    }

    #[test]
    fn a_peer_is_scored_by_the_same_protocol_and_only_on_its_languages() {
        let dir = tempfile::tempdir().expect("temp dir");
        let tokens = ["Minister", "Ana", "Rusk", "visited", "Velden", "Bank", "."];
        let conll: String = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| format!("d/1\t0\t{i}\t{t}\t-\n"))
            .collect();
        std::fs::write(dir.path().join("meantime.conll"), conll).expect("conll");
        let gold = |first: usize, last: usize, kind: &str| {
            serde_json::json!({
                "conll_doc_key": "d/1", "sent_id": 0,
                "tokens_number": (first..=last).collect::<Vec<_>>(),
                "mention_type": kind, "mention_head_id": last, "mention_head_pos": "PROPN",
            })
        };
        let records = serde_json::json!([gold(0, 2, "PER"), gold(4, 5, "ORG")]);
        std::fs::write(
            dir.path().join("entities_mentions.json"),
            records.to_string(),
        )
        .expect("gold");
        // "Minister Ana Rusk" starts at byte 0 and ends at 17; "Velden Bank" spans 26..37.
        let peer_file = dir.path().join("peer.jsonl");
        std::fs::write(
            &peer_file,
            concat!(
                r#"{"lang":"en","doc":"d/1","start":0,"end":17,"kind":"PER"}"#,
                "\n",
                r#"{"lang":"en","doc":"d/1","start":26,"end":37,"kind":"LOC"}"#,
                "\n",
                r#"{"lang":"en","doc":"d/1","start":9,"end":17,"kind":"DATE"}"#,
                "\n",
            ),
        )
        .expect("peer");
        let peer = read_peer(&peer_file).expect("peer parses");
        let result = score_language(dir.path(), "en", Some(&peer)).expect("scores");
        let scored = result.peer.expect("the peer covers English");
        let all = sum(&scored.exact);
        // The person is found; the bank comes out a place: one miss and one false alarm.
        assert_eq!((all.tp, all.fp, all.fn_), (1, 1, 1));
        assert_eq!(scored.untyped.tp, 2);
        let other = score_language(dir.path(), "es", Some(&peer)).expect("scores");
        assert!(other.peer.is_none());

        std::fs::write(&peer_file, "{\"lang\":\"en\"}\n").expect("peer");
        let err = read_peer(&peer_file).expect_err("a record without spans is refused");
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn scores_the_shared_data_when_present() {
        let data = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/meantime"
        ));
        if !data.exists() {
            return;
        }
        let mut out = Vec::new();
        let figures = run(data, &mut out).expect("meantime runs");
        // A floor well under the measured figure: a regression alarm, not a target.
        assert!(
            figures.value("en_head_f1").unwrap_or(0.0) > 0.5,
            "{}",
            String::from_utf8_lossy(&out)
        );
    }
}
