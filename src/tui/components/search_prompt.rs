//! The search prompt: the query is typed into the status bar and the panes
//! follow the first hit as it changes; Esc puts the cursor back.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::{Action, SearchAction};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{drawn_line, pasted};
use crate::tui::jump::Target;
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
            let hint = no_match_hint(session, &query, keymaps);
            let shown = drawn_line(&query);
            session.complain(format!("no match for “{shown}” in this file{hint}"));
        } else {
            let (next, prev, all) = (
                keymaps.label(Action::NextHit),
                keymaps.label(Action::PrevHit),
                keymaps.label(Action::SearchAll),
            );
            let hits = matching(session.search.hits.len());
            session.say(format!(
                "{hits} in this file; {next} next, {prev} previous, {all} all files"
            ));
        }
    }
}

/// After "no match": where else to look. An id or a number is something
/// to jump to (`:`), not text; other text may be in another file.
pub fn no_match_hint(session: &Session, query: &str, keymaps: &Keymaps) -> String {
    let jumps = session
        .jump_targets(query)
        .iter()
        .any(|t| matches!(t.target, Target::Segment { .. }));
    match jumps {
        true => format!("; {}{query} jumps to it", keymaps.label(Action::Jump)),
        false => format!(
            "; {} searches all loaded files",
            keymaps.label(Action::SearchAll)
        ),
    }
}

/// `1 segment matches`, `3 segments match`.
fn matching(count: usize) -> String {
    match count {
        1 => "1 segment matches".into(),
        n => format!("{n} segments match"),
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
        self.query.extend(pasted(text));
        session.set_query(&self.query, self.cursor_before);
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, SearchAction::Accept, "keep"),
            Hint::new(keymaps, SearchAction::Cancel, "cancel"),
        ]
    }

    fn status(&self, session: &Session) -> Option<String> {
        let query = drawn_line(&self.query);
        Some(format!(
            " /{query}▏ {}",
            matching(session.search.hits.len())
        ))
    }

    /// The prompt lives in the status bar; the panes show the hits.
    fn draw(&self, _ctx: &Context, _buf: &mut Buffer, _area: Rect) {}
}
