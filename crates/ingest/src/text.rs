//! Plain text files (`.txt`): the whole file is one document.

use triangulate_model::{Body, DocId, RawDocument};

use crate::decode::{decode, Hints};
use crate::format::{emit, Format, Input};
use crate::{IngestError, IngestOptions, Item};

pub(crate) struct Text;

impl Format for Text {
    fn extensions(&self) -> &'static [&'static str] {
        &["txt"]
    }

    fn read(&self, mut input: Input<'_>, options: &IngestOptions, sink: &mut dyn FnMut(Item)) {
        let result = read_text(&mut input, options);
        emit(sink, input.origin, result);
    }
}

fn read_text(input: &mut Input<'_>, options: &IngestOptions) -> Result<RawDocument, IngestError> {
    let bytes = input.read_document(options.max_bytes)?;
    let text = decode(&bytes, Hints::default())?;
    if text.trim().is_empty() {
        return Err(IngestError::EmptyDocument);
    }
    Ok(RawDocument {
        id: DocId::of_bytes(&bytes),
        origin: input.origin.to_owned(),
        url: None,
        outlet: None,
        published: None,
        title: None,
        body: Body::Text(text),
    })
}
