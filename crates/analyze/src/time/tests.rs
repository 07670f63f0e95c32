use super::*;

fn one(text: &str, anchor: &str) -> Vec<(String, String)> {
    let sentences = crate::sentences::split(text);
    find(text, &sentences, Anchor::parse(anchor))
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

#[test]
fn placeholder_compiles() {
    assert_eq!(
        one("It rained yesterday.", "2024-09-17"),
        vec![("yesterday".to_string(), "2024-09-16".to_string())]
    );
}
