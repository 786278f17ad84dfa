//! The help screen: every mode's keys from the keymap in force, what the
//! bars show, and the automatic checks. Made when it opens, so it cannot
//! drift from the keys; wrapped to the window (again at a resize), each
//! description under itself so that none stops mid-word.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::check::CHECKS;
use crate::text::{WidthMode, str_width, wrap};
use crate::tui::action::HelpAction;
use crate::tui::cells::{framed_popup, put};
use crate::tui::checks::CheckChoice;
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{drawn_line, one_line};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;

/// One line of help before wrapping: a column that stays as it is (keys,
/// a check's name) and the text after it, which wraps under itself.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    head: String,
    body: String,
    heading: bool,
}

impl Item {
    fn text(body: impl Into<String>) -> Item {
        Item {
            head: String::new(),
            body: body.into(),
            heading: false,
        }
    }

    fn heading(body: impl Into<String>) -> Item {
        Item {
            heading: true,
            ..Item::text(body)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
    items: Vec<Item>,
    /// The items wrapped to the popup: (text, is a heading).
    shown: Vec<(String, bool)>,
}

/// Help's width for a key and what it does; the action's config name follows.
const KEYS: usize = 16;
const WHAT: usize = 48;

impl Help {
    pub fn new(keymaps: &Keymaps, session: &Session) -> Help {
        let mut help = Help {
            scroll: 0,
            items: items(keymaps, session.config_file.as_deref(), &session.checks),
            shown: Vec::new(),
        };
        help.resize(session);
        help
    }

    /// Every line before wrapping, as one string each (`  j/↓  next segment
    /// next_segment`), headings marked `true`.
    pub fn lines(&self) -> Vec<(String, bool)> {
        self.items
            .iter()
            .map(|i| (format!("{}{}", i.head, i.body), i.heading))
            .collect()
    }

    /// The lines as the popup shows them, wrapped.
    pub fn shown(&self) -> &[(String, bool)] {
        &self.shown
    }

    /// The popup in a window of `area`.
    fn popup(area: Rect) -> Rect {
        let width = area.width.saturating_sub(4).min(100);
        let height = area.height.saturating_sub(2);
        Rect::new(area.x + (area.width - width) / 2, area.y + 1, width, height)
    }

    /// Rows of text inside the popup's frame.
    fn rows(area: Rect) -> usize {
        Help::popup(area).height.saturating_sub(2) as usize
    }

    /// The last scroll position: the last line at the bottom of the popup.
    fn last_scroll(&self, area: Rect) -> usize {
        self.shown.len().saturating_sub(Help::rows(area))
    }
}

/// Wraps `item` into `room` cells: the head, then the body wrapped under
/// itself. A head as wide as the room leaves the body its own lines.
fn lay_out(item: &Item, room: usize, mode: WidthMode, out: &mut Vec<(String, bool)>) {
    let head = str_width(&item.head, mode);
    let (indent, first_alone) = match head + 8 <= room {
        true => (head, false),
        false => (4.min(room / 2), !item.head.is_empty()),
    };
    if first_alone {
        out.push((item.head.clone(), item.heading));
    }
    let body_room = room.saturating_sub(indent).max(1);
    for (i, line) in wrap(&item.body, body_room, mode).iter().enumerate() {
        // A check's description may quote Hebrew (`hebrew-prefix-split`).
        let text = drawn_line(&item.body[line.range()]);
        let lead = match (i, first_alone) {
            (0, false) => item.head.clone(),
            _ => " ".repeat(indent),
        };
        out.push((format!("{lead}{text}"), item.heading));
    }
}

fn items(keymaps: &Keymaps, config: Option<&Path>, checks: &CheckChoice) -> Vec<Item> {
    let config = match config {
        Some(path) if path.exists() => one_line(&path.display().to_string()),
        Some(path) => format!(
            "{} (not there: the defaults are in force)",
            one_line(&path.display().to_string())
        ),
        None => "none: the defaults are in force".into(),
    };
    let mut out = vec![
        Item::text(format!("Config file: {config}")),
        Item::text(
            "Keys by mode. To rebind, name the mode and action in the config file: \
             keys: { normal: { mark_ok: [a] }, dialog: { omission: O } }",
        ),
        Item::text(
            "Ctrl-C quits and Ctrl-Z suspends in every mode. Digits before a move repeat it (5j) or name the segment (40G).",
        ),
        Item::text(""),
        Item::heading("The screen"),
        Item::text(
            "Top bar: the file, its locale, HT (human translation) or MT (machine \
             translation) as its front matter says, its title, and which of the loaded files it is.",
        ),
        Item::text(
            "Gutter: ✓ ok, ✗ bad (styled as its worst error), ~ stale (the target changed \
             since it was marked), ! a check found something. Dimmed rows marked ┆ are the \
             document's context (code, includes): shown, never reviewed.",
        ),
        Item::text(
            "Marked spans are highlighted by severity: neutral, minor, major, critical \
             (without colour: dim underlined, underlined, bold underlined, reversed). The line above \
             the status bar lists the errors, worst first; ~«…» is a span whose text is gone.",
        ),
        Item::text(""),
    ];
    for map in keymaps.all() {
        let table = map.table();
        let mut section = "";
        for (index, binding) in table.bindings.iter().enumerate() {
            if binding.section != section {
                let heading = match section.is_empty() {
                    true => format!("{} · {}", binding.section, table.mode),
                    false => binding.section.to_string(),
                };
                if !section.is_empty() {
                    out.push(Item::text(""));
                }
                section = binding.section;
                out.push(Item::heading(heading));
            }
            // The config name in its column; after a description too long
            // for its own, set apart so that it never reads as its last word.
            let body = match binding.help.chars().count() < WHAT {
                true => format!("{:<WHAT$} {}", binding.help, binding.name),
                false => format!("{} · {}", binding.help, binding.name),
            };
            out.push(Item {
                head: format!("  {:<KEYS$} ", map.label(index)),
                body,
                heading: false,
            });
        }
        out.push(Item::text(""));
    }
    out.push(Item::heading(
        "Automatic checks (! in the gutter), each with its state in force",
    ));
    out.push(Item::text(
        "Choose them with --only and --skip (as sxs check), or checks: { only: [...], skip: [...] } in the config file",
    ));
    for check in CHECKS {
        out.push(Item {
            head: format!("  {:<22} {:<8} ", check.name, check.severity),
            body: format!("[{}] {}", checks.state(check), check.description),
            heading: false,
        });
    }
    out
}

impl Component for Help {
    fn mode(&self) -> &'static str {
        "help"
    }

    /// Any key the help does not bind closes it.
    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let (width, height) = session.size;
        let area = Rect::new(0, 0, width, height);
        let (last, page) = (self.last_scroll(area), Help::rows(area).max(1));
        match keymaps.action::<HelpAction>(key) {
            Some(HelpAction::Down) => self.scroll = (self.scroll + 1).min(last),
            Some(HelpAction::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(HelpAction::PageDown) => self.scroll = (self.scroll + page).min(last),
            Some(HelpAction::PageUp) => self.scroll = self.scroll.saturating_sub(page),
            Some(HelpAction::Last) => self.scroll = last,
            Some(HelpAction::First) => self.scroll = 0,
            Some(HelpAction::Close) | None => return Outcome::Close,
        }
        Outcome::Stay
    }

    fn resize(&mut self, session: &Session) {
        let (width, height) = session.size;
        // Inside the frame, a space on either side.
        let room = Help::popup(Rect::new(0, 0, width, height))
            .width
            .saturating_sub(4) as usize;
        self.shown.clear();
        for item in &self.items {
            lay_out(item, room.max(1), session.width_mode, &mut self.shown);
        }
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, HelpAction::Down, "down"),
            Hint::new(keymaps, HelpAction::Up, "up"),
            Hint::text("any other key closes"),
        ]
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect) {
        let (theme, mode) = (ctx.theme, ctx.session.width_mode);
        let popup = Help::popup(area);
        let scroll = self.scroll.min(self.last_scroll(area));
        let title = match self.shown.len() > Help::rows(area) {
            true => format!(" sxs help · line {}/{} ", scroll + 1, self.shown.len()),
            false => " sxs help ".to_string(),
        };
        let inner = framed_popup(buf, theme, mode, popup, &title);
        let room = inner.width.saturating_sub(2) as usize;
        let shown = self.shown.iter().skip(scroll).take(inner.height as usize);
        for (i, (text, heading)) in shown.enumerate() {
            let style = match heading {
                true => theme.popup.patch(theme.heading),
                false => theme.popup,
            };
            put(
                buf,
                mode,
                (inner.x + 1, inner.y + i as u16),
                text,
                room,
                style,
            );
        }
    }
}
