//! The file list: every loaded file with its locale and size; typing filters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::{clear_popup, put};
use crate::tui::app::{App, FileList};

pub fn draw(app: &App, list: &FileList, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let width = area.width.saturating_sub(4);
    let height = area.height.saturating_sub(2);
    let popup = Rect::new(area.x + 2, area.y + 1, width, height);
    clear_popup(buf, popup, theme.popup);
    let title = format!(
        " files: {} of {} · filter: {}▏",
        list.matches.len(),
        app.store.docs.len(),
        list.filter
    );
    put(
        buf,
        app.width_mode,
        (popup.x, popup.y),
        &title,
        popup.width as usize,
        theme.popup.patch(theme.pane_title),
    );
    let rows = height.saturating_sub(1) as usize;
    let first = list.selected.saturating_sub(rows.saturating_sub(1));
    for (i, &doc) in list.matches.iter().enumerate().skip(first).take(rows) {
        let d = &app.store.docs[doc];
        let p = app.progress(doc);
        let line = format!(
            " {:<6} {:>5}/{:<5} {:>3}%  ✗{:<3} !{:<3} {}",
            d.locale,
            p.reviewed,
            p.segments,
            p.percent(),
            p.bad,
            p.suspicious,
            d.path
        );
        let mut style = theme.popup;
        if i == list.selected {
            style = style.patch(theme.selection);
        }
        let y = popup.y + 1 + (i - first) as u16;
        super::text::fill(buf, Rect::new(popup.x, y, popup.width, 1), style);
        put(
            buf,
            app.width_mode,
            (popup.x, y),
            &line,
            popup.width as usize,
            style,
        );
    }
}
