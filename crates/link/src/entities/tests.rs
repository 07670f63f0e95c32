use super::*;
use triangulate_model::DocId;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: DocId(id.into()),
        origin: id.into(),
        url: None,
        canonical_url: None,
        title: None,
        outlet: None,
        authors: vec![],
        published: None,
        modified: None,
        language: None,
        reprint: None,
        text: text.into(),
        blocks: vec![],
    }
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
