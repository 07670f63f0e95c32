//! Cross-document entity resolution against NewsWCL50: seven events, five outlets each.
//!
//! Protocol. For each event, the five articles are rebuilt from `NewsWCL50.conll` (one line per
//! sentence, tokens joined by single spaces, a hyphen between two word characters glued back:
//! "Kim Jong-un"), analysed with [`triangulate_analyze::analyze`] and
//! resolved together with [`triangulate_link::entities::resolve`].
//!
//! Gold: the annotated chains restricted to *name mentions*: mentions of at most six tokens
//! whose words are all capitalised apart from function words ("the", "of", "and", possessive
//! "'s") and the parts after a hyphen ("Kim Jong - un"). NewsWCL50 chains also hold
//! descriptions and actions ("the C.I.A. director", "the caravan"), which a name resolver does
//! not claim to find.
//!
//! Alignment: a predicted `Name`/`Acronym` mention matches the gold name mention of the same
//! sentence that contains it and ends on the gold head: the last token, or the token before
//! "of" ("President Emmanuel Macron of France" is headed by "Macron", and "The President of
//! the United States" by "President", which makes it a description); each gold
//! mention takes at most one prediction. The response cluster of a gold mention is the story
//! entity of its prediction; a gold mention with no prediction is a response singleton.
//!
//! Figures: B-cubed and MUC precision, recall and F1 over the gold name mentions, pooled over
//! events (`b3_f1`, `muc_f1`), and `chains_whole`: the share of gold chains with two or more name
//! mentions whose mentions all land in one story entity.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use triangulate_model::{Analysis, Article, DocId, MentionForm};

use crate::{EvalError, Figures};

struct Doc {
    key: String,
    text: String,
    tokens: Vec<Vec<(usize, usize)>>,
    /// (sentence, first token, last token, chain name).
    gold: Vec<(usize, usize, usize, String)>,
}

const TITLE_HEADS: &[&str] = &[
    "president",
    "minister",
    "chancellor",
    "leader",
    "secretary",
    "director",
    "premier",
    "governor",
    "senator",
    "ambassador",
    "spokesman",
    "chairman",
];

const FUNCTION_WORDS: &[&str] = &["the", "of", "and", "s", "'s", "de", "for", "on", "in"];

/// A chain of one named actor ("0_USA_Trump_ACTOR"), not a country, group, action or the
/// catch-all chains of individuals ("..._ACTOR-I", "Misc").
fn is_actor_chain(chain: &str) -> bool {
    chain.ends_with("_ACTOR") && !chain.contains("Misc") && !chain.contains("-I_")
}

/// Runs the NewsWCL50 evaluation on the data at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let mut figures = Figures::default();
    for (all_chains, suffix) in [(false, ""), (true, "_all_chains")] {
        writeln!(
            out,
            "newswcl50: {}",
            if all_chains {
                "all chains (concept-level: countries, groups, actions)"
            } else {
                "chains of named actors"
            }
        )?;
        for (name, value) in score(data, all_chains, out)?.0 {
            figures.push(format!("{name}{suffix}"), value);
        }
    }
    Ok(figures)
}

fn score(data: &Path, all_chains: bool, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let path = data.join("NewsWCL50.conll");
    let conll = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
    let docs = parse_conll(&conll);
    let mut events: Vec<String> = docs.iter().map(|d| event_of(&d.key)).collect();
    events.sort();
    events.dedup();

    let mut b3 = (0.0f64, 0.0f64, 0usize);
    let mut muc = [0usize; 4];
    let (mut whole, mut chains) = (0usize, 0usize);
    for event in &events {
        let members: Vec<&Doc> = docs.iter().filter(|d| &event_of(&d.key) == event).collect();
        let articles: Vec<Article> = members.iter().map(|d| article(d)).collect();
        let analyses: Vec<Analysis> = articles.iter().map(triangulate_analyze::analyze).collect();
        let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
        let resolution = triangulate_link::entities::resolve(&pairs);

        // Gold name mentions with their chain and response cluster.
        let mut gold_chain: Vec<String> = Vec::new();
        let mut response: Vec<String> = Vec::new();
        for (d, doc) in members.iter().enumerate() {
            let predicted: Vec<(usize, usize, usize, usize)> = analyses[d]
                .mentions
                .iter()
                .filter(|m| matches!(m.form, MentionForm::Name | MentionForm::Acronym))
                .filter_map(|m| {
                    let (s, a, b) = to_tokens(doc, m.span.start, m.span.end)?;
                    Some((s, a, b, m.entity))
                })
                .collect();
            let mut used = vec![false; predicted.len()];
            for (g, (s, a, b, chain)) in doc.gold.iter().enumerate() {
                if !is_name(doc, *s, *a, *b) || !(all_chains || is_actor_chain(chain)) {
                    continue;
                }
                let head = head_of(doc, *s, *a, *b);
                let hit = predicted
                    .iter()
                    .enumerate()
                    .find(|(i, p)| !used[*i] && p.0 == *s && p.1 >= *a && p.2 == head);
                let cluster = match hit {
                    Some((i, p)) => {
                        used[i] = true;
                        resolution
                            .map
                            .get(&(d, p.3))
                            .map(|e| format!("e{e}"))
                            .unwrap_or_else(|| format!("u{d}.{}", p.3))
                    }
                    None => format!("miss{d}.{g}"),
                };
                gold_chain.push(chain.clone());
                response.push(cluster);
            }
        }
        let (p, r, n) = bcubed(&gold_chain, &response);
        b3.0 += p * n as f64;
        b3.1 += r * n as f64;
        b3.2 += n;
        let m = muc_counts(&gold_chain, &response);
        for i in 0..4 {
            muc[i] += m[i];
        }
        let (w, c) = whole_chains(&gold_chain, &response);
        whole += w;
        chains += c;
        writeln!(
            out,
            "newswcl50 event {event}: {} docs, {n} gold name mentions, B3 P {p:.3} R {r:.3}, whole chains {w}/{c}",
            members.len()
        )?;
    }
    let (p, r) = if b3.2 > 0 {
        (b3.0 / b3.2 as f64, b3.1 / b3.2 as f64)
    } else {
        (0.0, 0.0)
    };
    let f = f1(p, r);
    let muc_p = ratio(muc[2], muc[3]);
    let muc_r = ratio(muc[0], muc[1]);
    let muc_f = f1(muc_p, muc_r);
    let whole_share = ratio(whole, chains);
    writeln!(
        out,
        "newswcl50 B3   P {p:.3}  R {r:.3}  F1 {f:.3}  ({} mentions)",
        b3.2
    )?;
    writeln!(
        out,
        "newswcl50 MUC  P {muc_p:.3}  R {muc_r:.3}  F1 {muc_f:.3}"
    )?;
    writeln!(
        out,
        "newswcl50 gold chains kept whole: {whole}/{chains} ({whole_share:.3})"
    )?;
    let mut figures = Figures::default();
    figures.push("b3_f1", f);
    figures.push("muc_f1", muc_f);
    figures.push("chains_whole", whole_share);
    Ok(figures)
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn event_of(key: &str) -> String {
    key.split('/').next().unwrap_or(key).to_string()
}

fn article(doc: &Doc) -> Article {
    Article {
        language: Some("en".into()),
        ..Article::new(DocId(doc.key.clone()), doc.key.clone(), doc.text.clone())
    }
}

fn word(doc: &Doc, s: usize, t: usize) -> &str {
    doc.tokens
        .get(s)
        .and_then(|toks| toks.get(t))
        .and_then(|&(a, b)| doc.text.get(a..b))
        .unwrap_or("")
}

/// Whether gold mention tokens `a..=b` of sentence `s` form a proper name.
fn is_name(doc: &Doc, s: usize, a: usize, b: usize) -> bool {
    if b < a || b - a >= 6 {
        return false;
    }
    let mut capitals = 0;
    for t in a..=b {
        let w = word(doc, s, t);
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_uppercase() {
            capitals += 1;
            continue;
        }
        let after_hyphen = t > a && word(doc, s, t - 1) == "-";
        if !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()) && !after_hyphen {
            return false;
        }
    }
    // The head word carries the name: "the Trump administration" and "the Prime Minister" are
    // descriptions.
    let last = word(doc, s, head_of(doc, s, a, b));
    capitals > 0
        && last.chars().next().is_some_and(char::is_uppercase)
        && !TITLE_HEADS.contains(&last.to_lowercase().as_str())
}

/// The head token of gold mention `a..=b`: the token before the first "of", else the last.
fn head_of(doc: &Doc, s: usize, a: usize, b: usize) -> usize {
    (a + 1..=b)
        .find(|&t| word(doc, s, t) == "of")
        .map_or(b, |t| t - 1)
}

fn to_tokens(doc: &Doc, start: usize, end: usize) -> Option<(usize, usize, usize)> {
    for (s, toks) in doc.tokens.iter().enumerate() {
        let covered: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(_, &(a, b))| a < end && start < b)
            .map(|(i, _)| i)
            .collect();
        if let (Some(&a), Some(&b)) = (covered.first(), covered.last()) {
            return Some((s, a, b));
        }
    }
    None
}

/// Mean B-cubed precision and recall over the mentions, and the mention count.
fn bcubed(gold: &[String], response: &[String]) -> (f64, f64, usize) {
    let n = gold.len();
    if n == 0 {
        return (0.0, 0.0, 0);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let same_gold = (0..n).filter(|&j| gold[j] == gold[i]).count();
        let same_resp = (0..n).filter(|&j| response[j] == response[i]).count();
        let both = (0..n)
            .filter(|&j| gold[j] == gold[i] && response[j] == response[i])
            .count();
        p += both as f64 / same_resp as f64;
        r += both as f64 / same_gold as f64;
    }
    (p / n as f64, r / n as f64, n)
}

/// MUC link counts: [recall numerator, recall denominator, precision numerator, precision
/// denominator].
fn muc_counts(gold: &[String], response: &[String]) -> [usize; 4] {
    let side = |key: &[String], other: &[String]| -> (usize, usize) {
        let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, k) in key.iter().enumerate() {
            groups.entry(k.as_str()).or_default().push(i);
        }
        let (mut num, mut den) = (0, 0);
        for members in groups.values() {
            let mut parts: Vec<&str> = members.iter().map(|&i| other[i].as_str()).collect();
            parts.sort();
            parts.dedup();
            num += members.len() - parts.len();
            den += members.len() - 1;
        }
        (num, den)
    };
    let (rn, rd) = side(gold, response);
    let (pn, pd) = side(response, gold);
    [rn, rd, pn, pd]
}

/// Gold chains of two or more mentions, and how many of them sit in one response cluster.
fn whole_chains(gold: &[String], response: &[String]) -> (usize, usize) {
    let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
    for (g, r) in gold.iter().zip(response) {
        groups.entry(g.as_str()).or_default().push(r.as_str());
    }
    let mut whole = 0;
    let mut total = 0;
    for clusters in groups.values().filter(|c| c.len() >= 2) {
        total += 1;
        if clusters.iter().all(|c| c == &clusters[0]) {
            whole += 1;
        }
    }
    (whole, total)
}

/// Rebuilds documents and gold mentions from CoNLL lines `doc sent tok token chains`, where
/// chains are `(name`, `name)`, `(name)` parts separated by `|`.
fn parse_conll(conll: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut open: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut glued_hyphen = false;
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
        // The corpus splits hyphenated words ("Kim Jong - un", "Mar - a - Lago"); news text
        // writes them whole, so the rebuild glues a hyphen between two word characters.
        let token = fields[3];
        let after_word = doc.text.ends_with(|c: char| c.is_alphanumeric());
        let glue = !doc.tokens[sent].is_empty()
            && ((token == "-" && after_word)
                || (doc.text.ends_with('-')
                    && glued_hyphen
                    && token.starts_with(|c: char| c.is_alphanumeric())));
        glued_hyphen = token == "-" && glue;
        if !doc.tokens[sent].is_empty() && !glue {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        doc.tokens[sent].push((start, doc.text.len()));
        for part in fields[4].split('|').map(str::trim) {
            if part == "-" || part.is_empty() {
                continue;
            }
            let opens = part.starts_with('(');
            let closes = part.ends_with(')');
            let name = part
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_string();
            if opens {
                open.entry(name.clone()).or_default().push((sent, tok));
            }
            if closes {
                if let Some((s, first)) = open.get_mut(&name).and_then(Vec::pop) {
                    if s == sent {
                        doc.gold.push((sent, first, tok, name));
                    }
                }
            }
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn bcubed_of_a_perfect_and_a_split_response() {
        let gold = s(&["a", "a", "b"]);
        let (p, r, _) = bcubed(&gold, &s(&["x", "x", "y"]));
        assert!((p - 1.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        let (p, r, _) = bcubed(&gold, &s(&["x", "z", "y"]));
        assert!((p - 1.0).abs() < 1e-9);
        assert!((r - (0.5 + 0.5 + 1.0) / 3.0).abs() < 1e-9);
        assert_eq!(whole_chains(&gold, &s(&["x", "z", "y"])), (0, 1));
        assert_eq!(muc_counts(&gold, &s(&["x", "x", "x"])), [1, 1, 1, 2]);
    }

    #[test]
    fn conll_chains_become_token_ranges() {
        let conll = "d/-/d_L\t0\t0\tPresident\t(c_A\t\nd/-/d_L\t0\t1\tVell\tc_A)|(c_B)\t\nd/-/d_L\t0\t2\tsaid\t-\t\n";
        let docs = parse_conll(conll);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "President Vell said");
        assert!(docs[0].gold.contains(&(0, 0, 1, "c_A".to_string())));
        assert!(docs[0].gold.contains(&(0, 1, 1, "c_B".to_string())));
        assert!(is_name(&docs[0], 0, 0, 1));
        assert!(!is_name(&docs[0], 0, 0, 2));
    }

    /// The seeds' acceptance list: every `entities_same` group is one story entity of the
    /// listed kind, and no `entities_distinct` pair shares one.
    #[test]
    fn seeds_entities_resolve_as_the_acceptance_list_says() {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
        let Ok(expect) = std::fs::read_to_string(root.join("acceptance/seeds.expect.json")) else {
            return;
        };
        let expect: serde_json::Value = serde_json::from_str(&expect).expect("valid json");
        let mut paths: Vec<_> = std::fs::read_dir(root.join("seeds"))
            .expect("seeds folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        let articles: Vec<Article> = paths
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("seed text");
                let doc = Doc {
                    key: p.display().to_string(),
                    text,
                    tokens: vec![],
                    gold: vec![],
                };
                article(&doc)
            })
            .collect();
        let analyses: Vec<Analysis> = articles.iter().map(triangulate_analyze::analyze).collect();
        let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
        let r = triangulate_link::entities::resolve(&pairs);
        // A surname-only spelling ("Tokaev") may occur only inside a full name.
        let holder = |alias: &str| -> Vec<usize> {
            (0..r.entities.len())
                .filter(|&e| {
                    r.entities[e]
                        .aliases
                        .iter()
                        .any(|a| a.text == alias || a.text.ends_with(&format!(" {alias}")))
                })
                .collect()
        };
        for group in expect["entities_same"].as_array().expect("groups") {
            let kind = group["kind"].as_str().unwrap_or("");
            let mut ids: Vec<usize> = Vec::new();
            for alias in group["aliases"].as_array().expect("aliases") {
                let alias = alias.as_str().unwrap_or("");
                let found = holder(alias);
                assert_eq!(found.len(), 1, "{alias}: {found:?}");
                ids.extend(found);
            }
            ids.dedup();
            assert_eq!(ids.len(), 1, "{group}");
            let got = serde_json::to_value(r.entities[ids[0]].kind).expect("kind");
            assert_eq!(got.as_str(), Some(kind), "{group}");
        }
        for pair in expect["entities_distinct"].as_array().expect("pairs") {
            let a = holder(pair[0].as_str().unwrap_or(""));
            let b = holder(pair[1].as_str().unwrap_or(""));
            assert!(a.iter().all(|e| !b.contains(e)), "{pair}");
        }
    }
}
