//! The line about the selected segment: where it is in the file, its mark,
//! and what the checks found. Made when the cursor, the marks or the
//! findings change, not at every frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::notes::{Entry, Verdict};
use crate::tui::cells::{fill, put};
use crate::tui::component::Context;
use crate::tui::display::one_line;
use crate::tui::session::Session;
use crate::tui::theme::Theme;

/// How a piece of the line is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Dim,
    Ok,
    Bad,
    Stale,
    Suspicious,
}

impl Tone {
    fn style(self, theme: &Theme) -> Style {
        match self {
            Tone::Dim => theme.dim,
            Tone::Ok => theme.ok,
            Tone::Bad => theme.bad,
            Tone::Stale => theme.stale,
            Tone::Suspicious => theme.suspicious,
        }
    }
}

#[derive(Debug, Default)]
pub struct DetailBar {
    pieces: Vec<(String, Tone)>,
}

impl DetailBar {
    /// Describes the segment under the cursor.
    pub fn refresh(&mut self, session: &Session) {
        self.pieces.clear();
        let (doc, cursor) = (session.doc, session.position().cursor);
        let Some(seg) = session
            .store
            .docs
            .get(doc)
            .and_then(|d| d.segments.get(cursor))
        else {
            return;
        };
        let place = format!(" {} · {} · line {}", seg.id, seg.block.name(), seg.line);
        self.pieces.push((one_line(&place), Tone::Dim));
        if let Some(entry) = session.entry(doc, cursor).filter(|e| e.verdict.is_some()) {
            let mark = match &entry.verdict {
                Some(Verdict::Bad) => (format!("  ✗ {}", errors(entry)), Tone::Bad),
                Some(Verdict::Ok) => (format!("  ✓ ok ({})", entry.reviewer), Tone::Ok),
                Some(Verdict::Other(v)) => (format!("  ? {v}"), Tone::Dim),
                None => unreachable!("filtered"),
            };
            self.pieces.push((one_line(&mark.0), mark.1));
            if !entry.comment.is_empty() {
                let comment = format!("  “{}”", entry.comment);
                self.pieces.push((one_line(&comment), Tone::Dim));
            }
            if session.is_stale(doc, cursor) {
                let stale = "  ~ stale: the target changed since it was marked";
                self.pieces.push((stale.into(), Tone::Stale));
            }
        }
        let open: Vec<_> = session.open_findings(doc, cursor).collect();
        if let Some(first) = open.first() {
            let more = match open.len() {
                1 => String::new(),
                n => format!(" (+{} more)", n - 1),
            };
            let text = format!("  ! {}: {}{more}", first.check, first.message);
            self.pieces.push((one_line(&text), Tone::Suspicious));
        } else if !session.findings.ready {
            self.pieces.push(("  checking…".into(), Tone::Dim));
        }
    }

    pub fn draw(&self, ctx: &Context, buf: &mut Buffer, area: Rect) {
        fill(buf, area, ctx.theme.text);
        let mut x = area.x;
        for (text, tone) in &self.pieces {
            if x >= area.right() {
                break;
            }
            let room = (area.right() - x) as usize;
            let style = tone.style(ctx.theme);
            x = put(buf, ctx.session.width_mode, (x, area.y), text, room, style);
        }
    }
}

/// A bad entry's errors, worst first, each as `severity Category «span»:
/// comment`, joined by ` · `.
fn errors(entry: &Entry) -> String {
    let mut errors: Vec<_> = entry.errors.iter().collect();
    errors.sort_by_key(|e| std::cmp::Reverse(e.severity));
    let shown: Vec<String> = errors
        .iter()
        .map(|e| {
            let span = e
                .span
                .as_ref()
                .map_or(String::new(), |s| format!(" «{}»", s.text));
            let comment = match e.comment.is_empty() {
                true => String::new(),
                false => format!(": {}", e.comment),
            };
            format!("{} {}{span}{comment}", e.severity, e.category_label())
        })
        .collect();
    match shown.len() {
        0 | 1 => shown.concat(),
        n => format!("{n} errors: {}", shown.join(" · ")),
    }
}
