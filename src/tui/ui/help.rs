//! The help screen, generated from the keymap so that it cannot drift.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::{clear_popup, put};
use crate::check::CHECKS;
use crate::tui::action::{Action, Section};
use crate::tui::app::App;

/// Help text lines: section titles, then `keys  what they do`.
pub fn lines(app: &App) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for section in Section::ALL {
        out.push((section.title().to_string(), true));
        for action in Action::ALL.iter().filter(|a| a.section() == section) {
            out.push((
                format!("  {:<16} {}", app.keymap.label(*action), action.describe()),
                false,
            ));
        }
        out.push((String::new(), false));
    }
    out.push((
        "In search, the file list and dialogs: Enter accepts, Esc cancels.".into(),
        false,
    ));
    out.push((String::new(), false));
    out.push(("Automatic checks (! in the gutter)".into(), true));
    for check in CHECKS {
        let line = format!(
            "  {:<20} {:<8} {}",
            check.name, check.severity, check.description
        );
        out.push((line, false));
    }
    out
}

pub fn draw(app: &App, scroll: usize, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let width = area.width.saturating_sub(4).min(78);
    let height = area.height.saturating_sub(2);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + 1, width, height);
    clear_popup(buf, popup, theme.popup);
    let lines = lines(app);
    let scroll = scroll.min(lines.len().saturating_sub(height as usize));
    let title = " sxs keys (config: ~/.config/sxs/config.yaml) ";
    put(
        buf,
        app.width_mode,
        (popup.x, popup.y),
        title,
        popup.width as usize,
        theme.popup.patch(theme.pane_title),
    );
    for (i, (text, heading)) in lines
        .iter()
        .skip(scroll)
        .take(height.saturating_sub(1) as usize)
        .enumerate()
    {
        let style = if *heading {
            theme.popup.patch(theme.heading)
        } else {
            theme.popup
        };
        put(
            buf,
            app.width_mode,
            (popup.x + 1, popup.y + 1 + i as u16),
            text,
            popup.width.saturating_sub(2) as usize,
            style,
        );
    }
}
