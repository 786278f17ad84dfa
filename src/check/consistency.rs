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

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use super::engine::{DocFacts, DocInfo, Texts};
use super::lang::{Char, char_at, is_word_char};
use super::sets::Sets;
use super::view::{Link, Parsed};
use super::{Check, Default, Finding, Run, Side, Spot};
use crate::mqm::Severity;
use crate::store::Segment;

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
    // The target's text links by page: the one link to a page, or `None`
    // for a page linked twice.
    let mut by_page: FxHashMap<String, Option<&Link>> = FxHashMap::default();
    for link in target.links.iter().filter(|t| !t.image && t.text.is_some()) {
        by_page
            .entry(page(link.dest))
            .and_modify(|one| *one = None)
            .or_insert(Some(link));
    }
    for link in source.links.iter().filter(|l| !l.image && !l.spaced) {
        let Some(text) = link.text.filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let key = page(link.dest);
        let Some(&Some(found)) = by_page.get(&key) else {
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

pub fn link_text_findings(sets: &Sets, facts: &[DocFacts]) -> Vec<Finding> {
    // (set, key) → (doc, index into that document's link texts).
    let mut groups: HashMap<(usize, &str), Vec<(usize, usize)>> = HashMap::new();
    for (d, f) in facts.iter().enumerate() {
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
                vec![Spot {
                    side: Side::Target,
                    range: l.range.clone(),
                }],
            ));
        }
    }
    out
}
/// The other translation is quoted up to this many characters.
const QUOTE_CHARS: usize = 80;

/// Whether a source is a sentence: [`MIN_WORDS`] words or more, as white
/// space separates them (partner-center sources put narrow no-break spaces
/// inside names: "Partner Center for Microsoft Cloud"). Stops counting there.
fn is_sentence(source: &str) -> bool {
    source
        .split(char::is_whitespace)
        .filter(|w| w.chars().any(is_word_char))
        .nth(MIN_WORDS - 1)
        .is_some()
}

/// The letters and digits of a target, case and full-width forms folded:
/// what two translations must share to count as one.
fn normalized(target: &str) -> String {
    let mut out = Vec::new();
    normalize_into(target, &mut out);
    String::from_utf8(out).expect("whole characters of a str")
}

/// [`normalized`], into a buffer of bytes: the sentence groups only hash it.
/// Runs of characters without case are copied as they stand, not decoded
/// and encoded again (most of a Japanese, Chinese or Korean target).
fn normalize_into(target: &str, out: &mut Vec<u8>) {
    out.clear();
    out.reserve(target.len());
    let push =
        |c: char, out: &mut Vec<u8>| out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    let fold = |c: char, out: &mut Vec<u8>| c.to_lowercase().for_each(|lower| push(lower, out));
    let mut i = 0;
    while i < target.len() {
        let (c, len) = char_at(target, i);
        match c {
            Char::Caseless => {
                let start = i;
                i += len;
                while i < target.len() && matches!(char_at(target, i), (Char::Caseless, _)) {
                    i += 3;
                }
                out.extend_from_slice(&target.as_bytes()[start..i]);
                continue;
            }
            Char::Ascii(b) if b.is_ascii_alphanumeric() => out.push(b.to_ascii_lowercase()),
            Char::Ascii(_) | Char::NotWord => {}
            Char::Other(c) if !is_word_char(c) => {}
            // Kana, CJK ideographs and Hangul syllables have no case.
            Char::Other(c @ ('\u{3000}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}')) => push(c, out),
            // Full-width ASCII letters and digits.
            Char::Other(c @ '\u{ff10}'..='\u{ff5a}') => {
                fold(char::from_u32(c as u32 - 0xfee0).unwrap_or(c), out);
            }
            Char::Other(c) => fold(c, out),
        }
        i += len;
    }
}

/// A segment of `inconsistent-target`: its source and the letters of its
/// target, as 128- and 64-bit hashes, so that the set stage can group a
/// whole corpus without its texts. (Two different sources of one set share
/// a 128-bit hash with a chance of about 2^-100 over a million segments.)
#[derive(Debug, Clone, Copy)]
pub struct Translation {
    segment: u32,
    source: u128,
    target: u64,
}

/// The [`Translation`] of a segment whose source is a sentence (four words
/// or more) and whose target is not empty; `normalized` is a buffer.
pub fn translation(s: usize, seg: &Segment, normalized: &mut Vec<u8>, out: &mut Vec<Translation>) {
    let Some(source) = seg.source() else {
        return;
    };
    if seg.target().trim().is_empty() || !is_sentence(source) {
        return;
    }
    normalize_into(seg.target(), normalized);
    // XXH3 rather than the standard library's SipHash: these hashes never
    // face an adversary's keys, and SipHash over every sentence twice was
    // 1.6 % of `check`.
    out.push(Translation {
        segment: s as u32,
        source: xxh3_128(source.trim().as_bytes()),
        target: xxh3_64(normalized),
    });
}

/// A [`Translation`] in the set stage: set, source hash, document, segment,
/// target hash.
type Member = (usize, u128, usize, u32, u64);

/// `inconsistent-target`: in each set, sources translated more than one way;
/// every translation but the most frequent is reported, quoting that one.
pub fn findings(
    docs: &[DocInfo],
    sets: &Sets,
    facts: &[DocFacts],
    texts: &dyn Texts,
) -> Vec<Finding> {
    // Sorted by set and source, a group's members stand together, in
    // document order.
    let mut all: Vec<Member> = facts
        .iter()
        .enumerate()
        .flat_map(|(d, f)| {
            let set = sets.of_doc(d);
            f.translations
                .iter()
                .map(move |t| (set, t.source, d, t.segment, t.target))
        })
        .collect();
    all.sort_unstable_by_key(|&(set, source, d, s, _)| (set, source, d, s));
    // Groups that disagree: members, the usual translation, its count, and
    // the index of its first member.
    let mut disagreeing: Vec<(&[Member], u64, usize, usize)> = Vec::new();
    for members in all.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if members.iter().all(|m| m.4 == members[0].4) {
            continue;
        }
        // The most frequent translation wins; on a tie, the first met.
        let mut counts: Vec<(u64, usize, usize)> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            match counts.iter_mut().find(|(k, _, _)| *k == m.4) {
                Some(entry) => entry.1 += 1,
                None => counts.push((m.4, 1, i)),
            }
        }
        let &(major_key, major_count, first) = counts
            .iter()
            .max_by_key(|(_, count, first)| (*count, std::cmp::Reverse(*first)))
            .expect("a group has members");
        disagreeing.push((members, major_key, major_count, first));
    }
    let quoted: Vec<(usize, usize)> = disagreeing
        .iter()
        .map(|(members, _, _, first)| (members[*first].2, members[*first].3 as usize))
        .collect();
    let quoted = texts.fetch(docs, &quoted);
    let mut out = Vec::new();
    for (members, major_key, major_count, first) in disagreeing {
        let (md, ms) = (members[first].2, members[first].3 as usize);
        let usual = quoted.get(&(md, ms)).map_or("", |t| t.target.trim());
        let shown: String = usual.chars().take(QUOTE_CHARS).collect();
        let ellipsis = if usual.chars().count() > QUOTE_CHARS {
            "…"
        } else {
            ""
        };
        for &(_, _, d, s, key) in members {
            if key == major_key {
                continue;
            }
            out.push(Finding {
                doc: d,
                segment: s as usize,
                check: INCONSISTENT_TARGET.name,
                severity: INCONSISTENT_TARGET.severity,
                category: INCONSISTENT_TARGET.category,
                spots: Vec::new(),
                message: format!(
                    "same source translated as «{shown}{ellipsis}» in {} of {} places (first {}:{})",
                    major_count,
                    members.len(),
                    docs[md].path,
                    docs[md].line(ms)
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::lang::is_word_char;
    use super::super::tests::{one_finding, store_of};
    use super::super::{Options, run};
    use super::normalized;

    proptest! {
        /// The shortcuts by lead byte fold as character by character does:
        /// letters and digits kept, case and full-width forms folded.
        #[test]
        fn targets_fold_as_their_characters_do(target in "[a-zA-Z0-9 、。・゛ゝあア日本語한국ÄéΣ0Ａｚ！]{0,30}") {
            let expected: String = target
                .chars()
                .filter(|&c| is_word_char(c))
                .flat_map(|c| {
                    let c = match c {
                        '\u{ff10}'..='\u{ff5a}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                        c => c,
                    };
                    c.to_lowercase()
                })
                .collect();
            prop_assert_eq!(normalized(&target), expected);
        }
    }

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
