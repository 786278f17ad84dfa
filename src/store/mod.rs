//! The segment store: segment files in, paired segments out.
//!
//! Data flows one way: `input` reads bytes, `front_matter` splits and decodes the
//! YAML head, `spans` finds target/source pairs with byte offsets, `block` says
//! which Markdown block holds each span, `locale` names the locale and the article.
//! Nothing here knows about the terminal.

mod block;
mod context;
mod front_matter;
mod input;
mod loading;
mod locale;
mod spans;
pub mod wmt;
mod words;

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;
use std::fmt;
use std::path::Path;

pub use block::Block;
pub use context::{Context, ContextKind};
pub use front_matter::FrontMatter;
pub use input::{LoadError, MAX_PIPED_BYTES, Problems, Sources, texts_again};
pub use loading::Loading;
pub use words::source_words;

/// `Segment::source_end` of a target without a source. No text reaches
/// it: piped input is capped at 256 MiB and files are read whole.
const NO_SOURCE: u32 = u32::MAX;

/// One translated sentence and its English original.
///
/// The id, the source and the target stand in one allocation, read through
/// [`Segment::id`], [`Segment::source`] and [`Segment::target`]: a corpus
/// holds hundreds of thousands of segments, and three strings each cost it
/// a third of its memory in headers and allocator overhead (about 16 MB of
/// the shared corpus's 73).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The id, then the source, then the target.
    texts: Box<str>,
    id_end: u32,
    /// Where the source ends; [`NO_SOURCE`] when the target has no partner
    /// (not an `Option`: a segment is 8 bytes smaller without its tag).
    source_end: u32,
    pub block: Block,
    /// Number of the block instance (paragraph, list item, table cell…) in the
    /// file; consecutive segments with the same number flow together.
    pub group: u32,
    /// 1-based line of the target span's start in the file.
    pub line: u32,
}

// Kept small on purpose: the review screen holds one per segment (187,000
// for the shared corpus); a larger `Block` or an `Option` tag adds megabytes.
const _: () = assert!(std::mem::size_of::<Segment>() <= 56);

impl Segment {
    pub fn new(
        id: &str,
        source: Option<&str>,
        target: &str,
        block: Block,
        group: u32,
        line: u32,
    ) -> Segment {
        let mut texts = String::with_capacity(id.len() + source.map_or(0, str::len) + target.len());
        texts.push_str(id);
        let id_end = texts.len() as u32;
        let source_end = source.map_or(NO_SOURCE, |source| {
            texts.push_str(source);
            texts.len() as u32
        });
        texts.push_str(target);
        Segment {
            texts: texts.into_boxed_str(),
            id_end,
            source_end,
            block,
            group,
            line,
        }
    }

    /// `data-ttu-id` of the target span, e.g. `6d01e-103`.
    pub fn id(&self) -> &str {
        &self.texts[..self.id_end as usize]
    }

    /// Raw markup between the source span's tags; `None` when the target
    /// has no partner.
    pub fn source(&self) -> Option<&str> {
        (self.source_end != NO_SOURCE)
            .then(|| &self.texts[self.id_end as usize..self.source_end as usize])
    }

    /// Raw markup between the target span's tags, byte for byte as in the file.
    pub fn target(&self) -> &str {
        let start = match self.source_end {
            NO_SOURCE => self.id_end,
            end => end,
        } as usize;
        &self.texts[start..]
    }

    /// The same segment with another target (the file changed under it).
    pub fn with_target(&self, target: &str) -> Segment {
        self.with_texts(self.source(), target)
    }

    /// The same segment with another source and target.
    pub fn with_texts(&self, source: Option<&str>, target: &str) -> Segment {
        Segment::new(
            self.id(),
            source,
            target,
            self.block.clone(),
            self.group,
            self.line,
        )
    }
}

/// The two texts of one segment, apart from the segment: what a set check
/// or a report quotes.
#[derive(Debug, Clone, Default)]
pub struct SegmentTexts {
    pub source: Option<String>,
    pub target: String,
}

impl SegmentTexts {
    pub fn of(seg: &Segment) -> SegmentTexts {
        SegmentTexts {
            source: seg.source().map(str::to_string),
            target: seg.target().to_string(),
        }
    }
}

/// A problem met while loading; the load always goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    /// Segment id, when the problem concerns one.
    pub id: Option<String>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(id) = &self.id {
            write!(f, ": segment {id}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One segment file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as `dump` prints it: as given, or folder + relative path.
    pub path: String,
    /// Lower-cased locale tag, or `und`.
    pub locale: String,
    pub front: FrontMatter,
    /// Key that groups the translations of one article across locales.
    pub article: String,
    pub segments: Vec<Segment>,
    pub warnings: Vec<Warning>,
    /// What stands between the segments (code blocks, includes), in order.
    pub context: Vec<Context>,
    /// Judgments that came with the file (a WMT MQM file's raters), in
    /// segment order; empty for segment files.
    pub ratings: Vec<wmt::Rating>,
}

/// What a parse keeps besides the segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The stretches between segments too ([`Context`]), as the review
    /// screen shows them.
    Context,
    /// The segments only: no batch command prints the rest, and gathering
    /// it was a tenth of `dump`.
    Segments,
}

impl Document {
    /// Parses one file's text; `path` is the name used in output and warnings.
    /// Never fails: whatever cannot be read becomes a warning.
    pub fn parse(path: &str, text: &str) -> Document {
        Document::parse_keeping(path, text, Keep::Context)
    }

    /// [`Document::parse`], keeping only what `keep` says.
    pub fn parse_keeping(path: &str, text: &str, keep: Keep) -> Document {
        let mut warnings = Vec::new();
        let head = front_matter::split(path, text, &mut warnings);
        let mut segments = Vec::new();
        let mut groups = GroupNumbers::default();
        let yaml = &text[head.yaml.clone()];
        // The first line of each id in the front matter and how often it
        // came: the notes file cannot tell two segments with one id apart.
        let mut in_front: FxHashMap<String, (u32, usize)> = FxHashMap::default();
        for value in &head.span_values {
            let found = spans::scan(&value.text);
            for pair in &found.pairs {
                let nth = in_front.get(pair.id.as_ref()).map_or(0, |seen| seen.1);
                let (line, key) = value.place_of(pair.start, (&pair.id, nth), yaml);
                match in_front.get_mut(pair.id.as_ref()) {
                    Some((first, count)) => {
                        *count += 1;
                        warnings.push(same_id(path, line, &pair.id, *first));
                    }
                    None => {
                        in_front.insert(pair.id.to_string(), (line, 1));
                    }
                }
                segments.push(segment(
                    &value.text,
                    pair,
                    line,
                    groups.number((u32::MAX, line)),
                    Block::FrontMatter { key: key.into() },
                ));
            }
            for problem in found.problems {
                let line = value.place_of(problem.at, ("", 0), yaml).0;
                warnings.push(warning(path, Some(line), problem));
            }
        }

        let mut blocks = block::BlockMap::new(text, head.body_start);
        let body = &text[head.body_start..];
        let found = spans::scan(body);
        let mut seen: FxHashMap<&str, (usize, u32)> = FxHashMap::default();
        segments.reserve_exact(found.pairs.len());
        let mut covered = Vec::with_capacity(found.pairs.len());
        for pair in &found.pairs {
            // The whole pair, up to the source's closing `</span></span>`.
            let end = pair.source.map_or(pair.target.1 + "</span>".len(), |s| {
                s.1 + "</span></span>".len()
            });
            covered.push((head.body_start + pair.start, head.body_start + end));
            let start = head.body_start + pair.start;
            let line = blocks.line_of(start);
            let occurrence = match seen.entry(&pair.id) {
                Entry::Vacant(slot) => {
                    slot.insert((1, line));
                    if let Some(&(first, _)) = in_front.get(pair.id.as_ref()) {
                        warnings.push(same_id(path, line, &pair.id, first));
                    }
                    0
                }
                Entry::Occupied(mut slot) => {
                    let (count, first) = *slot.get();
                    slot.insert((count + 1, first));
                    warnings.push(same_id(path, line, &pair.id, first));
                    count
                }
            };
            let placement = blocks.placement(start, line, &pair.id, occurrence);
            segments.push(segment(
                body,
                pair,
                line,
                groups.number(placement.key),
                placement.block,
            ));
        }
        for problem in found.problems {
            let line = blocks.line_of(head.body_start + problem.at);
            warnings.push(warning(path, Some(line), problem));
        }
        warn_controls(path, &segments, &mut warnings);
        warnings.sort_by_key(|w| w.line);
        // Front-matter segments come first; the body's are numbered after them.
        let first_body_segment = segments.len() - found.pairs.len();
        let mut context = match keep {
            Keep::Context => {
                context::gather(text, head.body_start, &covered, |at| blocks.line_of(at))
            }
            Keep::Segments => Vec::new(),
        };
        context
            .iter_mut()
            .for_each(|c| c.before += first_body_segment);

        // A document lives as long as the review: no room left from growing.
        segments.shrink_to_fit();
        let front = head.fields;
        Document {
            path: path.to_string(),
            locale: locale::locale(path, &front),
            article: locale::article_key(path, &front),
            front,
            segments,
            warnings,
            context,
            ratings: Vec::new(),
        }
    }
}

/// The texts of the segments `wanted` (number and id) of a file's `text`,
/// numbered as [`Document::parse`] numbers them, in the order asked; `None`
/// where that number no longer has that id (the file changed). None of the
/// rest of a parse (blocks, lines, warnings, records of the other
/// segments): a caller that streamed the documents reads files again only
/// for the few texts it quotes, and the rest was three quarters of it.
pub fn texts_of(text: &str, wanted: &[(usize, &str)]) -> Vec<Option<SegmentTexts>> {
    let head = front_matter::split("", text, &mut Vec::new());
    let body = &text[head.body_start..];
    // Front-matter segments come first, as in `parse`.
    let scans: Vec<(&str, spans::Scan)> = (head.span_values.iter())
        .map(|value| value.text.as_str())
        .chain([body])
        .map(|text| (text, spans::scan(text)))
        .collect();
    let numbered: Vec<(&str, &spans::Pair)> = (scans.iter())
        .flat_map(|(text, scan)| scan.pairs.iter().map(move |pair| (*text, pair)))
        .collect();
    (wanted.iter())
        .map(|&(s, id)| {
            let &(text, pair) = numbered.get(s).filter(|(_, pair)| pair.id == id)?;
            Some(SegmentTexts {
                source: pair.source.map(|(a, b)| text[a..b].to_string()),
                target: text[pair.target.0..pair.target.1].to_string(),
            })
        })
        .collect()
}

fn segment(text: &str, pair: &spans::Pair, line: u32, group: u32, block: Block) -> Segment {
    Segment::new(
        &pair.id,
        pair.source.map(|(a, b)| &text[a..b]),
        &text[pair.target.0..pair.target.1],
        block,
        group,
        line,
    )
}

fn warning(path: &str, line: Option<u32>, problem: spans::Problem) -> Warning {
    Warning {
        file: path.to_string(),
        line,
        id: problem.id,
        message: problem.message,
    }
}

/// A second segment with an id used before, on line `first`: its marks
/// would be the first one's.
fn same_id(path: &str, line: u32, id: &str, first: u32) -> Warning {
    Warning {
        file: path.to_string(),
        line: Some(line),
        id: Some(id.to_string()),
        message: format!(
            "id already used on line {first}; the notes file cannot tell these segments apart"
        ),
    }
}

/// Numbers block instances in document order: segments of one paragraph, list
/// item or table cell get the same number.
#[derive(Default)]
struct GroupNumbers {
    last: Option<(u32, u32)>,
    number: u32,
}

impl GroupNumbers {
    fn number(&mut self, key: (u32, u32)) -> u32 {
        if self.last.is_some_and(|last| last != key) {
            self.number += 1;
        }
        self.last = Some(key);
        self.number
    }
}

/// Text that would drive the terminal (escape sequences, controls) is shown
/// defused on screen; the user is told where it is. Bidi embeddings are normal
/// in right-to-left documents and only made visible, without a warning.
fn warn_controls(path: &str, segments: &[Segment], warnings: &mut Vec<Warning>) {
    for seg in segments {
        let texts = [("target", Some(seg.target())), ("source", seg.source())];
        for (side, text) in texts {
            if text.is_some_and(|t| {
                let found = crate::text::hazards(t);
                found.escape_sequences || found.controls
            }) {
                warnings.push(Warning {
                    file: path.to_string(),
                    line: Some(seg.line),
                    id: Some(seg.id().to_string()),
                    message: format!(
                        "{side} holds escape sequences or control characters; they are shown as visible symbols"
                    ),
                });
            }
        }
    }
}

/// Every loaded document plus the grouping of translations into articles.
#[derive(Debug, Default, Clone)]
pub struct Store {
    pub docs: Vec<Document>,
    /// Warnings that belong to no parsed document (unreadable or binary files).
    pub warnings: Vec<Warning>,
}

impl Store {
    /// Loads files and folders as SPEC "Input" says. A path that does not exist
    /// is an error; anything wrong inside a file is a warning.
    pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Store, LoadError> {
        Sources::resolve(paths).load()
    }

    /// [`Store::load`], with `locale` for the files that name none (WMT MQM files).
    pub fn load_with_locale<P: AsRef<Path>>(paths: &[P], locale: &str) -> Result<Store, LoadError> {
        Sources::resolve(paths)
            .with_locale(Some(locale.to_string()))
            .load()
    }

    /// The bundled sample article, compiled into the binary.
    pub fn samples() -> Store {
        Sources::bundled()
            .load()
            .expect("the bundled samples are segment files")
    }

    /// All warnings, file-level first, then per document in path order.
    pub fn all_warnings(&self) -> impl Iterator<Item = &Warning> {
        self.warnings
            .iter()
            .chain(self.docs.iter().flat_map(|d| d.warnings.iter()))
    }

    /// Indices of the documents that translate the same article as `doc`,
    /// `doc` included, in path order.
    pub fn translations_of(&self, doc: usize) -> Vec<usize> {
        let key = &self.docs[doc].article;
        (0..self.docs.len())
            .filter(|&i| &self.docs[i].article == key)
            .collect()
    }

    pub fn segment_count(&self) -> usize {
        self.docs.iter().map(|d| d.segments.len()).sum()
    }
}
