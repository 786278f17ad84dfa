//! The segment's errors, listed over the bottom of the panes: each with its
//! severity, category and span (stale when its text is gone), and the
//! chosen one's comment in full, wrapped. One can be edited (the mark
//! dialog) or deleted; each change is one step of undo.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::mqm::Placement;
use crate::text::{StyledText, sanitize, str_width};
use crate::tui::action::{Action, ErrorsAction};
use crate::tui::cells::{Look, draw_line, framed_popup, put};
use crate::tui::component::{Component, Context, Hint, Outcome, complain_unbound};
use crate::tui::components::mark_dialog::MarkDialog;
use crate::tui::components::segment_comment::SegmentComment;
use crate::tui::display::{drawn_line, one_line, plural};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::layout::{Line, plain_lines};
use crate::tui::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorList {
    /// The chosen error, from 0.
    pub selected: usize,
    /// The segment listed, of the open document.
    segment: usize,
    /// What is drawn, made when the session changes (`refresh`), never
    /// when a frame is drawn: the title, a row per error, each error's
    /// comment and the segment's, safe to draw.
    title: String,
    rows: Vec<String>,
    comments: Vec<StyledText>,
    on_segment: StyledText,
}

impl ErrorList {
    /// The errors of the segment under the cursor; `Err` says why there is
    /// nothing to list.
    pub fn new(session: &Session, keymaps: &Keymaps) -> Result<ErrorList, String> {
        let segment = session.position().cursor;
        if count(session, segment) == 0 {
            return Err(format!(
                "no errors on this segment; {} adds one, {} marks one on a span",
                keymaps.label(Action::MarkBad),
                keymaps.label(Action::SelectSpan)
            ));
        }
        let mut list = ErrorList {
            selected: 0,
            segment,
            title: String::new(),
            rows: Vec::new(),
            comments: Vec::new(),
            on_segment: StyledText::default(),
        };
        list.refresh(session);
        Ok(list)
    }

    /// After a change: the list follows the segment's errors, and goes when
    /// there are none left or the cursor left the segment (an undo).
    fn follow(&mut self, session: &Session) -> Outcome {
        let count = count(session, self.segment);
        if count == 0 || session.position().cursor != self.segment {
            return Outcome::Close;
        }
        self.selected = self.selected.min(count - 1);
        Outcome::Stay
    }
}

fn count(session: &Session, segment: usize) -> usize {
    session
        .entry(session.doc, segment)
        .map_or(0, |e| e.errors.len())
}

impl Component for ErrorList {
    fn mode(&self) -> &'static str {
        "errors"
    }

    fn refresh(&mut self, session: &Session) {
        let Some(entry) = session.entry(session.doc, self.segment) else {
            return;
        };
        let mode = session.width_mode;
        // Worded as the findings list's title: an id alone (`9`) reads as a count.
        self.title = format!(
            " segment {}: {} ",
            one_line(session.store.docs[session.doc].segments[self.segment].id()),
            plural(entry.errors.len(), "error", "errors")
        );
        // Categories padded to one width, so that the spans line up.
        let labels: Vec<String> = entry
            .errors
            .iter()
            .map(|e| one_line(&e.category_label()))
            .collect();
        let widest = labels.iter().map(|l| str_width(l, mode)).max();
        self.rows = entry
            .errors
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(i, (e, label))| {
                let span = match (&e.span, session.placement(self.segment, e)) {
                    (Some(s), Some(Placement::Stale)) => format!(
                        "  «{}» stale: no longer in the {}",
                        drawn_line(&s.text),
                        s.side.name()
                    ),
                    (Some(s), _) => {
                        format!("  «{}» in the {}", drawn_line(&s.text), s.side.name())
                    }
                    (None, _) => "  the whole segment".to_string(),
                };
                let pad = widest.unwrap_or(0) - str_width(label, mode);
                format!(
                    "{} {:<8} {label}{:pad$}{span}",
                    i + 1,
                    e.severity.name(),
                    ""
                )
            })
            .collect();
        self.comments = entry.errors.iter().map(|e| sanitize(&e.comment)).collect();
        self.on_segment = sanitize(&entry.comment);
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let count = count(session, self.segment);
        match keymaps.action::<ErrorsAction>(key) {
            Some(ErrorsAction::Down) => self.selected = (self.selected + 1).min(count.max(1) - 1),
            Some(ErrorsAction::Up) => self.selected = self.selected.saturating_sub(1),
            Some(ErrorsAction::Edit) => {
                if let Some(dialog) = MarkDialog::edit(session, self.selected) {
                    return Outcome::Push(Box::new(dialog));
                }
            }
            Some(ErrorsAction::Delete) => {
                session.delete_error(self.selected, &keymaps.label(ErrorsAction::Undo));
                return self.follow(session);
            }
            Some(ErrorsAction::Comment) => {
                if let Some(comment) = SegmentComment::new(session) {
                    return Outcome::Push(Box::new(comment));
                }
            }
            Some(ErrorsAction::Undo) => {
                session.undo(false);
                return self.follow(session);
            }
            Some(ErrorsAction::Redo) => {
                session.undo(true);
                return self.follow(session);
            }
            Some(ErrorsAction::Close) => return Outcome::Close,
            None => complain_unbound(session, keymaps, key, "the error list", ErrorsAction::Close),
        }
        Outcome::Stay
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, ErrorsAction::Edit, "edit"),
            Hint::new(keymaps, ErrorsAction::Delete, "delete"),
            Hint::new(keymaps, ErrorsAction::Comment, "segment comment"),
            Hint::new(keymaps, ErrorsAction::Undo, "undo"),
            Hint::new(keymaps, ErrorsAction::Close, "close"),
        ]
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, _area: Rect) {
        let (theme, session) = (ctx.theme, ctx.session);
        let geo = session.geometry();
        let width = geo.width.saturating_sub(4) as usize;
        // Below the list: the chosen error's comment and the segment's, in
        // full, wrapped.
        let texts = [
            ("Comment: ", self.comments.get(self.selected)),
            ("On the segment: ", Some(&self.on_segment)),
        ];
        let below: Vec<(&str, Vec<Line>)> = texts
            .into_iter()
            .filter_map(|(label, text)| Some((label, text.filter(|t| !t.is_empty())?)))
            .map(|(label, text)| (label, plain_lines(text, width.saturating_sub(2), geo.mode)))
            .collect();
        let wanted = self.rows.len() + below.iter().map(|(_, l)| l.len() + 2).sum::<usize>() + 2;
        let want = (wanted as u16).min(geo.body_height * 2 / 3).max(4);
        let popup = Rect::new(0, geo.body_top + geo.body_height - want, geo.width, want);
        let inner = framed_popup(buf, theme, geo.mode, popup, &self.title);
        let mut y = inner.y;
        let bottom = inner.bottom();
        // The list scrolls to keep the chosen error in view.
        let rows = (inner.height as usize).saturating_sub(1).max(1);
        let first = (self.selected + 1).saturating_sub(rows);
        for (i, row) in self.rows.iter().enumerate().skip(first) {
            if y >= bottom {
                break;
            }
            let style = match i == self.selected {
                true => theme.popup.patch(theme.selection),
                false => theme.popup,
            };
            let area = Rect::new(inner.x, y, inner.width, 1);
            crate::tui::cells::fill(buf, area, style);
            put(buf, geo.mode, (inner.x + 1, y), row, width, style);
            y += 1;
        }
        let look = Look {
            theme,
            base: theme.popup,
            overlay: None,
            mode: geo.mode,
        };
        for (label, lines) in &below {
            if y + 1 >= bottom {
                break;
            }
            y += 1;
            put(
                buf,
                geo.mode,
                (inner.x + 1, y),
                label,
                width,
                theme.popup.patch(theme.dim),
            );
            y += 1;
            for line in lines {
                if y >= bottom {
                    break;
                }
                draw_line(
                    buf,
                    Rect::new(inner.x + 3, y, width.saturating_sub(2) as u16, 1),
                    line,
                    &look,
                );
                y += 1;
            }
        }
    }
}
