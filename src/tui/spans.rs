//! The spans the screen highlights: the reviewer's marks where each one
//! stands now in its segment's text (moved with its text, or stale), the
//! raters' spans of a WMT MQM file, and the places the checks' findings are
//! about; made into highlights of the display forms whenever the marks, the
//! findings or the scope change.

use std::sync::Arc;

use super::display::{Highlight, Marker};
use super::session::Session;
use super::wmt;
use crate::mqm::{Placement, Side, Span};
use crate::notes::MqmError;
use crate::store::Segment;
use crate::store::wmt::RatingKind;

/// The raw text of one side of a segment; `None` for the source of a target
/// with no source partner.
pub fn side_text(seg: &Segment, side: Side) -> Option<&str> {
    match side {
        Side::Target => Some(seg.target()),
        Side::Source => seg.source(),
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

    /// The spans a segment shows highlighted: its counted errors' that
    /// stand in its text now, the raters' (only the chosen one's when the
    /// scope names a rater), and its open findings'.
    pub fn highlights(&self, doc: usize, segment: usize) -> Vec<Highlight> {
        let Some(document) = self.store.docs.get(doc) else {
            return Vec::new();
        };
        let seg = &document.segments[segment];
        let at = |span: &Span, marker: Marker| {
            let text = side_text(seg, span.side)?;
            let raw = span.locate(text).range().filter(|r| !r.is_empty())?;
            Some(Highlight {
                side: span.side,
                raw,
                marker,
            })
        };
        let mut out: Vec<Highlight> = self
            .entry(doc, segment)
            .map(|entry| entry.counted_errors())
            .unwrap_or_default()
            .iter()
            .filter_map(|error| at(error.span.as_ref()?, Marker::Mark(error.severity)))
            .collect();
        let rater = self.scope.rater.as_deref();
        out.extend(
            wmt::ratings(document, segment)
                .iter()
                .filter(|r| rater.is_none_or(|name| r.rater == name))
                .filter_map(|r| match &r.kind {
                    RatingKind::Error(e) => at(e.span.as_ref()?, Marker::Rater),
                    _ => None,
                }),
        );
        let spots = self.open_findings(doc, segment).flat_map(|f| &f.spots);
        out.extend(spots.filter(|s| !s.range.is_empty()).map(|spot| Highlight {
            side: spot.side,
            raw: spot.range.clone(),
            marker: Marker::Finding,
        }));
        out
    }

    /// Shows the marks' spans of an opened document highlighted, after the
    /// marks changed (or the document was opened); the search's hits,
    /// styled over the same texts, follow.
    pub(super) fn refresh_marks(&mut self, doc: usize) {
        let count = self.store.docs.get(doc).map_or(0, |d| d.segments.len());
        self.refresh_marks_of(doc, 0..count);
    }

    /// The same for every document opened so far, after a change to what
    /// all of them show (the findings arrived, the scope names another rater).
    pub(super) fn refresh_all_marks(&mut self) {
        let opened: Vec<usize> = self.displays.opened().collect();
        for doc in opened {
            self.refresh_marks(doc);
        }
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
