//! Writing styled, pre-wrapped text into the buffer, cell-exactly.

use std::ops::Range;
use std::sync::LazyLock;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::text::{Style as TextStyle, StyledText};
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

/// What to draw on one line: a prefix, then a range of styled text.
pub struct Piece<'a> {
    pub prefix: &'a str,
    pub text: &'a StyledText,
    pub range: Range<usize>,
    /// Search hits (display byte ranges of `text`) to highlight.
    pub hits: &'a [Range<usize>],
    /// Laid over every text style (headings).
    pub overlay: Option<Style>,
}

impl Piece<'_> {
    /// Nothing: pads a pane beside a taller one.
    pub fn blank() -> Piece<'static> {
        static EMPTY: LazyLock<StyledText> = LazyLock::new(StyledText::default);
        Piece {
            prefix: "",
            text: &EMPTY,
            range: 0..0,
            hits: &[],
            overlay: None,
        }
    }
}

/// Draws a piece at (x, y), never past `width` cells, and pads the rest of the
/// width with `base`. Returns the cells the text took.
pub fn draw(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    piece: &Piece,
    theme: &Theme,
    base: Style,
) -> u16 {
    fill(buf, Rect::new(x, y, width, 1), base);
    let end = x + width;
    let mut at = x;
    if !piece.prefix.is_empty() {
        at = buf
            .set_stringn(
                at,
                y,
                piece.prefix,
                (end - at) as usize,
                base.patch(theme.dim),
            )
            .0;
    }
    for (chunk, flags, hit) in split_hits(piece.text, piece.range.clone(), piece.hits) {
        if at >= end {
            break;
        }
        let mut style = base.patch(style_of(theme, flags));
        if let Some(overlay) = piece.overlay {
            style = style.patch(overlay);
        }
        if hit {
            style = style.patch(theme.hit);
        }
        at = buf.set_stringn(at, y, chunk, (end - at) as usize, style).0;
    }
    at - x
}

/// The styled chunks of `range`, split further where search hits begin and end.
fn split_hits<'a>(
    text: &'a StyledText,
    range: Range<usize>,
    hits: &[Range<usize>],
) -> Vec<(&'a str, TextStyle, bool)> {
    let mut out = Vec::new();
    let mut offset = range.start;
    for (chunk, flags) in text.spans(range) {
        let chunk_end = offset + chunk.len();
        let mut cut = offset;
        while cut < chunk_end {
            let hit = hits.iter().find(|h| h.start <= cut && cut < h.end);
            let next = match hit {
                Some(h) => h.end.min(chunk_end),
                None => hits
                    .iter()
                    .map(|h| h.start)
                    .filter(|&s| s > cut)
                    .min()
                    .unwrap_or(chunk_end)
                    .min(chunk_end),
            };
            out.push((&chunk[cut - offset..next - offset], flags, hit.is_some()));
            cut = next;
        }
        offset = chunk_end;
    }
    out
}
