//! Reading mode: one locale as a flowing document across the whole width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::{Piece, draw as draw_piece, fill};
use crate::tui::app::App;
use crate::tui::layout::Geometry;
use crate::tui::reading::Reading;

pub fn draw(app: &App, reading: &Reading, buf: &mut Buffer, geo: &Geometry) {
    let theme = &app.theme;
    fill(buf, Rect::new(0, 1, geo.width, 1), theme.text);
    let locale = if reading.source {
        "en-us"
    } else {
        app.store.docs[app.doc].locale.as_str()
    };
    buf.set_stringn(
        1,
        1,
        format!("{locale} · reading"),
        geo.width as usize,
        theme.pane_title,
    );
    let body = Rect::new(0, geo.body_top, geo.width, geo.body_height);
    fill(buf, body, theme.text);
    for (i, line) in reading
        .lines
        .iter()
        .skip(reading.top)
        .take(body.height as usize)
        .enumerate()
    {
        let piece = Piece {
            prefix: &line.prefix,
            text: &line.text,
            range: line.range.clone(),
            hits: &[],
            overlay: None,
        };
        draw_piece(
            buf,
            1,
            body.y + i as u16,
            geo.width.saturating_sub(2),
            &piece,
            theme,
            theme.text,
        );
    }
}
