//! Span mode: selecting the words an error is in, by keyboard. `v` selects
//! the first character of the target; `h` `l` `w` `b` `e` `0` `$` move the
//! selection's end as in vim's visual mode, `/` and a text select where that
//! text stands, `Tab` moves to the source (for an omission), `x` opens the
//! mark dialog on the selection. The selection is drawn in the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::mqm::Side;
use crate::tui::action::{Action, SpanAction};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::components::mark_dialog::MarkDialog;
use crate::tui::display::{drawn_line, pasted, plural, shorten_middle};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::layout::shown_forms;
use crate::tui::selection::{Motion, Selection};
use crate::tui::session::{Selecting, Session};
use crate::tui::spans::side_text;

/// A `/` being typed: the text, and the selection before it, for `Esc`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Find {
    query: String,
    before: (usize, usize),
    /// The shown byte the search starts from.
    from: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanMode {
    pub segment: usize,
    pub selection: Selection,
    find: Option<Find>,
    /// The last text found, for `n`.
    last_query: String,
}

impl SpanMode {
    /// Span mode on the target of the segment under the cursor; `Err` says
    /// why not (no segment, an empty target).
    pub fn new(session: &mut Session) -> Result<SpanMode, String> {
        let segment = session.position().cursor;
        let selection = selection(session, segment, Side::Target)?;
        let mode = SpanMode {
            segment,
            selection,
            find: None,
            last_query: String::new(),
        };
        mode.show(session);
        Ok(mode)
    }

    /// Puts the selection where the panes draw it, and scrolls a segment
    /// taller than the panes to it.
    fn show(&self, session: &mut Session) {
        session.selecting = Some(Selecting {
            segment: self.segment,
            side: self.selection.side,
            text: self.selection.flagged(),
            forward: self.selection.head >= self.selection.anchor,
        });
        session.follow_selection();
    }

    fn switch_side(&mut self, session: &mut Session) {
        let side = match self.selection.side {
            Side::Target => Side::Source,
            Side::Source => Side::Target,
        };
        match selection(session, self.segment, side) {
            Ok(selection) => self.selection = selection,
            Err(why) => session.complain(why),
        }
    }

    /// Selects the next match of `query` from the shown byte `from`, and
    /// says how many there are.
    fn find(&mut self, query: &str, from: usize, session: &mut Session) -> bool {
        match self.selection.find_from(query, from) {
            Some(found) => {
                self.selection.select(found);
                true
            }
            None => {
                if !query.is_empty() {
                    let side = self.selection.side.name();
                    session.complain(format!("no “{}” in the {side}", drawn_line(query)));
                }
                false
            }
        }
    }

    fn mark(&self, session: &mut Session) -> Outcome {
        let Some(raw) = session
            .store
            .docs
            .get(session.doc)
            .and_then(|d| d.segments.get(self.segment))
            .and_then(|seg| side_text(seg, self.selection.side))
        else {
            return Outcome::Stay;
        };
        match self.selection.span(raw) {
            Some(span) => {
                session.make_room_below();
                Outcome::Push(Box::new(MarkDialog::for_span(session, span)))
            }
            None => {
                session.complain(
                    "the selection is only what the screen adds (a link's ⟨⟩); select some text",
                );
                Outcome::Stay
            }
        }
    }

    /// A key while `/` is typed: characters type, Enter keeps the match,
    /// Esc goes back to the selection before.
    fn find_key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) {
        let Some(find) = self.find.as_mut() else {
            return;
        };
        match keymaps.text_action::<SpanAction>(key) {
            Some(SpanAction::Mark) => {
                self.last_query = find.query.clone();
                self.find = None;
                return;
            }
            Some(SpanAction::Cancel) => {
                (self.selection.anchor, self.selection.head) = find.before;
                self.find = None;
                return;
            }
            Some(SpanAction::DeleteChar) => {
                find.query.pop();
            }
            Some(_) => return,
            None => match key.text() {
                Some(c) => find.query.push(c),
                None => return,
            },
        }
        let (query, from, before) = (find.query.clone(), find.from, find.before);
        if !self.find(&query, from, session) {
            (self.selection.anchor, self.selection.head) = before;
        }
    }
}

/// A selection in one side of a segment, as the pane shows it.
fn selection(session: &Session, segment: usize, side: Side) -> Result<Selection, String> {
    let doc = session
        .store
        .docs
        .get(session.doc)
        .ok_or("no file is open")?;
    let seg = doc.segments.get(segment).ok_or("no segment to select in")?;
    if side == Side::Source && seg.source().is_none() {
        return Err(format!(
            "{} has no source (a target with no source partner): a span can only be in its target",
            seg.id()
        ));
    }
    let (source, target) = shown_forms(session, segment).ok_or("no segment to select in")?;
    let form = match side {
        Side::Source => source,
        Side::Target => target,
    };
    Selection::new(side, form.clone(), &doc.locale)
        .ok_or_else(|| format!("the {} is empty: nothing to select", side.name()))
}

impl Component for SpanMode {
    fn mode(&self) -> &'static str {
        "span"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        if self.find.is_some() {
            self.find_key(key, session, keymaps);
            self.show(session);
            return Outcome::Stay;
        }
        let Some(action) = keymaps.action::<SpanAction>(key) else {
            let help = keymaps.label(SpanAction::Help);
            session.complain(format!(
                "{key} does nothing in span mode; {help} lists the keys"
            ));
            return Outcome::Stay;
        };
        let motion = match action {
            SpanAction::Left => Some(Motion::Left),
            SpanAction::Right => Some(Motion::Right),
            SpanAction::WordNext => Some(Motion::WordNext),
            SpanAction::WordBack => Some(Motion::WordBack),
            SpanAction::WordEnd => Some(Motion::WordEnd),
            SpanAction::Start => Some(Motion::Start),
            SpanAction::End => Some(Motion::End),
            SpanAction::SwapEnds => Some(Motion::Swap),
            SpanAction::Restart => Some(Motion::Restart),
            _ => None,
        };
        match (motion, action) {
            (Some(motion), _) => self.selection.motion(motion),
            (None, SpanAction::Find) => {
                self.find = Some(Find {
                    query: String::new(),
                    before: (self.selection.anchor, self.selection.head),
                    from: self.selection.range().start,
                });
            }
            (None, SpanAction::FindNext) if self.last_query.is_empty() => {
                let find = keymaps.label(SpanAction::Find);
                session.complain(format!("nothing to find again yet; {find} finds a text"));
            }
            (None, SpanAction::FindNext) => {
                let query = self.last_query.clone();
                let from = self.selection.range().start + 1;
                self.find(&query, from, session);
            }
            (None, SpanAction::SwitchSide) => self.switch_side(session),
            (None, SpanAction::Mark) => return self.mark(session),
            (None, SpanAction::Cancel) => return Outcome::Close,
            (None, SpanAction::Help) => return Outcome::Run(Action::Help),
            (None, _) => {}
        }
        self.show(session);
        Outcome::Stay
    }

    /// Pasted text goes to a `/` being typed.
    fn paste(&mut self, text: &str, session: &mut Session) {
        if let Some(find) = self.find.as_mut() {
            find.query.extend(pasted(text));
            let (query, from) = (find.query.clone(), find.from);
            self.find(&query, from, session);
            self.show(session);
        }
    }

    fn leave(&mut self, session: &mut Session) {
        session.selecting = None;
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        if self.find.is_some() {
            // Characters type the text: only the other keys are hints.
            let typing = |action: SpanAction, what: &'static str| Hint {
                keys: keymaps.typing_label(action),
                what,
            };
            return vec![
                Hint::text("type the text to select"),
                typing(SpanAction::Mark, "keep"),
                typing(SpanAction::Cancel, "back"),
            ];
        }
        let first = |action: SpanAction| {
            keymaps
                .keys(action)
                .first()
                .map_or("—".to_string(), Key::to_string)
        };
        let moves = [
            SpanAction::Left,
            SpanAction::Right,
            SpanAction::WordNext,
            SpanAction::WordBack,
            SpanAction::WordEnd,
            SpanAction::Start,
            SpanAction::End,
        ]
        .map(first)
        .join("");
        let hint = |action: SpanAction, what: &'static str| Hint {
            keys: first(action),
            what,
        };
        vec![
            Hint {
                keys: moves,
                what: "move",
            },
            hint(SpanAction::Find, "find"),
            hint(SpanAction::SwitchSide, "side"),
            hint(SpanAction::Mark, "mark"),
            hint(SpanAction::Cancel, "cancel"),
        ]
    }

    fn status(&self, session: &Session) -> Option<String> {
        let side = self.selection.side.name();
        if let Some(find) = &self.find {
            let count = self.selection.matches(&find.query).len();
            return Some(format!(
                " SPAN {side} /{}▏ {}",
                drawn_line(&find.query),
                plural(count, "match", "matches")
            ));
        }
        // Shown text is already safe to draw; one line for the bar.
        let selected = self.selection.text().replace('\n', " ");
        let count = plural(
            unicode_segmentation::UnicodeSegmentation::graphemes(selected.as_str(), true).count(),
            "character",
            "characters",
        );
        // A fifth of the bar: the rest holds the count and the keys.
        let room = (session.size.0 / 5) as usize;
        let quoted = shorten_middle(&drawn_line(&selected), room, session.width_mode);
        Some(format!(" SPAN {side} «{quoted}» {count}"))
    }

    /// The selection is drawn in the panes; the bar says what it holds.
    fn draw(&self, _ctx: &Context, _buf: &mut Buffer, _area: Rect) {}
}
