//! The search prompt: the query is typed into the status bar and the panes
//! follow the first hit as it changes; Esc puts the cursor back.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::{Action, SearchAction};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::one_line;
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPrompt {
    pub query: String,
    /// Where the cursor was when the search began.
    pub cursor_before: usize,
}

impl SearchPrompt {
    pub fn new(session: &Session) -> SearchPrompt {
        SearchPrompt {
            query: String::new(),
            cursor_before: session.position().cursor,
        }
    }

    fn accept(&mut self, session: &mut Session, keymaps: &Keymaps) {
        let query = std::mem::take(&mut self.query);
        if query.is_empty() {
            session.search.clear();
        } else if session.search.hits.is_empty() {
            session.complain(format!("no match for {query:?} in this file"));
        } else {
            let (next, prev) = (
                keymaps.label(Action::NextHit),
                keymaps.label(Action::PrevHit),
            );
            let hits = session.search.hits.len();
            session.say(format!(
                "{hits} segments match; {next} next, {prev} previous"
            ));
        }
    }
}

impl Component for SearchPrompt {
    fn mode(&self) -> &'static str {
        "search"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        match keymaps.text_action::<SearchAction>(key) {
            Some(SearchAction::Cancel) => {
                session.search.clear();
                session.go_to(self.cursor_before);
                return Outcome::Close;
            }
            Some(SearchAction::Accept) => {
                self.accept(session, keymaps);
                return Outcome::Close;
            }
            Some(SearchAction::DeleteChar) => {
                self.query.pop();
            }
            None => match key.text() {
                Some(c) => self.query.push(c),
                None => return Outcome::Stay,
            },
        }
        session.set_query(&self.query, self.cursor_before);
        Outcome::Stay
    }

    /// Pasted text is typed, line breaks and other controls as spaces.
    fn paste(&mut self, text: &str, session: &mut Session) {
        let clean = text.chars().map(|c| if c.is_control() { ' ' } else { c });
        self.query.extend(clean);
        session.set_query(&self.query, self.cursor_before);
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, SearchAction::Accept, "keep"),
            Hint::new(keymaps, SearchAction::Cancel, "cancel"),
        ]
    }

    fn status(&self, session: &Session) -> Option<String> {
        let query = one_line(&self.query);
        let hits = session.search.hits.len();
        Some(format!(" /{query}▏ {hits} matching"))
    }

    /// The prompt lives in the status bar; the panes show the hits.
    fn draw(&self, _ctx: &Context, _buf: &mut Buffer, _area: Rect) {}
}
