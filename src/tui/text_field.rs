//! A text field worth typing a comment in: the cursor moves by character,
//! word and line, words are deleted whole, pasted line breaks are kept as
//! `\n`, and the text wraps so that all of it shows, in any script (CJK
//! widths, right-to-left runs in visual order).
//!
//! Hand-written, not `ratatui-textarea` (0.9.4, the maintained fork of
//! tui-textarea, which builds on ratatui 0.30): tried on the cases a
//! reviewer's comment meets, it moves its cursor by `char`, so `Left` stops
//! inside `👩‍🔬` and typing there splits the emoji; `Ctrl-w` after
//! `設定を変更します` deletes the whole sentence; Hebrew is drawn in
//! logical order; a pasted `\r` stays in the text (the bug this field
//! fixes); its wrapping starts a line with `。`; and it draws through its
//! own width and no sanitiser. Here the text is kept at grapheme
//! boundaries, words are the ones span mode uses (`text::words`), and the
//! field is drawn with the panes' own wrapping, bidi and sanitiser.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use super::action::TextAction;
use super::keymap::Keymaps;
use super::keys::Key;
use super::layout::{Line, plain_lines};
use crate::text::{Style, StyledText, WidthMode, sanitize, words};

/// Stands for the cursor at the end of a line, and for a space under the
/// cursor: a space at a line's end is not drawn (wrapping drops it), a
/// no-break space is.
const CURSOR_CELL: &str = "\u{a0}";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Byte offset of the cursor, always at a grapheme boundary.
    cursor: usize,
    /// The locale of the text being commented, for what a word is.
    locale: String,
    /// The text as drawn, the cursor's grapheme flagged, and without the
    /// cursor: made when the text or the cursor changes.
    shown: StyledText,
    plain: StyledText,
}

impl TextField {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: &str, locale: &str) -> TextField {
        let mut field = TextField {
            text: text.to_string(),
            cursor: text.len(),
            locale: locale.to_string(),
            shown: StyledText::default(),
            plain: StyledText::default(),
        };
        field.changed();
        field
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// A key typed into the field: an editing key of the `text` keymap, or
    /// a character. `false` when the field does nothing with it.
    pub fn key(&mut self, key: Key, keymaps: &Keymaps) -> bool {
        match keymaps.text_action::<TextAction>(key) {
            Some(action) => self.act(action),
            None => match key.text() {
                Some(c) => self.insert(c.encode_utf8(&mut [0; 4])),
                None => return false,
            },
        }
        true
    }

    /// Pasted text, at the cursor: line breaks (`\r\n`, `\r`) as `\n`, tabs
    /// as spaces, other controls left out.
    pub fn paste(&mut self, text: &str) {
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\r' | '\n' => Some('\n'),
                '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.insert(&clean);
    }

    pub fn insert(&mut self, text: &str) {
        self.text.insert_str(self.cursor, text);
        self.cursor += text.len();
        // A combining mark typed after a letter joins its cluster.
        self.cursor = self.boundary_at_or_after(self.cursor);
        self.changed();
    }

    pub fn act(&mut self, action: TextAction) {
        let (line_start, line_end) = self.line_bounds();
        match action {
            TextAction::Left => self.cursor = self.previous(self.cursor),
            TextAction::Right => self.cursor = self.next(self.cursor),
            TextAction::WordLeft => self.cursor = self.word_start_before(),
            TextAction::WordRight => self.cursor = self.word_end_after(),
            TextAction::Home => self.cursor = line_start,
            TextAction::End => self.cursor = line_end,
            TextAction::Up => self.vertical(false),
            TextAction::Down => self.vertical(true),
            TextAction::DeleteBack => self.delete(self.previous(self.cursor)..self.cursor),
            TextAction::DeleteForward => self.delete(self.cursor..self.next(self.cursor)),
            TextAction::DeleteWord => self.delete(self.word_start_before()..self.cursor),
            TextAction::DeleteToStart => match self.cursor == line_start {
                // At a line's start: join it to the line before, as readline
                // joins nothing but a field of several lines must.
                true => self.delete(self.previous(self.cursor)..self.cursor),
                false => self.delete(line_start..self.cursor),
            },
            TextAction::Newline => return self.insert("\n"),
        }
        self.changed();
    }

    /// The field's lines at `width` cells, in visual order, with the
    /// cursor's cell flagged [`Style::SELECTED`] when `cursor`; at least one.
    pub fn lines(&self, width: usize, mode: WidthMode, cursor: bool) -> Vec<Line<'_>> {
        let text = if cursor { &self.shown } else { &self.plain };
        plain_lines(text, width, mode)
    }

    fn delete(&mut self, range: std::ops::Range<usize>) {
        self.text.replace_range(range.clone(), "");
        self.cursor = range.start;
    }

    /// Makes the drawn form again: the text with the cursor's grapheme (or a
    /// cell after the end) flagged, made safe to draw.
    fn changed(&mut self) {
        let (before, rest) = self.text.split_at(self.cursor);
        let under = rest.graphemes(true).next().filter(|g| *g != "\n");
        let after = &rest[under.map_or(0, str::len)..];
        let cell = match under {
            Some(" ") | None => CURSOR_CELL,
            Some(g) => g,
        };
        let shown = sanitize(&format!("{before}{cell}{after}"));
        let cursor = shown
            .text()
            .char_indices()
            .map(|(at, _)| at)
            .find(|&at| shown.raw_offset(at) >= before.len())
            .unwrap_or(shown.text().len());
        let end = shown.text()[cursor..]
            .graphemes(true)
            .next()
            .map_or(cursor, |g| cursor + g.len());
        self.shown = shown.with_flag(std::slice::from_ref(&(cursor..end)), Style::SELECTED);
        self.plain = sanitize(&self.text);
    }

    fn previous(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        let mut cursor = GraphemeCursor::new(at, self.text.len(), true);
        match cursor.is_boundary(&self.text, 0) {
            Ok(false) => cursor
                .next_boundary(&self.text, 0)
                .ok()
                .flatten()
                .unwrap_or(self.text.len()),
            _ => at,
        }
    }

    /// The start and end of the line the cursor is on.
    fn line_bounds(&self) -> (usize, usize) {
        let start = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i);
        (start, end)
    }

    fn word_start_before(&self) -> usize {
        words(&self.text, &self.locale)
            .into_iter()
            .map(|w| w.start)
            .rfind(|&start| start < self.cursor)
            .unwrap_or(0)
    }

    fn word_end_after(&self) -> usize {
        words(&self.text, &self.locale)
            .into_iter()
            .map(|w| w.end)
            .find(|&end| end > self.cursor)
            .unwrap_or(self.text.len())
    }

    /// To the same character of the line below (above), or its end.
    fn vertical(&mut self, down: bool) {
        let (start, end) = self.line_bounds();
        let column = self.text[start..self.cursor].graphemes(true).count();
        let (from, to) = match down {
            true if end < self.text.len() => {
                let from = end + 1;
                let to = self.text[from..]
                    .find('\n')
                    .map_or(self.text.len(), |i| from + i);
                (from, to)
            }
            false if start > 0 => {
                let to = start - 1;
                let from = self.text[..to].rfind('\n').map_or(0, |i| i + 1);
                (from, to)
            }
            _ => return,
        };
        self.cursor = self.text[from..to]
            .grapheme_indices(true)
            .nth(column)
            .map_or(to, |(i, _)| from + i);
    }
}

/// At most `rows` of a field's `lines`, scrolled so that the cursor's line
/// is among them.
pub fn window<'a>(lines: &'a [Line<'a>], rows: usize) -> &'a [Line<'a>] {
    let cursor = lines
        .iter()
        .position(|l| {
            l.text
                .spans
                .iter()
                .any(|(_, s)| s.contains(Style::SELECTED))
        })
        .unwrap_or(0);
    let first = (cursor + 1).saturating_sub(rows);
    &lines[first..lines.len().min(first + rows)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> TextField {
        TextField::new(text, "ja-jp")
    }

    /// The field's lines as drawn, the cursor's cell in brackets.
    fn drawn(field: &TextField, width: usize) -> Vec<String> {
        field
            .lines(width, WidthMode::Narrow, true)
            .iter()
            .map(|line| {
                line.text
                    .spans
                    .iter()
                    .map(|(text, style)| match style.contains(Style::SELECTED) {
                        true => format!("[{text}]"),
                        false => text.to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_cursor_moves_by_grapheme_and_typing_never_splits_one() {
        let mut f = field("a👩‍🔬b");
        f.act(TextAction::Left);
        f.act(TextAction::Left);
        assert_eq!(f.cursor(), 1, "one Left crosses the whole emoji");
        f.insert("X");
        assert_eq!(f.text(), "aX👩‍🔬b");
        f.act(TextAction::End);
        f.act(TextAction::DeleteBack);
        f.act(TextAction::DeleteBack);
        assert_eq!(f.text(), "aX");
        let mut f = field("e");
        f.insert("\u{301}");
        f.act(TextAction::Left);
        assert_eq!(f.cursor(), 0, "a typed combining mark joins its letter");
    }

    #[test]
    fn words_are_deleted_whole_and_home_end_keep_to_the_line() {
        let mut f = field("設定を変更します");
        f.act(TextAction::DeleteWord);
        assert_eq!(f.text(), "設定を変更");
        f.act(TextAction::DeleteWord);
        assert_eq!(f.text(), "設定を");
        let mut f = field("first line\nsecond words");
        f.act(TextAction::DeleteWord);
        assert_eq!(f.text(), "first line\nsecond ");
        f.act(TextAction::Home);
        f.insert("> ");
        assert_eq!(f.text(), "first line\n> second ");
        f.act(TextAction::Up);
        f.act(TextAction::End);
        f.insert("!");
        assert_eq!(f.text(), "first line!\n> second ");
        f.act(TextAction::WordLeft);
        f.act(TextAction::DeleteToStart);
        assert_eq!(f.text(), "line!\n> second ");
    }

    #[test]
    fn a_paste_keeps_its_line_breaks_as_newlines_and_drops_controls() {
        let mut f = field("");
        f.paste("one\r\ntwo\rthree\x1b[2J\tend");
        assert_eq!(f.text(), "one\ntwo\nthree[2J end");
    }

    #[test]
    fn it_wraps_so_all_shows_with_the_cursor_drawn_in_any_script() {
        let mut f = field("あいうえお。かきくけこ");
        assert_eq!(drawn(&f, 10), ["あいうえ", "お。かきく", "けこ[\u{a0}]"]);
        f.act(TextAction::Home);
        assert_eq!(drawn(&f, 40), ["[あ]いうえお。かきくけこ"]);
        // Hebrew reads right to left: the cursor at the end is on the left.
        let f = field("שלום");
        assert_eq!(drawn(&f, 20), ["[\u{a0}]םולש"]);
        // A control typed or pasted never reaches the terminal.
        let f = field("a\u{202e}b");
        assert_eq!(drawn(&f, 20), ["a⟨RLO⟩b[\u{a0}]"]);
    }
}
