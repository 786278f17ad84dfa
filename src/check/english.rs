//! English left in a translation where its set translates the same words:
//!
//! - `untranslated-cell`: a table cell left in English while the other cells
//!   of its row are translated (`Unit price` beside `単価`, `or` in a table of
//!   Japanese cells).
//! - `untranslated-word`: a lower-case English word standing alone in
//!   Japanese, Chinese or Korean prose (`Batch service によって`,
//!   `\(brackets\) 表記`).
//!
//! English may rightly stay: a column name of a data file, a value a user
//! types, a product name, a UI label followed by its translation in
//! parentheses. So the words must read as plain words (no digits, no
//! identifier punctuation, no inner capitals, not marked as a name by bold,
//! italic or a link), and the set must translate them almost everywhere else:
//! they appear in the target of at most 15 % of the set's segments whose
//! source has them (10 % for a single word), over at least 20 such segments.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use std::ops::Range;

use super::lang::{Lang, is_cjk_char};
use super::sets::Sets;
use super::view::Parsed;
use super::{Check, Default, DocFacts, Finding, Run, Side, Spot};
use crate::mqm::Severity;
use crate::store::{Block, Document, Segment, Store};
use crate::text::inline::Token;

pub const UNTRANSLATED_WORD: Check = Check {
    name: "untranslated-word",
    severity: Severity::Minor,
    category: "accuracy/untranslated",
    description: "ja/zh/ko: a lower-case English word left in the prose where the set translates it",
    default: Default::On,
    run: Run::Engine,
};

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
/// The same for a single word left in prose.
const WORD_KEPT_SHARE: f64 = 0.10;

/// ASCII words of a text, lower-cased.
fn ascii_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// The words of a cell that is nothing but plain English words (bold allowed).
fn plain_words(seg: &Segment) -> Option<Vec<String>> {
    let source = seg.source()?.trim();
    if source != seg.target().trim() || source.is_empty() {
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
    seg.source().is_some_and(|s| {
        s.trim() != seg.target().trim() && s.bytes().filter(u8::is_ascii_alphabetic).count() >= 3
    })
}

/// `untranslated-cell`.
/// Both checks of this file, sharing one count of the words they ask about.
pub fn findings(
    store: &Store,
    sets: &Sets,
    facts: &[DocFacts],
    words_on: impl Fn(&Document) -> bool,
    cells_on: impl Fn(&Document) -> bool,
) -> Vec<Finding> {
    let cells = cell_candidates(store, cells_on);
    let mut wanted: Vec<HashSet<&str>> = vec![HashSet::new(); sets.count()];
    for (d, _, words) in &cells {
        wanted[sets.of_doc(*d)].extend(words.iter().map(String::as_str));
    }
    for (d, f) in facts.iter().enumerate() {
        if words_on(&store.docs[d]) {
            wanted[sets.of_doc(d)].extend(f.english.iter().map(|(_, _, w)| w.as_str()));
        }
    }
    if wanted.iter().all(HashSet::is_empty) {
        return Vec::new();
    }
    let seen = kept_counts(store, sets, &wanted);
    let mut out = cell_findings(sets, &cells, &seen, store);
    out.extend(word_findings(store, sets, facts, &seen, words_on));
    out
}

/// Cells in English beside a translated cell of their row, with their words.
fn cell_candidates(
    store: &Store,
    runs_on: impl Fn(&Document) -> bool,
) -> Vec<(usize, usize, Vec<String>)> {
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
    candidates
}

/// (set, word) → (segments whose source has it, of those whose target keeps it).
type Seen<'w> = HashMap<(usize, &'w str), (usize, usize)>;

/// `untranslated-cell`.
fn cell_findings(
    sets: &Sets,
    candidates: &[(usize, usize, Vec<String>)],
    seen: &Seen,
    store: &Store,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (d, s, words) in candidates {
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
        let lead = seg.target().len() - seg.target().trim_start().len();
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
                range: lead..seg.target().trim_end().len(),
            }),
        ));
    }
    out
}

/// (set, word) → (segments whose source has the word, of those, segments
/// whose target keeps it), for the words each set is asked about.
fn kept_counts<'w>(store: &Store, sets: &Sets, wanted: &[HashSet<&'w str>]) -> Seen<'w> {
    store
        .docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let set = sets.of_doc(d);
            let mut counts: Seen = HashMap::new();
            if wanted[set].is_empty() {
                return counts;
            }
            // Lengths of the wanted words, by first letter: most words of a
            // source are ruled out without hashing them.
            let mut shapes = [0u64; 256];
            for w in &wanted[set] {
                shapes[usize::from(w.as_bytes()[0])] |= 1 << w.len().min(63);
            }
            let mut buf = [0u8; 32];
            let mut in_source: Vec<&str> = Vec::new();
            for seg in &doc.segments {
                let Some(source) = seg.source() else {
                    continue;
                };
                in_source.clear();
                for word in source.split(|c: char| !c.is_ascii_alphanumeric()) {
                    if word.is_empty() || word.len() > buf.len() {
                        continue;
                    }
                    let first = word.as_bytes()[0].to_ascii_lowercase();
                    if shapes[usize::from(first)] & (1 << word.len()) == 0 {
                        continue;
                    }
                    let lower = &mut buf[..word.len()];
                    lower.copy_from_slice(word.as_bytes());
                    lower.make_ascii_lowercase();
                    let lower = std::str::from_utf8(lower).unwrap_or_default();
                    if let Some(w) = wanted[set].get(lower) {
                        in_source.push(w);
                    }
                }
                if in_source.is_empty() {
                    continue;
                }
                in_source.sort_unstable();
                in_source.dedup();
                let target = seg.target().to_ascii_lowercase();
                for &word in &in_source {
                    let kept = target.match_indices(word).any(|(i, _)| {
                        let before = target[..i].bytes().next_back();
                        let after = target[i + word.len()..].bytes().next();
                        !before.is_some_and(|b| b.is_ascii_alphanumeric())
                            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
                    });
                    let entry = counts.entry((set, word)).or_default();
                    entry.0 += 1;
                    entry.1 += usize::from(kept);
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
        })
}

/// English function words: too common to say anything alone.
const FUNCTION_WORDS: &[&str] = &[
    "also", "been", "from", "have", "into", "only", "that", "than", "then", "them", "they", "this",
    "what", "when", "where", "which", "will", "with", "your",
];

/// Candidates for `untranslated-word` in one target: lower-case English
/// words in runs of one or two Latin words amid CJK text, outside marked
/// text, not glossed by a parenthesis after them, and in the source too.
pub fn english_words(
    segment: usize,
    source: &Parsed,
    target: &Parsed,
    out: &mut Vec<(usize, Range<usize>, String)>,
) {
    let text = &target.text;
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, &str)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphabetic() || matches!(bytes[i], b' ' | b'\'' | b'-'))
        {
            i += 1;
        }
        let run = text[start..i].trim_end();
        let end = start + run.len();
        // `[English] (訳)`: a UI label kept in English with its translation.
        let glossed = text[end..]
            .trim_start_matches([']', '」', ' ', '*', '\\'])
            .starts_with(['(', '（']);
        let bounded = |c: Option<char>| {
            c.is_none_or(|c| !c.is_ascii_alphanumeric() && !matches!(c, '.' | '_' | '/'))
        };
        let alone =
            bounded(text[..start].chars().next_back()) && bounded(text[end..].chars().next());
        // A value, placeholder or quotation: `"admin"`, `{value}`, `[file]`, `token = value`.
        let quoted = |c: Option<char>| {
            c.is_some_and(|c| {
                matches!(
                    c,
                    '"' | '\'' | '{' | '}' | '[' | ']' | '<' | '>' | '=' | '“' | '”' | '「' | '」'
                )
            })
        };
        let literal = quoted(text[..start].trim_end().chars().next_back())
            || quoted(text[end..].trim_start().chars().next());
        if glossed || literal || !alone || run.split(' ').count() > 2 {
            continue;
        }
        let mut at = start;
        for word in run.split(' ') {
            let plain = word.len() >= 4 && word.bytes().all(|b| b.is_ascii_lowercase());
            if plain && !FUNCTION_WORDS.contains(&word) {
                found.push((at, word));
            }
            at += word.len() + 1;
        }
    }
    // Only in CJK prose, and only words the source has, outside marked text.
    if found.is_empty() || !text.chars().any(is_cjk_char) {
        return;
    }
    let in_source = ascii_words(&source.text).collect::<HashSet<String>>();
    let marked: Vec<Range<usize>> = target
        .inline
        .spans
        .iter()
        .filter_map(|s| {
            let open = token_start(&target.inline.tokens[s.open])?;
            let close = token_start(&target.inline.tokens[s.close])?;
            Some(open..close.max(open))
        })
        .collect();
    for (offset, word) in found {
        if !in_source.contains(word) {
            continue;
        }
        let raw = target.raw_range(offset..offset + word.len());
        if !marked.iter().any(|m| m.contains(&raw.start)) {
            out.push((segment, raw, word.to_string()));
        }
    }
}

fn token_start(t: &Token) -> Option<usize> {
    match t {
        Token::Delim(d) => Some(d.range.start),
        Token::Hidden(r) | Token::Bracket { range: r, .. } => Some(r.start),
        _ => None,
    }
}

/// `untranslated-word` over the candidates the first stage found.
fn word_findings(
    store: &Store,
    sets: &Sets,
    facts: &[DocFacts],
    seen: &Seen,
    runs_on: impl Fn(&Document) -> bool,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for (d, (doc, f)) in store.docs.iter().zip(facts).enumerate() {
        if !runs_on(doc) {
            continue;
        }
        for (segment, range, word) in &f.english {
            let (n, k) = seen
                .get(&(sets.of_doc(d), word.as_str()))
                .copied()
                .unwrap_or_default();
            if n < MIN_SEEN || k as f64 > WORD_KEPT_SHARE * n as f64 {
                continue;
            }
            let message = format!(
                "English word `{word}` left in the translation; this set translates it in {:.0}% of {n} segments",
                100.0 * (n - k) as f64 / n as f64
            );
            match out
                .last_mut()
                .filter(|l| l.doc == d && l.segment == *segment)
            {
                Some(last) => last.message.push_str(&format!("; `{word}` too")),
                None => out.push(Finding::new(
                    d,
                    *segment,
                    &UNTRANSLATED_WORD,
                    message,
                    Some(Spot {
                        side: Side::Target,
                        range: range.clone(),
                    }),
                )),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one_finding, store_of};
    use super::super::{Options, run};
    use crate::store::Block;

    #[test]
    fn an_english_word_the_set_translates_elsewhere() {
        let mut pairs = vec![
            (
                "The Batch service runs the task.",
                "Batch サービスがタスクを実行します。"
            );
            40
        ];
        // azure-docs-sdk-dotnet-api.ja-jp: `service` left in English.
        pairs.push((
            "The task was requeued by the Batch service.",
            "Batch service によってタスクが再登録されました。",
        ));
        // Glossed, marked or part of a longer English phrase: left alone.
        pairs.push(("Select the service.", "[service] (サービス) を選択します。"));
        pairs.push(("Select the service.", "**service** を選択します。"));
        pairs.push((
            "Open the service console now.",
            "the service console を開きます。",
        ));
        let store = store_of("ja-jp", &pairs);
        let (found, text) = one_finding(&store, "untranslated-word");
        assert_eq!(found.segment, 40);
        assert_eq!(
            found.message,
            "English word `service` left in the translation; this set translates it in 91% of 44 segments"
        );
        assert_eq!(text, "service");
    }

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
        let seg = &mut store.docs[0].segments[25];
        *seg = seg.with_target("Charge end date");
        assert!(run(&store, &options).is_empty());
    }
}
