//! Marking: verdicts saved to the notes file on every change, undo and redo,
//! the checks' findings accepted or dismissed, the filter, and progress.

use std::sync::Arc;

use super::app::{App, Mode};
use super::dialog::{MarkDialog, Outcome};
use crate::check::Finding;
use crate::notes::{Entry, NotesError, SegmentRef, Verdict};

/// Which segments the panes show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// No verdict yet.
    Unreviewed,
    /// Marked bad.
    Flagged,
    /// A check found something not dismissed.
    Suspicious,
}

impl Filter {
    fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Unreviewed,
            Filter::Unreviewed => Filter::Flagged,
            Filter::Flagged => Filter::Suspicious,
            Filter::Suspicious => Filter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Unreviewed => "unreviewed",
            Filter::Flagged => "flagged",
            Filter::Suspicious => "suspicious",
        }
    }
}

/// Review counts of one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub segments: usize,
    /// With a verdict (ok or bad).
    pub reviewed: usize,
    pub bad: usize,
    /// Marked when the target was different.
    pub stale: usize,
    /// With a finding not dismissed.
    pub suspicious: usize,
}

impl Progress {
    pub fn add(&mut self, other: Progress) {
        self.segments += other.segments;
        self.reviewed += other.reviewed;
        self.bad += other.bad;
        self.stale += other.stale;
        self.suspicious += other.suspicious;
    }

    pub fn percent(&self) -> usize {
        (self.reviewed * 100)
            .checked_div(self.segments)
            .unwrap_or(0)
    }
}

impl App {
    pub fn entry(&self, doc: usize, segment: usize) -> Option<&Entry> {
        let d = self.store.docs.get(doc)?;
        self.notes.get(&d.path, &d.segments.get(segment)?.id)
    }

    /// The findings of a segment that the reviewer has not dismissed.
    pub fn open_findings(&self, doc: usize, segment: usize) -> impl Iterator<Item = &Finding> {
        let dismissed = self
            .entry(doc, segment)
            .map(|e| e.dismissed.as_slice())
            .unwrap_or_default();
        self.findings
            .of(doc, segment)
            .iter()
            .filter(move |f| !dismissed.iter().any(|d| d == f.check))
    }

    pub fn is_stale(&self, doc: usize, segment: usize) -> bool {
        let target = &self.store.docs[doc].segments[segment].target;
        self.entry(doc, segment).is_some_and(|e| e.is_stale(target))
    }

    fn is_bad(&self, doc: usize, segment: usize) -> bool {
        self.entry(doc, segment)
            .is_some_and(|e| e.verdict == Verdict::Bad)
    }

    /// Flagged (bad) or suspicious: where `]` and `[` stop.
    pub fn needs_attention(&self, doc: usize, segment: usize) -> bool {
        self.is_bad(doc, segment) || self.open_findings(doc, segment).next().is_some()
    }

    /// Whether the filter lets the panes show this segment of the open document.
    pub fn shown(&self, segment: usize) -> bool {
        let doc = self.doc;
        match self.filter {
            Filter::All => true,
            Filter::Unreviewed => self.entry(doc, segment).is_none(),
            Filter::Flagged => self.is_bad(doc, segment),
            Filter::Suspicious => self.open_findings(doc, segment).next().is_some(),
        }
    }

    pub fn progress(&self, doc: usize) -> Progress {
        self.progress.get(doc).copied().unwrap_or_default()
    }

    pub fn total_progress(&self) -> Progress {
        let mut total = Progress::default();
        self.progress.iter().for_each(|p| total.add(*p));
        total
    }

    /// Counts one document again, after a change to its marks or findings.
    pub(super) fn recount(&mut self, doc: usize) {
        let Some(d) = self.store.docs.get(doc) else {
            return;
        };
        let mut p = Progress {
            segments: d.segments.len(),
            ..Progress::default()
        };
        for (s, seg) in d.segments.iter().enumerate() {
            if let Some(entry) = self.notes.get(&d.path, &seg.id) {
                p.reviewed += matches!(entry.verdict, Verdict::Ok | Verdict::Bad) as usize;
                p.bad += (entry.verdict == Verdict::Bad) as usize;
                p.stale += entry.is_stale(&seg.target) as usize;
            }
            p.suspicious += self.open_findings(doc, s).next().is_some() as usize;
        }
        self.progress[doc] = p;
    }

    pub(super) fn recount_all(&mut self) {
        self.progress = vec![Progress::default(); self.store.docs.len()];
        for doc in 0..self.store.docs.len() {
            self.recount(doc);
        }
    }

    /// Findings arrive from the checks, which run off the event loop.
    pub fn set_findings(&mut self, findings: Vec<Finding>) {
        let count = findings.len();
        self.findings = super::findings::Findings::new(findings, self.store.docs.len());
        self.recount_all();
        let total = self.total_progress().suspicious;
        self.say(format!(
            "checks done: {count} findings on {total} segments; ] and [ visit them"
        ));
    }

    /// Runs a change to the notes file; a refusal (read-only, disk error) is
    /// shown and changes nothing, so the screen never shows an unsaved mark.
    fn save(&mut self, change: impl FnOnce(&mut App) -> Result<(), NotesError>) -> bool {
        // A notes file another sxs held may be free now: the change tries.
        let was_read_only = self.notes.is_read_only();
        if !self.notes.try_writing() {
            let reason = self
                .notes
                .read_only_reason()
                .unwrap_or_default()
                .to_string();
            self.complain(format!("read-only, nothing saved: {reason}"));
            return false;
        }
        if was_read_only {
            self.say("the other sxs has quit: marks are saved from now on");
        }
        let exclusive = self.exclusive.clone();
        let held = exclusive.hold();
        let changed = change(self);
        drop(held);
        match changed {
            Ok(()) => {
                self.recount(self.doc);
                true
            }
            Err(err) => {
                self.complain(format!("not saved: {err}"));
                false
            }
        }
    }

    /// Runs `f` with the segment under the cursor; the store is shared, so
    /// the segment can be read while the app changes.
    fn at_cursor<R>(&mut self, f: impl FnOnce(&mut App, SegmentRef) -> R) -> Option<R> {
        let store = Arc::clone(&self.store);
        let doc = store.docs.get(self.doc)?;
        let seg = doc.segments.get(self.position().cursor)?;
        Some(f(self, SegmentRef::new(doc, seg)))
    }

    pub(super) fn mark_ok(&mut self) {
        let saved = self.at_cursor(|app, seg| {
            let entry = Entry::ok(seg, &app.reviewer);
            app.save(|app| app.notes.mark(entry))
        });
        if saved == Some(true) {
            self.say("✓ saved");
            self.move_by(1);
        }
    }

    pub(super) fn open_dialog(&mut self) {
        if self.segment_count() == 0 {
            return;
        }
        let existing = self.entry(self.doc, self.position().cursor);
        self.mode = Mode::Mark(MarkDialog::new(existing));
    }

    pub(super) fn dialog_key(&mut self, event: crossterm::event::KeyEvent) {
        let Mode::Mark(dialog) = &mut self.mode else {
            return;
        };
        match dialog.key(event) {
            Outcome::Open => {}
            Outcome::Cancel => self.mode = Mode::Normal,
            Outcome::Save => {
                let dialog = dialog.clone();
                self.mode = Mode::Normal;
                let saved = self.at_cursor(|app, seg| {
                    let entry = Entry::bad(
                        seg,
                        &app.reviewer,
                        &dialog.category,
                        dialog.severity,
                        &dialog.comment,
                    );
                    app.save(|app| app.notes.mark(entry))
                });
                if saved == Some(true) {
                    self.say(format!("✗ saved: {} {}", dialog.severity, dialog.category));
                }
            }
        }
    }

    pub(super) fn clear_mark(&mut self) {
        let saved = self
            .at_cursor(|app, seg| app.save(|app| app.notes.clear(seg.file, seg.id).map(|_| ())));
        if saved == Some(true) {
            self.say("mark cleared");
        }
    }

    pub(super) fn undo(&mut self, redo: bool) {
        let mut changed = None;
        let saved = self.save(|app| {
            changed = if redo {
                app.notes.redo()?
            } else {
                app.notes.undo()?
            };
            Ok(())
        });
        match (saved, changed) {
            (true, Some((file, id))) => {
                self.go_to_segment(&file, &id);
                self.recount(self.doc);
                self.say(if redo { "redone" } else { "undone" });
            }
            (true, None) => self.complain(if redo {
                "nothing to redo"
            } else {
                "nothing to undo"
            }),
            (false, _) => {}
        }
    }

    /// Moves to a segment named as the notes file names it.
    fn go_to_segment(&mut self, file: &str, id: &str) {
        let Some(doc) = self.store.docs.iter().position(|d| d.path == file) else {
            return;
        };
        if doc != self.doc {
            self.open(doc);
        }
        if let Some(segment) = self.store.docs[doc]
            .segments
            .iter()
            .position(|s| s.id == id)
        {
            self.go_to(segment);
        }
    }

    /// Turns the first open finding of the segment into a bad mark with the
    /// check's category and severity and its message as the comment.
    pub(super) fn accept_finding(&mut self) {
        let cursor = self.position().cursor;
        let Some(finding) = self.open_findings(self.doc, cursor).next().cloned() else {
            return self.complain("no finding here to accept");
        };
        let comment = format!("{}: {}", finding.check, finding.message);
        let saved = self.at_cursor(|app, seg| {
            let entry = Entry::bad(
                seg,
                &app.reviewer,
                finding.category,
                finding.severity,
                &comment,
            );
            app.save(|app| app.notes.mark(entry))
        });
        if saved == Some(true) {
            self.say(format!(
                "✗ saved from {}: {} {}",
                finding.check, finding.severity, finding.category
            ));
        }
    }

    /// Dismisses the first open finding of the segment; remembered in the notes file.
    pub(super) fn dismiss_finding(&mut self) {
        let cursor = self.position().cursor;
        let Some(check) = self.open_findings(self.doc, cursor).next().map(|f| f.check) else {
            return self.complain("no finding here to dismiss");
        };
        let saved = self.at_cursor(|app, seg| {
            let reviewer = app.reviewer.clone();
            app.save(|app| app.notes.dismiss(seg, check, &reviewer))
        });
        if saved == Some(true) {
            self.say(format!("{check} dismissed"));
        }
    }

    /// `]` / `[`: the next flagged or suspicious segment, in this file and then
    /// the following ones, wrapping around.
    pub(super) fn next_attention(&mut self, forward: bool) {
        let docs = self.store.docs.len();
        let start = (self.doc, self.position().cursor);
        for step in 0..=docs {
            let doc = if forward {
                (start.0 + step) % docs
            } else {
                (start.0 + docs - step % docs) % docs
            };
            let count = self.store.docs[doc].segments.len();
            let candidates: Box<dyn Iterator<Item = usize>> = match (step, forward) {
                (0, true) => Box::new(start.1 + 1..count),
                (0, false) => Box::new((0..start.1).rev()),
                (_, true) if step == docs => Box::new(0..=start.1.min(count.saturating_sub(1))),
                (_, false) if step == docs => Box::new((start.1..count).rev()),
                (_, true) => Box::new(0..count),
                (_, false) => Box::new((0..count).rev()),
            };
            let found = candidates
                .into_iter()
                .find(|&s| self.needs_attention(doc, s));
            if let Some(segment) = found {
                if doc != self.doc {
                    self.open(doc);
                }
                return self.go_to(segment);
            }
        }
        let more = if self.findings.ready {
            ""
        } else {
            " yet (the checks are still running)"
        };
        self.complain(format!("no flagged or suspicious segment{more}"));
    }

    pub(super) fn cycle_filter(&mut self) {
        self.filter = self.filter.next();
        let cursor = self.position().cursor;
        let count = self.segment_count();
        let nearest = (cursor..count)
            .chain((0..cursor).rev())
            .find(|&s| self.shown(s));
        match nearest {
            Some(segment) => {
                self.go_to(segment);
                self.say(format!("showing {} segments", self.filter.label()));
            }
            None => self.complain(format!("no {} segments in this file", self.filter.label())),
        }
    }
}
