use super::*;
use crate::sentences;
use triangulate_model::MentionForm;

fn run(text: &str) -> (Vec<Mention>, Vec<LocalEntity>) {
    find(text, &sentences::split(text))
}

fn entity_of<'a>(
    text: &str,
    mentions: &'a [Mention],
    entities: &'a [LocalEntity],
) -> Option<&'a LocalEntity> {
    mentions
        .iter()
        .find(|m| m.text == text)
        .map(|m| &entities[m.entity])
}

#[test]
fn spans_slice_back_to_mention_text() {
    let text =
        "Foreign Minister Ana Dulcet met Premier Tomas Reeb in Valmora. \"We agree,\" she said.";
    let (mentions, _) = run(text);
    assert!(!mentions.is_empty());
    for m in &mentions {
        assert_eq!(m.span.slice(text), Some(m.text.as_str()));
    }
}

#[test]
fn titles_become_roles_and_surnames_join_full_names() {
    let text = "Borovian President Kassian Dral-Venko told Chancellor Ilse Marten that talks would go on. \
                Dral-Venko spoke after Marten arrived in Berlin.";
    let (mentions, entities) = run(text);
    let dral = entity_of("Kassian Dral-Venko", &mentions, &entities).expect("full name found");
    assert_eq!(dral.kind, EntityKind::Person);
    assert!(dral
        .roles
        .iter()
        .any(|r| r == "Borovian President" || r == "President"));
    let short = entity_of("Dral-Venko", &mentions, &entities).expect("surname found");
    assert_eq!(short.name, "Kassian Dral-Venko");
    let marten = entity_of("Marten", &mentions, &entities).expect("surname found");
    assert_eq!(marten.name, "Ilse Marten");
    assert_eq!(
        entity_of("Berlin", &mentions, &entities).map(|e| e.kind),
        Some(EntityKind::Location)
    );
}

#[test]
fn acronym_in_parentheses_joins_its_organisation() {
    let text =
        "The watchdog Coastal Fisheries Council (CFC) criticised the plan. CFC said it would sue.";
    let (mentions, entities) = run(text);
    let org = entity_of("Coastal Fisheries Council", &mentions, &entities).expect("org found");
    assert_eq!(org.kind, EntityKind::Organization);
    let acr: Vec<&Mention> = mentions.iter().filter(|m| m.text == "CFC").collect();
    assert_eq!(acr.len(), 2);
    assert!(acr
        .iter()
        .all(|m| entities[m.entity].name == "Coastal Fisheries Council"));
    assert!(acr.iter().all(|m| m.form == MentionForm::Acronym));
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let text = "Despite the rain, crowds gathered. Commenting on the vote, Lena Strom smiled. \
                Crude oil prices fell.";
    let (mentions, _) = run(text);
    let texts: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(
        !texts.iter().any(|t| t.starts_with("Despite")
            || t.starts_with("Commenting")
            || t.starts_with("Crude")),
        "{texts:?}"
    );
    assert!(texts.contains(&"Lena Strom"));
}

#[test]
fn descriptions_and_pronouns_find_their_person() {
    let text = "Kazakh President Aset Mirov met Chancellor Olaf Brenner in Astana. \
                The Kazakh president praised the talks. The German leader disagreed, and he left early.";
    let (mentions, entities) = run(text);
    let desc = mentions
        .iter()
        .find(|m| m.form == MentionForm::Description && m.text.to_lowercase().contains("kazakh"))
        .expect("description found");
    assert_eq!(entities[desc.entity].name, "Aset Mirov");
    let leader = mentions
        .iter()
        .find(|m| m.text.contains("German leader"))
        .expect("leader found");
    assert_eq!(entities[leader.entity].name, "Olaf Brenner");
    let he = mentions
        .iter()
        .find(|m| m.form == MentionForm::Pronoun && m.text == "he")
        .expect("pronoun found");
    assert_eq!(entities[he.entity].name, "Olaf Brenner");
}

#[test]
fn nationalities_are_groups_and_place_pairs_split() {
    let text = "Officials said the Veltrian-Ukraine border was calm, and Ukrainians returned home from Russia-Ukraine talks.";
    let (mentions, entities) = run(text);
    let kind = |t: &str| entity_of(t, &mentions, &entities).map(|e| e.kind);
    assert_eq!(kind("Ukrainians"), Some(EntityKind::Group));
    assert_eq!(kind("Russia"), Some(EntityKind::Location));
    assert!(mentions.iter().filter(|m| m.text == "Ukraine").count() >= 1);
}

#[test]
fn never_panics_on_odd_text() {
    for text in [
        "", "  ", "A", "\"", "É.", "Mr.", "the the", "(HRW)", "Q-", "’s", "X—Y",
    ] {
        let (mentions, entities) = run(text);
        for m in &mentions {
            assert!(m.entity < entities.len());
            assert_eq!(m.span.slice(text), Some(m.text.as_str()));
        }
    }
}
