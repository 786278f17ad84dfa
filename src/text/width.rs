//! The one width function: terminal cells per grapheme cluster.
//!
//! Wrapping, alignment, cursor placement and search highlights all measure with
//! [`grapheme_width`], so they agree with each other and with the cells ratatui
//! fills (`ratatui::buffer::CellWidth`). Summing per-`char` widths disagrees on
//! emoji sequences (`👩‍🔬` is 2 cells, not 4) and must not be used.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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
    let bytes = g.as_bytes();
    if bytes.len() == 1 {
        return usize::from(!bytes[0].is_ascii_control());
    }
    if g.chars().next().is_some_and(char::is_control) {
        // A control is always a grapheme of its own, except CR LF.
        return 0;
    }
    match mode {
        WidthMode::Narrow => usize::from(g.cell_width()),
        // ratatui has no ambiguous-wide mode; mirror its halfwidth sound mark
        // correction (`ｶﾞ` is two cells on screen) on top of `width_cjk`.
        WidthMode::AmbiguousWide => g.width_cjk() + halfwidth_sound_marks(g),
    }
}

/// Cells taken by a whole string: the sum of its graphemes' widths.
pub fn str_width(s: &str, mode: WidthMode) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(|g| grapheme_width(g, mode)).sum()
}

fn halfwidth_sound_marks(g: &str) -> usize {
    g.chars()
        .filter(|&c| c == '\u{FF9E}' || c == '\u{FF9F}')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
