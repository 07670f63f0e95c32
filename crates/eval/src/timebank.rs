//! Evaluation: temporal expressions against TimeBank 1.2 (the TempEval-3 cleaning), scored as
//! TempEval-3 scores them: strict and relaxed span match, value and type on relaxed matches.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use triangulate_analyze::{sentences, time, Anchor};
use triangulate_model::TimeExpr;

use crate::{EvalError, Figures};

/// One gold TIMEX3 in the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A TimeML document reduced to its text, creation time and gold expressions.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeMlDoc {
    pub dct: Option<String>,
    pub text: String,
    pub gold: Vec<GoldTimex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let at = tag.find(&pat)? + pat.len();
    let rest = tag.get(at..)?;
    let end = rest.find('"')?;
    Some(decode(&rest[..end]))
}

/// Replaces the XML entities TimeML files use.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parses a TimeML document: the DCT value and the `<TEXT>` body with tags stripped, keeping
/// the byte offsets of each gold TIMEX3 in the stripped text.
pub fn parse_timeml(xml: &str) -> Result<TimeMlDoc, String> {
    let dct = xml.find("<DCT>").and_then(|at| {
        let inner = &xml[at..at + xml[at..].find("</DCT>")?];
        let timex = inner.find("<TIMEX3")?;
        let close = inner[timex..].find('>')? + timex;
        attr(&inner[timex..close], "value")
    });
    let body_start = xml.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let body_end = xml[body_start..]
        .find("</TEXT>")
        .map(|e| e + body_start)
        .ok_or("no </TEXT> closing tag")?;
    let body = &xml[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode(&rest[..lt]));
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            let kind = attr(tag, "type").unwrap_or_default();
            let value = attr(tag, "value").unwrap_or_default();
            if tag.ends_with('/') {
                // Empty TIMEX3s have no text to find.
            } else {
                open.push((text.len(), kind, value));
            }
        } else if tag == "/TIMEX3" {
            let (start, kind, value) = open.pop().ok_or("</TIMEX3> without an opening tag")?;
            gold.push(GoldTimex {
                start,
                end: text.len(),
                kind,
                value,
            });
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&decode(rest));
    Ok(TimeMlDoc { dct, text, gold })
}

/// Counts for the TempEval-3 measures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub system: usize,
    pub gold: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value: usize,
    pub kind: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.system += o.system;
        self.gold += o.gold;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }
}

fn kind_name(t: &TimeExpr) -> &'static str {
    match t.kind {
        triangulate_model::TimeKind::Date => "DATE",
        triangulate_model::TimeKind::Time => "TIME",
        triangulate_model::TimeKind::Duration => "DURATION",
        triangulate_model::TimeKind::Set => "SET",
    }
}

/// Scores one document: each gold expression is paired with at most one overlapping system
/// expression (the first unpaired one).
pub fn score(gold: &[GoldTimex], system: &[TimeExpr]) -> Counts {
    let mut c = Counts {
        system: system.len(),
        gold: gold.len(),
        ..Counts::default()
    };
    let mut used = vec![false; system.len()];
    for g in gold {
        let hit = system
            .iter()
            .enumerate()
            .find(|(k, s)| !used[*k] && s.span.start < g.end && g.start < s.span.end);
        if let Some((k, s)) = hit {
            used[k] = true;
            c.relaxed += 1;
            if s.span.start == g.start && s.span.end == g.end {
                c.strict += 1;
            }
            if s.value == g.value {
                c.value += 1;
            }
            if kind_name(s) == g.kind {
                c.kind += 1;
            }
        }
    }
    c
}

fn f1(tp: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let p = if system == 0 {
        0.0
    } else {
        tp as f64 / system as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Loads every `.tml` file under `data`, sorted by name.
pub fn load(data: &Path) -> Result<Vec<(PathBuf, TimeMlDoc)>, EvalError> {
    let entries = std::fs::read_dir(data).map_err(|e| EvalError::io(data, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for p in paths {
        let xml = std::fs::read_to_string(&p).map_err(|e| EvalError::io(&p, e))?;
        let doc = parse_timeml(&xml).map_err(|r| EvalError::parse(&p, r))?;
        docs.push((p, doc));
    }
    Ok(docs)
}

/// Runs the timebank evaluation on the data at `data`, printing to `out`.
pub fn run(data: &Path, out: &mut dyn Write) -> Result<Figures, EvalError> {
    let docs = load(data)?;
    if docs.is_empty() {
        return Err(EvalError::parse(data, "no .tml files"));
    }
    let mut total = Counts::default();
    // Timed three times, keeping the fastest pass, so a busy machine disturbs the figure less.
    let mut found: Vec<Vec<TimeExpr>> = Vec::new();
    let mut elapsed = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        found = docs
            .iter()
            .map(|(_, doc)| {
                let anchor = doc.dct.as_deref().and_then(Anchor::parse);
                let sents = sentences::split(&doc.text);
                time::find(&doc.text, &sents, anchor)
            })
            .collect();
        elapsed = elapsed.min(started.elapsed().as_secs_f64().max(1e-9));
    }
    for ((_, doc), sys) in docs.iter().zip(&found) {
        total.add(score(&doc.gold, sys));
    }
    let (sp, sr, sf) = f1(total.strict, total.system, total.gold);
    let (rp, rr, rf) = f1(total.relaxed, total.system, total.gold);
    let (vp, vr, vf) = f1(total.value, total.system, total.gold);
    let type_acc = if total.relaxed == 0 {
        0.0
    } else {
        total.kind as f64 / total.relaxed as f64
    };
    let docs_per_s = docs.len() as f64 / elapsed;
    writeln!(
        out,
        "timebank: {} documents, {} gold TIMEX3, {} found",
        docs.len(),
        total.gold,
        total.system
    )?;
    writeln!(out, "  strict span   P {sp:.3}  R {sr:.3}  F1 {sf:.3}")?;
    writeln!(out, "  relaxed span  P {rp:.3}  R {rr:.3}  F1 {rf:.3}")?;
    writeln!(out, "  value         P {vp:.3}  R {vr:.3}  F1 {vf:.3}")?;
    writeln!(out, "  type accuracy {type_acc:.3} (on relaxed matches)")?;
    writeln!(
        out,
        "  speed         {docs_per_s:.0} articles/s (one core, sentences + times)"
    )?;
    let mut figures = Figures::default();
    figures.push("strict_f1", sf);
    figures.push("relaxed_f1", rf);
    figures.push("value_f1", vf);
    figures.push("type_accuracy", type_acc);
    figures.push("docs_per_s", docs_per_s);
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_timeml_with_offsets_and_entities() {
        let xml = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2001-03-04\">March 4</TIMEX3></DCT>\
            <TEXT>Tom &amp; Ann <EVENT eid=\"e1\">met</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001-03-03\">yesterday</TIMEX3>.</TEXT></TimeML>";
        let doc = parse_timeml(xml).expect("valid document");
        assert_eq!(doc.dct.as_deref(), Some("2001-03-04"));
        assert_eq!(doc.text, "Tom & Ann met yesterday.");
        assert_eq!(doc.gold.len(), 1);
        let g = &doc.gold[0];
        assert_eq!(&doc.text[g.start..g.end], "yesterday");
        assert_eq!(g.value, "2001-03-03");
        assert_eq!(g.kind, "DATE");
    }

    #[test]
    fn missing_text_is_an_error() {
        assert!(parse_timeml("<TimeML><DCT></DCT></TimeML>").is_err());
    }

    #[test]
    fn timebank_figures() {
        let dir = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/timebank"
        ));
        if !dir.is_dir() {
            eprintln!("timebank data not found at {}; skipped", dir.display());
            return;
        }
        let mut out = Vec::new();
        let figures = run(dir, &mut out).expect("timebank runs");
        print!("{}", String::from_utf8_lossy(&out));
        assert!(figures.value("relaxed_f1").is_some_and(|f| f > 0.5));
        if std::env::var_os("TIMEBANK_ERRORS").is_some() {
            print_errors(dir);
        }
    }

    /// Development aid: every miss, spurious find and wrong value, one per line.
    fn print_errors(dir: &Path) {
        let Ok(docs) = load(dir) else { return };
        let show_ok = std::env::var("TIMEBANK_ERRORS").is_ok_and(|v| v == "all");
        for (path, doc) in docs {
            let anchor = doc.dct.as_deref().and_then(Anchor::parse);
            let sys = time::find(&doc.text, &sentences::split(&doc.text), anchor);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let dct = doc.dct.clone().unwrap_or_default();
            let ctx = |s: usize, e: usize| {
                let lo = doc.text.floor_char_boundary(s.saturating_sub(60));
                let hi = doc.text.ceil_char_boundary((e + 30).min(doc.text.len()));
                doc.text[lo..hi].replace('\n', " ")
            };
            for g in &doc.gold {
                let hit = sys
                    .iter()
                    .find(|s| s.span.start < g.end && g.start < s.span.end);
                let gt = &doc.text[g.start..g.end];
                match hit {
                    None => println!(
                        "MISS\t{gt}\t{}\t{}\t{dct}\t{name}\t{}",
                        g.kind,
                        g.value,
                        ctx(g.start, g.end)
                    ),
                    Some(s)
                        if s.value != g.value || s.span.start != g.start || s.span.end != g.end =>
                    {
                        println!(
                            "DIFF\t{gt}\t{}\t{}\t{}\t{}\t{dct}\t{}\t{name}\t{}",
                            g.value,
                            s.text,
                            s.value,
                            g.kind,
                            s.reasoning,
                            ctx(g.start, g.end)
                        )
                    }
                    Some(s) if show_ok => println!(
                        "OK\t{gt}\t{}\t{}\t{}\t{dct}\t{}\t{}",
                        g.value,
                        g.kind,
                        s.reasoning,
                        name,
                        ctx(g.start, g.end)
                    ),
                    Some(_) => {}
                }
            }
            for s in &sys {
                if !doc
                    .gold
                    .iter()
                    .any(|g| s.span.start < g.end && g.start < s.span.end)
                {
                    println!(
                        "SPUR\t{}\t{}\t{dct}\t{}",
                        s.text,
                        s.value,
                        ctx(s.span.start, s.span.end)
                    );
                }
            }
        }
    }
}
