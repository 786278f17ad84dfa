//! The top bar: the open file, its locale, translation type and title, and
//! which of the loaded files it is. Its text is the document's label, made
//! when the document was first opened.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::str_width;
use crate::tui::cells::{fill, put};
use crate::tui::component::Context;

pub fn draw(ctx: &Context, buf: &mut Buffer, area: Rect) {
    let (session, style) = (ctx.session, ctx.theme.top_bar);
    let mode = session.width_mode;
    fill(buf, area, style);
    let Some(label) = session.displays.label(session.doc) else {
        let text = " no segment files loaded";
        put(
            buf,
            mode,
            (area.x, area.y),
            text,
            area.width as usize,
            style,
        );
        return;
    };
    let count = format!(" {}/{} ", session.doc + 1, session.store.docs.len());
    let text = format!(
        " {} · {} · {} · {}",
        label.path, label.locale, label.translation_type, label.title
    );
    let room = (area.width as usize).saturating_sub(str_width(&count, mode));
    put(buf, mode, (area.x, area.y), &text, room, style);
    if room > 0 {
        let rest = area.width as usize - room;
        put(
            buf,
            mode,
            (area.x + room as u16, area.y),
            &count,
            rest,
            style,
        );
    }
}
