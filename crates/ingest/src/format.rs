//! The input formats, registered in one list. Adding a format means adding a file that
//! implements [`Format`] and naming it in [`FORMATS`].

use std::io::{self, BufRead, Read};

use triangulate_model::{Problem, RawDocument};

use crate::{html::Html, jsonl::Jsonl, text::Text, warc::Warc, IngestError, IngestOptions, Item};

/// Every format ingest can read. Extensions must not overlap.
const FORMATS: &[&dyn Format] = &[&Text, &Html, &Jsonl, &Warc];

/// One input format: which file names it claims and how it turns a byte stream into documents.
pub(crate) trait Format: Sync {
    /// Lowercase extensions without the dot, after any `.gz` suffix is removed.
    fn extensions(&self) -> &'static [&'static str];

    /// Reads every document in `input`, handing each document or problem to `sink`. A format
    /// never stops at a bad item if later items can still be found.
    fn read(&self, input: Input<'_>, options: &IngestOptions, sink: &mut dyn FnMut(Item));
}

/// A byte stream to read, with the name its documents and problems are reported under.
pub(crate) struct Input<'a> {
    /// The path (or name) of the file.
    pub origin: &'a str,
    pub reader: &'a mut dyn BufRead,
    /// The size of the stream in bytes when known before reading (an uncompressed file).
    pub size: Option<u64>,
}

impl Input<'_> {
    /// The whole stream as one document's bytes, refusing it before reading when its size is
    /// known to be over the limit, and reading no more than the limit otherwise.
    pub(crate) fn read_document(&mut self, limit: u64) -> Result<Vec<u8>, IngestError> {
        if let Some(size) = self.size.filter(|&size| size > limit) {
            return Err(IngestError::TooLarge { size, limit });
        }
        let mut bytes = Vec::new();
        (&mut *self.reader)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(IngestError::OverLimit { limit });
        }
        if bytes.is_empty() {
            return Err(IngestError::EmptyFile);
        }
        Ok(bytes)
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line is in the buffer, without its `\n` (a `\r` before it is kept).
    Read,
    /// The line was longer than the limit; it was consumed and the buffer holds its start.
    TooLong,
    /// Nothing left.
    End,
}

/// Reads one `\n`-terminated line into `buf`, storing at most `limit` bytes of it, so that a
/// single enormous line cannot exhaust memory.
pub(crate) fn read_line(
    reader: &mut dyn BufRead,
    limit: usize,
    buf: &mut Vec<u8>,
) -> io::Result<Line> {
    buf.clear();
    let mut seen_any = false;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            break;
        }
        seen_any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (&available[..at], at + 1, true),
            None => (available, available.len(), false),
        };
        let room = limit.saturating_sub(buf.len());
        if chunk.len() > room {
            too_long = true;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (seen_any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

/// The format that claims a file name, and whether the name says the file is gzip-compressed.
pub(crate) fn format_for(name: &str) -> Option<(&'static dyn Format, bool)> {
    let lower = name.to_ascii_lowercase();
    let (stem, gzip) = match lower.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (lower.as_str(), false),
    };
    let (_, extension) = stem.rsplit_once('.')?;
    FORMATS
        .iter()
        .find(|format| format.extensions().contains(&extension))
        .map(|&format| (format, gzip))
}

/// Sends a document to the sink, or the problem that kept the item from becoming one.
pub(crate) fn emit(
    sink: &mut dyn FnMut(Item),
    item: &str,
    result: Result<RawDocument, IngestError>,
) {
    match result {
        Ok(document) => sink(Item::Document(document)),
        Err(error) => sink(Item::Problem(problem(item, &error))),
    }
}

pub(crate) fn problem(item: &str, error: &IngestError) -> Problem {
    Problem {
        item: item.to_owned(),
        error: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_chosen_by_extension() {
        let name =
            |file: &str| format_for(file).map(|(format, gzip)| (format.extensions()[0], gzip));
        assert_eq!(name("a/b/story.TXT"), Some(("txt", false)));
        assert_eq!(name("page.htm"), Some(("html", false)));
        assert_eq!(name("page.html.gz"), Some(("html", true)));
        assert_eq!(name("dump.jsonl.gz"), Some(("jsonl", true)));
        assert_eq!(name("crawl.warc.gz"), Some(("warc", true)));
        assert_eq!(name("photo.png"), None);
        assert_eq!(name("archive.gz"), None);
        assert_eq!(name("README"), None);
    }

    #[test]
    fn lines_are_bounded() {
        let mut reader = io::Cursor::new(b"short\r\nthis one is far too long\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut reader, 10, &mut buf).ok(), Some(Line::Read));
        assert_eq!(buf, b"short\r");
        assert_eq!(
            read_line(&mut reader, 10, &mut buf).ok(),
            Some(Line::TooLong)
        );
        assert_eq!(buf, b"this one i");
        assert_eq!(read_line(&mut reader, 10, &mut buf).ok(), Some(Line::Read));
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut reader, 10, &mut buf).ok(), Some(Line::End));
    }

    #[test]
    fn extensions_do_not_overlap() {
        let mut all: Vec<&str> = FORMATS
            .iter()
            .flat_map(|f| f.extensions().iter().copied())
            .collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count);
    }
}
