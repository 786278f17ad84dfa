//! The notes file: the reviewer's verdicts, saved durably on every change.
//!
//! [`Notes`] is the one way to read or change it. A writer holds the lock for
//! its whole life (`lock`), keeps the entries sorted by file then document
//! order (`order`) with each entry's YAML ready (`yaml`), and replaces the file
//! atomically on every change (`file`); every change can be undone and redone
//! (`history`). The batch commands read it with [`Notes::read`] and turn it
//! into other formats (`export`) and scores (`score`).
//!
//! ```no_run
//! # use sxs::notes::{Entry, Notes, SegmentRef, reviewer};
//! # use sxs::store::Store;
//! let store = Store::samples();
//! let mut notes = Notes::open("sxs-notes.yaml".as_ref())?;
//! notes.set_store_order(&store);
//! let me = reviewer(None);
//! let (doc, seg) = (&store.docs[0], &store.docs[0].segments[0]);
//! notes.mark(Entry::ok(SegmentRef::new(doc, seg), &me))?; // durable on return
//! notes.undo()?;
//! # Ok::<(), sxs::notes::NotesError>(())
//! ```

mod entry;
pub mod export;
mod file;
mod history;
mod lock;
mod order;
pub mod score;
mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub use entry::{Entry, SegmentRef, Verdict, reviewer};
pub use file::write_atomic;

use crate::store::Store;
use history::{Change, History, Step};
use lock::Lock;
use order::{NaturalId, Rank, SortKey};

/// A notes file that cannot be used as asked.
#[derive(Debug)]
pub enum NotesError {
    /// Not valid YAML, or not a list of entries. It must not be written over.
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// This `Notes` only reads (another sxs holds the lock, or it was opened
    /// for reading); nothing was changed.
    ReadOnly { path: PathBuf, reason: String },
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl NotesError {
    fn io(path: &Path, action: &'static str, source: io::Error) -> NotesError {
        NotesError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

impl fmt::Display for NotesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotesError::Invalid {
                path,
                line,
                message,
            } => {
                write!(f, "{}", path.display())?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                }
                write!(f, ": {message}; fix it or move it away")
            }
            NotesError::ReadOnly { path, reason } => {
                write!(f, "{}: not saved: {reason}", path.display())
            }
            NotesError::Io {
                path,
                action,
                source,
            } => write!(f, "{}: cannot {action}: {source}", path.display()),
        }
    }
}

impl std::error::Error for NotesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NotesError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Something in the notes file that was kept but not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesWarning {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for NotesWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where each segment stands in document order, `None` when unknown.
type Order = Box<dyn Fn(&str, &str) -> Option<usize> + Send>;

/// The notes file, loaded, and (for the writer) saved on every change.
pub struct Notes {
    /// As given, for messages.
    path: PathBuf,
    /// The file written: `path` with a symbolic link resolved, so that
    /// saving replaces the file the link points to, not the link.
    target: PathBuf,
    /// `Err(reason)` for a read-only view.
    writer: Result<Lock, String>,
    entries: BTreeMap<SortKey, Slot>,
    /// Rank of every (file, id) that has or had an entry; kept after a clear
    /// so that an undo puts the entry back where it stood.
    ranks: HashMap<String, HashMap<String, Rank>>,
    order: Option<Order>,
    history: History,
    warnings: Vec<NotesWarning>,
    /// The notes file as sxs last read or wrote it.
    stamp: Option<file::Stamp>,
    /// The entries' YAML in order, as the next save writes it: a change
    /// splices one entry in (a move of the bytes after it) where gathering
    /// 10,000 pieces from all over the heap at every save costs more.
    image: Vec<u8>,
}

struct Slot {
    entry: Entry,
    /// The entry as written in the file: only a changed entry is serialised again.
    yaml: Vec<u8>,
}

impl Slot {
    fn new(entry: Entry) -> Slot {
        let mut yaml = Vec::with_capacity(512);
        yaml::write_entry(&mut yaml, &entry);
        Slot { entry, yaml }
    }
}

impl fmt::Debug for Notes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notes")
            .field("path", &self.path)
            .field("read_only", &self.read_only_reason())
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Notes {
    /// Opens the notes file for review: takes the writer's lock when no other
    /// sxs holds it (else the `Notes` is read-only, see [`Notes::read_only_reason`])
    /// and loads every entry. A missing file is empty; it is created by the
    /// first change. An invalid file is an error: show it and run without
    /// marks ([`Notes::unavailable`]) or stop; it is never written over.
    pub fn open(path: &Path) -> Result<Notes, NotesError> {
        let target = resolve(path);
        // Lock before reading: what is read is then what no one else will change.
        let writer = lock::acquire(&target);
        if writer.is_ok() {
            file::remove_leftovers(&target);
        }
        Notes::load(path, target, writer)
    }

    /// Loads the notes file to read only (export, stats): no lock, no saving.
    pub fn read(path: &Path) -> Result<Notes, NotesError> {
        Notes::load(
            path,
            resolve(path),
            Err("opened for reading only".to_string()),
        )
    }

    /// A read-only, empty stand-in for a notes file that could not be opened,
    /// so that the review can go on without marks; `reason` says why.
    pub fn unavailable(path: &Path, reason: String) -> Notes {
        Notes::new(path, resolve(path), Err(reason))
    }

    fn load(
        path: &Path,
        target: PathBuf,
        writer: Result<Lock, String>,
    ) -> Result<Notes, NotesError> {
        let mut notes = Notes::new(path, target, writer);
        notes.reload()?;
        Ok(notes)
    }

    fn new(path: &Path, target: PathBuf, writer: Result<Lock, String>) -> Notes {
        Notes {
            path: path.to_path_buf(),
            target,
            writer,
            entries: BTreeMap::new(),
            ranks: HashMap::new(),
            order: None,
            history: History::default(),
            warnings: Vec::new(),
            stamp: None,
            image: Vec::new(),
        }
    }

    /// Replaces the entries with what the file holds now.
    fn reload(&mut self) -> Result<(), NotesError> {
        // Stamped before reading: a change in between is seen at the next save.
        let stamp = file::stamp(&self.target);
        let loaded = file::read(&self.target, &self.path)?;
        self.entries.clear();
        self.warnings = loaded.warnings;
        for (seq, entry) in loaded.entries.into_iter().enumerate() {
            if self.get(&entry.file, &entry.id).is_some() {
                self.warnings.push(NotesWarning {
                    path: self.path.clone(),
                    line: None,
                    message: format!(
                        "{} {}: more than one entry; the last one is kept",
                        entry.file, entry.id
                    ),
                });
                self.entries
                    .remove(&self.key_of(&entry.file, &entry.id).expect("just found"));
            }
            let rank = self
                .order
                .as_ref()
                .and_then(|order| order(&entry.file, &entry.id))
                .map_or(Rank::Kept(seq), Rank::Doc);
            self.insert(Slot::new(entry), rank);
        }
        self.rebuild_image();
        self.stamp = stamp;
        Ok(())
    }

    /// Takes in what another program (an editor, a script) wrote to the notes
    /// file since sxs last read or wrote it, so that the next save keeps those
    /// hand edits instead of writing over them. A file made invalid stops the
    /// saving: it is never written over.
    fn follow_disk(&mut self) -> Result<(), NotesError> {
        match file::stamp(&self.target) == self.stamp {
            true => Ok(()),
            false => self.reload(),
        }
    }

    /// The notes file as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.writer.is_err()
    }

    /// Why this `Notes` cannot save, for the status bar; `None` for the writer.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.writer.as_ref().err().map(String::as_str)
    }

    /// What was kept but not understood at the last load, one line each.
    pub fn warnings(&self) -> &[NotesWarning] {
        &self.warnings
    }

    /// Entries sorted as the file holds them.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = &Entry> {
        self.entries.values().map(|slot| &slot.entry)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, file: &str, id: &str) -> Option<&Entry> {
        let key = self.key_of(file, id)?;
        self.entries.get(&key).map(|slot| &slot.entry)
    }

    /// Sorts entries by document order from now on: `order(file, id)` is the
    /// segment's index in its document, `None` when it is not loaded. Entries
    /// of files not loaded keep their order; new entries nothing orders sort
    /// by the numbers in their id. Takes effect in the file at the next save.
    pub fn set_order(&mut self, order: impl Fn(&str, &str) -> Option<usize> + Send + 'static) {
        let entries = std::mem::take(&mut self.entries);
        for (key, slot) in entries {
            let rank = order(&key.file, &key.id).map_or(key.rank, Rank::Doc);
            self.insert(slot, rank);
        }
        self.rebuild_image();
        self.order = Some(Box::new(order));
    }

    /// [`Notes::set_order`] with the documents of `store`.
    pub fn set_store_order(&mut self, store: &Store) {
        let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for doc in &store.docs {
            let ids = index.entry(doc.path.clone()).or_default();
            for (i, seg) in doc.segments.iter().enumerate() {
                // A repeated id is one entry: it stands where the id first appears.
                ids.entry(seg.id.clone()).or_insert(i);
            }
        }
        self.set_order(move |file, id| index.get(file)?.get(id).copied());
    }

    /// Sets or replaces the entry for `entry.file`, `entry.id`, and saves.
    /// Dismissed checks and hand-added keys of the entry it replaces stay.
    /// On `Err` nothing changed, in memory or on disk.
    pub fn mark(&mut self, mut entry: Entry) -> Result<(), NotesError> {
        self.prepare()?;
        if let Some(old) = self.get(&entry.file, &entry.id) {
            for check in &old.dismissed {
                if !entry.dismissed.contains(check) {
                    entry.dismissed.push(check.clone());
                }
            }
            for (key, value) in &old.extra {
                let schema_key = key.as_str().is_some_and(|k| entry::KEYS.contains(&k));
                if !schema_key && !entry.extra.contains_key(key) {
                    entry.extra.insert(key.clone(), value.clone());
                }
            }
        }
        let (file, id) = (entry.file.clone(), entry.id.clone());
        self.change(file, id, Some(entry))
    }

    /// Removes the entry of one segment (its dismissals with it), and saves.
    /// `Ok(false)` when there was none.
    pub fn clear(&mut self, file: &str, id: &str) -> Result<bool, NotesError> {
        self.prepare()?;
        if self.get(file, id).is_none() {
            return Ok(false);
        }
        self.change(file.to_string(), id.to_string(), None)?;
        Ok(true)
    }

    /// Records that the reviewer dismissed the finding of automatic check
    /// `check` on this segment, and saves. A segment with no entry gets one
    /// with verdict `ok`.
    pub fn dismiss(
        &mut self,
        seg: SegmentRef,
        check: &str,
        reviewer: &str,
    ) -> Result<(), NotesError> {
        self.prepare()?;
        let mut entry = self
            .get(seg.file, seg.id)
            .cloned()
            .unwrap_or_else(|| Entry::ok(seg, reviewer));
        if entry.dismissed.iter().any(|c| c == check) {
            return Ok(());
        }
        entry.dismissed.push(check.to_string());
        self.change(seg.file.to_string(), seg.id.to_string(), Some(entry))
    }

    /// Takes back the last change and saves. Returns the segment it concerned,
    /// for the cursor; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<(String, String)>, NotesError> {
        self.step(Step::Undo)
    }

    /// Makes again the last undone change and saves. A change made after an
    /// undo ends what can be redone.
    pub fn redo(&mut self) -> Result<Option<(String, String)>, NotesError> {
        self.step(Step::Redo)
    }

    fn step(&mut self, step: Step) -> Result<Option<(String, String)>, NotesError> {
        self.prepare()?;
        let Some(change) = self.history.take(step) else {
            return Ok(None);
        };
        let saved = self.apply(&change);
        let segment = (change.file.clone(), change.id.clone());
        self.history.settle(step, change, saved.is_ok());
        saved.map(|()| Some(segment))
    }

    /// A new change by the reviewer, once `prepare` has passed.
    fn change(&mut self, file: String, id: String, after: Option<Entry>) -> Result<(), NotesError> {
        let change = Change {
            before: self.get(&file, &id).cloned(),
            file,
            id,
            after,
        };
        self.apply(&change)?;
        self.history.record(change);
        Ok(())
    }

    /// Puts `change.after` in place and saves; on failure puts `change.before`
    /// back, so that memory never shows what the disk does not hold.
    fn apply(&mut self, change: &Change) -> Result<(), NotesError> {
        self.put(&change.file, &change.id, change.after.clone());
        let saved = self.save();
        if saved.is_err() {
            self.put(&change.file, &change.id, change.before.clone());
        }
        saved
    }

    /// Puts `entry` in place of the segment's entry (`None`: removes it),
    /// in the map and in the file image.
    fn put(&mut self, file: &str, id: &str, entry: Option<Entry>) {
        if let Some(key) = self.key_of(file, id)
            && let Some(old) = self.entries.remove(&key)
        {
            let at = self.offset_of(&key);
            self.image.drain(at..at + old.yaml.len());
        }
        let Some(entry) = entry else {
            return;
        };
        let rank = self
            .order
            .as_ref()
            .and_then(|order| order(file, id))
            .map(Rank::Doc)
            .or_else(|| self.ranks.get(file)?.get(id).cloned())
            .unwrap_or_else(|| Rank::Natural(NaturalId(id.to_string())));
        let key = self.insert(Slot::new(entry), rank);
        let at = self.offset_of(&key);
        self.image
            .splice(at..at, self.entries[&key].yaml.iter().copied());
    }

    /// Where the entry of `key` starts (or would start) in the file image.
    fn offset_of(&self, key: &SortKey) -> usize {
        self.entries.range(..key).map(|(_, s)| s.yaml.len()).sum()
    }

    /// Adds to the map only: bulk changes rebuild the image once at the end.
    fn insert(&mut self, slot: Slot, rank: Rank) -> SortKey {
        let (file, id) = (&slot.entry.file, &slot.entry.id);
        self.ranks
            .entry(file.clone())
            .or_default()
            .insert(id.clone(), rank.clone());
        let key = SortKey {
            file: file.clone(),
            rank,
            id: id.clone(),
        };
        self.entries.insert(key.clone(), slot);
        key
    }

    fn rebuild_image(&mut self) {
        self.image.clear();
        for slot in self.entries.values() {
            self.image.extend_from_slice(&slot.yaml);
        }
    }

    fn key_of(&self, file: &str, id: &str) -> Option<SortKey> {
        let rank = self.ranks.get(file)?.get(id)?;
        Some(SortKey {
            file: file.to_string(),
            rank: rank.clone(),
            id: id.to_string(),
        })
    }

    /// Before any change: refuses when read-only, then takes in hand edits.
    fn prepare(&mut self) -> Result<(), NotesError> {
        if let Err(reason) = &self.writer {
            return Err(NotesError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        self.follow_disk()
    }

    /// Writes every entry to the notes file, atomically and durably.
    fn save(&mut self) -> Result<(), NotesError> {
        debug_assert!(
            self.image
                == self
                    .entries
                    .values()
                    .flat_map(|s| s.yaml.iter().copied())
                    .collect::<Vec<u8>>(),
            "the file image is the entries in order"
        );
        // An empty file reads as no document; `[]` says "no entries" to any reader.
        let bytes: &[u8] = match self.entries.is_empty() {
            true => b"[]\n",
            false => &self.image,
        };
        file::write_atomic(&self.target, bytes)
            .map_err(|err| NotesError::io(&self.path, "save the notes", err))?;
        self.stamp = file::stamp(&self.target);
        Ok(())
    }
}

/// The file a save must replace: a symbolic link's target, else `path`.
fn resolve(path: &Path) -> PathBuf {
    match path.symlink_metadata() {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}
