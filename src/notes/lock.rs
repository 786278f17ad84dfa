//! One writer per notes file: an OS advisory lock on `.NAME.lock` beside
//! the notes file.
//!
//! Beside it, and nowhere that depends on who runs sxs or how: every process
//! that writes the file must find the same lock, or two of them write at once
//! and one's marks are lost. A lock in `$XDG_RUNTIME_DIR` did that: a shell
//! with the variable and one without (ssh, cron, sudo), or two users sharing
//! one notes file, each locked a lock of its own and both wrote. The folder
//! must be writable anyway, since the notes file is replaced by renaming.
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
    // Read is all a lock needs: another user's lock file (mode 0644 under the
    // usual umask) is opened as it is, and only a missing one is created.
    let file = File::open(&path)
        .or_else(|_| {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
        })
        .map_err(|err| {
            format!(
                "cannot open or create the lock file {}: {err}; the folder must be writable \
                 and the lock a file",
                path.display()
            )
        })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_beside_the_file() {
        let work = tempfile::tempdir().unwrap();
        let notes = work.path().join("my notes.yaml");
        assert_eq!(lock_path(&notes), work.path().join(".my notes.yaml.lock"));
        assert_eq!(
            lock_path(Path::new("sxs-notes.yaml")),
            Path::new("./.sxs-notes.yaml.lock")
        );
    }

    #[test]
    fn a_second_writer_is_refused_under_another_path_to_the_file() {
        let work = tempfile::tempdir().unwrap();
        let notes = work.path().join("n.yaml");
        let first = acquire(&notes).expect("the first writer");
        let folder_name = work.path().file_name().unwrap();
        let other_path = work.path().join("..").join(folder_name).join("n.yaml");
        let second = acquire(&other_path);
        assert!(second.unwrap_err().contains("another sxs is writing"));
        drop(first);
        assert!(acquire(&notes).is_ok(), "free once the first quits");
    }
}
