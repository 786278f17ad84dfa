//! Review progress and the MQM score of the loaded documents.
//!
//! The score is penalty points per 1,000 source words of the segments that
//! were reviewed: unreviewed text says nothing about quality, so it does not
//! dilute the score. Stale entries judged a target that is no longer there:
//! they are counted apart and neither count as reviewed nor cost points.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Entry, Verdict};
use crate::mqm::Severity;
use crate::store::{Document, Segment, Store, source_words};

/// Penalty points per error, by severity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Penalties {
    pub minor: f64,
    pub major: f64,
    pub critical: f64,
}

impl Default for Penalties {
    /// The usual MQM weights.
    fn default() -> Self {
        Penalties {
            minor: 1.0,
            major: 5.0,
            critical: 10.0,
        }
    }
}

impl Penalties {
    pub fn of(&self, severity: Severity) -> f64 {
        match severity {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }
}

impl fmt::Display for Penalties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "minor={},major={},critical={}",
            self.minor, self.major, self.critical
        )
    }
}

impl FromStr for Penalties {
    type Err = String;

    /// `minor=1,major=5,critical=10`; severities not named keep their default.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut penalties = Penalties::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?}: write SEVERITY=POINTS, e.g. major=5"))?;
            let severity: Severity = name.parse()?;
            let points: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|p: &f64| p.is_finite() && *p >= 0.0)
                .ok_or_else(|| format!("{value:?}: points must be a number, 0 or more"))?;
            match severity {
                Severity::Minor => penalties.minor = points,
                Severity::Major => penalties.major = points,
                Severity::Critical => penalties.critical = points,
            }
        }
        Ok(penalties)
    }
}

/// Bad entries by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BySeverity {
    pub minor: usize,
    pub major: usize,
    pub critical: usize,
}

impl BySeverity {
    pub fn total(&self) -> usize {
        self.minor + self.major + self.critical
    }

    fn add(&mut self, severity: Severity) {
        *match severity {
            Severity::Minor => &mut self.minor,
            Severity::Major => &mut self.major,
            Severity::Critical => &mut self.critical,
        } += 1;
    }
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
    pub bad: BySeverity,
    /// Entries whose target has changed since they were made.
    pub stale: usize,
    /// Source words of the reviewed segments.
    pub reviewed_words: usize,
    pub penalty_points: f64,
    /// `reviewed` in percent of `segments`.
    pub percent: f64,
    /// Penalty points per 1,000 reviewed source words; `None` before any review.
    pub mqm_score: Option<f64>,
}

impl Progress {
    /// Counts the entry of one loaded segment.
    pub fn count(&mut self, entry: &Entry, seg: &Segment, penalties: &Penalties) {
        if entry.is_stale(&seg.target) {
            self.stale += 1;
            return;
        }
        match entry.verdict {
            Verdict::Ok => self.ok += 1,
            Verdict::Bad => {
                let severity = entry.bad_severity().expect("a bad entry has a severity");
                self.bad.add(severity);
                self.penalty_points += penalties.of(severity);
            }
            Verdict::Other(_) => return,
        }
        self.reviewed += 1;
        self.reviewed_words += seg.source.as_deref().map_or(0, source_words);
    }

    pub fn add(&mut self, other: &Progress) {
        self.segments += other.segments;
        self.reviewed += other.reviewed;
        self.ok += other.ok;
        self.bad.minor += other.bad.minor;
        self.bad.major += other.bad.major;
        self.bad.critical += other.bad.critical;
        self.stale += other.stale;
        self.reviewed_words += other.reviewed_words;
        self.penalty_points += other.penalty_points;
    }

    /// Works out the percentage and the score from the counts.
    pub fn finish(&mut self) {
        self.percent = match self.segments {
            0 => 0.0,
            n => self.reviewed as f64 * 100.0 / n as f64,
        };
        self.mqm_score = (self.reviewed_words > 0)
            .then(|| self.penalty_points * 1000.0 / self.reviewed_words as f64);
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
        if let Some(entry) = entry_of(&seg.id)
            && seen.insert(seg.id.as_str())
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
            segments.entry(seg.id.as_str()).or_insert(seg);
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
