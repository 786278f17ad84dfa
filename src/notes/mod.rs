//! The notes file: the reviewer's verdicts, saved durably on every change.
//!
//! [`Notes`] is the one way to read or change it. A writer holds the lock for
//! its whole life (`lock`), keeps the entries sorted by file then document
//! order (`order`) with each entry's YAML ready (`layout`), keeps what it
//! does not understand as it was written (`kept`), and replaces the file
//! atomically on every change (`destination`); every change of its own can
//! be undone and redone (`history`). The review screen changes it with the
//! operations of `edit` (add an error, mark ok, …). The batch commands read
//! it with [`Notes::read`] and turn it into other formats (`export`) and
//! scores (`score`).
//!
//! ```no_run
//! # use sxs::notes::{Notes, SegmentRef, reviewer};
//! # use sxs::store::Store;
//! let store = Store::samples();
//! let mut notes = Notes::open("sxs-notes.yaml".as_ref())?;
//! notes.set_store_order(&store);
//! let me = reviewer(None);
//! let (doc, seg) = (&store.docs[0], &store.docs[0].segments[0]);
//! notes.mark_ok(SegmentRef::new(doc, seg), &me)?; // durable on return
//! notes.undo()?;
//! # Ok::<(), sxs::notes::NotesError>(())
//! ```

mod destination;
mod edit;
mod entry;
mod error;
pub mod export;
mod file;
mod history;
mod kept;
mod layout;
mod lock;
mod mqm_error;
mod order;
pub mod score;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

pub use destination::write_to;
pub use entry::{Entry, EntryError, SegmentRef, Verdict, reviewer};
pub use error::{NotesError, NotesWarning};
pub use kept::Kept;
pub use mqm_error::MqmError;

use crate::store::{Document, Store};
use destination::Destination;
use history::{Change, History, Step};
use lock::Lock;
pub(crate) use order::natural_cmp;
use order::{NaturalId, Rank, SortKey};

/// Where each segment stands in document order, `None` when unknown.
type Order = Box<dyn Fn(&str, &str) -> Option<usize> + Send>;

/// The notes file, loaded, and (for the writer) saved on every change.
pub struct Notes {
    /// As given, for messages.
    path: PathBuf,
    /// The file written: `path` with symbolic links resolved, so that
    /// saving replaces the file the link points to, not the link.
    target: PathBuf,
    writer: Writer,
    entries: BTreeMap<SortKey, Slot>,
    /// Rank of every (file, id) that has or had an entry; kept after a clear
    /// so that an undo puts the entry back where it stood.
    ranks: HashMap<String, HashMap<String, Rank>>,
    order: Option<Order>,
    history: History,
    warnings: Vec<NotesWarning>,
    /// The notes file as sxs last read or wrote it.
    stamp: Option<file::Stamp>,
    /// The entries' files by where they lie; made when first asked.
    absolute_names: std::sync::OnceLock<SameFile>,
    /// The file starts with a byte-order mark, which saving keeps.
    bom: bool,
    /// The entries' YAML in order, as the next save writes it: a change
    /// splices one entry in (a move of the bytes after it) where gathering
    /// 10,000 pieces from all over the heap at every save costs more.
    image: Vec<u8>,
    /// Time on screen not saved yet, by (file, id): written with the
    /// segment's next change, or by `add_seconds` (see `carry_seconds`).
    carried: HashMap<(String, String), f64>,
    /// How often the file was read: when opened, then at each change made
    /// after it changed on disk.
    reads: u32,
    /// What stood before the first entry (comments), written back first.
    head: String,
}

/// Whether this `Notes` may save.
#[derive(Debug)]
enum Writer {
    /// Holds the lock for as long as it lives; never read.
    Locked(#[allow(dead_code)] Lock),
    /// The lock could not be had (another sxs holds it): tried again at the
    /// next change, so that marking works once the other one has quit.
    Waiting(String),
    /// Never saves (opened for reading).
    Never(String),
    /// A stand-in for a file that could not be opened (not valid YAML,
    /// unreadable): opened again at the next change, so that marking works
    /// once the reviewer has fixed it.
    Unopened(String),
}

struct Slot {
    entry: Entry,
    /// The entry as written in the file: only a changed entry is serialised
    /// again. Earlier entries for the same segment (a hand edit, a merge)
    /// come first, kept as they were: the last one counts.
    yaml: Vec<u8>,
    /// Bytes of `yaml` that are earlier entries.
    copies: usize,
}

impl Slot {
    fn new(entry: Entry, copies: Vec<u8>) -> Slot {
        let mut yaml = copies;
        let copies = yaml.len();
        yaml.reserve(512);
        layout::write_entry(&mut yaml, &entry);
        Slot {
            entry,
            yaml,
            copies,
        }
    }

    /// The entry's own text (without the earlier copies before it).
    fn as_written(&self) -> Option<String> {
        String::from_utf8(self.yaml[self.copies..].to_vec()).ok()
    }

    /// An entry as the file had it: `text` written back as it is, so that
    /// hand-made layout, comments and number forms of an entry no change
    /// touches are kept (SPEC: entries for files not opened are kept
    /// untouched); serialised as sxs writes it when the layout gave no text.
    fn loaded(entry: Entry, copies: Vec<u8>, text: Option<String>) -> Slot {
        // A file saved with CRLF line ends gets sxs's layout, not a mix.
        let Some(text) = text.filter(|t| !t.contains('\r')) else {
            return Slot::new(entry, copies);
        };
        let mut yaml = copies;
        let copies = yaml.len();
        yaml.extend_from_slice(text.as_bytes());
        if !text.ends_with('\n') {
            yaml.push(b'\n');
        }
        Slot {
            entry,
            yaml,
            copies,
        }
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
    /// sxs holds it (else the `Notes` is read-only until it can take it, see
    /// [`Notes::read_only_reason`]) and loads every entry. A missing file is
    /// empty; it is created by the first change. An invalid file is an
    /// error: show it and run without marks ([`Notes::unavailable`]) or stop;
    /// it is never written over. A path that is not a regular file (a
    /// folder, a device, a FIFO) is an error too.
    pub fn open(path: &Path) -> Result<Notes, NotesError> {
        let target = resolve(path)?;
        // Lock before reading: what is read is then what no one else will change.
        let writer = match lock::acquire(&target) {
            Ok(lock) => {
                destination::remove_leftovers(&target);
                Writer::Locked(lock)
            }
            Err(reason) => Writer::Waiting(reason),
        };
        Notes::load(path, target, writer)
    }

    /// Loads the notes file to read only (export, stats): no lock, no saving.
    pub fn read(path: &Path) -> Result<Notes, NotesError> {
        let target = resolve(path)?;
        Notes::load(
            path,
            target,
            Writer::Never("opened for reading only".into()),
        )
    }

    /// A read-only, empty stand-in for a notes file that could not be opened,
    /// so that the review can go on without marks; `reason` says why.
    pub fn unavailable(path: &Path, reason: String) -> Notes {
        Notes::new(path, path.to_path_buf(), Writer::Unopened(reason))
    }

    fn load(path: &Path, target: PathBuf, writer: Writer) -> Result<Notes, NotesError> {
        let mut notes = Notes::new(path, target, writer);
        notes.reload()?;
        Ok(notes)
    }

    fn new(path: &Path, target: PathBuf, writer: Writer) -> Notes {
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
            absolute_names: std::sync::OnceLock::new(),
            bom: false,
            image: Vec::new(),
            carried: HashMap::new(),
            reads: 0,
            head: String::new(),
        }
    }

    /// Replaces the entries with what the file holds now.
    fn reload(&mut self) -> Result<(), NotesError> {
        // Stamped before reading: a change in between is seen at the next save.
        let stamp = file::stamp(&self.target);
        let loaded = file::read(&self.target, &self.path)?;
        self.reads += 1;
        self.entries.clear();
        self.warnings = loaded.warnings;
        self.bom = loaded.bom;
        self.head = loaded.head;
        for (seq, file::LoadedEntry { entry, line, text }) in loaded.entries.into_iter().enumerate()
        {
            let mut copies = Vec::new();
            if let Some(key) = self.key_of(&entry.file, &entry.id)
                && let Some(earlier) = self.entries.remove(&key)
            {
                self.warnings.push(NotesWarning {
                    path: self.path.clone(),
                    line,
                    message: format!(
                        "{} {}: more than one entry for this segment; the last one counts, \
                         the others are kept as they are (remove them by hand)",
                        entry.file, entry.id
                    ),
                });
                copies = earlier.yaml;
            }
            let rank = self
                .order
                .as_ref()
                .and_then(|order| order(&entry.file, &entry.id))
                .map_or(Rank::Kept(seq), Rank::Doc);
            self.insert(Slot::loaded(entry, copies, text), rank);
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

    /// How often the file was read. A change that read it again (it was
    /// edited by hand, or by another program) may have changed any entry,
    /// not only the one it was about.
    pub fn reads(&self) -> u32 {
        self.reads
    }

    /// The notes file as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        !matches!(self.writer, Writer::Locked(_))
    }

    /// Why this `Notes` cannot save, for the status bar; `None` for the
    /// writer. One waiting for another sxs's lock tries it again at each
    /// change (`mark`, `dismiss`, `clear`, `undo`, `redo`, or
    /// [`Notes::try_writing`]); this says `None` once it has it.
    pub fn read_only_reason(&self) -> Option<&str> {
        match &self.writer {
            Writer::Locked(_) => None,
            Writer::Waiting(reason) | Writer::Never(reason) | Writer::Unopened(reason) => {
                Some(reason)
            }
        }
    }

    /// Takes the writer's lock if this `Notes` waits for it and it is free
    /// now; `true` when this `Notes` can save. What the other sxs wrote is
    /// read at the next change.
    pub fn try_writing(&mut self) -> bool {
        match self.writer {
            Writer::Waiting(_) => match lock::acquire(&self.target) {
                Ok(lock) => {
                    destination::remove_leftovers(&self.target);
                    self.writer = Writer::Locked(lock);
                }
                Err(reason) => self.writer = Writer::Waiting(reason),
            },
            Writer::Unopened(_) => self.try_opening(),
            Writer::Locked(_) | Writer::Never(_) => {}
        }
        !self.is_read_only()
    }

    /// Opens the file this stand-in could not: what it holds now is loaded,
    /// in the order of the documents, or the reason says what is wrong now.
    fn try_opening(&mut self) {
        match Notes::open(&self.path) {
            Ok(mut opened) => {
                if let Some(order) = self.order.take() {
                    opened.set_order(order);
                }
                *self = opened;
            }
            Err(err) => self.writer = Writer::Unopened(err.to_string()),
        }
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

    /// The name the entries give the file `path` names, when they name it
    /// otherwise (see [`SameFile`]). `None` when the entries use `path`
    /// itself, or no name of the same file.
    pub fn name_of_same_file(&self, path: &str) -> Option<&str> {
        if self.ranks.contains_key(path) {
            return None;
        }
        self.same_file().name_of(path)
    }

    /// The entries' files by where they lie, made when first asked.
    pub fn same_file(&self) -> &SameFile {
        self.absolute_names
            .get_or_init(|| SameFile::of(self.ranks.keys().map(String::as_str)))
    }

    /// Gives each document the name the entries give its file, where that
    /// differs from the name it was opened by (see
    /// [`Notes::name_of_same_file`]); the warning that says so, when any
    /// was renamed.
    pub fn use_its_names(&self, docs: &mut [Document]) -> Option<String> {
        let mut renamed = 0;
        let mut example = None;
        for doc in docs {
            if let Some(name) = self.name_of_same_file(&doc.path) {
                let name = name.to_string();
                example.get_or_insert_with(|| (name.clone(), doc.path.clone()));
                doc.path = name;
                renamed += 1;
            }
        }
        let (name, opened_as) = example?;
        Some(match renamed {
            1 => format!(
                "{opened_as} is taken as {name}, the name the notes file gives the same \
                 file, so that its marks are found"
            ),
            n => format!(
                "{n} files are taken by the names the notes file gives them ({name} for \
                 {opened_as}, …), so that their marks are found"
            ),
        })
    }

    pub fn get(&self, file: &str, id: &str) -> Option<&Entry> {
        self.slot(file, id).map(|slot| &slot.entry)
    }

    fn slot(&self, file: &str, id: &str) -> Option<&Slot> {
        self.entries.get(&self.key_of(file, id)?)
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
        // Per file, (hash of id, index) sorted by hash: a whole corpus's ids
        // in 12 bytes each rather than a copy of every id in a map (15 MB
        // less for the shared corpus). Two ids of one file with one 64-bit
        // hash would only share a place in the file's order.
        let hash = |id: &str| {
            let mut h = std::hash::DefaultHasher::new();
            std::hash::Hasher::write(&mut h, id.as_bytes());
            std::hash::Hasher::finish(&h)
        };
        let mut index: HashMap<String, Vec<(u64, u32)>> = HashMap::new();
        for doc in &store.docs {
            let mut ids: Vec<(u64, u32)> = (doc.segments.iter().enumerate())
                .map(|(i, seg)| (hash(seg.id()), i as u32))
                .collect();
            // A repeated id is one entry: it stands where the id first appears.
            ids.sort_unstable();
            ids.dedup_by_key(|&mut (h, _)| h);
            ids.shrink_to_fit();
            index.insert(doc.path.clone(), ids);
        }
        self.set_order(move |file, id| {
            let ids = index.get(file)?;
            let h = hash(id);
            let at = ids.partition_point(|&(x, _)| x < h);
            ids.get(at)
                .filter(|&&(x, _)| x == h)
                .map(|&(_, i)| i as usize)
        });
    }

    /// Sets or replaces the entry for `entry.file`, `entry.id`, and saves.
    /// Dismissed checks, hand-added keys and the time on screen of the entry
    /// it replaces stay. On `Err` nothing changed, in memory or on disk.
    pub fn mark(&mut self, mut entry: Entry) -> Result<(), NotesError> {
        self.prepare()?;
        if let Some(old) = self.get(&entry.file, &entry.id) {
            for check in &old.dismissed {
                if !entry.dismissed.contains(check) {
                    entry.dismissed.push(check.clone());
                }
            }
            entry.extra.inherit(&old.extra);
            if entry.seconds == 0.0 {
                entry.seconds = old.seconds;
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
    /// with no verdict: dismissing a finding says nothing of the rest of
    /// the segment, which stays unreviewed.
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
            .unwrap_or_else(|| Entry::unjudged(seg, reviewer));
        if entry.dismissed.iter().any(|c| c == check) {
            return Ok(());
        }
        entry.dismissed.push(check.to_string());
        self.change(seg.file.to_string(), seg.id.to_string(), Some(entry))
    }

    /// Takes back the last change and saves. Returns the segment it concerned,
    /// for the cursor; `None` when there is nothing to undo. A change whose
    /// entry was changed or removed outside sxs since is not taken back
    /// (that would undo the hand edit): it is dropped with
    /// [`NotesError::ChangedOutside`], and the next undo goes on before it.
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
        let Some(mut change) = self.history.take(step) else {
            return Ok(None);
        };
        // Time on screen is not a change of the reviewer's: it is neither
        // taken back nor a reason to refuse.
        let now = self.get(&change.file, &change.id);
        if !same_but_time(now, change.before.as_ref()) {
            return Err(NotesError::ChangedOutside {
                path: self.path.clone(),
                step: match step {
                    Step::Undo => "undone",
                    Step::Redo => "redone",
                },
                file: change.file,
                id: change.id,
            });
        }
        if let (Some(after), Some(now)) = (&mut change.after, now) {
            if after.seconds != now.seconds {
                // The text as it was holds the time it had then.
                change.after_text = None;
            }
            after.seconds = now.seconds;
        }
        let saved = self.apply(&change);
        let segment = (change.file.clone(), change.id.clone());
        self.history.settle(step, change, saved.is_ok());
        saved.map(|()| Some(segment))
    }

    /// A new change by the reviewer, once `prepare` has passed. The entry
    /// is written in the current layout from now on.
    fn change(&mut self, file: String, id: String, after: Option<Entry>) -> Result<(), NotesError> {
        let carried = self.carried.remove(&(file.clone(), id.clone()));
        let after = after.map(|mut entry| {
            entry.earlier = None;
            entry.seconds = rounded(entry.seconds + carried.unwrap_or(0.0));
            entry
        });
        let change = Change {
            before: self.get(&file, &id).cloned(),
            before_text: self.slot(&file, &id).and_then(Slot::as_written),
            after_text: None,
            file,
            id,
            after,
        };
        if let Err(err) = self.apply(&change) {
            if let Some(seconds) = carried {
                self.carried.insert((change.file, change.id), seconds);
            }
            return Err(err);
        }
        self.history.record(change);
        Ok(())
    }

    /// Puts `change.after` in place and saves; on failure puts `change.before`
    /// back, so that memory never shows what the disk does not hold.
    fn apply(&mut self, change: &Change) -> Result<(), NotesError> {
        if change.after.is_none()
            && self
                .slot(&change.file, &change.id)
                .is_some_and(|s| s.copies > 0)
        {
            return Err(NotesError::Duplicated {
                path: self.path.clone(),
                file: change.file.clone(),
                id: change.id.clone(),
            });
        }
        let (file, id) = (&change.file, &change.id);
        self.put(file, id, change.after.clone(), change.after_text.clone());
        let saved = self.save();
        if saved.is_err() {
            self.put(file, id, change.before.clone(), change.before_text.clone());
        }
        saved
    }

    /// Puts `entry` in place of the segment's entry (`None`: removes it),
    /// in the map and in the file image: `text` when it is the entry as
    /// the file had it, else as sxs writes it.
    fn put(&mut self, file: &str, id: &str, entry: Option<Entry>, text: Option<String>) {
        let mut copies = Vec::new();
        if let Some(key) = self.key_of(file, id)
            && let Some(mut old) = self.entries.remove(&key)
        {
            let at = self.offset_of(&key);
            self.image.drain(at..at + old.yaml.len());
            old.yaml.truncate(old.copies);
            copies = old.yaml;
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
        let key = self.insert(Slot::loaded(entry, copies, text), rank);
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

    /// Before any change: takes the lock if it waits for it, refuses when
    /// read-only, then takes in hand edits (and the other sxs's marks).
    fn prepare(&mut self) -> Result<(), NotesError> {
        if !self.try_writing() {
            return Err(NotesError::ReadOnly {
                path: self.path.clone(),
                reason: self.read_only_reason().unwrap_or_default().to_string(),
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
        let bom = match self.bom {
            true => file::BOM.as_bytes(),
            false => b"",
        };
        destination::write_atomic(&self.target, &[bom, self.head.as_bytes(), bytes]).map_err(
            |error| NotesError::Io {
                path: self.path.clone(),
                action: "save the notes",
                error,
            },
        )?;
        self.stamp = file::stamp(&self.target);
        Ok(())
    }
}

/// The notes file's names of files by where the files lie, to find the
/// entries of a file opened under another name: `a.md` for `./a.md`,
/// `docs/a.md` for `docs//a.md` or for `/home/me/docs/a.md` read in
/// `/home/me`. A review of the file under another name would show none of
/// its marks, and put new ones beside the old. Names are compared as
/// absolute paths from the current folder, so the name given back opens
/// the file as well; they are not looked up on disk (no links followed, no
/// `..` taken out), which keeps the first screen free of a file-system
/// lookup per notes file.
#[derive(Debug, Default)]
pub struct SameFile(HashMap<PathBuf, String>);

impl SameFile {
    fn of<'a>(files: impl Iterator<Item = &'a str>) -> SameFile {
        let mut names = HashMap::new();
        for file in files {
            if let Ok(absolute) = std::path::absolute(file) {
                names.entry(absolute).or_insert_with(|| file.to_string());
            }
        }
        SameFile(names)
    }

    /// The notes file's name of the file `path` names, when it differs.
    pub fn name_of(&self, path: &str) -> Option<&str> {
        if self.0.is_empty() {
            return None;
        }
        let absolute = std::path::absolute(path).ok()?;
        self.0
            .get(&absolute)
            .map(String::as_str)
            .filter(|&name| name != path)
    }
}

/// Seconds to the millisecond: plenty, and the file's numbers stay short.
fn rounded(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

/// Whether two states of an entry differ in nothing but the time on screen.
fn same_but_time(a: Option<&Entry>, b: Option<&Entry>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            Entry {
                seconds: b.seconds,
                ..a.clone()
            } == *b
        }
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// The file a save must replace: `path` with its symbolic links followed
/// (a link to a file not made yet names the file to create). Anything but
/// a regular file is refused: a device, a FIFO or a descriptor would be
/// replaced by a file, or read without end.
fn resolve(path: &Path) -> Result<PathBuf, NotesError> {
    let refused = |what: String| NotesError::NotRegular {
        path: path.to_path_buf(),
        what,
    };
    match destination::destination(path) {
        Ok(Destination::File(target)) => Ok(target),
        Ok(Destination::Stream { path: target, .. }) => {
            let what = match std::fs::metadata(&target) {
                Ok(meta) => match crate::yaml::not_regular(&meta) {
                    Err(err) => err.to_string(),
                    Ok(()) => "is reached through a file descriptor".into(),
                },
                Err(err) => err.to_string(),
            };
            Err(refused(what))
        }
        Err(err) if err.kind() == std::io::ErrorKind::InvalidInput => Err(refused(err.to_string())),
        Err(error) => Err(NotesError::Io {
            path: path.to_path_buf(),
            action: "open",
            error,
        }),
    }
}
