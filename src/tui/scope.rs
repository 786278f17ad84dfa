//! Which part of a WMT MQM file the screen shows: one system's documents,
//! the segments one rater marked an error in, or both. It narrows the
//! documents `Tab`, `]` and the file list visit and the rows of the panes,
//! beside the view of `f` (all, unreviewed, flagged, suspicious).

use super::wmt::{self, Wmt};
use crate::store::Document;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only this system's documents.
    pub system: Option<String>,
    /// Only the segments this rater marked an error in.
    pub rater: Option<String>,
}

impl Scope {
    pub fn is_everything(&self) -> bool {
        self.system.is_none() && self.rater.is_none()
    }

    /// Whether the document is one the scope visits: of its system, and
    /// with an error of its rater.
    pub fn shows_doc(&self, wmt: &Wmt, doc: usize, document: &Document) -> bool {
        self.system
            .as_ref()
            .is_none_or(|s| wmt.system(doc) == Some(s.as_str()))
            && self
                .rater
                .as_ref()
                .is_none_or(|r| wmt::marks_in(document, r))
    }

    /// Whether a segment of a document the scope visits is shown.
    pub fn shows_segment(&self, document: &Document, segment: usize) -> bool {
        self.rater
            .as_ref()
            .is_none_or(|r| wmt::marked_by(document, segment, r))
    }

    /// What the status bar says is in force: `system GPT4-5shot · rater3`.
    pub fn label(&self) -> Option<String> {
        let parts: Vec<String> = [
            self.system.as_ref().map(|s| format!("system {s}")),
            self.rater.as_ref().map(|r| format!("{r}'s errors")),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}
