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
                LabelTarget::Event => None,
            };
            let entity = entity.map(|e| &context.resolution.entities[e]);
            let item = FramingLabel {
                doc: article.id.clone(),
                outlet: article.outlet.clone(),
                entity: entity.map(|e| e.id.clone()),
                entity_name: entity.map(|e| e.name.clone()),
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
