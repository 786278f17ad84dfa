//! The error spans of the marks as the screen shows them: where each one
//! stands now in its segment's text (moved with its text, or stale), made
//! into highlights of the display forms whenever the marks change.

use std::sync::Arc;

use super::display::Highlight;
use super::session::Session;
use crate::mqm::{Placement, Side};
use crate::notes::MqmError;
use crate::store::Segment;

/// The raw text of one side of a segment; `None` for the source of a target
/// with no source partner.
pub fn side_text(seg: &Segment, side: Side) -> Option<&str> {
    match side {
        Side::Target => Some(&seg.target),
        Side::Source => seg.source.as_deref(),
    }
}

impl Session {
    /// Where a marked error's span stands now in the open document's
    /// segment: `None` for an error on the whole segment.
    pub fn placement(&self, segment: usize, error: &MqmError) -> Option<Placement> {
        let span = error.span.as_ref()?;
        let seg = self.store.docs.get(self.doc)?.segments.get(segment)?;
        let text = side_text(seg, span.side);
        Some(text.map_or(Placement::Stale, |text| span.locate(text)))
    }

    /// The spans of a segment's counted errors that stand in its text now.
    pub fn highlights(&self, doc: usize, segment: usize) -> Vec<Highlight> {
        let Some(entry) = self.entry(doc, segment) else {
            return Vec::new();
        };
        let seg = &self.store.docs[doc].segments[segment];
        entry
            .counted_errors()
            .iter()
            .filter_map(|error| {
                let span = error.span.as_ref()?;
                let text = side_text(seg, span.side)?;
                let raw = span.locate(text).range().filter(|r| !r.is_empty())?;
                Some(Highlight {
                    side: span.side,
                    raw,
                    severity: error.severity,
                })
            })
            .collect()
    }

    /// Shows the marks' spans of an opened document highlighted, after the
    /// marks changed (or the document was opened); the search's hits,
    /// styled over the same texts, follow.
    pub(super) fn refresh_marks(&mut self, doc: usize) {
        let count = self.store.docs.get(doc).map_or(0, |d| d.segments.len());
        self.refresh_marks_of(doc, 0..count);
    }

    /// The same for the segments `segments` of an opened document only (a
    /// change to one segment's entry).
    pub(super) fn refresh_marks_of(&mut self, doc: usize, segments: std::ops::Range<usize>) {
        let store = Arc::clone(&self.store);
        let mut changed = false;
        for segment in segments {
            let marks = self.highlights(doc, segment);
            changed |= self.displays.highlight(&store, doc, segment, marks);
        }
        if changed && doc == self.doc && !self.search.query.is_empty() {
            self.search.refresh(&self.displays, doc);
        }
    }
}
