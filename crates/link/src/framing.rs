//! The framing table: the labels each outlet attaches to the story's entities and to the event,
//! with the sentence each comes from, plus the roles and titles outlets give to people.

use triangulate_model::{Evidence, FramingLabel, LabelTarget};

use crate::StoryContext;

pub fn collect(context: &StoryContext) -> Vec<FramingLabel> {
    let mut out: Vec<FramingLabel> = Vec::new();
    for (d, (article, analysis)) in context.docs.iter().enumerate() {
        let sentence_of = |span: triangulate_model::Span| {
            analysis
                .sentences
                .iter()
                .find(|s| s.contains(span))
                .map(|s| article.text[s.start..s.end].to_string())
                .unwrap_or_default()
        };
        for label in &analysis.labels {
            let entity = match label.target {
                LabelTarget::Entity(local) => context.entity(d, local),
                LabelTarget::Event | LabelTarget::Group => None,
            };
            let entity = entity.map(|e| &context.resolution.entities[e]);
            // A group without a name is shown under its head noun: "migrants" for "illegal
            // migrants", "supporters" for "supporters of the caravan".
            let group = (label.target == LabelTarget::Group).then(|| {
                let phrase = label.text.split(" of ").next().unwrap_or_default();
                phrase.rsplit(' ').next().unwrap_or_default().to_lowercase()
            });
            let item = FramingLabel {
                doc: article.id.clone(),
                outlet: article.outlet.clone(),
                entity: entity.map(|e| e.id.clone()),
                entity_name: entity.map(|e| e.name.clone()).or(group),
                label: label.text.clone(),
                evidence: Evidence {
                    doc: article.id.clone(),
                    span: label.span,
                },
                sentence: sentence_of(label.span),
            };
            let repeated = out.iter().any(|o| {
                o.doc == item.doc
                    && o.entity == item.entity
                    && o.label.eq_ignore_ascii_case(&item.label)
            });
            if !repeated {
                out.push(item);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use triangulate_model::{Article, DocId};

    #[test]
    fn groups_without_a_name_are_shown_under_their_noun() {
        let texts = [
            (
                "a",
                "Harbour police turned back desperate migrants at the quay.",
            ),
            (
                "b",
                "Harbour police turned back illegal migrants at the quay.",
            ),
            ("c", "Harbour police turned back supporters of the caravan."),
        ];
        let docs: Vec<(Article, triangulate_model::Analysis)> = texts
            .iter()
            .map(|(id, text)| {
                let article = Article {
                    outlet: Some(id.to_string()),
                    ..Article::new(DocId(id.to_string()), *id, *text)
                };
                let analysis = triangulate_analyze::analyze(&article);
                (article, analysis)
            })
            .collect();
        let pairs: Vec<_> = docs.iter().map(|(a, b)| (a, b)).collect();
        let resolution = crate::entities::resolve(&pairs);
        let context = StoryContext {
            docs: &pairs,
            resolution: &resolution,
            quotes: &[],
        };
        let framing = collect(&context);
        let labels: Vec<(&str, Option<&str>, &str)> = framing
            .iter()
            .filter(|l| l.entity.is_none())
            .map(|l| (l.doc.0.as_str(), l.entity_name.as_deref(), l.label.as_str()))
            .collect();
        // One row for the group across outlets, each outlet's own words in it.
        assert_eq!(
            labels,
            vec![
                ("a", Some("migrants"), "desperate migrants"),
                ("b", Some("migrants"), "illegal migrants"),
                ("c", Some("supporters"), "supporters of the caravan")
            ]
        );
    }
}
