//! What loading warned about (segment files that did not pair cleanly, notes
//! entries kept but not understood, config settings ignored), and why the
//! notes file is read-only when it is. Printed on stderr before the screen
//! opens, where the alternate screen hides them: this list shows them again.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::wrap;
use crate::tui::action::WarningsAction;
use crate::tui::cells::{framed_popup, put};
use crate::tui::component::{Component, Context, Hint, Outcome, complain_unbound};
use crate::tui::display::one_line;
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warnings {
    pub scroll: usize,
    /// Each warning, safe to draw.
    items: Vec<String>,
    /// The items wrapped to the popup's width; a continuation is indented.
    lines: Vec<String>,
}

impl Warnings {
    pub fn new(session: &Session) -> Warnings {
        let mut items = Vec::new();
        if let Some(reason) = session.notes.read_only_reason() {
            items.push(one_line(&format!(
                "read-only, marks are not saved: {reason}"
            )));
        }
        items.extend(session.warnings().iter().cloned());
        let mut list = Warnings {
            scroll: 0,
            items,
            lines: Vec::new(),
        };
        list.resize(session);
        list
    }

    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// Across the whole width, as the file list.
    fn popup(area: Rect) -> Rect {
        Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(2),
        )
    }

    /// Rows of text the popup shows at once, inside its frame.
    fn rows(session: &Session) -> usize {
        let (width, height) = session.size;
        Warnings::popup(Rect::new(0, 0, width, height))
            .height
            .saturating_sub(2) as usize
    }
}

/// Before the lines of a warning after its first.
const INDENT: &str = "  ";

impl Component for Warnings {
    fn mode(&self) -> &'static str {
        "warnings"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let page = Warnings::rows(session).max(1);
        let last = self.lines.len().saturating_sub(page);
        self.scroll = match keymaps.action::<WarningsAction>(key) {
            Some(WarningsAction::Close) => return Outcome::Close,
            Some(WarningsAction::Down) => self.scroll + 1,
            Some(WarningsAction::Up) => self.scroll.saturating_sub(1),
            Some(WarningsAction::PageDown) => self.scroll + page,
            Some(WarningsAction::PageUp) => self.scroll.saturating_sub(page),
            None => {
                let place = "the warnings";
                complain_unbound(session, keymaps, key, place, WarningsAction::Close);
                self.scroll
            }
        }
        .min(last);
        Outcome::Stay
    }

    fn resize(&mut self, session: &Session) {
        let (width, height) = session.size;
        let room = Warnings::popup(Rect::new(0, 0, width, height))
            .width
            .saturating_sub(4) as usize;
        // Wrapped to leave room for the indent of the lines after the first.
        let wrapped = room.saturating_sub(INDENT.len()).max(1);
        self.lines.clear();
        for item in &self.items {
            for (i, line) in wrap(item, wrapped, session.width_mode).iter().enumerate() {
                let indent = if i == 0 { "" } else { INDENT };
                self.lines.push(format!("{indent}{}", &item[line.range()]));
            }
        }
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, WarningsAction::Down, "down"),
            Hint::new(keymaps, WarningsAction::Up, "up"),
            Hint::new(keymaps, WarningsAction::Close, "close"),
        ]
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect) {
        let (theme, mode) = (ctx.theme, ctx.session.width_mode);
        let popup = Warnings::popup(area);
        let read_only = ctx.session.notes.is_read_only();
        let title = match ctx.session.warnings().len() {
            0 if read_only => " why marks are not saved ".into(),
            0 => " no warnings: the files, the notes file and the config loaded cleanly ".into(),
            1 => " 1 warning from loading ".to_string(),
            n => format!(" {n} warnings from loading "),
        };
        let inner = framed_popup(buf, theme, mode, popup, &title);
        let room = inner.width.saturating_sub(2) as usize;
        let rows = inner.height as usize;
        for (i, line) in self.lines.iter().skip(self.scroll).take(rows).enumerate() {
            put(
                buf,
                mode,
                (inner.x + 1, inner.y + i as u16),
                line,
                room,
                theme.popup,
            );
        }
    }
}
