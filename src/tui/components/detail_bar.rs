//! The line about the selected segment: where it is in the file, its mark,
//! the raters' judgments (WMT MQM files) and what the checks found. Made
//! when the cursor, the marks or the findings change, not at every frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use unicode_segmentation::UnicodeSegmentation;

use crate::mqm::{Placement, Severity};
use crate::notes::{Entry, MqmError, Verdict};
use crate::store::wmt::{Rating, RatingKind};
use crate::text::{WidthMode, str_width};
use crate::tui::action::Action;
use crate::tui::cells::{fill, put};
use crate::tui::component::Context;
use crate::tui::display::{drawn_comment, drawn_line, one_line, plural, within};
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::wmt;

/// Graphemes of a comment the line quotes: its start, to tell the errors
/// apart; the error list (`e`) shows it whole.
const COMMENT_START: usize = 24;

/// Graphemes of a rater's span the line quotes: the findings list (`!`)
/// shows it whole.
const SPAN_START: usize = 16;

/// How a piece of the line is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Dim,
    Ok,
    Bad(Option<Severity>),
    Stale,
    Suspicious,
}

impl Tone {
    fn style(self, theme: &Theme) -> Style {
        match self {
            Tone::Dim => theme.dim,
            Tone::Ok => theme.ok,
            Tone::Bad(None) => theme.bad,
            Tone::Bad(Some(severity)) => theme.severity(severity),
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
    pub fn refresh(&mut self, ctx: &Context) {
        let session = ctx.session;
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
        let place = format!(" {} · {} · line {}", seg.id(), seg.block.name(), seg.line);
        self.pieces.push((one_line(&place), Tone::Dim));
        let entry = session.entry(doc, cursor);
        // Before the mark, whose list of errors can fill the line.
        if let Some(entry) = entry.filter(|e| e.verdict.is_some()) {
            let doc_path = &session.store.docs[doc].path;
            let seconds = entry.seconds + session.notes.carried_seconds(doc_path, seg.id());
            if seconds >= 1.0 {
                let time = format!(" · {} on screen", duration(seconds));
                self.pieces.push((time, Tone::Dim));
            }
        }
        if let Some(entry) = entry.filter(|e| e.verdict.is_some()) {
            let mark = match &entry.verdict {
                Some(Verdict::Bad) => {
                    // What the line has left once the place and time are drawn.
                    let used: usize = (self.pieces.iter())
                        .map(|(text, _)| str_width(text, session.width_mode))
                        .sum();
                    let room = (session.size.0 as usize).saturating_sub(used + 4);
                    (
                        format!("  ✗ {}", errors(session, cursor, entry, room)),
                        Tone::Bad(entry.worst_severity()),
                    )
                }
                Some(Verdict::Ok) if entry.reviewer.is_empty() => ("  ✓ ok".into(), Tone::Ok),
                Some(Verdict::Ok) => (format!("  ✓ ok ({})", entry.reviewer), Tone::Ok),
                Some(Verdict::Other(v)) => (format!("  ? {v}"), Tone::Dim),
                None => unreachable!("filtered"),
            };
            self.pieces.push((one_line(&mark.0), mark.1));
        }
        if let Some(entry) = entry.filter(|e| !e.comment.is_empty()) {
            let comment = format!("  “{}”", drawn_comment(&start_of(&entry.comment)));
            self.pieces.push((one_line(&comment), Tone::Dim));
        }
        if entry.is_some_and(|e| e.verdict.is_some()) && session.is_stale(doc, cursor) {
            let stale = "  ~ stale: the target changed since it was marked";
            self.pieces.push((stale.into(), Tone::Stale));
        }
        let document = &session.store.docs[doc];
        for (rater, ratings) in by_rater(wmt::ratings(document, cursor)) {
            if session.scope.rater.as_deref().is_some_and(|r| r != rater) {
                continue;
            }
            self.pieces.push(judged(rater, &ratings));
        }
        let list = ctx.keymaps.label(Action::Findings);
        let open: Vec<_> = session.open_findings(doc, cursor).collect();
        if let Some(first) = open.first() {
            // The count first: the messages are long and the line cuts them.
            let count = match open.len() {
                1 => String::new(),
                n => format!(
                    "{} ({list} lists them) · ",
                    plural(n, "finding", "findings")
                ),
            };
            // The message quotes the target: a Hebrew quote reads right to left.
            let text = format!("  ! {count}{}: {}", first.check, first.message);
            self.pieces.push((drawn_line(&text), Tone::Suspicious));
        } else if session.loading.is_some() {
            self.pieces
                .push(("  checks once every file is loaded".into(), Tone::Dim));
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
/// comment…`, joined by ` · `; a span whose text is no longer in the
/// segment is `~«span»`, as the gutter marks a stale mark `~`.
fn errors(session: &Session, segment: usize, entry: &Entry, room: usize) -> String {
    let mut errors: Vec<&MqmError> = entry.errors.iter().collect();
    errors.sort_by_key(|e| std::cmp::Reverse(e.severity));
    let one = errors.len() == 1;
    let shown: Vec<String> = errors
        .iter()
        .map(|e| {
            // Quoted text in visual order as the panes show it, each quote
            // on its own so that neighbouring ones do not reorder together.
            let span = match (&e.span, session.placement(segment, e)) {
                (Some(span), Some(Placement::Stale)) => format!(" ~«{}»", drawn_line(&span.text)),
                (Some(span), _) => format!(" «{}»", drawn_line(&span.text)),
                (None, _) => String::new(),
            };
            let head = format!("{} {}{span}", e.severity, e.category_label());
            // A lone error's comment is cut to the room the line has, before
            // it is put in visual order: the screen's edge would take a
            // right-to-left comment's start.
            let start = match one {
                true => fitting(
                    &start_of(&e.comment),
                    room.saturating_sub(str_width(&head, session.width_mode) + 2),
                    session.width_mode,
                ),
                false => start_of(&e.comment),
            };
            let comment = match start.is_empty() {
                true => String::new(),
                false => format!(": {}", drawn_comment(&start)),
            };
            format!("{head}{comment}")
        })
        .collect();
    match shown.len() {
        0 | 1 => shown.concat(),
        n => format!("{n} errors: {}", shown.join(" · ")),
    }
}

/// The start of a comment, on one line: whole if short, else its first
/// graphemes and `…`.
fn start_of(comment: &str) -> String {
    first(comment, COMMENT_START)
}

/// As much of the start of `text` as fits in `cells`, `…` marking a cut;
/// nothing when not even a grapheme and `…` fit.
fn fitting(text: &str, cells: usize, mode: WidthMode) -> String {
    if str_width(text, mode) <= cells {
        return text.to_string();
    }
    match within(text.grapheme_indices(true), cells.saturating_sub(1), mode) {
        Some((at, g)) => format!("{}…", text[..at + g.len()].trim_end_matches(['…', ' '])),
        None => String::new(),
    }
}

/// The first `graphemes` of a text, on one line, `…` marking a cut.
fn first(text: &str, graphemes: usize) -> String {
    let line = text.replace('\n', " ");
    match line.grapheme_indices(true).nth(graphemes) {
        Some((at, _)) => format!("{}…", line[..at].trim_end()),
        None => line,
    }
}

/// A segment's ratings by rater, in the order the raters first appear.
fn by_rater(ratings: &[Rating]) -> Vec<(&str, Vec<&Rating>)> {
    let mut raters: Vec<(&str, Vec<&Rating>)> = Vec::new();
    for rating in ratings {
        match raters.iter_mut().find(|(r, _)| *r == rating.rater) {
            Some((_, rows)) => rows.push(rating),
            None => raters.push((&rating.rater, vec![rating])),
        }
    }
    raters
}

/// One rater's judgment of the segment: `rater7 ✗ major
/// Accuracy/Mistranslation «has bottlenecks», minor …`, `rater5 ✓ no
/// error`, an attention check as such; styled by the worst error.
fn judged(rater: &str, ratings: &[&Rating]) -> (String, Tone) {
    let mut errors = Vec::new();
    let mut worst: Option<Severity> = None;
    let mut checks = Vec::new();
    let mut no_error = false;
    for rating in ratings {
        match &rating.kind {
            RatingKind::NoError => no_error = true,
            RatingKind::AttentionCheck { category } => checks.push(category.as_str()),
            RatingKind::Error(e) => {
                let severity = e.severity.parse::<Severity>().ok();
                worst = worst.max(severity);
                let span = e.span.as_ref().map_or(String::new(), |s| {
                    format!(" «{}»", drawn_line(&first(&s.text, SPAN_START)))
                });
                errors.push(format!(
                    "{} {}{span}",
                    e.severity.to_lowercase(),
                    e.category
                ));
            }
        }
    }
    let mut said = Vec::new();
    if !errors.is_empty() {
        said.push(format!("✗ {}", errors.join(", ")));
    }
    if no_error {
        said.push("✓ no error".to_string());
    }
    for category in checks {
        said.push(format!("attention check ({category})"));
    }
    let tone = match (errors.is_empty(), no_error) {
        (false, _) => Tone::Bad(worst),
        (true, true) => Tone::Ok,
        (true, false) => Tone::Dim,
    };
    (one_line(&format!("  {rater} {}", said.join("; "))), tone)
}

/// `14 s`, `3 min 05 s`: time on screen as a reviewer reads it.
fn duration(seconds: f64) -> String {
    let whole = seconds.round() as u64;
    match whole {
        0..60 => format!("{whole} s"),
        _ => format!("{} min {:02} s", whole / 60, whole % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_comments_are_cut_after_their_start_and_times_read_as_minutes() {
        assert_eq!(start_of("short\nand two lines"), "short and two lines");
        assert_eq!(
            start_of("この訳語は原文の意味と合っていないので直してください。"),
            "この訳語は原文の意味と合っていないので直してくだ…"
        );
        assert_eq!(duration(14.2), "14 s");
        assert_eq!(duration(185.0), "3 min 05 s");
    }
}
