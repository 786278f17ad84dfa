//! Reading mode: one locale's text alone, as a flowing document. The
//! segments of a paragraph, each shown as the panes show it, are joined
//! again and wrapped to the whole width.

use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::mqm::Side;
use crate::text::{
    BaseDirection, Style, StyledText, VisualLine, WrappedLine, display_form, visual_lines, wrap,
};
use crate::tui::action::{Action, ReadingAction};
use crate::tui::cells::{Look, draw_line, fill, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{Glyphs, Highlight, highlighted};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::layout::{Line, fit_decoration};
use crate::tui::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingLine {
    /// The segment the line's first character belongs to; for the
    /// document's context, the segment it stands before.
    pub segment: usize,
    /// The segments whose text starts on this line (none, or several: a
    /// paragraph's segment may start in the middle of a line).
    pub starts: std::ops::Range<usize>,
    /// A line of the document's context (a code block), drawn dimmed.
    pub context: bool,
    pub prefix: String,
    /// The paragraph the line is cut from, and where.
    pub text: Rc<StyledText>,
    pub line: WrappedLine,
}

impl ReadingLine {
    /// The line in visual order, ready to draw.
    pub fn visual(&self, direction: BaseDirection) -> Line<'_> {
        let visual = visual_lines(&self.text, &[self.line], direction);
        Line {
            prefix: &self.prefix,
            rtl: visual.rtl,
            text: visual.lines.into_iter().next().unwrap_or(VisualLine {
                spans: Vec::new(),
                width: 0,
            }),
        }
    }
}

/// The laid-out document and the first line shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub top: usize,
    /// The segment it was opened on, and the top line then: closed
    /// without a move, the review goes back to that segment, not to
    /// another that starts on the same line.
    opened: (usize, usize),
    /// Whether the English source is shown instead of the target.
    pub source: bool,
    pub lines: Vec<ReadingLine>,
}

impl Reading {
    /// Lays out the open document for reading, starting at the line where
    /// `segment` starts (or the context before it).
    pub fn new(session: &Session, source: bool, segment: usize) -> Reading {
        let lines = lines(session, source);
        let top = lines
            .iter()
            .position(|l| l.segment >= segment || l.starts.end > segment)
            .unwrap_or(0);
        Reading {
            top,
            opened: (segment, top),
            source,
            lines,
        }
    }

    /// The segment at the top of the screen: the one it was opened on if
    /// the view has not moved, else the first that starts on the top line,
    /// else the one the line goes on with.
    pub fn segment(&self) -> usize {
        if self.top == self.opened.1 {
            return self.opened.0;
        }
        self.lines
            .get(self.top)
            .map_or(0, |l| match l.starts.is_empty() {
                true => l.segment,
                false => l.starts.start,
            })
    }

    /// What the side shown is called: its language, or (WMT MQM files)
    /// `source` and the system.
    fn locale<'a>(&self, session: &'a Session) -> &'a str {
        let Some(label) = session.displays.label(session.doc) else {
            return "";
        };
        match self.source {
            true => &label.panes.0,
            false => &label.panes.1,
        }
    }

    fn direction(&self, session: &Session) -> BaseDirection {
        match self.source {
            true => BaseDirection::Ltr,
            false => BaseDirection::for_locale(&session.store.docs[session.doc].locale),
        }
    }
}

impl Component for Reading {
    fn mode(&self) -> &'static str {
        "reading"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let Some(action) = keymaps.action::<ReadingAction>(key) else {
            return Outcome::Stay;
        };
        let (top, segment) = (self.top, self.segment());
        let page = (session.geometry().body_height as usize).max(1);
        let last = self.lines.len().saturating_sub(page);
        let new_top = match action {
            ReadingAction::Close => {
                session.go_to(segment);
                return Outcome::Close;
            }
            ReadingAction::SwitchSide => {
                *self = Reading::new(session, !self.source, segment);
                return Outcome::Stay;
            }
            ReadingAction::NextLocale => {
                session.go_to(segment);
                session.next_locale();
                *self = Reading::new(session, self.source, session.position().cursor);
                return Outcome::Stay;
            }
            ReadingAction::Help => return Outcome::Run(Action::Help),
            ReadingAction::LineDown => top + 1,
            ReadingAction::LineUp => top.saturating_sub(1),
            ReadingAction::PageDown => top + page,
            ReadingAction::PageUp => top.saturating_sub(page),
            ReadingAction::HalfPageDown => top + page / 2,
            ReadingAction::HalfPageUp => top.saturating_sub(page / 2),
            ReadingAction::Top => 0,
            ReadingAction::Bottom => last,
        };
        // Opened near the end, the view starts below the last full page: a
        // step from there moves a step, not back up to that page.
        self.top = new_top.min(last.max(top));
        Outcome::Stay
    }

    fn resize(&mut self, session: &Session) {
        *self = Reading::new(session, self.source, self.segment());
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, ReadingAction::SwitchSide, "source/target"),
            Hint::new(keymaps, ReadingAction::NextLocale, "locale"),
            Hint::new(keymaps, ReadingAction::Close, "back"),
        ]
    }

    fn status(&self, session: &Session) -> Option<String> {
        Some(format!(
            " READING {} · line {}/{}",
            self.locale(session),
            self.top + 1,
            self.lines.len()
        ))
    }

    fn covers_panes(&self) -> bool {
        true
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, _area: Rect) {
        let (theme, session) = (ctx.theme, ctx.session);
        let geo = session.geometry();
        fill(buf, Rect::new(0, 1, geo.width, 1), theme.text);
        let title = format!("{} · reading", self.locale(session));
        put(
            buf,
            geo.mode,
            (1, 1),
            &title,
            geo.width as usize,
            theme.pane_title,
        );
        let body = Rect::new(0, geo.body_top, geo.width, geo.body_height);
        fill(buf, body, theme.text);
        let direction = self.direction(session);
        let look = Look {
            theme,
            base: theme.text,
            overlay: None,
            mode: geo.mode,
        };
        let context = Look {
            overlay: Some(theme.dim),
            ..look
        };
        let shown = self.lines.iter().skip(self.top).take(body.height as usize);
        for (i, line) in shown.enumerate() {
            let area = Rect::new(1, body.y + i as u16, geo.width.saturating_sub(2), 1);
            match line.context {
                true => draw_line(buf, area, &line.visual(BaseDirection::Ltr), &context),
                false => draw_line(buf, area, &line.visual(direction), &look),
            }
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30ff | 0x3400..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// Full-width punctuation: no space follows it, whatever comes next.
fn is_full_width_mark(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303f | 0xff01..=0xff0f | 0xff1a..=0xff20 | 0xff5b..=0xff65)
}

/// Sentences of one paragraph were separated by a space in the file, except
/// between Chinese or Japanese sentences, which need none, and after a
/// full-width mark (`。1 つの…`, `。Excel の…`).
fn separator(before: &str, after: &str) -> &'static str {
    let end = before.trim_end().chars().next_back();
    let start = after.trim_start().chars().next();
    match (end, start) {
        (Some(a), _) if is_full_width_mark(a) => "",
        (Some(a), Some(b)) if is_cjk(a) && is_cjk(b) => "",
        (None, _) | (_, None) => "",
        _ => " ",
    }
}

/// The document's context blocks from `next` on that stand before
/// `segment`, as dimmed lines followed by a blank one; returns where the
/// next block is.
fn context_lines(
    session: &Session,
    mut next: usize,
    segment: usize,
    width: usize,
    out: &mut Vec<ReadingLine>,
) -> usize {
    let doc = &session.store.docs[session.doc];
    let texts = session.displays.context(session.doc);
    let geo = session.geometry();
    let glyph = Glyphs::for_mode(geo.mode).context;
    let (prefix, _, avail) = fit_decoration(glyph, glyph, width, geo.mode);
    let last = doc.segments.len().saturating_sub(1);
    while let (Some(context), Some(text)) = (doc.context.get(next), texts.get(next)) {
        if context.before > segment {
            break;
        }
        let text = Rc::new(text.clone());
        for line in wrap(text.text(), avail, geo.mode) {
            out.push(ReadingLine {
                segment: context.before.min(last),
                starts: 0..0,
                context: true,
                prefix: prefix.to_string(),
                text: Rc::clone(&text),
                line,
            });
        }
        out.push(blank(context.before.min(last)));
        next += 1;
    }
    next
}

/// An empty line after a paragraph or a context block.
fn blank(segment: usize) -> ReadingLine {
    ReadingLine {
        segment,
        starts: 0..0,
        context: false,
        prefix: String::new(),
        text: Rc::new(StyledText::default()),
        line: WrappedLine {
            start: 0,
            end: 0,
            width: 0,
        },
    }
}

fn lines(session: &Session, source: bool) -> Vec<ReadingLine> {
    let doc = &session.store.docs[session.doc];
    let displays = session.displays.get(session.doc);
    let geo = session.geometry();
    let width = (geo.width as usize).saturating_sub(2).max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut context = 0;
    while start < doc.segments.len() {
        context = context_lines(session, context, start, width, &mut out);
        let group = doc.segments[start].group;
        let end = (start..doc.segments.len())
            .find(|&i| doc.segments[i].group != group)
            .unwrap_or(doc.segments.len());
        // Join the segments' display forms, each with its marks, and
        // remember where each starts in the joined raw texts.
        let side = if source { Side::Source } else { Side::Target };
        let mut raw = String::new();
        let mut joined = StyledText::default();
        let mut starts = Vec::new();
        for (i, seg) in doc.segments[start..end].iter().enumerate() {
            let text = match source {
                true => seg.source().unwrap_or(""),
                false => seg.target(),
            };
            let gap = separator(&raw, text);
            joined.push_verbatim(gap, raw.len(), Style::PLAIN);
            raw.push_str(gap);
            starts.push(raw.len());
            let lead = text.len() - text.trim_start().len();
            let kept = text.trim().len();
            let at = |offset: usize| offset.saturating_sub(lead).min(kept);
            let marks: Vec<Highlight> = session
                .highlights(session.doc, start + i)
                .into_iter()
                .filter(|mark| mark.side == side)
                .map(|mark| Highlight {
                    raw: at(mark.raw.start)..at(mark.raw.end),
                    ..mark
                })
                .collect();
            let form = highlighted(display_form(text.trim()), side, &marks);
            joined.append(&form, raw.len());
            raw.push_str(text.trim());
        }
        let text = Rc::new(joined);
        let deco = &displays[start].decoration;
        let (first, rest, avail) = fit_decoration(&deco.first, &deco.rest, width, geo.mode);
        for (i, line) in wrap(text.text(), avail, geo.mode).into_iter().enumerate() {
            let raw = text.raw_range(line.start..line.end);
            let within = starts
                .partition_point(|&s| s <= raw.start)
                .saturating_sub(1);
            // A segment starts on the line when its first byte is in it.
            let from = starts.partition_point(|&s| s < raw.start);
            let to = starts.partition_point(|&s| s < raw.end.max(raw.start + 1));
            out.push(ReadingLine {
                segment: start + within,
                starts: start + from..start + to.max(from),
                context: false,
                prefix: if i == 0 { first } else { rest }.to_string(),
                text: Rc::clone(&text),
                line,
            });
        }
        out.push(blank(end - 1));
        start = end;
    }
    context_lines(session, context, usize::MAX, width, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::separator;

    #[test]
    fn sentences_are_joined_as_their_script_writes_them() {
        for (before, after, joined) in [
            ("Select it.", "Then save.", " "),
            ("選びます。", "アクティビティ", ""),
            ("選びます。", "1 つの", ""),
            ("提供します。", "Excel 互換", ""),
            ("選択します", "次に", ""),
            ("Edge で", "Excel", " "),
            ("Wählen Sie.", "", ""),
        ] {
            assert_eq!(separator(before, after), joined, "{before} | {after}");
        }
    }
}
