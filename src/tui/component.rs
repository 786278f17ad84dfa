//! What every part of the review screen above the panes is, in gitui's
//! style: a component owns its state, takes the keys of its mode (from its
//! keymap table) and says what came of them, lists the hints for the status
//! bar, and draws itself.
//!
//! The modes (search prompt, file list, reading, mark dialog, help,
//! warnings) are components on a stack above the panes; the top one has the
//! keyboard. Components change the session, never each other: to open
//! another mode they ask `App` to run a normal-mode action.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::bindings::Bindable;
use super::keymap::Keymaps;
use super::keys::Key;
use super::session::Session;
use super::theme::Theme;

/// What a component draws with.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub session: &'a Session,
    pub theme: &'a Theme,
    pub keymaps: &'a Keymaps,
}

/// What came of a key.
pub enum Outcome {
    /// Handled; the component stays open.
    Stay,
    /// The component is done: it leaves the stack.
    Close,
    /// Carry out a normal-mode action (help from reading mode); the
    /// component stays below what the action opens.
    Run(Action),
    /// Carry out a normal-mode action with a count typed before it (`40G`,
    /// `5j`).
    Repeat(Action, usize),
    /// Open another mode above this one (span mode opens the mark dialog).
    Push(Box<dyn Component>),
    /// Done, and so are the modes below it: back to the panes (the mark
    /// dialog opened from span mode saved the error).
    Back,
}

/// A key worth knowing now, for the status bar: `Enter open`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// As the keymap in force names them; empty for a hint with no key
    /// (`type to filter`).
    pub keys: String,
    pub what: &'static str,
}

impl Hint {
    pub fn new<A: Bindable>(keymaps: &Keymaps, action: A, what: &'static str) -> Hint {
        Hint {
            keys: keymaps.label(action),
            what,
        }
    }

    pub fn text(what: &'static str) -> Hint {
        Hint {
            keys: String::new(),
            what,
        }
    }

    /// Hints as the status bar shows them: `a ok  x bad`.
    pub fn join(hints: &[Hint]) -> String {
        hints
            .iter()
            .map(|h| match h.keys.is_empty() {
                true => h.what.to_string(),
                false => format!("{} {}", h.keys, h.what),
            })
            .collect::<Vec<_>>()
            .join("  ")
    }
}

/// Says in the status bar that `key` does nothing in `place` and which key
/// leaves it: a key pressed in the wrong place is never dropped unsaid.
pub fn complain_unbound<A: Bindable>(
    session: &mut Session,
    keymaps: &Keymaps,
    key: Key,
    place: &str,
    close: A,
) {
    let close = keymaps.label(close);
    session.complain(format!("{key} does nothing in {place}; {close} closes it"));
}

pub trait Component: Any {
    /// The name of the mode's keymap table (`file_list`).
    fn mode(&self) -> &'static str;

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome;

    /// Text pasted into the terminal (bracketed paste).
    fn paste(&mut self, _text: &str, _session: &mut Session) {}

    /// The window changed size.
    fn resize(&mut self, _session: &Session) {}

    /// The session changed (a key, a paste, a change to the notes, a file
    /// read again): what `draw` shows is made here, so that drawing a frame
    /// parses nothing.
    fn refresh(&mut self, _session: &Session) {}

    /// The component leaves the stack: what it put in the session for the
    /// panes to draw goes with it.
    fn leave(&mut self, _session: &mut Session) {}

    /// The keys the status bar shows while this component has the keyboard.
    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint>;

    /// The left of the status bar, when the component tells more than the
    /// position in the document (the search query, the reading line).
    fn status(&self, _session: &Session) -> Option<String> {
        None
    }

    /// Whether it draws the whole body in place of the panes (reading mode)
    /// rather than over part of them.
    fn covers_panes(&self) -> bool {
        false
    }

    /// Draws into `area`, the whole window: a component places itself.
    /// Components write cells through `cells`, not ratatui's `Paragraph`
    /// or `List`: those wrap and measure text their own way (a wide glyph at
    /// the edge overflows, ratatui #2679), where every cell sxs writes must
    /// agree with the one width function and the ambiguous-wide mode.
    fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect);
}

impl dyn Component {
    /// The component as its own type, for tests and for `App` to look in.
    pub fn downcast_ref<T: Component>(&self) -> Option<&T> {
        (self as &dyn Any).downcast_ref()
    }
}
