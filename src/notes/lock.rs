//! One writer per notes file: an OS advisory lock on `.NAME.lock` beside it.
//!
//! An OS lock rather than a PID file because the kernel drops it when the
//! holder dies, however it dies: a killed sxs never blocks the next one. The
//! lock file is never deleted; deleting it would let a third process lock a
//! fresh file while the second still holds the old one.
//!
//! The lock belongs to the open file, which a child process shares from its
//! spawn to its exec: a `Notes` dropped and opened again while another
//! thread spawns a process can find itself read-only for that moment.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::destination::folder;

/// Held for as long as this value lives.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

/// Takes the lock of `notes`, or says why this process may only read it.
pub(crate) fn acquire(notes: &Path) -> Result<Lock, String> {
    let path = lock_path(notes);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|err| format!("cannot create the lock file {}: {err}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(format!(
            "another sxs is writing {}; this one only reads it until that one quits",
            notes.display()
        )),
        Err(TryLockError::Error(err)) => Err(format!("cannot lock {}: {err}", path.display())),
    }
}

fn lock_path(notes: &Path) -> PathBuf {
    let name = notes.file_name().unwrap_or_default().to_string_lossy();
    folder(notes).join(format!(".{name}.lock"))
}
