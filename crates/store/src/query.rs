//! Search queries: what the user typed becomes a list of words that must all occur, the same
//! way for every store, so that punctuation or stray quotes never become query syntax.

/// The lowercased words of a query. Single letters are dropped when longer words remain, so
/// that the `s` of a possessive ("Brandvik's") or a stray initial does not have to match.
pub(crate) fn terms(query: &str) -> Vec<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.iter().all(|word| word.chars().count() == 1) {
        return words;
    }
    words
        .into_iter()
        .filter(|word| word.chars().count() > 1)
        .collect()
}

/// An FTS5 expression requiring every term, each quoted so that no word is read as an operator
/// (`AND`, `NEAR`) or a column filter.
pub(crate) fn fts_expression(terms: &[String]) -> String {
    terms
        .iter()
        .map(|term| format!("\"{term}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_operators_are_plain_words() {
        let words = terms("Brandvik's \"bridge\" OR title:NEAR(");
        assert_eq!(words, ["brandvik", "bridge", "or", "title", "near"]);
        assert_eq!(fts_expression(&words[..2]), "\"brandvik\" \"bridge\"");
        assert_eq!(terms("J K"), ["j", "k"]);
    }
}
