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
//! file. Their `doc_id` numbers them within their document, in the notes
//! file's order: WMT tools read it as a number.

use std::collections::{HashMap, HashSet};

use super::Exported;
use crate::mqm::{Severity, Side, Span};
use crate::notes::{Entry, Verdict};
use crate::store::Document;
use crate::store::wmt::{self, RatingKind};
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

pub(super) fn write(out: &mut Exported, entries: &[&Entry], rated: &[&Document]) {
    let start = out.bytes.len();
    write_rows(out, entries, rated);
    // Every escape starts with a backslash, and a backslash is escaped:
    // the rows hold one only when some field was escaped.
    let escaped = out.bytes[start..].contains(&b'\\');
    let mut header = Vec::new();
    tsv_line(&mut header, &HEADER[..HEADER.len() - usize::from(!escaped)]);
    out.bytes.splice(start..start, header);
}

fn write_rows(out: &mut Exported, entries: &[&Entry], rated: &[&Document]) {
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
    for doc in rated {
        let Some((system, name)) = wmt::names(doc) else {
            continue;
        };
        for (i, seg) in doc.segments.iter().enumerate() {
            let doc_id = (i + 1).to_string();
            let place = [system, name, &doc_id, seg.id()];
            let source = seg.source().unwrap_or("");
            let first = doc.ratings.partition_point(|r| r.segment < i);
            let ratings = doc.ratings[first..].iter().take_while(|r| r.segment == i);
            for rating in ratings {
                let (category, severity, span, comment) = match &rating.kind {
                    RatingKind::NoError => ("No-error", "No-error", None, ""),
                    RatingKind::AttentionCheck { category } => (&**category, "HOTW-test", None, ""),
                    RatingKind::Error(e) => {
                        (&*e.category, &*e.severity, e.span.as_ref(), &*e.comment)
                    }
                };
                let texts = marked(source, seg.target(), span);
                rows.line(place, &rating.rater, &texts, [category, severity, comment]);
            }
            if let Some(entry) = by_segment.get(&(doc.path.as_str(), seg.id())) {
                written.insert((&entry.file, &entry.id));
                rows.entry(entry, place);
            }
        }
    }
    let mut numbers: HashMap<(&str, &str), usize> = HashMap::new();
    for entry in entries {
        if !written.contains(&(entry.file.as_str(), entry.id.as_str())) {
            let (system, doc) = wmt_names(&entry.file).unwrap_or((SYSTEM, &entry.file));
            let number = numbers.entry((system, doc)).or_default();
            *number += 1;
            rows.entry(entry, [system, doc, &number.to_string(), &entry.id]);
        }
    }
    let left_out = rows.segment_comments;
    if left_out > 0 {
        out.warnings.push(format!(
            "{left_out} comments on bad segments as a whole have no column in the WMT format: \
             left out (the errors' own comments are in)"
        ));
    }
}

/// The system and document of a WMT document's `FILE#SYSTEM/DOC` name (as
/// [`wmt::names`] reads it off a loaded document): after the last `#`
/// followed by a `/`, the system up to that `/`, which no system name holds.
/// `None` for any other file name, `c#/intro.md` too (no system).
fn wmt_names(file: &str) -> Option<(&str, &str)> {
    let hash = file
        .rmatch_indices('#')
        .map(|(i, _)| i)
        .find(|&i| file[i..].contains('/'))?;
    let (system, doc) = file[hash + 1..].split_once('/')?;
    (hash > 0 && !system.is_empty() && !doc.is_empty()).then_some((system, doc))
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
    fn entry(&mut self, entry: &Entry, place: [&str; 4]) {
        let source = entry.source.as_deref().unwrap_or("");
        match &entry.verdict {
            Some(Verdict::Ok) => {
                let texts = marked(source, entry.target.as_deref().unwrap_or(""), None);
                let what = ["No-error", "No-error", entry.comment.as_str()];
                self.line(place, &entry.reviewer, &texts, what);
            }
            Some(Verdict::Bad) => {
                self.segment_comments += usize::from(!entry.comment.is_empty());
                for error in &entry.errors {
                    let span = error.span.as_ref().and_then(|span| {
                        let text = entry.marked_text(span.side).unwrap_or("");
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
                    let texts =
                        marked(source, entry.target.as_deref().unwrap_or(""), span.as_ref());
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

#[cfg(test)]
mod tests {
    use super::wmt_names;

    #[test]
    fn a_wmt_documents_file_name_gives_back_its_system_and_document() {
        assert_eq!(
            wmt_names("runs/mqm#2.tsv#GPT4-5shot/news_voa:zh-en/part"),
            Some(("GPT4-5shot", "news_voa:zh-en/part"))
        );
        assert_eq!(wmt_names("docs/c#/intro.md"), None);
        assert_eq!(wmt_names("ja-jp/a.md"), None);
    }
}
