//! The check engine, in two stages, so that a document can be dropped as soon
//! as it is checked and the checks of a whole corpus fit in less memory than
//! its files:
//!
//! 1. [`Engine::document`]: the checks of single segments over one document
//!    (documents on all cores), and the compact facts about it that the set
//!    checks need: lengths, Latin–CJK joints, link texts, English words and
//!    how often sources and targets hold them, hashes of sources and targets.
//!    No text of the document is kept.
//! 2. [`SetStage::finish`]: the checks that compare a segment with the rest of
//!    its set or locale, over those facts. The few texts a set finding needs
//!    (the usual translation it quotes, a target that may keep English by
//!    design) are asked of [`Texts`] at the end: the store when it is loaded,
//!    the files again when they were streamed.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::english::{Cell, DocWords, FolderWords};
use super::lang::Lang;
use super::view::Parsed;
use super::{
    CHECKS, Check, Finding, Options, Pair, Report, Run, consistency, english, length, presence,
    sets, spacing,
};
pub use crate::store::SegmentTexts;
use crate::store::{Document, Store, texts_again, wmt};

/// What the set stage and the output keep of a document: its name, locale,
/// and the id and line of each segment.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    pub path: String,
    pub locale: String,
    /// The length of the part of `path` that names the file it was read from.
    file_end: u32,
    /// Every segment id, one after the other.
    ids: String,
    id_ends: Vec<u32>,
    lines: Vec<u32>,
}

impl DocInfo {
    fn of(doc: &Document) -> DocInfo {
        let mut ids = String::with_capacity(doc.segments.iter().map(|s| s.id().len()).sum());
        let mut id_ends = Vec::with_capacity(doc.segments.len());
        for seg in &doc.segments {
            ids.push_str(seg.id());
            id_ends.push(ids.len() as u32);
        }
        DocInfo {
            path: doc.path.clone(),
            locale: doc.locale.clone(),
            file_end: wmt::file_name(doc).len() as u32,
            ids,
            id_ends,
            lines: doc.segments.iter().map(|s| s.line).collect(),
        }
    }

    /// A document of no segments, for tests of what depends on names.
    #[cfg(test)]
    pub fn named(path: &str, locale: &str) -> DocInfo {
        DocInfo {
            path: path.to_string(),
            locale: locale.to_string(),
            ..DocInfo::default()
        }
    }

    /// The `data-ttu-id` of segment `s`.
    pub fn id(&self, s: usize) -> &str {
        let start = s.checked_sub(1).map_or(0, |p| self.id_ends[p] as usize);
        &self.ids[start..self.id_ends[s] as usize]
    }

    /// The file the document was read from.
    pub fn file(&self) -> &str {
        &self.path[..self.file_end as usize]
    }

    /// The 1-based line of segment `s` in its file.
    pub fn line(&self, s: usize) -> u32 {
        self.lines[s]
    }

    pub fn segment_count(&self) -> usize {
        self.lines.len()
    }
}

/// What the first stage learns about one document for the checks that
/// compare a segment with the rest of its set or locale.
#[derive(Default)]
pub(crate) struct DocFacts {
    pub lengths: Vec<Option<length::Lengths>>,
    pub spacing: spacing::Boundaries,
    pub link_texts: Vec<consistency::LinkText>,
    /// Candidates for `untranslated-word`: segment, raw range, word.
    pub english: Vec<(usize, Range<usize>, String)>,
    /// Candidates for `untranslated-cell`.
    pub cells: Vec<Cell>,
    /// Sources of `inconsistent-target`, with their translations.
    pub translations: Vec<consistency::Translation>,
    /// Per source word: segments that have it, and of those, whose target
    /// keeps it. Merged into its folder's counts when the document is pushed.
    words: DocWords,
}

/// One document after the first stage.
pub struct Checked {
    info: DocInfo,
    /// Findings of single segments, `doc` not yet set.
    findings: Vec<Finding>,
    facts: DocFacts,
}

impl Checked {
    pub fn info(&self) -> &DocInfo {
        &self.info
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
}

/// The first stage, for one set of options.
pub struct Engine<'o> {
    options: &'o Options,
    lengths: bool,
    spacing: bool,
    english: bool,
    cells: bool,
    links: bool,
    translations: bool,
}

impl<'o> Engine<'o> {
    pub fn new(options: &'o Options) -> Engine<'o> {
        Engine {
            options,
            lengths: options.runs(length::LENGTH_RATIO.name),
            spacing: options.runs(spacing::CJK_LATIN_SPACING.name),
            english: options.runs(english::UNTRANSLATED_WORD.name),
            cells: options.runs(english::UNTRANSLATED_CELL.name),
            links: options.runs(consistency::INCONSISTENT_LINK_TEXT.name),
            translations: options.runs(consistency::INCONSISTENT_TARGET.name),
        }
    }

    /// The checks of single segments over `doc`, and its facts.
    pub fn document(&self, doc: &Document) -> Checked {
        let options = self.options;
        let locale = doc.locale.as_str();
        let lang = Lang::of(locale);
        let runs_on = |check: &Check| options.runs_on(check.name, locale);
        let pair_checks: Vec<&Check> = CHECKS
            .iter()
            .filter(|c| matches!(c.run, Run::Pair(_)) && runs_on(c))
            .collect();
        let terms = options
            .glossary
            .as_ref()
            .map(|g| g.terms_for(locale))
            .unwrap_or_default();
        let find_english = self.english
            && runs_on(&english::UNTRANSLATED_WORD)
            && matches!(lang, Lang::Ja | Lang::Zh | Lang::Ko);
        let read_links = self.links && runs_on(&consistency::INCONSISTENT_LINK_TEXT);
        let read_spacing = self.spacing && matches!(lang, Lang::Ja | Lang::Zh);
        let translations = self.translations && runs_on(&consistency::INCONSISTENT_TARGET);
        let mut findings = Vec::new();
        let mut facts = DocFacts::default();
        if self.lengths {
            facts.lengths.reserve_exact(doc.segments.len());
        }
        let mut report = Report::default();
        let mut normalized = Vec::new();
        // Read anew for each segment, in the same room.
        let (mut source_view, mut target_view) = (Parsed::default(), Parsed::default());
        for (s, seg) in doc.segments.iter().enumerate() {
            if translations {
                consistency::translation(s, seg, &mut normalized, &mut facts.translations);
            }
            let outcome = presence::classify(seg);
            if let Some((check, message)) = outcome.finding()
                && runs_on(check)
            {
                findings.push(Finding::new(0, s, check, message, Vec::new()));
            }
            let presence::Outcome::Both(source, target) = outcome else {
                if self.lengths {
                    facts.lengths.push(None);
                }
                continue;
            };
            source_view.read(source);
            target_view.read(target);
            let (source, target) = (&source_view, &target_view);
            let pair = Pair {
                source,
                target,
                lang,
                locale,
                terms: &terms,
            };
            for check in &pair_checks {
                let Run::Pair(f) = check.run else { continue };
                f(&pair, &mut report);
                if !report.is_empty() {
                    let (message, spots) = report.take();
                    findings.push(Finding::new(0, s, check, message, spots));
                }
            }
            if self.lengths {
                facts.lengths.push(length::Lengths::of(source, target));
            }
            if read_spacing {
                facts.spacing.read(s, target);
            }
            if read_links {
                consistency::link_texts(s, source, target, &mut facts.link_texts);
            }
            if find_english {
                english::english_words(s, source, target, &mut facts.english);
            }
        }
        if (self.english || self.cells) && lang != Lang::En {
            facts.words = english::count_words(doc);
            if self.cells && runs_on(&english::UNTRANSLATED_CELL) {
                facts.cells = english::cell_candidates(doc);
            }
        }
        // Facts stand until the set stage ends, for every document: no room
        // left from growing them (2.7 MB of the 43 MB peak of `check` over
        // the shared corpus).
        facts.translations.shrink_to_fit();
        facts.link_texts.shrink_to_fit();
        facts.english.shrink_to_fit();
        facts.spacing.shrink_to_fit();
        Checked {
            info: DocInfo::of(doc),
            findings,
            facts,
        }
    }
}

/// Where the set stage and the output get the few texts they quote or read
/// again.
pub trait Texts: Sync {
    /// The texts of the wanted (document, segment) pairs of `docs`; one that
    /// cannot be had any more is left out.
    fn fetch(
        &self,
        docs: &[DocInfo],
        wanted: &[(usize, usize)],
    ) -> FxHashMap<(usize, usize), SegmentTexts>;
}

impl Texts for Store {
    fn fetch(
        &self,
        _docs: &[DocInfo],
        wanted: &[(usize, usize)],
    ) -> FxHashMap<(usize, usize), SegmentTexts> {
        wanted
            .iter()
            .filter_map(|&(d, s)| {
                let seg = self.docs.get(d)?.segments.get(s)?;
                Some(((d, s), SegmentTexts::of(seg)))
            })
            .collect()
    }
}

/// The files of streamed documents, read again for their texts: a file at a
/// time on all cores, each dropped once its wanted segments are copied.
pub struct Files<'a> {
    /// The locale of files that name none (`--locale`).
    pub locale: Option<&'a str>,
}

impl Texts for Files<'_> {
    fn fetch(
        &self,
        docs: &[DocInfo],
        wanted: &[(usize, usize)],
    ) -> FxHashMap<(usize, usize), SegmentTexts> {
        let mut by_file: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
        for &(d, s) in wanted {
            by_file.entry(docs[d].file()).or_default().push((d, s));
        }
        let by_file: Vec<(&str, Vec<(usize, usize)>)> = by_file.into_iter().collect();
        by_file
            .into_par_iter()
            .flat_map_iter(|(file, wanted)| {
                let asked: Vec<(&str, usize, &str)> = (wanted.iter())
                    .map(|&(d, s)| (docs[d].path.as_str(), s, docs[d].id(s)))
                    .collect();
                wanted
                    .into_iter()
                    .zip(texts_again(file, self.locale, &asked))
                    .filter_map(|(key, texts)| Some((key, texts?)))
            })
            .collect()
    }
}

/// The second stage: documents are pushed in path order as the first stage
/// checks them; [`SetStage::finish`] runs the set checks.
pub struct SetStage<'o> {
    options: &'o Options,
    docs: Vec<DocInfo>,
    findings: Vec<Finding>,
    facts: Vec<DocFacts>,
    words: FolderWords,
}

impl<'o> SetStage<'o> {
    pub fn new(options: &'o Options) -> SetStage<'o> {
        SetStage {
            options,
            docs: Vec::new(),
            findings: Vec::new(),
            facts: Vec::new(),
            words: FolderWords::default(),
        }
    }

    /// Takes the next document; returns its index.
    pub fn push(&mut self, checked: Checked) -> usize {
        let d = self.docs.len();
        let Checked {
            info,
            findings,
            mut facts,
        } = checked;
        self.findings
            .extend(findings.into_iter().map(|f| Finding { doc: d, ..f }));
        self.words.add(&info, std::mem::take(&mut facts.words));
        self.docs.push(info);
        self.facts.push(facts);
        d
    }

    /// Every finding, sorted by document, segment and the order of
    /// `CHECKS`; and the documents they name.
    pub fn finish(self, texts: &dyn Texts) -> (Vec<Finding>, Vec<DocInfo>) {
        let SetStage {
            options,
            docs,
            mut findings,
            facts,
            words,
        } = self;
        let sets = sets::Sets::of(&docs);
        let runs_on =
            |check: &'static Check| move |doc: &DocInfo| options.runs_on(check.name, &doc.locale);
        // The checks over sets and locales are independent: the sentence
        // groups of `inconsistent-target` on one core, the rest on the other.
        let (consistent, rest) = rayon::join(
            || consistency::findings(&docs, &sets, &facts, texts),
            || {
                let mut rest = Vec::new();
                if options.runs(length::LENGTH_RATIO.name) {
                    rest.extend(length::findings(
                        &docs,
                        &facts,
                        runs_on(&length::LENGTH_RATIO),
                        texts,
                    ));
                }
                if options.runs(consistency::INCONSISTENT_LINK_TEXT.name) {
                    rest.extend(consistency::link_text_findings(&sets, &facts));
                }
                if options.runs(spacing::CJK_LATIN_SPACING.name) {
                    rest.extend(spacing::findings(
                        &docs,
                        &sets,
                        &facts,
                        runs_on(&spacing::CJK_LATIN_SPACING),
                    ));
                }
                rest.extend(english::findings(&docs, &sets, &facts, &words));
                rest
            },
        );
        findings.extend(consistent);
        findings.extend(rest);
        // Set checks gather through hash maps: order ties by place and message
        // so that two runs print the same.
        findings.sort_by(|a, b| {
            let key = |f: &Finding| {
                (
                    f.doc,
                    f.segment,
                    super::order(f.check),
                    f.spots.first().map(|s| s.range.start),
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        (findings, docs)
    }
}
