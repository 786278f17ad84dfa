//! Display text: a string with style runs and a map back to the raw text.

use std::ops::{BitOr, BitOrAssign, Range};

use unicode_segmentation::GraphemeCursor;

use super::width::{WidthMode, str_width};

/// What a stretch of display text stands for. The TUI maps these flags to colours
/// through its theme; this layer knows nothing about the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style(u16);

impl Style {
    /// Ordinary text.
    pub const PLAIN: Style = Style(0);
    /// `**bold**`, `__bold__`, `<strong>`, `<b>`.
    pub const BOLD: Style = Style(1);
    /// `*italic*`, `_italic_`, `<em>`, `<i>`.
    pub const ITALIC: Style = Style(1 << 1);
    /// Inline code contents, `<code>`, `<kbd>`.
    pub const CODE: Style = Style(1 << 2);
    /// The visible text of a link.
    pub const LINK: Style = Style(1 << 3);
    /// A link or image target, an xref uid: shown compactly as `⟨url⟩`.
    pub const URL: Style = Style(1 << 4);
    /// The alt text of an image.
    pub const IMAGE: Style = Style(1 << 5);
    /// Markup shown as it is but dimmed: backticks, HTML tags, comments, `:::no-loc`.
    pub const MARKUP: Style = Style(1 << 6);
    /// Stands in for something invisible or unsafe in the raw text: a control
    /// picture, a bidi control such as `⟨RLO⟩`.
    pub const MARKER: Style = Style(1 << 7);
    /// A search hit, laid over whatever the text already is.
    pub const HIT: Style = Style(1 << 8);
    /// Inside an MQM error span the reviewer marked, one flag per severity
    /// (a stretch in two spans carries both), laid over the text's style.
    pub const NEUTRAL_SPAN: Style = Style(1 << 9);
    pub const MINOR_SPAN: Style = Style(1 << 10);
    pub const MAJOR_SPAN: Style = Style(1 << 11);
    pub const CRITICAL_SPAN: Style = Style(1 << 12);
    /// What the reviewer is selecting (a span being marked) or where the
    /// cursor of a text field stands.
    pub const SELECTED: Style = Style(1 << 13);
    /// Inside an error span one of the raters of a WMT MQM file marked.
    pub const RATER_SPAN: Style = Style(1 << 14);
    /// Inside the span an automatic check's finding is about.
    pub const FINDING_SPAN: Style = Style(1 << 15);

    pub(crate) const COUNT: usize = 8;

    /// Whether every flag of `other` is set in `self`.
    pub fn contains(self, other: Style) -> bool {
        self.0 & other.0 == other.0
    }

    pub(crate) fn bits(self) -> u16 {
        self.0
    }

    pub(crate) fn from_bits(bits: u16) -> Style {
        Style(bits)
    }
}

impl BitOr for Style {
    type Output = Style;
    fn bitor(self, rhs: Style) -> Style {
        Style(self.0 | rhs.0)
    }
}

impl BitOrAssign for Style {
    fn bitor_assign(&mut self, rhs: Style) {
        self.0 |= rhs.0;
    }
}

/// A stretch of display text and where it came from in the raw text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    display: usize,
    raw: usize,
    raw_end: usize,
    /// The display bytes are the raw bytes, so offsets inside map one to one.
    verbatim: bool,
}

/// Display text, safe to send to a terminal: runs of text with a [`Style`] each,
/// plus the way back from display byte offsets to raw byte offsets.
///
/// Built by [`sanitize`](super::sanitize) (plain text) or
/// [`display_form`](super::display_form) (inline Markdown). Hard line breaks are
/// kept as `\n`; no other control character is ever present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StyledText {
    text: String,
    /// Start offset and style of each run, in order; run boundaries are grapheme
    /// boundaries and neighbouring runs differ in style.
    runs: Vec<(usize, Style)>,
    pieces: Vec<Piece>,
    /// Display offset and column after the last measured position, so expanding
    /// many tabs on one line stays linear.
    column_mark: (usize, usize),
}

impl StyledText {
    /// The display text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether there is no display text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Every run as (display byte range, style), in order.
    pub fn runs(&self) -> impl Iterator<Item = (Range<usize>, Style)> + '_ {
        self.runs.iter().enumerate().map(|(i, &(start, style))| {
            let end = self.runs.get(i + 1).map_or(self.text.len(), |r| r.0);
            (start..end, style)
        })
    }

    /// The styled pieces of a display byte range (e.g. one wrapped line), in order.
    pub fn spans(&self, range: Range<usize>) -> impl Iterator<Item = (&str, Style)> + '_ {
        let first = self.run_index(range.start);
        self.runs[first.min(self.runs.len())..]
            .iter()
            .enumerate()
            .map(move |(i, &(start, style))| {
                let end = self
                    .runs
                    .get(first + i + 1)
                    .map_or(self.text.len(), |r| r.0);
                (start.max(range.start)..end.min(range.end), style)
            })
            .take_while(move |(r, _)| r.start < range.end)
            .filter(|(r, _)| !r.is_empty())
            .map(|(r, style)| (&self.text[r], style))
    }

    /// The style at a display byte offset.
    pub fn style_at(&self, display: usize) -> Style {
        self.runs
            .get(self.run_index(display))
            .map_or(Style::PLAIN, |r| r.1)
    }

    /// The raw byte offset that a display byte offset comes from. Inside text
    /// that was replaced for display (an entity, a control picture) every offset
    /// maps to the start of the raw original.
    pub fn raw_offset(&self, display: usize) -> usize {
        match self.piece_at(display) {
            Some(p) if p.verbatim => p.raw + (display - p.display),
            Some(p) => p.raw,
            None => 0,
        }
    }

    /// The raw byte range a display byte range comes from, e.g. for a search hit.
    /// Replaced text maps to its whole raw original.
    pub fn raw_range(&self, display: Range<usize>) -> Range<usize> {
        let start = self.raw_offset(display.start);
        if display.end <= display.start {
            return start..start;
        }
        let end = match self.piece_at(display.end - 1) {
            Some(p) if p.verbatim => p.raw + (display.end - p.display),
            Some(p) => p.raw_end,
            None => start,
        };
        start..end.max(start)
    }

    /// A copy with `flag` added over the display byte ranges `ranges` (search
    /// hits), so that the flag survives wrapping and bidi reordering.
    pub fn with_flag(&self, ranges: &[Range<usize>], flag: Style) -> StyledText {
        let len = self.text.len();
        let mut cuts: Vec<usize> = self.runs.iter().map(|r| r.0).collect();
        for r in ranges {
            cuts.extend([r.start.min(len), r.end.min(len)]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        // The ranges merged and in order, walked beside the cuts: a raw view
        // of a segment with thousands of links flags thousands of ranges.
        let mut flagged: Vec<Range<usize>> =
            ranges.iter().filter(|r| !r.is_empty()).cloned().collect();
        flagged.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(flagged.len());
        for r in flagged {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let mut next = merged.iter().peekable();
        let mut runs: Vec<(usize, Style)> = Vec::with_capacity(cuts.len());
        for at in cuts {
            if at >= len && !runs.is_empty() {
                continue;
            }
            while next.next_if(|r| r.end <= at).is_some() {}
            let mut style = self.style_at(at);
            if next.peek().is_some_and(|r| r.start <= at) {
                style |= flag;
            }
            if runs.last().is_none_or(|last| last.1 != style) {
                runs.push((at, style));
            }
        }
        StyledText {
            text: self.text.clone(),
            runs,
            pieces: self.pieces.clone(),
            column_mark: (0, 0),
        }
        .finish()
    }

    /// The display byte range that shows the raw bytes `raw`: from the first
    /// display byte whose origin lies in `raw` to the end of the last one.
    /// Syntax the display hides in between is simply not there; text that
    /// stands for raw bytes (an entity) is in when its origin overlaps
    /// `raw`. `None` when nothing shown comes from `raw` (hidden syntax, an
    /// empty range).
    pub fn display_range(&self, raw: Range<usize>) -> Option<Range<usize>> {
        let mut found: Option<Range<usize>> = None;
        for (i, p) in self.pieces.iter().enumerate() {
            let end = self
                .pieces
                .get(i + 1)
                .map_or(self.text.len(), |n| n.display);
            let shown = match p.verbatim {
                true => {
                    let (from, to) = (raw.start.max(p.raw), raw.end.min(p.raw_end));
                    (from < to).then(|| p.display + (from - p.raw)..p.display + (to - p.raw))
                }
                false => (raw.start < p.raw_end && p.raw < raw.end).then_some(p.display..end),
            };
            if let Some(shown) = shown {
                found = Some(match found {
                    Some(f) => f.start.min(shown.start)..f.end.max(shown.end),
                    None => shown,
                });
            }
        }
        found
    }

    fn piece_at(&self, display: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.display <= display);
        self.pieces.get(i.checked_sub(1)?)
    }

    fn run_index(&self, display: usize) -> usize {
        self.runs
            .partition_point(|r| r.0 <= display)
            .saturating_sub(1)
    }

    /// Appends `other`, the display form of a raw text that stands at `raw`
    /// in this one's raw text. Reading mode joins a paragraph's segments
    /// this way, each shown as the panes show it: joined before rendering,
    /// a stray `**` in one would pair with one in the next.
    pub fn append(&mut self, other: &StyledText, raw: usize) {
        let display = self.text.len();
        self.pieces.extend(other.pieces.iter().map(|p| Piece {
            display: p.display + display,
            raw: p.raw + raw,
            raw_end: p.raw_end + raw,
            verbatim: p.verbatim,
        }));
        for (range, style) in other.runs() {
            self.push_text(&other.text[range], style);
        }
    }

    /// Appends display text that is a verbatim copy of the raw text at `raw`.
    pub(crate) fn push_verbatim(&mut self, text: &str, raw: usize, style: Style) {
        if text.is_empty() {
            return;
        }
        let display = self.text.len();
        match self.pieces.last_mut() {
            Some(last) if last.verbatim && last.raw_end == raw => last.raw_end += text.len(),
            _ => self.pieces.push(Piece {
                display,
                raw,
                raw_end: raw + text.len(),
                verbatim: true,
            }),
        }
        self.push_text(text, style);
    }

    /// Appends display text that stands for the raw bytes `raw` without being a copy.
    pub(crate) fn push_replacement(&mut self, text: &str, raw: Range<usize>, style: Style) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            display: self.text.len(),
            raw: raw.start,
            raw_end: raw.end,
            verbatim: false,
        });
        self.push_text(text, style);
    }

    fn push_text(&mut self, text: &str, style: Style) {
        let start = self.text.len();
        self.text.push_str(text);
        if self.runs.last().is_none_or(|r| r.1 != style) {
            self.runs.push((start, style));
        }
    }

    /// The display column at the end of the text so far, for tab stops.
    pub(crate) fn column(&mut self) -> usize {
        let (mark, col) = self.column_mark;
        let tail = &self.text[mark..];
        let col = match tail.rfind('\n') {
            Some(nl) => str_width(&tail[nl + 1..], WidthMode::Narrow),
            None => col + str_width(tail, WidthMode::Narrow),
        };
        self.column_mark = (self.text.len(), col);
        col
    }

    /// Moves run boundaries that fall inside a grapheme cluster (`**e**\u{301}`)
    /// to the cluster's end, so no cluster is drawn as two halves.
    pub(crate) fn finish(mut self) -> StyledText {
        let text = &self.text;
        let mut kept: Vec<(usize, Style)> = Vec::with_capacity(self.runs.len());
        for &(start, style) in &self.runs {
            let mut cursor = GraphemeCursor::new(start, text.len(), true);
            let start = if cursor.is_boundary(text, 0).unwrap_or(true) {
                start
            } else {
                cursor
                    .next_boundary(text, 0)
                    .ok()
                    .flatten()
                    .unwrap_or(text.len())
            };
            if start >= text.len() && !kept.is_empty() {
                continue;
            }
            while kept.last().is_some_and(|last| last.0 >= start) {
                kept.pop();
            }
            if kept.last().is_none_or(|last| last.1 != style) {
                kept.push((start, style));
            }
        }
        self.runs = kept;
        self.column_mark = (0, 0);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cut_runs_at_the_range() {
        let mut t = StyledText::default();
        t.push_verbatim("plain ", 0, Style::PLAIN);
        t.push_verbatim("bold", 8, Style::BOLD);
        t.push_verbatim(" end", 14, Style::PLAIN);
        let t = t.finish();
        let spans: Vec<_> = t.spans(3..12).collect();
        assert_eq!(
            spans,
            [
                ("in ", Style::PLAIN),
                ("bold", Style::BOLD),
                (" e", Style::PLAIN)
            ]
        );
        assert_eq!(t.raw_range(6..10), 8..12);
    }

    #[test]
    fn a_flag_laid_over_ranges_keeps_the_other_styles() {
        let mut t = StyledText::default();
        t.push_verbatim("plain ", 0, Style::PLAIN);
        t.push_verbatim("bold", 6, Style::BOLD);
        let t = t
            .finish()
            .with_flag(std::slice::from_ref(&(4..8)), Style::HIT);
        let spans: Vec<_> = t.spans(0..t.text().len()).collect();
        assert_eq!(
            spans,
            [
                ("plai", Style::PLAIN),
                ("n ", Style::HIT),
                ("bo", Style::BOLD | Style::HIT),
                ("ld", Style::BOLD)
            ]
        );
    }

    #[test]
    fn overlapping_touching_and_empty_ranges_flag_what_any_of_them_covers() {
        let mut t = StyledText::default();
        t.push_verbatim("abcdefghijklmnop", 0, Style::PLAIN);
        let t = t.finish();
        // Given out of order, one inside another, two touching, one empty.
        let ranges = [8..10, 2..6, 3..4, 6..7, 12..12, 14..99];
        let flagged = t.with_flag(&ranges, Style::HIT);
        let hit: String = flagged
            .spans(0..16)
            .map(|(text, style)| match style.contains(Style::HIT) {
                true => text.to_uppercase(),
                false => text.to_string(),
            })
            .collect();
        assert_eq!(hit, "abCDEFGhIJklmnOP");
    }

    #[test]
    fn style_boundary_inside_a_cluster_moves_to_its_end() {
        let mut t = StyledText::default();
        t.push_verbatim("e", 2, Style::BOLD);
        t.push_verbatim("\u{301}x", 5, Style::PLAIN);
        let t = t.finish();
        let spans: Vec<_> = t.spans(0..t.text().len()).collect();
        assert_eq!(spans, [("e\u{301}", Style::BOLD), ("x", Style::PLAIN)]);
    }

    #[test]
    fn a_raw_range_is_shown_where_its_bytes_are_and_hidden_syntax_is_not() {
        let mut t = StyledText::default();
        // "a **b** &amp; c" shown as "a b & c".
        t.push_verbatim("a ", 0, Style::PLAIN);
        t.push_verbatim("b", 4, Style::BOLD);
        t.push_verbatim(" ", 7, Style::PLAIN);
        t.push_replacement("&", 8..13, Style::PLAIN);
        t.push_verbatim(" c", 13, Style::PLAIN);
        assert_eq!(t.text(), "a b & c");
        assert_eq!(t.display_range(2..7), Some(2..3), "the stars are hidden");
        assert_eq!(t.display_range(0..7), Some(0..3));
        assert_eq!(t.display_range(9..10), Some(4..5), "inside the entity");
        assert_eq!(t.display_range(2..4), None, "only syntax");
        assert_eq!(t.display_range(4..4), None);
    }

    #[test]
    fn replaced_text_maps_to_its_whole_original() {
        let mut t = StyledText::default();
        t.push_verbatim("a", 0, Style::PLAIN);
        t.push_replacement("<", 1..5, Style::PLAIN);
        t.push_verbatim("b", 5, Style::PLAIN);
        assert_eq!(t.text(), "a<b");
        assert_eq!(t.raw_offset(1), 1);
        assert_eq!(t.raw_offset(2), 5);
        assert_eq!(t.raw_range(1..2), 1..5);
        assert_eq!(t.raw_range(0..3), 0..6);
    }
}
