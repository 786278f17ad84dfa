//! Where everything goes on screen, and which segments are visible.
//!
//! Work is proportional to the visible rows, never to the document: the view
//! is anchored on its top segment, and only the segments from there down to
//! the bottom of the screen are wrapped. Navigation (keep the cursor visible,
//! page up and down) walks segment heights from the cursor the same way.

use super::app::App;
use super::display::SegmentDisplay;
use crate::text::{BaseDirection, StyledText, VisualLine, WidthMode, lay_out, str_width};

/// Narrower than this, the panes are stacked: source above target.
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 70;
/// Smaller than this, only a "too small" line is drawn.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// From this height on, a line about the selected segment sits above the status bar.
const DETAIL_MIN_HEIGHT: u16 = 10;
/// Cells left of the panes for the mark state.
pub const GUTTER: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    SideBySide,
    Stacked,
    TooSmall,
}

/// The screen's regions for a terminal size. Rows: top bar, pane titles, body,
/// status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub width: u16,
    pub height: u16,
    pub arrangement: Arrangement,
    pub body_top: u16,
    pub body_height: u16,
    /// Row of the line about the selected segment (id, mark, findings), in
    /// windows tall enough for it.
    pub detail: Option<u16>,
    /// Column and width of the source pane (the only pane when stacked).
    pub left: (u16, u16),
    /// Column of the separator and column and width of the target pane.
    pub separator: u16,
    pub right: (u16, u16),
    pub mode: WidthMode,
}

impl Geometry {
    pub fn new((width, height): (u16, u16), mode: WidthMode) -> Geometry {
        let arrangement = if width < MIN_WIDTH || height < MIN_HEIGHT {
            Arrangement::TooSmall
        } else if width < SIDE_BY_SIDE_MIN_WIDTH {
            Arrangement::Stacked
        } else {
            Arrangement::SideBySide
        };
        let panes = width.saturating_sub(GUTTER);
        let detail = (height >= DETAIL_MIN_HEIGHT).then(|| height - 2);
        let (left, separator, right) = match arrangement {
            Arrangement::SideBySide => {
                // ` │ ` between the panes; the target gets the odd cell.
                let left_w = (panes - 3) / 2;
                let right_w = panes - 3 - left_w;
                (
                    (GUTTER, left_w),
                    GUTTER + left_w + 1,
                    (GUTTER + left_w + 3, right_w),
                )
            }
            _ => ((GUTTER, panes), width, (GUTTER, panes)),
        };
        Geometry {
            width,
            height,
            arrangement,
            body_top: 2,
            body_height: height.saturating_sub(3 + detail.is_some() as u16),
            detail,
            left,
            separator,
            right,
            mode,
        }
    }
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
    app: &'a App,
    segment: usize,
    geo: &Geometry,
) -> (Vec<Line<'a>>, Vec<Line<'a>>) {
    let Some(seg) = app.displays.get(app.doc).get(segment) else {
        return (Vec::new(), Vec::new());
    };
    let hits = app.search.ranges(segment);
    let source = hits.map_or(&seg.source, |h| &h.source_text);
    let target = hits.map_or(&seg.target, |h| &h.target_text);
    let locale = &app.store.docs[app.doc].locale;
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

fn has_spacer(app: &App, segment: usize) -> bool {
    let segments = &app.store.docs[app.doc].segments;
    segments
        .get(segment + 1)
        .is_some_and(|next| next.group != segments[segment].group)
}

pub fn row<'a>(app: &'a App, segment: usize, y: usize, geo: &Geometry) -> Row<'a> {
    let (source, target) = segment_lines(app, segment, geo);
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
        spacer: has_spacer(app, segment),
    }
}

fn row_height(app: &App, segment: usize, geo: &Geometry) -> usize {
    row(app, segment, 0, geo).height()
}

/// The segments the filter shows, from `from` (included) down or up.
pub fn walk(app: &App, from: usize, down: bool) -> Box<dyn Iterator<Item = usize> + '_> {
    let count = app.segment_count();
    let range: Box<dyn Iterator<Item = usize>> = match down {
        true => Box::new(from..count),
        false if count == 0 => Box::new(std::iter::empty()),
        false => Box::new((0..=from.min(count - 1)).rev()),
    };
    Box::new(range.filter(move |&s| app.shown(s)))
}

/// The rows on screen, from the view's top segment down.
pub fn rows(app: &App) -> Vec<Row<'_>> {
    let geo = app.geometry();
    let body = geo.body_height as usize;
    let mut rows = Vec::new();
    let mut y = 0;
    for segment in walk(app, app.position().top, true) {
        if y >= body {
            break;
        }
        let row = row(app, segment, y, &geo);
        y += row.height();
        rows.push(row);
    }
    rows
}

/// The top segment that shows `cursor` while scrolling as little as possible
/// from `top`; a cursor segment taller than the screen is shown from its start.
pub fn top_for_cursor(app: &App, cursor: usize, top: usize) -> usize {
    if cursor <= top {
        return cursor;
    }
    let geo = app.geometry();
    let body = geo.body_height as usize;
    // Walk up from the cursor until the screen is full; stop early at `top`.
    let mut used = row(app, cursor, 0, &geo).content;
    let mut first = cursor;
    for above in walk(app, cursor, false).skip(1) {
        if above < top {
            break;
        }
        used += row_height(app, above, &geo);
        if used > body {
            break;
        }
        first = above;
    }
    first
}

/// How many shown segments fit on one screen from `from` (included), going
/// down or up.
pub fn segments_in_page(app: &App, from: usize, down: bool) -> usize {
    let geo = app.geometry();
    let body = geo.body_height as usize;
    let mut used = 0;
    let mut n = 0;
    for segment in walk(app, from, down) {
        used += row_height(app, segment, &geo);
        if used > body {
            break;
        }
        n += 1;
    }
    n
}
