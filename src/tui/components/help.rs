//! The help screen: every mode's keys from the keymap in force, and the
//! automatic checks. Made when it opens, so it cannot drift from the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::check::CHECKS;
use crate::tui::action::HelpAction;
use crate::tui::cells::{clear_popup, popup_title, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::config::config_path;
use crate::tui::display::one_line;
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
    /// Section titles (`true`), then `keys  what they do`.
    lines: Vec<(String, bool)>,
    /// Where the config file is looked for, safe to draw.
    title: String,
}

impl Help {
    pub fn new(keymaps: &Keymaps) -> Help {
        let config = config_path().map_or("none".into(), |p| one_line(&p.display().to_string()));
        Help {
            scroll: 0,
            lines: lines(keymaps),
            title: format!(" sxs keys (config: {config}) "),
        }
    }

    pub fn lines(&self) -> &[(String, bool)] {
        &self.lines
    }

    /// The popup in a window of `area`.
    fn popup(area: Rect) -> Rect {
        let width = area.width.saturating_sub(4).min(100);
        let height = area.height.saturating_sub(2);
        Rect::new(area.x + (area.width - width) / 2, area.y + 1, width, height)
    }

    /// The last scroll position: the last line at the bottom of the popup,
    /// below its title row.
    fn last_scroll(&self, area: Rect) -> usize {
        let rows = Help::popup(area).height.saturating_sub(1) as usize;
        self.lines.len().saturating_sub(rows)
    }
}

/// Help's width for a key and what it does; the action's config name follows.
const KEYS: usize = 16;
const WHAT: usize = 48;

fn lines(keymaps: &Keymaps) -> Vec<(String, bool)> {
    let mut out = vec![
        (
            "Keys by mode. To rebind, name the mode and action in the config file:".into(),
            false,
        ),
        (
            "  keys: { normal: { mark_ok: [a] }, dialog: { omission: O } }".into(),
            false,
        ),
        ("Ctrl-C quits in every mode.".into(), false),
        (String::new(), false),
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
                    out.push((String::new(), false));
                }
                section = binding.section;
                out.push((heading, true));
            }
            let line = format!(
                "  {:<KEYS$} {:<WHAT$} {}",
                map.label(index),
                binding.help,
                binding.name
            );
            out.push((line, false));
        }
        out.push((String::new(), false));
    }
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

impl Component for Help {
    fn mode(&self) -> &'static str {
        "help"
    }

    /// Any key the help does not bind closes it.
    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let (width, height) = session.size;
        let last = self.last_scroll(Rect::new(0, 0, width, height));
        match keymaps.action::<HelpAction>(key) {
            Some(HelpAction::Down) => self.scroll = (self.scroll + 1).min(last),
            Some(HelpAction::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(HelpAction::Close) | None => return Outcome::Close,
        }
        Outcome::Stay
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
        clear_popup(buf, popup, theme.popup);
        let scroll = self.scroll.min(self.last_scroll(area));
        popup_title(buf, theme, mode, popup, &self.title);
        let room = popup.width.saturating_sub(2) as usize;
        let shown = self
            .lines
            .iter()
            .skip(scroll)
            .take(popup.height.saturating_sub(1) as usize);
        for (i, (text, heading)) in shown.enumerate() {
            let style = match heading {
                true => theme.popup.patch(theme.heading),
                false => theme.popup,
            };
            put(
                buf,
                mode,
                (popup.x + 1, popup.y + 1 + i as u16),
                text,
                room,
                style,
            );
        }
    }
}
