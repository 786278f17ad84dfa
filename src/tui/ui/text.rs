//! Writing styled, pre-wrapped text into the buffer, cell-exactly.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::text::{Style as TextStyle, WidthMode, str_width};
use crate::tui::layout::Line;
use crate::tui::theme::Theme;

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
            if unicode_width::UnicodeWidthStr::width(before.symbol()) > 1 {
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
        at = buf
            .set_stringn(at, y, prefix, (end - at) as usize, prefix_style)
            .0;
    }
    for (chunk, flags) in &text.spans {
        if at >= end {
            break;
        }
        let mut style = base.patch(style_of(theme, *flags));
        if let Some(overlay) = overlay {
            style = style.patch(overlay);
        }
        if flags.contains(TextStyle::HIT) {
            style = style.patch(theme.hit);
        }
        at = buf.set_stringn(at, y, chunk, (end - at) as usize, style).0;
    }
    if *rtl && !prefix.is_empty() && at < end {
        let mirrored: String = prefix.chars().rev().collect();
        buf.set_stringn(at, y, mirrored, (end - at) as usize, prefix_style);
    }
}
