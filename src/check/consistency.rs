//! The same source translated differently in one set (see `sets`): the same
//! locale of the same documentation, not a copy of another product version.
//!
//! - `inconsistent-target`: a whole source sentence.
//! - `inconsistent-link-text`: the text of links to one page, where the
//!   source's link text is the same (`[service index](…/service-index.md)`
//!   as `服務所引` where the set writes `服務索引` 13 times out of 14). Link
//!   texts are titles and terms, so the set's clear majority (three links or
//!   more, three in four the same) is the one to follow.
//!
//! Targets compare by their letters and digits only (case and full-width forms
//! folded), so a variant in spacing or punctuation alone is not an
//! inconsistency (`korean-spacing` and `end-punctuation` report those). Sources of fewer than four
//! words ("Yes", "Name", table headers) are left out: their translation rightly
//! depends on where they stand.

use std::collections::HashMap;
use std::ops::Range;

use super::lang::is_word_char;
use super::sets::Sets;
use super::view::Parsed;
use super::{Check, Default, DocFacts, Finding, Run, Side, Spot};
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

pub const INCONSISTENT_LINK_TEXT: Check = Check {
    name: "inconsistent-link-text",
    severity: Severity::Minor,
    category: "terminology",
    description: "a link's text differs from the set's usual translation of the same link text to the same page",
    default: Default::On,
    run: Run::Engine,
};

const MIN_WORDS: usize = 4;
/// Links to one page with one source text a set needs before it has a usual translation.
const MIN_LINKS: usize = 3;
/// Share of them the usual translation must have.
const MAJORITY: f64 = 0.75;

/// A link of a translated segment whose destination the target keeps once.
#[derive(Debug)]
pub struct LinkText {
    pub segment: usize,
    /// Page (the last part of the URL, lower case) and source link text.
    pub key: String,
    pub source: String,
    pub target: String,
    /// Raw range of the target's link text.
    pub range: Range<usize>,
}

/// The link texts of one segment, for `inconsistent-link-text`.
pub fn link_texts(segment: usize, source: &Parsed, target: &Parsed, out: &mut Vec<LinkText>) {
    let page = |dest: &str| {
        dest.trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(dest)
            .to_ascii_lowercase()
    };
    if source.links.is_empty() {
        return;
    }
    let pages: Vec<String> = target.links.iter().map(|t| page(t.dest)).collect();
    for link in source.links.iter().filter(|l| !l.image && !l.spaced) {
        let Some(text) = link.text.filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let key = page(link.dest);
        let mut same = target
            .links
            .iter()
            .zip(&pages)
            .filter(|(t, p)| !t.image && t.text.is_some() && **p == key)
            .map(|(t, _)| t);
        let (Some(found), None) = (same.next(), same.next()) else {
            continue;
        };
        let shown = found.text.unwrap_or("");
        let start = found.range.start + 1;
        out.push(LinkText {
            segment,
            key: format!("{key}\0{}", text.trim().to_lowercase()),
            source: text.trim().to_string(),
            target: shown.trim().to_string(),
            range: start..start + shown.len(),
        });
    }
}

pub fn link_text_findings(
    store: &Store,
    sets: &Sets,
    facts: &[DocFacts],
    runs_on: impl Fn(&Document) -> bool,
) -> Vec<Finding> {
    // (set, key) → (doc, index into that document's link texts).
    let mut groups: HashMap<(usize, &str), Vec<(usize, usize)>> = HashMap::new();
    for (d, f) in facts.iter().enumerate() {
        if !runs_on(&store.docs[d]) {
            continue;
        }
        for (i, link) in f.link_texts.iter().enumerate() {
            groups
                .entry((sets.of_doc(d), link.key.as_str()))
                .or_default()
                .push((d, i));
        }
    }
    let mut out = Vec::new();
    for members in groups.values().filter(|m| m.len() >= MIN_LINKS) {
        let link = |&(d, i): &(usize, usize)| &facts[d].link_texts[i];
        let keys: Vec<String> = members
            .iter()
            .map(|m| normalized(&link(m).target))
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for k in &keys {
            *counts.entry(k).or_default() += 1;
        }
        let (usual, n) = counts
            .iter()
            .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
            .map(|(k, n)| (k.to_string(), *n))
            .expect("a group has members");
        let english = normalized(&link(&members[0]).source);
        if (n as f64) < MAJORITY * members.len() as f64 || usual == english {
            continue;
        }
        let shown = members
            .iter()
            .zip(&keys)
            .find(|(_, k)| **k == usual)
            .map(|(m, _)| link(m).target.clone())
            .unwrap_or_default();
        for (member, key) in members.iter().zip(&keys) {
            if *key == usual {
                continue;
            }
            let l = link(member);
            out.push(Finding::new(
                member.0,
                l.segment,
                &INCONSISTENT_LINK_TEXT,
                format!(
                    "link text `{}` for \"{}\"; this set writes `{shown}` in {n} of {} such links",
                    l.target,
                    l.source,
                    members.len()
                ),
                Some(Spot {
                    side: Side::Target,
                    range: l.range.clone(),
                }),
            ));
        }
    }
    out
}
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
    let mut groups: HashMap<(usize, &str), Vec<(usize, usize)>> =
        HashMap::with_capacity(store.segment_count());
    for (d, doc) in store.docs.iter().enumerate() {
        if !runs_on(doc) {
            continue;
        }
        for (s, seg) in doc.segments.iter().enumerate() {
            let Some(source) = seg.source() else {
                continue;
            };
            if !seg.target().trim().is_empty() {
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
        let target = |&(d, s): &(usize, usize)| store.docs[d].segments[s].target();
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
    use super::super::tests::{one_finding, store_of};
    use super::super::{Options, run};

    #[test]
    fn a_link_text_unlike_the_sets_usual_one() {
        // nuget-docs.zh-tw: a typo in the title of a linked page.
        let source = "Announce them in the [service index](../api/service-index.md).";
        let mut pairs = vec![(source, "在[服務索引](../api/service-index.md)中宣告。"); 3];
        pairs.push((
            "See the [service index](service-index.md) page.",
            "請參閱[服務索引](service-index.md)頁面。",
        ));
        pairs.push((
            source,
            "套件存放庫應宣告其在[服務所引](../api/service-index.md)中使用的憑證。",
        ));
        let store = store_of("zh-tw", &pairs);
        let (found, text) = one_finding(&store, "inconsistent-link-text");
        assert_eq!(found.segment, 4);
        assert_eq!(
            found.message,
            "link text `服務所引` for \"service index\"; this set writes `服務索引` in 4 of 5 such links"
        );
        assert_eq!(text, "服務所引");
    }

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
