//! The one width function: terminal cells per grapheme cluster.
//!
//! Wrapping, alignment, cursor placement and search highlights all measure with
//! [`grapheme_width`], so they agree with each other and with the cells ratatui
//! fills (`ratatui::buffer::CellWidth`). Summing per-`char` widths disagrees on
//! emoji sequences (`👩‍🔬` is 2 cells, not 4) and must not be used.

use ratatui::buffer::CellWidth;

use super::clusters::{grapheme_indices, is_plain};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How East Asian Ambiguous characters (`…` `—` `“` `①` `→` box drawing) are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum WidthMode {
    /// One cell, as ratatui and most terminals count them.
    #[default]
    Narrow,
    /// Two cells, for terminals set to "ambiguous = wide" (common with CJK fonts).
    AmbiguousWide,
}

/// Cells taken by one grapheme cluster (as produced by
/// `UnicodeSegmentation::graphemes(s, true)`).
///
/// Control characters count 0 because ratatui drops any grapheme that holds one
/// instead of drawing it.
pub fn grapheme_width(g: &str, mode: WidthMode) -> usize {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return 0;
    };
    if first.is_control() {
        // A control is always a grapheme of its own, except CR LF.
        return 0;
    }
    if chars.as_str().is_empty() {
        return char_width(first, mode);
    }
    match mode {
        WidthMode::Narrow => usize::from(g.cell_width()),
        // ratatui has no ambiguous-wide mode; mirror its halfwidth sound mark
        // correction (`ｶﾞ` is two cells on screen) on top of `width_cjk`.
        WidthMode::AmbiguousWide => g.width_cjk() + halfwidth_sound_marks(g),
    }
}

/// The width of a grapheme of one character: the same as
/// ratatui's string measure, checked for every code point in the tests, but
/// without its per-string state machine.
#[inline]
fn char_width(c: char, mode: WidthMode) -> usize {
    if c.is_control() {
        return 0;
    }
    if c < '\u{7f}' {
        return 1;
    }
    let w = match mode {
        WidthMode::Narrow => c.width(),
        WidthMode::AmbiguousWide => c.width_cjk(),
    };
    w.unwrap_or(0) + usize::from(c == '\u{FF9E}' || c == '\u{FF9F}')
}

/// Cells taken by a whole string: the sum of its graphemes' widths.
pub fn str_width(s: &str, mode: WidthMode) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    // Each plain character is a grapheme of its own: no segmentation needed
    // until something else turns up. That may join the character before it, so
    // segmentation starts there (after two plain characters, a boundary).
    let (mut width, mut last_start, mut last_width) = (0, 0, 0);
    for (i, c) in s.char_indices() {
        if !is_plain(c) {
            let rest = grapheme_indices(&s[last_start..]);
            return width - last_width + rest.map(|(_, g)| grapheme_width(g, mode)).sum::<usize>();
        }
        last_start = i;
        last_width = char_width(c, mode);
        width += last_width;
    }
    width
}

fn halfwidth_sound_marks(g: &str) -> usize {
    g.chars()
        .filter(|&c| c == '\u{FF9E}' || c == '\u{FF9F}')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn narrow(s: &str) -> usize {
        str_width(s, WidthMode::Narrow)
    }

    #[test]
    fn halfwidth_katakana_with_dakuten_is_two_cells() {
        // Fails when unicode-width is bumped past 0.2.2: ratatui then counts 3.
        assert_eq!(narrow("ｶﾞ"), 2);
        assert_eq!(str_width("ｶﾞ", WidthMode::AmbiguousWide), 2);
    }

    #[test]
    fn emoji_sequences_are_measured_as_one_cluster() {
        assert_eq!(narrow("👩‍🔬"), 2);
        assert_eq!(narrow("❤️"), 2);
        assert_eq!(narrow("1️⃣"), 2);
    }

    #[test]
    fn combining_mark_adds_no_width() {
        assert_eq!(narrow("e\u{301}"), 1);
    }

    #[test]
    fn ambiguous_characters_depend_on_the_mode() {
        assert_eq!(narrow("①…—"), 3);
        assert_eq!(str_width("①…—", WidthMode::AmbiguousWide), 6);
    }

    #[test]
    fn wide_and_control_characters() {
        assert_eq!(narrow("中文"), 4);
        assert_eq!(narrow("a\nb\u{85}c"), 3);
        assert_eq!(narrow("\r\n"), 0);
    }

    #[test]
    fn single_characters_measure_like_ratatui() {
        for c in ('\0'..=char::MAX).filter(|c| !c.is_control()) {
            let s = c.to_string();
            assert_eq!(
                grapheme_width(&s, WidthMode::Narrow),
                usize::from(s.cell_width()),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(
                grapheme_width(&s, WidthMode::AmbiguousWide),
                s.width_cjk() + halfwidth_sound_marks(&s),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn agrees_with_ratatui_cell_width_per_grapheme() {
        let sample = "Hello 中文 ｶﾞ 👩‍🔬 ❤️ 1️⃣ é ①…— عربي עברית 한국어 🇯🇵";
        for g in sample.graphemes(true) {
            assert_eq!(
                grapheme_width(g, WidthMode::Narrow),
                usize::from(g.cell_width()),
                "{g:?}"
            );
        }
    }
}
