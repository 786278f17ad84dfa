//! `export --format mqm`: the tab-separated layout of the WMT MQM human
//! evaluation data, so that MQM tooling reads sxs reviews as it reads WMT's.

use super::Exported;
use crate::notes::{Entry, Verdict};
use crate::tsv::write_line as tsv_line;

const HEADER: [&str; 9] = [
    "system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity",
];

/// What produced the targets. The notes file does not record the engine,
/// and the documents sxs reviews are machine-translated.
const SYSTEM: &str = "MT";

/// One row per entry. `doc` and `doc_id` are both the file: the notes file
/// does not know the article. An OK entry is `No-error`, as in WMT's data.
pub(super) fn write(out: &mut Exported, entries: &[&Entry]) {
    tsv_line(&mut out.bytes, &HEADER);
    for entry in entries {
        let (category, severity) = match entry.verdict {
            Verdict::Ok => ("No-error".to_string(), "No-error"),
            Verdict::Bad => (
                entry.category_label().expect("a bad entry has a category"),
                match entry.bad_severity().expect("a bad entry has a severity") {
                    crate::mqm::Severity::Minor => "Minor",
                    crate::mqm::Severity::Major => "Major",
                    crate::mqm::Severity::Critical => "Critical",
                },
            ),
            Verdict::Other(ref verdict) => {
                out.warnings.push(format!(
                    "{} {}: verdict {verdict:?} has no MQM equivalent; left out",
                    entry.file, entry.id
                ));
                continue;
            }
        };
        tsv_line(
            &mut out.bytes,
            &[
                SYSTEM,
                &entry.file,
                &entry.file,
                &entry.id,
                &entry.reviewer,
                entry.source.as_deref().unwrap_or(""),
                &entry.target,
                &category,
                severity,
            ],
        );
    }
}
