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

/// The texts of the mentions, in order.
fn texts_of(mentions: &[Mention]) -> Vec<&str> {
    mentions.iter().map(|m| m.text.as_str()).collect()
}

/// Asserts that each of `names` is found, as an entity of `kind`.
fn assert_kinds(names: &[&str], kind: EntityKind, mentions: &[Mention], entities: &[LocalEntity]) {
    for name in names {
        let e = entity_of(name, mentions, entities).unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(e.kind, kind, "{name}");
    }
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
    let texts = texts_of(&mentions);
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

#[test]
fn plural_possessives_and_head_words_make_organisations() {
    let text = "Members of the Corvel Porters' Union struck on Monday. They work for terminal \
                operator Dunmore Terminals, which declined to comment. Corvel Porters' Union \
                leaders met at noon.";
    let (mentions, entities) = run(text);
    let union = entity_of("Corvel Porters' Union", &mentions, &entities).expect("union found");
    assert_eq!(union.kind, EntityKind::Organization);
    let firm = entity_of("Dunmore Terminals", &mentions, &entities).expect("operator found");
    assert_eq!(firm.kind, EntityKind::Organization);
}

#[test]
fn a_corporate_title_makes_the_name_before_it_a_company() {
    let text = "Halvorsen Brack CEO Mila Dunn said sales rose. Shares of Orlen Vask fell.";
    let (mentions, entities) = run(text);
    let firm = entity_of("Halvorsen Brack", &mentions, &entities).expect("company found");
    assert_eq!(firm.kind, EntityKind::Organization);
    let dunn = entity_of("Mila Dunn", &mentions, &entities).expect("person found");
    assert_eq!(dunn.kind, EntityKind::Person);
    let other = entity_of("Orlen Vask", &mentions, &entities).expect("second company found");
    assert_eq!(other.kind, EntityKind::Organization);
}

#[test]
fn a_port_authority_also_names_its_city() {
    let text = "Ships waited outside the Port of Dravik on Tuesday. Dravik is a small city.";
    let (mentions, entities) = run(text);
    let port = entity_of("Port of Dravik", &mentions, &entities).expect("port found");
    assert_eq!(port.kind, EntityKind::Organization);
    let city = mentions
        .iter()
        .find(|m| m.text == "Dravik")
        .map(|m| &entities[m.entity])
        .expect("city found");
    assert_eq!(city.kind, EntityKind::Location);
}

#[test]
fn a_country_after_a_leader_is_a_place_not_part_of_the_name() {
    let text = "President Tomas Vrana of France met with the envoy of Kim Jong Un in Seoul.";
    let (mentions, entities) = run(text);
    let vrana = entity_of("Tomas Vrana", &mentions, &entities).expect("name without country");
    assert_eq!(vrana.kind, EntityKind::Person);
    assert!(mentions.iter().any(|m| m.text == "France"));
    let kim = entity_of("Kim Jong Un", &mentions, &entities).expect("full name found");
    assert_eq!(kim.kind, EntityKind::Person);
}

#[test]
fn he_takes_the_subject_and_she_a_woman() {
    let text = "Chancellor Piet Marten met Ilse Brandt in Velden. \
                Marten disagreed with Brandt's plan, saying it would fail. \
                \"It is too late,\" he said. Brandt replied that she would wait.";
    let (mentions, entities) = run(text);
    let pronoun = |word: &str| {
        mentions
            .iter()
            .find(|m| m.form == MentionForm::Pronoun && m.text == word)
            .map(|m| entities[m.entity].name.as_str())
    };
    assert_eq!(pronoun("he"), Some("Piet Marten"));
    assert_eq!(pronoun("she"), Some("Ilse Brandt"));
}

#[test]
fn a_surname_before_any_full_name_is_someone_else() {
    let text = "President Vrana spoke at the dinner on Tuesday. \
                Later, the first lady, Petra Vrana, thanked the guests. Mr. Vrana left early.";
    let (mentions, entities) = run(text);
    let petra = mentions
        .iter()
        .find(|m| m.text == "Petra Vrana")
        .map(|m| m.entity)
        .expect("full name found");
    assert!(mentions
        .iter()
        .filter(|m| m.text == "Vrana")
        .all(|m| m.entity != petra));
    assert_eq!(entities[petra].kind, EntityKind::Person);
}

#[test]
fn a_month_that_is_a_named_surname_stays_a_name_but_dates_do_not() {
    let text = "Prime Minister Hilde May met the envoy in London. \
                Later, May said the talks would resume in May.";
    let (mentions, _) = run(text);
    let mays: Vec<&Mention> = mentions.iter().filter(|m| m.text == "May").collect();
    assert_eq!(mays.len(), 1, "{mays:?}");
    assert!(text[..mays[0].span.start].ends_with("Later, "));
}

#[test]
fn an_organisation_is_described_by_the_last_word_of_its_name() {
    let text = "Members of the Carrow Valley Farmers Union blocked the road to the depot. \
                The stubborn union said it would stay. Dornfeld Mills said the union was wrong.";
    let (mentions, entities) = run(text);
    let described: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.form == MentionForm::Description)
        .collect();
    assert!(
        described.iter().any(|m| m.text == "The stubborn union"),
        "{described:?}"
    );
    for m in &described {
        assert_eq!(
            entities[m.entity].name, "Carrow Valley Farmers Union",
            "{m:?}"
        );
    }
}

#[test]
fn an_organisation_head_shared_by_two_names_describes_neither() {
    let text = "The Harbour Pilots Union and the Crane Operators Union met on Monday. \
                The union said little.";
    let (mentions, _) = run(text);
    assert!(
        !mentions
            .iter()
            .any(|m| m.form == MentionForm::Description && m.text.contains("union")),
        "{mentions:?}"
    );
}

#[test]
fn lower_case_role_nouns_before_names_are_roles() {
    let text = "Harbour officials met on Monday. Port director Ilse Marten said Kazakh leader \
                Kassian Dral-Venko had called. Then the Kazakh leader hung up, and the former \
                port director left. Talks went on - Some 40 workers waited.";
    let (mentions, entities) = run(text);
    let role_of = |name: &str| {
        mentions
            .iter()
            .find(|m| m.text == name)
            .and_then(|m| m.role.clone())
    };
    assert_eq!(role_of("Ilse Marten").as_deref(), Some("Port director"));
    assert_eq!(
        role_of("Kassian Dral-Venko").as_deref(),
        Some("Kazakh leader")
    );
    // The capitalised sentence opener joined the role and is no place of its own.
    assert!(!mentions.iter().any(|m| m.text == "Port"));
    // "Some" after a dateline dash opens a clause; it is not a name.
    assert!(!mentions.iter().any(|m| m.text == "Some"));
    // Descriptions with modifiers point back at the person with that role.
    let dral = entity_of("Kassian Dral-Venko", &mentions, &entities).expect("named");
    let described = |text: &str| {
        mentions
            .iter()
            .find(|m| m.form == MentionForm::Description && m.text == text)
            .map(|m| &entities[m.entity])
    };
    assert_eq!(described("the Kazakh leader"), Some(dral));
    let marten = entity_of("Ilse Marten", &mentions, &entities).expect("named");
    assert_eq!(described("the former port director"), Some(marten));
}

#[test]
fn a_day_name_does_not_make_a_sentence_title_case() {
    // Mostly capitals, but the only capitalised "function word" is a weekday: running text, so
    // both surnames stay with their names.
    let text = "President Oren Talvik met Prime Minister Hedda Brunn on Monday.";
    let (mentions, entities) = run(text);
    let talvik = entity_of("Oren Talvik", &mentions, &entities).expect("full name kept");
    assert_eq!(talvik.kind, EntityKind::Person);
    assert!(entity_of("Hedda Brunn", &mentions, &entities).is_some());
}

#[test]
fn a_dateline_in_capitals_is_a_place() {
    let text = "LISBON - Dockworkers at the Tagus terminals walked out on Tuesday.";
    let (mentions, entities) = run(text);
    let lisbon = entity_of("LISBON", &mentions, &entities).expect("dateline found");
    assert_eq!(lisbon.kind, EntityKind::Location);
}

#[test]
fn a_sentence_opening_noun_before_a_role_joins_the_role() {
    // "Union" is seen capitalised in the union's name, yet opening the sentence before "chair"
    // it is part of her role, not a second organisation.
    let text = "The Tarn Ferry Workers' Union held a vote. \
                Union chair Ilka Sorensen said the crews would return.";
    let (mentions, entities) = run(text);
    let ilka = entity_of("Ilka Sorensen", &mentions, &entities).expect("name found");
    assert!(
        ilka.roles.iter().any(|r| r == "Union chair"),
        "{:?}",
        ilka.roles
    );
    assert!(entity_of("Union", &mentions, &entities).is_none());
}

#[test]
fn a_title_before_a_family_name_written_first_finds_the_full_name() {
    let text = "Jeon Min-ho met Governor Chun Sun-ae in Daegu. Mr. Jeon smiled. \
                Later Chun Sun-ae spoke. Ms. Chun was pleased.";
    let (mentions, entities) = run(text);
    for family in ["Jeon", "Chun"] {
        let found: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.text.starts_with(family))
            .collect();
        assert!(found.len() >= 2, "{family}: {found:?}");
        assert!(
            found.iter().all(|m| m.entity == found[0].entity),
            "{found:?}"
        );
        assert!(entities[found[0].entity].name.contains('-'));
    }
    // A sentence-opening adverb is not part of the name after it.
    assert!(mentions.iter().all(|m| !m.text.starts_with("Later")));
}

#[test]
fn an_honorific_before_one_word_names_a_person() {
    let text = "The council heard Mr. Park and Mrs. Hall before the vote.";
    let (mentions, entities) = run(text);
    assert_kinds(&["Park", "Hall"], EntityKind::Person, &mentions, &entities);
}

#[test]
fn a_company_before_a_corporate_title_is_a_company_and_the_phrase_a_role() {
    let text = "Skylark Air CEO, Teodor Vasko, said the airline would lease six jets. \
                The Brenmark Chief Executive Officer declined to comment.";
    let (mentions, entities) = run(text);
    let airline = entity_of("Skylark Air", &mentions, &entities).expect("company found");
    assert_eq!(airline.kind, EntityKind::Organization);
    let vasko = entity_of("Teodor Vasko", &mentions, &entities).expect("person found");
    assert_eq!(vasko.kind, EntityKind::Person);
    assert!(
        vasko.roles.iter().any(|r| r.contains("CEO")),
        "{:?}",
        vasko.roles
    );
    let brenmark = entity_of("Brenmark", &mentions, &entities).expect("company found");
    assert_eq!(brenmark.kind, EntityKind::Organization);
    // An institution before a title is no person either.
    let text = "Lena Osk, the Velmora Harbour Authority Secretary, spoke on Monday.";
    let (mentions, entities) = run(text);
    let authority =
        entity_of("Velmora Harbour Authority", &mentions, &entities).expect("authority found");
    assert_eq!(authority.kind, EntityKind::Organization);
    assert!(mentions
        .iter()
        .filter(|m| m.text.contains("Authority"))
        .all(|m| entities[m.entity].kind != EntityKind::Person || m.form != MentionForm::Name));
}

#[test]
fn a_company_arm_named_for_a_region_is_an_organisation() {
    let text = "Talvor Australia and Mereno North America cut prices on Monday.";
    let (mentions, entities) = run(text);
    assert_kinds(
        &["Talvor Australia", "Mereno North America"],
        EntityKind::Organization,
        &mentions,
        &entities,
    );
}

#[test]
fn words_that_complete_a_role_noun_belong_to_the_role() {
    let text = "Chief executive Ilse Brandt met Talvor deputy prime minister Omar Kell \
                and former president Vera Lund.";
    let (mentions, entities) = run(text);
    for (name, role) in [
        ("Ilse Brandt", "Chief executive"),
        ("Omar Kell", "deputy prime minister"),
        ("Vera Lund", "former president"),
    ] {
        let e = entity_of(name, &mentions, &entities).expect(name);
        assert!(e.roles.iter().any(|r| r == role), "{name}: {:?}", e.roles);
    }
    assert!(mentions.iter().all(|m| m.text != "Chief"));
}

#[test]
fn a_dated_title_opens_the_role_and_leaves_the_name() {
    let text = "Former FBI Director Ilse Brandt testified. Then-President Omar Kell left, and \
                reporters asked then-president Vera Lund and ex-Minister Teodor Vasko.";
    let (mentions, entities) = run(text);
    let fbi = entity_of("FBI", &mentions, &entities).expect("agency found");
    assert_eq!(fbi.kind, EntityKind::Organization);
    for (name, role) in [
        ("Ilse Brandt", "Former FBI Director"),
        ("Omar Kell", "Then-President"),
        ("Vera Lund", "then-president"),
        ("Teodor Vasko", "ex-Minister"),
    ] {
        let e = entity_of(name, &mentions, &entities).expect(name);
        assert_eq!(e.kind, EntityKind::Person, "{name}");
        assert!(e.roles.iter().any(|r| r == role), "{name}: {:?}", e.roles);
    }
    assert!(mentions.iter().all(|m| !m.text.starts_with("Former")));
}

#[test]
fn institutions_keep_their_title_words_unless_a_role_is_held_in_them() {
    let text = "The Velmoran Department of Labor said jobs fell. Ana Vell, the Chief Operating \
                Officer of Skylark Airways, spoke, and so did the Chief Executive Officer of \
                General Motors. Skylark Flight 574 landed late. Secretary of State Omar Kell \
                agreed.";
    let (mentions, entities) = run(text);
    assert_kinds(
        &[
            "Velmoran Department of Labor",
            "Skylark Airways",
            "General Motors",
            "Skylark",
        ],
        EntityKind::Organization,
        &mentions,
        &entities,
    );
    assert!(mentions
        .iter()
        .all(|m| !m.text.starts_with("Chief") && !m.text.contains("Flight")));
    let kell = entity_of("Omar Kell", &mentions, &entities).expect("person found");
    assert!(kell.roles.iter().any(|r| r == "Secretary of State"));
}

#[test]
fn a_known_given_name_makes_a_person_whom_bare_surnames_would_outvote() {
    // Without "Vincent" known, the surname alone ("Harlow" below, five times) outvoted the
    // full name and the player came out an organisation.
    let text = "Harbour Lions receiver Vincent Harlow missed training on Friday. \
                Harlow, 25, had a sore knee, and the club doctor sent him home. \
                Harlow said he would be fit. Harlow will play on Sunday. \
                Harlow declined to say more.";
    let (mentions, entities) = run(text);
    assert_kinds(
        &["Vincent Harlow", "Harlow"],
        EntityKind::Person,
        &mentions,
        &entities,
    );
    let him = entity_of("him", &mentions, &entities).expect("pronoun found");
    assert_eq!(him.name, "Vincent Harlow");
}

#[test]
fn a_place_prefix_keeps_a_city_named_after_a_saint() {
    // "Louis" is a given name; after "St." it names a city, not two founders of a firm.
    let text = "The carmaker will close its plant in St. Louis next year, workers were told.";
    let (mentions, entities) = run(text);
    assert_kinds(&["St. Louis"], EntityKind::Location, &mentions, &entities);
}

#[test]
fn states_and_cities_of_the_gazetteer_are_places() {
    // No preposition vouches for them here: the gazetteer must.
    let text = "Alabama and Pittsburgh bid for the plant. Toulouse lost out, officials said.";
    let (mentions, entities) = run(text);
    assert_kinds(
        &["Alabama", "Pittsburgh", "Toulouse"],
        EntityKind::Location,
        &mentions,
        &entities,
    );
}

#[test]
fn a_female_given_name_tells_whom_she_is() {
    let text = "Dirk Holm met Gemma Lark at the port on Monday. She said the talks went well.";
    let (mentions, entities) = run(text);
    let she = entity_of("She", &mentions, &entities).expect("pronoun found");
    assert_eq!(she.name, "Gemma Lark");
}

#[test]
fn a_title_word_after_given_names_alone_is_a_surname() {
    let text = "Stephen King wrote a new book. Martin Luther King spoke in the square. \
                Chancellor Ilse Marten met Tomas Reyk.";
    let (mentions, entities) = run(text);
    let role_of = |name: &str| {
        mentions
            .iter()
            .find(|m| m.text == name)
            .unwrap_or_else(|| panic!("{name} not found"))
            .role
            .clone()
    };
    assert_kinds(
        &["Stephen King", "Martin Luther King"],
        EntityKind::Person,
        &mentions,
        &entities,
    );
    assert_eq!(role_of("Stephen King"), None);
    assert_eq!(role_of("Martin Luther King"), None);
    assert_eq!(role_of("Ilse Marten").as_deref(), Some("Chancellor"));
}

#[test]
fn a_spanish_and_between_two_names_joins_neither() {
    let text = "Los fabricantes Talvora y Brendmar Aviación firmaron el acuerdo en Quindal.";
    let (mentions, _) = run(text);
    let texts = texts_of(&mentions);
    assert!(texts.contains(&"Talvora"), "{texts:?}");
    assert!(texts.contains(&"Brendmar Aviación"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains(" y ")), "{texts:?}");
}

#[test]
fn a_name_followed_by_a_full_name_is_two_names() {
    let text = "Shares of Talvora Group rose after the board named Talvora Robert Kessling as its \
                new head. The fans of the San Francisco Giants cheered Mary Ann Lane on Sunday.";
    let (mentions, entities) = run(text);
    let texts = texts_of(&mentions);
    assert!(texts.contains(&"Robert Kessling"), "{texts:?}");
    assert_kinds(
        &["Robert Kessling"],
        EntityKind::Person,
        &mentions,
        &entities,
    );
    assert!(
        !texts.iter().any(|t| t.contains("Talvora Robert")),
        "{texts:?}"
    );
    // A place prefix and a second given name stay inside their names.
    assert!(
        texts.iter().any(|t| t.starts_with("San Francisco")),
        "{texts:?}"
    );
    assert!(texts.contains(&"Mary Ann Lane"), "{texts:?}");
}

#[test]
fn a_title_then_a_particle_is_a_role_and_its_organisation() {
    let text = "Il CEO di Talvora, Robert Kessling, ha presentato i conti. El presidente de \
                Brendmar Aviación habló en Quindal.";
    let (mentions, _) = run(text);
    let texts = texts_of(&mentions);
    assert!(texts.contains(&"Talvora"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with("CEO di")), "{texts:?}");
}

#[test]
fn an_office_not_yet_taken_is_a_title() {
    let text = "The senators questioned Secretary of State-designate Robert Kessling for hours.";
    let (mentions, _) = run(text);
    let kessling = mentions
        .iter()
        .find(|m| m.text == "Robert Kessling")
        .unwrap_or_else(|| panic!("{mentions:?}"));
    assert!(
        kessling
            .role
            .as_deref()
            .is_some_and(|r| r.contains("designate")),
        "{:?}",
        kessling.role
    );
}

#[test]
fn places_are_known_by_their_spanish_italian_and_dutch_names() {
    let text = "La directora Ilse Brandt voló de Francfort a Singapur. Poi è andata a Parigi e \
                a Zurigo. Daarna reisde zij naar Kopenhagen.";
    let (mentions, entities) = run(text);
    assert_kinds(
        &["Francfort", "Singapur", "Parigi", "Zurigo", "Kopenhagen"],
        EntityKind::Location,
        &mentions,
        &entities,
    );
}

#[test]
fn the_opening_word_of_a_name_may_open_a_sentence_alone() {
    let text = "Talvora Systems announced a merger on Monday. Talvora shares rose by a third. \
                Border Patrol agents stopped a truck. Border crossings fell, and the border \
                stayed calm.";
    let (mentions, _) = run(text);
    let texts = texts_of(&mentions);
    assert!(texts.contains(&"Talvora"), "{texts:?}");
    // A word the article also writes in lower case is not vouched for.
    assert!(!texts.contains(&"Border"), "{texts:?}");
}

#[test]
fn a_name_before_what_companies_make_or_run_is_an_organisation() {
    let text = "The last of the Varlen Brook jets left the line on Tuesday, and the Ostrada \
                plant will close in March.";
    let (mentions, entities) = run(text);
    assert_kinds(
        &["Varlen Brook", "Ostrada"],
        EntityKind::Organization,
        &mentions,
        &entities,
    );
}

#[test]
fn words_that_make_a_title_precise_belong_to_it() {
    let text = "White House Press Secretary Ana Dulcet spoke first. Later, Velmora Foreign \
                Minister Tomas Reeb answered.";
    let (mentions, _) = run(text);
    let texts = texts_of(&mentions);
    assert!(texts.contains(&"White House"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("Press")), "{texts:?}");
    let role = |name: &str| {
        mentions
            .iter()
            .find(|m| m.text == name)
            .and_then(|m| m.role.clone())
            .unwrap_or_default()
    };
    assert!(
        role("Ana Dulcet").contains("Press Secretary"),
        "{mentions:?}"
    );
    assert!(
        role("Tomas Reeb").contains("Foreign Minister"),
        "{mentions:?}"
    );
}

#[test]
fn a_country_code_spaced_from_a_currency_sign_is_a_currency() {
    let text = "Talvora won a US $ 40 billion order, and the Velmora Air Force $ 35 billion \
                plan went ahead in the US.";
    let (mentions, _) = run(text);
    let texts = texts_of(&mentions);
    assert_eq!(texts.iter().filter(|t| **t == "US").count(), 1, "{texts:?}");
    assert!(texts.contains(&"Velmora Air Force"), "{texts:?}");
}
