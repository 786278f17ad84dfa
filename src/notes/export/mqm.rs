//! `export --format mqm`: the tab-separated layout of the WMT MQM human
//! evaluation data (SPEC "WMT MQM data"), so that MQM tooling reads sxs
//! reviews as it reads WMT's, and sxs reads them back as it reads WMT's:
//! one row per error with its span between `<v>` and `</v>`, one
//! `No-error` row per ok segment, comments in the `comment` column.
//!
//! The raters' judgments of the WMT documents given come first, document by
//! document, each segment's rows followed by the reviewer's; then the
//! reviewer's marks on other files. Those of a WMT document not given keep
//! its system and name (read off `FILE#SYSTEM/DOC`); the others' system is
//! `MT` (the notes file does not record the engine) and their `doc` the
//! file. `doc_id`, which WMT tools read as the segment's number in its
//! document, is what the WMT file gave, else the segment's place among its
//! document's segments: the same whatever else is reviewed.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::Exported;
use crate::mqm::{Severity, Side, Span};
use crate::notes::{Entry, Verdict};
use crate::store::wmt::{self, RatingKind};
use crate::store::{Document, Segment};
use crate::tsv::write_line as tsv_line;

/// The header: SPEC's ten columns, then, when some field needed escaping,
/// a field no row has (as the 2023 files carry one) that tells sxs's reader
/// the fields are escaped the way `tsv_line` escapes them, so that texts
/// with tabs, line breaks or backslashes read back as they were. Without
/// one, the header is the plain WMT one that other tools map by name.
const HEADER: [&str; 11] = [
    "system",
    "doc",
    "doc_id",
    "seg_id",
    "rater",
    "source",
    "target",
    "category",
    "severity",
    "comment",
    wmt::ESCAPED_MARK,
];

/// The system of entries for files that are not WMT documents.
const SYSTEM: &str = "MT";

pub(super) fn write(out: &mut Exported, entries: &[&Entry], docs: &[&Document]) {
    let start = out.bytes.len();
    write_rows(out, entries, docs);
    // Every escape starts with a backslash, and a backslash is escaped:
    // the rows hold one only when some field was escaped.
    let escaped = out.bytes[start..].contains(&b'\\');
    let mut header = Vec::new();
    tsv_line(&mut header, &HEADER[..HEADER.len() - usize::from(!escaped)]);
    out.bytes.splice(start..start, header);
}

fn write_rows(out: &mut Exported, entries: &[&Entry], docs: &[&Document]) {
    let by_segment: HashMap<(&str, &str), &Entry> = entries
        .iter()
        .map(|e| ((e.file.as_str(), e.id.as_str()), *e))
        .collect();
    let mut written: HashSet<(&str, &str)> = HashSet::new();
    let mut rows = Rows {
        out: &mut out.bytes,
        warnings: &mut out.warnings,
        segment_comments: 0,
    };
    for doc in docs {
        let Some((system, name)) = wmt::names(doc) else {
            continue;
        };
        for (i, seg) in doc.segments.iter().enumerate() {
            let source = seg.source().unwrap_or("");
            let first = doc.ratings.partition_point(|r| r.segment < i);
            let end = doc.ratings.partition_point(|r| r.segment <= i);
            for rating in &doc.ratings[first..end] {
                let (category, severity, span, comment) = match &rating.kind {
                    RatingKind::NoError => ("No-error", "No-error", None, ""),
                    RatingKind::AttentionCheck { category } => (&**category, "HOTW-test", None, ""),
                    RatingKind::Error(e) => {
                        (&*e.category, &*e.severity, e.span.as_ref(), &*e.comment)
                    }
                };
                let texts = marked(source, seg.target(), span);
                let place = [system, name, &rating.doc_id, seg.id()];
                rows.line(place, &rating.rater, &texts, [category, severity, comment]);
            }
            if let Some(entry) = by_segment.get(&(doc.path.as_str(), seg.id())) {
                written.insert((&entry.file, &entry.id));
                rows.entry(entry, [system, name, &doc_id(doc, i), seg.id()], Some(seg));
            }
        }
    }
    let by_path: HashMap<&str, &Document> = docs.iter().map(|d| (d.path.as_str(), *d)).collect();
    // Entries whose segment is not in its document as read now, by file:
    // numbered after the document's segments, so that none shares a number.
    let mut unplaced: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in entries {
        if written.contains(&(entry.file.as_str(), entry.id.as_str())) {
            continue;
        }
        let (system, name) =
            wmt::split_path(&entry.file).map_or((SYSTEM, entry.file.as_str()), |(_, s, d)| (s, d));
        let doc = by_path.get(entry.file.as_str());
        let at = doc.and_then(|d| d.segments.iter().position(|s| s.id() == entry.id));
        let now = doc.zip(at).map(|(d, i)| &d.segments[i]);
        let number = match (doc, at) {
            (Some(doc), Some(i)) => doc_id(doc, i),
            _ => {
                let count = unplaced.entry(&entry.file).or_default();
                *count += 1;
                Cow::Owned((doc.map_or(0, |d| d.segments.len()) + *count).to_string())
            }
        };
        rows.entry(entry, [system, name, &number, &entry.id], now);
    }
    for (file, count) in unplaced {
        let why = match by_path.contains_key(file) {
            true => "are no longer in it",
            false => "are in a file that cannot be read here under that name",
        };
        rows.warnings.push(format!(
            "{file}: {count} marked segments {why}: their doc_id numbers them after the \
             document's segments, in the notes file's order; export in the folder the review \
             was made in to give their place in the document"
        ));
    }
    let left_out = rows.segment_comments;
    if left_out > 0 {
        out.warnings.push(format!(
            "{left_out} comments on bad segments as a whole have no column in the WMT format: \
             left out (the errors' own comments are in)"
        ));
    }
}

/// The `doc_id` of segment `i` of `doc`: the one its WMT file gave, else
/// its place among the document's segments, from 1.
fn doc_id(doc: &Document, i: usize) -> Cow<'_, str> {
    let first = doc.ratings.partition_point(|r| r.segment < i);
    match doc.ratings.get(first).filter(|r| r.segment == i) {
        Some(rating) => Cow::Borrowed(&rating.doc_id),
        None => Cow::Owned((i + 1).to_string()),
    }
}

struct Rows<'o> {
    out: &'o mut Vec<u8>,
    warnings: &'o mut Vec<String>,
    /// Comments on bad segments as a whole, left out.
    segment_comments: usize,
}

impl Rows<'_> {
    /// One row: `place` is system, doc, doc_id, seg_id.
    fn line(&mut self, place: [&str; 4], rater: &str, texts: &[String; 2], what: [&str; 3]) {
        let [system, doc, doc_id, seg_id] = place;
        let [category, severity, comment] = what;
        tsv_line(
            self.out,
            &[
                system, doc, doc_id, seg_id, rater, &texts[0], &texts[1], category, severity,
                comment,
            ],
        );
    }

    /// The rows of one notes entry: its errors, or `No-error`.
    /// The rows of one notes entry; `now` is its segment as read, if it was.
    fn entry(&mut self, entry: &Entry, place: [&str; 4], now: Option<&Segment>) {
        // An entry written by hand records no texts: the segment's stand in.
        let (source, target) = match (&entry.target, now) {
            (None, Some(seg)) => (seg.source().unwrap_or(""), seg.target()),
            _ => (
                entry.source.as_deref().unwrap_or(""),
                entry.target.as_deref().unwrap_or(""),
            ),
        };
        match &entry.verdict {
            Some(Verdict::Ok) => {
                let texts = marked(source, target, None);
                let what = ["No-error", "No-error", entry.comment.as_str()];
                self.line(place, &entry.reviewer, &texts, what);
            }
            Some(Verdict::Bad) => {
                self.segment_comments += usize::from(!entry.comment.is_empty());
                for error in &entry.errors {
                    let span = error.span.as_ref().and_then(|span| {
                        let text = match span.side {
                            Side::Target => target,
                            Side::Source => source,
                        };
                        let at = span.locate(text).range();
                        if at.is_none() {
                            self.warnings.push(format!(
                                "{} {}: the span {:?} is not in the {} it was marked on: \
                                 written as an error on the whole segment",
                                entry.file,
                                entry.id,
                                span.text,
                                span.side.name()
                            ));
                        }
                        at.map(|at| Span {
                            start: at.start,
                            end: at.end,
                            ..span.clone()
                        })
                    });
                    let texts = marked(source, target, span.as_ref());
                    let (label, severity) = (error.category_label(), wmt_severity(error.severity));
                    let what = [label.as_str(), severity, error.comment.as_str()];
                    self.line(place, &entry.reviewer, &texts, what);
                }
            }
            Some(Verdict::Other(verdict)) => self.warnings.push(format!(
                "{} {}: verdict {verdict:?} has no MQM equivalent; left out",
                entry.file, entry.id
            )),
            // Dismissed findings alone judge nothing.
            None => {}
        }
    }
}

/// Source and target with the span, if any, between `<v>` and `</v>`.
/// Callers give spans that stand in the text; one that does not is left
/// out rather than cut a character.
fn marked(source: &str, target: &str, span: Option<&Span>) -> [String; 2] {
    let mark = |text: &str, side: Side| {
        let Some(span) = span.filter(|s| s.side == side) else {
            return text.to_string();
        };
        match (
            text.get(..span.start),
            text.get(span.start..span.end),
            text.get(span.end..),
        ) {
            (Some(before), Some(inside), Some(after)) => format!("{before}<v>{inside}</v>{after}"),
            _ => text.to_string(),
        }
    };
    [mark(source, Side::Source), mark(target, Side::Target)]
}

/// Severities as the WMT files write them.
fn wmt_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Neutral => "Neutral",
        Severity::Minor => "Minor",
        Severity::Major => "Major",
        Severity::Critical => "Critical",
    }
}
