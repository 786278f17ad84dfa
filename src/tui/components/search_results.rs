//! Every hit of the last search in every loaded file, as a concordance: one
//! line per matching segment (locale, file and line, the hit in its
//! sentence) in a list under the panes. The panes follow the chosen hit;
//! Enter stays there, Esc goes back to where the list was opened.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{BaseDirection, WidthMode, WrappedLine, str_width, visual_lines};
use crate::tui::action::ResultsAction;
use crate::tui::cells::{Look, draw_line, fill, framed_popup, put};
use crate::tui::component::{Component, Context, Hint, Outcome, complain_unbound};
use crate::tui::display::{one_line, plural, shorten_left, within};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::layout::Line;
use crate::tui::search::{Found, quote, search_all};
use crate::tui::session::Session;

/// Characters of a quote shown before its first hit.
const LEAD: usize = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<Found>,
    /// Index into `hits`.
    pub selected: usize,
    /// Where the list was opened: (document, cursor).
    origin: (usize, usize),
    /// Each file's locale and path, safe to draw, by document.
    places: Vec<(String, String)>,
    /// The query, safe to draw.
    shown_query: String,
}

impl SearchResults {
    /// Searches every loaded file for the last search's query. The panes go
    /// to the first hit at or after the cursor.
    pub fn new(session: &mut Session) -> SearchResults {
        let query = session.search.query.clone();
        let hits = search_all(&session.store, &query);
        let origin = (session.doc, session.position().cursor);
        let places = session
            .store
            .docs
            .iter()
            .map(|d| (one_line(&d.locale), one_line(&d.path)))
            .collect();
        let selected = hits
            .iter()
            .position(|h| (h.doc, h.segment) >= origin)
            .unwrap_or(0);
        let list = SearchResults {
            shown_query: one_line(&query),
            query,
            hits,
            selected,
            origin,
            places,
        };
        list.follow(session);
        list
    }

    /// Rows of hits the list shows at once in a window of this size.
    fn rows(session: &Session) -> usize {
        let body = session.geometry().body_height as usize;
        (body / 2).saturating_sub(2).max(1)
    }

    /// The panes show the chosen hit, near their top (the list covers
    /// their bottom half).
    fn follow(&self, session: &mut Session) {
        if let Some(hit) = self.hits.get(self.selected) {
            if hit.doc != session.doc {
                session.open(hit.doc);
            }
            session.go_to_near_top(hit.segment);
        }
    }

    /// One line of the list: where, then the quote from a little before its
    /// first hit, in visual order.
    fn draw_hit(&self, ctx: &Context, buf: &mut Buffer, area: Rect, found: &Found, chosen: bool) {
        let (theme, session) = (ctx.theme, ctx.session);
        let mode = session.width_mode;
        let base = match chosen {
            true => theme.popup.patch(theme.selection),
            false => theme.popup,
        };
        fill(buf, area, base);
        let doc = &session.store.docs[found.doc];
        let line = doc.segments[found.segment].line;
        // The place in at most two fifths of the line, its path shortened
        // from the left so that the file name and line stay.
        let room = (area.width as usize * 2 / 5).max(12);
        let (locale, path) = &self.places[found.doc];
        let line_part = format!(":{line}");
        let fixed = str_width(locale, mode) + str_width(&line_part, mode) + 3;
        let path = shorten_left(path, room.saturating_sub(fixed), mode);
        let place = format!(" {locale} {path}{line_part}  ");
        let at = put(
            buf,
            mode,
            (area.x, area.y),
            &place,
            area.width as usize,
            base.patch(theme.dim),
        );
        let (text, first) = quote(&session.store, found, &self.query);
        let line_start = text.text()[..first].rfind('\n').map_or(0, |n| n + 1);
        let start = text.text()[line_start..first]
            .char_indices()
            .rev()
            .nth(LEAD - 1)
            .map_or(line_start, |(i, _)| line_start + i);
        let line_end = text.text()[start..]
            .find('\n')
            .map_or(text.text().len(), |n| start + n);
        let lead = if start > 0 { "…" } else { "" };
        let room = Rect::new(at, area.y, area.right().saturating_sub(at), 1);
        // Cut to what fits before the lines are put in visual order: a
        // right-to-left line is drawn from the right, and a cut made by
        // the edge would take its start, where the hit is.
        let fits = (room.width as usize).saturating_sub(str_width(lead, mode));
        let (end, width) = fitting(&text.text()[start..line_end], fits, mode);
        let range = WrappedLine {
            start,
            end: start + end,
            width,
        };
        let direction = match found.source_only {
            true => BaseDirection::Ltr,
            false => BaseDirection::for_locale(&session.store.docs[found.doc].locale),
        };
        let visual = visual_lines(&text, &[range], direction);
        let rtl = visual.rtl;
        let Some(quoted) = visual.lines.into_iter().next() else {
            return;
        };
        let look = Look {
            theme,
            base,
            overlay: None,
            mode,
        };
        let line = Line {
            prefix: lead,
            text: quoted,
            rtl,
        };
        draw_line(buf, room, &line, &look);
    }
}

/// The bytes of `text` from its start that fit in `cells`, whole
/// characters, and their width.
fn fitting(text: &str, cells: usize, mode: WidthMode) -> (usize, usize) {
    let end = within(text.grapheme_indices(true), cells, mode).map_or(0, |(at, g)| at + g.len());
    (end, str_width(&text[..end], mode))
}

impl Component for SearchResults {
    fn mode(&self) -> &'static str {
        "results"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let last = self.hits.len().saturating_sub(1);
        let page = SearchResults::rows(session);
        self.selected = match keymaps.action::<ResultsAction>(key) {
            Some(ResultsAction::Close) => return Outcome::Close,
            Some(ResultsAction::Cancel) => {
                let (doc, cursor) = self.origin;
                session.open(doc);
                session.go_to(cursor);
                return Outcome::Close;
            }
            Some(ResultsAction::Down) => (self.selected + 1).min(last),
            Some(ResultsAction::Up) => self.selected.saturating_sub(1),
            Some(ResultsAction::PageDown) => (self.selected + page).min(last),
            Some(ResultsAction::PageUp) => self.selected.saturating_sub(page),
            None => {
                let place = "the search results";
                complain_unbound(session, keymaps, key, place, ResultsAction::Close);
                return Outcome::Stay;
            }
        };
        self.follow(session);
        Outcome::Stay
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, ResultsAction::Down, "next"),
            Hint::new(keymaps, ResultsAction::Up, "previous"),
            Hint::new(keymaps, ResultsAction::Close, "stay here"),
            Hint::new(keymaps, ResultsAction::Cancel, "back"),
        ]
    }

    fn status(&self, session: &Session) -> Option<String> {
        let hits = format!(
            " /{} · {}/{} in all files",
            self.shown_query,
            (self.selected + 1).min(self.hits.len()),
            self.hits.len()
        );
        Some(session.so_far(hits))
    }

    /// The list over the bottom half of the panes.
    fn draw(&self, ctx: &Context, buf: &mut Buffer, _area: Rect) {
        let geo = ctx.session.geometry();
        let rows = SearchResults::rows(ctx.session);
        let height = rows as u16 + 2;
        let bottom = geo.body_top + geo.body_height;
        let popup = Rect::new(0, bottom.saturating_sub(height), geo.width, height);
        let files = {
            let mut docs: Vec<usize> = self.hits.iter().map(|h| h.doc).collect();
            docs.dedup();
            docs.len()
        };
        let title = format!(
            " /{}: {} in {} ",
            self.shown_query,
            plural(self.hits.len(), "segment", "segments"),
            plural(files, "file", "files"),
        );
        let inner = framed_popup(buf, ctx.theme, geo.mode, popup, &title);
        if self.hits.is_empty() {
            let text = "no segment of the loaded files matches";
            put(
                buf,
                geo.mode,
                (inner.x + 1, inner.y),
                text,
                inner.width as usize,
                ctx.theme.popup,
            );
            return;
        }
        let first = self.selected.saturating_sub(rows.saturating_sub(1));
        for (i, found) in self.hits.iter().enumerate().skip(first).take(rows) {
            let y = inner.y + (i - first) as u16;
            let area = Rect::new(inner.x, y, inner.width, 1);
            self.draw_hit(ctx, buf, area, found, i == self.selected);
        }
    }
}
