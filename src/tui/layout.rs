//! Which segments are visible and how their rows are laid out in the panes.
//!
//! Work is proportional to the visible rows, never to the document: the view
//! is anchored on its top segment, and only the segments from there down to
//! the bottom of the screen are wrapped. Navigation (keep the cursor visible,
//! page up and down) walks segment heights from the cursor the same way.
//!
//! A row is one segment, with the document's context that stands before it
//! (a code block, an include) drawn dimmed above its text: the cursor lands
//! on segments only, so it can never land on context.

use std::borrow::Cow;
use std::ops::Range;

use super::display::{Glyphs, SegmentDisplay};
use super::geometry::{Arrangement, Geometry};
use super::session::{Filter, RawView, Session};
use crate::text::{BaseDirection, Style, StyledText, VisualLine, WidthMode, lay_out, str_width};

/// Lines of context shown above a segment at most, for a body this tall: a
/// long code block must not push the segment off the screen. Reading mode
/// shows it whole.
fn context_cap(body: usize) -> usize {
    (body / 3).max(3)
}

/// Lines kept visible above (and below) the cursor's text when it moves, as
/// an editor's `scrolloff`, so that a jump shows the sentence before its
/// target. Smaller in small windows, where every line counts.
fn scrolloff(body: usize) -> usize {
    (body / 4).min(3)
}

/// One screen line of one side of a segment, in visual order.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Block decoration (`• `, `## `) or indentation before the text.
    pub prefix: &'a str,
    pub text: VisualLine<'a>,
    /// Right-to-left paragraph: drawn right-aligned, decoration on the right.
    pub rtl: bool,
}

/// A visible segment: the context before it, its lines on each side, and
/// where it starts on screen.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub segment: usize,
    /// First body line of the row (of its context, when it has some).
    pub y: usize,
    /// The document's context before the segment, across both panes.
    pub context: Vec<Line<'a>>,
    pub source: Vec<Line<'a>>,
    pub target: Vec<Line<'a>>,
    /// Lines of text (the taller side, or both sides when stacked).
    pub content: usize,
    /// The context after the last segment of the document.
    pub after: Vec<Line<'a>>,
    /// Whether a blank line follows: the next segment starts another block.
    pub spacer: bool,
}

impl Row<'_> {
    /// Lines above the segment's text: its context and a blank line.
    pub fn above(&self) -> usize {
        match self.context.is_empty() {
            true => 0,
            false => self.context.len() + 1,
        }
    }

    /// Lines below the segment's text: a blank line and the context after it.
    pub fn below(&self) -> usize {
        match self.after.is_empty() {
            true => 0,
            false => self.after.len() + 1,
        }
    }

    pub fn height(&self) -> usize {
        self.above() + self.content + self.below() + self.spacer as usize
    }

    /// The row with its first `lines` scrolled up out of view: its
    /// context first (all of it at once), then its text, the source's
    /// first when the panes are stacked.
    fn scrolled_up(mut self, lines: usize, arrangement: Arrangement) -> Self {
        let mut left = lines;
        if !self.context.is_empty() {
            left = left.saturating_sub(self.above());
            self.context.clear();
        }
        match arrangement {
            Arrangement::Stacked => {
                let from_source = left.min(self.source.len());
                self.source.drain(..from_source);
                let from_target = (left - from_source).min(self.target.len());
                self.target.drain(..from_target);
                self.content = self.source.len() + self.target.len();
            }
            _ => {
                let up = left.min(self.content);
                self.source.drain(..up.min(self.source.len()));
                self.target.drain(..up.min(self.target.len()));
                self.content -= up;
            }
        }
        self
    }
}

/// `text` wrapped to `width` cells and put in visual order, as lines with
/// no decoration (a comment, a message).
pub fn plain_lines(text: &StyledText, width: usize, mode: WidthMode) -> Vec<Line<'_>> {
    let visual = lay_out(text, width.max(1), mode, BaseDirection::Auto);
    let rtl = visual.rtl;
    visual
        .lines
        .into_iter()
        .map(|text| Line {
            prefix: "",
            text,
            rtl,
        })
        .collect()
}

/// The room for text beside a decoration: (first prefix, other prefix, cells
/// left). A decoration that leaves no room is dropped, never the text.
pub fn fit_decoration<'a>(
    first: &'a str,
    rest: &'a str,
    width: usize,
    mode: WidthMode,
) -> (&'a str, &'a str, usize) {
    let prefix_width = str_width(first, mode).max(str_width(rest, mode));
    if prefix_width < width {
        (first, rest, width - prefix_width)
    } else {
        ("", "", width)
    }
}

/// Wraps one side of a segment to `width` cells, decoration included.
fn side_lines<'a>(
    seg: &'a SegmentDisplay,
    text: &'a StyledText,
    width: usize,
    mode: WidthMode,
    direction: BaseDirection,
) -> Vec<Line<'a>> {
    let deco = &seg.decoration;
    let (first, rest, avail) = fit_decoration(&deco.first, &deco.rest, width, mode);
    let visual = lay_out(text, avail, mode, direction);
    let rtl = visual.rtl;
    visual
        .lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| Line {
            prefix: if i == 0 { first } else { rest },
            text: line,
            rtl,
        })
        .collect()
}

/// The forms a segment's sides are shown in, without search hits: the raw
/// forms when the raw view shows the segment, else the display forms, both
/// with the marks' spans; `None` for a document not opened.
pub fn shown_forms(session: &Session, segment: usize) -> Option<(&StyledText, &StyledText)> {
    if let Some(raw) = raw_of(session, segment) {
        return Some((&raw.source, &raw.target));
    }
    let seg = session.displays.get(session.doc).get(segment)?;
    Some((&seg.source, &seg.target))
}

/// The lines of a segment on both sides, wrapped for the current geometry;
/// search hits and a span being selected come styled.
pub fn segment_lines<'a>(
    session: &'a Session,
    segment: usize,
    geo: &Geometry,
) -> (Vec<Line<'a>>, Vec<Line<'a>>) {
    let Some(seg) = session.displays.get(session.doc).get(segment) else {
        return (Vec::new(), Vec::new());
    };
    let (mut source, mut target) = match raw_of(session, segment) {
        Some(raw) => (&raw.source, &raw.target),
        None => {
            let hits = session.search.ranges(segment);
            (
                hits.map_or(&seg.source, |h| &h.source_text),
                hits.map_or(&seg.target, |h| &h.target_text),
            )
        }
    };
    if let Some(selecting) = session.selecting.as_ref().filter(|s| s.segment == segment) {
        match selecting.side {
            crate::mqm::Side::Source => source = &selecting.text,
            crate::mqm::Side::Target => target = &selecting.text,
        }
    }
    let locale = &session.store.docs[session.doc].locale;
    (
        side_lines(
            seg,
            source,
            geo.left.1 as usize,
            geo.mode,
            BaseDirection::Ltr,
        ),
        side_lines(
            seg,
            target,
            geo.right.1 as usize,
            geo.mode,
            BaseDirection::for_locale(locale),
        ),
    )
}

/// The raw form of a segment when the raw view shows it.
fn raw_of(session: &Session, segment: usize) -> Option<&super::display::RawDisplay> {
    let shown = match session.raw {
        RawView::Off => false,
        RawView::Cursor => segment == session.position().cursor,
        RawView::All => true,
    };
    match shown {
        true => session.displays.raw(session.doc)?.get(segment),
        false => None,
    }
}

/// The context blocks that stand before `segment` (the segment count: after
/// the last), as indices into `Document::context`. Only the whole document
/// shows context: a filtered view puts rows side by side that are not, and
/// a code block would seem to belong to a segment it does not follow.
fn context_before(session: &Session, segment: usize) -> Range<usize> {
    if session.filter != Filter::All {
        return 0..0;
    }
    let context = &session.store.docs[session.doc].context;
    let from = context.partition_point(|c| c.before < segment);
    let to = context.partition_point(|c| c.before <= segment);
    from..to
}

/// Context blocks wrapped across both panes, dimmed by the caller, at most
/// `cap` lines: the last says how many more reading mode would show.
fn context_lines<'a>(
    session: &'a Session,
    blocks: Range<usize>,
    geo: &Geometry,
    cap: usize,
) -> Vec<Line<'a>> {
    if blocks.is_empty() {
        return Vec::new();
    }
    let texts = session.displays.context(session.doc);
    let prefix = Glyphs::for_mode(geo.mode).context;
    let (prefix, _, width) = fit_decoration(prefix, prefix, geo.full.1 as usize, geo.mode);
    let mut lines = Vec::new();
    let mut hidden = 0;
    for text in texts.get(blocks).unwrap_or_default() {
        let visual = lay_out(text, width, geo.mode, BaseDirection::Ltr);
        for line in visual.lines {
            match lines.len() < cap {
                true => lines.push(Line {
                    prefix,
                    text: line,
                    rtl: false,
                }),
                false => hidden += 1,
            }
        }
    }
    if hidden > 0 {
        // The last line kept gives way to the count.
        lines.pop();
        let more = format!("… {} more lines (reading mode shows them)", hidden + 1);
        let width = str_width(&more, geo.mode).min(width);
        lines.push(Line {
            prefix,
            text: VisualLine {
                spans: vec![(Cow::Owned(more), Style::PLAIN)],
                width,
            },
            rtl: false,
        });
    }
    lines
}

fn has_spacer(session: &Session, segment: usize) -> bool {
    let segments = &session.store.docs[session.doc].segments;
    segments
        .get(segment + 1)
        .is_some_and(|next| next.group != segments[segment].group)
}

pub fn row<'a>(session: &'a Session, segment: usize, y: usize, geo: &Geometry) -> Row<'a> {
    let (source, target) = segment_lines(session, segment, geo);
    let content = match geo.arrangement {
        Arrangement::Stacked => source.len() + target.len(),
        _ => source.len().max(target.len()),
    };
    let cap = context_cap(geo.body_height as usize);
    let last = segment + 1 == session.segment_count();
    let after = match last {
        true => context_lines(session, context_before(session, segment + 1), geo, cap),
        false => Vec::new(),
    };
    Row {
        segment,
        y,
        context: context_lines(session, context_before(session, segment), geo, cap),
        source,
        target,
        content,
        after,
        spacer: has_spacer(session, segment),
    }
}

fn row_height(session: &Session, segment: usize, geo: &Geometry) -> usize {
    row(session, segment, 0, geo).height()
}

/// The segments the filter shows, from `from` (included) down or up.
pub fn walk(session: &Session, from: usize, down: bool) -> Box<dyn Iterator<Item = usize> + '_> {
    let count = session.segment_count();
    let range: Box<dyn Iterator<Item = usize>> = match down {
        true => Box::new(from..count),
        false if count == 0 => Box::new(std::iter::empty()),
        false => Box::new((0..=from.min(count - 1)).rev()),
    };
    Box::new(range.filter(move |&s| session.shown(s)))
}

/// The rows on screen, from the view's top segment down.
pub fn rows(session: &Session) -> Vec<Row<'_>> {
    let geo = session.geometry();
    let body = geo.body_height as usize;
    let mut rows = Vec::new();
    let mut y = 0;
    for segment in walk(session, session.position().top, true) {
        if y >= body {
            break;
        }
        let mut row = row(session, segment, y, &geo);
        if rows.is_empty() && session.scrolled > 0 && segment == session.position().cursor {
            row = row.scrolled_up(session.scrolled, geo.arrangement);
        }
        y += row.height();
        rows.push(row);
    }
    rows
}

/// How far the view moves to show the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    /// As little as possible, with no lines kept around the cursor (a page,
    /// a resize).
    Keep,
    /// As little as possible while keeping a few lines around the cursor
    /// (`j`, `k`).
    Step,
    /// A jump (`]`, search, `:`): a target not already in view with lines
    /// around it lands a few lines below the top, so that what comes before
    /// it and much of what follows shows.
    Jump,
    /// A few lines below the top, in view or not (the bottom of the panes is
    /// covered by a list).
    NearTop,
}

/// The top segment that shows `cursor`, moving the view from `top` as
/// `scroll` says. The screen is never left half empty while rows above
/// could fill it (a filtered view with one row above the cursor), and a
/// cursor segment taller than the screen is shown from its start.
pub fn top_for_cursor(session: &Session, cursor: usize, top: usize, scroll: Scroll) -> usize {
    let geo = session.geometry();
    let body = geo.body_height as usize;
    let keep = match scroll {
        Scroll::Keep => 0,
        Scroll::Step | Scroll::Jump | Scroll::NearTop => scrolloff(body),
    };
    let here = row(session, cursor, 0, &geo);
    let text_end = here.above() + here.content;
    // The topmost tops that still show the cursor's text, with and without
    // `keep` lines below it: a walk of one screen at most.
    let below = lines_below(session, cursor, keep, &here, &geo);
    let (mut lowest, mut lowest_with_below) = (cursor, cursor);
    let mut used = text_end;
    for above in walk(session, cursor, false).skip(1) {
        used += row_height(session, above, &geo);
        if used > body {
            break;
        }
        lowest = above;
        if used + below <= body {
            lowest_with_below = above;
        }
    }
    // The bottommost top that shows `keep` lines above the cursor's text.
    let mut need = keep.saturating_sub(here.above());
    let mut highest = cursor;
    for above in walk(session, cursor, false).skip(1) {
        if need == 0 {
            break;
        }
        need = need.saturating_sub(row_height(session, above, &geo));
        highest = above;
    }
    // The cursor's text always shows; the lines above it come before the
    // lines below it, which a tall row in a small window cannot all keep.
    let highest = highest.max(lowest);
    let lowest = lowest_with_below.min(highest);
    let top = match scroll {
        Scroll::Jump if !(lowest..=highest).contains(&top) => highest,
        Scroll::NearTop => return highest,
        _ => top.clamp(lowest, highest),
    };
    fill_screen(session, top, &geo)
}

/// Lines after the cursor's text, up to `keep`: the rest of its row, then
/// the rows below.
fn lines_below(session: &Session, cursor: usize, keep: usize, here: &Row, geo: &Geometry) -> usize {
    let mut lines = here.below() + here.spacer as usize;
    for below in walk(session, cursor, true).skip(1) {
        if lines >= keep {
            break;
        }
        lines += row_height(session, below, geo);
    }
    lines.min(keep)
}

/// `top`, or a top above it when the rows from `top` to the end of the view
/// leave the bottom of the screen empty and rows above could fill it.
fn fill_screen(session: &Session, top: usize, geo: &Geometry) -> usize {
    let body = geo.body_height as usize;
    let mut used = 0;
    for segment in walk(session, top, true) {
        used += row_height(session, segment, geo);
        if used >= body {
            return top;
        }
    }
    let mut first = top;
    for above in walk(session, top, false).skip(1) {
        used += row_height(session, above, geo);
        if used > body {
            break;
        }
        first = above;
    }
    first
}

/// How many shown segments fit on one screen from `from` (included), going
/// down or up.
pub fn segments_in_page(session: &Session, from: usize, down: bool) -> usize {
    let geo = session.geometry();
    let body = geo.body_height as usize;
    let mut used = 0;
    let mut n = 0;
    for segment in walk(session, from, down) {
        used += row_height(session, segment, &geo);
        if used > body {
            break;
        }
        n += 1;
    }
    n
}
