use super::*;
use triangulate_model::EntityKind;

fn sentence(text: &str) -> Vec<Span> {
    vec![Span::new(0, text.len())]
}

/// Each label's text with its target, in order.
fn texts_and_targets(labels: &[Label]) -> Vec<(&str, LabelTarget)> {
    labels.iter().map(|l| (l.text.as_str(), l.target)).collect()
}

/// The texts of the labels with the given target, in order.
fn texts_for(labels: &[Label], target: LabelTarget) -> Vec<&str> {
    labels
        .iter()
        .filter(|l| l.target == target)
        .map(|l| l.text.as_str())
        .collect()
}

/// The texts of the labels found in `text` with no mentions given.
fn label_texts(text: &str) -> Vec<String> {
    find(text, &sentence(text), &[])
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// Asserts that every one of `expected` is among the label texts.
fn assert_lists(labels: &[String], expected: &[&str]) {
    for want in expected {
        assert!(labels.iter().any(|l| l == want), "{want}: {labels:?}");
    }
}

#[test]
fn modifier_before_a_noun_labels_the_event() {
    let text = "The illegal strike at the docks ended.";
    let labels = find(text, &sentence(text), &[]);
    assert_eq!(labels.len(), 1);
    assert_eq!(labels[0].text, "illegal strike");
    assert_eq!(labels[0].target, LabelTarget::Event);
    assert_eq!(labels[0].span.slice(text), Some("illegal strike"));
}

#[test]
fn modifier_before_a_titled_name_labels_the_entity() {
    let text = "The court heard self-proclaimed Governor Ana Vell on Monday.";
    let start = text.find("Ana").unwrap();
    let mention = Mention {
        span: Span::new(start, start + "Ana Vell".len()),
        text: "Ana Vell".into(),
        kind: EntityKind::Person,
        form: MentionForm::Name,
        entity: 0,
        role: Some("Governor".into()),
    };
    let labels = find(text, &sentence(text), &[mention]);
    let texts = texts_and_targets(&labels);
    assert_eq!(
        texts,
        vec![
            ("self-proclaimed", LabelTarget::Entity(0)),
            ("Governor", LabelTarget::Entity(0))
        ]
    );
}

#[test]
fn conjunctions_and_names_are_no_modifiers() {
    let text = "Crews said the ferry had stopped, but talks continued. \
                The Illegitimate Workers Federation sent the hard-line union a letter.";
    let labels: Vec<String> = find(text, &sentence(text), &[])
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(labels.iter().all(|l| !l.starts_with("but")), "{labels:?}");
    assert!(
        labels.iter().all(|l| !l.contains("Illegitimate")),
        "{labels:?}"
    );
    assert_lists(&labels, &["hard-line union"]);
}

#[test]
fn a_role_around_the_name_labels_it() {
    let text = "Talks were held with President Ilse Varga of Ostria on Monday.";
    let mut varga = name(text, "Ilse Varga", 0);
    varga.role = Some("President of Ostria".into());
    let labels = find(text, &sentence(text), &[varga]);
    let role = labels
        .iter()
        .find(|l| l.target == LabelTarget::Entity(0))
        .expect("the role is a label");
    assert_eq!(role.text, "President");
    assert_eq!(role.span.slice(text), Some("President"));
}

fn name(text: &str, name: &str, entity: usize) -> Mention {
    let start = text.find(name).unwrap();
    Mention {
        span: Span::new(start, start + name.len()),
        text: name.into(),
        kind: EntityKind::Person,
        form: MentionForm::Name,
        entity,
        role: None,
    }
}

/// [`name`] with another kind than a person.
fn named(text: &str, name_text: &str, entity: usize, kind: EntityKind) -> Mention {
    Mention {
        kind,
        ..name(text, name_text, entity)
    }
}

#[test]
fn those_acting_for_a_country_label_it() {
    let text = "Velorian officials met the Ostrian military intelligence officers, while \
                Ostria's regime and the Velorian people waited.";
    let mut ostria = name(text, "Ostria's", 1);
    ostria.span.end -= 2;
    let mut mentions = vec![name(text, "Velorian", 0), name(text, "Ostrian", 1), ostria];
    let start = text.rfind("Velorian").unwrap();
    mentions.push(Mention {
        span: Span::new(start, start + "Velorian".len()),
        ..mentions[0].clone()
    });
    for m in &mut mentions {
        m.kind = EntityKind::Group;
    }
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    assert_eq!(
        texts,
        vec![
            ("Velorian officials", LabelTarget::Entity(0)),
            (
                "Ostrian military intelligence officers",
                LabelTarget::Entity(1)
            ),
            ("Ostria's regime", LabelTarget::Entity(1)),
        ]
    );
    // Nothing acts for a word the analysis could not place.
    let other = named(text, "Velorian", 0, EntityKind::Other);
    let found = find(text, &sentence(text), &[other]);
    assert!(
        found
            .iter()
            .all(|l| !matches!(l.target, LabelTarget::Entity(_))),
        "{found:?}"
    );
}

#[test]
fn a_person_has_those_acting_for_them_too() {
    let text = "The Vell administration said Vell campaign officials had quit.";
    let mut first = name(text, "Vell", 0);
    let start = text.rfind("Vell").unwrap();
    let second = Mention {
        span: Span::new(start, start + 4),
        ..first.clone()
    };
    first.kind = EntityKind::Person;
    let labels = find(text, &sentence(text), &[first, second]);
    let texts: Vec<&str> = labels.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["Vell administration", "Vell campaign officials"]
    );
}

#[test]
fn appositions_label_the_name_before_them() {
    let text = "Piet Daalman, the embattled lock keeper, met Ruth Anker, a veteran engineer \
                who built the dam.";
    let mentions = [name(text, "Piet Daalman", 0), name(text, "Ruth Anker", 1)];
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    assert!(texts.contains(&("embattled lock keeper", LabelTarget::Entity(0))));
    assert!(
        texts.contains(&("veteran engineer", LabelTarget::Entity(1))),
        "{texts:?}"
    );
    for l in &labels {
        assert_eq!(l.span.slice(text), Some(l.text.as_str()));
    }
}

#[test]
fn a_new_clause_after_a_name_is_not_an_apposition() {
    let text = "In Brask, the council met.";
    let mentions = [name(text, "Brask", 0)];
    assert!(find(text, &sentence(text), &mentions).is_empty());
}

#[test]
fn outlets_name_the_event_their_own_way() {
    let text = "The crippling stoppage and the industrial action at the mill hurt exports.";
    let labels: Vec<String> = find(text, &sentence(text), &[])
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert_eq!(labels, vec!["crippling stoppage", "industrial action"]);
    let other = "A strike surcharge was added.";
    assert!(find(other, &sentence(other), &[]).is_empty());
    // A plural right after a name is the name's verb.
    let text = "Crews left early, and Vell plans to reopen the quay.";
    assert!(label_texts(text).is_empty(), "{:?}", label_texts(text));
    // Plurals of the event nouns name events too.
    let text = "Two rulings and lengthy investigations ended in a bitter stalemate.";
    assert_eq!(
        label_texts(text),
        vec!["Two rulings", "lengthy investigations", "bitter stalemate"]
    );
}

#[test]
fn neutral_words_give_no_label() {
    let text = "The mayor opened the new bridge on Friday.";
    assert!(find(text, &sentence(text), &[]).is_empty());
}

#[test]
fn an_event_name_keeps_up_to_two_modifiers_in_front() {
    let text = "Delegates spoke of the third inter-island summit after his troubling encounters \
                with the envoy and a long bitter border conflict.";
    let labels = find(text, &sentence(text), &[]);
    let texts = texts_for(&labels, LabelTarget::Event);
    assert_eq!(
        texts,
        vec![
            "third inter-island summit",
            "troubling encounters",
            "bitter border conflict"
        ]
    );
    let text = "Before beginning talks, reporters followed Vell\u{2019}s three-day trip.";
    let labels = find(text, &sentence(text), &[]);
    let texts: Vec<&str> = labels.iter().map(|l| l.text.as_str()).collect();
    // The name that owns the event comes with it, whichever apostrophe it is written with, and
    // so does the verb that acts on it.
    assert_eq!(
        texts,
        vec!["beginning talks", "followed Vell\u{2019}s three-day trip"]
    );
    let text = "Reporters asked about Mr. Omar Kell's invitation and the union's strike.";
    assert_eq!(
        label_texts(text),
        vec!["Mr. Omar Kell's invitation", "strike"]
    );
    // A name may modify the event's noun inside the sentence, not from its first word.
    let text = "Brask talks ended, and the Vell-Kell summit and the Ostria probe began.";
    assert_eq!(
        label_texts(text),
        vec!["talks", "Vell-Kell summit", "Ostria probe"]
    );
}

#[test]
fn those_acting_for_a_name_are_not_read_across_a_verb() {
    let text =
        "Vell said officials would stay, and Ostria installed what officials call a hotline.";
    let vell = name(text, "Vell", 0);
    let ostria = named(text, "Ostria", 1, EntityKind::Location);
    let labels = find(text, &sentence(text), &[vell, ostria]);
    // The officials are a group of their own, acting for neither name.
    assert!(
        labels
            .iter()
            .all(|l| !matches!(l.target, LabelTarget::Entity(_))),
        "{labels:?}"
    );
}

#[test]
fn an_apposition_may_open_with_a_capitalised_word_but_not_be_a_name() {
    let text =
        "Ana Vell, the Democratic presidential nominee, joined Omar Kell, the White House, on Monday.";
    let vell = Mention {
        kind: EntityKind::Person,
        ..name(text, "Ana Vell", 0)
    };
    let kell = Mention {
        kind: EntityKind::Person,
        ..name(text, "Omar Kell", 1)
    };
    let labels = find(text, &sentence(text), &[vell, kell]);
    let texts = texts_and_targets(&labels);
    assert_eq!(
        texts,
        vec![("Democratic presidential nominee", LabelTarget::Entity(0))]
    );
}

#[test]
fn an_event_name_keeps_the_complement_that_names_who_it_involves() {
    let text = "Crews spoke of the summit between Mr. Vell and President Ana Kell of Ostria, \
                after talks with reporters and an inquiry into Omar T. Dunn ended.";
    let texts = label_texts(text);
    // "with reporters" names nobody; the inquiry's complement stops before the clause's verb.
    assert_eq!(
        texts,
        vec![
            "summit between Mr. Vell and President Ana Kell of Ostria",
            "talks",
            "inquiry into Omar T. Dunn"
        ]
    );
    // A date may stand between the event and its complement, but a date alone is none.
    let text =
        "Vell spoke of the meeting on April 27 with Ana Kell, and the trial on Friday ended.";
    assert_eq!(
        label_texts(text),
        vec!["meeting on April 27 with Ana Kell", "trial"]
    );
}

#[test]
fn a_counted_group_labels_the_last_people_or_places_named() {
    let text = "Ana Vell of Ostria joined Omar Kell of Brask and Piet Daalman. The two leaders \
                then spoke of both countries and of all three states.";
    let place = |name_: &str, entity| Mention {
        kind: EntityKind::Location,
        ..name(text, name_, entity)
    };
    let mentions = [
        name(text, "Ana Vell", 0),
        place("Ostria", 1),
        name(text, "Omar Kell", 2),
        place("Brask", 3),
        name(text, "Piet Daalman", 4),
    ];
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    assert_eq!(
        texts,
        vec![
            // The two people named last, the two places, and a group of three places of which
            // only two are named, which then labels the event.
            ("The two leaders", LabelTarget::Entity(4)),
            ("The two leaders", LabelTarget::Entity(2)),
            ("both countries", LabelTarget::Entity(3)),
            ("both countries", LabelTarget::Entity(1)),
            ("all three states", LabelTarget::Event),
        ]
    );
    // The people named most often come first, not merely the last named.
    let text = "Vell joined Kell. Vell thanked Dunn. The two leaders left.";
    let at = |n: &str, from: usize, entity| {
        let start = from + text[from..].find(n).unwrap();
        Mention {
            span: Span::new(start, start + n.len()),
            ..name(text, n, entity)
        }
    };
    let mentions = [
        at("Vell", 0, 0),
        at("Kell", 0, 1),
        at("Vell", 10, 0),
        at("Dunn", 0, 2),
    ];
    let targets: Vec<LabelTarget> = find(text, &sentence(text), &mentions)
        .into_iter()
        .map(|l| l.target)
        .collect();
    assert_eq!(
        targets,
        vec![LabelTarget::Entity(0), LabelTarget::Entity(2)]
    );
    let none = "Two reporters left early.";
    assert!(find(none, &sentence(none), &[]).is_empty());
    // "the two Koreas": a capitalised plural right after the count names places.
    let text = "Seoul and Pyongyang: the two Koreas met.";
    let mentions = [
        named(text, "Seoul", 0, EntityKind::Location),
        named(text, "Pyongyang", 1, EntityKind::Location),
    ];
    let labels = find(text, &sentence(text), &mentions);
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels.iter().all(|l| l.text == "the two Koreas"));
}

#[test]
fn people_named_by_what_they_are_form_a_group() {
    let text = "Police met desperate Central American migrants, supporters of the border \
                caravan and illegal immigrants; the workers union and Vell supporters stayed away.";
    let vell = name(text, "Vell", 0);
    let labels = find(text, &sentence(text), &[vell]);
    let groups = texts_for(&labels, LabelTarget::Group);
    // "workers union" is a union, not a group of workers; "Vell supporters" labels Vell.
    assert_eq!(
        groups,
        vec![
            "desperate Central American migrants",
            "supporters of the border caravan",
            "illegal immigrants"
        ]
    );
    assert!(
        labels.iter().all(|l| l.target != LabelTarget::Event),
        "{labels:?}"
    );
    assert!(labels
        .iter()
        .any(|l| l.text == "Vell supporters" && l.target == LabelTarget::Entity(0)));
    // Words that count or point are not part of the label.
    let text = "Pickets stood at the gates, where several dozen striking workers waited.";
    assert_eq!(label_texts(text), vec!["striking workers"]);
    // A verb before the noun is not a modifier; the same word after "the" is.
    let text = "Police detained migrants; the detained migrants waited.";
    assert_eq!(label_texts(text), vec!["migrants", "detained migrants"]);
    // After "to" or a modal, the word before the noun is a verb.
    let text = "Vell is due to meet union leaders and will brief port officials.";
    assert_eq!(label_texts(text), vec!["union leaders", "port officials"]);
}

#[test]
fn one_person_named_by_what_they_are_labels_like_a_group() {
    let text = "A Velmarsk-born harbour crane worker and the former agency chief met \
                three local businessmen and their closest ally.";
    let labels = find(text, &sentence(text), &[]);
    let groups = texts_for(&labels, LabelTarget::Group);
    assert_eq!(
        groups,
        vec![
            "Velmarsk-born harbour crane worker",
            "former agency chief",
            "local businessmen",
            "closest ally"
        ]
    );
    // What they are doing says who they are, up to the clause's own verb.
    let text =
        "Police met transgender women seeking asylum, and officials running the port agreed.";
    assert_eq!(
        label_texts(text),
        vec![
            "transgender women seeking asylum",
            "officials running the port"
        ]
    );
    // Bodies named by what they are label the same way; "power" alone says nothing.
    let text = "Ostria worked with its military spy agency and a hostile foreign power while \
                in power.";
    assert_eq!(
        label_texts(text),
        vec!["military spy agency", "hostile foreign power"]
    );
    // After a determiner or a number, a word in -s in the complement is a plural.
    let text = "They met representatives of the three unions.";
    assert_eq!(
        label_texts(text),
        vec!["representatives of the three unions"]
    );
    // "Members" says nothing alone, only with whose they are, even across a plural's apostrophe.
    let text =
        "The union put it to a ballot of its members, members of the Velmarsk Dockers' Union.";
    assert_eq!(
        label_texts(text),
        vec!["members of the Velmarsk Dockers' Union"]
    );
    // A person noun used as a modifier names something else.
    let text = "The board praised the worker housing plan of the member states.";
    let labels = find(text, &sentence(text), &[]);
    assert!(
        labels.iter().all(|l| l.target != LabelTarget::Group),
        "{labels:?}"
    );
}

#[test]
fn a_person_noun_after_a_name_acts_for_it() {
    let text = "Ostria's security chief and Velorian trade negotiators met.";
    let mut ostria = name(text, "Ostria's", 0);
    ostria.span.end -= 2;
    let velorian = named(text, "Velorian", 1, EntityKind::Group);
    let labels = find(text, &sentence(text), &[ostria, velorian]);
    assert_eq!(
        texts_and_targets(&labels),
        vec![
            ("Ostria's security chief", LabelTarget::Entity(0)),
            ("Velorian trade negotiators", LabelTarget::Entity(1)),
        ]
    );
}

#[test]
fn a_person_noun_right_before_a_name_labels_that_person() {
    let text = "Officials met the former Ostrian spy Piet Kell and a spokesman for Mr. Moon.";
    let ostrian = named(text, "Ostrian", 0, EntityKind::Group);
    let kell = name(text, "Piet Kell", 1);
    let mut moon = name(text, "Moon", 2);
    moon.role = Some("Mr.".to_string());
    let labels = find(text, &sentence(text), &[ostrian, kell, moon]);
    let texts = texts_and_targets(&labels);
    assert!(
        texts.contains(&("former Ostrian spy", LabelTarget::Entity(1))),
        "{texts:?}"
    );
    // Not the country's: the title is the person's.
    assert!(
        !texts.iter().any(|(_, t)| *t == LabelTarget::Entity(0)),
        "{texts:?}"
    );
    // Whom someone works for, when it is a name, stays with the group even around the name's
    // own label.
    assert!(
        texts.contains(&("Mr.", LabelTarget::Entity(2))),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("spokesman for Mr. Moon", LabelTarget::Group)),
        "{texts:?}"
    );
}

#[test]
fn words_between_a_determiner_and_a_name_describe_it() {
    let text = "Crews feared an unwelcoming Velmarsk, then the so-called Kell memos and the \
                harbour police reached Ostria.";
    let mentions = [
        named(text, "Velmarsk", 0, EntityKind::Location),
        name(text, "Kell", 1),
        named(text, "Ostria", 2, EntityKind::Location),
    ];
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    assert!(
        texts.contains(&("unwelcoming Velmarsk", LabelTarget::Entity(0))),
        "{texts:?}"
    );
    // A name that modifies a noun after it is not described; a verb before a name is no
    // description.
    assert!(!texts.iter().any(|(t, _)| t.contains("Kell")), "{texts:?}");
    assert!(
        !texts.iter().any(|(t, _)| t.contains("Ostria")),
        "{texts:?}"
    );
}

#[test]
fn the_verb_that_acts_on_an_event_comes_with_it() {
    let text = "Vell nixed a February visit, Kell called off the summit and both sides held \
                talks.";
    let labels = label_texts(text);
    assert_lists(
        &labels,
        &["nixed a February visit", "called off the summit"],
    );
    // A light verb says nothing of the event, nor is a word of quantity a verb.
    assert_lists(&labels, &["talks"]);
    let labels = label_texts("Kell wants at least a truce.");
    assert_eq!(labels, vec!["truce"]);
    // A modal or a light verb repeated is no thing the article turns on.
    let labels = label_texts("Crews cannot make it. Vell cannot make it. Kell cannot make it.");
    assert!(labels.is_empty(), "{labels:?}");
}

#[test]
fn the_things_an_article_turns_on_are_found_by_recurrence() {
    let text = "The suit names the mayor. Clerks filed the amended suit on a calm day. \
                The weather was calm. A judge read the suits and a long report, and \
                rival suits followed.";
    let labels: Vec<(String, LabelTarget)> = find(text, &sentence(text), &[])
        .into_iter()
        .map(|l| (l.text, l.target))
        .collect();
    // "suit" stands after a determiner three times, plurals included, and then labels without
    // one too; "report" stands so once, "mayor" is a role and "day" too general. The verb that
    // acts on the suit comes with it.
    assert_eq!(
        labels,
        vec![
            ("suit".to_string(), LabelTarget::Event),
            ("filed the amended suit".to_string(), LabelTarget::Event),
            ("read the suits".to_string(), LabelTarget::Event),
            ("rival suits".to_string(), LabelTarget::Event),
        ]
    );
    // A word repeated three times wherever it stands is a key thing too; one repeated twice is
    // not.
    let text = "Crews want safe shifts, as night shifts were long. Managers asked for shorter \
                shifts. A long report came, and a second report.";
    assert_eq!(
        label_texts(text),
        vec!["safe shifts", "night shifts", "asked for shorter shifts"]
    );
    // Twice is enough after a determiner; a thing that describes a named entity labels that
    // entity.
    let text = "The Harbour Pilots Guild met. The guild sent a memo. Clerks read the memo and \
                the guild replied.";
    let guild = |at: usize, len: usize, form: MentionForm| Mention {
        span: Span::new(at, at + len),
        text: text[at..at + len].to_string(),
        kind: EntityKind::Organization,
        form,
        entity: 0,
        role: None,
    };
    let mentions = [
        guild(0, "The Harbour Pilots Guild".len(), MentionForm::Name),
        guild(text.find("The guild").unwrap(), 9, MentionForm::Description),
        guild(text.find("the guild").unwrap(), 9, MentionForm::Description),
    ];
    let labels = find(text, &sentence(text), &mentions);
    assert_eq!(
        texts_and_targets(&labels),
        vec![
            ("guild", LabelTarget::Entity(0)),
            ("sent a memo", LabelTarget::Event),
            ("read the memo", LabelTarget::Event),
            ("guild", LabelTarget::Entity(0)),
        ]
    );
}

#[test]
fn a_role_may_open_an_apposition_bare() {
    let text = "Ruth Anker, director of the harbour board, joined Piet Daalman, chief of staff, \
                and Omar Kell, harbour pilots, on Monday.";
    let mentions = [
        name(text, "Ruth Anker", 0),
        name(text, "Piet Daalman", 1),
        name(text, "Omar Kell", 2),
    ];
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    // A phrase opening with a word that names no role is not read as one.
    assert_eq!(
        texts,
        vec![
            ("director of the harbour board", LabelTarget::Entity(0)),
            ("chief of staff", LabelTarget::Entity(1)),
        ]
    );
}

#[test]
fn a_description_keeps_whom_the_person_serves() {
    let text = "The director of the Velden Port Authority spoke, and the mayor of a small town \
                listened.";
    let description = |part: &str, entity| Mention {
        form: MentionForm::Description,
        ..name(text, part, entity)
    };
    let mentions = [description("The director", 0), description("the mayor", 1)];
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    // A complement that names nobody stays out.
    assert_eq!(
        texts,
        vec![
            (
                "The director of the Velden Port Authority",
                LabelTarget::Entity(0)
            ),
            ("the mayor", LabelTarget::Entity(1)),
        ]
    );
}

#[test]
fn a_complement_ends_where_a_lower_case_word_follows_a_name() {
    let text = "The summit with Brask's premier Omar Kell drew crowds, as talks with Ostrian \
                leader Vell drew protests against the withdrawal of Ostrian troops.";
    let texts = label_texts(text);
    // A possessive or an adjective of a people leads on to its noun, whatever its ending; a
    // full name does not, and the verb after it modifies nothing. The event named inside
    // another event's label is no label of its own.
    assert_eq!(
        texts,
        vec![
            "summit with Brask's premier Omar Kell",
            "talks with Ostrian leader Vell",
            "protests against the withdrawal of Ostrian troops"
        ]
    );
}

#[test]
fn an_intent_keeps_what_the_event_is_to_do() {
    let text = "Vell accepted the invitation to meet the union leaders on Monday, and a plan to \
                Ostria was dropped.";
    let texts = label_texts(text);
    // The clause stops before "on Monday"; "to Ostria" is a place, not something to do.
    assert!(
        texts.contains(&"accepted the invitation to meet the union leaders".to_string()),
        "{texts:?}"
    );
    assert!(texts.contains(&"plan".to_string()), "{texts:?}");
    // Plurals of the nouns of intent too.
    let text = "Ostria joined international efforts to halt the tests altogether.";
    assert_eq!(
        label_texts(text),
        vec!["joined international efforts to halt the tests altogether"]
    );
}

#[test]
fn what_actors_do_to_whom_is_a_label_of_the_event() {
    let text = "Vell secretly met with Ostrian leader Omar Kell, then visited Brask and talked \
                about trade.";
    // "talked about trade" names nobody, so it is no label.
    assert_eq!(
        label_texts(text),
        vec![
            "secretly met with Ostrian leader Omar Kell",
            "visited Brask"
        ]
    );
}

#[test]
fn a_description_set_before_a_name_labels_it() {
    let text = "The port director of Ostria, Teodor Valk, was warned by Brask\u{2019}s mayor, \
                Ruth Anker, and the council heard Piet Daalman, Omar Kell and the clerk.";
    let mentions = [
        name(text, "Teodor Valk", 0),
        name(text, "Ruth Anker", 1),
        name(text, "Omar Kell", 2),
    ];
    let texts: Vec<(String, LabelTarget)> = find(text, &sentence(text), &mentions)
        .into_iter()
        .map(|l| (l.text, l.target))
        .collect();
    assert!(
        texts.contains(&("The port director of Ostria".into(), LabelTarget::Entity(0))),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("Brask\u{2019}s mayor".into(), LabelTarget::Entity(1))),
        "{texts:?}"
    );
    // A list of names is no description: "Piet Daalman" does not label Omar Kell.
    assert!(
        !texts.iter().any(|(_, t)| *t == LabelTarget::Entity(2)),
        "{texts:?}"
    );
}

#[test]
fn a_capitalised_month_is_no_march() {
    let labels =
        label_texts("The crews went on strike in March, and the march to the port drew crowds.");
    assert!(!labels.iter().any(|l| l == "March"), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("march")), "{labels:?}");
}

#[test]
fn a_pair_of_words_that_recurs_names_a_key_thing() {
    let text = "Officials said he shared sealed tenders. He said that he never shared sealed \
                tenders, and the board said that he kept sealed tenders at home. Auditors \
                found tenders in his car.";
    let labels = label_texts(text);
    assert_lists(&labels, &["sealed tenders"]);
    // The noun is known now, with no modifier too.
    assert_lists(&labels, &["tenders"]);
    // "that he" three times makes no key thing of a pronoun.
    assert!(
        !labels.iter().any(|l| l.contains("he ") || l == "he"),
        "{labels:?}"
    );
}

#[test]
fn the_verb_acting_on_a_key_thing_comes_with_it() {
    let text = "The navy tested a cruise missile on Monday. The cruise missile flew far. \
                Analysts said the cruise missile was new, and the navy kept developing cruise \
                missiles near the coast. Critics want to shut down the cruise missile \
                for good.";
    let labels = label_texts(text);
    assert_lists(
        &labels,
        &[
            "tested a cruise missile",
            "developing cruise missiles",
            "shut down the cruise missile",
        ],
    );
    // A preposition or a plural is no verb.
    assert!(!labels.iter().any(|l| l.starts_with("near")), "{labels:?}");
    assert!(!labels.iter().any(|l| l.starts_with("said")), "{labels:?}");
    // A verb in -s is told from a plural by the particle after it, but not by "for".
    let text = "The navy gives up its cruise missile, and plans for the cruise missile stalled \
                as the cruise missile rusted.";
    let labels = label_texts(text);
    assert_lists(&labels, &["gives up its cruise missile"]);
    assert!(
        !labels.iter().any(|l| l.starts_with("plans for")),
        "{labels:?}"
    );
}

#[test]
fn the_name_inside_an_apposition_counts_as_one_word() {
    let text = "Ruth Anker, director of the Centre for Coastal and Inland Waterway Safety \
                Studies at the Brask Institute of Marine Engineering, spoke.";
    let mentions = [name(text, "Ruth Anker", 0)];
    let labels = find(text, &sentence(text), &mentions);
    assert_eq!(
        texts_and_targets(&labels),
        vec![(
            "director of the Centre for Coastal and Inland Waterway Safety Studies at the Brask \
             Institute of Marine Engineering",
            LabelTarget::Entity(0)
        )]
    );
    // Thirteen plain words are still too many for an apposition.
    let text = "Ruth Anker, a tired old engineer from the far north of the little dry river \
                valley, spoke.";
    let mentions = [name(text, "Ruth Anker", 0)];
    assert!(find(text, &sentence(text), &mentions)
        .iter()
        .all(|l| l.target != LabelTarget::Entity(0)));
}

#[test]
fn an_event_complement_may_say_from_whom_and_follow_a_participle() {
    let labels = label_texts(
        "Crews spoke of the announcement from Teodor Valk. The summit planned between Ruth \
         Anker and Omar Kell was delayed, and talks about Brask stalled.",
    );
    assert_lists(
        &labels,
        &[
            "announcement from Teodor Valk",
            "summit planned between Ruth Anker and Omar Kell",
            "talks about Brask",
        ],
    );
}

#[test]
fn words_of_time_or_standing_stay_with_a_title() {
    let text =
        "A former Ostrian spy met newly-minted Governor Ana Vell in \u{201c}ex-Brask\u{201d} \
                territory, and police met Ostrian officials.";
    let ostrian = named(text, "Ostrian", 0, EntityKind::Group);
    let mut vell = name(text, "Ana Vell", 1);
    vell.role = Some("Governor".into());
    let mut others = name(text, "Ostrian officials", 0);
    others.span.end = others.span.start + "Ostrian".len();
    others.text = "Ostrian".into();
    others.kind = EntityKind::Group;
    let labels = find(text, &sentence(text), &[ostrian, vell, others]);
    let texts = texts_and_targets(&labels);
    assert!(
        texts.contains(&("former Ostrian spy", LabelTarget::Entity(0))),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("newly-minted Governor", LabelTarget::Entity(1))),
        "{texts:?}"
    );
    // "met" is a verb, not a word of standing.
    assert!(
        texts.contains(&("Ostrian officials", LabelTarget::Entity(0))),
        "{texts:?}"
    );
}

#[test]
fn a_place_before_a_title_and_a_possessive_after_those_acting_belong_to_the_label() {
    let text = "Ostria leader Ana Vell met Brask's leaders and criticised the Ostrian regime's \
                use of force.";
    let ostria = named(text, "Ostria", 0, EntityKind::Location);
    let mut vell = name(text, "Ana Vell", 1);
    vell.role = Some("leader".into());
    let brask = named(text, "Brask", 2, EntityKind::Location);
    let ostrian = named(text, "Ostrian", 0, EntityKind::Group);
    let labels = find(text, &sentence(text), &[ostria, vell, brask, ostrian]);
    let texts = texts_and_targets(&labels);
    for expected in [
        ("Ostria leader", LabelTarget::Entity(1)),
        ("Brask's leaders", LabelTarget::Entity(2)),
        ("Ostrian regime", LabelTarget::Entity(0)),
    ] {
        assert!(texts.contains(&expected), "{expected:?}: {texts:?}");
    }
}

#[test]
fn scare_quotes_inside_an_outlets_sentence_are_labels() {
    let first = "Vell called the levy \u{201c}daylight robbery\u{201d} and the harbour board\u{2019}s \
                 scheme \u{201c}a gift to smugglers,\u{201d} while the union said: \"We will not pay \
                 a single crown of it.\"";
    let text = format!("{first}\n\n\"Never,\" Anker said.");
    let sentences = crate::sentences::split(&text);
    let quotes = crate::quotes::find(&text, &sentences, &[], &[]);
    let labels: Vec<String> = find_with_quotes(&text, &sentences, &[], &quotes)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert_lists(&labels, &["daylight robbery", "a gift to smugglers"]);
    // What someone is quoted as saying in full is a quote, not a label; an apostrophe is no
    // quotation mark.
    assert!(!labels.iter().any(|l| l.contains("pay")), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("scheme")), "{labels:?}");
    // Without the quotations, no label comes from quotation marks.
    let bare: Vec<String> = find(&text, &sentences, &[])
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(!bare.iter().any(|l| l == "daylight robbery"), "{bare:?}");
}

#[test]
fn what_a_sentence_says_a_name_is_labels_it() {
    let text = "Ruth Anker was the first foreign minister to visit the dam, and Brask is our \
                closest ally. Containing Ostria was the key to peace. Vell is expected to go.";
    let brask = named(text, "Brask", 1, EntityKind::Location);
    let ostria = named(text, "Ostria", 2, EntityKind::Location);
    let mentions = [
        name(text, "Ruth Anker", 0),
        brask,
        ostria,
        name(text, "Vell", 3),
    ];
    let second = text.find("Containing").unwrap();
    let third = text.find("Vell is").unwrap();
    let sentences = [
        Span::new(0, second - 1),
        Span::new(second, third - 1),
        Span::new(third, text.len()),
    ];
    let labels = find(text, &sentences, &mentions);
    let texts = texts_and_targets(&labels);
    assert!(
        texts.contains(&(
            "the first foreign minister to visit the dam",
            LabelTarget::Entity(0)
        )),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("our closest ally", LabelTarget::Entity(1))),
        "{texts:?}"
    );
    // The object of a verb, and a copula without a noun phrase, give no label.
    for entity in [2, 3] {
        assert!(
            !texts.iter().any(|(_, t)| *t == LabelTarget::Entity(entity)),
            "{texts:?}"
        );
    }
}

#[test]
fn a_relative_clause_may_say_what_a_name_is() {
    let text = "Teodor Valk, who is awaiting confirmation as port director, met Ruth Anker, who \
                has emerged as Brask's most trusted ally, and Omar Kell, who said little.";
    let mentions = [
        name(text, "Teodor Valk", 0),
        name(text, "Ruth Anker", 1),
        name(text, "Omar Kell", 2),
    ];
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    assert!(
        texts.contains(&(
            "awaiting confirmation as port director",
            LabelTarget::Entity(0)
        )),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("Brask's most trusted ally", LabelTarget::Entity(1))),
        "{texts:?}"
    );
    // A clause of saying is no description.
    assert!(
        !texts.iter().any(|(_, t)| *t == LabelTarget::Entity(2)),
        "{texts:?}"
    );
}

#[test]
fn words_that_count_or_qualify_an_event_come_with_it() {
    let labels = label_texts(
        "After two days of talks and another inquiry, the union spoke of such an agreement. \
         Crews held 3 protests.",
    );
    assert_lists(
        &labels,
        &[
            "two days of talks",
            "another inquiry",
            "such an agreement",
            "3 protests",
        ],
    );
}

#[test]
fn a_nation_named_by_a_common_noun_is_the_one_named_last() {
    let text = "Vell visited France and then Kazakhstan. Critics said that nation was isolated, \
                and his impoverished country's exports fell. The country club was closed.";
    let france = named(text, "France", 1, EntityKind::Location);
    let kazakhstan = named(text, "Kazakhstan", 2, EntityKind::Location);
    let mentions = [name(text, "Vell", 0), france, kazakhstan];
    let labels = find(text, &sentence(text), &mentions);
    let texts = texts_and_targets(&labels);
    assert!(
        texts.contains(&("that nation", LabelTarget::Entity(2))),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("his impoverished country", LabelTarget::Entity(2))),
        "{texts:?}"
    );
    // "country club" names something else.
    assert!(!texts.iter().any(|(t, _)| t.contains("club")), "{texts:?}");
}

#[test]
fn the_verb_whose_aim_an_event_is_comes_with_it() {
    let labels = label_texts(
        "Vell is expected to meet with Omar Kell, and Anker plans to meet Teodor Valk. Crews \
         went home to meet Kell.",
    );
    assert!(
        labels
            .iter()
            .any(|l| l == "expected to meet with Omar Kell"),
        "{labels:?}"
    );
    assert_lists(&labels, &["plans to meet Teodor Valk"]);
    // "home" is no verb of aim; a word that cannot be a verb stays out.
    assert_lists(&labels, &["meet Kell"]);
}

#[test]
fn what_a_name_is_written_after_it_labels_it() {
    let text = "The Brask Courier newspaper reported that the Ostria Watch group left.";
    let courier = named(text, "Brask Courier", 0, EntityKind::Organization);
    let watch = named(text, "Ostria Watch", 1, EntityKind::Organization);
    let labels = find(text, &sentence(text), &[courier, watch]);
    let texts = texts_and_targets(&labels);
    assert!(
        texts.contains(&("Brask Courier newspaper", LabelTarget::Entity(0))),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("Ostria Watch group", LabelTarget::Entity(1))),
        "{texts:?}"
    );
}
