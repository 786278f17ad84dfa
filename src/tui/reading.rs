//! Reading mode: one locale's text alone, as a flowing document. The segments
//! of a paragraph are joined again and wrapped to the whole screen width.

use std::ops::Range;
use std::rc::Rc;

use super::app::App;
use super::display::styled;
use crate::text::{StyledText, str_width, wrap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingLine {
    /// The segment the line's first character belongs to.
    pub segment: usize,
    pub prefix: String,
    pub text: Rc<StyledText>,
    pub range: Range<usize>,
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
        let text = Rc::new(styled(&raw));
        let deco = &displays[start].decoration;
        let prefix_width = str_width(&deco.first, geo.mode).max(str_width(&deco.rest, geo.mode));
        let avail = width.saturating_sub(prefix_width).max(1);
        for (i, line) in wrap(text.text(), avail, geo.mode).into_iter().enumerate() {
            let raw_at = text.raw_offset(line.start);
            let within = starts.partition_point(|&s| s <= raw_at).saturating_sub(1);
            out.push(ReadingLine {
                segment: start + within,
                prefix: if i == 0 {
                    deco.first.clone()
                } else {
                    deco.rest.clone()
                },
                text: Rc::clone(&text),
                range: line.range(),
            });
        }
        out.push(ReadingLine {
            segment: end - 1,
            prefix: String::new(),
            text: Rc::new(StyledText::default()),
            range: 0..0,
        });
        start = end;
    }
    out
}
