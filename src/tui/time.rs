//! Time on screen (SPEC `seconds`, as Anthea and Appraise record it): how
//! long each segment is the selected one, summed over visits. A visit's
//! time is carried by the notes file without a write and saved with the
//! segment's next change; leaving a marked segment after a second or more
//! saves it at once (`Notes::add_seconds`), and so does the end of the
//! review. Moving over segments costs no write.

use std::time::{Duration, Instant};

use super::session::{Session, Visit};

/// A visit to a marked segment at least this long is saved when it ends;
/// a shorter one waits for the segment's next write.
const SAVE_AFTER: f64 = 1.0;

impl Session {
    /// The clock time sessions count visits with.
    pub fn now(&self) -> Instant {
        Instant::now() + self.clock_offset
    }

    /// Moves the session's clock on, as if that much time had passed.
    pub fn advance_clock(&mut self, by: Duration) {
        self.clock_offset += by;
    }

    /// Follows the cursor: when the selected segment changed, the visit to
    /// the one before ends and one to the new one begins.
    pub fn track_time(&mut self) {
        let here = match self.segment_count() {
            0 => None,
            _ => Some((self.doc, self.position().cursor)),
        };
        if self.visit.map(|v| (v.doc, v.segment)) == here {
            return;
        }
        self.end_visit();
        let since = self.now();
        self.visit = here.map(|(doc, segment)| Visit {
            doc,
            segment,
            since,
        });
    }

    /// Carries the current visit's time so far (before a change to its
    /// segment, which writes it along) and goes on counting from now.
    pub(super) fn settle_time(&mut self) {
        let now = self.now();
        if let Some(visit) = self.visit.as_mut() {
            let seconds = now.duration_since(visit.since).as_secs_f64();
            visit.since = now;
            let (doc, segment) = (visit.doc, visit.segment);
            if let Some((file, id)) = self.segment_key(doc, segment) {
                self.notes.carry_seconds(&file, &id, seconds);
            }
        }
    }

    /// Stops counting (the terminal is handed to the shell or the editor):
    /// the time so far is carried, the time away is not counted.
    pub fn pause_time(&mut self) {
        self.settle_time();
    }

    /// Counts again from now, after a pause.
    pub fn resume_time(&mut self) {
        let now = self.now();
        if let Some(visit) = self.visit.as_mut() {
            visit.since = now;
        }
    }

    /// The review ends: the last visit ends, and every time carried for a
    /// marked segment is saved.
    pub fn finish_time(&mut self) {
        self.end_visit();
        // Time is not the reviewer's change: a notes file that cannot be
        // written now keeps what it has, and the review still ends.
        let _ = self.notes.save_seconds();
    }

    fn end_visit(&mut self) {
        self.settle_time();
        let Some(visit) = self.visit.take() else {
            return;
        };
        let Some((file, id)) = self.segment_key(visit.doc, visit.segment) else {
            return;
        };
        if self.notes.carried_seconds(&file, &id) >= SAVE_AFTER
            && self.notes.get(&file, &id).is_some()
        {
            // As above: time never stops the review.
            let _ = self.notes.add_seconds(&file, &id, 0.0);
        }
    }

    fn segment_key(&self, doc: usize, segment: usize) -> Option<(String, String)> {
        let d = self.store.docs.get(doc)?;
        Some((d.path.clone(), d.segments.get(segment)?.id().to_string()))
    }
}
