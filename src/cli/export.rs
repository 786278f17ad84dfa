//! `sxs export`: the notes file in other formats.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{Common, ExportArgs};
use crate::notes::{export, write_to};
use crate::store::Document;

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
    let entries = notes.entries().filter(|e| {
        common
            .locale
            .as_ref()
            .is_none_or(|l| e.locale.eq_ignore_ascii_case(l))
    });
    // Without PATHs, the notes alone: loading would give the bundled samples.
    let store = match args.paths.is_empty() {
        true => None,
        false => Some(super::load(&args.paths, common)?),
    };
    let rated: Vec<&Document> = store
        .iter()
        .flat_map(|s| &s.docs)
        .filter(|d| !d.ratings.is_empty())
        .collect();
    if store.is_some() && rated.is_empty() {
        super::diagnostics::warning(format_args!(
            "the PATHs given hold no WMT MQM ratings; the export holds the notes alone"
        ));
    }
    let exported = export::export(args.format, entries, &rated);
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
    Ok(0)
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
