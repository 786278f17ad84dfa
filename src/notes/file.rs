//! The notes file on disk: reading it whole, and knowing when it changed.

use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use super::entry::Entry;
use super::layout;
use super::{NotesError, NotesWarning};
use crate::yaml::{self, Value};

/// The byte-order mark some Windows editors put first: read past, and
/// written back.
pub(crate) const BOM: &str = "\u{feff}";

/// What a notes file held. A missing file is an empty one.
#[derive(Default)]
pub(crate) struct Loaded {
    pub entries: Vec<LoadedEntry>,
    pub warnings: Vec<NotesWarning>,
    /// The file starts with a byte-order mark.
    pub bom: bool,
    /// What stands before the first entry (comments), as written.
    pub head: String,
}

/// One entry and the line it starts on, when known.
pub(crate) struct LoadedEntry {
    pub entry: Entry,
    pub line: Option<usize>,
    /// The entry's text in the file, up to the next entry, when the file
    /// is laid out one entry after the other: an entry no change touches
    /// is written back as it was, byte for byte.
    pub text: Option<String>,
}

/// Reads and parses the notes file `path`, named `shown` in messages. Any
/// item that cannot be an entry makes the whole file invalid: the caller must
/// then not write over it.
pub(crate) fn read(path: &Path, shown: &Path) -> Result<Loaded, NotesError> {
    let bytes = match yaml::read_file(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Loaded::default()),
        Err(err) if err.kind() == io::ErrorKind::InvalidInput => {
            return Err(NotesError::NotRegular {
                path: shown.to_path_buf(),
                what: err.to_string(),
            });
        }
        Err(error) => {
            return Err(NotesError::Io {
                path: shown.to_path_buf(),
                action: "read",
                error,
            });
        }
    };
    let invalid = |line: Option<usize>, message: String| NotesError::Invalid {
        path: shown.to_path_buf(),
        line,
        message,
    };
    let text = std::str::from_utf8(&bytes).map_err(|err| {
        let line = bytes[..err.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        invalid(Some(line), "not UTF-8 text".into())
    })?;
    let (bom, text) = match text.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let parsed = match layout::read_own(text) {
        Some(items) => Ok(Value::Sequence(items)),
        None => yaml::parse(text),
    };
    let items = match parsed {
        Ok(Value::Sequence(items)) => items,
        Ok(Value::Null) => Vec::new(),
        Ok(_) => {
            return Err(invalid(
                Some(1),
                "not a list of entries (each entry starts with `- file:`)".into(),
            ));
        }
        Err(err) => return Err(invalid(err.line, err.message)),
    };
    let starts = item_starts(text, items.len());
    let head = match starts.as_deref() {
        Some([(_, first), ..]) => text[..*first].to_string(),
        _ => String::new(),
    };
    let mut entries = Vec::with_capacity(items.len());
    let mut warnings = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let (line, item_text) = match &starts {
            Some(starts) => {
                let (line, from) = starts[i];
                let to = starts.get(i + 1).map_or(text.len(), |&(_, at)| at);
                (Some(line), Some(&text[from..to]))
            }
            None => (None, None),
        };
        let mut notes = Vec::new();
        let entry = Entry::from_yaml(item, item_text, &mut notes).map_err(|error| {
            NotesError::BadEntry {
                path: shown.to_path_buf(),
                line,
                number: i + 1,
                error,
            }
        })?;
        warnings.extend(notes.into_iter().map(|unread| NotesWarning {
            path: shown.to_path_buf(),
            line: line.map(|at| at + unread.line),
            message: format!("{} {}: {}", entry.file, entry.id, unread.message),
        }));
        let text = item_text.map(str::to_string);
        entries.push(LoadedEntry { entry, line, text });
    }
    Ok(Loaded {
        entries,
        warnings,
        bom,
        head,
    })
}

/// The 1-based line and byte offset at which each item of the top-level
/// sequence starts, when the file is laid out as sxs writes it (`- ` at
/// column 0); `None` for another layout, where messages then name the entry
/// by number only.
fn item_starts(text: &str, items: usize) -> Option<Vec<(usize, usize)>> {
    let mut starts = Vec::with_capacity(items);
    let mut at = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "-" || bare.starts_with("- ") {
            starts.push((i + 1, at));
        }
        at += line.len();
    }
    (starts.len() == items).then_some(starts)
}

/// What identifies one version of a file: any save, by sxs or by hand,
/// changes it (a new inode for an atomic replace, else size or time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// The stamp of `path`, `None` when there is no such file.
pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode: std::os::unix::fs::MetadataExt::ino(&meta),
    })
}
