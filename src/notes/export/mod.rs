//! The notes file in the formats other tools read: one row per error (an
//! entry without errors is one row), and for `mqm` the raters' judgments of
//! WMT documents with them.

mod csv;
mod jsonl;
mod mqm;
mod tsv;
mod xliff;

use std::borrow::Cow;

use super::{Entry, MqmError};
use crate::mqm::Span;
use crate::store::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RFC 4180, one row per error; safe to open in a spreadsheet
    Csv,
    /// Tab-separated, one header line then one line per error
    Tsv,
    /// One JSON object per error, with every field
    Jsonl,
    /// The WMT MQM TSV, spans between <v> and </v>; with PATHs, their raters' judgments too
    Mqm,
    /// XLIFF 2.1, one unit per entry, spans as <mrk> with ITS quality issues
    Xliff,
}

/// An export, and what the reader of it should know.
#[derive(Debug, Default)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// Writes `entries`, in their order, in `format`. `docs` are the loaded
/// documents: `mqm` writes the raters' judgments of those that carry them
/// (WMT MQM files) with the reviewer's marks, and numbers every segment
/// within its document.
pub fn export<'e>(
    format: Format,
    entries: impl IntoIterator<Item = &'e Entry>,
    docs: &[&Document],
) -> Exported {
    let entries: Vec<&Entry> = entries.into_iter().collect();
    let mut out = Exported {
        bytes: Vec::with_capacity(entries.len() * 512),
        warnings: Vec::new(),
    };
    if format != Format::Mqm && docs.iter().any(|d| !d.ratings.is_empty()) {
        out.warnings.push(
            "raters' judgments are exported by --format mqm only; this export holds the notes"
                .into(),
        );
    }
    match format {
        Format::Csv => csv::write(&mut out.bytes, &entries),
        Format::Tsv => tsv::write(&mut out.bytes, &entries),
        Format::Jsonl => jsonl::write(&mut out.bytes, &entries),
        Format::Mqm => mqm::write(&mut out, &entries, docs),
        Format::Xliff => xliff::write(&mut out, &entries),
    }
    out
}

/// The columns of `csv`, `tsv` and `jsonl`: the entry's keys with the
/// error's in place of `errors`; `comment` is the segment's, as in the
/// notes file, `error_comment` the error's.
const COLUMNS: [&str; 18] = [
    "file",
    "locale",
    "id",
    "verdict",
    "category",
    "severity",
    "side",
    "start",
    "end",
    "text",
    "error_comment",
    "comment",
    "source",
    "target",
    "reviewer",
    "time",
    "seconds",
    "dismissed",
];

/// One row: an entry and one of its errors, or the entry alone when it has
/// none.
struct Row<'e> {
    entry: &'e Entry,
    error: Option<&'e MqmError>,
    /// The error's span where its text stands in the text it was marked on
    /// (SPEC: a span whose text is not at its offsets is looked up by its
    /// text); as written when it is found nowhere.
    span: Option<Cow<'e, Span>>,
}

/// The rows of `entries`, one per error.
fn rows<'e>(entries: &[&'e Entry]) -> impl Iterator<Item = Row<'e>> {
    entries.iter().flat_map(|&entry| {
        let errors = entry.errors.iter().map(Some);
        let alone = entry.errors.is_empty().then_some(None);
        errors.chain(alone).map(move |error| Row {
            entry,
            error,
            span: error.and_then(|e| located(entry, e.span.as_ref()?)),
        })
    })
}

fn located<'e>(entry: &Entry, span: &'e Span) -> Option<Cow<'e, Span>> {
    let found = entry
        .marked_text(span.side)
        .and_then(|text| span.locate(text).range());
    Some(match found {
        Some(at) if (at.start, at.end) != (span.start, span.end) => Cow::Owned(Span {
            start: at.start,
            end: at.end,
            ..span.clone()
        }),
        _ => Cow::Borrowed(span),
    })
}

/// One row as the cells of `COLUMNS`: a missing value is an empty cell,
/// dismissed checks are separated by spaces.
fn cells<'r>(row: &'r Row<'_>) -> [Cow<'r, str>; 18] {
    let (entry, error) = (row.entry, row.error);
    let span = row.span.as_deref();
    let number = |n: Option<usize>| n.map_or(Cow::Borrowed(""), |n| Cow::Owned(n.to_string()));
    [
        Cow::Borrowed(&entry.file),
        Cow::Borrowed(&entry.locale),
        Cow::Borrowed(&entry.id),
        Cow::Borrowed(entry.verdict.as_ref().map_or("", |v| v.name())),
        Cow::Borrowed(error.map_or("", |e| &e.category)),
        Cow::Borrowed(error.map_or("", |e| e.severity.name())),
        Cow::Borrowed(span.map_or("", |s| s.side.name())),
        number(span.map(|s| s.start)),
        number(span.map(|s| s.end)),
        Cow::Borrowed(span.map_or("", |s| &s.text)),
        Cow::Borrowed(error.map_or("", |e| &e.comment)),
        Cow::Borrowed(&entry.comment),
        Cow::Borrowed(entry.source.as_deref().unwrap_or("")),
        Cow::Borrowed(entry.target.as_deref().unwrap_or("")),
        Cow::Borrowed(&entry.reviewer),
        Cow::Borrowed(&entry.time),
        match entry.seconds > 0.0 {
            true => Cow::Owned(entry.seconds.to_string()),
            false => Cow::Borrowed(""),
        },
        Cow::Owned(entry.dismissed.join(" ")),
    ]
}
