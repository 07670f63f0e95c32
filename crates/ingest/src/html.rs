//! HTML files (`.html`, `.htm`): the whole file is one page.

use triangulate_model::{Body, DocId, RawDocument};

use crate::decode::{decode, Hints};
use crate::format::{emit, Format, Input};
use crate::{IngestError, IngestOptions, Item};

pub(crate) struct Html;

impl Format for Html {
    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }

    fn read(&self, mut input: Input<'_>, options: &IngestOptions, sink: &mut dyn FnMut(Item)) {
        let result = read_html(&mut input, options);
        emit(sink, input.origin, result);
    }
}

fn read_html(input: &mut Input<'_>, options: &IngestOptions) -> Result<RawDocument, IngestError> {
    let bytes = input.read_document(options.max_bytes)?;
    let html = decode(
        &bytes,
        Hints {
            content_type: None,
            html: true,
        },
    )?;
    if html.trim().is_empty() {
        return Err(IngestError::EmptyDocument);
    }
    Ok(RawDocument {
        id: DocId::of_bytes(&bytes),
        origin: input.origin.to_owned(),
        url: None,
        outlet: None,
        published: None,
        title: None,
        body: Body::Html(html),
    })
}
