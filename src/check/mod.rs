//! Automatic checks: where machine translation most likely broke.
//!
//! Every check has a stable kebab-case name, a severity and the MQM category a
//! finding becomes when the reviewer turns it into a mark. Checks read the raw
//! segment texts (`parse` finds the markup in them) and favour precision over
//! recall: a reviewer stops reading a list that cries wolf.
//!
//! `run` works in two stages: every segment on its own, documents in parallel;
//! then the checks that compare a segment with the rest of its locale
//! (`length-ratio`, `inconsistent-target`) over what the first stage gathered.

mod code;
mod consistency;
mod glossary;
mod korean;
mod lang;
mod length;
mod links;
mod markup;
mod numbers;
mod parse;
mod presence;
mod punctuation;
mod turkish;
mod words;

use std::fmt;

use rayon::prelude::*;

use crate::mqm::Severity;
use crate::store::Store;

pub use glossary::{Glossary, GlossaryError};
use lang::Lang;
use parse::Parsed;

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
    run: Run,
}

#[derive(Debug, Clone, Copy)]
enum Run {
    /// Looks at one segment whose source and target are both present.
    Pair(fn(&Pair, &mut Vec<String>)),
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
    code::CODE_MISMATCH,
    numbers::NUMBER_MISMATCH,
    glossary::GLOSSARY,
    length::LENGTH_RATIO,
    consistency::INCONSISTENT_TARGET,
    words::DOUBLED_WORD,
    korean::KOREAN_SPACING,
    turkish::TURKISH_SUFFIX_SPLIT,
    punctuation::END_PUNCTUATION,
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
}

/// Which checks run, and with what glossary.
#[derive(Debug, Default)]
pub struct Options {
    skipped: Vec<&'static str>,
    glossary: Option<Glossary>,
}

/// A name given to `--only` or `--skip` that no check has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCheck(pub String);

impl fmt::Display for UnknownCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
        write!(
            f,
            "no check is named {:?}; the checks are: {}",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownCheck {}

impl Options {
    /// Runs the `only` checks (all when empty) minus the `skip` ones.
    pub fn select(only: &[String], skip: &[String]) -> Result<Options, UnknownCheck> {
        for name in only.iter().chain(skip) {
            check(name).ok_or_else(|| UnknownCheck(name.clone()))?;
        }
        let skipped = CHECKS
            .iter()
            .map(|c| c.name)
            .filter(|name| {
                (!only.is_empty() && !only.iter().any(|o| o == name))
                    || skip.iter().any(|s| s == name)
            })
            .collect();
        Ok(Options {
            skipped,
            glossary: None,
        })
    }

    pub fn with_glossary(self, glossary: Glossary) -> Options {
        Options {
            glossary: Some(glossary),
            ..self
        }
    }

    fn runs(&self, name: &str) -> bool {
        !self.skipped.contains(&name)
            && (name != glossary::GLOSSARY.name || self.glossary.is_some())
    }
}

/// What a pair check sees: both sides parsed, the target language, and the
/// glossary terms for the locale.
pub(crate) struct Pair<'a> {
    pub source: &'a Parsed<'a>,
    pub target: &'a Parsed<'a>,
    pub lang: Lang,
    pub terms: &'a [glossary::Term],
}

/// Runs the selected checks over every segment of the store. Findings come
/// sorted by document, segment and the order of `CHECKS`.
pub fn run(store: &Store, options: &Options) -> Vec<Finding> {
    let pair_checks: Vec<&Check> = CHECKS
        .iter()
        .filter(|c| matches!(c.run, Run::Pair(_)) && options.runs(c.name))
        .collect();
    let measure_lengths = options.runs(length::LENGTH_RATIO.name);
    let per_doc: Vec<(Vec<Finding>, Vec<Option<length::Lengths>>)> = store
        .docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let lang = Lang::of(&doc.locale);
            let terms = options
                .glossary
                .as_ref()
                .map(|g| g.terms_for(&doc.locale))
                .unwrap_or_default();
            let mut findings = Vec::new();
            let mut lengths = Vec::with_capacity(doc.segments.len());
            let mut messages = Vec::new();
            for (s, seg) in doc.segments.iter().enumerate() {
                let mut emit = |check: &Check, message: String| {
                    findings.push(Finding {
                        doc: d,
                        segment: s,
                        check: check.name,
                        severity: check.severity,
                        category: check.category,
                        message,
                    })
                };
                let outcome = presence::classify(seg);
                if let Some((check, message)) = outcome.finding()
                    && options.runs(check.name)
                {
                    emit(check, message);
                }
                let presence::Outcome::Both(source, target) = outcome else {
                    lengths.push(None);
                    continue;
                };
                let source = Parsed::new(source);
                let target = Parsed::new(target);
                let pair = Pair {
                    source: &source,
                    target: &target,
                    lang,
                    terms: &terms,
                };
                for check in &pair_checks {
                    let Run::Pair(f) = check.run else { continue };
                    f(&pair, &mut messages);
                    if !messages.is_empty() {
                        emit(check, messages.join("; "));
                        messages.clear();
                    }
                }
                lengths.push(
                    measure_lengths
                        .then(|| length::Lengths::of(&source, &target))
                        .flatten(),
                );
            }
            (findings, lengths)
        })
        .collect();

    let (mut findings, lengths): (Vec<Vec<Finding>>, Vec<Vec<Option<length::Lengths>>>) =
        per_doc.into_iter().unzip();
    if measure_lengths {
        findings.push(length::findings(store, &lengths));
    }
    if options.runs(consistency::INCONSISTENT_TARGET.name) {
        findings.push(consistency::findings(store));
    }
    let mut all: Vec<Finding> = findings.into_iter().flatten().collect();
    all.sort_by_key(|f| (f.doc, f.segment, order(f.check)));
    all
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
            .map(|(i, (source, target))| Segment {
                id: format!("abcde-{}", 101 + i),
                block: Block::Paragraph,
                group: i as u32,
                line: i as u32 + 1,
                source: Some(source.to_string()),
                target: target.to_string(),
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
