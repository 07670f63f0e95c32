//! What page furniture looks like: element names, class and id words, and short texts that mark
//! navigation, share widgets, newsletter boxes, teasers and the like.

use std::sync::OnceLock;

use regex::Regex;

/// Elements whose whole subtree is never article text.
pub fn skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "canvas"
            | "nav"
            | "footer"
            | "aside"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "figure"
            | "figcaption"
            | "picture"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "head"
            | "title"
            | "menu"
            | "dialog"
            | "label"
            | "map"
            | "math"
    )
}

fn negative_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)(?:^|[\s_-])(?:
                comments?|comment-?list|disqus|respond|reply
              | share|sharing|social|sharebar|share-?tools|addthis|sociable
              | related|recommend(?:ed|ations)?|more-?(?:stories|news|from|articles)|read-?more|also-?read|read-?next|up-?next|next-?up
              | newsletter|subscribe|subscription|signup|sign-up|optin|mailing
              | promo|promotion|sponsor(?:ed)?|advert(?:isement)?|ad-?slot|ad-?container|ad-?wrapper|ad-?unit|adsense|dfp|gpt-ad|taboola|outbrain|partner
              | cookie|consent|gdpr|banner|popup|modal|overlay
              | breadcrumbs?|sidebar|side-?bar|widget|toolbar|masthead|navbar|nav|menu|pagination|pager
              | footer|site-?header|top-?bar|header
              | caption|credit|photo-?credit|image-?credit|wp-caption|figure
              | byline|author|authors|author-?bio|bio|contributor|dateline|timestamp|post-?meta|article-?meta|entry-?meta
              | tag-?list|tag-?cloud
              | trending|popular|most-?(?:read|popular|viewed)|top-?stories|teaser|rail|carousel|slider|gallery
              | skip|sr-only|screen-?reader|visually-?hidden|offscreen
              | disclaimer|copyright|poll|quiz|player|podcast
            )(?:$|[\s_-])",
        )
        .expect("static regex")
    })
}

fn positive_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)article-?body|articlebody|story-?body|entry-?content|post-?content|post-?body|article-?content|article-?text|story-?content|body-?text|main-?content|rich-?text|content-?body|paywall-?content|twitter-tweet|(?:social|media|tweet|twitter)-?(?:media-)?embed|embed-?(?:twitter|tweet|social)",
        )
        .expect("static regex")
    })
}

/// Whether an element's class/id words mark it as furniture. Words that name the article body
/// ("article-body", "entry-content") win over furniture words on the same element.
pub fn negative_attrs(class_and_id: &str) -> bool {
    if class_and_id.is_empty() || positive_regex().is_match(class_and_id) {
        return false;
    }
    negative_regex().is_match(class_and_id) || negative_token_regex().is_match(class_and_id)
}

/// Words that mark furniture only as a whole class token: as prefixes they name harmless
/// variants ("hidden-xs" hides on phones only; "category-sports" tags a whole post).
fn negative_token_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:^|\s)(?:tags?|topics|keywords|categories|category|hidden|hide|print|email|info|meta|date|video|audio|embed|rating|legal|bio)(?:$|\s)",
        )
        .expect("static regex")
    })
}

fn furniture_line_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)^\W*(?:
                advertisement|advertising|sponsored(?:\s+content)?|ad
              | skip\s+to\s+(?:main\s+)?content|skip\s+to\s+navigation|edit\s+post
              | share(?:\s+(?:this|on\s+\w+|via\s+\w+|article|story))?|tweet|email|print|copy\s+link|comments?
              | read\s+more|read\s+next|see\s+also|related(?:\s+(?:articles?|stories|content|news))?|more\s+news|more\s+stories|editors?[’']?\s*picks?
              | subscribe(?:\s+now|\s+to\s+.{1,60})?|sign\s+up|log\s*in|sign\s+in|register|\*?\s*indicates\s+required
              | enter\s+your\s+email.*|please,?\s+enter\s+(?:a\s+)?(?:correct|valid)\s+email(?:\s+address)?
              | success(?:fully|fuly)\s+subscribed.*|thank\s+you\s+for\s+(?:signing\s+up|subscribing).*
              | this\s+audio\s+is\s+(?:created|generated)\s+with\s+ai(?:\s+assistance)?
              | listen\s+to\s+(?:this\s+)?(?:article|story)(?:\s+\d+\s+min)?|\d+\s+min(?:ute)?s?\s+read
              | (?:like|enjoy(?:ed)?)\s+this\s+(?:story|article)\W*(?:share\s+it\s+with\s+a\s+friend)?
              | follow\s+us(?:\s+on\s+\w+)?|back\s+to\s+top|loading|close|menu|search
              | accept(?:\s+all)?\s+cookies|we\s+use\s+cookies.*
              | (?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4})).*|.*\ball\s+rights\s+reserved
              | news\s+feed|latest\s+news|top\s+stories|most\s+(?:read|popular|viewed)|trending(?:\s+now)?
            )\W*$",
        )
        .expect("static regex")
    })
}

fn related_heading_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?ix)^\W*(?:
                you\s+(?:may|might|could)\s+(?:also\s+)?(?:like|enjoy|be\s+interested(?:\s+in)?)
              | related\s+(?:posts|articles|stories|news|content|reading|coverage)
              | more\s+(?:stories|articles|news)\s+(?:from|like\s+this|on\s+this)(?:\s+.{1,40})?
              | recommended\s+(?:for\s+you|stories|articles|reading)
              | (?:voc[eê]|tu)\s+(?:pode|podes|tamb[eé]m\s+pode)\s+(?:gostar|se\s+interessar).*|leia\s+tamb[eé]m|veja\s+tamb[eé]m|posts\s+relacionados|artigos\s+relacionados
              | (?:tambi[eé]n\s+)?te\s+puede\s+interesar|noticias\s+relacionadas|art[ií]culos\s+relacionados
              | vous\s+(?:aimerez|pourriez\s+aimer)\s+(?:aussi|[eé]galement)|sur\s+le\s+m[eê]me\s+sujet|articles\s+similaires
              | das\s+k[oö]nnte\s+sie\s+auch\s+interessieren|mehr\s+zum\s+thema|weitere\s+artikel
              | potrebbe\s+interessarti|articoli\s+correlati|ti\s+potrebbe\s+interessare
            )\W*$",
        )
        .expect("static regex")
    })
}

/// Whether a line is the heading of a related-content list ("You may also like", "Leia também"):
/// what follows it is other stories, not the article.
pub fn related_heading(line: &str) -> bool {
    let line = line.trim();
    line.len() <= 80 && related_heading_regex().is_match(line)
}

/// Whether a whole short text line is page furniture ("Share", "Subscribe", "Editors' Picks").
pub fn furniture_line(line: &str) -> bool {
    let line = line.trim();
    line.len() <= 120 && furniture_line_regex().is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_classes() {
        assert!(negative_attrs("share-buttons"));
        assert!(negative_attrs("c-related-list"));
        assert!(negative_attrs("newsletter signup"));
        assert!(!negative_attrs("article-body share"));
        assert!(!negative_attrs("content"));
        assert!(!negative_attrs("leading"), "'ad' must be a whole word");
    }

    #[test]
    fn related_headings() {
        assert!(related_heading("You may also like"));
        assert!(related_heading("Você pode gostar..."));
        assert!(related_heading("Related Posts:"));
        assert!(!related_heading(
            "You may also like the new ferry timetable, the council said."
        ));
    }

    #[test]
    fn furniture_lines() {
        assert!(furniture_line("Subscribe"));
        assert!(furniture_line("* indicates required"));
        assert!(furniture_line("Editors’ Picks"));
        assert!(furniture_line("Like this story? Share it with a friend!"));
        assert!(furniture_line("© 2031 Harbour Post. All rights reserved."));
        assert!(furniture_line("Copyright 2031 Harbour Post"));
        assert!(furniture_line("Subscribe to the Harbour Post"));
        assert!(!furniture_line(
            "Copyright lawyers say the ruling changes little, the court heard."
        ));
        assert!(!furniture_line(
            "Subscribers to the plan pay less, the minister said."
        ));
    }
}
