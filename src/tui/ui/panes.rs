//! The two panes: source left, target right, one segment per row, rows as
//! tall as their taller side. Narrow windows stack source above target.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::{self as cells, Piece, fill};
use crate::tui::app::App;
use crate::tui::display::Glyphs;
use crate::tui::layout::{Arrangement, GUTTER, Geometry, Line, Row, rows};

const SOURCE_LOCALE: &str = "en-us";

pub fn draw_titles(app: &App, buf: &mut Buffer, geo: &Geometry) {
    let theme = &app.theme;
    let y = 1;
    fill(buf, Rect::new(0, y, geo.width, 1), theme.text);
    let target = app
        .store
        .docs
        .get(app.doc)
        .map_or("", |d| d.locale.as_str());
    match geo.arrangement {
        Arrangement::SideBySide => {
            buf.set_stringn(
                geo.left.0,
                y,
                SOURCE_LOCALE,
                geo.left.1 as usize,
                theme.pane_title,
            );
            buf.set_stringn(
                geo.right.0,
                y,
                target,
                geo.right.1 as usize,
                theme.pane_title,
            );
        }
        _ => {
            let title = format!("{SOURCE_LOCALE} above, {target} below");
            buf.set_stringn(geo.left.0, y, title, geo.left.1 as usize, theme.pane_title);
        }
    }
}

pub fn draw(app: &App, buf: &mut Buffer, geo: &Geometry) {
    draw_titles(app, buf, geo);
    let body = Rect::new(0, geo.body_top, geo.width, geo.body_height);
    fill(buf, body, app.theme.text);
    let cursor = app.position().cursor;
    let glyphs = Glyphs::for_mode(geo.mode);
    for row in rows(app) {
        let selected = row.segment == cursor;
        draw_row(app, buf, geo, &row, selected);
    }
    if geo.arrangement == Arrangement::SideBySide {
        for y in body.top()..body.bottom() {
            buf.set_stringn(geo.separator, y, glyphs.separator, 1, app.theme.dim);
        }
    }
}

/// One screen line of a row: which line of the row, in which pane (column and
/// width), the text (none pads beside a taller side), and how it is styled.
struct PaneLine<'a> {
    index: usize,
    pane: (u16, u16),
    line: Option<&'a Line<'a>>,
    hits: &'a [Range<usize>],
    extra: Style,
}

fn draw_row(app: &App, buf: &mut Buffer, geo: &Geometry, row: &Row, selected: bool) {
    let theme = &app.theme;
    let base = if selected {
        theme.text.patch(theme.selection)
    } else {
        theme.text
    };
    let heading = app
        .displays
        .get(app.doc)
        .get(row.segment)
        .is_some_and(|d| d.decoration.heading)
        .then_some(theme.heading);
    let hits = app.search.ranges(row.segment);
    let (source_hits, target_hits) =
        hits.map_or((&[][..], &[][..]), |h| (&h.source[..], &h.target[..]));

    let mut draws: Vec<PaneLine> = Vec::new();
    let mut add = |index, pane, line, hits, extra| {
        draws.push(PaneLine {
            index,
            pane,
            line,
            hits,
            extra,
        })
    };
    match geo.arrangement {
        Arrangement::Stacked => {
            for (i, line) in row.source.iter().enumerate() {
                add(i, geo.left, Some(line), source_hits, theme.dim);
            }
            for (i, line) in row.target.iter().enumerate() {
                add(
                    row.source.len() + i,
                    geo.right,
                    Some(line),
                    target_hits,
                    Style::new(),
                );
            }
        }
        _ => {
            for i in 0..row.content {
                add(i, geo.left, row.source.get(i), source_hits, Style::new());
                add(i, geo.right, row.target.get(i), target_hits, Style::new());
            }
        }
    }
    let bottom = geo.body_top as usize + geo.body_height as usize;
    for PaneLine {
        index,
        pane: (x, width),
        line,
        hits,
        extra,
    } in draws
    {
        let y = geo.body_top as usize + row.y + index;
        if y >= bottom {
            continue;
        }
        let piece = match line {
            Some(line) => Piece {
                prefix: line.prefix,
                text: line.text,
                range: line.range.clone(),
                hits,
                overlay: heading,
            },
            None => Piece::blank(),
        };
        cells::draw(buf, x, y as u16, width, &piece, theme, base.patch(extra));
        fill(buf, Rect::new(0, y as u16, GUTTER, 1), base);
    }
}
