//! Where a write lands: only where the user pointed. A symbolic link is
//! followed to the file it names (created when it does not exist yet); a
//! regular file is replaced atomically; anything else (a device such as
//! `/dev/null`, a FIFO, a terminal, a descriptor under `/proc/*/fd`) is
//! written straight to, never replaced by a file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What writing to a path means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// A regular file, or none yet: replaced (or created) atomically at
    /// this path, links resolved.
    File(PathBuf),
    /// Something else: opened and written to as it is. `append` for a
    /// descriptor's link, which may be a file the shell opened to append to.
    Stream { path: PathBuf, append: bool },
}

/// Links longer than this are a loop (the kernel's own limit).
const MAX_LINKS: usize = 40;

/// Where writing to `path` lands. A folder is an error.
pub(crate) fn destination(path: &Path) -> io::Result<Destination> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&at) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok(Destination::File(at));
            }
            other => other?,
        };
        if !meta.file_type().is_symlink() {
            if meta.is_dir() {
                crate::yaml::not_regular(&meta)?;
            }
            return Ok(match meta.is_file() {
                true => Destination::File(at),
                false => Destination::Stream {
                    path: at,
                    append: false,
                },
            });
        }
        if is_descriptor(&at) {
            return Ok(Destination::Stream {
                path: at,
                append: true,
            });
        }
        let link = fs::read_link(&at)?;
        at = folder(&at).join(link);
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("more than {MAX_LINKS} symbolic links in a row (a loop?)"),
    ))
}

/// `/proc/PID/fd/N` (also reached as `/dev/stdout`, `/dev/fd/N`): a link
/// the kernel makes to whatever the descriptor is, a pipe or a terminal
/// as often as a file.
fn is_descriptor(link: &Path) -> bool {
    let Some(parent) = link.parent().and_then(|p| fs::canonicalize(p).ok()) else {
        return false;
    };
    parent.starts_with("/proc") && parent.file_name().is_some_and(|n| n == "fd")
}

/// Writes `parts`, one after the other, to `path` as [`destination`] says.
pub fn write_to(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    match destination(path)? {
        Destination::File(file) => write_atomic(&file, parts),
        Destination::Stream { path, append } => {
            let mut out = OpenOptions::new().append(append).write(true).open(path)?;
            for part in parts {
                out.write_all(part)?;
            }
            out.flush()
        }
    }
}

/// Replaces `path` with `parts` so that a reader, or the next start after a
/// crash or power cut, sees either the old file or the new one, whole: a
/// temporary file in the same folder (a rename is atomic only within one file
/// system), its data flushed, renamed over the target, then the folder
/// flushed so that the rename itself survives.
pub(crate) fn write_atomic(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
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
        for part in parts {
            file.write_all(part)?;
        }
        // Data and size only: the other metadata need not survive a crash.
        file.sync_data()?;
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    File::open(folder(path))?.sync_all()
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
