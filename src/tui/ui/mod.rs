//! Drawing: a pure function of the `App`. Nothing here changes state, parses
//! or touches the disk; text is written cell-exactly into the buffer and every
//! row is padded, so no stale cell survives from an earlier frame.

mod bars;
mod dialog;
mod files;
mod help;

pub use help::lines as help_lines;
mod panes;
mod reading;
mod text;

use ratatui::Frame;
use ratatui::buffer::Buffer;

use self::text::put;
use ratatui::layout::Rect;

use super::app::{App, Mode};
use super::layout::Arrangement;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let geo = app.geometry();
    if geo.arrangement == Arrangement::TooSmall {
        return too_small(app, area, buf);
    }
    bars::top(app, buf, row(area, 0));
    match &app.mode {
        Mode::Reading(reading) => reading::draw(app, reading, buf, &geo),
        _ => panes::draw(app, buf, &geo),
    }
    if let Some(y) = geo.detail {
        bars::detail(app, buf, row(area, y));
    }
    bars::status(app, buf, row(area, area.height - 1));
    match &app.mode {
        Mode::Help { scroll } => help::draw(app, *scroll, buf, area),
        Mode::FileList(list) => files::draw(app, list, buf, area),
        Mode::Mark(dialog) => dialog::draw(app, dialog, buf, &geo),
        _ => {}
    }
}

fn row(area: Rect, y: u16) -> Rect {
    Rect::new(area.x, area.y + y, area.width, 1)
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let long = format!(
        "window too small: {}×{}, sxs needs {}×{}",
        area.width,
        area.height,
        super::layout::MIN_WIDTH,
        super::layout::MIN_HEIGHT
    );
    let message = if long.chars().count() <= area.width as usize {
        long
    } else {
        "too small".into()
    };
    if area.height > 0 {
        text::fill(buf, row(area, 0), app.theme.error);
        put(
            buf,
            app.width_mode,
            (area.x, area.y),
            &message,
            area.width as usize,
            app.theme.error,
        );
    }
}
