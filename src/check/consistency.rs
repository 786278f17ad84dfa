//! `inconsistent-target`: the same source sentence translated differently in
//! one set (see `sets`): the same locale of the same documentation, not a
//! copy of another product version.
//!
//! Targets compare by their letters and digits only (case and full-width forms
//! folded), so a variant in spacing or punctuation alone is not an
//! inconsistency (`korean-spacing` and `end-punctuation` report those). Sources of fewer than four
//! words ("Yes", "Name", table headers) are left out: their translation rightly
//! depends on where they stand.

use std::collections::HashMap;

use super::lang::is_word_char;
use super::sets::Sets;
use super::{Check, Default, Finding, Run};
use crate::mqm::Severity;
use crate::store::{Document, Store};

pub const INCONSISTENT_TARGET: Check = Check {
    name: "inconsistent-target",
    severity: Severity::Minor,
    category: "terminology",
    description: "the same source sentence has another translation elsewhere in its set (same folder and locale)",
    default: Default::On,
    run: Run::Engine,
};

const MIN_WORDS: usize = 4;
/// The other translation is quoted up to this many characters.
const QUOTE_CHARS: usize = 80;

/// Words as white space separates them; partner-center sources put narrow
/// no-break spaces inside names ("Partner Center for Microsoft Cloud").
fn words(source: &str) -> usize {
    source
        .split(char::is_whitespace)
        .filter(|w| w.chars().any(is_word_char))
        .count()
}

fn normalized(target: &str) -> String {
    target
        .chars()
        .filter(|&c| is_word_char(c))
        .map(|c| match c {
            // Full-width ASCII letters and digits.
            '\u{ff10}'..='\u{ff5a}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn findings(store: &Store, sets: &Sets, runs_on: impl Fn(&Document) -> bool) -> Vec<Finding> {
    // (set, source) → every (doc, segment) that translates it.
    let mut groups: HashMap<(usize, &str), Vec<(usize, usize)>> = HashMap::new();
    for (d, doc) in store.docs.iter().enumerate() {
        if !runs_on(doc) {
            continue;
        }
        for (s, seg) in doc.segments.iter().enumerate() {
            let Some(source) = seg.source.as_deref() else {
                continue;
            };
            if !seg.target.trim().is_empty() {
                groups
                    .entry((sets.of_doc(d), source.trim()))
                    .or_default()
                    .push((d, s));
            }
        }
    }
    let mut out = Vec::new();
    let repeated = groups
        .iter()
        .filter(|((_, source), members)| members.len() > 1 && words(source) >= MIN_WORDS);
    for (_, members) in repeated {
        let target = |&(d, s): &(usize, usize)| &store.docs[d].segments[s].target;
        let keys: Vec<String> = members.iter().map(|m| normalized(target(m))).collect();
        if keys.iter().all(|k| *k == keys[0]) {
            continue;
        }
        // The most frequent translation wins; on a tie, the first met.
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            match counts.iter_mut().find(|(k, _, _)| k == key) {
                Some(entry) => entry.1 += 1,
                None => counts.push((key, 1, i)),
            }
        }
        let &(major_key, major_count, first) = counts
            .iter()
            .max_by_key(|(_, count, first)| (*count, std::cmp::Reverse(*first)))
            .expect("a group has members");
        let (md, ms) = members[first];
        let shown: String = target(&members[first])
            .trim()
            .chars()
            .take(QUOTE_CHARS)
            .collect();
        let ellipsis = if target(&members[first]).trim().chars().count() > QUOTE_CHARS {
            "…"
        } else {
            ""
        };
        for (member, key) in members.iter().zip(&keys) {
            if key == major_key {
                continue;
            }
            out.push(Finding {
                doc: member.0,
                segment: member.1,
                check: INCONSISTENT_TARGET.name,
                severity: INCONSISTENT_TARGET.severity,
                category: INCONSISTENT_TARGET.category,
                span: None,
                message: format!(
                    "same source translated as «{shown}{ellipsis}» in {} of {} places (first {}:{})",
                    major_count,
                    members.len(),
                    store.docs[md].path,
                    store.docs[md].segments[ms].line
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

    #[test]
    fn the_minority_translation_is_flagged_with_the_usual_one() {
        // zh-tw, partner-center: the same sentence in three files.
        let source = "Prorate fees when purchase a new subscription";
        let store = store_of(
            "zh-tw",
            &[
                (source, "購買時按比例計算之費用"),
                (source, "購買時按比例計算費用"),
                (source, "購買時按比例計算之費用"),
                ("Yes", "是"),
                ("Yes", "是的"),
                (source, "購買時 按比例計算之費用"),
            ],
        );
        let options = Options::select(&["inconsistent-target".into()], &[]).unwrap();
        let found = run(&store, &options);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].segment, 1);
        assert_eq!(
            found[0].message,
            "same source translated as «購買時按比例計算之費用» in 3 of 4 places (first test.md:1)"
        );
    }
}
