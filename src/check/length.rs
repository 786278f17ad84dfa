//! `length-ratio`: a target much shorter or longer than translations into its
//! locale usually are.
//!
//! "Usually" is measured, not assumed: over every loaded segment of the locale,
//! the median and the spread (median absolute deviation) of ln(target/source)
//! in visible characters. Japanese runs at about a third of the English length
//! and German at about 1.2 times, so one fixed band would be wrong for both.
//! With too few segments loaded to measure, the corpus's values stand in.

use std::collections::HashMap;

use super::lang::{Lang, is_word_char};
use super::view::Parsed;
use super::{Check, Default, DocFacts, Finding, Run, Side, Spot};
use crate::mqm::Severity;
use crate::store::{Document, Segment, Store};

pub const LENGTH_RATIO: Check = Check {
    name: "length-ratio",
    severity: Severity::Minor,
    category: "accuracy/omission",
    description: "target far shorter (omission) or longer (addition) than usual for its locale, judged against the locale's own median ratio",
    default: Default::On,
    run: Run::Engine,
};

/// Sources shorter than this (visible characters) vary too much to learn from.
const MIN_MEASURED: u32 = 20;
/// Sources shorter than this are never flagged.
const MIN_FLAGGED: u32 = 60;
/// Segments a locale needs before its own statistics are trusted.
const MIN_SAMPLES: usize = 300;
/// Distance from the median, in robust standard deviations, that is flagged.
const SPREADS: f64 = 4.0;
/// Never flag a ratio within this factor of the typical one.
const MIN_FACTOR: f64 = 2.0;

/// Visible characters of both sides of a translated segment.
#[derive(Debug, Clone, Copy)]
pub struct Lengths {
    source: u32,
    target: u32,
}

impl Lengths {
    /// Letters and digits that were translated: visible text without
    /// punctuation and without the words both sides share (names,
    /// identifiers, numbers), which keep their length in every language. `None` for segments that say
    /// nothing about the locale's ratio: a copy, or too little translated text.
    pub fn of(source: &Parsed, target: &Parsed) -> Option<Lengths> {
        let visible = |p: &Parsed| p.text.chars().filter(|&c| is_word_char(c)).count() as u32;
        let mut target_words: Vec<&str> = latin_words(&target.text).collect();
        let mut shared = 0;
        for word in latin_words(&source.text) {
            if let Some(i) = target_words
                .iter()
                .position(|w| w.eq_ignore_ascii_case(word))
            {
                target_words.swap_remove(i);
                shared += word.len() as u32;
            }
        }
        let lengths = Lengths {
            source: visible(source).saturating_sub(shared),
            target: visible(target).saturating_sub(shared),
        };
        let measured = lengths.source >= MIN_MEASURED && source.raw.trim() != target.raw.trim();
        measured.then_some(lengths)
    }

    fn log_ratio(self) -> f64 {
        (f64::from(self.target.max(1)) / f64::from(self.source)).ln()
    }
}

/// Median and robust spread of ln(target/source) for one locale.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Typical {
    median: f64,
    spread: f64,
}

impl Typical {
    fn measure(mut ratios: Vec<f64>) -> Typical {
        let middle = median(&mut ratios);
        let mut deviations: Vec<f64> = ratios.iter().map(|r| (r - middle).abs()).collect();
        // 1.4826 × MAD estimates the standard deviation of a normal distribution.
        let spread = 1.4826 * median(&mut deviations);
        Typical {
            median: middle,
            spread,
        }
    }

    /// Measured over `/work/shared/corpus` (see CHECKS.md), for locales loaded
    /// with too few segments to measure their own.
    fn prior(lang: Lang) -> Option<Typical> {
        let (median, spread) = match lang {
            Lang::Ja => (-0.61, 0.20),
            Lang::Zh => (-1.11, 0.17),
            Lang::Ko => (-0.88, 0.18),
            Lang::De => (0.23, 0.16),
            Lang::Ar => (-0.17, 0.18),
            Lang::He => (-0.30, 0.16),
            _ => return None,
        };
        Some(Typical { median, spread })
    }
}

/// Whether the target keeps three or more consecutive words of the source
/// in English: Microsoft's style keeps some UI strings and titles and adds
/// the translation in parentheses, so such a target is long by design.
/// Asked only of the few segments about to be flagged, so it parses again.
fn keeps_english(segment: &Segment) -> bool {
    let (Some(source), target) = (segment.source(), &segment.target()) else {
        return false;
    };
    let source = Parsed::new(source).text.to_ascii_lowercase();
    let target = Parsed::new(target).text;
    // Runs of English words joined only by ASCII spaces and punctuation.
    let mut runs: Vec<Vec<String>> = vec![Vec::new()];
    let mut word = String::new();
    for c in target.chars().chain([' ']) {
        if c.is_ascii_alphabetic() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        let run = runs.last_mut().expect("never empty");
        if !word.is_empty() {
            run.push(std::mem::take(&mut word));
        }
        if !c.is_ascii() {
            runs.push(Vec::new());
        }
    }
    runs.iter().any(|run| {
        run.windows(3)
            .any(|w| w.iter().any(|x| x.len() > 3) && source.contains(&w.join(" ")))
    })
}

/// Runs of ASCII letters and digits: words that may pass untranslated.
fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

pub fn findings(
    store: &Store,
    facts: &[DocFacts],
    runs_on: impl Fn(&Document) -> bool,
) -> Vec<Finding> {
    let mut ratios: HashMap<&str, Vec<f64>> = HashMap::new();
    for (doc, f) in store.docs.iter().zip(facts) {
        let per_segment = &f.lengths;
        let entry = ratios.entry(doc.locale.as_str()).or_default();
        entry.extend(per_segment.iter().flatten().map(|l| l.log_ratio()));
    }
    let typical: HashMap<&str, Typical> = ratios
        .into_iter()
        .filter_map(|(locale, r)| {
            let t = match r.len() >= MIN_SAMPLES {
                true => Typical::measure(r),
                false => Typical::prior(Lang::of(locale))?,
            };
            Some((locale, t))
        })
        .collect();
    let mut out = Vec::new();
    for (d, (doc, f)) in store.docs.iter().zip(facts).enumerate() {
        let Some(t) = typical.get(doc.locale.as_str()).filter(|_| runs_on(doc)) else {
            continue;
        };
        let per_segment = &f.lengths;
        let band = (SPREADS * t.spread).max(MIN_FACTOR.ln());
        for (s, l) in per_segment.iter().enumerate() {
            let Some(l) = l.filter(|l| l.source >= MIN_FLAGGED) else {
                continue;
            };
            let off = l.log_ratio() - t.median;
            if off.abs() <= band || (off > 0.0 && keeps_english(&doc.segments[s])) {
                continue;
            }
            let (how, category) = match off < 0.0 {
                true => ("shorter", "accuracy/omission"),
                false => ("longer", "accuracy/addition"),
            };
            let target = &doc.segments[s].target();
            out.push(Finding {
                doc: d,
                segment: s,
                check: LENGTH_RATIO.name,
                severity: LENGTH_RATIO.severity,
                category,
                span: Some(Spot {
                    side: Side::Target,
                    range: 0..target.len(),
                }),
                message: format!(
                    "target is {:.1}× {how} than usual for {} ({} characters for {}; typically {:.0})",
                    off.abs().exp(),
                    doc.locale,
                    l.target,
                    l.source,
                    f64::from(l.source) * t.median.exp()
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::store_of;
    use super::super::{Options, run};
    use super::*;

    fn lengths(store: &Store) -> Vec<String> {
        let options = Options::select(&["length-ratio".into()], &[]).unwrap();
        run(store, &options)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn typical_values_are_robust_to_outliers() {
        let t = Typical::measure(vec![0.1, 0.2, 0.2, 0.3, 5.0]);
        assert_eq!(t.median, 0.2);
        assert!((t.spread - 1.4826 * 0.1).abs() < 1e-9);
    }

    #[test]
    fn a_truncated_japanese_target_is_short_for_japanese() {
        // ja-jp runs at a little over half the English length (in letters and
        // digits): 43 characters for 80 is normal there, and 6 is not.
        let source = "Partners can export the reconciliation files from the billing workspace and open them in Excel.";
        let store = store_of(
            "ja-jp",
            &[
                (
                    source,
                    "パートナーは課金ワークスペースから調整ファイルをエクスポートし、Excel で開くことができます。",
                ),
                (source, "調整ファイル"),
            ],
        );
        let found = lengths(&store);
        assert_eq!(
            found,
            ["target is 7.2× shorter than usual for ja-jp (6 characters for 80; typically 43)"]
        );
    }

    #[test]
    fn a_german_target_may_be_longer_than_english_and_unknown_locales_are_not_judged() {
        let source = "Partners can export the reconciliation files from the billing workspace.";
        let target =
            "Partner können die Abstimmungsdateien aus dem Abrechnungsarbeitsbereich exportieren.";
        assert!(lengths(&store_of("de-de", &[(source, target)])).is_empty());
        assert!(lengths(&store_of("xx-yy", &[(source, "x")])).is_empty());
    }
}
