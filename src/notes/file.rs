//! The notes file on disk: reading it whole, and replacing it atomically.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_yaml::Value;

use super::entry::Entry;
use super::yaml;
use super::{NotesError, NotesWarning};

/// What a notes file held. A missing file is an empty one.
pub(crate) struct Loaded {
    pub entries: Vec<Entry>,
    pub warnings: Vec<NotesWarning>,
}

/// Reads and parses the notes file `path`, named `shown` in messages. Any
/// item that cannot be an entry makes the whole file invalid: the caller must
/// then not write over it.
pub(crate) fn read(path: &Path, shown: &Path) -> Result<Loaded, NotesError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Ok(Loaded {
                entries: Vec::new(),
                warnings: Vec::new(),
            });
        }
        Err(err) => return Err(NotesError::io(shown, "read", err)),
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
    let parsed = match yaml::read_own(text) {
        Some(items) => Ok(Value::Sequence(items)),
        None => serde_yaml::from_str::<Value>(text),
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
        Err(err) => {
            let line = err.location().map(|at| at.line());
            return Err(invalid(line, err.to_string()));
        }
    };
    let lines = item_lines(text, items.len());
    let mut entries = Vec::with_capacity(items.len());
    let mut warnings = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let line = lines.as_ref().map(|lines| lines[i]);
        let mut notes = Vec::new();
        let entry = Entry::from_yaml(item, &mut notes)
            .map_err(|why| invalid(line, format!("entry {}: {why}", i + 1)))?;
        warnings.extend(notes.into_iter().map(|message| NotesWarning {
            path: shown.to_path_buf(),
            line,
            message: format!("{} {}: {message}", entry.file, entry.id),
        }));
        entries.push(entry);
    }
    Ok(Loaded { entries, warnings })
}

/// The 1-based line on which each item of the top-level sequence starts, when
/// the file is laid out as sxs writes it (`- ` at column 0); `None` for
/// another layout, where messages then name the entry by number only.
fn item_lines(text: &str, items: usize) -> Option<Vec<usize>> {
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| *line == "-" || line.starts_with("- "))
        .map(|(i, _)| i + 1)
        .collect();
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
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

/// Replaces `path` with `bytes` so that a reader, or the next start after a
/// crash or power cut, sees either the old file or the new one, whole: a
/// temporary file in the same folder (a rename is atomic only within one file
/// system), its data flushed, renamed over the target, then the folder
/// flushed so that the rename itself survives.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = folder(path);
    let tmp = temp_path(path);
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        // Data and size only: the other metadata need not survive a crash.
        file.sync_data()?;
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    File::open(folder)?.sync_all()
}

/// The folder holding `path`, `.` for a bare file name.
pub(crate) fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// `.NAME.PID.tmp` beside `path`: hidden, and unique per process so that two
/// writers (an export and a review) never share one.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    folder(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Removes the temporary files that killed writers of `path` left behind.
/// Only the holder of the notes lock calls this, so no live writer owns one.
pub(crate) fn remove_leftovers(path: &Path) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.");
    let Ok(listing) = fs::read_dir(folder(path)) else {
        return;
    };
    for found in listing.flatten() {
        let file_name = found.file_name();
        let file_name = file_name.to_string_lossy();
        let middle = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"));
        if middle.is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())) {
            let _ = fs::remove_file(found.path());
        }
    }
}
