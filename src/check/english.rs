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

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::engine::{DocFacts, DocInfo};
use super::lang::{is_cjk_char, next_alphanumeric, packed};
use super::sets::{self, Sets};
use super::view::Parsed;
use super::{Check, Default, Finding, Run, Side, Spot};
use crate::mqm::Severity;
use crate::store::{Block, Document, Segment};
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

/// A table cell in English beside a translated cell of its row: a
/// candidate for `untranslated-cell`.
pub struct Cell {
    segment: usize,
    /// Its words, lower-cased.
    words: Vec<String>,
    /// The raw range of its target without the white space around it.
    spot: Range<usize>,
}

/// The cells of one document in English beside a translated cell of their row.
pub fn cell_candidates(doc: &Document) -> Vec<Cell> {
    let translated_rows: FxHashSet<u32> = doc
        .segments
        .iter()
        .filter(|o| o.block == Block::TableCell && translated(o))
        .map(|o| o.line)
        .collect();
    let mut candidates = Vec::new();
    for (s, seg) in doc.segments.iter().enumerate() {
        if seg.block != Block::TableCell || !translated_rows.contains(&seg.line) {
            continue;
        }
        let Some(words) = plain_words(seg) else {
            continue;
        };
        let lead = seg.target().len() - seg.target().trim_start().len();
        candidates.push(Cell {
            segment: s,
            words,
            spot: lead..seg.target().trim_end().len(),
        });
    }
    candidates
}

/// Per lower-cased English word of a document's sources: how many segments
/// have it in the source, and of those, how many keep it in the target. The
/// words, one after the other, and per word its end, and the two counts.
#[derive(Debug, Default)]
pub struct DocWords {
    words: String,
    counts: Vec<(u32, u32, u32)>,
}

/// The longest word counted: no English word the checks ask about is longer.
const LONGEST_WORD: usize = 32;

/// What [`count_words`] keeps per word while it reads a document.
#[derive(Default)]
struct Counted {
    /// Segments whose source has the word.
    segments: u32,
    /// Of those, segments whose target keeps it.
    kept: u32,
    /// The last segment (+ 1) whose source had it, and whose target kept it:
    /// each segment counts once, and the target only where the source had it.
    in_source: u32,
    in_target: u32,
}

impl Counted {
    /// Counts segment `marker` for a word of its source; whether it was new.
    fn in_source(&mut self, marker: u32) -> bool {
        let new = self.in_source != marker;
        if new {
            self.in_source = marker;
            self.segments += 1;
        }
        new
    }
}

/// The counts of [`DocWords`] for one document. Only words of letters are
/// counted: the words asked about are (see [`plain_words`] and
/// [`english_words`]). Each word of a source and a target is hashed once,
/// twice for the first time a document has it.
pub fn count_words(doc: &Document) -> DocWords {
    let mut counts = DocCounts::default();
    let mut buf = [0u8; LONGEST_WORD];
    for (s, seg) in doc.segments.iter().enumerate() {
        let Some(source) = seg.source() else {
            continue;
        };
        let marker = s as u32 + 1;
        let mut any = false;
        for (word, capitals) in letter_words(source) {
            any |= counts.entry(word, capitals, &mut buf).in_source(marker);
        }
        if !any {
            continue;
        }
        for (word, capitals) in letter_words(seg.target()) {
            if let Some(entry) = counts.get_mut(word, capitals, &mut buf)
                && entry.in_source == marker
                && entry.in_target != marker
            {
                entry.in_target = marker;
                entry.kept += 1;
            }
        }
    }
    counts.into_doc_words()
}

/// The runs of ASCII letters and digits of `text` (as
/// [`latin_words`](super::lang::latin_words) finds them) that are letters
/// only and no longer than [`LONGEST_WORD`], and whether each has capitals:
/// the words [`count_words`] counts, told in the pass that finds each run's
/// end.
fn letter_words(text: &str) -> impl Iterator<Item = (&[u8], bool)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            i = next_alphanumeric(bytes, i);
            if i >= bytes.len() {
                return None;
            }
            let start = i;
            let (mut letters, mut capitals) = (true, false);
            while let Some(&b) = bytes.get(i)
                && b.is_ascii_alphanumeric()
            {
                letters &= b.is_ascii_alphabetic();
                capitals |= b.is_ascii_uppercase();
                i += 1;
            }
            if letters && i - start <= LONGEST_WORD {
                return Some((&bytes[start..i], capitals));
            }
        }
    })
}

/// [`count_words`]'s counts while it reads a document, by lower-cased word.
/// Most English words have eight letters or fewer: those are packed into a
/// number, which hashes with one multiplication and compares as one, where a
/// word as bytes costs a hash over its bytes and a call to compare them.
#[derive(Default)]
struct DocCounts<'t> {
    short: FxHashMap<u64, Counted>,
    long: FxHashMap<Cow<'t, [u8]>, Counted>,
}

impl<'t> DocCounts<'t> {
    fn entry(
        &mut self,
        word: &'t [u8],
        capitals: bool,
        buf: &mut [u8; LONGEST_WORD],
    ) -> &mut Counted {
        if word.len() <= 8 {
            return self.short.entry(packed(word)).or_default();
        }
        let lower = lowered(word, capitals, buf);
        // Looked up first: a word met again is not copied again.
        if self.long.contains_key(lower) {
            return self.long.get_mut(lower).expect("just found");
        }
        let key = match capitals {
            false => Cow::Borrowed(word),
            true => Cow::Owned(lower.to_vec()),
        };
        self.long.entry(key).or_default()
    }

    fn get_mut(
        &mut self,
        word: &[u8],
        capitals: bool,
        buf: &mut [u8; LONGEST_WORD],
    ) -> Option<&mut Counted> {
        match word.len() {
            ..=8 => self.short.get_mut(&packed(word)),
            _ => self.long.get_mut(lowered(word, capitals, buf)),
        }
    }

    fn into_doc_words(self) -> DocWords {
        let mut out = DocWords {
            words: String::with_capacity(
                8 * self.short.len() + self.long.keys().map(|w| w.len()).sum::<usize>(),
            ),
            counts: Vec::with_capacity(self.short.len() + self.long.len()),
        };
        let mut push = |word: &[u8], c: Counted| {
            out.words
                .push_str(std::str::from_utf8(word).expect("ASCII letters"));
            out.counts
                .push((out.words.len() as u32, c.segments, c.kept));
        };
        for (number, c) in self.short {
            let bytes = number.to_le_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
            push(&bytes[..len], c);
        }
        for (word, c) in self.long {
            push(&word, c);
        }
        out
    }
}

/// `word` (letters, `capitals` if it has any) in lower case, in `buf` when
/// it has capitals.
fn lowered<'a>(word: &'a [u8], capitals: bool, buf: &'a mut [u8; LONGEST_WORD]) -> &'a [u8] {
    if !capitals {
        return word;
    }
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    lower
}

/// Per word, by its number: segments whose source has it, of those whose
/// target keeps it.
type WordCounts = FxHashMap<u32, (u32, u32)>;

/// The word counts of every (locale, folder) pushed so far: one set is
/// one or more of them. Each folder counts words by number and each word is
/// kept once: folders share most of their vocabulary (a copy of every word
/// per folder took 5.5 MB of the 50 MB peak of `check` over the shared
/// corpus).
#[derive(Default)]
pub struct FolderWords {
    numbers: FxHashMap<Box<str>, u32>,
    folders: FxHashMap<(String, String), WordCounts>,
}

impl FolderWords {
    pub fn add(&mut self, doc: &DocInfo, words: DocWords) {
        if words.counts.is_empty() {
            return;
        }
        let key = (doc.locale.clone(), sets::folder_of(&doc.path));
        let folder = self.folders.entry(key).or_default();
        let mut start = 0;
        for &(end, n, kept) in &words.counts {
            let word = &words.words[start..end as usize];
            start = end as usize;
            let number = match self.numbers.get(word) {
                Some(&number) => number,
                None => {
                    let number = self.numbers.len() as u32;
                    self.numbers.insert(word.into(), number);
                    number
                }
            };
            let entry = folder.entry(number).or_default();
            entry.0 += n;
            entry.1 += kept;
        }
    }

    /// The counts of the words each set asks about.
    fn seen<'w>(&self, docs: &[DocInfo], sets: &Sets, wanted: &[FxHashSet<&'w str>]) -> Seen<'w> {
        let mut set_of: FxHashMap<(&str, String), usize> = FxHashMap::default();
        for (d, doc) in docs.iter().enumerate() {
            set_of
                .entry((doc.locale.as_str(), sets::folder_of(&doc.path)))
                .or_insert_with(|| sets.of_doc(d));
        }
        // The words of each set that were counted anywhere, by number.
        let wanted: Vec<FxHashMap<u32, &'w str>> = wanted
            .iter()
            .map(|words| {
                (words.iter())
                    .filter_map(|&word| Some((*self.numbers.get(word)?, word)))
                    .collect()
            })
            .collect();
        let mut seen = Seen::default();
        for ((locale, folder), counts) in &self.folders {
            let Some(&set) = set_of.get(&(locale.as_str(), folder.clone())) else {
                continue;
            };
            let mut add = |word: &'w str, (n, kept): (u32, u32)| {
                let entry = seen.entry((set, word)).or_default();
                entry.0 += n as usize;
                entry.1 += kept as usize;
            };
            // Whichever is smaller is walked, the other asked.
            if counts.len() < wanted[set].len() {
                for (number, &count) in counts {
                    if let Some(&word) = wanted[set].get(number) {
                        add(word, count);
                    }
                }
            } else {
                for (number, &word) in &wanted[set] {
                    if let Some(&count) = counts.get(number) {
                        add(word, count);
                    }
                }
            }
        }
        seen
    }
}

/// Both checks of this file, sharing one count of the words they ask about.
pub fn findings(
    docs: &[DocInfo],
    sets: &Sets,
    facts: &[DocFacts],
    words: &FolderWords,
) -> Vec<Finding> {
    let mut wanted: Vec<FxHashSet<&str>> = vec![FxHashSet::default(); sets.count()];
    for (d, f) in facts.iter().enumerate() {
        let set = sets.of_doc(d);
        for cell in &f.cells {
            wanted[set].extend(cell.words.iter().map(String::as_str));
        }
        wanted[set].extend(f.english.iter().map(|(_, _, w)| w.as_str()));
    }
    if wanted.iter().all(FxHashSet::is_empty) {
        return Vec::new();
    }
    let seen = words.seen(docs, sets, &wanted);
    let mut out = cell_findings(sets, facts, &seen);
    out.extend(word_findings(sets, facts, &seen));
    out
}

/// (set, word) → (segments whose source has it, of those whose target keeps it).
type Seen<'w> = FxHashMap<(usize, &'w str), (usize, usize)>;

/// `untranslated-cell`.
fn cell_findings(sets: &Sets, facts: &[DocFacts], seen: &Seen) -> Vec<Finding> {
    let mut out = Vec::new();
    for (d, f) in facts.iter().enumerate() {
        let set = sets.of_doc(d);
        for cell in &f.cells {
            let (mut n, mut k) = (0, 0);
            for word in &cell.words {
                let (wn, wk) = seen.get(&(set, word.as_str())).copied().unwrap_or_default();
                n += wn;
                k += wk;
            }
            if n < MIN_SEEN || k as f64 > KEPT_SHARE * n as f64 {
                continue;
            }
            out.push(Finding::new(
                d,
                cell.segment,
                &UNTRANSLATED_CELL,
                format!(
                    "cell left in English beside translated cells of its row; this set translates these words in {:.0}% of {n} segments",
                    100.0 * (n - k) as f64 / n as f64
                ),
                vec![Spot {
                    side: Side::Target,
                    range: cell.spot.clone(),
                }],
            ));
        }
    }
    out
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
fn word_findings(sets: &Sets, facts: &[DocFacts], seen: &Seen) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for (d, f) in facts.iter().enumerate() {
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
            let spot = Spot {
                side: Side::Target,
                range: range.clone(),
            };
            match out
                .last_mut()
                .filter(|l| l.doc == d && l.segment == *segment)
            {
                Some(last) => {
                    last.message.push_str(&format!("; `{word}` too"));
                    last.add_spot(spot);
                }
                None => out.push(Finding::new(
                    d,
                    *segment,
                    &UNTRANSLATED_WORD,
                    message,
                    vec![spot],
                )),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::tests::{one_finding, store_of};
    use super::super::{Options, run};
    use super::count_words;
    use crate::store::Block;

    /// Short words (packed into numbers) and long ones (kept as bytes) are
    /// counted alike: case folded, once per segment, kept only where the
    /// source has them, words with digits left out.
    #[test]
    fn words_are_counted_per_segment_whatever_their_length_and_case() {
        let store = store_of(
            "ja-jp",
            &[
                (
                    "Deploy the Subscription now, deploy",
                    "Subscription をデプロイ",
                ),
                ("deploy SUBSCRIPTION", "deploy します"),
                ("x2 abc Abcdefghij", "abc"),
            ],
        );
        let words = count_words(&store.docs[0]);
        let mut start = 0;
        let counted: BTreeMap<&str, (u32, u32)> = words
            .counts
            .iter()
            .map(|&(end, segments, kept)| {
                let word = &words.words[start..end as usize];
                start = end as usize;
                (word, (segments, kept))
            })
            .collect();
        let expected = BTreeMap::from([
            ("abc", (1, 1)),
            ("abcdefghij", (1, 0)),
            ("deploy", (2, 1)),
            ("now", (1, 0)),
            ("subscription", (2, 1)),
            ("the", (1, 0)),
        ]);
        assert_eq!(counted, expected);
    }

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
