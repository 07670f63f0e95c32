//! WARC crawl archives (`.warc`, `.warc.gz`): every `response` record whose HTTP payload is an
//! HTML page becomes a document, reported as `path#N` (the record's position in the file), with
//! its `WARC-Target-URI` as url. Other records (requests, metadata, images, scripts, redirects)
//! are passed over. A truncated or malformed record is a problem that ends the file, since the
//! next record cannot be found without a trustworthy length; the records before it are kept.

use std::io::{self, Read};

use flate2::read::{GzDecoder, ZlibDecoder};
use triangulate_model::{Body, DocId, RawDocument};

use crate::decode::{decode, Hints};
use crate::format::{emit, problem, read_line, Format, Input, Line};
use crate::{IngestError, IngestOptions, Item};

/// Longest header line accepted; real WARC and HTTP header lines are far shorter.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header lines accepted in one WARC record header.
const MAX_HEADER_LINES: usize = 256;
/// HTTP headers are allowed on top of the document limit when a record's size is judged.
const HTTP_HEADER_ALLOWANCE: u64 = 64 * 1024;

pub(crate) struct Warc;

impl Format for Warc {
    fn extensions(&self) -> &'static [&'static str] {
        &["warc"]
    }

    fn read(&self, input: Input<'_>, options: &IngestOptions, sink: &mut dyn FnMut(Item)) {
        for number in 1.. {
            let origin = format!("{}#{number}", input.origin);
            match read_record(&mut *input.reader, options) {
                Ok(None) => return,
                Ok(Some(Record::Skipped)) => {}
                Ok(Some(Record::Page(result))) => {
                    let document = result.map(|page| page.into_document(origin.clone()));
                    emit(sink, &origin, document);
                }
                Err(error) => {
                    sink(Item::Problem(problem(&origin, &error)));
                    return;
                }
            }
        }
    }
}

enum Record {
    /// A record that is not an HTML page.
    Skipped,
    /// An HTML page, or why this one record's page cannot be used (the file goes on).
    Page(Result<Page, IngestError>),
}

struct Page {
    url: Option<String>,
    payload: Vec<u8>,
    html: String,
}

impl Page {
    fn into_document(self, origin: String) -> RawDocument {
        RawDocument {
            id: DocId::of_bytes(&self.payload),
            origin,
            url: self.url,
            outlet: None,
            published: None,
            title: None,
            body: Body::Html(self.html),
        }
    }
}

/// Reads the next record. `Ok(None)` at the end of the file; `Err` when the file cannot be
/// read further.
fn read_record(
    reader: &mut dyn io::BufRead,
    options: &IngestOptions,
) -> Result<Option<Record>, IngestError> {
    let Some(headers) = read_headers(reader)? else {
        return Ok(None);
    };
    let length = headers
        .value("content-length")
        .ok_or_else(|| IngestError::WarcHeader("missing content-length".into()))?;
    let length: u64 = length.trim().parse().map_err(|_| {
        IngestError::WarcHeader(format!("content-length `{length}` is not a number"))
    })?;
    let kind = headers
        .value("warc-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let content_type = headers
        .value("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let wanted = match kind.as_str() {
        "response" => content_type.starts_with("application/http"),
        // Some crawlers store fetched pages as plain resources without HTTP headers.
        "resource" => is_html_type(&content_type),
        _ => false,
    };
    let limit = options.max_bytes.saturating_add(HTTP_HEADER_ALLOWANCE);
    if !wanted || length > limit {
        let skipped = io::copy(&mut (&mut *reader).take(length), &mut io::sink())?;
        if skipped < length {
            return Err(IngestError::Truncated {
                expected: length,
                found: skipped,
            });
        }
        if wanted {
            return Ok(Some(Record::Page(Err(IngestError::TooLarge {
                size: length,
                limit: options.max_bytes,
            }))));
        }
        return Ok(Some(Record::Skipped));
    }
    let mut content = Vec::new();
    (&mut *reader).take(length).read_to_end(&mut content)?;
    if (content.len() as u64) < length {
        return Err(IngestError::Truncated {
            expected: length,
            found: content.len() as u64,
        });
    }
    let url = headers
        .value("warc-target-uri")
        .map(|uri| {
            uri.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
        .filter(|uri| !uri.is_empty());
    if kind == "resource" {
        return Ok(Some(Record::Page(page(
            url,
            content,
            Some(&content_type),
            options,
        ))));
    }
    match http_payload(&content, options) {
        Ok(Some(body)) => Ok(Some(Record::Page(page(
            url,
            body.bytes,
            body.content_type.as_deref(),
            options,
        )))),
        Ok(None) => Ok(Some(Record::Skipped)),
        Err(error) => Ok(Some(Record::Page(Err(error)))),
    }
}

fn page(
    url: Option<String>,
    payload: Vec<u8>,
    content_type: Option<&str>,
    options: &IngestOptions,
) -> Result<Page, IngestError> {
    if payload.is_empty() {
        return Err(IngestError::EmptyDocument);
    }
    if payload.len() as u64 > options.max_bytes {
        return Err(IngestError::TooLarge {
            size: payload.len() as u64,
            limit: options.max_bytes,
        });
    }
    let html = decode(
        &payload,
        Hints {
            content_type,
            html: true,
        },
    )?;
    if html.trim().is_empty() {
        return Err(IngestError::EmptyDocument);
    }
    Ok(Page { url, payload, html })
}

/// Header fields of a WARC record or an HTTP response, names lowercased.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn value(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Reads a WARC version line and its header fields; `None` at the end of the file.
fn read_headers(reader: &mut dyn io::BufRead) -> Result<Option<Headers>, IngestError> {
    let mut line = Vec::new();
    // Records are separated by blank lines; skip them to the version line.
    loop {
        match read_line(reader, MAX_HEADER_LINE, &mut line)? {
            Line::End => return Ok(None),
            Line::TooLong => return Err(IngestError::WarcHeader("header line too long".into())),
            Line::Read if line.iter().all(u8::is_ascii_whitespace) => continue,
            Line::Read => break,
        }
    }
    let version = String::from_utf8_lossy(&line);
    if !version.trim_start().starts_with("WARC/") {
        let shown: String = version.trim().chars().take(40).collect();
        return Err(IngestError::WarcHeader(format!(
            "expected a WARC/1.x version line, found `{shown}`"
        )));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    loop {
        match read_line(reader, MAX_HEADER_LINE, &mut line)? {
            Line::End => return Err(IngestError::TruncatedHeader),
            Line::TooLong => return Err(IngestError::WarcHeader("header line too long".into())),
            Line::Read => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches('\r');
        if text.is_empty() {
            return Ok(Some(Headers(fields)));
        }
        if fields.len() >= MAX_HEADER_LINES {
            return Err(IngestError::WarcHeader("too many header lines".into()));
        }
        if text.starts_with([' ', '\t']) {
            // A folded continuation of the previous field.
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(IngestError::WarcHeader(format!(
                "no colon in header line `{}`",
                text.chars().take(40).collect::<String>()
            )));
        };
        fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
}

fn is_html_type(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    media == "text/html" || media == "application/xhtml+xml"
}

/// An HTTP response body, decoded, with the media type the response declared.
struct HttpBody {
    bytes: Vec<u8>,
    content_type: Option<String>,
}

/// The body of an HTTP response with its headers stripped and its transfer and content
/// encodings undone, with its `Content-Type`; `None` when it is not a successful HTML response.
fn http_payload(content: &[u8], options: &IngestOptions) -> Result<Option<HttpBody>, IngestError> {
    let mut reader = content;
    let mut line = Vec::new();
    if read_line(&mut reader, MAX_HEADER_LINE, &mut line)? != Line::Read {
        return Err(IngestError::HttpPayload("no status line".into()));
    }
    let status_line = String::from_utf8_lossy(&line);
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/") {
        return Err(IngestError::HttpPayload("no status line".into()));
    }
    let status: u16 = parts.next().and_then(|code| code.parse().ok()).unwrap_or(0);
    let mut fields = Vec::new();
    loop {
        match read_line(&mut reader, MAX_HEADER_LINE, &mut line)? {
            Line::Read => {}
            // Headers that never end leave no body to read.
            _ => return Err(IngestError::HttpPayload("headers without an end".into())),
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches('\r');
        if text.is_empty() {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let headers = Headers(fields);
    let content_type = headers.value("content-type").map(str::to_owned);
    // Redirects, errors and non-HTML resources are crawl furniture, not articles.
    if !(200..300).contains(&status) || !content_type.as_deref().is_some_and(is_html_type) {
        return Ok(None);
    }
    let mut body = reader.to_vec();
    let chunked = headers
        .value("transfer-encoding")
        .is_some_and(|value| value.to_ascii_lowercase().contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    let encoding = headers
        .value("content-encoding")
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let limit = options.max_bytes.saturating_add(1);
    let mut decoded = Vec::new();
    match encoding.as_str() {
        "" | "identity" => {
            return Ok(Some(HttpBody {
                bytes: body,
                content_type,
            }))
        }
        "gzip" | "x-gzip" => GzDecoder::new(body.as_slice())
            .take(limit)
            .read_to_end(&mut decoded),
        "deflate" => ZlibDecoder::new(body.as_slice())
            .take(limit)
            .read_to_end(&mut decoded),
        other => {
            return Err(IngestError::HttpPayload(format!(
                "unsupported content-encoding `{other}`"
            )))
        }
    }
    .map_err(|error| IngestError::HttpPayload(format!("cannot decompress body: {error}")))?;
    Ok(Some(HttpBody {
        bytes: decoded,
        content_type,
    }))
}

/// Undoes HTTP/1.1 chunked transfer encoding.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::with_capacity(body.len());
    let mut line = Vec::new();
    loop {
        if read_line(&mut body, MAX_HEADER_LINE, &mut line)? != Line::Read {
            // A missing final chunk: keep what arrived, as browsers do.
            return Ok(out);
        }
        let text = String::from_utf8_lossy(&line);
        let size_text = text.trim().split(';').next().unwrap_or_default().trim();
        if size_text.is_empty() {
            continue;
        }
        let size = usize::from_str_radix(size_text, 16).map_err(|_| {
            IngestError::HttpPayload(format!(
                "bad chunk size `{}`",
                size_text.chars().take(20).collect::<String>()
            ))
        })?;
        if size == 0 {
            return Ok(out);
        }
        let take = size.min(body.len());
        out.extend_from_slice(&body[..take]);
        body = &body[take..];
    }
}
