//! The seeds acceptance check: runs the main job on a corpus (in a throw-away in-memory store),
//! serialises the JSON report, reads it back, and checks every item of an expectation file
//! against it, one line per check, ending with `N passed, N failed`.
//!
//! Documents are named in the expectation file by the prefix of their file name ("000").
//! Text matches are case-insensitive after folding curly quotes to straight ones.

use std::io::Write;
use std::path::Path;

use serde_json::Value;
use triangulate_engine::{run as run_engine, Model, RunOptions, Silent};
use triangulate_model::{Coverage, DocId, Entity, EntityKind, Fidelity, Report, Story};
use triangulate_store::MemoryStore;

use crate::{EvalError, Figures};

/// Runs the main job on `corpus` and checks it against the expectation file `expect`.
/// `model`, the sentence model, helps align translated quotes (word overlap alone without it).
pub fn run(
    corpus: &Path,
    expect: &Path,
    model: Option<Model>,
    out: &mut dyn Write,
) -> Result<Figures, EvalError> {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(expect).map_err(|e| EvalError::io(expect, e))?,
    )
    .map_err(|e| EvalError::parse(expect, e))?;
    let mut store = MemoryStore::default();
    let outcome = run_engine(
        &[corpus.to_path_buf()],
        &mut store,
        &RunOptions {
            model,
            ..RunOptions::default()
        },
        &Silent,
    )
    .map_err(|e| EvalError::parse(corpus, e))?;
    let json =
        serde_json::to_string_pretty(&outcome.report).map_err(|e| EvalError::parse(corpus, e))?;
    let report: Report = serde_json::from_str(&json).map_err(|e| EvalError::parse(corpus, e))?;
    for problem in &report.skipped {
        writeln!(out, "skipped {}: {}", problem.item, problem.error)?;
    }
    let checks = check(&expected, &report, &json);
    let mut figures = Figures::default();
    let passed = checks.iter().filter(|c| c.passed).count();
    for c in &checks {
        let verdict = if c.passed { "PASS" } else { "FAIL" };
        writeln!(out, "{verdict} {}: {}", c.name, c.detail)?;
    }
    writeln!(out, "{} passed, {} failed", passed, checks.len() - passed)?;
    figures.push("passed", passed as f64);
    figures.push("failed", (checks.len() - passed) as f64);
    Ok(figures)
}

/// The outcome of one check.
#[derive(Debug, Clone)]
pub struct Check {
    pub name: String,
    pub passed: bool,
    pub detail: String,
}

fn fold(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .to_lowercase()
}

fn contains(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn items<'a>(expected: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    expected[key].as_array().into_iter().flatten()
}

/// Resolves expectation-file document prefixes to report document ids.
struct Docs<'a> {
    report: &'a Report,
}

impl Docs<'_> {
    fn id(&self, prefix: &str) -> Option<DocId> {
        self.sources()
            .find(|s| file_name(&s.origin).starts_with(prefix))
            .map(|s| s.doc.clone())
    }

    fn prefix(&self, id: &DocId) -> String {
        self.sources()
            .find(|s| &s.doc == id)
            .map(|s| file_name(&s.origin).chars().take(3).collect())
            .unwrap_or_else(|| id.to_string())
    }

    fn sources(&self) -> impl Iterator<Item = &triangulate_model::Source> {
        self.report.stories.iter().flat_map(|s| s.sources.iter())
    }

    fn story_of(&self, id: &DocId) -> Option<&Story> {
        self.report
            .stories
            .iter()
            .find(|s| s.sources.iter().any(|src| &src.doc == id))
    }

    fn prefixes(&self, ids: &[DocId]) -> String {
        let mut p: Vec<String> = ids.iter().map(|i| self.prefix(i)).collect();
        p.sort();
        p.dedup();
        p.join(",")
    }
}

fn file_name(origin: &str) -> &str {
    let path = origin.split(':').next().unwrap_or(origin);
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Whether the entity holds the spelling `name`: as its name or an alias, or as the surname
/// of a person's (a spelling such as "Tokaev" may occur only inside "Kasim-Zhomart Tokaev").
fn entity_named(entity: &Entity, name: &str) -> bool {
    let person = entity.kind == EntityKind::Person;
    std::iter::once(entity.name.as_str())
        .chain(entity.aliases.iter().map(|a| a.text.as_str()))
        .any(|held| held.eq_ignore_ascii_case(name) || (person && spelled(held, name)))
}

/// Whether `name` is `held` or its last words ("Tokaev" of "Kasim-Zhomart Tokaev").
fn spelled(held: &str, name: &str) -> bool {
    if held.eq_ignore_ascii_case(name) {
        return true;
    }
    let (held, name) = (held.to_lowercase(), name.to_lowercase());
    held.strip_suffix(&name)
        .is_some_and(|head| !name.is_empty() && head.ends_with(' '))
}

fn speaker_matches(story: &Story, speaker_id: Option<&str>, expected: &str) -> bool {
    let Some(id) = speaker_id else { return false };
    story
        .entities
        .iter()
        .find(|e| e.id == id)
        .is_some_and(|e| entity_named(e, expected) || contains(&e.name, expected))
}

/// Runs every check of the expectation file against the report and its JSON text.
pub fn check(expected: &Value, report: &Report, json: &str) -> Vec<Check> {
    let docs = Docs { report };
    let mut checks = Vec::new();
    let mut push = |name: String, passed: bool, detail: String| {
        checks.push(Check {
            name,
            passed,
            detail,
        })
    };

    for story in items(expected, "stories") {
        let members = strings(&story["members"]);
        let name = format!("story {}", story["id"].as_str().unwrap_or("?"));
        let found = members
            .first()
            .and_then(|m| docs.id(m))
            .and_then(|id| docs.story_of(&id));
        match found {
            Some(s) => {
                let ids: Vec<DocId> = s.sources.iter().map(|x| x.doc.clone()).collect();
                let got = docs.prefixes(&ids);
                let mut want = members.clone();
                want.sort();
                push(name, got == want.join(","), format!("members {got}"));
            }
            None => push(name, false, "no story holds its first member".into()),
        }
    }

    for item in items(expected, "published") {
        let doc = item["doc"].as_str().unwrap_or("");
        let want = item["date"].as_str();
        let got = docs
            .id(doc)
            .and_then(|id| docs.sources().find(|s| s.doc == id).cloned())
            .map(|s| s.published.map(|d| d.day().to_string()));
        let passed = matches!(&got, Some(g) if g.as_deref() == want);
        push(
            format!("published {doc} = {}", want.unwrap_or("unknown")),
            passed,
            format!("found {:?}", got.flatten()),
        );
    }

    for item in items(expected, "syndication") {
        let doc = item["doc"].as_str().unwrap_or("");
        let want = item["original_outlet_contains"].as_str().unwrap_or("");
        let got = docs
            .id(doc)
            .and_then(|id| docs.sources().find(|s| s.doc == id).cloned())
            .and_then(|s| s.reprint.map(|r| r.original_outlet));
        let passed = got.as_deref().is_some_and(|g| contains(g, want));
        push(
            format!("syndication {doc} from {want}"),
            passed,
            format!("found {got:?}"),
        );
    }

    for item in items(expected, "outlets") {
        let doc = item["doc"].as_str().unwrap_or("");
        let outlet = docs
            .id(doc)
            .and_then(|id| docs.sources().find(|s| s.doc == id).cloned())
            .and_then(|s| s.outlet);
        if let Some(want) = item["outlet_contains"].as_str() {
            let passed = outlet.as_deref().is_some_and(|o| contains(o, want));
            push(
                format!("outlet {doc} contains {want}"),
                passed,
                format!("found {outlet:?}"),
            );
        }
        if let Some(not) = item["outlet_not_contains"].as_str() {
            let passed = !outlet.as_deref().is_some_and(|o| contains(o, not));
            push(
                format!("outlet {doc} does not contain {not}"),
                passed,
                format!("found {outlet:?}"),
            );
        }
    }

    let folded_json = fold(&unescape_json(json));
    for item in strings(&expected["boilerplate_absent"]) {
        let passed = !folded_json.contains(&fold(&item));
        push(
            format!("boilerplate absent: {item}"),
            passed,
            if passed {
                "absent".into()
            } else {
                "present in the report".into()
            },
        );
    }

    let entities: Vec<(&Story, &Entity)> = report
        .stories
        .iter()
        .flat_map(|s| s.entities.iter().map(move |e| (s, e)))
        .collect();
    for item in items(expected, "entities_same") {
        let aliases = strings(&item["aliases"]);
        let kind = item["kind"].as_str().unwrap_or("");
        let name = format!("same entity ({kind}): {}", aliases.join(" = "));
        let first = aliases.first().cloned().unwrap_or_default();
        let holder = entities.iter().find(|(_, e)| entity_named(e, &first));
        match holder {
            Some((_, e)) => {
                let missing: Vec<&String> =
                    aliases.iter().filter(|a| !entity_named(e, a)).collect();
                let kind_ok = serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .is_some_and(|k| k == kind);
                push(
                    name,
                    missing.is_empty() && kind_ok,
                    format!("{} ({:?}) lacks {:?}", e.name, e.kind, missing),
                );
            }
            None => push(name, false, format!("no entity named {first}")),
        }
    }

    for pair in items(expected, "entities_distinct") {
        let names = strings(pair);
        let (a, b) = (
            names.first().cloned().unwrap_or_default(),
            names.get(1).cloned().unwrap_or_default(),
        );
        let merged = entities
            .iter()
            .find(|(_, e)| entity_named(e, &a) && entity_named(e, &b));
        push(
            format!("distinct entities: {a} / {b}"),
            merged.is_none(),
            match merged {
                Some((_, e)) => format!("merged in {}", e.name),
                None => "kept apart".into(),
            },
        );
    }

    for item in items(expected, "quotes") {
        let speaker = item["speaker"].as_str().unwrap_or("");
        let text = item["contains"].as_str().unwrap_or("");
        let mut missing = Vec::new();
        for doc in strings(&item["docs"]) {
            let found = docs.id(&doc).is_some_and(|id| {
                docs.story_of(&id).is_some_and(|story| {
                    story.quotes.iter().any(|q| {
                        q.doc == id
                            && contains(&q.text, text)
                            && speaker_matches(story, q.speaker.as_deref(), speaker)
                    })
                })
            });
            if !found {
                let near: Vec<String> = docs
                    .id(&doc)
                    .and_then(|id| docs.story_of(&id).map(|s| (s, id)))
                    .map(|(s, id)| {
                        s.quotes
                            .iter()
                            .filter(|q| q.doc == id && contains(&q.text, text))
                            .map(|q| format!("speaker {:?}", q.speaker_name))
                            .collect()
                    })
                    .unwrap_or_default();
                missing.push(format!("{doc} {near:?}"));
            }
        }
        push(
            format!("quote {speaker}: \"{text}\""),
            missing.is_empty(),
            if missing.is_empty() {
                "found".into()
            } else {
                format!("missing in {}", missing.join("; "))
            },
        );
    }

    for item in items(expected, "same_utterance") {
        let speaker = item["speaker"].as_str().unwrap_or("");
        let variants: Vec<(String, String)> = item["variants"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| {
                (
                    v[0].as_str().unwrap_or("").to_string(),
                    v[1].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let reference_text = variants.first().map(|v| v.1.clone()).unwrap_or_default();
        let name = format!(
            "same utterance of {speaker}: {}",
            variants
                .iter()
                .map(|(d, t)| format!("{d} \"{t}\""))
                .collect::<Vec<_>>()
                .join(" / ")
        );
        let ok = report.stories.iter().any(|story| {
            story.utterances.iter().any(|u| {
                speaker_matches(story, u.speaker.as_deref(), speaker)
                    && variants.iter().all(|(doc, text)| {
                        let Some(id) = docs.id(doc) else { return false };
                        u.renderings.iter().any(|r| {
                            r.doc == id
                                && contains(&r.text, text)
                                && (text == &reference_text || r.fidelity != Fidelity::Verbatim)
                        })
                    })
            })
        });
        push(
            name,
            ok,
            if ok {
                "aligned".into()
            } else {
                "no utterance holds all variants with the right fidelity".into()
            },
        );
    }

    for item in items(expected, "quote_fidelity") {
        let doc = item["doc"].as_str().unwrap_or("");
        let text = item["contains"].as_str().unwrap_or("");
        let found: Vec<Fidelity> = docs
            .id(doc)
            .map(|id| {
                report
                    .stories
                    .iter()
                    .flat_map(|s| s.utterances.iter())
                    .flat_map(|u| u.renderings.iter())
                    .filter(|r| r.doc == id && contains(&r.text, text))
                    .map(|r| r.fidelity)
                    .collect()
            })
            .unwrap_or_default();
        push(
            format!("shortened rendering in {doc}: \"{text}\""),
            found.contains(&Fidelity::Shortened),
            format!("found {found:?}"),
        );
    }

    for item in items(expected, "timeline") {
        let date = item["date"].as_str().unwrap_or("");
        let about = strings(&item["about_contains"]);
        let want_docs = strings(&item["docs"]);
        let entries: Vec<_> = report
            .stories
            .iter()
            .flat_map(|s| s.timeline.iter())
            .filter(|e| e.date == date)
            .collect();
        let ok = entries.iter().any(|e| {
            let haystack = format!("{} {}", e.text, e.actor_names.join(" "));
            let have = docs.prefixes(&e.docs);
            about.iter().all(|a| contains(&haystack, a))
                && want_docs.iter().all(|d| have.split(',').any(|h| h == d))
        });
        let found: Vec<String> = entries
            .iter()
            .map(|e| {
                format!(
                    "[{}] {}",
                    docs.prefixes(&e.docs),
                    e.text.chars().take(60).collect::<String>()
                )
            })
            .collect();
        push(
            format!(
                "timeline {date} about {} in {}",
                about.join("+"),
                want_docs.join(",")
            ),
            ok,
            if ok {
                "found".into()
            } else {
                format!("entries on that date: {found:?}")
            },
        );
    }

    for item in items(expected, "agreed_by_all") {
        let any = strings(&item["contains_any"]);
        let and_any = strings(&item["and_any"]);
        let ok = report.stories.iter().flat_map(|s| s.facts.iter()).any(|f| {
            let all_text = format!("{} {}", f.text, f.variants.join(" "));
            f.coverage == Coverage::All
                && any.iter().any(|a| contains(&all_text, a))
                && (and_any.is_empty() || and_any.iter().any(|a| contains(&all_text, a)))
        });
        push(
            format!("agreed by all: {} {}", any.join("|"), and_any.join("|")),
            ok,
            if ok {
                "found".into()
            } else {
                "no fact of full coverage says it".into()
            },
        );
    }

    for item in items(expected, "unique_to") {
        let doc = item["doc"].as_str().unwrap_or("");
        let any = strings(&item["contains_any"]);
        let Some(id) = docs.id(doc) else {
            push(
                format!("unique to {doc}: {}", any.join("|")),
                false,
                "document not in the report".into(),
            );
            continue;
        };
        let facts: Vec<_> = report.stories.iter().flat_map(|s| s.facts.iter()).collect();
        let single = facts.iter().any(|f| {
            f.coverage == Coverage::One
                && f.docs == [id.clone()]
                && any.iter().any(|a| contains(&f.text, a))
        });
        let elsewhere: Vec<String> = facts
            .iter()
            .filter(|f| f.docs.iter().any(|d| d != &id) && f.docs.len() > 1)
            .filter(|f| {
                any.iter()
                    .any(|a| contains(&format!("{} {}", f.text, f.variants.join(" ")), a))
            })
            .map(|f| format!("{} in {}", f.id, docs.prefixes(&f.docs)))
            .collect();
        push(
            format!("unique to {doc}: {}", any.join("|")),
            single && elsewhere.is_empty(),
            format!("single-source fact: {single}; also aligned with other sources: {elsewhere:?}"),
        );
    }

    for item in items(expected, "framing") {
        let doc = item["doc"].as_str().unwrap_or("");
        let label = item["label_contains"].as_str().unwrap_or("");
        let entity = item["entity"].as_str();
        let ok = docs.id(doc).is_some_and(|id| {
            report.stories.iter().any(|s| {
                s.framing.iter().any(|f| {
                    f.doc == id
                        && contains(&f.label, label)
                        && entity.is_none_or(|e| speaker_matches(s, f.entity.as_deref(), e))
                })
            })
        });
        push(
            format!(
                "framing {doc}: \"{label}\"{}",
                entity.map(|e| format!(" for {e}")).unwrap_or_default()
            ),
            ok,
            if ok {
                "found".into()
            } else {
                "not in the framing table".into()
            },
        );
    }
    checks
}

/// Undoes JSON string escapes that would hide a phrase from a substring search.
fn unescape_json(json: &str) -> String {
    json.replace("\\\"", "\"")
        .replace("\\n", "\n")
        .replace("\\u2019", "\u{2019}")
}

#[cfg(test)]
mod spelling_tests {
    use super::spelled;

    #[test]
    fn a_surname_inside_a_full_name_counts_but_not_a_fragment() {
        assert!(spelled("Kasim-Zhomart Tokaev", "Tokaev"));
        assert!(spelled("Tokaev", "tokaev"));
        assert!(!spelled("Kasim-Zhomart Tokaev", "Zhomart"));
        assert!(!spelled("Bratokaev", "Tokaev"));
        assert!(!spelled("Tokaev Street", "Tokaev"));
    }
}
