//! The scores of WMT MQM files (SPEC "WMT MQM data"): every rater's
//! judgment of a segment is one scored segment, counted per system, per
//! rater and per document; the mean penalty per judgment is the figure the
//! WMT papers publish (with `--penalties wmt`). The reviewer's own marks on
//! those segments (the notes file) are one more rater, under the
//! reviewer's name, counted as the raters are: so that an export of both
//! (`export --format mqm`), read back, scores the same.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Penalties;
use super::agreement::{Agreements, Marks};
use crate::mqm::Severity;
use crate::notes::Entry;
use crate::store::wmt::{self, RatedError, Rating, RatingKind};
use crate::store::{Store, source_words};

/// The scores of one system, rater or document (SPEC's fields).
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Score {
    /// (segment, rater) judgments.
    pub segments: usize,
    /// Errors of a known severity (attention checks and rows of an unknown
    /// severity are not errors).
    pub errors: usize,
    pub penalty_points: f64,
    /// `penalty_points / segments`: lower is better.
    pub per_segment: f64,
    /// Source words of the judged segments, a segment counted once per
    /// judgment, as its points are.
    pub words: usize,
    /// `penalty_points` per 1,000 of those words (SPEC's other figure);
    /// `None` when they hold no word.
    pub per_1000_words: Option<f64>,
}

impl Score {
    fn add(&mut self, judgment: &Judged) {
        self.segments += 1;
        self.errors += judgment.errors;
        self.penalty_points += judgment.points;
        self.words += judgment.words;
        self.per_segment = self.penalty_points / self.segments as f64;
        self.per_1000_words =
            (self.words > 0).then(|| self.penalty_points * 1000.0 / self.words as f64);
    }
}

/// What the files' ratings (and the reviewer's marks on their segments) say.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Ratings {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub systems: BTreeMap<String, Score>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub raters: BTreeMap<String, Score>,
    /// By document path (`FILE#SYSTEM/DOC`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub documents: BTreeMap<String, Score>,
    /// Per pair of raters, over the segments both judged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agreement: Vec<super::Agreement>,
}

impl Ratings {
    pub fn is_empty(&self) -> bool {
        self.systems.is_empty() && self.raters.is_empty()
    }
}

/// One judgment, weighed.
struct Judged {
    errors: usize,
    points: f64,
    /// Source words of the segment judged.
    words: usize,
}

/// Scores the ratings of every document of `store` that has some, with
/// the reviewer's current (not stale) verdicts on the same segments as
/// `entry_of(file, id)` gives them.
pub fn ratings<'e>(
    store: &Store,
    entry_of: impl Fn(&str, &str) -> Option<&'e Entry>,
    penalties: &Penalties,
) -> Ratings {
    let mut out = Ratings::default();
    let mut agreements = Agreements::default();
    for doc in store.docs.iter().filter(|d| !d.ratings.is_empty()) {
        let system = wmt::names(doc).map_or("", |(system, _)| system);
        let mut count = |rater: &str, judged: &Judged| {
            for (scores, key) in [
                (&mut out.systems, system),
                (&mut out.raters, rater),
                (&mut out.documents, doc.path.as_str()),
            ] {
                match scores.get_mut(key) {
                    Some(score) => score.add(judged),
                    None => {
                        let mut score = Score::default();
                        score.add(judged);
                        scores.insert(key.to_string(), score);
                    }
                }
            }
        };
        for (segment, rows) in by_segment(&doc.ratings) {
            let seg = &doc.segments[segment];
            let words = seg.source().map_or(0, source_words);
            let mut marks = Vec::new();
            for (rater, rows) in by_rater(rows) {
                // A rater with only attention checks here did not judge it.
                if rows
                    .iter()
                    .all(|r| matches!(r.kind, RatingKind::AttentionCheck { .. }))
                {
                    continue;
                }
                let errors: Vec<(&RatedError, Severity)> = rows
                    .iter()
                    .filter_map(|r| match &r.kind {
                        RatingKind::Error(e) => Some((e, e.severity.parse().ok()?)),
                        _ => None,
                    })
                    .collect();
                count(
                    rater,
                    &weigh(
                        penalties,
                        words,
                        errors.iter().map(|(e, s)| (&*e.category, *s)),
                    ),
                );
                let spans = errors.iter().map(|(e, s)| (*s, e.span.as_ref()));
                marks.push(Marks::new(rater.to_string(), seg.target(), spans));
            }
            if let Some(entry) = entry_of(&doc.path, seg.id())
                .filter(|e| e.is_reviewed() && !e.is_stale(seg.target()))
            {
                let errors = entry.counted_errors();
                count(
                    &entry.reviewer,
                    &weigh(
                        penalties,
                        words,
                        errors.iter().map(|e| (&*e.category, e.severity)),
                    ),
                );
                let spans = errors.iter().map(|e| (e.severity, e.span.as_ref()));
                marks.push(Marks::new(entry.reviewer.clone(), seg.target(), spans));
            }
            agreements.add(&marks);
        }
    }
    out.agreement = agreements.finish();
    out
}

/// The points of one judgment's errors, of a segment of `words` source words.
fn weigh<'a>(
    penalties: &Penalties,
    words: usize,
    errors: impl Iterator<Item = (&'a str, Severity)>,
) -> Judged {
    let mut judgment = penalties.judgment();
    let mut judged = Judged {
        errors: 0,
        points: 0.0,
        words,
    };
    for (category, severity) in errors {
        judged.errors += 1;
        judged.points += judgment.weigh(category, severity);
    }
    judged
}

/// A document's ratings cut by segment (they come in segment order).
fn by_segment(ratings: &[Rating]) -> impl Iterator<Item = (usize, &[Rating])> {
    ratings
        .chunk_by(|a, b| a.segment == b.segment)
        .map(|rows| (rows[0].segment, rows))
}

/// One segment's ratings by rater, in the order the raters first appear.
fn by_rater(rows: &[Rating]) -> Vec<(&str, Vec<&Rating>)> {
    let mut raters: Vec<(&str, Vec<&Rating>)> = Vec::new();
    for row in rows {
        match raters.iter_mut().find(|(r, _)| *r == row.rater) {
            Some((_, rows)) => rows.push(row),
            None => raters.push((&row.rater, vec![row])),
        }
    }
    raters
}
