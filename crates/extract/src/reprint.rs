//! Reprint and wire notices: "This article was originally published by X and is reprinted with
//! permission." Such a line names the outlet that first published the text; it is metadata, not
//! part of the story.

use std::sync::OnceLock;

use regex::Regex;
use triangulate_model::Reprint;

fn notice_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)^\W*(?:
                (?:this\s+(?:article|story|piece|report)\s+)?(?:was\s+)?(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)\s+(?P<a>.+?)
                (?:\s+(?:and|,)\s+(?:is\s+)?(?:re(?:printed|published|posted)|shared|used).*|\s+on\s+.*|\.)?
              | (?:re(?:printed|published|posted))\s+(?:with\s+permission\s+)?(?:from|by)\s+(?P<b>.+?)(?:\s+with\s+permission.*|\.)?
            )\W*$",
        )
        .expect("static regex")
    })
}

/// Recognises a reprint notice: the whole block must be the notice, so that a sentence of the
/// story that merely mentions another outlet is never taken for one.
pub fn notice(block: &str) -> Option<Reprint> {
    let trimmed = block.trim();
    if trimmed.len() > 300 {
        return None;
    }
    let caps = notice_regex().captures(trimmed)?;
    let outlet = caps.name("a").or_else(|| caps.name("b"))?.as_str();
    let outlet = outlet.trim().trim_end_matches(['.', ',']).trim();
    if outlet.is_empty() || outlet.split_whitespace().count() > 8 {
        return None;
    }
    Some(Reprint {
        original_outlet: outlet.to_string(),
        evidence: trimmed.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprint_notice_names_the_origin() {
        let r = notice("This article was originally published by The Harbour Gazette and is reprinted with permission.")
            .expect("notice");
        assert_eq!(r.original_outlet, "The Harbour Gazette");
        let r = notice("Republished with permission from Valley Wire.").expect("notice");
        assert_eq!(r.original_outlet, "Valley Wire");
    }

    #[test]
    fn story_sentences_are_not_notices() {
        assert!(notice("The mayor said the plan was originally published by the council in a long report that nobody read, and critics say it shows.").is_none());
        assert!(notice("The Harbour Gazette writes that the bridge will close.").is_none());
    }
}
