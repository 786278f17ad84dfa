//! The top bar: the open file, its locale, translation type and title, and
//! which of the loaded files it is. Its text is the document's label, made
//! when the document was first opened.
//!
//! When the bar is too narrow, the title goes first, then the path is
//! shortened from the left (`…/partner-center/file.md`), then the
//! translation type and the locale go: the file name and the count stay,
//! since they tell which file this is.
//!
//! A document of a WMT MQM file is named by its `doc` and system, then its
//! locale and the file; the file goes first, then the locale.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::{BaseDirection, WidthMode, str_width};
use crate::tui::cells::{fill, put};
use crate::tui::component::Context;
use crate::tui::display::{DocLabel, shorten_end, shorten_left};

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
    let count = format!(
        " {}/{} ",
        session.wmt.rank(session.doc) + 1,
        session.store.docs.len()
    );
    let room = (area.width as usize).saturating_sub(str_width(&count, mode));
    let text = match &label.wmt {
        Some(wmt) => {
            let whole = format!(" {} · {}", wmt.name, wmt.system);
            [
                format!("{whole} · {} · {}", label.locale, wmt.file),
                format!("{whole} · {}", label.locale),
            ]
            .into_iter()
            .find(|t| str_width(t, mode) <= room)
            .unwrap_or(whole)
        }
        None => path_label(label, room, mode),
    };
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

/// A segment file's path, locale, translation type and title, in `room`.
fn path_label(label: &DocLabel, room: usize, mode: WidthMode) -> String {
    let file_name = label.path.rsplit('/').next().unwrap_or_default();
    // A file that names no translation type shows none: a bare `?` read as
    // the help key.
    let kind = match label.translation_type.as_str() {
        "" => String::new(),
        kind => format!(" · {kind}"),
    };
    // What goes beside the path, from all of it to nothing, as the room
    // for the file name runs out.
    let abouts = [
        format!(" · {}{kind}", label.locale),
        format!(" · {}", label.locale),
        String::new(),
    ];
    let path_room = |about: &str| room.saturating_sub(1 + str_width(about, mode));
    match str_width(&label.path, mode) <= path_room(&abouts[0]) {
        true => {
            let head = format!(" {}{}", label.path, abouts[0]);
            // The title in what is left, cut with `…`; none, no separator.
            let title_room = room.saturating_sub(str_width(&head, mode) + " · ".len());
            if label.title.is_empty() || title_room < 2 {
                return head;
            }
            let direction = BaseDirection::for_locale(&label.locale);
            let title = shorten_end(&label.title, title_room, mode, direction);
            format!("{head} · {title}")
        }
        false => {
            let about = abouts
                .iter()
                .find(|a| str_width(file_name, mode) + 2 <= path_room(a))
                .unwrap_or(&abouts[2]);
            let path = shorten_left(&label.path, path_room(about), mode);
            format!(" {path}{about}")
        }
    }
}
