//! One writer per notes file: an OS advisory lock on a lock file.
//!
//! The lock file lives in `$XDG_RUNTIME_DIR` (a per-user folder that the
//! system empties at logout), named after the notes file's folder (device
//! and inode, the same whatever path names it) and its file name, so that a
//! review leaves nothing in the user's folder but the notes file. Without
//! `$XDG_RUNTIME_DIR` (macOS, a bare container) it is `.NAME.lock` beside
//! the notes file. Two users reviewing into one shared notes file have two
//! runtime folders and do not see each other's lock: one notes file is one
//! reviewer's, as the README says.
//!
//! An OS lock rather than a PID file because the kernel drops it when the
//! holder dies, however it dies: a killed sxs never blocks the next one. The
//! lock file is never deleted; deleting it would let a third process lock a
//! fresh file while the second still holds the old one.
//!
//! The lock belongs to the open file, which a child process shares from its
//! spawn to its exec: a `Notes` dropped and opened again while another
//! thread spawns a process can find itself read-only for that moment.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
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
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    lock_path_in(notes, runtime.as_deref())
}

fn lock_path_in(notes: &Path, runtime: Option<&Path>) -> PathBuf {
    let name = notes.file_name().unwrap_or_default();
    runtime
        .and_then(|runtime| runtime_lock(runtime, notes, name))
        .unwrap_or_else(|| {
            let name = name.to_string_lossy();
            folder(notes).join(format!(".{name}.lock"))
        })
}

/// `sxs-DEV-INODE-NAME.lock` in `runtime`, when that is a folder and the
/// notes file's folder exists.
fn runtime_lock(runtime: &Path, notes: &Path, name: &OsStr) -> Option<PathBuf> {
    if !runtime.is_absolute() || !runtime.is_dir() {
        return None;
    }
    let folder = std::fs::metadata(folder(notes)).ok()?;
    let name = encode(name.as_bytes());
    // File names are at most 255 bytes; a longer one stays beside the file.
    (name.len() <= 200)
        .then(|| runtime.join(format!("sxs-{}-{}-{name}.lock", folder.dev(), folder.ino())))
}

/// A file name as safe, distinct characters: letters, digits, `.`, `_`, `-`
/// as they are, any other byte as `%XX`. Written out rather than taken from
/// a crate: three lines, and only this file needs it.
fn encode(name: &[u8]) -> String {
    name.iter()
        .map(
            |&b| match b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                true => (b as char).to_string(),
                false => format!("%{b:02X}"),
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_in_the_runtime_folder_and_the_same_for_every_path_to_the_file() {
        let runtime = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        std::fs::create_dir(work.path().join("sub")).unwrap();
        let notes = work.path().join("sub/my notes.yaml");
        let lock = lock_path_in(&notes, Some(runtime.path()));
        assert_eq!(lock.parent(), Some(runtime.path()));
        let name = lock.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("sxs-") && name.ends_with("-my%20notes.yaml.lock"),
            "{name}"
        );
        // Another path to the same folder names the same lock.
        let other = work.path().join("sub/../sub/my notes.yaml");
        assert_eq!(lock_path_in(&other, Some(runtime.path())), lock);
        // Another file in that folder, another lock.
        assert_ne!(
            lock_path_in(&work.path().join("sub/other.yaml"), Some(runtime.path())),
            lock
        );
    }

    #[test]
    fn without_a_usable_runtime_folder_the_lock_is_beside_the_file() {
        let work = tempfile::tempdir().unwrap();
        let notes = work.path().join("sxs-notes.yaml");
        let beside = work.path().join(".sxs-notes.yaml.lock");
        assert_eq!(lock_path_in(&notes, None), beside);
        assert_eq!(lock_path_in(&notes, Some(Path::new("relative"))), beside);
        assert_eq!(
            lock_path_in(&notes, Some(&work.path().join("missing"))),
            beside
        );
    }
}
