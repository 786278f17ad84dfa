//! The comment on a segment as a whole (SPEC `comment`), on an ok mark as
//! on a bad one: typed in a field that wraps, over the bottom of the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::CommentAction;
use crate::tui::cells::{Look, draw_line, framed_popup};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::one_line;
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;
use crate::tui::text_field::{TextField, window};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentComment {
    pub field: TextField,
    /// The segment's id, safe to draw.
    id: String,
}

impl SegmentComment {
    /// The comment of the segment under the cursor, ready to change; `None`
    /// when there is no segment.
    pub fn new(session: &Session) -> Option<SegmentComment> {
        let (doc, cursor) = (session.doc, session.position().cursor);
        let d = session.store.docs.get(doc)?;
        let seg = d.segments.get(cursor)?;
        let comment = session
            .entry(doc, cursor)
            .map_or("", |e| e.comment.as_str());
        Some(SegmentComment {
            field: TextField::new(comment, &d.locale),
            id: one_line(seg.id()),
        })
    }
}

impl Component for SegmentComment {
    fn mode(&self) -> &'static str {
        "comment"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        match keymaps.text_action::<CommentAction>(key) {
            Some(CommentAction::Save) => {
                session.set_comment(self.field.text());
                Outcome::Close
            }
            Some(CommentAction::Cancel) => Outcome::Close,
            None => {
                self.field.key(key, keymaps);
                Outcome::Stay
            }
        }
    }

    fn paste(&mut self, text: &str, _session: &mut Session) {
        self.field.paste(text);
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::text("type the comment"),
            Hint::new(keymaps, CommentAction::Save, "save"),
            Hint::new(keymaps, CommentAction::Cancel, "cancel"),
        ]
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, _area: Rect) {
        let (theme, keymaps) = (ctx.theme, ctx.keymaps);
        let geo = ctx.session.geometry();
        let width = geo.width.saturating_sub(4) as usize;
        let lines = self.field.lines(width, geo.mode, true);
        let most = (geo.body_height / 2).max(3);
        let want = (lines.len() as u16 + 2).min(most);
        let popup = Rect::new(0, geo.body_top + geo.body_height - want, geo.width, want);
        let title = format!(
            " Comment on {} as a whole · {} save · {} cancel ",
            self.id,
            keymaps.label(CommentAction::Save),
            keymaps.label(CommentAction::Cancel),
        );
        let inner = framed_popup(buf, theme, geo.mode, popup, &title);
        let look = Look {
            theme,
            base: theme.popup,
            overlay: None,
            mode: geo.mode,
        };
        let rows = inner.height as usize;
        for (i, line) in window(&lines, rows).iter().enumerate() {
            let row = Rect::new(inner.x + 1, inner.y + i as u16, width as u16, 1);
            draw_line(buf, row, line, &look);
        }
    }
}
