//! `sxs export`: the notes file in other formats.

use std::io::Write;

use anyhow::bail;

use super::{Common, ExportArgs};
use crate::notes::{export, write_to};
use crate::store::Document;

pub fn run(args: &ExportArgs, common: &Common) -> anyhow::Result<u8> {
    // A missing notes file is an empty one for a review, but exporting one is
    // nearly always a wrong folder or a mistyped name.
    if !common.notes_path().exists() {
        bail!(
            "{}: no such notes file; run sxs in the folder that holds it, or name it with --notes FILE",
            common.notes_path().display()
        );
    }
    let notes = super::read_notes(common)?;
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
