use proptest::prelude::*;
use triangulate_model::{EntityKind, LocalEntity, Mention, MentionForm, Quote, QuoteKind, Span};

use super::find;
use crate::sentences;

fn run(text: &str) -> Vec<Quote> {
    find(text, &sentences::split(text), &[], &[])
}

fn speaker_text<'a>(text: &'a str, q: &Quote) -> &'a str {
    q.speaker_span.and_then(|s| s.slice(text)).unwrap_or("")
}

fn quote_with<'a>(quotes: &'a [Quote], part: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.contains(part) && q.kind != QuoteKind::Indirect)
        .unwrap_or_else(|| panic!("no quote with {part:?} in {quotes:#?}"))
}

#[test]
fn direct_quotes_with_speaker_after_and_before() {
    let text = "“The ferry will run all winter,” Mayor Ilse Brandt told reporters on Monday.\n\
                Harbour chief Tomas Rell said: \"We have the boats.\"\n\
                \"Nobody will be stranded,\" said Rell.";
    let quotes = run(text);
    let q = quote_with(&quotes, "ferry will run");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_text(text, q), "Mayor Ilse Brandt");
    assert_eq!(q.cue.and_then(|c| c.slice(text)), Some("told"));
    let q = quote_with(&quotes, "We have the boats");
    assert_eq!(speaker_text(text, q), "Harbour chief Tomas Rell");
    let q = quote_with(&quotes, "Nobody will be stranded");
    assert_eq!(speaker_text(text, q), "Rell");
    for q in &quotes {
        assert_eq!(q.span.slice(text), Some(q.text.as_str()));
    }
}

#[test]
fn partial_scare_and_indirect_are_told_apart() {
    let text = "Ostria will not \"bow to pressure\" from its neighbours, Minister Ana Vols said.\n\
                Critics mocked the \"miracle\" of the new bridge.\n\
                Vols said that \"Ostria is strong\" and that the talks would go on.\n\
                According to Vols, the treaty will be signed in spring.";
    let quotes = run(text);
    let scare = quote_with(&quotes, "miracle");
    assert_eq!(scare.kind, QuoteKind::Scare);
    let partial = quote_with(&quotes, "Ostria is strong");
    assert_eq!(partial.kind, QuoteKind::Partial);
    assert_eq!(speaker_text(text, partial), "Vols");
    let indirect = quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect && q.text.starts_with("the treaty"))
        .expect("according to");
    assert_eq!(speaker_text(text, indirect), "Vols");
    assert_eq!(indirect.text, "the treaty will be signed in spring");
    let bow = quote_with(&quotes, "bow to pressure");
    assert_eq!(bow.kind, QuoteKind::Partial);
}

#[test]
fn pronoun_speakers_resolve_through_mentions() {
    let text = "Ana Vols opened the dam. “It will hold,” she added.";
    let mentions = vec![
        Mention {
            span: Span::new(0, 8),
            text: "Ana Vols".into(),
            kind: EntityKind::Person,
            form: MentionForm::Name,
            entity: 0,
            role: None,
        },
        Mention {
            span: Span::new(43, 46),
            text: "she".into(),
            kind: EntityKind::Person,
            form: MentionForm::Pronoun,
            entity: 0,
            role: None,
        },
    ];
    let entities = vec![LocalEntity {
        name: "Ana Vols".into(),
        kind: EntityKind::Person,
        roles: vec![],
        mentions: vec![0, 1],
    }];
    let quotes = find(text, &sentences::split(text), &mentions, &entities);
    let q = quote_with(&quotes, "It will hold");
    assert_eq!(speaker_text(text, q), "she");
    assert_eq!(q.speaker, Some(0));
    // Without the pronoun mention, the last person named before the quote speaks.
    let quotes = find(text, &sentences::split(text), &mentions[..1], &entities);
    assert_eq!(quote_with(&quotes, "It will hold").speaker, Some(0));
}

#[test]
fn block_quote_signed_by_a_name_line() {
    let text = "The river will not flood the town again. We have built the walls high enough.\n\
                Ana Vols Mayor of Tarnby\n\
                Other news followed.";
    let quotes = run(text);
    let q = quote_with(&quotes, "river will not flood");
    assert_eq!(q.kind, QuoteKind::Block);
    assert_eq!(speaker_text(text, q), "Ana Vols");
}

#[test]
fn multi_paragraph_quotes_share_the_speaker() {
    let text = "“The ferry runs again.\n\n“The strike is over,” union head Pia Lund said.";
    let quotes = run(text);
    assert_eq!(
        speaker_text(text, quote_with(&quotes, "ferry runs")),
        "union head Pia Lund"
    );
}

#[test]
fn organisations_speak() {
    let text = "“Rights are not optional,” the Coast Watch Group said. “The summit must say so.”";
    let quotes = run(text);
    assert_eq!(
        speaker_text(text, quote_with(&quotes, "Rights are")),
        "the Coast Watch Group"
    );
    assert_eq!(
        speaker_text(text, quote_with(&quotes, "summit must")),
        "the Coast Watch Group"
    );
}

#[test]
fn doubled_apostrophes_and_mixed_marks_pair() {
    let text = "''The bridge will open in May,'' Mayor Ilse Brandt said.\n\
                “Roads are crumbling,\" Tomas Rell said. \"Ferries are late.”";
    let quotes = run(text);
    let q = quote_with(&quotes, "bridge will open");
    assert_eq!(q.text, "The bridge will open in May");
    assert_eq!(speaker_text(text, q), "Mayor Ilse Brandt");
    let q = quote_with(&quotes, "Roads are");
    assert_eq!(q.text, "Roads are crumbling");
    assert_eq!(speaker_text(text, q), "Tomas Rell");
    let q = quote_with(&quotes, "Ferries");
    assert_eq!(q.text, "Ferries are late.");
}

#[test]
fn speakers_named_by_long_phrases_and_unlisted_verbs() {
    let text = "\"The levy is fair,\" said former Tarn councillor Mirela Vasko.\n\
                \"The port will grow,\" the conservative harbour newsletter wrote.\n\
                \"We will see,\" Anton Brel went on.\n\
                Senator Ana Vols gloated: \"I told you so.\"\n\
                \"Taxes must fall,\" Oskar Lind, a professor of economics at the University \
                of Tarn and a former adviser to the treasury, said of the plan.";
    let quotes = run(text);
    let cases = [
        ("levy is fair", "former Tarn councillor Mirela Vasko"),
        ("port will grow", "the conservative harbour newsletter"),
        ("We will see", "Anton Brel"),
        ("told you so", "Senator Ana Vols"),
        ("Taxes must fall", "Oskar Lind"),
    ];
    for (part, speaker) in cases {
        assert_eq!(
            speaker_text(text, quote_with(&quotes, part)),
            speaker,
            "{part}"
        );
    }
}

#[test]
fn titles_of_works_are_not_speech() {
    let text = "Brel told \"Harbour Talk Tonight\" on Sunday that \"Ostria will not wait.\"";
    let quotes = run(text);
    assert_eq!(quote_with(&quotes, "Harbour Talk").kind, QuoteKind::Scare);
}

#[test]
fn unmarked_block_takes_the_nearest_attribution() {
    // The previous paragraph's speaker must not carry over: a dash line signs the block.
    let signed = "\"The dam holds,\" Mayor Ilse Brandt said.\n\n\
                  The union answered in a statement:\n\n\
                  Nobody here wants the strike to last. Give us safe shifts and we return.\n\n\
                  — Oskar Lind, chair of the Tarn Ferry Union";
    let quotes = run(signed);
    let q = quote_with(&quotes, "Give us safe shifts");
    assert_eq!(q.kind, QuoteKind::Block);
    assert_eq!(speaker_text(signed, q), "Oskar Lind");
    // Without a name line, the introducing line speaks.
    let introduced = "\"The dam holds,\" Mayor Ilse Brandt said.\n\n\
                      Union chair Oskar Lind said in a statement:\n\n\
                      Nobody here wants the strike to last. Give us safe shifts and we return.\n\n\
                      Talks resume on Monday.";
    let quotes = run(introduced);
    let q = quote_with(&quotes, "Give us safe shifts");
    assert_eq!(speaker_text(introduced, q), "Union chair Oskar Lind");
}

proptest! {
    #[test]
    fn spans_slice_and_nothing_panics(text in "[a-zA-Z ,.\"'“”‘’«»:\n]{0,200}") {
        let quotes = run(&text);
        for q in quotes {
            prop_assert_eq!(q.span.slice(&text), Some(q.text.as_str()));
            if let Some(s) = q.speaker_span { prop_assert!(s.slice(&text).is_some()); }
            if let Some(s) = q.cue { prop_assert!(s.slice(&text).is_some()); }
        }
    }
}

/// The seeds' quote checks, with the speaker named by the speaker words or the entity.
#[test]
fn seed_quotes_are_found_with_their_speakers() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
    let Ok(expect) = std::fs::read_to_string(format!("{root}/acceptance/seeds.expect.json")) else {
        eprintln!("shared data not present: skipped");
        return;
    };
    let Ok(dir) = std::fs::read_dir(format!("{root}/seeds")) else {
        return;
    };
    let mut seeds: Vec<(String, String)> = dir
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some((name, text))
        })
        .collect();
    seeds.sort();
    let checks = seed_checks(&expect);
    assert!(!checks.is_empty());
    let mut failures = Vec::new();
    for (speaker, contains, doc) in &checks {
        let Some((_, text)) = seeds.iter().find(|(n, _)| n.starts_with(doc.as_str())) else {
            continue;
        };
        let sentences = sentences::split(text);
        let (mentions, entities) = crate::entities::find(text, &sentences);
        let quotes = find(text, &sentences, &mentions, &entities);
        let fold = |s: &str| {
            s.replace(['“', '”'], "\"")
                .replace(['‘', '’'], "'")
                .to_lowercase()
        };
        let surname = speaker.rsplit(' ').next().unwrap_or(speaker).to_lowercase();
        let ok = quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare && fold(&q.text).contains(&fold(contains)))
            .any(|q| {
                let words = fold(speaker_text(text, q));
                let entity = q
                    .speaker
                    .and_then(|e| entities.get(e))
                    .map(|e| e.name.to_lowercase());
                let spelled = |w: &str| {
                    w.contains(&surname)
                        || w.contains(&speaker.to_lowercase())
                        || (surname.starts_with("tokayev")
                            && (w.contains("tokaev") || w.contains("toqaev")))
                        || (speaker.contains("Human Rights") && w.contains("hrw"))
                };
                spelled(&words) || entity.as_deref().is_some_and(spelled) || words == "he"
            });
        if !ok {
            failures.push(format!("{doc}: {speaker} / {contains}"));
        }
    }
    assert!(failures.is_empty(), "missed: {failures:#?}");
}

/// (speaker, contains, doc) triples of the `quotes` checks, read without a JSON dependency.
fn seed_checks(json: &str) -> Vec<(String, String, String)> {
    let Some(start) = json.find("\"quotes\"") else {
        return Vec::new();
    };
    let end = json[start..]
        .find("\"same_utterance\"")
        .map_or(json.len(), |e| start + e);
    let section = &json[start..end];
    let field = |item: &str, name: &str| -> Option<String> {
        let at = item.find(&format!("\"{name}\""))?;
        let rest = &item[at + name.len() + 2..];
        let open = rest.find('"')?;
        let close = rest[open + 1..].find('"')?;
        Some(rest[open + 1..open + 1 + close].to_string())
    };
    let mut out = Vec::new();
    for item in section.split('}') {
        let (Some(speaker), Some(contains)) = (field(item, "speaker"), field(item, "contains"))
        else {
            continue;
        };
        let Some(docs_at) = item.find("\"docs\"") else {
            continue;
        };
        let docs = &item[docs_at..];
        let docs = &docs[..docs.find(']').unwrap_or(docs.len())];
        for doc in docs
            .split('"')
            .filter(|d| d.len() == 3 && d.chars().all(|c| c.is_ascii_digit()))
        {
            out.push((speaker.clone(), contains.clone(), doc.to_string()));
        }
    }
    out
}

#[test]
#[ignore]
fn dump_seed_quotes() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    for e in std::fs::read_dir(root).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        println!("=== {:?}", e.file_name());
        for q in run(&text) {
            println!(
                "{:?} [{}] <{}> {:?}",
                q.kind,
                speaker_text(&text, &q),
                q.cue.and_then(|c| c.slice(&text)).unwrap_or(""),
                q.text
            );
        }
    }
}

/// The indirect quote whose content starts with `start`, and its speaker's text.
fn indirect_from<'a>(
    text: &'a str,
    quotes: &'a [Quote],
    start: &str,
) -> Option<(&'a str, &'a str)> {
    quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect && q.text.starts_with(start))
        .map(|q| (q.text.as_str(), speaker_text(text, q)))
}

#[test]
fn reported_clauses_without_that() {
    let text = "Harbour chief Tomas Rell said the ferries would run all winter.\n\
                Ilse Brandt, the mayor of Vellor, said the budget was safe.\n\
                Most dockers say the roster is unfair.\n\
                The gazette said the strike had cost the port a week of trade.\n\
                The two union leaders told reporters they would meet the board on Friday.";
    let quotes = run(text);
    let (_, who) = indirect_from(text, &quotes, "the ferries would run").expect("said the ...");
    assert_eq!(who, "Harbour chief Tomas Rell");
    let (_, who) = indirect_from(text, &quotes, "the budget was safe").expect("apposition");
    assert_eq!(who, "Ilse Brandt");
    let (_, who) = indirect_from(text, &quotes, "the roster is unfair").expect("say");
    assert!(who.ends_with("dockers"), "{who:?}");
    let (_, who) = indirect_from(text, &quotes, "the strike had cost").expect("a noun speaks");
    assert_eq!(who, "The gazette");
    assert!(indirect_from(text, &quotes, "they would meet the board").is_some());
}

#[test]
fn verbs_of_thought_report_clauses_but_not_objects() {
    let text = "Polls show the race is close in the northern districts.\n\
                The minister believes she will win the vote.\n\
                Police found the boat near the breakwater on Sunday.";
    let quotes = run(text);
    assert!(indirect_from(text, &quotes, "the race is close").is_some());
    assert!(indirect_from(text, &quotes, "she will win").is_some());
    assert!(
        !quotes
            .iter()
            .any(|q| q.text.contains("near the breakwater")),
        "{quotes:#?}"
    );
}

#[test]
fn a_speaker_after_a_quotation_is_not_a_reported_clause() {
    let text = "\"We will not move the ferries,\" said Ilse Brandt, the mayor of Vellor.";
    let quotes = run(text);
    assert!(
        quotes.iter().all(|q| q.kind != QuoteKind::Indirect),
        "{quotes:#?}"
    );
    let q = quote_with(&quotes, "We will not move");
    assert_eq!(speaker_text(text, q), "Ilse Brandt");
}

#[test]
fn quotes_inside_the_writers_clause_are_partial() {
    let text =
        "Vols said on Tuesday that under the old treaty, “the ports stayed open all year.”\n\
                Brel said on Monday, “we will build the bridge before winter.”\n\
                She added, though, that in the end “Ostria will pay for the whole dam.”\n\
                Critics described the mayor as, “tired and out of ideas after ten years.”";
    let quotes = run(text);
    assert_eq!(
        quote_with(&quotes, "the ports stayed open").kind,
        QuoteKind::Partial
    );
    assert_eq!(
        quote_with(&quotes, "we will build the bridge").kind,
        QuoteKind::Direct
    );
    assert_eq!(
        quote_with(&quotes, "Ostria will pay").kind,
        QuoteKind::Partial
    );
    assert_eq!(
        quote_with(&quotes, "tired and out of ideas").kind,
        QuoteKind::Partial
    );
}

#[test]
fn interrupted_and_colon_quotes_stay_direct() {
    let text = "“The dam holds,” Brel said, “and it will hold next year too.”\n\
                The audit made one finding: “nine ferries ran without licences last year.”";
    let quotes = run(text);
    let resumed = quote_with(&quotes, "and it will hold");
    assert_eq!(resumed.kind, QuoteKind::Direct);
    assert_eq!(speaker_text(text, resumed), "Brel");
    assert_eq!(
        quote_with(&quotes, "nine ferries ran").kind,
        QuoteKind::Direct
    );
}

#[test]
fn transcript_labels_name_the_speaker() {
    let text = "Ostria Radio aired the interview on Sunday.\n\n\
                Partial transcript follows:\n\n\
                \"HOLM: Will the new bridge open in May?\n\n\
                \"VOLS: It will open in June, not in May. The steel came late.\n\n\
                \"HOLM: Why did it come late?";
    let quotes = run(text);
    let question = quote_with(&quotes, "Will the new bridge");
    assert_eq!(question.text, "Will the new bridge open in May?");
    assert_eq!(speaker_text(text, question), "HOLM");
    let answer = quote_with(&quotes, "It will open in June");
    assert_eq!(answer.kind, QuoteKind::Direct);
    assert_eq!(speaker_text(text, answer), "VOLS");
    assert!(!answer.text.contains("VOLS"));
}

#[test]
fn parenthetical_attribution_leaves_a_fragment() {
    let text = "It was, the mayor said, “a dam like no other in the whole valley.”\n\
                But, she told the harbour board, “we will finish the dam by June.”";
    let quotes = run(text);
    let fragment = quote_with(&quotes, "a dam like no other");
    assert_eq!(fragment.kind, QuoteKind::Partial);
    assert_eq!(speaker_text(text, fragment), "the mayor");
    assert_eq!(
        quote_with(&quotes, "we will finish the dam").kind,
        QuoteKind::Direct
    );
}

#[test]
fn headlines_with_a_byline_are_named_not_said() {
    let text = "FERRIES—\"Harbour ferries to run all winter,\" by Ostria Post's Ana Vols: \
                \"The ferries will run every day this winter.\"";
    let quotes = run(text);
    assert_eq!(
        quote_with(&quotes, "Harbour ferries to run").kind,
        QuoteKind::Scare
    );
    // The excerpt after the byline is the piece's text, not speech.
    assert_eq!(
        quote_with(&quotes, "The ferries will run").kind,
        QuoteKind::Scare
    );
}

#[test]
fn an_opening_mark_typed_as_a_closer_closes() {
    let text = "“The tolls stay,“ said Ana Vols, the harbour chief. “They pay for the dam.”";
    let quotes = run(text);
    let first = quote_with(&quotes, "The tolls stay");
    assert_eq!(first.text, "The tolls stay");
    assert_eq!(speaker_text(text, first), "Ana Vols");
    assert_eq!(
        quote_with(&quotes, "They pay").text,
        "They pay for the dam."
    );
}

#[test]
fn subordinate_clauses_hold_fragments_across_quotes() {
    let text = "The board asked whether \"Ostria can pay for the dam on its own.\"\n\
                Vols said that “ferry crews” “will work all winter on the new dam.”";
    let quotes = run(text);
    assert_eq!(
        quote_with(&quotes, "Ostria can pay").kind,
        QuoteKind::Partial
    );
    assert_eq!(
        quote_with(&quotes, "will work all winter").kind,
        QuoteKind::Partial
    );
}

#[test]
fn closing_remarks_are_cues() {
    let text = "Brel concluded, “we will finish the dam before the spring floods.”";
    let quotes = run(text);
    let q = quote_with(&quotes, "finish the dam");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker_text(text, q), "Brel");
    assert_eq!(q.cue.and_then(|c| c.slice(text)), Some("concluded"));
}

#[test]
fn examples_in_the_writers_clause_are_fragments() {
    let text = "“The dam is late,” Brel said, suggesting some questions, including, \
                “Why did the steel come from abroad? Who signed the contract?”";
    let quotes = run(text);
    assert_eq!(
        quote_with(&quotes, "The dam is late").kind,
        QuoteKind::Direct
    );
    assert_eq!(
        quote_with(&quotes, "Why did the steel").kind,
        QuoteKind::Partial
    );
}
