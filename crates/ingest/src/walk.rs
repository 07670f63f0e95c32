//! Turning the paths a user gave into files to read: folders are walked recursively in name
//! order (so that runs are reproducible), hidden entries inside folders are left out, and each
//! file goes to the format its extension names.

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use crate::format::{format_for, problem, Input};
use crate::{IngestError, IngestOptions, Item};

/// Reads every path in order, handing documents, problems and skipped files to `sink`.
pub(crate) fn visit(paths: &[PathBuf], options: &IngestOptions, sink: &mut dyn FnMut(Item)) {
    for path in paths {
        // A path the user named is read even when hidden, and even through a symlink.
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => visit_dir(path, options, sink),
            Ok(meta) => read_file(path, meta.len(), true, options, sink),
            Err(error) => sink(Item::Problem(problem(&display(path), &error.into()))),
        }
    }
}

fn visit_dir(dir: &Path, options: &IngestOptions, sink: &mut dyn FnMut(Item)) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return sink(Item::Problem(problem(&display(dir), &error.into()))),
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    children.push(entry.path());
                }
            }
            Err(error) => sink(Item::Problem(problem(&display(dir), &error.into()))),
        }
    }
    children.sort();
    for child in children {
        // Symlinked folders are not followed inside a walk: they can form cycles.
        match fs::symlink_metadata(&child) {
            Ok(meta) if meta.is_dir() => visit_dir(&child, options, sink),
            Ok(meta) if meta.file_type().is_symlink() => match fs::metadata(&child) {
                Ok(target) if target.is_file() => {
                    read_file(&child, target.len(), false, options, sink)
                }
                Ok(_) => sink(Item::Skipped(child)),
                Err(error) => sink(Item::Problem(problem(&display(&child), &error.into()))),
            },
            Ok(meta) => read_file(&child, meta.len(), false, options, sink),
            Err(error) => sink(Item::Problem(problem(&display(&child), &error.into()))),
        }
    }
}

/// Reads one file. A file of no known format is a problem when the user named it, and merely
/// skipped when a folder walk came across it.
fn read_file(
    path: &Path,
    size: u64,
    named: bool,
    options: &IngestOptions,
    sink: &mut dyn FnMut(Item),
) {
    let origin = display(path);
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let Some((format, gzip)) = format_for(&name) else {
        if named {
            sink(Item::Problem(problem(&origin, &IngestError::Unsupported)));
        } else {
            sink(Item::Skipped(path.to_path_buf()));
        }
        return;
    };
    if size == 0 {
        return sink(Item::Problem(problem(&origin, &IngestError::EmptyFile)));
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) => return sink(Item::Problem(problem(&origin, &error.into()))),
    };
    let mut reader: Box<dyn BufRead> = if gzip {
        // Multi-member streams are how `.warc.gz` stores one member per record.
        Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::new(file))
    };
    let input = Input {
        origin: &origin,
        reader: &mut *reader,
        size: (!gzip).then_some(size),
    };
    format.read(input, options, sink);
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
