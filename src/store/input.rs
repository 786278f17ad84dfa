//! Turning command-line paths into documents: walking folders, reading bytes,
//! refusing binary files, repairing invalid UTF-8, parsing in parallel.
//!
//! A path the user named must give something: a file that cannot be read or
//! is not a segment file, or a folder with no segment file in it, is an error
//! (exit 2), so that a CI gate never passes on nothing. Inside a walked folder
//! the same problems are warnings and the load goes on.

use std::borrow::Cow;
use std::collections::hash_map;
use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use super::{Document, Keep, SegmentTexts, Store, Warning, locale, texts_of, wmt};

/// `path` with its `.` parts dropped and each `..` taking the part before
/// it away, on the names alone (links are not followed): two names a user
/// gives for one file compare equal.
fn lexically_normal(path: &str) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in Path::new(path).components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path on the command line that gave nothing to review.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or folder; give a segment file or a folder of them")]
    NotFound(String),
    /// `why`, not `source`: it is said in the message, and a source would
    /// be said again after it by whoever prints the error's causes.
    #[error("{path}: cannot be read ({why}); check its permissions")]
    Unreadable { path: String, why: io::Error },
    /// Named, but not a segment file: `why` says what it is instead.
    #[error("{path}: {why}")]
    NotSegmentFile { path: String, why: String },
    #[error("{folder}: no segment files in this folder (*.md files with data-ttu-id spans){hint}")]
    NoSegmentFiles { folder: String, hint: String },
}

/// Piped input (a FIFO, `/dev/stdin` from a pipe) is read into memory, so it
/// is capped: an endless writer must not fill the memory.
pub const MAX_PIPED_BYTES: u64 = 256 << 20;

/// The bundled sample article: one article in five locales.
const SAMPLES: &[(&str, &str)] = &[
    (
        "samples/000_8f5dbdcd68e3905e.txt",
        include_str!("../../assets/samples/000_8f5dbdcd68e3905e.txt"),
    ),
    (
        "samples/001_556f1865daf7fcb3.txt",
        include_str!("../../assets/samples/001_556f1865daf7fcb3.txt"),
    ),
    (
        "samples/002_ee96e020f3bbcfea.txt",
        include_str!("../../assets/samples/002_ee96e020f3bbcfea.txt"),
    ),
    (
        "samples/003_306dc789f17fb0a3.txt",
        include_str!("../../assets/samples/003_306dc789f17fb0a3.txt"),
    ),
    (
        "samples/004_52681c2fb3646d8a.txt",
        include_str!("../../assets/samples/004_52681c2fb3646d8a.txt"),
    ),
];

/// A file to read: the name it is shown by, where its bytes are, and the
/// command-line path it came from.
#[derive(Clone)]
pub(super) struct Candidate {
    pub(super) name: String,
    origin: Origin,
    /// Index into `Sources::roots`.
    root: usize,
    /// Found by walking a folder: a file without spans is then simply not a
    /// segment file, and a problem is a warning, not an error.
    pub(super) walked: bool,
}

#[derive(Clone)]
enum Origin {
    Disk(PathBuf),
    /// Read already: piped input, which cannot be read twice.
    Piped(Vec<u8>),
    Bundled(&'static str),
}

/// A path given on the command line.
struct Root {
    name: String,
    /// A folder; else the path named one file.
    folder: bool,
    /// Files the walk did not read because of their extension, by extension:
    /// the hint when the folder turns out to hold no segment file.
    other_files: BTreeMap<String, usize>,
    /// A file of it is read under another path given (`a.md` and `.`), so
    /// it is not empty although no file is counted for it.
    shared: bool,
}

/// The files that command-line paths name, resolved and sorted, not yet read.
pub struct Sources {
    pub(super) candidates: Vec<Candidate>,
    roots: Vec<Root>,
    /// Folders that could not be listed, files in them that are not regular.
    warnings: Vec<Warning>,
    /// The locale of files that name none (WMT MQM files): `--locale`.
    pub(super) locale: Option<String>,
    /// Folders named but not walked yet, with their root.
    unwalked: Vec<(PathBuf, usize)>,
    /// What each document keeps: its context only for the review screen.
    pub(super) keep: Keep,
    /// Named paths that could not be opened: reported with the problems of
    /// the load, after the other paths were done.
    errors: Vec<LoadError>,
}

/// What a load could not use.
#[derive(Debug, Default)]
pub struct Problems {
    /// Inside walked folders or inside files: the load went on without them.
    pub warnings: Vec<Warning>,
    /// Named paths that gave no segment file: exit 2 once the rest is loaded.
    pub errors: Vec<LoadError>,
}

impl Sources {
    /// Resolves paths per SPEC "Input": a file is taken whatever its extension,
    /// a folder is walked for `*.md`; the list is in sorted path order. A named
    /// path that does not exist, cannot be opened, or is a device is one of
    /// the errors [`Sources::stream`] returns, once the other paths are read.
    pub fn resolve<P: AsRef<Path>>(paths: &[P]) -> Sources {
        let mut sources = Sources::resolve_named(paths);
        sources.walk_folders();
        sources
    }

    /// [`Sources::resolve`] without walking the folders yet: every named
    /// path is checked, and [`Sources::walk_folders`] lists the folders'
    /// files later (the review screen does it while the first file shows).
    pub fn resolve_named<P: AsRef<Path>>(paths: &[P]) -> Sources {
        let mut sources = Sources {
            candidates: Vec::new(),
            roots: Vec::new(),
            warnings: Vec::new(),
            locale: None,
            unwalked: Vec::new(),
            keep: Keep::Context,
            errors: Vec::new(),
        };
        for path in paths {
            if let Err(error) = sources.name(path.as_ref()) {
                sources.errors.push(error);
            }
        }
        sources
    }

    /// Adds one named path: a folder to walk, or a file to read.
    fn name(&mut self, path: &Path) -> Result<(), LoadError> {
        let name = path.to_string_lossy().into_owned();
        // Named twice, read once: piped input cannot be read again.
        if self.roots.iter().any(|root| root.name == name) {
            return Ok(());
        }
        let path = match name.as_str() {
            "-" => standard_input()?,
            _ => path,
        };
        let meta = fs::metadata(path).map_err(|source| {
            if fs::symlink_metadata(path).is_ok_and(|link| link.is_symlink()) {
                let (what, todo) = broken_link(path, &source);
                return LoadError::NotSegmentFile {
                    path: name.clone(),
                    why: format!("{what}; {todo}"),
                };
            }
            match source.kind() {
                io::ErrorKind::NotFound => LoadError::NotFound(name.clone()),
                _ => LoadError::Unreadable {
                    path: name.clone(),
                    why: source,
                },
            }
        })?;
        let root = self.roots.len();
        self.roots.push(Root {
            name: name.clone(),
            folder: meta.is_dir(),
            other_files: BTreeMap::new(),
            shared: false,
        });
        if meta.is_dir() {
            self.unwalked.push((path.to_path_buf(), root));
            return Ok(());
        }
        let origin = match name == "-" && meta.is_file() {
            // Standard input redirected from a file: read now, as a pipe
            // is, since no later read by the name `-` could find it.
            true => Origin::Piped(read_pipe(path, &name)?),
            false => named_file(path, &name, &meta)?,
        };
        self.candidates.push(Candidate {
            name,
            origin,
            root,
            walked: false,
        });
        Ok(())
    }

    /// Lists the files of the named folders; every file then stands in
    /// sorted path order, each once, however many paths given reach it
    /// (`de-de/a.md` and `./de-de/a.md`, a file and its folder).
    pub fn walk_folders(&mut self) {
        for (dir, root) in std::mem::take(&mut self.unwalked) {
            self.walk(&dir, root);
        }
        self.candidates.sort_by(|a, b| a.name.cmp(&b.name));
        let mut first_root: HashMap<PathBuf, usize> = HashMap::new();
        let roots = &mut self.roots;
        self.candidates.retain(|c| {
            if c.name == "-" {
                return true;
            }
            match first_root.entry(lexically_normal(&c.name)) {
                hash_map::Entry::Vacant(slot) => {
                    slot.insert(c.root);
                    true
                }
                hash_map::Entry::Occupied(kept) => {
                    if *kept.get() != c.root {
                        roots[c.root].shared = true;
                    }
                    false
                }
            }
        });
    }

    /// Reads the files of the first path given first, then the second's…,
    /// each path's files in path order (the review screen opens on the first
    /// file of the first path).
    pub(super) fn order_by_path_given(&mut self) {
        self.candidates.sort_by_key(|c| c.root);
    }

    /// The sample article compiled into the binary.
    pub fn bundled() -> Sources {
        Sources {
            candidates: SAMPLES
                .iter()
                .enumerate()
                .map(|(root, (name, text))| Candidate {
                    name: name.to_string(),
                    origin: Origin::Bundled(text),
                    root,
                    walked: false,
                })
                .collect(),
            roots: SAMPLES
                .iter()
                .map(|(name, _)| Root {
                    name: name.to_string(),
                    folder: false,
                    other_files: BTreeMap::new(),
                    shared: false,
                })
                .collect(),
            warnings: Vec::new(),
            locale: None,
            unwalked: Vec::new(),
            keep: Keep::Context,
            errors: Vec::new(),
        }
    }

    /// Whether every file is on disk, so that a document can be read again
    /// by its file's name (see [`read_again`]): not piped input nor the
    /// bundled samples.
    pub fn on_disk(&self) -> bool {
        self.candidates
            .iter()
            .all(|c| matches!(c.origin, Origin::Disk(_)))
    }

    /// Sets the locale of the files that name none (WMT MQM files).
    pub fn with_locale(self, locale: Option<String>) -> Sources {
        Sources { locale, ..self }
    }

    /// Parses each document keeping only its segments, not its context.
    pub fn segments_only(self) -> Sources {
        Sources {
            keep: Keep::Segments,
            ..self
        }
    }

    /// Reads and parses every file on all cores, handing each document to `f`
    /// and each result, in path order, to `sink`. At most a few dozen files
    /// are read ahead of `sink`, so a caller that streams holds little in
    /// memory and never waits long.
    /// Returns what could not be used (a document's own warnings stay in the
    /// document).
    pub fn stream<T: Send>(
        self,
        f: impl Fn(Document) -> T + Sync,
        mut sink: impl FnMut(T),
    ) -> Problems {
        // Files are read in runs of BATCH: one task, one message and one
        // wake-up per file were a fifth of `dump`'s time over the corpus's
        // 2,969 files (thread switches in the kernel). The first run is one
        // file, so that the review screen shows it as soon as it is parsed.
        const BATCH: usize = 8;
        const WINDOW: usize = 64 / BATCH;
        let mut problems = Problems {
            warnings: self.warnings,
            errors: self.errors,
        };
        let mut found = vec![0usize; self.roots.len()];
        let (candidates, roots) = (&self.candidates, &self.roots);
        let (locale, keep) = (self.locale.as_deref(), self.keep);
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            // A token per run read and not yet taken by `sink`: at most
            // WINDOW, so a caller that streams holds little in memory. Runs
            // start in path order and a core that is done takes the next one.
            let (slot, slot_back) = std::sync::mpsc::sync_channel::<()>(WINDOW);
            let f = &f;
            let runs = std::iter::once(0..candidates.len().min(1)).chain(
                (1..candidates.len())
                    .step_by(BATCH)
                    .map(|start| start..(start + BATCH).min(candidates.len())),
            );
            scope.spawn(move || {
                // In place: this thread waits for slots, not a worker of the
                // pool, and the runs queue in order for the workers.
                rayon::in_place_scope(|tasks| {
                    for (i, run) in runs.enumerate() {
                        if slot.send(()).is_err() {
                            return;
                        }
                        let tx = tx.clone();
                        tasks.spawn(move |_| {
                            let results: Vec<_> = candidates[run]
                                .iter()
                                .map(|c| {
                                    let docs = read(c, locale, keep);
                                    let result = docs.map(|docs| docs.into_iter().map(f).collect());
                                    (c.root, result)
                                })
                                .collect();
                            // The receiver is gone only when the caller is.
                            let _ = tx.send((i, results));
                        });
                    }
                });
            });
            // Results arrive as runs finish; `sink` takes them in path order.
            type Run<T> = Vec<(usize, Result<Vec<T>, Warning>)>;
            let mut waiting: BTreeMap<usize, Run<T>> = BTreeMap::new();
            let mut next = 0;
            for (i, results) in rx {
                waiting.insert(i, results);
                while let Some(results) = waiting.remove(&next) {
                    next += 1;
                    let _ = slot_back.recv();
                    for (root, result) in results {
                        match result {
                            Ok(values) => {
                                found[root] += values.len();
                                values.into_iter().for_each(&mut sink);
                            }
                            Err(warning) if !roots[root].folder => {
                                problems.errors.push(LoadError::NotSegmentFile {
                                    path: warning.file,
                                    why: warning.message,
                                })
                            }
                            Err(mut warning) => {
                                warning.message.push_str("; skipped");
                                problems.warnings.push(warning);
                            }
                        }
                    }
                }
            }
        });
        for (root, _) in found.iter().enumerate().filter(|(_, n)| **n == 0) {
            let root = &self.roots[root];
            if root.folder && !root.shared {
                problems.errors.push(LoadError::NoSegmentFiles {
                    folder: root.name.clone(),
                    hint: other_files_hint(&root.other_files),
                });
            }
        }
        problems
    }

    /// Every document, with the warnings in the store; the first named path
    /// that gave nothing is the error.
    pub fn load(self) -> Result<Store, LoadError> {
        let mut docs = Vec::new();
        let problems = self.stream(|doc| doc, |doc| docs.push(doc));
        match problems.errors.into_iter().next() {
            Some(error) => Err(error),
            None => Ok(Store {
                docs,
                warnings: problems.warnings,
            }),
        }
    }

    /// Collects `*.md` files below `dir` for command-line path `root`,
    /// skipping hidden folders; what cannot be read becomes a warning.
    fn walk(&mut self, dir: &Path, root: usize) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.warnings.push(file_warning(
                    &dir.to_string_lossy(),
                    format!("folder cannot be read ({e}); skipped"),
                ));
                return;
            }
        };
        for entry in entries.flatten() {
            match Entry::of(&entry) {
                Entry::Folder(path) => self.walk(&path, root),
                Entry::Markdown(path) => self.candidates.push(Candidate {
                    name: path.to_string_lossy().into_owned(),
                    origin: Origin::Disk(path),
                    root,
                    walked: true,
                }),
                Entry::NotRegular(path) => self.warnings.push(file_warning(
                    &path.to_string_lossy(),
                    "not a regular file (a FIFO, device or socket); skipped".into(),
                )),
                Entry::BadLink(path, (what, todo)) => self.warnings.push(file_warning(
                    &path.to_string_lossy(),
                    format!("{what}; skipped: {todo}"),
                )),
                Entry::Other(extension) => {
                    *self.roots[root].other_files.entry(extension).or_default() += 1;
                }
                Entry::Skipped => {}
            }
        }
    }

    /// The files of the first path given, in path order, found without
    /// walking the rest: for a folder, its sorted entries depth first, so
    /// that the first ones come after reading a few folders only. What
    /// cannot be listed is left to the full walk to report. A named file is
    /// lent, not copied: piped input can be hundreds of MB.
    pub(super) fn first_path_files(&self) -> Box<dyn Iterator<Item = Cow<'_, Candidate>> + '_> {
        match self.unwalked.first() {
            Some((dir, 0)) => Box::new(sorted_markdown(dir.clone()).map(Cow::Owned)),
            _ => Box::new(
                (self.candidates.iter())
                    .filter(|c| c.root == 0)
                    .map(Cow::Borrowed),
            ),
        }
    }
}

/// What the walk makes of a folder entry.
enum Entry {
    /// Not hidden; folder links are not followed, so a cycle cannot trap the walk.
    Folder(PathBuf),
    /// A `*.md` regular file, or a link to one.
    Markdown(PathBuf),
    /// A `*.md` FIFO, device or socket: a FIFO would block, a device could be endless.
    NotRegular(PathBuf),
    /// A `*.md` link that leads to no file: what it is, and what to do.
    BadLink(PathBuf, (String, &'static str)),
    /// A file of another extension (`*.txt`, or `(none)`).
    Other(String),
    Skipped,
}

impl Entry {
    fn of(entry: &fs::DirEntry) -> Entry {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            return Entry::Skipped;
        };
        if kind.is_dir() {
            return match hidden {
                true => Entry::Skipped,
                false => Entry::Folder(path),
            };
        }
        // A link to a file counts as the file; the walk asks the disk only
        // about links (the entry's type says the rest), which keeps the
        // listing of a large folder fast.
        let is_file = match kind.is_symlink() {
            false => kind.is_file(),
            true => match (fs::metadata(&path), is_markdown(&path)) {
                (Ok(target), _) if target.is_file() => true,
                (Ok(target), true) if target.is_dir() => {
                    let what = "a link to a folder, and links to folders are not followed";
                    let todo = "name the folder on the command line to read it";
                    return Entry::BadLink(path, (what.into(), todo));
                }
                (Err(error), true) => {
                    let why = broken_link(&path, &error);
                    return Entry::BadLink(path, why);
                }
                _ => false,
            },
        };
        match (is_markdown(&path), is_file) {
            (true, true) => Entry::Markdown(path),
            (true, false) => Entry::NotRegular(path),
            (false, true) => Entry::Other(path.extension().map_or_else(
                || "(none)".to_string(),
                |e| format!("*.{}", e.to_string_lossy()),
            )),
            (false, false) => Entry::Skipped,
        }
    }
}

/// What a link that cannot be followed to its end is, and what to do, for a
/// message: `error` is what following it gave.
fn broken_link(path: &Path, error: &io::Error) -> (String, &'static str) {
    let target = fs::read_link(path).map_or_else(
        |_| "its target".to_string(),
        |to| format!("`{}`", to.to_string_lossy()),
    );
    if error.kind() == io::ErrorKind::NotFound {
        let what = format!("a link to nothing (it points to {target})");
        (what, "point it at a segment file or remove it")
    } else if error.raw_os_error() == Some(libc::ELOOP) {
        let what = "a loop of links (following it comes back round, or goes through too many \
                    links)";
        (what.into(), "point it at a segment file or remove it")
    } else {
        let what = format!("a link that cannot be followed to {target} ({error})");
        (what, "check the permissions of the folders on its way")
    }
}

/// The `*.md` files below `dir` in sorted path order, lazily: each folder
/// is listed when the files before it are used up.
fn sorted_markdown(dir: PathBuf) -> impl Iterator<Item = Candidate> {
    // A stack of sorted folder listings, the next entry last.
    let mut stack: Vec<Vec<Entry>> = vec![listing(&dir)];
    std::iter::from_fn(move || {
        loop {
            let entries = stack.last_mut()?;
            match entries.pop() {
                None => {
                    stack.pop();
                }
                Some(Entry::Folder(path)) => stack.push(listing(&path)),
                Some(Entry::Markdown(path)) => {
                    return Some(Candidate {
                        name: path.to_string_lossy().into_owned(),
                        origin: Origin::Disk(path),
                        root: 0,
                        walked: true,
                    });
                }
                Some(_) => {}
            }
        }
    })
}

/// A folder's folders and `*.md` files, the first in path order last.
fn listing(dir: &Path) -> Vec<Entry> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Entry)> = entries
        .flatten()
        .filter_map(|entry| {
            let entry_kind = Entry::of(&entry);
            // Sorted as whole paths sort: a folder's files follow its name
            // and a `/`, so `a.md` comes before `a/b.md`.
            let mut key = entry.file_name().to_string_lossy().into_owned();
            match entry_kind {
                Entry::Folder(_) => key.push('/'),
                Entry::Markdown(_) => {}
                _ => return None,
            }
            Some((key, entry_kind))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, entry)| entry).collect()
}

/// `-`, the usual name of standard input: read as `/dev/stdin` is, but
/// never from a terminal, where a load would wait for typing.
fn standard_input() -> Result<&'static Path, LoadError> {
    if io::stdin().is_terminal() {
        return Err(LoadError::NotSegmentFile {
            path: "-".into(),
            why: "standard input is a terminal here; pipe a segment file into sxs \
                  (`cat FILE | sxs dump -`) or name the file"
                .into(),
        });
    }
    Ok(Path::new("/dev/stdin"))
}

/// Where a named file's bytes come from, or why it cannot be read. Regular
/// files are opened to see that they can be (and read later, in parallel);
/// piped input is read now, only if something writes to it; a device or a
/// socket is never read.
fn named_file(path: &Path, name: &str, meta: &fs::Metadata) -> Result<Origin, LoadError> {
    let unreadable = |why| LoadError::Unreadable {
        path: name.to_string(),
        why,
    };
    if meta.is_file() {
        File::open(path).map_err(unreadable)?;
        return Ok(Origin::Disk(path.to_path_buf()));
    }
    #[cfg(unix)]
    if std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()) {
        return read_pipe(path, name).map(Origin::Piped);
    }
    let why = match name {
        "-" => {
            "standard input is a device (such as /dev/null), not a segment file; pipe one \
                in (`cat FILE | sxs dump -`) or name the file"
        }
        _ => {
            "is a device or a socket, not a segment file; give a file or a folder (to read \
              a pipe, name it `-`: `cat FILE | sxs dump -`)"
        }
    };
    Err(LoadError::NotSegmentFile {
        path: name.to_string(),
        why: why.into(),
    })
}

/// Reads piped input whole, up to [`MAX_PIPED_BYTES`]. The pipe is opened
/// without waiting for a writer; with none (a FIFO nobody writes to) the
/// read would block forever, so it is an error instead.
#[cfg(unix)]
fn read_pipe(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;

    let unreadable = |why| LoadError::Unreadable {
        path: name.to_string(),
        why,
    };
    let mut pipe = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(unreadable)?;
    let mut bytes = Vec::new();
    let mut first = [0u8; 8192];
    let nothing = |why: &str| LoadError::NotSegmentFile {
        path: name.to_string(),
        why: why.into(),
    };
    let empty_stdin = "standard input is empty: nothing was piped in; pipe a segment file \
                       (`cat FILE | sxs dump -`) or name the file";
    match pipe.read(&mut first) {
        // End of file at once: no writer holds the other end (standard
        // input: the writer closed it with nothing written).
        Ok(0) => {
            return Err(nothing(match name {
                "-" => empty_stdin,
                _ => {
                    "is a pipe that nothing writes to; start the writer first, or save its \
                      output to a file"
                }
            }));
        }
        Ok(n) => bytes.extend_from_slice(&first[..n]),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
        Err(e) => return Err(unreadable(e)),
    }
    // A writer is there: wait for the rest.
    // SAFETY: fcntl on a descriptor this function owns, with flags it read.
    unsafe {
        let fd = pipe.as_raw_fd();
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 || libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) < 0 {
            return Err(unreadable(io::Error::last_os_error()));
        }
    }
    (&mut pipe)
        .take(MAX_PIPED_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    // The writer was still there at first and closed with nothing written.
    if bytes.is_empty() && name == "-" {
        return Err(nothing(empty_stdin));
    }
    if bytes.len() as u64 > MAX_PIPED_BYTES {
        return Err(nothing(&format!(
            "piped input longer than {} MiB; save it to a file and name the file",
            MAX_PIPED_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// ` (only *.md files are read in folders; it holds 3 *.txt: name them…)`.
fn other_files_hint(other_files: &BTreeMap<String, usize>) -> String {
    if other_files.is_empty() {
        return String::new();
    }
    let kinds: Vec<String> = other_files
        .iter()
        .map(|(extension, n)| format!("{n} {extension}"))
        .collect();
    format!(
        "; only *.md files are read in folders, and it holds {}: name such files on the \
         command line to read them",
        kinds.join(", ")
    )
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn file_warning(file: &str, message: String) -> Warning {
    Warning {
        file: file.to_string(),
        line: None,
        id: None,
        message,
    }
}

/// The documents of one file: one for a segment file, one per (system, doc)
/// for a WMT MQM file, none for a walked file that is not a segment file.
pub(super) fn read(
    candidate: &Candidate,
    locale: Option<&str>,
    keep: Keep,
) -> Result<Vec<Document>, Warning> {
    let name = &candidate.name;
    let bytes = match &candidate.origin {
        Origin::Disk(path) => {
            fs::read(path).map_err(|e| file_warning(name, format!("cannot be read ({e})")))?
        }
        Origin::Piped(bytes) => bytes.clone(),
        Origin::Bundled(text) => text.as_bytes().to_vec(),
    };
    if let Some(docs) = read_wmt(name, &bytes, locale) {
        if docs.iter().any(|doc| !doc.segments.is_empty()) {
            return Ok(docs);
        }
        // Nothing to review, as in a file without spans: a named one must
        // not pass a CI gate on nothing.
        let lost = docs.iter().flat_map(|doc| &doc.warnings).next();
        return match (lost, candidate.walked) {
            (None, true) => Ok(Vec::new()),
            (None, false) => Err(file_warning(
                name,
                "has the header of a WMT MQM file and no rows, so it holds no segments; \
                 name the file with its ratings"
                    .into(),
            )),
            (Some(first), _) => Err(file_warning(
                name,
                format!(
                    "has the header of a WMT MQM file but no row that can be read (line {}: {}); \
                     fix its rows or name another file",
                    first.line.unwrap_or(1),
                    first.message
                ),
            )),
        };
    }
    if memchr::memmem::find(&bytes, b"data-ttu-id").is_none() {
        return match candidate.walked {
            true => Ok(Vec::new()),
            false => Err(file_warning(
                name,
                "has no data-ttu-id spans (nor the header of a WMT MQM file), so it is not a \
                 segment file"
                    .into(),
            )),
        };
    }
    let mut doc = Document::from_bytes(name, bytes, keep)?;
    if let Origin::Disk(path) = &candidate.origin
        && let Some((found, article)) = locale::from_folders_above(name, path, &doc.front)
    {
        doc.locale = found;
        doc.article = article;
    }
    // `--locale` for a file that names none (piped input, say), as for a
    // WMT MQM file.
    if let Some(given) = locale.filter(|_| doc.locale == "und") {
        doc.locale = given.to_ascii_lowercase();
    }
    Ok(vec![doc])
}

/// The texts of segments of file `name` on disk, read again for a caller
/// that streamed its documents and kept only what it needed of each: for
/// each wanted (document path, segment number, segment id), in order, its
/// texts; `None` when the file cannot be read any more or the segment is no
/// longer there (the file changed since).
pub fn texts_again(
    name: &str,
    locale: Option<&str>,
    wanted: &[(&str, usize, &str)],
) -> Vec<Option<SegmentTexts>> {
    let bytes = fs::read(name).unwrap_or_default();
    // A WMT MQM file holds many documents: read whole to find them.
    if let Some(docs) = read_wmt(name, &bytes, locale) {
        let of = |&(path, s, id): &(&str, usize, &str)| {
            let doc = docs.iter().find(|doc| doc.path == path)?;
            let seg = doc.segments.get(s).filter(|seg| seg.id() == id)?;
            Some(SegmentTexts::of(seg))
        };
        return wanted.iter().map(of).collect();
    }
    let numbered: Vec<(usize, &str)> = wanted.iter().map(|&(_, s, id)| (s, id)).collect();
    match decode(name, bytes) {
        Ok((text, _)) => texts_of(&text, &numbered),
        Err(_) => vec![None; wanted.len()],
    }
}

/// The documents of a WMT MQM file, with the file's warnings on the first;
/// `None` when `bytes` do not start with its header.
fn read_wmt(name: &str, bytes: &[u8], locale: Option<&str>) -> Option<Vec<Document>> {
    let first_line = &bytes[..memchr::memchr(b'\n', bytes).unwrap_or(bytes.len())];
    let header = std::str::from_utf8(first_line).ok()?;
    if !wmt::is_wmt(header) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let (mut docs, warnings) = wmt::parse(name, &text, locale)?;
    match docs.first_mut() {
        Some(first) => first.warnings.extend(warnings),
        None => {
            let mut empty = Document::parse(name, "");
            empty.warnings = warnings;
            docs.push(empty);
        }
    }
    Some(docs)
}

impl Document {
    /// Parses a file's bytes. A binary file (one with a NUL byte, as UTF-16
    /// also has) is refused with a warning; invalid UTF-8 is repaired with one.
    pub fn from_bytes(name: &str, bytes: Vec<u8>, keep: Keep) -> Result<Document, Warning> {
        let (text, utf8_warning) = decode(name, bytes)?;
        let mut doc = Document::parse_keeping(name, &text, keep);
        if let Some(warning) = utf8_warning {
            doc.warnings.insert(0, warning);
        }
        Ok(doc)
    }
}

/// A file's bytes as text. A binary file (one with a NUL byte, as UTF-16
/// also has) is refused; invalid UTF-8 is repaired, with a warning.
fn decode(name: &str, bytes: Vec<u8>) -> Result<(String, Option<Warning>), Warning> {
    if let Some(nul) = memchr::memchr(0, &bytes) {
        return Err(Warning {
            line: Some(line_at(&bytes, nul)),
            ..file_warning(name, "is a binary file (NUL byte), or not UTF-8".into())
        });
    }
    // Validating with SIMD first keeps the common, valid case nearly free.
    Ok(match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
        Ok(_) => (unsafe { String::from_utf8_unchecked(bytes) }, None),
        Err(_) => {
            let at = std::str::from_utf8(&bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let warning = Warning {
                line: Some(line_at(&bytes, at)),
                ..file_warning(
                    name,
                    format!("invalid UTF-8 at byte {at}; bad bytes are shown as U+FFFD"),
                )
            };
            (String::from_utf8_lossy(&bytes).into_owned(), Some(warning))
        }
    })
}

fn line_at(bytes: &[u8], offset: usize) -> u32 {
    memchr::memchr_iter(b'\n', &bytes[..offset]).count() as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_files_found_without_a_walk_are_in_the_walks_order() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "a.md",
            "a/b.md",
            "a/c/d.md",
            "a-b.md",
            "a0.md",
            "B.md",
            "x/y.txt",
            ".hidden/z.md",
            "z/.e.md",
            "z/Z.MD",
        ] {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
        for root in [dir.path(), &corpus] {
            let walked: Vec<String> = Sources::resolve(&[root])
                .candidates
                .into_iter()
                .map(|c| c.name)
                .collect();
            let first: Vec<String> = Sources::resolve_named(&[root])
                .first_path_files()
                .map(|c| c.name.clone())
                .collect();
            assert_eq!(first, walked);
        }
    }

    #[test]
    fn every_file_in_assets_samples_is_bundled() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let mut on_disk: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| format!("samples/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let bundled: Vec<String> = SAMPLES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, bundled);
    }

    /// What `check` reads again for its report are the texts a full read
    /// gives, segment by segment, in a segment file with front-matter
    /// segments and in a WMT MQM file of many documents; a segment whose id
    /// changed, and a file gone, give none.
    #[test]
    fn texts_read_again_are_those_of_a_full_read() {
        let root = env!("CARGO_MANIFEST_DIR");
        for file in [
            "tests/fixtures/check/cli/streamed/c.md",
            "tests/fixtures/wmt/general2023-zhen.tsv",
        ] {
            let name = format!("{root}/{file}");
            let candidate = Candidate {
                name: name.clone(),
                origin: Origin::Disk(PathBuf::from(&name)),
                root: 0,
                walked: false,
            };
            let docs = read(&candidate, None, Keep::Segments).unwrap();
            let mut wanted = Vec::new();
            let mut expected = Vec::new();
            for doc in &docs {
                for (s, seg) in doc.segments.iter().enumerate().rev() {
                    wanted.push((doc.path.as_str(), s, seg.id()));
                    expected.push(Some((
                        seg.source().map(str::to_string),
                        seg.target().into(),
                    )));
                }
            }
            assert!(wanted.len() > 1, "{file}");
            wanted.push((&docs[0].path, 0, "another-id"));
            expected.push(None);
            let texts: Vec<Option<(Option<String>, String)>> = texts_again(&name, None, &wanted)
                .into_iter()
                .map(|t| t.map(|t| (t.source, t.target)))
                .collect();
            assert_eq!(texts, expected, "{file}");
            let gone = texts_again(&format!("{name}.gone"), None, &wanted[..1]);
            assert!(gone[0].is_none());
        }
    }
}
