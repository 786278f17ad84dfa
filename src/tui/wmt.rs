//! What the review screen knows of the documents read from WMT MQM files
//! (SPEC "WMT MQM data"): each one's system, the systems and raters
//! loaded, a segment's ratings, and the order the screen visits documents
//! in, made once when the session starts.
//!
//! The store keeps documents in path order (`FILE#SYSTEM/DOC`), as `dump`
//! prints them: one system's documents after another's. The screen lists
//! them by document, then system, so that the systems' translations of one
//! document stand together and `Tab` goes from one to the next.

use crate::notes::natural_cmp;
use crate::store::wmt::{self, Rating, RatingKind};
use crate::store::{Document, Store};

#[derive(Debug, Default)]
pub struct Wmt {
    /// Each document's system, as an index into `systems`; `None` for a
    /// segment file.
    system_of: Vec<Option<usize>>,
    /// Every system loaded, in natural order (`rater2` before `rater10`).
    pub systems: Vec<String>,
    /// Every rater loaded, in natural order.
    pub raters: Vec<String>,
    /// Documents in the order the screen visits them.
    order: Vec<usize>,
    /// `rank[doc]` is the document's place in `order`.
    rank: Vec<usize>,
}

impl Wmt {
    pub fn new(store: &Store) -> Wmt {
        let names: Vec<Option<(&str, &str, &str)>> = store.docs.iter().map(parts).collect();
        let mut systems: Vec<String> = names.iter().flatten().map(|n| n.1.to_string()).collect();
        systems.sort_by(|a, b| natural_cmp(a, b));
        systems.dedup();
        let mut raters: Vec<String> = store
            .docs
            .iter()
            .flat_map(|d| d.ratings.iter().map(|r| r.rater.as_str()))
            .map(str::to_string)
            .collect();
        raters.sort_by(|a, b| natural_cmp(a, b));
        raters.dedup();
        let system_of = names
            .iter()
            .map(|n| n.and_then(|(_, system, _)| systems.iter().position(|s| s == system)))
            .collect();
        // A WMT document sorts where its file does, then by its name, then
        // by system; any other document by its path.
        let key = |d: usize| names[d].unwrap_or((&store.docs[d].path, "", ""));
        let mut order: Vec<usize> = (0..store.docs.len()).collect();
        order.sort_by(|&a, &b| {
            let ((file_a, system_a, name_a), (file_b, system_b, name_b)) = (key(a), key(b));
            (file_a, name_a)
                .cmp(&(file_b, name_b))
                .then_with(|| natural_cmp(system_a, system_b))
        });
        let mut rank = vec![0; order.len()];
        for (at, &doc) in order.iter().enumerate() {
            rank[doc] = at;
        }
        Wmt {
            system_of,
            systems,
            raters,
            order,
            rank,
        }
    }

    /// The system a document translates with, `None` for a segment file.
    pub fn system(&self, doc: usize) -> Option<&str> {
        let system = (*self.system_of.get(doc)?)?;
        Some(&self.systems[system])
    }

    /// Documents in the order the screen visits them.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// A document's place in [`Wmt::order`].
    pub fn rank(&self, doc: usize) -> usize {
        self.rank.get(doc).copied().unwrap_or(doc)
    }

    /// Whether any document was read from a WMT MQM file.
    pub fn is_empty(&self) -> bool {
        self.systems.is_empty() && self.raters.is_empty()
    }
}

/// A WMT MQM document's names: the file it was read from, its system and
/// its `doc`; `None` for a segment file.
pub fn parts(doc: &Document) -> Option<(&str, &str, &str)> {
    let (system, name) = wmt::names(doc)?;
    // The path is `FILE#SYSTEM/DOC`.
    let file = doc
        .path
        .get(..doc.path.len() - system.len() - name.len() - 2)?;
    Some((file, system, name))
}

/// The raters' judgments of one segment, in the file's order.
pub fn ratings(doc: &Document, segment: usize) -> &[Rating] {
    // `Document::ratings` come in segment order.
    let from = doc.ratings.partition_point(|r| r.segment < segment);
    let to = doc.ratings.partition_point(|r| r.segment <= segment);
    &doc.ratings[from..to]
}

/// Whether `rater` marked an error in the segment (a `No-error` judgment or
/// an attention check is no error).
pub fn marked_by(doc: &Document, segment: usize, rater: &str) -> bool {
    ratings(doc, segment).iter().any(|r| is_error_by(r, rater))
}

/// Whether `rater` marked an error anywhere in the document.
pub fn marks_in(doc: &Document, rater: &str) -> bool {
    doc.ratings.iter().any(|r| is_error_by(r, rater))
}

fn is_error_by(rating: &Rating, rater: &str) -> bool {
    rating.rater == rater && matches!(rating.kind, RatingKind::Error(_))
}
