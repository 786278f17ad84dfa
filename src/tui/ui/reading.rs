//! Reading mode: one locale as a flowing document across the whole width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::{Look, draw_line, fill, put};
use crate::text::BaseDirection;
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
    put(
        buf,
        app.width_mode,
        (1, 1),
        &format!("{locale} · reading"),
        geo.width as usize,
        theme.pane_title,
    );
    let body = Rect::new(0, geo.body_top, geo.width, geo.body_height);
    fill(buf, body, theme.text);
    let direction = match reading.source {
        true => BaseDirection::Ltr,
        false => BaseDirection::for_locale(locale),
    };
    let look = Look {
        theme,
        base: theme.text,
        overlay: None,
        mode: geo.mode,
    };
    let shown = reading
        .lines
        .iter()
        .skip(reading.top)
        .take(body.height as usize);
    for (i, line) in shown.enumerate() {
        let area = Rect::new(1, body.y + i as u16, geo.width.saturating_sub(2), 1);
        draw_line(buf, area, &line.visual(direction), &look);
    }
}
