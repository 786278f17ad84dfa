//! Undo and redo across the whole session.

use super::entry::Entry;

/// One change to one segment's entry: what it was and what it became
/// (`None`: no entry).
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub file: String,
    pub id: String,
    pub before: Option<Entry>,
    pub after: Option<Entry>,
    /// The entry's text in the file before the change, when it was as the
    /// file had it: undoing the change writes it back byte for byte.
    pub before_text: Option<String>,
    /// The same for `after` (set once the change is undone).
    pub after_text: Option<String>,
}

impl Change {
    fn inverse(self) -> Change {
        Change {
            before: self.after,
            after: self.before,
            before_text: self.after_text,
            after_text: self.before_text,
            ..self
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Undo,
    Redo,
}

#[derive(Debug, Default)]
pub(crate) struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// A new change made by the reviewer: what was undone can no longer be redone.
    pub fn record(&mut self, change: Change) {
        self.undo.push(change);
        self.redo.clear();
    }

    /// The change to apply for one step (for undo, the last change reversed).
    /// `settle` must follow.
    pub fn take(&mut self, step: Step) -> Option<Change> {
        let change = self.stack(step).pop()?;
        Some(match step {
            Step::Undo => change.inverse(),
            Step::Redo => change,
        })
    }

    /// Files the change `take` gave on the other stack once it is saved, or
    /// back where it was when it could not be saved, so that the step can be tried again.
    pub fn settle(&mut self, step: Step, applied: Change, saved: bool) {
        let (change, other) = match step {
            Step::Undo => (applied.inverse(), Step::Redo),
            Step::Redo => (applied, Step::Undo),
        };
        self.stack(if saved { other } else { step }).push(change);
    }

    fn stack(&mut self, step: Step) -> &mut Vec<Change> {
        match step {
            Step::Undo => &mut self.undo,
            Step::Redo => &mut self.redo,
        }
    }
}
