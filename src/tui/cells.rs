//! Writing styled, pre-wrapped text into the buffer, cell-exactly.
//!
//! Every component draws its text through these functions rather than
//! ratatui's `Paragraph`: text is wrapped beforehand with the one width
//! function (`Paragraph::wrap` lets a wide glyph at the edge overflow by a
//! cell, ratatui #2679), each row is padded so no stale cell survives, and
//! in ambiguous-wide mode `…` `—` `→` get a forced width of two cells, which
//! ratatui has no notion of.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use unicode_segmentation::UnicodeSegmentation;

use super::display::{Glyphs, SPAN_FLAGS};
use super::layout::Line;
use super::theme::Theme;
use crate::text::{Style as TextStyle, WidthMode, grapheme_width, str_width};

/// `layer` over `base`, where a reversed layer on reversed ground (a
/// span in the mono theme's reversed selection bar) turns reversing off
/// instead of being lost in it.
pub fn lay(base: Style, layer: Style) -> Style {
    let both = layer.add_modifier.contains(Modifier::REVERSED)
        && base.add_modifier.contains(Modifier::REVERSED);
    let style = base.patch(layer);
    match both {
        true => style.remove_modifier(Modifier::REVERSED),
        false => style,
    }
}

/// The screen style of the overlays display text can carry (an error span,
/// a search hit, the selection) over `style`.
fn overlays(theme: &Theme, flags: TextStyle, mut style: Style) -> Style {
    if flags.contains(TextStyle::FINDING_SPAN) {
        style = lay(style, theme.finding);
    }
    if flags.contains(TextStyle::RATER_SPAN) {
        style = lay(style, theme.rater);
    }
    // The reviewer's own mark last: its ground wins over a finding's.
    if let Some((_, severity)) = SPAN_FLAGS.iter().find(|(f, _)| flags.contains(*f)) {
        style = lay(style, theme.span(*severity));
    }
    if flags.contains(TextStyle::HIT) {
        style = style.patch(theme.hit);
    }
    if flags.contains(TextStyle::SELECTED) {
        style = lay(style, theme.selected);
    }
    style
}

/// The screen style of display text with `flags`.
pub fn style_of(theme: &Theme, flags: TextStyle) -> Style {
    let mut style = theme.text;
    let layers = [
        (TextStyle::MARKUP, theme.markup),
        (TextStyle::URL, theme.url),
        (TextStyle::LINK, theme.link),
        (TextStyle::IMAGE, theme.italic),
        (TextStyle::CODE, theme.code),
        (TextStyle::ITALIC, theme.italic),
        (TextStyle::BOLD, theme.bold),
        (TextStyle::MARKER, theme.marker),
    ];
    for (flag, layer) in layers {
        if flags.contains(flag) {
            style = style.patch(layer);
        }
    }
    style
}

/// Writes `text` at (x, y) in at most `max` cells and returns the column after
/// it. In ambiguous-wide mode the terminal draws `…`, `—`, `→`, `·` two cells
/// wide while ratatui counts one, so each such glyph gets a forced width of 2:
/// the next cell is left to it, and the positions after it stay true.
pub fn put(
    buf: &mut Buffer,
    mode: WidthMode,
    (x, y): (u16, u16),
    text: &str,
    max: usize,
    style: Style,
) -> u16 {
    if mode == WidthMode::Narrow {
        return buf.set_stringn(x, y, text, max, style).0;
    }
    let end = x
        .saturating_add(max.min(u16::MAX as usize) as u16)
        .min(buf.area.right());
    let mut at = x;
    for g in text.graphemes(true) {
        let width = grapheme_width(g, mode) as u16;
        if width == 0 {
            continue;
        }
        if at + width > end {
            break;
        }
        let cell = &mut buf[(at, y)];
        cell.set_symbol(g).set_style(style);
        if width > grapheme_width(g, WidthMode::Narrow) as u16 {
            cell.set_diff_option(CellDiffOption::ForcedWidth(
                NonZeroU16::MIN.saturating_add(width - 1),
            ));
        }
        for covered in at + 1..at + width {
            buf[(covered, y)].reset();
            buf[(covered, y)].set_style(style);
        }
        at += width;
    }
    at
}

/// Fills a rect with blanks of `style`.
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
            buf[(x, y)].set_style(style);
        }
    }
}

/// Clears a popup's area. A wide glyph straddling its left or right edge is
/// blanked first, or its other half would corrupt the border (ratatui #2526).
pub fn clear_popup(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        if area.left() > buf.area.left() {
            let before = &mut buf[(area.left() - 1, y)];
            if grapheme_width(before.symbol(), WidthMode::Narrow) > 1 {
                before.set_symbol(" ");
            }
        }
        if area.right() < buf.area.right() {
            let after = &mut buf[(area.right(), y)];
            // The second half of a wide glyph is stored as an empty cell.
            if after.symbol().is_empty() {
                after.set_symbol(" ");
            }
        }
    }
    fill(buf, area, style);
}

/// Writes a popup's title at the start of its first row, in the theme's
/// popup title style.
pub fn popup_title(buf: &mut Buffer, theme: &Theme, mode: WidthMode, popup: Rect, title: &str) {
    let style = theme.popup.patch(theme.pane_title);
    put(
        buf,
        mode,
        (popup.x, popup.y),
        title,
        popup.width as usize,
        style,
    );
}

/// Clears a popup and draws its frame with `title` on the top edge; returns
/// the room inside. Box drawing is East Asian Ambiguous, so the
/// ambiguous-wide mode frames in ASCII.
pub fn framed_popup(
    buf: &mut Buffer,
    theme: &Theme,
    mode: WidthMode,
    area: Rect,
    title: &str,
) -> Rect {
    let area = area.intersection(buf.area);
    clear_popup(buf, area, theme.popup);
    if area.width < 2 || area.height < 2 {
        return Rect::new(area.x, area.y, 0, 0);
    }
    let [top_left, top_right, bottom_left, bottom_right, across, down] =
        Glyphs::for_mode(mode).frame;
    let line = theme.popup.patch(theme.dim);
    let (left, right) = (area.left(), area.right() - 1);
    let (top, bottom) = (area.top(), area.bottom() - 1);
    for x in left + 1..right {
        put(buf, mode, (x, top), across, 1, line);
        put(buf, mode, (x, bottom), across, 1, line);
    }
    for y in top + 1..bottom {
        put(buf, mode, (left, y), down, 1, line);
        put(buf, mode, (right, y), down, 1, line);
    }
    put(buf, mode, (left, top), top_left, 1, line);
    put(buf, mode, (right, top), top_right, 1, line);
    put(buf, mode, (left, bottom), bottom_left, 1, line);
    put(buf, mode, (right, bottom), bottom_right, 1, line);
    let room = area.width.saturating_sub(4) as usize;
    put(
        buf,
        mode,
        (left + 2, top),
        title,
        room,
        theme.popup.patch(theme.pane_title),
    );
    Rect::new(left + 1, top + 1, area.width - 2, area.height - 2)
}

/// How a line is drawn: the theme, the style under it (selection), one laid
/// over its text (headings), and how wide ambiguous characters are.
#[derive(Clone, Copy)]
pub struct Look<'a> {
    pub theme: &'a Theme,
    pub base: Style,
    pub overlay: Option<Style>,
    pub mode: WidthMode,
}

/// Draws one line of text in a one-row `area`, never past `width` cells, padding the
/// rest with `base`: decoration then text, or for a right-to-left paragraph
/// the text right-aligned with the decoration mirrored on its right.
pub fn draw_line(buf: &mut Buffer, area: Rect, line: &Line, look: &Look) {
    let Look {
        theme,
        base,
        overlay,
        mode,
    } = *look;
    let Line { prefix, text, rtl } = line;
    let (x, y, width) = (area.x, area.y, area.width);
    fill(buf, area, base);
    let end = x + width;
    let prefix_style = base.patch(theme.dim);
    let mut at = x;
    if *rtl {
        let used = str_width(prefix, mode) + text.width;
        at = end.saturating_sub(used as u16).max(x);
    } else if !prefix.is_empty() {
        at = put(
            buf,
            mode,
            (at, y),
            prefix,
            (end - at) as usize,
            prefix_style,
        );
    }
    for (chunk, flags) in &text.spans {
        if at >= end {
            break;
        }
        let mut style = base.patch(style_of(theme, *flags));
        if let Some(overlay) = overlay {
            style = style.patch(overlay);
        }
        style = overlays(theme, *flags, style);
        at = put(buf, mode, (at, y), chunk, (end - at) as usize, style);
    }
    if *rtl && !prefix.is_empty() && at < end {
        let mirrored: String = prefix.chars().rev().collect();
        put(
            buf,
            mode,
            (at, y),
            &mirrored,
            (end - at) as usize,
            prefix_style,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Cell;
    use ratatui::layout::Rect;

    /// What a terminal drawing ambiguous characters two cells wide shows:
    /// each cell's symbol, skipping the cells a wide glyph covers.
    fn shown(buf: &Buffer, y: u16) -> (String, usize) {
        let (mut text, mut cells, mut x) = (String::new(), 0, 0);
        while x < buf.area.width {
            let cell: &Cell = &buf[(x, y)];
            let width = grapheme_width(cell.symbol(), WidthMode::AmbiguousWide).max(1);
            text.push_str(cell.symbol());
            cells += width;
            x += width as u16;
        }
        (text, cells)
    }

    #[test]
    fn ambiguous_glyphs_take_two_cells_in_ambiguous_wide_mode() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let end = put(
            &mut buf,
            WidthMode::AmbiguousWide,
            (0, 0),
            "…a—b→c",
            10,
            Style::new(),
        );
        assert_eq!(end, 9);
        assert_eq!(
            buf[(1, 0)].symbol(),
            " ",
            "the cell under the glyph's right half"
        );
        assert_eq!(buf[(2, 0)].symbol(), "a");
        let (text, cells) = shown(&buf, 0);
        assert_eq!(text, "…a—b→c ");
        assert_eq!(cells, 10, "as wide as the buffer, not wider");
        // A glyph that does not fit is left out whole.
        let mut small = Buffer::empty(Rect::new(0, 0, 3, 1));
        assert_eq!(
            put(
                &mut small,
                WidthMode::AmbiguousWide,
                (0, 0),
                "a…",
                2,
                Style::new()
            ),
            1
        );
    }
}
