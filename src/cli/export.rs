//! `sxs export`: the notes file in other formats.

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{Common, ExportArgs};
use crate::notes::{Entry, export, write_to};
use crate::store::{Document, Sources, Store, wmt};

pub fn run(args: &ExportArgs, common: &Common) -> anyhow::Result<u8> {
    // Said before anything is read: an input that gives nothing would
    // otherwise hide that -o names the input itself.
    if let Some(output) = &args.output {
        refuse_to_replace_input(output, common, &args.paths)?;
    }
    // The raters' rows of the PATHs given are an export without a review;
    // without PATHs, a missing notes file leaves nothing to export.
    let missing = match args.paths.is_empty() {
        true => {
            "the export is empty; run sxs in the folder that holds it, or name it with --notes FILE"
        }
        false => "the export holds the raters' judgments alone",
    };
    let notes = super::read_notes(common, missing, args.paths.is_empty())?;
    let entries: Vec<&Entry> = notes
        .entries()
        .filter(|e| {
            common
                .locale
                .as_ref()
                .is_none_or(|l| e.locale.replace('_', "-").eq_ignore_ascii_case(l))
        })
        .collect();
    // Without PATHs, the notes alone: loading would give the bundled samples.
    let (mut docs, load_errors) = match args.paths.is_empty() {
        true => (Vec::new(), Vec::new()),
        false => {
            let (store, errors) = super::load_all(&args.paths, common)?;
            (store.docs, errors)
        }
    };
    // Nothing read at all: no export of nothing, only why.
    if !args.paths.is_empty() && docs.is_empty() {
        super::fail_on(&load_errors)?;
    }
    if !args.paths.is_empty() && docs.iter().all(|d| d.ratings.is_empty()) {
        super::diagnostics::warning(format_args!(
            "the PATHs given hold no WMT MQM ratings; the export holds the notes alone"
        ));
    }
    if args.format == export::Format::Mqm {
        let marked = marked_documents(&entries, &docs);
        docs.extend(marked);
    }
    let docs: Vec<&Document> = docs.iter().collect();
    let exported = export::export(args.format, entries, &docs);
    for warning in &exported.warnings {
        super::diagnostics::warning(format_args!("{}: {warning}", common.notes_path().display()));
    }
    match &args.output {
        Some(path) => write_to(path, &[&exported.bytes])
            .map_err(|err| anyhow::anyhow!("{}: cannot write: {err}", path.display()))?,
        None => {
            let mut out = super::stdout();
            out.write_all(&exported.bytes)?;
            out.flush()?;
        }
    }
    // A named path that gave nothing fails the export, after the rest.
    super::fail_on(&load_errors)?;
    Ok(0)
}

/// The documents of the files the entries name that `loaded` does not hold,
/// read as the notes name them (a WMT document from its file, the bundled
/// samples by their names), so that `mqm` numbers each segment by its place
/// in its document, not among the segments reviewed. Only regular files are
/// read: a name such as `-` or a pipe would wait for input. One that cannot
/// be read is left out, and the export says what that does to its numbers.
fn marked_documents(entries: &[&Entry], loaded: &[Document]) -> Vec<Document> {
    let have: HashSet<&str> = loaded.iter().map(|d| d.path.as_str()).collect();
    let mut files = BTreeSet::new();
    let mut elsewhere = BTreeSet::new();
    for entry in entries.iter().filter(|e| !have.contains(e.file.as_str())) {
        let on_disk = std::iter::once(entry.file.as_str())
            .chain(wmt::split_path(&entry.file).map(|(file, _, _)| file))
            .find(|file| Path::new(file).is_file());
        match on_disk {
            Some(file) => files.insert(file),
            None => elsewhere.insert(entry.file.as_str()),
        };
    }
    let mut docs = Vec::new();
    // In one pass, and kept whatever some files hold: what their load warns
    // about concerns the files, not the export.
    let files: Vec<&str> = files.into_iter().collect();
    Sources::resolve(&files)
        .segments_only()
        .stream(|doc| doc, |doc| docs.push(doc));
    if !elsewhere.is_empty() {
        let samples = Store::samples().docs;
        docs.extend(
            samples
                .into_iter()
                .filter(|d| elsewhere.contains(d.path.as_str())),
        );
    }
    docs
}

/// Refuses an output that is the notes file or a file named as input, by any
/// of its names (a link, `./../x/`): writing the export there would replace
/// the marks, or the file they are about, with the export.
fn refuse_to_replace_input(
    output: &Path,
    common: &Common,
    paths: &[PathBuf],
) -> anyhow::Result<()> {
    let Some(out) = file_identity(output) else {
        return Ok(());
    };
    let notes = common.notes_path();
    if file_identity(notes) == Some(out) {
        bail!(
            "{}: this is the notes file ({}); the export would replace the marks; name another file with -o",
            output.display(),
            notes.display()
        );
    }
    if let Some(input) = paths.iter().find(|p| file_identity(p) == Some(out)) {
        bail!(
            "{}: this is the input file {}; the export would replace it; name another file with -o",
            output.display(),
            input.display()
        );
    }
    Ok(())
}

/// The device and inode of the regular file at `path`, links followed.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}
