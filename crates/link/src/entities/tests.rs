use super::*;
use triangulate_model::DocId;

fn article(id: &str, text: &str) -> Article {
    Article::new(DocId(id.into()), id, text)
}

fn entity_named<'a>(r: &'a Resolution, alias: &str) -> Vec<&'a Entity> {
    r.entities
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a.text == alias))
        .collect()
}

fn resolve_texts(texts: &[&str]) -> Resolution {
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("d{i}"), t))
        .collect();
    let analyses: Vec<Analysis> = articles.iter().map(triangulate_analyze::analyze).collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    resolve(&pairs)
}

#[test]
fn romanisations_merge_across_documents() {
    let r = resolve_texts(&[
        "President Nursat Qadyrov met Mayor Ilse Brandt in Velden. Qadyrov said the talks went well.",
        "Visiting leader Nursat Kadyrov spoke on Monday. Kadyrov praised Brandt.",
        "Kadyrow told reporters he would return.",
    ]);
    let q = entity_named(&r, "Nursat Qadyrov");
    let k = entity_named(&r, "Nursat Kadyrov");
    assert_eq!(q.len(), 1);
    assert_eq!(q, k);
    assert_eq!(q[0].kind, EntityKind::Person);
    assert!(q[0].aliases.iter().any(|a| a.text == "Kadyrow"));
    assert_eq!(entity_named(&r, "Brandt").len(), 1);
    assert_ne!(entity_named(&r, "Brandt")[0].id, q[0].id);
}

#[test]
fn shared_surname_of_two_people_merges_with_neither() {
    let r = resolve_texts(&[
        "Senator Anna Rolfe met her brother, Governor Piet Rolfe.",
        "Rolfe said nothing after the meeting.",
    ]);
    let anna = entity_named(&r, "Anna Rolfe");
    let piet = entity_named(&r, "Piet Rolfe");
    assert_eq!(anna.len(), 1);
    assert_ne!(anna, piet);
    let bare = entity_named(&r, "Rolfe");
    assert!(bare
        .iter()
        .all(|e| e.id != anna[0].id && e.id != piet[0].id));
}

#[test]
fn ids_follow_first_appearance_and_map_covers_every_local_entity() {
    let texts = [
        "Mayor Ilse Brandt opened the Velden Harbour Authority office.",
        "The Velden Harbour Authority thanked Brandt.",
    ];
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("d{i}"), t))
        .collect();
    let analyses: Vec<Analysis> = articles.iter().map(triangulate_analyze::analyze).collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    let r = resolve(&pairs);
    for (d, analysis) in analyses.iter().enumerate() {
        for l in 0..analysis.entities.len() {
            assert!(r.map.contains_key(&(d, l)), "local entity {d}/{l} unmapped");
        }
    }
    assert_eq!(
        r.entities.first().map(|e| e.name.as_str()),
        Some("Ilse Brandt")
    );
    assert_eq!(r.entities.first().map(|e| e.id.as_str()), Some("e1"));
    let authority = entity_named(&r, "Velden Harbour Authority");
    assert_eq!(authority.len(), 1);
    assert_eq!(authority[0].kind, EntityKind::Organization);
    assert_eq!(
        authority[0].aliases.iter().map(|a| a.count).sum::<usize>(),
        2
    );
}

#[test]
fn middle_initials_and_ukrainian_russian_spellings_merge() {
    let r = resolve_texts(&[
        "Port director Oleksandr Hrytsenko said the quay was closed. Martin R. Dobrev agreed.",
        "Aleksandr Gritsenko, the port director, spoke on Monday. Martin Dobrev left early.",
        "Hrytsenko said he would stay.",
    ]);
    let o = entity_named(&r, "Oleksandr Hrytsenko");
    assert_eq!(o.len(), 1);
    assert!(o[0].aliases.iter().any(|a| a.text == "Hrytsenko"));
    let d = entity_named(&r, "Martin R. Dobrev");
    assert_eq!(d.len(), 1);
    assert_eq!(d, entity_named(&r, "Martin Dobrev"));
    assert_ne!(d[0].id, o[0].id);
}

#[test]
fn a_titled_surname_goes_to_the_person_holding_the_title() {
    let r = resolve_texts(&[
        "President Tomas Vrana arrived in Velden with his wife, Petra Vrana, on Sunday.",
        "President Vrana told Mayor Ilse Brandt that the deal would hold. Vrana smiled.",
        "Tomas Vrana and Brandt met again on Tuesday. Vrana left.",
    ]);
    let tomas = entity_named(&r, "Tomas Vrana");
    let petra = entity_named(&r, "Petra Vrana");
    assert_eq!(tomas.len(), 1);
    assert_eq!(petra.len(), 1);
    assert_ne!(tomas, petra);
    // The second document names only "President Vrana".
    let doc1 = tomas[0].mentions.iter().filter(|m| m.doc.0 == "d1").count();
    assert!(doc1 >= 2, "{:?}", tomas[0].aliases);
    assert!(petra[0].mentions.iter().all(|m| m.doc.0 == "d0"));
}

#[test]
fn family_name_first_matches_its_first_word() {
    let r = resolve_texts(&[
        "Leader Pak Sung-chol met envoys in the capital on Monday.",
        "Mr. Pak said talks would continue.",
    ]);
    let full = entity_named(&r, "Pak Sung-chol");
    assert_eq!(full.len(), 1);
    assert!(full[0].aliases.iter().any(|a| a.text == "Pak"));
}

#[test]
fn seed_romanisations_of_one_president_resolve_to_one_entity() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut texts: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let r = resolve_texts(&refs);
    let forms = [
        "Kassym-Jomart Tokayev",
        "Kasim-Zhomart Tokaev",
        "Qasym-Zhomart Toqaev",
    ];
    let found: Vec<Vec<&Entity>> = forms.iter().map(|f| entity_named(&r, f)).collect();
    if found.iter().any(Vec::is_empty) {
        // The seeds changed; nothing to compare.
        return;
    }
    assert!(found
        .iter()
        .all(|f| f.len() == 1 && f[0].id == found[0][0].id));
    assert_ne!(
        entity_named(&r, "Olaf Scholz").first().map(|e| &e.id),
        Some(&found[0][0].id)
    );
}

#[test]
fn an_outlet_naming_itself_is_no_story_entity() {
    let mut own = article(
        "d0",
        "TARNOW (Harbour Courier) - Mayor Ilse Brandt told Harbour Courier the ferry would run.",
    );
    own.outlet = Some("Harbour Courier".into());
    let other = article(
        "d1",
        "Mayor Ilse Brandt said on Harbour Courier that the ferry would run.",
    );
    let articles = [own, other];
    let analyses: Vec<Analysis> = articles.iter().map(triangulate_analyze::analyze).collect();
    let pairs: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    let r = resolve(&pairs);
    assert_eq!(entity_named(&r, "Ilse Brandt").len(), 1);
    // Named by another outlet, it stays; only its own mentions are dropped.
    let courier = entity_named(&r, "Harbour Courier");
    assert_eq!(courier.len(), 1);
    assert!(courier[0]
        .aliases
        .iter()
        .all(|a| a.docs.iter().all(|d| d.0 == "d1")));
}
