//! Copy: one key after the copy key says what goes to the clipboard (the
//! target, the source, the id, the file and line), so `y` `y` copies the
//! target as in vi. Nothing is drawn but the hints in the status bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::CopyAction;
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::outside::Copied;
use crate::tui::session::Session;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CopyMenu;

impl Component for CopyMenu {
    fn mode(&self) -> &'static str {
        "copy"
    }

    /// Any key it does not bind copies nothing.
    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let what = match keymaps.action::<CopyAction>(key) {
            Some(CopyAction::Target) => Copied::Target,
            Some(CopyAction::Source) => Copied::Source,
            Some(CopyAction::Id) => Copied::Id,
            Some(CopyAction::Place) => Copied::Place,
            Some(CopyAction::Cancel) | None => return Outcome::Close,
        };
        session.copy(what);
        Outcome::Close
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::text("copy:"),
            Hint::new(keymaps, CopyAction::Target, "target"),
            Hint::new(keymaps, CopyAction::Source, "source"),
            Hint::new(keymaps, CopyAction::Id, "id"),
            Hint::new(keymaps, CopyAction::Place, "file:line"),
            Hint::new(keymaps, CopyAction::Cancel, "nothing"),
        ]
    }

    fn status(&self, _session: &Session) -> Option<String> {
        Some(" copy to the clipboard…".into())
    }

    fn draw(&self, _ctx: &Context, _buf: &mut Buffer, _area: Rect) {}
}
