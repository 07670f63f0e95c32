//! Reading inputs into raw documents: files, folders, JSONL exports.
