//! `length-ratio`: a target much shorter or longer than translations into its
//! locale usually are.
//!
//! "Usually" is measured, not assumed: over every loaded segment of the locale,
//! the median and the spread (median absolute deviation) of ln(target/source)
//! in visible characters. Japanese runs at about a third of the English length
//! and German at about 1.2 times, so one fixed band would be wrong for both.
//! With too few segments loaded to measure, the corpus's values stand in.

use std::collections::HashMap;

use super::engine::{DocFacts, DocInfo, SegmentTexts, Texts};
use super::lang::{Lang, count_word_chars, latin_words, packed};
use super::view::Parsed;
use super::{Check, Default, Finding, Run, Side, Spot};
use crate::mqm::Severity;

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
    /// Bytes of the raw target: a finding's place is all of it.
    raw_target: u32,
}

impl Lengths {
    /// Letters and digits that were translated: visible text without
    /// punctuation and without the words both sides share (names,
    /// identifiers, numbers), which keep their length in every language. `None` for segments that say
    /// nothing about the locale's ratio: a copy, or too little translated text.
    pub fn of(source: &Parsed, target: &Parsed) -> Option<Lengths> {
        // Both answers that make a segment unmeasured are cheaper than the
        // count of shared words, which can only shorten the source.
        if source.raw.trim() == target.raw.trim() {
            return None;
        }
        let visible = |p: &Parsed| count_word_chars(&p.text) as u32;
        let source_visible = visible(source);
        if source_visible < MIN_MEASURED {
            return None;
        }
        let shared = shared_latin_letters(&source.text, &target.text);
        let lengths = Lengths {
            source: source_visible.saturating_sub(shared),
            target: visible(target).saturating_sub(shared),
            raw_target: target.raw.len() as u32,
        };
        (lengths.source >= MIN_MEASURED).then_some(lengths)
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
fn keeps_english(segment: &SegmentTexts) -> bool {
    let (Some(source), target) = (segment.source.as_deref(), &segment.target) else {
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

/// Letters of the Latin words the two texts share, each target word shared
/// once (ASCII case ignored): per word, the smaller of its two counts times
/// its length. The target's few Latin words are sorted once; the source's
/// many are only looked up among them, the most by their length alone.
fn shared_latin_letters(source: &str, target: &str) -> u32 {
    let mut in_target: Vec<(u128, &str)> =
        latin_words(target).map(|w| (folded_key(w), w)).collect();
    if in_target.is_empty() {
        return 0;
    }
    // The key settles words of up to eight letters; longer ones that share
    // their first eight are told apart by the rest.
    let folded = |a: &(u128, &str), b: &(u128, &str)| {
        a.0.cmp(&b.0)
            .then_with(|| folded_rest(a.1).cmp(folded_rest(b.1)))
    };
    in_target.sort_unstable_by(folded);
    // Per target word: how often the target has it (on its first place in
    // `in_target`), and how often the source.
    let mut counts: Vec<(u32, u32)> = vec![(0, 0); in_target.len()];
    let mut first = 0;
    for i in 0..in_target.len() {
        if folded(&in_target[first], &in_target[i]).is_ne() {
            first = i;
        }
        counts[first].0 += 1;
    }
    let lengths = in_target
        .iter()
        .fold(0u64, |set, (_, w)| set | 1 << w.len().min(63));
    for word in latin_words(source) {
        if lengths & 1 << word.len().min(63) == 0 {
            continue;
        }
        let word = (folded_key(word), word);
        let at = in_target.partition_point(|t| folded(t, &word).is_lt());
        if in_target.get(at).is_some_and(|t| folded(t, &word).is_eq()) {
            counts[at].1 += 1;
        }
    }
    in_target
        .iter()
        .zip(&counts)
        .map(|((_, word), &(t, s))| word.len() as u32 * t.min(s))
        .sum()
}

/// The bytes of a word after its eighth, in lower case.
fn folded_rest(word: &str) -> impl Iterator<Item = u8> + '_ {
    word.bytes().skip(8).map(|c| c.to_ascii_lowercase())
}

/// A Latin word's length and its first eight bytes in lower case, as one
/// number: most words compare by it alone.
fn folded_key(word: &str) -> u128 {
    let first = &word.as_bytes()[..word.len().min(8)];
    (word.len() as u128) << 64 | u128::from(packed(first))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// `length-ratio` over the lengths of every document; the few targets that
/// are longer than usual are read again to see if they keep English by design.
pub fn findings(
    docs: &[DocInfo],
    facts: &[DocFacts],
    runs_on: impl Fn(&DocInfo) -> bool,
    texts: &dyn Texts,
) -> Vec<Finding> {
    let mut ratios: HashMap<&str, Vec<f64>> = HashMap::new();
    for (doc, f) in docs.iter().zip(facts) {
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
    // (document, segment, lengths, distance from the typical ratio).
    let mut outside = Vec::new();
    for (d, (doc, f)) in docs.iter().zip(facts).enumerate() {
        let Some(t) = typical.get(doc.locale.as_str()).filter(|_| runs_on(doc)) else {
            continue;
        };
        let band = (SPREADS * t.spread).max(MIN_FACTOR.ln());
        for (s, l) in f.lengths.iter().enumerate() {
            let Some(l) = l.filter(|l| l.source >= MIN_FLAGGED) else {
                continue;
            };
            let off = l.log_ratio() - t.median;
            if off.abs() > band {
                outside.push((d, s, l, off, *t));
            }
        }
    }
    let longer: Vec<(usize, usize)> = outside
        .iter()
        .filter(|(.., off, _)| *off > 0.0)
        .map(|&(d, s, ..)| (d, s))
        .collect();
    let longer = texts.fetch(docs, &longer);
    let mut out = Vec::new();
    for (d, s, l, off, t) in outside {
        if off > 0.0 && longer.get(&(d, s)).is_some_and(keeps_english) {
            continue;
        }
        let (how, category) = match off < 0.0 {
            true => ("shorter", "accuracy/omission"),
            false => ("longer", "accuracy/addition"),
        };
        out.push(Finding {
            doc: d,
            segment: s,
            check: LENGTH_RATIO.name,
            severity: LENGTH_RATIO.severity,
            category,
            spots: vec![Spot {
                side: Side::Target,
                range: 0..l.raw_target as usize,
            }],
            message: format!(
                "target is {:.1}× {how} than usual for {} ({} characters for {}; typically {:.0})",
                off.abs().exp(),
                docs[d].locale,
                l.target,
                l.source,
                f64::from(l.source) * t.median.exp()
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::store_of;
    use super::super::{Options, run};
    use super::*;

    fn lengths(store: &crate::store::Store) -> Vec<String> {
        let options = Options::select(&["length-ratio".into()], &[]).unwrap();
        run(store, &options)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    proptest::proptest! {
        /// Sorted keys share what a count of every word in lower case shares,
        /// long words that differ only after their eighth letter included.
        #[test]
        fn shared_letters_are_those_of_a_plain_count(
            source in "(([Ss]erver|[Cc]onfigurations?|[Cc]onfigurationX|Az|a1|日本) ?){0,12}",
            target in "(([Ss]erver|[Cc]onfigurations?|[Cc]onfigurationX|Az|a1|日本) ?){0,12}",
        ) {
            let count = |text: &str| {
                let mut counts = std::collections::HashMap::<String, u32>::new();
                for word in latin_words(text) {
                    *counts.entry(word.to_ascii_lowercase()).or_default() += 1;
                }
                counts
            };
            let in_source = count(&source);
            let expected: u32 = count(&target)
                .iter()
                .map(|(w, &t)| w.len() as u32 * t.min(in_source.get(w).copied().unwrap_or(0)))
                .sum();
            proptest::prop_assert_eq!(shared_latin_letters(&source, &target), expected);
        }
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
