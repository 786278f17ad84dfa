//! Loading in the background, for the review screen: the first file is
//! shown as soon as it is parsed, and the rest arrive while the reviewer
//! already reads. Files come in the order the paths were given (each
//! path's files in path order), so the first file of the first path comes
//! first; the batch commands keep `Sources::stream`'s sorted path order.

use std::sync::mpsc;
use std::thread;

use super::{Document, Problems, Sources};

/// What the loading thread sends.
enum Loaded {
    Doc(Box<Document>),
    Done(Problems),
}

/// Documents arriving from a loading thread.
pub struct Loading {
    rx: mpsc::Receiver<Loaded>,
    /// Files to read in all; some may turn out not to be segment files.
    total: usize,
    /// Files read so far, segment files or not.
    arrived: usize,
    /// What could not be used; `Some` once every file was read.
    done: Option<Problems>,
}

impl Sources {
    /// Starts reading every file on another thread, in the order the paths
    /// were given.
    pub fn load_in_background(mut self) -> Loading {
        self.order_by_path_given();
        let total = self.len();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let problems = self.stream(
                |doc| doc,
                |doc| {
                    // A closed receiver is a review that ended: nothing to do.
                    let _ = tx.send(Loaded::Doc(Box::new(doc)));
                },
            );
            let _ = tx.send(Loaded::Done(problems));
        });
        Loading {
            rx,
            total,
            arrived: 0,
            done: None,
        }
    }
}

impl Loading {
    /// The next document, waiting for it; `None` once all have arrived.
    pub fn wait_next(&mut self) -> Option<Document> {
        let loaded = self.rx.recv().ok();
        self.take(loaded)
    }

    /// The next document if one has arrived.
    pub fn try_next(&mut self) -> Option<Document> {
        let loaded = self.rx.try_recv().ok();
        self.take(loaded)
    }

    fn take(&mut self, loaded: Option<Loaded>) -> Option<Document> {
        match loaded? {
            Loaded::Doc(doc) => {
                self.arrived += 1;
                Some(*doc)
            }
            Loaded::Done(problems) => {
                self.done = Some(problems);
                None
            }
        }
    }

    /// Whether every file has been read.
    pub fn is_done(&self) -> bool {
        self.done.is_some()
    }

    /// What could not be used, once every file was read.
    pub fn take_problems(&mut self) -> Option<Problems> {
        self.done.take()
    }

    /// (documents arrived, files to read): the progress to show.
    pub fn progress(&self) -> (usize, usize) {
        (self.arrived, self.total)
    }
}
