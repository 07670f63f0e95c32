//! Bytes to text: UTF-8 first, then what the bytes or their container declare, then
//! windows-1252, the usual encoding of old Western news pages that declare nothing.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::IngestError;

/// How far into a document to look for a `<meta charset>`; browsers look at the first 1024
/// bytes, but scraped pages often carry long comments or scripts before the meta tag.
const META_SNIFF_BYTES: usize = 4096;

/// How much of a document to sample when deciding whether it is binary.
const BINARY_SAMPLE_BYTES: usize = 64 * 1024;

/// What the container said about the bytes, besides the bytes themselves.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hints<'a> {
    /// An HTTP `Content-Type` header value, which may carry `charset=`.
    pub content_type: Option<&'a str>,
    /// Whether the bytes are HTML, so that a `<meta charset>` declaration counts.
    pub html: bool,
}

/// Decodes a document's bytes into text, or says why it cannot be read as text.
pub(crate) fn decode(bytes: &[u8], hints: Hints<'_>) -> Result<String, IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(encoding, &bytes[bom_len..]);
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let declared = hints
        .content_type
        .and_then(charset_parameter)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| {
            if hints.html {
                meta_charset(bytes)
            } else {
                None
            }
        })
        // HTML treats a declared UTF-16 on an ASCII-compatible page as UTF-8.
        .map(Encoding::output_encoding);
    match declared {
        Some(encoding) if encoding != UTF_8 => decode_strict(encoding, bytes),
        _ => decode_undeclared(bytes),
    }
}

/// Invalid UTF-8 with no usable declaration: either UTF-8 with a few stray bytes (then the
/// stray bytes are replaced, keeping every accented letter right) or a single-byte legacy text.
fn decode_undeclared(bytes: &[u8]) -> Result<String, IngestError> {
    let (valid_multibyte, invalid) = utf8_evidence(bytes);
    if valid_multibyte > invalid {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    // encoding_rs maps the five bytes windows-1252 leaves undefined to C1 controls; their
    // presence means the text is in some other encoding we cannot guess.
    if text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return Err(IngestError::UnknownEncoding);
    }
    Ok(text.into_owned())
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, IngestError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(Cow::into_owned)
        .ok_or_else(|| IngestError::Undecodable {
            encoding: encoding.name().to_lowercase(),
        })
}

/// Counts well-formed multi-byte UTF-8 sequences and bytes that fit no sequence.
fn utf8_evidence(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                valid_multibyte += rest.chars().filter(|c| c.len_utf8() > 1).count();
                return (valid_multibyte, invalid);
            }
            Err(error) => {
                let (good, after) = bytes.split_at(error.valid_up_to());
                // The prefix is valid by construction; count its multi-byte characters.
                if let Ok(prefix) = std::str::from_utf8(good) {
                    valid_multibyte += prefix.chars().filter(|c| c.len_utf8() > 1).count();
                }
                let skip = error.error_len().unwrap_or(after.len()).max(1);
                invalid += skip;
                bytes = after.get(skip..).unwrap_or_default();
            }
        }
    }
}

/// Binary files (images, archives, UTF-16 without a BOM) carry NUL bytes or many control
/// characters; text never does, beyond the odd form feed or stray escape.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE_BYTES)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls >= 4 && controls * 50 > sample.len()
}

/// The value of a `charset=` parameter in a header value or meta content.
pub(crate) fn charset_parameter(value: &str) -> Option<&str> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = value.get(at..)?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| matches!(c, '"' | '\'' | ';' | '>' | '/') || c.is_whitespace())
        .unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then_some(label)
}

/// The encoding a `<meta charset="…">` or `<meta http-equiv … content="…; charset=…">`
/// near the top of an HTML document declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SNIFF_BYTES)];
    // Only ASCII matters for the declaration; other bytes become replacement characters.
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(encoding) =
            charset_parameter(tag).and_then(|label| Encoding::for_label(label.as_bytes()))
        {
            return Some(encoding);
        }
        rest = &rest[start + "<meta".len()..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html() -> Hints<'static> {
        Hints {
            content_type: None,
            html: true,
        }
    }

    #[test]
    fn utf8_passes_through() {
        let text = "Mira Kovač visited Lunden.";
        assert_eq!(
            decode(text.as_bytes(), Hints::default()).ok().as_deref(),
            Some(text)
        );
    }

    #[test]
    fn bom_wins_over_everything() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Zoë".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode(&bytes, Hints::default()).ok().as_deref(),
            Some("Zoë")
        );
    }

    #[test]
    fn meta_charset_is_honoured() {
        let mut bytes = b"<html><head><meta charset=\"koi8-r\"></head><body>".to_vec();
        // "мир" in KOI8-R
        bytes.extend_from_slice(&[0xCD, 0xC9, 0xD2]);
        let text = decode(&bytes, html()).unwrap_or_default();
        assert!(text.ends_with("мир"), "{text}");
    }

    #[test]
    fn http_equiv_meta_is_honoured() {
        let mut bytes =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\">"
                .to_vec();
        bytes.push(0xB1); // "ą" in ISO-8859-2
        let text = decode(&bytes, html()).unwrap_or_default();
        assert!(text.ends_with('ą'), "{text}");
    }

    #[test]
    fn content_type_header_is_honoured() {
        let hints = Hints {
            content_type: Some("text/html; charset=\"windows-1251\""),
            html: true,
        };
        let text = decode(&[0xEC, 0xE8, 0xF0], hints).unwrap_or_default();
        assert_eq!(text, "мир");
    }

    #[test]
    fn undeclared_latin1_falls_back_to_windows_1252() {
        let text = decode(b"caf\xe9 \x93quoted\x94", Hints::default()).unwrap_or_default();
        assert_eq!(text, "café \u{201c}quoted\u{201d}");
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes = "Señora Núñez, Ærø, Zoë".as_bytes().to_vec();
        bytes.push(0xFF);
        let text = decode(&bytes, Hints::default()).unwrap_or_default();
        assert!(text.starts_with("Señora Núñez, Ærø, Zoë"), "{text}");
    }

    #[test]
    fn undefined_windows_1252_bytes_are_refused() {
        let result = decode(b"abc \x81\x8d\x8f\x90 def", Hints::default());
        assert!(
            matches!(result, Err(IngestError::UnknownEncoding)),
            "{result:?}"
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Hints::default()),
            Err(IngestError::Binary)
        ));
        let controls: Vec<u8> = (0..200u8)
            .map(|i| if i % 5 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(
            decode(&controls, Hints::default()),
            Err(IngestError::Binary)
        ));
    }

    #[test]
    fn declared_encoding_that_does_not_fit_is_refused() {
        let hints = Hints {
            content_type: Some("text/plain; charset=shift_jis"),
            html: false,
        };
        let result = decode(b"\x82\xff\xff broken", hints);
        assert!(
            matches!(result, Err(IngestError::Undecodable { .. })),
            "{result:?}"
        );
    }

    #[test]
    fn charset_parameter_forms() {
        assert_eq!(charset_parameter("text/html; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(
            charset_parameter("text/html; Charset='latin1'"),
            Some("latin1")
        );
        assert_eq!(charset_parameter("<meta charset=utf-8/"), Some("utf-8"));
        assert_eq!(charset_parameter("text/html"), None);
        assert_eq!(charset_parameter("charset="), None);
    }
}
