//! What a window too small for the panes shows: one line that says so.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::str_width;
use crate::tui::cells::{fill, put};
use crate::tui::component::Context;
use crate::tui::geometry::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(ctx: &Context, buf: &mut Buffer, area: Rect) {
    let (style, mode) = (ctx.theme.error, ctx.session.width_mode);
    let long = format!(
        "window too small: {}×{}, sxs needs {MIN_WIDTH}×{MIN_HEIGHT}",
        area.width, area.height
    );
    let message = match str_width(&long, mode) <= area.width as usize {
        true => long.as_str(),
        false => "too small",
    };
    if area.height > 0 {
        fill(buf, Rect::new(area.x, area.y, area.width, 1), style);
        put(
            buf,
            mode,
            (area.x, area.y),
            message,
            area.width as usize,
            style,
        );
    }
}
