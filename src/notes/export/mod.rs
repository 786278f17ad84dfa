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

/// Column names of the table formats (CSV, TSV): the keys of the notes file.
const COLUMNS: [&str; 12] = [
    "file",
    "locale",
    "id",
    "verdict",
    "category",
    "severity",
    "comment",
    "source",
    "target",
    "reviewer",
    "time",
    "dismissed",
];

/// One entry as the cells of `COLUMNS`: a missing value is an empty cell,
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

/// Writes one tab-separated line, each field escaped as `dump --format tsv`
/// does: `\t`, `\n`, `\r`, `\\`, and other control characters as `\u{1b}`,
/// so that one entry is one line and no text can drive a terminal.
fn tsv_line<S: AsRef<str>>(out: &mut Vec<u8>, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        let field = field.as_ref();
        let mut clean = 0;
        for (at, c) in field
            .char_indices()
            .filter(|(_, c)| c.is_control() || *c == '\\')
        {
            out.extend_from_slice(&field.as_bytes()[clean..at]);
            clean = at + c.len_utf8();
            match c {
                '\t' => out.extend_from_slice(b"\\t"),
                '\n' => out.extend_from_slice(b"\\n"),
                '\r' => out.extend_from_slice(b"\\r"),
                '\\' => out.extend_from_slice(b"\\\\"),
                _ => out.extend_from_slice(format!("\\u{{{:x}}}", c as u32).as_bytes()),
            }
        }
        out.extend_from_slice(&field.as_bytes()[clean..]);
    }
    out.push(b'\n');
}
