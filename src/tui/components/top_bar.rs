//! The top bar: the open file, its locale, translation type and title, and
//! which of the loaded files it is. Its text is the document's label, made
//! when the document was first opened.
//!
//! When the bar is too narrow, the title goes first, then the path is
//! shortened from the left (`…/partner-center/file.md`), then the
//! translation type and the locale go: the file name and the count stay,
//! since they tell which file this is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{WidthMode, grapheme_width, str_width};
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
    let room = (area.width as usize).saturating_sub(str_width(&count, mode));
    let file_name = label.path.rsplit('/').next().unwrap_or_default();
    // What goes beside the path, from all of it to nothing, as the room
    // for the file name runs out.
    let abouts = [
        format!(" · {} · {}", label.locale, label.translation_type),
        format!(" · {}", label.locale),
        String::new(),
    ];
    let path_room = |about: &str| room.saturating_sub(1 + str_width(about, mode));
    let text = match str_width(&label.path, mode) <= path_room(&abouts[0]) {
        true => format!(" {}{} · {}", label.path, abouts[0], label.title),
        false => {
            let about = abouts
                .iter()
                .find(|a| str_width(file_name, mode) + 2 <= path_room(a))
                .unwrap_or(&abouts[2]);
            let path = shorten_left(&label.path, path_room(about), mode);
            format!(" {path}{about}")
        }
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

/// `path` in at most `max` cells: whole, or `…` and as much of its end as
/// fits, from a `/` when one is in what fits.
fn shorten_left(path: &str, max: usize, mode: WidthMode) -> String {
    if str_width(path, mode) <= max {
        return path.to_string();
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut start = path.len();
    for (at, g) in path.grapheme_indices(true).rev() {
        used += grapheme_width(g, mode);
        if used > room {
            break;
        }
        start = at;
    }
    let tail = &path[start..];
    let tail = match tail.find('/') {
        Some(slash) if slash + 1 < tail.len() => &tail[slash..],
        _ => tail,
    };
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_keeps_its_end_from_a_slash() {
        let path =
            "tests/fixtures/corpus/partner-center-pr.de-de/partner-center/software-assurance-lp.md";
        let short = shorten_left(path, 44, WidthMode::Narrow);
        assert_eq!(short, "…/partner-center/software-assurance-lp.md");
        assert!(str_width(&short, WidthMode::Narrow) <= 44);
        assert_eq!(shorten_left(path, 12, WidthMode::Narrow), "…rance-lp.md");
        assert_eq!(shorten_left("a.md", 12, WidthMode::Narrow), "a.md");
    }
}
