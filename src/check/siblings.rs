//! `untranslated-cell`: a table cell left in English while the other cells of
//! its row are translated (`Unit price` beside `単価`, `or` in a table of
//! Japanese cells).
//!
//! A cell may rightly stay in English: a column name of a data file, a value
//! a user types, a product name. So two things must hold besides the
//! translated neighbours: the cell reads as plain words (no digits, no
//! identifier punctuation, no inner capitals), and its set translates those
//! words almost everywhere else (the words of the cell appear in the target
//! of at most 15 % of the set's segments whose source has them, over at least
//! 20 such segments).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::lang::Lang;
use super::sets::Sets;
use super::{Check, Default, Finding, Run, Side, Spot};
use crate::mqm::Severity;
use crate::store::{Block, Document, Segment, Store};

pub const UNTRANSLATED_CELL: Check = Check {
    name: "untranslated-cell",
    severity: Severity::Minor,
    category: "accuracy/untranslated",
    description: "a table cell left in English beside translated cells, in words the set translates elsewhere",
    default: Default::On,
    run: Run::Engine,
};

/// The words of a set's segments must appear in at most this share of their
/// targets for the set to count as translating them.
const KEPT_SHARE: f64 = 0.15;
/// Segments with the words a set needs before its habit is trusted.
const MIN_SEEN: usize = 20;

/// ASCII words of a text, lower-cased.
fn ascii_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// The words of a cell that is nothing but plain English words (bold allowed).
fn plain_words(seg: &Segment) -> Option<Vec<String>> {
    let source = seg.source.as_deref()?.trim();
    if source != seg.target.trim() || source.is_empty() {
        return None;
    }
    let text = source.trim_matches('*');
    let plain = text.split(' ').all(|w| {
        !w.is_empty()
            && w.bytes().all(|b| b.is_ascii_alphabetic())
            && !w.bytes().skip(1).any(|b| b.is_ascii_uppercase())
    });
    plain.then(|| ascii_words(text).collect())
}

fn translated(seg: &Segment) -> bool {
    seg.source.as_deref().is_some_and(|s| {
        s.trim() != seg.target.trim() && s.bytes().filter(u8::is_ascii_alphabetic).count() >= 3
    })
}

pub fn findings(store: &Store, sets: &Sets, runs_on: impl Fn(&Document) -> bool) -> Vec<Finding> {
    // Cells in English beside a translated cell of their row.
    let mut candidates: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (d, doc) in store.docs.iter().enumerate() {
        if Lang::of(&doc.locale) == Lang::En || !runs_on(doc) {
            continue;
        }
        for (s, seg) in doc.segments.iter().enumerate() {
            if seg.block != Block::TableCell {
                continue;
            }
            let Some(words) = plain_words(seg) else {
                continue;
            };
            let beside_translated = doc
                .segments
                .iter()
                .any(|o| o.line == seg.line && o.block == Block::TableCell && translated(o));
            if beside_translated {
                candidates.push((d, s, words));
            }
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut wanted: Vec<HashSet<&str>> = vec![HashSet::new(); sets.count()];
    for (d, _, words) in &candidates {
        wanted[sets.of_doc(*d)].extend(words.iter().map(String::as_str));
    }
    // (set, word) → (segments whose source has it, of those whose target keeps it).
    let seen: HashMap<(usize, &str), (usize, usize)> = store
        .docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let set = sets.of_doc(d);
            let mut counts: HashMap<(usize, &str), (usize, usize)> = HashMap::new();
            if wanted[set].is_empty() {
                return counts;
            }
            for seg in &doc.segments {
                let Some(source) = seg.source.as_deref() else {
                    continue;
                };
                let mut in_source: Vec<&str> = ascii_words(source)
                    .filter_map(|w| wanted[set].get(w.as_str()).copied())
                    .collect();
                if in_source.is_empty() {
                    continue;
                }
                in_source.sort_unstable();
                in_source.dedup();
                let in_target: HashSet<String> = ascii_words(&seg.target).collect();
                for word in in_source {
                    let entry = counts.entry((set, word)).or_default();
                    entry.0 += 1;
                    entry.1 += usize::from(in_target.contains(word));
                }
            }
            counts
        })
        .reduce(HashMap::new, |mut a, b| {
            for (key, (n, k)) in b {
                let entry = a.entry(key).or_default();
                entry.0 += n;
                entry.1 += k;
            }
            a
        });
    let mut out = Vec::new();
    for (d, s, words) in &candidates {
        let (d, s) = (*d, *s);
        let set = sets.of_doc(d);
        let (mut n, mut k) = (0, 0);
        for word in words {
            let (wn, wk) = seen.get(&(set, word.as_str())).copied().unwrap_or_default();
            n += wn;
            k += wk;
        }
        if n < MIN_SEEN || k as f64 > KEPT_SHARE * n as f64 {
            continue;
        }
        let seg = &store.docs[d].segments[s];
        let lead = seg.target.len() - seg.target.trim_start().len();
        out.push(Finding::new(
            d,
            s,
            &UNTRANSLATED_CELL,
            format!(
                "cell left in English beside translated cells of its row; this set translates these words in {:.0}% of {n} segments",
                100.0 * (n - k) as f64 / n as f64
            ),
            Some(Spot {
                side: Side::Target,
                range: lead..seg.target.trim_end().len(),
            }),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::store_of;
    use super::super::{Options, run};
    use crate::store::Block;

    #[test]
    fn an_english_cell_beside_translated_ones() {
        let mut pairs = vec![("The unit price is shown.", "単価が表示されます。"); 25];
        pairs.extend([
            ("Charge end date", "請求終了日"),
            ("Unit price", "Unit price"),
            ("SKU", "SKU"),
        ]);
        let mut store = store_of("ja-jp", &pairs);
        for seg in &mut store.docs[0].segments[25..] {
            seg.block = Block::TableCell;
            seg.line = 99;
        }
        let options = Options::select(&["untranslated-cell".into()], &[]).unwrap();
        let found = run(&store, &options);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].segment, 26);
        assert_eq!(
            found[0].message,
            "cell left in English beside translated cells of its row; this set translates these words in 96% of 52 segments"
        );
        // Alone in an English row, or in words the set keeps, it is fine.
        store.docs[0].segments[25].target = "Charge end date".into();
        assert!(run(&store, &options).is_empty());
    }
}
