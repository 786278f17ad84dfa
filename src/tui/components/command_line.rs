//! The `:` command line: what is typed goes into the status bar, and a
//! list above it offers where Enter would go (a file line, segments by id,
//! files by name), the first chosen; Tab and the arrows choose another.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::CommandAction;
use crate::tui::cells::{fill, framed_popup, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{drawn_line, pasted};
use crate::tui::jump::Candidate;
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;

/// What the list says before anything is typed.
const USAGE: [&str; 3] = [
    ":ID     a segment id, or its start (d0bf8-140, d0bf8-14)",
    ":LINE   a line of this file (40)",
    ":FILE   a file, matched fuzzily (faq ja)",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    pub input: String,
    pub targets: Vec<Candidate>,
    /// Index into `targets`.
    pub selected: usize,
    /// The input as drawn: safe, right-to-left runs in visual order.
    shown: String,
}

impl CommandLine {
    pub fn new() -> CommandLine {
        CommandLine {
            input: String::new(),
            targets: Vec::new(),
            selected: 0,
            shown: String::new(),
        }
    }

    fn changed(&mut self, session: &Session) {
        self.shown = drawn_line(&self.input);
        self.targets = session.jump_targets(&self.input);
        self.selected = 0;
    }
}

impl Default for CommandLine {
    fn default() -> Self {
        CommandLine::new()
    }
}

impl Component for CommandLine {
    fn mode(&self) -> &'static str {
        "command"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let count = self.targets.len().max(1);
        match keymaps.text_action::<CommandAction>(key) {
            Some(CommandAction::Cancel) => return Outcome::Close,
            Some(CommandAction::Accept) => {
                match self.targets.get(self.selected) {
                    Some(target) => session.jump(target.target),
                    None if self.input.trim().is_empty() => {}
                    None => {
                        let input = &self.input;
                        session.complain(format!("no line, segment id or file matches :{input}"));
                    }
                }
                return Outcome::Close;
            }
            Some(CommandAction::Down) => self.selected = (self.selected + 1) % count,
            Some(CommandAction::Up) => self.selected = (self.selected + count - 1) % count,
            Some(CommandAction::DeleteChar) => {
                self.input.pop();
                self.changed(session);
            }
            None => {
                if let Some(c) = key.text() {
                    self.input.push(c);
                    self.changed(session);
                }
            }
        }
        Outcome::Stay
    }

    fn paste(&mut self, text: &str, session: &mut Session) {
        self.input.extend(pasted(text));
        self.changed(session);
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, CommandAction::Accept, "go"),
            Hint::new(keymaps, CommandAction::Down, "next"),
            Hint::new(keymaps, CommandAction::Cancel, "cancel"),
        ]
    }

    fn status(&self, _session: &Session) -> Option<String> {
        Some(format!(" :{}▏", self.shown))
    }

    /// The list of targets, framed, just above the status bar.
    fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect) {
        let (theme, mode) = (ctx.theme, ctx.session.width_mode);
        let lines: Vec<&str> = match (self.input.trim().is_empty(), self.targets.is_empty()) {
            (true, _) => USAGE.to_vec(),
            (false, true) => vec!["nothing matches: no such line, segment id or file"],
            (false, false) => self.targets.iter().map(|t| t.label.as_str()).collect(),
        };
        let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
        let popup = Rect::new(
            area.x,
            area.bottom().saturating_sub(1 + height),
            area.width,
            height,
        );
        let title = match self.targets.len() {
            0 => " jump to ".to_string(),
            1 => " jump to: 1 target ".to_string(),
            n => format!(" jump to: {n} targets "),
        };
        let inner = framed_popup(buf, theme, mode, popup, &title);
        for (i, line) in lines.iter().take(inner.height as usize).enumerate() {
            let y = inner.y + i as u16;
            let chosen = !self.targets.is_empty() && i == self.selected;
            let style = match chosen {
                true => theme.popup.patch(theme.selection),
                false => theme.popup,
            };
            fill(buf, Rect::new(inner.x, y, inner.width, 1), style);
            put(
                buf,
                mode,
                (inner.x + 1, y),
                line,
                inner.width.saturating_sub(1) as usize,
                style,
            );
        }
    }
}
