//! What a window too small for the panes shows: that it is too small and
//! the size sxs needs, in as many words as fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::{str_width, wrap};
use crate::tui::cells::{fill, put};
use crate::tui::component::Context;
use crate::tui::geometry::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(ctx: &Context, buf: &mut Buffer, area: Rect) {
    let (style, mode) = (ctx.theme.error, ctx.session.width_mode);
    let (width, height) = (area.width as usize, area.height as usize);
    let need = format!("{MIN_WIDTH}×{MIN_HEIGHT}");
    // From the whole sentence down to the size alone; the first that fits
    // the window (wrapped over its rows) is drawn.
    let messages = [
        format!(
            "window too small: {}×{}, sxs needs {need}",
            area.width, area.height
        ),
        format!("too small: sxs needs {need}"),
        format!("needs {need}"),
        need,
    ];
    let lines = messages
        .iter()
        .map(|m| {
            wrap(m, width, mode)
                .iter()
                .map(|l| m[l.range()].to_string())
                .collect::<Vec<_>>()
        })
        .find(|lines| lines.len() <= height && lines.iter().all(|l| str_width(l, mode) <= width))
        .unwrap_or_default();
    fill(buf, area, ctx.theme.text);
    for (i, line) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        fill(buf, Rect::new(area.x, y, area.width, 1), style);
        put(buf, mode, (area.x, y), line, width, style);
    }
}
