//! The mark dialog, drawn over the bottom of the panes. Its legend comes from
//! the dialog's own key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::{clear_popup, fill, put};
use crate::mqm;
use crate::text::{WidthMode, sanitize, str_width};
use crate::tui::app::App;
use crate::tui::dialog::{CATEGORY_KEYS, COMMENT_KEY, MarkDialog, SEVERITY_KEYS};
use crate::tui::layout::Geometry;

/// Places labelled items left to right, starting a new line when one does not fit.
struct Flow<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    mode: WidthMode,
}

impl Flow<'_> {
    fn item(&mut self, text: &str, style: Style) {
        let width = str_width(text, self.mode) as u16 + 2;
        if self.x > self.area.x + 1 && self.x + width > self.area.right() {
            self.newline();
        }
        if self.y < self.area.bottom() {
            let room = (self.area.right().saturating_sub(self.x)) as usize;
            self.x = put(self.buf, self.mode, (self.x, self.y), text, room, style) + 2;
        }
    }

    fn newline(&mut self) {
        self.x = self.area.x + 1;
        self.y += 1;
    }
}

/// Lines the dialog needs at this width: title, four category lines,
/// severity, comment, and room for the longest lines to wrap when narrow.
fn height(width: u16) -> u16 {
    if width >= 90 { 7 } else { 11 }
}

pub fn draw(app: &App, dialog: &MarkDialog, buf: &mut Buffer, geo: &Geometry) {
    let theme = &app.theme;
    let want = height(geo.width).min(geo.body_height);
    let area = Rect::new(0, geo.body_top + geo.body_height - want, geo.width, want);
    clear_popup(buf, area, theme.popup);
    let id = app
        .store
        .docs
        .get(app.doc)
        .and_then(|d| d.segments.get(app.position().cursor))
        .map_or("", |s| s.id.as_str());
    let title = format!(" Mark bad · {id} · Enter save · Esc cancel · Tab comment ");
    fill(
        buf,
        Rect::new(area.x, area.y, area.width, 1),
        theme.popup.patch(theme.pane_title),
    );
    put(
        buf,
        app.width_mode,
        (area.x, area.y),
        &title,
        area.width as usize,
        theme.popup.patch(theme.pane_title),
    );

    let chosen = theme.popup.patch(theme.selection).patch(theme.bold);
    let mut flow = Flow {
        buf,
        area,
        x: area.x + 1,
        y: area.y + 1,
        mode: geo.mode,
    };
    // One line per MQM dimension; the dimensions without subtypes share one.
    let mut group = "";
    for (key, code) in CATEGORY_KEYS {
        let Some(category) = mqm::category(code) else {
            continue;
        };
        let label = if category.subtype.is_some() {
            category.dimension
        } else {
            "Other"
        };
        if label != group {
            if !group.is_empty() {
                flow.newline();
            }
            group = label;
            flow.item(&format!("{label}:"), theme.popup.patch(theme.dim));
        }
        let name = category
            .subtype
            .unwrap_or(category.dimension)
            .to_lowercase();
        let style = if dialog.category == *code {
            chosen
        } else {
            theme.popup
        };
        flow.item(&format!("{key} {name}"), style);
    }
    flow.newline();
    flow.item("Severity:", theme.popup.patch(theme.dim));
    for (key, severity) in SEVERITY_KEYS {
        let style = if dialog.severity == severity {
            chosen
        } else {
            theme.popup
        };
        flow.item(&format!("{key} {severity}"), style);
    }
    flow.newline();
    let comment = sanitize(&dialog.comment).text().replace('\n', "⏎");
    let shown = match (dialog.typing, comment.is_empty()) {
        (true, _) => format!("Comment: {comment}▏"),
        (false, true) => format!("Comment: (Tab or {COMMENT_KEY} to type)"),
        (false, false) => format!("Comment: {comment}"),
    };
    let style = if dialog.typing { chosen } else { theme.popup };
    flow.item(&shown, style);
}
