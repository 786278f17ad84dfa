//! The picker of what a WMT MQM review shows: everything, one system's
//! documents, or the segments one rater marked an error in. Typing filters
//! the choices; Enter takes one (a choice in force again: stops it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::ScopeAction;
use crate::tui::cells::{fill, framed_popup, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{one_line, pasted, plural};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Everything,
    System(String),
    Rater(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopePicker {
    pub filter: String,
    /// Index into `matches`.
    pub selected: usize,
    /// Indices into `choices` that the filter matches.
    pub matches: Vec<usize>,
    /// Every choice, with its line as the list shows it (safe to draw).
    choices: Vec<(Choice, String)>,
    /// The filter, safe to draw.
    shown_filter: String,
}

impl ScopePicker {
    /// The choices of the loaded files; `Err` when none is a WMT MQM file.
    pub fn new(session: &Session) -> Result<ScopePicker, String> {
        let wmt = &session.wmt;
        if wmt.is_empty() {
            return Err(
                "no WMT MQM file is loaded: there are no systems or raters to choose".into(),
            );
        }
        let scope = &session.scope;
        let mark = |on: bool| if on { "•" } else { " " };
        let mut choices = vec![(
            Choice::Everything,
            format!(
                "{} everything: every system's documents, every segment",
                mark(scope.is_everything())
            ),
        )];
        for system in &wmt.systems {
            let docs = session
                .wmt
                .order()
                .iter()
                .filter(|&&d| wmt.system(d) == Some(system.as_str()))
                .count();
            let on = scope.system.as_ref() == Some(system);
            choices.push((
                Choice::System(system.clone()),
                format!(
                    "{} system  {:<24} its translations: {}",
                    mark(on),
                    one_line(system),
                    plural(docs, "document", "documents")
                ),
            ));
        }
        for rater in &wmt.raters {
            let on = scope.rater.as_ref() == Some(rater);
            choices.push((
                Choice::Rater(rater.clone()),
                format!(
                    "{} rater   {:<24} marked errors in {}",
                    mark(on),
                    one_line(rater),
                    plural(session.marked_by(rater), "segment", "segments")
                ),
            ));
        }
        let mut picker = ScopePicker {
            filter: String::new(),
            selected: 0,
            matches: Vec::new(),
            choices,
            shown_filter: String::new(),
        };
        picker.refilter();
        Ok(picker)
    }

    fn refilter(&mut self) {
        self.shown_filter = one_line(&self.filter);
        let filter = self.filter.to_lowercase();
        self.matches = (0..self.choices.len())
            .filter(|&i| self.choices[i].1.to_lowercase().contains(&filter))
            .collect();
        self.selected = 0;
    }

    /// Carries out a choice; one already in force stops.
    fn choose(choice: &Choice, session: &mut Session) {
        match choice {
            Choice::Everything => {
                session.set_rater(None);
                session.set_system(None);
            }
            Choice::System(system) if session.scope.system.as_ref() == Some(system) => {
                session.set_system(None)
            }
            Choice::System(system) => session.set_system(Some(system.clone())),
            Choice::Rater(rater) if session.scope.rater.as_ref() == Some(rater) => {
                session.choose_rater(None)
            }
            Choice::Rater(rater) => session.choose_rater(Some(rater.clone())),
        }
    }
}

impl Component for ScopePicker {
    fn mode(&self) -> &'static str {
        "scope"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let last = self.matches.len().saturating_sub(1);
        match keymaps.text_action::<ScopeAction>(key) {
            Some(ScopeAction::Close) => return Outcome::Close,
            Some(ScopeAction::Choose) => {
                if let Some(&i) = self.matches.get(self.selected) {
                    ScopePicker::choose(&self.choices[i].0, session);
                }
                return Outcome::Close;
            }
            Some(ScopeAction::Down) => self.selected = (self.selected + 1).min(last),
            Some(ScopeAction::Up) => self.selected = self.selected.saturating_sub(1),
            Some(ScopeAction::DeleteChar) => {
                self.filter.pop();
                self.refilter();
            }
            None => {
                if let Some(c) = key.text() {
                    self.filter.push(c);
                    self.refilter();
                }
            }
        }
        Outcome::Stay
    }

    fn paste(&mut self, text: &str, _session: &mut Session) {
        self.filter.extend(pasted(text));
        self.refilter();
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::text("type to filter"),
            Hint::new(keymaps, ScopeAction::Choose, "show"),
            Hint::new(keymaps, ScopeAction::Close, "close"),
        ]
    }

    /// Framed across the whole width, above the status bar.
    fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect) {
        let (theme, mode) = (ctx.theme, ctx.session.width_mode);
        let height = (self.matches.len() as u16 + 2)
            .max(3)
            .min(area.height.saturating_sub(2));
        let popup = Rect::new(
            area.x,
            area.bottom().saturating_sub(1 + height),
            area.width,
            height,
        );
        let title = format!(" show: • in force · filter: {}▏ ", self.shown_filter);
        let inner = framed_popup(buf, theme, mode, popup, &title);
        let rows = inner.height as usize;
        let first = self.selected.saturating_sub(rows.saturating_sub(1));
        for (i, &choice) in self.matches.iter().enumerate().skip(first).take(rows) {
            let style = match i == self.selected {
                true => theme.popup.patch(theme.selection),
                false => theme.popup,
            };
            let y = inner.y + (i - first) as u16;
            fill(buf, Rect::new(inner.x, y, inner.width, 1), style);
            let line = &self.choices[choice].1;
            put(
                buf,
                mode,
                (inner.x + 1, y),
                line,
                inner.width as usize - 1,
                style,
            );
        }
    }
}
