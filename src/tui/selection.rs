//! A selection in one side of a segment, for marking an error span: vim's
//! visual mode over the text as the pane shows it (the display form, or
//! the raw form in the raw view). It moves by grapheme and by word, in
//! reading order, and finds a given text; what it covers maps back to
//! exact byte offsets of the raw text, never inside a grapheme.
//!
//! Offsets are those of the shown text in logical order, so right-to-left
//! text needs nothing of its own: the panes draw the selected stretch in
//! visual order as they draw any style.

use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use super::search::Matcher;
use crate::mqm::{Side, Span};
use crate::text::{Style, StyledText, WidthMode, grapheme_width, words};

/// How the moving end of the selection moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Left,
    Right,
    /// To the start of the next word.
    WordNext,
    /// To the start of the word, or of the one before when at its start.
    WordBack,
    /// To the end of the word, or of the next when at its end.
    WordEnd,
    Start,
    End,
    /// The ends trade places: the other end moves from now on.
    Swap,
    /// The selection starts again where its moving end is.
    Restart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub side: Side,
    /// The side's text as the pane shows it.
    form: StyledText,
    /// Where each grapheme of the shown text starts, and its end last. A
    /// format character that takes no cell (a left-to-right mark) goes
    /// with the grapheme before it: `l` never stops where nothing on screen
    /// moves. A line break stays a grapheme of its own.
    starts: Vec<usize>,
    /// The words, as grapheme index ranges.
    words: Vec<Range<usize>>,
    /// The fixed end and the moving end, as grapheme indices; both are in.
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    /// The first grapheme of `form` (the shown text of one side) selected;
    /// `None` when it shows nothing. `locale` says what a word is.
    pub fn new(side: Side, form: StyledText, locale: &str) -> Option<Selection> {
        let text = form.text();
        let mut starts: Vec<usize> = Vec::new();
        for (at, grapheme) in text.grapheme_indices(true) {
            let shown = grapheme_width(grapheme, WidthMode::Narrow) > 0
                || grapheme.chars().any(char::is_control);
            if starts.is_empty() || shown {
                starts.push(at);
            }
        }
        if starts.is_empty() {
            return None;
        }
        starts.push(text.len());
        let index = |at: usize| starts.partition_point(|&s| s < at);
        let words = words(text, locale)
            .into_iter()
            .map(|w| index(w.start)..index(w.end))
            .filter(|w| !w.is_empty())
            .collect();
        Some(Selection {
            side,
            form,
            starts,
            words,
            anchor: 0,
            head: 0,
        })
    }

    fn last(&self) -> usize {
        self.starts.len() - 2
    }

    /// The shown bytes selected.
    pub fn range(&self) -> Range<usize> {
        let (from, to) = (self.anchor.min(self.head), self.anchor.max(self.head));
        self.starts[from]..self.starts[to + 1]
    }

    /// The shown text selected.
    pub fn text(&self) -> &str {
        &self.form.text()[self.range()]
    }

    /// The shown text with the selection flagged [`Style::SELECTED`].
    pub fn flagged(&self) -> StyledText {
        self.form
            .with_flag(std::slice::from_ref(&self.range()), Style::SELECTED)
    }

    pub fn motion(&mut self, motion: Motion) {
        let head = self.head;
        self.head = match motion {
            Motion::Left => head.saturating_sub(1),
            Motion::Right => (head + 1).min(self.last()),
            Motion::WordNext => self
                .words
                .iter()
                .find(|w| w.start > head)
                .map_or(self.last(), |w| w.start),
            Motion::WordBack => self
                .words
                .iter()
                .rev()
                .find(|w| w.start < head)
                .map_or(0, |w| w.start),
            Motion::WordEnd => self
                .words
                .iter()
                .find(|w| w.end - 1 > head)
                .map_or(self.last(), |w| w.end - 1),
            Motion::Start => 0,
            Motion::End => self.last(),
            Motion::Swap => std::mem::replace(&mut self.anchor, head),
            Motion::Restart => {
                self.anchor = head;
                head
            }
        };
    }

    /// Selects the shown bytes `range` (a match of a find), grown to whole
    /// graphemes.
    pub fn select(&mut self, range: Range<usize>) {
        let first = self.starts.partition_point(|&s| s <= range.start) - 1;
        let last = self
            .starts
            .partition_point(|&s| s < range.end.max(range.start + 1))
            - 1;
        self.anchor = first.min(self.last());
        self.head = last.clamp(self.anchor, self.last());
    }

    /// Every match of `query` in the shown text (smart case, as `/` in the
    /// panes), in order.
    pub fn matches(&self, query: &str) -> Vec<Range<usize>> {
        Matcher::new(query).find_all(self.form.text())
    }

    /// The first match of `query` that starts at or after the shown byte
    /// `from`, else the first of all (it wraps around).
    pub fn find_from(&self, query: &str, from: usize) -> Option<Range<usize>> {
        let found = self.matches(query);
        let after = found.iter().find(|m| m.start >= from).cloned();
        after.or_else(|| found.first().cloned())
    }

    /// The span this selection marks in `raw`, the raw text of its side:
    /// the raw bytes the selected text comes from, grown to whole graphemes
    /// of `raw`. `None` when the selection shows only what the display adds
    /// (the `⟨` before a link's target).
    pub fn span(&self, raw: &str) -> Option<Span> {
        let range = self.form.raw_range(self.range());
        let start = boundary(raw, range.start.min(raw.len()), false);
        let end = boundary(raw, range.end.min(raw.len()), true);
        (start < end).then(|| Span {
            side: self.side,
            start,
            end,
            text: raw[start..end].to_string(),
        })
    }
}

/// `at`, or the nearest grapheme boundary of `text` before it (`forward`:
/// after it).
fn boundary(text: &str, at: usize, forward: bool) -> usize {
    let mut at = at;
    while !text.is_char_boundary(at) {
        at = if forward { at + 1 } else { at - 1 };
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    if cursor.is_boundary(text, 0).unwrap_or(true) {
        return at;
    }
    let moved = match forward {
        true => cursor.next_boundary(text, 0),
        false => cursor.prev_boundary(text, 0),
    };
    moved.ok().flatten().unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BaseDirection, WidthMode, display_form, lay_out};

    /// A selection on the display form of `raw`, as the panes show it.
    fn on(raw: &str, locale: &str) -> Selection {
        Selection::new(Side::Target, display_form(raw), locale).expect("something shown")
    }

    fn moved(selection: &mut Selection, motions: &[Motion]) {
        motions.iter().for_each(|m| selection.motion(*m));
    }

    /// The span's offsets and text, checked against the raw text.
    fn marked(selection: &Selection, raw: &str) -> (usize, usize, String) {
        let span = selection.span(raw).expect("a span");
        assert_eq!(
            raw[span.start..span.end],
            span.text,
            "the text stands at its offsets"
        );
        assert_eq!(span.problem(raw), None);
        (span.start, span.end, span.text)
    }

    use Motion::*;

    #[test]
    fn japanese_words_are_one_motion_each_and_map_to_raw_bytes() {
        let raw = "データ保護の設定を変更します。";
        let mut s = on(raw, "ja-jp");
        moved(&mut s, &[WordNext, Restart, WordEnd]);
        assert_eq!(s.text(), "保護");
        assert_eq!(marked(&s, raw), (9, 15, "保護".into()));
        moved(&mut s, &[WordNext, WordNext, WordEnd]);
        assert_eq!(s.text(), "保護の設定");
        moved(&mut s, &[WordBack, WordBack]);
        assert_eq!(s.text(), "保護の");
        moved(&mut s, &[End]);
        assert_eq!(s.text(), "保護の設定を変更します。");
    }

    #[test]
    fn chinese_and_korean_select_by_character_and_by_word() {
        let raw = "請選擇「設定」。";
        let mut s = on(raw, "zh-tw");
        moved(&mut s, &[Right, Right]);
        assert_eq!(marked(&s, raw), (0, 9, "請選擇".into()));
        let raw = "한국어는 단어 사이에 공백을 사용합니다";
        let mut s = on(raw, "ko-kr");
        moved(&mut s, &[WordNext, Restart, WordEnd]);
        assert_eq!(s.text(), "단어");
        assert_eq!(marked(&s, raw), (13, 19, "단어".into()));
    }

    #[test]
    fn hebrew_and_arabic_select_in_reading_order_and_show_in_visual_order() {
        let raw = "גרסה 365 של Dynamics";
        let mut s = on(raw, "he-il");
        moved(&mut s, &[WordEnd]);
        assert_eq!(marked(&s, raw), (0, 8, "גרסה".into()));
        // Drawn right to left, the selected word is at the right end.
        let flagged = s.flagged();
        let visual = lay_out(&flagged, 40, WidthMode::Narrow, BaseDirection::Rtl);
        let spans = &visual.lines[0].spans;
        let (last, style) = spans.last().unwrap();
        assert_eq!(
            (last.as_ref(), style.contains(Style::SELECTED)),
            ("הסרג", true)
        );
        let raw = "عَرَبِيّ جديد";
        let mut s = on(raw, "ar-sa");
        moved(&mut s, &[Right]);
        // Two letters, each with its marks.
        assert_eq!(marked(&s, raw).2, "عَرَ");
    }

    #[test]
    fn a_mark_that_takes_no_cell_is_never_a_step_of_its_own() {
        // An Arabic word with a right-to-left mark and a left-to-right mark
        // after it: `l` from its last letter goes on to the space.
        let raw = "بيانات\u{200f}\u{200e} جديد";
        let mut s = on(raw, "ar-sa");
        moved(&mut s, &[WordEnd, Right]);
        assert_eq!(marked(&s, raw).2, "بيانات\u{200f}\u{200e} ");
        // A line break is still a step: a span never takes one in silently.
        let mut s = on("ab\ncd", "en-us");
        moved(&mut s, &[Right, Right]);
        assert_eq!(s.text(), "ab\n");
    }

    #[test]
    fn an_emoji_sequence_is_one_step_and_never_cut() {
        let raw = "a👩‍🔬b❤️c";
        let mut s = on(raw, "en-us");
        moved(&mut s, &[Right]);
        assert_eq!(s.text(), "a👩‍🔬");
        moved(&mut s, &[Restart, Right, Right]);
        assert_eq!(marked(&s, raw), (1, 19, "👩‍🔬b❤️".into()));
    }

    #[test]
    fn entities_and_inline_markdown_map_to_the_markup_around_the_shown_text() {
        let raw = "Tom &amp; Jerry";
        let mut s = on(raw, "en-us");
        moved(&mut s, &[Right, Right, Right, Right, Restart]);
        assert_eq!(s.text(), "&");
        assert_eq!(marked(&s, raw), (4, 9, "&amp;".into()));
        let raw = "**ダッシュ ボード**メニューの **顧客**を選択";
        let mut s = on(raw, "ja-jp");
        let found = s.find_from("顧客", 0).unwrap();
        s.select(found);
        assert_eq!(marked(&s, raw), (44, 50, "顧客".into()), "inside the stars");
        moved(&mut s, &[WordEnd]);
        assert_eq!(s.text(), "顧客を");
        assert_eq!(marked(&s, raw).2, "顧客**を");
        let raw = "See [the docs](https://x.y) now";
        let mut s = on(raw, "en-us");
        s.select(s.find_from("docs", 0).unwrap());
        assert_eq!(marked(&s, raw), (9, 13, "docs".into()));
    }

    #[test]
    fn a_target_that_starts_with_a_newline_maps_past_it() {
        let raw = "\n  パスワードを変更します\n";
        let mut s = on(raw, "ja-jp");
        assert_eq!(s.text(), " ", "the indentation is shown");
        moved(&mut s, &[WordNext, Restart, WordEnd]);
        assert_eq!(s.text(), "パスワード");
        assert_eq!(marked(&s, raw), (3, 18, "パスワード".into()));
    }

    #[test]
    fn in_the_raw_view_the_markup_is_selectable_and_maps_past_a_leading_blank_line() {
        let raw = "\n**パスワード**を&amp;変更\n";
        let form = crate::tui::raw::raw_form(raw);
        assert_eq!(form.text(), "**パスワード**を&amp;変更");
        let mut s = Selection::new(Side::Target, form, "ja-jp").unwrap();
        assert_eq!(marked(&s, raw), (1, 2, "*".into()), "past the blank line");
        s.select(s.find_from("**パスワード**", 0).unwrap());
        assert_eq!(marked(&s, raw), (1, 20, "**パスワード**".into()));
        // The entity as the file has it: a part of it is a part of the raw.
        s.select(s.find_from("amp", 0).unwrap());
        assert_eq!(marked(&s, raw), (24, 27, "amp".into()));
    }

    #[test]
    fn find_wraps_around_and_n_steps_through_the_matches() {
        let raw = "Sign in, then sign in again.";
        let mut s = on(raw, "en-us");
        assert_eq!(s.matches("sign in").len(), 2, "smart case");
        s.select(s.find_from("sign in", 1).unwrap());
        assert_eq!(marked(&s, raw), (14, 21, "sign in".into()));
        s.select(s.find_from("sign in", 15).unwrap());
        assert_eq!(marked(&s, raw).0, 0, "wrapped to the first");
        assert_eq!(s.find_from("nowhere", 0), None);
    }

    #[test]
    fn swapping_ends_moves_the_other_end_and_the_ends_are_kept_in_the_text() {
        let raw = "one two three";
        let mut s = on(raw, "en-us");
        moved(&mut s, &[End, Swap, Right, Right, Right, Right]);
        assert_eq!(s.text(), "two three");
        moved(&mut s, &[Left, Left, Left, Left, Left, Left, Left]);
        assert_eq!(s.text(), "one two three");
        moved(&mut s, &[Restart, Left]);
        assert_eq!(s.text(), "o", "no further than the start");
        assert!(Selection::new(Side::Target, display_form(""), "en-us").is_none());
    }
}
