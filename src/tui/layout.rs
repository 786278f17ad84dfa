//! Which segments are visible and how their rows are laid out in the panes.
//!
//! Work is proportional to the visible rows, never to the document: the view
//! is anchored on its top segment, and only the segments from there down to
//! the bottom of the screen are wrapped. Navigation (keep the cursor visible,
//! page up and down) walks segment heights from the cursor the same way.

use super::display::SegmentDisplay;
use super::geometry::{Arrangement, Geometry};
use super::session::Session;
use crate::text::{BaseDirection, StyledText, VisualLine, WidthMode, lay_out, str_width};

/// One screen line of one side of a segment, in visual order.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Block decoration (`• `, `## `) or indentation before the text.
    pub prefix: &'a str,
    pub text: VisualLine<'a>,
    /// Right-to-left paragraph: drawn right-aligned, decoration on the right.
    pub rtl: bool,
}

/// A visible segment: its lines on each side and where it starts on screen.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub segment: usize,
    /// First body line of the row.
    pub y: usize,
    pub source: Vec<Line<'a>>,
    pub target: Vec<Line<'a>>,
    /// Lines of text (the taller side, or both sides when stacked).
    pub content: usize,
    /// Whether a blank line follows: the next segment starts another block.
    pub spacer: bool,
}

impl Row<'_> {
    pub fn height(&self) -> usize {
        self.content + self.spacer as usize
    }
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

/// The lines of a segment on both sides, wrapped for the current geometry;
/// search hits come styled.
pub fn segment_lines<'a>(
    session: &'a Session,
    segment: usize,
    geo: &Geometry,
) -> (Vec<Line<'a>>, Vec<Line<'a>>) {
    let Some(seg) = session.displays.get(session.doc).get(segment) else {
        return (Vec::new(), Vec::new());
    };
    let hits = session.search.ranges(segment);
    let source = hits.map_or(&seg.source, |h| &h.source_text);
    let target = hits.map_or(&seg.target, |h| &h.target_text);
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
    Row {
        segment,
        y,
        source,
        target,
        content,
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
        let row = row(session, segment, y, &geo);
        y += row.height();
        rows.push(row);
    }
    rows
}

/// The top segment that shows `cursor` while scrolling as little as possible
/// from `top`; a cursor segment taller than the screen is shown from its start.
pub fn top_for_cursor(session: &Session, cursor: usize, top: usize) -> usize {
    if cursor <= top {
        return cursor;
    }
    let geo = session.geometry();
    let body = geo.body_height as usize;
    // Walk up from the cursor until the screen is full; stop early at `top`.
    let mut used = row(session, cursor, 0, &geo).content;
    let mut first = cursor;
    for above in walk(session, cursor, false).skip(1) {
        if above < top {
            break;
        }
        used += row_height(session, above, &geo);
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
