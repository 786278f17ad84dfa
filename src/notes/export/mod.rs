//! The notes file in the formats other tools read.

mod csv;
mod jsonl;
mod mqm;
mod tsv;
mod xliff;

use std::borrow::Cow;

use super::Entry;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RFC 4180, one row per entry; safe to open in a spreadsheet
    Csv,
    /// Tab-separated, one header line then one line per entry
    Tsv,
    /// One JSON object per entry, with every field
    Jsonl,
    /// The WMT MQM TSV (system doc doc_id seg_id rater source target category severity)
    Mqm,
    /// XLIFF 2.1, one unit per entry, the verdict as the segment state
    Xliff,
}

/// An export, and what the reader of it should know.
#[derive(Debug, Default)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// Writes `entries`, in their order, in `format`.
pub fn export<'e>(format: Format, entries: impl IntoIterator<Item = &'e Entry>) -> Exported {
    let entries: Vec<&Entry> = entries.into_iter().collect();
    let mut out = Exported {
        bytes: Vec::with_capacity(entries.len() * 512),
        warnings: Vec::new(),
    };
    match format {
        Format::Csv => csv::write(&mut out.bytes, &entries),
        Format::Tsv => tsv::write(&mut out.bytes, &entries),
        Format::Jsonl => jsonl::write(&mut out.bytes, &entries),
        Format::Mqm => mqm::write(&mut out, &entries),
        Format::Xliff => xliff::write(&mut out, &entries),
    }
    out
}

/// One entry as the cells of `KEYS`: a missing value is an empty cell,
/// dismissed checks are separated by spaces.
fn cells(entry: &Entry) -> [Cow<'_, str>; 12] {
    [
        Cow::Borrowed(&entry.file),
        Cow::Borrowed(&entry.locale),
        Cow::Borrowed(&entry.id),
        Cow::Borrowed(entry.verdict.name()),
        Cow::Borrowed(entry.category.as_deref().unwrap_or("")),
        Cow::Borrowed(entry.severity.map_or("", |s| s.name())),
        Cow::Borrowed(&entry.comment),
        Cow::Borrowed(entry.source.as_deref().unwrap_or("")),
        Cow::Borrowed(&entry.target),
        Cow::Borrowed(&entry.reviewer),
        Cow::Borrowed(&entry.time),
        Cow::Owned(entry.dismissed.join(" ")),
    ]
}
