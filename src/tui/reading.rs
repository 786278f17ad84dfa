//! Reading mode: one locale's text alone, as a flowing document. The segments
//! of a paragraph are joined again and wrapped to the whole screen width.

use std::rc::Rc;

use super::app::App;
use super::layout::{Line, fit_decoration};
use crate::text::display_form;
use crate::text::{BaseDirection, StyledText, VisualLine, WrappedLine, visual_lines, wrap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingLine {
    /// The segment the line's first character belongs to.
    pub segment: usize,
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
    /// Whether the English source is shown instead of the target.
    pub source: bool,
    pub lines: Vec<ReadingLine>,
}

impl Reading {
    /// Lays out the open document for reading, starting at `segment`.
    pub fn new(app: &App, source: bool, segment: usize) -> Reading {
        let lines = lines(app, source);
        let top = lines.iter().position(|l| l.segment >= segment).unwrap_or(0);
        Reading { top, source, lines }
    }

    /// The segment at the top of the screen.
    pub fn segment(&self) -> usize {
        self.lines.get(self.top).map_or(0, |l| l.segment)
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30ff | 0x3400..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// Sentences of one paragraph were separated by a space in the file, except
/// between Chinese or Japanese sentences, which need none.
fn separator(before: &str, after: &str) -> &'static str {
    let end = before.trim_end().chars().next_back();
    let start = after.trim_start().chars().next();
    match (end, start) {
        (Some(a), Some(b)) if is_cjk(a) && is_cjk(b) => "",
        (None, _) | (_, None) => "",
        _ => " ",
    }
}

fn lines(app: &App, source: bool) -> Vec<ReadingLine> {
    let doc = &app.store.docs[app.doc];
    let displays = app.displays.get(app.doc);
    let geo = app.geometry();
    let width = (geo.width as usize).saturating_sub(2).max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while start < doc.segments.len() {
        let group = doc.segments[start].group;
        let end = (start..doc.segments.len())
            .find(|&i| doc.segments[i].group != group)
            .unwrap_or(doc.segments.len());
        // Join the raw texts and remember where each segment starts in them.
        let mut raw = String::new();
        let mut starts = Vec::new();
        for seg in &doc.segments[start..end] {
            let text = match source {
                true => seg.source.as_deref().unwrap_or(""),
                false => seg.target.as_str(),
            };
            raw.push_str(separator(&raw, text));
            starts.push(raw.len());
            raw.push_str(text.trim());
        }
        let text = Rc::new(display_form(&raw));
        let deco = &displays[start].decoration;
        let (first, rest, avail) = fit_decoration(&deco.first, &deco.rest, width, geo.mode);
        for (i, line) in wrap(text.text(), avail, geo.mode).into_iter().enumerate() {
            let raw_at = text.raw_offset(line.start);
            let within = starts.partition_point(|&s| s <= raw_at).saturating_sub(1);
            out.push(ReadingLine {
                segment: start + within,
                prefix: if i == 0 { first } else { rest }.to_string(),
                text: Rc::clone(&text),
                line,
            });
        }
        out.push(ReadingLine {
            segment: end - 1,
            prefix: String::new(),
            text: Rc::new(StyledText::default()),
            line: WrappedLine {
                start: 0,
                end: 0,
                width: 0,
            },
        });
        start = end;
    }
    out
}
