//! What the review screen does to a segment's entry: add an error (never
//! replacing one), edit or delete one, set the segment's comment, mark it
//! ok, count its time on screen. Each is saved at once and, but for the
//! time, is one step of undo.

use super::entry::now;
use super::{Entry, MqmError, Notes, NotesError, SegmentRef, Verdict};
use crate::mqm::{Placement, Severity, Side};

impl Notes {
    /// Adds `error` to the segment's entry, which becomes (or stays) bad,
    /// and saves; a segment with no entry gets one. Never replaces an error.
    /// A span must stand in the segment's current text: a span in the
    /// source of a segment that has none, or one that does not match the
    /// text, is refused with [`NotesError::Refused`].
    pub fn add_error(
        &mut self,
        seg: SegmentRef,
        reviewer: &str,
        error: MqmError,
    ) -> Result<(), NotesError> {
        self.add_errors(seg, reviewer, vec![error])
    }

    /// Adds several errors to the segment in one change (one write, one
    /// undo), or none when one of their spans does not stand in the text.
    pub fn add_errors(
        &mut self,
        seg: SegmentRef,
        reviewer: &str,
        errors: Vec<MqmError>,
    ) -> Result<(), NotesError> {
        if errors.is_empty() {
            return Err(refused(seg, "no error to add".to_string()));
        }
        self.prepare()?;
        for span in errors.iter().filter_map(|e| e.span.as_ref()) {
            let why = match seg.text(span.side) {
                None => Some(
                    "cannot mark a span in the source: this segment has none \
                     (a target with no source partner)"
                        .to_string(),
                ),
                Some(text) => span.problem(text),
            };
            if let Some(why) = why {
                return Err(refused(seg, why));
            }
        }
        let mut entry = self.judged(seg, reviewer);
        entry.verdict = Some(Verdict::Bad);
        entry.errors.extend(errors);
        self.change(seg.file.to_string(), seg.id.to_string(), Some(entry))
    }

    /// Changes the category, severity and comment of the segment's error
    /// number `index` (its span stays), and saves.
    pub fn edit_error(
        &mut self,
        seg: SegmentRef,
        reviewer: &str,
        index: usize,
        (category, severity, comment): (&str, Severity, &str),
    ) -> Result<(), NotesError> {
        self.prepare()?;
        let mut entry = self.judged(seg, reviewer);
        let error = entry
            .errors
            .get_mut(index)
            .ok_or_else(|| refused(seg, format!("there is no error {}", index + 1)))?;
        error.category = category.to_string();
        error.severity = severity;
        error.comment = comment.to_string();
        self.change(seg.file.to_string(), seg.id.to_string(), Some(entry))
    }

    /// Deletes the segment's error number `index`, and saves. Without
    /// errors the entry has no verdict any more (the segment is unreviewed);
    /// when it then holds nothing else (comment, dismissals, time, hand
    /// edits) it goes.
    pub fn delete_error(
        &mut self,
        seg: SegmentRef,
        reviewer: &str,
        index: usize,
    ) -> Result<(), NotesError> {
        self.prepare()?;
        let mut entry = self.judged(seg, reviewer);
        if index >= entry.errors.len() {
            return Err(refused(seg, format!("there is no error {}", index + 1)));
        }
        entry.errors.remove(index);
        if entry.errors.is_empty() && entry.verdict == Some(Verdict::Bad) {
            entry.verdict = None;
        }
        let says_nothing = entry.verdict.is_none()
            && entry.comment.is_empty()
            && entry.dismissed.is_empty()
            && entry.seconds == 0.0
            && entry.extra.is_empty();
        let after = (!says_nothing).then_some(entry);
        self.change(seg.file.to_string(), seg.id.to_string(), after)
    }

    /// Sets the comment on the segment as a whole (ok or bad, or not judged
    /// yet), and saves. Its verdict and the text it judged stay.
    pub fn set_comment(
        &mut self,
        seg: SegmentRef,
        reviewer: &str,
        comment: &str,
    ) -> Result<(), NotesError> {
        self.prepare()?;
        let mut entry = match self.get(seg.file, seg.id) {
            Some(entry) => entry.clone(),
            None => Entry::unjudged(seg, reviewer),
        };
        entry.comment = comment.to_string();
        entry.reviewer = reviewer.to_string();
        entry.time = now();
        self.change(seg.file.to_string(), seg.id.to_string(), Some(entry))
    }

    /// Marks the segment ok, and saves. An ok entry has no errors (SPEC):
    /// those it had go with this step (an undo brings them back), so the
    /// screen asks first when [`Entry::counted_errors`] has any. The
    /// comment, dismissals and time stay.
    pub fn mark_ok(&mut self, seg: SegmentRef, reviewer: &str) -> Result<(), NotesError> {
        self.prepare()?;
        let mut entry = self.judged(seg, reviewer);
        entry.verdict = Some(Verdict::Ok);
        entry.errors.clear();
        self.change(seg.file.to_string(), seg.id.to_string(), Some(entry))
    }

    /// Adds `seconds` of time on screen to the segment's entry, with what
    /// was carried for it ([`Notes::carry_seconds`]), and saves; `Ok(false)`
    /// (nothing saved) when the segment has no entry: the screen keeps the
    /// time until the segment is marked. Time is not a change of the
    /// reviewer's: undo neither takes it back nor stops at it.
    pub fn add_seconds(&mut self, file: &str, id: &str, seconds: f64) -> Result<bool, NotesError> {
        self.prepare()?;
        let Some(before) = self.get(file, id).cloned() else {
            return Ok(false);
        };
        let key = (file.to_string(), id.to_string());
        let carried = self.carried.get(&key).copied().unwrap_or(0.0);
        let seconds = if seconds.is_finite() && seconds > 0.0 {
            seconds + carried
        } else {
            carried
        };
        if seconds <= 0.0 {
            return Ok(true);
        }
        let mut after = before.clone();
        after.seconds = super::rounded(before.seconds + seconds);
        let change = super::history::Change {
            file: file.to_string(),
            id: id.to_string(),
            before: Some(before),
            after: Some(after),
            before_text: self.slot(file, id).and_then(|s| s.as_written()),
            after_text: None,
        };
        self.apply(&change)?;
        self.carried.remove(&key);
        Ok(true)
    }

    /// Keeps `seconds` of time on screen for the segment without saving:
    /// they are written with the segment's next change (a mark, an error, a
    /// comment), by [`Notes::add_seconds`], or by [`Notes::save_seconds`],
    /// so that moving over a segment does not cost a write each time.
    pub fn carry_seconds(&mut self, file: &str, id: &str, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            *self
                .carried
                .entry((file.to_string(), id.to_string()))
                .or_default() += seconds;
        }
    }

    /// The time carried for the segment and not saved yet.
    pub fn carried_seconds(&self, file: &str, id: &str) -> f64 {
        self.carried
            .get(&(file.to_string(), id.to_string()))
            .copied()
            .unwrap_or(0.0)
    }

    /// Saves the time carried for every segment that has an entry (at the
    /// end of a review); the time of segments never marked is dropped.
    pub fn save_seconds(&mut self) -> Result<(), NotesError> {
        let carried: Vec<(String, String)> = self.carried.keys().cloned().collect();
        for (file, id) in carried {
            if !self.add_seconds(&file, &id, 0.0)? {
                self.carried.remove(&(file, id));
            }
        }
        Ok(())
    }

    /// The segment's entry (or a new one) about to take a judgment of the
    /// segment as it is now: reviewer, time and texts are the current ones,
    /// and when the texts changed since, the spans of its errors are moved
    /// to where their text stands now (left as they are where it is gone).
    fn judged(&self, seg: SegmentRef, reviewer: &str) -> Entry {
        let Some(old) = self.get(seg.file, seg.id) else {
            return Entry::unjudged(seg, reviewer);
        };
        let mut entry = old.clone();
        for span in entry.errors.iter_mut().filter_map(|e| e.span.as_mut()) {
            let now = match span.side {
                Side::Target => Some(seg.target),
                Side::Source => seg.source,
            };
            if let Some(Placement::Moved(range)) = now.map(|text| span.locate(text)) {
                (span.start, span.end) = (range.start, range.end);
            }
        }
        entry.locale = seg.locale.to_string();
        entry.source = seg.source.map(str::to_string);
        entry.target = Some(seg.target.to_string());
        entry.reviewer = reviewer.to_string();
        entry.time = now();
        entry
    }
}

fn refused(seg: SegmentRef, why: String) -> NotesError {
    NotesError::Refused {
        file: seg.file.to_string(),
        id: seg.id.to_string(),
        why,
    }
}
