//! Display forms of a document's segments, built once when it is first
//! opened, and of the other text the screen quotes (ids, paths, comments,
//! messages), made once when it changes.

use std::collections::HashMap;
use std::ops::Range;

use super::raw::raw_form;
use super::wmt;
use crate::mqm::{Severity, Side};
use crate::store::{Block, ContextKind, Document, Segment, Store};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{
    BaseDirection, Style, StyledText, WidthMode, display_form, grapheme_width, lay_out, sanitize,
    str_width,
};

/// Raw text (a comment, a path, an id, a message quoting them) as one line
/// that is safe to send to a terminal: sanitised, line breaks as spaces.
pub fn one_line(raw: &str) -> String {
    sanitize(raw).text().replace('\n', " ")
}

/// `path` in at most `max` cells: whole, or `…` and as much of its end as
/// fits, from a `/` when one is in what fits. A file name too long for
/// `max` keeps its start and its end (`partner-center-f…germany.md`): two
/// names that end alike stay told apart.
pub fn shorten_left(path: &str, max: usize, mode: WidthMode) -> String {
    if str_width(path, mode) <= max {
        return path.to_string();
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    if str_width(name, mode) + 1 > max {
        return shorten_middle(name, max, mode);
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut start = path.len();
    for (at, g) in path.grapheme_indices(true).rev() {
        used += grapheme_width(g, mode);
        if used > room {
            break;
        }
        start = at;
    }
    let tail = &path[start..];
    let tail = match tail.find('/') {
        Some(slash) if slash + 1 < tail.len() => &tail[slash..],
        _ => tail,
    };
    format!("…{tail}")
}

/// `text` in at most `max` cells: whole, or its start and its end around
/// `…` (a long selection quoted in the status bar, its hints still shown).
pub fn shorten_middle(text: &str, max: usize, mode: WidthMode) -> String {
    if str_width(text, mode) <= max {
        return text.to_string();
    }
    let half = max.saturating_sub(1) / 2;
    let head = within(text.grapheme_indices(true), half, mode).map_or(0, |(at, g)| at + g.len());
    let tail =
        within(text.grapheme_indices(true).rev(), half, mode).map_or(text.len(), |(at, _)| at);
    format!("{}…{}", &text[..head], &text[tail.max(head)..])
}

/// A line of text drawn in `direction` (a right-to-left one in visual
/// order) in at most `max` cells: whole, or as much of its logical start as
/// fits and `…` where it is cut (on the left of a right-to-left line).
pub fn shorten_end(text: &str, max: usize, mode: WidthMode, direction: BaseDirection) -> String {
    if str_width(text, mode) <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    match direction {
        BaseDirection::Rtl => {
            let tail = within(text.grapheme_indices(true).rev(), room, mode)
                .map_or(text.len(), |(at, _)| at);
            format!("…{}", &text[tail..])
        }
        _ => {
            let head =
                within(text.grapheme_indices(true), room, mode).map_or(0, |(at, g)| at + g.len());
            format!("{}…", &text[..head])
        }
    }
}

/// The last of `graphemes` (with their offsets) that fits in `cells`.
pub fn within<'a>(
    graphemes: impl Iterator<Item = (usize, &'a str)>,
    cells: usize,
    mode: WidthMode,
) -> Option<(usize, &'a str)> {
    let mut used = 0;
    graphemes
        .take_while(|(_, g)| {
            used += grapheme_width(g, mode);
            used <= cells
        })
        .last()
}

/// Pasted text as a one-line field takes it: line breaks and other
/// controls as spaces.
pub fn pasted(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| if c.is_control() { ' ' } else { c })
}

pub use crate::text::plural;

/// What the screen shows for one segment.
#[derive(Debug, Clone)]
pub struct SegmentDisplay {
    pub source: StyledText,
    pub target: StyledText,
    pub decoration: Decoration,
}

/// The block context drawn before a segment's text, the same in both panes so
/// that they stay aligned: `## `, `• `, `│ `, `┃ NOTE `, `title: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoration {
    /// Shown before the first line.
    pub first: String,
    /// Shown before the other lines: a hanging indent, or the quote bar again.
    pub rest: String,
    pub heading: bool,
}

/// Chrome characters. East Asian Ambiguous ones (`•`, `│`, `┃`) are two cells
/// wide in CJK terminals, so the ambiguous-wide mode draws ASCII instead.
pub struct Glyphs {
    pub bullet: &'static str,
    pub cell: &'static str,
    pub quote: &'static str,
    pub separator: &'static str,
    /// Before each line of the document's context (a code block).
    pub context: &'static str,
    /// A popup's frame: corners (top left, top right, bottom left, bottom
    /// right), then the horizontal and vertical lines.
    pub frame: [&'static str; 6],
}

impl Glyphs {
    pub fn for_mode(mode: WidthMode) -> Glyphs {
        match mode {
            WidthMode::Narrow => Glyphs {
                bullet: "• ",
                cell: "│ ",
                quote: "┃ ",
                separator: "│",
                context: "┆ ",
                frame: ["┌", "┐", "└", "┘", "─", "│"],
            },
            WidthMode::AmbiguousWide => Glyphs {
                bullet: "* ",
                cell: "| ",
                quote: "> ",
                separator: "|",
                context: ": ",
                frame: ["+", "+", "+", "+", "-", "|"],
            },
        }
    }
}

/// What the bars say about a document: its path, locale and title, safe to
/// draw and, for a right-to-left title, in visual order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocLabel {
    pub path: String,
    pub locale: String,
    /// `MT` or `HT` (`ms.translationtype`); empty when the file names none.
    pub translation_type: String,
    pub title: String,
    /// Above the panes: the source's language and the target's (`en-us`,
    /// `ja-jp`); for a WMT MQM document, `source` and the system.
    pub panes: (String, String),
    /// A document read from a WMT MQM file: what the top bar names instead
    /// of the path, which joins them.
    pub wmt: Option<WmtLabel>,
}

/// A WMT MQM document's names, safe to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WmtLabel {
    /// The `doc` column.
    pub name: String,
    pub system: String,
    /// The file it was read from.
    pub file: String,
}

/// The English source of a segment file, as the pane title names it.
const SOURCE_LOCALE: &str = "en-us";

impl DocLabel {
    pub fn new(doc: &Document, mode: WidthMode) -> DocLabel {
        // A title made of spans (2018 files) shows its translation, not its markup.
        let title_segment = doc
            .segments
            .iter()
            .find(|s| matches!(&s.block, Block::FrontMatter { key } if &**key == "title"));
        let title = title_segment
            .map(|s| s.target())
            .or(doc.front.title.as_deref())
            .map(|t| visual_line(t, &doc.locale, mode))
            .unwrap_or_default();
        let locale = one_line(&doc.locale);
        let wmt = wmt::parts(doc).map(|(file, system, name)| WmtLabel {
            name: one_line(name),
            system: one_line(system),
            file: one_line(file),
        });
        let panes = match &wmt {
            Some(wmt) => ("source".to_string(), format!("{} · {locale}", wmt.system)),
            None => (SOURCE_LOCALE.to_string(), locale.clone()),
        };
        DocLabel {
            path: one_line(&doc.path),
            translation_type: one_line(doc.front.translation_type.as_deref().unwrap_or_default()),
            locale,
            title,
            panes,
            wmt,
        }
    }
}

/// Raw text as one line in visual order (a Hebrew title reads right to left).
fn visual_line(raw: &str, locale: &str, mode: WidthMode) -> String {
    one_visual_line(&display_form(raw), BaseDirection::for_locale(locale), mode)
}

/// Text that may hold right-to-left runs (what the reviewer types, a marked
/// span, a check's message quoting a target) as one line to draw: made safe,
/// line breaks as spaces, and the runs of Arabic or Hebrew in visual order
/// as the panes show them. Each text goes through it once: a second pass
/// would turn such runs back.
pub fn drawn_line(typed: &str) -> String {
    // Laid out on one unbounded line: how ambiguous characters are counted
    // does not matter.
    one_visual_line(&sanitize(typed), BaseDirection::Ltr, WidthMode::Narrow)
}

/// [`drawn_line`] for a whole text a reviewer wrote (a comment): its
/// direction is its first strong character's, as an isolate's is, so that a
/// Hebrew comment that ends in an English word reads from the right with its
/// quotes where the writer put them. Not for a piece of a longer line, whose
/// direction is the line's.
pub fn drawn_comment(typed: &str) -> String {
    one_visual_line(&sanitize(typed), BaseDirection::Auto, WidthMode::Narrow)
}

fn one_visual_line(text: &StyledText, direction: BaseDirection, mode: WidthMode) -> String {
    let visual = lay_out(text, usize::MAX, mode, direction);
    let lines: Vec<String> = visual
        .lines
        .iter()
        .map(|line| line.spans.iter().map(|(s, _)| s.as_ref()).collect())
        .collect();
    lines.join(" ")
}

/// A segment's markup as the file has it, styled (the raw view).
#[derive(Debug, Clone)]
pub struct RawDisplay {
    pub source: StyledText,
    pub target: StyledText,
}

/// The span flags of display text, worst first.
pub const SPAN_FLAGS: [(Style, Severity); 4] = [
    (Style::CRITICAL_SPAN, Severity::Critical),
    (Style::MAJOR_SPAN, Severity::Major),
    (Style::MINOR_SPAN, Severity::Minor),
    (Style::NEUTRAL_SPAN, Severity::Neutral),
];

/// Whose span a highlight shows: the reviewer's own marks by severity, a
/// WMT rater's marks, or the place a check's finding is about. Each has its
/// own look, so that the reviewer's verdict never hides behind another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Mark(Severity),
    Rater,
    Finding,
}

impl Marker {
    /// The flag of display text inside a span of this kind.
    pub fn flag(self) -> Style {
        match self {
            Marker::Mark(severity) => SPAN_FLAGS
                .iter()
                .find(|(_, s)| *s == severity)
                .map_or(Style::PLAIN, |(flag, _)| *flag),
            Marker::Rater => Style::RATER_SPAN,
            Marker::Finding => Style::FINDING_SPAN,
        }
    }
}

/// A span where it stands now in the raw text of its side, to be shown
/// highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub side: Side,
    pub raw: Range<usize>,
    pub marker: Marker,
}

/// `form` (a display or raw form of one side's `raw` text) with the spans of
/// that side flagged by kind.
pub fn highlighted(form: StyledText, side: Side, marks: &[Highlight]) -> StyledText {
    let mut form = form;
    let markers = Severity::ALL
        .map(Marker::Mark)
        .into_iter()
        .chain([Marker::Rater, Marker::Finding]);
    for marker in markers {
        let ranges: Vec<Range<usize>> = marks
            .iter()
            .filter(|m| m.side == side && m.marker == marker)
            .filter_map(|m| form.display_range(m.raw.clone()))
            .collect();
        if !ranges.is_empty() {
            form = form.with_flag(&ranges, marker.flag());
        }
    }
    form
}

/// A document's display forms and label.
struct Built {
    segments: Vec<SegmentDisplay>,
    /// The spans shown highlighted, by segment: only segments that have some.
    marks: HashMap<usize, Vec<Highlight>>,
    /// What stands between the segments (`Document::context`), safe to draw.
    context: Vec<StyledText>,
    /// Made the first time the raw view shows the document.
    raw: Option<Vec<RawDisplay>>,
    label: DocLabel,
}

/// Display forms per document, filled when a document is first opened.
#[derive(Default)]
pub struct Displays {
    docs: Vec<Option<Built>>,
    mode: Option<WidthMode>,
}

impl Displays {
    pub fn new(store: &Store) -> Displays {
        Displays {
            docs: (0..store.docs.len()).map(|_| None).collect(),
            mode: None,
        }
    }

    /// Room for `count` more documents, loaded since.
    pub fn grow(&mut self, count: usize) {
        self.docs.extend((0..count).map(|_| None));
    }

    /// Builds the display forms of `doc` if not built yet.
    pub fn ensure(&mut self, store: &Store, doc: usize, mode: WidthMode) {
        if self.mode != Some(mode) {
            self.docs.iter_mut().for_each(|d| *d = None);
            self.mode = Some(mode);
        }
        if let Some(slot @ None) = self.docs.get_mut(doc) {
            let document = &store.docs[doc];
            *slot = Some(Built {
                segments: build(document, mode),
                marks: HashMap::new(),
                context: document.context.iter().map(context_form).collect(),
                raw: None,
                label: DocLabel::new(document, mode),
            });
        }
    }

    /// Builds the raw forms of an opened document if not built yet.
    pub fn ensure_raw(&mut self, store: &Store, doc: usize) {
        if let Some(Some(built)) = self.docs.get_mut(doc)
            && built.raw.is_none()
        {
            let raw = store.docs[doc]
                .segments
                .iter()
                .enumerate()
                .map(|(i, seg)| raw_display(seg, built.marks.get(&i).map_or(&[], Vec::as_slice)))
                .collect();
            built.raw = Some(raw);
        }
    }

    /// Shows `marks` highlighted on a segment of an opened document, in its
    /// display forms and (once built) its raw forms. The forms are made
    /// again here, when the marks change, never when a frame is drawn.
    /// `false` when the segment already showed these marks.
    pub fn highlight(
        &mut self,
        store: &Store,
        doc: usize,
        segment: usize,
        marks: Vec<Highlight>,
    ) -> bool {
        let Some(Some(built)) = self.docs.get_mut(doc) else {
            return false;
        };
        let Some(seg) = store.docs[doc].segments.get(segment) else {
            return false;
        };
        let shown = built.marks.get(&segment).map_or(&[][..], Vec::as_slice);
        if shown == marks.as_slice() {
            return false;
        }
        let display = &mut built.segments[segment];
        display.source = highlighted(
            display_form(seg.source().unwrap_or("")),
            Side::Source,
            &marks,
        );
        display.target = highlighted(display_form(seg.target()), Side::Target, &marks);
        if let Some(raw) = built.raw.as_mut() {
            raw[segment] = raw_display(seg, &marks);
        }
        match marks.is_empty() {
            true => built.marks.remove(&segment),
            false => built.marks.insert(segment, marks),
        };
        true
    }

    /// Forgets what was built for `doc` (its file changed on disk).
    pub fn forget(&mut self, doc: usize) {
        if let Some(slot) = self.docs.get_mut(doc) {
            *slot = None;
        }
    }

    /// The documents whose display forms were built.
    pub fn opened(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.docs.len()).filter(|&d| self.docs[d].is_some())
    }

    /// The display forms of an opened document (empty if never opened).
    pub fn get(&self, doc: usize) -> &[SegmentDisplay] {
        self.built(doc).map_or(&[], |b| b.segments.as_slice())
    }

    /// The raw forms of a document whose raw view was built.
    pub fn raw(&self, doc: usize) -> Option<&[RawDisplay]> {
        self.built(doc).and_then(|b| b.raw.as_deref())
    }

    /// The context blocks of an opened document, in `Document::context` order.
    pub fn context(&self, doc: usize) -> &[StyledText] {
        self.built(doc).map_or(&[], |b| b.context.as_slice())
    }

    /// The label of an opened document.
    pub fn label(&self, doc: usize) -> Option<&DocLabel> {
        self.built(doc).map(|b| &b.label)
    }

    fn built(&self, doc: usize) -> Option<&Built> {
        self.docs.get(doc).and_then(Option::as_ref)
    }
}

/// A segment's raw forms with its marks.
fn raw_display(seg: &Segment, marks: &[Highlight]) -> RawDisplay {
    RawDisplay {
        source: highlighted(raw_form(seg.source().unwrap_or("")), Side::Source, marks),
        target: highlighted(raw_form(seg.target()), Side::Target, marks),
    }
}

fn build(doc: &Document, mode: WidthMode) -> Vec<SegmentDisplay> {
    let glyphs = Glyphs::for_mode(mode);
    doc.segments
        .iter()
        .enumerate()
        .map(|(i, seg)| {
            let first_in_block = i == 0 || doc.segments[i - 1].group != seg.group;
            SegmentDisplay {
                source: display_form(seg.source().unwrap_or("")),
                target: display_form(seg.target()),
                decoration: decoration(&seg.block, first_in_block, &glyphs),
            }
        })
        .collect()
}

/// A context block as the screen shows it: a code block between its fences,
/// the rest as it stands. Untranslated text from the file, so sanitised.
fn context_form(context: &crate::store::Context) -> StyledText {
    match &context.kind {
        ContextKind::Code { info } => sanitize(&format!("```{info}\n{}\n```", context.text)),
        ContextKind::Include | ContextKind::Text => sanitize(&context.text),
    }
}

fn decoration(block: &Block, first_in_block: bool, glyphs: &Glyphs) -> Decoration {
    let (first, rest) = match block {
        Block::Heading { level } => {
            let marks = "#".repeat(*level as usize) + " ";
            let rest = " ".repeat(marks.len());
            (marks, rest)
        }
        Block::ListItem { depth, number } => {
            let indent = "  ".repeat(*depth as usize);
            let marker = match number {
                Some(n) => format!("{n}. "),
                None => glyphs.bullet.to_string(),
            };
            // A hanging indent as wide as the marker: `10. ` takes four cells.
            let hang = " ".repeat(marker.chars().count());
            let first = if first_in_block { &marker } else { &hang };
            (format!("{indent}{first}"), format!("{indent}{hang}"))
        }
        Block::TableCell => (glyphs.cell.to_string(), glyphs.cell.to_string()),
        Block::Quote { alert } => match alert {
            Some(kind) if first_in_block => (
                format!("{}{kind}: ", glyphs.quote),
                glyphs.quote.to_string(),
            ),
            _ => (glyphs.quote.to_string(), glyphs.quote.to_string()),
        },
        Block::FrontMatter { key } => (format!("{key}: "), "  ".to_string()),
        Block::Paragraph | Block::Other => (String::new(), String::new()),
    };
    Decoration {
        first,
        rest,
        heading: matches!(block, Block::Heading { .. }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_keeps_its_end_from_a_slash() {
        let path =
            "tests/fixtures/corpus/partner-center-pr.de-de/partner-center/software-assurance-lp.md";
        let short = shorten_left(path, 44, WidthMode::Narrow);
        assert_eq!(short, "…/partner-center/software-assurance-lp.md");
        assert!(str_width(&short, WidthMode::Narrow) <= 44);
        // A name longer than the room keeps its start and end: names that
        // end alike are still told apart.
        assert_eq!(shorten_left(path, 12, WidthMode::Narrow), "softw…lp.md");
        assert_eq!(shorten_left("a.md", 12, WidthMode::Narrow), "a.md");
        let (long, longer) = (
            "de/partner-center-for-microsoft-cloud-germany.md",
            "de/user-management-in-partner-center-for-microsoft-cloud-germany.md",
        );
        let shown = |p| shorten_left(p, 40, WidthMode::Narrow);
        assert_ne!(shown(long), shown(longer));
        assert!(str_width(&shown(longer), WidthMode::Narrow) <= 40);
    }

    #[test]
    fn a_long_quote_keeps_its_start_and_end_by_width() {
        let text = "試用版に移動し、プランを作成して招待を作成します。";
        let short = shorten_middle(text, 21, WidthMode::Narrow);
        assert_eq!(short, "試用版に移…成します。");
        assert!(str_width(&short, WidthMode::Narrow) <= 21);
        assert_eq!(shorten_middle("short", 21, WidthMode::Narrow), "short");
        assert_eq!(shorten_middle("abcdefgh", 5, WidthMode::Narrow), "ab…gh");
    }
}
