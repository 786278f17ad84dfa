//! Moving through the documents: the cursor, pages, files, flagged
//! segments, the filter and search hits. Only segments the filter shows are
//! visited; the view scrolls as little as possible to keep the cursor on
//! screen.

use super::geometry::Arrangement;
use super::layout::{Line, Scroll, row, segments_in_page, top_for_cursor, walk};
use super::session::{Filter, Position, RawView, Session};
use crate::mqm::Side;
use crate::text::Style;

impl Session {
    /// Moves the cursor `delta` shown segments down (or up), stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let cursor = self.position().cursor;
        let target = walk(self, cursor, delta > 0)
            .skip(1)
            .take(delta.unsigned_abs())
            .last();
        if let Some(target) = target {
            self.place(target, Scroll::Step);
        }
    }

    /// Jumps to a segment: it lands a few lines below the top unless it is
    /// in view already. One the filter hides turns the filter off.
    pub fn go_to(&mut self, segment: usize) {
        self.place(segment, Scroll::Jump);
    }

    /// Jumps to a segment and shows it a few lines below the top of the
    /// panes, for a list that covers their bottom.
    pub fn go_to_near_top(&mut self, segment: usize) {
        self.place(segment, Scroll::NearTop);
    }

    /// Shows the cursor's segment near the top of the panes, for the mark
    /// dialog that covers their bottom. A segment taller than the panes
    /// keeps its view: span mode scrolled it to the selection.
    pub fn make_room_below(&mut self) {
        let geo = self.geometry();
        let cursor = self.position().cursor;
        if row(self, cursor, 0, &geo).height() < geo.body_height as usize {
            self.go_to_near_top(cursor);
        }
    }

    fn place(&mut self, segment: usize, scroll: Scroll) {
        if self.segment_count() == 0 {
            return;
        }
        let segment = segment.min(self.segment_count() - 1);
        if !self.shown(segment) && self.filter != Filter::All {
            self.left_view = Some(self.filter.label().to_string());
            self.filter = Filter::All;
        }
        if !self.shown(segment) {
            if let Some(rater) = &self.scope.rater {
                self.left_view = Some(format!("{rater}'s errors"));
            }
            self.set_rater(None);
        }
        self.position_mut().cursor = segment;
        self.scroll(scroll);
    }

    /// Puts the cursor on `segment` if the view shows it, else on the next
    /// row of the view, else on the last: after a change that took a row out
    /// of the view, the reviewer goes on with the row that followed it.
    /// `false` when the view is empty.
    pub fn land_on(&mut self, segment: usize) -> bool {
        let next = walk(self, segment, true).next();
        match next.or_else(|| walk(self, segment, false).next()) {
            Some(row) => {
                self.place(row, Scroll::Step);
                true
            }
            None => false,
        }
    }

    /// The first (or last) shown segment.
    pub fn edge(&mut self, last: bool) {
        let from = if last {
            self.segment_count().saturating_sub(1)
        } else {
            0
        };
        let first = walk(self, from, !last).next();
        if let Some(segment) = first {
            self.go_to(segment);
        }
    }

    /// Half a screen down or up from the cursor.
    pub fn half_page(&mut self, down: bool) {
        let half = (self.geometry().body_height as usize / 2).max(1);
        if self.read_on_inside(down, half) {
            return;
        }
        let fits = segments_in_page(self, self.position().cursor, down).max(1);
        let delta = (fits / 2 + 1) as isize;
        self.move_by(if down { delta } else { -delta });
    }

    /// A page moves the view by one screen and puts the cursor on its first
    /// (down) or last (up) segment, as pagers do.
    pub fn page(&mut self, down: bool) {
        let page = (self.geometry().body_height as usize)
            .saturating_sub(1)
            .max(1);
        if self.read_on_inside(down, page) {
            return;
        }
        let top = self.position().top;
        let fits = segments_in_page(self, top, down).max(1);
        let (new_top, cursor) = if down {
            let next = walk(self, top, true).nth(fits);
            let last = walk(self, self.segment_count().saturating_sub(1), false).next();
            match next.or(last) {
                Some(t) => (t, t),
                None => return,
            }
        } else {
            let above = walk(self, top, false).nth(1);
            let new_top = walk(self, top, false)
                .nth(fits)
                .or(walk(self, 0, true).next());
            match (new_top, above) {
                (Some(t), Some(c)) => (t, c),
                (Some(t), None) => (t, t),
                _ => return,
            }
        };
        *self.position_mut() = Position {
            cursor,
            top: new_top,
        };
        self.scroll(Scroll::Keep);
    }

    /// Moves the view so that the cursor's segment is on screen.
    /// Scrolls `lines` within the cursor's segment when it is taller than
    /// the panes and at their top, and more of it lies that way; whether
    /// it did.
    fn read_on_inside(&mut self, down: bool, lines: usize) -> bool {
        let geo = self.geometry();
        let pos = self.position();
        if pos.top != pos.cursor || self.segment_count() == 0 {
            return false;
        }
        let height = row(self, pos.cursor, 0, &geo).height();
        let most = height.saturating_sub(geo.body_height as usize);
        match down {
            true if self.scrolled < most => self.scrolled = (self.scrolled + lines).min(most),
            false if self.scrolled > 0 => self.scrolled = self.scrolled.saturating_sub(lines),
            _ => return false,
        }
        true
    }

    /// Scrolls inside the cursor's segment, when it is taller than the
    /// panes, so that the selection being made shows: the line of its
    /// moving end (its last line when it grew forward, else its first).
    pub(super) fn follow_selection(&mut self) {
        let Some((side, forward)) = self.selecting.as_ref().map(|s| (s.side, s.forward)) else {
            return;
        };
        let geo = self.geometry();
        let body = geo.body_height as usize;
        let cursor = self.position().cursor;
        let here = row(self, cursor, 0, &geo);
        let height = here.height();
        if height <= body || body == 0 {
            return;
        }
        let (lines, after) = match side {
            Side::Source => (&here.source, 0),
            Side::Target if geo.arrangement == Arrangement::Stacked => {
                (&here.target, here.source.len())
            }
            Side::Target => (&here.target, 0),
        };
        let selected = |line: &Line| {
            let spans = &line.text.spans;
            spans
                .iter()
                .any(|(_, style)| style.contains(Style::SELECTED))
        };
        let found = match forward {
            true => lines.iter().rposition(selected),
            false => lines.iter().position(selected),
        };
        let Some(index) = found else {
            return;
        };
        let above = here.above();
        let line = above + after + index;
        // Scrolling any of it up takes all the context above it at once
        // (`Row::scrolled_up`).
        let gone = match self.scrolled {
            0 => 0,
            s => s.max(above),
        };
        self.position_mut().top = cursor;
        if !(gone..gone + body).contains(&line) {
            self.scrolled = match line < body {
                true => 0,
                false => (line + 1 - body).min(height - body),
            };
        }
    }

    pub(super) fn scroll(&mut self, scroll: Scroll) {
        self.scrolled = 0;
        let pos = self.position();
        let top = top_for_cursor(self, pos.cursor, pos.top, scroll);
        self.position_mut().top = top;
    }

    /// A selection being made stays in view.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.scroll(Scroll::Keep);
        self.follow_selection();
    }

    /// Opens a document where the reviewer left it. A document the scope
    /// leaves out (another system's, one the rater marked nothing in) ends
    /// that part of the scope; a cursor the view hides goes to the next row
    /// it shows.
    pub fn open(&mut self, doc: usize) {
        if doc < self.store.docs.len() {
            if !self.doc_in_scope(doc) {
                if self.wmt.system(doc) != self.scope.system.as_deref() {
                    self.scope.system = None;
                }
                if !self.doc_in_scope(doc) {
                    self.set_rater(None);
                }
            }
            self.doc = doc;
            self.displays.ensure(&self.store, doc, self.width_mode);
            if self.raw != RawView::Off {
                self.displays.ensure_raw(&self.store, doc);
            }
            self.refresh_marks(doc);
            self.search.refresh(&self.displays, doc);
            self.scroll(Scroll::Keep);
            let cursor = self.position().cursor;
            if !self.shown(cursor) {
                self.land_on(cursor);
            }
        }
    }

    /// The next (or previous) file the scope visits, cycling.
    pub fn open_relative(&mut self, delta: isize) {
        let docs: Vec<usize> = self.docs_in_scope().collect();
        if docs.iter().all(|&d| d == self.doc) {
            let message = match self.scope.label() {
                Some(scope) => format!("no other file in this view ({scope})"),
                None if self.loading.is_some() => self.so_far("only one file is loaded so far"),
                None => "only one file is loaded; give more files or a folder to switch".into(),
            };
            return self.say(message);
        }
        // From the open file's place in the order, whether or not the
        // scope visits it.
        let rank = self.wmt.rank(self.doc);
        let here = docs.partition_point(|&d| self.wmt.rank(d) < rank);
        let on = docs.get(here) == Some(&self.doc);
        let next = match delta > 0 && !on {
            true => here as isize + delta - 1,
            false => here as isize + delta,
        };
        self.open(docs[next.rem_euclid(docs.len() as isize) as usize]);
    }

    /// Moves to a segment named as the notes file names it.
    pub fn go_to_segment(&mut self, file: &str, id: &str) -> Option<usize> {
        let doc = self.store.docs.iter().position(|d| d.path == file)?;
        if doc != self.doc {
            self.open(doc);
        }
        self.store.docs[doc]
            .segments
            .iter()
            .position(|s| s.id() == id)
    }

    /// `]` / `[`: the next flagged or suspicious segment, in this file and then
    /// the following ones the scope visits, wrapping around, and saying so as
    /// search does.
    pub fn next_attention(&mut self, forward: bool) {
        let mut docs: Vec<usize> = self.docs_in_scope().collect();
        let rank = self.wmt.rank(self.doc);
        let here = docs.partition_point(|&d| self.wmt.rank(d) < rank);
        if docs.get(here) != Some(&self.doc) {
            docs.insert(here, self.doc);
        }
        let count = docs.len();
        let start = (here, self.position().cursor);
        for step in 0..=count {
            let at = if forward {
                (here + step) % count
            } else {
                (here + count - step % count) % count
            };
            let doc = docs[at];
            let document = &self.store.docs[doc];
            let segments = document.segments.len();
            let candidates: Box<dyn Iterator<Item = usize>> = match (step, forward) {
                (0, true) => Box::new(start.1 + 1..segments),
                (0, false) => Box::new((0..start.1).rev()),
                (_, true) if step == count => Box::new(0..=start.1.min(segments.saturating_sub(1))),
                (_, false) if step == count => Box::new((start.1..segments).rev()),
                (_, true) => Box::new(0..segments),
                (_, false) => Box::new((0..segments).rev()),
            };
            let found = candidates
                .into_iter()
                .find(|&s| self.scope.shows_segment(document, s) && self.needs_attention(doc, s));
            if let Some(segment) = found {
                if doc != self.doc {
                    self.open(doc);
                }
                self.go_to(segment);
                let now = (at, segment);
                let message = if now == start {
                    "no other flagged or suspicious segment"
                } else if forward && now < start {
                    "flags wrapped to the top"
                } else if !forward && now > start {
                    "flags wrapped to the bottom"
                } else {
                    return;
                };
                let message = self.so_far(message);
                return self.say(message);
            }
        }
        let more = if self.loading.is_some() {
            " yet (the checks run once every file is loaded)"
        } else if self.findings.ready {
            ""
        } else {
            " yet (the checks are still running)"
        };
        self.complain(format!("no flagged or suspicious segment{more}"));
    }

    /// Shows `view`'s rows raw, or turns the raw view off when it shows
    /// them already.
    pub fn toggle_raw(&mut self, view: RawView) {
        self.raw = match self.raw == view {
            true => RawView::Off,
            false => view,
        };
        if self.raw != RawView::Off {
            self.displays.ensure_raw(&self.store, self.doc);
        }
        // Rows change height: keep the cursor in view.
        self.scroll(Scroll::Step);
        self.say(match self.raw {
            RawView::Off => "markup hidden: the text as a reader sees it",
            RawView::Cursor => "the selected segment's markup, as the file has it",
            RawView::All => "every row's markup, as the file has it",
        });
    }

    /// All, unreviewed, flagged, suspicious: the cursor stays on its segment
    /// if the new view shows it, else goes to the nearest one below, then above.
    pub fn cycle_filter(&mut self) {
        self.filter = self.filter.next();
        let cursor = self.position().cursor;
        let count = self.segment_count();
        let nearest = (cursor..count)
            .chain((0..cursor).rev())
            .find(|&s| self.shown(s));
        let label = self.filter.label();
        match nearest {
            Some(segment) => {
                self.go_to(segment);
                self.say(format!("showing {label} segments"));
            }
            None => self.complain(format!("no {label} segments in this file")),
        }
    }

    /// Searches as the user types and shows the first hit at or after where
    /// the search started.
    pub fn set_query(&mut self, query: &str, from: usize) {
        self.search.set(query, &self.displays, self.doc);
        match self.search.first_at_or_after(from) {
            Some(hit) => self.go_to(hit),
            None => self.go_to(from),
        }
    }
}
