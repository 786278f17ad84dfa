//! Automatic checks: where machine translation most likely broke.
//!
//! Every check has a stable kebab-case name, a severity and the MQM category a
//! finding becomes when the reviewer turns it into a mark. Checks read the raw
//! segment texts (`parse` finds the markup in them) and favour precision over
//! recall: a reviewer stops reading a list that cries wolf.
//!
//! `run` works in two stages (see `engine`): every segment on its own,
//! documents in parallel; then the checks that compare a segment with the
//! rest of its set or locale (`length-ratio`, `inconsistent-target`) over the
//! facts the first stage gathered.

mod chinese;
mod code;
mod consistency;
mod coordination;
mod displaced;
mod engine;
mod english;
mod glossary;
mod hebrew;
mod identifiers;
mod korean;
mod lang;
mod length;
mod links;
mod markup;
mod maths;
mod numbers;
mod presence;
mod punctuation;
mod sets;
mod spacing;
mod turkish;
mod view;
mod words;

use std::collections::VecDeque;
use std::fmt;
use std::hash::Hash;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::mqm::Severity;
pub use crate::mqm::Side;
use crate::store::Store;

pub use engine::{Checked, DocInfo, Engine, Files, SegmentTexts, SetStage, Texts};
pub use glossary::{Glossary, GlossaryError};
use lang::Lang;
use view::Parsed;

/// One automatic check: what the registry lists and `--list` prints.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case name, as `--only`, `--skip` and the JSON output use it.
    pub name: &'static str,
    pub severity: Severity,
    /// MQM category code (see `crate::mqm`) a finding becomes as a mark.
    pub category: &'static str,
    /// One line for `sxs check --list` and the help screen.
    pub description: &'static str,
    /// Whether it runs when no `--only` names it.
    pub default: Default,
    run: Run,
}

/// Whether a check runs unless asked otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    On,
    /// Too often wrong, or house style somewhere: runs only when named.
    Off,
    /// Off for locales whose style guide asks for what the check reports
    /// (language or locale prefixes such as `ja`, `zh-tw`).
    OffFor(&'static [&'static str]),
    /// On when its input is given: `glossary` with `--glossary FILE`.
    WithGlossary,
}

impl Default {
    /// Whether the check runs by default on documents of this locale.
    pub fn on_for(self, locale: &str) -> bool {
        match self {
            Default::On | Default::WithGlossary => true,
            Default::Off => false,
            Default::OffFor(prefixes) => !prefixes.iter().any(|p| {
                locale == *p
                    || locale
                        .strip_prefix(p)
                        .is_some_and(|rest| rest.starts_with('-'))
            }),
        }
    }
}

impl fmt::Display for Default {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Default::On => f.write_str("on"),
            Default::Off => f.write_str("off"),
            Default::WithGlossary => f.write_str("on with --glossary"),
            Default::OffFor(prefixes) => write!(f, "off for {}", prefixes.join(", ")),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Run {
    /// Looks at one segment whose source and target are both present.
    Pair(fn(&Pair, &mut Report)),
    /// Run by the engine itself: it needs the raw segment or the whole locale.
    Engine,
}

/// Every check, in the order findings for one segment are listed.
pub static CHECKS: &[Check] = &[
    presence::MISSING_SOURCE,
    presence::EMPTY_TARGET,
    presence::UNTRANSLATED,
    links::LINK_MISMATCH,
    links::EMPTY_LINK_TEXT,
    markup::MARKUP_MISMATCH,
    markup::LEAKED_TAG,
    markup::BRACKETED_UI_TERM,
    displaced::MARKUP_DISPLACED,
    code::CODE_MISMATCH,
    identifiers::IDENTIFIER_CHANGED,
    displaced::CODE_DISPLACED,
    coordination::COORDINATION_SPLIT,
    numbers::NUMBER_MISMATCH,
    maths::MATHS_BROKEN,
    glossary::GLOSSARY,
    length::LENGTH_RATIO,
    consistency::INCONSISTENT_TARGET,
    consistency::INCONSISTENT_LINK_TEXT,
    words::DOUBLED_WORD,
    korean::KOREAN_SPACING,
    chinese::SIMPLIFIED_CHAR,
    turkish::TURKISH_SUFFIX_SPLIT,
    hebrew::HEBREW_PREFIX_SPLIT,
    punctuation::END_PUNCTUATION,
    spacing::PUNCTUATION_SPACING,
    spacing::CJK_LATIN_SPACING,
    english::UNTRANSLATED_WORD,
    english::UNTRANSLATED_CELL,
];

/// The check with this name.
pub fn check(name: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.name == name)
}

fn order(name: &str) -> usize {
    CHECKS
        .iter()
        .position(|c| c.name == name)
        .unwrap_or(usize::MAX)
}

/// Something a check found in one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index into `Store::docs`.
    pub doc: usize,
    /// Index into that document's `segments`.
    pub segment: usize,
    pub check: &'static str,
    pub severity: Severity,
    /// MQM category code for a mark made from this finding.
    pub category: &'static str,
    /// What differs, e.g. "link ../a.md became ../b.md".
    pub message: String,
    /// The bytes the finding is about, where it has such places: one for
    /// each word, run or pair its message names, in the order it names them.
    pub spots: Vec<Spot>,
}

/// A byte range of the raw text of one side of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub side: Side,
    pub range: Range<usize>,
}

/// The distinct `items` a message quotes, in order: the first five, then
/// how many more (`` `a`, `b`, `c`, `d`, `e` and 3 more ``). Linear in the
/// items: a segment may hold a hundred thousand.
pub(crate) fn quote_distinct(items: impl IntoIterator<Item = String>) -> String {
    const SHOWN: usize = 5;
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut first: Vec<String> = Vec::new();
    for item in items {
        if first.len() < SHOWN && !seen.contains(&item) {
            first.push(item.clone());
        }
        seen.insert(item);
    }
    match seen.len() {
        n if n > SHOWN => format!("{} and {} more", first.join(", "), n - SHOWN),
        _ => first.join(", "),
    }
}

/// Items with the key they are compared by.
pub(crate) type Keyed<K, T> = Vec<(K, T)>;

/// Pairs each target item with the first source item of the same key not
/// paired yet, and returns what is left on each side, in order: (missing
/// from the target, added in it). Through a map: a segment may hold
/// thousands of links or code spans, and a search per item was quadratic.
pub(crate) fn unpaired<K: Hash + Eq + Clone, T>(
    source: Keyed<K, T>,
    target: impl IntoIterator<Item = (K, T)>,
) -> (Keyed<K, T>, Keyed<K, T>) {
    let mut untaken: FxHashMap<K, VecDeque<usize>> = FxHashMap::default();
    for (i, (key, _)) in source.iter().enumerate() {
        untaken.entry(key.clone()).or_default().push_back(i);
    }
    let mut taken = vec![false; source.len()];
    let mut added = Vec::new();
    for (key, item) in target {
        match untaken.get_mut(&key).and_then(VecDeque::pop_front) {
            Some(i) => taken[i] = true,
            None => added.push((key, item)),
        }
    }
    let missing = source
        .into_iter()
        .zip(taken)
        .filter(|(_, taken)| !taken)
        .map(|(item, _)| item)
        .collect();
    (missing, added)
}

/// The places one finding names at most: a segment of a megabyte of
/// Simplified characters has a hundred thousand, and a reviewer marks an
/// error at each place with one key.
pub const MAX_SPOTS: usize = 20;

/// What a pair check reports about one segment: messages, joined into one
/// finding, and the places they name.
#[derive(Debug, Default)]
pub(crate) struct Report {
    messages: Vec<String>,
    spots: Vec<Spot>,
}

impl Report {
    pub fn push(&mut self, message: String) {
        self.messages.push(message);
    }

    /// A message about `range` of one side's raw text.
    pub fn push_at(&mut self, side: Side, range: Range<usize>, message: String) {
        self.push_at_each(side, [range], message);
    }

    /// A message about several places of one side's raw text (the words
    /// it quotes); each becomes an error of its own when the finding is
    /// accepted. At most [`MAX_SPOTS`] are kept.
    pub fn push_at_each(
        &mut self,
        side: Side,
        ranges: impl IntoIterator<Item = Range<usize>>,
        message: String,
    ) {
        for range in ranges {
            if self.spots.len() == MAX_SPOTS {
                break;
            }
            let spot = Spot { side, range };
            if !self.spots.contains(&spot) {
                self.spots.push(spot);
            }
        }
        self.messages.push(message);
    }

    fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// The messages joined, the first ten of them: a segment of a
    /// thousand changed links is one finding, not a page of text.
    fn take(&mut self) -> (String, Vec<Spot>) {
        const SHOWN: usize = 10;
        let mut message = self.messages[..self.messages.len().min(SHOWN)].join("; ");
        if self.messages.len() > SHOWN {
            message.push_str(&format!("; and {} more", self.messages.len() - SHOWN));
        }
        self.messages.clear();
        (message, std::mem::take(&mut self.spots))
    }
}

/// Which checks run, and with what glossary.
#[derive(Debug)]
pub struct Options {
    /// Named with `--only`: these run, whatever their default.
    only: Vec<&'static str>,
    skipped: Vec<&'static str>,
    glossary: Option<Glossary>,
}

impl std::default::Default for Options {
    /// Every check in its default state.
    fn default() -> Options {
        Options {
            only: Vec::new(),
            skipped: Vec::new(),
            glossary: None,
        }
    }
}

/// What is wrong with the checks `--only` and `--skip` name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnknownCheck {
    /// A name no check has.
    Name(String),
    /// `--skip` names every check `--only` names.
    NoneLeft,
}

impl fmt::Display for UnknownCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnknownCheck::Name(name) => {
                let names: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
                write!(
                    f,
                    "no check is named {name:?}; the checks are: {}",
                    names.join(", ")
                )
            }
            UnknownCheck::NoneLeft => write!(
                f,
                "--skip names every check --only names, so no check would run; drop one of them"
            ),
        }
    }
}

impl std::error::Error for UnknownCheck {}

impl Options {
    /// Runs the `only` checks (when empty: every check in its default
    /// state) minus the `skip` ones. A check named in `only` runs on every
    /// locale, even where it is off by default.
    pub fn select(only: &[String], skip: &[String]) -> Result<Options, UnknownCheck> {
        let known = |name: &String| {
            check(name)
                .map(|c| c.name)
                .ok_or_else(|| UnknownCheck::Name(name.clone()))
        };
        let options = Options {
            only: only.iter().map(known).collect::<Result<_, _>>()?,
            skipped: skip.iter().map(known).collect::<Result<_, _>>()?,
            glossary: None,
        };
        // A run of no check passes every gate: say so rather than pass.
        if !options.only.is_empty() && options.only.iter().all(|n| options.skipped.contains(n)) {
            return Err(UnknownCheck::NoneLeft);
        }
        Ok(options)
    }

    /// Whether the check runs on documents of this locale.
    pub fn runs_on(&self, name: &str, locale: &str) -> bool {
        let Some(check) = check(name) else {
            return false;
        };
        let chosen = match self.only.is_empty() {
            true => check.default.on_for(locale),
            false => self.only.contains(&check.name),
        };
        chosen && self.runs(name)
    }

    pub fn with_glossary(self, glossary: Glossary) -> Options {
        Options {
            glossary: Some(glossary),
            ..self
        }
    }

    /// Whether any check may run: a run of none finds nothing and passes
    /// every gate.
    pub fn runs_any(&self) -> bool {
        CHECKS.iter().any(|c| self.runs(c.name))
    }

    /// Whether the check may run on some locale.
    fn runs(&self, name: &str) -> bool {
        let chosen = match self.only.is_empty() {
            true => check(name).is_some_and(|c| c.default != Default::Off),
            false => self.only.contains(&name),
        };
        chosen
            && !self.skipped.contains(&name)
            && (name != glossary::GLOSSARY.name || self.glossary.is_some())
    }
}

/// What a pair check sees: both sides parsed, the target language, and the
/// glossary terms for the locale.
pub(crate) struct Pair<'a> {
    pub source: &'a Parsed<'a>,
    pub target: &'a Parsed<'a>,
    pub lang: Lang,
    /// The lower-case locale tag, for what `lang` does not say (the script).
    pub locale: &'a str,
    pub terms: &'a [glossary::Term],
}

/// Runs the selected checks over every segment of the store. Findings come
/// sorted by document, segment and the order of `CHECKS`.
pub fn run(store: &Store, options: &Options) -> Vec<Finding> {
    let engine = Engine::new(options);
    let mut stage = SetStage::new(options);
    // A few dozen documents at a time on all cores, each pushed (its facts
    // merged) before the next are checked: the facts of every document at
    // once were most of what the review screen's checks held at their peak.
    for docs in store.docs.chunks(64) {
        let checked: Vec<Checked> = docs.par_iter().map(|doc| engine.document(doc)).collect();
        for doc in checked {
            stage.push(doc);
        }
    }
    stage.finish(store).0
}

impl Finding {
    pub(crate) fn new(
        doc: usize,
        segment: usize,
        check: &Check,
        message: String,
        spots: Vec<Spot>,
    ) -> Finding {
        Finding {
            doc,
            segment,
            check: check.name,
            severity: check.severity,
            category: check.category,
            message,
            spots,
        }
    }

    /// One more place the message names, up to [`MAX_SPOTS`].
    pub(crate) fn add_spot(&mut self, spot: Spot) {
        if self.spots.len() < MAX_SPOTS {
            self.spots.push(spot);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::mqm;
    use crate::store::{Block, Document, FrontMatter, Segment};

    /// A store with one document of the given locale, one segment per pair.
    pub fn store_of(locale: &str, pairs: &[(&str, &str)]) -> Store {
        let segments = pairs
            .iter()
            .enumerate()
            .map(|(i, (source, target))| {
                Segment::new(
                    &format!("abcde-{}", 101 + i),
                    Some(source),
                    target,
                    Block::Paragraph,
                    i as u32,
                    i as u32 + 1,
                )
            })
            .collect();
        Store {
            docs: vec![Document {
                path: "test.md".into(),
                locale: locale.into(),
                front: FrontMatter::default(),
                article: "path:test.md".into(),
                segments,
                warnings: Vec::new(),
                context: Vec::new(),
                ratings: Vec::new(),
            }],
            warnings: Vec::new(),
        }
    }

    /// The one finding of check `name` over `store`, with the text of its span.
    pub fn one_finding(store: &Store, name: &str) -> (Finding, String) {
        let options = Options::select(&[name.to_string()], &[]).unwrap();
        let found = run(store, &options);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = found.into_iter().next().expect("one finding");
        let seg = &store.docs[f.doc].segments[f.segment];
        let spot = f.spots.first().cloned().expect("a finding with a place");
        let side = match spot.side {
            Side::Source => seg.source().unwrap_or(""),
            Side::Target => seg.target(),
        };
        let text = side[spot.range].to_string();
        (f, text)
    }

    /// What the checks of single segments say about one pair, as "check: message".
    pub fn pair_findings(locale: &str, source: &str, target: &str) -> Vec<String> {
        let corpus_wide = [
            "length-ratio".to_string(),
            "inconsistent-target".to_string(),
        ];
        let options = Options::select(&[], &corpus_wide).unwrap();
        run(&store_of(locale, &[(source, target)]), &options)
            .into_iter()
            .map(|f| format!("{}: {}", f.check, f.message))
            .collect()
    }

    #[test]
    fn names_are_unique_kebab_case_with_known_categories() {
        let mut names: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), CHECKS.len());
        for c in CHECKS {
            assert!(
                c.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                c.name
            );
            assert!(
                mqm::category(c.category).is_some(),
                "{}: {}",
                c.name,
                c.category
            );
        }
        for required in [
            "untranslated",
            "empty-target",
            "missing-source",
            "link-mismatch",
            "markup-mismatch",
            "code-mismatch",
            "number-mismatch",
            "length-ratio",
            "doubled-word",
            "inconsistent-target",
        ] {
            assert!(check(required).is_some(), "{required}");
        }
    }

    #[test]
    fn only_and_skip_select_checks_and_reject_unknown_names() {
        let only = Options::select(&["code-mismatch".into()], &[]).unwrap();
        assert!(only.runs("code-mismatch") && !only.runs("untranslated"));
        let skip = Options::select(&[], &["code-mismatch".into()]).unwrap();
        assert!(!skip.runs("code-mismatch") && skip.runs("untranslated"));
        let err = Options::select(&["code".into()], &[]).unwrap_err();
        assert!(err.to_string().contains("code-mismatch"), "{err}");
        assert!(!Options::default().runs("glossary"));
    }

    #[test]
    fn two_runs_list_the_same_findings_in_the_same_order() {
        // Two inconsistent link texts in one segment come out of hash maps.
        let usual = "[索引](a.md) 與 [目錄](b.md)";
        let source = "The [index](a.md) and the [catalog](b.md).";
        let mut pairs = vec![(source, usual); 4];
        pairs.push((source, "[所引](a.md) 與 [木錄](b.md)"));
        let store = store_of("zh-tw", &pairs);
        let first = run(&store, &Options::default());
        let links = |f: &&Finding| f.check == "inconsistent-link-text";
        assert_eq!(first.iter().filter(links).count(), 2, "{first:?}");
        for _ in 0..8 {
            assert_eq!(run(&store, &Options::default()), first);
        }
    }

    #[test]
    fn the_bundled_samples_are_checked_in_segment_order() {
        let store = Store::samples();
        let findings = run(&store, &Options::default());
        let keys: Vec<(usize, usize)> = findings.iter().map(|f| (f.doc, f.segment)).collect();
        assert!(keys.is_sorted());
        // The Turkish sample splits `'nde` from its noun, the Korean one splits words.
        assert!(findings.iter().any(|f| f.check == "turkish-suffix-split"));
        assert!(findings.iter().any(|f| f.check == "korean-spacing"));
    }
}
