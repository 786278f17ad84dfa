//! The status bar: on the left where the reviewer is and how far the review
//! has come (or what the open mode tells), on the right the message of the
//! moment or the keys that matter now, from the keymap in force.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::{WidthMode, str_width};
use crate::tui::action::Action;
use crate::tui::cells::{fill, put};
use crate::tui::component::{Component, Context, Hint};
use crate::tui::display::{drawn_line, one_line, plural, shorten_middle};
use crate::tui::session::{Filter, Session};

#[derive(Debug, Default)]
pub struct StatusBar {
    left: String,
    right: String,
    /// The right side is an error message.
    error: bool,
    /// The keys that matter now, drawn dim in place of a message.
    hints: Vec<Hint>,
}

impl StatusBar {
    /// Describes the state after a change; `top` is the component that has
    /// the keyboard.
    pub fn refresh(&mut self, ctx: &Context, top: &dyn Component) {
        let session = ctx.session;
        self.left = top
            .status(session)
            .unwrap_or_else(|| position(ctx, session));
        (self.right, self.error, self.hints) = match &session.flash {
            Some(flash) => (flash.text.clone(), flash.error, Vec::new()),
            None => (String::new(), false, top.hints(ctx.keymaps)),
        };
    }

    pub fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect) {
        let (theme, mode) = (ctx.theme, ctx.session.width_mode);
        fill(buf, area, theme.status_bar);
        let width = area.width as usize;
        let at = put(
            buf,
            mode,
            (area.x, area.y),
            &self.left,
            width,
            theme.status_bar,
        );
        let hints = !self.hints.is_empty();
        let style = match (self.error, hints) {
            (true, _) => theme.status_bar.patch(theme.error),
            (_, true) => theme.status_bar.patch(theme.dim),
            _ => theme.status_bar,
        };
        let room = (area.right() - at).saturating_sub(2) as usize;
        if hints {
            let shown = fitted(&self.hints, room, mode);
            let cells = str_width(&shown, mode).min(room);
            let x = area.right().saturating_sub(cells as u16 + 1).max(at + 1);
            if room > 0 {
                put(buf, mode, (x, area.y), &shown, room, style);
            }
            return;
        }
        let needed = str_width(&self.right, mode);
        let too_long = needed > room;
        if too_long && self.error {
            // An error too long for the room beside the position takes the
            // whole bar: it must be read, and the position is back at the
            // next key.
            let whole = width.saturating_sub(2);
            let message = shorten_middle(&self.right, whole, mode);
            fill(buf, area, theme.status_bar);
            put(buf, mode, (area.x + 1, area.y), &message, whole, style);
            return;
        }
        // Other news keeps its start and its end (`resumed at … the segment
        // reviewed last`).
        let (right, cells) = match too_long {
            true => {
                let short = shorten_middle(&self.right, room, mode);
                let cells = str_width(&short, mode).min(room);
                (Cow::Owned(short), cells)
            }
            false => (Cow::Borrowed(self.right.as_str()), needed.min(room)),
        };
        let x = area.right().saturating_sub(cells as u16 + 1).max(at + 1);
        if room > 0 {
            put(buf, mode, (x, area.y), &right, room, style);
        }
    }
}

/// The hints that fit in `room` cells, whole: the last (help, cancel, save)
/// always, and as many of the others from the first as leave room for it.
/// Help lists them all.
fn fitted(hints: &[Hint], room: usize, mode: WidthMode) -> String {
    let mut kept = hints.to_vec();
    while kept.len() > 1 && str_width(&Hint::join(&kept), mode) > room {
        kept.remove(kept.len() - 2);
    }
    Hint::join(&kept)
}

/// Where the reviewer is, the review's progress (the count `sxs stats`
/// makes), the view, the search, and what needs attention.
fn position(ctx: &Context, session: &Session) -> String {
    let pos = session.position();
    let count = session.segment_count();
    let file = session.progress(session.doc);
    let percent = |p: f64| p.floor() as usize;
    let mut left = format!(
        " {}/{}  {}%",
        (pos.cursor + 1).min(count),
        count,
        percent(file.review.percent)
    );
    if session.store.docs.len() > 1 {
        let all = session.total_progress().review.percent;
        left += &format!(" (all {}%)", percent(all));
    }
    if let Some(loading) = session.still_loading() {
        // Counts over what is loaded so far: say so until every file is in.
        left += &format!("  {loading}");
    }
    left += &format!("  ✗{}  !{}", file.review.bad.total(), file.suspicious);
    if file.review.stale > 0 {
        left += &format!("  ~{} stale", file.review.stale);
    }
    let filter = (session.filter != Filter::All).then(|| session.filter.label().to_string());
    let views: Vec<String> = filter.into_iter().chain(session.scope.label()).collect();
    if !views.is_empty() {
        left += &format!("  [{}]", one_line(&views.join(" · ")));
    }
    if !session.search.query.is_empty() {
        let query = drawn_line(&session.search.query);
        // `n` goes from segment to segment: say both counts.
        let found = &session.search.hits;
        let matches = found
            .iter()
            .map(|(_, r)| r.source.len() + r.target.len())
            .sum();
        // Which of them the cursor is on, as `n` counts them.
        let at = found
            .binary_search_by_key(&session.position().cursor, |(s, _)| *s)
            .ok()
            .map(|i| i + 1);
        let hits = match (matches == found.len(), at) {
            (true, Some(at)) => format!("hit {at}/{matches}"),
            (true, None) => plural(matches, "hit", "hits"),
            (false, Some(at)) => format!(
                "segment {at}/{}, {}",
                found.len(),
                plural(matches, "hit", "hits")
            ),
            (false, None) => format!(
                "{} in {}",
                plural(matches, "hit", "hits"),
                plural(found.len(), "segment", "segments")
            ),
        };
        left += &format!("  /{query} {hits}");
    }
    if session.notes.is_read_only() {
        left += "  READ-ONLY";
    }
    let warnings = session.warnings().len();
    if warnings > 0 {
        let key = ctx.keymaps.label(Action::Warnings);
        let warnings = plural(warnings, "warning", "warnings");
        left += &format!("  {warnings} ({key})");
    }
    left
}
