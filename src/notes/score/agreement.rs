//! How far two raters agree on the segments both judged (issue 13). MQM
//! raters disagree a lot; a reviewer adjudicating wants to see where.
//!
//! For each pair of raters, over the segments both judged:
//! - a judgment *finds an error* when it has one of severity minor or above
//!   (a neutral remark is none); `alike` counts the segments where both
//!   find an error or both find none;
//! - the span overlap is the share of target characters both raters'
//!   errors cover among those either covers, pooled over the segments (a
//!   Jaccard index). An error on the whole segment covers all of it; one
//!   marked in the source (an omission) covers none of the target; a span
//!   whose text is no longer found covers none.
//!
//! Characters, not bytes, so that a CJK target weighs as much as a Latin
//! one of as many letters.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::mqm::{Severity, Side, Span};

/// The agreement of one pair of raters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// The two raters, in name order.
    pub raters: [String; 2],
    /// Segments both judged.
    pub shared: usize,
    /// Of those, the segments where both find an error or both find none.
    pub alike: usize,
    /// `alike / shared`.
    pub alike_share: f64,
    /// Target characters either rater's errors cover, over the shared segments.
    pub chars_either: usize,
    /// Target characters both raters' errors cover.
    pub chars_both: usize,
    /// `chars_both / chars_either`; `None` when neither covers any.
    pub span_overlap: Option<f64>,
}

/// One rater's judgment of one segment, as agreement compares it.
pub(super) struct Marks {
    rater: String,
    error: bool,
    /// One flag per character of the target: covered by an error.
    covered: Vec<bool>,
}

impl Marks {
    /// The judgment of `rater` on a segment whose current target is
    /// `target`, from its errors' severities and spans.
    pub fn new<'a>(
        rater: String,
        target: &str,
        errors: impl Iterator<Item = (Severity, Option<&'a Span>)>,
    ) -> Marks {
        let starts: Vec<usize> = target.char_indices().map(|(at, _)| at).collect();
        let mut covered = vec![false; starts.len()];
        let mut error = false;
        for (_, span) in errors.filter(|(s, _)| *s >= Severity::Minor) {
            error = true;
            let range = match span {
                None => 0..target.len(),
                Some(span) if span.side == Side::Source => continue,
                Some(span) => match span.locate(target).range() {
                    Some(range) => range,
                    None => continue,
                },
            };
            let from = starts.partition_point(|&at| at < range.start);
            let to = starts.partition_point(|&at| at < range.end);
            covered[from..to].fill(true);
        }
        Marks {
            rater,
            error,
            covered,
        }
    }
}

#[derive(Default)]
struct Counts {
    shared: usize,
    alike: usize,
    either: usize,
    both: usize,
}

/// The counts of every pair of raters seen so far.
#[derive(Default)]
pub(super) struct Agreements {
    pairs: BTreeMap<(String, String), Counts>,
}

impl Agreements {
    /// Counts the judgments of one segment (one per rater) pair by pair.
    pub fn add(&mut self, marks: &[Marks]) {
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                let (a, b) = if a.rater <= b.rater { (a, b) } else { (b, a) };
                let counts = self
                    .pairs
                    .entry((a.rater.clone(), b.rater.clone()))
                    .or_default();
                counts.shared += 1;
                counts.alike += usize::from(a.error == b.error);
                for (x, y) in a.covered.iter().zip(&b.covered) {
                    counts.either += usize::from(*x || *y);
                    counts.both += usize::from(*x && *y);
                }
            }
        }
    }

    pub fn finish(self) -> Vec<Agreement> {
        self.pairs
            .into_iter()
            .map(|((a, b), c)| Agreement {
                raters: [a, b],
                shared: c.shared,
                alike: c.alike,
                alike_share: c.alike as f64 / c.shared as f64,
                chars_either: c.either,
                chars_both: c.both,
                span_overlap: (c.either > 0).then(|| c.both as f64 / c.either as f64),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(side: Side, start: usize, end: usize, text: &str) -> Span {
        Span {
            side,
            start,
            end,
            text: text.into(),
        }
    }

    #[test]
    fn pairs_count_alike_verdicts_and_pooled_character_overlap() {
        // 8 characters of 3 bytes each.
        let target = "猫が好きで犬も好";
        let cat = span(Side::Target, 0, 12, "猫が好き");
        let both = span(Side::Target, 6, 18, "好きで犬");
        let omission = span(Side::Source, 0, 3, "x");
        let marks = [
            Marks::new(
                "a".into(),
                target,
                [(Severity::Major, Some(&cat))].into_iter(),
            ),
            Marks::new(
                "b".into(),
                target,
                [(Severity::Minor, Some(&both))].into_iter(),
            ),
            Marks::new(
                "c".into(),
                target,
                [
                    (Severity::Neutral, None),
                    (Severity::Minor, Some(&omission)),
                ]
                .into_iter(),
            ),
            Marks::new("d".into(), target, std::iter::empty()),
        ];
        let mut agreements = Agreements::default();
        agreements.add(&marks);
        let found = agreements.finish();
        let pair = |a: &str, b: &str| found.iter().find(|p| p.raters == [a, b]).unwrap();
        // a covers chars 0..4, b 2..6: 2 both, 6 either.
        let ab = pair("a", "b");
        assert_eq!(
            (ab.shared, ab.alike, ab.chars_both, ab.chars_either),
            (1, 1, 2, 6)
        );
        assert_eq!(ab.span_overlap, Some(2.0 / 6.0));
        // c found an error (in the source), d none; the neutral remark is none.
        assert_eq!(
            (pair("c", "d").alike, pair("c", "d").span_overlap),
            (0, None)
        );
        assert_eq!(pair("a", "c").alike, 1);
        assert_eq!(pair("a", "c").span_overlap, Some(0.0));
        assert_eq!(found.len(), 6);
    }
}
