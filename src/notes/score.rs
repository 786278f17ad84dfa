//! Review progress and the MQM scores of the loaded documents: the
//! reviewer's, from the notes file (here), and the raters' of WMT MQM files
//! (`ratings`, `agreement`).
//!
//! A segment's penalty is the sum of its errors' weights (`penalties`). It
//! is reported per 1,000 source words of the reviewed segments and per
//! reviewed segment: unreviewed text says nothing about quality, so it does
//! not dilute the score; lower is better. Stale entries judged a target
//! that is no longer there: they are counted apart and neither count as
//! reviewed nor cost points.

mod agreement;
mod penalties;
mod ratings;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

pub use agreement::Agreement;
pub use penalties::{Judgment, Penalties, Scheme};
pub use ratings::{Ratings, Score, ratings};

use super::Entry;
use crate::mqm::{self, Dimension, Severity};
use crate::store::{Document, Segment, Store, source_words};

/// Counts by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BySeverity {
    pub neutral: usize,
    pub minor: usize,
    pub major: usize,
    pub critical: usize,
}

impl BySeverity {
    pub fn total(&self) -> usize {
        self.neutral + self.minor + self.major + self.critical
    }

    fn add(&mut self, severity: Severity) {
        *match severity {
            Severity::Neutral => &mut self.neutral,
            Severity::Minor => &mut self.minor,
            Severity::Major => &mut self.major,
            Severity::Critical => &mut self.critical,
        } += 1;
    }

    fn add_all(&mut self, other: &BySeverity) {
        self.neutral += other.neutral;
        self.minor += other.minor;
        self.major += other.major;
        self.critical += other.critical;
    }
}

/// Errors and the points they cost, of one MQM dimension.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct Tally {
    pub errors: usize,
    pub penalty_points: f64,
}

/// Review progress over a set of loaded segments: the one count that `sxs
/// stats`, the review screen's status bar and its file list all show.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// Loaded segments.
    pub segments: usize,
    /// Segments with a current (not stale) `ok` or `bad` entry.
    pub reviewed: usize,
    pub ok: usize,
    /// Bad segments, by the severity of their worst error (a bad entry
    /// with no error, written by hand, as neutral).
    pub bad: BySeverity,
    /// Every error of the bad segments, by severity.
    pub errors: BySeverity,
    /// Entries whose target has changed since they were made.
    pub stale: usize,
    /// Source words of the reviewed segments.
    pub reviewed_words: usize,
    pub penalty_points: f64,
    /// `reviewed` in percent of `segments`.
    pub percent: f64,
    /// Penalty points per 1,000 reviewed source words (lower is better);
    /// `None` before any review.
    pub per_1000_words: Option<f64>,
    /// Mean penalty points per reviewed segment (lower is better); `None`
    /// before any review.
    pub per_segment: Option<f64>,
    /// Errors and points by MQM dimension.
    pub dimensions: BTreeMap<Dimension, Tally>,
}

impl Progress {
    /// Counts the entry of one loaded segment. An entry with no verdict
    /// (dismissed findings only) or one sxs does not know counts for nothing.
    pub fn count(&mut self, entry: &Entry, seg: &Segment, penalties: &Penalties) {
        if !entry.is_reviewed() {
            return;
        }
        if entry.is_stale(seg.target()) {
            self.stale += 1;
            return;
        }
        match entry.is_bad() {
            false => self.ok += 1,
            true => {
                let mut judgment = penalties.judgment();
                for error in entry.counted_errors() {
                    let points = judgment.weigh(&error.category, error.severity);
                    self.errors.add(error.severity);
                    self.penalty_points += points;
                    let dimension = mqm::grouping(&error.category).dimension;
                    let tally = self.dimensions.entry(dimension).or_default();
                    tally.errors += 1;
                    tally.penalty_points += points;
                }
                self.bad
                    .add(entry.worst_severity().unwrap_or(Severity::Neutral));
            }
        }
        self.reviewed += 1;
        self.reviewed_words += seg.source().map_or(0, source_words);
    }

    pub fn add(&mut self, other: &Progress) {
        self.segments += other.segments;
        self.reviewed += other.reviewed;
        self.ok += other.ok;
        self.bad.add_all(&other.bad);
        self.errors.add_all(&other.errors);
        self.stale += other.stale;
        self.reviewed_words += other.reviewed_words;
        self.penalty_points += other.penalty_points;
        for (dimension, tally) in &other.dimensions {
            let sum = self.dimensions.entry(*dimension).or_default();
            sum.errors += tally.errors;
            sum.penalty_points += tally.penalty_points;
        }
    }

    /// Works out the percentage and the scores from the counts.
    pub fn finish(&mut self) {
        self.percent = match self.segments {
            0 => 0.0,
            n => self.reviewed as f64 * 100.0 / n as f64,
        };
        self.per_1000_words = (self.reviewed_words > 0)
            .then(|| self.penalty_points * 1000.0 / self.reviewed_words as f64);
        self.per_segment = (self.reviewed > 0).then(|| self.penalty_points / self.reviewed as f64);
    }
}

/// The progress of one document, each segment counted with its entry as
/// `entry_of(id)` gives it. A repeated id is one entry: counted once, as
/// [`review`] counts it.
pub fn document<'e>(
    doc: &Document,
    entry_of: impl Fn(&str) -> Option<&'e Entry>,
    penalties: &Penalties,
) -> Progress {
    let mut progress = Progress {
        segments: doc.segments.len(),
        ..Progress::default()
    };
    let mut seen = HashSet::new();
    for seg in &doc.segments {
        if let Some(entry) = entry_of(seg.id())
            && seen.insert(seg.id())
        {
            progress.count(entry, seg, penalties);
        }
    }
    progress.finish();
    progress
}

/// Review progress per locale and in total.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Review {
    pub total: Progress,
    pub locales: BTreeMap<String, Progress>,
    /// Entries for files that are not loaded.
    pub files_not_loaded: usize,
    /// Entries for segment ids that a loaded file no longer has.
    pub segments_gone: usize,
    pub penalties: Penalties,
}

/// Matches `entries` to the segments of `store`.
pub fn review<'e>(
    store: &Store,
    entries: impl IntoIterator<Item = &'e Entry>,
    penalties: Penalties,
) -> Review {
    let mut review = Review {
        penalties,
        ..Review::default()
    };
    let mut docs: HashMap<&str, (&str, HashMap<&str, &Segment>)> = HashMap::new();
    for doc in &store.docs {
        let mut segments = HashMap::with_capacity(doc.segments.len());
        for seg in &doc.segments {
            // A repeated id stands for its first segment, as in the notes order.
            segments.entry(seg.id()).or_insert(seg);
        }
        docs.insert(&doc.path, (&doc.locale, segments));
        review
            .locales
            .entry(doc.locale.clone())
            .or_default()
            .segments += doc.segments.len();
    }
    for entry in entries {
        let Some((locale, segments)) = docs.get(entry.file.as_str()) else {
            review.files_not_loaded += 1;
            continue;
        };
        let Some(seg) = segments.get(entry.id.as_str()) else {
            review.segments_gone += 1;
            continue;
        };
        let progress = review
            .locales
            .get_mut(*locale)
            .expect("every loaded locale has a row");
        progress.count(entry, seg, &review.penalties);
    }
    for progress in review.locales.values_mut() {
        progress.finish();
        review.total.add(progress);
    }
    review.total.finish();
    review
}
