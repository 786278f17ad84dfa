//! What can go wrong with the notes file, and what was kept without being
//! understood.

use std::io;
use std::path::PathBuf;

use super::entry::EntryError;

/// A notes file that cannot be used as asked.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    /// Not valid YAML, or not a list of entries. It must not be written over.
    #[error("{}{}: {message}; fix it or move it away", path.display(), at(*line))]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// One item of the file is not an entry.
    #[error("{}{}: entry {number}: {error}; fix it or move it away", path.display(), at(*line))]
    BadEntry {
        path: PathBuf,
        line: Option<usize>,
        number: usize,
        error: EntryError,
    },
    /// The path names something that is not a regular file (a folder, a
    /// device, a FIFO, a descriptor): sxs neither reads nor replaces it.
    #[error(
        "{}: {what}; the notes must be a regular file: name one with --notes FILE",
        path.display()
    )]
    NotRegular { path: PathBuf, what: String },
    /// This `Notes` only reads (another sxs holds the lock, or it was opened
    /// for reading); nothing was changed.
    #[error("{}: not saved: {reason}", path.display())]
    ReadOnly { path: PathBuf, reason: String },
    /// Undo or redo would take back a change made outside sxs since.
    #[error(
        "{}: not {step}: the entry of {file} {id} was changed outside sxs since; \
         undo takes back only sxs's own changes",
        path.display()
    )]
    ChangedOutside {
        path: PathBuf,
        step: &'static str,
        file: String,
        id: String,
    },
    /// Removing the entry of a segment that has several in the file.
    #[error(
        "{}: {file} {id} has more than one entry in the file; remove the extra ones by hand first",
        path.display()
    )]
    Duplicated {
        path: PathBuf,
        file: String,
        id: String,
    },
    /// A change the segment cannot take (a span in a source it does not
    /// have, an error it does not have); nothing was changed.
    #[error("{file} {id}: {why}; nothing was changed")]
    Refused {
        file: String,
        id: String,
        why: String,
    },
    /// The OS refused; its message is part of this one (and not a `source`,
    /// which a report of the whole chain would print a second time).
    #[error("{}: cannot {action}: {error}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        error: io::Error,
    },
}

/// `:LINE` when there is one.
fn at(line: Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

/// Something in the notes file that was kept but not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), at(*line))]
pub struct NotesWarning {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}
