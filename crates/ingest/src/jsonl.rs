//! JSON Lines exports (`.jsonl`): one article per line,
//! `{"url", "outlet", "published", "title", "html" | "text"}`. Each line is its own document,
//! reported as `path:LINE`; a broken line is a problem and the other lines still come through.

use serde_json::{Map, Value};
use triangulate_model::{Body, DocId, RawDocument};

use crate::decode::{decode, Hints};
use crate::format::{emit, problem, read_line, Format, Input, Line};
use crate::{IngestError, IngestOptions, Item};

pub(crate) struct Jsonl;

impl Format for Jsonl {
    fn extensions(&self) -> &'static [&'static str] {
        &["jsonl", "ndjson"]
    }

    fn read(&self, input: Input<'_>, options: &IngestOptions, sink: &mut dyn FnMut(Item)) {
        let limit = usize::try_from(options.max_bytes).unwrap_or(usize::MAX);
        let mut buf = Vec::new();
        let mut number = 0usize;
        loop {
            number += 1;
            let origin = format!("{}:{number}", input.origin);
            match read_line(input.reader, limit, &mut buf) {
                Ok(Line::End) => return,
                Ok(Line::TooLong) => {
                    let error = IngestError::OverLimit {
                        limit: options.max_bytes,
                    };
                    sink(Item::Problem(problem(&origin, &error)));
                }
                Ok(Line::Read) => {
                    let line = buf.strip_suffix(b"\r").unwrap_or(&buf);
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    emit(sink, &origin, parse_line(line, origin.clone()));
                }
                Err(error) => {
                    // A read error (a corrupt gzip stream) ends the file: nothing after it can
                    // be trusted, but the lines before it are already out.
                    sink(Item::Problem(problem(&origin, &error.into())));
                    return;
                }
            }
        }
    }
}

fn parse_line(line: &[u8], origin: String) -> Result<RawDocument, IngestError> {
    // Decoding first lets a legacy-encoded export through; JSON itself must be UTF-8.
    let text = decode(line, Hints::default())?;
    let Value::Object(fields) = serde_json::from_str::<Value>(&text)? else {
        return Err(IngestError::NotAnObject);
    };
    let body = match (
        string_field(&fields, "html")?,
        string_field(&fields, "text")?,
    ) {
        (Some(html), _) => Body::Html(html),
        (None, Some(text)) => Body::Text(text),
        (None, None) => return Err(IngestError::NoBody),
    };
    Ok(RawDocument {
        id: DocId::of_bytes(line),
        origin,
        url: string_field(&fields, "url")?,
        outlet: string_field(&fields, "outlet")?,
        published: string_field(&fields, "published")?,
        title: string_field(&fields, "title")?,
        body,
    })
}

/// A string field, absent when missing, null or blank; any other type is an error.
fn string_field(
    fields: &Map<String, Value>,
    name: &'static str,
) -> Result<Option<String>, IngestError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) if value.trim().is_empty() => Ok(None),
        Some(Value::String(value)) => Ok(Some(value.clone())),
        Some(_) => Err(IngestError::FieldType(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_become_hints() {
        let line = br#"{"url":"https://example.test/a","outlet":"Harbour Post","published":"2031-04-02","title":"Bridge opens","html":"<p>Hi</p>","text":"ignored"}"#;
        let doc = parse_line(line, "x.jsonl:1".into()).ok();
        let doc = doc.as_ref();
        assert_eq!(doc.and_then(|d| d.outlet.as_deref()), Some("Harbour Post"));
        assert_eq!(doc.and_then(|d| d.published.as_deref()), Some("2031-04-02"));
        assert_eq!(doc.map(|d| &d.body), Some(&Body::Html("<p>Hi</p>".into())));
    }

    #[test]
    fn bad_lines_are_named() {
        let cases: [(&[u8], &str); 4] = [
            (
                b"{\"title\": 3, \"text\": \"x\"}",
                "field `title` is not a string",
            ),
            (b"[1, 2]", "json line is not an object"),
            (
                b"{\"title\": \"no body\"}",
                "line has neither an `html` nor a `text` field",
            ),
            (b"{\"text\": \"unterminated", "invalid json"),
        ];
        for (line, expected) in cases {
            let error = parse_line(line, String::new()).err().map(|e| e.to_string());
            assert!(
                error.as_deref().is_some_and(|e| e.starts_with(expected)),
                "{error:?}"
            );
        }
    }
}
