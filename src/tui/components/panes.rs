//! The two panes: source left, target right, one segment per row, rows as
//! tall as their taller side. Narrow windows stack source above target.
//!
//! The panes are normal mode, the bottom of the mode stack: their keys are
//! the normal keymap's actions, which `App::update` carries out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::notes::Verdict;
use crate::tui::action::Action;
use crate::tui::cells::{self, Look, fill, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::Glyphs;
use crate::tui::geometry::{Arrangement, Geometry};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::layout::{Line, Row, rows};
use crate::tui::session::Session;

/// The largest count a reviewer can type before a key.
const MAX_COUNT: usize = 99_999;

/// Normal mode's component. The cursor and the view's top are the
/// session's, one per document, so that they survive a trip elsewhere.
#[derive(Debug, Default)]
pub struct Panes {
    /// Digits typed before a key, as in vi: `40G` goes to segment 40, `5j`
    /// moves five down. A digit the keymap binds is that action instead.
    pub count: Option<usize>,
}

impl Component for Panes {
    fn mode(&self) -> &'static str {
        "normal"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let action = keymaps.action::<Action>(key);
        let digit = key.text().and_then(|c| c.to_digit(10)).filter(|_| !key.alt);
        if let (None, Some(digit)) = (action, digit)
            && (digit > 0 || self.count.is_some())
        {
            let count = (self.count.unwrap_or(0) * 10 + digit as usize).min(MAX_COUNT);
            self.count = Some(count);
            session.say(format!(
                "{count}: the next key moves {count} times or to segment {count}"
            ));
            return Outcome::Stay;
        }
        let count = self.count.take();
        match (action, count) {
            (Some(action), Some(count)) => Outcome::Repeat(action, count),
            (Some(action), None) => Outcome::Run(action),
            (None, _) => {
                let help = keymaps.label(Action::Help);
                session.complain(format!("{key} is not bound; {help} lists the keys"));
                Outcome::Stay
            }
        }
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        [
            (Action::MarkOk, "ok"),
            (Action::MarkBad, "bad"),
            (Action::Undo, "undo"),
            (Action::NextFlagged, "next flag"),
            (Action::Search, "search"),
            (Action::Help, "help"),
        ]
        .into_iter()
        .map(|(action, what)| Hint::new(keymaps, action, what))
        .collect()
    }

    fn covers_panes(&self) -> bool {
        true
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, _area: Rect) {
        let geo = ctx.session.geometry();
        draw_titles(ctx, buf, &geo);
        let body = Rect::new(0, geo.body_top, geo.width, geo.body_height);
        fill(buf, body, ctx.theme.text);
        let cursor = ctx.session.position().cursor;
        if geo.arrangement == Arrangement::SideBySide {
            separator(ctx, buf, &geo, body.top()..body.bottom(), ctx.theme.text);
        }
        for row in rows(ctx.session) {
            let selected = row.segment == cursor;
            draw_row(ctx, buf, &geo, &row, selected);
        }
    }
}

fn draw_titles(ctx: &Context, buf: &mut Buffer, geo: &Geometry) {
    let (theme, session) = (ctx.theme, ctx.session);
    let y = 1;
    fill(buf, Rect::new(0, y, geo.width, 1), theme.text);
    let (source, target) = session
        .displays
        .label(session.doc)
        .map_or(("", ""), |l| (l.panes.0.as_str(), l.panes.1.as_str()));
    match geo.arrangement {
        Arrangement::SideBySide => {
            put(
                buf,
                session.width_mode,
                (geo.left.0, y),
                source,
                geo.left.1 as usize,
                theme.pane_title,
            );
            put(
                buf,
                session.width_mode,
                (geo.right.0, y),
                target,
                geo.right.1 as usize,
                theme.pane_title,
            );
        }
        _ => {
            let title = format!("{source} above, {target} below");
            put(
                buf,
                session.width_mode,
                (geo.left.0, y),
                &title,
                geo.left.1 as usize,
                theme.pane_title,
            );
        }
    }
}

/// The column between the panes, in the style of the rows it crosses.
fn separator(
    ctx: &Context,
    buf: &mut Buffer,
    geo: &Geometry,
    ys: std::ops::Range<u16>,
    base: Style,
) {
    let glyph = Glyphs::for_mode(geo.mode).separator;
    for y in ys {
        put(
            buf,
            geo.mode,
            (geo.separator, y),
            glyph,
            1,
            base.patch(ctx.theme.dim),
        );
    }
}

/// One screen line of a row: which line of the row, the pane (column, width),
/// the line (none pads beside a taller side), and a style laid over it.
type Draw<'a> = (usize, (u16, u16), Option<&'a Line<'a>>, Style);

fn draw_row(ctx: &Context, buf: &mut Buffer, geo: &Geometry, row: &Row, selected: bool) {
    let (theme, session) = (ctx.theme, ctx.session);
    let base = if selected {
        theme.text.patch(theme.selection)
    } else {
        theme.text
    };
    let heading = session
        .displays
        .get(session.doc)
        .get(row.segment)
        .is_some_and(|d| d.decoration.heading)
        .then_some(theme.heading);
    let look = |extra: Style| Look {
        theme,
        base: base.patch(extra),
        overlay: heading,
        mode: geo.mode,
    };
    let first = row.above();
    let mut draws: Vec<Draw> = Vec::new();
    match geo.arrangement {
        Arrangement::Stacked => {
            let below = first + row.source.len();
            draws.extend(
                row.source
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (first + i, geo.left, Some(l), theme.dim)),
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
                draws.push((first + i, geo.left, row.source.get(i), Style::new()));
                draws.push((first + i, geo.right, row.target.get(i), Style::new()));
            }
        }
    }
    let bottom = geo.body_top as usize + geo.body_height as usize;
    let top = (geo.body_top as usize + row.y + first).min(bottom);
    let end = (top + row.content).min(bottom);
    // The whole width of the row, gaps between the panes included, is the
    // selection.
    fill(
        buf,
        Rect::new(0, top as u16, geo.width, (end - top) as u16),
        base,
    );
    if top < end {
        gutter(ctx, buf, row.segment, top as u16, base);
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
    let after = first + row.content + 1;
    draw_context(ctx, buf, geo, row.y, &row.context, 0);
    draw_context(ctx, buf, geo, row.y, &row.after, after);
    if geo.arrangement == Arrangement::SideBySide {
        separator(ctx, buf, geo, top as u16..end as u16, base);
    }
}

/// The document's context (a code block, an include) across both panes,
/// dimmed: it is there to be read, not reviewed.
fn draw_context(
    ctx: &Context,
    buf: &mut Buffer,
    geo: &Geometry,
    row_y: usize,
    lines: &[Line],
    from: usize,
) {
    let bottom = geo.body_top as usize + geo.body_height as usize;
    let look = Look {
        theme: ctx.theme,
        base: ctx.theme.text,
        overlay: Some(ctx.theme.dim),
        mode: geo.mode,
    };
    for (i, line) in lines.iter().enumerate() {
        let y = geo.body_top as usize + row_y + from + i;
        if y >= bottom {
            break;
        }
        let area = Rect::new(geo.full.0, y as u16, geo.full.1, 1);
        cells::draw_line(buf, area, line, &look);
    }
}

/// The mark state left of the panes: ✓ ok, ✗ bad (styled by its worst
/// error's severity), ~ stale, and ! when a check found something not
/// dismissed.
fn gutter(ctx: &Context, buf: &mut Buffer, segment: usize, y: u16, base: Style) {
    let (theme, session) = (ctx.theme, ctx.session);
    let mark = session
        .entry(session.doc, segment)
        .and_then(|entry| match entry.verdict {
            // Dismissed findings alone are no mark.
            None => None,
            _ if session.is_stale(session.doc, segment) => Some(("~", theme.stale)),
            Some(Verdict::Ok) => Some(("✓", theme.ok)),
            Some(Verdict::Bad) => Some((
                "✗",
                entry
                    .worst_severity()
                    .map_or(theme.bad, |s| theme.severity(s)),
            )),
            Some(Verdict::Other(_)) => Some(("?", theme.dim)),
        });
    if let Some((glyph, style)) = mark {
        put(buf, session.width_mode, (0, y), glyph, 1, base.patch(style));
    }
    if session.open_findings(session.doc, segment).next().is_some() {
        put(
            buf,
            session.width_mode,
            (1, y),
            "!",
            1,
            base.patch(theme.suspicious),
        );
    }
}
