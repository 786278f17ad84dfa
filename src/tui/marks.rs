//! Marking: verdicts saved to the notes file on every change, undo and redo,
//! and the checks' findings accepted or dismissed. After a change the cursor
//! stays on its segment if the view still shows it, else goes to the row that
//! followed it, so that a filtered view never skips a segment.

use std::sync::Arc;

use super::display::plural;
use super::layout::walk;
use super::session::Session;
use super::spans::side_text;
use crate::check::{self, Finding};
use crate::mqm::{Severity, Span};
use crate::notes::{MqmError, NotesError, SegmentRef};
use crate::store::Segment;

impl Session {
    /// Runs a change to the notes file; a refusal (read-only, disk error) is
    /// shown and changes nothing, so the screen never shows an unsaved mark.
    /// `Some` when saved, with a note to add to the message: a notes file
    /// that was read-only (another sxs held it) and took the change says that
    /// it is writable now. The change is always tried, so that the notes
    /// file can take the lock the other sxs let go of.
    fn save(
        &mut self,
        change: impl FnOnce(&mut Session) -> Result<(), NotesError>,
    ) -> Option<&'static str> {
        let was_read_only = self.notes.is_read_only();
        let reads = self.notes.reads();
        match change(self) {
            Ok(()) => {
                // A hand edit read in with the change may have changed any
                // segment's entry: every count and highlight follows it.
                if self.notes.reads() != reads {
                    self.recount_all();
                    self.refresh_all_marks();
                } else {
                    self.recount(self.doc);
                }
                Some(match was_read_only && !self.notes.is_read_only() {
                    true => "; the notes file is writable again",
                    false => "",
                })
            }
            Err(NotesError::ReadOnly { reason, .. }) => {
                self.complain(format!("read-only, nothing saved: {reason}"));
                None
            }
            Err(err) => {
                self.complain(format!("not saved: {err}"));
                None
            }
        }
    }

    /// Saves `change` on the segment under the cursor; the store is shared,
    /// so the segment can be read while the session changes.
    fn save_at_cursor(
        &mut self,
        change: impl FnOnce(&mut Session, SegmentRef) -> Result<(), NotesError>,
    ) -> Option<&'static str> {
        let store = Arc::clone(&self.store);
        let doc = store.docs.get(self.doc)?;
        let seg = doc.segments.get(self.position().cursor)?;
        // The time on screen so far goes with the change, in the same write.
        self.settle_time();
        let cursor = self.position().cursor;
        let saved = self.save(|session| change(session, SegmentRef::new(doc, seg)));
        if saved.is_some() {
            self.refresh_marks_of(self.doc, cursor..cursor + 1);
        }
        saved
    }

    /// Keeps the reviewer in the view after a change to the segment under the
    /// cursor (on it if still shown, else on the row that followed it) and
    /// says `message`.
    fn after_change(&mut self, message: &str) {
        match self.land_on(self.position().cursor) {
            true => self.say(message),
            false => {
                let label = self.filter.label();
                self.say(format!("{message}; no {label} segment left in this file"))
            }
        }
    }

    /// Marks the segment OK and goes on to the next row of the view (the
    /// marked one may have left it). An ok entry has no errors: on a segment
    /// that has some, the first press only says so, and `confirmed` (the
    /// same key again, at once) makes it ok; `u` brings them back. `again`
    /// and `undo` name the keys in force.
    pub fn mark_ok(&mut self, confirmed: bool, (again, undo): (&str, &str)) {
        let reviewer = self.reviewer.clone();
        let (doc, cursor) = (self.doc, self.position().cursor);
        let errors = self
            .entry(doc, cursor)
            .map_or(0, |e| e.counted_errors().len());
        if errors > 0 && !confirmed {
            self.ok_armed = Some((doc, cursor));
            let errors = plural(errors, "error", "errors");
            let those = if errors.starts_with("1 ") {
                "it"
            } else {
                "them"
            };
            return self.complain(format!(
                "this segment has {errors}; {again} again makes it ok and removes {those} ({undo} undoes)"
            ));
        }
        let Some(note) = self.save_at_cursor(|s, seg| s.notes.mark_ok(seg, &reviewer)) else {
            return;
        };
        let message = match errors {
            0 => format!("✓ saved{note}"),
            1 => format!("✓ saved, its error removed ({undo} undoes){note}"),
            n => format!("✓ saved, its {n} errors removed ({undo} undoes){note}"),
        };
        self.move_on(&message);
    }

    /// After a verdict: on to the next row of the view, or (at the end)
    /// wherever the view keeps the reviewer.
    fn move_on(&mut self, message: &str) {
        let below = walk(self, self.position().cursor + 1, true).next();
        match below {
            Some(next) => {
                self.go_to(next);
                self.say(message);
            }
            None => self.after_change(message),
        }
    }

    /// Adds an error of an MQM category and severity to the segment's
    /// errors, on `span` or (`None`) on the whole segment. The cursor stays
    /// for the next error, unless the config asks to go on
    /// (`advance_after_error`).
    pub fn add_error(
        &mut self,
        category: &str,
        severity: Severity,
        comment: &str,
        span: Option<Span>,
    ) {
        let reviewer = self.reviewer.clone();
        let mut error = MqmError::new(category, severity).with_comment(comment);
        if let Some(span) = span {
            error = error.with_span(span);
        }
        let saved = self.save_at_cursor(|s, seg| s.notes.add_error(seg, &reviewer, error));
        if let Some(note) = saved {
            let count = self.errors_here();
            let message = format!("✗ saved: {severity} {category}{count}{note}");
            match self.advance_after_error {
                true => self.move_on(&message),
                false => self.after_change(&message),
            }
        }
    }

    /// Changes the category, severity and comment of the segment's error
    /// number `index` (from 0); its span stays.
    pub fn edit_error(&mut self, index: usize, category: &str, severity: Severity, comment: &str) {
        let reviewer = self.reviewer.clone();
        let saved = self.save_at_cursor(|s, seg| {
            s.notes
                .edit_error(seg, &reviewer, index, (category, severity, comment))
        });
        if let Some(note) = saved {
            self.after_change(&format!(
                "✗ error {} saved: {severity} {category}{note}",
                index + 1
            ));
        }
    }

    /// Deletes the segment's error number `index` (from 0); `undo` names
    /// the key that brings it back.
    pub fn delete_error(&mut self, index: usize, undo: &str) {
        let reviewer = self.reviewer.clone();
        let saved = self.save_at_cursor(|s, seg| s.notes.delete_error(seg, &reviewer, index));
        if let Some(note) = saved {
            let left = self
                .entry(self.doc, self.position().cursor)
                .map_or(0, |e| e.errors.len());
            let left = match left {
                0 => "no error left".to_string(),
                n => format!("{} left", plural(n, "error", "errors")),
            };
            self.after_change(&format!(
                "error {} deleted, {left} ({undo} undoes){note}",
                index + 1
            ));
        }
    }

    /// Sets the comment on the segment as a whole (empty: none).
    pub fn set_comment(&mut self, comment: &str) {
        let reviewer = self.reviewer.clone();
        let saved = self.save_at_cursor(|s, seg| s.notes.set_comment(seg, &reviewer, comment));
        if let Some(note) = saved {
            let what = match comment.is_empty() {
                true => "comment removed",
                false => "comment saved",
            };
            self.after_change(&format!("{what}{note}"));
        }
    }

    /// `(error N)` when the segment under the cursor has more than one.
    fn errors_here(&self) -> String {
        match self.entry(self.doc, self.position().cursor) {
            Some(entry) if entry.errors.len() > 1 => format!(" (error {})", entry.errors.len()),
            _ => String::new(),
        }
    }

    pub fn clear_mark(&mut self) {
        let mut cleared = false;
        let saved = self.save_at_cursor(|s, seg| {
            cleared = s.notes.clear(seg.file, seg.id)?;
            Ok(())
        });
        match saved {
            Some(note) if cleared => self.after_change(&format!("mark cleared{note}")),
            Some(note) => self.say(format!("no mark here to clear{note}")),
            None => {}
        }
    }

    /// Undoes (or redoes) the last change and goes to the segment it
    /// concerned, or to the row after it when the view no longer shows it.
    pub fn undo(&mut self, redo: bool) {
        let mut changed = None;
        let saved = self.save(|s| {
            changed = if redo {
                s.notes.redo()?
            } else {
                s.notes.undo()?
            };
            Ok(())
        });
        let Some(note) = saved else {
            return;
        };
        let Some((file, id)) = changed else {
            return self.complain(if redo {
                "nothing to redo"
            } else {
                "nothing to undo"
            });
        };
        // What the step left, so that the reviewer knows what came back.
        let now = match self.notes.get(&file, &id) {
            Some(entry) if entry.is_bad() => plural(entry.errors.len(), "error", "errors"),
            Some(entry) if entry.is_reviewed() => "ok".to_string(),
            _ => "not marked".to_string(),
        };
        let done = if redo { "redone" } else { "undone" };
        let message = format!("{done} on {id}: now {now}{note}");
        match self.go_to_segment(&file, &id) {
            Some(segment) => {
                self.recount(self.doc);
                self.refresh_marks_of(self.doc, segment..segment + 1);
                self.position_mut().cursor = segment;
                self.after_change(&message);
            }
            None => self.say(message),
        }
    }

    /// Turns the segment's open finding number `index` (from 0) into
    /// errors with the check's category and severity and its message as
    /// the comment: one at each place it names, else one on the whole
    /// segment. A place whose error was deleted is marked again.
    pub fn accept_finding(&mut self, index: usize) {
        let cursor = self.position().cursor;
        let Some(finding) = self.open_findings(self.doc, cursor).nth(index).cloned() else {
            return self.complain("no finding here to accept");
        };
        let errors = self.unmarked_errors(self.doc, cursor, &finding);
        if errors.is_empty() {
            let message = format!(
                "{} is already a mark here: the error list shows it",
                finding.check
            );
            return self.complain(message);
        }
        let reviewer = self.reviewer.clone();
        let count = errors.len();
        let saved = self.save_at_cursor(|s, seg| s.notes.add_errors(seg, &reviewer, errors));
        if let Some(note) = saved {
            let errors = match count {
                1 => String::new(),
                n => format!(" ({n} errors, one at each place it names)"),
            };
            self.after_change(&format!(
                "✗ saved from {}: {} {}{errors}{note}",
                finding.check, finding.severity, finding.category
            ));
        }
    }

    /// Whether the finding was made a mark of the segment (`A`) at every
    /// place it names.
    pub fn accepted(&self, doc: usize, segment: usize, finding: &Finding) -> bool {
        self.unmarked_errors(doc, segment, finding).is_empty()
    }

    /// The errors `A` makes of a finding that the segment's entry does not
    /// hold yet. An error of the finding carries its words as its comment.
    /// MQM counts a split word twice as two errors, so each place the
    /// finding names is an error of its own.
    fn unmarked_errors(&self, doc: usize, segment: usize, finding: &Finding) -> Vec<MqmError> {
        let comment = accepted_comment(finding);
        let error = MqmError::new(finding.category, finding.severity).with_comment(&comment);
        let seg = &self.store.docs[doc].segments[segment];
        let mut errors: Vec<MqmError> = finding
            .spots
            .iter()
            .filter_map(|spot| spot_span(seg, spot))
            .map(|span| error.clone().with_span(span))
            .collect();
        if errors.is_empty() {
            errors.push(error);
        }
        let place = |e: &MqmError| e.span.as_ref().map(|s| (s.side, s.start, s.end));
        let held = self
            .entry(doc, segment)
            .map(|e| e.errors.as_slice())
            .unwrap_or_default();
        errors.retain(|new| {
            !held
                .iter()
                .any(|old| old.comment == comment && place(old) == place(new))
        });
        errors
    }

    /// Dismisses the segment's open finding number `index` (from 0);
    /// remembered in the notes file.
    pub fn dismiss_finding(&mut self, index: usize) {
        let cursor = self.position().cursor;
        let Some(check) = self
            .open_findings(self.doc, cursor)
            .nth(index)
            .map(|f| f.check)
        else {
            return self.complain("no finding here to dismiss");
        };
        let reviewer = self.reviewer.clone();
        let saved = self.save_at_cursor(|s, seg| s.notes.dismiss(seg, check, &reviewer));
        if let Some(note) = saved {
            let left = self.open_findings(self.doc, cursor).count();
            let left = match left {
                0 => String::new(),
                n => format!(", {} left here", plural(n, "finding", "findings")),
            };
            self.after_change(&format!("{check} dismissed{left}{note}"));
        }
    }
}

/// The comment of the mark a finding becomes: the check and its message.
fn accepted_comment(finding: &Finding) -> String {
    format!("{}: {}", finding.check, finding.message)
}

/// A finding's place as the span of a mark: its side, offsets and the text
/// standing there; `None` for an empty place or one not on the text.
fn spot_span(seg: &Segment, spot: &check::Spot) -> Option<Span> {
    let text = side_text(seg, spot.side)?.get(spot.range.clone())?;
    (!text.is_empty()).then(|| Span {
        side: spot.side,
        start: spot.range.start,
        end: spot.range.end,
        text: text.to_string(),
    })
}
