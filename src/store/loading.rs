//! Loading in the background, for the review screen: the first segment
//! file of the first path is read at once, on the caller's thread, and the
//! rest (the folders walked, then every file) arrive from another thread
//! while the reviewer already reads. Files come in the order the paths
//! were given (each path's files in path order); the batch commands keep
//! `Sources::stream`'s sorted path order.

use std::collections::HashSet;
use std::sync::mpsc;
use std::thread;

use super::input::read;
use super::{Document, Problems, Sources};

/// How many files of the first path are tried, in order, for one with
/// segments before the first screen waits for the full load instead.
const FIRST_TRIES: usize = 16;

/// What the loading thread sends.
enum Loaded {
    /// The number of files to read, once the folders are walked.
    Total(usize),
    Doc(Box<Document>),
    Done(Problems),
}

/// Documents arriving from a loading thread.
pub struct Loading {
    rx: mpsc::Receiver<Loaded>,
    /// Read on the caller's thread, handed out first.
    first: Vec<Document>,
    /// Files to read in all, once known; some may turn out not to be
    /// segment files.
    total: Option<usize>,
    /// Documents handed out so far.
    arrived: usize,
    /// What could not be used; `Some` once every file was read.
    done: Option<Problems>,
}

impl Sources {
    /// Reads the first segment file of the first path now, and starts
    /// walking the folders and reading every other file on another thread.
    pub fn load_in_background(mut self) -> Loading {
        let mut first = Vec::new();
        let mut named_first = None;
        for candidate in self.first_path_files().take(FIRST_TRIES) {
            if let Ok(docs) = read(&candidate, self.locale.as_deref(), self.keep)
                && !docs.is_empty()
            {
                first = docs;
                named_first = (!candidate.walked).then(|| candidate.name.clone());
                break;
            }
        }
        // A named file is not read again (a WMT MQM file can be 40 MB); a
        // folder's first file is (it counts towards the folder's segment
        // files), and its documents are left out.
        let shown: HashSet<String> = first.iter().map(|d| d.path.clone()).collect();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            self.walk_folders();
            self.order_by_path_given();
            let total = self.candidates.len();
            if let Some(name) = named_first {
                self.candidates.retain(|c| c.name != name);
            }
            // A closed receiver is a review that ended: nothing to do.
            let _ = tx.send(Loaded::Total(total));
            let problems = self.stream(
                |doc| doc,
                |doc| {
                    if !shown.contains(&doc.path) {
                        let _ = tx.send(Loaded::Doc(Box::new(doc)));
                    }
                },
            );
            let _ = tx.send(Loaded::Done(problems));
        });
        first.reverse();
        Loading {
            rx,
            first,
            total: None,
            arrived: 0,
            done: None,
        }
    }
}

impl Loading {
    /// The next document, waiting for it; `None` once all have arrived.
    pub fn wait_next(&mut self) -> Option<Document> {
        self.next_with(|rx| rx.recv().ok())
    }

    /// The next document if one has arrived.
    pub fn try_next(&mut self) -> Option<Document> {
        self.next_with(|rx| rx.try_recv().ok())
    }

    fn next_with(
        &mut self,
        receive: impl Fn(&mpsc::Receiver<Loaded>) -> Option<Loaded>,
    ) -> Option<Document> {
        if let Some(doc) = self.first.pop() {
            self.arrived += 1;
            return Some(doc);
        }
        loop {
            match receive(&self.rx)? {
                Loaded::Total(total) => self.total = Some(total),
                Loaded::Doc(doc) => {
                    self.arrived += 1;
                    return Some(*doc);
                }
                Loaded::Done(problems) => {
                    self.done = Some(problems);
                    return None;
                }
            }
        }
    }

    /// What could not be used, once every file was read.
    pub fn take_problems(&mut self) -> Option<Problems> {
        self.done.take()
    }

    /// (documents arrived, files to read once the folders are walked):
    /// the progress to show.
    pub fn progress(&self) -> (usize, Option<usize>) {
        (self.arrived, self.total)
    }
}
