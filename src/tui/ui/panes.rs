//! The two panes: source left, target right, one segment per row, rows as
//! tall as their taller side. Narrow windows stack source above target.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::{self as cells, Look, fill, put};
use crate::notes::Verdict;
use crate::tui::app::App;
use crate::tui::display::Glyphs;
use crate::tui::layout::{Arrangement, Geometry, Line, Row, rows};

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
            put(
                buf,
                app.width_mode,
                (geo.left.0, y),
                SOURCE_LOCALE,
                geo.left.1 as usize,
                theme.pane_title,
            );
            put(
                buf,
                app.width_mode,
                (geo.right.0, y),
                target,
                geo.right.1 as usize,
                theme.pane_title,
            );
        }
        _ => {
            let title = format!("{SOURCE_LOCALE} above, {target} below");
            put(
                buf,
                app.width_mode,
                (geo.left.0, y),
                &title,
                geo.left.1 as usize,
                theme.pane_title,
            );
        }
    }
}

pub fn draw(app: &App, buf: &mut Buffer, geo: &Geometry) {
    draw_titles(app, buf, geo);
    let body = Rect::new(0, geo.body_top, geo.width, geo.body_height);
    fill(buf, body, app.theme.text);
    let cursor = app.position().cursor;
    if geo.arrangement == Arrangement::SideBySide {
        separator(app, buf, geo, body.top()..body.bottom(), app.theme.text);
    }
    for row in rows(app) {
        let selected = row.segment == cursor;
        draw_row(app, buf, geo, &row, selected);
    }
}

/// The column between the panes, in the style of the rows it crosses.
fn separator(app: &App, buf: &mut Buffer, geo: &Geometry, ys: std::ops::Range<u16>, base: Style) {
    let glyph = Glyphs::for_mode(geo.mode).separator;
    for y in ys {
        put(
            buf,
            app.width_mode,
            (geo.separator, y),
            glyph,
            1,
            base.patch(app.theme.dim),
        );
    }
}

/// One screen line of a row: which line of the row, the pane (column, width),
/// the line (none pads beside a taller side), and a style laid over it.
type Draw<'a> = (usize, (u16, u16), Option<&'a Line<'a>>, Style);

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
    let look = |extra: Style| Look {
        theme,
        base: base.patch(extra),
        overlay: heading,
        mode: geo.mode,
    };
    let mut draws: Vec<Draw> = Vec::new();
    match geo.arrangement {
        Arrangement::Stacked => {
            let below = row.source.len();
            draws.extend(
                row.source
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (i, geo.left, Some(l), theme.dim)),
            );
            draws.extend(
                row.target
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (below + i, geo.right, Some(l), Style::new())),
            );
        }
        _ => {
            for i in 0..row.content {
                draws.push((i, geo.left, row.source.get(i), Style::new()));
                draws.push((i, geo.right, row.target.get(i), Style::new()));
            }
        }
    }
    let bottom = geo.body_top as usize + geo.body_height as usize;
    let top = geo.body_top as usize + row.y;
    let end = (top + row.content).min(bottom);
    // The whole width of the row, gaps between the panes included, is the
    // selection.
    fill(
        buf,
        Rect::new(0, top as u16, geo.width, (end - top) as u16),
        base,
    );
    if top < end {
        gutter(app, buf, row.segment, top as u16, base);
    }
    for (index, (x, width), line, extra) in draws {
        let y = geo.body_top as usize + row.y + index;
        if y >= bottom {
            continue;
        }
        let area = Rect::new(x, y as u16, width, 1);
        match line {
            Some(line) => cells::draw_line(buf, area, line, &look(extra)),
            None => fill(buf, area, base),
        }
    }
    if geo.arrangement == Arrangement::SideBySide {
        separator(app, buf, geo, top as u16..end as u16, base);
    }
}

/// The mark state left of the panes: ✓ ok, ✗ bad, ~ stale, and ! when a
/// check found something not dismissed.
fn gutter(app: &App, buf: &mut Buffer, segment: usize, y: u16, base: Style) {
    let theme = &app.theme;
    let mark = app
        .entry(app.doc, segment)
        .map(|entry| match entry.verdict {
            _ if app.is_stale(app.doc, segment) => ("~", theme.stale),
            Verdict::Ok => ("✓", theme.ok),
            Verdict::Bad => ("✗", theme.bad),
            Verdict::Other(_) => ("?", theme.dim),
        });
    if let Some((glyph, style)) = mark {
        put(buf, app.width_mode, (0, y), glyph, 1, base.patch(style));
    }
    if app.open_findings(app.doc, segment).next().is_some() {
        put(
            buf,
            app.width_mode,
            (1, y),
            "!",
            1,
            base.patch(theme.suspicious),
        );
    }
}
